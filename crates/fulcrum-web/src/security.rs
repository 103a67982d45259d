//! What keeps a local server local: the Host check against DNS rebinding, the Origin check
//! and CSRF token for changes, and response headers that keep pages from being framed or
//! their addresses leaked.

use crate::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use fulcrum_app::{AppError, Result};
use std::net::{IpAddr, SocketAddr};

/// A fresh random secret for this process, as 64 hex digits.
pub fn new_secret() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| AppError::Failed(format!("no randomness for the form token: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Compares a submitted token with the secret in time independent of where they differ.
pub fn token_matches(secret: &str, submitted: &str) -> bool {
    let (a, b) = (secret.as_bytes(), submitted.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Splits `host[:port]`, `[v6][:port]`; `None` when it is neither.
fn split_host(value: &str) -> Option<(&str, Option<u16>)> {
    let (name, port) = if let Some(rest) = value.strip_prefix('[') {
        let (inside, after) = rest.split_once(']')?;
        match after {
            "" => (inside, None),
            p => (inside, Some(p.strip_prefix(':')?)),
        }
    } else {
        match value.split_once(':') {
            Some((n, p)) if !p.contains(':') => (n, Some(p)),
            Some(_) => return None,
            None => (value, None),
        }
    };
    let port = match port {
        Some(p) => Some(p.parse::<u16>().ok()?),
        None => None,
    };
    (!name.is_empty()).then_some((name, port))
}

/// Whether a request's `Host` names this server: `localhost`, a loopback address, or the
/// address the server is bound to. A page on another domain that rebinds its name to
/// 127.0.0.1 still sends its own name, and is refused. When the server listens on every
/// interface (`0.0.0.0`), any IP address with the server's port is accepted as well: a
/// rebinding attack needs a domain name, never a literal address.
pub fn host_allowed(host: &str, bound: SocketAddr) -> bool {
    let Some((name, port)) = split_host(host.trim()) else {
        return false;
    };
    if name.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let Ok(ip) = name.parse::<IpAddr>() else {
        return false;
    };
    if ip.is_loopback() {
        return true;
    }
    let port_matches = port.unwrap_or(80) == bound.port();
    (ip == bound.ip() || bound.ip().is_unspecified()) && port_matches
}

/// The Origin of a form post, if the browser sent one, must be this server too.
fn origin_allowed(origin: &str, bound: SocketAddr) -> bool {
    match origin.strip_prefix("http://") {
        Some(rest) => host_allowed(rest.trim_end_matches('/'), bound),
        None => false,
    }
}

fn refuse(status: StatusCode, message: &str) -> Response {
    let mut resp = (status, format!("{message}\n")).into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    resp
}

/// How long one request may take before the server gives up on it. Every answer Fulcrum
/// gives is bounded well below this; the budget is the backstop for what was not foreseen.
pub const REQUEST_BUDGET: std::time::Duration = std::time::Duration::from_secs(30);

/// What the browser says about where a request comes from (`Sec-Fetch-*`). Browsers send
/// these on every request; other clients (curl, scripts) do not, and are not a web page.
struct Fetch<'a> {
    site: Option<&'a str>,
    mode: Option<&'a str>,
    dest: Option<&'a str>,
}

impl<'a> Fetch<'a> {
    fn of(headers: &'a axum::http::HeaderMap) -> Fetch<'a> {
        let get = |name: &str| headers.get(name).and_then(|h| h.to_str().ok());
        Fetch {
            site: get("sec-fetch-site"),
            mode: get("sec-fetch-mode"),
            dest: get("sec-fetch-dest"),
        }
    }

    /// Sent by a page of another origin. `same-site` is another origin too: a page on another
    /// port of this machine.
    fn sent_by_another_site(&self) -> bool {
        matches!(self.site, Some("cross-site" | "same-site"))
    }

    /// The user followed a link to a page (not an image, a script, a fetch or a frame).
    fn top_level_navigation(&self) -> bool {
        self.mode == Some("navigate") && self.dest.is_none_or(|d| d == "document")
    }
}

/// An HTML page a link may open, as opposed to data, downloads and assets.
fn is_page(path: &str) -> bool {
    !(path.starts_with("/api/")
        || path.starts_with("/assets/")
        || path.ends_with(".ics")
        || path.ends_with(".md"))
}

/// Another site may link to Fulcrum's pages and nothing else; the page it opens is the plain
/// one (its query dropped), so a link can never make the server do more than a click on the
/// menu would. `None` when the request is refused.
fn from_another_site(navigation: bool, mut req: Request) -> Option<Request> {
    if !navigation || !is_page(req.uri().path()) {
        return None;
    }
    if req.uri().query().is_some() {
        let path = req.uri().path().to_string();
        *req.uri_mut() = path.parse().ok()?;
    }
    Some(req)
}

/// The origin (`http://host[:port]`) a `Referer` address names.
fn origin_of_referer(referer: &str) -> Option<&str> {
    let rest = referer.strip_prefix("http://")?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    Some(&referer[..("http://".len() + end)])
}

/// Whether a change was sent by one of this server's own pages, as far as the browser says:
/// refused when `Sec-Fetch-Site` names another site, or when the `Origin` (or, without one,
/// the `Referer`) is another server. Clients that are not browsers send none of these; the
/// form token still decides for them.
#[allow(clippy::result_large_err)]
pub fn same_origin(headers: &axum::http::HeaderMap, bound: SocketAddr) -> Result<(), Response> {
    let get = |name: header::HeaderName| headers.get(name).and_then(|h| h.to_str().ok());
    let fetch = Fetch::of(headers);
    // Browsers send `Origin: null` in some private contexts; the token still decides.
    let same_origin = fetch.site == Some("same-origin");
    let foreign = match get(header::ORIGIN) {
        Some(o) => !(origin_allowed(o, bound) || (o == "null" && same_origin)),
        None => get(header::REFERER)
            .is_some_and(|r| origin_of_referer(r).is_none_or(|o| !origin_allowed(o, bound))),
    };
    if fetch.sent_by_another_site() || foreign {
        return Err(refuse(
            StatusCode::FORBIDDEN,
            "Changes to Fulcrum must come from its own pages.",
        ));
    }
    Ok(())
}

/// Counts requests being worked on; a request that ends, fails or is dropped (its client
/// went away) leaves the count.
#[derive(Debug, Default)]
pub struct InFlight(std::sync::atomic::AtomicUsize);

pub struct Working<'a>(&'a InFlight);

impl InFlight {
    pub fn now(&self) -> usize {
        self.0.load(std::sync::atomic::Ordering::SeqCst)
    }

    fn enter(&self) -> Working<'_> {
        self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Working(self)
    }
}

impl Drop for Working<'_> {
    fn drop(&mut self) {
        (self.0).0.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    }
}

/// Runs before every route: refuses foreign hosts and cross-site reads (changes are checked
/// by [`crate::extract::CheckedForm`], the only way a handler reads a form), bounds the time
/// a request may take, adds the headers. A client that disconnects drops the request's
/// future, which stops its work at the next await.
pub async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_string)
        .or_else(|| req.uri().authority().map(|a| a.to_string()));
    if !host.is_some_and(|h| host_allowed(&h, state.bound)) {
        return refuse(
            StatusCode::FORBIDDEN,
            "Fulcrum answers only requests addressed to this machine (localhost or 127.0.0.1).",
        );
    }
    let (another_site, navigation) = {
        let fetch = Fetch::of(req.headers());
        (fetch.sent_by_another_site(), fetch.top_level_navigation())
    };
    let is_read = req.method() == Method::GET || req.method() == Method::HEAD;
    let req = if is_read && another_site {
        match from_another_site(navigation, req) {
            Some(r) => r,
            None => {
                return refuse(
                    StatusCode::FORBIDDEN,
                    "Fulcrum's data is only for its own pages; another site may only link to a page.",
                );
            }
        }
    } else {
        req
    };
    let started = std::time::Instant::now();
    let _working = state.in_flight.enter();
    let budget = state.request_budget();
    let mut resp = match tokio::time::timeout(budget, next.run(req)).await {
        Ok(resp) => resp,
        Err(_) => refuse(
            StatusCode::SERVICE_UNAVAILABLE,
            &format!(
                "Fulcrum stopped working on this request after {} s; ask for less (a shorter \
                 period) or try again.",
                budget.as_secs_f64()
            ),
        ),
    };
    let h = resp.headers_mut();
    // How long the server worked on the request, for the benchmark and the browser's tools.
    if let Ok(v) = HeaderValue::from_str(&format!(
        "app;dur={:.2}",
        started.elapsed().as_secs_f64() * 1000.0
    )) {
        h.insert("server-timing", v);
    }
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; style-src-attr 'unsafe-inline'; \
             script-src 'self'; img-src 'self' data:; form-action 'self'; \
             frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // Subscription addresses are secrets; never pass them to another site.
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_machine_is_a_valid_host() {
        let bound: SocketAddr = "127.0.0.1:7878".parse().unwrap();
        for ok in [
            "localhost",
            "localhost:7878",
            "LOCALHOST:9",
            "127.0.0.1",
            "127.0.0.1:7878",
            "[::1]",
            "[::1]:7878",
        ] {
            assert!(host_allowed(ok, bound), "{ok}");
        }
        for bad in [
            "evil.example.com",
            "evil.example.com:7878",
            "localhost.evil.example.com",
            "127.0.0.1.nip.io:7878",
            "192.168.1.10:7878",
            "",
            ":7878",
            "localhost:notaport",
            "::1",
            "[::1",
        ] {
            assert!(!host_allowed(bad, bound), "{bad}");
        }
        let lan: SocketAddr = "192.168.1.10:8080".parse().unwrap();
        assert!(host_allowed("192.168.1.10:8080", lan));
        assert!(!host_allowed("192.168.1.10:9090", lan));
        assert!(!host_allowed("fulcrum.lan:8080", lan));
        let any: SocketAddr = "0.0.0.0:8080".parse().unwrap();
        assert!(host_allowed("10.0.0.7:8080", any));
        assert!(!host_allowed("10.0.0.7:8081", any));
        assert!(!host_allowed("attacker.example:8080", any));
    }

    #[test]
    fn tokens_compare_whole() {
        let s = new_secret().unwrap();
        assert_eq!(s.len(), 64);
        assert_ne!(s, new_secret().unwrap());
        assert!(token_matches(&s, &s.clone()));
        assert!(!token_matches(&s, &s[..63]));
        assert!(!token_matches(&s, ""));
        assert!(!origin_allowed(
            "https://evil.example",
            "127.0.0.1:1".parse().unwrap()
        ));
        assert!(origin_allowed(
            "http://127.0.0.1:1",
            "127.0.0.1:1".parse().unwrap()
        ));
        assert_eq!(
            origin_of_referer("http://127.0.0.1:1/people/3?x=1"),
            Some("http://127.0.0.1:1")
        );
        assert_eq!(
            origin_of_referer("http://localhost"),
            Some("http://localhost")
        );
        assert_eq!(origin_of_referer("https://evil.example/"), None);
    }
}

//! Requests to the router without a network: the Host header a browser on this machine
//! sends, forms with the same-origin `Origin` a browser adds, and what came back.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use fulcrum_web::AppState;
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

pub const HOST: &str = "127.0.0.1:7878";

pub struct Reply {
    pub status: StatusCode,
    pub location: Option<String>,
    pub content_type: String,
    pub body: String,
}

impl Reply {
    /// Asserts the reply is `status` and its page says `text`.
    pub fn assert_says(&self, status: StatusCode, text: &str) {
        assert_eq!(self.status, status, "{}", self.body);
        assert!(self.body.contains(text), "{}", self.body);
    }

    /// Asserts the API answered `status` with an error saying `text`.
    pub fn assert_error(&self, status: StatusCode, text: &str) {
        assert_eq!(self.status, status, "{}", self.body);
        let json = self.json();
        let error = json["error"].as_str().unwrap();
        assert!(error.contains(text), "{error}");
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// The HTML of the element with this id up to the next `<section`.
    pub fn section(&self, id: &str) -> &str {
        let at = self
            .body
            .find(&format!("id=\"{id}\""))
            .unwrap_or_else(|| panic!("no #{id} in the page"));
        let rest = &self.body[at..];
        let end = rest[1..].find("<section").map_or(rest.len(), |e| e + 1);
        &rest[..end]
    }
}

pub async fn send(state: &AppState, req: Request<Body>) -> Reply {
    let resp = fulcrum_web::router(state.clone())
        .oneshot(req)
        .await
        .unwrap();
    let status = resp.status();
    let header = |name| {
        resp.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let location = header(header::LOCATION);
    let content_type = header(header::CONTENT_TYPE).unwrap_or_default();
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    Reply {
        status,
        location,
        content_type,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

pub async fn get(state: &AppState, uri: &str) -> Reply {
    send(
        state,
        Request::get(uri)
            .header(header::HOST, HOST)
            .body(Body::empty())
            .unwrap(),
    )
    .await
}

pub async fn post(state: &AppState, uri: &str, form: &[(&str, &str)]) -> Reply {
    post_from(state, uri, form, Some(&format!("http://{HOST}"))).await
}

/// Posts the form with this `Origin` header (another site's, or none at all).
pub async fn post_from(
    state: &AppState,
    uri: &str,
    form: &[(&str, &str)],
    origin: Option<&str>,
) -> Reply {
    let mut req = Request::post(uri)
        .header(header::HOST, HOST)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(origin) = origin {
        req = req.header(header::ORIGIN, origin);
    }
    send(state, req.body(Body::from(form_body(form))).unwrap()).await
}

/// The form URL-encoded, as a browser sends it.
pub fn form_body(form: &[(&str, &str)]) -> String {
    form.iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

pub fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Posts with the token and expects the 303 to a page starting with `to`.
pub async fn post_ok(state: &AppState, uri: &str, form: &[(&str, &str)], to: &str) -> String {
    let token = state.csrf_token().to_string();
    let mut form = form.to_vec();
    form.push(("csrf", &token));
    let r = post(state, uri, &form).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{uri}: {}", r.body);
    let location = r.location.expect("a Location");
    assert!(location.starts_with(to), "{uri} → {location}");
    location
}

/// Posts a form that adds a record with the token and expects the 303 to the new record's
/// page, `{page}{id}?done={done}`; the record's id.
pub async fn post_added(
    state: &AppState,
    uri: &str,
    form: &[(&str, &str)],
    page: &str,
    done: &str,
) -> i64 {
    let to = post_ok(state, uri, form, page).await;
    assert!(to.ends_with(&format!("?done={done}")), "{to}");
    record_id(&to, page)
}

/// The id in the address of a record's page, `{page}{id}` with or without a query.
pub fn record_id(to: &str, page: &str) -> i64 {
    let rest = to
        .strip_prefix(page)
        .unwrap_or_else(|| panic!("{to} is not under {page}"));
    let id = rest.split('?').next().unwrap_or_default();
    id.parse()
        .unwrap_or_else(|e| panic!("{to}: no record id ({e})"))
}

/// Posts with the token and expects the page back with `status`, its "Not done" notice and
/// `message`.
pub async fn post_refused(
    state: &AppState,
    uri: &str,
    form: &[(&str, &str)],
    status: StatusCode,
    message: &str,
) -> Reply {
    let token = state.csrf_token().to_string();
    let mut form = form.to_vec();
    form.push(("csrf", &token));
    let r = post(state, uri, &form).await;
    assert_eq!(r.status, status, "{uri}: {}", r.body);
    assert!(r.body.contains("Not done"), "{uri}: no notice");
    assert!(
        r.body.contains(message),
        "{uri}: {message:?} not in {}",
        r.body
    );
    r
}

/// The forms of one page, `{page}/{form}`, posted with the token.
pub struct Forms<'a> {
    pub state: &'a AppState,
    pub page: String,
}

/// The forms of the page at `page` (`/people/7`, `/tasks`).
pub fn forms_of(state: &AppState, page: impl Into<String>) -> Forms<'_> {
    Forms {
        state,
        page: page.into(),
    }
}

impl Forms<'_> {
    /// Posts `form` and expects the 303 back to the page, saying `done` (the start of what
    /// follows `?done=`); the address it went to.
    pub async fn ok(&self, form: &str, fields: &[(&str, &str)], done: &str) -> String {
        let to = format!("{}?done={done}", self.page);
        post_ok(self.state, &format!("{}/{form}", self.page), fields, &to).await
    }

    /// Posts `form` and expects the page back with `status` and `message`.
    pub async fn refused(
        &self,
        form: &str,
        fields: &[(&str, &str)],
        status: StatusCode,
        message: &str,
    ) -> Reply {
        let uri = format!("{}/{form}", self.page);
        post_refused(self.state, &uri, fields, status, message).await
    }
}

/// The opening tag of the first element in `html` carrying `marker`.
pub fn tag_with<'a>(html: &'a str, marker: &str) -> &'a str {
    let at = html
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} not in the page"));
    let start = html[..at].rfind('<').unwrap_or(0);
    let end = html[at..].find('>').map_or(html.len(), |e| at + e);
    &html[start..end]
}

/// An attribute's value in an opening tag (empty when it has none).
pub fn attr<'a>(tag: &'a str, name: &str) -> &'a str {
    tag.split(&format!("{name}=\""))
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or_default()
}

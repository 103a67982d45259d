//! Requests a stranger can make the browser send: other sites' pages linking, embedding or
//! fetching, and requests that would take long or whose client goes away.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use axum::routing::get;
use http_body_util::BodyExt;
use std::io::Write as _;
use std::time::{Duration, Instant};
use tower::ServiceExt;

const HOST: &str = "127.0.0.1:7878";

/// A GET as a browser sends it: `site`, `mode` and `dest` are the `Sec-Fetch-*` headers.
async fn fetch(
    state: &fulcrum_web::AppState,
    uri: &str,
    site: Option<&str>,
    mode: &str,
    dest: &str,
) -> (StatusCode, String) {
    let mut req = Request::get(uri).header(header::HOST, HOST);
    if let Some(site) = site {
        req = req
            .header("sec-fetch-site", site)
            .header("sec-fetch-mode", mode)
            .header("sec-fetch-dest", dest);
    }
    let resp = fulcrum_web::router(state.clone())
        .oneshot(req.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = resp.status();
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

#[tokio::test]
async fn other_sites_may_only_link_to_plain_pages() {
    let demo = common::demo().await;
    let state = demo.state().await;
    let far = "/api/report?from=1900-01-01&to=1910-01-01";
    // An <img>, a script or a fetch from another site, or from another port of this machine.
    for site in ["cross-site", "same-site"] {
        for (uri, mode, dest) in [
            (far, "no-cors", "image"),
            ("/api/report", "cors", "empty"),
            ("/assets/style.css", "no-cors", "style"),
            ("/", "no-cors", "image"),
            ("/", "navigate", "iframe"),
            ("/plan/export.ics", "navigate", "document"),
            ("/people/1/review.md", "navigate", "document"),
            ("/api/people", "navigate", "document"),
        ] {
            let (status, body) = fetch(&state, uri, Some(site), mode, dest).await;
            assert_eq!(
                status,
                StatusCode::FORBIDDEN,
                "{site} {mode} {dest} {uri}: {body}"
            );
            assert!(body.contains("only for its own pages"), "{body}");
        }
    }
    // A link followed from another site opens the page as the menu would: its query is
    // dropped, so no period or filter of the stranger's choosing is computed.
    let (status, linked) = fetch(
        &state,
        "/?week=2025-W30",
        Some("cross-site"),
        "navigate",
        "document",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{linked}");
    let (_, plain) = fetch(&state, "/", Some("none"), "navigate", "document").await;
    let (_, asked) = fetch(
        &state,
        "/?week=2025-W30",
        Some("none"),
        "navigate",
        "document",
    )
    .await;
    assert!(!linked.contains("2025-W30") && asked.contains("2025-W30"));
    assert!(linked.contains("2026-W10") && plain.contains("2026-W10"));
    // The user's own pages, typed addresses and bookmarks, and clients that are not
    // browsers keep working.
    for site in [Some("same-origin"), Some("none"), None] {
        let (status, body) = fetch(&state, far, site, "cors", "empty").await;
        assert_eq!(status, StatusCode::OK, "{site:?}: {body}");
    }
}

#[tokio::test]
async fn the_api_refuses_ranges_beyond_the_maximum_in_its_own_words() {
    let demo = common::demo().await;
    let state = demo.state().await;
    for (uri, says) in [
        ("/api/report?from=0001-01-01&to=9999-12-30", "from: "),
        ("/api/report?from=2026-01-01&to=9999-12-31", "to: "),
        (
            "/api/report?from=1990-01-01&to=2026-01-01",
            "at most 3660 days",
        ),
        ("/api/report?from=%ff", "from and to go together"),
        (
            "/api/dashboard?from=1900-01-01&to=2199-12-31",
            "at most 3660 days",
        ),
    ] {
        let (status, body) = fetch(&state, uri, None, "", "").await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {body}");
        assert!(body.contains(says) && !body.contains("--"), "{uri}: {body}");
    }
}

/// A route that would work for an hour, behind the same checks as every route.
fn slow_server(state: &fulcrum_web::AppState) -> axum::Router {
    let slow = axum::Router::new().route(
        "/slow",
        get(|| async {
            tokio::time::sleep(Duration::from_secs(3600)).await;
            "done"
        }),
    );
    fulcrum_web::guarded(slow, state.clone())
}

/// Waits (at most 20 s) until `f` holds; true when it did.
async fn eventually(f: impl Fn() -> bool) -> bool {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if f() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    f()
}

#[tokio::test]
async fn a_request_has_a_time_budget_and_stops_when_its_client_leaves() {
    let demo = common::demo().await;
    let state = demo.state().await;
    assert_eq!(state.request_budget(), fulcrum_web::REQUEST_BUDGET);

    // Over budget: the server answers 503 with a sentence instead of working on.
    state.set_request_budget(Duration::from_millis(200));
    let resp = slow_server(&state)
        .oneshot(
            Request::get("/slow")
                .header(header::HOST, HOST)
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body = resp.into_body().collect().await.unwrap().to_bytes();
    assert!(String::from_utf8_lossy(&body).contains("stopped working on this request"));
    assert_eq!(state.in_flight.now(), 0);

    // A client that goes away: its request's work is dropped, long before the budget ends.
    state.set_request_budget(Duration::from_secs(3600));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = slow_server(&state);
    let server = tokio::spawn(async move { axum::serve(listener, app).await });
    let mut client = std::net::TcpStream::connect(addr).unwrap();
    write!(client, "GET /slow HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    assert!(
        eventually(|| state.in_flight.now() == 1).await,
        "the request never started"
    );
    drop(client);
    assert!(
        eventually(|| state.in_flight.now() == 0).await,
        "the server went on working for a client that left"
    );
    server.abort();
}

//! The server without a browser: the API against the CLI's code paths, the Host and CSRF
//! checks, uploads, and the pages.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::client::{HOST, Reply, get, post, post_from, send};
use common::{TODAY, demo_state, team_calendar};
use fulcrum_app::report::Period;
use fulcrum_app::{profile, report, rules_file, sources};

/// Posts a form as a client that sends no `Origin` header.
async fn post_form(state: &fulcrum_web::AppState, uri: &str, form: &[(&str, &str)]) -> Reply {
    post_from(state, uri, form, None).await
}

fn multipart(token: Option<&str>, file_name: &str, content: &[u8]) -> (String, Vec<u8>) {
    let boundary = "fulcrum-test-boundary-7d1e";
    let mut body = Vec::new();
    if let Some(t) = token {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{t}\r\n")
                .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: text/calendar\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(content);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn upload(
    state: &fulcrum_web::AppState,
    token: Option<&str>,
    name: &str,
    content: &[u8],
) -> Reply {
    let (kind, body) = multipart(token, name, content);
    send(
        state,
        Request::post("/sources/upload")
            .header(header::HOST, HOST)
            .header(header::CONTENT_TYPE, kind)
            .body(Body::from(body))
            .unwrap(),
    )
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn the_api_returns_what_the_cli_prints() {
    let (d, state) = demo_state().await;
    let store = d.store().await;
    let store = store.as_ref();

    for (query, period) in [
        ("", Period::CurrentWeek),
        (
            "?week=2026-W09",
            Period::Week(jiff::civil::date(2026, 2, 23)),
        ),
        (
            "?from=2026-02-01&to=2026-03-01",
            Period::Dates {
                from: jiff::civil::date(2026, 2, 1),
                to: jiff::civil::date(2026, 3, 1),
            },
        ),
    ] {
        let r = get(&state, &format!("/api/report{query}")).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let expected = report::build(store, &d.rules, &period, d.now)
            .await
            .unwrap();
        assert_eq!(
            r.json(),
            serde_json::to_value(&expected).unwrap(),
            "{query}"
        );
    }
    let this_week = get(&state, "/api/report").await.json();
    assert_eq!(this_week["from"], "2026-03-02", "FULCRUM_NOW-style clock");

    let r = get(&state, "/api/sources").await;
    let expected = sources::list(store).await.unwrap();
    assert_eq!(r.json(), serde_json::to_value(&expected).unwrap());
    assert_eq!(
        r.json().as_array().unwrap().len(),
        2,
        "calendar and repository"
    );

    let r = get(&state, "/api/rules").await;
    let listing = rules_file::rules_listing(&d.rules).unwrap();
    assert_eq!(r.json(), serde_json::to_value(&listing).unwrap());
    assert_eq!(r.json()["user"][0]["name"], "guilds are learning");

    let r = get(&state, "/api/settings").await;
    let p = profile::require(store).await.unwrap();
    assert_eq!(r.json(), serde_json::to_value(&p).unwrap());

    let r = get(
        &state,
        "/api/rules/explain?title=Daily%20standup&attendees=5",
    )
    .await;
    let e = rules_file::explain(&d.rules, "Daily standup", 5).unwrap();
    assert_eq!(r.json(), serde_json::to_value(&e).unwrap());

    let r = get(&state, "/api/dashboard?week=2026-W09").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["week"], "2026-W09");
    assert_eq!(r.json()["heatmap"]["minutes"].as_array().unwrap().len(), 7);
    let r = get(&state, "/api/week?week=2026-W09").await;
    assert_eq!(r.json()["from"], "2026-02-23");
    assert!(!r.json()["activities"].as_array().unwrap().is_empty());

    // Bad input gets the CLI's message and a 4xx, as JSON.
    let r = get(&state, "/api/report?week=2026-W99").await;
    r.assert_error(StatusCode::BAD_REQUEST, "is not an ISO week");
    let r = get(&state, "/api/report?from=2026-03-01").await;
    r.assert_says(StatusCode::BAD_REQUEST, "go together");
}

#[tokio::test(flavor = "multi_thread")]
async fn only_requests_addressed_to_this_machine_are_answered() {
    let (_d, state) = demo_state().await;
    for host in [
        "localhost:7878",
        "127.0.0.1:7878",
        "[::1]:7878",
        "localhost",
    ] {
        let r = send(
            &state,
            Request::get("/api/settings")
                .header(header::HOST, host)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{host}");
    }
    for host in [
        "evil.example.com",
        "evil.example.com:7878",
        "127.0.0.1.nip.io:7878",
        "192.168.0.4:7878",
    ] {
        for uri in ["/", "/api/report", "/assets/style.css"] {
            let r = send(
                &state,
                Request::get(uri)
                    .header(header::HOST, host)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{host} {uri}");
            assert!(!r.body.contains("build"), "no data leaks: {}", r.body);
        }
    }
    let r = send(&state, Request::get("/").body(Body::empty()).unwrap()).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "a request without Host");
}

#[tokio::test(flavor = "multi_thread")]
async fn changes_need_the_form_token() {
    let (d, state) = demo_state().await;
    let token = state.csrf_token().to_string();
    let before = std::fs::read_to_string(&d.rules).unwrap();
    let rule = [
        ("name", "standups are building"),
        ("category", "build"),
        ("title", "standup"),
    ];
    for csrf in [None, Some(""), Some("0123"), Some(&token[1..])] {
        let mut form = rule.to_vec();
        if let Some(t) = csrf {
            form.push(("csrf", t));
        }
        let r = post_form(&state, "/rules/add", &form).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{csrf:?}");
        assert!(r.body.contains("reload the page"), "{}", r.body);
    }
    assert_eq!(std::fs::read_to_string(&d.rules).unwrap(), before);

    // A valid token from another site's page is still refused.
    let mut form = rule.to_vec();
    form.push(("csrf", &token));
    let r = post_from(&state, "/rules/add", &form, Some("http://evil.example.com")).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(std::fs::read_to_string(&d.rules).unwrap(), before);

    // Without a token the upload is refused before the file is read.
    let r = upload(&state, None, "team.ics", team_calendar().as_bytes()).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    for uri in [
        "/sources/refresh",
        "/sources/git",
        "/sources/calendar",
        "/rules/delete",
        "/rules/move",
        "/settings",
    ] {
        let r = post_form(&state, uri, &[("name", "guilds are learning")]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{uri}");
    }
    // State changes are never GETs.
    let r = get(&state, "/rules/add?name=x&category=build&title=x").await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);

    // With the token (and this server as Origin) the rule is added.
    let r = post(&state, "/rules/add", &form).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Added the rule"));
    let rules = rules_file::load(&d.rules).unwrap();
    assert_eq!(rules[0].name, "standups are building");
}

#[tokio::test(flavor = "multi_thread")]
async fn uploads_import_or_say_clearly_what_is_wrong() {
    let (d, state) = demo_state().await;
    let token = state.csrf_token().to_string();
    let store = d.store().await;
    let listed =
        || async { serde_json::to_value(sources::list(store.as_ref()).await.unwrap()).unwrap() };
    let before = listed().await;

    // Larger than the limit: 413 and a sentence, nothing stored.
    let big = vec![b'x'; fulcrum_web::UPLOAD_LIMIT_BYTES + 1024];
    let r = upload(&state, Some(&token), "huge.ics", &big).await;
    r.assert_says(StatusCode::PAYLOAD_TOO_LARGE, "larger than the 16 MB");
    assert!(r.body.contains("id=\"notice\""));

    // A broken calendar: the parser's line number, on the page, with a 4xx.
    let broken = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260302T090000Z\r\nSUMMARY:Broken\r\nEND:VCALENDAR\r\n";
    let r = upload(&state, Some(&token), "broken.ics", broken.as_bytes()).await;
    assert!(r.status.is_client_error(), "{}", r.status);
    assert!(r.body.contains("broken.ics: line "), "{}", r.body);
    let r2 = upload(
        &state,
        Some(&token),
        "binary.ics",
        &[0xff, 0xfe, 0x00, 0x41],
    )
    .await;
    assert!(r2.status.is_client_error());
    assert!(r2.body.contains("line 1"), "{}", r2.body);
    assert!(r2.body.contains("not UTF-8"), "{}", r2.body);
    assert_eq!(listed().await, before, "refused files change nothing");

    // A good one is imported, and its titles are escaped on the pages.
    let r = upload(&state, Some(&token), "team.ics", team_calendar().as_bytes()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.body.contains("Imported 2 occurrences from team.ics"),
        "{}",
        r.body
    );
    let week = get(&state, "/week?week=2026-W09").await;
    assert!(week.body.contains("Quarterly offsite prep"));
    assert!(
        week.body
            .contains("Engineering book club &lt;Refactoring&gt;")
    );
    assert!(!week.body.contains("<Refactoring>"));
    let after = listed().await;
    assert_eq!(after.as_array().unwrap().len(), 3);

    // Uploading the file again with a changed event (same count, same clock) replaces what
    // the week showed: pages built before a change are not reused.
    let changed = team_calendar().replace("Quarterly offsite prep", "Offsite agenda review");
    let r = upload(&state, Some(&token), "team.ics", changed.as_bytes()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let week = get(&state, "/week?week=2026-W09").await;
    assert!(week.body.contains("Offsite agenda review"));
    assert!(!week.body.contains("Quarterly offsite prep"));
    assert_eq!(
        listed().await.as_array().unwrap().len(),
        3,
        "replaced, not added"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn every_page_renders_and_bad_input_is_shown_on_the_page() {
    let (d, state) = demo_state().await;
    let token = state.csrf_token().to_string();
    for (uri, marks) in [
        (
            "/",
            vec![
                "id=\"balance\"",
                "id=\"trend\"",
                "id=\"heatmap\"",
                "id=\"days\"",
                "id=\"commits\"",
                "id=\"attention\"",
                "data-week=\"2026-W10\"",
            ],
        ),
        (
            "/?week=2026-W09",
            vec!["data-week=\"2026-W09\"", "id=\"next-week\""],
        ),
        (
            "/week",
            vec!["Daily standup", "team rituals", "work-calendar.ics"],
        ),
        ("/week?week=2026-W08", vec!["data-week=\"2026-W08\""]),
        (
            "/sources",
            vec!["upload-file", "payments-service", "work-calendar.ics"],
        ),
        (
            "/rules",
            vec!["guilds are learning", "team rituals", "add-rule"],
        ),
        (
            "/rules?title=Incident%20review&attendees=6",
            vec!["id=\"explanation\"", "data-category=\"operate\""],
        ),
        (
            "/settings",
            vec![
                "alex.rivera@example.com",
                "Europe/Berlin",
                "hours.mon",
                "target.build.min",
            ],
        ),
    ] {
        let r = get(&state, uri).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}: {}", r.body);
        for m in marks {
            assert!(r.body.contains(m), "{uri} lacks {m}");
        }
        assert!(
            r.body.contains(&format!("value=\"{token}\"")) || !r.body.contains("method=\"post\"")
        );
    }
    for (uri, status, text) in [
        (
            "/?week=2026-W60",
            StatusCode::BAD_REQUEST,
            "is not an ISO week",
        ),
        (
            "/week?week=soon",
            StatusCode::BAD_REQUEST,
            "is not an ISO week",
        ),
        ("/nowhere", StatusCode::NOT_FOUND, "no such page"),
        (
            "/rules?title=x&attendees=many",
            StatusCode::BAD_REQUEST,
            "attendees",
        ),
    ] {
        let r = get(&state, uri).await;
        assert_eq!(r.status, status, "{uri}");
        assert!(r.body.contains(text), "{uri}: {}", r.body);
    }

    // Settings: a bad value is named and nothing is saved; a good one is saved.
    let mut form = vec![
        ("csrf", token.as_str()),
        ("emails", "alex.rivera@example.com, alex@home.example"),
        ("timezone", "Europe/Berlin"),
        ("role", "tech-lead"),
        ("hours.mon", "09:00-18:00"),
        ("hours.fri", "nine to five"),
        ("target.build.min", "35"),
        ("target.build.max", "60"),
        ("focus-minutes", "90"),
        ("tentative", "true"),
    ];
    let r = post_form(&state, "/settings", &form).await;
    r.assert_says(StatusCode::BAD_REQUEST, "nine to five");
    let store = d.store().await;
    let p = profile::require(store.as_ref()).await.unwrap();
    assert_eq!(p.emails, ["alex.rivera@example.com"]);
    form[5] = ("hours.fri", "09:00-13:00");
    let r = post_form(&state, "/settings", &form).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let p = profile::require(store.as_ref()).await.unwrap();
    assert_eq!(p.emails.len(), 2);
    assert_eq!(p.working_hours.days[4], "09:00-13:00");
    assert_eq!(
        p.target(fulcrum_core::Category::Build).unwrap().min_percent,
        35.0
    );

    // Rules: bad patterns and rules without conditions are refused with the reason.
    let r = post_form(
        &state,
        "/rules/add",
        &[
            ("csrf", &token),
            ("name", "broken"),
            ("category", "build"),
            ("title", "("),
        ],
    )
    .await;
    r.assert_says(StatusCode::BAD_REQUEST, "not a valid regular expression");
    let _ = TODAY;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_empty_store_asks_to_be_set_up() {
    let dir = tempfile::tempdir().unwrap();
    let addr: std::net::SocketAddr = HOST.parse().unwrap();
    // A store nobody set up yet, as an import before `init` leaves: the server never creates one.
    let db = dir.path().join("new.db");
    drop(
        fulcrum_app::open_store(&db, fulcrum_app::OpenMode::Create)
            .await
            .unwrap(),
    );
    let config = fulcrum_web::Config {
        db,
        rules: dir.path().join("rules.toml"),
        addr,
        clock: fulcrum_web::Clock::System,
    };
    let state = fulcrum_web::AppState::open(&config, addr).await.unwrap();
    let r = get(&state, "/").await;
    r.assert_says(StatusCode::OK, "Welcome to Fulcrum");
    let r = get(&state, "/api/report").await;
    r.assert_error(StatusCode::CONFLICT, "Settings");
    let token = state.csrf_token().to_string();
    let r = post_form(
        &state,
        "/settings/init",
        &[
            ("csrf", &token),
            ("emails", "me@example.com"),
            ("timezone", "America/New_York"),
            ("role", "staff-engineer"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = get(&state, "/api/settings").await;
    assert_eq!(r.json()["timezone"], "America/New_York");
    assert_eq!(get(&state, "/").await.status, StatusCode::OK);
}

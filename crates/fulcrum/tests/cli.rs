mod common;
use common::*;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::sync::{Arc, Mutex};

#[test]
fn calendar_expand_prints_every_occurrence_as_tsv() {
    let env = Env::new();
    let out = env
        .expand(
            &fixture("week10.ics"),
            &["--from", "2026-03-01", "--to", "2026-03-09"],
        )
        .success();
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 10, "{}", out.stdout);
    assert!(lines.contains(&"kim-1on1\t2026-03-02T15:00:00Z\t2026-03-02T15:30:00Z"));
    // Cancelled occurrences are listed too; the EXDATE'd standup is not.
    assert!(lines.contains(&"retro\t2026-03-03T19:00:00Z\t2026-03-03T20:00:00Z"));
    assert!(!lines.iter().any(|l| l.starts_with("standup\t2026-03-04")));
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("standup\t")).count(),
        4
    );
    assert!(!env.db.exists(), "expand needs no store");

    let json = env
        .expand(
            &fixture("week10.ics"),
            &[
                "--from",
                "2026-03-06",
                "--to",
                "2026-03-08",
                "--format",
                "json",
            ],
        )
        .success()
        .json();
    assert_eq!(json.as_array().unwrap().len(), 2);
    assert_eq!(json[1]["uid"], "stakeholders");
    assert_eq!(json[1]["start"], "2026-03-07T00:00:00Z");
}

#[test]
fn calendar_expand_rejects_bad_windows_and_files() {
    let env = Env::new();
    let f = fixture("week10.ics");
    env.expand(&f, &["--from", "2026-03-09", "--to", "2026-03-01"])
        .failure()
        .says("--to");
    env.expand(&f, &["--from", "March"])
        .failure()
        .says("YYYY-MM-DD");
    env.run(&["calendar", "expand", "/nonexistent.ics"])
        .failure()
        .says("/nonexistent.ics");
}

/// `--rules FILE` before `args`.
fn with_rules<'a>(rules: &'a Path, args: &[&'a str]) -> Vec<&'a str> {
    let mut all = vec!["--rules", rules.to_str().unwrap()];
    all.extend_from_slice(args);
    all
}

#[test]
fn rules_explain_shows_the_winner_and_user_rules_come_first() {
    let env = Env::new();
    let json = env.json(&[
        "rules",
        "explain",
        "Incident review: checkout",
        "--attendees",
        "6",
    ]);
    assert_eq!(json["category"], "operate");
    assert_eq!(json["origin"], "default");
    let rules = env.path("rules.toml");
    std::fs::write(
        &rules,
        "[[rule]]\nname = \"reviews are learning\"\ncategory = \"grow\"\ntitle = \"review\"\n",
    )
    .unwrap();
    let json = env.json(&with_rules(
        &rules,
        &["rules", "explain", "Incident review: checkout"],
    ));
    assert_eq!(json["category"], "grow");
    assert_eq!(json["rule"], "reviews are learning");
    let table = env
        .run(&with_rules(
            &rules,
            &["rules", "explain", "Incident review"],
        ))
        .success();
    table.shows("→ user");

    std::fs::write(
        &rules,
        "[[rule]]\nname = \"broken\"\ncategory = \"build\"\ntitle = \"(\"\n",
    )
    .unwrap();
    let out = env
        .run(&with_rules(&rules, &["rules", "explain", "x"]))
        .failure();
    assert!(
        out.stderr.contains("rules.toml") && out.stderr.contains("broken"),
        "{}",
        out.stderr
    );
}

#[test]
fn user_rules_recategorise_imported_time() {
    let env = Env::with_calendar("America/New_York", "week10.ics");
    let rules = env.path("rules.toml");
    std::fs::write(&rules, "[[rule]]\nname = \"stakeholders are ops here\"\ncategory = \"operate\"\ntitle = \"stakeholder\"\n").unwrap();
    let r = env.json(&with_rules(&rules, &["report", "--week", "2026-W10"]));
    assert_eq!(category_minutes(&r, "operate"), 120);
    assert_eq!(category_minutes(&r, "align"), 0);
}

#[test]
fn report_periods_and_formats() {
    let env = Env::with_calendar("America/New_York", "week10.ics");
    let r = env.json(&["report", "--from", "2026-03-02", "--to", "2026-03-04"]);
    assert_eq!(r["days"].as_array().unwrap().len(), 2);
    assert_eq!(r["to"], "2026-03-04");
    assert_eq!(r["trend"].as_array().unwrap().len(), 12);
    let md = env
        .run(&["report", "--week", "2026-W10", "--format", "markdown"])
        .success();
    assert!(
        md.stdout.starts_with("# Balance 2026-03-02 – 2026-03-08"),
        "{}",
        md.stdout
    );
    md.shows("| lead | 1h30 |");
    let table = env.run(&["report", "--week", "2026-W10"]).success();
    table.shows("Week 2026-W10");
    env.run(&["report", "--week", "2026-10"])
        .failure()
        .says("YYYY-Www");
    env.run(&["report", "--from", "2026-03-04", "--to", "2026-03-02"])
        .failure()
        .says("exclusive");
}

#[test]
fn the_demo_is_deterministic_for_a_seed_and_never_touches_the_users_store() {
    let env = Env::in_zone("UTC");
    let run = |db: &str| {
        let db = env.path(db);
        env.run_bare(&[
            "--db",
            db.to_str().unwrap(),
            "demo",
            "--seed",
            "7",
            "--today",
            "2026-06-10",
            "--format",
            "json",
        ])
        .success()
        .json()
    };
    let a = run("a.db");
    let b = run("b.db");
    assert_eq!(a["this_week"], b["this_week"]);
    assert_eq!(a["last_week"], b["last_week"]);
    assert_eq!(a["commits"], b["commits"]);
    assert!(a["occurrences"].as_u64().unwrap() > 800);
    let last = &a["last_week"];
    assert_eq!(last["from"], "2026-06-01");
    assert!(last["totals"]["meetings"].as_u64().unwrap() >= 10, "{last}");
    assert!(last["totals"]["commits"].as_u64().unwrap() > 0, "{last}");
    for c in ["build", "lead", "align"] {
        assert!(category_minutes(last, c) > 0, "{c} in {last}");
    }
    // Rebuilding over an earlier demo is fine; over a real store it is refused.
    run("a.db");
    env.run(&["demo"]).failure().says("real data");
    // Without --db the demo builds its own store in the data directory, even when FULCRUM_DB
    // points at the user's store.
    let out = env
        .bare_command()
        .env("FULCRUM_DB", &env.db)
        .args(["demo", "--today", "2026-06-10", "--format", "json"])
        .output()
        .unwrap();
    let built = Run::from(out).success().json();
    assert!(env.path("data/fulcrum/demo/demo.db").exists());
    let rules = built["rules"]
        .as_str()
        .expect("the demo names its rules file");
    assert!(
        std::path::Path::new(rules).is_file(),
        "the demo's rules file {rules} is there"
    );
    let mine = env.json(&["report"]);
    assert_eq!(
        mine["totals"]["minutes"], 0,
        "the user's store is untouched"
    );
}

/// A tiny calendar server: answers 304 to a request carrying its ETag, 200 otherwise.
fn serve(body: String) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(8) {
            let mut stream = stream.unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut head = String::new();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                head.push_str(&line);
            }
            let fresh = head.to_ascii_lowercase().contains("if-none-match: \"v1\"");
            let missing = head.starts_with("GET /missing");
            log.lock().unwrap().push(head);
            let response = if missing {
                "HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
                    .to_string()
            } else if fresh {
                "HTTP/1.1 304 Not Modified\r\netag: \"v1\"\r\nconnection: close\r\n\r\n".to_string()
            } else {
                format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: text/calendar\r\netag: \"v1\"\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{}",
                    body.len(),
                    body
                )
            };
            let _ = stream.write_all(response.as_bytes());
        }
    });
    (format!("http://{addr}"), seen)
}

#[test]
fn subscriptions_are_remembered_and_refreshed_with_their_etag() {
    let env = Env::in_zone("America/New_York");
    let (base, seen) = serve(fixture_text("week10.ics"));
    let url = format!("{base}/secret/calendar.ics");
    let first = env.json(&["import", "calendar", &url]);
    assert_eq!(first[0]["events"], 10);
    assert_eq!(first[0]["source"]["kind"], "calendar-url");
    assert_eq!(
        first[0]["source"]["name"],
        base.trim_start_matches("http://")
    );
    let report = env.report("2026-W10");
    assert_eq!(report["totals"]["minutes"], 330);

    let refreshed = env.json(&["refresh"]);
    assert_eq!(refreshed[0]["result"], "not modified");
    assert!(
        seen.lock().unwrap()[1]
            .to_ascii_lowercase()
            .contains("if-none-match: \"v1\"")
    );
    assert_eq!(env.report("2026-W10"), report, "a 304 keeps the events");

    let sources = env.json(&["sources"]);
    assert_eq!(sources[0]["location"], url);
    assert_eq!(sources[0]["etag"], "\"v1\"");

    let out = env
        .run(&["import", "calendar", &format!("{base}/missing")])
        .failure();
    assert!(
        out.stderr.contains("404") && out.stderr.contains("/missing"),
        "{}",
        out.stderr
    );
}

//! Input that used to give wrong, empty or unbounded answers: far dates, long ranges,
//! addresses of the wrong kind, rules that match everything.

mod common;
use common::*;

#[test]
fn far_dates_and_long_ranges_are_errors_that_say_the_range() {
    let env = Env::in_zone("Europe/Berlin");
    for (from, to, says) in [
        (
            "0001-01-01",
            "9999-12-30",
            "--from: 0001-01-01 is outside the dates",
        ),
        (
            "2026-01-01",
            "9999-12-31",
            "--to: 9999-12-31 is outside the dates",
        ),
        ("1900-01-01", "2199-12-31", "at most 3660 days"),
    ] {
        let out = env.run(&["report", "--from", from, "--to", to]).failure();
        assert!(out.stderr.contains(says), "{from}..{to}: {}", out.stderr);
        assert!(out.stderr.contains("1900-01-01") || says.contains("days"));
        assert!(out.stdout.is_empty(), "no empty report: {}", out.stdout);
    }
    env.run(&["report", "--week", "9999-W52"])
        .failure()
        .says("2199-12-31");
    // Ten years is the longest report, and it is answered.
    let r = env.json(&["report", "--from", "2016-01-01", "--to", "2026-01-01"]);
    assert_eq!(r["days"].as_array().unwrap().len(), 3653);

    let cal = fixture("week10.ics");
    env.expand(&cal, &["--to", "9999-12-31"])
        .failure()
        .says("--to: 9999-12-31 is outside");
    // A long window is fine for expansion: its work is bounded per event.
    env.expand(&cal, &["--from", "1900-01-01", "--to", "2199-12-31"])
        .success();
}

#[test]
fn a_calendar_must_be_named_and_fetched_by_a_scheme_fulcrum_knows() {
    let env = Env::in_zone("UTC");
    env.run(&["import", "calendar", ""])
        .failure()
        .says("say which calendar to import");
    for url in ["ftp://calendar.example.com/work.ics", "file:///tmp/x.ics"] {
        let out = env.run(&["import", "calendar", url]).failure();
        let scheme = url.split_once("://").unwrap().0;
        assert!(
            out.stderr
                .contains(&format!("does not fetch {scheme}:// addresses")),
            "{}",
            out.stderr
        );
        assert!(!out.stderr.contains("No such file"), "{}", out.stderr);
    }
    let sources = env.json(&["sources"]);
    assert_eq!(sources.as_array().map(Vec::len), Some(0), "{sources}");
}

#[test]
fn rules_that_match_every_event_are_refused() {
    let env = Env::new();
    let rules = env.path("rules.toml");
    for (text, says) in [
        (
            "[[rule]]\nname = \"all\"\ncategory = \"build\"\ntitle = \"\"\n",
            "matches every event",
        ),
        (
            "[[rule]]\nname = \"none\"\ncategory = \"build\"\ntitle = \"sync\"\nmin_attendees = 4\nmax_attendees = 2\n",
            "min_attendees (4) is greater than max_attendees (2)",
        ),
    ] {
        std::fs::write(&rules, text).unwrap();
        let out = env
            .command()
            .arg("--rules")
            .arg(&rules)
            .args(["rules", "explain", "Standup"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success() && stderr.contains(says), "{stderr}");
    }
}

#[test]
fn a_reader_that_stops_early_is_a_normal_end() {
    use std::io::Read as _;
    use std::process::Stdio;
    let env = Env::new();
    for args in [&["completions", "bash"][..], &["rules", "list"][..]] {
        let mut child = env
            .command()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Read one byte, then close the pipe as `head -c1` would.
        let mut first = [0u8; 1];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(out.status.success(), "{args:?}: {:?} {stderr}", out.status);
    }
}

#[test]
fn an_empty_team_takes_no_hours_not_minus_zero() {
    let env = Env::in_zone("UTC");
    let out = env.run(&["people", "list"]).success();
    assert!(!out.stdout.contains("-0.0"), "{}", out.stdout);
    let json = env.run(&["people", "list", "--format", "json"]).success();
    assert!(!json.stdout.contains("-0.0"), "{}", json.stdout);
}

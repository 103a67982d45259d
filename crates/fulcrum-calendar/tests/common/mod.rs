//! Shared helpers for the integration tests: fixture paths and the python
//! reference implementation (`recurring-ical-events`).

#![allow(dead_code)]

pub mod xorshift;

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

pub fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests")
}

/// Whether python3 can import `recurring_ical_events`.
///
/// Without it the oracle tests skip with a message, unless
/// `FULCRUM_REQUIRE_ORACLE=1`, in which case a missing oracle is a failure
/// (CI sets it so the comparison can never silently stop running).
pub fn oracle_available(test: &str) -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import recurring_ical_events, icalendar"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        if std::env::var("FULCRUM_REQUIRE_ORACLE").as_deref() == Ok("1") {
            panic!(
                "{test}: FULCRUM_REQUIRE_ORACLE=1 but python3 cannot import recurring_ical_events \
                 (pip install recurring-ical-events)"
            );
        }
        // Written to the real stderr (not eprintln!, which the test harness
        // captures for passing tests) so the skip is always visible.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED {test}: python3 cannot import recurring_ical_events \
             (pip install recurring-ical-events); set FULCRUM_REQUIRE_ORACLE=1 to make this fatal"
        );
    }
    ok
}

fn json_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Runs the oracle over many (ics, from, to) jobs in one python process.
pub fn oracle_batch(jobs: &[(String, String, String)]) -> Vec<Vec<String>> {
    let script = dir().join("oracle").join("expand.py");
    let mut child = Command::new("python3")
        .arg(script)
        .arg("--batch")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start python3");
    let mut input = String::new();
    for (ics, from, to) in jobs {
        input.push_str(&format!(
            "{{\"ics\": {}, \"from\": {}, \"to\": {}}}\n",
            json_str(ics),
            json_str(from),
            json_str(to)
        ));
    }
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || {
        stdin.write_all(input.as_bytes()).expect("write jobs");
    });
    let out = child.wait_with_output().expect("python3 output");
    writer.join().expect("writer thread");
    assert!(out.status.success(), "oracle failed");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let mut results = vec![Vec::new()];
    for line in text.lines() {
        if line == "%%END" {
            results.push(Vec::new());
        } else if let Some(r) = results.last_mut() {
            r.push(line.to_string());
        }
    }
    results.pop();
    assert_eq!(results.len(), jobs.len(), "oracle answered every job");
    results
}

/// Our TSV lines for an .ics text and window, reading floating values in UTC
/// like the oracle does with UTC bounds.
pub fn ours(ics: &str, from: &str, to: &str) -> Vec<String> {
    let cal = fulcrum_calendar::Calendar::parse(ics).expect("parse");
    let from: jiff::Timestamp = from.parse().expect("from");
    let to: jiff::Timestamp = to.parse().expect("to");
    cal.expand(from, to, &jiff::tz::TimeZone::UTC)
        .iter()
        .map(fulcrum_calendar::tsv_line)
        .collect()
}

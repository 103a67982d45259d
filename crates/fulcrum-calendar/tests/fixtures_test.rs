//! Compares our expansion of every fixture with the python reference output
//! committed next to it (`NAME.expected.tsv`), after applying the documented
//! deviations in `NAME.deviations.tsv`. A fixture parses without warnings
//! unless `NAME.warnings.txt` lists the ones it must give (one per line, as
//! `Warning` displays them; `#` starts a comment).

mod common;

use std::fs;

struct Fixture {
    name: String,
    from: String,
    to: String,
}

fn manifest() -> Vec<Fixture> {
    let text = fs::read_to_string(common::dir().join("fixtures/manifest.tsv")).expect("manifest");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut f = l.split('\t');
            Fixture {
                name: f.next().expect("name").to_string(),
                from: f.next().expect("from").to_string(),
                to: f.next().expect("to").to_string(),
            }
        })
        .collect()
}

/// Expected lines: the oracle's output with each "-" line replaced by the
/// "+" line that follows it in the deviations file; a "-" line with no "+"
/// after it is removed, a "+" line with no "-" before it is added.
fn expected(name: &str) -> Vec<String> {
    let dir = common::dir().join("fixtures");
    let mut lines: Vec<String> = fs::read_to_string(dir.join(format!("{name}.expected.tsv")))
        .expect("expected file")
        .lines()
        .map(str::to_string)
        .collect();
    if let Ok(dev) = fs::read_to_string(dir.join(format!("{name}.deviations.tsv"))) {
        let position = |lines: &[String], old: &str| {
            lines
                .iter()
                .position(|x| x == old)
                .unwrap_or_else(|| panic!("{name}: deviation {old:?} not in oracle output"))
        };
        let mut pending: Option<String> = None;
        for l in dev.lines() {
            if let Some(old) = l.strip_prefix('-') {
                if let Some(gone) = pending.replace(old.to_string()) {
                    let i = position(&lines, &gone);
                    lines.remove(i);
                }
            } else if let Some(new) = l.strip_prefix('+') {
                match pending.take() {
                    Some(old) => {
                        let i = position(&lines, &old);
                        lines[i] = new.to_string();
                    }
                    None => lines.push(new.to_string()),
                }
            }
        }
        if let Some(gone) = pending {
            let i = position(&lines, &gone);
            lines.remove(i);
        }
        lines.sort_by_key(|l| sort_key(l));
    }
    lines
}

/// The warnings a fixture must give, from `NAME.warnings.txt` (none without one).
fn expected_warnings(name: &str) -> Vec<String> {
    fs::read_to_string(common::dir().join(format!("fixtures/{name}.warnings.txt")))
        .map(|t| {
            t.lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// The order both implementations print in: start instant (floating and
/// dates read as UTC), UID, end instant.
fn sort_key(line: &str) -> (String, String, String) {
    let mut f = line.split('\t');
    let uid = f.next().unwrap_or("").to_string();
    let norm = |s: &str| {
        let s = s.trim_end_matches('Z');
        if s.len() == 10 {
            format!("{s}T00:00:00")
        } else {
            s.to_string()
        }
    };
    let start = norm(f.next().unwrap_or(""));
    let end = norm(f.next().unwrap_or(""));
    (start, uid, end)
}

#[test]
fn fixtures_match_reference() {
    let fixtures = manifest();
    assert!(fixtures.len() >= 7);
    let mut failures = Vec::new();
    for f in &fixtures {
        let ics = fs::read_to_string(common::dir().join(format!("fixtures/{}.ics", f.name)))
            .expect("fixture");
        let cal = fulcrum_calendar::Calendar::parse(&ics).expect("fixture parses");
        let warnings: Vec<String> = cal.warnings().iter().map(|w| w.to_string()).collect();
        if warnings != expected_warnings(&f.name) {
            failures.push(format!(
                "{}: warnings {warnings:#?}, expected {:#?}",
                f.name,
                expected_warnings(&f.name)
            ));
        }
        let got = common::ours(&ics, &f.from, &f.to);
        let want = expected(&f.name);
        if got != want {
            let mut msg = format!("{}: {} lines, expected {}\n", f.name, got.len(), want.len());
            for l in want.iter().filter(|l| !got.contains(l)) {
                msg.push_str(&format!("  missing {l}\n"));
            }
            for l in got.iter().filter(|l| !want.contains(l)) {
                msg.push_str(&format!("  extra   {l}\n"));
            }
            failures.push(msg);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The committed expected files must still be what the oracle prints.
#[test]
fn expected_files_are_oracle_output() {
    if !common::oracle_available("expected_files_are_oracle_output") {
        return;
    }
    let fixtures = manifest();
    let jobs: Vec<(String, String, String)> = fixtures
        .iter()
        .map(|f| {
            let ics = fs::read_to_string(common::dir().join(format!("fixtures/{}.ics", f.name)))
                .expect("fixture");
            (ics, f.from.clone(), f.to.clone())
        })
        .collect();
    let results = common::oracle_batch(&jobs);
    for (f, live) in fixtures.iter().zip(results) {
        let committed: Vec<String> =
            fs::read_to_string(common::dir().join(format!("fixtures/{}.expected.tsv", f.name)))
                .expect("expected")
                .lines()
                .map(str::to_string)
                .collect();
        assert_eq!(
            live, committed,
            "{}: regenerate with tests/oracle/regen.sh",
            f.name
        );
    }
}

#[test]
fn fixture_fields_are_parsed() {
    let ics = fs::read_to_string(common::dir().join("fixtures/google.ics")).expect("fixture");
    let cal = fulcrum_calendar::Calendar::parse(&ics).expect("parse");
    let e = &cal.events()[0];
    assert_eq!(e.uid.as_deref(), Some("1on1-alice-7f3a@google.com"));
    assert_eq!(e.organizer.as_deref(), Some("lead@example.com"));
    assert_eq!(e.attendees.len(), 2);
    assert_eq!(e.attendees[0].email, "alice@example.com");
    assert_eq!(e.attendees[0].cn.as_deref(), Some("Alice Example"));
    assert_eq!(e.attendees[0].partstat.as_deref(), Some("ACCEPTED"));
    assert_eq!(e.attendees[0].role.as_deref(), Some("REQ-PARTICIPANT"));
    assert_eq!(e.attendees[0].cutype.as_deref(), Some("INDIVIDUAL"));
    assert_eq!(e.attendees[1].cn.as_deref(), Some("lead@example.com"));
    assert_eq!(
        e.description.as_deref(),
        Some("Weekly 1:1, agenda in the doc.\nBring notes.")
    );
    assert_eq!(e.sequence, 2);
    assert_eq!(e.exdates.len(), 3);
    assert_eq!(e.status, Some(fulcrum_calendar::Status::Confirmed));
    assert_eq!(e.line, 44);
    assert_eq!(e.start.tzid.as_deref(), Some("Europe/Berlin"));
    let retro = cal
        .events()
        .iter()
        .find(|e| e.uid.as_deref() == Some("team-retro-5521@google.com"))
        .expect("retro");
    assert_eq!(retro.categories, vec!["team", "ritual"]);
    let offsite = cal
        .events()
        .iter()
        .find(|e| e.summary.as_deref() == Some("Offsite"))
        .expect("offsite");
    assert_eq!(
        offsite.transp,
        Some(fulcrum_calendar::Transparency::Transparent)
    );

    // Occurrence-level view: the cancelled override supplies the status.
    let from: jiff::Timestamp = "2024-05-06T00:00:00Z".parse().expect("ts");
    let to: jiff::Timestamp = "2024-05-07T00:00:00Z".parse().expect("ts");
    let occ = cal.expand(from, to, &jiff::tz::TimeZone::UTC);
    assert_eq!(occ.len(), 1);
    assert_eq!(occ[0].status(), Some(&fulcrum_calendar::Status::Cancelled));
    assert_eq!(occ[0].tzid, Some("Europe/Berlin"));
    assert!(occ[0].master.is_some());
    assert_eq!(
        occ[0].recurrence_id.map(|r| r.to_string()).as_deref(),
        Some("2024-05-06T08:00:00Z")
    );
}

//! What the CLI's options, the pages' forms and the API's query strings are parsed with: the
//! report period, dates, ISO weeks, times of day, durations, zones, ritual periods, 1:1
//! actions and themes, energy notes, and the `Host` check. Any text must be parsed or refused
//! with a message, never panic; what parses must mean what it says.
//!
//! The input is used twice: whole, as one value; and decoded as a form or query string (as
//! axum's `Form` and `Query` decode it), each field then read by the parser of its name and
//! every value by every parser.
#![no_main]

use fulcrum_app::report::{self, OptionNames, Period};
use fulcrum_app::{one_on_ones, rituals as app_rituals};
use fulcrum_core::rituals::{self, Ritual};
use fulcrum_core::time;
use jiff::civil::Date;
use libfuzzer_sys::fuzz_target;
use std::collections::HashMap;
use std::net::SocketAddr;

/// The report period's query, as the API declares it.
#[derive(serde::Deserialize)]
struct PeriodQuery {
    week: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

/// Empty values count as absent, as in the API.
fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn period(week: Option<&str>, from: Option<&str>, to: Option<&str>) {
    for names in [OptionNames::CLI, OptionNames::API] {
        if let Ok(p) = Period::parse(names, week, from, to) {
            if let Period::Dates { from, to } = p {
                assert!(from < to, "{from}..{to}");
                assert!(
                    time::days_between(from, to) <= time::MAX_RANGE_DAYS,
                    "{from}..{to}"
                );
            }
            for today in [Date::MIN, time::FIRST_DATE, time::LAST_DATE, Date::MAX] {
                let (a, b) = p.dates(today);
                assert!(a <= b, "{p:?} on {today}: {a}..{b}");
            }
        }
    }
    if let (Some(f), Some(t)) = (from, to)
        && let Ok((a, b)) = report::date_range(OptionNames::API, f, t, None)
    {
        assert!(
            a < b && time::in_range(a).is_ok() && time::in_range(b).is_ok(),
            "{a}..{b}"
        );
    }
}

fn one_value(v: &str) {
    if let Ok(d) = time::parse_date(v) {
        assert!(time::in_range(d).is_ok(), "{v:?}");
        assert_eq!(time::parse_date(&d.to_string()), Ok(d), "{v:?}");
    }
    if let Ok(monday) = time::parse_iso_week(v) {
        assert_eq!(monday.weekday(), jiff::civil::Weekday::Monday, "{v:?}");
        let label = time::iso_week_label(monday);
        assert_eq!(time::parse_iso_week(&label), Ok(monday), "{v:?} as {label}");
    }
    let _ = time::parse_time_of_day(v);
    if let Ok(m) = time::parse_minutes(v) {
        assert!(m > 0, "{v:?} is {m} minutes");
    }
    let _ = time::parse_zone(v);
    for r in Ritual::ALL {
        if let Some(p) = rituals::parse_period(r, v) {
            assert!(p.from < p.to, "{v:?}: {p:?}");
            assert_eq!(rituals::parse_period(r, &p.label), Some(p.clone()), "{v:?}");
        }
        let _ = rituals::parse_template(r, v);
    }
    if let Ok(a) = one_on_ones::parse_action(v) {
        assert!(!a.text.is_empty() && a.text.trim() == a.text, "{v:?}");
    }
    let _ = one_on_ones::parse_topics(&[v.to_string()]);
    let _ = app_rituals::parse_energy(&[v.to_string()]);
    period(Some(v), None, None);
    period(None, Some(v), Some(v));
    host(v);
}

/// Only `localhost` and IP literals pass the Host check: a page whose domain was rebound to
/// 127.0.0.1 still sends its own name.
fn host(v: &str) {
    let bound: [SocketAddr; 2] = [
        "127.0.0.1:7878".parse().unwrap(),
        "0.0.0.0:7878".parse().unwrap(),
    ];
    for b in bound {
        if fulcrum_web::host_allowed(v, b) {
            let h = v.trim().to_ascii_lowercase().replace(['[', ']'], "");
            let literal = h
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.');
            assert!(
                h == "localhost" || h.starts_with("localhost:") || literal,
                "{v:?} passed the Host check of {b}"
            );
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    one_value(&text);

    if let Ok(q) = serde_urlencoded::from_bytes::<PeriodQuery>(data) {
        period(given(&q.week), given(&q.from), given(&q.to));
    }
    let _ = serde_urlencoded::from_bytes::<HashMap<String, String>>(data);
    if let Ok(fields) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(data) {
        let all = |name: &str| -> Vec<String> {
            fields
                .iter()
                .filter(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .collect()
        };
        let _ = one_on_ones::parse_topics(&all("topic"));
        let _ = app_rituals::parse_energy(&all("energy"));
        for (_, v) in fields.iter().take(16) {
            one_value(v);
        }
    }
});

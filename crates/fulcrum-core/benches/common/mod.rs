//! What the benches share: the lead whose data they time.

use fulcrum_core::{Activity, ActivityKind, Category, Profile, RolePreset, time};
use jiff::Timestamp;
use jiff::civil::{Date, Time};
use std::time::Instant;

/// A tech lead in Berlin, as `fulcrum init` makes one.
pub fn lead() -> Profile {
    Profile::new(
        vec!["me@example.com".into()],
        "Europe/Berlin",
        RolePreset::TechLead,
    )
    .unwrap()
}

/// A busy lead's working days from `first` for `days` days: six 45-minute meetings a day (the
/// last a 1:1) and a commit at each of `commit_hours`.
#[allow(dead_code, reason = "the planner bench has no calendar")]
pub fn busy_days(
    first: Date,
    days: i64,
    commit_hours: &[i8],
    tz: &jiff::tz::TimeZone,
) -> (Vec<Activity>, Vec<Timestamp>) {
    let mut activities = Vec::new();
    let mut commits = Vec::new();
    for day in time::dates(first, time::add_days(first, days)) {
        if day.weekday().to_monday_zero_offset() >= 5 {
            continue;
        }
        for h in [9, 10, 11, 13, 14, 16] {
            activities.push(Activity {
                start: time::local_instant(day, Time::constant(h, 0, 0, 0), tz),
                end: time::local_instant(day, Time::constant(h, 45, 0, 0), tz),
                title: format!("meeting {h}"),
                category: Category::ALL[h as usize % 6],
                kind: ActivityKind::Meeting,
                source: "bench".into(),
                rule: "bench".into(),
                others: 3,
                one_on_one: h == 16,
            });
        }
        for &h in commit_hours {
            commits.push(time::local_instant(day, Time::constant(h, 30, 0, 0), tz));
        }
    }
    (activities, commits)
}

/// The best time of `n` runs of `f`, in milliseconds, with what the last run gave.
pub fn best_of<T>(n: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::MAX;
    let mut out = None;
    for _ in 0..n {
        let t = Instant::now();
        let v = f();
        best = best.min(t.elapsed().as_secs_f64());
        out = Some(v);
    }
    (best * 1000.0, out.expect("at least one run"))
}

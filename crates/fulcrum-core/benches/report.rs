//! The balance report over ranges of growing length with the same data: its cost must grow
//! with the data and the days, not with their product.
//! `cargo bench -p fulcrum-core --bench report`

mod common;

use fulcrum_core::report::{ReportInput, build};
use fulcrum_core::{Activity, ActivityKind, Category, time};
use jiff::Timestamp;
use jiff::civil::{Time, date};
use std::time::Instant;

fn main() {
    let profile = common::lead();
    let tz = profile.tz();
    // Ten years of a busy lead: six meetings and five commits on every working day.
    let first = date(2016, 1, 4);
    let mut activities = Vec::new();
    let mut commits = Vec::new();
    for day in time::dates(first, time::add_days(first, 3_650)) {
        if day.weekday().to_monday_zero_offset() >= 5 {
            continue;
        }
        for h in [9, 10, 11, 13, 14, 16] {
            let start = time::local_instant(day, Time::constant(h, 0, 0, 0), &tz);
            activities.push(Activity {
                start,
                end: time::local_instant(day, Time::constant(h, 45, 0, 0), &tz),
                title: format!("meeting {h}"),
                category: Category::ALL[h as usize % 6],
                kind: ActivityKind::Meeting,
                source: "bench".into(),
                rule: "bench".into(),
                others: 3,
                one_on_one: h == 16,
            });
        }
        for h in [12, 15, 17, 18, 19] {
            commits.push(time::local_instant(day, Time::constant(h, 30, 0, 0), &tz));
        }
    }
    println!(
        "{} activities, {} commits over ten years",
        activities.len(),
        commits.len()
    );
    let no_marks = std::collections::BTreeMap::new();
    for days in [7, 366, 3_660] {
        let input = ReportInput {
            profile: &profile,
            from: first,
            to: time::add_days(first, days),
            activities: &activities,
            commits: &commits,
            now: Timestamp::MAX,
            trend_weeks: 12,
            day_marks: &no_marks,
        };
        let mut best = f64::MAX;
        for _ in 0..5 {
            let t = Instant::now();
            let r = build(&input);
            best = best.min(t.elapsed().as_secs_f64() * 1000.0);
            assert_eq!(r.days.len() as i64, days);
        }
        println!("report over {days:>5} days: {best:8.2} ms (best of 5)");
    }
}

//! The balance report over ranges of growing length with the same data: its cost must grow
//! with the data and the days, not with their product.
//! `cargo bench -p fulcrum-core --bench report`

mod common;

use fulcrum_core::report::{ReportInput, build};
use fulcrum_core::time;
use jiff::Timestamp;
use jiff::civil::date;

fn main() {
    let profile = common::lead();
    let tz = profile.tz();
    // Ten years of a busy lead: six meetings and five commits on every working day.
    let first = date(2016, 1, 4);
    let (activities, commits) = common::busy_days(first, 3_650, &[12, 15, 17, 18, 19], &tz);
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
        let (best, r) = common::best_of(5, || build(&input));
        assert_eq!(r.days.len() as i64, days);
        println!("report over {days:>5} days: {best:8.2} ms (best of 5)");
    }
}

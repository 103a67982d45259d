//! Planning a week with 200 open tasks over a busy calendar (target: under 50 ms).
//! `cargo bench -p fulcrum-core --bench planner`

mod common;

use fulcrum_core::planner::{PlanInput, PlanRules, plan};
use fulcrum_core::tasks::Task;
use fulcrum_core::{Category, Interval, time};
use jiff::civil::{Time, date};
use jiff::{SignedDuration, Timestamp};

fn main() {
    let profile = common::lead();
    let tz = profile.tz();
    let week = date(2026, 11, 23);
    // A busy week: a 30–45 minute meeting every other hour of every working day, leaving
    // gaps of an hour or more between them for the planner to fill.
    let mut busy = Vec::new();
    for d in 0..5 {
        for h in (9..17).step_by(2) {
            let start = time::local_instant(
                time::add_days(week, d),
                Time::constant(h, if h % 3 == 0 { 15 } else { 0 }, 0, 0),
                &tz,
            );
            busy.push(Interval::new(
                start,
                start
                    .checked_add(SignedDuration::from_mins(30 + 15 * (h as i64 % 2)))
                    .unwrap(),
            ));
        }
    }
    let tasks: Vec<Task> = (0..200)
        .map(|i| Task {
            only_me: i % 5 == 0,
            estimate_minutes: Some(30 + (i * 37) % 240),
            due: Some(time::add_days(week, i % 10)),
            category: Category::ALL[(i as usize) % 6],
            ..Task::open(i + 1, format!("task {i}"), i % 3 == 0, i % 4 != 3)
        })
        .collect();
    let input = PlanInput {
        profile: &profile,
        week,
        busy: &busy,
        tasks: &tasks,
        now: Timestamp::MIN,
        rules: PlanRules::default(),
    };
    let (best, p) = common::best_of(50, || plan(&input));
    println!(
        "plan of 200 tasks over {} meetings: {} blocks, {} unplaced, best of 50: {:.3} ms",
        busy.len(),
        p.blocks.len(),
        p.unplaced.len(),
        best
    );
}

use super::*;
use crate::test_support::profile;
use jiff::civil::{Time, date};
use proptest::prelude::*;

const WEEK: Date = date(2026, 11, 23);

fn at(day: i64, h: i8, m: i8) -> Timestamp {
    time::local_instant(
        time::add_days(WEEK, day),
        Time::constant(h, m, 0, 0),
        &profile().tz(),
    )
}

fn task(id: i64, urgent: bool, important: bool, minutes: i64, category: Category) -> Task {
    Task {
        only_me: id % 2 == 0,
        estimate_minutes: Some(minutes),
        category,
        ..Task::open(id, format!("task {id}"), urgent, important)
    }
}

fn plan_of(busy: &[Interval], tasks: &[Task]) -> Plan {
    plan_at(busy, tasks, Timestamp::MIN)
}

#[test]
fn a_light_week_fits_with_buffer_and_batching() {
    let busy = vec![Interval::new(at(0, 9, 0), at(0, 12, 0))];
    let tasks = vec![
        task(1, false, true, 90, Category::Build),
        task(2, true, true, 60, Category::Align),
        task(3, false, true, 60, Category::Align),
        task(4, true, true, 30, Category::Build),
        task(5, true, false, 60, Category::Build), // delegate: never planned
        task(6, false, false, 60, Category::Build), // delete: never planned
    ];
    let p = plan_of(&busy, &tasks);
    assert!(p.fits);
    assert_eq!(p.planned_minutes, 240);
    // 5 days × 9 h minus the 3 h meeting.
    assert_eq!(p.free_minutes, 5 * 540 - 180);
    assert_eq!(p.buffer_minutes, (540 - 180) / 5 + 4 * 540 / 5);
    let order: Vec<i64> = p.blocks.iter().map(|b| b.task_id).collect();
    // Urgent work first, batched by category (2 opened the day, then 4 of build? no: the
    // category of the most pressing "do" task goes first), then scheduled work.
    assert_eq!(order, [2, 4, 1, 3]);
    assert_eq!(p.blocks[0].start, at(0, 12, 0), "right after the meeting");
}

#[test]
fn an_overbooked_week_says_what_to_drop_or_delegate() {
    // Every day fully booked but one free morning.
    let busy: Vec<Interval> = (0..5)
        .map(|d| {
            if d == 2 {
                Interval::new(at(d, 12, 0), at(d, 18, 0))
            } else {
                Interval::new(at(d, 9, 0), at(d, 18, 0))
            }
        })
        .collect();
    let tasks = vec![
        task(1, true, true, 120, Category::Build),
        task(2, false, true, 240, Category::Think),
        task(3, false, true, 60, Category::Grow),
    ];
    let p = plan_of(&busy, &tasks);
    assert!(!p.fits);
    assert_eq!(p.free_minutes, 180);
    assert_eq!(p.buffer_minutes, 36);
    assert_eq!(p.blocks[0].task_id, 1);
    let missing: Vec<(i64, &str)> = p
        .unplaced
        .iter()
        .map(|u| (u.task_id, u.suggestion.as_str()))
        .collect();
    assert_eq!(missing, [(2, "drop"), (3, "delegate")]);
    assert!(p.planned_minutes <= p.free_minutes - p.buffer_minutes);
}

#[test]
fn long_tasks_are_split_with_breaks_between_blocks() {
    let tasks = vec![task(1, true, true, 300, Category::Build)];
    let p = plan_of(&[], &tasks);
    assert!(p.fits);
    let lens: Vec<i64> = p
        .blocks
        .iter()
        .map(|b| (b.end.as_second() - b.start.as_second()) / 60)
        .collect();
    assert_eq!(lens.iter().sum::<i64>(), 300);
    assert!(lens.iter().all(|&l| (30..=120).contains(&l)), "{lens:?}");
    for w in p.blocks.windows(2) {
        assert!(
            w[1].start.as_second() - w[0].end.as_second() >= 15 * 60,
            "a break between blocks"
        );
    }
}

#[test]
fn nothing_is_planned_in_the_past() {
    let p = profile();
    let tasks = vec![task(1, true, true, 60, Category::Build)];
    let plan = plan(&PlanInput {
        profile: &p,
        week: WEEK,
        busy: &[],
        tasks: &tasks,
        now: at(2, 14, 0),
        rules: PlanRules::default(),
    });
    assert_eq!(plan.blocks[0].start, at(2, 14, 0));
}

fn plan_at(busy: &[Interval], tasks: &[Task], now: Timestamp) -> Plan {
    let p = profile();
    plan(&PlanInput {
        profile: &p,
        week: WEEK,
        busy,
        tasks,
        now,
        rules: PlanRules::default(),
    })
}

fn due(mut t: Task, day: i64) -> Task {
    t.due = Some(time::add_days(WEEK, day));
    t
}

fn reason_of(p: &Plan, id: i64) -> &str {
    p.unplaced
        .iter()
        .find(|u| u.task_id == id)
        .map_or("", |u| u.reason.as_str())
}

#[test]
fn a_task_is_never_placed_after_its_due_date() {
    // Monday is booked; a task due Monday cannot go in, one due Tuesday goes on Tuesday.
    let busy = vec![Interval::new(at(0, 9, 0), at(0, 18, 0))];
    let tasks = vec![
        due(task(1, false, true, 60, Category::Build), 0),
        due(task(2, false, true, 180, Category::Build), 1),
        task(3, false, true, 60, Category::Build),
    ];
    let p = plan_of(&busy, &tasks);
    assert!(!p.fits);
    assert_eq!(p.unplaced.len(), 1, "{:?}", p.unplaced);
    assert_eq!(p.unplaced[0].task_id, 1);
    assert_eq!(p.unplaced[0].minutes, 60);
    assert_eq!(p.unplaced[0].due, Some(WEEK));
    assert_eq!(reason_of(&p, 1), "due Mon 23 Nov, no free time before it");
    let tz = profile().tz();
    for b in p.blocks.iter().filter(|b| b.task_id == 2) {
        assert_eq!(time::local_date(b.end, &tz), time::add_days(WEEK, 1));
    }
}

#[test]
fn a_task_crowded_out_before_its_due_date_says_by_what() {
    // Urgent work fills Monday's plannable time (432 minutes after the buffer); the scheduled
    // task due Monday finds nothing left.
    let tasks = vec![
        task(1, true, true, 432, Category::Operate),
        due(task(2, false, true, 60, Category::Build), 0),
    ];
    let p = plan_of(&[], &tasks);
    assert!(p.blocks.iter().all(|b| b.task_id == 1));
    assert_eq!(
        reason_of(&p, 2),
        "due Mon 23 Nov, the free time before it went to more pressing tasks"
    );
    // Two hours of room before a task of four due that day: part of it goes in.
    let busy = vec![Interval::new(at(0, 11, 0), at(0, 18, 0))];
    let p = plan_of(&busy, &[due(task(3, false, true, 240, Category::Build), 0)]);
    let placed: i64 = p
        .blocks
        .iter()
        .map(|b| (b.end.as_second() - b.start.as_second()) / 60)
        .sum();
    assert!(placed > 0 && placed < 240, "{placed}");
    assert_eq!(p.unplaced[0].minutes, 240 - placed);
    assert_eq!(
        reason_of(&p, 3),
        "due Mon 23 Nov, not enough free time before it"
    );
    // Without a due date this week, the week is simply full.
    let p = plan_of(
        &busy,
        &[due(task(4, false, true, 6000, Category::Build), 9)],
    );
    assert_eq!(reason_of(&p, 4), "no free time left this week");
}

#[test]
fn overdue_tasks_are_not_planned_and_say_so() {
    let tasks = vec![
        due(task(1, true, true, 60, Category::Build), 0),
        due(task(2, true, true, 60, Category::Build), -3),
        due(task(3, true, true, 60, Category::Build), 2),
    ];
    let p = plan_at(&[], &tasks, at(2, 14, 0));
    assert_eq!(
        reason_of(&p, 1),
        "was due Mon 23 Nov, already past: give it a new due date"
    );
    assert_eq!(
        reason_of(&p, 2),
        "due Fri 20 Nov, before this week starts: give it a new due date"
    );
    // Due today: it still goes in this afternoon.
    assert_eq!(p.blocks.len(), 1);
    assert_eq!((p.blocks[0].task_id, p.blocks[0].start), (3, at(2, 14, 0)));
}

fn arb_busy() -> impl Strategy<Value = Vec<Interval>> {
    prop::collection::vec((0i64..7, 6i8..20, 0i8..4, 15i64..240), 0..30).prop_map(|v| {
        v.into_iter()
            .map(|(d, h, q, len)| {
                let s = at(d, h, q * 15);
                Interval::new(s, s.checked_add(SignedDuration::from_mins(len)).unwrap())
            })
            .collect()
    })
}

fn arb_tasks() -> impl Strategy<Value = Vec<Task>> {
    prop::collection::vec(
        (
            any::<bool>(),
            any::<bool>(),
            5i64..400,
            0usize..6,
            prop::option::of(-3i64..10),
        ),
        0..40,
    )
    .prop_map(|v| {
        v.into_iter()
            .enumerate()
            .map(|(i, (u, imp, m, c, due))| {
                let mut t = task(i as i64 + 1, u, imp, m, Category::ALL[c]);
                t.due = due.map(|d| time::add_days(WEEK, d));
                t
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn plans_respect_the_calendar_hours_and_buffer(busy in arb_busy(), tasks in arb_tasks(), buffer in 0u8..50) {
        let p = profile();
        let tz = p.tz();
        let rules = PlanRules { buffer_percent: buffer, ..PlanRules::default() };
        let input = PlanInput { profile: &p, week: WEEK, busy: &busy, tasks: &tasks, now: Timestamp::MIN, rules };
        let plan = plan(&input);
        // Same input, same plan.
        prop_assert_eq!(&plan, &super::plan(&input));
        let mut per_day = [0i64; 7];
        for (i, b) in plan.blocks.iter().enumerate() {
            let iv = Interval::new(b.start, b.end);
            prop_assert!(!iv.is_empty());
            for m in &busy {
                prop_assert_eq!(iv.overlap_seconds(m), 0, "block {:?} overlaps meeting {:?}", iv, m);
            }
            for o in &plan.blocks[i + 1..] {
                prop_assert_eq!(iv.overlap_seconds(&Interval::new(o.start, o.end)), 0);
            }
            let day = time::local_date(b.start, &tz);
            let work = p.working_hours.span_on(day, &tz);
            prop_assert!(work.is_some_and(|w| w.start <= b.start && b.end <= w.end), "outside working hours: {:?}", iv);
            let idx = (day.weekday().to_monday_zero_offset()) as usize;
            per_day[idx] += iv.seconds() / 60;
        }
        // The buffer is kept on every day: recompute each day's free time independently.
        let all_busy = union(busy.clone());
        for (d, date) in time::dates(WEEK, time::add_days(WEEK, 7)).enumerate() {
            let free: i64 = p.working_hours.span_on(date, &tz)
                .map(|w| subtract(w, &all_busy).iter().map(minutes).filter(|&m| m >= 30).sum())
                .unwrap_or(0);
            prop_assert!(per_day[d] <= free - free * i64::from(buffer) / 100, "day {} planned {} of {} free", d, per_day[d], free);
        }
        // Every wanted minute is either planned or reported as not fitting.
        for t in tasks.iter().filter(|t| matches!(t.quadrant(), Quadrant::Do | Quadrant::Schedule)) {
            let placed: i64 = plan.blocks.iter().filter(|b| b.task_id == t.id).map(|b| (b.end.as_second() - b.start.as_second()) / 60).sum();
            let missing: i64 = plan.unplaced.iter().filter(|u| u.task_id == t.id).map(|u| u.minutes).sum();
            prop_assert_eq!(placed + missing, t.estimate_minutes.unwrap().max(30));
        }
        prop_assert!(plan.blocks.iter().all(|b| !matches!(tasks.iter().find(|t| t.id == b.task_id).unwrap().quadrant(), Quadrant::Delegate | Quadrant::Delete)));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Planned at any moment of the week, a task with a due date is never placed after it, and
    /// when it does not fit, the reason names its due date.
    #[test]
    fn nothing_is_placed_after_its_due_date(
        busy in arb_busy(),
        tasks in arb_tasks(),
        now_day in -2i64..8,
        now_hour in 0i8..24,
    ) {
        let tz = profile().tz();
        let now = at(now_day, now_hour, 0);
        let plan = plan_at(&busy, &tasks, now);
        let week_end = time::add_days(WEEK, 7);
        for b in &plan.blocks {
            let t = tasks.iter().find(|t| t.id == b.task_id).unwrap();
            prop_assert!(b.start >= now, "a block in the past: {:?}", b);
            if let Some(due) = t.due {
                prop_assert!(time::local_date(b.start, &tz) <= due, "task {} due {} placed at {}", t.id, due, b.start);
                prop_assert!(b.end <= time::day_start(time::add_days(due, 1), &tz), "task {} due {} ends at {}", t.id, due, b.end);
            }
        }
        for u in &plan.unplaced {
            let t = tasks.iter().find(|t| t.id == u.task_id).unwrap();
            prop_assert_eq!(u.due, t.due);
            match t.due.filter(|&d| d < week_end) {
                Some(d) => prop_assert!(
                    u.reason.contains(&format!("due {}", short_date(d))),
                    "task {} due {}: {:?}", t.id, d, u.reason
                ),
                None => prop_assert_eq!(u.reason.as_str(), "no free time left this week"),
            }
        }
        // Work due before the time left to plan is never placed.
        let first = time::local_date(now, &tz).max(WEEK);
        for t in tasks.iter().filter(|t| t.due.is_some_and(|d| d < first)) {
            prop_assert!(plan.blocks.iter().all(|b| b.task_id != t.id));
        }
    }
}

use super::*;
use crate::ActivityKind;
use jiff::civil::date;

fn scores(effort: u8, value: u8, risk: u8, frequency: u8, alignment: u8) -> Scores {
    Scores {
        effort,
        value,
        risk,
        frequency,
        alignment,
    }
}

fn item(id: i64, s: Scores, status: Status) -> Keyed<DebtItem> {
    Keyed {
        id,
        record: DebtItem {
            title: format!("Item {id}"),
            kind: DebtType::Drift,
            area: "billing".into(),
            context: String::new(),
            impact: String::new(),
            links: vec!["https://issues.example/1".into()],
            scores: s,
            status,
            tolerated_reason: None,
            champion: None,
            created_on: date(2026, 1, 5),
            done_on: None,
        },
    }
}

#[test]
fn priority_is_the_benefit_over_the_effort() {
    // (4 + 3 + 5 + 2) / 2 = 7
    assert_eq!(scores(2, 4, 3, 5, 2).priority(), 7.0);
    // (1 + 1 + 1 + 1) / 5 = 0.8, the lowest; (5 + 5 + 5 + 5) / 1 = 20, the highest.
    assert_eq!(scores(5, 1, 1, 1, 1).priority(), 0.8);
    assert_eq!(scores(1, 5, 5, 5, 5).priority(), 20.0);
    // 10 / 3 = 3.333… rounds to 3.33
    assert_eq!(scores(3, 3, 3, 2, 2).priority(), 3.33);
}

#[test]
fn quadrants_split_at_value_three_and_effort_two() {
    assert_eq!(scores(2, 3, 1, 1, 1).quadrant(), Quadrant::QuickWin);
    assert_eq!(scores(1, 5, 1, 1, 1).quadrant(), Quadrant::QuickWin);
    assert_eq!(scores(3, 3, 1, 1, 1).quadrant(), Quadrant::MajorProject);
    assert_eq!(scores(2, 2, 5, 5, 5).quadrant(), Quadrant::FillIn);
    assert_eq!(scores(3, 2, 5, 5, 5).quadrant(), Quadrant::Avoid);
    assert_eq!(Quadrant::Avoid.label(), "Avoid / tolerate");
}

#[test]
fn an_item_is_checked_field_by_field() {
    let mut i = item(1, scores(2, 3, 3, 3, 3), Status::Listed).record;
    assert_eq!(i.check(), Ok(()));
    i.scores.frequency = 6;
    let e = i.check().unwrap_err();
    assert_eq!(e.field(), "frequency");
    assert!(e.to_string().contains("frequency is 6"), "{e}");
    i.scores.frequency = 3;
    i.scores.effort = 0;
    assert_eq!(i.check().unwrap_err().field(), "effort");
    i.scores.effort = 2;
    i.links.push("  ".into());
    assert_eq!(i.check(), Err(DebtError::BlankLink));
    i.links.pop();
    i.status = Status::Tolerated;
    assert_eq!(i.check(), Err(DebtError::NoReason));
    i.tolerated_reason = Some(" ".into());
    assert_eq!(i.check().unwrap_err().field(), "reason");
    i.tolerated_reason = Some("Retired with the v1 API in June".into());
    assert_eq!(i.check(), Ok(()));
    i.area = String::new();
    assert_eq!(i.check(), Err(DebtError::NoArea));
    i.title = " ".into();
    assert_eq!(i.check(), Err(DebtError::NoTitle));
}

#[test]
fn the_wall_is_by_priority_and_the_top_open_item_prefers_a_quick_win() {
    let mut items = vec![
        item(1, scores(4, 5, 5, 5, 5), Status::Listed), // 5.0, major project
        item(2, scores(2, 3, 2, 2, 1), Status::Listed), // 4.0, quick win
        item(3, scores(1, 5, 5, 5, 5), Status::Done),   // 20.0, done
        item(4, scores(2, 3, 2, 2, 1), Status::Prioritised), // 4.0, quick win, later id
    ];
    by_priority(&mut items);
    let ids: Vec<i64> = items.iter().map(|i| i.id).collect();
    assert_eq!(ids, [3, 1, 2, 4]);
    assert_eq!(top_open(&items).map(|i| i.id), Some(2));
    items.retain(|i| i.record.quadrant() != Quadrant::QuickWin);
    assert_eq!(top_open(&items).map(|i| i.id), Some(1));
    items[0].record.status = Status::Tolerated;
    assert_eq!(top_open(&items).map(|i| i.id), None);
}

#[test]
fn the_policy_is_checked_and_its_words_are_read_from_a_list() {
    let mut p = DebtPolicy::default();
    assert_eq!(p.target_percent, 20);
    assert_eq!(p.check(), Ok(()));
    p.target_percent = 0;
    assert_eq!(p.check().unwrap_err().field(), "target");
    p.target_percent = 101;
    assert_eq!(p.check(), Err(DebtError::Target(101)));
    p.target_percent = 25;
    p.words = DebtPolicy::parse_words(" , ,");
    assert_eq!(p.check(), Err(DebtError::NoWords));
    assert_eq!(
        DebtPolicy::parse_words("Refactor, #debt,refactor ,, Flaky"),
        ["refactor", "#debt", "flaky"]
    );
}

/// Berlin is UTC+1 in January: 09:00 local is 08:00 UTC.
fn at(day: i8, hour: i8, minute: i8) -> Timestamp {
    let tz = TimeZone::get("Europe/Berlin").unwrap();
    time::local_instant(
        date(2026, 1, day),
        jiff::civil::time(hour, minute, 0, 0),
        &tz,
    )
}

fn activity(title: &str, rule: &str, category: Category, kind: ActivityKind) -> Activity {
    Activity {
        start: at(5, 9, 0),
        end: at(5, 10, 0),
        title: title.into(),
        category,
        kind,
        source: "work.ics".into(),
        rule: rule.into(),
        others: 0,
        one_on_one: false,
    }
}

fn span(mut a: Activity, day: i8, (h1, m1): (i8, i8), (h2, m2): (i8, i8)) -> Activity {
    a.start = at(day, h1, m1);
    a.end = at(day, h2, m2);
    a
}

#[test]
fn debt_work_is_build_time_named_by_a_debt_word_in_its_title_or_rule() {
    let p = DebtPolicy::default();
    let build = |t: &str, r: &str| activity(t, r, Category::Build, ActivityKind::Block);
    assert!(p.is_debt_work(&build("Refactor the ledger", "default")));
    assert!(p.is_debt_work(&build("Focus", "#DEBT blocks")));
    assert!(p.is_debt_work(&build("Upgrade tokio to 1.40", "default")));
    assert!(!p.is_debt_work(&build("Refunds API", "default")));
    let meeting = activity(
        "Tech debt review",
        "x",
        Category::Align,
        ActivityKind::Meeting,
    );
    assert!(!p.is_debt_work(&meeting));
}

#[test]
fn the_allocation_counts_each_minute_once_per_week_against_the_target() {
    let tz = TimeZone::get("Europe/Berlin").unwrap();
    let build = |t: &str| activity(t, "default", Category::Build, ActivityKind::Block);
    let acts = vec![
        // Week 2 (Mon 5 Jan): a refactoring hour and two hours of feature work on Monday.
        span(build("Refactor ledger"), 5, (9, 0), (10, 0)),
        span(build("Refunds API"), 5, (10, 0), (12, 0)),
        // A meeting over the second half of Tuesday's cleanup hour takes that half hour.
        span(build("cleanup: flaky tests"), 6, (9, 0), (10, 0)),
        span(
            activity("Standup", "x", Category::Align, ActivityKind::Meeting),
            6,
            (9, 30),
            (10, 0),
        ),
        // Week 3 (Mon 12 Jan): 4 h of build, none of it debt: 0 %.
        span(build("Refunds API"), 12, (9, 0), (13, 0)),
        // Week 4 starts after now and is not counted.
        span(build("Refactor ledger"), 19, (9, 0), (12, 0)),
    ];
    let now = at(16, 18, 0);
    let a = allocation(
        &acts,
        &DebtPolicy::default(),
        &tz,
        (date(2026, 1, 5), date(2026, 1, 26)),
        now,
    );
    let weeks: Vec<(&str, i64, i64, Option<f64>, bool)> = a
        .weeks
        .iter()
        .map(|w| {
            (
                w.week.as_str(),
                w.debt_minutes,
                w.build_minutes,
                w.share_percent,
                w.below_target,
            )
        })
        .collect();
    // Week 2: debt 60 + 30 = 90 of build 60 + 120 + 30 = 210: 42.9 %.
    assert_eq!(
        weeks,
        [
            ("2026-W02", 90, 210, Some(42.9), false),
            ("2026-W03", 0, 240, Some(0.0), true),
            ("2026-W04", 0, 0, None, false),
        ]
    );
    // Overall 90 / 450 = 20 % exactly: not below a 20 % target, below a 25 % one.
    assert_eq!((a.debt_minutes, a.build_minutes), (90, 450));
    assert_eq!(a.share_percent, Some(20.0));
    assert!(!a.below_target);
    let p = DebtPolicy {
        target_percent: 25,
        ..DebtPolicy::default()
    };
    let a = allocation(&acts, &p, &tz, (date(2026, 1, 6), date(2026, 1, 13)), now);
    // From Tuesday: the Monday is outside the period; W02 holds only Tuesday's 30 minutes.
    assert_eq!(a.weeks.len(), 2);
    assert_eq!(
        (a.weeks[0].debt_minutes, a.weeks[0].build_minutes),
        (30, 30)
    );
    assert_eq!(
        (a.weeks[1].debt_minutes, a.weeks[1].build_minutes),
        (0, 240)
    );
    assert_eq!(a.share_percent, Some(11.1));
    assert!(a.below_target);
}

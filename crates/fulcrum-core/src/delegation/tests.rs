use super::*;
use crate::people::Relation;
use crate::tasks::TaskStatus;
use jiff::civil::date;

fn complete() -> Expectations {
    Expectations {
        specific: Some("Run the release every other Thursday".into()),
        measurable: Some("Two releases without help".into()),
        achievable: Some("Half a day per release, taken from sprint capacity".into()),
        relevant: Some("Releases stop waiting for the lead".into()),
        deadline: Some(date(2026, 4, 30)),
        trackable: Some("Release checklist in the wiki; we look at it on Mondays".into()),
    }
}

fn draft(id: i64, person_id: i64, style: Style) -> Delegation {
    let title = format!("Task {id}");
    Delegation {
        id,
        expectations: complete(),
        ..Delegation::draft(person_id, title, Category::Operate, style, date(2026, 3, 1))
    }
}

fn person(id: i64, name: &str) -> Person {
    Person::new(id, name, &[], Relation::Report)
}

#[test]
fn expectations_must_be_complete_before_handing_over() {
    let mut d = draft(1, 7, Style::Selling);
    d.expectations.measurable = Some("  ".into());
    d.expectations.deadline = None;
    let err = d.hand_over("Kim", date(2026, 3, 2)).unwrap_err();
    assert_eq!(
        err,
        DelegationError::Incomplete {
            person: "Kim".into(),
            missing: vec!["measurable", "time-bound"],
        }
    );
    assert!(err.to_string().contains("measurable, time-bound"), "{err}");
    assert_eq!(d.status, Status::Draft);

    d.expectations = complete();
    d.hand_over("Kim", date(2026, 3, 2)).unwrap();
    assert_eq!(d.status, Status::Active);
    assert_eq!(d.handed_over_on, Some(date(2026, 3, 2)));
    // Weekly while selling, up to the deadline.
    assert_eq!(d.check_ins.len(), 8);
    assert_eq!(d.check_ins[0].due, date(2026, 3, 9));
    assert_eq!(d.check_ins[7].due, date(2026, 4, 27));
    assert_eq!(
        d.hand_over("Kim", date(2026, 3, 3)),
        Err(DelegationError::NotDraft(Status::Active))
    );

    let mut late = draft(2, 7, Style::Telling);
    assert_eq!(
        late.hand_over("Kim", date(2026, 5, 2)),
        Err(DelegationError::DeadlinePassed(date(2026, 4, 30)))
    );
}

#[test]
fn check_ins_follow_the_style_and_at_least_one_is_planned() {
    let from = date(2026, 3, 2);
    let tell = schedule(from, date(2026, 3, 16), Style::Telling);
    assert_eq!(
        tell.iter().map(|c| c.due).collect::<Vec<_>>(),
        [
            date(2026, 3, 5),
            date(2026, 3, 8),
            date(2026, 3, 11),
            date(2026, 3, 14)
        ]
    );
    let hands_off = schedule(from, date(2026, 3, 16), Style::Delegating);
    assert_eq!(hands_off.len(), 1);
    assert_eq!(hands_off[0].due, date(2026, 3, 9));
    let long = schedule(from, date(2027, 3, 2), Style::Telling);
    assert_eq!(long.len(), MAX_CHECK_INS);
}

#[test]
fn check_ins_are_recorded_in_order_and_overdue_ones_show() {
    let mut d = draft(1, 7, Style::Participating);
    d.hand_over("Kim", date(2026, 3, 2)).unwrap();
    assert_eq!(d.overdue_check_ins(date(2026, 3, 20)).len(), 1);
    d.check_in(date(2026, 3, 20), Some("on track".into()))
        .unwrap();
    assert_eq!(d.check_ins[0].done_on, Some(date(2026, 3, 20)));
    assert!(d.overdue_check_ins(date(2026, 3, 20)).is_empty());
    assert_eq!(d.next_check_in().unwrap().due, date(2026, 3, 30));
    assert!(!d.follow_up_due(date(2026, 4, 29)));
    assert!(d.follow_up_due(date(2026, 4, 30)));
}

#[test]
fn the_follow_up_goes_both_ways() {
    let mut d = draft(1, 7, Style::Selling);
    let today = date(2026, 4, 30);
    assert_eq!(
        d.close("Kim", Outcome::Met, FollowUp::default(), today),
        Err(DelegationError::NotActive(Status::Draft))
    );
    d.hand_over("Kim", date(2026, 3, 2)).unwrap();
    let mine_only = FollowUp {
        what_worked: Some("Checklist first".into()),
        ..Default::default()
    };
    let err = d
        .close("Kim", Outcome::Met, mine_only.clone(), today)
        .unwrap_err();
    assert!(err.to_string().contains("ask Kim"), "{err}");
    let theirs_only = FollowUp {
        their_feedback: Some("More context on the payments flags".into()),
        ..Default::default()
    };
    assert_eq!(
        d.close("Kim", Outcome::Met, theirs_only, today),
        Err(DelegationError::NoReflection)
    );
    let both = FollowUp {
        their_feedback: Some("More context on the payments flags".into()),
        ..mine_only
    };
    d.close("Kim", Outcome::Met, both, today).unwrap();
    assert_eq!((d.status, d.outcome), (Status::Done, Some(Outcome::Met)));
}

fn closed(id: i64, person: i64, style: Style, outcome: Outcome, day: i8) -> Delegation {
    Delegation {
        status: Status::Done,
        outcome: Some(outcome),
        handed_over_on: Some(date(2026, 1, day)),
        ..draft(id, person, style)
    }
}

#[test]
fn the_next_style_moves_with_outcomes() {
    let h = style_history(7, "Kim", &[]);
    assert_eq!(h.suggested, Style::Selling);
    let all = [
        closed(1, 7, Style::Telling, Outcome::Met, 5),
        closed(2, 7, Style::Selling, Outcome::Met, 12),
        closed(3, 8, Style::Telling, Outcome::Missed, 13),
    ];
    let h = style_history(7, "Kim", &all);
    assert_eq!(
        h.steps.iter().map(|s| s.style).collect::<Vec<_>>(),
        [Style::Telling, Style::Selling]
    );
    assert_eq!(h.suggested, Style::Participating);
    assert!(h.why.contains("Task 2"), "{}", h.why);
    let h = style_history(8, "Lee", &all);
    assert_eq!(
        h.suggested,
        Style::Telling,
        "back one step, but not below telling"
    );
    let partly = [closed(4, 9, Style::Participating, Outcome::Partly, 1)];
    assert_eq!(
        style_history(9, "Ana", &partly).suggested,
        Style::Participating
    );
    assert_eq!(Style::Delegating.more_autonomy(), Style::Delegating);
}

#[test]
fn stuck_in_telling_after_three_successes() {
    let all = [
        closed(1, 7, Style::Telling, Outcome::Met, 5),
        closed(2, 7, Style::Telling, Outcome::Met, 12),
        closed(3, 7, Style::Telling, Outcome::Met, 19),
    ];
    assert!(style_history(7, "Kim", &all).stuck);
    assert!(!style_history(7, "Kim", &all[..2]).stuck);
}

#[test]
fn concentration_on_one_person() {
    let since = date(2026, 1, 1);
    let all = [
        draft(1, 7, Style::Telling),
        draft(2, 7, Style::Telling),
        draft(3, 7, Style::Telling),
        draft(4, 8, Style::Telling),
    ];
    assert_eq!(concentration(&all, since), Some((7, 3, 4)));
    assert_eq!(concentration(&all[..3], since), None, "too few to tell");
    let mut spread = all.to_vec();
    spread.push(draft(5, 8, Style::Telling));
    spread.push(draft(6, 9, Style::Telling));
    assert_eq!(
        concentration(&spread, since),
        None,
        "3 of 6 is not more than half"
    );
    assert_eq!(concentration(&all, date(2026, 6, 1)), None);
}

#[test]
fn recurring_solo_work_with_its_true_cost() {
    let occ = |key: &str, title: &str, category, minutes| SoloOccurrence {
        key: key.into(),
        title: title.into(),
        category,
        minutes,
    };
    let mut all = Vec::new();
    for _ in 0..8 {
        all.push(occ("notes@x", "Release notes", Category::Operate, 30));
        all.push(occ("think@x", "Thinking time", Category::Think, 120));
        all.push(occ("focus@x", "Focus time", Category::Build, 150));
    }
    for _ in 0..2 {
        all.push(occ("once@x", "Vendor call prep", Category::Align, 60));
    }
    for _ in 0..4 {
        all.push(occ("triage@x", "Bug triage", Category::Operate, 45));
    }
    let c = recurring_candidates(&all, 4);
    assert_eq!(
        c.iter().map(|c| c.title.as_str()).collect::<Vec<_>>(),
        ["Release notes", "Bug triage"],
        "thinking and focus time are the lead's own; two times is not recurring"
    );
    // 8 × (30 + 23) over 4 weeks.
    assert_eq!(c[0].true_cost_minutes, 424);
    assert_eq!(c[0].weekly_cost_minutes, Some(106));
    assert_eq!(c[0].origin, "calendar:notes@x");
    assert!(
        c[0].why
            .contains("8 times in 4 weeks: 0h30 each, 1h46 a week once the 0h23"),
        "durations read as the report writes them: {}",
        c[0].why
    );
    assert_eq!(c[1].weekly_cost_minutes, Some(68));
}

fn task(id: i64, urgent: bool, important: bool, only_me: bool) -> Task {
    Task {
        only_me,
        estimate_minutes: Some(60),
        category: Category::Operate,
        ..Task::open(id, format!("Task {id}"), urgent, important)
    }
}

#[test]
fn delegate_quadrant_tasks_are_candidates() {
    let tasks = [
        task(1, true, false, false),
        task(2, true, false, true),
        task(3, true, true, false),
        Task {
            status: TaskStatus::Done,
            ..task(4, true, false, false)
        },
    ];
    let c = task_candidates(&tasks);
    assert_eq!(c.len(), 1);
    assert_eq!(
        (c[0].origin.as_str(), c[0].true_cost_minutes),
        ("task:1", 83)
    );
}

#[test]
fn ranking_weighs_interest_knowledge_style_and_fairness() {
    let mut kim = person(1, "Kim");
    kim.interests = vec!["incident response".into()];
    kim.working_style = Some(WorkingStyle::DeepDiver);
    let mut lee = person(2, "Lee");
    lee.knowledge = vec!["incidents".into(), "postgres".into()];
    lee.working_style = Some(WorkingStyle::Communicator);
    let mut ana = person(3, "Ana");
    ana.growth_goals = vec!["Leading incidents".into()];
    let pool = [
        PoolMember {
            person: &kim,
            active_delegations: 0,
            open_actions: 0,
            received_recently: 3,
        },
        PoolMember {
            person: &lee,
            active_delegations: 1,
            open_actions: 0,
            received_recently: 0,
        },
        PoolMember {
            person: &ana,
            active_delegations: 0,
            open_actions: 0,
            received_recently: 0,
        },
    ];
    let fits = who_could_take("Run the incident review", Category::Operate, &pool);
    let order: Vec<(&str, i64)> = fits.iter().map(|f| (f.name.as_str(), f.score)).collect();
    // Ana: growth 3. Kim: interest 3 + style 2 − 2×3 received. Lee: knowledge 2 − 1 busy.
    assert_eq!(order, [("Ana", 3), ("Lee", 1), ("Kim", -1)]);
    assert_eq!(fits[0].growth_goals, ["Leading incidents"]);
    assert!(
        fits[2]
            .reasons
            .iter()
            .any(|r| r.contains("3 more than the least"))
    );
    assert_eq!(fits[1].style_fit, Some(false));

    // Without the fairness penalty Kim leads.
    let fair: Vec<PoolMember> = pool
        .iter()
        .map(|m| PoolMember {
            received_recently: 0,
            ..m.clone()
        })
        .collect();
    let fits = who_could_take("Run the incident review", Category::Operate, &fair);
    assert_eq!(fits[0].name, "Kim");
    assert_eq!(fits[0].score, 5);
}

#[test]
fn the_vacation_test() {
    let from = date(2026, 3, 2);
    let tasks = [
        Task {
            due: Some(date(2026, 3, 10)),
            ..task(1, false, true, true)
        },
        Task {
            due: Some(date(2026, 4, 10)),
            ..task(2, false, true, true)
        },
        task(3, false, true, false),
    ];
    let v = vacation_test(
        from,
        &[("Release notes".into(), 2)],
        &[("Sprint planning".into(), 1)],
        &tasks,
    );
    assert!(!v.passes);
    assert_eq!(v.to, date(2026, 3, 16));
    assert_eq!(
        v.items
            .iter()
            .map(|i| (i.kind, i.what.as_str()))
            .collect::<Vec<_>>(),
        [
            (AwayKind::Solo, "Release notes"),
            (AwayKind::Hosted, "Sprint planning"),
            (AwayKind::OnlyMe, "Task 1"),
        ]
    );
    assert!(v.summary.starts_with("3 things"));
    assert!(vacation_test(from, &[], &[], &[]).passes);
}

#[test]
fn a_deadline_before_today_is_refused_naming_both_dates() {
    let today = date(2026, 12, 2);
    assert_eq!(check_deadline(None, today), Ok(()));
    assert_eq!(check_deadline(Some(today), today), Ok(()));
    assert_eq!(check_deadline(Some(date(2027, 1, 4)), today), Ok(()));
    let err = check_deadline(Some(date(2026, 4, 30)), today).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("2026-04-30") && text.contains("2026-12-02"),
        "{text}"
    );
}

use super::*;
use crate::Category;
use crate::delegation::Style;
use jiff::civil::date;

fn project(status: Status) -> Keyed<Project> {
    Keyed {
        id: 7,
        record: Project {
            name: "Refunds".into(),
            purpose: "Merchants refund without calling support".into(),
            owner: 1,
            deadline: Some(date(2026, 6, 30)),
            deadline_reason: Some("The spring campaign announces refunds".into()),
            status,
            started_on: Some(date(2026, 3, 1)),
            done_on: None,
            people: vec![2, 3],
        },
    }
}

fn milestone(id: i64, title: &str, due: Date, done_on: Option<Date>) -> Keyed<Milestone> {
    Keyed {
        id,
        record: Milestone {
            project: 7,
            title: title.into(),
            due,
            done_on,
        },
    }
}

fn delegation(id: i64, person: i64, status: delegation::Status) -> Delegation {
    let title = format!("Delegation {id}");
    Delegation {
        id,
        status,
        ..Delegation::draft(
            person,
            title,
            Category::Lead,
            Style::Selling,
            date(2026, 3, 1),
        )
    }
}

#[test]
fn a_project_is_checked_field_by_field() {
    let mut p = project(Status::Active).record;
    assert_eq!(p.check(), Ok(()));
    p.deadline_reason = Some("  ".into());
    assert_eq!(p.check().unwrap_err().field(), "deadline_reason");
    p.deadline = None;
    assert_eq!(p.check(), Ok(()));
    p.deadline_reason = Some("The audit".into());
    assert_eq!(p.check().unwrap_err().field(), "deadline");
    p.deadline_reason = None;
    p.done_on = Some(date(2026, 2, 1));
    assert_eq!(p.check().unwrap_err().field(), "done_on");
    p.done_on = None;
    p.purpose = " ".into();
    assert_eq!(p.check(), Err(ProjectError::NoPurpose));
    p.name = String::new();
    assert_eq!(p.check(), Err(ProjectError::NoName));
    let m = milestone(1, " ", date(2026, 4, 1), None).record;
    assert_eq!(m.check().unwrap_err().field(), "title");
}

#[test]
fn everyone_is_the_owner_then_the_members_once() {
    let mut p = project(Status::Active).record;
    p.people = vec![3, 1, 2, 3];
    assert_eq!(p.everyone(), vec![1, 3, 2]);
}

/// Milestones due 31 March, 30 April and 15 June; the deadline is 30 June.
fn plan(m1: Option<Date>, m2: Option<Date>) -> Vec<Keyed<Milestone>> {
    vec![
        milestone(3, "Launch", date(2026, 6, 15), None),
        milestone(1, "API contract", date(2026, 3, 31), m1),
        milestone(2, "Staging", date(2026, 4, 30), m2),
    ]
}

#[test]
fn on_time_then_a_late_milestone_then_a_slipping_forecast_then_cleared() {
    let p = project(Status::Active);
    // 15 March: nothing due yet; the plan ends on the last milestone's date.
    let s = slip(&p, &plan(None, None), date(2026, 3, 15));
    assert_eq!(s.late_milestones, 0);
    assert_eq!(s.carried_delay_days, 0);
    assert_eq!(s.forecast_end, Some(date(2026, 6, 15)));
    assert_eq!(s.past_deadline_days, 0);
    assert!(!s.slipping);
    let titles: Vec<&str> = s.milestones.iter().map(|m| m.title.as_str()).collect();
    assert_eq!(titles, ["API contract", "Staging", "Launch"]);

    // 5 April: the first milestone is 5 days late, and the 5 days carry: staging 5 May,
    // launch 20 June, still before the deadline, but a late milestone is a slip.
    let s = slip(&p, &plan(None, None), date(2026, 4, 5));
    assert_eq!(s.late_milestones, 1);
    assert!(s.milestones[0].late);
    assert_eq!(s.milestones[0].late_days, 5);
    assert_eq!(s.milestones[0].forecast, date(2026, 4, 5));
    assert_eq!(s.milestones[1].forecast, date(2026, 5, 5));
    assert_eq!(s.forecast_end, Some(date(2026, 6, 20)));
    assert_eq!(s.past_deadline_days, 0);
    assert!(s.slipping);

    // 20 April: done 20 days late. Nothing is late now, but 20 days carried put the launch on
    // 5 July: 5 days after the deadline.
    let s = slip(&p, &plan(Some(date(2026, 4, 20)), None), date(2026, 4, 20));
    assert_eq!(s.late_milestones, 0);
    assert_eq!(s.average_delay_days, Some(20.0));
    assert_eq!(s.carried_delay_days, 20);
    assert_eq!(s.milestones[1].forecast, date(2026, 5, 20));
    assert_eq!(s.forecast_end, Some(date(2026, 7, 5)));
    assert_eq!(s.past_deadline_days, 5);
    assert!(s.slipping);

    // 28 April: staging done 2 days early. Mean (20 − 2) / 2 = 9 days: launch 24 June.
    let s = slip(
        &p,
        &plan(Some(date(2026, 4, 20)), Some(date(2026, 4, 28))),
        date(2026, 4, 28),
    );
    assert_eq!(s.milestones[1].late_days, -2);
    assert_eq!(s.average_delay_days, Some(9.0));
    assert_eq!(s.forecast_end, Some(date(2026, 6, 24)));
    assert_eq!(s.past_deadline_days, 0);
    assert!(!s.slipping);
}

#[test]
fn an_early_average_never_pulls_the_plan_forward_and_halves_round_up() {
    let p = project(Status::Active);
    let early = plan(Some(date(2026, 3, 21)), None);
    let s = slip(&p, &early, date(2026, 3, 22));
    assert_eq!(s.average_delay_days, Some(-10.0));
    assert_eq!(s.carried_delay_days, 0);
    assert_eq!(s.forecast_end, Some(date(2026, 6, 15)));
    // Done 1 day late and 2 days late: a mean of 1.5 carries 2 days.
    let s = slip(
        &p,
        &plan(Some(date(2026, 4, 1)), Some(date(2026, 5, 2))),
        date(2026, 5, 2),
    );
    assert_eq!(s.average_delay_days, Some(1.5));
    assert_eq!(s.carried_delay_days, 2);
    assert_eq!(s.forecast_end, Some(date(2026, 6, 17)));
}

#[test]
fn only_an_active_project_slips_and_other_projects_milestones_are_ignored() {
    let mut others = plan(None, None);
    for m in &mut others {
        m.record.project = 8;
    }
    let s = slip(&project(Status::Active), &others, date(2026, 5, 1));
    assert!(s.milestones.is_empty());
    assert_eq!(s.forecast_end, None);
    assert!(!s.slipping);
    let s = slip(
        &project(Status::Paused),
        &plan(None, None),
        date(2026, 5, 1),
    );
    assert_eq!(s.late_milestones, 2);
    assert!(!s.slipping);
}

#[test]
fn wip_counts_active_projects_and_running_delegations() {
    let mut done = project(Status::Done);
    done.id = 9;
    let mut second = project(Status::Active);
    second.id = 8;
    second.record.owner = 2;
    second.record.people = vec![];
    let projects = vec![project(Status::Active), second, done];
    let delegations = vec![
        delegation(1, 2, delegation::Status::Active),
        delegation(2, 3, delegation::Status::Draft),
        delegation(3, 3, delegation::Status::Done),
        delegation(4, 4, delegation::Status::Active),
    ];
    let w = wip(&projects, &delegations, WIP_LIMIT);
    let counts: Vec<(i64, usize)> = w.iter().map(|w| (w.person, w.count)).collect();
    // Person 2: member of 7, owner of 8, one delegation; 1 and 3 on project 7; 4 a delegation.
    assert_eq!(counts, [(2, 3), (1, 1), (3, 1), (4, 1)]);
    assert!(w[0].over && !w[0].at_limit);
    let roles: Vec<Role> = w[0].streams.iter().map(|s| s.role).collect();
    assert_eq!(roles, [Role::Member, Role::Owner, Role::Delegate]);
    assert!(!w[1].over && !w[1].at_limit);
    let w = wip(&projects, &delegations, 3);
    assert!(w[0].at_limit && !w[0].over);
}

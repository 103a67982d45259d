//! The coach over five years of data: 260 complete weeks of a busy lead's calendar and
//! commits, 20 people with a year of feedback, delegations and promises, 200 tasks.
//! Target: every rule over all of it in under 100 ms (issue 12).
//! `cargo bench -p fulcrum-core --bench insights`

mod common;

use fulcrum_core::delegation::{Delegation, Status, Style};
use fulcrum_core::feedback::{Direction, Feedback, Polarity};
use fulcrum_core::insights::{PersonFacts, Snapshot, WeekFacts, evaluate};
use fulcrum_core::people::{Person, Relation};
use fulcrum_core::relationships::{Commitment, CommitmentStatus, contact_status};
use fulcrum_core::report::{ReportInput, build};
use fulcrum_core::tasks::Task;
use fulcrum_core::{Category, time};
use jiff::Timestamp;
use jiff::civil::{Date, date};

const WEEKS: i64 = 260;

fn person(id: i64, today: Date) -> PersonFacts {
    let relation = [
        Relation::Report,
        Relation::Report,
        Relation::Peer,
        Relation::Stakeholder,
    ][id as usize % 4];
    let person = Person {
        start_date: Some(date(2021, 1, 4)),
        cadence_days: 14,
        ..Person::new(
            id,
            &format!("Person {id}"),
            &[&format!("p{id}@example.com")],
            relation,
        )
    };
    let met = time::add_days(today, -(id % 30));
    PersonFacts {
        contact: contact_status(&person, Some(met), None, today),
        person,
        one_on_ones: Vec::new(),
        last_met: Some(met),
        overdue_days: (id % 5 == 0).then_some(id),
        called_off_in_a_row: 0,
        quiet_streak: (id % 7) as usize,
        logged: 20,
        style_stuck: id % 9 == 0,
    }
}

fn main() {
    let profile = common::lead();
    let tz = profile.tz();
    let first = date(2021, 11, 1);
    let this_week = time::add_days(first, 7 * WEEKS);
    let today = time::add_days(this_week, 2);
    let (activities, commits) = common::busy_days(first, 7 * WEEKS, &[12, 15, 17], &tz);
    let no_marks = std::collections::BTreeMap::new();
    let (build_ms, weeks) = common::best_of(3, || {
        (0..WEEKS)
            .map(|w| {
                let monday = time::add_days(first, 7 * w);
                WeekFacts {
                    monday,
                    report: build(&ReportInput {
                        profile: &profile,
                        from: monday,
                        to: time::add_days(monday, 7),
                        activities: &activities,
                        commits: &commits,
                        now: Timestamp::MAX,
                        trend_weeks: 1,
                        day_marks: &no_marks,
                    }),
                    phase: None,
                }
            })
            .collect::<Vec<_>>()
    });
    let mut s = Snapshot::empty(profile.clone(), today);
    s.weeks = weeks;
    s.people = (1..=20).map(|id| person(id, today)).collect();
    s.feedback = (0..1_000)
        .map(|i| {
            let on = time::add_days(today, -(i % 365));
            Feedback {
                id: i,
                person_id: Some(1 + i % 20),
                who: None,
                direction: Direction::Given,
                polarity: Some(if i % 3 == 0 {
                    Polarity::Constructive
                } else {
                    Polarity::Positive
                }),
                situation: "in the review".into(),
                behaviour: "asked for tests".into(),
                impact: "fewer bugs".into(),
                theme: None,
                event_on: on,
                delivered_on: Some(time::add_days(on, i % 9)),
                follow_up_due: Some(time::add_days(on, 14)),
                followed_up_on: None,
                follow_up_note: None,
            }
        })
        .collect();
    s.delegations = (0..200)
        .map(|i| {
            let begun = time::add_days(today, -(i % 200));
            let title = format!("delegation {i}");
            Delegation {
                id: i,
                status: if i % 4 == 0 {
                    Status::Active
                } else {
                    Status::Done
                },
                handed_over_on: Some(begun),
                ..Delegation::draft(1 + i % 20, title, Category::Build, Style::Selling, begun)
            }
        })
        .collect();
    s.commitments = (0..100)
        .map(|i| Commitment {
            id: i,
            person_id: Some(1 + i % 20),
            to: format!("Person {}", 1 + i % 20),
            what: format!("promise {i}"),
            made_on: time::add_days(today, -(i % 40)),
            due: time::add_days(today, 10 - i % 30),
            status: CommitmentStatus::Open,
            last_update_on: None,
            closed_on: None,
            note: None,
        })
        .collect();
    s.tasks = (0..200)
        .map(|i| Task {
            estimate_minutes: Some(60),
            category: Category::ALL[(i as usize) % 6],
            ..Task::open(i + 1, format!("task {i}"), i % 2 == 0, i % 3 != 0)
        })
        .collect();
    let (eval_ms, found) = common::best_of(20, || evaluate(&s));
    let rules: std::collections::BTreeSet<&str> = found.iter().map(|i| i.rule.as_str()).collect();
    println!(
        "{} weeks ({} activities, {} commits), 20 people, 1000 feedback, 200 delegations: \
         weekly reports {build_ms:.1} ms (best of 3), every rule {eval_ms:.2} ms (best of 20), \
         total {:.1} ms; {} insights from {} rules",
        s.weeks.len(),
        activities.len(),
        commits.len(),
        build_ms + eval_ms,
        found.len(),
        rules.len()
    );
}

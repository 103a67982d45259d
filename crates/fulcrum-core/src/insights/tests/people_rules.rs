use super::fixtures::*;
use crate::Category;
use crate::delegation::{CheckIn, Delegation, Expectations, FollowUp, Outcome, Status, Style};
use crate::feedback::{Direction, Feedback, Polarity};
use crate::insights::{Insight, Link, Offer, PersonFacts, Severity, Snapshot};
use crate::people::{OneOnOne, OneOnOneState, Relation};
use crate::relationships::{Commitment, CommitmentStatus, contact_status};
use crate::time::add_days;
use jiff::civil::{Date, Time};

const ADA: i64 = 1;
const BOB: i64 = 2;

/// Four weeks of data (today is 2026-03-04) with these records.
fn records(f: impl FnOnce(&mut Snapshot)) -> Snapshot {
    Scenario::healthy(4).with(f).snapshot()
}

/// The day `n` days before the snapshot's today.
fn ago(s: &Snapshot, n: i64) -> Date {
    add_days(s.today, -n)
}

fn ada(s: &Snapshot) -> PersonFacts {
    person(ADA, "Ada Lovelace", Relation::Report, s.today)
}

fn bob(s: &Snapshot) -> PersonFacts {
    person(BOB, "Bob Byte", Relation::Report, s.today)
}

fn ada_link() -> Link {
    Link::Person {
        person_id: ADA,
        name: "Ada Lovelace".into(),
    }
}

/// Someone last in touch `days` before today (or never), as the snapshot reads it.
fn in_touch(mut p: PersonFacts, days: Option<i64>, today: Date) -> PersonFacts {
    p.last_met = days.map(|n| add_days(today, -n));
    p.contact = contact_status(&p.person, p.last_met, None, today);
    p
}

/// Someone last met in a 1:1 `days` before today (or never), with what is overdue.
fn last_met(p: PersonFacts, days: Option<i64>, today: Date) -> PersonFacts {
    let mut p = in_touch(p, days, today);
    p.overdue_days = crate::people::overdue(&p.person, p.last_met, today);
    p
}

/// The task an insight offers to add: always important.
fn add_task(title: &str, category: Category, urgent: bool, minutes: i64) -> Offer {
    Offer::AddTask {
        title: title.into(),
        category,
        important: true,
        urgent,
        estimate_minutes: Some(minutes),
    }
}

/// An item for the agenda of the next 1:1 with Ada.
fn agenda(text: &str) -> Offer {
    Offer::AgendaItem {
        person_id: ADA,
        text: text.into(),
    }
}

/// The one insight of `rule` about Ada, checked for its id, severity and first evidence.
fn about_ada(s: &Snapshot, rule: &str, severity: Severity, since: Date, seen: &str) -> Insight {
    let i = raised(s, rule);
    assert_eq!(i.id, format!("{rule}.p{ADA}.{since}"));
    assert_eq!(i.severity, severity);
    assert_eq!(i.evidence[0].text, seen);
    assert_eq!(i.evidence[0].link, ada_link());
    assert_eq!(i.through, s.this_week());
    i
}

#[test]
fn one_on_one_overdue_past_the_cadence() {
    let s = records(|s| s.people = vec![last_met(ada(s), Some(17), s.today)]);
    let i = about_ada(
        &s,
        "one-on-one-overdue",
        Severity::Warn,
        ago(&s, 3),
        "last met on 2026-02-15; the cadence is every 14 days",
    );
    assert_eq!(i.title, "1:1 with Ada Lovelace overdue by 3 days");
    assert_eq!(i.weeks, 2);
    let booking = add_task("Book a 1:1 with Ada Lovelace", Category::Lead, true, 15);
    assert_eq!(i.action.offer, Some(booking));
}

#[test]
fn one_on_one_never_held_a_whole_cadence_late_is_an_alert() {
    let s = records(|s| {
        let mut p = ada(s);
        p.person.start_date = Some(ago(s, 30));
        s.people = vec![last_met(p, None, s.today)];
    });
    about_ada(
        &s,
        "one-on-one-overdue",
        Severity::Alert,
        ago(&s, 16),
        "no 1:1 yet; the cadence is every 14 days",
    );
}

#[test]
fn one_on_one_on_the_cadence_day_is_a_near_miss() {
    quiet(
        &records(|s| s.people = vec![last_met(ada(s), Some(14), s.today)]),
        "one-on-one-overdue",
    );
}

/// A 1:1 with Ada on `date` at `hour`, cancelled by `by` when it was.
fn one_on_one(date: Date, hour: i8, state: OneOnOneState, by: Option<&str>) -> OneOnOne {
    let tz = crate::test_support::profile().tz();
    let start = crate::time::local_instant(date, Time::constant(hour, 0, 0, 0), &tz);
    OneOnOne {
        uid: format!("ada-{date}"),
        start,
        end: start
            .checked_add(jiff::SignedDuration::from_mins(30))
            .unwrap(),
        title: "Ada / me 1:1".into(),
        state,
        cancelled_by: by.map(str::to_string),
    }
}

const ME: Option<&str> = Some("me@example.com");

/// Ada with these 1:1s, the streak counted at noon today as the app would.
fn ada_with(s: &mut Snapshot, list: Vec<OneOnOne>) {
    let tz = s.profile.tz();
    let now = crate::time::local_instant(s.today, Time::constant(12, 0, 0, 0), &tz);
    let mut p = ada(s);
    p.called_off_in_a_row = crate::people::cancelled_by_me_streak(&list, &s.profile.emails, now);
    p.one_on_ones = list;
    s.people = vec![p];
}

#[test]
fn one_on_one_called_off_twice_in_a_row() {
    let s = records(|s| {
        let list = vec![
            one_on_one(ago(s, 21), 10, OneOnOneState::Held, None),
            one_on_one(ago(s, 14), 10, OneOnOneState::Declined, None),
            one_on_one(ago(s, 7), 10, OneOnOneState::Cancelled, ME),
            // Later today, still to come: not part of the streak.
            one_on_one(s.today, 16, OneOnOneState::Upcoming, None),
        ];
        ada_with(s, list);
    });
    let i = raised(&s, "one-on-one-cancelled-twice");
    assert_eq!(
        i.id,
        format!("one-on-one-cancelled-twice.p{ADA}.{}", ago(&s, 14))
    );
    assert_eq!(i.severity, Severity::Alert);
    let seen: Vec<&str> = i.evidence.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(
        seen,
        [
            "2026-02-18: “Ada / me 1:1” declined by you",
            "2026-02-25: “Ada / me 1:1” cancelled by you"
        ]
    );
    assert_eq!(
        i.evidence[1].link,
        Link::Event {
            title: "Ada / me 1:1".into(),
            date: ago(&s, 7)
        }
    );
    assert!(matches!(
        i.action.offer,
        Some(Offer::AddTask { urgent: true, .. })
    ));
}

#[test]
fn one_on_one_called_off_once_is_a_near_miss() {
    let s = records(|s| {
        let list = vec![
            one_on_one(
                ago(s, 14),
                10,
                OneOnOneState::Cancelled,
                Some("ada@example.com"),
            ),
            one_on_one(ago(s, 7), 10, OneOnOneState::Declined, None),
        ];
        ada_with(s, list);
    });
    quiet(&s, "one-on-one-cancelled-twice");
}

fn ada_quiet_for(streak: usize) -> Snapshot {
    records(|s| {
        let mut p = ada(s);
        p.quiet_streak = streak;
        s.people = vec![p];
    })
}

#[test]
fn one_on_ones_quiet_for_three_in_a_row() {
    let s = ada_quiet_for(3);
    let i = about_ada(
        &s,
        "one-on-ones-quiet",
        Severity::Info,
        ago(&s, 21),
        "the last 3 logged 1:1s had nothing of theirs on the agenda",
    );
    let ask = "What is one thing I could do to support you better?";
    assert_eq!(i.action.offer, Some(agenda(ask)));
}

#[test]
fn one_on_ones_quiet_for_two_is_a_near_miss() {
    quiet(&ada_quiet_for(2), "one-on-ones-quiet");
}

/// Feedback the lead gave `person` about an event, delivered on `delivered`.
fn feedback(id: i64, person: i64, polarity: Polarity, event: Date, delivered: Date) -> Feedback {
    Feedback {
        id,
        person_id: Some(person),
        who: None,
        direction: Direction::Given,
        polarity: Some(polarity),
        situation: "in the design review".into(),
        behaviour: format!("behaviour {id}"),
        impact: "the team saw it".into(),
        theme: None,
        event_on: event,
        delivered_on: Some(delivered),
        follow_up_due: None,
        followed_up_on: None,
        follow_up_note: None,
    }
}

/// Ada and Bob, with feedback to Ada (`polarity`) delivered on each of `days_ago`.
fn feedback_to_ada(polarity: Polarity, days_ago: &[i64]) -> Snapshot {
    records(|s| {
        s.people = vec![ada(s), bob(s)];
        s.feedback = (1..)
            .zip(days_ago)
            .map(|(id, n)| feedback(id, ADA, polarity, ago(s, *n), ago(s, *n)))
            .collect();
    })
}

#[test]
fn no_positive_feedback_for_six_weeks() {
    let s = feedback_to_ada(Polarity::Positive, &[42]);
    let i = about_ada(
        &s,
        "no-positive-feedback",
        Severity::Warn,
        ago(&s, 41),
        "the last positive feedback was delivered on 2026-01-21",
    );
    assert_eq!(i.title, "No praise for Ada since 2026-01-21");
    assert_eq!(i.action.offer, Some(Offer::DraftPraise { person_id: ADA }));
}

#[test]
fn no_positive_feedback_ever_counts_from_the_first_week() {
    let s = Scenario::healthy(7)
        .with(|s| s.people = vec![ada(s)])
        .snapshot();
    about_ada(
        &s,
        "no-positive-feedback",
        Severity::Warn,
        FIRST_MONDAY,
        "no positive feedback recorded since 2026-02-02",
    );
}

#[test]
fn praise_a_day_short_of_six_weeks_is_a_near_miss() {
    quiet(
        &feedback_to_ada(Polarity::Positive, &[41]),
        "no-positive-feedback",
    );
}

/// Constructive feedback to Ada with its follow-up due `due_in` days from today.
fn follow_up(due_in: i64, followed_up: bool) -> Snapshot {
    records(|s| {
        s.people = vec![ada(s)];
        s.feedback = vec![Feedback {
            follow_up_due: Some(add_days(s.today, due_in)),
            followed_up_on: followed_up.then_some(s.today),
            ..feedback(7, ADA, Polarity::Constructive, ago(s, 21), ago(s, 21))
        }];
    })
}

#[test]
fn feedback_follow_up_a_week_overdue() {
    let s = follow_up(-7, false);
    let i = raised(&s, "feedback-follow-up-due");
    assert_eq!(i.id, format!("feedback-follow-up-due.f7.{}", ago(&s, 7)));
    assert_eq!(i.severity, Severity::Warn);
    assert_eq!(
        i.evidence[0].text,
        "“behaviour 7”: follow-up due on 2026-02-25"
    );
    assert_eq!(i.evidence[0].link, Link::Feedback { feedback_id: 7 });
    assert_eq!(
        i.action.offer,
        Some(agenda("Follow up on the feedback about: behaviour 7"))
    );
    assert_eq!(
        raised(&follow_up(0, false), "feedback-follow-up-due").severity,
        Severity::Info
    );
}

#[test]
fn feedback_follow_up_due_tomorrow_or_done_is_a_near_miss() {
    quiet(&follow_up(1, false), "feedback-follow-up-due");
    quiet(&follow_up(-7, true), "feedback-follow-up-due");
}

/// Feedback to Ada delivered last Tuesday, `delay` days after the event.
fn delivered_after(delay: i64) -> Snapshot {
    records(|s| {
        s.people = vec![ada(s)];
        let delivered = add_days(s.this_week(), -6);
        s.feedback = vec![feedback(
            3,
            ADA,
            Polarity::Positive,
            add_days(delivered, -delay),
            delivered,
        )];
    })
}

#[test]
fn feedback_late_after_more_than_a_week() {
    let s = delivered_after(8);
    let i = raised(&s, "feedback-late");
    let last_week = add_days(s.this_week(), -7);
    assert_eq!(i.id, format!("feedback-late.feedback.{last_week}"));
    assert_eq!(i.severity, Severity::Info);
    assert_eq!(i.title, "1 piece of feedback delivered late");
    assert_eq!(
        i.evidence[0].text,
        "Ada Lovelace: the event of 2026-02-16 was talked about 8 days later"
    );
    assert_eq!(i.evidence[0].link, Link::Feedback { feedback_id: 3 });
    assert_eq!((i.weeks, i.through), (1, last_week));
    assert_eq!(i.action.offer, None);
}

#[test]
fn feedback_a_week_after_the_event_is_a_near_miss() {
    quiet(&delivered_after(7), "feedback-late");
}

#[test]
fn feedback_uneven_three_times_against_none() {
    let s = feedback_to_ada(Polarity::Positive, &[3, 10, 17]);
    let i = raised(&s, "feedback-uneven");
    assert_eq!(
        i.id,
        format!("feedback-uneven.team.{}", add_days(s.this_week(), -56))
    );
    assert_eq!(i.severity, Severity::Warn);
    let seen: Vec<&str> = i.evidence.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(
        seen,
        [
            "Ada Lovelace: 3 times in eight weeks",
            "Bob Byte: 0 times in eight weeks"
        ]
    );
    assert_eq!(i.evidence[0].link, ada_link());
    assert_eq!(i.weeks, 8);
}

#[test]
fn feedback_uneven_near_misses_twice_against_none_or_everyone_heard() {
    quiet(
        &feedback_to_ada(Polarity::Positive, &[3, 10]),
        "feedback-uneven",
    );
    let mut s = feedback_to_ada(Polarity::Positive, &[3, 10, 17]);
    s.feedback
        .push(feedback(9, BOB, Polarity::Positive, ago(&s, 4), ago(&s, 4)));
    quiet(&s, "feedback-uneven");
}

#[test]
fn feedback_only_constructive_three_times() {
    let s = feedback_to_ada(Polarity::Constructive, &[3, 10, 17]);
    let i = about_ada(
        &s,
        "feedback-only-constructive",
        Severity::Warn,
        ago(&s, 17),
        "3 constructive, none positive",
    );
    assert_eq!(i.action.offer, Some(Offer::DraftPraise { person_id: ADA }));
}

#[test]
fn feedback_only_constructive_near_misses_twice_or_with_one_praise() {
    quiet(
        &feedback_to_ada(Polarity::Constructive, &[3, 10]),
        "feedback-only-constructive",
    );
    let mut s = feedback_to_ada(Polarity::Constructive, &[3, 10, 17]);
    s.feedback
        .push(feedback(9, ADA, Polarity::Positive, ago(&s, 4), ago(&s, 4)));
    quiet(&s, "feedback-only-constructive");
}

/// All six expectations agreed.
fn agreed(deadline: Date) -> Expectations {
    let said = |w: &str| Some(w.to_string());
    Expectations {
        specific: said("release notes for 2.4, reviewed by support"),
        measurable: said("published on the docs site"),
        achievable: said("two days set aside"),
        relevant: said("support stops guessing"),
        deadline: Some(deadline),
        trackable: said("draft in the shared folder on Thursday"),
    }
}

/// Work handed to `person` on `on`, running, with all expectations agreed.
fn delegation(id: i64, person: i64, on: Date) -> Delegation {
    Delegation {
        id,
        person_id: person,
        title: "Release notes".into(),
        category: Category::Align,
        style: Style::Telling,
        expectations: agreed(add_days(on, 28)),
        status: Status::Active,
        created_on: on,
        handed_over_on: Some(on),
        check_ins: Vec::new(),
        outcome: None,
        follow_up: FollowUp::default(),
        closed_on: None,
        origin: None,
    }
}

/// Ada and Bob, with these delegations.
fn delegated(f: impl FnOnce(&Snapshot) -> Vec<Delegation>) -> Snapshot {
    records(|s| {
        s.people = vec![ada(s), bob(s)];
        s.delegations = f(s);
    })
}

#[test]
fn delegation_incomplete_with_expectations_missing() {
    let s = delegated(|s| {
        let mut d = delegation(4, ADA, ago(s, 9));
        d.expectations.relevant = Some("  ".into());
        d.expectations.trackable = None;
        vec![d]
    });
    let i = raised(&s, "delegation-incomplete");
    assert_eq!(i.id, format!("delegation-incomplete.d4.{}", ago(&s, 9)));
    assert_eq!(i.severity, Severity::Warn);
    assert_eq!(i.evidence[0].text, "missing: relevant, trackable");
    assert_eq!(i.evidence[0].link, Link::Delegation { delegation_id: 4 });
    assert_eq!(
        i.action.offer,
        Some(agenda(
            "Agree the missing expectations of “Release notes”: relevant, trackable"
        ))
    );
}

#[test]
fn delegation_complete_or_still_a_draft_is_a_near_miss() {
    quiet(
        &delegated(|s| vec![delegation(4, ADA, ago(s, 9))]),
        "delegation-incomplete",
    );
    let s = delegated(|s| {
        let mut d = delegation(4, ADA, ago(s, 9));
        d.status = Status::Draft;
        d.expectations.trackable = None;
        vec![d]
    });
    quiet(&s, "delegation-incomplete");
}

/// Delegations of the last weeks: `to_ada` to Ada, `to_bob` to Bob.
fn shared_out(to_ada: i64, to_bob: i64) -> Snapshot {
    delegated(|s| {
        let ada = (0..to_ada).map(|k| delegation(k, ADA, ago(s, 7 * k + 3)));
        let bob = (0..to_bob).map(|k| delegation(10 + k, BOB, ago(s, 7 * k + 3)));
        ada.chain(bob).collect()
    })
}

#[test]
fn delegation_concentration_three_of_four() {
    let s = shared_out(3, 1);
    let since = add_days(s.this_week(), -84);
    let i = about_ada(
        &s,
        "delegation-concentration",
        Severity::Warn,
        since,
        "3 of 4 delegations in twelve weeks",
    );
    assert_eq!(i.action.offer, None);
}

#[test]
fn delegation_shared_half_and_half_is_a_near_miss() {
    quiet(&shared_out(2, 2), "delegation-concentration");
    quiet(&shared_out(3, 0), "delegation-concentration");
}

/// A running delegation to Ada with a check-in due `due_in` days from today.
fn check_in(due_in: i64, done: bool) -> Snapshot {
    delegated(|s| {
        let due = add_days(s.today, due_in);
        let mut d = delegation(5, ADA, ago(s, 14));
        d.check_ins = vec![CheckIn {
            due,
            done_on: done.then_some(due),
            note: None,
        }];
        vec![d]
    })
}

#[test]
fn delegation_check_in_a_week_overdue() {
    let s = check_in(-7, false);
    let i = raised(&s, "delegation-check-in-due");
    assert_eq!(i.id, format!("delegation-check-in-due.d5.{}", ago(&s, 7)));
    assert_eq!(i.severity, Severity::Warn);
    assert_eq!(i.title, "Check in with Ada Lovelace on “Release notes”");
    assert_eq!(i.evidence[0].text, "check-in due on 2026-02-25");
    assert_eq!(i.evidence[0].link, Link::Delegation { delegation_id: 5 });
    assert_eq!(i.action.offer, Some(agenda("Check in on “Release notes”")));
    assert_eq!(
        raised(&check_in(0, false), "delegation-check-in-due").severity,
        Severity::Info
    );
}

#[test]
fn delegation_check_in_due_tomorrow_or_held_is_a_near_miss() {
    quiet(&check_in(1, false), "delegation-check-in-due");
    quiet(&check_in(-7, true), "delegation-check-in-due");
}

/// Ada after `n` delegations in the telling style, each met.
fn told_and_met(n: i64) -> Snapshot {
    records(|s| {
        s.delegations = (0..n)
            .map(|k| Delegation {
                status: Status::Done,
                outcome: Some(Outcome::Met),
                closed_on: Some(ago(s, 7 * k)),
                ..delegation(k, ADA, ago(s, 7 * k + 14))
            })
            .collect();
        let mut p = ada(s);
        p.style_stuck = crate::delegation::style_history(ADA, "Ada", &s.delegations).stuck;
        s.people = vec![p];
    })
}

#[test]
fn delegation_style_stuck_after_three_successes() {
    let s = told_and_met(3);
    let since = s.this_week();
    let i = about_ada(
        &s,
        "delegation-style-stuck",
        Severity::Info,
        since,
        "several delegations done well, all in the telling style",
    );
    assert_eq!(i.action.offer, None);
}

#[test]
fn delegation_style_after_two_successes_is_a_near_miss() {
    quiet(&told_and_met(2), "delegation-style-stuck");
}

/// Grace, a stakeholder (or `relation`), last in touch `days` ago.
fn grace(relation: Relation, days: i64) -> Snapshot {
    records(|s| {
        s.people = vec![in_touch(
            person(5, "Grace Hopper", relation, s.today),
            Some(days),
            s.today,
        )]
    })
}

#[test]
fn stakeholder_overdue_past_the_monthly_cadence() {
    let s = grace(Relation::Stakeholder, 35);
    let i = raised(&s, "stakeholder-overdue");
    assert_eq!(i.id, format!("stakeholder-overdue.p5.{}", ago(&s, 5)));
    assert_eq!(i.severity, Severity::Info);
    assert_eq!(
        i.title,
        "No contact with Grace Hopper for 5 days past the cadence"
    );
    assert_eq!(
        i.evidence[0].text,
        "last contact on 2026-01-28; every 30 days is the cadence"
    );
    assert!(matches!(
        i.evidence[0].link,
        Link::Person { person_id: 5, .. }
    ));
    let catch_up = add_task("Catch up with Grace Hopper", Category::Align, false, 30);
    assert_eq!(i.action.offer, Some(catch_up));
}

#[test]
fn a_manager_a_whole_cadence_late_is_a_warning() {
    let s = grace(Relation::Manager, 28);
    assert_eq!(raised(&s, "stakeholder-overdue").severity, Severity::Warn);
}

#[test]
fn a_stakeholder_never_contacted_is_due_a_cadence_after_they_started() {
    // Never in touch, and started long ago.
    let s = records(|s| {
        let mut g = person(5, "Grace Hopper", Relation::Stakeholder, s.today);
        g.contact = crate::relationships::contact_status(&g.person, None, None, s.today);
        s.people = vec![g];
    });
    let i = raised(&s, "stakeholder-overdue");
    assert_eq!(i.title, "No contact yet with Grace Hopper");
    assert_eq!(i.evidence[0].text, "no contact recorded yet");
    assert_eq!(i.severity, Severity::Warn);
    // Started less than a cadence ago: not due yet.
    let s = records(|s| {
        let mut g = person(5, "Grace Hopper", Relation::Stakeholder, s.today);
        g.person.start_date = Some(ago(s, 20));
        g.contact = crate::relationships::contact_status(&g.person, None, None, s.today);
        s.people = vec![g];
    });
    quiet(&s, "stakeholder-overdue");
}

#[test]
fn stakeholder_due_today_or_a_peer_is_a_near_miss() {
    quiet(&grace(Relation::Stakeholder, 30), "stakeholder-overdue");
    quiet(&grace(Relation::Peer, 35), "stakeholder-overdue");
}

/// A promise to Bob made `made` days ago, due in `due_in` days.
fn promise(made: i64, due_in: i64, update: Option<i64>) -> Snapshot {
    records(|s| {
        s.commitments = vec![Commitment {
            id: 8,
            person_id: None,
            to: "Bob".into(),
            what: "the budget numbers".into(),
            made_on: ago(s, made),
            due: add_days(s.today, due_in),
            status: CommitmentStatus::Open,
            last_update_on: update.map(|n| ago(s, n)),
            closed_on: None,
            note: None,
        }];
    })
}

#[test]
fn commitment_slipped() {
    let s = promise(10, -1, Some(5));
    let i = raised(&s, "commitment-due");
    assert_eq!(i.id, format!("commitment-due.c8.{}", ago(&s, 1)));
    assert_eq!(i.severity, Severity::Alert);
    assert_eq!(i.title, "Promise to Bob: “the budget numbers”");
    assert_eq!(
        i.evidence[0].text,
        "promised on 2026-02-22, due on 2026-03-03, last update 2026-02-27"
    );
    assert_eq!(i.evidence[0].link, Link::Commitment { commitment_id: 8 });
    assert!(
        i.action.text.contains("was due 1 day ago"),
        "{}",
        i.action.text
    );
    assert_eq!(i.action.offer, None);
}

#[test]
fn commitment_due_today_or_halfway_without_an_update() {
    let s = promise(10, 0, None);
    let i = raised(&s, "commitment-due");
    assert_eq!((i.severity, i.since), (Severity::Warn, ago(&s, 10)));
    let i = raised(&promise(10, 10, None), "commitment-due");
    assert_eq!(i.severity, Severity::Info);
    assert!(
        i.action.text.contains("is due in 10 days"),
        "{}",
        i.action.text
    );
}

#[test]
fn commitment_before_halfway_or_updated_is_a_near_miss() {
    quiet(&promise(10, 11, None), "commitment-due");
    quiet(&promise(10, 10, Some(2)), "commitment-due");
}

/// Jo, a peer, last in touch `days` ago.
fn peer_in_touch(days: i64) -> Snapshot {
    records(|s| {
        s.people = vec![
            ada(s),
            in_touch(
                person(6, "Jo Peer", Relation::Peer, s.today),
                Some(days),
                s.today,
            ),
        ]
    })
}

#[test]
fn peer_network_quiet_for_six_weeks() {
    let s = peer_in_touch(42);
    let i = raised(&s, "peer-network-quiet");
    assert_eq!(i.id, format!("peer-network-quiet.peers.{}", ago(&s, 41)));
    assert_eq!(i.severity, Severity::Info);
    assert_eq!(i.title, "No contact with a peer for 6 weeks");
    assert_eq!(i.evidence[0].text, "Jo Peer: last in touch on 2026-01-21");
    assert!(matches!(
        i.evidence[0].link,
        Link::Person { person_id: 6, .. }
    ));
    assert!(matches!(
        i.action.offer,
        Some(Offer::AddHabit {
            category: Category::Grow,
            minutes: 60,
            ..
        })
    ));
}

#[test]
fn no_peer_at_all_after_six_weeks_of_records() {
    let s = Scenario::healthy(7)
        .with(|s| s.people = vec![ada(s)])
        .snapshot();
    let i = raised(&s, "peer-network-quiet");
    assert_eq!(i.title, "No peers or mentors in your network");
    assert_eq!(i.evidence[0].link, Link::People);
}

#[test]
fn peer_in_touch_a_day_short_of_six_weeks_is_a_near_miss() {
    quiet(&peer_in_touch(41), "peer-network-quiet");
    quiet(&records(|s| s.people = vec![ada(s)]), "peer-network-quiet");
}

/// `n` reports, and a peer.
fn team_of(n: i64) -> Snapshot {
    records(|s| {
        s.people = (1..=n)
            .map(|id| person(id, &format!("Dev{id} Smith"), Relation::Report, s.today))
            .collect();
        s.people
            .push(person(99, "Jo Peer", Relation::Peer, s.today));
    })
}

#[test]
fn team_too_large_with_nine_reports() {
    let s = team_of(9);
    let i = raised(&s, "team-too-large");
    assert_eq!(i.id, "team-too-large.team.2025-01-06");
    assert_eq!(i.severity, Severity::Info);
    assert_eq!(i.title, "9 reports: more than 8 to hold 1:1s with well");
    assert_eq!(i.evidence[0].text, "9 people report to you");
    assert_eq!(i.evidence[0].link, Link::People);
}

#[test]
fn team_of_eight_is_a_near_miss() {
    quiet(&team_of(8), "team-too-large");
}

/// Ada (or a peer) with 1:1s set to `minutes`.
fn one_on_ones_of(relation: Relation, minutes: u32) -> Snapshot {
    records(|s| {
        let mut p = person(ADA, "Ada Lovelace", relation, s.today);
        p.person.duration_minutes = minutes;
        s.people = vec![p];
    })
}

#[test]
fn one_on_one_too_short_at_twenty_five_minutes() {
    let s = one_on_ones_of(Relation::Report, 25);
    let since = s.this_week();
    let i = about_ada(
        &s,
        "one-on-one-too-short",
        Severity::Info,
        since,
        "set to 25 minutes; 30 is the shortest that works",
    );
    assert_eq!(i.title, "1:1s with Ada are 25 minutes");
    assert_eq!(i.action.offer, None);
}

#[test]
fn one_on_one_of_thirty_minutes_or_with_a_peer_is_a_near_miss() {
    quiet(
        &one_on_ones_of(Relation::Report, 30),
        "one-on-one-too-short",
    );
    quiet(&one_on_ones_of(Relation::Peer, 15), "one-on-one-too-short");
}

//! Incidents: postmortem actions past due, out-of-hours load carried by one responder.

use super::*;
use crate::incidents;
use crate::oncall::{self, OnCallInput, Responder};
use crate::time;

pub(super) const POSTMORTEM_ACTION_OVERDUE: FnRule = FnRule {
    info: RuleInfo {
        id: "postmortem-action-overdue",
        module: "technical",
        practice: "B10",
        why: "Postmortem actions with a date that passes unnoticed leave the lesson as talk: the same incident can happen again.",
        looks_for: "a postmortem action not done past its due date (its own, or four weeks after the resolution for a priority action)",
    },
    check: postmortem_action_overdue,
};

pub(super) const ON_CALL_UNEVEN: FnRule = FnRule {
    info: RuleInfo {
        id: "on-call-uneven",
        module: "technical",
        practice: "B10",
        why: "On-call that keeps landing on one person wears them out and leaves the rest without practice; a fair rotation is one the team can see.",
        looks_for: "over the last 12 weeks, one of at least three responders carrying more than half of the out-of-hours incident time (at least an hour in all)",
    },
    check: on_call_uneven,
};

fn postmortem_action_overdue(s: &Snapshot) -> Vec<Finding> {
    let tz = s.profile.tz();
    s.incidents
        .iter()
        .flat_map(|k| {
            let resolved_on = k.record.resolved.map(|t| time::local_date(t, &tz));
            incidents::overdue_actions(&k.record, resolved_on, s.today)
                .into_iter()
                .map(move |(n, due, late)| (k, n, due, late))
        })
        .filter_map(|(k, n, due, late)| {
            let action = k.record.postmortem.as_ref()?.actions.get(n)?;
            let owner = action
                .owner
                .and_then(|o| person_name(s, o))
                .map_or_else(|| "no owner".to_string(), |name| format!("owned by {name}"));
            Some(Finding {
                subject: format!("incident{}-action{}", k.id, n + 1),
                severity: if late > 14 {
                    Severity::Warn
                } else {
                    Severity::Info
                },
                title: format!(
                    "A postmortem action of \"{}\" is overdue: {}",
                    k.record.title, action.text
                ),
                evidence: vec![Evidence::new(
                    format!("due on {due}, {late} days ago, {owner}, not done"),
                    Link::Incident { id: k.id },
                )],
                since: add_days(due, 1),
                weeks: (late / 7) as u32,
                through: s.today,
                action: Action {
                    text: "Ask the owner where it stands: finish it, or give it a new date and the urgency it deserves.".into(),
                    offer: Offer::task(
                        format!("Follow up the postmortem action: {}", action.text),
                        Category::Operate,
                        (true, true),
                        Some(15),
                    ),
                },
            })
        })
        .collect()
}

fn person_name(s: &Snapshot, id: i64) -> Option<String> {
    s.people
        .iter()
        .find(|p| p.person.id == id)
        .map(|p| p.person.name.clone())
}

fn on_call_uneven(s: &Snapshot) -> Vec<Finding> {
    let tz = s.profile.tz();
    let end = time::day_start(add_days(s.today, 1), &tz);
    let first = add_days(s.today, -7 * oncall::WEEKS);
    let incidents: Vec<_> = s.incidents.iter().map(|k| k.record.clone()).collect();
    let loads = oncall::load(&OnCallInput {
        incidents: &incidents,
        own: &s.oncall_time,
        hours: &s.profile.working_hours,
        tz: &tz,
        from: time::day_start(first, &tz),
        to: end,
    });
    let Some(heavy) = oncall::uneven(&loads) else {
        return vec![];
    };
    let total: i64 = loads.iter().map(|l| l.minutes).sum();
    let (who, link) = match heavy.responder {
        Responder::Me => ("You".to_string(), Link::week(time::week_start(s.today))),
        Responder::Person(id) => {
            let name = person_name(s, id).unwrap_or_else(|| format!("person {id}"));
            (
                name.clone(),
                Link::Person {
                    person_id: id,
                    name,
                },
            )
        }
    };
    let mut evidence = vec![Evidence::new(
        format!(
            "{who}: {} of {} out-of-hours hours ({:.0} %) over {} responders in the last {} weeks",
            hours(heavy.minutes),
            hours(total),
            heavy.share * 100.0,
            loads.len(),
            oncall::WEEKS
        ),
        link,
    )];
    // The incidents that put it on them, most recent first, so the lead can see the pattern.
    let mut theirs: Vec<_> = s
        .incidents
        .iter()
        .filter(|k| match heavy.responder {
            Responder::Person(id) => k.record.responders().contains(&id),
            Responder::Me => false,
        })
        .filter(|k| k.record.started >= time::day_start(first, &tz))
        .collect();
    theirs.sort_by_key(|k| std::cmp::Reverse(k.record.started));
    for k in theirs.into_iter().take(3) {
        evidence.push(Evidence::new(
            format!(
                "{} on {}",
                k.record.title,
                time::local_date(k.record.started, &tz)
            ),
            Link::Incident { id: k.id },
        ));
    }
    vec![Finding {
        subject: match heavy.responder {
            Responder::Me => "oncall-me".into(),
            Responder::Person(id) => format!("oncall-p{id}"),
        },
        severity: Severity::Warn,
        title: format!("{who} carried most of the out-of-hours incident load"),
        evidence,
        since: first,
        weeks: oncall::WEEKS as u32,
        through: s.today,
        action: Action {
            text: "Look at the rotation with the team: spread the out-of-hours shifts, and make sure the time is compensated.".into(),
            offer: Offer::task(
                "Review the on-call rotation with the team".to_string(),
                Category::Lead,
                (true, true),
                Some(30),
            ),
        },
    }]
}

fn hours(minutes: i64) -> String {
    format!("{:.1}", minutes as f64 / 60.0)
}

//! Rules over the people records: 1:1s, feedback, delegation, relationships and promises.

use super::{
    Action, Evidence, Finding, FnRule, Link, Offer, PersonFacts, Rule, RuleInfo, Severity, Snapshot,
};
use crate::Category;
use crate::delegation::Status;
use crate::feedback::{Direction, Polarity};
use crate::people::{CALLED_OFF_IN_A_ROW, OneOnOneState, Relation};
use crate::relationships::NudgeKind;
use crate::time::{add_days, days_between, local_date, week_start};
use crate::words::plural;
use jiff::civil::Date;

pub(super) const RULES: &[&dyn Rule] = &[
    &FnRule {
        info: RuleInfo {
            id: "one-on-one-overdue",
            module: "people",
            practice: "C4.4",
            why: "Consistency is what makes 1:1s work; a gap past the cadence tells someone they can wait.",
            looks_for: "no 1:1 with someone for longer than their cadence",
        },
        check: one_on_one_overdue,
    },
    &FnRule {
        info: RuleInfo {
            id: "one-on-one-cancelled-twice",
            module: "people",
            practice: "C4.4",
            why: "Calling off a 1:1 is one of the fastest ways to lose trust; twice in a row, it becomes the message.",
            looks_for: "the lead cancelled or declined two 1:1s in a row with the same person",
        },
        check: one_on_one_cancelled_twice,
    },
    &FnRule {
        info: RuleInfo {
            id: "one-on-ones-quiet",
            module: "people",
            practice: "C4.10",
            why: "When someone brings nothing to their 1:1s for weeks, the meeting has stopped being theirs.",
            looks_for: "three logged 1:1s in a row with nothing of theirs on the agenda",
        },
        check: one_on_ones_quiet,
    },
    &FnRule {
        info: RuleInfo {
            id: "no-positive-feedback",
            module: "feedback",
            practice: "C5.7",
            why: "Specific praise tells people what to keep doing; weeks without it and only the corrections are heard.",
            looks_for: "a report without positive feedback delivered for the set number of weeks",
        },
        check: no_positive_feedback,
    },
    &FnRule {
        info: RuleInfo {
            id: "feedback-follow-up-due",
            module: "feedback",
            practice: "C5.8",
            why: "Constructive feedback without a follow-up is a one-off remark; following up is what changes behaviour.",
            looks_for: "constructive feedback past its follow-up date with no follow-up",
        },
        check: feedback_follow_up_due,
    },
    &FnRule {
        info: RuleInfo {
            id: "feedback-late",
            module: "feedback",
            practice: "C5.6",
            why: "Feedback lands while the moment is fresh: the same day or within a few days, not at review time.",
            looks_for: "feedback of the last four weeks delivered more than the set days after the event",
        },
        check: feedback_late,
    },
    &FnRule {
        info: RuleInfo {
            id: "feedback-uneven",
            module: "feedback",
            practice: "C5.5",
            why: "Attention concentrated on a few people is felt as favouritism, even when nobody meant it.",
            looks_for: "some reports got feedback three or more times in eight weeks while others got none",
        },
        check: feedback_uneven,
    },
    &FnRule {
        info: RuleInfo {
            id: "feedback-only-constructive",
            module: "feedback",
            practice: "C5.5",
            why: "Someone who only ever hears what to fix stops hearing it; balance keeps feedback credible.",
            looks_for: "a report who got three or more constructive pieces of feedback and no positive one",
        },
        check: feedback_only_constructive,
    },
    &FnRule {
        info: RuleInfo {
            id: "delegation-incomplete",
            module: "delegation",
            practice: "C6.8",
            why: "Unclear expectations are the main reason delegated work fails: agree all six before handing over.",
            looks_for: "work handed over with some of the six expectations (SMART plus trackable) missing",
        },
        check: delegation_incomplete,
    },
    &FnRule {
        info: RuleInfo {
            id: "delegation-concentration",
            module: "delegation",
            practice: "C6.6",
            why: "Always handing work to the same person overloads them and keeps everyone else from growing.",
            looks_for: "one person given more than half of four or more delegations in twelve weeks",
        },
        check: delegation_concentration,
    },
    &FnRule {
        info: RuleInfo {
            id: "delegation-check-in-due",
            module: "delegation",
            practice: "C6.8",
            why: "Agreed check-ins are the support that makes handing over work safe; a missed one is dumping.",
            looks_for: "a running delegation with a check-in past its date",
        },
        check: delegation_check_in_due,
    },
    &FnRule {
        info: RuleInfo {
            id: "delegation-style-stuck",
            module: "delegation",
            practice: "C6.7",
            why: "Still telling someone step by step after they have succeeded keeps them dependent; step back one level.",
            looks_for: "someone still delegated to in the telling style after several successes",
        },
        check: delegation_style_stuck,
    },
    &FnRule {
        info: RuleInfo {
            id: "stakeholder-overdue",
            module: "relationships",
            practice: "C3.13",
            why: "Relationships with stakeholders and your manager fade without regular contact, and you need them most when it is too late to start.",
            looks_for: "a stakeholder or manager not contacted past their cadence",
        },
        check: stakeholder_overdue,
    },
    &FnRule {
        info: RuleInfo {
            id: "commitment-due",
            module: "relationships",
            practice: "C3.8",
            why: "Following through on what you promised is the simplest way to build trust; silence when slipping is the fastest way to lose it.",
            looks_for: "an open promise past due, due today, or halfway to its date without an interim update",
        },
        check: commitment_due,
    },
    &FnRule {
        info: RuleInfo {
            id: "peer-network-quiet",
            module: "relationships",
            practice: "D10",
            why: "Peers and mentors outside the team are the support network a lead leans on when the load is heavy.",
            looks_for: "no contact with a peer or mentor for the set number of weeks",
        },
        check: peer_network_quiet,
    },
    &FnRule {
        info: RuleInfo {
            id: "team-too-large",
            module: "people",
            practice: "C4.4",
            why: "Past about eight reports, regular 1:1s stop fitting in a lead's week and some people go unheard.",
            looks_for: "more reports than the set team size",
        },
        check: team_too_large,
    },
    &FnRule {
        info: RuleInfo {
            id: "one-on-one-too-short",
            module: "people",
            practice: "C4.4",
            why: "Below half an hour, a 1:1 turns into a status update and the real topics never come up.",
            looks_for: "a report whose 1:1s are set shorter than the set minimum",
        },
        check: one_on_one_too_short,
    },
];

/// The people who report to the lead.
fn reports(s: &Snapshot) -> impl Iterator<Item = &PersonFacts> {
    s.people
        .iter()
        .filter(|p| p.is(Relation::Report) && !p.person.archived)
}

fn person_link(p: &PersonFacts) -> Link {
    Link::Person {
        person_id: p.person.id,
        name: p.person.name.clone(),
    }
}

fn weeks_since(since: Date, today: Date) -> u32 {
    (days_between(week_start(since), week_start(today)) / 7 + 1).max(1) as u32
}

/// A finding about one person that started on `since` and holds this week.
fn about(
    s: &Snapshot,
    p: &PersonFacts,
    severity: Severity,
    title: String,
    evidence: Vec<Evidence>,
    since: Date,
    action: Action,
) -> Finding {
    Finding {
        subject: format!("p{}", p.person.id),
        severity,
        title,
        evidence,
        since,
        weeks: weeks_since(since, s.today),
        through: s.this_week(),
        action,
    }
}

fn book_one_on_one(p: &PersonFacts, text: String) -> Action {
    Action {
        text,
        offer: Offer::task(
            format!("Book a 1:1 with {}", p.person.name),
            Category::Lead,
            (true, true),
            Some(15),
        ),
    }
}

fn one_on_one_overdue(s: &Snapshot) -> Vec<Finding> {
    s.people
        .iter()
        .filter(|p| !p.person.archived && p.person.cadence_days > 0)
        .filter_map(|p| {
            let late = p.overdue_days?;
            let due = add_days(s.today, -late);
            let cadence = i64::from(p.person.cadence_days);
            let seen = match p.last_met {
                Some(d) => format!(
                    "last met on {d}; the cadence is every {}",
                    plural(cadence, "day", "days")
                ),
                None => format!(
                    "no 1:1 yet; the cadence is every {}",
                    plural(cadence, "day", "days")
                ),
            };
            Some(about(
                s,
                p,
                if late >= cadence {
                    Severity::Alert
                } else {
                    Severity::Warn
                },
                format!(
                    "1:1 with {} overdue by {}",
                    p.person.name,
                    plural(late, "day", "days")
                ),
                vec![Evidence::new(seen, person_link(p))],
                due,
                book_one_on_one(
                    p,
                    format!(
                        "Put a 1:1 with {} in the calendar this week and keep it.",
                        p.person.first_name()
                    ),
                ),
            ))
        })
        .collect()
}

fn one_on_one_cancelled_twice(s: &Snapshot) -> Vec<Finding> {
    let tz = s.profile.tz();
    s.people
        .iter()
        .filter(|p| !p.person.archived && p.called_off_in_a_row >= CALLED_OFF_IN_A_ROW)
        .filter_map(|p| {
            let now = crate::time::day_start(add_days(s.today, 1), &tz);
            let off: Vec<_> = p
                .one_on_ones
                .iter()
                .filter(|o| {
                    o.start < now
                        && matches!(o.state, OneOnOneState::Cancelled | OneOnOneState::Declined)
                })
                .rev()
                .take(p.called_off_in_a_row)
                .collect();
            let first = local_date(off.last()?.start, &tz);
            let evidence = off
                .iter()
                .rev()
                .map(|o| {
                    let how = if o.state == OneOnOneState::Declined {
                        "declined"
                    } else {
                        "cancelled"
                    };
                    let date = local_date(o.start, &tz);
                    Evidence::new(
                        format!("{date}: “{}” {how} by you", o.title),
                        Link::Event {
                            title: o.title.clone(),
                            date,
                        },
                    )
                })
                .collect();
            Some(about(
                s,
                p,
                Severity::Alert,
                format!(
                    "You called off {} 1:1s in a row with {}",
                    p.called_off_in_a_row, p.person.name
                ),
                evidence,
                first,
                book_one_on_one(
                    p,
                    format!(
                        "Tell {} why, book the next 1:1 now and keep it even if the week is full.",
                        p.person.first_name()
                    ),
                ),
            ))
        })
        .collect()
}

fn one_on_ones_quiet(s: &Snapshot) -> Vec<Finding> {
    s.people
        .iter()
        .filter(|p| !p.person.archived && p.quiet_streak >= crate::one_on_one::QUIET_STREAK)
        .map(|p| {
            let since = p.last_met.map_or(s.today, |d| add_days(d, -7 * (p.quiet_streak as i64 - 1)));
            about(
                s,
                p,
                Severity::Info,
                format!("{}'s 1:1s have gone quiet", p.person.first_name()),
                vec![Evidence::new(
                    format!("the last {} logged 1:1s had nothing of theirs on the agenda", p.quiet_streak),
                    person_link(p),
                )],
                since,
                Action {
                    text: format!("Ask {} what would make the 1:1 more useful to them, and let them own the agenda.", p.person.first_name()),
                    offer: Some(Offer::AgendaItem {
                        person_id: p.person.id,
                        text: "What is one thing I could do to support you better?".into(),
                    }),
                },
            )
        })
        .collect()
}

fn given(s: &Snapshot, person: i64) -> impl Iterator<Item = &crate::feedback::Feedback> {
    s.feedback.iter().filter(move |f| {
        f.person_id == Some(person) && f.direction == Direction::Given && f.delivered_on.is_some()
    })
}

/// The Monday of the first week with data: where the records begin (the snapshot's weeks
/// reach back half a year whether or not anything was imported for them).
fn records_begin(s: &Snapshot) -> Option<Date> {
    s.weeks
        .iter()
        .find(|w| w.has_data(&s.profile))
        .map(|w| w.monday)
}

fn no_positive_feedback(s: &Snapshot) -> Vec<Finding> {
    let window = i64::from(s.settings.praise_weeks) * 7;
    let first_week = records_begin(s);
    reports(s)
        .filter_map(|p| {
            let last = given(s, p.person.id)
                .filter(|f| f.polarity == Some(Polarity::Positive))
                .filter_map(|f| f.delivered_on)
                .max();
            // Never praised: count from when they joined or the records begin.
            let since = match last {
                Some(d) => add_days(d, 1),
                None => p.person.start_date.into_iter().chain(first_week).max()?,
            };
            // Days without praise count from the day it was delivered, as the feedback page does.
            let days = days_between(last.unwrap_or(since), s.today);
            if days < window {
                return None;
            }
            let seen = match last {
                Some(d) => format!("the last positive feedback was delivered on {d}"),
                None => format!("no positive feedback recorded since {since}"),
            };
            Some(about(
                s,
                p,
                Severity::Warn,
                format!("No praise for {} since {}", p.person.first_name(), last.unwrap_or(since)),
                vec![Evidence::new(seen, person_link(p))],
                since,
                Action {
                    text: format!("Find one specific thing {} did well this week and tell them: what they did and the difference it made.", p.person.first_name()),
                    offer: Some(Offer::DraftPraise { person_id: p.person.id }),
                },
            ))
        })
        .collect()
}

fn feedback_follow_up_due(s: &Snapshot) -> Vec<Finding> {
    s.feedback
        .iter()
        .filter_map(|f| {
            let late = f.follow_up_overdue(s.today).filter(|d| *d >= 0)?;
            let p = s.person(f.person_id?)?;
            let due = f.follow_up_due?;
            Some(Finding {
                subject: format!("f{}", f.id),
                severity: if late >= 7 { Severity::Warn } else { Severity::Info },
                title: format!("Follow up with {} on the feedback of {}", p.person.first_name(), f.event_on),
                evidence: vec![Evidence::new(
                    format!("“{}”: follow-up due on {due}", f.behaviour),
                    Link::Feedback { feedback_id: f.id },
                )],
                since: due,
                weeks: weeks_since(due, s.today),
                through: s.this_week(),
                action: Action {
                    text: format!("In your next 1:1 with {}, say what has changed since, and recognise it if it has.", p.person.first_name()),
                    offer: Some(Offer::AgendaItem {
                        person_id: p.person.id,
                        text: format!("Follow up on the feedback about: {}", f.behaviour),
                    }),
                },
            })
        })
        .collect()
}

fn feedback_late(s: &Snapshot) -> Vec<Finding> {
    let from = add_days(s.this_week(), -28);
    let late: Vec<_> = s
        .feedback
        .iter()
        .filter(|f| f.direction == Direction::Given)
        .filter(|f| {
            f.delivered_on
                .is_some_and(|d| d >= from && d < s.this_week())
        })
        .filter(|f| {
            f.delay_days()
                .is_some_and(|d| d > s.settings.feedback_late_days)
        })
        .collect();
    let Some(first) = late.iter().filter_map(|f| f.delivered_on).min() else {
        return Vec::new();
    };
    let last = late
        .iter()
        .filter_map(|f| f.delivered_on)
        .max()
        .unwrap_or(first);
    vec![Finding {
        subject: "feedback".into(),
        severity: Severity::Info,
        title: format!("{} delivered late", plural(late.len(), "piece of feedback", "pieces of feedback")),
        evidence: late
            .iter()
            .map(|f| {
                let who = f.person_id.map_or_else(|| f.who.clone().unwrap_or_default(), |id| s.name_of(id));
                Evidence::new(
                    format!("{who}: the event of {} was talked about {} later", f.event_on, plural(f.delay_days().unwrap_or(0), "day", "days")),
                    Link::Feedback { feedback_id: f.id },
                )
            })
            .collect(),
        since: week_start(first),
        weeks: weeks_since(first, last),
        through: week_start(last),
        action: Action {
            text: "Note feedback the day you see it and deliver it within a few days; keep a slot after stand-up for it.".into(),
            offer: None,
        },
    }]
}

fn feedback_uneven(s: &Snapshot) -> Vec<Finding> {
    let from = add_days(s.this_week(), -56);
    let counts: Vec<(&PersonFacts, usize)> = reports(s)
        .map(|p| {
            (
                p,
                given(s, p.person.id)
                    .filter(|f| f.delivered_on.is_some_and(|d| d >= from))
                    .count(),
            )
        })
        .collect();
    let most = counts.iter().map(|(_, c)| *c).max().unwrap_or(0);
    if counts.len() < 2 || most < 3 || !counts.iter().any(|(_, c)| *c == 0) {
        return Vec::new();
    }
    vec![Finding {
        subject: "team".into(),
        severity: Severity::Warn,
        title: "Feedback goes to some people and not others".into(),
        evidence: counts
            .iter()
            .map(|(p, c)| Evidence::new(format!("{}: {} in eight weeks", p.person.name, plural(*c, "time", "times")), person_link(p)))
            .collect(),
        since: week_start(from),
        weeks: 8,
        through: add_days(s.this_week(), -7),
        action: Action {
            text: "Watch the people who got none this week and tell each one a specific thing you noticed.".into(),
            offer: None,
        },
    }]
}

fn feedback_only_constructive(s: &Snapshot) -> Vec<Finding> {
    reports(s)
        .filter_map(|p| {
            let mine: Vec<_> = given(s, p.person.id).collect();
            let constructive = mine.iter().filter(|f| f.polarity == Some(Polarity::Constructive)).count();
            let positive = mine.iter().filter(|f| f.polarity == Some(Polarity::Positive)).count();
            if constructive < 3 || positive > 0 {
                return None;
            }
            let since = mine.iter().filter_map(|f| f.delivered_on).min()?;
            Some(about(
                s,
                p,
                Severity::Warn,
                format!("{} has only heard what to fix", p.person.first_name()),
                vec![Evidence::new(format!("{constructive} constructive, none positive"), person_link(p))],
                since,
                Action {
                    text: format!("Notice what {} does well and say it as specifically as you say what to improve.", p.person.first_name()),
                    offer: Some(Offer::DraftPraise { person_id: p.person.id }),
                },
            ))
        })
        .collect()
}

fn delegation_finding(
    s: &Snapshot,
    d: &crate::delegation::Delegation,
    severity: Severity,
    title: String,
    seen: String,
    since: Date,
    action: Action,
) -> Finding {
    Finding {
        subject: format!("d{}", d.id),
        severity,
        title,
        evidence: vec![Evidence::new(
            seen,
            Link::Delegation {
                delegation_id: d.id,
            },
        )],
        since,
        weeks: weeks_since(since, s.today),
        through: s.this_week(),
        action,
    }
}

fn delegation_incomplete(s: &Snapshot) -> Vec<Finding> {
    s.delegations
        .iter()
        .filter(|d| d.status == Status::Active)
        .filter_map(|d| {
            let missing = d.expectations.missing();
            if missing.is_empty() {
                return None;
            }
            let who = s.name_of(d.person_id);
            Some(delegation_finding(
                s,
                d,
                Severity::Warn,
                format!(
                    "“{}” handed to {who} without complete expectations",
                    d.title
                ),
                format!("missing: {}", missing.join(", ")),
                d.handed_over_on.unwrap_or(d.created_on),
                Action {
                    text: format!(
                        "Sit down with {who} for fifteen minutes and agree what is missing ({}).",
                        missing.join(", ")
                    ),
                    offer: Some(Offer::AgendaItem {
                        person_id: d.person_id,
                        text: format!(
                            "Agree the missing expectations of “{}”: {}",
                            d.title,
                            missing.join(", ")
                        ),
                    }),
                },
            ))
        })
        .collect()
}

fn delegation_concentration(s: &Snapshot) -> Vec<Finding> {
    let since = add_days(s.this_week(), -84);
    let Some((id, top, total)) = crate::delegation::concentration(&s.delegations, since) else {
        return Vec::new();
    };
    let Some(p) = s.person(id) else {
        return Vec::new();
    };
    vec![about(
        s,
        p,
        Severity::Warn,
        format!("{} gets most of what you hand over", p.person.first_name()),
        vec![Evidence::new(
            format!("{top} of {total} delegations in twelve weeks"),
            person_link(p),
        )],
        since,
        Action {
            text: format!(
                "Give the next piece of work to someone other than {}, and ask who wants to grow into it.",
                p.person.first_name()
            ),
            offer: None,
        },
    )]
}

fn delegation_check_in_due(s: &Snapshot) -> Vec<Finding> {
    s.delegations
        .iter()
        .filter(|d| d.status == Status::Active)
        .filter_map(|d| {
            let due = d
                .check_ins
                .iter()
                .filter(|c| c.done_on.is_none() && c.due <= s.today)
                .map(|c| c.due)
                .min()?;
            let who = s.name_of(d.person_id);
            Some(delegation_finding(
                s,
                d,
                if days_between(due, s.today) >= 7 {
                    Severity::Warn
                } else {
                    Severity::Info
                },
                format!("Check in with {who} on “{}”", d.title),
                format!("check-in due on {due}"),
                due,
                Action {
                    text: format!(
                        "Ask {who} where “{}” stands and what they need from you.",
                        d.title
                    ),
                    offer: Some(Offer::AgendaItem {
                        person_id: d.person_id,
                        text: format!("Check in on “{}”", d.title),
                    }),
                },
            ))
        })
        .collect()
}

fn delegation_style_stuck(s: &Snapshot) -> Vec<Finding> {
    s.people
        .iter()
        .filter(|p| !p.person.archived && p.style_stuck)
        .map(|p| {
            about(
                s,
                p,
                Severity::Info,
                format!("Still telling {} step by step", p.person.first_name()),
                vec![Evidence::new("several delegations done well, all in the telling style", person_link(p))],
                s.this_week(),
                Action {
                    text: format!("Next time, hand {} the goal and let them propose the steps (selling, then participating).", p.person.first_name()),
                    offer: None,
                },
            )
        })
        .collect()
}

fn stakeholder_overdue(s: &Snapshot) -> Vec<Finding> {
    s.people
        .iter()
        .filter(|p| !p.person.archived && (p.is(Relation::Stakeholder) || p.is(Relation::Manager)))
        .filter_map(|p| {
            let cadence = i64::from(p.contact.cadence_days);
            let (late, since, seen, title) = match p.contact.last_contact {
                Some(d) => {
                    let late = p.contact.overdue_days.filter(|d| *d > 0)?;
                    (
                        late,
                        p.contact.due_on.unwrap_or(add_days(s.today, -late)),
                        format!("last contact on {d}; every {} is the cadence", plural(cadence, "day", "days")),
                        format!("No contact with {} for {} past the cadence", p.person.name, plural(late, "day", "days")),
                    )
                }
                // Never in touch: due one cadence after they started, when that is known.
                None => {
                    let due = add_days(p.person.start_date?, cadence);
                    let late = days_between(due, s.today);
                    if late <= 0 {
                        return None;
                    }
                    (late, due, "no contact recorded yet".to_string(), format!("No contact yet with {}", p.person.name))
                }
            };
            Some(about(
                s,
                p,
                if late >= cadence { Severity::Warn } else { Severity::Info },
                title,
                vec![Evidence::new(seen, person_link(p))],
                since,
                Action {
                    text: format!("Send {} a short update on what your team is doing and ask what is on their mind.", p.person.first_name()),
                    offer: Offer::task(format!("Catch up with {}", p.person.name), Category::Align, (true, false), Some(30)),
                },
            ))
        })
        .collect()
}

fn commitment_due(s: &Snapshot) -> Vec<Finding> {
    s.commitments
        .iter()
        .filter_map(|c| {
            let nudge = c.nudge(s.today)?;
            let severity = match nudge.kind {
                NudgeKind::Slipped => Severity::Alert,
                NudgeKind::DueToday => Severity::Warn,
                NudgeKind::InterimUpdate => Severity::Info,
            };
            let since = if nudge.kind == NudgeKind::Slipped {
                c.due
            } else {
                c.made_on
            };
            Some(Finding {
                subject: format!("c{}", c.id),
                severity,
                title: format!("Promise to {}: “{}”", c.to, c.what),
                evidence: vec![Evidence::new(
                    format!(
                        "promised on {}, due on {}{}",
                        c.made_on,
                        c.due,
                        c.last_update_on
                            .map_or(String::new(), |u| format!(", last update {u}"))
                    ),
                    Link::Commitment {
                        commitment_id: c.id,
                    },
                )],
                since,
                weeks: weeks_since(since, s.today),
                through: s.this_week(),
                action: Action {
                    text: nudge.message,
                    offer: None,
                },
            })
        })
        .collect()
}

fn peer_network_quiet(s: &Snapshot) -> Vec<Finding> {
    let window = i64::from(s.settings.peer_weeks) * 7;
    let peers: Vec<&PersonFacts> = s
        .people
        .iter()
        .filter(|p| !p.person.archived && (p.is(Relation::Peer) || p.is(Relation::Mentor)))
        .collect();
    if s.people.is_empty() {
        return Vec::new();
    }
    let last = peers.iter().filter_map(|p| p.contact.last_contact).max();
    let first_week = records_begin(s).unwrap_or(s.today);
    let since = last.map_or(first_week, |d| add_days(d, 1));
    // Counted from the last contact itself, as the cadence of a contact is.
    let days = days_between(last.unwrap_or(first_week), s.today);
    if days < window {
        return Vec::new();
    }
    let evidence = if peers.is_empty() {
        vec![Evidence::new(
            "no peer or mentor among your people",
            Link::People,
        )]
    } else {
        peers
            .iter()
            .map(|p| {
                let seen = p
                    .contact
                    .last_contact
                    .map_or("never in touch".to_string(), |d| {
                        format!("last in touch on {d}")
                    });
                Evidence::new(format!("{}: {seen}", p.person.name), person_link(p))
            })
            .collect()
    };
    vec![Finding {
        subject: "peers".into(),
        severity: Severity::Info,
        title: if peers.is_empty() {
            "No peers or mentors in your network".into()
        } else {
            format!("No contact with a peer for {}", plural(days / 7, "week", "weeks"))
        },
        evidence,
        since,
        weeks: weeks_since(since, s.today),
        through: s.this_week(),
        action: Action {
            text: "Have lunch or a call with another lead this week: compare notes on what is hard right now.".into(),
            offer: Some(Offer::AddHabit {
                title: "Lunch with a peer".into(),
                category: Category::Grow,
                minutes: 60,
            }),
        },
    }]
}

fn team_too_large(s: &Snapshot) -> Vec<Finding> {
    let team: Vec<&PersonFacts> = reports(s).collect();
    let max = s.settings.team_size_max as usize;
    if team.len() <= max {
        return Vec::new();
    }
    let since = team
        .iter()
        .filter_map(|p| p.person.start_date)
        .max()
        .unwrap_or(s.this_week());
    vec![Finding {
        subject: "team".into(),
        severity: Severity::Info,
        title: format!("{} reports: more than {max} to hold 1:1s with well", team.len()),
        evidence: vec![Evidence::new(format!("{} people report to you", team.len()), Link::People)],
        since,
        weeks: weeks_since(since, s.today),
        through: s.this_week(),
        action: Action {
            text: "Space some 1:1s to every three weeks, or ask a senior engineer to hold 1:1s with part of the team.".into(),
            offer: None,
        },
    }]
}

fn one_on_one_too_short(s: &Snapshot) -> Vec<Finding> {
    let min = s.settings.one_on_one_min_minutes;
    reports(s)
        .filter(|p| p.person.duration_minutes > 0 && p.person.duration_minutes < min)
        .map(|p| {
            about(
                s,
                p,
                Severity::Info,
                format!("1:1s with {} are {} minutes", p.person.first_name(), p.person.duration_minutes),
                vec![Evidence::new(format!("set to {} minutes; {min} is the shortest that works", p.person.duration_minutes), person_link(p))],
                s.this_week(),
                Action {
                    text: format!("Make the 1:1s with {} at least {min} minutes, even if they come less often.", p.person.first_name()),
                    offer: None,
                },
            )
        })
        .collect()
}

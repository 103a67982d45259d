//! Keeping relationships warm: when the lead last spoke with each person (calendar and logged
//! contacts) against the cadence wanted, a log of commitments ("I'll get back to you by
//! Friday") that nudges an interim update before a promise slips, and preparation for
//! stakeholder conversations (reframe, relate, reinforce).

use crate::people::Person;
use crate::time::days_between;
use crate::words::plural;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

word_enum! {
    /// How a logged contact happened.
    pub enum InteractionKind {
        Meeting = "meeting",
        Call = "call",
        Chat = "chat",
        Email = "email",
        Coffee = "coffee",
        Other = "other",
    }
}

/// A contact the lead logged by hand (one the calendar does not show).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interaction {
    pub id: i64,
    pub person_id: i64,
    pub on: Date,
    pub kind: InteractionKind,
    pub note: Option<String>,
}

word_enum! {
    /// Where the last contact was seen.
    pub enum ContactSource {
        Calendar = "calendar",
        Logged = "logged",
    }
}

/// When someone was last in touch with the lead, and when they are due again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContactStatus {
    pub person_id: i64,
    pub name: String,
    pub last_contact: Option<Date>,
    pub source: Option<ContactSource>,
    pub cadence_days: u32,
    /// The day the next contact is due; `None` with no contact ever.
    pub due_on: Option<Date>,
    /// Days past due (0 or more) when a follow-up is due.
    pub overdue_days: Option<i64>,
}

/// The contact status of `person` from the last meeting the calendar shows them in and the
/// last logged contact. Someone never contacted is due now.
pub fn contact_status(
    person: &Person,
    last_in_calendar: Option<Date>,
    last_logged: Option<Date>,
    today: Date,
) -> ContactStatus {
    let (last, source) = match (last_in_calendar, last_logged) {
        (Some(c), Some(l)) if l > c => (Some(l), Some(ContactSource::Logged)),
        (Some(c), _) => (Some(c), Some(ContactSource::Calendar)),
        (None, Some(l)) => (Some(l), Some(ContactSource::Logged)),
        (None, None) => (None, None),
    };
    let cadence = person.contact_cadence();
    let due_on = last.map(|d| crate::time::add_days(d, i64::from(cadence)));
    let overdue_days = match due_on {
        Some(due) => {
            let late = days_between(due, today);
            (late >= 0).then_some(late)
        }
        None => Some(0),
    };
    ContactStatus {
        person_id: person.id,
        name: person.name.clone(),
        last_contact: last,
        source,
        cadence_days: cadence,
        due_on,
        overdue_days: if person.archived { None } else { overdue_days },
    }
}

word_enum! {
    pub enum CommitmentStatus {
        Open = "open",
        Done = "done",
        /// Given up, and the other side was told.
        Dropped = "dropped",
    }
}

/// A promise the lead made to someone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commitment {
    pub id: i64,
    /// The person promised to, when they are among the lead's people.
    pub person_id: Option<i64>,
    /// Who it was promised to, as the lead wrote it.
    pub to: String,
    pub what: String,
    pub made_on: Date,
    pub due: Date,
    pub status: CommitmentStatus,
    /// The last time the lead told them where it stands.
    pub last_update_on: Option<Date>,
    pub closed_on: Option<Date>,
    pub note: Option<String>,
}

word_enum! {
    pub enum NudgeKind {
        /// Tell them it is still on before they have to ask.
        InterimUpdate = "interim-update",
        /// Due today.
        DueToday = "due-today",
        /// Past its date: say so now, with a new date.
        Slipped = "slipped",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Nudge {
    pub kind: NudgeKind,
    pub message: String,
}

impl Commitment {
    pub fn is_open(&self) -> bool {
        self.status == CommitmentStatus::Open
    }

    /// What to do about an open commitment today, if anything. An interim update is due once
    /// half the time has passed (or a day before, for short promises) without one.
    pub fn nudge(&self, today: Date) -> Option<Nudge> {
        if !self.is_open() {
            return None;
        }
        let left = days_between(today, self.due);
        if left < 0 {
            return Some(Nudge {
                kind: NudgeKind::Slipped,
                message: format!(
                    "“{}” for {} was due {} ago. Tell them now, own the slip and give a \
                     new date: silence is worse than a late answer.",
                    self.what,
                    self.to,
                    plural(-left, "day", "days")
                ),
            });
        }
        if left == 0 {
            return Some(Nudge {
                kind: NudgeKind::DueToday,
                message: format!(
                    "“{}” for {} is due today: deliver it, or tell them when it will come.",
                    self.what, self.to
                ),
            });
        }
        let span = days_between(self.made_on, self.due).max(1);
        let since = self.last_update_on.unwrap_or(self.made_on);
        let halfway = days_between(since, today) * 2 >= span;
        let quiet = self.last_update_on.is_none_or(|u| u <= self.made_on);
        (quiet && (halfway || left <= 1)).then(|| Nudge {
            kind: NudgeKind::InterimUpdate,
            message: format!(
                "“{}” for {} is due in {}: a short note that it is on track (or \
                 running late) keeps their trust before they have to ask.",
                self.what,
                self.to,
                plural(left, "day", "days")
            ),
        })
    }
}

/// Preparation for a conversation with a stakeholder about a decision or an ask.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prep {
    pub id: i64,
    pub person_id: i64,
    pub topic: String,
    pub meeting_on: Option<Date>,
    /// The technical need, in terms of the business value it brings.
    pub reframe: Option<String>,
    /// How it connects to what this stakeholder cares about.
    pub relate: Option<String>,
    /// How progress and results will be shown to them over time.
    pub reinforce: Option<String>,
    pub created_on: Date,
}

/// The three parts of a stakeholder prep: field, label, the question it answers.
pub const PREP_PARTS: [(&str, &str, &str); 3] = [
    (
        "reframe",
        "Reframe",
        "What does it bring the business: less risk, time saved, money, happier users?",
    ),
    (
        "relate",
        "Relate",
        "Which of their goals or current pains does it touch?",
    ),
    (
        "reinforce",
        "Reinforce",
        "How and how often will you show them progress and results?",
    ),
];

impl Prep {
    /// The parts not yet thought through.
    pub fn gaps(&self) -> Vec<&'static str> {
        let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
        [&self.reframe, &self.relate, &self.reinforce]
            .iter()
            .zip(PREP_PARTS)
            .filter(|(v, _)| blank(v))
            .map(|(_, (field, _, _))| field)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::people::Relation;
    use jiff::civil::date;

    fn person(relation: Relation) -> Person {
        Person::new(3, "Dana Levi", &["dana@x"], relation)
    }

    #[test]
    fn the_latest_contact_counts_and_sets_the_next_due_date() {
        let dana = person(Relation::Stakeholder);
        let today = date(2026, 3, 31);
        let s = contact_status(
            &dana,
            Some(date(2026, 2, 20)),
            Some(date(2026, 3, 2)),
            today,
        );
        assert_eq!(s.last_contact, Some(date(2026, 3, 2)));
        assert_eq!(s.source, Some(ContactSource::Logged));
        assert_eq!(s.due_on, Some(date(2026, 4, 1)));
        assert_eq!(s.overdue_days, None);
        let s = contact_status(&dana, Some(date(2026, 2, 20)), None, today);
        assert_eq!(s.source, Some(ContactSource::Calendar));
        assert_eq!(s.overdue_days, Some(9));
        let never = contact_status(&dana, None, None, today);
        assert_eq!((never.due_on, never.overdue_days), (None, Some(0)));
        let mut manager = person(Relation::Manager);
        manager.archived = true;
        assert_eq!(
            contact_status(&manager, None, None, today).overdue_days,
            None
        );
    }

    fn promise(made: i8, due: i8) -> Commitment {
        Commitment {
            id: 1,
            person_id: Some(3),
            to: "Dana".into(),
            what: "Capacity plan".into(),
            made_on: date(2026, 3, made),
            due: date(2026, 3, due),
            status: CommitmentStatus::Open,
            last_update_on: None,
            closed_on: None,
            note: None,
        }
    }

    #[test]
    fn nudges_before_and_after_a_promise_slips() {
        let c = promise(2, 12);
        let kind = |c: &Commitment, day| c.nudge(date(2026, 3, day)).map(|n| n.kind);
        assert_eq!(kind(&c, 4), None);
        assert_eq!(kind(&c, 7), Some(NudgeKind::InterimUpdate), "halfway");
        assert_eq!(kind(&c, 12), Some(NudgeKind::DueToday));
        let slipped = c.nudge(date(2026, 3, 14)).unwrap();
        assert_eq!(slipped.kind, NudgeKind::Slipped);
        assert!(
            slipped.message.contains("2 days ago"),
            "{}",
            slipped.message
        );
        // An update sent: no interim nudge until it is due.
        let updated = Commitment {
            last_update_on: Some(date(2026, 3, 6)),
            ..c.clone()
        };
        assert_eq!(kind(&updated, 11), None);
        assert_eq!(kind(&updated, 13), Some(NudgeKind::Slipped));
        // A two-day promise: nudge the day before.
        let short = promise(10, 12);
        assert_eq!(kind(&short, 11), Some(NudgeKind::InterimUpdate));
        let done = Commitment {
            status: CommitmentStatus::Done,
            ..c
        };
        assert_eq!(kind(&done, 14), None);
    }

    #[test]
    fn prep_gaps_name_the_missing_parts() {
        let mut p = Prep {
            id: 1,
            person_id: 3,
            topic: "Retry refactor".into(),
            meeting_on: None,
            reframe: Some("Fewer failed payments".into()),
            relate: None,
            reinforce: Some(" ".into()),
            created_on: date(2026, 3, 1),
        };
        assert_eq!(p.gaps(), ["relate", "reinforce"]);
        p.relate = Some("Dana's Q2 conversion goal".into());
        p.reinforce = Some("Before/after numbers at each sprint review".into());
        assert!(p.gaps().is_empty());
    }
}

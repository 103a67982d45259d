//! The incident register: what broke, how badly, when service was restored, which deployment
//! caused it, who handled it, and what was learnt (the postmortem and its actions). The
//! delivery metrics read an incident's times and deployment (`delivery::IncidentFacts`).

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::delivery::IncidentFacts;
use crate::time::add_days;

pub mod postmortem;

/// Severities run from 1, the worst (the service is down for everyone), to 4 (a nuisance).
pub const SEVERITIES: std::ops::RangeInclusive<u8> = 1..=4;

/// How long after resolution a priority action is due when it was given no date: four weeks,
/// long enough to do it properly, short enough that it is done while the incident is fresh.
pub const PRIORITY_ACTION_DAYS: i64 = 28;

/// One incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Incident {
    pub title: String,
    /// 1 (worst) to 4 ([`SEVERITIES`]).
    pub severity: u8,
    pub started: Timestamp,
    /// When service was restored; an open incident has none yet.
    #[serde(default)]
    pub resolved: Option<Timestamp>,
    /// The full commit of the stored deployment that caused it, when one did.
    #[serde(default)]
    pub deploy: Option<String>,
    /// The person who leads the response (an id in People).
    #[serde(default)]
    pub owner: Option<i64>,
    /// The people who worked on the fix.
    #[serde(default)]
    pub solvers: Vec<i64>,
    /// The person who kept everyone informed.
    #[serde(default)]
    pub communicator: Option<i64>,
    #[serde(default)]
    pub timeline: Vec<TimelineEntry>,
    #[serde(default)]
    pub postmortem: Option<Postmortem>,
}

/// Something that happened during the incident, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub at: Timestamp,
    pub text: String,
    /// Who did or saw it (an id in People), when someone did.
    #[serde(default)]
    pub by: Option<i64>,
}

/// What was learnt, written after the incident without blame.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Postmortem {
    #[serde(default)]
    pub summary: String,
    /// Who and what was affected, and for how long.
    #[serde(default)]
    pub impact: String,
    /// How the problem was noticed.
    #[serde(default)]
    pub detection: String,
    #[serde(default)]
    pub response: String,
    #[serde(default)]
    pub recovery: String,
    /// The timeline as the postmortem tells it; when blank, it is told from the incident's
    /// timeline entries.
    #[serde(default)]
    pub timeline: String,
    #[serde(default)]
    pub contributing_factors: Vec<String>,
    #[serde(default)]
    pub went_well: Vec<String>,
    #[serde(default)]
    pub actions: Vec<Action>,
}

/// A follow-up of a postmortem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    pub text: String,
    #[serde(default)]
    pub owner: Option<i64>,
    #[serde(default)]
    pub due: Option<Date>,
    #[serde(default)]
    pub done_on: Option<Date>,
    /// An action that prevents the incident from happening again; it gets a due date.
    #[serde(default)]
    pub priority: bool,
}

/// Why an incident cannot be kept as given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IncidentError {
    #[error("an incident needs a title: say in a few words what broke")]
    NoTitle,
    #[error("severity {0} is not one of 1 to 4: 1 is the worst (down for everyone), 4 a nuisance")]
    Severity(u8),
    #[error("the incident is resolved at {resolved}, before it started at {started}: check both")]
    ResolvedBeforeStart {
        started: Timestamp,
        resolved: Timestamp,
    },
}

impl Incident {
    /// A new incident: only what is known when it is logged.
    pub fn new(title: &str, severity: u8, started: Timestamp) -> Incident {
        Incident {
            title: title.trim().to_string(),
            severity,
            started,
            resolved: None,
            deploy: None,
            owner: None,
            solvers: vec![],
            communicator: None,
            timeline: vec![],
            postmortem: None,
        }
    }

    /// Refuses an incident with no title, a severity outside 1 to 4, or a resolution before
    /// its start.
    pub fn check(&self) -> Result<(), IncidentError> {
        if self.title.trim().is_empty() {
            return Err(IncidentError::NoTitle);
        }
        if !SEVERITIES.contains(&self.severity) {
            return Err(IncidentError::Severity(self.severity));
        }
        match self.resolved {
            Some(resolved) if resolved < self.started => Err(IncidentError::ResolvedBeforeStart {
                started: self.started,
                resolved,
            }),
            _ => Ok(()),
        }
    }

    /// Hours from start to restore; none while it is open.
    pub fn restore_hours(&self) -> Option<f64> {
        let resolved = self.resolved?;
        Some((resolved.as_second() - self.started.as_second()).max(0) as f64 / 3600.0)
    }

    /// Everyone who responded: owner, solvers, communicator, each once. They carry the
    /// incident's out-of-hours load (`oncall`).
    pub fn responders(&self) -> Vec<i64> {
        let mut people: Vec<i64> = self.owner.into_iter().collect();
        people.extend(&self.solvers);
        people.extend(self.communicator);
        let mut seen = std::collections::BTreeSet::new();
        people.retain(|id| seen.insert(*id));
        people
    }

    /// Everyone the incident names: responders, timeline authors, action owners.
    pub fn people(&self) -> Vec<i64> {
        let mut people = self.responders();
        people.extend(self.timeline.iter().filter_map(|e| e.by));
        if let Some(p) = &self.postmortem {
            people.extend(p.actions.iter().filter_map(|a| a.owner));
        }
        let mut seen = std::collections::BTreeSet::new();
        people.retain(|id| seen.insert(*id));
        people
    }

    /// What the delivery metrics need of it.
    pub fn facts(&self) -> IncidentFacts {
        IncidentFacts {
            started: self.started,
            resolved: self.resolved,
            deploy: self.deploy.clone(),
        }
    }
}

/// How far the postmortem has come: none yet, started (some sections blank), or written
/// (summary, impact, detection, response and recovery all told).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PostmortemState {
    None,
    Draft,
    Written,
}

impl PostmortemState {
    pub fn as_str(self) -> &'static str {
        match self {
            PostmortemState::None => "none",
            PostmortemState::Draft => "draft",
            PostmortemState::Written => "written",
        }
    }
}

impl Postmortem {
    /// The prose sections a written postmortem cannot leave blank.
    pub fn required(&self) -> [(&'static str, &str); 5] {
        [
            ("summary", &self.summary),
            ("impact", &self.impact),
            ("detection", &self.detection),
            ("response", &self.response),
            ("recovery", &self.recovery),
        ]
    }

    pub fn state(&self) -> PostmortemState {
        if self.required().iter().all(|(_, t)| !t.trim().is_empty()) {
            PostmortemState::Written
        } else {
            PostmortemState::Draft
        }
    }
}

impl Incident {
    pub fn postmortem_state(&self) -> PostmortemState {
        self.postmortem
            .as_ref()
            .map_or(PostmortemState::None, Postmortem::state)
    }

    /// The postmortem's actions not done yet.
    pub fn open_actions(&self) -> usize {
        self.postmortem
            .iter()
            .flat_map(|p| &p.actions)
            .filter(|a| a.done_on.is_none())
            .count()
    }
}

/// An action not done whose due date (`action_due`) is before `today`: with its index in the
/// postmortem's actions, the date it was due and the days since.
pub fn overdue_actions(
    incident: &Incident,
    resolved_on: Option<Date>,
    today: Date,
) -> Vec<(usize, Date, i64)> {
    incident
        .postmortem
        .iter()
        .flat_map(|p| p.actions.iter().enumerate())
        .filter(|(_, a)| a.done_on.is_none())
        .filter_map(|(i, a)| {
            let due = action_due(a, resolved_on)?;
            (due < today).then(|| (i, due, crate::time::days_between(due, today)))
        })
        .collect()
}

/// When a priority action given no date is due: [`PRIORITY_ACTION_DAYS`] after the day the
/// incident was resolved.
pub fn default_due(resolved_on: Date) -> Date {
    add_days(resolved_on, PRIORITY_ACTION_DAYS)
}

/// When `action` is due: its own date, else for a priority action four weeks after the
/// resolution (`resolved_on`, none while the incident is open), else none.
pub fn action_due(action: &Action, resolved_on: Option<Date>) -> Option<Date> {
    action
        .due
        .or_else(|| resolved_on.filter(|_| action.priority).map(default_due))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn an_incident_is_checked() {
        let mut i = Incident::new("Checkout down", 1, at("2026-03-02T10:00:00Z"));
        assert_eq!(i.check(), Ok(()));
        i.severity = 5;
        assert_eq!(i.check(), Err(IncidentError::Severity(5)));
        i.severity = 0;
        assert_eq!(i.check(), Err(IncidentError::Severity(0)));
        i.severity = 4;
        i.resolved = Some(at("2026-03-02T09:00:00Z"));
        assert!(matches!(
            i.check(),
            Err(IncidentError::ResolvedBeforeStart { .. })
        ));
        i.resolved = Some(at("2026-03-02T11:30:00Z"));
        assert_eq!(i.restore_hours(), Some(1.5));
        i.title = "  ".into();
        assert_eq!(i.check(), Err(IncidentError::NoTitle));
    }

    #[test]
    fn priority_actions_are_due_four_weeks_after_resolution() {
        assert_eq!(default_due(date(2026, 3, 2)), date(2026, 3, 30));
        let mut a = Action {
            text: "Alert on queue depth".into(),
            owner: None,
            due: None,
            done_on: None,
            priority: true,
        };
        assert_eq!(
            action_due(&a, Some(date(2026, 3, 2))),
            Some(date(2026, 3, 30))
        );
        assert_eq!(action_due(&a, None), None);
        a.due = Some(date(2026, 3, 10));
        assert_eq!(
            action_due(&a, Some(date(2026, 3, 2))),
            Some(date(2026, 3, 10))
        );
        a.due = None;
        a.priority = false;
        assert_eq!(action_due(&a, Some(date(2026, 3, 2))), None);
    }

    #[test]
    fn everyone_named_is_listed_once() {
        let mut i = Incident::new("Checkout down", 2, at("2026-03-02T10:00:00Z"));
        i.owner = Some(3);
        i.solvers = vec![4, 3];
        i.communicator = Some(5);
        i.postmortem = Some(Postmortem {
            actions: vec![Action {
                text: "Runbook".into(),
                owner: Some(4),
                due: None,
                done_on: None,
                priority: false,
            }],
            ..Postmortem::default()
        });
        assert_eq!(i.people(), vec![3, 4, 5]);
        let back: Incident = serde_json::from_str(&serde_json::to_string(&i).unwrap()).unwrap();
        assert_eq!(back, i);
        let minimal: Incident = serde_json::from_str(
            r#"{"title": "x", "severity": 3, "started": "2026-03-02T10:00:00Z"}"#,
        )
        .unwrap();
        assert_eq!(minimal.solvers, Vec::<i64>::new());
    }
}

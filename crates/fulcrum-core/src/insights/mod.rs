//! The coach: rules that read a snapshot of the lead's data and say what they see, with the
//! evidence, how long it has held, the practice behind it and one next step.
//!
//! The engine knows nothing of any rule. Each module of rules (`time`, `weekly`, `people`)
//! lists its rules in a `RULES` slice; [`rules`] joins the lists, and [`evaluate`] runs them
//! over a [`Snapshot`]. A new module adds a file and one line to [`rules`].
//!
//! Every rule follows the same discipline: it reads complete weeks only (the current week is
//! never judged), skips a week that holds less than a working day of data, judges a week
//! against its phase's targets, and says nothing on an empty store.

mod growth;
mod people;
mod settings;
mod snapshot;
mod streak;
mod technical;
mod time;
mod weekly;

#[cfg(test)]
mod tests;

pub use settings::{InsightSettings, SETTING_DOCS};
pub use snapshot::{
    EnergyMark, GrowthFacts, PersonFacts, Phase, PhaseKind, PlanWeek, Snapshot, WeekFacts, phase_of,
};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

word_enum! {
    /// How much an insight matters (in rising order).
    pub enum Severity {
        Info = "info",
        Warn = "warn",
        Alert = "alert",
    }
}

/// What a piece of evidence points at, so a page can link to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Link {
    /// An ISO week, by its Monday.
    Week {
        week: String,
        monday: Date,
    },
    Day {
        date: Date,
    },
    Event {
        title: String,
        date: Date,
    },
    Person {
        person_id: i64,
        name: String,
    },
    Task {
        task_id: i64,
    },
    Delegation {
        delegation_id: i64,
    },
    Feedback {
        feedback_id: i64,
    },
    Commitment {
        commitment_id: i64,
    },
    Ritual {
        ritual: String,
        period: String,
    },
    Inbox,
    Tasks,
    People,
    GrowthPlan {
        plan_id: i64,
    },
    /// The calendar audit and the career compass.
    Career,
    /// A decision record, by its number.
    Decision {
        number: u32,
    },
    /// A project, by its id.
    Project {
        id: i64,
    },
    /// An incident, by its id.
    Incident {
        id: i64,
    },
    /// A risk, by its id.
    Risk {
        id: i64,
    },
    /// The debt wall.
    Debt,
    /// An item on the debt wall, by its id.
    DebtItem {
        id: i64,
    },
}

impl Link {
    pub fn week(monday: Date) -> Link {
        Link::Week {
            week: crate::time::iso_week_label(monday),
            monday,
        }
    }
}

/// One fact behind an insight: what was seen, in numbers and dates, and where to look.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub text: String,
    pub link: Link,
}

impl Evidence {
    pub fn new(text: impl Into<String>, link: Link) -> Evidence {
        Evidence {
            text: text.into(),
            link,
        }
    }
}

/// Something Fulcrum can do for the user, as the insight's action offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Offer {
    /// A task in the weekly loop, which the planner then places.
    AddTask {
        title: String,
        category: crate::Category,
        important: bool,
        urgent: bool,
        estimate_minutes: Option<i64>,
    },
    /// A recurring intention the planner places and defends every week.
    AddHabit {
        title: String,
        category: crate::Category,
        minutes: i64,
    },
    /// An item on the agenda of the next 1:1 with someone.
    AgendaItem { person_id: i64, text: String },
    /// A draft of positive feedback to finish and deliver.
    DraftPraise { person_id: i64 },
}

impl Offer {
    /// A task for the weekly loop: `title`, of `category`, flagged as the rule sees it.
    pub fn task(
        title: impl Into<String>,
        category: crate::Category,
        (important, urgent): (bool, bool),
        estimate_minutes: Option<i64>,
    ) -> Option<Offer> {
        Some(Offer::AddTask {
            title: title.into(),
            category,
            important,
            urgent,
            estimate_minutes,
        })
    }
}

/// The one next step an insight proposes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Action {
    pub text: String,
    /// What Fulcrum can do about it (`fulcrum insights act ID`, or the page's button).
    pub offer: Option<Offer>,
}

/// What a rule saw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Insight {
    /// The same for the same rule, subject and start, so a dismissal sticks.
    pub id: String,
    pub rule: String,
    pub severity: Severity,
    pub title: String,
    pub evidence: Vec<Evidence>,
    /// When it started to hold.
    pub since: Date,
    /// For how many weeks it has held.
    pub weeks: u32,
    /// The Monday of the latest week the evidence covers: a dismissal holds until a later
    /// week of the same evidence comes.
    pub through: Date,
    /// The section of the reference the practice comes from.
    pub practice: String,
    /// Why it matters, in one sentence.
    pub why: String,
    pub action: Action,
    /// Which module's pages show it (`time`, `weekly`, `people`, `feedback`, `delegation`,
    /// `relationships`, `rituals`).
    pub module: String,
}

/// The fixed parts of a rule: who it is and where it comes from.
pub struct RuleInfo {
    pub id: &'static str,
    pub module: &'static str,
    /// The practice's section in the reference.
    pub practice: &'static str,
    /// Why it matters, in one sentence of our own.
    pub why: &'static str,
    /// What it looks for, for `fulcrum insights rules` and docs/insights.md.
    pub looks_for: &'static str,
}

/// A rule of the coach. It reads the snapshot and returns what it sees (mostly nothing).
pub trait Rule: Sync {
    fn info(&self) -> &RuleInfo;
    fn check(&self, s: &Snapshot) -> Vec<Finding>;
}

/// A rule made of its fixed parts and a function: what every rule module writes.
pub struct FnRule {
    pub info: RuleInfo,
    pub check: fn(&Snapshot) -> Vec<Finding>,
}

impl Rule for FnRule {
    fn info(&self) -> &RuleInfo {
        &self.info
    }
    fn check(&self, s: &Snapshot) -> Vec<Finding> {
        (self.check)(s)
    }
}

/// What a rule found, before the engine stamps it with the rule's fixed parts.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// What it is about: `week`, `p12` (a person), `t4` (a task) …; part of the id.
    pub subject: String,
    pub severity: Severity,
    pub title: String,
    pub evidence: Vec<Evidence>,
    pub since: Date,
    pub weeks: u32,
    pub through: Date,
    pub action: Action,
}

/// Every rule, from every module.
pub fn rules() -> Vec<&'static dyn Rule> {
    [
        time::RULES,
        weekly::RULES,
        people::RULES,
        growth::RULES,
        technical::RULES,
    ]
    .into_iter()
    .flatten()
    .copied()
    .collect()
}

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static dyn Rule> {
    rules().into_iter().find(|r| r.info().id == id)
}

/// Runs every rule (those switched off in the settings left out) over the snapshot; the most
/// pressing first: severity, then how long it has held, then the rule's id.
pub fn evaluate(s: &Snapshot) -> Vec<Insight> {
    let mut out: Vec<Insight> = rules()
        .into_iter()
        .filter(|r| !s.settings.is_off(r.info().id))
        .flat_map(|r| {
            let info = r.info();
            r.check(s).into_iter().map(move |f| stamp(info, f))
        })
        .collect();
    rank(&mut out);
    out
}

/// The most pressing first.
pub fn rank(list: &mut [Insight]) {
    list.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then(b.weeks.cmp(&a.weeks))
            .then(a.rule.cmp(&b.rule))
            .then(a.id.cmp(&b.id))
    });
}

fn stamp(info: &RuleInfo, f: Finding) -> Insight {
    Insight {
        id: format!("{}.{}.{}", info.id, f.subject, f.since),
        rule: info.id.to_string(),
        severity: f.severity,
        title: f.title,
        evidence: f.evidence,
        since: f.since,
        weeks: f.weeks,
        through: f.through,
        practice: info.practice.to_string(),
        why: info.why.to_string(),
        action: f.action,
        module: info.module.to_string(),
    }
}

/// What the user said about an insight.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    pub insight_id: String,
    /// The `through` of the insight when the user answered: later evidence raises it again.
    pub through: Date,
    pub kind: VerdictKind,
    pub reason: Option<String>,
    /// For a snooze, the first day it may show again.
    pub until: Option<Date>,
    pub on: Date,
}

word_enum! {
    pub enum VerdictKind {
        Dismissed = "dismissed",
        Snoozed = "snoozed",
    }
}

/// Whether an insight is hidden by what the user said about it: dismissed or snoozed (until
/// the snooze's date) for the same evidence. A later week of evidence raises it again.
pub fn hidden_by<'a>(
    insight: &Insight,
    verdicts: &'a [Verdict],
    today: Date,
) -> Option<&'a Verdict> {
    verdicts
        .iter()
        .filter(|v| v.insight_id == insight.id && insight.through <= v.through)
        .find(|v| match v.kind {
            VerdictKind::Dismissed => true,
            VerdictKind::Snoozed => v.until.is_none_or(|u| today < u),
        })
}

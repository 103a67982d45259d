//! The risk register: things that *might* happen, each written as "EVENT might lead to
//! CONSEQUENCE", scored by probability × impact, given a strategy, an owner and a review date,
//! told to the people who care, and linked to the incident it became if it happened (C11).
//!
//! The rules, exactly:
//! - Probability and impact run from 1 to 5 ([`SCALE`]); the score is their product (1–25).
//! - The band: **high** at a score of 15 or more, **medium** from 8 to 14, **low** up to 7.
//! - The status follows the strategy while the risk is live: none yet → open, mitigate or
//!   avoid → mitigating, accept → accepted, transfer → transferred. Closed and happened end it.
//! - An accepted risk needs a review date: accepting is a decision to look again later.
//! - The default next review, counted from the day it is set: 14 days (a sprint) for a high
//!   risk, 28 days (a month) for any other, accepted ones included. The reference asks for a
//!   regular review, monthly or each sprint; the risks that could hurt most get the shorter one.
//! - A review is *due* when its date is reached (on or before today) and the risk is live.
//! - A high risk that was never told to anyone is *untold*: it needs visibility before action.

#[cfg(test)]
mod tests;

pub use crate::growth::Keyed;

use crate::time::add_days;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// Probability and impact are each rated 1 (rare, minor) to 5 (almost certain, severe).
pub const SCALE: std::ops::RangeInclusive<u8> = 1..=5;

/// The lowest score of a high risk.
pub const HIGH_FROM: u8 = 15;
/// The lowest score of a medium risk.
pub const MEDIUM_FROM: u8 = 8;

/// Days to the next review of a high risk: a sprint.
pub const HIGH_REVIEW_DAYS: i64 = 14;
/// Days to the next review of any other risk, accepted ones included: a month.
pub const REVIEW_DAYS: i64 = 28;

word_enum! {
    pub enum Category {
        Security = "security",
        Architecture = "architecture",
        Delivery = "delivery",
        ThirdParty = "third-party",
        People = "people",
        Operations = "operations",
    }
}

word_enum! {
    /// What is done about a risk, on purpose and with its trade-offs understood.
    pub enum Strategy {
        /// Change the approach so the risk no longer applies.
        Avoid = "avoid",
        /// Reduce its likelihood or its impact.
        Mitigate = "mitigate",
        /// Shift it elsewhere: a third party, another team.
        Transfer = "transfer",
        /// Known, and left as it is for now, with a date to look again.
        Accept = "accept",
    }
}

word_enum! {
    pub enum Status {
        Open = "open",
        Mitigating = "mitigating",
        Accepted = "accepted",
        Transferred = "transferred",
        Closed = "closed",
        /// It became an issue: an incident.
        Happened = "happened",
    }
}

word_enum! {
    pub enum Band {
        Low = "low",
        Medium = "medium",
        High = "high",
    }
}

impl Status {
    /// Still a risk: neither closed nor happened.
    pub fn live(self) -> bool {
        !matches!(self, Status::Closed | Status::Happened)
    }

    /// The status of a live risk with `strategy`.
    pub fn for_strategy(strategy: Option<Strategy>) -> Status {
        match strategy {
            None => Status::Open,
            Some(Strategy::Avoid | Strategy::Mitigate) => Status::Mitigating,
            Some(Strategy::Accept) => Status::Accepted,
            Some(Strategy::Transfer) => Status::Transferred,
        }
    }
}

/// Who makes sure a risk is tracked and acted on: the user, or one of their people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Owner {
    Me,
    Person(i64),
}

/// Who was told of a risk: a person, or a group such as "leadership".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    Person(i64),
    Group(String),
}

/// Someone told of a risk, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Told {
    pub who: Audience,
    pub on: Date,
}

/// One risk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Risk {
    /// What might happen: "a server crash during peak hours".
    pub event: String,
    /// What it might lead to: "data loss".
    pub consequence: String,
    pub category: Category,
    /// 1–5 ([`SCALE`]).
    pub probability: u8,
    /// 1–5 ([`SCALE`]).
    pub impact: u8,
    /// None until it is decided.
    #[serde(default)]
    pub strategy: Option<Strategy>,
    /// The mitigation plan, or the alternatives weighed.
    #[serde(default)]
    pub plan: Option<String>,
    #[serde(default)]
    pub owner: Option<Owner>,
    pub status: Status,
    pub identified_on: Date,
    /// When to look at it again; required when accepted.
    #[serde(default)]
    pub review_on: Option<Date>,
    /// When it was last reviewed.
    #[serde(default)]
    pub reviewed_on: Option<Date>,
    #[serde(default)]
    pub told: Vec<Told>,
    /// The incident it became, when it happened (an id in the incident register).
    #[serde(default)]
    pub incident: Option<i64>,
}

/// Why a risk cannot be kept as given; `field` names the field at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RiskError {
    #[error("a risk needs its event: what might happen? (\"EVENT might lead to CONSEQUENCE\")")]
    NoEvent,
    #[error(
        "a risk needs its consequence: what might the event lead to? (\"EVENT might lead to CONSEQUENCE\")"
    )]
    NoConsequence,
    #[error("probability {0} is not one of 1 to 5: 1 is rare, 5 almost certain")]
    Probability(u8),
    #[error("impact {0} is not one of 1 to 5: 1 is minor, 5 severe")]
    Impact(u8),
    #[error("an accepted risk needs a review date: say when to look at it again (e.g. in 4 weeks)")]
    NoReview,
    #[error("a told group needs a name, such as \"leadership\"")]
    NoGroup,
    #[error("a risk that happened needs the incident it became")]
    NoIncident,
}

impl RiskError {
    /// The record's field at fault.
    pub fn field(&self) -> &'static str {
        match self {
            RiskError::NoEvent => "event",
            RiskError::NoConsequence => "consequence",
            RiskError::Probability(_) => "probability",
            RiskError::Impact(_) => "impact",
            RiskError::NoReview => "review",
            RiskError::NoGroup => "group",
            RiskError::NoIncident => "incident",
        }
    }
}

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

/// The band of a score.
pub fn band(score: u8) -> Band {
    if score >= HIGH_FROM {
        Band::High
    } else if score >= MEDIUM_FROM {
        Band::Medium
    } else {
        Band::Low
    }
}

/// The default next review of a risk in `band`, counted from `from`.
pub fn next_review(band: Band, from: Date) -> Date {
    let days = match band {
        Band::High => HIGH_REVIEW_DAYS,
        Band::Medium | Band::Low => REVIEW_DAYS,
    };
    add_days(from, days)
}

impl Risk {
    /// "EVENT might lead to CONSEQUENCE".
    pub fn statement(&self) -> String {
        format!("{} might lead to {}", self.event, self.consequence)
    }

    pub fn score(&self) -> u8 {
        self.probability * self.impact
    }

    pub fn band(&self) -> Band {
        band(self.score())
    }

    /// Refuses a risk without its event or consequence, a rating off the scale, an accepted
    /// risk without a review date, a blank group told, or one that happened without its
    /// incident.
    pub fn check(&self) -> Result<(), RiskError> {
        if blank(&self.event) {
            return Err(RiskError::NoEvent);
        }
        if blank(&self.consequence) {
            return Err(RiskError::NoConsequence);
        }
        if !SCALE.contains(&self.probability) {
            return Err(RiskError::Probability(self.probability));
        }
        if !SCALE.contains(&self.impact) {
            return Err(RiskError::Impact(self.impact));
        }
        if self.strategy == Some(Strategy::Accept) && self.review_on.is_none() {
            return Err(RiskError::NoReview);
        }
        if self
            .told
            .iter()
            .any(|t| matches!(&t.who, Audience::Group(g) if blank(g)))
        {
            return Err(RiskError::NoGroup);
        }
        if self.status == Status::Happened && self.incident.is_none() {
            return Err(RiskError::NoIncident);
        }
        Ok(())
    }

    /// Live, and its review date is reached.
    pub fn review_due(&self, today: Date) -> bool {
        self.status.live() && self.review_on.is_some_and(|d| d <= today)
    }

    /// Live, at least medium, and nobody owns it.
    pub fn unowned(&self) -> bool {
        self.status.live() && self.owner.is_none() && self.band() != Band::Low
    }

    /// Live, high, and never told to anyone.
    pub fn untold(&self) -> bool {
        self.status.live() && self.band() == Band::High && self.told.is_empty()
    }

    /// Sets the strategy, and the status that follows from it while the risk is live.
    pub fn set_strategy(&mut self, strategy: Option<Strategy>) {
        self.strategy = strategy;
        if self.status.live() {
            self.status = Status::for_strategy(strategy);
        }
    }

    /// Reviewed on `today`: the next review is `next`, or the default for its band.
    pub fn reviewed(&mut self, today: Date, next: Option<Date>) {
        self.reviewed_on = Some(today);
        self.review_on = Some(next.unwrap_or_else(|| next_review(self.band(), today)));
    }

    /// It happened: it became incident `incident`.
    pub fn happened(&mut self, incident: i64) {
        self.status = Status::Happened;
        self.incident = Some(incident);
    }

    /// Everyone in People the risk names: its owner, then those told.
    pub fn people(&self) -> Vec<i64> {
        let mut out = Vec::new();
        if let Some(Owner::Person(id)) = self.owner {
            out.push(id);
        }
        for t in &self.told {
            if let Audience::Person(id) = t.who
                && !out.contains(&id)
            {
                out.push(id);
            }
        }
        out
    }
}

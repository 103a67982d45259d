//! The eight categories every minute of the user's time falls into.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Where a span of time went. The order is the order reports show them in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Coding, pairing, code review, design docs, architecture.
    Build,
    /// 1:1s, feedback, mentoring, hiring, onboarding, team rituals.
    Lead,
    /// Planning, roadmap, stakeholders, cross-team work, the manager.
    Align,
    /// Incidents, on-call, support.
    Operate,
    /// Blocked time for thinking and strategy.
    Think,
    /// Learning, courses, conferences, mentoring received.
    Grow,
    /// Not work: lunch, appointments, time off.
    Personal,
    /// Anything no rule recognised.
    Other,
}

impl Category {
    pub const ALL: [Category; 8] = [
        Category::Build,
        Category::Lead,
        Category::Align,
        Category::Operate,
        Category::Think,
        Category::Grow,
        Category::Personal,
        Category::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Build => "build",
            Category::Lead => "lead",
            Category::Align => "align",
            Category::Operate => "operate",
            Category::Think => "think",
            Category::Grow => "grow",
            Category::Personal => "personal",
            Category::Other => "other",
        }
    }

    /// Time in this category is work (counts towards working-time shares).
    pub fn is_work(self) -> bool {
        self != Category::Personal
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown category '{0}': expected one of build, lead, align, operate, think, grow, personal, other"
)]
pub struct UnknownCategory(pub String);

impl FromStr for Category {
    type Err = UnknownCategory;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        crate::words::parse_word(&Category::ALL, s, Category::as_str, UnknownCategory)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_its_name() {
        for c in Category::ALL {
            assert_eq!(c.as_str().parse::<Category>().unwrap(), c);
        }
        assert_eq!("BUILD".parse::<Category>().unwrap(), Category::Build);
        assert!("coding".parse::<Category>().is_err());
    }
}

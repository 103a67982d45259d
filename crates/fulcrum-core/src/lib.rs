//! The rules of Fulcrum as pure functions over plain data: categories, the user's profile and
//! targets, categorisation rules, coding sessions and the balance report. No IO, no async, no SQL.

#[macro_use]
pub mod words;

pub mod activity;
pub mod away;
pub mod career;
pub mod category;
pub mod debt;
pub mod decisions;
pub mod delegation;
pub mod delivery;
pub mod feedback;
pub mod growth;
pub mod habits;
pub mod inbox;
pub mod incidents;
pub mod insights;
pub mod involvement;
pub mod observations;
pub mod onboarding;
pub mod oncall;
pub mod one_on_one;
pub mod people;
pub mod planner;
pub mod privacy;
pub mod profile;
pub mod projects;
pub mod relationships;
pub mod report;
pub mod review;
pub mod risks;
pub mod rituals;
pub mod rules;
pub mod sessions;
pub mod tasks;
#[cfg(test)]
mod test_support;
pub mod time;

pub use activity::{Activity, ActivityKind, Interval};
pub use category::Category;
pub use profile::{Profile, RolePreset, Target, WorkingHours};
pub use report::{Report, ReportInput};
pub use rules::{EventFacts, Rule, RuleMatch, RuleSet};

//! Habits: the routines a lead defends every week (a thinking block, coding blocks, learning
//! time, lunch with a peer), kept as recurring intentions. The planner places each active
//! habit into every week's plan before the tasks, and the review counts whether it was kept.

use crate::Category;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Habit {
    pub id: i64,
    pub title: String,
    pub category: Category,
    /// How long it takes each week.
    pub minutes: i64,
    pub active: bool,
    pub created_on: Date,
    /// What proposed it (`insight:ID`), when it came from the coach.
    pub origin: Option<String>,
}

/// The shortest and longest a weekly habit may be: a real block, and no more than a day.
pub const MINUTES: std::ops::RangeInclusive<i64> = 15..=480;

impl Habit {
    /// Checks a new habit's fields; the message says what to change.
    pub fn check(&self) -> Result<(), String> {
        if self.title.trim().is_empty() {
            return Err("a habit needs a title, such as \"Thinking block\"".into());
        }
        if !MINUTES.contains(&self.minutes) {
            return Err(format!(
                "a habit takes {} to {} minutes a week, not {}",
                MINUTES.start(),
                MINUTES.end(),
                self.minutes
            ));
        }
        Ok(())
    }
}

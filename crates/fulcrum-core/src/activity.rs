//! Activities: spans of the user's time, the unit every report is built from.

use crate::category::Category;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// A half-open span of time `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Interval {
    pub start: Timestamp,
    pub end: Timestamp,
}

impl Interval {
    pub fn new(start: Timestamp, end: Timestamp) -> Self {
        Interval { start, end }
    }

    pub fn seconds(&self) -> i64 {
        (self.end.as_second() - self.start.as_second()).max(0)
    }

    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The part of `self` inside `other`, if any.
    pub fn clip(&self, other: &Interval) -> Option<Interval> {
        let start = self.start.max(other.start);
        let end = self.end.min(other.end);
        (start < end).then_some(Interval { start, end })
    }

    pub fn overlap_seconds(&self, other: &Interval) -> i64 {
        self.clip(other).map_or(0, |i| i.seconds())
    }
}

/// Where an activity came from, which decides how it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActivityKind {
    /// A calendar event with at least one other person: it interrupts focus.
    Meeting,
    /// A calendar event for the user alone (a focus block, a course, lunch).
    Block,
    /// A coding session estimated from commit times.
    Coding,
    /// Time the user logged by hand.
    Manual,
}

impl ActivityKind {
    /// When activities overlap, the minute goes to the one with the highest weight: a meeting
    /// really happened at that time, a coding session is only an estimate.
    pub fn weight(self) -> u8 {
        match self {
            ActivityKind::Meeting => 3,
            ActivityKind::Manual => 2,
            ActivityKind::Block => 1,
            ActivityKind::Coding => 0,
        }
    }
}

/// A span of the user's time with its category and the evidence behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    pub start: Timestamp,
    pub end: Timestamp,
    pub title: String,
    pub category: Category,
    pub kind: ActivityKind,
    /// The source's display name (calendar file, repository, "manual").
    pub source: String,
    /// The name of the rule that chose the category.
    pub rule: String,
    /// People present besides the user.
    pub others: u32,
    /// The user and exactly one other person, or a title that says 1:1.
    pub one_on_one: bool,
}

impl Activity {
    pub fn interval(&self) -> Interval {
        Interval::new(self.start, self.end)
    }

    pub fn is_meeting(&self) -> bool {
        self.kind == ActivityKind::Meeting
    }
}

/// Merges overlapping or touching intervals; the result is sorted and disjoint.
pub fn union(mut intervals: Vec<Interval>) -> Vec<Interval> {
    intervals.retain(|i| !i.is_empty());
    intervals.sort();
    let mut out: Vec<Interval> = Vec::with_capacity(intervals.len());
    for i in intervals {
        match out.last_mut() {
            Some(last) if i.start <= last.end => last.end = last.end.max(i.end),
            _ => out.push(i),
        }
    }
    out
}

/// `base` minus every interval in `holes` (which must be sorted and disjoint, as `union` gives).
pub fn subtract(base: Interval, holes: &[Interval]) -> Vec<Interval> {
    let mut out = Vec::new();
    let mut cursor = base.start;
    let first = holes.partition_point(|h| h.end <= base.start);
    for h in &holes[first..] {
        if h.start >= base.end {
            break;
        }
        if h.start > cursor {
            out.push(Interval::new(cursor, h.start));
        }
        cursor = cursor.max(h.end);
    }
    if cursor < base.end {
        out.push(Interval::new(cursor, base.end));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iv(a: i64, b: i64) -> Interval {
        Interval::new(
            Timestamp::from_second(a).unwrap(),
            Timestamp::from_second(b).unwrap(),
        )
    }

    #[test]
    fn union_merges_overlaps_and_touching_spans() {
        let u = union(vec![
            iv(10, 20),
            iv(0, 5),
            iv(15, 30),
            iv(30, 40),
            iv(50, 50),
        ]);
        assert_eq!(u, vec![iv(0, 5), iv(10, 40)]);
    }

    #[test]
    fn subtract_leaves_the_gaps() {
        let holes = union(vec![iv(10, 20), iv(30, 40)]);
        assert_eq!(
            subtract(iv(0, 50), &holes),
            vec![iv(0, 10), iv(20, 30), iv(40, 50)]
        );
        assert_eq!(subtract(iv(12, 18), &holes), vec![]);
        assert_eq!(subtract(iv(15, 35), &holes), vec![iv(20, 30)]);
    }
}

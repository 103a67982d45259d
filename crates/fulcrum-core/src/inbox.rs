//! What lands on the lead's desk: requests to decide later rather than on the spot, and
//! problems sorted by whose they are to solve.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// Whose problem it is to solve.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Ownership {
    /// Not yet thought about.
    Undecided,
    /// Clearly the lead's: team-wide blockers, technical alignment, cross-team misunderstandings.
    Mine,
    /// Clearly theirs: their task, their feature, their disagreement with a peer (with support).
    Theirs,
    /// Could go either way: decide by workload, goals or the chance to grow.
    Gray,
}

/// What was decided about an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    Pending,
    /// Taken on.
    Yes,
    /// Declined.
    No,
    /// Handed to someone better placed.
    Delegated,
}

impl Ownership {
    pub fn as_str(self) -> &'static str {
        match self {
            Ownership::Undecided => "undecided",
            Ownership::Mine => "mine",
            Ownership::Theirs => "theirs",
            Ownership::Gray => "gray",
        }
    }
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Pending => "pending",
            Decision::Yes => "yes",
            Decision::No => "no",
            Decision::Delegated => "delegated",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InboxItem {
    pub id: i64,
    /// Who asked or raised it.
    pub from: String,
    pub text: String,
    pub received: Date,
    /// When they need an answer — ask them rather than assume "now".
    pub needed_by: Option<Date>,
    pub ownership: Ownership,
    pub decision: Decision,
    pub decided: Option<Date>,
    pub note: Option<String>,
}

impl InboxItem {
    pub fn is_pending(&self) -> bool {
        self.decision == Decision::Pending
    }

    /// Days until an answer is needed (negative: overdue).
    pub fn days_left(&self, today: Date) -> Option<i64> {
        let needed = self.needed_by?;
        today.until(needed).ok().map(|s| i64::from(s.get_days()))
    }
}

/// Pending items, most pressing first: overdue, then by the date an answer is needed, then
/// the oldest.
pub fn pending(items: &[InboxItem]) -> Vec<&InboxItem> {
    let mut out: Vec<&InboxItem> = items.iter().filter(|i| i.is_pending()).collect();
    out.sort_by_key(|i| (i.needed_by.unwrap_or(Date::MAX), i.received, i.id));
    out
}

/// A sign that the lead is taking on problems that are not theirs to solve.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OwnershipSignal {
    pub seen: String,
    pub next: String,
}

/// At least this many classified problems are needed before the share means anything.
pub const OWNERSHIP_MIN_ITEMS: usize = 5;
/// Above this share of "mine", the lead is likely solving everyone's problems.
pub const OWNERSHIP_MINE_SHARE: f64 = 0.6;

pub fn ownership_signal(items: &[InboxItem], since: Date) -> Option<OwnershipSignal> {
    let recent: Vec<&InboxItem> = items
        .iter()
        .filter(|i| i.received >= since && i.ownership != Ownership::Undecided)
        .collect();
    if recent.len() < OWNERSHIP_MIN_ITEMS {
        return None;
    }
    let mine = recent
        .iter()
        .filter(|i| i.ownership == Ownership::Mine)
        .count();
    let share = mine as f64 / recent.len() as f64;
    (share > OWNERSHIP_MINE_SHARE).then(|| OwnershipSignal {
        seen: format!("you took {mine} of the last {} problems as yours to solve", recent.len()),
        next: "Before taking the next one, ask whether it is really yours: listen, coach or point to someone better placed instead of solving it.".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn item(id: i64, needed: Option<Date>, ownership: Ownership) -> InboxItem {
        InboxItem {
            id,
            from: "Dana".into(),
            text: format!("ask {id}"),
            received: date(2026, 11, 20),
            needed_by: needed,
            ownership,
            decision: Decision::Pending,
            decided: None,
            note: None,
        }
    }

    #[test]
    fn pending_items_come_most_pressing_first() {
        let mut done = item(4, Some(date(2026, 11, 1)), Ownership::Mine);
        done.decision = Decision::Yes;
        let items = vec![
            item(1, None, Ownership::Undecided),
            item(2, Some(date(2026, 12, 1)), Ownership::Gray),
            item(3, Some(date(2026, 11, 24)), Ownership::Theirs),
            done,
        ];
        let ids: Vec<i64> = pending(&items).iter().map(|i| i.id).collect();
        assert_eq!(ids, [3, 2, 1]);
        assert_eq!(items[2].days_left(date(2026, 11, 25)), Some(-1));
    }

    #[test]
    fn taking_most_problems_as_mine_is_a_signal() {
        let since = date(2026, 11, 1);
        let mut items: Vec<InboxItem> = (0..4).map(|i| item(i, None, Ownership::Mine)).collect();
        assert_eq!(ownership_signal(&items, since), None, "too few to say");
        items.push(item(5, None, Ownership::Theirs));
        assert!(ownership_signal(&items, since).is_some());
        items.push(item(6, None, Ownership::Gray));
        items.push(item(7, None, Ownership::Theirs));
        assert_eq!(ownership_signal(&items, since), None);
    }
}

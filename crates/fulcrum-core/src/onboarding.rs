//! An onboarding plan for a new joiner: concrete steps from before the first day to the end
//! of the first three months, each with a date, and the progress through them.

use crate::time::add_days;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub id: i64,
    pub person_id: i64,
    /// Order in the plan.
    pub seq: u32,
    pub title: String,
    pub due: Option<Date>,
    pub done_on: Option<Date>,
}

impl Step {
    pub fn is_done(&self) -> bool {
        self.done_on.is_some()
    }
}

/// The starting plan: days from the start date, and the step. The big picture comes before
/// the technical detail; the new joiner is asked to improve the guide while it is fresh.
pub const TEMPLATE: &[(i64, &str)] = &[
    (
        -5,
        "Send a welcome note: what the first day looks like, an agenda, who to ask",
    ),
    (
        -2,
        "Accounts, access and equipment ready (or a clear way to ask for them)",
    ),
    (
        0,
        "Pick an onboarding buddy and lighten their sprint for the first weeks",
    ),
    (1, "Session: the company's mission and values"),
    (2, "Session: how the team works together and communicates"),
    (
        3,
        "Session: the product, who uses it and the team's part in it",
    ),
    (4, "Session: what the team is building now, and why"),
    (7, "Walk through the architecture, with the diagrams"),
    (
        8,
        "Walk through the path to production, from commit to deploy",
    ),
    (9, "Pair on setting up the development environment"),
    (10, "Pair on a first real task"),
    (14, "First change merged"),
    (
        21,
        "Ask them to fix what was missing or confusing in the setup guide",
    ),
    (
        30,
        "Ask how it has gone: smooth or frustrating? did they feel supported?",
    ),
    (60, "Agree on goals for the months ahead"),
    (
        90,
        "Onboarding done: first growth plan, and a 1:1 cadence that fits them now",
    ),
];

/// The template's steps, dated from `start`.
pub fn plan(start: Date) -> Vec<(u32, &'static str, Date)> {
    TEMPLATE
        .iter()
        .enumerate()
        .map(|(i, (offset, title))| (i as u32 + 1, *title, add_days(start, *offset)))
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    /// Whole percent done.
    pub percent: u32,
    /// Past their date and not done, oldest first.
    pub overdue: Vec<Step>,
    /// The first step not done.
    pub next: Option<Step>,
}

pub fn progress(steps: &[Step], today: Date) -> Progress {
    let mut sorted = steps.to_vec();
    sorted.sort_by_key(|s| (s.seq, s.id));
    let done = sorted.iter().filter(|s| s.is_done()).count();
    let total = sorted.len();
    Progress {
        done,
        total,
        percent: (done * 100).checked_div(total).unwrap_or(0) as u32,
        overdue: sorted
            .iter()
            .filter(|s| !s.is_done() && s.due.is_some_and(|d| d < today))
            .cloned()
            .collect(),
        next: sorted.iter().find(|s| !s.is_done()).cloned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_plan_from_the_template_and_its_progress() {
        let start = date(2026, 3, 2);
        let p = plan(start);
        assert_eq!(p.len(), TEMPLATE.len());
        assert_eq!(p[0].0, 1);
        assert_eq!(
            p[0].2,
            date(2026, 2, 25),
            "the welcome note goes out before day one"
        );
        assert_eq!(p.last().unwrap().2, date(2026, 5, 31));

        let steps: Vec<Step> = p
            .iter()
            .map(|(seq, title, due)| Step {
                id: i64::from(*seq),
                person_id: 1,
                seq: *seq,
                title: (*title).into(),
                due: Some(*due),
                done_on: (*seq <= 4).then_some(*due),
            })
            .collect();
        let g = progress(&steps, date(2026, 3, 10));
        assert_eq!((g.done, g.total, g.percent), (4, 16, 25));
        // Three sessions (4–6 March) and the architecture walk-through (9 March) are overdue.
        assert_eq!(
            g.overdue.iter().map(|s| s.seq).collect::<Vec<_>>(),
            [5, 6, 7, 8]
        );
        assert_eq!(g.next.unwrap().seq, 5);
        assert_eq!(progress(&[], date(2026, 3, 10)).percent, 0);
    }
}

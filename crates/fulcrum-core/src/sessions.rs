//! Coding sessions estimated from commit times.
//!
//! A commit is the end of some work, not the whole of it: commits less than `gap` apart form
//! one session, which starts `lead` before its first commit and ends at its last. Sessions only
//! fill time the calendar leaves free, so a commit made during a meeting never counts twice.

use crate::activity::{Activity, ActivityKind, Interval, subtract, union};
use crate::category::Category;
use crate::rules::COMMITS_RULE;
use jiff::{SignedDuration, Timestamp};

/// Groups commit instants into sessions. `times` need not be sorted.
pub fn sessions(times: &[Timestamp], gap_minutes: i64, lead_minutes: i64) -> Vec<Interval> {
    let mut sorted = times.to_vec();
    sorted.sort_unstable();
    let gap = SignedDuration::from_mins(gap_minutes.max(0));
    let lead = SignedDuration::from_mins(lead_minutes.max(0));
    let mut out: Vec<Interval> = Vec::new();
    for t in sorted {
        match out.last_mut() {
            Some(s) if t.duration_since(s.end) < gap => s.end = t,
            _ => out.push(Interval::new(t.checked_sub(lead).unwrap_or(t), t)),
        }
    }
    out
}

/// Coding activities: each session minus the time the calendar already accounts for.
pub fn coding_activities(sessions: &[Interval], busy: &[Interval], source: &str) -> Vec<Activity> {
    let busy = union(busy.to_vec());
    sessions
        .iter()
        .flat_map(|s| subtract(*s, &busy))
        .map(|i| Activity {
            start: i.start,
            end: i.end,
            title: "Coding session".into(),
            category: Category::Build,
            kind: ActivityKind::Coding,
            source: source.to_string(),
            rule: COMMITS_RULE.into(),
            others: 0,
            one_on_one: false,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: i64, m: i64) -> Timestamp {
        Timestamp::from_second(h * 3600 + m * 60).unwrap()
    }

    #[test]
    fn commits_within_the_gap_form_one_session() {
        let s = sessions(&[t(13, 0), t(10, 0), t(11, 30), t(16, 1)], 120, 30);
        assert_eq!(
            s,
            vec![
                Interval::new(t(9, 30), t(13, 0)),
                Interval::new(t(15, 31), t(16, 1))
            ]
        );
    }

    #[test]
    fn a_lone_commit_is_a_short_session() {
        assert_eq!(
            sessions(&[t(10, 0)], 120, 30),
            vec![Interval::new(t(9, 30), t(10, 0))]
        );
        assert!(sessions(&[], 120, 30).is_empty());
    }

    #[test]
    fn sessions_never_overlap_the_calendar() {
        let s = vec![Interval::new(t(9, 0), t(12, 0))];
        let busy = vec![
            Interval::new(t(10, 0), t(11, 0)),
            Interval::new(t(10, 30), t(11, 15)),
        ];
        let acts = coding_activities(&s, &busy, "repo");
        let spans: Vec<_> = acts.iter().map(|a| (a.start, a.end)).collect();
        assert_eq!(spans, vec![(t(9, 0), t(10, 0)), (t(11, 15), t(12, 0))]);
        assert!(acts.iter().all(|a| a.category == Category::Build));
    }
}

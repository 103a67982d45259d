//! Runs of weeks: the shared reading of "for N weeks" that the weekly rules use.

use super::{Action, Evidence, Finding, Severity, Snapshot, WeekFacts};

/// The weeks a rule may judge, oldest first: complete, holding a working day of data, and
/// not excused by their phase.
pub(super) fn judged<'a>(
    s: &'a Snapshot,
    rule: &'a str,
) -> impl DoubleEndedIterator<Item = &'a WeekFacts> {
    s.weeks
        .iter()
        .filter(move |w| w.monday < s.this_week() && w.has_data(&s.profile) && !w.excuses(rule))
}

/// The run of weeks that ends with the latest complete week in which `hit` holds, oldest
/// first, with what `hit` saw. A week the rule may not judge ends the run: "for three weeks"
/// means three complete weeks of data in a row.
pub(super) fn run<'a, T>(
    s: &'a Snapshot,
    rule: &str,
    hit: impl Fn(&WeekFacts) -> Option<T>,
) -> Vec<(&'a WeekFacts, T)> {
    let mut out = Vec::new();
    let mut expected = crate::time::add_days(s.this_week(), -7);
    for w in s.weeks.iter().rev() {
        if w.monday >= s.this_week() {
            continue;
        }
        if w.monday != expected || !w.has_data(&s.profile) || w.excuses(rule) {
            break;
        }
        match hit(w) {
            Some(t) => out.push((w, t)),
            None => break,
        }
        expected = crate::time::add_days(expected, -7);
    }
    out.reverse();
    out
}

/// A finding over a run of weeks, each week's evidence from `say`.
pub(super) fn finding<T>(
    run: &[(&WeekFacts, T)],
    severity: Severity,
    title: String,
    say: impl Fn(&WeekFacts, &T) -> String,
    action: Action,
) -> Option<Finding> {
    let (first, last) = (run.first()?.0, run.last()?.0);
    Some(Finding {
        subject: "week".into(),
        severity,
        title,
        evidence: run
            .iter()
            .map(|(w, t)| Evidence::new(say(w, t), super::Link::week(w.monday)))
            .collect(),
        since: first.monday,
        weeks: run.len() as u32,
        through: last.monday,
        action,
    })
}

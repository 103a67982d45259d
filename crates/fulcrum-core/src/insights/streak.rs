//! Runs of weeks: the shared reading of "for N weeks" that the weekly rules use.

use super::{Action, Evidence, Finding, Severity, Snapshot, WeekFacts};
use jiff::civil::Date;

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
    let said = run.iter().map(|(w, t)| (w.monday, say(w, t))).collect();
    week_finding(said, severity, title, action)
}

/// A finding about the weeks in `said`, oldest first, each with its line of evidence; none
/// without a week.
pub(super) fn week_finding(
    said: Vec<(Date, String)>,
    severity: Severity,
    title: String,
    action: Action,
) -> Option<Finding> {
    let (since, through) = (said.first()?.0, said.last()?.0);
    Some(Finding {
        subject: "week".into(),
        severity,
        title,
        weeks: said.len() as u32,
        evidence: said
            .into_iter()
            .map(|(monday, text)| Evidence::new(text, super::Link::week(monday)))
            .collect(),
        since,
        through,
        action,
    })
}

//! Re-categorising an event from where it is seen: a rule for its title (so every occurrence
//! of its series moves with it), a preview of what the rule would move over the last weeks,
//! and adding it first among the user's rules.

use crate::activities;
use crate::error::{AppError, Result};
use crate::{profile, rules_file};
use fulcrum_core::rules::{Rule, RuleSet, title_pattern};
use fulcrum_core::{ActivityKind, Category, time};
use fulcrum_store::Store;
use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

/// Weeks of the past a preview looks at, this one included.
pub const PREVIEW_WEEKS: i64 = 12;

/// What the rule for an event matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// This title exactly, in any case.
    Exact,
    /// Every title that contains it.
    Contains,
}

/// What the user asked for: an event's title (and calendar), the category to give it.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    pub title: &'a str,
    pub category: Category,
    pub scope: Scope,
    /// Only events of this calendar (a source's name), when given.
    pub calendar: Option<&'a str>,
}

/// The rule a request makes. Its name is unique among `existing`; a user rule with the same
/// conditions is the one it replaces.
pub fn rule_for(req: &Request<'_>, existing: &[Rule]) -> Rule {
    let mut rule = Rule {
        title: Some(title_pattern(req.title, req.scope == Scope::Exact)),
        calendar: req.calendar.map(str::to_string),
        ..Rule::new("", req.category)
    };
    let base = format!("\"{}\" is {}", req.title.trim(), req.category);
    let replaced = replaced_by(&rule, existing).map(|r| r.name.as_str());
    let mut name = base.clone();
    let mut n = 2;
    while existing
        .iter()
        .any(|r| r.name == name && Some(r.name.as_str()) != replaced)
    {
        name = format!("{base} ({n})");
        n += 1;
    }
    rule.name = name;
    rule
}

/// The user rule with the same conditions as `rule`: adding `rule` takes its place.
fn replaced_by<'a>(rule: &Rule, existing: &'a [Rule]) -> Option<&'a Rule> {
    let conditions = |r: &Rule| Rule {
        name: String::new(),
        category: Category::Other,
        ..r.clone()
    };
    existing.iter().find(|r| conditions(r) == conditions(rule))
}

/// The user's rules once `rule` is added first, and the rule it replaces.
fn with_rule(rule: &Rule, existing: &[Rule]) -> (Vec<Rule>, Option<Rule>) {
    let replaced = replaced_by(rule, existing).cloned();
    let mut rules = vec![rule.clone()];
    rules.extend(
        existing
            .iter()
            .filter(|r| replaced.as_ref().is_none_or(|x| x.name != r.name))
            .cloned(),
    );
    (rules, replaced)
}

/// Activities moving from one category to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Move {
    pub from: Category,
    pub to: Category,
    pub activities: usize,
    /// Their scheduled minutes.
    pub minutes: i64,
}

/// What adding a rule would change over the last `PREVIEW_WEEKS` weeks.
#[derive(Debug, Clone, Serialize)]
pub struct Preview {
    pub rule: Rule,
    /// The user rule this one replaces (same conditions), if any.
    pub replaces: Option<String>,
    /// The first day looked at; the preview runs to now.
    pub since: Date,
    /// Calendar activities the rule would decide.
    pub matched: usize,
    /// Of those, the ones whose category changes.
    pub moved: usize,
    /// Changes grouped by (from, to), the largest first.
    pub moves: Vec<Move>,
    /// What the matched activities are now, by category, with no change: `matched - moved`.
    pub unchanged: usize,
}

/// What `rule` would move if it were added first among the rules in `rules_path`, over the
/// calendar activities that started in the last `PREVIEW_WEEKS` weeks up to `now`.
pub async fn preview(
    store: &dyn Store,
    rules_path: &Path,
    rule: &Rule,
    now: Timestamp,
) -> Result<Preview> {
    let existing = rules_file::load(rules_path)?;
    let (proposed, replaced) = with_rule(rule, &existing);
    let current = rules_file::rule_set(rules_path)?;
    let next = RuleSet::new(proposed).map_err(|e| AppError::invalid("rule", e.to_string()))?;
    let profile = profile::require(store).await?;
    let tz = profile.tz();
    let today = time::local_date(now, &tz);
    let since = time::add_days(time::week_start(today), -7 * (PREVIEW_WEEKS - 1));
    let from = time::day_start(since, &tz);
    let before = activities::load(store, &profile, &current, from, now).await?;
    let after = activities::load(store, &profile, &next, from, now).await?;
    let calendar = |a: &&fulcrum_core::Activity| {
        matches!(a.kind, ActivityKind::Meeting | ActivityKind::Block)
            && a.start >= from
            && a.start < now
    };
    // Both loads read the same occurrences in the same order; only categories differ.
    let key = |a: &fulcrum_core::Activity| (a.start, a.end, a.title.clone(), a.source.clone());
    let was: BTreeMap<_, Category> = before
        .activities
        .iter()
        .filter(calendar)
        .map(|a| (key(a), a.category))
        .collect();
    let mut moves: BTreeMap<(Category, Category), (usize, i64)> = BTreeMap::new();
    let (mut matched, mut unchanged) = (0, 0);
    for a in after
        .activities
        .iter()
        .filter(calendar)
        .filter(|a| a.rule == rule.name)
    {
        matched += 1;
        let from = was.get(&key(a)).copied().unwrap_or(a.category);
        if from == a.category {
            unchanged += 1;
            continue;
        }
        let m = moves.entry((from, a.category)).or_default();
        m.0 += 1;
        m.1 += (a.end.as_second() - a.start.as_second()) / 60;
    }
    let mut moves: Vec<Move> = moves
        .into_iter()
        .map(|((from, to), (activities, minutes))| Move {
            from,
            to,
            activities,
            minutes,
        })
        .collect();
    moves.sort_by(|a, b| b.activities.cmp(&a.activities).then(a.from.cmp(&b.from)));
    Ok(Preview {
        rule: rule.clone(),
        // Once added, the rule has its own conditions: it replaces nothing but itself.
        replaces: replaced.filter(|r| r != rule).map(|r| r.name),
        since,
        matched,
        moved: matched - unchanged,
        moves,
        unchanged,
    })
}

/// Adds `rule` first among the user's rules, in place of a rule with the same conditions.
/// Returns the name of the rule it replaced.
pub fn apply(rules_path: &Path, rule: &Rule) -> Result<Option<String>> {
    let existing = rules_file::load(rules_path)?;
    let (rules, replaced) = with_rule(rule, &existing);
    rules_file::save(rules_path, &rules)?;
    Ok(replaced.map(|r| r.name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(title: &str, category: Category) -> Request<'_> {
        Request {
            title,
            category,
            scope: Scope::Exact,
            calendar: None,
        }
    }

    #[test]
    fn a_rule_for_a_title_takes_the_place_of_one_with_the_same_conditions() {
        let first = rule_for(&req("Kim <> Me", Category::Grow), &[]);
        assert_eq!(first.name, "\"Kim <> Me\" is grow");
        assert_eq!(first.title.as_deref(), Some(r"^\s*Kim <> Me\s*$"));
        let other = Rule {
            title: Some("x".into()),
            ..Rule::new("\"Kim <> Me\" is lead", Category::Build)
        };
        let existing = vec![other.clone(), first.clone()];
        // Again, as lead: it replaces the grow rule, and its name is free of the other rule's.
        let again = rule_for(&req(" Kim <> Me ", Category::Lead), &existing);
        assert_eq!(again.name, "\"Kim <> Me\" is lead (2)");
        let (rules, replaced) = with_rule(&again, &existing);
        assert_eq!(replaced.map(|r| r.name), Some(first.name));
        assert_eq!(rules, [again.clone(), other]);
        // Another scope or calendar is another rule.
        let within = rule_for(
            &Request {
                scope: Scope::Contains,
                calendar: Some("work.ics"),
                ..req("Kim <> Me", Category::Lead)
            },
            &existing,
        );
        assert_eq!(within.calendar.as_deref(), Some("work.ics"));
        assert!(with_rule(&within, &existing).1.is_none());
    }
}

//! Categorisation rules: which category a calendar event or a coding session belongs to.
//!
//! Rules are tried in order and the first that matches wins: the user's own rules first, then
//! the defaults below. Every condition a rule names must hold; a rule with no condition is
//! invalid (it would swallow everything after it).

use crate::category::Category;
use regex::{Regex, RegexBuilder};
use serde::{Deserialize, Serialize};

/// A rule as the user writes it (in `rules.toml`) or as the defaults define it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub name: String,
    pub category: Category,
    /// A regular expression searched in the title, case-insensitively.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The least number of people present besides the user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_attendees: Option<u32>,
    /// The most number of people present besides the user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_attendees: Option<u32>,
    /// Some attendee's e-mail ends with `@` and this domain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attendee_domain: Option<String>,
    /// The organiser's e-mail, exactly (case-insensitive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organizer: Option<String>,
    /// A text found in the source's name (the calendar file or subscription).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<String>,
}

impl Rule {
    /// The rule's conditions in a few words, e.g. `title /standup/, ≥ 3 others`.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(t) = &self.title {
            parts.push(format!("title /{t}/"));
        }
        if let Some(n) = self.min_attendees {
            parts.push(format!("≥ {n} others"));
        }
        if let Some(n) = self.max_attendees {
            parts.push(format!("≤ {n} others"));
        }
        if let Some(d) = &self.attendee_domain {
            parts.push(format!("an attendee @{d}"));
        }
        if let Some(o) = &self.organizer {
            parts.push(format!("organised by {o}"));
        }
        if let Some(c) = &self.calendar {
            parts.push(format!("calendar ~ {c}"));
        }
        parts.join(", ")
    }
}

/// What a rule can look at.
#[derive(Debug, Clone, Default)]
pub struct EventFacts<'a> {
    pub title: &'a str,
    /// People present besides the user.
    pub others: u32,
    pub attendee_emails: &'a [String],
    pub organizer: Option<&'a str>,
    pub calendar: &'a str,
}

/// Which rule decided, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleMatch {
    pub category: Category,
    pub rule: String,
    /// "user", "default" or "fallback".
    pub origin: &'static str,
    pub reason: String,
}

/// One line of `rules explain`: a rule and whether it matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleCheck {
    pub rule: String,
    pub origin: &'static str,
    pub category: Category,
    pub matched: bool,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    #[error("rule '{rule}': the title pattern is not a valid regular expression: {message}")]
    BadPattern { rule: String, message: String },
    #[error(
        "rule '{0}' has no condition: give it a title, attendee, organizer or calendar condition"
    )]
    NoCondition(String),
    #[error(
        "rule '{rule}' matches every event: its title pattern /{pattern}/ matches any title; \
         give it a word that titles must contain, or another condition"
    )]
    MatchesEverything { rule: String, pattern: String },
    #[error(
        "rule '{rule}': min_attendees ({min}) is greater than max_attendees ({max}), so it can never match"
    )]
    AttendeeRange { rule: String, min: u32, max: u32 },
}

#[derive(Debug, Clone)]
struct Compiled {
    rule: Rule,
    title: Option<Regex>,
    origin: &'static str,
}

/// The user's rules followed by the defaults, compiled once.
#[derive(Debug, Clone)]
pub struct RuleSet {
    rules: Vec<Compiled>,
}

pub const FALLBACK_RULE: &str = "no rule matched";
pub const COMMITS_RULE: &str = "commits";

impl RuleSet {
    pub fn new(user: Vec<Rule>) -> Result<Self, RuleError> {
        let mut rules = Vec::new();
        for r in user {
            rules.push(compile(r, "user")?);
        }
        for r in default_rules() {
            rules.push(compile(r, "default")?);
        }
        Ok(RuleSet { rules })
    }

    pub fn defaults() -> Self {
        RuleSet::new(Vec::new()).expect("default rules compile")
    }

    /// The category of an event: the first matching rule, or `other`.
    pub fn categorise(&self, facts: &EventFacts<'_>) -> RuleMatch {
        for c in &self.rules {
            if let Some(reason) = matches(c, facts) {
                return RuleMatch {
                    category: c.rule.category,
                    rule: c.rule.name.clone(),
                    origin: c.origin,
                    reason,
                };
            }
        }
        RuleMatch {
            category: Category::Other,
            rule: FALLBACK_RULE.into(),
            origin: "fallback",
            reason: "no rule matched this title; add one to your rules file".into(),
        }
    }

    /// Every rule in order, whether it matched and why; the first match is the one that wins.
    pub fn explain(&self, facts: &EventFacts<'_>) -> Vec<RuleCheck> {
        self.rules
            .iter()
            .map(|c| {
                let m = matches(c, facts);
                RuleCheck {
                    rule: c.rule.name.clone(),
                    origin: c.origin,
                    category: c.rule.category,
                    matched: m.is_some(),
                    reason: m.unwrap_or_else(|| mismatch_reason(c, facts)),
                }
            })
            .collect()
    }

    pub fn user_rules(&self) -> impl Iterator<Item = &Rule> {
        self.rules
            .iter()
            .filter(|c| c.origin == "user")
            .map(|c| &c.rule)
    }
}

fn compile(rule: Rule, origin: &'static str) -> Result<Compiled, RuleError> {
    // An empty text is found in every e-mail and calendar name: it is no condition at all.
    let given = |v: &Option<String>| v.as_deref().is_some_and(|t| !t.trim().is_empty());
    let other_condition = rule.min_attendees.is_some()
        || rule.max_attendees.is_some()
        || given(&rule.attendee_domain)
        || given(&rule.organizer)
        || given(&rule.calendar);
    if !other_condition && rule.title.is_none() {
        return Err(RuleError::NoCondition(rule.name));
    }
    if let (Some(min), Some(max)) = (rule.min_attendees, rule.max_attendees)
        && min > max
    {
        return Err(RuleError::AttendeeRange {
            rule: rule.name,
            min,
            max,
        });
    }
    let title = match &rule.title {
        None => None,
        Some(p) => Some(
            RegexBuilder::new(p)
                .case_insensitive(true)
                .size_limit(1 << 20)
                .build()
                .map_err(|e| RuleError::BadPattern {
                    rule: rule.name.clone(),
                    message: e.to_string(),
                })?,
        ),
    };
    // A pattern that matches an empty title matches every title; a blank one nearly so.
    let matches_all = |re: &Regex| re.is_match("") || re.as_str().trim().is_empty();
    if !other_condition && title.as_ref().is_some_and(matches_all) {
        return Err(RuleError::MatchesEverything {
            pattern: rule.title.clone().unwrap_or_default(),
            rule: rule.name,
        });
    }
    Ok(Compiled {
        rule,
        title,
        origin,
    })
}

/// `Some(reason)` when every condition of the rule holds.
fn matches(c: &Compiled, f: &EventFacts<'_>) -> Option<String> {
    let mut why = Vec::new();
    if let Some(re) = &c.title {
        let m = re.find(f.title)?;
        why.push(format!("title contains \"{}\"", m.as_str()));
    }
    if let Some(min) = c.rule.min_attendees {
        if f.others < min {
            return None;
        }
        why.push(format!("{} other people ≥ {min}", f.others));
    }
    if let Some(max) = c.rule.max_attendees {
        if f.others > max {
            return None;
        }
        why.push(format!("{} other people ≤ {max}", f.others));
    }
    if let Some(domain) = &c.rule.attendee_domain {
        let suffix = format!("@{}", domain.trim_start_matches('@').to_ascii_lowercase());
        f.attendee_emails
            .iter()
            .find(|e| e.to_ascii_lowercase().ends_with(&suffix))?;
        why.push(format!("an attendee is from {domain}"));
    }
    if let Some(org) = &c.rule.organizer {
        if !f.organizer.is_some_and(|o| o.eq_ignore_ascii_case(org)) {
            return None;
        }
        why.push(format!("organised by {org}"));
    }
    if let Some(cal) = &c.rule.calendar {
        if !f
            .calendar
            .to_ascii_lowercase()
            .contains(&cal.to_ascii_lowercase())
        {
            return None;
        }
        why.push(format!("calendar \"{}\" contains \"{cal}\"", f.calendar));
    }
    Some(why.join(", "))
}

fn mismatch_reason(c: &Compiled, f: &EventFacts<'_>) -> String {
    if let Some(re) = c.title.as_ref().filter(|re| !re.is_match(f.title)) {
        return format!("title does not match /{}/", re.as_str());
    }
    if c.rule.min_attendees.is_some_and(|m| f.others < m) {
        return format!(
            "needs at least {} other people",
            c.rule.min_attendees.unwrap_or(0)
        );
    }
    if c.rule.max_attendees.is_some_and(|m| f.others > m) {
        return format!(
            "allows at most {} other people",
            c.rule.max_attendees.unwrap_or(0)
        );
    }
    "another condition does not hold".into()
}

fn rule(name: &str, category: Category, title: &str) -> Rule {
    Rule {
        name: name.into(),
        category,
        title: Some(title.into()),
        min_attendees: None,
        max_attendees: None,
        attendee_domain: None,
        organizer: None,
        calendar: None,
    }
}

/// The built-in rules, in the order they are tried. Order matters: "incident review" must be
/// seen as operate before "review" is seen as build, a manager 1:1 as align before any 1:1 is
/// seen as lead, and a strategy block alone as think while a strategy meeting is align.
pub fn default_rules() -> Vec<Rule> {
    use Category::*;
    let mut solo_think = rule(
        "thinking time",
        Think,
        r"\b(think(ing)?|strategy|reflect(ion)?|weekly review|quiet time|plan(ning)? my week)\b",
    );
    solo_think.max_attendees = Some(0);
    let mut solo_planning = rule("planning alone", Think, r"\bplan(ning)?\b");
    solo_planning.max_attendees = Some(0);
    vec![
        rule(
            "personal time",
            Personal,
            r"\b(lunch|dentist|doctor|out of office|ooo|vacation|holiday|pto|day off|gym|school run|pick ?up|personal|appointment|errand)\b",
        ),
        rule(
            "incidents and on-call",
            Operate,
            r"\b(incident|post-?mortem|outage|on-?call|pager|sev ?[0-4]|war ?room|support rotation|escalation|hotfix)\b",
        ),
        rule(
            "hiring",
            Lead,
            r"\b(interview(s|ing)?|hiring|debrief|candidate|phone screen|tech screen|take-home review)\b",
        ),
        rule(
            "manager 1:1",
            Align,
            r"(\b(manager|skip[- ]?level|my boss)\b.*(\b1[:/-]1\b|1on1|one[- ]on[- ]one))|((\b1[:/-]1\b|1on1|one[- ]on[- ]one).*\b(manager|skip[- ]?level)\b)",
        ),
        rule(
            "1:1s",
            Lead,
            r"(\b1\s?[:/-]\s?1\b|\b1on1\b|one[- ]on[- ]one|\bcheck-in with\b)",
        ),
        rule(
            "team rituals",
            Lead,
            r"\b(stand-?up|daily scrum|daily sync|retro(spective)?|team (meeting|sync|lunch)|onboarding|mentoring|feedback session|coaching|team building|huddle)\b",
        ),
        solo_think,
        solo_planning,
        rule(
            "planning and stakeholders",
            Align,
            r"\b(planning|roadmap|stakeholder|sync|cross-team|okrs?|all-hands|all hands|town hall|steering|kick-?off|product review|sprint review|quarterly|qbr|alignment|strategy|priorit(y|ies|isation|ization)|status update|leadership)\b",
        ),
        rule(
            "focus and coding",
            Build,
            r"\b(focus|coding|code review|review prs?|pr reviews?|pair(ing| programming)?|mob(bing| programming)?|design( review| doc)?|architecture|rfc|adr|spike|deep work|prototype|hack|debug(ging)?|refactor(ing)?|tech(nical)? (design|discussion)|whiteboard)\b",
        ),
        rule(
            "learning",
            Grow,
            r"\b(learn(ing)?|course|training|reading|read|conference|workshop|book club|talk|meetup|study|webinar|lecture|certification|guild|lunch and learn|mentor session)\b",
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cat(title: &str, others: u32) -> Category {
        let rs = RuleSet::defaults();
        rs.categorise(&EventFacts {
            title,
            others,
            ..Default::default()
        })
        .category
    }

    #[test]
    fn default_rules_put_typical_titles_in_place() {
        use Category::*;
        let cases: &[(&str, u32, Category)] = &[
            ("Alex / Sam 1:1", 1, Lead),
            ("1-1 Priya", 1, Lead),
            ("One-on-one with Jo", 1, Lead),
            ("Daily standup", 6, Lead),
            ("Sprint retro", 6, Lead),
            ("Interview: backend candidate", 2, Lead),
            ("Hiring debrief", 4, Lead),
            ("Sprint planning", 6, Align),
            ("Q3 roadmap review", 5, Align),
            ("Stakeholder sync: payments", 4, Align),
            ("1:1 with my manager", 1, Align),
            ("Skip-level 1:1", 1, Align),
            ("Incident review: checkout outage", 8, Operate),
            ("On-call handover", 2, Operate),
            ("Focus time", 0, Build),
            ("Code review", 0, Build),
            ("Pairing with Kim", 1, Build),
            ("Architecture review", 5, Build),
            ("Design doc: caching", 0, Build),
            ("Rust course", 0, Grow),
            ("Conference: StrangeLoop", 0, Grow),
            ("Reading: Staff Engineer", 0, Grow),
            ("Thinking time", 0, Think),
            ("Strategy block", 0, Think),
            ("Strategy offsite", 10, Align),
            ("Lunch", 0, Personal),
            ("Dentist", 0, Personal),
            ("Misc", 3, Other),
        ];
        for &(title, others, want) in cases {
            assert_eq!(cat(title, others), want, "{title} with {others} others");
        }
    }

    #[test]
    fn user_rules_come_first() {
        let mine = Rule {
            name: "guild".into(),
            category: Category::Build,
            title: Some("guild".into()),
            min_attendees: None,
            max_attendees: None,
            attendee_domain: None,
            organizer: None,
            calendar: None,
        };
        let rs = RuleSet::new(vec![mine]).unwrap();
        let m = rs.categorise(&EventFacts {
            title: "Frontend guild",
            ..Default::default()
        });
        assert_eq!(
            (m.category, m.rule.as_str(), m.origin),
            (Category::Build, "guild", "user")
        );
        let explained = rs.explain(&EventFacts {
            title: "Frontend guild",
            ..Default::default()
        });
        assert!(explained[0].matched);
        assert_eq!(
            explained.iter().filter(|c| c.matched).count(),
            2,
            "learning matches too"
        );
    }

    #[test]
    fn rules_that_match_everything_or_nothing_are_refused() {
        let only = |title: Option<&str>, min: Option<u32>, max: Option<u32>, calendar: &str| Rule {
            name: "probe".into(),
            category: Category::Build,
            title: title.map(str::to_string),
            min_attendees: min,
            max_attendees: max,
            attendee_domain: None,
            organizer: None,
            calendar: Some(calendar.to_string()).filter(|c| !c.is_empty() || title.is_none()),
        };
        for pattern in ["", " ", ".*", "(standup)?"] {
            let e = RuleSet::new(vec![only(Some(pattern), None, None, "")]).unwrap_err();
            assert!(
                matches!(e, RuleError::MatchesEverything { .. }),
                "{pattern:?}: {e}"
            );
            assert!(e.to_string().contains("matches every event"), "{e}");
        }
        // An empty calendar text is in every calendar's name: no condition either.
        let e = RuleSet::new(vec![only(None, None, None, "")]).unwrap_err();
        assert!(matches!(e, RuleError::NoCondition(_)), "{e}");
        let e = RuleSet::new(vec![only(Some("sync"), Some(3), Some(1), "")]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "rule 'probe': min_attendees (3) is greater than max_attendees (1), so it can never match"
        );
        // A pattern matching any title is fine beside a real condition, and so is min = max.
        assert!(RuleSet::new(vec![only(Some(".*"), Some(2), Some(2), "")]).is_ok());
        assert!(RuleSet::new(vec![only(Some("standup"), None, None, "")]).is_ok());
    }

    #[test]
    fn all_conditions_must_hold() {
        let r = Rule {
            name: "vendor calls".into(),
            category: Category::Align,
            title: None,
            min_attendees: Some(1),
            max_attendees: None,
            attendee_domain: Some("vendor.com".into()),
            organizer: None,
            calendar: None,
        };
        let rs = RuleSet::new(vec![r]).unwrap();
        let emails = vec!["a@vendor.com".to_string()];
        let hit = rs.categorise(&EventFacts {
            title: "Weekly call",
            others: 1,
            attendee_emails: &emails,
            ..Default::default()
        });
        assert_eq!(hit.rule, "vendor calls");
        let miss = rs.categorise(&EventFacts {
            title: "Weekly call",
            others: 1,
            ..Default::default()
        });
        assert_eq!(miss.rule, FALLBACK_RULE);
    }

    #[test]
    fn bad_rules_are_refused_with_their_name() {
        let mut r = rule("broken", Category::Build, "(unclosed");
        assert!(
            matches!(RuleSet::new(vec![r.clone()]), Err(RuleError::BadPattern { rule, .. }) if rule == "broken")
        );
        r.title = None;
        assert!(matches!(
            RuleSet::new(vec![r]),
            Err(RuleError::NoCondition(_))
        ));
    }
}

//! Categorisation rules: which category a calendar event or a coding session belongs to.
//!
//! Rules are tried in order and the first that matches wins: the user's own rules first, then
//! the defaults below. Every condition a rule names must hold; a rule with no condition is
//! invalid (it would swallow everything after it).

use crate::category::Category;
use crate::people::Relation;
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
    /// `true`: the meeting is a 1:1 with someone in the people records, exactly as
    /// `one-on-ones` detects it; `false`: it is not one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub one_on_one: Option<bool>,
    /// Someone present besides the user has one of these relations in the people records.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub with_relation: Vec<Relation>,
    /// Everyone present besides the user (at least one person) is in the people records with
    /// one of these relations: `["report"]` is "only my reports".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub only_relation: Vec<Relation>,
}

impl Rule {
    /// A rule with no condition yet (not valid until it has one).
    pub fn new(name: &str, category: Category) -> Rule {
        Rule {
            name: name.into(),
            category,
            title: None,
            min_attendees: None,
            max_attendees: None,
            attendee_domain: None,
            organizer: None,
            calendar: None,
            one_on_one: None,
            with_relation: Vec::new(),
            only_relation: Vec::new(),
        }
    }

    /// The rule's conditions in a few words, e.g. `title /standup/, ≥ 3 others`.
    pub fn describe(&self) -> String {
        let parts = [
            self.title.as_ref().map(|t| format!("title /{t}/")),
            self.min_attendees.map(|n| format!("≥ {n} others")),
            self.max_attendees.map(|n| format!("≤ {n} others")),
            self.attendee_domain
                .as_ref()
                .map(|d| format!("an attendee @{d}")),
            self.organizer.as_ref().map(|o| format!("organised by {o}")),
            self.calendar.as_ref().map(|c| format!("calendar ~ {c}")),
            self.one_on_one.map(|yes| match yes {
                true => "a 1:1 with someone in your people records".to_string(),
                false => "not a 1:1".to_string(),
            }),
            (!self.with_relation.is_empty())
                .then(|| format!("with your {}", relation_words(&self.with_relation))),
            (!self.only_relation.is_empty()).then(|| {
                format!(
                    "everyone else is your {}",
                    relation_words(&self.only_relation)
                )
            }),
        ];
        parts.into_iter().flatten().collect::<Vec<_>>().join(", ")
    }
}

/// `manager`, `manager or stakeholder`, `report, peer or mentor`.
fn relation_words(rs: &[Relation]) -> String {
    let words: Vec<&str> = rs.iter().map(|r| r.as_str()).collect();
    match words.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
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
    /// The relation (from the people records) of each person present besides the user;
    /// `None` for someone not in them (`people::Directory::relations`).
    pub relations: Vec<Option<Relation>>,
    /// When the meeting is a 1:1 with someone in the people records
    /// (`people::Directory::one_on_one_with`): their relation.
    pub one_on_one: Option<Relation>,
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
        "rule '{0}' has no condition: give it a title, attendee, organizer, calendar, one_on_one, \
         with_relation or only_relation condition"
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
    /// Checks one rule as `new` would, without compiling the defaults.
    pub fn check(rule: &Rule) -> Result<(), RuleError> {
        compile(rule.clone(), "user").map(|_| ())
    }

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
        || given(&rule.calendar)
        || rule.one_on_one.is_some()
        || !rule.with_relation.is_empty()
        || !rule.only_relation.is_empty();
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
    if let Some(want) = c.rule.one_on_one {
        if f.one_on_one.is_some() != want {
            return None;
        }
        why.push(match f.one_on_one {
            Some(r) => format!("a 1:1 with your {r}"),
            None => "not a 1:1".into(),
        });
    }
    if !c.rule.with_relation.is_empty() {
        let r = f
            .relations
            .iter()
            .flatten()
            .find(|r| c.rule.with_relation.contains(r))?;
        // "a 1:1 with your manager" says it already.
        if c.rule.one_on_one != Some(true) || f.one_on_one != Some(*r) {
            why.push(format!("with your {r}"));
        }
    }
    if !c.rule.only_relation.is_empty() {
        if !only_relations_hold(&c.rule.only_relation, f) {
            return None;
        }
        why.push(format!(
            "everyone else is your {}",
            relation_words(&c.rule.only_relation)
        ));
    }
    Some(why.join(", "))
}

fn only_relations_hold(allowed: &[Relation], f: &EventFacts<'_>) -> bool {
    !f.relations.is_empty()
        && f.relations
            .iter()
            .all(|r| r.is_some_and(|r| allowed.contains(&r)))
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
    if let Some(want) = c.rule.one_on_one
        && f.one_on_one.is_some() != want
    {
        return if want {
            "not a 1:1 with anyone in your people records".into()
        } else {
            "a 1:1".into()
        };
    }
    if !c.rule.with_relation.is_empty()
        && !f
            .relations
            .iter()
            .flatten()
            .any(|r| c.rule.with_relation.contains(r))
    {
        return format!(
            "nobody present is your {}",
            relation_words(&c.rule.with_relation)
        );
    }
    if !c.rule.only_relation.is_empty() && !only_relations_hold(&c.rule.only_relation, f) {
        return format!(
            "not everyone present is your {}",
            relation_words(&c.rule.only_relation)
        );
    }
    "another condition does not hold".into()
}

fn rule(name: &str, category: Category, title: &str) -> Rule {
    Rule {
        title: Some(title.into()),
        ..Rule::new(name, category)
    }
}

/// A default that holds for 1:1s (as `one-on-ones` detects them) with these relations, or
/// with anyone when `relations` is empty.
fn one_on_one_rule(name: &str, category: Category, relations: &[Relation]) -> Rule {
    Rule {
        one_on_one: Some(true),
        with_relation: relations.to_vec(),
        ..Rule::new(name, category)
    }
}

/// A title pattern for exactly `title` (any case, space around it ignored), or, with `exact`
/// false, for every title that contains it: what re-categorising an event writes.
pub fn title_pattern(title: &str, exact: bool) -> String {
    let t = regex::escape(title.trim());
    if exact { format!(r"^\s*{t}\s*$") } else { t }
}

/// The name of the default rule for 1:1s found through the people records.
pub const ONE_ON_ONE_RULE: &str = "1:1 with someone you work with";

/// The built-in rules, in the order they are tried; the first that matches wins.
///
/// **Specific before general, by order rather than by score.** Titles say one thing with
/// words another rule also claims: "Platform cross-team sync" contains "team sync", "Team
/// lunch" and "Lunch & learn" contain "lunch", "System design interview" contains "design".
/// Two ways make the specific meaning win: score every matching rule by the length of what
/// it matched and take the longest, or try the specific phrases first. Fulcrum orders:
///
/// - Scoring decides by the accident of word lengths. "Hiring committee planning" would be
///   align, because "planning" is longer than "hiring"; "Design review: on-call" would flip
///   with a rename. Which of two phrases is the more specific is a judgement, not a length.
/// - The user's own rules are ordered (tried first, in the order of the file), and `rules
///   explain` shows the first match winning. One model for both keeps the explanation true:
///   every rule above the winner did not match, every rule below it was not needed.
///
/// So the list has three tiers. First the people records: a 1:1 `one-on-ones` would list is
/// a 1:1 here, whatever its title ("Kim <> Me"), filed by who it is with. Then phrases that
/// contain another rule's word (cross-team, team meals, learning sessions, hiring, incidents,
/// 1:1 titles, people reviews). Then single words, from the narrowest (personal, rituals,
/// time alone) to the broadest (planning, building, learning). A new pattern goes into the
/// first tier where nothing above it claims its titles; `tests/titles.tsv` holds the titles
/// every change must keep in place.
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
    // "Kim <> Alex": two names facing each other, with one other person there.
    let mut two_names = rule("two names", Lead, r"\S\s*<>\s*\S");
    two_names.max_attendees = Some(1);
    vec![
        // 1. Who it is with, from the people records.
        one_on_one_rule("1:1 with your manager", Align, &[Relation::Manager]),
        one_on_one_rule("1:1 with a stakeholder", Align, &[Relation::Stakeholder]),
        one_on_one_rule("1:1 with your mentor", Grow, &[Relation::Mentor]),
        one_on_one_rule(ONE_ON_ONE_RULE, Lead, &[]),
        // 2. Phrases that hold another rule's word.
        rule(
            "cross-team",
            Align,
            r"\b(cross[- ]?(team|functional)|inter-?team)\b",
        ),
        rule(
            "team meals and outings",
            Lead,
            r"\bteam[- ]?(lunch|dinner|breakfast|offsite|off-site|outing|building|event|social)\b",
        ),
        rule(
            "learning sessions",
            Grow,
            r"\b(lunch\s*[-&]?\s*(and|n|'n')?\s*[-&]?\s*learn|brown ?bag|guild|book club|tech talks?|community of practice|peer group|mentor session|with my mentor)\b",
        ),
        rule(
            "hiring",
            Lead,
            r"\b(interview(s|ing)?|hiring|debrief|candidates?|phone screen|tech screen|take-home review|embauche|vorstellungsgespr[äa]ch|entrevistas?)\b",
        ),
        rule(
            "incidents and on-call",
            Operate,
            r"\b(incidents?|incidentes?|post[- ]?mortems?|outages?|on[- ]?call|pager|sev ?[0-4]|war ?room|support (queue|rotation|rota|tickets?)|triage|escalations?|hotfix(es)?|ops review|operational review|(deploy(ment)?|release|maintenance) window|game ?day|bereitschaft|st[öo]rung(en)?|astreinte|guardia)\b",
        ),
        rule(
            "manager 1:1",
            Align,
            r"(\b(manager|skip[- ]?level|my boss)\b.*(\b1\s?([:/-]|on)\s?1\b|one[- ]on[- ]one))|((\b1\s?([:/-]|on)\s?1\b|one[- ]on[- ]one).*\b(manager|skip[- ]?level)\b)",
        ),
        rule(
            "1:1s",
            Lead,
            r"(\b1\s?([:/-]|on| on )\s?1\b|one[- ]on[- ]one|\bo3s?\b|\bcheck-in with\b|einzelgespr[äa]ch|mitarbeitergespr[äa]ch|entretien individuel|\buno a uno\b)",
        ),
        two_names,
        rule(
            "people reviews",
            Lead,
            r"\b(performance review|perf review|calibration|promotion (committee|review|packet))\b",
        ),
        // 3. Single words, narrowest first.
        rule(
            "personal time",
            Personal,
            r"\b(lunch|mittag(essen|spause)?|d[ée]jeuner|almuerzo|dentist|doctor|arzt(termin)?|out of office|ooo|vacation|vacaciones|urlaub|cong[ée]s|holiday|pto|day off|gym|school run|pick ?up|personal|appointment|errand)\b",
        ),
        rule(
            "team rituals",
            Lead,
            r"\b(stand[- ]?up|daily( scrum| sync)?|r[ée]tro(spe[ck]tiv[ea]?)?|team ?(meeting|sync|weekly|huddle)|teambesprechung|onboarding|mentoring|feedback session|coaching|huddle|office hours|r[ée]union d['’]\s?[ée]quipe|reuni[óo]n (de |del )?equipo|reuni[óo]n semanal)\b",
        ),
        solo_think,
        solo_planning,
        rule(
            "planning and stakeholders",
            Align,
            r"\b(planning|(sprint|release|projekt|quartals)?planung|planificaci[óo]n|planification|roadmap|stakeholders?|sync|okrs?|all-hands|all hands|town hall|asamblea general|steering|kick-?off|product review|sprint (review|demo)|demo day|refinement|grooming|quarterly|qbr|alignment|abstimmung|jour fixe|point hebdo|strategy|priorit(y|ies|isation|ization)|status update|leadership)\b",
        ),
        rule(
            "focus and coding",
            Build,
            r"\b(focus|fokus(zeit)?|coding|code review|revue de code|revisi[óo]n de c[óo]digo|review prs?|pr reviews?|pair(ing| programming)?|mob(bing| programming)?|design( review| doc)?|architecture|rfc|adr|spike|deep work|prototype|hack(athon)?|debug(ging)?|refactor(ing)?|tech(nical)? (design|discussion)|security review|threat model(ing)?|whiteboard)\b",
        ),
        rule(
            "learning",
            Grow,
            r"\b(learn(ing)?|course|training|reading|read|conference|workshop|talk|meetup|study|webinar|lecture|certification|weiterbildung|formation|formaci[óo]n)\b",
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
        let mine = rule("guild", Category::Build, "guild");
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
            title: title.map(str::to_string),
            min_attendees: min,
            max_attendees: max,
            calendar: Some(calendar.to_string()).filter(|c| !c.is_empty() || title.is_none()),
            ..Rule::new("probe", Category::Build)
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
            min_attendees: Some(1),
            attendee_domain: Some("vendor.com".into()),
            ..Rule::new("vendor calls", Category::Align)
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

    #[test]
    fn one_on_ones_from_the_people_records_go_by_who_they_are_with() {
        use Category::*;
        let rs = RuleSet::defaults();
        let with = |relation: Relation, title: &str| {
            rs.categorise(&EventFacts {
                title,
                others: 1,
                relations: vec![Some(relation)],
                one_on_one: Some(relation),
                ..Default::default()
            })
        };
        // Whatever the title says: "Kim <> Me" names no rule, "Lunch" is personal by title.
        let m = with(Relation::Report, "Kim <> Me");
        assert_eq!((m.category, m.rule.as_str()), (Lead, ONE_ON_ONE_RULE));
        assert_eq!(with(Relation::Report, "Lunch").category, Lead);
        assert_eq!(with(Relation::Peer, "Catch up").category, Lead);
        assert_eq!(with(Relation::Manager, "Weekly").category, Align);
        assert_eq!(with(Relation::Stakeholder, "Sync").category, Align);
        assert_eq!(with(Relation::Mentor, "Coffee").category, Grow);
        assert_eq!(m.reason, "a 1:1 with your report");
        assert_eq!(
            with(Relation::Manager, "Weekly").reason,
            "a 1:1 with your manager"
        );
    }

    #[test]
    fn attendee_relations_decide_when_a_rule_asks_for_them() {
        let reports_only = Rule {
            only_relation: vec![Relation::Report],
            min_attendees: Some(2),
            ..Rule::new("my team", Category::Lead)
        };
        let bosses = Rule {
            with_relation: vec![Relation::Manager, Relation::Stakeholder],
            ..Rule::new("upwards", Category::Align)
        };
        let not_one = Rule {
            title: Some("coffee".into()),
            one_on_one: Some(false),
            ..Rule::new("coffee chats", Category::Personal)
        };
        let rs = RuleSet::new(vec![reports_only, bosses, not_one]).unwrap();
        let facts = |title: &'static str, relations: Vec<Option<Relation>>| EventFacts {
            title,
            others: relations.len() as u32,
            relations,
            ..Default::default()
        };
        let r = Some(Relation::Report);
        let rule_of = |f: EventFacts<'_>| rs.categorise(&f).rule;
        assert_eq!(rule_of(facts("Design chat", vec![r, r, r])), "my team");
        // Someone not in the records, or a peer, is not a report.
        assert_ne!(rule_of(facts("Design chat", vec![r, r, None])), "my team");
        assert_ne!(
            rule_of(facts("Design chat", vec![r, Some(Relation::Peer)])),
            "my team"
        );
        assert_eq!(
            rule_of(facts("Design chat", vec![r, Some(Relation::Stakeholder)])),
            "upwards"
        );
        assert_eq!(rule_of(facts("Coffee", vec![None])), "coffee chats");
        let mut one = facts("Coffee", vec![r]);
        one.one_on_one = r;
        assert_eq!(rule_of(one), ONE_ON_ONE_RULE, "a 1:1 is not a coffee chat");
        let checks = rs.explain(&facts("Design chat", vec![r, None]));
        assert_eq!(checks[0].reason, "not everyone present is your report");
        assert_eq!(
            checks[1].reason,
            "nobody present is your manager or stakeholder"
        );
        assert_eq!(
            rs.user_rules().map(Rule::describe).collect::<Vec<_>>(),
            [
                "≥ 2 others, everyone else is your report",
                "with your manager or stakeholder",
                "title /coffee/, not a 1:1"
            ]
        );
    }

    #[test]
    fn relation_conditions_count_as_conditions() {
        let empty = Rule {
            with_relation: vec![],
            ..Rule::new("nothing", Category::Lead)
        };
        assert!(matches!(
            RuleSet::new(vec![empty]),
            Err(RuleError::NoCondition(_))
        ));
        let any_title = Rule {
            title: Some(".*".into()),
            one_on_one: Some(true),
            ..Rule::new("every 1:1", Category::Lead)
        };
        assert!(RuleSet::check(&any_title).is_ok());
    }

    #[test]
    fn a_title_pattern_matches_that_title_only_or_any_title_containing_it() {
        let exact = rule(
            "x",
            Category::Lead,
            &title_pattern(" Kim <> Me (1:1?) ", true),
        );
        let within = rule("y", Category::Lead, &title_pattern("Kim <> Me", false));
        let exact = RuleSet::new(vec![exact]).unwrap();
        let within = RuleSet::new(vec![within]).unwrap();
        let hit = |rs: &RuleSet, t: &str| {
            rs.categorise(&EventFacts {
                title: t,
                ..Default::default()
            })
            .origin
                == "user"
        };
        assert!(hit(&exact, "kim <> me (1:1?)"));
        assert!(!hit(&exact, "Kim <> Me (1:1?) moved"));
        assert!(hit(&within, "Moved: Kim <> Me"));
        assert!(matches!(
            RuleSet::check(&rule("z", Category::Lead, &title_pattern("  ", true))),
            Err(RuleError::MatchesEverything { .. })
        ));
    }
}

//! The user's own rules, kept in a TOML file they can edit:
//!
//! ```toml
//! [[rule]]
//! name = "Architecture guild"
//! category = "build"
//! title = "guild"          # a regular expression, case-insensitive
//! min_attendees = 2        # people besides you
//!
//! [[rule]]
//! name = "team meetings"
//! category = "lead"
//! only_relation = ["report"]          # everyone besides you is one of your reports
//!
//! [[rule]]
//! name = "upwards"
//! category = "align"
//! with_relation = ["manager", "stakeholder"]   # someone there is your manager or a stakeholder
//! ```
//!
//! Every mistake is reported with the file and the line it is on. `docs/rules.md` describes
//! every condition.

use crate::error::{AppError, Result};
use fulcrum_core::people::Directory;
use fulcrum_core::rules::{Rule, RuleError, RuleSet, default_rules};
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    #[serde(default)]
    rule: Vec<toml::Spanned<Rule>>,
}

/// Reads the rules file; a missing file means no user rules.
pub fn load(path: &Path) -> Result<Vec<Rule>> {
    let text = read_text(path)?;
    if text.is_empty() {
        return Ok(Vec::new());
    }
    parse(&text, &path.display().to_string())
}

/// The 1-based line of byte `at` in `text`.
fn line_at(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    text.as_bytes()[..at]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The line where `key = …` is written inside `span`, else the span's first line.
fn line_of_key(text: &str, span: std::ops::Range<usize>, key: Option<&str>) -> usize {
    let start = span.start.min(text.len());
    let end = span.end.clamp(start, text.len());
    if let Some(key) = key
        && let Some(body) = text.get(start..end)
    {
        let mut offset = start;
        for line in body.split_inclusive('\n') {
            let t = line.trim_start();
            if t.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
            {
                return line_at(text, offset);
            }
            offset += line.len();
        }
    }
    line_at(text, start)
}

/// `rules.toml:7: message`: the file and the line a mistake is on.
fn at_line(shown: &str, line: usize, message: impl std::fmt::Display) -> AppError {
    AppError::Rules {
        path: format!("{shown}:{line}"),
        message: message.to_string(),
    }
}

/// The key a rule's mistake is written at.
fn key_of(e: &RuleError) -> Option<&'static str> {
    match e {
        RuleError::BadPattern { .. } | RuleError::MatchesEverything { .. } => Some("title"),
        RuleError::AttendeeRange { .. } => Some("min_attendees"),
        RuleError::NoCondition(_) => None,
    }
}

/// Reads rules from `text`, shown as `shown` in messages. Syntax mistakes, unknown keys,
/// categories and relations, patterns that do not compile or match everything, rules without
/// a condition and names used twice are refused, naming the file and the line.
pub fn parse(text: &str, shown: &str) -> Result<Vec<Rule>> {
    let file: RulesFile = toml::from_str(text).map_err(|e| {
        let message = e.message().trim_end().to_string();
        match e.span() {
            Some(span) => at_line(shown, line_at(text, span.start), message),
            None => AppError::Rules {
                path: shown.to_string(),
                message,
            },
        }
    })?;
    let mut names: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, r) in file.rule.iter().enumerate() {
        // A `[[rule]]` table's span is its header: its keys run to the next rule's header.
        let end = file
            .rule
            .get(i + 1)
            .map_or(text.len(), |next| next.span().start)
            .max(r.span().end);
        let span = r.span().start..end;
        // Check each rule on its own here so a mistake is reported at its line.
        RuleSet::check(r.get_ref())
            .map_err(|e| at_line(shown, line_of_key(text, span.clone(), key_of(&e)), &e))?;
        let line = line_of_key(text, span.clone(), Some("name"));
        if let Some(first) = names.insert(r.get_ref().name.as_str(), line) {
            return Err(at_line(
                shown,
                line,
                format!(
                    "the name '{}' is already used by the rule on line {first}: give each rule its own name",
                    r.get_ref().name
                ),
            ));
        }
    }
    Ok(file
        .rule
        .into_iter()
        .map(toml::Spanned::into_inner)
        .collect())
}

#[derive(serde::Serialize)]
struct RulesFileOut<'a> {
    rule: &'a [Rule],
}

/// Writes the user's rules, replacing the file in one step (a crash never leaves half a file).
pub fn save(path: &Path, rules: &[Rule]) -> Result<()> {
    // Refuse to write what could not be read back.
    RuleSet::new(rules.to_vec()).map_err(|e| AppError::Rules {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    let body =
        toml::to_string_pretty(&RulesFileOut { rule: rules }).map_err(|e| AppError::Rules {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
    let text = format!("{HEADER}\n{body}");
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| AppError::io(dir, e))?;
    }
    let tmp = path.with_extension("toml.tmp");
    std::fs::write(&tmp, text).map_err(|e| AppError::io(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| AppError::io(path, e))
}

const HEADER: &str = "# Fulcrum's categorisation rules, tried in order before the defaults.\n\
# Each rule: name, category (build, lead, align, operate, think, grow, personal, other) and at\n\
# least one condition: title (a regular expression), min_attendees / max_attendees (people\n\
# besides you), attendee_domain, organizer, calendar, one_on_one (true or false),\n\
# with_relation / only_relation (lists of report, manager, peer, stakeholder, mentor: someone\n\
# there has one of them / everyone there has one of them, from your people records).";

/// Adds a rule at the end, or at `position` (0 = tried first). Names must be unique.
pub fn add(path: &Path, rule: Rule, position: Option<usize>) -> Result<Vec<Rule>> {
    let mut rules = load(path)?;
    if rules.iter().any(|r| r.name == rule.name) {
        return Err(AppError::conflict(
            "rule",
            format!(
                "a rule named '{}' exists already; choose another name",
                rule.name
            ),
        ));
    }
    let at = position.unwrap_or(rules.len()).min(rules.len());
    rules.insert(at, rule);
    save(path, &rules)?;
    Ok(rules)
}

fn position(rules: &[Rule], name: &str) -> Result<usize> {
    rules
        .iter()
        .position(|r| r.name == name)
        .ok_or_else(|| AppError::not_found("rule named", format!("'{name}'")))
}

pub fn delete(path: &Path, name: &str) -> Result<Vec<Rule>> {
    let mut rules = load(path)?;
    let i = position(&rules, name)?;
    rules.remove(i);
    save(path, &rules)?;
    Ok(rules)
}

/// Moves a rule one place earlier (`up`) or later in the order rules are tried.
pub fn shift(path: &Path, name: &str, up: bool) -> Result<Vec<Rule>> {
    let mut rules = load(path)?;
    let i = position(&rules, name)?;
    let j = if up {
        i.saturating_sub(1)
    } else {
        (i + 1).min(rules.len() - 1)
    };
    rules.swap(i, j);
    save(path, &rules)?;
    Ok(rules)
}

/// The user's rules and the defaults, in the order they are tried
/// (`fulcrum rules list --format json` and `GET /api/rules`).
#[derive(Debug, Clone, Serialize)]
pub struct RulesListing {
    pub file: String,
    pub user: Vec<Rule>,
    pub defaults: Vec<Rule>,
}

pub fn rules_listing(path: &Path) -> Result<RulesListing> {
    Ok(RulesListing {
        file: path.display().to_string(),
        user: load(path)?,
        defaults: default_rules(),
    })
}

/// Reads the rules file's text; a missing file is an empty one.
fn read_text(path: &Path) -> Result<String> {
    match std::fs::read_to_string(path) {
        Ok(t) => Ok(t),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
        Err(e) => Err(AppError::io(path, e)),
    }
}

/// Compiles the user's rules in `text` (read from `path`) followed by the defaults.
fn compile(path: &Path, text: &str) -> Result<RuleSet> {
    let shown = path.display().to_string();
    let user = if text.is_empty() {
        Vec::new()
    } else {
        parse(text, &shown)?
    };
    RuleSet::new(user).map_err(|e| AppError::Rules {
        path: shown,
        message: e.to_string(),
    })
}

/// Where a use case gets the compiled rules from: a rules file's path (compiled on every call)
/// or a [`RuleBook`] (compiled once per version of the file).
pub trait RuleSource: Sync {
    /// The user's rules followed by the defaults, as the file says now.
    fn rule_set(&self) -> Result<RuleSet>;
}

impl RuleSource for Path {
    fn rule_set(&self) -> Result<RuleSet> {
        compile(self, &read_text(self)?)
    }
}

impl RuleSource for std::path::PathBuf {
    fn rule_set(&self) -> Result<RuleSet> {
        self.as_path().rule_set()
    }
}

/// The rules file and what was last compiled from it. Compiling the defaults' patterns costs
/// milliseconds, more than the rest of a report, so a book keeps the compiled set and reuses
/// it while the file's fingerprint (a hash of its text, read on every call so an edit shows up
/// on the next report) is unchanged. Whoever runs reports holds one: the web's state, the CLI
/// for its one command.
///
/// A book stands for its file: it dereferences to the file's path.
#[derive(Debug)]
pub struct RuleBook {
    path: std::path::PathBuf,
    compiled: std::sync::Mutex<Option<(u64, RuleSet)>>,
}

impl RuleBook {
    pub fn new(path: impl Into<std::path::PathBuf>) -> Self {
        RuleBook {
            path: path.into(),
            compiled: std::sync::Mutex::new(None),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

fn fingerprint(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

impl RuleSource for RuleBook {
    fn rule_set(&self) -> Result<RuleSet> {
        let text = read_text(&self.path)?;
        let print = fingerprint(&text);
        if let Ok(last) = self.compiled.lock()
            && let Some((p, set)) = last.as_ref()
            && *p == print
        {
            return Ok(set.clone());
        }
        let set = compile(&self.path, &text)?;
        if let Ok(mut last) = self.compiled.lock() {
            *last = Some((print, set.clone()));
        }
        Ok(set)
    }
}

impl Clone for RuleBook {
    fn clone(&self) -> Self {
        RuleBook {
            path: self.path.clone(),
            compiled: std::sync::Mutex::new(self.compiled.lock().ok().and_then(|c| c.clone())),
        }
    }
}

impl std::ops::Deref for RuleBook {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.path
    }
}

impl AsRef<Path> for RuleBook {
    fn as_ref(&self) -> &Path {
        &self.path
    }
}

/// The user's rules followed by the defaults.
pub fn rule_set(rules: &(impl RuleSource + ?Sized)) -> Result<RuleSet> {
    rules.rule_set()
}

/// Which rule wins for a title and why (`fulcrum rules explain --format json`).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Explanation {
    pub title: String,
    pub attendees: u32,
    /// The addresses given as present, when some were.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub with: Vec<String>,
    /// The person from the people records it is a 1:1 with, when it is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub one_on_one_with: Option<String>,
    pub category: fulcrum_core::Category,
    pub rule: String,
    pub origin: &'static str,
    pub reason: String,
    pub checked: Vec<fulcrum_core::rules::RuleCheck>,
}

pub fn explain(
    rules: &(impl RuleSource + ?Sized),
    title: &str,
    attendees: u32,
) -> Result<Explanation> {
    explain_with(rules, title, attendees, &[], &Directory::default())
}

/// `explain_with` against the people records and the user's addresses in `store`.
pub async fn explain_for(
    store: &dyn fulcrum_store::Store,
    rules: &(impl RuleSource + ?Sized),
    title: &str,
    attendees: u32,
    with: &[String],
) -> Result<Explanation> {
    let people = store.people().await?;
    let emails = crate::profile::require(store).await?.emails;
    explain_with(
        rules,
        title,
        attendees,
        with,
        &Directory::new(&people, &emails),
    )
}

/// `explain` for a meeting with these people present (addresses, besides the user), read
/// against the people records as reports read it: a 1:1 with someone there is one here too.
/// `attendees` is raised to the number of addresses given.
pub fn explain_with(
    rules: &(impl RuleSource + ?Sized),
    title: &str,
    attendees: u32,
    with: &[String],
    people: &Directory<'_>,
) -> Result<Explanation> {
    let set = rules.rule_set()?;
    let with: Vec<String> = with.iter().map(|e| e.trim().to_lowercase()).collect();
    let one_on_one = people.one_on_one_with(title, &with);
    let others = attendees
        .max(with.len() as u32)
        .max(u32::from(one_on_one.is_some()));
    let facts = fulcrum_core::EventFacts {
        title,
        others,
        attendee_emails: &with,
        relations: people.relations(&with, one_on_one),
        one_on_one: one_on_one.map(|p| p.relation),
        ..Default::default()
    };
    let winner = set.categorise(&facts);
    let checked = set.explain(&facts);
    Ok(Explanation {
        title: title.to_string(),
        attendees: others,
        one_on_one_with: one_on_one.map(|p| p.name.clone()),
        with: with.clone(),
        category: winner.category,
        rule: winner.rule,
        origin: winner.origin,
        reason: winner.reason,
        checked,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use fulcrum_core::Category;

    #[test]
    fn reads_rules_and_names_the_file_on_errors() {
        let rules = parse(
            "[[rule]]\nname = \"guild\"\ncategory = \"build\"\ntitle = \"guild\"\n",
            "rules.toml",
        )
        .unwrap();
        assert_eq!(rules[0].category, Category::Build);
        let err = parse(
            "[[rule]]\nname = \"x\"\ncategory = \"coding\"\ntitle = \"x\"\n",
            "rules.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("rules.toml:") && err.contains("coding"),
            "{err}"
        );
        let err = parse(
            "[[rule]]\nname = \"x\"\ncategory = \"build\"\ntitle = \"(\"\n",
            "r.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("rule 'x'"), "{err}");
        assert!(
            load(Path::new("/nonexistent/rules.toml"))
                .unwrap()
                .is_empty()
        );
    }

    fn named(name: &str) -> Rule {
        Rule {
            title: Some(name.into()),
            ..Rule::new(name, Category::Grow)
        }
    }

    #[test]
    fn rules_can_be_added_reordered_and_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("conf").join("rules.toml");
        add(&path, named("a"), None).unwrap();
        add(&path, named("b"), None).unwrap();
        add(&path, named("c"), Some(0)).unwrap();
        let names = |rs: Vec<Rule>| rs.into_iter().map(|r| r.name).collect::<Vec<_>>();
        assert_eq!(names(load(&path).unwrap()), ["c", "a", "b"]);
        assert_eq!(names(shift(&path, "b", true).unwrap()), ["c", "b", "a"]);
        assert_eq!(names(shift(&path, "c", true).unwrap()), ["c", "b", "a"]);
        assert_eq!(names(delete(&path, "b").unwrap()), ["c", "a"]);
        assert!(add(&path, named("a"), None).is_err(), "names are unique");
        assert!(delete(&path, "zzz").is_err());
        let mut bad = named("bad");
        bad.title = Some("(".into());
        assert!(add(&path, bad, None).is_err());
        assert_eq!(
            names(load(&path).unwrap()),
            ["c", "a"],
            "a refused rule leaves the file alone"
        );
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .starts_with("# Fulcrum")
        );
    }

    #[test]
    fn attendee_conditions_read_and_mistakes_name_their_line() {
        let text = "\
# mine
[[rule]]
name = \"team\"
category = \"lead\"
only_relation = [\"report\"]

[[rule]]
name = \"upwards\"
category = \"align\"
with_relation = [\"manager\", \"stakeholder\"]
one_on_one = false
";
        let rules = parse(text, "rules.toml").unwrap();
        use fulcrum_core::people::Relation;
        assert_eq!(rules[0].only_relation, [Relation::Report]);
        assert_eq!(
            rules[1].with_relation,
            [Relation::Manager, Relation::Stakeholder]
        );
        assert_eq!(rules[1].one_on_one, Some(false));
        let saved = toml::to_string_pretty(&RulesFileOut { rule: &rules }).unwrap();
        assert_eq!(parse(&saved, "again").unwrap(), rules, "{saved}");

        let err = |t: &str| parse(t, "rules.toml").unwrap_err().to_string();
        let e = err(&text.replace("\"stakeholder\"", "\"boss\""));
        assert!(
            e.starts_with("rules.toml:10: ") && e.contains("boss") && e.contains("manager"),
            "{e}"
        );
        let e = err(&text.replace("one_on_one = false", "one_on_one = \"yes\""));
        assert!(e.starts_with("rules.toml:11: "), "{e}");
        let e = err(&text.replace("only_relation", "only_relations"));
        assert!(
            e.starts_with("rules.toml:5: ") && e.contains("only_relations"),
            "{e}"
        );
        // Mistakes found once the rule is read are at the line of their key, or the rule.
        let e = err(&text.replace(
            "with_relation = [\"manager\", \"stakeholder\"]",
            "title = \"(\"",
        ));
        assert!(e.starts_with("rules.toml:10: rule 'upwards'"), "{e}");
        let e = err(&text.replace("only_relation = [\"report\"]", "with_relation = []"));
        assert!(
            e.starts_with("rules.toml:2: rule 'team' has no condition"),
            "{e}"
        );
        let e = err(&text.replace("\"upwards\"", "\"team\""));
        assert_eq!(
            e,
            "rules.toml:8: the name 'team' is already used by the rule on line 3: give each rule its own name"
        );
    }
}

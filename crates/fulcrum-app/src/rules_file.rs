//! The user's own rules, kept in a TOML file they can edit:
//!
//! ```toml
//! [[rule]]
//! name = "Architecture guild"
//! category = "build"
//! title = "guild"          # a regular expression, case-insensitive
//! min_attendees = 2        # people besides you
//! ```

use crate::error::{AppError, Result};
use fulcrum_core::rules::{Rule, RuleSet};
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    #[serde(default)]
    rule: Vec<Rule>,
}

/// Reads the rules file; a missing file means no user rules.
pub fn load(path: &Path) -> Result<Vec<Rule>> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(AppError::io(path, e)),
    };
    parse(&text, &path.display().to_string())
}

pub fn parse(text: &str, shown: &str) -> Result<Vec<Rule>> {
    let file: RulesFile = toml::from_str(text).map_err(|e| AppError::Rules {
        path: shown.to_string(),
        message: e.to_string().trim_end().to_string(),
    })?;
    // Compile once here so a bad pattern is reported with the file's name.
    RuleSet::new(file.rule.clone()).map_err(|e| AppError::Rules {
        path: shown.to_string(),
        message: e.to_string(),
    })?;
    Ok(file.rule)
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
# besides you), attendee_domain, organizer, calendar.";

/// Adds a rule at the end, or at `position` (0 = tried first). Names must be unique.
pub fn add(path: &Path, rule: Rule, position: Option<usize>) -> Result<Vec<Rule>> {
    let mut rules = load(path)?;
    if rules.iter().any(|r| r.name == rule.name) {
        return Err(AppError::Invalid(format!(
            "a rule named '{}' exists already; choose another name",
            rule.name
        )));
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
        .ok_or_else(|| AppError::Invalid(format!("there is no rule named '{name}'")))
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

/// The user's rules followed by the defaults.
pub fn rule_set(path: &Path) -> Result<RuleSet> {
    crate::web_support::compiled_rules(path)
}

/// Which rule wins for a title and why (`fulcrum rules explain --format json`).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Explanation {
    pub title: String,
    pub attendees: u32,
    pub category: fulcrum_core::Category,
    pub rule: String,
    pub origin: &'static str,
    pub reason: String,
    pub checked: Vec<fulcrum_core::rules::RuleCheck>,
}

pub fn explain(path: &Path, title: &str, attendees: u32) -> Result<Explanation> {
    let set = rule_set(path)?;
    let facts = fulcrum_core::EventFacts {
        title,
        others: attendees,
        ..Default::default()
    };
    let winner = set.categorise(&facts);
    Ok(Explanation {
        title: title.to_string(),
        attendees,
        category: winner.category,
        rule: winner.rule,
        origin: winner.origin,
        reason: winner.reason,
        checked: set.explain(&facts),
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
            name: name.into(),
            category: Category::Grow,
            title: Some(name.into()),
            min_attendees: None,
            max_attendees: None,
            attendee_domain: None,
            organizer: None,
            calendar: None,
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
}

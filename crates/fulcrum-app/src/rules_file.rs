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

/// The user's rules followed by the defaults.
pub fn rule_set(path: &Path) -> Result<RuleSet> {
    let user = load(path)?;
    RuleSet::new(user).map_err(|e| AppError::Rules {
        path: path.display().to_string(),
        message: e.to_string(),
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

//! Use cases the web interface shares with the CLI: the clock both honour, the rules listing
//! they both print, and saving a whole settings form at once.

use crate::error::{AppError, Result};
use crate::{profile, rules_file};
use fulcrum_core::Profile;
use fulcrum_core::rules::{Rule, default_rules};
use fulcrum_store::Store;
use jiff::Timestamp;
use serde::Serialize;
use std::path::Path;

/// Where "now" comes from: the system clock, or a fixed instant (`FULCRUM_NOW`, a demo built
/// for a given day) so that tests and benchmarks see the same weeks every run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    System,
    Fixed(Timestamp),
}

impl Clock {
    /// `FULCRUM_NOW` (an RFC 3339 instant) when it is set, else the system clock.
    pub fn from_env() -> Result<Clock> {
        match std::env::var("FULCRUM_NOW") {
            Ok(v) if !v.trim().is_empty() => v.trim().parse().map(Clock::Fixed).map_err(|_| {
                AppError::Invalid(format!(
                    "FULCRUM_NOW={v:?} is not an instant: write it like 2026-11-25T17:00:00Z"
                ))
            }),
            _ => Ok(Clock::System),
        }
    }

    pub fn now(&self) -> Timestamp {
        match self {
            Clock::System => Timestamp::now(),
            Clock::Fixed(t) => *t,
        }
    }
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
        user: rules_file::load(path)?,
        defaults: default_rules(),
    })
}

/// Applies several settings (keys as in `fulcrum settings set`, plus `emails`, a list separated
/// by commas, spaces or new lines) and saves the profile once: if any value is refused,
/// nothing is saved and the error names that setting.
pub async fn apply_settings(store: &dyn Store, changes: &[(String, String)]) -> Result<Profile> {
    let mut p = profile::require(store).await?;
    for (key, value) in changes {
        if key == "emails" {
            let emails: Vec<String> = value
                .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            if emails.is_empty() {
                return Err(AppError::Invalid(
                    "emails: give at least one address that is you in calendars and commits".into(),
                ));
            }
            p.emails = fulcrum_core::profile::normalize_emails(emails)?;
        } else {
            profile::apply(&mut p, key, value)?;
        }
    }
    store.save_profile(&p).await?;
    Ok(p)
}

/// The user's rules and the defaults, compiled: what `rules_file::rule_set` returns. Compiling
/// the defaults' patterns costs milliseconds, more than the rest of a report, so the last
/// compiled set is kept and reused while the file's text is unchanged (the text is read every
/// time, so an edit shows up on the next report, as before).
pub fn compiled_rules(path: &Path) -> Result<fulcrum_core::RuleSet> {
    type Cached = Option<(std::path::PathBuf, String, fulcrum_core::RuleSet)>;
    static LAST: std::sync::Mutex<Cached> = std::sync::Mutex::new(None);
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(AppError::io(path, e)),
    };
    if let Ok(last) = LAST.lock()
        && let Some((p, t, set)) = last.as_ref()
        && p == path
        && *t == text
    {
        return Ok(set.clone());
    }
    let shown = path.display().to_string();
    let user = if text.is_empty() {
        Vec::new()
    } else {
        rules_file::parse(&text, &shown)?
    };
    let set = fulcrum_core::RuleSet::new(user).map_err(|e| AppError::Rules {
        path: shown,
        message: e.to_string(),
    })?;
    if let Ok(mut last) = LAST.lock() {
        *last = Some((path.to_path_buf(), text, set.clone()));
    }
    Ok(set)
}

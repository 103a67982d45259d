//! `fulcrum init` and reading the profile.

use crate::error::{AppError, Result};
use fulcrum_core::{Profile, RolePreset};
use fulcrum_store::Store;
use serde::Serialize;

pub struct InitRequest {
    pub emails: Vec<String>,
    pub timezone: String,
    pub role: RolePreset,
    /// `(weekday, "09:00-17:00" | "off")` pairs applied over the defaults.
    pub hours: Vec<(String, String)>,
}

/// What re-running `init` does with e-mails the profile has and the new run does not name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OtherEmails {
    /// Keep them: the profile gets the union (the default, so a shorter command line never
    /// silently stops counting an address).
    Keep,
    /// Drop them: the profile gets exactly the addresses given (`--replace-emails`).
    Drop,
}

/// How the profile's e-mails changed, so the caller can say so: which addresses are new,
/// which were dropped, and which the command did not name but were kept.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct EmailChange {
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub kept: Vec<String>,
}

impl EmailChange {
    fn between(old: &[String], new: &[String]) -> EmailChange {
        EmailChange {
            added: new.iter().filter(|e| !old.contains(e)).cloned().collect(),
            removed: old.iter().filter(|e| !new.contains(e)).cloned().collect(),
            kept: Vec::new(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.kept.is_empty()
    }

    /// The change in sentences, one per line; empty when nothing changed.
    pub fn describe(&self) -> String {
        let mut lines = Vec::new();
        if !self.added.is_empty() {
            lines.push(format!(
                "Added {}: the next `fulcrum refresh` (or `fulcrum import git`) reads your \
                 repositories again and counts the commits of every address you have now.",
                self.added.join(", ")
            ));
        }
        if !self.removed.is_empty() {
            lines.push(format!(
                "Dropped {}: they are no longer you; the next `fulcrum refresh` stops counting \
                 their commits.",
                self.removed.join(", ")
            ));
        }
        if !self.kept.is_empty() {
            lines.push(format!(
                "Kept {}, which you gave before and not this time: pass --replace-emails to keep \
                 only the addresses given now.",
                self.kept.join(", ")
            ));
        }
        lines.join("\n")
    }
}

/// Creates or updates the profile. Re-running `init` keeps targets the user changed unless the
/// role changes, and keeps e-mails it does not name (see `init_with` to drop them).
pub async fn init(store: &dyn Store, req: InitRequest) -> Result<Profile> {
    Ok(init_with(store, req, OtherEmails::Keep).await?.0)
}

/// `init`, choosing what happens to e-mails of the profile that `req` does not name, and
/// saying how the e-mails changed.
pub async fn init_with(
    store: &dyn Store,
    req: InitRequest,
    others: OtherEmails,
) -> Result<(Profile, EmailChange)> {
    let mut profile = Profile::new(req.emails, &req.timezone, req.role)?;
    let mut change = EmailChange::default();
    if let Some(old) = store.profile().await? {
        let given = profile.emails.clone();
        if others == OtherEmails::Keep {
            let mut all = old.emails.clone();
            all.extend(given.iter().filter(|e| !old.emails.contains(e)).cloned());
            profile.emails = all;
        }
        change = EmailChange::between(&old.emails, &profile.emails);
        change.kept = old
            .emails
            .iter()
            .filter(|e| !given.contains(e) && profile.emails.contains(e))
            .cloned()
            .collect();
        if old.role == req.role {
            profile.targets = old.targets;
        }
        profile.focus_block_minutes = old.focus_block_minutes;
        profile.session_gap_minutes = old.session_gap_minutes;
        profile.session_lead_minutes = old.session_lead_minutes;
        profile.count_tentative = old.count_tentative;
        profile.shares_of = old.shares_of;
        profile.away_words = old.away_words;
        profile.conference_words = old.conference_words;
        if req.hours.is_empty() {
            profile.working_hours = old.working_hours;
        }
    }
    for (day, span) in &req.hours {
        profile.working_hours.set(day, span)?;
    }
    store.save_profile(&profile).await?;
    Ok((profile, change))
}

/// Adds an address that is you (`fulcrum settings add-email`).
pub async fn add_email(store: &dyn Store, email: &str) -> Result<(Profile, EmailChange)> {
    let mut p = require(store).await?;
    let old = p.emails.clone();
    let mut all = old.clone();
    all.push(email.to_string());
    p.emails = fulcrum_core::profile::normalize_emails(all)?;
    store.save_profile(&p).await?;
    let change = EmailChange::between(&old, &p.emails);
    Ok((p, change))
}

/// Removes an address (`fulcrum settings remove-email`); the last one cannot go.
pub async fn remove_email(store: &dyn Store, email: &str) -> Result<(Profile, EmailChange)> {
    let mut p = require(store).await?;
    let old = p.emails.clone();
    let wanted = email.trim().to_ascii_lowercase();
    if !old.contains(&wanted) {
        return Err(AppError::invalid(
            "email",
            format!("{email} is not one of your addresses ({})", old.join(", ")),
        ));
    }
    let rest: Vec<String> = old.iter().filter(|e| **e != wanted).cloned().collect();
    if rest.is_empty() {
        return Err(AppError::conflict(
            "only address",
            format!("{email} is your only address: add another first"),
        ));
    }
    p.emails = rest;
    store.save_profile(&p).await?;
    let change = EmailChange::between(&old, &p.emails);
    Ok((p, change))
}

pub async fn require(store: &dyn Store) -> Result<Profile> {
    store.profile().await?.ok_or(AppError::NotInitialised)
}

/// Today in the user's zone, as of `now`.
pub async fn today(store: &dyn Store, now: jiff::Timestamp) -> Result<jiff::civil::Date> {
    Ok(fulcrum_core::time::local_date(
        now,
        &require(store).await?.tz(),
    ))
}

/// Changes one setting of the profile, named as in `fulcrum settings set KEY VALUE`:
/// `timezone`, `role`, `hours.<day>`, `target.<category>` (`30-60`, in %), `tentative`
/// (`true`/`false`), `focus-minutes`, `session-gap-minutes`, `session-lead-minutes`,
/// `fragment-minutes`.
pub async fn set(store: &dyn Store, key: &str, value: &str) -> Result<Profile> {
    let mut p = require(store).await?;
    apply(&mut p, key, value)?;
    store.save_profile(&p).await?;
    Ok(p)
}

pub const SETTING_KEYS: &str = "timezone, role, hours.<mon..sun>, target.<category>, tentative, \
     focus-minutes, session-gap-minutes, session-lead-minutes, fragment-minutes, shares-of, \
     away-words, conference-words, insights.<key> (`fulcrum insights rules` lists them)";

/// A comma-separated list of title words, lower-cased; "none" empties it.
fn word_list(value: &str) -> Vec<String> {
    if value.trim().eq_ignore_ascii_case("none") {
        return Vec::new();
    }
    value
        .split(',')
        .map(|w| w.trim().to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Applies several settings (keys as in `fulcrum settings set`, plus `emails`, a list separated
/// by commas, spaces or new lines) and saves the profile once: if any value is refused,
/// nothing is saved and the error names that setting.
pub async fn apply_settings(store: &dyn Store, changes: &[(String, String)]) -> Result<Profile> {
    let mut p = require(store).await?;
    for (key, value) in changes {
        if key == "emails" {
            let emails: Vec<String> = value
                .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            if emails.is_empty() {
                return Err(AppError::invalid(
                    "emails",
                    "emails: give at least one address that is you in calendars and commits",
                ));
            }
            p.emails = fulcrum_core::profile::normalize_emails(emails)?;
        } else {
            apply(&mut p, key, value)?;
        }
    }
    store.save_profile(&p).await?;
    Ok(p)
}

pub fn apply(p: &mut Profile, key: &str, value: &str) -> Result<()> {
    let bad = |what: &str| AppError::invalid(key.to_string(), format!("{key} = {value:?}: {what}"));
    let minutes = |v: &str| -> Result<i64> {
        v.trim()
            .parse::<i64>()
            .ok()
            .filter(|m| (1..=24 * 60).contains(m))
            .ok_or_else(|| bad("expected a number of minutes between 1 and 1440"))
    };
    match key {
        "timezone" => {
            fulcrum_core::time::parse_zone(value)?;
            p.timezone = value.trim().to_string();
        }
        "role" => {
            let role: RolePreset = value
                .parse()
                .map_err(|e: fulcrum_core::profile::UnknownRole| bad(&e.to_string()))?;
            p.role = role;
            p.targets = role.targets();
        }
        "tentative" => {
            p.count_tentative = match value.trim() {
                "true" | "yes" | "on" => true,
                "false" | "no" | "off" => false,
                _ => return Err(bad("expected true or false")),
            }
        }
        "focus-minutes" => p.focus_block_minutes = minutes(value)?,
        "session-gap-minutes" => p.session_gap_minutes = minutes(value)?,
        "session-lead-minutes" => p.session_lead_minutes = minutes(value)?,
        "fragment-minutes" => p.fragment_gap_minutes = minutes(value)?,
        "shares-of" => {
            p.shares_of = match value.trim() {
                "tracked" => fulcrum_core::profile::SharesOf::Tracked,
                "working" => fulcrum_core::profile::SharesOf::Working,
                _ => return Err(bad("expected tracked or working")),
            }
        }
        "away-words" => p.away_words = word_list(value),
        "conference-words" => p.conference_words = word_list(value),
        _ => {
            if let Some(k) = key.strip_prefix("insights.") {
                p.insights
                    .set(k, value)
                    .map_err(|why| AppError::invalid(key.to_string(), format!("{key}: {why}")))?;
            } else if let Some(day) = key.strip_prefix("hours.") {
                p.working_hours.set(day, value)?;
            } else if let Some(cat) = key.strip_prefix("target.") {
                let category: fulcrum_core::Category = cat
                    .parse()
                    .map_err(|e: fulcrum_core::category::UnknownCategory| bad(&e.to_string()))?;
                let (a, b) = value
                    .split_once('-')
                    .and_then(|(a, b)| {
                        Some((
                            a.trim().trim_end_matches('%').parse::<f64>().ok()?,
                            b.trim().trim_end_matches('%').parse::<f64>().ok()?,
                        ))
                    })
                    .ok_or_else(|| bad("expected a range in percent such as 30-60"))?;
                p.set_target(category, a, b)?;
            } else {
                return Err(AppError::invalid(
                    key.to_string(),
                    format!("unknown setting '{key}': known settings are {SETTING_KEYS}"),
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile() -> Profile {
        Profile::new(vec!["me@example.com".into()], "UTC", RolePreset::TechLead).unwrap()
    }

    #[test]
    fn settings_change_the_profile_or_say_what_is_wrong() {
        let mut p = profile();
        apply(&mut p, "target.build", "40-70").unwrap();
        assert_eq!(
            p.target(fulcrum_core::Category::Build).unwrap().min_percent,
            40.0
        );
        apply(&mut p, "hours.fri", "09:00-13:00").unwrap();
        assert_eq!(p.working_hours.days[4], "09:00-13:00");
        apply(&mut p, "tentative", "false").unwrap();
        assert!(!p.count_tentative);
        apply(&mut p, "role", "engineering-manager").unwrap();
        assert_eq!(
            p.target(fulcrum_core::Category::Lead).unwrap().min_percent,
            30.0
        );
        for (k, v) in [
            ("target.build", "70-40"),
            ("target.coding", "1-2"),
            ("focus-minutes", "0"),
            ("timezone", "Nowhere/Land"),
            ("colour", "blue"),
        ] {
            let e = apply(&mut p, k, v).unwrap_err().to_string();
            assert!(!e.is_empty(), "{k}");
        }
        assert!(
            apply(&mut p, "colour", "blue")
                .unwrap_err()
                .to_string()
                .contains("known settings")
        );
    }

    #[test]
    fn the_share_basis_and_the_words_for_days_away_are_settings() {
        let mut p = profile();
        apply(&mut p, "shares-of", "working").unwrap();
        assert_eq!(p.shares_of, fulcrum_core::profile::SharesOf::Working);
        assert!(apply(&mut p, "shares-of", "all").is_err());
        apply(&mut p, "away-words", "Urlaub, Betriebsferien ,").unwrap();
        assert_eq!(p.away_words, ["urlaub", "betriebsferien"]);
        apply(&mut p, "conference-words", "none").unwrap();
        assert!(p.conference_words.is_empty());
    }
}

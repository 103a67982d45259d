//! `fulcrum init` and reading the profile.

use crate::error::{AppError, Result};
use fulcrum_core::{Profile, RolePreset};
use fulcrum_store::Store;

pub struct InitRequest {
    pub emails: Vec<String>,
    pub timezone: String,
    pub role: RolePreset,
    /// `(weekday, "09:00-17:00" | "off")` pairs applied over the defaults.
    pub hours: Vec<(String, String)>,
}

/// Creates or updates the profile. Re-running `init` keeps targets the user changed unless the
/// role changes.
pub async fn init(store: &dyn Store, req: InitRequest) -> Result<Profile> {
    let mut profile = Profile::new(req.emails, &req.timezone, req.role)?;
    if let Some(old) = store.profile().await? {
        if old.role == req.role {
            profile.targets = old.targets;
        }
        profile.focus_block_minutes = old.focus_block_minutes;
        profile.session_gap_minutes = old.session_gap_minutes;
        profile.session_lead_minutes = old.session_lead_minutes;
        profile.count_tentative = old.count_tentative;
        if req.hours.is_empty() {
            profile.working_hours = old.working_hours;
        }
    }
    for (day, span) in &req.hours {
        profile.working_hours.set(day, span)?;
    }
    store.save_profile(&profile).await?;
    Ok(profile)
}

pub async fn require(store: &dyn Store) -> Result<Profile> {
    store.profile().await?.ok_or(AppError::NotInitialised)
}

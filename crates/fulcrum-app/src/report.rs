//! The balance report of a date range: one function that loads from the store and hands plain
//! data to `fulcrum_core::report`.

use crate::activities;
use crate::error::{AppError, Result};
use crate::profile;
use crate::rules_file;
use fulcrum_core::report::{self as core_report, Report, ReportInput};
use fulcrum_core::time;
use fulcrum_store::Store;
use jiff::Timestamp;
use jiff::civil::Date;
use std::path::Path;

/// Which days a report covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Period {
    /// The ISO week containing today, in the user's zone.
    CurrentWeek,
    /// The ISO week starting on this Monday.
    Week(Date),
    /// `[from, to)`.
    Dates { from: Date, to: Date },
}

impl Period {
    /// Reads the CLI's and the API's period options.
    pub fn from_options(week: Option<&str>, from: Option<&str>, to: Option<&str>) -> Result<Self> {
        match (week, from, to) {
            (Some(_), Some(_), _) | (Some(_), _, Some(_)) => Err(AppError::Invalid(
                "give either --week or --from/--to, not both".into(),
            )),
            (Some(w), None, None) => Ok(Period::Week(time::parse_iso_week(w)?)),
            (None, Some(f), Some(t)) => {
                let (from, to) = (time::parse_date(f)?, time::parse_date(t)?);
                if to <= from {
                    return Err(AppError::Invalid(format!(
                        "--to {to} must be after --from {from} (--to is exclusive)"
                    )));
                }
                Ok(Period::Dates { from, to })
            }
            (None, Some(_), None) | (None, None, Some(_)) => Err(AppError::Invalid(
                "--from and --to go together (--to is exclusive)".into(),
            )),
            (None, None, None) => Ok(Period::CurrentWeek),
        }
    }

    /// The local dates `[from, to)` this period covers for a user whose today is `today`.
    pub fn dates(&self, today: Date) -> (Date, Date) {
        match *self {
            Period::CurrentWeek => {
                let monday = time::week_start(today);
                (monday, time::add_days(monday, 7))
            }
            Period::Week(monday) => (monday, time::add_days(monday, 7)),
            Period::Dates { from, to } => (from, to),
        }
    }
}

pub const TREND_WEEKS: usize = 12;

/// Everything a report of `[from, to)` and its trend need, loaded once.
pub struct Context {
    pub profile: fulcrum_core::Profile,
    pub from: Date,
    pub to: Date,
    pub loaded: activities::Loaded,
}

/// Loads the profile, the rules and the activities of `period` plus its trend weeks.
pub async fn load(
    store: &dyn Store,
    rules_path: &Path,
    period: &Period,
    now: Timestamp,
) -> Result<Context> {
    let profile = profile::require(store).await?;
    let rules = rules_file::rule_set(rules_path)?;
    let tz = profile.tz();
    let (from, to) = period.dates(time::local_date(now, &tz));
    let last_week = time::week_start(time::add_days(to, -1));
    let trend_from = time::add_days(last_week, -7 * (TREND_WEEKS as i64 - 1));
    let load_from = time::day_start(from.min(trend_from), &tz);
    let load_to = time::day_start(to.max(time::add_days(last_week, 7)), &tz);
    let loaded = activities::load(store, &profile, &rules, load_from, load_to).await?;
    Ok(Context {
        profile,
        from,
        to,
        loaded,
    })
}

impl Context {
    pub fn report(&self, now: Timestamp) -> Report {
        core_report::build(&ReportInput {
            profile: &self.profile,
            from: self.from,
            to: self.to,
            activities: &self.loaded.activities,
            commits: &self.loaded.commits,
            now,
            trend_weeks: TREND_WEEKS,
        })
    }
}

/// Builds the report of `period` as of `now`.
pub async fn build(
    store: &dyn Store,
    rules_path: &Path,
    period: &Period,
    now: Timestamp,
) -> Result<Report> {
    Ok(load(store, rules_path, period, now).await?.report(now))
}

//! The balance report of a date range: one function that loads from the store and hands plain
//! data to `fulcrum_core::report`.

use crate::activities;
use crate::error::{AppError, Result};
use crate::manual;
use crate::profile;
use crate::rules_file::RuleSource;
use fulcrum_core::away::{self, DayMark};
use fulcrum_core::report::{self as core_report, Report, ReportInput};
use fulcrum_core::time;
use fulcrum_store::Store;
use jiff::Timestamp;
use jiff::civil::Date;
use std::collections::BTreeMap;

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

/// What the period's options are called where they were given, so an error names the option
/// the user typed: the CLI's flags or the API's query parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptionNames {
    pub week: &'static str,
    pub from: &'static str,
    pub to: &'static str,
}

impl OptionNames {
    pub const CLI: OptionNames = OptionNames {
        week: "--week",
        from: "--from",
        to: "--to",
    };
    pub const API: OptionNames = OptionNames {
        week: "week",
        from: "from",
        to: "to",
    };
}

/// Reads `[from, to)` from two dates; `max_days` bounds its length where the cost of the answer
/// grows with the days it covers.
pub fn date_range(
    names: OptionNames,
    from: &str,
    to: &str,
    max_days: Option<i64>,
) -> Result<(Date, Date)> {
    let named = |name: &str, e: time::TimeError| {
        AppError::invalid(name.to_string(), format!("{name}: {e}"))
    };
    let from_date = time::parse_date(from).map_err(|e| named(names.from, e))?;
    let to_date = time::parse_date(to).map_err(|e| named(names.to, e))?;
    if to_date <= from_date {
        return Err(AppError::invalid(
            names.to,
            format!(
                "{} {to_date} must be after {} {from_date} ({} is exclusive)",
                names.to, names.from, names.to
            ),
        ));
    }
    let days = time::days_between(from_date, to_date);
    if let Some(max) = max_days.filter(|&m| days > m) {
        return Err(AppError::invalid(
            names.from,
            format!(
                "{from_date} to {to_date} is {days} days; a report covers at most {max} days \
             (ten years): narrow {} and {}",
                names.from, names.to
            ),
        ));
    }
    Ok((from_date, to_date))
}

impl Period {
    /// Reads the CLI's period options.
    pub fn from_options(week: Option<&str>, from: Option<&str>, to: Option<&str>) -> Result<Self> {
        Period::parse(OptionNames::CLI, week, from, to)
    }

    /// Reads a period from options called `names`; a range is at most
    /// [`time::MAX_RANGE_DAYS`] long.
    pub fn parse(
        names: OptionNames,
        week: Option<&str>,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Self> {
        match (week, from, to) {
            (Some(_), Some(_), _) | (Some(_), _, Some(_)) => Err(AppError::invalid(
                names.week,
                format!(
                    "give either {} or {}/{}, not both",
                    names.week, names.from, names.to
                ),
            )),
            (Some(w), None, None) => {
                Ok(Period::Week(time::parse_iso_week(w).map_err(|e| {
                    AppError::invalid(names.week, format!("{}: {e}", names.week))
                })?))
            }
            (None, Some(f), Some(t)) => {
                let (from, to) = date_range(names, f, t, Some(time::MAX_RANGE_DAYS))?;
                Ok(Period::Dates { from, to })
            }
            (None, Some(_), None) | (None, None, Some(_)) => Err(AppError::invalid(
                names.from,
                format!(
                    "{} and {} go together ({} is exclusive)",
                    names.from, names.to, names.to
                ),
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
    /// Calendar activities, coding sessions, manual time and conference days.
    pub loaded: activities::Loaded,
    /// Days the calendar marks away or at a conference.
    pub day_marks: BTreeMap<Date, DayMark>,
    /// The phase a week's report is marked with; its targets replace the profile's.
    pub phase: Option<fulcrum_core::insights::Phase>,
}

/// Loads the profile, the rules and the activities of `period` plus its trend weeks.
pub async fn load(
    store: &dyn Store,
    rules: &(impl RuleSource + ?Sized),
    period: &Period,
    now: Timestamp,
) -> Result<Context> {
    let mut profile = profile::require(store).await?;
    let rules = rules.rule_set()?;
    let tz = profile.tz();
    let (from, to) = period.dates(time::local_date(now, &tz));
    // A week is judged against its phase's targets; a longer range against the profile's.
    let phase = if time::days_between(from, to) <= 7 {
        fulcrum_core::insights::phase_of(&store.phases().await?, time::week_start(from))
    } else {
        None
    };
    for t in phase.iter().flat_map(|p| &p.targets) {
        profile.set_target(t.category, t.min_percent, t.max_percent)?;
    }
    let last_week = time::week_start(time::add_days(to, -1));
    let trend_from = time::add_days(last_week, -7 * (TREND_WEEKS as i64 - 1));
    let load_from = time::day_start(from.min(trend_from), &tz);
    let load_to = time::day_start(to.max(time::add_days(last_week, 7)), &tz);
    let mut loaded = activities::load(store, &profile, &rules, load_from, load_to).await?;
    let day_marks = away::day_marks(
        &loaded.all_day,
        &profile,
        time::local_date(load_from, &tz),
        time::local_date(load_to, &tz),
    );
    loaded
        .activities
        .extend(away::conference_activities(&day_marks, &profile));
    loaded
        .activities
        .extend(manual::load_activities(store, load_from, load_to, now).await?);
    Ok(Context {
        profile,
        from,
        to,
        loaded,
        day_marks,
        phase,
    })
}

impl Context {
    pub fn report(&self, now: Timestamp) -> Report {
        let mut r = core_report::build(&ReportInput {
            profile: &self.profile,
            from: self.from,
            to: self.to,
            activities: &self.loaded.activities,
            commits: &self.loaded.commits,
            now,
            trend_weeks: TREND_WEEKS,
            day_marks: &self.day_marks,
        });
        r.phase = self.phase.clone();
        r
    }
}

/// Builds the report of `period` as of `now`.
pub async fn build(
    store: &dyn Store,
    rules: &(impl RuleSource + ?Sized),
    period: &Period,
    now: Timestamp,
) -> Result<Report> {
    Ok(load(store, rules, period, now).await?.report(now))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(names: OptionNames, w: Option<&str>, f: Option<&str>, t: Option<&str>) -> String {
        Period::parse(names, w, f, t).unwrap_err().to_string()
    }

    /// Why the CLI refuses `--from f --to t`.
    fn range_refusal(f: &str, t: &str) -> String {
        refusal(OptionNames::CLI, None, Some(f), Some(t))
    }

    #[test]
    fn periods_beyond_the_handled_dates_or_span_are_refused_by_name() {
        let e = range_refusal("0001-01-01", "9999-12-30");
        assert!(e.contains("--from") && e.contains("1900-01-01"), "{e}");
        let e = range_refusal("2026-01-01", "9999-12-31");
        assert!(e.contains("--to") && e.contains("2199-12-31"), "{e}");
        let e = range_refusal("1990-01-01", "2026-01-01");
        assert!(e.contains("at most 3660 days"), "{e}");
        assert_eq!(
            Period::parse(
                OptionNames::CLI,
                None,
                Some("2016-01-01"),
                Some("2026-01-01")
            )
            .unwrap(),
            Period::Dates {
                from: jiff::civil::date(2016, 1, 1),
                to: jiff::civil::date(2026, 1, 1)
            }
        );
    }

    #[test]
    fn the_api_names_its_own_parameters() {
        let e = refusal(OptionNames::API, None, Some("\u{fffd}"), None);
        assert_eq!(e, "from and to go together (to is exclusive)");
        let e = refusal(OptionNames::API, None, Some("%ff"), Some("2026-01-01"));
        assert!(e.starts_with("from: ") && !e.contains("--"), "{e}");
        let e = refusal(OptionNames::API, Some("2026-W01"), Some("2026-01-01"), None);
        assert!(!e.contains("--"), "{e}");
        let e = refusal(OptionNames::API, Some("nope"), None, None);
        assert!(e.starts_with("week: "), "{e}");
    }
}

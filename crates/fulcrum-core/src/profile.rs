//! Who the user is and the balance they chose: e-mails, zone, working hours, targets.

use crate::category::Category;
use crate::time::{self, TimeError};
use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The role a user starts from; each gives a sensible set of targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RolePreset {
    TechLead,
    StaffEngineer,
    EngineeringManager,
    Director,
}

/// (min, max) target ranges in % of tracked time per category, one column per preset in the
/// order of `RolePreset::ALL`: tech lead, staff engineer, engineering manager, director.
const TARGET_RANGES: [(Category, [(u8, u8); 4]); 6] = [
    (Category::Build, [(30, 60), (35, 65), (5, 20), (0, 10)]),
    (Category::Lead, [(10, 30), (5, 20), (30, 50), (25, 40)]),
    (Category::Align, [(10, 25), (10, 25), (20, 35), (30, 50)]),
    (Category::Operate, [(0, 15), (0, 15), (0, 10), (0, 10)]),
    (Category::Think, [(5, 15), (10, 20), (5, 15), (10, 20)]),
    (Category::Grow, [(5, 10), (5, 10), (5, 10), (5, 10)]),
];

impl RolePreset {
    pub const ALL: [RolePreset; 4] = [
        RolePreset::TechLead,
        RolePreset::StaffEngineer,
        RolePreset::EngineeringManager,
        RolePreset::Director,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RolePreset::TechLead => "tech-lead",
            RolePreset::StaffEngineer => "staff-engineer",
            RolePreset::EngineeringManager => "engineering-manager",
            RolePreset::Director => "director",
        }
    }

    /// Target ranges (in % of tracked time) per category. A tech lead codes at least 30 % of
    /// the time — the published definition of the role — so build starts there.
    pub fn targets(self) -> Vec<Target> {
        // The column of this preset in `TARGET_RANGES`: the variants are declared in that order.
        let column = self as usize;
        TARGET_RANGES
            .iter()
            .map(|&(category, ranges)| {
                let (min, max) = ranges[column];
                Target {
                    category,
                    min_percent: f64::from(min),
                    max_percent: f64::from(max),
                }
            })
            .collect()
    }
}

impl fmt::Display for RolePreset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role '{0}': expected tech-lead, staff-engineer, engineering-manager or director")]
pub struct UnknownRole(pub String);

impl FromStr for RolePreset {
    type Err = UnknownRole;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        crate::words::parse_word(&RolePreset::ALL, s, RolePreset::as_str, UnknownRole)
    }
}

/// The wanted share of tracked time for one category, in percent.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub category: Category,
    pub min_percent: f64,
    pub max_percent: f64,
}

/// Working hours per weekday, Monday first; `None` is a day off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkingHours {
    /// Seven entries like `"09:00-18:00"` or `""` for a day off.
    pub days: [String; 7],
}

impl Default for WorkingHours {
    fn default() -> Self {
        let day = "09:00-18:00".to_string();
        WorkingHours {
            days: [
                day.clone(),
                day.clone(),
                day.clone(),
                day.clone(),
                day,
                String::new(),
                String::new(),
            ],
        }
    }
}

pub const WEEKDAY_NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

impl WorkingHours {
    /// The start and end of work on a weekday (0 = Monday), if it is a working day.
    pub fn hours(&self, weekday_index: usize) -> Option<(Time, Time)> {
        parse_span(self.days.get(weekday_index)?).ok().flatten()
    }

    /// The working span of `date` as instants in `tz`.
    pub fn span_on(&self, date: Date, tz: &TimeZone) -> Option<crate::Interval> {
        let (start, end) = self.hours(date.weekday().to_monday_zero_offset() as usize)?;
        Some(crate::Interval::new(
            time::local_instant(date, start, tz),
            time::local_instant(date, end, tz),
        ))
    }

    /// Sets one weekday's hours from text like `09:00-17:30` or `off`.
    pub fn set(&mut self, weekday: &str, span: &str) -> Result<(), ProfileError> {
        let idx = WEEKDAY_NAMES
            .iter()
            .position(|d| weekday.trim().to_ascii_lowercase().starts_with(d))
            .ok_or_else(|| ProfileError::BadWeekday(weekday.to_string()))?;
        let normalized = match parse_span(span)? {
            None => String::new(),
            Some((a, b)) => format!("{}-{}", fmt_hm(a), fmt_hm(b)),
        };
        self.days[idx] = normalized;
        Ok(())
    }

    /// Minutes of work planned in a week.
    pub fn weekly_minutes(&self) -> i64 {
        (0..7)
            .filter_map(|i| self.hours(i))
            .map(|(a, b)| minutes_of_day(b) - minutes_of_day(a))
            .sum()
    }
}

fn minutes_of_day(t: Time) -> i64 {
    if t == Time::MAX {
        return 24 * 60;
    }
    i64::from(t.hour()) * 60 + i64::from(t.minute())
}

fn fmt_hm(t: Time) -> String {
    if t == Time::MAX {
        return "24:00".into();
    }
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// `"09:00-18:00"` → Some((09:00, 18:00)); `""`/`"off"` → None.
fn parse_span(s: &str) -> Result<Option<(Time, Time)>, ProfileError> {
    let s = s.trim();
    if s.is_empty() || s.eq_ignore_ascii_case("off") {
        return Ok(None);
    }
    let (a, b) = s
        .split_once('-')
        .ok_or_else(|| ProfileError::BadSpan(s.to_string()))?;
    let a = time::parse_time_of_day(a)?;
    let b = time::parse_time_of_day(b)?;
    if minutes_of_day(b) <= minutes_of_day(a) {
        return Err(ProfileError::BadSpan(s.to_string()));
    }
    Ok(Some((a, b)))
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ProfileError {
    #[error(transparent)]
    Time(#[from] TimeError),
    #[error("'{0}' is not a weekday: use mon, tue, wed, thu, fri, sat or sun")]
    BadWeekday(String),
    #[error("'{0}' is not a span of working hours: write START-END such as 09:00-17:30, or 'off'")]
    BadSpan(String),
    #[error("'{0}' is not an e-mail address")]
    BadEmail(String),
    #[error("at least one e-mail address is needed to recognise you in calendars and commits")]
    NoEmail,
    #[error("target for {category}: {min}–{max} % is not a range between 0 and 100")]
    BadTarget {
        category: Category,
        min: f64,
        max: f64,
    },
}

/// Everything the rules need to know about the user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub emails: Vec<String>,
    pub timezone: String,
    pub role: RolePreset,
    pub working_hours: WorkingHours,
    pub targets: Vec<Target>,
    /// A stretch without meetings counts as focus from this many minutes on.
    pub focus_block_minutes: i64,
    /// Commits closer together than this form one coding session.
    pub session_gap_minutes: i64,
    /// A coding session starts this long before its first commit.
    pub session_lead_minutes: i64,
    /// Gaps between meetings shorter than this are fragments, too short to do real work in.
    pub fragment_gap_minutes: i64,
    /// Whether events the user answered "tentative" count as time spent.
    pub count_tentative: bool,
    /// What category shares are fractions of: tracked time, or working time (tracked plus
    /// the untracked part of working hours).
    #[serde(default)]
    pub shares_of: SharesOf,
    /// Title (or calendar name) words that make an all-day event time away.
    #[serde(default = "default_away_words")]
    pub away_words: Vec<String>,
    /// Title words that make an all-day event a conference day (grow).
    #[serde(default = "default_conference_words")]
    pub conference_words: Vec<String>,
    /// The coach's thresholds.
    #[serde(default)]
    pub insights: crate::insights::InsightSettings,
}

/// What the report's shares are fractions of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SharesOf {
    /// Time some activity covers (the default): a week with little in the calendar still
    /// shows how the tracked part splits.
    #[default]
    Tracked,
    /// Working time, so untracked hours take their own share.
    Working,
}

impl SharesOf {
    pub fn as_str(self) -> &'static str {
        match self {
            SharesOf::Tracked => "tracked",
            SharesOf::Working => "working",
        }
    }
}

fn default_away_words() -> Vec<String> {
    crate::away::DEFAULT_AWAY_WORDS
        .iter()
        .map(|w| w.to_string())
        .collect()
}

fn default_conference_words() -> Vec<String> {
    crate::away::DEFAULT_CONFERENCE_WORDS
        .iter()
        .map(|w| w.to_string())
        .collect()
}

impl Profile {
    pub fn new(
        emails: Vec<String>,
        timezone: &str,
        role: RolePreset,
    ) -> Result<Self, ProfileError> {
        time::parse_zone(timezone)?;
        let emails = normalize_emails(emails)?;
        Ok(Profile {
            emails,
            timezone: timezone.to_string(),
            role,
            working_hours: WorkingHours::default(),
            targets: role.targets(),
            focus_block_minutes: 90,
            session_gap_minutes: 120,
            session_lead_minutes: 30,
            fragment_gap_minutes: 30,
            count_tentative: true,
            shares_of: SharesOf::Tracked,
            away_words: default_away_words(),
            conference_words: default_conference_words(),
            insights: crate::insights::InsightSettings::default(),
        })
    }

    pub fn tz(&self) -> TimeZone {
        time::parse_zone(&self.timezone).unwrap_or(TimeZone::UTC)
    }

    pub fn is_me(&self, email: &str) -> bool {
        self.emails
            .iter()
            .any(|e| e.eq_ignore_ascii_case(email.trim()))
    }

    pub fn target(&self, category: Category) -> Option<&Target> {
        self.targets.iter().find(|t| t.category == category)
    }

    pub fn set_target(
        &mut self,
        category: Category,
        min: f64,
        max: f64,
    ) -> Result<(), ProfileError> {
        if !(0.0..=100.0).contains(&min) || !(0.0..=100.0).contains(&max) || min > max {
            return Err(ProfileError::BadTarget { category, min, max });
        }
        self.targets.retain(|t| t.category != category);
        self.targets.push(Target {
            category,
            min_percent: min,
            max_percent: max,
        });
        self.targets.sort_by_key(|t| t.category);
        Ok(())
    }
}

/// Lower-cases, trims, dedupes and checks e-mail addresses.
pub fn normalize_emails(emails: Vec<String>) -> Result<Vec<String>, ProfileError> {
    let mut out: Vec<String> = Vec::new();
    for e in emails {
        let e = e.trim().to_ascii_lowercase();
        let valid = e.split_once('@').is_some_and(|(a, b)| {
            !a.is_empty() && !b.is_empty() && !e.contains(char::is_whitespace)
        });
        if !valid {
            return Err(ProfileError::BadEmail(e));
        }
        if !out.contains(&e) {
            out.push(e);
        }
    }
    if out.is_empty() {
        return Err(ProfileError::NoEmail);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tech_lead_preset_builds_at_least_thirty_percent() {
        let p = Profile::new(
            vec!["Me@Example.com".into()],
            "Europe/Berlin",
            RolePreset::TechLead,
        )
        .unwrap();
        assert_eq!(p.target(Category::Build).unwrap().min_percent, 30.0);
        assert!(p.is_me("me@example.COM"));
        assert_eq!(p.working_hours.weekly_minutes(), 5 * 9 * 60);
    }

    #[test]
    fn each_preset_reads_its_own_column_of_targets() {
        for (i, role) in RolePreset::ALL.into_iter().enumerate() {
            assert_eq!(role as usize, i, "{role}");
        }
        let lead = RolePreset::Director.targets()[1];
        assert_eq!(lead.category, Category::Lead);
        assert_eq!((lead.min_percent, lead.max_percent), (25.0, 40.0));
    }

    #[test]
    fn rejects_bad_zone_and_email() {
        assert!(matches!(
            Profile::new(vec!["me@x.io".into()], "Mars/Olympus", RolePreset::TechLead),
            Err(ProfileError::Time(TimeError::BadZone(_)))
        ));
        assert!(matches!(
            normalize_emails(vec!["nope".into()]),
            Err(ProfileError::BadEmail(_))
        ));
        assert!(matches!(
            normalize_emails(vec![]),
            Err(ProfileError::NoEmail)
        ));
    }

    #[test]
    fn working_hours_can_be_changed_per_day() {
        let mut wh = WorkingHours::default();
        wh.set("fri", "09:00-13:00").unwrap();
        wh.set("Saturday", "off").unwrap();
        assert_eq!(wh.days[4], "09:00-13:00");
        assert!(wh.hours(5).is_none());
        assert!(wh.set("fri", "18:00-09:00").is_err());
        assert!(wh.set("someday", "09:00-10:00").is_err());
    }
}

//! RRULE parsing and lazy expansion (RFC 5545 section 3.3.10).
//!
//! Expansion happens on wall-clock (civil) date-times: the rule is applied to
//! the local time written in DTSTART and every result is converted to an
//! instant afterwards. That is what keeps a weekly 09:00 meeting at 09:00
//! local time across daylight-saving changes.
//!
//! The iterator works one "period" at a time (a year, month, week, day, hour,
//! minute or second depending on FREQ): it builds the sorted candidate set for
//! the period from the BYxxx parts using the RFC expand/limit table, applies
//! BYSETPOS, and hands candidates out one by one. Nothing is generated past a
//! caller-supplied horizon, so unbounded rules cost only what the window needs.
//!
//! A rule is a small program written by whoever controls the calendar, so the
//! iterator also counts its work (every candidate built or examined, rejected
//! ones and empty periods included) and stops when a caller-supplied budget is
//! spent; [`RuleIter::never_matches`] spots rules that can never produce an
//! instance before any work is done.

use jiff::Timestamp;
use jiff::civil::{Date, DateTime, Weekday};

use crate::value::{parse_date, parse_datetime};

mod iter;
#[cfg(test)]
mod tests;
mod weeks;

pub(crate) use iter::RuleIter;

/// The FREQ rule part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Frequency {
    /// Every `INTERVAL` seconds.
    Secondly,
    /// Every `INTERVAL` minutes.
    Minutely,
    /// Every `INTERVAL` hours.
    Hourly,
    /// Every `INTERVAL` days.
    Daily,
    /// Every `INTERVAL` weeks.
    Weekly,
    /// Every `INTERVAL` months.
    Monthly,
    /// Every `INTERVAL` years.
    Yearly,
}

/// The UNTIL rule part, in whichever form the file used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Until {
    /// `UNTIL=20240131`: the last day (inclusive).
    Date(Date),
    /// `UNTIL=20240131T090000`: a wall-clock bound in the event's own zone.
    Floating(DateTime),
    /// `UNTIL=20240131T090000Z`: an absolute bound.
    Utc(Timestamp),
}

/// A parsed recurrence rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RRule {
    /// FREQ.
    pub freq: Frequency,
    /// INTERVAL (at least 1).
    pub interval: u32,
    /// COUNT, if present (`Some(0)`: a rule whose COUNT allowed no instance, kept
    /// in its place among the event's rules).
    pub count: Option<u32>,
    /// UNTIL, if present.
    pub until: Option<Until>,
    /// BYSECOND (0..=59; 60 is clamped to 59).
    pub by_second: Vec<i8>,
    /// BYMINUTE.
    pub by_minute: Vec<i8>,
    /// BYHOUR.
    pub by_hour: Vec<i8>,
    /// BYDAY as (ordinal, weekday); ordinal 0 means "every".
    pub by_day: Vec<(i8, Weekday)>,
    /// BYMONTHDAY (negative counts from the month end).
    pub by_month_day: Vec<i8>,
    /// BYYEARDAY (negative counts from the year end).
    pub by_year_day: Vec<i16>,
    /// BYWEEKNO (negative counts from the last week).
    pub by_week_no: Vec<i8>,
    /// BYMONTH.
    pub by_month: Vec<i8>,
    /// BYSETPOS.
    pub by_set_pos: Vec<i16>,
    /// WKST (default Monday).
    pub wkst: Weekday,
}

fn weekday_from(s: &str) -> Option<Weekday> {
    Some(match s {
        "MO" => Weekday::Monday,
        "TU" => Weekday::Tuesday,
        "WE" => Weekday::Wednesday,
        "TH" => Weekday::Thursday,
        "FR" => Weekday::Friday,
        "SA" => Weekday::Saturday,
        "SU" => Weekday::Sunday,
        _ => return None,
    })
}

fn int_list<T: std::str::FromStr + Copy>(
    key: &str,
    v: &str,
    ok: impl Fn(T) -> bool,
) -> Result<Vec<T>, String> {
    let mut out = Vec::new();
    for item in v.split(',') {
        let item = item.trim();
        let item = item.strip_prefix('+').unwrap_or(item);
        match item.parse::<T>() {
            Ok(n) if ok(n) => out.push(n),
            _ => return Err(format!("invalid {key} value {item:?}")),
        }
    }
    Ok(out)
}

/// Why an RRULE value gave no rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RuleError {
    /// Readable, but it defines no recurrence: no FREQ, or a COUNT of zero or
    /// less. Real services write these; the event is kept. A rule with a COUNT
    /// of zero or less is given as one with `COUNT=0` (no instances, but still
    /// the event's first, second ... rule); one without FREQ as none.
    Unusable(String, Option<Box<RRule>>),
    /// Not a rule at all (an unknown FREQ, a malformed part).
    Invalid(String),
}

impl RRule {
    /// Parses an RRULE value such as `FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20240101T000000Z`.
    pub fn parse(value: &str) -> Result<RRule, String> {
        RRule::parse_checked(value).map_err(|e| match e {
            RuleError::Unusable(m, _) => format!("the rule defines no recurrence ({m})"),
            RuleError::Invalid(m) => m,
        })
    }

    /// [`RRule::parse`], telling a rule that defines no recurrence apart from
    /// one that cannot be read.
    pub(crate) fn parse_checked(value: &str) -> Result<RRule, RuleError> {
        let mut unusable = None;
        let mut no_freq = false;
        let mut rule =
            RRule::parse_parts(value, &mut unusable, &mut no_freq).map_err(RuleError::Invalid)?;
        if no_freq {
            return Err(RuleError::Unusable("no FREQ".to_string(), None));
        }
        match unusable {
            Some(why) => {
                rule.count = Some(0);
                Err(RuleError::Unusable(why, Some(Box::new(rule))))
            }
            None => Ok(rule),
        }
    }

    fn parse_parts(
        value: &str,
        unusable: &mut Option<String>,
        no_freq: &mut bool,
    ) -> Result<RRule, String> {
        let mut freq = None;
        let mut rule = RRule {
            freq: Frequency::Yearly,
            interval: 1,
            count: None,
            until: None,
            by_second: Vec::new(),
            by_minute: Vec::new(),
            by_hour: Vec::new(),
            by_day: Vec::new(),
            by_month_day: Vec::new(),
            by_year_day: Vec::new(),
            by_week_no: Vec::new(),
            by_month: Vec::new(),
            by_set_pos: Vec::new(),
            wkst: Weekday::Monday,
        };
        for part in value.trim().split(';') {
            if part.is_empty() {
                continue;
            }
            let Some((k, v)) = part.split_once('=') else {
                return Err(format!("rule part {part:?} has no '='"));
            };
            let key = k.trim().to_ascii_uppercase();
            let v = v.trim().to_ascii_uppercase();
            match key.as_str() {
                "FREQ" => {
                    freq = Some(match v.as_str() {
                        "SECONDLY" => Frequency::Secondly,
                        "MINUTELY" => Frequency::Minutely,
                        "HOURLY" => Frequency::Hourly,
                        "DAILY" => Frequency::Daily,
                        "WEEKLY" => Frequency::Weekly,
                        "MONTHLY" => Frequency::Monthly,
                        "YEARLY" => Frequency::Yearly,
                        _ => return Err(format!("unknown FREQ {v:?}")),
                    })
                }
                "INTERVAL" => match v.parse::<u32>() {
                    Ok(n) if n >= 1 => rule.interval = n,
                    _ => return Err(format!("invalid INTERVAL {v:?}")),
                },
                "COUNT" => match v.strip_prefix('+').unwrap_or(&v).parse::<i64>() {
                    Ok(n) if n >= 1 => {
                        rule.count =
                            Some(u32::try_from(n).map_err(|_| format!("invalid COUNT {v:?}"))?)
                    }
                    Ok(_) => *unusable = Some(format!("COUNT={v}")),
                    Err(_) => return Err(format!("invalid COUNT {v:?}")),
                },
                "UNTIL" => {
                    rule.until = Some(if let Some(d) = parse_date(&v) {
                        Until::Date(d)
                    } else if let Some((dt, utc)) = parse_datetime(&v) {
                        if utc {
                            match jiff::tz::TimeZone::UTC.to_timestamp(dt) {
                                Ok(ts) => Until::Utc(ts),
                                Err(_) => return Err(format!("invalid UNTIL {v:?}")),
                            }
                        } else {
                            Until::Floating(dt)
                        }
                    } else {
                        return Err(format!("invalid UNTIL {v:?}"));
                    })
                }
                "BYSECOND" => {
                    rule.by_second = int_list(&key, &v, |n: i8| (0..=60).contains(&n))?
                        .into_iter()
                        .map(|n| n.min(59))
                        .collect()
                }
                "BYMINUTE" => rule.by_minute = int_list(&key, &v, |n: i8| (0..=59).contains(&n))?,
                "BYHOUR" => rule.by_hour = int_list(&key, &v, |n: i8| (0..=23).contains(&n))?,
                "BYMONTHDAY" => {
                    rule.by_month_day =
                        int_list(&key, &v, |n: i8| n != 0 && (-31..=31).contains(&n))?
                }
                "BYYEARDAY" => {
                    rule.by_year_day =
                        int_list(&key, &v, |n: i16| n != 0 && (-366..=366).contains(&n))?
                }
                "BYWEEKNO" => {
                    rule.by_week_no = int_list(&key, &v, |n: i8| n != 0 && (-53..=53).contains(&n))?
                }
                "BYMONTH" => rule.by_month = int_list(&key, &v, |n: i8| (1..=12).contains(&n))?,
                "BYSETPOS" => {
                    rule.by_set_pos =
                        int_list(&key, &v, |n: i16| n != 0 && (-366..=366).contains(&n))?
                }
                "WKST" => {
                    rule.wkst = weekday_from(&v).ok_or_else(|| format!("invalid WKST {v:?}"))?
                }
                "BYDAY" => {
                    for item in v.split(',') {
                        let item = item.trim();
                        if item.len() < 2 || !item.is_char_boundary(item.len() - 2) {
                            return Err(format!("invalid BYDAY value {item:?}"));
                        }
                        let (num, day) = item.split_at(item.len() - 2);
                        let wd = weekday_from(day)
                            .ok_or_else(|| format!("invalid BYDAY value {item:?}"))?;
                        let n: i8 = if num.is_empty() {
                            0
                        } else {
                            match num.strip_prefix('+').unwrap_or(num).parse::<i8>() {
                                Ok(n) if n != 0 && (-53..=53).contains(&n) => n,
                                _ => return Err(format!("invalid BYDAY value {item:?}")),
                            }
                        };
                        rule.by_day.push((n, wd));
                    }
                }
                // Extension parts (X-..., RSCALE, SKIP) do not change Gregorian results
                // for the rules calendar clients write; ignore them.
                _ => {}
            }
        }
        match freq {
            Some(f) => rule.freq = f,
            None => *no_freq = true,
        }
        if rule.count.is_some() && rule.until.is_some() {
            // RFC 5545 forbids both; honour both bounds rather than reject.
        }
        Ok(rule)
    }
}

//! All time-zone arithmetic of the report lives here: local days, ISO weeks, working hours.
//!
//! Instants are stored in UTC (`jiff::Timestamp`); everything the user sees is dated in their
//! IANA zone. Days are not always 24 hours long (DST), so day boundaries are computed by
//! asking the zone, never by adding 86 400 seconds.

use jiff::civil::{Date, Time, Weekday};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    #[error("'{0}' is not an ISO week: write it as YYYY-Www, for example 2026-W48")]
    BadWeek(String),
    #[error("'{0}' is not a date: write it as YYYY-MM-DD")]
    BadDate(String),
    #[error("'{0}' is not a time of day: write it as HH:MM, for example 09:30")]
    BadTime(String),
    #[error("unknown time zone '{0}': use an IANA name such as Europe/Berlin or America/New_York")]
    BadZone(String),
    #[error(
        "{0} is outside the dates Fulcrum handles: give a date from {FIRST_DATE} to {LAST_DATE}"
    )]
    OutOfRange(Date),
}

/// The first date Fulcrum reads or reports. Calendars older than this are not time a user
/// still asks about, and a bound keeps every date arithmetic far from jiff's limits.
pub const FIRST_DATE: Date = jiff::civil::date(1900, 1, 1);
/// The last date Fulcrum reads or reports. jiff's instants end on 9999-12-30, so a date near
/// its end (9999-12-31) has no day start in most zones; we stop far before that.
pub const LAST_DATE: Date = jiff::civil::date(2199, 12, 31);

/// The longest range a report, a dashboard or an export covers: ten years and a few days
/// (the calendar horizon Fulcrum keeps). Its cost grows with the days it lists, so a range
/// has a bound however little data it holds.
pub const MAX_RANGE_DAYS: i64 = 3_660;

/// Refuses dates outside [`FIRST_DATE`]..=[`LAST_DATE`].
pub fn in_range(date: Date) -> Result<Date, TimeError> {
    if (FIRST_DATE..=LAST_DATE).contains(&date) {
        Ok(date)
    } else {
        Err(TimeError::OutOfRange(date))
    }
}

pub fn parse_zone(name: &str) -> Result<TimeZone, TimeError> {
    TimeZone::get(name).map_err(|_| TimeError::BadZone(name.to_string()))
}

/// A `YYYY-MM-DD` date inside the range Fulcrum handles.
pub fn parse_date(s: &str) -> Result<Date, TimeError> {
    let date = s
        .trim()
        .parse::<Date>()
        .map_err(|_| TimeError::BadDate(s.to_string()))?;
    in_range(date)
}

pub fn parse_time_of_day(s: &str) -> Result<Time, TimeError> {
    let t = s.trim();
    let bad = || TimeError::BadTime(s.to_string());
    let (h, m) = t.split_once(':').ok_or_else(bad)?;
    let h: i8 = h.parse().map_err(|_| bad())?;
    let m: i8 = m.parse().map_err(|_| bad())?;
    if h == 24 && m == 0 {
        // "24:00" means the end of the day; the caller treats it as midnight of the next day.
        return Ok(Time::MAX);
    }
    Time::new(h, m, 0, 0).map_err(|_| bad())
}

/// A duration the way people write it — `90m`, `2h`, `1h30m`, `1h30` or plain minutes — in
/// minutes.
pub fn parse_minutes(s: &str) -> Result<i64, String> {
    let t = s.trim().to_ascii_lowercase().replace(' ', "");
    let bad = || format!("'{s}' is not a duration: write 90m, 2h, 1h30m or a number of minutes");
    if let Ok(m) = t.parse::<i64>() {
        return if m > 0 { Ok(m) } else { Err(bad()) };
    }
    // Each part is a count of hours or minutes: a sign inside ("1h-30") is not a duration.
    let part = |p: &str| p.parse::<u32>().map(i64::from).map_err(|_| bad());
    let (h, rest) = match t.split_once('h') {
        Some((h, rest)) => (part(h)?, rest),
        None => (0, t.as_str()),
    };
    let rest = rest
        .strip_suffix("min")
        .unwrap_or(rest)
        .trim_end_matches('m');
    let m = if rest.is_empty() { 0 } else { part(rest)? };
    // Parts of at most u32::MAX cannot overflow here, however many hours a form sends.
    let total = h * 60 + m;
    if total > 0 { Ok(total) } else { Err(bad()) }
}

/// The Monday of an ISO week written `YYYY-Www`.
pub fn parse_iso_week(s: &str) -> Result<Date, TimeError> {
    let bad = || TimeError::BadWeek(s.to_string());
    let (y, w) = s.trim().split_once(['-']).ok_or_else(bad)?;
    let w = w.strip_prefix(['W', 'w']).ok_or_else(bad)?;
    let year: i16 = y.parse().map_err(|_| bad())?;
    let week: i8 = w.parse().map_err(|_| bad())?;
    let monday = jiff::civil::ISOWeekDate::new(year, week, Weekday::Monday)
        .map(|d| d.date())
        .map_err(|_| bad())?;
    in_range(monday)
}

/// The ISO week of a date, written `YYYY-Www`.
pub fn iso_week_label(date: Date) -> String {
    let w = date.iso_week_date();
    format!("{:04}-W{:02}", w.year(), w.week())
}

/// The Monday starting the ISO week that contains `date`.
pub fn week_start(date: Date) -> Date {
    let back = date.weekday().to_monday_zero_offset();
    date.checked_sub(i64::from(back).days()).unwrap_or(date)
}

pub fn add_days(date: Date, days: i64) -> Date {
    date.checked_add(days.days()).unwrap_or(date)
}

/// Whole days from `from` to `to`: negative when `to` comes first.
pub fn days_between(from: Date, to: Date) -> i64 {
    from.until(to).map_or(0, |s| i64::from(s.get_days()))
}

/// The first instant of `date` in `tz` (midnight, or the first valid time after a DST gap).
pub fn day_start(date: Date, tz: &TimeZone) -> Timestamp {
    date.to_zoned_datetime(tz.clone())
        .map(|z| z.timestamp())
        .unwrap_or(Timestamp::MIN)
}

/// The instant a wall-clock time on `date` names in `tz`; a time inside a DST gap moves forward.
pub fn local_instant(date: Date, time: Time, tz: &TimeZone) -> Timestamp {
    if time == Time::MAX {
        return day_start(add_days(date, 1), tz);
    }
    tz.to_timestamp(date.to_datetime(time))
        .unwrap_or_else(|_| day_start(date, tz))
}

/// The local date of an instant.
pub fn local_date(ts: Timestamp, tz: &TimeZone) -> Date {
    ts.to_zoned_datetime(tz.clone()).date()
}

/// Today in the user's zone.
pub fn today(tz: &TimeZone) -> Date {
    local_date(Timestamp::now(), tz)
}

/// Each date in `[from, to)`.
pub fn dates(from: Date, to: Date) -> impl Iterator<Item = Date> {
    let mut d = from;
    std::iter::from_fn(move || {
        if d >= to {
            return None;
        }
        let cur = d;
        d = add_days(d, 1);
        Some(cur)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn iso_weeks_round_trip_across_year_ends() {
        assert_eq!(parse_iso_week("2026-W01").unwrap(), date(2025, 12, 29));
        assert_eq!(parse_iso_week("2020-W53").unwrap(), date(2020, 12, 28));
        assert_eq!(iso_week_label(date(2027, 1, 1)), "2026-W53");
        assert_eq!(iso_week_label(date(2026, 11, 25)), "2026-W48");
        assert!(parse_iso_week("2026-48").is_err());
        assert!(parse_iso_week("2026-W54").is_err());
    }

    #[test]
    fn dates_outside_the_handled_range_are_refused_with_the_range() {
        assert_eq!(parse_date("2026-12-02"), Ok(date(2026, 12, 2)));
        assert_eq!(parse_date("1900-01-01"), Ok(FIRST_DATE));
        assert_eq!(parse_date("2199-12-31"), Ok(LAST_DATE));
        for far in [
            "9999-12-31",
            "9999-12-30",
            "0001-01-01",
            "1899-12-31",
            "2200-01-01",
        ] {
            let e = parse_date(far).unwrap_err();
            assert!(matches!(e, TimeError::OutOfRange(_)), "{far}: {e:?}");
            let text = e.to_string();
            assert!(
                text.contains("1900-01-01") && text.contains("2199-12-31"),
                "{text}"
            );
        }
        assert!(matches!(
            parse_iso_week("9999-W52"),
            Err(TimeError::OutOfRange(_))
        ));
        assert!(parse_iso_week("2026-W48").is_ok());
    }

    #[test]
    fn week_starts_on_monday() {
        assert_eq!(week_start(date(2026, 11, 29)), date(2026, 11, 23));
        assert_eq!(week_start(date(2026, 11, 23)), date(2026, 11, 23));
    }

    #[test]
    fn days_follow_dst_changes() {
        let tz = parse_zone("Europe/Berlin").unwrap();
        // 2026-03-29 is 23 hours long in Berlin, 2026-10-25 is 25 hours long.
        let short = day_start(date(2026, 3, 30), &tz).as_second()
            - day_start(date(2026, 3, 29), &tz).as_second();
        let long = day_start(date(2026, 10, 26), &tz).as_second()
            - day_start(date(2026, 10, 25), &tz).as_second();
        assert_eq!(short, 23 * 3600);
        assert_eq!(long, 25 * 3600);
        // 02:30 does not exist on the spring-forward day: it moves to 03:30 local.
        let gap = local_instant(date(2026, 3, 29), Time::constant(2, 30, 0, 0), &tz);
        assert_eq!(
            gap.to_zoned_datetime(tz.clone()).time(),
            Time::constant(3, 30, 0, 0)
        );
    }

    #[test]
    fn durations_read_the_way_people_write_them() {
        assert_eq!(parse_minutes("90m"), Ok(90));
        assert_eq!(parse_minutes("2h"), Ok(120));
        assert_eq!(parse_minutes("1h30m"), Ok(90));
        assert_eq!(parse_minutes("1h30"), Ok(90));
        assert_eq!(parse_minutes("45"), Ok(45));
        assert_eq!(parse_minutes(" 2H "), Ok(120));
        assert_eq!(parse_minutes("20min"), Ok(20));
        assert!(parse_minutes("soon").is_err());
        assert!(parse_minutes("0").is_err());
    }

    #[test]
    fn durations_too_long_or_signed_inside_are_refused() {
        // 307445734561825862 hours used to wrap around to 104 minutes (a panic in debug builds).
        assert!(parse_minutes("307445734561825862h").is_err());
        assert!(parse_minutes("153722867280912931h").is_err());
        assert!(parse_minutes("1h-30").is_err());
        assert!(parse_minutes("-1h90").is_err());
        assert_eq!(parse_minutes("4294967295h"), Ok(4_294_967_295 * 60));
    }

    #[test]
    fn parses_times_of_day() {
        assert_eq!(
            parse_time_of_day("09:30").unwrap(),
            Time::constant(9, 30, 0, 0)
        );
        assert_eq!(parse_time_of_day("24:00").unwrap(), Time::MAX);
        assert!(parse_time_of_day("9h").is_err());
        assert!(parse_time_of_day("25:00").is_err());
    }
}

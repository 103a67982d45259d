//! Typed iCalendar values: dates, date-times, durations and periods.

use std::fmt;
use std::sync::Arc;

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

/// A point in time as an iCalendar file can express it.
///
/// The three forms are kept apart because they mean different things to a
/// time-accounting tool: a zoned or UTC value is an absolute instant, a
/// floating value follows whatever zone the user is in, and a date is a
/// whole day (an all-day event) with no time at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum When {
    /// An absolute instant (written in UTC or with a TZID, already resolved).
    Utc(Timestamp),
    /// A wall-clock time with no zone; it means the same local time anywhere.
    Floating(DateTime),
    /// A calendar date, used by all-day events.
    Date(Date),
}

impl When {
    /// Resolves to an instant, reading floating times and dates in `tz`.
    ///
    /// A local time that does not exist in `tz` (DST gap) is moved forward
    /// by the gap length, as RFC 5545 asks.
    pub fn to_timestamp(&self, tz: &TimeZone) -> Timestamp {
        match *self {
            When::Utc(ts) => ts,
            When::Floating(dt) => local_to_timestamp(tz, dt),
            When::Date(d) => local_to_timestamp(tz, d.to_datetime(jiff::civil::Time::midnight())),
        }
    }

    /// True for all-day values.
    pub fn is_date(&self) -> bool {
        matches!(self, When::Date(_))
    }
}

impl fmt::Display for When {
    /// `2024-03-01T09:00:00Z` for instants (always shown in UTC),
    /// `2024-03-01T09:00:00` for floating times and `2024-03-01` for dates.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buf = [0u8; 24];
        let n = self.format_into(&mut buf);
        // Only ASCII digits and separators are written.
        f.write_str(std::str::from_utf8(&buf[..n]).unwrap_or(""))
    }
}

impl When {
    /// Appends the TSV form (as [`fmt::Display`] writes it) to `s`.
    pub(crate) fn push_to(&self, s: &mut String) {
        let mut buf = [0u8; 24];
        let n = self.format_into(&mut buf);
        // Only ASCII digits and separators are written.
        s.push_str(std::str::from_utf8(&buf[..n]).unwrap_or(""));
    }

    /// Writes the TSV form into `buf` without allocating; returns its length.
    /// Expansion output is printed for every occurrence, so this stays cheap.
    fn format_into(&self, buf: &mut [u8; 24]) -> usize {
        fn digits(buf: &mut [u8], at: usize, width: usize, mut v: i64) {
            for i in (0..width).rev() {
                buf[at + i] = b'0' + (v.rem_euclid(10)) as u8;
                v /= 10;
            }
        }
        // (year, month, day, hour, minute, second)
        let (ymd, hms, zulu) = match *self {
            When::Utc(ts) => {
                let secs = ts.as_second();
                let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
                let t = secs.rem_euclid(86_400);
                ((y, m, d), Some((t / 3600, t / 60 % 60, t % 60)), true)
            }
            When::Floating(dt) => (
                (
                    i64::from(dt.year()),
                    i64::from(dt.month()),
                    i64::from(dt.day()),
                ),
                Some((
                    i64::from(dt.hour()),
                    i64::from(dt.minute()),
                    i64::from(dt.second()),
                )),
                false,
            ),
            When::Date(d) => (
                (
                    i64::from(d.year()),
                    i64::from(d.month()),
                    i64::from(d.day()),
                ),
                None,
                false,
            ),
        };
        let (year, month, day) = ymd;
        let mut n = 0;
        if year < 0 {
            buf[0] = b'-';
            n = 1;
        }
        digits(buf, n, 4, year.abs());
        n += 4;
        buf[n] = b'-';
        digits(buf, n + 1, 2, month);
        buf[n + 3] = b'-';
        digits(buf, n + 4, 2, day);
        n += 6;
        if let Some((h, mi, sec)) = hms {
            buf[n] = b'T';
            digits(buf, n + 1, 2, h);
            buf[n + 3] = b':';
            digits(buf, n + 4, 2, mi);
            buf[n + 6] = b':';
            digits(buf, n + 7, 2, sec);
            n += 9;
            if zulu {
                buf[n] = b'Z';
                n += 1;
            }
        }
        n
    }
}

/// The proleptic Gregorian (year, month, day) of a count of days since
/// 1970-01-01 (H. Hinnant's `civil_from_days`): what `TimeZone::UTC.to_datetime`
/// gives, without a zone look-up, for the one conversion every printed
/// occurrence needs.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Converts a local wall-clock time to an instant with RFC 5545 gap/fold rules
/// (gap: shifted forward by the gap length; fold: the first occurrence).
pub(crate) fn local_to_timestamp(tz: &TimeZone, dt: DateTime) -> Timestamp {
    match tz.to_ambiguous_timestamp(dt).compatible() {
        Ok(ts) => ts,
        // Only reachable at the very ends of jiff's supported range.
        Err(_) => {
            if dt.year() < 0 {
                Timestamp::MIN
            } else {
                Timestamp::MAX
            }
        }
    }
}

/// A DTSTART-like value as written: its meaning plus the zone it was written in.
#[derive(Debug, Clone)]
pub struct DateValue {
    /// The resolved value.
    pub when: When,
    /// The TZID parameter as written, if any.
    /// One copy per TZID of a calendar, shared by every value written with it.
    pub tzid: Option<Arc<str>>,
    /// The wall-clock time exactly as written (UTC wall time for `Z` values,
    /// midnight for dates). Recurrence rules iterate over this, not over
    /// `when`, so a 02:30 meeting stays a 02:30 meeting after a DST gap.
    pub(crate) local: DateTime,
    /// The zone used to resolve `local` (UTC for `Z` values).
    pub(crate) zone: Option<TimeZone>,
}

impl DateValue {
    pub(crate) fn date(d: Date) -> DateValue {
        DateValue {
            when: When::Date(d),
            tzid: None,
            local: d.to_datetime(jiff::civil::Time::midnight()),
            zone: None,
        }
    }
    pub(crate) fn floating(dt: DateTime) -> DateValue {
        DateValue {
            when: When::Floating(dt),
            tzid: None,
            local: dt,
            zone: None,
        }
    }
    pub(crate) fn zoned(dt: DateTime, zone: TimeZone, tzid: Option<Arc<str>>) -> DateValue {
        DateValue {
            when: When::Utc(local_to_timestamp(&zone, dt)),
            tzid,
            local: dt,
            zone: Some(zone),
        }
    }
    /// The zone the value was written in (UTC for `Z` values), if any.
    pub fn zone(&self) -> Option<&TimeZone> {
        self.zone.as_ref()
    }
}

/// An RFC 5545 DURATION: nominal days plus an exact number of seconds.
///
/// Days stay nominal so that `P1D` across a DST change means "same time
/// tomorrow" (23 or 25 hours), while `PT24H` means exactly 24 hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Duration {
    /// Whole days (weeks count as 7 days); negative for negative durations.
    pub days: i64,
    /// Exact seconds; same sign as `days` when both are present.
    pub seconds: i64,
}

impl Duration {
    /// True if the duration has no day part.
    pub fn is_exact(&self) -> bool {
        self.days == 0
    }
    pub(crate) fn exact(&self) -> SignedDuration {
        SignedDuration::from_secs(self.seconds)
    }
}

/// Parses `YYYYMMDD`.
pub(crate) fn parse_date(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    if b.len() != 8 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let year: i16 = s[0..4].parse().ok()?;
    let month: i8 = s[4..6].parse().ok()?;
    let day: i8 = s[6..8].parse().ok()?;
    Date::new(year, month, day).ok()
}

/// Parses `YYYYMMDDTHHMMSS` with an optional trailing `Z`; returns (value, is_utc).
pub(crate) fn parse_datetime(s: &str) -> Option<(DateTime, bool)> {
    let (s, utc) = match s.strip_suffix(['Z', 'z']) {
        Some(rest) => (rest, true),
        None => (s, false),
    };
    let b = s.as_bytes();
    if !s.is_ascii() || b.len() != 15 || !(b[8] == b'T' || b[8] == b't') {
        return None;
    }
    let date = parse_date(&s[..8])?;
    let t = &s[9..];
    if !t.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let hour: i8 = t[0..2].parse().ok()?;
    let minute: i8 = t[2..4].parse().ok()?;
    // A leap second (60) is clamped; nothing downstream can use it.
    let second: i8 = t[4..6].parse::<i8>().ok()?.min(59);
    let time = jiff::civil::Time::new(hour, minute, second, 0).ok()?;
    Some((date.to_datetime(time), utc))
}

/// Parses a DURATION value such as `PT1H30M`, `P1D`, `P1W`, `-PT15M`.
pub(crate) fn parse_duration(s: &str) -> Option<Duration> {
    let s = s.trim();
    let (neg, s) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let s = s.strip_prefix(['P', 'p'])?;
    let mut days: i64 = 0;
    let mut secs: i64 = 0;
    let mut in_time = false;
    let mut num: Option<i64> = None;
    let mut any = false;
    for c in s.chars() {
        match c.to_ascii_uppercase() {
            d @ '0'..='9' => {
                let v = num.unwrap_or(0);
                num = Some(v.checked_mul(10)?.checked_add(i64::from(d as u8 - b'0'))?);
            }
            'T' if !in_time && num.is_none() => in_time = true,
            unit => {
                let n = num.take()?;
                any = true;
                match (unit, in_time) {
                    ('W', false) => days = days.checked_add(n.checked_mul(7)?)?,
                    ('D', false) => days = days.checked_add(n)?,
                    ('H', true) => secs = secs.checked_add(n.checked_mul(3600)?)?,
                    ('M', true) => secs = secs.checked_add(n.checked_mul(60)?)?,
                    ('S', true) => secs = secs.checked_add(n)?,
                    _ => return None,
                }
            }
        }
    }
    if num.is_some() || !any {
        return None;
    }
    // Keep values inside a range jiff arithmetic can always handle.
    if days.abs() > 3_000_000 || secs.abs() > 3_000_000 * 86_400 {
        return None;
    }
    Some(if neg {
        Duration {
            days: -days,
            seconds: -secs,
        }
    } else {
        Duration {
            days,
            seconds: secs,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(
            parse_duration("PT1H30M"),
            Some(Duration {
                days: 0,
                seconds: 5400
            })
        );
        assert_eq!(parse_duration("P1W").unwrap().days, 7);
        assert_eq!(parse_duration("P1DT2H").unwrap().seconds, 7200);
        assert_eq!(parse_duration("-PT15M").unwrap().seconds, -900);
        assert_eq!(parse_duration("P"), None);
        assert_eq!(parse_duration("PT"), None);
        assert_eq!(parse_duration("P1H"), None);
        assert_eq!(parse_duration("PT99999999999999999999S"), None);
    }

    #[test]
    fn datetimes() {
        let (dt, utc) = parse_datetime("20240102T030405Z").unwrap();
        assert!(utc);
        assert_eq!(dt.to_string(), "2024-01-02T03:04:05");
        assert!(parse_datetime("20240230T000000").is_none());
        assert!(parse_date("2024010").is_none());
        assert!(parse_datetime("2024é10T100000").is_none());
        let (dt, _) = parse_datetime("20240102T030405").unwrap();
        assert_eq!(When::Floating(dt).to_string(), "2024-01-02T03:04:05");
        assert_eq!(When::Date(dt.date()).to_string(), "2024-01-02");
        let ts = TimeZone::UTC.to_timestamp(dt).unwrap();
        assert_eq!(When::Utc(ts).to_string(), "2024-01-02T03:04:05Z");
        assert!(parse_datetime("20240102T1000é").is_none());
        // The UTC fast path prints what jiff's conversion gives, over jiff's range.
        let mut secs = jiff::Timestamp::MIN.as_second();
        while secs < jiff::Timestamp::MAX.as_second() {
            let ts = jiff::Timestamp::from_second(secs).unwrap();
            let dt = TimeZone::UTC.to_datetime(ts);
            let want = format!(
                "{}{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
                if dt.year() < 0 { "-" } else { "" },
                dt.year().abs(),
                dt.month(),
                dt.day(),
                dt.hour(),
                dt.minute(),
                dt.second()
            );
            assert_eq!(When::Utc(ts).to_string(), want);
            secs += 7_777_777;
        }
    }
}

//! TZID resolution.
//!
//! Calendar producers name zones in many ways: IANA names (Google), Windows
//! names (Outlook/Exchange), vendor-prefixed "globally unique" names
//! (Lightning, Evolution), display names, or names that only mean something
//! together with the VTIMEZONE block in the same file (Apple and others).
//! We try, in order: the IANA database, the CLDR Windows mapping, an IANA
//! suffix of a vendor-prefixed name, the file's own VTIMEZONE, and finally a
//! city named in a Windows display name. The VTIMEZONE is compiled into a
//! jiff time zone, so every later computation uses one code path.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use crate::parse::Component;
use crate::rrule::{RRule, RuleIter, Until};
use crate::value::parse_datetime;
use crate::windows_zones::WINDOWS_TO_IANA;

/// Resolves TZIDs for one calendar, caching each answer.
pub(crate) struct ZoneResolver {
    vtimezones: HashMap<String, Component>,
    cache: HashMap<String, (Arc<str>, Option<TimeZone>)>,
    /// The last TZID asked for (shared by the values written with it) and its answer.
    last: Option<(Arc<str>, Option<TimeZone>)>,
}

impl ZoneResolver {
    /// A resolver for a calendar with these VTIMEZONEs (the first one of a TZID wins).
    pub(crate) fn new(components: Vec<Component>) -> Self {
        let mut vtimezones = HashMap::new();
        for c in components {
            if let Some(id) = c.prop("TZID") {
                vtimezones.entry(id.value.trim().to_string()).or_insert(c);
            }
        }
        ZoneResolver {
            vtimezones,
            cache: HashMap::new(),
            last: None,
        }
    }

    /// Adds a VTIMEZONE met after the resolver was made (a TZID's first wins).
    pub(crate) fn add(&mut self, c: Component) {
        if let Some(id) = c.prop("TZID") {
            self.vtimezones
                .entry(id.value.trim().to_string())
                .or_insert(c);
        }
    }

    /// Whether a value already asked for `tzid`.
    pub(crate) fn looked_up(&self, tzid: &str) -> bool {
        self.cache.contains_key(tzid)
    }

    /// The zone for `tzid`, or `None` if nothing we know matches it.
    pub(crate) fn resolve(&mut self, tzid: &str) -> Option<(TimeZone, Arc<str>)> {
        // Most values of a file name the zone the one before named.
        if let Some((last, zone)) = &self.last
            && &**last == tzid
        {
            return zone.clone().map(|z| (z, last.clone()));
        }
        let (name, found) = self.lookup(tzid);
        self.last = Some((name.clone(), found.clone()));
        found.map(|z| (z, name))
    }

    fn lookup(&mut self, tzid: &str) -> (Arc<str>, Option<TimeZone>) {
        if let Some(hit) = self.cache.get(tzid) {
            return hit.clone();
        }
        // An exact IANA name means that zone (as in icalendar, and a file's copy of
        // it is at best a truncated one). Any other name is first what the file's
        // VTIMEZONE defines (RFC 5545 3.6.5), even when it differs from an IANA
        // name only by case ("europe/berlin") or is a Windows name; only then are
        // looser readings of the name tried.
        let found = exact_iana_zone(tzid)
            .or_else(|| self.vtimezones.get(tzid).and_then(compile_vtimezone))
            .or_else(|| known_zone(tzid))
            .or_else(|| display_name_zone(tzid));
        let hit = (Arc::<str>::from(tzid), found);
        self.cache.insert(tzid.to_string(), hit.clone());
        hit
    }
}

/// The IANA zone spelled exactly `tzid` (jiff's own look-up ignores case).
fn exact_iana_zone(tzid: &str) -> Option<TimeZone> {
    let cleaned = tzid.trim().trim_matches('/');
    TimeZone::get(cleaned)
        .ok()
        .filter(|tz| tz.iana_name() == Some(cleaned))
}

/// Looks a name up as IANA, Windows, or vendor-prefixed IANA.
pub fn known_zone(tzid: &str) -> Option<TimeZone> {
    let cleaned = tzid.trim().trim_matches('"').trim_matches('/');
    if cleaned.is_empty() {
        return None;
    }
    if let Ok(tz) = TimeZone::get(cleaned) {
        return Some(tz);
    }
    if let Some(iana) = windows_to_iana(cleaned)
        && let Ok(tz) = TimeZone::get(iana)
    {
        return Some(tz);
    }
    // "/mozilla.org/20050126_1/Europe/Berlin": try ever shorter suffixes
    // that contain a slash (single words like "Berlin" are too ambiguous).
    let parts: Vec<&str> = cleaned.split('/').collect();
    for start in 1..parts.len().saturating_sub(1) {
        let candidate = parts[start..].join("/");
        if let Ok(tz) = TimeZone::get(&candidate) {
            return Some(tz);
        }
    }
    None
}

/// Maps a Windows zone name ("W. Europe Standard Time") to its IANA name.
pub fn windows_to_iana(name: &str) -> Option<&'static str> {
    WINDOWS_TO_IANA
        .binary_search_by(|(w, _)| (*w).cmp(name))
        .ok()
        .map(|i| WINDOWS_TO_IANA[i].1)
        .or_else(|| {
            WINDOWS_TO_IANA
                .iter()
                .find(|(w, _)| w.eq_ignore_ascii_case(name))
                .map(|(_, i)| *i)
        })
}

/// "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna": find an
/// IANA zone named after one of the listed cities.
fn display_name_zone(tzid: &str) -> Option<TimeZone> {
    let rest = tzid.trim().strip_prefix('(')?;
    let (_, cities) = rest.split_once(')')?;
    static BY_CITY: OnceLock<HashMap<String, String>> = OnceLock::new();
    let map = BY_CITY.get_or_init(|| {
        let mut m = HashMap::new();
        for name in jiff::tz::db().available() {
            let name = name.as_str();
            if let Some((area, city)) = name.rsplit_once('/') {
                if area.starts_with("Etc") || area.contains("SystemV") {
                    continue;
                }
                m.entry(city.replace('_', " ").to_ascii_lowercase())
                    .or_insert_with(|| name.to_string());
            }
        }
        m
    });
    for city in cities.split([',', '/', '&']) {
        let city = city.trim().trim_end_matches('.').to_ascii_lowercase();
        if let Some(name) = map.get(&city)
            && let Ok(tz) = TimeZone::get(name)
        {
            return Some(tz);
        }
    }
    None
}

/// Parses a UTC offset like `+0100`, `-0530` or `+013045` into seconds.
fn parse_offset(s: &str) -> Option<i32> {
    let s = s.trim();
    let (sign, digits) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    if !(digits.len() == 4 || digits.len() == 6) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let h: i32 = digits[0..2].parse().ok()?;
    let m: i32 = digits[2..4].parse().ok()?;
    let sec: i32 = if digits.len() == 6 {
        digits[4..6].parse().ok()?
    } else {
        0
    };
    if h > 25 || m > 59 || sec > 59 {
        return None;
    }
    Some(sign * (h * 3600 + m * 60 + sec))
}

struct Transition {
    at: Timestamp,
    offset: i32,
    dst: bool,
    name: String,
}

/// Earliest and latest years for which VTIMEZONE transitions are generated.
const FIRST_YEAR: i16 = 1900;
const LAST_YEAR: i16 = 2100;

/// Turns a VTIMEZONE definition into a jiff time zone by expanding its
/// STANDARD/DAYLIGHT observances into explicit transitions (1900..2100) and
/// encoding them as TZif data.
pub(crate) fn compile_vtimezone(c: &Component) -> Option<TimeZone> {
    let mut transitions: Vec<Transition> = Vec::new();
    let mut earliest: Option<(DateTime, i32)> = None;
    let lower = jiff::civil::date(FIRST_YEAR, 1, 1).to_datetime(jiff::civil::Time::midnight());
    let horizon = jiff::civil::date(LAST_YEAR, 12, 31).to_datetime(jiff::civil::Time::midnight());
    for obs in &c.children {
        let dst = match obs.name.as_str() {
            "DAYLIGHT" => true,
            "STANDARD" => false,
            _ => continue,
        };
        let start = obs
            .prop("DTSTART")
            .and_then(|p| parse_datetime(p.value.trim()))?
            .0;
        let from = parse_offset(&obs.prop("TZOFFSETFROM")?.value)?;
        let to = parse_offset(&obs.prop("TZOFFSETTO")?.value)?;
        let name = obs
            .prop("TZNAME")
            .map(|p| p.value.trim().to_string())
            .unwrap_or_default();
        if earliest.is_none_or(|(d, _)| start < d) {
            earliest = Some((start, from));
        }
        let to_utc = |local: DateTime| -> Option<Timestamp> {
            let dt = local
                .checked_sub(SignedDuration::from_secs(i64::from(from)))
                .ok()?;
            TimeZone::UTC.to_timestamp(dt).ok()
        };
        let mut onsets: Vec<DateTime> = vec![start];
        for p in obs.props_named("RDATE") {
            for v in p.value.split(',') {
                if let Some((dt, _)) = parse_datetime(v.trim()) {
                    onsets.push(dt);
                }
            }
        }
        for p in obs.props_named("RRULE") {
            let Ok(rule) = RRule::parse(&p.value) else {
                continue;
            };
            let mut it = RuleIter::new(&rule, start, horizon);
            it.seek(lower);
            for local in it {
                let Some(at) = to_utc(local) else { break };
                let past_until = match rule.until {
                    Some(Until::Utc(u)) => at > u,
                    Some(Until::Floating(u)) => local > u,
                    Some(Until::Date(d)) => local.date() > d,
                    None => false,
                };
                if past_until {
                    break;
                }
                onsets.push(local);
            }
        }
        for local in onsets {
            if let Some(at) = to_utc(local) {
                transitions.push(Transition {
                    at,
                    offset: to,
                    dst,
                    name: name.clone(),
                });
            }
        }
    }
    let (_, initial) = earliest?;
    transitions.sort_by_key(|t| t.at);
    transitions.dedup_by_key(|t| t.at);
    let data = tzif(initial, &transitions);
    TimeZone::tzif(
        c.prop("TZID").map_or("VTIMEZONE", |p| p.value.as_str()),
        &data,
    )
    .ok()
}

/// A designation jiff and other readers accept.
fn designation(name: &str, offset: i32) -> String {
    let clean: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '+' || *c == '-')
        .take(10)
        .collect();
    if clean.len() >= 3 {
        clean
    } else {
        let sign = if offset < 0 { '-' } else { '+' };
        let a = offset.unsigned_abs();
        format!("{sign}{:02}{:02}", a / 3600, (a % 3600) / 60)
    }
}

/// Encodes transitions as TZif version 2 data (RFC 8536) with an empty
/// footer: after the last transition its offset simply stays in force.
fn tzif(initial: i32, transitions: &[Transition]) -> Vec<u8> {
    // Local time types, deduplicated; type 0 is the pre-transition offset.
    let mut types: Vec<(i32, bool, String)> = vec![(initial, false, designation("", initial))];
    let mut idx = Vec::with_capacity(transitions.len());
    for t in transitions {
        let key = (t.offset, t.dst, designation(&t.name, t.offset));
        let i = match types.iter().position(|k| *k == key) {
            Some(i) => i,
            None => {
                types.push(key);
                types.len() - 1
            }
        };
        idx.push(u8::try_from(i).unwrap_or(0));
    }
    types.truncate(255);
    let mut chars: Vec<u8> = Vec::new();
    let mut desig_idx = Vec::new();
    for (_, _, name) in &types {
        desig_idx.push(u8::try_from(chars.len()).unwrap_or(0));
        chars.extend_from_slice(name.as_bytes());
        chars.push(0);
    }
    let header = |out: &mut Vec<u8>, timecnt: usize, typecnt: usize, charcnt: usize| {
        out.extend_from_slice(b"TZif2");
        out.extend_from_slice(&[0u8; 15]);
        for n in [0, 0, 0, timecnt, typecnt, charcnt] {
            out.extend_from_slice(&(n as u32).to_be_bytes());
        }
    };
    let mut out = Vec::new();
    // Minimal version 1 block: no transitions, one type.
    header(&mut out, 0, 1, 1);
    out.extend_from_slice(&initial.to_be_bytes());
    out.extend_from_slice(&[0, 0, 0]);
    // Version 2 block.
    header(&mut out, transitions.len(), types.len(), chars.len());
    for t in transitions {
        out.extend_from_slice(&t.at.as_second().to_be_bytes());
    }
    out.extend_from_slice(&idx);
    for (i, (off, dst, _)) in types.iter().enumerate() {
        out.extend_from_slice(&off.to_be_bytes());
        out.push(u8::from(*dst));
        out.push(desig_idx[i]);
    }
    out.extend_from_slice(&chars);
    out.extend_from_slice(b"\n\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(known_zone("Europe/Berlin").is_some());
        assert_eq!(
            known_zone("W. Europe Standard Time").unwrap().iana_name(),
            Some("Europe/Berlin")
        );
        assert_eq!(
            known_zone("/mozilla.org/20050126_1/America/New_York")
                .unwrap()
                .iana_name(),
            Some("America/New_York")
        );
        assert_eq!(
            display_name_zone("(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna")
                .unwrap()
                .iana_name(),
            Some("Europe/Amsterdam")
        );
        assert!(known_zone("Mars/Olympus_Mons").is_none());
        assert_eq!(
            windows_to_iana("Pacific Standard Time"),
            Some("America/Los_Angeles")
        );
        assert_eq!(windows_to_iana("GMT Standard Time"), Some("Europe/London"));
    }

    #[test]
    fn offsets() {
        assert_eq!(parse_offset("+0100"), Some(3600));
        assert_eq!(parse_offset("-0530"), Some(-19800));
        assert_eq!(parse_offset("0100"), None);
    }
}

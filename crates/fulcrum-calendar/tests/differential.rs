//! Differential test: random recurring series (rules, zones, EXDATEs,
//! overrides) expanded by us and, live, by python `recurring-ical-events`.
//!
//! Skips with a message when python3 cannot import the library, unless
//! `FULCRUM_REQUIRE_ORACLE=1`. Set `FULCRUM_DIFF_CASES` / `FULCRUM_DIFF_SEED`
//! to run more cases or another seed.
//!
//! The generator stays inside the area where we follow the oracle (see the
//! fixture manifest for the documented deviations): DTSTART is always an
//! instance of its first rule (the RFC leaves other cases undefined), timed
//! events start between 06:00 and 20:59 so no instance or end falls into a DST
//! gap, UNTIL has the type the RFC requires for the DTSTART, a BYDAY list never
//! mixes ordinal and plain weekdays (python-dateutil drops such rules), and no
//! EXDATE or RECURRENCE-ID equals another instance by UTC or wall-clock time
//! alone (python's loose matching).
//!
//! Within that area it writes the quirks real services publish, where we do
//! what python does: `X-WR-TIMEZONE` on the calendar (floating and UTC series
//! then repeat on its clock), a VTIMEZONE whose TZID is an IANA name in lower
//! case with rules of its own, DTEND before DTSTART or a negative DURATION,
//! several RRULEs on one event, `COUNT=0`, DATE EXDATEs and RECURRENCE-IDs on
//! timed series and DATE-TIME ones on all-day series, and RECURRENCE-IDs that
//! name no instance (added instances).
//!
//! `FULCRUM_DIFF_REPORT=1` prints the share of calendars that agree instead of
//! failing on the first difference (docs/performance.md records a large run).

mod common;

use fulcrum_calendar::Limits;
use jiff::civil::DateTime;
use jiff::tz::TimeZone;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // splitmix64
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }
    fn chance(&mut self, pct: u64) -> bool {
        self.below(100) < pct
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Zone {
    Tz(&'static str),
    /// A VTIMEZONE (fixed offset, minutes east of UTC) whose TZID is an IANA
    /// name in lower case: the file's definition wins.
    Custom(&'static str, i64),
    Utc,
    Floating,
    Date,
}

const ZONES: &[Zone] = &[
    Zone::Tz("Europe/Berlin"),
    Zone::Tz("America/New_York"),
    Zone::Tz("America/Los_Angeles"),
    Zone::Tz("Europe/London"),
    Zone::Tz("Asia/Kolkata"),
    Zone::Tz("Australia/Sydney"),
    Zone::Utc,
    Zone::Floating,
    Zone::Date,
];

/// Zones defined by a VTIMEZONE of the calendar ([`vtimezone`]).
const CUSTOM_ZONES: &[Zone] = &[
    Zone::Custom("europe/berlin", 180),
    Zone::Custom("america/new_york", -150),
];

/// Zones a calendar's X-WR-TIMEZONE names.
const XWR_ZONES: &[&str] = &[
    "Europe/Berlin",
    "America/New_York",
    "Asia/Kolkata",
    "Australia/Sydney",
];

const DAYS: &[&str] = &["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/// What one generated calendar says for all its events.
#[derive(Clone, Copy)]
struct Env {
    /// X-WR-TIMEZONE.
    xwr: Option<&'static str>,
}

impl Env {
    fn xwr_tz(&self) -> Option<TimeZone> {
        self.xwr.map(|n| TimeZone::get(n).expect("zone"))
    }

    /// The zone whose wall clock a series of `zone` repeats on, if it has one.
    fn clock(&self, zone: Zone) -> Option<TimeZone> {
        match zone {
            Zone::Tz(name) => Some(TimeZone::get(name).expect("zone")),
            Zone::Custom(_, off) => Some(fixed(off)),
            Zone::Utc | Zone::Floating => self.xwr_tz(),
            Zone::Date => None,
        }
    }

    /// Whether a series of `zone` may repeat at any hour (no DST change on its clock).
    fn no_dst(&self, zone: Zone) -> bool {
        match zone {
            Zone::Tz(name) => name == "Asia/Kolkata",
            Zone::Custom(..) => true,
            Zone::Utc | Zone::Floating => self.xwr.is_none_or(|n| n == "Asia/Kolkata"),
            Zone::Date => false,
        }
    }

    /// The ways python can identify an instance written as `d` in `zone`: its UTC
    /// time and its wall-clock time, both without zone.
    fn ids(&self, zone: Zone, d: DateTime) -> [DateTime; 2] {
        let utc_of = |tz: &TimeZone, local: DateTime| {
            TimeZone::UTC.to_datetime(tz.to_ambiguous_timestamp(local).compatible().expect("ts"))
        };
        match (zone, self.xwr_tz()) {
            (Zone::Tz(_) | Zone::Custom(..), _) => {
                [utc_of(&self.clock(zone).expect("clock"), d), d]
            }
            // Written in UTC, read on the calendar's clock.
            (Zone::Utc, Some(tz)) => {
                let ts = TimeZone::UTC.to_timestamp(d).expect("ts");
                [d, tz.to_datetime(ts)]
            }
            (Zone::Floating, Some(tz)) => [utc_of(&tz, d), d],
            _ => [d, d],
        }
    }
}

fn fixed(minutes: i64) -> TimeZone {
    TimeZone::fixed(jiff::tz::Offset::from_seconds((minutes * 60) as i32).expect("offset"))
}

/// The VTIMEZONE of a [`Zone::Custom`].
fn vtimezone(zone: Zone) -> String {
    let Zone::Custom(name, off) = zone else {
        return String::new();
    };
    let sign = if off < 0 { '-' } else { '+' };
    let off = format!("{sign}{:02}{:02}", off.abs() / 60, off.abs() % 60);
    format!(
        "BEGIN:VTIMEZONE\r\nTZID:{name}\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n\
         TZOFFSETFROM:{off}\r\nTZOFFSETTO:{off}\r\nTZNAME:CUSTOM\r\nEND:STANDARD\r\n\
         END:VTIMEZONE\r\n"
    )
}

fn fmt_local(dt: DateTime) -> String {
    dt.strftime("%Y%m%dT%H%M%S").to_string()
}

/// A property line for a local wall-clock value in `zone`.
fn prop(name: &str, zone: Zone, dt: DateTime, extra: &str) -> String {
    match zone {
        Zone::Tz(tz) | Zone::Custom(tz, _) => format!("{name}{extra};TZID={tz}:{}", fmt_local(dt)),
        Zone::Utc => format!("{name}{extra}:{}Z", fmt_local(dt)),
        Zone::Floating => format!("{name}{extra}:{}", fmt_local(dt)),
        Zone::Date => format!("{name}{extra};VALUE=DATE:{}", dt.strftime("%Y%m%d")),
    }
}

fn random_rule(rng: &mut Rng, env: Env, zone: Zone) -> String {
    let no_dst = env.no_dst(zone);
    let freqs: &[&str] = if zone == Zone::Date {
        &["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]
    } else if no_dst {
        &[
            "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "WEEKLY", "MONTHLY", "YEARLY",
        ]
    } else {
        &["DAILY", "WEEKLY", "WEEKLY", "MONTHLY", "MONTHLY", "YEARLY"]
    };
    let freq = *rng.pick(freqs);
    let mut parts = vec![format!("FREQ={freq}")];
    let interval = match freq {
        "MINUTELY" => rng.range(15, 400),
        "HOURLY" => rng.range(1, 30),
        _ => rng.range(1, 3),
    };
    if interval > 1 || rng.chance(20) {
        parts.push(format!("INTERVAL={interval}"));
    }
    let days = |rng: &mut Rng, ordinals: bool| {
        let n = rng.range(1, 3);
        // python-dateutil returns nothing at all when one BYDAY mixes ordinal
        // and plain weekdays (BYDAY=1MO,FR); see fixtures/mixed_byday.*. So a
        // generated list is either all ordinals or all plain days.
        let use_ordinals = ordinals && rng.chance(50);
        let mut v: Vec<String> = (0..n)
            .map(|_| {
                let d = *rng.pick(DAYS);
                if use_ordinals {
                    let o = *rng.pick(&[1, 2, 3, 4, -1, -2]);
                    format!("{o}{d}")
                } else {
                    d.to_string()
                }
            })
            .collect();
        v.sort();
        v.dedup();
        v.join(",")
    };
    match freq {
        "WEEKLY" => {
            if rng.chance(70) {
                parts.push(format!("BYDAY={}", days(rng, false)));
            }
            if rng.chance(30) {
                parts.push(format!("WKST={}", rng.pick(DAYS)));
            }
        }
        "MONTHLY" => match rng.below(4) {
            0 => parts.push(format!("BYDAY={}", days(rng, true))),
            1 => {
                let md = *rng.pick(&[1, 2, 15, 28, 29, 30, 31, -1, -2, -7]);
                parts.push(format!("BYMONTHDAY={md}"));
            }
            2 => {
                parts.push(format!("BYDAY={}", days(rng, false)));
                let sp = *rng.pick(&["1", "-1", "2", "1,-1", "3"]);
                parts.push(format!("BYSETPOS={sp}"));
            }
            _ => {}
        },
        "YEARLY" => match rng.below(6) {
            0 => {
                let wn = *rng.pick(&["1", "20", "-1", "1,26", "52", "53"]);
                parts.push(format!("BYWEEKNO={wn}"));
                parts.push(format!("BYDAY={}", days(rng, false)));
                if rng.chance(40) {
                    parts.push(format!("WKST={}", rng.pick(DAYS)));
                }
            }
            1 => {
                let yd = *rng.pick(&["1", "100", "-1", "60", "1,-1", "200,-100"]);
                parts.push(format!("BYYEARDAY={yd}"));
            }
            2 => {
                parts.push(format!("BYMONTH={}", rng.range(1, 12)));
                parts.push(format!("BYDAY={}", days(rng, true)));
            }
            3 => {
                parts.push(format!(
                    "BYDAY={}",
                    *rng.pick(&["1MO", "-1FR", "10TU", "-20SU"])
                ));
            }
            4 => {
                parts.push(format!("BYMONTH={},{}", rng.range(1, 6), rng.range(7, 12)));
            }
            _ => {}
        },
        "DAILY" => {
            if rng.chance(30) {
                parts.push(format!("BYDAY={}", days(rng, false)));
            }
            if rng.chance(20) {
                parts.push(format!("BYMONTH={}", rng.range(1, 12)));
            }
        }
        "HOURLY" => {
            if rng.chance(40) {
                parts.push(format!("BYHOUR={},{}", rng.range(6, 12), rng.range(13, 20)));
            }
        }
        _ => {
            if rng.chance(50) {
                parts.push(format!("BYHOUR={}", rng.range(6, 20)));
            }
        }
    }
    if zone != Zone::Date && matches!(freq, "DAILY" | "WEEKLY") && rng.chance(25) {
        parts.push(format!("BYHOUR={},{}", rng.range(6, 12), rng.range(13, 20)));
        if rng.chance(50) {
            parts.push("BYMINUTE=0,30".to_string());
        }
    }
    if rng.chance(30) {
        parts.push(format!("COUNT={}", rng.range(1, 40)));
    }
    parts.join(";")
}

/// A calendar around `body`, with the calendar's X-WR-TIMEZONE and the
/// VTIMEZONE of every custom zone its events name.
fn wrap(env: Env, body: &str) -> String {
    let mut head = String::new();
    if let Some(x) = env.xwr {
        head.push_str(&format!("X-WR-TIMEZONE:{x}\r\n"));
    }
    for &z in CUSTOM_ZONES {
        if let Zone::Custom(name, _) = z
            && body.contains(&format!("TZID={name}:"))
        {
            head.push_str(&vtimezone(z));
        }
    }
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//fulcrum//diff//EN\r\n{head}{body}END:VCALENDAR\r\n"
    )
}

/// The value as written in `zone` of an occurrence's start or end.
fn local_of(when: &fulcrum_calendar::When, env: Env, zone: Zone) -> DateTime {
    match (when, zone) {
        (fulcrum_calendar::When::Utc(ts), Zone::Utc) => TimeZone::UTC.to_datetime(*ts),
        (fulcrum_calendar::When::Utc(ts), _) => match env.clock(zone) {
            Some(tz) => tz.to_datetime(*ts),
            None => TimeZone::UTC.to_datetime(*ts),
        },
        (fulcrum_calendar::When::Floating(dt), _) => *dt,
        (fulcrum_calendar::When::Date(d), _) => d.to_datetime(jiff::civil::Time::midnight()),
    }
}

/// The UNTIL value that bounds a series of `zone` at the instant `ts` (or, for
/// floating and all-day series, the wall-clock value `local`), in the form RFC
/// 5545 requires; floating series of an X-WR-TIMEZONE calendar take UTC, since
/// python reads their DTSTART as zoned.
/// `;UNTIL=` at `shift` after the instance that starts at `at`, in the form RFC 5545
/// requires for this DTSTART.
fn until_after(
    env: Env,
    zone: Zone,
    at: &fulcrum_calendar::When,
    shift: jiff::SignedDuration,
) -> Option<String> {
    let local = local_of(at, env, zone).checked_add(shift).ok()?;
    let ts = at.to_timestamp(&TimeZone::UTC).checked_add(shift).ok()?;
    Some(format!(";UNTIL={}", until_value(env, zone, ts, local)))
}

fn until_value(env: Env, zone: Zone, ts: jiff::Timestamp, local: DateTime) -> String {
    match zone {
        Zone::Tz(_) | Zone::Custom(..) | Zone::Utc => {
            format!("{}Z", fmt_local(TimeZone::UTC.to_datetime(ts)))
        }
        Zone::Floating if env.xwr.is_some() => {
            format!("{}Z", fmt_local(TimeZone::UTC.to_datetime(ts)))
        }
        Zone::Floating => fmt_local(local),
        Zone::Date => local.strftime("%Y%m%d").to_string(),
    }
}

/// One random series (master plus optional EXDATEs and overrides) as VEVENT text.
fn random_series(rng: &mut Rng, env: Env, uid: &str) -> Option<String> {
    let zone = if rng.chance(8) {
        *rng.pick(CUSTOM_ZONES)
    } else {
        *rng.pick(ZONES)
    };
    let timed = zone != Zone::Date;
    let seed = jiff::civil::date(2024, 1, 1)
        .to_datetime(jiff::civil::time(
            if timed { rng.range(6, 20) as i8 } else { 0 },
            if timed {
                *rng.pick(&[0i8, 15, 30, 45])
            } else {
                0
            },
            0,
            0,
        ))
        .checked_add(jiff::SignedDuration::from_hours(24 * rng.range(-300, 300)))
        .ok()?;
    let rule = random_rule(rng, env, zone);
    // Move DTSTART onto an instance of the rule: expand from the seed without
    // COUNT and take the first rule-generated start after the seed itself.
    let open_rule: String = rule
        .split(';')
        .filter(|p| !p.starts_with("COUNT"))
        .collect::<Vec<_>>()
        .join(";");
    let probe = wrap(
        env,
        &format!(
            "BEGIN:VEVENT\r\nUID:probe\r\n{}\r\nRRULE:{open_rule}\r\nEND:VEVENT\r\n",
            prop("DTSTART", zone, seed, "")
        ),
    );
    let cal = fulcrum_calendar::Calendar::parse(&probe).ok()?;
    let from: jiff::Timestamp = "2022-01-01T00:00:00Z".parse().ok()?;
    let to: jiff::Timestamp = "2031-01-01T00:00:00Z".parse().ok()?;
    let probe_occ = cal.expand(from, to, &TimeZone::UTC);
    let first = probe_occ.get(1)?;
    let start = local_of(&first.start, env, zone);
    // The hour on the clock the series repeats on (a UTC series of an X-WR
    // calendar repeats on that calendar's clock).
    let clock_hour = match (zone, env.clock(zone)) {
        (Zone::Utc, Some(tz)) => tz
            .to_datetime(first.start.to_timestamp(&TimeZone::UTC))
            .hour(),
        _ => start.hour(),
    };
    if timed && !(6..=20).contains(&clock_hour) {
        return None;
    }
    let len_min = if timed {
        *rng.pick(&[0, 15, 30, 45, 60, 90, 120, 240])
    } else {
        24 * 60 * rng.range(1, 3)
    };
    let end = start
        .checked_add(jiff::SignedDuration::from_mins(len_min))
        .ok()?;
    let mut rule = rule;
    if !rule.contains("COUNT") && rng.chance(30) {
        // UNTIL in the form RFC 5545 requires for this DTSTART.
        let pick = probe_occ.get(rng.range(1, 25) as usize).unwrap_or(first);
        let shift = jiff::SignedDuration::from_mins(rng.range(-90, 90));
        rule.push_str(&until_after(env, zone, &pick.start, shift)?);
    } else if rule.contains("COUNT") && rng.chance(5) {
        // COUNT=0: the rule allows nothing, DTSTART stays.
        rule = rule
            .split(';')
            .map(|p| if p.starts_with("COUNT") { "COUNT=0" } else { p })
            .collect::<Vec<_>>()
            .join(";");
    }
    let mut rules = format!("RRULE:{rule}\r\n");
    if rng.chance(15) {
        // A second rule: the event is the union of both.
        let mut second = random_rule(rng, env, zone);
        if !second.contains("COUNT") && rng.chance(40) {
            let days = jiff::SignedDuration::from_hours(24 * rng.range(5, 200));
            second.push_str(&until_after(env, zone, &first.start, days)?);
        }
        // dateutil refuses a rule that can never occur and with it the whole
        // calendar; we warn and keep the rest. Only rules that occur are added.
        let alone = wrap(
            env,
            &format!(
                "BEGIN:VEVENT\r\nUID:probe\r\n{}\r\nRRULE:{second}\r\nEND:VEVENT\r\n",
                prop("DTSTART", zone, start, "")
            ),
        );
        let occurs = fulcrum_calendar::Calendar::parse(&alone).is_ok_and(|c| {
            c.expand_bounded(from, to, &TimeZone::UTC, &Limits::default())
                .warnings
                .is_empty()
        });
        if occurs {
            rules.push_str(&format!("RRULE:{second}\r\n"));
        }
    }
    // The two ends: now and then written the wrong way round (python swaps them).
    let ends = if len_min > 0 && rng.chance(10) {
        if rng.chance(50) {
            format!(
                "{}\r\n{}\r\n",
                prop("DTSTART", zone, end, ""),
                prop("DTEND", zone, start, "")
            )
        } else if timed {
            format!(
                "{}\r\nDURATION:-PT{len_min}M\r\n",
                prop("DTSTART", zone, end, "")
            )
        } else {
            format!(
                "{}\r\nDURATION:-P{}D\r\n",
                prop("DTSTART", zone, end, ""),
                len_min / (24 * 60)
            )
        }
    } else {
        format!(
            "{}\r\n{}\r\n",
            prop("DTSTART", zone, start, ""),
            prop("DTEND", zone, end, "")
        )
    };
    let mut text =
        format!("BEGIN:VEVENT\r\nUID:{uid}\r\n{ends}{rules}SUMMARY:series {uid}\r\nEND:VEVENT\r\n");
    // Instances of the final rules, to pick EXDATEs and overrides from.
    let cal = fulcrum_calendar::Calendar::parse(&wrap(env, &text)).ok()?;
    let every: Vec<DateTime> = cal
        .expand(from, to, &TimeZone::UTC)
        .iter()
        .map(|o| local_of(&o.start, env, zone))
        .collect();
    let instances: Vec<DateTime> = every.iter().copied().take(60).collect();
    if instances.is_empty() {
        return None;
    }
    // python matches EXDATE and RECURRENCE-ID by UTC *or* wall-clock time, so
    // an EXDATE whose UTC wall time equals another instance's local time
    // removes both (fixtures/loose_match.*). Only pick values where that
    // cannot happen.
    // (Against every instance: the one a loose match hits may come later.)
    let ids: Vec<[DateTime; 2]> = every.iter().map(|d| env.ids(zone, *d)).collect();
    let clashes = |mine: &[DateTime], skip: Option<usize>| {
        ids.iter()
            .enumerate()
            .any(|(j, other)| Some(j) != skip && other.iter().any(|o| mine.contains(o)))
    };
    let safe: Vec<DateTime> = instances
        .iter()
        .enumerate()
        .filter(|&(i, _)| !clashes(&ids[i], Some(i)))
        .map(|(_, d)| *d)
        .collect();
    if safe.is_empty() {
        return None;
    }
    // A DATE value names midnight to python, so it must not be any instance's
    // UTC or wall-clock midnight.
    let safe_date =
        |d: DateTime| !clashes(&[d.date().to_datetime(jiff::civil::Time::midnight())], None);
    let mut exdates = Vec::new();
    for _ in 0..rng.below(4) {
        exdates.push(*rng.pick(&safe));
    }
    let mut extra = String::new();
    if !exdates.is_empty() {
        let line = match zone {
            Zone::Tz(tz) | Zone::Custom(tz, _) => format!(
                "EXDATE;TZID={tz}:{}",
                exdates
                    .iter()
                    .map(|d| fmt_local(*d))
                    .collect::<Vec<_>>()
                    .join(",")
            ),
            _ => exdates
                .iter()
                .map(|d| prop("EXDATE", zone, *d, ""))
                .collect::<Vec<_>>()
                .join("\r\n"),
        };
        extra.push_str(&line);
        extra.push_str("\r\n");
    }
    // EXDATEs of the other value type: a DATE on a timed series removes its day,
    // a DATE-TIME at midnight on an all-day series removes that day.
    if rng.chance(15) {
        let d = *rng.pick(&safe);
        // The day on the series' clock (python compares DATE EXDATEs with it).
        let day = env.ids(zone, d)[1].date();
        let that_day: Vec<usize> = (0..every.len())
            .filter(|&i| ids[i][1].date() == day)
            .collect();
        if timed
            && safe_date(env.ids(zone, d)[1])
            && that_day.iter().all(|&i| safe.contains(&every[i]))
        {
            // Overrides of the day's instances would be dropped too: not picked.
            exdates.extend(that_day.iter().map(|&i| every[i]));
            extra.push_str(&prop(
                "EXDATE",
                Zone::Date,
                day.to_datetime(jiff::civil::Time::midnight()),
                "",
            ));
            extra.push_str("\r\n");
        } else if !timed {
            exdates.push(d);
            // In UTC only without X-WR-TIMEZONE, which would move it off midnight.
            let z = if env.xwr.is_none() && rng.chance(50) {
                Zone::Utc
            } else {
                Zone::Floating
            };
            extra.push_str(&prop("EXDATE", z, d, ""));
            extra.push_str("\r\n");
        }
    }
    text = text.replace("SUMMARY:series", &format!("{extra}SUMMARY:series"));
    let mut rids = Vec::new();
    for k in 0..rng.below(3) {
        let rid = *rng.pick(&safe);
        // One override per instance: python lets a superseded THISANDFUTURE
        // override keep steering later instances.
        if exdates.contains(&rid) || rids.contains(&rid) {
            continue;
        }
        rids.push(rid);
        let shift_days = rng.range(-3, 3);
        // python's X-WR-TIMEZONE step drops RANGE from the RECURRENCE-IDs it
        // converts (fixtures/x_wr_timezone.*): no THISANDFUTURE there.
        let converted = env.xwr.is_some() && matches!(zone, Zone::Utc | Zone::Floating);
        let range = if k == 0 && !converted && rng.chance(25) {
            ";RANGE=THISANDFUTURE"
        } else {
            ""
        };
        // How the RECURRENCE-ID is written: as the instance (the usual case); as
        // a time that is no instance (python and we add the override as an
        // instance of its own); or in the other value type.
        let rid_line = match rng.below(10) {
            0 if range.is_empty() && timed => {
                let odd = rid
                    .checked_add(jiff::SignedDuration::from_mins(24 * 60 + 7))
                    .ok()?;
                if clashes(&env.ids(zone, odd), None) {
                    continue;
                }
                prop("RECURRENCE-ID", zone, odd, "")
            }
            1 if range.is_empty() && timed && safe_date(env.ids(zone, rid)[1]) => {
                // A DATE RECURRENCE-ID names no timed instance: added, too.
                prop("RECURRENCE-ID", Zone::Date, env.ids(zone, rid)[1], "")
            }
            2 if range.is_empty() && !timed => prop("RECURRENCE-ID", Zone::Floating, rid, ""),
            _ => prop("RECURRENCE-ID", zone, rid, range),
        };
        // A THISANDFUTURE move only shifts days, so later instances keep
        // their 06:00-20:59 start times (away from DST changes).
        let new_start = if !timed || !range.is_empty() {
            rid.checked_add(jiff::SignedDuration::from_hours(24 * shift_days))
                .ok()?
        } else {
            let d = rid
                .date()
                .checked_add(jiff::SignedDuration::from_hours(24 * shift_days))
                .ok()?;
            d.to_datetime(jiff::civil::time(
                rng.range(6, 20) as i8,
                *rng.pick(&[0i8, 30]),
                0,
                0,
            ))
        };
        let new_len = if timed {
            *rng.pick(&[0i64, 30, 60])
        } else {
            24 * 60
        };
        let new_end = new_start
            .checked_add(jiff::SignedDuration::from_mins(new_len))
            .ok()?;
        let status = if rng.chance(30) {
            "STATUS:CANCELLED\r\n"
        } else {
            ""
        };
        // Now and then the override's ends are the wrong way round as well.
        let (a, b) = if new_len > 0 && rng.chance(10) {
            (new_end, new_start)
        } else {
            (new_start, new_end)
        };
        text.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:{uid}\r\n{rid_line}\r\n{}\r\n{}\r\n{status}SEQUENCE:{}\r\nSUMMARY:override\r\nEND:VEVENT\r\n",
            prop("DTSTART", zone, a, ""),
            prop("DTEND", zone, b, ""),
            k + 1,
        ));
    }
    Some(text)
}

#[test]
fn random_series_match_reference() {
    if !common::oracle_available("random_series_match_reference") {
        return;
    }
    let seed: u64 = std::env::var("FULCRUM_DIFF_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_240_611);
    let cases: usize = std::env::var("FULCRUM_DIFF_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(300);
    let mut rng = Rng(seed);
    let mut jobs = Vec::new();
    while jobs.len() < cases {
        let env = Env {
            xwr: rng.chance(20).then(|| *rng.pick(XWR_ZONES)),
        };
        let n = rng.range(1, 3);
        let mut body = String::new();
        for i in 0..n {
            if let Some(s) = random_series(&mut rng, env, &format!("s{}-{i}", jobs.len())) {
                body.push_str(&s);
            }
        }
        if body.is_empty() {
            continue;
        }
        let from = jiff::civil::date(2023, 1, 1)
            .to_datetime(jiff::civil::Time::midnight())
            .checked_add(jiff::SignedDuration::from_hours(rng.range(0, 365 * 3 * 24)))
            .expect("from");
        let days = *rng.pick(&[1i64, 7, 30, 90, 365, 730]);
        let to = from
            .checked_add(jiff::SignedDuration::from_hours(24 * days))
            .expect("to");
        let f = |d: DateTime| format!("{}Z", d.strftime("%Y-%m-%dT%H:%M:%S"));
        jobs.push((wrap(env, &body), f(from), f(to)));
    }
    let results = common::oracle_batch(&jobs);
    let mut failures = Vec::new();
    let mut total = 0;
    let mut compared = 0;
    for ((ics, from, to), want) in jobs.iter().zip(&results) {
        // A series cut short by our expansion limits (python has none) is not
        // comparable: the test checks what we expand, bombs.rs how we bound it.
        let Some(got) = ours_within_limits(ics, from, to) else {
            continue;
        };
        compared += 1;
        total += got.len();
        if &got != want {
            let missing: Vec<_> = want.iter().filter(|l| !got.contains(l)).take(5).collect();
            let extra: Vec<_> = got.iter().filter(|l| !want.contains(l)).take(5).collect();
            failures.push(format!(
                "window {from}..{to}\n{ics}\nmissing (python only): {missing:#?}\nextra (ours only): {extra:#?}\n"
            ));
        }
    }
    let agree = compared - failures.len();
    eprintln!(
        "{} cases, {} within the expansion limits, {total} occurrences compared, {} mismatches: \
         {agree} of {compared} calendars ({:.2} %) expand identically",
        jobs.len(),
        compared,
        failures.len(),
        100.0 * agree as f64 / compared.max(1) as f64
    );
    if let Ok(path) = std::env::var("FULCRUM_DIFF_DUMP") {
        let _ = std::fs::write(path, failures.join("\n=====\n"));
    }
    assert!(
        compared * 10 >= jobs.len() * 9,
        "only {compared} of {} cases stayed within the limits",
        jobs.len()
    );
    if std::env::var("FULCRUM_DIFF_REPORT").as_deref() == Ok("1") {
        return;
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ; first:\n{}",
        failures.len(),
        compared,
        failures.first().map(String::as_str).unwrap_or("")
    );
}

/// Our TSV lines, or `None` when an expansion limit cut a series short.
fn ours_within_limits(ics: &str, from: &str, to: &str) -> Option<Vec<String>> {
    let cal = fulcrum_calendar::Calendar::parse(ics).expect("parse");
    let x = cal.expand_bounded(
        from.parse().expect("from"),
        to.parse().expect("to"),
        &TimeZone::UTC,
        &Limits::default(),
    );
    let cut = x.warnings.iter().any(|w| {
        matches!(
            w.kind,
            fulcrum_calendar::WarningKind::Truncated
                | fulcrum_calendar::WarningKind::NotExpanded { .. }
        )
    });
    (!cut).then(|| {
        x.occurrences
            .iter()
            .map(fulcrum_calendar::tsv_line)
            .collect()
    })
}

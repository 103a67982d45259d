//! Manual time: what neither the calendar nor git shows (`fulcrum log`, `fulcrum timer`).
//!
//! A manual entry is an activity of kind `Manual`. Where it overlaps a meeting the meeting
//! keeps the minutes (it weighs more in the report), so logging "the afternoon on the RFC"
//! across a 1:1 never counts that half hour twice; the log says which meetings it overlaps.

use crate::activities;
use crate::error::{AppError, Result};
use crate::profile;
use fulcrum_core::{Activity, ActivityKind, Category, Profile, time};
use fulcrum_store::{ManualEntry, NewManualEntry, Store};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::Serialize;

/// The source manual activities show on the timeline.
pub const SOURCE: &str = "manual";
/// The rule name manual activities carry: the user chose the category.
pub const RULE: &str = "logged by hand";
/// Longest single entry: more than a day at once is a typo (`900m` for `90m`), not work.
pub const MAX_MINUTES: i64 = 24 * 60;

/// One entry as the CLI, the pages and the JSON show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ManualView {
    pub id: i64,
    pub start: Timestamp,
    /// `None` while the timer runs.
    pub end: Option<Timestamp>,
    /// Local `YYYY-MM-DDTHH:MM` in the user's zone.
    pub local_start: String,
    pub local_end: Option<String>,
    /// Minutes so far for a running timer.
    pub minutes: i64,
    pub category: Category,
    pub title: String,
    pub running: bool,
}

/// What `log` did, and the meetings that keep their minutes.
#[derive(Debug, Clone, Serialize)]
pub struct Logged {
    pub entry: ManualView,
    /// Meetings inside the logged span (title and overlapping minutes): they keep those minutes.
    pub overlaps: Vec<(String, i64)>,
}

fn ts(s: i64) -> Timestamp {
    Timestamp::from_second(s).unwrap_or(Timestamp::UNIX_EPOCH)
}

fn local(t: Timestamp, tz: &TimeZone) -> String {
    t.to_zoned_datetime(tz.clone())
        .datetime()
        .strftime("%Y-%m-%dT%H:%M")
        .to_string()
}

fn category_of(e: &ManualEntry) -> Category {
    e.category.parse().unwrap_or(Category::Other)
}

pub fn view(e: &ManualEntry, tz: &TimeZone, now: Timestamp) -> ManualView {
    let start = ts(e.start_at);
    let end = e.end_at.map(ts);
    let until = end.unwrap_or(now).max(start);
    ManualView {
        id: e.id,
        start,
        end,
        local_start: local(start, tz),
        local_end: end.map(|t| local(t, tz)),
        minutes: (until.as_second() - start.as_second()) / 60,
        category: category_of(e),
        title: e.title.clone(),
        running: e.end_at.is_none(),
    }
}

/// Reads a start time: `14:00` (today), `2026-12-01 14:00` / `2026-12-01T14:00` (local), or an
/// RFC 3339 instant with its offset.
pub fn parse_at(s: &str, now: Timestamp, tz: &TimeZone) -> Result<Timestamp> {
    let t = s.trim();
    let bad = || {
        AppError::invalid(
            "--at",
            format!(
                "--at {s:?}: write a time such as 14:00 (today), 2026-12-01 14:00, or 2026-12-01T14:00+01:00"
            ),
        )
    };
    if let Ok(instant) = t.parse::<Timestamp>() {
        return Ok(instant);
    }
    if let Ok(time_of_day) = time::parse_time_of_day(t) {
        return Ok(time::local_instant(
            time::local_date(now, tz),
            time_of_day,
            tz,
        ));
    }
    let (d, clock) = t.split_once(['T', ' ']).ok_or_else(bad)?;
    let date = time::parse_date(d).map_err(|_| bad())?;
    let time_of_day = time::parse_time_of_day(clock).map_err(|_| bad())?;
    Ok(time::local_instant(date, time_of_day, tz))
}

fn minutes(text: &str) -> Result<i64> {
    let m = time::parse_minutes(text).map_err(|e| AppError::invalid("duration", e))?;
    if m > MAX_MINUTES {
        return Err(AppError::invalid(
            "duration",
            format!(
                "{text} is more than a day; log each day on its own (at most {MAX_MINUTES} minutes)"
            ),
        ));
    }
    Ok(m)
}

fn category(text: &str) -> Result<Category> {
    text.parse::<Category>()
        .map_err(|e| AppError::invalid("category", e.to_string()))
}

fn title_or(title: &str, c: Category) -> String {
    let t = title.trim();
    if t.is_empty() {
        c.as_str().to_string()
    } else {
        t.to_string()
    }
}

pub struct LogRequest<'a> {
    /// `90m`, `1h30`, …
    pub duration: &'a str,
    pub category: &'a str,
    pub title: &'a str,
    /// When it started; without it the entry ends now.
    pub at: Option<&'a str>,
}

/// Logs time spent. It must have happened: an entry may not end after now.
pub async fn log(store: &dyn Store, req: LogRequest<'_>, now: Timestamp) -> Result<Logged> {
    let profile = profile::require(store).await?;
    let tz = profile.tz();
    let mins = minutes(req.duration)?;
    let cat = category(req.category)?;
    let span = 60 * mins;
    let start = match req.at {
        Some(at) => parse_at(at, now, &tz)?.as_second(),
        None => now.as_second() - span,
    };
    let end = start + span;
    if end > now.as_second() {
        return Err(AppError::invalid(
            "--at",
            format!(
                "{} from {} ends after now ({}): manual time is time already spent; start it earlier or log it later",
                req.duration.trim(),
                local(ts(start), &tz),
                local(now, &tz)
            ),
        ));
    }
    let entry = store
        .add_manual_entry(&NewManualEntry {
            start_at: start,
            end_at: Some(end),
            category: cat.as_str().into(),
            title: title_or(req.title, cat),
        })
        .await?;
    let overlaps = meetings_inside(store, &profile, start, end).await?;
    Ok(Logged {
        entry: view(&entry, &tz, now),
        overlaps,
    })
}

/// Meetings overlapping `[start, end)`, with the minutes they keep.
async fn meetings_inside(
    store: &dyn Store,
    profile: &Profile,
    start: i64,
    end: i64,
) -> Result<Vec<(String, i64)>> {
    Ok(store
        .events_between(start, end)
        .await?
        .iter()
        .filter(|e| e.others > 0 && activities::counts_as_time(e, profile))
        .map(|e| {
            let overlap = e.end_at.min(end) - e.start_at.max(start);
            (e.title.clone(), overlap / 60)
        })
        .filter(|(_, m)| *m > 0)
        .collect())
}

/// Starts the timer; one runs at a time.
pub async fn timer_start(
    store: &dyn Store,
    category_name: &str,
    title: &str,
    at: Option<&str>,
    now: Timestamp,
) -> Result<ManualView> {
    let profile = profile::require(store).await?;
    let tz = profile.tz();
    let cat = category(category_name)?;
    if let Some(running) = store.running_timer().await? {
        let v = view(&running, &tz, now);
        return Err(AppError::conflict(
            "running timer",
            format!(
                "a timer is already running: {} ({}) since {}",
                v.title, v.category, v.local_start
            ),
        ));
    }
    let start = match at {
        Some(at) => parse_at(at, now, &tz)?,
        None => now,
    };
    if start > now {
        return Err(AppError::invalid(
            "--at",
            "a timer cannot start in the future",
        ));
    }
    let e = store
        .add_manual_entry(&NewManualEntry {
            start_at: start.as_second(),
            end_at: None,
            category: cat.as_str().into(),
            title: title_or(title, cat),
        })
        .await?;
    Ok(view(&e, &tz, now))
}

/// What stopping the timer did.
#[derive(Debug, Clone, Serialize)]
pub enum Stopped {
    /// Logged as this entry.
    Logged(ManualView),
    /// It ran under a minute: nothing was kept.
    TooShort,
}

/// Stops the running timer at `at` (default now).
pub async fn timer_stop(store: &dyn Store, at: Option<&str>, now: Timestamp) -> Result<Stopped> {
    let profile = profile::require(store).await?;
    let tz = profile.tz();
    let mut running = store
        .running_timer()
        .await?
        .ok_or_else(|| AppError::conflict("no timer", "no timer is running"))?;
    let end = match at {
        Some(at) => parse_at(at, now, &tz)?.min(now),
        None => now,
    }
    .as_second();
    if end - running.start_at < 60 {
        if end < running.start_at {
            return Err(AppError::invalid(
                "--at",
                format!(
                    "the timer started at {}; it cannot stop before that",
                    local(ts(running.start_at), &tz)
                ),
            ));
        }
        store.delete_manual_entry(running.id).await?;
        return Ok(Stopped::TooShort);
    }
    running.end_at = Some(end);
    store.update_manual_entry(&running).await?;
    Ok(Stopped::Logged(view(&running, &tz, now)))
}

pub async fn timer_status(store: &dyn Store, now: Timestamp) -> Result<Option<ManualView>> {
    let profile = profile::require(store).await?;
    Ok(store
        .running_timer()
        .await?
        .map(|e| view(&e, &profile.tz(), now)))
}

/// Entries overlapping the local dates `[from, to)`.
pub async fn list(
    store: &dyn Store,
    from: jiff::civil::Date,
    to: jiff::civil::Date,
    now: Timestamp,
) -> Result<Vec<ManualView>> {
    let profile = profile::require(store).await?;
    let tz = profile.tz();
    let (a, b) = (time::day_start(from, &tz), time::day_start(to, &tz));
    Ok(store
        .manual_entries_between(a.as_second(), b.as_second())
        .await?
        .iter()
        .map(|e| view(e, &tz, now))
        .collect())
}

/// A change to one entry; `None` keeps what it was.
#[derive(Debug, Default, Clone)]
pub struct Edit {
    pub at: Option<String>,
    pub duration: Option<String>,
    pub category: Option<String>,
    pub title: Option<String>,
}

pub async fn edit(store: &dyn Store, id: i64, change: &Edit, now: Timestamp) -> Result<ManualView> {
    let profile = profile::require(store).await?;
    let tz = profile.tz();
    let mut e = store.manual_entry(id).await?;
    let length = e.end_at.map(|end| end - e.start_at);
    if let Some(at) = change.at.as_deref() {
        e.start_at = parse_at(at, now, &tz)?.as_second();
    }
    if let Some(c) = change.category.as_deref() {
        e.category = category(c)?.as_str().into();
    }
    if let Some(t) = change.title.as_deref() {
        e.title = title_or(t, category_of(&e));
    }
    match (change.duration.as_deref(), length) {
        (Some(d), _) if e.end_at.is_none() => {
            return Err(AppError::conflict(
                "running timer",
                format!("entry {id} is the running timer; stop it before giving it a length ({d})"),
            ));
        }
        (Some(d), _) => e.end_at = Some(e.start_at + 60 * minutes(d)?),
        (None, Some(len)) => e.end_at = Some(e.start_at + len),
        (None, None) => {}
    }
    if e.end_at.unwrap_or(e.start_at) > now.as_second() || e.start_at > now.as_second() {
        return Err(AppError::invalid(
            "--duration",
            format!("entry {id} would end after now: manual time is time already spent"),
        ));
    }
    store.update_manual_entry(&e).await?;
    Ok(view(&e, &tz, now))
}

pub async fn delete(store: &dyn Store, id: i64, now: Timestamp) -> Result<ManualView> {
    let profile = profile::require(store).await?;
    let e = store.delete_manual_entry(id).await?;
    Ok(view(&e, &profile.tz(), now))
}

/// The entries of `[from, to)` as activities; a running timer runs until now.
pub async fn load_activities(
    store: &dyn Store,
    from: Timestamp,
    to: Timestamp,
    now: Timestamp,
) -> Result<Vec<Activity>> {
    Ok(store
        .manual_entries_between(from.as_second(), to.as_second())
        .await?
        .iter()
        .filter_map(|e| {
            let start = ts(e.start_at);
            let end = e.end_at.map(ts).unwrap_or(now);
            (end > start).then(|| Activity {
                start,
                end,
                title: e.title.clone(),
                category: category_of(e),
                kind: ActivityKind::Manual,
                source: SOURCE.into(),
                rule: RULE.into(),
                others: 0,
                one_on_one: false,
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_times_read_the_way_people_write_them() {
        let tz = TimeZone::get("Europe/Berlin").unwrap();
        let now: Timestamp = "2026-12-02T15:00:00Z".parse().unwrap();
        let at = |s| parse_at(s, now, &tz).unwrap().to_string();
        assert_eq!(at("14:00"), "2026-12-02T13:00:00Z");
        assert_eq!(at("2026-12-01 09:30"), "2026-12-01T08:30:00Z");
        assert_eq!(at("2026-12-01T09:30"), "2026-12-01T08:30:00Z");
        assert_eq!(at("2026-12-01T09:30:00+00:00"), "2026-12-01T09:30:00Z");
        assert!(
            parse_at("yesterday", now, &tz)
                .unwrap_err()
                .to_string()
                .contains("--at")
        );
    }
}

//! Calendar files, folders and uploads: reading, checking and storing their events.

use super::subscription::calendar_url;
use super::{
    CalendarImport, HORIZON_FUTURE_YEARS, HORIZON_PAST_YEARS, LeftOut, MAX_CALENDAR_BYTES,
    occurrences_outcome,
};
use crate::error::{AppError, Result};
use crate::markdown::plural;
use crate::profile;
use fulcrum_calendar::{Calendar, Limits, Occurrence, Status, Transparency, Warning};
use fulcrum_core::Profile;
use fulcrum_core::away::ShowAs;
use fulcrum_store::{FolderFile, NewSource, Source, SourceKind, Store, StoredEvent};
use jiff::{Timestamp, ToSpan};
use std::path::{Path, PathBuf};

/// Imports a calendar file, every `.ics` file in a folder, or an `http(s)`/`webcal` URL.
pub async fn calendar(
    store: &dyn Store,
    target: &str,
    now: Timestamp,
) -> Result<Vec<CalendarImport>> {
    let target = check_target(target)?;
    let profile = profile::require(store).await?;
    tracing::info!(target, "importing a calendar");
    if is_url(target) {
        return Ok(vec![calendar_url(store, &profile, target, now).await?]);
    }
    let path = Path::new(target);
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        // A known file or folder that is gone says so in `fulcrum sources`.
        Err(e) => return Err(remember_failure(store, target, AppError::io(path, e)).await),
    };
    if !meta.is_dir() {
        return Ok(vec![calendar_file(store, &profile, path, now).await?]);
    }
    calendar_folder(store, &profile, path, now).await
}

/// Imports every `.ics` file of a folder, and remembers the folder as a source of its own, in
/// one transaction: files new to the folder are added, files gone from it are removed with
/// their events, a file none of whose events could be read keeps the events it had.
async fn calendar_folder(
    store: &dyn Store,
    profile: &Profile,
    path: &Path,
    now: Timestamp,
) -> Result<Vec<CalendarImport>> {
    let canonical = std::fs::canonicalize(path).map_err(|e| AppError::io(path, e))?;
    let location = canonical.display().to_string();
    let known = store.source_by_location(&location).await?;
    let files = match ics_files(&canonical) {
        Ok(f) => f,
        Err(e) => return Err(remember_failure(store, &location, e).await),
    };
    // A folder seen before may have been emptied: then its files go. A new one must hold some.
    if files.is_empty() && known.is_none() {
        return Err(AppError::invalid(
            "calendar",
            format!("{}: the folder holds no .ics files", path.display()),
        ));
    }
    // Parse every file before storing any, so one broken file leaves the store as it was.
    let mut parsed = Vec::with_capacity(files.len());
    for f in &files {
        let read = read_text(f).and_then(|text| parse(&text, &f.display().to_string()));
        match read {
            Ok(cal) => parsed.push((file_source(f)?, cal)),
            Err(e) => return Err(remember_failure(store, &location, e).await),
        }
    }
    let before: Vec<Source> = match &known {
        Some(k) => store
            .sources()
            .await?
            .into_iter()
            .filter(|s| s.parent_id == Some(k.id))
            .collect(),
        None => Vec::new(),
    };
    let mut prepared = Vec::with_capacity(parsed.len());
    let mut folder_files = Vec::with_capacity(parsed.len());
    for (source, cal) in parsed {
        let p = prepare(&cal, profile, now);
        folder_files.push(FolderFile {
            source,
            events: if p.problem.is_some() {
                Vec::new()
            } else {
                p.events.clone()
            },
            outcome: p.problem.clone().unwrap_or_else(|| p.outcome.clone()),
            ok: p.problem.is_none(),
        });
        prepared.push(p);
    }
    let added = folder_files
        .iter()
        .filter(|f| before.iter().all(|b| b.location != f.source.location))
        .count();
    let gone = before
        .iter()
        .filter(|b| folder_files.iter().all(|f| f.source.location != b.location))
        .count();
    let occurrences: usize = prepared
        .iter()
        .filter(|p| p.problem.is_none())
        .map(|p| p.events.len())
        .sum();
    let problems = prepared.iter().filter(|p| p.problem.is_some()).count();
    let mut outcome = format!(
        "{}, {}",
        plural(folder_files.len(), "file", "files"),
        plural(occurrences, "occurrence", "occurrences")
    );
    if known.is_some() && added > 0 {
        outcome.push_str(&format!("; {} new", plural(added, "file", "files")));
    }
    if gone > 0 {
        outcome.push_str(&format!(
            "; {} gone from the folder, removed",
            plural(gone, "file", "files")
        ));
    }
    if problems > 0 {
        outcome.push_str(&format!(
            "; {} nothing could be imported from",
            plural(problems, "file", "files")
        ));
    }
    let folder = NewSource {
        kind: SourceKind::CalendarFolder,
        name: canonical
            .file_name()
            .map_or_else(|| location.clone(), |n| n.to_string_lossy().into_owned()),
        location,
        etag: None,
        last_modified: None,
    };
    let stored = store
        .replace_folder(&folder, &folder_files, &outcome)
        .await?;
    let mut out: Vec<CalendarImport> = stored
        .files
        .into_iter()
        .zip(prepared)
        .map(|(source, p)| CalendarImport::new(source, p))
        .collect();
    out.extend(stored.removed.into_iter().map(|source| CalendarImport {
        source,
        events: 0,
        warnings: Vec::new(),
        left_out: LeftOut::default(),
        unchanged: false,
        problem: None,
        removed: true,
    }));
    Ok(out)
}

/// Imports a calendar uploaded through the web page. Uploading a file of the same name again
/// replaces its events, as re-importing a file does.
pub async fn calendar_upload(
    store: &dyn Store,
    file_name: &str,
    bytes: &[u8],
    now: Timestamp,
) -> Result<CalendarImport> {
    let profile = profile::require(store).await?;
    let name = Path::new(file_name).file_name().map_or_else(
        || "calendar.ics".to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    if bytes.len() as u64 > MAX_CALENDAR_BYTES {
        return Err(AppError::invalid(
            "calendar",
            format!(
                "{name}: larger than the {} MB a calendar may be",
                MAX_CALENDAR_BYTES / 1_000_000
            ),
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| AppError::Calendar {
        path: name.clone(),
        line: 1 + bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count(),
        message: "the file is not UTF-8 text; export the calendar again as an .ics file".into(),
    })?;
    let location = format!("upload:{name}");
    let cal = match parse(text, &name) {
        Ok(c) => c,
        Err(e) => return Err(remember_failure(store, &location, e).await),
    };
    let source = NewSource {
        kind: SourceKind::CalendarFile,
        location,
        name,
        etag: None,
        last_modified: None,
    };
    store_calendar(store, &profile, source, &cal, now).await
}

/// Refuses what cannot name a calendar before anything is read: nothing at all, or an
/// address of a kind Fulcrum does not fetch (which would otherwise be taken for a path).
fn check_target(target: &str) -> Result<&str> {
    let t = target.trim();
    if t.is_empty() {
        return Err(AppError::invalid(
            "calendar",
            "say which calendar to import: an .ics file, a folder of .ics files, or an \
             http(s):// or webcal:// address",
        ));
    }
    if let Some((scheme, _)) = t.split_once("://")
        && !scheme.is_empty()
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
        && !is_url(t)
    {
        return Err(AppError::invalid(
            "calendar",
            format!(
                "{t}: Fulcrum does not fetch {scheme}:// addresses; give an http://, https:// or \
             webcal:// address, or download the calendar and import the file"
            ),
        ));
    }
    Ok(t)
}

fn is_url(s: &str) -> bool {
    let l = s.to_ascii_lowercase();
    l.starts_with("http://") || l.starts_with("https://") || l.starts_with("webcal://")
}

fn ics_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| AppError::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x.eq_ignore_ascii_case("ics")))
        .collect();
    files.sort();
    Ok(files)
}

fn read_text(path: &Path) -> Result<String> {
    let meta = std::fs::metadata(path).map_err(|e| AppError::io(path, e))?;
    if meta.len() > MAX_CALENDAR_BYTES {
        return Err(AppError::invalid(
            "calendar",
            format!(
                "{}: {} MB is larger than the {} MB a calendar may be",
                path.display(),
                meta.len() / 1_000_000,
                MAX_CALENDAR_BYTES / 1_000_000
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| AppError::io(path, e))?;
    String::from_utf8(bytes).map_err(|e| AppError::Calendar {
        path: path.display().to_string(),
        line: 1 + e.as_bytes()[..e.utf8_error().valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count(),
        message: "the file is not UTF-8 text; export the calendar again as an .ics file".into(),
    })
}

/// Parses calendar text, naming `shown` (a path or URL) in errors.
pub fn parse(text: &str, shown: &str) -> Result<Calendar> {
    Calendar::parse(text).map_err(|e| AppError::Calendar {
        path: shown.to_string(),
        line: e.line,
        message: e.message,
    })
}

fn file_source(path: &Path) -> Result<NewSource> {
    let canonical = std::fs::canonicalize(path).map_err(|e| AppError::io(path, e))?;
    Ok(NewSource {
        kind: SourceKind::CalendarFile,
        name: canonical.file_name().map_or_else(
            || canonical.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
        location: canonical.display().to_string(),
        etag: None,
        last_modified: None,
    })
}

async fn calendar_file(
    store: &dyn Store,
    profile: &Profile,
    path: &Path,
    now: Timestamp,
) -> Result<CalendarImport> {
    let source = file_source(path)?;
    match read_text(path).and_then(|text| parse(&text, &path.display().to_string())) {
        Ok(cal) => store_calendar(store, profile, source, &cal, now).await,
        Err(e) => Err(remember_failure(store, &source.location, e).await),
    }
}

/// Notes a failed import on a source the store already knows, then hands the error back.
pub(super) async fn remember_failure(store: &dyn Store, location: &str, e: AppError) -> AppError {
    if let Ok(Some(s)) = store.source_by_location(location).await {
        let _ = store.record_failure(s.id, &e.to_string()).await;
    }
    e
}

/// A calendar expanded and checked, ready to be stored.
struct Prepared {
    events: Vec<StoredEvent>,
    warnings: Vec<String>,
    left_out: LeftOut,
    /// The summary stored with the source: `3 occurrences; 1 property ignored`.
    outcome: String,
    /// Set when nothing usable came out of the file.
    problem: Option<String>,
}

impl CalendarImport {
    fn new(source: Source, prepared: Prepared) -> CalendarImport {
        CalendarImport {
            source,
            events: if prepared.problem.is_some() {
                0
            } else {
                prepared.events.len()
            },
            warnings: prepared.warnings,
            left_out: prepared.left_out,
            unchanged: false,
            problem: prepared.problem,
            removed: false,
        }
    }
}

fn prepare(cal: &Calendar, profile: &Profile, now: Timestamp) -> Prepared {
    let tz = profile.tz();
    let from = now
        .checked_sub((HORIZON_PAST_YEARS * 8766).hours())
        .unwrap_or(now);
    let to = now
        .checked_add((HORIZON_FUTURE_YEARS * 8766).hours())
        .unwrap_or(now);
    // A subscribed calendar is written by someone else: its recurrence rules are
    // expanded within limits, and what they cut off is reported like a skipped event.
    let expansion = cal.expand_bounded(from, to, &tz, &Limits::default());
    let events: Vec<StoredEvent> = expansion
        .occurrences
        .iter()
        .map(|o| stored_event(o, profile, &tz))
        .collect();
    let all_warnings = || cal.warnings().iter().chain(&expansion.warnings);
    let warnings: Vec<String> = all_warnings().map(Warning::to_string).collect();
    let left_out = LeftOut::of(all_warnings());
    let outcome = occurrences_outcome(events.len(), &left_out);
    let problem = nothing_usable(events.len(), &left_out, &warnings);
    Prepared {
        events,
        warnings,
        left_out,
        outcome,
        problem,
    }
}

/// Why a calendar gave nothing to store although it had events: every one was skipped (or
/// not expanded). Such a file is not a calendar with nothing in it: storing its "nothing"
/// would wipe the events of its last good import and show it as fine.
fn nothing_usable(occurrences: usize, left_out: &LeftOut, warnings: &[String]) -> Option<String> {
    if occurrences > 0 || left_out.events_skipped + left_out.events_not_expanded == 0 {
        return None;
    }
    let mut why = format!(
        "none of its events could be read ({}), so its events were left as they were",
        left_out.describe()
    );
    if let Some(first) = warnings.first() {
        why.push_str(&format!("; the first: {first}"));
    }
    Some(why)
}

pub(super) async fn store_calendar(
    store: &dyn Store,
    profile: &Profile,
    source: NewSource,
    cal: &Calendar,
    now: Timestamp,
) -> Result<CalendarImport> {
    let prepared = prepare(cal, profile, now);
    let stored = match &prepared.problem {
        Some(problem) => store.record_problem(&source, problem).await?,
        None => {
            store
                .replace_events(&source, &prepared.events, &prepared.outcome)
                .await?
        }
    };
    Ok(CalendarImport::new(stored, prepared))
}

/// One occurrence as the store keeps it, with the user's own answer to the invitation.
fn stored_event(o: &Occurrence<'_>, profile: &Profile, tz: &jiff::tz::TimeZone) -> StoredEvent {
    let e = o.event;
    let title = e.summary.clone().unwrap_or_default();
    let start = o.start_timestamp(tz).as_second();
    let uid = e.uid.clone().unwrap_or_else(|| {
        format!(
            "no-uid:{:016x}",
            fnv(&format!("{title}\u{0}{}", o.master.unwrap_or(e).start.when))
        )
    });
    let me = e.attendees.iter().find(|a| profile.is_me(&a.email));
    let organizer_is_me = e.organizer.as_deref().is_some_and(|o| profile.is_me(o));
    let my_response = match (me.and_then(|a| a.partstat.as_deref()), organizer_is_me) {
        (_, true) => "organizer".to_string(),
        (Some(p), false) => p.to_ascii_lowercase(),
        (None, false) if me.is_some() => "needs-action".to_string(),
        _ => "none".to_string(),
    };
    // Rooms and equipment are not people; neither is the user.
    let people: Vec<String> = e
        .attendees
        .iter()
        .filter(|a| {
            !a.cutype.as_deref().is_some_and(|c| {
                c.eq_ignore_ascii_case("ROOM") || c.eq_ignore_ascii_case("RESOURCE")
            })
        })
        .map(|a| a.email.clone())
        .collect();
    let mut others = people.iter().filter(|a| !profile.is_me(a)).count() as u32;
    if others == 0 && e.organizer.as_deref().is_some_and(|o| !profile.is_me(o)) && me.is_some() {
        // Invited by someone who did not list themselves: they are there too.
        others = 1;
    }
    StoredEvent {
        source_id: 0,
        uid,
        recurrence_id: o.recurrence_id.map(|r| r.to_string()).unwrap_or_default(),
        start_at: start,
        end_at: o.end_timestamp(tz).as_second().max(start),
        all_day: o.is_all_day(),
        show_as: ShowAs::from_properties(
            e.transp.as_ref().map(|t| *t == Transparency::Transparent),
            e.busy_status.as_deref(),
            o.is_all_day(),
        )
        .as_str()
        .into(),
        title,
        status: match o.status() {
            Some(Status::Cancelled) => "cancelled",
            Some(Status::Tentative) => "tentative",
            _ => "confirmed",
        }
        .into(),
        my_response,
        others,
        attendees: people,
        organizer: e.organizer.clone(),
    }
}

/// A stable 64-bit hash for keys of events without a UID.
fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

//! Importing sources: calendar files, folders and subscriptions, and git repositories.
//!
//! Every import of one source is one store transaction: a file that fails to parse changes
//! nothing, and re-importing the same or an updated file replaces its events. A folder is a
//! source of its own whose files are imported together, in one transaction: a refresh reads
//! the files added to it and removes, with their events, the files gone from it.

use crate::error::{AppError, Result};
use crate::markdown::plural;
use crate::profile;
use fulcrum_calendar::{Calendar, Limits, Occurrence, Status, Transparency, Warning, WarningKind};
use fulcrum_core::away::ShowAs;
use fulcrum_core::{Profile, time};
use fulcrum_store::{FolderFile, NewSource, Source, SourceKind, Store, StoredCommit, StoredEvent};
use jiff::{Timestamp, ToSpan};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How far back and ahead calendar series are expanded. A refresh moves the window on.
pub const HORIZON_PAST_YEARS: i64 = 10;
pub const HORIZON_FUTURE_YEARS: i64 = 1;

/// Largest calendar file or download accepted.
pub const MAX_CALENDAR_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, Clone, Serialize)]
pub struct CalendarImport {
    pub source: Source,
    /// Occurrences stored for the source.
    pub events: usize,
    /// What was skipped, ignored or cut short, each with its line and UID.
    pub warnings: Vec<String>,
    /// The same warnings counted by what they cost.
    pub left_out: LeftOut,
    /// The subscription answered "not modified": nothing was read.
    pub unchanged: bool,
    /// Why nothing could be imported from the file (every event was skipped), when that is
    /// so: its events were left as they were and the import counts as failed.
    pub problem: Option<String>,
    /// The file is gone from its folder: its source and events were removed.
    pub removed: bool,
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

/// What an import left out, counted from the kind of each warning, so a summary says
/// "1 property ignored" rather than calling every warning a skipped component.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct LeftOut {
    /// Events skipped whole (an unreadable date, zone or rule).
    pub events_skipped: usize,
    /// Unreadable lines dropped from components that were kept.
    pub properties_ignored: usize,
    /// Events whose recurrence an expansion limit cut short.
    pub events_cut_short: usize,
    /// Events not expanded at all because the calendar reached an expansion limit.
    pub events_not_expanded: usize,
    /// Recurrence rules that can never occur (their events keep DTSTART).
    pub rules_never_occurring: usize,
}

impl LeftOut {
    pub fn of<'w>(warnings: impl IntoIterator<Item = &'w Warning>) -> LeftOut {
        let mut n = LeftOut::default();
        for w in warnings {
            match w.kind {
                WarningKind::EventSkipped => n.events_skipped += 1,
                WarningKind::PropertyIgnored => n.properties_ignored += 1,
                WarningKind::Truncated => n.events_cut_short += 1,
                WarningKind::NotExpanded { events } => n.events_not_expanded += events,
                WarningKind::NeverOccurs => n.rules_never_occurring += 1,
            }
        }
        n
    }

    fn add(&mut self, o: &LeftOut) {
        self.events_skipped += o.events_skipped;
        self.properties_ignored += o.properties_ignored;
        self.events_cut_short += o.events_cut_short;
        self.events_not_expanded += o.events_not_expanded;
        self.rules_never_occurring += o.rules_never_occurring;
    }

    pub fn is_empty(&self) -> bool {
        *self == LeftOut::default()
    }

    /// `1 property ignored; 2 events skipped`, or nothing when nothing was left out.
    pub fn describe(&self) -> String {
        let parts = [
            (self.events_skipped, "event skipped", "events skipped"),
            (
                self.properties_ignored,
                "property ignored",
                "properties ignored",
            ),
            (self.events_cut_short, "event cut short", "events cut short"),
            (
                self.events_not_expanded,
                "event not expanded",
                "events not expanded",
            ),
            (
                self.rules_never_occurring,
                "rule that can never occur",
                "rules that can never occur",
            ),
        ];
        parts
            .iter()
            .filter(|(n, _, _)| *n > 0)
            .map(|&(n, one, many)| plural(n, one, many))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// `3 occurrences` or `3 occurrences; 1 property ignored`.
pub fn occurrences_outcome(occurrences: usize, left_out: &LeftOut) -> String {
    let n = plural(occurrences, "occurrence", "occurrences");
    if left_out.is_empty() {
        n
    } else {
        format!("{n}; {}", left_out.describe())
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct GitImport {
    pub source: Source,
    pub new_commits: u64,
    /// The repository had no new commits since the last scan.
    pub unchanged: bool,
    /// A repository scanned before was read again from the start, because the e-mails that
    /// are you changed since its last scan.
    pub rescanned: bool,
}

/// Reports progress of long work (commits walked, files read).
pub type Progress = Arc<dyn Fn(u64) + Send + Sync>;

pub fn no_progress() -> Progress {
    Arc::new(|_| {})
}

/// Imports a calendar file, every `.ics` file in a folder, or an `http(s)`/`webcal` URL.
pub async fn calendar(
    store: &dyn Store,
    target: &str,
    now: Timestamp,
) -> Result<Vec<CalendarImport>> {
    let target = check_target(target)?;
    let profile = profile::require(store).await?;
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
async fn remember_failure(store: &dyn Store, location: &str, e: AppError) -> AppError {
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

async fn store_calendar(
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

async fn calendar_url(
    store: &dyn Store,
    profile: &Profile,
    url: &str,
    now: Timestamp,
) -> Result<CalendarImport> {
    let url = if url.to_ascii_lowercase().starts_with("webcal://") {
        format!("https://{}", &url["webcal://".len()..])
    } else {
        url.to_string()
    };
    let known = store.source_by_location(&url).await?;
    let validators = known
        .as_ref()
        .map(|s| (s.etag.clone(), s.last_modified.clone()))
        .unwrap_or_default();
    let fetch_url = url.clone();
    let fetched =
        tokio::task::spawn_blocking(move || fetch(&fetch_url, validators.0, validators.1))
            .await
            .map_err(|e| AppError::Fetch {
                url: url.clone(),
                message: e.to_string(),
            })?;
    let fetched = match fetched {
        Ok(f) => f,
        Err(e) => return Err(remember_failure(store, &url, e).await),
    };
    let Some(body) = fetched.body else {
        let source = known.ok_or_else(|| AppError::Fetch {
            url: url.clone(),
            message: "the server answered 'not modified' to a first request".into(),
        })?;
        return Ok(CalendarImport {
            source,
            events: 0,
            warnings: Vec::new(),
            left_out: LeftOut::default(),
            unchanged: true,
            problem: None,
            removed: false,
        });
    };
    let cal = match parse(&body, &url) {
        Ok(c) => c,
        Err(e) => return Err(remember_failure(store, &url, e).await),
    };
    let source = NewSource {
        kind: SourceKind::CalendarUrl,
        name: url_name(&url),
        location: url,
        etag: fetched.etag,
        last_modified: fetched.last_modified,
    };
    store_calendar(store, profile, source, &cal, now).await
}

/// A short name for a subscription: its host, never the secret path.
fn url_name(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?']).next().unwrap_or(rest).to_string()
}

struct Fetched {
    /// `None` when the server said the calendar has not changed.
    body: Option<String>,
    etag: Option<String>,
    last_modified: Option<String>,
}

fn fetch(url: &str, etag: Option<String>, last_modified: Option<String>) -> Result<Fetched> {
    let err = |message: String| AppError::Fetch {
        url: url.to_string(),
        message,
    };
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(std::time::Duration::from_secs(60)))
        .http_status_as_error(false)
        .build()
        .into();
    let mut req = agent.get(url).header("Accept", "text/calendar, */*;q=0.5");
    if let Some(e) = &etag {
        req = req.header("If-None-Match", e);
    }
    if let Some(m) = &last_modified {
        req = req.header("If-Modified-Since", m);
    }
    let mut resp = req
        .call()
        .map_err(|e| err(format!("cannot fetch the calendar: {e}")))?;
    let status = resp.status().as_u16();
    let header = |name: &str| {
        resp.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let (new_etag, new_modified) = (header("etag"), header("last-modified"));
    if status == 304 {
        return Ok(Fetched {
            body: None,
            etag,
            last_modified,
        });
    }
    if !(200..300).contains(&status) {
        return Err(err(format!(
            "the server answered HTTP {status}; check that the subscription address is still valid"
        )));
    }
    let body = resp
        .body_mut()
        .with_config()
        .limit(MAX_CALENDAR_BYTES)
        .read_to_string()
        .map_err(|e| err(format!("cannot read the calendar: {e}")))?;
    Ok(Fetched {
        body: Some(body),
        etag: new_etag,
        last_modified: new_modified,
    })
}

/// Commits handed from the repository walk to the store at a time.
const COMMIT_BATCH: usize = 2000;

/// The scan cursor a git source keeps: the ref tips the last scan saw and the e-mails it
/// looked for.
///
/// Only the user's commits are stored, matched by their e-mails when the repository is read.
/// The tips alone cannot say whether an address added since was looked for: with them, the
/// next scan would find "no new commits" while the new address's commits sit in history
/// already read. So the cursor also records the e-mail set, and when the profile's set differs
/// (an address added or dropped, or a cursor written before this was recorded) the whole
/// history is read again and the repository's commits become exactly those of the current
/// addresses, new ones counted as new. The other design, storing every author's commits and
/// filtering at read time, would keep other people's names and messages in the store (tens
/// of thousands in a large repository) to save a rescan that happens only when the e-mails
/// change, and a full read is as fast as `git log`.
#[derive(Debug, Serialize, Deserialize)]
struct ScanCursor {
    #[serde(flatten)]
    refs: fulcrum_git::Cursor,
    /// Sorted, lower-case; absent in cursors of earlier versions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    emails: Option<Vec<String>>,
}

/// The profile's e-mails as a cursor records them.
fn email_set(profile: &Profile) -> Vec<String> {
    let mut emails: Vec<String> = profile
        .emails
        .iter()
        .map(|e| e.trim().to_lowercase())
        .collect();
    emails.sort();
    emails.dedup();
    emails
}

/// Imports the user's commits from a git repository (work tree or bare), incrementally. The
/// walk runs on a blocking thread and hands batches to the store as it goes, so reading the
/// repository and writing the store overlap; it is still one transaction.
pub async fn git(store: &dyn Store, path: &Path, progress: Progress) -> Result<GitImport> {
    let profile = profile::require(store).await?;
    let shown = path.display().to_string();
    let canonical = std::fs::canonicalize(path).map_err(|e| AppError::Git {
        path: shown.clone(),
        message: format!(
            "cannot open the repository: {e}; pass the repository's top folder or a bare repository"
        ),
    })?;
    let location = canonical.display().to_string();
    let known = store.source_by_location(&location).await?;
    let emails = email_set(&profile);
    // A cursor is only good for the e-mails it was made with (see `ScanCursor`).
    let cursor: Option<fulcrum_git::Cursor> = known
        .as_ref()
        .and_then(|s| s.git_cursor.as_deref())
        .and_then(|c| serde_json::from_str::<ScanCursor>(c).ok())
        .filter(|c| c.emails.as_ref() == Some(&emails))
        .map(|c| c.refs);
    let full = cursor.is_none();
    let source = NewSource {
        kind: SourceKind::Git,
        name: canonical.file_name().map_or_else(
            || location.clone(),
            |n| n.to_string_lossy().trim_end_matches(".git").to_string(),
        ),
        location: location.clone(),
        etag: None,
        last_modified: None,
    };

    let identity = fulcrum_git::Identity::new(profile.emails.iter().cloned());
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Vec<StoredCommit>>(4);
    let walk = tokio::task::spawn_blocking(move || {
        let mut batch = Vec::with_capacity(COMMIT_BATCH);
        let mut sink = |c: fulcrum_git::Commit| {
            batch.push(stored_commit(c));
            if batch.len() == COMMIT_BATCH {
                // A closed channel means the store gave up; the walk's result is unused then.
                let _ = tx.blocking_send(std::mem::replace(
                    &mut batch,
                    Vec::with_capacity(COMMIT_BATCH),
                ));
            }
        };
        let summary = fulcrum_git::scan_each(
            &canonical,
            &identity,
            cursor.as_ref(),
            &mut |n| progress(n),
            &mut sink,
        );
        if !batch.is_empty() {
            let _ = tx.blocking_send(batch);
        }
        summary
    });

    let mut import = if full {
        store.begin_commit_rescan(&source).await?
    } else {
        store.begin_commits(&source).await?
    };
    let (mut new_commits, mut found) = (0u64, 0usize);
    while let Some(batch) = rx.recv().await {
        found += batch.len();
        new_commits += import.add(&batch).await?;
    }
    let summary = match walk.await {
        Ok(Ok(s)) => s,
        Ok(Err(e)) => {
            drop(import);
            return Err(remember_failure(store, &location, e.into()).await);
        }
        Err(e) => {
            return Err(AppError::Git {
                path: shown,
                message: e.to_string(),
            });
        }
    };
    if let (true, Some(source)) = (summary.unchanged, &known) {
        // Nothing moved: leave the store exactly as it was.
        drop(import);
        return Ok(GitImport {
            source: source.clone(),
            new_commits: 0,
            unchanged: true,
            rescanned: false,
        });
    }
    // A full read counts the whole history; an incremental one adds what is new to it.
    let total = if full {
        Some(summary.examined)
    } else {
        known
            .as_ref()
            .and_then(|k| k.repository_commits)
            .map(|t| t + summary.examined)
    };
    if let Some(total) = total {
        import.set_repository_commits(total).await?;
    }
    let cursor = serde_json::to_string(&ScanCursor {
        refs: summary.cursor,
        emails: Some(emails),
    })
    .unwrap_or_default();
    let outcome = format!("{found} of your commits found, {new_commits} new");
    let source = import.finish(&cursor, &outcome).await?;
    Ok(GitImport {
        source,
        new_commits,
        unchanged: false,
        rescanned: full && known.is_some(),
    })
}

fn stored_commit(c: fulcrum_git::Commit) -> StoredCommit {
    StoredCommit {
        oid: c.id,
        source_id: 0,
        author_at: c.author_time,
        author_offset: c.author_offset_seconds,
        email: c.author_email,
        summary: c.summary,
    }
}

/// What `fulcrum refresh` did for one source.
#[derive(Debug, Clone, Serialize)]
pub struct Refreshed {
    pub source: String,
    pub ok: bool,
    pub result: String,
}

/// Re-imports every known source: subscriptions are re-fetched, files re-read, repositories
/// rescanned. One source failing does not stop the others.
pub async fn refresh_all(
    store: &dyn Store,
    now: Timestamp,
    progress: Progress,
) -> Result<Vec<Refreshed>> {
    let mut out = Vec::new();
    for s in store.sources().await? {
        if s.parent_id.is_some() {
            // A file of a folder is read when its folder is.
            continue;
        }
        let result = match s.kind {
            SourceKind::Git => git(store, Path::new(&s.location), progress.clone())
                .await
                .map(|g| (true, describe_git(&g))),
            SourceKind::CalendarFile if s.location.starts_with("upload:") => Ok((
                true,
                "uploaded: upload the file again to update it".to_string(),
            )),
            SourceKind::CalendarFile | SourceKind::CalendarUrl | SourceKind::CalendarFolder => {
                calendar(store, &s.location, now).await.map(|imports| {
                    (
                        imports.iter().all(|i| i.problem.is_none()),
                        describe_calendar(&imports),
                    )
                })
            }
        };
        out.push(match result {
            Ok((ok, r)) => Refreshed {
                source: s.location,
                ok,
                result: r,
            },
            Err(e) => Refreshed {
                source: s.location,
                ok: false,
                result: e.to_string(),
            },
        });
    }
    Ok(out)
}

/// `no new commits`, `3 new commits`, or, after a full read, what caused it.
pub fn describe_git(g: &GitImport) -> String {
    let new = plural(g.new_commits, "new commit", "new commits");
    if g.unchanged {
        "no new commits".into()
    } else if g.rescanned {
        format!("{new} (the whole history was read again for your current e-mails)")
    } else {
        new
    }
}

/// What a calendar import did, in one line: occurrences and what was left out, files of a
/// folder added and removed, and the files nothing could be imported from.
pub fn describe_calendar(imports: &[CalendarImport]) -> String {
    if imports.iter().all(|i| i.unchanged) {
        return "not modified".into();
    }
    let events: usize = imports.iter().map(|i| i.events).sum();
    let mut left_out = LeftOut::default();
    for i in imports {
        left_out.add(&i.left_out);
    }
    let mut s = occurrences_outcome(events, &left_out);
    let removed: Vec<&str> = imports
        .iter()
        .filter(|i| i.removed)
        .map(|i| i.source.name.as_str())
        .collect();
    if !removed.is_empty() {
        s.push_str(&format!(
            "; gone from the folder, removed with their events: {}",
            removed.join(", ")
        ));
    }
    for i in imports {
        if let Some(p) = &i.problem {
            s.push_str(&format!("; {}: {p}", i.source.name));
        }
    }
    s
}

/// The local date range a calendar import covers, for messages.
pub fn horizon(now: Timestamp, tz: &jiff::tz::TimeZone) -> (jiff::civil::Date, jiff::civil::Date) {
    let today = time::local_date(now, tz);
    (
        today
            .checked_sub((HORIZON_PAST_YEARS as i32).years())
            .unwrap_or(today),
        today
            .checked_add((HORIZON_FUTURE_YEARS as i32).years())
            .unwrap_or(today),
    )
}

//! Delivery metrics: the four DORA keys (deployment frequency, lead time for changes, change
//! failure rate, time to restore) from a deploy log or a repository's tags, the repository's
//! commits and the incidents. Reading the log's text, matching tags and every number here are
//! pure; the git history and the incident register come in as plain data.

#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::time::{add_days, day_start, days_between};

word_enum! {
    /// How a deployment went. A failure is a deployment that reached production and degraded
    /// it: it counts as a deployment, delivers its commits, and counts as a change failure.
    #[derive(Default)]
    pub enum DeployStatus {
        /// A log that does not say how a deployment went means it went well.
        #[default]
        Success = "success",
        Failure = "failure",
    }
}

/// One deployment to production.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deploy {
    pub deployed_at: Timestamp,
    /// The deployed commit, in lower-case hex, 4 to 40 characters (a log may abbreviate it).
    pub commit: String,
    /// The service deployed, for logs that hold several.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    #[serde(default)]
    pub status: DeployStatus,
}

/// Why a deploy log could not be read: where, and what to write instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeployError {
    #[error(
        "the deploy log is empty: write a header row such as deployed_at,commit,service,status \
         and one deployment a line, or one JSON object a line"
    )]
    Empty,
    #[error("the header has no \"{0}\" column: a deploy log needs deployed_at and commit")]
    MissingColumn(&'static str),
    #[error("the header has two \"{0}\" columns: keep one")]
    DuplicateColumn(&'static str),
    #[error(
        "line {line}: {found} fields where the header has {expected} columns: put a field that \
         holds a comma in double quotes"
    )]
    FieldCount {
        line: usize,
        found: usize,
        expected: usize,
    },
    #[error(
        "line {0}: a quoted field is not closed: end it with a double quote (write \"\" for a \
         quote inside it)"
    )]
    Unclosed(usize),
    #[error("line {line}: {field} is empty: every deployment needs deployed_at and commit")]
    Missing { line: usize, field: &'static str },
    #[error("line {line}: deployed_at \"{value}\" is not an RFC 3339 time such as {EXAMPLE_TIME}")]
    Time { line: usize, value: String },
    #[error(
        "line {line}: commit \"{value}\" is not a commit hash: write 4 to 40 hexadecimal \
         characters, such as 3f9c2a1"
    )]
    Commit { line: usize, value: String },
    #[error(
        "line {line}: status \"{value}\" is neither success nor failure: leave it empty for a \
         success"
    )]
    Status { line: usize, value: String },
    #[error(
        "line {line}: not a JSON object ({problem}): write one object a line, such as \
         {{\"deployed_at\": \"{EXAMPLE_TIME}\", \"commit\": \"3f9c2a1\"}}"
    )]
    Json { line: usize, problem: String },
    #[error("line {line}: {field} is not a string: write it in double quotes")]
    NotAString { line: usize, field: &'static str },
    #[error(
        "the deploy log is a JSON array: write one object a line (JSON lines) without the \
         surrounding [ ]"
    )]
    JsonArray,
}

/// The time every message shows as the shape to write.
const EXAMPLE_TIME: &str = "2026-03-02T14:05:00Z";

/// The fields a deploy log has, by the names its header (or its JSON keys) gives them.
const DEPLOYED_AT: &str = "deployed_at";
const COMMIT: &str = "commit";
const SERVICE: &str = "service";
const STATUS: &str = "status";

/// Reads a deploy log: CSV with a header row, or JSON lines, told apart by the first line
/// (an object starts with `{`). A row seen twice (same commit, time and service) is kept once,
/// so a log that repeats itself counts each deployment once.
pub fn parse_deploys(text: &str) -> Result<Vec<Deploy>, DeployError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().map(str::trim).find(|l| !l.is_empty());
    let deploys = match first {
        None => return Err(DeployError::Empty),
        Some(l) if l.starts_with('[') => return Err(DeployError::JsonArray),
        Some(l) if l.starts_with('{') => parse_json_lines(text)?,
        Some(_) => parse_csv(text)?,
    };
    Ok(dedupe(deploys))
}

/// `deploys` without the repeats of a (commit, time, service), in their order: importing the
/// same log twice, or two logs that overlap, counts each deployment once.
pub fn dedupe(deploys: Vec<Deploy>) -> Vec<Deploy> {
    let mut seen = BTreeSet::new();
    deploys
        .into_iter()
        .filter(|d| seen.insert((d.commit.clone(), d.deployed_at, d.service.clone())))
        .collect()
}

/// One deployment's fields as the log wrote them, before they are checked.
struct Row<'a> {
    line: usize,
    deployed_at: Option<&'a str>,
    commit: Option<&'a str>,
    service: Option<&'a str>,
    status: Option<&'a str>,
}

impl Row<'_> {
    /// The deployment the row describes; an empty optional field is no value.
    fn deploy(&self) -> Result<Deploy, DeployError> {
        let line = self.line;
        let time = required(line, self.deployed_at, DEPLOYED_AT)?;
        let commit = required(line, self.commit, COMMIT)?;
        Ok(Deploy {
            deployed_at: parse_time(time).ok_or_else(|| DeployError::Time {
                line,
                value: time.to_string(),
            })?,
            commit: parse_hash(commit).ok_or_else(|| DeployError::Commit {
                line,
                value: commit.to_string(),
            })?,
            service: self
                .service
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string),
            status: parse_status(self.status).ok_or_else(|| DeployError::Status {
                line,
                value: self.status.unwrap_or_default().trim().to_string(),
            })?,
        })
    }
}

/// A field every deployment has, trimmed; empty is missing.
fn required<'a>(
    line: usize,
    v: Option<&'a str>,
    field: &'static str,
) -> Result<&'a str, DeployError> {
    v.map(str::trim)
        .filter(|v| !v.is_empty())
        .ok_or(DeployError::Missing { line, field })
}

/// The RFC 3339 shape: a date, `T` (or a space: the offset that must follow makes it one
/// instant all the same), a time with optional seconds and fraction, and the offset.
static RFC3339: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([Zz]|[+-]\d{2}:\d{2})$")
        .expect("the RFC 3339 pattern compiles")
});

/// An RFC 3339 time. The shape is checked before jiff reads it, because jiff also takes
/// forms a deploy log should not contain (an hour alone, a zone name in brackets).
fn parse_time(s: &str) -> Option<Timestamp> {
    RFC3339.is_match(s).then(|| s.parse().ok()).flatten()
}

/// A commit hash, whole or abbreviated, in lower case.
fn parse_hash(s: &str) -> Option<String> {
    let s = s.trim();
    ((4..=40).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| s.to_ascii_lowercase())
}

/// The status word; none, or an empty one, is a success.
fn parse_status(s: Option<&str>) -> Option<DeployStatus> {
    match s.map(str::trim) {
        None | Some("") => Some(DeployStatus::Success),
        Some(word) => DeployStatus::parse(word),
    }
}

/// One CSV record: its fields, unquoted, and the line it starts on.
struct Record {
    line: usize,
    fields: Vec<String>,
}

fn parse_csv(text: &str) -> Result<Vec<Deploy>, DeployError> {
    let mut records = csv_records(text)?.into_iter();
    let header = records.next().ok_or(DeployError::Empty)?;
    let columns = Columns::of(&header.fields)?;
    records
        .map(|r| {
            if r.fields.len() != header.fields.len() {
                return Err(DeployError::FieldCount {
                    line: r.line,
                    found: r.fields.len(),
                    expected: header.fields.len(),
                });
            }
            let field = |i: Option<usize>| i.map(|i| r.fields[i].as_str());
            Row {
                line: r.line,
                deployed_at: field(Some(columns.deployed_at)),
                commit: field(Some(columns.commit)),
                service: field(columns.service),
                status: field(columns.status),
            }
            .deploy()
        })
        .collect()
}

/// Where the header puts each field; columns it has beyond these are ignored.
struct Columns {
    deployed_at: usize,
    commit: usize,
    service: Option<usize>,
    status: Option<usize>,
}

impl Columns {
    fn of(header: &[String]) -> Result<Columns, DeployError> {
        let find = |name: &'static str| {
            let mut at = header
                .iter()
                .enumerate()
                .filter(|(_, h)| h.trim().eq_ignore_ascii_case(name))
                .map(|(i, _)| i);
            match (at.next(), at.next()) {
                (_, Some(_)) => Err(DeployError::DuplicateColumn(name)),
                (i, None) => Ok(i),
            }
        };
        Ok(Columns {
            deployed_at: find(DEPLOYED_AT)?.ok_or(DeployError::MissingColumn(DEPLOYED_AT))?,
            commit: find(COMMIT)?.ok_or(DeployError::MissingColumn(COMMIT))?,
            service: find(SERVICE)?,
            status: find(STATUS)?,
        })
    }
}

/// Splits CSV text into records (RFC 4180): commas between fields, double quotes around a
/// field that holds a comma, a quote or a line break, `""` for a quote inside one. CRLF ends
/// a line like LF; blank lines are skipped.
fn csv_records(text: &str) -> Result<Vec<Record>, DeployError> {
    let text = text.replace("\r\n", "\n");
    let mut records = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let (mut quoted, mut line, mut start) = (false, 1, 1);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            '"' if quoted => quoted = false,
            // A quote opens a field only at its start (spaces before it are dropped).
            '"' if field.trim().is_empty() => {
                field.clear();
                quoted = true;
            }
            ',' if !quoted => fields.push(std::mem::take(&mut field)),
            '\n' if !quoted => {
                fields.push(std::mem::take(&mut field));
                push_record(&mut records, start, std::mem::take(&mut fields));
                line += 1;
                start = line;
            }
            '\n' => {
                field.push(c);
                line += 1;
            }
            _ => field.push(c),
        }
    }
    if quoted {
        return Err(DeployError::Unclosed(start));
    }
    fields.push(field);
    push_record(&mut records, start, fields);
    Ok(records)
}

/// Keeps a record unless its line was blank.
fn push_record(records: &mut Vec<Record>, line: usize, fields: Vec<String>) {
    let blank = fields.len() == 1 && fields[0].trim().is_empty();
    if !blank {
        records.push(Record { line, fields });
    }
}

fn parse_json_lines(text: &str) -> Result<Vec<Deploy>, DeployError> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty())
        .map(|(line, l)| json_deploy(line, l))
        .collect()
}

/// The deployment one JSON line describes; keys beyond the four are ignored, and `null` is
/// no value.
fn json_deploy(line: usize, text: &str) -> Result<Deploy, DeployError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| DeployError::Json {
        line,
        problem: format!("unreadable at column {}", e.column()),
    })?;
    let serde_json::Value::Object(object) = value else {
        return Err(DeployError::Json {
            line,
            problem: "not an object".into(),
        });
    };
    let field = |name: &'static str| match object.get(name) {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::String(s)) => Ok(Some(s.as_str())),
        Some(_) => Err(DeployError::NotAString { line, field: name }),
    };
    Row {
        line,
        deployed_at: field(DEPLOYED_AT)?,
        commit: field(COMMIT)?,
        service: field(SERVICE)?,
        status: field(STATUS)?,
    }
    .deploy()
}

/// Why an abbreviated commit names no single deployed commit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    #[error(
        "\"{0}\" is not a commit: give at least 4 hexadecimal characters of its hash, such as \
         3f9c2a1"
    )]
    NotAHash(String),
    #[error(
        "no deployment has a commit starting with {0}: check the hash, or import the deploy \
         log that has it"
    )]
    NoMatch(String),
    #[error(
        "{prefix} matches {} deployed commits ({}): give more characters",
        candidates.len(),
        candidates.join(", ")
    )]
    Ambiguous {
        prefix: String,
        candidates: Vec<String>,
    },
}

/// The deployment an abbreviated commit names: the latest deployment of the one deployed
/// commit it starts (a commit deployed twice is one commit, not an ambiguity). A full hash
/// also finds a deployment whose log abbreviated it.
pub fn resolve_commit(prefix: &str, deploys: &[Deploy]) -> Result<usize, ResolveError> {
    let wanted = parse_hash(prefix).ok_or_else(|| ResolveError::NotAHash(prefix.to_string()))?;
    let matching: Vec<usize> = (0..deploys.len())
        .filter(|&i| same_commit(&deploys[i].commit, &wanted))
        .collect();
    let commits: BTreeSet<&str> = matching
        .iter()
        .map(|&i| deploys[i].commit.as_str())
        .collect();
    match commits.len() {
        0 => Err(ResolveError::NoMatch(wanted)),
        1 => Ok(matching
            .into_iter()
            .max_by_key(|&i| deploys[i].deployed_at)
            .expect("one commit matched")),
        _ => Err(ResolveError::Ambiguous {
            prefix: wanted,
            candidates: commits.into_iter().map(str::to_string).collect(),
        }),
    }
}

/// Whether two hashes, either abbreviated, name the same commit: one starts the other.
fn same_commit(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_ascii_lowercase(), b.to_ascii_lowercase());
    a.starts_with(&b) || b.starts_with(&a)
}

/// A tag of the repository: its name, the commit it points at and when it was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    pub name: String,
    pub commit: String,
    pub time: Timestamp,
}

/// Tags as deployments, for teams that tag each release instead of logging deploys: every
/// tag whose name matches `pattern` (a glob, see [`glob_matches`]), or every tag. A commit
/// tagged twice (`v1.2` and `v1.2.0`) is one release: its earliest tag counts. Oldest first.
pub fn deploys_from_tags(tags: &[Tag], pattern: Option<&str>) -> Vec<Deploy> {
    let mut chosen: Vec<&Tag> = tags
        .iter()
        .filter(|t| pattern.is_none_or(|p| glob_matches(p, &t.name)))
        .collect();
    chosen.sort_by_key(|t| (t.time, t.name.as_str()));
    let mut seen = BTreeSet::new();
    chosen
        .into_iter()
        .filter(|t| seen.insert(t.commit.to_ascii_lowercase()))
        .map(|t| Deploy {
            deployed_at: t.time,
            commit: t.commit.to_ascii_lowercase(),
            service: None,
            status: DeployStatus::Success,
        })
        .collect()
}

/// Whether `text` matches a glob: `*` stands for any run of characters (`/` too, none at
/// all too), `?` for exactly one, every other character for itself, case counting.
pub fn glob_matches(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    let (mut pi, mut ti) = (0, 0);
    // The last `*` seen and the text position it was tried at, to widen it on a mismatch.
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        match p.get(pi) {
            Some('*') => {
                star = Some((pi, ti));
                pi += 1;
            }
            Some(&c) if c == '?' || c == t[ti] => {
                pi += 1;
                ti += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    star = Some((sp, st + 1));
                    pi = sp + 1;
                    ti = st + 1;
                }
                None => return false,
            },
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

/// A commit of the repository, with when its author wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commit {
    pub hash: String,
    pub author_time: Timestamp,
}

/// Which commits each deployed commit contains: every commit reachable from it in the
/// repository (itself included), or at least those not reachable from the deployment before.
/// Core needs no more of the git history: a commit's first deployment is the earliest one that
/// contains it, which both shapes give. It is keyed by the deployed commit, not by position in
/// a list of deploys, so filtering or sorting the deploys cannot misalign it, and a commit
/// deployed twice is looked up once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    contains: BTreeMap<String, BTreeSet<String>>,
}

impl History {
    pub fn new() -> History {
        History::default()
    }

    /// Records what `deployed` (a deploy's `commit`, as the log wrote it) contains.
    pub fn insert<S: AsRef<str>>(&mut self, deployed: &str, commits: impl IntoIterator<Item = S>) {
        self.contains
            .entry(deployed.to_ascii_lowercase())
            .or_default()
            .extend(commits.into_iter().map(|c| c.as_ref().to_ascii_lowercase()));
    }

    /// The commits `deployed` contains; none when the history does not know it.
    pub fn commits_of(&self, deployed: &str) -> impl Iterator<Item = &str> {
        self.contains
            .get(&deployed.to_ascii_lowercase())
            .into_iter()
            .flatten()
            .map(String::as_str)
    }
}

/// What the delivery metrics need of an incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentFacts {
    pub started: Timestamp,
    /// When service was restored; an open incident has no restore time yet.
    #[serde(default)]
    pub resolved: Option<Timestamp>,
    /// The commit of the deployment that caused it, when one did.
    #[serde(default)]
    pub deploy: Option<String>,
}

/// Everything the four metrics are computed from.
#[derive(Debug, Clone, Copy)]
pub struct DoraInput<'a> {
    /// Every deployment, those before the period too: a commit first deployed before the
    /// period was delivered then, not by a later deployment that contains it again.
    pub deploys: &'a [Deploy],
    /// Only this service's deployments (matched ignoring case) when given; a deployment that
    /// names no service then does not count.
    pub service: Option<&'a str>,
    /// The commits whose lead time is measured: every author's, not only the lead's.
    pub commits: &'a [Commit],
    pub history: &'a History,
    /// The incidents of the service (the caller picks them: incidents name no service).
    pub incidents: &'a [IncidentFacts],
    /// The first and last day of the period, both counted, as UTC days.
    pub from: Date,
    pub to: Date,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    #[error("the period ends on {to}, before it starts on {from}: swap the two dates")]
    Reversed { from: Date, to: Date },
}

/// A number out of two, with both kept so a reader can check it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ratio<D> {
    /// `numerator / denominator`; `None` when the denominator is zero (no deployments gives
    /// no failure rate, not a rate of 0).
    pub value: Option<f64>,
    pub numerator: u32,
    pub denominator: D,
    /// `None` when nothing was measured.
    pub tier: Option<Tier>,
}

/// The median of some durations, in hours, and how many there were.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Median {
    /// `None` when nothing was measured.
    pub value: Option<f64>,
    pub count: u32,
    pub tier: Option<Tier>,
}

/// The four keys over a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dora {
    pub from: Date,
    pub to: Date,
    pub days: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// Deployments in the period, failed ones too.
    pub deployments: u32,
    /// Deployments over the period's weeks (days / 7).
    pub deploys_per_week: Ratio<f64>,
    /// From a commit's author time to the first deployment that contains it, for the commits
    /// first deployed in the period.
    pub lead_time_median_hours: Median,
    /// Deployments in the period that failed or that an incident names, each once, over the
    /// period's deployments; the value is a share (0.25 for one in four).
    pub change_failure_rate: Ratio<u32>,
    /// From start to restore, for the incidents started in the period and resolved.
    pub time_to_restore_median_hours: Median,
    /// The report the tiers come from ([`THRESHOLDS_YEAR`]).
    pub thresholds_year: u16,
}

/// The four keys of delivery over `input`'s period.
pub fn dora(input: &DoraInput) -> Result<Dora, PeriodError> {
    let (from, to) = (input.from, input.to);
    if to < from {
        return Err(PeriodError::Reversed { from, to });
    }
    let days = u32::try_from(days_between(from, to) + 1).unwrap_or(u32::MAX);
    let period = Period {
        start: day_start(from, &TimeZone::UTC),
        end: day_start(add_days(to, 1), &TimeZone::UTC),
    };
    let deploys = service_deploys(input.deploys, input.service);
    let in_period: Vec<&Deploy> = deploys
        .iter()
        .copied()
        .filter(|d| period.holds(d.deployed_at))
        .collect();
    let deployments = count(in_period.len());
    Ok(Dora {
        from,
        to,
        days,
        service: input.service.map(str::to_string),
        deployments,
        deploys_per_week: deploys_per_week(deployments, days),
        lead_time_median_hours: lead_time(&deploys, input.commits, input.history, &period),
        change_failure_rate: change_failure_rate(&deploys, input.incidents, &period),
        time_to_restore_median_hours: time_to_restore(input.incidents, &period),
        thresholds_year: THRESHOLDS_YEAR,
    })
}

/// The instants of the period: from the first day's midnight (UTC) to the midnight after the
/// last day, that one excluded.
struct Period {
    start: Timestamp,
    end: Timestamp,
}

impl Period {
    fn holds(&self, t: Timestamp) -> bool {
        self.start <= t && t < self.end
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The service's deployments (every one without a service), oldest first: services match
/// ignoring case and surrounding space.
pub fn service_deploys<'a>(deploys: &'a [Deploy], service: Option<&str>) -> Vec<&'a Deploy> {
    let mut chosen: Vec<&Deploy> = deploys
        .iter()
        .filter(|d| {
            service.is_none_or(|s| {
                d.service
                    .as_deref()
                    .is_some_and(|ds| ds.trim().eq_ignore_ascii_case(s.trim()))
            })
        })
        .collect();
    chosen.sort_by_key(|d| d.deployed_at);
    chosen
}

fn deploys_per_week(deployments: u32, days: u32) -> Ratio<f64> {
    let weeks = f64::from(days) / 7.0;
    Ratio {
        value: Some(f64::from(deployments) / weeks),
        numerator: deployments,
        denominator: weeks,
        tier: Some(frequency_tier(deployments, days)),
    }
}

/// Lead time for changes. Each commit counts once, at the earliest deployment that contains
/// it; commits never deployed, or first deployed outside the period, are not measured. A
/// commit whose author time is after its deployment (a wrong clock) counts as delivered at
/// once, 0 hours: it was delivered, and leaving it out would make the median look slower.
fn lead_time(
    deploys: &[&Deploy],
    commits: &[Commit],
    history: &History,
    period: &Period,
) -> Median {
    let first = first_deploys(deploys, history);
    let mut measured = BTreeSet::new();
    let seconds: Vec<i64> = commits
        .iter()
        .filter(|c| measured.insert(c.hash.to_ascii_lowercase()))
        .filter_map(|c| {
            let deployed = *first.get(c.hash.to_ascii_lowercase().as_str())?;
            period
                .holds(deployed)
                .then(|| (deployed.as_second() - c.author_time.as_second()).max(0))
        })
        .collect();
    median_hours(seconds, lead_time_tier)
}

/// When each commit was first deployed: the time of the earliest deployment that contains it.
fn first_deploys<'a>(deploys: &[&Deploy], history: &'a History) -> BTreeMap<&'a str, Timestamp> {
    let mut first = BTreeMap::new();
    for d in deploys {
        for c in history.commits_of(&d.commit) {
            first.entry(c).or_insert(d.deployed_at);
        }
    }
    first
}

/// Change failure rate: a deployment in the period fails when its status says so or when an
/// incident names it; one that does both counts once.
fn change_failure_rate(
    deploys: &[&Deploy],
    incidents: &[IncidentFacts],
    period: &Period,
) -> Ratio<u32> {
    let mut failed: BTreeSet<usize> = (0..deploys.len())
        .filter(|&i| deploys[i].status == DeployStatus::Failure)
        .collect();
    failed.extend(incidents.iter().filter_map(|i| blamed(deploys, i)));
    let total = deploys
        .iter()
        .filter(|d| period.holds(d.deployed_at))
        .count();
    let numerator = count(
        failed
            .into_iter()
            .filter(|&i| period.holds(deploys[i].deployed_at))
            .count(),
    );
    let denominator = count(total);
    Ratio {
        value: (denominator > 0).then(|| f64::from(numerator) / f64::from(denominator)),
        numerator,
        denominator,
        tier: failure_tier(numerator, denominator),
    }
}

/// The deployment an incident names (`deploys` oldest first): of the deployments of its
/// commit, the last one made before the incident started (the one running then), or the
/// first one when all came after.
fn blamed(deploys: &[&Deploy], incident: &IncidentFacts) -> Option<usize> {
    let commit = incident.deploy.as_deref()?;
    let of_commit: Vec<usize> = (0..deploys.len())
        .filter(|&i| same_commit(&deploys[i].commit, commit))
        .collect();
    of_commit
        .iter()
        .copied()
        .rfind(|&i| deploys[i].deployed_at <= incident.started)
        .or_else(|| of_commit.first().copied())
}

/// Time to restore, over the incidents started in the period and resolved (at any time). An
/// incident resolved before it started (a typing slip) counts as 0 hours.
fn time_to_restore(incidents: &[IncidentFacts], period: &Period) -> Median {
    let seconds = incidents
        .iter()
        .filter(|i| period.holds(i.started))
        .filter_map(|i| Some((i.resolved?.as_second() - i.started.as_second()).max(0)))
        .collect();
    median_hours(seconds, restore_tier)
}

fn median_hours(seconds: Vec<i64>, tier: fn(f64) -> Tier) -> Median {
    let measured = count(seconds.len());
    let value = median(seconds).map(|s| s / 3600.0);
    Median {
        value,
        count: measured,
        tier: value.map(tier),
    }
}

/// The middle value; of an even count, the mean of the two middle ones.
pub fn median(mut values: Vec<i64>) -> Option<f64> {
    values.sort_unstable();
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2] as f64),
        _ => Some((values[n / 2 - 1] as f64 + values[n / 2] as f64) / 2.0),
    }
}

word_enum! {
    /// The performance clusters of the State of DevOps report, best first.
    pub enum Tier {
        Elite = "elite",
        High = "high",
        Medium = "medium",
        Low = "low",
    }
}

/// The State of DevOps report whose clusters [`CLUSTERS`] holds.
pub const THRESHOLDS_YEAR: u16 = 2023;

/// How a measured value reaches a cluster: under a bound, or up to and including it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Limit {
    /// Strictly below: the report's "less than one day".
    Under(f64),
    /// Below or on: the upper end of the report's "between one day and one week".
    UpTo(f64),
}

impl Limit {
    /// Whether `numerator / denominator` is within the limit, compared without dividing so a
    /// value on a bound (28 days for 4 deployments, 5 failures in 100) lands where the table
    /// says; a zero denominator is an unbounded value, within no limit.
    fn admits(self, numerator: f64, denominator: f64) -> bool {
        match self {
            Limit::Under(bound) => numerator < bound * denominator,
            Limit::UpTo(bound) => numerator <= bound * denominator,
        }
    }
}

/// One cluster's bounds. Every metric is one where less is better, so deployment frequency is
/// written as days per deployment (the period's days over its deployments).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cluster {
    pub tier: Tier,
    pub days_per_deploy: Limit,
    pub lead_time_hours: Limit,
    pub failure_percent: Limit,
    pub restore_hours: Limit,
}

/// The performance clusters of the DORA State of DevOps 2023 report, best first; a value
/// within none of them is low. A value gets the first cluster whose limit admits it.
///
/// - Deployment frequency. Elite is "on demand, multiple deploys per day": more deployments
///   than days (under 1 day per deployment; exactly one a day is high). High is between once
///   a week and once a day: up to 7 days per deployment. Medium is between once a month and
///   once a week: up to 30 days (a month is counted as 30 days). Low is less than once a
///   month.
/// - Lead time for changes. Elite is less than a day (24 hours is high); high up to a week
///   (168 hours); medium up to a month (720 hours); low beyond.
/// - Change failure rate. The report gives each cluster's typical rate (5 %, 10 %, 15 % and
///   64 %); each of the first three is read as its cluster's ceiling: elite up to 5 %, high up
///   to 10 %, medium up to 15 %, low above.
/// - Time to restore. Elite is less than an hour (1 hour is high); high less than a day
///   (24 hours is medium); medium up to a week (168 hours); low beyond.
///
/// Where the 2023 report's low cluster shares medium's range (deployment frequency, lead
/// time) or leaves a gap after it (restore between a week and a month), the range belongs to
/// medium and everything beyond it to low, so every value has exactly one tier.
pub const CLUSTERS: [Cluster; 3] = [
    Cluster {
        tier: Tier::Elite,
        days_per_deploy: Limit::Under(1.0),
        lead_time_hours: Limit::Under(24.0),
        failure_percent: Limit::UpTo(5.0),
        restore_hours: Limit::Under(1.0),
    },
    Cluster {
        tier: Tier::High,
        days_per_deploy: Limit::UpTo(7.0),
        lead_time_hours: Limit::UpTo(168.0),
        failure_percent: Limit::UpTo(10.0),
        restore_hours: Limit::Under(24.0),
    },
    Cluster {
        tier: Tier::Medium,
        days_per_deploy: Limit::UpTo(30.0),
        lead_time_hours: Limit::UpTo(720.0),
        failure_percent: Limit::UpTo(15.0),
        restore_hours: Limit::UpTo(168.0),
    },
];

/// The first cluster whose limit (picked by `limit`) admits `numerator / denominator`.
fn tier_of(limit: fn(&Cluster) -> Limit, numerator: f64, denominator: f64) -> Tier {
    CLUSTERS
        .iter()
        .find(|c| limit(c).admits(numerator, denominator))
        .map_or(Tier::Low, |c| c.tier)
}

/// The tier of `deployments` over `days`; none at all is low.
pub fn frequency_tier(deployments: u32, days: u32) -> Tier {
    tier_of(
        |c| c.days_per_deploy,
        f64::from(days),
        f64::from(deployments),
    )
}

pub fn lead_time_tier(hours: f64) -> Tier {
    tier_of(|c| c.lead_time_hours, hours, 1.0)
}

/// The tier of `failed` deployments out of `deployments`; none without deployments.
pub fn failure_tier(failed: u32, deployments: u32) -> Option<Tier> {
    (deployments > 0).then(|| {
        tier_of(
            |c| c.failure_percent,
            f64::from(failed) * 100.0,
            f64::from(deployments),
        )
    })
}

pub fn restore_tier(hours: f64) -> Tier {
    tier_of(|c| c.restore_hours, hours, 1.0)
}

/// Deployments in one ISO week (UTC days, as the keys count them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekCount {
    pub monday: Date,
    pub deployments: u32,
    /// Those whose status says they failed.
    pub failures: u32,
}

/// Deployments per ISO week, every week from the one holding `from` to the one holding
/// `to`, empty weeks included, so a chart shows the gaps.
pub fn weekly_counts(deploys: &[Deploy], from: Date, to: Date) -> Vec<WeekCount> {
    let first = crate::time::week_start(from);
    let mut weeks: Vec<WeekCount> = std::iter::successors(Some(first), |m| Some(add_days(*m, 7)))
        .take_while(|m| *m <= to)
        .map(|monday| WeekCount {
            monday,
            deployments: 0,
            failures: 0,
        })
        .collect();
    for d in deploys {
        let day = crate::time::local_date(d.deployed_at, &TimeZone::UTC);
        if day < from || day > to {
            continue;
        }
        let i = (days_between(first, day) / 7) as usize;
        if let Some(w) = weeks.get_mut(i) {
            w.deployments += 1;
            if d.status == DeployStatus::Failure {
                w.failures += 1;
            }
        }
    }
    weeks
}

//! Delivery: the deploy log (a file, or a repository's tags), the incident register and the
//! four DORA keys over a period. Lead time needs every author's commits, which the store does
//! not keep (it keeps the user's own): they are read from the imported repositories when the
//! metrics are asked for.

use crate::error::{AppError, Result};
use crate::profile;
use fulcrum_core::delivery::{self, Commit, Deploy, Dora, DoraInput, History, IncidentFacts, Tag};
use fulcrum_core::growth::Keyed;
use fulcrum_core::incidents::{self, Incident};
use fulcrum_core::time;
use fulcrum_store::kept::{add_change, update_change};
use fulcrum_store::{Records, SourceKind, Store};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// What an import of deployments did.
#[derive(Debug, Clone, Serialize)]
pub struct DeployImport {
    /// The file or the repository read.
    pub from: String,
    /// Deployments the store did not hold.
    pub new: u64,
    /// Deployments it held already (same commit, time and service): left as they were.
    pub known: u64,
    /// Known deployments whose status the log now gives differently: the log's is kept.
    pub updated: u64,
}

/// The key a deployment is known by: re-importing a log, or two logs that overlap, keeps
/// each deployment once.
fn key(d: &Deploy) -> (String, Timestamp, Option<String>) {
    (d.commit.clone(), d.deployed_at, d.service.clone())
}

/// Imports a deploy log (CSV with a header, or JSON lines; `delivery::parse_deploys`) in one
/// write: a bad line keeps the whole file out, and a second import of the same file adds
/// nothing.
pub async fn import_deploys(store: &dyn Store, path: &Path) -> Result<DeployImport> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| AppError::io(path, e))?;
    let deploys = delivery::parse_deploys(&text).map_err(|e| AppError::DeployLog {
        path: shown.clone(),
        message: e.to_string(),
    })?;
    keep(store, shown, deploys).await
}

/// Imports the tags of the repository at `repo` as deployments: those matching `pattern` (a
/// glob: `v*`, `release-*`), or all. An annotated tag is deployed when it was tagged, a
/// lightweight one when its commit was committed.
pub async fn import_tags(
    store: &dyn Store,
    repo: &Path,
    pattern: Option<&str>,
) -> Result<DeployImport> {
    let path = repo.to_path_buf();
    let tags = tokio::task::spawn_blocking(move || fulcrum_git::tags(&path))
        .await
        .map_err(|e| AppError::Failed(e.to_string()))??;
    let tags: Vec<Tag> = tags
        .into_iter()
        .map(|t| {
            Ok(Tag {
                name: t.name,
                commit: t.commit,
                time: Timestamp::from_second(t.time).map_err(|e| AppError::Git {
                    path: repo.display().to_string(),
                    message: format!("a tag's time cannot be read: {e}"),
                })?,
            })
        })
        .collect::<Result<_>>()?;
    let deploys = delivery::deploys_from_tags(&tags, pattern);
    keep(store, repo.display().to_string(), deploys).await
}

/// Adds the deployments the store does not hold, in one write.
async fn keep(store: &dyn Store, from: String, deploys: Vec<Deploy>) -> Result<DeployImport> {
    let stored: BTreeMap<_, _> = store
        .all::<Deploy>()
        .await?
        .into_iter()
        .map(|d| (key(&d.record), d))
        .collect();
    let mut changes = Vec::new();
    let (mut new, mut known, mut updated) = (0, 0, 0);
    for d in &delivery::dedupe(deploys) {
        match stored.get(&key(d)) {
            None => {
                changes.push(add_change(d)?);
                new += 1;
            }
            Some(s) if s.record.status != d.status => {
                changes.push(update_change(s.id, d)?);
                updated += 1;
            }
            Some(_) => known += 1,
        }
    }
    if !changes.is_empty() {
        store.write_records(&changes).await?;
    }
    Ok(DeployImport {
        from,
        new,
        known,
        updated,
    })
}

/// An incident as it is first logged.
#[derive(Debug, Clone)]
pub struct NewIncident {
    pub title: String,
    pub severity: u8,
    pub started: Timestamp,
    pub resolved: Option<Timestamp>,
    /// The deployment that caused it: its commit, whole or abbreviated.
    pub deploy: Option<String>,
}

/// Logs an incident; the deployment it names must be a stored one, found by its commit.
pub async fn add_incident(store: &dyn Store, new: NewIncident) -> Result<Keyed<Incident>> {
    let mut incident = Incident::new(&new.title, new.severity, new.started);
    incident.resolved = new.resolved;
    incident.check().map_err(|e| {
        let field = match e {
            incidents::IncidentError::NoTitle => "title",
            incidents::IncidentError::Severity(_) => "--severity",
            incidents::IncidentError::ResolvedBeforeStart { .. } => "--resolved",
        };
        AppError::invalid(field, e.to_string())
    })?;
    if let Some(commit) = &new.deploy {
        let deploys: Vec<Deploy> = store.records::<Deploy>().await?;
        let at = delivery::resolve_commit(commit, &deploys)
            .map_err(|e| AppError::invalid("--deploy", e.to_string()))?;
        incident.deploy = Some(deploys[at].commit.clone());
    }
    Ok(store.add(&incident).await?)
}

/// One line of the incident list.
#[derive(Debug, Clone, Serialize)]
pub struct IncidentLine {
    #[serde(flatten)]
    pub incident: Keyed<Incident>,
    /// Hours from start to restore; none while open.
    pub restore_hours: Option<f64>,
}

/// Every incident, most recent first.
pub async fn list_incidents(store: &dyn Store) -> Result<Vec<IncidentLine>> {
    let mut all = store.all::<Incident>().await?;
    all.sort_by_key(|i| std::cmp::Reverse((i.record.started, i.id)));
    Ok(all
        .into_iter()
        .map(|i| IncidentLine {
            restore_hours: i.record.restore_hours(),
            incident: i,
        })
        .collect())
}

/// An incident in full: the deployment it names and the people by name.
#[derive(Debug, Clone, Serialize)]
pub struct IncidentView {
    #[serde(flatten)]
    pub incident: Keyed<Incident>,
    pub restore_hours: Option<f64>,
    /// The deployments of the commit it names.
    pub deployments: Vec<Deploy>,
    /// The names of the people it names, by id.
    pub names: BTreeMap<i64, String>,
    /// When each postmortem action is due (its own date, or four weeks after the resolution
    /// for a priority action), in the order of the actions.
    pub actions_due: Vec<Option<Date>>,
    /// The risks that foresaw it: those marked as happened with this incident.
    pub foreseen_by: Vec<ForeseenBy>,
}

/// A risk that became the incident.
#[derive(Debug, Clone, Serialize)]
pub struct ForeseenBy {
    pub id: i64,
    pub statement: String,
}

pub async fn incident(store: &dyn Store, id: i64) -> Result<IncidentView> {
    let incident = store.get::<Incident>(id).await?;
    let deployments = match &incident.record.deploy {
        Some(commit) => store
            .all::<Deploy>()
            .await?
            .into_iter()
            .map(|d| d.record)
            .filter(|d| d.commit.eq_ignore_ascii_case(commit))
            .collect(),
        None => vec![],
    };
    let wanted: BTreeSet<i64> = incident.record.people().into_iter().collect();
    let names = if wanted.is_empty() {
        BTreeMap::new()
    } else {
        store
            .people()
            .await?
            .into_iter()
            .filter(|p| wanted.contains(&p.id))
            .map(|p| (p.id, p.name))
            .collect()
    };
    let tz = profile::require(store).await?.tz();
    let resolved_on = incident.record.resolved.map(|t| time::local_date(t, &tz));
    let actions_due = incident
        .record
        .postmortem
        .iter()
        .flat_map(|p| &p.actions)
        .map(|a| incidents::action_due(a, resolved_on))
        .collect();
    let foreseen_by = store
        .all::<fulcrum_core::risks::Risk>()
        .await?
        .into_iter()
        .filter(|r| r.record.incident == Some(id))
        .map(|r| ForeseenBy {
            id: r.id,
            statement: r.record.statement(),
        })
        .collect();
    Ok(IncidentView {
        restore_hours: incident.record.restore_hours(),
        incident,
        deployments,
        names,
        actions_due,
        foreseen_by,
    })
}

/// The four keys over a period, with what could not be measured.
#[derive(Debug, Clone, Serialize)]
pub struct DoraReport {
    #[serde(flatten)]
    pub dora: Dora,
    /// Deployments in the period whose commit is in no imported repository: they count as
    /// deployments (and as failures), but deliver no commit whose lead time can be measured.
    pub unmeasured_deployments: u32,
    /// The repositories whose history was read.
    pub repositories: Vec<String>,
    /// Imported repositories that could not be read now (moved, deleted), with why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unreadable: Vec<String>,
}

/// The last four complete ISO weeks before `today`: Monday four weeks before this week's
/// Monday to the Sunday before it.
pub fn default_period(today: Date) -> (Date, Date) {
    let monday = time::week_start(today);
    (time::add_days(monday, -28), time::add_days(monday, -1))
}

/// The four DORA keys from `from` to `to` (both counted; by default the last four complete
/// ISO weeks in the user's zone), for one service or all. The incidents counted for a
/// service are those that name one of its deployments.
pub async fn dora(
    store: &dyn Store,
    from: Option<Date>,
    to: Option<Date>,
    service: Option<&str>,
    now: Timestamp,
) -> Result<DoraReport> {
    let (from, to) = match (from, to) {
        (Some(f), Some(t)) => (f, t),
        (f, t) => {
            let (df, dt) = default_period(profile::today(store, now).await?);
            (f.unwrap_or(df), t.unwrap_or(dt))
        }
    };
    if to < from {
        return Err(AppError::invalid(
            "--to",
            format!("the period ends on {to}, before it starts on {from}: swap the two dates"),
        ));
    }
    let deploys = deploys_of(store, service).await?;
    let end = time::day_start(time::add_days(to, 1), &jiff::tz::TimeZone::UTC);
    let start = time::day_start(from, &jiff::tz::TimeZone::UTC);
    // Deployments after the period cannot be the first to deliver a commit within it.
    let relevant: Vec<&Deploy> = deploys.iter().filter(|d| d.deployed_at < end).collect();

    let walk = walk_repositories(store, &relevant).await?;
    let unmeasured = relevant
        .iter()
        .filter(|d| d.deployed_at >= start && !walk.found.contains(d.commit.as_str()))
        .count();

    let all_incidents: Vec<IncidentFacts> = store
        .all::<Incident>()
        .await?
        .into_iter()
        .map(|i| i.record.facts())
        .collect();
    let incidents: Vec<IncidentFacts> = match service {
        None => all_incidents,
        Some(_) => all_incidents
            .into_iter()
            .filter(|i| {
                i.deploy
                    .as_deref()
                    .is_some_and(|c| deploys.iter().any(|d| d.commit.eq_ignore_ascii_case(c)))
            })
            .collect(),
    };
    let dora = delivery::dora(&DoraInput {
        deploys: &deploys,
        service,
        commits: &walk.commits,
        history: &walk.history,
        incidents: &incidents,
        from,
        to,
    })
    .map_err(|e| AppError::invalid("--to", e.to_string()))?;
    Ok(DoraReport {
        dora,
        unmeasured_deployments: u32::try_from(unmeasured).unwrap_or(u32::MAX),
        repositories: walk.repositories,
        unreadable: walk.unreadable,
    })
}

/// What the imported repositories say about the deployed commits.
#[derive(Default)]
struct Walked {
    history: History,
    commits: Vec<Commit>,
    /// The deployed commits (as the log wrote them) some repository has.
    found: BTreeSet<String>,
    repositories: Vec<String>,
    unreadable: Vec<String>,
}

/// Reads each imported repository for the deployed commits no earlier one had, in
/// deployment order, so each of its commits is read once.
async fn walk_repositories(store: &dyn Store, deploys: &[&Deploy]) -> Result<Walked> {
    let repositories: Vec<PathBuf> = store
        .sources()
        .await?
        .into_iter()
        .filter(|s| s.kind == SourceKind::Git)
        .map(|s| PathBuf::from(s.location))
        .collect();
    let mut wanted: Vec<String> = Vec::new();
    for d in deploys {
        if !wanted.contains(&d.commit) {
            wanted.push(d.commit.clone());
        }
    }
    tokio::task::spawn_blocking(move || {
        let mut walked = Walked::default();
        let mut seen = BTreeSet::new();
        for repo in repositories {
            let left: Vec<&str> = wanted
                .iter()
                .filter(|c| !walked.found.contains(c.as_str()))
                .map(String::as_str)
                .collect();
            if left.is_empty() {
                break;
            }
            let each = match fulcrum_git::delivered_by(&repo, &left) {
                Ok(each) => each,
                Err(e) => {
                    tracing::warn!(repository = %repo.display(), "cannot read: {e}");
                    walked.unreadable.push(e.to_string());
                    continue;
                }
            };
            walked.repositories.push(repo.display().to_string());
            for (deployed, delivered) in left.iter().zip(each) {
                let Some(delivered) = delivered else { continue };
                walked.found.insert(deployed.to_string());
                walked
                    .history
                    .insert(deployed, delivered.iter().map(|c| c.id.as_str()));
                for c in delivered {
                    if seen.insert(c.id.clone())
                        && let Ok(author_time) = Timestamp::from_second(c.author_time)
                    {
                        walked.commits.push(Commit {
                            hash: c.id,
                            author_time,
                        });
                    }
                }
            }
        }
        walked
    })
    .await
    .map_err(|e| AppError::Failed(e.to_string()))
}

/// A deployment and the incidents that name it.
#[derive(Debug, Clone, Serialize)]
pub struct DeployLine {
    #[serde(flatten)]
    pub deploy: Deploy,
    /// `(id, title, severity)` of each incident it caused.
    pub incidents: Vec<(i64, String, u8)>,
}

/// The deployments of a service (every one without a service named), oldest first, as the
/// metrics read them: a commit is delivered by the first deployment that contains it.
async fn deploys_of(store: &dyn Store, service: Option<&str>) -> Result<Vec<Deploy>> {
    let stored = store.records::<Deploy>().await?;
    Ok(delivery::service_deploys(&stored, service)
        .into_iter()
        .cloned()
        .collect())
}

/// What the delivery page shows: the four keys, deployments per week, the period's
/// deployments (most recent first) with their incidents.
#[derive(Debug, Clone, Serialize)]
pub struct DeliveryView {
    pub report: DoraReport,
    pub weeks: Vec<delivery::WeekCount>,
    pub deployments: Vec<DeployLine>,
}

/// The delivery of a period (by default the last four complete ISO weeks).
pub async fn delivery_view(
    store: &dyn Store,
    from: Option<Date>,
    to: Option<Date>,
    service: Option<&str>,
    now: Timestamp,
) -> Result<DeliveryView> {
    let report = dora(store, from, to, service, now).await?;
    let (from, to) = (report.dora.from, report.dora.to);
    let deploys = deploys_of(store, service).await?;
    let incidents = store.all::<Incident>().await?;
    let utc = jiff::tz::TimeZone::UTC;
    let mut deployments: Vec<DeployLine> = deploys
        .iter()
        .filter(|d| (from..=to).contains(&time::local_date(d.deployed_at, &utc)))
        .map(|d| DeployLine {
            deploy: d.clone(),
            incidents: incidents
                .iter()
                .filter(|i| {
                    i.record
                        .deploy
                        .as_deref()
                        .is_some_and(|c| c.eq_ignore_ascii_case(&d.commit))
                })
                .map(|i| (i.id, i.record.title.clone(), i.record.severity))
                .collect(),
        })
        .collect();
    deployments.sort_by_key(|l| std::cmp::Reverse(l.deploy.deployed_at));
    Ok(DeliveryView {
        weeks: delivery::weekly_counts(&deploys, from, to),
        report,
        deployments,
    })
}

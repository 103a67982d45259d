//! `fulcrum import deploys …`, `fulcrum incident …` and `fulcrum dora`: the deploy log, the
//! incident register and the four DORA keys over a period (docs/delivery.md).

use crate::cli::{Format, FormatArgs, IdArgs};
use crate::output::{emit, show};
use crate::people_cmd::date;
use clap::{Args, Subcommand};
use fulcrum_app::delivery::{self, DeployImport, DoraReport, IncidentLine, IncidentView};
use fulcrum_app::incidents;
use fulcrum_app::markdown::plural;
use fulcrum_app::rules_file::RuleBook;
use fulcrum_app::{OpenMode, Result};
use fulcrum_core::delivery::{Median, Ratio, Tier};
use fulcrum_store::Store;
use jiff::Timestamp;
use jiff::civil::Date;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct ImportDeploysArgs {
    /// A deploy log: CSV with a header (deployed_at,commit[,service][,status]) or JSON lines
    #[arg(
        value_name = "FILE",
        required_unless_present = "tags",
        conflicts_with = "tags"
    )]
    file: Option<PathBuf>,
    /// Read the tags of this repository as the deployments instead
    #[arg(long, value_name = "REPO")]
    tags: Option<PathBuf>,
    /// Only the tags whose name matches this glob (`*` any run, `?` one character), e.g. v*
    #[arg(long, value_name = "GLOB", requires = "tags")]
    pattern: Option<String>,
    #[command(flatten)]
    format: FormatArgs,
}

#[derive(Subcommand)]
pub enum IncidentCommand {
    /// Log an incident: what broke, how badly, when, and the deployment that caused it
    Add {
        title: String,
        /// 1 (worst: down for everyone) to 4 (a nuisance)
        #[arg(long, value_parser = clap::value_parser!(u8).range(1..=4))]
        severity: u8,
        /// When it started (RFC 3339, e.g. 2026-03-02T14:05:00Z)
        #[arg(long, value_name = "TIME", value_parser = instant)]
        started: Timestamp,
        /// When service was restored (RFC 3339); leave it out while the incident is open
        #[arg(long, value_name = "TIME", value_parser = instant)]
        resolved: Option<Timestamp>,
        /// The commit of the deployment that caused it, whole or abbreviated
        #[arg(long, value_name = "COMMIT")]
        deploy: Option<String>,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// The incidents, most recent first
    List(FormatArgs),
    /// An incident in full: times, the deployment, people, timeline, postmortem
    Show(IdArgs),
    /// Set an incident's roles (people by name), severity or resolution
    Edit {
        id: i64,
        /// Who leads the response and, afterwards, the postmortem ("" clears it)
        #[arg(long, value_name = "NAME")]
        owner: Option<String>,
        /// Who worked on the fix; repeat for each (given, they replace the list)
        #[arg(long = "solver", value_name = "NAME")]
        solvers: Vec<String>,
        /// Who kept stakeholders and users informed ("" clears it)
        #[arg(long, value_name = "NAME")]
        communicator: Option<String>,
        #[arg(long, value_parser = clap::value_parser!(u8).range(1..=4))]
        severity: Option<u8>,
        /// When service was restored (RFC 3339)
        #[arg(long, value_name = "TIME", value_parser = instant)]
        resolved: Option<Timestamp>,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Add an entry to an incident's timeline
    Timeline {
        id: i64,
        text: String,
        /// When it happened (RFC 3339) [default: now]
        #[arg(long, value_name = "TIME", value_parser = instant)]
        at: Option<Timestamp>,
        /// Who did or saw it
        #[arg(long, value_name = "NAME")]
        by: Option<String>,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Print the blameless postmortem as Markdown; with --file, read the edited file back
    /// (a file not there yet gets the postmortem, or its template, written into it)
    Postmortem {
        id: i64,
        #[arg(long, value_name = "FILE")]
        file: Option<PathBuf>,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// The postmortem's actions: add one, mark one done
    #[command(subcommand)]
    Action(ActionCommand),
    /// Out-of-hours load per responder over the last weeks (on-call fairness)
    Oncall {
        #[arg(long, default_value_t = fulcrum_core::oncall::WEEKS)]
        weeks: i64,
        #[command(flatten)]
        format: FormatArgs,
    },
}

#[derive(Subcommand)]
pub enum ActionCommand {
    /// Add an action to an incident's postmortem
    Add {
        id: i64,
        text: String,
        #[arg(long, value_name = "NAME")]
        owner: Option<String>,
        /// When it is due [default for a priority action: four weeks after the resolution]
        #[arg(long, value_name = "DATE", value_parser = date)]
        due: Option<Date>,
        /// It keeps the incident from happening again
        #[arg(long)]
        priority: bool,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Mark an action done: AID is INCIDENT.N (e.g. 3.2), as `incident show` lists them
    Done {
        #[arg(value_name = "AID")]
        aid: String,
        /// Open it again instead
        #[arg(long)]
        undo: bool,
        #[command(flatten)]
        format: FormatArgs,
    },
}

#[derive(Args)]
pub struct DoraArgs {
    /// First day of the period (UTC days) [default: the last four complete ISO weeks]
    #[arg(long, value_name = "DATE", value_parser = date)]
    from: Option<Date>,
    /// Last day of the period, counted
    #[arg(long, value_name = "DATE", value_parser = date)]
    to: Option<Date>,
    /// Only this service's deployments, and the incidents that name them
    #[arg(long)]
    service: Option<String>,
    #[command(flatten)]
    format: FormatArgs,
}

/// A clap parser for RFC 3339 times.
fn instant(s: &str) -> std::result::Result<Timestamp, String> {
    s.trim()
        .parse()
        .map_err(|_| format!("\"{s}\" is not an RFC 3339 time such as 2026-03-02T14:05:00Z"))
}

pub async fn import(db: &Path, a: ImportDeploysArgs) -> Result<()> {
    let store = fulcrum_app::open_store(db, OpenMode::Create).await?;
    let done = match (&a.file, &a.tags) {
        (_, Some(repo)) => {
            delivery::import_tags(store.as_ref(), repo, a.pattern.as_deref()).await?
        }
        (Some(file), None) => delivery::import_deploys(store.as_ref(), file).await?,
        (None, None) => unreachable!("clap requires FILE or --tags"),
    };
    show(a.format.format, &done, import_text)
}

fn import_text(d: &DeployImport) -> String {
    let mut s = format!(
        "{}: {} new, {} already known",
        d.from,
        plural(d.new as usize, "deployment", "deployments"),
        d.known
    );
    if d.updated > 0 {
        let _ = write!(s, ", {} with a new status", d.updated);
    }
    s.push_str(".\n");
    if d.new + d.known + d.updated == 0 {
        s.push_str("Nothing to import: no deployment (or no matching tag) was found.\n");
    }
    s
}

pub async fn incident_cmd(
    store: &dyn Store,
    cmd: IncidentCommand,
    rules: &RuleBook,
    now: Timestamp,
) -> Result<()> {
    match cmd {
        IncidentCommand::Add {
            title,
            severity,
            started,
            resolved,
            deploy,
            format,
        } => {
            let i = delivery::add_incident(
                store,
                delivery::NewIncident {
                    title,
                    severity,
                    started,
                    resolved,
                    deploy,
                },
            )
            .await?;
            show(format.format, &i, |i| {
                let mut s = format!(
                    "Logged incident {}: {} (severity {}).\n",
                    i.id, i.record.title, i.record.severity
                );
                if let Some(c) = &i.record.deploy {
                    let _ = writeln!(s, "Caused by the deployment of {}.", short(c));
                }
                s
            })
        }
        IncidentCommand::List(f) => {
            let lines = delivery::list_incidents(store).await?;
            show(f.format, &serde_json::json!({ "incidents": lines }), |_| {
                if lines.is_empty() {
                    return "No incidents: fulcrum incident add \"Checkout down\" --severity 1 --started TIME --resolved TIME\n".into();
                }
                lines.iter().map(|l| incident_line(l) + "\n").collect()
            })
        }
        IncidentCommand::Show(IdArgs { id, format }) => {
            let v = delivery::incident(store, id).await?;
            show(format.format, &v, incident_text)
        }
        IncidentCommand::Edit {
            id,
            owner,
            solvers,
            communicator,
            severity,
            resolved,
            format,
        } => {
            let edit = incidents::IncidentEdit {
                owner,
                solvers: (!solvers.is_empty()).then_some(solvers),
                communicator,
                severity,
                resolved,
                title: None,
            };
            let v = incidents::edit(store, id, edit).await?;
            show(format.format, &v, incident_text)
        }
        IncidentCommand::Timeline {
            id,
            text,
            at,
            by,
            format,
        } => {
            let v = incidents::add_timeline(store, id, &text, at, by.as_deref(), now).await?;
            show(format.format, &v, incident_text)
        }
        IncidentCommand::Postmortem { id, file, format } => {
            postmortem(store, id, file, format.format, now).await
        }
        IncidentCommand::Action(c) => action_cmd(store, c, now).await,
        IncidentCommand::Oncall { weeks, format } => {
            let r = incidents::oncall_load(store, rules, weeks, now).await?;
            show(format.format, &r, oncall_text)
        }
    }
}

/// Prints the postmortem, writes it into a file that is not there yet, or reads the
/// edited file back.
async fn postmortem(
    store: &dyn Store,
    id: i64,
    file: Option<PathBuf>,
    format: Format,
    now: Timestamp,
) -> Result<()> {
    let Some(file) = file else {
        let md = incidents::postmortem_markdown(store, id).await?;
        return match format {
            Format::Json => {
                crate::output::emit_json(&serde_json::json!({ "id": id, "markdown": md }))
            }
            Format::Table => crate::output::emit_raw(&md),
        };
    };
    if !file.exists() {
        let md = incidents::postmortem_markdown(store, id).await?;
        std::fs::write(&file, &md).map_err(|e| fulcrum_app::AppError::io(&file, e))?;
        let shown = file.display().to_string();
        return show(
            format,
            &serde_json::json!({ "id": id, "written": shown, "markdown": md }),
            |_| {
                format!(
                    "Wrote the postmortem of incident {id} to {shown}: edit it, then run\n  fulcrum incident postmortem {id} --file {shown}\nto keep it.\n"
                )
            },
        );
    }
    let text = std::fs::read_to_string(&file).map_err(|e| fulcrum_app::AppError::io(&file, e))?;
    let v = incidents::save_postmortem_markdown(store, id, &text, now).await?;
    show(format, &v, |v| {
        format!(
            "Kept the postmortem of incident {id} from {} ({}).\n",
            file.display(),
            v.incident.record.postmortem_state().as_str()
        ) + &incident_text(v)
    })
}

async fn action_cmd(store: &dyn Store, c: ActionCommand, now: Timestamp) -> Result<()> {
    match c {
        ActionCommand::Add {
            id,
            text,
            owner,
            due,
            priority,
            format,
        } => {
            let new = incidents::NewAction {
                text,
                owner,
                due,
                priority,
            };
            let v = incidents::add_action(store, id, new).await?;
            show(format.format, &v, incident_text)
        }
        ActionCommand::Done { aid, undo, format } => {
            let (id, n) = incidents::parse_action_id(&aid)?;
            let v = incidents::set_action_done(store, id, n, !undo, now).await?;
            show(format.format, &v, incident_text)
        }
    }
}

fn oncall_text(r: &incidents::OnCallReport) -> String {
    let mut s = format!(
        "Out-of-hours load {} – {} ({} weeks; outside working hours in {})\n\n",
        r.from, r.to, r.weeks, r.timezone
    );
    if r.loads.is_empty() {
        s.push_str("Nobody carried incident or on-call time outside working hours.\n");
        return s;
    }
    for l in &r.loads {
        let _ = writeln!(
            s,
            "{:<24} {:>6} h  {:>3} %  {}{}",
            l.name,
            round(l.hours),
            round(l.load.share * 100.0),
            plural(l.load.incidents as usize, "incident", "incidents"),
            if l.load.activities > 0 {
                format!(
                    ", {}",
                    plural(
                        l.load.activities as usize,
                        "calendar event",
                        "calendar events"
                    )
                )
            } else {
                String::new()
            }
        );
    }
    if let Some(u) = &r.uneven {
        let _ = writeln!(
            s,
            "\nUneven: {u} carries more than half of it. Spread the rotation, and make sure the time is compensated."
        );
    }
    s
}

fn short(commit: &str) -> &str {
    &commit[..commit.len().min(10)]
}

fn restored(hours: Option<f64>) -> String {
    hours.map_or_else(
        || "open".into(),
        |h| format!("restored in {}", hours_text(h)),
    )
}

fn hours_text(h: f64) -> String {
    if h < 48.0 {
        format!("{} h", round(h))
    } else {
        format!("{} days", round(h / 24.0))
    }
}

/// Two decimals at most, without trailing zeros.
fn round(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn incident_line(l: &IncidentLine) -> String {
    let i = &l.incident.record;
    let mut s = format!(
        "{:>3}  S{} {} · started {} · {}",
        l.incident.id,
        i.severity,
        i.title,
        i.started,
        restored(l.restore_hours)
    );
    if let Some(c) = &i.deploy {
        let _ = write!(s, " · deployment {}", short(c));
    }
    s
}

fn incident_text(v: &IncidentView) -> String {
    let i = &v.incident.record;
    let name = |id: &i64| v.names.get(id).cloned().unwrap_or_else(|| format!("#{id}"));
    let mut s = format!(
        "Incident {}: {}\nSeverity {} · started {} · ",
        v.incident.id, i.title, i.severity, i.started
    );
    match i.resolved {
        Some(r) => {
            let _ = writeln!(s, "resolved {r} · {}", restored(v.restore_hours));
        }
        None => s.push_str("still open\n"),
    }
    if let Some(c) = &i.deploy {
        let _ = write!(s, "Caused by the deployment of {c}");
        for d in &v.deployments {
            let _ = write!(s, " · deployed {}", d.deployed_at);
            if let Some(svc) = &d.service {
                let _ = write!(s, " ({svc})");
            }
        }
        s.push('\n');
    }
    if let Some(o) = &i.owner {
        let _ = writeln!(s, "Owner: {}", name(o));
    }
    if !i.solvers.is_empty() {
        let names: Vec<String> = i.solvers.iter().map(name).collect();
        let _ = writeln!(s, "Solvers: {}", names.join(", "));
    }
    if let Some(c) = &i.communicator {
        let _ = writeln!(s, "Communicator: {}", name(c));
    }
    if !i.timeline.is_empty() {
        s.push_str("\nTimeline\n");
        for e in &i.timeline {
            let _ = write!(s, "  {}  {}", e.at, e.text);
            if let Some(b) = &e.by {
                let _ = write!(s, " ({})", name(b));
            }
            s.push('\n');
        }
    }
    if let Some(p) = &i.postmortem {
        s.push_str("\nPostmortem\n");
        for (label, text) in [
            ("Summary", &p.summary),
            ("Impact", &p.impact),
            ("Detection", &p.detection),
            ("Response", &p.response),
            ("Recovery", &p.recovery),
        ] {
            if !text.is_empty() {
                let _ = writeln!(s, "  {label}: {text}");
            }
        }
        for (label, items) in [
            ("Contributing factors", &p.contributing_factors),
            ("Went well", &p.went_well),
        ] {
            if !items.is_empty() {
                let _ = writeln!(s, "  {label}:");
                for item in items {
                    let _ = writeln!(s, "    • {item}");
                }
            }
        }
        for (n, (a, due)) in p.actions.iter().zip(&v.actions_due).enumerate() {
            let _ = write!(
                s,
                "  {}.{} [{}] {}",
                v.incident.id,
                n + 1,
                if a.done_on.is_some() { "x" } else { " " },
                a.text
            );
            if a.priority {
                s.push_str(" (priority)");
            }
            if let Some(o) = &a.owner {
                let _ = write!(s, " · {}", name(o));
            }
            if let Some(d) = due {
                let _ = write!(s, " · due {d}");
            }
            s.push('\n');
        }
    }
    s
}

pub async fn dora(store: &dyn Store, a: DoraArgs, now: Timestamp) -> Result<()> {
    let r = delivery::dora(store, a.from, a.to, a.service.as_deref(), now).await?;
    match a.format.format {
        Format::Json => crate::output::emit_json(&r),
        Format::Table => emit(&dora_text(&r)),
    }
}

fn tier(t: Option<Tier>) -> &'static str {
    t.map_or("not measured", Tier::as_str)
}

fn median_line(label: &str, m: &Median, what: &str) -> String {
    match m.value {
        Some(v) => format!(
            "{label:<24} {:<14} {:<8} median of {}\n",
            hours_text(v),
            tier(m.tier),
            plural(m.count as usize, what, &format!("{what}s"))
        ),
        None => format!(
            "{label:<24} {:<14} {:<8} no {what}s measured\n",
            "—",
            tier(None)
        ),
    }
}

fn ratio_value<D>(r: &Ratio<D>, percent: bool) -> String {
    match r.value {
        Some(v) if percent => format!("{} %", round(v * 100.0)),
        Some(v) => format!("{} a week", round(v)),
        None => "—".into(),
    }
}

fn dora_text(r: &DoraReport) -> String {
    let d = &r.dora;
    let mut s = format!("Delivery {} – {} ({} days", d.from, d.to, d.days);
    if let Some(svc) = &d.service {
        let _ = write!(s, ", service {svc}");
    }
    s.push_str(")\n\n");
    let f = &d.deploys_per_week;
    let _ = writeln!(
        s,
        "{:<24} {:<14} {:<8} {} in {} {}",
        "Deployment frequency",
        ratio_value(f, false),
        tier(f.tier),
        plural(f.numerator as usize, "deployment", "deployments"),
        round(f.denominator),
        if f.denominator == 1.0 {
            "week"
        } else {
            "weeks"
        }
    );
    s.push_str(&median_line(
        "Lead time for changes",
        &d.lead_time_median_hours,
        "commit",
    ));
    let c = &d.change_failure_rate;
    let _ = writeln!(
        s,
        "{:<24} {:<14} {:<8} {} of {} deployments failed",
        "Change failure rate",
        ratio_value(c, true),
        tier(c.tier),
        c.numerator,
        c.denominator
    );
    s.push_str(&median_line(
        "Time to restore",
        &d.time_to_restore_median_hours,
        "incident",
    ));
    let _ = writeln!(
        s,
        "\nTiers are the DORA State of DevOps {} clusters (docs/delivery.md).",
        d.thresholds_year
    );
    if r.unmeasured_deployments > 0 {
        let _ = writeln!(
            s,
            "Lead time not measured for {} whose commit is in no imported repository (fulcrum import git PATH).",
            plural(
                r.unmeasured_deployments as usize,
                "deployment",
                "deployments"
            )
        );
    }
    for u in &r.unreadable {
        let _ = writeln!(s, "Not read: {u}");
    }
    s
}

//! The brag document (the review packet): what a period held, gathered from the records so
//! it need not be remembered — wins and progress by goal, feedback received, delegations and
//! how they ended, milestones reached, what was shipped and the rituals kept. For the lead,
//! or for one of their people (what was delegated to them, the feedback they were given).

use crate::error::{AppError, Result};
use crate::markdown::plural;
use crate::people::Records as PeopleRecords;
use crate::profile;
use fulcrum_core::delegation::{Delegation, Status};
use fulcrum_core::feedback::{Direction, Feedback, Polarity};
use fulcrum_core::growth::{GrowthPlan, Keyed, Progress, Step, StepStatus, Win};
use fulcrum_core::rituals::{self, Ritual};
use fulcrum_core::time;
use fulcrum_store::{Records, Store};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

#[derive(Debug, Clone, Serialize)]
pub struct Goal {
    pub plan: i64,
    pub goal: String,
    pub wins: Vec<Keyed<Win>>,
    pub progress: Vec<Keyed<Progress>>,
    /// Steps done in the period.
    pub milestones: Vec<Keyed<Step>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Praise {
    pub from: String,
    pub on: Date,
    pub situation: String,
    pub behaviour: String,
    pub impact: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Handed {
    pub title: String,
    pub person: String,
    pub status: Status,
    pub outcome: Option<String>,
    pub closed_on: Option<Date>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Repository {
    pub name: String,
    pub commits: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct RitualKept {
    pub ritual: Ritual,
    pub written: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Brag {
    pub from: Date,
    /// The last day of the period (included).
    pub to: Date,
    /// "you", or the person it is about.
    pub about: String,
    pub person_id: Option<i64>,
    pub goals: Vec<Goal>,
    /// Wins linked to no goal.
    pub other_wins: Vec<Keyed<Win>>,
    pub feedback: Vec<Praise>,
    pub delegations: Vec<Handed>,
    pub commits: usize,
    pub repositories: Vec<Repository>,
    pub rituals: Vec<RitualKept>,
}

fn within(d: Date, from: Date, to: Date) -> bool {
    d >= from && d <= to
}

fn praise(f: &Feedback, who: String) -> Praise {
    Praise {
        from: who,
        on: f.event_on,
        situation: f.situation.trim().to_string(),
        behaviour: f.behaviour.trim().to_string(),
        impact: f.impact.trim().to_string(),
    }
}

fn handed(d: &Delegation, person: String) -> Handed {
    Handed {
        title: d.title.clone(),
        person,
        status: d.status,
        outcome: d.outcome.map(|o| o.to_string()),
        closed_on: d.closed_on,
    }
}

/// The brag document of `[from, to]` (both included), of the lead or of `person`.
pub async fn brag(
    store: &dyn Store,
    from: Option<Date>,
    to: Option<Date>,
    person: Option<&str>,
    now: Timestamp,
) -> Result<Brag> {
    let today = profile::today(store, now).await?;
    let to = to.unwrap_or(today);
    let from = from.unwrap_or_else(|| time::add_days(to, -182));
    if to < from {
        return Err(AppError::invalid(
            "--to",
            format!("the period {from} – {to} ends before it starts"),
        ));
    }
    let records = PeopleRecords::load_since(store, now, Some(from)).await?;
    let name = |id: Option<i64>| records.name_of(id);
    match person {
        Some(p) => {
            let p = crate::people::named(store, p).await?;
            Ok(of_person(&records, p.id, p.name, from, to))
        }
        None => {
            let mut b = Brag {
                from,
                to,
                about: "you".into(),
                person_id: None,
                goals: Vec::new(),
                other_wins: Vec::new(),
                feedback: records
                    .feedback
                    .iter()
                    .filter(|f| f.direction == Direction::Received)
                    .filter(|f| f.polarity == Some(Polarity::Positive))
                    .filter(|f| within(f.event_on, from, to))
                    .map(|f| {
                        praise(
                            f,
                            name(f.person_id)
                                .or(f.who.clone())
                                .unwrap_or_else(|| "someone".into()),
                        )
                    })
                    .collect(),
                delegations: records
                    .delegations
                    .iter()
                    .filter(|d| d.closed_on.is_some_and(|c| within(c, from, to)))
                    .map(|d| handed(d, name(Some(d.person_id)).unwrap_or_default()))
                    .collect(),
                commits: 0,
                repositories: Vec::new(),
                rituals: Vec::new(),
            };
            growth(store, &mut b).await?;
            shipped(store, &mut b, &records.tz).await?;
            b.rituals = kept(store, from, to).await?;
            Ok(b)
        }
    }
}

/// For one of the lead's people: what was handed to them and the praise they were given.
fn of_person(records: &PeopleRecords, id: i64, name: String, from: Date, to: Date) -> Brag {
    Brag {
        from,
        to,
        about: name.clone(),
        person_id: Some(id),
        goals: Vec::new(),
        other_wins: Vec::new(),
        feedback: records
            .feedback
            .iter()
            .filter(|f| f.person_id == Some(id) && f.direction == Direction::Given)
            .filter(|f| f.polarity == Some(Polarity::Positive))
            .filter(|f| within(f.event_on, from, to))
            .map(|f| praise(f, "you".into()))
            .collect(),
        delegations: records
            .delegations
            .iter()
            .filter(|d| d.person_id == id)
            .filter(|d| {
                d.closed_on.is_some_and(|c| within(c, from, to))
                    || (d.status == Status::Active && d.handed_over_on.is_some_and(|h| h <= to))
            })
            .map(|d| handed(d, name.clone()))
            .collect(),
        commits: 0,
        repositories: Vec::new(),
        rituals: Vec::new(),
    }
}

async fn growth(store: &dyn Store, b: &mut Brag) -> Result<()> {
    let plans = store.all::<GrowthPlan>().await?;
    let wins: Vec<Keyed<Win>> = store
        .all::<Win>()
        .await?
        .into_iter()
        .filter(|w| within(w.record.on, b.from, b.to))
        .collect();
    let progress: Vec<Keyed<Progress>> = store
        .all::<Progress>()
        .await?
        .into_iter()
        .filter(|p| within(p.record.on, b.from, b.to))
        .collect();
    let steps: Vec<Keyed<Step>> = store
        .all::<Step>()
        .await?
        .into_iter()
        .filter(|s| {
            s.record.status == StepStatus::Done
                && s.record.done_on.is_some_and(|d| within(d, b.from, b.to))
        })
        .collect();
    for p in &plans {
        let goal = Goal {
            plan: p.id,
            goal: p.record.goal.clone(),
            wins: wins
                .iter()
                .filter(|w| w.record.plan == Some(p.id))
                .cloned()
                .collect(),
            progress: progress
                .iter()
                .filter(|e| e.record.plan == Some(p.id))
                .cloned()
                .collect(),
            milestones: steps
                .iter()
                .filter(|s| s.record.plan == p.id)
                .cloned()
                .collect(),
        };
        if !(goal.wins.is_empty() && goal.progress.is_empty() && goal.milestones.is_empty()) {
            b.goals.push(goal);
        }
    }
    b.other_wins = wins
        .into_iter()
        .filter(|w| {
            w.record
                .plan
                .is_none_or(|id| !plans.iter().any(|p| p.id == id))
        })
        .collect();
    Ok(())
}

async fn shipped(store: &dyn Store, b: &mut Brag, tz: &jiff::tz::TimeZone) -> Result<()> {
    let start = time::day_start(b.from, tz).as_second();
    let end = time::day_start(time::add_days(b.to, 1), tz).as_second();
    let names = crate::activities::source_names(store).await?;
    let mut per: BTreeMap<String, usize> = BTreeMap::new();
    let commits = store.commits_between(start, end).await?;
    let commits: Vec<_> = commits
        .iter()
        .filter(|c| c.author_at >= start && c.author_at < end)
        .collect();
    for c in &commits {
        let repo = names
            .get(&c.source_id)
            .cloned()
            .unwrap_or_else(|| format!("source {}", c.source_id));
        *per.entry(repo).or_default() += 1;
    }
    b.commits = commits.len();
    let mut repos: Vec<Repository> = per
        .into_iter()
        .map(|(name, commits)| Repository { name, commits })
        .collect();
    repos.sort_by(|x, y| y.commits.cmp(&x.commits).then(x.name.cmp(&y.name)));
    b.repositories = repos;
    Ok(())
}

/// Entries written for periods that start in `[from, to]`, per ritual.
async fn kept(store: &dyn Store, from: Date, to: Date) -> Result<Vec<RitualKept>> {
    let key = crate::access::owner_key();
    let mut out = Vec::new();
    for ritual in Ritual::ALL {
        let written = store
            .entries(&key, ritual)
            .await?
            .iter()
            .filter_map(|e| rituals::parse_period(ritual, &e.period))
            .filter(|p| within(p.from, from, to))
            .count();
        out.push(RitualKept { ritual, written });
    }
    Ok(out)
}

fn win_line(s: &mut String, w: &Win) {
    let _ = writeln!(s, "- {}: {}", w.on, w.text.trim());
}

/// The brag document as Markdown, the way a person would write it for a review.
pub fn markdown(b: &Brag) -> String {
    let mut s = if b.person_id.is_some() {
        format!("# What {} did: {} to {}\n\n", b.about, b.from, b.to)
    } else {
        format!("# Brag document: {} to {}\n\n", b.from, b.to)
    };
    if b.person_id.is_none() {
        s.push_str("## Wins and progress, by goal\n\n");
        if b.goals.is_empty() && b.other_wins.is_empty() {
            s.push_str("Nothing logged in this period. `fulcrum growth win add` keeps one as it happens.\n\n");
        }
        for g in &b.goals {
            let _ = writeln!(s, "### {}\n", g.goal);
            // One list in the order things happened: milestones, wins and the progress log
            // (a milestone's own "done" line is the milestone).
            let mut lines: Vec<(Date, String)> = g
                .milestones
                .iter()
                .filter_map(|m| {
                    Some((
                        m.record.done_on?,
                        format!("reached the milestone \"{}\"", m.record.title),
                    ))
                })
                .chain(
                    g.wins
                        .iter()
                        .map(|w| (w.record.on, w.record.text.trim().to_string())),
                )
                .chain(
                    g.progress
                        .iter()
                        .filter(|p| !g.milestones.iter().any(|m| Some(m.id) == p.record.step))
                        .map(|p| (p.record.on, p.record.text.trim().to_string())),
                )
                .collect();
            lines.sort();
            for (on, text) in lines {
                let _ = writeln!(s, "- {on}: {text}");
            }
            s.push('\n');
        }
        if !b.other_wins.is_empty() {
            s.push_str("### Other wins\n\n");
            for w in &b.other_wins {
                win_line(&mut s, &w.record);
            }
            s.push('\n');
        }
    }
    let _ = writeln!(
        s,
        "## {}\n",
        if b.person_id.is_some() {
            "Praise you gave"
        } else {
            "Feedback received"
        }
    );
    if b.feedback.is_empty() {
        s.push_str("None recorded.\n\n");
    }
    for f in &b.feedback {
        let mut line = format!("- {}, {}: {}", f.on, f.from, f.behaviour);
        if !f.situation.is_empty() {
            let _ = write!(line, " ({})", f.situation);
        }
        if !f.impact.is_empty() {
            let _ = write!(line, " — {}", f.impact);
        }
        let _ = writeln!(s, "{line}");
    }
    if !b.feedback.is_empty() {
        s.push('\n');
    }
    let _ = writeln!(s, "## Delegations\n");
    if b.delegations.is_empty() {
        s.push_str("None closed in this period.\n\n");
    }
    for d in &b.delegations {
        let how = match (&d.outcome, d.closed_on) {
            (Some(o), Some(c)) => format!("closed {c}, outcome {o}"),
            (None, Some(c)) => format!("closed {c}"),
            _ => d.status.to_string(),
        };
        if b.person_id.is_some() {
            let _ = writeln!(s, "- {} ({how})", d.title);
        } else {
            let _ = writeln!(s, "- {} → {} ({how})", d.title, d.person);
        }
    }
    if !b.delegations.is_empty() {
        s.push('\n');
    }
    if b.person_id.is_none() {
        s.push_str("## Shipped\n\n");
        if b.commits == 0 {
            s.push_str("No commits in the imported repositories.\n\n");
        } else {
            let repos: Vec<String> = b
                .repositories
                .iter()
                .map(|r| format!("{} ({})", r.name, r.commits))
                .collect();
            let _ = writeln!(
                s,
                "{} across {}: {}.\n",
                plural(b.commits, "commit", "commits"),
                plural(b.repositories.len(), "repository", "repositories"),
                repos.join(", ")
            );
        }
        s.push_str("## Rituals kept\n\n");
        for r in &b.rituals {
            let _ = writeln!(
                s,
                "- {}: {}",
                r.ritual.title(),
                plural(r.written, "entry", "entries")
            );
        }
    }
    s
}

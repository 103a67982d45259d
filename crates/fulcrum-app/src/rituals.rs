//! The reflection rhythm: what is due, entries pre-filled with the period's facts, and a
//! Markdown export of any span of time.

use crate::error::{AppError, Result};
use crate::markdown::{hm, plural};
use crate::profile;
use crate::report::{self, Period as ReportPeriod};
use crate::rules_file::RuleSource;
use fulcrum_core::rituals::{self, EntryBody, Period, Ritual, RitualStatus};
use fulcrum_core::{Category, time};
use fulcrum_store::{Entry, Store};
use jiff::Timestamp;
use jiff::civil::Date;
use std::fmt::Write as _;

/// The period of `ritual` named by `label`, or the one expected now.
pub async fn resolve_period(
    store: &dyn Store,
    ritual: Ritual,
    label: Option<&str>,
    now: Timestamp,
) -> Result<Period> {
    match label {
        Some(l) => rituals::parse_period(ritual, l).ok_or_else(|| {
            AppError::invalid(
                "--period",
                format!(
                    "'{l}' is not a period of the {}: write {}",
                    ritual.title().to_lowercase(),
                    match ritual {
                        Ritual::WeeklyJournal => "a week such as 2026-W48",
                        Ritual::MonthlyCheckIn => "a month such as 2026-11",
                        Ritual::QuarterlyAssessment => "a quarter such as 2026-Q4",
                    }
                ),
            )
        }),
        None => Ok(status(store, ritual, now).await?.period),
    }
}

pub async fn status(store: &dyn Store, ritual: Ritual, now: Timestamp) -> Result<RitualStatus> {
    let profile = profile::require(store).await?;
    let written: Vec<String> = store
        .entries(&crate::access::owner_key(), ritual)
        .await?
        .into_iter()
        .map(|e| e.period)
        .collect();
    Ok(rituals::status(
        ritual,
        time::local_date(now, &profile.tz()),
        &written,
    ))
}

pub async fn status_all(store: &dyn Store, now: Timestamp) -> Result<Vec<RitualStatus>> {
    let mut out = Vec::new();
    for r in Ritual::ALL {
        out.push(status(store, r, now).await?);
    }
    Ok(out)
}

/// What the data shows for a period, as short lines to write an entry against: the balance,
/// meetings and focus, after-hours time, commits, 1:1s and how much planned work got done.
pub async fn facts(
    store: &dyn Store,
    rules: &(impl RuleSource + ?Sized),
    period: &Period,
    now: Timestamp,
) -> Result<Vec<String>> {
    let r = report::build(
        store,
        rules,
        &ReportPeriod::Dates {
            from: period.from,
            to: period.to,
        },
        now,
    )
    .await?;
    let t = &r.totals;
    let mut out = Vec::new();
    if t.minutes == 0 {
        out.push("no tracked time in this period yet".to_string());
    } else {
        let shares: Vec<String> = r
            .categories
            .iter()
            .filter(|c| c.minutes > 0)
            .map(|c| format!("{} {:.0} %", c.category, c.share * 100.0))
            .collect();
        out.push(format!(
            "time tracked {}: {}",
            hm(t.minutes),
            shares.join(", ")
        ));
        let off: Vec<String> = r
            .attention
            .iter()
            .filter(|a| a.kind.ends_with("target"))
            .map(|a| a.message.clone())
            .collect();
        out.extend(off);
        out.push(format!(
            "{} in {} ({}); {} of focus blocks; {} outside working hours",
            hm(t.meeting_minutes),
            plural(t.meetings, "meeting", "meetings"),
            plural(t.one_on_ones, "1:1", "1:1s"),
            hm(t.focus_minutes),
            hm(t.after_hours_minutes)
        ));
    }
    out.push(format!(
        "{} on {}",
        plural(t.commits, "commit", "commits"),
        plural(t.coding_days, "day", "days")
    ));
    let mut done = Vec::new();
    let (mut tasks_done, mut tasks_planned) = (0, 0);
    let mut week = time::week_start(period.from);
    while week < period.to {
        // Weeks without an accepted plan have nothing to report, and a week still running has
        // no result yet.
        if let Ok(v) = crate::weekly::review_week(store, week, now).await
            && !v.review.in_progress
            && let Some(s) = v.review.done_share
        {
            done.push(format!("{} {:.0} %", v.week, s * 100.0));
            tasks_done += v.review.done_tasks;
            tasks_planned += v.review.planned_tasks;
        }
        week = time::add_days(week, 7);
    }
    if !done.is_empty() {
        out.push(format!(
            "planned work done: {}; {tasks_done} of {} done",
            done.join(", "),
            plural(tasks_planned, "planned task", "planned tasks")
        ));
    }
    // A month or a quarter is where long-term goals are looked at: their progress and the
    // milestones due.
    if time::days_between(period.from, period.to) > 7 {
        out.extend(
            crate::growth::facts(store, period.from, period.to, now)
                .await?
                .lines(),
        );
    }
    Ok(out)
}

/// What an entry starts from: the saved one, or for a quarterly self-assessment not written
/// yet, each skill's latest self rating (re-rating starts from where the last ratings left it).
pub async fn draft(store: &dyn Store, ritual: Ritual, period: &Period) -> Result<EntryBody> {
    if let Some(e) = entry(store, ritual, period).await? {
        return Ok(e.body);
    }
    let mut body = EntryBody::default();
    if ritual == Ritual::QuarterlyAssessment {
        body.ratings = crate::growth::latest_self_ratings(store)
            .await?
            .into_iter()
            .map(|(skill, own)| fulcrum_core::rituals::SkillRating {
                skill,
                own: Some(own),
                others: Vec::new(),
            })
            .collect();
    }
    Ok(body)
}

/// The saved entry of a period, if any.
pub async fn entry(store: &dyn Store, ritual: Ritual, period: &Period) -> Result<Option<Entry>> {
    Ok(store
        .entries(&crate::access::owner_key(), ritual)
        .await?
        .into_iter()
        .find(|e| e.period == period.label))
}

/// Saves an entry; an empty one is refused rather than counted for the streak.
pub async fn save(
    store: &dyn Store,
    ritual: Ritual,
    period: &Period,
    body: EntryBody,
    facts: Vec<String>,
) -> Result<Entry> {
    if body.is_empty() {
        return Err(AppError::invalid(
            "text",
            format!(
                "the {} for {} is empty: nothing was saved",
                ritual.title().to_lowercase(),
                period.label
            ),
        ));
    }
    let e = Entry {
        ritual,
        period: period.label.clone(),
        body,
        facts,
    };
    store.save_entry(&e).await?;
    if ritual == Ritual::QuarterlyAssessment {
        keep_ratings(store, period, &e.body).await?;
    }
    Ok(e)
}

/// The ratings of a quarterly self-assessment, kept with the skills: dated the quarter's last
/// day, by the lead and by whoever is named (someone from People, or anonymous). Saving the
/// assessment again replaces its ratings rather than adding to them.
async fn keep_ratings(store: &dyn Store, period: &Period, body: &EntryBody) -> Result<()> {
    use fulcrum_core::growth::{Rater, Rating};
    use fulcrum_store::Records as _;
    let source = format!("assessment:{}", period.label);
    let on = time::add_days(period.to, -1);
    let people = store.people().await?;
    let mut ratings = Vec::new();
    for r in &body.ratings {
        let skill = crate::growth::skill_name(&r.skill);
        let rating = |score: u8, by: Rater| Rating {
            source: Some(source.clone()),
            ..Rating::new(&skill, score, by, on)
        };
        if let Some(own) = r.own {
            ratings.push(rating(own, Rater::Myself));
        }
        for (who, score) in &r.others {
            let by = people
                .iter()
                .find(|p| p.name.eq_ignore_ascii_case(who.trim()))
                .map_or(Rater::Anonymous, |p| Rater::Person(p.id));
            ratings.push(rating(*score, by));
        }
    }
    let stale: Vec<i64> = store
        .all::<Rating>()
        .await?
        .into_iter()
        .filter(|r| r.record.source.as_deref() == Some(source.as_str()))
        .map(|r| r.id)
        .collect();
    crate::growth::replace_ratings(store, &stale, &ratings).await
}

/// Adds items to an entry's sections (creating the entry), for writing without an editor.
pub fn merge(ritual: Ritual, mut body: EntryBody, items: &[(String, String)]) -> Result<EntryBody> {
    let keys: Vec<&str> = ritual.sections().iter().map(|(k, _)| *k).collect();
    for (key, text) in items {
        let key = key.trim().to_ascii_lowercase();
        if !keys.contains(&key.as_str()) {
            return Err(AppError::invalid(
                "--add",
                format!(
                    "'{key}' is not a section of the {}: use {}",
                    ritual.title().to_lowercase(),
                    keys.join(", ")
                ),
            ));
        }
        match body.sections.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => v.push(text.trim().to_string()),
            None => body.sections.push((key, vec![text.trim().to_string()])),
        }
    }
    Ok(body)
}

/// A saved entry with the period it covers.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PastEntry {
    pub period: Period,
    pub entry: Entry,
}

/// The entries written so far, newest period first (a week, the month and the quarter it ends
/// ordered by their last day, the shorter first); `only` keeps one ritual's.
pub async fn past_entries(store: &dyn Store, only: Option<Ritual>) -> Result<Vec<PastEntry>> {
    let mut out = Vec::new();
    for r in Ritual::ALL
        .into_iter()
        .filter(|r| only.is_none_or(|o| o == *r))
    {
        for entry in store.entries(&crate::access::owner_key(), r).await? {
            if let Some(period) = rituals::parse_period(r, &entry.period) {
                out.push(PastEntry { period, entry });
            }
        }
    }
    out.sort_by(|a, b| {
        b.period
            .to
            .cmp(&a.period.to)
            .then_with(|| b.period.from.cmp(&a.period.from))
    });
    Ok(out)
}

/// Every entry written for periods overlapping `[from, to)`, as one Markdown document.
pub async fn export_markdown(store: &dyn Store, from: Date, to: Date) -> Result<String> {
    let mut s = String::new();
    let _ = writeln!(s, "# Reflections {} – {}\n", from, time::add_days(to, -1));
    let mut any = false;
    for r in Ritual::ALL {
        for e in store.entries(&crate::access::owner_key(), r).await? {
            let Some(p) = rituals::parse_period(r, &e.period) else {
                continue;
            };
            if p.to <= from || p.from >= to {
                continue;
            }
            any = true;
            let _ = writeln!(s, "## {} {}\n", r.title(), e.period);
            if !e.facts.is_empty() {
                let _ = writeln!(s, "What the data showed:\n");
                for f in &e.facts {
                    let _ = writeln!(s, "- {f}");
                }
                s.push('\n');
            }
            for (key, items) in e.body.sections.iter().filter(|(_, v)| !v.is_empty()) {
                let _ = writeln!(s, "### {}\n", capitalise(key));
                for i in items {
                    let _ = writeln!(s, "- {i}");
                }
                s.push('\n');
            }
            if !e.body.energy.is_empty() {
                let _ = writeln!(s, "Energy: {}\n", e.body.energy_phrase());
            }
            if !e.body.ratings.is_empty() {
                let _ = writeln!(s, "| Skill | Self | Others | Gap |\n|---|---:|---|---:|");
                for rt in &e.body.ratings {
                    let others: Vec<String> =
                        rt.others.iter().map(|(w, v)| format!("{w} {v}")).collect();
                    let avg = (!rt.others.is_empty()).then(|| {
                        rt.others.iter().map(|(_, v)| f64::from(*v)).sum::<f64>()
                            / rt.others.len() as f64
                    });
                    let gap = match (rt.own, avg) {
                        (Some(o), Some(a)) => format!("{:+.1}", a - f64::from(o)),
                        _ => "—".into(),
                    };
                    let own = rt.own.map_or("—".into(), |v| v.to_string());
                    let _ = writeln!(
                        s,
                        "| {} | {own} | {} | {gap} |",
                        rt.skill,
                        others.join(", ")
                    );
                }
                s.push('\n');
            }
        }
    }
    if !any {
        let _ = writeln!(s, "No entries in this period.");
    }
    Ok(s)
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// Parses `category=+1` energy notes.
pub fn parse_energy(items: &[String]) -> Result<Vec<(Category, i8)>> {
    items
        .iter()
        .map(|e| {
            let bad = || {
                AppError::invalid(
                    "--energy",
                    format!("--energy {e}: write CATEGORY=+1 or CATEGORY=-1, e.g. build=+1"),
                )
            };
            let (c, v) = e.split_once('=').ok_or_else(bad)?;
            let cat: Category = c.parse().map_err(|_| bad())?;
            let v: i8 = v
                .trim()
                .parse()
                .ok()
                .filter(|v: &i8| (-1..=1).contains(v))
                .ok_or_else(bad)?;
            Ok((cat, v))
        })
        .collect()
}

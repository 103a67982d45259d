//! The coach's use cases: gather a snapshot of the lead's data, run the rules of
//! `fulcrum_core::insights`, hide what the user dismissed or snoozed, and carry out an
//! insight's action.

use crate::error::{AppError, Result};
use crate::people::Records;
use crate::report::Period;
use crate::rules_file::RuleSource;
use crate::{profile, rituals, weekly};
use fulcrum_core::growth::Keyed;
use fulcrum_core::habits::Habit;
use fulcrum_core::insights::{
    self, EnergyMark, GrowthFacts, Insight, Offer, PersonFacts, PlanWeek, Snapshot, Verdict,
    VerdictKind, WeekFacts, phase_of,
};
use fulcrum_core::one_on_one::{self, ItemKind, Owner};
use fulcrum_core::report::{self as core_report, ReportInput};
use fulcrum_core::rituals::Ritual;
use fulcrum_core::time;
use fulcrum_store::Store;
use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;

/// Complete weeks the rules read by default: half a year, so a run's start is found.
pub const HISTORY_WEEKS: i64 = 26;

/// The day the insights are judged on, and the first week they read.
#[derive(Debug, Clone, Copy)]
pub struct AsOf {
    pub today: Date,
    pub first_week: Date,
}

impl AsOf {
    /// For a period: the current week judges up to today; a past week or range is judged as
    /// of the day after it ends, so it is the latest complete week.
    pub fn of(period: &Period, today: Date) -> AsOf {
        let (from, to) = period.dates(today);
        let day = match period {
            Period::CurrentWeek => today,
            _ => to.min(today),
        };
        let back = time::add_days(time::week_start(day), -7 * HISTORY_WEEKS);
        AsOf {
            today: day,
            first_week: time::week_start(from).min(back),
        }
    }
}

/// An insight and what the user said of it.
#[derive(Debug, Clone, Serialize)]
pub struct Shown {
    #[serde(flatten)]
    pub insight: Insight,
    /// `open`, `dismissed` or `snoozed`.
    pub status: &'static str,
    pub verdict: Option<Verdict>,
    /// The command that carries out the action, when Fulcrum can.
    pub command: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct InsightList {
    pub as_of: Date,
    pub insights: Vec<Shown>,
}

/// Loads everything the rules read, as of `as_of.today`.
pub async fn snapshot(
    store: &dyn Store,
    rules: &(impl RuleSource + ?Sized),
    as_of: AsOf,
    now: Timestamp,
) -> Result<Snapshot> {
    let profile = profile::require(store).await?;
    let tz = profile.tz();
    let today = as_of.today;
    let this_week = time::week_start(today);
    // "Now" for what happened: the end of the judged day when it is in the past.
    let now = now.min(time::day_start(time::add_days(today, 1), &tz));
    let mut s = Snapshot::empty(profile.clone(), today);
    s.settings = profile.insights.clone();
    s.weeks = weeks(store, rules, as_of.first_week, this_week, now).await?;
    s.tasks = store.tasks().await?;
    s.plans = plans(store, as_of.first_week, this_week, now).await?;
    s.inbox = store.inbox().await?;
    s.rituals = rituals::status_all(store, now).await?;
    s.energy = energy(store).await?;
    let records = Records::load(store, now).await?;
    s.people = people(&records);
    s.feedback = records.feedback.clone();
    s.delegations = records.delegations.clone();
    s.commitments = records.commitments.clone();
    s.growth = growth_facts(store, &records).await?;
    s.decisions = fulcrum_store::Records::all::<fulcrum_core::decisions::DecisionRecord>(store)
        .await?
        .into_iter()
        .map(|r| r.record.decision)
        .collect();
    s.projects = crate::projects::all_facts(store).await?;
    s.incidents = fulcrum_store::Records::all::<fulcrum_core::incidents::Incident>(store).await?;
    s.risks = crate::risks::all(store).await?;
    let oncall_from = time::day_start(time::add_days(today, -7 * fulcrum_core::oncall::WEEKS), &tz);
    s.oncall_time =
        crate::incidents::own_oncall_time(store, &profile, rules, oncall_from, now).await?;
    s.debt = crate::debt::facts(store, rules, this_week, now).await?;
    Ok(s)
}

/// The growth records, with when the lead was last in touch with each of their people.
async fn growth_facts(store: &dyn Store, records: &Records) -> Result<GrowthFacts> {
    use fulcrum_store::Records as _;
    Ok(GrowthFacts {
        plans: store.all().await?,
        steps: store.all().await?,
        support: store.all().await?,
        progress: store
            .all()
            .await?
            .into_iter()
            .map(|p: Keyed<_>| p.record)
            .collect(),
        wins: store
            .all()
            .await?
            .into_iter()
            .map(|w: Keyed<_>| w.record)
            .collect(),
        last_contact: records
            .people
            .iter()
            .filter_map(|p| crate::growth::last_contact(records, p.id).map(|d| (p.id, d)))
            .collect(),
    })
}

/// One report per complete week from `first` up to `this_week`, each with its phase.
pub(crate) async fn weeks(
    store: &dyn Store,
    rules: &(impl RuleSource + ?Sized),
    first: Date,
    this_week: Date,
    now: Timestamp,
) -> Result<Vec<WeekFacts>> {
    if first >= this_week {
        return Ok(Vec::new());
    }
    let period = Period::Dates {
        from: first,
        to: this_week,
    };
    let ctx = crate::report::load(store, rules, &period, now).await?;
    let phases = store.phases().await?;
    let mut out = Vec::new();
    let mut monday = first;
    while monday < this_week {
        let report = core_report::build(&ReportInput {
            profile: &ctx.profile,
            from: monday,
            to: time::add_days(monday, 7),
            activities: &ctx.loaded.activities,
            commits: &ctx.loaded.commits,
            now,
            trend_weeks: 1,
            day_marks: &ctx.day_marks,
        });
        out.push(WeekFacts {
            monday,
            report,
            phase: phase_of(&phases, monday),
        });
        monday = time::add_days(monday, 7);
    }
    Ok(out)
}

/// The reviews of the accepted plans of complete weeks since `first`.
async fn plans(
    store: &dyn Store,
    first: Date,
    this_week: Date,
    now: Timestamp,
) -> Result<Vec<PlanWeek>> {
    let mut out = Vec::new();
    for (monday, r) in weekly::reviews_between(store, first, this_week, now).await? {
        out.push(PlanWeek {
            monday,
            planned_blocks: r.planned_blocks,
            done_blocks: r.done_blocks,
            done_share: r.done_share,
        });
    }
    Ok(out)
}

async fn energy(store: &dyn Store) -> Result<Vec<EnergyMark>> {
    let entries = store
        .entries(&crate::access::owner_key(), Ritual::WeeklyJournal)
        .await?;
    let mut out: Vec<EnergyMark> = entries
        .into_iter()
        .filter_map(|e| {
            let monday = time::parse_iso_week(&e.period).ok()?;
            Some(EnergyMark {
                monday,
                energy: e.body.energy,
            })
        })
        .collect();
    out.sort_by_key(|e| e.monday);
    Ok(out)
}

fn people(records: &Records) -> Vec<PersonFacts> {
    records
        .active()
        .map(|p| {
            let o = records.one_on_ones(p);
            PersonFacts {
                person: p.clone(),
                quiet_streak: one_on_one::quiet_streak(
                    &records.notes_of(p.id),
                    &records.items_of(p.id),
                ),
                contact: records.contact(p),
                style_stuck: records.style_history(p).stuck,
                last_met: o.last_met,
                overdue_days: o.overdue_days,
                called_off_in_a_row: o.cancelled_by_me_in_a_row,
                logged: o.counts.logged,
                one_on_ones: o.one_on_ones,
            }
        })
        .collect()
}

fn command_for(insight: &Insight) -> Option<String> {
    insight
        .action
        .offer
        .as_ref()
        .map(|_| format!("fulcrum insights act {}", insight.id))
}

pub(crate) fn shown(insight: Insight, verdicts: &[Verdict], today: Date) -> Shown {
    let verdict = insights::hidden_by(&insight, verdicts, today).cloned();
    Shown {
        status: match verdict.as_ref().map(|v| v.kind) {
            None => "open",
            Some(VerdictKind::Dismissed) => "dismissed",
            Some(VerdictKind::Snoozed) => "snoozed",
        },
        command: command_for(&insight),
        verdict,
        insight,
    }
}

/// The insights of `period` (`CurrentWeek`: as of today), hidden ones only with `all`.
pub async fn list(
    store: &dyn Store,
    rules: &(impl RuleSource + ?Sized),
    period: &Period,
    all: bool,
    now: Timestamp,
) -> Result<InsightList> {
    let today = profile::today(store, now).await?;
    let as_of = AsOf::of(period, today);
    let s = snapshot(store, rules, as_of, now).await?;
    let verdicts = store.verdicts().await?;
    let insights = insights::evaluate(&s)
        .into_iter()
        .map(|i| shown(i, &verdicts, as_of.today))
        .filter(|i| all || i.status == "open")
        .collect();
    Ok(InsightList {
        as_of: as_of.today,
        insights,
    })
}

/// The insights a module's page shows (`time`, `weekly`, `people`, `feedback` …): open ones,
/// as of today.
pub async fn of_module(
    store: &dyn Store,
    rules: &(impl RuleSource + ?Sized),
    modules: &[&str],
    now: Timestamp,
) -> Result<Vec<Shown>> {
    let list = list(store, rules, &Period::CurrentWeek, false, now).await?;
    Ok(list
        .insights
        .into_iter()
        .filter(|i| modules.contains(&i.insight.module.as_str()))
        .collect())
}

/// The insight `id` as of today, shown or hidden.
pub async fn show(
    store: &dyn Store,
    rules: &(impl RuleSource + ?Sized),
    id: &str,
    now: Timestamp,
) -> Result<Shown> {
    let list = list(store, rules, &Period::CurrentWeek, true, now).await?;
    list.insights
        .into_iter()
        .find(|i| i.insight.id == id.trim())
        .ok_or_else(|| AppError::not_found("insight", id.trim()))
}

/// Keeps the user's answer to an insight: it stays hidden for the same evidence.
async fn answer(
    store: &dyn Store,
    rules: &(impl RuleSource + ?Sized),
    id: &str,
    kind: VerdictKind,
    reason: Option<String>,
    until: Option<Date>,
    now: Timestamp,
) -> Result<Shown> {
    let found = show(store, rules, id, now).await?;
    let today = profile::today(store, now).await?;
    let verdict = Verdict {
        insight_id: found.insight.id.clone(),
        through: found.insight.through,
        kind,
        reason,
        until,
        on: today,
    };
    store.add_verdict(&verdict).await?;
    Ok(shown(found.insight, &[verdict], today))
}

/// Dismisses an insight, with the reason the user gives.
pub async fn dismiss(
    store: &dyn Store,
    rules: &(impl RuleSource + ?Sized),
    id: &str,
    reason: &str,
    now: Timestamp,
) -> Result<Shown> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::invalid(
            "--reason",
            "say why it does not apply (--reason TEXT): it is kept and shown with --all",
        ));
    }
    answer(
        store,
        rules,
        id,
        VerdictKind::Dismissed,
        Some(reason.to_string()),
        None,
        now,
    )
    .await
}

/// Hides an insight until `until` (a day after today).
pub async fn snooze(
    store: &dyn Store,
    rules: &(impl RuleSource + ?Sized),
    id: &str,
    until: Date,
    now: Timestamp,
) -> Result<Shown> {
    let today = profile::today(store, now).await?;
    if until <= today {
        return Err(AppError::invalid(
            "--until",
            format!("--until {until} is not after today ({today}): give a later date"),
        ));
    }
    answer(
        store,
        rules,
        id,
        VerdictKind::Snoozed,
        None,
        Some(until),
        now,
    )
    .await
}

/// Forgets what the user said of an insight; returns how many answers went.
pub async fn undo(store: &dyn Store, id: &str) -> Result<u64> {
    let n = store.remove_verdicts(id.trim()).await?;
    if n == 0 {
        return Err(AppError::not_found(
            "dismissed or snoozed insight",
            id.trim(),
        ));
    }
    Ok(n)
}

/// What carrying out an action did.
#[derive(Debug, Clone, Serialize)]
pub struct Acted {
    pub insight_id: String,
    /// What was done, in words.
    pub did: String,
    /// `task`, `habit`, `agenda-item` or `draft`.
    pub kind: &'static str,
    /// The new record's id (none for a draft, or when it existed already).
    pub id: Option<i64>,
    /// A draft to finish, for praise.
    pub draft: Option<String>,
}

/// Carries out the action of insight `id`. Doing it twice adds nothing the second time.
pub async fn act(
    store: &dyn Store,
    rules: &(impl RuleSource + ?Sized),
    id: &str,
    now: Timestamp,
) -> Result<Acted> {
    let found = show(store, rules, id, now).await?;
    let insight = found.insight;
    let Some(offer) = insight.action.offer.clone() else {
        return Err(AppError::conflict(
            "insight",
            format!(
                "{} has no action Fulcrum can do; its next step is: {}",
                insight.id, insight.action.text
            ),
        ));
    };
    let acted = |did: String, kind, id| Acted {
        insight_id: insight.id.clone(),
        did,
        kind,
        id,
        draft: None,
    };
    match offer {
        Offer::AddTask {
            title,
            category,
            important,
            urgent,
            estimate_minutes,
        } => {
            let open = store.tasks().await?;
            if let Some(t) = open.iter().find(|t| t.is_open() && t.title == title) {
                return Ok(acted(
                    format!("task {} “{title}” is already on the list", t.id),
                    "task",
                    None,
                ));
            }
            let t = weekly::add_task(
                store,
                weekly::NewTask {
                    title: title.clone(),
                    urgent,
                    important,
                    only_me: false,
                    estimate_minutes,
                    due: None,
                    category: Some(category),
                },
            )
            .await?;
            Ok(acted(
                format!("added task {} “{title}”", t.id),
                "task",
                Some(t.id),
            ))
        }
        Offer::AddHabit {
            title,
            category,
            minutes,
        } => {
            let habits = store.habits().await?;
            if let Some(h) = habits.iter().find(|h| h.active && h.title == title) {
                return Ok(acted(
                    format!(
                        "the habit “{title}” is already kept ({} minutes a week)",
                        h.minutes
                    ),
                    "habit",
                    None,
                ));
            }
            let h = add_habit(
                store,
                &title,
                category,
                minutes,
                Some(format!("insight:{}", insight.id)),
                now,
            )
            .await?;
            Ok(acted(
                format!(
                    "added the habit “{title}”: {} minutes of {category} planned every week",
                    h.minutes
                ),
                "habit",
                Some(h.id),
            ))
        }
        Offer::AgendaItem { person_id, text } => {
            let items = store.items().await?;
            if items
                .iter()
                .any(|i| i.person_id == person_id && i.text == text && i.closed_in.is_none())
            {
                return Ok(acted(
                    format!("“{text}” is already on the next 1:1's agenda"),
                    "agenda-item",
                    None,
                ));
            }
            let item = crate::one_on_ones::add_item(
                store,
                crate::one_on_ones::NewItem {
                    person_id,
                    kind: ItemKind::Agenda,
                    owner: Owner::Me,
                    text: text.clone(),
                    due: None,
                },
                now,
            )
            .await?;
            Ok(acted(
                format!("added “{text}” to the next 1:1's agenda"),
                "agenda-item",
                Some(item.id),
            ))
        }
        Offer::DraftPraise { person_id } => {
            let person =
                crate::people::get(store, person_id, fulcrum_core::privacy::Privacy::Hide).await?;
            let first = person.first_name().to_string();
            let draft = format!(
                "Situation: when …\nBehaviour: {first}, you …\nImpact: that meant … for the team.\n\n\
                 Record it once delivered: fulcrum feedback give {first:?} --positive \
                 --situation \"…\" --behaviour \"…\" --impact \"…\""
            );
            Ok(Acted {
                draft: Some(draft),
                ..acted(format!("drafted praise for {}", person.name), "draft", None)
            })
        }
    }
}

/// Stops a habit: it is no longer planned (its past weeks keep their blocks).
pub async fn stop_habit(store: &dyn Store, id: i64) -> Result<Habit> {
    let mut habit = store
        .habits()
        .await?
        .into_iter()
        .find(|h| h.id == id)
        .ok_or_else(|| AppError::not_found("habit", id))?;
    habit.active = false;
    store.update_habit(&habit).await?;
    Ok(habit)
}

/// Adds a weekly habit.
pub async fn add_habit(
    store: &dyn Store,
    title: &str,
    category: fulcrum_core::Category,
    minutes: i64,
    origin: Option<String>,
    now: Timestamp,
) -> Result<Habit> {
    let habit = Habit {
        id: 0,
        title: title.trim().to_string(),
        category,
        minutes,
        active: true,
        created_on: profile::today(store, now).await?,
        origin,
    };
    habit
        .check()
        .map_err(|why| AppError::invalid("habit", why))?;
    Ok(store.add_habit(&habit).await?)
}

/// The insights as Markdown: each with its evidence, the practice and the next step.
pub fn markdown(list: &InsightList) -> String {
    use crate::markdown::plural;
    let mut s = format!("# Insights as of {}\n\n", list.as_of);
    if list.insights.is_empty() {
        s.push_str("Nothing stands out.\n");
    }
    for i in &list.insights {
        let x = &i.insight;
        s.push_str(&format!(
            "## {} ({}, {} since {})\n\n`{}`{}\n\n",
            x.title,
            x.severity,
            plural(x.weeks, "week", "weeks"),
            x.since,
            x.id,
            match i.status {
                "open" => String::new(),
                other => format!(" · {other}"),
            }
        ));
        for e in &x.evidence {
            s.push_str(&format!("- {}\n", e.text));
        }
        s.push_str(&format!(
            "\n*Why ({}):* {}\n\n**Next:** {}\n",
            x.practice, x.why, x.action.text
        ));
        if let Some(c) = &i.command {
            s.push_str(&format!("\n`{c}`\n"));
        }
        if let Some(reason) = i.verdict.as_ref().and_then(|v| v.reason.as_deref()) {
            s.push_str(&format!("\nDismissed: {reason}\n"));
        }
        s.push('\n');
    }
    s
}

/// A phase to mark, as the CLI and the page give it.
pub struct NewPhase {
    pub kind: fulcrum_core::insights::PhaseKind,
    pub name: Option<String>,
    pub from: Date,
    /// The last day, included.
    pub to: Date,
    /// `build=50-80` style targets that replace the profile's for these weeks.
    pub targets: Vec<(String, String)>,
    /// Rules that do not judge these weeks; `None` keeps the kind's defaults.
    pub excused: Option<Vec<String>>,
}

/// Marks a period with a phase (crunch, planning, on-call …) and its own targets.
pub async fn add_phase(store: &dyn Store, new: NewPhase) -> Result<fulcrum_core::insights::Phase> {
    use fulcrum_core::insights::Phase;
    if new.to < new.from {
        return Err(AppError::invalid(
            "--to",
            format!(
                "--to {} is before --from {}: a phase ends on or after its first day",
                new.to, new.from
            ),
        ));
    }
    let mut scratch = profile::require(store).await?;
    let mut targets = Vec::new();
    for (category, range) in &new.targets {
        // The profile's own parser reads the range and checks it.
        profile::apply(&mut scratch, &format!("target.{category}"), range)?;
        let c: fulcrum_core::Category =
            category
                .parse()
                .map_err(|e: fulcrum_core::category::UnknownCategory| {
                    AppError::invalid("--target", e.to_string())
                })?;
        targets.extend(scratch.target(c).copied());
    }
    if let Some(bad) = new
        .excused
        .iter()
        .flatten()
        .find(|r| insights::rule(r).is_none())
    {
        return Err(AppError::invalid(
            "--excuse",
            format!("'{bad}' is not a rule: `fulcrum insights rules` lists them"),
        ));
    }
    let phase = Phase {
        id: 0,
        kind: new.kind,
        name: new
            .name
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| new.kind.as_str().to_string()),
        from: new.from,
        to: new.to,
        targets,
        excused: new.excused,
    };
    Ok(store.add_phase(&phase).await?)
}

pub async fn remove_phase(store: &dyn Store, id: i64) -> Result<fulcrum_core::insights::Phase> {
    store.delete_phase(id).await.map_err(|e| match e {
        fulcrum_store::StoreError::NotFound { .. } => AppError::not_found("phase", id),
        e => e.into(),
    })
}

/// A rule as `fulcrum insights rules` lists it.
#[derive(Debug, Serialize)]
pub struct RuleLine {
    pub id: &'static str,
    pub module: &'static str,
    pub practice: &'static str,
    pub looks_for: &'static str,
    pub why: &'static str,
    pub on: bool,
}

/// Every rule, and each threshold with its value and meaning.
#[derive(Debug, Serialize)]
pub struct RuleList {
    pub rules: Vec<RuleLine>,
    pub settings: Vec<(&'static str, String, &'static str)>,
}

/// Every rule (whether the settings switch it off) and the thresholds they judge by.
pub fn rule_list(settings: &fulcrum_core::insights::InsightSettings) -> RuleList {
    let docs = fulcrum_core::insights::SETTING_DOCS;
    RuleList {
        rules: fulcrum_core::insights::rules()
            .iter()
            .map(|r| {
                let i = r.info();
                RuleLine {
                    id: i.id,
                    module: i.module,
                    practice: i.practice,
                    looks_for: i.looks_for,
                    why: i.why,
                    on: !settings.is_off(i.id),
                }
            })
            .collect(),
        settings: settings
            .values()
            .into_iter()
            .map(|(k, v)| {
                (
                    k,
                    v,
                    docs.iter().find(|(d, _)| *d == k).map_or("", |(_, m)| m),
                )
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule_listing_names_every_rule_and_threshold() {
        let mut settings = fulcrum_core::insights::InsightSettings::default();
        settings.set("off", "no-grow-time").unwrap();
        settings.set("build-weeks", "4").unwrap();
        let list = rule_list(&settings);
        assert_eq!(list.rules.len(), fulcrum_core::insights::rules().len());
        let off: Vec<&str> = list.rules.iter().filter(|r| !r.on).map(|r| r.id).collect();
        assert_eq!(off, ["no-grow-time"]);
        let keys: Vec<&str> = list.settings.iter().map(|(k, _, _)| *k).collect();
        let documented: Vec<&str> = fulcrum_core::insights::SETTING_DOCS
            .iter()
            .map(|(k, _)| *k)
            .collect();
        assert_eq!(keys, documented);
        let build = list
            .settings
            .iter()
            .find(|(k, _, _)| *k == "build-weeks")
            .unwrap();
        assert_eq!(build.1, "4");
        assert!(!build.2.is_empty());
    }
}

//! The weekly digest: a week in five lines, the insights that matter most, what is due, and
//! the one thing to change next week.

use crate::error::Result;
use crate::insights::{self, AsOf, Shown};
use crate::markdown::{hm, plural};
use crate::report::Period;
use crate::rules_file::RuleSource;
use fulcrum_core::Category;
use fulcrum_core::insights::Snapshot;
use fulcrum_core::time;
use fulcrum_store::Store;
use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;

/// Insights a digest shows at most.
pub const TOP: usize = 5;

#[derive(Debug, Clone, Serialize)]
pub struct Digest {
    /// The week it is about (`2026-W48`) and its Monday.
    pub week: String,
    pub monday: Date,
    /// Balance, focus, meetings, 1:1s, commits: one line each.
    pub lines: Vec<DigestLine>,
    /// The most pressing open insights, by severity and how long they have held.
    pub insights: Vec<Shown>,
    /// Rituals, 1:1s, promises and check-ins due in the coming week.
    pub due: Vec<String>,
    /// The one thing to change next week.
    pub next: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DigestLine {
    /// `balance`, `focus`, `meetings`, `one-on-ones`, `commits`.
    pub kind: &'static str,
    pub text: String,
}

/// The digest of the week starting `monday` (default: the last complete week).
pub async fn build(
    store: &dyn Store,
    rules: &(impl RuleSource + ?Sized),
    monday: Option<Date>,
    now: Timestamp,
) -> Result<Digest> {
    let today = crate::profile::today(store, now).await?;
    let monday = monday.unwrap_or_else(|| time::add_days(time::week_start(today), -7));
    // Judged as of the Monday after it (or today, when the week is still running).
    let as_of = AsOf::of(&Period::Week(monday), today);
    let s = insights::snapshot(store, rules, as_of, now).await?;
    let verdicts = store.verdicts().await?;
    let mut open: Vec<Shown> = fulcrum_core::insights::evaluate(&s)
        .into_iter()
        .map(|i| insights::shown(i, &verdicts, as_of.today))
        .filter(|i| i.status == "open")
        .collect();
    open.truncate(TOP);
    let lines = week_lines(&s, monday);
    let next = open.first().map_or_else(
        || "Nothing stands out: keep the habits that made this week work.".to_string(),
        |i| i.insight.action.text.clone(),
    );
    Ok(Digest {
        week: time::iso_week_label(monday),
        monday,
        lines,
        due: due(&s),
        insights: open,
        next,
    })
}

fn line(kind: &'static str, text: String) -> DigestLine {
    DigestLine { kind, text }
}

fn week_lines(s: &Snapshot, monday: Date) -> Vec<DigestLine> {
    let Some(w) = s.weeks.iter().find(|w| w.monday == monday) else {
        return vec![line("balance", "No data for this week yet.".into())];
    };
    let r = &w.report;
    let t = &r.totals;
    let balance: Vec<String> = [
        Category::Build,
        Category::Lead,
        Category::Align,
        Category::Think,
        Category::Grow,
    ]
    .into_iter()
    .map(|c| {
        let share = w.share(c);
        let mark = match w.target(&s.profile, c) {
            Some(t) if share < t.min_percent => format!(" (under {:.0} %)", t.min_percent),
            Some(t) if share > t.max_percent => format!(" (over {:.0} %)", t.max_percent),
            _ => String::new(),
        };
        format!("{c} {share:.0} %{mark}")
    })
    .collect();
    let days = t.working_days.max(1);
    let held: u32 = r.days.iter().map(|d| d.one_on_ones).sum();
    let overdue: Vec<String> = s
        .people
        .iter()
        .filter_map(|p| {
            p.overdue_days
                .map(|d| format!("{} ({})", p.person.name, plural(d, "day", "days")))
        })
        .collect();
    vec![
        line("balance", format!("Balance: {}", balance.join(", "))),
        line(
            "focus",
            format!(
                "Focus: {} of {} working days with a {}-minute block; longest {}",
                t.working_days - t.working_days_without_focus,
                t.working_days,
                r.focus_block_minutes,
                hm(t.longest_focus_minutes)
            ),
        ),
        line(
            "meetings",
            format!(
                "Meetings: {} in {} ({} a working day), {} outside working hours",
                hm(t.meeting_minutes),
                plural(t.meetings, "meeting", "meetings"),
                hm(t.meeting_minutes / i64::from(days)),
                hm(t.after_hours_minutes)
            ),
        ),
        line(
            "one-on-ones",
            if overdue.is_empty() {
                format!("1:1s: {held} held, none overdue")
            } else {
                format!("1:1s: {held} held; overdue: {}", overdue.join(", "))
            },
        ),
        line(
            "commits",
            format!(
                "Commits: {} on {}",
                t.commits,
                plural(t.coding_days, "coding day", "coding days")
            ),
        ),
    ]
}

/// What falls due in the seven days after the snapshot's day (or is overdue already).
fn due(s: &Snapshot) -> Vec<String> {
    let horizon = time::add_days(s.today, 7);
    let mut out = Vec::new();
    for r in &s.rituals {
        if r.state != "done" && r.due <= horizon {
            out.push(format!(
                "{} for {} — due {}",
                r.title, r.period.label, r.due
            ));
        }
    }
    for p in &s.people {
        if p.person.cadence_days == 0 {
            continue;
        }
        let next = p
            .last_met
            .map(|d| time::add_days(d, i64::from(p.person.cadence_days)));
        if let Some(d) = next.filter(|d| *d <= horizon) {
            out.push(format!("1:1 with {} — due {d}", p.person.name));
        }
    }
    for c in s
        .commitments
        .iter()
        .filter(|c| c.is_open() && c.due <= horizon)
    {
        out.push(format!("Promise to {}: “{}” — due {}", c.to, c.what, c.due));
    }
    for d in s
        .delegations
        .iter()
        .filter(|d| d.status == fulcrum_core::delegation::Status::Active)
    {
        for c in d
            .check_ins
            .iter()
            .filter(|c| c.done_on.is_none() && c.due <= horizon)
        {
            out.push(format!(
                "Check in with {} on “{}” — due {}",
                s.name_of(d.person_id),
                d.title,
                c.due
            ));
        }
    }
    out
}

/// The digest as Markdown, for the CLI and the page's download.
pub fn markdown(d: &Digest) -> String {
    let mut s = format!("# Week {} in review\n\n", d.week);
    for l in &d.lines {
        s.push_str(&format!("- {}\n", l.text));
    }
    s.push_str("\n## What stands out\n\n");
    if d.insights.is_empty() {
        s.push_str("Nothing: no rule sees a pattern worth your attention.\n");
    }
    for i in &d.insights {
        s.push_str(&format!(
            "- **{}** ({}, {}): {}\n",
            i.insight.title,
            i.insight.severity,
            plural(i.insight.weeks, "week", "weeks"),
            i.insight.action.text
        ));
    }
    s.push_str("\n## Due\n\n");
    if d.due.is_empty() {
        s.push_str("Nothing due in the next seven days.\n");
    }
    for item in &d.due {
        s.push_str(&format!("- {item}\n"));
    }
    s.push_str(&format!("\n## Next week, change one thing\n\n{}\n", d.next));
    s
}

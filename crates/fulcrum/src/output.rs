//! Human tables and JSON for the terminal. Writes never panic on a closed pipe.

use crate::cli::{Format, ReportFormat};
use fulcrum_app::import::{CalendarImport, GitImport, Refreshed};
use fulcrum_app::markdown::hm;
use fulcrum_app::rules_file::Explanation;
use fulcrum_app::{AppError, Result};
use fulcrum_calendar::Occurrence;
use fulcrum_core::report::Report;
use fulcrum_core::rules::Rule;
use fulcrum_core::{Category, Profile, time};
use serde::Serialize;
use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

/// Writes to stdout; a reader that went away (`| head`) ends the program quietly.
pub fn emit_raw(s: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => Err(AppError::Failed(format!("cannot write the output: {e}"))),
    }
}

pub fn emit(s: &str) -> Result<()> {
    if s.ends_with('\n') {
        emit_raw(s)
    } else {
        emit_raw(&format!("{s}\n"))
    }
}

/// Text for a Markdown table's cell: a `|` escaped, line breaks as spaces.
pub fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// A Markdown table after `intro` (a heading, and any text under it), every cell escaped so
/// that a `|` or a line break in a title cannot break the table.
pub fn markdown_table(
    intro: &str,
    columns: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> String {
    let mut out = format!(
        "{intro}\n\n| {} |\n|{}\n",
        columns.join(" | "),
        "---|".repeat(columns.len())
    );
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| md_cell(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out
}

pub fn emit_json<T: Serialize + ?Sized>(v: &T) -> Result<()> {
    let text = serde_json::to_string_pretty(v).map_err(|e| AppError::Failed(e.to_string()))?;
    emit(&text)
}

/// Prints `v` as `--format` asks: as JSON, or as the table `table` makes of it.
pub fn show<T: Serialize + ?Sized>(
    format: Format,
    v: &T,
    table: impl FnOnce(&T) -> String,
) -> Result<()> {
    match format {
        Format::Json => emit_json(v),
        Format::Table => emit(&table(v)),
    }
}

/// Prints a document as `--format` asks: `json` as JSON, or the Markdown or the table that
/// `markdown` and `table` write.
pub fn show_doc<T: Serialize + ?Sized>(
    format: ReportFormat,
    json: &T,
    markdown: impl FnOnce() -> String,
    table: impl FnOnce() -> String,
) -> Result<()> {
    match format {
        ReportFormat::Json => emit_json(json),
        ReportFormat::Markdown => emit(&markdown()),
        ReportFormat::Table => emit(&table()),
    }
}

fn bar(share: f64, width: usize) -> String {
    let filled = ((share * width as f64).round() as usize).min(width);
    format!("{}{}", "█".repeat(filled), "·".repeat(width - filled))
}

pub fn report(r: &Report) -> String {
    let mut s = String::new();
    let last = time::add_days(r.to, -1);
    let week = if time::week_start(r.from) == r.from && time::add_days(r.from, 7) == r.to {
        format!("Week {} · ", time::iso_week_label(r.from))
    } else {
        String::new()
    };
    let progress = if r.progress.label.is_empty() {
        String::new()
    } else {
        format!(" · {}", r.progress.label)
    };
    let _ = writeln!(s, "{week}{} – {} · {}{progress}", r.from, last, r.timezone);
    if let Some(p) = &r.phase {
        let _ = writeln!(s, "{}", fulcrum_app::markdown::phase_line(p));
    }
    if r.progress.state == "not started" {
        let _ = writeln!(s, "\nNothing spent yet: this period has not started.");
        ahead(&mut s, r);
        return s;
    }
    let _ = writeln!(s, "Shares are of {} time\n", r.shares_of);
    categories(&mut s, r);
    days(&mut s, r);
    let t = &r.totals;
    let away = if t.days_away > 0 {
        format!(
            " ({} away)",
            fulcrum_app::markdown::plural(t.days_away, "day", "days")
        )
    } else {
        String::new()
    };
    let _ = writeln!(
        s,
        "\nTracked {} · working time {}{away}, {} of it untracked · {} · focus {} in blocks of {} min or more, longest {} · coding days: {}",
        hm(t.minutes),
        hm(t.working_minutes),
        hm(t.untracked_minutes),
        fulcrum_app::markdown::plural(t.meetings, "meeting", "meetings"),
        hm(t.focus_minutes),
        r.focus_block_minutes,
        hm(t.longest_focus_minutes),
        t.coding_days
    );
    if !r.progress.judged {
        let _ = writeln!(
            s,
            "\nToo early to judge against your targets: less than a working day has passed."
        );
    }
    if !r.attention.is_empty() {
        let _ = writeln!(s, "\nNeeds attention");
        for a in &r.attention {
            let _ = writeln!(s, "  • {}", a.message);
        }
    }
    ahead(&mut s, r);
    trend(&mut s, r);
    s
}

fn categories(s: &mut String, r: &Report) {
    let _ = writeln!(
        s,
        "{:<9} {:>7} {:>6}  {:<20} {:>9}  status",
        "category", "time", "share", "", "target"
    );
    for c in &r.categories {
        if c.minutes == 0 && c.target_min.is_none() {
            continue;
        }
        let target = match (c.target_min, c.target_max) {
            (Some(a), Some(b)) => format!("{:.0}–{:.0} %", a * 100.0, b * 100.0),
            _ => "—".into(),
        };
        let _ = writeln!(
            s,
            "{:<9} {:>7} {:>4.0} %  {:<20} {:>9}  {}",
            c.category.as_str(),
            hm(c.minutes),
            c.share * 100.0,
            bar(c.share, 20),
            target,
            c.status
        );
    }
    let u = &r.untracked;
    let share = if r.shares_of == "working" {
        format!("{:>4.0} %", u.share_of_working * 100.0)
    } else {
        format!("{:>6}", "—")
    };
    let _ = writeln!(
        s,
        "{:<9} {:>7} {share}  {:<20} {:>9}  {:.0} % of working time, not in the shares above",
        "untracked",
        hm(u.minutes),
        bar(u.share_of_working, 20),
        "",
        u.share_of_working * 100.0
    );
}

const DAY_HEADER: [&str; 8] = [
    "meetings",
    "1:1s",
    "focus",
    "longest",
    "fragments",
    "after hours",
    "untracked",
    "commits",
];

fn days(s: &mut String, r: &Report) {
    let h = DAY_HEADER;
    let _ = writeln!(
        s,
        "\n{:<14} {:>8} {:>5} {:>7} {:>7} {:>9} {:>11} {:>9} {:>7}",
        "day", h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]
    );
    for d in &r.days {
        let day = format!("{} {}", d.weekday, d.date);
        if let Some(away) = &d.away {
            let _ = writeln!(
                s,
                "{day:<14} away: {away}{}",
                if d.minutes_by_category.is_empty() {
                    String::new()
                } else {
                    format!(" ({} tracked)", hm(d.minutes_by_category.values().sum()))
                }
            );
            continue;
        }
        let _ = writeln!(
            s,
            "{:<14} {:>8} {:>5} {:>7} {:>7} {:>9} {:>11} {:>9} {:>7}",
            day,
            hm(d.meeting_minutes),
            d.one_on_ones,
            hm(d.focus_minutes),
            hm(d.longest_focus_minutes),
            d.fragments,
            hm(d.after_hours_minutes),
            hm(d.untracked_minutes),
            d.commits
        );
    }
    // Each total is the sum of its column; the longest stretch does not add up, so its
    // total is left to the line below the table.
    let t = &r.totals;
    let _ = writeln!(
        s,
        "{:<14} {:>8} {:>5} {:>7} {:>7} {:>9} {:>11} {:>9} {:>7}",
        "total",
        hm(t.meeting_minutes),
        t.one_on_ones,
        hm(t.focus_minutes),
        "",
        t.fragments,
        hm(t.after_hours_minutes),
        hm(t.untracked_minutes),
        t.commits
    );
}

fn ahead(s: &mut String, r: &Report) {
    let Some(a) = &r.ahead else {
        return;
    };
    let tz = fulcrum_core::time::parse_zone(&r.timezone).unwrap_or(jiff::tz::TimeZone::UTC);
    let local = |t: jiff::Timestamp| t.to_zoned_datetime(tz.clone());
    let from = local(a.from);
    let _ = writeln!(
        s,
        "\nScheduled, not yet spent (from {} {})",
        from.date(),
        from.time().strftime("%H:%M")
    );
    let _ = writeln!(
        s,
        "{:<14} {:>8} {:>8} {:>10} {:>12}",
        "day", "meetings", "count", "free focus", "longest free"
    );
    for d in &a.days {
        let day = format!("{} {}", d.weekday, d.date);
        if let Some(away) = &d.away {
            let _ = writeln!(s, "{day:<14} away: {away}");
            continue;
        }
        let _ = writeln!(
            s,
            "{:<14} {:>8} {:>8} {:>10} {:>12}",
            day,
            hm(d.meeting_minutes),
            d.meetings,
            hm(d.free_focus_minutes),
            hm(d.longest_free_minutes)
        );
    }
    let _ = writeln!(
        s,
        "{:<14} {:>8} {:>8} {:>10}",
        "total",
        hm(a.meeting_minutes),
        a.meetings.len(),
        hm(a.free_focus_minutes)
    );
    if a.meetings.is_empty() {
        return;
    }
    let _ = writeln!(s, "\nMeetings ahead");
    const SHOWN: usize = 40;
    for m in a.meetings.iter().take(SHOWN) {
        let (start, end) = (local(m.start), local(m.end));
        let _ = writeln!(
            s,
            "  {} {} {}–{}  {}  ({}{})",
            fulcrum_core::profile::WEEKDAY_NAMES
                [start.date().weekday().to_monday_zero_offset() as usize],
            start.date(),
            start.time().strftime("%H:%M"),
            end.time().strftime("%H:%M"),
            m.title,
            m.category,
            if m.one_on_one { ", 1:1" } else { "" }
        );
    }
    if a.meetings.len() > SHOWN {
        let _ = writeln!(
            s,
            "  … and {} more (--format json lists them all)",
            a.meetings.len() - SHOWN
        );
    }
}

fn trend(s: &mut String, r: &Report) {
    if r.trend.is_empty() {
        return;
    }
    let _ = writeln!(
        s,
        "\nBuild share, last {}",
        fulcrum_app::markdown::plural(r.trend.len(), "week", "weeks")
    );
    for w in &r.trend {
        let build = w
            .minutes_by_category
            .get(&Category::Build)
            .copied()
            .unwrap_or(0);
        let share = if w.minutes > 0 {
            build as f64 / w.minutes as f64
        } else {
            0.0
        };
        let _ = writeln!(
            s,
            "  {}  {} {:>3.0} %  of {}",
            w.week,
            bar(share, 20),
            share * 100.0,
            hm(w.minutes)
        );
    }
}

pub fn profile(p: &Profile, db: &Path, first_time: bool) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "Your profile in {}", db.display());
    let _ = writeln!(s, "  e-mails    {}", p.emails.join(", "));
    let _ = writeln!(s, "  time zone  {}", p.timezone);
    let _ = writeln!(s, "  role       {}", p.role);
    let days: Vec<String> = fulcrum_core::profile::WEEKDAY_NAMES
        .iter()
        .zip(&p.working_hours.days)
        .map(|(d, h)| format!("{d} {}", if h.is_empty() { "off" } else { h }))
        .collect();
    let _ = writeln!(s, "  hours      {}", days.join(", "));
    let targets: Vec<String> = p
        .targets
        .iter()
        .map(|t| format!("{} {:.0}–{:.0} %", t.category, t.min_percent, t.max_percent))
        .collect();
    let _ = writeln!(s, "  targets    {}", targets.join(", "));
    let _ = writeln!(
        s,
        "  counting   focus ≥ {} min, sessions: gap < {} min, start {} min before the first commit, tentative {}",
        p.focus_block_minutes,
        p.session_gap_minutes,
        p.session_lead_minutes,
        if p.count_tentative {
            "counts"
        } else {
            "does not count"
        }
    );
    if first_time {
        let _ = writeln!(
            s,
            "\nNext: fulcrum import calendar FILE|URL, fulcrum import git PATH, then fulcrum report"
        );
    }
    s
}

pub fn calendar_imports(imports: &[CalendarImport]) -> String {
    let mut s = String::new();
    for i in imports {
        if i.unchanged {
            let _ = writeln!(
                s,
                "{}: not modified since the last import",
                i.source.location
            );
            continue;
        }
        if i.removed {
            let _ = writeln!(
                s,
                "{}: gone from the folder, removed with its events",
                i.source.location
            );
            continue;
        }
        if let Some(p) = &i.problem {
            let _ = writeln!(s, "{}: {p}", i.source.location);
            continue;
        }
        let _ = write!(
            s,
            "{}: {} imported",
            i.source.location,
            fulcrum_app::markdown::plural(i.events, "occurrence", "occurrences")
        );
        if !i.left_out.is_empty() {
            let _ = write!(s, "; {} (see warnings)", i.left_out.describe());
        }
        s.push('\n');
    }
    s
}

pub fn git_imports(imports: &[GitImport]) -> String {
    let mut s = String::new();
    for g in imports {
        if g.unchanged {
            let _ = writeln!(s, "{}: no new commits", g.source.location);
        } else {
            let _ = writeln!(
                s,
                "{}: {} new commits of yours{}",
                g.source.location,
                g.new_commits,
                if g.rescanned {
                    " (your e-mails changed, so the whole history was read again)"
                } else {
                    ""
                }
            );
        }
    }
    s
}

pub fn refreshed(list: &[Refreshed]) -> String {
    if list.is_empty() {
        return "No sources to refresh yet.".into();
    }
    list.iter()
        .map(|r| {
            format!(
                "{} {}: {}\n",
                if r.ok { "✓" } else { "✗" },
                r.source,
                r.result
            )
        })
        .collect()
}

pub fn explanation(e: &Explanation) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "\"{}\" with {} other people → {}",
        e.title, e.attendees, e.category
    );
    if let Some(who) = &e.one_on_one_with {
        let _ = writeln!(s, "  a 1:1 with {who}, as your people records have it");
    }
    let _ = writeln!(
        s,
        "  decided by the {} rule \"{}\": {}\n",
        e.origin, e.rule, e.reason
    );
    let mut won = false;
    for c in &e.checked {
        let mark = if c.matched && !won {
            won = true;
            "→"
        } else if c.matched {
            "·"
        } else {
            " "
        };
        let _ = writeln!(
            s,
            "{mark} {:<8} {:<30} {:<8} {}",
            c.origin,
            c.rule,
            c.category.as_str(),
            c.reason
        );
    }
    if !won {
        let _ = writeln!(s, "→ no rule matched: the time counts as other");
    }
    s
}

pub fn rules_table(path: &Path, user: &[Rule], defaults: &[Rule]) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "Your rules ({}), tried first:", path.display());
    if user.is_empty() {
        let _ = writeln!(s, "  none yet");
    }
    for r in user.iter() {
        let _ = writeln!(
            s,
            "  {:<30} {:<8} {}",
            r.name,
            r.category.as_str(),
            r.describe()
        );
    }
    let _ = writeln!(s, "\nDefaults:");
    for r in defaults {
        let _ = writeln!(
            s,
            "  {:<30} {:<8} {}",
            r.name,
            r.category.as_str(),
            r.describe()
        );
    }
    s
}

#[derive(Serialize)]
pub struct OccurrenceJson {
    uid: Option<String>,
    summary: Option<String>,
    start: String,
    end: String,
    all_day: bool,
    status: String,
    recurrence_id: Option<String>,
}

pub fn occurrences_json(occ: &[Occurrence<'_>]) -> Vec<OccurrenceJson> {
    occ.iter()
        .map(|o| OccurrenceJson {
            uid: o.uid().map(str::to_string),
            summary: o.event.summary.clone(),
            start: o.start.to_string(),
            end: o.end.to_string(),
            all_day: o.is_all_day(),
            status: status(o),
            recurrence_id: o.recurrence_id.map(|r| r.to_string()),
        })
        .collect()
}

fn status(o: &Occurrence<'_>) -> String {
    match o.status() {
        Some(fulcrum_calendar::Status::Cancelled) => "cancelled".into(),
        Some(fulcrum_calendar::Status::Tentative) => "tentative".into(),
        Some(fulcrum_calendar::Status::Other(x)) => x.to_ascii_lowercase(),
        _ => "confirmed".into(),
    }
}

pub fn occurrences_table(occ: &[Occurrence<'_>]) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{:<21} {:<21} {:<10} summary", "start", "end", "status");
    for o in occ {
        let _ = writeln!(
            s,
            "{:<21} {:<21} {:<10} {}",
            o.start.to_string(),
            o.end.to_string(),
            status(o),
            o.event.summary.as_deref().unwrap_or("")
        );
    }
    let _ = writeln!(
        s,
        "{}",
        fulcrum_app::markdown::plural(occ.len(), "occurrence", "occurrences")
    );
    s
}

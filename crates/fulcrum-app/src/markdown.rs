//! The balance report as Markdown, for notes, journals and pull requests.

use fulcrum_core::report::Report;
use std::fmt::Write;

/// The one plural and the one duration format, shared by the CLI and the pages.
pub use fulcrum_core::words::{hm, plural};

fn pct(f: f64) -> String {
    format!("{:.0} %", f * 100.0)
}

/// Starts a table of numbers: the header row, then the row that puts the first column (what
/// each row is about) on the left and the numbers on the right.
fn numbers_table(s: &mut String, columns: &[&str]) {
    let _ = writeln!(
        s,
        "| {} |\n|---{}|",
        columns.join(" | "),
        "|---:".repeat(columns.len() - 1)
    );
}

/// The phase a report's week is marked with, in one line: what it is and that its targets
/// are the ones judged.
pub fn phase_line(p: &fulcrum_core::insights::Phase) -> String {
    let targets = if p.targets.is_empty() {
        String::new()
    } else {
        "; its targets are the ones judged".to_string()
    };
    format!(
        "Phase: {} ({}, {} – {}){targets}",
        p.name, p.kind, p.from, p.to
    )
}

pub fn report(r: &Report) -> String {
    let mut s = String::new();
    let last = fulcrum_core::time::add_days(r.to, -1);
    let so_far = if r.progress.label.is_empty() {
        String::new()
    } else {
        format!(", {}", r.progress.label)
    };
    let _ = writeln!(
        s,
        "# Balance {} – {} ({}{so_far})\n",
        r.from, last, r.timezone
    );
    if let Some(p) = &r.phase {
        let _ = writeln!(s, "{}\n", phase_line(p));
    }
    let t = &r.totals;
    let _ = writeln!(
        s,
        "Tracked {} of {} working time ({} untracked) · meetings {} ({}, {}) · focus {} · after hours {} · {} on {} · shares of {} time\n",
        hm(t.minutes),
        hm(t.working_minutes),
        hm(t.untracked_minutes),
        hm(t.meeting_minutes),
        plural(t.meetings, "meeting", "meetings"),
        plural(t.one_on_ones, "1:1", "1:1s"),
        hm(t.focus_minutes),
        hm(t.after_hours_minutes),
        plural(t.commits, "commit", "commits"),
        plural(t.coding_days, "day", "days"),
        r.shares_of
    );
    let _ = writeln!(
        s,
        "| Category | Time | Share | Target | |\n|---|---:|---:|---:|---|"
    );
    for c in r
        .categories
        .iter()
        .filter(|c| c.minutes > 0 || c.target_min.is_some())
    {
        let target = match (c.target_min, c.target_max) {
            (Some(a), Some(b)) => format!("{:.0}–{:.0} %", a * 100.0, b * 100.0),
            _ => "—".into(),
        };
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} |",
            c.category,
            hm(c.minutes),
            pct(c.share),
            target,
            c.status
        );
    }
    let _ = writeln!(
        s,
        "| untracked | {} | {} of working time | | |",
        hm(r.untracked.minutes),
        pct(r.untracked.share_of_working)
    );
    s.push('\n');
    numbers_table(
        &mut s,
        &[
            "Day",
            "Meetings",
            "Focus",
            "Longest focus",
            "Fragments",
            "After hours",
            "Untracked",
            "Commits",
        ],
    );
    for d in &r.days {
        if let Some(away) = &d.away {
            let _ = writeln!(s, "| {} {} | away: {away} | | | | | | |", d.weekday, d.date);
            continue;
        }
        let _ = writeln!(
            s,
            "| {} {} | {} | {} | {} | {} | {} | {} | {} |",
            d.weekday,
            d.date,
            hm(d.meeting_minutes),
            hm(d.focus_minutes),
            hm(d.longest_focus_minutes),
            d.fragments,
            hm(d.after_hours_minutes),
            hm(d.untracked_minutes),
            d.commits
        );
    }
    let _ = writeln!(
        s,
        "| **total** | {} | {} | | {} | {} | {} | {} |",
        hm(t.meeting_minutes),
        hm(t.focus_minutes),
        t.fragments,
        hm(t.after_hours_minutes),
        hm(t.untracked_minutes),
        t.commits
    );
    if let Some(a) = &r.ahead {
        let _ = writeln!(
            s,
            "\n## Scheduled, not yet spent\n\n{} in {}, {} of focus time still free\n",
            hm(a.meeting_minutes),
            plural(a.meetings.len(), "meeting", "meetings"),
            hm(a.free_focus_minutes)
        );
        numbers_table(
            &mut s,
            &["Day", "Meetings", "Count", "Free focus", "Longest free"],
        );
        for d in &a.days {
            let _ = writeln!(
                s,
                "| {} {} | {} | {} | {} | {} |",
                d.weekday,
                d.date,
                d.away
                    .as_ref()
                    .map_or_else(|| hm(d.meeting_minutes), |w| format!("away: {w}")),
                d.meetings,
                hm(d.free_focus_minutes),
                hm(d.longest_free_minutes)
            );
        }
    }
    if !r.attention.is_empty() {
        let _ = writeln!(s, "\n## Needs attention\n");
        for a in &r.attention {
            let _ = writeln!(s, "- {}", a.message);
        }
    }
    if !r.trend.is_empty() {
        let _ = writeln!(
            s,
            "\n## Build share, last {}\n",
            plural(r.trend.len(), "week", "weeks")
        );
        numbers_table(&mut s, &["Week", "Tracked", "Build", "Meetings", "Commits"]);
        for w in &r.trend {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} |",
                w.week,
                hm(w.minutes),
                pct(build_share(w)),
                hm(w.meeting_minutes),
                w.commits
            );
        }
    }
    s
}

/// The share of a trend week's tracked time spent building, 0 for a week with none tracked.
pub fn build_share(w: &fulcrum_core::report::TrendWeek) -> f64 {
    let build = w
        .minutes_by_category
        .get(&fulcrum_core::Category::Build)
        .copied()
        .unwrap_or(0);
    if w.minutes > 0 {
        build as f64 / w.minutes as f64
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_of_numbers_align_all_but_the_first_column_right() {
        let mut s = String::new();
        numbers_table(&mut s, &["Week", "Tracked", "Build"]);
        assert_eq!(s, "| Week | Tracked | Build |\n|---|---:|---:|\n");
    }
}

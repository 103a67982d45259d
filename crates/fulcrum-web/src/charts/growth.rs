//! The charts of growth and career: a plan's timeline a quarter at a time, the skill gaps as a
//! heatmap over the quarters, and the calendar audit's shares against a role's.

use super::{figure, n};
use crate::fmt;
use fulcrum_core::career::Audit;
use fulcrum_core::growth::StepStatus;
use fulcrum_core::growth::rules::{Quarter, SkillView, quarter_bounds, quarter_label};
use fulcrum_core::time::{add_days, days_between};
use jiff::civil::Date;
use maud::{Markup, html};

/// The class a step's bar is drawn with: done, dropped, late, or still ahead.
fn bar_class(status: StepStatus, overdue: bool) -> &'static str {
    match status {
        StepStatus::Done => "bar step-done",
        StepStatus::Dropped => "bar step-dropped",
        _ if overdue => "bar step-overdue",
        _ => "bar step-planned",
    }
}

fn bar_state(status: StepStatus, overdue: bool) -> &'static str {
    match status {
        StepStatus::Done => "done",
        StepStatus::Dropped => "dropped",
        _ if overdue => "overdue",
        _ => status.as_str(),
    }
}

/// One quarter of a plan: a row per step overlapping it, the bar clipped to the quarter, the
/// first of each month marked and today drawn as a line when it falls inside.
pub fn plan_timeline(q: &Quarter, today: Date) -> Markup {
    const LEFT: f64 = 290.0;
    const W: f64 = 1000.0;
    const ROW: f64 = 26.0;
    const TOP: f64 = 24.0;
    let days = days_between(q.from, q.to).max(1) as f64;
    let x = |d: Date| LEFT + (W - LEFT - 10.0) * (days_between(q.from, d) as f64 / days);
    let h = TOP + ROW * q.bars.len().max(1) as f64 + 8.0;
    let months: Vec<Date> = (0..3)
        .filter_map(|m| q.from.checked_add(jiff::Span::new().months(m)).ok())
        .collect();
    let svg = html! {
        svg.plan-timeline viewBox=(format!("0 0 {} {}", n(W), n(h))) role="img"
            aria-labelledby="timeline-title timeline-desc" data-quarter=(q.label) {
            title #timeline-desc {
                (format!("The plan's steps in {}: {} of them", q.label, q.bars.len()))
            }
            @for m in &months {
                line.gridline x1=(n(x(*m))) x2=(n(x(*m))) y1="16" y2=(n(h - 4.0)) {}
                text.tick x=(n(x(*m) + 3.0)) y="12" { (m.strftime("%b").to_string()) }
            }
            @if q.bars.is_empty() {
                text.label x=(n(LEFT)) y=(n(TOP + 16.0)) { "No step falls in this quarter." }
            }
            @for (i, b) in q.bars.iter().enumerate() {
                @let y = TOP + ROW * i as f64;
                @let from = b.start.max(q.from);
                @let to = add_days(b.end, 1).min(q.to);
                g.step-row data-step=(b.step) data-status=(bar_state(b.status, b.overdue))
                    data-start=(b.start.to_string()) data-end=(b.end.to_string()) {
                    text.label x=(n(LEFT - 8.0)) y=(n(y + 15.0)) text-anchor="end" {
                        (fmt::clip(&b.title, 34))
                    }
                    rect class=(bar_class(b.status, b.overdue)) x=(n(x(from))) y=(n(y + 3.0))
                        width=(n((x(to) - x(from)).max(3.0))) height=(n(ROW - 8.0)) rx="3" {
                        title { (format!("{}: {} – {} ({})", b.title, fmt::day(b.start), fmt::day(b.end), bar_state(b.status, b.overdue))) }
                    }
                }
            }
            @if today >= q.from && today < q.to {
                line.today x1=(n(x(today))) x2=(n(x(today))) y1="16" y2=(n(h - 4.0)) {}
                text.tick.today-label x=(n(x(today) + 3.0)) y=(n(h - 6.0)) { "today" }
            }
        }
    };
    let table = html! {
        table {
            caption { "Steps in " (q.label) }
            thead { tr { th scope="col" { "Step" } th scope="col" { "Start" } th scope="col" { "End" } th scope="col" { "State" } } }
            tbody {
                @for b in &q.bars {
                    tr { td { (b.title) } td { (fmt::day(b.start)) } td { (fmt::day(b.end)) } td { (bar_state(b.status, b.overdue)) } }
                }
            }
        }
    };
    figure(
        "timeline",
        &format!("Timeline, {}", q.label),
        &format!(
            "{} – {}. Done steps in green, late ones in red; a step with no target date is drawn two weeks long.",
            fmt::day(q.from),
            fmt::day(add_days(q.to, -1))
        ),
        svg,
        table,
    )
}

/// The quarters a skill heatmap shows: the last `count`, ending with today's.
fn last_quarters(today: Date, count: usize) -> Vec<(String, Date)> {
    let mut out = Vec::new();
    let (mut from, mut to) = quarter_bounds(today);
    for _ in 0..count {
        out.push((quarter_label(from), to));
        to = from;
        from = quarter_bounds(add_days(from, -1)).0;
    }
    out.reverse();
    out
}

/// The gap of a skill as of the end of a quarter (exclusive): its last point before then.
fn gap_before(v: &SkillView, end: Date) -> Option<f64> {
    v.history
        .iter()
        .rev()
        .find(|p| p.on < end)
        .and_then(|p| p.gap)
}

/// How strong a gap's colour is: 0 for none, 1–3 from half a point, two and four points.
fn gap_level(gap: f64) -> u8 {
    match gap.abs() {
        g if g < 0.5 => 0,
        g if g < 2.0 => 1,
        g if g < 4.0 => 2,
        _ => 3,
    }
}

fn gap_class(gap: Option<f64>) -> String {
    match gap {
        None => "cell gap-none".into(),
        Some(g) if gap_level(g) == 0 => "cell gap-even".into(),
        Some(g) if g > 0.0 => format!("cell gap-up{}", gap_level(g)),
        Some(g) => format!("cell gap-down{}", gap_level(g)),
    }
}

fn signed(g: f64) -> String {
    if g > 0.0 {
        format!("+{g:.1}")
    } else {
        format!("{g:.1}")
    }
}

/// Skills (rows) by quarter (columns), each cell the gap (others' mean − self) as of the
/// quarter's end: blue where others see more than the lead does, orange where the lead
/// rates themself higher.
pub fn skill_gaps(skills: &[SkillView], today: Date) -> Markup {
    const LEFT: f64 = 170.0;
    const CW: f64 = 70.0;
    const CH: f64 = 24.0;
    const TOP: f64 = 22.0;
    let rated: Vec<&SkillView> = skills.iter().filter(|v| !v.history.is_empty()).collect();
    // From the quarter of the first rating, at most the last six.
    let first = rated
        .iter()
        .filter_map(|v| v.history.first())
        .map(|p| p.on)
        .min();
    let quarters: Vec<(String, Date)> = last_quarters(today, 6)
        .into_iter()
        .filter(|(_, end)| first.is_none_or(|f| f < *end))
        .collect();
    let w = LEFT + CW * quarters.len() as f64 + 4.0;
    let h = TOP + CH * rated.len().max(1) as f64 + 4.0;
    let svg = html! {
        svg.heat.skill-gaps viewBox=(format!("0 0 {} {}", n(w), n(h))) role="img"
            style=(format!("max-width: {}px", n(w * 1.25)))
            aria-labelledby="skill-gaps-title skill-gaps-desc" {
            title #skill-gaps-desc {
                "The gap between how others rate each skill and how you rate it, at the end of each of the last six quarters"
            }
            @for (i, (label, _)) in quarters.iter().enumerate() {
                text.tick x=(n(LEFT + CW * i as f64 + CW / 2.0)) y="14" text-anchor="middle" { (label) }
            }
            @if rated.is_empty() {
                text.label x=(n(LEFT)) y=(n(TOP + 16.0)) { "No ratings yet." }
            }
            @for (r, v) in rated.iter().enumerate() {
                @let y = TOP + CH * r as f64;
                text.label x=(n(LEFT - 8.0)) y=(n(y + 16.0)) text-anchor="end" { (v.skill) }
                @for (i, (label, end)) in quarters.iter().enumerate() {
                    @let gap = gap_before(v, *end);
                    g data-skill=(v.skill) data-quarter=(label) data-gap=[gap.map(|g| format!("{g:.1}"))] {
                        rect class=(gap_class(gap)) x=(n(LEFT + CW * i as f64 + 1.0)) y=(n(y + 1.0))
                            width=(n(CW - 2.0)) height=(n(CH - 2.0)) rx="3" {
                            title { (format!("{} at the end of {label}: {}", v.skill,
                                gap.map_or("no gap known (needs your rating and someone else's)".into(), |g| format!("others − you = {}", signed(g))))) }
                        }
                        @if let Some(g) = gap {
                            text.value x=(n(LEFT + CW * i as f64 + CW / 2.0)) y=(n(y + 16.0)) text-anchor="middle" { (signed(g)) }
                        }
                    }
                }
            }
        }
    };
    let table = html! {
        table {
            caption { "Gap (others − you) per skill at the end of each quarter" }
            thead { tr {
                th scope="col" { "Skill" }
                @for (label, _) in &quarters { th.num scope="col" { (label) } }
            } }
            tbody {
                @for v in &rated {
                    tr {
                        th scope="row" { (v.skill) }
                        @for (_, end) in &quarters {
                            td.num { (gap_before(v, *end).map_or("—".into(), signed)) }
                        }
                    }
                }
            }
        }
    };
    let legend = html! {
        div.heat-legend aria-hidden="true" {
            span { "you rate higher" }
            span.chip.cell.gap-down3 {} span.chip.cell.gap-down1 {} span.chip.cell.gap-even {}
            span.chip.cell.gap-up1 {} span.chip.cell.gap-up3 {}
            span { "others rate higher" }
        }
    };
    figure(
        "skill-gaps",
        "Where others see you differently",
        "Each cell is the mean of the others' latest ratings minus your own, as of the end of the quarter.",
        html! { (svg) (legend) },
        table,
    )
}

/// The audit's share per category next to the role's: the measured bar, the role's share as
/// a mark across it, and the difference in points.
pub fn audit_bars(a: &Audit, role_title: &str) -> Markup {
    const LEFT: f64 = 90.0;
    const W: f64 = 560.0;
    const ROW: f64 = 30.0;
    const TOP: f64 = 10.0;
    let max = a
        .categories
        .iter()
        .flat_map(|c| [c.actual_share, c.role_share])
        .fold(0.1_f64, f64::max);
    let span = W - LEFT - 70.0;
    let x = |share: f64| LEFT + span * (share / max);
    let h = TOP + ROW * a.categories.len() as f64 + 6.0;
    let id = format!("audit-{}", a.weeks);
    let svg = html! {
        svg.audit-bars viewBox=(format!("0 0 {} {}", n(W), n(h))) role="img"
            aria-labelledby=(format!("{id}-title {id}-desc")) data-weeks=(a.weeks) {
            title id=(format!("{id}-desc")) {
                (format!("Your share of work time per category over {} weeks against the {role_title} profile", a.weeks))
            }
            @for (i, c) in a.categories.iter().enumerate() {
                @let y = TOP + ROW * i as f64;
                g.cat-row data-category=(c.category.as_str()) data-actual=(format!("{:.3}", c.actual_share))
                    data-role=(format!("{:.3}", c.role_share)) data-difference=(format!("{:.3}", c.difference)) {
                    text.label x=(n(LEFT - 8.0)) y=(n(y + 17.0)) text-anchor="end" { (c.category) }
                    rect class=(format!("bar fill-{}", c.category)) x=(n(LEFT)) y=(n(y + 5.0))
                        width=(n((x(c.actual_share) - LEFT).max(1.0))) height=(n(ROW - 12.0)) rx="3" {
                        title { (format!("{}: {} of your time, the role {}", c.category, fmt::percent(c.actual_share), fmt::percent(c.role_share))) }
                    }
                    line.role-mark x1=(n(x(c.role_share))) x2=(n(x(c.role_share))) y1=(n(y + 1.0)) y2=(n(y + ROW - 3.0)) {}
                    text.value x=(n(W - 4.0)) y=(n(y + 17.0)) text-anchor="end" {
                        (format!("{:+.0} pts", c.difference * 100.0))
                    }
                }
            }
        }
    };
    let table = html! {
        table {
            thead { tr {
                th scope="col" { "Category" } th.num scope="col" { "You" }
                th.num scope="col" { "The role" } th.num scope="col" { "Difference" }
            } }
            tbody {
                @for c in &a.categories {
                    tr {
                        th scope="row" { (c.category) }
                        td.num { (fmt::percent(c.actual_share)) }
                        td.num { (fmt::percent(c.role_share)) }
                        td.num { (format!("{:+.0} pts", c.difference * 100.0)) }
                    }
                }
            }
        }
    };
    figure(
        &id,
        &format!("The last {} weeks", a.weeks),
        "Bars: your share of work time. Dark marks: the role's share.",
        svg,
        table,
    )
}

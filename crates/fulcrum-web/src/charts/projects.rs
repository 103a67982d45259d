//! A project's milestone timeline: each milestone a mark on a date axis at its due date (done
//! ones green, late ones red), a line from there to when it was done or is forecast, and
//! vertical lines for today, the deadline and the forecast end.

use super::{figure, n};
use crate::fmt;
use fulcrum_app::projects::Line;
use fulcrum_core::projects::MilestoneState;
use fulcrum_core::time::{add_days, days_between};
use jiff::civil::Date;
use maud::{Markup, html};

/// done, late (open and past due), or open.
fn state(m: &MilestoneState) -> &'static str {
    match (m.done_on, m.late) {
        (Some(_), _) => "done",
        (None, true) => "late",
        (None, false) => "open",
    }
}

/// The first and last day the axis shows: every date drawn, with a few days either side.
fn span(l: &Line, today: Date) -> (Date, Date) {
    let p = &l.project.record;
    let mut dates: Vec<Date> = vec![today];
    dates.extend(p.started_on);
    dates.extend(p.deadline);
    dates.extend(l.slip.forecast_end);
    for m in &l.slip.milestones {
        dates.push(m.due);
        dates.push(m.forecast);
    }
    let first = dates.iter().min().copied().unwrap_or(today);
    let last = dates.iter().max().copied().unwrap_or(today);
    (add_days(first, -7), add_days(last, 7))
}

/// The first of each month between `from` and `to`, at most a dozen (every other month
/// beyond a year).
fn month_ticks(from: Date, to: Date) -> Vec<Date> {
    let mut out = Vec::new();
    let mut d = from.first_of_month();
    while d <= to {
        if d >= from {
            out.push(d);
        }
        match d.checked_add(jiff::Span::new().months(1)) {
            Ok(next) => d = next,
            Err(_) => break,
        }
    }
    if out.len() > 12 {
        out = out.into_iter().step_by(2).collect();
    }
    out
}

fn state_text(m: &MilestoneState) -> String {
    match (m.done_on, m.late) {
        (Some(d), _) if m.late_days > 0 => {
            format!("done {}, {} days late", fmt::day(d), m.late_days)
        }
        (Some(d), _) => format!("done {}", fmt::day(d)),
        (None, true) => format!(
            "{} days late, forecast {}",
            m.late_days,
            fmt::day(m.forecast)
        ),
        (None, false) => format!("forecast {}", fmt::day(m.forecast)),
    }
}

/// One project's milestones on a date axis, with the deadline, the forecast end and today.
pub fn project_timeline(l: &Line, today: Date) -> Markup {
    const LEFT: f64 = 300.0;
    const W: f64 = 1000.0;
    const ROW: f64 = 26.0;
    const TOP: f64 = 26.0;
    let id = l.project.id;
    let p = &l.project.record;
    let ms = &l.slip.milestones;
    let (from, to) = span(l, today);
    let days = days_between(from, to).max(1) as f64;
    let x = |d: Date| LEFT + (W - LEFT - 10.0) * (days_between(from, d) as f64 / days);
    let h = TOP + ROW * ms.len().max(1) as f64 + 16.0;
    let vline = |class: &str, d: Date, label: &str, y: f64| {
        html! {
            g class=(class) data-date=(d.to_string()) {
                line x1=(n(x(d))) x2=(n(x(d))) y1="18" y2=(n(h - 14.0)) {}
                text.tick x=(n(x(d) + 3.0)) y=(n(y)) { (label) }
            }
        }
    };
    let svg = html! {
        svg.project-timeline viewBox=(format!("0 0 {} {}", n(W), n(h))) role="img"
            aria-labelledby=(format!("project-{id}-timeline-title project-{id}-timeline-desc"))
            data-project=(id) {
            title id=(format!("project-{id}-timeline-desc")) {
                (format!("{}: {} milestones, {} late", p.name, ms.len(), l.slip.late_milestones))
            }
            @for m in month_ticks(from, to) {
                line.gridline x1=(n(x(m))) x2=(n(x(m))) y1="16" y2=(n(h - 14.0)) {}
                text.tick x=(n(x(m) + 3.0)) y="12" { (m.strftime("%b %Y").to_string()) }
            }
            @if ms.is_empty() {
                text.label x=(n(LEFT)) y=(n(TOP + 16.0)) { "No milestones yet." }
            }
            @for (i, m) in ms.iter().enumerate() {
                @let y = TOP + ROW * i as f64 + ROW / 2.0;
                @let end = m.done_on.unwrap_or(m.forecast);
                g.milestone data-milestone=(m.id) data-state=(state(m))
                    data-due=(m.due.to_string()) data-forecast=(m.forecast.to_string())
                    data-late-days=(m.late_days) {
                    text.label x=(n(LEFT - 10.0)) y=(n(y + 4.0)) text-anchor="end" { (fmt::clip(&m.title, 36)) }
                    @if end != m.due {
                        line class=(format!("drift drift-{}", state(m))) x1=(n(x(m.due))) x2=(n(x(end)))
                            y1=(n(y)) y2=(n(y)) {}
                        circle class=(format!("end-mark end-{}", state(m))) cx=(n(x(end))) cy=(n(y)) r="4" {}
                    }
                    rect class=(format!("mark mark-{}", state(m))) x=(n(x(m.due) - 6.0)) y=(n(y - 6.0))
                        width="12" height="12" transform=(format!("rotate(45 {} {})", n(x(m.due)), n(y))) {
                        title { (format!("{}: due {}, {}", m.title, fmt::day(m.due), state_text(m))) }
                    }
                }
            }
            @if let Some(d) = p.deadline { (vline("deadline", d, "deadline", 24.0)) }
            @if let Some(d) = l.slip.forecast_end.filter(|_| !ms.is_empty()) {
                (vline("forecast", d, "forecast", h - 2.0))
            }
            @if today >= from && today <= to { (vline("today", today, "today", h - 2.0)) }
        }
    };
    let table = html! {
        table {
            caption { "Milestones of " (p.name) }
            thead { tr { th scope="col" { "Milestone" } th scope="col" { "Due" } th scope="col" { "State" } } }
            tbody {
                @for m in ms {
                    tr { td { (m.title) } td { (fmt::day(m.due)) } td { (state_text(m)) } }
                }
            }
        }
    };
    let hint = match (p.deadline, l.slip.forecast_end) {
        (Some(d), Some(f)) => format!(
            "Deadline {}, forecast end {}. Done milestones in green, late ones in red; the line from a mark runs to when it was done or is forecast.",
            fmt::day(d),
            fmt::day(f)
        ),
        _ => "Done milestones in green, late ones in red; the line from a mark runs to when it was done or is forecast.".into(),
    };
    figure(
        &format!("project-{id}-timeline"),
        "Milestones",
        &hint,
        svg,
        table,
    )
}

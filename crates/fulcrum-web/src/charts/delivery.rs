//! The charts of incidents and delivery: the out-of-hours load per responder as bars, and
//! deployments per week with the failed ones marked.

use super::{figure, n};
use crate::fmt;
use fulcrum_app::incidents::LoadLine;
use fulcrum_core::delivery::WeekCount;
use maud::{Markup, html};

/// One horizontal bar per responder, the longest the heaviest load.
pub fn oncall_bars(loads: &[LoadLine], weeks: i64) -> Markup {
    const LEFT: f64 = 200.0;
    const W: f64 = 800.0;
    const ROW: f64 = 28.0;
    let max = loads
        .iter()
        .map(|l| l.load.minutes)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let h = 12.0 + ROW * loads.len().max(1) as f64;
    let svg = html! {
        svg.oncall-bars viewBox=(format!("0 0 {} {}", n(W), n(h))) role="img" aria-labelledby="oncall-chart-title" {
            title { (format!("Out-of-hours hours per responder over the last {weeks} weeks")) }
            @if loads.is_empty() {
                text.label x="10" y="26" { "Nobody carried incident time outside working hours." }
            }
            @for (i, l) in loads.iter().enumerate() {
                @let y = 6.0 + ROW * i as f64;
                @let w = (W - LEFT - 90.0) * l.load.minutes as f64 / max;
                g.load-row data-name=(l.name) data-minutes=(l.load.minutes) data-share=(n(l.load.share * 100.0)) {
                    text.label x=(n(LEFT - 8.0)) y=(n(y + 17.0)) text-anchor="end" { (fmt::clip(&l.name, 26)) }
                    rect.bar.oncall x=(n(LEFT)) y=(n(y + 4.0)) width=(n(w.max(2.0))) height=(n(ROW - 10.0)) rx="3" {
                        title { (format!("{}: {} h", l.name, l.hours)) }
                    }
                    text.tick x=(n(LEFT + w + 6.0)) y=(n(y + 17.0)) {
                        (format!("{} h · {:.0} %", l.hours, l.load.share * 100.0))
                    }
                }
            }
        }
    };
    let table = html! {
        table {
            caption { "Out-of-hours load" }
            thead { tr { th scope="col" { "Who" } th.num scope="col" { "Hours" } th.num scope="col" { "Share" } th.num scope="col" { "Incidents" } th.num scope="col" { "Calendar events" } } }
            tbody {
                @for l in loads {
                    tr { td { (l.name) } td.num { (l.hours) } td.num { (fmt::percent(l.load.share)) } td.num { (l.load.incidents) } td.num { (l.load.activities) } }
                }
            }
        }
    };
    figure(
        "oncall-chart",
        "Out-of-hours load",
        &format!(
            "The last {weeks} weeks: every responder of an incident (owner, solvers, communicator) carries its part outside your working hours; your own on-call time from the calendar is yours."
        ),
        svg,
        table,
    )
}

/// A column per ISO week; the failed deployments are the red top of it.
pub fn deploys_per_week(weeks: &[WeekCount]) -> Markup {
    const W: f64 = 800.0;
    const H: f64 = 180.0;
    const BOTTOM: f64 = 24.0;
    let max = weeks
        .iter()
        .map(|w| w.deployments)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let col = (W - 20.0) / weeks.len().max(1) as f64;
    let y = |v: f64| (H - BOTTOM) - (H - BOTTOM - 14.0) * v / max;
    let svg = html! {
        svg.deploy-weeks viewBox=(format!("0 0 {} {}", n(W), n(H))) role="img" aria-labelledby="deploys-chart-title" {
            title { "Deployments per week" }
            line.gridline x1="10" x2=(n(W - 10.0)) y1=(n(H - BOTTOM)) y2=(n(H - BOTTOM)) {}
            @for (i, w) in weeks.iter().enumerate() {
                @let x = 10.0 + col * i as f64;
                @let ok = f64::from(w.deployments - w.failures);
                g.week data-week=(w.monday.to_string()) data-deployments=(w.deployments) data-failures=(w.failures) {
                    rect.bar.deploy-ok x=(n(x + 2.0)) y=(n(y(ok))) width=(n((col - 4.0).max(1.0))) height=(n(H - BOTTOM - y(ok))) {
                        title { (format!("Week of {}: {} deployments, {} failed", fmt::day(w.monday), w.deployments, w.failures)) }
                    }
                    @if w.failures > 0 {
                        rect.bar.deploy-failed x=(n(x + 2.0)) y=(n(y(f64::from(w.deployments)))) width=(n((col - 4.0).max(1.0)))
                            height=(n(y(ok) - y(f64::from(w.deployments)))) {}
                    }
                    @if weeks.len() <= 16 || i % 4 == 0 {
                        text.tick x=(n(x + 2.0)) y=(n(H - 8.0)) { (w.monday.strftime("%d %b").to_string()) }
                    }
                }
            }
        }
    };
    let table = html! {
        table {
            caption { "Deployments per ISO week (UTC days)" }
            thead { tr { th scope="col" { "Week of" } th.num scope="col" { "Deployments" } th.num scope="col" { "Failed" } } }
            tbody {
                @for w in weeks {
                    tr { td { (fmt::day(w.monday)) } td.num { (w.deployments) } td.num { (w.failures) } }
                }
            }
        }
    };
    figure(
        "deploys-chart",
        "Deployments per week",
        "Failed deployments (by the log's status) are the red top of each week.",
        svg,
        table,
    )
}

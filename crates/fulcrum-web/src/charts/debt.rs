//! The debt charts: the effort-value matrix with its four quadrants named and each open item a
//! labelled point, and the share of build time spent on debt per week against the target line.

use super::{figure, n};
use crate::fmt;
use fulcrum_app::debt::Line;
use fulcrum_core::debt::{Allocation, Quadrant};
use maud::{Markup, html};

/// The items' points: one per item, spread around the cell of its scores when several share it.
fn spread(lines: &[Line]) -> Vec<(f64, f64)> {
    let mut seen: std::collections::BTreeMap<(u8, u8), usize> = Default::default();
    lines
        .iter()
        .map(|l| {
            let s = &l.item.record.scores;
            let k = seen.entry((s.effort, s.value)).or_default();
            let i = *k as f64;
            *k += 1;
            // A small spiral around the exact score, so points sharing one stay apart.
            let (dx, dy) = if i == 0.0 {
                (0.0, 0.0)
            } else {
                let a = i * 2.4;
                (0.22 * a.cos(), 0.22 * a.sin())
            };
            (f64::from(s.effort) + dx, f64::from(s.value) + dy)
        })
        .collect()
}

/// Effort (1–5) across, value (1–5) up; the quick wins top left.
pub fn debt_matrix(lines: &[Line]) -> Markup {
    const W: f64 = 640.0;
    const H: f64 = 440.0;
    const L: f64 = 50.0;
    const T: f64 = 20.0;
    const R: f64 = 20.0;
    const B: f64 = 50.0;
    let x = |e: f64| L + (W - L - R) * (e - 0.5) / 5.0;
    let y = |v: f64| T + (H - T - B) * (5.5 - v) / 5.0;
    // The quadrants split between effort 2 and 3 and between value 2 and 3.
    let (xs, ys) = (x(2.5), y(2.5));
    let cells = [
        (Quadrant::QuickWin, x(0.5), y(5.5), xs, ys),
        (Quadrant::MajorProject, xs, y(5.5), x(5.5), ys),
        (Quadrant::FillIn, x(0.5), ys, xs, y(0.5)),
        (Quadrant::Avoid, xs, ys, x(5.5), y(0.5)),
    ];
    let points = spread(lines);
    let svg = html! {
        svg.debt-matrix viewBox=(format!("0 0 {} {}", n(W), n(H))) role="img"
            aria-labelledby="debt-matrix-title debt-matrix-desc" data-items=(lines.len()) {
            title #debt-matrix-desc { (format!("Effort-value matrix of {} debt items", lines.len())) }
            @for (q, x0, y0, x1, y1) in cells {
                g.quadrant data-quadrant=(q.as_str()) {
                    rect class=(format!("cell cell-{}", q.as_str())) x=(n(x0)) y=(n(y0))
                        width=(n(x1 - x0)) height=(n(y1 - y0)) {}
                    text.quadrant-name x=(n(x0 + 8.0)) y=(n(y0 + 18.0)) { (q.label()) }
                }
            }
            @for e in 1..=5 {
                text.tick x=(n(x(f64::from(e)))) y=(n(H - B + 18.0)) text-anchor="middle" { (e) }
                text.tick x=(n(L - 10.0)) y=(n(y(f64::from(e)) + 4.0)) text-anchor="end" { (e) }
            }
            text.axis x=(n((L + W - R) / 2.0)) y=(n(H - 10.0)) text-anchor="middle" { "Effort to resolve →" }
            text.axis x="14" y=(n((T + H - B) / 2.0)) text-anchor="middle"
                transform=(format!("rotate(-90 14 {})", n((T + H - B) / 2.0))) { "Value of resolving →" }
            @for (l, (px, py)) in lines.iter().zip(&points) {
                @let r = &l.item.record;
                a href=(format!("/debt/{}", l.item.id)) {
                    g.debt-point data-item=(l.item.id) data-effort=(r.scores.effort) data-value=(r.scores.value)
                        data-quadrant=(l.quadrant.as_str()) data-status=(r.status.as_str()) {
                        circle class=(format!("point status-{}", r.status.as_str())) cx=(n(x(*px))) cy=(n(y(*py))) r="7" {
                            title { (format!("{}: effort {}, value {}, priority {:.2}", r.title, r.scores.effort, r.scores.value, l.priority)) }
                        }
                        text.point-label x=(n(x(*px) + 10.0)) y=(n(y(*py) + 4.0)) { (fmt::clip(&r.title, 22)) }
                    }
                }
            }
        }
    };
    let table = html! {
        table {
            caption { "Debt items by effort and value" }
            thead { tr { th scope="col" { "Item" } th.num scope="col" { "Effort" } th.num scope="col" { "Value" } th scope="col" { "Quadrant" } } }
            tbody {
                @for l in lines {
                    tr { td { (l.item.record.title) } td.num { (l.item.record.scores.effort) } td.num { (l.item.record.scores.value) } td { (l.quadrant.label()) } }
                }
            }
        }
    };
    figure(
        "debt-matrix",
        "Effort-value matrix",
        "Effort to resolve across, value of resolving up. Start top left with the quick wins; plan the major projects; keep fill-ins for slack; avoid, or tolerate on purpose, the rest.",
        svg,
        table,
    )
}

fn pct(p: Option<f64>) -> String {
    p.map_or("—".into(), |p| format!("{p:.1} %"))
}

/// One bar per week: the debt share of its build time, with the target as a line.
pub fn allocation_bars(a: &Allocation) -> Markup {
    const W: f64 = 800.0;
    const H: f64 = 220.0;
    const L: f64 = 44.0;
    const T: f64 = 12.0;
    const B: f64 = 34.0;
    let max = a
        .weeks
        .iter()
        .filter_map(|w| w.share_percent)
        .fold(f64::from(a.target_percent) * 1.5, f64::max)
        .min(100.0);
    let y = |p: f64| T + (H - T - B) * (1.0 - p / max);
    let slot = (W - L - 10.0) / a.weeks.len().max(1) as f64;
    let target_y = y(f64::from(a.target_percent));
    let svg = html! {
        svg.allocation-bars viewBox=(format!("0 0 {} {}", n(W), n(H))) role="img"
            aria-labelledby="debt-allocation-title debt-allocation-desc" data-target=(a.target_percent) {
            title #debt-allocation-desc { (format!("Debt share of build time per week against the agreed {} %", a.target_percent)) }
            line.gridline x1=(n(L)) x2=(n(W - 10.0)) y1=(n(y(0.0))) y2=(n(y(0.0))) {}
            text.tick x=(n(L - 6.0)) y=(n(y(0.0) + 4.0)) text-anchor="end" { "0 %" }
            @for (i, w) in a.weeks.iter().enumerate() {
                @let share = w.share_percent.unwrap_or(0.0);
                @let x0 = L + slot * i as f64 + slot * 0.15;
                g.week data-week=(w.week) data-debt-minutes=(w.debt_minutes) data-build-minutes=(w.build_minutes)
                    data-share=[w.share_percent.map(n)] data-below=(w.below_target) {
                    rect class=(if w.below_target { "bar debt below" } else { "bar debt" })
                        x=(n(x0)) y=(n(y(share))) width=(n(slot * 0.7)) height=(n((y(0.0) - y(share)).max(1.0))) {
                        title { (format!("{}: {} of {} build minutes, {}", w.week, w.debt_minutes, w.build_minutes, pct(w.share_percent))) }
                    }
                    @if a.weeks.len() <= 16 || i % 2 == 0 {
                        text.tick x=(n(x0 + slot * 0.35)) y=(n(H - B + 16.0)) text-anchor="middle" {
                            (w.week.rsplit('-').next().unwrap_or(&w.week))
                        }
                    }
                }
            }
            g.target data-target=(a.target_percent) {
                line x1=(n(L)) x2=(n(W - 10.0)) y1=(n(target_y)) y2=(n(target_y)) {}
                text.tick x=(n(L - 6.0)) y=(n(target_y + 4.0)) text-anchor="end" { (a.target_percent) " %" }
            }
        }
    };
    let table = html! {
        table {
            caption { "Debt share of build time per week" }
            thead { tr { th scope="col" { "Week" } th.num scope="col" { "Debt minutes" } th.num scope="col" { "Build minutes" } th.num scope="col" { "Share" } } }
            tbody {
                @for w in &a.weeks {
                    tr { td { (w.week) } td.num { (w.debt_minutes) } td.num { (w.build_minutes) } td.num { (pct(w.share_percent)) } }
                }
            }
        }
    };
    figure(
        "debt-allocation",
        "Debt share of build time",
        &format!(
            "Build time whose title or rule names a debt word ({}), over all build time, each week; the line is the agreed {} %.",
            a.words.join(", "),
            a.target_percent
        ),
        svg,
        table,
    )
}

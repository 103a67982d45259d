//! Server-side SVG charts. Each chart has a title, is an image to assistive technology, and
//! comes with a table of its numbers; elements carry `data-` attributes with the raw values.

use crate::fmt;
use fulcrum_core::Category;
use fulcrum_core::report::{Heatmap, Report};
use maud::{Markup, html};

mod debt;
mod growth;
mod projects;
mod risks;
pub use debt::{allocation_bars, debt_matrix};
pub use growth::{audit_bars, plan_timeline, skill_gaps};
pub use projects::project_timeline;
pub use risks::risk_matrix;

mod delivery;
pub use delivery::{deploys_per_week, oncall_bars};

/// A coordinate with one decimal.
pub(crate) fn n(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// A chart with its heading, its description and its numbers.
pub(crate) fn figure(id: &str, title: &str, hint: &str, svg: Markup, table: Markup) -> Markup {
    html! {
        figure.chart id=(id) {
            figcaption {
                h2 id=(format!("{id}-title")) { (title) }
                @if !hint.is_empty() { p.hint { (hint) } }
            }
            div.svg-wrap { (svg) }
            details.numbers {
                summary { "Show the numbers" }
                div.table-wrap { (table) }
            }
        }
    }
}

/// A smaller chart inside a page's card: its heading (with `legend` after it), and its
/// numbers.
fn small_figure(id: &str, title: &str, legend: Markup, svg: Markup, table: Markup) -> Markup {
    html! {
        figure.chart.small-chart id=(id) {
            figcaption {
                h3 id=(format!("{id}-title")) { (title) }
                (legend)
            }
            div.svg-wrap { (svg) }
            details.numbers {
                summary { "Show the numbers" }
                div.table-wrap { (table) }
            }
        }
    }
}

fn target_text(min: Option<f64>, max: Option<f64>) -> String {
    match (min, max) {
        (Some(a), Some(b)) => format!("{:.0}–{:.0} %", a * 100.0, b * 100.0),
        _ => "no target".into(),
    }
}

/// The week's share per category as bars, each over the band of its target range.
pub fn category_bars(r: &Report) -> Markup {
    const W: f64 = 560.0;
    const ROW: f64 = 30.0;
    const X0: f64 = 90.0;
    const X1: f64 = W - 150.0;
    let top = 6.0;
    let h = top + ROW * r.categories.len() as f64 + 22.0;
    let max = r
        .categories
        .iter()
        .map(|c| c.share.max(c.target_max.unwrap_or(0.0)))
        .fold(0.5f64, f64::max);
    let scale = (max * 10.0).ceil() / 10.0;
    let x = |share: f64| X0 + (X1 - X0) * (share / scale).min(1.0);
    let step = if scale > 0.6 { 0.2 } else { 0.1 };
    let ticks: Vec<f64> = (0..=((scale / step).round() as usize))
        .map(|i| i as f64 * step)
        .collect();
    let axis_y = top + ROW * r.categories.len() as f64;
    let svg = html! {
        svg.bars viewBox=(format!("0 0 {W} {}", n(h))) role="img"
            aria-labelledby="balance-title balance-desc" {
            title #balance-desc {
                "Share of " (r.shares_of) " time per category this week, each against its target range"
            }
            @for t in &ticks {
                line.gridline x1=(n(x(*t))) x2=(n(x(*t))) y1=(n(top - 4.0)) y2=(n(axis_y)) {}
                text.tick x=(n(x(*t))) y=(n(axis_y + 16.0)) text-anchor="middle" {
                    (format!("{:.0} %", t * 100.0))
                }
            }
            @for (i, c) in r.categories.iter().enumerate() {
                @let y = top + ROW * i as f64;
                @let cat = c.category.as_str();
                g.cat-row data-category=(cat) data-minutes=(c.minutes)
                    data-share=(format!("{:.4}", c.share)) data-status=(c.status) {
                    title {
                        (format!("{cat}: {} ({}), target {}: {}", fmt::duration(c.minutes),
                            fmt::percent(c.share), target_text(c.target_min, c.target_max), c.status))
                    }
                    text.label x=(n(X0 - 10.0)) y=(n(y + 19.0)) text-anchor="end" { (cat) }
                    @if let (Some(a), Some(b)) = (c.target_min, c.target_max) {
                        rect.band x=(n(x(a))) y=(n(y + 3.0)) width=(n((x(b) - x(a)).max(1.5)))
                            height=(n(ROW - 6.0)) rx="3" {}
                    }
                    rect class=(format!("bar fill-{cat}")) x=(n(X0)) y=(n(y + 9.0))
                        width=(n((x(c.share) - X0).max(if c.minutes > 0 { 2.0 } else { 0.0 })))
                        height="14" rx="2" {}
                    text.value x=(n(X1 + 12.0)) y=(n(y + 19.0)) {
                        (fmt::duration(c.minutes)) " · " (fmt::percent(c.share))
                        @match c.status {
                            "below" => tspan.status-below dx="6" { "▼ below" },
                            "above" => tspan.status-above dx="6" { "▲ above" },
                            _ => {}
                        }
                    }
                }
            }
        }
    };
    let table = html! {
        table {
            caption { "Time per category this week" }
            thead { tr { th scope="col" { "Category" } th scope="col" { "Time" }
                th scope="col" { "Share" } th scope="col" { "Target" } th scope="col" { "Status" } } }
            tbody {
                @for c in &r.categories {
                    tr data-category=(c.category.as_str()) data-minutes=(c.minutes) {
                        th scope="row" { span class=(format!("swatch bg-{}", c.category)) {} (c.category) }
                        td.num { (fmt::duration(c.minutes)) }
                        td.num { (fmt::percent(c.share)) }
                        td { (target_text(c.target_min, c.target_max)) }
                        td { (c.status) }
                    }
                }
            }
        }
    };
    figure(
        "balance",
        "Balance this week",
        &format!(
            "Bars are your share of {} time; the grey band behind each is the range you aim for.",
            r.shares_of
        ),
        svg,
        table,
    )
}

/// The non-empty categories of a week with their minutes and the minutes stacked below them.
fn stack(w: &fulcrum_core::report::TrendWeek) -> Vec<(Category, i64, i64)> {
    let mut below = 0;
    let mut out = Vec::new();
    for c in Category::ALL {
        let m = w.minutes_by_category.get(&c).copied().unwrap_or(0);
        if m > 0 {
            out.push((c, m, below));
            below += m;
        }
    }
    out
}

/// A stacked bar of minutes per category for each of the trend's weeks.
pub fn trend(r: &Report, shown_week: &str) -> Markup {
    const W: f64 = 1100.0;
    const H: f64 = 250.0;
    const LEFT: f64 = 44.0;
    const BOTTOM: f64 = 26.0;
    const TOP: f64 = 10.0;
    let weeks = &r.trend;
    let max_min = weeks.iter().map(|w| w.minutes).max().unwrap_or(0).max(60);
    let step_h = if max_min > 40 * 60 { 10 } else { 5 };
    let top_h = ((max_min as f64 / 60.0) / step_h as f64).ceil() as i64 * step_h;
    let plot_h = H - TOP - BOTTOM;
    let y = |minutes: f64| H - BOTTOM - plot_h * minutes / (top_h as f64 * 60.0);
    let slot = (W - LEFT - 6.0) / weeks.len().max(1) as f64;
    let bar_w = slot * 0.64;
    let svg = html! {
        svg.trend viewBox=(format!("0 0 {W} {H}")) role="img"
            aria-labelledby="trend-title trend-desc" {
            title #trend-desc {
                (format!("Tracked hours per week by category over the last {} weeks", weeks.len()))
            }
            @for i in 0..=(top_h / step_h) {
                @let hrs = i * step_h;
                line.gridline x1=(n(LEFT)) x2=(n(W)) y1=(n(y(hrs as f64 * 60.0))) y2=(n(y(hrs as f64 * 60.0))) {}
                text.tick x=(n(LEFT - 6.0)) y=(n(y(hrs as f64 * 60.0) + 4.0)) text-anchor="end" { (hrs) " h" }
            }
            @for (i, w) in weeks.iter().enumerate() {
                @let x = LEFT + slot * i as f64 + (slot - bar_w) / 2.0;
                @let current = w.week == shown_week;
                g.week-col.current[current] data-week=(w.week) data-minutes=(w.minutes) {
                    title { (format!("{}: {} tracked", w.week, fmt::duration(w.minutes))) }
                    @for (c, m, below) in stack(w) {
                        @let y_top = y((below + m) as f64);
                        rect class=(format!("fill-{c}")) x=(n(x)) y=(n(y_top)) width=(n(bar_w))
                            height=(n(y(below as f64) - y_top)) data-category=(c.as_str()) data-minutes=(m) {
                            title { (format!("{}: {c} {}", w.week, fmt::duration(m))) }
                        }
                    }
                    @if current {
                        rect.outline x=(n(x - 2.0)) y=(n(y(w.minutes as f64) - 2.0))
                            width=(n(bar_w + 4.0)) height=(n(y(0.0) - y(w.minutes as f64) + 2.0)) rx="2" {}
                    }
                    text.tick.strong[current] x=(n(x + bar_w / 2.0)) y=(n(H - 8.0)) text-anchor="middle" {
                        (w.week.rsplit('-').next().unwrap_or(&w.week))
                    }
                }
            }
        }
    };
    let table = html! {
        table {
            caption { "Hours per category and week" }
            thead { tr {
                th scope="col" { "Week" }
                @for c in Category::ALL { th scope="col" { (c) } }
                th scope="col" { "Total" }
            } }
            tbody {
                @for w in weeks {
                    tr data-week=(w.week) {
                        th scope="row" { (w.week) }
                        @for c in Category::ALL {
                            td.num { (fmt::duration(w.minutes_by_category.get(&c).copied().unwrap_or(0))) }
                        }
                        td.num { (fmt::duration(w.minutes)) }
                    }
                }
            }
        }
    };
    figure(
        "trend",
        &format!("The last {} weeks", weeks.len()),
        "Tracked hours per week, stacked by category; the outlined week is the one shown.",
        svg,
        table,
    )
}

/// Where meetings sit in the week: a weekday × hour grid, darker for more meeting time.
pub fn heatmap(h: &Heatmap, weeks: i64) -> Markup {
    const LEFT: f64 = 40.0;
    const TOP: f64 = 20.0;
    const CW: f64 = 21.0;
    const CH: f64 = 21.0;
    let w = LEFT + CW * 24.0 + 2.0;
    let hgt = TOP + CH * 7.0 + 4.0;
    let max = h
        .minutes
        .iter()
        .flatten()
        .copied()
        .max()
        .unwrap_or(0)
        .max(1);
    let svg = html! {
        svg.heat viewBox=(format!("0 0 {} {}", n(w), n(hgt))) role="img"
            aria-labelledby="heatmap-title heatmap-desc" {
            title #heatmap-desc {
                (format!("Meeting minutes per weekday and hour over the {weeks} weeks from {} to {}",
                    h.from, fulcrum_core::time::add_days(h.to, -1)))
            }
            @for hour in (0..24).step_by(3) {
                text.tick x=(n(LEFT + CW * hour as f64 + CW / 2.0)) y="13" text-anchor="middle" {
                    (format!("{hour:02}"))
                }
            }
            @for (d, row) in h.minutes.iter().enumerate() {
                text.tick x=(n(LEFT - 8.0)) y=(n(TOP + CH * d as f64 + CH / 2.0 + 4.0)) text-anchor="end" {
                    (fmt::WEEKDAYS[d])
                }
                @for (hour, &m) in row.iter().enumerate() {
                    @let level = if m == 0 { 0 } else { 1 + (m * 5 / (max + 1)).min(4) };
                    rect class=(format!("cell heat{level}")) x=(n(LEFT + CW * hour as f64 + 1.0))
                        y=(n(TOP + CH * d as f64 + 1.0)) width=(n(CW - 2.0)) height=(n(CH - 2.0)) rx="3"
                        data-day=(d) data-hour=(hour) data-minutes=(m) {
                        title { (format!("{} {hour:02}:00–{:02}:00: {} of meetings", fmt::WEEKDAYS[d], (hour + 1) % 24, fmt::duration(m))) }
                    }
                }
            }
        }
    };
    let table = html! {
        table.heat-table {
            caption { "Meeting minutes per weekday (rows) and hour (columns)" }
            thead { tr {
                th scope="col" { "Day" }
                @for hour in 0..24 { th scope="col" { (format!("{hour:02}")) } }
            } }
            tbody {
                @for (d, row) in h.minutes.iter().enumerate() {
                    tr {
                        th scope="row" { (fmt::WEEKDAYS[d]) }
                        @for m in row { td.num { (m) } }
                    }
                }
            }
        }
    };
    let legend = html! {
        div.heat-legend aria-hidden="true" {
            span { "less" }
            @for l in 0..=5 { span class=(format!("chip heat{l}")) {} }
            span { "more meeting time" }
        }
    };
    figure(
        "heatmap",
        "When meetings happen",
        &format!(
            "Meeting time per weekday and hour over the last {weeks} weeks ({} – {}).",
            fmt::day(h.from),
            fmt::day(fulcrum_core::time::add_days(h.to, -1))
        ),
        html! { (svg) (legend) },
        table,
    )
}

/// Per day: meeting hours, the longest focus block and after-hours work, side by side.
pub fn days(r: &Report) -> Markup {
    const W: f64 = 560.0;
    const H: f64 = 220.0;
    const LEFT: f64 = 40.0;
    const BOTTOM: f64 = 26.0;
    const TOP: f64 = 10.0;
    let max = r
        .days
        .iter()
        .flat_map(|d| {
            [
                d.meeting_minutes,
                d.longest_focus_minutes,
                d.after_hours_minutes,
            ]
        })
        .max()
        .unwrap_or(0)
        .max(240);
    let top_h = ((max as f64) / 120.0).ceil() as i64 * 2;
    let plot_h = H - TOP - BOTTOM;
    let y = |m: i64| H - BOTTOM - plot_h * m as f64 / (top_h as f64 * 60.0);
    let slot = (W - LEFT) / r.days.len().max(1) as f64;
    let bw = (slot * 0.8 / 3.0).min(22.0);
    let series = [
        ("meet", "meetings"),
        ("focus", "longest focus block"),
        ("after", "after hours"),
    ];
    let svg = html! {
        svg.days viewBox=(format!("0 0 {W} {H}")) role="img" aria-labelledby="days-title days-desc" {
            title #days-desc { "Meeting hours, longest focus block and after-hours work per day" }
            @for i in (0..=top_h).step_by(2) {
                line.gridline x1=(n(LEFT)) x2=(n(W)) y1=(n(y(i * 60))) y2=(n(y(i * 60))) {}
                text.tick x=(n(LEFT - 6.0)) y=(n(y(i * 60) + 4.0)) text-anchor="end" { (i) " h" }
            }
            @for (i, d) in r.days.iter().enumerate() {
                @let x0 = LEFT + slot * i as f64 + (slot - bw * 3.0) / 2.0;
                @let values = [d.meeting_minutes, d.longest_focus_minutes, d.after_hours_minutes];
                g.day data-date=(d.date.to_string()) {
                    @for (k, ((class, label), m)) in series.iter().zip(values).enumerate() {
                        rect class=(format!("s-{class}")) x=(n(x0 + bw * k as f64)) y=(n(y(m)))
                            width=(n(bw - 2.0)) height=(n(y(0) - y(m))) rx="2" {
                            title { (format!("{}: {label} {}", fmt::day(d.date), fmt::duration(m))) }
                        }
                    }
                    text.tick.off[!d.working_day] x=(n(LEFT + slot * i as f64 + slot / 2.0)) y=(n(H - 8.0))
                        text-anchor="middle" { (fmt::day(d.date).split(' ').next().unwrap_or("")) " " (d.date.day()) }
                }
            }
        }
    };
    let legend = html! {
        ul.legend {
            @for (class, label) in series { li { span class=(format!("swatch s-{class}")) {} (label) } }
        }
    };
    figure(
        "days",
        "Meetings and focus, day by day",
        "Focus blocks are meeting-free stretches inside your working hours.",
        html! { (svg) (legend) },
        day_table(r),
    )
}

/// The per-day numbers of the week.
pub fn day_table(r: &Report) -> Markup {
    html! {
        table.day-table {
            caption { "Day by day" }
            thead { tr {
                th scope="col" { "Day" } th scope="col" { "Meetings" } th scope="col" { "1:1s" }
                th scope="col" { "Longest focus" } th scope="col" { "Fragments" }
                th scope="col" { "After hours" } th scope="col" { "Commits" }
            } }
            tbody {
                @for d in &r.days {
                    tr.off[!d.working_day] data-date=(d.date.to_string()) data-meeting-minutes=(d.meeting_minutes)
                        data-longest-focus=(d.longest_focus_minutes) data-after-hours=(d.after_hours_minutes)
                        data-commits=(d.commits) {
                        th scope="row" { (fmt::day(d.date)) }
                        td.num { (fmt::duration(d.meeting_minutes)) " (" (d.meetings) ")" }
                        td.num { (d.one_on_ones) }
                        td.num { (fmt::duration(d.longest_focus_minutes)) }
                        td.num { (d.fragments) }
                        td.num { (fmt::duration(d.after_hours_minutes)) }
                        td.num { (d.commits) }
                    }
                }
            }
        }
    }
}

/// Commits per day as columns with their counts.
pub fn commits(r: &Report) -> Markup {
    const W: f64 = 560.0;
    const H: f64 = 160.0;
    const BOTTOM: f64 = 26.0;
    const TOP: f64 = 18.0;
    let max = r.days.iter().map(|d| d.commits).max().unwrap_or(0).max(4);
    let slot = W / r.days.len().max(1) as f64;
    let bw = (slot * 0.5).min(40.0);
    let y = |c: u32| H - BOTTOM - (H - TOP - BOTTOM) * c as f64 / max as f64;
    let svg = html! {
        svg.commits viewBox=(format!("0 0 {W} {H}")) role="img" aria-labelledby="commits-title commits-desc" {
            title #commits-desc { (format!("Commits per day, {} in total", r.totals.commits)) }
            line.gridline x1="0" x2=(n(W)) y1=(n(y(0))) y2=(n(y(0))) {}
            @for (i, d) in r.days.iter().enumerate() {
                @let x = slot * i as f64 + (slot - bw) / 2.0;
                g data-date=(d.date.to_string()) data-commits=(d.commits) {
                    rect.fill-build x=(n(x)) y=(n(y(d.commits))) width=(n(bw)) height=(n(y(0) - y(d.commits))) rx="2" {
                        title { (format!("{}: {} commits", fmt::day(d.date), d.commits)) }
                    }
                    text.value x=(n(x + bw / 2.0)) y=(n(y(d.commits) - 5.0)) text-anchor="middle" { (d.commits) }
                    text.tick x=(n(x + bw / 2.0)) y=(n(H - 8.0)) text-anchor="middle" {
                        (fmt::day(d.date).split(' ').next().unwrap_or(""))
                    }
                }
            }
        }
    };
    let table = html! {
        table {
            caption { "Commits per day" }
            thead { tr { th scope="col" { "Day" } th scope="col" { "Commits" } } }
            tbody {
                @for d in &r.days {
                    tr { th scope="row" { (fmt::day(d.date)) } td.num { (d.commits) } }
                }
            }
        }
    };
    figure(
        "commits",
        "Commits",
        &format!(
            "{} commits on {} days.",
            r.totals.commits, r.totals.coding_days
        ),
        svg,
        table,
    )
}

/// Share of planned work done per week, as bars against the half-done line.
pub fn done_trend(points: &[fulcrum_app::weekly::TrendPoint], shown_week: &str) -> Markup {
    const W: f64 = 640.0;
    const H: f64 = 180.0;
    const LEFT: f64 = 44.0;
    const BOTTOM: f64 = 26.0;
    const TOP: f64 = 10.0;
    let plot_h = H - TOP - BOTTOM;
    let y = |share: f64| H - BOTTOM - plot_h * share.clamp(0.0, 1.0);
    let slot = (W - LEFT - 6.0) / points.len().max(1) as f64;
    let bar_w = (slot * 0.6).min(48.0);
    let svg = html! {
        svg.done-trend viewBox=(format!("0 0 {W} {H}")) role="img"
            aria-labelledby="done-trend-title done-trend-desc" {
            title #done-trend-desc {
                (format!("Share of planned work done in each of the last {} planned weeks", points.len()))
            }
            @for pct in [0, 25, 50, 75, 100] {
                @let yy = y(f64::from(pct) / 100.0);
                line.gridline x1=(n(LEFT)) x2=(n(W)) y1=(n(yy)) y2=(n(yy)) {}
                text.tick x=(n(LEFT - 6.0)) y=(n(yy + 4.0)) text-anchor="end" { (pct) " %" }
            }
            line.half x1=(n(LEFT)) x2=(n(W)) y1=(n(y(0.5))) y2=(n(y(0.5))) {}
            @for (i, p) in points.iter().enumerate() {
                @let x = LEFT + slot * i as f64 + (slot - bar_w) / 2.0;
                @let current = p.week == shown_week;
                g.week-col.current[current] data-week=(p.week) data-in-progress=(p.in_progress)
                    data-done-share=(p.done_share.map_or("".into(), |v| format!("{v:.3}"))) {
                    title { (format!("{}: {}", p.week, done_words(p))) }
                    // A week still running is drawn as an outline: progress, not a result.
                    @if let Some(v) = p.done_share {
                        rect.bar.done-bar.good[v >= 0.5 && !p.in_progress].in-progress[p.in_progress]
                            x=(n(x)) y=(n(y(v))) width=(n(bar_w))
                            height=(n((y(0.0) - y(v)).max(1.0))) rx="2"
                            style=[p.in_progress.then_some("fill:none;stroke:currentColor;stroke-dasharray:3 2")] {}
                    }
                    text.tick.strong[current] x=(n(x + bar_w / 2.0)) y=(n(H - 8.0)) text-anchor="middle" {
                        (p.week.rsplit('-').next().unwrap_or(&p.week))
                    }
                }
            }
        }
    };
    let table = html! {
        table {
            caption { "Planned work done per week" }
            thead { tr { th scope="col" { "Week" } th scope="col" class="num" { "Done" } } }
            tbody {
                @for p in points {
                    tr data-week=(p.week) {
                        th scope="row" { (p.week) }
                        td.num { (done_words(p)) }
                    }
                }
            }
        }
    };
    figure(
        "done-trend",
        "Planned work done, week by week",
        "The dashed line marks half of the plan; the week shown has its label in bold; a week still running is an outline.",
        svg,
        table,
    )
}

/// A trend point's share in words: "40 %", "40 % so far (in progress)" or "nothing planned".
fn done_words(p: &fulcrum_app::weekly::TrendPoint) -> String {
    match p.done_share {
        None => "nothing planned".into(),
        Some(v) if p.in_progress => format!("{} so far (in progress)", fmt::percent(v)),
        Some(v) => fmt::percent(v),
    }
}

/// The month a date falls in, as `2026-03`.
fn month_of(d: jiff::civil::Date) -> (i16, i8) {
    (d.year(), d.month())
}

/// Positive and constructive feedback delivered to someone per month, over the last six
/// months, as pairs of bars. `given` is their delivered feedback of either polarity.
pub fn feedback_over_time(
    given: &[&fulcrum_core::feedback::Feedback],
    today: jiff::civil::Date,
) -> Markup {
    use fulcrum_core::feedback::Polarity;
    const MONTHS: usize = 6;
    const W: f64 = 420.0;
    const H: f64 = 150.0;
    const LEFT: f64 = 28.0;
    const BOTTOM: f64 = 24.0;
    const TOP: f64 = 8.0;
    let first = today.first_of_month();
    let months: Vec<(i16, i8)> = (0..MONTHS)
        .rev()
        .filter_map(|k| first.checked_sub(jiff::Span::new().months(k as i64)).ok())
        .map(month_of)
        .collect();
    let counts: Vec<(usize, usize)> = months
        .iter()
        .map(|m| {
            let of = |p: Polarity| {
                given
                    .iter()
                    .filter(|f| f.polarity == Some(p))
                    .filter(|f| f.delivered_on.is_some_and(|d| month_of(d) == *m))
                    .count()
            };
            (of(Polarity::Positive), of(Polarity::Constructive))
        })
        .collect();
    let max = counts
        .iter()
        .map(|(p, c)| (*p).max(*c))
        .max()
        .unwrap_or(0)
        .max(2);
    let plot_h = H - TOP - BOTTOM;
    let y = |v: usize| H - BOTTOM - plot_h * v as f64 / max as f64;
    let slot = (W - LEFT - 4.0) / MONTHS as f64;
    let bar_w = (slot * 0.3).min(22.0);
    let label = |(y, m): (i16, i8)| format!("{y}-{m:02}");
    let short = |(_, m): (i16, i8)| {
        [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ][m as usize - 1]
    };
    let svg = html! {
        svg.feedback-bars viewBox=(format!("0 0 {W} {H}")) role="img"
            aria-labelledby="feedback-chart-title feedback-chart-desc" {
            title #feedback-chart-desc {
                "Positive and constructive feedback you gave them per month, over the last six months"
            }
            @for v in 0..=max {
                @if v % (max / 2).max(1) == 0 {
                    line.gridline x1=(n(LEFT)) x2=(n(W)) y1=(n(y(v))) y2=(n(y(v))) {}
                    text.tick x=(n(LEFT - 6.0)) y=(n(y(v) + 4.0)) text-anchor="end" { (v) }
                }
            }
            @for (i, (m, (p, c))) in months.iter().zip(&counts).enumerate() {
                @let x = LEFT + slot * i as f64 + slot / 2.0 - bar_w;
                g.month data-month=(label(*m)) data-positive=(p) data-constructive=(c) {
                    title { (format!("{}: {p} positive, {c} constructive", label(*m))) }
                    rect.fb-positive x=(n(x)) y=(n(y(*p))) width=(n(bar_w))
                        height=(n(y(0) - y(*p))) rx="2" {}
                    rect.fb-constructive x=(n(x + bar_w + 2.0)) y=(n(y(*c))) width=(n(bar_w))
                        height=(n(y(0) - y(*c))) rx="2" {}
                    text.tick x=(n(x + bar_w + 1.0)) y=(n(H - 7.0)) text-anchor="middle" { (short(*m)) }
                }
            }
        }
    };
    let table = html! {
        table {
            caption { "Feedback given per month" }
            thead { tr { th scope="col" { "Month" } th.num scope="col" { "Positive" } th.num scope="col" { "Constructive" } } }
            tbody {
                @for (m, (p, c)) in months.iter().zip(&counts) {
                    tr data-month=(label(*m)) {
                        th scope="row" { (label(*m)) }
                        td.num { (p) }
                        td.num { (c) }
                    }
                }
            }
        }
    };
    let legend = html! {
        ul.legend {
            li { span.swatch.bg-positive {} "positive" }
            li { span.swatch.bg-constructive {} "constructive" }
        }
    };
    small_figure(
        "feedback-chart",
        "Over the last six months",
        legend,
        svg,
        table,
    )
}

/// Someone's energy observations (1–5) over time, as a line with a dot per observation.
pub fn energy_sparkline(points: &[(jiff::civil::Date, u8)]) -> Markup {
    const W: f64 = 420.0;
    const H: f64 = 110.0;
    const LEFT: f64 = 22.0;
    const RIGHT: f64 = 8.0;
    const TOP: f64 = 8.0;
    const BOTTOM: f64 = 20.0;
    if points.is_empty() {
        return html! {};
    }
    let first = points[0].0;
    let last = points[points.len() - 1].0;
    let span = fulcrum_core::time::days_between(first, last).max(1) as f64;
    let x = |d: jiff::civil::Date| {
        if points.len() == 1 {
            (LEFT + W - RIGHT) / 2.0
        } else {
            LEFT + (W - LEFT - RIGHT) * fulcrum_core::time::days_between(first, d) as f64 / span
        }
    };
    let y = |e: u8| {
        let e = f64::from(e.clamp(1, 5));
        H - BOTTOM - (H - TOP - BOTTOM) * (e - 1.0) / 4.0
    };
    let line: Vec<String> = points
        .iter()
        .map(|(d, e)| format!("{},{}", n(x(*d)), n(y(*e))))
        .collect();
    let svg = html! {
        svg.sparkline viewBox=(format!("0 0 {W} {H}")) role="img"
            aria-labelledby="energy-chart-title energy-chart-desc" {
            title #energy-chart-desc {
                (format!("Energy observed {} times, from 1 (drained) to 5 (energised)", points.len()))
            }
            @for e in [1u8, 3, 5] {
                line.gridline x1=(n(LEFT)) x2=(n(W - RIGHT)) y1=(n(y(e))) y2=(n(y(e))) {}
                text.tick x=(n(LEFT - 6.0)) y=(n(y(e) + 4.0)) text-anchor="end" { (e) }
            }
            polyline.spark-line points=(line.join(" ")) {}
            @for (d, e) in points {
                circle.spark-dot cx=(n(x(*d))) cy=(n(y(*e))) r="3.5" data-date=(d.to_string()) data-energy=(e) {
                    title { (format!("{d}: {e} of 5")) }
                }
            }
            text.tick x=(n(LEFT)) y=(n(H - 4.0)) { (fmt::day(first)) }
            @if points.len() > 1 {
                text.tick x=(n(W - RIGHT)) y=(n(H - 4.0)) text-anchor="end" { (fmt::day(last)) }
            }
        }
    };
    let table = html! {
        table {
            caption { "Energy observed" }
            thead { tr { th scope="col" { "Day" } th.num scope="col" { "Energy (1–5)" } } }
            tbody {
                @for (d, e) in points {
                    tr data-date=(d.to_string()) { th scope="row" { (d.to_string()) } td.num { (e) } }
                }
            }
        }
    };
    small_figure("energy-chart", "Energy over time", html! {}, svg, table)
}

/// Side-by-side lanes for spans drawn on one timeline column (the week page's activities, the
/// plan page's calendar and blocks), so overlapping spans never cover each other: for each
/// span `(start, end)`, in the order given, its lane and the number of lanes of its cluster (the
/// spans that overlap it directly or through others). Spans that only touch share a lane.
pub fn lanes(spans: &[(i64, i64)]) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&i| (spans[i].0, -spans[i].1, i));
    let mut out = vec![(0, 1); spans.len()];
    let mut cluster: Vec<usize> = Vec::new();
    let mut cluster_end = i64::MIN;
    let mut lane_ends: Vec<i64> = Vec::new();
    let close = |cluster: &mut Vec<usize>, lanes: usize, out: &mut Vec<(usize, usize)>| {
        for &i in cluster.iter() {
            out[i].1 = lanes.max(1);
        }
        cluster.clear();
    };
    for i in order {
        let (start, end) = spans[i];
        if start >= cluster_end {
            close(&mut cluster, lane_ends.len(), &mut out);
            lane_ends.clear();
        }
        let lane = match lane_ends.iter().position(|&e| e <= start) {
            Some(l) => l,
            None => {
                lane_ends.push(i64::MIN);
                lane_ends.len() - 1
            }
        };
        lane_ends[lane] = end;
        out[i].0 = lane;
        cluster.push(i);
        cluster_end = cluster_end.max(end);
    }
    close(&mut cluster, lane_ends.len(), &mut out);
    out
}

#[cfg(test)]
mod lane_tests {
    use super::lanes;

    #[test]
    fn overlapping_spans_get_lanes_side_by_side() {
        // 9–11 and 10–12 overlap; 11–12 fits under the first; 13–14 stands alone.
        let spans = [(540, 660), (600, 720), (660, 720), (780, 840)];
        assert_eq!(lanes(&spans), [(0, 2), (1, 2), (0, 2), (0, 1)]);
        // Three at once need three lanes; touching spans share one.
        assert_eq!(
            lanes(&[(0, 60), (0, 60), (30, 90), (60, 120)]),
            [(0, 3), (1, 3), (2, 3), (0, 3)]
        );
        assert!(lanes(&[]).is_empty());
    }

    #[test]
    fn no_two_overlapping_spans_share_a_lane() {
        // A deterministic jumble of spans over a day.
        let spans: Vec<(i64, i64)> = (0..200i64)
            .map(|i| {
                let s = (i * 7919) % 1380;
                (s, s + 5 + (i * 104_729) % 180)
            })
            .collect();
        let l = lanes(&spans);
        for a in 0..spans.len() {
            assert!(l[a].0 < l[a].1);
            for b in a + 1..spans.len() {
                let overlap = spans[a].0 < spans[b].1 && spans[b].0 < spans[a].1;
                if overlap {
                    assert_ne!(l[a].0, l[b].0, "{:?} {:?}", spans[a], spans[b]);
                    assert_eq!(l[a].1, l[b].1, "one cluster, one lane count");
                }
            }
        }
    }
}

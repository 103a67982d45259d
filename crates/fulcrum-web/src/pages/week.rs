//! `/week`: the week's activities on a timeline, coloured by category, each with its source
//! and the rule that put it there.

use super::{chip, legend, week_nav};
use crate::api::{PeriodQuery, monday_of};
use crate::layout::{self, Nav, frame, respond};
use crate::{AppState, Failure, cache, charts, fmt};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use fulcrum_app::dashboard::{WeekActivity, WeekView};
use fulcrum_core::time;
use jiff::civil::{Date, DateTime};
use maud::{Markup, html};

pub async fn page(State(s): State<AppState>, Query(q): Query<PeriodQuery>) -> Response {
    let week = q.week.as_deref().map(str::trim).filter(|w| !w.is_empty());
    let monday = match monday_of(&s, week).await {
        Ok(m) => m,
        Err(f) => return layout::failure_page(&s, Nav::Week, &f),
    };
    let now = cache::now(&s.clock);
    match cache::week(&s, monday, now).await {
        Ok(w) => {
            let current = fulcrum_app::profile::require(s.store.as_ref())
                .await
                .map(|p| time::week_start(time::local_date(now, &p.tz())))
                .unwrap_or(monday);
            let coach = crate::components::insights::for_page(&s, &["time"], "/week").await;
            respond(
                StatusCode::OK,
                frame(
                    &s,
                    &format!("Timeline {}", w.week),
                    Nav::Week,
                    &[],
                    maud::html! { (render(&w, current, &crate::layout::csrf_field(&s))) (coach) },
                ),
            )
        }
        Err(e) => layout::failure_page(&s, Nav::Week, &Failure::from(e)),
    }
}

/// One activity's piece on one day, in minutes since local midnight.
struct Piece<'a> {
    act: &'a WeekActivity,
    index: usize,
    start: i64,
    end: i64,
    lane: usize,
    lanes: usize,
}

fn local(s: &str) -> Option<DateTime> {
    s.parse().ok()
}

fn minute_of_day(dt: DateTime) -> i64 {
    i64::from(dt.hour()) * 60 + i64::from(dt.minute())
}

/// Splits activities into per-day pieces and gives overlapping pieces side-by-side lanes.
fn layout_days(w: &WeekView) -> Vec<Vec<Piece<'_>>> {
    let mut days: Vec<Vec<Piece<'_>>> = (0..7).map(|_| Vec::new()).collect();
    for (index, a) in w.activities.iter().enumerate() {
        let (Some(s), Some(e)) = (local(&a.local_start), local(&a.local_end)) else {
            continue;
        };
        let mut day = s.date();
        while day <= e.date() {
            let start = if day == s.date() { minute_of_day(s) } else { 0 };
            let end = if day == e.date() {
                minute_of_day(e)
            } else {
                24 * 60
            };
            let offset = (day - w.from).get_days();
            if end > start && (0..7).contains(&offset) {
                days[offset as usize].push(Piece {
                    act: a,
                    index,
                    start,
                    end,
                    lane: 0,
                    lanes: 1,
                });
            }
            day = time::add_days(day, 1);
        }
    }
    for pieces in &mut days {
        pieces.sort_by_key(|p| (p.start, -p.end));
        let spans: Vec<(i64, i64)> = pieces.iter().map(|p| (p.start, p.end)).collect();
        for (p, (lane, lanes)) in pieces.iter_mut().zip(charts::lanes(&spans)) {
            p.lane = lane;
            p.lanes = lanes;
        }
    }
    days
}

fn hhmm(m: i64) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

fn kind(a: &WeekActivity) -> String {
    format!("{:?}", a.kind).to_lowercase()
}

fn render(w: &WeekView, current_monday: Date, csrf: &Markup) -> Markup {
    let days = layout_days(w);
    let first = days
        .iter()
        .flatten()
        .map(|p| p.start / 60)
        .min()
        .unwrap_or(8)
        .min(8);
    let last = days
        .iter()
        .flatten()
        .map(|p| (p.end + 59) / 60)
        .max()
        .unwrap_or(18)
        .max(18);
    let span = ((last - first) * 60) as f64;
    let pct = |m: i64| ((m - first * 60) as f64 / span * 100.0).clamp(0.0, 100.0);
    let next = (w.from < time::add_days(current_monday, 28)).then_some(w.next.as_str());
    let this_week = time::iso_week_label(current_monday);
    html! {
        div.page-head {
            div {
                (layout::week_title("week-label", "Timeline", &w.week, w.from, w.to))
                p.meta {
                    (w.activities.len()) " activities · " (w.timezone) " · "
                    a href=(format!("/?week={}", w.week)) { "Dashboard for this week" }
                }
            }
            (week_nav("/week", &w.previous, next, (w.from != current_monday).then_some(this_week.as_str())))
        }
        (legend())
        div.timeline aria-hidden="true" {
            div.hours {
                div.day-head {}
                div.allday.allday-label { "all day" }
                div.track {
                    @for h in first..last {
                        span.hour style=(format!("top:{:.3}%", pct(h * 60))) { (format!("{h:02}:00")) }
                    }
                }
            }
            @for (i, pieces) in days.iter().enumerate() {
                @let date = time::add_days(w.from, i as i64);
                div.daycol.weekend[i >= 5] {
                    div.day-head { (fmt::day(date)) }
                    div.allday {
                        @for item in w.all_day.iter().filter(|a| a.from <= date && date < a.to) {
                            span class=(format!("allday-item marks-{}", item.marks.unwrap_or("nothing")))
                                title=(allday_title(item)) { (item.title) }
                        }
                    }
                    div.track {
                        @for h in first..last {
                            span.line style=(format!("top:{:.3}%", pct(h * 60))) {}
                        }
                        @for p in pieces {
                            @let a = p.act;
                            div class=(format!("act bg-soft-{} kind-{}", a.category, kind(a)))
                                style=(format!("top:{:.3}%;height:{:.3}%;left:{:.2}%;width:{:.2}%",
                                    pct(p.start), (pct(p.end) - pct(p.start)).max(0.8),
                                    100.0 * p.lane as f64 / p.lanes as f64, 100.0 / p.lanes as f64))
                                title=(format!("{} · {}–{} · {} · {} · rule: {}", a.title, hhmm(p.start), hhmm(p.end), a.category, a.source, a.rule))
                                data-index=(p.index) {
                                span.act-title { (a.title) }
                                span.act-time { (hhmm(p.start)) "–" (hhmm(p.end)) }
                                span.act-meta { (a.source) " · " (a.rule) }
                            }
                        }
                    }
                }
            }
        }
        (all_day_list(w))
        (manual_section(w, csrf))
        section.activity-list aria-labelledby="list-title" {
            h2 #list-title { "Every activity of the week" }
            @if w.activities.is_empty() {
                p { "Nothing recorded this week. Add calendars and repositories on the "
                    a href="/sources" { "Sources" } " page." }
            }
            @for (i, _) in days.iter().enumerate() {
                @let date = time::add_days(w.from, i as i64);
                @let acts: Vec<(usize, &WeekActivity)> = w.activities.iter().enumerate()
                    .filter(|(_, a)| local(&a.local_start).is_some_and(|s| s.date() == date)).collect();
                @if !acts.is_empty() {
                    h3 { (fmt::day(date)) }
                    div.table-wrap {
                        table.acts {
                            thead { tr {
                                th scope="col" { "Time" } th scope="col" { "Activity" } th scope="col" { "Category" }
                                th scope="col" { "Source" } th scope="col" { "Rule" }
                                th scope="col" { span.visually-hidden { "Change" } }
                            } }
                            tbody {
                                @for (index, a) in acts {
                                    tr data-index=(index) data-title=(a.title) data-category=(a.category.as_str())
                                        data-rule=(a.rule) data-source=(a.source) data-kind=(kind(a))
                                        data-start=(a.local_start) {
                                        td.num.nowrap {
                                            (a.local_start.get(11..).unwrap_or("")) "–" (a.local_end.get(11..).unwrap_or(""))
                                        }
                                        td {
                                            span.act-name { (a.title) }
                                            span.act-sub {
                                                (kind(a))
                                                @if a.others > 0 { " · " (a.others) " " (if a.others == 1 { "other person" } else { "other people" }) }
                                                @if a.one_on_one { " · 1:1" }
                                            }
                                        }
                                        td { (chip(a.category)) }
                                        td { (a.source) }
                                        td { (a.rule) }
                                        td.actions { (super::recategorise::link(&w.week, a)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn allday_title(item: &fulcrum_app::dashboard::AllDayItem) -> String {
    let what = match item.marks {
        Some("away") => "a day away: no working time, no focus expected",
        Some("conference") => "a conference day: its working hours count as grow",
        _ => "an all-day note: the day stays an ordinary working day",
    };
    format!("{} · {what}", item.title)
}

/// The all-day events as a table too, for screen readers and for reading what each does.
fn all_day_list(w: &WeekView) -> Markup {
    html! {
        @if !w.all_day.is_empty() {
            section.card #all-day aria-labelledby="all-day-title" {
                h2 #all-day-title { "All-day events" }
                table.acts {
                    thead { tr { th scope="col" { "Days" } th scope="col" { "Event" } th scope="col" { "What it does" } } }
                    tbody {
                        @for item in &w.all_day {
                            tr data-marks=(item.marks.unwrap_or("nothing")) {
                                td.nowrap {
                                    (fmt::day(item.from))
                                    @if time::add_days(item.from, 1) < item.to {
                                        " – " (fmt::day(time::add_days(item.to, -1)))
                                    }
                                }
                                td { (item.title) }
                                td { (match item.marks {
                                    Some("away") => "Away: taken out of working time",
                                    Some("conference") => "Conference: working hours count as grow",
                                    _ => "Nothing: an ordinary working day",
                                }) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn category_select(name: &str, chosen: &str) -> Markup {
    html! {
        select name=(name) {
            @for c in fulcrum_core::Category::ALL {
                option value=(c.as_str()) selected[c.as_str() == chosen] { (c.as_str()) }
            }
        }
    }
}

/// Time logged by hand this week: each entry editable, and a form to log more.
fn manual_section(w: &WeekView, csrf: &Markup) -> Markup {
    html! {
        section.card #manual aria-labelledby="manual-title" {
            h2 #manual-title { "Time logged by hand" }
            p.meta { "What neither the calendar nor git shows. Where it overlaps a meeting, the meeting keeps those minutes." }
            @for e in &w.manual {
                form.inline-form.manual-entry method="post" action=(format!("/week/log/{}/edit", e.id)) data-id=(e.id) {
                    (csrf.clone())
                    input type="hidden" name="week" value=(w.week);
                    label { "Start " input type="datetime-local" name="start" value=(e.local_start) required; }
                    @if e.running {
                        span.chip { "running · " (fulcrum_app::markdown::hm(e.minutes)) }
                    } @else {
                        label { "Length " input type="text" name="duration" size="6" value=(fulcrum_app::markdown::hm(e.minutes)) required; }
                    }
                    label { "Category " (category_select("category", e.category.as_str())) }
                    label { "What " input type="text" name="title" value=(e.title); }
                    button.btn.small type="submit" { "Save" }
                    button.btn.small.danger type="submit" formaction=(format!("/week/log/{}/delete", e.id)) { "Delete" }
                }
            }
            form.inline-form #log-form method="post" action="/week/log" {
                (csrf.clone())
                input type="hidden" name="week" value=(w.week);
                label { "Start " input type="datetime-local" name="start" required; }
                label { "Length " input type="text" name="duration" size="6" placeholder="1h30" required; }
                label { "Category " (category_select("category", "build")) }
                label { "What " input type="text" name="title" placeholder="spike on caching"; }
                button.btn.small.primary type="submit" { "Log time" }
            }
        }
    }
}

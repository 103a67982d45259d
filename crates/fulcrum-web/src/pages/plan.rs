//! `/plan`: the week's plan on a timeline around the calendar — the accepted plan when the week
//! has one (what the `.ics` download holds), else a proposal — what does not fit and why,
//! accepting it, re-planning and exporting it as `.ics`; `/review`: the week against its
//! accepted plan, or its progress so far while it runs.

use super::{done_notice, field, see_other, week_nav};
use crate::api::monday_of;
use crate::extract::CheckedForm;
use crate::layout::{self, Nav, Notice, csrf_field, frame, respond};
use crate::{AppState, Failure, cache, charts, fmt};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use fulcrum_app::weekly::{self, ReviewView, WeekPlan};
use fulcrum_core::time;
use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use maud::{Markup, html};
use std::collections::HashMap;

#[derive(Debug, Default, serde::Deserialize)]
pub struct WeekQuery {
    pub week: Option<String>,
    pub done: Option<String>,
    /// Any value: show a fresh proposal even when the week has an accepted plan.
    pub replan: Option<String>,
}

impl WeekQuery {
    fn week(&self) -> Option<&str> {
        self.week
            .as_deref()
            .map(str::trim)
            .filter(|w| !w.is_empty())
    }
}

/// The week asked for, the current week and the user's zone.
async fn weeks(s: &AppState, week: Option<&str>) -> Result<(Date, Date, TimeZone), Failure> {
    let monday = monday_of(s, week).await?;
    let profile = fulcrum_app::profile::require(s.store.as_ref()).await?;
    let tz = profile.tz();
    let current = time::week_start(time::local_date(cache::now(&s.clock), &tz));
    Ok((monday, current, tz))
}

fn nav_for(base: &str, monday: Date, current: Date) -> Markup {
    let previous = time::iso_week_label(time::add_days(monday, -7));
    let next = time::iso_week_label(time::add_days(monday, 7));
    let this = time::iso_week_label(current);
    week_nav(
        base,
        &previous,
        Some(next.as_str()),
        (monday != current).then_some(this.as_str()),
    )
}

pub async fn page(State(s): State<AppState>, Query(q): Query<WeekQuery>) -> Response {
    let notices: Vec<Notice> = done_notice(q.done.as_deref()).into_iter().collect();
    render(&s, StatusCode::OK, notices, q.week(), q.replan.is_some()).await
}

async fn render(
    s: &AppState,
    status: StatusCode,
    notices: Vec<Notice>,
    week: Option<&str>,
    replan: bool,
) -> Response {
    let (monday, current, tz) = match weeks(s, week).await {
        Ok(w) => w,
        Err(f) => return layout::failure_page(s, Nav::Plan, &f),
    };
    let now = cache::now(&s.clock);
    let wp = match weekly::week_plan(s.store.as_ref(), monday, now, replan).await {
        Ok(p) => p,
        Err(e) => return layout::failure_page(s, Nav::Plan, &Failure::from(e)),
    };
    let plan = &wp.plan;
    // The calendar the plan goes around, drawn behind its blocks.
    let busy: Vec<Piece> = match cache::week(s, monday, now).await {
        Ok(w) => w
            .activities
            .iter()
            // Coding sessions only fill free time; they are not what the plan goes around.
            .filter(|a| !matches!(a.kind, fulcrum_core::ActivityKind::Coding))
            .filter_map(|a| {
                Some(Piece {
                    start: a.local_start.parse().ok()?,
                    end: a.local_end.parse().ok()?,
                    title: a.title.clone(),
                    class: "act busy".into(),
                    task: None,
                })
            })
            .collect(),
        Err(_) => Vec::new(),
    };
    let blocks: Vec<Piece> = plan
        .blocks
        .iter()
        .map(|b| Piece {
            start: b.start.to_zoned_datetime(tz.clone()).datetime(),
            end: b.end.to_zoned_datetime(tz.clone()).datetime(),
            title: b.title.clone(),
            class: format!("act planned bg-soft-{}", b.category),
            task: Some(b.task_id),
        })
        .collect();
    let label = plan.week.clone();
    let coach = crate::components::insights::for_page(s, &["weekly"], "/plan").await;
    let body = html! {
        div.page-head {
            div {
                h1 #plan-label data-week=(plan.week) data-from=(monday.to_string()) {
                    "Plan " (label.rsplit('-').next().unwrap_or(&label))
                    span.sub { (fmt::range(monday, time::add_days(monday, 7))) }
                }
                p.meta {
                    "The “do” and “schedule” tasks placed into the free working time your calendar leaves, "
                    "with a buffer for the unplanned and a break after long stretches. "
                    a href="/tasks" { "Tasks" } " decide what goes in."
                }
            }
            (nav_for("/plan", monday, current))
        }
        (coach)
        section.stats.three aria-label="The week's time" {
            (stat("free-minutes", "Free working time", plan.free_minutes,
                if wp.is_accepted() { "left by the calendar when it was accepted" } else { "left by the calendar from now on" }))
            (stat("buffer-minutes", "Kept as buffer", plan.buffer_minutes, "for what nobody planned"))
            (stat("planned-minutes", "Planned", plan.planned_minutes,
                &format!("{} blocks", plan.blocks.len())))
        }
        (accept_box(s, &wp, &tz))
        @if !plan.unplaced.is_empty() {
            (unplaced(&wp))
        }
        @if plan.blocks.is_empty() {
            p.card #no-blocks {
                "Nothing to place this week. Add tasks marked important on the "
                a href="/tasks" { "Tasks" } " page — they are what the plan is made of."
            }
        }
        @if !plan.blocks.is_empty() || !busy.is_empty() {
            p.hint.timeline-key {
                span.key.key-busy {} " your calendar  "
                span.key.key-planned {} " planned blocks, coloured by kind of work"
            }
        }
        (timeline(monday, &busy, &blocks))
        (block_list(monday, &blocks))
    };
    respond(
        status,
        frame(s, &format!("Plan {label}"), Nav::Plan, &notices, body),
    )
}

fn stat(id: &str, label: &str, minutes: i64, sub: &str) -> Markup {
    html! {
        div.stat data-stat=(id) data-value=(minutes) {
            span.stat-label { (label) }
            span.stat-value { (fmt::duration(minutes)) }
            span.stat-sub { (sub) }
        }
    }
}

/// Which plan is shown — the accepted one (with when it was accepted, its download and a way
/// to re-plan) or a proposal (with a way to keep it) — and what to do with it.
fn accept_box(s: &AppState, wp: &WeekPlan, tz: &TimeZone) -> Markup {
    let week = &wp.plan.week;
    let accepted_at = wp.accepted_at.map(|t| {
        t.to_zoned_datetime(tz.clone())
            .strftime("%a %-d %b, %H:%M")
            .to_string()
    });
    let state = if wp.is_accepted() {
        "accepted"
    } else {
        "proposed"
    };
    let accept_form = |label: &str| {
        html! {
            form.inline method="post" action="/plan/accept" {
                (csrf_field(s))
                input type="hidden" name="week" value=(week);
                button.btn.primary type="submit" #accept-plan { (label) }
            }
        }
    };
    html! {
        section.card.accept #accept data-state=(state) aria-labelledby="accept-title" {
            @if wp.is_accepted() {
                h2 #accept-title {
                    span.badge.ok #plan-state { "Accepted plan" } " "
                    span #accepted-at { "accepted " (accepted_at.clone().unwrap_or_default()) }
                }
                p {
                    "This is the plan you kept for the week, as it was accepted — the calendar file holds these blocks. "
                    a #export-ics href=(format!("/plan/export.ics?week={week}")) download=(format!("fulcrum-plan-{week}.ics")) {
                        "Download it as a calendar file (.ics)"
                    }
                    " and import it into your calendar; importing it again updates the same events."
                }
                p.hint { "Calendar or tasks changed? Re-plan to see a fresh proposal from now; your accepted plan stays until you accept the new one." }
                a.btn #replan href=(format!("/plan?week={week}&replan=1")) { "Re-plan from now" }
            } @else {
                h2 #accept-title {
                    span.badge #plan-state { "Proposal" } " "
                    @if wp.accepted_at.is_some() { "a fresh plan, not kept" } @else { "not kept yet" }
                }
                @if let Some(at) = &accepted_at {
                    p {
                        "The plan accepted " strong #accepted-at { (at) } " stays the week's plan until you accept this one. "
                        a #show-accepted href=(format!("/plan?week={week}")) { "Back to the accepted plan" }
                    }
                    (accept_form("Accept this plan instead"))
                } @else {
                    p.hint { "Accepting keeps the plan as it is shown, so you can export it and the review can compare it with what happened." }
                    (accept_form("Accept this plan"))
                }
            }
        }
    }
}

fn unplaced(wp: &WeekPlan) -> Markup {
    html! {
        section.attention #unplaced aria-labelledby="unplaced-title" {
            @if wp.is_accepted() {
                h2 #unplaced-title { "Did not fit when accepted" }
                p.hint { "The week had no room for these when you kept the plan. Hand them over or let them go rather than squeezing them in." }
            } @else {
                h2 #unplaced-title { "Does not fit" }
                p.hint { "The week has no room left for these. Hand them over or let them go rather than squeezing them in." }
            }
            ul {
                @for u in &wp.plan.unplaced {
                    li data-task-id=(u.task_id) data-suggestion=(u.suggestion) data-due=[u.due] {
                        span class=(format!("kind kind-{}", u.suggestion)) { (u.suggestion) }
                        " " strong { (u.title) } " — " (fmt::duration(u.minutes)) " of "
                        (u.quadrant) " work without a place: "
                        span.reason { (u.reason) }
                    }
                }
            }
        }
    }
}

/// One thing on the timeline, in local time.
struct Piece {
    start: DateTime,
    end: DateTime,
    title: String,
    class: String,
    task: Option<i64>,
}

fn minute_of_day(dt: DateTime) -> i64 {
    i64::from(dt.hour()) * 60 + i64::from(dt.minute())
}

fn hhmm(m: i64) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// `(day index, start minute, end minute)` for each day a piece covers.
fn per_day(monday: Date, p: &Piece) -> Vec<(usize, i64, i64)> {
    let mut out = Vec::new();
    let mut day = p.start.date();
    while day <= p.end.date() {
        let start = if day == p.start.date() {
            minute_of_day(p.start)
        } else {
            0
        };
        let end = if day == p.end.date() {
            minute_of_day(p.end)
        } else {
            24 * 60
        };
        let offset = (day - monday).get_days();
        if end > start && (0..7).contains(&offset) {
            out.push((offset as usize, start, end));
        }
        day = time::add_days(day, 1);
    }
    out
}

/// A piece on one day: `(piece, start minute, end minute, lane, lanes)`.
type Placed<'a> = (&'a Piece, i64, i64, usize, usize);

/// Smallest height a piece is drawn with, as a share of the track (so short events stay
/// visible); lanes are worked out on the drawn spans, so enlarged pieces do not cover others.
const MIN_HEIGHT_PCT: f64 = 0.8;

/// The plan's timeline: the calendar greyed, the planned blocks in colour. Pieces that overlap
/// (two meetings at once, or a block and an event added after the plan was accepted) are put
/// in lanes side by side, as on the week page, so no text is drawn over other text.
fn timeline(monday: Date, busy: &[Piece], blocks: &[Piece]) -> Markup {
    let all: Vec<(usize, i64, i64, &Piece)> = busy
        .iter()
        .chain(blocks)
        .flat_map(|p| {
            per_day(monday, p)
                .into_iter()
                .map(move |(d, s, e)| (d, s, e, p))
        })
        .collect();
    let first = all.iter().map(|x| x.1 / 60).min().unwrap_or(8).min(8);
    let last = all
        .iter()
        .map(|x| (x.2 + 59) / 60)
        .max()
        .unwrap_or(18)
        .max(18);
    let span = ((last - first) * 60) as f64;
    let pct = |m: i64| ((m - first * 60) as f64 / span * 100.0).clamp(0.0, 100.0);
    let min_minutes = (span * MIN_HEIGHT_PCT / 100.0).ceil() as i64;
    // Each day's pieces with their lanes: `(piece, start, end, lane, lanes)`.
    let days: Vec<Vec<Placed>> = (0..7usize)
        .map(|i| {
            let day: Vec<&(usize, i64, i64, &Piece)> = all.iter().filter(|x| x.0 == i).collect();
            let drawn: Vec<(i64, i64)> = day
                .iter()
                .map(|x| (x.1, x.2.max(x.1 + min_minutes)))
                .collect();
            day.iter()
                .zip(charts::lanes(&drawn))
                .map(|(x, (lane, lanes))| (x.3, x.1, x.2, lane, lanes))
                .collect()
        })
        .collect();
    html! {
        div.timeline.plan-timeline #plan-timeline aria-hidden="true" {
            div.hours {
                div.day-head {}
                div.track {
                    @for h in first..last {
                        span.hour style=(format!("top:{:.3}%", pct(h * 60))) { (format!("{h:02}:00")) }
                    }
                }
            }
            @for (i, pieces) in days.iter().enumerate() {
                div.daycol.weekend[i >= 5] {
                    div.day-head { (fmt::day(time::add_days(monday, i as i64))) }
                    div.track {
                        @for h in first..last {
                            span.line style=(format!("top:{:.3}%", pct(h * 60))) {}
                        }
                        @for (p, start, end, lane, lanes) in pieces {
                            div class=(p.class)
                                style=(format!("top:{:.3}%;height:{:.3}%;left:{:.2}%;width:{:.2}%",
                                    pct(*start), (pct(*end) - pct(*start)).max(MIN_HEIGHT_PCT),
                                    100.0 * *lane as f64 / *lanes as f64, 100.0 / *lanes as f64))
                                title=(format!("{} · {}–{}", p.title, hhmm(*start), hhmm(*end)))
                                data-task-id=[p.task] data-lane=(lane) data-lanes=(lanes) {
                                span.act-title { (p.title) }
                                span.act-time { (hhmm(*start)) "–" (hhmm(*end)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The blocks as a list by day (the timeline's content for phones and screen readers).
fn block_list(monday: Date, blocks: &[Piece]) -> Markup {
    html! {
        section.activity-list #plan-blocks aria-labelledby="blocks-title" {
            h2 #blocks-title { "Planned blocks" }
            @for i in 0..7i64 {
                @let date = time::add_days(monday, i);
                @let day: Vec<&Piece> = blocks.iter().filter(|b| b.start.date() == date).collect();
                @if !day.is_empty() {
                    h3 { (fmt::day(date)) }
                    div.table-wrap {
                        table.acts {
                            thead { tr { th scope="col" { "Time" } th scope="col" { "Task" } } }
                            tbody {
                                @for b in day {
                                    tr.block data-task-id=[b.task] data-title=(b.title) data-start=(b.start.strftime("%Y-%m-%dT%H:%M").to_string()) {
                                        td.num.nowrap { (b.start.strftime("%H:%M").to_string()) "–" (b.end.strftime("%H:%M").to_string()) }
                                        td { span.act-name { (b.title) } }
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

/// The two pages whose forms are about one week.
enum WeekPage {
    Plan,
    Review,
}

/// A form about one week (`week`; the current one when blank): `change` makes the change for
/// its Monday and names the address to go to; when anything fails, the page again.
async fn week_form(
    s: &AppState,
    form: &HashMap<String, String>,
    page: WeekPage,
    change: impl AsyncFnOnce(Date) -> Result<String, Failure>,
) -> Response {
    let week = field(form, "week");
    let result = async { change(monday_of(s, week.as_deref()).await?).await }.await;
    match result {
        Ok(to) => {
            s.changed();
            see_other(&to)
        }
        Err(f) => {
            let notices = vec![Notice::Failed(f.message)];
            match page {
                WeekPage::Plan => render(s, f.status, notices, week.as_deref(), false).await,
                WeekPage::Review => review_render(s, f.status, notices, week.as_deref()).await,
            }
        }
    }
}

/// `POST /plan/accept` with `week`.
pub async fn accept(
    State(s): State<AppState>,
    CheckedForm(form): CheckedForm<HashMap<String, String>>,
) -> Response {
    week_form(&s, &form, WeekPage::Plan, async |monday| {
        let (plan, _) = weekly::accept(s.store.as_ref(), monday, cache::now(&s.clock)).await?;
        Ok(format!("/plan?week={}&done=accepted", plan.plan.week))
    })
    .await
}

/// `GET /plan/export.ics?week=…`: the accepted plan as a calendar file.
pub async fn export(State(s): State<AppState>, Query(q): Query<WeekQuery>) -> Response {
    let result = async {
        let monday = monday_of(&s, q.week()).await?;
        let text = weekly::export_ics(s.store.as_ref(), monday).await?;
        Ok::<_, Failure>((time::iso_week_label(monday), text))
    }
    .await;
    match result {
        Ok((label, text)) => super::download(
            text,
            "text/calendar; charset=utf-8",
            &format!("fulcrum-plan-{label}.ics"),
        ),
        Err(f) => layout::failure_page(&s, Nav::Plan, &f),
    }
}

/// `GET /review[?week=…]`
pub async fn review(State(s): State<AppState>, Query(q): Query<WeekQuery>) -> Response {
    let notices: Vec<Notice> = done_notice(q.done.as_deref()).into_iter().collect();
    review_render(&s, StatusCode::OK, notices, q.week()).await
}

async fn review_render(
    s: &AppState,
    status: StatusCode,
    mut notices: Vec<Notice>,
    week: Option<&str>,
) -> Response {
    let (monday, current, tz) = match weeks(s, week).await {
        Ok(w) => w,
        Err(f) => return layout::failure_page(s, Nav::Review, &f),
    };
    let label = time::iso_week_label(monday);
    let head = html! {
        div.page-head {
            div {
                h1 #review-label data-week=(label) {
                    "Review " (label.rsplit('-').next().unwrap_or(&label))
                    span.sub { (fmt::range(monday, time::add_days(monday, 7))) }
                }
                p.meta { "The accepted plan against what happened: what got done, what took planned time, what was put aside." }
            }
            (nav_for("/review", monday, current))
        }
        (crate::components::insights::for_page(s, &["weekly"], "/review").await)
    };
    let now = cache::now(&s.clock);
    let (status, body) = match weekly::review_week(s.store.as_ref(), monday, now).await {
        Ok(r) => (status, html! { (head) (review_body(s, &r, &tz)) }),
        Err(e) => {
            let f = Failure::from(e);
            let missing = f.message.contains("no accepted plan");
            notices.push(Notice::Failed(f.message));
            let status = if missing {
                StatusCode::NOT_FOUND
            } else {
                f.status
            };
            (
                status,
                html! {
                    (head)
                    @if missing {
                        p.card #no-plan {
                            "A review compares a week with the plan you accepted for it. "
                            a href=(format!("/plan?week={label}")) { "Plan " (label) } " first, then come back at the end of the week."
                        }
                    }
                },
            )
        }
    };
    respond(
        status,
        frame(s, &format!("Review {label}"), Nav::Review, &notices, body),
    )
}

fn review_body(s: &AppState, r: &ReviewView, tz: &TimeZone) -> Markup {
    let rv = &r.review;
    let share = rv.done_share.map_or("—".into(), fmt::percent);
    html! {
        @if rv.in_progress {
            // A week that is not over gets no verdict, only how far it has come.
            section.attention #in-progress data-elapsed-days=(rv.elapsed_days) aria-labelledby="in-progress-title" {
                h2 #in-progress-title {
                    span.badge #review-state { "In progress" } " "
                    @if rv.elapsed_days == 0 { "the week has not started" } @else { "no verdict until the week is over" }
                }
                p #progress { (rv.progress) }
                p.hint { (rv.suggestion) }
            }
        }
        section.stats.three aria-label="The week against its plan" {
            @if rv.in_progress {
                div.stat data-stat="done-blocks" data-value=(rv.done_blocks) {
                    span.stat-label { "Blocks done so far" }
                    span.stat-value #done-blocks { (rv.done_blocks) " of " (rv.planned_blocks) }
                    span.stat-sub { (rv.blocks_so_far) " planned up to now" }
                }
            } @else {
                div.stat data-stat="done-share" data-value=(rv.done_share.map_or(-1, |v| (v * 1000.0).round() as i64)) {
                    span.stat-label { "Planned work done" }
                    span.stat-value #done-share { (share) }
                    span.stat-sub { (fmt::duration(rv.done_minutes)) " of " (fmt::duration(rv.planned_minutes)) }
                }
            }
            div.stat data-stat="done-tasks" data-value=(rv.done_tasks) {
                span.stat-label { "Tasks finished" }
                span.stat-value { (rv.done_tasks) " of " (rv.planned_tasks) }
                span.stat-sub { "of the tasks that had blocks" }
            }
            div.stat data-stat="derailed-minutes" data-value=(rv.derailed_minutes) {
                span.stat-label { "Taken by the unplanned" }
                span.stat-value { (fmt::duration(rv.derailed_minutes)) }
                span.stat-sub { (rv.derailers.len()) " new events over planned blocks" }
            }
        }
        @if !rv.in_progress {
            p.hint #good-start { "About half of the plan done is a solid start; the trend over the weeks matters more than one week." }
            section.attention #suggestion aria-labelledby="suggestion-title" {
                h2 #suggestion-title { "Suggested for next week" }
                p { (rv.suggestion) }
            }
        }
        div.grid.spaced {
            section.card #derailers aria-labelledby="derailers-title" {
                h2 #derailers-title { "What took planned time" }
                @if rv.derailers.is_empty() {
                    p.all-good { "Nothing new landed on your planned blocks." }
                } @else {
                    ul.plain {
                        @for d in &rv.derailers {
                            li data-minutes=(d.minutes) {
                                span.nowrap { (d.start.to_zoned_datetime(tz.clone()).strftime("%a %H:%M").to_string()) } " "
                                strong { (d.title) } " — " (fmt::duration(d.minutes))
                            }
                        }
                    }
                    p.hint { "Were these unavoidable, or could someone else have taken them?" }
                }
            }
            section.card #put-aside aria-labelledby="put-aside-title" {
                h2 #put-aside-title { "Put aside" }
                @if rv.deprioritised.is_empty() {
                    p.all-good {
                        @if rv.in_progress { "Nothing put aside so far." } @else { "Every planned task got done." }
                    }
                } @else {
                    ul.plain {
                        @for d in &rv.deprioritised {
                            li data-task-id=(d.task_id) data-state=(d.state) {
                                strong { (d.title) } " (" (d.state) "): "
                                @match &d.reason {
                                    Some(why) => (why),
                                    None => span.muted { "no reason noted — was it not important, or did something else win?" },
                                }
                            }
                        }
                    }
                }
            }
        }
        section.card #adjustment aria-labelledby="adjust-title" {
            h2 #adjust-title { "One adjustment for next week" }
            @if let Some(a) = &r.adjustment {
                p #current-adjustment { "Your choice: " strong { (a) } }
            }
            form #adjust-form method="post" action="/review/adjust" {
                (csrf_field(s))
                input type="hidden" name="week" value=(r.week);
                label for="adjust-text" { @if r.adjustment.is_some() { "Change it" } @else { "What will you change?" } }
                div.inline-field {
                    input #adjust-text type="text" name="adjustment" required
                        value=[r.adjustment.as_deref()] placeholder="Keep Thursday mornings free";
                    button.btn.primary type="submit" #adjust-submit { "Save" }
                }
            }
        }
        div.card { (charts::done_trend(&r.trend, &r.week)) }
    }
}

/// `POST /review/adjust` with `week` and `adjustment`.
pub async fn adjust(
    State(s): State<AppState>,
    CheckedForm(form): CheckedForm<HashMap<String, String>>,
) -> Response {
    week_form(&s, &form, WeekPage::Review, async |monday| {
        let text = field(&form, "adjustment").unwrap_or_default();
        weekly::adjust(s.store.as_ref(), monday, &text).await?;
        let label = time::iso_week_label(monday);
        Ok(format!("/review?week={label}&done=adjusted"))
    })
    .await
}

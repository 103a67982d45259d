//! `/`: the week against the targets, the trend, where meetings sit and what needs attention.

use super::{legend, week_nav};
use crate::api::PeriodQuery;
use crate::components::stat;
use crate::layout::{self, Nav, frame, respond};
use crate::{AppState, Failure, cache, charts, fmt};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use fulcrum_app::AppError;
use fulcrum_app::dashboard::{Dashboard, HEATMAP_WEEKS};
use fulcrum_app::report::Period;
use fulcrum_core::time;
use maud::{Markup, html};

pub async fn page_handler(s: &AppState, q: &PeriodQuery) -> Response {
    let period = match q.week.as_deref().map(str::trim).filter(|w| !w.is_empty()) {
        None => Period::CurrentWeek,
        Some(w) => match time::parse_iso_week(w) {
            Ok(monday) => Period::Week(monday),
            Err(e) => return layout::failure_page(s, Nav::Dashboard, &AppError::from(e).into()),
        },
    };
    let now = cache::now(&s.clock);
    match cache::dashboard(s, &period, now).await {
        Ok(d) => {
            let coach = coach(s, now).await;
            let notices: Vec<layout::Notice> =
                super::done_notice(q.done.as_deref()).into_iter().collect();
            respond(
                StatusCode::OK,
                frame(
                    s,
                    &format!("Week {}", d.week),
                    Nav::Dashboard,
                    &notices,
                    render(&d, now, coach),
                ),
            )
        }
        Err(AppError::NotInitialised) => respond(StatusCode::OK, welcome(s)),
        Err(e) => layout::failure_page(s, Nav::Dashboard, &Failure::from(e)),
    }
}

pub async fn page(State(s): State<AppState>, Query(q): Query<PeriodQuery>) -> Response {
    page_handler(&s, &q).await
}

/// The coach's panels: last week's digest and the most pressing open insights. A failure
/// here leaves the rest of the dashboard standing and says what went wrong.
async fn coach(s: &AppState, now: jiff::Timestamp) -> Markup {
    let (digest, list) = match (cache::digest(s, now).await, cache::insights(s, now).await) {
        (Ok(d), Ok(l)) => (d, l),
        (Err(e), _) | (_, Err(e)) => {
            return html! { section.card #digest { h2 { "Last week in review" } p.failed { (Failure::from(e).message) } } };
        }
    };
    let open: Vec<&fulcrum_app::insights::Shown> = list
        .insights
        .iter()
        .filter(|i| i.status == "open")
        .take(fulcrum_app::digest::TOP)
        .collect();
    html! {
        div.grid.spaced.coach {
            section.card #digest aria-labelledby="digest-title" data-week=(digest.week) {
                h2 #digest-title { "Week " (digest.week) " in review" }
                ul.digest-lines {
                    @for l in &digest.lines { li data-kind=(l.kind) { (l.text) } }
                }
                @if !digest.due.is_empty() {
                    h3 { "Due in the next seven days" }
                    ul.due { @for d in &digest.due { li { (d) } } }
                }
                p.next #digest-next { strong { "Next week, change one thing: " } (digest.next) }
            }
            (crate::components::insights::panel(s, "coach-insights", "What stands out", &open, "/",
                "Nothing stands out: no rule sees a pattern worth your attention."))
        }
    }
}

fn welcome(s: &AppState) -> Markup {
    let body = html! {
        section.welcome {
            h1 { "Welcome to Fulcrum" }
            p.lead {
                "Fulcrum shows where your week went — building, leading, aligning — against the \
                 balance you chose. First, tell it who you are."
            }
            ol.steps {
                li { a href="/settings" { "Settings" } ": your e-mails, time zone and role." }
                li { a href="/sources" { "Sources" } ": upload a calendar (.ics) or subscribe to one, and add your git repositories." }
                li { "Come back here to see your week." }
            }
        }
    };
    frame(s, "Welcome", Nav::Dashboard, &[], body)
}

fn render(d: &Dashboard, now: jiff::Timestamp, coach: Markup) -> Markup {
    let r = &d.report;
    let current_monday = time::parse_zone(&r.timezone)
        .map(|tz| time::week_start(time::local_date(now, &tz)))
        .unwrap_or(r.from);
    let previous = time::iso_week_label(time::add_days(r.from, -7));
    let next = time::iso_week_label(time::add_days(r.from, 7));
    let is_current = r.from == current_monday;
    let t = &r.totals;
    html! {
        div.page-head {
            div {
                (layout::week_title("week-label", "Week", &d.week, r.from, r.to))
                p.meta #progress data-state=(r.progress.state) {
                    @if !r.progress.label.is_empty() { (r.progress.label) " · " }
                    (r.timezone) " · " a href=(format!("/week?week={}", d.week)) { "See the week's timeline" }
                }
                @if let Some(p) = &r.phase {
                    p.meta #phase data-kind=(p.kind.as_str()) { (fulcrum_app::markdown::phase_line(p)) }
                }
            }
            (week_nav("/", &previous, (r.from < time::add_days(current_monday, 7 * WEEKS_AHEAD)).then_some(next.as_str()),
                (!is_current).then_some(time::iso_week_label(current_monday).as_str())))
        }
        @if r.progress.state == "not started" {
            p.notice #not-started { "This week has not started: nothing is spent yet. Below is what is scheduled." }
            (ahead(r))
        } @else {
        section.stats aria-label="The week in numbers" {
            (stat("minutes", "Tracked", fmt::duration(t.minutes), t.minutes,
                format!("{} of it work", fmt::duration(t.work_minutes))))
            (stat("meeting-minutes", "Meetings", fmt::duration(t.meeting_minutes), t.meeting_minutes,
                format!("{}, {}", fulcrum_app::markdown::plural(t.meetings, "meeting", "meetings"), fulcrum_app::markdown::plural(t.one_on_ones, "1:1", "1:1s"))))
            (stat("focus-minutes", "Focus blocks", fmt::duration(t.focus_minutes), t.focus_minutes,
                format!("longest {}", fmt::duration(t.longest_focus_minutes))))
            (stat("commits", "Commits", t.commits.to_string(), i64::from(t.commits),
                format!("on {}", fulcrum_app::markdown::plural(t.coding_days, "day", "days"))))
            (stat("after-hours-minutes", "After hours", fmt::duration(t.after_hours_minutes),
                t.after_hours_minutes, format!("{} on the weekend", fmt::duration(t.weekend_minutes))))
            (stat("untracked-minutes", "Untracked", fmt::duration(r.untracked.minutes), r.untracked.minutes,
                format!("{} of {} working time{}", fmt::percent(r.untracked.share_of_working),
                    fmt::duration(t.working_minutes),
                    if t.days_away > 0 { format!(", {} away", fulcrum_app::markdown::plural(t.days_away, "day", "days")) } else { String::new() })))
        }
        section.attention #attention aria-labelledby="attention-title" {
            h2 #attention-title { "Needs attention" }
            @if !r.progress.judged {
                p.too-early { "Too early to judge against your targets: less than a working day of this week has passed." }
            } @else if r.attention.is_empty() {
                p.all-good { "Nothing is out of line with your targets this week." }
            } @else {
                ul {
                    @for a in &r.attention {
                        li data-kind=(a.kind) {
                            span class=(format!("kind kind-{}", a.kind.replace(' ', "-"))) { (a.kind) }
                            " " (a.message)
                        }
                    }
                }
            }
        }
        (coach)
        div.grid {
            div.card { (charts::category_bars(r)) }
            div.card { (charts::days(r)) }
            div.card { (charts::heatmap(&d.heatmap, HEATMAP_WEEKS)) }
            div.card { (charts::commits(r)) }
            div.card.wide.trend-card { (charts::trend(r, &d.week)) (legend()) }
        }
        (ahead(r))
        }
    }
}

/// How far ahead the week navigation goes: the weeks whose meetings are mostly known.
const WEEKS_AHEAD: i64 = 4;

/// What is scheduled for the rest of the week: meetings per day and focus time still free,
/// marked as scheduled so it is never read as time spent.
fn ahead(r: &fulcrum_core::Report) -> Markup {
    let Some(a) = &r.ahead else {
        return html! {};
    };
    let tz = time::parse_zone(&r.timezone).unwrap_or(jiff::tz::TimeZone::UTC);
    let hhmm = |t: jiff::Timestamp| {
        t.to_zoned_datetime(tz.clone())
            .strftime("%H:%M")
            .to_string()
    };
    html! {
        section.card.ahead #ahead aria-labelledby="ahead-title" {
            h2 #ahead-title { "Scheduled, not yet spent" }
            p.meta { "From " (hhmm(a.from)) " on: " (fmt::duration(a.meeting_minutes)) " in "
                (fulcrum_app::markdown::plural(a.meetings.len(), "meeting", "meetings")) ", "
                (fmt::duration(a.free_focus_minutes)) " of focus time still free." }
            div.table-wrap { table {
                thead { tr { th scope="col" { "Day" } th scope="col" { "Meetings" } th scope="col" { "Count" }
                    th scope="col" { "Free focus" } th scope="col" { "Longest free" } } }
                tbody {
                    @for d in &a.days {
                        tr data-date=(d.date.to_string()) data-meeting-minutes=(d.meeting_minutes)
                            data-free-focus=(d.free_focus_minutes) {
                            th scope="row" { (fmt::day(d.date)) }
                            @if let Some(away) = &d.away {
                                td colspan="4" { "away: " (away) }
                            } @else {
                                td.num { (fmt::duration(d.meeting_minutes)) }
                                td.num { (d.meetings) }
                                td.num { (fmt::duration(d.free_focus_minutes)) }
                                td.num { (fmt::duration(d.longest_free_minutes)) }
                            }
                        }
                    }
                }
            } }
            @if !a.meetings.is_empty() {
                h3 { "Meetings ahead" }
                ul.ahead-meetings {
                    @for m in &a.meetings {
                        li data-category=(m.category.as_str()) {
                            (fmt::day(time::local_date(m.start, &tz))) " " (hhmm(m.start)) "–" (hhmm(m.end)) " · "
                            strong { (m.title) } " " (super::chip(m.category))
                            @if m.one_on_one { " · 1:1" }
                        }
                    }
                }
            }
        }
    }
}

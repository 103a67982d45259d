//! `/projects`: every project with its owner, deadline and the reason for it, a timeline of its
//! milestones against the deadline and the forecast, everyone's streams of work in parallel
//! with those over the limit flagged, and the form that starts a project; `/projects/{id}`:
//! one project, its milestones with done buttons, and the forms that add a milestone, edit
//! the project and set its status.

use super::growth::{word_field, word_options};
use super::people::{active_people, person_select};
use super::{Done, Fields, done_notice, record, technical};
use crate::components::{adding_form, card, form_field, posting_form, wide_form_field};
use crate::layout::{self, Nav, Notice, csrf_field, frame, page_title, respond};
use crate::{AppState, Failure, cache, charts, fmt};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use fulcrum_app::projects::{self, Line, NewProject, ProjectEdit, WipReport};
use fulcrum_core::insights::Link;
use fulcrum_core::people::Person;
use fulcrum_core::projects::Status;
use maud::{Markup, html};

query! {
    ProjectsQuery { done }
}

fn status_badge(l: &Line) -> Markup {
    let status = l.project.record.status;
    let class = match status {
        Status::Active => "badge status-active",
        Status::Done => "badge status-done",
        Status::Planned | Status::Paused => "badge status-draft",
        Status::Cancelled => "badge status-cancelled",
    };
    html! {
        span class=(class) data-status=(status.as_str()) { (status) }
        @if l.slip.slipping { " " span.badge.step-overdue.slipping { "slipping" } }
    }
}

fn deadline_text(l: &Line) -> Markup {
    let p = &l.project.record;
    html! {
        @match p.deadline {
            Some(d) => span.deadline data-deadline=(d.to_string()) {
                "Deadline " strong { (fmt::day(d)) }
                @if let Some(r) = &p.deadline_reason { ", because " span.reason { (r) } }
            },
            None => span.deadline.muted { "No deadline" },
        }
    }
}

/// `GET /projects`
pub async fn page(State(s): State<AppState>, Query(q): Query<ProjectsQuery>) -> Response {
    let notices: Vec<Notice> = done_notice(q.done.as_deref()).into_iter().collect();
    render(s, StatusCode::OK, notices).await
}

async fn render(s: AppState, status: StatusCode, notices: Vec<Notice>) -> Response {
    let now = cache::now(&s.clock);
    let loaded = async {
        let lines = projects::list(s.store.as_ref(), None, now).await?;
        let wip = projects::wip(s.store.as_ref()).await?;
        let today = fulcrum_app::profile::today(s.store.as_ref(), now).await?;
        Ok::<_, Failure>((lines, wip, today))
    }
    .await;
    let (lines, wip, today) = match loaded {
        Ok(l) => l,
        Err(f) => return layout::failure_page(&s, Nav::Technical, &f),
    };
    let people = active_people(&s).await;
    let coach = crate::components::insights::for_records(&s, "/projects", |l| {
        matches!(l, Link::Project { .. })
    })
    .await;
    let body = html! {
        (technical::sub_nav(technical::Sub::Projects))
        div.page-head {
            (page_title("Projects", html! {
                "Each project with its purpose, its one owner, its milestones and a deadline with the reason for it. "
                "A late milestone, or a delay that carried forward lands after the deadline, is a slip: say so early."
            }))
        }
        (coach)
        (card("project-list", "Projects", lines.len(), html! {
            @if lines.is_empty() {
                p.muted #no-projects { "No projects yet. Start one below, or with " code { "fulcrum projects add" } "." }
            }
            @for l in &lines {
                (project_article(l, today))
            }
        }))
        (wip_card(&wip))
        section.card #new-project-card {
            (adding_form(&s, ("new-project-title", "Start a project"), ("new-project", "/projects/new"),
                project_fields("new", None, &people), "Start the project"))
        }
    };
    respond(
        status,
        frame(&s, "Projects", Nav::Technical, &notices, body),
    )
}

fn project_article(l: &Line, today: jiff::civil::Date) -> Markup {
    let p = &l.project.record;
    let id = l.project.id;
    html! {
        article.project id=(format!("project-{id}")) data-project=(id)
            data-status=(p.status.as_str()) data-slipping=(l.slip.slipping) {
            h3 { a href=(format!("/projects/{id}")) { (p.name) } " " (status_badge(l)) }
            p.meta {
                "Owner " strong.owner { (l.owner_name) }
                @if !l.members.is_empty() {
                    " · with " (l.members.iter().map(|m| m.name.as_str()).collect::<Vec<_>>().join(", "))
                }
                " · " (deadline_text(l))
            }
            p.prose.purpose { (p.purpose) }
            @if p.status != Status::Done && p.status != Status::Cancelled {
                (charts::project_timeline(l, today))
            }
        }
    }
}

fn wip_card(wip: &WipReport) -> Markup {
    html! {
        (card("wip", "Streams of work in parallel", wip.people.len(), html! {
            p.hint {
                "Active projects someone owns or works on, and delegations handed to them that are still running. "
                "The limit is " (wip.limit) " a person: past it, finishing beats starting."
            }
            @if wip.people.is_empty() {
                p.muted #no-wip { "Nobody carries a stream of work now." }
            } @else {
                table #wip-table {
                    thead { tr { th scope="col" { "Person" } th.num scope="col" { "Streams" } th scope="col" { "What" } } }
                    tbody {
                        @for w in &wip.people {
                            tr.wip data-person=(w.wip.person) data-count=(w.wip.count)
                                data-over=(w.wip.over) data-at-limit=(w.wip.at_limit) {
                                td { (w.name)
                                    @if w.wip.over { " " span.badge.step-overdue { "over the limit" } }
                                    @else if w.wip.at_limit { " " span.badge.status-draft { "at the limit" } }
                                }
                                td.num { (w.wip.count) " / " (w.wip.limit) }
                                td { (w.wip.streams.iter().map(|x| format!("{} ({})", x.title, x.role)).collect::<Vec<_>>().join(", ")) }
                            }
                        }
                    }
                }
            }
        }))
    }
}

/// The fields a project is started or edited with, filled from `l` when editing.
fn project_fields(prefix: &str, l: Option<&Line>, people: &[Person]) -> Markup {
    let p = l.map(|l| &l.project.record);
    let id = |f: &str| format!("{prefix}-{f}");
    let members: Vec<i64> = p.map(|p| p.people.clone()).unwrap_or_default();
    html! {
        (wide_form_field(&id("name"), "Name", html! {
            input id=(id("name")) type="text" name="name" required value=[p.map(|p| p.name.as_str())]
                placeholder="e.g. Self-service refunds";
        }))
        (wide_form_field(&id("purpose"), "Purpose: why, and what success looks like", html! {
            textarea id=(id("purpose")) name="purpose" rows="2" required { (p.map_or("", |p| p.purpose.as_str())) }
        }))
        (form_field(&id("owner"), "Owner (one person)", person_select(&id("owner"), "owner", people, p.map(|p| p.owner), "— choose —", true)))
        (form_field(&id("deadline"), "Deadline", html! {
            input id=(id("deadline")) type="date" name="deadline" value=[p.and_then(|p| p.deadline).map(|d| d.to_string())];
        }))
        (wide_form_field(&id("reason"), "Why the deadline exists", html! {
            input id=(id("reason")) type="text" name="deadline_reason" value=[p.and_then(|p| p.deadline_reason.as_deref())]
                placeholder="e.g. the spring campaign announces it";
        }))
        fieldset.wide id=(id("members")) {
            legend { "Who works on it" }
            @for person in people {
                label.check {
                    input type="checkbox" name="members" value=(person.id) checked[members.contains(&person.id)];
                    " " (person.name)
                }
            }
        }
    }
}

fn ids(form: &Fields, name: &str) -> Result<Vec<i64>, Failure> {
    form.all(name)
        .iter()
        .map(|v| {
            v.parse().map_err(|_| {
                Failure::bad_request(format!("{name} = {v:?}: choose people from the list"))
            })
        })
        .collect()
}

/// `POST /projects/new`: to the new project.
async fn add(s: AppState, form: Fields) -> Result<i64, Failure> {
    let now = cache::now(&s.clock);
    let new = NewProject {
        name: form.get("name").unwrap_or_default(),
        purpose: form.get("purpose").unwrap_or_default(),
        owner: form
            .get("owner")
            .and_then(|o| o.parse().ok())
            .ok_or_else(|| {
                Failure::bad_request("choose the project's owner: one person answers for it")
            })?,
        deadline: form.date("deadline")?,
        deadline_reason: form.get("deadline_reason"),
        members: ids(&form, "members")?,
        status: None,
    };
    Ok(projects::add(s.store.as_ref(), new, now).await?.id)
}

record::record_page!(ProjectPage: i64, Nav::Technical, "project" listed on "Projects", "/projects", show_render);

async fn show_render(s: &AppState, id: i64, status: StatusCode, notices: Vec<Notice>) -> Response {
    let now = cache::now(&s.clock);
    let loaded = async {
        let l = projects::show(s.store.as_ref(), id, now).await?;
        let today = fulcrum_app::profile::today(s.store.as_ref(), now).await?;
        Ok::<_, Failure>((l, today))
    }
    .await;
    let (l, today) = match loaded {
        Ok(l) => l,
        Err(f) => return layout::failure_page(s, Nav::Technical, &f),
    };
    let people = active_people(s).await;
    let p = &l.project.record;
    let base = format!("/projects/{id}");
    let body = html! {
        (technical::sub_nav(technical::Sub::Projects))
        div.page-head {
            div {
                h1 #project-head data-project=(id) data-status=(p.status.as_str()) data-slipping=(l.slip.slipping) {
                    (p.name)
                }
                p.meta {
                    (status_badge(&l)) " · owner " strong.owner { (l.owner_name) }
                    @if !l.members.is_empty() {
                        " · with " (l.members.iter().map(|m| m.name.as_str()).collect::<Vec<_>>().join(", "))
                    }
                    " · " (deadline_text(&l)) " · " a href="/projects" { "All projects" }
                }
            }
        }
        section.card #project-summary {
            p.prose.purpose { (p.purpose) }
            p #forecast data-forecast-end=[l.slip.forecast_end.map(|d| d.to_string())]
                data-past-deadline-days=(l.slip.past_deadline_days) data-carried-delay=(l.slip.carried_delay_days) {
                @match l.slip.forecast_end {
                    None => "No milestones yet: add the checkpoints where you will show progress and readjust.",
                    Some(end) => {
                        "Forecast end " strong { (fmt::day(end)) }
                        @if l.slip.carried_delay_days > 0 { ", carrying a delay of " (l.slip.carried_delay_days) " days" }
                        @if l.slip.past_deadline_days > 0 { ": " strong.late { (l.slip.past_deadline_days) " days after the deadline" } }
                        "."
                    }
                }
                @if l.slip.slipping { " Tell the stakeholders now and re-plan with them: move the date, trim the scope, or do part by hand for now." }
            }
        }
        (charts::project_timeline(&l, today))
        (card("milestones", "Milestones", l.slip.milestones.len(), html! {
            @if l.slip.milestones.is_empty() {
                p.muted #no-milestones { "No milestones yet." }
            } @else {
                table #milestones-table {
                    thead { tr { th scope="col" { "Milestone" } th scope="col" { "Due" } th scope="col" { "State" } th scope="col" {} } }
                    tbody {
                        @for m in &l.slip.milestones {
                            tr.milestone data-milestone=(m.id) data-late=(m.late) data-done=(m.done_on.is_some()) {
                                td { (m.title) }
                                td { (fmt::day(m.due)) }
                                td {
                                    @match m.done_on {
                                        Some(d) => { span.badge.step-done { "done" } " " (fmt::day(d))
                                            @if m.late_days > 0 { ", " (m.late_days) " days late" } },
                                        None if m.late => { span.badge.step-overdue { "late" } " by " (m.late_days) " days" },
                                        None => { "forecast " (fmt::day(m.forecast)) },
                                    }
                                }
                                td {
                                    @if m.done_on.is_none() {
                                        form.inline-form method="post" action=(format!("{base}/milestone-done")) {
                                            (csrf_field(s))
                                            input type="hidden" name="milestone" value=(m.id);
                                            button.btn.small type="submit" id=(format!("done-{}", m.id)) { "Done" }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            (adding_form(s, ("add-milestone-title", "Add a milestone"), ("add-milestone", &format!("{base}/milestones")), html! {
                (wide_form_field("milestone-title", "What will be shown", html! {
                    input #milestone-title type="text" name="title" required placeholder="e.g. Internal demo to support";
                }))
                (form_field("milestone-due", "Due", html! { input #milestone-due type="date" name="due" required; }))
            }, "Add the milestone"))
        }))
        div.grid.forms {
            section.card #project-status-card {
                h2 { "Status" }
                (posting_form(s, ("status-form", &format!("{base}/status")), html! {
                    (form_field("new-status", "Status", html! {
                        select #new-status name="status" { (word_options(Status::ALL, Some(p.status))) }
                    }))
                }, "Set the status"))
            }
            section.card #project-edit-card {
                h2 { "Edit" }
                (posting_form(s, ("edit-project", &format!("{base}/edit")), project_fields("edit", Some(&l), &people), "Save"))
            }
        }
    };
    respond(status, frame(s, &p.name, Nav::Technical, &notices, body))
}

async fn set_status(s: AppState, id: i64, form: Fields) -> Done {
    let status: Status =
        word_field(&form, "status")?.ok_or_else(|| Failure::bad_request("choose a status"))?;
    projects::set_status(s.store.as_ref(), id, status, cache::now(&s.clock)).await?;
    Ok("project-saved")
}

async fn edit(s: AppState, id: i64, form: Fields) -> Done {
    let deadline = form.date("deadline")?;
    let edit = ProjectEdit {
        name: form.get("name"),
        purpose: form.get("purpose"),
        owner: form.get("owner").and_then(|o| o.parse().ok()),
        // A form sent without a date takes the deadline away.
        deadline: Some(deadline),
        deadline_reason: Some(form.get("deadline_reason").unwrap_or_default()),
        members: Some(ids(&form, "members")?),
    };
    projects::edit(s.store.as_ref(), id, edit).await?;
    Ok("project-saved")
}

async fn add_milestone(s: AppState, id: i64, form: Fields) -> Done {
    let due = form
        .date("due")?
        .ok_or_else(|| Failure::bad_request("give the milestone's due date"))?;
    projects::add_milestone(
        s.store.as_ref(),
        id,
        &form.get("title").unwrap_or_default(),
        due,
    )
    .await?;
    Ok("milestone-added")
}

async fn milestone_done(s: AppState, id: i64, form: Fields) -> Done {
    let mid = form.id("milestone", "milestone")?;
    let now = cache::now(&s.clock);
    let l = projects::show(s.store.as_ref(), id, now).await?;
    if !l.slip.milestones.iter().any(|m| m.id == mid) {
        return Err(Failure::new(
            StatusCode::NOT_FOUND,
            format!("milestone {mid} is not a milestone of this project"),
        ));
    }
    projects::milestone_done(s.store.as_ref(), mid, form.date("on")?, now).await?;
    Ok("milestone-done")
}

/// The routes of the project pages and their forms.
pub(super) fn routes() -> axum::Router<AppState> {
    use axum::routing::get;
    axum::Router::new()
        .route("/projects", get(page))
        .route(
            "/projects/new",
            record::add(ProjectPage, "project-added", render, add),
        )
        .route("/projects/{id}", record::show(ProjectPage))
        .merge(record::record_forms!(ProjectPage, "/projects/{id}", {
            "status" => set_status,
            "edit" => edit,
            "milestones" => add_milestone,
            "milestone-done" => milestone_done,
        }))
}

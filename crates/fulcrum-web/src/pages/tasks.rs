//! `/tasks`: open tasks in the urgent × important matrix, what the spread says, the forms that
//! add, finish and drop tasks; `/tasks/triage`: the open tasks one at a time through the
//! triage questions.

use super::{Change, Done, Fields, chip, done_notice, parse_minutes, post_change, see_other};
use crate::components::{adding_form, form_field, wide_form_field};
use crate::extract::CheckedForm;
use crate::layout::{Nav, Notice, csrf_field, frame, page_title, respond};
use crate::{AppState, Failure, cache, fmt};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::MethodRouter;
use fulcrum_app::weekly::{self, NewTask, TaskEdit, TaskList, TaskView};
use fulcrum_core::tasks::{Quadrant, TRIAGE_QUESTIONS, TaskStatus, TriageAnswers};
use fulcrum_core::{Category, time};
use jiff::civil::Date;
use maud::{Markup, html};

#[derive(Debug, Default, serde::Deserialize)]
pub struct TasksQuery {
    pub done: Option<String>,
}

/// What each quadrant means and what to do with its tasks.
pub fn quadrant_text(q: Quadrant) -> (&'static str, &'static str) {
    match q {
        Quadrant::Do => ("Do", "Urgent and important: yours to do, soon."),
        Quadrant::Schedule => (
            "Schedule",
            "Important, not urgent: give it a place in the calendar before it turns urgent.",
        ),
        Quadrant::Delegate => (
            "Delegate",
            "Urgent, not important: someone on the team can take it.",
        ),
        Quadrant::Delete => (
            "Delete",
            "Neither urgent nor important: let it go, or keep it for a quiet day.",
        ),
    }
}

/// Today in the user's zone, when there is a profile.
async fn today(s: &AppState) -> Option<Date> {
    let p = fulcrum_app::profile::require(s.store.as_ref()).await.ok()?;
    Some(time::local_date(cache::now(&s.clock), &p.tz()))
}

pub async fn page(State(s): State<AppState>, Query(q): Query<TasksQuery>) -> Response {
    let notices: Vec<Notice> = done_notice(q.done.as_deref()).into_iter().collect();
    render(&s, StatusCode::OK, notices).await
}

async fn render(s: &AppState, status: StatusCode, mut notices: Vec<Notice>) -> Response {
    let list = match weekly::list(s.store.as_ref(), false).await {
        Ok(l) => l,
        Err(e) => {
            notices.push(Notice::Failed(Failure::from(e).message));
            TaskList {
                tasks: Vec::new(),
                health: fulcrum_core::tasks::health(&[]),
            }
        }
    };
    let today = today(s).await;
    let coach = crate::components::insights::for_page(s, &["weekly"], "/tasks").await;
    let body = html! {
        div.page-head {
            (page_title("Tasks", html! {
                "Open tasks by urgency and importance. Only “do” and “schedule” tasks are placed into the "
                a href="/plan" { "week's plan" } "; the others are for handing over or letting go."
            }))
            div.week-nav {
                a.btn #start-triage href="/tasks/triage" { "Triage the open tasks" }
            }
        }
        (coach)
        (health_box(&list))
        (matrix(s, &list, today, true))
        section.card aria-labelledby="add-task-title" { (add_form(s)) }
    };
    respond(status, frame(s, "Tasks", Nav::Tasks, &notices, body))
}

/// The matrix's health signals, as the dashboard's "needs attention" box.
fn health_box(list: &TaskList) -> Markup {
    html! {
        section.attention #task-health aria-labelledby="task-health-title" data-open=(list.health.open) {
            h2 #task-health-title { "What the spread says" }
            @if list.health.signals.is_empty() {
                p.all-good {
                    @if list.health.open == 0 { "No open tasks." } @else { "The open tasks are spread well over the quadrants." }
                }
            } @else {
                ul {
                    @for sig in &list.health.signals {
                        li data-kind=(sig.kind) {
                            span class=(format!("kind kind-{}", sig.kind.replace(' ', "-"))) { (sig.kind) }
                            " " (capitalised(&sig.seen)) ". "
                            span.next { (sig.next) }
                        }
                    }
                }
            }
        }
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// The four quadrants as boxes (2 × 2 on wide screens); `actions` adds Done and Drop.
pub fn matrix(s: &AppState, list: &TaskList, today: Option<Date>, actions: bool) -> Markup {
    html! {
        div.matrix #matrix {
            @for q in Quadrant::ALL {
                @let tasks: Vec<&TaskView> = list.tasks.iter().filter(|t| t.quadrant == q).collect();
                @let (name, what) = quadrant_text(q);
                section class=(format!("quadrant q-{q}")) id=(format!("q-{q}")) data-quadrant=(q.as_str())
                    data-count=(tasks.len()) aria-labelledby=(format!("q-{q}-title")) {
                    h2 id=(format!("q-{q}-title")) { (name) " " span.count { (tasks.len()) } }
                    p.hint { (what) }
                    @if tasks.is_empty() {
                        p.empty { "Nothing here." }
                    } @else {
                        ul.tasks {
                            @for t in tasks { (task_item(s, t, today, actions)) }
                        }
                    }
                }
            }
        }
    }
}

fn task_item(s: &AppState, v: &TaskView, today: Option<Date>, actions: bool) -> Markup {
    let t = &v.task;
    let overdue = matches!((t.due, today), (Some(d), Some(now)) if d < now);
    html! {
        li.task data-task-id=(t.id) data-title=(t.title) data-quadrant=(v.quadrant.as_str()) {
            div.task-main {
                span.task-title { (t.title) }
                span.task-meta {
                    (chip(t.category))
                    " " span.est title="Estimate" {
                        @match t.estimate_minutes { Some(m) => (fmt::duration(m)), None => "no estimate" }
                    }
                    @if let Some(d) = t.due {
                        " · " span.due.overdue[overdue] { "due " (fmt::day(d)) @if overdue { " (overdue)" } }
                    }
                    @if t.only_me { " · " span.only-me title="Only you can do it" { "only you" } }
                }
            }
            @if actions {
                div.task-actions {
                    form.inline method="post" action="/tasks/done" {
                        (csrf_field(s))
                        input type="hidden" name="id" value=(t.id);
                        button.btn.small type="submit" aria-label=(format!("Mark {} done", t.title)) { "Done" }
                    }
                    details.drop {
                        summary.btn.small aria-label=(format!("Drop {}", t.title)) { "Drop" }
                        form.drop-form method="post" action="/tasks/drop" {
                            (csrf_field(s))
                            input type="hidden" name="id" value=(t.id);
                            label for=(format!("reason-{}", t.id)) { "Why let it go?" }
                            input type="text" id=(format!("reason-{}", t.id)) name="reason"
                                placeholder="something more important won";
                            button.btn.small.danger type="submit" { "Drop it" }
                        }
                    }
                }
            }
        }
    }
}

fn add_form(s: &AppState) -> Markup {
    let fields = html! {
        (wide_form_field("task-title", "What needs doing", html! {
            input #task-title type="text" name="title" required placeholder="Write the caching RFC";
        }))
        (form_field("task-estimate", "Estimate", html! {
            input #task-estimate type="text" name="estimate" placeholder="90m, 2h, 1h30m"
                inputmode="text" spellcheck="false";
        }))
        (form_field("task-due", "Due", html! {
            input #task-due type="date" name="due";
        }))
        (form_field("task-category", "Kind of work", html! {
            select #task-category name="category" {
                @for c in Category::ALL { option value=(c.as_str()) { (c) } }
            }
        }))
        div.field.checks {
            span.check {
                input #task-urgent type="checkbox" name="urgent" value="on";
                label for="task-urgent" { "Urgent — something breaks or someone waits" }
            }
            span.check {
                input #task-important type="checkbox" name="important" value="on";
                label for="task-important" { "Important — it moves your goals or the team's forward" }
            }
            span.check {
                input #task-only-me type="checkbox" name="only_me" value="on";
                label for="task-only-me" { "Only I can do it" }
            }
        }
    };
    let heading = ("add-task-title", "Add a task");
    adding_form(s, heading, ("add-task", "/tasks/add"), fields, "Add task")
}

fn new_task(form: &Fields) -> Result<NewTask, Failure> {
    let estimate_minutes = form
        .get("estimate")
        .map(|e| parse_minutes(&e).map_err(Failure::bad_request))
        .transpose()?;
    let due = form.date("due")?;
    let category = form
        .get("category")
        .map(|c| {
            c.parse::<Category>()
                .map_err(|e: fulcrum_core::category::UnknownCategory| {
                    Failure::bad_request(e.to_string())
                })
        })
        .transpose()?;
    Ok(NewTask {
        title: form.get("title").unwrap_or_default(),
        urgent: form.checked("urgent"),
        important: form.checked("important"),
        only_me: form.checked("only_me"),
        estimate_minutes,
        due,
        category,
    })
}

/// Draws the page again after a refused form.
async fn again(s: AppState, status: StatusCode, notices: Vec<Notice>) -> Response {
    render(&s, status, notices).await
}

/// The POST route of one of this page's forms.
pub(super) fn change(c: impl Change) -> MethodRouter<AppState> {
    post_change("/tasks", again, c)
}

/// `POST /tasks/add`
pub(super) async fn add(s: AppState, form: Fields) -> Done {
    weekly::add_task(s.store.as_ref(), new_task(&form)?).await?;
    Ok("task-added")
}

async fn set_status(
    s: &AppState,
    form: &Fields,
    status: TaskStatus,
    note: Option<String>,
) -> Result<(), Failure> {
    let id = form.id("id", "task")?;
    weekly::edit_task(
        s.store.as_ref(),
        id,
        TaskEdit {
            status: Some(status),
            note,
            ..Default::default()
        },
    )
    .await
    .map(|_| ())
    .map_err(Failure::from)
}

/// `POST /tasks/done`
pub(super) async fn done(s: AppState, form: Fields) -> Done {
    set_status(&s, &form, TaskStatus::Done, None).await?;
    Ok("task-done")
}

/// `POST /tasks/drop` with an optional `reason`.
pub(super) async fn drop(s: AppState, form: Fields) -> Done {
    set_status(&s, &form, TaskStatus::Dropped, form.get("reason")).await?;
    Ok("task-dropped")
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct TriageQuery {
    /// The task triaged last: the page shows the next open task after it.
    pub after: Option<String>,
    /// The task just triaged, whose new place the page announces.
    pub triaged: Option<String>,
}

/// `GET /tasks/triage[?after=ID]`
pub async fn triage_page(State(s): State<AppState>, Query(q): Query<TriageQuery>) -> Response {
    let id = |v: &Option<String>| v.as_deref().and_then(|a| a.trim().parse::<i64>().ok());
    let mut notices = Vec::new();
    if let Some(id) = id(&q.triaged)
        && let Ok(Some(t)) = s.store.task(id).await
    {
        notices.push(Notice::done(format!(
            "“{}” is now in {}.",
            t.title,
            quadrant_text(t.quadrant()).0.to_lowercase()
        )));
    }
    triage_render(&s, StatusCode::OK, notices, id(&q.after)).await
}

async fn triage_render(
    s: &AppState,
    status: StatusCode,
    notices: Vec<Notice>,
    after: Option<i64>,
) -> Response {
    let list = match weekly::list(s.store.as_ref(), false).await {
        Ok(l) => l,
        Err(e) => return crate::layout::failure_page(s, Nav::Tasks, &Failure::from(e)),
    };
    let mut open: Vec<&TaskView> = list.tasks.iter().collect();
    open.sort_by_key(|t| t.task.id);
    let total = open.len();
    let position = open
        .iter()
        .position(|t| after.is_none_or(|a| t.task.id > a));
    let today = today(s).await;
    let body = html! {
        div.page-head {
            (page_title("Triage", html! {
                "Three questions for each open task, one task at a time. The first “no” decides where it goes; "
                "a task that passes all three stays where it is."
            }))
            div.week-nav { a.btn.quiet href="/tasks" { "Back to the tasks" } }
        }
        @match position {
            Some(i) => {
                @let t = open[i];
                section.card.triage #triage data-task-id=(t.task.id) aria-labelledby="triage-title" {
                    p.hint { "Task " (i + 1) " of " (total) }
                    h2 #triage-title { (t.task.title) }
                    p.task-meta {
                        "Now in " strong { (quadrant_text(t.quadrant).0.to_lowercase()) } " · " (chip(t.task.category))
                        @if let Some(m) = t.task.estimate_minutes { " · " (fmt::duration(m)) }
                    }
                    form #triage-form method="post" action="/tasks/triage" {
                        (csrf_field(s))
                        input type="hidden" name="id" value=(t.task.id);
                        @for (key, question, hint) in TRIAGE_QUESTIONS {
                            fieldset.question data-question=(key) {
                                legend { (question) }
                                p.hint { (hint) }
                                span.choice {
                                    input type="radio" name=(key) value="yes" id=(format!("{key}-yes"));
                                    label for=(format!("{key}-yes")) { "Yes" }
                                }
                                span.choice {
                                    input type="radio" name=(key) value="no" id=(format!("{key}-no"));
                                    label for=(format!("{key}-no")) { "No" }
                                }
                            }
                        }
                        div.triage-actions {
                            button.btn.primary type="submit" #triage-submit { "Apply and go on" }
                            a.btn.quiet #triage-skip href=(format!("/tasks/triage?after={}", t.task.id)) { "Skip this one" }
                        }
                    }
                }
            }
            None => {
                section.card #triage-finished {
                    h2 { @if total == 0 { "No open tasks to triage" } @else { "All open tasks triaged" } }
                    p { "This is the matrix now. " a href="/tasks/triage" { "Start again" } " or go to the " a href="/plan" { "week's plan" } "." }
                }
                (health_box(&list))
                (matrix(s, &list, today, false))
            }
        }
    };
    respond(status, frame(s, "Triage", Nav::Tasks, &notices, body))
}

fn answer(form: &Fields, key: &str) -> Result<Option<bool>, Failure> {
    match form.get(key).as_deref() {
        None => Ok(None),
        Some("yes") => Ok(Some(true)),
        Some("no") => Ok(Some(false)),
        Some(other) => Err(Failure::bad_request(format!(
            "{key} = {other:?}: answer yes or no"
        ))),
    }
}

/// `POST /tasks/triage` with `id` and the answers `skip_matters`, `depended_on`, `needs_me`.
pub async fn triage(State(s): State<AppState>, CheckedForm(form): CheckedForm) -> Response {
    let result = async {
        let id = form.id("id", "task")?;
        let answers = TriageAnswers {
            skip_matters: answer(&form, "skip_matters")?,
            depended_on: answer(&form, "depended_on")?,
            needs_me: answer(&form, "needs_me")?,
        };
        if answers == TriageAnswers::default() {
            return Err(Failure::bad_request(
                "answer at least one question, or skip the task",
            ));
        }
        weekly::triage(s.store.as_ref(), id, answers)
            .await
            .map_err(Failure::from)?;
        Ok(id)
    }
    .await;
    match result {
        Ok(id) => {
            s.changed();
            see_other(&format!("/tasks/triage?after={id}&triaged={id}"))
        }
        Err(f) => {
            // Ask about the same task again.
            let previous = form.id("id", "task").ok().map(|id| id - 1);
            triage_render(&s, f.status, vec![Notice::Failed(f.message)], previous).await
        }
    }
}

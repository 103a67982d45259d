//! `/incidents`: the incident register (severity, duration, roles, the postmortem's state,
//! open actions), the out-of-hours load per responder and the form that logs an incident;
//! `/incidents/{id}`: one incident's roles, timeline, blameless postmortem (a textarea per
//! section and the rendered document) and actions; `/incidents/{id}/postmortem.md`.

use super::record::{self, RecordPage};
use super::{Done, Fields, done_notice, technical};
use crate::components::{adding_form, card, form_field, posting_form, wide_form_field};
use crate::layout::{self, Nav, Notice, csrf_field, frame, page_title, respond};
use crate::{AppState, Failure, cache, charts, fmt};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use fulcrum_app::delivery::{self, IncidentLine, IncidentView, NewIncident};
use fulcrum_app::incidents::{self, IncidentEdit, NewAction};
use fulcrum_core::incidents::postmortem::{self as pm, SECTIONS};
use fulcrum_core::incidents::{Incident, Postmortem, PostmortemState};
use fulcrum_core::insights::Link;
use fulcrum_core::people::Person;
use jiff::Timestamp;
use jiff::tz::TimeZone;
use maud::{Markup, html};

query! {
    IncidentsQuery { done }
}

/// A time a form gave as the lead's wall clock (`2026-03-02T14:05` from a datetime field).
fn when(
    form: &Fields,
    name: &str,
    label: &str,
    tz: &TimeZone,
    now: Timestamp,
) -> Result<Option<Timestamp>, Failure> {
    form.get(name)
        .map(|t| {
            fulcrum_app::manual::parse_at(&t, now, tz).map_err(|_| {
                Failure::bad_request(format!(
                    "{label} = {t:?}: give a date and time such as 2026-03-02 14:05"
                ))
            })
        })
        .transpose()
}

async fn zone(s: &AppState) -> Result<TimeZone, Failure> {
    Ok(fulcrum_app::profile::require(s.store.as_ref()).await?.tz())
}

fn hours_text(h: Option<f64>) -> String {
    match h {
        None => "open".into(),
        Some(h) if h < 48.0 => format!("{h:.1} h"),
        Some(h) => format!("{:.1} days", h / 24.0),
    }
}

fn state_badge(state: PostmortemState) -> Markup {
    let class = match state {
        PostmortemState::Written => "badge status-done",
        PostmortemState::Draft => "badge status-draft",
        PostmortemState::None => "badge status-cancelled",
    };
    let text = match state {
        PostmortemState::Written => "written",
        PostmortemState::Draft => "draft",
        PostmortemState::None => "no postmortem",
    };
    html! { span class=(class) data-postmortem=(state.as_str()) { (text) } }
}

fn local(t: Timestamp, tz: &TimeZone) -> String {
    pm::local_time(t, tz)
}

fn roles(i: &Incident, name: &dyn Fn(i64) -> String) -> Markup {
    html! {
        @if let Some(o) = i.owner { span.role data-role="owner" { "Owner " strong { (name(o)) } } " " }
        @if !i.solvers.is_empty() {
            span.role data-role="solvers" { "Solvers " strong { (i.solvers.iter().map(|p| name(*p)).collect::<Vec<_>>().join(", ")) } } " "
        }
        @if let Some(c) = i.communicator { span.role data-role="communicator" { "Communicator " strong { (name(c)) } } }
        @if i.owner.is_none() && i.solvers.is_empty() && i.communicator.is_none() { span.muted { "no roles yet" } }
    }
}

/// `GET /incidents`
pub async fn page(State(s): State<AppState>, Query(q): Query<IncidentsQuery>) -> Response {
    let notices: Vec<Notice> = done_notice(q.done.as_deref()).into_iter().collect();
    render(s, StatusCode::OK, notices).await
}

async fn render(s: AppState, status: StatusCode, notices: Vec<Notice>) -> Response {
    let now = cache::now(&s.clock);
    let loaded = async {
        let lines = delivery::list_incidents(s.store.as_ref()).await?;
        let load =
            incidents::oncall_load(s.store.as_ref(), &s.rules, fulcrum_core::oncall::WEEKS, now)
                .await?;
        let people = s
            .store
            .people()
            .await
            .map_err(fulcrum_app::AppError::from)?;
        let tz = zone(&s).await?;
        Ok::<_, Failure>((lines, load, people, tz))
    }
    .await;
    let (lines, load, people, tz) = match loaded {
        Ok(l) => l,
        Err(f) => return layout::failure_page(&s, Nav::Technical, &f),
    };
    let name = |id: i64| {
        people
            .iter()
            .find(|p| p.id == id)
            .map_or_else(|| format!("#{id}"), |p| p.name.clone())
    };
    let coach = crate::components::insights::for_records(&s, "/incidents", |l| {
        matches!(l, Link::Incident { .. })
    })
    .await;
    let body = html! {
        (technical::sub_nav(technical::Sub::Incidents))
        div.page-head {
            (page_title("Incidents", html! {
                "What broke, who handled it, and what was learnt. Each incident gets roles, a timeline and a blameless postmortem "
                "whose actions are tracked to done; " code { "fulcrum incident …" } " does the same from the terminal."
            }))
        }
        (coach)
        (card("incident-list", "The register", lines.len(), incident_table(&lines, &name, &tz)))
        section.card #oncall-card {
            (charts::oncall_bars(&load.loads, load.weeks))
            @if let Some(u) = &load.uneven {
                p.attention #oncall-uneven { (u) " carries more than half of the out-of-hours load: spread the rotation, and make sure the time is compensated." }
            }
        }
        section.card #new-incident-card {
            (adding_form(&s, ("new-incident-title", "Log an incident"), ("new-incident", "/incidents/new"), html! {
                (wide_form_field("incident-title", "What broke", html! {
                    input #incident-title type="text" name="title" required placeholder="e.g. Checkout down for card payments";
                }))
                (form_field("incident-severity", "Severity", severity_select("incident-severity", 2)))
                (form_field("incident-started", "Started", html! { input #incident-started type="datetime-local" name="started" required; }))
                (form_field("incident-resolved", "Resolved (leave blank while open)", html! { input #incident-resolved type="datetime-local" name="resolved"; }))
                (form_field("incident-deploy", "Caused by the deployment of (commit)", html! { input #incident-deploy type="text" name="deploy" placeholder="abbreviated hash"; }))
            }, "Log the incident"))
        }
    };
    respond(
        status,
        frame(&s, "Incidents", Nav::Technical, &notices, body),
    )
}

fn incident_table(lines: &[IncidentLine], name: &dyn Fn(i64) -> String, tz: &TimeZone) -> Markup {
    html! {
        @if lines.is_empty() {
            p.muted #no-incidents { "No incidents logged. Log the next one below, while it is fresh." }
        } @else {
            table #incidents-table {
                thead { tr {
                    th.num scope="col" { "#" } th scope="col" { "Incident" } th scope="col" { "Severity" }
                    th scope="col" { "Started" } th scope="col" { "Duration" } th scope="col" { "Roles" }
                    th scope="col" { "Postmortem" } th.num scope="col" { "Open actions" }
                } }
                tbody {
                    @for l in lines {
                        @let i = &l.incident.record;
                        tr.incident data-id=(l.incident.id) data-severity=(i.severity) data-open-actions=(i.open_actions()) {
                            td.num { (l.incident.id) }
                            td { a href=(format!("/incidents/{}", l.incident.id)) { (i.title) } }
                            td { span class=(format!("badge severity-{}", i.severity)) { "S" (i.severity) } }
                            td { (local(i.started, tz)) }
                            td { (hours_text(l.restore_hours)) }
                            td { (roles(i, name)) }
                            td { (state_badge(i.postmortem_state())) }
                            td.num { (i.open_actions()) }
                        }
                    }
                }
            }
        }
    }
}

fn severity_select(id: &str, selected: u8) -> Markup {
    html! {
        select #(id) name="severity" {
            @for (n, what) in [(1, "1 — down for everyone"), (2, "2 — a core flow degraded"), (3, "3 — a subset of users"), (4, "4 — a nuisance")] {
                option value=(n) selected[n == selected] { (what) }
            }
        }
    }
}

/// `POST /incidents/new`: to the new incident.
async fn add(s: AppState, form: Fields) -> Result<i64, Failure> {
    let now = cache::now(&s.clock);
    let tz = zone(&s).await?;
    let new = NewIncident {
        title: form.get("title").unwrap_or_default(),
        severity: form.number("severity", "severity")?.unwrap_or(0),
        started: when(&form, "started", "started", &tz, now)?
            .ok_or_else(|| Failure::bad_request("started: say when the incident began"))?,
        resolved: when(&form, "resolved", "resolved", &tz, now)?,
        deploy: form.get("deploy"),
    };
    Ok(delivery::add_incident(s.store.as_ref(), new).await?.id)
}

record::record_page!(IncidentPage: i64, Nav::Technical, "incident" listed on "Incidents", "/incidents", show_render);

/// `GET /incidents/{id}/postmortem.md`: the postmortem (or its template) as a file.
async fn markdown(State(s): State<AppState>, Path(raw): Path<String>) -> Response {
    let got = async {
        let id = IncidentPage::id_of(&raw)?;
        Ok::<_, Failure>((
            id,
            incidents::postmortem_markdown(s.store.as_ref(), id).await?,
        ))
    }
    .await;
    match got {
        Ok((id, md)) => super::download(
            md,
            "text/markdown; charset=utf-8",
            &format!("postmortem-{id}.md"),
        ),
        Err(f) => layout::failure_page(&s, Nav::Technical, &f),
    }
}

async fn show_render(s: &AppState, id: i64, status: StatusCode, notices: Vec<Notice>) -> Response {
    let loaded = async {
        let v = delivery::incident(s.store.as_ref(), id).await?;
        let md = incidents::postmortem_markdown(s.store.as_ref(), id).await?;
        let people = s
            .store
            .people()
            .await
            .map_err(fulcrum_app::AppError::from)?;
        let tz = zone(s).await?;
        Ok::<_, Failure>((v, md, people, tz))
    }
    .await;
    let (v, md, people, tz) = match loaded {
        Ok(l) => l,
        Err(f) => return layout::failure_page(s, Nav::Technical, &f),
    };
    let people: Vec<Person> = people
        .into_iter()
        .filter(|p| !p.archived || v.names.contains_key(&p.id))
        .collect();
    let i = &v.incident.record;
    let name = |id: i64| {
        v.names
            .get(&id)
            .cloned()
            .unwrap_or_else(|| format!("#{id}"))
    };
    let base = format!("/incidents/{id}");
    let coach = crate::components::insights::for_records(
        s,
        &base,
        |l| matches!(l, Link::Incident { id: i } if *i == id),
    )
    .await;
    let body = html! {
        (technical::sub_nav(technical::Sub::Incidents))
        div.page-head {
            div {
                h1 #incident-head data-id=(id) data-severity=(i.severity) data-postmortem=(i.postmortem_state().as_str()) {
                    span.sub { "Incident " (id) } " " (i.title)
                }
                p.meta {
                    span class=(format!("badge severity-{}", i.severity)) { "S" (i.severity) }
                    " · started " (local(i.started, &tz))
                    @match i.resolved {
                        Some(r) => { " · resolved " (local(r, &tz)) " (" (hours_text(v.restore_hours)) ")" },
                        None => { " · " span.badge.step-overdue { "still open" } },
                    }
                    @if let Some(c) = &i.deploy { " · caused by the deployment of " code { (&c[..c.len().min(10)]) } }
                    " · " (state_badge(i.postmortem_state()))
                    " · " a href="/incidents" { "All incidents" }
                }
                p #incident-roles { (roles(i, &name)) }
                @for r in &v.foreseen_by {
                    p.foreseen data-risk=(r.id) {
                        "Foreseen as a risk: " a href=(format!("/risks/{}", r.id)) { (r.statement) }
                    }
                }
            }
        }
        (coach)
        div.grid.forms {
            (roles_form(s, &base, i, &people, &tz))
            (timeline_card(s, &base, i, &name, &people, &tz))
        }
        (actions_card(s, &base, &v, &name, &people))
        section.card #postmortem-view {
            h2 { "Postmortem" }
            p.muted { "Blameless: it asks what in the system let this happen, not who. "
                a #postmortem-download href=(format!("{base}/postmortem.md")) { "Download as Markdown" }
                ", or edit it in a file with " code { "fulcrum incident postmortem " (id) " --file FILE" } "." }
            @match &i.postmortem {
                None => p.muted #no-postmortem { "Not written yet: fill in the sections below, within two days of the incident while it is fresh." },
                Some(p) => (rendered(p, i, &name, &tz)),
            }
            details #postmortem-markdown { summary { "The Markdown" } pre { code { (md) } } }
        }
        (postmortem_form(s, &base, i))
    };
    respond(
        status,
        frame(
            s,
            &format!("Incident {id}: {}", i.title),
            Nav::Technical,
            &notices,
            body,
        ),
    )
}

fn person_options(people: &[Person], selected: Option<i64>) -> Markup {
    html! {
        option value="" { "— nobody —" }
        @for p in people { option value=(p.id) selected[selected == Some(p.id)] { (p.name) } }
    }
}

fn datetime_value(t: Option<Timestamp>, tz: &TimeZone) -> String {
    t.map(|t| {
        t.to_zoned_datetime(tz.clone())
            .strftime("%Y-%m-%dT%H:%M")
            .to_string()
    })
    .unwrap_or_default()
}

fn roles_form(s: &AppState, base: &str, i: &Incident, people: &[Person], tz: &TimeZone) -> Markup {
    html! {
        section.card #roles-card {
            h2 { "Roles" }
            (posting_form(s, ("roles-form", &format!("{base}/roles")), html! {
                (form_field("role-owner", "Owner (leads the response and the postmortem)", html! { select #role-owner name="owner" { (person_options(people, i.owner)) } }))
                (form_field("role-communicator", "Communicator", html! { select #role-communicator name="communicator" { (person_options(people, i.communicator)) } }))
                div.field.wide {
                    span.label { "Solvers" }
                    @for p in people {
                        label.check { input type="checkbox" name="solver" value=(p.id) checked[i.solvers.contains(&p.id)]; " " (p.name) }
                    }
                }
                (form_field("role-severity", "Severity", severity_select("role-severity", i.severity)))
                (form_field("role-resolved", "Resolved", html! { input #role-resolved type="datetime-local" name="resolved" value=(datetime_value(i.resolved, tz)); }))
            }, "Save the roles"))
        }
    }
}

fn timeline_card(
    s: &AppState,
    base: &str,
    i: &Incident,
    name: &dyn Fn(i64) -> String,
    people: &[Person],
    tz: &TimeZone,
) -> Markup {
    html! {
        section.card #timeline-card data-count=(i.timeline.len()) {
            h2 { "Timeline" }
            @if i.timeline.is_empty() {
                p.muted #no-timeline { "No entries yet: note what happened and what was done, with the time." }
            } @else {
                ol.timeline #timeline {
                    @for e in &i.timeline {
                        li.timeline-entry data-at=(e.at.to_string()) {
                            time datetime=(e.at.to_string()) { (local(e.at, tz)) } " " (e.text)
                            @if let Some(b) = e.by { " " span.muted { "(" (name(b)) ")" } }
                        }
                    }
                }
            }
            form #timeline-form method="post" action=(format!("{base}/timeline")) {
                (csrf_field(s))
                div.fields {
                    (wide_form_field("timeline-text", "What happened", html! { input #timeline-text type="text" name="text" required placeholder="e.g. Rolled back the release"; }))
                    (form_field("timeline-at", "When (blank: now)", html! { input #timeline-at type="datetime-local" name="at"; }))
                    (form_field("timeline-by", "Who", html! { select #timeline-by name="by" { (person_options(people, None)) } }))
                }
                button.btn type="submit" #timeline-form-submit { "Add to the timeline" }
            }
        }
    }
}

fn actions_card(
    s: &AppState,
    base: &str,
    v: &IncidentView,
    name: &dyn Fn(i64) -> String,
    people: &[Person],
) -> Markup {
    let actions: Vec<_> = v
        .incident
        .record
        .postmortem
        .iter()
        .flat_map(|p| &p.actions)
        .collect();
    html! {
        section.card #actions-card data-count=(actions.len()) {
            h2 { "Actions" }
            @if actions.is_empty() {
                p.muted #no-actions { "No actions yet. Give each one an owner and a date; a priority one is due four weeks after the resolution unless you say otherwise." }
            } @else {
                ul.plain-list #actions {
                    @for (n, (a, due)) in actions.iter().zip(&v.actions_due).enumerate() {
                        li.action data-n=(n + 1) data-done=(a.done_on.is_some()) data-due=[due.map(|d| d.to_string())] {
                            @if a.done_on.is_some() { del { (a.text) } } @else { (a.text) }
                            @if a.priority { " " span.badge.status-draft { "priority" } }
                            @if let Some(o) = a.owner { " · " (name(o)) }
                            @match (a.done_on, due) {
                                (Some(d), _) => { " · done " (fmt::day(d)) },
                                (None, Some(d)) => { " · due " (fmt::day(*d)) },
                                (None, None) => { " · " span.muted { "no date" } },
                            }
                            form.inline-form method="post" action=(format!("{base}/action-done")) {
                                (csrf_field(s))
                                input type="hidden" name="n" value=(n + 1);
                                @if a.done_on.is_some() {
                                    input type="hidden" name="undo" value="1";
                                    button.btn.small type="submit" data-action-undo=(n + 1) { "Open again" }
                                } @else {
                                    button.btn.small type="submit" data-action-done=(n + 1) { "Done" }
                                }
                            }
                        }
                    }
                }
            }
            form #action-form method="post" action=(format!("{base}/actions")) {
                (csrf_field(s))
                div.fields {
                    (wide_form_field("action-text", "Action", html! { input #action-text type="text" name="text" required placeholder="e.g. Alert on the payment error rate"; }))
                    (form_field("action-owner", "Owner", html! { select #action-owner name="owner" { (person_options(people, None)) } }))
                    (form_field("action-due", "Due", html! { input #action-due type="date" name="due"; }))
                    div.field { label.check { input #action-priority type="checkbox" name="priority" value="1"; " Priority: keeps it from happening again" } }
                }
                button.btn type="submit" #action-form-submit { "Add the action" }
            }
        }
    }
}

/// The postmortem as a reader sees it: each written section, lists as lists.
fn rendered(p: &Postmortem, i: &Incident, name: &dyn Fn(i64) -> String, tz: &TimeZone) -> Markup {
    let prose = |id: &str, title: &str, text: &str| {
        html! {
            @if !text.trim().is_empty() {
                section.pm-section data-section=(id) {
                    h3 { (title) }
                    @for para in text.trim().split("\n\n") { p.prose { (para) } }
                }
            }
        }
    };
    let list = |id: &str, title: &str, items: &[String]| {
        html! {
            @if !items.is_empty() {
                section.pm-section data-section=(id) { h3 { (title) } ul { @for x in items { li { (x) } } } }
            }
        }
    };
    let timeline = if p.timeline.trim().is_empty() {
        pm::timeline_from_entries(i, name, tz)
    } else {
        p.timeline.clone()
    };
    html! {
        div #postmortem-rendered data-state=(p.state().as_str()) {
            (prose("summary", "Summary", &p.summary))
            (prose("impact", "Impact", &p.impact))
            (prose("detection", "Detection", &p.detection))
            (prose("response", "Response", &p.response))
            (prose("recovery", "Recovery", &p.recovery))
            @if !timeline.trim().is_empty() {
                section.pm-section data-section="timeline" {
                    h3 { "Timeline" }
                    ul { @for l in timeline.lines().map(|l| l.trim().trim_start_matches("- ")).filter(|l| !l.is_empty()) { li { (l) } } }
                }
            }
            (list("contributing_factors", "Contributing factors", &p.contributing_factors))
            (list("went_well", "What went well", &p.went_well))
        }
    }
}

/// The field name and current text of each section of the form (actions are their own card).
fn section_values(p: &Postmortem) -> [(&'static str, String); 8] {
    let lines = |items: &[String]| items.join("\n");
    [
        ("summary", p.summary.clone()),
        ("impact", p.impact.clone()),
        ("detection", p.detection.clone()),
        ("response", p.response.clone()),
        ("recovery", p.recovery.clone()),
        ("timeline", p.timeline.clone()),
        ("contributing_factors", lines(&p.contributing_factors)),
        ("went_well", lines(&p.went_well)),
    ]
}

fn postmortem_form(s: &AppState, base: &str, i: &Incident) -> Markup {
    let blank = Postmortem::default();
    let p = i.postmortem.as_ref().unwrap_or(&blank);
    html! {
        section.card #postmortem-card {
            h2 { "Write the postmortem" }
            (posting_form(s, ("postmortem-form", &format!("{base}/postmortem")), html! {
                @for ((field, value), (heading, asks)) in section_values(p).into_iter().zip(SECTIONS) {
                    @let id = format!("pm-{field}");
                    (wide_form_field(&id, heading, html! {
                        textarea id=(id) name=(field) rows=(if field == "summary" { 3 } else { 4 }) placeholder=(asks) { (value) }
                    }))
                }
            }, "Save the postmortem"))
        }
    }
}

async fn set_roles(s: AppState, id: i64, form: Fields) -> Done {
    let now = cache::now(&s.clock);
    let tz = zone(&s).await?;
    let edit = IncidentEdit {
        owner: Some(form.get("owner").unwrap_or_default()),
        solvers: Some(form.all("solver")),
        communicator: Some(form.get("communicator").unwrap_or_default()),
        severity: form.number("severity", "severity")?,
        resolved: when(&form, "resolved", "resolved", &tz, now)?,
        title: None,
    };
    incidents::edit(s.store.as_ref(), id, edit).await?;
    Ok("incident-saved")
}

async fn add_entry(s: AppState, id: i64, form: Fields) -> Done {
    let now = cache::now(&s.clock);
    let tz = zone(&s).await?;
    let at = when(&form, "at", "when", &tz, now)?;
    let by = form.get("by");
    let text = form.get("text").unwrap_or_default();
    incidents::add_timeline(s.store.as_ref(), id, &text, at, by.as_deref(), now).await?;
    Ok("timeline-added")
}

async fn save_postmortem(s: AppState, id: i64, form: Fields) -> Done {
    let now = cache::now(&s.clock);
    let text = |name: &str| {
        form.raw(name)
            .unwrap_or_default()
            .trim()
            .replace("\r\n", "\n")
    };
    let sections = Postmortem {
        summary: text("summary"),
        impact: text("impact"),
        detection: text("detection"),
        response: text("response"),
        recovery: text("recovery"),
        timeline: text("timeline"),
        contributing_factors: form.items("contributing_factors", '\n'),
        went_well: form.items("went_well", '\n'),
        actions: vec![],
    };
    incidents::save_postmortem_sections(s.store.as_ref(), id, sections, now).await?;
    Ok("postmortem-saved")
}

async fn add_action(s: AppState, id: i64, form: Fields) -> Done {
    let new = NewAction {
        text: form.get("text").unwrap_or_default(),
        owner: form.get("owner"),
        due: form.date("due")?,
        priority: form.checked("priority"),
    };
    incidents::add_action(s.store.as_ref(), id, new).await?;
    Ok("action-added")
}

async fn action_done(s: AppState, id: i64, form: Fields) -> Done {
    let now = cache::now(&s.clock);
    let n: usize = form
        .number("n", "the action")?
        .ok_or_else(|| Failure::bad_request("which action? The form did not say."))?;
    let undo = form.checked("undo");
    incidents::set_action_done(s.store.as_ref(), id, n, !undo, now).await?;
    Ok(if undo {
        "action-reopened"
    } else {
        "action-done"
    })
}

/// The routes of the incident pages and their forms.
pub(super) fn routes() -> axum::Router<AppState> {
    use axum::routing::get;
    axum::Router::new()
        .route("/incidents", get(page))
        .route(
            "/incidents/new",
            record::add(IncidentPage, "incident-added", render, add),
        )
        .route("/incidents/{id}", record::show(IncidentPage))
        .route("/incidents/{id}/postmortem.md", get(markdown))
        .merge(record::record_forms!(IncidentPage, "/incidents/{id}", {
            "roles" => set_roles,
            "timeline" => add_entry,
            "postmortem" => save_postmortem,
            "actions" => add_action,
            "action-done" => action_done,
        }))
}

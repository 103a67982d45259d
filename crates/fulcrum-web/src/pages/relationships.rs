//! `/relationships`: who is due a contact (most overdue first), the commitments log with its
//! nudges, and preparation for stakeholder conversations (reframe, relate, reinforce).

use super::people::{
    Here, Sub, active_people, head, here, load, markdown, person_select, plural, slug,
};
use super::{Fields, done_notice, see_other};
use crate::components::{
    card, change_commitment, commitment_actions, contact_form, form_field, new_interaction,
    wide_form_field,
};
use crate::extract::CheckedForm;
use crate::layout::{self, Nav, Notice, csrf_field, frame, respond};
use crate::{AppState, Failure, fmt};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use fulcrum_app::relationships::{self, NewCommitment, NewPrep, Overview};
use fulcrum_core::people::Person;
use fulcrum_core::relationships::PREP_PARTS;
use jiff::civil::Date;
use maud::{Markup, html};

query! {
    /// `person`: preselects the person of the prep form.
    RelationshipsQuery { done, person }
}

/// `GET /relationships`
pub async fn page(State(s): State<AppState>, Query(q): Query<RelationshipsQuery>) -> Response {
    let notices: Vec<Notice> = done_notice(q.done.as_deref()).into_iter().collect();
    let person = q.person.as_deref().and_then(|p| p.trim().parse().ok());
    render(&s, StatusCode::OK, notices, person, None).await
}

async fn render(
    s: &AppState,
    status: StatusCode,
    notices: Vec<Notice>,
    person: Option<i64>,
    typed: Option<&Fields>,
) -> Response {
    let overview = async |h: &Here| Ok(relationships::overview(s.store.as_ref(), h.now).await?);
    let (h, o) = match load(s, overview).await {
        Ok(x) => x,
        Err(page) => return page,
    };
    let people = active_people(s).await;
    let coach =
        crate::components::insights::for_page(s, &["relationships"], "/relationships").await;
    let body = html! {
        (head(Sub::Relationships))
        (coach)
        (contacts(s, &o, h.today, typed))
        (commitments(s, &o, &people, h.today, typed))
        (preps(s, &o, &people, person, form_of(typed, "prep")))
    };
    respond(
        status,
        frame(s, "Relationships", Nav::People, &notices, body),
    )
}

fn contacts(s: &AppState, o: &Overview, today: Date, typed: Option<&Fields>) -> Markup {
    let due = o
        .contacts
        .iter()
        .filter(|c| c.overdue_days.is_some())
        .count();
    html! {
        section.card #contacts aria-labelledby="contacts-title" data-due=(due) data-count=(o.contacts.len()) {
            h2 #contacts-title { "Keeping in touch " @if due > 0 { span.badge.failed { (due) " due" } } }
            @if o.contacts.is_empty() {
                p.muted { "Nobody yet: " a href="/people" { "add the people you work with" } "." }
            } @else {
                ul.inbox-items {
                    @for c in &o.contacts {
                        li.inbox-item.overdue[c.overdue_days.is_some_and(|d| d > 0)] data-person-id=(c.person_id)
                            data-overdue-days=(c.overdue_days.map(|d| d.to_string()).unwrap_or_default()) {
                            div.item-main {
                                span.item-text { a href=(format!("/people/{}#contact", c.person_id)) { (c.name) } }
                                span.item-meta {
                                    @match c.last_contact {
                                        Some(d) => { "last in touch " (fmt::day(d)) @if let Some(src) = c.source { " (" (src) ")" } }
                                        None => "no contact seen yet",
                                    }
                                    " · every " (plural(c.cadence_days, "day", "days"))
                                    @match c.overdue_days {
                                        Some(0) => { " · " span.needed.overdue { "due now" } }
                                        Some(d) => { " · " span.needed.overdue { (plural(d, "day", "days")) " overdue" } }
                                        None => { @if let Some(d) = c.due_on { " · next by " (fmt::day(d)) } }
                                    }
                                }
                            }
                            @let refused = typed
                                .filter(|t| t.raw("form") == Some("contact") && t.raw("person") == Some(c.person_id.to_string().as_str()));
                            details.drop open[refused.is_some()] {
                                summary.btn.small { "Log a contact" }
                                (contact_form(s, &format!("/relationships/contact?person={}", c.person_id), today,
                                    &format!("p{}", c.person_id), false, refused))
                            }
                        }
                    }
                }
            }
        }
    }
}

fn commitments(
    s: &AppState,
    o: &Overview,
    people: &[Person],
    today: Date,
    typed: Option<&Fields>,
) -> Markup {
    let added = form_of(typed, "commitment");
    let v = |n: &str| added.and_then(|f| f.raw(n)).unwrap_or("").to_string();
    html! {
        section.card #commitments aria-labelledby="commitments-title" data-count=(o.commitments.len()) {
            h2 #commitments-title { "Commitments " span.count { (o.commitments.len()) } }
            p.hint { "“I'll get back to you by Friday.” Tell them where it stands before they have to ask." }
            @if o.commitments.is_empty() {
                p.muted { "No open promises." }
            } @else {
                ul.inbox-items {
                    @for l in &o.commitments {
                        @let c = &l.commitment;
                        li.inbox-item.overdue[l.days_left < 0] data-commitment-id=(c.id) data-days-left=(l.days_left)
                            data-nudge=(l.nudge.as_ref().map(|n| n.kind.as_str()).unwrap_or("")) {
                            div.item-main {
                                span.item-text { (c.what) }
                                span.item-meta {
                                    "to "
                                    @match c.person_id {
                                        Some(id) => a href=(format!("/people/{id}#commitments")) { (c.to) },
                                        None => (c.to),
                                    }
                                    " · promised " (fmt::day(c.made_on)) " · due " (fmt::day(c.due))
                                    @if l.days_left >= 0 { " (in " (plural(l.days_left, "day", "days")) ")" }
                                    @if let Some(d) = c.last_update_on { " · last told them " (fmt::day(d)) }
                                }
                                @if let Some(n) = &l.nudge {
                                    span.item-meta.nudge data-nudge=(n.kind.as_str()) {
                                        span class=(format!("kind kind-{}", n.kind.as_str())) { (n.kind) } " " (n.message)
                                    }
                                }
                            }
                            (commitment_actions(s, "/relationships/commitments", c.id, false, typed))
                        }
                    }
                }
            }
            form #add-commitment method="post" action="/relationships/commitments" {
                (csrf_field(s))
                input type="hidden" name="form" value="commitment";
                div.fields {
                    (form_field("commitment-to", "To", html! {
                        input #commitment-to type="text" name="to" required list="people-names" value=(v("to"))
                            placeholder="a name, or someone else";
                        datalist #people-names { @for p in people { option value=(p.name) {} } }
                    }))
                    (form_field("commitment-due", "By", html! {
                        input #commitment-due type="date" name="due" required min=(today.to_string()) value=(v("due"));
                    }))
                    (wide_form_field("commitment-what", "What you promised", html! {
                        input #commitment-what type="text" name="what" required value=(v("what"))
                            placeholder="get back on the hiring budget";
                    }))
                }
                button.btn.primary #add-commitment-submit type="submit" { "Note the promise" }
            }
        }
    }
}

fn preps(
    s: &AppState,
    o: &Overview,
    people: &[Person],
    person: Option<i64>,
    typed: Option<&Fields>,
) -> Markup {
    let v = |n: &str| typed.and_then(|f| f.raw(n)).unwrap_or("").to_string();
    let person = person.or(typed
        .and_then(|f| f.get("person"))
        .and_then(|p| p.parse().ok()));
    html! {
        (card("preps", "Stakeholder conversations", o.preps.len(), html! {
            @if o.preps.is_empty() {
                p.muted { "No preparation notes yet." }
            } @else {
                ul.plain.preps {
                    @for sheet in &o.preps {
                        @let p = &sheet.prep;
                        li.prep data-prep-id=(p.id) data-gaps=(sheet.gaps.len()) {
                            div.prep-head {
                                strong { (p.topic) } " — with "
                                a href=(format!("/people/{}", sheet.person.id)) { (sheet.person.name) }
                                @if let Some(d) = p.meeting_on { " · " (fmt::day(d)) }
                                " · " a.prep-md href=(format!("/relationships/prep/{}.md", p.id)) download { "Markdown" }
                            }
                            dl.prep-parts {
                                @for ((field, label, question), value) in PREP_PARTS.iter().zip([&p.reframe, &p.relate, &p.reinforce]) {
                                    div data-part=(field) {
                                        dt { (label) }
                                        dd {
                                            @match value {
                                                Some(v) => (v),
                                                None => span.muted { "not thought through yet: " (question) },
                                            }
                                        }
                                    }
                                }
                            }
                            @if !sheet.open_commitments.is_empty() {
                                p.hint { "Open promises to them: "
                                    (sheet.open_commitments.iter().map(|c| c.what.clone()).collect::<Vec<_>>().join("; ")) }
                            }
                        }
                    }
                }
            }
            h3 #add-prep { "Prepare a conversation" }
            form #add-prep-form method="post" action="/relationships/preps" {
                (csrf_field(s))
                input type="hidden" name="form" value="prep";
                div.fields {
                    (form_field("prep-person", "With", html! {
                        (person_select("prep-person", "person", people, person, "— choose —", true))
                    }))
                    (form_field("prep-date", "Meeting on", html! {
                        input #prep-date type="date" name="meeting_on" value=(v("meeting_on"));
                    }))
                    (wide_form_field("prep-topic", "About", html! {
                        input #prep-topic type="text" name="topic" required value=(v("topic"))
                            placeholder="moving the billing service to the new queue";
                    }))
                    @for (field, label, question) in PREP_PARTS {
                        div.field.wide {
                            label for=(format!("prep-{field}")) { (label) span.prompt { (question) } }
                            textarea id=(format!("prep-{field}")) name=(field) rows="2" { (v(field)) }
                        }
                    }
                }
                button.btn.primary #add-prep-submit type="submit" { "Save the preparation" }
            }
        }))
    }
}

/// What a refused form sent when it was `form` (a form that does not say counts as any).
fn form_of<'a>(typed: Option<&'a Fields>, form: &str) -> Option<&'a Fields> {
    typed.filter(|t| t.raw("form").is_none_or(|f| f == form))
}

async fn after(s: &AppState, result: Result<&str, Failure>, typed: Option<&Fields>) -> Response {
    match result {
        Ok(code) => {
            s.changed();
            see_other(&format!("/relationships?done={code}"))
        }
        Err(f) => render(s, f.status, vec![Notice::Failed(f.message)], None, typed).await,
    }
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct ContactQuery {
    pub person: Option<String>,
}

/// `POST /relationships/contact?person=ID`: `kind`, `on`, `note`.
pub async fn log_contact(
    State(s): State<AppState>,
    Query(q): Query<ContactQuery>,
    CheckedForm(f): CheckedForm,
) -> Response {
    let result = async {
        let h = here(&s).await?;
        let id = q
            .person
            .as_deref()
            .or(f.raw("person"))
            .and_then(|p| p.trim().parse::<i64>().ok())
            .ok_or_else(|| Failure::bad_request("with whom? The form did not say."))?;
        relationships::log_contact(s.store.as_ref(), new_interaction(&f, id)?, h.now).await?;
        Ok("contact-logged")
    }
    .await;
    // The person comes in the address: keep it with what was typed, to show it again.
    let mut typed = f.clone();
    if let Some(p) = q.person.as_deref() {
        typed.0.retain(|(k, _)| k != "person");
        typed.0.push(("person".into(), p.trim().to_string()));
    }
    after(&s, result, Some(&typed)).await
}

/// `POST /relationships/commitments`: `to` (a person's name or id, or anyone's name), `what`,
/// `due`.
pub async fn add_commitment(State(s): State<AppState>, CheckedForm(f): CheckedForm) -> Response {
    let result = async {
        let h = here(&s).await?;
        let due = f
            .date("due")?
            .ok_or_else(|| Failure::bad_request("say by when you promised it (due)"))?;
        let new = NewCommitment {
            to: f.get("to").unwrap_or_default(),
            what: f.get("what").unwrap_or_default(),
            due,
            made_on: f.date("made_on")?,
        };
        relationships::add_commitment(s.store.as_ref(), new, h.now).await?;
        Ok("commitment-added")
    }
    .await;
    after(&s, result, Some(&f)).await
}

/// `POST /relationships/commitments/update`: `commitment`, `note`, `due`.
pub async fn update_commitment(State(s): State<AppState>, CheckedForm(f): CheckedForm) -> Response {
    let result = change_commitment(&s, &f, false).await.map(|c| code(&c));
    after(&s, result, Some(&f)).await
}

/// `POST /relationships/commitments/close`: `commitment`, `status` (done, dropped).
pub async fn close_commitment(State(s): State<AppState>, CheckedForm(f): CheckedForm) -> Response {
    let result = change_commitment(&s, &f, true).await.map(|c| code(&c));
    after(&s, result, None).await
}

/// The `'static` done code for one `change_commitment` answered.
fn code(c: &str) -> &'static str {
    match c {
        "commitment-done" => "commitment-done",
        "commitment-dropped" => "commitment-dropped",
        _ => "commitment-updated",
    }
}

/// `POST /relationships/preps`: `person`, `topic`, `meeting_on`, `reframe`, `relate`,
/// `reinforce`.
pub async fn add_prep(State(s): State<AppState>, CheckedForm(f): CheckedForm) -> Response {
    let result = async {
        let h = here(&s).await?;
        let new = NewPrep {
            person_id: f.person("with whom is the conversation? Choose a person.")?,
            topic: f.get("topic").unwrap_or_default(),
            meeting_on: f.date("meeting_on")?,
            reframe: f.get("reframe"),
            relate: f.get("relate"),
            reinforce: f.get("reinforce"),
        };
        relationships::add_prep(s.store.as_ref(), new, h.now).await?;
        Ok("prep-added")
    }
    .await;
    after(&s, result, Some(&f)).await
}

/// `GET /relationships/prep/{id}.md`
pub async fn prep_markdown(State(s): State<AppState>, Path(file): Path<String>) -> Response {
    let result = async {
        let id: i64 = file
            .strip_suffix(".md")
            .unwrap_or(&file)
            .trim()
            .parse()
            .map_err(|_| {
                Failure::new(
                    StatusCode::NOT_FOUND,
                    format!("there is no prep {file:?}; the Relationships page lists them"),
                )
            })?;
        let h = here(&s).await?;
        let sheet = relationships::prep_sheet(s.store.as_ref(), id, h.now).await?;
        Ok::<_, Failure>((
            relationships::prep_markdown(&sheet),
            format!("prep-{}-{}.md", slug(&sheet.person.name), sheet.prep.id),
        ))
    }
    .await;
    match result {
        Ok((md, name)) => markdown(md, &name),
        Err(f) => layout::failure_page(&s, Nav::People, &f),
    }
}

//! `/delegation`: what could be handed over (recurring solo work at its true cost, delegate-
//! quadrant tasks), the delegations running and what each needs, and the two-week vacation
//! test; `/delegation/new`: who could take a piece of work and the handover form;
//! `/delegation/{id}`: one delegation from draft to handover, check-ins and the two-way
//! follow-up.

use super::people::{
    Here, Sub, flag, head, here, hm, load, plural, query_date, sub_nav, warnings_box,
};
use super::{Fields, chip, done_notice, post_for_id, see_other};
use crate::components::{form_field, wide_form_field};
use crate::extract::CheckedForm;
use crate::layout::{self, Nav, Notice, csrf_field, frame, respond};
use crate::{AppState, Failure, fmt};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use fulcrum_app::delegation::{
    self, Candidates, DelegationEdit, DelegationsView, Line, NewDelegation,
};
use fulcrum_core::Category;
use fulcrum_core::delegation::{
    Candidate, EXPECTATIONS, Expectations, Fit, FollowUp, Outcome, Status, Style, VacationTest,
};
use fulcrum_core::privacy::Privacy;
use maud::{Markup, html};

/// Percent-encodes a query value.
pub fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

query! {
    DelegationQuery { done, all, from }
}

/// `GET /delegation`
pub async fn page(State(s): State<AppState>, Query(q): Query<DelegationQuery>) -> Response {
    let notices: Vec<Notice> = done_notice(q.done.as_deref()).into_iter().collect();
    let everything = async |h: &Here| {
        let view = delegation::list(s.store.as_ref(), true, None, h.now).await?;
        let candidates = delegation::candidates(s.store.as_ref(), &s.rules, h.now).await?;
        let from = query_date(&q.from, "from")?;
        let vacation = delegation::vacation_test(s.store.as_ref(), &s.rules, from, h.now).await?;
        Ok((view, candidates, vacation))
    };
    let (_, (view, candidates, vacation)) = match load(&s, everything).await {
        Ok(x) => x,
        Err(page) => return page,
    };
    let coach = crate::components::insights::for_page(&s, &["delegation"], "/delegation").await;
    let body = html! {
        (head(Sub::Delegation))
        (coach)
        (warnings_box("delegation-warnings", "What the delegations say", &view.warnings,
            "Nothing about your delegations needs attention."))
        (list(&view, flag(&q.all)))
        (candidates_card(&candidates))
        (vacation_card(&vacation))
    };
    respond(
        StatusCode::OK,
        frame(&s, "Delegation", Nav::People, &notices, body),
    )
}

fn line_li(l: &Line) -> Markup {
    let d = &l.delegation;
    html! {
        li.inbox-item.delegation data-delegation-id=(d.id) data-status=(d.status.as_str()) data-missing=(l.missing.len()) {
            div.item-main {
                span.item-text { a href=(format!("/delegation/{}", d.id)) { (d.title) } }
                span.item-meta {
                    span class=(format!("badge status-{}", d.status.as_str())) { (d.status) } " · "
                    a href=(format!("/people/{}#delegations", d.person_id)) { (l.person) } " · " (d.style) " · " (chip(d.category))
                    @if let Some(dl) = d.expectations.deadline { " · due " (fmt::day(dl)) }
                    @if d.is_open() && !l.missing.is_empty() {
                        " · " span.due.overdue { (plural(l.missing.len() as i64, "expectation", "expectations")) " missing" }
                    }
                    @if l.overdue_check_ins > 0 { " · " span.due.overdue { "check-in due" } }
                    @else if let Some(n) = l.next_check_in { " · next check-in " (fmt::day(n)) }
                    @if l.follow_up_due { " · " span.due.overdue { "follow-up due" } }
                    @if let Some(o) = d.outcome { " · outcome " (o) }
                }
            }
        }
    }
}

fn list(v: &DelegationsView, all: bool) -> Markup {
    let (open, closed): (Vec<&Line>, Vec<&Line>) =
        v.items.iter().partition(|l| l.delegation.is_open());
    html! {
        section.card #delegations aria-labelledby="delegations-title" data-open=(open.len()) {
            div.card-head {
                h2 #delegations-title { "Running and in preparation " span.count { (open.len()) } }
                a.btn.small.primary #delegate-new href="/delegation/new" { "Delegate something" }
            }
            @if open.is_empty() {
                p.muted { "Nothing delegated right now. The candidates below are a good place to start." }
            } @else {
                ul.inbox-items #open-delegations { @for l in &open { (line_li(l)) } }
            }
            @if !closed.is_empty() {
                details #closed-delegations open[all] {
                    summary { "Done and cancelled (" (closed.len()) ")" }
                    ul.inbox-items { @for l in &closed { (line_li(l)) } }
                }
            }
        }
    }
}

fn new_link(c: &Candidate) -> String {
    format!(
        "/delegation/new?origin={}&title={}&category={}",
        enc(&c.origin),
        enc(&c.title),
        c.category.as_str()
    )
}

fn candidate_li(c: &Candidate) -> Markup {
    html! {
        li.inbox-item.candidate data-origin=(c.origin) data-weekly-cost=(c.weekly_cost_minutes.map(|m| m.to_string()).unwrap_or_default()) {
            div.item-main {
                span.item-text { (c.title) }
                span.item-meta {
                    (chip(c.category)) " "
                    @match c.weekly_cost_minutes {
                        Some(m) => { strong { (hm(m)) " a week" } " with refocusing · " (plural(c.occurrences, "time", "times")) ", " (hm(c.minutes_each)) " each" }
                        None => { "about " (hm(c.true_cost_minutes)) " with refocusing" }
                    }
                }
                span.item-meta { (c.why) }
            }
            a.btn.small.delegate-this href=(new_link(c)) { "Delegate this" }
        }
    }
}

fn candidates_card(c: &Candidates) -> Markup {
    html! {
        section.card #candidates aria-labelledby="candidates-title" data-count=(c.recurring.len() + c.tasks.len()) {
            h2 #candidates-title { "What you could hand over" }
            h3 { "Recurring work you did alone in the last " (plural(c.weeks, "week", "weeks")) }
            @if c.recurring.is_empty() {
                p.muted { "No recurring solo work in your calendar." }
            } @else {
                ul.inbox-items #recurring-candidates { @for x in &c.recurring { (candidate_li(x)) } }
            }
            h3 { "Tasks in the delegate quadrant" }
            @if c.tasks.is_empty() {
                p.muted { "No urgent-but-not-important tasks waiting. " a href="/tasks" { "Tasks" } }
            } @else {
                ul.inbox-items #task-candidates { @for x in &c.tasks { (candidate_li(x)) } }
            }
        }
    }
}

fn vacation_card(v: &VacationTest) -> Markup {
    html! {
        section.card #vacation-test aria-labelledby="vacation-title" data-passes=(v.passes) data-items=(v.items.len()) {
            h2 #vacation-title { "The vacation test" }
            p.hint { "If you were away from " (fmt::day(v.from)) " to " (fmt::day(v.to)) ", what would stop?" }
            p class=(if v.passes { "all-good" } else { "field-error" }) { (v.summary) }
            @if !v.items.is_empty() {
                ul.plain {
                    @for i in &v.items {
                        li data-kind=(i.kind.as_str()) {
                            span class=(format!("kind kind-{}", i.kind.as_str())) { (i.kind) } " "
                            strong { (i.what) }
                            @if i.times > 1 { " ×" (i.times) }
                            " — " span.next { (i.why) }
                        }
                    }
                }
            }
        }
    }
}

query! {
    NewQuery { title, category, origin, person }
}

fn category_of(v: Option<&str>) -> Result<Option<Category>, Failure> {
    match v.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(c) => {
            c.parse::<Category>()
                .map(Some)
                .map_err(|e: fulcrum_core::category::UnknownCategory| {
                    Failure::bad_request(e.to_string())
                })
        }
    }
}

/// `GET /delegation/new?title=…&category=…&origin=…&person=…`
pub async fn new_page(State(s): State<AppState>, Query(q): Query<NewQuery>) -> Response {
    let typed = Fields(
        [
            ("title", &q.title),
            ("category", &q.category),
            ("origin", &q.origin),
            ("person", &q.person),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.clone().map(|v| (k.to_string(), v)))
        .collect(),
    );
    new_render(&s, StatusCode::OK, Vec::new(), &typed).await
}

fn expectation_value(e: &Expectations, field: &str) -> String {
    match field {
        "specific" => e.specific.clone(),
        "measurable" => e.measurable.clone(),
        "achievable" => e.achievable.clone(),
        "relevant" => e.relevant.clone(),
        "time-bound" => e.deadline.map(|d| d.to_string()),
        "trackable" => e.trackable.clone(),
        _ => None,
    }
    .unwrap_or_default()
}

/// The six expectations as fields, with their questions.
fn expectation_fields(values: &dyn Fn(&str) -> String, today: jiff::civil::Date) -> Markup {
    html! {
        @for (field, label, question) in EXPECTATIONS {
            @if field == "time-bound" {
                div.field.expectation data-expectation=(field) {
                    label for="exp-deadline" { (label) span.prompt { (question) } }
                    input #exp-deadline type="date" name="deadline" value=(values(field)) min=(today.to_string());
                }
            } @else {
                div.field.wide.expectation data-expectation=(field) {
                    label for=(format!("exp-{field}")) { (label) span.prompt { (question) } }
                    textarea id=(format!("exp-{field}")) name=(field) rows="2" { (values(field)) }
                }
            }
        }
    }
}

fn style_choice(selected: Option<Style>, with_suggested: bool) -> Markup {
    html! {
        fieldset.field.wide.styles {
            legend { "Style: how much direction you give" }
            @if with_suggested {
                span.choice.block {
                    input type="radio" name="style" value="" id="style-suggested" checked[selected.is_none()];
                    label for="style-suggested" { "what their history suggests" }
                }
            }
            @for st in Style::ALL {
                span.choice.block {
                    input type="radio" name="style" value=(st.as_str()) id=(format!("style-{}", st.as_str()))
                        checked[selected == Some(*st)];
                    label for=(format!("style-{}", st.as_str())) { strong { (st) } " — " (st.describe()) }
                }
            }
        }
    }
}

fn who_list(fits: &[Fit], chosen: Option<i64>) -> Markup {
    let chosen = chosen.or(fits.first().map(|f| f.person_id));
    html! {
        fieldset.field.wide #who data-count=(fits.len()) {
            legend { "Who could take it, best fit first" }
            @if fits.is_empty() {
                p.muted { "Nobody to hand it to yet: " a href="/people" { "add the people on your team" } "." }
            }
            ol.who {
                @for f in fits {
                    li.fit data-person-id=(f.person_id) data-score=(f.score) {
                        input type="radio" name="person" value=(f.person_id) id=(format!("who-{}", f.person_id))
                            checked[chosen == Some(f.person_id)] required;
                        label for=(format!("who-{}", f.person_id)) {
                            strong { (f.name) } " " span.badge { "score " (f.score) }
                            @if f.reasons.is_empty() {
                                span.reasons.muted { "nothing in their interests, knowledge or goals matches" }
                            } @else {
                                span.reasons { (f.reasons.join("; ")) }
                            }
                        }
                    }
                }
            }
        }
    }
}

async fn new_render(
    s: &AppState,
    status: StatusCode,
    notices: Vec<Notice>,
    typed: &Fields,
) -> Response {
    let title = typed.get("title").unwrap_or_default();
    let result = async {
        let h = here(s).await?;
        let category = category_of(typed.get("category").as_deref())?;
        let fits = delegation::who(
            s.store.as_ref(),
            &title,
            category.unwrap_or(Category::Build),
            h.now,
        )
        .await?;
        Ok::<_, Failure>((h, category, fits))
    }
    .await;
    let (h, category, fits) = match result {
        Ok(x) => x,
        Err(f) => return layout::failure_page(s, Nav::People, &f),
    };
    let chosen = typed.get("person").and_then(|p| p.parse::<i64>().ok());
    let value = |field: &str| {
        let name = if field == "time-bound" {
            "deadline"
        } else {
            field
        };
        typed.raw(name).unwrap_or("").to_string()
    };
    let style = typed.get("style").and_then(|v| Style::parse(&v));
    let body = html! {
        (sub_nav(Sub::Delegation))
        div.page-head { div {
            h1 { "Delegate" @if !title.is_empty() { ": " (title) } }
            p.meta { "Choose who takes it and agree on what done means. It stays a draft until all six expectations are there." }
        } }
        form.card.filters #rank-form method="get" action="/delegation/new" {
            @if let Some(o) = typed.get("origin") { input type="hidden" name="origin" value=(o); }
            div.fields {
                (wide_form_field("rank-title", "What are you handing over?", html! {
                    input #rank-title type="text" name="title" value=(title) placeholder="Run the weekly dependency updates";
                }))
                (form_field("rank-category", "Kind of work", html! {
                    select #rank-category name="category" {
                        @for c in Category::ALL { option value=(c.as_str()) selected[category == Some(c)] { (c) } }
                    }
                }))
            }
            button.btn type="submit" #rank-submit { "Who could take it?" }
        }
        form.card #new-delegation method="post" action="/delegation/add" {
            (csrf_field(s))
            input type="hidden" name="title" value=(title);
            input type="hidden" name="category" value=(category.unwrap_or(Category::Build).as_str());
            @if let Some(o) = typed.get("origin") { input type="hidden" name="origin" value=(o); }
            div.fields {
                (who_list(&fits, chosen))
                (style_choice(style, true))
                (expectation_fields(&value, h.today))
            }
            button.btn.primary #new-delegation-submit type="submit" disabled[title.is_empty()] { "Prepare the delegation" }
            @if title.is_empty() { p.hint { "Say what you are handing over first." } }
        }
    };
    respond(status, frame(s, "Delegate", Nav::People, &notices, body))
}

fn expectations_of(f: &Fields) -> Result<Expectations, Failure> {
    Ok(Expectations {
        specific: f.get("specific"),
        measurable: f.get("measurable"),
        achievable: f.get("achievable"),
        relevant: f.get("relevant"),
        deadline: f.date("deadline")?,
        trackable: f.get("trackable"),
    })
}

/// `POST /delegation/add`: `person`, `title`, `category`, `style`, `origin` and the six
/// expectations; it becomes a draft.
pub async fn add(State(s): State<AppState>, CheckedForm(f): CheckedForm) -> Response {
    let result = async {
        let h = here(&s).await?;
        let person_id = f.person("choose who takes it")?;
        let new = NewDelegation {
            person_id,
            title: f.get("title").unwrap_or_default(),
            category: category_of(f.get("category").as_deref())?,
            style: f.word("style", Style::parse, &Style::words())?,
            expectations: expectations_of(&f)?,
            origin: f.get("origin"),
        };
        Ok::<_, Failure>(delegation::add(s.store.as_ref(), new, h.now).await?)
    }
    .await;
    match result {
        Ok(d) => {
            s.changed();
            see_other(&format!("/delegation/{}?done=delegation-drafted", d.id))
        }
        Err(e) => new_render(&s, e.status, vec![Notice::Failed(e.message)], &f).await,
    }
}

fn delegation_id(id: &str) -> Result<i64, Failure> {
    id.trim().parse().map_err(|_| {
        Failure::new(
            StatusCode::NOT_FOUND,
            format!("there is no delegation {id:?}; the Delegation page lists them"),
        )
    })
}

/// `GET /delegation/{id}`
pub async fn show(
    State(s): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<DelegationQuery>,
) -> Response {
    let notices: Vec<Notice> = done_notice(q.done.as_deref()).into_iter().collect();
    show_render(&s, StatusCode::OK, notices, &id, None).await
}

fn label_of(field: &str) -> (&'static str, &'static str) {
    EXPECTATIONS
        .iter()
        .find(|(f, _, _)| *f == field)
        .map_or(("", ""), |(_, l, q)| (*l, *q))
}

async fn show_render(
    s: &AppState,
    status: StatusCode,
    notices: Vec<Notice>,
    id: &str,
    typed: Option<&Fields>,
) -> Response {
    let result = async {
        let id = delegation_id(id)?;
        let h = here(s).await?;
        let line = delegation::show(s.store.as_ref(), id, h.now).await?;
        let person =
            fulcrum_app::people::get(s.store.as_ref(), line.delegation.person_id, Privacy::Hide)
                .await?;
        let history = delegation::history(s.store.as_ref(), person.id, h.now).await?;
        Ok::<_, Failure>((h, line, person, history))
    }
    .await;
    let (h, l, person, history) = match result {
        Ok(x) => x,
        Err(f) => return layout::failure_page(s, Nav::People, &f),
    };
    let d = &l.delegation;
    let base = format!("/delegation/{}", d.id);
    let typed_or = |name: &str, stored: String| -> String {
        typed
            .and_then(|t| t.raw(name))
            .map_or(stored, str::to_string)
    };
    let value = |field: &str| {
        let name = if field == "time-bound" {
            "deadline"
        } else {
            field
        };
        typed_or(name, expectation_value(&d.expectations, field))
    };
    let body = html! {
        (sub_nav(Sub::Delegation))
        div.page-head #delegation data-delegation-id=(d.id) data-status=(d.status.as_str()) {
            div {
                h1 { (d.title) span.sub {
                    "to " a href=(format!("/people/{}#delegations", person.id)) { (person.name) }
                    " · " (d.style) " · " (chip(d.category))
                } }
                p.meta {
                    span #status class=(format!("badge status-{}", d.status.as_str())) data-status=(d.status.as_str()) { (d.status) }
                    " · prepared " (fmt::day(d.created_on))
                    @if let Some(on) = d.handed_over_on { " · handed over " (fmt::day(on)) }
                    @if let Some(on) = d.closed_on { " · closed " (fmt::day(on)) }
                    @if let Some(o) = d.outcome { " · outcome " strong { (o) } }
                    @if let Some(o) = &d.origin { " · from " code { (o) } }
                }
            }
            div.week-nav { a.btn.quiet href="/delegation" { "All delegations" } }
        }
        section.attention #missing data-missing=(l.missing.len()) aria-labelledby="missing-title" {
            h2 #missing-title { "Expectations" }
            @if l.missing.is_empty() {
                p.all-good { "All six are agreed." }
            } @else {
                p { (plural(l.missing.len() as i64, "expectation is", "expectations are")) " still missing:" }
                ul {
                    @for m in &l.missing {
                        @let (label, question) = label_of(m);
                        li data-missing=(m) { strong { (label) } " — " (question) }
                    }
                }
            }
        }
        @if l.missing.len() < EXPECTATIONS.len() {
            section.card #expectations aria-labelledby="expectations-title" {
                h2 #expectations-title { "What you agreed" }
                dl.facts.wide-facts {
                    @for (field, label, _) in EXPECTATIONS {
                        @let v = expectation_value(&d.expectations, field);
                        @if !v.is_empty() {
                            div data-expectation=(field) {
                                dt { (label) }
                                dd {
                                    @match d.expectations.deadline.filter(|_| field == "time-bound") {
                                        Some(dl) => (fmt::day(dl)),
                                        None => (v),
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        @if d.status == Status::Draft {
            section.card #hand-over-card {
                h2 { "Hand it over" }
                p.hint { "Check-ins are scheduled at the style's pace until the deadline: "
                    (d.style) " means every " (plural(d.style.check_in_days(), "day", "days")) "." }
                form #hand-over method="post" action=(format!("{base}/hand-over")) {
                    (csrf_field(s))
                    button.btn.primary #hand-over-submit type="submit" { "Hand over to " (person.first_name()) }
                }
            }
        }
        @if d.is_open() {
            details.card #edit-delegation open[!l.missing.is_empty() || typed.is_some()] {
                summary { h2.inline-h { "Edit the expectations" } }
                form #edit-form method="post" action=(format!("{base}/edit")) {
                    (csrf_field(s))
                    div.fields {
                        (wide_form_field("edit-title", "What", html! {
                            input #edit-title type="text" name="title" value=(typed_or("title", d.title.clone()));
                        }))
                        (form_field("edit-category", "Kind of work", html! {
                            select #edit-category name="category" {
                                @for c in Category::ALL { option value=(c.as_str()) selected[c == d.category] { (c) } }
                            }
                        }))
                        (style_choice(Some(d.style), false))
                        (expectation_fields(&value, h.today))
                    }
                    button.btn.primary #edit-submit type="submit" { "Save" }
                }
            }
        }
        @if !d.check_ins.is_empty() || d.status == Status::Active {
            section.card #check-ins aria-labelledby="check-ins-title" data-count=(d.check_ins.len())
                data-done=(d.check_ins.iter().filter(|c| c.done_on.is_some()).count()) {
                h2 #check-ins-title { "Check-ins" }
                @if d.check_ins.is_empty() {
                    p.muted { "None scheduled." }
                } @else {
                    ul.plain {
                        @for c in &d.check_ins {
                            @let late = c.done_on.is_none() && c.due <= h.today;
                            li.check-in data-due=(c.due.to_string()) data-done=(c.done_on.is_some()) {
                                @match c.done_on {
                                    Some(on) => { span.badge.ok { "held" } " " (fmt::day(on)) }
                                    None => { span.badge.due[late] { @if late { "due" } @else { "planned" } } " " (fmt::day(c.due)) }
                                }
                                @if let Some(n) = &c.note { " — " (n) }
                            }
                        }
                    }
                }
                @if d.status == Status::Active {
                    form.inline-field #check-in-form method="post" action=(format!("{base}/check-in")) {
                        (csrf_field(s))
                        label.visually-hidden for="check-in-note" { "How is it going?" }
                        input #check-in-note type="text" name="note" placeholder="how it is going, what is in the way";
                        button.btn #check-in-submit type="submit" { "Record a check-in" }
                    }
                }
            }
        }
        @if d.status == Status::Active {
            section.card #close-card aria-labelledby="close-title" {
                h2 #close-title { "Close it with a follow-up" }
                p.hint { "A follow-up goes both ways: your reflection, and " (person.first_name())
                    "'s answer to what you could have done to support them better." }
                form #close-form method="post" action=(format!("{base}/close")) {
                    (csrf_field(s))
                    div.fields {
                        fieldset.field.checks.wide {
                            legend { "Outcome" }
                            @for o in Outcome::ALL {
                                span.check {
                                    input type="radio" name="outcome" value=(o.as_str()) id=(format!("outcome-{}", o.as_str()))
                                        checked[typed.and_then(|t| t.get("outcome")).as_deref() == Some(o.as_str())];
                                    label for=(format!("outcome-{}", o.as_str())) { (match o {
                                        Outcome::Met => "met its goal",
                                        Outcome::Partly => "partly",
                                        Outcome::Missed => "missed",
                                    }) }
                                }
                            }
                        }
                        @for (name, label) in [
                            ("what_worked", "What worked?"),
                            ("challenges", "What was hard?"),
                            ("do_better", "What would you do better next time?"),
                        ] {
                            div.field.wide {
                                label for=(format!("close-{name}")) { (label) }
                                textarea id=(format!("close-{name}")) name=(name) rows="2" { (typed_or(name, String::new())) }
                            }
                        }
                        div.field.wide {
                            label for="close-their_feedback" {
                                "Their answer: “What could I have done to support you better?”"
                            }
                            textarea #close-their_feedback name="their_feedback" rows="2" { (typed_or("their_feedback", String::new())) }
                        }
                    }
                    button.btn.primary #close-submit type="submit" { "Close the delegation" }
                }
            }
        }
        @if d.status == Status::Done {
            section.card #follow-up aria-labelledby="follow-up-title" {
                h2 #follow-up-title { "Follow-up" }
                dl.facts.wide-facts {
                    @for (label, v) in [
                        ("What worked", &d.follow_up.what_worked),
                        ("Challenges", &d.follow_up.challenges),
                        ("Next time", &d.follow_up.do_better),
                        ("Their view of your support", &d.follow_up.their_feedback),
                    ] {
                        div { dt { (label) } dd { (v.clone().unwrap_or_else(|| "—".into())) } }
                    }
                }
            }
        }
        section.card #style-history-card {
            h2 { (person.first_name()) "'s styles so far" }
            @if history.steps.is_empty() {
                p.muted { "This is the first." }
            } @else {
                ol.style-steps {
                    @for st in &history.steps {
                        li data-style=(st.style.as_str()) { (fmt::day(st.on)) " · " (st.title) ": " strong { (st.style) }
                            @if let Some(o) = st.outcome { " → " (o) } }
                    }
                }
            }
            p #suggested-style data-style=(history.suggested.as_str()) { "Suggested next: " strong { (history.suggested) } " — " (history.why) }
        }
        @if d.is_open() {
            form.confirm #cancel-form method="post" action=(format!("{base}/cancel"))
                data-confirm="Cancel this delegation? It stays in the history as cancelled." {
                (csrf_field(s))
                button.btn.small.danger #cancel-submit type="submit" { "Cancel the delegation" }
            }
        }
    };
    respond(status, frame(s, &d.title, Nav::People, &notices, body))
}

/// Checks the delegation, runs `change`, then redirects back to its page (or renders it again
/// with what went wrong).
async fn handle<F, Fut>(s: AppState, id: String, f: Fields, change: F) -> Response
where
    F: FnOnce(AppState, i64, Fields) -> Fut,
    Fut: std::future::Future<Output = Result<&'static str, Failure>>,
{
    let did = match delegation_id(&id) {
        Ok(d) => d,
        Err(e) => return layout::failure_page(&s, Nav::People, &e),
    };
    match change(s.clone(), did, f.clone()).await {
        Ok(code) => {
            s.changed();
            see_other(&format!("/delegation/{did}?done={code}"))
        }
        Err(e) => show_render(&s, e.status, vec![Notice::Failed(e.message)], &id, Some(&f)).await,
    }
}

/// `POST /delegation/{id}/edit`: `title`, `category`, `style` and the expectations; a blank
/// expectation clears it.
pub(super) async fn edit(s: AppState, id: i64, f: Fields) -> Result<&'static str, Failure> {
    let raw = |n: &str| f.raw(n).map(str::to_string);
    let e = DelegationEdit {
        title: f.get("title"),
        category: category_of(f.get("category").as_deref())?,
        style: f.word("style", Style::parse, &Style::words())?,
        specific: raw("specific"),
        measurable: raw("measurable"),
        achievable: raw("achievable"),
        relevant: raw("relevant"),
        deadline: f.date("deadline")?,
        trackable: raw("trackable"),
        past_deadline: delegation::PastDeadline::Refuse,
    };
    delegation::edit(s.store.as_ref(), id, e, crate::cache::now(&s.clock)).await?;
    Ok("delegation-updated")
}

/// `POST /delegation/{id}/hand-over`: refused, with what is missing, until the expectations are
/// complete.
pub(super) async fn hand_over(s: AppState, id: i64, _f: Fields) -> Result<&'static str, Failure> {
    delegation::hand_over(s.store.as_ref(), id, crate::cache::now(&s.clock)).await?;
    Ok("handed-over")
}

/// `POST /delegation/{id}/check-in`: `note`.
pub(super) async fn check_in(s: AppState, id: i64, f: Fields) -> Result<&'static str, Failure> {
    delegation::check_in(
        s.store.as_ref(),
        id,
        f.get("note"),
        crate::cache::now(&s.clock),
    )
    .await?;
    Ok("checked-in")
}

/// `POST /delegation/{id}/close`: `outcome`, `what_worked`, `challenges`, `do_better`,
/// `their_feedback`; refused when the follow-up goes only one way.
pub(super) async fn close(s: AppState, id: i64, f: Fields) -> Result<&'static str, Failure> {
    let outcome = f
        .word("outcome", Outcome::parse, &Outcome::words())?
        .ok_or_else(|| {
            Failure::bad_request("how did it go? Choose an outcome: met, partly or missed")
        })?;
    let follow_up = FollowUp {
        what_worked: f.get("what_worked"),
        challenges: f.get("challenges"),
        do_better: f.get("do_better"),
        their_feedback: f.get("their_feedback"),
    };
    delegation::close(
        s.store.as_ref(),
        id,
        outcome,
        follow_up,
        crate::cache::now(&s.clock),
    )
    .await?;
    Ok("delegation-closed")
}

/// `POST /delegation/{id}/cancel`
pub(super) async fn cancel(s: AppState, id: i64, _f: Fields) -> Result<&'static str, Failure> {
    delegation::cancel(s.store.as_ref(), id, crate::cache::now(&s.clock)).await?;
    Ok("delegation-cancelled")
}

/// The route of a form on a delegation's page: [`handle`] with `change`.
pub(super) fn form<F, Fut>(change: F) -> axum::routing::MethodRouter<AppState>
where
    F: FnOnce(AppState, i64, Fields) -> Fut + Clone + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<&'static str, Failure>> + Send + 'static,
{
    post_for_id(move |s, id, f| handle(s, id, f, change))
}

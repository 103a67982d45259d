//! `/feedback`: all feedback (filtered by person, direction and dates), what waits to be
//! delivered, follow-ups due, the balance each person gets, a form to note feedback, a check
//! for a draft that stores nothing, and "my feedback": what others told the lead, by theme.

use super::people::{Here, Sub, head, here, load, markdown, plural, query_date, warnings_box};
use super::{Fields, done_notice, see_other};
use crate::components::{
    Col::{Num, Text},
    card, columns, form_field, lint_list, new_feedback, sbi, sbi_fields, wide_form_field,
};
use crate::extract::CheckedForm;
use crate::layout::{self, Nav, Notice, csrf_field, frame, respond};
use crate::{AppState, Failure, fmt};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use fulcrum_app::feedback::{self, FeedbackView, Filter, Line, MyFeedback};
use fulcrum_core::feedback::{Direction, LintFinding, Polarity};
use fulcrum_core::people::Person;
use jiff::civil::Date;
use maud::{Markup, html};

query! {
    FeedbackQuery { person, direction, from, to, done, lint }
}

/// A word of a query read by `parse`: blank counts as not given, and a word `parse` refuses
/// is answered with what was `expected`.
fn query_word<T>(
    v: &Option<String>,
    name: &str,
    parse: impl Fn(&str) -> Option<T>,
    expected: &str,
) -> Result<Option<T>, Failure> {
    v.as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(|v| {
            parse(v).ok_or_else(|| Failure::bad_request(format!("{name} = {v:?}: {expected}")))
        })
        .transpose()
}

impl FeedbackQuery {
    pub fn filter(&self) -> Result<Filter, Failure> {
        let id = |p: &str| p.parse::<i64>().ok();
        let directions = format!("choose one of {}", Direction::words());
        Ok(Filter {
            person_id: query_word(&self.person, "person", id, "expected a person's id")?,
            direction: query_word(&self.direction, "direction", Direction::parse, &directions)?,
            from: query_date(&self.from, "from")?,
            to: query_date(&self.to, "to")?,
        })
    }
}

/// A draft checked with the form, shown next to what the check found.
struct Draft {
    fields: Fields,
    findings: Vec<LintFinding>,
}

/// `GET /feedback`
pub async fn page(State(s): State<AppState>, Query(q): Query<FeedbackQuery>) -> Response {
    let lint = q.lint.as_deref().and_then(|l| l.parse::<i64>().ok());
    let notices: Vec<Notice> = done_notice(q.done.as_deref()).into_iter().collect();
    render(&s, StatusCode::OK, notices, &q, lint, None, None).await
}

async fn render(
    s: &AppState,
    status: StatusCode,
    mut notices: Vec<Notice>,
    q: &FeedbackQuery,
    lint: Option<i64>,
    draft: Option<Draft>,
    typed: Option<&Fields>,
) -> Response {
    let lists = async |h: &Here| {
        let filter = q.filter()?;
        let view = feedback::list(s.store.as_ref(), filter.clone(), h.now).await?;
        let everything = feedback::list(s.store.as_ref(), Filter::default(), h.now).await?;
        let mine = feedback::mine(s.store.as_ref(), h.now).await?;
        Ok((filter, view, everything, mine))
    };
    let (h, (filter, view, everything, mine)) = match load(s, lists).await {
        Ok(x) => x,
        Err(page) => return page,
    };
    let people = super::people::active_people(s).await;
    let linted = lint
        .and_then(|l| everything.items.iter().find(|x| x.feedback.id == l))
        .filter(|l| l.feedback.direction == Direction::Given);
    if let Some(l) = linted {
        // What the check found replaces the plain "noted".
        notices.retain(|n| !matches!(n, Notice::Done(..)));
        notices.insert(
            0,
            if l.lint.is_empty() {
                Notice::done("Noted the feedback. The check found nothing to sharpen.")
            } else {
                Notice::Done(
                    "Noted the feedback. Before you deliver it:".into(),
                    l.lint.iter().map(|x| x.message.clone()).collect(),
                )
            },
        );
    }
    let coach = crate::components::insights::for_page(s, &["feedback"], "/feedback").await;
    let body = html! {
        (head(Sub::Feedback))
        (coach)
        (warnings_box("feedback-warnings", "What the feedback says", &view.warnings,
            "Nothing about the feedback needs attention."))
        div.grid.spaced {
            (waiting(s, &view, h.today))
            (follow_ups(s, &view))
        }
        (balances(&view))
        div.grid.spaced {
            section.card #add-feedback-card aria-labelledby="add-feedback-title" {
                h2 #add-feedback-title { "Note feedback" }
                form #add-feedback method="post" action="/feedback/add" {
                    (csrf_field(s))
                    div.fields {
                        (form_field("fb-person", "With", html! {
                            (super::people::person_select("fb-person", "person", &people,
                                typed.and_then(|f| f.get("person")).and_then(|p| p.parse().ok()), "someone else (name below)", false))
                        }))
                        (form_field("fb-who", "…or their name", html! {
                            input #fb-who type="text" name="who" placeholder="a peer from another team"
                                value=(typed.and_then(|f| f.raw("who")).unwrap_or(""));
                        }))
                        (sbi_fields("fb", h.today, typed))
                    }
                    button.btn.primary #add-feedback-submit type="submit" { "Note the feedback" }
                }
            }
            (check_form(s, draft.as_ref()))
        }
        (my_feedback(&mine))
        (filters(q, &filter, &people))
        (items(&view, linted))
    };
    respond(status, frame(s, "Feedback", Nav::People, &notices, body))
}

fn line_item(l: &Line, actions: Markup) -> Markup {
    let f = &l.feedback;
    let pol = f.polarity.map_or("request", |p| p.as_str());
    html! {
        li.feedback-item data-feedback-id=(f.id) data-direction=(f.direction.as_str()) data-polarity=(pol)
            data-person-id=(f.person_id.map(|p| p.to_string()).unwrap_or_default()) data-delivered=(f.delivered_on.is_some()) {
            div.item-main {
                span.item-meta {
                    span class=(format!("badge fb-{pol}")) { (pol) } " " (f.direction) " · "
                    @match (f.person_id, &l.name) {
                        (Some(id), Some(n)) => a href=(format!("/people/{id}#feedback")) { (n) },
                        (None, Some(n)) => (n),
                        _ => "someone",
                    }
                    " · " (fmt::day(f.event_on))
                    @if let Some(d) = f.delivered_on {
                        " · delivered " (fmt::day(d))
                        @if l.timely == Some(false) { " " span.due.overdue { "(" (plural(l.delay_days.unwrap_or(0), "day", "days")) " later)" } }
                    }
                    @if let Some(t) = &f.theme { " · " (t) }
                    @if !l.lint.is_empty() { " · " span.due { (plural(l.lint.len() as i64, "thing", "things")) " to sharpen" } }
                }
                (sbi(f))
            }
            (actions)
        }
    }
}

/// A card of feedback that waits on you (`id`, `title`): each piece with the form that settles
/// it (`action`), what to do under the title, or `all_good` when nothing waits.
fn waiting_card(
    (id, title): (&str, &str),
    lines: &[Line],
    (all_good, hint): (&str, &str),
    action: impl Fn(&Line) -> Markup,
) -> Markup {
    html! {
        section.card #(id) aria-labelledby=(format!("{id}-title")) data-count=(lines.len()) {
            h2 #(format!("{id}-title")) { (title) " " span.count { (lines.len()) } }
            @if lines.is_empty() {
                p.all-good { (all_good) }
            } @else {
                p.hint { (hint) }
                ul.feedback-items {
                    @for l in lines { (line_item(l, action(l))) }
                }
            }
        }
    }
}

fn waiting(s: &AppState, v: &FeedbackView, today: Date) -> Markup {
    let says = (
        "Nothing noted is waiting: everything was told while it mattered.",
        "Feedback loses its value the longer it waits. Tell them, then mark it.",
    );
    waiting_card(
        ("waiting", "Waiting to be delivered"),
        &v.waiting,
        says,
        |l| {
            html! {
                form.inline method="post" action="/feedback/deliver" {
                    (csrf_field(s))
                    input type="hidden" name="feedback" value=(l.feedback.id);
                    input type="hidden" name="on" value=(today.to_string());
                    button.btn.small type="submit" { "Delivered today" }
                }
            }
        },
    )
}

fn follow_ups(s: &AppState, v: &FeedbackView) -> Markup {
    let says = (
        "No constructive feedback waits for a follow-up.",
        "Has anything changed since? Say what you noticed, good or not.",
    );
    waiting_card(
        ("follow-ups", "Follow-ups due"),
        &v.follow_ups_due,
        says,
        |l| {
            let id = format!("fu-{}", l.feedback.id);
            html! {
                form.decide method="post" action="/feedback/follow-up" {
                    (csrf_field(s))
                    input type="hidden" name="feedback" value=(l.feedback.id);
                    label.visually-hidden for=(id) { "What changed since?" }
                    input type="text" id=(id) name="note" placeholder="what changed since?";
                    button.btn.small type="submit" { "Followed up" }
                }
            }
        },
    )
}

fn balances(v: &FeedbackView) -> Markup {
    html! {
        (card("balances", "Balance per person", v.balances.len(), html! {
            @if v.balances.is_empty() {
                p.muted { "No reports yet, and no feedback given." }
            } @else {
                div.table-wrap {
                    table {
                        thead { tr {
                            (columns(&[
                                Text("Person"), Num("Positive"), Num("Constructive"),
                                Num("Ratio"), Num("Since praise"), Num("In time"),
                                Num("Waiting")
                            ]))
                        } }
                        tbody {
                            @for b in &v.balances {
                                tr data-person-id=(b.balance.person_id) data-positive=(b.balance.positive)
                                    data-constructive=(b.balance.constructive)
                                    data-days-since-positive=(b.balance.days_since_positive.map(|d| d.to_string()).unwrap_or_default()) {
                                    th scope="row" { a href=(format!("/people/{}#feedback-balance", b.balance.person_id)) { (b.name) } }
                                    td.num { (b.balance.positive) }
                                    td.num { (b.balance.constructive) }
                                    td.num { @match b.balance.ratio { Some(r) => (format!("{r:.1}")), None => "—" } }
                                    td.num { @match b.balance.days_since_positive { Some(d) => (plural(d, "day", "days")), None => "never" } }
                                    td.num { @match b.balance.timely_share { Some(t) => (fmt::percent(t)), None => "—" } }
                                    td.num { (b.balance.waiting) }
                                }
                            }
                        }
                    }
                }
            }
        }))
    }
}

fn filters(q: &FeedbackQuery, f: &Filter, people: &[Person]) -> Markup {
    html! {
        form.card.filters #feedback-filters method="get" action="/feedback" {
            div.fields {
                (form_field("filter-person", "Person", html! {
                    select #filter-person name="person" {
                        option value="" { "everyone" }
                        @for p in people { option value=(p.id) selected[f.person_id == Some(p.id)] { (p.name) } }
                    }
                }))
                (form_field("filter-direction", "Direction", html! {
                    select #filter-direction name="direction" {
                        option value="" { "all" }
                        @for d in Direction::ALL { option value=(d.as_str()) selected[f.direction == Some(*d)] { (d) } }
                    }
                }))
                (form_field("filter-from", "From", html! {
                    input #filter-from type="date" name="from" value=(q.from.clone().unwrap_or_default());
                }))
                (form_field("filter-to", "Until (not included)", html! {
                    input #filter-to type="date" name="to" value=(q.to.clone().unwrap_or_default());
                }))
            }
            button.btn type="submit" { "Show" }
            " " a.btn.quiet href="/feedback" { "Everything" }
        }
    }
}

fn items(v: &FeedbackView, linted: Option<&Line>) -> Markup {
    html! {
        section.card #all-feedback aria-labelledby="all-feedback-title" data-count=(v.items.len()) {
            h2 #all-feedback-title { "Feedback " span.count { (v.items.len()) } }
            @if let Some(l) = linted {
                div #lint data-feedback-id=(l.feedback.id) data-count=(l.lint.len()) {
                    @if !l.lint.is_empty() { (lint_list("lint-findings", &l.lint)) }
                }
            }
            @if v.items.is_empty() {
                p.muted { "Nothing noted for this selection." }
            } @else {
                ul.feedback-items #feedback-items {
                    @for l in &v.items { (line_item(l, html! {})) }
                }
            }
        }
    }
}

fn check_form(s: &AppState, draft: Option<&Draft>) -> Markup {
    let v = |n: &str| {
        draft
            .and_then(|d| d.fields.raw(n))
            .unwrap_or("")
            .to_string()
    };
    let polarity = draft.and_then(|d| d.fields.get("polarity"));
    html! {
        section.card #check-draft aria-labelledby="check-draft-title" {
            h2 #check-draft-title { "Check a draft" }
            p.hint { "Finds hedging, generalisations, verdicts on the person and missing specifics. Nothing is stored." }
            form #check-form method="post" action="/feedback/check" {
                (csrf_field(s))
                div.fields {
                    (wide_form_field("draft-text", "What you want to say", html! {
                        textarea #draft-text name="draft" rows="4"
                            placeholder="I think you maybe always interrupt people in meetings" { (v("draft")) }
                    }))
                    details.wide {
                        summary { "…or as situation, behaviour and impact" }
                        div.fields {
                            fieldset.field.checks {
                                legend { "Kind" }
                                @for p in Polarity::ALL {
                                    span.check {
                                        input type="radio" name="polarity" value=(p.as_str()) id=(format!("draft-{}", p.as_str()))
                                            checked[polarity.as_deref() == Some(p.as_str())];
                                        label for=(format!("draft-{}", p.as_str())) { (p) }
                                    }
                                }
                            }
                            @for (name, label) in [("situation", "Situation"), ("behaviour", "Behaviour"), ("impact", "Impact")] {
                                div.field.wide {
                                    label for=(format!("draft-{name}")) { (label) }
                                    textarea id=(format!("draft-{name}")) name=(name) rows="2" { (v(name)) }
                                }
                            }
                        }
                    }
                }
                button.btn #check-submit type="submit" { "Check it" }
            }
            @if let Some(d) = draft {
                div #draft-findings data-count=(d.findings.len()) {
                    @if d.findings.is_empty() {
                        p.all-good { "Nothing to sharpen: it is specific and plain." }
                    } @else {
                        h3 { (plural(d.findings.len() as i64, "thing", "things")) " to sharpen" }
                        (lint_list("draft-lint", &d.findings))
                    }
                }
            }
        }
    }
}

fn my_feedback(m: &MyFeedback) -> Markup {
    html! {
        section.card #my-feedback aria-labelledby="my-feedback-title" data-themes=(m.themes.len()) {
            div.card-head {
                h2 #my-feedback-title { "My feedback" }
                a.btn.small #my-feedback-md href="/feedback/mine.md" download { "Markdown" }
            }
            p.hint { "What others told you, grouped by theme; a theme heard more than once is worth acting on." }
            @if m.themes.is_empty() {
                p.muted { "Nothing received yet: note it after each conversation, direction “received”." }
            }
            @for g in &m.themes {
                div.theme data-theme=(g.theme) data-repeated=(g.repeated) data-count=(g.items.len()) {
                    h3 {
                        (g.theme)
                        @if g.repeated { " " span.badge.due { "heard " (plural(g.items.len(), "time", "times")) } }
                    }
                    ul.plain {
                        @for f in &g.items {
                            li { (fmt::day(f.delivered_on.unwrap_or(f.event_on))) " · " (sbi(f)) }
                        }
                    }
                }
            }
            @if !m.open_requests.is_empty() {
                h3 { "Asked, not answered yet" }
                ul.plain #open-requests {
                    @for l in &m.open_requests {
                        li data-feedback-id=(l.feedback.id) {
                            (fmt::day(l.feedback.event_on)) " · " (l.name.as_deref().unwrap_or("someone")) ": " (l.feedback.situation)
                        }
                    }
                }
            }
        }
    }
}

/// `GET /feedback/mine.md`
pub async fn mine_markdown(State(s): State<AppState>) -> Response {
    let result = async {
        let h = here(&s).await?;
        let mine = feedback::mine(s.store.as_ref(), h.now).await?;
        let names = feedback::names(s.store.as_ref()).await?;
        Ok::<_, Failure>(feedback::mine_markdown(&mine, &names))
    }
    .await;
    match result {
        Ok(md) => markdown(md, "my-feedback.md"),
        Err(f) => layout::failure_page(&s, Nav::People, &f),
    }
}

async fn after(s: &AppState, result: Result<String, Failure>, typed: Option<&Fields>) -> Response {
    match result {
        Ok(to) => {
            s.changed();
            see_other(&to)
        }
        Err(f) => {
            render(
                s,
                f.status,
                vec![Notice::Failed(f.message)],
                &FeedbackQuery::default(),
                None,
                None,
                typed,
            )
            .await
        }
    }
}

/// `POST /feedback/add`: `person` (an id) or `who`, and the SBI form.
pub async fn add(State(s): State<AppState>, CheckedForm(f): CheckedForm) -> Response {
    let result = async {
        let h = here(&s).await?;
        let person = f
            .get("person")
            .map(|p| {
                p.parse::<i64>()
                    .map_err(|_| Failure::bad_request(format!("person = {p:?}: not a person")))
            })
            .transpose()?;
        let new = new_feedback(&f, person, h.today)?;
        let noted = feedback::add(s.store.as_ref(), new, h.now).await?;
        Ok(format!(
            "/feedback?done=feedback-added&lint={}#all-feedback",
            noted.feedback.id
        ))
    }
    .await;
    after(&s, result, Some(&f)).await
}

/// `POST /feedback/deliver`: `feedback`, `on`.
pub async fn deliver(State(s): State<AppState>, CheckedForm(f): CheckedForm) -> Response {
    let result = async {
        let h = here(&s).await?;
        let id = f.id("feedback", "feedback")?;
        feedback::deliver(s.store.as_ref(), id, f.date("on")?, h.now).await?;
        Ok("/feedback?done=feedback-delivered".to_string())
    }
    .await;
    after(&s, result, None).await
}

/// `POST /feedback/follow-up`: `feedback`, `note`.
pub async fn follow_up(State(s): State<AppState>, CheckedForm(f): CheckedForm) -> Response {
    let result = async {
        let h = here(&s).await?;
        let id = f.id("feedback", "feedback")?;
        feedback::follow_up(s.store.as_ref(), id, f.get("note"), h.now).await?;
        Ok("/feedback?done=followed-up".to_string())
    }
    .await;
    after(&s, result, None).await
}

/// `POST /feedback/check`: lints a draft (`draft`, or `situation`/`behaviour`/`impact` with a
/// `polarity`) and shows what it found. Nothing is stored.
pub async fn check(State(s): State<AppState>, CheckedForm(f): CheckedForm) -> Response {
    let sbi = ["situation", "behaviour", "impact"]
        .iter()
        .any(|n| f.get(n).is_some());
    let findings = if sbi {
        let polarity = f.get("polarity").and_then(|p| Polarity::parse(&p));
        fulcrum_core::feedback::lint(
            polarity,
            f.raw("situation").unwrap_or(""),
            f.raw("behaviour").unwrap_or(""),
            f.raw("impact").unwrap_or(""),
        )
    } else {
        match f.get("draft") {
            Some(d) => fulcrum_core::feedback::lint_text(&d),
            None => {
                return render(
                    &s,
                    StatusCode::BAD_REQUEST,
                    vec![Notice::Failed("write the draft to check first".into())],
                    &FeedbackQuery::default(),
                    None,
                    None,
                    None,
                )
                .await;
            }
        }
    };
    let draft = Draft {
        fields: f,
        findings,
    };
    render(
        &s,
        StatusCode::OK,
        Vec::new(),
        &FeedbackQuery::default(),
        None,
        Some(draft),
        None,
    )
    .await
}

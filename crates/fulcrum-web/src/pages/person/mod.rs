//! `/people/{id}`: everything about one person — what needs attention, their 1:1s (history,
//! the next agenda, logging one), feedback and its balance, observations and their trend,
//! delegations and style, contact, commitments, preps and onboarding — with the forms that
//! change them. Private notes show only when asked for (`?private=1`). Deleting someone goes
//! through a page that says what goes with them; archiving keeps everything.
//!
//! This module holds the page's frame, its head and the forms' common path ([`handle`]); each
//! part of the page, with the forms it shows, is a module of its own.

mod delegation;
mod details;
mod feedback;
mod observations;
mod onboarding;
mod one_on_ones;
mod relationships;

use super::people::{Here, Sub, flag, here, markdown, plural, query_date, slug, sub_nav};
use super::{Fields, done_notice, post_for_id, see_other};
use crate::components::stat;
use crate::layout::{self, Nav, Notice, csrf_field, frame, respond};
use crate::{AppState, Failure, fmt};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::MethodRouter;
use delegation::delegations;
use details::edit_form;
use feedback::{balance, feedback_list};
use fulcrum_app::AppError;
use fulcrum_app::feedback::lint_of;
use fulcrum_app::people::technical::{Part, RecordKind};
use fulcrum_app::people::{self, PersonPage};
use fulcrum_core::feedback::{Direction, Feedback};
use fulcrum_core::privacy::Privacy;
use fulcrum_core::time;
use maud::{Markup, html};
use observations::observations;
use onboarding::onboarding_card;
use one_on_ones::{agenda, history, log_form};
use relationships::{commitments, contact, preps};

query! {
    /// `lint`: the feedback just noted, whose lint findings the page shows.
    PersonQuery { private, include_private, done, lint, from, to }
}

fn not_found(id: &str) -> Failure {
    Failure::new(
        StatusCode::NOT_FOUND,
        format!("there is no person {id:?}; the People page lists everyone"),
    )
}

fn person_id(id: &str) -> Result<i64, Failure> {
    id.trim().parse().map_err(|_| not_found(id))
}

/// Where a form on the person page leads back to.
fn back(id: i64, private: bool, code: &str, anchor: &str) -> String {
    format!(
        "/people/{id}?done={code}{}#{anchor}",
        if private { "&private=1" } else { "" }
    )
}

/// `GET /people/{id}` (and `/people/{id}.md`, the page as Markdown).
pub async fn page(
    State(s): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<PersonQuery>,
) -> Response {
    if let Some(id) = id.strip_suffix(".md") {
        return export(&s, id, flag(&q.include_private)).await;
    }
    let id = match person_id(&id) {
        Ok(id) => id,
        Err(f) => return layout::failure_page(&s, Nav::People, &f),
    };
    let notices: Vec<Notice> = done_notice(q.done.as_deref()).into_iter().collect();
    let lint = q.lint.as_deref().and_then(|l| l.parse::<i64>().ok());
    render(
        &s,
        StatusCode::OK,
        notices,
        id,
        flag(&q.private),
        lint,
        None,
    )
    .await
}

async fn export(s: &AppState, id: &str, include: bool) -> Response {
    let result = async {
        let id = person_id(id)?;
        let h = here(s).await?;
        let page = people::page(s.store.as_ref(), id, h.now, Privacy::from_flag(include)).await?;
        Ok::<_, Failure>((
            fulcrum_app::people::review::page_markdown(&page, &h.tz),
            page.person.name,
        ))
    }
    .await;
    match result {
        Ok((md, name)) => markdown(md, &format!("{}.md", slug(&name))),
        Err(f) => layout::failure_page(s, Nav::People, &f),
    }
}

/// `GET /people/{id}/review.md?from=…&to=…[&include_private=1]`: review preparation.
pub async fn review(
    State(s): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<PersonQuery>,
) -> Response {
    let result = async {
        let id = person_id(&id)?;
        let h = here(&s).await?;
        let (from, to) = fulcrum_app::people::review::period(
            query_date(&q.from, "from")?,
            query_date(&q.to, "to")?,
            h.today,
        );
        let privacy = Privacy::from_flag(flag(&q.include_private));
        let md = fulcrum_app::people::review::review_prep(
            s.store.as_ref(),
            id,
            from,
            to,
            h.now,
            privacy,
        )
        .await?;
        let name = people::get(s.store.as_ref(), id, Privacy::Hide).await?.name;
        Ok::<_, Failure>((md, format!("review-{}-{from}-{to}.md", slug(&name))))
    }
    .await;
    match result {
        Ok((md, file)) => markdown(md, &file),
        Err(f) => layout::failure_page(&s, Nav::People, &f),
    }
}

/// What every section of the page needs.
struct Ctx<'a> {
    s: &'a AppState,
    p: &'a PersonPage,
    here: &'a Here,
    private: bool,
    /// What a form that was refused sent, to show it again.
    typed: Option<&'a Fields>,
}

impl Ctx<'_> {
    fn id(&self) -> i64 {
        self.p.person.id
    }

    fn action(&self, tail: &str) -> String {
        format!("/people/{}/{tail}", self.id())
    }

    /// The token, which form it is, and whether to come back with private notes shown.
    fn hidden(&self, form: &str) -> Markup {
        html! {
            (csrf_field(self.s))
            input type="hidden" name="form" value=(form);
            @if self.private { input type="hidden" name="private" value="1"; }
        }
    }

    /// What the refused `form` sent, when it was that form.
    fn typed(&self, form: &str) -> Option<&Fields> {
        self.typed.filter(|t| t.raw("form") == Some(form))
    }

    /// A field's value: as typed into the refused form, else `default`.
    fn val(&self, form: &str, name: &str, default: impl Into<String>) -> String {
        self.typed(form)
            .and_then(|t| t.raw(name))
            .map_or_else(|| default.into(), str::to_string)
    }

    /// Whether a checkbox or radio of the refused form was ticked.
    fn ticked(&self, form: &str, name: &str, value: &str) -> bool {
        self.typed(form)
            .is_some_and(|t| t.all(name).iter().any(|v| v == value))
    }

    fn first(&self) -> &str {
        self.p.person.first_name()
    }
}

async fn render(
    s: &AppState,
    status: StatusCode,
    mut notices: Vec<Notice>,
    id: i64,
    private: bool,
    lint: Option<i64>,
    typed: Option<&Fields>,
) -> Response {
    let here = match here(s).await {
        Ok(h) => h,
        Err(f) => return layout::failure_page(s, Nav::People, &f),
    };
    let privacy = Privacy::from_flag(private);
    let p = match crate::cache::person(s, id, here.now, privacy).await {
        Ok(p) => p,
        Err(e) => return layout::failure_page(s, Nav::People, &Failure::from(e)),
    };
    let linted = lint
        .and_then(|l| p.feedback.iter().find(|f| f.id == l))
        .filter(|f| f.direction == Direction::Given);
    if let Some(f) = linted {
        // What the check found replaces the plain "noted".
        notices.retain(|n| !matches!(n, Notice::Done(..)));
        notices.insert(0, lint_notice(f));
    }
    let c = Ctx {
        s,
        p: &p,
        here: &here,
        private,
        typed,
    };
    let coach = crate::components::insights::for_person(s, id).await;
    // The way back from the technical records that name them; the page stands without it.
    let parts = crate::cache::person_parts(s, id).await.ok();
    let body = html! {
        (sub_nav(Sub::People))
        (head(&c))
        (coach)
        (signals(&c))
        (stats(&c))
        @if private { (private_notes(&c)) }
        div.grid.spaced {
            (agenda(&c))
            (log_form(&c))
        }
        (history(&c))
        div.grid.spaced {
            (balance(&c))
            (feedback_list(&c, linted))
        }
        div.grid.spaced {
            (observations(&c))
            (delegations(&c))
        }
        div.grid.spaced {
            (contact(&c))
            (commitments(&c))
        }
        div.grid.spaced {
            (preps(&c))
            (onboarding_card(&c))
        }
        @if let Some(parts) = parts.as_deref().filter(|p| !p.is_empty()) { (technical_parts(parts)) }
        (edit_form(&c))
    };
    respond(
        status,
        frame(s, &p.person.name, Nav::People, &notices, body),
    )
}

/// The projects, risks, debt and incidents the person has a part in, each linked.
fn technical_parts(parts: &[Part]) -> Markup {
    let href = |p: &Part| match p.kind {
        RecordKind::Project => format!("/projects/{}", p.id),
        RecordKind::Risk => format!("/risks/{}", p.id),
        RecordKind::Debt => format!("/debt/{}", p.id),
        RecordKind::Incident => format!("/incidents/{}", p.id),
    };
    let kind = |k: RecordKind| match k {
        RecordKind::Project => "Project",
        RecordKind::Risk => "Risk",
        RecordKind::Debt => "Tech debt",
        RecordKind::Incident => "Incident",
    };
    crate::components::card(
        "technical-parts",
        "Technical work",
        parts.len(),
        html! {
            ul.plain {
                @for p in parts {
                    li.part data-kind=(p.kind.word()) data-id=(p.id) data-role=(p.role) {
                        span.muted { (kind(p.kind)) " · " (p.role) ": " }
                        a href=(href(p)) { (p.title) }
                    }
                }
            }
        },
    )
}

fn lint_notice(f: &Feedback) -> Notice {
    let findings = lint_of(f);
    if findings.is_empty() {
        Notice::done("Noted the feedback. The check found nothing to sharpen.")
    } else {
        Notice::Done(
            format!(
                "Noted the feedback. The check found {} to sharpen before you deliver it:",
                plural(findings.len() as i64, "thing", "things")
            ),
            findings.into_iter().map(|l| l.message).collect(),
        )
    }
}

fn head(c: &Ctx) -> Markup {
    let p = &c.p.person;
    let today = c.here.today;
    let (from, to) = fulcrum_app::people::review::period(None, None, today);
    let review = format!("/people/{}/review.md?from={from}&to={to}", p.id);
    html! {
        div.page-head.person-head #person data-person-id=(p.id) data-archived=(p.archived) {
            div {
                h1 {
                    (p.name)
                    span.sub {
                        (p.relation)
                        @if let Some(t) = &p.team { " · " (t) }
                        " · 1:1 every " (plural(p.cadence_days, "day", "days")) ", " (plural(p.duration_minutes, "minute", "minutes"))
                        @if p.is_new_joiner(today) { " · " span.badge.due { "new joiner" } }
                    }
                }
                p.meta {
                    (p.emails.join(", "))
                    @if let Some(d) = p.start_date { " · started " (fmt::day(d)) " " (d.year()) }
                    @if let Some(w) = p.working_style { " · " (w) }
                    @if let Some(f) = &p.feedback_style { " · likes feedback " (f) }
                }
                @if !p.interests.is_empty() || !p.knowledge.is_empty() || !p.growth_goals.is_empty() {
                    p.meta.about {
                        @if !p.interests.is_empty() { "Interested in " (p.interests.join(", ")) ". " }
                        @if !p.knowledge.is_empty() { "Knows " (p.knowledge.join(", ")) ". " }
                        @if !p.growth_goals.is_empty() { "Wants to grow in " (p.growth_goals.join(", ")) "." }
                    }
                }
            }
            div.week-nav.person-actions {
                @if c.private {
                    a.btn.quiet #hide-private href=(format!("/people/{}", p.id)) { "Hide private notes" }
                } @else {
                    a.btn.quiet #show-private href=(format!("/people/{}?private=1", p.id)) { "Show private notes" }
                }
                a.btn #review-prep href=(review) download { "Review preparation" }
                a.btn #export-person href=(format!("/people/{}.md", p.id)) download { "Export" }
                @if p.archived {
                    form.inline method="post" action=(c.action("restore")) {
                        (c.hidden("restore"))
                        button.btn #restore-person type="submit" { "Restore" }
                    }
                } @else {
                    form.inline.confirm method="post" action=(c.action("archive"))
                        data-confirm=(format!("Archive {}? Everything kept about them stays; they leave your lists.", p.name)) {
                        (c.hidden("archive"))
                        button.btn #archive-person type="submit" { "Archive" }
                    }
                }
                a.btn.danger #delete-person href=(c.action("delete")) { "Delete…" }
            }
        }
        @if p.archived {
            p.notice.done #archived-note { "Archived: kept with their whole history, left out of lists and warnings." }
        }
    }
}

fn signals(c: &Ctx) -> Markup {
    let list = &c.p.signals;
    html! {
        section.attention #signals data-count=(list.len()) aria-labelledby="signals-title" {
            h2 #signals-title { "Needs attention" }
            @if list.is_empty() {
                p.all-good { "Nothing about " (c.first()) " needs attention right now." }
            } @else {
                ul { @for x in list { li { (x) } } }
            }
        }
    }
}

fn stats(c: &Ctx) -> Markup {
    let o = &c.p.one_on_ones;
    let b = &c.p.balance;
    let t = &c.p.trend;
    html! {
        section.stats aria-label="At a glance" {
            (stat("last-met", "Last met",
                html! { @match o.last_met { Some(d) => (fmt::day(d)), None => "never" } },
                o.last_met.map(|d| d.to_string()).unwrap_or_default(),
                html! { @match o.overdue_days {
                    Some(d) => span.badge.failed #overdue-badge { (plural(d, "day", "days")) " overdue" },
                    None => "within the cadence",
                } }))
            (stat("next", "Next 1:1",
                html! { @match &o.next { Some(n) => (fmt::day(time::local_date(n.start, &c.here.tz))), None => "—" } },
                o.next.as_ref().map(|n| time::local_date(n.start, &c.here.tz).to_string()).unwrap_or_default(),
                html! { @match &o.next { Some(n) => (n.start.to_zoned_datetime(c.here.tz.clone()).strftime("%H:%M").to_string()), None => "nothing booked" } }))
            (stat("open-actions", "Open actions",
                html! { (c.p.agenda.actions.len()) },
                c.p.agenda.actions.len().to_string(),
                html! { (plural(c.p.agenda.theirs.len() + c.p.agenda.mine.len(), "agenda item", "agenda items")) }))
            (stat("feedback", "Feedback + / −",
                html! { (b.positive) " / " (b.constructive) },
                format!("{}/{}", b.positive, b.constructive),
                html! { @match b.days_since_positive { Some(d) => { "last praise " (plural(d, "day", "days")) " ago" } None => "no praise yet" } }))
            (stat("energy", "Energy",
                html! { @match t.latest { Some(e) => { (e) "/5" } None => "—" } },
                t.latest.map(|e| e.to_string()).unwrap_or_default(),
                html! { (t.direction) }))
        }
    }
}

fn private_notes(c: &Ctx) -> Markup {
    html! {
        section.card.private #private-notes aria-labelledby="private-title" {
            h2 #private-title { "Private notes" }
            p.hint { "Only you see these. They are left out of every export unless you ask for them." }
            @match &c.p.person.private_notes {
                Some(n) => p.private-text { (n) },
                None => p.muted { "No private notes about " (c.first()) " yet: add them in “Edit”." },
            }
            p {
                a href=(format!("/people/{}.md?include_private=1", c.id())) download { "Export with private notes" }
                " · "
                a href=(format!("/people/{}/review.md?include_private=1", c.id())) download { "Review preparation with private notes" }
            }
        }
    }
}

/// Checks the token and the person, runs `change`, then redirects back to the page (or
/// renders it again with what went wrong).
async fn handle<F, Fut>(s: AppState, id: String, f: Fields, anchor: &str, change: F) -> Response
where
    F: FnOnce(AppState, i64, Fields) -> Fut,
    Fut: std::future::Future<Output = Result<String, Failure>>,
{
    let id = match person_id(&id) {
        Ok(id) => id,
        Err(e) => return layout::failure_page(&s, Nav::People, &e),
    };
    let private = f.checked("private");
    match change(s.clone(), id, f.clone()).await {
        Ok(to) => {
            s.changed();
            if to.starts_with('/') {
                see_other(&to)
            } else {
                see_other(&back(id, private, &to, anchor))
            }
        }
        Err(e) => {
            render(
                &s,
                e.status,
                vec![Notice::Failed(e.message)],
                id,
                private,
                None,
                Some(&f),
            )
            .await
        }
    }
}

/// The route of a form on the person page: [`handle`] with `change`, coming back to `anchor`.
fn form<F, Fut>(anchor: &'static str, change: F) -> MethodRouter<AppState>
where
    F: FnOnce(AppState, i64, Fields) -> Fut + Clone + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<String, Failure>> + Send + 'static,
{
    post_for_id(move |s, id, f| handle(s, id, f, anchor, change))
}

/// Checks that a record a form named is this person's (`check`): when it is not, or is not
/// there at all, the page it was sent from is out of date, which `message` says (404).
async fn theirs<T>(
    check: impl Future<Output = fulcrum_app::Result<T>>,
    message: String,
) -> Result<T, Failure> {
    check.await.map_err(|e| match e {
        AppError::NotFound { .. } | AppError::Invalid { .. } => {
            Failure::new(StatusCode::NOT_FOUND, message)
        }
        e => e.into(),
    })
}

/// The addresses this module answers: the page and its downloads here, each part's forms in
/// its module.
pub(crate) fn routes() -> axum::Router<AppState> {
    use axum::routing::get;
    [
        axum::Router::new()
            .route("/people/{id}", get(page))
            .route("/people/{id}/review.md", get(review)),
        details::routes(),
        one_on_ones::routes(),
        observations::routes(),
        feedback::routes(),
        relationships::routes(),
        onboarding::routes(),
    ]
    .into_iter()
    .fold(axum::Router::new(), axum::Router::merge)
}

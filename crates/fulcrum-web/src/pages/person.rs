//! `/people/{id}`: everything about one person — what needs attention, their 1:1s (history,
//! the next agenda, logging one), feedback and its balance, observations and their trend,
//! delegations and style, contact, commitments, preps and onboarding — with the forms that
//! change them. Private notes show only when asked for (`?private=1`). Deleting someone goes
//! through a page that says what goes with them; archiving keeps everything.

use super::people::{
    Here, Sub, flag, here, markdown, plural, query_date, slug, style_options, sub_nav, when,
};
use super::{Fields, done_notice, see_other};
use crate::extract::CheckedForm;
use crate::layout::{self, Nav, Notice, csrf_field, frame, respond};
use crate::{AppState, Failure, charts, fmt};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use fulcrum_app::one_on_ones::{self, LogRequest, NewItem};
use fulcrum_app::people::{self, NewObservation, PersonEdit, PersonPage};
use fulcrum_app::relationships::{self, NewCommitment, NewInteraction};
use fulcrum_app::{feedback, onboarding};
use fulcrum_core::feedback::{Direction, Feedback, LintFinding, Polarity};
use fulcrum_core::observations::Context;
use fulcrum_core::one_on_one::{Item, ItemKind, Owner, Topic};
use fulcrum_core::people::{Relation, WorkingStyle};
use fulcrum_core::privacy::Privacy;
use fulcrum_core::relationships::{CommitmentStatus, InteractionKind};
use fulcrum_core::time;
use maud::{Markup, html};

#[derive(Debug, Default, serde::Deserialize)]
pub struct PersonQuery {
    pub private: Option<String>,
    pub include_private: Option<String>,
    pub done: Option<String>,
    /// The feedback just noted, whose lint findings the page shows.
    pub lint: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
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
    let p = match people::page(s.store.as_ref(), id, here.now, privacy).await {
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
    let body = html! {
        (sub_nav(Sub::People))
        (head(&c))
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
        (edit_form(&c))
    };
    respond(
        status,
        frame(s, &p.person.name, Nav::People, &notices, body),
    )
}

fn lint_of(f: &Feedback) -> Vec<LintFinding> {
    if f.direction == Direction::Given {
        fulcrum_core::feedback::lint(f.polarity, &f.situation, &f.behaviour, &f.impact)
    } else {
        Vec::new()
    }
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

pub fn lint_list(id: &str, findings: &[LintFinding]) -> Markup {
    html! {
        ul.lint id=(id) data-count=(findings.len()) {
            @for l in findings {
                li data-kind=(l.kind.as_str()) data-part=(l.part) {
                    span class=(format!("kind kind-lint-{}", l.kind.as_str())) { (l.kind) }
                    " " (l.message)
                }
            }
        }
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

fn stat(id: &str, label: &str, value: Markup, raw: String, sub: Markup) -> Markup {
    html! {
        div.stat data-stat=(id) data-value=(raw) {
            span.stat-label { (label) }
            span.stat-value { (value) }
            span.stat-sub { (sub) }
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

fn item_li(c: &Ctx, i: &Item, carried: Option<usize>) -> Markup {
    html! {
        li.agenda-item data-item-id=(i.id) data-kind=(i.kind.as_str()) data-owner=(i.owner.as_str())
            data-item-text=(i.text) data-carried=[carried] {
            span.item-main {
                span.item-text { (i.text) }
                span.item-meta {
                    @if i.kind == ItemKind::Action {
                        @if i.owner == Owner::Me { "yours" } @else { (c.first()) "'s" }
                        " · "
                    }
                    "added " (fmt::day(i.created_on))
                    @if let Some(d) = i.due {
                        " · " span.due.overdue[d < c.here.today] { "due " (fmt::day(d)) }
                    }
                    @if let Some(n) = carried.filter(|n| *n > 0) {
                        " · " span.carried.overdue[n >= fulcrum_core::one_on_one::STALE_CARRIES] {
                            "carried through " (plural(n as i64, "1:1", "1:1s"))
                        }
                    }
                }
            }
            form.inline method="post" action=(c.action("items/close")) {
                (c.hidden("close-item"))
                input type="hidden" name="item" value=(i.id);
                button.btn.small type="submit" aria-label=(format!("Mark “{}” done", i.text)) { "Done" }
            }
        }
    }
}

fn agenda(c: &Ctx) -> Markup {
    let a = &c.p.agenda;
    let next = c.p.one_on_ones.next.as_ref();
    let next_day = next.map(|n| time::local_date(n.start, &c.here.tz).to_string());
    let topics = &c.p.topics;
    let kind = c.typed("item").and_then(|f| f.get("kind"));
    html! {
        section.card #agenda aria-labelledby="agenda-title" data-next=(next_day.clone().unwrap_or_default())
            data-theirs=(a.theirs.len()) data-mine=(a.mine.len()) data-actions=(a.actions.len()) {
            h2 #agenda-title { "Next 1:1" }
            p #next-one-on-one data-date=(next_day.unwrap_or_default()) {
                @match next {
                    Some(n) => { strong { (when(n.start, &c.here.tz)) } " · " (n.title) }
                    None => span.muted { "Nothing booked in your calendar. Book the next one." }
                }
            }
            h3 { "Their topics" }
            @if a.theirs.is_empty() {
                p.muted.empty { "Nothing from " (c.first()) " yet. The meeting is theirs first: ask them to add topics." }
            } @else {
                ul.agenda #agenda-theirs { @for i in &a.theirs { (item_li(c, i, None)) } }
            }
            h3 { "Your topics" }
            @if a.mine.is_empty() {
                p.muted.empty { "Nothing of yours." }
            } @else {
                ul.agenda #agenda-mine { @for i in &a.mine { (item_li(c, i, None)) } }
            }
            h3 { "Open actions" }
            @if a.actions.is_empty() {
                p.muted.empty { "No open actions." }
            } @else {
                ul.agenda #agenda-actions { @for x in &a.actions { (item_li(c, &x.item, Some(x.carried))) } }
            }
            form #add-item method="post" action=(c.action("items")) {
                (c.hidden("item"))
                div.fields {
                    div.field.wide {
                        label for="item-text" { "Add to the agenda" }
                        input #item-text type="text" name="text" required value=(c.val("item", "text", ""))
                            placeholder="How the on-call rotation feels";
                    }
                    div.field {
                        label for="item-kind" { "Whose is it" }
                        select #item-kind name="kind" {
                            @for (v, label) in [("theirs", "their topic"), ("mine", "your topic"),
                                ("action-me", "an action for you"), ("action-them", "an action for them")] {
                                option value=(v) selected[kind.as_deref() == Some(v)] { (label) }
                            }
                        }
                    }
                    div.field {
                        label for="item-due" { "Due (actions)" }
                        input #item-due type="date" name="due" value=(c.val("item", "due", ""));
                    }
                }
                button.btn #add-item-submit type="submit" { "Add" }
            }
            @if let Some(sug) = &topics.suggestion {
                div.topic-suggestion #topic-suggestion data-topic=(sug.topic.as_str()) {
                    h3 { "A theme to bring back: " (sug.topic.label()) }
                    p { (sug.why) }
                    ul { @for q in &sug.prompts { li { (q) } } }
                }
            }
            @if topics.looked_at > 0 {
                details.numbers #topic-balance {
                    summary { "Themes of the last " (plural(topics.looked_at as i64, "1:1", "1:1s")) }
                    ul.plain.topic-counts {
                        @for t in &topics.counts {
                            li data-topic=(t.topic.as_str()) data-count=(t.count) {
                                (t.topic.label()) ": " (t.count)
                                @if let Some(d) = t.last_on { span.muted { " · last " (fmt::day(d)) } }
                            }
                        }
                    }
                    @if topics.status_heavy {
                        p.field-error { "Status updates crowd out the rest: move them to the team board." }
                    }
                }
            }
        }
    }
}

fn log_form(c: &Ctx) -> Markup {
    let open: Vec<&Item> = c.p.agenda.theirs.iter().chain(&c.p.agenda.mine).collect();
    html! {
        section.card #log-one-on-one aria-labelledby="log-title" {
            h2 #log-title { "Log this 1:1" }
            p.hint { "Agenda items count as discussed unless you keep them; open actions carry forward until they are done." }
            form #log-form method="post" action=(c.action("log")) {
                (c.hidden("log"))
                div.fields {
                    div.field {
                        label for="log-date" { "Held on" }
                        input #log-date type="date" name="held_on" value=(c.val("log", "held_on", c.here.today.to_string()))
                            max=(c.here.today.to_string());
                    }
                    div.field.wide {
                        label for="log-shared" { "Shared notes (both of you may see them)" }
                        textarea #log-shared name="shared_notes" rows="3" { (c.val("log", "shared_notes", "")) }
                    }
                    div.field.wide {
                        label for="log-private" { "Private notes (yours only)" }
                        textarea #log-private name="private_notes" rows="2" { (c.val("log", "private_notes", "")) }
                    }
                    fieldset.field.checks.wide {
                        legend { "Themes" }
                        @for t in Topic::ALL {
                            span.check {
                                input type="checkbox" name="topic" value=(t.as_str()) id=(format!("log-topic-{}", t.as_str()))
                                    checked[c.ticked("log", "topic", t.as_str())];
                                label for=(format!("log-topic-{}", t.as_str())) { (t.label()) }
                            }
                        }
                    }
                    div.field.wide {
                        label for="log-actions" { "Actions, one a line: “me: …” or “them: …”" }
                        textarea #log-actions name="actions" rows="3" placeholder="me: send the RFC link\nthem: draft the ADR" {
                            (c.val("log", "actions", ""))
                        }
                    }
                    @if !open.is_empty() {
                        fieldset.field.checks.wide {
                            legend { "Keep for next time (not discussed)" }
                            @for i in &open {
                                span.check {
                                    input type="checkbox" name="keep" value=(i.id) id=(format!("keep-{}", i.id))
                                        checked[c.ticked("log", "keep", &i.id.to_string())];
                                    label for=(format!("keep-{}", i.id)) { (i.text) }
                                }
                            }
                        }
                    }
                }
                button.btn.primary #log-submit type="submit" { "Log the 1:1" }
            }
        }
    }
}

fn who_cancelled(c: &Ctx, by: &str) -> String {
    if c.here.profile.is_me(by) {
        "you".into()
    } else if c.p.person.emails.iter().any(|e| e.eq_ignore_ascii_case(by)) {
        c.first().to_string()
    } else {
        by.to_string()
    }
}

fn history(c: &Ctx) -> Markup {
    let h = &c.p.one_on_ones.history;
    let counts = &c.p.one_on_ones.counts;
    html! {
        section.card #history aria-labelledby="history-title" data-count=(h.len()) {
            h2 #history-title { "1:1 history " span.count { (h.len()) } }
            p.hint {
                (counts.held) " held, " (counts.moved) " moved, " (counts.cancelled) " cancelled, "
                (counts.declined) " declined, " (counts.upcoming) " coming up; " (counts.logged) " logged with notes. "
                "From your calendar over the last " (plural(people::HISTORY_DAYS, "day", "days")) " and the next " (people::AHEAD_DAYS) "."
                @if c.p.one_on_ones.cancelled_by_me_in_a_row >= 2 {
                    " " span.field-error { "You called off the last " (c.p.one_on_ones.cancelled_by_me_in_a_row) " in a row." }
                }
            }
            @if h.is_empty() {
                p.muted #no-history { "No 1:1s with " (c.first()) " in your calendar, and none logged." }
            } @else {
                div.table-wrap {
                    table #history-table {
                        thead { tr {
                            th scope="col" { "When" }
                            th scope="col" { "What became of it" }
                            th scope="col" { "Themes" }
                            th scope="col" { "Shared notes" }
                            @if c.private { th scope="col" { "Private notes" } }
                        } }
                        tbody {
                            @for e in h.iter().rev() {
                                @let state = e.meeting.as_ref().map_or("logged", |m| m.state.as_str());
                                tr class=(format!("history-entry state-{state}")) data-state=(state) data-date=(e.on.to_string())
                                    data-logged=(e.note.is_some()) {
                                    td.nowrap {
                                        @match &e.meeting {
                                            Some(m) => (when(m.start, &c.here.tz)),
                                            None => (fmt::day(e.on)),
                                        }
                                    }
                                    td {
                                        span class=(format!("badge state state-{state}")) { (state) }
                                        @if let Some(by) = e.meeting.as_ref().and_then(|m| m.cancelled_by.as_deref()) {
                                            " " span.muted.cancelled-by { "by " (who_cancelled(c, by)) }
                                        }
                                        @if e.meeting.is_some() && e.note.is_some() { " " span.badge.ok { "logged" } }
                                    }
                                    td {
                                        @if let Some(n) = &e.note {
                                            (n.topics.iter().map(|t| t.label()).collect::<Vec<_>>().join(", "))
                                        }
                                    }
                                    td.notes {
                                        @if let Some(t) = e.note.as_ref().and_then(|n| n.shared_notes.as_deref()) { (t) }
                                    }
                                    @if c.private {
                                        td.notes.private-text {
                                            @if let Some(t) = e.note.as_ref().and_then(|n| n.private_notes.as_deref()) { (t) }
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
}

fn given_delivered<'a>(c: &'a Ctx) -> Vec<&'a Feedback> {
    c.p.feedback
        .iter()
        .filter(|f| f.direction == Direction::Given && f.delivered_on.is_some())
        .collect()
}

fn balance(c: &Ctx) -> Markup {
    let b = &c.p.balance;
    html! {
        section.card #feedback-balance aria-labelledby="balance-title"
            data-positive=(b.positive) data-constructive=(b.constructive)
            data-days-since-positive=(b.days_since_positive.map(|d| d.to_string()).unwrap_or_default())
            data-waiting=(b.waiting) {
            h2 #balance-title { "Feedback balance" }
            dl.facts {
                div { dt { "Positive" } dd.fb-positive-text { (b.positive) } }
                div { dt { "Constructive" } dd.fb-constructive-text { (b.constructive) } }
                div { dt { "Since praise" } dd {
                    @match b.days_since_positive { Some(d) => (plural(d, "day", "days")), None => "never" }
                } }
                div { dt { "Ratio + : −" } dd { @match b.ratio { Some(r) => (format!("{r:.1} : 1")), None => "—" } } }
                div { dt { "Delivered in time" } dd { @match b.timely_share { Some(t) => (fmt::percent(t)), None => "—" } } }
                div { dt { "Waiting to be told" } dd { (b.waiting) } }
            }
            @if !b.warnings.is_empty() {
                ul.warnings { @for w in &b.warnings { li { (w) } } }
            }
            (charts::feedback_over_time(&given_delivered(c), c.here.today))
        }
    }
}

pub fn sbi(f: &Feedback) -> Markup {
    html! {
        span.sbi {
            @if !f.situation.is_empty() { span.sbi-part { em { "Situation " } (f.situation) } }
            @if !f.behaviour.is_empty() { span.sbi-part { em { "Behaviour " } (f.behaviour) } }
            @if !f.impact.is_empty() { span.sbi-part { em { "Impact " } (f.impact) } }
        }
    }
}

fn feedback_list(c: &Ctx, linted: Option<&Feedback>) -> Markup {
    let mut list: Vec<&Feedback> = c.p.feedback.iter().collect();
    list.sort_by_key(|f| std::cmp::Reverse((f.event_on, f.id)));
    html! {
        section.card #feedback aria-labelledby="feedback-title" data-count=(list.len()) {
            h2 #feedback-title { "Feedback " span.count { (list.len()) } }
            @if let Some(f) = linted {
                @let findings = lint_of(f);
                div #lint data-feedback-id=(f.id) data-count=(findings.len()) {
                    @if findings.is_empty() {
                        p.all-good { "The check found nothing to sharpen in the feedback you just noted." }
                    } @else {
                        p { strong { "Before you deliver it:" } }
                        (lint_list("lint-findings", &findings))
                    }
                }
            }
            @if list.is_empty() {
                p.muted { "No feedback noted with " (c.first()) " yet." }
            } @else {
                ul.feedback-items #feedback-items {
                    @for f in list.iter().take(6) { (feedback_item(c, f)) }
                }
                @if list.len() > 6 {
                    p { a href=(format!("/feedback?person={}", c.id())) { "All " (list.len()) " on the Feedback page" } }
                }
            }
            details #add-feedback-box open[c.typed("feedback").is_some() || c.p.feedback.is_empty()] {
                summary.btn { "Note feedback" }
                (add_feedback_form(c))
            }
        }
    }
}

fn feedback_item(c: &Ctx, f: &Feedback) -> Markup {
    let pol = f.polarity.map_or("request", |p| p.as_str());
    html! {
        li.feedback-item data-feedback-id=(f.id) data-direction=(f.direction.as_str()) data-polarity=(pol)
            data-delivered=(f.delivered_on.is_some()) {
            div.item-main {
                span.item-meta {
                    span class=(format!("badge fb-{pol}")) { (pol) } " " (f.direction) " · " (fmt::day(f.event_on))
                    @if let Some(d) = f.delivered_on {
                        " · delivered " (fmt::day(d))
                        @if f.is_timely() == Some(false) { " " span.due.overdue { "(late)" } }
                    } @else if f.direction == Direction::Given {
                        " · " span.due.overdue[f.is_stale(c.here.today)] { "not delivered yet" }
                    }
                    @if let Some(t) = &f.theme { " · " (t) }
                }
                (sbi(f))
                @if let Some(d) = f.followed_up_on {
                    span.item-meta { "Followed up " (fmt::day(d)) @if let Some(n) = &f.follow_up_note { ": " (n) } }
                } @else if let Some(due) = f.follow_up_due.filter(|_| f.is_given(Polarity::Constructive)) {
                    span.item-meta { "Follow up on " (fmt::day(due)) }
                }
            }
            div.item-actions {
                @if f.delivered_on.is_none() && f.direction != Direction::Received {
                    form.inline method="post" action=(c.action("feedback/deliver")) {
                        (c.hidden("deliver"))
                        input type="hidden" name="feedback" value=(f.id);
                        button.btn.small type="submit" { @if f.direction == Direction::Requested { "Answered today" } @else { "Delivered today" } }
                    }
                }
                @if f.follow_up_overdue(c.here.today).is_some_and(|d| d >= 0) {
                    form.decide method="post" action=(c.action("feedback/follow-up")) {
                        (c.hidden("follow-up"))
                        input type="hidden" name="feedback" value=(f.id);
                        label.visually-hidden for=(format!("follow-{}", f.id)) { "What has changed since?" }
                        input type="text" id=(format!("follow-{}", f.id)) name="note" placeholder="what changed since?"
                            value=(c.typed("follow-up").filter(|t| t.raw("feedback") == Some(f.id.to_string().as_str()))
                                .and_then(|t| t.raw("note")).unwrap_or(""));
                        button.btn.small type="submit" { "Followed up" }
                    }
                }
            }
        }
    }
}

/// The fields of a piece of feedback as situation, behaviour and impact, with what was typed
/// into a refused form.
pub fn sbi_fields(prefix: &str, today: jiff::civil::Date, typed: Option<&Fields>) -> Markup {
    let id = |name: &str| format!("{prefix}-{name}");
    let v = |name: &str| typed.and_then(|t| t.raw(name)).unwrap_or("").to_string();
    let direction = typed.and_then(|t| t.get("direction"));
    let polarity = typed.and_then(|t| t.get("polarity"));
    html! {
        div.field {
            label for=(id("direction")) { "Direction" }
            select id=(id("direction")) name="direction" {
                @for (d, label) in [
                    (Direction::Given, "given — you told them"),
                    (Direction::Received, "received — they told you"),
                    (Direction::Requested, "requested — you asked them"),
                ] {
                    option value=(d.as_str()) selected[direction.as_deref() == Some(d.as_str())] { (label) }
                }
            }
        }
        fieldset.field.checks {
            legend { "Kind" }
            @for (p, label) in [
                (Polarity::Positive, "positive — keep doing it"),
                (Polarity::Constructive, "constructive — change something"),
            ] {
                span.check {
                    input type="radio" name="polarity" value=(p.as_str()) id=(id(p.as_str()))
                        checked[polarity.as_deref() == Some(p.as_str())];
                    label for=(id(p.as_str())) { (label) }
                }
            }
        }
        div.field.wide {
            label for=(id("situation")) { "Situation " span.prompt { "— when and where, who was there" } }
            textarea id=(id("situation")) name="situation" rows="2"
                placeholder="In Tuesday's design review of the billing service" { (v("situation")) }
        }
        div.field.wide {
            label for=(id("behaviour")) { "Behaviour " span.prompt { "— what they did or said, as anyone could have seen it" } }
            textarea id=(id("behaviour")) name="behaviour" rows="2" { (v("behaviour")) }
        }
        div.field.wide {
            label for=(id("impact")) { "Impact " span.prompt { "— what it did to you, the team or the work" } }
            textarea id=(id("impact")) name="impact" rows="2" { (v("impact")) }
        }
        div.field {
            label for=(id("theme")) { "Theme (what it is about)" }
            input type="text" id=(id("theme")) name="theme" placeholder="communication" value=(v("theme"));
        }
        div.field {
            label for=(id("date")) { "It happened on" }
            input type="date" id=(id("date")) name="event_on" max=(today.to_string())
                value=(typed.map_or_else(|| today.to_string(), |_| v("event_on")));
        }
        div.field {
            label for=(id("delivered-on")) { "Delivered on (if not the same day)" }
            input type="date" id=(id("delivered-on")) name="delivered_on" max=(today.to_string()) value=(v("delivered_on"));
        }
        div.field.check {
            input type="checkbox" name="delivered" value="on" id=(id("delivered"))
                checked[typed.is_some_and(|t| t.checked("delivered"))];
            label for=(id("delivered")) { "Already delivered (told them, heard it, got the answer)" }
        }
    }
}

fn add_feedback_form(c: &Ctx) -> Markup {
    html! {
        form #add-feedback method="post" action=(c.action("feedback")) {
            (c.hidden("feedback"))
            div.fields { (sbi_fields("fb", c.here.today, c.typed("feedback"))) }
            button.btn.primary #add-feedback-submit type="submit" { "Note the feedback" }
        }
    }
}

/// A new piece of feedback from the SBI form. "Already delivered" without a date means on
/// the day it happened (today when that is not given either).
pub fn new_feedback(
    f: &Fields,
    person_id: Option<i64>,
    today: jiff::civil::Date,
) -> Result<fulcrum_app::feedback::NewFeedback, Failure> {
    let direction = f
        .word("direction", Direction::parse, &Direction::words())?
        .unwrap_or(Direction::Given);
    let event_on = f.date("event_on")?;
    let delivered_on = match f.date("delivered_on")? {
        Some(d) => Some(d),
        None if f.checked("delivered") => Some(event_on.unwrap_or(today)),
        None => None,
    };
    Ok(fulcrum_app::feedback::NewFeedback {
        person_id,
        who: f.get("who"),
        direction,
        polarity: f.word("polarity", Polarity::parse, &Polarity::words())?,
        situation: f.get("situation").unwrap_or_default(),
        behaviour: f.get("behaviour").unwrap_or_default(),
        impact: f.get("impact").unwrap_or_default(),
        theme: f.get("theme"),
        event_on,
        delivered_on,
        follow_up_due: f.date("follow_up_due")?,
    })
}

fn observations(c: &Ctx) -> Markup {
    let t = &c.p.trend;
    let mut recent: Vec<_> = c.p.observations.iter().collect();
    recent.sort_by_key(|o| std::cmp::Reverse((o.on, o.id)));
    html! {
        section.card #observations aria-labelledby="observations-title" data-count=(recent.len())
            data-direction=(t.direction.as_str()) data-latest=(t.latest.map(|e| e.to_string()).unwrap_or_default()) {
            h2 #observations-title { "Observations" }
            p.hint {
                "How " (c.first()) " seemed, 1 (drained) to 5 (energised). "
                @match (t.recent_average, t.previous_average) {
                    (Some(r), Some(p)) => { "Lately " (format!("{r:.1}")) " against " (format!("{p:.1}")) " before: " strong { (t.direction) } "." }
                    (Some(r), None) => { "Average " (format!("{r:.1}")) "; a few more to see a trend." }
                    _ => "None yet: a quick note after a standup or a 1:1 is enough.",
                }
            }
            @if let Some(pr) = &t.prompt { p.field-error #energy-prompt { (pr) } }
            (charts::energy_sparkline(&t.points))
            @if !recent.is_empty() {
                ul.plain.observation-list {
                    @for o in recent.iter().take(5) {
                        li data-observation-id=(o.id) data-energy=(o.energy) {
                            strong { (o.energy) "/5" } " · " (fmt::day(o.on)) " · " (o.context)
                            @if let Some(n) = &o.note { " — " (n) }
                        }
                    }
                }
            }
            form #observe-form method="post" action=(c.action("observe")) {
                (c.hidden("observe"))
                div.fields {
                    fieldset.field.checks.wide {
                        legend { "Energy" }
                        @for e in 1..=5u8 {
                            span.check {
                                input type="radio" name="energy" value=(e) id=(format!("energy-{e}")) required
                                    checked[c.ticked("observe", "energy", &e.to_string())];
                                label for=(format!("energy-{e}")) {
                                    (e) @match e { 1 => " drained", 3 => " as usual", 5 => " energised", _ => "" }
                                }
                            }
                        }
                    }
                    div.field {
                        label for="observe-context" { "Where" }
                        select #observe-context name="context" {
                            @for x in Context::ALL {
                                option value=(x.as_str()) selected[c.ticked("observe", "context", x.as_str())] { (x) }
                            }
                        }
                    }
                    div.field {
                        label for="observe-date" { "On" }
                        input #observe-date type="date" name="on" value=(c.val("observe", "on", c.here.today.to_string()))
                            max=(c.here.today.to_string());
                    }
                    div.field.wide {
                        label for="observe-note" { "Note" }
                        input #observe-note type="text" name="note" placeholder="quiet in standup, cameras off"
                            value=(c.val("observe", "note", ""));
                    }
                }
                button.btn #observe-submit type="submit" { "Note it" }
            }
        }
    }
}

fn delegations(c: &Ctx) -> Markup {
    let st = &c.p.style;
    html! {
        section.card #delegations aria-labelledby="delegations-title" data-count=(c.p.delegations.len()) {
            h2 #delegations-title { "Delegations " span.count { (c.p.delegations.len()) } }
            @if c.p.delegations.is_empty() {
                p.muted { "Nothing delegated to " (c.first()) " yet." }
            } @else {
                ul.plain {
                    @for d in &c.p.delegations {
                        li data-delegation-id=(d.id) data-status=(d.status.as_str()) {
                            a href=(format!("/delegation/{}", d.id)) { (d.title) } " · "
                            span class=(format!("badge status-{}", d.status.as_str())) { (d.status) } " · " (d.style)
                            @if let Some(o) = d.outcome { " · " (o) }
                            @let missing = d.expectations.missing();
                            @if d.is_open() && !missing.is_empty() {
                                " · " span.due.overdue { (plural(missing.len() as i64, "expectation", "expectations")) " missing" }
                            }
                        }
                    }
                }
            }
            h3 { "Style over time" }
            @if st.steps.is_empty() {
                p.muted { "No style history yet." }
            } @else {
                ol.style-steps #style-history {
                    @for step in &st.steps {
                        li data-style=(step.style.as_str()) data-outcome=(step.outcome.map(|o| o.as_str()).unwrap_or("")) {
                            (fmt::day(step.on)) " · " (step.title) ": " strong { (step.style) }
                            @if let Some(o) = step.outcome { " → " (o) }
                        }
                    }
                }
            }
            p #suggested-style data-style=(st.suggested.as_str()) {
                "Next time: " strong { (st.suggested) } " — " (st.why)
            }
            @if st.stuck { p.field-error { "Still telling step by step after three successes: give more room." } }
            @if c.p.person.is_active() {
                a.btn #delegate-to href=(format!("/delegation/new?person={}", c.id())) { "Delegate something to " (c.first()) }
            }
        }
    }
}

fn contact(c: &Ctx) -> Markup {
    let k = &c.p.contact;
    let mut logged: Vec<_> = c.p.interactions.iter().collect();
    logged.sort_by_key(|i| std::cmp::Reverse((i.on, i.id)));
    html! {
        section.card #contact aria-labelledby="contact-title"
            data-overdue-days=(k.overdue_days.map(|d| d.to_string()).unwrap_or_default())
            data-last-contact=(k.last_contact.map(|d| d.to_string()).unwrap_or_default()) {
            h2 #contact-title { "Keeping in touch" }
            p {
                @match k.last_contact {
                    Some(d) => { "Last in touch " strong { (fmt::day(d)) } @if let Some(src) = k.source { " (" (src) ")" } ". " }
                    None => "No contact seen yet. ",
                }
                "Wanted every " (plural(k.cadence_days, "day", "days")) "."
                @if let Some(d) = k.due_on { " Next due " (fmt::day(d)) "." }
                @if let Some(late) = k.overdue_days {
                    " " span.badge.failed { @if late == 0 { "due now" } @else { (plural(late, "day", "days")) " overdue" } }
                }
            }
            @if !logged.is_empty() {
                ul.plain.interactions {
                    @for i in logged.iter().take(5) {
                        li { (fmt::day(i.on)) " · " (i.kind) @if let Some(n) = &i.note { " — " (n) } }
                    }
                }
            }
            (contact_form(c.s, &c.action("contact"), c.here.today, "person", c.private, c.typed("contact")))
        }
    }
}

/// The form that logs a contact the calendar does not show.
pub fn contact_form(
    s: &AppState,
    action: &str,
    today: jiff::civil::Date,
    prefix: &str,
    private: bool,
    typed: Option<&Fields>,
) -> Markup {
    let id = |n: &str| format!("{prefix}-contact-{n}");
    let v = |n: &str, default: String| typed.and_then(|t| t.raw(n)).map_or(default, str::to_string);
    let kind = v("kind", String::new());
    html! {
        form.contact-form id=(id("form")) method="post" action=(action) {
            (csrf_field(s))
            input type="hidden" name="form" value="contact";
            @if private { input type="hidden" name="private" value="1"; }
            div.fields {
                div.field {
                    label for=(id("kind")) { "How" }
                    select id=(id("kind")) name="kind" {
                        @for k in InteractionKind::ALL { option value=(k.as_str()) selected[kind == k.as_str()] { (k) } }
                    }
                }
                div.field {
                    label for=(id("on")) { "On" }
                    input type="date" id=(id("on")) name="on" value=(v("on", today.to_string())) max=(today.to_string());
                }
                div.field.wide {
                    label for=(id("note")) { "Note" }
                    input type="text" id=(id("note")) name="note" placeholder="coffee after the planning"
                        value=(v("note", String::new()));
                }
            }
            button.btn.small type="submit" { "Log the contact" }
        }
    }
}

/// Update, done and drop for an open commitment; `typed` is what a refused update sent.
pub fn commitment_actions(
    s: &AppState,
    base: &str,
    id: i64,
    private: bool,
    typed: Option<&Fields>,
) -> Markup {
    let typed = typed.filter(|t| {
        t.raw("form") == Some("commitment-update")
            && t.raw("commitment") == Some(id.to_string().as_str())
    });
    let v = |n: &str| typed.and_then(|t| t.raw(n)).unwrap_or("").to_string();
    html! {
        div.item-actions {
            form.decide method="post" action=(format!("{base}/update")) {
                (csrf_field(s))
                input type="hidden" name="form" value="commitment-update";
                @if private { input type="hidden" name="private" value="1"; }
                input type="hidden" name="commitment" value=(id);
                label.visually-hidden for=(format!("c-note-{id}")) { "Where it stands" }
                input type="text" id=(format!("c-note-{id}")) name="note" placeholder="where it stands" value=(v("note"));
                label.visually-hidden for=(format!("c-due-{id}")) { "New date" }
                input type="date" id=(format!("c-due-{id}")) name="due" title="a new date, if it moves" value=(v("due"));
                button.btn.small type="submit" { "Told them" }
            }
            form.inline method="post" action=(format!("{base}/close")) {
                (csrf_field(s))
                @if private { input type="hidden" name="private" value="1"; }
                input type="hidden" name="commitment" value=(id);
                span.buttons {
                    button.btn.small type="submit" name="status" value="done" { "Done" }
                    button.btn.small.danger type="submit" name="status" value="dropped" { "Drop" }
                }
            }
        }
    }
}

fn commitments(c: &Ctx) -> Markup {
    let mut list: Vec<_> = c.p.commitments.iter().collect();
    list.sort_by_key(|x| (!x.is_open(), x.due, x.id));
    html! {
        section.card #commitments aria-labelledby="commitments-title" data-count=(list.len()) {
            h2 #commitments-title { "Your promises to " (c.first()) }
            @if list.is_empty() {
                p.muted { "No commitments noted." }
            } @else {
                ul.inbox-items {
                    @for x in &list {
                        @let nudge = x.nudge(c.here.today);
                        li.inbox-item.overdue[nudge.is_some()] data-commitment-id=(x.id) data-status=(x.status.as_str()) {
                            div.item-main {
                                span.item-text { (x.what) }
                                span.item-meta {
                                    "due " (fmt::day(x.due)) " · " (x.status)
                                    @if let Some(d) = x.last_update_on { " · last told them " (fmt::day(d)) }
                                    @if let Some(n) = &x.note { " · " (n) }
                                }
                                @if let Some(n) = &nudge { span.item-meta.nudge data-nudge=(n.kind.as_str()) { (n.message) } }
                            }
                            @if x.is_open() { (commitment_actions(c.s, &c.action("commitments"), x.id, c.private, c.typed)) }
                        }
                    }
                }
            }
            form #add-commitment method="post" action=(c.action("commitments")) {
                (c.hidden("commitment"))
                div.fields {
                    div.field.wide {
                        label for="commitment-what" { "You promised" }
                        input #commitment-what type="text" name="what" required placeholder="send the promotion criteria"
                            value=(c.val("commitment", "what", ""));
                    }
                    div.field {
                        label for="commitment-due" { "By" }
                        input #commitment-due type="date" name="due" required min=(c.here.today.to_string())
                            value=(c.val("commitment", "due", ""));
                    }
                }
                button.btn.small type="submit" { "Note the promise" }
            }
        }
    }
}

fn preps(c: &Ctx) -> Markup {
    html! {
        section.card #preps aria-labelledby="preps-title" data-count=(c.p.preps.len()) {
            h2 #preps-title { "Conversation preps" }
            @if c.p.preps.is_empty() {
                p.muted { "None yet." }
            } @else {
                ul.plain {
                    @for p in &c.p.preps {
                        li data-prep-id=(p.id) {
                            strong { (p.topic) }
                            @if let Some(d) = p.meeting_on { " · " (fmt::day(d)) }
                            @let gaps = p.gaps();
                            @if !gaps.is_empty() { " · " span.due.overdue { (gaps.join(", ")) " to think through" } }
                            " · " a href=(format!("/relationships/prep/{}.md", p.id)) download { "Markdown" }
                        }
                    }
                }
            }
            a.btn.small href=(format!("/relationships?person={}#add-prep", c.id())) { "Prepare a conversation" }
        }
    }
}

fn onboarding_card(c: &Ctx) -> Markup {
    html! {
        section.card #onboarding aria-labelledby="onboarding-title"
            data-percent=(c.p.onboarding.as_ref().map(|o| o.progress.percent.to_string()).unwrap_or_default()) {
            h2 #onboarding-title { "Onboarding" }
            @match &c.p.onboarding {
                None => {
                    p.muted { "No onboarding plan. Start one for a new joiner: the steps are dated from their first day." }
                    form #start-onboarding method="post" action=(c.action("onboarding/start")) {
                        (c.hidden("onboarding"))
                        div.fields {
                            div.field {
                                label for="onboarding-start" { "First day" }
                                input #onboarding-start type="date" name="start"
                                    value=(c.val("onboarding", "start", c.p.person.start_date.unwrap_or(c.here.today).to_string()));
                            }
                        }
                        button.btn #start-onboarding-submit type="submit" { "Start the plan" }
                    }
                }
                Some(o) => {
                    (progress_bar(o.progress.done, o.progress.total, o.progress.percent))
                    ol.steps.onboarding-steps {
                        @for st in &o.steps {
                            @let late = !st.is_done() && st.due.is_some_and(|d| d < c.here.today);
                            li.step data-seq=(st.seq) data-done=(st.is_done()) {
                                form.inline method="post" action=(c.action("onboarding/step")) {
                                    (c.hidden("step"))
                                    input type="hidden" name="seq" value=(st.seq);
                                    @if st.is_done() { input type="hidden" name="undo" value="1"; }
                                    button.btn.small.toggle type="submit" aria-pressed=(st.is_done())
                                        aria-label=(format!("{} “{}”", if st.is_done() { "Mark not done" } else { "Mark done" }, st.title)) {
                                        @if st.is_done() { "✓" } @else { "○" }
                                    }
                                }
                                " " span.step-title.muted[st.is_done()] { (st.title) }
                                @if let Some(d) = st.due { " " span.due.overdue[late] { (fmt::day(d)) } }
                            }
                        }
                    }
                    form.inline-field #add-step method="post" action=(c.action("onboarding/steps")) {
                        (c.hidden("add-step"))
                        label.visually-hidden for="step-title" { "A step of your own" }
                        input #step-title type="text" name="title" required placeholder="a step of your own"
                            value=(c.val("add-step", "title", ""));
                        label.visually-hidden for="step-due" { "Due" }
                        input #step-due type="date" name="due" value=(c.val("add-step", "due", ""));
                        button.btn.small type="submit" { "Add step" }
                    }
                }
            }
        }
    }
}

pub fn progress_bar(done: usize, total: usize, percent: u32) -> Markup {
    html! {
        div.progress data-done=(done) data-total=(total) data-percent=(percent) {
            div.progress-track role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow=(percent)
                aria-label=(format!("{done} of {total} steps done")) {
                div.progress-fill style=(format!("width: {percent}%")) {}
            }
            span.progress-text { (done) " of " (plural(total, "step", "steps")) " · " (percent) " %" }
        }
    }
}

fn edit_form(c: &Ctx) -> Markup {
    let p = &c.p.person;
    html! {
        details.card #edit-person open[c.typed("edit").is_some()] {
            summary { h2.inline-h { "Edit " (p.first_name()) "'s details" } }
            form #edit-form method="post" action=(c.action("edit")) {
                (c.hidden("edit"))
                div.fields {
                    div.field {
                        label for="edit-name" { "Name" }
                        input #edit-name type="text" name="name" required value=(c.val("edit", "name", p.name.clone()));
                    }
                    div.field {
                        label for="edit-emails" { "E-mail addresses" }
                        input #edit-emails type="text" name="emails" required value=(c.val("edit", "emails", p.emails.join(", "))) spellcheck="false";
                    }
                    div.field {
                        label for="edit-relation" { "Relation" }
                        select #edit-relation name="relation" {
                            @let relation = c.val("edit", "relation", p.relation.as_str());
                            @for r in Relation::ALL { option value=(r.as_str()) selected[r.as_str() == relation] { (r) } }
                        }
                    }
                    div.field {
                        label for="edit-team" { "Team" }
                        input #edit-team type="text" name="team" value=(c.val("edit", "team", p.team.clone().unwrap_or_default()));
                    }
                    div.field {
                        label for="edit-start" { "Start date" }
                        input #edit-start type="date" name="start_date" value=(c.val("edit", "start_date", p.start_date.map(|d| d.to_string()).unwrap_or_default()));
                    }
                    div.field {
                        label for="edit-cadence" { "1:1 every … days" }
                        input #edit-cadence type="number" min="1" name="cadence" value=(c.val("edit", "cadence", p.cadence_days.to_string()));
                    }
                    div.field {
                        label for="edit-minutes" { "1:1 length (minutes)" }
                        input #edit-minutes type="number" min="1" name="minutes" value=(c.val("edit", "minutes", p.duration_minutes.to_string()));
                    }
                    div.field {
                        label for="edit-contact" { "Be in touch every … days" }
                        input #edit-contact type="number" min="1" name="contact_cadence"
                            value=(c.val("edit", "contact_cadence", p.contact_cadence_days.map(|d| d.to_string()).unwrap_or_default())) placeholder=(p.contact_cadence());
                    }
                    div.field.wide {
                        label for="edit-interests" { "Interests" }
                        input #edit-interests type="text" name="interests" value=(c.val("edit", "interests", p.interests.join(", ")));
                    }
                    div.field.wide {
                        label for="edit-knowledge" { "Knows well" }
                        input #edit-knowledge type="text" name="knowledge" value=(c.val("edit", "knowledge", p.knowledge.join(", ")));
                    }
                    div.field.wide {
                        label for="edit-goals" { "Growth goals" }
                        input #edit-goals type="text" name="growth_goals" value=(c.val("edit", "growth_goals", p.growth_goals.join(", ")));
                    }
                    div.field {
                        label for="edit-style" { "Working style" }
                        select #edit-style name="working_style" {
                            (style_options(c.typed("edit").map_or(p.working_style, |t| {
                                t.get("working_style").and_then(|w| WorkingStyle::parse(&w))
                            })))
                        }
                    }
                    div.field {
                        label for="edit-feedback-style" { "Likes feedback …" }
                        input #edit-feedback-style type="text" name="feedback_style" value=(c.val("edit", "feedback_style", p.feedback_style.clone().unwrap_or_default()));
                    }
                    @if c.private {
                        div.field.wide {
                            label for="edit-private" { "Private notes" }
                            textarea #edit-private name="private_notes" rows="3" { (c.val("edit", "private_notes", p.private_notes.clone().unwrap_or_default())) }
                        }
                    } @else {
                        p.hint.wide {
                            a href=(format!("/people/{}?private=1#edit-person", p.id)) { "Show private notes" } " to edit them."
                        }
                    }
                }
                button.btn.primary #edit-submit type="submit" { "Save" }
            }
        }
    }
}

// ---- Forms ----

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

fn list_of(f: &Fields, name: &str) -> Option<Vec<String>> {
    f.raw(name).map(|v| vec![v.to_string()])
}

/// `POST /people/{id}/edit`: blank fields clear what they hold; private notes change only when
/// the form showed them.
pub async fn edit(
    State(s): State<AppState>,
    Path(id): Path<String>,
    CheckedForm(f): CheckedForm,
) -> Response {
    handle(s, id, f, "person", |s, id, f| async move {
        let e = PersonEdit {
            name: f.get("name"),
            emails: list_of(&f, "emails"),
            relation: f.word("relation", Relation::parse, &Relation::words())?,
            team: f.raw("team").map(str::to_string),
            start_date: f.date("start_date")?,
            cadence_days: f.number("cadence", "the 1:1 cadence (days)")?,
            duration_minutes: f.number("minutes", "the 1:1 length (minutes)")?,
            interests: list_of(&f, "interests"),
            knowledge: list_of(&f, "knowledge"),
            growth_goals: list_of(&f, "growth_goals"),
            working_style: f.word("working_style", WorkingStyle::parse, &WorkingStyle::words())?,
            feedback_style: f.raw("feedback_style").map(str::to_string),
            contact_cadence_days: f.number("contact_cadence", "the contact cadence (days)")?,
            private_notes: f.raw("private_notes").map(str::to_string),
        };
        people::edit(s.store.as_ref(), id, e).await?;
        Ok("person-updated".into())
    })
    .await
}

/// `POST /people/{id}/archive`
pub async fn archive(
    State(s): State<AppState>,
    Path(id): Path<String>,
    CheckedForm(f): CheckedForm,
) -> Response {
    handle(s, id, f, "person", |s, id, _| async move {
        people::archive(s.store.as_ref(), id).await?;
        Ok("person-archived".into())
    })
    .await
}

/// `POST /people/{id}/restore`
pub async fn restore(
    State(s): State<AppState>,
    Path(id): Path<String>,
    CheckedForm(f): CheckedForm,
) -> Response {
    handle(s, id, f, "person", |s, id, _| async move {
        people::restore(s.store.as_ref(), id).await?;
        Ok("person-restored".into())
    })
    .await
}

/// `GET /people/{id}/delete`: what goes with them, before anything is deleted.
pub async fn delete_page(State(s): State<AppState>, Path(id): Path<String>) -> Response {
    delete_render(&s, StatusCode::OK, Vec::new(), &id).await
}

async fn delete_render(
    s: &AppState,
    status: StatusCode,
    notices: Vec<Notice>,
    id: &str,
) -> Response {
    let found = async {
        let id = person_id(id)?;
        let d = people::deletion_preview(s.store.as_ref(), id).await?;
        Ok::<_, Failure>((d.person, d.records))
    }
    .await;
    let (p, records) = match found {
        Ok(x) => x,
        Err(f) => return layout::failure_page(s, Nav::People, &f),
    };
    let total = records.total();
    let body = html! {
        (sub_nav(Sub::People))
        div.page-head { div {
            h1 { "Delete " (p.name) "?" }
            p.meta { "Deleting cannot be undone. Archiving keeps everything and only takes them out of your lists." }
        } }
        section.card.danger-zone #delete-confirm data-records=(total) {
            @if total == 0 {
                p #records-text data-total="0" { "Nothing else is kept about " (p.first_name()) ": only the person goes." }
            } @else {
                p #records-text data-total=(total) {
                    "These go with them: " strong { (records.describe()) } "."
                }
            }
            p.hint { "Meetings in your calendar stay in the calendar; only what Fulcrum keeps about them is deleted." }
            div.week-nav {
                @if !p.archived {
                    form.inline method="post" action=(format!("/people/{}/archive", p.id)) {
                        (csrf_field(s))
                        button.btn.primary #archive-instead type="submit" { "Archive instead" }
                    }
                }
                form.inline method="post" action=(format!("/people/{}/delete", p.id)) {
                    (csrf_field(s))
                    input type="hidden" name="confirm" value="yes";
                    button.btn.danger #confirm-delete type="submit" {
                        @if total == 0 { "Delete the person" } @else { "Delete " (plural(total as i64, "record", "records")) " and the person" }
                    }
                }
                a.btn.quiet href=(format!("/people/{}", p.id)) { "Keep them" }
            }
        }
    };
    respond(
        status,
        frame(
            s,
            &format!("Delete {}", p.name),
            Nav::People,
            &notices,
            body,
        ),
    )
}

/// `POST /people/{id}/delete` with `confirm=yes`; without it nothing is deleted.
pub async fn delete(
    State(s): State<AppState>,
    Path(id): Path<String>,
    CheckedForm(f): CheckedForm,
) -> Response {
    if f.get("confirm").as_deref() != Some("yes") {
        return delete_render(
            &s,
            StatusCode::BAD_REQUEST,
            vec![Notice::Failed(
                "nothing was deleted: confirm with the button below, or archive instead".into(),
            )],
            &id,
        )
        .await;
    }
    let result = async {
        let id = person_id(&id)?;
        Ok::<_, Failure>(people::delete(s.store.as_ref(), id).await?)
    }
    .await;
    match result {
        Ok(_) => {
            s.changed();
            see_other("/people?done=person-deleted")
        }
        Err(e) => layout::failure_page(&s, Nav::People, &e),
    }
}

/// `POST /people/{id}/items`: `text`, `kind` (theirs, mine, action-me, action-them), `due`.
pub async fn add_item(
    State(s): State<AppState>,
    Path(id): Path<String>,
    CheckedForm(f): CheckedForm,
) -> Response {
    handle(s, id, f, "agenda", |s, id, f| async move {
        let (kind, owner) = match f.get("kind").as_deref() {
            None | Some("theirs") => (ItemKind::Agenda, Owner::Them),
            Some("mine") => (ItemKind::Agenda, Owner::Me),
            Some("action" | "action-me") => (ItemKind::Action, Owner::Me),
            Some("action-them") => (ItemKind::Action, Owner::Them),
            Some(k) => {
                return Err(Failure::bad_request(format!(
                    "kind = {k:?}: choose theirs, mine, action-me or action-them"
                )));
            }
        };
        let new = NewItem {
            person_id: id,
            kind,
            owner,
            text: f.get("text").unwrap_or_default(),
            due: f.date("due")?,
        };
        one_on_ones::add_item(s.store.as_ref(), new, crate::cache::now(&s.clock)).await?;
        Ok("item-added".into())
    })
    .await
}

/// `POST /people/{id}/items/close` with `item` (and `reopen=1` to open it again).
pub async fn close_item(
    State(s): State<AppState>,
    Path(id): Path<String>,
    CheckedForm(f): CheckedForm,
) -> Response {
    handle(s, id, f, "agenda", |s, id, f| async move {
        let item = f.id("item", "item")?;
        let theirs = s
            .store
            .items()
            .await
            .map_err(fulcrum_app::AppError::from)?
            .iter()
            .any(|i| i.id == item && i.person_id == id);
        if !theirs {
            return Err(Failure::new(
                StatusCode::NOT_FOUND,
                format!("item {item} is not on this person's agenda; reload the page"),
            ));
        }
        if f.checked("reopen") {
            one_on_ones::reopen_item(s.store.as_ref(), item).await?;
            Ok("item-reopened".into())
        } else {
            one_on_ones::close_item(s.store.as_ref(), item, crate::cache::now(&s.clock)).await?;
            Ok("item-closed".into())
        }
    })
    .await
}

/// `POST /people/{id}/log`: `held_on`, `shared_notes`, `private_notes`, `topic` (repeated),
/// `actions` (one a line), `keep` (repeated item ids).
pub async fn log(
    State(s): State<AppState>,
    Path(id): Path<String>,
    CheckedForm(f): CheckedForm,
) -> Response {
    handle(s, id, f, "history", |s, id, f| async move {
        let topics = one_on_ones::parse_topics(&f.all("topic"))?;
        let actions = f
            .raw("actions")
            .unwrap_or("")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(one_on_ones::parse_action)
            .collect::<fulcrum_app::Result<Vec<_>>>()?;
        let keep = f
            .all("keep")
            .iter()
            .map(|k| {
                k.parse::<i64>()
                    .map_err(|_| Failure::bad_request(format!("keep = {k:?}: not an item")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let req = LogRequest {
            person_id: id,
            held_on: f.date("held_on")?,
            shared_notes: f.get("shared_notes"),
            private_notes: f.get("private_notes"),
            topics,
            actions,
            keep,
        };
        one_on_ones::log(s.store.as_ref(), req, crate::cache::now(&s.clock)).await?;
        Ok("logged".into())
    })
    .await
}

/// `POST /people/{id}/observe`: `energy` (1–5), `context`, `note`, `on`.
pub async fn observe(
    State(s): State<AppState>,
    Path(id): Path<String>,
    CheckedForm(f): CheckedForm,
) -> Response {
    handle(s, id, f, "observations", |s, id, f| async move {
        let energy = f.number::<u8>("energy", "energy")?.ok_or_else(|| {
            Failure::bad_request("choose an energy from 1 (drained) to 5 (energised)")
        })?;
        let o = NewObservation {
            person_id: id,
            energy,
            context: f
                .word("context", Context::parse, &Context::words())?
                .unwrap_or(Context::Other),
            note: f.get("note"),
            on: f.date("on")?,
        };
        people::observe(s.store.as_ref(), o, crate::cache::now(&s.clock)).await?;
        Ok("observed".into())
    })
    .await
}

/// `POST /people/{id}/feedback`: the SBI form; the page shows the lint of what was noted.
pub async fn add_feedback(
    State(s): State<AppState>,
    Path(id): Path<String>,
    CheckedForm(f): CheckedForm,
) -> Response {
    handle(s, id, f, "feedback", |s, id, f| async move {
        let h = here(&s).await?;
        let new = new_feedback(&f, Some(id), h.today)?;
        let noted = feedback::add(s.store.as_ref(), new, h.now).await?;
        Ok(format!(
            "/people/{id}?done=feedback-added&lint={}{}#feedback",
            noted.feedback.id,
            if f.checked("private") {
                "&private=1"
            } else {
                ""
            }
        ))
    })
    .await
}

async fn own_feedback(s: &AppState, id: i64, f: &Fields) -> Result<i64, Failure> {
    let fb = f.id("feedback", "feedback")?;
    let theirs = s
        .store
        .feedback()
        .await
        .map_err(fulcrum_app::AppError::from)?
        .iter()
        .any(|x| x.id == fb && x.person_id == Some(id));
    if theirs {
        Ok(fb)
    } else {
        Err(Failure::new(
            StatusCode::NOT_FOUND,
            format!("feedback {fb} is not this person's; reload the page"),
        ))
    }
}

/// `POST /people/{id}/feedback/deliver` with `feedback` and an optional `on`.
pub async fn deliver_feedback(
    State(s): State<AppState>,
    Path(id): Path<String>,
    CheckedForm(f): CheckedForm,
) -> Response {
    handle(s, id, f, "feedback", |s, id, f| async move {
        let fb = own_feedback(&s, id, &f).await?;
        feedback::deliver(
            s.store.as_ref(),
            fb,
            f.date("on")?,
            crate::cache::now(&s.clock),
        )
        .await?;
        Ok("feedback-delivered".into())
    })
    .await
}

/// `POST /people/{id}/feedback/follow-up` with `feedback` and a `note`.
pub async fn follow_up_feedback(
    State(s): State<AppState>,
    Path(id): Path<String>,
    CheckedForm(f): CheckedForm,
) -> Response {
    handle(s, id, f, "feedback", |s, id, f| async move {
        let fb = own_feedback(&s, id, &f).await?;
        feedback::follow_up(
            s.store.as_ref(),
            fb,
            f.get("note"),
            crate::cache::now(&s.clock),
        )
        .await?;
        Ok("followed-up".into())
    })
    .await
}

/// A logged contact from the contact form.
pub fn new_interaction(f: &Fields, person_id: i64) -> Result<NewInteraction, Failure> {
    Ok(NewInteraction {
        person_id,
        kind: f
            .word("kind", InteractionKind::parse, &InteractionKind::words())?
            .unwrap_or(InteractionKind::Other),
        on: f.date("on")?,
        note: f.get("note"),
    })
}

/// `POST /people/{id}/contact`: `kind`, `on`, `note`.
pub async fn log_contact(
    State(s): State<AppState>,
    Path(id): Path<String>,
    CheckedForm(f): CheckedForm,
) -> Response {
    handle(s, id, f, "contact", |s, id, f| async move {
        let new = new_interaction(&f, id)?;
        relationships::log_contact(s.store.as_ref(), new, crate::cache::now(&s.clock)).await?;
        Ok("contact-logged".into())
    })
    .await
}

/// `POST /people/{id}/commitments`: `what`, `due`.
pub async fn add_commitment(
    State(s): State<AppState>,
    Path(id): Path<String>,
    CheckedForm(f): CheckedForm,
) -> Response {
    handle(s, id, f, "commitments", |s, id, f| async move {
        let due = f
            .date("due")?
            .ok_or_else(|| Failure::bad_request("say by when you promised it (due)"))?;
        let new = NewCommitment {
            to: id.to_string(),
            what: f.get("what").unwrap_or_default(),
            due,
            made_on: f.date("made_on")?,
        };
        relationships::add_commitment(s.store.as_ref(), new, crate::cache::now(&s.clock)).await?;
        Ok("commitment-added".into())
    })
    .await
}

/// Updates or closes a commitment from its form; the code the page announces.
pub async fn change_commitment(s: &AppState, f: &Fields, close: bool) -> Result<String, Failure> {
    let id = f.id("commitment", "commitment")?;
    let now = crate::cache::now(&s.clock);
    if close {
        let status = f
            .word("status", CommitmentStatus::parse, "done, dropped")?
            .ok_or_else(|| Failure::bad_request("done or dropped?"))?;
        relationships::close_commitment(s.store.as_ref(), id, status, f.get("note"), now).await?;
        Ok(match status {
            CommitmentStatus::Dropped => "commitment-dropped",
            CommitmentStatus::Done => "commitment-done",
            CommitmentStatus::Open => "commitment-updated",
        }
        .into())
    } else {
        relationships::update_commitment(s.store.as_ref(), id, f.get("note"), f.date("due")?, now)
            .await?;
        Ok("commitment-updated".into())
    }
}

/// `POST /people/{id}/commitments/update`: `commitment`, `note`, `due` (a new date).
pub async fn update_commitment(
    State(s): State<AppState>,
    Path(id): Path<String>,
    CheckedForm(f): CheckedForm,
) -> Response {
    handle(s, id, f, "commitments", |s, _, f| async move {
        change_commitment(&s, &f, false).await
    })
    .await
}

/// `POST /people/{id}/commitments/close`: `commitment`, `status` (done, dropped).
pub async fn close_commitment(
    State(s): State<AppState>,
    Path(id): Path<String>,
    CheckedForm(f): CheckedForm,
) -> Response {
    handle(s, id, f, "commitments", |s, _, f| async move {
        change_commitment(&s, &f, true).await
    })
    .await
}

/// `POST /people/{id}/onboarding/start`: `start` (their first day).
pub async fn start_onboarding(
    State(s): State<AppState>,
    Path(id): Path<String>,
    CheckedForm(f): CheckedForm,
) -> Response {
    handle(s, id, f, "onboarding", |s, id, f| async move {
        onboarding::start(
            s.store.as_ref(),
            id,
            f.date("start")?,
            crate::cache::now(&s.clock),
        )
        .await?;
        Ok("onboarding-started".into())
    })
    .await
}

/// `POST /people/{id}/onboarding/step`: `seq`, and `undo=1` to mark it not done.
pub async fn onboarding_step(
    State(s): State<AppState>,
    Path(id): Path<String>,
    CheckedForm(f): CheckedForm,
) -> Response {
    handle(s, id, f, "onboarding", |s, id, f| async move {
        let seq = f
            .number::<u32>("seq", "the step")?
            .ok_or_else(|| Failure::bad_request("which step? The form did not say."))?;
        let undo = f.checked("undo");
        onboarding::done(s.store.as_ref(), id, seq, undo, crate::cache::now(&s.clock)).await?;
        Ok(if undo { "step-undone" } else { "step-done" }.into())
    })
    .await
}

/// `POST /people/{id}/onboarding/steps`: `title`, `due`.
pub async fn add_onboarding_step(
    State(s): State<AppState>,
    Path(id): Path<String>,
    CheckedForm(f): CheckedForm,
) -> Response {
    handle(s, id, f, "onboarding", |s, id, f| async move {
        onboarding::add_step(
            s.store.as_ref(),
            id,
            f.get("title").unwrap_or_default(),
            f.date("due")?,
            crate::cache::now(&s.clock),
        )
        .await?;
        Ok("step-added".into())
    })
    .await
}

/// The addresses this module answers.
pub(crate) fn routes() -> axum::Router<AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/people/{id}", get(page))
        .route("/people/{id}/review.md", get(review))
        .route("/people/{id}/edit", post(edit))
        .route("/people/{id}/archive", post(archive))
        .route("/people/{id}/restore", post(restore))
        .route("/people/{id}/delete", get(delete_page).post(delete))
        .route("/people/{id}/items", post(add_item))
        .route("/people/{id}/items/close", post(close_item))
        .route("/people/{id}/log", post(log))
        .route("/people/{id}/observe", post(observe))
        .route("/people/{id}/feedback", post(add_feedback))
        .route("/people/{id}/feedback/deliver", post(deliver_feedback))
        .route("/people/{id}/feedback/follow-up", post(follow_up_feedback))
        .route("/people/{id}/contact", post(log_contact))
        .route("/people/{id}/commitments", post(add_commitment))
        .route("/people/{id}/commitments/update", post(update_commitment))
        .route("/people/{id}/commitments/close", post(close_commitment))
        .route("/people/{id}/onboarding/start", post(start_onboarding))
        .route("/people/{id}/onboarding/step", post(onboarding_step))
        .route("/people/{id}/onboarding/steps", post(add_onboarding_step))
}

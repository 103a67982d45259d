//! `/people`: everyone the lead works with and where things stand with each, what the team's
//! shape says, attendees from the calendar worth adding, and the form that adds a person.
//! Also what the people pages share: their sub-navigation, dates in the user's zone, the
//! Markdown download.

use super::{Fields, done_notice, see_other};
use crate::components::{
    Col::{Num, Text},
    adding_form, columns, form_field, wide_form_field,
};
use crate::extract::CheckedForm;
use crate::layout::{Nav, Notice, csrf_field, frame, page_title, respond};
use crate::{AppState, Failure, cache, fmt};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use fulcrum_app::people::{self, NewPerson, Overview, PersonRow, Suggestion};
use fulcrum_core::Profile;
use fulcrum_core::observations::Direction as EnergyDirection;
use fulcrum_core::people::{Person, Relation, WorkingStyle};
use fulcrum_core::privacy::Privacy;
use fulcrum_core::time;
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use maud::{Markup, html};

/// The pages about people, in the order of their sub-navigation.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Sub {
    People,
    Feedback,
    Delegation,
    Relationships,
    Onboarding,
}

/// The small navigation between the people pages, marking the current one.
pub fn sub_nav(current: Sub) -> Markup {
    let link = |to: Sub, href: &str, label: &str| {
        html! { a href=(href) aria-current=[(current == to).then_some("page")] { (label) } }
    };
    html! {
        nav.sub-nav #people-nav aria-label="People records" {
            (link(Sub::People, "/people", "People"))
            (link(Sub::Feedback, "/feedback", "Feedback"))
            (link(Sub::Delegation, "/delegation", "Delegation"))
            (link(Sub::Relationships, "/relationships", "Relationships"))
            (link(Sub::Onboarding, "/onboarding", "Onboarding"))
        }
    }
}

/// The profile, today in its zone and the zone.
pub struct Here {
    pub profile: Profile,
    pub today: Date,
    pub tz: TimeZone,
    pub now: Timestamp,
}

pub async fn here(s: &AppState) -> Result<Here, Failure> {
    let profile = fulcrum_app::profile::require(s.store.as_ref()).await?;
    let tz = profile.tz();
    let now = cache::now(&s.clock);
    Ok(Here {
        today: time::local_date(now, &tz),
        tz,
        now,
        profile,
    })
}

/// `Mon 9 Mar, 15:00` in the user's zone.
pub fn when(ts: Timestamp, tz: &TimeZone) -> String {
    let z = ts.to_zoned_datetime(tz.clone());
    format!("{}, {}", fmt::day(z.date()), z.strftime("%H:%M"))
}

pub use fulcrum_app::markdown::{hm, plural};

/// A query flag such as `?all=1` or `?include_private=1`.
pub fn flag(v: &Option<String>) -> bool {
    matches!(
        v.as_deref().map(str::trim),
        Some("1" | "true" | "yes" | "on")
    )
}

/// A date from a query (`?from=2026-01-01`), when given.
pub fn query_date(v: &Option<String>, name: &str) -> Result<Option<Date>, Failure> {
    match v.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(d) => time::parse_date(d).map(Some).map_err(|_| {
            Failure::bad_request(format!(
                "{name} = {d:?}: expected a date such as 2026-03-04"
            ))
        }),
    }
}

/// A Markdown document to download.
pub fn markdown(body: String, filename: &str) -> Response {
    super::download(body, "text/markdown; charset=utf-8", filename)
}

/// A file name made of the letters and digits of `name`.
pub fn slug(name: &str) -> String {
    let s: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let s = s
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if s.is_empty() { "person".into() } else { s }
}

/// A `<select>` of people.
pub fn person_select(
    id: &str,
    name: &str,
    people: &[Person],
    selected: Option<i64>,
    placeholder: &str,
    required: bool,
) -> Markup {
    html! {
        select id=(id) name=(name) required[required] {
            option value="" selected[selected.is_none()] { (placeholder) }
            @for p in people {
                option value=(p.id) selected[selected == Some(p.id)] { (p.name) " (" (p.relation) ")" }
            }
        }
    }
}

/// The people the forms of the people pages offer: everyone active, by name.
pub async fn active_people(s: &AppState) -> Vec<Person> {
    let mut list = people::list(s.store.as_ref(), false, Privacy::Hide)
        .await
        .map(|l| l.people)
        .unwrap_or_default();
    list.sort_by_key(|a| a.name.to_lowercase());
    list
}

/// The heading every people page starts with.
pub fn head(sub: Sub) -> Markup {
    let (title, meta) = sub.page();
    html! {
        (sub_nav(sub))
        div.page-head {
            (page_title(title, meta))
        }
    }
}

impl Sub {
    /// The page's title and what it is for, said under the title.
    fn page(self) -> (&'static str, &'static str) {
        match self {
            Sub::People => (
                "People",
                "Everyone you work with: when you last met, what is open between you, how the \
                 feedback and their energy are going. 1:1s are read from your calendar; open a \
                 person for their page.",
            ),
            Sub::Feedback => (
                "Feedback",
                "Feedback as situation, behaviour and impact: given, received and asked for. \
                 Deliver it while it still matters (the same day or within a few days), follow \
                 up on constructive feedback, and keep an eye on who hears praise from you.",
            ),
            Sub::Delegation => (
                "Delegation",
                "Hand over work with complete expectations, in the style that fits the person, \
                 check in while it runs and close it with a follow-up that goes both ways. Spread \
                 it: the one who gets the work is the one who grows.",
            ),
            Sub::Relationships => (
                "Relationships",
                "Stay in touch before you need something, keep the promises you make, and \
                 prepare the conversations that matter: say what it brings them, how it touches \
                 their goals, and how they will see progress.",
            ),
            Sub::Onboarding => (
                "Onboarding",
                "A plan for each new joiner, dated from their first day: the welcome before day \
                 one, a buddy, the first change shipped, and the check-ins at 30, 60 and 90 \
                 days. Tick steps off on their page.",
            ),
        }
    }
}

/// Loads what a people page shows, once the profile and today are known (`load` gets
/// them); when anything fails, the page that says so instead.
pub async fn load<T>(
    s: &AppState,
    load: impl AsyncFnOnce(&Here) -> Result<T, Failure>,
) -> Result<(Here, T), Response> {
    let loaded = async {
        let h = here(s).await?;
        let x = load(&h).await?;
        Ok((h, x))
    };
    loaded
        .await
        .map_err(|f: Failure| crate::layout::failure_page(s, Nav::People, &f))
}

/// A box of warnings, or a sentence saying there are none.
pub fn warnings_box(id: &str, title: &str, warnings: &[String], all_good: &str) -> Markup {
    html! {
        section.attention id=(id) data-count=(warnings.len()) aria-labelledby=(format!("{id}-title")) {
            h2 id=(format!("{id}-title")) { (title) }
            @if warnings.is_empty() {
                p.all-good { (all_good) }
            } @else {
                ul { @for w in warnings { li { (w) } } }
            }
        }
    }
}

query! {
    PeopleQuery { all, done }
}

/// `GET /people[?all=1]`
pub async fn page(State(s): State<AppState>, Query(q): Query<PeopleQuery>) -> Response {
    let notices: Vec<Notice> = done_notice(q.done.as_deref()).into_iter().collect();
    render(&s, StatusCode::OK, notices, flag(&q.all), None).await
}

async fn render(
    s: &AppState,
    status: StatusCode,
    notices: Vec<Notice>,
    all: bool,
    typed: Option<&Fields>,
) -> Response {
    let here = match here(s).await {
        Ok(h) => h,
        Err(f) => return crate::layout::failure_page(s, Nav::People, &f),
    };
    let o = match people::overview(s.store.as_ref(), here.now).await {
        Ok(o) => o,
        Err(e) => return crate::layout::failure_page(s, Nav::People, &Failure::from(e)),
    };
    let archived: Vec<Person> = if all {
        people::list(s.store.as_ref(), true, Privacy::Hide)
            .await
            .map(|l| l.people.into_iter().filter(|p| p.archived).collect())
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    let coach = crate::components::insights::for_page(s, &["people"], "/people").await;
    let body = html! {
        (head(Sub::People))
        (coach)
        (warnings_box("team-warnings", "The team", &o.warnings,
            "Nothing about the team's shape needs attention."))
        (table(&o, &here))
        @if all {
            (archived_list(s, &archived))
        } @else {
            p { a #show-archived href="/people?all=1" { "Show archived people" } }
        }
        @if !o.suggestions.is_empty() { (suggestions(s, &o.suggestions)) }
        section.card #add-person-card aria-labelledby="add-person-title" { (add_form(s, typed)) }
    };
    respond(status, frame(s, "People", Nav::People, &notices, body))
}

fn energy_text(e: Option<u8>, d: EnergyDirection) -> Markup {
    let arrow = match d {
        EnergyDirection::Rising => "↗",
        EnergyDirection::Falling => "↘",
        EnergyDirection::Steady => "→",
        EnergyDirection::Unknown => "",
    };
    html! {
        @match e {
            Some(e) => span.energy data-energy=(e) data-direction=(d.as_str()) title=(format!("energy {e} of 5, {d}")) {
                (e) "/5 " span class=(format!("arrow dir-{}", d.as_str())) aria-hidden="true" { (arrow) }
                span.visually-hidden { (d) }
            },
            None => span.muted data-direction=(d.as_str()) { "—" },
        }
    }
}

fn next_text(r: &PersonRow, tz: &TimeZone) -> String {
    r.next
        .as_ref()
        .map_or_else(|| "nothing booked".into(), |n| when(n.start, tz))
}

fn table(o: &Overview, here: &Here) -> Markup {
    html! {
        section.card #people aria-labelledby="people-title" data-count=(o.rows.len()) {
            h2 #people-title {
                "Everyone " span.count { (o.rows.len()) }
            }
            p.hint #one-on-one-hours data-hours=(o.one_on_one_hours_per_week) data-minutes=(o.one_on_one_minutes_per_week) {
                "Your 1:1s take about " strong { (hm(o.one_on_one_minutes_per_week)) " a week" }
                " at the cadences agreed."
            }
            @if o.rows.is_empty() {
                p.muted #no-people { "Nobody yet. Add the people you work with below, or pick them from your calendar." }
            } @else {
                div.table-wrap {
                    table #people-table {
                        thead { tr {
                            (columns(&[
                                Text("Name"), Text("Relation"), Text("Last met"),
                                Text("Next 1:1"), Num("Open actions"),
                                Num("Feedback + / −"), Num("Days since praise"),
                                Num("Delegations"), Text("Energy"), Num("Signals")
                            ]))
                        } }
                        tbody {
                            @for r in &o.rows {
                                tr data-person-id=(r.person.id) data-relation=(r.person.relation.as_str())
                                    data-overdue-days=(r.overdue_days.map(|d| d.to_string()).unwrap_or_default())
                                    data-signals=(r.signals) {
                                    th scope="row" {
                                        a href=(format!("/people/{}", r.person.id)) { (r.person.name) }
                                        @if let Some(t) = &r.person.team { span.src-loc { (t) } }
                                    }
                                    td { (r.person.relation) }
                                    td.nowrap { @match r.last_met { Some(d) => (fmt::day(d)), None => span.muted { "never" } } }
                                    td.nowrap {
                                        (next_text(r, &here.tz))
                                        @if let Some(d) = r.overdue_days {
                                            " " span.badge.failed data-overdue=(d) { (plural(d, "day", "days")) " overdue" }
                                        }
                                    }
                                    td.num { (r.open_actions) }
                                    td.num data-positive=(r.positive) data-constructive=(r.constructive) {
                                        (r.positive) " / " (r.constructive)
                                    }
                                    td.num { @match r.days_since_positive { Some(d) => (d), None => span.muted { "—" } } }
                                    td.num { (r.active_delegations) }
                                    td { (energy_text(r.energy, r.energy_direction)) }
                                    td.num {
                                        @if r.signals > 0 { span.badge.due { (r.signals) } } @else { span.muted { "0" } }
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

fn archived_list(s: &AppState, archived: &[Person]) -> Markup {
    html! {
        section.card #archived aria-labelledby="archived-title" data-count=(archived.len()) {
            h2 #archived-title { "Archived " span.count { (archived.len()) } }
            p.hint { "Archived people keep their whole history; they are left out of lists and warnings. "
                a href="/people" { "Hide them again" } }
            @if archived.is_empty() {
                p.muted { "Nobody is archived." }
            } @else {
                ul.plain {
                    @for p in archived {
                        li.archived-person data-person-id=(p.id) {
                            a href=(format!("/people/{}", p.id)) { (p.name) } " · " (p.relation) " "
                            form.inline method="post" action=(format!("/people/{}/restore", p.id)) {
                                (csrf_field(s))
                                button.btn.small type="submit" { "Restore" }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn relation_options(selected: Option<Relation>, placeholder: bool) -> Markup {
    html! {
        @if placeholder { option value="" selected[selected.is_none()] { "— choose —" } }
        @for r in Relation::ALL {
            option value=(r.as_str()) selected[selected == Some(*r)] { (r) }
        }
    }
}

pub fn style_options(selected: Option<WorkingStyle>) -> Markup {
    html! {
        option value="" selected[selected.is_none()] { "not known" }
        @for w in WorkingStyle::ALL {
            option value=(w.as_str()) selected[selected == Some(*w)] {
                (match w {
                    WorkingStyle::Communicator => "communicator — enjoys collaboration, meetings, writing",
                    WorkingStyle::DeepDiver => "deep diver — lights up on hard technical problems",
                    WorkingStyle::Balanced => "balanced — comfortable with both",
                })
            }
        }
    }
}

fn suggestions(s: &AppState, list: &[Suggestion]) -> Markup {
    html! {
        section.card #suggestions aria-labelledby="suggestions-title" data-count=(list.len()) {
            h2 #suggestions-title { "From your calendar" }
            p.hint { "People you met at least twice in the last 90 days who are not among your people yet; those you meet alone first." }
            ul.suggestions {
                @for (i, g) in list.iter().enumerate() {
                    li.suggestion data-email=(g.email) data-meetings=(g.meetings) data-alone=(g.alone) {
                        div.item-main {
                            span.item-text { (g.name) }
                            span.item-meta {
                                (g.email) " · " (plural(g.meetings as i64, "meeting", "meetings"))
                                @if g.alone > 0 { ", " (g.alone) " with just the two of you" }
                                " · last " (fmt::day(g.last_seen))
                            }
                        }
                        form.suggest method="post" action="/people/add" {
                            (csrf_field(s))
                            input type="hidden" name="name" value=(g.name);
                            input type="hidden" name="emails" value=(g.email);
                            label.visually-hidden for=(format!("suggest-relation-{i}")) { "How you work with " (g.name) }
                            select id=(format!("suggest-relation-{i}")) name="relation" required {
                                (relation_options(None, true))
                            }
                            button.btn.small type="submit" { "Add" }
                        }
                    }
                }
            }
        }
    }
}

fn add_form(s: &AppState, typed: Option<&Fields>) -> Markup {
    let v = |name: &str| typed.and_then(|f| f.raw(name)).unwrap_or("").to_string();
    let relation = typed
        .and_then(|f| f.get("relation"))
        .and_then(|r| Relation::parse(&r));
    let fields = html! {
        (form_field("person-name", "Name", html! {
            input #person-name type="text" name="name" required value=(v("name")) placeholder="Priya Nair";
        }))
        (form_field("person-emails", "E-mail addresses", html! {
            input #person-emails type="text" name="emails" required value=(v("emails"))
                placeholder="priya@example.com, priya.nair@corp.example" spellcheck="false";
        }))
        (form_field("person-relation", "How you work with them", html! {
            select #person-relation name="relation" required { (relation_options(relation, true)) }
        }))
        (form_field("person-team", "Team", html! {
            input #person-team type="text" name="team" value=(v("team"));
        }))
        (form_field("person-start", "Start date (new joiners)", html! {
            input #person-start type="date" name="start_date" value=(v("start_date"));
        }))
        (form_field("person-cadence", "1:1 every … days", html! {
            input #person-cadence type="number" min="1" name="cadence" value=(v("cadence"))
                placeholder="14 (7 for a new joiner)";
        }))
        (form_field("person-minutes", "1:1 length (minutes)", html! {
            input #person-minutes type="number" min="1" name="minutes" value=(v("minutes")) placeholder="30";
        }))
        (form_field("person-contact", "Be in touch every … days", html! {
            input #person-contact type="number" min="1" name="contact_cadence" value=(v("contact_cadence"))
                placeholder="by relation";
        }))
        (wide_form_field("person-interests", "Interests (what they like working on)", html! {
            input #person-interests type="text" name="interests" value=(v("interests")) placeholder="payments, observability";
        }))
        (wide_form_field("person-knowledge", "Knows well", html! {
            input #person-knowledge type="text" name="knowledge" value=(v("knowledge")) placeholder="postgres, the billing service";
        }))
        (wide_form_field("person-goals", "Growth goals", html! {
            input #person-goals type="text" name="growth_goals" value=(v("growth_goals")) placeholder="lead a design review";
        }))
        (form_field("person-style", "Working style", html! {
            select #person-style name="working_style" {
                (style_options(typed.and_then(|f| f.get("working_style")).and_then(|w| WorkingStyle::parse(&w))))
            }
        }))
        (form_field("person-feedback-style", "Likes feedback …", html! {
            input #person-feedback-style type="text" name="feedback_style" value=(v("feedback_style"))
                placeholder="in private, written first";
        }))
        (wide_form_field("person-private", "Private notes (only you see them; never exported unless asked)", html! {
            textarea #person-private name="private_notes" rows="2" { (v("private_notes")) }
        }))
    };
    let heading = ("add-person-title", "Add a person");
    adding_form(
        s,
        heading,
        ("add-person", "/people/add"),
        fields,
        "Add the person",
    )
}

fn list_field(f: &Fields, name: &str) -> Vec<String> {
    f.raw(name).map(|v| vec![v.to_string()]).unwrap_or_default()
}

fn new_person(f: &Fields) -> Result<NewPerson, Failure> {
    Ok(NewPerson {
        name: f.get("name").unwrap_or_default(),
        emails: list_field(f, "emails"),
        relation: f.word("relation", Relation::parse, &Relation::words())?,
        team: f.get("team"),
        start_date: f.date("start_date")?,
        cadence_days: f.number("cadence", "the 1:1 cadence (days)")?,
        duration_minutes: f.number("minutes", "the 1:1 length (minutes)")?,
        interests: list_field(f, "interests"),
        knowledge: list_field(f, "knowledge"),
        growth_goals: list_field(f, "growth_goals"),
        working_style: f.word("working_style", WorkingStyle::parse, &WorkingStyle::words())?,
        feedback_style: f.get("feedback_style"),
        contact_cadence_days: f.number("contact_cadence", "the contact cadence (days)")?,
        private_notes: f.get("private_notes"),
    })
}

/// `POST /people/add`
pub async fn add(State(s): State<AppState>, CheckedForm(f): CheckedForm) -> Response {
    let result = async {
        let new = new_person(&f)?;
        let now = cache::now(&s.clock);
        Ok::<_, Failure>(people::add(s.store.as_ref(), new, now).await?)
    }
    .await;
    match result {
        Ok(p) => {
            s.changed();
            see_other(&format!("/people/{}?done=person-added", p.id))
        }
        Err(e) => {
            render(
                &s,
                e.status,
                vec![Notice::Failed(e.message)],
                false,
                Some(&f),
            )
            .await
        }
    }
}

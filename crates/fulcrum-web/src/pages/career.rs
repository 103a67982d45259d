//! `/skills`: skills rated by the lead and by others, the gaps as a heatmap over the quarters,
//! and the form that rates; `/career`: the career compass (questions answered over time with
//! the evidence beside them, the signs), the calendar audit against a target role, the paths
//! after tech lead with how well each fits, and the transition plan and its conversations.

use super::growth::word_field;
use super::people::active_people;
use super::{Done, Fields, done_notice, post_change, see_other};
use crate::components::{adding_form, card, form_field, wide_form_field};
use crate::extract::CheckedForm;
use crate::layout::{self, Nav, Notice, csrf_field, frame, page_title, respond};
use crate::{AppState, Failure, cache, charts, fmt};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::MethodRouter;
use fulcrum_app::career::{self, AUDIT_WEEKS, Compass, NewConversation, Paths};
use fulcrum_app::growth::{self, NewRating, Skills};
use fulcrum_core::career::{Dimension, LEANS, Leaning, Role, Trend};
use fulcrum_core::growth::{SCORES, SKILLS, SkillArea};
use maud::{Markup, html};

query! {
    CareerQuery { done, role }
}

// ---------------------------------------------------------------------------------------------
// Skills
// ---------------------------------------------------------------------------------------------

/// `GET /skills`
pub async fn skills_page(State(s): State<AppState>, Query(q): Query<CareerQuery>) -> Response {
    let notices: Vec<Notice> = done_notice(q.done.as_deref()).into_iter().collect();
    skills_render(&s, StatusCode::OK, notices).await
}

async fn skills_again(s: AppState, status: StatusCode, notices: Vec<Notice>) -> Response {
    skills_render(&s, status, notices).await
}

fn skills_change(c: impl super::Change) -> MethodRouter<AppState> {
    post_change("/skills", skills_again, c)
}

fn gap_text(gap: Option<f64>) -> String {
    match gap {
        Some(g) if g > 0.0 => format!("+{g:.1}"),
        Some(g) => format!("{g:.1}"),
        None => "—".into(),
    }
}

async fn skills_render(s: &AppState, status: StatusCode, notices: Vec<Notice>) -> Response {
    let now = cache::now(&s.clock);
    let sk: Skills = match growth::skills(s.store.as_ref()).await {
        Ok(k) => k,
        Err(e) => return layout::failure_page(s, Nav::Growth, &Failure::from(e)),
    };
    let today = match fulcrum_app::profile::today(s.store.as_ref(), now).await {
        Ok(t) => t,
        Err(e) => return layout::failure_page(s, Nav::Growth, &Failure::from(e)),
    };
    let people = active_people(s).await;
    let body = html! {
        div.page-head {
            (page_title("Skills", html! {
                "How you rate yourself from 1 to 10, how others rate you, and the gap between the two. "
                "The quarterly self-assessment on the " a href="/journal" { "Journal" } " starts from your last ratings and keeps the new ones here."
            }))
        }
        @if !sk.nudges.is_empty() {
            section.attention #skill-nudges {
                h2 { "Worth a look" }
                ul { @for n in &sk.nudges { li { (n) } } }
            }
        }
        (charts::skill_gaps(&sk.skills, today))
        (card("skills", "Every skill", sk.skills.len(), html! {
            table #skills-table {
                thead { tr {
                    th scope="col" { "Skill" } th scope="col" { "Area" } th.num scope="col" { "You" }
                    th.num scope="col" { "Others" } th.num scope="col" { "Gap" } th.num scope="col" { "Ratings" }
                } }
                tbody {
                    @for v in &sk.skills {
                        tr.skill data-skill=(v.skill) data-area=(v.area.as_str())
                            data-self=[v.self_score] data-others=[v.others.map(|o| format!("{o:.1}"))]
                            data-gap=[v.gap.map(|g| format!("{g:.1}"))] {
                            th scope="row" { (v.skill) }
                            td { (v.area) }
                            td.num { (v.self_score.map_or("—".into(), |n| n.to_string())) }
                            td.num { (v.others.map_or("—".into(), |o| format!("{o:.1} ({})", v.others_count))) }
                            td.num { (gap_text(v.gap)) }
                            td.num { (v.history.len()) }
                        }
                    }
                }
            }
        }))
        section.card #rate-card {
            (adding_form(s, ("rate-title", "Rate a skill"), ("rate-form", "/skills/rate"), html! {
                (form_field("rate-skill", "Skill", html! {
                    input #rate-skill type="text" name="skill" required list="skill-names" autocomplete="off";
                    datalist #skill-names { @for (name, _) in SKILLS { option value=(name) {} } }
                }))
                (form_field("rate-score", "Score (1–10)", html! {
                    input #rate-score type="number" name="score" required min=(SCORES.start()) max=(SCORES.end()) inputmode="numeric";
                }))
                (form_field("rate-by", "Rated by", html! {
                    select #rate-by name="by" {
                        option value="self" { "you" }
                        option value="anonymous" { "anonymous" }
                        @for p in &people { option value=(p.id) { (p.name) } }
                    }
                }))
                (form_field("rate-on", "On", html! { input #rate-on type="date" name="on" value=(today.to_string()); }))
                (wide_form_field("rate-example", "An example behind the score", html! { input #rate-example type="text" name="example"; }))
                (wide_form_field("rate-suggestion", "A suggestion to grow it", html! { input #rate-suggestion type="text" name="suggestion"; }))
            }, "Save the rating"))
            p.hint {
                "The areas: "
                @for (i, (a, names)) in areas().iter().enumerate() {
                    @if i > 0 { "; " }
                    strong { (a) } ": " (names)
                }
                ". Any other name is kept too."
            }
        }
    };
    respond(status, frame(s, "Skills", Nav::Growth, &notices, body))
}

/// Each area with the skills it holds, for the rating form's hint.
fn areas() -> Vec<(SkillArea, String)> {
    SkillArea::ALL
        .iter()
        .map(|a| {
            let names: Vec<&str> = SKILLS
                .iter()
                .filter(|(_, x)| x == a)
                .map(|(n, _)| *n)
                .collect();
            (*a, names.join(", "))
        })
        .filter(|(_, names)| !names.is_empty())
        .collect()
}

/// `POST /skills/rate`
async fn rate(s: AppState, form: Fields) -> Done {
    let score: u8 = form
        .number("score", "the score")?
        .ok_or_else(|| Failure::bad_request("give a score from 1 to 10"))?;
    let new = NewRating {
        skill: form.get("skill").unwrap_or_default(),
        score,
        by: form.get("by").unwrap_or_else(|| "self".into()),
        on: form.date("on")?,
        example: form.get("example").unwrap_or_default(),
        suggestion: form.get("suggestion").unwrap_or_default(),
    };
    growth::rate(s.store.as_ref(), new, cache::now(&s.clock)).await?;
    Ok("skill-rated")
}

// ---------------------------------------------------------------------------------------------
// Career
// ---------------------------------------------------------------------------------------------

/// `GET /career?role=staff`
pub async fn page(State(s): State<AppState>, Query(q): Query<CareerQuery>) -> Response {
    let notices: Vec<Notice> = done_notice(q.done.as_deref()).into_iter().collect();
    render(&s, StatusCode::OK, notices, q.role.as_deref()).await
}

async fn again(s: AppState, status: StatusCode, notices: Vec<Notice>) -> Response {
    render(&s, status, notices, None).await
}

fn change(c: impl super::Change) -> MethodRouter<AppState> {
    post_change("/career", again, c)
}

async fn render(
    s: &AppState,
    status: StatusCode,
    notices: Vec<Notice>,
    role: Option<&str>,
) -> Response {
    let now = cache::now(&s.clock);
    let store = s.store.as_ref();
    let loaded = async {
        let role = career::audit_role(store, role, now).await?;
        let compass = career::compass(store, &s.rules, now).await?;
        let audit = career::audit_page(store, &s.rules, role, now).await?;
        let paths = career::paths(store, &s.rules, now).await?;
        let talks = career::conversations(store).await?;
        Ok::<_, Failure>((role, compass, audit, paths, talks))
    }
    .await;
    let (role, compass, audit, paths, talks) = match loaded {
        Ok(l) => l,
        Err(f) => return layout::failure_page(s, Nav::Growth, &f),
    };
    let body = html! {
        div.page-head {
            (page_title("Career", html! {
                "Where you are heading: five questions answered over time, with what your journal, calendar and feedback say beside them; "
                "your weeks held against a target role; the paths after tech lead and how each fits you. "
                a #compass-markdown href="/career/compass.md" { "Download the compass as Markdown" }
            }))
        }
        (compass_card(s, &compass))
        (signs_card(s, &compass))
        (audit_card(role, &audit))
        (paths_card(s, &paths))
        (talks_card(s, &talks))
    };
    respond(status, frame(s, "Career", Nav::Growth, &notices, body))
}

fn lean_word(lean: i8) -> &'static str {
    match lean {
        -2 => "clearly technical",
        -1 => "leaning technical",
        0 => "can't tell",
        1 => "leaning management",
        _ => "clearly management",
    }
}

fn leaning_text(l: Leaning) -> &'static str {
    match l {
        Leaning::Technical => "your answers lean toward staying technical",
        Leaning::Management => "your answers lean toward management",
        Leaning::Hybrid => "your answers point both ways: a hybrid role may fit",
    }
}

fn compass_card(s: &AppState, c: &Compass) -> Markup {
    html! {
        section.card #compass aria-labelledby="compass-title" data-overall=[c.overall.map(|o| o.as_str())] {
            h2 #compass-title { "The compass" }
            p.hint { "Answer each from −2 (clearly technical) to +2 (clearly management). Answers are kept, so you can see how they move." }
            @if let Some(o) = c.overall { p #compass-overall { strong { "Overall: " } (leaning_text(o)) "." } }
            @if !c.evidence.sentences.is_empty() {
                div.attention #compass-evidence {
                    h3 { "What the records say" }
                    ul { @for line in &c.evidence.sentences { li { (line) } } }
                }
            }
            @for q in &c.questions {
                @let last = q.answers.last();
                @let d = q.dimension.as_str();
                div.compass-question id=(format!("question-{d}")) data-dimension=(d)
                    data-lean=[last.map(|a| a.lean)] data-answers=(q.answers.len()) {
                    h3 { (q.title) }
                    p { (q.question) }
                    @if let Some(a) = last {
                        p.meta.last-answer { "Last answer " (fmt::day(a.on)) ": " strong { (lean_word(a.lean)) }
                            @if !a.note.is_empty() { " — " (a.note) }
                            @if q.answers.len() > 1 { " · " (q.answers.len()) " answers so far" } }
                    }
                    @if let Some(sg) = q.suggested { p.hint.suggested { "The evidence suggests " (lean_word(sg)) "." } }
                    form.answer-form id=(format!("answer-{d}")) method="post" action="/career/answer" {
                        (csrf_field(s))
                        input type="hidden" name="dimension" value=(d);
                        fieldset.lean-scale {
                            legend.visually-hidden { (q.title) ": your lean" }
                            @for l in LEANS {
                                label {
                                    input type="radio" name="lean" value=(l) required
                                        checked[last.map(|a| a.lean) == Some(l)];
                                    (format!("{l:+}")) " " span.muted { (lean_word(l)) }
                                }
                            }
                        }
                        div.fields {
                            (wide_form_field(&format!("note-{d}"), "Why (optional)", html! {
                                input type="text" id=(format!("note-{d}")) name="note";
                            }))
                        }
                        button.btn.small type="submit" id=(format!("answer-{d}-submit")) { "Keep this answer" }
                    }
                }
            }
        }
    }
}

/// `POST /career/answer`
async fn answer(s: AppState, form: Fields) -> Done {
    let dimension: Dimension = word_field(&form, "dimension")?
        .ok_or_else(|| Failure::bad_request("which question? The form did not say."))?;
    let lean: i8 = form
        .number("lean", "the lean")?
        .ok_or_else(|| Failure::bad_request("choose a lean from −2 to +2"))?;
    let note = form.get("note").unwrap_or_default();
    career::answer(
        s.store.as_ref(),
        dimension,
        lean,
        &note,
        cache::now(&s.clock),
    )
    .await?;
    Ok("compass-answered")
}

fn signs_card(s: &AppState, c: &Compass) -> Markup {
    let group = |toward: Leaning, title: &str| {
        html! {
            fieldset data-toward=(toward.as_str()) {
                legend { (title) }
                @for sign in c.signs.iter().filter(|x| x.toward == toward) {
                    div.field.check {
                        input type="checkbox" name="sign" value=(sign.key) id=(format!("sign-{}", sign.key)) checked[sign.checked];
                        label for=(format!("sign-{}", sign.key)) { (sign.text) }
                    }
                }
            }
        }
    };
    html! {
        section.card #signs aria-labelledby="signs-title" {
            h2 #signs-title { "Signs you recognise" }
            p.hint {
                "Tick what sounds like you today."
                @if let Some(d) = c.signs_checked_on { " Last ticked " (fmt::day(d)) "." }
            }
            form #signs-form method="post" action="/career/signs" {
                (csrf_field(s))
                div.grid {
                    (group(Leaning::Technical, "Staying technical"))
                    (group(Leaning::Management, "Moving into management"))
                }
                button.btn.primary type="submit" #signs-form-submit { "Keep what I ticked" }
            }
        }
    }
}

/// `POST /career/signs`
async fn signs(s: AppState, form: Fields) -> Done {
    career::check_signs(s.store.as_ref(), &form.all("sign"), cache::now(&s.clock)).await?;
    Ok("signs-kept")
}

fn trend_text(t: Trend) -> &'static str {
    match t {
        Trend::Closer => "moving closer to the role",
        Trend::Steady => "holding steady",
        Trend::Away => "drifting away from the role",
        Trend::Unknown => "not enough weeks to tell",
    }
}

fn audit_card(role: Role, page: &career::AuditPage) -> Markup {
    let p = &page.profile;
    html! {
        section.card #audit aria-labelledby="audit-title" data-role=(role.as_str()) {
            h2 #audit-title { "Your weeks against " (p.title.to_lowercase()) }
            form.inline-form #audit-role-form method="get" action="/career" {
                label for="audit-role" { "Target role" }
                select #audit-role name="role" {
                    @for r in Role::ALL {
                        option value=(r.as_str()) selected[*r == role] { (fulcrum_core::career::profile(*r).title) }
                    }
                }
                button.btn.small type="submit" { "Compare" }
            }
            p { (p.focus) }
            @if !p.notes.is_empty() { ul.hint { @for n in &p.notes { li { (n) } } } }
            div.stats {
                @for a in &page.audits {
                    (crate::components::stat(&format!("distance-{}", a.weeks), &format!("Distance, {} weeks", a.weeks),
                        fmt::percent(a.distance), format!("{:.3}", a.distance), trend_text(a.direction)))
                }
            }
            p.hint { "The distance is half the sum of the differences between your shares and the role's: 0 % is the role's week exactly, 100 % nothing alike." }
            @for a in &page.audits {
                @if a.weeks == AUDIT_WEEKS[1] || page.audits.len() == 1 {
                    (charts::audit_bars(a, p.title))
                }
            }
            details {
                summary { "The 2 and 12 week views" }
                @for a in &page.audits {
                    @if a.weeks != AUDIT_WEEKS[1] { (charts::audit_bars(a, p.title)) }
                }
            }
        }
    }
}

fn paths_card(s: &AppState, p: &Paths) -> Markup {
    html! {
        section.card #paths aria-labelledby="paths-title" {
            h2 #paths-title { "Paths after tech lead" }
            p.hint #fit-method { (p.method) }
            ol.plain-list #path-fit {
                @for f in &p.fit {
                    @let info = p.paths.iter().find(|i| i.path == f.path);
                    li.path data-path=(f.path.as_str()) data-fit=(format!("{:.2}", f.score)) {
                        details {
                            summary {
                                span.fit-score { (format!("{:.0} %", f.score * 100.0)) } " "
                                strong { (info.map_or(f.path.as_str(), |i| i.title)) }
                                @if let Some(i) = info { " — " (i.focus) }
                            }
                            @if !f.reasons.is_empty() { ul.reasons { @for r in &f.reasons { li { (r) } } } }
                            @if let Some(i) = info {
                                p { (i.scope) }
                                h4 { "It fits when" } ul { @for x in &i.fit_signals { li { (x) } } }
                                h4 { "Watch out for" } ul { @for x in &i.watch_out { li { (x) } } }
                                h4 { "Ask yourself" } ul { @for x in &i.prompts { li { (x) } } }
                                @if let Some(r) = i.role {
                                    form.inline-form method="post" action="/career/transition" {
                                        (csrf_field(s))
                                        input type="hidden" name="role" value=(r.as_str());
                                        button.btn.small type="submit" data-transition=(r.as_str()) { "Start a transition plan toward this" }
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

/// `POST /career/transition`: to the new plan.
async fn transition(State(s): State<AppState>, CheckedForm(form): CheckedForm) -> Response {
    let role = form.get("role").unwrap_or_default();
    match career::transition(s.store.as_ref(), &role, cache::now(&s.clock)).await {
        Ok(p) => {
            s.changed();
            see_other(&format!("/growth/plans/{}?done=plan-added", p.id))
        }
        Err(e) => {
            let f = Failure::from(e);
            render(&s, f.status, vec![Notice::Failed(f.message)], None).await
        }
    }
}

fn talks_card(
    s: &AppState,
    talks: &[fulcrum_core::growth::Keyed<fulcrum_core::growth::Conversation>],
) -> Markup {
    html! {
        section.card #conversations aria-labelledby="conversations-title" data-count=(talks.len()) {
            h2 #conversations-title { "Conversations with people in the role" }
            @if talks.is_empty() {
                p.muted { "Ask someone who holds the role what their week is like, what surprised them, what they miss." }
            } @else {
                ul.plain-list {
                    @for t in talks.iter().rev() {
                        li.conversation { strong { (t.record.with) } ", " (fmt::day(t.record.on)) ": " (t.record.learned) }
                    }
                }
            }
            (adding_form(s, ("talk-form-title", "Log a conversation"), ("talk-form", "/career/talk"), html! {
                (form_field("talk-with", "With", html! { input #talk-with type="text" name="with" required placeholder="a name from People, or who they are"; }))
                (form_field("talk-on", "On", html! { input #talk-on type="date" name="on"; }))
                (wide_form_field("talk-asked", "What you asked (one per line)", html! { textarea #talk-asked name="asked" rows="2" {} }))
                (wide_form_field("talk-learned", "What you learned", html! { textarea #talk-learned name="learned" rows="2" {} }))
            }, "Keep the conversation"))
        }
    }
}

/// `POST /career/talk`
async fn talk(s: AppState, form: Fields) -> Done {
    let new = NewConversation {
        with: form.get("with").unwrap_or_default(),
        plan: form.number("plan", "plan")?,
        on: form.date("on")?,
        asked: form.items("asked", '\n'),
        learned: form.get("learned").unwrap_or_default(),
    };
    career::talk(s.store.as_ref(), new, cache::now(&s.clock)).await?;
    Ok("conversation-kept")
}

/// `GET /career/compass.md`
async fn compass_markdown(State(s): State<AppState>) -> Response {
    match career::compass(s.store.as_ref(), &s.rules, cache::now(&s.clock)).await {
        Ok(c) => super::people::markdown(
            career::compass_markdown(&c),
            &format!("career-compass-{}.md", c.today),
        ),
        Err(e) => layout::failure_page(&s, Nav::Growth, &Failure::from(e)),
    }
}

/// The routes of the skills and career pages and their forms.
pub(super) fn routes() -> axum::Router<AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/skills", get(skills_page))
        .route("/skills/rate", skills_change(rate))
        .route("/career", get(page))
        .route("/career/compass.md", get(compass_markdown))
        .route("/career/answer", change(answer))
        .route("/career/signs", change(signs))
        .route("/career/transition", post(transition))
        .route("/career/talk", change(talk))
}

//! `/journal`: the reflection rhythm — the weekly journal, the monthly career check-in and the
//! quarterly self-assessment — what is due, the streaks, and a page to write each entry next
//! to what the data shows for its period.

use super::{done_notice, field, see_other, today_or_utc};
use crate::components::form_field;
use crate::extract::CheckedForm;
use crate::layout::{self, Nav, Notice, csrf_field, frame, page_title, respond};
use crate::{AppState, Failure, cache, fmt};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use fulcrum_app::rituals;
use fulcrum_core::rituals::{
    ASSESSED_SKILLS, EntryBody, Period, Ritual, RitualStatus, SkillRating,
};
use fulcrum_core::{Category, time};
use maud::{Markup, html};
use std::collections::HashMap;

query! {
    JournalQuery { period, done }
}

fn ritual_of(name: &str) -> Result<Ritual, Failure> {
    Ritual::ALL
        .into_iter()
        .find(|r| r.as_str() == name)
        .ok_or_else(|| {
            Failure::new(
                StatusCode::NOT_FOUND,
                format!(
                    "there is no ritual '{name}': the journal has weekly-journal, monthly-check-in and quarterly-assessment"
                ),
            )
        })
}

fn state_text(state: &str) -> &'static str {
    match state {
        "done" => "written",
        "due" => "due now",
        "overdue" => "overdue",
        _ => "coming up",
    }
}

fn state_badge(st: &RitualStatus) -> Markup {
    let class = match st.state {
        "done" => "badge ok",
        "overdue" => "badge failed",
        "due" => "badge due",
        _ => "badge",
    };
    html! { span class=(class) data-state=(st.state) { (state_text(st.state)) } }
}

/// `GET /journal`
pub async fn page(State(s): State<AppState>, Query(q): Query<JournalQuery>) -> Response {
    let now = cache::now(&s.clock);
    let all = match rituals::status_all(s.store.as_ref(), now).await {
        Ok(a) => a,
        Err(e) => return layout::failure_page(&s, Nav::Journal, &Failure::from(e)),
    };
    let today = today_or_utc(&s, now).await;
    let year_start = jiff::civil::Date::new(today.year(), 1, 1).unwrap_or(today);
    let past = match rituals::past_entries(s.store.as_ref(), None).await {
        Ok(p) => p,
        Err(e) => return layout::failure_page(&s, Nav::Journal, &Failure::from(e)),
    };
    let notices: Vec<Notice> = done_notice(q.done.as_deref()).into_iter().collect();
    let coach = crate::components::insights::for_page(&s, &["rituals"], "/journal").await;
    let body = html! {
        div.page-head {
            (page_title("Journal", html! {
                "A few minutes a week, an hour a month, an afternoon a quarter: what went well, what got in the way, "
                "and where you are heading. Each entry opens with what your calendar and commits show for its period."
            }))
        }
        (coach)
        div.rituals {
            @for st in &all {
                section.card.ritual #(format!("ritual-{}", st.ritual.as_str())) data-ritual=(st.ritual.as_str())
                    data-state=(st.state) data-streak=(st.streak) data-period=(st.period.label)
                    aria-labelledby=(format!("ritual-{}-title", st.ritual.as_str())) {
                    h2 id=(format!("ritual-{}-title", st.ritual.as_str())) { (st.title) }
                    p.ritual-state { (state_badge(st)) " " span.period { (st.period.label) } }
                    dl.facts {
                        div { dt { "Due" } dd { (fmt::day(st.due)) } }
                        div { dt { "Streak" } dd.streak { (st.streak) } }
                        div { dt { "Last entry" } dd { (st.last_entry.as_deref().unwrap_or("none yet")) } }
                    }
                    a.btn.primary[st.state != "done"] href=(format!("/journal/{}?period={}", st.ritual.as_str(), st.period.label)) {
                        @if st.state == "done" { "Read or edit " (st.period.label) } @else { "Write " (st.period.label) }
                    }
                }
            }
        }
        (past_entries(&past))
        section.card #export aria-labelledby="export-title" {
            h2 #export-title { "Markdown export" }
            p.hint { "Every entry of a span of time as one Markdown document, to keep or share with a mentor." }
            form #export-form method="get" action="/journal/export.md" {
                div.fields {
                    (form_field("export-from", "From", html! {
                        input #export-from type="date" name="from" required value=(year_start.to_string());
                    }))
                    (form_field("export-to", "Until (not included)", html! {
                        input #export-to type="date" name="to" required value=(time::add_days(today, 1).to_string());
                    }))
                }
                button.btn type="submit" { "Download Markdown" }
            }
        }
    };
    respond(
        StatusCode::OK,
        frame(&s, "Journal", Nav::Journal, &notices, body),
    )
}

/// `GET /journal/{ritual}?period=…`
pub async fn entry_page(
    State(s): State<AppState>,
    Path(name): Path<String>,
    Query(q): Query<JournalQuery>,
) -> Response {
    let notices: Vec<Notice> = done_notice(q.done.as_deref()).into_iter().collect();
    entry_render(
        &s,
        StatusCode::OK,
        notices,
        &name,
        q.period.as_deref(),
        None,
    )
    .await
}

async fn entry_render(
    s: &AppState,
    status: StatusCode,
    notices: Vec<Notice>,
    name: &str,
    period: Option<&str>,
    typed: Option<&HashMap<String, String>>,
) -> Response {
    let now = cache::now(&s.clock);
    let prepared = async {
        let ritual = ritual_of(name)?;
        let period = period.map(str::trim).filter(|p| !p.is_empty());
        let period = rituals::resolve_period(s.store.as_ref(), ritual, period, now).await?;
        let facts = rituals::facts(s.store.as_ref(), &s.rules, &period, now).await?;
        let saved = rituals::entry(s.store.as_ref(), ritual, &period).await?;
        let status = rituals::status(s.store.as_ref(), ritual, now).await?;
        Ok::<_, Failure>((ritual, period, facts, saved, status))
    }
    .await;
    let (ritual, period, facts, saved, st) = match prepared {
        Ok(p) => p,
        Err(f) => return layout::failure_page(s, Nav::Journal, &f),
    };
    let body: EntryBody = match &saved {
        Some(e) => e.body.clone(),
        None => rituals::draft(s.store.as_ref(), ritual, &period)
            .await
            .unwrap_or_default(),
    };
    // What a refused form sent, exactly as typed, over what was saved.
    let typed_or = |name: &str, saved: String| -> String {
        typed.and_then(|t| t.get(name)).cloned().unwrap_or(saved)
    };
    let previous = fulcrum_core::rituals::period_of(ritual, time::add_days(period.from, -1));
    let next = fulcrum_core::rituals::period_of(ritual, period.to);
    let base = format!("/journal/{}", ritual.as_str());
    let markup = html! {
        div.page-head {
            div {
                h1 #entry-label data-ritual=(ritual.as_str()) data-period=(period.label) data-saved=(saved.is_some()) {
                    (ritual.title()) " " (period.label)
                    span.sub { (fmt::range(period.from, period.to)) }
                }
                p.meta {
                    @if st.period.label == period.label {
                        (state_badge(&st)) " · streak " span #streak { (st.streak) } " · "
                    }
                    @if saved.is_some() { "Saved; saving again replaces it. " } @else { "Not written yet. " }
                    a href="/journal" { "All rituals" }
                }
            }
            nav.week-nav aria-label="Periods" {
                a.btn #prev-period href=(format!("{base}?period={}", previous.label)) rel="prev" {
                    span aria-hidden="true" { "← " } (previous.label)
                }
                a.btn #next-period href=(format!("{base}?period={}", next.label)) rel="next" {
                    (next.label) span aria-hidden="true" { " →" }
                }
            }
        }
        section.attention #period-facts aria-labelledby="facts-title" {
            h2 #facts-title { "What the data shows for " (period.label) }
            ul {
                @for f in &facts { li { (f) } }
            }
        }
        form.card.entry #entry-form method="post" action=(base) {
            (csrf_field(s))
            input type="hidden" name="period" value=(period.label);
            p.hint { "One item per line. Empty sections are fine; an entry with nothing in it is not saved." }
            @for (key, prompt) in ritual.sections() {
                div.field.section-field {
                    label for=(format!("section-{key}")) { (capitalised(key)) span.prompt { (prompt) } }
                    textarea id=(format!("section-{key}")) name=(format!("section-{key}")) rows="4" {
                        (typed_or(&format!("section-{key}"), body.section(key).join("\n")))
                    }
                }
            }
            @if ritual == Ritual::WeeklyJournal {
                fieldset.energy {
                    legend { "Energy: which kinds of work gave you energy this week, and which drained it?" }
                    div.fields.energy-fields {
                        @for c in Category::ALL {
                            @let stored = body.energy.iter().find(|(k, _)| *k == c).map(|(_, v)| *v).unwrap_or(0);
                            @let v = match typed_or(&format!("energy-{c}"), stored.to_string()).trim() {
                                "1" | "+1" => 1, "-1" => -1, _ => 0,
                            };
                            div.field {
                                label for=(format!("energy-{c}")) { (c) }
                                select id=(format!("energy-{c}")) name=(format!("energy-{c}")) {
                                    option value="1" selected[v > 0] { "+1 gave energy" }
                                    option value="0" selected[v == 0] { "0 neutral" }
                                    option value="-1" selected[v < 0] { "−1 drained" }
                                }
                            }
                        }
                    }
                }
            }
            @if ritual == Ritual::QuarterlyAssessment {
                fieldset.ratings {
                    legend { "Rate yourself from 1 (just starting) to 10 (could teach it); leave blank to skip." }
                    div.fields.rating-fields {
                        @for (i, skill) in ASSESSED_SKILLS.iter().enumerate() {
                            @let own = body.ratings.iter().find(|r| r.skill == *skill).and_then(|r| r.own);
                            @let own = typed_or(&format!("rating-{i}"), own.map(|o| o.to_string()).unwrap_or_default());
                            div.field {
                                label for=(format!("rating-{i}")) { (capitalised(skill)) }
                                input type="number" id=(format!("rating-{i}")) name=(format!("rating-{i}"))
                                    min="1" max="10" inputmode="numeric" value=(own);
                            }
                        }
                    }
                }
            }
            div.form-actions {
                button.btn.primary type="submit" #save-entry { "Save " (period.label) }
            }
        }
    };
    respond(
        status,
        frame(
            s,
            &format!("{} {}", ritual.title(), period.label),
            Nav::Journal,
            &notices,
            markup,
        ),
    )
}

/// The entries written so far, newest first, each readable in place and open to edit.
fn past_entries(past: &[rituals::PastEntry]) -> Markup {
    html! {
        section.card #past-entries aria-labelledby="past-entries-title" data-count=(past.len()) {
            h2 #past-entries-title { "Past entries " span.count { (past.len()) } }
            @if past.is_empty() {
                p.muted #no-entries { "Nothing written yet. Your entries will be listed here, newest first." }
            } @else {
                p.hint { "Newest first. Open one to read it; its own page edits it." }
                ul.plain.past-entries {
                    @for (i, p) in past.iter().enumerate() {
                        @let e = &p.entry;
                        li.past-entry data-ritual=(e.ritual.as_str()) data-period=(p.period.label) {
                            details open[i == 0] {
                                summary {
                                    strong { (e.ritual.title()) " " (p.period.label) }
                                    " · " span.period-range { (fmt::range(p.period.from, p.period.to)) }
                                }
                                (entry_text(e))
                                p { a.btn.small href=(format!("/journal/{}?period={}", e.ritual.as_str(), p.period.label)) {
                                    "Edit " (p.period.label)
                                } }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// What an entry says, to read: its sections, energy and ratings, then what the data showed.
fn entry_text(e: &fulcrum_store::Entry) -> Markup {
    html! {
        div.entry-text {
            @for (key, _) in e.ritual.sections() {
                @let items = e.body.section(key);
                @if !items.is_empty() {
                    h4 { (capitalised(key)) }
                    ul { @for i in items { li { (i) } } }
                }
            }
            @if !e.body.energy.is_empty() {
                p.entry-energy { "Energy: " (e.body.energy_phrase()) "." }
            }
            @if !e.body.ratings.is_empty() {
                table.entry-ratings {
                    thead { tr { th scope="col" { "Skill" } th.num scope="col" { "Self" } th scope="col" { "Others" } } }
                    tbody {
                        @for r in &e.body.ratings {
                            tr {
                                td { (r.skill) }
                                td.num { @match r.own { Some(v) => (v), None => "—" } }
                                td { (r.others.iter().map(|(w, v)| format!("{w} {v}")).collect::<Vec<_>>().join(", ")) }
                            }
                        }
                    }
                }
            }
            @if !e.facts.is_empty() {
                details.entry-facts {
                    summary { "What the data showed" }
                    ul { @for f in &e.facts { li { (f) } } }
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

/// The entry a form describes; ratings others gave are kept from the saved entry.
fn body_from(
    ritual: Ritual,
    form: &HashMap<String, String>,
    saved: Option<&EntryBody>,
) -> Result<EntryBody, Failure> {
    let sections = ritual
        .sections()
        .iter()
        .map(|(key, _)| {
            let items: Vec<String> = form
                .get(&format!("section-{key}"))
                .map(|v| {
                    v.lines()
                        .map(|l| l.trim().trim_start_matches(['-', '*', '•']).trim())
                        .filter(|l| !l.is_empty())
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default();
            (key.to_string(), items)
        })
        .collect();
    let mut energy = Vec::new();
    if ritual == Ritual::WeeklyJournal {
        for c in Category::ALL {
            match field(form, &format!("energy-{c}")).as_deref() {
                None | Some("0") => {}
                Some("1") | Some("+1") => energy.push((c, 1)),
                Some("-1") => energy.push((c, -1)),
                Some(v) => {
                    return Err(Failure::bad_request(format!(
                        "energy for {c} = {v:?}: choose +1, 0 or −1"
                    )));
                }
            }
        }
    }
    let mut ratings = Vec::new();
    if ritual == Ritual::QuarterlyAssessment {
        for (i, skill) in ASSESSED_SKILLS.iter().enumerate() {
            let own = match field(form, &format!("rating-{i}")) {
                None => None,
                Some(v) => Some(
                    v.parse::<u8>()
                        .ok()
                        .filter(|n| (1..=10).contains(n))
                        .ok_or_else(|| {
                            Failure::bad_request(format!("{skill} = {v:?}: rate from 1 to 10"))
                        })?,
                ),
            };
            let others = saved
                .and_then(|b| b.ratings.iter().find(|r| r.skill == *skill))
                .map(|r| r.others.clone())
                .unwrap_or_default();
            if own.is_some() || !others.is_empty() {
                ratings.push(SkillRating {
                    skill: skill.to_string(),
                    own,
                    others,
                });
            }
        }
    }
    Ok(EntryBody {
        sections,
        energy,
        ratings,
    })
}

/// `POST /journal/{ritual}` with `period` and the entry's fields.
pub async fn save(
    State(s): State<AppState>,
    Path(name): Path<String>,
    CheckedForm(form): CheckedForm<HashMap<String, String>>,
) -> Response {
    let now = cache::now(&s.clock);
    let label = field(&form, "period");
    let result = async {
        let ritual = ritual_of(&name)?;
        let period: Period =
            rituals::resolve_period(s.store.as_ref(), ritual, label.as_deref(), now).await?;
        let saved = rituals::entry(s.store.as_ref(), ritual, &period).await?;
        let body = body_from(ritual, &form, saved.as_ref().map(|e| &e.body))?;
        let facts = rituals::facts(s.store.as_ref(), &s.rules, &period, now).await?;
        rituals::save(s.store.as_ref(), ritual, &period, body, facts).await?;
        Ok::<_, Failure>(format!(
            "/journal/{}?period={}&done=saved",
            ritual.as_str(),
            period.label
        ))
    }
    .await;
    match result {
        Ok(to) => {
            s.changed();
            see_other(&to)
        }
        Err(f) => {
            entry_render(
                &s,
                f.status,
                vec![Notice::Failed(f.message)],
                &name,
                label.as_deref(),
                Some(&form),
            )
            .await
        }
    }
}

query! {
    ExportQuery { from, to }
}

/// `GET /journal/export.md?from=DATE&to=DATE` (`to` exclusive).
pub async fn export(State(s): State<AppState>, Query(q): Query<ExportQuery>) -> Response {
    let result = async {
        let date = |v: &Option<String>, name: &str| {
            let v = v.as_deref().map(str::trim).filter(|v| !v.is_empty());
            let v = v.ok_or_else(|| Failure::bad_request(format!("give {name} as a date")))?;
            time::parse_date(v).map_err(|e| Failure::from(fulcrum_app::AppError::from(e)))
        };
        let (from, to) = (date(&q.from, "from")?, date(&q.to, "to")?);
        if to <= from {
            return Err(Failure::bad_request(format!(
                "the end {to} must be after the start {from} (the end is not included)"
            )));
        }
        let md = rituals::export_markdown(s.store.as_ref(), from, to).await?;
        Ok((from, to, md))
    }
    .await;
    match result {
        Ok((from, to, md)) => super::people::markdown(md, &format!("reflections-{from}-{to}.md")),
        Err(f) => layout::failure_page(&s, Nav::Journal, &f),
    }
}

//! `/week/recategorise`: from an event on the week timeline to a rule for its title. Choose
//! the category, see how many activities of the last weeks the rule would move (from → to),
//! then confirm: the rule is added first among the user's rules.

use super::{chip, see_other};
use crate::components::form_field;
use crate::extract::CheckedForm;
use crate::layout::{Nav, Notice, csrf_field, frame, respond};
use crate::{AppState, Failure, cache, fmt};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use fulcrum_app::dashboard::WeekActivity;
use fulcrum_app::recategorise::{self, PREVIEW_WEEKS, Preview, Scope};
use fulcrum_app::rules_file;
use fulcrum_core::{ActivityKind, Category};
use maud::{Markup, html};
use std::collections::HashMap;

pub const PATH: &str = "/week/recategorise";

/// `a=b&c=d` with every byte but unreserved ones percent-encoded.
fn query(pairs: &[(&str, &str)]) -> String {
    use super::delegation::enc;
    pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The timeline's action for one activity: calendar events only (coding sessions and time
/// logged by hand are not decided by rules).
pub fn link(week: &str, a: &WeekActivity) -> Markup {
    if !matches!(a.kind, ActivityKind::Meeting | ActivityKind::Block) {
        return html! {};
    }
    let href = format!(
        "{PATH}?{}",
        query(&[
            ("week", week),
            ("title", &a.title),
            ("source", &a.source),
            ("from", a.category.as_str()),
        ])
    );
    html! {
        a.btn.small.quiet.recategorise href=(href) aria-label=(format!("Re-categorise {}", a.title)) {
            "Re-categorise"
        }
    }
}

/// The fields of the page and of its confirm form.
struct Fields {
    week: Option<String>,
    title: String,
    source: Option<String>,
    from: Option<Category>,
    category: Option<Category>,
    scope: Scope,
    only_calendar: bool,
}

fn read(f: &HashMap<String, String>) -> Result<Fields, Failure> {
    let get = |k: &str| super::field(f, k);
    let title = f
        .get("title")
        .map(|t| t.trim().to_string())
        .unwrap_or_default();
    if title.is_empty() {
        return Err(Failure::bad_request(
            "which event? Open this page from an event on the week timeline",
        ));
    }
    let category = |k: &str| -> Result<Option<Category>, Failure> {
        get(k)
            .map(|c| {
                c.parse()
                    .map_err(|e: fulcrum_core::category::UnknownCategory| {
                        Failure::bad_request(e.to_string())
                    })
            })
            .transpose()
    };
    let scope = match get("scope").as_deref() {
        None | Some("exact") => Scope::Exact,
        Some("contains") => Scope::Contains,
        Some(v) => {
            return Err(Failure::bad_request(format!(
                "scope = {v:?}: expected exact or contains"
            )));
        }
    };
    Ok(Fields {
        week: get("week"),
        title,
        source: get("source").filter(|s| s != fulcrum_app::activities::COMMITS_SOURCE),
        from: category("from")?,
        category: category("category")?,
        scope,
        only_calendar: super::checked(f, "only_calendar"),
    })
}

impl Fields {
    fn request(&self, category: Category) -> recategorise::Request<'_> {
        recategorise::Request {
            title: &self.title,
            category,
            scope: self.scope,
            calendar: self.source.as_deref().filter(|_| self.only_calendar),
        }
    }

    fn week_link(&self) -> String {
        match &self.week {
            Some(w) => format!("/week?{}", query(&[("week", w)])),
            None => "/week".into(),
        }
    }

    /// The page again, for these fields, with a `done` code.
    fn page_link(&self, done: &str) -> String {
        let category = self.category.map(Category::as_str).unwrap_or("");
        let from = self.from.map(Category::as_str).unwrap_or("");
        let scope = match self.scope {
            Scope::Exact => "exact",
            Scope::Contains => "contains",
        };
        format!(
            "{PATH}?{}",
            query(&[
                ("week", self.week.as_deref().unwrap_or("")),
                ("title", &self.title),
                ("source", self.source.as_deref().unwrap_or("")),
                ("from", from),
                ("category", category),
                ("scope", scope),
                ("only_calendar", if self.only_calendar { "on" } else { "" }),
                ("done", done),
            ])
        )
    }
}

/// `GET /week/recategorise?title=…&source=…&week=…&from=…[&category=…&scope=…&only_calendar=on]`
pub async fn page(State(s): State<AppState>, Query(q): Query<HashMap<String, String>>) -> Response {
    let fields = match read(&q) {
        Ok(f) => f,
        Err(f) => return crate::layout::failure_page(&s, Nav::Week, &f),
    };
    let mut notices = Vec::new();
    let mut status = StatusCode::OK;
    let mut preview = None;
    if let Some(category) = fields.category {
        let now = cache::now(&s.clock);
        let result = match rules_file::load(&s.rules) {
            Ok(existing) => {
                let rule = recategorise::rule_for(&fields.request(category), &existing);
                recategorise::preview(s.store.as_ref(), &s.rules, &rule, now)
                    .await
                    .map_err(Failure::from)
            }
            Err(e) => Err(Failure::from(e)),
        };
        match result {
            Ok(p) => {
                if q.get("done").map(String::as_str) == Some("added") {
                    notices.push(Notice::done(format!(
                        "Added the rule '{}', tried first among your rules: every week is \
                         re-categorised with it.",
                        p.rule.name
                    )));
                }
                preview = Some(p);
            }
            Err(f) => {
                status = f.status;
                notices.push(Notice::Failed(f.message));
            }
        }
    }
    let body = render(&s, &fields, preview.as_ref());
    respond(
        status,
        frame(
            &s,
            &format!("Re-categorise {}", fields.title),
            Nav::Week,
            &notices,
            body,
        ),
    )
}

fn render(s: &AppState, f: &Fields, preview: Option<&Preview>) -> Markup {
    let scope_exact = f.scope == Scope::Exact;
    html! {
        div.page-head {
            div {
                h1 #recategorise-title { "Re-categorise " span.sub { "“" (f.title) "”" } }
                p.meta {
                    @if let Some(c) = f.from { "On the timeline: " (chip(c)) " · " }
                    @if let Some(src) = &f.source { "from " code { (src) } " · " }
                    a href=(f.week_link()) { "Back to the week" }
                }
            }
        }
        section.card aria-labelledby="options-title" {
            h2 #options-title { "A rule for this title" }
            p.hint {
                "Rules go by title, so every occurrence of a series (and any other event with this title) moves together. "
                "The rule is tried before your other rules and the defaults; you can change or delete it on the "
                a href="/rules" { "Rules" } " page."
            }
            form #recategorise-options method="get" action=(PATH) {
                input type="hidden" name="title" value=(f.title);
                @if let Some(w) = &f.week { input type="hidden" name="week" value=(w); }
                @if let Some(src) = &f.source { input type="hidden" name="source" value=(src); }
                @if let Some(c) = f.from { input type="hidden" name="from" value=(c.as_str()); }
                div.fields {
                    (form_field("recat-category", "Count it as", html! {
                        select #recat-category name="category" required {
                            option value="" disabled selected[f.category.is_none()] { "choose a category" }
                            @for c in Category::ALL {
                                option value=(c.as_str()) selected[f.category == Some(c)] { (c) }
                            }
                        }
                    }))
                    fieldset.field.wide {
                        legend { "Which titles" }
                        label.check {
                            input type="radio" name="scope" value="exact" checked[scope_exact];
                            " exactly “" (f.title) "” (any case)"
                        }
                        label.check {
                            input type="radio" name="scope" value="contains" checked[!scope_exact];
                            " every title containing it"
                        }
                    }
                    @if let Some(src) = &f.source {
                        div.field.wide {
                            label.check {
                                input #recat-only-calendar type="checkbox" name="only_calendar" checked[f.only_calendar];
                                " only events from " code { (src) }
                            }
                        }
                    }
                }
                button.btn type="submit" #recategorise-preview { "Preview" }
            }
        }
        @if let Some(p) = preview { (preview_section(s, f, p)) }
    }
}

fn preview_section(s: &AppState, f: &Fields, p: &Preview) -> Markup {
    let category = p.rule.category;
    html! {
        section.card #preview aria-labelledby="preview-title"
            data-matched=(p.matched) data-moved=(p.moved) data-unchanged=(p.unchanged) {
            h2 #preview-title { "What it changes" }
            p {
                "The rule “" (p.rule.name) "” (" code { (p.rule.describe()) } ") → " (chip(category))
            }
            @if let Some(old) = &p.replaces {
                p.hint #replaces { "It takes the place of your rule “" (old) "”, which has the same conditions." }
            }
            p #preview-summary {
                "Since " (fmt::day(p.since)) " (the last " (PREVIEW_WEEKS) " weeks), it decides "
                (fulcrum_app::markdown::plural(p.matched, "activity", "activities")) ": "
                @if p.moved == 0 {
                    "none of them changes category"
                    @if p.matched > 0 { " (they are " (category) " already)" }
                    "."
                } @else {
                    (p.moved) " " (if p.moved == 1 { "moves" } else { "move" })
                    @if p.unchanged > 0 { ", " (p.unchanged) " " (if p.unchanged == 1 { "is" } else { "are" }) " " (category) " already" }
                    "."
                }
            }
            @if !p.moves.is_empty() {
                div.table-wrap {
                    table #moves {
                        thead { tr {
                            th scope="col" { "From" } th scope="col" { "To" }
                            th scope="col" { "Activities" } th scope="col" { "Time" }
                        } }
                        tbody {
                            @for m in &p.moves {
                                tr data-from=(m.from.as_str()) data-to=(m.to.as_str()) data-count=(m.activities) data-minutes=(m.minutes) {
                                    td { (chip(m.from)) } td { (chip(m.to)) }
                                    td.num { (m.activities) } td.num { (fmt::duration(m.minutes)) }
                                }
                            }
                        }
                    }
                }
            }
            form #recategorise-confirm method="post" action=(PATH) {
                (csrf_field(s))
                input type="hidden" name="title" value=(f.title);
                input type="hidden" name="category" value=(category.as_str());
                input type="hidden" name="scope" value=(if f.scope == Scope::Exact { "exact" } else { "contains" });
                @if let Some(w) = &f.week { input type="hidden" name="week" value=(w); }
                @if let Some(src) = &f.source { input type="hidden" name="source" value=(src); }
                @if let Some(c) = f.from { input type="hidden" name="from" value=(c.as_str()); }
                @if f.only_calendar { input type="hidden" name="only_calendar" value="on"; }
                button.btn.primary type="submit" #recategorise-confirm-submit { "Add the rule" }
                " "
                a.btn.quiet href=(f.week_link()) { "Cancel" }
            }
        }
    }
}

/// `POST /week/recategorise`: adds the rule, then shows the page again (303) with the result.
pub async fn confirm(
    State(s): State<AppState>,
    CheckedForm(form): CheckedForm<HashMap<String, String>>,
) -> Response {
    let fields = match read(&form) {
        Ok(f) => f,
        Err(f) => return crate::layout::failure_page(&s, Nav::Week, &f),
    };
    let Some(category) = fields.category else {
        return crate::layout::failure_page(
            &s,
            Nav::Week,
            &Failure::bad_request("choose the category to count it as"),
        );
    };
    let result = rules_file::load(&s.rules).and_then(|existing| {
        let rule = recategorise::rule_for(&fields.request(category), &existing);
        recategorise::apply(&s.rules, &rule)
    });
    s.changed();
    match result {
        Ok(_) => see_other(&fields.page_link("added")),
        Err(e) => crate::layout::failure_page(&s, Nav::Week, &Failure::from(e)),
    }
}

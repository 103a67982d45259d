//! `/rules`: the user's rules (add, reorder, delete), the defaults, and "explain" for a title.
//! Rules are read from the file on every report, so a change re-categorises everything at once.

use super::chip;
use crate::api::parse_attendees;
use crate::components::{form_field, wide_form_field};
use crate::extract::CheckedForm;
use crate::layout::{Nav, Notice, csrf_field, frame, page_title, respond};
use crate::{AppState, Failure};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use fulcrum_app::rules_file::{self, Explanation};
use fulcrum_core::Category;
use fulcrum_core::people::Relation;
use fulcrum_core::rules::Rule;
use maud::{Markup, html};

#[derive(Debug, Default, serde::Deserialize)]
pub struct ExplainQuery {
    pub title: Option<String>,
    pub attendees: Option<String>,
    /// Addresses of the people there besides the user, separated by commas or spaces.
    pub with: Option<String>,
}

/// The addresses of a `with` field: split on commas, semicolons and spaces.
pub fn addresses(v: Option<&str>) -> Vec<String> {
    v.unwrap_or_default()
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|a| !a.is_empty())
        .map(str::to_string)
        .collect()
}

/// Explains a title with the people given, read against the people records.
pub async fn explain(
    s: &AppState,
    title: &str,
    attendees: Option<&str>,
    with: Option<&str>,
) -> Result<Explanation, Failure> {
    let n = parse_attendees(attendees)?;
    let with = addresses(with);
    if with.is_empty() {
        return Ok(rules_file::explain(&s.rules, title, n)?);
    }
    Ok(rules_file::explain_for(s.store.as_ref(), &s.rules, title, n, &with).await?)
}

pub async fn page(State(s): State<AppState>, Query(q): Query<ExplainQuery>) -> Response {
    let mut notices = Vec::new();
    let mut status = StatusCode::OK;
    let explained = match q.title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        None => None,
        Some(title) => match explain(&s, title, q.attendees.as_deref(), q.with.as_deref()).await {
            Ok(e) => Some(e),
            Err(f) => {
                status = f.status;
                notices.push(Notice::Failed(f.message));
                None
            }
        },
    };
    render(&s, status, notices, explained.as_ref(), &q)
}

fn render(
    s: &AppState,
    status: StatusCode,
    mut notices: Vec<Notice>,
    explained: Option<&Explanation>,
    q: &ExplainQuery,
) -> Response {
    let listing = match rules_file::rules_listing(&s.rules) {
        Ok(l) => l,
        Err(e) => {
            notices.push(Notice::Failed(Failure::from(e).message));
            rules_file::RulesListing {
                file: s.rules.display().to_string(),
                user: Vec::new(),
                defaults: fulcrum_core::rules::default_rules(),
            }
        }
    };
    let body = html! {
        div.page-head {
            (page_title("Rules", html! {
                "Each activity goes to the category of the first rule that matches it: your rules first, then the defaults. "
                "Changes apply to every week at once. Your rules live in " code { (listing.file) } "."
            }))
        }
        section.card aria-labelledby="user-rules-title" {
            h2 #user-rules-title { "Your rules" }
            @if listing.user.is_empty() {
                p #no-rules { "None yet: the defaults below decide. Add a rule to override them." }
            } @else {
                div.table-wrap {
                    table #user-rules {
                        thead { tr {
                            th scope="col" { "#" } th scope="col" { "Name" } th scope="col" { "Category" }
                            th scope="col" { "Matches" } th scope="col" { span.visually-hidden { "Actions" } }
                        } }
                        tbody {
                            @for (i, r) in listing.user.iter().enumerate() {
                                tr data-rule=(r.name) data-category=(r.category.as_str()) {
                                    td.num { (i + 1) }
                                    th scope="row" { (r.name) }
                                    td { (chip(r.category)) }
                                    td { (r.describe()) }
                                    td.actions {
                                        (move_form(s, &r.name, true, i == 0))
                                        (move_form(s, &r.name, false, i + 1 == listing.user.len()))
                                        form.inline.confirm method="post" action="/rules/delete"
                                            data-confirm=(format!("Delete the rule '{}'?", r.name)) {
                                            (csrf_field(s))
                                            input type="hidden" name="name" value=(r.name);
                                            button.btn.small.danger type="submit" aria-label=(format!("Delete {}", r.name)) { "Delete" }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        div.grid.forms {
            section.card aria-labelledby="add-title" { (add_form(s)) }
            section.card aria-labelledby="explain-title" { (explain_form(q, explained)) }
        }
        section.card aria-labelledby="defaults-title" {
            h2 #defaults-title { "Defaults" }
            p.hint { "Tried after your rules, in this order. Anything no rule matches counts as other." }
            div.table-wrap {
                table #default-rules {
                    thead { tr { th scope="col" { "Name" } th scope="col" { "Category" } th scope="col" { "Matches" } } }
                    tbody {
                        @for r in &listing.defaults {
                            tr data-rule=(r.name) {
                                th scope="row" { (r.name) }
                                td { (chip(r.category)) }
                                td.pattern { (r.describe()) }
                            }
                        }
                    }
                }
            }
        }
    };
    respond(status, frame(s, "Rules", Nav::Rules, &notices, body))
}

fn move_form(s: &AppState, name: &str, up: bool, disabled: bool) -> Markup {
    let label = if up {
        format!("Move {name} up")
    } else {
        format!("Move {name} down")
    };
    html! {
        form.inline method="post" action="/rules/move" {
            (csrf_field(s))
            input type="hidden" name="name" value=(name);
            input type="hidden" name="direction" value=(if up { "up" } else { "down" });
            button.btn.small type="submit" disabled[disabled] aria-label=(label) title=(label) {
                (if up { "↑" } else { "↓" })
            }
        }
    }
}

fn add_form(s: &AppState) -> Markup {
    html! {
        h2 #add-title { "Add a rule" }
        form #add-rule method="post" action="/rules/add" {
            (csrf_field(s))
            div.fields {
                (form_field("rule-name", "Name", html! {
                    input #rule-name type="text" name="name" required placeholder="standups are building";
                }))
                (form_field("rule-category", "Category", html! {
                    select #rule-category name="category" {
                        @for c in Category::ALL { option value=(c.as_str()) { (c) } }
                    }
                }))
                (wide_form_field("rule-title", "Title contains (a regular expression, any case)", html! {
                    input #rule-title type="text" name="title" placeholder="standup|stand-up" spellcheck="false";
                }))
                (form_field("rule-min", "At least … others", html! {
                    input #rule-min type="number" name="min_attendees" min="0" inputmode="numeric";
                }))
                (form_field("rule-max", "At most … others", html! {
                    input #rule-max type="number" name="max_attendees" min="0" inputmode="numeric";
                }))
                (form_field("rule-domain", "An attendee from domain", html! {
                    input #rule-domain type="text" name="attendee_domain" placeholder="partner.example";
                }))
                (form_field("rule-organizer", "Organiser e-mail", html! {
                    input #rule-organizer type="email" name="organizer";
                }))
                (form_field("rule-calendar", "Calendar name contains", html! {
                    input #rule-calendar type="text" name="calendar";
                }))
                (form_field("rule-one-on-one", "1:1s", html! {
                    select #rule-one-on-one name="one_on_one" {
                        option value="" { "any meeting" }
                        option value="true" { "only 1:1s (from your people records)" }
                        option value="false" { "no 1:1s" }
                    }
                }))
                (relation_boxes("with_relation", "With someone who is your …"))
                (relation_boxes("only_relation", "Everyone else is your …"))
                (form_field("rule-position", "Try it", html! {
                    select #rule-position name="position" {
                        option value="first" { "before my other rules" }
                        option value="last" { "after my other rules" }
                    }
                }))
            }
            p.hint { "A rule needs at least one condition; every condition it has must hold." }
            button.btn.primary type="submit" #add-rule-submit { "Add rule" }
        }
    }
}

/// Checkboxes, one per relation, posted as repeated `name` fields.
fn relation_boxes(name: &str, legend: &str) -> Markup {
    html! {
        fieldset.field.wide.relations #(format!("rule-{}", name.replace('_', "-"))) {
            legend { (legend) }
            @for r in Relation::ALL {
                label.check {
                    input type="checkbox" name=(name) value=(r.as_str());
                    " " (r)
                }
            }
        }
    }
}

fn explain_form(q: &ExplainQuery, e: Option<&Explanation>) -> Markup {
    html! {
        h2 #explain-title { "Explain a title" }
        form #explain method="get" action="/rules" {
            div.fields {
                (wide_form_field("explain-title-input", "Event title", html! {
                    input #explain-title-input type="text" name="title" required value=[q.title.as_deref()];
                }))
                (form_field("explain-attendees", "Other people present", html! {
                    input #explain-attendees type="number" name="attendees" min="0"
                        value=(q.attendees.as_deref().unwrap_or("0"));
                }))
                (wide_form_field("explain-with", "Their addresses (optional: read against your people records)", html! {
                    input #explain-with type="text" name="with" spellcheck="false"
                        placeholder="kim@example.com" value=[q.with.as_deref()];
                }))
            }
            button.btn type="submit" { "Explain" }
        }
        @if let Some(e) = e {
            div.explanation #explanation data-category=(e.category.as_str()) data-rule=(e.rule) {
                p {
                    "“" (e.title) "” with " (e.attendees) " other people → " (chip(e.category))
                }
                @if let Some(who) = &e.one_on_one_with {
                    p.hint #explain-one-on-one { "A 1:1 with " (who) ", as your people records have it." }
                }
                p.hint { "Decided by the " (e.origin) " rule “" (e.rule) "”: " (e.reason) }
                details {
                    summary { "Every rule tried" }
                    div.table-wrap {
                        table {
                            thead { tr { th scope="col" { "Rule" } th scope="col" { "From" } th scope="col" { "Category" } th scope="col" { "Why" } } }
                            tbody {
                                @for c in &e.checked {
                                    tr.matched[c.matched] {
                                        th scope="row" { (c.rule) }
                                        td { (c.origin) }
                                        td { (c.category) }
                                        td.pattern { (c.reason) }
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

/// A posted form: fields in order, a name possibly repeated (checkboxes).
pub type Fields = Vec<(String, String)>;

fn opt(form: &Fields, name: &str) -> Option<String> {
    form.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

fn number(form: &Fields, name: &str) -> Result<Option<u32>, Failure> {
    opt(form, name)
        .map(|v| {
            v.parse::<u32>().map_err(|_| {
                Failure::bad_request(format!("{name} = {v:?}: expected a whole number such as 2"))
            })
        })
        .transpose()
}

fn relations(form: &Fields, name: &str) -> Result<Vec<Relation>, Failure> {
    let mut out = Vec::new();
    for (_, v) in form
        .iter()
        .filter(|(k, v)| k == name && !v.trim().is_empty())
    {
        let r = Relation::parse(v).ok_or_else(|| {
            Failure::bad_request(format!(
                "{name} = {v:?}: expected one of {}",
                Relation::words()
            ))
        })?;
        if !out.contains(&r) {
            out.push(r);
        }
    }
    Ok(out)
}

fn rule_from(form: &Fields) -> Result<(Rule, Option<usize>), Failure> {
    let name = opt(form, "name").ok_or_else(|| Failure::bad_request("give the rule a name"))?;
    let category: Category = opt(form, "category").unwrap_or_default().parse().map_err(
        |e: fulcrum_core::category::UnknownCategory| Failure::bad_request(e.to_string()),
    )?;
    let one_on_one = match opt(form, "one_on_one").as_deref() {
        None => None,
        Some("true") => Some(true),
        Some("false") => Some(false),
        Some(v) => {
            return Err(Failure::bad_request(format!(
                "one_on_one = {v:?}: expected true, false or nothing"
            )));
        }
    };
    let rule = Rule {
        title: opt(form, "title"),
        min_attendees: number(form, "min_attendees")?,
        max_attendees: number(form, "max_attendees")?,
        attendee_domain: opt(form, "attendee_domain"),
        organizer: opt(form, "organizer"),
        calendar: opt(form, "calendar"),
        one_on_one,
        with_relation: relations(form, "with_relation")?,
        only_relation: relations(form, "only_relation")?,
        ..Rule::new(&name, category)
    };
    let position = match opt(form, "position").as_deref() {
        Some("last") => None,
        _ => Some(0),
    };
    Ok((rule, position))
}

fn after_change(s: &AppState, result: Result<String, Failure>) -> Response {
    let q = ExplainQuery::default();
    match result {
        Ok(msg) => render(s, StatusCode::OK, vec![Notice::done(msg)], None, &q),
        Err(f) => render(s, f.status, vec![Notice::Failed(f.message)], None, &q),
    }
}

/// `POST /rules/add`
pub async fn add(State(s): State<AppState>, CheckedForm(form): CheckedForm<Fields>) -> Response {
    let result = rule_from(&form).and_then(|(rule, position)| {
        let name = rule.name.clone();
        let category = rule.category;
        rules_file::add(&s.rules, rule, position)
            .map(|_| format!("Added the rule '{name}': what it matches now counts as {category}."))
            .map_err(Failure::from)
    });
    s.changed();
    after_change(&s, result)
}

/// `POST /rules/delete`
pub async fn delete(State(s): State<AppState>, CheckedForm(form): CheckedForm<Fields>) -> Response {
    let name = opt(&form, "name").unwrap_or_default();
    let result = rules_file::delete(&s.rules, &name)
        .map(|_| format!("Deleted the rule '{name}'."))
        .map_err(Failure::from);
    s.changed();
    after_change(&s, result)
}

/// `POST /rules/move` with `direction` `up` or `down`.
pub async fn shift(State(s): State<AppState>, CheckedForm(form): CheckedForm<Fields>) -> Response {
    let name = opt(&form, "name").unwrap_or_default();
    let up = opt(&form, "direction").as_deref() != Some("down");
    let result = rules_file::shift(&s.rules, &name, up)
        .map(|_| {
            format!(
                "Moved '{name}' {}.",
                if up {
                    "up: it is tried earlier"
                } else {
                    "down: it is tried later"
                }
            )
        })
        .map_err(Failure::from);
    s.changed();
    after_change(&s, result)
}

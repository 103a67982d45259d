//! `/settings`: who the user is (e-mails, time zone, role), working hours, targets and how
//! time is counted. With an empty store it offers the first set-up instead.

use crate::components::{form_field, wide_form_field};
use crate::extract::CheckedForm;
use crate::layout::{Nav, Notice, csrf_field, frame, respond};
use crate::{AppState, Failure};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use fulcrum_app::profile;
use fulcrum_core::profile::WEEKDAY_NAMES;
use fulcrum_core::{Category, Profile, RolePreset};
use maud::{Markup, html};

const DAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

pub async fn page(State(s): State<AppState>) -> Response {
    render(&s, StatusCode::OK, Vec::new()).await
}

async fn render(s: &AppState, status: StatusCode, mut notices: Vec<Notice>) -> Response {
    let body = match s.store.profile().await {
        Ok(Some(p)) => form(s, &p),
        Ok(None) => setup(s),
        Err(e) => {
            notices.push(Notice::Failed(
                Failure::from(fulcrum_app::AppError::from(e)).message,
            ));
            html! {}
        }
    };
    respond(status, frame(s, "Settings", Nav::Settings, &notices, body))
}

fn zones() -> Markup {
    html! {
        datalist #zones {
            @for z in jiff::tz::db().available() { option value=(z.as_str()) {} }
        }
    }
}

fn role_select(current: Option<RolePreset>) -> Markup {
    html! {
        select #role name="role" {
            @for r in RolePreset::ALL {
                option value=(r.as_str()) selected[Some(r) == current] { (r.as_str().replace('-', " ")) }
            }
        }
    }
}

fn setup(s: &AppState) -> Markup {
    html! {
        div.page-head { div { h1 { "Set up Fulcrum" }
            p.meta { "Fulcrum recognises you in calendars and commits by your e-mail addresses, and counts days in your time zone." } } }
        section.card {
            form #setup method="post" action="/settings/init" {
                (csrf_field(s))
                div.fields {
                    (wide_form_field("emails", "Your e-mail addresses (separate several with commas)", html! {
                        input #emails type="text" name="emails" required placeholder="you@company.com, you@personal.dev";
                    }))
                    (form_field("timezone", "Time zone", html! {
                        input #timezone type="text" name="timezone" required list="zones" placeholder="Europe/Berlin"
                            value=(jiff::tz::TimeZone::system().iana_name().unwrap_or("UTC"));
                    }))
                    (form_field("role", "Role (sets your starting targets)", html! {
                        (role_select(Some(RolePreset::TechLead)))
                    }))
                }
                (zones())
                button.btn.primary type="submit" { "Start" }
            }
        }
    }
}

fn form(s: &AppState, p: &Profile) -> Markup {
    html! {
        div.page-head { div { h1 { "Settings" }
            p.meta { "Changes apply to every week at once: Fulcrum keeps your events as they are and works out categories and totals when it shows them." } } }
        form #settings method="post" action="/settings" {
            (csrf_field(s))
            div.grid.settings {
                section.card aria-labelledby="you-title" {
                    h2 #you-title { "You" }
                    div.fields {
                        (wide_form_field("emails", "E-mail addresses (separate with commas)", html! {
                            input #emails type="text" name="emails" required value=(p.emails.join(", "));
                        }))
                        (form_field("timezone", "Time zone", html! {
                            input #timezone type="text" name="timezone" required list="zones" value=(p.timezone);
                        }))
                        (form_field("role", "Role", html! {
                            (role_select(Some(p.role)))
                        }))
                    }
                    p.hint { "Changing the role replaces your targets with that role's." }
                    (zones())
                }
                section.card aria-labelledby="hours-title" {
                    h2 #hours-title { "Working hours" }
                    p.hint { "Like 09:00-18:00, or off. Work outside them counts as after hours." }
                    div.fields.hours {
                        @for (i, day) in WEEKDAY_NAMES.iter().enumerate() {
                            div.field {
                                label for=(format!("hours-{day}")) { (DAY_NAMES[i]) }
                                input id=(format!("hours-{day}")) type="text" name=(format!("hours.{day}"))
                                    value=(if p.working_hours.days[i].is_empty() { "off" } else { &p.working_hours.days[i] })
                                    pattern="\\s*(off|[0-9]{1,2}:[0-9]{2}\\s*-\\s*[0-9]{1,2}:[0-9]{2})\\s*" spellcheck="false";
                            }
                        }
                    }
                }
                section.card aria-labelledby="targets-title" {
                    h2 #targets-title { "Targets" }
                    p.hint { "The share of your tracked time you aim for in each category, in percent." }
                    div.table-wrap {
                        table.targets {
                            thead { tr { th scope="col" { "Category" } th scope="col" { "From %" } th scope="col" { "To %" } } }
                            tbody {
                                @for c in Category::ALL {
                                    @let t = p.target(c);
                                    tr data-category=(c.as_str()) {
                                        th scope="row" { span class=(format!("swatch bg-{c}")) {} (c) }
                                        td { input type="number" name=(format!("target.{c}.min")) min="0" max="100" step="any"
                                            aria-label=(format!("{c}: from %")) value=[t.map(|t| t.min_percent)]; }
                                        td { input type="number" name=(format!("target.{c}.max")) min="0" max="100" step="any"
                                            aria-label=(format!("{c}: to %")) value=[t.map(|t| t.max_percent)]; }
                                    }
                                }
                            }
                        }
                    }
                }
                section.card aria-labelledby="counting-title" {
                    h2 #counting-title { "How time is counted" }
                    div.fields {
                        div.field.check {
                            input #tentative type="checkbox" name="tentative" value="true" checked[p.count_tentative];
                            label for="tentative" { "Events I answered “maybe” count as time spent" }
                        }
                        (form_field("focus-minutes", "A focus block is a meeting-free stretch of at least (minutes)", html! {
                            input #focus-minutes type="number" name="focus-minutes" min="1" max="1440" value=(p.focus_block_minutes);
                        }))
                    }
                }
            }
            div.form-actions {
                button.btn.primary type="submit" #save-settings { "Save settings" }
            }
        }
    }
}

fn value<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.trim())
}

/// `POST /settings`: the whole form, saved at once or not at all.
pub async fn save(
    State(s): State<AppState>,
    CheckedForm(pairs): CheckedForm<Vec<(String, String)>>,
) -> Response {
    let current = match profile::require(s.store.as_ref()).await {
        Ok(p) => p,
        Err(e) => {
            let f = Failure::from(e);
            return render(&s, f.status, vec![Notice::Failed(f.message)]).await;
        }
    };
    let mut changes: Vec<(String, String)> = Vec::new();
    let mut push = |k: &str, v: &str| changes.push((k.to_string(), v.to_string()));
    if let Some(v) = value(&pairs, "emails") {
        push("emails", v);
    }
    if let Some(v) = value(&pairs, "timezone") {
        push("timezone", v);
    }
    let role_changed = value(&pairs, "role").is_some_and(|r| r != current.role.as_str());
    if let Some(v) = value(&pairs, "role").filter(|_| role_changed) {
        push("role", v);
    }
    for day in WEEKDAY_NAMES {
        if let Some(v) = value(&pairs, &format!("hours.{day}")) {
            push(
                &format!("hours.{day}"),
                if v.is_empty() { "off" } else { v },
            );
        }
    }
    if !role_changed {
        for c in Category::ALL {
            let min = value(&pairs, &format!("target.{c}.min")).unwrap_or("");
            let max = value(&pairs, &format!("target.{c}.max")).unwrap_or("");
            match (min.is_empty(), max.is_empty()) {
                (true, true) => {}
                (false, false) => push(&format!("target.{c}"), &format!("{min}-{max}")),
                _ => {
                    let f = Failure::bad_request(format!(
                        "target for {c}: give both ends of the range, or neither"
                    ));
                    return render(&s, f.status, vec![Notice::Failed(f.message)]).await;
                }
            }
        }
    }
    push(
        "tentative",
        if value(&pairs, "tentative").is_some() {
            "true"
        } else {
            "false"
        },
    );
    if let Some(v) = value(&pairs, "focus-minutes").filter(|v| !v.is_empty()) {
        push("focus-minutes", v);
    }
    let saved = profile::apply_settings(s.store.as_ref(), &changes).await;
    s.changed();
    match saved {
        Ok(p) => {
            let msg = if role_changed {
                format!(
                    "Saved. Your targets are now those of a {}.",
                    p.role.as_str().replace('-', " ")
                )
            } else {
                "Saved. Every week now uses these settings.".to_string()
            };
            render(&s, StatusCode::OK, vec![Notice::done(msg)]).await
        }
        Err(e) => {
            let f = Failure::from(e);
            render(&s, f.status, vec![Notice::Failed(f.message)]).await
        }
    }
}

/// `POST /settings/init`: the first set-up.
pub async fn init(
    State(s): State<AppState>,
    CheckedForm(pairs): CheckedForm<Vec<(String, String)>>,
) -> Response {
    let emails: Vec<String> = value(&pairs, "emails")
        .unwrap_or("")
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|e| !e.is_empty())
        .map(str::to_string)
        .collect();
    let role = value(&pairs, "role")
        .unwrap_or("tech-lead")
        .parse::<RolePreset>();
    let result = match role {
        Err(e) => Err(Failure::bad_request(e.to_string())),
        Ok(role) => profile::init(
            s.store.as_ref(),
            profile::InitRequest {
                emails,
                timezone: value(&pairs, "timezone").unwrap_or("").to_string(),
                role,
                hours: Vec::new(),
            },
        )
        .await
        .map_err(Failure::from),
    };
    s.changed();
    match result {
        Ok(_) => {
            render(
                &s,
                StatusCode::OK,
                vec![Notice::done(
                    "Welcome! Now add your calendars and repositories on the Sources page.",
                )],
            )
            .await
        }
        Err(f) => render(&s, f.status, vec![Notice::Failed(f.message)]).await,
    }
}

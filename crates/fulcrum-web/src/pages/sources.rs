//! `/sources`: calendars and repositories, how their last import went, and the forms that add,
//! refresh and remove them.

use super::see_other;
use crate::extract::{CheckedForm, SameOrigin, check_token};
use crate::layout::{self, Nav, Notice, csrf_field, frame, page_title, respond};
use crate::{AppState, Failure, UPLOAD_LIMIT_BYTES};
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use fulcrum_app::import;
use fulcrum_app::sources::{self, Removal, SourceLine};
use fulcrum_store::SourceKind;
use maud::{Markup, html};
use std::collections::HashMap;

#[derive(serde::Deserialize)]
pub struct SourcesQuery {
    done: Option<String>,
}

pub async fn page(State(s): State<AppState>, Query(q): Query<SourcesQuery>) -> Response {
    // Codes only, so a link cannot put words on the page.
    let notices: Vec<Notice> = match q.done.as_deref() {
        Some("source-removed") => vec![Notice::done(
            "Removed the source and what it brought; the reports of its weeks no longer count it.",
        )],
        _ => Vec::new(),
    };
    render(&s, StatusCode::OK, &notices).await
}

/// The page with the outcome of a form at its top.
async fn render(s: &AppState, status: StatusCode, notices: &[Notice]) -> Response {
    let list = sources::list(s.store.as_ref()).await;
    let tz = fulcrum_app::profile::require(s.store.as_ref())
        .await
        .map(|p| p.tz())
        .ok();
    let mut notices = notices.to_vec();
    let body = match list {
        Ok(list) => body(s, &list, tz.as_ref()),
        Err(e) => {
            notices.push(Notice::Failed(Failure::from(e).message));
            body(s, &[], tz.as_ref())
        }
    };
    respond(status, frame(s, "Sources", Nav::Sources, &notices, body))
}

fn when(ts: Option<i64>, tz: Option<&jiff::tz::TimeZone>) -> String {
    let Some(t) = ts.and_then(|t| jiff::Timestamp::from_second(t).ok()) else {
        return "never".into();
    };
    match tz {
        Some(tz) => t
            .to_zoned_datetime(tz.clone())
            .strftime("%Y-%m-%d %H:%M")
            .to_string(),
        None => t.strftime("%Y-%m-%d %H:%M UTC").to_string(),
    }
}

fn kind_label(k: SourceKind) -> &'static str {
    match k {
        SourceKind::CalendarFile => "calendar file",
        SourceKind::CalendarUrl => "calendar subscription",
        SourceKind::CalendarFolder => "calendar folder",
        SourceKind::Git => "git repository",
    }
}

fn status_badge(l: &SourceLine) -> Markup {
    html! {
        @match l.status {
            "ok" => span.badge.ok data-status="ok" { "ok" },
            "never" => span.badge data-status="never" { "—" },
            other => span.badge.failed data-status=(other) { (l.status_label()) },
        }
    }
}

fn body(s: &AppState, list: &[SourceLine], tz: Option<&jiff::tz::TimeZone>) -> Markup {
    html! {
        div.page-head {
            (page_title("Sources", "Calendars and git repositories Fulcrum reads. Re-importing a calendar replaces its events; a repository scan reads only new commits."))
        }
        section.card aria-labelledby="known-title" {
            h2 #known-title { "What Fulcrum reads" }
            @if list.is_empty() {
                p #no-sources { "No sources yet: upload a calendar or add a repository below." }
            } @else {
                div.table-wrap {
                    table #sources-table {
                        thead { tr {
                            th scope="col" { "Source" } th scope="col" { "Kind" }
                            th scope="col" { "Events" } th scope="col" { "Commits" }
                            th scope="col" { "Last import" } th scope="col" { "Result" }
                            th scope="col" { span.visually-hidden { "Actions" } }
                        } }
                        tbody {
                            @for l in list {
                                @let src = &l.source;
                                tr data-source-id=(src.id) data-kind=(src.kind.as_str()) data-name=(src.name)
                                    data-events=(l.events) data-commits=(l.commits) data-status=(l.status)
                                    data-parent-id=[src.parent_id]
                                    data-repository-commits=[src.repository_commits] {
                                    th scope="row" {
                                        span.src-name {
                                            @if src.parent_id.is_some() { span aria-hidden="true" { "↳ " } }
                                            (src.name)
                                        }
                                        span.src-loc { (src.location) }
                                    }
                                    td { (kind_label(src.kind)) }
                                    td.num { (l.events) }
                                    td.num {
                                        (l.commits)
                                        @if let Some(sentence) = l.commits_sentence() {
                                            span.src-loc.commits-yours { (sentence) }
                                        }
                                    }
                                    td.nowrap { (when(src.last_import_at, tz)) }
                                    td {
                                        (status_badge(l))
                                        @if l.status == "ok" {
                                            " " span.result { (src.last_result.as_deref().unwrap_or("")) }
                                        } @else {
                                            " " span.result.problem { (l.problem.as_deref().unwrap_or("")) }
                                        }
                                    }
                                    td.nowrap {
                                        @if src.parent_id.is_none() {
                                            a.btn.small.quiet.remove-source href=(format!("/sources/{}/remove", src.id)) {
                                                "Remove…"
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                form.inline method="post" action="/sources/refresh" {
                    (csrf_field(s))
                    button.btn type="submit" #refresh { "Refresh all sources" }
                    span.hint { " Re-fetches subscriptions, re-reads files and rescans repositories." }
                }
            }
        }
        div.grid.forms {
            section.card aria-labelledby="upload-title" {
                h2 #upload-title { "Upload a calendar" }
                p.hint { "An .ics export from Google Calendar, Outlook or Apple Calendar (at most "
                    (UPLOAD_LIMIT_BYTES / (1024 * 1024)) " MB). Uploading a file of the same name again replaces its events." }
                form #upload-form method="post" action="/sources/upload" enctype="multipart/form-data" {
                    (csrf_field(s))
                    label for="upload-file" { "Calendar file" }
                    input #upload-file type="file" name="file" accept=".ics,text/calendar" required
                        data-max-bytes=(UPLOAD_LIMIT_BYTES);
                    p.field-error #upload-error role="alert" hidden {}
                    button.btn.primary type="submit" #upload-submit { "Upload and import" }
                }
            }
            (add_card(s, ("subscribe", "Subscribe to a calendar", "A secret iCal address (https or webcal), or the path of an .ics file or folder on this machine. Subscriptions are re-fetched on refresh."),
                "/sources/calendar", ("calendar-target", "Address or path", "target", "https://calendar.example.com/…/basic.ics"), "Import calendar"))
            (add_card(s, ("git", "Add a git repository", "A work tree or bare repository on this machine. Only your own commits count, matched by the e-mails in Settings."),
                "/sources/git", ("git-path", "Repository path", "path", "/home/you/src/service"), "Scan repository"))
        }
    }
}

/// A card that adds a source named in one text field: the card (`id`, title, hint), where the
/// form posts, the field (its id, label, name and an example) and the button's words.
fn add_card(
    s: &AppState,
    (id, title, hint): (&str, &str, &str),
    action: &str,
    (input, label, name, example): (&str, &str, &str, &str),
    submit: &str,
) -> Markup {
    html! {
        section.card aria-labelledby=(format!("{id}-title")) {
            h2 #(format!("{id}-title")) { (title) }
            p.hint { (hint) }
            form method="post" action=(action) {
                (csrf_field(s))
                label for=(input) { (label) }
                input #(input) type="text" name=(name) required placeholder=(example)
                    autocomplete="off" spellcheck="false";
                button.btn.primary type="submit" { (submit) }
            }
        }
    }
}

fn imported(imports: &[import::CalendarImport]) -> Notice {
    let problems: Vec<String> = imports
        .iter()
        .filter_map(|i| Some(format!("{}: {}", i.source.name, i.problem.as_ref()?)))
        .collect();
    if !problems.is_empty() {
        return Notice::Failed(format!(
            "nothing could be imported from {}",
            problems.join("; ")
        ));
    }
    let summary = imports
        .iter()
        .map(|i| {
            if i.unchanged {
                format!("{}: not modified since the last import", i.source.name)
            } else if i.removed {
                format!(
                    "{}: gone from the folder, removed with its events",
                    i.source.name
                )
            } else {
                format!("Imported {} occurrences from {}", i.events, i.source.name)
            }
        })
        .collect::<Vec<_>>()
        .join("; ");
    let warnings = imports
        .iter()
        .flat_map(|i| {
            i.warnings
                .iter()
                .map(move |w| format!("{}: skipped {w}", i.source.name))
        })
        .collect();
    Notice::Done(format!("{summary}."), warnings)
}

async fn outcome(s: &AppState, result: Result<Notice, Failure>) -> Response {
    match result {
        Ok(n) => render(s, StatusCode::OK, &[n]).await,
        Err(f) => render(s, f.status, &[Notice::Failed(f.message)]).await,
    }
}

/// `POST /sources/upload` (multipart: `csrf`, then `file`).
pub async fn upload(State(s): State<AppState>, _: SameOrigin, mut form: Multipart) -> Response {
    let too_large = || {
        Failure::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "the file is larger than the {} MB a browser upload may be; import it with \
                 `fulcrum import calendar FILE` instead",
                UPLOAD_LIMIT_BYTES / (1024 * 1024)
            ),
        )
    };
    let read_error = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            too_large()
        } else {
            Failure::bad_request(format!("the upload could not be read: {}", e.body_text()))
        }
    };
    let mut token: Option<String> = None;
    let mut file: Option<(String, Vec<u8>)> = None;
    loop {
        let field = match form.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => return outcome(&s, Err(read_error(e))).await,
        };
        match field.name() {
            Some("csrf") => token = field.text().await.ok(),
            Some("file") => {
                // The token comes first in the form; nothing is read from a forged one.
                if let Err(r) = check_token(&s, token.as_deref(), Nav::Sources) {
                    return r;
                }
                let name = field.file_name().unwrap_or("").to_string();
                match field.bytes().await {
                    Ok(b) => file = Some((name, b.to_vec())),
                    Err(e) => return outcome(&s, Err(read_error(e))).await,
                }
            }
            _ => {}
        }
    }
    if let Err(r) = check_token(&s, token.as_deref(), Nav::Sources) {
        return r;
    }
    let result = match file {
        Some((name, _)) if name.trim().is_empty() => {
            Err(Failure::bad_request("choose an .ics file to upload first"))
        }
        None => Err(Failure::bad_request("choose an .ics file to upload first")),
        Some((name, bytes)) => {
            import::calendar_upload(s.store.as_ref(), &name, &bytes, s.clock.now())
                .await
                .map(|i| imported(std::slice::from_ref(&i)))
                .map_err(Failure::from)
        }
    };
    s.changed();
    outcome(&s, result).await
}

fn field<'a>(form: &'a HashMap<String, String>, name: &str) -> &'a str {
    form.get(name).map(|v| v.trim()).unwrap_or("")
}

/// Adds the source the form named (`given`; when blank, refused saying `missing`), then the
/// page with what came of it.
async fn add_source(
    s: &AppState,
    given: &str,
    missing: &str,
    add: impl AsyncFnOnce(&str) -> Result<Notice, Failure>,
) -> Response {
    let result = if given.is_empty() {
        Err(Failure::bad_request(missing))
    } else {
        add(given).await
    };
    s.changed();
    outcome(s, result).await
}

/// `POST /sources/calendar`: a subscription URL, or a file or folder path.
pub(super) async fn add_calendar(s: AppState, form: HashMap<String, String>) -> Response {
    let missing = "give a calendar address or the path of an .ics file";
    add_source(&s, field(&form, "target"), missing, async |target| {
        Ok(imported(
            &import::calendar(s.store.as_ref(), target, s.clock.now()).await?,
        ))
    })
    .await
}

/// `POST /sources/git`
pub(super) async fn add_git(s: AppState, form: HashMap<String, String>) -> Response {
    let missing = "give the path of a git repository";
    add_source(&s, field(&form, "path"), missing, async |path| {
        let path = std::path::Path::new(path);
        let g = import::git(s.store.as_ref(), path, import::no_progress()).await?;
        Ok(Notice::done(if g.unchanged {
            format!("{}: no new commits since the last scan.", g.source.name)
        } else {
            format!("{}: {}.", g.source.name, import::describe_git(&g))
        }))
    })
    .await
}

/// `POST /sources/refresh`
pub async fn refresh(State(s): State<AppState>, _: CheckedForm) -> Response {
    let result = import::refresh_all(s.store.as_ref(), s.clock.now(), import::no_progress())
        .await
        .map_err(Failure::from)
        .and_then(|done| {
            let lines: Vec<String> = done
                .iter()
                .map(|r| {
                    format!(
                        "{} {}: {}",
                        if r.ok { "✓" } else { "✗" },
                        r.source,
                        r.result
                    )
                })
                .collect();
            if done.iter().any(|r| !r.ok) {
                Err(Failure::new(
                    StatusCode::BAD_GATEWAY,
                    format!("some sources could not be refreshed: {}", lines.join("; ")),
                ))
            } else if done.is_empty() {
                Ok(Notice::done("There are no sources to refresh yet."))
            } else {
                Ok(Notice::Done("Refreshed every source.".into(), lines))
            }
        });
    s.changed();
    outcome(&s, result).await
}

fn source_id(id: &str) -> Result<i64, Failure> {
    id.parse()
        .map_err(|_| Failure::new(StatusCode::NOT_FOUND, format!("there is no source {id:?}")))
}

/// `GET /sources/{id}/remove`: what goes with the source, before anything is removed.
pub async fn remove_page(State(s): State<AppState>, Path(id): Path<String>) -> Response {
    remove_render(&s, StatusCode::OK, Vec::new(), &id).await
}

async fn remove_render(
    s: &AppState,
    status: StatusCode,
    notices: Vec<Notice>,
    id: &str,
) -> Response {
    let preview = async {
        let id = source_id(id)?;
        Ok::<_, Failure>(sources::removal_preview(s.store.as_ref(), id).await?)
    }
    .await;
    let r = match preview {
        Ok(r) => r,
        Err(f) => return layout::failure_page(s, Nav::Sources, &f),
    };
    let src = &r.source;
    let body = html! {
        div.page-head { div {
            h1 { "Remove " (src.name) "?" }
            p.meta { (src.location) }
        } }
        section.card.danger-zone #remove-confirm data-source-id=(src.id)
            data-events=(r.counts.events) data-occurrences=(r.counts.occurrences)
            data-commits=(r.counts.commits) data-files=(r.counts.files) data-weeks=(r.weeks.len()) {
            p #removal-text { "Removing it takes " strong { (r.describe()) } " out of every report." }
            (weeks_list(&r))
            p.hint { (untouched(src.kind)) " Importing it again brings it back." }
            div.week-nav {
                form.inline method="post" action=(format!("/sources/{}/remove", src.id)) {
                    (csrf_field(s))
                    input type="hidden" name="confirm" value="yes";
                    button.btn.danger #confirm-remove type="submit" { "Remove the source" }
                }
                a.btn.quiet href="/sources" { "Keep it" }
            }
        }
    };
    respond(
        status,
        frame(
            s,
            &format!("Remove {}", src.name),
            Nav::Sources,
            &notices,
            body,
        ),
    )
}

fn untouched(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Git => "The repository itself is not touched.",
        SourceKind::CalendarFolder => "The folder and its files are not touched.",
        SourceKind::CalendarUrl => "The calendar you subscribed to is not touched.",
        SourceKind::CalendarFile => "The file itself is not touched.",
    }
}

/// The weeks whose reports change, as links to them.
fn weeks_list(r: &Removal) -> Markup {
    html! {
        @if !r.weeks.is_empty() {
            details #removal-weeks {
                summary { "The weeks that change (" (r.weeks.len()) ")" }
                ul {
                    @for w in &r.weeks {
                        li { a href=(format!("/week?week={w}")) data-week=(w) { (w) } }
                    }
                }
            }
        }
    }
}

/// `POST /sources/{id}/remove` with `confirm=yes`; without it nothing is removed.
pub async fn remove(
    State(s): State<AppState>,
    Path(id): Path<String>,
    CheckedForm(form): CheckedForm<HashMap<String, String>>,
) -> Response {
    if field(&form, "confirm") != "yes" {
        return remove_render(
            &s,
            StatusCode::BAD_REQUEST,
            vec![Notice::Failed(
                "nothing was removed: confirm with the button below".into(),
            )],
            &id,
        )
        .await;
    }
    let result = async {
        let id = source_id(&id)?;
        Ok::<_, Failure>(sources::remove(s.store.as_ref(), id).await?)
    }
    .await;
    s.changed();
    match result {
        Ok(_) => see_other("/sources?done=source-removed"),
        Err(f) => layout::failure_page(&s, Nav::Sources, &f),
    }
}

//! The frame of every page (header, navigation, notices) and the embedded assets.

use crate::AppState;
use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::{DOCTYPE, Markup, Render, html};

const STYLE: &str = include_str!("../assets/style.css");
const SCRIPT: &str = include_str!("../assets/app.js");
const ICON: &str = include_str!("../assets/icon.svg");

/// A short fingerprint of the assets, added to their addresses so a new binary's browser
/// cache never serves an older stylesheet.
fn version() -> &'static str {
    static V: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    V.get_or_init(|| {
        let h = [STYLE, SCRIPT, ICON]
            .iter()
            .flat_map(|s| s.bytes())
            .fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
            });
        format!("{:08x}", h as u32)
    })
}

/// Serves the stylesheet, the script and the icon compiled into the binary.
pub async fn asset(Path(file): Path<String>) -> Response {
    let (body, kind) = match file.as_str() {
        "style.css" => (STYLE, "text/css; charset=utf-8"),
        "app.js" => (SCRIPT, "text/javascript; charset=utf-8"),
        "icon.svg" => (ICON, "image/svg+xml"),
        _ => return (StatusCode::NOT_FOUND, "no such file").into_response(),
    };
    let mut resp = body.into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=86400"),
    );
    resp
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Dashboard,
    Week,
    Tasks,
    Plan,
    Review,
    Inbox,
    Journal,
    Growth,
    Technical,
    People,
    Sources,
    Rules,
    Settings,
    None,
}

impl Nav {
    /// The menu entry a form posted to `path` belongs to, for the page that refuses it.
    pub fn of_path(path: &str) -> Nav {
        let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
        match first {
            "" => Nav::Dashboard,
            "week" => Nav::Week,
            "tasks" => Nav::Tasks,
            "plan" => Nav::Plan,
            "review" => Nav::Review,
            "inbox" => Nav::Inbox,
            "journal" => Nav::Journal,
            "growth" | "skills" | "career" | "brag" | "brag.md" => Nav::Growth,
            "decisions" | "risks" | "debt" | "incidents" | "projects" | "delivery" => {
                Nav::Technical
            }
            "people" | "feedback" | "delegation" | "relationships" | "onboarding" => Nav::People,
            "sources" => Nav::Sources,
            "rules" => Nav::Rules,
            "settings" => Nav::Settings,
            _ => Nav::None,
        }
    }
}

/// The result of a form, shown at the top of the page it led to.
#[derive(Debug, Clone)]
pub enum Notice {
    Done(String, Vec<String>),
    Failed(String),
}

impl Notice {
    pub fn done(msg: impl Into<String>) -> Self {
        Notice::Done(msg.into(), Vec::new())
    }
}

pub fn notice(n: &Notice) -> Markup {
    match n {
        Notice::Done(msg, details) => html! {
            div.notice.done #notice role="status" {
                p { (msg) }
                @if !details.is_empty() {
                    ul { @for d in details { li { (d) } } }
                }
            }
        },
        Notice::Failed(msg) => html! {
            div.notice.failed #notice role="alert" {
                p { strong { "Not done: " } (msg) }
            }
        },
    }
}

/// A whole page.
pub fn frame(state: &AppState, title: &str, nav: Nav, notices: &[Notice], body: Markup) -> Markup {
    let link = |to: Nav, href: &str, label: &str| {
        html! {
            a href=(href) aria-current=[(nav == to).then_some("page")] { (label) }
        }
    };
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light dark";
                title { (title) " · Fulcrum" }
                link rel="icon" href=(format!("/assets/icon.svg?v={}", version())) type="image/svg+xml";
                link rel="stylesheet" href=(format!("/assets/style.css?v={}", version()));
                script src=(format!("/assets/app.js?v={}", version())) defer {}
            }
            body {
                a.skip href="#main" { "Skip to content" }
                header.top {
                    div.bar {
                        a.brand href="/" {
                            img src="/assets/icon.svg" alt="" width="22" height="22";
                            span { "Fulcrum" }
                        }
                        nav aria-label="Main" {
                            (link(Nav::Dashboard, "/", "Dashboard"))
                            (link(Nav::Week, "/week", "Week"))
                            (link(Nav::Tasks, "/tasks", "Tasks"))
                            (link(Nav::Plan, "/plan", "Plan"))
                            (link(Nav::Review, "/review", "Review"))
                            (link(Nav::Inbox, "/inbox", "Inbox"))
                            (link(Nav::Journal, "/journal", "Journal"))
                            (link(Nav::Growth, "/growth", "Growth"))
                            (link(Nav::Technical, "/decisions", "Technical"))
                            (link(Nav::People, "/people", "People"))
                            (link(Nav::Sources, "/sources", "Sources"))
                            (link(Nav::Rules, "/rules", "Rules"))
                            (link(Nav::Settings, "/settings", "Settings"))
                        }
                    }
                }
                main #main tabindex="-1" {
                    @for n in notices { (notice(n)) }
                    (body)
                }
                footer.foot {
                    p {
                        "Your data stays on this machine: " code { (state.db.display()) }
                        " · rules in " code { (state.rules.display()) }
                    }
                }
            }
        }
    }
}

/// A page's title and, under it, what the page is for: the left of its `div.page-head`.
pub fn page_title(title: impl Render, meta: impl Render) -> Markup {
    html! {
        div {
            h1 { (title) }
            p.meta { (meta) }
        }
    }
}

/// The title of a page about one ISO week (`Week 10`, `Timeline 10`) with its dates
/// `[from, to)`.
pub fn week_title(
    id: &str,
    word: &str,
    week: &str,
    from: jiff::civil::Date,
    to: jiff::civil::Date,
) -> Markup {
    html! {
        h1 id=(id) data-week=(week) data-from=(from.to_string()) {
            (word) " " (week.rsplit('-').next().unwrap_or(week))
            span.sub { (crate::fmt::range(from, to)) }
        }
    }
}

/// The hidden field every form carries.
pub fn csrf_field(state: &AppState) -> Markup {
    html! { input type="hidden" name="csrf" value=(state.csrf); }
}

pub fn respond(status: StatusCode, markup: Markup) -> Response {
    let mut resp = (status, markup.into_string()).into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

/// A page that only says what went wrong.
pub fn failure_page(state: &AppState, nav: Nav, f: &crate::Failure) -> Response {
    let body = html! {
        h1 { "Something needs fixing" }
        (notice(&Notice::Failed(f.message.clone())))
        p { a href="/" { "Back to the dashboard" } }
    };
    respond(f.status, frame(state, "Not done", nav, &[], body))
}

/// The addresses this module answers.
pub(crate) fn routes() -> axum::Router<AppState> {
    use axum::routing::get;
    axum::Router::new().route("/assets/{file}", get(asset))
}

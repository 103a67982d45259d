//! The person page's onboarding plan: starting one, ticking its steps off, adding steps.

use super::{Ctx, form};
use crate::components::{form_field, progress_bar};
use crate::pages::Fields;
use crate::{AppState, Failure, fmt};
use fulcrum_app::onboarding;
use maud::{Markup, html};

pub(super) fn onboarding_card(c: &Ctx) -> Markup {
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
                            (form_field("onboarding-start", "First day", html! {
                                input #onboarding-start type="date" name="start"
                                    value=(c.val("onboarding", "start", c.p.person.start_date.unwrap_or(c.here.today).to_string()));
                            }))
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

/// `POST /people/{id}/onboarding/start`: `start` (their first day).
async fn start(s: AppState, id: i64, f: Fields) -> Result<String, Failure> {
    onboarding::start(
        s.store.as_ref(),
        id,
        f.date("start")?,
        crate::cache::now(&s.clock),
    )
    .await?;
    Ok("onboarding-started".into())
}

/// `POST /people/{id}/onboarding/step`: `seq`, and `undo=1` to mark it not done.
async fn step(s: AppState, id: i64, f: Fields) -> Result<String, Failure> {
    let seq = f
        .number::<u32>("seq", "the step")?
        .ok_or_else(|| Failure::bad_request("which step? The form did not say."))?;
    let undo = f.checked("undo");
    onboarding::done(s.store.as_ref(), id, seq, undo, crate::cache::now(&s.clock)).await?;
    Ok(if undo { "step-undone" } else { "step-done" }.into())
}

/// `POST /people/{id}/onboarding/steps`: `title`, `due`.
async fn add_step(s: AppState, id: i64, f: Fields) -> Result<String, Failure> {
    onboarding::add_step(
        s.store.as_ref(),
        id,
        f.get("title").unwrap_or_default(),
        f.date("due")?,
        crate::cache::now(&s.clock),
    )
    .await?;
    Ok("step-added".into())
}

/// The forms of this part of the page.
pub(super) fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/people/{id}/onboarding/start", form("onboarding", start))
        .route("/people/{id}/onboarding/step", form("onboarding", step))
        .route(
            "/people/{id}/onboarding/steps",
            form("onboarding", add_step),
        )
}

//! The person page's feedback: the balance, the latest pieces with their delivery and
//! follow-up, and the form that notes a new one.

use super::{Ctx, form, theirs};
use crate::components::{lint_list, new_feedback, sbi, sbi_fields};
use crate::pages::Fields;
use crate::pages::people::{here, plural};
use crate::{AppState, Failure, charts, fmt};
use fulcrum_app::feedback::{self, lint_of};
use fulcrum_app::ownership;
use fulcrum_core::feedback::{Direction, Feedback, Polarity};
use maud::{Markup, html};

fn given_delivered<'a>(c: &'a Ctx) -> Vec<&'a Feedback> {
    c.p.feedback
        .iter()
        .filter(|f| f.direction == Direction::Given && f.delivered_on.is_some())
        .collect()
}

pub(super) fn balance(c: &Ctx) -> Markup {
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

pub(super) fn feedback_list(c: &Ctx, linted: Option<&Feedback>) -> Markup {
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

fn add_feedback_form(c: &Ctx) -> Markup {
    html! {
        form #add-feedback method="post" action=(c.action("feedback")) {
            (c.hidden("feedback"))
            div.fields { (sbi_fields("fb", c.here.today, c.typed("feedback"))) }
            button.btn.primary #add-feedback-submit type="submit" { "Note the feedback" }
        }
    }
}

/// `POST /people/{id}/feedback`: the SBI form; the page shows the lint of what was noted.
async fn add(s: AppState, id: i64, f: Fields) -> Result<String, Failure> {
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
}

async fn own_feedback(s: &AppState, id: i64, f: &Fields) -> Result<i64, Failure> {
    let fb = f.id("feedback", "feedback")?;
    let message = format!("feedback {fb} is not this person's; reload the page");
    theirs(ownership::feedback(s.store.as_ref(), id, fb), message).await?;
    Ok(fb)
}

/// `POST /people/{id}/feedback/deliver` with `feedback` and an optional `on`.
async fn deliver(s: AppState, id: i64, f: Fields) -> Result<String, Failure> {
    let fb = own_feedback(&s, id, &f).await?;
    feedback::deliver(
        s.store.as_ref(),
        fb,
        f.date("on")?,
        crate::cache::now(&s.clock),
    )
    .await?;
    Ok("feedback-delivered".into())
}

/// `POST /people/{id}/feedback/follow-up` with `feedback` and a `note`.
async fn follow_up(s: AppState, id: i64, f: Fields) -> Result<String, Failure> {
    let fb = own_feedback(&s, id, &f).await?;
    feedback::follow_up(
        s.store.as_ref(),
        fb,
        f.get("note"),
        crate::cache::now(&s.clock),
    )
    .await?;
    Ok("followed-up".into())
}

/// The forms of this part of the page.
pub(super) fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/people/{id}/feedback", form("feedback", add))
        .route("/people/{id}/feedback/deliver", form("feedback", deliver))
        .route(
            "/people/{id}/feedback/follow-up",
            form("feedback", follow_up),
        )
}

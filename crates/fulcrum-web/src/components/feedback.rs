//! A piece of feedback as situation, behaviour and impact: shown, asked for in a form, read
//! from the form, and what the check found in it.

use crate::Failure;
use crate::pages::Fields;
use fulcrum_core::feedback::{Direction, Feedback, LintFinding, Polarity};
use maud::{Markup, html};

pub fn sbi(f: &Feedback) -> Markup {
    html! {
        span.sbi {
            @if !f.situation.is_empty() { span.sbi-part { em { "Situation " } (f.situation) } }
            @if !f.behaviour.is_empty() { span.sbi-part { em { "Behaviour " } (f.behaviour) } }
            @if !f.impact.is_empty() { span.sbi-part { em { "Impact " } (f.impact) } }
        }
    }
}

/// The fields of a piece of feedback as situation, behaviour and impact, with what was typed
/// into a refused form.
pub fn sbi_fields(prefix: &str, today: jiff::civil::Date, typed: Option<&Fields>) -> Markup {
    let id = |name: &str| format!("{prefix}-{name}");
    let v = |name: &str| typed.and_then(|t| t.raw(name)).unwrap_or("").to_string();
    let direction = typed.and_then(|t| t.get("direction"));
    let polarity = typed.and_then(|t| t.get("polarity"));
    html! {
        div.field {
            label for=(id("direction")) { "Direction" }
            select id=(id("direction")) name="direction" {
                @for (d, label) in [
                    (Direction::Given, "given — you told them"),
                    (Direction::Received, "received — they told you"),
                    (Direction::Requested, "requested — you asked them"),
                ] {
                    option value=(d.as_str()) selected[direction.as_deref() == Some(d.as_str())] { (label) }
                }
            }
        }
        fieldset.field.checks {
            legend { "Kind" }
            @for (p, label) in [
                (Polarity::Positive, "positive — keep doing it"),
                (Polarity::Constructive, "constructive — change something"),
            ] {
                span.check {
                    input type="radio" name="polarity" value=(p.as_str()) id=(id(p.as_str()))
                        checked[polarity.as_deref() == Some(p.as_str())];
                    label for=(id(p.as_str())) { (label) }
                }
            }
        }
        div.field.wide {
            label for=(id("situation")) { "Situation " span.prompt { "— when and where, who was there" } }
            textarea id=(id("situation")) name="situation" rows="2"
                placeholder="In Tuesday's design review of the billing service" { (v("situation")) }
        }
        div.field.wide {
            label for=(id("behaviour")) { "Behaviour " span.prompt { "— what they did or said, as anyone could have seen it" } }
            textarea id=(id("behaviour")) name="behaviour" rows="2" { (v("behaviour")) }
        }
        div.field.wide {
            label for=(id("impact")) { "Impact " span.prompt { "— what it did to you, the team or the work" } }
            textarea id=(id("impact")) name="impact" rows="2" { (v("impact")) }
        }
        div.field {
            label for=(id("theme")) { "Theme (what it is about)" }
            input type="text" id=(id("theme")) name="theme" placeholder="communication" value=(v("theme"));
        }
        div.field {
            label for=(id("date")) { "It happened on" }
            input type="date" id=(id("date")) name="event_on" max=(today.to_string())
                value=(typed.map_or_else(|| today.to_string(), |_| v("event_on")));
        }
        div.field {
            label for=(id("delivered-on")) { "Delivered on (if not the same day)" }
            input type="date" id=(id("delivered-on")) name="delivered_on" max=(today.to_string()) value=(v("delivered_on"));
        }
        div.field.check {
            input type="checkbox" name="delivered" value="on" id=(id("delivered"))
                checked[typed.is_some_and(|t| t.checked("delivered"))];
            label for=(id("delivered")) { "Already delivered (told them, heard it, got the answer)" }
        }
    }
}

pub fn lint_list(id: &str, findings: &[LintFinding]) -> Markup {
    html! {
        ul.lint id=(id) data-count=(findings.len()) {
            @for l in findings {
                li data-kind=(l.kind.as_str()) data-part=(l.part) {
                    span class=(format!("kind kind-lint-{}", l.kind.as_str())) { (l.kind) }
                    " " (l.message)
                }
            }
        }
    }
}

/// A new piece of feedback from the SBI form. "Already delivered" without a date means on
/// the day it happened (today when that is not given either).
pub fn new_feedback(
    f: &Fields,
    person_id: Option<i64>,
    today: jiff::civil::Date,
) -> Result<fulcrum_app::feedback::NewFeedback, Failure> {
    let direction = f
        .word("direction", Direction::parse, &Direction::words())?
        .unwrap_or(Direction::Given);
    let event_on = f.date("event_on")?;
    let delivered_on = match f.date("delivered_on")? {
        Some(d) => Some(d),
        None if f.checked("delivered") => Some(event_on.unwrap_or(today)),
        None => None,
    };
    Ok(fulcrum_app::feedback::NewFeedback {
        person_id,
        who: f.get("who"),
        direction,
        polarity: f.word("polarity", Polarity::parse, &Polarity::words())?,
        situation: f.get("situation").unwrap_or_default(),
        behaviour: f.get("behaviour").unwrap_or_default(),
        impact: f.get("impact").unwrap_or_default(),
        theme: f.get("theme"),
        event_on,
        delivered_on,
        follow_up_due: f.date("follow_up_due")?,
    })
}

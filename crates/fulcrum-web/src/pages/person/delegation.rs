//! The person page's delegations: what was handed to them, and the style that fits next.

use super::Ctx;
use crate::fmt;
use crate::pages::people::plural;
use maud::{Markup, html};

pub(super) fn delegations(c: &Ctx) -> Markup {
    let st = &c.p.style;
    html! {
        section.card #delegations aria-labelledby="delegations-title" data-count=(c.p.delegations.len()) {
            h2 #delegations-title { "Delegations " span.count { (c.p.delegations.len()) } }
            @if c.p.delegations.is_empty() {
                p.muted { "Nothing delegated to " (c.first()) " yet." }
            } @else {
                ul.plain {
                    @for d in &c.p.delegations {
                        li data-delegation-id=(d.id) data-status=(d.status.as_str()) {
                            a href=(format!("/delegation/{}", d.id)) { (d.title) } " · "
                            span class=(format!("badge status-{}", d.status.as_str())) { (d.status) } " · " (d.style)
                            @if let Some(o) = d.outcome { " · " (o) }
                            @let missing = d.expectations.missing();
                            @if d.is_open() && !missing.is_empty() {
                                " · " span.due.overdue { (plural(missing.len() as i64, "expectation", "expectations")) " missing" }
                            }
                        }
                    }
                }
            }
            h3 { "Style over time" }
            @if st.steps.is_empty() {
                p.muted { "No style history yet." }
            } @else {
                ol.style-steps #style-history {
                    @for step in &st.steps {
                        li data-style=(step.style.as_str()) data-outcome=(step.outcome.map(|o| o.as_str()).unwrap_or("")) {
                            (fmt::day(step.on)) " · " (step.title) ": " strong { (step.style) }
                            @if let Some(o) = step.outcome { " → " (o) }
                        }
                    }
                }
            }
            p #suggested-style data-style=(st.suggested.as_str()) {
                "Next time: " strong { (st.suggested) } " — " (st.why)
            }
            @if st.stuck { p.field-error { "Still telling step by step after three successes: give more room." } }
            @if c.p.person.is_active() {
                a.btn #delegate-to href=(format!("/delegation/new?person={}", c.id())) { "Delegate something to " (c.first()) }
            }
        }
    }
}

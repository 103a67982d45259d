//! Parts several pages show: the feedback form and its check, the contact form, a
//! commitment's actions, a progress bar, a figure and a form's labelled fields, with the
//! parsers of the forms they post.

mod contact;
mod feedback;
pub mod insights;

pub use contact::{change_commitment, commitment_actions, contact_form, new_interaction};
pub use feedback::{lint_list, new_feedback, sbi, sbi_fields};

use crate::AppState;
use crate::layout::csrf_field;
use crate::pages::people::plural;
use maud::{Markup, Render, html};

pub fn progress_bar(done: usize, total: usize, percent: u32) -> Markup {
    html! {
        div.progress data-done=(done) data-total=(total) data-percent=(percent) {
            div.progress-track role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow=(percent)
                aria-label=(format!("{done} of {total} steps done")) {
                div.progress-fill style=(format!("width: {percent}%")) {}
            }
            span.progress-text { (done) " of " (plural(total, "step", "steps")) " · " (percent) " %" }
        }
    }
}

/// One number of a row of figures: what it is, the figure, a line under it, and the figure
/// as data (`raw`) for scripts and tests.
pub fn stat(
    id: &str,
    label: &str,
    value: impl Render,
    raw: impl Render,
    sub: impl Render,
) -> Markup {
    html! {
        div.stat data-stat=(id) data-value=(raw) {
            span.stat-label { (label) }
            span.stat-value { (value) }
            span.stat-sub { (sub) }
        }
    }
}

/// A labelled control of a form's grid of fields: `label` names the control whose id is `id`.
pub fn form_field(id: &str, label: &str, control: Markup) -> Markup {
    html! { div.field { label for=(id) { (label) } (control) } }
}

/// [`form_field`] taking the whole width of the grid (text that runs long).
pub fn wide_form_field(id: &str, label: &str, control: Markup) -> Markup {
    html! { div.field.wide { label for=(id) { (label) } (control) } }
}

/// The form of a card that adds a record: the card's heading (`id`, words), then the form
/// (`id`, where it posts) with this process's token, its `fields` and the button that sends
/// them (whose id is the form's, `-submit`).
pub fn adding_form(
    s: &AppState,
    heading: (&str, &str),
    form: (&str, &str),
    fields: Markup,
    submit: &str,
) -> Markup {
    html! {
        h2 #(heading.0) { (heading.1) }
        (posting_form(s, form, fields, submit))
    }
}

/// A form (`id`, where it posts) with this process's token, its `fields` and the button that
/// sends them (whose id is the form's, `-submit`).
pub fn posting_form(s: &AppState, form: (&str, &str), fields: Markup, submit: &str) -> Markup {
    let (id, action) = form;
    html! {
        form #(id) method="post" action=(action) {
            (csrf_field(s))
            div.fields { (fields) }
            button.btn.primary type="submit" #(format!("{id}-submit")) { (submit) }
        }
    }
}

/// A column of a table: its name in the head row, right-aligned when it holds figures.
pub enum Col<'a> {
    Text(&'a str),
    Num(&'a str),
}

/// The heads of a table's columns, in order.
pub fn columns(cols: &[Col]) -> Markup {
    html! {
        @for c in cols {
            @match c {
                Col::Text(name) => th scope="col" { (name) },
                Col::Num(name) => th.num scope="col" { (name) },
            }
        }
    }
}

/// A card of a page (`id`) holding `count` things under its title; `body` is what it holds.
pub fn card(id: &str, title: &str, count: usize, body: Markup) -> Markup {
    html! {
        section.card #(id) aria-labelledby=(format!("{id}-title")) data-count=(count) {
            h2 #(format!("{id}-title")) { (title) }
            (body)
        }
    }
}

//! Parts several pages show: the feedback form and its check, the contact form, a
//! commitment's actions and a progress bar, with the parsers of the forms they post.

mod contact;
mod feedback;

pub use contact::{change_commitment, commitment_actions, contact_form, new_interaction};
pub use feedback::{lint_list, new_feedback, sbi, sbi_fields};

use crate::pages::people::plural;
use maud::{Markup, html};

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

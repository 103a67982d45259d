//! Whose a record is. A form about one person names one of their records by id (an agenda
//! item, a piece of feedback); these checks make sure the record is that person's before it is
//! changed, so a stale page or an edited form cannot change someone else's.
//!
//! Each returns the record when it is the person's, `AppError::NotFound` when there is no such
//! record at all, and `AppError::Invalid` (for the form field that named it) when it is someone
//! else's.

use crate::{AppError, Result};
use fulcrum_core::feedback::Feedback;
use fulcrum_core::one_on_one::Item;
use fulcrum_store::Store;

/// Agenda item or action `item` when it is on `person`'s agenda.
pub async fn agenda_item(store: &dyn Store, person: i64, item: i64) -> Result<Item> {
    match store.item(item).await? {
        None => Err(AppError::not_found("item", item)),
        Some(i) if i.person_id == person => Ok(i),
        Some(_) => Err(AppError::invalid(
            "item",
            format!("item {item} is not on this person's agenda"),
        )),
    }
}

/// Feedback `feedback` when it was given to, received from or requested from `person`.
pub async fn feedback(store: &dyn Store, person: i64, feedback: i64) -> Result<Feedback> {
    match store.feedback_item(feedback).await? {
        None => Err(AppError::not_found("feedback", feedback)),
        Some(f) if f.person_id == Some(person) => Ok(f),
        Some(_) => Err(AppError::invalid(
            "feedback",
            format!("feedback {feedback} is not this person's"),
        )),
    }
}

//! The inbox: asks and problems decided later, each with whose it is to solve.

use crate::error::{AppError, Result};
use crate::lookup::{find, save};
use crate::profile;
use fulcrum_core::inbox::{self, Decision, InboxItem, Ownership, OwnershipSignal};
use fulcrum_core::time;
use fulcrum_store::Store;
use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;

/// Days of history the ownership signal looks at.
pub const OWNERSHIP_WINDOW_DAYS: i64 = 30;

pub struct NewItem {
    pub from: String,
    pub text: String,
    pub needed_by: Option<Date>,
    pub ownership: Ownership,
}

pub async fn add(store: &dyn Store, item: NewItem, now: Timestamp) -> Result<InboxItem> {
    let today = profile::today(store, now).await?;
    if item.text.trim().is_empty() || item.from.trim().is_empty() {
        return Err(AppError::invalid(
            "--from",
            "an inbox item needs what was asked and who asked it (--from)",
        ));
    }
    Ok(store
        .add_inbox_item(&InboxItem {
            id: 0,
            from: item.from.trim().to_string(),
            text: item.text.trim().to_string(),
            received: today,
            needed_by: item.needed_by,
            ownership: item.ownership,
            decision: Decision::Pending,
            decided: None,
            note: None,
        })
        .await?)
}

/// Records the decision on an item (yes, no, delegated) with an optional note.
pub async fn decide(
    store: &dyn Store,
    id: i64,
    decision: Decision,
    note: Option<String>,
    now: Timestamp,
) -> Result<InboxItem> {
    let today = profile::today(store, now).await?;
    let mut item: InboxItem = find(store, id).await?;
    item.decision = decision;
    item.decided = (decision != Decision::Pending).then_some(today);
    item.note = note.or(item.note);
    save(store, item).await
}

pub async fn classify(store: &dyn Store, id: i64, ownership: Ownership) -> Result<InboxItem> {
    let mut item: InboxItem = find(store, id).await?;
    item.ownership = ownership;
    save(store, item).await
}

#[derive(Debug, Clone, Serialize)]
pub struct InboxView {
    /// Pending items, most pressing first (or every item with `all`).
    pub items: Vec<InboxItem>,
    /// Pending items whose answer date has passed.
    pub overdue: usize,
    pub ownership: Option<OwnershipSignal>,
}

pub async fn list(store: &dyn Store, all: bool, now: Timestamp) -> Result<InboxView> {
    let today = profile::today(store, now).await?;
    let every = store.inbox().await?;
    let overdue = inbox::pending(&every)
        .iter()
        .filter(|i| i.days_left(today).is_some_and(|d| d < 0))
        .count();
    let items = if all {
        every.clone()
    } else {
        inbox::pending(&every).into_iter().cloned().collect()
    };
    Ok(InboxView {
        items,
        overdue,
        ownership: inbox::ownership_signal(&every, time::add_days(today, -OWNERSHIP_WINDOW_DAYS)),
    })
}

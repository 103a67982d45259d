//! One stored record by its id, and writing it back. The use cases look a record up before
//! changing it, and each kind says once what to call it when it is not there, so every
//! "there is no …" reads alike.

use crate::error::{AppError, Result};
use fulcrum_core::delegation::Delegation;
use fulcrum_core::feedback::Feedback;
use fulcrum_core::inbox::InboxItem;
use fulcrum_core::one_on_one::{Item, OneOnOneNote};
use fulcrum_core::people::Person;
use fulcrum_core::relationships::{Commitment, Prep};
use fulcrum_core::tasks::Task;
use fulcrum_store::{Source, Store, StoreError};

/// A kind of stored record: its id, and what the store calls it when one is missing.
pub(crate) trait Stored {
    const WHAT: &'static str;
    fn id(&self) -> i64;
}

macro_rules! stored {
    ($($kind:ty => $what:literal),* $(,)?) => {
        $(impl Stored for $kind {
            const WHAT: &'static str = $what;
            fn id(&self) -> i64 {
                self.id
            }
        })*
    };
}

stored! {
    Commitment => "commitment",
    Delegation => "delegation",
    Feedback => "feedback",
    InboxItem => "inbox item",
    Item => "agenda or action item",
    OneOnOneNote => "logged 1:1",
    Person => "person",
    Prep => "stakeholder prep",
    Source => "source",
    Task => "task",
}

/// Records read from a list in memory are looked up by reference.
impl<T: Stored> Stored for &T {
    const WHAT: &'static str = T::WHAT;
    fn id(&self) -> i64 {
        (*self).id()
    }
}

/// The error for a `T` numbered `id` that the store does not hold.
pub(crate) fn missing<T: Stored>(id: i64) -> AppError {
    AppError::Store(StoreError::NotFound { what: T::WHAT, id })
}

/// The record numbered `id` among `all`.
pub(crate) fn by_id<T: Stored>(all: impl IntoIterator<Item = T>, id: i64) -> Result<T> {
    all.into_iter()
        .find(|x| x.id() == id)
        .ok_or_else(|| missing::<T>(id))
}

/// The record a targeted read for `id` returned, if it returned one.
pub(crate) fn found<T: Stored>(read: Option<T>, id: i64) -> Result<T> {
    read.ok_or_else(|| missing::<T>(id))
}

/// A kind of record the use cases read from the store, change and write back.
pub(crate) trait Kept: Stored + Sized {
    async fn all(store: &dyn Store) -> fulcrum_store::Result<Vec<Self>>;
    async fn update(&self, store: &dyn Store) -> fulcrum_store::Result<()>;
}

macro_rules! kept {
    ($($kind:ty => $all:ident, $update:ident);* $(;)?) => {
        $(impl Kept for $kind {
            async fn all(store: &dyn Store) -> fulcrum_store::Result<Vec<Self>> {
                store.$all().await
            }
            async fn update(&self, store: &dyn Store) -> fulcrum_store::Result<()> {
                store.$update(self).await
            }
        })*
    };
}

kept! {
    Commitment => commitments, update_commitment;
    Delegation => delegations, update_delegation;
    Feedback => feedback, update_feedback;
    InboxItem => inbox, update_inbox_item;
    Item => items, update_item;
    OneOnOneNote => notes, update_note;
    Prep => preps, update_prep;
}

/// The stored `T` numbered `id`.
pub(crate) async fn find<T: Kept>(store: &dyn Store, id: i64) -> Result<T> {
    by_id(T::all(store).await?, id)
}

/// Writes a changed record back and hands it on.
pub(crate) async fn save<T: Kept>(store: &dyn Store, record: T) -> Result<T> {
    record.update(store).await?;
    Ok(record)
}

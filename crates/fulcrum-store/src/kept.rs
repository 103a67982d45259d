//! Kept records: the kinds of record that are read whole and found by a few keys (growth plans,
//! their steps, wins, ratings, compass answers, and the technical records after them). They
//! share one table and one set of queries: a kind says what it is called, which record it
//! belongs to, whom it is about and its date, and the store indexes those and keeps the rest
//! as the JSON the type writes. A new kind of record is one type and one `Kind` impl
//! (`kinds.rs`) and one conformance check; no migration, no method in either backend.

use crate::{Result, StoreError};
use async_trait::async_trait;
use fulcrum_core::growth::Keyed;
use jiff::civil::Date;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// A record the store keeps as a kept record.
pub trait Kind: Serialize + DeserializeOwned + Send + Sync + 'static {
    /// The word stored in the `kind` column; never changed once released.
    const KIND: &'static str;
    /// How errors name one: "growth plan".
    const WHAT: &'static str;
    /// The kind of record this one belongs to, when it belongs to one (a step to its plan),
    /// and the field of the body that holds the parent's id.
    const PARENT: Option<(&'static str, &'static str)> = None;

    fn parent(&self) -> Option<i64> {
        None
    }
    /// The person the record is about: indexed, and deleted with them.
    fn person(&self) -> Option<i64> {
        None
    }
    /// Everyone the record names (the person first); each must be the owner's.
    fn people(&self) -> Vec<i64> {
        self.person().into_iter().collect()
    }
    /// The day the record is filed under, for reads by period.
    fn on(&self) -> Option<Date> {
        None
    }
}

/// Which rows of a kind to read: every condition that is set must hold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Filter {
    pub parent: Option<i64>,
    pub person: Option<i64>,
    /// Filed on or after this day.
    pub from: Option<Date>,
    /// Filed on or before this day.
    pub to: Option<Date>,
}

impl Filter {
    pub fn parent(id: i64) -> Filter {
        Filter {
            parent: Some(id),
            ..Filter::default()
        }
    }

    pub fn person(id: i64) -> Filter {
        Filter {
            person: Some(id),
            ..Filter::default()
        }
    }

    pub fn period(from: Date, to: Date) -> Filter {
        Filter {
            from: Some(from),
            to: Some(to),
            ..Filter::default()
        }
    }
}

/// The indexed columns of one row, and its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRecord {
    pub id: i64,
    pub parent: Option<i64>,
    pub person: Option<i64>,
    pub on: Option<Date>,
    pub body: String,
}

/// Where a new record's parent is: a stored record, or one added earlier in the same write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParentRef {
    Stored(i64),
    /// The `n`th `Add` of this write (0-based).
    Added(usize),
}

/// One change of a write; a write's changes happen together or not at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Add {
        kind: &'static str,
        /// The parent's kind and the body's field that names it (set when the parent is
        /// added in the same write).
        parent_kind: Option<(&'static str, &'static str)>,
        parent: Option<ParentRef>,
        people: Vec<i64>,
        person: Option<i64>,
        on: Option<Date>,
        body: String,
    },
    Update {
        kind: &'static str,
        what: &'static str,
        id: i64,
        people: Vec<i64>,
        person: Option<i64>,
        on: Option<Date>,
        body: String,
    },
    Delete {
        kind: &'static str,
        what: &'static str,
        id: i64,
    },
}

/// The queries of kept records, by kind word. Code calls the typed ones (`Records`).
#[async_trait]
pub trait RecordStore: Send + Sync {
    /// The rows of `kind` the filter keeps, by date then id.
    async fn raw_records(&self, kind: &'static str, filter: &Filter) -> Result<Vec<RawRecord>>;
    async fn raw_record(&self, kind: &'static str, id: i64) -> Result<Option<RawRecord>>;
    async fn count_records(&self, kind: &'static str, filter: &Filter) -> Result<u64>;
    /// Applies every change in one transaction; returns the ids of the added records, in
    /// order. A parent or person that is not this owner's, or a record that is not there,
    /// refuses the whole write.
    async fn write_records(&self, changes: &[Change]) -> Result<Vec<i64>>;
}

fn body<T: Kind>(record: &T) -> Result<String> {
    serde_json::to_string(record).map_err(|e| StoreError::Corrupt {
        what: T::WHAT,
        message: e.to_string(),
    })
}

fn keyed<T: Kind>(raw: RawRecord) -> Result<Keyed<T>> {
    let record = serde_json::from_str(&raw.body).map_err(|e| StoreError::Corrupt {
        what: T::WHAT,
        message: format!("record {}: {e}", raw.id),
    })?;
    Ok(Keyed { id: raw.id, record })
}

/// The change that adds `record` (its parent stored).
pub fn add_change<T: Kind>(record: &T) -> Result<Change> {
    add_change_under(record, record.parent().map(ParentRef::Stored))
}

/// The change that adds `record` under `parent` (stored, or added earlier in the write).
pub fn add_change_under<T: Kind>(record: &T, parent: Option<ParentRef>) -> Result<Change> {
    Ok(Change::Add {
        kind: T::KIND,
        parent_kind: T::PARENT,
        parent,
        people: record.people(),
        person: record.person(),
        on: record.on(),
        body: body(record)?,
    })
}

pub fn update_change<T: Kind>(id: i64, record: &T) -> Result<Change> {
    Ok(Change::Update {
        kind: T::KIND,
        what: T::WHAT,
        id,
        people: record.people(),
        person: record.person(),
        on: record.on(),
        body: body(record)?,
    })
}

pub fn delete_change<T: Kind>(id: i64) -> Change {
    Change::Delete {
        kind: T::KIND,
        what: T::WHAT,
        id,
    }
}

/// Typed reads and writes of kept records, for any store.
#[async_trait]
pub trait Records: RecordStore {
    async fn all<T: Kind>(&self) -> Result<Vec<Keyed<T>>> {
        self.find(Filter::default()).await
    }

    /// Every record of the kind, without their ids.
    async fn records<T: Kind>(&self) -> Result<Vec<T>> {
        Ok(self
            .all::<T>()
            .await?
            .into_iter()
            .map(|k| k.record)
            .collect())
    }

    async fn find<T: Kind>(&self, filter: Filter) -> Result<Vec<Keyed<T>>> {
        self.raw_records(T::KIND, &filter)
            .await?
            .into_iter()
            .map(keyed)
            .collect()
    }

    /// The record, or `NotFound` naming the kind.
    async fn get<T: Kind>(&self, id: i64) -> Result<Keyed<T>> {
        match self.raw_record(T::KIND, id).await? {
            Some(raw) => keyed(raw),
            None => Err(StoreError::NotFound { what: T::WHAT, id }),
        }
    }

    async fn count<T: Kind>(&self, filter: Filter) -> Result<u64> {
        self.count_records(T::KIND, &filter).await
    }

    async fn add<T: Kind>(&self, record: &T) -> Result<Keyed<T>> {
        let ids = self.write_records(&[add_change(record)?]).await?;
        Ok(Keyed {
            id: ids[0],
            record: clone_via_json(record)?,
        })
    }

    async fn update<T: Kind>(&self, id: i64, record: &T) -> Result<()> {
        self.write_records(&[update_change(id, record)?]).await?;
        Ok(())
    }

    /// Deletes the record and the records that belong to it.
    async fn delete<T: Kind>(&self, id: i64) -> Result<()> {
        self.write_records(&[delete_change::<T>(id)]).await?;
        Ok(())
    }
}

impl<S: RecordStore + ?Sized> Records for S {}

/// A copy of a record without asking its type for `Clone`: the stored form read back.
fn clone_via_json<T: Kind>(record: &T) -> Result<T> {
    serde_json::from_str(&body(record)?).map_err(|e| StoreError::Corrupt {
        what: T::WHAT,
        message: e.to_string(),
    })
}

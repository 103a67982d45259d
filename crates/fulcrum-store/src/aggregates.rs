//! The store by aggregate: one trait for each part of what Fulcrum keeps, and `Store`, the
//! store of one owner, which has them all.
//!
//! Every handle reads and writes one owner's rows only (`Store::account`). Private fields (the
//! private notes on a person and on a 1:1, and the reflection entries) are left out of every
//! read but the calls that take that owner's `OwnerKey`.

use crate::{
    AcceptedPlan, CommitImport, Entry, FolderFile, ManualEntry, NewManualEntry, NewSource,
    PersonFile, PersonRecords, PrivateNotes, Result, Source, SourceRemoval, StoredCommit,
    StoredEvent, StoredFolder, TableDump,
};
use async_trait::async_trait;
use fulcrum_core::Profile;
use fulcrum_core::delegation::Delegation;
use fulcrum_core::feedback::Feedback;
use fulcrum_core::habits::Habit;
use fulcrum_core::inbox::InboxItem;
use fulcrum_core::insights::{Phase, Verdict};
use fulcrum_core::observations::Observation;
use fulcrum_core::onboarding::Step;
use fulcrum_core::one_on_one::{Item, OneOnOneNote};
use fulcrum_core::people::Person;
use fulcrum_core::relationships::{Commitment, Interaction, Prep};
use fulcrum_core::rituals::Ritual;
use fulcrum_core::tasks::Task;
use serde::Serialize;

/// Whose rows these are. The single local user is account 1; a team server has many.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct AccountId(i64);

impl AccountId {
    /// The one user of an embedded store.
    pub const LOCAL: AccountId = AccountId(1);

    pub const fn new(id: i64) -> Self {
        AccountId(id)
    }

    pub const fn get(self) -> i64 {
        self.0
    }
}

/// The right to read one owner's private fields. Whoever signed the owner in holds it: on the
/// embedded store the person who opened the file is the local account; a team server makes one
/// for each signed-in request. Neither `Clone` nor `Copy`, so it is handed on, not multiplied.
#[derive(Debug)]
pub struct OwnerKey {
    account: AccountId,
}

impl OwnerKey {
    /// The key of the embedded store's one user.
    pub fn local() -> Self {
        OwnerKey {
            account: AccountId::LOCAL,
        }
    }

    /// The key of an account whose sign-in was checked.
    pub fn signed_in(account: AccountId) -> Self {
        OwnerKey { account }
    }

    pub fn account(&self) -> AccountId {
        self.account
    }
}

/// The user's profile and settings.
#[async_trait]
pub trait ProfileStore: Send + Sync {
    /// The user's profile, if `fulcrum init` has run.
    async fn profile(&self) -> Result<Option<Profile>>;
    async fn save_profile(&self, profile: &Profile) -> Result<()>;
    /// A number that moves with every write to this owner's rows, from any process (kept by
    /// triggers): what was built from the store at one revision holds until it moves.
    async fn revision(&self) -> Result<i64>;
}

/// Where activities come from (calendars, repositories, folders) and what they hold.
#[async_trait]
pub trait SourceStore: Send + Sync {
    async fn sources(&self) -> Result<Vec<Source>>;
    async fn source(&self, id: i64) -> Result<Option<Source>>;
    async fn source_by_location(&self, location: &str) -> Result<Option<Source>>;
    /// Deletes a source and its events and commits (the files of a folder with it).
    async fn delete_source(&self, id: i64) -> Result<()>;
    /// What removing source `id` would take with it; nothing is changed.
    async fn source_removal(&self, id: i64) -> Result<SourceRemoval>;
    /// Removes source `id` in one transaction: a folder with its files, a repository with the
    /// commits no other source holds (those another holds move to it). Returns what went.
    async fn remove_source(&self, id: i64) -> Result<SourceRemoval>;
    /// Creates or updates the source and replaces its events, in one transaction.
    async fn replace_events(
        &self,
        source: &NewSource,
        events: &[StoredEvent],
        outcome: &str,
    ) -> Result<Source>;
    /// Starts adding commits to the source (created or updated): nothing is visible until
    /// `finish`, and dropping the import undoes it.
    async fn begin_commits(&self, source: &NewSource) -> Result<Box<dyn CommitImport>>;
    /// Starts a scan of the source's whole history: the commits it does not add again are
    /// no longer the source's when it finishes (gone, or moved to a repository that holds
    /// them). Dropping the import undoes it.
    async fn begin_commit_rescan(&self, source: &NewSource) -> Result<Box<dyn CommitImport>>;
    /// Replaces a folder's calendar files: each file's events, its problems, and the files
    /// no longer there, in one transaction.
    async fn replace_folder(
        &self,
        folder: &NewSource,
        files: &[FolderFile],
        outcome: &str,
    ) -> Result<StoredFolder>;
    /// Records why a source could not be read, keeping what it held.
    async fn record_problem(&self, source: &NewSource, message: &str) -> Result<Source>;
    /// Adds commits to a source, ignoring ids the store already holds. Returns how many were
    /// new. One transaction: see `begin_commits` for an import in steps.
    async fn add_commits(
        &self,
        source: &NewSource,
        commits: &[StoredCommit],
        cursor: &str,
        outcome: &str,
    ) -> Result<(Source, u64)> {
        let mut import = self.begin_commits(source).await?;
        let added = import.add(commits).await?;
        let s = import.finish(cursor, outcome).await?;
        Ok((s, added))
    }
    /// Marks the last import of a source as failed, keeping its data.
    async fn record_failure(&self, source_id: i64, message: &str) -> Result<()>;
    /// Events overlapping [from, to), in unix seconds.
    async fn events_between(&self, from: i64, to: i64) -> Result<Vec<StoredEvent>>;
    /// The events of `events_between` that may have one of `emails` among their attendees or
    /// as organizer: a narrowing done in SQL, for one person's page. It never leaves out an
    /// event that names one (case aside); the caller still matches exactly.
    async fn events_with(&self, from: i64, to: i64, emails: &[String]) -> Result<Vec<StoredEvent>>;
    /// Commits authored in [from, to).
    async fn commits_between(&self, from: i64, to: i64) -> Result<Vec<StoredCommit>>;
    /// (source id, events, commits) for each source.
    async fn source_counts(&self) -> Result<Vec<(i64, u64, u64)>>;
}

/// The weekly loop: tasks, accepted plans, reviews and the inbox of requests.
#[async_trait]
pub trait LoopStore: Send + Sync {
    /// Stores a new task; returns it with its id.
    async fn add_task(&self, task: &Task) -> Result<Task>;
    /// Replaces a task's fields; `NotFound` when there is no task `task.id`.
    async fn update_task(&self, task: &Task) -> Result<()>;
    async fn task(&self, id: i64) -> Result<Option<Task>>;
    /// Every task, oldest first.
    async fn tasks(&self) -> Result<Vec<Task>>;
    /// Stores the plan of its week, replacing an earlier one.
    async fn accept_plan(&self, plan: &AcceptedPlan) -> Result<()>;
    async fn plan(&self, week: &str) -> Result<Option<AcceptedPlan>>;
    /// The weeks with an accepted plan, oldest first.
    async fn planned_weeks(&self) -> Result<Vec<String>>;
    /// The adjustment a week's review carries into the next week.
    async fn save_adjustment(&self, week: &str, adjustment: &str) -> Result<()>;
    async fn adjustment(&self, week: &str) -> Result<Option<String>>;
    async fn add_inbox_item(&self, item: &InboxItem) -> Result<InboxItem>;
    async fn update_inbox_item(&self, item: &InboxItem) -> Result<()>;
    /// Every inbox item, oldest first.
    async fn inbox(&self) -> Result<Vec<InboxItem>>;
}

/// The reflection rhythm's entries (journal, check-ins, self-assessments): private, so read
/// with the owner's key only.
#[async_trait]
pub trait RitualStore: Send + Sync {
    /// Saves the entry of its ritual and period, replacing an earlier one.
    async fn save_entry(&self, entry: &Entry) -> Result<()>;
    /// The owner's entries of one ritual, oldest period first.
    async fn entries(&self, key: &OwnerKey, ritual: Ritual) -> Result<Vec<Entry>>;
}

/// The people a lead works with and what they keep about each.
#[async_trait]
pub trait PeopleStore: Send + Sync {
    /// Stores a new person; returns them with their id.
    async fn add_person(&self, person: &Person) -> Result<Person>;
    /// Replaces a person's fields but their private notes (`PrivateStore::set_private_notes`).
    async fn update_person(&self, person: &Person) -> Result<()>;
    /// Everyone, archived too, oldest first, without their private notes.
    async fn people(&self) -> Result<Vec<Person>>;
    /// One person, without their private notes.
    async fn person(&self, id: i64) -> Result<Option<Person>>;
    /// Everything kept about one person, private notes left out: their rows of each table,
    /// read by person (one transaction) rather than every table whole.
    async fn person_file(&self, id: i64) -> Result<PersonFile>;
    /// How many records of each kind are kept about person `id`.
    async fn person_records(&self, id: i64) -> Result<PersonRecords>;
    /// Deletes a person with every record about them, in one transaction.
    async fn delete_person(&self, id: i64) -> Result<PersonRecords>;
    async fn add_observation(&self, o: &Observation) -> Result<Observation>;
    async fn observations(&self) -> Result<Vec<Observation>>;
    /// Stores a 1:1's note with what it discussed and the items it raised, in one
    /// transaction; returns the note with its id.
    async fn log_one_on_one(
        &self,
        note: &OneOnOneNote,
        discussed: &[i64],
        new_items: &[Item],
    ) -> Result<OneOnOneNote>;
    /// Replaces a note's fields but its private notes (`PrivateStore::set_private_notes`).
    async fn update_note(&self, note: &OneOnOneNote) -> Result<()>;
    /// Every 1:1 note, without private notes.
    async fn notes(&self) -> Result<Vec<OneOnOneNote>>;
    async fn add_item(&self, item: &Item) -> Result<Item>;
    async fn update_item(&self, item: &Item) -> Result<()>;
    async fn item(&self, id: i64) -> Result<Option<Item>>;
    /// Every agenda and action item.
    async fn items(&self) -> Result<Vec<Item>>;
    async fn add_feedback(&self, f: &Feedback) -> Result<Feedback>;
    async fn update_feedback(&self, f: &Feedback) -> Result<()>;
    async fn feedback_item(&self, id: i64) -> Result<Option<Feedback>>;
    async fn feedback(&self) -> Result<Vec<Feedback>>;
    async fn add_delegation(&self, d: &Delegation) -> Result<Delegation>;
    async fn update_delegation(&self, d: &Delegation) -> Result<()>;
    async fn delegation(&self, id: i64) -> Result<Option<Delegation>>;
    async fn delegations(&self) -> Result<Vec<Delegation>>;
    async fn add_interaction(&self, i: &Interaction) -> Result<Interaction>;
    async fn interactions(&self) -> Result<Vec<Interaction>>;
    async fn add_commitment(&self, c: &Commitment) -> Result<Commitment>;
    async fn update_commitment(&self, c: &Commitment) -> Result<()>;
    async fn commitments(&self) -> Result<Vec<Commitment>>;
    async fn add_prep(&self, p: &Prep) -> Result<Prep>;
    async fn update_prep(&self, p: &Prep) -> Result<()>;
    async fn preps(&self) -> Result<Vec<Prep>>;
    /// Stores a new hire's onboarding plan, in one transaction.
    async fn add_onboarding_steps(&self, steps: &[Step]) -> Result<Vec<Step>>;
    async fn update_onboarding_step(&self, step: &Step) -> Result<()>;
    async fn onboarding_steps(&self) -> Result<Vec<Step>>;
}

/// The row a private note belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PrivateOf {
    /// The private notes on person `id`.
    Person(i64),
    /// The private notes of logged 1:1 `id`.
    OneOnOne(i64),
}

/// The private fields of people records, read and changed only with the owner's key. A new
/// person or 1:1 note is stored with its private notes by its owner's handle.
#[async_trait]
pub trait PrivateStore: Send + Sync {
    /// Replaces (or, with `None`, clears) one private note.
    async fn set_private_notes(
        &self,
        key: &OwnerKey,
        of: PrivateOf,
        text: Option<&str>,
    ) -> Result<()>;
    /// The private notes on people and on 1:1s: of one person, or of everyone (`None`).
    async fn private_notes(&self, key: &OwnerKey, person: Option<i64>) -> Result<PrivateNotes>;
}

/// Time logged by hand, and the running timer.
#[async_trait]
pub trait TimeStore: Send + Sync {
    /// Stores an entry; `TimerRunning` when it is a timer and one is running already.
    async fn add_manual_entry(&self, entry: &NewManualEntry) -> Result<ManualEntry>;
    async fn update_manual_entry(&self, entry: &ManualEntry) -> Result<()>;
    /// Deletes an entry; returns what it was.
    async fn delete_manual_entry(&self, id: i64) -> Result<ManualEntry>;
    async fn manual_entry(&self, id: i64) -> Result<ManualEntry>;
    /// Entries overlapping [from, to); the running timer counts up to now.
    async fn manual_entries_between(&self, from: i64, to: i64) -> Result<Vec<ManualEntry>>;
    async fn running_timer(&self) -> Result<Option<ManualEntry>>;
}

/// The whole store read out and written back, for backups and moves between backends. A
/// backup is of the database, every owner's rows, by whoever holds the database itself.
#[async_trait]
pub trait BackupStore: Send + Sync {
    /// Every row of every table in `BACKUP_TABLES`, in one transaction.
    async fn export_tables(&self) -> Result<Vec<TableDump>>;
    /// Writes the rows back into an empty store, in one transaction; returns how many.
    async fn import_tables(&self, dumps: &[TableDump]) -> Result<u64>;
    /// The names of the tables the schema holds, for checking `BACKUP_TABLES`.
    async fn schema_tables(&self) -> Result<Vec<String>>;
}

/// Everything Fulcrum keeps for one owner. Each method that writes is one transaction.
/// The coach's records: what the user said of insights, phases and habits.
#[async_trait]
pub trait CoachStore: Send + Sync {
    async fn verdicts(&self) -> Result<Vec<Verdict>>;
    async fn add_verdict(&self, verdict: &Verdict) -> Result<()>;
    /// Forgets what the user said of an insight; returns how many verdicts went.
    async fn remove_verdicts(&self, insight_id: &str) -> Result<u64>;
    /// Every phase, earliest first.
    async fn phases(&self) -> Result<Vec<Phase>>;
    async fn add_phase(&self, phase: &Phase) -> Result<Phase>;
    async fn delete_phase(&self, id: i64) -> Result<Phase>;
    async fn habits(&self) -> Result<Vec<Habit>>;
    async fn add_habit(&self, habit: &Habit) -> Result<Habit>;
    async fn update_habit(&self, habit: &Habit) -> Result<()>;
}

pub trait Store:
    ProfileStore
    + SourceStore
    + LoopStore
    + RitualStore
    + PeopleStore
    + PrivateStore
    + TimeStore
    + BackupStore
    + CoachStore
    + crate::kept::RecordStore
{
    /// Whose rows this handle reads and writes.
    fn account(&self) -> AccountId;
    /// A handle on the same database for another owner, as a team server makes one for each
    /// signed-in request.
    fn for_account(&self, account: AccountId) -> Box<dyn Store>;
}

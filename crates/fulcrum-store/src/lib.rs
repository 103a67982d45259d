//! Fulcrum's store: the `Store` trait and its backends. All SQL of the product lives here.
//!
//! The embedded SQLite backend is the default; a PostgreSQL backend for teams will implement
//! the same trait and pass the same conformance suite (`conformance`), so the SQL is kept
//! portable: `$n` placeholders, `ON CONFLICT`, no engine-specific functions in queries.

mod model;
pub mod postgres;
pub mod sqlite;

pub use model::*;
pub use postgres::PostgresStore;
pub use sqlite::SqliteStore;

use async_trait::async_trait;
use fulcrum_core::Profile;
use fulcrum_core::delegation::Delegation;
use fulcrum_core::feedback::Feedback;
use fulcrum_core::inbox::InboxItem;
use fulcrum_core::observations::Observation;
use fulcrum_core::onboarding::Step;
use fulcrum_core::one_on_one::{Item, OneOnOneNote};
use fulcrum_core::people::Person;
use fulcrum_core::relationships::{Commitment, Interaction, Prep};
use fulcrum_core::tasks::Task;

/// What opening a store may do, chosen by the command that opens it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenMode {
    /// Creates the store, and its folder, when there is none: only `init`, the demo and the
    /// imports do, so a mistyped path never leaves a store behind.
    Create,
    /// A store that must already exist. Its schema is brought up to date; a store that cannot
    /// be written is opened read-only, so it can still be read and a change says why it fails.
    Existing,
    /// A store that must already exist, opened read-only whatever its permissions: nothing is
    /// written, not even a migration or the journal mode.
    ReadOnly,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the store at {path}: {message}")]
    Open { path: String, message: String },
    #[error(
        "no Fulcrum store at {path}; create one with `fulcrum init --email you@example.com --tz Europe/Berlin`, or pass --db (or set FULCRUM_DB) to point at yours"
    )]
    Missing { path: String },
    #[error(
        "{path} is not a Fulcrum store: it is another program's SQLite database ({tables}); Fulcrum left it untouched, pass --db with the path of your store or of a new file"
    )]
    Foreign { path: String, tables: String },
    #[error(
        "{path} is not a Fulcrum store: it is not an SQLite database; Fulcrum left it untouched, pass --db with the path of your store or of a new file"
    )]
    NotSqlite { path: String },
    #[error(
        "another Fulcrum process is using the store at {path} (it stayed locked for {} s); wait for it to finish and try again",
        .waited.as_secs_f64()
    )]
    Locked {
        path: String,
        waited: std::time::Duration,
    },
    #[error(
        "the store at {path} is read-only: Fulcrum can show what it holds but not change it; make the file and its folder writable to change it"
    )]
    ReadOnly { path: String },
    #[error(
        "the store at {path} was written by an older Fulcrum (schema {found}, this one needs {needs}) and is read-only, so it cannot be brought up to date; make the file and its folder writable and run Fulcrum once"
    )]
    Outdated {
        path: String,
        found: i64,
        needs: i64,
    },
    #[error(
        "the store at {path} was written by a newer Fulcrum (schema {found}, this one knows {known}); upgrade Fulcrum"
    )]
    TooNew {
        path: String,
        found: i64,
        known: i64,
    },
    #[error("store error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("cannot bring the store's schema up to date: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("the stored {what} is damaged: {message}")]
    Corrupt { what: &'static str, message: String },
    /// A record the caller named by id is not there. The message names it; what to run to see
    /// the ids is the interface's to say (`fulcrum_store::StoreError::NotFound` carries no hint).
    #[error("there is no {what} {id}")]
    NotFound { what: &'static str, id: i64 },
    #[error("the backup cannot be restored: {message}")]
    Backup { message: String },
    #[error("a backup is restored only into an empty store, and this one holds {table}")]
    NotEmpty { table: String },
    #[error("a timer is already running")]
    TimerRunning,
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Everything Fulcrum keeps. Each method that writes is one transaction.
#[async_trait]
pub trait Store: Send + Sync {
    /// The user's profile, if `fulcrum init` has run.
    async fn profile(&self) -> Result<Option<Profile>>;
    async fn save_profile(&self, profile: &Profile) -> Result<()>;

    async fn sources(&self) -> Result<Vec<Source>>;
    async fn source(&self, id: i64) -> Result<Option<Source>>;
    async fn source_by_location(&self, location: &str) -> Result<Option<Source>>;
    /// Removes a source as `remove_source` does.
    async fn delete_source(&self, id: i64) -> Result<()>;
    /// What `remove_source` would take, without changing anything.
    async fn source_removal(&self, id: i64) -> Result<SourceRemoval>;
    /// Removes a source in one transaction: its events, the files of a folder with theirs, and
    /// the commits no other source holds (a commit a clone also holds stays, with the clone).
    /// Returns what went, counted inside the transaction.
    async fn remove_source(&self, id: i64) -> Result<SourceRemoval>;

    /// Replaces every event of a calendar source with `events` and records the outcome.
    /// Creates the source when it is new. One transaction: on error nothing changes.
    async fn replace_events(
        &self,
        source: &NewSource,
        events: &[StoredEvent],
        outcome: &str,
    ) -> Result<Source>;

    /// Starts adding commits to a git source (created when new) in one transaction, so they
    /// can be stored while the repository is still being read. Dropping the import without
    /// `finish` leaves the store as it was.
    async fn begin_commits(&self, source: &NewSource) -> Result<Box<dyn CommitImport>>;

    /// Like `begin_commits`, for a scan of the repository's whole history: the source's commits
    /// are the ones this import adds, and when it finishes, commits it no longer holds are
    /// forgotten (deleted when no other source holds them either).
    async fn begin_commit_rescan(&self, source: &NewSource) -> Result<Box<dyn CommitImport>>;

    /// Imports a folder of calendar files in one transaction: the folder source (created when
    /// new) and, for each file, its source with the folder as parent and its events replaced,
    /// or, for a file that is not `ok`, its events kept and the failure recorded. Files the
    /// folder held before and `files` does not name are removed with their events.
    async fn replace_folder(
        &self,
        folder: &NewSource,
        files: &[FolderFile],
        outcome: &str,
    ) -> Result<StoredFolder>;

    /// Records an import that read the source but found nothing it could use: the source is
    /// created when new, its data stays as it was, and the import counts as failed.
    async fn record_problem(&self, source: &NewSource, message: &str) -> Result<Source>;

    /// Adds commits (already-known ids are ignored), saves the scan cursor and the outcome.
    /// Returns the source and how many commits were new. One transaction.
    async fn add_commits(
        &self,
        source: &NewSource,
        commits: &[StoredCommit],
        cursor: &str,
        outcome: &str,
    ) -> Result<(Source, u64)> {
        let mut import = self.begin_commits(source).await?;
        let added = import.add(commits).await?;
        Ok((import.finish(cursor, outcome).await?, added))
    }

    /// Records that an import of an existing source failed, leaving its data as it was.
    async fn record_failure(&self, source_id: i64, message: &str) -> Result<()>;

    /// Events overlapping `[from, to)` (unix seconds), ordered by start.
    async fn events_between(&self, from: i64, to: i64) -> Result<Vec<StoredEvent>>;
    /// Commits authored in `[from, to)` (unix seconds), ordered by time.
    async fn commits_between(&self, from: i64, to: i64) -> Result<Vec<StoredCommit>>;
    /// How many events and commits each source holds. A commit two clones hold counts in both.
    async fn source_counts(&self) -> Result<Vec<(i64, u64, u64)>>;

    /// Stores a new task (its `id` is ignored) and returns it with its id.
    async fn add_task(&self, task: &Task) -> Result<Task>;
    /// Saves every field of an existing task.
    async fn update_task(&self, task: &Task) -> Result<()>;
    async fn task(&self, id: i64) -> Result<Option<Task>>;
    /// All tasks, oldest first.
    async fn tasks(&self) -> Result<Vec<Task>>;

    /// Saves the accepted plan of a week, replacing an earlier one. One transaction.
    async fn accept_plan(&self, plan: &AcceptedPlan) -> Result<()>;
    async fn plan(&self, week: &str) -> Result<Option<AcceptedPlan>>;
    /// The weeks that have an accepted plan, oldest first.
    async fn planned_weeks(&self) -> Result<Vec<String>>;
    /// Saves the adjustment chosen in a week's review.
    async fn save_adjustment(&self, week: &str, adjustment: &str) -> Result<()>;
    async fn adjustment(&self, week: &str) -> Result<Option<String>>;

    /// Stores a new inbox item (its `id` is ignored) and returns it with its id.
    async fn add_inbox_item(&self, item: &InboxItem) -> Result<InboxItem>;
    async fn update_inbox_item(&self, item: &InboxItem) -> Result<()>;
    /// Every inbox item, oldest first.
    async fn inbox(&self) -> Result<Vec<InboxItem>>;

    /// Saves a reflection entry, replacing the one for the same ritual and period.
    async fn save_entry(&self, entry: &Entry) -> Result<()>;
    /// A ritual's entries, oldest period first.
    async fn entries(&self, ritual: fulcrum_core::rituals::Ritual) -> Result<Vec<Entry>>;

    /// Stores a new person (their `id` is ignored) and returns them with their id.
    async fn add_person(&self, person: &Person) -> Result<Person>;
    /// Saves every field of an existing person.
    async fn update_person(&self, person: &Person) -> Result<()>;
    /// Everyone, archived included, by id.
    async fn people(&self) -> Result<Vec<Person>>;
    /// How many records of each kind are kept about a person.
    async fn person_records(&self, id: i64) -> Result<PersonRecords>;
    /// Deletes a person and every record kept about them, in one transaction.
    async fn delete_person(&self, id: i64) -> Result<PersonRecords>;

    async fn add_observation(&self, o: &Observation) -> Result<Observation>;
    /// Every observation, by id.
    async fn observations(&self) -> Result<Vec<Observation>>;

    /// Logs a 1:1 in one transaction: stores the note, closes the agenda items it discussed
    /// and adds the items it produced (with `created_in` set to the new note).
    async fn log_one_on_one(
        &self,
        note: &OneOnOneNote,
        discussed: &[i64],
        new_items: &[Item],
    ) -> Result<OneOnOneNote>;
    async fn update_note(&self, note: &OneOnOneNote) -> Result<()>;
    /// Every logged 1:1, by id.
    async fn notes(&self) -> Result<Vec<OneOnOneNote>>;
    async fn add_item(&self, item: &Item) -> Result<Item>;
    async fn update_item(&self, item: &Item) -> Result<()>;
    /// Every agenda and action item, by id.
    async fn items(&self) -> Result<Vec<Item>>;

    async fn add_feedback(&self, f: &Feedback) -> Result<Feedback>;
    async fn update_feedback(&self, f: &Feedback) -> Result<()>;
    async fn feedback(&self) -> Result<Vec<Feedback>>;

    async fn add_delegation(&self, d: &Delegation) -> Result<Delegation>;
    async fn update_delegation(&self, d: &Delegation) -> Result<()>;
    async fn delegations(&self) -> Result<Vec<Delegation>>;

    async fn add_interaction(&self, i: &Interaction) -> Result<Interaction>;
    async fn interactions(&self) -> Result<Vec<Interaction>>;

    async fn add_commitment(&self, c: &Commitment) -> Result<Commitment>;
    async fn update_commitment(&self, c: &Commitment) -> Result<()>;
    async fn commitments(&self) -> Result<Vec<Commitment>>;

    async fn add_prep(&self, p: &Prep) -> Result<Prep>;
    async fn update_prep(&self, p: &Prep) -> Result<()>;
    async fn preps(&self) -> Result<Vec<Prep>>;

    /// Adds the steps of an onboarding plan, in one transaction.
    async fn add_onboarding_steps(&self, steps: &[Step]) -> Result<Vec<Step>>;
    async fn update_onboarding_step(&self, step: &Step) -> Result<()>;
    async fn onboarding_steps(&self) -> Result<Vec<Step>>;

    /// Time logged by hand, or a timer when `end_at` is `None` (at most one runs:
    /// [`StoreError::TimerRunning`]).
    async fn add_manual_entry(&self, entry: &NewManualEntry) -> Result<ManualEntry>;
    async fn update_manual_entry(&self, entry: &ManualEntry) -> Result<()>;
    /// Deletes the entry and returns what it was.
    async fn delete_manual_entry(&self, id: i64) -> Result<ManualEntry>;
    async fn manual_entry(&self, id: i64) -> Result<ManualEntry>;
    /// Entries overlapping `[from, to)` in start order, a running timer included.
    async fn manual_entries_between(&self, from: i64, to: i64) -> Result<Vec<ManualEntry>>;
    async fn running_timer(&self) -> Result<Option<ManualEntry>>;

    /// Every row of every table, in a fixed order: the same store gives the same dumps.
    async fn export_tables(&self) -> Result<Vec<TableDump>>;
    /// Writes `dumps` into this store, which must hold nothing yet, in one transaction.
    /// Returns how many rows were written.
    async fn import_tables(&self, dumps: &[TableDump]) -> Result<u64>;
    /// The tables the schema holds, sorted; the backup's list must name each of them.
    async fn schema_tables(&self) -> Result<Vec<String>>;
}

/// Commits being added to one git source inside an open transaction.
#[async_trait]
pub trait CommitImport: Send {
    /// Adds commits; ids the store already holds are ignored. Returns how many were new.
    async fn add(&mut self, commits: &[StoredCommit]) -> Result<u64>;
    /// Records how many non-merge commits, everyone's, the repository holds.
    async fn set_repository_commits(&mut self, total: u64) -> Result<()>;
    /// Saves the scan cursor and the outcome, and commits the transaction.
    async fn finish(self: Box<Self>, cursor: &str, outcome: &str) -> Result<Source>;
}

#[doc(hidden)]
pub mod testing;

/// Every shipped migration as `backend version description checksum` lines (the checksum is
/// the migrator's SHA-384, in hex), so a test can hold them against the released list.
#[doc(hidden)]
pub fn migration_checksums() -> Vec<String> {
    let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
    let list = |backend: &str, m: &sqlx::migrate::Migrator| {
        m.iter()
            .map(|m| {
                format!(
                    "{backend} {} {} {}",
                    m.version,
                    m.description,
                    hex(&m.checksum)
                )
            })
            .collect::<Vec<_>>()
    };
    let mut all = list("sqlite", &sqlite::MIGRATOR);
    all.extend(list("postgres", &postgres::MIGRATOR));
    all
}

/// The behaviour every backend must show; each backend's tests run it.
#[doc(hidden)]
pub mod conformance;

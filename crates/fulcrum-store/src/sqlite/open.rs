//! Opening a store file: what the path holds is looked at read-only before anything is written,
//! the command's `OpenMode` decides whether it may be created, a file that cannot be written
//! is read read-only, and the errors a user can act on (locked, read-only) name the file.

use super::dialect::begin_write;
use super::sql::{Db, now};
use crate::kept::{Change, Filter, RawRecord, RecordStore};
use crate::{
    AcceptedPlan, AccountId, BackupStore, CoachStore, CommitImport, Entry, FolderFile, LoopStore,
    ManualEntry, NewManualEntry, NewSource, OpenMode, OwnerKey, PeopleStore, PersonFile,
    PersonRecords, PrivateNotes, PrivateOf, PrivateStore, ProfileStore, Result, RitualStore,
    Source, SourceRemoval, SourceStore, Store, StoreError, StoredCommit, StoredEvent, StoredFolder,
    TableDump, TimeStore,
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
use sqlx::migrate::{Migrate, Migrator};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Connection, Row, SqlitePool};
use std::io::Read;
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

/// How long a statement waits for another process's lock before it gives up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The first bytes of every SQLite database file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

// SQLite's primary result codes: the low byte of the extended codes sqlx reports.
const SQLITE_PERM: i32 = 3;
const SQLITE_BUSY: i32 = 5;
const SQLITE_LOCKED: i32 = 6;
const SQLITE_READONLY: i32 = 8;
const SQLITE_CANTOPEN: i32 = 14;
const SQLITE_NOTADB: i32 = 26;

/// The embedded store: one SQLite file, or memory for tests.
pub struct SqliteStore {
    db: Db,
    context: Context,
}

/// What the errors of a store name: its file, and how long a lock was waited for.
#[derive(Clone)]
struct Context {
    path: String,
    waited: Duration,
}

impl Context {
    /// Puts the SQLite errors a user can act on into words that name the file.
    fn explain(&self, e: StoreError) -> StoreError {
        let path = self.path.clone();
        match sqlite_code(&e) {
            Some(SQLITE_BUSY | SQLITE_LOCKED) => StoreError::Locked {
                path,
                waited: self.waited,
            },
            Some(SQLITE_READONLY) => StoreError::ReadOnly { path },
            Some(SQLITE_NOTADB) => StoreError::NotSqlite { path },
            _ => e,
        }
    }
}

/// The primary result code of an error that came from SQLite.
fn sqlite_code(e: &StoreError) -> Option<i32> {
    let StoreError::Database(sqlx::Error::Database(d)) = e else {
        return None;
    };
    d.code()?.parse::<i32>().ok().map(|c| c & 0xff)
}

/// The file cannot be written, or SQLite could not create the `-wal` and `-shm` files WAL
/// needs beside it.
fn cannot_write(e: &StoreError) -> bool {
    matches!(e, StoreError::ReadOnly { .. })
        || matches!(
            sqlite_code(e),
            Some(SQLITE_READONLY | SQLITE_CANTOPEN | SQLITE_PERM)
        )
}

/// What a path holds, found without writing to it.
enum Found {
    Nothing,
    /// An empty file, or an SQLite database without tables: nothing to lose by initialising.
    Empty,
    /// A Fulcrum store at this schema version. `immutable` when SQLite can only read it as a
    /// file nobody changes, because its folder cannot take the `-shm` file WAL readers need.
    Store {
        version: i64,
        immutable: bool,
    },
}

#[derive(Clone, Copy)]
enum Access {
    Write { create: bool },
    Read,
    Immutable,
}

fn options(path: &Path, access: Access, busy: Duration) -> SqliteConnectOptions {
    let options = SqliteConnectOptions::new()
        .filename(path)
        .foreign_keys(true)
        .busy_timeout(busy);
    match access {
        Access::Write { create } => options
            .create_if_missing(create)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal),
        // No journal mode: setting one writes the file, and reading must leave it as it was.
        Access::Read => options.read_only(true),
        Access::Immutable => options.read_only(true).immutable(true),
    }
}

/// The schema's versions, checksummed: sqlx refuses a store whose applied migration differs
/// from the one shipped, so a released migration is never edited unnoticed.
pub(crate) static MIGRATOR: Migrator = sqlx::migrate!("migrations/sqlite");

fn latest() -> i64 {
    MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0)
}

impl SqliteStore {
    /// Opens the store file at `path` as `mode` allows, bringing its schema up to date when it
    /// can be written. A file that is not a Fulcrum store is refused before anything is written.
    pub async fn open(path: &Path, mode: OpenMode) -> Result<Self> {
        Self::open_waiting(path, mode, BUSY_TIMEOUT).await
    }

    /// `open` with another busy timeout, so tests of a locked store need not wait for long.
    #[doc(hidden)]
    pub async fn open_waiting(path: &Path, mode: OpenMode, busy: Duration) -> Result<Self> {
        let context = Context {
            path: path.display().to_string(),
            waited: busy,
        };
        let pool = open_pool(path, mode, &context)
            .await
            .map_err(|e| match context.explain(e) {
                StoreError::Database(e) => StoreError::Open {
                    path: context.path.clone(),
                    message: e.to_string(),
                },
                e => e,
            })?;
        Ok(SqliteStore {
            db: Db::new(pool),
            context,
        })
    }

    /// A private in-memory store, for tests.
    pub async fn in_memory() -> Result<Self> {
        let options = SqliteConnectOptions::from_str("sqlite::memory:")?.foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await?;
        migrate(&pool, ":memory:").await?;
        Ok(SqliteStore {
            db: Db::new(pool),
            context: Context {
                path: ":memory:".into(),
                waited: BUSY_TIMEOUT,
            },
        })
    }
}

async fn open_pool(path: &Path, mode: OpenMode, context: &Context) -> Result<SqlitePool> {
    let shown = || context.path.clone();
    let found = inspect(path, context).await?;
    if let Found::Store { version, .. } = found
        && version > latest()
    {
        return Err(StoreError::TooNew {
            path: shown(),
            found: version,
            known: latest(),
        });
    }
    match (mode, found) {
        (OpenMode::Existing | OpenMode::ReadOnly, Found::Nothing | Found::Empty) => {
            Err(StoreError::Missing { path: shown() })
        }
        (OpenMode::ReadOnly, Found::Store { version, immutable })
        | (
            OpenMode::Existing,
            Found::Store {
                version,
                immutable: immutable @ true,
            },
        ) => read_only(path, version, immutable, context).await,
        (OpenMode::Existing, Found::Store { version, .. }) => {
            match writable(path, false, context).await {
                Err(e) if cannot_write(&e) => read_only(path, version, false, context).await,
                opened => opened,
            }
        }
        (
            OpenMode::Create,
            Found::Store {
                immutable: true, ..
            },
        ) => Err(StoreError::ReadOnly { path: shown() }),
        (OpenMode::Create, found) => {
            let create = matches!(found, Found::Nothing);
            let folder = path.parent().filter(|d| !d.as_os_str().is_empty());
            if let (true, Some(dir)) = (create, folder) {
                std::fs::create_dir_all(dir).map_err(|e| StoreError::Open {
                    path: shown(),
                    message: format!("cannot create the folder {}: {e}", dir.display()),
                })?;
            }
            match writable(path, create, context).await {
                Err(e) if cannot_write(&e) && create => Err(StoreError::Open {
                    path: shown(),
                    message: format!(
                        "its folder {} cannot be written",
                        folder.unwrap_or(Path::new(".")).display()
                    ),
                }),
                Err(e) if cannot_write(&e) => Err(StoreError::ReadOnly { path: shown() }),
                opened => opened,
            }
        }
    }
}

/// Looks at what `path` holds, reading only: a file that is then refused stays byte for byte
/// as it was.
async fn inspect(path: &Path, context: &Context) -> Result<Found> {
    let shown = || context.path.clone();
    let failed = |e: std::io::Error| StoreError::Open {
        path: shown(),
        message: e.to_string(),
    };
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Found::Nothing),
        Err(e) => return Err(failed(e)),
    };
    if meta.is_dir() {
        return Err(StoreError::Open {
            path: shown(),
            message: "it is a folder; pass the path of a file".into(),
        });
    }
    if meta.len() == 0 {
        return Ok(Found::Empty);
    }
    let mut header = [0; SQLITE_HEADER.len()];
    match std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut header)) {
        Ok(()) if &header == SQLITE_HEADER => {}
        Ok(()) => return Err(StoreError::NotSqlite { path: shown() }),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            return Err(StoreError::NotSqlite { path: shown() });
        }
        Err(e) => return Err(failed(e)),
    }
    match schema(path, Access::Read, context).await {
        Err(e) if cannot_write(&e) => schema(path, Access::Immutable, context).await,
        found => found,
    }
}

/// What the tables of the database at `path` say it is.
async fn schema(path: &Path, access: Access, context: &Context) -> Result<Found> {
    let mut conn = SqliteConnection::connect_with(&options(path, access, context.waited)).await?;
    let found = classify(&mut conn, matches!(access, Access::Immutable), context).await;
    conn.close().await?;
    found
}

/// A Fulcrum store has `settings` and our `schema_migrations` (integer versions and when each
/// was applied) from its first migration on; any other table means another program's file.
async fn classify(
    conn: &mut SqliteConnection,
    immutable: bool,
    context: &Context,
) -> Result<Found> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND substr(name, 1, 7) <> 'sqlite_'
         ORDER BY name",
    )
    .fetch_all(&mut *conn)
    .await?;
    if tables.is_empty() {
        return Ok(Found::Empty);
    }
    let has = |t: &str| tables.iter().any(|n| n == t);
    if has("settings") && has("schema_migrations") {
        let columns: Vec<String> =
            sqlx::query_scalar("SELECT name FROM pragma_table_info('schema_migrations')")
                .fetch_all(&mut *conn)
                .await?;
        if ["version", "applied_at"]
            .iter()
            .all(|c| columns.iter().any(|n| n == c))
        {
            let version: Option<i64> = sqlx::query(
                "SELECT MAX(version) FROM schema_migrations WHERE typeof(version) = 'integer'",
            )
            .fetch_one(&mut *conn)
            .await?
            .try_get(0)?;
            if let Some(version) = version.filter(|v| *v >= 1) {
                return Ok(Found::Store { version, immutable });
            }
        }
    }
    Err(StoreError::Foreign {
        path: context.path.clone(),
        tables: describe_tables(&tables),
    })
}

/// "it holds the table foo", "it holds the tables a, b, c and 2 more".
pub(crate) fn describe_tables(tables: &[String]) -> String {
    const SHOWN: usize = 3;
    match tables {
        [] => "it holds no tables".into(),
        [one] => format!("it holds the table {one}"),
        [rest @ .., last] if tables.len() <= SHOWN => {
            format!("it holds the tables {} and {last}", rest.join(", "))
        }
        _ => format!(
            "it holds the tables {} and {} more",
            tables[..SHOWN].join(", "),
            tables.len() - SHOWN
        ),
    }
}

/// A pool that may write, with the schema brought up to date.
async fn writable(path: &Path, create: bool, context: &Context) -> Result<SqlitePool> {
    // SQLite quietly opens a write-protected file read-only and only fails at the first
    // change, so ask the system first. Opening for writing changes nothing in the file.
    if !create {
        match std::fs::OpenOptions::new().write(true).open(path) {
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
                ) =>
            {
                return Err(StoreError::ReadOnly {
                    path: context.path.clone(),
                });
            }
            _ => {}
        }
    }
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        .connect_with(options(path, Access::Write { create }, context.waited))
        .await?;
    migrate(&pool, &context.path).await?;
    Ok(pool)
}

/// A pool that cannot write; it needs the schema this Fulcrum knows, as it cannot migrate.
async fn read_only(
    path: &Path,
    version: i64,
    immutable: bool,
    context: &Context,
) -> Result<SqlitePool> {
    if version < latest() {
        return Err(StoreError::Outdated {
            path: context.path.clone(),
            found: version,
            needs: latest(),
        });
    }
    let access = if immutable {
        Access::Immutable
    } else {
        Access::Read
    };
    Ok(SqlitePoolOptions::new()
        .max_connections(4)
        .connect_with(options(path, access, context.waited))
        .await?)
}

/// Applies the migrations the store lacks, in one transaction, through sqlx's migrator.
///
/// Stores written before the migrator kept their versions in `schema_migrations` only; the
/// ones they applied are adopted into the migrator's table unchanged (same SQL, so the same
/// checksums). `schema_migrations` stays up to date as well, so an older Fulcrum still sees a
/// Fulcrum store, and a newer one, rather than another program's file.
async fn migrate(pool: &SqlitePool, shown: &str) -> Result<()> {
    let mut tx = begin_write(pool).await?;
    sqlx::query(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)",
    )
    .execute(&mut *tx)
    .await?;
    let current: i64 = sqlx::query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
    let known = latest();
    if current > known {
        return Err(StoreError::TooNew {
            path: shown.to_string(),
            found: current,
            known,
        });
    }
    adopt_versions(&mut tx).await?;
    MIGRATOR.run_direct(None, &mut *tx, false).await?;
    sqlx::query(
        "INSERT INTO schema_migrations (version, applied_at)
         SELECT version, $1 FROM _sqlx_migrations WHERE success
         ON CONFLICT (version) DO NOTHING",
    )
    .bind(now())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Marks the versions `schema_migrations` lists, and the migrator's table lacks, as applied.
async fn adopt_versions(conn: &mut sqlx::SqliteConnection) -> Result<()> {
    conn.ensure_migrations_table(&MIGRATOR.table_name).await?;
    let known: std::collections::HashSet<i64> =
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations")
            .fetch_all(&mut *conn)
            .await?
            .into_iter()
            .collect();
    let legacy: std::collections::HashSet<i64> =
        sqlx::query_scalar("SELECT version FROM schema_migrations")
            .fetch_all(&mut *conn)
            .await?
            .into_iter()
            .collect();
    for m in MIGRATOR
        .iter()
        .filter(|m| legacy.contains(&m.version) && !known.contains(&m.version))
    {
        conn.skip(&MIGRATOR.table_name, m).await?;
    }
    Ok(())
}

/// Commits being added inside a transaction, with the store's errors put into words.
struct ExplainedImport {
    import: Box<dyn CommitImport>,
    context: Context,
}

#[async_trait]
impl CommitImport for ExplainedImport {
    async fn add(&mut self, commits: &[StoredCommit]) -> Result<u64> {
        let added = self.import.add(commits).await;
        added.map_err(|e| self.context.explain(e))
    }

    async fn set_repository_commits(&mut self, total: u64) -> Result<()> {
        let set = self.import.set_repository_commits(total).await;
        set.map_err(|e| self.context.explain(e))
    }

    async fn finish(self: Box<Self>, cursor: &str, outcome: &str) -> Result<Source> {
        let ExplainedImport { import, context } = *self;
        import
            .finish(cursor, outcome)
            .await
            .map_err(|e| context.explain(e))
    }
}

/// Implements each of the store's traits by calling the queries of `Db` and explaining their
/// errors, so no method can let "database is locked" through without the file's name.
macro_rules! explained {
    ($($trait:ident { $(fn $name:ident(&self $(, $arg:ident: $ty:ty)*) -> $ret:ty;)* } $({ $($extra:tt)* })?)*) => {
        $(
            #[async_trait]
            impl $trait for SqliteStore {
                $(
                    async fn $name(&self $(, $arg: $ty)*) -> Result<$ret> {
                        $trait::$name(&self.db $(, $arg)*)
                            .await
                            .map_err(|e| self.context.explain(e))
                    }
                )*
                $($($extra)*)?
            }
        )*
    };
}

impl SqliteStore {
    /// Starts a commit import whose errors name the file.
    fn explained_import(
        &self,
        import: Result<Box<dyn CommitImport>>,
    ) -> Result<Box<dyn CommitImport>> {
        let import = import.map_err(|e| self.context.explain(e))?;
        Ok(Box::new(ExplainedImport {
            import,
            context: self.context.clone(),
        }))
    }
}

impl Store for SqliteStore {
    fn account(&self) -> AccountId {
        self.db.account()
    }

    fn for_account(&self, account: AccountId) -> Box<dyn Store> {
        Box::new(SqliteStore {
            db: Db {
                pool: self.db.pool.clone(),
                owner: account.get(),
            },
            context: self.context.clone(),
        })
    }
}

explained! {
    ProfileStore {
        fn profile(&self) -> Option<Profile>;
        fn save_profile(&self, profile: &Profile) -> ();
        fn revision(&self) -> i64;
    }
    SourceStore {
        fn sources(&self) -> Vec<Source>;
        fn source_by_location(&self, location: &str) -> Option<Source>;
        fn delete_source(&self, id: i64) -> ();
        fn source(&self, id: i64) -> Option<Source>;
        fn source_removal(&self, id: i64) -> SourceRemoval;
        fn remove_source(&self, id: i64) -> SourceRemoval;
        fn replace_folder(&self, folder: &NewSource, files: &[FolderFile], outcome: &str) -> StoredFolder;
        fn record_problem(&self, source: &NewSource, message: &str) -> Source;
        fn replace_events(&self, source: &NewSource, events: &[StoredEvent], outcome: &str) -> Source;
        fn record_failure(&self, source_id: i64, message: &str) -> ();
        fn events_between(&self, from: i64, to: i64) -> Vec<StoredEvent>;
        fn events_with(&self, from: i64, to: i64, emails: &[String]) -> Vec<StoredEvent>;
        fn commits_between(&self, from: i64, to: i64) -> Vec<StoredCommit>;
        fn source_counts(&self) -> Vec<(i64, u64, u64)>;
    } {
        async fn begin_commits(&self, source: &NewSource) -> Result<Box<dyn CommitImport>> {
            self.explained_import(SourceStore::begin_commits(&self.db, source).await)
        }

        async fn begin_commit_rescan(&self, source: &NewSource) -> Result<Box<dyn CommitImport>> {
            self.explained_import(SourceStore::begin_commit_rescan(&self.db, source).await)
        }
    }
    LoopStore {
        fn add_task(&self, task: &Task) -> Task;
        fn update_task(&self, task: &Task) -> ();
        fn task(&self, id: i64) -> Option<Task>;
        fn tasks(&self) -> Vec<Task>;
        fn accept_plan(&self, plan: &AcceptedPlan) -> ();
        fn plan(&self, week: &str) -> Option<AcceptedPlan>;
        fn planned_weeks(&self) -> Vec<String>;
        fn save_adjustment(&self, week: &str, adjustment: &str) -> ();
        fn adjustment(&self, week: &str) -> Option<String>;
        fn add_inbox_item(&self, item: &InboxItem) -> InboxItem;
        fn update_inbox_item(&self, item: &InboxItem) -> ();
        fn inbox(&self) -> Vec<InboxItem>;
    }
    RitualStore {
        fn save_entry(&self, entry: &Entry) -> ();
        fn entries(&self, key: &OwnerKey, ritual: Ritual) -> Vec<Entry>;
    }
    PeopleStore {
        fn add_person(&self, person: &Person) -> Person;
        fn update_person(&self, person: &Person) -> ();
        fn people(&self) -> Vec<Person>;
        fn person(&self, id: i64) -> Option<Person>;
        fn person_file(&self, id: i64) -> PersonFile;
        fn person_records(&self, id: i64) -> PersonRecords;
        fn delete_person(&self, id: i64) -> PersonRecords;
        fn add_observation(&self, o: &Observation) -> Observation;
        fn observations(&self) -> Vec<Observation>;
        fn log_one_on_one(&self, note: &OneOnOneNote, discussed: &[i64], new_items: &[Item]) -> OneOnOneNote;
        fn update_note(&self, note: &OneOnOneNote) -> ();
        fn notes(&self) -> Vec<OneOnOneNote>;
        fn add_item(&self, item: &Item) -> Item;
        fn update_item(&self, item: &Item) -> ();
        fn item(&self, id: i64) -> Option<Item>;
        fn items(&self) -> Vec<Item>;
        fn add_feedback(&self, f: &Feedback) -> Feedback;
        fn update_feedback(&self, f: &Feedback) -> ();
        fn feedback_item(&self, id: i64) -> Option<Feedback>;
        fn feedback(&self) -> Vec<Feedback>;
        fn add_delegation(&self, d: &Delegation) -> Delegation;
        fn update_delegation(&self, d: &Delegation) -> ();
        fn delegation(&self, id: i64) -> Option<Delegation>;
        fn delegations(&self) -> Vec<Delegation>;
        fn add_interaction(&self, i: &Interaction) -> Interaction;
        fn interactions(&self) -> Vec<Interaction>;
        fn add_commitment(&self, c: &Commitment) -> Commitment;
        fn update_commitment(&self, c: &Commitment) -> ();
        fn commitments(&self) -> Vec<Commitment>;
        fn add_prep(&self, p: &Prep) -> Prep;
        fn update_prep(&self, p: &Prep) -> ();
        fn preps(&self) -> Vec<Prep>;
        fn add_onboarding_steps(&self, steps: &[Step]) -> Vec<Step>;
        fn update_onboarding_step(&self, step: &Step) -> ();
        fn onboarding_steps(&self) -> Vec<Step>;
    }
    PrivateStore {
        fn set_private_notes(&self, key: &OwnerKey, of: PrivateOf, text: Option<&str>) -> ();
        fn private_notes(&self, key: &OwnerKey, person: Option<i64>) -> PrivateNotes;
    }
    TimeStore {
        fn add_manual_entry(&self, entry: &NewManualEntry) -> ManualEntry;
        fn update_manual_entry(&self, entry: &ManualEntry) -> ();
        fn delete_manual_entry(&self, id: i64) -> ManualEntry;
        fn manual_entry(&self, id: i64) -> ManualEntry;
        fn manual_entries_between(&self, from: i64, to: i64) -> Vec<ManualEntry>;
        fn running_timer(&self) -> Option<ManualEntry>;
    }
    CoachStore {
        fn verdicts(&self) -> Vec<Verdict>;
        fn add_verdict(&self, verdict: &Verdict) -> ();
        fn remove_verdicts(&self, insight_id: &str) -> u64;
        fn phases(&self) -> Vec<Phase>;
        fn add_phase(&self, phase: &Phase) -> Phase;
        fn delete_phase(&self, id: i64) -> Phase;
        fn habits(&self) -> Vec<Habit>;
        fn add_habit(&self, habit: &Habit) -> Habit;
        fn update_habit(&self, habit: &Habit) -> ();
    }
    RecordStore {
        fn raw_records(&self, kind: &'static str, filter: &Filter) -> Vec<RawRecord>;
        fn raw_record(&self, kind: &'static str, id: i64) -> Option<RawRecord>;
        fn count_records(&self, kind: &'static str, filter: &Filter) -> u64;
        fn write_records(&self, changes: &[Change]) -> Vec<i64>;
    }
    BackupStore {
        fn export_tables(&self) -> Vec<TableDump>;
        fn import_tables(&self, dumps: &[TableDump]) -> u64;
        fn schema_tables(&self) -> Vec<String>;
    }
}

//! Fulcrum writes stores only where it should: only `init`, `demo` and the imports create one,
//! files that are not Fulcrum stores are refused untouched, and a read-only store is read.

mod common;
use common::*;
use sqlx::Connection;
use std::path::{Path, PathBuf};

const NOW: &str = "2026-03-04T16:30:00Z";

/// Every command that reads or changes a store but does not create one.
const NOT_CREATING: &[&[&str]] = &[
    &["task", "add", "probe"],
    &["task", "list"],
    &["report", "--week", "2026-W10"],
    &["sources"],
    &["refresh"],
    &["settings"],
    &["people", "list"],
    &["inbox", "list"],
    &["rituals"],
    &["review"],
    &["serve", "--addr", "127.0.0.1:0"],
];

fn run_with(db: &Path, args: &[&str]) -> Run {
    let env = Env::new();
    let mut c = env.bare_command();
    let out = c
        .env("FULCRUM_NOW", NOW)
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap();
    Run {
        ok: out.status.success(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs `args` against `db`, which must fail with `says` in its error.
#[track_caller]
fn refused(db: &Path, args: &[&str], says: &str) -> Run {
    let r = run_with(db, args).failure();
    assert!(r.stderr.contains(says), "{args:?}: {}", r.stderr);
    r
}

fn init_args() -> Vec<&'static str> {
    vec!["init", "--email", "me@example.com", "--tz", "Europe/Berlin"]
}

/// The files SQLite keeps beside a database, which a refused file must not get.
fn companions(path: &Path) -> Vec<PathBuf> {
    ["-wal", "-shm", "-journal"]
        .iter()
        .map(|s| {
            let mut p = path.as_os_str().to_owned();
            p.push(s);
            PathBuf::from(p)
        })
        .filter(|p| p.exists())
        .collect()
}

/// A database another program made: one table `foo`.
async fn other_programs_database(path: &Path) {
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true);
    let mut conn = sqlx::SqliteConnection::connect_with(&options)
        .await
        .unwrap();
    sqlx::raw_sql("CREATE TABLE foo (x); INSERT INTO foo VALUES ('theirs');")
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
}

#[tokio::test]
async fn another_programs_database_is_refused_and_left_as_it_was() {
    let env = Env::new();
    let db = env.path("other.db");
    other_programs_database(&db).await;
    let before = std::fs::read(&db).unwrap();
    let calendar = fixture("team.ics").display().to_string();
    let mut commands: Vec<Vec<&str>> = NOT_CREATING.iter().map(|c| c.to_vec()).collect();
    commands.push(init_args());
    commands.push(vec!["import", "calendar", &calendar]);
    commands.push(vec!["demo", "--today", "2026-03-04"]);
    for args in &commands {
        let says = format!(
            "{} is not a Fulcrum store: it is another program's SQLite database (it holds the table foo)",
            db.display()
        );
        let r = refused(&db, args, &says);
        assert!(r.stderr.contains("pass --db"), "{args:?}: {}", r.stderr);
        assert_eq!(std::fs::read(&db).unwrap(), before, "{args:?} changed it");
        assert_eq!(companions(&db), Vec::<PathBuf>::new(), "{args:?}");
    }
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_left_as_it_was() {
    let env = Env::new();
    let db = env.path("notes.txt");
    let text = "Monday: ask Sam about the migration plan.\n";
    std::fs::write(&db, text).unwrap();
    for args in [vec!["task", "add", "probe"], init_args()] {
        let says = format!(
            "{} is not a Fulcrum store: it is not an SQLite database",
            db.display()
        );
        refused(&db, &args, &says);
        assert_eq!(std::fs::read_to_string(&db).unwrap(), text);
        assert_eq!(companions(&db), Vec::<PathBuf>::new());
    }
}

#[test]
fn a_mistyped_db_creates_nothing() {
    let env = Env::new();
    let db = env.path("typo").join("nested").join("store.db");
    for args in NOT_CREATING {
        let says = format!(
            "no Fulcrum store at {}; create one with `fulcrum init --email",
            db.display()
        );
        let r = refused(&db, args, &says);
        r.says("FULCRUM_DB");
        assert!(!env.path("typo").exists(), "{args:?} made the folder");
    }
}

#[test]
fn init_and_the_imports_create_the_store_and_its_folders() {
    let env = Env::new();
    let db = env.path("a").join("b").join("store.db");
    run_with(&db, &init_args()).success();
    run_with(&db, &["task", "add", "write the design doc"]).success();
    let r = run_with(&db, &["task", "list", "--format", "json"]).success();
    r.shows("write the design doc");

    let calendar = fixture("team.ics").display().to_string();
    run_with(&db, &["import", "calendar", &calendar]).success();
    run_with(&db, &["sources"]).success();

    // An import makes its store too, then asks who the user is before it counts anything.
    let imported = env.path("c").join("store.db");
    let r = run_with(&imported, &["import", "calendar", &calendar]).failure();
    r.says("fulcrum init");
    assert!(!r.stderr.contains("no Fulcrum store"), "{}", r.stderr);
    assert!(imported.exists());
    run_with(&imported, &init_args()).success();
    run_with(&imported, &["import", "calendar", &calendar]).success();
}

#[test]
fn an_empty_file_is_a_store_to_create_not_one_to_read() {
    let env = Env::new();
    let db = env.path("empty.db");
    std::fs::write(&db, "").unwrap();
    let r = run_with(&db, &["task", "list"]).failure();
    r.says("no Fulcrum store at");
    assert_eq!(std::fs::metadata(&db).unwrap().len(), 0);
    run_with(&db, &init_args()).success();
    run_with(&db, &["task", "list"]).success();
}

#[cfg(unix)]
#[test]
fn a_read_only_store_is_read_and_changing_it_says_why_it_fails() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    if !fulcrum_store::testing::permissions_bind(env.dir.path()) {
        eprintln!("skipped: this user writes files whatever their mode");
        return;
    }
    let folder = env.path("shared");
    let db = folder.join("store.db");
    run_with(&db, &init_args()).success();
    run_with(&db, &["task", "add", "write the design doc"]).success();
    let before = std::fs::read(&db).unwrap();
    let mode = |p: &Path, m: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m));
    mode(&db, 0o444).unwrap();
    mode(&folder, 0o555).unwrap();
    let list = run_with(&db, &["task", "list", "--format", "json"]);
    let report = run_with(&db, &["report", "--week", "2026-W10"]);
    let add = run_with(&db, &["task", "add", "refused"]);
    mode(&folder, 0o755).unwrap();
    assert!(list.success().stdout.contains("write the design doc"));
    report.success();
    let add = add.failure();
    assert!(
        add.stderr
            .contains(&format!("the store at {} is read-only", db.display())),
        "{}",
        add.stderr
    );
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

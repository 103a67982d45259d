//! `fulcrum export` and `fulcrum import-backup`: a demo store written out, restored into an
//! empty store and written out again gives the same bytes; the move goes through PostgreSQL
//! and back without loss; bad backups and full stores are refused by name, changing nothing.

mod common;

use common::{Env, Run, items};
use fulcrum_store::testing::TestDatabase;

const TODAY: &str = "2026-03-04";

fn demo(env: &Env) {
    env.run(&["demo", "--today", TODAY, "--format", "json"])
        .success();
}

fn export_to(env: &Env, db: &str, out: &str) -> Vec<u8> {
    let out = env.path(out);
    env.run_bare(&["--db", db, "export", "--out", out.to_str().unwrap()])
        .success();
    std::fs::read(out).unwrap()
}

fn import_into(env: &Env, db: &str, file: &str) -> Run {
    let file = env.path(file);
    env.run_bare(&["--db", db, "import-backup", file.to_str().unwrap()])
}

/// What a lead sees of a store, to compare two stores through the commands, not the tables.
fn views(env: &Env, db: &str) -> Vec<String> {
    [
        vec!["report", "--week", "2026-W09", "--format", "json"],
        vec!["people", "list", "--all", "--format", "json"],
        vec!["task", "list", "--format", "json"],
        vec!["sources", "--format", "json"],
    ]
    .iter()
    .map(|args| {
        let mut all = vec!["--db", db];
        all.extend(args);
        let mut c = env.bare_command();
        c.env("FULCRUM_NOW", format!("{TODAY}T18:00:00Z"));
        Run::from(c.args(&all).output().unwrap()).success().stdout
    })
    .collect()
}

#[test]
fn export_then_import_backup_then_export_is_byte_identical() {
    let env = Env::new();
    demo(&env);
    let first_db = env.db.to_str().unwrap().to_string();
    let first = export_to(&env, &first_db, "first.json");
    let document: serde_json::Value = serde_json::from_slice(&first).unwrap();
    assert_eq!(document["format"], "fulcrum-backup");
    assert_eq!(document["version"], 1);
    let events = items(&document["tables"])
        .find(|t| t["name"] == "events")
        .unwrap();
    assert!(events["rows"].as_array().unwrap().len() > 800);

    let copy = env.path("copy.db");
    let copy = copy.to_str().unwrap();
    let restored = import_into(&env, copy, "first.json").success();
    restored.shows("rows of 26 tables restored");
    let second = export_to(&env, copy, "second.json");
    assert!(first == second, "the second export differs from the first");
    assert_eq!(views(&env, &first_db), views(&env, copy));
}

#[test]
fn a_store_moves_to_postgres_and_back_without_loss() {
    let Some(pg) = TestDatabase::create() else {
        return;
    };
    let env = Env::new();
    demo(&env);
    let sqlite = env.db.to_str().unwrap().to_string();
    let first = export_to(&env, &sqlite, "first.json");
    import_into(&env, &pg.url, "first.json").success();
    assert_eq!(views(&env, &sqlite), views(&env, &pg.url));
    let from_pg = export_to(&env, &pg.url, "pg.json");
    assert!(
        first == from_pg,
        "PostgreSQL's export differs from SQLite's"
    );
    let back = env.path("back.db");
    let back = back.to_str().unwrap();
    import_into(&env, back, "pg.json").success();
    assert!(export_to(&env, back, "back.json") == first);
}

#[test]
fn a_backup_is_never_restored_over_data_and_bad_files_are_named() {
    let env = Env::in_zone("UTC");
    let db = env.db.to_str().unwrap().to_string();
    let before = export_to(&env, &db, "before.json");
    let refused = import_into(&env, &db, "before.json").failure();
    refused.says("only into an empty store");
    refused.says("settings");
    refused.says("pass --db with a new file");

    std::fs::write(
        env.path("notes.json"),
        "{\"format\": \"notes\", \"version\": 1, \"tables\": []}",
    )
    .unwrap();
    let empty = env.path("empty.db");
    let empty = empty.to_str().unwrap();
    let wrong = import_into(&env, empty, "notes.json").failure();
    wrong.says("notes.json");
    wrong.says("not \"fulcrum-backup\"");

    std::fs::write(
        env.path("broken.json"),
        "{\"format\": \"fulcrum-backup\",\n \"version\": 1, \"tables\": [",
    )
    .unwrap();
    let broken = import_into(&env, empty, "broken.json").failure();
    broken.says("broken.json: line 2");
    assert_eq!(
        export_to(&env, &db, "after.json"),
        before,
        "the store did not change"
    );
}

#[test]
fn the_demo_builds_into_postgres_as_into_a_file() {
    let Some(pg) = TestDatabase::create() else {
        return;
    };
    let env = Env::new();
    let demo_json = |db: &str| {
        env.run_bare(&["--db", db, "demo", "--today", TODAY, "--format", "json"])
            .success()
            .json()
    };
    let file = demo_json(env.db.to_str().unwrap());
    let first = demo_json(&pg.url);
    // Building again over an earlier demo in the same database starts from nothing.
    let again = demo_json(&pg.url);
    for key in ["this_week", "last_week", "commits", "occurrences"] {
        assert_eq!(first[key], file[key], "{key}");
        assert_eq!(again[key], file[key], "{key}");
    }
    // The sources differ only in where the demo's files are and when they were read.
    let (file_views, pg_views) = (views(&env, env.db.to_str().unwrap()), views(&env, &pg.url));
    assert_eq!(file_views[..3], pg_views[..3]);
}

//! An import killed at any moment (SIGKILL: no destructor, no rollback by the program) must
//! leave a store SQLite finds whole, holding each source either as its last complete import
//! or not at all; and importing again afterwards must give the report a store that never saw
//! a crash gives.
//!
//! The kill moments come from a seeded generator, as fractions of how long a complete import
//! takes on this machine, so they fall before, during and after the store's transaction
//! whatever the machine's speed. Nothing is asserted about time.
mod common;
use common::git::git_command;
use common::*;
use serde_json::Value;
use sqlx::Connection;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const NOW: &str = "2026-03-06T18:00:00Z";
/// Kills tried at most, alternating a calendar and a git import.
const ITERATIONS: usize = 12;
/// Stop starting new kills after this long, so two busy cores still finish in time.
const BUDGET: Duration = Duration::from_secs(20);

/// A 64-bit linear congruential generator (Knuth's MMIX constants): enough to spread kill
/// moments, and the same sequence on every run.
struct Lcg(u64);

impl Lcg {
    /// A fraction in [0, 1.25): some kills come after the import would have finished.
    fn fraction(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 40) as f64 / (1u64 << 24) as f64 * 1.25
    }
}

const TITLES: [&str; 6] = [
    "Standup",
    "1:1 Kim / me",
    "Design review",
    "Incident review",
    "Focus time",
    "Quarterly planning",
];

/// Single events in the calendar of `version`.
fn singles(version: usize) -> usize {
    800 + 100 * version
}
/// Weekly series in the calendar of `version`, each of `SERIES_COUNT` occurrences.
fn series(version: usize) -> usize {
    30 + 5 * version
}
const SERIES_COUNT: usize = 104;
/// Commits added before each git import in the loop.
const GIT_BATCH: usize = 300;

/// Occurrences a complete import of `version` stores: all of them lie in the import's
/// horizon (ten years back, one ahead) around `NOW`.
fn occurrences(version: usize) -> u64 {
    (singles(version) + series(version) * SERIES_COUNT) as u64
}

/// A calendar big enough that its import takes a while: meetings on working days from 2024
/// on, and weekly series of two years. Two versions, so a killed re-import has something
/// to replace.
fn calendar(version: usize) -> String {
    let mut s = String::from(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Fulcrum tests//crash safety//EN\r\n",
    );
    let event = |s: &mut String, uid: String, day: usize, hour: usize, title: &str, rrule: &str| {
        let date = jiff::civil::date(2024, 1, 1)
            .checked_add(jiff::Span::new().days(day as i64))
            .unwrap();
        let stamp = |h: usize, m: usize| {
            format!(
                "{:04}{:02}{:02}T{h:02}{m:02}00Z",
                date.year(),
                date.month(),
                date.day()
            )
        };
        let _ = write!(
            s,
            "BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20240101T000000Z\r\nDTSTART:{}\r\nDTEND:{}\r\n\
             {rrule}SUMMARY:{title}\r\nORGANIZER:mailto:kim@example.com\r\n\
             ATTENDEE;PARTSTAT=ACCEPTED:mailto:me@example.com\r\n\
             ATTENDEE;PARTSTAT=ACCEPTED:mailto:kim@example.com\r\nEND:VEVENT\r\n",
            stamp(hour, 0),
            stamp(hour, 45)
        );
    };
    for i in 0..singles(version) {
        // Working days only: five of every seven, two or three a day.
        let day = (i / 3) / 5 * 7 + (i / 3) % 5;
        let title = TITLES[(i * 7 + version) % TITLES.len()];
        event(
            &mut s,
            format!("single-{i}@crash"),
            day,
            8 + i % 3 * 3,
            title,
            "",
        );
    }
    for i in 0..series(version) {
        let rrule = format!("RRULE:FREQ=WEEKLY;COUNT={SERIES_COUNT}\r\n");
        let title = TITLES[i % TITLES.len()];
        event(
            &mut s,
            format!("series-{i}@crash"),
            i % 5,
            9 + i % 8,
            title,
            &rrule,
        );
    }
    s.push_str("END:VCALENDAR\r\n");
    s
}

/// Commits made in the repository so far, and how many of them are the user's.
struct Repo {
    path: PathBuf,
    made: usize,
    mine: u64,
}

impl Repo {
    fn new(dir: &Path) -> Repo {
        let path = dir.join("service");
        let out = git_command()
            .args(["init", "-q", "-b", "main"])
            .arg(&path)
            .output()
            .expect("git is installed");
        Run::from(out).success();
        Repo {
            path,
            made: 0,
            mine: 0,
        }
    }

    /// Adds `n` commits in one `git fast-import` (thousands in a blink, unlike `git commit`):
    /// two in three are the user's, on working hours of 2025 and early 2026.
    fn add(&mut self, n: usize) {
        let mut stream = String::new();
        for k in self.made..self.made + n {
            let email = if k % 3 == 2 {
                "kim@example.com"
            } else {
                "me@example.com"
            };
            // Forty a day, ten minutes apart from 09:00 UTC, day after day from 2025-01-06.
            let at = 1_736_121_600 + (k / 40) as i64 * 86_400 + 9 * 3600 + (k % 40) as i64 * 600;
            let message = format!("change {k}\n");
            let _ = write!(
                stream,
                "commit refs/heads/main\nauthor Someone <{email}> {at} +0000\n\
                 committer Someone <{email}> {at} +0000\ndata {}\n{message}",
                message.len()
            );
            if k == self.made && k > 0 {
                // Continue the branch the repository has (fast-import starts it afresh).
                stream.push_str("from refs/heads/main^0\n");
            }
            let _ = writeln!(
                stream,
                "M 644 inline file.txt\ndata {}\n{message}",
                message.len()
            );
            if email.starts_with("me@") {
                self.mine += 1;
            }
        }
        self.made += n;
        let mut child = git_command()
            .arg("-C")
            .arg(&self.path)
            .args(["fast-import", "--quiet"])
            .stdin(Stdio::piped())
            .spawn()
            .expect("git is installed");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stream.as_bytes())
            .unwrap();
        assert!(child.wait().unwrap().success(), "git fast-import failed");
    }
}

fn command(env: &Env, db: &Path) -> Command {
    let mut c = env.bare_command();
    c.arg("--db").arg(db).env("FULCRUM_NOW", NOW);
    c
}

fn run(env: &Env, db: &Path, args: &[&str]) -> Value {
    let out = command(env, db).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "fulcrum {args:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "fulcrum {args:?}: not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

fn init(env: &Env, db: &Path) {
    let out = command(env, db)
        .args(["init", "--email", "me@example.com", "--tz", "Europe/Berlin"])
        .output()
        .unwrap();
    Run::from(out).success();
}

/// `[calendar events, git commits]` the store holds, `None` for a source it does not know.
fn held(env: &Env, db: &Path) -> [Option<u64>; 2] {
    let sources = run(env, db, &["sources", "--format", "json"]);
    let mut held = [None, None];
    for s in sources.as_array().unwrap() {
        assert_eq!(s["last_ok"], true, "a source records a failed import: {s}");
        match s["kind"].as_str().unwrap() {
            "calendar-file" => held[0] = s["events"].as_u64(),
            "git" => held[1] = s["commits"].as_u64(),
            other => panic!("unexpected source kind {other}"),
        }
    }
    held
}

/// SQLite's own checks of the file: pages, indexes and foreign keys.
fn check_integrity(rt: &tokio::runtime::Runtime, db: &Path) {
    rt.block_on(async {
        let options = sqlx::sqlite::SqliteConnectOptions::new().filename(db);
        let mut conn = sqlx::sqlite::SqliteConnection::connect_with(&options)
            .await
            .expect("the store opens after a crash");
        let report: Vec<(String,)> = sqlx::query_as("PRAGMA integrity_check")
            .fetch_all(&mut conn)
            .await
            .unwrap();
        assert_eq!(report, [("ok".to_string(),)], "integrity_check");
        let broken = sqlx::query("PRAGMA foreign_key_check")
            .fetch_all(&mut conn)
            .await
            .unwrap();
        assert!(
            broken.is_empty(),
            "{} rows break a foreign key",
            broken.len()
        );
        conn.close().await.unwrap();
    });
}

fn report(env: &Env, db: &Path) -> Value {
    run(
        env,
        db,
        &[
            "report",
            "--format",
            "json",
            "--from",
            "2024-01-01",
            "--to",
            "2026-03-09",
        ],
    )
}

#[test]
fn an_import_killed_at_any_moment_leaves_a_whole_store() {
    let env = Env::new();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let ics = env.path("big.ics");
    let mut repo = Repo::new(env.dir.path());
    repo.add(3000);

    // How long complete imports take here: the scale of the kill moments. Git imports in the
    // loop are incremental (a few hundred new commits), so that is the one timed for git.
    let scratch = env.path("scratch.db");
    init(&env, &scratch);
    std::fs::write(&ics, calendar(0)).unwrap();
    let timed = |what: &str, source: &Path| {
        let started = Instant::now();
        run(
            &env,
            &scratch,
            &["import", what, source.to_str().unwrap(), "--format", "json"],
        );
        started.elapsed()
    };
    let calendar_span = timed("calendar", &ics);
    timed("git", &repo.path);
    repo.add(GIT_BATCH);
    let spans = [calendar_span, timed("git", &repo.path)];
    assert_eq!(
        held(&env, &scratch),
        [Some(occurrences(0)), Some(repo.mine)]
    );

    let db = env.db.clone();
    init(&env, &db);
    check_integrity(&rt, &db);
    let mut lcg = Lcg(0x5eed_f00d);
    let mut version = 0;
    let mut state = [None, None];
    // [calendar, git] imports killed, and finished before the kill.
    let (mut kills, mut completed) = ([0; 2], [0; 2]);
    let started = Instant::now();
    for i in 0..ITERATIONS {
        if started.elapsed() > BUDGET {
            break;
        }
        let git = i % 2 == 1;
        // What a complete import leaves; the store must hold that or what it held before.
        let complete = if git {
            repo.add(GIT_BATCH);
            repo.mine
        } else {
            version = 1 - version;
            std::fs::write(&ics, calendar(version)).unwrap();
            occurrences(version)
        };
        let source = if git { &repo.path } else { &ics };
        let mut child = command(&env, &db)
            .args(["import", if git { "git" } else { "calendar" }])
            .arg(source)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let wait = spans[usize::from(git)].mul_f64(lcg.fraction());
        std::thread::sleep(wait);
        // SIGKILL; an import that finished already is a zombie until waited for.
        child.kill().unwrap();
        let status = child.wait().unwrap();
        if status.success() {
            completed[usize::from(git)] += 1;
        } else {
            kills[usize::from(git)] += 1;
        }

        check_integrity(&rt, &db);
        let now = held(&env, &db);
        let k = usize::from(git);
        assert!(
            now[k] == state[k] || now[k] == Some(complete),
            "iteration {i} (killed after {wait:?}, {status}): the store holds {:?} where it held \
             {:?} and a complete import holds {complete}",
            now[k],
            state[k]
        );
        assert_eq!(
            now[1 - k],
            state[1 - k],
            "iteration {i} touched the other source"
        );
        if status.success() {
            assert_eq!(now[k], Some(complete), "iteration {i} finished");
        }
        state = now;
    }
    eprintln!(
        "[calendar, git]: {kills:?} killed, {completed:?} finished first, in {:?}; \
         complete imports take {spans:?}",
        started.elapsed()
    );

    for what in [
        ["calendar", ics.to_str().unwrap()],
        ["git", repo.path.to_str().unwrap()],
    ] {
        run(&env, &db, &["import", what[0], what[1], "--format", "json"]);
    }
    check_integrity(&rt, &db);
    assert_eq!(
        held(&env, &db),
        [Some(occurrences(version)), Some(repo.mine)]
    );

    // A store that only ever saw one complete import of the same data.
    let fresh = env.path("fresh.db");
    init(&env, &fresh);
    for what in [
        ["calendar", ics.to_str().unwrap()],
        ["git", repo.path.to_str().unwrap()],
    ] {
        run(
            &env,
            &fresh,
            &["import", what[0], what[1], "--format", "json"],
        );
    }
    let (survivor, clean) = (report(&env, &db), report(&env, &fresh));
    assert!(
        survivor["totals"]["minutes"].as_i64().unwrap() > 0,
        "the report counts the imported time: {}",
        survivor["totals"]
    );
    assert_eq!(
        survivor, clean,
        "the report after crashes is the report without"
    );
}

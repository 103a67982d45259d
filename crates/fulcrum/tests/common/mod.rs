//! Runs the real `fulcrum` binary against a private store in a temporary folder.
#![allow(dead_code)]

pub mod git;

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Priya Nair, one of the lead's reports, as [`Env::with_people`] takes her.
pub const PRIYA: (&str, &str, &str) = ("Priya Nair", "priya@example.com", "report");

pub struct Env {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
}

pub struct Run {
    pub ok: bool,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\nstderr: {}", self.stdout, self.stderr))
    }
    #[track_caller]
    pub fn success(self) -> Self {
        assert!(self.ok, "fulcrum failed:\n{}\n{}", self.stdout, self.stderr);
        self
    }
    #[track_caller]
    pub fn failure(self) -> Self {
        assert!(!self.ok, "fulcrum should have failed:\n{}", self.stdout);
        self
    }
    /// Asserts that standard error contains `text`, showing it if not.
    #[track_caller]
    pub fn says(&self, text: &str) -> &Self {
        assert!(self.stderr.contains(text), "{}", self.stderr);
        self
    }
    /// Asserts that standard output contains `text`, showing it if not.
    #[track_caller]
    pub fn shows(&self, text: &str) -> &Self {
        assert!(self.stdout.contains(text), "{}", self.stdout);
        self
    }
}

impl From<Output> for Run {
    fn from(out: Output) -> Run {
        Run {
            ok: out.status.success(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// Runs `c` with `input` on its standard input; `Err` when it cannot be started.
pub fn run_with_input(mut c: Command, input: &[u8]) -> std::io::Result<Run> {
    let mut child = c
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    child.stdin.take().unwrap().write_all(input).unwrap();
    Ok(child.wait_with_output().unwrap().into())
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

impl Env {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("store.db");
        Env { dir, db }
    }

    /// The binary with a private home, without `--db`.
    pub fn bare_command(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_fulcrum"));
        c.env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("HOME", self.dir.path())
            .env_remove("FULCRUM_DB")
            .env_remove("FULCRUM_RULES")
            .env("NO_COLOR", "1");
        c
    }

    pub fn command(&self) -> Command {
        let mut c = self.bare_command();
        c.arg("--db").arg(&self.db);
        c
    }

    /// Runs with `FULCRUM_NOW` fixed and, optionally, an editor; no editor otherwise.
    pub fn run_at(&self, now: &str, editor: Option<&str>, args: &[&str]) -> Run {
        let mut c = self.command();
        c.env("FULCRUM_NOW", now)
            .env_remove("VISUAL")
            .env_remove("EDITOR");
        if let Some(e) = editor {
            c.env("EDITOR", e);
        }
        c.args(args).output().unwrap().into()
    }

    /// The binary at the fixed time `now`, for a test that runs many commands at one moment.
    pub fn at<'a>(&'a self, now: &'a str) -> At<'a> {
        At { env: self, now }
    }

    /// Runs `args` with `--format json`; it must succeed. Returns what it printed.
    pub fn json(&self, args: &[&str]) -> Value {
        self.run(&with_json(args)).success().json()
    }

    pub fn run_bare(&self, args: &[&str]) -> Run {
        self.bare_command().args(args).output().unwrap().into()
    }

    /// `fulcrum calendar expand FILE ARGS…`
    pub fn expand(&self, file: &Path, args: &[&str]) -> Run {
        let mut all = vec!["calendar", "expand", file.to_str().unwrap()];
        all.extend_from_slice(args);
        self.run(&all)
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.command().args(args).output().unwrap().into()
    }

    /// A store set up in zone `tz`, as [`Env::init`] does.
    pub fn in_zone(tz: &str) -> Env {
        let env = Env::new();
        env.init(tz);
        env
    }

    pub fn init(&self, tz: &str) {
        self.run(&[
            "init",
            "--email",
            "me@example.com",
            "--email",
            "Me.Alt@Example.com",
            "--tz",
            tz,
        ])
        .success();
    }

    /// A store set up in zone `tz` (as [`Env::init`] does) with `people`, each a name, an
    /// e-mail and a relation, added at `now`.
    pub fn with_people(tz: &str, now: &str, people: &[(&str, &str, &str)]) -> Env {
        let env = Env::in_zone(tz);
        let at = env.at(now);
        for (name, email, relation) in people {
            at.add_person(name, email, relation, &[]).success();
        }
        env
    }

    /// A store set up in zone `tz` (as [`Env::init`] does) with the calendar fixture
    /// `name` imported.
    pub fn with_calendar(tz: &str, name: &str) -> Env {
        let env = Env::in_zone(tz);
        env.import_fixture(name);
        env
    }

    /// `fulcrum import calendar FILE`
    pub fn import_file(&self, file: &Path) -> Run {
        self.run(&["import", "calendar", file.to_str().unwrap()])
    }

    /// Imports the calendar fixture `name`; the import must succeed.
    pub fn import_fixture(&self, name: &str) {
        self.run(&["import", "calendar", fixture(name).to_str().unwrap()])
            .success();
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// A new, empty folder `name` in the test's directory.
    pub fn folder(&self, name: &str) -> PathBuf {
        let folder = self.path(name);
        std::fs::create_dir(&folder).unwrap();
        folder
    }

    pub fn report(&self, week: &str) -> Value {
        self.run(&["report", "--week", week, "--format", "json"])
            .success()
            .json()
    }
}

/// Commands run at one fixed time (`FULCRUM_NOW`), with no editor.
pub struct At<'a> {
    env: &'a Env,
    now: &'a str,
}

impl At<'_> {
    pub fn run(&self, args: &[&str]) -> Run {
        self.env.run_at(self.now, None, args)
    }

    /// Runs `args` with `--format json`; it must succeed. Returns what it printed.
    pub fn json(&self, args: &[&str]) -> Value {
        self.run(&with_json(args)).success().json()
    }

    /// `people add NAME --email EMAIL --relation RELATION EXTRA…`
    pub fn add_person(&self, name: &str, email: &str, relation: &str, extra: &[&str]) -> Run {
        let mut args = vec![
            "people",
            "add",
            name,
            "--email",
            email,
            "--relation",
            relation,
        ];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    /// The coach's insights of rule `rule`, from `fulcrum insights`.
    pub fn insights_of(&self, rule: &str) -> Vec<Value> {
        items(&self.json(&["insights"])["insights"])
            .filter(|i| i["rule"] == rule)
            .cloned()
            .collect()
    }

    /// Runs `args`; it must succeed. Returns its standard output.
    pub fn stdout(&self, args: &[&str]) -> String {
        self.run(args).success().stdout
    }
}

/// `args` followed by `--format json`.
pub fn with_json<'a>(args: &[&'a str]) -> Vec<&'a str> {
    let mut all = args.to_vec();
    all.extend_from_slice(&["--format", "json"]);
    all
}

/// The text of the fixture file `name`.
pub fn fixture_text(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).unwrap()
}

pub fn category_minutes(report: &Value, category: &str) -> i64 {
    report["categories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["category"] == category)
        .unwrap_or_else(|| panic!("no category {category}"))["minutes"]
        .as_i64()
        .unwrap()
}

/// The elements of the JSON array `list`.
pub fn items(list: &Value) -> std::slice::Iter<'_, Value> {
    list.as_array()
        .unwrap_or_else(|| panic!("not an array: {list}"))
        .iter()
}

/// The text field `field` of each object in the JSON array `list`.
pub fn texts<'a>(list: &'a Value, field: &str) -> Vec<&'a str> {
    items(list).map(|x| x[field].as_str().unwrap()).collect()
}

/// The text fields `a` and `b` of each object in the JSON array `list`, as pairs.
pub fn text_pairs(list: &Value, a: &str, b: &str) -> Vec<(String, String)> {
    texts(list, a)
        .into_iter()
        .zip(texts(list, b))
        .map(|(x, y)| (x.to_string(), y.to_string()))
        .collect()
}

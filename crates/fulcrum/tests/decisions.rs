//! Decisions through the binary: folders in each layout teams keep (MADR 4 and 3 with front
//! matter, MADR 2 bullets, Nygard / adr-tools, log4brains) read and written back byte for byte
//! when unchanged — with CRLF line endings, a missing trailing newline and titles outside ASCII
//! — files that are not records left alone, a superseding chain kept consistent on both files,
//! new records in the folder's layout, and the index.

mod common;
use common::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

const NOW: &str = "2026-03-04T12:00:00Z";

const MADR4: &str = "---\nstatus: accepted\ndate: 2025-11-03\ndecision-makers: Ana Ortiz, Sam Okafor\nconsulted: [Priya Nair]\n---\n\n# Use event sourcing for the ledger\n\n## Context and Problem Statement\n\nBalances must be explainable to auditors.\n\n## Considered Options\n\n* Event sourcing\n* A balance table with an audit log\n\n## Decision Outcome\n\nChosen option: \"Event sourcing\", because every balance can be replayed.\n\n### Consequences\n\n* Good, because audits replay history\n* Bad, because projections must be rebuilt\n";

const MADR3: &str = "---\r\nstatus: proposed\r\ndate: 2025-12-01\r\ndeciders: Ana Ortiz\r\n---\r\n# Réécrire le cache en Rust\r\n\r\n## Context and Problem Statement\r\n\r\nLe cache actuel perd des entrées sous charge.\r\n\r\n## Decision Outcome\r\n\r\nChosen option: \"Rust\", because it is what the team knows.\r\n";

const MADR2: &str = "# Use Markdown Architectural Decision Records\n\n* Status: accepted\n* Deciders: Ana Ortiz, Lars Berg\n* Date: 2024-05-02\n\n## Context and Problem Statement\n\nWe want to record decisions.\n\n## Considered Options\n\n* MADR 2.1.2\n* Plain text\n\n## Decision Outcome\n\nChosen option: \"MADR 2.1.2\", because it is lean.";

const NYGARD_1: &str = "# 1. Record architecture decisions\n\nDate: 2024-01-10\n\n## Status\n\nAccepted\n\n## Context\n\nWe need to record the architectural decisions made on this project.\n\n## Decision\n\nWe will use Architecture Decision Records.\n\n## Consequences\n\nSee Michael Nygard's article.\n";

const NYGARD_2: &str = "# 2. 日本語のタイトル\n\nDate: 2024-02-01\n\n## Status\n\nAccepted\n\n## Context\n\nWe need a database.\n\n## Decision\n\nPostgreSQL.\n\n## Consequences\n\nOps learn it.\n";

const LOG4BRAINS: &str = "# Use log4brains to manage the ADRs\n\n- Status: accepted\n- Date: 2021-02-03\n\n## Context and Problem Statement\n\nWe want a knowledge base.\n\n## Decision Outcome\n\nChosen option: \"log4brains\".\n";

fn env() -> Env {
    let env = Env::new();
    env.init("Europe/Berlin");
    env
}

/// Writes `files` into a new folder `name` and returns it.
fn folder(env: &Env, name: &str, files: &[(&str, &str)]) -> std::path::PathBuf {
    let dir = env.folder(name);
    for (file, text) in files {
        std::fs::write(dir.join(file), text).unwrap();
    }
    dir
}

/// Every file of a folder, by name, as bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect()
}

fn list(env: &Env) -> Vec<Value> {
    env.at(NOW).json(&["decisions", "list"])["decisions"]
        .as_array()
        .unwrap()
        .clone()
}

fn by_number(list: &[Value], n: u64) -> &Value {
    list.iter()
        .find(|d| d["number"].as_u64() == Some(n))
        .unwrap_or_else(|| panic!("no decision {n} in {list:?}"))
}

#[test]
fn every_layout_is_read_and_written_back_byte_for_byte() {
    // A folder's name, its files (name, text), and the layout it is read as.
    type Case<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a str);
    let cases: &[Case] = &[
        (
            "madr4",
            &[("0001-use-event-sourcing-for-the-ledger.md", MADR4)],
            "madr-4",
        ),
        ("madr3", &[("0001-reecrire-le-cache.md", MADR3)], "madr-3"),
        (
            "madr2",
            &[("0001-use-markdown-architectural-decision-records.md", MADR2)],
            "madr-2",
        ),
        (
            "nygard",
            &[
                ("0001-record-architecture-decisions.md", NYGARD_1),
                ("0002-japanese-title.md", NYGARD_2),
            ],
            "nygard",
        ),
        (
            "log4brains",
            &[("20210203-use-log4brains.md", LOG4BRAINS)],
            "log4brains",
        ),
    ];
    for (name, files, format) in cases {
        let env = env();
        let mut files = files.to_vec();
        files.push(("README.md", "# Decisions\n\nThe index.\n"));
        files.push((
            "template.md",
            "# [short title of solved problem]\n\n## Context\n",
        ));
        let dir = folder(&env, name, &files);
        let before = snapshot(&dir);
        let cli = env.at(NOW);
        let imported = cli.json(&["decisions", "import", dir.to_str().unwrap()]);
        assert_eq!(imported["format"], *format, "{name}: {imported}");
        assert_eq!(
            imported["added"].as_u64(),
            Some(files.len() as u64 - 2),
            "{name}"
        );
        let skipped: Vec<&str> = texts(&imported["skipped"], "file");
        assert_eq!(
            skipped,
            ["README.md", "template.md"],
            "{name}: files that are not records are named"
        );

        let exported = cli.json(&["decisions", "export", dir.to_str().unwrap()]);
        assert_eq!(
            exported["written"].as_array().unwrap().len(),
            0,
            "{name}: {exported}"
        );
        assert_eq!(
            snapshot(&dir),
            before,
            "{name}: an unchanged folder is not rewritten"
        );

        // Into a fresh folder: every record's bytes are its file's.
        let copy = env.path(&format!("{name}-copy"));
        cli.json(&["decisions", "export", copy.to_str().unwrap()]);
        for (file, text) in files
            .iter()
            .filter(|(f, _)| !f.starts_with("README") && !f.starts_with("template"))
        {
            let written =
                std::fs::read(copy.join(file)).unwrap_or_else(|e| panic!("{name}: {file}: {e}"));
            assert_eq!(written, text.as_bytes(), "{name}: {file} is byte for byte");
        }
        // Re-reading changes nothing.
        let again = cli.json(&["decisions", "import", dir.to_str().unwrap()]);
        assert_eq!(
            (again["added"].as_u64(), again["updated"].as_u64()),
            (Some(0), Some(0)),
            "{name}"
        );
    }
}

#[test]
fn the_fields_of_each_layout_are_read() {
    let env = env();
    let dir = folder(
        &env,
        "adr",
        &[
            ("0001-use-event-sourcing-for-the-ledger.md", MADR4),
            ("0002-reecrire-le-cache.md", MADR3),
        ],
    );
    let cli = env.at(NOW);
    cli.json(&["decisions", "import", dir.to_str().unwrap()]);
    let one = cli.json(&["decisions", "show", "1"]);
    assert_eq!(one["title"], "Use event sourcing for the ledger");
    assert_eq!(one["status"], "accepted");
    assert_eq!(one["date"], "2025-11-03");
    assert_eq!(
        one["decision"]["deciders"],
        serde_json::json!(["Ana Ortiz", "Sam Okafor"])
    );
    assert_eq!(
        one["decision"]["consulted"],
        serde_json::json!(["Priya Nair"])
    );
    assert_eq!(one["decision"]["options"].as_array().unwrap().len(), 2);
    let two = cli.json(&["decisions", "show", "2"]);
    assert_eq!(two["title"], "Réécrire le cache en Rust");
    assert_eq!(two["status"], "proposed");
    // Proposed on 2025-12-01, more than four weeks before today: flagged.
    assert_eq!(by_number(&list(&env), 2)["stale"], true);
    assert_eq!(by_number(&list(&env), 1)["stale"], false);
}

#[test]
fn superseding_keeps_both_files_consistent_and_new_records_take_the_folder_layout() {
    let env = env();
    let dir = folder(
        &env,
        "doc-adr",
        &[
            ("0001-record-architecture-decisions.md", NYGARD_1),
            ("0002-japanese-title.md", NYGARD_2),
        ],
    );
    let cli = env.at(NOW);
    cli.json(&["decisions", "import", dir.to_str().unwrap()]);
    let new = cli.json(&[
        "decisions",
        "new",
        "Use CockroachDB for the ledger",
        "--context",
        "One region is not enough.",
    ]);
    assert_eq!(new["number"], 3);
    assert_eq!(new["status"], "proposed");
    let line = cli.json(&["decisions", "supersede", "2", "--by", "3"]);
    assert_eq!(line["status"], "superseded");
    assert_eq!(line["superseded_by"], serde_json::json!([3]));
    let all = list(&env);
    assert_eq!(by_number(&all, 3)["supersedes"], serde_json::json!([2]));

    let out = cli.json(&["decisions", "export"]);
    let written: Vec<&str> = out["written"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(
        written,
        [
            "0002-japanese-title.md",
            "0003-use-cockroachdb-for-the-ledger.md"
        ]
    );
    let old = std::fs::read_to_string(dir.join("0002-japanese-title.md")).unwrap();
    assert!(old.contains("Superceded by [3. Use CockroachDB for the ledger](0003-use-cockroachdb-for-the-ledger.md)"), "{old}");
    assert!(old.starts_with("# 2. 日本語のタイトル\n"), "{old}");
    let new = std::fs::read_to_string(dir.join("0003-use-cockroachdb-for-the-ledger.md")).unwrap();
    assert!(
        new.starts_with("# 3. Use CockroachDB for the ledger\n"),
        "a new record in the folder's (Nygard) layout: {new}"
    );
    assert!(
        new.contains("Supercedes [2. 日本語のタイトル](0002-japanese-title.md)"),
        "{new}"
    );
    // The untouched one stays byte for byte.
    assert_eq!(
        std::fs::read_to_string(dir.join("0001-record-architecture-decisions.md")).unwrap(),
        NYGARD_1
    );

    // A fresh store reading the written folder sees the same chain.
    let other = Env::new();
    other.init("Europe/Berlin");
    other
        .at(NOW)
        .json(&["decisions", "import", dir.to_str().unwrap()]);
    let read = list(&other);
    assert_eq!(by_number(&read, 2)["superseded_by"], serde_json::json!([3]));
    assert_eq!(by_number(&read, 2)["status"], "superseded");
    assert_eq!(by_number(&read, 3)["supersedes"], serde_json::json!([2]));

    // The index marks the superseded record.
    let index = cli.stdout(&["decisions", "list", "--format", "markdown"]);
    assert!(
        index.contains(
            "| 0002 | ~~[日本語のタイトル](0002-japanese-title.md)~~ | superseded by 0003 |"
        ),
        "{index}"
    );
    let superseded = cli.json(&["decisions", "list", "--status", "superseded"]);
    assert_eq!(superseded["decisions"].as_array().unwrap().len(), 1);
}

#[test]
fn a_changed_record_keeps_its_line_endings() {
    let env = env();
    let dir = folder(&env, "adr", &[("0001-reecrire-le-cache.md", MADR3)]);
    let cli = env.at(NOW);
    cli.json(&["decisions", "import", dir.to_str().unwrap()]);
    cli.json(&["decisions", "status", "1", "accepted"]);
    cli.json(&["decisions", "export"]);
    let text = std::fs::read_to_string(dir.join("0001-reecrire-le-cache.md")).unwrap();
    assert!(text.contains("status: accepted\r\n"), "{text:?}");
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "every line ends in CRLF: {text:?}"
    );
    assert!(text.contains("Réécrire le cache en Rust"));
}

/// A folder a documentation site publishes: the title in the front matter, numbered names with
/// a prefix, a metadata table, a numbered template and the site's index.
const SITE: [(&str, &str); 4] = [
    (
        "adr000-template.md",
        "---\nid: adrs-adr000\ntitle: ADR000: [TITLE]\n---\n\n## Context\n\n## Decision\n",
    ),
    (
        "adr002-catalog-file-format.md",
        "---\nid: adrs-adr002\ntitle: ADR002: Catalog file format\nsidebar_label: ADR002\n---\n\n| Created    | Status |\n| ---------- | ------ |\n| 2020-05-17 | Open   |\n\n## Context\n\nEntities need one file format.\n\n## Decision\n\nYAML, one entity per document.\n",
    ),
    (
        "adr013-use-fetch.md",
        "---\nid: adrs-adr013\ntitle: 'ADR013: One way to fetch'\n# prettier-ignore\ndescription: Which HTTP client each kind of package uses.\n---\n\n## Context\n\nThree HTTP clients.\n\n## Decision\n\nThe platform's fetch.\n",
    ),
    (
        "index.md",
        "---\nid: adrs-overview\ntitle: Architecture Decision Records\n---\n\nThe decisions of the project.\n",
    ),
];

#[test]
fn a_documentation_site_s_records_are_read_and_new_ones_named_as_its_own() {
    let env = env();
    let dir = folder(&env, "architecture-decisions", &SITE);
    let before = snapshot(&dir);
    let cli = env.at(NOW);
    let out = cli.json(&["decisions", "import", dir.to_str().unwrap()]);
    let skipped: Vec<&str> = out["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["file"].as_str().unwrap())
        .collect();
    assert_eq!(skipped, ["adr000-template.md", "index.md"], "{out}");
    let all = list(&env);
    assert_eq!(all.len(), 2, "{all:?}");
    let two = by_number(&all, 2);
    assert_eq!(two["title"], "Catalog file format");
    assert_eq!(two["status"], "proposed");
    assert_eq!(two["date"], "2020-05-17");
    assert_eq!(by_number(&all, 13)["title"], "One way to fetch");

    cli.json(&["decisions", "export"]);
    assert_eq!(snapshot(&dir), before, "nothing changed, nothing written");

    cli.json(&["decisions", "status", "2", "accepted"]);
    cli.json(&["decisions", "new", "Use pnpm workspaces"]);
    cli.json(&["decisions", "export"]);
    let new = std::fs::read_to_string(dir.join("adr014-use-pnpm-workspaces.md"))
        .expect("the new record is named as the folder names its own");
    assert!(new.contains("# Use pnpm workspaces\n"), "{new}");
    let two = std::fs::read_to_string(dir.join("adr002-catalog-file-format.md")).unwrap();
    assert!(
        two.starts_with("---\nstatus: accepted\ndate: 2020-05-17\nid: adrs-adr002\n"),
        "{two}"
    );
    assert!(two.contains("\n# Catalog file format\n"), "{two}");
    assert_eq!(
        std::fs::read(dir.join("adr013-use-fetch.md")).unwrap(),
        before["adr013-use-fetch.md"],
        "an unchanged record stays byte for byte"
    );
}

#[test]
fn a_repository_s_root_stands_for_its_folder_of_records() {
    let env = env();
    let repo = env.folder("repo");
    std::fs::write(repo.join("README.md"), "# The project\n\nHello.\n").unwrap();
    let adr = repo.join("docs/adr");
    std::fs::create_dir_all(&adr).unwrap();
    std::fs::write(adr.join("0001-record-architecture-decisions.md"), NYGARD_1).unwrap();
    let cli = env.at(NOW);
    let out = cli.json(&["decisions", "import", repo.to_str().unwrap()]);
    let folder = adr.canonicalize().unwrap();
    assert_eq!(out["folder"], folder.to_str().unwrap(), "{out}");
    assert_eq!(out["added"], 1, "{out}");
    cli.json(&["decisions", "new", "Use PostgreSQL"]);
    cli.json(&["decisions", "export", repo.to_str().unwrap()]);
    assert!(adr.join("0002-use-postgresql.md").is_file());
    assert!(!repo.join("0002-use-postgresql.md").exists());

    // Two conventional folders holding records: the root is not guessed at.
    let both = env.folder("both");
    for sub in ["docs/adr", "adr"] {
        std::fs::create_dir_all(both.join(sub)).unwrap();
        std::fs::write(
            both.join(sub).join("0009-use-y.md"),
            NYGARD_1.replace("# 1.", "# 9."),
        )
        .unwrap();
    }
    let out = cli.json(&["decisions", "import", both.to_str().unwrap()]);
    assert_eq!(
        out["folder"],
        both.canonicalize().unwrap().to_str().unwrap()
    );
    assert_eq!(out["added"], 0, "{out}");

    // adr-tools' `.adr-dir` names the folder, wherever it is.
    let other = env.folder("other");
    let named = other.join("architecture/records");
    std::fs::create_dir_all(&named).unwrap();
    std::fs::write(
        named.join("0007-use-x.md"),
        NYGARD_2.replace("# 2.", "# 7."),
    )
    .unwrap();
    std::fs::write(other.join(".adr-dir"), "architecture/records\n").unwrap();
    let out = cli.json(&["decisions", "import", other.to_str().unwrap()]);
    assert_eq!(
        out["folder"],
        named.canonicalize().unwrap().to_str().unwrap()
    );
    assert_eq!(out["added"], 1, "{out}");
    // A `.adr-dir` naming a folder that is not there is an error naming it.
    std::fs::write(other.join(".adr-dir"), "gone\n").unwrap();
    cli.run(&["decisions", "import", other.to_str().unwrap()])
        .failure()
        .says("gone");
}

#[test]
fn a_new_log_goes_to_docs_decisions_in_madr_4() {
    let env = env();
    let cli = env.at(NOW);
    cli.json(&[
        "decisions",
        "new",
        "Use PostgreSQL",
        "--decider",
        "Ana Ortiz",
        "--option",
        "PostgreSQL",
        "--option",
        "MySQL",
    ]);
    let out = env
        .command()
        .current_dir(env.dir.path())
        .env("FULCRUM_NOW", NOW)
        .args(["decisions", "export", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let file = env.path("docs/decisions/0001-use-postgresql.md");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.starts_with(
            "---\nstatus: proposed\ndate: 2026-03-04\ndecision-makers: Ana Ortiz\n---\n"
        ),
        "{text}"
    );
    assert!(text.contains("# Use PostgreSQL\n"), "{text}");
    assert!(text.contains("## Considered Options"), "{text}");
}

#[test]
fn what_cannot_be_done_is_refused_clearly_and_nothing_is_kept() {
    let env = env();
    let dir = folder(
        &env,
        "adr",
        &[("0001-record-architecture-decisions.md", NYGARD_1)],
    );
    let cli = env.at(NOW);
    cli.json(&["decisions", "import", dir.to_str().unwrap()]);
    cli.run(&["decisions", "show", "9"])
        .failure()
        .says("there is no decision 9");
    cli.run(&["decisions", "supersede", "1", "--by", "1"])
        .failure()
        .says("cannot supersede itself");
    cli.run(&["decisions", "status", "1", "superseded"])
        .failure()
        .says("decisions supersede 1 --by");
    cli.run(&["decisions", "status", "1", "maybe"])
        .failure()
        .says("proposed, accepted, rejected");
    cli.run(&["decisions", "import", env.path("nowhere").to_str().unwrap()])
        .failure()
        .says("nowhere");
    // A second folder that uses the same numbers would mix two logs.
    let other = folder(
        &env,
        "other",
        &[("0001-use-event-sourcing-for-the-ledger.md", MADR4)],
    );
    cli.run(&["decisions", "import", other.to_str().unwrap()])
        .failure()
        .says("one decision log");
    assert_eq!(list(&env).len(), 1);
    assert_eq!(by_number(&list(&env), 1)["status"], "accepted");
}

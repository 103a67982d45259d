use super::*;
use jiff::civil::date;
use proptest::prelude::*;

const MADR4_NAME: &str = "0003-use-postgresql-for-the-event-store.md";
const MADR4: &str = r#"---
status: accepted
date: 2024-05-13
decision-makers: Ana Souza, "Ben Okafor"
consulted: [Chen Wei, 'Dana Ivanova']
informed:
  - Platform team
  - Support
---

# Use PostgreSQL for the event store

## Context and Problem Statement

The event store outgrew SQLite: three services now write to it at once, and
writers wait on each other's locks. Which database should hold the events?

## Decision Drivers

* Concurrent writers from several services
* The operations team already runs PostgreSQL

## Considered Options

* PostgreSQL
* SQLite with WAL
* EventStoreDB

## Decision Outcome

Chosen option: "PostgreSQL", because it is the only option that meets the
concurrency driver, and the team already operates it.

### Consequences

* Good, because backups use the existing tooling
* Bad, because local development needs a container

### Confirmation

The integration suite runs against PostgreSQL in CI.

## Pros and Cons of the Options

### PostgreSQL

Managed by the platform team.

* Good, because row-level locking lets writers proceed in parallel
* Neutral, because it is one more service to run locally
* Bad, because it is heavier than SQLite

### SQLite with WAL

* Good, because there is no server
* Bad, because there is one writer at a time

## More Information

Revisit when the event volume passes 10k events per second.
"#;

const MADR3_NAME: &str = "0002-record-decisions-in-madr.md";
const MADR3: &str = r#"---
# These are optional elements. Feel free to remove any of them.
status: proposed
date: 2023-01-10
deciders: Oliver Kopp, Olaf Zimmermann
consulted: []
---
# Record decisions in MADR

## Context and Problem Statement

We want to record the decisions made in this project, whether they concern the
architecture, the code, or other fields. Which format should the records follow?

<!-- This is an optional element. Feel free to remove. -->
## Decision Drivers

* Lightweight
* Readable in a plain text editor

## Considered Options

* [MADR](https://adr.github.io/madr/) 3.0.0 – The Markdown Architectural Decision Records
* [Michael Nygard's template](http://thinkrelevance.com/blog/2011/11/15/documenting-architecture-decisions) – The first incarnation of the term "ADR"
* Formless – No conventions for file format and structure

## Decision Outcome

Chosen option: "MADR 3.0.0", because

* Implicit assumptions should be made explicit.
* The MADR format is lean and fits our development style.

<!-- This is an optional element. Feel free to remove. -->
### Consequences

* Good, because the records are versioned with the code
* Bad, because contributors have to learn the format

<!-- This is an optional element. Feel free to remove. -->
## Validation

Reviewers check that every pull request changing the architecture adds a record.
"#;

const MADR2_NAME: &str = "0001-use-markdown-architectural-decision-records.md";
const MADR2: &str = r#"# Use Markdown Architectural Decision Records

* Status: superseded by [ADR-0007](0007-use-madr-4.md)
* Deciders: Oliver Kopp, Olaf Zimmermann
* Date: 2017-12-07

Technical Story: [#42](https://github.com/example/shop/issues/42)

## Context and Problem Statement

We want to record architectural decisions made in this project.
Which format and structure should these records follow?

## Considered Options

* MADR 2.1.2
* Michael Nygard's template
* Formless

## Decision Outcome

Chosen option: "MADR 2.1.2", because it is lean and fits our development style.

### Positive Consequences

* Implicit assumptions are made explicit
* New members learn why the system looks the way it does

### Negative Consequences

* Every decision takes a file to write

## Pros and Cons of the Options

### MADR 2.1.2

* Good, because it is lean
* Bad, because it is young

### Formless

* Good, because there is nothing to learn
* Bad, because records are hard to compare

## Links

* Refined by [ADR-0005](0005-use-lowercase-file-names.md)
* Relates to ADR-0003
"#;

const NYGARD1_NAME: &str = "0001-record-architecture-decisions.md";
const NYGARD1: &str = "# 1. Record architecture decisions

Date: 2018-03-04

## Status

Accepted

## Context

We need to record the architectural decisions made on this project.

## Decision

We will use Architecture Decision Records, as [described by Michael Nygard](http://thinkrelevance.com/blog/2011/11/15/documenting-architecture-decisions).

## Consequences

See Michael Nygard's article, linked above. For a lightweight ADR toolset, see Nat Pryce's [adr-tools](https://github.com/npryce/adr-tools).
";

const NYGARD2_NAME: &str = "0002-use-rabbitmq-for-events.md";
const NYGARD2: &str = "# 2. Use RabbitMQ for events

Date: 2018-03-12

## Status

Superceded by [3. Use Kafka for events](0003-use-kafka-for-events.md)

## Context

Services need to publish domain events without knowing who consumes them.

## Decision

We will publish events on a RabbitMQ topic exchange.

## Consequences

Operations must run a RabbitMQ cluster.
";

const NYGARD3_NAME: &str = "0003-use-kafka-for-events.md";
const NYGARD3: &str = "# 3. Use Kafka for events

Date: 2019-06-01

## Status

Accepted

Supercedes [2. Use RabbitMQ for events](0002-use-rabbitmq-for-events.md)

Amended by [4. Keep events for 30 days](0004-keep-events-for-30-days.md)

## Context

Consumers need to replay events from the start, which RabbitMQ does not keep.

## Decision

We will move the events to Kafka, one topic per aggregate:

```sh
# one topic per aggregate
kafka-topics --create --topic orders
## not a heading: this is inside a code block
```

## Consequences

The RabbitMQ cluster can be retired once the last consumer moved.
";

const L4B_WIKI_NAME: &str = "20210203-keep-decisions-in-the-wiki.md";
const L4B_WIKI: &str = "# Keep decisions in the wiki

- Status: superseded by [20210310-use-log4brains-to-manage-the-adrs](20210310-use-log4brains-to-manage-the-adrs.md)
- Date: 2021-02-03
- Tags: doc

## Context and Problem Statement

Decisions are scattered across chat threads. Where should they live?

## Decision Outcome

Chosen option: \"The wiki\", because everyone can edit it.
";

const L4B_TOOL_NAME: &str = "20210310-use-log4brains-to-manage-the-adrs.md";
const L4B_TOOL: &str = "# Use Log4brains to manage the ADRs

- Status: accepted
- Deciders: Thomas Vaillant
- Date: 2021-03-10
- Tags: dev-tools, doc

## Context and Problem Statement

We want to record architectural decisions made in this project.
Which tool(s) should we use to manage these records?

## Considered Options

- [Log4brains](https://github.com/thomvaill/log4brains): architecture knowledge base
- [ADR Tools](https://github.com/npryce/adr-tools): command-line to create ADRs

## Decision Outcome

Chosen option: \"Log4brains\", because it includes the features of all the other tools, and even more.

### Positive Consequences

- The records are browsable as a static site

### Negative Consequences

- One more dev dependency

## Links

- Supersedes [20210203-keep-decisions-in-the-wiki](20210203-keep-decisions-in-the-wiki.md)
";

const FRENCH_NAME: &str = "0012-réécrire-le-cache-en-rust.md";
const FRENCH: &str = "---
status: proposed
date: 2025-02-01
decision-makers: Léa Dupré, Zoë Müller
---

# Réécrire le cache en Rust

## Context and Problem Statement

Le cache actuel, écrit en Go, consomme trop de mémoire.

## Decision Outcome

Chosen option: « Rust », parce qu'il n'a pas de ramasse-miettes.
";

const JAPANESE_NAME: &str = "0013-日本語のタイトル.md";
const JAPANESE: &str = "# 13. 日本語のタイトル

Date: 2024-04-01

## Status

提案中

## Context

キャッシュの設計を決める。

## Decision

Redis を使う。
";

/// A site built with Docusaurus: the title in the front matter with the number in it, no
/// `# Title`, the creation day and status in a table.
const SITE_TABLE_NAME: &str = "adr020-keep-the-event-log-for-ninety-days.md";
const SITE_TABLE: &str = "---
id: adrs-adr020
title: ADR020: Keep the event log for ninety days
sidebar_label: ADR020
---

| Created    | Status |
| ---------- | ------ |
| 2023-04-11 | Open   |

## Context

The event log grows by two gigabytes a week, and nobody reads entries older than a month.

## Decision

A nightly job deletes entries older than ninety days.

## Consequences

Audits that need older entries ask the archive team.
";

const SITE_QUOTED_NAME: &str = "adr021-one-http-client.md";
const SITE_QUOTED: &str = "---
id: adrs-adr021
title: 'ADR021: One HTTP client for every service'
# prettier-ignore
description: Why every service shares one HTTP client, with one set of retry rules.
---

## Context

Four HTTP clients are in use, each with its own retry rules.

## Decision

Every service uses the shared client.
";

/// A title heading over a table of keys and values.
const FIELDS_NAME: &str = "outbox.md";
const FIELDS: &str = "# ADR-0031 — Publish events through an outbox

| Field | Value |
|---|---|
| **Status** | Accepted |
| Date | 2025-06-10 |
| Deciders | Ana Souza, Ben Okafor |
| Milestone | M5 |
| Supersedes | |

## Context

Events get lost between the database commit and the broker.
";

/// The status and date written as headings.
const HEADINGS_NAME: &str = "ADR-016-remove-the-unused-schemas.md";
const HEADINGS: &str = "# ADR-016: Remove the unused schemas

## Status: Accepted
## Date: 2026-07-02

## Context:

Two schema modules have no callers.

## Decision

Delete them.
";

/// Every fixture, by name.
fn fixtures() -> Vec<(&'static str, &'static str)> {
    vec![
        (MADR4_NAME, MADR4),
        (MADR3_NAME, MADR3),
        (MADR2_NAME, MADR2),
        (NYGARD1_NAME, NYGARD1),
        (NYGARD2_NAME, NYGARD2),
        (NYGARD3_NAME, NYGARD3),
        (L4B_WIKI_NAME, L4B_WIKI),
        (L4B_TOOL_NAME, L4B_TOOL),
        (FRENCH_NAME, FRENCH),
        (JAPANESE_NAME, JAPANESE),
        (SITE_TABLE_NAME, SITE_TABLE),
        (SITE_QUOTED_NAME, SITE_QUOTED),
        (FIELDS_NAME, FIELDS),
        (HEADINGS_NAME, HEADINGS),
    ]
}

fn read(name: &str, text: &str) -> Parsed {
    parse(name, text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// What a record's head says: its number, title, status and date.
fn head(d: &Decision) -> (Option<u32>, &str, Option<Status>, Option<Date>) {
    (d.number, d.title.as_str(), d.status, d.date)
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn links(items: &[(LinkKind, u32)]) -> BTreeSet<Link> {
    items.iter().map(|&(k, n)| Link::new(k, n)).collect()
}

use LinkKind::{RelatesTo, SupersededBy, Supersedes};

#[test]
fn madr_4_reads_its_front_matter_and_every_section() {
    let p = read(MADR4_NAME, MADR4);
    let d = p.decision();
    assert_eq!(p.format(), Format::Madr4);
    assert_eq!(d.number, Some(3));
    assert_eq!(d.title, "Use PostgreSQL for the event store");
    assert_eq!(d.status, Some(Status::Accepted));
    assert_eq!(d.date, Some(date(2024, 5, 13)));
    assert_eq!(d.deciders, strings(&["Ana Souza", "Ben Okafor"]));
    assert_eq!(d.consulted, strings(&["Chen Wei", "Dana Ivanova"]));
    assert_eq!(d.informed, strings(&["Platform team", "Support"]));
    assert!(d.metadata.is_empty(), "{:?}", d.metadata);
    assert!(d.context.starts_with("The event store outgrew SQLite"));
    assert!(
        d.context
            .ends_with("Which database should hold the events?")
    );
    assert_eq!(
        d.drivers,
        strings(&[
            "Concurrent writers from several services",
            "The operations team already runs PostgreSQL"
        ])
    );
    let names: Vec<&str> = d.options.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["PostgreSQL", "SQLite with WAL", "EventStoreDB"]);
    let pg = &d.options[0];
    assert_eq!(pg.description, "Managed by the platform team.");
    assert_eq!(
        pg.pros,
        strings(&["row-level locking lets writers proceed in parallel"])
    );
    assert_eq!(
        pg.neutral,
        strings(&["it is one more service to run locally"])
    );
    assert_eq!(pg.cons, strings(&["it is heavier than SQLite"]));
    assert_eq!(
        d.options[1].cons,
        strings(&["there is one writer at a time"])
    );
    assert!(!d.options[2].has_details());
    assert_eq!(d.chosen_option(), Some("PostgreSQL"));
    assert!(d.outcome.ends_with("the team already operates it."));
    assert_eq!(
        d.consequences,
        "* Good, because backups use the existing tooling\n\
         * Bad, because local development needs a container"
    );
    assert_eq!(
        d.confirmation,
        "The integration suite runs against PostgreSQL in CI."
    );
    assert_eq!(
        d.more,
        "Revisit when the event volume passes 10k events per second."
    );
    assert!(d.links.is_empty());
    assert!(d.sections.is_empty(), "{:?}", d.sections);
}

#[test]
fn madr_3_reads_deciders_and_validation() {
    let p = read(MADR3_NAME, MADR3);
    let d = p.decision();
    assert_eq!(p.format(), Format::Madr3);
    assert_eq!(d.number, Some(2));
    assert_eq!(d.title, "Record decisions in MADR");
    assert_eq!(d.status, Some(Status::Proposed));
    assert_eq!(d.date, Some(date(2023, 1, 10)));
    assert_eq!(d.deciders, strings(&["Oliver Kopp", "Olaf Zimmermann"]));
    assert!(d.consulted.is_empty());
    assert_eq!(d.drivers.len(), 2);
    assert_eq!(d.options.len(), 3);
    assert!(
        d.options[0]
            .name
            .starts_with("[MADR](https://adr.github.io/madr/) 3.0.0")
    );
    assert_eq!(d.chosen_option(), Some("MADR 3.0.0"));
    assert!(
        d.outcome
            .contains("* Implicit assumptions should be made explicit.")
    );
    assert!(d.consequences.starts_with("* Good, because the records"));
    assert!(d.confirmation.starts_with("Reviewers check"));
}

#[test]
fn madr_2_reads_bullet_metadata_graded_consequences_and_links() {
    let p = read(MADR2_NAME, MADR2);
    let d = p.decision();
    assert_eq!(p.format(), Format::Madr2);
    assert_eq!(d.number, Some(1));
    assert_eq!(d.status, Some(Status::Superseded));
    assert_eq!(d.date, Some(date(2017, 12, 7)));
    assert_eq!(d.deciders, strings(&["Oliver Kopp", "Olaf Zimmermann"]));
    assert_eq!(
        d.metadata,
        vec![Meta {
            key: "Technical Story".into(),
            value: "[#42](https://github.com/example/shop/issues/42)".into()
        }]
    );
    assert_eq!(d.summary, "");
    assert_eq!(
        d.links,
        links(&[(SupersededBy, 7), (RelatesTo, 3), (RelatesTo, 5)])
    );
    assert_eq!(d.superseded_by().collect::<Vec<_>>(), [7]);
    assert_eq!(
        d.consequences,
        "* Good, because Implicit assumptions are made explicit\n\
         * Good, because New members learn why the system looks the way it does\n\
         * Bad, because Every decision takes a file to write"
    );
    assert_eq!(d.options.len(), 3);
    assert_eq!(d.options[0].pros, strings(&["it is lean"]));
    assert!(!d.options[1].has_details());
    assert_eq!(d.options[2].cons, strings(&["records are hard to compare"]));
}

#[test]
fn adr_tools_files_read_their_numbers_dates_and_supercedes_links() {
    let first = read(NYGARD1_NAME, NYGARD1);
    let old = read(NYGARD2_NAME, NYGARD2);
    let new = read(NYGARD3_NAME, NYGARD3);
    for p in [&first, &old, &new] {
        assert_eq!(p.format(), Format::Nygard, "{}", p.name());
    }
    let d = first.decision();
    assert_eq!(d.number, Some(1));
    assert_eq!(d.title, "Record architecture decisions");
    assert_eq!(d.date, Some(date(2018, 3, 4)));
    assert_eq!(d.status, Some(Status::Accepted));
    assert_eq!(
        d.context,
        "We need to record the architectural decisions made on this project."
    );
    assert!(
        d.outcome
            .starts_with("We will use Architecture Decision Records")
    );
    assert!(d.consequences.starts_with("See Michael Nygard's article"));
    assert!(d.deciders.is_empty());

    assert_eq!(old.decision().status, Some(Status::Superseded));
    assert_eq!(old.decision().links, links(&[(SupersededBy, 3)]));
    let d = new.decision();
    assert_eq!(d.status, Some(Status::Accepted));
    assert_eq!(d.links, links(&[(Supersedes, 2), (RelatesTo, 4)]));
    // The `#` lines of the code block are neither headings nor the end of the section.
    assert!(d.outcome.contains("## not a heading"), "{}", d.outcome);
    assert!(d.sections.is_empty(), "{:?}", d.sections);
    assert!(d.consequences.starts_with("The RabbitMQ cluster"));
}

#[test]
fn the_correct_spelling_of_superseded_reads_too() {
    let text = NYGARD2.replace("Superceded by", "Superseded by");
    let p = read(NYGARD2_NAME, &text);
    assert_eq!(p.decision().status, Some(Status::Superseded));
    assert_eq!(p.decision().links, links(&[(SupersededBy, 3)]));
    let text = NYGARD3.replace("Supercedes", "Supersedes");
    assert!(
        read(NYGARD3_NAME, &text)
            .decision()
            .links
            .contains(&Link::new(Supersedes, 2))
    );
}

#[test]
fn log4brains_files_are_numbered_by_date_and_their_links_resolved() {
    let mut folder = vec![read(L4B_TOOL_NAME, L4B_TOOL), read(L4B_WIKI_NAME, L4B_WIKI)];
    for p in &folder {
        assert_eq!(p.format(), Format::Log4brains);
        assert_eq!(
            p.decision().number,
            None,
            "the name holds a date, not a number"
        );
        assert!(p.decision().links.is_empty());
        assert_eq!(p.unresolved().len(), 1);
    }
    assert_eq!(folder[0].name_date(), Some(date(2021, 3, 10)));
    let tool = folder[0].decision();
    assert_eq!(tool.status, Some(Status::Accepted));
    assert_eq!(tool.date, Some(date(2021, 3, 10)));
    assert_eq!(tool.deciders, strings(&["Thomas Vaillant"]));
    assert_eq!(
        tool.metadata,
        vec![Meta {
            key: "Tags".into(),
            value: "dev-tools, doc".into()
        }]
    );
    assert_eq!(tool.chosen_option(), Some("Log4brains"));
    assert_eq!(
        tool.consequences,
        "- Good, because The records are browsable as a static site\n\
         - Bad, because One more dev dependency"
    );
    assert_eq!(folder[1].decision().status, Some(Status::Superseded));

    number_unnumbered(&mut folder);
    assert_eq!(folder[1].decision().number, Some(1), "the older one first");
    assert_eq!(folder[0].decision().number, Some(2));
    let entries: Vec<Entry> = folder.iter().filter_map(Parsed::entry).collect();
    for p in &mut folder {
        p.resolve(&entries);
        assert!(p.unresolved().is_empty());
    }
    assert_eq!(folder[0].decision().links, links(&[(Supersedes, 1)]));
    assert_eq!(folder[1].decision().links, links(&[(SupersededBy, 2)]));

    // Numbering and resolving are no change: the files stay as they are.
    for p in &folder {
        let same = p.decision().clone();
        assert_eq!(write_back(p, &same, p.format(), &entries), p.text());
    }
}

#[test]
fn numbering_goes_after_the_numbers_taken() {
    let mut folder = vec![
        read(L4B_TOOL_NAME, L4B_TOOL),
        read(NYGARD3_NAME, NYGARD3),
        read(L4B_WIKI_NAME, L4B_WIKI),
    ];
    number_unnumbered(&mut folder);
    let numbers: Vec<Option<u32>> = folder.iter().map(|p| p.decision().number).collect();
    assert_eq!(numbers, [Some(5), Some(3), Some(4)]);
}

#[test]
fn non_ascii_titles_read_and_name_their_files() {
    let fr = read(FRENCH_NAME, FRENCH);
    assert_eq!(fr.decision().number, Some(12));
    assert_eq!(fr.decision().title, "Réécrire le cache en Rust");
    assert_eq!(
        fr.decision().deciders,
        strings(&["Léa Dupré", "Zoë Müller"])
    );
    assert_eq!(fr.decision().chosen_option(), Some("Rust"));
    let ja = read(JAPANESE_NAME, JAPANESE);
    assert_eq!(ja.decision().number, Some(13));
    assert_eq!(ja.decision().title, "日本語のタイトル");
    // A status in words Fulcrum does not know is no status, and the section is kept as written.
    assert_eq!(ja.decision().status, None);
    assert_eq!(
        ja.decision().sections,
        vec![Section {
            heading: "Status".into(),
            body: "提案中".into()
        }]
    );
    assert_eq!(
        file_name(12, &fr.decision().title, Format::Madr4, date(2025, 2, 1)),
        FRENCH_NAME
    );
    assert_eq!(
        file_name(13, &ja.decision().title, Format::Nygard, date(2024, 4, 1)),
        JAPANESE_NAME
    );
}

#[test]
fn formats_are_told_apart_file_by_file_and_by_folder() {
    let format = |name, text| read(name, text).format();
    assert_eq!(format(MADR4_NAME, MADR4), Format::Madr4);
    assert_eq!(format(MADR3_NAME, MADR3), Format::Madr3);
    assert_eq!(format(MADR2_NAME, MADR2), Format::Madr2);
    assert_eq!(format(NYGARD1_NAME, NYGARD1), Format::Nygard);
    assert_eq!(format(L4B_TOOL_NAME, L4B_TOOL), Format::Log4brains);
    // MADR without front matter: by its sections.
    let bare = "# Use Rust\n\n## Context and Problem Statement\n\nSpeed.\n\n## Considered Options\n\n* Rust\n* Go\n";
    assert_eq!(format("0004-use-rust.md", bare), Format::Madr4);
    let plain_nygard = "# Use Rust\n\n## Context\n\nSpeed.\n\n## Decision\n\nRust.\n";
    assert_eq!(format("0004-use-rust.md", plain_nygard), Format::Nygard);

    let files = |list: &[(&str, &str)]| -> Vec<SourceFile> {
        list.iter().map(|(n, t)| SourceFile::new(*n, *t)).collect()
    };
    let adr_tools = files(&[
        ("README.md", "# Decisions\n\nThe log of our decisions.\n"),
        (NYGARD1_NAME, NYGARD1),
        (NYGARD2_NAME, NYGARD2),
        (NYGARD3_NAME, NYGARD3),
        (MADR4_NAME, MADR4),
    ]);
    assert_eq!(detect_format(&adr_tools), Format::Nygard);
    let log4brains = files(&[
        ("index.md", "# Architecture knowledge base\n\nWelcome.\n"),
        (
            "template.md",
            "# [short title of solved problem and solution]\n",
        ),
        (L4B_TOOL_NAME, L4B_TOOL),
        (L4B_WIKI_NAME, L4B_WIKI),
    ]);
    assert_eq!(detect_format(&log4brains), Format::Log4brains);
    assert_eq!(detect_format(&[]), Format::Madr4, "a new folder");
    assert_eq!(
        detect_format(&files(&[("README.md", "# Decisions\n")])),
        Format::Madr4
    );
    let tie = files(&[(NYGARD1_NAME, NYGARD1), (MADR2_NAME, MADR2)]);
    assert_eq!(detect_format(&tie), Format::Madr2, "the newer layout");
}

#[test]
fn an_unchanged_record_is_written_back_byte_for_byte() {
    for (name, text) in fixtures() {
        let variants = [
            text.to_string(),
            text.replace('\n', "\r\n"),
            format!("\u{feff}{text}"),
            text.trim_end().to_string(),
            format!("\u{feff}{}", text.replace('\n', "\r\n").trim_end()),
        ];
        for v in variants {
            let p = read(name, &v);
            let same = p.decision().clone();
            assert_eq!(write_back(&p, &same, p.format(), &[]), v, "{name}");
        }
    }
}

#[test]
fn line_endings_bom_and_the_last_newline_change_nothing_read() {
    for (name, text) in fixtures() {
        let lf = read(name, text);
        let crlf = read(name, &text.replace('\n', "\r\n"));
        let bom = read(name, &format!("\u{feff}{text}"));
        let cut = read(name, text.trim_end());
        assert!(crlf.crlf() && !lf.crlf());
        for other in [&crlf, &bom, &cut] {
            assert_eq!(other.decision(), lf.decision(), "{name}");
            assert_eq!(other.format(), lf.format(), "{name}");
        }
    }
}

/// The MADR 4 fixture with its lists the way Fulcrum writes them: comma-separated names.
fn madr4_as_rendered() -> String {
    MADR4
        .replace(r#"Ana Souza, "Ben Okafor""#, "Ana Souza, Ben Okafor")
        .replace("[Chen Wei, 'Dana Ivanova']", "Chen Wei, Dana Ivanova")
        .replace(
            "informed:\n  - Platform team\n  - Support",
            "informed: Platform team, Support",
        )
}

#[test]
fn a_changed_record_keeps_its_layout_line_endings_and_bom() {
    let text = format!("\u{feff}{}", madr4_as_rendered().replace('\n', "\r\n"));
    let p = read(MADR4_NAME, &text);
    let mut changed = p.decision().clone();
    changed.status = Some(Status::Deprecated);
    let out = write_back(&p, &changed, p.format(), &[]);
    assert!(
        out.starts_with("\u{feff}---\r\nstatus: deprecated\r\n"),
        "{out}"
    );
    assert_eq!(out.matches('\n').count(), out.matches("\r\n").count());
    assert!(out.ends_with("per second.\r\n"));
    let back = read(MADR4_NAME, &out);
    assert_eq!(back.decision(), &changed);
    assert_eq!(back.format(), Format::Madr4);
    // Only the status line differs from the original.
    let diff: Vec<(&str, &str)> = text
        .lines()
        .zip(out.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(diff, [("status: accepted", "status: deprecated")]);
}

#[test]
fn a_changed_record_with_no_last_newline_gets_one() {
    let p = read(NYGARD1_NAME, NYGARD1.trim_end());
    let mut changed = p.decision().clone();
    changed.status = Some(Status::Deprecated);
    let out = write_back(&p, &changed, Format::Nygard, &[]);
    assert!(out.ends_with("adr-tools).\n"));
    assert!(out.contains("## Status\n\nDeprecated\n\n## Context"));
}

#[test]
fn a_layout_is_rendered_as_its_own_files_are_written() {
    // An adr-tools file and a MADR 2 file rendered again, unchanged, give back their text.
    for (name, text) in [
        (NYGARD1_NAME, NYGARD1),
        (NYGARD2_NAME, NYGARD2),
        (NYGARD3_NAME, NYGARD3),
        (MADR4_NAME, MADR4),
        (MADR2_NAME, MADR2),
    ] {
        let p = read(name, text);
        let others = [
            Entry {
                number: 2,
                title: "Use RabbitMQ for events".into(),
                file: NYGARD2_NAME.into(),
            },
            Entry {
                number: 3,
                title: "Use Kafka for events".into(),
                file: NYGARD3_NAME.into(),
            },
            Entry {
                number: 4,
                title: "Keep events for 30 days".into(),
                file: "0004-keep-events-for-30-days.md".into(),
            },
        ];
        let others = if p.format() == Format::Nygard {
            &others[..]
        } else {
            &[]
        };
        let rendered = render(p.decision(), p.format(), others);
        let expected = match p.format() {
            // MADR 2's status link is written `ADR-0007` without the folder's entries, and
            // its other links in the layout's words.
            Format::Madr2 => text
                .replace("[ADR-0007](0007-use-madr-4.md)", "ADR-0007")
                .replace(
                    "* Refined by [ADR-0005](0005-use-lowercase-file-names.md)\n* Relates to ADR-0003",
                    "* Relates to ADR-0003\n* Relates to ADR-0005",
                ),
            // The front matter's lists, as comma-separated names.
            Format::Madr4 => madr4_as_rendered(),
            // adr-tools' status link words.
            _ => text.replace("Amended by", "Relates to"),
        };
        assert_eq!(rendered, expected, "{name}");
    }
}

#[test]
fn every_record_reads_back_the_same_from_every_layout() {
    let mut folder: Vec<Parsed> = fixtures().into_iter().map(|(n, t)| read(n, t)).collect();
    number_unnumbered(&mut folder);
    let entries: Vec<Entry> = folder.iter().filter_map(Parsed::entry).collect();
    for p in &mut folder {
        p.resolve(&entries);
    }
    for p in &folder {
        let d = p.decision();
        for &format in Format::ALL {
            for others in [&entries[..], &[]] {
                let text = render(d, format, others);
                let name = file_name(d.number.unwrap(), &d.title, format, date(2025, 1, 2));
                let mut back = read(&name, &text);
                back.renumber(d.number.unwrap());
                back.resolve(others);
                assert_eq!(back.decision(), d, "{} as {format}:\n{text}", p.name());
                if format == p.format() {
                    assert_eq!(back.format(), format, "{}:\n{text}", p.name());
                }
            }
        }
    }
}

#[test]
fn superseding_links_both_decisions_once() {
    let old = read(NYGARD1_NAME, NYGARD1);
    let new_text = "# 5. Keep decisions in MADR\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\n## Context\n\nMADR has more structure.\n";
    let new = read("0005-keep-decisions-in-madr.md", new_text);
    let (mut o, mut n) = (old.decision().clone(), new.decision().clone());
    supersede(&mut o, &mut n).unwrap();
    supersede(&mut o, &mut n).unwrap();
    assert_eq!(o.status, Some(Status::Superseded));
    assert_eq!(o.links, links(&[(SupersededBy, 5)]));
    assert_eq!(n.links, links(&[(Supersedes, 1)]));
    assert_eq!(n.status, Some(Status::Accepted));

    let entries = [old.entry().unwrap(), new.entry().unwrap()];
    let old_out = write_back(&old, &o, Format::Nygard, &entries);
    assert!(
        old_out.contains(
            "## Status\n\nSuperceded by [5. Keep decisions in MADR](0005-keep-decisions-in-madr.md)\n\n## Context"
        ),
        "{old_out}"
    );
    let new_out = write_back(&new, &n, Format::Nygard, &entries);
    assert!(
        new_out.contains(
            "## Status\n\nAccepted\n\nSupercedes [1. Record architecture decisions](0001-record-architecture-decisions.md)\n"
        ),
        "{new_out}"
    );
    assert_eq!(read(NYGARD1_NAME, &old_out).decision(), &o);
    assert_eq!(
        read("0005-keep-decisions-in-madr.md", &new_out).decision(),
        &n
    );

    // In MADR, the status holds the link.
    let madr = render(&o, Format::Madr4, &entries);
    assert!(madr.starts_with("---\nstatus: superseded by ADR-0005\ndate: 2018-03-04\n---\n"));
    assert!(!madr.contains("## Links"));
}

#[test]
fn superseding_refuses_what_cannot_be_linked() {
    let mut a = Decision::new("A");
    let mut b = Decision::new("B");
    assert_eq!(supersede(&mut a, &mut b), Err(SupersedeError::Unnumbered));
    a.number = Some(1);
    b.number = Some(1);
    assert_eq!(supersede(&mut a, &mut b), Err(SupersedeError::Itself(1)));
    b.number = Some(2);
    supersede(&mut a, &mut b).unwrap();
    assert_eq!(
        supersede(&mut b, &mut a),
        Err(SupersedeError::Cycle { old: 2, new: 1 })
    );
    assert_eq!(b.status, None, "a refusal changes nothing");
}

#[test]
fn proposals_go_stale_after_four_weeks() {
    let mut d = Decision::new("Use Rust");
    d.status = Some(Status::Proposed);
    d.date = Some(date(2024, 1, 1));
    assert!(!stale_proposed(&d, date(2024, 1, 29)), "28 days");
    assert!(stale_proposed(&d, date(2024, 1, 30)), "29 days");
    d.status = Some(Status::Accepted);
    assert!(!stale_proposed(&d, date(2024, 6, 1)));
    d.status = Some(Status::Proposed);
    d.date = None;
    assert!(!stale_proposed(&d, date(2024, 6, 1)));
}

#[test]
fn new_files_are_named_as_the_folder_names_its_own() {
    let title = "Use pnpm workspaces";
    let day = date(2024, 5, 13);
    let named = |names: &[&str]| Naming::of_folder(names.iter().copied());
    let n = named(&[
        "adr000-template.md",
        "adr002-x.md",
        "adr013-y.md",
        "index.md",
    ]);
    assert_eq!(
        n.file_name(14, title, Format::Madr4, day),
        "adr014-use-pnpm-workspaces.md"
    );
    let n = named(&["ADR-0001-a.md", "ADR-0002-b.md", "0003-c.md"]);
    assert_eq!(
        n.file_name(4, title, Format::Nygard, day),
        "ADR-0004-use-pnpm-workspaces.md"
    );
    let n = named(&["ADR_001_first.md", "ADR_002_second.md"]);
    assert_eq!(
        n.file_name(3, title, Format::Madr2, day),
        "ADR_003_use_pnpm_workspaces.md"
    );
    let n = named(&["adr-1-a.md"]);
    assert_eq!(
        n.file_name(12, title, Format::Madr4, day),
        "adr-12-use-pnpm-workspaces.md"
    );
    // A folder with no numbered names, a log4brains one among them, gets the default.
    for names in [&[][..], &["README.md", "20210203-use-x.md"][..]] {
        assert_eq!(named(names), Naming::default());
    }
    assert_eq!(
        named(&["adr002-x.md"]).file_name(14, title, Format::Log4brains, day),
        "20240513-use-pnpm-workspaces.md"
    );
    // A tie goes to the bare number.
    assert_eq!(named(&["0001-a.md", "adr-0002-b.md"]), Naming::default());
}

#[test]
fn file_names_are_numbered_slugs_or_dated_ones() {
    let day = date(2024, 5, 13);
    assert_eq!(
        file_name(7, "Use PostgreSQL for the event store", Format::Madr4, day),
        "0007-use-postgresql-for-the-event-store.md"
    );
    assert_eq!(
        file_name(12, "  Use C++ / Rust?! (for speed)  ", Format::Nygard, day),
        "0012-use-c-rust-for-speed.md"
    );
    assert_eq!(
        file_name(1, "Use PostgreSQL", Format::Log4brains, day),
        "20240513-use-postgresql.md"
    );
    assert_eq!(
        file_name(10000, "?!", Format::Madr2, day),
        "10000-decision.md"
    );
    assert_eq!(slug("Straße über Ärger"), "straße-über-ärger");
    assert_eq!(slug("Cache: e\u{301}crire"), "cache-e\u{301}crire");
}

#[test]
fn numbers_and_dates_come_from_names_and_titles() {
    assert_eq!(name_number("0003-use-x.md"), Some(3));
    assert_eq!(name_number("adr-003-use-x.md"), Some(3));
    assert_eq!(name_number("ADR-0001-use-x.md"), Some(1));
    assert_eq!(name_number("docs/adr/0042_use_x.md"), Some(42));
    assert_eq!(name_number("20210203-use-x.md"), None);
    assert_eq!(name_number("use-x.md"), None);
    assert_eq!(name_date("20210203-use-x.md"), Some(date(2021, 2, 3)));
    assert_eq!(name_date("20211303-use-x.md"), None);
    let titled = read(
        "use-x.md",
        "# ADR-0009: Use X\n\n* Status: accepted\n\n## Context and Problem Statement\n\nX.\n",
    );
    assert_eq!(titled.decision().number, Some(9));
    assert_eq!(titled.decision().title, "Use X");
}

#[test]
fn a_site_s_records_take_their_title_from_the_front_matter_and_status_from_a_table() {
    let p = read(SITE_TABLE_NAME, SITE_TABLE);
    let d = p.decision();
    assert_eq!(d.number, Some(20));
    assert_eq!(d.title, "Keep the event log for ninety days");
    assert_eq!(
        d.status,
        Some(Status::Proposed),
        "Open is still open for comment"
    );
    assert_eq!(d.date, Some(date(2023, 4, 11)));
    let keys: Vec<&str> = d.metadata.iter().map(|m| m.key.as_str()).collect();
    assert_eq!(keys, ["id", "sidebar_label"], "the title is not kept twice");
    assert_eq!(d.summary, "", "the table is read, not kept as text");
    assert!(d.outcome.starts_with("A nightly job"));
    assert_eq!(p.format(), Format::Madr4);

    let q = read(SITE_QUOTED_NAME, SITE_QUOTED);
    assert_eq!(q.decision().title, "One HTTP client for every service");
    assert_eq!(q.decision().status, None);
    assert_eq!(q.decision().metadata[1].key, "description");

    // A changed record is written with a `# Title` and reads back the same.
    let mut changed = d.clone();
    changed.status = Some(Status::Accepted);
    changed.title = "Keep the event log for sixty days".into();
    let out = write_back(&p, &changed, p.format(), &[]);
    assert!(
        out.contains("\n# Keep the event log for sixty days\n"),
        "{out}"
    );
    assert!(!out.contains("| Created"), "{out}");
    assert_eq!(read(SITE_TABLE_NAME, &out).decision(), &changed);

    // A title heading still wins over the front matter's `title:`, which is then kept.
    let both = "---\ntitle: Event log\n---\n\n# Keep the event log\n\n## Decision\n\nKeep it.\n";
    let b = read("0022-keep.md", both);
    assert_eq!(b.decision().title, "Keep the event log");
    assert_eq!(b.decision().metadata[0].value, "Event log");
    // Two columns of keys and values under a `# Title`, bold keys or not.
    let f = read(FIELDS_NAME, FIELDS);
    let f = f.decision();
    assert_eq!(
        head(f),
        (
            Some(31),
            "Publish events through an outbox",
            Some(Status::Accepted),
            Some(date(2025, 6, 10))
        )
    );
    assert_eq!(f.deciders, strings(&["Ana Souza", "Ben Okafor"]));
    assert_eq!(
        f.metadata,
        [Meta {
            key: "Milestone".into(),
            value: "M5".into()
        }]
    );
    assert_eq!(f.summary, "");
    let headless = "# Use X\n\n| Status | Proposed |\n|---|---|\n| Created | 2024-01-02 |\n\n## Decision\n\nX.\n";
    let h = read("0024-use-x.md", headless);
    assert_eq!(h.decision().status, Some(Status::Proposed));
    assert_eq!(h.decision().date, Some(date(2024, 1, 2)));
    // A site's front matter with only its title, over MADR 2 bullets.
    let bullets = "---\ntitle: \"Discover the client by WebFinger\"\n---\n\n* Status: accepted\n* Date: 2026-02-02\n\n## Context\n\nClients are set up by hand.\n";
    let w = read("0005-webfinger.md", bullets);
    assert_eq!(w.decision().title, "Discover the client by WebFinger");
    assert_eq!(w.decision().status, Some(Status::Accepted));
    assert_eq!(w.decision().date, Some(date(2026, 2, 2)));
    // A table whose keys a metadata line cannot hold stays text, as does one without a status.
    let odd = headless.replace("| Created |", "| RFC # |");
    assert!(
        read("0024-use-x.md", &odd)
            .decision()
            .summary
            .starts_with("| Status")
    );
    // A table that is part of the text, not metadata, stays in it.
    let prose = "# Use X\n\n| Option | Cost |\n| --- | --- |\n| X | low |\n\n## Decision\n\nX.\n";
    assert!(
        read("0023-use-x.md", prose)
            .decision()
            .summary
            .starts_with("| Option")
    );
}

#[test]
fn a_status_and_date_written_as_headings_are_read() {
    let p = read(HEADINGS_NAME, HEADINGS);
    let d = p.decision();
    assert_eq!(
        head(d),
        (
            Some(16),
            "Remove the unused schemas",
            Some(Status::Accepted),
            Some(date(2026, 7, 2))
        )
    );
    assert_eq!(d.context, "Two schema modules have no callers.");
    assert!(d.sections.is_empty(), "{:?}", d.sections);
    assert_eq!(p.format(), Format::Nygard);
    // With text under it, or a status already given, such a heading is a section, kept.
    let under = HEADINGS.replace(
        "## Date: 2026-07-02\n",
        "## Date: 2026-07-02\nAfter the review.\n",
    );
    let u = read(HEADINGS_NAME, &under);
    assert_eq!(u.decision().date, None);
    assert_eq!(u.decision().sections[0].heading, "Date: 2026-07-02");
    let twice = HEADINGS.replace("## Date: 2026-07-02", "## Status: Rejected");
    let t = read(HEADINGS_NAME, &twice);
    assert_eq!(t.decision().status, Some(Status::Accepted));
    assert_eq!(t.decision().sections[0].heading, "Status: Rejected");
}

#[test]
fn files_that_are_not_records_are_refused_by_what_they_are() {
    let refused = |name: &str, text: &str| match parse(name, text) {
        Err(ParseError::NotAnAdr(why)) => why,
        other => panic!("{name}: {other:?}"),
    };
    assert_eq!(refused("README.md", MADR4), NotAnAdr::Index);
    assert_eq!(refused("index.md", "# Knowledge base\n"), NotAnAdr::Index);
    assert_eq!(refused("template.md", MADR2), NotAnAdr::Template);
    assert_eq!(refused("adr-template.md", MADR4), NotAnAdr::Template);
    assert_eq!(
        refused(
            "0000-new.md",
            "---\nstatus: \"{proposed | rejected | accepted}\"\n---\n\n# {short title, representative of solved problem and found solution}\n"
        ),
        NotAnAdr::Template
    );
    assert_eq!(
        refused(
            "0000-new.md",
            "# NUMBER. TITLE\n\nDate: DATE\n\n## Status\n\nSTATUS\n"
        ),
        NotAnAdr::Template
    );
    assert_eq!(refused("0004-x.md", ""), NotAnAdr::Empty);
    assert_eq!(refused("0004-x.md", "\u{feff} \r\n\n"), NotAnAdr::Empty);
    assert_eq!(
        refused("notes.md", "Some notes\n\n## Context\n\nNo title.\n"),
        NotAnAdr::NoTitle
    );
    assert_eq!(
        refused(
            "glossary.md",
            "# Glossary\n\n* API: application programming interface\n"
        ),
        NotAnAdr::NoDecision
    );
    assert_eq!(refused("0004-x.txt", NYGARD1), NotAnAdr::NotMarkdown);
    // A record whose name happens to hold the word is one.
    assert!(parse("0005-use-templates-for-mail.md", NYGARD1).is_ok());
    assert!(parse("0007-template-engine.md", NYGARD1).is_ok());
    assert_eq!(refused("0000-template.md", NYGARD1), NotAnAdr::Template);
    let site = "---\nid: adrs-adr000\ntitle: ADR000: [TITLE]\n---\n\n## Context\n\n## Decision\n";
    assert_eq!(refused("adr000-template.md", site), NotAnAdr::Template);
    assert_eq!(
        refused("adr000-new.md", site),
        NotAnAdr::Template,
        "by its title"
    );
    assert!(parse("README.md", MADR4).unwrap_err().line().is_none());
}

#[test]
fn broken_metadata_is_reported_on_its_line() {
    let unclosed = "---\nstatus: accepted\n\n# Use X\n";
    assert_eq!(
        parse("0001-use-x.md", unclosed),
        Err(ParseError::UnclosedFrontMatter { line: 1 })
    );
    let bad_date = MADR4.replace("date: 2024-05-13", "date: 13/05/2024");
    let err = parse(MADR4_NAME, &bad_date).unwrap_err();
    assert_eq!(
        err,
        ParseError::BadDate {
            line: 3,
            text: "13/05/2024".into()
        }
    );
    assert!(err.to_string().starts_with("line 3: "), "{err}");
    let bad_bullet = MADR2.replace("* Date: 2017-12-07", "* Date: last winter");
    assert_eq!(parse(MADR2_NAME, &bad_bullet).unwrap_err().line(), Some(5));
    let bad_line = MADR4.replace("informed:\n", "informed\n");
    assert_eq!(
        parse(MADR4_NAME, &bad_line),
        Err(ParseError::BadFrontMatter {
            line: 6,
            text: "informed".into()
        })
    );
}

#[test]
fn statuses_are_read_leniently() {
    let cases = [
        ("Accepted", Some(Status::Accepted)),
        ("  **accepted** (2020-01-01)", Some(Status::Accepted)),
        ("superseded by ADR-0005", Some(Status::Superseded)),
        (
            "Superceded by [3. Use X](0003-use-x.md)",
            Some(Status::Superseded),
        ),
        ("Draft", Some(Status::Proposed)),
        ("In review", Some(Status::Proposed)),
        ("rejected", Some(Status::Rejected)),
        ("Deprecated", Some(Status::Deprecated)),
        ("Supercedes [2. Use X](0002-use-x.md)", None),
        ("in the works", None),
        ("", None),
    ];
    for (text, expected) in cases {
        assert_eq!(Status::from_text(text), expected, "{text:?}");
    }
    assert_eq!(Status::parse("superseded"), Some(Status::Superseded));
    assert_eq!(Format::parse("madr-4"), Some(Format::Madr4));
}

#[test]
fn a_status_fulcrum_does_not_know_is_kept_as_written() {
    let text = MADR4.replace(
        "status: accepted",
        "status: \"on hold: waiting for budget\"",
    );
    let p = read(MADR4_NAME, &text);
    assert_eq!(p.decision().status, None);
    assert_eq!(
        p.decision().metadata,
        vec![Meta {
            key: "status".into(),
            value: "on hold: waiting for budget".into()
        }]
    );
    let mut changed = p.decision().clone();
    changed.more.clear();
    let out = write_back(&p, &changed, p.format(), &[]);
    assert!(
        out.contains("status: \"on hold: waiting for budget\"\n"),
        "{out}"
    );
    assert_eq!(read(MADR4_NAME, &out).decision(), &changed);
}

#[test]
fn sections_fulcrum_has_no_field_for_are_kept_in_order() {
    let text = format!(
        "{NYGARD1}\n## Notes\n\nAsk Ana about the wiki.\n\n## Decision Drivers\n\nWe wanted:\n\n* speed\n"
    );
    let p = read(NYGARD1_NAME, &text);
    let d = p.decision();
    let headings: Vec<&str> = d.sections.iter().map(|s| s.heading.as_str()).collect();
    // The drivers have prose before their list, so they are kept whole too.
    assert_eq!(headings, ["Notes", "Decision Drivers"]);
    assert!(d.drivers.is_empty());
    assert_eq!(d.sections[1].body, "We wanted:\n\n* speed");
    let mut changed = d.clone();
    changed.status = Some(Status::Deprecated);
    let out = render(&changed, Format::Madr4, &[]);
    assert!(out.ends_with(
        "## Notes\n\nAsk Ana about the wiki.\n\n## Decision Drivers\n\nWe wanted:\n\n* speed\n"
    ));
    assert_eq!(read(NYGARD1_NAME, &out).decision(), &changed);
}

#[test]
fn a_decision_round_trips_through_json() {
    let d = read(MADR4_NAME, MADR4).decision().clone();
    let json = serde_json::to_string(&d).unwrap();
    assert!(json.contains(r#""status":"accepted""#), "{json}");
    assert!(json.contains(r#""date":"2024-05-13""#));
    let back: Decision = serde_json::from_str(&json).unwrap();
    assert_eq!(back, d);
    let minimal: Decision = serde_json::from_str(r#"{"title":"Use X"}"#).unwrap();
    assert_eq!(minimal, Decision::new("Use X"));
}

// Rendering then reading gives the decision back, in every layout, for decisions made of the
// parts each layout carries.

fn line() -> impl Strategy<Value = String> {
    "[a-z][a-z ,]{0,24}[a-z.]"
}

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(line(), 1..3).prop_map(|l| l.join("\n"))
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        paragraph(),
        (paragraph(), paragraph()).prop_map(|(a, b)| format!("{a}\n\n{b}")),
        prop::collection::vec(line(), 1..4).prop_map(|l| format!("* {}", l.join("\n* "))),
        prop::collection::vec(line(), 1..3).prop_map(|l| format!("- {}", l.join("\n- "))),
        (paragraph(), line()).prop_map(|(p, l)| format!(
            "{p}\n\n```sh\n# {l}\n## {l}\n### {l}\n```\n\n1. {l}\n2. [{l}](https://example.com/{l})"
        )),
    ]
}

fn consequences() -> impl Strategy<Value = String> {
    prop_oneof![
        text(),
        (
            prop::collection::vec(line(), 0..3),
            prop::collection::vec(line(), 0..3)
        )
            .prop_map(|(good, bad)| {
                let good = good.iter().map(|g| format!("* Good, because {g}"));
                let bad = bad.iter().map(|b| format!("* Bad, because {b}"));
                good.chain(bad).collect::<Vec<_>>().join("\n")
            }),
    ]
}

fn item() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => line(),
        1 => (line(), line()).prop_map(|(a, b)| format!("{a}\n{b}")),
    ]
}

fn items(max: usize) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(item(), 0..max)
}

fn people() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec("[A-Z][a-zé']{1,7}( [A-Z][a-z]{1,7})?", 0..3)
}

fn title() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Z][a-z]{2,8}( [a-z]{2,8}){0,4}",
        Just("Réécrire le cache en Rust".to_string()),
        Just("日本語のタイトル".to_string()),
    ]
}

fn options() -> impl Strategy<Value = Vec<ConsideredOption>> {
    let option = (text(), items(3), items(2), items(3));
    prop::collection::vec(option, 0..4).prop_map(|list| {
        list.into_iter()
            .enumerate()
            .map(|(i, (description, pros, neutral, cons))| ConsideredOption {
                name: format!("Option {i}"),
                description,
                pros,
                neutral,
                cons,
            })
            .collect()
    })
}

fn metadata() -> impl Strategy<Value = Vec<Meta>> {
    let key = prop::sample::select(vec!["Tags", "Technical Story", "Ticket", "Component"]);
    let value = "[a-z0-9]([a-z0-9 ,:#'\"\\[\\]-]{0,14}[a-z0-9\\]])?";
    prop::collection::vec((key, value), 0..3).prop_map(|list| {
        list.into_iter()
            .map(|(key, value)| Meta {
                key: key.into(),
                value,
            })
            .collect()
    })
}

fn status() -> impl Strategy<Value = Option<Status>> {
    prop::option::of(prop::sample::select(Status::ALL.to_vec()))
}

fn links_strategy() -> impl Strategy<Value = BTreeSet<Link>> {
    let kind = prop::sample::select(LinkKind::ALL.to_vec());
    prop::collection::btree_set((kind, 0..60u32).prop_map(|(k, n)| Link::new(k, n)), 0..4)
}

fn extra_sections() -> impl Strategy<Value = Vec<Section>> {
    prop::collection::vec(("[A-Z][a-z]{3,8} notes", text()), 0..3).prop_map(|list| {
        list.into_iter()
            .map(|(heading, body)| Section { heading, body })
            .collect()
    })
}

prop_compose! {
    fn decision()(
        (number, title, status, day, deciders, consulted, informed) in (
            prop::option::of(0..10_000u32),
            title(),
            status(),
            prop::option::of((2000..2030i16, 1..13i8, 1..29i8)),
            people(),
            people(),
            people(),
        ),
        (metadata, summary, context, drivers, options) in
            (metadata(), text(), text(), items(4), options()),
        (outcome, consequences, confirmation, more, links, sections) in (
            text(), consequences(), text(), text(), links_strategy(), extra_sections(),
        ),
    ) -> Decision {
        Decision {
            number,
            title,
            status,
            date: day.map(|(y, m, d)| date(y, m, d)),
            deciders,
            consulted,
            informed,
            metadata,
            summary,
            context,
            drivers,
            options,
            outcome,
            consequences,
            confirmation,
            more,
            links,
            sections,
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn rendering_then_reading_gives_the_decision_back(
        d in decision(),
        format in prop::sample::select(Format::ALL.to_vec()),
        with_entries in any::<bool>(),
    ) {
        let day = date(2024, 2, 29);
        let entries: Vec<Entry> = if with_entries {
            d.links
                .iter()
                .map(|l| {
                    let title = format!("Decision {}", l.number);
                    let file = file_name(l.number, &title, format, day);
                    Entry { number: l.number, title, file }
                })
                .collect()
        } else {
            Vec::new()
        };
        let text = render(&d, format, &entries);
        let name = match d.number {
            Some(n) => file_name(n, &d.title, format, day),
            None if format == Format::Log4brains => file_name(0, &d.title, format, day),
            None => format!("{}.md", slug(&d.title)),
        };
        let is_record = d.number.is_some()
            || format == Format::Log4brains
            || d.status.is_some()
            || d.date.is_some()
            || !(d.deciders.is_empty() && d.consulted.is_empty() && d.informed.is_empty())
            || !(d.context.is_empty() && d.drivers.is_empty() && d.options.is_empty())
            || !(d.outcome.is_empty() && d.consequences.is_empty())
            || !(d.confirmation.is_empty() && d.more.is_empty());
        prop_assume!(is_record);
        let mut back = parse(&name, &text)
            .map_err(|e| TestCaseError::fail(format!("{e}:\n{text}")))?;
        if let (Format::Log4brains, Some(n)) = (format, d.number) {
            back.renumber(n);
        }
        back.resolve(&entries);
        prop_assert_eq!(back.decision(), &d, "{} as {}:\n{}", name, format, text);
    }
}

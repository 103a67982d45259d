//! The demo team's decision log: a dozen decisions over the year, one superseded by a later
//! one, one rejected, one deprecated, and a proposal left waiting for more than four weeks.

use crate::error::Result;
use fulcrum_core::decisions::{self, ConsideredOption, Decision, DecisionRecord, Format, Status};
use fulcrum_core::time;
use fulcrum_store::Store;
use fulcrum_store::kept::add_change;
use jiff::civil::Date;

/// Title, days before today, status, context, the options (the first chosen), deciders.
type Row = (
    &'static str,
    i64,
    Status,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

const LOG: [Row; 12] = [
    (
        "Record architecture decisions",
        350,
        Status::Accepted,
        "Decisions get lost in chat threads and meeting notes; new joiners ask why things are the way they are.",
        &["Decision records in the repository", "A wiki page"],
        &["Alex Rivera"],
    ),
    (
        "Split the ledger out of the payments monolith",
        320,
        Status::Accepted,
        "Ledger changes wait on the whole payments release train; two teams step on each other in one module.",
        &[
            "A separate ledger service",
            "Modules with enforced boundaries inside the monolith",
        ],
        &["Alex Rivera", "Ravi Menon"],
    ),
    (
        "Use PostgreSQL for the ledger",
        300,
        Status::Accepted,
        "The ledger needs transactions, constraints and point-in-time recovery.",
        &["PostgreSQL", "DynamoDB"],
        &["Alex Rivera", "Priya Nair"],
    ),
    (
        "Publish ledger events to Kafka",
        270,
        Status::Superseded,
        "Downstream teams poll the ledger for changes and load it at month end.",
        &["Kafka topics per event type", "Webhooks"],
        &["Alex Rivera"],
    ),
    (
        "Use idempotency keys on every payment API",
        240,
        Status::Accepted,
        "Retries from the mobile clients create double charges.",
        &[
            "Idempotency keys stored for 24 hours",
            "Deduplication downstream",
        ],
        &["Priya Nair", "Jonas Weber"],
    ),
    (
        "Adopt OpenTelemetry for tracing",
        200,
        Status::Accepted,
        "Three tracing libraries, none across service boundaries.",
        &["OpenTelemetry with the collector", "The vendor's agent"],
        &["Tomás García"],
    ),
    (
        "Move ledger events to the shared event bus",
        160,
        Status::Accepted,
        "The platform team now runs an event bus for every team; our own Kafka cluster costs an on-call rotation.",
        &["The shared event bus", "Keep our Kafka cluster"],
        &["Alex Rivera", "Ravi Menon"],
    ),
    (
        "Run nightly reconciliation against the bank files",
        130,
        Status::Accepted,
        "Mismatches between our ledger and the bank's are found by finance, weeks late.",
        &["A nightly job with alerts", "A weekly manual check"],
        &["Priya Nair"],
    ),
    (
        "Write services in Go instead of Kotlin",
        110,
        Status::Rejected,
        "Two new joiners prefer Go; the team's services are Kotlin.",
        &["Go for new services", "Stay with Kotlin"],
        &["Alex Rivera", "Jonas Weber"],
    ),
    (
        "Keep feature flags in the config repository",
        90,
        Status::Deprecated,
        "Flags are changed by deploying; product wants to flip them without us.",
        &["The config repository", "A flag service"],
        &["Aisha Bello"],
    ),
    (
        "Use contract tests between billing and ledger",
        60,
        Status::Accepted,
        "End-to-end tests break weekly for reasons unrelated to the change under test.",
        &["Consumer-driven contract tests", "More end-to-end tests"],
        &["Aisha Bello", "Lars Berg"],
    ),
    (
        "Shard the ledger by merchant",
        40,
        Status::Proposed,
        "The largest merchants' month-end batches slow everyone's writes.",
        &[
            "Shard by merchant",
            "Partition tables by month",
            "A bigger instance",
        ],
        &["Alex Rivera", "Ravi Menon"],
    ),
];

fn decision(number: u32, row: &Row, today: Date) -> Decision {
    let (title, days, status, context, options, deciders) = row;
    let mut d = Decision::new(*title);
    d.number = Some(number);
    d.status = Some(*status);
    d.date = Some(time::add_days(today, -days));
    d.context = context.to_string();
    d.deciders = deciders.iter().map(|s| s.to_string()).collect();
    d.options = options.iter().map(|o| ConsideredOption::new(*o)).collect();
    if *status != Status::Proposed {
        d.outcome = format!(
            "Chosen option: \"{}\", because it fits what the team can run.",
            options[0]
        );
    }
    d
}

pub async fn build(store: &dyn Store, today: Date) -> Result<()> {
    let mut log: Vec<Decision> = LOG
        .iter()
        .zip(1u32..)
        .map(|(row, n)| decision(n, row, today))
        .collect();
    // The shared event bus (7) replaced our own Kafka topics (4).
    let (head, tail) = log.split_at_mut(6);
    decisions::supersede(&mut head[3], &mut tail[0]).expect("4 and 7 are numbered and distinct");
    let changes = log
        .into_iter()
        .map(|decision| {
            add_change(&DecisionRecord {
                decision,
                folder: None,
                file: None,
                format: Format::Madr4,
                original: None,
            })
        })
        .collect::<std::result::Result<Vec<_>, _>>()?;
    store.write_records(&changes).await?;
    Ok(())
}

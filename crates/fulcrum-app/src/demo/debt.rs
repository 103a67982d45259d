//! The demo team's debt wall over the year: ten items of every type, one tolerated with its
//! reason, one done, most with a champion; and the 20 % policy. The demo's time logged as
//! "Tech debt: …" counts as debt work, well under the target in recent weeks, so the coach
//! raises `debt-allocation-below`.

use crate::error::Result;
use fulcrum_core::debt::{DebtItem, DebtPolicy, DebtType, Scores, Status};
use fulcrum_core::time::add_days;
use fulcrum_store::Store;
use fulcrum_store::kept::add_change;
use jiff::civil::Date;

/// Title, type, area, scores (effort, value, risk, frequency, alignment), status, listed
/// (days from today), champion (index into the team).
type Entry = (
    &'static str,
    DebtType,
    &'static str,
    [u8; 5],
    Status,
    i64,
    Option<usize>,
);

const WALL: [Entry; 10] = [
    (
        "Flaky checkout integration tests make CI unstable",
        DebtType::Test,
        "ci",
        [2, 5, 3, 5, 4],
        Status::InProgress,
        -60,
        Some(3),
    ),
    (
        "HTTP client two major versions behind",
        DebtType::Drift,
        "payments-api",
        [3, 4, 4, 2, 3],
        Status::Prioritised,
        -120,
        Some(1),
    ),
    (
        "Retry logic copied into four services",
        DebtType::Intentional,
        "retries",
        [3, 4, 3, 4, 3],
        Status::Listed,
        -200,
        Some(0),
    ),
    (
        "Webhook signatures use SHA-1",
        DebtType::Security,
        "webhooks",
        [2, 4, 5, 1, 4],
        Status::Prioritised,
        -45,
        Some(2),
    ),
    (
        "Legacy CSV export nobody owns",
        DebtType::Product,
        "reporting",
        [4, 2, 2, 1, 1],
        Status::Tolerated,
        -300,
        None,
    ),
    (
        "Terraform state in one file for every environment",
        DebtType::Infra,
        "infra",
        [4, 4, 4, 2, 3],
        Status::Listed,
        -150,
        Some(4),
    ),
    (
        "Ledger module without an owner after the split",
        DebtType::Intentional,
        "ledger",
        [1, 3, 2, 3, 3],
        Status::Done,
        -280,
        Some(1),
    ),
    (
        "Billing config read in three different ways",
        DebtType::Intentional,
        "billing",
        [1, 2, 2, 3, 2],
        Status::Listed,
        -90,
        None,
    ),
    (
        "No load tests for the refunds endpoint",
        DebtType::Test,
        "refunds",
        [2, 3, 4, 2, 5],
        Status::Listed,
        -20,
        Some(2),
    ),
    (
        "Postgres 12 past end of life",
        DebtType::Drift,
        "database",
        [4, 5, 5, 1, 4],
        Status::Listed,
        -75,
        Some(0),
    ),
];

const TOLERATED: &str = "Three merchants still use it and it is retired with the v1 API next quarter; rewriting it now buys nothing";

/// `team` is the demo's reports in the order of `demo::TEAM`.
pub async fn build(store: &dyn Store, team: &[i64], today: Date) -> Result<()> {
    let mut changes = vec![add_change(&DebtPolicy::default())?];
    for (
        title,
        kind,
        area,
        [effort, value, risk, frequency, alignment],
        status,
        listed,
        champion,
    ) in WALL
    {
        let item = DebtItem {
            title: title.into(),
            kind,
            area: area.into(),
            context: format!("Found while working in {area}; written up at a retro."),
            impact: "Slows every change in this area and keeps coming up in retros.".into(),
            links: vec![format!("https://tracker.example.com/DEBT-{}", -listed)],
            scores: Scores {
                effort,
                value,
                risk,
                frequency,
                alignment,
            },
            status,
            tolerated_reason: (status == Status::Tolerated).then(|| TOLERATED.into()),
            champion: champion.map(|i| team[i]),
            created_on: add_days(today, listed),
            done_on: (status == Status::Done).then(|| add_days(today, -180)),
        };
        changes.push(add_change(&item)?);
    }
    store.write_records(&changes).await?;
    Ok(())
}

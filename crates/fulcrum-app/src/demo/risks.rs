//! The demo team's risk log over the year: eight risks across the bands and the four
//! strategies. The slow CI pipeline was accepted and its review date has passed; nobody owns
//! the ledger knowledge sitting with one person; the stalling queue consumer happened and is
//! linked to the payouts incident; the card-scheme logging risk was mitigated and closed.

use crate::error::Result;
use fulcrum_core::incidents::Incident;
use fulcrum_core::risks::{Audience, Category, Owner, Risk, Status, Strategy, Told};
use fulcrum_core::time::add_days;
use fulcrum_store::kept::add_change;
use fulcrum_store::{Records, Store};
use jiff::civil::Date;

/// The incident the stalling consumer became.
const PAYOUTS: &str = "Payouts delayed by a stuck queue consumer";

/// A risk identified `identified` days from today, open and owned by nobody yet.
fn risk(
    event: &str,
    consequence: &str,
    category: Category,
    pi: (u8, u8),
    identified: Date,
) -> Risk {
    Risk {
        event: event.into(),
        consequence: consequence.into(),
        category,
        probability: pi.0,
        impact: pi.1,
        strategy: None,
        plan: None,
        owner: None,
        status: Status::Open,
        identified_on: identified,
        review_on: None,
        reviewed_on: None,
        told: vec![],
        incident: None,
    }
}

fn group(name: &str, on: Date) -> Told {
    Told {
        who: Audience::Group(name.into()),
        on,
    }
}

fn person(id: i64, on: Date) -> Told {
    Told {
        who: Audience::Person(id),
        on,
    }
}

fn decided(mut r: Risk, strategy: Strategy, plan: &str, owner: Owner) -> Risk {
    r.set_strategy(Some(strategy));
    r.plan = Some(plan.into());
    r.owner = Some(owner);
    r
}

/// `team` is the demo's reports in the order of `demo::TEAM`; the incidents are written.
pub async fn build(store: &dyn Store, team: &[i64], today: Date) -> Result<()> {
    let day = |d: i64| add_days(today, d);
    let payouts = store
        .all::<Incident>()
        .await?
        .into_iter()
        .find(|i| i.record.title == PAYOUTS)
        .map(|i| i.id);

    let mut provider = decided(
        risk(
            "The payment provider being down at checkout",
            "lost orders and angry merchants",
            Category::ThirdParty,
            (3, 5),
            day(-300),
        ),
        Strategy::Mitigate,
        "Accept orders while the provider is down and take the payments when it is back; alert on the provider's error rate.",
        Owner::Person(team[0]),
    );
    provider.told = vec![group("leadership", day(-296)), group("product", day(-290))];
    provider.reviewed_on = Some(day(-9));
    provider.review_on = Some(day(5));

    let mut uploads = decided(
        risk(
            "Merchants uploading any file type with a preview",
            "malware reaching the support staff's machines",
            Category::Security,
            (2, 5),
            day(-260),
        ),
        Strategy::Avoid,
        "Take PDF uploads only, scan each with the antivirus, show no preview.",
        Owner::Person(team[3]),
    );
    uploads.told = vec![group("security", day(-258)), person(team[0], day(-250))];
    uploads.reviewed_on = Some(day(-20));
    uploads.review_on = Some(day(8));

    let mut ci = decided(
        risk(
            "The CI pipeline taking 40 minutes",
            "fewer, larger releases that are harder to roll back",
            Category::Delivery,
            (4, 2),
            day(-120),
        ),
        Strategy::Accept,
        "Live with it until the refunds launch; the build cache work is planned after it. Watch the releases per week.",
        Owner::Me,
    );
    ci.told = vec![person(team[1], day(-118))];
    ci.reviewed_on = Some(day(-34));
    ci.review_on = Some(day(-6));

    let mut consumer = decided(
        risk(
            "A queue consumer stalling without an alert",
            "payouts delayed for hours",
            Category::Operations,
            (3, 4),
            day(-160),
        ),
        Strategy::Mitigate,
        "Alert on the age of the oldest message; restart the consumer from the runbook.",
        Owner::Person(team[1]),
    );
    consumer.told = vec![group("operations", day(-158))];
    if let Some(id) = payouts {
        consumer.happened(id);
    }

    let mut ledger_knowledge = risk(
        "Only Jonas knowing how the ledger service reconciles",
        "slow recovery when it breaks while he is away",
        Category::People,
        (3, 3),
        day(-40),
    );
    ledger_knowledge.review_on = Some(day(10));

    let mut auth = decided(
        risk(
            "Keeping our own login and password code",
            "an account takeover we cannot detect",
            Category::Architecture,
            (2, 5),
            day(-220),
        ),
        Strategy::Transfer,
        "Move sign-in to the company's identity provider; the identity team runs it.",
        Owner::Person(team[2]),
    );
    auth.told = vec![
        group("leadership", day(-215)),
        group("identity team", day(-214)),
    ];
    auth.reviewed_on = Some(day(-30));
    auth.review_on = Some(day(26));

    let mut staging = decided(
        risk(
            "Staging drifting from production",
            "surprises on release day",
            Category::Delivery,
            (2, 3),
            day(-90),
        ),
        Strategy::Accept,
        "Diff the two environments' configuration once a month; rebuild staging from scratch each quarter.",
        Owner::Person(team[4]),
    );
    staging.review_on = Some(day(20));

    let mut audit = decided(
        risk(
            "Card numbers written to the request logs",
            "failing the card-scheme audit",
            Category::Security,
            (2, 5),
            day(-330),
        ),
        Strategy::Mitigate,
        "Mask card numbers in the logging middleware; purge the old logs.",
        Owner::Person(team[3]),
    );
    audit.told = vec![group("leadership", day(-329))];
    audit.reviewed_on = Some(day(-170));
    audit.status = Status::Closed;

    let changes = [
        provider,
        uploads,
        ci,
        consumer,
        ledger_knowledge,
        auth,
        staging,
        audit,
    ]
    .iter()
    .map(add_change)
    .collect::<std::result::Result<Vec<_>, _>>()?;
    store.write_records(&changes).await?;
    Ok(())
}

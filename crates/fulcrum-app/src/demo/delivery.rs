//! The demo team's delivery year: a deploy log of the repository's own commits (a few
//! deployments a week, some failing), and three incidents of different severities — one
//! caused by a deployment, one at night on a weekend — each with roles, a timeline, a full
//! blameless postmortem and actions, one of them left overdue for the coach to raise.

use super::Rng;
use crate::error::Result;
use fulcrum_core::delivery::{Deploy, DeployStatus};
use fulcrum_core::incidents::{Action, Incident, Postmortem, TimelineEntry};
use fulcrum_core::time;
use fulcrum_store::Store;
use fulcrum_store::kept::add_change;
use jiff::civil::{Date, Time, Weekday};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

/// The service the demo repository deploys as.
const SERVICE: &str = "payments";

fn at(day: Date, hour: i8, minute: i8, tz: &TimeZone) -> Timestamp {
    time::local_instant(day, Time::constant(hour, minute, 0, 0), tz)
}

/// The last `weekday` on or before `day`.
fn last(weekday: Weekday, day: Date) -> Date {
    let back = (day.weekday().to_monday_zero_offset() - weekday.to_monday_zero_offset() + 7) % 7;
    time::add_days(day, -i64::from(back))
}

/// Writes the deploy log and the incidents; `team` are the reports' ids.
pub async fn build(store: &dyn Store, team: &[i64], today: Date, tz: &TimeZone) -> Result<()> {
    let mut rng = Rng::new(0x0de9_1075);
    let night_friday = last(Weekday::Friday, time::add_days(today, -200));
    let deploys = deploy_log(store, &mut rng, today, night_friday, tz).await?;
    let changes = deploys
        .iter()
        .map(add_change)
        .collect::<std::result::Result<Vec<_>, _>>()?;
    store.write_records(&changes).await?;
    let culprit = deploys
        .iter()
        .find(|d| time::local_date(d.deployed_at, tz) == night_friday)
        .map(|d| d.commit.clone());
    let incidents = [
        weekend_outage(team, night_friday, culprit, tz),
        evening_backlog(team, last(Weekday::Tuesday, time::add_days(today, -75)), tz),
        slow_reports(
            team,
            last(Weekday::Wednesday, time::add_days(today, -20)),
            tz,
        ),
    ];
    let changes = incidents
        .iter()
        .map(add_change)
        .collect::<std::result::Result<Vec<_>, _>>()?;
    store.write_records(&changes).await?;
    Ok(())
}

/// Weekday afternoons, about three days a week, each deploying the newest commit not yet
/// deployed; one in ten fails. The Friday before the weekend outage always deploys and its
/// deployment goes out looking fine.
async fn deploy_log(
    store: &dyn Store,
    rng: &mut Rng,
    today: Date,
    must: Date,
    tz: &TimeZone,
) -> Result<Vec<Deploy>> {
    let first = time::add_days(today, -364);
    let mut commits = store
        .commits_between(
            time::day_start(first, tz).as_second(),
            time::day_start(today, tz).as_second(),
        )
        .await?;
    commits.sort_by_key(|c| c.author_at);
    let mut deploys = Vec::new();
    let mut next = 0;
    for day in time::dates(first, today) {
        if day.weekday().to_monday_zero_offset() >= 5 || (day != must && !rng.chance(0.6)) {
            continue;
        }
        let when = at(day, 15, rng.below(50) as i8, tz);
        let mut newest = None;
        while next < commits.len() && commits[next].author_at < when.as_second() {
            newest = Some(next);
            next += 1;
        }
        let Some(c) = newest else { continue };
        let failed = day != must && rng.chance(0.1);
        deploys.push(Deploy {
            deployed_at: when,
            commit: commits[c].oid.to_ascii_lowercase(),
            service: Some(SERVICE.into()),
            status: if failed {
                DeployStatus::Failure
            } else {
                DeployStatus::Success
            },
        });
    }
    Ok(deploys)
}

fn entry(t: Timestamp, text: &str, by: Option<i64>) -> TimelineEntry {
    TimelineEntry {
        at: t,
        text: text.into(),
        by,
    }
}

fn action(
    text: &str,
    owner: i64,
    due: Option<Date>,
    done_on: Option<Date>,
    priority: bool,
) -> Action {
    Action {
        text: text.into(),
        owner: Some(owner),
        due,
        done_on,
        priority,
    }
}

fn minutes(m: i64) -> SignedDuration {
    SignedDuration::from_mins(m)
}

/// Severity 1, Saturday night: Friday's deployment let a migration lock the payments table.
fn weekend_outage(team: &[i64], friday: Date, deploy: Option<String>, tz: &TimeZone) -> Incident {
    let saturday = time::add_days(friday, 1);
    let start = at(saturday, 23, 10, tz);
    let mut i = Incident::new("Card payments failing after the ledger migration", 1, start);
    i.resolved = Some(start + minutes(140));
    i.deploy = deploy;
    i.owner = Some(team[0]);
    i.solvers = vec![team[1], team[2]];
    i.communicator = Some(team[3]);
    i.timeline = vec![
        entry(
            start,
            "Error-rate alert on card authorisations pages the on-call engineer",
            None,
        ),
        entry(
            start + minutes(12),
            "Owner declares a severity 1 and opens the incident channel",
            Some(team[0]),
        ),
        entry(
            start + minutes(25),
            "Status page updated: card payments failing",
            Some(team[3]),
        ),
        entry(
            start + minutes(48),
            "Lock on the payments table traced to the migration of Friday's release",
            Some(team[1]),
        ),
        entry(
            start + minutes(95),
            "Release rolled back; the migration's lock released",
            Some(team[2]),
        ),
        entry(
            start + minutes(140),
            "Error rate back to normal; status page resolved",
            Some(team[3]),
        ),
    ];
    let done = time::add_days(saturday, 10);
    i.postmortem = Some(Postmortem {
        summary: "For two hours and twenty minutes on a Saturday night, most card payments failed: a migration shipped in Friday's release took a lock on the payments table once the nightly settlement job started.".into(),
        impact: "About 80 % of card authorisations failed between 23:10 and 01:30; roughly 4,000 customers saw an error at checkout. No payment was taken twice and no data was lost.".into(),
        detection: "The error-rate alert on authorisations fired within two minutes; no customer report came before it.".into(),
        response: "The on-call engineer paged the owner, who declared a severity 1, named two solvers and a communicator, and kept the senior managers' questions away from the solvers.".into(),
        recovery: "Rolling back the release released the lock. The migration was rewritten to run in batches and shipped the next Tuesday, in working hours.".into(),
        timeline: String::new(),
        contributing_factors: vec![
            "The migration was tested on a copy of the database without the settlement job running".into(),
            "Releases went out on Friday afternoons with nobody watching the first night".into(),
            "The runbook did not say that a rollback is safe for this service".into(),
        ],
        went_well: vec![
            "The alert fired before any customer told us".into(),
            "Roles were named in the first quarter hour and the solvers were left to work".into(),
        ],
        actions: vec![
            action("Run migrations in batches with a lock timeout", team[1], Some(time::add_days(saturday, 14)), Some(done), true),
            action("No releases after Thursday noon without a second reviewer on call", team[0], Some(time::add_days(saturday, 7)), Some(time::add_days(saturday, 5)), false),
            action("Add 'rollback is safe' to the payments runbook", team[2], Some(time::add_days(saturday, 21)), Some(time::add_days(saturday, 18)), false),
        ],
    });
    i
}

/// Severity 2, a Tuesday evening: the payout queue backed up; one action is still not done.
fn evening_backlog(team: &[i64], tuesday: Date, tz: &TimeZone) -> Incident {
    let start = at(tuesday, 19, 30, tz);
    let mut i = Incident::new("Payouts delayed by a stuck queue consumer", 2, start);
    i.resolved = Some(start + minutes(135));
    i.owner = Some(team[2]);
    i.solvers = vec![team[4]];
    i.communicator = Some(team[0]);
    i.timeline = vec![
        entry(
            start,
            "Merchant support reports payouts not arriving",
            Some(team[0]),
        ),
        entry(
            start + minutes(20),
            "Queue depth on payouts found at 40,000 and growing",
            Some(team[4]),
        ),
        entry(
            start + minutes(70),
            "A consumer stuck on a malformed message; the message moved aside",
            Some(team[4]),
        ),
        entry(
            start + minutes(135),
            "Backlog drained; merchants told by e-mail",
            Some(team[0]),
        ),
    ];
    let resolved_on = time::local_date(start + minutes(135), tz);
    i.postmortem = Some(Postmortem {
        summary: "Payouts to merchants were delayed by up to two hours because one queue consumer stopped on a malformed message and the others waited behind it.".into(),
        impact: "About 600 merchants received their payouts up to two hours late; no payout was lost.".into(),
        detection: "Merchant support noticed first, forty minutes after the queue stopped: there was no alert on the queue's depth.".into(),
        response: "The owner named a solver and took the merchant communication on themselves; the solver found the stuck consumer from its logs.".into(),
        recovery: "The malformed message was moved to a dead-letter queue by hand and the backlog drained within an hour.".into(),
        timeline: String::new(),
        contributing_factors: vec![
            "Consumers retried a message that can never succeed forever instead of setting it aside".into(),
            "Queue depth had no alert".into(),
        ],
        went_well: vec!["Merchant support had a direct line to the on-call engineer".into()],
        actions: vec![
            action("Alert when the payouts queue is deeper than 5,000 messages", team[4], None, Some(time::add_days(resolved_on, 6)), true),
            action("Send messages that fail five times to a dead-letter queue", team[2], Some(time::add_days(resolved_on, 45)), None, true),
        ],
    });
    i
}

/// Severity 3, in working hours: monthly reports slow for merchants; a fresh postmortem with
/// its actions still ahead of their dates.
fn slow_reports(team: &[i64], wednesday: Date, tz: &TimeZone) -> Incident {
    let start = at(wednesday, 11, 0, tz);
    let mut i = Incident::new("Merchant reports timing out", 3, start);
    i.resolved = Some(start + minutes(75));
    i.owner = Some(team[3]);
    i.solvers = vec![team[1]];
    i.communicator = Some(team[3]);
    i.timeline = vec![
        entry(
            start,
            "Dashboards show report requests timing out for the largest merchants",
            Some(team[3]),
        ),
        entry(
            start + minutes(30),
            "A missing index on the new reporting table found",
            Some(team[1]),
        ),
        entry(
            start + minutes(75),
            "Index built online; reports back under two seconds",
            Some(team[1]),
        ),
    ];
    i.postmortem = Some(Postmortem {
        summary: "Monthly reports timed out for the largest merchants for an hour and a quarter after the reporting table was moved.".into(),
        impact: "Around 40 large merchants could not download their monthly report; payments were not affected.".into(),
        detection: "The latency dashboard, watched during the morning check.".into(),
        response: "The owner asked one engineer to look into it and kept support informed.".into(),
        recovery: "An index was built online on the new table.".into(),
        timeline: String::new(),
        contributing_factors: vec!["The table move was reviewed without its query plans".into()],
        went_well: vec!["Found in the morning check, before the month-end rush".into()],
        actions: vec![
            action("Check query plans in the review of every schema change", team[1], None, None, true),
            action("Add report latency to the service's SLOs", team[3], Some(time::add_days(wednesday, 30)), None, false),
        ],
    });
    i
}

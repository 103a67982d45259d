//! Checks of the delivery records: deployments filed under their UTC day, incidents that
//! name only the owner's people.

use crate::{Filter, Records, Store};
use fulcrum_core::delivery::{Deploy, DeployStatus};
use fulcrum_core::incidents::{Incident, TimelineEntry};
use jiff::civil::date;

pub async fn delivery_records_round_trip(store: &dyn Store) {
    // Late in the evening in New York is the next day in UTC: filed under the UTC day.
    let late = Deploy {
        deployed_at: "2026-03-02T23:30:00-05:00".parse().unwrap(),
        commit: "3f9c2a1b".into(),
        service: Some("checkout".into()),
        status: DeployStatus::Failure,
    };
    let early = Deploy {
        deployed_at: "2026-03-02T08:00:00Z".parse().unwrap(),
        commit: "0123abcd".into(),
        service: None,
        status: DeployStatus::Success,
    };
    let late = store.add(&late).await.unwrap();
    store.add(&early).await.unwrap();
    let on_3rd = store
        .find::<Deploy>(Filter::period(date(2026, 3, 3), date(2026, 3, 3)))
        .await
        .unwrap();
    assert_eq!(on_3rd, vec![late.clone()]);
    assert_eq!(store.all::<Deploy>().await.unwrap().len(), 2);

    let mut incident = Incident::new("Checkout down", 1, "2026-03-03T05:00:00Z".parse().unwrap());
    incident.resolved = Some("2026-03-03T06:30:00Z".parse().unwrap());
    incident.deploy = Some(late.record.commit.clone());
    incident.timeline.push(TimelineEntry {
        at: "2026-03-03T05:10:00Z".parse().unwrap(),
        text: "Rolled back".into(),
        by: None,
    });
    let kept = store.add(&incident).await.unwrap();
    assert_eq!(store.get::<Incident>(kept.id).await.unwrap(), kept);
    // An incident naming someone who is not in People is refused.
    let mut stranger = incident.clone();
    stranger.solvers = vec![987_654];
    assert!(store.add(&stranger).await.is_err());
    assert_eq!(store.count::<Incident>(Filter::default()).await.unwrap(), 1);
}

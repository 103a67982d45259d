//! The technical records a person has a part in, for their page: projects they own or work
//! on, risks they own, debt they champion, incidents they had a role in. The records name
//! their people; this is the way back from the person.

use crate::error::Result;
use fulcrum_core::debt::DebtItem;
use fulcrum_core::incidents::Incident;
use fulcrum_core::projects::{self, Project};
use fulcrum_core::risks::{Owner, Risk};
use fulcrum_store::{Records, Store};
use serde::Serialize;

/// What kind of record it is; the web maps it to the record's page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RecordKind {
    Project,
    Risk,
    Debt,
    Incident,
}

/// One record and the person's part in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Part {
    pub kind: RecordKind,
    pub id: i64,
    pub title: String,
    /// owner, member, champion, solver, communicator.
    pub role: &'static str,
}

/// The person's parts in live work: projects not done or cancelled, risks neither closed nor
/// happened, debt neither done nor tolerated; every incident, since on-call load is history.
pub async fn parts(store: &dyn Store, person: i64) -> Result<Vec<Part>> {
    let mut out = Vec::new();
    for p in store.all::<Project>().await? {
        let r = &p.record;
        let live = !matches!(
            r.status,
            projects::Status::Done | projects::Status::Cancelled
        );
        let role = if r.owner == person {
            Some("owner")
        } else {
            r.people.contains(&person).then_some("member")
        };
        if let (true, Some(role)) = (live, role) {
            out.push(part(RecordKind::Project, p.id, &r.name, role));
        }
    }
    for k in store.all::<Risk>().await? {
        if k.record.status.live() && k.record.owner == Some(Owner::Person(person)) {
            out.push(part(RecordKind::Risk, k.id, &k.record.statement(), "owner"));
        }
    }
    for d in store.all::<DebtItem>().await? {
        if d.record.status.is_open() && d.record.champion == Some(person) {
            out.push(part(RecordKind::Debt, d.id, &d.record.title, "champion"));
        }
    }
    for i in store.all::<Incident>().await?.into_iter().rev() {
        if let Some(role) = incident_role(&i.record, person) {
            out.push(part(RecordKind::Incident, i.id, &i.record.title, role));
        }
    }
    Ok(out)
}

fn part(kind: RecordKind, id: i64, title: &str, role: &'static str) -> Part {
    Part {
        kind,
        id,
        title: title.to_string(),
        role,
    }
}

fn incident_role(i: &Incident, person: i64) -> Option<&'static str> {
    if i.owner == Some(person) {
        Some("owner")
    } else if i.communicator == Some(person) {
        Some("communicator")
    } else {
        i.solvers.contains(&person).then_some("solver")
    }
}

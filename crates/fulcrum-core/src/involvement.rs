//! The technical records a person has a part in: projects they own or work on, risks they
//! own, debt they champion, incidents they had a role in. The records name their people; this
//! is the way back from the person to them.

use crate::debt::DebtItem;
use crate::growth::Keyed;
use crate::incidents::Incident;
use crate::projects::{self, Project};
use crate::risks::{Owner, Risk};
use serde::Serialize;

/// What kind of record it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RecordKind {
    Project,
    Risk,
    Debt,
    Incident,
}

impl RecordKind {
    /// The word JSON writes for it: `project`, `risk`, `debt` or `incident`.
    pub fn word(self) -> &'static str {
        match self {
            RecordKind::Project => "project",
            RecordKind::Risk => "risk",
            RecordKind::Debt => "debt",
            RecordKind::Incident => "incident",
        }
    }
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

/// The technical records to look through.
pub struct Records<'a> {
    pub projects: &'a [Keyed<Project>],
    pub risks: &'a [Keyed<Risk>],
    pub debt: &'a [Keyed<DebtItem>],
    pub incidents: &'a [Keyed<Incident>],
}

/// The person's parts in live work: projects not done or cancelled, risks neither closed nor
/// happened, debt neither done nor tolerated; and every incident, newest first, since on-call
/// load is history worth seeing.
pub fn parts(person: i64, r: &Records) -> Vec<Part> {
    let projects = r.projects.iter().filter_map(|p| {
        let live = !matches!(
            p.record.status,
            projects::Status::Done | projects::Status::Cancelled
        );
        let role = project_role(&p.record, person).filter(|_| live)?;
        Some(part(RecordKind::Project, p.id, &p.record.name, role))
    });
    let risks = r
        .risks
        .iter()
        .filter(|k| k.record.status.live() && k.record.owner == Some(Owner::Person(person)))
        .map(|k| part(RecordKind::Risk, k.id, &k.record.statement(), "owner"));
    let debt = r
        .debt
        .iter()
        .filter(|d| d.record.status.is_open() && d.record.champion == Some(person))
        .map(|d| part(RecordKind::Debt, d.id, &d.record.title, "champion"));
    let incidents = r.incidents.iter().rev().filter_map(|i| {
        let role = incident_role(&i.record, person)?;
        Some(part(RecordKind::Incident, i.id, &i.record.title, role))
    });
    projects.chain(risks).chain(debt).chain(incidents).collect()
}

fn part(kind: RecordKind, id: i64, title: &str, role: &'static str) -> Part {
    Part {
        kind,
        id,
        title: title.to_string(),
        role,
    }
}

fn project_role(p: &Project, person: i64) -> Option<&'static str> {
    if p.owner == person {
        Some("owner")
    } else {
        p.people.contains(&person).then_some("member")
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn keyed<T: serde::de::DeserializeOwned>(id: i64, v: serde_json::Value) -> Keyed<T> {
        Keyed {
            id,
            record: serde_json::from_value(v).unwrap(),
        }
    }

    fn project(id: i64, owner: i64, people: &[i64], status: &str) -> Keyed<Project> {
        keyed(
            id,
            json!({"name": format!("P{id}"), "purpose": "why", "owner": owner,
                   "status": status, "people": people}),
        )
    }

    fn incident(
        id: i64,
        owner: Option<i64>,
        solvers: &[i64],
        comms: Option<i64>,
    ) -> Keyed<Incident> {
        keyed(
            id,
            json!({"title": format!("I{id}"), "severity": 2, "started": "2026-03-01T10:00:00Z",
                   "owner": owner, "solvers": solvers, "communicator": comms}),
        )
    }

    fn roles(
        person: i64,
        projects: &[Keyed<Project>],
        incidents: &[Keyed<Incident>],
    ) -> Vec<(RecordKind, i64, &'static str)> {
        let r = Records {
            projects,
            risks: &[],
            debt: &[],
            incidents,
        };
        parts(person, &r)
            .into_iter()
            .map(|p| (p.kind, p.id, p.role))
            .collect()
    }

    #[test]
    fn a_kind_word_is_the_one_json_writes() {
        for k in [
            RecordKind::Project,
            RecordKind::Risk,
            RecordKind::Debt,
            RecordKind::Incident,
        ] {
            assert_eq!(serde_json::to_value(k).unwrap(), json!(k.word()));
        }
    }

    #[test]
    fn live_projects_name_their_owner_and_members_and_finished_ones_drop_out() {
        let projects = [
            project(1, 7, &[8], "active"),
            project(2, 8, &[7], "planned"),
            project(3, 7, &[], "done"),
            project(4, 9, &[7], "cancelled"),
        ];
        assert_eq!(
            roles(7, &projects, &[]),
            [
                (RecordKind::Project, 1, "owner"),
                (RecordKind::Project, 2, "member")
            ]
        );
        assert!(roles(5, &projects, &[]).is_empty());
    }

    #[test]
    fn every_incident_role_counts_newest_first() {
        let incidents = [
            incident(1, Some(7), &[], None),
            incident(2, None, &[7, 8], None),
            incident(3, Some(8), &[], Some(7)),
        ];
        assert_eq!(
            roles(7, &[], &incidents),
            [
                (RecordKind::Incident, 3, "communicator"),
                (RecordKind::Incident, 2, "solver"),
                (RecordKind::Incident, 1, "owner"),
            ]
        );
    }
}

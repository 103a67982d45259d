//! Relationships: who is due a contact (from the calendar and logged contacts, against the
//! cadence wanted), the commitments log with its nudges, and stakeholder conversation prep.

use crate::error::{AppError, Result};
use crate::lookup::{by_id, find, save};
use crate::people::{Records, non_empty};
use crate::profile::today;
use fulcrum_core::people::Person;
use fulcrum_core::privacy::Privacy;
use fulcrum_core::relationships::{
    Commitment, CommitmentStatus, ContactStatus, Interaction, InteractionKind, Nudge, PREP_PARTS,
    Prep,
};
use fulcrum_core::time;
use fulcrum_store::Store;
use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;
use std::fmt::Write as _;

/// Everyone active with their last contact; those due first, most overdue first.
pub async fn contacts(store: &dyn Store, now: Timestamp) -> Result<Vec<ContactStatus>> {
    let r = Records::load(store, now).await?;
    let mut out: Vec<ContactStatus> = r.active().map(|p| r.contact(p)).collect();
    out.sort_by_key(|c| (std::cmp::Reverse(c.overdue_days), c.name.clone()));
    Ok(out)
}

pub struct NewInteraction {
    pub person_id: i64,
    pub kind: InteractionKind,
    /// `None`: today.
    pub on: Option<Date>,
    pub note: Option<String>,
}

/// Logs a contact the calendar does not show.
pub async fn log_contact(
    store: &dyn Store,
    new: NewInteraction,
    now: Timestamp,
) -> Result<Interaction> {
    let r = Records::load(store, now).await?;
    r.person(new.person_id)?;
    let on = new.on.unwrap_or(r.today);
    if on > r.today {
        return Err(AppError::invalid(
            "--on",
            format!("{on} is still to come: log a contact once it happened"),
        ));
    }
    Ok(store
        .add_interaction(&Interaction {
            id: 0,
            person_id: new.person_id,
            on,
            kind: new.kind,
            note: non_empty(new.note),
        })
        .await?)
}

pub struct NewCommitment {
    /// A person's id or name, or anyone else's name.
    pub to: String,
    pub what: String,
    pub due: Date,
    /// `None`: today.
    pub made_on: Option<Date>,
}

pub async fn add_commitment(
    store: &dyn Store,
    new: NewCommitment,
    now: Timestamp,
) -> Result<Commitment> {
    let r = Records::load(store, now).await?;
    let what = non_empty(Some(new.what))
        .ok_or_else(|| AppError::invalid("what", "say what you promised"))?;
    let to = non_empty(Some(new.to))
        .ok_or_else(|| AppError::invalid("--to", "say who you promised it to (--to)"))?;
    let person = crate::people::resolve(&r.people, &to)?;
    let made_on = new.made_on.unwrap_or(r.today);
    if new.due < made_on {
        return Err(AppError::invalid(
            "--due",
            format!(
                "it is due {} but was promised on {made_on}: check --due",
                new.due
            ),
        ));
    }
    Ok(store
        .add_commitment(&Commitment {
            id: 0,
            person_id: person.as_ref().map(|p| p.id),
            to: person.map_or(to, |p| p.name),
            what,
            made_on,
            due: new.due,
            status: CommitmentStatus::Open,
            last_update_on: None,
            closed_on: None,
            note: None,
        })
        .await?)
}

/// Records that the lead told them where it stands; a new due date may come with it.
pub async fn update_commitment(
    store: &dyn Store,
    id: i64,
    note: Option<String>,
    new_due: Option<Date>,
    now: Timestamp,
) -> Result<Commitment> {
    let today = today(store, now).await?;
    let mut c: Commitment = find(store, id).await?;
    if !c.is_open() {
        return Err(AppError::conflict(
            "commitment",
            format!("commitment {id} is already {}", c.status),
        ));
    }
    c.last_update_on = Some(today);
    if let Some(d) = new_due {
        if d < today {
            return Err(AppError::invalid(
                "--due",
                format!("the new date {d} has already passed"),
            ));
        }
        c.due = d;
    }
    if let Some(n) = non_empty(note) {
        c.note = Some(n);
    }
    save(store, c).await
}

/// Closes a commitment: kept (done), or given up and said so (dropped).
pub async fn close_commitment(
    store: &dyn Store,
    id: i64,
    status: CommitmentStatus,
    note: Option<String>,
    now: Timestamp,
) -> Result<Commitment> {
    let today = today(store, now).await?;
    let mut c: Commitment = find(store, id).await?;
    if status == CommitmentStatus::Open {
        c.closed_on = None;
    } else {
        if !c.is_open() {
            return Err(AppError::conflict(
                "commitment",
                format!("commitment {id} is already {}", c.status),
            ));
        }
        c.closed_on = Some(today);
    }
    c.status = status;
    if let Some(n) = non_empty(note) {
        c.note = Some(n);
    }
    save(store, c).await
}

#[derive(Debug, Clone, Serialize)]
pub struct CommitmentLine {
    pub commitment: Commitment,
    pub days_left: i64,
    pub nudge: Option<Nudge>,
}

/// Commitments, open ones by due date; `all` includes kept and dropped ones.
pub async fn commitments(
    store: &dyn Store,
    all: bool,
    now: Timestamp,
) -> Result<Vec<CommitmentLine>> {
    let today = today(store, now).await?;
    let mut out: Vec<CommitmentLine> = store
        .commitments()
        .await?
        .into_iter()
        .filter(|c| all || c.is_open())
        .map(|c| CommitmentLine {
            days_left: time::days_between(today, c.due),
            nudge: c.nudge(today),
            commitment: c,
        })
        .collect();
    out.sort_by_key(|l| (!l.commitment.is_open(), l.commitment.due, l.commitment.id));
    Ok(out)
}

pub struct NewPrep {
    pub person_id: i64,
    pub topic: String,
    pub meeting_on: Option<Date>,
    pub reframe: Option<String>,
    pub relate: Option<String>,
    pub reinforce: Option<String>,
}

pub async fn add_prep(store: &dyn Store, new: NewPrep, now: Timestamp) -> Result<Prep> {
    let r = Records::load(store, now).await?;
    r.person(new.person_id)?;
    let topic = non_empty(Some(new.topic)).ok_or_else(|| {
        AppError::invalid("topic", "say what the conversation is about (a topic)")
    })?;
    Ok(store
        .add_prep(&Prep {
            id: 0,
            person_id: new.person_id,
            topic,
            meeting_on: new.meeting_on,
            reframe: non_empty(new.reframe),
            relate: non_empty(new.relate),
            reinforce: non_empty(new.reinforce),
            created_on: r.today,
        })
        .await?)
}

#[derive(Default)]
pub struct PrepEdit {
    pub topic: Option<String>,
    pub meeting_on: Option<Date>,
    pub reframe: Option<String>,
    pub relate: Option<String>,
    pub reinforce: Option<String>,
}

pub async fn edit_prep(store: &dyn Store, id: i64, e: PrepEdit) -> Result<Prep> {
    let mut p: Prep = find(store, id).await?;
    if let Some(t) = non_empty(e.topic) {
        p.topic = t;
    }
    if e.meeting_on.is_some() {
        p.meeting_on = e.meeting_on;
    }
    for (field, given) in [
        (&mut p.reframe, e.reframe),
        (&mut p.relate, e.relate),
        (&mut p.reinforce, e.reinforce),
    ] {
        if given.is_some() {
            *field = non_empty(given);
        }
    }
    save(store, p).await
}

/// A prep with what the lead knows about the stakeholder.
#[derive(Debug, Clone, Serialize)]
pub struct PrepSheet {
    pub prep: Prep,
    pub person: Person,
    pub contact: ContactStatus,
    pub open_commitments: Vec<Commitment>,
    /// The parts not thought through yet: field, label, question.
    pub gaps: Vec<(&'static str, &'static str, &'static str)>,
}

fn sheet(r: &Records, prep: &Prep) -> Result<PrepSheet> {
    let person = r.person(prep.person_id)?;
    let gaps = prep.gaps();
    Ok(PrepSheet {
        contact: r.contact(person),
        open_commitments: r
            .commitments
            .iter()
            .filter(|c| c.person_id == Some(person.id) && c.is_open())
            .cloned()
            .collect(),
        gaps: PREP_PARTS
            .iter()
            .filter(|(f, _, _)| gaps.contains(f))
            .copied()
            .collect(),
        person: Privacy::Hide.apply(person.clone()),
        prep: prep.clone(),
    })
}

/// Every prep with its sheet, the next meetings first.
pub async fn preps(store: &dyn Store, now: Timestamp) -> Result<Vec<PrepSheet>> {
    let r = Records::load(store, now).await?;
    let mut out = r
        .preps
        .iter()
        .map(|p| sheet(&r, p))
        .collect::<Result<Vec<_>>>()?;
    out.sort_by_key(|s| (s.prep.meeting_on.is_none(), s.prep.meeting_on, s.prep.id));
    Ok(out)
}

pub async fn prep_sheet(store: &dyn Store, id: i64, now: Timestamp) -> Result<PrepSheet> {
    let r = Records::load(store, now).await?;
    sheet(&r, by_id(&r.preps, id)?)
}

/// A prep as Markdown, to read just before the conversation.
pub fn prep_markdown(s: &PrepSheet) -> String {
    let p = &s.prep;
    let mut out = format!("# {} — with {}\n\n", p.topic, s.person.name);
    if let Some(d) = p.meeting_on {
        let _ = writeln!(out, "Meeting on {d}.\n");
    }
    let person = &s.person;
    let mut about = Vec::new();
    if !person.interests.is_empty() {
        about.push(format!("cares about {}", person.interests.join(", ")));
    }
    if let Some(w) = person.working_style {
        about.push(format!("working style: {w}"));
    }
    if let Some(f) = &person.feedback_style {
        about.push(format!("likes to hear things {f}"));
    }
    if let Some(last) = s.contact.last_contact {
        about.push(format!("last in touch {last}"));
    }
    if !about.is_empty() {
        let _ = writeln!(
            out,
            "About {}: {}.\n",
            person.first_name(),
            about.join("; ")
        );
    }
    for ((field, label, question), value) in
        PREP_PARTS.iter().zip([&p.reframe, &p.relate, &p.reinforce])
    {
        let _ = writeln!(out, "## {label}\n");
        match value {
            Some(v) => {
                let _ = writeln!(out, "{v}\n");
            }
            None => {
                let _ = writeln!(out, "_Not thought through yet ({field}):_ {question}\n");
            }
        }
    }
    if !s.open_commitments.is_empty() {
        out.push_str("## Open promises to them\n\n");
        for c in &s.open_commitments {
            let _ = writeln!(out, "- {} (due {})", c.what, c.due);
        }
    }
    out
}

/// What the relationships page shows: contacts due, commitments, preps.
#[derive(Debug, Clone, Serialize)]
pub struct Overview {
    pub contacts: Vec<ContactStatus>,
    pub commitments: Vec<CommitmentLine>,
    pub preps: Vec<PrepSheet>,
}

pub async fn overview(store: &dyn Store, now: Timestamp) -> Result<Overview> {
    Ok(Overview {
        contacts: contacts(store, now).await?,
        commitments: commitments(store, false, now).await?,
        preps: preps(store, now).await?,
    })
}

//! `fulcrum people …`: what each subcommand does and says.

use super::page::{
    page_table, people_table, suggestions_table, technical_lines, technical_markdown,
};
use super::{NewPersonArgs, ObserveArgs, PeopleCommand, person_id, user_tz};
use crate::output::{emit, show, show_doc};
use fulcrum_app::markdown::plural;
use fulcrum_app::people::{self, NewObservation, NewPerson, PersonEdit, review};
use fulcrum_app::{AppError, Result};
use fulcrum_core::privacy::Privacy;
use fulcrum_core::time;
use fulcrum_store::Store;
use jiff::Timestamp;
use std::io::IsTerminal;

/// `people show --format json`: the person's page and, beside it, the technical records
/// that name them.
#[derive(serde::Serialize)]
struct ShowDoc<'a> {
    #[serde(flatten)]
    page: &'a people::PersonPage,
    technical: &'a [people::technical::Part],
}

pub async fn people_cmd(store: &dyn Store, cmd: PeopleCommand, now: Timestamp) -> Result<()> {
    match cmd {
        PeopleCommand::Add(a) => {
            let format = a.format.format;
            let p = people::add(store, a.new_person(), now).await?;
            // The table shows no private field: it reads the hidden copy the JSON shows.
            show(format, &Privacy::Hide.apply(p), |p| {
                format!(
                    "Added {} ({}, id {}): 1:1 every {}, {}.",
                    p.name,
                    p.relation,
                    p.id,
                    plural(p.cadence_days, "day", "days"),
                    plural(p.duration_minutes, "minute", "minutes")
                )
            })
        }
        PeopleCommand::List {
            all,
            include_private,
            format,
        } => {
            let list = people::list(store, all, Privacy::from_flag(include_private)).await?;
            show(format.format, &list, people_table)
        }
        PeopleCommand::Show {
            person,
            include_private,
            format,
        } => {
            let id = person_id(store, &person).await?;
            let page = people::page(store, id, now, Privacy::from_flag(include_private)).await?;
            let technical = people::technical::parts(store, id).await?;
            let tz = user_tz(store).await?;
            show_doc(
                format.format,
                &ShowDoc {
                    page: &page,
                    technical: &technical,
                },
                || review::page_markdown(&page, &tz) + &technical_markdown(&technical),
                || page_table(&page, &tz) + &technical_lines(&technical),
            )
        }
        PeopleCommand::Edit {
            person,
            name,
            emails,
            relation,
            details: d,
            format,
        } => {
            let id = person_id(store, &person).await?;
            let list = |v: Vec<String>| (!v.is_empty()).then_some(v);
            let p = people::edit(
                store,
                id,
                PersonEdit {
                    name,
                    emails: list(emails),
                    relation,
                    team: d.team,
                    start_date: d.start,
                    cadence_days: d.cadence,
                    duration_minutes: d.minutes,
                    interests: list(d.interests),
                    knowledge: list(d.knowledge),
                    growth_goals: list(d.growth_goals),
                    working_style: d.working_style,
                    feedback_style: d.feedback_style,
                    contact_cadence_days: d.contact_cadence,
                    private_notes: d.notes,
                },
            )
            .await?;
            show(format.format, &Privacy::Hide.apply(p), |p| {
                format!("Updated {} (id {}).", p.name, p.id)
            })
        }
        PeopleCommand::Archive { person } => {
            let id = person_id(store, &person).await?;
            let p = people::archive(store, id).await?;
            emit(&format!(
                "Archived {} (id {}); their history is kept and `fulcrum people list --all` still shows them.",
                p.name, p.id
            ))
        }
        PeopleCommand::Restore { person } => {
            let id = people::named_in(store, &person, people::Prefer::Archived)
                .await?
                .id;
            let p = people::restore(store, id).await?;
            emit(&format!("{} (id {}) is listed again.", p.name, p.id))
        }
        PeopleCommand::Delete { person, yes } => {
            let id = person_id(store, &person).await?;
            delete(store, id, yes).await
        }
        PeopleCommand::Suggest(format) => {
            let list = people::suggestions(store, now).await?;
            show(format.format, &list, |l| suggestions_table(l))
        }
        PeopleCommand::Observe(a) => {
            let format = a.format.format;
            let id = person_id(store, &a.person).await?;
            let o = people::observe(store, a.observation(id), now).await?;
            show(format, &o, |o| {
                format!("Noted energy {} ({}) on {}.", o.energy, o.context, o.on)
            })
        }
        PeopleCommand::ReviewPrep {
            person,
            from,
            to,
            include_private,
        } => {
            let id = person_id(store, &person).await?;
            let today = time::local_date(now, &user_tz(store).await?);
            let (from, to) = review::period(from, to, today);
            emit(
                &review::review_prep(
                    store,
                    id,
                    from,
                    to,
                    now,
                    Privacy::from_flag(include_private),
                )
                .await?,
            )
        }
    }
}

impl NewPersonArgs {
    fn new_person(self) -> NewPerson {
        let d = self.details;
        NewPerson {
            name: self.name,
            emails: self.emails,
            relation: Some(self.relation),
            team: d.team,
            start_date: d.start,
            cadence_days: d.cadence,
            duration_minutes: d.minutes,
            interests: d.interests,
            knowledge: d.knowledge,
            growth_goals: d.growth_goals,
            working_style: d.working_style,
            feedback_style: d.feedback_style,
            contact_cadence_days: d.contact_cadence,
            private_notes: d.notes,
        }
    }
}

impl ObserveArgs {
    fn observation(self, person_id: i64) -> NewObservation {
        NewObservation {
            person_id,
            energy: self.energy,
            context: self.context,
            note: self.note,
            on: self.date,
        }
    }
}

async fn delete(store: &dyn Store, id: i64, yes: bool) -> Result<()> {
    let preview = people::deletion_preview(store, id).await?;
    let question = if preview.records.total() == 0 {
        format!(
            "Nothing else is kept about {} (id {id}).",
            preview.person.name
        )
    } else {
        format!(
            "{} (id {id}) has {}. Deleting them deletes all of it; archiving keeps it.",
            preview.person.name, preview.records_text
        )
    };
    let confirmed = yes || ask(&format!("{question}\nDelete them? [y/N] "))?;
    if !confirmed {
        return Err(AppError::conflict(
            "confirmation",
            format!(
                "{question} Nothing was deleted: run `fulcrum people delete {id} --yes` to delete, or \
             `fulcrum people archive {id}` to keep their history."
            ),
        ));
    }
    let done = people::delete(store, id).await?;
    emit(&if done.records.total() == 0 {
        format!("Deleted {} (id {id}).", done.person.name)
    } else {
        format!(
            "Deleted {} (id {id}) and {}.",
            done.person.name, done.records_text
        )
    })
}

/// Asks a yes/no question on a terminal; anything but a terminal is a no.
fn ask(question: &str) -> Result<bool> {
    if !std::io::stdin().is_terminal() {
        return Ok(false);
    }
    eprint!("{question}");
    let mut answer = String::new();
    std::io::stdin()
        .read_line(&mut answer)
        .map_err(|e| AppError::Failed(format!("cannot read the answer: {e}")))?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "Yes"))
}

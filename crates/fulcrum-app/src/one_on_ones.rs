//! Running 1:1s: the agenda both sides add to, logging a 1:1 (shared and private notes, themes,
//! action items), and ticking items off. Action items carry forward until they are done.

use crate::error::{AppError, Result};
use crate::lookup::{find, save};
use crate::people::{Records, non_empty};
use crate::profile::today;
use fulcrum_core::one_on_one::{
    self, Agenda, Item, ItemKind, OneOnOneNote, Owner, Suggestion, Topic, TopicBalance,
};
use fulcrum_core::people::{OneOnOne, Person};
use fulcrum_core::privacy::Privacy;
use fulcrum_core::time;
use fulcrum_store::Store;
use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;

/// What the next 1:1 with someone starts from.
#[derive(Debug, Clone, Serialize)]
pub struct AgendaView {
    pub person: Person,
    pub next: Option<OneOnOne>,
    pub agenda: Agenda,
    pub topics: TopicBalance,
    /// Logged 1:1s in a row with nothing of theirs on the agenda.
    pub quiet_streak: usize,
    /// What to say about that streak, when it is long enough to matter.
    pub quiet: Option<String>,
}

pub async fn agenda(store: &dyn Store, person_id: i64, now: Timestamp) -> Result<AgendaView> {
    let r = Records::load(store, now).await?;
    let p = r.person(person_id)?;
    let notes = r.notes_of(p.id);
    let items = r.items_of(p.id);
    let quiet_streak = one_on_one::quiet_streak(&notes, &items);
    Ok(AgendaView {
        person: Privacy::Hide.apply(p.clone()),
        next: r.one_on_ones(p).next,
        agenda: one_on_one::agenda(&items, &notes),
        topics: one_on_one::topic_balance(&notes),
        quiet: (quiet_streak >= one_on_one::QUIET_STREAK).then(|| {
            format!(
                "{} brought nothing to the last {quiet_streak} 1:1s. Ask openly whether something \
                 is on their mind, or whether the meetings work for them.",
                p.first_name()
            )
        }),
        quiet_streak,
    })
}

pub struct NewItem {
    pub person_id: i64,
    pub kind: ItemKind,
    pub owner: Owner,
    pub text: String,
    pub due: Option<Date>,
}

/// Adds an agenda item (theirs or the lead's) or an action item.
pub async fn add_item(store: &dyn Store, new: NewItem, now: Timestamp) -> Result<Item> {
    let today = today(store, now).await?;
    crate::people::get(store, new.person_id, Privacy::Hide).await?;
    let text = non_empty(Some(new.text))
        .ok_or_else(|| AppError::invalid("text", "an item needs some text"))?;
    Ok(store
        .add_item(&Item {
            id: 0,
            person_id: new.person_id,
            kind: new.kind,
            owner: new.owner,
            text,
            due: new.due,
            created_on: today,
            created_in: None,
            closed_on: None,
            closed_in: None,
        })
        .await?)
}

/// Ticks an item off: an action done, an agenda item discussed or no longer needed.
pub async fn close_item(store: &dyn Store, id: i64, now: Timestamp) -> Result<Item> {
    let today = today(store, now).await?;
    let mut i: Item = find(store, id).await?;
    if !i.is_open() {
        return Err(AppError::conflict(
            "closed item",
            format!(
                "item {id} was already closed on {}",
                i.closed_on.unwrap_or(today)
            ),
        ));
    }
    i.closed_on = Some(today);
    save(store, i).await
}

/// Opens a closed item again.
pub async fn reopen_item(store: &dyn Store, id: i64) -> Result<Item> {
    let mut i: Item = find(store, id).await?;
    i.closed_on = None;
    i.closed_in = None;
    save(store, i).await
}

pub struct NewAction {
    pub owner: Owner,
    pub text: String,
    pub due: Option<Date>,
}

/// Reads an action written as `me: text` or `them: text` (mine when unsaid).
pub fn parse_action(s: &str) -> Result<NewAction> {
    let (owner, text) = match s.split_once(':') {
        Some((who, text)) if Owner::parse(who).is_some() => (Owner::parse(who), text),
        _ => (Some(Owner::Me), s),
    };
    let text = text.trim();
    if text.is_empty() {
        return Err(AppError::invalid(
            "--action",
            format!(
                "action {s:?} has no text: write it as \"me: send the RFC\" or \"them: draft the ADR\""
            ),
        ));
    }
    Ok(NewAction {
        owner: owner.unwrap_or(Owner::Me),
        text: text.into(),
        due: None,
    })
}

pub struct LogRequest {
    pub person_id: i64,
    /// `None`: today.
    pub held_on: Option<Date>,
    pub shared_notes: Option<String>,
    pub private_notes: Option<String>,
    pub topics: Vec<Topic>,
    pub actions: Vec<NewAction>,
    /// Open agenda items to keep for the next 1:1 instead of closing them.
    pub keep: Vec<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Logged {
    pub note: OneOnOneNote,
    /// Agenda items this 1:1 closed.
    pub discussed: Vec<i64>,
    /// Action items it produced.
    pub actions: usize,
    /// Open actions from earlier 1:1s, still carried.
    pub carried: usize,
    pub suggestion: Option<Suggestion>,
}

/// Logs a 1:1: notes, themes and actions, tied to the calendar's 1:1 of that day when there
/// is one. The agenda items added by then count as discussed unless kept.
pub async fn log(store: &dyn Store, req: LogRequest, now: Timestamp) -> Result<Logged> {
    let r = Records::load(store, now).await?;
    let p = r.person(req.person_id)?;
    let held_on = req.held_on.unwrap_or(r.today);
    if held_on > r.today {
        return Err(AppError::invalid(
            "--date",
            format!(
                "{held_on} is still to come: log a 1:1 once it has taken place, or add agenda items for it"
            ),
        ));
    }
    let notes = r.notes_of(p.id);
    if let Some(n) = notes.iter().find(|n| n.held_on == held_on) {
        return Err(AppError::conflict(
            "logged 1:1",
            format!(
                "the 1:1 with {} on {held_on} is already logged (note {})",
                p.name, n.id
            ),
        ));
    }
    let items = r.items_of(p.id);
    for k in &req.keep {
        if !items.iter().any(|i| i.id == *k && i.is_open()) {
            return Err(AppError::not_found(
                "open agenda item",
                format!("{k} of {}'s", p.name),
            ));
        }
    }
    let meeting_uid = r
        .one_on_ones(p)
        .one_on_ones
        .iter()
        .find(|m| time::local_date(m.start, &r.tz) == held_on && m.happened(now))
        .map(|m| m.uid.clone());
    let mut topics = req.topics.clone();
    topics.dedup();
    let note = OneOnOneNote {
        id: 0,
        person_id: p.id,
        held_on,
        meeting_uid,
        shared_notes: non_empty(req.shared_notes),
        private_notes: non_empty(req.private_notes),
        topics,
    };
    let discussed = one_on_one::closed_by_logging(&items, held_on, &req.keep);
    let new_items: Vec<Item> = req
        .actions
        .iter()
        .map(|a| Item {
            id: 0,
            person_id: p.id,
            kind: ItemKind::Action,
            owner: a.owner,
            text: a.text.clone(),
            due: a.due,
            created_on: held_on,
            created_in: None,
            closed_on: None,
            closed_in: None,
        })
        .collect();
    let note = store.log_one_on_one(&note, &discussed, &new_items).await?;
    let mut all_notes = notes;
    all_notes.push(note.clone());
    let carried = one_on_one::agenda(&items, &all_notes)
        .actions
        .iter()
        .filter(|a| a.carried > 0)
        .count();
    Ok(Logged {
        suggestion: one_on_one::topic_balance(&all_notes).suggestion,
        note: Privacy::Hide.apply(note),
        discussed,
        actions: new_items.len(),
        carried,
    })
}

#[derive(Default)]
pub struct NoteEdit {
    pub shared_notes: Option<String>,
    pub private_notes: Option<String>,
    /// Replaces the themes when given.
    pub topics: Option<Vec<Topic>>,
}

/// Changes a logged 1:1's notes or themes.
pub async fn edit_note(store: &dyn Store, id: i64, edit: NoteEdit) -> Result<OneOnOneNote> {
    let mut n: OneOnOneNote = find(store, id).await?;
    if edit.shared_notes.is_some() {
        n.shared_notes = non_empty(edit.shared_notes);
    }
    if let Some(t) = edit.topics {
        n.topics = t;
    }
    store.update_note(&n).await?;
    // Private notes are the owner's to change, with their key, and only when given.
    if edit.private_notes.is_some() {
        n.private_notes = non_empty(edit.private_notes);
        store
            .set_private_notes(
                &crate::access::owner_key(),
                fulcrum_store::PrivateOf::OneOnOne(n.id),
                n.private_notes.as_deref(),
            )
            .await?;
    }
    Ok(Privacy::Hide.apply(n))
}

/// The prompt bank, one theme or all of them.
pub fn prompts(topic: Option<Topic>) -> Vec<(Topic, &'static str)> {
    one_on_one::PROMPTS
        .iter()
        .filter(|(t, _)| topic.is_none_or(|x| x == *t))
        .copied()
        .collect()
}

/// Reads theme words (`growth`, `team-health` …), naming the choices when one is unknown.
pub fn parse_topics(words: &[String]) -> Result<Vec<Topic>> {
    words
        .iter()
        .flat_map(|w| w.split(','))
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(|w| {
            Topic::parse(w).ok_or_else(|| {
                AppError::invalid(
                    "--theme",
                    format!("unknown theme {w:?}: choose from {}", Topic::words()),
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_name_their_owner() {
        let a = parse_action("them: draft the ADR").unwrap();
        assert_eq!((a.owner, a.text.as_str()), (Owner::Them, "draft the ADR"));
        let a = parse_action("Send the RFC link").unwrap();
        assert_eq!(a.owner, Owner::Me);
        let a = parse_action("Ask: why now?").unwrap();
        assert_eq!((a.owner, a.text.as_str()), (Owner::Me, "Ask: why now?"));
        assert!(parse_action("me:  ").is_err());
    }

    #[test]
    fn themes_are_read_from_words() {
        assert_eq!(
            parse_topics(&["growth, team-health".into(), "status".into()]).unwrap(),
            [Topic::Growth, Topic::TeamHealth, Topic::Status]
        );
        let err = parse_topics(&["gossip".into()]).unwrap_err().to_string();
        assert!(err.contains("connection"), "{err}");
        assert_eq!(prompts(Some(Topic::Growth)).len(), 4);
    }
}

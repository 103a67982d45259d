//! `fulcrum one-on-ones …`: history, summary, agenda, logging and action items.

use super::page::when;
use super::{ItemArgs, OneOnOnesArgs, OneOnOnesCommand, person_id, user_tz};
use crate::cli::{Format, PersonArgs};
use crate::output::{emit, emit_json, show};
use fulcrum_app::Result;
use fulcrum_app::markdown::plural;
use fulcrum_app::one_on_ones::{self, LogRequest, NewItem, NoteEdit};
use fulcrum_app::people::{self, PersonOneOnOnes};
use fulcrum_core::one_on_one::{Agenda, ItemKind, Owner, TopicBalance};
use fulcrum_core::people::Person;
use fulcrum_core::privacy::Privacy;
use fulcrum_store::Store;
use jiff::Timestamp;
use jiff::tz::TimeZone;
use std::fmt::Write as _;

pub async fn one_on_ones_cmd(store: &dyn Store, a: OneOnOnesArgs, now: Timestamp) -> Result<()> {
    let privacy = Privacy::from_flag(a.include_private);
    match a.action {
        Some(cmd) => one_on_one_action(store, cmd, now).await,
        None => {
            let tz = user_tz(store).await?;
            match a.person {
                Some(person) => {
                    let id = person_id(store, &person).await?;
                    let p = people::one_on_ones(store, id, now, privacy).await?;
                    show(a.format.format, &p, |p| history(p, &tz))
                }
                None => {
                    let all = people::all_one_on_ones(store, now, privacy).await?;
                    show(a.format.format, &all, |all| summary(all, &tz))
                }
            }
        }
    }
}

impl ItemArgs {
    fn item(self, person_id: i64) -> NewItem {
        NewItem {
            person_id,
            kind: if self.action {
                ItemKind::Action
            } else {
                ItemKind::Agenda
            },
            owner: if self.theirs { Owner::Them } else { Owner::Me },
            text: self.text,
            due: self.due,
        }
    }
}

async fn one_on_one_action(store: &dyn Store, cmd: OneOnOnesCommand, now: Timestamp) -> Result<()> {
    match cmd {
        OneOnOnesCommand::Agenda(PersonArgs { person, format }) => {
            let id = person_id(store, &person).await?;
            let v = one_on_ones::agenda(store, id, now).await?;
            match format.format {
                Format::Json => emit_json(&v),
                Format::Table => emit(&agenda_table(&v, &user_tz(store).await?)),
            }
        }
        OneOnOnesCommand::Add(a) => {
            let format = a.format.format;
            let id = person_id(store, &a.person).await?;
            let item = one_on_ones::add_item(store, a.item(id), now).await?;
            show(format, &item, |item| {
                format!(
                    "Added item {} ({} {}): {}",
                    item.id,
                    if item.owner == Owner::Me {
                        "your"
                    } else {
                        "their"
                    },
                    item.kind,
                    item.text
                )
            })
        }
        OneOnOnesCommand::Log {
            person,
            date,
            note,
            actions,
            keep,
            format,
        } => {
            let id = person_id(store, &person).await?;
            let logged = one_on_ones::log(
                store,
                LogRequest {
                    person_id: id,
                    held_on: date,
                    shared_notes: note.notes,
                    private_notes: note.private,
                    topics: one_on_ones::parse_topics(&note.topics)?,
                    actions: actions
                        .iter()
                        .map(|a| one_on_ones::parse_action(a))
                        .collect::<Result<_>>()?,
                    keep,
                },
                now,
            )
            .await?;
            show(format.format, &logged, |logged| {
                let mut s = format!(
                    "Logged the 1:1 of {} (note {}){}: {} discussed, {}, {} carried from before.",
                    logged.note.held_on,
                    logged.note.id,
                    if logged.note.meeting_uid.is_some() {
                        ", matched to the calendar"
                    } else {
                        ""
                    },
                    plural(logged.discussed.len(), "agenda item", "agenda items"),
                    plural(logged.actions, "new action", "new actions"),
                    logged.carried
                );
                if let Some(sug) = &logged.suggestion {
                    let _ = write!(s, "\nNext time: {}", sug.why);
                    for q in &sug.prompts {
                        let _ = write!(s, "\n  ? {q}");
                    }
                }
                s
            })
        }
        OneOnOnesCommand::Edit { note, edit } => {
            let n = one_on_ones::edit_note(
                store,
                note,
                NoteEdit {
                    shared_notes: edit.notes,
                    private_notes: edit.private,
                    topics: (!edit.topics.is_empty())
                        .then(|| one_on_ones::parse_topics(&edit.topics))
                        .transpose()?,
                },
            )
            .await?;
            emit(&format!(
                "Updated the 1:1 of {} (note {}).",
                n.held_on, n.id
            ))
        }
        OneOnOnesCommand::Done { item, undo } => {
            let i = if undo {
                one_on_ones::reopen_item(store, item).await?
            } else {
                one_on_ones::close_item(store, item, now).await?
            };
            emit(&format!(
                "{} item {}: {}",
                if undo { "Reopened" } else { "Closed" },
                i.id,
                i.text
            ))
        }
        OneOnOnesCommand::Prompts { topic, format } => {
            let list = one_on_ones::prompts(topic);
            match format.format {
                Format::Json => emit_json(
                    &list
                        .iter()
                        .map(|(t, p)| serde_json::json!({"topic": t, "prompt": p}))
                        .collect::<Vec<_>>(),
                ),
                Format::Table => {
                    let mut s = String::new();
                    for (t, p) in list {
                        let _ = writeln!(s, "{:<12} {p}", t.as_str());
                    }
                    emit(&s)
                }
            }
        }
    }
}

fn agenda_table(v: &one_on_ones::AgendaView, tz: &TimeZone) -> String {
    let mut s = format!(
        "Next 1:1 with {}: {}\n",
        v.person.name,
        when(v.next.as_ref(), tz)
    );
    if v.agenda.theirs.is_empty() && v.agenda.mine.is_empty() && v.agenda.actions.is_empty() {
        s.push_str("  Nothing on the agenda yet. The meeting is theirs: ask them to add topics.\n");
    }
    agenda_lines(&mut s, &v.agenda, &v.topics);
    if v.topics.status_heavy {
        s.push_str(
            "\nStatus updates took most of the recent 1:1s: move them to standup or the board.\n",
        );
    }
    if let Some(q) = &v.quiet {
        let _ = writeln!(s, "\n{q}");
    }
    s
}

/// The items of the next 1:1 with their ids, then the theme to bring back.
pub(super) fn agenda_lines(s: &mut String, agenda: &Agenda, topics: &TopicBalance) {
    for (who, items) in [("theirs", &agenda.theirs), ("yours", &agenda.mine)] {
        for i in items {
            let _ = writeln!(s, "  [{}] {who}: {}", i.id, i.text);
        }
    }
    for a in &agenda.actions {
        let _ = writeln!(
            s,
            "  [{}] action ({}): {}{}{}",
            a.item.id,
            a.item.owner,
            a.item.text,
            a.item
                .due
                .map_or_else(String::new, |d| format!(", due {d}")),
            if a.carried > 0 {
                format!(" — carried {}×", a.carried)
            } else {
                String::new()
            }
        );
    }
    if let Some(sug) = &topics.suggestion {
        let _ = writeln!(s, "  {}", sug.why);
        for q in &sug.prompts {
            let _ = writeln!(s, "    ? {q}");
        }
    }
}

fn overdue(p: &PersonOneOnOnes) -> String {
    p.overdue_days
        .map_or_else(String::new, |d| format!("overdue by {d} d"))
}

fn summary(all: &[PersonOneOnOnes], tz: &TimeZone) -> String {
    let mut s = String::new();
    if all.is_empty() {
        s.push_str("Nobody yet: fulcrum people add NAME --email E --relation report\n");
        return s;
    }
    let _ = writeln!(
        s,
        "{:>4}  {:<20} {:<16} {:>4} {:>9} {:>8} {:>5} {:>6}  next",
        "id", "person", "last held", "held", "cancelled", "declined", "moved", "logged"
    );
    for p in all {
        let c = &p.counts;
        let _ = writeln!(
            s,
            "{:>4}  {:<20} {:<16} {:>4} {:>9} {:>8} {:>5} {:>6}  {:<16} {}",
            p.person.id,
            p.person.name,
            when(p.last_held.as_ref(), tz),
            c.held,
            c.cancelled,
            c.declined,
            c.moved,
            c.logged,
            when(p.next.as_ref(), tz),
            overdue(p)
        );
    }
    s
}

fn history(p: &PersonOneOnOnes, tz: &TimeZone) -> String {
    let person: &Person = &p.person;
    let mut s = format!(
        "1:1s with {} (every {}, {})\n\n",
        person.name,
        plural(person.cadence_days, "day", "days"),
        plural(person.duration_minutes, "minute", "minutes")
    );
    if p.history.is_empty() {
        s.push_str("None found in the last 180 days or the next 60, and none logged.\n");
    }
    for e in &p.history {
        match &e.meeting {
            Some(o) => {
                let by = o
                    .cancelled_by
                    .as_deref()
                    .map_or_else(String::new, |b| format!("  (cancelled by {b})"));
                let _ = write!(
                    s,
                    "{}  {:<10} {}{}",
                    when(Some(o), tz),
                    o.state.as_str(),
                    o.title,
                    by
                );
            }
            None => {
                let _ = write!(s, "{}        {:<10} (not in the calendar)", e.on, "logged");
            }
        }
        if let Some(n) = &e.note {
            if let Some(t) = &n.shared_notes {
                let _ = write!(s, "\n      notes: {t}");
            }
            if let Some(t) = &n.private_notes {
                let _ = write!(s, "\n      private: {t}");
            }
        }
        s.push('\n');
    }
    if let Some(d) = p.overdue_days {
        let _ = writeln!(
            s,
            "\nOverdue by {}: book the next one with {}.",
            plural(d, "day", "days"),
            person.first_name()
        );
    }
    if p.cancelled_by_me_in_a_row >= fulcrum_core::people::CALLED_OFF_IN_A_ROW {
        let _ = writeln!(
            s,
            "You called off the last {} in a row: keep the next one, even if short.",
            p.cancelled_by_me_in_a_row
        );
    }
    s
}

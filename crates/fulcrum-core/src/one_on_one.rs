//! What happens in and around a 1:1: the notes the lead keeps (shared and private), the agenda
//! both sides add to, action items that carry forward until done, the balance of themes over
//! time with prompts for the theme that has gone missing, and the "nothing to talk about" signal.

use crate::people::{OneOnOne, OneOnOneState};
use crate::privacy::Private;
use crate::words::capitalised;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

word_enum! {
    /// What a 1:1 was about. The first five are the themes worth mixing over time; status
    /// updates belong elsewhere and only show when they crowd the rest out.
    pub enum Topic {
        Connection = "connection",
        Growth = "growth",
        Feedback = "feedback",
        TeamHealth = "team-health",
        Reflection = "reflection",
        Status = "status",
    }
}

impl Topic {
    /// The themes a good run of 1:1s keeps coming back to.
    pub const THEMES: [Topic; 5] = [
        Topic::Connection,
        Topic::Growth,
        Topic::Feedback,
        Topic::TeamHealth,
        Topic::Reflection,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Topic::Connection => "connection",
            Topic::Growth => "growth",
            Topic::Feedback => "feedback",
            Topic::TeamHealth => "team health",
            Topic::Reflection => "reflection",
            Topic::Status => "status updates",
        }
    }
}

word_enum! {
    /// Who an agenda or action item belongs to.
    pub enum Owner {
        Me = "me",
        Them = "them",
    }
}

word_enum! {
    pub enum ItemKind {
        /// Something to talk about at the next 1:1.
        Agenda = "agenda",
        /// Something to do, carried from 1:1 to 1:1 until it is done.
        Action = "action",
    }
}

/// A 1:1 as the lead logged it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OneOnOneNote {
    pub id: i64,
    pub person_id: i64,
    /// The day it took place, in the user's zone.
    pub held_on: Date,
    /// The calendar event it belongs to, when there was one that day.
    pub meeting_uid: Option<String>,
    /// Notes both sides may see.
    pub shared_notes: Option<String>,
    /// The lead's own: never exported unless asked for.
    pub private_notes: Option<String>,
    pub topics: Vec<Topic>,
}

impl Private for OneOnOneNote {
    fn hide_private(&mut self) {
        self.private_notes = None;
    }
}

/// An agenda or action item of someone's 1:1s.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub id: i64,
    pub person_id: i64,
    pub kind: ItemKind,
    pub owner: Owner,
    pub text: String,
    pub due: Option<Date>,
    pub created_on: Date,
    /// The logged 1:1 it came out of.
    pub created_in: Option<i64>,
    /// When it was discussed (agenda) or done (action).
    pub closed_on: Option<Date>,
    pub closed_in: Option<i64>,
}

impl Item {
    pub fn is_open(&self) -> bool {
        self.closed_on.is_none()
    }
}

/// One 1:1 in someone's history: the calendar's meeting, the lead's note, or both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryEntry {
    pub on: Date,
    pub meeting: Option<OneOnOne>,
    pub note: Option<OneOnOneNote>,
}

impl Private for HistoryEntry {
    fn hide_private(&mut self) {
        self.note.hide_private();
    }
}

/// Meetings and notes side by side, oldest first: a note belongs to a meeting of its day; a
/// note with no meeting that day is a 1:1 the calendar did not show (a walk, a call).
pub fn history(meetings: &[OneOnOne], notes: &[OneOnOneNote], tz: &TimeZone) -> Vec<HistoryEntry> {
    let mut unused: Vec<&OneOnOneNote> = notes.iter().collect();
    let mut out: Vec<HistoryEntry> = meetings
        .iter()
        .map(|m| {
            let on = crate::time::local_date(m.start, tz);
            let took_place = !matches!(m.state, OneOnOneState::Cancelled | OneOnOneState::Declined);
            let note = took_place
                .then(|| unused.iter().position(|n| n.held_on == on))
                .flatten()
                .map(|i| unused.remove(i).clone());
            HistoryEntry {
                on,
                meeting: Some(m.clone()),
                note,
            }
        })
        .collect();
    out.extend(unused.into_iter().map(|n| HistoryEntry {
        on: n.held_on,
        meeting: None,
        note: Some(n.clone()),
    }));
    out.sort_by_key(|e| (e.on, e.meeting.as_ref().map(|m| m.start)));
    out
}

/// The last day the two met: a 1:1 the calendar shows as held or moved, or one the lead logged.
pub fn last_met(
    meetings: &[OneOnOne],
    notes: &[OneOnOneNote],
    today: Date,
    tz: &TimeZone,
) -> Option<Date> {
    let logged = notes
        .iter()
        .map(|n| n.held_on)
        .filter(|d| *d <= today)
        .max();
    crate::people::last_held(meetings, today, tz).max(logged)
}

/// An open action item and how many 1:1s it has been carried through.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CarriedAction {
    pub item: Item,
    pub carried: usize,
}

/// What the next 1:1 starts from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Agenda {
    /// Their items: the meeting is theirs first.
    pub theirs: Vec<Item>,
    pub mine: Vec<Item>,
    /// Open actions of either side, oldest first.
    pub actions: Vec<CarriedAction>,
}

/// Action items carried through this many 1:1s deserve a word: do them, or drop them.
pub const STALE_CARRIES: usize = 2;

/// The open agenda and action items of one person's 1:1s.
pub fn agenda(items: &[Item], notes: &[OneOnOneNote]) -> Agenda {
    let open = |kind: ItemKind| items.iter().filter(move |i| i.kind == kind && i.is_open());
    let agenda_of = |owner: Owner| {
        open(ItemKind::Agenda)
            .filter(|i| i.owner == owner)
            .cloned()
            .collect()
    };
    let mut actions: Vec<CarriedAction> = open(ItemKind::Action)
        .map(|i| CarriedAction {
            carried: notes
                .iter()
                .filter(|n| n.held_on > i.created_on && Some(n.id) != i.created_in)
                .count(),
            item: i.clone(),
        })
        .collect();
    actions.sort_by_key(|a| (a.item.created_on, a.item.id));
    Agenda {
        theirs: agenda_of(Owner::Them),
        mine: agenda_of(Owner::Me),
        actions,
    }
}

/// The agenda items a 1:1 held on `held_on` closes: every open one added by then, except those
/// the lead chose to keep for next time.
pub fn closed_by_logging(items: &[Item], held_on: Date, keep: &[i64]) -> Vec<i64> {
    items
        .iter()
        .filter(|i| i.kind == ItemKind::Agenda && i.is_open() && i.created_on <= held_on)
        .filter(|i| !keep.contains(&i.id))
        .map(|i| i.id)
        .collect()
}

/// How often a theme came up in the 1:1s looked at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TopicCount {
    pub topic: Topic,
    pub count: usize,
    pub last_on: Option<Date>,
}

/// A theme to bring back, and questions to open it with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub topic: Topic,
    pub why: String,
    pub prompts: Vec<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TopicBalance {
    /// How many logged 1:1s the balance is over (the most recent ones).
    pub looked_at: usize,
    /// Every theme, then status updates.
    pub counts: Vec<TopicCount>,
    /// Themes that did not come up at all.
    pub missing: Vec<Topic>,
    /// Status updates came up in most of them.
    pub status_heavy: bool,
    pub suggestion: Option<Suggestion>,
}

/// The balance is taken over this many recent 1:1s.
pub const BALANCE_WINDOW: usize = 6;

/// The themes of the last few logged 1:1s (`notes` in any order), what is missing, and
/// prompts for the theme that has been away longest.
pub fn topic_balance(notes: &[OneOnOneNote]) -> TopicBalance {
    let mut recent: Vec<&OneOnOneNote> = notes.iter().collect();
    recent.sort_by_key(|n| (n.held_on, n.id));
    let recent = &recent[recent.len().saturating_sub(BALANCE_WINDOW)..];
    let count_of = |t: Topic| TopicCount {
        topic: t,
        count: recent.iter().filter(|n| n.topics.contains(&t)).count(),
        last_on: recent
            .iter()
            .filter(|n| n.topics.contains(&t))
            .map(|n| n.held_on)
            .max(),
    };
    let counts: Vec<TopicCount> = Topic::THEMES
        .iter()
        .chain([Topic::Status].iter())
        .map(|t| count_of(*t))
        .collect();
    let themes = &counts[..Topic::THEMES.len()];
    let missing: Vec<Topic> = themes
        .iter()
        .filter(|c| c.count == 0)
        .map(|c| c.topic)
        .collect();
    let status = counts[Topic::THEMES.len()].count;
    let status_heavy = recent.len() >= 3 && status * 2 > recent.len();
    let suggestion = (!recent.is_empty()).then(|| {
        // Never seen first (in the order of THEMES), else the one seen longest ago.
        let pick = themes
            .iter()
            .min_by_key(|c| (c.last_on.is_some(), c.last_on))
            .map_or(Topic::Connection, |c| c.topic);
        let why = match themes
            .iter()
            .find(|c| c.topic == pick)
            .and_then(|c| c.last_on)
        {
            None => format!(
                "{} has not come up in the last {} 1:1s.",
                capitalised(pick.label()),
                recent.len()
            ),
            Some(d) => format!("{} last came up on {d}.", capitalised(pick.label())),
        };
        Suggestion {
            topic: pick,
            why,
            prompts: prompts_for(pick, notes.len(), 2),
        }
    });
    TopicBalance {
        looked_at: recent.len(),
        counts,
        missing,
        status_heavy,
        suggestion,
    }
}

/// Questions that open each theme, written for Fulcrum.
pub const PROMPTS: &[(Topic, &str)] = &[
    (
        Topic::Connection,
        "What has been on your mind outside work lately?",
    ),
    (
        Topic::Connection,
        "Anything you are looking forward to in the next few weeks?",
    ),
    (
        Topic::Connection,
        "Pick up something personal they mentioned last time: your notes have it.",
    ),
    (
        Topic::Connection,
        "Say honestly how your own week went before asking about theirs.",
    ),
    (
        Topic::Growth,
        "Where would you like to be in six months, and what would get you there?",
    ),
    (
        Topic::Growth,
        "Which skill do you most want to practise this quarter?",
    ),
    (
        Topic::Growth,
        "What could the team or I give you to move faster on your goals?",
    ),
    (
        Topic::Growth,
        "Have you had a chance to use what you have been learning on real work?",
    ),
    (
        Topic::Feedback,
        "How did I handle the last situation we were both in? What would you have done?",
    ),
    (
        Topic::Feedback,
        "Is there something I do that makes your work harder than it needs to be?",
    ),
    (
        Topic::Feedback,
        "Bring one specific piece of feedback you have been holding: situation, behaviour, impact.",
    ),
    (
        Topic::Feedback,
        "Name a piece of their work others should hear about, and ask whether they would present it.",
    ),
    (
        Topic::TeamHealth,
        "How does the team feel to you at the moment?",
    ),
    (
        Topic::TeamHealth,
        "What should the team do more of, or stop doing?",
    ),
    (
        Topic::TeamHealth,
        "Is something slowing you down every day that should not be?",
    ),
    (
        Topic::TeamHealth,
        "Who on the team helped you recently in a way worth saying out loud?",
    ),
    (
        Topic::Reflection,
        "What have you learned since we last talked?",
    ),
    (
        Topic::Reflection,
        "What went well in the last two weeks, and what got in the way?",
    ),
    (
        Topic::Reflection,
        "What are you proudest of from the last sprint?",
    ),
    (
        Topic::Reflection,
        "What is the hardest thing on your plate right now?",
    ),
    (
        Topic::Status,
        "Move status to the team board or standup, and keep this time for them.",
    ),
];

/// `n` prompts of a theme, starting at a point that moves with `turn` so the same questions
/// do not come back every time.
pub fn prompts_for(topic: Topic, turn: usize, n: usize) -> Vec<&'static str> {
    let bank: Vec<&'static str> = PROMPTS
        .iter()
        .filter(|(t, _)| *t == topic)
        .map(|(_, p)| *p)
        .collect();
    if bank.is_empty() {
        return Vec::new();
    }
    (0..n.min(bank.len()))
        .map(|k| bank[(turn + k) % bank.len()])
        .collect()
}

/// Logged 1:1s in a row that brought nothing of theirs worth a signal.
pub const QUIET_STREAK: usize = 3;

/// How many of the most recent logged 1:1s in a row had no agenda item of theirs: none added
/// since the 1:1 before, none discussed.
pub fn quiet_streak(notes: &[OneOnOneNote], items: &[Item]) -> usize {
    let mut sorted: Vec<&OneOnOneNote> = notes.iter().collect();
    sorted.sort_by_key(|n| (n.held_on, n.id));
    let theirs: Vec<&Item> = items
        .iter()
        .filter(|i| i.kind == ItemKind::Agenda && i.owner == Owner::Them)
        .collect();
    let mut streak = 0;
    for (k, n) in sorted.iter().enumerate().rev() {
        let since = k.checked_sub(1).map(|p| sorted[p].held_on);
        let brought = theirs.iter().any(|i| {
            i.closed_in == Some(n.id)
                || (i.created_on <= n.held_on && since.is_none_or(|s| i.created_on > s))
        });
        if brought {
            break;
        }
        streak += 1;
    }
    streak
}

/// Whether quiet 1:1s are a team pattern: at least two people with enough logged 1:1s to
/// tell, and at least half of them quiet. When it is the whole team, the cause is often how
/// the 1:1s are run rather than the people in them.
pub fn team_is_quiet(streaks: &[(usize, usize)]) -> bool {
    let judged: Vec<usize> = streaks
        .iter()
        .filter(|(notes, _)| *notes >= QUIET_STREAK)
        .map(|(_, s)| *s)
        .collect();
    let quiet = judged.iter().filter(|s| **s >= QUIET_STREAK).count();
    judged.len() >= 2 && quiet * 2 >= judged.len()
}

#[cfg(test)]
mod tests;

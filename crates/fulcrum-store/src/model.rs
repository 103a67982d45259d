//! Plain rows as the store keeps them.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    CalendarFile,
    CalendarUrl,
    /// A folder of `.ics` files; each file is a `CalendarFile` source whose parent it is.
    CalendarFolder,
    Git,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::CalendarFile => "calendar-file",
            SourceKind::CalendarUrl => "calendar-url",
            SourceKind::CalendarFolder => "calendar-folder",
            SourceKind::Git => "git",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            SourceKind::CalendarFile,
            SourceKind::CalendarUrl,
            SourceKind::CalendarFolder,
            SourceKind::Git,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// A source as the caller describes it before it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSource {
    pub kind: SourceKind,
    /// Canonical path or URL: the identity of the source.
    pub location: String,
    pub name: String,
    /// HTTP validators of a subscription's last fetch.
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    pub id: i64,
    pub kind: SourceKind,
    pub location: String,
    pub name: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// The git scan cursor (JSON) of the last import.
    pub git_cursor: Option<String>,
    /// Unix seconds of the last import attempt.
    pub last_import_at: Option<i64>,
    pub last_ok: Option<bool>,
    pub last_result: Option<String>,
    /// The folder source a calendar file was read from, if any.
    pub parent_id: Option<i64>,
    /// Everyone's non-merge commits in a git repository as of its last scan (the user's own
    /// are among them); `None` before a scan that counted them.
    pub repository_commits: Option<u64>,
}

/// One calendar file of a folder import, as `Store::replace_folder` stores it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderFile {
    pub source: NewSource,
    /// The occurrences that replace the file's events when `ok`.
    pub events: Vec<StoredEvent>,
    /// What the import made of the file; when not `ok`, why it was refused.
    pub outcome: String,
    /// False when nothing usable was read from the file: its events are kept as they were
    /// and the outcome is recorded as a failure.
    pub ok: bool,
}

/// What a folder import left in the store, from inside its transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFolder {
    pub folder: Source,
    /// The sources of `files`, in their order.
    pub files: Vec<Source>,
    /// Files of the folder that are gone from it: their sources were removed with their events.
    pub removed: Vec<Source>,
}

/// What removing a source takes with it (or took): `Store::source_removal` and
/// `Store::remove_source`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SourceRemoval {
    /// Calendar files read from a folder source, removed with it.
    pub files: u64,
    /// Distinct calendar events (UIDs), and the occurrences stored for them.
    pub events: u64,
    pub occurrences: u64,
    /// The user's commits no other source holds: they go.
    pub commits: u64,
    /// Commits another repository (a clone) also holds: they stay, with that source.
    pub commits_kept: u64,
    /// Start times (unix seconds) of the occurrences and commits that go, sorted, so the
    /// caller can tell which weeks change.
    #[serde(skip)]
    pub times: Vec<i64>,
}

/// One occurrence of a calendar event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredEvent {
    pub source_id: i64,
    pub uid: String,
    /// The instance this occurrence stands for; empty for a single event.
    pub recurrence_id: String,
    pub start_at: i64,
    pub end_at: i64,
    pub all_day: bool,
    /// busy, free, tentative, away or elsewhere (`fulcrum_core::away::ShowAs`).
    pub show_as: String,
    pub title: String,
    /// confirmed, tentative or cancelled (the organiser's word).
    pub status: String,
    /// accepted, declined, tentative, needs-action, organizer or none (the user's own answer).
    pub my_response: String,
    /// People invited besides the user.
    pub others: u32,
    pub attendees: Vec<String>,
    pub organizer: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredCommit {
    pub oid: String,
    pub source_id: i64,
    pub author_at: i64,
    pub author_offset: i32,
    pub email: String,
    pub summary: String,
}

/// One block of an accepted week plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanBlock {
    pub task_id: i64,
    /// The block's number among its task's blocks in this plan (1, 2, …).
    pub seq: u32,
    pub title: String,
    pub category: String,
    pub start_at: i64,
    pub end_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AcceptedPlan {
    pub week: String,
    pub accepted_at: i64,
    /// Keys (`uid` + recurrence id) of the calendar events known when the plan was accepted.
    pub known_events: Vec<String>,
    pub buffer_minutes: i64,
    pub blocks: Vec<PlanBlock>,
    /// The free working minutes the planner found when the plan was accepted; `None` for plans
    /// accepted before Fulcrum kept it.
    pub free_minutes: Option<i64>,
    /// The work that did not fit when the plan was accepted, with the reasons.
    pub unplaced: Vec<fulcrum_core::planner::Unplaced>,
}

/// The key that identifies a calendar occurrence across imports.
pub fn event_key(e: &StoredEvent) -> String {
    format!("{}\u{1f}{}", e.uid, e.recurrence_id)
}

/// A reflection entry: what the user wrote for one period of a ritual, and the facts of the
/// period it was written against.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    pub ritual: fulcrum_core::rituals::Ritual,
    pub period: String,
    pub body: fulcrum_core::rituals::EntryBody,
    pub facts: Vec<String>,
}

/// Everything kept about one person, read at once for their page: their records of every
/// kind, each list by id. Private notes are not in it (`PrivateStore`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PersonFile {
    pub person: Option<fulcrum_core::people::Person>,
    pub notes: Vec<fulcrum_core::one_on_one::OneOnOneNote>,
    pub items: Vec<fulcrum_core::one_on_one::Item>,
    pub observations: Vec<fulcrum_core::observations::Observation>,
    pub feedback: Vec<fulcrum_core::feedback::Feedback>,
    pub delegations: Vec<fulcrum_core::delegation::Delegation>,
    pub interactions: Vec<fulcrum_core::relationships::Interaction>,
    pub commitments: Vec<fulcrum_core::relationships::Commitment>,
    pub preps: Vec<fulcrum_core::relationships::Prep>,
    pub steps: Vec<fulcrum_core::onboarding::Step>,
}

/// The private fields of people records, by the id of the row they belong to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PrivateNotes {
    /// A person's private notes, by person id.
    pub people: std::collections::BTreeMap<i64, String>,
    /// A logged 1:1's private notes, by note id.
    pub one_on_ones: std::collections::BTreeMap<i64, String>,
}

impl PrivateNotes {
    /// Puts the private notes back into the people they belong to.
    pub fn fill_people(&self, people: &mut [fulcrum_core::people::Person]) {
        for p in people {
            p.private_notes = self.people.get(&p.id).cloned();
        }
    }

    /// Puts the private notes back into the 1:1 notes they belong to.
    pub fn fill_notes(&self, notes: &mut [fulcrum_core::one_on_one::OneOnOneNote]) {
        for n in notes {
            n.private_notes = self.one_on_ones.get(&n.id).cloned();
        }
    }
}

/// How many records of each kind are kept about one person: what goes if they are deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct PersonRecords {
    pub one_on_one_notes: u64,
    pub agenda_and_action_items: u64,
    pub observations: u64,
    pub feedback: u64,
    pub delegations: u64,
    pub interactions: u64,
    pub commitments: u64,
    pub stakeholder_preps: u64,
    pub onboarding_steps: u64,
    /// Growth records about them: their place in a support network, ratings they gave.
    pub other_records: u64,
}

impl PersonRecords {
    pub fn total(&self) -> u64 {
        self.parts().iter().map(|(n, _)| n).sum()
    }

    fn parts(&self) -> [(u64, &'static str); 10] {
        [
            (self.one_on_one_notes, "logged 1:1s"),
            (self.agenda_and_action_items, "agenda and action items"),
            (self.observations, "observations"),
            (self.feedback, "pieces of feedback"),
            (self.delegations, "delegations"),
            (self.interactions, "logged contacts"),
            (self.commitments, "commitments"),
            (self.stakeholder_preps, "stakeholder preps"),
            (self.onboarding_steps, "onboarding steps"),
            (self.other_records, "growth records"),
        ]
    }

    /// "3 logged 1:1s, 2 pieces of feedback", the kinds that have any.
    pub fn describe(&self) -> String {
        let parts: Vec<String> = self
            .parts()
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, what)| format!("{n} {what}"))
            .collect();
        if parts.is_empty() {
            "no records".into()
        } else {
            parts.join(", ")
        }
    }
}

/// Time the user logged by hand. Without an end it is the running timer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ManualEntry {
    pub id: i64,
    pub start_at: i64,
    pub end_at: Option<i64>,
    /// A category name (`fulcrum_core::Category`).
    pub category: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewManualEntry {
    pub start_at: i64,
    pub end_at: Option<i64>,
    pub category: String,
    pub title: String,
}

/// Every row of one table, as a backup keeps it: the columns by name, each row's values in
/// that order (a JSON number, string or null).
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct TableDump {
    pub name: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<serde_json::Value>>,
}

/// Every table of the store, parents before the tables that point at them, so a restore can
/// insert them in this order. A table a migration adds is added here too: the conformance
/// suite fails until it is (`backup_covers_every_table`).
pub const BACKUP_TABLES: &[&str] = &[
    "settings",
    "sources",
    "events",
    "commits",
    "commit_sources",
    "tasks",
    "plans",
    "plan_blocks",
    "reviews",
    "inbox",
    "entries",
    "people",
    "observations",
    "one_on_one_notes",
    "one_on_one_items",
    "feedback",
    "delegations",
    "interactions",
    "commitments",
    "preps",
    "onboarding_steps",
    "manual_entries",
    "insight_verdicts",
    "phases",
    "habits",
    "records",
];

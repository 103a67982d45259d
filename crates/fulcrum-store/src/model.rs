//! Plain rows as the store keeps them.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    CalendarFile,
    CalendarUrl,
    Git,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::CalendarFile => "calendar-file",
            SourceKind::CalendarUrl => "calendar-url",
            SourceKind::Git => "git",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            SourceKind::CalendarFile,
            SourceKind::CalendarUrl,
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

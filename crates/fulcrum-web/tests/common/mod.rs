//! A demo store in a temporary folder, and a server state over it.
#![allow(dead_code)]

pub mod browser;
pub mod client;

use fulcrum_app::demo::{self, DemoRequest};
use fulcrum_app::people::NewPerson;
use fulcrum_web::{AppState, Clock, Config};
use jiff::Timestamp;
use jiff::civil::{Date, date};
use std::net::SocketAddr;
use std::path::PathBuf;

/// The day the demo is built as of: a Wednesday, so the week has past and future days.
pub const TODAY: Date = date(2026, 3, 4);
pub const SEED: u64 = 42;

pub struct Demo {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
    pub rules: PathBuf,
    pub now: Timestamp,
}

pub async fn demo() -> Demo {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let built = demo::build(
        DemoRequest {
            db: &db,
            seed: SEED,
            today: TODAY,
        },
        fulcrum_app::import::no_progress(),
    )
    .await
    .unwrap();
    let tz = fulcrum_core::time::parse_zone(demo::DEMO_ZONE).unwrap();
    Demo {
        db,
        rules: built.rules,
        now: demo::demo_now(TODAY, &tz),
        dir,
    }
}

/// A demo store and a server state over it, as most tests begin.
pub async fn demo_state() -> (Demo, AppState) {
    let d = demo().await;
    let state = d.state().await;
    (d, state)
}

impl Demo {
    pub fn config(&self, addr: SocketAddr) -> Config {
        Config {
            db: self.db.clone(),
            rules: self.rules.clone(),
            addr,
            clock: Clock::Fixed(self.now),
        }
    }

    /// A state as a server bound to 127.0.0.1:7878 would have.
    pub async fn state(&self) -> AppState {
        let addr: SocketAddr = "127.0.0.1:7878".parse().unwrap();
        AppState::open(&self.config(addr), addr).await.unwrap()
    }

    pub async fn store(&self) -> Box<dyn fulcrum_store::Store> {
        fulcrum_app::open_store(&self.db, fulcrum_app::OpenMode::Existing)
            .await
            .unwrap()
    }
}

/// Someone with a name, one e-mail address and how you work with them; the rest as the
/// form leaves it.
pub fn someone(name: &str, email: &str, relation: fulcrum_core::people::Relation) -> NewPerson {
    NewPerson {
        name: name.into(),
        emails: vec![email.into()],
        relation: Some(relation),
        ..Default::default()
    }
}

/// The id of the person called `name` in the store, as the forms post it.
pub async fn person_id(state: &AppState, name: &str) -> String {
    let people = state.store.people().await.unwrap();
    let p = people
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("nobody called {name}"));
    p.id.to_string()
}

/// Adds `new` through the use case; their id.
pub async fn add_person(store: &dyn fulcrum_store::Store, new: NewPerson, now: Timestamp) -> i64 {
    fulcrum_app::people::add(store, new, now).await.unwrap().id
}

/// Makes most of the task list firefighting (six urgent and important tasks), so the coach's
/// `q1-firefighting` insight, whose action adds a task, holds.
pub async fn firefighting_tasks(store: &dyn fulcrum_store::Store) {
    for i in 0..6 {
        fulcrum_app::weekly::add_task(
            store,
            fulcrum_app::weekly::NewTask {
                title: format!("Outage follow-up {i}"),
                urgent: true,
                important: true,
                only_me: false,
                estimate_minutes: Some(30),
                due: None,
                category: None,
            },
        )
        .await
        .unwrap();
    }
}

/// A small calendar with two events in the demo's week 2026-W09, written by a
/// team-calendar export.
pub fn team_calendar() -> String {
    [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Fulcrum tests//EN",
        "BEGIN:VEVENT",
        "UID:offsite-1@example.com",
        "DTSTAMP:20260201T000000Z",
        "DTSTART:20260224T130000Z",
        "DTEND:20260224T143000Z",
        "SUMMARY:Quarterly offsite prep",
        "ORGANIZER:mailto:alex.rivera@example.com",
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:alex.rivera@example.com",
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:sam@example.com",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:bookclub-1@example.com",
        "DTSTAMP:20260201T000000Z",
        "DTSTART:20260226T160000Z",
        "DTEND:20260226T170000Z",
        "SUMMARY:Engineering book club <Refactoring>",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
    .join("\r\n")
}

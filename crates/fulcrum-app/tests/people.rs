//! The people use cases on a real store: a person's page read from their records alone says
//! what the page read from every table says, private notes come out only when asked for and
//! survive edits, and a form can only change a record of the person it is about.

mod common;

use fulcrum_app::one_on_ones::{self, LogRequest, NoteEdit};
use fulcrum_app::people::{self, NewPerson, PersonEdit, Records};
use fulcrum_app::{AppError, ownership};
use fulcrum_core::privacy::Privacy;
use fulcrum_store::Store;
use jiff::civil::date;

const TODAY: jiff::civil::Date = date(2026, 6, 10);

async fn demo_store() -> (tempfile::TempDir, Box<dyn Store>, jiff::Timestamp) {
    let (dir, _, store, now) = common::demo_year(5, TODAY).await;
    (dir, store, now)
}

fn person(name: &str, email: &str, private: Option<&str>) -> NewPerson {
    NewPerson {
        name: name.into(),
        emails: vec![email.into()],
        relation: Some(fulcrum_core::people::Relation::Report),
        private_notes: private.map(str::to_string),
        ..Default::default()
    }
}

#[tokio::test]
async fn a_page_read_by_person_says_what_the_page_from_every_table_says() {
    let (_dir, store, now) = demo_store().await;
    let everyone = store.people().await.unwrap();
    assert!(everyone.len() >= 6, "{everyone:?}");
    let whole = Records::load(store.as_ref(), now)
        .await
        .unwrap()
        .with_private(store.as_ref(), Privacy::Include)
        .await
        .unwrap();
    for p in &everyone {
        for privacy in [Privacy::Hide, Privacy::Include] {
            let targeted = people::page(store.as_ref(), p.id, now, privacy)
                .await
                .unwrap();
            let from_all = whole.page(whole.person(p.id).unwrap(), privacy);
            assert_eq!(
                serde_json::to_value(&targeted).unwrap(),
                serde_json::to_value(&from_all).unwrap(),
                "{} ({privacy:?})",
                p.name
            );
        }
    }
    // The demo's pages are not empty, or the comparison above would say little.
    let busiest = people::page(store.as_ref(), everyone[0].id, now, Privacy::Include)
        .await
        .unwrap();
    assert!(!busiest.one_on_ones.history.is_empty());
    assert!(!busiest.feedback.is_empty());
}

#[tokio::test]
async fn private_notes_come_out_only_when_asked_for_and_survive_edits() {
    let (_dir, store, now) = demo_store().await;
    let s = store.as_ref();
    let kim = people::add(
        s,
        person("Kim Lind", "kim.lind@example.com", Some("moving in May")),
        now,
    )
    .await
    .unwrap();
    let hidden = people::get(s, kim.id, Privacy::Hide).await.unwrap();
    assert_eq!(hidden.private_notes, None);
    let shown = people::get(s, kim.id, Privacy::Include).await.unwrap();
    assert_eq!(shown.private_notes.as_deref(), Some("moving in May"));
    let listed = people::list(s, false, Privacy::Hide).await.unwrap();
    assert!(listed.people.iter().all(|p| p.private_notes.is_none()));

    // An edit of something else keeps them; an edit of them changes them.
    people::edit(
        s,
        kim.id,
        PersonEdit {
            team: Some("Payments".into()),
            ..PersonEdit::default()
        },
    )
    .await
    .unwrap();
    let after = people::get(s, kim.id, Privacy::Include).await.unwrap();
    assert_eq!(after.team.as_deref(), Some("Payments"));
    assert_eq!(after.private_notes.as_deref(), Some("moving in May"));
    people::archive(s, kim.id).await.unwrap();
    people::restore(s, kim.id).await.unwrap();
    let after = people::get(s, kim.id, Privacy::Include).await.unwrap();
    assert_eq!(after.private_notes.as_deref(), Some("moving in May"));
    people::edit(
        s,
        kim.id,
        PersonEdit {
            private_notes: Some(String::new()),
            ..PersonEdit::default()
        },
    )
    .await
    .unwrap();
    let cleared = people::get(s, kim.id, Privacy::Include).await.unwrap();
    assert_eq!(cleared.private_notes, None);

    // The same for a 1:1's notes.
    let logged = one_on_ones::log(
        s,
        LogRequest {
            person_id: kim.id,
            held_on: Some(TODAY),
            shared_notes: Some("roadmap".into()),
            private_notes: Some("seemed tired".into()),
            topics: vec![],
            actions: vec![],
            keep: vec![],
        },
        now,
    )
    .await
    .unwrap();
    let id = logged.note.id;
    one_on_ones::edit_note(
        s,
        id,
        NoteEdit {
            shared_notes: Some("roadmap and hiring".into()),
            ..NoteEdit::default()
        },
    )
    .await
    .unwrap();
    let page = people::page(s, kim.id, now, Privacy::Include)
        .await
        .unwrap();
    let note = page
        .one_on_ones
        .history
        .iter()
        .find_map(|h| h.note.as_ref().filter(|n| n.id == id))
        .expect("the logged 1:1 in the history");
    assert_eq!(note.shared_notes.as_deref(), Some("roadmap and hiring"));
    assert_eq!(note.private_notes.as_deref(), Some("seemed tired"));
    let page = people::page(s, kim.id, now, Privacy::Hide).await.unwrap();
    assert!(
        page.one_on_ones
            .history
            .iter()
            .all(|h| h.note.as_ref().is_none_or(|n| n.private_notes.is_none()))
    );
}

#[tokio::test]
async fn a_form_changes_only_a_record_of_its_own_person() {
    let (_dir, store, _now) = demo_store().await;
    let s = store.as_ref();
    let items = store.items().await.unwrap();
    let item = items.first().expect("the demo's agenda items");
    assert_eq!(
        ownership::agenda_item(s, item.person_id, item.id)
            .await
            .unwrap()
            .id,
        item.id
    );
    let someone_else = store
        .people()
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.id != item.person_id)
        .unwrap();
    assert!(matches!(
        ownership::agenda_item(s, someone_else.id, item.id).await,
        Err(AppError::Invalid { .. })
    ));
    assert!(matches!(
        ownership::agenda_item(s, item.person_id, 999_999).await,
        Err(AppError::NotFound { .. })
    ));
    let f = store
        .feedback()
        .await
        .unwrap()
        .into_iter()
        .find(|f| f.person_id.is_some())
        .unwrap();
    let theirs = f.person_id.unwrap();
    assert_eq!(ownership::feedback(s, theirs, f.id).await.unwrap().id, f.id);
    let other = if theirs == someone_else.id {
        item.person_id
    } else {
        someone_else.id
    };
    assert!(matches!(
        ownership::feedback(s, other, f.id).await,
        Err(AppError::Invalid { .. })
    ));
}

//! Checks of the people records: people, their records of every kind, deleting a person.

use crate::{OwnerKey, Store};

pub async fn people_round_trip(store: &dyn Store) {
    use fulcrum_core::people::{Person, Relation};
    assert!(store.people().await.unwrap().is_empty());
    let kim = Person {
        id: 0,
        name: "Kim Park".into(),
        emails: vec!["kim@example.com".into(), "kim.park@example.org".into()],
        relation: Relation::Report,
        team: Some("Payments".into()),
        start_date: Some(jiff::civil::date(2026, 9, 1)),
        cadence_days: 7,
        duration_minutes: 45,
        archived: false,
        interests: vec!["incident response".into()],
        knowledge: vec!["postgres".into(), "payments".into()],
        growth_goals: vec!["lead a migration".into()],
        working_style: Some(fulcrum_core::people::WorkingStyle::DeepDiver),
        feedback_style: Some("in private, written first".into()),
        contact_cadence_days: Some(10),
        private_notes: Some("wants to lead the next migration".into()),
    };
    let kim = store.add_person(&kim).await.unwrap();
    assert!(kim.id > 0);
    let lee = store
        .add_person(&Person {
            name: "Lee".into(),
            emails: vec![],
            relation: Relation::Stakeholder,
            team: None,
            start_date: None,
            interests: vec![],
            working_style: None,
            contact_cadence_days: None,
            private_notes: None,
            ..kim.clone()
        })
        .await
        .unwrap();
    assert!(lee.id > kim.id);
    let archived = Person {
        archived: true,
        cadence_days: 14,
        ..kim.clone()
    };
    store.update_person(&archived).await.unwrap();
    // Private notes stay out of every read but the owner's keyed one.
    let public = Person {
        private_notes: None,
        ..archived.clone()
    };
    assert_eq!(
        store.people().await.unwrap(),
        vec![public.clone(), lee.clone()]
    );
    assert_eq!(store.person(kim.id).await.unwrap(), Some(public));
    let private = store.private_notes(&OwnerKey::local(), None).await.unwrap();
    assert_eq!(private.people.get(&kim.id), archived.private_notes.as_ref());
    assert_eq!(private.people.len(), 1, "{private:?}");
    // A whole-row update leaves them alone; the keyed call changes them.
    store
        .set_private_notes(
            &OwnerKey::local(),
            crate::PrivateOf::Person(kim.id),
            Some("new"),
        )
        .await
        .unwrap();
    let private = store
        .private_notes(&OwnerKey::local(), Some(kim.id))
        .await
        .unwrap();
    assert_eq!(private.people.get(&kim.id).map(String::as_str), Some("new"));
    assert!(matches!(
        store.update_person(&Person { id: 999, ..lee }).await,
        Err(crate::StoreError::NotFound {
            what: "person",
            id: 999
        })
    ));
}

pub async fn people_records_round_trip(store: &dyn Store) {
    use fulcrum_core::delegation::{CheckIn, Delegation, Expectations, FollowUp, Status, Style};
    use fulcrum_core::feedback::{Direction, Feedback, Polarity};
    use fulcrum_core::observations::{Context, Observation};
    use fulcrum_core::onboarding::Step;
    use fulcrum_core::one_on_one::{Item, ItemKind, OneOnOneNote, Owner, Topic};
    use fulcrum_core::relationships::{
        Commitment, CommitmentStatus, Interaction, InteractionKind, Prep,
    };
    use jiff::civil::date;
    let kim = store.people().await.unwrap()[0].clone();
    let d = |day| date(2026, 3, day);

    let o = store
        .add_observation(&Observation {
            id: 0,
            person_id: kim.id,
            on: d(2),
            energy: 2,
            context: Context::OneOnOne,
            note: Some("tired after the release".into()),
        })
        .await
        .unwrap();
    assert_eq!(store.observations().await.unwrap(), vec![o]);

    let agenda = store
        .add_item(&Item {
            id: 0,
            person_id: kim.id,
            kind: ItemKind::Agenda,
            owner: Owner::Them,
            text: "Conference budget".into(),
            due: None,
            created_on: d(1),
            created_in: None,
            closed_on: None,
            closed_in: None,
        })
        .await
        .unwrap();
    let action = Item {
        kind: ItemKind::Action,
        owner: Owner::Me,
        text: "Ask Sam about the budget".into(),
        due: Some(d(9)),
        ..agenda.clone()
    };
    let note = OneOnOneNote {
        id: 0,
        person_id: kim.id,
        held_on: d(2),
        meeting_uid: Some("one-on-one-1@demo".into()),
        shared_notes: Some("Talked about the conference".into()),
        private_notes: Some("Worried about the move".into()),
        topics: vec![Topic::Growth, Topic::Connection],
    };
    let note = store
        .log_one_on_one(&note, &[agenda.id], std::slice::from_ref(&action))
        .await
        .unwrap();
    assert!(note.id > 0);
    let shared = |n: &OneOnOneNote| OneOnOneNote {
        private_notes: None,
        ..n.clone()
    };
    assert_eq!(store.notes().await.unwrap(), vec![shared(&note)]);
    let private = store
        .private_notes(&OwnerKey::local(), Some(kim.id))
        .await
        .unwrap();
    assert_eq!(
        private.one_on_ones.get(&note.id),
        note.private_notes.as_ref()
    );
    let items = store.items().await.unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(
        (items[0].closed_on, items[0].closed_in),
        (Some(d(2)), Some(note.id))
    );
    assert_eq!(items[1].created_in, Some(note.id));
    assert_eq!(items[1].text, action.text);
    // Closing an item that is not open fails and the whole log is undone.
    let again = store.log_one_on_one(&note, &[agenda.id], &[]).await;
    assert!(
        matches!(again, Err(crate::StoreError::NotFound { .. })),
        "{again:?}"
    );
    assert_eq!(store.notes().await.unwrap().len(), 1);
    let done = Item {
        closed_on: Some(d(5)),
        ..items[1].clone()
    };
    store.update_item(&done).await.unwrap();
    assert_eq!(store.items().await.unwrap()[1], done);
    let edited = OneOnOneNote {
        topics: vec![Topic::Feedback],
        ..note
    };
    store.update_note(&edited).await.unwrap();
    assert_eq!(store.notes().await.unwrap(), vec![shared(&edited)]);
    let file = store.person_file(kim.id).await.unwrap();
    assert_eq!(file.notes, vec![shared(&edited)]);
    let private = store.private_notes(&OwnerKey::local(), None).await.unwrap();
    assert_eq!(
        private.one_on_ones.get(&edited.id),
        edited.private_notes.as_ref()
    );

    let f = Feedback {
        id: 0,
        person_id: Some(kim.id),
        who: None,
        direction: Direction::Given,
        polarity: Some(Polarity::Constructive),
        situation: "In Monday's planning".into(),
        behaviour: "you committed the team without asking".into(),
        impact: "two people worked late".into(),
        theme: None,
        event_on: d(2),
        delivered_on: Some(d(3)),
        follow_up_due: Some(d(17)),
        followed_up_on: None,
        follow_up_note: None,
    };
    let f = store.add_feedback(&f).await.unwrap();
    let requested = store
        .add_feedback(&Feedback {
            person_id: None,
            who: Some("Dana".into()),
            direction: Direction::Requested,
            polarity: None,
            delivered_on: None,
            follow_up_due: None,
            ..f.clone()
        })
        .await
        .unwrap();
    let followed = Feedback {
        followed_up_on: Some(d(18)),
        follow_up_note: Some("asks first now".into()),
        ..f
    };
    store.update_feedback(&followed).await.unwrap();
    assert_eq!(store.feedback().await.unwrap(), vec![followed, requested]);

    let deleg = Delegation {
        id: 0,
        person_id: kim.id,
        title: "Run the release".into(),
        category: fulcrum_core::Category::Operate,
        style: Style::Selling,
        expectations: Expectations {
            specific: Some("Run it".into()),
            deadline: Some(d(30)),
            ..Default::default()
        },
        status: Status::Active,
        created_on: d(1),
        handed_over_on: Some(d(2)),
        check_ins: vec![CheckIn {
            due: d(9),
            done_on: Some(d(9)),
            note: Some("fine".into()),
        }],
        outcome: None,
        follow_up: FollowUp {
            their_feedback: Some("more context".into()),
            ..Default::default()
        },
        closed_on: None,
        origin: Some("calendar:release@x".into()),
    };
    let deleg = store.add_delegation(&deleg).await.unwrap();
    let closed = Delegation {
        status: Status::Done,
        outcome: Some(fulcrum_core::delegation::Outcome::Met),
        closed_on: Some(d(30)),
        ..deleg
    };
    store.update_delegation(&closed).await.unwrap();
    assert_eq!(store.delegations().await.unwrap(), vec![closed.clone()]);
    assert!(matches!(
        store
            .update_delegation(&Delegation { id: 999, ..closed })
            .await,
        Err(crate::StoreError::NotFound { id: 999, .. })
    ));

    let i = store
        .add_interaction(&Interaction {
            id: 0,
            person_id: kim.id,
            on: d(4),
            kind: InteractionKind::Coffee,
            note: None,
        })
        .await
        .unwrap();
    assert_eq!(store.interactions().await.unwrap(), vec![i]);

    let c = store
        .add_commitment(&Commitment {
            id: 0,
            person_id: Some(kim.id),
            to: "Kim".into(),
            what: "Budget answer".into(),
            made_on: d(2),
            due: d(6),
            status: CommitmentStatus::Open,
            last_update_on: None,
            closed_on: None,
            note: None,
        })
        .await
        .unwrap();
    let c = Commitment {
        status: CommitmentStatus::Done,
        closed_on: Some(d(5)),
        ..c
    };
    store.update_commitment(&c).await.unwrap();
    assert_eq!(store.commitments().await.unwrap(), vec![c]);

    let p = store
        .add_prep(&Prep {
            id: 0,
            person_id: kim.id,
            topic: "Retry refactor".into(),
            meeting_on: Some(d(12)),
            reframe: Some("fewer failed payments".into()),
            relate: None,
            reinforce: None,
            created_on: d(4),
        })
        .await
        .unwrap();
    let p = Prep {
        relate: Some("conversion goal".into()),
        ..p
    };
    store.update_prep(&p).await.unwrap();
    assert_eq!(store.preps().await.unwrap(), vec![p]);

    let steps: Vec<Step> = (1..=3)
        .map(|seq| Step {
            id: 0,
            person_id: kim.id,
            seq,
            title: format!("step {seq}"),
            due: Some(d(seq as i8)),
            done_on: None,
        })
        .collect();
    let steps = store.add_onboarding_steps(&steps).await.unwrap();
    assert!(steps.iter().all(|s| s.id > 0));
    let first = Step {
        done_on: Some(d(1)),
        ..steps[0].clone()
    };
    store.update_onboarding_step(&first).await.unwrap();
    let stored = store.onboarding_steps().await.unwrap();
    assert_eq!(stored[0], first);
    assert_eq!(stored.len(), 3);
}

pub async fn deleting_a_person_takes_their_records(store: &dyn Store) {
    let people = store.people().await.unwrap();
    let kim = &people[0];
    let lee = &people[1];
    let records = store.person_records(kim.id).await.unwrap();
    assert_eq!(
        (
            records.one_on_one_notes,
            records.agenda_and_action_items,
            records.observations,
            records.feedback,
            records.delegations,
            records.interactions,
            records.commitments,
            records.stakeholder_preps,
            records.onboarding_steps,
        ),
        (1, 2, 1, 1, 1, 1, 1, 1, 3)
    );
    assert_eq!(records.total(), 12);
    assert!(
        records.describe().starts_with("1 logged 1:1s, 2 agenda"),
        "{}",
        records.describe()
    );
    assert_eq!(store.person_records(lee.id).await.unwrap().total(), 0);
    assert_eq!(store.delete_person(kim.id).await.unwrap(), records);
    assert_eq!(store.people().await.unwrap(), vec![lee.clone()]);
    assert!(store.notes().await.unwrap().is_empty());
    assert!(store.items().await.unwrap().is_empty());
    // The feedback requested of someone who is not a person stays.
    assert_eq!(store.feedback().await.unwrap().len(), 1);
    assert!(store.onboarding_steps().await.unwrap().is_empty());
    assert!(matches!(
        store.delete_person(kim.id).await,
        Err(crate::StoreError::NotFound {
            what: "person",
            id: _
        })
    ));
}

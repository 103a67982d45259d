use super::*;
use jiff::Timestamp;
use jiff::civil::date;

fn note(id: i64, on: Date, topics: &[Topic]) -> OneOnOneNote {
    OneOnOneNote {
        id,
        person_id: 1,
        held_on: on,
        meeting_uid: None,
        shared_notes: None,
        private_notes: Some("private".into()),
        topics: topics.to_vec(),
    }
}

fn item(id: i64, kind: ItemKind, owner: Owner, on: Date) -> Item {
    Item {
        id,
        person_id: 1,
        kind,
        owner,
        text: format!("item {id}"),
        due: None,
        created_on: on,
        created_in: None,
        closed_on: None,
        closed_in: None,
    }
}

fn meeting(start: &str, state: OneOnOneState) -> OneOnOne {
    let start: Timestamp = start.parse().unwrap();
    OneOnOne {
        uid: "s@x".into(),
        start,
        end: Timestamp::from_second(start.as_second() + 1800).unwrap(),
        title: "1:1".into(),
        state,
        cancelled_by: None,
    }
}

#[test]
fn notes_join_the_meeting_of_their_day_or_stand_alone() {
    let tz = TimeZone::UTC;
    let meetings = [
        meeting("2026-03-02T15:00:00Z", OneOnOneState::Held),
        meeting("2026-03-16T15:00:00Z", OneOnOneState::Cancelled),
    ];
    let notes = [
        note(1, date(2026, 3, 2), &[]),
        // The cancelled day had a walk instead: it stands alone, not on the cancelled meeting.
        note(2, date(2026, 3, 16), &[]),
        note(3, date(2026, 3, 10), &[]),
    ];
    let h = history(&meetings, &notes, &tz);
    let shape: Vec<(Date, bool, Option<i64>)> = h
        .iter()
        .map(|e| (e.on, e.meeting.is_some(), e.note.as_ref().map(|n| n.id)))
        .collect();
    assert_eq!(
        shape,
        [
            (date(2026, 3, 2), true, Some(1)),
            (date(2026, 3, 10), false, Some(3)),
            (date(2026, 3, 16), false, Some(2)),
            (date(2026, 3, 16), true, None),
        ]
    );
    assert_eq!(
        last_met(&meetings, &notes, date(2026, 3, 20), &tz),
        Some(date(2026, 3, 16))
    );
    assert_eq!(
        last_met(&meetings, &[], date(2026, 3, 20), &tz),
        Some(date(2026, 3, 2))
    );
}

#[test]
fn hiding_private_content_empties_only_the_private_notes() {
    let mut h = vec![HistoryEntry {
        on: date(2026, 3, 2),
        meeting: None,
        note: Some(OneOnOneNote {
            shared_notes: Some("shared".into()),
            ..note(1, date(2026, 3, 2), &[Topic::Growth])
        }),
    }];
    h.hide_private();
    let n = h[0].note.as_ref().unwrap();
    assert_eq!(n.private_notes, None);
    assert_eq!(n.shared_notes.as_deref(), Some("shared"));
}

#[test]
fn actions_carry_forward_until_done_and_agenda_items_close_when_discussed() {
    let d = |day| date(2026, 3, day);
    let mut first_action = item(1, ItemKind::Action, Owner::Them, d(2));
    first_action.created_in = Some(10);
    let done_action = Item {
        closed_on: Some(d(9)),
        ..item(2, ItemKind::Action, Owner::Me, d(2))
    };
    let theirs = item(3, ItemKind::Agenda, Owner::Them, d(12));
    let mine = item(4, ItemKind::Agenda, Owner::Me, d(12));
    let later = item(5, ItemKind::Agenda, Owner::Me, d(20));
    let items = [first_action, done_action, theirs, mine, later];
    let notes = [
        note(10, d(2), &[]),
        note(11, d(9), &[]),
        note(12, d(16), &[]),
    ];
    let a = agenda(&items, &notes);
    assert_eq!(a.actions.len(), 1);
    assert_eq!(a.actions[0].item.id, 1);
    // Created in the 2 March 1:1, still open after the 9 and 16 March ones.
    assert_eq!(a.actions[0].carried, 2);
    assert_eq!(a.theirs.iter().map(|i| i.id).collect::<Vec<_>>(), [3]);
    assert_eq!(a.mine.iter().map(|i| i.id).collect::<Vec<_>>(), [4, 5]);
    // A 1:1 on 16 March closes what was on the agenda by then, except what is kept.
    assert_eq!(closed_by_logging(&items, d(16), &[]), [3, 4]);
    assert_eq!(closed_by_logging(&items, d(16), &[4]), [3]);
    assert_eq!(closed_by_logging(&items, d(1), &[]), Vec::<i64>::new());
}

#[test]
fn topic_balance_points_at_the_theme_away_longest() {
    use Topic::*;
    let d = |m, day| date(2026, m, day);
    let notes = [
        note(1, d(1, 5), &[Reflection]),
        note(2, d(1, 19), &[Connection, Status]),
        note(3, d(2, 2), &[Growth, Status]),
        note(4, d(2, 16), &[Connection, Feedback, Status]),
        note(5, d(3, 2), &[Growth, Status]),
    ];
    let b = topic_balance(&notes);
    assert_eq!(b.looked_at, 5);
    assert_eq!(b.missing, [TeamHealth]);
    assert!(b.status_heavy, "status in 4 of 5");
    let s = b.suggestion.unwrap();
    assert_eq!(s.topic, TeamHealth);
    assert_eq!(s.prompts.len(), 2);
    assert!(s.why.contains("Team health"), "{}", s.why);
    let count = |t: Topic| b.counts.iter().find(|c| c.topic == t).unwrap().count;
    assert_eq!((count(Growth), count(Connection), count(Status)), (2, 2, 4));

    // Every theme covered: the one seen longest ago comes back.
    let mut all = notes.to_vec();
    all.push(note(6, d(3, 16), &[TeamHealth]));
    let b = topic_balance(&all);
    assert!(b.missing.is_empty());
    // Reflection, last on 5 January, has been away longest.
    assert_eq!(b.suggestion.unwrap().topic, Reflection);
    assert!(topic_balance(&[]).suggestion.is_none());
}

#[test]
fn prompts_rotate_and_exist_for_every_theme() {
    for t in Topic::THEMES {
        let a = prompts_for(t, 0, 2);
        let b = prompts_for(t, 1, 2);
        assert_eq!(a.len(), 2, "{t}");
        assert_ne!(a, b, "{t}: the next turn starts elsewhere");
        assert_eq!(a[1], b[0]);
    }
}

#[test]
fn quiet_one_on_ones_for_a_person_and_for_the_team() {
    let d = |day| date(2026, 3, day);
    let notes = [
        note(1, d(2), &[]),
        note(2, d(9), &[]),
        note(3, d(16), &[]),
        note(4, d(23), &[]),
    ];
    // Their item added before the 9 March 1:1: the three after it were quiet.
    let items = [item(1, ItemKind::Agenda, Owner::Them, d(5))];
    assert_eq!(quiet_streak(&notes, &items), 2);
    let items = [item(1, ItemKind::Agenda, Owner::Them, d(1))];
    assert_eq!(quiet_streak(&notes, &items), 3);
    // The lead's own items do not count as theirs.
    let items = [item(1, ItemKind::Agenda, Owner::Me, d(20))];
    assert_eq!(quiet_streak(&notes, &items), 4);
    // Discussed in the last one, even though added long before.
    let items = [Item {
        closed_in: Some(4),
        ..item(1, ItemKind::Agenda, Owner::Them, d(1))
    }];
    assert_eq!(quiet_streak(&notes, &items), 0);

    assert!(team_is_quiet(&[(4, 3), (5, 4), (6, 0)]), "two of three");
    assert!(!team_is_quiet(&[(4, 3), (5, 0), (6, 0)]), "one of three");
    assert!(team_is_quiet(&[(4, 3), (5, 4), (6, 0), (3, 1)]), "half");
    assert!(!team_is_quiet(&[(4, 3)]), "one person is not a team");
    assert!(!team_is_quiet(&[(2, 2), (1, 1)]), "too few 1:1s to tell");
}

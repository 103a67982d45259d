use super::*;
use jiff::civil::date;

#[test]
fn periods_cover_weeks_months_and_quarters() {
    let d = date(2026, 11, 25);
    assert_eq!(period_of(Ritual::WeeklyJournal, d).label, "2026-W48");
    let m = period_of(Ritual::MonthlyCheckIn, d);
    assert_eq!(
        (m.label.as_str(), m.from, m.to),
        ("2026-11", date(2026, 11, 1), date(2026, 12, 1))
    );
    let q = period_of(Ritual::QuarterlyAssessment, d);
    assert_eq!(
        (q.label.as_str(), q.from, q.to),
        ("2026-Q4", date(2026, 10, 1), date(2027, 1, 1))
    );
    assert_eq!(
        parse_period(Ritual::QuarterlyAssessment, "2026-Q4"),
        Some(q)
    );
    assert_eq!(parse_period(Ritual::MonthlyCheckIn, "2026-11"), Some(m));
    assert_eq!(parse_period(Ritual::MonthlyCheckIn, "2026-13"), None);
    assert_eq!(
        due_date(&period_of(Ritual::WeeklyJournal, d)),
        date(2026, 11, 27)
    );
    assert_eq!(
        due_date(&period_of(Ritual::MonthlyCheckIn, date(2026, 2, 3))),
        date(2026, 2, 27)
    );
}

#[test]
fn due_overdue_and_streaks() {
    let w = |s: &str| s.to_string();
    // Wednesday: this week's journal is upcoming; last week's was written.
    let s = status(
        Ritual::WeeklyJournal,
        date(2026, 11, 25),
        &[w("2026-W46"), w("2026-W47")],
    );
    assert_eq!(
        (s.state, s.period.label.as_str(), s.streak),
        ("upcoming", "2026-W48", 2)
    );
    // Friday: due.
    assert_eq!(
        status(Ritual::WeeklyJournal, date(2026, 11, 27), &[w("2026-W47")]).state,
        "due"
    );
    // Monday after: last week's entry is still expected (grace), and overdue.
    let s = status(Ritual::WeeklyJournal, date(2026, 11, 30), &[w("2026-W47")]);
    assert_eq!((s.state, s.period.label.as_str()), ("overdue", "2026-W48"));
    // Thursday after, still missing: the grace has passed; the current week is now expected
    // and last week's was simply missed, so the streak is broken.
    let s = status(Ritual::WeeklyJournal, date(2026, 12, 3), &[w("2026-W47")]);
    assert_eq!(
        (s.state, s.period.label.as_str(), s.streak),
        ("upcoming", "2026-W49", 0)
    );
    // A missed month shows as overdue until the grace ends.
    let s = status(Ritual::MonthlyCheckIn, date(2026, 12, 5), &[w("2026-10")]);
    assert_eq!(
        (s.state, s.period.label.as_str(), s.streak),
        ("overdue", "2026-11", 1)
    );
    let s = status(
        Ritual::MonthlyCheckIn,
        date(2026, 11, 20),
        &[w("2026-09"), w("2026-10"), w("2026-11")],
    );
    assert_eq!((s.state, s.streak), ("done", 3));
}

#[test]
fn templates_round_trip_through_an_editor() {
    let p = period_of(Ritual::WeeklyJournal, date(2026, 11, 25));
    let body = EntryBody {
        sections: vec![
            (
                "accomplishments".into(),
                vec!["Shipped the retry fix".into(), "Ran a good retro".into()],
            ),
            ("challenges".into(), vec![]),
            (
                "learnings".into(),
                vec!["Pairing beats review for onboarding".into()],
            ),
        ],
        energy: vec![(Category::Build, 1), (Category::Align, -1)],
        ratings: vec![],
    };
    let text = template(
        Ritual::WeeklyJournal,
        &p,
        &["build 38 % of 21h".into()],
        &body,
    );
    assert!(text.contains("<!-- What your data shows"));
    assert_eq!(parse_template(Ritual::WeeklyJournal, &text).unwrap(), body);

    let q = period_of(Ritual::QuarterlyAssessment, date(2026, 11, 25));
    let text = template(Ritual::QuarterlyAssessment, &q, &[], &EntryBody::default())
        .replace("listening: \n", "listening: 6, Sam=7, Priya=8\n");
    let parsed = parse_template(Ritual::QuarterlyAssessment, &text).unwrap();
    assert_eq!(
        parsed.ratings,
        vec![SkillRating {
            skill: "listening".into(),
            own: Some(6),
            others: vec![("Sam".into(), 7), ("Priya".into(), 8)]
        }]
    );

    let bad = text.replace("listening: 6", "listening: 11");
    let e = parse_template(Ritual::QuarterlyAssessment, &bad).unwrap_err();
    assert!(e.message.contains("11") && e.line > 1, "{e}");
    let e = parse_template(
        Ritual::WeeklyJournal,
        "stray words\n## accomplishments\n- x\n",
    )
    .unwrap_err();
    assert_eq!(e.line, 1);
    let e = parse_template(Ritual::WeeklyJournal, "## wins\n- x\n").unwrap_err();
    assert!(e.message.contains("accomplishments"), "{e}");
}

#[test]
fn energy_notes_read_as_one_phrase() {
    let body = EntryBody {
        sections: vec![],
        energy: vec![
            (Category::Build, 1),
            (Category::Lead, 1),
            (Category::Align, -1),
        ],
        ratings: vec![],
    };
    assert_eq!(body.energy_phrase(), "gave — build, lead; drained — align");
    let none = EntryBody {
        energy: vec![(Category::Think, 1)],
        ..body
    };
    assert_eq!(none.energy_phrase(), "gave — think; drained — none");
}

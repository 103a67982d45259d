use super::*;
use jiff::civil::date;

fn given(id: i64, polarity: Polarity, event: Date, delivered: Option<Date>) -> Feedback {
    Feedback {
        id,
        person_id: Some(7),
        who: None,
        direction: Direction::Given,
        polarity: Some(polarity),
        situation: "In Tuesday's planning".into(),
        behaviour: "you walked us through the migration risks".into(),
        impact: "we cut scope before committing".into(),
        theme: None,
        event_on: event,
        delivered_on: delivered,
        follow_up_due: None,
        followed_up_on: None,
        follow_up_note: None,
    }
}

fn kinds(f: &[LintFinding]) -> Vec<(LintKind, &str)> {
    f.iter().map(|f| (f.kind, f.part)).collect()
}

/// Lints constructive feedback written as situation, behaviour, impact.
fn constructive(situation: &str, behaviour: &str, impact: &str) -> Vec<LintFinding> {
    lint(Some(Polarity::Constructive), situation, behaviour, impact)
}

#[test]
fn a_clear_specific_sbi_passes() {
    let f = constructive(
        "In yesterday's planning meeting",
        "you interrupted Ana and Lee three times while they were explaining their estimates",
        "they stopped contributing and we planned without their view of the risks",
    );
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn hedges_patterns_and_judgements_are_flagged() {
    let f = constructive(
        "In standup",
        "I think you always sort of ignore the review comments, which is careless",
        "it might slow us down",
    );
    let found: Vec<&str> = f.iter().filter_map(|f| f.found.as_deref()).collect();
    assert_eq!(
        found,
        ["i think", "sort of", "might", "always", "careless"],
        "{f:?}"
    );
    assert_eq!(f[2].part, "impact");
    assert_eq!(f[3].kind, LintKind::Generalisation);
    assert_eq!(f[4].kind, LintKind::Judgement);
}

#[test]
fn missing_parts_and_missing_specifics() {
    let f = constructive("", "your code is full of bugs", "");
    assert_eq!(
        kinds(&f),
        [
            (LintKind::Missing, "situation"),
            (LintKind::Missing, "impact"),
            (LintKind::Judgement, "behaviour"),
        ]
    );
    let tests_left_out =
        |situation| constructive(situation, "you left tests out", "bugs reached QA");
    let f = tests_left_out("Recently");
    assert_eq!(kinds(&f), [(LintKind::NoSpecifics, "situation")]);
    // A pull request number anchors it.
    let f = tests_left_out("Recently, in #482");
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn generic_praise_is_flagged_only_when_it_is_all_there_is() {
    let at_the_demo = |behaviour| {
        lint(
            Some(Polarity::Positive),
            "At Friday's demo",
            behaviour,
            "the client signed off",
        )
    };
    let f = at_the_demo("great job");
    assert_eq!(kinds(&f), [(LintKind::Generic, "behaviour")]);
    let f = at_the_demo(
        "great job answering the client's questions about retries with the dashboard open",
    );
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn a_free_draft_is_linted_too() {
    let f = lint_text("Maybe you could be a bit more careful with the deploys?");
    let found: Vec<&str> = f.iter().filter_map(|f| f.found.as_deref()).collect();
    assert_eq!(found, ["maybe", "a bit"]);
    assert_eq!(f.last().unwrap().kind, LintKind::NoSpecifics);
    assert!(lint_text("On Monday's deploy you skipped the checklist.").is_empty());
    // Words inside other words are not hedges.
    assert!(lint_text("At the 1:1 we discussed the mighty refactor.").is_empty());
}

#[test]
fn timeliness_staleness_and_follow_ups() {
    let d = |day| date(2026, 3, day);
    let f = given(1, Polarity::Constructive, d(2), Some(d(4)));
    assert_eq!(f.delay_days(), Some(2));
    assert_eq!(f.is_timely(), Some(true));
    let late = given(2, Polarity::Constructive, d(2), Some(d(12)));
    assert_eq!(late.is_timely(), Some(false));
    let waiting = given(3, Polarity::Positive, d(2), None);
    assert!(!waiting.is_stale(d(4)));
    assert!(waiting.is_stale(d(5)));

    let mut f = f;
    f.follow_up_due = Some(default_follow_up(d(4)));
    assert_eq!(f.follow_up_due, Some(d(18)));
    assert_eq!(f.follow_up_overdue(d(20)), Some(2));
    assert_eq!(f.follow_up_overdue(d(16)), Some(-2));
    f.followed_up_on = Some(d(19));
    assert_eq!(f.follow_up_overdue(d(20)), None);
    let mut praise = given(4, Polarity::Positive, d(2), Some(d(2)));
    praise.follow_up_due = Some(d(3));
    assert_eq!(
        praise.follow_up_overdue(d(20)),
        None,
        "praise needs no follow-up"
    );
}

#[test]
fn balance_counts_delivered_feedback_and_warns() {
    let d = |m, day| date(2026, m, day);
    let today = d(4, 30);
    let all = vec![
        given(1, Polarity::Constructive, d(3, 2), Some(d(3, 2))),
        given(2, Polarity::Constructive, d(3, 9), Some(d(3, 20))),
        given(3, Polarity::Constructive, d(3, 16), Some(d(3, 16))),
        given(4, Polarity::Positive, d(3, 20), None),
        Feedback {
            person_id: Some(8),
            ..given(5, Polarity::Positive, d(3, 20), Some(d(3, 20)))
        },
    ];
    let b = balance(7, "Kim", &all, today);
    assert_eq!((b.positive, b.constructive, b.waiting), (0, 3, 1));
    assert_eq!(b.ratio, Some(0.0));
    assert_eq!(b.last_given, Some(d(3, 20)));
    assert!((b.timely_share.unwrap() - 2.0 / 3.0).abs() < 1e-9);
    assert_eq!(b.warnings.len(), 2, "{:?}", b.warnings);
    assert!(b.warnings[0].contains("only heard constructive"));
    assert!(b.warnings[1].contains("never given Kim positive"));

    let mut all = all;
    all.push(given(6, Polarity::Positive, d(4, 1), Some(d(4, 1))));
    let b = balance(7, "Kim", &all, today);
    assert_eq!(b.days_since_positive, Some(29));
    assert!(b.warnings.is_empty(), "{:?}", b.warnings);
    let b = balance(7, "Kim", &all, d(5, 13));
    assert_eq!(b.warnings.len(), 1);
    assert!(b.warnings[0].contains("42 days"));
    let nobody = balance(99, "Nobody", &all, today);
    assert!(nobody.warnings.is_empty() && nobody.ratio.is_none());
}

#[test]
fn uneven_attention_names_who_was_left_out() {
    let c = |n: &str, k| (n.to_string(), k);
    let w = uneven_attention(&[c("Kim", 4), c("Lee", 0), c("Ana", 1)]).unwrap();
    assert!(
        w.contains("4 times") && w.contains("Lee") && !w.contains("Ana"),
        "{w}"
    );
    assert!(uneven_attention(&[c("Kim", 2), c("Lee", 0)]).is_none());
    assert!(uneven_attention(&[]).is_none());
}

#[test]
fn my_feedback_groups_by_theme_most_heard_first() {
    let d = |day| date(2026, 3, day);
    let received = |id, theme: Option<&str>, on| Feedback {
        direction: Direction::Received,
        theme: theme.map(str::to_string),
        ..given(id, Polarity::Constructive, on, Some(on))
    };
    let all = [
        received(1, Some("Delegation"), d(2)),
        received(2, Some("communication"), d(3)),
        received(3, Some(" delegation "), d(9)),
        received(4, None, d(4)),
        given(5, Polarity::Positive, d(5), Some(d(5))),
    ];
    let g = my_feedback(&all);
    let shape: Vec<(&str, Vec<i64>, bool)> = g
        .iter()
        .map(|g| {
            (
                g.theme.as_str(),
                g.items.iter().map(|f| f.id).collect(),
                g.repeated,
            )
        })
        .collect();
    assert_eq!(
        shape,
        [
            ("delegation", vec![3, 1], true),
            ("communication", vec![2], false),
            ("unsorted", vec![4], false),
        ]
    );
}

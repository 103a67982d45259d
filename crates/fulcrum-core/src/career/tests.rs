//! Scenarios for the role profiles, the calendar audit, the compass and the path fit.

use super::*;
use jiff::civil::date;

fn week(monday: Date, minutes: &[(Category, i64)]) -> WeekMinutes {
    WeekMinutes {
        monday,
        minutes: minutes.to_vec(),
    }
}

const KNOWN: [(Category, i64); 3] = [
    (Category::Build, 600),
    (Category::Lead, 300),
    (Category::Align, 100),
];

#[test]
fn every_profile_splits_the_whole_of_work_time() {
    for p in profiles() {
        let sum: f64 = p.split.iter().map(|(_, s)| s).sum();
        assert!((sum - 1.0).abs() < 1e-9, "{:?} sums to {sum}", p.role);
        assert_eq!(p.split.len(), WORK.len());
        assert!(!p.focus.is_empty());
    }
    // A tech lead codes at least 30 % of the time.
    assert!(profile(Role::TechLead).share(Category::Build) >= 0.30);
    // The director's profile says where a director's time goes.
    assert!(
        profile(Role::Director)
            .notes
            .iter()
            .any(|n| n.contains("talent pipelines"))
    );
}

#[test]
fn roles_parse_from_the_names_people_use() {
    assert_eq!(Role::parse_alias("staff"), Some(Role::Staff));
    assert_eq!(Role::parse_alias("Staff Engineer"), Some(Role::Staff));
    assert_eq!(Role::parse_alias("architect"), Some(Role::Staff));
    assert_eq!(Role::parse_alias("EM"), Some(Role::EngineeringManager));
    assert_eq!(
        Role::parse_alias("head_of_engineering"),
        Some(Role::Director)
    );
    assert_eq!(Role::parse_alias("program manager"), Some(Role::Tpm));
    assert_eq!(Role::parse_alias("astronaut"), None);
}

#[test]
fn the_audit_of_a_known_calendar_gives_the_distance_by_hand() {
    // Shares 0.6 / 0.3 / 0.1 against the tech-lead split 0.35 / 0.20 / 0.15 / 0.10 / 0.10 /
    // 0.10: |0.25| + |0.10| + |−0.05| + 3 × |−0.10| = 0.70, half of it 0.35.
    let weeks = [
        week(date(2026, 4, 20), &KNOWN),
        week(date(2026, 4, 27), &KNOWN),
    ];
    let a = audit(Role::TechLead, &weeks);
    assert_eq!(a.weeks, 2);
    assert_eq!(a.distance, 0.35);
    assert_eq!(a.categories[0].actual_share, 0.6);
    assert_eq!(a.categories[0].difference, 0.25);
    assert_eq!(a.categories[3].actual_share, 0.0);
    assert_eq!(a.from, Some(date(2026, 4, 20)));
    assert_eq!(a.to, Some(date(2026, 5, 3)));
    assert_eq!(a.direction, Trend::Steady);
    // Personal and other time is no part of a role: adding some changes nothing.
    let with_lunch = [
        week(
            date(2026, 4, 20),
            &[KNOWN[0], KNOWN[1], KNOWN[2], (Category::Personal, 300)],
        ),
        week(date(2026, 4, 27), &KNOWN),
    ];
    assert_eq!(audit(Role::TechLead, &with_lunch).distance, 0.35);
}

#[test]
fn the_trend_says_whether_the_weeks_move_toward_the_role() {
    let far = [(Category::Build, 1000)];
    let close = [
        (Category::Build, 350),
        (Category::Lead, 200),
        (Category::Align, 150),
        (Category::Operate, 100),
        (Category::Think, 100),
        (Category::Grow, 100),
    ];
    let mondays = [
        date(2026, 4, 6),
        date(2026, 4, 13),
        date(2026, 4, 20),
        date(2026, 4, 27),
    ];
    let closer: Vec<WeekMinutes> = mondays
        .iter()
        .zip([&far[..], &far[..], &close[..], &close[..]])
        .map(|(m, w)| week(*m, w))
        .collect();
    assert_eq!(audit(Role::TechLead, &closer).direction, Trend::Closer);
    let mut away = closer.clone();
    away.reverse();
    for (w, m) in away.iter_mut().zip(mondays) {
        w.monday = m;
    }
    assert_eq!(audit(Role::TechLead, &away).direction, Trend::Away);
    // One week of data says nothing of a trend; empty weeks are skipped.
    let one = [week(mondays[0], &far), week(mondays[1], &[])];
    let a = audit(Role::TechLead, &one);
    assert_eq!(a.direction, Trend::Unknown);
    assert_eq!(a.weeks, 2);
    assert_eq!(a.trend.len(), 1);
}

fn energy_week(n: i64, energy: &[(Category, i8)]) -> EnergyWeek {
    EnergyWeek {
        monday: add_days(date(2026, 1, 5), 7 * n),
        energy: energy.to_vec(),
        minutes: vec![(Category::Build, 900), (Category::Lead, 600)],
    }
}

/// Ten journaled weeks: lead work drained in seven of them, build gave energy in six.
fn drained_by_people() -> Vec<EnergyWeek> {
    (0..10)
        .map(|n| {
            let mut e = Vec::new();
            if n < 7 {
                e.push((Category::Lead, -1));
            }
            if n >= 4 {
                e.push((Category::Build, 1));
            }
            if e.is_empty() {
                e.push((Category::Grow, 1));
            }
            energy_week(n, &e)
        })
        .collect()
}

#[test]
fn the_energy_log_joined_with_the_weeks_reads_as_sentences() {
    let weeks = drained_by_people();
    let e = evidence(&EvidenceInput {
        weeks: &weeks,
        meeting_minutes_per_week: &[],
        feedback_themes: &[
            "Communication".into(),
            "delegation".into(),
            "communication".into(),
        ],
    });
    assert_eq!(
        e.sentences[0],
        "lead work drained you in 7 of the last 10 weeks"
    );
    assert_eq!(
        e.sentences[1],
        "build work gave you energy in 6 of the last 10 weeks"
    );
    let lead = e
        .energy
        .iter()
        .find(|l| l.category == Category::Lead)
        .unwrap();
    assert_eq!((lead.gave, lead.drained, lead.weeks), (0, 7, 10));
    assert_eq!(lead.minutes, 6000);
    assert_eq!(e.people_share, Some(0.4));
    assert_eq!(e.feedback_themes[0], ("communication".to_string(), 2));
    // People work drained and technical work gave: the energy question leans technical.
    let energy = e.suggested.iter().find(|(d, _)| *d == Dimension::Energy);
    assert_eq!(energy, Some(&(Dimension::Energy, -2)));
    // No journal, no suggestion.
    let none = evidence(&EvidenceInput {
        weeks: &[],
        meeting_minutes_per_week: &[],
        feedback_themes: &[],
    });
    assert!(none.suggested.is_empty() && none.sentences.is_empty());
}

fn answer(dimension: Dimension, lean: i8, on: Date) -> CompassAnswer {
    CompassAnswer {
        dimension,
        lean,
        on,
        note: String::new(),
    }
}

#[test]
fn the_compass_reads_the_latest_answer_of_each_question() {
    let answers = [
        answer(Dimension::Energy, 2, date(2026, 1, 1)),
        answer(Dimension::Energy, -1, date(2026, 3, 1)),
        answer(Dimension::Impact, -2, date(2026, 3, 1)),
    ];
    let leans = lean(&answers);
    assert_eq!(leans[0], (Dimension::Energy, Some(-1)));
    assert_eq!(leans[1], (Dimension::Impact, Some(-2)));
    assert_eq!(leans[2], (Dimension::GrowthPath, None));
    assert_eq!(overall(&answers), Some(Leaning::Technical));
    assert_eq!(
        overall(&[answer(Dimension::Values, 1, date(2026, 1, 1))]),
        Some(Leaning::Hybrid)
    );
    assert_eq!(overall(&[]), None);
    assert!(
        answer(Dimension::Values, 3, date(2026, 1, 1))
            .check()
            .is_err()
    );
    assert!(
        answer(Dimension::Values, -2, date(2026, 1, 1))
            .check()
            .is_ok()
    );
    let signs = signs();
    assert_eq!(
        signs
            .iter()
            .filter(|s| s.toward == Leaning::Technical)
            .count(),
        4
    );
    assert_eq!(
        signs
            .iter()
            .filter(|s| s.toward == Leaning::Management)
            .count(),
        5
    );
}

fn first_path(weeks: &[EnergyWeek], answers: &[CompassAnswer]) -> Vec<Path> {
    let e = evidence(&EvidenceInput {
        weeks,
        meeting_minutes_per_week: &[],
        feedback_themes: &[],
    });
    fit(&FitInput {
        evidence: &e,
        answers,
        signs: None,
        audits: &[],
    })
    .into_iter()
    .map(|f| f.path)
    .collect()
}

#[test]
fn the_path_fit_follows_the_evidence() {
    let on = date(2026, 3, 1);
    // Drained by people work, leaning technical: staff comes before engineering manager.
    let technical = first_path(&drained_by_people(), &[answer(Dimension::Energy, -2, on)]);
    assert_eq!(technical[0], Path::Staff);
    let pos = |v: &[Path], p: Path| v.iter().position(|x| *x == p).unwrap();
    assert!(pos(&technical, Path::Staff) < pos(&technical, Path::EngineeringManager));
    // The reverse: people work gives energy, build drains, the answers lean management.
    let people: Vec<EnergyWeek> = (0..8)
        .map(|n| energy_week(n, &[(Category::Lead, 1), (Category::Build, -1)]))
        .collect();
    let management = first_path(
        &people,
        &[
            answer(Dimension::Energy, 2, on),
            answer(Dimension::Impact, 2, on),
        ],
    );
    assert!(pos(&management, Path::EngineeringManager) < pos(&management, Path::Staff));
    assert_eq!(management.len(), Path::ALL.len());
    // Nothing known: every path stays in the middle.
    let e = evidence(&EvidenceInput {
        weeks: &[],
        meeting_minutes_per_week: &[],
        feedback_themes: &[],
    });
    let blank = fit(&FitInput {
        evidence: &e,
        answers: &[],
        signs: None,
        audits: &[],
    });
    assert!(
        blank.iter().all(|f| (f.score - 0.5).abs() < 1e-9),
        "{blank:?}"
    );
    assert!(
        paths()
            .iter()
            .all(|p| !p.fit_signals.is_empty() && !p.prompts.is_empty())
    );
}

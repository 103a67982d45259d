use super::rules::*;
use super::*;
use crate::Category;
use crate::delegation::{self, Delegation, Expectations, FollowUp, Outcome, Style};
use crate::feedback::{Direction, Feedback, Polarity};
use jiff::civil::date;

fn keyed<T>(id: i64, record: T) -> Keyed<T> {
    Keyed { id, record }
}

fn rating(skill: &str, score: u8, by: Rater, on: Date) -> Rating {
    Rating::new(skill, score, by, on)
}

const ANA: Rater = Rater::Person(1);
const BEN: Rater = Rater::Person(2);

fn view<'a>(views: &'a [SkillView], skill: &str) -> &'a SkillView {
    views.iter().find(|v| v.skill == skill).unwrap()
}

fn plan(goal: &str, kind: GoalKind, status: PlanStatus, created_on: Date) -> GrowthPlan {
    GrowthPlan {
        goal: goal.into(),
        why: String::new(),
        success: Vec::new(),
        kind,
        status,
        created_on,
        target_role: None,
    }
}

fn leadership(goal: &str, status: PlanStatus) -> GrowthPlan {
    plan(goal, GoalKind::Leadership, status, date(2026, 1, 5))
}

fn step(
    plan: i64,
    title: &str,
    start: Option<Date>,
    target: Option<Date>,
    status: StepStatus,
) -> Step {
    Step {
        plan,
        title: title.into(),
        start,
        target,
        depends_on: Vec::new(),
        status,
        done_on: None,
    }
}

fn support(person: i64, role: SupportRole, side: Option<Side>, cadence: Option<u32>) -> Support {
    Support {
        plan: 1,
        person,
        role,
        side,
        cadence_days: cadence,
        note: String::new(),
    }
}

fn gaps(network: &[Support]) -> Vec<Gap> {
    support_gaps(network).iter().map(|g| g.gap).collect()
}

fn win(on: Date, text: &str, plan: Option<i64>, step: Option<i64>) -> Win {
    Win {
        on,
        text: text.into(),
        plan,
        step,
        source: None,
    }
}

fn progress(on: Date, plan: Option<i64>) -> Progress {
    Progress {
        on,
        text: "Led the first knowledge-sharing session".into(),
        kind: ProgressKind::Progress,
        plan,
        step: None,
    }
}

// --- skills ----------------------------------------------------------------------------------

#[test]
fn the_gap_is_the_others_mean_minus_the_self_rating() {
    let ratings = [
        rating("delegating", 6, Rater::Myself, date(2026, 3, 2)),
        rating("delegating", 8, ANA, date(2026, 3, 4)),
        rating("Delegating ", 7, BEN, date(2026, 3, 4)),
    ];
    let views = skills(&ratings);
    let d = view(&views, "delegating");
    assert_eq!(d.area, SkillArea::Leadership);
    assert_eq!(d.self_score, Some(6));
    assert_eq!(d.others, Some(7.5));
    assert_eq!(d.others_count, 2);
    assert_eq!(d.gap, Some(1.5));
    assert_eq!(
        d.history,
        [
            SkillPoint {
                on: date(2026, 3, 2),
                self_score: Some(6),
                others_mean: None,
                gap: None,
            },
            SkillPoint {
                on: date(2026, 3, 4),
                self_score: Some(6),
                others_mean: Some(7.5),
                gap: Some(1.5),
            },
        ]
    );
}

#[test]
fn a_re_rating_replaces_the_earlier_one_and_adds_a_point() {
    let ratings = [
        rating("delegating", 6, Rater::Myself, date(2026, 3, 2)),
        rating("delegating", 8, ANA, date(2026, 3, 4)),
        rating("delegating", 7, BEN, date(2026, 3, 4)),
        // A quarter later: the lead and Ana rate again, Ben does not.
        rating("delegating", 9, ANA, date(2026, 6, 1)),
        rating("delegating", 7, Rater::Myself, date(2026, 6, 1)),
    ];
    let views = skills(&ratings);
    let d = view(&views, "delegating");
    assert_eq!(d.self_score, Some(7));
    // Ana counts once, with her latest rating: (9 + 7) / 2.
    assert_eq!(d.others, Some(8.0));
    assert_eq!(d.others_count, 2);
    assert_eq!(d.gap, Some(1.0));
    let points: Vec<(Date, Option<u8>, Option<f64>)> = d
        .history
        .iter()
        .map(|p| (p.on, p.self_score, p.others_mean))
        .collect();
    assert_eq!(
        points,
        [
            (date(2026, 3, 2), Some(6), None),
            (date(2026, 3, 4), Some(6), Some(7.5)),
            (date(2026, 6, 1), Some(7), Some(8.0)),
        ]
    );
}

#[test]
fn means_and_gaps_are_rounded_to_one_decimal_and_agree() {
    let ratings = [
        rating("testing", 6, Rater::Myself, date(2026, 3, 2)),
        rating("testing", 8, ANA, date(2026, 3, 2)),
        rating("testing", 7, BEN, date(2026, 3, 2)),
        rating("testing", 7, Rater::Person(3), date(2026, 3, 2)),
    ];
    let t = skills(&ratings).into_iter().find(|v| v.skill == "testing");
    let t = t.unwrap();
    assert_eq!(t.others, Some(7.3));
    assert_eq!(t.gap, Some(1.3));
}

#[test]
fn every_known_skill_shows_in_order_then_the_others_by_name() {
    let ratings = [
        rating("Public speaking", 5, Rater::Myself, date(2026, 3, 2)),
        rating("architecture", 7, ANA, date(2026, 3, 2)),
        rating("public speaking", 6, Rater::Myself, date(2026, 4, 2)),
        // Out of range and blank ratings say nothing.
        rating("listening", 11, Rater::Myself, date(2026, 3, 2)),
        rating("  ", 5, Rater::Myself, date(2026, 3, 2)),
    ];
    let views = skills(&ratings);
    let names: Vec<&str> = views.iter().map(|v| v.skill.as_str()).collect();
    let mut expected: Vec<&str> = SKILLS.iter().map(|(s, _)| *s).collect();
    expected.extend(["architecture", "Public speaking"]);
    assert_eq!(names, expected);
    let first = &views[0];
    assert_eq!(first.skill, "planning and design");
    assert_eq!(
        (
            first.self_score,
            first.others,
            first.gap,
            first.others_count
        ),
        (None, None, None, 0)
    );
    assert!(first.history.is_empty());
    let listening = view(&views, "listening");
    assert_eq!(listening.self_score, None);
    let speaking = view(&views, "Public speaking");
    assert_eq!(speaking.area, SkillArea::Other);
    assert_eq!(speaking.self_score, Some(6));
    assert_eq!(speaking.history.len(), 2);
    assert_eq!(view(&views, "architecture").gap, None);
}

#[test]
fn each_anonymous_rating_counts_but_only_the_latest_round() {
    let ratings = [
        rating("feedback", 7, ANA, date(2026, 3, 2)),
        rating("feedback", 4, Rater::Anonymous, date(2026, 3, 2)),
        rating("feedback", 5, Rater::Anonymous, date(2026, 3, 2)),
        rating("feedback", 6, Rater::Myself, date(2026, 3, 3)),
        // The next survey: three answers, two of them the same score.
        rating("feedback", 8, Rater::Anonymous, date(2026, 6, 1)),
        rating("feedback", 8, Rater::Anonymous, date(2026, 6, 1)),
        rating("feedback", 9, Rater::Anonymous, date(2026, 6, 1)),
    ];
    let views = skills(&ratings);
    let f = view(&views, "feedback");
    // Ana's 7 stays; the March round is history: (7 + 8 + 8 + 9) / 4.
    assert_eq!(f.others, Some(8.0));
    assert_eq!(f.others_count, 4);
    assert_eq!(f.gap, Some(2.0));
    let means: Vec<Option<f64>> = f.history.iter().map(|p| p.others_mean).collect();
    // March: (7 + 4 + 5) / 3.
    assert_eq!(means, [Some(5.3), Some(5.3), Some(8.0)]);
    assert_eq!(f.history[1].gap, Some(-0.7));
}

#[test]
fn skill_views_serialise_the_self_rating_as_self() {
    let views = skills(&[rating("testing", 6, Rater::Myself, date(2026, 3, 2))]);
    let json = serde_json::to_value(view(&views, "testing")).unwrap();
    assert_eq!(json["self"], 6);
    assert_eq!(json["area"], "technical");
    assert!(json["others"].is_null());
}

fn rated(skill: &str, mine: u8, others: &[u8]) -> Vec<Rating> {
    let on = date(2026, 3, 2);
    let mut out = vec![rating(skill, mine, Rater::Myself, on)];
    for (i, s) in others.iter().enumerate() {
        out.push(rating(skill, *s, Rater::Person(i as i64 + 1), on));
    }
    out
}

#[test]
fn a_high_self_rating_others_agree_with_is_nudged_towards_10() {
    let mut ratings = rated("delegating", 8, &[9, 9]);
    ratings.extend(rated("listening", 9, &[9]));
    let n = nudges(&skills(&ratings));
    assert_eq!(n.len(), 2, "{n:?}");
    assert!(n[0].contains("listening") || n[1].contains("listening"));
    let delegating = n.iter().find(|s| s.contains("delegating")).unwrap();
    assert!(
        delegating.contains("9.0") && delegating.contains("give it 8"),
        "{delegating}"
    );
}

#[test]
fn no_nudge_when_others_see_less_or_the_rating_is_low_or_already_10() {
    let cases = [
        // Near miss: others' mean 7.5 is below the self rating of 8.
        rated("delegating", 8, &[8, 7]),
        // Below 8: a gap to work on, not modesty.
        rated("delegating", 7, &[9, 10]),
        rated("delegating", 10, &[10]),
        // Nobody else has rated it.
        rated("delegating", 9, &[]),
    ];
    for ratings in cases {
        assert_eq!(
            nudges(&skills(&ratings)),
            Vec::<String>::new(),
            "{ratings:?}"
        );
    }
}

#[test]
fn five_self_ratings_without_a_10_get_one_nudge() {
    let names = [
        "testing",
        "deployment",
        "listening",
        "feedback",
        "mentoring",
    ];
    let five: Vec<Rating> = names
        .iter()
        .map(|s| rating(s, 7, Rater::Myself, date(2026, 3, 2)))
        .collect();
    let n = nudges(&skills(&five));
    assert_eq!(n.len(), 1, "{n:?}");
    assert!(n[0].contains("5 self-ratings"), "{}", n[0]);

    // Four are too few to say anything.
    assert!(nudges(&skills(&five[..4])).is_empty());

    // A 10 among them: the lead already owns a strength.
    let mut with_ten = five.clone();
    with_ten[2].score = 10;
    assert!(nudges(&skills(&with_ten)).is_empty());

    // A 10 given earlier but since lowered does not count.
    let mut lowered = five.clone();
    lowered.push(rating("strategy", 10, Rater::Myself, date(2026, 1, 2)));
    lowered.push(rating("strategy", 6, Rater::Myself, date(2026, 3, 2)));
    assert_eq!(nudges(&skills(&lowered)).len(), 1);
}

// --- support network -------------------------------------------------------------------------

#[test]
fn an_empty_network_lacks_everyone_but_not_check_ins() {
    assert_eq!(
        gaps(&[]),
        [
            Gap::NoManager,
            Gap::NoTechnicalMentor,
            Gap::NoManagerialMentor,
            Gap::NoPeer
        ]
    );
}

#[test]
fn a_technical_mentor_alone_leaves_the_managerial_side_open() {
    let network = [support(
        1,
        SupportRole::Mentor,
        Some(Side::Technical),
        Some(14),
    )];
    assert_eq!(
        gaps(&network),
        [Gap::NoManager, Gap::NoManagerialMentor, Gap::NoPeer]
    );
}

#[test]
fn a_mentor_without_a_side_covers_neither_and_is_asked_for_one() {
    let network = [
        support(1, SupportRole::Manager, Some(Side::Managerial), Some(14)),
        support(2, SupportRole::Mentor, None, None),
        support(3, SupportRole::Peer, None, None),
    ];
    let found = support_gaps(&network);
    // The manager's side does not make them a mentor.
    let kinds: Vec<Gap> = found.iter().map(|g| g.gap).collect();
    assert_eq!(kinds, [Gap::NoTechnicalMentor, Gap::NoManagerialMentor]);
    for g in &found {
        assert!(
            g.message.contains("1 mentor or coach has no side"),
            "{}",
            g.message
        );
    }
}

#[test]
fn a_full_network_needs_a_rhythm_of_check_ins() {
    let mut network = vec![
        support(1, SupportRole::Manager, None, None),
        support(2, SupportRole::Coach, Some(Side::Both), None),
        support(3, SupportRole::Peer, None, Some(0)),
    ];
    assert_eq!(gaps(&network), [Gap::NoCheckIns]);
    network[0].cadence_days = Some(14);
    assert!(support_gaps(&network).is_empty());
}

#[test]
fn check_ins_are_due_after_their_cadence_or_when_never_held() {
    let today = date(2026, 3, 20);
    let network = [
        keyed(10, support(1, SupportRole::Manager, None, Some(14))),
        keyed(
            11,
            support(2, SupportRole::Mentor, Some(Side::Both), Some(14)),
        ),
        keyed(12, support(3, SupportRole::Peer, None, Some(30))),
        keyed(13, support(4, SupportRole::Coach, None, None)),
        keyed(14, support(5, SupportRole::CurrentLead, None, Some(7))),
    ];
    let last = |person: i64| match person {
        1 | 3 => Some(date(2026, 3, 1)),
        5 => Some(date(2026, 3, 13)),
        _ => None,
    };
    let due = checkins_due(&network, &last, today);
    assert_eq!(
        due,
        [
            CheckInDue {
                person: 1,
                role: SupportRole::Manager,
                last: Some(date(2026, 3, 1)),
                due: date(2026, 3, 15),
                days_over: 5,
            },
            CheckInDue {
                person: 2,
                role: SupportRole::Mentor,
                last: None,
                due: today,
                days_over: 0,
            },
            // Due exactly today.
            CheckInDue {
                person: 5,
                role: SupportRole::CurrentLead,
                last: Some(date(2026, 3, 13)),
                due: today,
                days_over: 0,
            },
        ]
    );
}

#[test]
fn someone_in_two_networks_is_one_check_in_at_the_shorter_cadence() {
    let mut other_plan = support(1, SupportRole::Mentor, Some(Side::Both), Some(7));
    other_plan.plan = 2;
    let network = [
        keyed(10, support(1, SupportRole::Manager, None, Some(14))),
        keyed(11, other_plan),
    ];
    let due = checkins_due(&network, &|_| Some(date(2026, 3, 1)), date(2026, 3, 20));
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].due, date(2026, 3, 8));
    assert_eq!(due[0].days_over, 12);
    assert_eq!(due[0].role, SupportRole::Mentor);
}

// --- leadership goals per quarter ------------------------------------------------------------

#[test]
fn quarters_are_labelled_and_bounded() {
    assert_eq!(quarter_label(date(2026, 3, 4)), "2026-Q1");
    assert_eq!(quarter_label(date(2026, 4, 1)), "2026-Q2");
    assert_eq!(quarter_label(date(2026, 11, 30)), "2026-Q4");
    assert_eq!(
        quarter_bounds(date(2026, 3, 31)),
        (date(2026, 1, 1), date(2026, 4, 1))
    );
    assert_eq!(
        quarter_bounds(date(2026, 8, 15)),
        (date(2026, 7, 1), date(2026, 10, 1))
    );
    assert_eq!(
        quarter_bounds(date(2026, 12, 31)),
        (date(2026, 10, 1), date(2027, 1, 1))
    );
}

fn two_goals() -> Vec<Keyed<GrowthPlan>> {
    vec![
        keyed(
            1,
            leadership("Launch a monthly showcase", PlanStatus::Active),
        ),
        keyed(
            2,
            leadership("Set up a sync with product", PlanStatus::Active),
        ),
        keyed(3, leadership("Old goal", PlanStatus::Archived)),
        keyed(4, leadership("Finished goal", PlanStatus::Done)),
        keyed(
            5,
            plan(
                "Learn Rust async",
                GoalKind::Technical,
                PlanStatus::Active,
                date(2026, 1, 5),
            ),
        ),
    ]
}

#[test]
fn a_third_active_leadership_goal_is_refused_naming_the_two() {
    let today = date(2026, 3, 4);
    let third = leadership("Own the auth service roadmap", PlanStatus::Active);
    let e = check_goal_limit(&two_goals(), &third, None, today).unwrap_err();
    assert!(e.contains("2026-Q1"), "{e}");
    assert!(
        e.contains("“Launch a monthly showcase” and “Set up a sync with product”"),
        "{e}"
    );
    assert!(e.contains("archive"), "{e}");
    assert!(
        !e.contains("Old goal") && !e.contains("Finished goal"),
        "{e}"
    );
}

#[test]
fn other_kinds_edits_and_inactive_goals_pass_the_limit() {
    let today = date(2026, 3, 4);
    let plans = two_goals();
    let technical = plan(
        "Get fluent in Kubernetes",
        GoalKind::Technical,
        PlanStatus::Active,
        today,
    );
    assert_eq!(check_goal_limit(&plans, &technical, None, today), Ok(()));
    // Editing one of the two does not count it against itself.
    let edited = leadership("Launch a fortnightly showcase", PlanStatus::Active);
    assert_eq!(check_goal_limit(&plans, &edited, Some(1), today), Ok(()));
    // A new goal parked as archived is not active.
    let parked = leadership("Someday", PlanStatus::Archived);
    assert_eq!(check_goal_limit(&plans, &parked, None, today), Ok(()));
    // Once one of the two is archived, there is room again.
    let mut fewer = plans.clone();
    fewer[1].record.status = PlanStatus::Archived;
    let third = leadership("Own the auth service roadmap", PlanStatus::Active);
    assert_eq!(check_goal_limit(&fewer, &third, None, today), Ok(()));
    // Reopening an archived one while two are active is refused.
    let reopened = leadership("Old goal", PlanStatus::Active);
    assert!(check_goal_limit(&plans, &reopened, Some(3), today).is_err());
}

// --- timeline --------------------------------------------------------------------------------

fn migration_plan() -> (GrowthPlan, Vec<Keyed<Step>>) {
    let p = plan(
        "Become the tech lead of my current team",
        GoalKind::Career,
        PlanStatus::Active,
        date(2026, 2, 10),
    );
    let mut done = step(
        1,
        "Tell the lead and manager",
        Some(date(2026, 2, 20)),
        None,
        StepStatus::Done,
    );
    done.done_on = Some(date(2026, 3, 1));
    let steps = vec![
        keyed(
            11,
            step(
                1,
                "Lead the migration initiative",
                Some(date(2026, 2, 15)),
                Some(date(2026, 5, 10)),
                StepStatus::Doing,
            ),
        ),
        keyed(
            12,
            step(
                1,
                "Shadow strategy planning",
                None,
                None,
                StepStatus::Planned,
            ),
        ),
        keyed(
            13,
            step(
                1,
                "Run the summer retro",
                Some(date(2026, 6, 20)),
                Some(date(2026, 7, 15)),
                StepStatus::Planned,
            ),
        ),
        keyed(14, done),
    ];
    (p, steps)
}

fn bar_ids(q: &Quarter) -> Vec<i64> {
    q.bars.iter().map(|b| b.step).collect()
}

#[test]
fn the_timeline_lists_each_quarter_with_the_steps_overlapping_it() {
    let (p, steps) = migration_plan();
    let quarters = timeline(&p, &steps, date(2026, 3, 4));
    let labels: Vec<&str> = quarters.iter().map(|q| q.label.as_str()).collect();
    assert_eq!(labels, ["2026-Q1", "2026-Q2", "2026-Q3"]);
    assert_eq!(
        (quarters[0].from, quarters[0].to),
        (date(2026, 1, 1), date(2026, 4, 1))
    );
    // Sorted by start: the unset start is the plan's creation.
    assert_eq!(bar_ids(&quarters[0]), [12, 11, 14]);
    assert_eq!(bar_ids(&quarters[1]), [11, 13]);
    assert_eq!(bar_ids(&quarters[2]), [13]);
    let shadow = &quarters[0].bars[0];
    assert_eq!(
        (shadow.start, shadow.end),
        (date(2026, 2, 10), date(2026, 2, 24))
    );
    let told = &quarters[0].bars[2];
    assert_eq!(told.end, date(2026, 3, 1));
    assert_eq!(told.status, StepStatus::Done);
    // Dates are not clipped to the quarter.
    let migration = &quarters[1].bars[0];
    assert_eq!(
        (migration.start, migration.end),
        (date(2026, 2, 15), date(2026, 5, 10))
    );
    assert!(!migration.overdue);
}

#[test]
fn the_timeline_reaches_today_and_marks_overdue_bars() {
    let (p, steps) = migration_plan();
    let quarters = timeline(&p, &steps, date(2026, 11, 2));
    let labels: Vec<&str> = quarters.iter().map(|q| q.label.as_str()).collect();
    assert_eq!(labels, ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]);
    assert!(quarters[3].bars.is_empty());
    let migration = quarters[1].bars.iter().find(|b| b.step == 11).unwrap();
    assert!(migration.overdue);
    let told = quarters[0].bars.iter().find(|b| b.step == 14).unwrap();
    assert!(!told.overdue);
}

#[test]
fn a_plan_without_steps_shows_its_quarter() {
    let p = plan(
        "Mentor a junior",
        GoalKind::Leadership,
        PlanStatus::Active,
        date(2026, 3, 2),
    );
    let quarters = timeline(&p, &[], date(2026, 3, 4));
    assert_eq!(quarters.len(), 1);
    assert_eq!(quarters[0].label, "2026-Q1");
    assert!(quarters[0].bars.is_empty());
}

// --- win proposals ---------------------------------------------------------------------------

fn delegation(
    id: i64,
    status: delegation::Status,
    outcome: Option<Outcome>,
    closed: Date,
) -> Delegation {
    Delegation {
        id,
        person_id: 1,
        title: "Release notes".into(),
        category: Category::Lead,
        style: Style::Participating,
        expectations: Expectations::default(),
        status,
        created_on: date(2026, 1, 5),
        handed_over_on: Some(date(2026, 1, 6)),
        check_ins: Vec::new(),
        outcome,
        follow_up: FollowUp::default(),
        closed_on: Some(closed),
        origin: None,
    }
}

fn feedback(
    id: i64,
    direction: Direction,
    polarity: Polarity,
    person_id: Option<i64>,
    on: Date,
) -> Feedback {
    Feedback {
        id,
        person_id,
        who: None,
        direction,
        polarity: Some(polarity),
        situation: "In the incident review".into(),
        behaviour: "You kept the discussion on causes, not blame.".into(),
        impact: "People spoke up".into(),
        theme: None,
        event_on: on,
        delivered_on: Some(on),
        follow_up_due: None,
        followed_up_on: None,
        follow_up_note: None,
    }
}

struct Sources {
    delegations: Vec<Delegation>,
    feedback: Vec<Feedback>,
    plan_weeks: Vec<(Date, usize, usize)>,
    habits_kept: Vec<(i64, String, Date)>,
    commit_days: Vec<(String, Date)>,
    existing: Vec<Win>,
}

fn sources() -> Sources {
    use delegation::Status;
    let mut maria = feedback(
        7,
        Direction::Received,
        Polarity::Positive,
        None,
        date(2026, 3, 17),
    );
    maria.who = Some("Maria (product)".into());
    let commits = |repo: &str, days: &[(i8, i8)]| -> Vec<(String, Date)> {
        days.iter()
            .map(|(m, d)| (repo.to_string(), date(2026, *m, *d)))
            .collect()
    };
    let mut commit_days = commits("fulcrum", &[(3, 9), (3, 10), (3, 10), (3, 11), (3, 13)]);
    // Three distinct days, one of them twice: a near miss.
    commit_days.extend(commits("infra", &[(3, 9), (3, 10), (3, 11), (3, 11)]));
    // Four days in a row, but across two ISO weeks.
    commit_days.extend(commits("docs", &[(3, 13), (3, 14), (3, 15), (3, 16)]));
    Sources {
        delegations: vec![
            delegation(10, Status::Done, Some(Outcome::Met), date(2026, 3, 10)),
            delegation(11, Status::Done, Some(Outcome::Partly), date(2026, 3, 11)),
            delegation(12, Status::Active, None, date(2026, 3, 12)),
            // Before `since`, and after today.
            delegation(13, Status::Done, Some(Outcome::Met), date(2026, 2, 20)),
            delegation(14, Status::Done, Some(Outcome::Met), date(2026, 3, 25)),
        ],
        feedback: vec![
            feedback(
                4,
                Direction::Received,
                Polarity::Positive,
                Some(1),
                date(2026, 3, 12),
            ),
            feedback(
                5,
                Direction::Received,
                Polarity::Constructive,
                Some(1),
                date(2026, 3, 12),
            ),
            feedback(
                6,
                Direction::Given,
                Polarity::Positive,
                Some(2),
                date(2026, 3, 12),
            ),
            maria,
        ],
        plan_weeks: vec![
            (date(2026, 3, 2), 5, 5),
            // Too light, and not all done.
            (date(2026, 3, 9), 2, 2),
            (date(2026, 3, 16), 4, 3),
        ],
        habits_kept: vec![
            (3, "Thinking block".into(), date(2026, 3, 9)),
            (3, "Thinking block".into(), date(2026, 3, 16)),
            (3, "Thinking block".into(), date(2026, 2, 16)),
        ],
        commit_days,
        existing: Vec::new(),
    }
}

fn name(id: i64) -> String {
    match id {
        1 => "Ana".into(),
        _ => format!("person {id}"),
    }
}

fn propose(s: &Sources, since: Date) -> Vec<Proposal> {
    propose_wins(&ProposalInput {
        today: date(2026, 3, 20),
        since,
        delegations: &s.delegations,
        feedback: &s.feedback,
        plan_weeks: &s.plan_weeks,
        habits_kept: &s.habits_kept,
        commit_days: &s.commit_days,
        names: &name,
        existing: &s.existing,
    })
}

#[test]
fn wins_are_proposed_from_each_source_newest_first() {
    let s = sources();
    let got = propose(&s, date(2026, 3, 1));
    let keys: Vec<(&str, Date)> = got.iter().map(|p| (p.source.as_str(), p.on)).collect();
    assert_eq!(
        keys,
        [
            // The current week's habit is dated today, not its coming Sunday.
            ("habit:3:2026-W12", date(2026, 3, 20)),
            ("feedback:7", date(2026, 3, 17)),
            ("habit:3:2026-W11", date(2026, 3, 15)),
            ("commit-streak:fulcrum:2026-W11", date(2026, 3, 13)),
            ("feedback:4", date(2026, 3, 12)),
            ("delegation:10", date(2026, 3, 10)),
            ("plan-week:2026-W10", date(2026, 3, 8)),
        ]
    );
    let text = |source: &str| {
        got.iter()
            .find(|p| p.source == source)
            .map(|p| p.text.clone())
            .unwrap()
    };
    assert_eq!(
        text("delegation:10"),
        "Handed “Release notes” to Ana and it landed"
    );
    assert_eq!(
        text("feedback:4"),
        "Ana praised me: You kept the discussion on causes, not blame (In the incident review)"
    );
    assert!(text("feedback:7").starts_with("Maria (product) praised me"));
    assert_eq!(
        text("plan-week:2026-W10"),
        "Did all 5 blocks I planned in week 2026-W10"
    );
    assert_eq!(
        text("habit:3:2026-W11"),
        "Kept “Thinking block” in week 2026-W11"
    );
    assert_eq!(
        text("commit-streak:fulcrum:2026-W11"),
        "Four days of commits in fulcrum in week 2026-W11"
    );
}

#[test]
fn wins_already_recorded_or_before_since_are_not_proposed_again() {
    let mut s = sources();
    let mut accepted = win(date(2026, 3, 12), "Praise from Ana", None, None);
    accepted.source = Some("feedback:4".into());
    s.existing = vec![accepted];
    let got = propose(&s, date(2026, 3, 12));
    let keys: Vec<&str> = got.iter().map(|p| p.source.as_str()).collect();
    assert_eq!(
        keys,
        [
            "habit:3:2026-W12",
            "feedback:7",
            "habit:3:2026-W11",
            "commit-streak:fulcrum:2026-W11",
        ]
    );
    // The same habit week listed twice is one proposal.
    s.habits_kept
        .push((3, "Thinking block".into(), date(2026, 3, 11)));
    let again = propose(&s, date(2026, 3, 12));
    assert_eq!(again.len(), keys.len());
}

#[test]
fn a_streak_needs_four_distinct_days_in_one_week() {
    let mut s = sources();
    s.delegations.clear();
    s.feedback.clear();
    s.plan_weeks.clear();
    s.habits_kept.clear();
    let got = propose(&s, date(2026, 3, 1));
    let keys: Vec<&str> = got.iter().map(|p| p.source.as_str()).collect();
    assert_eq!(keys, ["commit-streak:fulcrum:2026-W11"]);
    // A fourth day for infra makes a streak of its own.
    s.commit_days.push(("infra".into(), date(2026, 3, 12)));
    let got = propose(&s, date(2026, 3, 1));
    let infra = got
        .iter()
        .find(|p| p.source == "commit-streak:infra:2026-W11")
        .unwrap();
    assert_eq!(infra.on, date(2026, 3, 12));
    // Five days are written out too.
    s.commit_days.push(("fulcrum".into(), date(2026, 3, 14)));
    let got = propose(&s, date(2026, 3, 1));
    assert!(
        got.iter()
            .any(|p| p.text == "Five days of commits in fulcrum in week 2026-W11"),
        "{got:?}"
    );
}

#[test]
fn long_feedback_is_quoted_briefly() {
    let mut f = feedback(
        9,
        Direction::Received,
        Polarity::Positive,
        Some(1),
        date(2026, 3, 12),
    );
    f.behaviour = "word ".repeat(40);
    let got = propose_wins(&ProposalInput {
        today: date(2026, 3, 20),
        since: date(2026, 3, 1),
        delegations: &[],
        feedback: &[f],
        plan_weeks: &[],
        habits_kept: &[],
        commit_days: &[],
        names: &name,
        existing: &[],
    });
    assert_eq!(got.len(), 1);
    assert!(got[0].text.contains("word…"), "{}", got[0].text);
    assert!(got[0].text.chars().count() < 130, "{}", got[0].text);
}

// --- linking wins ----------------------------------------------------------------------------

#[test]
fn unlinked_wins_are_offered_newest_first() {
    let wins = [
        keyed(1, win(date(2026, 3, 3), "Linked", Some(1), None)),
        keyed(2, win(date(2026, 3, 1), "Older", None, None)),
        keyed(3, win(date(2026, 3, 5), "Newer", None, None)),
        keyed(4, win(date(2026, 3, 6), "Linked to a step", None, Some(11))),
    ];
    let ids: Vec<i64> = unlinked(&wins).iter().map(|w| w.id).collect();
    assert_eq!(ids, [3, 2]);
}

fn linkable() -> (Vec<Keyed<GrowthPlan>>, Vec<Keyed<Step>>) {
    let on = date(2026, 1, 5);
    let plans = vec![
        keyed(
            1,
            plan(
                "Lead the migration initiative in the team",
                GoalKind::Leadership,
                PlanStatus::Active,
                on,
            ),
        ),
        keyed(
            2,
            plan(
                "Improve collaboration in the team",
                GoalKind::Leadership,
                PlanStatus::Active,
                on,
            ),
        ),
        keyed(
            3,
            plan(
                "Speak at a conference",
                GoalKind::Career,
                PlanStatus::Archived,
                on,
            ),
        ),
    ];
    let steps = vec![
        keyed(
            21,
            step(
                2,
                "Pair program with three different team members",
                None,
                None,
                StepStatus::Doing,
            ),
        ),
        keyed(
            22,
            step(
                2,
                "Have two knowledge-sharing sessions",
                None,
                None,
                StepStatus::Planned,
            ),
        ),
    ];
    (plans, steps)
}

#[test]
fn a_win_is_suggested_for_the_plan_sharing_most_words() {
    let (plans, steps) = linkable();
    let suggest =
        |text: &str| suggest_link(&win(date(2026, 3, 3), text, None, None), &plans, &steps);
    assert_eq!(
        suggest("Paired with Alex on the onboarding flow, and it went smoothly"),
        Some(2)
    );
    assert_eq!(suggest("Ran the first knowledge-sharing session"), Some(2));
    assert_eq!(suggest("Migrated the billing service"), Some(1));
    // Only common words in common ("team", "with", "the").
    assert_eq!(suggest("Had lunch with the team"), None);
    // The archived plan is not offered.
    assert_eq!(suggest("Gave a talk at a conference"), None);
    // Words of three letters do not count.
    assert_eq!(suggest("Ran the CI job"), None);
}

#[test]
fn the_plan_with_more_shared_words_wins_and_a_tie_goes_to_the_older() {
    let (plans, steps) = linkable();
    let w = win(
        date(2026, 3, 3),
        "Migration pairing: paired on the migration with two members",
        None,
        None,
    );
    // "members" and "pairing"/"paired" for plan 2, "migration" for plan 1.
    assert_eq!(suggest_link(&w, &plans, &steps), Some(2));
    let tie = win(date(2026, 3, 3), "Migration collaboration", None, None);
    assert_eq!(suggest_link(&tie, &plans, &steps), Some(1));
}

// --- progress --------------------------------------------------------------------------------

#[test]
fn days_without_progress_count_from_the_last_sign_of_it() {
    let today = date(2026, 3, 20);
    let plans = vec![
        keyed(
            1,
            plan(
                "Improve collaboration",
                GoalKind::Leadership,
                PlanStatus::Active,
                date(2026, 2, 1),
            ),
        ),
        keyed(
            2,
            plan(
                "Old goal",
                GoalKind::Technical,
                PlanStatus::Archived,
                date(2025, 6, 1),
            ),
        ),
    ];
    // Nothing logged yet: since the plan was created.
    assert_eq!(days_without_progress(&plans, &[], &[], today), Some(47));
    let entries = [
        progress(date(2026, 3, 10), Some(1)),
        // Not linked, linked to an archived plan, or not yet happened: none count.
        progress(date(2026, 3, 18), None),
        progress(date(2026, 3, 19), Some(2)),
        progress(date(2026, 3, 25), Some(1)),
    ];
    assert_eq!(
        days_without_progress(&plans, &entries, &[], today),
        Some(10)
    );
    let wins = [
        win(date(2026, 3, 15), "Paired with Alex", Some(1), None),
        win(date(2026, 3, 19), "Unlinked win", None, None),
    ];
    assert_eq!(
        days_without_progress(&plans, &entries, &wins, today),
        Some(5)
    );
    // No active plan: nothing to nag about.
    assert_eq!(
        days_without_progress(&plans[1..], &entries, &wins, today),
        None
    );
}

#[test]
fn overdue_steps_of_active_plans_come_most_overdue_first() {
    let today = date(2026, 3, 20);
    let plans = vec![
        keyed(1, leadership("Improve collaboration", PlanStatus::Active)),
        keyed(2, leadership("Old goal", PlanStatus::Archived)),
    ];
    let due = |plan: i64, target: Date, status: StepStatus| {
        step(plan, "A step", None, Some(target), status)
    };
    let steps = vec![
        keyed(31, due(1, date(2026, 3, 10), StepStatus::Doing)),
        keyed(32, due(1, date(2026, 3, 1), StepStatus::Planned)),
        keyed(33, due(1, date(2026, 3, 1), StepStatus::Done)),
        keyed(34, due(2, date(2026, 2, 1), StepStatus::Planned)),
        keyed(35, due(1, today, StepStatus::Planned)),
        keyed(36, step(1, "No target", None, None, StepStatus::Doing)),
    ];
    let ids: Vec<i64> = overdue_steps(&plans, &steps, today)
        .iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(ids, [32, 31]);
}

// --- keyed records ---------------------------------------------------------------------------

#[test]
fn keyed_records_carry_the_id_beside_their_fields() {
    let w = keyed(7, win(date(2026, 3, 3), "Paired with Alex", Some(1), None));
    let json = serde_json::to_value(&w).unwrap();
    assert_eq!(json["id"], 7);
    assert_eq!(json["text"], "Paired with Alex");
    assert_eq!(json["on"], "2026-03-03");
    let back: Keyed<Win> = serde_json::from_value(json).unwrap();
    assert_eq!(back, w);
}

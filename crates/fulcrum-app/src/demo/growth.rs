//! The demo lead's year of growth: a plan toward staff engineer with its steps, a mentor and
//! the manager in its support network, a leadership goal, wins and a progress log, skills
//! rated each quarter by the lead and by three others, compass answers and a conversation with
//! someone in the role.

use super::Rng;
use crate::career;
use crate::error::Result;
use crate::growth::{self, NewPlan, NewProgress, NewStep, NewSupport, NewWin};
use fulcrum_core::career::Dimension;
use fulcrum_core::growth::{
    GoalKind, OpportunityKind, OpportunityStatus, ProgressKind, Rater, Rating, Side, SupportRole,
};
use fulcrum_core::time;
use fulcrum_store::Store;
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

/// Noon of `day` in the demo's zone: what each record is written "at".
fn at(day: Date, tz: &TimeZone) -> Timestamp {
    time::local_instant(day, jiff::civil::Time::constant(12, 0, 0, 0), tz)
}

/// The steps toward staff, with their target days from a year ago and whether they were done.
const STAFF_STEPS: [(&str, i64, Option<i64>); 6] = [
    ("Tell Sam I am aiming for staff", 14, Some(10)),
    ("Write the design doc for the ledger split", 90, Some(84)),
    (
        "Lead the architecture review of the refunds flow",
        150,
        Some(158),
    ),
    (
        "Shadow the platform group's quarterly planning",
        240,
        Some(236),
    ),
    (
        "Run the cross-team migration to the new event bus",
        330,
        None,
    ),
    ("Publish the payments reliability strategy", 420, None),
];

/// The wins of the year: days from a year ago, text, linked to the staff plan or not.
const WINS: [(i64, &str, bool); 12] = [
    (
        20,
        "Paired with Mei on the retry logic; she shipped it alone the week after",
        false,
    ),
    (
        48,
        "Got the ledger split design approved by both payments and platform",
        true,
    ),
    (
        75,
        "Cut the flaky test suite from 14 to 3 failures with Jonas",
        false,
    ),
    (
        103,
        "Ran my first architecture review; the team asked to keep the format",
        true,
    ),
    (
        131,
        "Handed the on-call rota to Priya and it ran without me",
        false,
    ),
    (
        160,
        "Refunds flow review caught the double-charge edge case before launch",
        true,
    ),
    (
        190,
        "Presented the reliability numbers to the product leads",
        true,
    ),
    (222, "Aisha led the retro for the first time", false),
    (251, "Platform adopted our idempotency keys library", true),
    (
        280,
        "Wrote the event-bus migration RFC; two other teams commented",
        true,
    ),
    (310, "Lars finished onboarding two weeks early", false),
    (
        345,
        "Migrated the first three services to the event bus",
        true,
    ),
];

/// Self ratings per quarter (oldest first) for a few skills, then what others said in the
/// latest quarter: the lead rates their leadership lower than the others do.
const SELF: [(&str, [u8; 4]); 10] = [
    ("planning and design", [6, 7, 7, 8]),
    ("implementation", [8, 8, 8, 8]),
    ("testing", [6, 6, 7, 7]),
    ("deployment", [5, 6, 6, 7]),
    ("maintenance", [6, 6, 7, 7]),
    ("delegating", [4, 5, 5, 6]),
    ("feedback", [5, 5, 6, 6]),
    ("facilitating", [5, 6, 6, 6]),
    ("strategy", [4, 4, 5, 6]),
    ("technical", [7, 8, 8, 8]),
];

/// `(skill, [Sam, Priya, Ravi, anonymous])` in the latest quarter.
const OTHERS: [(&str, [u8; 4]); 6] = [
    ("planning and design", [8, 9, 8, 8]),
    ("delegating", [7, 8, 6, 7]),
    ("feedback", [7, 8, 7, 8]),
    ("facilitating", [8, 7, 7, 7]),
    ("strategy", [6, 7, 6, 5]),
    ("technical", [9, 9, 9, 8]),
];

/// Builds the year; `sam`, `ravi` and `priya` are the manager, the platform peer and a report.
pub async fn build(
    store: &dyn Store,
    rng: &mut Rng,
    [sam, ravi, priya]: [i64; 3],
    today: Date,
    tz: &TimeZone,
) -> Result<()> {
    let year_ago = time::add_days(today, -364);
    let day = |n: i64| time::add_days(year_ago, n);
    let staff = growth::add_plan(
        store,
        NewPlan {
            goal: "Become a staff engineer in payments".into(),
            why: "I want to shape how the payments systems evolve across teams, not only in mine"
                .into(),
            success: vec![
                "Other teams ask me to review their designs".into(),
                "The reliability strategy is the one the group works from".into(),
            ],
            kind: Some(GoalKind::Career),
            target_role: Some("staff".into()),
            steps: STAFF_STEPS
                .iter()
                .map(|(title, target, _)| NewStep {
                    title: (*title).into(),
                    start: Some(day(target - 60).max(year_ago)),
                    target: Some(day(*target)),
                    depends_on: vec![],
                })
                .collect(),
        },
        at(year_ago, tz),
    )
    .await?;
    let steps = growth::list_steps(store, Some(staff.id), at(today, tz)).await?;
    for (line, (_, _, done)) in steps.iter().zip(STAFF_STEPS) {
        if let Some(done) = done {
            growth::done_step(store, line.step.id, None, at(day(done), tz)).await?;
        }
    }
    for (person, role, side, every) in [
        (sam, SupportRole::Manager, None, Some(14)),
        (ravi, SupportRole::Mentor, Some(Side::Technical), Some(28)),
    ] {
        growth::add_support(
            store,
            NewSupport {
                plan: Some(staff.id),
                person: person.to_string(),
                role,
                side,
                cadence_days: every,
                note: String::new(),
            },
        )
        .await?;
    }
    for (title, kind, status) in [
        (
            "Lead the payments guild's design reviews",
            OpportunityKind::InRole,
            OpportunityStatus::Doing,
        ),
        (
            "Talk at the internal engineering summit",
            OpportunityKind::Outside,
            OpportunityStatus::Idea,
        ),
        (
            "Systems design course from the learning budget",
            OpportunityKind::Formal,
            OpportunityStatus::Done,
        ),
    ] {
        growth::add_opportunity(store, Some(staff.id), title, kind, Some(status)).await?;
    }
    let delegate = growth::add_plan(
        store,
        NewPlan {
            goal: "Make delegating my default, not my last resort".into(),
            why: "Sam's feedback: I still pick up the hardest tickets myself".into(),
            success: vec!["One piece of real work handed over every sprint".into()],
            kind: Some(GoalKind::Leadership),
            target_role: None,
            steps: vec![NewStep {
                title: "Hand a feature lead to Priya".into(),
                start: Some(day(200)),
                target: Some(day(300)),
                depends_on: vec![priya.to_string()],
            }],
        },
        at(day(190), tz),
    )
    .await?;
    for (n, text, linked) in WINS {
        growth::add_win(
            store,
            NewWin {
                text: text.into(),
                on: Some(day(n)),
                plan: linked.then_some(staff.id),
                step: None,
                source: None,
            },
            at(day(n), tz),
        )
        .await?;
    }
    // A progress line about once a month, the last one a few weeks back.
    let mut n = 30;
    while n < 340 {
        let plan = if n > 200 && rng.chance(0.4) {
            delegate.id
        } else {
            staff.id
        };
        let text = if plan == staff.id {
            "Reviewed where the staff plan stands with Sam"
        } else {
            "Handed one ticket I would have taken myself"
        };
        growth::log(
            store,
            NewProgress {
                text: text.into(),
                kind: ProgressKind::Progress,
                plan: Some(plan),
                step: None,
                on: Some(day(n)),
            },
            at(day(n), tz),
        )
        .await?;
        n += 25 + rng.below(15) as i64;
    }
    ratings(store, [sam, priya, ravi], today).await?;
    for (n, answers) in [
        (
            120,
            [
                (Dimension::Energy, -1),
                (Dimension::Impact, -1),
                (Dimension::GrowthPath, -1),
                (Dimension::Values, 0),
                (Dimension::Lifestyle, -1),
            ],
        ),
        (
            300,
            [
                (Dimension::Energy, -2),
                (Dimension::Impact, -1),
                (Dimension::GrowthPath, -2),
                (Dimension::Values, -1),
                (Dimension::Lifestyle, -1),
            ],
        ),
    ] {
        for (d, lean) in answers {
            career::answer(store, d, lean, "", at(day(n), tz)).await?;
        }
    }
    career::check_signs(
        store,
        &[
            "deep-problems".into(),
            "impact-through-systems".into(),
            "mentor-not-manage".into(),
        ],
        at(day(300), tz),
    )
    .await?;
    career::talk(
        store,
        career::NewConversation {
            with: "Ravi Menon".into(),
            plan: Some(staff.id),
            on: Some(day(210)),
            asked: vec![career::ROLE_QUESTIONS[0].into()],
            learned: "Most of the job is writing things down so other teams can decide without you"
                .into(),
        },
        at(day(210), tz),
    )
    .await?;
    Ok(())
}

/// Four quarters of self ratings (each on the quarter's last day, the latest this quarter's
/// start) and the latest quarter's ratings by Sam, Priya, Ravi and one anonymous colleague.
async fn ratings(store: &dyn Store, [sam, priya, ravi]: [i64; 3], today: Date) -> Result<()> {
    let this_quarter = fulcrum_core::growth::rules::quarter_bounds(today).0;
    let quarter_end = |back: i64| time::add_days(this_quarter, -1 - 91 * back);
    let rating = Rating::new;
    let mut all = Vec::new();
    for (skill, scores) in SELF {
        for (q, score) in scores.iter().enumerate() {
            all.push(rating(
                skill,
                *score,
                Rater::Myself,
                quarter_end(3 - q as i64),
            ));
        }
    }
    let latest = quarter_end(0);
    for (skill, [s, p, r, a]) in OTHERS {
        all.push(rating(skill, s, Rater::Person(sam), latest));
        all.push(rating(skill, p, Rater::Person(priya), latest));
        all.push(rating(skill, r, Rater::Person(ravi), latest));
        all.push(rating(skill, a, Rater::Anonymous, latest));
    }
    if let Some(first) = all.first_mut() {
        first.example = "The ledger split design".into();
    }
    growth::replace_ratings(store, &[], &all).await?;
    Ok(())
}

//! The demo's people: a team of six reports (one a new joiner), a manager, a product manager
//! and a platform peer, with a year of 1:1 notes and agendas, observations, feedback both
//! ways, delegations in every state, contacts, commitments, stakeholder preps and an
//! onboarding plan. Everything goes through the use cases users call, dated as it happened.

use super::days_off::DaysOff;
use super::texts::{self, Unique};
use super::{MANAGER, PRODUCT, Rng, TEAM, pick};
use crate::error::Result;
use crate::{delegation, feedback, onboarding, one_on_ones, people, relationships};
use fulcrum_core::delegation::{Expectations, FollowUp, Outcome, Style};
use fulcrum_core::feedback::{Direction, Polarity};
use fulcrum_core::observations::Context;
use fulcrum_core::one_on_one::{ItemKind, Owner, Topic};
use fulcrum_core::people::{OneOnOneState, Relation, WorkingStyle};
use fulcrum_core::privacy::Privacy;
use fulcrum_core::relationships::{CommitmentStatus, InteractionKind};
use fulcrum_core::{Category, time};
use fulcrum_store::Store;
use jiff::Timestamp;
use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;

/// The new joiner's first day: a Monday about nine weeks before `today`.
pub fn new_joiner_start(today: Date) -> Date {
    time::week_start(time::add_days(today, -63))
}

/// The day the lead handed the release notes over (the calendar's solo series ends there).
pub fn release_handover(today: Date) -> Date {
    time::week_start(time::add_days(today, -150))
}

struct Member {
    interests: &'static [&'static str],
    knows: &'static [&'static str],
    goals: &'static [&'static str],
    style: WorkingStyle,
    feedback_style: &'static str,
}

/// What the lead knows of each of TEAM, in order.
const MEMBERS: [Member; 6] = [
    Member {
        interests: &["release process", "mentoring"],
        knows: &["payments api", "kafka"],
        goals: &["tech lead skills", "public speaking"],
        style: WorkingStyle::Communicator,
        feedback_style: "direct, right after the moment",
    },
    Member {
        interests: &["performance", "databases"],
        knows: &["postgres", "retries"],
        goals: &["system design"],
        style: WorkingStyle::DeepDiver,
        feedback_style: "written first, then a conversation",
    },
    Member {
        interests: &["architecture", "incident response"],
        knows: &["observability", "payments api"],
        goals: &["staff engineer promotion", "design docs"],
        style: WorkingStyle::Balanced,
        feedback_style: "in private, with examples",
    },
    Member {
        interests: &["frontend", "accessibility"],
        knows: &["checkout ui"],
        goals: &["backend services"],
        style: WorkingStyle::Communicator,
        feedback_style: "in private",
    },
    Member {
        interests: &["incidents", "on-call tooling"],
        knows: &["kubernetes", "ci pipelines"],
        goals: &["leading incidents"],
        style: WorkingStyle::DeepDiver,
        feedback_style: "straight to the point",
    },
    Member {
        interests: &["testing"],
        knows: &["test automation"],
        goals: &["payments domain"],
        style: WorkingStyle::Balanced,
        feedback_style: "often and small",
    },
];

const PRIVATE_NOTES: [&str; 6] = [
    "Her father had surgery in spring; ask how he is doing.",
    "Training for a marathon in October; mornings are sacred.",
    "Thinking about the staff track; nervous about writing.",
    "Moving flats next month.",
    "Asked not to be on call during school holidays.",
    "Relocated from Oslo for the job; still finding his feet.",
];

const THEIR_TOPICS: [&str; 6] = [
    "Conference budget",
    "Can I lead the next migration?",
    "The on-call rota feels unfair",
    "Feedback on my design doc",
    "Working from home on Fridays",
    "How do I get more visibility?",
];

const MY_TOPICS: [&str; 4] = [
    "Feedback on Tuesday's demo",
    "The reorg rumours: what I know",
    "Your growth plan for next quarter",
    "Who could pair with the new joiner",
];

const ACTIONS: [(&str, Owner); 6] = [
    ("Send the conference budget form", Owner::Me),
    ("Draft the ADR for the retry change", Owner::Them),
    ("Ask Sam about the promotion timeline", Owner::Me),
    ("Write up the on-call proposal", Owner::Them),
    ("Book a pairing session", Owner::Them),
    ("Share the roadmap slides", Owner::Me),
];

/// What others told the lead: giver (index into the team, or None for the manager), theme,
/// polarity, situation, behaviour.
const RECEIVED: [(Option<usize>, &str, Polarity, &str, &str); 8] = [
    (
        None,
        "delegation",
        Polarity::Constructive,
        "In our 1:1",
        "you still pick up the hardest tickets yourself",
    ),
    (
        Some(0),
        "delegation",
        Polarity::Positive,
        "At the retro",
        "you let me run the release and stayed out of the way",
    ),
    (
        Some(2),
        "delegation",
        Polarity::Constructive,
        "After the architecture review",
        "you rewrote my proposal instead of commenting on it",
    ),
    (
        Some(1),
        "communication",
        Polarity::Constructive,
        "In Monday's planning",
        "the decisions were not summarised before we moved on",
    ),
    (
        None,
        "communication",
        Polarity::Positive,
        "In the roadmap review",
        "your status update named the risks plainly",
    ),
    (
        Some(3),
        "meetings",
        Polarity::Constructive,
        "This sprint",
        "our 1:1s were moved three times",
    ),
    (
        Some(4),
        "technical depth",
        Polarity::Positive,
        "During the outage",
        "you knew exactly where to look in the retry code",
    ),
    (
        None,
        "technical depth",
        Polarity::Positive,
        "In the quarterly review",
        "you explained the platform trade-offs to the directors",
    ),
];

fn at(day: Date, hour: i8, tz: &TimeZone) -> Timestamp {
    time::local_instant(day, Time::constant(hour, 0, 0, 0), tz)
}

/// The first names of the team but the `i`-th.
fn peers_of(i: usize) -> Vec<&'static str> {
    TEAM.iter()
        .enumerate()
        .filter(|(k, _)| *k != i)
        .map(|(_, t)| t.name.split(' ').next().unwrap_or(t.name))
        .collect()
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// Someone known by name, address and relation, with nothing else said about them yet.
fn someone(name: &str, email: &str, relation: Relation) -> people::NewPerson {
    people::NewPerson {
        name: name.into(),
        emails: vec![email.into()],
        relation: Some(relation),
        ..Default::default()
    }
}

/// Adds the people and their year of records.
pub async fn build(
    store: &dyn Store,
    rng: &mut Rng,
    off: &DaysOff,
    today: Date,
    tz: &TimeZone,
) -> Result<()> {
    let year_ago = time::add_days(today, -364);
    let mut ids = Vec::new();
    let mut starts = Vec::new();
    for (i, (t, m)) in TEAM.iter().zip(MEMBERS.iter()).enumerate() {
        let new_joiner = i == TEAM.len() - 1;
        let start = if new_joiner {
            new_joiner_start(today)
        } else {
            time::add_days(year_ago, -(200 + 150 * i as i64))
        };
        let p = people::add(
            store,
            people::NewPerson {
                team: Some("Payments".into()),
                start_date: Some(start),
                cadence_days: Some(if new_joiner { 7 } else { 14 }),
                interests: strings(m.interests),
                knowledge: strings(m.knows),
                growth_goals: strings(m.goals),
                working_style: Some(m.style),
                feedback_style: Some(m.feedback_style.into()),
                private_notes: Some(PRIVATE_NOTES[i].into()),
                ..someone(t.name, t.email, Relation::Report)
            },
            at(start, 9, tz),
        )
        .await?;
        ids.push(p.id);
        starts.push(start);
    }
    let now = super::demo_now(today, tz);
    // The manager, the product manager and a platform peer, all added as of now.
    let mut contacts = Vec::new();
    for new in [
        people::NewPerson {
            cadence_days: Some(7),
            duration_minutes: Some(45),
            interests: strings(&["hiring plan", "platform roadmap"]),
            feedback_style: Some("short and written".into()),
            ..someone(MANAGER.name, MANAGER.email, Relation::Manager)
        },
        people::NewPerson {
            team: Some("Product".into()),
            contact_cadence_days: Some(14),
            interests: strings(&["conversion", "refunds launch", "fewer support tickets"]),
            working_style: Some(WorkingStyle::Communicator),
            feedback_style: Some("with numbers".into()),
            ..someone(PRODUCT.name, PRODUCT.email, Relation::Stakeholder)
        },
        people::NewPerson {
            team: Some("Platform".into()),
            contact_cadence_days: Some(21),
            interests: strings(&["rate limiting", "shared tooling"]),
            ..someone("Ravi Menon", "platform-lead@example.com", Relation::Peer)
        },
    ] {
        contacts.push(people::add(store, new, now).await?.id);
    }
    let [sam, dana, ravi]: [i64; 3] = contacts.try_into().expect("three contacts");

    let mut written = Written::default();
    for (i, id) in ids.iter().enumerate() {
        one_on_one_year(store, rng, &mut written, *id, i, today, tz).await?;
        observations(store, rng, &mut written, off, *id, i, starts[i], today, tz).await?;
        feedback_given(store, rng, &mut written, off, *id, i, starts[i], today, tz).await?;
    }
    feedback_received(store, &ids, sam, dana, today, tz).await?;
    delegations(store, rng, &ids, today, tz).await?;
    relationships_year(store, rng, off, [sam, dana, ravi], today, tz).await?;
    super::growth::build(store, rng, [sam, ravi, ids[0]], today, tz).await?;
    super::decisions::build(store, today).await?;
    super::projects::build(store, &ids, today).await?;
    super::debt::build(store, &ids, today).await?;
    super::delivery::build(store, &ids, today, tz).await?;
    super::risks::build(store, &ids, today).await?;
    onboarding::start(store, ids[5], None, at(new_joiner_start(today), 9, tz)).await?;
    let plan = onboarding::show(store, ids[5], now).await?;
    for s in plan
        .steps
        .iter()
        .filter(|s| s.due.is_some_and(|d| d <= today))
    {
        // Most steps done on time; two are behind.
        if s.seq == 7 || s.seq == 13 {
            continue;
        }
        let day = s.due.unwrap_or(today).max(new_joiner_start(today));
        onboarding::done(store, ids[5], s.seq, false, at(day, 17, tz)).await?;
    }
    Ok(())
}

/// Puts one of `topics` on the agenda of the next 1:1 with `id`, as `owner`'s, at `when`.
async fn add_topic(
    store: &dyn Store,
    rng: &mut Rng,
    id: i64,
    owner: Owner,
    topics: &[&str],
    when: Timestamp,
) -> Result<()> {
    let item = one_on_ones::NewItem {
        person_id: id,
        kind: ItemKind::Agenda,
        owner,
        text: pick(topics, rng),
        due: None,
    };
    one_on_ones::add_item(store, item, when).await?;
    Ok(())
}

/// What has been written so far, so no note repeats another word for word.
#[derive(Default)]
struct Written {
    notes: Unique,
    observations: Unique,
    feedback: Unique,
}

/// The days in the last year the calendar shows a held or moved 1:1 with someone.
async fn held_days(store: &dyn Store, id: i64, today: Date, tz: &TimeZone) -> Result<Vec<Date>> {
    let mut days = Vec::new();
    for back in [0, 180] {
        let now = super::demo_now(time::add_days(today, -back), tz);
        let o = people::one_on_ones(store, id, now, Privacy::Hide).await?;
        days.extend(
            o.one_on_ones
                .iter()
                .filter(|m| matches!(m.state, OneOnOneState::Held | OneOnOneState::Moved))
                .filter(|m| m.start <= now)
                .map(|m| time::local_date(m.start, tz)),
        );
    }
    days.sort();
    days.dedup();
    Ok(days)
}

#[allow(clippy::too_many_arguments)]
async fn one_on_one_year(
    store: &dyn Store,
    rng: &mut Rng,
    written: &mut Written,
    id: i64,
    i: usize,
    today: Date,
    tz: &TimeZone,
) -> Result<()> {
    let days = held_days(store, id, today, tz).await?;
    let m = &MEMBERS[i];
    let peers = peers_of(i);
    let name = TEAM[i].name.split(' ').next().unwrap_or(TEAM[i].name);
    let mut open_actions: Vec<i64> = Vec::new();
    // Tomás (3) has stopped bringing topics lately: the quiet-1:1s signal.
    let quiet_from = if i == 3 {
        days.len().saturating_sub(4)
    } else {
        usize::MAX
    };
    for (k, day) in days.iter().enumerate() {
        let before = at(time::add_days(*day, -1), 12, tz);
        if k < quiet_from && rng.chance(0.8) {
            add_topic(store, rng, id, Owner::Them, &THEIR_TOPICS, before).await?;
        }
        if rng.chance(0.35) {
            add_topic(store, rng, id, Owner::Me, &MY_TOPICS, before).await?;
        }
        // The lead writes notes after most 1:1s, and always after the last six.
        if k + 6 < days.len() && rng.chance(0.25) {
            continue;
        }
        let mut topics = vec![Topic::THEMES[rng.below(5) as usize]];
        if rng.chance(0.5) {
            topics.push(Topic::THEMES[rng.below(5) as usize]);
        }
        if rng.chance(0.4) {
            topics.push(Topic::Status);
        }
        topics.sort();
        topics.dedup();
        let actions = if rng.chance(0.45) {
            let (text, owner) = ACTIONS[rng.below(ACTIONS.len() as u64) as usize];
            vec![one_on_ones::NewAction {
                owner,
                text: text.into(),
                due: Some(time::add_days(*day, 7)),
            }]
        } else {
            Vec::new()
        };
        let about = texts::About {
            name,
            goals: m.goals,
            interests: m.interests,
            knows: m.knows,
            peers: &peers,
            month: texts::month_name(day.month()),
        };
        let shared = written
            .notes
            .draw(rng, |rng| texts::one_on_one_note(rng, &about));
        let logged = one_on_ones::log(
            store,
            one_on_ones::LogRequest {
                person_id: id,
                held_on: Some(*day),
                shared_notes: Some(shared),
                private_notes: rng.chance(0.2).then(|| texts::private_note(rng, &peers)),
                topics,
                actions,
                keep: Vec::new(),
            },
            at(*day, 18, tz),
        )
        .await?;
        // Actions from earlier 1:1s get done, mostly by the next one.
        for action in std::mem::take(&mut open_actions) {
            if rng.chance(0.8) || k + 2 >= days.len() {
                one_on_ones::close_item(store, action, at(*day, 17, tz)).await?;
            } else {
                open_actions.push(action);
            }
        }
        if logged.actions > 0 {
            let items = store.items().await?;
            open_actions.extend(
                items
                    .iter()
                    .filter(|x| x.created_in == Some(logged.note.id))
                    .map(|x| x.id),
            );
        }
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn observations(
    store: &dyn Store,
    rng: &mut Rng,
    written: &mut Written,
    off: &DaysOff,
    id: i64,
    i: usize,
    start: Date,
    today: Date,
    tz: &TimeZone,
) -> Result<()> {
    let peers = peers_of(i);
    let mut energy: i64 = 4;
    let mut day = time::add_days(today, -180).max(time::add_days(start, 3));
    while day <= today {
        // Seen at work: the next ordinary working day.
        let seen = off.working_day(day);
        if seen >= today {
            break;
        }
        // Jonas (1) has been running low lately.
        let late = time::days_between(seen, today) < 40;
        energy = if i == 1 && late {
            2
        } else {
            (energy + rng.below(3) as i64 - 1).clamp(3, 5)
        };
        let note = if (i == 1 && late) || rng.chance(0.7) {
            Some(
                written
                    .observations
                    .draw(rng, |rng| texts::observation(rng, energy, &peers)),
            )
        } else {
            None
        };
        people::observe(
            store,
            people::NewObservation {
                person_id: id,
                energy: energy as u8,
                context: [Context::Standup, Context::OneOnOne, Context::Chat]
                    [rng.below(3) as usize],
                note,
                on: Some(seen),
            },
            at(seen, 12, tz),
        )
        .await?;
        day = time::add_days(day, 10 + rng.below(6) as i64);
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn feedback_given(
    store: &dyn Store,
    rng: &mut Rng,
    written: &mut Written,
    off: &DaysOff,
    id: i64,
    i: usize,
    start: Date,
    today: Date,
    tz: &TimeZone,
) -> Result<()> {
    let peers = peers_of(i);
    let mut day = time::add_days(today, -330 + 9 * i as i64).max(time::add_days(start, 4));
    while day < time::add_days(today, -3) {
        let seen = off.working_day(day);
        if seen >= time::add_days(today, -3) {
            break;
        }
        // Tomás (3) heard only constructive feedback in the last two months.
        let recent = time::days_between(seen, today) < 60;
        let positive = if i == 3 && recent {
            false
        } else {
            rng.chance(0.6)
        };
        let (situation, behaviour, impact) = written
            .feedback
            .fresh(rng, |rng| texts::feedback(rng, positive, &peers));
        let delay = if rng.chance(0.8) {
            rng.below(3)
        } else {
            6 + rng.below(8)
        } as i64;
        let delivered = off.working_day(time::add_days(seen, delay)).min(today);
        let noted = feedback::add(
            store,
            feedback::NewFeedback {
                person_id: Some(id),
                who: None,
                direction: Direction::Given,
                polarity: Some(if positive {
                    Polarity::Positive
                } else {
                    Polarity::Constructive
                }),
                situation,
                behaviour,
                impact,
                theme: None,
                event_on: Some(seen),
                delivered_on: Some(delivered),
                follow_up_due: None,
            },
            at(delivered, 17, tz),
        )
        .await?;
        let f = &noted.feedback;
        if let Some(due) = f.follow_up_due.filter(|d| *d < time::add_days(today, -5)) {
            feedback::follow_up(
                store,
                f.id,
                Some("Better since: raised it in the retro themselves".into()),
                at(due, 17, tz),
            )
            .await?;
        }
        day = time::add_days(day, 18 + rng.below(20) as i64);
    }
    // One observation for Mei still waiting to be delivered.
    if i == 2 {
        let seen = time::add_days(today, -5);
        feedback::add(
            store,
            feedback::NewFeedback {
                person_id: Some(id),
                who: None,
                direction: Direction::Given,
                polarity: Some(Polarity::Positive),
                situation: "In Monday's design review".into(),
                behaviour: "you drew the failure modes before anyone asked".into(),
                impact: "the team agreed on the fallback in ten minutes".into(),
                theme: None,
                event_on: Some(seen),
                delivered_on: None,
                follow_up_due: None,
            },
            at(seen, 17, tz),
        )
        .await?;
    }
    Ok(())
}

async fn feedback_received(
    store: &dyn Store,
    team: &[i64],
    sam: i64,
    dana: i64,
    today: Date,
    tz: &TimeZone,
) -> Result<()> {
    for (k, (giver, theme, polarity, situation, behaviour)) in RECEIVED.iter().enumerate() {
        let day = time::add_days(today, -300 + 35 * k as i64);
        feedback::add(
            store,
            feedback::NewFeedback {
                person_id: Some(giver.map_or(sam, |g| team[g])),
                who: None,
                direction: Direction::Received,
                polarity: Some(*polarity),
                situation: (*situation).into(),
                behaviour: (*behaviour).into(),
                impact: String::new(),
                theme: Some((*theme).into()),
                event_on: Some(day),
                delivered_on: None,
                follow_up_due: None,
            },
            at(day, 17, tz),
        )
        .await?;
    }
    for (person, about, answered) in [
        (dana, "How my updates land in the stakeholder sync", true),
        (
            team[2],
            "Whether I give enough room in design reviews",
            false,
        ),
    ] {
        let asked = time::add_days(today, if answered { -40 } else { -6 });
        let f = feedback::add(
            store,
            feedback::NewFeedback {
                person_id: Some(person),
                who: None,
                direction: Direction::Requested,
                polarity: None,
                situation: about.into(),
                behaviour: String::new(),
                impact: String::new(),
                theme: Some("communication".into()),
                event_on: Some(asked),
                delivered_on: None,
                follow_up_due: None,
            },
            at(asked, 10, tz),
        )
        .await?;
        if answered {
            let on = time::add_days(asked, 8);
            feedback::deliver(store, f.feedback.id, Some(on), at(on, 17, tz)).await?;
        }
    }
    Ok(())
}

struct Plan {
    person: usize,
    title: &'static str,
    category: Category,
    style: Style,
    origin: Option<&'static str>,
    /// Days before today it was handed over, and how long it ran.
    from: i64,
    days: i64,
    /// Closed with this outcome; still running when `None`.
    outcome: Option<Outcome>,
}

const PLANS: [Plan; 7] = [
    Plan {
        person: 0,
        title: "Release notes and changelog",
        category: Category::Operate,
        style: Style::Selling,
        origin: Some("calendar:release-notes@demo"),
        from: 150,
        days: 42,
        outcome: Some(Outcome::Met),
    },
    Plan {
        person: 4,
        title: "On-call runbook for payment retries",
        category: Category::Operate,
        style: Style::Participating,
        origin: None,
        from: 220,
        days: 30,
        outcome: Some(Outcome::Met),
    },
    Plan {
        person: 3,
        title: "Run the sprint demo",
        category: Category::Align,
        style: Style::Telling,
        origin: None,
        from: 120,
        days: 14,
        outcome: Some(Outcome::Partly),
    },
    Plan {
        person: 1,
        title: "Postgres upgrade plan",
        category: Category::Build,
        style: Style::Delegating,
        origin: None,
        from: 95,
        days: 35,
        outcome: Some(Outcome::Met),
    },
    Plan {
        person: 2,
        title: "Facilitate the architecture review",
        category: Category::Lead,
        style: Style::Participating,
        origin: None,
        from: 40,
        days: 70,
        outcome: None,
    },
    Plan {
        person: 0,
        title: "Onboarding buddy for Lars",
        category: Category::Lead,
        style: Style::Selling,
        origin: None,
        from: 63,
        days: 90,
        outcome: None,
    },
    Plan {
        person: 1,
        title: "Vendor evaluation for the fraud API",
        category: Category::Align,
        style: Style::Participating,
        origin: None,
        from: 2,
        days: 30,
        outcome: None,
    },
];

async fn delegations(
    store: &dyn Store,
    rng: &mut Rng,
    team: &[i64],
    today: Date,
    tz: &TimeZone,
) -> Result<()> {
    for (k, p) in PLANS.iter().enumerate() {
        let start = time::add_days(today, -p.from);
        let deadline = time::add_days(start, p.days);
        let draft_only = k == PLANS.len() - 1;
        let d = delegation::add(
            store,
            delegation::NewDelegation {
                person_id: team[p.person],
                title: p.title.into(),
                category: Some(p.category),
                style: Some(p.style),
                expectations: Expectations {
                    specific: Some(format!(
                        "{}: own it end to end and involve who you need",
                        p.title
                    )),
                    measurable: (!draft_only)
                        .then(|| "Done when the team can use it without asking you or me".into()),
                    achievable: (!draft_only)
                        .then(|| "About a day a week, taken out of sprint capacity".into()),
                    relevant: Some("It stops waiting on me and grows your scope".into()),
                    deadline: Some(deadline),
                    trackable: (!draft_only)
                        .then(|| "A short status in our 1:1, and the team board".into()),
                },
                origin: p.origin.map(str::to_string),
            },
            at(start, 9, tz),
        )
        .await?;
        if draft_only {
            continue;
        }
        delegation::hand_over(store, d.id, at(start, 10, tz)).await?;
        let handed = delegation::show(store, d.id, at(start, 11, tz)).await?;
        let last = deadline.min(time::add_days(today, -9));
        for c in handed.delegation.check_ins.iter().filter(|c| c.due <= last) {
            delegation::check_in(store, d.id, Some(texts::check_in(rng)), at(c.due, 16, tz))
                .await?;
        }
        if let Some(outcome) = p.outcome {
            delegation::close(
                store,
                d.id,
                outcome,
                FollowUp {
                    what_worked: Some("Agreeing on what done looks like up front".into()),
                    challenges: (outcome != Outcome::Met)
                        .then(|| "The audience was bigger than planned".into()),
                    do_better: Some("Pair on the first one before handing over".into()),
                    their_feedback: Some("More context on the why, earlier".into()),
                },
                at(deadline, 17, tz),
            )
            .await?;
        }
    }
    Ok(())
}

async fn relationships_year(
    store: &dyn Store,
    rng: &mut Rng,
    off: &DaysOff,
    [sam, dana, ravi]: [i64; 3],
    today: Date,
    tz: &TimeZone,
) -> Result<()> {
    // Ravi is met in a weekly sync, but a coffee now and then shows up only in the log.
    let mut day = time::add_days(today, -330);
    while day < time::add_days(today, -30) {
        let person = [sam, dana, ravi][rng.below(3) as usize];
        let on = off.working_day(day);
        relationships::log_contact(
            store,
            relationships::NewInteraction {
                person_id: person,
                kind: [
                    InteractionKind::Coffee,
                    InteractionKind::Chat,
                    InteractionKind::Call,
                ][rng.below(3) as usize],
                on: Some(on),
                note: Some(texts::contact(rng)),
            },
            at(on, 15, tz),
        )
        .await?;
        day = time::add_days(day, 20 + rng.below(20) as i64);
    }
    let promises: [(&str, i64, i64, Option<CommitmentStatus>); 6] = [
        ("Dana", 200, 5, Some(CommitmentStatus::Done)),
        ("Sam Okafor", 120, 7, Some(CommitmentStatus::Done)),
        ("Platform team", 60, 14, Some(CommitmentStatus::Dropped)),
        ("Dana", 20, 4, Some(CommitmentStatus::Done)),
        ("Dana", 6, 9, None),
        ("Sam Okafor", 9, 6, None),
    ];
    let whats = [
        "Estimate for the refunds feature",
        "Hiring plan for next half",
        "Review of the rate limiter design",
        "Answer on the checkout A/B test",
        "Capacity plan for the refunds launch",
        "Promotion case notes for Mei",
    ];
    for ((to, ago, days, status), what) in promises.iter().zip(whats) {
        let made = time::add_days(today, -ago);
        let c = relationships::add_commitment(
            store,
            relationships::NewCommitment {
                to: (*to).into(),
                what: what.into(),
                due: time::add_days(made, *days),
                made_on: Some(made),
            },
            at(made, 11, tz),
        )
        .await?;
        if let Some(status) = status {
            let closed = time::add_days(made, *days - 1);
            relationships::close_commitment(store, c.id, *status, None, at(closed, 17, tz)).await?;
        }
    }
    for (person, topic, ahead, reframe, relate, reinforce) in [
        (
            dana,
            "Two sprints for the retry refactor",
            3,
            Some("Fewer failed payments and a third fewer support tickets"),
            Some("Her refunds launch depends on retries that do not double-charge"),
            None,
        ),
        (
            sam,
            "A second tech lead for the team",
            8,
            Some("Eight reports leave no time for the platform work he asked for"),
            None,
            None,
        ),
    ] {
        relationships::add_prep(
            store,
            relationships::NewPrep {
                person_id: person,
                topic: topic.into(),
                meeting_on: Some(time::add_days(today, ahead)),
                reframe: reframe.map(str::to_string),
                relate: relate.map(str::to_string),
                reinforce,
            },
            super::demo_now(today, tz),
        )
        .await?;
    }
    Ok(())
}

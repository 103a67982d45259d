//! The demo: a realistic year of a tech lead's calendar and git history, written as a real
//! `.ics` file and a real repository, then imported through the same code paths users use.

use crate::error::{AppError, Result};
use crate::import;
use crate::profile::{self, InitRequest};
use fulcrum_core::{Category, RolePreset, time};
use jiff::Timestamp;
use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use std::path::{Path, PathBuf};

mod calendar;
mod days_off;
mod debt;
mod decisions;
mod delivery;
mod growth;
mod people;
mod projects;
mod risks;
mod texts;

pub use days_off::{berlin_holidays, easter};

pub const DEMO_EMAIL: &str = "alex.rivera@example.com";
pub const DEMO_ZONE: &str = "Europe/Berlin";
const WEEKS: i64 = 52;

/// A small deterministic generator (SplitMix64): the same seed gives the same demo.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// A number in `[0, n)`.
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }
    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

pub struct Team {
    pub name: &'static str,
    pub email: &'static str,
}

pub const TEAM: [Team; 6] = [
    Team {
        name: "Priya Nair",
        email: "priya.nair@example.com",
    },
    Team {
        name: "Jonas Weber",
        email: "jonas.weber@example.com",
    },
    Team {
        name: "Mei Chen",
        email: "mei.chen@example.com",
    },
    Team {
        name: "Tomás García",
        email: "tomas.garcia@example.com",
    },
    Team {
        name: "Aisha Bello",
        email: "aisha.bello@example.com",
    },
    Team {
        name: "Lars Eriksen",
        email: "lars.eriksen@example.com",
    },
];
const MANAGER: Team = Team {
    name: "Sam Okafor",
    email: "sam.okafor@example.com",
};
const PRODUCT: Team = Team {
    name: "Dana Levi",
    email: "dana.levi@example.com",
};

/// What the demo wrote and imported.
pub struct Demo {
    pub db: PathBuf,
    pub calendar: PathBuf,
    pub repository: PathBuf,
    pub rules: PathBuf,
    pub occurrences: usize,
    pub commits: u64,
    /// People with a year of records (1:1 notes, feedback, delegations …).
    pub people: usize,
    pub today: Date,
}

/// Everything the demo needs to know; `today` and `seed` make it reproducible.
pub struct DemoRequest<'a> {
    pub db: &'a Path,
    pub seed: u64,
    pub today: Date,
}

/// The database a PostgreSQL URL names, made safe as a file name.
fn database_name(url: &str) -> String {
    let path = url.split('?').next().unwrap_or(url);
    let name = path.rsplit('/').next().unwrap_or("postgres");
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Refuses to overwrite a store that is not a demo: the demo never touches real data.
pub async fn check_target(db: &Path) -> Result<()> {
    // Another program's file, or anything that is not a store, is refused untouched; an empty
    // file or a missing one holds nothing to lose.
    let store = match crate::open_store(db, crate::OpenMode::Existing).await {
        Err(AppError::Store(fulcrum_store::StoreError::Missing { .. })) => return Ok(()),
        opened => opened?,
    };
    match store.profile().await? {
        Some(p) if p.emails != [DEMO_EMAIL] => Err(AppError::conflict(
            "store",
            format!(
                "{} holds someone's real data; the demo only writes to a new file or an earlier demo — pass another --db",
                db.display()
            ),
        )),
        _ => Ok(()),
    }
}

/// Builds the demo into a fresh store at `req.db`, with its files in a folder beside it (for a
/// PostgreSQL store, in the demo folder of the data directory).
pub async fn build(req: DemoRequest<'_>, progress: import::Progress) -> Result<Demo> {
    check_target(req.db).await?;
    let dir = match crate::postgres_url(req.db) {
        Some(url) => {
            fulcrum_store::PostgresStore::wipe(url).await?;
            crate::paths::data_dir()
                .join("demo")
                .join(format!("{}.files", database_name(url)))
        }
        None => {
            for suffix in ["", "-wal", "-shm"] {
                let mut p = req.db.as_os_str().to_owned();
                p.push(suffix);
                let p = PathBuf::from(p);
                if p.exists() {
                    std::fs::remove_file(&p).map_err(|e| AppError::io(&p, e))?;
                }
            }
            req.db.with_extension("files")
        }
    };
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|e| AppError::io(&dir, e))?;
    }
    std::fs::create_dir_all(&dir).map_err(|e| AppError::io(&dir, e))?;

    let tz = TimeZone::get(DEMO_ZONE).map_err(|e| AppError::Failed(e.to_string()))?;
    let first_monday = time::add_days(time::week_start(req.today), -7 * (WEEKS - 1));
    let mut rng = Rng::new(req.seed);
    let generated = calendar::generate(&mut rng, first_monday, req.today, &tz);
    let calendar = dir.join("work-calendar.ics");
    std::fs::write(&calendar, &generated.ics).map_err(|e| AppError::io(&calendar, e))?;
    let rules = dir.join("rules.toml");
    std::fs::write(&rules, RULES_EXAMPLE).map_err(|e| AppError::io(&rules, e))?;

    let repository = dir.join("payments-service");
    fulcrum_git::write_repository(&repository, "main", &generated.commits).map_err(|e| {
        AppError::Git {
            path: repository.display().to_string(),
            message: e.to_string(),
        }
    })?;

    let store = crate::open_store(req.db, crate::OpenMode::Create).await?;
    profile::init(
        store.as_ref(),
        InitRequest {
            emails: vec![DEMO_EMAIL.into()],
            timezone: DEMO_ZONE.into(),
            role: RolePreset::TechLead,
            hours: Vec::new(),
        },
    )
    .await?;
    let now = demo_now(req.today, &tz);
    let imported = import::calendar(store.as_ref(), &calendar.display().to_string(), now).await?;
    let git = import::git(store.as_ref(), &repository, progress).await?;
    for entry in &generated.manual {
        store.add_manual_entry(entry).await?;
    }
    // One book for the year of journal facts, so the rules compile once, not once a week.
    let book = crate::rules_file::RuleBook::new(&rules);
    weekly_loop(store.as_ref(), &mut rng, req.today, &tz, &book).await?;
    people::build(store.as_ref(), &mut rng, &generated.off, req.today, &tz).await?;
    Ok(Demo {
        db: req.db.to_path_buf(),
        calendar,
        repository,
        rules,
        occurrences: imported.iter().map(|i| i.events).sum(),
        commits: git.new_commits,
        people: store.people().await?.len(),
        today: req.today,
    })
}

/// The demo's "now": late afternoon of `today`, so today's meetings have happened.
pub fn demo_now(today: Date, tz: &TimeZone) -> Timestamp {
    time::local_instant(today, Time::constant(17, 30, 0, 0), tz)
}

const RULES_EXAMPLE: &str = "\
# Your own categorisation rules, tried before the defaults. Each rule needs a name, a
# category (build, lead, align, operate, think, grow, personal, other) and at least one
# condition: title (a regular expression), min_attendees / max_attendees (people besides
# you), attendee_domain, organizer, calendar.
[[rule]]
name = \"guilds are learning\"
category = \"grow\"
title = \"guild\"
";

/// Work the demo lead plans each week: (title, category, minutes, urgent, important, only me).
const WEEKLY_WORK: [(&str, Category, i64, bool, bool, bool); 12] = [
    (
        "Fix the flaky payment retry test",
        Category::Build,
        90,
        true,
        true,
        false,
    ),
    (
        "Write the ledger v2 design doc",
        Category::Build,
        180,
        false,
        true,
        true,
    ),
    (
        "Prepare the roadmap review",
        Category::Align,
        60,
        true,
        true,
        true,
    ),
    (
        "Review Mei's caching RFC",
        Category::Build,
        60,
        false,
        true,
        false,
    ),
    (
        "Plan next quarter's tech debt",
        Category::Think,
        90,
        false,
        true,
        true,
    ),
    (
        "Draft the on-call handbook",
        Category::Operate,
        120,
        false,
        true,
        false,
    ),
    (
        "Feedback notes for Jonas",
        Category::Lead,
        45,
        false,
        true,
        true,
    ),
    (
        "Spike: idempotency keys",
        Category::Build,
        120,
        false,
        true,
        false,
    ),
    (
        "Read the SRE book chapter on alerting",
        Category::Grow,
        60,
        false,
        true,
        true,
    ),
    (
        "Answer the security questionnaire",
        Category::Operate,
        60,
        true,
        true,
        false,
    ),
    (
        "Onboarding plan for the new hire",
        Category::Lead,
        60,
        false,
        true,
        true,
    ),
    (
        "Benchmark the webhook dispatcher",
        Category::Build,
        90,
        false,
        true,
        false,
    ),
];

const DROP_REASONS: [&str; 4] = [
    "the incident took the afternoon",
    "product moved the deadline; not needed this week",
    "Priya picked it up",
    "underestimated the design doc",
];

fn pick(items: &[&str], rng: &mut Rng) -> String {
    items[rng.below(items.len() as u64) as usize].to_string()
}

/// A year of the weekly loop: tasks planned week by week (most done, some dropped with a
/// reason), a few asks in the inbox, and the reflection rhythm mostly kept.
async fn weekly_loop(
    store: &dyn fulcrum_store::Store,
    rng: &mut Rng,
    today: Date,
    tz: &TimeZone,
    rules: &crate::rules_file::RuleBook,
) -> Result<()> {
    use crate::{inbox, rituals, weekly};
    use fulcrum_core::inbox::{Decision, Ownership};
    use fulcrum_core::rituals::{ASSESSED_SKILLS, EntryBody, Ritual, SkillRating, period_of};
    use fulcrum_core::tasks::TaskStatus;
    let this_week = time::week_start(today);
    // Eight weeks of plans and reviews, the current one still open.
    for back in (0..8).rev() {
        let monday = time::add_days(this_week, -7 * back);
        let mut ids = Vec::new();
        for _ in 0..4 {
            let (title, category, minutes, urgent, important, only_me) =
                WEEKLY_WORK[rng.below(WEEKLY_WORK.len() as u64) as usize];
            let t = weekly::add_task(
                store,
                weekly::NewTask {
                    title: title.into(),
                    urgent,
                    important,
                    only_me,
                    estimate_minutes: Some(minutes),
                    due: Some(time::add_days(monday, 4)),
                    category: Some(category),
                },
            )
            .await?;
            ids.push(t.id);
        }
        weekly::accept(
            store,
            monday,
            time::local_instant(monday, Time::constant(8, 0, 0, 0), tz),
        )
        .await?;
        if back == 0 {
            break;
        }
        for id in ids {
            let edit = if rng.chance(0.65) {
                weekly::TaskEdit {
                    status: Some(TaskStatus::Done),
                    ..Default::default()
                }
            } else {
                weekly::TaskEdit {
                    status: Some(TaskStatus::Dropped),
                    note: Some(DROP_REASONS[rng.below(DROP_REASONS.len() as u64) as usize].into()),
                    ..Default::default()
                }
            };
            weekly::edit_task(store, id, edit).await?;
        }
        if rng.chance(0.6) {
            weekly::adjust(
                store,
                monday,
                "Keep one focus block free of meetings, whatever comes up",
            )
            .await?;
        }
    }
    // Tasks waiting outside the plan: something to delegate, something to delete.
    for (title, urgent, important) in [
        ("Set up the client demo environment", true, false),
        ("Colour-code the team's inbox labels", false, false),
    ] {
        weekly::add_task(
            store,
            weekly::NewTask {
                title: title.into(),
                urgent,
                important,
                estimate_minutes: Some(60),
                ..Default::default()
            },
        )
        .await?;
    }
    // The inbox: asks from the last three weeks, some decided.
    let asks = [
        (
            "Dana Levi",
            "Can you estimate the refunds feature by Friday?",
            Ownership::Gray,
        ),
        (
            "Sam Okafor",
            "Would you present the platform roadmap at the all-hands?",
            Ownership::Mine,
        ),
        (
            "Jonas Weber",
            "Can you fix my failing integration test?",
            Ownership::Theirs,
        ),
        (
            "Platform lead",
            "Can your team own the new rate limiter?",
            Ownership::Gray,
        ),
        (
            "Recruiting",
            "Could you run two more interviews next week?",
            Ownership::Undecided,
        ),
        (
            "Mei Chen",
            "Can you review my promotion packet?",
            Ownership::Mine,
        ),
    ];
    for (i, (from, text, ownership)) in asks.iter().enumerate() {
        let received = time::add_days(today, -(3 * i as i64) - 1);
        let now = time::local_instant(received, Time::constant(11, 0, 0, 0), tz);
        let item = inbox::add(
            store,
            inbox::NewItem {
                from: (*from).into(),
                text: (*text).into(),
                needed_by: Some(time::add_days(received, 5)),
                ownership: *ownership,
            },
            now,
        )
        .await?;
        if i >= 3 {
            let d = [Decision::Yes, Decision::No, Decision::Delegated][i % 3];
            inbox::decide(store, item.id, d, None, now).await?;
        }
    }
    let first_names: Vec<&str> = TEAM
        .iter()
        .map(|t| t.name.split(' ').next().unwrap_or(t.name))
        .collect();
    let mut journals = texts::Unique::default();
    // The reflection rhythm: most weekly journals written, monthly check-ins, quarterly
    // self-assessments, with the facts of the period for the recent ones.
    for back in 1..=WEEKS {
        let monday = time::add_days(this_week, -7 * back);
        // Last week's is always written, so the rhythm is on time when the demo opens; the
        // draw is still made, so the rest of the year stays as the seed gives it.
        let skipped = rng.chance(0.15);
        if skipped && back > 1 {
            continue;
        }
        let period = period_of(Ritual::WeeklyJournal, monday);
        let sections = journals.fresh(rng, |rng| texts::journal(rng, &first_names));
        let body = EntryBody {
            sections,
            energy: vec![
                (Category::Build, 1),
                (
                    if rng.chance(0.5) {
                        Category::Align
                    } else {
                        Category::Operate
                    },
                    -1,
                ),
            ],
            ratings: vec![],
        };
        let now = time::local_instant(period.to, Time::constant(9, 0, 0, 0), tz);
        let facts = if back <= 4 {
            rituals::facts(store, rules, &period, now).await?
        } else {
            Vec::new()
        };
        rituals::save(store, Ritual::WeeklyJournal, &period, body, facts).await?;
    }
    let mut month = period_of(Ritual::MonthlyCheckIn, today).from;
    for k in 0..11 {
        month = period_of(Ritual::MonthlyCheckIn, time::add_days(month, -1)).from;
        let period = period_of(Ritual::MonthlyCheckIn, month);
        let name = texts::month_name(month.month());
        let sections = journals.fresh(rng, |rng| texts::monthly(rng, &first_names, k, name));
        let body = EntryBody {
            sections,
            ..Default::default()
        };
        rituals::save(store, Ritual::MonthlyCheckIn, &period, body, Vec::new()).await?;
    }
    let mut quarter = period_of(Ritual::QuarterlyAssessment, today).from;
    for k in 0..3 {
        quarter = period_of(Ritual::QuarterlyAssessment, time::add_days(quarter, -1)).from;
        let period = period_of(Ritual::QuarterlyAssessment, quarter);
        let ratings = ASSESSED_SKILLS
            .iter()
            .map(|skill| SkillRating {
                skill: (*skill).into(),
                own: Some(4 + rng.below(5) as u8),
                others: vec![
                    ("Sam".into(), 5 + rng.below(5) as u8),
                    ("Priya".into(), 5 + rng.below(5) as u8),
                ],
            })
            .collect();
        let body = EntryBody {
            sections: texts::quarterly(k),
            energy: vec![],
            ratings,
        };
        rituals::save(
            store,
            Ritual::QuarterlyAssessment,
            &period,
            body,
            Vec::new(),
        )
        .await?;
    }
    Ok(())
}

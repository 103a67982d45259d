//! The demo: a realistic year of a tech lead's calendar and git history, written as a real
//! `.ics` file and a real repository, then imported through the same code paths users use.

use crate::error::{AppError, Result};
use crate::import;
use crate::profile::{self, InitRequest};
use fulcrum_core::{Category, RolePreset, time};
use fulcrum_git::NewCommit;
use jiff::Timestamp;
use jiff::civil::{Date, Time, Weekday};
use jiff::tz::TimeZone;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

mod people;

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

/// Refuses to overwrite a store that is not a demo: the demo never touches real data.
pub async fn check_target(db: &Path) -> Result<()> {
    // Another program's file, or anything that is not a store, is refused untouched; an empty
    // file or a missing one holds nothing to lose.
    let store = match crate::open_store(db, crate::OpenMode::Existing).await {
        Err(AppError::Store(fulcrum_store::StoreError::Missing { .. })) => return Ok(()),
        opened => opened?,
    };
    match store.profile().await? {
        Some(p) if p.emails != [DEMO_EMAIL] => Err(AppError::Invalid(format!(
            "{} holds someone's real data; the demo only writes to a new file or an earlier demo — pass another --db",
            db.display()
        ))),
        _ => Ok(()),
    }
}

/// Builds the demo into a fresh store at `req.db`, with its files in a folder beside it.
pub async fn build(req: DemoRequest<'_>, progress: import::Progress) -> Result<Demo> {
    check_target(req.db).await?;
    for suffix in ["", "-wal", "-shm"] {
        let mut p = req.db.as_os_str().to_owned();
        p.push(suffix);
        let p = PathBuf::from(p);
        if p.exists() {
            std::fs::remove_file(&p).map_err(|e| AppError::io(&p, e))?;
        }
    }
    let dir = req.db.with_extension("files");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|e| AppError::io(&dir, e))?;
    }
    std::fs::create_dir_all(&dir).map_err(|e| AppError::io(&dir, e))?;

    let tz = TimeZone::get(DEMO_ZONE).map_err(|e| AppError::Invalid(e.to_string()))?;
    let first_monday = time::add_days(time::week_start(req.today), -7 * (WEEKS - 1));
    let mut rng = Rng::new(req.seed);
    let calendar_text = calendar(&mut rng, first_monday, req.today);
    let calendar = dir.join("work-calendar.ics");
    std::fs::write(&calendar, &calendar_text).map_err(|e| AppError::io(&calendar, e))?;
    let rules = dir.join("rules.toml");
    std::fs::write(&rules, RULES_EXAMPLE).map_err(|e| AppError::io(&rules, e))?;

    let repository = dir.join("payments-service");
    let commits = history(&mut rng, first_monday, req.today, &tz);
    fulcrum_git::write_repository(&repository, "main", &commits).map_err(|e| AppError::Git {
        path: repository.display().to_string(),
        message: e.to_string(),
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
    weekly_loop(store.as_ref(), &mut rng, req.today, &tz, &rules).await?;
    people::build(store.as_ref(), &mut rng, req.today, &tz).await?;
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

fn stamp(d: Date, t: Time) -> String {
    format!(
        "{:04}{:02}{:02}T{:02}{:02}00",
        d.year(),
        d.month(),
        d.day(),
        t.hour(),
        t.minute()
    )
}

fn hm(h: i8, m: i8) -> Time {
    Time::constant(h, m, 0, 0)
}

struct Ev<'a> {
    uid: String,
    title: &'a str,
    day: Date,
    start: Time,
    minutes: i64,
    attendees: Vec<(&'a str, &'a str)>,
    extra: String,
}

fn write_event(out: &mut String, e: &Ev<'_>) {
    let end = e
        .day
        .to_datetime(e.start)
        .checked_add(jiff::SignedDuration::from_mins(e.minutes))
        .unwrap_or(e.day.to_datetime(e.start));
    let _ = write!(
        out,
        "BEGIN:VEVENT\r\nUID:{}\r\nDTSTAMP:20240101T000000Z\r\nSUMMARY:{}\r\nDTSTART;TZID={DEMO_ZONE}:{}\r\nDTEND;TZID={DEMO_ZONE}:{}\r\n",
        e.uid,
        e.title,
        stamp(e.day, e.start),
        stamp(end.date(), end.time())
    );
    if !e.attendees.is_empty() {
        let _ = write!(out, "ORGANIZER;CN=Alex Rivera:mailto:{DEMO_EMAIL}\r\n");
        let _ = write!(
            out,
            "ATTENDEE;CN=Alex Rivera;PARTSTAT=ACCEPTED:mailto:{DEMO_EMAIL}\r\n"
        );
        for (name, email) in &e.attendees {
            let _ = write!(
                out,
                "ATTENDEE;CN={name};PARTSTAT=ACCEPTED:mailto:{email}\r\n"
            );
        }
    }
    out.push_str(&e.extra);
    out.push_str("END:VEVENT\r\n");
}

fn weekday_code(w: Weekday) -> &'static str {
    ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][w.to_monday_zero_offset() as usize]
}

fn on(monday: Date, w: Weekday) -> Date {
    time::add_days(monday, i64::from(w.to_monday_zero_offset()))
}

/// The calendar: recurring series with moved and cancelled instances, plus one-off events.
fn calendar(rng: &mut Rng, first_monday: Date, today: Date) -> String {
    let mut s = String::from(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Fulcrum//Demo//EN\r\nX-WR-CALNAME:Work\r\nX-WR-TIMEZONE:Europe/Berlin\r\n",
    );
    let team: Vec<(&str, &str)> = TEAM.iter().map(|t| (t.name, t.email)).collect();
    let until = time::add_days(time::week_start(today), 7 * 8);
    let rrule_until = format!(
        "{:04}{:02}{:02}T000000Z",
        until.year(),
        until.month(),
        until.day()
    );

    // Standup every working day, skipped on two public holidays.
    let mut extra = format!("RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL={rrule_until}\r\n");
    for holiday in [30, 200] {
        let d = time::add_days(first_monday, holiday);
        if !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) {
            let _ = write!(extra, "EXDATE;TZID={DEMO_ZONE}:{}\r\n", stamp(d, hm(9, 30)));
        }
    }
    write_event(
        &mut s,
        &Ev {
            uid: "standup@demo".into(),
            title: "Daily standup",
            day: first_monday,
            start: hm(9, 30),
            minutes: 15,
            attendees: team.clone(),
            extra,
        },
    );

    // Bi-weekly 1:1s with each report; some moved, some cancelled, one renamed.
    let slots = [
        (Weekday::Monday, hm(14, 0)),
        (Weekday::Tuesday, hm(11, 0)),
        (Weekday::Wednesday, hm(10, 0)),
        (Weekday::Wednesday, hm(15, 0)),
        (Weekday::Thursday, hm(11, 0)),
        (Weekday::Friday, hm(10, 0)),
    ];
    for (i, (member, (wd, at))) in TEAM.iter().zip(slots).enumerate() {
        // The newest report joined nine weeks ago and is met every week.
        let new_joiner = i == TEAM.len() - 1;
        let (first, step) = if new_joiner {
            (on(people::new_joiner_start(today), wd), 7)
        } else {
            (on(time::add_days(first_monday, 7 * (i as i64 % 2)), wd), 14)
        };
        let uid = format!("one-on-one-{}@demo", i + 1);
        let title = format!(
            "{} / Alex 1:1",
            member.name.split(' ').next().unwrap_or(member.name)
        );
        write_event(
            &mut s,
            &Ev {
                uid: uid.clone(),
                title: &title,
                day: first,
                start: at,
                minutes: 30,
                attendees: vec![(member.name, member.email)],
                extra: format!(
                    "RRULE:FREQ=WEEKLY;INTERVAL={};BYDAY={};UNTIL={rrule_until}\r\n",
                    step / 7,
                    weekday_code(wd)
                ),
            },
        );
        let mut k = 0;
        loop {
            let day = time::add_days(first, step * k);
            if day > today {
                break;
            }
            k += 1;
            let rid = format!("RECURRENCE-ID;TZID={DEMO_ZONE}:{}\r\n", stamp(day, at));
            if rng.chance(0.12) {
                // Moved to the next day, an hour later.
                let moved = Ev {
                    uid: uid.clone(),
                    title: &title,
                    day: time::add_days(day, 1),
                    start: hm(at.hour() + 1, 0),
                    minutes: 30,
                    attendees: vec![(member.name, member.email)],
                    extra: rid,
                };
                write_event(&mut s, &moved);
            } else if rng.chance(0.07) {
                let cancelled = Ev {
                    uid: uid.clone(),
                    title: &title,
                    day,
                    start: at,
                    minutes: 30,
                    attendees: vec![(member.name, member.email)],
                    extra: format!("{rid}STATUS:CANCELLED\r\n"),
                };
                write_event(&mut s, &cancelled);
            }
        }
    }

    // Weekly 1:1 with the manager (align), sprint rituals, stakeholders, architecture.
    write_event(
        &mut s,
        &Ev {
            uid: "manager-1on1@demo".into(),
            title: "1:1 with my manager (Sam)",
            day: on(first_monday, Weekday::Thursday),
            start: hm(16, 0),
            minutes: 45,
            attendees: vec![(MANAGER.name, MANAGER.email)],
            extra: format!("RRULE:FREQ=WEEKLY;BYDAY=TH;UNTIL={rrule_until}\r\n"),
        },
    );
    write_event(
        &mut s,
        &Ev {
            uid: "planning@demo".into(),
            title: "Sprint planning",
            day: first_monday,
            start: hm(10, 0),
            minutes: 90,
            attendees: team
                .iter()
                .copied()
                .chain([(PRODUCT.name, PRODUCT.email)])
                .collect(),
            extra: format!("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;UNTIL={rrule_until}\r\n"),
        },
    );
    write_event(
        &mut s,
        &Ev {
            uid: "retro@demo".into(),
            title: "Sprint retro",
            day: on(time::add_days(first_monday, 7), Weekday::Friday),
            start: hm(15, 0),
            minutes: 60,
            attendees: team.clone(),
            extra: format!("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=FR;UNTIL={rrule_until}\r\n"),
        },
    );
    write_event(
        &mut s,
        &Ev {
            uid: "stakeholders@demo".into(),
            title: "Payments stakeholder sync",
            day: on(first_monday, Weekday::Thursday),
            start: hm(14, 0),
            minutes: 45,
            attendees: vec![(PRODUCT.name, PRODUCT.email), (MANAGER.name, MANAGER.email)],
            extra: format!("RRULE:FREQ=WEEKLY;BYDAY=TH;UNTIL={rrule_until}\r\n"),
        },
    );
    write_event(
        &mut s,
        &Ev {
            uid: "roadmap@demo".into(),
            title: "Roadmap review",
            day: on(first_monday, Weekday::Wednesday),
            start: hm(13, 0),
            minutes: 60,
            attendees: vec![(PRODUCT.name, PRODUCT.email), (MANAGER.name, MANAGER.email)],
            extra: format!("RRULE:FREQ=MONTHLY;BYDAY=1WE;UNTIL={rrule_until}\r\n"),
        },
    );
    write_event(
        &mut s,
        &Ev {
            uid: "architecture@demo".into(),
            title: "Architecture review",
            day: on(first_monday, Weekday::Wednesday),
            start: hm(16, 0),
            minutes: 60,
            attendees: team[..3].to_vec(),
            extra: format!("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;UNTIL={rrule_until}\r\n"),
        },
    );

    // More of a lead's week: reviews every morning, pairing, cross-team and team syncs,
    // mentoring, on-call handovers.
    write_event(
        &mut s,
        &Ev {
            uid: "pr-reviews@demo".into(),
            title: "PR reviews",
            day: first_monday,
            start: hm(9, 45),
            minutes: 30,
            attendees: vec![],
            extra: format!("RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL={rrule_until}\r\n"),
        },
    );
    // Solo chores: the release notes until they were handed over, dependency updates and the
    // support queue (candidates to delegate).
    let handover = people::release_handover(today);
    write_event(
        &mut s,
        &Ev {
            uid: "release-notes@demo".into(),
            title: "Release notes and changelog",
            day: on(first_monday, Weekday::Friday),
            start: hm(16, 0),
            minutes: 30,
            attendees: vec![],
            extra: format!(
                "RRULE:FREQ=WEEKLY;BYDAY=FR;UNTIL={:04}{:02}{:02}T000000Z\r\n",
                handover.year(),
                handover.month(),
                handover.day()
            ),
        },
    );
    write_event(
        &mut s,
        &Ev {
            uid: "dependency-updates@demo".into(),
            title: "Dependency updates",
            day: on(first_monday, Weekday::Thursday),
            start: hm(17, 0),
            minutes: 45,
            attendees: vec![],
            extra: format!("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;UNTIL={rrule_until}\r\n"),
        },
    );
    write_event(
        &mut s,
        &Ev {
            uid: "support-queue@demo".into(),
            title: "Support queue triage",
            day: first_monday,
            start: hm(16, 30),
            minutes: 30,
            attendees: vec![],
            extra: format!("RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL={rrule_until}\r\n"),
        },
    );
    write_event(
        &mut s,
        &Ev {
            uid: "pairing@demo".into(),
            title: "Pairing with Jonas",
            day: first_monday,
            start: hm(14, 30),
            minutes: 90,
            attendees: vec![(TEAM[1].name, TEAM[1].email)],
            extra: format!("RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL={rrule_until}\r\n"),
        },
    );
    write_event(
        &mut s,
        &Ev {
            uid: "platform-sync@demo".into(),
            title: "Platform cross-team sync",
            day: on(first_monday, Weekday::Tuesday),
            start: hm(11, 30),
            minutes: 45,
            attendees: vec![
                ("Platform lead", "platform-lead@example.com"),
                ("SRE lead", "sre-lead@example.com"),
                (PRODUCT.name, PRODUCT.email),
            ],
            extra: format!("RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL={rrule_until}\r\n"),
        },
    );
    write_event(
        &mut s,
        &Ev {
            uid: "team-sync@demo".into(),
            title: "Team sync",
            day: on(first_monday, Weekday::Wednesday),
            start: hm(11, 0),
            minutes: 45,
            attendees: team.clone(),
            extra: format!("RRULE:FREQ=WEEKLY;BYDAY=WE;UNTIL={rrule_until}\r\n"),
        },
    );
    write_event(
        &mut s,
        &Ev {
            uid: "mentoring@demo".into(),
            title: "Mentoring: Mei",
            day: on(time::add_days(first_monday, 7), Weekday::Thursday),
            start: hm(9, 45),
            minutes: 45,
            attendees: vec![(TEAM[2].name, TEAM[2].email)],
            extra: format!("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;UNTIL={rrule_until}\r\n"),
        },
    );
    write_event(
        &mut s,
        &Ev {
            uid: "oncall@demo".into(),
            title: "On-call handover",
            day: first_monday,
            start: hm(12, 0),
            minutes: 30,
            attendees: team[..1].to_vec(),
            extra: format!("RRULE:FREQ=WEEKLY;INTERVAL=3;BYDAY=MO;UNTIL={rrule_until}\r\n"),
        },
    );

    // Solo blocks: focus, thinking, learning. Focus blocks are sometimes given up.
    let mut focus_extra = format!("RRULE:FREQ=WEEKLY;BYDAY=TU,TH;UNTIL={rrule_until}\r\n");
    for k in 0..WEEKS {
        if rng.chance(0.15) {
            let _ = write!(
                focus_extra,
                "EXDATE;TZID={DEMO_ZONE}:{}\r\n",
                stamp(
                    on(time::add_days(first_monday, 7 * k), Weekday::Tuesday),
                    hm(13, 0)
                )
            );
        }
    }
    write_event(
        &mut s,
        &Ev {
            uid: "focus@demo".into(),
            title: "Focus time",
            day: on(first_monday, Weekday::Tuesday),
            start: hm(13, 0),
            minutes: 150,
            attendees: vec![],
            extra: focus_extra,
        },
    );
    write_event(
        &mut s,
        &Ev {
            uid: "thinking@demo".into(),
            title: "Thinking time: next quarter",
            day: on(first_monday, Weekday::Friday),
            start: hm(13, 30),
            minutes: 60,
            attendees: vec![],
            extra: format!("RRULE:FREQ=WEEKLY;BYDAY=FR;UNTIL={rrule_until}\r\n"),
        },
    );
    write_event(
        &mut s,
        &Ev {
            uid: "learning@demo".into(),
            title: "Learning: distributed systems course",
            day: on(first_monday, Weekday::Friday),
            start: hm(16, 30),
            minutes: 60,
            attendees: vec![],
            extra: format!("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=FR;UNTIL={rrule_until}\r\n"),
        },
    );
    write_event(
        &mut s,
        &Ev {
            uid: "guild@demo".into(),
            title: "Backend guild",
            day: on(first_monday, Weekday::Tuesday),
            start: hm(17, 0),
            minutes: 45,
            attendees: team[2..5].to_vec(),
            extra: format!("RRULE:FREQ=MONTHLY;BYDAY=-1TU;UNTIL={rrule_until}\r\n"),
        },
    );

    // One-off events: incidents (some at night), postmortems, interviews, declined all-hands.
    let mut n = 0;
    let mut day = first_monday;
    while day <= today {
        let weekend = matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday);
        if rng.chance(if weekend { 0.02 } else { 0.06 }) {
            n += 1;
            let night = rng.chance(0.3);
            let start = if night { hm(21, 0) } else { hm(11, 0) };
            let title = format!(
                "Incident: payment retries failing (SEV{})",
                1 + rng.below(3)
            );
            write_event(
                &mut s,
                &Ev {
                    uid: format!("incident-{n}@demo"),
                    title: &title,
                    day,
                    start,
                    minutes: 60 + 30 * rng.below(4) as i64,
                    attendees: team[..2].to_vec(),
                    extra: String::new(),
                },
            );
            let review = time::add_days(day, 2 + rng.below(3) as i64);
            if !matches!(review.weekday(), Weekday::Saturday | Weekday::Sunday) {
                write_event(
                    &mut s,
                    &Ev {
                        uid: format!("postmortem-{n}@demo"),
                        title: "Incident review: payment retries",
                        day: review,
                        start: hm(15, 0),
                        minutes: 45,
                        attendees: team.clone(),
                        extra: String::new(),
                    },
                );
            }
        }
        if !weekend && rng.chance(0.08) {
            n += 1;
            write_event(
                &mut s,
                &Ev {
                    uid: format!("interview-{n}@demo"),
                    title: "Interview: senior backend engineer",
                    day,
                    start: hm(15, 30),
                    minutes: 60,
                    attendees: vec![("Recruiting", "recruiting@example.com")],
                    extra: String::new(),
                },
            );
            write_event(
                &mut s,
                &Ev {
                    uid: format!("debrief-{n}@demo"),
                    title: "Hiring debrief",
                    day,
                    start: hm(17, 0),
                    minutes: 30,
                    attendees: vec![
                        ("Recruiting", "recruiting@example.com"),
                        (MANAGER.name, MANAGER.email),
                    ],
                    extra: String::new(),
                },
            );
        }
        day = time::add_days(day, 1);
    }
    // A monthly all-hands the lead sometimes declines (declined time is not time spent).
    let _ = write!(
        s,
        "BEGIN:VEVENT\r\nUID:all-hands@demo\r\nDTSTAMP:20240101T000000Z\r\nSUMMARY:Company all-hands\r\nDTSTART;TZID={DEMO_ZONE}:{}\r\nDURATION:PT1H\r\nRRULE:FREQ=MONTHLY;BYDAY=-1FR;UNTIL={rrule_until}\r\nORGANIZER;CN=CEO:mailto:ceo@example.com\r\nATTENDEE;CN=Alex Rivera;PARTSTAT=DECLINED:mailto:{DEMO_EMAIL}\r\nATTENDEE;CN=Everyone:mailto:everyone@example.com\r\nEND:VEVENT\r\n",
        stamp(on(first_monday, Weekday::Friday), hm(17, 0))
    );
    s.push_str("END:VCALENDAR\r\n");
    s
}

/// The git history: the lead's commits cluster in focus blocks and quiet afternoons; the team
/// commits too (their commits are not the user's and are not counted).
fn history(rng: &mut Rng, first_monday: Date, today: Date, tz: &TimeZone) -> Vec<NewCommit> {
    let mut commits = Vec::new();
    let areas = [
        "retries", "ledger", "webhooks", "api", "billing", "tests", "ci",
    ];
    let verbs = [
        "Fix", "Add", "Refactor", "Speed up", "Document", "Simplify", "Test",
    ];
    let mut day = first_monday;
    let mut n = 0u64;
    while day <= today {
        let wd = day.weekday();
        let weekend = matches!(wd, Weekday::Saturday | Weekday::Sunday);
        let focus_day = matches!(wd, Weekday::Tuesday | Weekday::Thursday);
        let mine = if weekend {
            u64::from(rng.chance(0.08))
        } else if focus_day {
            2 + rng.below(4)
        } else {
            rng.below(3)
        };
        let mut slots: Vec<(String, String, Time)> = Vec::new();
        for _ in 0..mine {
            let at = if focus_day {
                hm(13 + rng.below(3) as i8, rng.below(60) as i8)
            } else {
                hm(10 + rng.below(9) as i8, rng.below(60) as i8)
            };
            slots.push(("Alex Rivera".into(), DEMO_EMAIL.into(), at));
        }
        if !weekend {
            for m in TEAM.iter().take(4) {
                if rng.chance(0.5) {
                    slots.push((
                        m.name.into(),
                        m.email.into(),
                        hm(9 + rng.below(9) as i8, rng.below(60) as i8),
                    ));
                }
            }
        }
        slots.sort_by_key(|s| s.2);
        for (name, email, at) in slots {
            n += 1;
            let when = time::local_instant(day, at, tz);
            let area = areas[rng.below(areas.len() as u64) as usize];
            let verb = verbs[rng.below(verbs.len() as u64) as usize];
            commits.push(NewCommit {
                author_name: name,
                author_email: email,
                time: when.as_second(),
                offset_seconds: when.to_zoned_datetime(tz.clone()).offset().seconds(),
                message: format!("{verb} {area} handling\n\nChange {n} of the payments service.\n"),
                files: vec![(format!("src/{area}.rs"), format!("// revision {n}\n"))],
            });
        }
        day = time::add_days(day, 1);
    }
    commits
}

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

const ACCOMPLISHMENTS: [&str; 8] = [
    "Shipped the retry fix with Jonas",
    "Ran a calm incident review",
    "Unblocked the ledger migration",
    "Got the roadmap agreed with product",
    "Paired with Mei on the caching layer",
    "Closed two old tech-debt items",
    "Gave Tomás specific feedback on his first design doc",
    "Kept both focus blocks",
];
const CHALLENGES: [&str; 6] = [
    "Too many ad-hoc requests on Wednesday",
    "Lost the Tuesday focus block to an escalation",
    "Estimates on the design doc were off again",
    "Hard conversation about on-call load",
    "Context switching between three projects",
    "Late evening incident",
];
const LEARNINGS: [&str; 6] = [
    "Saying 'let me get back to you' bought me a calmer week",
    "Writing the decision down first shortened the meeting",
    "Pairing onboards faster than code review",
    "Blocking Friday afternoon for thinking works",
    "Delegating the demo environment gave Aisha a chance to shine",
    "Smaller pull requests got reviewed within a day",
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
    rules: &Path,
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
    // The reflection rhythm: most weekly journals written, monthly check-ins, quarterly
    // self-assessments, with the facts of the period for the recent ones.
    for back in 1..=WEEKS {
        let monday = time::add_days(this_week, -7 * back);
        if rng.chance(0.15) {
            continue;
        }
        let period = period_of(Ritual::WeeklyJournal, monday);
        let body = EntryBody {
            sections: vec![
                (
                    "accomplishments".into(),
                    vec![pick(&ACCOMPLISHMENTS, rng), pick(&ACCOMPLISHMENTS, rng)],
                ),
                ("challenges".into(), vec![pick(&CHALLENGES, rng)]),
                ("learnings".into(), vec![pick(&LEARNINGS, rng)]),
            ],
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
    for _ in 0..11 {
        month = period_of(Ritual::MonthlyCheckIn, time::add_days(month, -1)).from;
        let period = period_of(Ritual::MonthlyCheckIn, month);
        let body = EntryBody {
            sections: vec![
                (
                    "progress".into(),
                    vec![
                        "Delegation: handed the release process to Priya".into(),
                        "Staff promotion case: two of four examples written".into(),
                    ],
                ),
                (
                    "skills".into(),
                    vec!["Practised giving feedback within a day of the event".into()],
                ),
                (
                    "adjustments".into(),
                    vec![pick(
                        &[
                            "Protect Friday thinking time",
                            "One fewer recurring meeting",
                            "Pair once a week",
                        ],
                        rng,
                    )],
                ),
            ],
            ..Default::default()
        };
        rituals::save(store, Ritual::MonthlyCheckIn, &period, body, Vec::new()).await?;
    }
    let mut quarter = period_of(Ritual::QuarterlyAssessment, today).from;
    for _ in 0..3 {
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
            sections: vec![
                (
                    "gaps".into(),
                    vec!["Delegating: I still take the hardest tickets myself".into()],
                ),
                (
                    "improvements".into(),
                    vec!["Hand one critical-path task to the team each sprint".into()],
                ),
                (
                    "feedback".into(),
                    vec![
                        "Asked Sam and Priya to rate me; they see my feedback as better than I do"
                            .into(),
                    ],
                ),
            ],
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

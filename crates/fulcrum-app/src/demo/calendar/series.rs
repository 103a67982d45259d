//! The lead's meetings: recurring series and one-off events.

use super::ics::{Cal, Change, Ev, Person, Repeat, Series};
use super::{FRI, MON, THU, TUE, WED, WEEKDAYS, hm, on, weekend};
use crate::demo::{MANAGER, PRODUCT, Rng, TEAM, people, texts};
use fulcrum_core::time;
use jiff::civil::{Date, Weekday};

/// Recurring series: standups, 1:1s (some moved, some cancelled), sprint rituals,
/// stakeholders, reviews, solo chores and focus blocks.
pub(super) fn series(cal: &mut Cal, rng: &mut Rng, first_monday: Date, until: Date) {
    let today = cal.today;
    let team: Vec<Person<'_>> = TEAM.iter().map(|t| (t.name, t.email)).collect();
    let platform = ("Ravi Menon", "platform-lead@example.com");

    cal.series(
        Series::new(
            "standup@demo",
            "Daily standup",
            first_monday,
            hm(9, 30),
            15,
            Repeat::Weekly(WEEKDAYS, 1),
        )
        .with(team.clone())
        .until(until),
    );

    // Bi-weekly 1:1s with each report; the newest joined nine weeks ago and is met weekly.
    let slots = [
        (Weekday::Monday, hm(14, 0)),
        (Weekday::Tuesday, hm(11, 0)),
        (Weekday::Wednesday, hm(10, 0)),
        (Weekday::Wednesday, hm(15, 0)),
        (Weekday::Thursday, hm(11, 0)),
        (Weekday::Friday, hm(10, 0)),
    ];
    const DAYS: [&[Weekday]; 5] = [MON, TUE, WED, THU, FRI];
    let uids: Vec<String> = (1..=TEAM.len())
        .map(|i| format!("one-on-one-{i}@demo"))
        .collect();
    let titles: Vec<String> = TEAM
        .iter()
        .map(|m| format!("{} / Alex 1:1", m.name.split(' ').next().unwrap_or(m.name)))
        .collect();
    for (i, (member, (wd, at))) in TEAM.iter().zip(slots).enumerate() {
        let new_joiner = i == TEAM.len() - 1;
        let (from, every) = if new_joiner {
            (on(people::new_joiner_start(today), wd), 1)
        } else {
            (on(time::add_days(first_monday, 7 * (i as i64 % 2)), wd), 2)
        };
        let mut s = Series::new(
            &uids[i],
            &titles[i],
            from,
            at,
            30,
            Repeat::Weekly(DAYS[wd.to_monday_zero_offset() as usize], every),
        )
        .with(vec![(member.name, member.email)])
        .until(until);
        for day in s.dates().into_iter().filter(|d| *d <= today) {
            if rng.chance(0.12) {
                // Moved to the next day an hour later (a Friday's to Thursday).
                let to = if wd == Weekday::Friday {
                    time::add_days(day, -1)
                } else {
                    time::add_days(day, 1)
                };
                if !cal.off.off(to) && to <= today {
                    s.changes
                        .insert(day, Change::Move(to, hm(at.hour() + 1, 0)));
                }
            } else if rng.chance(0.07) {
                s.changes.insert(day, Change::Cancel);
            }
        }
        cal.series(s);
    }

    cal.series(
        Series::new(
            "manager-1on1@demo",
            "1:1 with my manager (Sam)",
            first_monday,
            hm(16, 0),
            45,
            Repeat::Weekly(THU, 1),
        )
        .with(vec![(MANAGER.name, MANAGER.email)])
        .by((MANAGER.name, MANAGER.email))
        .until(until),
    );
    cal.series(
        Series::new(
            "planning@demo",
            "Sprint planning",
            first_monday,
            hm(10, 0),
            90,
            Repeat::Weekly(MON, 2),
        )
        .with(
            team.iter()
                .copied()
                .chain([(PRODUCT.name, PRODUCT.email)])
                .collect(),
        )
        .by((PRODUCT.name, PRODUCT.email))
        .until(until),
    );
    cal.series(
        Series::new(
            "retro@demo",
            "Sprint retro",
            time::add_days(first_monday, 7),
            hm(15, 0),
            60,
            Repeat::Weekly(FRI, 2),
        )
        .with(team.clone())
        .until(until),
    );
    cal.series(
        Series::new(
            "stakeholders@demo",
            "Payments stakeholder sync",
            first_monday,
            hm(14, 0),
            45,
            Repeat::Weekly(THU, 1),
        )
        .with(vec![
            (PRODUCT.name, PRODUCT.email),
            (MANAGER.name, MANAGER.email),
        ])
        .by((PRODUCT.name, PRODUCT.email))
        .until(until),
    );
    cal.series(
        Series::new(
            "roadmap@demo",
            "Roadmap review",
            first_monday,
            hm(13, 0),
            60,
            Repeat::Monthly(Weekday::Wednesday, 1),
        )
        .with(vec![
            (PRODUCT.name, PRODUCT.email),
            (MANAGER.name, MANAGER.email),
        ])
        .by((MANAGER.name, MANAGER.email))
        .until(until),
    );
    cal.series(
        Series::new(
            "architecture@demo",
            "Architecture review",
            first_monday,
            hm(16, 0),
            60,
            Repeat::Weekly(WED, 2),
        )
        .with(team[..3].to_vec())
        .until(until),
    );
    cal.series(
        Series::new(
            "pr-reviews@demo",
            "PR reviews",
            first_monday,
            hm(9, 45),
            30,
            Repeat::Weekly(WEEKDAYS, 1),
        )
        .until(until),
    );
    // Solo chores: the release notes until they were handed over, dependency updates and the
    // support queue (candidates to delegate).
    cal.series(
        Series::new(
            "release-notes@demo",
            "Release notes and changelog",
            first_monday,
            hm(16, 0),
            30,
            Repeat::Weekly(FRI, 1),
        )
        .until(people::release_handover(today)),
    );
    cal.series(
        Series::new(
            "dependency-updates@demo",
            "Dependency updates",
            first_monday,
            hm(17, 0),
            45,
            Repeat::Weekly(THU, 2),
        )
        .until(until),
    );
    cal.series(
        Series::new(
            "support-queue@demo",
            "Support queue triage",
            first_monday,
            hm(16, 30),
            30,
            Repeat::Weekly(MON, 1),
        )
        .until(until),
    );
    cal.series(
        Series::new(
            "pairing@demo",
            "Pairing with Jonas",
            first_monday,
            hm(14, 30),
            90,
            Repeat::Weekly(MON, 1),
        )
        .with(vec![(TEAM[1].name, TEAM[1].email)])
        .until(until),
    );
    cal.series(
        Series::new(
            "platform-sync@demo",
            "Platform cross-team sync",
            first_monday,
            hm(11, 30),
            45,
            Repeat::Weekly(TUE, 1),
        )
        .with(vec![
            platform,
            ("SRE lead", "sre-lead@example.com"),
            (PRODUCT.name, PRODUCT.email),
        ])
        .by(platform)
        .until(until),
    );
    cal.series(
        Series::new(
            "team-sync@demo",
            "Team sync",
            first_monday,
            hm(11, 0),
            45,
            Repeat::Weekly(WED, 1),
        )
        .with(team.clone())
        .until(until),
    );
    cal.series(
        Series::new(
            "mentoring@demo",
            "Mentoring: Mei",
            time::add_days(first_monday, 7),
            hm(9, 45),
            45,
            Repeat::Weekly(THU, 2),
        )
        .with(vec![(TEAM[2].name, TEAM[2].email)])
        .until(until),
    );
    cal.series(
        Series::new(
            "oncall@demo",
            "On-call handover",
            first_monday,
            hm(12, 0),
            30,
            Repeat::Weekly(MON, 3),
        )
        .with(team[..1].to_vec())
        .until(until),
    );

    // Solo blocks: focus, thinking, learning. The Tuesday focus block is sometimes given up;
    // the Thursday one goes to tech debt (the debt wall's allocation counts it).
    let mut focus = Series::new(
        "focus@demo",
        "Focus time",
        first_monday,
        hm(13, 0),
        150,
        Repeat::Weekly(TUE, 1),
    )
    .until(until);
    for k in 0..crate::demo::WEEKS {
        if rng.chance(0.15) {
            let tuesday = on(time::add_days(first_monday, 7 * k), Weekday::Tuesday);
            focus.changes.insert(tuesday, Change::Skip);
        }
    }
    cal.series(focus);
    cal.series(
        Series::new(
            "focus-debt@demo",
            "Focus: refactoring and cleanup",
            first_monday,
            hm(13, 0),
            150,
            Repeat::Weekly(THU, 1),
        )
        .until(until),
    );
    cal.series(
        Series::new(
            "thinking@demo",
            "Thinking time: next quarter",
            first_monday,
            hm(13, 30),
            60,
            Repeat::Weekly(FRI, 1),
        )
        .until(until),
    );
    cal.series(
        Series::new(
            "learning@demo",
            "Learning: distributed systems course",
            first_monday,
            hm(16, 30),
            60,
            Repeat::Weekly(FRI, 2),
        )
        .until(until),
    );
    cal.series(
        Series::new(
            "guild@demo",
            "Backend guild",
            first_monday,
            hm(17, 0),
            45,
            Repeat::Monthly(Weekday::Tuesday, -1),
        )
        .with(team[2..5].to_vec())
        .until(until),
    );
    // A monthly all-hands the lead declines (declined time is not time spent).
    let mut all_hands = Series::new(
        "all-hands@demo",
        "Company all-hands",
        first_monday,
        hm(17, 0),
        60,
        Repeat::Monthly(Weekday::Friday, -1),
    )
    .with(vec![("Everyone", "everyone@example.com")])
    .by(("CEO", "ceo@example.com"))
    .until(until);
    all_hands.answer = "DECLINED";
    cal.series(all_hands);
}

/// One-off events: incidents (some at night), their reviews, interviews and debriefs. None
/// falls on a day the lead is off.
pub(super) fn one_offs(cal: &mut Cal, rng: &mut Rng, first_monday: Date) {
    let team: Vec<Person<'_>> = TEAM.iter().map(|t| (t.name, t.email)).collect();
    let recruiting = ("Recruiting", "recruiting@example.com");
    let mut n = 0;
    let mut day = first_monday;
    while day <= cal.today {
        let saturday_or_sunday = weekend(day);
        let off = cal.off.off(day);
        if rng.chance(if saturday_or_sunday { 0.02 } else { 0.06 }) && !off {
            n += 1;
            let night = rng.chance(0.3);
            let start = if night { hm(21, 0) } else { hm(11, 0) };
            let area = texts::one(&texts::AREAS, rng);
            let title = format!(
                "Incident: {area} failures in payments (SEV{})",
                1 + rng.below(3)
            );
            let uid = format!("incident-{n}@demo");
            let minutes = 60 + 30 * rng.below(4) as i64;
            cal.one_off(&Ev {
                uid: &uid,
                title: &title,
                day,
                start,
                minutes,
                attendees: &team[..2],
                organizer: None,
                answer: "ACCEPTED",
                extra: String::new(),
            });
            let review = time::add_days(day, 2 + rng.below(3) as i64);
            if !weekend(review) && !cal.off.off(review) {
                let uid = format!("postmortem-{n}@demo");
                let title = format!("Incident review: {area} failures");
                cal.one_off(&Ev {
                    uid: &uid,
                    title: &title,
                    day: review,
                    start: hm(15, 0),
                    minutes: 45,
                    attendees: &team,
                    organizer: None,
                    answer: "ACCEPTED",
                    extra: String::new(),
                });
            }
        }
        if !saturday_or_sunday && !off && rng.chance(0.08) {
            n += 1;
            let uid = format!("interview-{n}@demo");
            cal.one_off(&Ev {
                uid: &uid,
                title: "Interview: senior backend engineer",
                day,
                start: hm(15, 30),
                minutes: 60,
                attendees: &[recruiting],
                organizer: Some(recruiting),
                answer: "ACCEPTED",
                extra: String::new(),
            });
            let uid = format!("debrief-{n}@demo");
            cal.one_off(&Ev {
                uid: &uid,
                title: "Hiring debrief",
                day,
                start: hm(17, 0),
                minutes: 30,
                attendees: &[recruiting, (MANAGER.name, MANAGER.email)],
                organizer: Some(recruiting),
                answer: "ACCEPTED",
                extra: String::new(),
            });
        }
        day = time::add_days(day, 1);
    }
}

//! The demo fills every module with a realistic year, through the same use cases users call.

mod common;

use fulcrum_app::demo;
use fulcrum_app::{delegation, feedback, inbox, onboarding, people, relationships};
use fulcrum_app::{rituals, weekly};
use fulcrum_core::privacy::Privacy;
use jiff::civil::date;

const TODAY: jiff::civil::Date = date(2026, 6, 10);

/// The demo's year up to 10 June 2026 (seed 3) in a fresh store.
async fn demo_year() -> (
    tempfile::TempDir,
    demo::Demo,
    Box<dyn fulcrum_store::Store>,
    jiff::Timestamp,
) {
    common::demo_year(3, TODAY).await
}

/// What the coach finds this week under `rule`.
async fn findings_of(
    store: &dyn fulcrum_store::Store,
    built: &demo::Demo,
    rule: &str,
    now: jiff::Timestamp,
) -> Vec<fulcrum_app::insights::Shown> {
    let period = fulcrum_app::report::Period::CurrentWeek;
    let list = fulcrum_app::insights::list(store, built.rules.as_path(), &period, true, now)
        .await
        .unwrap();
    let found = list.insights.into_iter();
    found.filter(|s| s.insight.rule == rule).collect()
}

#[tokio::test]
async fn the_demo_has_a_year_of_the_weekly_loop() {
    let (_dir, built, store, now) = demo_year().await;
    assert!(built.commits > 100);

    let tasks = weekly::list(store.as_ref(), true).await.unwrap();
    assert!(tasks.tasks.len() >= 30, "{}", tasks.tasks.len());
    let open = weekly::list(store.as_ref(), false).await.unwrap();
    assert!(open.tasks.iter().any(|t| t.quadrant.as_str() == "delegate"));
    assert!(open.tasks.iter().any(|t| t.quadrant.as_str() == "delete"));

    // Past weeks have plans with reviews; some work was dropped with a reason.
    let last_week = date(2026, 6, 1);
    let review = weekly::review_week(store.as_ref(), last_week, now)
        .await
        .unwrap();
    assert!(!review.review.in_progress);
    assert!(review.review.planned_minutes > 0);
    assert!(review.trend.len() >= 7, "{:?}", review.trend);
    assert!(
        review
            .trend
            .iter()
            .any(|p| p.done_share.is_some_and(|s| s > 0.0))
    );
    let this_week = weekly::propose(store.as_ref(), date(2026, 6, 8), now)
        .await
        .unwrap();
    assert!(this_week.free_minutes > 0);

    let asks = inbox::list(store.as_ref(), true, now).await.unwrap();
    assert_eq!(asks.items.len(), 6);
    assert_eq!(
        inbox::list(store.as_ref(), false, now)
            .await
            .unwrap()
            .items
            .len(),
        3
    );

    let status = rituals::status_all(store.as_ref(), now).await.unwrap();
    assert!(
        status[0].streak >= 1 || status[0].state == "done",
        "{:?}",
        status[0]
    );
    assert_eq!(status[2].streak, 3, "the last three quarters were assessed");
    let md = rituals::export_markdown(store.as_ref(), date(2026, 5, 1), date(2026, 6, 1))
        .await
        .unwrap();
    assert!(md.contains("## Weekly journal 2026-W"), "{md}");
    assert!(md.contains("## Monthly career check-in 2026-05"), "{md}");

    people_records(store.as_ref(), &built.rules, now).await;
}

/// The team: six reports, a manager, a stakeholder and a peer, with a year of records that
/// make every part of the people pages show something.
async fn people_records(
    store: &dyn fulcrum_store::Store,
    rules: &std::path::Path,
    now: jiff::Timestamp,
) {
    let o = people::overview(store, now).await.unwrap();
    assert_eq!(o.rows.len(), 9);
    let row = |name: &str| o.rows.iter().find(|r| r.person.name == name).unwrap();
    assert_eq!(row("Lars Eriksen").person.cadence_days, 7, "the new joiner");
    assert!(o.rows.iter().all(|r| r.person.private_notes.is_none()));

    let tomas = people::page(store, row("Tomás García").person.id, now, Privacy::Hide)
        .await
        .unwrap();
    assert!(tomas.quiet_streak >= 3, "{}", tomas.quiet_streak);
    assert!(
        tomas.signals.iter().any(|s| s.contains("brought nothing")),
        "{:?}",
        tomas.signals
    );
    assert!(tomas.balance.days_since_positive.unwrap() >= 42);
    let history = &tomas.one_on_ones.history;
    assert!(history.iter().filter(|e| e.note.is_some()).count() >= 8);
    assert!(history.iter().any(|e| {
        e.meeting
            .as_ref()
            .is_some_and(|m| m.state.as_str() == "upcoming")
    }));
    // Pairing sessions and on-call handovers with one person are not 1:1s.
    let jonas = people::one_on_ones(store, row("Jonas Weber").person.id, now, Privacy::Hide)
        .await
        .unwrap();
    assert!(
        jonas.one_on_ones.iter().all(|m| m.title.contains("1:1")),
        "{:?}",
        jonas
            .one_on_ones
            .iter()
            .map(|m| &m.title)
            .collect::<Vec<_>>()
    );
    let jonas_page = people::page(store, row("Jonas Weber").person.id, now, Privacy::Include)
        .await
        .unwrap();
    assert_eq!(jonas_page.trend.direction.as_str(), "falling");
    assert!(jonas_page.person.private_notes.is_some());

    let mine = feedback::mine(store, now).await.unwrap();
    assert_eq!(mine.themes[0].theme, "delegation");
    assert!(mine.themes[0].repeated);
    assert_eq!(mine.open_requests.len(), 1);
    let all = feedback::list(store, feedback::Filter::default(), now)
        .await
        .unwrap();
    assert!(all.items.len() > 40, "{}", all.items.len());
    assert_eq!(all.waiting.len(), 1, "one observation still to deliver");

    let d = delegation::list(store, true, None, now).await.unwrap();
    assert_eq!(d.items.len(), 7);
    let open: Vec<_> = d.items.iter().filter(|l| l.delegation.is_open()).collect();
    assert_eq!(open.len(), 3);
    assert!(
        open.iter().any(|l| !l.missing.is_empty()),
        "a draft still being prepared"
    );
    assert!(open.iter().any(|l| l.overdue_check_ins > 0));
    let c = delegation::candidates(store, rules, now).await.unwrap();
    let titles: Vec<&str> = c.recurring.iter().map(|x| x.title.as_str()).collect();
    assert!(
        titles.contains(&"PR reviews") && titles.contains(&"Support queue triage"),
        "{titles:?}"
    );
    assert!(
        !titles
            .iter()
            .any(|t| t.contains("Release notes") || t.contains("Focus"))
    );
    let v = delegation::vacation_test(store, rules, None, now)
        .await
        .unwrap();
    assert!(!v.passes);

    let r = relationships::overview(store, now).await.unwrap();
    let nudges: Vec<&str> = r
        .commitments
        .iter()
        .filter_map(|l| l.nudge.as_ref().map(|n| n.kind.as_str()))
        .collect();
    assert_eq!(nudges, ["slipped", "interim-update"]);
    assert_eq!(r.preps.len(), 2);

    let plans = onboarding::all(store, now).await.unwrap();
    assert_eq!(plans.len(), 1);
    let p = &plans[0].progress;
    assert!(p.percent > 50 && p.percent < 100, "{}", p.percent);
    assert_eq!(p.overdue.len(), 2);
}

/// The year a lead would recognise: public holidays, vacations and sick days off, notes that
/// read like notes, and weeks whose tracked time is a real week's.
#[tokio::test]
async fn the_demo_year_looks_like_a_real_one() {
    let (_dir, built, store, now) = demo_year().await;
    let today = TODAY;
    let first_monday = date(2025, 6, 16);
    let year = fulcrum_app::report::build(
        store.as_ref(),
        &built.rules,
        &fulcrum_app::report::Period::Dates {
            from: first_monday,
            to: date(2026, 6, 11),
        },
        now,
    )
    .await
    .unwrap();
    // The demo may be shown at any hour of today: nothing was committed or logged on it yet.
    let today_line = year.days.iter().find(|d| d.date == today).unwrap();
    assert_eq!(today_line.commits, 0);
    let tz = jiff::tz::TimeZone::get(demo::DEMO_ZONE).unwrap();
    let from_today = fulcrum_core::time::day_start(today, &tz).as_second();
    assert!(
        store
            .manual_entries_between(from_today, i64::MAX / 2)
            .await
            .unwrap()
            .is_empty()
    );
    holidays_are_days_off(&year);
    vacations_and_sick_days_are_days_off(&year);
    notes_do_not_repeat(store.as_ref()).await;
    weeks_are_a_leads_weeks(store.as_ref(), &built.rules, &year, now).await;
}

/// A day off holds no tracked time, meeting or commit.
fn assert_day_off(d: &fulcrum_core::report::DayLine, kind: &str) {
    assert!(!d.working_day, "{} {kind}: {d:?}", d.date);
    assert_eq!(d.meetings, 0, "{} {kind}", d.date);
    assert_eq!(d.commits, 0, "{} {kind}", d.date);
    assert!(
        d.minutes_by_category.is_empty(),
        "{} {kind}: {:?}",
        d.date,
        d.minutes_by_category
    );
}

/// Berlin's public holidays in the demo's year (Easter 2026 is 5 April).
fn holidays_are_days_off(year: &fulcrum_core::report::Report) {
    let holidays = [
        (date(2025, 10, 3), "Tag der Deutschen Einheit"),
        (date(2025, 12, 25), "1. Weihnachtstag"),
        (date(2025, 12, 26), "2. Weihnachtstag"),
        (date(2026, 1, 1), "Neujahr"),
        (date(2026, 3, 8), "Internationaler Frauentag"),
        (date(2026, 4, 3), "Karfreitag"),
        (date(2026, 4, 6), "Ostermontag"),
        (date(2026, 5, 1), "Tag der Arbeit"),
        (date(2026, 5, 14), "Christi Himmelfahrt"),
        (date(2026, 5, 25), "Pfingstmontag"),
    ];
    for (day, name) in holidays {
        let d = year.days.iter().find(|d| d.date == day).unwrap();
        let away = d.away.as_deref().unwrap_or_default();
        assert!(
            away.contains("holiday") && away.contains(name),
            "{day}: {away:?}"
        );
        assert_day_off(d, name);
    }
    let marked = year
        .days
        .iter()
        .filter(|d| {
            d.away
                .as_deref()
                .is_some_and(|a| a.contains("Public holiday"))
        })
        .count();
    assert_eq!(marked, holidays.len(), "no other day is a public holiday");
}

/// Two vacations of a week or more and a few sick days, nothing tracked on any of them.
fn vacations_and_sick_days_are_days_off(year: &fulcrum_core::report::Report) {
    let is = |d: &fulcrum_core::report::DayLine, word: &str| {
        d.away.as_deref().is_some_and(|a| a.contains(word))
    };
    let mut runs: Vec<(jiff::civil::Date, i64)> = Vec::new();
    for d in year.days.iter().filter(|d| is(d, "Vacation")) {
        assert_day_off(d, "vacation");
        match runs.last_mut() {
            Some((start, len)) if fulcrum_core::time::add_days(*start, *len) == d.date => *len += 1,
            _ => runs.push((d.date, 1)),
        }
    }
    assert_eq!(runs.len(), 2, "{runs:?}");
    assert!(runs.iter().all(|(_, len)| *len >= 7), "{runs:?}");
    assert!(
        runs.iter().any(|(_, len)| *len >= 14),
        "a summer break: {runs:?}"
    );
    let sick: Vec<_> = year.days.iter().filter(|d| is(d, "Sick")).collect();
    assert!((2..=4).contains(&sick.len()), "{}", sick.len());
    for d in sick {
        assert!(!matches!(d.weekday.as_str(), "sat" | "sun"), "{}", d.date);
        assert_day_off(d, "sick");
    }
}

/// Notes are written, not copied: 1:1 notes and journal entries never repeat word for word,
/// observations and feedback hardly ever.
async fn notes_do_not_repeat(store: &dyn fulcrum_store::Store) {
    use std::collections::HashSet;
    fn distinct<T: std::hash::Hash + Eq>(items: Vec<T>) -> (usize, usize) {
        let n = items.len();
        (items.into_iter().collect::<HashSet<_>>().len(), n)
    }
    /// The texts of the records that have one.
    fn texts<T>(records: Vec<T>, text: impl Fn(T) -> Option<String>) -> Vec<String> {
        records.into_iter().filter_map(text).collect()
    }
    /// Each entry of `ritual`, written out.
    async fn entries(
        store: &dyn fulcrum_store::Store,
        ritual: fulcrum_core::rituals::Ritual,
    ) -> Vec<String> {
        store
            .entries(&fulcrum_store::OwnerKey::local(), ritual)
            .await
            .unwrap()
            .iter()
            .map(|e| format!("{:?}", e.body.sections))
            .collect()
    }
    let notes = texts(store.notes().await.unwrap(), |n| n.shared_notes);
    assert!(notes.len() > 60, "{}", notes.len());
    let (unique, n) = distinct(notes);
    assert_eq!(unique, n, "every 1:1 note is its own");
    let journal = entries(store, fulcrum_core::rituals::Ritual::WeeklyJournal).await;
    assert!(journal.len() > 30, "{}", journal.len());
    let (unique, n) = distinct(journal);
    assert_eq!(unique, n, "every journal entry is its own");
    for ritual in [
        fulcrum_core::rituals::Ritual::MonthlyCheckIn,
        fulcrum_core::rituals::Ritual::QuarterlyAssessment,
    ] {
        let (unique, n) = distinct(entries(store, ritual).await);
        assert_eq!(unique, n, "{ritual:?}");
    }
    let observed = texts(store.observations().await.unwrap(), |o| o.note);
    assert!(observed.len() > 40, "{}", observed.len());
    let (unique, n) = distinct(observed);
    assert!(unique * 100 >= n * 95, "{unique} of {n} observations");
    let given: Vec<(String, String, String)> = store
        .feedback()
        .await
        .unwrap()
        .into_iter()
        .filter(|f| f.direction == fulcrum_core::feedback::Direction::Given)
        .map(|f| (f.situation, f.behaviour, f.impact))
        .collect();
    let (unique, n) = distinct(given);
    assert!(unique * 100 >= n * 95, "{unique} of {n} feedback");
}

/// Every full working week of the year tracks 30–45 hours, never all of its working time, and
/// a few entries logged by hand.
async fn weeks_are_a_leads_weeks(
    store: &dyn fulcrum_store::Store,
    rules: &std::path::Path,
    year: &fulcrum_core::report::Report,
    now: jiff::Timestamp,
) {
    use fulcrum_core::time;
    let tz = jiff::tz::TimeZone::get(demo::DEMO_ZONE).unwrap();
    let this_week = time::week_start(year.to);
    let mut checked = 0;
    let mut titles = std::collections::HashSet::new();
    let mut monday = year.from;
    while monday < time::add_days(this_week, -6) {
        let days: Vec<_> = year
            .days
            .iter()
            .filter(|d| d.date >= monday && d.date < time::add_days(monday, 5))
            .collect();
        let next = time::add_days(monday, 7);
        let entries = store
            .manual_entries_between(
                time::day_start(monday, &tz).as_second(),
                time::day_start(next, &tz).as_second(),
            )
            .await
            .unwrap();
        titles.extend(entries.iter().map(|e| e.title.clone()));
        if days.iter().all(|d| d.working_day) {
            checked += 1;
            let week = fulcrum_app::report::build(
                store,
                rules,
                &fulcrum_app::report::Period::Week(monday),
                now,
            )
            .await
            .unwrap();
            let t = &week.totals;
            assert!(
                (30 * 60..=45 * 60).contains(&t.minutes),
                "{monday}: {} h {} min tracked",
                t.minutes / 60,
                t.minutes % 60
            );
            assert!(t.untracked_minutes > 0, "{monday}: {t:?}");
            assert!(
                (1..=6).contains(&entries.len()),
                "{monday}: {} manual entries",
                entries.len()
            );
        }
        monday = next;
    }
    assert!(checked >= 30, "{checked} full weeks");
    assert!(titles.len() >= 6, "{titles:?}");
}

#[tokio::test]
async fn the_audit_compares_with_the_asked_role_else_a_plans_target_else_staff() {
    use fulcrum_app::career::audit_role;
    use fulcrum_app::growth::{self, NewPlan};
    use fulcrum_core::career::Role;
    let (_dir, _built, store, now) = demo_year().await;
    let s = store.as_ref();
    assert_eq!(audit_role(s, Some("tpm"), now).await.unwrap(), Role::Tpm);
    assert!(audit_role(s, Some("astronaut"), now).await.is_err());

    // With no active plan naming a role, staff engineer.
    for p in growth::list_plans(s, false, now).await.unwrap() {
        growth::archive_plan(s, p.id, now).await.unwrap();
    }
    assert_eq!(audit_role(s, None, now).await.unwrap(), Role::Staff);

    // An active plan toward management makes it the default; an asked role still wins.
    let plan = NewPlan {
        goal: "Try managing a team".into(),
        why: "To see whether people work is mine".into(),
        success: vec!["Ran the team's 1:1s for a quarter".into()],
        target_role: Some("engineering-manager".into()),
        ..NewPlan::default()
    };
    growth::add_plan(s, plan, now).await.unwrap();
    assert_eq!(
        audit_role(s, None, now).await.unwrap(),
        Role::EngineeringManager
    );
    assert_eq!(
        audit_role(s, Some(" "), now).await.unwrap(),
        Role::EngineeringManager
    );
    assert_eq!(
        audit_role(s, Some("staff"), now).await.unwrap(),
        Role::Staff
    );
}

#[tokio::test]
async fn the_demo_has_a_deploy_log_and_three_incidents_with_postmortems() {
    use fulcrum_core::delivery::{Deploy, DeployStatus};
    use fulcrum_core::incidents::{Incident, PostmortemState};
    use fulcrum_store::Records;
    let (_dir, built, store, now) = demo_year().await;
    let deploys: Vec<Deploy> = store
        .all::<Deploy>()
        .await
        .unwrap()
        .into_iter()
        .map(|d| d.record)
        .collect();
    // A few a week over the year, some failing.
    assert!((100..=200).contains(&deploys.len()), "{}", deploys.len());
    let failed = deploys
        .iter()
        .filter(|d| d.status == DeployStatus::Failure)
        .count();
    assert!((3..=30).contains(&failed), "{failed}");
    let incidents = store.all::<Incident>().await.unwrap();
    assert_eq!(incidents.len(), 3);
    let severities: std::collections::BTreeSet<u8> =
        incidents.iter().map(|i| i.record.severity).collect();
    assert_eq!(severities.len(), 3, "different severities");
    for i in &incidents {
        assert_eq!(i.record.postmortem_state(), PostmortemState::Written);
        assert!(i.record.owner.is_some() && !i.record.solvers.is_empty());
        assert!(i.record.timeline.len() >= 3);
    }
    // One was caused by a deployment the log holds, and its commit is in the repository, so
    // the lead time of the deployments is measured.
    let caused = incidents
        .iter()
        .find_map(|i| i.record.deploy.clone())
        .expect("an incident caused by a deployment");
    assert!(deploys.iter().any(|d| d.commit == caused));
    let year = fulcrum_app::delivery::dora(
        store.as_ref(),
        Some(date(2025, 6, 11)),
        Some(date(2026, 6, 9)),
        None,
        now,
    )
    .await
    .unwrap();
    assert_eq!(year.unmeasured_deployments, 0);
    assert!(year.dora.lead_time_median_hours.count > 0);
    // The coach raises the overdue action, on its incident.
    let overdue = findings_of(store.as_ref(), &built, "postmortem-action-overdue", now).await;
    assert_eq!(overdue.len(), 1, "{overdue:#?}");
}

#[tokio::test]
async fn the_demo_has_a_risk_log_the_coach_reads() {
    use fulcrum_core::incidents::Incident;
    use fulcrum_core::risks::{Band, Status, Strategy};
    use fulcrum_store::Records;
    let (_dir, built, store, now) = demo_year().await;
    let risks = fulcrum_app::risks::list(store.as_ref(), None, None, now)
        .await
        .unwrap();
    assert!((6..=8).contains(&risks.len()), "{}", risks.len());
    let bands: std::collections::BTreeSet<Band> = risks.iter().map(|r| r.band).collect();
    assert_eq!(bands.len(), 3, "every band");
    let strategies: std::collections::BTreeSet<Strategy> =
        risks.iter().filter_map(|r| r.strategy).collect();
    assert_eq!(strategies.len(), 4, "every strategy");
    assert!(risks.iter().any(|r| !r.told.is_empty()));
    // The one that happened is linked to the payouts incident.
    let happened = risks
        .iter()
        .find(|r| r.status == Status::Happened)
        .expect("a risk that happened");
    let incident = store
        .get::<Incident>(happened.incident.unwrap())
        .await
        .unwrap();
    assert!(
        incident.record.title.contains("Payouts"),
        "{}",
        incident.record.title
    );
    // The coach: one accepted risk past its review, one medium risk nobody owns.
    for rule in ["risk-review-due", "risk-unowned"] {
        let found = findings_of(store.as_ref(), &built, rule, now).await;
        assert_eq!(found.len(), 1, "{rule}: {found:#?}");
    }
}

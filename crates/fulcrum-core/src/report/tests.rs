use super::*;
use crate::profile::RolePreset;
use jiff::civil::date;

fn profile() -> Profile {
    Profile::new(
        vec!["me@example.com".into()],
        "Europe/Berlin",
        RolePreset::TechLead,
    )
    .unwrap()
}

fn at(d: Date, h: i8, m: i8) -> Timestamp {
    time::local_instant(d, jiff::civil::Time::constant(h, m, 0, 0), &profile().tz())
}

fn act(d: Date, from: (i8, i8), to: (i8, i8), cat: Category, kind: ActivityKind) -> Activity {
    Activity {
        start: at(d, from.0, from.1),
        end: at(d, to.0, to.1),
        title: format!("{cat} {kind:?}"),
        category: cat,
        kind,
        source: "test".into(),
        rule: "test".into(),
        others: u32::from(kind == ActivityKind::Meeting),
        one_on_one: cat == Category::Lead,
    }
}

fn report(acts: &[Activity], commits: &[Timestamp], from: Date, to: Date) -> Report {
    let p = profile();
    build(&ReportInput {
        profile: &p,
        from,
        to,
        activities: acts,
        commits,
        now: Timestamp::MAX,
        trend_weeks: 2,
    })
}

fn cat_minutes(r: &Report, c: Category) -> i64 {
    r.categories
        .iter()
        .find(|l| l.category == c)
        .unwrap()
        .minutes
}

#[test]
fn a_working_day_is_measured_as_a_person_would() {
    let d = date(2026, 11, 23);
    let acts = vec![
        act(d, (10, 0), (11, 0), Category::Lead, ActivityKind::Meeting),
        act(d, (11, 15), (12, 0), Category::Align, ActivityKind::Meeting),
        act(d, (13, 0), (16, 0), Category::Build, ActivityKind::Block),
        act(d, (12, 30), (14, 0), Category::Build, ActivityKind::Coding),
        act(d, (19, 0), (20, 0), Category::Align, ActivityKind::Meeting),
    ];
    let r = report(&acts, &[], d, time::add_days(d, 1));
    assert_eq!(cat_minutes(&r, Category::Build), 210);
    assert_eq!(cat_minutes(&r, Category::Lead), 60);
    assert_eq!(cat_minutes(&r, Category::Align), 105);
    let day = &r.days[0];
    assert_eq!(day.meeting_minutes, 165);
    assert_eq!(day.meetings, 3);
    assert_eq!(day.one_on_ones, 1);
    assert_eq!((day.fragments, day.fragmented_minutes), (1, 15));
    assert_eq!(day.longest_focus_minutes, 360);
    assert_eq!(day.focus_minutes, 360);
    assert_eq!(day.after_hours_minutes, 60);
    assert_eq!(r.totals.minutes, 375);
    let build = r
        .categories
        .iter()
        .find(|l| l.category == Category::Build)
        .unwrap();
    assert!((build.share - 210.0 / 375.0).abs() < 1e-3);
    assert_eq!(build.target_min, Some(0.30));
    assert_eq!(build.status, "within");
}

#[test]
fn overlapping_meetings_are_counted_once() {
    let d = date(2026, 11, 24);
    let acts = vec![
        act(d, (10, 0), (11, 0), Category::Align, ActivityKind::Meeting),
        act(d, (10, 30), (11, 30), Category::Lead, ActivityKind::Meeting),
        act(d, (9, 0), (12, 0), Category::Build, ActivityKind::Coding),
    ];
    let r = report(&acts, &[], d, time::add_days(d, 1));
    assert_eq!(r.totals.minutes, 180);
    assert_eq!(r.days[0].meeting_minutes, 90);
    assert_eq!(cat_minutes(&r, Category::Build), 90);
    assert_eq!(
        cat_minutes(&r, Category::Align) + cat_minutes(&r, Category::Lead),
        90
    );
}

#[test]
fn commits_are_counted_on_the_local_day() {
    let sunday = date(2026, 11, 22);
    // 23:30 UTC on Sunday is 00:30 on Monday in Berlin.
    let late = "2026-11-22T23:30:00Z".parse::<Timestamp>().unwrap();
    let early = "2026-11-22T22:30:00Z".parse::<Timestamp>().unwrap();
    let r = report(&[], &[late, early], sunday, time::add_days(sunday, 2));
    assert_eq!((r.days[0].commits, r.days[1].commits), (1, 1));
    assert_eq!(r.totals.commits, 2);
    assert_eq!(r.totals.coding_days, 2);
}

#[test]
fn weekends_count_as_after_hours() {
    let sat = date(2026, 11, 28);
    let acts = vec![act(
        sat,
        (10, 0),
        (12, 0),
        Category::Build,
        ActivityKind::Coding,
    )];
    let r = report(&acts, &[], sat, time::add_days(sat, 1));
    assert!(!r.days[0].working_day);
    assert_eq!(r.totals.after_hours_minutes, 120);
    assert_eq!(r.totals.weekend_minutes, 120);
    assert_eq!(r.totals.working_days, 0);
}

#[test]
fn personal_time_is_not_work_and_breaks_focus() {
    let d = date(2026, 11, 25);
    let acts = vec![act(
        d,
        (12, 0),
        (13, 0),
        Category::Personal,
        ActivityKind::Block,
    )];
    let r = report(&acts, &[], d, time::add_days(d, 1));
    assert_eq!(r.days[0].longest_focus_minutes, 300);
    assert_eq!(r.days[0].after_hours_minutes, 0);
    assert_eq!(r.totals.work_minutes, 0);
}

#[test]
fn the_future_is_not_counted() {
    let d = date(2026, 11, 26);
    let acts = vec![
        act(d, (9, 0), (10, 0), Category::Align, ActivityKind::Meeting),
        act(d, (15, 0), (16, 0), Category::Align, ActivityKind::Meeting),
    ];
    let p = profile();
    let r = build(&ReportInput {
        profile: &p,
        from: d,
        to: time::add_days(d, 1),
        activities: &acts,
        commits: &[],
        now: at(d, 12, 0),
        trend_weeks: 1,
    });
    assert_eq!(r.totals.meeting_minutes, 60);
    assert_eq!(r.days[0].meetings, 1);
    assert_eq!(r.days[0].longest_focus_minutes, 120);
    assert_eq!(r.trend[0].minutes, 60);
}

#[test]
fn a_dst_day_has_its_real_length() {
    // Europe/Berlin falls back on 2026-10-25: 25 hours. A meeting from 01:30 to 03:30 local
    // spans three real hours.
    let p = profile();
    let tz = p.tz();
    let d = date(2026, 10, 25);
    let start = "2026-10-24T23:30:00Z".parse::<Timestamp>().unwrap(); // 01:30 CEST
    let end = "2026-10-25T02:30:00Z".parse::<Timestamp>().unwrap(); // 03:30 CET
    assert_eq!(time::local_date(end, &tz), d);
    let mut a = act(d, (9, 0), (10, 0), Category::Operate, ActivityKind::Meeting);
    a.start = start;
    a.end = end;
    let r = report(&[a], &[], d, time::add_days(d, 1));
    assert_eq!(r.days[0].meeting_minutes, 180);
    assert_eq!(r.days[0].after_hours_minutes, 180);
}

#[test]
fn trend_covers_whole_weeks_ending_with_the_report() {
    let mon = date(2026, 11, 23);
    let prev = date(2026, 11, 17);
    let acts = vec![
        act(
            prev,
            (10, 0),
            (11, 0),
            Category::Lead,
            ActivityKind::Meeting,
        ),
        act(mon, (10, 0), (12, 0), Category::Build, ActivityKind::Block),
    ];
    let r = report(&acts, &[], mon, time::add_days(mon, 7));
    assert_eq!(r.trend.len(), 2);
    assert_eq!(r.trend[0].week, "2026-W47");
    assert_eq!(
        r.trend[0].minutes_by_category.get(&Category::Lead),
        Some(&60)
    );
    assert_eq!(r.trend[1].week, "2026-W48");
    assert_eq!(r.trend[1].minutes, 120);
}

#[test]
fn out_of_range_categories_need_attention() {
    let d = date(2026, 11, 23);
    let acts = vec![act(
        d,
        (9, 0),
        (17, 0),
        Category::Align,
        ActivityKind::Meeting,
    )];
    let r = report(&acts, &[], d, time::add_days(d, 1));
    let kinds: Vec<_> = r.attention.iter().map(|a| a.kind).collect();
    assert!(kinds.contains(&"above target"), "{kinds:?}");
    assert!(kinds.contains(&"no focus block"), "{kinds:?}");
    assert!(
        r.attention
            .iter()
            .any(|a| a.message.starts_with("align is 100.0 %"))
    );
}

#[test]
fn the_heatmap_puts_meeting_minutes_in_their_local_hour() {
    let mon = date(2026, 11, 23);
    let acts = vec![
        act(
            mon,
            (9, 30),
            (10, 30),
            Category::Lead,
            ActivityKind::Meeting,
        ),
        act(
            mon,
            (10, 0),
            (10, 15),
            Category::Align,
            ActivityKind::Meeting,
        ),
        act(
            time::add_days(mon, 3),
            (14, 0),
            (14, 45),
            Category::Align,
            ActivityKind::Meeting,
        ),
        act(mon, (13, 0), (15, 0), Category::Build, ActivityKind::Block),
    ];
    let h = meeting_heatmap(
        &acts,
        &profile().tz(),
        mon,
        time::add_days(mon, 7),
        Timestamp::MAX,
    );
    assert_eq!(h.minutes[0][9], 30);
    assert_eq!(h.minutes[0][10], 30, "overlapping meetings count once");
    assert_eq!(h.minutes[3][14], 45);
    assert_eq!(h.minutes[0][13], 0, "solo blocks are not meetings");
    assert_eq!(h.minutes.iter().flatten().sum::<i64>(), 105);
}

use super::*;
use crate::test_support::profile;
use ActivityKind::{Block, Coding, Meeting};
use Category::{Align, Build, Lead, Operate, Personal};
use jiff::civil::date;

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
        others: u32::from(kind == Meeting),
        one_on_one: cat == Lead,
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
        day_marks: &BTreeMap::new(),
    })
}

/// The report of day `d` alone, with one activity in it.
fn one_activity_day(
    d: Date,
    from: (i8, i8),
    to: (i8, i8),
    cat: Category,
    kind: ActivityKind,
) -> Report {
    report(&[act(d, from, to, cat, kind)], &[], d, time::add_days(d, 1))
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
        act(d, (10, 0), (11, 0), Lead, Meeting),
        act(d, (11, 15), (12, 0), Align, Meeting),
        act(d, (13, 0), (16, 0), Build, Block),
        act(d, (12, 30), (14, 0), Build, Coding),
        act(d, (19, 0), (20, 0), Align, Meeting),
    ];
    let r = report(&acts, &[], d, time::add_days(d, 1));
    assert_eq!(cat_minutes(&r, Build), 210);
    assert_eq!(cat_minutes(&r, Lead), 60);
    assert_eq!(cat_minutes(&r, Align), 105);
    let day = &r.days[0];
    assert_eq!(day.meeting_minutes, 165);
    assert_eq!(day.meetings, 3);
    assert_eq!(day.one_on_ones, 1);
    assert_eq!((day.fragments, day.fragmented_minutes), (1, 15));
    assert_eq!(day.longest_focus_minutes, 360);
    assert_eq!(day.focus_minutes, 360);
    assert_eq!(day.after_hours_minutes, 60);
    assert_eq!(r.totals.minutes, 375);
    let build = r.categories.iter().find(|l| l.category == Build).unwrap();
    assert!((build.share - 210.0 / 375.0).abs() < 1e-3);
    assert_eq!(build.target_min, Some(0.30));
    assert_eq!(build.status, "within");
}

#[test]
fn overlapping_meetings_are_counted_once() {
    let d = date(2026, 11, 24);
    let acts = vec![
        act(d, (10, 0), (11, 0), Align, Meeting),
        act(d, (10, 30), (11, 30), Lead, Meeting),
        act(d, (9, 0), (12, 0), Build, Coding),
    ];
    let r = report(&acts, &[], d, time::add_days(d, 1));
    assert_eq!(r.totals.minutes, 180);
    assert_eq!(r.days[0].meeting_minutes, 90);
    assert_eq!(cat_minutes(&r, Build), 90);
    assert_eq!(cat_minutes(&r, Align) + cat_minutes(&r, Lead), 90);
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
    let r = one_activity_day(sat, (10, 0), (12, 0), Build, Coding);
    assert!(!r.days[0].working_day);
    assert_eq!(r.totals.after_hours_minutes, 120);
    assert_eq!(r.totals.weekend_minutes, 120);
    assert_eq!(r.totals.working_days, 0);
}

#[test]
fn personal_time_is_not_work_and_breaks_focus() {
    let d = date(2026, 11, 25);
    let r = one_activity_day(d, (12, 0), (13, 0), Personal, Block);
    assert_eq!(r.days[0].longest_focus_minutes, 300);
    assert_eq!(r.days[0].after_hours_minutes, 0);
    assert_eq!(r.totals.work_minutes, 0);
}

#[test]
fn the_future_is_not_counted() {
    let d = date(2026, 11, 26);
    let acts = vec![
        act(d, (9, 0), (10, 0), Align, Meeting),
        act(d, (15, 0), (16, 0), Align, Meeting),
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
        day_marks: &BTreeMap::new(),
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
    let mut a = act(d, (9, 0), (10, 0), Operate, Meeting);
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
        act(prev, (10, 0), (11, 0), Lead, Meeting),
        act(mon, (10, 0), (12, 0), Build, Block),
    ];
    let r = report(&acts, &[], mon, time::add_days(mon, 7));
    assert_eq!(r.trend.len(), 2);
    assert_eq!(r.trend[0].week, "2026-W47");
    assert_eq!(r.trend[0].minutes_by_category.get(&Lead), Some(&60));
    assert_eq!(r.trend[1].week, "2026-W48");
    assert_eq!(r.trend[1].minutes, 120);
}

#[test]
fn out_of_range_categories_need_attention() {
    let d = date(2026, 11, 23);
    let r = one_activity_day(d, (9, 0), (17, 0), Align, Meeting);
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
        act(mon, (9, 30), (10, 30), Lead, Meeting),
        act(mon, (10, 0), (10, 15), Align, Meeting),
        act(time::add_days(mon, 3), (14, 0), (14, 45), Align, Meeting),
        act(mon, (13, 0), (15, 0), Build, Block),
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

struct Run<'a> {
    profile: Profile,
    acts: &'a [Activity],
    commits: &'a [Timestamp],
    from: Date,
    days: i64,
    now: Timestamp,
    marks: BTreeMap<Date, DayMark>,
}

impl<'a> Run<'a> {
    fn week(monday: Date, acts: &'a [Activity]) -> Run<'a> {
        Run {
            profile: profile(),
            acts,
            commits: &[],
            from: monday,
            days: 7,
            now: Timestamp::MAX,
            marks: BTreeMap::new(),
        }
    }

    fn build(&self) -> Report {
        build(&ReportInput {
            profile: &self.profile,
            from: self.from,
            to: time::add_days(self.from, self.days),
            activities: self.acts,
            commits: self.commits,
            now: self.now,
            trend_weeks: 1,
            day_marks: &self.marks,
        })
    }
}

#[test]
fn a_day_away_has_no_working_time_focus_or_after_hours() {
    let mon = date(2026, 11, 30);
    let tue = time::add_days(mon, 1);
    let acts = vec![
        act(tue, (10, 0), (11, 0), Build, Coding),
        act(time::add_days(mon, 2), (10, 0), (11, 0), Align, Meeting),
    ];
    let mut run = Run::week(mon, &acts);
    run.marks.insert(
        tue,
        DayMark::Away {
            title: "Vacation".into(),
        },
    );
    let r = run.build();
    let day = &r.days[1];
    assert_eq!(day.away.as_deref(), Some("Vacation"));
    assert!(!day.working_day);
    assert_eq!(
        (
            day.working_minutes,
            day.focus_minutes,
            day.after_hours_minutes
        ),
        (0, 0, 0)
    );
    assert_eq!(day.untracked_minutes, 0);
    assert_eq!(r.totals.days_away, 1);
    assert_eq!(r.totals.working_days, 4);
    // Four working days of nine hours, less the one-hour meeting.
    assert_eq!(r.totals.working_minutes, 4 * 9 * 60);
    assert_eq!(r.totals.untracked_minutes, 4 * 9 * 60 - 60);
    assert!(r.attention.iter().all(|a| a.kind != "after hours"));
}

#[test]
fn untracked_working_time_is_its_own_line_and_may_be_the_share_basis() {
    let d = date(2026, 11, 30);
    let acts = vec![
        act(d, (9, 0), (10, 0), Align, Meeting),
        act(d, (10, 0), (12, 0), Build, Coding),
        act(d, (19, 0), (20, 0), Build, Coding),
    ];
    let mut run = Run::week(d, &acts);
    run.days = 1;
    let r = run.build();
    assert_eq!(r.days[0].working_minutes, 9 * 60);
    assert_eq!(
        r.days[0].untracked_minutes,
        6 * 60,
        "after-hours work covers no working time"
    );
    assert_eq!(r.untracked.minutes, 360);
    assert_eq!(r.untracked.share_of_working, 0.6667);
    assert_eq!(r.shares_of, "tracked");
    let share = |r: &Report, c| r.categories.iter().find(|l| l.category == c).unwrap().share;
    assert_eq!(share(&r, Align), 0.25);
    run.profile.shares_of = SharesOf::Working;
    let r = run.build();
    assert_eq!(r.shares_of, "working");
    assert_eq!(share(&r, Align), 0.1);
}

#[test]
fn a_week_in_progress_is_judged_on_what_has_passed_and_says_so() {
    let mon = date(2026, 11, 30);
    let tue = time::add_days(mon, 1);
    let acts = vec![act(mon, (9, 0), (18, 0), Align, Meeting)];
    let mut run = Run::week(mon, &acts);
    run.now = at(tue, 12, 0);
    let r = run.build();
    assert_eq!(r.progress.state, "in progress");
    assert_eq!(r.progress.label, "Mon–Tue so far");
    assert!(r.progress.judged);
    assert_eq!(r.progress.elapsed_working_minutes, 9 * 60 + 3 * 60);

    // Two hours into Monday: too early to call anything below or above target.
    run.now = at(mon, 11, 0);
    let r = run.build();
    assert_eq!(r.progress.label, "Mon so far");
    assert!(!r.progress.judged);
    assert!(
        r.categories.iter().all(|c| c.status == "too early"),
        "{:?}",
        r.categories
    );
    assert!(r.attention.is_empty(), "{:?}", r.attention);

    run.now = at(time::add_days(mon, 8), 0, 0);
    let r = run.build();
    assert_eq!(r.progress.state, "complete");
    assert!(r.ahead.is_none());
}

#[test]
fn the_week_ahead_shows_scheduled_meetings_and_the_focus_still_free() {
    let mon = date(2026, 12, 7);
    let wed = time::add_days(mon, 2);
    let acts = vec![
        act(mon, (9, 0), (10, 0), Lead, Meeting),
        act(mon, (14, 0), (15, 0), Align, Meeting),
        act(mon, (12, 0), (13, 0), Personal, Block),
        act(wed, (10, 0), (12, 0), Build, Block),
    ];
    let mut run = Run::week(mon, &acts);
    run.now = at(time::add_days(mon, -3), 12, 0);
    let r = run.build();
    assert_eq!(r.progress.state, "not started");
    assert_eq!(r.totals.minutes, 0, "nothing is spent yet");
    let ahead = r.ahead.expect("a future week has a week ahead");
    assert_eq!(ahead.meetings.len(), 2);
    assert_eq!(ahead.days.len(), 7);
    let monday = &ahead.days[0];
    assert_eq!((monday.meetings, monday.meeting_minutes), (2, 120));
    // 10–12 (120) and 15–18 (180) are long enough; 13–14 is not.
    assert_eq!(monday.free_focus_minutes, 300);
    assert_eq!(monday.longest_free_minutes, 180);
    // A planned focus block is still free focus time.
    assert_eq!(ahead.days[2].free_focus_minutes, 9 * 60);
    assert_eq!(ahead.days[5].free_focus_minutes, 0, "Saturday is off");
    assert_eq!(ahead.meeting_minutes, 120);
}

#[test]
fn the_week_ahead_starts_now_in_a_week_in_progress() {
    let mon = date(2026, 11, 30);
    let acts = vec![
        act(mon, (9, 0), (10, 0), Align, Meeting),
        act(mon, (16, 0), (17, 0), Align, Meeting),
    ];
    let mut run = Run::week(mon, &acts);
    run.now = at(mon, 12, 0);
    let mut marks = BTreeMap::new();
    marks.insert(
        time::add_days(mon, 1),
        DayMark::Away {
            title: "PTO".into(),
        },
    );
    run.marks = marks;
    let r = run.build();
    let ahead = r.ahead.unwrap();
    assert_eq!(ahead.meetings.len(), 1, "the 9:00 meeting has happened");
    assert_eq!(ahead.days[0].free_focus_minutes, 240, "12–16");
    assert_eq!(ahead.days[1].away.as_deref(), Some("PTO"));
    assert_eq!(ahead.days[1].free_focus_minutes, 0);
}

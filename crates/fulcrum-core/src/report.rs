//! The balance report: where the time of a date range went, held against the user's targets.
//!
//! Activities may overlap (a double-booked afternoon, a coding session around a meeting). Each
//! second is given to exactly one activity — the one whose kind weighs most (a meeting beats a
//! solo block beats an estimated coding session) — so category minutes never add up to more
//! than the time that passed.

use crate::activity::{Activity, ActivityKind, Interval, subtract, union};
use crate::away::DayMark;
use crate::category::Category;
use crate::profile::{Profile, SharesOf};
use crate::time;
use crate::words::capitalised;
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::Serialize;
use std::collections::BTreeMap;

/// What a report is built from. Activities must already carry their category.
pub struct ReportInput<'a> {
    pub profile: &'a Profile,
    /// First local date of the range.
    pub from: Date,
    /// Local date after the range (exclusive).
    pub to: Date,
    pub activities: &'a [Activity],
    /// The instants of the user's commits (for per-day counts).
    pub commits: &'a [Timestamp],
    /// Time after this has not happened yet and is not counted.
    pub now: Timestamp,
    /// How many weeks of trend to include, ending with the week of `to - 1 day`.
    pub trend_weeks: usize,
    /// Days the calendar marks away or at a conference (`away::day_marks`).
    pub day_marks: &'a BTreeMap<Date, DayMark>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub from: Date,
    pub to: Date,
    pub timezone: String,
    pub categories: Vec<CategoryLine>,
    pub days: Vec<DayLine>,
    pub totals: Totals,
    pub trend: Vec<TrendWeek>,
    pub attention: Vec<Attention>,
    /// What category shares are fractions of: "tracked" or "working".
    pub shares_of: &'static str,
    /// A meeting-free stretch counts as focus from this many minutes on.
    pub focus_block_minutes: i64,
    /// Working time no activity covers.
    pub untracked: Untracked,
    /// How much of the period has happened, and whether it is judged yet.
    pub progress: Progress,
    /// What is scheduled for the part of the period that has not happened: present when the
    /// period reaches past now.
    pub ahead: Option<Ahead>,
    /// The phase the period was marked with (its targets are the ones judged), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phase: Option<crate::insights::Phase>,
}

/// Working time (inside working hours, on days not away, already passed) that no activity
/// covers: the part of the week the calendar and git do not explain.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Untracked {
    pub minutes: i64,
    /// Fraction (0–1) of working time.
    pub share_of_working: f64,
}

/// Where `now` falls in the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    /// "complete", "in progress" or "not started".
    pub state: &'static str,
    /// For people: "Mon–Tue so far", "not started: scheduled only", or "" when complete.
    pub label: String,
    /// Working minutes that have passed (days away left out).
    pub elapsed_working_minutes: i64,
    /// Whether targets are judged: at least one working day has passed. Before that every
    /// category's status is "too early" and nothing is flagged for attention.
    pub judged: bool,
}

/// The scheduled, not yet spent, part of the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ahead {
    /// The first instant counted as ahead (now, or the period's start).
    pub from: Timestamp,
    pub days: Vec<AheadDay>,
    pub meetings: Vec<ScheduledMeeting>,
    pub meeting_minutes: i64,
    pub free_focus_minutes: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AheadDay {
    pub date: Date,
    pub weekday: String,
    pub working_day: bool,
    pub away: Option<String>,
    pub meetings: u32,
    pub meeting_minutes: i64,
    /// Meeting-free stretches of at least the focus length left inside working hours.
    pub free_focus_minutes: i64,
    pub longest_free_minutes: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScheduledMeeting {
    pub start: Timestamp,
    pub end: Timestamp,
    pub title: String,
    pub category: Category,
    pub one_on_one: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryLine {
    pub category: Category,
    pub minutes: i64,
    /// Fraction (0–1) of tracked minutes, or of working time (tracked plus untracked) when
    /// the report's `shares_of` is "working".
    pub share: f64,
    /// Target range as fractions (0–1); null when the user set none.
    pub target_min: Option<f64>,
    pub target_max: Option<f64>,
    /// "below", "within", "above" or "no target".
    pub status: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayLine {
    pub date: Date,
    pub weekday: String,
    /// A day with working hours that is not marked away.
    pub working_day: bool,
    /// The all-day event that marks the day away, if one does.
    pub away: Option<String>,
    /// Working hours of the day that have passed (0 on days away).
    pub working_minutes: i64,
    /// Of those, the minutes no activity covers.
    pub untracked_minutes: i64,
    pub meeting_minutes: i64,
    pub meetings: u32,
    pub one_on_ones: u32,
    /// Minutes inside working hours in meeting-free stretches of at least the focus length.
    pub focus_minutes: i64,
    /// The longest meeting-free stretch inside working hours.
    pub longest_focus_minutes: i64,
    /// Gaps shorter than the fragment length between two meetings.
    pub fragments: u32,
    pub fragmented_minutes: i64,
    /// Work outside working hours (the whole day when it is not a working day).
    pub after_hours_minutes: i64,
    pub commits: u32,
    pub minutes_by_category: BTreeMap<Category, i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Totals {
    pub minutes: i64,
    pub work_minutes: i64,
    pub meeting_minutes: i64,
    pub meetings: u32,
    pub one_on_ones: u32,
    pub focus_minutes: i64,
    pub longest_focus_minutes: i64,
    pub working_days: u32,
    pub working_days_without_focus: u32,
    pub fragments: u32,
    pub fragmented_minutes: i64,
    pub after_hours_minutes: i64,
    pub weekend_minutes: i64,
    pub commits: u32,
    pub coding_days: u32,
    pub working_minutes: i64,
    pub untracked_minutes: i64,
    pub days_away: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendWeek {
    pub week: String,
    pub from: Date,
    pub minutes: i64,
    pub minutes_by_category: BTreeMap<Category, i64>,
    pub meeting_minutes: i64,
    pub commits: u32,
}

/// Something in the report that is out of line with the user's own targets.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attention {
    pub kind: &'static str,
    pub message: String,
}

/// A piece of time given to one activity (index into the input).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Segment {
    pub(crate) span: Interval,
    pub(crate) activity: usize,
}

pub fn build(input: &ReportInput<'_>) -> Report {
    let tz = input.profile.tz();
    let range = Interval::new(
        time::day_start(input.from, &tz),
        time::day_start(input.to, &tz),
    );
    let counted = Interval::new(range.start, range.end.min(input.now).max(range.start));
    let segments = attribute(input.activities, counted);
    let index = DayIndex::new(input);

    let days: Vec<DayLine> = time::dates(input.from, input.to)
        .map(|d| day_line(input, &tz, d, &segments, &index))
        .collect();
    let totals = totals(&days);
    let progress = progress(input, &tz, &days, range);
    let untracked_secs = totals.untracked_minutes * 60;
    let mut categories = category_lines(input.profile, &segments, input.activities, untracked_secs);
    if !progress.judged {
        for c in &mut categories {
            c.status = "too early";
        }
    }
    let trend = trend(input, &tz);
    let attention = if progress.judged {
        let today = time::local_date(input.now, &tz);
        attention(input.profile, &categories, &days, today)
    } else {
        Vec::new()
    };
    let untracked = Untracked {
        minutes: totals.untracked_minutes,
        share_of_working: ratio(totals.untracked_minutes, totals.working_minutes),
    };
    Report {
        from: input.from,
        to: input.to,
        timezone: input.profile.timezone.clone(),
        categories,
        days,
        totals,
        trend,
        attention,
        shares_of: input.profile.shares_of.as_str(),
        focus_block_minutes: input.profile.focus_block_minutes,
        untracked,
        progress,
        ahead: ahead(input, &tz, range),
        phase: None,
    }
}

fn ratio(part: i64, whole: i64) -> f64 {
    if whole > 0 {
        ((part as f64 / whole as f64) * 10_000.0).round() / 10_000.0
    } else {
        0.0
    }
}

/// The minutes of an ordinary working day, for "has a working day of data passed": the
/// shortest working day the profile has (so a short Friday still counts as one).
fn working_day_minutes(p: &Profile) -> i64 {
    (0..7)
        .filter_map(|i| p.working_hours.hours(i))
        .map(|(a, b)| {
            let m = |t: jiff::civil::Time| i64::from(t.hour()) * 60 + i64::from(t.minute());
            m(b) - m(a)
        })
        .filter(|&m| m > 0)
        .min()
        .unwrap_or(8 * 60)
}

fn progress(input: &ReportInput<'_>, tz: &TimeZone, days: &[DayLine], range: Interval) -> Progress {
    let elapsed: i64 = days.iter().map(|d| d.working_minutes).sum();
    let judged = elapsed >= working_day_minutes(input.profile);
    let (state, label) = if input.now >= range.end {
        ("complete", String::new())
    } else if input.now <= range.start {
        ("not started", "not started: scheduled only".to_string())
    } else {
        let today = time::local_date(input.now, tz);
        let name = |d: Date| {
            capitalised(crate::profile::WEEKDAY_NAMES[d.weekday().to_monday_zero_offset() as usize])
        };
        let label = if today == input.from {
            format!("{} so far", name(today))
        } else if time::days_between(input.from, input.to) <= 7 {
            format!("{}–{} so far", name(input.from), name(today))
        } else {
            format!("{} – {today} so far", input.from)
        };
        ("in progress", label)
    };
    Progress {
        state,
        label,
        elapsed_working_minutes: elapsed,
        judged,
    }
}

/// The scheduled part of the period: meetings and the focus time still free, from now on.
fn ahead(input: &ReportInput<'_>, tz: &TimeZone, range: Interval) -> Option<Ahead> {
    if input.now >= range.end {
        return None;
    }
    let p = input.profile;
    let from = input.now.max(range.start);
    let rest = Interval::new(from, range.end);
    let mut meetings: Vec<ScheduledMeeting> = Vec::new();
    let mut breakers: Vec<Interval> = Vec::new();
    for a in input.activities {
        let Some(part) = a.interval().clip(&rest) else {
            continue;
        };
        if a.is_meeting() {
            breakers.push(part);
            if a.start >= from {
                meetings.push(ScheduledMeeting {
                    start: a.start,
                    end: a.end,
                    title: a.title.clone(),
                    category: a.category,
                    one_on_one: a.one_on_one,
                });
            }
        } else if !a.category.is_work() {
            breakers.push(part);
        }
    }
    meetings.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.title.cmp(&b.title)));
    let breakers = union(breakers);
    let first_day = time::local_date(from, tz);
    let days: Vec<AheadDay> = time::dates(first_day.max(input.from), input.to)
        .map(|date| {
            let DayFrame { day, away, work } = DayFrame::of(input, tz, date);
            let in_day: Vec<&ScheduledMeeting> = meetings
                .iter()
                .filter(|m| m.start >= day.start && m.start < day.end)
                .collect();
            let meeting_secs: i64 = union(
                in_day
                    .iter()
                    .filter_map(|m| Interval::new(m.start, m.end).clip(&day))
                    .collect(),
            )
            .iter()
            .map(Interval::seconds)
            .sum();
            let (mut free, mut longest) = (0, 0);
            if let Some(w) = work.and_then(|w| w.clip(&rest)) {
                for stretch in subtract(w, &breakers) {
                    let m = minutes(stretch.seconds());
                    longest = longest.max(m);
                    if m >= p.focus_block_minutes {
                        free += m;
                    }
                }
            }
            AheadDay {
                date,
                weekday: crate::profile::WEEKDAY_NAMES
                    [date.weekday().to_monday_zero_offset() as usize]
                    .to_string(),
                working_day: work.is_some(),
                away,
                meetings: in_day.len() as u32,
                meeting_minutes: minutes(meeting_secs),
                free_focus_minutes: free,
                longest_free_minutes: longest,
            }
        })
        .collect();
    Some(Ahead {
        from,
        meeting_minutes: days.iter().map(|d| d.meeting_minutes).sum(),
        free_focus_minutes: days.iter().map(|d| d.free_focus_minutes).sum(),
        days,
        meetings,
    })
}

/// Splits `range` into disjoint segments, each owned by the heaviest activity covering it.
pub(crate) fn attribute(activities: &[Activity], range: Interval) -> Vec<Segment> {
    let mut points: Vec<Timestamp> = Vec::with_capacity(activities.len() * 2);
    let mut live: Vec<usize> = Vec::new();
    for (i, a) in activities.iter().enumerate() {
        if let Some(c) = a.interval().clip(&range) {
            points.push(c.start);
            points.push(c.end);
            live.push(i);
        }
    }
    points.sort_unstable();
    points.dedup();
    // Activities sorted by start let the sweep keep only those that may still cover a point.
    live.sort_by_key(|&i| activities[i].start);
    let mut out: Vec<Segment> = Vec::new();
    let mut next = 0;
    let mut active: Vec<usize> = Vec::new();
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        while next < live.len() && activities[live[next]].start <= a {
            active.push(live[next]);
            next += 1;
        }
        active.retain(|&i| activities[i].end > a);
        let winner = active.iter().copied().max_by(|&x, &y| {
            let (ax, ay) = (&activities[x], &activities[y]);
            ax.kind
                .weight()
                .cmp(&ay.kind.weight())
                // Among equals the shorter, more specific activity wins, then the earlier one.
                .then_with(|| ay.interval().seconds().cmp(&ax.interval().seconds()))
                .then_with(|| y.cmp(&x))
        });
        if let Some(w) = winner {
            match out.last_mut() {
                Some(s) if s.activity == w && s.span.end == a => s.span.end = b,
                _ => out.push(Segment {
                    span: Interval::new(a, b),
                    activity: w,
                }),
            }
        }
    }
    out
}

/// Commits and meeting starts sorted by time, so each day finds its own by binary search and
/// a report's cost grows with its data and its days, never with their product.
struct DayIndex {
    commits: Vec<Timestamp>,
    /// Start and 1:1 flag of every meeting that has started by `now`.
    meetings: Vec<(Timestamp, bool)>,
}

impl DayIndex {
    fn new(input: &ReportInput<'_>) -> DayIndex {
        let mut commits = input.commits.to_vec();
        commits.sort_unstable();
        let mut meetings: Vec<(Timestamp, bool)> = input
            .activities
            .iter()
            .filter(|a| a.is_meeting() && a.start < input.now)
            .map(|a| (a.start, a.one_on_one))
            .collect();
        meetings.sort_unstable();
        DayIndex { commits, meetings }
    }

    fn commits_in(&self, span: Interval) -> u32 {
        let lo = self.commits.partition_point(|&c| c < span.start);
        let hi = self.commits.partition_point(|&c| c < span.end);
        (hi - lo) as u32
    }

    fn meetings_in(&self, span: Interval) -> &[(Timestamp, bool)] {
        let lo = self.meetings.partition_point(|m| m.0 < span.start);
        let hi = self.meetings.partition_point(|m| m.0 < span.end);
        &self.meetings[lo..hi]
    }
}

/// The segments overlapping `span`; `segments` are disjoint and in time order.
fn segments_in(segments: &[Segment], span: Interval) -> &[Segment] {
    let lo = segments.partition_point(|s| s.span.end <= span.start);
    let hi = lo + segments[lo..].partition_point(|s| s.span.start < span.end);
    &segments[lo..hi]
}

fn minutes(seconds: i64) -> i64 {
    (seconds + 30) / 60
}

/// One local day of the period: its span, the away title the calendar gives it, and
/// its working hours (none on a day away).
struct DayFrame {
    day: Interval,
    away: Option<String>,
    work: Option<Interval>,
}

impl DayFrame {
    fn of(input: &ReportInput<'_>, tz: &TimeZone, date: Date) -> DayFrame {
        let day = Interval::new(
            time::day_start(date, tz),
            time::day_start(time::add_days(date, 1), tz),
        );
        let away = input.day_marks.get(&date).and_then(|m| match m {
            DayMark::Away { title } => Some(title.clone()),
            DayMark::Conference { .. } => None,
        });
        let work = if away.is_some() {
            None
        } else {
            input.profile.working_hours.span_on(date, tz)
        };
        DayFrame { day, away, work }
    }
}

fn day_line(
    input: &ReportInput<'_>,
    tz: &TimeZone,
    date: Date,
    segments: &[Segment],
    index: &DayIndex,
) -> DayLine {
    let p = input.profile;
    let acts = input.activities;
    let DayFrame {
        day,
        away,
        work: work_span,
    } = DayFrame::of(input, tz, date);
    let mut covered = Vec::new();
    let mut by_cat: BTreeMap<Category, i64> = BTreeMap::new();
    let mut after_hours = 0;
    let mut meeting_spans = Vec::new();
    let mut breakers = Vec::new();
    for s in segments_in(segments, day) {
        let Some(part) = s.span.clip(&day) else {
            continue;
        };
        let a = &acts[s.activity];
        *by_cat.entry(a.category).or_default() += part.seconds();
        covered.push(part);
        // Work on a day away is not after-hours: the day has no hours to be after.
        if a.category.is_work() && away.is_none() {
            let inside = work_span.map_or(0, |w| part.overlap_seconds(&w));
            after_hours += part.seconds() - inside;
        }
        if a.kind == ActivityKind::Meeting {
            meeting_spans.push(part);
        }
        // Focus is broken by meetings and by time that is not work at all.
        if a.kind == ActivityKind::Meeting || !a.category.is_work() {
            breakers.push(part);
        }
    }
    let meetings_in_day = index.meetings_in(day);

    // Focus: meeting-free stretches of working time that have already happened.
    let (mut focus, mut longest) = (0, 0);
    let passed = work_span.and_then(|w| w.clip(&Interval::new(w.start, w.end.min(input.now))));
    let (working, untracked) = passed.map_or((0, 0), |w| {
        let gaps: i64 = subtract(w, &union(covered))
            .iter()
            .map(Interval::seconds)
            .sum();
        (w.seconds(), gaps)
    });
    if let Some(w) = passed {
        for free in subtract(w, &union(breakers)) {
            let m = minutes(free.seconds());
            longest = longest.max(m);
            if m >= p.focus_block_minutes {
                focus += m;
            }
        }
    }
    let (fragments, fragmented) = fragments(&union(meeting_spans.clone()), p.fragment_gap_minutes);
    DayLine {
        date,
        weekday: crate::profile::WEEKDAY_NAMES[date.weekday().to_monday_zero_offset() as usize]
            .to_string(),
        working_day: work_span.is_some(),
        away,
        working_minutes: minutes(working),
        untracked_minutes: minutes(untracked),
        meeting_minutes: minutes(meeting_spans.iter().map(Interval::seconds).sum()),
        meetings: meetings_in_day.len() as u32,
        one_on_ones: meetings_in_day.iter().filter(|m| m.1).count() as u32,
        focus_minutes: focus,
        longest_focus_minutes: longest,
        fragments,
        fragmented_minutes: fragmented,
        after_hours_minutes: minutes(after_hours),
        commits: index.commits_in(day),
        minutes_by_category: by_cat.into_iter().map(|(c, s)| (c, minutes(s))).collect(),
    }
}

/// Gaps between consecutive meetings that are too short to do real work in.
fn fragments(meetings: &[Interval], max_gap_minutes: i64) -> (u32, i64) {
    let mut count = 0;
    let mut total = 0;
    for w in meetings.windows(2) {
        let gap = w[1].start.as_second() - w[0].end.as_second();
        if gap > 0 && gap < max_gap_minutes * 60 {
            count += 1;
            total += gap;
        }
    }
    (count, minutes(total))
}

fn category_lines(
    p: &Profile,
    segments: &[Segment],
    acts: &[Activity],
    untracked_secs: i64,
) -> Vec<CategoryLine> {
    let mut secs: BTreeMap<Category, i64> = BTreeMap::new();
    for s in segments {
        *secs.entry(acts[s.activity].category).or_default() += s.span.seconds();
    }
    let tracked: i64 = secs.values().sum();
    let total = match p.shares_of {
        SharesOf::Tracked => tracked,
        SharesOf::Working => tracked + untracked_secs,
    };
    Category::ALL
        .into_iter()
        .map(|c| {
            let sec = secs.get(&c).copied().unwrap_or(0);
            let share = if total > 0 {
                sec as f64 / total as f64
            } else {
                0.0
            };
            let target = p.target(c);
            let status = match target {
                None => "no target",
                Some(t) if share * 100.0 + 1e-9 < t.min_percent => "below",
                Some(t) if share * 100.0 - 1e-9 > t.max_percent => "above",
                Some(_) => "within",
            };
            CategoryLine {
                category: c,
                minutes: minutes(sec),
                share: (share * 10_000.0).round() / 10_000.0,
                target_min: target.map(|t| t.min_percent / 100.0),
                target_max: target.map(|t| t.max_percent / 100.0),
                status,
            }
        })
        .collect()
}

fn totals(days: &[DayLine]) -> Totals {
    let sum = |f: fn(&DayLine) -> i64| days.iter().map(f).sum::<i64>();
    let working: Vec<&DayLine> = days.iter().filter(|d| d.working_day).collect();
    let work_minutes = days
        .iter()
        .flat_map(|d| d.minutes_by_category.iter())
        .filter(|(c, _)| c.is_work())
        .map(|(_, m)| m)
        .sum();
    Totals {
        minutes: days
            .iter()
            .flat_map(|d| d.minutes_by_category.values())
            .sum(),
        work_minutes,
        meeting_minutes: sum(|d| d.meeting_minutes),
        meetings: days.iter().map(|d| d.meetings).sum(),
        one_on_ones: days.iter().map(|d| d.one_on_ones).sum(),
        focus_minutes: sum(|d| d.focus_minutes),
        longest_focus_minutes: days
            .iter()
            .map(|d| d.longest_focus_minutes)
            .max()
            .unwrap_or(0),
        working_days: working.len() as u32,
        working_days_without_focus: working.iter().filter(|d| d.focus_minutes == 0).count() as u32,
        fragments: days.iter().map(|d| d.fragments).sum(),
        fragmented_minutes: sum(|d| d.fragmented_minutes),
        after_hours_minutes: sum(|d| d.after_hours_minutes),
        weekend_minutes: days
            .iter()
            .filter(|d| !d.working_day)
            .map(|d| d.after_hours_minutes)
            .sum(),
        commits: days.iter().map(|d| d.commits).sum(),
        coding_days: days.iter().filter(|d| d.commits > 0).count() as u32,
        working_minutes: sum(|d| d.working_minutes),
        untracked_minutes: sum(|d| d.untracked_minutes),
        days_away: days.iter().filter(|d| d.away.is_some()).count() as u32,
    }
}

/// Category minutes per ISO week for the `trend_weeks` weeks ending with the report's last week.
fn trend(input: &ReportInput<'_>, tz: &TimeZone) -> Vec<TrendWeek> {
    if input.trend_weeks == 0 {
        return Vec::new();
    }
    let last_day = time::add_days(input.to, -1).max(input.from);
    let last_week = time::week_start(last_day);
    let first_week = time::add_days(last_week, -7 * (input.trend_weeks as i64 - 1));
    let end = time::add_days(last_week, 7);
    let range = Interval::new(
        time::day_start(first_week, tz),
        time::day_start(end, tz).min(input.now),
    );
    let segments = if range.is_empty() {
        Vec::new()
    } else {
        attribute(input.activities, range)
    };
    (0..input.trend_weeks)
        .map(|w| {
            let monday = time::add_days(first_week, 7 * w as i64);
            let span = Interval::new(
                time::day_start(monday, tz),
                time::day_start(time::add_days(monday, 7), tz),
            );
            let mut by_cat: BTreeMap<Category, i64> = BTreeMap::new();
            let mut meeting = 0;
            for s in &segments {
                let sec = s.span.overlap_seconds(&span);
                if sec > 0 {
                    let a = &input.activities[s.activity];
                    *by_cat.entry(a.category).or_default() += sec;
                    if a.is_meeting() {
                        meeting += sec;
                    }
                }
            }
            TrendWeek {
                week: time::iso_week_label(monday),
                from: monday,
                minutes: minutes(by_cat.values().sum()),
                minutes_by_category: by_cat.into_iter().map(|(c, s)| (c, minutes(s))).collect(),
                meeting_minutes: minutes(meeting),
                commits: input
                    .commits
                    .iter()
                    .filter(|&&c| c >= span.start && c < span.end)
                    .count() as u32,
            }
        })
        .collect()
}

/// `today` is the local date of now: a day not over yet is not called focus-less.
fn attention(p: &Profile, cats: &[CategoryLine], days: &[DayLine], today: Date) -> Vec<Attention> {
    let mut out = Vec::new();
    let tracked: i64 = cats.iter().map(|c| c.minutes).sum();
    if tracked == 0 {
        return out;
    }
    for c in cats {
        let (Some(min), Some(max)) = (c.target_min, c.target_max) else {
            continue;
        };
        let pct = c.share * 100.0;
        match c.status {
            "below" => out.push(Attention {
                kind: "below target",
                message: format!(
                    "{} is {:.1} % of your time, under your target of {:.0}–{:.0} %",
                    c.category,
                    pct,
                    min * 100.0,
                    max * 100.0
                ),
            }),
            "above" => out.push(Attention {
                kind: "above target",
                message: format!(
                    "{} is {:.1} % of your time, over your target of {:.0}–{:.0} %",
                    c.category,
                    pct,
                    min * 100.0,
                    max * 100.0
                ),
            }),
            _ => {}
        }
    }
    let no_focus: Vec<String> = days
        .iter()
        .filter(|d| {
            d.working_day
                && d.date < today
                && d.focus_minutes == 0
                && (d.longest_focus_minutes > 0 || d.meeting_minutes > 0)
        })
        .map(|d| d.date.to_string())
        .collect();
    if !no_focus.is_empty() {
        out.push(Attention {
            kind: "no focus block",
            message: format!(
                "no meeting-free stretch of {} minutes on {}",
                p.focus_block_minutes,
                no_focus.join(", ")
            ),
        });
    }
    let after: i64 = days.iter().map(|d| d.after_hours_minutes).sum();
    if after >= 120 {
        out.push(Attention {
            kind: "after hours",
            message: format!(
                "{} h {:02} min of work outside your working hours",
                after / 60,
                after % 60
            ),
        });
    }
    out
}

/// Meeting minutes per weekday (Monday first) and local hour of the day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Heatmap {
    pub from: Date,
    pub to: Date,
    /// `minutes[weekday][hour]`.
    pub minutes: Vec<Vec<i64>>,
}

/// Where in the week meetings sit, over `[from, to)`: each meeting minute lands in the cell
/// of its local weekday and hour (a meeting across DST or midnight is split correctly).
pub fn meeting_heatmap(
    activities: &[Activity],
    tz: &TimeZone,
    from: Date,
    to: Date,
    now: Timestamp,
) -> Heatmap {
    let range = Interval::new(time::day_start(from, tz), time::day_start(to, tz).min(now));
    let mut minutes = vec![vec![0i64; 24]; 7];
    let meetings = union(
        activities
            .iter()
            .filter(|a| a.is_meeting())
            .filter_map(|a| a.interval().clip(&range))
            .collect(),
    );
    for m in meetings {
        let mut t = m.start;
        while t < m.end {
            let local = t.to_zoned_datetime(tz.clone());
            // The end of this local hour, as an instant.
            let next_hour = local
                .datetime()
                .checked_add(jiff::SignedDuration::from_hours(1))
                .map(|dt| {
                    dt.with()
                        .minute(0)
                        .second(0)
                        .subsec_nanosecond(0)
                        .build()
                        .unwrap_or(dt)
                })
                .ok()
                .and_then(|dt| tz.to_timestamp(dt).ok())
                .filter(|n| *n > t)
                .unwrap_or_else(|| {
                    t.checked_add(jiff::SignedDuration::from_hours(1))
                        .unwrap_or(m.end)
                });
            let end = next_hour.min(m.end);
            let day = local.date().weekday().to_monday_zero_offset() as usize;
            minutes[day][local.hour() as usize] += (end.as_second() - t.as_second()) / 60;
            t = end;
        }
    }
    Heatmap { from, to, minutes }
}

#[cfg(test)]
mod tests;

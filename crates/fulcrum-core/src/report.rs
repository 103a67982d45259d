//! The balance report: where the time of a date range went, held against the user's targets.
//!
//! Activities may overlap (a double-booked afternoon, a coding session around a meeting). Each
//! second is given to exactly one activity — the one whose kind weighs most (a meeting beats a
//! solo block beats an estimated coding session) — so category minutes never add up to more
//! than the time that passed.

use crate::activity::{Activity, ActivityKind, Interval, subtract, union};
use crate::category::Category;
use crate::profile::Profile;
use crate::time;
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
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryLine {
    pub category: Category,
    pub minutes: i64,
    /// Fraction (0–1) of all tracked minutes.
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
    pub working_day: bool,
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
struct Segment {
    span: Interval,
    activity: usize,
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
    let categories = category_lines(input.profile, &segments, input.activities);
    let totals = totals(&days);
    let trend = trend(input, &tz);
    let attention = attention(input.profile, &categories, &days);
    Report {
        from: input.from,
        to: input.to,
        timezone: input.profile.timezone.clone(),
        categories,
        days,
        totals,
        trend,
        attention,
    }
}

/// Splits `range` into disjoint segments, each owned by the heaviest activity covering it.
fn attribute(activities: &[Activity], range: Interval) -> Vec<Segment> {
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

fn day_line(
    input: &ReportInput<'_>,
    tz: &TimeZone,
    date: Date,
    segments: &[Segment],
    index: &DayIndex,
) -> DayLine {
    let p = input.profile;
    let acts = input.activities;
    let day = Interval::new(
        time::day_start(date, tz),
        time::day_start(time::add_days(date, 1), tz),
    );
    let work_span = p.working_hours.span_on(date, tz);
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
        if a.category.is_work() {
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
    if let Some(w) = work_span.and_then(|w| w.clip(&Interval::new(w.start, w.end.min(input.now)))) {
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

fn category_lines(p: &Profile, segments: &[Segment], acts: &[Activity]) -> Vec<CategoryLine> {
    let mut secs: BTreeMap<Category, i64> = BTreeMap::new();
    for s in segments {
        *secs.entry(acts[s.activity].category).or_default() += s.span.seconds();
    }
    let total: i64 = secs.values().sum();
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

fn attention(p: &Profile, cats: &[CategoryLine], days: &[DayLine]) -> Vec<Attention> {
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

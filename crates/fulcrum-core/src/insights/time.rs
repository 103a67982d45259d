//! Rules over where the time went: the balance against target, code, focus, meetings,
//! fragmentation, after-hours work, think and learning time, days off, and the burnout
//! warning that combines them.

use super::streak::{finding, judged, run, week_finding};
use super::{
    Action, Evidence, Finding, FnRule, Link, Offer, Rule, RuleInfo, Severity, Snapshot, WeekFacts,
};
use crate::Category;
use crate::report::DayLine;
use crate::time::{add_days, days_between, week_start};
use crate::words::{hm, plural};
use jiff::civil::Date;

pub(super) const RULES: &[&dyn Rule] = &[
    &FnRule {
        info: RuleInfo {
            id: "build-below-target",
            module: "time",
            practice: "C2.9",
            why: "A lead who stops building loses the context that makes their technical judgement worth asking for.",
            looks_for: "build under its target share for the set number of complete weeks in a row",
        },
        check: build_below_target,
    },
    &FnRule {
        info: RuleInfo {
            id: "no-code-weeks",
            module: "time",
            practice: "C2.9",
            why: "Weeks without code are how a lead drifts out of touch with the codebase and the team's daily pain.",
            looks_for: "no commit for the set number of weeks while the role's target includes build",
        },
        check: no_code_weeks,
    },
    &FnRule {
        info: RuleInfo {
            id: "no-focus-block",
            module: "time",
            practice: "D10",
            why: "Deep work needs an unbroken stretch; without one, hard problems wait for evenings.",
            looks_for: "no meeting-free block of the focus length on most working days of the last week",
        },
        check: no_focus_block,
    },
    &FnRule {
        info: RuleInfo {
            id: "meeting-overload",
            module: "time",
            practice: "D10",
            why: "Meetings are real work, but a lead in meetings all day does the rest of the job after hours.",
            looks_for: "meetings over the set hours on most working days of the last week",
        },
        check: meeting_overload,
    },
    &FnRule {
        info: RuleInfo {
            id: "fragmented-days",
            module: "time",
            practice: "C1.3",
            why: "Each short gap between meetings costs the time it takes to refocus (about 23 minutes), so the gaps are lost.",
            looks_for: "many gaps shorter than the fragment length between meetings on most working days",
        },
        check: fragmented_days,
    },
    &FnRule {
        info: RuleInfo {
            id: "after-hours",
            module: "time",
            practice: "D10",
            why: "Work that spills into evenings and weekends is the first visible sign of a load that does not fit, and the team copies it.",
            looks_for: "work outside working hours or on weekends over the set minutes in 2 of the last 3 weeks",
        },
        check: after_hours,
    },
    &FnRule {
        info: RuleInfo {
            id: "no-think-time",
            module: "time",
            practice: "C1.3",
            why: "Time to think ahead (strategy, reviewing notes, planning) is what a lead is for and the first thing meetings eat.",
            looks_for: "under 30 minutes of think time a week for the set number of weeks",
        },
        check: no_think_time,
    },
    &FnRule {
        info: RuleInfo {
            id: "no-grow-time",
            module: "time",
            practice: "F1",
            why: "Personal learning is the first thing to take a back seat in a lead role, and the edge goes quietly.",
            looks_for: "under 30 minutes of learning time a week for the set number of weeks",
        },
        check: no_grow_time,
    },
    &FnRule {
        info: RuleInfo {
            id: "burnout-risk",
            module: "time",
            practice: "D10",
            why: "Burnout is hard to see from inside; several strains together over weeks are the warning to act on early.",
            looks_for: "three or more of: after-hours work, heavy meetings, fragmented days, no day off for two weeks, a draining journal",
        },
        check: burnout_risk,
    },
    &FnRule {
        info: RuleInfo {
            id: "no-day-off",
            module: "time",
            practice: "D10",
            why: "Without a day free of work, rest never happens; no deadline is worth your health.",
            looks_for: "no day without work (calendar, commits or logged time) for the set number of weeks",
        },
        check: no_day_off,
    },
];

/// Below this many minutes a week, a kind of time did not happen.
const TRACE_MINUTES: i64 = 30;

fn pct(x: f64) -> String {
    format!("{:.0} %", x)
}

fn severity_for(weeks: usize, threshold: u32) -> Severity {
    if weeks >= 2 * threshold as usize {
        Severity::Alert
    } else {
        Severity::Warn
    }
}

fn habit(title: &str, category: Category, minutes: i64) -> Option<Offer> {
    Some(Offer::AddHabit {
        title: title.into(),
        category,
        minutes,
    })
}

fn build_below_target(s: &Snapshot) -> Vec<Finding> {
    let n = s.settings.build_weeks;
    let below = run(s, "build-below-target", |w| {
        let min = w.target(&s.profile, Category::Build)?.min_percent;
        let share = w.share(Category::Build);
        (min > 0.0 && share < min).then_some((share, min))
    });
    if below.len() < n as usize {
        return Vec::new();
    }
    finding(
        &below,
        severity_for(below.len(), n),
        format!("Build under target for {}", plural(below.len(), "week", "weeks")),
        |w, (share, min)| format!("{}: build {} of the time, target at least {}", w.label(), pct(*share), pct(*min)),
        Action {
            text: "Defend two coding blocks of two hours next week, and take one small ticket or review a day: keep the hands on the code.".into(),
            offer: habit("Coding block", Category::Build, 120),
        },
    )
    .into_iter()
    .collect()
}

fn no_code_weeks(s: &Snapshot) -> Vec<Finding> {
    let n = s.settings.no_code_weeks;
    let silent = run(s, "no-code-weeks", |w| {
        let builds = w
            .target(&s.profile, Category::Build)
            .is_some_and(|t| t.max_percent > 0.0);
        (builds && w.report.totals.commits == 0).then_some(w.minutes(Category::Build))
    });
    if silent.len() < n as usize {
        return Vec::new();
    }
    finding(
        &silent,
        severity_for(silent.len(), n),
        format!("No commit for {}", plural(silent.len(), "week", "weeks")),
        |w, build| format!("{}: no commit ({} of build time in the calendar)", w.label(), hm(*build)),
        Action {
            text: "Pick up one small, well-defined ticket this week (a bug fix, a test, a dependency bump) and pair on a review.".into(),
            offer: Offer::task("Ship one small ticket myself", Category::Build, (true, false), Some(120)),
        },
    )
    .into_iter()
    .collect()
}

/// The working days of a week (not away).
fn working_days(w: &WeekFacts) -> Vec<&DayLine> {
    w.report.days.iter().filter(|d| d.working_day).collect()
}

/// A rule that holds for a week when `bad` holds on most of its working days; the run of
/// such weeks ending with the last one.
fn most_days<'a>(
    s: &'a Snapshot,
    rule: &str,
    bad: impl Fn(&DayLine) -> bool,
) -> Vec<(&'a WeekFacts, (usize, usize))> {
    run(s, rule, |w| {
        let days = working_days(w);
        let hit = days.iter().filter(|d| bad(d)).count();
        (days.len() >= 2 && hit * 2 > days.len()).then_some((hit, days.len()))
    })
}

fn no_focus_block(s: &Snapshot) -> Vec<Finding> {
    let focus = s.profile.focus_block_minutes;
    let weeks = most_days(s, "no-focus-block", |d| d.longest_focus_minutes < focus);
    finding(
        &weeks,
        severity_for(weeks.len(), 3),
        format!("No {}-minute focus block on most days", focus),
        |w, (hit, of)| format!("{}: {hit} of {of} working days without a {focus}-minute block", w.label()),
        Action {
            text: format!("Put a {focus}-minute focus block in your calendar on three days next week and treat it like any other commitment."),
            offer: habit("Focus block", Category::Build, focus.max(90)),
        },
    )
    .into_iter()
    .collect()
}

fn meeting_overload(s: &Snapshot) -> Vec<Finding> {
    let limit = (s.settings.meeting_day_hours * 60.0) as i64;
    let weeks = most_days(s, "meeting-overload", |d| d.meeting_minutes > limit);
    finding(
        &weeks,
        severity_for(weeks.len(), 2),
        format!("Over {} of meetings on most days", hm(limit)),
        |w, (hit, of)| {
            format!("{}: {hit} of {of} working days over {} of meetings ({} in all)", w.label(), hm(limit), hm(w.report.totals.meeting_minutes))
        },
        Action {
            text: "Go through next week's meetings and decline or delegate two where your presence adds nothing.".into(),
            offer: Offer::task("Decline or delegate two of next week's meetings", Category::Align, (true, true), Some(30)),
        },
    )
    .into_iter()
    .collect()
}

fn fragmented_days(s: &Snapshot) -> Vec<Finding> {
    let n = s.settings.fragments_per_day;
    let gap = s.profile.fragment_gap_minutes;
    let weeks = most_days(s, "fragmented-days", |d| d.fragments >= n);
    finding(
        &weeks,
        severity_for(weeks.len(), 2),
        "Days broken into short gaps".into(),
        |w, (hit, of)| {
            format!("{}: {hit} of {of} working days with {n} or more gaps under {gap} minutes ({} lost in them)", w.label(), hm(w.report.totals.fragmented_minutes))
        },
        Action {
            text: "Ask to move your recurring meetings next to each other, and keep one morning a week free of them.".into(),
            offer: habit("Meeting-free morning", Category::Think, 180),
        },
    )
    .into_iter()
    .collect()
}

/// Of the last three judged weeks, those over the after-hours limit.
fn after_hours_weeks<'a>(s: &'a Snapshot, rule: &'a str) -> (Vec<&'a WeekFacts>, usize) {
    let limit = s.settings.after_hours_week_minutes;
    let last: Vec<&WeekFacts> = judged(s, rule).rev().take(3).collect();
    let over = last
        .iter()
        .copied()
        .filter(|w| w.report.totals.after_hours_minutes >= limit)
        .rev()
        .collect();
    (over, last.len())
}

fn after_hours(s: &Snapshot) -> Vec<Finding> {
    let (over, of) = after_hours_weeks(s, "after-hours");
    let latest = s.weeks.iter().rev().find(|w| w.monday < s.this_week());
    // It must hold now: the latest complete week is one of them.
    if over.len() < 2 || latest.map(|w| w.monday) != over.last().map(|w| w.monday) {
        return Vec::new();
    }
    let said = over
        .iter()
        .map(|w| {
            let t = &w.report.totals;
            let text = format!(
                "{}: {} outside working hours, {} of it at the weekend",
                w.label(),
                hm(t.after_hours_minutes),
                hm(t.weekend_minutes)
            );
            (w.monday, text)
        })
        .collect();
    let severity = if over.len() == 3 {
        Severity::Alert
    } else {
        Severity::Warn
    };
    let title = format!("Work after hours in {} of the last {of} weeks", over.len());
    let action = Action {
        text: "Choose the time your day ends and book something after it that you will not cancel: plan more living, not less working.".into(),
        offer: None,
    };
    week_finding(said, severity, title, action)
        .into_iter()
        .collect()
}

fn little_of(
    s: &Snapshot,
    rule: &str,
    category: Category,
    n: u32,
    title: &str,
    action: Action,
) -> Vec<Finding> {
    let weeks = run(s, rule, |w| {
        let m = w.minutes(category);
        (m < TRACE_MINUTES).then_some(m)
    });
    if weeks.len() < n as usize {
        return Vec::new();
    }
    finding(
        &weeks,
        severity_for(weeks.len(), n),
        format!("{title} for {}", plural(weeks.len(), "week", "weeks")),
        |w, m| format!("{}: {} of {category} time", w.label(), hm(*m)),
        action,
    )
    .into_iter()
    .collect()
}

fn no_think_time(s: &Snapshot) -> Vec<Finding> {
    little_of(
        s,
        "no-think-time",
        Category::Think,
        s.settings.no_think_weeks,
        "No think time",
        Action {
            text: "Put a two-hour thinking block into next week's plan (Friday afternoon works well): review notes, look ahead, plan.".into(),
            offer: habit("Thinking block", Category::Think, 120),
        },
    )
}

fn no_grow_time(s: &Snapshot) -> Vec<Finding> {
    little_of(
        s,
        "no-grow-time",
        Category::Grow,
        s.settings.no_grow_weeks,
        "No learning time",
        Action {
            text: "Book one hour a week for learning (a course, a paper, a talk, a peer group) and keep it like a meeting.".into(),
            offer: habit("Learning hour", Category::Grow, 60),
        },
    )
}

/// A day with no work at all: nothing but personal time, no commit — or a day away.
fn is_day_off(d: &DayLine) -> bool {
    let worked: i64 = d
        .minutes_by_category
        .iter()
        .filter(|(c, _)| **c != Category::Personal)
        .map(|(_, m)| *m)
        .sum();
    d.away.is_some() || (worked == 0 && d.commits == 0)
}

/// The days of the complete weeks, oldest first.
fn days(s: &Snapshot) -> impl DoubleEndedIterator<Item = &DayLine> {
    s.weeks
        .iter()
        .filter(move |w| w.monday < s.this_week())
        .flat_map(|w| w.report.days.iter())
}

/// The last day off in the snapshot, and the first day the snapshot covers.
fn last_day_off(s: &Snapshot) -> (Option<Date>, Option<Date>) {
    let first = days(s).next().map(|d| d.date);
    (days(s).rev().find(|d| is_day_off(d)).map(|d| d.date), first)
}

fn no_day_off(s: &Snapshot) -> Vec<Finding> {
    let n = i64::from(s.settings.no_day_off_weeks) * 7;
    let (last, first) = last_day_off(s);
    let Some(first) = first else {
        return Vec::new();
    };
    let end = add_days(s.this_week(), -1);
    let since = last.map_or(first, |d| add_days(d, 1));
    let span = days_between(since, end) + 1;
    // Not enough history to tell, or a day off inside the window.
    if span < n || (last.is_none() && days_between(first, end) + 1 < n) {
        return Vec::new();
    }
    let weeks = (span / 7) as u32;
    vec![Finding {
        subject: "week".into(),
        severity: if span >= 2 * n { Severity::Alert } else { Severity::Warn },
        title: format!("No day off in {}", plural(span, "day", "days")),
        evidence: vec![match last {
            Some(d) => Evidence::new(format!("the last day without work was {d} ({})", d.strftime("%A")), Link::Day { date: d }),
            None => Evidence::new(format!("every day since {first} had work in it"), Link::Day { date: first }),
        }],
        since,
        weeks,
        through: week_start(end),
        action: Action {
            text: "Take a full day off in the next two weeks, and hand what cannot wait to someone for that day.".into(),
            offer: Offer::task("Book a day off", Category::Personal, (true, false), None),
        },
    }]
}

/// One strain of the burnout warning, seen or not, with what was measured.
struct Part {
    seen: bool,
    text: String,
}

fn burnout_parts(s: &Snapshot) -> Option<Vec<Part>> {
    let last: Vec<&WeekFacts> = judged(s, "burnout-risk").rev().take(3).collect();
    if last.len() < 3 {
        return None;
    }
    let (over, of) = after_hours_weeks(s, "burnout-risk");
    let meeting_share = {
        let (m, w): (i64, i64) = last.iter().fold((0, 0), |(m, w), x| {
            (
                m + x.report.totals.meeting_minutes,
                w + x.report.totals.working_minutes,
            )
        });
        if w > 0 { m as f64 / w as f64 } else { 0.0 }
    };
    let fragments: u32 = last.iter().map(|w| w.report.totals.fragments).sum();
    let working: u32 = last.iter().map(|w| w.report.totals.working_days).sum();
    let per_day = if working > 0 {
        f64::from(fragments) / f64::from(working)
    } else {
        0.0
    };
    let (off, first) = last_day_off(s);
    let end = add_days(s.this_week(), -1);
    let since_off = off
        .map(|d| days_between(d, end))
        .or(first.map(|f| days_between(f, end) + 1))
        .unwrap_or(0);
    let journals: Vec<_> = s.energy.iter().rev().take(3).collect();
    let draining = journals.iter().filter(|e| e.drained() > e.gave()).count();
    Some(vec![
        Part {
            seen: over.len() >= 2,
            text: format!("after-hours work in {} of the last {of} weeks", over.len()),
        },
        Part {
            seen: meeting_share >= 0.5,
            text: format!(
                "meetings took {} of working hours",
                pct(meeting_share * 100.0)
            ),
        },
        Part {
            seen: per_day >= f64::from(s.settings.fragments_per_day) / 2.0,
            text: format!("{per_day:.1} short gaps between meetings per working day"),
        },
        Part {
            seen: since_off >= 14,
            text: format!(
                "{} since the last day without work",
                plural(since_off, "day", "days")
            ),
        },
        Part {
            seen: draining >= 2,
            text: if journals.is_empty() {
                "no journal energy notes to read".into()
            } else {
                format!(
                    "{draining} of the last {} journals drained more than they gave",
                    journals.len()
                )
            },
        },
    ])
}

fn burnout_risk(s: &Snapshot) -> Vec<Finding> {
    let Some(parts) = burnout_parts(s) else {
        return Vec::new();
    };
    let seen = parts.iter().filter(|p| p.seen).count();
    if seen < 3 {
        return Vec::new();
    }
    let last = judged(s, "burnout-risk")
        .next_back()
        .map(|w| w.monday)
        .unwrap_or(s.today);
    let first = judged(s, "burnout-risk")
        .rev()
        .take(3)
        .last()
        .map(|w| w.monday)
        .unwrap_or(last);
    vec![Finding {
        subject: "week".into(),
        severity: if seen >= 4 { Severity::Alert } else { Severity::Warn },
        title: format!("Burnout risk: {seen} of 5 strains at once"),
        evidence: parts
            .iter()
            .map(|p| Evidence::new(format!("{} {}", if p.seen { "yes —" } else { "no —" }, p.text), Link::week(last)))
            .collect(),
        since: first,
        weeks: 3,
        through: last,
        action: Action {
            text: "Tell your manager or a peer what you are carrying this week, and pick one thing to hand over or drop.".into(),
            offer: Offer::task("Talk to my manager about my load", Category::Align, (true, true), Some(30)),
        },
    }]
}

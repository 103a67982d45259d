//! The work between meetings: commits in coding sessions and time logged by hand.

use super::ics::Cal;
use super::{time_of, weekend};
use crate::demo::days_off::Off;
use crate::demo::{DEMO_EMAIL, Rng, TEAM};
use fulcrum_core::{Category, time};
use fulcrum_git::NewCommit;
use fulcrum_store::NewManualEntry;
use jiff::civil::{Date, Weekday};
use jiff::tz::TimeZone;
use std::collections::BTreeSet;

/// Time logged by hand: what neither the calendar nor git shows.
const LOGGED: [(&str, Category); 16] = [
    ("Design doc: ledger v2", Category::Build),
    ("Hiring loop prep", Category::Lead),
    ("Interview scorecards", Category::Lead),
    ("Incident follow-ups", Category::Operate),
    ("Tech debt: retry handling cleanup", Category::Build),
    ("Quarterly planning notes", Category::Think),
    ("Budget sheet for next half", Category::Align),
    ("Team newsletter", Category::Align),
    ("Promotion packet review", Category::Lead),
    ("On-call rota planning", Category::Operate),
    ("Security questionnaire", Category::Operate),
    ("Prep for the roadmap review", Category::Align),
    ("Reading: The Staff Engineer's Path", Category::Grow),
    ("Performance review drafts", Category::Lead),
    ("Architecture decision record", Category::Build),
    ("Capacity plan for the refunds launch", Category::Think),
];

const SESSION_GAP: i32 = 120;
const SESSION_LEAD: i32 = 30;

/// Merges `[start, end)` spans.
fn union(mut spans: Vec<(i32, i32)>) -> Vec<(i32, i32)> {
    spans.sort_unstable();
    let mut out: Vec<(i32, i32)> = Vec::new();
    for (s, e) in spans.into_iter().filter(|(s, e)| e > s) {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// Coding sessions as the report forms them from commit minutes (fulcrum_core::sessions).
fn sessions(commits: &[i32]) -> Vec<(i32, i32)> {
    let mut sorted = commits.to_vec();
    sorted.sort_unstable();
    let mut out: Vec<(i32, i32)> = Vec::new();
    for t in sorted {
        match out.last_mut() {
            Some(s) if t - s.1 < SESSION_GAP => s.1 = t,
            _ => out.push((t - SESSION_LEAD, t)),
        }
    }
    out
}

/// Minutes of `window` covered by meetings, coding sessions and logged time.
fn covered(busy: &[(i32, i32)], commits: &[i32], logged: &[(i32, i32)], window: (i32, i32)) -> i32 {
    let mut spans = busy.to_vec();
    spans.extend(sessions(commits));
    spans.extend_from_slice(logged);
    union(spans)
        .iter()
        .map(|(s, e)| (e.min(&window.1) - s.max(&window.0)).max(0))
        .sum()
}

/// The free stretches of `window` between `busy` spans.
fn gaps(busy: &[(i32, i32)], window: (i32, i32)) -> Vec<(i32, i32)> {
    let mut out = Vec::new();
    let mut at = window.0;
    for (s, e) in union(busy.to_vec()) {
        if s > at {
            out.push((at, s.min(window.1)));
        }
        at = at.max(e);
    }
    if at < window.1 {
        out.push((at, window.1));
    }
    out.into_iter().filter(|(s, e)| e > s).collect()
}

/// One working day: commits in the focus block, then coding and logged time in free
/// stretches until the day's covered time reaches a target of 6½–7¾ hours of the nine (an
/// hour less in a `light` week, one with conference days that count whole), so some working
/// time always stays untracked.
fn fill_day(
    rng: &mut Rng,
    busy: &[(i32, i32)],
    focus: bool,
    window: (i32, i32),
    log_today: bool,
    light: bool,
) -> (Vec<i32>, Vec<(i32, i32)>) {
    let mut commits = Vec::new();
    let mut logged: Vec<(i32, i32)> = Vec::new();
    if focus {
        for _ in 0..1 + rng.below(3) {
            commits.push(13 * 60 + 20 + rng.below(125) as i32);
        }
    }
    let full = 9 * 60;
    let base = if light { 330 } else { 390 };
    let target = (base + rng.below(81) as i32) * (window.1 - window.0) / full;
    let mut free: Vec<(i32, i32)> = gaps(busy, window)
        .into_iter()
        .filter(|(s, e)| e - s >= 25)
        .collect();
    // Shuffle, so the mornings are not always the ones filled.
    for i in (1..free.len()).rev() {
        free.swap(i, rng.below(i as u64 + 1) as usize);
    }
    let longest = (0..free.len())
        .filter(|k| free[*k].1 - free[*k].0 >= 45)
        .max_by_key(|k| free[*k].1 - free[*k].0);
    if let Some(k) = longest.filter(|_| log_today) {
        let (s, e) = free.remove(k);
        let len = (e - s - rng.below(11) as i32).min(60 + rng.below(91) as i32);
        logged.push((s, s + len));
    }
    for (s, e) in free {
        let cov = covered(busy, &commits, &logged, window);
        if cov >= target {
            break;
        }
        let slack = 5 + rng.below(16) as i32;
        let len = (e - s - slack).min(target - cov + 15);
        if len < SESSION_LEAD {
            continue;
        }
        let before = commits.len();
        let mut t = s + SESSION_LEAD;
        loop {
            commits.push(t);
            if t >= s + len {
                break;
            }
            t = (t + 35 + rng.below(66) as i32).min(s + len);
        }
        if covered(busy, &commits, &logged, window) > target + 40 {
            commits.truncate(before);
        }
    }
    (commits, logged)
}

/// The lead's commits (focus blocks, free stretches, the odd evening or weekend), the team's
/// commits, and a few entries logged by hand each week, up to yesterday: the demo is shown
/// at whatever time of today the clock says, and no commit or logged time may lie ahead of it.
pub(super) fn work(
    cal: &Cal,
    rng: &mut Rng,
    first_monday: Date,
    tz: &TimeZone,
) -> (Vec<NewCommit>, Vec<NewManualEntry>) {
    let mut mine: Vec<(Date, i32)> = Vec::new();
    let mut team: Vec<(Date, i32, usize)> = Vec::new();
    let mut manual = Vec::new();
    let mut log_days: BTreeSet<Date> = BTreeSet::new();
    let mut carried = 0;
    let mut day = first_monday;
    while day < cal.today {
        if day.weekday() == Weekday::Monday {
            // Two to four entries a week, on days picked at the start of the week.
            let mut picked = BTreeSet::new();
            for _ in 0..2 + rng.below(3) {
                picked.insert(rng.below(5) as i64);
            }
            log_days.extend(picked.into_iter().map(|k| time::add_days(day, k)));
            carried = 0;
        }
        if cal.off.get(day) != Some(Off::Holiday) && !weekend(day) {
            for (k, _) in TEAM.iter().enumerate().take(4) {
                if rng.chance(0.5) {
                    team.push((day, 9 * 60 + rng.below(9 * 60) as i32, k));
                }
            }
        }
        if cal.off.off(day) {
            day = time::add_days(day, 1);
            continue;
        }
        if weekend(day) {
            if rng.chance(0.08) {
                mine.push((day, 10 * 60 + rng.below(8 * 60) as i32));
            }
            day = time::add_days(day, 1);
            continue;
        }
        let busy = cal.busy.get(&day).map(Vec::as_slice).unwrap_or_default();
        let log_today = log_days.contains(&day) || carried > 0;
        let monday = time::week_start(day);
        let light = (0..5).any(|k| cal.off.get(time::add_days(monday, k)) == Some(Off::Conference));
        let (commits, logged) = fill_day(
            rng,
            busy,
            cal.focus.contains(&day),
            (9 * 60, 18 * 60),
            log_today,
            light,
        );
        if log_today {
            carried = if logged.is_empty() { 1 } else { 0 };
        }
        mine.extend(commits.into_iter().map(|t| (day, t)));
        for (s, e) in logged {
            let (title, category) = LOGGED[rng.below(LOGGED.len() as u64) as usize];
            manual.push(NewManualEntry {
                start_at: time::local_instant(day, time_of(s), tz).as_second(),
                end_at: Some(time::local_instant(day, time_of(e), tz).as_second()),
                category: category.as_str().into(),
                title: title.into(),
            });
        }
        if rng.chance(0.06) {
            mine.push((day, 20 * 60 + rng.below(120) as i32));
        }
        day = time::add_days(day, 1);
    }

    let mut all: Vec<(Date, i32, Option<usize>)> = mine
        .into_iter()
        .map(|(d, t)| (d, t, None))
        .chain(team.into_iter().map(|(d, t, k)| (d, t, Some(k))))
        .collect();
    all.sort();
    all.dedup_by_key(|c| (c.0, c.1, c.2));
    let areas = [
        "retries", "ledger", "webhooks", "api", "billing", "tests", "ci",
    ];
    let verbs = [
        "Fix", "Add", "Refactor", "Speed up", "Document", "Simplify", "Test",
    ];
    let commits = all
        .into_iter()
        .enumerate()
        .map(|(i, (day, t, who))| {
            let n = i + 1;
            let (name, email) = match who {
                None => ("Alex Rivera", DEMO_EMAIL),
                Some(k) => (TEAM[k].name, TEAM[k].email),
            };
            let when = time::local_instant(day, time_of(t), tz);
            let area = areas[rng.below(areas.len() as u64) as usize];
            let verb = verbs[rng.below(verbs.len() as u64) as usize];
            NewCommit {
                author_name: name.into(),
                author_email: email.into(),
                time: when.as_second(),
                offset_seconds: when.to_zoned_datetime(tz.clone()).offset().seconds(),
                message: format!("{verb} {area} handling\n\nChange {n} of the payments service.\n"),
                files: vec![(format!("src/{area}.rs"), format!("// revision {n}\n"))],
            }
        })
        .collect();
    (commits, manual)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_is_filled_to_its_target_and_no_further() {
        let mut rng = Rng::new(5);
        for _ in 0..200 {
            let busy = [(570, 585), (585, 615), (660, 705), (840, 870), (960, 1020)];
            let (commits, logged) = fill_day(&mut rng, &busy, false, (540, 1080), true, false);
            let cov = covered(&busy, &commits, &logged, (540, 1080));
            assert!((345..=500).contains(&cov), "{cov}");
            assert_eq!(logged.len(), 1);
            assert!(sessions(&commits).iter().all(|s| s.0 >= 540 && s.1 <= 1080));
        }
    }
}

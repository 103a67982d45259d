//! Reviewing the week: how much of the plan got done, what unplanned work took planned time,
//! what was put aside and why, and one adjustment to carry into next week. A week that is still
//! running (or has not begun) gets no verdict: only how far it has come.

use crate::activity::Interval;
use crate::tasks::{Task, TaskStatus};
use crate::time;
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::Serialize;
use std::collections::BTreeMap;

/// A planned block, as accepted.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedBlock {
    pub task_id: i64,
    pub span: Interval,
}

/// A calendar event of the week that was not in the calendar when the plan was accepted.
#[derive(Debug, Clone, PartialEq)]
pub struct NewEvent {
    pub title: String,
    pub span: Interval,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Derailer {
    pub title: String,
    pub start: Timestamp,
    /// Minutes of planned blocks it took.
    pub minutes: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Deprioritised {
    pub task_id: i64,
    pub title: String,
    /// "dropped" or "still open".
    pub state: &'static str,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeekReview {
    pub planned_minutes: i64,
    /// Minutes of blocks whose task is done.
    pub done_minutes: i64,
    /// `done / planned`, 0–1; null when nothing was planned.
    pub done_share: Option<f64>,
    pub planned_tasks: usize,
    pub done_tasks: usize,
    pub derailers: Vec<Derailer>,
    pub derailed_minutes: i64,
    pub deprioritised: Vec<Deprioritised>,
    /// One concrete change for next week, from what the numbers show; while the week is in
    /// progress, only a note that there is no verdict yet.
    pub suggestion: String,
    /// The week has not ended yet (it is running, or has not begun): the numbers are progress
    /// so far, not a verdict.
    pub in_progress: bool,
    /// Days of the week begun by now, today included: 0 before it starts, 7 once it is over.
    pub elapsed_days: u8,
    /// Blocks in the plan; those whose planned time has ended by now; those whose task is done.
    pub planned_blocks: usize,
    pub blocks_so_far: usize,
    pub done_blocks: usize,
    /// The progress in words: "Mon–Tue so far: 3 of 7 planned blocks done (5 planned up to now)".
    pub progress: String,
}

/// What a review looks at: the accepted blocks, the tasks as they are now, the events that were
/// not known when the plan was accepted, and when "now" is in the week.
pub struct ReviewInput<'a> {
    pub blocks: &'a [PlannedBlock],
    pub tasks: &'a [Task],
    pub new_events: &'a [NewEvent],
    pub buffer_minutes: i64,
    /// The Monday of the week reviewed.
    pub week: Date,
    pub now: Timestamp,
    pub tz: &'a TimeZone,
}

/// Around half of the plan done is a reasonable start for someone new to planning their week.
pub const GOOD_START_SHARE: f64 = 0.5;

pub fn review(input: &ReviewInput<'_>) -> WeekReview {
    let ReviewInput {
        blocks,
        tasks,
        new_events,
        buffer_minutes,
        week,
        now,
        tz,
    } = *input;
    let week_end = time::day_start(time::add_days(week, 7), tz);
    let in_progress = now < week_end;
    let elapsed_days = if now < time::day_start(week, tz) {
        0
    } else {
        (time::days_between(week, time::local_date(now, tz)) + 1).clamp(0, 7) as u8
    };
    let status = |id: i64| tasks.iter().find(|t| t.id == id);
    let mut per_task: BTreeMap<i64, i64> = BTreeMap::new();
    for b in blocks {
        *per_task.entry(b.task_id).or_default() += b.span.seconds() / 60;
    }
    let planned_minutes: i64 = per_task.values().sum();
    let done: Vec<i64> = per_task
        .keys()
        .copied()
        .filter(|&id| status(id).is_some_and(|t| t.status == TaskStatus::Done))
        .collect();
    let done_minutes: i64 = done.iter().map(|id| per_task[id]).sum();
    let mut derailers: Vec<Derailer> = new_events
        .iter()
        .filter_map(|e| {
            let taken: i64 = blocks
                .iter()
                .map(|b| b.span.overlap_seconds(&e.span))
                .sum::<i64>()
                / 60;
            (taken > 0).then(|| Derailer {
                title: e.title.clone(),
                start: e.span.start,
                minutes: taken,
            })
        })
        .collect();
    derailers.sort_by_key(|d| d.start);
    let derailed_minutes = derailers.iter().map(|d| d.minutes).sum();
    // While the week runs, an open task is only behind once all its planned time has passed.
    let behind = |id: i64| {
        !in_progress
            || blocks
                .iter()
                .filter(|b| b.task_id == id)
                .all(|b| b.span.end <= now)
    };
    let deprioritised: Vec<Deprioritised> = per_task
        .keys()
        .filter_map(|&id| status(id))
        .filter(|t| {
            t.status == TaskStatus::Dropped || (t.status == TaskStatus::Open && behind(t.id))
        })
        .map(|t| Deprioritised {
            task_id: t.id,
            title: t.title.clone(),
            state: if t.status == TaskStatus::Dropped {
                "dropped"
            } else {
                "still open"
            },
            reason: t.note.clone(),
        })
        .collect();
    let done_share = (planned_minutes > 0).then(|| done_minutes as f64 / planned_minutes as f64);
    let suggestion = if !in_progress {
        suggest(done_share, derailed_minutes, buffer_minutes, &deprioritised)
    } else if elapsed_days == 0 {
        "The week has not started: nothing to judge yet. Review it once it is over.".into()
    } else {
        "No verdict while the week is still running: review it once it is over to choose what to change.".into()
    };
    let is_done = |id: i64| status(id).is_some_and(|t| t.status == TaskStatus::Done);
    let planned_blocks = blocks.len();
    let blocks_so_far = blocks.iter().filter(|b| b.span.end <= now).count();
    let done_blocks = blocks.iter().filter(|b| is_done(b.task_id)).count();
    let progress = progress_words(
        week,
        elapsed_days,
        in_progress,
        (planned_blocks, blocks_so_far, done_blocks),
    );
    WeekReview {
        planned_minutes,
        done_minutes,
        done_share,
        planned_tasks: per_task.len(),
        done_tasks: done.len(),
        derailers,
        derailed_minutes,
        deprioritised,
        suggestion,
        in_progress,
        elapsed_days,
        planned_blocks,
        blocks_so_far,
        done_blocks,
        progress,
    }
}

/// "Mon–Tue so far: 3 of 7 planned blocks done (5 planned up to now)", "Not started yet: 7
/// planned blocks", or for a finished week "Mon–Sun: 5 of 7 planned blocks done".
fn progress_words(
    week: Date,
    elapsed_days: u8,
    in_progress: bool,
    (planned, so_far, done): (usize, usize, usize),
) -> String {
    let blocks = |n: usize| format!("{n} planned block{}", if n == 1 { "" } else { "s" });
    if elapsed_days == 0 {
        return format!("Not started yet: {}", blocks(planned));
    }
    let day = |i: u8| {
        time::add_days(week, i64::from(i))
            .strftime("%a")
            .to_string()
    };
    let days = if elapsed_days == 1 {
        day(0)
    } else {
        format!("{}–{}", day(0), day(elapsed_days - 1))
    };
    if in_progress {
        format!(
            "{days} so far: {done} of {} done ({so_far} planned up to now)",
            blocks(planned)
        )
    } else {
        format!("{days}: {done} of {} done", blocks(planned))
    }
}

fn suggest(share: Option<f64>, derailed: i64, buffer: i64, put_aside: &[Deprioritised]) -> String {
    let Some(share) = share else {
        return "Nothing was planned: start next week by planning two or three important tasks into your calendar.".into();
    };
    if derailed > buffer {
        return format!(
            "Unplanned work took {derailed} minutes of planned time, more than the {buffer} minutes of buffer: keep a larger buffer next week, or ask whether those requests really needed you."
        );
    }
    if share < GOOD_START_SHARE {
        let unexplained = put_aside.iter().filter(|d| d.reason.is_none()).count();
        return if unexplained > 0 {
            format!(
                "Less than half of the plan got done and {unexplained} task(s) slipped without a reason: plan less, check your estimates, and note why work slips."
            )
        } else {
            "Less than half of the plan got done: plan less next week and leave room for breaks."
                .into()
        };
    }
    "The plan held up: keep the same amount of planned work and protect the blocks that worked."
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(h: i64) -> Timestamp {
        Timestamp::from_second(h * 3600).unwrap()
    }

    /// The week of the Unix epoch's first Monday, 1970-01-05 (hour 96), reviewed after it ended.
    const MONDAY: Date = jiff::civil::date(1970, 1, 5);

    fn review(
        blocks: &[PlannedBlock],
        tasks: &[Task],
        new_events: &[NewEvent],
        buffer_minutes: i64,
    ) -> WeekReview {
        review_at(blocks, tasks, new_events, buffer_minutes, ts(24 * 30))
    }

    fn review_at(
        blocks: &[PlannedBlock],
        tasks: &[Task],
        new_events: &[NewEvent],
        buffer_minutes: i64,
        now: Timestamp,
    ) -> WeekReview {
        super::review(&ReviewInput {
            blocks,
            tasks,
            new_events,
            buffer_minutes,
            week: MONDAY,
            now,
            tz: &TimeZone::UTC,
        })
    }

    fn block(task_id: i64, day: i64, from: i64, to: i64) -> PlannedBlock {
        let h = 96 + day * 24;
        PlannedBlock {
            task_id,
            span: Interval::new(ts(h + from), ts(h + to)),
        }
    }

    fn task(id: i64, status: TaskStatus, note: Option<&str>) -> Task {
        Task {
            estimate_minutes: Some(60),
            status,
            note: note.map(str::to_string),
            ..Task::open(id, format!("task {id}"), false, true)
        }
    }

    #[test]
    fn a_week_is_reviewed_against_its_plan() {
        let blocks = vec![
            PlannedBlock {
                task_id: 1,
                span: Interval::new(ts(10), ts(12)),
            },
            PlannedBlock {
                task_id: 2,
                span: Interval::new(ts(14), ts(15)),
            },
            PlannedBlock {
                task_id: 3,
                span: Interval::new(ts(16), ts(17)),
            },
        ];
        let tasks = vec![
            task(1, TaskStatus::Done, None),
            task(2, TaskStatus::Dropped, Some("not needed")),
            task(3, TaskStatus::Open, None),
        ];
        let new = vec![
            NewEvent {
                title: "Incident: login".into(),
                span: Interval::new(ts(14), ts(16)),
            },
            NewEvent {
                title: "Coffee".into(),
                span: Interval::new(ts(20), ts(21)),
            },
        ];
        let r = review(&blocks, &tasks, &new, 30);
        assert_eq!((r.planned_minutes, r.done_minutes), (240, 120));
        assert_eq!(r.done_share, Some(0.5));
        assert_eq!((r.planned_tasks, r.done_tasks), (3, 1));
        assert_eq!(r.derailers.len(), 1);
        assert_eq!(r.derailers[0].minutes, 60);
        assert_eq!(
            r.deprioritised.iter().map(|d| d.state).collect::<Vec<_>>(),
            ["dropped", "still open"]
        );
        assert!(r.suggestion.contains("larger buffer"), "{}", r.suggestion);
    }

    #[test]
    fn suggestions_follow_the_numbers() {
        let blocks = vec![PlannedBlock {
            task_id: 1,
            span: Interval::new(ts(10), ts(12)),
        }];
        let open = review(&blocks, &[task(1, TaskStatus::Open, None)], &[], 30);
        assert!(
            open.suggestion.contains("without a reason"),
            "{}",
            open.suggestion
        );
        let done = review(&blocks, &[task(1, TaskStatus::Done, None)], &[], 30);
        assert!(done.suggestion.contains("held up"));
        assert_eq!(review(&[], &[], &[], 0).done_share, None);
    }

    #[test]
    fn a_week_in_progress_gets_no_verdict_only_progress() {
        // Seven blocks, Monday to Thursday; on Wednesday morning two tasks are done, none of
        // the others has been started, and task 4's time has not come.
        let blocks = vec![
            block(1, 0, 9, 11),
            block(1, 0, 14, 16),
            block(2, 1, 9, 10),
            block(3, 1, 11, 12),
            block(3, 1, 14, 15),
            block(4, 2, 14, 16),
            block(4, 3, 9, 11),
        ];
        let tasks = vec![
            task(1, TaskStatus::Done, None),
            task(2, TaskStatus::Open, None),
            task(3, TaskStatus::Done, None),
            task(4, TaskStatus::Open, None),
        ];
        let wednesday = ts(96 + 2 * 24 + 10);
        let r = review_at(&blocks, &tasks, &[], 30, wednesday);
        assert!(r.in_progress);
        assert_eq!(r.elapsed_days, 3);
        assert_eq!(
            (r.planned_blocks, r.blocks_so_far, r.done_blocks),
            (7, 5, 4)
        );
        assert_eq!(
            r.progress,
            "Mon–Wed so far: 4 of 7 planned blocks done (5 planned up to now)"
        );
        assert!(r.suggestion.contains("No verdict"), "{}", r.suggestion);
        assert!(!r.suggestion.contains("plan less"));
        // Task 2's time has passed; task 4's has not, so it is not put aside yet.
        assert_eq!(
            r.deprioritised
                .iter()
                .map(|d| d.task_id)
                .collect::<Vec<_>>(),
            [2]
        );

        // Nothing done on Monday evening is still no verdict.
        let open: Vec<Task> = (1..=4).map(|i| task(i, TaskStatus::Open, None)).collect();
        let r = review_at(&blocks, &open, &[], 30, ts(96 + 20));
        assert_eq!(r.done_share, Some(0.0));
        assert!(r.in_progress && !r.suggestion.contains("Less than half"));
        assert!(
            r.progress.starts_with("Mon so far: 0 of 7"),
            "{}",
            r.progress
        );

        // A week that has not started.
        let r = review_at(&blocks, &open, &[], 30, ts(10));
        assert!(r.in_progress);
        assert_eq!(r.elapsed_days, 0);
        assert_eq!(r.progress, "Not started yet: 7 planned blocks");
        assert!(r.suggestion.contains("not started"), "{}", r.suggestion);
        assert!(r.deprioritised.is_empty());

        // Once it is over, the verdict comes.
        let r = review(&blocks, &open, &[], 30);
        assert!(!r.in_progress);
        assert_eq!(r.elapsed_days, 7);
        assert_eq!(r.progress, "Mon–Sun: 0 of 7 planned blocks done");
        assert!(
            r.suggestion.contains("without a reason"),
            "{}",
            r.suggestion
        );
        assert_eq!(r.deprioritised.len(), 4);
    }
}

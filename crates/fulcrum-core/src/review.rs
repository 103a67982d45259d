//! Reviewing the week: how much of the plan got done, what unplanned work took planned time,
//! what was put aside and why, and one adjustment to carry into next week.

use crate::activity::Interval;
use crate::tasks::{Task, TaskStatus};
use jiff::Timestamp;
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
    /// One concrete change for next week, from what the numbers show.
    pub suggestion: String,
}

/// Around half of the plan done is a reasonable start for someone new to planning their week.
pub const GOOD_START_SHARE: f64 = 0.5;

pub fn review(
    blocks: &[PlannedBlock],
    tasks: &[Task],
    new_events: &[NewEvent],
    buffer_minutes: i64,
) -> WeekReview {
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
    let deprioritised: Vec<Deprioritised> = per_task
        .keys()
        .filter_map(|&id| status(id))
        .filter(|t| t.status != TaskStatus::Done)
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
    let suggestion = suggest(done_share, derailed_minutes, buffer_minutes, &deprioritised);
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
    use crate::Category;

    fn ts(h: i64) -> Timestamp {
        Timestamp::from_second(h * 3600).unwrap()
    }

    fn task(id: i64, status: TaskStatus, note: Option<&str>) -> Task {
        Task {
            id,
            title: format!("task {id}"),
            urgent: false,
            important: true,
            only_me: false,
            estimate_minutes: Some(60),
            due: None,
            category: Category::Build,
            status,
            note: note.map(str::to_string),
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
}

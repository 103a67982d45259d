//! Planning the week: placing the tasks worth doing into the free time the real calendar
//! leaves, inside working hours, keeping a buffer for the unplanned and breaks after long
//! stretches, with tasks of one category batched together. A task is never placed after the
//! day it is due. When the work does not fit, the plan says so, says why (no room left, or no
//! room before the due date) and names what to drop or hand over.

use crate::activity::{Interval, subtract, union};
use crate::category::Category;
use crate::profile::Profile;
use crate::tasks::{Quadrant, Task};
use crate::time;
use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use std::fmt;

/// How the planner places work.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlanRules {
    /// Share of each day's free time kept free for what nobody planned (0–100).
    pub buffer_percent: u8,
    /// No block shorter than this; smaller gaps are left alone.
    pub min_block_minutes: i64,
    /// Longer tasks are split into blocks of at most this.
    pub max_block_minutes: i64,
    /// After this much work in a row, a break follows.
    pub break_after_minutes: i64,
    pub break_minutes: i64,
    /// Estimate used for tasks without one.
    pub default_estimate_minutes: i64,
}

impl Default for PlanRules {
    fn default() -> Self {
        PlanRules {
            buffer_percent: 20,
            min_block_minutes: 30,
            max_block_minutes: 120,
            break_after_minutes: 90,
            break_minutes: 15,
            default_estimate_minutes: 60,
        }
    }
}

pub struct PlanInput<'a> {
    pub profile: &'a Profile,
    /// The Monday of the week to plan.
    pub week: Date,
    /// Time the calendar already takes (meetings and blocks that count).
    pub busy: &'a [Interval],
    /// Candidate tasks; only open tasks in "do" and "schedule" are placed.
    pub tasks: &'a [Task],
    /// Nothing is planned before this instant.
    pub now: Timestamp,
    pub rules: PlanRules,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Block {
    pub task_id: i64,
    pub title: String,
    pub category: Category,
    pub start: Timestamp,
    pub end: Timestamp,
}

/// What to do with work that does not fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Suggestion {
    /// Someone else could do it.
    Delegate,
    /// Only the user can: drop it or move it to another week.
    Drop,
}

impl Suggestion {
    pub fn as_str(self) -> &'static str {
        match self {
            Suggestion::Delegate => "delegate",
            Suggestion::Drop => "drop",
        }
    }
}

impl fmt::Display for Suggestion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unplaced {
    pub task_id: i64,
    pub title: String,
    pub quadrant: Quadrant,
    /// Minutes of the task that found no room.
    pub minutes: i64,
    /// "delegate" when someone else could do it, "drop" otherwise.
    pub suggestion: Suggestion,
    /// The task's due date, when it has one.
    pub due: Option<Date>,
    /// Why it found no room, in words: "no free time left this week", or, for a task that
    /// could not be placed before it is due, "due Tue 3 Dec, no free time before it".
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    pub week: String,
    /// Free working minutes the calendar leaves (from now on).
    pub free_minutes: i64,
    /// Minutes kept free as buffer.
    pub buffer_minutes: i64,
    pub planned_minutes: i64,
    pub blocks: Vec<Block>,
    pub unplaced: Vec<Unplaced>,
    /// Everything wanted fits.
    pub fits: bool,
}

/// A stretch of free time on one day, filled from its start.
struct Slot {
    day: usize,
    span: Interval,
    /// Where the next block may start.
    cursor: Timestamp,
    /// Work placed back to back up to the cursor (for breaks).
    run_minutes: i64,
}

fn minutes(i: &Interval) -> i64 {
    i.seconds() / 60
}

fn plus(t: Timestamp, m: i64) -> Timestamp {
    t.checked_add(SignedDuration::from_mins(m)).unwrap_or(t)
}

/// The order work is placed in: urgent-and-important first, then scheduled work; within a
/// quadrant, tasks of one category together (the category whose most pressing task is most
/// pressing first), by due date, then by id so the same input gives the same plan.
fn ordered(tasks: &[Task]) -> Vec<&Task> {
    let mut wanted: Vec<&Task> = tasks
        .iter()
        .filter(|t| t.is_open() && matches!(t.quadrant(), Quadrant::Do | Quadrant::Schedule))
        .collect();
    let key = |t: &Task| (t.quadrant(), t.due.unwrap_or(Date::MAX), t.id);
    wanted.sort_by_key(|t| key(t));
    // Batch: a category's rank is the rank of its first task within the quadrant.
    let rank = |t: &Task| {
        wanted
            .iter()
            .position(|o| o.quadrant() == t.quadrant() && o.category == t.category)
            .unwrap_or(usize::MAX)
    };
    let mut batched = wanted.clone();
    batched.sort_by_key(|t| (t.quadrant(), rank(t), key(t)));
    batched
}

pub fn plan(input: &PlanInput<'_>) -> Plan {
    let p = input.profile;
    let r = input.rules;
    let tz = p.tz();
    let busy = union(input.busy.to_vec());
    let mut slots: Vec<Slot> = Vec::new();
    let mut day_free = [0i64; 7];
    for (day, date) in time::dates(input.week, time::add_days(input.week, 7)).enumerate() {
        let Some(work) = p.working_hours.span_on(date, &tz) else {
            continue;
        };
        let Some(work) = work.clip(&Interval::new(input.now.max(work.start), work.end)) else {
            continue;
        };
        for free in subtract(work, &busy) {
            if minutes(&free) >= r.min_block_minutes {
                day_free[day] += minutes(&free);
                slots.push(Slot {
                    day,
                    span: free,
                    cursor: free.start,
                    run_minutes: 0,
                });
            }
        }
    }
    let free_minutes: i64 = day_free.iter().sum();
    let buffer = |m: i64| m * i64::from(r.buffer_percent.min(100)) / 100;
    let mut day_left: Vec<i64> = day_free.iter().map(|&m| m - buffer(m)).collect();
    let allowance = day_left.clone();
    // The first day work can still go on: today, or the week's Monday when planning ahead.
    let first_day = time::local_date(input.now, &tz).max(input.week);

    let mut blocks = Vec::new();
    let mut unplaced = Vec::new();
    for task in ordered(input.tasks) {
        let estimate = task
            .estimate_minutes
            .unwrap_or(r.default_estimate_minutes)
            .max(r.min_block_minutes);
        let mut need = estimate;
        // The last day of the week (0–6) the task may be placed on: never after it is due.
        let last_day = task
            .due
            .map_or(6, |d| time::days_between(input.week, d).min(6));
        while need > 0 {
            // Prefer the earliest slot that takes a whole block (the task, or the longest block
            // allowed); failing that, the slot that takes the most, so work is not cut into
            // scraps.
            let whole = need.min(r.max_block_minutes);
            let fits: Vec<(usize, Fit)> = (0..slots.len())
                .filter(|&i| slots[i].day as i64 <= last_day)
                .filter_map(|i| fit(&slots[i], need, day_left[slots[i].day], &r).map(|f| (i, f)))
                .collect();
            let pick = match fits.iter().position(|(_, f)| f.len >= whole) {
                Some(k) => fits.into_iter().nth(k),
                // Ties go to the earliest slot: max_by_key keeps the last maximum, so reverse.
                None => fits.into_iter().rev().max_by_key(|(_, f)| f.len),
            };
            let Some((i, f)) = pick else { break };
            let slot = &mut slots[i];
            let block = Interval::new(f.start, plus(f.start, f.len));
            slot.cursor = block.end;
            slot.run_minutes = if f.after_break {
                f.len
            } else {
                slot.run_minutes + f.len
            };
            need -= f.len;
            day_left[slot.day] -= f.len;
            blocks.push(Block {
                task_id: task.id,
                title: task.title.clone(),
                category: task.category,
                start: block.start,
                end: block.end,
            });
        }
        if need > 0 {
            unplaced.push(Unplaced {
                task_id: task.id,
                title: task.title.clone(),
                quadrant: task.quadrant(),
                minutes: need,
                suggestion: if task.only_me {
                    Suggestion::Drop
                } else {
                    Suggestion::Delegate
                },
                due: task.due,
                reason: why_unplaced(task.due, (input.week, first_day), estimate, &r, {
                    let days = usize::try_from(last_day + 1).unwrap_or(0);
                    let free: i64 = allowance.iter().take(days).sum();
                    let left: i64 = day_left.iter().take(days).sum();
                    let own = estimate - need;
                    (free, free - left - own)
                }),
            });
        }
    }
    blocks.sort_by_key(|b| (b.start, b.task_id));
    let planned_minutes = blocks
        .iter()
        .map(|b| (b.end.as_second() - b.start.as_second()) / 60)
        .sum();
    Plan {
        week: time::iso_week_label(input.week),
        free_minutes,
        buffer_minutes: day_free.iter().map(|&m| buffer(m)).sum(),
        planned_minutes,
        fits: unplaced.is_empty(),
        blocks,
        unplaced,
    }
}

/// A date as the plan's messages write it: "Tue 3 Dec".
pub fn short_date(d: Date) -> String {
    d.strftime("%a %-d %b").to_string()
}

/// Why a task of `estimate` minutes did not (wholly) fit: a task due before the time left to
/// plan, one due this week with too little room before it, or a week with no room left.
/// `(week, first_day)` are the week's Monday and the first day still open to plan; `(free,
/// taken)` the week's plannable minutes (after the buffer) up to the due date, and how many of
/// them went to other tasks.
fn why_unplaced(
    due: Option<Date>,
    (week, first_day): (Date, Date),
    estimate: i64,
    r: &PlanRules,
    (free, taken): (i64, i64),
) -> String {
    let Some(due) = due.filter(|&d| d < time::add_days(week, 7)) else {
        return "no free time left this week".into();
    };
    let when = short_date(due);
    if due < week {
        return format!("due {when}, before this week starts: give it a new due date");
    }
    if due < first_day {
        return format!("was due {when}, already past: give it a new due date");
    }
    // Less than one block's worth is no room at all.
    if free < r.min_block_minutes {
        format!("due {when}, no free time before it")
    } else if taken > 0 && free >= estimate {
        format!("due {when}, the free time before it went to more pressing tasks")
    } else {
        format!("due {when}, not enough free time before it")
    }
}

/// Where and how long the next block for up to `need` minutes would be in `slot`.
struct Fit {
    start: Timestamp,
    len: i64,
    /// A break comes before the block.
    after_break: bool,
}

/// The block `slot` can take next within the day's remaining allowance, if any; a break comes
/// first when the slot has run long without one.
fn fit(slot: &Slot, need: i64, allowance: i64, r: &PlanRules) -> Option<Fit> {
    let after_break = slot.run_minutes >= r.break_after_minutes;
    let (start, run) = if after_break {
        (plus(slot.cursor, r.break_minutes), 0)
    } else {
        (slot.cursor, slot.run_minutes)
    };
    let room = (slot.span.end.as_second() - start.as_second()) / 60;
    // A block never runs far past the point where a break is due.
    let before_break = (r.break_after_minutes - run).max(r.min_block_minutes);
    let mut len = need
        .min(room)
        .min(allowance)
        .min(r.max_block_minutes)
        .min(before_break);
    // Never leave a remainder too short to be a block of its own.
    let rest = need - len;
    if rest > 0 && rest < r.min_block_minutes {
        len -= r.min_block_minutes - rest;
    }
    // Blocks are at least the minimum, unless the whole task is shorter.
    if len <= 0 || len < r.min_block_minutes.min(need) {
        return None;
    }
    Some(Fit {
        start,
        len,
        after_break,
    })
}

#[cfg(test)]
mod tests;

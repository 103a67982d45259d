//! Scenarios: weeks laid out from a few numbers, and people with their records.

use crate::activity::{Activity, ActivityKind};
use crate::insights::{Insight, InsightSettings, PersonFacts, Snapshot, WeekFacts, evaluate};
use crate::people::{Person, Relation};
use crate::relationships::contact_status;
use crate::time::{self, add_days};
use crate::{Category, Report, ReportInput};
use jiff::Timestamp;
use jiff::civil::{Date, Time, date};
use std::collections::BTreeMap;

/// The Monday of the first week of every scenario.
pub const FIRST_MONDAY: Date = date(2026, 2, 2);

/// How one week goes, day by day (Monday to Friday alike unless said).
#[derive(Debug, Clone)]
pub struct WeekPlan {
    /// A coding block from 09:00, with commits in it.
    pub build_minutes_per_day: i64,
    pub commits: bool,
    /// Meetings after the coding block, in pieces of `meeting_piece` minutes.
    pub meeting_minutes_per_day: i64,
    pub meeting_piece: i64,
    /// Minutes between two meeting pieces.
    pub meeting_gap: i64,
    /// A block of thinking on Friday and of learning on Wednesday, after the meetings.
    pub think_minutes: i64,
    pub grow_minutes: i64,
    /// Work from 19:00 on Monday and Tuesday.
    pub evening_minutes: i64,
    /// Work on Saturday and Sunday from 10:00.
    pub weekend_minutes: i64,
}

impl Default for WeekPlan {
    fn default() -> Self {
        WeekPlan {
            build_minutes_per_day: 210,
            commits: true,
            meeting_minutes_per_day: 90,
            meeting_piece: 90,
            meeting_gap: 0,
            think_minutes: 120,
            grow_minutes: 60,
            evening_minutes: 0,
            weekend_minutes: 0,
        }
    }
}

fn at(d: Date, minutes: i64) -> Timestamp {
    let t = Time::constant(0, 0, 0, 0)
        .checked_add(jiff::Span::new().minutes(minutes))
        .unwrap_or(Time::MAX);
    time::local_instant(d, t, &crate::test_support::profile().tz())
}

fn act(d: Date, from: i64, minutes: i64, category: Category, kind: ActivityKind) -> Activity {
    Activity {
        start: at(d, from),
        end: at(d, from + minutes),
        title: format!("{category} at {from}"),
        category,
        kind,
        source: "test".into(),
        rule: "test".into(),
        others: u32::from(kind == ActivityKind::Meeting),
        one_on_one: false,
    }
}

impl WeekPlan {
    /// The activities and commits of the week starting `monday`.
    fn lay_out(&self, monday: Date) -> (Vec<Activity>, Vec<Timestamp>) {
        let mut acts = Vec::new();
        let mut commits = Vec::new();
        for i in 0..5 {
            let d = add_days(monday, i);
            let mut t = 9 * 60;
            if self.build_minutes_per_day > 0 {
                acts.push(act(
                    d,
                    t,
                    self.build_minutes_per_day,
                    Category::Build,
                    ActivityKind::Block,
                ));
                if self.commits {
                    commits.push(at(d, t + self.build_minutes_per_day / 2));
                }
                t += self.build_minutes_per_day;
            }
            let mut left = self.meeting_minutes_per_day;
            while left > 0 {
                let piece = left.min(self.meeting_piece.max(15));
                acts.push(act(d, t, piece, Category::Align, ActivityKind::Meeting));
                t += piece;
                left -= piece;
                if left > 0 {
                    t += self.meeting_gap;
                }
            }
            if i == 2 && self.grow_minutes > 0 {
                acts.push(act(
                    d,
                    t,
                    self.grow_minutes,
                    Category::Grow,
                    ActivityKind::Block,
                ));
            }
            if i == 4 && self.think_minutes > 0 {
                acts.push(act(
                    d,
                    t,
                    self.think_minutes,
                    Category::Think,
                    ActivityKind::Block,
                ));
            }
            if i < 2 && self.evening_minutes > 0 {
                acts.push(act(
                    d,
                    19 * 60,
                    self.evening_minutes,
                    Category::Build,
                    ActivityKind::Manual,
                ));
            }
        }
        for i in 5..7 {
            if self.weekend_minutes > 0 {
                let d = add_days(monday, i);
                acts.push(act(
                    d,
                    10 * 60,
                    self.weekend_minutes,
                    Category::Build,
                    ActivityKind::Manual,
                ));
            }
        }
        (acts, commits)
    }

    pub fn report(&self, monday: Date) -> Report {
        let profile = crate::test_support::profile();
        let (acts, commits) = self.lay_out(monday);
        crate::report::build(&ReportInput {
            profile: &profile,
            from: monday,
            to: add_days(monday, 7),
            activities: &acts,
            commits: &commits,
            now: Timestamp::MAX,
            trend_weeks: 1,
            day_marks: &BTreeMap::new(),
        })
    }
}

/// A run of weeks and the records around them; `today` is the Wednesday after the last.
#[derive(Clone)]
pub struct Scenario {
    pub weeks: Vec<WeekPlan>,
    pub snapshot: Snapshot,
}

impl Scenario {
    /// `n` good weeks: code every day, meetings in one piece, think and learning time.
    pub fn healthy(n: usize) -> Scenario {
        let today = add_days(FIRST_MONDAY, 7 * n as i64 + 2);
        let mut snapshot = Snapshot::empty(crate::test_support::profile(), today);
        snapshot.settings = InsightSettings::default();
        Scenario {
            weeks: vec![WeekPlan::default(); n],
            snapshot,
        }
    }

    /// Changes every week.
    pub fn with_weeks(mut self, f: impl Fn(&mut WeekPlan)) -> Scenario {
        self.weeks.iter_mut().for_each(f);
        self
    }

    /// Changes the last `k` weeks only.
    pub fn with_last(mut self, k: usize, f: impl Fn(&mut WeekPlan)) -> Scenario {
        let n = self.weeks.len();
        self.weeks[n.saturating_sub(k)..].iter_mut().for_each(f);
        self
    }

    /// Changes the records.
    pub fn with(mut self, f: impl FnOnce(&mut Snapshot)) -> Scenario {
        f(&mut self.snapshot);
        self
    }

    pub fn snapshot(&self) -> Snapshot {
        let mut s = self.snapshot.clone();
        s.weeks = self
            .weeks
            .iter()
            .enumerate()
            .map(|(i, plan)| {
                let monday = add_days(FIRST_MONDAY, 7 * i as i64);
                WeekFacts {
                    monday,
                    report: plan.report(monday),
                    phase: None,
                }
            })
            .collect();
        s
    }
}

/// Someone the lead works with, met a week ago and on time with everything.
pub fn person(id: i64, name: &str, relation: Relation, today: Date) -> PersonFacts {
    let email = format!("{}@example.com", name.to_lowercase());
    let person = Person {
        start_date: Some(date(2025, 1, 6)),
        cadence_days: 14,
        ..Person::new(id, name, &[&email], relation)
    };
    let met = add_days(today, -7);
    PersonFacts {
        contact: contact_status(&person, Some(met), None, today),
        person,
        one_on_ones: Vec::new(),
        last_met: Some(met),
        overdue_days: None,
        called_off_in_a_row: 0,
        quiet_streak: 0,
        logged: 4,
        style_stuck: false,
    }
}

/// The insights of `rule` in `s`.
pub fn of(s: &Snapshot, rule: &str) -> Vec<Insight> {
    evaluate(s).into_iter().filter(|i| i.rule == rule).collect()
}

/// The one insight of `rule`, which must be raised.
pub fn raised(s: &Snapshot, rule: &str) -> Insight {
    let all = evaluate(s);
    let found: Vec<&Insight> = all.iter().filter(|i| i.rule == rule).collect();
    assert_eq!(
        found.len(),
        1,
        "{rule} expected once; all raised: {:#?}",
        ids(&all)
    );
    found[0].clone()
}

/// `rule` is not raised.
pub fn quiet(s: &Snapshot, rule: &str) {
    let all = of(s, rule);
    assert!(all.is_empty(), "{rule} raised: {all:#?}");
}

fn ids(all: &[Insight]) -> Vec<&str> {
    all.iter().map(|i| i.id.as_str()).collect()
}

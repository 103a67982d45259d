//! Tasks and the Eisenhower matrix: which quadrant a task is in, and what the spread of open
//! tasks over the quadrants says about how the week is being run.

use crate::category::Category;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Urgency × importance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Quadrant {
    /// Urgent and important: do it yourself, now.
    Do,
    /// Important, not urgent: put it in the calendar.
    Schedule,
    /// Urgent, not important: someone else can take it.
    Delegate,
    /// Neither: let it go.
    Delete,
}

impl Quadrant {
    pub const ALL: [Quadrant; 4] = [
        Quadrant::Do,
        Quadrant::Schedule,
        Quadrant::Delegate,
        Quadrant::Delete,
    ];

    pub fn of(urgent: bool, important: bool) -> Quadrant {
        match (urgent, important) {
            (true, true) => Quadrant::Do,
            (false, true) => Quadrant::Schedule,
            (true, false) => Quadrant::Delegate,
            (false, false) => Quadrant::Delete,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Quadrant::Do => "do",
            Quadrant::Schedule => "schedule",
            Quadrant::Delegate => "delegate",
            Quadrant::Delete => "delete",
        }
    }
}

impl fmt::Display for Quadrant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TaskStatus {
    Open,
    Done,
    Dropped,
}

/// A to-do of the user's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Task {
    pub id: i64,
    pub title: String,
    pub urgent: bool,
    pub important: bool,
    /// The user alone can do it (their context, their relationships).
    pub only_me: bool,
    pub estimate_minutes: Option<i64>,
    pub due: Option<Date>,
    pub category: Category,
    pub status: TaskStatus,
    /// Why it was dropped or deprioritised, in the user's words.
    pub note: Option<String>,
}

impl Task {
    /// An open task of `title` in the quadrant `urgent` × `important`, building work with
    /// nothing else said about it.
    pub fn open(id: i64, title: String, urgent: bool, important: bool) -> Task {
        Task {
            id,
            title,
            urgent,
            important,
            only_me: false,
            estimate_minutes: None,
            due: None,
            category: Category::Build,
            status: TaskStatus::Open,
            note: None,
        }
    }

    pub fn quadrant(&self) -> Quadrant {
        Quadrant::of(self.urgent, self.important)
    }

    pub fn is_open(&self) -> bool {
        self.status == TaskStatus::Open
    }
}

/// The three triage questions, asked in this order: `(key, question, hint)`.
pub const TRIAGE_QUESTIONS: [(&str, &str, &str); 3] = [
    (
        "skip_matters",
        "If you never did this, would anything that matters happen?",
        "If the honest answer is \"probably nothing\", let it go: if it really matters, it will come back.",
    ),
    (
        "depended_on",
        "Does another team, a customer or the product depend on it?",
        "If nobody is waiting on it and nothing breaks without it, it is a nice-to-have.",
    ),
    (
        "needs_me",
        "Does it need you in particular — your context, your relationships, your authority?",
        "If someone on the team could do it, handing it over frees you and lets them grow.",
    ),
];

/// Answers to the triage questions; `None` is a question not answered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TriageAnswers {
    pub skip_matters: Option<bool>,
    pub depended_on: Option<bool>,
    pub needs_me: Option<bool>,
}

/// Where triage puts a task, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TriageOutcome {
    pub urgent: bool,
    pub important: bool,
    pub only_me: bool,
    pub reason: &'static str,
}

/// Applies the triage tests in order; the first that fails decides. A task nobody misses goes
/// to delete; a nice-to-have goes to delegate when it is urgent, else delete; a task that does
/// not need the user goes to delegate; a task that passes all three keeps its flags and is
/// marked as the user's own.
pub fn triage(task: &Task, a: TriageAnswers) -> TriageOutcome {
    if a.skip_matters == Some(false) {
        return TriageOutcome {
            urgent: false,
            important: false,
            only_me: task.only_me,
            reason: "nothing that matters happens without it: delete",
        };
    }
    if a.depended_on == Some(false) {
        return TriageOutcome {
            urgent: task.urgent,
            important: false,
            only_me: task.only_me,
            reason: if task.urgent {
                "a nice-to-have that is pressing: delegate it"
            } else {
                "a nice-to-have: delete it, or keep it for a quiet day"
            },
        };
    }
    if a.needs_me == Some(false) {
        return TriageOutcome {
            urgent: true,
            important: false,
            only_me: false,
            reason: "someone else can do it: delegate",
        };
    }
    TriageOutcome {
        urgent: task.urgent,
        important: task.important,
        only_me: task.only_me || a.needs_me == Some(true),
        reason: "it passed the tests: keep it",
    }
}

/// A reading of the matrix: the counts and what they suggest.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuadrantHealth {
    pub open: usize,
    /// Open tasks per quadrant, in the order do, schedule, delegate, delete.
    pub counts: Vec<(Quadrant, usize)>,
    pub signals: Vec<Signal>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Signal {
    pub kind: &'static str,
    /// What the numbers show.
    pub seen: String,
    /// One thing to do about it.
    pub next: String,
}

/// Share of open tasks in "do" above which the week is firefighting.
pub const FIREFIGHTING_SHARE: f64 = 0.5;
/// Share of open tasks in "delegate" above which too much of the list is someone else's.
pub const DELEGATE_SHARE: f64 = 0.3;

/// Reads the spread of open tasks over the quadrants (the matrix diagnostics of time
/// management: firefighting, the urgency effect, work to hand over, avoidance).
pub fn health(tasks: &[Task]) -> QuadrantHealth {
    let open: Vec<&Task> = tasks.iter().filter(|t| t.is_open()).collect();
    let count = |q: Quadrant| open.iter().filter(|t| t.quadrant() == q).count();
    let counts: Vec<(Quadrant, usize)> = Quadrant::ALL.iter().map(|&q| (q, count(q))).collect();
    let n = open.len();
    let mut signals = Vec::new();
    if n == 0 {
        return QuadrantHealth {
            open: 0,
            counts,
            signals,
        };
    }
    let (q1, q2, q3, q4) = (
        count(Quadrant::Do),
        count(Quadrant::Schedule),
        count(Quadrant::Delegate),
        count(Quadrant::Delete),
    );
    let share = |k: usize| k as f64 / n as f64;
    if share(q1) > FIREFIGHTING_SHARE {
        signals.push(Signal {
            kind: "firefighting",
            seen: format!("{q1} of {n} open tasks are urgent and important"),
            next: "Block time this week for one important, non-urgent task, and ask your team what you should be focusing on that you are not.".into(),
        });
    }
    if q2 == 0 {
        signals.push(Signal {
            kind: "nothing scheduled",
            seen: "no open task is important without being urgent".into(),
            next: "Add the planning, strategy or growth work that keeps getting pushed out, so it can be put in the calendar.".into(),
        });
    }
    if q3 + q4 == 0 && n >= 3 {
        signals.push(Signal {
            kind: "urgency bias",
            seen: format!("all {n} open tasks are marked important"),
            next: "Run the tests on each task — only you? nice to have? what happens if you skip it? — and move what fails them to delegate or delete.".into(),
        });
    }
    if share(q3) >= DELEGATE_SHARE {
        signals.push(Signal {
            kind: "delegate",
            seen: format!("{q3} of {n} open tasks are urgent but not important"),
            next:
                "Hand these to someone on the team; it frees your time and gives them room to grow."
                    .into(),
        });
    }
    if q4 > 0 {
        signals.push(Signal {
            kind: "possible avoidance",
            seen: format!("{q4} open task{} neither urgent nor important", if q4 == 1 { " is" } else { "s are" }),
            next: "Delete them — what matters will come back — and ask yourself whether they are standing in for something harder.".into(),
        });
    }
    QuadrantHealth {
        open: n,
        counts,
        signals,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(id: i64, urgent: bool, important: bool) -> Task {
        Task {
            estimate_minutes: Some(60),
            ..Task::open(id, format!("task {id}"), urgent, important)
        }
    }

    fn kinds(tasks: &[Task]) -> Vec<&'static str> {
        health(tasks).signals.iter().map(|s| s.kind).collect()
    }

    #[test]
    fn quadrants_follow_urgency_and_importance() {
        assert_eq!(Quadrant::of(true, true), Quadrant::Do);
        assert_eq!(Quadrant::of(false, true), Quadrant::Schedule);
        assert_eq!(Quadrant::of(true, false), Quadrant::Delegate);
        assert_eq!(Quadrant::of(false, false), Quadrant::Delete);
    }

    #[test]
    fn triage_applies_the_first_test_that_fails() {
        let t = task(1, true, true);
        let q = |a: TriageAnswers| {
            let o = triage(&t, a);
            Quadrant::of(o.urgent, o.important)
        };
        let yes = Some(true);
        let no = Some(false);
        assert_eq!(
            q(TriageAnswers {
                skip_matters: no,
                depended_on: yes,
                needs_me: yes
            }),
            Quadrant::Delete
        );
        assert_eq!(
            q(TriageAnswers {
                skip_matters: yes,
                depended_on: no,
                needs_me: yes
            }),
            Quadrant::Delegate
        );
        assert_eq!(
            q(TriageAnswers {
                skip_matters: yes,
                depended_on: yes,
                needs_me: no
            }),
            Quadrant::Delegate
        );
        let kept = triage(
            &t,
            TriageAnswers {
                skip_matters: yes,
                depended_on: yes,
                needs_me: yes,
            },
        );
        assert_eq!(
            (Quadrant::of(kept.urgent, kept.important), kept.only_me),
            (Quadrant::Do, true)
        );
        assert_eq!(
            q(TriageAnswers::default()),
            Quadrant::Do,
            "no answers change nothing"
        );
        let calm = task(2, false, true);
        let o = triage(
            &calm,
            TriageAnswers {
                depended_on: no,
                ..Default::default()
            },
        );
        assert_eq!(Quadrant::of(o.urgent, o.important), Quadrant::Delete);
    }

    #[test]
    fn the_spread_of_tasks_reads_as_a_diagnosis() {
        let firefighting = [
            task(1, true, true),
            task(2, true, true),
            task(3, false, true),
        ];
        assert_eq!(kinds(&firefighting), ["firefighting", "urgency bias"]);
        let balanced = [
            task(1, true, true),
            task(2, false, true),
            task(3, false, true),
            task(4, true, false),
        ];
        assert!(kinds(&balanced).is_empty(), "{:?}", kinds(&balanced));
        let distracted = [
            task(1, true, false),
            task(2, true, false),
            task(3, false, true),
            task(4, false, true),
        ];
        assert_eq!(kinds(&distracted), ["delegate"]);
        let avoiding = [
            task(1, false, false),
            task(2, false, true),
            task(3, false, true),
        ];
        assert_eq!(kinds(&avoiding), ["possible avoidance"]);
        let no_q2 = [
            task(1, true, false),
            task(2, true, true),
            task(3, true, true),
        ];
        assert!(kinds(&no_q2).contains(&"nothing scheduled"));
        let mut done = task(9, true, true);
        done.status = TaskStatus::Done;
        assert_eq!(health(&[done]).open, 0);
    }
}

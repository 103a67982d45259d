//! Delegation: what to hand over (recurring work the lead does alone, at its true cost), to
//! whom (interest, knowledge, workload, working style, without always picking the same
//! person), in which style, with expectations complete before the handover, check-ins while
//! it runs, a two-way follow-up at the end, and the two-week vacation test.

use crate::Category;
use crate::people::{Person, WorkingStyle};
use crate::tasks::{Quadrant, Task};
use crate::time::add_days;
use crate::words::{hm, plural};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

word_enum! {
    /// How much direction the lead gives, from most to least.
    pub enum Style {
        /// Little experience with the task: define it step by step and check in often.
        Telling = "telling",
        /// Keen but not yet confident: coach, explain the why, support each step.
        Selling = "selling",
        /// Capable: they lead, the lead supports decisions and removes blockers.
        Participating = "participating",
        /// Fully capable: they own it, the lead stays available.
        Delegating = "delegating",
    }
}

impl Style {
    fn rank(self) -> usize {
        Style::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// One step towards autonomy (delegating stays delegating).
    pub fn more_autonomy(self) -> Style {
        Style::ALL[(self.rank() + 1).min(Style::ALL.len() - 1)]
    }

    /// One step back towards direction.
    pub fn more_direction(self) -> Style {
        Style::ALL[self.rank().saturating_sub(1)]
    }

    /// Days between check-ins: often while telling, occasionally once delegated.
    pub fn check_in_days(self) -> i64 {
        match self {
            Style::Telling => 3,
            Style::Selling => 7,
            Style::Participating => 14,
            Style::Delegating => 28,
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Style::Telling => {
                "new to this: spell out the steps and what done looks like, check in often"
            }
            Style::Selling => "keen but unsure: explain why, coach them through it, back each step",
            Style::Participating => {
                "capable: let them lead, help with decisions and blockers when asked"
            }
            Style::Delegating => "fully capable: hand it over whole and stay within reach",
        }
    }
}

word_enum! {
    pub enum Status {
        /// Being prepared: expectations are still being written.
        Draft = "draft",
        /// Handed over and running.
        Active = "active",
        Done = "done",
        Cancelled = "cancelled",
    }
}

word_enum! {
    pub enum Outcome {
        Met = "met",
        Partly = "partly",
        Missed = "missed",
    }
}

/// What must be agreed before handing work over (the SMART goals plus *trackable*).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expectations {
    /// The outcome expected, who else is involved, what they need to know.
    pub specific: Option<String>,
    /// How success is measured: a number, or a deliverable.
    pub measurable: Option<String>,
    /// Why it can be done with the time and help available.
    pub achievable: Option<String>,
    /// Why it matters.
    pub relevant: Option<String>,
    /// The deadline (time-bound).
    pub deadline: Option<Date>,
    /// Where progress is visible and how often you look at it together.
    pub trackable: Option<String>,
}

/// The six expectations: field, label, the question each answers.
pub const EXPECTATIONS: [(&str, &str, &str); 6] = [
    (
        "specific",
        "Specific",
        "What result do you expect, who else is involved, and what do they need to know?",
    ),
    (
        "measurable",
        "Measurable",
        "How will both of you know it is done: a number to reach or a thing to deliver?",
    ),
    (
        "achievable",
        "Achievable",
        "Can it really be done with the time and help they have? What did you agree on?",
    ),
    (
        "relevant",
        "Relevant",
        "Why does it matter, to the team and to them?",
    ),
    ("time-bound", "Time-bound", "By when?"),
    (
        "trackable",
        "Trackable",
        "Where will progress be visible, and when will you look at it together?",
    ),
];

fn blank(s: &Option<String>) -> bool {
    s.as_deref().is_none_or(|s| s.trim().is_empty())
}

impl Expectations {
    /// The expectations still missing, by field name.
    pub fn missing(&self) -> Vec<&'static str> {
        let filled = [
            !blank(&self.specific),
            !blank(&self.measurable),
            !blank(&self.achievable),
            !blank(&self.relevant),
            self.deadline.is_some(),
            !blank(&self.trackable),
        ];
        EXPECTATIONS
            .iter()
            .zip(filled)
            .filter(|(_, ok)| !ok)
            .map(|((field, _, _), _)| *field)
            .collect()
    }

    pub fn is_complete(&self) -> bool {
        self.missing().is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckIn {
    pub due: Date,
    pub done_on: Option<Date>,
    pub note: Option<String>,
}

/// The conversation at the end, both ways.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub what_worked: Option<String>,
    pub challenges: Option<String>,
    pub do_better: Option<String>,
    /// Their answer to: what could I have done to support you better?
    pub their_feedback: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delegation {
    pub id: i64,
    pub person_id: i64,
    pub title: String,
    /// The kind of work, for the working-style fit and the lead's balance.
    pub category: Category,
    pub style: Style,
    pub expectations: Expectations,
    pub status: Status,
    pub created_on: Date,
    pub handed_over_on: Option<Date>,
    pub check_ins: Vec<CheckIn>,
    pub outcome: Option<Outcome>,
    pub follow_up: FollowUp,
    pub closed_on: Option<Date>,
    /// The candidate it came from (`calendar:UID`, `task:ID`), so it is not offered again.
    pub origin: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DelegationError {
    #[error(
        "the expectations are not complete: {}. Agree on them with {person} before handing it over",
        .missing.join(", ")
    )]
    Incomplete {
        person: String,
        missing: Vec<&'static str>,
    },
    #[error("it is {0}, not a draft: only a draft is handed over")]
    NotDraft(Status),
    #[error("it is {0}, not running: only an active delegation takes check-ins or a follow-up")]
    NotActive(Status),
    #[error("the deadline {0} has passed: agree on a new one first")]
    DeadlinePassed(Date),
    #[error(
        "the deadline {deadline} is before today ({today}): give a date still ahead, or allow a \
         past one on purpose (--allow-past); a delegation is only handed over before its deadline"
    )]
    DeadlineInPast { deadline: Date, today: Date },
    #[error(
        "the follow-up goes both ways: ask {0} what you could have done to support them better, and note their answer"
    )]
    OneWay(String),
    #[error("note what worked, what was hard or what to do better next time")]
    NoReflection,
}

/// Refuses a deadline set before `today`: a delegation whose deadline has passed cannot be
/// handed over, so a past date is almost always a typo (or an example copied as it was).
pub fn check_deadline(deadline: Option<Date>, today: Date) -> Result<(), DelegationError> {
    match deadline {
        Some(deadline) if deadline < today => {
            Err(DelegationError::DeadlineInPast { deadline, today })
        }
        _ => Ok(()),
    }
}

/// Never more check-ins than this, however long the delegation runs.
pub const MAX_CHECK_INS: usize = 12;

/// Check-in dates from a handover on `from` until `deadline`, at the style's interval; at
/// least one, halfway, when the interval is longer than the whole delegation.
pub fn schedule(from: Date, deadline: Date, style: Style) -> Vec<CheckIn> {
    let step = style.check_in_days();
    let mut due: Vec<Date> = (1..)
        .map(|k| add_days(from, step * k))
        .take_while(|d| *d < deadline)
        .take(MAX_CHECK_INS)
        .collect();
    if due.is_empty() {
        let half = crate::time::days_between(from, deadline) / 2;
        due.push(add_days(from, half.max(0)));
    }
    due.into_iter()
        .map(|due| CheckIn {
            due,
            done_on: None,
            note: None,
        })
        .collect()
}

impl Delegation {
    /// A draft of `title` for `person_id`, begun on `created_on`: nothing agreed, handed over
    /// or checked yet; the store gives it its id.
    pub fn draft(
        person_id: i64,
        title: String,
        category: Category,
        style: Style,
        created_on: Date,
    ) -> Delegation {
        Delegation {
            id: 0,
            person_id,
            title,
            category,
            style,
            expectations: Expectations::default(),
            status: Status::Draft,
            created_on,
            handed_over_on: None,
            check_ins: Vec::new(),
            outcome: None,
            follow_up: FollowUp::default(),
            closed_on: None,
            origin: None,
        }
    }

    /// Hands a draft over: refused while an expectation is missing or the deadline has passed.
    pub fn hand_over(&mut self, person: &str, today: Date) -> Result<(), DelegationError> {
        if self.status != Status::Draft {
            return Err(DelegationError::NotDraft(self.status));
        }
        let missing = self.expectations.missing();
        if !missing.is_empty() {
            return Err(DelegationError::Incomplete {
                person: person.to_string(),
                missing,
            });
        }
        let deadline = self.expectations.deadline.unwrap_or(today);
        if deadline < today {
            return Err(DelegationError::DeadlinePassed(deadline));
        }
        self.status = Status::Active;
        self.handed_over_on = Some(today);
        self.check_ins = schedule(today, deadline, self.style);
        Ok(())
    }

    /// Records a check-in held today: the earliest open one, or an extra one.
    pub fn check_in(&mut self, today: Date, note: Option<String>) -> Result<(), DelegationError> {
        if self.status != Status::Active {
            return Err(DelegationError::NotActive(self.status));
        }
        match self.check_ins.iter_mut().find(|c| c.done_on.is_none()) {
            Some(c) => {
                c.done_on = Some(today);
                c.note = note;
            }
            None => self.check_ins.push(CheckIn {
                due: today,
                done_on: Some(today),
                note,
            }),
        }
        Ok(())
    }

    /// Closes it with the two-way follow-up: the lead's reflection and theirs on the support.
    pub fn close(
        &mut self,
        person: &str,
        outcome: Outcome,
        follow_up: FollowUp,
        today: Date,
    ) -> Result<(), DelegationError> {
        if self.status != Status::Active {
            return Err(DelegationError::NotActive(self.status));
        }
        if blank(&follow_up.their_feedback) {
            return Err(DelegationError::OneWay(person.to_string()));
        }
        if blank(&follow_up.what_worked)
            && blank(&follow_up.challenges)
            && blank(&follow_up.do_better)
        {
            return Err(DelegationError::NoReflection);
        }
        self.status = Status::Done;
        self.outcome = Some(outcome);
        self.follow_up = follow_up;
        self.closed_on = Some(today);
        Ok(())
    }

    pub fn is_open(&self) -> bool {
        matches!(self.status, Status::Draft | Status::Active)
    }

    /// Check-ins due by `today` and not held.
    pub fn overdue_check_ins(&self, today: Date) -> Vec<&CheckIn> {
        if self.status != Status::Active {
            return Vec::new();
        }
        self.check_ins
            .iter()
            .filter(|c| c.done_on.is_none() && c.due <= today)
            .collect()
    }

    /// The next check-in not yet held.
    pub fn next_check_in(&self) -> Option<&CheckIn> {
        self.check_ins.iter().find(|c| c.done_on.is_none())
    }

    /// Running past its deadline: time for the follow-up conversation.
    pub fn follow_up_due(&self, today: Date) -> bool {
        self.status == Status::Active && self.expectations.deadline.is_some_and(|d| d <= today)
    }
}

/// One delegation in someone's style history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StyleStep {
    pub delegation_id: i64,
    pub title: String,
    pub style: Style,
    pub on: Date,
    pub outcome: Option<Outcome>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StyleHistory {
    pub person_id: i64,
    /// Oldest first.
    pub steps: Vec<StyleStep>,
    pub suggested: Style,
    pub why: String,
    /// Still told step by step after several successes.
    pub stuck: bool,
}

/// How the style of someone's delegations moved, and the style to use next: one step towards
/// autonomy after a success, one back after a miss.
pub fn style_history(person_id: i64, first_name: &str, all: &[Delegation]) -> StyleHistory {
    let mut theirs: Vec<&Delegation> = all
        .iter()
        .filter(|d| d.person_id == person_id && d.status != Status::Cancelled)
        .collect();
    theirs.sort_by_key(|d| (d.handed_over_on.unwrap_or(d.created_on), d.id));
    let steps: Vec<StyleStep> = theirs
        .iter()
        .map(|d| StyleStep {
            delegation_id: d.id,
            title: d.title.clone(),
            style: d.style,
            on: d.handed_over_on.unwrap_or(d.created_on),
            outcome: d.outcome,
        })
        .collect();
    let closed: Vec<&StyleStep> = steps.iter().filter(|s| s.outcome.is_some()).collect();
    let (suggested, why) = match closed.last() {
        None => (
            Style::Selling,
            format!(
                "Nothing handed to {first_name} has finished yet: start with more guidance and \
                 pull back as they grow."
            ),
        ),
        Some(last) => match last.outcome {
            Some(Outcome::Met) => (
                last.style.more_autonomy(),
                format!(
                    "“{}” went well with {}: give {first_name} a little more room next time.",
                    last.title, last.style
                ),
            ),
            Some(Outcome::Missed) => (
                last.style.more_direction(),
                format!(
                    "“{}” missed its goal with {}: give {first_name} more support next time.",
                    last.title, last.style
                ),
            ),
            _ => (
                last.style,
                format!(
                    "“{}” partly met its goal: stay with {} until it lands.",
                    last.title, last.style
                ),
            ),
        },
    };
    let recent: Vec<&&StyleStep> = closed.iter().rev().take(3).collect();
    let stuck = recent.len() == 3
        && recent
            .iter()
            .all(|s| s.style == Style::Telling && s.outcome == Some(Outcome::Met));
    StyleHistory {
        person_id,
        steps,
        suggested,
        why,
        stuck,
    }
}

/// Whether one person gets most of the delegations: at least four since `since`, and one
/// person with more than half. Returns (person id, their count, the total).
pub fn concentration(all: &[Delegation], since: Date) -> Option<(i64, usize, usize)> {
    let mut counts: BTreeMap<i64, usize> = BTreeMap::new();
    let recent = all
        .iter()
        .filter(|d| d.status != Status::Cancelled && d.created_on >= since);
    for d in recent {
        *counts.entry(d.person_id).or_default() += 1;
    }
    let total: usize = counts.values().sum();
    let (id, top) = counts
        .iter()
        .max_by_key(|(id, c)| (**c, std::cmp::Reverse(**id)))?;
    (total >= 4 && top * 2 > total).then_some((*id, *top, total))
}

/// Time to get back into focused work after an interruption: what makes a "quick" task cost
/// more than its length.
pub const REFOCUS_MINUTES: i64 = 23;
/// A series the lead did alone at least this often is recurring work.
pub const MIN_OCCURRENCES: usize = 3;

/// One past occurrence of something the lead did alone in the calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SoloOccurrence {
    /// The series it belongs to (the event's UID).
    pub key: String,
    pub title: String,
    pub category: Category,
    pub minutes: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    /// `calendar:UID` or `task:ID`.
    pub origin: String,
    pub title: String,
    pub category: Category,
    /// How often it happened in the window (1 for a task).
    pub occurrences: usize,
    pub minutes_each: i64,
    /// What it really costs: its length plus the refocus time, for every occurrence.
    pub true_cost_minutes: i64,
    /// The true cost per week, for recurring work.
    pub weekly_cost_minutes: Option<i64>,
    pub why: String,
}

/// Titles of time the lead protects for themselves rather than work to hand over.
const PROTECTED: &[&str] = &[
    "focus",
    "deep work",
    "heads down",
    "no meetings",
    "blocked time",
];

/// Work that is not the lead's to hand over: their thinking time, learning, private life and
/// the blocks they protect for their own deep work.
fn keeps(o: &SoloOccurrence) -> bool {
    let title = o.title.to_lowercase();
    matches!(
        o.category,
        Category::Think | Category::Grow | Category::Personal
    ) || PROTECTED.iter().any(|p| title.contains(p))
}

/// Recurring work the lead did alone over `weeks` weeks, costliest first.
pub fn recurring_candidates(occurrences: &[SoloOccurrence], weeks: i64) -> Vec<Candidate> {
    let mut series: BTreeMap<&str, Vec<&SoloOccurrence>> = BTreeMap::new();
    for o in occurrences.iter().filter(|o| !keeps(o)) {
        series.entry(o.key.as_str()).or_default().push(o);
    }
    let weeks = weeks.max(1);
    let mut out: Vec<Candidate> = series
        .into_iter()
        .filter(|(_, v)| v.len() >= MIN_OCCURRENCES)
        .map(|(key, v)| {
            let total: i64 = v.iter().map(|o| o.minutes).sum();
            let n = v.len() as i64;
            let true_cost = total + REFOCUS_MINUTES * n;
            let last = v[v.len() - 1];
            Candidate {
                origin: format!("calendar:{key}"),
                title: last.title.clone(),
                category: last.category,
                occurrences: v.len(),
                minutes_each: total / n,
                true_cost_minutes: true_cost,
                weekly_cost_minutes: Some(true_cost / weeks),
                why: format!(
                    "You did it alone {} in {}: {} each, {} a week once the {} it takes to \
                     refocus afterwards is counted.",
                    plural(n, "time", "times"),
                    plural(weeks, "week", "weeks"),
                    hm(total / n),
                    hm(true_cost / weeks),
                    hm(REFOCUS_MINUTES)
                ),
            }
        })
        .collect();
    out.sort_by_key(|c| (std::cmp::Reverse(c.weekly_cost_minutes), c.title.clone()));
    out
}

/// Open tasks in the delegate quadrant (urgent, not important) that are not only the lead's.
pub fn task_candidates(tasks: &[Task]) -> Vec<Candidate> {
    tasks
        .iter()
        .filter(|t| t.is_open() && t.quadrant() == Quadrant::Delegate && !t.only_me)
        .map(|t| {
            let minutes = t.estimate_minutes.unwrap_or(30);
            Candidate {
                origin: format!("task:{}", t.id),
                title: t.title.clone(),
                category: t.category,
                occurrences: 1,
                minutes_each: minutes,
                true_cost_minutes: minutes + REFOCUS_MINUTES,
                weekly_cost_minutes: None,
                why: "Urgent but not important, and not only yours: a task someone else can take."
                    .into(),
            }
        })
        .collect()
}

/// Someone who could take a piece of work, with what the lead knows of their load.
#[derive(Debug, Clone)]
pub struct PoolMember<'a> {
    pub person: &'a Person,
    /// Delegations of theirs still running.
    pub active_delegations: usize,
    /// Open action items of theirs from 1:1s.
    pub open_actions: usize,
    /// Delegations they received recently (the last 90 days).
    pub received_recently: usize,
}

/// How well someone fits a piece of work, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fit {
    pub person_id: i64,
    pub name: String,
    pub score: i64,
    pub interests: Vec<String>,
    pub growth_goals: Vec<String>,
    pub knowledge: Vec<String>,
    pub style_fit: Option<bool>,
    pub active_delegations: usize,
    pub received_recently: usize,
    pub reasons: Vec<String>,
}

const STOPWORDS: &[&str] = &[
    "the", "and", "for", "with", "our", "new", "into", "from", "that", "this", "weekly", "daily",
    "monthly", "review", "meeting", "sync", "team", "work",
];

fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 3 && !STOPWORDS.contains(w))
        .map(str::to_string)
        .collect()
}

/// Two words are the same topic when one is the other's start, or they share five letters.
fn same_topic(a: &str, b: &str) -> bool {
    let stem = |w: &str| w.chars().take(5).collect::<String>();
    a == b || (a.len() >= 5 && b.len() >= 5 && stem(a) == stem(b))
}

/// The phrases of `list` that share a topic with `text`.
fn matching(list: &[String], text_words: &[String]) -> Vec<String> {
    list.iter()
        .filter(|phrase| {
            words(phrase)
                .iter()
                .any(|w| text_words.iter().any(|t| same_topic(w, t)))
        })
        .cloned()
        .collect()
}

/// The working style a kind of work suits: people work wants a communicator, technical work
/// someone who likes deep dives.
fn suits(category: Category) -> Option<WorkingStyle> {
    match category {
        Category::Lead | Category::Align => Some(WorkingStyle::Communicator),
        Category::Build | Category::Operate | Category::Think => Some(WorkingStyle::DeepDiver),
        _ => None,
    }
}

/// Ranks the pool for a piece of work described by `text`. Interest and the wish to grow
/// weigh most (motivation matters more than experience), then knowledge and working style;
/// a running workload and recent delegations count against, so the same person is not
/// always picked.
pub fn who_could_take(text: &str, category: Category, pool: &[PoolMember<'_>]) -> Vec<Fit> {
    let text_words = words(text);
    let least_received = pool.iter().map(|m| m.received_recently).min().unwrap_or(0);
    let mut out: Vec<Fit> = pool
        .iter()
        .map(|m| {
            let p = m.person;
            let interests = matching(&p.interests, &text_words);
            let growth_goals = matching(&p.growth_goals, &text_words);
            let knowledge = matching(&p.knowledge, &text_words);
            let style_fit = suits(category)
                .zip(p.working_style)
                .map(|(want, has)| has == want || has == WorkingStyle::Balanced);
            let extra_received = m.received_recently - least_received;
            let mut score = 3 * interests.len().min(2) as i64
                + 3 * growth_goals.len().min(2) as i64
                + 2 * knowledge.len().min(2) as i64;
            // A mismatch costs nothing: it may be the stretch someone needs.
            score += if style_fit == Some(true) { 2 } else { 0 };
            score -= m.active_delegations as i64 + (m.open_actions / 3) as i64;
            score -= 2 * extra_received as i64;
            let mut reasons = Vec::new();
            if !interests.is_empty() {
                reasons.push(format!("interested in {}", interests.join(", ")));
            }
            if !growth_goals.is_empty() {
                reasons.push(format!("wants to grow in {}", growth_goals.join(", ")));
            }
            if !knowledge.is_empty() {
                reasons.push(format!("knows {}", knowledge.join(", ")));
            }
            match (style_fit, p.working_style) {
                (Some(true), Some(s)) => reasons.push(format!("the work suits a {s}")),
                (Some(false), Some(s)) => reasons.push(format!(
                    "a {s}: the work may suit them less (or stretch them)"
                )),
                _ => {}
            }
            if m.active_delegations > 0 {
                reasons.push(format!(
                    "{} of yours already running",
                    plural(m.active_delegations, "delegation", "delegations")
                ));
            }
            if extra_received > 0 {
                reasons.push(format!(
                    "received {} lately, {extra_received} more than the least",
                    plural(m.received_recently, "delegation", "delegations")
                ));
            }
            Fit {
                person_id: p.id,
                name: p.name.clone(),
                score,
                interests,
                growth_goals,
                knowledge,
                style_fit,
                active_delegations: m.active_delegations,
                received_recently: m.received_recently,
                reasons,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(a.received_recently.cmp(&b.received_recently))
            .then_with(|| a.name.cmp(&b.name))
    });
    out
}

/// The vacation test looks this far ahead.
pub const VACATION_DAYS: i64 = 14;

word_enum! {
    pub enum AwayKind {
        /// Recurring work only the lead does.
        Solo = "solo-work",
        /// A meeting the lead organises for the team.
        Hosted = "hosted",
        /// A task the lead marked as theirs alone.
        OnlyMe = "only-me",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AwayItem {
    pub kind: AwayKind,
    pub what: String,
    /// How many times it falls in the two weeks (1 for a task).
    pub times: usize,
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VacationTest {
    pub from: Date,
    pub to: Date,
    pub items: Vec<AwayItem>,
    pub passes: bool,
    pub summary: String,
}

/// What would stop if the lead were away from `from` for two weeks: recurring solo work
/// (`solo`: title and times), meetings they host (`hosted`), and their only-me tasks.
pub fn vacation_test(
    from: Date,
    solo: &[(String, usize)],
    hosted: &[(String, usize)],
    tasks: &[Task],
) -> VacationTest {
    let to = add_days(from, VACATION_DAYS);
    let mut items: Vec<AwayItem> = solo
        .iter()
        .map(|(what, times)| AwayItem {
            kind: AwayKind::Solo,
            what: what.clone(),
            times: *times,
            why: "Only you do it: it stops, or waits for you.".into(),
        })
        .collect();
    items.extend(hosted.iter().map(|(what, times)| AwayItem {
        kind: AwayKind::Hosted,
        what: what.clone(),
        times: *times,
        why: "You run it: who facilitates while you are away?".into(),
    }));
    items.extend(
        tasks
            .iter()
            .filter(|t| t.is_open() && t.only_me && t.due.is_none_or(|d| d < to))
            .map(|t| AwayItem {
                kind: AwayKind::OnlyMe,
                what: t.title.clone(),
                times: 1,
                why: "Marked as only yours: could someone else do it with your context?".into(),
            }),
    );
    let passes = items.is_empty();
    let summary = if passes {
        "Nothing would stop if you were away for two weeks: the team carries on without you.".into()
    } else {
        format!(
            "{} would stop or wait if you were away for two weeks: hand them over, \
             document them or pair on them before you need to.",
            plural(items.len(), "thing", "things")
        )
    };
    VacationTest {
        from,
        to,
        items,
        passes,
        summary,
    }
}

#[cfg(test)]
mod tests;

//! Tech debt (B9): the debt wall, each item scored 1–5 on five factors with a composite
//! priority and its place in the effort-value matrix; and the share of build time the team
//! actually spends on debt, held against the allocation it agreed (20 % by default).
//!
//! The numbers, exactly:
//! - *Priority* = (value + risk + frequency + alignment) / effort, rounded to two decimals:
//!   from 0.8 (all ones over an effort of 5) to 20 (all fives over an effort of 1). Effort
//!   divides because the same benefit bought for less effort comes first.
//! - *Quadrant*: value ≥ 3 and effort ≤ 2 is a quick win; value ≥ 3 and effort ≥ 3 a major
//!   project; value ≤ 2 and effort ≤ 2 a fill-in; value ≤ 2 and effort ≥ 3 is to avoid (or to
//!   tolerate on purpose).
//! - An activity is *debt work* when its category is build and its title or the name of the
//!   rule that categorised it contains one of the team's debt words (ignoring case).
//! - The *allocation* of a period: each second goes to one activity exactly as in the balance
//!   report (`report::attribute`); the build seconds and the debt-work seconds are summed per
//!   ISO week, in whole minutes; the period's totals are the sums of its weeks; the share is
//!   debt minutes / build minutes in percent, one decimal; it is below target when there was
//!   build time and the share is under the agreed percent.

#[cfg(test)]
mod tests;

pub use crate::growth::Keyed;

use crate::activity::{Activity, Interval};
use crate::category::Category;
use crate::time;
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

/// The share of build time the team agrees to spend on debt unless it says otherwise: the
/// reference's 80/20 rule.
pub const DEFAULT_TARGET_PERCENT: u8 = 20;

/// The words that mark an activity as debt work unless the team chooses its own.
pub const DEFAULT_WORDS: &[&str] = &["tech debt", "#debt", "refactor", "cleanup", "upgrade"];

/// The complete weeks the coach looks back over.
pub const COACH_WEEKS: i64 = 4;

word_enum! {
    /// Where a debt comes from.
    pub enum DebtType {
        /// Taken on purpose to move fast: duplicated code, tight coupling, skipped tests.
        Intentional = "intentional",
        /// The world moved on and the system stayed still: outdated libraries, old runtimes.
        Drift = "drift",
        /// Old features few use, built in ways few still understand.
        Product = "product",
        Test = "test",
        Infra = "infra",
        Security = "security",
    }
}

word_enum! {
    pub enum Status {
        /// On the wall, not yet ranked.
        Listed = "listed",
        /// Ranked and in the backlog.
        Prioritised = "prioritised",
        InProgress = "in-progress",
        Done = "done",
        /// Lived with on purpose, for a reason written down.
        Tolerated = "tolerated",
    }
}

word_enum! {
    /// The item's cell in the effort-value matrix.
    pub enum Quadrant {
        /// High value, low effort: where to start.
        QuickWin = "quick-win",
        /// High value, high effort: plan it deliberately.
        MajorProject = "major-project",
        /// Low value, low effort: when there is slack.
        FillIn = "fill-in",
        /// Low value, high effort: avoid, or tolerate on purpose.
        Avoid = "avoid",
    }
}

impl Quadrant {
    /// How people read it.
    pub fn label(self) -> &'static str {
        match self {
            Quadrant::QuickWin => "Quick win",
            Quadrant::MajorProject => "Major project",
            Quadrant::FillIn => "Fill-in",
            Quadrant::Avoid => "Avoid / tolerate",
        }
    }
}

impl Status {
    /// Still to be paid: neither done nor tolerated.
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Done | Status::Tolerated)
    }
}

/// The five factors, each from 1 (least) to 5 (most).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scores {
    /// How much work resolving it takes.
    pub effort: u8,
    /// What resolving it is worth: faster delivery, fewer incidents, easier onboarding.
    pub value: u8,
    /// How bad it is when it bites (outage, security, data).
    pub risk: u8,
    /// How often it gets in the way.
    pub frequency: u8,
    /// How closely resolving it serves the strategic goals.
    pub alignment: u8,
}

impl Scores {
    /// Each score with the name of its field.
    pub fn named(&self) -> [(&'static str, u8); 5] {
        [
            ("effort", self.effort),
            ("value", self.value),
            ("risk", self.risk),
            ("frequency", self.frequency),
            ("alignment", self.alignment),
        ]
    }

    /// (value + risk + frequency + alignment) / effort, two decimals.
    pub fn priority(&self) -> f64 {
        // Summed as floats: a record read from elsewhere may hold any u8, and must not overflow.
        let benefit: f64 = [self.value, self.risk, self.frequency, self.alignment]
            .into_iter()
            .map(f64::from)
            .sum();
        let p = benefit / f64::from(self.effort.max(1));
        (p * 100.0).round() / 100.0
    }

    pub fn quadrant(&self) -> Quadrant {
        match (self.value >= 3, self.effort <= 2) {
            (true, true) => Quadrant::QuickWin,
            (true, false) => Quadrant::MajorProject,
            (false, true) => Quadrant::FillIn,
            (false, false) => Quadrant::Avoid,
        }
    }
}

/// One item on the debt wall.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DebtItem {
    pub title: String,
    #[serde(rename = "type")]
    pub kind: DebtType,
    /// The part of the system it lives in (a module, a service).
    pub area: String,
    /// How it came to be, and what it looks like.
    #[serde(default)]
    pub context: String,
    /// What it costs today, in the words of the people who pay it.
    #[serde(default)]
    pub impact: String,
    /// Issues, documents, dashboards: URLs or plain text.
    #[serde(default)]
    pub links: Vec<String>,
    pub scores: Scores,
    pub status: Status,
    /// Why the team lives with it; required when tolerated.
    #[serde(default)]
    pub tolerated_reason: Option<String>,
    /// Who keeps it up to date and pushes for it (an id in People).
    #[serde(default)]
    pub champion: Option<i64>,
    pub created_on: Date,
    #[serde(default)]
    pub done_on: Option<Date>,
}

/// Why a debt item or policy cannot be kept as given; `field` names the field at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DebtError {
    #[error("a debt item needs a title: what is wrong, in a few words")]
    NoTitle,
    #[error("a debt item needs an area: the module or service it lives in")]
    NoArea,
    #[error("{field} is {value}: score it from 1 (least) to 5 (most)")]
    Score { field: &'static str, value: u8 },
    #[error("a link is blank: give a URL or a few words naming the issue or document")]
    BlankLink,
    #[error("a tolerated item needs its reason: say why the team lives with it (and until when)")]
    NoReason,
    #[error("the target is {0} %: agree a share of build time from 1 to 100 %")]
    Target(u8),
    #[error("the policy needs at least one debt word (e.g. \"refactor\", \"#debt\")")]
    NoWords,
}

impl DebtError {
    /// The record's field at fault.
    pub fn field(&self) -> &'static str {
        match self {
            DebtError::NoTitle => "title",
            DebtError::NoArea => "area",
            DebtError::Score { field, .. } => field,
            DebtError::BlankLink => "links",
            DebtError::NoReason => "reason",
            DebtError::Target(_) => "target",
            DebtError::NoWords => "words",
        }
    }
}

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

impl DebtItem {
    /// Refuses an item with no title or area, a score outside 1–5, a blank link, or a
    /// tolerated status without its reason.
    pub fn check(&self) -> Result<(), DebtError> {
        if blank(&self.title) {
            return Err(DebtError::NoTitle);
        }
        if blank(&self.area) {
            return Err(DebtError::NoArea);
        }
        if let Some((field, value)) = self
            .scores
            .named()
            .into_iter()
            .find(|(_, v)| !(1..=5).contains(v))
        {
            return Err(DebtError::Score { field, value });
        }
        if self.links.iter().any(|l| blank(l)) {
            return Err(DebtError::BlankLink);
        }
        let reason = self.tolerated_reason.as_deref().is_some_and(|r| !blank(r));
        if self.status == Status::Tolerated && !reason {
            return Err(DebtError::NoReason);
        }
        Ok(())
    }

    pub fn priority(&self) -> f64 {
        self.scores.priority()
    }

    pub fn quadrant(&self) -> Quadrant {
        self.scores.quadrant()
    }
}

/// Highest priority first; ties by id.
pub fn by_priority(items: &mut [Keyed<DebtItem>]) {
    items.sort_by(|a, b| {
        b.record
            .priority()
            .total_cmp(&a.record.priority())
            .then(a.id.cmp(&b.id))
    });
}

/// The open item (neither done nor tolerated) to do first: the best quick win, or else the
/// highest priority.
pub fn top_open(items: &[Keyed<DebtItem>]) -> Option<&Keyed<DebtItem>> {
    let mut open: Vec<&Keyed<DebtItem>> =
        items.iter().filter(|i| i.record.status.is_open()).collect();
    open.sort_by(|a, b| {
        let quick = |i: &Keyed<DebtItem>| i.record.quadrant() == Quadrant::QuickWin;
        quick(b)
            .cmp(&quick(a))
            .then(b.record.priority().total_cmp(&a.record.priority()))
            .then(a.id.cmp(&b.id))
    });
    open.first().copied()
}

/// The allocation the team agreed, and the words that mark debt work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DebtPolicy {
    pub target_percent: u8,
    pub words: Vec<String>,
}

impl Default for DebtPolicy {
    fn default() -> Self {
        DebtPolicy {
            target_percent: DEFAULT_TARGET_PERCENT,
            words: DEFAULT_WORDS.iter().map(|w| w.to_string()).collect(),
        }
    }
}

impl DebtPolicy {
    pub fn check(&self) -> Result<(), DebtError> {
        if !(1..=100).contains(&self.target_percent) {
            return Err(DebtError::Target(self.target_percent));
        }
        if self.words.iter().all(|w| blank(w)) {
            return Err(DebtError::NoWords);
        }
        Ok(())
    }

    /// Words from a comma-separated list: trimmed, lower-cased, blanks and repeats left out.
    pub fn parse_words(list: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for w in list.split(',').map(|w| w.trim().to_lowercase()) {
            if !w.is_empty() && !out.contains(&w) {
                out.push(w);
            }
        }
        out
    }

    fn matches(&self, text: &str) -> bool {
        let text = text.to_lowercase();
        self.words
            .iter()
            .map(|w| w.trim().to_lowercase())
            .any(|w| !w.is_empty() && text.contains(&w))
    }

    /// Build time whose title or categorisation rule names a debt word.
    pub fn is_debt_work(&self, a: &Activity) -> bool {
        a.category == Category::Build && (self.matches(&a.title) || self.matches(&a.rule))
    }
}

/// One ISO week of the allocation (clipped to the period).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeekShare {
    /// `2026-W14`.
    pub week: String,
    pub monday: Date,
    pub debt_minutes: i64,
    pub build_minutes: i64,
    /// Debt minutes over build minutes in percent; none without build time.
    pub share_percent: Option<f64>,
    pub below_target: bool,
}

/// The share of build time spent on debt over `[from, to)`, against the target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Allocation {
    pub from: Date,
    /// Exclusive.
    pub to: Date,
    pub target_percent: u8,
    pub words: Vec<String>,
    pub debt_minutes: i64,
    pub build_minutes: i64,
    pub share_percent: Option<f64>,
    pub below_target: bool,
    pub weeks: Vec<WeekShare>,
}

/// `debt / build` in percent with one decimal, and whether it is under `target`.
fn share(debt: i64, build: i64, target: u8) -> (Option<f64>, bool) {
    if build <= 0 {
        return (None, false);
    }
    let pct = (debt as f64 * 1000.0 / build as f64).round() / 10.0;
    (Some(pct), pct < f64::from(target))
}

/// The allocation of `[from, to)` in zone `tz`; time after `now` has not happened and is not
/// counted.
pub fn allocation(
    activities: &[Activity],
    policy: &DebtPolicy,
    tz: &TimeZone,
    (from, to): (Date, Date),
    now: Timestamp,
) -> Allocation {
    let start = time::day_start(from, tz);
    let end = time::day_start(to, tz).min(now).max(start);
    let segments = crate::report::attribute(activities, Interval::new(start, end));
    let mut weeks = Vec::new();
    let mut monday = time::week_start(from);
    while monday < to {
        let span = Interval::new(
            time::day_start(monday.max(from), tz),
            time::day_start(time::add_days(monday, 7).min(to), tz),
        );
        let (mut build, mut debt) = (0, 0);
        for s in &segments {
            let a = &activities[s.activity];
            if a.category != Category::Build {
                continue;
            }
            let secs = s.span.overlap_seconds(&span);
            build += secs;
            if policy.is_debt_work(a) {
                debt += secs;
            }
        }
        let (debt_minutes, build_minutes) = (debt / 60, build / 60);
        let (share_percent, below_target) =
            share(debt_minutes, build_minutes, policy.target_percent);
        weeks.push(WeekShare {
            week: time::iso_week_label(monday),
            monday,
            debt_minutes,
            build_minutes,
            share_percent,
            below_target,
        });
        monday = time::add_days(monday, 7);
    }
    let debt_minutes = weeks.iter().map(|w| w.debt_minutes).sum();
    let build_minutes = weeks.iter().map(|w| w.build_minutes).sum();
    let (share_percent, below_target) = share(debt_minutes, build_minutes, policy.target_percent);
    Allocation {
        from,
        to,
        target_percent: policy.target_percent,
        words: policy.words.clone(),
        debt_minutes,
        build_minutes,
        share_percent,
        below_target,
        weeks,
    }
}

/// What the coach reads of the debt wall: every item, and the allocation of the last
/// [`COACH_WEEKS`] complete weeks (none when the app did not compute it).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DebtFacts {
    pub items: Vec<Keyed<DebtItem>>,
    pub allocation: Option<Allocation>,
}

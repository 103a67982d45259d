//! What the rules read: plain data the app gathers from the store once per evaluation.

use super::InsightSettings;
use crate::delegation::Delegation;
use crate::feedback::Feedback;
use crate::growth::{GrowthPlan, Keyed, Progress, Step, Support, Win};
use crate::inbox::InboxItem;
use crate::people::{OneOnOne, Person, Relation};
use crate::relationships::{Commitment, ContactStatus};
use crate::rituals::RitualStatus;
use crate::tasks::Task;
use crate::{Category, Profile, Report, Target};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// Everything the coach looks at, as of `today`.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub today: Date,
    pub profile: Profile,
    pub settings: InsightSettings,
    /// Complete weeks (Monday to Sunday, all before today's week), oldest first, each with
    /// its report and phase.
    pub weeks: Vec<WeekFacts>,
    pub tasks: Vec<Task>,
    /// The weekly reviews of accepted plans, oldest first.
    pub plans: Vec<PlanWeek>,
    pub inbox: Vec<InboxItem>,
    pub rituals: Vec<RitualStatus>,
    /// The journal's energy notes, by week.
    pub energy: Vec<EnergyMark>,
    /// Everyone not archived, with what the calendar and the records say of them.
    pub people: Vec<PersonFacts>,
    pub feedback: Vec<Feedback>,
    pub delegations: Vec<Delegation>,
    pub commitments: Vec<Commitment>,
    /// The growth plans and what moves them.
    pub growth: GrowthFacts,
    /// The team's decision records.
    pub decisions: Vec<crate::decisions::Decision>,
    /// The team's projects, each with its milestones.
    pub projects: Vec<crate::projects::ProjectFacts>,
    /// The incident register, with each incident's id.
    pub incidents: Vec<Keyed<crate::incidents::Incident>>,
    /// The lead's own on-call and incident time in the calendar (category operate) over the
    /// last [`crate::oncall::WEEKS`] weeks: it counts toward their out-of-hours load.
    pub oncall_time: Vec<crate::Interval>,
    /// The risk register, with each risk's id.
    pub risks: Vec<Keyed<crate::risks::Risk>>,
    /// The debt wall and the last four complete weeks' debt share of build time.
    pub debt: crate::debt::DebtFacts,
}

/// The growth records the coach reads: plans, their steps and support networks, the progress
/// log and wins, and when the lead was last in touch with each supporter.
#[derive(Debug, Clone, Default)]
pub struct GrowthFacts {
    pub plans: Vec<Keyed<GrowthPlan>>,
    pub steps: Vec<Keyed<Step>>,
    pub support: Vec<Keyed<Support>>,
    pub progress: Vec<Progress>,
    pub wins: Vec<Win>,
    /// `(person id, the last day of a 1:1 or a logged contact)`.
    pub last_contact: Vec<(i64, Date)>,
}

impl Snapshot {
    /// A snapshot with nothing in it but the profile: what a new store gives.
    pub fn empty(profile: Profile, today: Date) -> Snapshot {
        Snapshot {
            today,
            settings: InsightSettings::default(),
            profile,
            weeks: Vec::new(),
            tasks: Vec::new(),
            plans: Vec::new(),
            inbox: Vec::new(),
            rituals: Vec::new(),
            energy: Vec::new(),
            people: Vec::new(),
            feedback: Vec::new(),
            delegations: Vec::new(),
            commitments: Vec::new(),
            growth: GrowthFacts::default(),
            decisions: Vec::new(),
            projects: Vec::new(),
            incidents: Vec::new(),
            oncall_time: Vec::new(),
            risks: Vec::new(),
            debt: crate::debt::DebtFacts::default(),
        }
    }

    /// The Monday of today's week: what is still running, never judged.
    pub fn this_week(&self) -> Date {
        crate::time::week_start(self.today)
    }

    pub fn person(&self, id: i64) -> Option<&PersonFacts> {
        self.people.iter().find(|p| p.person.id == id)
    }

    pub fn name_of(&self, id: i64) -> String {
        self.person(id)
            .map_or_else(|| format!("person {id}"), |p| p.person.name.clone())
    }
}

/// One complete week.
#[derive(Debug, Clone)]
pub struct WeekFacts {
    pub monday: Date,
    pub report: Report,
    pub phase: Option<Phase>,
}

impl WeekFacts {
    /// Enough data to judge: at least a working day's worth of tracked time.
    pub fn has_data(&self, profile: &Profile) -> bool {
        let hours = &profile.working_hours;
        let days = (0..7).filter(|i| hours.hours(*i).is_some()).count() as i64;
        let day = if days > 0 {
            hours.weekly_minutes() / days
        } else {
            8 * 60
        };
        self.report.totals.minutes >= day
    }

    /// The target for `category` this week: the phase's when it sets one.
    pub fn target(&self, profile: &Profile, category: Category) -> Option<Target> {
        self.phase
            .as_ref()
            .and_then(|p| p.targets.iter().find(|t| t.category == category).copied())
            .or_else(|| profile.target(category).copied())
    }

    /// Whether the week's phase says rule `id` should not judge it (a planned crunch is not
    /// a warning).
    pub fn excuses(&self, id: &str) -> bool {
        self.phase.as_ref().is_some_and(|p| p.excuses(id))
    }

    /// The share of `category` in the week's report, in percent.
    pub fn share(&self, category: Category) -> f64 {
        self.report
            .categories
            .iter()
            .find(|c| c.category == category)
            .map_or(0.0, |c| c.share * 100.0)
    }

    pub fn minutes(&self, category: Category) -> i64 {
        self.report
            .categories
            .iter()
            .find(|c| c.category == category)
            .map_or(0, |c| c.minutes)
    }

    pub fn label(&self) -> String {
        crate::time::iso_week_label(self.monday)
    }
}

word_enum! {
    /// The kinds of period a lead can mark, each with the rules it excuses by default.
    pub enum PhaseKind {
        Crunch = "crunch",
        Planning = "planning",
        OnCall = "on-call",
        VacationCover = "vacation-cover",
        Vacation = "vacation",
        Custom = "custom",
    }
}

impl PhaseKind {
    /// The rules a week of this phase is not judged by, unless the phase says otherwise.
    pub fn default_excused(self) -> &'static [&'static str] {
        match self {
            PhaseKind::Crunch => &[
                "after-hours",
                "no-think-time",
                "no-grow-time",
                "plan-done-low",
                "meeting-overload",
            ],
            PhaseKind::Planning => &[
                "build-below-target",
                "no-code-weeks",
                "meeting-overload",
                "no-focus-block",
                "fragmented-days",
            ],
            PhaseKind::OnCall => &[
                "after-hours",
                "fragmented-days",
                "no-focus-block",
                "build-below-target",
            ],
            PhaseKind::VacationCover => &[
                "meeting-overload",
                "build-below-target",
                "no-code-weeks",
                "no-focus-block",
            ],
            PhaseKind::Vacation => &[
                "build-below-target",
                "no-code-weeks",
                "no-think-time",
                "no-grow-time",
                "plan-done-low",
            ],
            PhaseKind::Custom => &[],
        }
    }
}

/// A marked period with its own targets (PRODUCT.md §2: phase matters).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Phase {
    pub id: i64,
    pub kind: PhaseKind,
    pub name: String,
    /// First and last day, both included.
    pub from: Date,
    pub to: Date,
    /// Targets that replace the profile's for these weeks.
    pub targets: Vec<Target>,
    /// Rules that do not judge these weeks; `None` takes the kind's defaults.
    pub excused: Option<Vec<String>>,
}

impl Phase {
    pub fn excuses(&self, rule: &str) -> bool {
        match &self.excused {
            Some(list) => list.iter().any(|r| r == rule),
            None => self.kind.default_excused().contains(&rule),
        }
    }

    /// Whether it covers most of the week starting `monday` (four days or more).
    pub fn covers_week(&self, monday: Date) -> bool {
        crate::time::dates(monday, crate::time::add_days(monday, 7))
            .filter(|d| *d >= self.from && *d <= self.to)
            .count()
            >= 4
    }
}

/// The phase of the week starting `monday`, if one covers most of it (the latest begun wins).
pub fn phase_of(phases: &[Phase], monday: Date) -> Option<Phase> {
    phases
        .iter()
        .filter(|p| p.covers_week(monday))
        .max_by_key(|p| (p.from, p.id))
        .cloned()
}

/// The review of one accepted plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanWeek {
    pub monday: Date,
    pub planned_blocks: usize,
    pub done_blocks: usize,
    /// Done / planned, 0–1; `None` when nothing was planned.
    pub done_share: Option<f64>,
}

/// A weekly journal's energy notes: which kinds of work gave (+1) or drained (−1).
#[derive(Debug, Clone, PartialEq)]
pub struct EnergyMark {
    pub monday: Date,
    pub energy: Vec<(Category, i8)>,
}

impl EnergyMark {
    pub fn drained(&self) -> usize {
        self.energy.iter().filter(|(_, e)| *e < 0).count()
    }
    pub fn gave(&self) -> usize {
        self.energy.iter().filter(|(_, e)| *e > 0).count()
    }
}

/// A person with what the calendar and the records say of them.
#[derive(Debug, Clone)]
pub struct PersonFacts {
    pub person: Person,
    /// What the calendar shows of their 1:1s, oldest first.
    pub one_on_ones: Vec<OneOnOne>,
    /// The last day you met, in the calendar or logged.
    pub last_met: Option<Date>,
    /// Days past the cadence, when overdue.
    pub overdue_days: Option<i64>,
    /// 1:1s in a row the lead's side called off.
    pub called_off_in_a_row: usize,
    /// Logged 1:1s in a row with nothing of theirs on the agenda.
    pub quiet_streak: usize,
    /// Logged 1:1s.
    pub logged: usize,
    pub contact: ContactStatus,
    /// Still told step by step after several successes.
    pub style_stuck: bool,
}

impl PersonFacts {
    pub fn is(&self, relation: Relation) -> bool {
        self.person.relation == relation
    }
}

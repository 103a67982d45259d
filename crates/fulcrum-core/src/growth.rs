//! Growth: the lead's growth plans (a goal, why, what success looks like), their steps
//! (milestones with target dates and the people they depend on), the support network, the
//! opportunities, the progress log and the small wins, and skills rated over time by the lead
//! and by others. Types and their checks here; the rules over them in `growth::rules`.

pub mod rules;
#[cfg(test)]
mod tests;

pub use rules::Keyed;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

word_enum! {
    /// What a plan is about. At most two leadership goals are active in a quarter: one or two
    /// focused goals is what a quarter carries.
    pub enum GoalKind {
        Leadership = "leadership",
        Technical = "technical",
        Career = "career",
    }
}

word_enum! {
    pub enum PlanStatus {
        Active = "active",
        Done = "done",
        Archived = "archived",
    }
}

/// A growth plan. A transition plan is one with a `target_role`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrowthPlan {
    pub goal: String,
    #[serde(default)]
    pub why: String,
    /// What will be true when the goal is reached, one line each.
    #[serde(default)]
    pub success: Vec<String>,
    pub kind: GoalKind,
    pub status: PlanStatus,
    pub created_on: Date,
    /// The role the plan moves toward (`staff`, `engineering-manager` …), for transition plans.
    #[serde(default)]
    pub target_role: Option<String>,
}

word_enum! {
    pub enum StepStatus {
        Planned = "planned",
        Doing = "doing",
        Done = "done",
        Dropped = "dropped",
    }
}

/// A milestone of a plan: a checkpoint, with when it should be reached and who it waits on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub plan: i64,
    pub title: String,
    /// When work on it starts (for the timeline); the plan's creation when unset.
    #[serde(default)]
    pub start: Option<Date>,
    #[serde(default)]
    pub target: Option<Date>,
    /// People (ids) the step depends on.
    #[serde(default)]
    pub depends_on: Vec<i64>,
    pub status: StepStatus,
    #[serde(default)]
    pub done_on: Option<Date>,
}

word_enum! {
    /// Who helps: the manager (visibility, opportunities), the current lead (shadowing,
    /// handing over rituals), a mentor, a peer, a coach.
    pub enum SupportRole {
        Manager = "manager",
        CurrentLead = "current-lead",
        Mentor = "mentor",
        Peer = "peer",
        Coach = "coach",
    }
}

word_enum! {
    /// Which side of the job a mentor helps with: the articles advise one of each.
    pub enum Side {
        Technical = "technical",
        Managerial = "managerial",
        Both = "both",
    }
}

/// Someone in a plan's support network, with how often to check in with them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Support {
    pub plan: i64,
    pub person: i64,
    pub role: SupportRole,
    #[serde(default)]
    pub side: Option<Side>,
    /// Days between check-ins; `None` for no regular check-in.
    #[serde(default)]
    pub cadence_days: Option<u32>,
    #[serde(default)]
    pub note: String,
}

word_enum! {
    /// In the role (lead a retro, a small project), outside the day-to-day (shadow planning,
    /// a guild, a talk) or formal (a course, coaching, books from the learning budget).
    pub enum OpportunityKind {
        InRole = "in-role",
        Outside = "outside",
        Formal = "formal",
    }
}

word_enum! {
    pub enum OpportunityStatus {
        Idea = "idea",
        Doing = "doing",
        Done = "done",
        Dropped = "dropped",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Opportunity {
    pub plan: i64,
    pub title: String,
    pub kind: OpportunityKind,
    pub status: OpportunityStatus,
}

/// A small win: anything that moved the lead forward, linked to a goal or a milestone (or
/// waiting to be linked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Win {
    pub on: Date,
    pub text: String,
    #[serde(default)]
    pub plan: Option<i64>,
    #[serde(default)]
    pub step: Option<i64>,
    /// The proposal a win was accepted from (`delegation:12`, `feedback:4` …): a proposal
    /// accepted once is not offered again.
    #[serde(default)]
    pub source: Option<String>,
}

word_enum! {
    pub enum ProgressKind {
        Progress = "progress",
        StepDone = "step-done",
        Blocker = "blocker",
        Reflection = "reflection",
    }
}

/// A line of the progress log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub on: Date,
    pub text: String,
    pub kind: ProgressKind,
    #[serde(default)]
    pub plan: Option<i64>,
    #[serde(default)]
    pub step: Option<i64>,
}

word_enum! {
    /// The three families of skills: the technical skills across the delivery lifecycle, the
    /// seven leadership skills, and the four leadership skills no one person has all of.
    pub enum SkillArea {
        Technical = "technical",
        Leadership = "leadership",
        FourSkills = "four-skills",
        Other = "other",
    }
}

/// Every skill Fulcrum knows, by area, in the order the pages show them.
pub const SKILLS: [(&str, SkillArea); 16] = [
    ("planning and design", SkillArea::Technical),
    ("implementation", SkillArea::Technical),
    ("testing", SkillArea::Technical),
    ("deployment", SkillArea::Technical),
    ("maintenance", SkillArea::Technical),
    ("listening", SkillArea::Leadership),
    ("relationships", SkillArea::Leadership),
    ("feedback", SkillArea::Leadership),
    ("delegating", SkillArea::Leadership),
    ("facilitating", SkillArea::Leadership),
    ("conflict", SkillArea::Leadership),
    ("mentoring", SkillArea::Leadership),
    ("technical", SkillArea::FourSkills),
    ("operations", SkillArea::FourSkills),
    ("product", SkillArea::FourSkills),
    ("strategy", SkillArea::FourSkills),
];

/// The area of a skill; skills Fulcrum does not list are `Other`.
pub fn area_of(skill: &str) -> SkillArea {
    SKILLS
        .iter()
        .find(|(s, _)| s.eq_ignore_ascii_case(skill.trim()))
        .map_or(SkillArea::Other, |(_, a)| *a)
}

/// The lowest and highest rating: 1 is just starting out, 10 strong in the area.
pub const SCORES: std::ops::RangeInclusive<u8> = 1..=10;

/// Who gave a rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rater {
    /// The lead, of themself.
    #[serde(rename = "self")]
    Myself,
    /// Someone from People.
    Person(i64),
    Anonymous,
}

/// One rating of one skill on one day, with the example behind it and a suggestion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    pub skill: String,
    pub score: u8,
    pub by: Rater,
    pub on: Date,
    #[serde(default)]
    pub example: String,
    #[serde(default)]
    pub suggestion: String,
    /// What it came from (`assessment:2026-Q1`), when another record wrote it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

fn non_empty(what: &str, text: &str, example: &str) -> Result<(), String> {
    if text.trim().is_empty() {
        return Err(format!("{what} is empty: write one, such as \"{example}\""));
    }
    Ok(())
}

impl GrowthPlan {
    /// Checks a plan's fields; the message says what to change.
    pub fn check(&self) -> Result<(), String> {
        non_empty(
            "the goal",
            &self.goal,
            "Become the tech lead of my current team",
        )
    }
}

impl Step {
    pub fn check(&self) -> Result<(), String> {
        non_empty("the step", &self.title, "Shadow the lead in planning")?;
        if let (Some(start), Some(target)) = (self.start, self.target)
            && target < start
        {
            return Err(format!(
                "the step is due {target}, before it starts ({start}): move one of them"
            ));
        }
        Ok(())
    }

    /// Past its target date and not done (nor dropped) on `today`.
    pub fn overdue(&self, today: Date) -> bool {
        matches!(self.status, StepStatus::Planned | StepStatus::Doing)
            && self.target.is_some_and(|t| t < today)
    }
}

impl Win {
    pub fn check(&self) -> Result<(), String> {
        non_empty(
            "the win",
            &self.text,
            "Paired with Alex on the onboarding flow",
        )
    }
}

impl Progress {
    pub fn check(&self) -> Result<(), String> {
        non_empty(
            "the entry",
            &self.text,
            "Led the first knowledge-sharing session",
        )
    }
}

impl Opportunity {
    pub fn check(&self) -> Result<(), String> {
        non_empty(
            "the opportunity",
            &self.title,
            "Lead the next retrospective",
        )
    }
}

impl Rating {
    /// `score` for `skill` by `by` on `on`, with no example, suggestion or source yet.
    pub fn new(skill: &str, score: u8, by: Rater, on: Date) -> Rating {
        Rating {
            skill: skill.into(),
            score,
            by,
            on,
            example: String::new(),
            suggestion: String::new(),
            source: None,
        }
    }

    pub fn check(&self) -> Result<(), String> {
        non_empty("the skill", &self.skill, "delegating")?;
        if !SCORES.contains(&self.score) {
            return Err(format!(
                "a rating is {} to {}, not {}",
                SCORES.start(),
                SCORES.end(),
                self.score
            ));
        }
        Ok(())
    }
}

/// A conversation with someone who holds the role a transition plan aims at (or the manager):
/// who, when, what was asked and what was learned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conversation {
    #[serde(default)]
    pub plan: Option<i64>,
    /// Someone from People, or only a name in `with`.
    #[serde(default)]
    pub person: Option<i64>,
    pub with: String,
    pub on: Date,
    #[serde(default)]
    pub asked: Vec<String>,
    #[serde(default)]
    pub learned: String,
}

impl Conversation {
    pub fn check(&self) -> Result<(), String> {
        non_empty(
            "who the conversation was with",
            &self.with,
            "Ana (staff engineer)",
        )
    }
}

//! The rules over growth records: skill gaps between the lead's view and others', the holes
//! in a support network and the check-ins it is owed, the limit on leadership goals in a
//! quarter, a plan's timeline a quarter at a time, the wins Fulcrum can propose from what it
//! already knows, and how long a plan has gone without a sign of progress.

use super::{
    GoalKind, GrowthPlan, PlanStatus, Progress, Rater, Rating, SCORES, SKILLS, Side, SkillArea,
    Step, StepStatus, Support, SupportRole, Win, area_of,
};
use crate::delegation::{self, Delegation, Outcome};
use crate::feedback::{Direction, Feedback, Polarity};
use crate::time::{add_days, days_between, iso_week_label, week_start};
use crate::words::plural;
use jiff::ToSpan;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// A record with the id the store gave it: the records themselves carry no id, so rules that
/// must name or link one receive it alongside.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Keyed<T> {
    pub id: i64,
    #[serde(flatten)]
    pub record: T,
}

// ---------------------------------------------------------------------------------------------
// Skill gaps (C2.3)
// ---------------------------------------------------------------------------------------------

/// The state of one skill as of one date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SkillPoint {
    pub on: Date,
    pub self_score: Option<u8>,
    pub others_mean: Option<f64>,
    pub gap: Option<f64>,
}

/// One skill: the lead's latest rating, the others' mean, the gap and how they moved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SkillView {
    pub skill: String,
    pub area: SkillArea,
    /// The latest self rating.
    #[serde(rename = "self")]
    pub self_score: Option<u8>,
    /// The mean of each other rater's latest rating, to one decimal.
    pub others: Option<f64>,
    /// How many ratings that mean is made of.
    pub others_count: usize,
    /// Others − self, to one decimal: positive when others see more than the lead does.
    pub gap: Option<f64>,
    /// One point per date that has a rating of this skill, the state as of that date, oldest
    /// first.
    pub history: Vec<SkillPoint>,
}

fn one_decimal(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Who has rated a skill so far, as ratings are replayed in date order.
#[derive(Default)]
struct RatingState {
    myself: Option<u8>,
    /// Each person's latest rating.
    people: BTreeMap<i64, u8>,
    /// The latest round of anonymous ratings: anonymous raters cannot be told apart, so each
    /// rating is its own rater, and a later round replaces the earlier one instead of piling
    /// up next to it (the same people are likely answering again).
    anonymous: Option<(Date, Vec<u8>)>,
}

impl RatingState {
    fn apply(&mut self, r: &Rating) {
        match r.by {
            Rater::Myself => self.myself = Some(r.score),
            Rater::Person(id) => {
                self.people.insert(id, r.score);
            }
            Rater::Anonymous => match &mut self.anonymous {
                Some((on, scores)) if *on == r.on => scores.push(r.score),
                _ => self.anonymous = Some((r.on, vec![r.score])),
            },
        }
    }

    /// The others' mean (one decimal) and the number of ratings in it.
    fn others(&self) -> (Option<f64>, usize) {
        let anonymous = self.anonymous.as_ref().map_or(&[][..], |(_, s)| &s[..]);
        let scores: Vec<u8> = self
            .people
            .values()
            .chain(anonymous.iter())
            .copied()
            .collect();
        if scores.is_empty() {
            return (None, 0);
        }
        let sum: f64 = scores.iter().map(|s| f64::from(*s)).sum();
        (Some(one_decimal(sum / scores.len() as f64)), scores.len())
    }

    /// The gap is taken from the rounded mean so that the numbers shown side by side agree.
    fn gap(&self, others: Option<f64>) -> Option<f64> {
        others
            .zip(self.myself)
            .map(|(o, s)| one_decimal(o - f64::from(s)))
    }
}

/// The name a skill is grouped under: the listed spelling for a skill Fulcrum knows, the
/// trimmed text otherwise; the key ignores case so "Delegating" and "delegating" are one skill.
fn skill_key(skill: &str) -> (String, String) {
    let trimmed = skill.trim();
    match SKILLS.iter().find(|(s, _)| s.eq_ignore_ascii_case(trimmed)) {
        Some((s, _)) => (s.to_string(), s.to_string()),
        None => (trimmed.to_lowercase(), trimmed.to_string()),
    }
}

fn skill_view(skill: String, area: SkillArea, mut ratings: Vec<&Rating>) -> SkillView {
    // Stable: two ratings by the same rater on one day keep their order, the later one wins.
    ratings.sort_by_key(|r| r.on);
    let mut state = RatingState::default();
    let mut history = Vec::new();
    for (i, r) in ratings.iter().enumerate() {
        state.apply(r);
        let last_of_day = ratings.get(i + 1).is_none_or(|next| next.on != r.on);
        if last_of_day {
            let (others, _) = state.others();
            history.push(SkillPoint {
                on: r.on,
                self_score: state.myself,
                others_mean: others,
                gap: state.gap(others),
            });
        }
    }
    let (others, others_count) = state.others();
    SkillView {
        skill,
        area,
        self_score: state.myself,
        others,
        others_count,
        gap: state.gap(others),
        history,
    }
}

/// Every skill of SKILLS (in that order) plus any other rated skill (sorted by name), each
/// with its ratings; skills never rated still appear with nulls. Ratings outside 1–10 or with
/// no skill are left out: they would skew a mean and name nothing.
pub fn skills(ratings: &[Rating]) -> Vec<SkillView> {
    let mut by_skill: BTreeMap<String, (String, Vec<&Rating>)> = BTreeMap::new();
    let valid = ratings
        .iter()
        .filter(|r| SCORES.contains(&r.score) && !r.skill.trim().is_empty());
    for r in valid {
        let (key, name) = skill_key(&r.skill);
        by_skill
            .entry(key)
            .or_insert_with(|| (name, Vec::new()))
            .1
            .push(r);
    }
    let mut out: Vec<SkillView> = SKILLS
        .iter()
        .map(|(name, area)| {
            let rated = by_skill.remove(*name).map(|(_, v)| v).unwrap_or_default();
            skill_view(name.to_string(), *area, rated)
        })
        .collect();
    out.extend(
        by_skill
            .into_values()
            .map(|(name, rated)| skill_view(name.clone(), area_of(&name), rated)),
    );
    out
}

/// Self-rated skills needed before the "no 10 anywhere" nudge: with fewer, a missing 10 says
/// little.
pub const MIN_SELF_RATED_FOR_NUDGE: usize = 5;

/// People tend to rate themselves low and leave out the 10. Nudges where the lead's rating is
/// high but short of 10 and others see at least as much; plus one nudge when none of at least
/// five self ratings is a 10.
pub fn nudges(views: &[SkillView]) -> Vec<String> {
    let mut out: Vec<String> = views
        .iter()
        .filter_map(|v| {
            let mine = v.self_score?;
            let others = v.others?;
            ((8..10).contains(&mine) && others >= f64::from(mine)).then(|| {
                format!(
                    "Others give your {} {others:.1} on average and you give it {mine}: \
                     if you cannot name what is missing, it may well be a 10.",
                    v.skill
                )
            })
        })
        .collect();
    let rated: Vec<u8> = views.iter().filter_map(|v| v.self_score).collect();
    if rated.len() >= MIN_SELF_RATED_FOR_NUDGE && !rated.contains(&10) {
        out.push(format!(
            "None of your {} is a 10. Take the one you are strongest at and ask what keeps it \
             from a 10; if the answer is nothing, rate it 10. Others will point out the gaps: \
             owning the strengths is your part.",
            plural(rated.len(), "self-rating", "self-ratings")
        ));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Support network (C2.4 step 4)
// ---------------------------------------------------------------------------------------------

word_enum! {
    /// What a support network lacks.
    pub enum Gap {
        NoManager = "no-manager",
        NoTechnicalMentor = "no-technical-mentor",
        NoManagerialMentor = "no-managerial-mentor",
        NoPeer = "no-peer",
        NoCheckIns = "no-check-ins",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SupportGap {
    pub gap: Gap,
    /// What is missing and what to do about it.
    pub message: String,
}

fn guides(s: &Support) -> bool {
    matches!(s.role, SupportRole::Mentor | SupportRole::Coach)
}

fn has_cadence(s: &Support) -> bool {
    s.cadence_days.is_some_and(|d| d > 0)
}

/// The holes in a support network, in the order of `Gap::ALL`. Only mentors and coaches
/// cover a side of the job (the articles advise one for each side); a manager or a peer
/// helps in other ways. A mentor whose side is not set covers neither, and the message says
/// to set it.
pub fn support_gaps(network: &[Support]) -> Vec<SupportGap> {
    let covers = |side: Side| {
        network
            .iter()
            .any(|s| guides(s) && (s.side == Some(side) || s.side == Some(Side::Both)))
    };
    let sideless = network
        .iter()
        .filter(|s| guides(s) && s.side.is_none())
        .count();
    let set_side = if sideless == 0 {
        String::new()
    } else {
        format!(
            " {} no side yet: say whether each helps with the technical side, the managerial \
             side or both.",
            plural(sideless, "mentor or coach has", "mentors or coaches have")
        )
    };
    let mut out = Vec::new();
    let mut add = |gap: Gap, message: String| out.push(SupportGap { gap, message });
    if !network.iter().any(|s| s.role == SupportRole::Manager) {
        add(
            Gap::NoManager,
            "Your manager is not in your network: share the goal with them, they see the \
             openings before you do and can tie the goal to what the team needs."
                .into(),
        );
    }
    if !covers(Side::Technical) {
        add(
            Gap::NoTechnicalMentor,
            format!(
                "No mentor or coach helps with the technical side: ask someone whose \
                 engineering judgement you trust, in your team or outside it.{set_side}"
            ),
        );
    }
    if !covers(Side::Managerial) {
        add(
            Gap::NoManagerialMentor,
            format!(
                "No mentor or coach helps with the managerial side: ask a lead or a manager of \
                 another team how they learned the people part of the job.{set_side}"
            ),
        );
    }
    if !network.iter().any(|s| s.role == SupportRole::Peer) {
        add(
            Gap::NoPeer,
            "No peer yet: find someone making the same move to compare notes with and to tell \
             you what they see from outside."
                .into(),
        );
    }
    if !network.is_empty() && !network.iter().any(has_cadence) {
        add(
            Gap::NoCheckIns,
            "Nobody in your network has a regular check-in: agree with each how often you \
             meet, bring them your progress and ask what blind spots they notice."
                .into(),
        );
    }
    out
}

/// A check-in with someone of the network that is due.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckInDue {
    pub person: i64,
    pub role: SupportRole,
    pub last: Option<Date>,
    /// The last contact + the cadence, or today when there was no contact.
    pub due: Date,
    pub days_over: i64,
}

/// Check-ins due on `today`: each person with a cadence whose last contact + cadence is today
/// or earlier, or who was never contacted. Someone in several plans' networks is one
/// check-in, at their shortest cadence. Most overdue first.
pub fn checkins_due(
    network: &[Keyed<Support>],
    last_contact: &dyn Fn(i64) -> Option<Date>,
    today: Date,
) -> Vec<CheckInDue> {
    let mut by_person: BTreeMap<i64, CheckInDue> = BTreeMap::new();
    for s in network.iter().map(|k| &k.record).filter(|s| has_cadence(s)) {
        let cadence = i64::from(s.cadence_days.unwrap_or(0));
        let last = last_contact(s.person);
        let due = last.map_or(today, |l| add_days(l, cadence));
        let entry = CheckInDue {
            person: s.person,
            role: s.role,
            last,
            due,
            days_over: days_between(due, today),
        };
        match by_person.get(&s.person) {
            Some(kept) if kept.due <= due => {}
            _ => {
                by_person.insert(s.person, entry);
            }
        }
    }
    let mut out: Vec<CheckInDue> = by_person.into_values().filter(|c| c.due <= today).collect();
    out.sort_by_key(|c| (std::cmp::Reverse(c.days_over), c.person));
    out
}

// ---------------------------------------------------------------------------------------------
// Leadership goals per quarter (D9)
// ---------------------------------------------------------------------------------------------

/// One or two focused leadership goals are what a quarter carries.
pub const MAX_LEADERSHIP_GOALS: usize = 2;

/// "2026-Q4" for a date.
pub fn quarter_label(d: Date) -> String {
    format!("{}-Q{}", d.year(), (d.month() - 1) / 3 + 1)
}

/// The first day of the quarter `d` is in, and the first day of the next.
pub fn quarter_bounds(d: Date) -> (Date, Date) {
    let first_month = (d.month() - 1) / 3 * 3 + 1;
    let first = Date::new(d.year(), first_month, 1).unwrap_or(d);
    // The last quarter of jiff's last year has no next one: its end stays at the maximum.
    let next = first.checked_add(3.months()).unwrap_or(Date::MAX);
    (first, next)
}

fn counts_as_leadership(p: &GrowthPlan) -> bool {
    p.kind == GoalKind::Leadership && p.status == PlanStatus::Active
}

/// Refuses a plan that would make a third active leadership goal: every active plan counts
/// in the quarter of `today` (a plan still active is still being worked on). `candidate_id`
/// is the plan being edited, so it does not count against itself; `None` for a new plan.
pub fn check_goal_limit(
    plans: &[Keyed<GrowthPlan>],
    candidate: &GrowthPlan,
    candidate_id: Option<i64>,
    today: Date,
) -> Result<(), String> {
    if !counts_as_leadership(candidate) {
        return Ok(());
    }
    let mut others: Vec<&Keyed<GrowthPlan>> = plans
        .iter()
        .filter(|p| Some(p.id) != candidate_id && counts_as_leadership(&p.record))
        .collect();
    if others.len() < MAX_LEADERSHIP_GOALS {
        return Ok(());
    }
    others.sort_by_key(|p| p.id);
    let goals: Vec<String> = others
        .iter()
        .map(|p| format!("“{}”", p.record.goal.trim()))
        .collect();
    let listed = match goals.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => goals.join(""),
    };
    Err(format!(
        "{} already has {} active leadership goals, {listed}: a quarter holds {} at most. \
         Mark one done or archive it before starting another.",
        quarter_label(today),
        others.len(),
        MAX_LEADERSHIP_GOALS
    ))
}

// ---------------------------------------------------------------------------------------------
// Timeline
// ---------------------------------------------------------------------------------------------

/// A step drawn on the timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bar {
    pub step: i64,
    pub title: String,
    pub start: Date,
    /// The last day of the bar (inclusive).
    pub end: Date,
    pub status: StepStatus,
    pub overdue: bool,
}

/// One quarter of a plan's timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quarter {
    pub label: String,
    pub from: Date,
    /// Exclusive.
    pub to: Date,
    /// The steps overlapping the quarter, with their own dates (the page clips them).
    pub bars: Vec<Bar>,
}

/// A step without a target is drawn this long, so it still shows.
pub const DEFAULT_BAR_DAYS: i64 = 14;
/// The most quarters a timeline shows: ten years, the horizon Fulcrum keeps. A typo in a
/// year would otherwise ask for centuries of empty quarters.
pub const MAX_QUARTERS: usize = 40;

fn bar(plan: &GrowthPlan, step: &Keyed<Step>, today: Date) -> Bar {
    let s = &step.record;
    let start = s.start.unwrap_or(plan.created_on);
    let end = s
        .target
        .or(s.done_on)
        .unwrap_or_else(|| add_days(start, DEFAULT_BAR_DAYS))
        .max(start);
    Bar {
        step: step.id,
        title: s.title.clone(),
        start,
        end,
        status: s.status,
        overdue: s.overdue(today),
    }
}

/// The quarters from the plan's earliest step start (its creation without steps) to its latest
/// step end, stretched to include the quarter of `today`, each with the steps that overlap
/// it. A step with no start starts when the plan was created; with no target it ends when it
/// was done, or 14 days after its start.
pub fn timeline(plan: &GrowthPlan, steps: &[Keyed<Step>], today: Date) -> Vec<Quarter> {
    let mut bars: Vec<Bar> = steps.iter().map(|s| bar(plan, s, today)).collect();
    bars.sort_by_key(|b| (b.start, b.step));
    let first = bars
        .iter()
        .map(|b| b.start)
        .min()
        .unwrap_or(plan.created_on);
    let last = bars.iter().map(|b| b.end).max().unwrap_or(plan.created_on);
    let (mut from, _) = quarter_bounds(first.min(today));
    let last = last.max(today);
    let mut out = Vec::new();
    while from <= last && out.len() < MAX_QUARTERS {
        let (_, to) = quarter_bounds(from);
        out.push(Quarter {
            label: quarter_label(from),
            from,
            to,
            bars: bars
                .iter()
                .filter(|b| b.start < to && b.end >= from)
                .cloned()
                .collect(),
        });
        if to <= from {
            break;
        }
        from = to;
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Win proposals (C2.5)
// ---------------------------------------------------------------------------------------------

/// A win Fulcrum proposes from what it already knows, for the user to accept or dismiss.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Proposal {
    /// A stable key: `delegation:ID`, `feedback:ID`, `plan-week:2026-W10`,
    /// `habit:ID:2026-W10`, `commit-streak:REPO:2026-W10`.
    pub source: String,
    pub on: Date,
    /// The win, as the user would write it.
    pub text: String,
}

pub struct ProposalInput<'a> {
    pub today: Date,
    /// Events before this date are not proposed.
    pub since: Date,
    /// Delegations closed well (done, goal met).
    pub delegations: &'a [Delegation],
    /// Positive feedback the lead received.
    pub feedback: &'a [Feedback],
    /// (Monday, planned blocks, done blocks) of each week of the plan.
    pub plan_weeks: &'a [(Date, usize, usize)],
    /// (habit id, title, Monday) of each week a habit was kept.
    pub habits_kept: &'a [(i64, String, Date)],
    /// (repo, day) for each day with commits in a repo.
    pub commit_days: &'a [(String, Date)],
    /// A person's name, by id.
    pub names: &'a dyn Fn(i64) -> String,
    /// Wins already recorded: a proposal whose source one of them has is not made again.
    pub existing: &'a [Win],
}

/// A week whose plan had fewer blocks than this is too light to call a win.
pub const MIN_PLANNED_BLOCKS: usize = 3;
/// Days with commits in one repo within one ISO week that make a streak.
pub const STREAK_DAYS: usize = 4;
/// The longest piece of a feedback record quoted in a proposal.
const QUOTE_CHARS: usize = 80;

/// `text` trimmed, cut at a word boundary to at most `QUOTE_CHARS` characters, without the
/// final full stop: a proposal quotes a record, it does not copy it.
fn brief(text: &str) -> String {
    let t = text.trim().trim_end_matches('.');
    if t.chars().count() <= QUOTE_CHARS {
        return t.to_string();
    }
    let cut: String = t.chars().take(QUOTE_CHARS).collect();
    let head = cut.rsplit_once(' ').map_or(cut.as_str(), |(h, _)| h);
    format!("{}…", head.trim_end_matches([',', ';', ':', ' ']))
}

/// The date a week's win is recorded on: its Sunday, or today while the week is still on.
fn week_win_day(monday: Date, today: Date) -> Date {
    add_days(week_start(monday), 6).min(today)
}

fn count_word(n: usize) -> String {
    const WORDS: [&str; 8] = [
        "Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| w.to_string())
}

fn from_delegations(input: &ProposalInput, out: &mut Vec<Proposal>) {
    let landed = input
        .delegations
        .iter()
        .filter(|d| d.status == delegation::Status::Done && d.outcome == Some(Outcome::Met));
    for d in landed {
        let Some(on) = d.closed_on else { continue };
        out.push(Proposal {
            source: format!("delegation:{}", d.id),
            on,
            text: format!(
                "Handed “{}” to {} and it landed",
                d.title.trim(),
                (input.names)(d.person_id)
            ),
        });
    }
}

fn from_feedback(input: &ProposalInput, out: &mut Vec<Proposal>) {
    let praise = input
        .feedback
        .iter()
        .filter(|f| f.direction == Direction::Received && f.polarity == Some(Polarity::Positive));
    for f in praise {
        let name = match (f.person_id, f.who.as_deref().map(str::trim)) {
            (Some(id), _) => (input.names)(id),
            (None, Some(who)) if !who.is_empty() => who.to_string(),
            _ => "Someone".to_string(),
        };
        let behaviour = brief(&f.behaviour);
        let situation = brief(&f.situation);
        let text = match (behaviour.is_empty(), situation.is_empty()) {
            (false, false) => format!("{name} praised me: {behaviour} ({situation})"),
            (false, true) => format!("{name} praised me: {behaviour}"),
            (true, false) => format!("{name} praised me ({situation})"),
            (true, true) => format!("{name} praised me"),
        };
        out.push(Proposal {
            source: format!("feedback:{}", f.id),
            on: f.event_on,
            text,
        });
    }
}

fn from_plan_weeks(input: &ProposalInput, out: &mut Vec<Proposal>) {
    for &(monday, planned, done) in input.plan_weeks {
        if planned < MIN_PLANNED_BLOCKS || done < planned {
            continue;
        }
        let week = iso_week_label(monday);
        out.push(Proposal {
            source: format!("plan-week:{week}"),
            on: week_win_day(monday, input.today),
            text: format!("Did all {planned} blocks I planned in week {week}"),
        });
    }
}

fn from_habits(input: &ProposalInput, out: &mut Vec<Proposal>) {
    for (id, title, monday) in input.habits_kept {
        let week = iso_week_label(*monday);
        out.push(Proposal {
            source: format!("habit:{id}:{week}"),
            on: week_win_day(*monday, input.today),
            text: format!("Kept “{}” in week {week}", title.trim()),
        });
    }
}

fn from_commits(input: &ProposalInput, out: &mut Vec<Proposal>) {
    // Distinct days per repo and week: several pushes on one day are one day of commits.
    let mut weeks: BTreeMap<(&str, Date), BTreeSet<Date>> = BTreeMap::new();
    for (repo, day) in input.commit_days {
        let repo = repo.trim();
        if repo.is_empty() || *day > input.today {
            continue;
        }
        weeks
            .entry((repo, week_start(*day)))
            .or_default()
            .insert(*day);
    }
    // A streak is dated by its last day, so a week that began before `since` still counts
    // when the streak ends after it.
    for ((repo, monday), days) in weeks {
        let Some(&last) = days.last() else { continue };
        if days.len() < STREAK_DAYS {
            continue;
        }
        let week = iso_week_label(monday);
        out.push(Proposal {
            source: format!("commit-streak:{repo}:{week}"),
            on: last,
            text: format!(
                "{} days of commits in {repo} in week {week}",
                count_word(days.len())
            ),
        });
    }
}

/// Wins Fulcrum can propose from delegations that landed, praise received, fully done weekly
/// plans, kept habits and commit streaks: only events from `since` to `today`, none whose
/// source a recorded win already has. Newest first.
pub fn propose_wins(input: &ProposalInput) -> Vec<Proposal> {
    let mut all = Vec::new();
    from_delegations(input, &mut all);
    from_feedback(input, &mut all);
    from_plan_weeks(input, &mut all);
    from_habits(input, &mut all);
    from_commits(input, &mut all);
    let mut taken: BTreeSet<&str> = input
        .existing
        .iter()
        .filter_map(|w| w.source.as_deref())
        .collect();
    let mut out: Vec<Proposal> = Vec::new();
    for p in &all {
        if p.on >= input.since && p.on <= input.today && taken.insert(p.source.as_str()) {
            out.push(p.clone());
        }
    }
    out.sort_by(|a, b| b.on.cmp(&a.on).then_with(|| a.source.cmp(&b.source)));
    out
}

/// Wins linked to neither a plan nor a step, offered for linking, newest first.
pub fn unlinked(wins: &[Keyed<Win>]) -> Vec<&Keyed<Win>> {
    let mut out: Vec<&Keyed<Win>> = wins
        .iter()
        .filter(|w| w.record.plan.is_none() && w.record.step.is_none())
        .collect();
    out.sort_by_key(|w| std::cmp::Reverse((w.record.on, w.id)));
    out
}

/// Words too common to tell one goal from another.
const COMMON: &[&str] = &[
    "about", "after", "also", "been", "before", "being", "from", "have", "into", "just", "more",
    "most", "much", "only", "over", "some", "than", "that", "their", "them", "then", "there",
    "these", "they", "this", "those", "very", "were", "what", "when", "where", "which", "while",
    "will", "with", "would", "your", "made", "make", "next", "first", "week", "team", "work",
    "really", "went", "well", "good", "great",
];

/// The distinct words of at least four letters in `text`, lower case, without common ones.
fn topic_words(text: &str) -> BTreeSet<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4 && !COMMON.contains(w))
        .map(str::to_string)
        .collect()
}

/// Two words are one topic when equal, when one starts with the other ("pair", "paired") or
/// when both are long and start alike ("migration", "migrated"): wins are written in the past
/// tense, goals and steps in the infinitive.
fn same_topic(a: &str, b: &str) -> bool {
    let stem = |w: &str| w.chars().take(5).collect::<String>();
    a.starts_with(b)
        || b.starts_with(a)
        || (a.chars().count() >= 5 && b.chars().count() >= 5 && stem(a) == stem(b))
}

/// A guess of the active plan an unlinked win belongs to: the one whose goal and step titles
/// share the most words with the win (the older plan on a tie); `None` when no word is shared.
pub fn suggest_link(win: &Win, plans: &[Keyed<GrowthPlan>], steps: &[Keyed<Step>]) -> Option<i64> {
    let win_words = topic_words(&win.text);
    let mut best: Option<(usize, i64)> = None;
    for p in plans
        .iter()
        .filter(|p| p.record.status == PlanStatus::Active)
    {
        let mut plan_words = topic_words(&p.record.goal);
        for s in steps.iter().filter(|s| s.record.plan == p.id) {
            plan_words.extend(topic_words(&s.record.title));
        }
        let shared = win_words
            .iter()
            .filter(|w| plan_words.iter().any(|p| same_topic(w, p)))
            .count();
        let better = match best {
            None => shared > 0,
            Some((n, id)) => shared > n || (shared == n && p.id < id),
        };
        if better {
            best = Some((shared, p.id));
        }
    }
    best.map(|(_, id)| id)
}

// ---------------------------------------------------------------------------------------------
// Progress (C2.5 cadence)
// ---------------------------------------------------------------------------------------------

fn active_ids(plans: &[Keyed<GrowthPlan>]) -> BTreeSet<i64> {
    plans
        .iter()
        .filter(|p| p.record.status == PlanStatus::Active)
        .map(|p| p.id)
        .collect()
}

/// Days since the last progress entry or win linked to an active plan (since the oldest
/// active plan was created when there is none); `None` without an active plan. Entries dated
/// after today do not count as progress yet.
pub fn days_without_progress(
    plans: &[Keyed<GrowthPlan>],
    progress: &[Progress],
    wins: &[Win],
    today: Date,
) -> Option<i64> {
    let active = active_ids(plans);
    let oldest = plans
        .iter()
        .filter(|p| active.contains(&p.id))
        .map(|p| p.record.created_on)
        .min()?;
    let linked = |plan: Option<i64>| plan.is_some_and(|id| active.contains(&id));
    let last = progress
        .iter()
        .filter(|e| linked(e.plan))
        .map(|e| e.on)
        .chain(wins.iter().filter(|w| linked(w.plan)).map(|w| w.on))
        .filter(|on| *on <= today)
        .max()
        .unwrap_or(oldest);
    Some(days_between(last, today).max(0))
}

/// Steps of active plans past their target date, most overdue first.
pub fn overdue_steps<'a>(
    plans: &[Keyed<GrowthPlan>],
    steps: &'a [Keyed<Step>],
    today: Date,
) -> Vec<&'a Keyed<Step>> {
    let active = active_ids(plans);
    let mut out: Vec<&Keyed<Step>> = steps
        .iter()
        .filter(|s| active.contains(&s.record.plan) && s.record.overdue(today))
        .collect();
    out.sort_by_key(|s| (s.record.target, s.id));
    out
}

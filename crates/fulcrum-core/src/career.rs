//! Career: where a tech lead could go next and how well the evidence fits each way. The roles'
//! time splits and the calendar audit against them; the compass (technical or management,
//! answered over time, with the signs the lead recognises in themself); the evidence that
//! pre-fills it (the journal's energy notes joined with the calendar, meeting load, feedback
//! themes); the paths after tech lead and each path's fit.

mod paths;
#[cfg(test)]
mod tests;

pub use paths::*;

use crate::category::Category;
use crate::profile::RolePreset;
use crate::time::{add_days, iso_week_label};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The categories a role's time is split over: personal and other time is not part of any
/// role, so shares are of these six alone: the first six of `Category::ALL`.
pub const WORK: &[Category] = Category::ALL.split_at(6).0;

/// Shares and distances go out with four decimals: finer digits are noise in minutes of a
/// calendar, and equal inputs must print equal numbers.
fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

// ---------------------------------------------------------------------------------------------
// Roles and their splits
// ---------------------------------------------------------------------------------------------

word_enum! {
    /// A role a tech lead holds or could move into, with a time split to audit against.
    pub enum Role {
        TechLead = "tech-lead",
        EngineeringManager = "engineering-manager",
        Staff = "staff",
        Tpm = "tpm",
        Director = "director",
    }
}

/// Other names people give the roles, lower case with `-` between words. Titles differ from
/// company to company, so the common ones all land on the same profile.
const ALIASES: &[(&str, Role)] = &[
    ("tl", Role::TechLead),
    ("techlead", Role::TechLead),
    ("technical-lead", Role::TechLead),
    ("lead-engineer", Role::TechLead),
    ("lead-developer", Role::TechLead),
    ("em", Role::EngineeringManager),
    ("manager", Role::EngineeringManager),
    ("eng-manager", Role::EngineeringManager),
    ("engineering-management", Role::EngineeringManager),
    ("people-manager", Role::EngineeringManager),
    ("software-engineering-manager", Role::EngineeringManager),
    ("staff-engineer", Role::Staff),
    ("staff+", Role::Staff),
    ("staff-plus", Role::Staff),
    ("senior-staff", Role::Staff),
    ("principal", Role::Staff),
    ("principal-engineer", Role::Staff),
    ("architect", Role::Staff),
    ("software-architect", Role::Staff),
    ("solutions-architect", Role::Staff),
    ("technical-program-manager", Role::Tpm),
    ("program-manager", Role::Tpm),
    ("technical-programme-manager", Role::Tpm),
    ("programme-manager", Role::Tpm),
    ("engineering-director", Role::Director),
    ("director-of-engineering", Role::Director),
    ("head-of-engineering", Role::Director),
    ("technical-director", Role::Director),
    ("tech-director", Role::Director),
];

impl Role {
    /// Parses the word or an alias: "staff-engineer", "architect", "staff+", "em", "manager",
    /// "program-manager", "head-of-engineering" … Case-insensitive; spaces and underscores
    /// count as `-`, so "Staff Engineer" works too.
    pub fn parse_alias(s: &str) -> Option<Role> {
        let word = s
            .trim()
            .to_ascii_lowercase()
            .split(|c: char| c.is_whitespace() || c == '_' || c == '-')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        Role::parse(&word).or_else(|| {
            ALIASES
                .iter()
                .find(|(alias, _)| *alias == word)
                .map(|&(_, role)| role)
        })
    }

    pub fn title(self) -> &'static str {
        match self {
            Role::TechLead => "Tech lead",
            Role::EngineeringManager => "Engineering manager",
            Role::Staff => "Staff engineer / architect",
            Role::Tpm => "Technical program manager",
            Role::Director => "Engineering director",
        }
    }
}

impl From<RolePreset> for Role {
    fn from(preset: RolePreset) -> Role {
        match preset {
            RolePreset::TechLead => Role::TechLead,
            RolePreset::StaffEngineer => Role::Staff,
            RolePreset::EngineeringManager => Role::EngineeringManager,
            RolePreset::Director => Role::Director,
        }
    }
}

/// A role's time split: the share (fraction 0–1) of working time per category; the shares over
/// build, lead, align, operate, think, grow sum to 1.0 (personal/other are not part of a role).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleProfile {
    pub role: Role,
    pub title: &'static str,
    pub split: Vec<(Category, f64)>,
    /// One sentence: what this role's time goes to.
    pub focus: &'static str,
    /// Points worth knowing about the role.
    pub notes: Vec<&'static str>,
}

impl RoleProfile {
    /// This role's share of `category`; 0 for categories outside the split.
    pub fn share(&self, category: Category) -> f64 {
        self.split
            .iter()
            .find(|(c, _)| *c == category)
            .map_or(0.0, |&(_, s)| s)
    }
}

/// The split of a role, in the order of `WORK`: build, lead, align, operate, think, grow.
///
/// Where the numbers come from: for the four roles that have a preset, each share sits inside
/// that preset's target range in `profile::TARGET_RANGES`, near its lower end for build (a
/// range's top is an allowance, not the typical week) and with the rest spread by what the book
/// says the role is for. The TPM has no preset; its split follows the book's description of the
/// role (program execution across teams: stakeholders, dependencies, risk; not expected to
/// code), so align carries almost half of it.
fn split_of(role: Role) -> [f64; 6] {
    match role {
        // A tech lead codes at least 30 % of the time (the role's definition and the preset's
        // build minimum); the rest is guidance, one team's coordination and its incidents.
        Role::TechLead => [0.35, 0.20, 0.15, 0.10, 0.10, 0.10],
        // Staff stays closest to the code and gets the most time to think: design, direction,
        // the hard problems. Leading is mentoring and design review, not people management.
        Role::Staff => [0.40, 0.10, 0.15, 0.10, 0.15, 0.10],
        // An EM's time is people first (lead 30–50 %), then alignment with other teams and
        // leadership; the author argues an EM should not be required to write production code,
        // so build is a little architecture and review.
        Role::EngineeringManager => [0.10, 0.40, 0.25, 0.05, 0.10, 0.10],
        // Program execution: planning, stakeholders and dependencies across teams; some
        // facilitation of rituals (lead) and risk thinking; hardly any code.
        Role::Tpm => [0.05, 0.15, 0.45, 0.10, 0.15, 0.10],
        // A director designs goals, ladders and resources across teams (align 30–50 %, lead
        // 25–40 %) and needs time for strategy (think 10–20 %); incidents belong to the teams.
        Role::Director => [0.05, 0.30, 0.40, 0.05, 0.15, 0.05],
    }
}

pub fn profile(role: Role) -> RoleProfile {
    let split = WORK.iter().copied().zip(split_of(role)).collect();
    let (focus, notes): (&'static str, Vec<&'static str>) = match role {
        Role::TechLead => (
            "Getting one team to deliver: technical guidance, hands-on code and the day-to-day \
             coordination around it.",
            vec![
                "A tech lead still writes code for at least about a third of the week.",
                "The scope is one team; frequent 1:1s with its members are part of the job.",
                "Input on reviews, pay and growth, but the final call usually sits with the manager.",
            ],
        ),
        Role::EngineeringManager => (
            "The people: their growth, the team's culture and health, and where the \
             organisation is heading.",
            vec![
                "Often looks after several teams, so 1:1s with engineers get rarer and syncs \
                 with their tech leads more regular.",
                "Takes the final decisions on promotions, pay, budget and underperformance.",
                "Production code is not the job; architecture at a high level, planning and \
                 backing the tech leads are better uses of the technical background.",
                "Works best when every team has a strong tech lead; without them the manager \
                 is dragged into technical detail and overloaded.",
            ],
        ),
        Role::Staff => (
            "Technical direction through influence: design, hard problems and the systems \
             other engineers build on.",
            vec![
                "A leader without reports: the influence grows from one team to several and \
                 then to the organisation.",
                "A staff engineer sits in one or a few teams and owns a domain; an architect \
                 spans teams or departments and looks after system boundaries and consistency.",
                "Expected to stay calm in a crisis and sound in judgment, and to connect the \
                 technical work with the business.",
            ],
        ),
        Role::Tpm => (
            "Running programs across teams: dependencies, risks, stakeholders and the plan \
             that gets it all delivered.",
            vec![
                "Not expected to code, but needs a solid technical background to be credible.",
                "Very visible without managing anyone; works closely with managers and tech \
                 leads.",
                "Most valuable where the work spans many teams or systems, coordination is \
                 expensive or timelines are long.",
            ],
        ),
        Role::Director => (
            "Shaping the organisation: the goals teams will work toward, how people grow and \
             move up, and where resources go.",
            vec![
                "A director's time goes to designing team goals, building talent pipelines and \
                 career ladders, allocating resources across the organisation, setting up \
                 mechanisms that fix systemic problems, and cost and efficiency — not to \
                 low-leverage, familiar tasks a report could own.",
                "Doing simple, well-known work again (coaching a lead on a framework, fixing a \
                 bug) wastes the influence the role has; the calendar shows how often it \
                 happens.",
                "Credibility comes from resource decisions across the organisation rather than \
                 from personal technical skill; the role means letting go of coding regularly.",
                "Part of the job is explaining the value of engineering to the other executives \
                 in their language, so it is not seen as a cost centre.",
            ],
        ),
    };
    RoleProfile {
        role,
        title: role.title(),
        split,
        focus,
        notes,
    }
}

/// Every role, in `Role::ALL` order.
pub fn profiles() -> Vec<RoleProfile> {
    Role::ALL.iter().map(|&r| profile(r)).collect()
}

// ---------------------------------------------------------------------------------------------
// Calendar audit
// ---------------------------------------------------------------------------------------------

word_enum! {
    /// Which way the calendar moved relative to a role's split over the audited weeks.
    pub enum Trend {
        Closer = "closer",
        Steady = "steady",
        Away = "away",
        Unknown = "unknown",
    }
}

/// A change in mean distance smaller than this is noise: three points of a week is roughly an
/// hour and a quarter moving between categories.
pub const STEADY_BELOW: f64 = 0.03;

/// Minutes per category of one week (Monday).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekMinutes {
    pub monday: Date,
    pub minutes: Vec<(Category, i64)>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditLine {
    pub category: Category,
    pub actual_share: f64,
    pub role_share: f64,
    /// actual − role.
    pub difference: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditPoint {
    /// ISO week label (`2025-W14`).
    pub week: String,
    pub distance: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Audit {
    pub role: Role,
    /// Weeks given, including weeks without work minutes.
    pub weeks: usize,
    /// Monday of the first week given.
    pub from: Option<Date>,
    /// Sunday of the last week given.
    pub to: Option<Date>,
    pub categories: Vec<AuditLine>,
    /// Half the sum of |difference|: the share of time that would have to move.
    pub distance: f64,
    /// The distance of each week with work minutes alone, oldest first.
    pub trend: Vec<AuditPoint>,
    pub direction: Trend,
}

/// Work minutes per category in `WORK` order. Negative minutes are not time and count as 0;
/// a category listed twice adds up.
fn work_minutes(minutes: &[(Category, i64)]) -> [i64; 6] {
    let mut out = [0; 6];
    for &(category, m) in minutes {
        if let Some(i) = WORK.iter().position(|&c| c == category) {
            out[i] += m.max(0);
        }
    }
    out
}

/// Shares of the six work categories, or None when there are no work minutes.
fn shares(minutes: &[i64; 6]) -> Option<[f64; 6]> {
    let total: i64 = minutes.iter().sum();
    if total <= 0 {
        return None;
    }
    Some(minutes.map(|m| m as f64 / total as f64))
}

/// Half the L1 distance between two splits: 0 when they are the same, 1 when they share no
/// category. It reads as the share of time that would have to move.
fn split_distance(actual: &[f64; 6], role: &[f64; 6]) -> f64 {
    actual
        .iter()
        .zip(role)
        .map(|(a, r)| (a - r).abs())
        .sum::<f64>()
        / 2.0
}

/// Compares the given weeks (oldest first, only the work categories build..grow counted;
/// shares are of their sum) with the role's split. distance = half the sum of |difference|
/// (0 = the same split, 1 = nothing in common: the share of time that would have to move).
/// trend: the distance of each week alone. direction: the mean distance of the later half of
/// the weeks with data against the earlier half (with an odd count the middle week belongs to
/// neither); a change under `STEADY_BELOW` is Steady; fewer than 2 weeks with data → Unknown.
/// Weeks without work minutes are left out of the totals and the trend.
pub fn audit(role: Role, weeks: &[WeekMinutes]) -> Audit {
    let target = split_of(role);
    let mut total = [0_i64; 6];
    let mut trend = Vec::new();
    let mut distances = Vec::new();
    for week in weeks {
        let minutes = work_minutes(&week.minutes);
        let Some(week_shares) = shares(&minutes) else {
            continue;
        };
        for (t, m) in total.iter_mut().zip(minutes) {
            *t += m;
        }
        let d = split_distance(&week_shares, &target);
        distances.push(d);
        trend.push(AuditPoint {
            week: iso_week_label(week.monday),
            distance: round4(d),
        });
    }
    let actual = shares(&total);
    let categories = WORK
        .iter()
        .enumerate()
        .map(|(i, &category)| {
            let actual_share = actual.map_or(0.0, |a| a[i]);
            AuditLine {
                category,
                actual_share: round4(actual_share),
                role_share: round4(target[i]),
                difference: round4(actual_share - target[i]),
            }
        })
        .collect();
    // Without any work minutes nothing of the role is there: all of its time would have to
    // move.
    let distance = actual.map_or(1.0, |a| split_distance(&a, &target));
    Audit {
        role,
        weeks: weeks.len(),
        from: weeks.iter().map(|w| w.monday).min(),
        to: weeks.iter().map(|w| w.monday).max().map(|m| add_days(m, 6)),
        categories,
        distance: round4(distance),
        trend,
        direction: direction(&distances),
    }
}

fn direction(distances: &[f64]) -> Trend {
    let n = distances.len();
    if n < 2 {
        return Trend::Unknown;
    }
    let half = n / 2;
    let mean = |xs: &[f64]| xs.iter().sum::<f64>() / xs.len() as f64;
    let change = mean(&distances[n - half..]) - mean(&distances[..half]);
    if change.abs() < STEADY_BELOW {
        Trend::Steady
    } else if change < 0.0 {
        Trend::Closer
    } else {
        Trend::Away
    }
}

// ---------------------------------------------------------------------------------------------
// The compass: technical or management
// ---------------------------------------------------------------------------------------------

word_enum! {
    /// The five questions of the technical-or-management decision.
    pub enum Dimension {
        Energy = "energy",
        Impact = "impact",
        GrowthPath = "growth-path",
        Values = "values",
        Lifestyle = "lifestyle",
    }
}

impl Dimension {
    pub fn question(self) -> &'static str {
        match self {
            Dimension::Energy => {
                "What leaves you with more energy at the end of a day: cracking a hard \
                 technical problem, or helping someone else get unstuck and succeed?"
            }
            Dimension::Impact => {
                "Where would you make the biggest difference: by building new technology \
                 yourself, or by building teams that do it well?"
            }
            Dimension::GrowthPath => {
                "Which skills do you want to be growing for the next five to ten years: \
                 deeper technical mastery, or leading people and shaping organisations?"
            }
            Dimension::Values => {
                "Which recognition means more to you: being known as the expert, or being \
                 seen as the leader and mentor who helped others grow?"
            }
            Dimension::Lifestyle => {
                "Which working day do you want: the manager's, with more meetings, more \
                 talking and care for how others are doing, or the engineer's, with more \
                 uninterrupted time for your own creative work?"
            }
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Dimension::Energy => "Energy",
            Dimension::Impact => "Impact",
            Dimension::GrowthPath => "Growth path",
            Dimension::Values => "Values",
            Dimension::Lifestyle => "Lifestyle",
        }
    }
}

/// How far a compass answer may lean either way.
pub const LEANS: std::ops::RangeInclusive<i8> = -2..=2;

/// An answer kept over time: −2 (clearly technical) … +2 (clearly management).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompassAnswer {
    pub dimension: Dimension,
    pub lean: i8,
    pub on: Date,
    #[serde(default)]
    pub note: String,
}

impl CompassAnswer {
    pub fn check(&self) -> Result<(), String> {
        if !LEANS.contains(&self.lean) {
            return Err(format!(
                "the lean for {} is {}: choose a number from -2 (clearly technical) to +2 \
                 (clearly management), 0 when you can't tell",
                self.dimension, self.lean
            ));
        }
        Ok(())
    }
}

/// Which signs the lead ticks (keys from `signs()`), kept over time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignsChecked {
    pub on: Date,
    pub signs: Vec<String>,
}

impl SignsChecked {
    /// Every ticked key must be one of `signs()`.
    pub fn check(&self) -> Result<(), String> {
        let known = signs();
        for key in &self.signs {
            if !known.iter().any(|s| s.key == key.as_str()) {
                let keys: Vec<_> = known.iter().map(|s| s.key).collect();
                return Err(format!(
                    "'{key}' is not a sign: use one of {}",
                    keys.join(", ")
                ));
            }
        }
        Ok(())
    }

    /// How many signs toward `leaning` are ticked (each key once).
    pub fn count(&self, leaning: Leaning) -> usize {
        signs()
            .iter()
            .filter(|s| s.toward == leaning && self.signs.iter().any(|k| k == s.key))
            .count()
    }
}

word_enum! {
    pub enum Leaning {
        Technical = "technical",
        Management = "management",
        Hybrid = "hybrid",
    }
}

/// Something a lead may recognise in themself that points one way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sign {
    pub key: &'static str,
    /// Technical or Management.
    pub toward: Leaning,
    pub text: &'static str,
}

/// The four signs for staying technical and the five for moving into management.
pub fn signs() -> Vec<Sign> {
    let sign = |key, toward, text| Sign { key, toward, text };
    use Leaning::{Management, Technical};
    vec![
        sign(
            "deep-problems",
            Technical,
            "Hard problems and new ideas are what charge you up; you like to go deep.",
        ),
        sign(
            "mastery",
            Technical,
            "You care about mastery: being the one people come to and keeping your skills sharp.",
        ),
        sign(
            "impact-through-systems",
            Technical,
            "Your influence comes from what you design: systems, tools and processes others rely on.",
        ),
        sign(
            "mentor-not-manage",
            Technical,
            "Teaching technical skills is a pleasure; performance reviews and career plans are not.",
        ),
        sign(
            "people-growth",
            Management,
            "Watching others grow, and helping them do it, is what satisfies you most.",
        ),
        sign(
            "org-impact",
            Management,
            "You want a say in more than code: strategy, culture and how teams work together.",
        ),
        sign(
            "ambiguity",
            Management,
            "Vague goals and priorities that pull against each other don't stop you; you find a way through.",
        ),
        sign(
            "advocacy",
            Management,
            "You like standing up for your team and making sure what they achieve gets noticed.",
        ),
        sign(
            "team-success",
            Management,
            "You are ready to count success by how your team does and grows, not by your own output.",
        ),
    ]
}

/// The latest answer per dimension (by date; on the same date the later one in `answers`), in
/// `Dimension::ALL` order; None for a dimension never answered.
pub fn lean(answers: &[CompassAnswer]) -> Vec<(Dimension, Option<i8>)> {
    Dimension::ALL
        .iter()
        .map(|&d| {
            let latest = answers
                .iter()
                .filter(|a| a.dimension == d)
                .enumerate()
                .max_by_key(|(i, a)| (a.on, *i))
                .map(|(_, a)| a.lean.clamp(*LEANS.start(), *LEANS.end()));
            (d, latest)
        })
        .collect()
}

/// The sum of the latest leans (a stored answer out of range counts as its nearest end).
fn lean_sum(answers: &[CompassAnswer]) -> Option<i32> {
    let leans: Vec<i8> = lean(answers).into_iter().filter_map(|(_, l)| l).collect();
    (!leans.is_empty()).then(|| leans.iter().map(|&l| i32::from(l)).sum())
}

/// The overall lean from the sum of the latest leans: −2 or less is Technical, +2 or more
/// Management, in between Hybrid; None without answers.
pub fn overall(answers: &[CompassAnswer]) -> Option<Leaning> {
    lean_sum(answers).map(|sum| match sum {
        s if s <= -2 => Leaning::Technical,
        s if s >= 2 => Leaning::Management,
        _ => Leaning::Hybrid,
    })
}

// ---------------------------------------------------------------------------------------------
// Evidence
// ---------------------------------------------------------------------------------------------

/// A weekly journal's energy notes: category → +1 gave energy / −1 drained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnergyWeek {
    pub monday: Date,
    pub energy: Vec<(Category, i8)>,
    /// That week's minutes per category, for the join.
    pub minutes: Vec<(Category, i64)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EnergyLine {
    pub category: Category,
    /// Weeks in which this category gave energy.
    pub gave: usize,
    /// Weeks in which it drained.
    pub drained: usize,
    /// Weeks with a journal energy note (on any category): the weeks this line counts over.
    pub weeks: usize,
    /// That category's minutes over those weeks.
    pub minutes: i64,
}

impl EnergyLine {
    /// Gave minus drained per journaled week: +1 always gave energy, −1 always drained.
    pub fn net(&self) -> f64 {
        if self.weeks == 0 {
            return 0.0;
        }
        (self.gave as f64 - self.drained as f64) / self.weeks as f64
    }

    fn marks(&self) -> usize {
        self.gave + self.drained
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// Per category build..grow, with gave/drained counts.
    pub energy: Vec<EnergyLine>,
    /// "lead work drained you in 7 of the last 10 weeks" … only categories with at least two
    /// marks, most marked first.
    pub sentences: Vec<String>,
    pub build_share: Option<f64>,
    /// lead + align share of work time over the weeks given.
    pub people_share: Option<f64>,
    pub meeting_hours_per_week: Option<f64>,
    /// Themes of received feedback, most frequent first.
    pub feedback_themes: Vec<(String, usize)>,
    /// A suggested lean for Energy and Lifestyle, only when there is evidence for it.
    pub suggested: Vec<(Dimension, i8)>,
}

pub struct EvidenceInput<'a> {
    pub weeks: &'a [EnergyWeek],
    pub meeting_minutes_per_week: &'a [i64],
    /// One per received feedback.
    pub feedback_themes: &'a [String],
}

/// A category needs this many weeks marked before the journal says something about it: one
/// week is an outlier, repeated ones are a pattern.
const MIN_MARKS: usize = 2;

pub fn evidence(input: &EvidenceInput) -> Evidence {
    let energy = energy_lines(input.weeks);
    let sentences = energy_sentences(&energy);

    let mut total = [0_i64; 6];
    for week in input.weeks {
        for (t, m) in total.iter_mut().zip(work_minutes(&week.minutes)) {
            *t += m;
        }
    }
    let work: i64 = total.iter().sum();
    let share_of = |m: i64| (work > 0).then(|| round4(m as f64 / work as f64));
    let build_share = share_of(total[0]);
    let people_share = share_of(total[1] + total[2]);

    let meeting_hours_per_week = (!input.meeting_minutes_per_week.is_empty()).then(|| {
        let sum: i64 = input
            .meeting_minutes_per_week
            .iter()
            .map(|m| m.max(&0))
            .sum();
        let hours = sum as f64 / 60.0 / input.meeting_minutes_per_week.len() as f64;
        (hours * 10.0).round() / 10.0
    });

    let mut suggested = Vec::new();
    if let Some(l) = suggested_energy(&energy) {
        suggested.push((Dimension::Energy, l));
    }
    if let Some(l) = suggested_lifestyle(people_share, meeting_hours_per_week) {
        suggested.push((Dimension::Lifestyle, l));
    }

    Evidence {
        energy,
        sentences,
        build_share,
        people_share,
        meeting_hours_per_week,
        feedback_themes: themes(input.feedback_themes),
        suggested,
    }
}

fn energy_lines(weeks: &[EnergyWeek]) -> Vec<EnergyLine> {
    let journaled: Vec<&EnergyWeek> = weeks.iter().filter(|w| !w.energy.is_empty()).collect();
    WORK.iter()
        .enumerate()
        .map(|(i, &category)| {
            let mut line = EnergyLine {
                category,
                gave: 0,
                drained: 0,
                weeks: journaled.len(),
                minutes: 0,
            };
            for week in &journaled {
                // Several notes on one category in a week net out to one mark for that week.
                let net: i32 = week
                    .energy
                    .iter()
                    .filter(|(c, _)| *c == category)
                    .map(|&(_, e)| i32::from(e.signum()))
                    .sum();
                match net.signum() {
                    1 => line.gave += 1,
                    -1 => line.drained += 1,
                    _ => {}
                }
                line.minutes += work_minutes(&week.minutes)[i];
            }
            line
        })
        .collect()
}

fn energy_sentences(lines: &[EnergyLine]) -> Vec<String> {
    let mut marked: Vec<&EnergyLine> = lines.iter().filter(|l| l.marks() >= MIN_MARKS).collect();
    // Stable sort: equal counts keep the category order.
    marked.sort_by_key(|l| std::cmp::Reverse(l.marks()));
    marked
        .into_iter()
        .map(|l| {
            let (c, n) = (l.category, l.weeks);
            let gave = format!("gave you energy in {}", l.gave);
            let drained = format!("drained you in {}", l.drained);
            let what = match (l.gave, l.drained) {
                (_, 0) => gave,
                (0, _) => drained,
                (g, d) if d > g => format!("{drained} and {gave}"),
                _ => format!("{gave} and {drained}"),
            };
            format!("{c} work {what} of the last {n} weeks")
        })
        .collect()
}

fn net_of(lines: &[EnergyLine], categories: &[Category]) -> (i64, usize) {
    lines
        .iter()
        .filter(|l| categories.contains(&l.category))
        .fold((0, 0), |(net, marks), l| {
            (net + l.gave as i64 - l.drained as i64, marks + l.marks())
        })
}

/// Maps a score in −1..1 to a lean: half or more is a clear lean, a fifth or more a slight one.
fn lean_of(score: f64) -> i8 {
    match score {
        s if s >= 0.5 => 2,
        s if s >= 0.2 => 1,
        s if s <= -0.5 => -2,
        s if s <= -0.2 => -1,
        _ => 0,
    }
}

/// Energy: people work (lead, align) against technical work (build, think), each as gave minus
/// drained, per journaled week. Needs at least two marks on those categories.
fn suggested_energy(lines: &[EnergyLine]) -> Option<i8> {
    let weeks = lines.first().map_or(0, |l| l.weeks);
    let (people, people_marks) = net_of(lines, &[Category::Lead, Category::Align]);
    let (tech, tech_marks) = net_of(lines, &[Category::Build, Category::Think]);
    if weeks == 0 || people_marks + tech_marks < MIN_MARKS {
        return None;
    }
    Some(lean_of((people - tech) as f64 / weeks as f64))
}

/// Lifestyle: the day the calendar already shows. Lead+align above half of work time, or more
/// than 25 meeting hours a week, is a manager's day; people work under a fifth, or fewer than
/// 6 meeting hours, an engineer's. With both, their mean.
fn suggested_lifestyle(people_share: Option<f64>, meeting_hours: Option<f64>) -> Option<i8> {
    let from_people = people_share.map(|s| match s {
        s if s >= 0.55 => 2,
        s if s >= 0.40 => 1,
        s if s <= 0.20 => -2,
        s if s <= 0.30 => -1,
        _ => 0,
    });
    let from_meetings = meeting_hours.map(|h| match h {
        h if h >= 25.0 => 2,
        h if h >= 18.0 => 1,
        h if h <= 6.0 => -2,
        h if h <= 12.0 => -1,
        _ => 0,
    });
    let scores: Vec<i8> = [from_people, from_meetings].into_iter().flatten().collect();
    if scores.is_empty() {
        return None;
    }
    let mean = scores.iter().map(|&s| f64::from(s)).sum::<f64>() / scores.len() as f64;
    Some(mean.round() as i8)
}

/// Themes counted case-insensitively (written lower case), most frequent first, then by name.
fn themes(raw: &[String]) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for theme in raw {
        let t = theme.trim().to_lowercase();
        if !t.is_empty() {
            *counts.entry(t).or_default() += 1;
        }
    }
    let mut out: Vec<(String, usize)> = counts.into_iter().collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

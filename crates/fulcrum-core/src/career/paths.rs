//! The paths after tech lead, and how well the evidence fits each.

use super::*;

word_enum! {
    /// Where a tech lead can go next.
    pub enum Path {
        EngineeringManager = "engineering-manager",
        Staff = "staff",
        Tpm = "tpm",
        Director = "director",
        Consulting = "consulting",
    }
}

impl Path {
    /// The role profile to audit against; None for consulting, whose week has no typical
    /// shape.
    pub fn role(self) -> Option<Role> {
        match self {
            Path::EngineeringManager => Some(Role::EngineeringManager),
            Path::Staff => Some(Role::Staff),
            Path::Tpm => Some(Role::Tpm),
            Path::Director => Some(Role::Director),
            Path::Consulting => None,
        }
    }

    /// The categories whose energy notes speak for this path (an inferred mapping: people
    /// work → EM, people and alignment → director, deep technical work → staff, cross-team
    /// coordination → TPM, sense-making and alignment across organisations → consulting).
    fn energy_categories(self) -> &'static [Category] {
        match self {
            Path::EngineeringManager => &[Category::Lead],
            Path::Director => &[Category::Lead, Category::Align],
            Path::Staff => &[Category::Build, Category::Think],
            Path::Tpm => &[Category::Align],
            Path::Consulting => &[Category::Think, Category::Align],
        }
    }

    /// How much a lean toward management speaks for this path (−1 when a technical lean does);
    /// None where the compass says nothing about it.
    fn management_weight(self) -> Option<f64> {
        match self {
            Path::EngineeringManager | Path::Director => Some(1.0),
            // A TPM leads without reports: management-leaning, but less than managing people.
            Path::Tpm => Some(0.5),
            Path::Staff => Some(-1.0),
            Path::Consulting => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PathInfo {
    pub path: Path,
    pub title: &'static str,
    pub focus: &'static str,
    pub scope: &'static str,
    pub fit_signals: Vec<&'static str>,
    pub watch_out: Vec<&'static str>,
    /// Reflection questions.
    pub prompts: Vec<&'static str>,
    /// The role profile to audit against; None for consulting.
    pub role: Option<Role>,
}

pub fn paths() -> Vec<PathInfo> {
    Path::ALL.iter().map(|&p| path_info(p)).collect()
}

fn path_info(path: Path) -> PathInfo {
    let role = path.role();
    match path {
        Path::EngineeringManager => PathInfo {
            path,
            title: "Engineering manager",
            focus: "People, culture and the long-term health of the team, and where the \
                    organisation is going.",
            scope: "Often several teams; sees patterns across them and talks with more senior \
                    people (HR, finance, other managers, leadership).",
            fit_signals: vec![
                "Growing people and shaping how a team works gives you energy.",
                "You like the people side of leading more than the technical side.",
                "You want to influence the direction of the wider organisation.",
            ],
            watch_out: vec![
                "You move further from the code than as a tech lead; ask yourself whether you \
                 want that.",
                "Without strong tech leads in the teams, the manager gets pulled into \
                 technical detail and overloaded.",
                "What the role means differs a lot between companies; some now expect managers \
                 to code as well.",
            ],
            prompts: vec![
                "Are you ready to step even further away from writing code?",
                "Which conversations about pay, promotion or underperformance would you find \
                 hardest, and why?",
                "Would the teams you'd look after each have a strong tech lead?",
            ],
            role,
        },
        Path::Staff => PathInfo {
            path,
            title: "Staff engineer / architect",
            focus: "Technical direction through influence rather than authority: design, hard \
                    problems, the systems others build on.",
            scope: "Staff: one or a few teams and a domain they own. Architect: several teams or \
                    departments, the boundaries between systems and their consistency.",
            fit_signals: vec![
                "Managing people's development, reviews or budgets does not appeal to you.",
                "Big technical challenges draw you in: a large migration, a serious reliability \
                 problem.",
                "You enjoy leading through design, problem-solving and persuasion.",
            ],
            watch_out: vec![
                "No formal authority: decisions stick because people trust your judgment.",
                "You are expected to be the calm adult in a crisis and to connect technical \
                 work with the business.",
                "Keeping skills current and not getting too narrow takes deliberate effort.",
            ],
            prompts: vec![
                "Which technical problem in the organisation would you most like to own for the \
                 next two years?",
                "When did you last change a decision in another team without any authority \
                 over it? How did you do it?",
                "Do you want to go deep in one domain or across several teams' systems?",
            ],
            role,
        },
        Path::Tpm => PathInfo {
            path,
            title: "Technical program manager",
            focus: "Executing programs: risks, stakeholders, dependencies and delivery across \
                    teams.",
            scope: "Initiatives that span several teams and functions.",
            fit_signals: vec![
                "Getting teams aligned and orchestrating delivery plans gives you energy.",
                "You like running planning sessions, clearing organisational blockers and being \
                 the glue between teams.",
                "Deep technical ownership and hands-on coding matter less to you.",
            ],
            watch_out: vec![
                "You are not expected to code, yet you need a strong technical background to be \
                 taken seriously.",
                "The role pays off where coordination is expensive or timelines are long; in a \
                 small organisation there may be little of it.",
            ],
            prompts: vec![
                "Which cross-team dependency would you have liked to untangle this quarter?",
                "How would you feel about a year in which you write no code at all?",
                "Could you take over the timeline or the dependencies of the next cross-team \
                 project to try it?",
            ],
            role,
        },
        Path::Director => PathInfo {
            path,
            title: "Engineering director",
            focus: "Designing what the organisation works toward: team goals, career ladders \
                    and talent, resources, mechanisms for systemic problems, cost and \
                    efficiency.",
            scope: "Many teams, with the power to allocate resources across them.",
            fit_signals: vec![
                "You think in terms of the organisation's goals and structure more than single \
                 tasks.",
                "You like explaining the value of engineering to other executives in their \
                 terms.",
                "Bridging business and technology interests you.",
            ],
            watch_out: vec![
                "Going back to simple, familiar work a report could own wastes the influence \
                 the role has.",
                "You give up the expectation of coding regularly.",
                "A department that only reacts to requests and patches bugs carries large \
                 hidden costs; the director is the one who plans ahead.",
            ],
            prompts: vec![
                "What is engineering worth to the company, and how is it different from an \
                 outsourced team?",
                "Which systemic problem would you fix with a mechanism rather than by stepping \
                 in yourself?",
                "Where could the organisation cut cost or gain speed, and how would you measure \
                 it?",
            ],
            role,
        },
        Path::Consulting => PathInfo {
            path,
            title: "Consulting / advisory",
            focus: "Bringing clarity to thorny problems and transformations; advisory work is \
                    longer term and can reach executives.",
            scope: "Several teams, organisations or industries, as an outsider.",
            fit_signals: vec![
                "You enjoy walking into messy situations and making sense of unfamiliar \
                 systems quickly.",
                "A bird's-eye view appeals to you more than owning one system.",
                "You want flexibility and autonomy.",
            ],
            watch_out: vec![
                "It is not for everyone: it asks for a lot of adaptability, communication and \
                 emotional intelligence, and comfort with ambiguity.",
                "You advise without always controlling how the advice is carried out.",
                "As an outsider you have to earn trust quickly.",
            ],
            prompts: vec![
                "Which unfamiliar system did you make sense of fastest, and what did you enjoy \
                 about it?",
                "How would you feel recommending a change that someone else then carries out?",
                "How much variety do you want in a year: one organisation or many?",
            ],
            role,
        },
    }
}

// ---------------------------------------------------------------------------------------------
// Path fit
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PathFit {
    pub path: Path,
    /// 0–1; 0.5 when nothing speaks for or against the path.
    pub score: f64,
    /// Which evidence moved it, in words.
    pub reasons: Vec<String>,
}

pub struct FitInput<'a> {
    pub evidence: &'a Evidence,
    pub answers: &'a [CompassAnswer],
    pub signs: Option<&'a SignsChecked>,
    /// One per role with a role profile; may be empty.
    pub audits: &'a [Audit],
}

/// How much each kind of evidence counts. What the lead logged week after week and what they
/// answered count double; the ticked signs are one moment's view; the calendar shows what the
/// current job asks for rather than what the lead wants.
const ENERGY_WEIGHT: f64 = 2.0;
const COMPASS_WEIGHT: f64 = 2.0;
const SIGNS_WEIGHT: f64 = 1.0;
const AUDIT_WEIGHT: f64 = 1.0;
const ALL_WEIGHTS: f64 = ENERGY_WEIGHT + COMPASS_WEIGHT + SIGNS_WEIGHT + AUDIT_WEIGHT;

/// The sum of the five latest leans ranges over ±10.
const LEAN_SUM_RANGE: f64 = 10.0;

pub const FIT_METHOD: &str = "Every path starts at 0.5 and four kinds of evidence move it \
toward 1 or toward 0. Energy notes (counted double): how often the work a path is made of gave \
you energy minus how often it drained you, per journaled week. Lead work speaks for engineering \
manager, lead and align work for director, build and think work for staff, align work for TPM, \
think and align work for consulting. Compass answers (counted double): the sum of your latest \
leans; a lean toward management raises engineering manager and director, and TPM half as much, \
and lowers staff; a technical lean does the opposite. Ticked signs (counted once): the share of \
management signs ticked minus the share of technical signs, applied the same way. The calendar \
audit (counted once): how close your calendar is to each role's time split, where no distance \
adds fully and a quarter of your time out of place adds nothing. Evidence you have not given \
counts as neutral, so a path with little evidence stays near the middle. The score is a prompt \
for reflection, not a verdict.";

/// Each path's fit from the evidence (see `FIT_METHOD`): a weighted sum of up to four
/// components, each in −1..1, divided by the sum of all weights so missing evidence counts as
/// neutral, and mapped to 0..1 around 0.5.
///
/// - energy: the mean over the path's categories of (gave − drained) / journaled weeks;
/// - compass: the sum of the latest leans / 10, times the path's management weight (+1 EM and
///   director, +0.5 TPM, −1 staff; not used for consulting);
/// - signs: management signs ticked / 5 − technical signs ticked / 4, the same weights;
/// - audit: 1 − 4 × the distance of the audit whose role is the path's, clamped to −1..1
///   (only audits with data; consulting has none).
///
/// Sorted best first, equal scores in `Path::ALL` order.
pub fn fit(input: &FitInput) -> Vec<PathFit> {
    let journaled = input.evidence.energy.first().map_or(0, |l| l.weeks);
    let lean_sum = lean_sum(input.answers);
    let ticked = input
        .signs
        .map(|s| (s.count(Leaning::Technical), s.count(Leaning::Management)))
        .filter(|&(t, m)| t + m > 0);
    let (tech_signs, mgmt_signs) = {
        let all = signs();
        let n = |l| all.iter().filter(|s| s.toward == l).count();
        (n(Leaning::Technical), n(Leaning::Management))
    };

    let mut fits: Vec<PathFit> = Path::ALL
        .iter()
        .map(|&path| {
            let mut weighted = 0.0;
            let mut reasons = Vec::new();

            if journaled > 0 {
                let lines: Vec<&EnergyLine> = input
                    .evidence
                    .energy
                    .iter()
                    .filter(|l| path.energy_categories().contains(&l.category))
                    .collect();
                if lines.iter().any(|l| l.marks() > 0) {
                    let value = lines.iter().map(|l| l.net()).sum::<f64>() / lines.len() as f64;
                    weighted += ENERGY_WEIGHT * value;
                    for l in lines.iter().filter(|l| l.marks() > 0) {
                        reasons.push(format!(
                            "{} work gave you energy in {} and drained you in {} of {} \
                             journaled weeks",
                            l.category, l.gave, l.drained, l.weeks
                        ));
                    }
                }
            }

            if let (Some(sum), Some(w)) = (lean_sum, path.management_weight()) {
                let value = w * f64::from(sum) / LEAN_SUM_RANGE;
                weighted += COMPASS_WEIGHT * value;
                let toward = match sum {
                    s if s > 0 => "toward management",
                    s if s < 0 => "toward technical work",
                    _ => "neither way",
                };
                reasons.push(format!(
                    "your compass answers lean {toward} ({sum:+} on a scale of -10 to +10)"
                ));
            }

            if let (Some((t, m)), Some(w)) = (ticked, path.management_weight()) {
                let value = m as f64 / mgmt_signs as f64 - t as f64 / tech_signs as f64;
                weighted += SIGNS_WEIGHT * w * value;
                reasons.push(format!(
                    "you ticked {m} of {mgmt_signs} signs for management and {t} of \
                     {tech_signs} for staying technical"
                ));
            }

            if let Some(role) = path.role()
                && let Some(a) = input
                    .audits
                    .iter()
                    .find(|a| a.role == role && !a.trend.is_empty())
            {
                let value = (1.0 - 4.0 * a.distance).clamp(-1.0, 1.0);
                weighted += AUDIT_WEIGHT * value;
                reasons.push(format!(
                    "{:.0} % of your calendar would have to move to match the {} split",
                    a.distance * 100.0,
                    role.title().to_lowercase()
                ));
            }

            if reasons.is_empty() {
                reasons.push("no evidence yet: answer the compass or keep an energy log".into());
            }
            PathFit {
                path,
                score: round4((0.5 + 0.5 * weighted / ALL_WEIGHTS).clamp(0.0, 1.0)),
                reasons,
            }
        })
        .collect();
    // Stable: equal scores keep `Path::ALL` order.
    fits.sort_by(|a, b| b.score.total_cmp(&a.score));
    fits
}

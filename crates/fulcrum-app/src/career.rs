//! Career direction: the calendar audit against a role's time split, the compass (the
//! technical-or-management questions, kept over time and pre-filled with evidence), the paths
//! after tech lead with how well each fits, and the transition plan toward a role.

use crate::error::{AppError, Result};
use crate::growth::{self, NewPlan, NewStep};
use crate::insights::weeks as weeks_between;
use crate::profile;
use crate::rules_file::RuleSource;
use fulcrum_core::Category;
use fulcrum_core::career::{
    self, Audit, CompassAnswer, Dimension, EnergyWeek, Evidence, EvidenceInput, FitInput, Leaning,
    PathFit, PathInfo, Role, RoleProfile, Sign, SignsChecked, WeekMinutes,
};
use fulcrum_core::feedback::Direction;
use fulcrum_core::growth::{Conversation, GoalKind, GrowthPlan, Keyed};
use fulcrum_core::insights::WeekFacts;
use fulcrum_core::rituals::Ritual;
use fulcrum_core::time;
use fulcrum_store::{Records, Store};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;

/// The periods the audit page compares: the last two, four and twelve weeks.
pub const AUDIT_WEEKS: [usize; 3] = [2, 4, 12];
/// How many weeks the compass's evidence reads.
pub const EVIDENCE_WEEKS: usize = 12;

/// The role a word names, or an error listing the roles.
pub fn role(word: &str) -> Result<Role> {
    Role::parse_alias(word).ok_or_else(|| {
        AppError::invalid(
            "role",
            format!("unknown role '{word}': expected one of {}", Role::words()),
        )
    })
}

/// The last `n` complete weeks (the running one is not judged), oldest first.
async fn complete_weeks(
    store: &dyn Store,
    rules: &(impl RuleSource + ?Sized),
    n: usize,
    now: Timestamp,
) -> Result<Vec<WeekFacts>> {
    let today = profile::today(store, now).await?;
    let this_week = time::week_start(today);
    let first = time::add_days(this_week, -7 * n as i64);
    weeks_between(store, rules, first, this_week, now).await
}

fn minutes_of(w: &WeekFacts) -> WeekMinutes {
    WeekMinutes {
        monday: w.monday,
        minutes: Category::ALL.iter().map(|c| (*c, w.minutes(*c))).collect(),
    }
}

/// The last `weeks` complete weeks against `role`'s time split.
pub async fn audit(
    store: &dyn Store,
    rules: &(impl RuleSource + ?Sized),
    role: Role,
    weeks: usize,
    now: Timestamp,
) -> Result<Audit> {
    if !(1..=52).contains(&weeks) {
        return Err(AppError::invalid(
            "weeks",
            format!("the audit reads 1 to 52 weeks, not {weeks}"),
        ));
    }
    let facts = complete_weeks(store, rules, weeks, now).await?;
    let minutes: Vec<WeekMinutes> = facts.iter().map(minutes_of).collect();
    Ok(career::audit(role, &minutes))
}

/// The role an audit compares with: the one asked for, else the target of an active growth
/// plan, else staff engineer (the path most leads weigh first).
pub async fn audit_role(store: &dyn Store, asked: Option<&str>, now: Timestamp) -> Result<Role> {
    if let Some(r) = asked.map(str::trim).filter(|r| !r.is_empty()) {
        return role(r);
    }
    let plans = growth::list_plans(store, false, now).await?;
    Ok(plans
        .iter()
        .filter_map(|p| p.target_role.as_deref())
        .find_map(|r| role(r).ok())
        .unwrap_or(Role::Staff))
}

/// The audit page: the role's profile and the audit over 2, 4 and 12 weeks, read once.
#[derive(Debug, Serialize)]
pub struct AuditPage {
    pub profile: RoleProfile,
    pub audits: Vec<Audit>,
}

pub async fn audit_page(
    store: &dyn Store,
    rules: &(impl RuleSource + ?Sized),
    role: Role,
    now: Timestamp,
) -> Result<AuditPage> {
    let longest = AUDIT_WEEKS[AUDIT_WEEKS.len() - 1];
    let facts = complete_weeks(store, rules, longest, now).await?;
    let minutes: Vec<WeekMinutes> = facts.iter().map(minutes_of).collect();
    let audits = AUDIT_WEEKS
        .iter()
        .map(|n| career::audit(role, &minutes[minutes.len().saturating_sub(*n)..]))
        .collect();
    Ok(AuditPage {
        profile: career::profile(role),
        audits,
    })
}

/// One question of the compass with the lead's answers, latest last.
#[derive(Debug, Clone, Serialize)]
pub struct Question {
    pub dimension: Dimension,
    pub title: &'static str,
    pub question: &'static str,
    pub answers: Vec<CompassAnswer>,
    /// What the evidence suggests, when it suggests anything.
    pub suggested: Option<i8>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SignLine {
    pub key: &'static str,
    pub toward: Leaning,
    pub text: &'static str,
    pub checked: bool,
}

#[derive(Debug, Serialize)]
pub struct Compass {
    pub questions: Vec<Question>,
    pub signs: Vec<SignLine>,
    pub signs_checked_on: Option<Date>,
    pub evidence: Evidence,
    /// The sum of the latest leans, read as a direction.
    pub overall: Option<Leaning>,
    pub today: Date,
}

/// What the journal's energy notes, the measured split and the feedback themes say.
async fn evidence(
    store: &dyn Store,
    rules: &(impl RuleSource + ?Sized),
    now: Timestamp,
) -> Result<Evidence> {
    let facts = complete_weeks(store, rules, EVIDENCE_WEEKS, now).await?;
    let entries = store
        .entries(&crate::access::owner_key(), Ritual::WeeklyJournal)
        .await?;
    let weeks: Vec<EnergyWeek> = facts
        .iter()
        .map(|w| EnergyWeek {
            monday: w.monday,
            energy: entries
                .iter()
                .find(|e| time::parse_iso_week(&e.period).ok() == Some(w.monday))
                .map(|e| e.body.energy.clone())
                .unwrap_or_default(),
            minutes: minutes_of(w).minutes,
        })
        .collect();
    let meetings: Vec<i64> = facts
        .iter()
        .filter(|w| w.report.totals.minutes > 0)
        .map(|w| w.report.days.iter().map(|d| d.meeting_minutes).sum())
        .collect();
    let themes: Vec<String> = store
        .feedback()
        .await?
        .into_iter()
        .filter(|f| f.direction == Direction::Received)
        .filter_map(|f| f.theme)
        .collect();
    Ok(career::evidence(&EvidenceInput {
        weeks: &weeks,
        meeting_minutes_per_week: &meetings,
        feedback_themes: &themes,
    }))
}

pub async fn compass(
    store: &dyn Store,
    rules: &(impl RuleSource + ?Sized),
    now: Timestamp,
) -> Result<Compass> {
    let today = profile::today(store, now).await?;
    let answers = answers(store).await?;
    let checked = latest_signs(store).await?;
    let evidence = evidence(store, rules, now).await?;
    let questions = Dimension::ALL
        .iter()
        .map(|d| Question {
            dimension: *d,
            title: d.title(),
            question: d.question(),
            answers: answers
                .iter()
                .filter(|a| a.dimension == *d)
                .cloned()
                .collect(),
            suggested: evidence
                .suggested
                .iter()
                .find(|(s, _)| s == d)
                .map(|(_, l)| *l),
        })
        .collect();
    let signs = career::signs()
        .into_iter()
        .map(|Sign { key, toward, text }| SignLine {
            key,
            toward,
            text,
            checked: checked
                .as_ref()
                .is_some_and(|c| c.signs.iter().any(|s| s == key)),
        })
        .collect();
    Ok(Compass {
        questions,
        signs,
        signs_checked_on: checked.map(|c| c.on),
        overall: career::overall(&answers),
        evidence,
        today,
    })
}

/// Every compass answer, oldest first.
async fn answers(store: &dyn Store) -> Result<Vec<CompassAnswer>> {
    Ok(store.records::<CompassAnswer>().await?)
}

async fn latest_signs(store: &dyn Store) -> Result<Option<SignsChecked>> {
    Ok(store.all::<SignsChecked>().await?.pop().map(|s| s.record))
}

/// Keeps an answer to one of the compass's questions.
pub async fn answer(
    store: &dyn Store,
    dimension: Dimension,
    lean: i8,
    note: &str,
    now: Timestamp,
) -> Result<Keyed<CompassAnswer>> {
    let a = CompassAnswer {
        dimension,
        lean,
        on: profile::today(store, now).await?,
        note: note.trim().to_string(),
    };
    a.check().map_err(|why| AppError::invalid("lean", why))?;
    Ok(store.add(&a).await?)
}

/// Keeps which signs the lead recognises today (the whole set, replacing none of the past).
pub async fn check_signs(
    store: &dyn Store,
    keys: &[String],
    now: Timestamp,
) -> Result<SignsChecked> {
    let known = career::signs();
    let mut signs = Vec::new();
    for k in keys.iter().map(|k| k.trim()).filter(|k| !k.is_empty()) {
        let Some(sign) = known.iter().find(|s| s.key.eq_ignore_ascii_case(k)) else {
            return Err(AppError::invalid(
                "sign",
                format!(
                    "unknown sign '{k}': expected one of {}",
                    known.iter().map(|s| s.key).collect::<Vec<_>>().join(", ")
                ),
            ));
        };
        if !signs.iter().any(|s: &String| s == sign.key) {
            signs.push(sign.key.to_string());
        }
    }
    let record = SignsChecked {
        on: profile::today(store, now).await?,
        signs,
    };
    store.add(&record).await?;
    Ok(record)
}

/// The paths after tech lead, with how well each fits the evidence, best first.
#[derive(Debug, Serialize)]
pub struct Paths {
    pub paths: Vec<PathInfo>,
    pub fit: Vec<PathFit>,
    /// How the fit is computed, in words, for the page to say.
    pub method: &'static str,
}

pub async fn paths(
    store: &dyn Store,
    rules: &(impl RuleSource + ?Sized),
    now: Timestamp,
) -> Result<Paths> {
    let evidence = evidence(store, rules, now).await?;
    let answers = answers(store).await?;
    let signs = latest_signs(store).await?;
    let facts = complete_weeks(store, rules, 4, now).await?;
    let minutes: Vec<WeekMinutes> = facts.iter().map(minutes_of).collect();
    let audits: Vec<Audit> = Role::ALL
        .iter()
        .map(|r| career::audit(*r, &minutes))
        .collect();
    let fit = career::fit(&FitInput {
        evidence: &evidence,
        answers: &answers,
        signs: signs.as_ref(),
        audits: &audits,
    });
    Ok(Paths {
        paths: career::paths(),
        fit,
        method: career::FIT_METHOD,
    })
}

/// Skills a role asks for, and whether the lead's latest self rating says they have it.
#[derive(Debug, Clone, Serialize)]
pub struct RoleSkill {
    pub skill: String,
    pub have: bool,
    pub rating: Option<u8>,
}

/// A self rating from this score up counts as having the skill.
pub const HAVE_FROM: u8 = 7;

/// The skills each role leans on most (from the paths' descriptions): a transition plan
/// starts from these.
pub fn role_skills(role: Role) -> &'static [&'static str] {
    match role {
        Role::TechLead => &[
            "planning and design",
            "delegating",
            "facilitating",
            "feedback",
            "technical",
        ],
        Role::EngineeringManager => &[
            "feedback",
            "mentoring",
            "conflict",
            "relationships",
            "operations",
        ],
        Role::Staff => &[
            "planning and design",
            "maintenance",
            "technical",
            "strategy",
            "facilitating",
        ],
        Role::Tpm => &[
            "planning and design",
            "facilitating",
            "relationships",
            "operations",
            "product",
        ],
        Role::Director => &[
            "strategy",
            "operations",
            "relationships",
            "delegating",
            "product",
        ],
    }
}

/// The transition plan's start: a growth plan toward `role` whose steps are the skill gaps
/// to close and the conversations to have with people in the role.
pub async fn transition(
    store: &dyn Store,
    role_word: &str,
    now: Timestamp,
) -> Result<Keyed<GrowthPlan>> {
    let role = role(role_word)?;
    let today = profile::today(store, now).await?;
    let mine = growth::latest_self_ratings(store).await?;
    let skills: Vec<RoleSkill> = role_skills(role)
        .iter()
        .map(|s| {
            let rating = mine.iter().find(|(k, _)| k == s).map(|(_, n)| *n);
            RoleSkill {
                skill: s.to_string(),
                have: rating.is_some_and(|n| n >= HAVE_FROM),
                rating,
            }
        })
        .collect();
    let quarter = time::add_days(today, 91);
    let mut steps: Vec<NewStep> = skills
        .iter()
        .filter(|s| !s.have)
        .map(|s| NewStep {
            title: format!(
                "Grow {}: {}",
                s.skill,
                s.rating
                    .map_or("not rated yet".into(), |n| format!("rated {n} now"))
            ),
            start: Some(today),
            target: Some(quarter),
            depends_on: vec![],
        })
        .collect();
    steps.push(NewStep {
        title: format!(
            "Talk to two people who work as {}",
            career::profile(role).title.to_lowercase()
        ),
        start: Some(today),
        target: Some(time::add_days(today, 42)),
        depends_on: vec![],
    });
    steps.push(NewStep {
        title: "Tell your manager where you want to go".into(),
        start: Some(today),
        target: Some(time::add_days(today, 14)),
        depends_on: vec![],
    });
    let have: Vec<String> = skills
        .iter()
        .filter(|s| s.have)
        .map(|s| s.skill.clone())
        .collect();
    growth::add_plan(
        store,
        NewPlan {
            goal: format!("Move toward {}", career::profile(role).title.to_lowercase()),
            why: String::new(),
            success: if have.is_empty() {
                vec![]
            } else {
                vec![format!("Build on what you have: {}", have.join(", "))]
            },
            kind: Some(GoalKind::Career),
            target_role: Some(role.as_str().to_string()),
            steps,
        },
        now,
    )
    .await
}

#[derive(Debug, Clone, Default)]
pub struct NewConversation {
    pub with: String,
    pub plan: Option<i64>,
    pub on: Option<Date>,
    pub asked: Vec<String>,
    pub learned: String,
}

/// Logs a conversation with someone in the target role; `with` is a person's name (linked
/// when they are in People) or any description.
pub async fn talk(
    store: &dyn Store,
    new: NewConversation,
    now: Timestamp,
) -> Result<Keyed<Conversation>> {
    let today = profile::today(store, now).await?;
    // Someone from People when the name is theirs (full or first name, or id); anyone else
    // by the name given.
    let person = crate::people::resolve(&store.people().await?, &new.with)?;
    if let Some(plan) = new.plan {
        store.get::<GrowthPlan>(plan).await?;
    }
    let c = Conversation {
        plan: new.plan,
        person: person.as_ref().map(|p| p.id),
        with: person.map_or_else(|| new.with.trim().to_string(), |p| p.name),
        on: new.on.unwrap_or(today),
        asked: crate::people::clean_list(&new.asked),
        learned: new.learned.trim().to_string(),
    };
    c.check().map_err(|why| AppError::invalid("with", why))?;
    Ok(store.add(&c).await?)
}

/// The questions worth asking someone already in the role.
pub const ROLE_QUESTIONS: [&str; 3] = [
    "What caught you off guard when you started in the role?",
    "What do you wish someone had told you before you took it?",
    "What would you practise first if you were preparing for it now?",
];

pub async fn conversations(store: &dyn Store) -> Result<Vec<Keyed<Conversation>>> {
    let mut all = store.all::<Conversation>().await?;
    all.reverse();
    Ok(all)
}

fn lean_words(lean: i8) -> &'static str {
    match lean {
        i8::MIN..=-2 => "clearly technical",
        -1 => "leaning technical",
        0 => "in between",
        1 => "leaning management",
        _ => "clearly management",
    }
}

/// The compass as Markdown: each question with the latest answer and what the evidence says,
/// the signs ticked, and the overall lean.
pub fn compass_markdown(c: &Compass) -> String {
    use std::fmt::Write as _;
    let mut s = format!("# Career compass, {}\n\n", c.today);
    match c.overall {
        Some(o) => {
            let _ = writeln!(s, "Your answers lean **{o}**.\n");
        }
        None => s.push_str(
            "No answers yet: `fulcrum career compass answer energy -1 --note \"…\"`.\n\n",
        ),
    }
    if !c.evidence.sentences.is_empty() {
        s.push_str("## What your records show\n\n");
        for line in &c.evidence.sentences {
            let _ = writeln!(s, "- {line}");
        }
        s.push('\n');
    }
    for q in &c.questions {
        let _ = writeln!(s, "## {}\n\n{}\n", q.title, q.question);
        match q.answers.last() {
            Some(a) => {
                let _ = write!(
                    s,
                    "You answered {:+} ({}) on {}",
                    a.lean,
                    lean_words(a.lean),
                    a.on
                );
                if !a.note.is_empty() {
                    let _ = write!(s, ": {}", a.note);
                }
                s.push_str(".\n");
                if q.answers.len() > 1 {
                    let past: Vec<String> = q.answers[..q.answers.len() - 1]
                        .iter()
                        .map(|a| format!("{:+} on {}", a.lean, a.on))
                        .collect();
                    let _ = writeln!(s, "Before: {}.", past.join(", "));
                }
            }
            None => s.push_str("Not answered yet.\n"),
        }
        if let Some(l) = q.suggested {
            let _ = writeln!(s, "The evidence suggests {:+} ({}).", l, lean_words(l));
        }
        s.push('\n');
    }
    s.push_str("## Signs\n\n");
    for sign in &c.signs {
        let _ = writeln!(
            s,
            "- [{}] {} *({})*",
            if sign.checked { "x" } else { " " },
            sign.text,
            sign.toward
        );
    }
    s
}

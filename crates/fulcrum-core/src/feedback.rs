//! Feedback as situation → behaviour → impact: given, received and requested; whether it was
//! delivered while it still mattered; a lint for hedging and vagueness; the balance each person
//! gets; follow-ups on constructive feedback; and the lead's own feedback grouped by theme.

use crate::time::days_between;
use crate::words::plural;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

word_enum! {
    pub enum Direction {
        /// The lead gave it.
        Given = "given",
        /// Someone gave it to the lead.
        Received = "received",
        /// The lead asked for it.
        Requested = "requested",
    }
}

word_enum! {
    pub enum Polarity {
        /// Reinforces something done well.
        Positive = "positive",
        /// Surfaces a blind spot or asks for a change.
        Constructive = "constructive",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feedback {
    pub id: i64,
    /// Given: to whom. Received: from whom. Requested: asked of whom.
    pub person_id: Option<i64>,
    /// The other side's name when they are not among the lead's people.
    pub who: Option<String>,
    pub direction: Direction,
    /// Not set for a request.
    pub polarity: Option<Polarity>,
    /// When and where it happened.
    pub situation: String,
    /// What was done or said, as it could be observed.
    pub behaviour: String,
    /// What it did to the lead, the team, the work.
    pub impact: String,
    /// What it is about, to group the lead's own feedback (communication, delegation …).
    pub theme: Option<String>,
    /// When it happened (given, received) or was asked for (requested).
    pub event_on: Date,
    /// When it was told (given), heard (received) or answered (requested); `None` while it is
    /// still an observation waiting to be delivered, or a request waiting for an answer.
    pub delivered_on: Option<Date>,
    /// When to look again at whether constructive feedback made a difference.
    pub follow_up_due: Option<Date>,
    pub followed_up_on: Option<Date>,
    pub follow_up_note: Option<String>,
}

/// Delivered within this many days of the event is timely: the same day or a few days after.
pub const TIMELY_DAYS: i64 = 3;
/// An observation not delivered this many days after the event is going stale.
pub const STALE_DAYS: i64 = 3;
/// Constructive feedback is followed up this long after it was given, unless told otherwise.
pub const FOLLOW_UP_DAYS: i64 = 14;
/// Six weeks without a word of praise is worth a warning.
pub const NO_PRAISE_DAYS: i64 = 42;

impl Feedback {
    /// Days from the event to delivery.
    pub fn delay_days(&self) -> Option<i64> {
        self.delivered_on.map(|d| days_between(self.event_on, d))
    }

    pub fn is_timely(&self) -> Option<bool> {
        self.delay_days().map(|d| d <= TIMELY_DAYS)
    }

    pub fn is_given(&self, polarity: Polarity) -> bool {
        self.direction == Direction::Given
            && self.polarity == Some(polarity)
            && self.delivered_on.is_some()
    }

    /// Given feedback noted but not yet delivered, `STALE_DAYS` or more after the event.
    pub fn is_stale(&self, today: Date) -> bool {
        self.direction == Direction::Given
            && self.delivered_on.is_none()
            && days_between(self.event_on, today) >= STALE_DAYS
    }

    /// Days past the follow-up date (negative: days left) of delivered constructive feedback
    /// not yet followed up.
    pub fn follow_up_overdue(&self, today: Date) -> Option<i64> {
        if !self.is_given(Polarity::Constructive) || self.followed_up_on.is_some() {
            return None;
        }
        self.follow_up_due.map(|due| days_between(due, today))
    }
}

/// The follow-up date for constructive feedback delivered on `delivered_on`.
pub fn default_follow_up(delivered_on: Date) -> Date {
    crate::time::add_days(delivered_on, FOLLOW_UP_DAYS)
}

word_enum! {
    pub enum LintKind {
        /// A qualifier that softens the message until it is unclear.
        Hedge = "hedge",
        /// Nothing says when or where it happened.
        NoSpecifics = "no-specifics",
        /// A pattern ("always", "never") instead of an instance.
        Generalisation = "generalisation",
        /// A verdict on the person instead of what they did.
        Judgement = "judgement",
        /// A part of situation, behaviour, impact is empty.
        Missing = "missing",
        /// Praise too generic to tell what to repeat.
        Generic = "generic",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LintFinding {
    pub kind: LintKind,
    /// situation, behaviour, impact, or text for a free draft.
    pub part: &'static str,
    /// The words that triggered it.
    pub found: Option<String>,
    pub message: String,
}

const HEDGES: &[&str] = &[
    "maybe",
    "i think",
    "sort of",
    "kind of",
    "might",
    "perhaps",
    "possibly",
    "probably",
    "a bit",
    "a little",
    "somewhat",
    "i guess",
    "i feel like",
    "just wanted",
    "not sure",
    "if that makes sense",
];

const GENERALISATIONS: &[&str] = &[
    "always",
    "never",
    "every time",
    "constantly",
    "all the time",
    "everyone",
    "nobody",
    "no one",
    "whenever",
];

const JUDGEMENTS: &[&str] = &[
    "lazy",
    "careless",
    "sloppy",
    "rude",
    "arrogant",
    "unprofessional",
    "incompetent",
    "bad attitude",
    "disrespectful",
    "difficult",
    "selfish",
    "full of bugs",
    "don't care",
    "doesn't care",
];

const GENERIC_PRAISE: &[&str] = &[
    "good job",
    "great job",
    "nice job",
    "well done",
    "great work",
    "good work",
    "nice work",
    "awesome",
    "thanks",
];

/// Words that anchor feedback in a moment: a time, a meeting, a piece of work.
const ANCHORS: &[&str] = &[
    "today",
    "yesterday",
    "tonight",
    "this morning",
    "this afternoon",
    "last night",
    "last week",
    "this week",
    "last sprint",
    "this sprint",
    "earlier",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "standup",
    "stand-up",
    "retro",
    "retrospective",
    "planning",
    "refinement",
    "review",
    "demo",
    "meeting",
    "1:1",
    "call",
    "incident",
    "interview",
    "workshop",
    "presentation",
    "kickoff",
    "sync",
    "pr",
    "pull request",
    "merge request",
    "ticket",
    "commit",
    "doc",
    "design doc",
    "rfc",
    "adr",
    "release",
    "deploy",
    "postmortem",
];

/// `word` in `text` (both lower-case) with no letter or digit either side.
fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn found_in<'a>(text: &str, words: &'a [&'a str]) -> Vec<&'a str> {
    let lower = text.to_lowercase().replace('’', "'");
    words
        .iter()
        .copied()
        .filter(|w| has_word(&lower, w))
        .collect()
}

/// A date, a time or an issue number anchors a moment too.
fn has_number_anchor(text: &str) -> bool {
    let mut digits = 0;
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits += 1;
        } else if digits > 0 {
            break;
        }
    }
    digits > 0 || text.contains('#')
}

fn finding(
    kind: LintKind,
    part: &'static str,
    found: Option<&str>,
    message: String,
) -> LintFinding {
    LintFinding {
        kind,
        part,
        found: found.map(str::to_string),
        message,
    }
}

/// A finding of `kind` for each of `words` found in `text`, worded by `message`.
fn flag_words(
    kind: LintKind,
    words: &[&str],
    part: &'static str,
    text: &str,
    out: &mut Vec<LintFinding>,
    message: impl Fn(&str) -> String,
) {
    for w in found_in(text, words) {
        out.push(finding(kind, part, Some(w), message(w)));
    }
}

fn hedges(part: &'static str, text: &str, out: &mut Vec<LintFinding>) {
    flag_words(LintKind::Hedge, HEDGES, part, text, out, |h| {
        format!("“{h}” softens the message until it is unclear: say it plainly.")
    });
}

fn patterns(part: &'static str, text: &str, out: &mut Vec<LintFinding>) {
    flag_words(
        LintKind::Generalisation,
        GENERALISATIONS,
        part,
        text,
        out,
        |g| {
            format!(
                "“{g}” turns one moment into a pattern and invites an argument about the \
                 exceptions: describe a time you saw it."
            )
        },
    );
    flag_words(LintKind::Judgement, JUDGEMENTS, part, text, out, |j| {
        format!("“{j}” judges the person: say what they did that you could see or hear.")
    });
}

fn anchored(text: &str) -> bool {
    !found_in(text, ANCHORS).is_empty() || has_number_anchor(text)
}

/// Checks a piece of feedback written as situation, behaviour and impact.
pub fn lint(
    polarity: Option<Polarity>,
    situation: &str,
    behaviour: &str,
    impact: &str,
) -> Vec<LintFinding> {
    let mut out = Vec::new();
    for (part, text, hint) in [
        (
            "situation",
            situation,
            "when and where it happened, and who was there",
        ),
        (
            "behaviour",
            behaviour,
            "what they did or said, as anyone present could have seen it",
        ),
        (
            "impact",
            impact,
            "what it did to you, the team or the work, and why it matters",
        ),
    ] {
        if text.trim().is_empty() {
            out.push(finding(
                LintKind::Missing,
                part,
                None,
                format!("Add the {part}: {hint}."),
            ));
        }
        hedges(part, text, &mut out);
    }
    patterns("behaviour", behaviour, &mut out);
    if !situation.trim().is_empty() && !anchored(situation) && !anchored(behaviour) {
        out.push(finding(
            LintKind::NoSpecifics,
            "situation",
            None,
            "Nothing says when or where: name the day, the meeting or the piece of work, so \
             they know exactly what you mean."
                .into(),
        ));
    }
    if polarity == Some(Polarity::Positive)
        && behaviour.split_whitespace().count() < 6
        && let Some(g) = found_in(behaviour, GENERIC_PRAISE).first()
    {
        out.push(finding(
            LintKind::Generic,
            "behaviour",
            Some(g),
            format!(
                "“{g}” alone does not tell them what to keep doing: say what exactly was good."
            ),
        ));
    }
    out
}

/// Checks a free draft (one paragraph): hedges, patterns, judgements and a missing anchor.
pub fn lint_text(text: &str) -> Vec<LintFinding> {
    let mut out = Vec::new();
    hedges("text", text, &mut out);
    patterns("text", text, &mut out);
    if !text.trim().is_empty() && !anchored(text) {
        out.push(finding(
            LintKind::NoSpecifics,
            "text",
            None,
            "Nothing says when or where: name the day, the meeting or the piece of work.".into(),
        ));
    }
    out
}

/// The feedback one person got from the lead.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Balance {
    pub person_id: i64,
    pub positive: usize,
    pub constructive: usize,
    /// Positive per constructive; `None` without constructive feedback.
    pub ratio: Option<f64>,
    pub last_positive: Option<Date>,
    pub days_since_positive: Option<i64>,
    pub last_given: Option<Date>,
    /// Share delivered within `TIMELY_DAYS` of the event.
    pub timely_share: Option<f64>,
    /// Noted but not delivered yet.
    pub waiting: usize,
    pub warnings: Vec<String>,
}

/// The balance of the feedback given to `person_id` (from any list of feedback).
pub fn balance(person_id: i64, first_name: &str, all: &[Feedback], today: Date) -> Balance {
    let theirs: Vec<&Feedback> = all
        .iter()
        .filter(|f| f.person_id == Some(person_id) && f.direction == Direction::Given)
        .collect();
    let delivered: Vec<&&Feedback> = theirs.iter().filter(|f| f.delivered_on.is_some()).collect();
    let count = |p: Polarity| delivered.iter().filter(|f| f.polarity == Some(p)).count();
    let (positive, constructive) = (count(Polarity::Positive), count(Polarity::Constructive));
    let last_positive = delivered
        .iter()
        .filter(|f| f.polarity == Some(Polarity::Positive))
        .filter_map(|f| f.delivered_on)
        .max();
    let days_since_positive = last_positive.map(|d| days_between(d, today));
    let timely = delivered
        .iter()
        .filter(|f| f.is_timely() == Some(true))
        .count();
    let mut warnings = Vec::new();
    if constructive >= 3 && positive == 0 {
        warnings.push(format!(
            "{first_name} has only heard constructive feedback from you ({constructive} times). \
             Notice what goes well too, or you become the one who only brings bad news."
        ));
    }
    if positive >= 4 && constructive == 0 {
        warnings.push(format!(
            "{first_name} has only heard praise from you ({positive} times). Praise alone wears \
             thin: what should they work on next?"
        ));
    }
    if !delivered.is_empty() && days_since_positive.is_none_or(|d| d >= NO_PRAISE_DAYS) {
        warnings.push(match days_since_positive {
            Some(d) => format!(
                "No positive feedback for {first_name} in {}: find one specific thing \
                 they did well this week.",
                plural(d, "day", "days")
            ),
            None => format!(
                "You have never given {first_name} positive feedback here: find one specific \
                 thing they did well this week."
            ),
        });
    }
    Balance {
        person_id,
        positive,
        constructive,
        ratio: (constructive > 0).then(|| positive as f64 / constructive as f64),
        last_positive,
        days_since_positive,
        last_given: delivered.iter().filter_map(|f| f.delivered_on).max(),
        timely_share: (!delivered.is_empty()).then(|| timely as f64 / delivered.len() as f64),
        waiting: theirs.iter().filter(|f| f.delivered_on.is_none()).count(),
        warnings,
    }
}

/// Whether the lead's attention is spread unevenly: some people got feedback several times
/// while others got none (`counts`: name and feedback given in a recent window).
pub fn uneven_attention(counts: &[(String, usize)]) -> Option<String> {
    let most = counts.iter().map(|(_, c)| *c).max()?;
    let none: Vec<&str> = counts
        .iter()
        .filter(|(_, c)| *c == 0)
        .map(|(n, _)| n.as_str())
        .collect();
    (most >= 3 && !none.is_empty()).then(|| {
        format!(
            "Some people got feedback from you {most} times lately while {} got none: even \
             unintended favouritism is felt. Look for something to tell them.",
            none.join(", ")
        )
    })
}

/// Received feedback on one theme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThemeGroup {
    pub theme: String,
    /// Newest first.
    pub items: Vec<Feedback>,
    /// Heard more than once: worth acting on.
    pub repeated: bool,
}

/// What others told the lead, grouped by theme, the most heard first.
pub fn my_feedback(all: &[Feedback]) -> Vec<ThemeGroup> {
    let mut groups: Vec<ThemeGroup> = Vec::new();
    for f in all.iter().filter(|f| f.direction == Direction::Received) {
        let theme = f
            .theme
            .as_deref()
            .map(|t| t.trim().to_lowercase())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| "unsorted".into());
        match groups.iter_mut().find(|g| g.theme == theme) {
            Some(g) => g.items.push(f.clone()),
            None => groups.push(ThemeGroup {
                theme,
                items: vec![f.clone()],
                repeated: false,
            }),
        }
    }
    for g in &mut groups {
        g.items
            .sort_by_key(|f| std::cmp::Reverse((f.delivered_on.unwrap_or(f.event_on), f.id)));
        g.repeated = g.items.len() >= 2;
    }
    groups.sort_by(|a, b| {
        b.items
            .len()
            .cmp(&a.items.len())
            .then_with(|| a.theme.cmp(&b.theme))
    });
    groups
}

#[cfg(test)]
mod tests;

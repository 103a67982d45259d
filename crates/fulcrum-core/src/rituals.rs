//! The reflection rhythm: a weekly journal, a monthly career check-in and a quarterly
//! self-assessment — when each is due, the streak kept, and the plain-text form an entry is
//! written in (so it can be edited in the user's own editor and read back).

use crate::category::Category;
use crate::time;
use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Ritual {
    WeeklyJournal,
    MonthlyCheckIn,
    QuarterlyAssessment,
}

impl Ritual {
    pub const ALL: [Ritual; 3] = [
        Ritual::WeeklyJournal,
        Ritual::MonthlyCheckIn,
        Ritual::QuarterlyAssessment,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Ritual::WeeklyJournal => "weekly-journal",
            Ritual::MonthlyCheckIn => "monthly-check-in",
            Ritual::QuarterlyAssessment => "quarterly-assessment",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Ritual::WeeklyJournal => "Weekly journal",
            Ritual::MonthlyCheckIn => "Monthly career check-in",
            Ritual::QuarterlyAssessment => "Quarterly self-assessment",
        }
    }

    /// Days after a period ends before a missing entry counts as overdue.
    pub fn grace_days(self) -> i64 {
        match self {
            Ritual::WeeklyJournal => 3,
            Ritual::MonthlyCheckIn => 7,
            Ritual::QuarterlyAssessment => 14,
        }
    }

    /// The sections an entry has, each with the question that opens it.
    pub fn sections(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Ritual::WeeklyJournal => &[
                (
                    "accomplishments",
                    "What did you get done or move forward this week — big or small?",
                ),
                (
                    "challenges",
                    "What got in the way, and is it the same thing as last time?",
                ),
                (
                    "learnings",
                    "What do you know now that you did not on Monday?",
                ),
            ],
            Ritual::MonthlyCheckIn => &[
                (
                    "progress",
                    "Where do your long-term goals stand? Note each goal and how it moved.",
                ),
                (
                    "roadmap",
                    "Looking at your career roadmap: is the direction still the one you want?",
                ),
                (
                    "skills",
                    "Which skills did you practise this month, and how did it go?",
                ),
                ("adjustments", "What will you change for next month?"),
            ],
            Ritual::QuarterlyAssessment => &[
                (
                    "gaps",
                    "Where are the biggest gaps between where your skills are and where you want them?",
                ),
                (
                    "improvements",
                    "What will you work on next quarter, and how will you know it improved?",
                ),
                (
                    "opportunities",
                    "Which projects, roles or people could help you grow?",
                ),
                (
                    "feedback",
                    "Whose view did you ask for (a colleague, a mentor, someone you lead), and what did they say?",
                ),
            ],
        }
    }
}

/// The span of time one entry covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    /// `2026-W48`, `2026-11` or `2026-Q4`.
    pub label: String,
    pub from: Date,
    /// The day after the period (exclusive).
    pub to: Date,
}

pub fn period_of(ritual: Ritual, date: Date) -> Period {
    match ritual {
        Ritual::WeeklyJournal => {
            let from = time::week_start(date);
            Period {
                label: time::iso_week_label(from),
                from,
                to: time::add_days(from, 7),
            }
        }
        Ritual::MonthlyCheckIn => {
            let from = date.first_of_month();
            Period {
                label: format!("{:04}-{:02}", from.year(), from.month()),
                from,
                to: from.checked_add(1.month()).unwrap_or(from),
            }
        }
        Ritual::QuarterlyAssessment => {
            let q = (date.month() - 1) / 3;
            let from = Date::new(date.year(), q * 3 + 1, 1).unwrap_or(date);
            Period {
                label: format!("{:04}-Q{}", from.year(), q + 1),
                from,
                to: from.checked_add(3.months()).unwrap_or(from),
            }
        }
    }
}

/// Reads a period label back (`2026-W48`, `2026-11`, `2026-Q4`).
pub fn parse_period(ritual: Ritual, label: &str) -> Option<Period> {
    let l = label.trim();
    let start = match ritual {
        Ritual::WeeklyJournal => time::parse_iso_week(l).ok()?,
        Ritual::MonthlyCheckIn => format!("{l}-01").parse::<Date>().ok()?,
        Ritual::QuarterlyAssessment => {
            let (y, q) = l.split_once("-Q").or_else(|| l.split_once("-q"))?;
            let q: i8 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
            Date::new(y.parse().ok()?, (q - 1) * 3 + 1, 1).ok()?
        }
    };
    let p = period_of(ritual, start);
    p.label.eq_ignore_ascii_case(l).then_some(p)
}

/// When an entry is due: the last working day of its period (Friday for a week).
pub fn due_date(p: &Period) -> Date {
    let mut d = time::add_days(p.to, -1);
    while matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) && d > p.from {
        d = time::add_days(d, -1);
    }
    d
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RitualStatus {
    pub ritual: Ritual,
    pub title: &'static str,
    /// The period an entry is expected for now.
    pub period: Period,
    pub due: Date,
    /// "done", "due", "overdue" or "upcoming".
    pub state: &'static str,
    /// Consecutive periods with an entry, ending with the latest finished or written one.
    pub streak: u32,
    pub last_entry: Option<String>,
}

/// Where a ritual stands today, given the period labels that have entries.
pub fn status(ritual: Ritual, today: Date, written: &[String]) -> RitualStatus {
    let has = |p: &Period| written.contains(&p.label);
    let current = period_of(ritual, today);
    let previous = period_of(ritual, time::add_days(current.from, -1));
    // Until the grace days after a period have passed, its entry is still the one expected.
    let in_grace = today <= time::add_days(previous.to, ritual.grace_days() - 1);
    let expected = if in_grace && !has(&previous) {
        previous.clone()
    } else {
        current.clone()
    };
    let due = due_date(&expected);
    // Overdue: the period is over and its entry is still missing (during the grace days).
    let state = if has(&expected) {
        "done"
    } else if expected.to <= today {
        "overdue"
    } else if today >= due {
        "due"
    } else {
        "upcoming"
    };
    // The streak counts back from the latest written period; a period still inside its grace
    // days does not break it yet.
    let mut p = if has(&current) || has(&previous) || !in_grace {
        if has(&current) {
            current.clone()
        } else {
            previous
        }
    } else {
        period_of(ritual, time::add_days(previous.from, -1))
    };
    let mut streak = 0;
    while has(&p) {
        streak += 1;
        p = period_of(ritual, time::add_days(p.from, -1));
    }
    let mut sorted: Vec<&String> = written.iter().collect();
    sorted.sort();
    RitualStatus {
        ritual,
        title: ritual.title(),
        period: expected,
        due,
        state,
        streak,
        last_entry: sorted.last().map(|s| s.to_string()),
    }
}

/// One rating of a skill, by the user and by others.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkillRating {
    pub skill: String,
    /// 1–10.
    pub own: Option<u8>,
    /// `(who, 1–10)`.
    pub others: Vec<(String, u8)>,
}

/// An entry's content, as written.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EntryBody {
    /// Section key → the bullet points written under it.
    pub sections: Vec<(String, Vec<String>)>,
    /// Which kinds of work gave (+1) or drained (−1) energy.
    #[serde(default)]
    pub energy: Vec<(Category, i8)>,
    #[serde(default)]
    pub ratings: Vec<SkillRating>,
}

impl EntryBody {
    /// `gave — build, lead; drained — none`: the energy notes as one phrase, the way the
    /// journal page and the Markdown export both write them.
    pub fn energy_phrase(&self) -> String {
        let kinds = |gave: bool| {
            let v: Vec<&str> = self
                .energy
                .iter()
                .filter(|(_, e)| if gave { *e > 0 } else { *e < 0 })
                .map(|(c, _)| c.as_str())
                .collect();
            if v.is_empty() {
                "none".to_string()
            } else {
                v.join(", ")
            }
        };
        format!("gave — {}; drained — {}", kinds(true), kinds(false))
    }

    pub fn section(&self, key: &str) -> &[String] {
        self.sections
            .iter()
            .find(|(k, _)| k == key)
            .map_or(&[], |(_, v)| v.as_slice())
    }

    pub fn is_empty(&self) -> bool {
        self.sections.iter().all(|(_, v)| v.is_empty())
            && self.energy.is_empty()
            && self.ratings.is_empty()
    }
}

/// The skills a quarterly self-assessment rates: the technical and leadership areas.
pub const ASSESSED_SKILLS: [&str; 12] = [
    "planning and design",
    "implementation",
    "testing",
    "deployment",
    "maintenance",
    "listening",
    "relationships",
    "feedback",
    "delegating",
    "facilitating",
    "conflict",
    "mentoring",
];

/// The text an entry is written in: Markdown with the facts of the period as a comment, a
/// heading per section, bullets for items, and `category: +1` lines for energy.
pub fn template(ritual: Ritual, period: &Period, facts: &[String], body: &EntryBody) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# {} {}\n", ritual.title(), period.label);
    if !facts.is_empty() {
        let _ = writeln!(
            s,
            "<!-- What your data shows for {} – {}:",
            period.from,
            time::add_days(period.to, -1)
        );
        for f in facts {
            let _ = writeln!(s, "  * {f}");
        }
        let _ = writeln!(s, "-->\n");
    }
    for (key, prompt) in ritual.sections() {
        let _ = writeln!(s, "## {key}\n<!-- {prompt} -->");
        let items = body.section(key);
        if items.is_empty() {
            let _ = writeln!(s, "- ");
        }
        for i in items {
            let _ = writeln!(s, "- {i}");
        }
        s.push('\n');
    }
    if ritual == Ritual::WeeklyJournal {
        let _ = writeln!(
            s,
            "## energy\n<!-- Which kinds of work gave you energy (+1) and which drained it (-1)? Leave blank if neither. -->"
        );
        for c in Category::ALL.iter().filter(|c| **c != Category::Other) {
            let v = body
                .energy
                .iter()
                .find(|(k, _)| k == c)
                .map(|(_, v)| format!("{v:+}"))
                .unwrap_or_default();
            let _ = writeln!(s, "{c}: {v}");
        }
    }
    if ritual == Ritual::QuarterlyAssessment {
        let _ = writeln!(
            s,
            "## ratings\n<!-- 1 to 10. Your own score, then others' as name=score, e.g. `listening: 6, Sam=7` -->"
        );
        for skill in ASSESSED_SKILLS {
            let r = body.ratings.iter().find(|r| r.skill == skill);
            let own = r
                .and_then(|r| r.own)
                .map(|v| v.to_string())
                .unwrap_or_default();
            let others: String = r
                .map(|r| r.others.iter().map(|(w, v)| format!(", {w}={v}")).collect())
                .unwrap_or_default();
            let _ = writeln!(s, "{skill}: {own}{others}");
        }
    }
    s
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct TemplateError {
    pub line: usize,
    pub message: String,
}

/// Reads an edited template back. Comments and empty bullets are ignored.
pub fn parse_template(ritual: Ritual, text: &str) -> Result<EntryBody, TemplateError> {
    let keys: Vec<&str> = ritual.sections().iter().map(|(k, _)| *k).collect();
    let mut body = EntryBody {
        sections: keys.iter().map(|k| (k.to_string(), Vec::new())).collect(),
        ..Default::default()
    };
    let mut current: Option<String> = None;
    let mut in_comment = false;
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        let err = |message: String| TemplateError {
            line: n + 1,
            message,
        };
        if in_comment {
            in_comment = !line.contains("-->");
            continue;
        }
        if line.starts_with("<!--") {
            in_comment = !line.contains("-->");
            continue;
        }
        if line.is_empty() || line.starts_with("# ") {
            continue;
        }
        if let Some(h) = line.strip_prefix("## ") {
            current = Some(h.trim().to_ascii_lowercase());
            continue;
        }
        let Some(sec) = current.as_deref() else {
            return Err(err(
                "text before the first '## ' heading; put it under one of the sections".into(),
            ));
        };
        match sec {
            "energy" => {
                let (c, v) = line.split_once(':').ok_or_else(|| {
                    err(format!("'{line}': write 'category: +1' or 'category: -1'"))
                })?;
                let v = v.trim();
                if v.is_empty() {
                    continue;
                }
                let cat: Category = c
                    .trim()
                    .parse()
                    .map_err(|e: crate::category::UnknownCategory| err(e.to_string()))?;
                let n: i8 = v
                    .parse()
                    .ok()
                    .filter(|n: &i8| (-1..=1).contains(n))
                    .ok_or_else(|| {
                        err(format!("energy for {cat} must be +1, 0 or -1, not '{v}'"))
                    })?;
                body.energy.push((cat, n));
            }
            "ratings" => {
                let (skill, rest) = line
                    .split_once(':')
                    .ok_or_else(|| err(format!("'{line}': write 'skill: 6, Name=7'")))?;
                let mut rating = SkillRating {
                    skill: skill.trim().to_string(),
                    own: None,
                    others: Vec::new(),
                };
                for part in rest.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                    let score = |v: &str| {
                        v.trim()
                            .parse::<u8>()
                            .ok()
                            .filter(|v| (1..=10).contains(v))
                            .ok_or_else(|| err(format!("'{v}' is not a rating from 1 to 10")))
                    };
                    match part.split_once('=') {
                        Some((who, v)) => rating.others.push((who.trim().to_string(), score(v)?)),
                        None => rating.own = Some(score(part)?),
                    }
                }
                if rating.own.is_some() || !rating.others.is_empty() {
                    body.ratings.push(rating);
                }
            }
            key => {
                let item = line
                    .strip_prefix("- ")
                    .or_else(|| line.strip_prefix("* "))
                    .unwrap_or(line)
                    .trim();
                if item.is_empty() || item == "-" {
                    continue;
                }
                match body.sections.iter_mut().find(|(k, _)| k == key) {
                    Some((_, items)) => items.push(item.to_string()),
                    None => {
                        return Err(err(format!(
                            "unknown section '{key}'; the sections are {}",
                            keys.join(", ")
                        )));
                    }
                }
            }
        }
    }
    Ok(body)
}

#[cfg(test)]
mod tests;

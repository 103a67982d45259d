//! `fulcrum reflect …` and `fulcrum rituals`: the weekly journal, monthly check-in and
//! quarterly self-assessment, written in `$EDITOR` or with flags.

use crate::cli::{Format, FormatArgs};
use crate::output::{emit, emit_json, show};
use clap::{Args, Subcommand, ValueEnum};
use fulcrum_app::rituals;
use fulcrum_app::{AppError, Result};
use fulcrum_core::rituals::{EntryBody, Ritual, SkillRating, parse_template, template};
use fulcrum_store::Store;
use jiff::Timestamp;
use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(Clone, Copy, ValueEnum)]
pub enum Kind {
    /// The weekly journal: accomplishments, challenges, learnings, energy
    Journal,
    /// The monthly career check-in: goals, roadmap, skills, adjustments
    Checkin,
    /// The quarterly self-assessment: skill ratings by you and others, gaps, opportunities
    Assess,
}

impl From<Kind> for Ritual {
    fn from(k: Kind) -> Self {
        match k {
            Kind::Journal => Ritual::WeeklyJournal,
            Kind::Checkin => Ritual::MonthlyCheckIn,
            Kind::Assess => Ritual::QuarterlyAssessment,
        }
    }
}

#[derive(Args)]
pub struct ReflectArgs {
    #[arg(value_enum)]
    pub kind: Kind,
    /// The period: a week (2026-W48), a month (2026-11) or a quarter (2026-Q4) [default: the one due]
    #[arg(long)]
    pub period: Option<String>,
    /// Add an item without opening an editor: SECTION=TEXT, e.g. accomplishments="Shipped the fix"
    #[arg(long = "add", value_name = "SECTION=TEXT")]
    pub add: Vec<String>,
    /// Journal: a kind of work that gave (+1) or drained (-1) energy, e.g. build=+1
    #[arg(long = "energy", value_name = "CATEGORY=±1")]
    pub energy: Vec<String>,
    /// Assessment: your own rating, SKILL=1..10
    #[arg(long = "rate", value_name = "SKILL=N")]
    pub rate: Vec<String>,
    /// Assessment: someone else's rating, SKILL=NAME:1..10
    #[arg(long = "rate-by", value_name = "SKILL=NAME:N")]
    pub rate_by: Vec<String>,
    /// Print the entry (with the period's facts) instead of writing
    #[arg(long)]
    pub show: bool,
    #[command(flatten)]
    pub format: FormatArgs,
}

#[derive(Args)]
pub struct RitualsArgs {
    #[command(subcommand)]
    pub action: Option<RitualsAction>,
    #[command(flatten)]
    pub format: FormatArgs,
}

#[derive(Subcommand)]
pub enum RitualsAction {
    /// Every entry of a span of time as one Markdown document
    Export {
        #[arg(long, value_name = "DATE")]
        from: String,
        /// Exclusive
        #[arg(long, value_name = "DATE")]
        to: String,
        /// Write to a file instead of printing
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

fn split_pair<'a>(flag: &str, s: &'a str) -> Result<(&'a str, &'a str)> {
    s.split_once('=')
        .map(|(a, b)| (a.trim(), b.trim()))
        .filter(|(a, b)| !a.is_empty() && !b.is_empty())
        .ok_or_else(|| {
            AppError::invalid(
                format!("--{flag}"),
                format!("--{flag} {s}: write NAME=VALUE"),
            )
        })
}

fn score(flag: &str, v: &str) -> Result<u8> {
    v.parse::<u8>()
        .ok()
        .filter(|n| (1..=10).contains(n))
        .ok_or_else(|| {
            AppError::invalid(
                format!("--{flag}"),
                format!("--{flag}: '{v}' is not a rating from 1 to 10"),
            )
        })
}

fn apply_ratings(body: &mut EntryBody, rate: &[String], rate_by: &[String]) -> Result<()> {
    let slot = |body: &mut EntryBody, skill: &str| -> usize {
        match body.ratings.iter().position(|r| r.skill == skill) {
            Some(i) => i,
            None => {
                body.ratings.push(SkillRating {
                    skill: skill.to_string(),
                    own: None,
                    others: Vec::new(),
                });
                body.ratings.len() - 1
            }
        }
    };
    for r in rate {
        let (skill, v) = split_pair("rate", r)?;
        let i = slot(body, skill);
        body.ratings[i].own = Some(score("rate", v)?);
    }
    for r in rate_by {
        let (skill, rest) = split_pair("rate-by", r)?;
        let (who, v) = rest.split_once(':').ok_or_else(|| {
            AppError::invalid(
                "--rate-by",
                format!("--rate-by {r}: write SKILL=NAME:N, e.g. listening=Sam:7"),
            )
        })?;
        let i = slot(body, skill);
        body.ratings[i]
            .others
            .push((who.trim().to_string(), score("rate-by", v.trim())?));
    }
    Ok(())
}

pub async fn reflect(
    store: &dyn Store,
    rules: &fulcrum_app::rules_file::RuleBook,
    a: ReflectArgs,
    now: Timestamp,
) -> Result<()> {
    let ritual: Ritual = a.kind.into();
    let period = rituals::resolve_period(store, ritual, a.period.as_deref(), now).await?;
    let facts = rituals::facts(store, rules, &period, now).await?;
    let existing = rituals::draft(store, ritual, &period).await?;
    if a.show {
        return match a.format.format {
            Format::Json => emit_json(
                &serde_json::json!({ "ritual": ritual, "period": period, "facts": facts, "body": existing }),
            ),
            Format::Table => emit(&template(ritual, &period, &facts, &existing)),
        };
    }
    let by_flags =
        !(a.add.is_empty() && a.energy.is_empty() && a.rate.is_empty() && a.rate_by.is_empty());
    let body = if by_flags {
        let items: Vec<(String, String)> = a
            .add
            .iter()
            .map(|s| split_pair("add", s).map(|(k, v)| (k.to_string(), v.to_string())))
            .collect::<Result<_>>()?;
        let mut body = rituals::merge(ritual, existing, &items)?;
        for (c, v) in rituals::parse_energy(&a.energy)? {
            body.energy.retain(|(k, _)| *k != c);
            body.energy.push((c, v));
        }
        apply_ratings(&mut body, &a.rate, &a.rate_by)?;
        body
    } else {
        edit(ritual, &template(ritual, &period, &facts, &existing))?
    };
    let saved = rituals::save(store, ritual, &period, body, facts).await?;
    match a.format.format {
        Format::Json => emit_json(&saved),
        Format::Table => {
            let st = rituals::status(store, ritual, now).await?;
            emit(&format!(
                "Saved the {} for {}. Streak: {} in a row.",
                ritual.title().to_lowercase(),
                saved.period,
                st.streak
            ))
        }
    }
}

/// Opens the template in the user's editor and reads it back. A file that does not parse is
/// kept, and the error names it and the line.
fn edit(ritual: Ritual, text: &str) -> Result<EntryBody> {
    let editor = std::env::var("VISUAL")
        .ok()
        .or_else(|| std::env::var("EDITOR").ok())
        .filter(|e| !e.trim().is_empty())
        .ok_or_else(|| {
            AppError::invalid(
                "$EDITOR",
                "no editor: set $EDITOR (or $VISUAL), or write with --add SECTION=TEXT",
            )
        })?;
    let path = std::env::temp_dir().join(format!(
        "fulcrum-{}-{}.md",
        ritual.as_str(),
        std::process::id()
    ));
    std::fs::write(&path, text).map_err(|e| AppError::io(&path, e))?;
    // The editor may carry arguments (`code --wait`): run it through the shell.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(&path)
        .status()
        .map_err(|e| AppError::Failed(format!("cannot start the editor '{editor}': {e}")))?;
    if !status.success() {
        return Err(AppError::Failed(format!(
            "the editor '{editor}' failed; your text is in {}",
            path.display()
        )));
    }
    let edited = std::fs::read_to_string(&path).map_err(|e| AppError::io(&path, e))?;
    match parse_template(ritual, &edited) {
        Ok(body) => {
            let _ = std::fs::remove_file(&path);
            Ok(body)
        }
        Err(e) => Err(AppError::invalid(
            "text",
            format!(
                "{}: {e}; fix it and run again with the same text",
                path.display()
            ),
        )),
    }
}

pub async fn rituals_cmd(store: &dyn Store, a: RitualsArgs, now: Timestamp) -> Result<()> {
    match a.action {
        Some(RitualsAction::Export { from, to, out }) => {
            let (from, to) = fulcrum_app::report::date_range(
                fulcrum_app::report::OptionNames::CLI,
                &from,
                &to,
                None,
            )?;
            let md = rituals::export_markdown(store, from, to).await?;
            match out {
                Some(path) => {
                    std::fs::write(&path, md).map_err(|e| AppError::io(&path, e))?;
                    emit(&format!("Wrote {}", path.display()))
                }
                None => emit(&md),
            }
        }
        None => {
            let all = rituals::status_all(store, now).await?;
            show(a.format.format, &all, |all| {
                let mut s = String::new();
                for st in all {
                    let _ = writeln!(
                        s,
                        "{:<26} {:<9} {:<8} due {}  streak {}",
                        st.title, st.period.label, st.state, st.due, st.streak
                    );
                }
                let _ = writeln!(s, "\nWrite one: fulcrum reflect journal | checkin | assess");
                s
            })
        }
    }
}

//! `fulcrum feedback …`: feedback given, received and requested, as situation, behaviour and
//! impact; the lint, the balance each person gets, follow-ups and "my feedback".

use crate::cli::{DocFormatArgs, Format, FormatArgs, ReportFormat, Reword};
use crate::output::{emit, emit_json, show};
use crate::people_cmd::{date, person_id, word};
use clap::{Args, Subcommand};
use fulcrum_app::Result;
use fulcrum_app::feedback::{self, Filter, NewFeedback};
use fulcrum_app::markdown::plural;
use fulcrum_core::feedback::{Direction, LintFinding, Polarity, lint, lint_text};
use fulcrum_store::Store;
use jiff::Timestamp;
use jiff::civil::Date;
use std::fmt::Write as _;

#[derive(Args)]
#[group(required = true, multiple = false)]
pub struct PolarityArgs {
    /// It reinforces something done well
    #[arg(long)]
    positive: bool,
    /// It asks for a change or surfaces a blind spot
    #[arg(long)]
    constructive: bool,
}

impl PolarityArgs {
    fn polarity(&self) -> Polarity {
        if self.positive {
            Polarity::Positive
        } else {
            Polarity::Constructive
        }
    }
}

#[derive(Args)]
pub struct Sbi {
    /// When and where it happened, who was there
    #[arg(long, default_value = "")]
    situation: String,
    /// What was done or said, as anyone present could have seen it
    #[arg(long, alias = "behavior", default_value = "")]
    behaviour: String,
    /// What it did to you, the team or the work
    #[arg(long, default_value = "")]
    impact: String,
}

/// What all noted feedback says: praise or a change, situation, behaviour and impact, a
/// theme and the day it happened.
#[derive(Args)]
pub struct Noting {
    #[command(flatten)]
    polarity: PolarityArgs,
    #[command(flatten)]
    sbi: Sbi,
    #[arg(long)]
    theme: Option<String>,
    #[arg(long, value_name = "DATE", value_parser = date)]
    date: Option<Date>,
}

impl Noting {
    /// Feedback about no one in particular, not delivered, with no follow-up: the command
    /// says who and when.
    fn feedback(self, direction: Direction) -> NewFeedback {
        NewFeedback {
            person_id: None,
            who: None,
            direction,
            polarity: Some(self.polarity.polarity()),
            situation: self.sbi.situation,
            behaviour: self.sbi.behaviour,
            impact: self.sbi.impact,
            theme: self.theme,
            event_on: self.date,
            delivered_on: None,
            follow_up_due: None,
        }
    }
}

#[derive(Subcommand)]
pub enum FeedbackCommand {
    /// Note feedback you gave (or will give: --not-yet) to someone
    #[command(
        reword(
            "theme",
            "What it is about, to find patterns later (communication, ownership …)"
        ),
        reword("date", "When it happened [default: today]")
    )]
    Give {
        /// Id or name
        person: String,
        #[command(flatten)]
        noting: Noting,
        /// When you told them [default: today]
        #[arg(long, value_name = "DATE", value_parser = date, conflicts_with = "not_yet")]
        delivered: Option<Date>,
        /// Only noted so far: deliver it soon (`fulcrum feedback deliver ID`)
        #[arg(long)]
        not_yet: bool,
        /// When to look again at whether it changed anything [default: two weeks after delivery]
        #[arg(long, value_name = "DATE", value_parser = date)]
        follow_up: Option<Date>,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Note feedback someone gave you
    Receive {
        /// A person's id or name, or anyone else's name
        #[arg(long)]
        from: String,
        #[command(flatten)]
        noting: Noting,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Note that you asked someone for feedback, and on what
    Request {
        /// A person's id or name, or anyone else's name
        #[arg(long)]
        from: String,
        /// What you asked about, specifically
        #[arg(long)]
        about: String,
        #[arg(long)]
        theme: Option<String>,
        #[arg(long, value_name = "DATE", value_parser = date)]
        date: Option<Date>,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Mark noted feedback delivered, or a request answered
    Deliver {
        id: i64,
        #[arg(long, value_name = "DATE", value_parser = date)]
        date: Option<Date>,
    },
    /// Record the follow-up on constructive feedback: what has happened since
    FollowUp {
        id: i64,
        #[arg(long)]
        note: Option<String>,
    },
    /// Feedback, newest first, with timeliness, follow-ups due and balance warnings
    List {
        /// Only this person (id or name)
        #[arg(long)]
        person: Option<String>,
        /// given, received or requested
        #[arg(long, value_parser = word::<Direction>)]
        direction: Option<Direction>,
        /// Events on or after this day
        #[arg(long, value_name = "DATE", value_parser = date)]
        from: Option<Date>,
        /// Events before this day
        #[arg(long, value_name = "DATE", value_parser = date)]
        to: Option<Date>,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Check a draft for hedging and vagueness before you deliver it
    Lint {
        /// A draft as one text; or use --situation/--behaviour/--impact
        text: Option<String>,
        #[command(flatten)]
        sbi: Sbi,
        /// It is praise (generic praise gets flagged)
        #[arg(long)]
        positive: bool,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Positive and constructive feedback per person, and days since the last praise
    Balance(FormatArgs),
    /// What others told you, grouped by theme (Markdown: your "my feedback" document)
    Mine(DocFormatArgs),
}

fn findings(s: &mut String, lint: &[LintFinding]) {
    for f in lint {
        let _ = writeln!(s, "  ! {}: {}", f.part, f.message);
    }
}

pub async fn run(store: &dyn Store, cmd: FeedbackCommand, now: Timestamp) -> Result<()> {
    match cmd {
        FeedbackCommand::Give {
            person,
            noting,
            delivered,
            not_yet,
            follow_up,
            format,
        } => {
            let id = person_id(store, &person).await?;
            let today =
                fulcrum_core::time::local_date(now, &crate::people_cmd::user_tz(store).await?);
            let new = NewFeedback {
                person_id: Some(id),
                delivered_on: if not_yet {
                    None
                } else {
                    Some(delivered.unwrap_or(today))
                },
                follow_up_due: follow_up,
                ..noting.feedback(Direction::Given)
            };
            noted(feedback::add(store, new, now).await?, format.format)
        }
        FeedbackCommand::Receive {
            from,
            noting,
            format,
        } => {
            let received = noting.feedback(Direction::Received);
            note_from(store, &from, received, now, format.format).await
        }
        FeedbackCommand::Request {
            from,
            about,
            theme,
            date,
            format,
        } => {
            let asked = NewFeedback {
                person_id: None,
                who: None,
                direction: Direction::Requested,
                polarity: None,
                situation: about,
                behaviour: String::new(),
                impact: String::new(),
                theme,
                event_on: date,
                delivered_on: None,
                follow_up_due: None,
            };
            note_from(store, &from, asked, now, format.format).await
        }
        FeedbackCommand::Deliver { id, date } => {
            let f = feedback::deliver(store, id, date, now).await?;
            let mut s = format!(
                "Feedback {} delivered on {}{}.",
                f.id,
                f.delivered_on.unwrap_or(f.event_on),
                f.delay_days().map_or_else(String::new, |d| format!(
                    ", {} after the event",
                    plural(d, "day", "days")
                ))
            );
            if let Some(due) = f.follow_up_due {
                let _ = write!(s, " Follow up on {due}.");
            }
            emit(&s)
        }
        FeedbackCommand::FollowUp { id, note } => {
            let f = feedback::follow_up(store, id, note, now).await?;
            emit(&format!(
                "Followed up feedback {} on {}.",
                f.id,
                f.followed_up_on.unwrap_or(f.event_on)
            ))
        }
        FeedbackCommand::List {
            person,
            direction,
            from,
            to,
            format,
        } => {
            let person_id = match person {
                Some(p) => Some(person_id(store, &p).await?),
                None => None,
            };
            let v = feedback::list(
                store,
                Filter {
                    person_id,
                    direction,
                    from,
                    to,
                },
                now,
            )
            .await?;
            show(format.format, &v, list_table)
        }
        FeedbackCommand::Lint {
            text,
            sbi,
            positive,
            format,
        } => {
            let found = match text {
                Some(t) => lint_text(&t),
                None => lint(
                    Some(if positive {
                        Polarity::Positive
                    } else {
                        Polarity::Constructive
                    }),
                    &sbi.situation,
                    &sbi.behaviour,
                    &sbi.impact,
                ),
            };
            match format.format {
                Format::Json => emit_json(&found),
                Format::Table => {
                    if found.is_empty() {
                        return emit("Clear and specific: nothing to change.");
                    }
                    let mut s = String::new();
                    findings(&mut s, &found);
                    emit(&s)
                }
            }
        }
        FeedbackCommand::Balance(format) => {
            let v = feedback::list(store, Filter::default(), now).await?;
            match format.format {
                Format::Json => emit_json(&v.balances),
                Format::Table => emit(&balance_table(&v)),
            }
        }
        FeedbackCommand::Mine(format) => {
            let m = feedback::mine(store, now).await?;
            match format.format {
                ReportFormat::Json => emit_json(&m),
                _ => emit(&feedback::mine_markdown(&m, &feedback::names(store).await?)),
            }
        }
    }
}

/// A person among the user's, or someone else by name.
async fn who(store: &dyn Store, text: &str) -> Result<(Option<i64>, Option<String>)> {
    let people = store.people().await?;
    Ok(match fulcrum_app::people::resolve(&people, text)? {
        Some(p) => (Some(p.id), None),
        None => (None, Some(text.trim().to_string())),
    })
}

/// Notes feedback from (or asked of) `from`: one of the user's people, or anyone else by name.
async fn note_from(
    store: &dyn Store,
    from: &str,
    new: NewFeedback,
    now: Timestamp,
    format: Format,
) -> Result<()> {
    let (person_id, who) = who(store, from).await?;
    let new = NewFeedback {
        person_id,
        who,
        ..new
    };
    noted(feedback::add(store, new, now).await?, format)
}

fn noted(n: feedback::Noted, format: Format) -> Result<()> {
    show(format, &n, |n| {
        let f = &n.feedback;
        let mut s = format!(
            "Noted feedback {} ({}{}).",
            f.id,
            f.direction,
            f.polarity.map_or_else(String::new, |p| format!(", {p}"))
        );
        if f.direction == Direction::Given && f.delivered_on.is_none() {
            let _ = write!(
                s,
                " Deliver it soon, the same day or within a few days: fulcrum feedback deliver {}",
                f.id
            );
        }
        if let Some(due) = f.follow_up_due {
            let _ = write!(s, " Follow up on {due}.");
        }
        if !n.lint.is_empty() {
            s.push_str("\nBefore you deliver it:\n");
            findings(&mut s, &n.lint);
        }
        s
    })
}

fn list_table(v: &feedback::FeedbackView) -> String {
    let mut s = String::new();
    if v.items.is_empty() {
        s.push_str("No feedback noted yet: fulcrum feedback give PERSON --positive --situation … --behaviour … --impact …\n");
    }
    for l in &v.items {
        let f = &l.feedback;
        let timing = match (f.delivered_on, l.delay_days) {
            (Some(_), Some(0)) => "same day".to_string(),
            (Some(_), Some(d)) => format!(
                "{d} d later{}",
                if l.timely == Some(false) {
                    " (late)"
                } else {
                    ""
                }
            ),
            _ => "not delivered".to_string(),
        };
        let _ = writeln!(
            s,
            "{:>4}  {}  {:<9} {:<12} {:<18} {:<16} {}: {}",
            f.id,
            f.event_on,
            f.direction.as_str(),
            f.polarity.map_or("-", |p| p.as_str()),
            l.name.as_deref().unwrap_or("-"),
            timing,
            f.situation,
            f.behaviour
        );
    }
    section(&mut s, "Follow-ups due", &v.follow_ups_due, |f| {
        format!(
            "since {}: {}",
            f.delivered_on.unwrap_or(f.event_on),
            f.behaviour
        )
    });
    let waiting = "Noted but not delivered (its value drops as it waits)";
    section(&mut s, waiting, &v.waiting, |f| {
        format!("from {}", f.event_on)
    });
    for w in &v.warnings {
        let _ = writeln!(s, "\nWarning: {w}");
    }
    s
}

/// A titled list of feedback, each line `[ID] NAME — what`; nothing at all when it is empty.
fn section(
    s: &mut String,
    title: &str,
    lines: &[feedback::Line],
    what: impl Fn(&fulcrum_core::feedback::Feedback) -> String,
) {
    if lines.is_empty() {
        return;
    }
    let _ = writeln!(s, "\n{title}");
    for l in lines {
        let _ = writeln!(
            s,
            "  [{}] {} — {}",
            l.feedback.id,
            l.name.as_deref().unwrap_or("-"),
            what(&l.feedback)
        );
    }
}

fn balance_table(v: &feedback::FeedbackView) -> String {
    let mut s = format!(
        "{:<20} {:>8} {:>12} {:>14} {:>7}\n",
        "person", "positive", "constructive", "since praise", "timely"
    );
    for b in &v.balances {
        let x = &b.balance;
        let _ = writeln!(
            s,
            "{:<20} {:>8} {:>12} {:>14} {:>7}",
            b.name,
            x.positive,
            x.constructive,
            x.days_since_positive
                .map_or_else(|| "never".into(), |d| format!("{d} d")),
            x.timely_share
                .map_or_else(|| "-".into(), |t| format!("{:.0}%", t * 100.0))
        );
    }
    for w in &v.warnings {
        let _ = writeln!(s, "\nWarning: {w}");
    }
    s
}

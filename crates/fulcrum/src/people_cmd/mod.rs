//! `fulcrum people …` and `fulcrum one-on-ones …`: the people you work with, what you keep
//! about them, and their 1:1s (from the calendar and your notes).

mod meetings;
mod page;
mod run;

pub use meetings::one_on_ones_cmd;
pub use run::people_cmd;

use crate::cli::{DocFormatArgs, FormatArgs, PersonArgs, Reword};
use clap::{Args, Subcommand};
use fulcrum_app::Result;
use fulcrum_app::people;
use fulcrum_core::observations::Context;
use fulcrum_core::one_on_one::Topic;
use fulcrum_core::people::{Relation, WorkingStyle};
use fulcrum_core::time;
use fulcrum_core::words::Word;
use fulcrum_store::Store;
use jiff::civil::Date;
use jiff::tz::TimeZone;

/// A clap parser for any of Fulcrum's word sets.
pub fn word<T: Word>(s: &str) -> std::result::Result<T, String> {
    T::parse_word(s).ok_or_else(|| format!("choose one of: {}", T::all_words()))
}

/// A clap parser for dates.
pub fn date(s: &str) -> std::result::Result<Date, String> {
    time::parse_date(s).map_err(|e| e.to_string())
}

/// The details a person is added or edited with.
#[derive(Args, Default)]
pub struct Details {
    #[arg(long)]
    team: Option<String>,
    /// When they joined (YYYY-MM-DD); reports in their first 90 days are met weekly
    #[arg(long, value_name = "DATE", value_parser = date)]
    start: Option<Date>,
    /// Days between 1:1s [default: 14, or 7 for a report who joined less than 90 days ago]
    #[arg(long, value_name = "DAYS")]
    cadence: Option<u32>,
    /// Length of a 1:1 in minutes [default: 30]
    #[arg(long)]
    minutes: Option<u32>,
    /// Something they like working on (repeat, or separate with commas)
    #[arg(long = "interest", value_name = "TOPIC")]
    interests: Vec<String>,
    /// An area they know well (repeat, or separate with commas)
    #[arg(long = "knows", value_name = "AREA")]
    knowledge: Vec<String>,
    /// Something they want to grow in (repeat, or separate with commas)
    #[arg(long = "goal", value_name = "GOAL")]
    growth_goals: Vec<String>,
    /// How they like to work: communicator, deep-diver or balanced
    #[arg(long = "style", value_name = "STYLE", value_parser = word::<WorkingStyle>)]
    working_style: Option<WorkingStyle>,
    /// How they like to hear feedback, in your words ("in private, written first")
    #[arg(long, value_name = "TEXT")]
    feedback_style: Option<String>,
    /// Days wanted between contacts [default: the 1:1 cadence for reports, 14 for a manager, 30 otherwise]
    #[arg(long = "contact-every", value_name = "DAYS")]
    contact_cadence: Option<u32>,
    /// Private notes: what is worth remembering about them (never exported unless asked)
    #[arg(long)]
    notes: Option<String>,
}

/// The flags of `people add`.
#[derive(Args)]
pub struct NewPersonArgs {
    name: String,
    /// An address they use in invitations (repeat for several)
    #[arg(long = "email", value_name = "EMAIL", required = true)]
    emails: Vec<String>,
    /// report, manager, peer, stakeholder or mentor
    #[arg(long, value_parser = word::<Relation>)]
    relation: Relation,
    #[command(flatten)]
    details: Details,
    #[command(flatten)]
    format: FormatArgs,
}

#[derive(Subcommand)]
pub enum PeopleCommand {
    /// Add someone you work with
    Add(NewPersonArgs),
    /// The people you work with, with warnings about the team's shape
    List {
        /// Include archived people
        #[arg(long)]
        all: bool,
        /// Include your private notes in the output
        #[arg(long)]
        include_private: bool,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Everything about one person: 1:1s, agenda, feedback, delegations, contacts, onboarding
    Show {
        /// Id or name
        person: String,
        /// Include your private notes in the output
        #[arg(long)]
        include_private: bool,
        #[command(flatten)]
        format: DocFormatArgs,
    },
    /// Change someone's details; only the flags given change (an empty value clears a text)
    Edit {
        /// Id or name
        person: String,
        #[arg(long)]
        name: Option<String>,
        /// Replaces every address (repeat for several)
        #[arg(long = "email", value_name = "EMAIL")]
        emails: Vec<String>,
        #[arg(long, value_parser = word::<Relation>)]
        relation: Option<Relation>,
        #[command(flatten)]
        details: Details,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Stop listing someone; their record and history are kept
    Archive {
        /// Id or name
        person: String,
    },
    /// List an archived person again
    Restore {
        /// Id or name (archived people first)
        person: String,
    },
    /// Delete someone and everything kept about them (asks first; archive keeps history)
    Delete {
        /// Id or name
        person: String,
        /// Delete without asking, records included
        #[arg(long)]
        yes: bool,
    },
    /// Calendar attendees of the last 90 days who are not yet among your people
    Suggest(FormatArgs),
    /// Note how someone seemed: energy or mood from 1 (drained) to 5 (energised)
    Observe(ObserveArgs),
    /// Prepare a review: their 1:1s, feedback and delegations over a period, in Markdown
    ReviewPrep {
        /// Id or name
        person: String,
        /// First day [default: a year before --to]
        #[arg(long, value_name = "DATE", value_parser = date)]
        from: Option<Date>,
        /// Day after the period [default: tomorrow]
        #[arg(long, value_name = "DATE", value_parser = date)]
        to: Option<Date>,
        /// Include your private notes
        #[arg(long)]
        include_private: bool,
    },
}

/// The flags of `people observe`.
#[derive(Args)]
pub struct ObserveArgs {
    /// Id or name
    person: String,
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=5))]
    energy: u8,
    /// Where: 1:1, standup, chat, meeting or other
    #[arg(long, default_value = "other", value_parser = word::<Context>)]
    context: Context,
    #[arg(long)]
    note: Option<String>,
    /// [default: today]
    #[arg(long, value_name = "DATE", value_parser = date)]
    date: Option<Date>,
    #[command(flatten)]
    format: FormatArgs,
}

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct OneOnOnesArgs {
    #[command(subcommand)]
    pub action: Option<OneOnOnesCommand>,
    /// Show this person's full history (id or name); without it, everyone's summary
    pub person: Option<String>,
    /// Include your private notes in the output
    #[arg(long)]
    pub include_private: bool,
    #[command(flatten)]
    pub format: FormatArgs,
}

#[derive(Subcommand)]
pub enum OneOnOnesCommand {
    /// What the next 1:1 starts from: their items, yours, open actions, a theme to bring back
    Agenda(PersonArgs),
    /// Put something on the next 1:1's agenda, or note an action item
    Add(ItemArgs),
    /// Log a 1:1 that took place: notes, themes and actions; the agenda so far counts as discussed
    #[command(
        reword("notes", "Notes you could share with them"),
        reword("private", "Notes for you alone (never exported unless asked)"),
        reword(
            "topics",
            "A theme it covered: connection, growth, feedback, team-health, reflection, status"
        )
    )]
    Log {
        person: String,
        /// The day it took place [default: today]
        #[arg(long, value_name = "DATE", value_parser = date)]
        date: Option<Date>,
        #[command(flatten)]
        note: NoteArgs,
        /// An action item, "me: …" or "them: …" (repeat)
        #[arg(long = "action", value_name = "OWNER: TEXT")]
        actions: Vec<String>,
        /// An agenda item to keep for next time instead of closing it (repeat)
        #[arg(long = "keep", value_name = "ITEM")]
        keep: Vec<i64>,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Change the notes or themes of a logged 1:1
    #[command(reword("topics", "Replaces the themes (repeat)"))]
    Edit {
        /// The logged 1:1's id (`fulcrum one-on-ones PERSON --format json` shows it)
        note: i64,
        #[command(flatten)]
        edit: NoteArgs,
    },
    /// Tick an agenda or action item off
    Done {
        item: i64,
        /// Open it again
        #[arg(long)]
        undo: bool,
    },
    /// Questions that open each theme
    Prompts {
        /// connection, growth, feedback, team-health, reflection or status
        #[arg(long = "topic", value_parser = word::<Topic>)]
        topic: Option<Topic>,
        #[command(flatten)]
        format: FormatArgs,
    },
}

/// What a 1:1's note says, as `one-on-ones log` and `edit` take it; each words the flags' help
/// its own way.
#[derive(Args)]
pub struct NoteArgs {
    #[arg(long)]
    notes: Option<String>,
    #[arg(long)]
    private: Option<String>,
    #[arg(long = "topic", value_name = "THEME")]
    topics: Vec<String>,
}

/// The flags of `one-on-ones add`.
#[derive(Args)]
pub struct ItemArgs {
    person: String,
    text: String,
    /// It is theirs to bring up (default: yours)
    #[arg(long, conflicts_with = "action")]
    theirs: bool,
    /// An action item rather than a topic; `--theirs` makes it theirs to do
    #[arg(long)]
    action: bool,
    #[arg(long, value_name = "DATE", value_parser = date)]
    due: Option<Date>,
    #[command(flatten)]
    format: FormatArgs,
}

/// The id of the person `text` names: an id, a full name or address, or a unique first name,
/// active people first (archived ones are found by name too). Every command that names a
/// person goes through this one resolver.
pub async fn person_id(store: &dyn Store, text: &str) -> Result<i64> {
    Ok(people::named(store, text).await?.id)
}

pub async fn user_tz(store: &dyn Store) -> Result<TimeZone> {
    Ok(fulcrum_app::profile::require(store).await?.tz())
}

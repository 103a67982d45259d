//! `fulcrum people …` and `fulcrum one-on-ones …`: the people you work with, what you keep
//! about them, and their 1:1s (from the calendar and your notes).

use crate::cli::{DocFormatArgs, Format, FormatArgs, ReportFormat};
use crate::output::{emit, emit_json};
use clap::{Args, Subcommand};
use fulcrum_app::markdown::{hm, plural};
use fulcrum_app::one_on_ones::{self, LogRequest, NewItem, NoteEdit};
use fulcrum_app::people::{
    self, NewObservation, NewPerson, PersonEdit, PersonOneOnOnes, PersonPage, review,
};
use fulcrum_app::{AppError, Result};
use fulcrum_core::observations::Context;
use fulcrum_core::one_on_one::{Agenda, ItemKind, Owner, Topic, TopicBalance};
use fulcrum_core::people::{OneOnOne, Person, Relation, WorkingStyle};
use fulcrum_core::privacy::Privacy;
use fulcrum_core::time;
use fulcrum_core::words::Word;
use fulcrum_store::Store;
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use std::fmt::Write as _;
use std::io::IsTerminal;

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

#[derive(Subcommand)]
pub enum PeopleCommand {
    /// Add someone you work with
    Add {
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
    },
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
    Observe {
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
    },
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
    Agenda {
        person: String,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Put something on the next 1:1's agenda, or note an action item
    Add {
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
    },
    /// Log a 1:1 that took place: notes, themes and actions; the agenda so far counts as discussed
    Log {
        person: String,
        /// The day it took place [default: today]
        #[arg(long, value_name = "DATE", value_parser = date)]
        date: Option<Date>,
        /// Notes you could share with them
        #[arg(long)]
        notes: Option<String>,
        /// Notes for you alone (never exported unless asked)
        #[arg(long)]
        private: Option<String>,
        /// A theme it covered: connection, growth, feedback, team-health, reflection, status
        #[arg(long = "topic", value_name = "THEME")]
        topics: Vec<String>,
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
    Edit {
        /// The logged 1:1's id (`fulcrum one-on-ones PERSON --format json` shows it)
        note: i64,
        #[arg(long)]
        notes: Option<String>,
        #[arg(long)]
        private: Option<String>,
        /// Replaces the themes (repeat)
        #[arg(long = "topic", value_name = "THEME")]
        topics: Vec<String>,
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

/// The id of the person `text` names: an id, a full name or address, or a unique first name,
/// active people first (archived ones are found by name too). Every command that names a
/// person goes through this one resolver.
pub async fn person_id(store: &dyn Store, text: &str) -> Result<i64> {
    Ok(people::named(store, text).await?.id)
}

pub async fn people_cmd(store: &dyn Store, cmd: PeopleCommand, now: Timestamp) -> Result<()> {
    match cmd {
        PeopleCommand::Add {
            name,
            emails,
            relation,
            details: d,
            format,
        } => {
            let p = people::add(
                store,
                NewPerson {
                    name,
                    emails,
                    relation: Some(relation),
                    team: d.team,
                    start_date: d.start,
                    cadence_days: d.cadence,
                    duration_minutes: d.minutes,
                    interests: d.interests,
                    knowledge: d.knowledge,
                    growth_goals: d.growth_goals,
                    working_style: d.working_style,
                    feedback_style: d.feedback_style,
                    contact_cadence_days: d.contact_cadence,
                    private_notes: d.notes,
                },
                now,
            )
            .await?;
            match format.format {
                Format::Json => emit_json(&Privacy::Hide.apply(p)),
                Format::Table => emit(&format!(
                    "Added {} ({}, id {}): 1:1 every {}, {}.",
                    p.name,
                    p.relation,
                    p.id,
                    plural(p.cadence_days, "day", "days"),
                    plural(p.duration_minutes, "minute", "minutes")
                )),
            }
        }
        PeopleCommand::List {
            all,
            include_private,
            format,
        } => {
            let list = people::list(store, all, Privacy::from_flag(include_private)).await?;
            match format.format {
                Format::Json => emit_json(&list),
                Format::Table => emit(&people_table(&list)),
            }
        }
        PeopleCommand::Show {
            person,
            include_private,
            format,
        } => {
            let id = person_id(store, &person).await?;
            let page = people::page(store, id, now, Privacy::from_flag(include_private)).await?;
            match format.format {
                ReportFormat::Json => emit_json(&page),
                ReportFormat::Markdown => {
                    emit(&review::page_markdown(&page, &user_tz(store).await?))
                }
                ReportFormat::Table => emit(&page_table(&page, &user_tz(store).await?)),
            }
        }
        PeopleCommand::Edit {
            person,
            name,
            emails,
            relation,
            details: d,
            format,
        } => {
            let id = person_id(store, &person).await?;
            let list = |v: Vec<String>| (!v.is_empty()).then_some(v);
            let p = people::edit(
                store,
                id,
                PersonEdit {
                    name,
                    emails: list(emails),
                    relation,
                    team: d.team,
                    start_date: d.start,
                    cadence_days: d.cadence,
                    duration_minutes: d.minutes,
                    interests: list(d.interests),
                    knowledge: list(d.knowledge),
                    growth_goals: list(d.growth_goals),
                    working_style: d.working_style,
                    feedback_style: d.feedback_style,
                    contact_cadence_days: d.contact_cadence,
                    private_notes: d.notes,
                },
            )
            .await?;
            match format.format {
                Format::Json => emit_json(&Privacy::Hide.apply(p)),
                Format::Table => emit(&format!("Updated {} (id {}).", p.name, p.id)),
            }
        }
        PeopleCommand::Archive { person } => {
            let id = person_id(store, &person).await?;
            let p = people::archive(store, id).await?;
            emit(&format!(
                "Archived {} (id {}); their history is kept and `fulcrum people list --all` still shows them.",
                p.name, p.id
            ))
        }
        PeopleCommand::Restore { person } => {
            let id = people::named_in(store, &person, people::Prefer::Archived)
                .await?
                .id;
            let p = people::restore(store, id).await?;
            emit(&format!("{} (id {}) is listed again.", p.name, p.id))
        }
        PeopleCommand::Delete { person, yes } => {
            let id = person_id(store, &person).await?;
            delete(store, id, yes).await
        }
        PeopleCommand::Suggest(format) => {
            let list = people::suggestions(store, now).await?;
            match format.format {
                Format::Json => emit_json(&list),
                Format::Table => emit(&suggestions_table(&list)),
            }
        }
        PeopleCommand::Observe {
            person,
            energy,
            context,
            note,
            date,
            format,
        } => {
            let id = person_id(store, &person).await?;
            let o = people::observe(
                store,
                NewObservation {
                    person_id: id,
                    energy,
                    context,
                    note,
                    on: date,
                },
                now,
            )
            .await?;
            match format.format {
                Format::Json => emit_json(&o),
                Format::Table => emit(&format!(
                    "Noted energy {} ({}) on {}.",
                    o.energy, o.context, o.on
                )),
            }
        }
        PeopleCommand::ReviewPrep {
            person,
            from,
            to,
            include_private,
        } => {
            let id = person_id(store, &person).await?;
            let today = time::local_date(now, &user_tz(store).await?);
            let (from, to) = review::period(from, to, today);
            emit(
                &review::review_prep(
                    store,
                    id,
                    from,
                    to,
                    now,
                    Privacy::from_flag(include_private),
                )
                .await?,
            )
        }
    }
}

pub async fn user_tz(store: &dyn Store) -> Result<TimeZone> {
    Ok(fulcrum_app::profile::require(store).await?.tz())
}

async fn delete(store: &dyn Store, id: i64, yes: bool) -> Result<()> {
    let preview = people::deletion_preview(store, id).await?;
    let question = if preview.records.total() == 0 {
        format!(
            "Nothing else is kept about {} (id {id}).",
            preview.person.name
        )
    } else {
        format!(
            "{} (id {id}) has {}. Deleting them deletes all of it; archiving keeps it.",
            preview.person.name, preview.records_text
        )
    };
    let confirmed = yes || ask(&format!("{question}\nDelete them? [y/N] "))?;
    if !confirmed {
        return Err(AppError::conflict(
            "confirmation",
            format!(
                "{question} Nothing was deleted: run `fulcrum people delete {id} --yes` to delete, or \
             `fulcrum people archive {id}` to keep their history."
            ),
        ));
    }
    let done = people::delete(store, id).await?;
    emit(&if done.records.total() == 0 {
        format!("Deleted {} (id {id}).", done.person.name)
    } else {
        format!(
            "Deleted {} (id {id}) and {}.",
            done.person.name, done.records_text
        )
    })
}

/// Asks a yes/no question on a terminal; anything but a terminal is a no.
fn ask(question: &str) -> Result<bool> {
    if !std::io::stdin().is_terminal() {
        return Ok(false);
    }
    eprint!("{question}");
    let mut answer = String::new();
    std::io::stdin()
        .read_line(&mut answer)
        .map_err(|e| AppError::Failed(format!("cannot read the answer: {e}")))?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "Yes"))
}

fn people_table(list: &people::PeopleList) -> String {
    let mut s = String::new();
    if list.people.is_empty() {
        s.push_str("Nobody yet: fulcrum people add NAME --email E --relation report\n");
    }
    for p in &list.people {
        let _ = writeln!(
            s,
            "{:>4}  {:<20} {:<12} {:<14} every {:>2} d, {:>3} min  {}{}",
            p.id,
            p.name,
            p.relation,
            p.team.as_deref().unwrap_or("-"),
            p.cadence_days,
            p.duration_minutes,
            p.emails.join(", "),
            if p.archived { "  (archived)" } else { "" }
        );
        if let Some(n) = &p.private_notes {
            let _ = writeln!(s, "      private: {n}");
        }
    }
    if list.one_on_one_minutes_per_week > 0 {
        let _ = writeln!(
            s,
            "\n1:1s take {} a week at these cadences.",
            hm(list.one_on_one_minutes_per_week)
        );
    }
    for w in &list.warnings {
        let _ = writeln!(s, "\nWarning: {w}");
    }
    s
}

fn suggestions_table(list: &[people::Suggestion]) -> String {
    if list.is_empty() {
        return "No one new in your calendar's last 90 days.\n".into();
    }
    let mut s = format!(
        "{:<32} {:<20} {:>8} {:>6}  last seen\n",
        "e-mail", "name (guessed)", "meetings", "alone"
    );
    for x in list {
        let _ = writeln!(
            s,
            "{:<32} {:<20} {:>8} {:>6}  {}",
            x.email, x.name, x.meetings, x.alone, x.last_seen
        );
    }
    s.push_str("\nAdd one with: fulcrum people add \"NAME\" --email E --relation report|peer|stakeholder|…\n");
    s
}

fn when(o: Option<&OneOnOne>, tz: &TimeZone) -> String {
    o.map_or_else(
        || "-".into(),
        |o| {
            tz.to_datetime(o.start)
                .strftime("%Y-%m-%d %H:%M")
                .to_string()
        },
    )
}

fn section(s: &mut String, title: &str) {
    let _ = writeln!(s, "\n{title}");
}

fn page_table(page: &PersonPage, tz: &TimeZone) -> String {
    let p: &Person = &page.person;
    let mut s = format!(
        "{} (id {}) — {}{} · 1:1 every {}, {} min · {}\n",
        p.name,
        p.id,
        p.relation,
        p.team
            .as_deref()
            .map_or_else(String::new, |t| format!(", {t}")),
        plural(p.cadence_days, "day", "days"),
        p.duration_minutes,
        p.emails.join(", ")
    );
    for (label, list) in [
        ("interests", &p.interests),
        ("knows", &p.knowledge),
        ("growth goals", &p.growth_goals),
    ] {
        if !list.is_empty() {
            let _ = writeln!(s, "  {label}: {}", list.join(", "));
        }
    }
    if let Some(w) = p.working_style {
        let _ = writeln!(s, "  working style: {w}");
    }
    if let Some(f) = &p.feedback_style {
        let _ = writeln!(s, "  likes feedback: {f}");
    }
    match &p.private_notes {
        Some(n) => {
            let _ = writeln!(s, "  private notes: {n}");
        }
        None if !page.private_included => {
            s.push_str("  (private notes hidden: --include-private shows them)\n");
        }
        None => {}
    }
    if !page.signals.is_empty() {
        section(&mut s, "Needs attention");
        for x in &page.signals {
            let _ = writeln!(s, "  • {x}");
        }
    }
    let o = &page.one_on_ones;
    section(&mut s, "Next 1:1");
    let _ = writeln!(
        s,
        "  {}   last met {}",
        when(o.next.as_ref(), tz),
        o.last_met.map_or_else(|| "never".into(), |d| d.to_string())
    );
    agenda_lines(&mut s, &page.agenda, &page.topics);
    section(&mut s, "Recent 1:1s");
    let past = o.history.iter().filter(|e| {
        e.meeting
            .as_ref()
            .is_none_or(|m| m.state != fulcrum_core::people::OneOnOneState::Upcoming)
    });
    for e in past.rev().take(8) {
        let _ = write!(
            s,
            "  {}  {:<10}",
            e.on,
            e.meeting.as_ref().map_or("logged", |m| m.state.as_str())
        );
        if let Some(n) = &e.note {
            let topics: Vec<&str> = n.topics.iter().map(|t| t.as_str()).collect();
            if !topics.is_empty() {
                let _ = write!(s, " [{}]", topics.join(", "));
            }
            if let Some(t) = &n.shared_notes {
                let _ = write!(s, " {t}");
            }
            if let Some(t) = &n.private_notes {
                let _ = write!(s, " (private: {t})");
            }
        }
        s.push('\n');
    }
    let b = &page.balance;
    section(&mut s, "Feedback you gave");
    let _ = writeln!(
        s,
        "  {} positive, {} constructive{}{}",
        b.positive,
        b.constructive,
        b.days_since_positive.map_or_else(String::new, |d| format!(
            "; last positive {} ago",
            plural(d, "day", "days")
        )),
        if b.waiting > 0 {
            format!("; {} waiting to be delivered", b.waiting)
        } else {
            String::new()
        }
    );
    let t = &page.trend;
    if let Some(latest) = t.latest {
        section(&mut s, "Energy");
        let _ = writeln!(
            s,
            "  latest {latest}/5, {} ({})",
            t.direction,
            plural(t.points.len(), "observation", "observations")
        );
    }
    if !page.delegations.is_empty() {
        section(&mut s, "Delegations");
        for d in &page.delegations {
            let _ = writeln!(
                s,
                "  [{}] {} — {}, {}{}",
                d.id,
                d.title,
                d.style,
                d.status,
                d.outcome.map_or_else(String::new, |o| format!(", {o}"))
            );
        }
        let _ = writeln!(
            s,
            "  next style: {} — {}",
            page.style.suggested, page.style.why
        );
    }
    let c = &page.contact;
    section(&mut s, "Contact");
    let _ = writeln!(
        s,
        "  last {} ({}), wanted every {}{}",
        c.last_contact
            .map_or_else(|| "never".into(), |d| d.to_string()),
        c.source.map_or("-", |x| x.as_str()),
        plural(c.cadence_days, "day", "days"),
        c.overdue_days.map_or_else(String::new, |d| format!(
            " — due ({} over)",
            plural(d, "day", "days")
        ))
    );
    for cm in page.commitments.iter().filter(|c| c.is_open()) {
        let _ = writeln!(s, "  promised: {} by {}", cm.what, cm.due);
    }
    if let Some(on) = &page.onboarding {
        section(&mut s, "Onboarding");
        let _ = writeln!(
            s,
            "  {}% ({} of {}){}",
            on.progress.percent,
            on.progress.done,
            plural(on.progress.total, "step", "steps"),
            on.progress
                .next
                .as_ref()
                .map_or_else(String::new, |n| format!("; next: {}", n.title))
        );
    }
    s
}

pub async fn one_on_ones_cmd(store: &dyn Store, a: OneOnOnesArgs, now: Timestamp) -> Result<()> {
    let privacy = Privacy::from_flag(a.include_private);
    match a.action {
        Some(cmd) => one_on_one_action(store, cmd, now).await,
        None => {
            let tz = user_tz(store).await?;
            match a.person {
                Some(person) => {
                    let id = person_id(store, &person).await?;
                    let p = people::one_on_ones(store, id, now, privacy).await?;
                    match a.format.format {
                        Format::Json => emit_json(&p),
                        Format::Table => emit(&history(&p, &tz)),
                    }
                }
                None => {
                    let all = people::all_one_on_ones(store, now, privacy).await?;
                    match a.format.format {
                        Format::Json => emit_json(&all),
                        Format::Table => emit(&summary(&all, &tz)),
                    }
                }
            }
        }
    }
}

async fn one_on_one_action(store: &dyn Store, cmd: OneOnOnesCommand, now: Timestamp) -> Result<()> {
    match cmd {
        OneOnOnesCommand::Agenda { person, format } => {
            let id = person_id(store, &person).await?;
            let v = one_on_ones::agenda(store, id, now).await?;
            match format.format {
                Format::Json => emit_json(&v),
                Format::Table => emit(&agenda_table(&v, &user_tz(store).await?)),
            }
        }
        OneOnOnesCommand::Add {
            person,
            text,
            theirs,
            action,
            due,
            format,
        } => {
            let id = person_id(store, &person).await?;
            let item = one_on_ones::add_item(
                store,
                NewItem {
                    person_id: id,
                    kind: if action {
                        ItemKind::Action
                    } else {
                        ItemKind::Agenda
                    },
                    owner: if theirs { Owner::Them } else { Owner::Me },
                    text,
                    due,
                },
                now,
            )
            .await?;
            match format.format {
                Format::Json => emit_json(&item),
                Format::Table => emit(&format!(
                    "Added item {} ({} {}): {}",
                    item.id,
                    if item.owner == Owner::Me {
                        "your"
                    } else {
                        "their"
                    },
                    item.kind,
                    item.text
                )),
            }
        }
        OneOnOnesCommand::Log {
            person,
            date,
            notes,
            private,
            topics,
            actions,
            keep,
            format,
        } => {
            let id = person_id(store, &person).await?;
            let logged = one_on_ones::log(
                store,
                LogRequest {
                    person_id: id,
                    held_on: date,
                    shared_notes: notes,
                    private_notes: private,
                    topics: one_on_ones::parse_topics(&topics)?,
                    actions: actions
                        .iter()
                        .map(|a| one_on_ones::parse_action(a))
                        .collect::<Result<_>>()?,
                    keep,
                },
                now,
            )
            .await?;
            match format.format {
                Format::Json => emit_json(&logged),
                Format::Table => {
                    let mut s = format!(
                        "Logged the 1:1 of {} (note {}){}: {} discussed, {}, {} carried from before.",
                        logged.note.held_on,
                        logged.note.id,
                        if logged.note.meeting_uid.is_some() {
                            ", matched to the calendar"
                        } else {
                            ""
                        },
                        plural(logged.discussed.len(), "agenda item", "agenda items"),
                        plural(logged.actions, "new action", "new actions"),
                        logged.carried
                    );
                    if let Some(sug) = &logged.suggestion {
                        let _ = write!(s, "\nNext time: {}", sug.why);
                        for q in &sug.prompts {
                            let _ = write!(s, "\n  ? {q}");
                        }
                    }
                    emit(&s)
                }
            }
        }
        OneOnOnesCommand::Edit {
            note,
            notes,
            private,
            topics,
        } => {
            let n = one_on_ones::edit_note(
                store,
                note,
                NoteEdit {
                    shared_notes: notes,
                    private_notes: private,
                    topics: (!topics.is_empty())
                        .then(|| one_on_ones::parse_topics(&topics))
                        .transpose()?,
                },
            )
            .await?;
            emit(&format!(
                "Updated the 1:1 of {} (note {}).",
                n.held_on, n.id
            ))
        }
        OneOnOnesCommand::Done { item, undo } => {
            let i = if undo {
                one_on_ones::reopen_item(store, item).await?
            } else {
                one_on_ones::close_item(store, item, now).await?
            };
            emit(&format!(
                "{} item {}: {}",
                if undo { "Reopened" } else { "Closed" },
                i.id,
                i.text
            ))
        }
        OneOnOnesCommand::Prompts { topic, format } => {
            let list = one_on_ones::prompts(topic);
            match format.format {
                Format::Json => emit_json(
                    &list
                        .iter()
                        .map(|(t, p)| serde_json::json!({"topic": t, "prompt": p}))
                        .collect::<Vec<_>>(),
                ),
                Format::Table => {
                    let mut s = String::new();
                    for (t, p) in list {
                        let _ = writeln!(s, "{:<12} {p}", t.as_str());
                    }
                    emit(&s)
                }
            }
        }
    }
}

fn agenda_table(v: &one_on_ones::AgendaView, tz: &TimeZone) -> String {
    let mut s = format!(
        "Next 1:1 with {}: {}\n",
        v.person.name,
        when(v.next.as_ref(), tz)
    );
    if v.agenda.theirs.is_empty() && v.agenda.mine.is_empty() && v.agenda.actions.is_empty() {
        s.push_str("  Nothing on the agenda yet. The meeting is theirs: ask them to add topics.\n");
    }
    agenda_lines(&mut s, &v.agenda, &v.topics);
    if v.topics.status_heavy {
        s.push_str(
            "\nStatus updates took most of the recent 1:1s: move them to standup or the board.\n",
        );
    }
    if let Some(q) = &v.quiet {
        let _ = writeln!(s, "\n{q}");
    }
    s
}

/// The items of the next 1:1 with their ids, then the theme to bring back.
fn agenda_lines(s: &mut String, agenda: &Agenda, topics: &TopicBalance) {
    for (who, items) in [("theirs", &agenda.theirs), ("yours", &agenda.mine)] {
        for i in items {
            let _ = writeln!(s, "  [{}] {who}: {}", i.id, i.text);
        }
    }
    for a in &agenda.actions {
        let _ = writeln!(
            s,
            "  [{}] action ({}): {}{}{}",
            a.item.id,
            a.item.owner,
            a.item.text,
            a.item
                .due
                .map_or_else(String::new, |d| format!(", due {d}")),
            if a.carried > 0 {
                format!(" — carried {}×", a.carried)
            } else {
                String::new()
            }
        );
    }
    if let Some(sug) = &topics.suggestion {
        let _ = writeln!(s, "  {}", sug.why);
        for q in &sug.prompts {
            let _ = writeln!(s, "    ? {q}");
        }
    }
}

fn overdue(p: &PersonOneOnOnes) -> String {
    p.overdue_days
        .map_or_else(String::new, |d| format!("overdue by {d} d"))
}

fn summary(all: &[PersonOneOnOnes], tz: &TimeZone) -> String {
    let mut s = String::new();
    if all.is_empty() {
        s.push_str("Nobody yet: fulcrum people add NAME --email E --relation report\n");
        return s;
    }
    let _ = writeln!(
        s,
        "{:>4}  {:<20} {:<16} {:>4} {:>9} {:>8} {:>5} {:>6}  next",
        "id", "person", "last held", "held", "cancelled", "declined", "moved", "logged"
    );
    for p in all {
        let c = &p.counts;
        let _ = writeln!(
            s,
            "{:>4}  {:<20} {:<16} {:>4} {:>9} {:>8} {:>5} {:>6}  {:<16} {}",
            p.person.id,
            p.person.name,
            when(p.last_held.as_ref(), tz),
            c.held,
            c.cancelled,
            c.declined,
            c.moved,
            c.logged,
            when(p.next.as_ref(), tz),
            overdue(p)
        );
    }
    s
}

fn history(p: &PersonOneOnOnes, tz: &TimeZone) -> String {
    let person: &Person = &p.person;
    let mut s = format!(
        "1:1s with {} (every {}, {})\n\n",
        person.name,
        plural(person.cadence_days, "day", "days"),
        plural(person.duration_minutes, "minute", "minutes")
    );
    if p.history.is_empty() {
        s.push_str("None found in the last 180 days or the next 60, and none logged.\n");
    }
    for e in &p.history {
        match &e.meeting {
            Some(o) => {
                let by = o
                    .cancelled_by
                    .as_deref()
                    .map_or_else(String::new, |b| format!("  (cancelled by {b})"));
                let _ = write!(
                    s,
                    "{}  {:<10} {}{}",
                    when(Some(o), tz),
                    o.state.as_str(),
                    o.title,
                    by
                );
            }
            None => {
                let _ = write!(s, "{}        {:<10} (not in the calendar)", e.on, "logged");
            }
        }
        if let Some(n) = &e.note {
            if let Some(t) = &n.shared_notes {
                let _ = write!(s, "\n      notes: {t}");
            }
            if let Some(t) = &n.private_notes {
                let _ = write!(s, "\n      private: {t}");
            }
        }
        s.push('\n');
    }
    if let Some(d) = p.overdue_days {
        let _ = writeln!(
            s,
            "\nOverdue by {}: book the next one with {}.",
            plural(d, "day", "days"),
            person.first_name()
        );
    }
    if p.cancelled_by_me_in_a_row >= 2 {
        let _ = writeln!(
            s,
            "You called off the last {} in a row: keep the next one, even if short.",
            p.cancelled_by_me_in_a_row
        );
    }
    s
}

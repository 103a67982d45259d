//! `fulcrum delegate …`: what to hand over, to whom, with which expectations, and how it went.

use crate::cli::{Format, FormatArgs, IdArgs, PersonArgs, Reword};
use crate::output::{emit, emit_json, show};
use crate::people_cmd::{date, person_id, word};
use clap::{Args, Subcommand};
use fulcrum_app::Result;
use fulcrum_app::delegation::{self, DelegationEdit, NewDelegation, PastDeadline};
use fulcrum_app::markdown::{hm, plural};
use fulcrum_core::Category;
use fulcrum_core::delegation::{Candidate, EXPECTATIONS, Expectations, FollowUp, Outcome, Style};
use fulcrum_store::Store;
use jiff::Timestamp;
use jiff::civil::Date;
use std::fmt::Write as _;

fn category(s: &str) -> std::result::Result<Category, String> {
    s.parse()
        .map_err(|_| "choose build, lead, align, operate, think, grow, personal or other".into())
}

/// The six expectations to agree on before handing over.
#[derive(Args, Default)]
pub struct ExpectationArgs {
    /// The result expected, who else is involved, what they need to know
    #[arg(long)]
    specific: Option<String>,
    /// How you will both know it is done: a number or a deliverable
    #[arg(long)]
    measurable: Option<String>,
    /// Why it can be done with the time and help they have
    #[arg(long)]
    achievable: Option<String>,
    /// Why it matters
    #[arg(long)]
    relevant: Option<String>,
    /// The deadline (time-bound); a date before today is refused unless --allow-past
    #[arg(long, value_name = "DATE", value_parser = date)]
    deadline: Option<Date>,
    /// Take a --deadline before today (it must move before the hand-over)
    #[arg(long, requires = "deadline")]
    allow_past: bool,
    /// Where progress is visible and when you look at it together
    #[arg(long)]
    trackable: Option<String>,
}

/// The terms of a hand-over: the kind of work, the leadership style and the expectations.
#[derive(Args)]
pub struct Terms {
    #[arg(long, value_parser = category)]
    category: Option<Category>,
    #[arg(long, value_parser = word::<Style>)]
    style: Option<Style>,
    #[command(flatten)]
    expectations: ExpectationArgs,
}

#[derive(Subcommand)]
pub enum DelegateCommand {
    /// Recurring work you do alone and delegate-quadrant tasks, with their true cost
    Candidates(FormatArgs),
    /// Who could take a piece of work: interest, knowledge, workload, style, fairness
    Who {
        /// What the work is
        text: String,
        /// The kind of work: build, lead, align, operate …
        #[arg(long, default_value = "build", value_parser = category)]
        category: Category,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Prepare a delegation (a draft until its expectations are complete and you hand it over)
    #[command(reword(
        "style",
        "telling, selling, participating or delegating [default: what their history suggests]"
    ))]
    Add {
        title: String,
        /// Who takes it (id or name)
        #[arg(long)]
        to: String,
        #[command(flatten)]
        terms: Terms,
        /// The candidate it comes from (`calendar:UID`, `task:ID`)
        #[arg(long)]
        origin: Option<String>,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Change a delegation's title, style or expectations
    Edit {
        id: i64,
        #[arg(long)]
        title: Option<String>,
        #[command(flatten)]
        terms: Terms,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Hand a draft over: refused until all six expectations are agreed
    HandOver(IdArgs),
    /// Record a check-in held today
    CheckIn {
        id: i64,
        #[arg(long)]
        note: Option<String>,
    },
    /// Close it with the follow-up, both ways
    Close {
        id: i64,
        /// met, partly or missed
        #[arg(long, value_parser = word::<Outcome>)]
        outcome: Outcome,
        /// Their answer to: what could I have done to support you better?
        #[arg(long)]
        their_feedback: Option<String>,
        /// What worked
        #[arg(long)]
        worked: Option<String>,
        /// What was hard
        #[arg(long)]
        challenges: Option<String>,
        /// What to do better next time
        #[arg(long)]
        better: Option<String>,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Take a delegation back
    Cancel { id: i64 },
    /// Delegations, open ones first, with what each needs next
    List {
        /// Include done and cancelled ones
        #[arg(long)]
        all: bool,
        /// Only this person's (id or name)
        #[arg(long)]
        person: Option<String>,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// One delegation in full
    Show(IdArgs),
    /// The styles of someone's delegations over time, and the one to use next
    History(PersonArgs),
    /// What would stop if you were away for two weeks
    VacationTest {
        /// The first day away [default: today]
        #[arg(long, value_name = "DATE", value_parser = date)]
        from: Option<Date>,
        #[command(flatten)]
        format: FormatArgs,
    },
}

impl ExpectationArgs {
    fn past(&self) -> PastDeadline {
        if self.allow_past {
            PastDeadline::Allow
        } else {
            PastDeadline::Refuse
        }
    }

    fn into_expectations(self) -> Expectations {
        Expectations {
            specific: self.specific,
            measurable: self.measurable,
            achievable: self.achievable,
            relevant: self.relevant,
            deadline: self.deadline,
            trackable: self.trackable,
        }
    }
}

fn show_line(l: &delegation::Line) -> String {
    let d = &l.delegation;
    let mut s = format!(
        "[{}] {} → {} ({}, {}, {})\n",
        d.id, d.title, l.person, d.category, d.style, d.status
    );
    let e = &d.expectations;
    let values = [
        e.specific.clone(),
        e.measurable.clone(),
        e.achievable.clone(),
        e.relevant.clone(),
        e.deadline.map(|d| d.to_string()),
        e.trackable.clone(),
    ];
    for ((_, label, question), v) in EXPECTATIONS.iter().zip(values) {
        match v {
            Some(v) => {
                let _ = writeln!(s, "  {label:<11} {v}");
            }
            None => {
                let _ = writeln!(s, "  {label:<11} — missing: {question}");
            }
        }
    }
    for c in &d.check_ins {
        let _ = writeln!(
            s,
            "  check-in {} {}{}",
            c.due,
            c.done_on
                .map_or_else(|| "planned".into(), |d| format!("held {d}")),
            c.note
                .as_deref()
                .map_or_else(String::new, |n| format!(": {n}"))
        );
    }
    if let Some(o) = d.outcome {
        let _ = writeln!(s, "  outcome: {o}");
    }
    for (label, v) in [
        ("worked", &d.follow_up.what_worked),
        ("challenges", &d.follow_up.challenges),
        ("next time", &d.follow_up.do_better),
        ("their view", &d.follow_up.their_feedback),
    ] {
        if let Some(v) = v {
            let _ = writeln!(s, "  {label}: {v}");
        }
    }
    if l.overdue_check_ins > 0 {
        let _ = writeln!(s, "  → a check-in is due");
    }
    if l.follow_up_due {
        let _ = writeln!(
            s,
            "  → past its deadline: hold the follow-up (fulcrum delegate close {})",
            d.id
        );
    }
    if !l.missing.is_empty() && d.is_open() {
        let _ = writeln!(
            s,
            "  → agree on {} before handing it over (fulcrum delegate edit {} …)",
            l.missing.join(", "),
            d.id
        );
    }
    s
}

/// Says on stderr when a deadline kept with `--allow-past` is before today.
async fn warn_past(store: &dyn Store, deadline: Option<Date>, now: Timestamp) -> Result<()> {
    let today = fulcrum_core::time::local_date(now, &crate::people_cmd::user_tz(store).await?);
    if let Some(d) = deadline.filter(|d| *d < today) {
        eprintln!(
            "Warning: the deadline {d} is before today ({today}); agree on a later one before the hand-over."
        );
    }
    Ok(())
}

fn candidate_line(s: &mut String, c: &Candidate) {
    let _ = writeln!(
        s,
        "  {:<34} {:<8} {:>3}× {:>6} each  {:>8}  {}",
        c.title,
        c.category,
        c.occurrences,
        hm(c.minutes_each),
        c.weekly_cost_minutes
            .map_or_else(|| hm(c.true_cost_minutes), |w| format!("{}/wk", hm(w))),
        c.origin
    );
}

pub async fn run(
    store: &dyn Store,
    rules: &fulcrum_app::rules_file::RuleBook,
    cmd: DelegateCommand,
    now: Timestamp,
) -> Result<()> {
    match cmd {
        DelegateCommand::Candidates(format) => {
            let c = delegation::candidates(store, rules, now).await?;
            show(format.format, &c, |c| {
                let mut s = format!(
                    "Recurring work you did alone in the last {} (true cost counts {} to refocus each time)\n",
                    plural(c.weeks, "week", "weeks"),
                    hm(fulcrum_core::delegation::REFOCUS_MINUTES)
                );
                if c.recurring.is_empty() {
                    s.push_str("  none\n");
                }
                c.recurring.iter().for_each(|x| candidate_line(&mut s, x));
                s.push_str("\nTasks in the delegate quadrant\n");
                if c.tasks.is_empty() {
                    s.push_str("  none\n");
                }
                c.tasks.iter().for_each(|x| candidate_line(&mut s, x));
                s.push_str("\nHand one over: fulcrum delegate who \"TITLE\" then fulcrum delegate add \"TITLE\" --to PERSON --origin ORIGIN\n");
                s
            })
        }
        DelegateCommand::Who {
            text,
            category,
            format,
        } => {
            let fits = delegation::who(store, &text, category, now).await?;
            show(format.format, &fits, |fits| {
                let mut s = String::new();
                if fits.is_empty() {
                    s.push_str(
                        "Nobody to hand it to yet: add your reports with fulcrum people add.\n",
                    );
                }
                for f in fits {
                    let _ = writeln!(
                        s,
                        "{:>4}  {:<20} score {:>3}  {}",
                        f.person_id,
                        f.name,
                        f.score,
                        if f.reasons.is_empty() {
                            "no match in what you know of them".to_string()
                        } else {
                            f.reasons.join("; ")
                        }
                    );
                }
                s
            })
        }
        DelegateCommand::Add {
            title,
            to,
            terms,
            origin,
            format,
        } => {
            let id = person_id(store, &to).await?;
            let past = terms.expectations.past();
            let d = delegation::add_with(
                store,
                NewDelegation {
                    person_id: id,
                    title,
                    category: terms.category,
                    style: terms.style,
                    expectations: terms.expectations.into_expectations(),
                    origin,
                },
                past,
                now,
            )
            .await?;
            warn_past(store, d.expectations.deadline, now).await?;
            match format.format {
                Format::Json => emit_json(&d),
                Format::Table => {
                    let missing = d.expectations.missing();
                    emit(&if missing.is_empty() {
                        format!(
                            "Prepared delegation {} ({}). Hand it over: fulcrum delegate hand-over {}",
                            d.id, d.style, d.id
                        )
                    } else {
                        format!(
                            "Prepared delegation {} ({}) as a draft. Still to agree: {}.",
                            d.id,
                            d.style,
                            missing.join(", ")
                        )
                    })
                }
            }
        }
        DelegateCommand::Edit {
            id,
            title,
            terms,
            format,
        } => {
            let e = terms.expectations;
            let past = e.past();
            let d = delegation::edit(
                store,
                id,
                DelegationEdit {
                    title,
                    category: terms.category,
                    style: terms.style,
                    specific: e.specific,
                    measurable: e.measurable,
                    achievable: e.achievable,
                    relevant: e.relevant,
                    deadline: e.deadline,
                    trackable: e.trackable,
                    past_deadline: past,
                },
                now,
            )
            .await?;
            warn_past(store, d.expectations.deadline, now).await?;
            match format.format {
                Format::Json => emit_json(&d),
                Format::Table => emit(&show_line(&delegation::show(store, d.id, now).await?)),
            }
        }
        DelegateCommand::HandOver(IdArgs { id, format }) => {
            let d = delegation::hand_over(store, id, now).await?;
            show(format.format, &d, |d| {
                format!(
                    "Handed over “{}”. {} planned, the first on {}.",
                    d.title,
                    plural(d.check_ins.len(), "check-in", "check-ins"),
                    d.check_ins
                        .first()
                        .map_or_else(String::new, |c| c.due.to_string())
                )
            })
        }
        DelegateCommand::CheckIn { id, note } => {
            let d = delegation::check_in(store, id, note, now).await?;
            emit(&format!(
                "Check-in recorded for “{}”.{}",
                d.title,
                d.next_check_in()
                    .map_or_else(String::new, |c| format!(" Next one on {}.", c.due))
            ))
        }
        DelegateCommand::Close {
            id,
            outcome,
            their_feedback,
            worked,
            challenges,
            better,
            format,
        } => {
            let d = delegation::close(
                store,
                id,
                outcome,
                FollowUp {
                    what_worked: worked,
                    challenges,
                    do_better: better,
                    their_feedback,
                },
                now,
            )
            .await?;
            show(format.format, &d, |d| {
                format!("Closed “{}”: {}.", d.title, outcome)
            })
        }
        DelegateCommand::Cancel { id } => {
            let d = delegation::cancel(store, id, now).await?;
            emit(&format!("Took “{}” back.", d.title))
        }
        DelegateCommand::List {
            all,
            person,
            format,
        } => {
            let person = match person {
                Some(p) => Some(person_id(store, &p).await?),
                None => None,
            };
            let v = delegation::list(store, all, person, now).await?;
            show(format.format, &v, |v| {
                let mut s = String::new();
                if v.items.is_empty() {
                    s.push_str("Nothing delegated yet: fulcrum delegate candidates shows what you could hand over.\n");
                }
                for l in &v.items {
                    let d = &l.delegation;
                    let _ = writeln!(
                        s,
                        "{:>4}  {:<34} {:<18} {:<13} {:<9} {}",
                        d.id,
                        d.title,
                        l.person,
                        d.style.as_str(),
                        d.status.as_str(),
                        if !l.missing.is_empty() && d.is_open() {
                            format!("missing: {}", l.missing.join(", "))
                        } else if l.follow_up_due {
                            "follow-up due".into()
                        } else if l.overdue_check_ins > 0 {
                            "check-in due".into()
                        } else {
                            l.next_check_in
                                .map_or_else(String::new, |c| format!("next check-in {c}"))
                        }
                    );
                }
                for w in &v.warnings {
                    let _ = writeln!(s, "\nWarning: {w}");
                }
                s
            })
        }
        DelegateCommand::Show(IdArgs { id, format }) => {
            let l = delegation::show(store, id, now).await?;
            show(format.format, &l, show_line)
        }
        DelegateCommand::History(PersonArgs { person, format }) => {
            let id = person_id(store, &person).await?;
            let h = delegation::history(store, id, now).await?;
            show(format.format, &h, |h| {
                let mut s = String::new();
                for st in &h.steps {
                    let _ = writeln!(
                        s,
                        "{}  {:<13} {:<8} {}",
                        st.on,
                        st.style.as_str(),
                        st.outcome.map_or("running", |o| o.as_str()),
                        st.title
                    );
                }
                let _ = writeln!(s, "\nNext: {} — {}", h.suggested, h.why);
                let _ = writeln!(s, "  ({})", h.suggested.describe());
                s
            })
        }
        DelegateCommand::VacationTest { from, format } => {
            let v = delegation::vacation_test(store, rules, from, now).await?;
            show(format.format, &v, |v| {
                let mut s = format!("Away {} to {}: {}\n", v.from, v.to, v.summary);
                for i in &v.items {
                    let _ = writeln!(
                        s,
                        "  {:<10} {:<34} {:>2}×  {}",
                        i.kind.as_str(),
                        i.what,
                        i.times,
                        i.why
                    );
                }
                s
            })
        }
    }
}

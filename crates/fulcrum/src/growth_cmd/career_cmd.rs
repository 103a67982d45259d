//! `fulcrum career` and `fulcrum brag`: the compass, the signs, the audit against a role, the
//! paths and their fit, the conversations; the brag document.

use super::*;

#[derive(Subcommand)]
pub enum CareerCommand {
    /// The technical-or-management questions, your answers and the evidence behind them
    Compass {
        #[command(subcommand)]
        command: Option<CompassCommand>,
        #[command(flatten)]
        format: DocFormatArgs,
    },
    /// Your last weeks' time split against a role's
    Audit {
        /// tech-lead, engineering-manager, staff, tpm or director
        #[arg(long)]
        role: String,
        /// Complete weeks to read
        #[arg(long, default_value_t = 4)]
        weeks: usize,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// The paths after tech lead and how well each fits what your records show
    Paths(FormatArgs),
    /// Start a transition plan toward a role: skill gaps and conversations as steps
    Transition {
        role: String,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Log a conversation with someone in the role you aim at (no name: list them)
    Talk {
        /// Their name (linked when they are in People)
        with: Option<String>,
        #[arg(long)]
        plan: Option<i64>,
        #[arg(long = "asked", value_name = "QUESTION")]
        asked: Vec<String>,
        #[arg(long, default_value = "")]
        learned: String,
        #[arg(long, value_name = "DATE", value_parser = date)]
        on: Option<Date>,
        #[command(flatten)]
        format: FormatArgs,
    },
}

#[derive(Subcommand)]
pub enum CompassCommand {
    /// Answer one question: −2 clearly technical … +2 clearly management
    Answer {
        #[arg(value_parser = word::<Dimension>)]
        dimension: Dimension,
        #[arg(allow_hyphen_values = true)]
        lean: i8,
        #[arg(long, default_value = "")]
        note: String,
        #[command(flatten)]
        format: FormatArgs,
    },
    /// Tick the signs you recognise in yourself (their keys, as the compass lists them)
    Signs {
        keys: Vec<String>,
        #[command(flatten)]
        format: FormatArgs,
    },
}

#[derive(Args)]
pub struct BragArgs {
    /// First day [default: six months before --to]
    #[arg(long, value_name = "DATE", value_parser = date)]
    from: Option<Date>,
    /// Last day, included [default: today]
    #[arg(long, value_name = "DATE", value_parser = date)]
    to: Option<Date>,
    /// For one of your people instead of you: what was handed to them, the praise they got
    #[arg(long, value_name = "PERSON")]
    person: Option<String>,
    #[arg(long, value_enum, default_value = "markdown")]
    format: ReportFormat,
}

fn audit_text(a: &fulcrum_core::career::Audit) -> String {
    let mut s = format!(
        "Your last {} against {}:\n\n",
        plural(a.weeks, "week", "weeks"),
        fulcrum_core::career::profile(a.role).title
    );
    let _ = writeln!(
        s,
        "{:<10} {:>7} {:>7} {:>7}",
        "category", "you", "role", "diff"
    );
    for l in &a.categories {
        let _ = writeln!(
            s,
            "{:<10} {:>6.0}% {:>6.0}% {:>+6.0}%",
            l.category.as_str(),
            l.actual_share * 100.0,
            l.role_share * 100.0,
            l.difference * 100.0
        );
    }
    let _ = writeln!(
        s,
        "\nDistance {:.0}%: the share of your time that would move to match the role. Trend: {}.",
        a.distance * 100.0,
        a.direction
    );
    s
}

pub async fn career_cmd(
    store: &dyn Store,
    rules: &RuleBook,
    cmd: CareerCommand,
    now: Timestamp,
) -> Result<()> {
    match cmd {
        CareerCommand::Audit {
            role,
            weeks,
            format,
        } => {
            let role = career::role(&role)?;
            let a = career::audit(store, rules, role, weeks, now).await?;
            show(format.format, &a, audit_text)
        }
        CareerCommand::Compass {
            command: None,
            format,
        } => {
            let c = career::compass(store, rules, now).await?;
            match format.format {
                ReportFormat::Json => emit_json(&c),
                _ => emit(&career::compass_markdown(&c)),
            }
        }
        CareerCommand::Compass {
            command:
                Some(CompassCommand::Answer {
                    dimension,
                    lean,
                    note,
                    format,
                }),
            ..
        } => {
            let a = career::answer(store, dimension, lean, &note, now).await?;
            show(format.format, &a, |a| {
                format!(
                    "Kept your answer on {}: {:+}.\n",
                    a.record.dimension, a.record.lean
                )
            })
        }
        CareerCommand::Compass {
            command: Some(CompassCommand::Signs { keys, format }),
            ..
        } => {
            let s = career::check_signs(store, &keys, now).await?;
            show(format.format, &s, |s| {
                format!(
                    "Kept {} for {}.\n",
                    plural(s.signs.len(), "sign", "signs"),
                    s.on
                )
            })
        }
        CareerCommand::Paths(format) => {
            let p = career::paths(store, rules, now).await?;
            show(format.format, &p, paths_text)
        }
        CareerCommand::Transition { role, format } => {
            let p = career::transition(store, &role, now).await?;
            show(format.format, &p, |p| {
                format!(
                    "Started transition plan {}: {}. See it with: fulcrum growth plan show {}\n",
                    p.id, p.record.goal, p.id
                )
            })
        }
        CareerCommand::Talk {
            with: None, format, ..
        } => {
            let all = career::conversations(store).await?;
            show(
                format.format,
                &serde_json::json!({ "conversations": all }),
                |_| {
                    let mut s = String::new();
                    if all.is_empty() {
                        s.push_str(
                            "No conversations logged yet. Worth asking someone in the role:\n",
                        );
                        for q in career::ROLE_QUESTIONS {
                            let _ = writeln!(s, "  - {q}");
                        }
                    }
                    for c in &all {
                        let _ = writeln!(
                            s,
                            "{:>3}  {}  {}: {}",
                            c.id, c.record.on, c.record.with, c.record.learned
                        );
                    }
                    s
                },
            )
        }
        CareerCommand::Talk {
            with: Some(with),
            plan,
            asked,
            learned,
            on,
            format,
        } => {
            let c = career::talk(
                store,
                NewConversation {
                    with,
                    plan,
                    on,
                    asked,
                    learned,
                },
                now,
            )
            .await?;
            show(format.format, &c, |c| {
                format!(
                    "Logged the conversation with {} on {}.\n",
                    c.record.with, c.record.on
                )
            })
        }
    }
}

pub async fn brag_cmd(store: &dyn Store, a: BragArgs, now: Timestamp) -> Result<()> {
    let b = brag::brag(store, a.from, a.to, a.person.as_deref(), now).await?;
    match a.format {
        ReportFormat::Json => emit_json(&b),
        ReportFormat::Markdown | ReportFormat::Table => emit(&brag::markdown(&b)),
    }
}

fn paths_text(p: &career::Paths) -> String {
    let mut s = String::from("How well each path fits what your records show (best first):\n\n");
    for f in &p.fit {
        let info = p.paths.iter().find(|i| i.path == f.path);
        let _ = writeln!(
            s,
            "{:>4.0}%  {}",
            f.score * 100.0,
            info.map_or(f.path.as_str(), |i| i.title)
        );
        for r in &f.reasons {
            let _ = writeln!(s, "       - {r}");
        }
    }
    let _ = writeln!(s, "\n{}\n", p.method);
    for i in &p.paths {
        let _ = writeln!(s, "## {}\n{}\nFits when:", i.title, i.focus);
        for sig in &i.fit_signals {
            let _ = writeln!(s, "  - {sig}");
        }
        if !i.prompts.is_empty() {
            s.push_str("Ask yourself:\n");
            for q in &i.prompts {
                let _ = writeln!(s, "  - {q}");
            }
        }
        s.push('\n');
    }
    s
}

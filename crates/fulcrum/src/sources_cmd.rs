//! `fulcrum sources`: the list of sources, and `fulcrum sources remove`.

use crate::cli::{Format, FormatArgs};
use crate::output::{emit, emit_json, show};
use clap::{Args, Subcommand};
use fulcrum_app::sources::{self, Removal, SourceLine};
use fulcrum_app::{AppError, Result};
use fulcrum_store::{SourceKind, Store};
use std::fmt::Write as _;
use std::io::IsTerminal;

#[derive(Args)]
pub struct SourcesArgs {
    #[command(subcommand)]
    pub action: Option<SourcesAction>,
    #[command(flatten)]
    pub format: FormatArgs,
}

#[derive(Subcommand)]
pub enum SourcesAction {
    /// Remove a source and what it brought: its calendar events or its commits, from every
    /// report. Shows what goes and asks first; without a terminal, only --yes removes
    Remove {
        /// The source's id, name or location, as `fulcrum sources` shows them
        #[arg(value_name = "ID|NAME")]
        source: String,
        /// Remove without asking
        #[arg(long)]
        yes: bool,
        #[command(flatten)]
        format: FormatArgs,
    },
}

pub async fn run(store: &dyn Store, a: SourcesArgs) -> Result<()> {
    match a.action {
        None => {
            let list = sources::list(store).await?;
            show(a.format.format, &list, |l| table(l))
        }
        Some(SourcesAction::Remove {
            source,
            yes,
            format,
        }) => {
            // `sources --format json remove X` and `sources remove X --format json` both work.
            let format = if a.format.format == Format::Json {
                Format::Json
            } else {
                format.format
            };
            remove(store, &source, yes, format).await
        }
    }
}

fn kind_label(k: SourceKind) -> &'static str {
    k.as_str()
}

fn when(ts: Option<i64>) -> String {
    ts.and_then(|t| jiff::Timestamp::from_second(t).ok())
        .map(|t| t.strftime("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_else(|| "never".into())
}

/// The sources as a table: a folder's files indented under it, what is wrong under the line
/// of a source that has a problem, and a repository's commits in a sentence.
pub fn table(list: &[SourceLine]) -> String {
    if list.is_empty() {
        return "No sources yet: fulcrum import calendar FILE|DIR|URL, fulcrum import git PATH"
            .into();
    }
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{:>3}  {:<15} {:>7} {:>7}  {:<20}  {:<7}  location",
        "id", "kind", "events", "commits", "last import", "result"
    );
    for l in list {
        let src = &l.source;
        let child = src.parent_id.is_some();
        let _ = writeln!(
            s,
            "{:>3}  {:<15} {:>7} {:>7}  {:<20}  {:<7}  {}{}",
            src.id,
            if child {
                format!("  {}", kind_label(src.kind))
            } else {
                kind_label(src.kind).to_string()
            },
            l.events,
            l.commits,
            when(src.last_import_at),
            l.status_label(),
            if child { "  " } else { "" },
            src.location
        );
        if let Some(sentence) = l.commits_sentence() {
            let _ = writeln!(s, "       {sentence}");
        }
        if let (true, Some(p)) = (l.status != "ok", &l.problem) {
            let _ = writeln!(s, "       {p}");
        }
    }
    s
}

async fn remove(store: &dyn Store, what: &str, yes: bool, format: Format) -> Result<()> {
    let id = sources::find(store, what).await?.id;
    let preview = sources::removal_preview(store, id).await?;
    let question = format!(
        "{} (id {id}, {}) brought {}.\nRemoving it takes that out of every report; the {} itself \
         is not touched.",
        preview.source.name,
        preview.source.location,
        preview.describe(),
        match preview.source.kind {
            SourceKind::Git => "repository",
            SourceKind::CalendarFolder => "folder",
            SourceKind::CalendarUrl => "subscribed calendar",
            SourceKind::CalendarFile => "file",
        }
    );
    if !yes {
        let asked = std::io::stdin().is_terminal();
        if asked {
            eprint!("{question}\nRemove it? [y/N] ");
        }
        if !asked || !answer_is_yes()? {
            if format == Format::Json {
                emit_json(&preview)?;
            } else if !asked {
                emit(&format!("{question}\n"))?;
            }
            return Err(AppError::conflict(
                "confirmation",
                format!(
                    "nothing was removed{}: run `fulcrum sources remove {id} --yes` to remove it",
                    if asked {
                        ""
                    } else {
                        " (no terminal to ask on)"
                    }
                ),
            ));
        }
    }
    let done = sources::remove(store, id).await?;
    show(format, &done, removed_text)
}

fn removed_text(r: &Removal) -> String {
    format!(
        "Removed {} (id {}) and {}.\n",
        r.source.name,
        r.source.id,
        r.describe()
    )
}

fn answer_is_yes() -> Result<bool> {
    let mut answer = String::new();
    std::io::stdin()
        .read_line(&mut answer)
        .map_err(|e| AppError::Failed(format!("cannot read the answer: {e}")))?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "Yes"))
}

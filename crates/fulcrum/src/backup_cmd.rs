//! `fulcrum export` and `fulcrum import-backup`: the whole store as one JSON document, and
//! back into an empty store of either backend.

use crate::cli::Format;
use crate::output::show;
use fulcrum_app::{AppError, OpenMode, Result, backup};
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    /// Write the backup to FILE instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
pub struct ImportBackupArgs {
    /// A backup written by `fulcrum export`
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Output format of the summary
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

pub async fn export(db: &Path, args: ExportArgs) -> Result<()> {
    let store = fulcrum_app::open_store(db, OpenMode::ReadOnly).await?;
    let (document, summary) = backup::export(store.as_ref()).await?;
    match args.out {
        None => crate::output::emit_raw(&document),
        Some(out) => {
            std::fs::write(&out, document).map_err(|e| AppError::io(&out, e))?;
            eprintln!(
                "{} rows of {} tables written to {}",
                summary.rows,
                summary.tables,
                out.display()
            );
            Ok(())
        }
    }
}

pub async fn import(db: &Path, args: ImportBackupArgs) -> Result<()> {
    let text = std::fs::read_to_string(&args.file).map_err(|e| AppError::io(&args.file, e))?;
    let shown = args.file.display().to_string();
    let document = backup::read(&shown, &text)?;
    let store = fulcrum_app::open_store(db, OpenMode::Create).await?;
    let summary = backup::restore(store.as_ref(), &document).await?;
    show(args.format, &summary, |summary| {
        format!(
            "{} rows of {} tables restored from {shown} into {}\n",
            summary.rows,
            summary.tables,
            db.display()
        )
    })
}

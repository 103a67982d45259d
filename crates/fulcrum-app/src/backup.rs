//! Backup and move: the whole store as one JSON document (`fulcrum export`), restored into an
//! empty store of either backend (`fulcrum import-backup`). The format is in docs/json.md.
//!
//! The document is written the same way every time — tables in the store's order, rows in
//! the order of their columns, one row a line — so export → import-backup → export gives the
//! same bytes, and two backups of one store can be compared with `diff`.

use crate::{AppError, Result};
use fulcrum_store::{Store, TableDump};
use serde::Deserialize;

/// What the first key says, so another program's JSON is told apart from a backup.
pub const FORMAT: &str = "fulcrum-backup";
/// The document's version: raised when a change would mislead an older reader.
pub const VERSION: u32 = 1;

/// A backup read and checked, ready to restore.
#[derive(Deserialize)]
pub struct Document {
    format: String,
    version: u32,
    tables: Vec<TableDump>,
}

/// How much a backup held.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub tables: usize,
    pub rows: u64,
}

/// The whole store as a backup document.
pub async fn export(store: &dyn Store) -> Result<(String, Summary)> {
    let tables = store.export_tables().await?;
    let summary = Summary {
        tables: tables.len(),
        rows: tables.iter().map(|t| t.rows.len() as u64).sum(),
    };
    tracing::info!(
        tables = summary.tables,
        rows = summary.rows,
        "exported the store"
    );
    Ok((write(&tables)?, summary))
}

fn json<T: serde::Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| AppError::Failed(e.to_string()))
}

fn write(tables: &[TableDump]) -> Result<String> {
    let mut out = format!(
        "{{\"format\":{},\"version\":{VERSION},\"tables\":[",
        json(&FORMAT)?
    );
    for (i, t) in tables.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!(
            "\n{{\"name\":{},\"columns\":{},\"rows\":[",
            json(&t.name)?,
            json(&t.columns)?
        ));
        for (j, row) in t.rows.iter().enumerate() {
            out.push_str(if j == 0 { "\n" } else { ",\n" });
            out.push_str(&json(row)?);
        }
        out.push_str("]}");
    }
    out.push_str("\n]}\n");
    Ok(out)
}

/// Reads the backup `text` (from `file`, named in errors), before any store is opened.
pub fn read(file: &str, text: &str) -> Result<Document> {
    let document: Document = serde_json::from_str(text).map_err(|e| {
        AppError::invalid(
            "FILE",
            format!(
                "{file}: line {} column {}: not a Fulcrum backup ({e})",
                e.line(),
                e.column()
            ),
        )
    })?;
    if document.format != FORMAT {
        return Err(AppError::invalid(
            "FILE",
            format!(
                "{file}: its format is \"{}\", not \"{FORMAT}\"",
                document.format
            ),
        ));
    }
    if document.version > VERSION {
        return Err(AppError::invalid(
            "FILE",
            format!(
                "{file} is a backup of version {}, written by a newer Fulcrum; this one reads version {VERSION}",
                document.version
            ),
        ));
    }
    Ok(document)
}

/// Restores `document` into `store`, which must be empty. One transaction: on any error the
/// store stays as it was.
pub async fn restore(store: &dyn Store, document: &Document) -> Result<Summary> {
    let rows = store.import_tables(&document.tables).await?;
    tracing::info!(tables = document.tables.len(), rows, "restored a backup");
    Ok(Summary {
        tables: document.tables.len(),
        rows,
    })
}

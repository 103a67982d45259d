//! The sources the user imported, with what each holds.

use crate::error::Result;
use fulcrum_store::{Source, Store};
use serde::Serialize;

/// A source and how many events and commits it holds (`fulcrum sources --format json`).
#[derive(Debug, Clone, Serialize)]
pub struct SourceLine {
    #[serde(flatten)]
    pub source: Source,
    pub events: u64,
    pub commits: u64,
}

pub async fn list(store: &dyn Store) -> Result<Vec<SourceLine>> {
    let counts = store.source_counts().await?;
    Ok(store
        .sources()
        .await?
        .into_iter()
        .map(|source| {
            let (events, commits) = counts
                .iter()
                .find(|c| c.0 == source.id)
                .map_or((0, 0), |c| (c.1, c.2));
            SourceLine {
                source,
                events,
                commits,
            }
        })
        .collect())
}

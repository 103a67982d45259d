//! Where Fulcrum keeps its files: the XDG data and config directories unless told otherwise.

use std::path::PathBuf;

fn dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "fulcrum")
}

/// The folder for the store and the demo.
pub fn data_dir() -> PathBuf {
    dirs().map_or_else(|| PathBuf::from(".fulcrum"), |d| d.data_dir().to_path_buf())
}

/// The user's store: `FULCRUM_DB` if set, else `fulcrum.db` in the data directory.
pub fn default_db() -> PathBuf {
    std::env::var_os("FULCRUM_DB")
        .filter(|v| !v.is_empty())
        .map_or_else(|| data_dir().join("fulcrum.db"), PathBuf::from)
}

/// The demo's own store, never the user's.
pub fn demo_db() -> PathBuf {
    data_dir().join("demo").join("demo.db")
}

/// The user's categorisation rules: `FULCRUM_RULES` if set, else `rules.toml` in the config dir.
pub fn rules_file() -> PathBuf {
    std::env::var_os("FULCRUM_RULES")
        .filter(|v| !v.is_empty())
        .map_or_else(
            || {
                dirs().map_or_else(
                    || PathBuf::from(".fulcrum/rules.toml"),
                    |d| d.config_dir().join("rules.toml"),
                )
            },
            PathBuf::from,
        )
}

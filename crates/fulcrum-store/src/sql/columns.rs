//! Reading and writing column values: dates as ISO text, enums by their words, lists and
//! structures as JSON; a value that does not read back is `StoreError::Corrupt`.

use super::dialect::DbRow;
use crate::{Result, StoreError};
use jiff::civil::Date;
use sqlx::Row;

pub(super) fn json_word<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

pub(super) fn from_word<T: serde::de::DeserializeOwned>(
    what: &'static str,
    word: String,
) -> Result<T> {
    serde_json::from_value(serde_json::Value::String(word.clone())).map_err(|_| {
        StoreError::Corrupt {
            what,
            message: word,
        }
    })
}

pub(super) fn date_col(what: &'static str, v: Option<String>) -> Result<Option<Date>> {
    v.map(|d| {
        d.parse()
            .map_err(|_| StoreError::Corrupt { what, message: d })
    })
    .transpose()
}

pub(super) fn day(d: Date) -> String {
    d.to_string()
}

pub(super) fn opt_day(d: Option<Date>) -> Option<String> {
    d.map(day)
}

pub(super) fn req_date(what: &'static str, row: &DbRow, col: &str) -> Result<Date> {
    let v: String = row.try_get(col)?;
    date_col(what, Some(v.clone()))?.ok_or(StoreError::Corrupt { what, message: v })
}

pub(super) fn opt_date(what: &'static str, row: &DbRow, col: &str) -> Result<Option<Date>> {
    date_col(what, row.try_get(col)?)
}

pub(super) fn json_col<T: serde::de::DeserializeOwned>(
    what: &'static str,
    row: &DbRow,
    col: &str,
) -> Result<T> {
    parse_json(what, &row.try_get::<String, _>(col)?)
}

pub(super) fn parse_json<T: serde::de::DeserializeOwned>(
    what: &'static str,
    text: &str,
) -> Result<T> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt {
        what,
        message: e.to_string(),
    })
}

pub(super) fn json_text<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".into())
}

pub(super) fn opt_word<T: serde::de::DeserializeOwned>(
    what: &'static str,
    v: Option<String>,
) -> Result<Option<T>> {
    v.map(|w| from_word(what, w)).transpose()
}

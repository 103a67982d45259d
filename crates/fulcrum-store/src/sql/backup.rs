//! Every table read out and written back as it is, for `fulcrum export` and
//! `fulcrum import-backup`: the same document on both backends, so a store moves between them.

use super::dialect::{self, DB, DbConnection, DbPool, begin_write};
use crate::{BACKUP_TABLES as TABLES, Result, StoreError, TableDump};
use serde_json::Value;
use sqlx::{AssertSqlSafe, QueryBuilder, Row};

/// Rows per INSERT of a restore: with the widest table (22 columns) well under either
/// backend's limit on bound parameters.
const ROWS_PER_INSERT: usize = 200;

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Integer,
    Text,
}

struct Column {
    name: String,
    kind: Kind,
}

/// The columns of `table` in their stored order, with what they hold.
async fn columns(conn: &mut DbConnection, table: &str) -> Result<Vec<Column>> {
    let rows = sqlx::query(dialect::COLUMNS)
        .bind(table)
        .fetch_all(&mut *conn)
        .await?;
    rows.iter()
        .map(|r| {
            let name: String = r.try_get(0)?;
            let declared: String = r.try_get(1)?;
            let declared = declared.to_ascii_lowercase();
            let kind = if declared.contains("int") {
                Kind::Integer
            } else if declared.contains("text") {
                Kind::Text
            } else {
                return Err(StoreError::Corrupt {
                    what: "table definition",
                    message: format!("{table}.{name} is declared {declared}"),
                });
            };
            Ok(Column { name, kind })
        })
        .collect()
}

/// Tables that hold no one's data: the migrators' own, and the revisions the triggers derive
/// from the rest (a restore's writes move them anew).
pub(crate) const NOT_BACKED_UP: [&str; 3] = ["schema_migrations", "_sqlx_migrations", "revisions"];

/// The tables the store's schema holds, those of [`NOT_BACKED_UP`] left out.
pub(crate) async fn schema_tables(pool: &DbPool) -> Result<Vec<String>> {
    let mut names: Vec<String> = sqlx::query_scalar(dialect::TABLES).fetch_all(pool).await?;
    names.retain(|n| !NOT_BACKED_UP.contains(&n.as_str()));
    names.sort();
    Ok(names)
}

/// Every row of every table, each table in the order of all its columns, so the same store
/// always gives the same document.
pub(crate) async fn export(pool: &DbPool) -> Result<Vec<TableDump>> {
    // One transaction, so the document is one moment of the store.
    let mut tx = pool.begin().await?;
    let mut dumps = Vec::with_capacity(TABLES.len());
    for table in TABLES {
        let columns = columns(&mut tx, table).await?;
        let names: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
        let list = names.join(", ");
        let sql = format!("SELECT {list} FROM {table} ORDER BY {list}");
        let rows = sqlx::query(AssertSqlSafe(sql)).fetch_all(&mut *tx).await?;
        let rows = rows
            .iter()
            .map(|row| {
                columns
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        Ok(match c.kind {
                            Kind::Integer => row
                                .try_get::<Option<i64>, _>(i)?
                                .map_or(Value::Null, Value::from),
                            Kind::Text => row
                                .try_get::<Option<String>, _>(i)?
                                .map_or(Value::Null, Value::from),
                        })
                    })
                    .collect::<Result<Vec<Value>>>()
            })
            .collect::<Result<Vec<_>>>()?;
        dumps.push(TableDump {
            name: table.to_string(),
            columns: names.iter().map(|n| n.to_string()).collect(),
            rows,
        });
    }
    tx.commit().await?;
    Ok(dumps)
}

fn invalid(message: String) -> StoreError {
    StoreError::Backup { message }
}

/// Writes `dumps` into a store that holds nothing yet, in one transaction: on any error the
/// store stays empty. Columns the backup lacks take their defaults; a table or column this
/// store does not know is refused by name. Returns how many rows were written.
pub(crate) async fn restore(pool: &DbPool, dumps: &[TableDump]) -> Result<u64> {
    let mut tx = begin_write(pool).await?;
    for table in TABLES {
        let sql = format!("SELECT COUNT(*) FROM {table}");
        let n: i64 = sqlx::query(AssertSqlSafe(sql))
            .fetch_one(&mut *tx)
            .await?
            .try_get(0)?;
        // A fresh store has its profile unset and no rows; anything else is someone's data.
        if n > 0 {
            return Err(StoreError::NotEmpty {
                table: table.to_string(),
            });
        }
    }
    // Every table and column is checked before the first row is written.
    let mut plans = Vec::new();
    for dump in dumps {
        if !TABLES.contains(&dump.name.as_str()) {
            return Err(invalid(format!(
                "the table \"{}\" is not one this Fulcrum knows",
                dump.name
            )));
        }
        let known = columns(&mut tx, &dump.name).await?;
        let kinds = dump
            .columns
            .iter()
            .map(|name| {
                let table = &dump.name;
                known
                    .iter()
                    .find(|c| &c.name == name)
                    .map(|c| c.kind)
                    .ok_or_else(|| {
                        invalid(format!(
                            "the column {table}.{name} is not one this Fulcrum knows"
                        ))
                    })
            })
            .collect::<Result<Vec<Kind>>>()?;
        for (i, row) in dump.rows.iter().enumerate() {
            check_row(&dump.name, i, row, &dump.columns, &kinds)?;
        }
        plans.push((dump, kinds, known.iter().any(|c| c.name == "id")));
    }
    let mut written = 0;
    for table in TABLES {
        let Some((dump, kinds, has_id)) = plans.iter().find(|p| p.0.name == *table) else {
            continue;
        };
        for chunk in dump.rows.chunks(ROWS_PER_INSERT) {
            let mut qb: QueryBuilder<DB> = QueryBuilder::new(format!(
                "INSERT INTO {table} ({}) ",
                dump.columns.join(", ")
            ));
            qb.push_values(chunk, |mut b, row| {
                for (value, kind) in row.iter().zip(kinds.iter()) {
                    match kind {
                        Kind::Integer => b.push_bind(value.as_i64()),
                        Kind::Text => b.push_bind(value.as_str().map(str::to_string)),
                    };
                }
            });
            written += qb.build().execute(&mut *tx).await?.rows_affected();
        }
        if *has_id {
            dialect::continue_ids_after_restore(&mut tx, table).await?;
        }
    }
    tx.commit().await?;
    Ok(written)
}

/// Each value of a row is of its column's kind, or null.
fn check_row(
    table: &str,
    i: usize,
    row: &[Value],
    columns: &[String],
    kinds: &[Kind],
) -> Result<()> {
    if row.len() != columns.len() {
        return Err(invalid(format!(
            "row {} of {table} has {} values for {} columns",
            i + 1,
            row.len(),
            columns.len()
        )));
    }
    for ((value, kind), column) in row.iter().zip(kinds).zip(columns) {
        let fits = match kind {
            Kind::Integer => value.is_null() || value.as_i64().is_some(),
            Kind::Text => value.is_null() || value.is_string(),
        };
        if !fits {
            let wanted = if *kind == Kind::Integer {
                "an integer"
            } else {
                "text"
            };
            return Err(invalid(format!(
                "row {} of {table}: {column} should be {wanted} or null, not {value}",
                i + 1
            )));
        }
    }
    Ok(())
}

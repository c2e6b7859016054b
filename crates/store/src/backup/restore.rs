//! Putting a backup back, all or nothing: one transaction clears every table and writes every
//! row, and commits only once the file's last line has checked out. An empty database gets the
//! schema the backup was taken with first, and the newer migrations after the rows are in.

use super::format::{BackupReader, Item};
use super::tables::{tables_in_order, Table};
use super::{cannot_open, schema_version_of, BackupSummary};
use crate::db::{placeholders, DbResult, Store, MIGRATOR};
use serde_json::Value;
use sqlx::migrate::Migrator;
use sqlx::AnyConnection;
use std::collections::HashSet;
use std::path::Path;
use trellis_core::{Error, Result};

/// Values bound per INSERT statement, at most (well within both engines' limits).
const VALUES_PER_STATEMENT: usize = 900;

/// The rows of one table on their way in.
struct Pending<'a> {
    table: &'a Table,
    /// For each column of the file, its place in the table.
    columns: Vec<usize>,
    rows: Vec<Vec<Value>>,
}

impl Store {
    /// Replaces the whole database with the backup at `path`. A database that holds people is
    /// refused unless `force` is given.
    pub async fn restore_from(&self, path: &Path, force: bool) -> Result<BackupSummary> {
        let file = std::fs::File::open(path).map_err(|e| cannot_open(path, &e))?;
        let mut reader = BackupReader::open(file)?;
        let wanted = reader.header.schema_version;
        let newest = MIGRATOR.iter().map(|m| m.version).max().unwrap_or_default();
        if wanted > newest {
            return Err(Error::invalid(
                "backup",
                format!("the backup has schema version {wanted}, newer than this release knows ({newest}): restore it with the release that made it"),
            ));
        }
        let mut conn = self.writer.acquire().await.db()?;
        let current = schema_version_of(&mut conn, self.backend()).await?;
        drop(conn);
        if current > wanted {
            return Err(Error::invalid(
                "backup",
                format!("this database has schema version {current}, newer than the backup's ({wanted}): restore into an empty database, which gets the backup's schema and is brought up to date after"),
            ));
        }
        if current < wanted {
            let older = Migrator {
                migrations: MIGRATOR.iter().filter(|m| m.version <= wanted).cloned().collect::<Vec<_>>().into(),
                ..Migrator::DEFAULT
            };
            older.run(&self.writer).await.map_err(Error::internal)?;
        }
        let mut tx = self.begin_write().await?;
        let tables = tables_in_order(&mut tx, self.backend()).await?;
        if !force {
            let people: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM people").fetch_one(&mut *tx).await.db()?;
            if people > 0 {
                return Err(Error::Conflict(format!(
                    "this database already holds {people} people; restoring replaces everything in it. Add --force to do so"
                )));
            }
        }
        for table in tables.iter().rev() {
            sqlx::query(&format!("DELETE FROM \"{}\"", table.name)).execute(&mut *tx).await.db()?;
        }
        let mut pending: Option<Pending> = None;
        let rows = loop {
            let Some(item) = reader.next_item()? else {
                return Err(Error::internal("the backup ended without its last line"));
            };
            match item {
                Item::Table { name, columns } => {
                    if let Some(done) = pending.take() {
                        write_rows(&mut tx, done).await?;
                    }
                    pending = Some(start_table(&tables, &name, &columns)?);
                }
                Item::Row(values) => {
                    let current = pending.as_mut().ok_or_else(|| Error::internal("a row before its table"))?;
                    current.rows.push(values);
                    if current.table.self_references.is_empty() && current.rows.len() * current.columns.len() >= 50_000
                    {
                        let full = Pending {
                            table: current.table,
                            columns: current.columns.clone(),
                            rows: std::mem::take(&mut current.rows),
                        };
                        write_rows(&mut tx, full).await?;
                    }
                }
                Item::End(rows) => {
                    if let Some(done) = pending.take() {
                        write_rows(&mut tx, done).await?;
                    }
                    break rows;
                }
            }
        };
        tx.commit().await.db()?;
        self.migrate().await?;
        Ok(BackupSummary { header: reader.header.clone(), rows })
    }
}

fn start_table<'a>(tables: &'a [Table], name: &str, columns: &[String]) -> Result<Pending<'a>> {
    let table = tables.iter().find(|t| t.name == name).ok_or_else(|| {
        Error::invalid("backup", format!("the backup has a table “{name}” this database's schema does not have"))
    })?;
    let columns = columns
        .iter()
        .map(|column| {
            table.columns.iter().position(|c| &c.name == column).ok_or_else(|| {
                Error::invalid(
                    "backup",
                    format!("the backup's table “{name}” has a column “{column}” this schema does not have"),
                )
            })
        })
        .collect::<Result<Vec<usize>>>()?;
    Ok(Pending { table, columns, rows: Vec::new() })
}

/// Inserts the rows, referenced rows first where a table refers to itself.
async fn write_rows(conn: &mut AnyConnection, pending: Pending<'_>) -> Result<()> {
    let Pending { table, columns, rows } = pending;
    let rows = referenced_first(table, &columns, rows);
    let names: Vec<String> = columns.iter().map(|&i| format!("\"{}\"", table.columns[i].name)).collect();
    let per_statement = (VALUES_PER_STATEMENT / columns.len().max(1)).max(1);
    for chunk in rows.chunks(per_statement) {
        let groups: Vec<String> =
            (0..chunk.len()).map(|n| format!("({})", placeholders(n * columns.len() + 1, columns.len()))).collect();
        let sql = format!("INSERT INTO \"{}\" ({}) VALUES {}", table.name, names.join(", "), groups.join(", "));
        let mut query = sqlx::query(&sql);
        for row in chunk {
            for (value, &place) in row.iter().zip(&columns) {
                let column = &table.columns[place];
                query = match (column.integer, value) {
                    (true, Value::Number(n)) => query.bind(n.as_i64()),
                    (true, Value::Null) => query.bind(None::<i64>),
                    (false, Value::String(text)) => query.bind(text.clone()),
                    (false, Value::Null) => query.bind(None::<String>),
                    _ => {
                        return Err(Error::invalid(
                            "backup",
                            format!("a value of “{}.{}” is of the wrong kind", table.name, column.name),
                        ))
                    }
                };
            }
        }
        query.execute(&mut *conn).await.map_err(|e| {
            Error::invalid("backup", format!("the rows of “{}” cannot be written back: {e}", table.name))
        })?;
    }
    Ok(())
}

/// The rows in an order where each row a row refers to (in its own table) comes before it.
fn referenced_first(table: &Table, columns: &[usize], rows: Vec<Vec<Value>>) -> Vec<Vec<Value>> {
    let place_of = |name: &str| {
        let index = table.columns.iter().position(|c| c.name == name)?;
        columns.iter().position(|&c| c == index)
    };
    let links: Vec<(usize, usize)> =
        table.self_references.iter().filter_map(|(from, to)| Some((place_of(from)?, place_of(to)?))).collect();
    if links.is_empty() {
        return rows;
    }
    let keys: HashSet<String> =
        rows.iter().flat_map(|row| links.iter().filter_map(|&(_, to)| row[to].as_str().map(str::to_string))).collect();
    let mut written: HashSet<String> = HashSet::new();
    let mut ordered = Vec::with_capacity(rows.len());
    let mut left = rows;
    while !left.is_empty() {
        let (ready, rest): (Vec<_>, Vec<_>) = left.into_iter().partition(|row| {
            links.iter().all(|&(from, _)| match row[from].as_str() {
                None => true,
                Some(key) => written.contains(key) || !keys.contains(key),
            })
        });
        if ready.is_empty() {
            // A circle: written as they are, and the database refuses them.
            ordered.extend(rest);
            break;
        }
        for row in &ready {
            for &(_, to) in &links {
                if let Some(key) = row[to].as_str() {
                    written.insert(key.to_string());
                }
            }
        }
        ordered.extend(ready);
        left = rest;
    }
    ordered
}

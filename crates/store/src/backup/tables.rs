//! The schema as the database itself describes it: every table, its columns and whether each
//! holds whole numbers or text (the portable schema has only those two), and the foreign keys,
//! from which the order to write tables in follows (a table after every table it refers to).

use crate::db::{Backend, DbResult};
use sqlx::{AnyConnection, Row};
use std::collections::{BTreeMap, BTreeSet};
use trellis_core::{Error, Result};

/// One column of a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    /// Holds whole numbers (BIGINT); otherwise text.
    pub integer: bool,
}

/// One table, with what it refers to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub name: String,
    pub columns: Vec<Column>,
    /// `(column, referenced column)` of each foreign key to the table itself (a manager who is
    /// a person): rows must be written referenced first.
    pub self_references: Vec<(String, String)>,
}

/// The tables of the schema, each after the tables it refers to; sqlx's own table aside.
pub async fn tables_in_order(conn: &mut AnyConnection, backend: Backend) -> Result<Vec<Table>> {
    let (columns_sql, keys_sql) = match backend {
        Backend::Sqlite => (
            "SELECT m.name AS t, p.name AS c, p.type AS ty FROM sqlite_master m JOIN pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '_sqlx_migrations' ORDER BY m.name, p.cid",
            "SELECT m.name AS t, f.\"table\" AS parent, f.\"from\" AS c, f.\"to\" AS pc FROM sqlite_master m \
             JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table'",
        ),
        Backend::Postgres => (
            "SELECT CAST(table_name AS TEXT) AS t, CAST(column_name AS TEXT) AS c, CAST(data_type AS TEXT) AS ty \
             FROM information_schema.columns WHERE table_schema = current_schema() AND table_name <> '_sqlx_migrations' \
             ORDER BY table_name, ordinal_position",
            "SELECT CAST(k.table_name AS TEXT) AS t, CAST(u.table_name AS TEXT) AS parent, \
             CAST(k.column_name AS TEXT) AS c, CAST(u.column_name AS TEXT) AS pc \
             FROM information_schema.table_constraints tc \
             JOIN information_schema.key_column_usage k ON k.constraint_name = tc.constraint_name AND k.table_schema = tc.table_schema \
             JOIN information_schema.constraint_column_usage u ON u.constraint_name = tc.constraint_name AND u.table_schema = tc.table_schema \
             WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()",
        ),
    };
    let mut tables: BTreeMap<String, Table> = BTreeMap::new();
    for row in sqlx::query(columns_sql).fetch_all(&mut *conn).await.db()? {
        let name: String = row.try_get("t").db()?;
        let kind: String = row.try_get("ty").db()?;
        let column = Column { name: row.try_get("c").db()?, integer: is_integer(&kind) };
        tables
            .entry(name.clone())
            .or_insert_with(|| Table { name, columns: Vec::new(), self_references: Vec::new() })
            .columns
            .push(column);
    }
    let mut parents: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for row in sqlx::query(keys_sql).fetch_all(&mut *conn).await.db()? {
        let (table, parent): (String, String) = (row.try_get("t").db()?, row.try_get("parent").db()?);
        if table == parent {
            if let Some(entry) = tables.get_mut(&table) {
                entry.self_references.push((row.try_get("c").db()?, row.try_get("pc").db()?));
            }
        } else {
            parents.entry(table).or_default().insert(parent);
        }
    }
    order(tables, &parents)
}

fn is_integer(declared: &str) -> bool {
    let declared = declared.to_ascii_lowercase();
    declared.contains("int")
}

/// Orders `tables` so that each comes after its parents (Kahn's algorithm, by name for ties).
fn order(mut tables: BTreeMap<String, Table>, parents: &BTreeMap<String, BTreeSet<String>>) -> Result<Vec<Table>> {
    let mut ordered = Vec::with_capacity(tables.len());
    while !tables.is_empty() {
        let ready: Vec<String> = tables
            .keys()
            // A parent no longer among `tables` is placed (or outside the schema).
            .filter(|name| parents.get(*name).is_none_or(|p| p.iter().all(|parent| !tables.contains_key(parent))))
            .cloned()
            .collect();
        if ready.is_empty() {
            let left: Vec<&str> = tables.keys().map(String::as_str).collect();
            return Err(Error::internal(format!("the tables {} refer to each other in a circle", left.join(", "))));
        }
        for name in ready {
            if let Some(table) = tables.remove(&name) {
                ordered.push(table);
            }
        }
    }
    Ok(ordered)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(name: &str) -> Table {
        Table { name: name.into(), columns: Vec::new(), self_references: Vec::new() }
    }

    #[test]
    fn a_table_comes_after_every_table_it_refers_to() {
        let tables: BTreeMap<String, Table> = ["notes", "people", "audit", "conversations"]
            .into_iter()
            .map(|name| (name.to_string(), table(name)))
            .collect();
        let parents: BTreeMap<String, BTreeSet<String>> = [
            ("notes", vec!["people", "conversations"]),
            ("conversations", vec!["people"]),
            ("audit", vec!["people", "notes"]),
        ]
        .into_iter()
        .map(|(t, p)| (t.to_string(), p.into_iter().map(str::to_string).collect()))
        .collect();
        let names: Vec<String> = order(tables, &parents).unwrap().into_iter().map(|t| t.name).collect();
        assert_eq!(names, ["people", "conversations", "notes", "audit"]);
    }

    #[test]
    fn declared_types_are_read_as_numbers_or_text() {
        assert!(is_integer("BIGINT") && is_integer("bigint") && is_integer("INTEGER"));
        assert!(!is_integer("TEXT") && !is_integer("text"));
    }
}

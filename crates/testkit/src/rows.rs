//! Reading a test database whole, behind the store's back: every column of every table, for
//! searching (what is left after a deletion) and comparing (a restored copy against its source).

use sqlx::{AnyPool, Row};
use std::collections::BTreeMap;

/// Every `(table, column)` of the schema, sqlx's own table aside, in the table's column order.
pub async fn columns(pool: &AnyPool, postgres: bool) -> Vec<(String, String)> {
    let sql = if postgres {
        "SELECT CAST(table_name AS TEXT) AS t, CAST(column_name AS TEXT) AS c FROM information_schema.columns \
         WHERE table_schema = 'public' AND table_name <> '_sqlx_migrations' ORDER BY table_name, ordinal_position"
    } else {
        "SELECT m.name AS t, p.name AS c FROM sqlite_master m JOIN pragma_table_info(m.name) p \
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '_sqlx_migrations' ORDER BY m.name, p.cid"
    };
    let rows = sqlx::query(sql).fetch_all(pool).await.expect("the schema's columns");
    rows.iter().map(|row| (row.get("t"), row.get("c"))).collect()
}

/// Every row of every table, each value read as text, the rows of a table sorted.
pub async fn every_row(pool: &AnyPool, postgres: bool) -> BTreeMap<String, Vec<Vec<Option<String>>>> {
    let mut by_table: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (table, column) in columns(pool, postgres).await {
        by_table.entry(table).or_default().push(column);
    }
    let mut everything = BTreeMap::new();
    for (table, columns) in by_table {
        let list: Vec<String> = columns.iter().map(|c| format!("CAST(\"{c}\" AS TEXT)")).collect();
        let sql = format!("SELECT {} FROM \"{table}\"", list.join(", "));
        let mut rows: Vec<Vec<Option<String>>> = sqlx::query(&sql)
            .fetch_all(pool)
            .await
            .expect("the table reads")
            .iter()
            .map(|row| (0..columns.len()).map(|i| row.get::<Option<String>, _>(i)).collect())
            .collect();
        rows.sort();
        everything.insert(table, rows);
    }
    everything
}

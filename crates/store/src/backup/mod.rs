//! `trellis backup` and `trellis restore`: a consistent copy of the whole database taken while
//! Trellis serves, and putting one back, all or nothing. The copy is read inside one
//! read-only snapshot (SQLite: one read transaction on the write-ahead log; PostgreSQL:
//! `REPEATABLE READ`), so writers are never blocked and the copy is the database as it was at
//! one instant. The file format is the same for both engines (see `format`).

mod format;
mod restore;
mod tables;

pub use format::Header;

use crate::db::{Backend, DbResult, Store};
use format::{BackupReader, BackupWriter, Item};
use futures_util::TryStreamExt;
use serde_json::Value;
use sqlx::{AnyConnection, Row};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use trellis_core::{Error, Result};

/// What a backup holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackupSummary {
    pub header: Header,
    /// Rows per table.
    pub rows: BTreeMap<String, u64>,
}

impl BackupSummary {
    pub fn total_rows(&self) -> u64 {
        self.rows.values().sum()
    }
}

/// Reads a backup file through to its end and checks it (counts and checksum).
pub fn check_backup(path: &Path) -> Result<BackupSummary> {
    let file = std::fs::File::open(path).map_err(|e| cannot_open(path, &e))?;
    let mut reader = BackupReader::open(file)?;
    loop {
        if let Some(Item::End(rows)) = reader.next_item()? {
            return Ok(BackupSummary { header: reader.header.clone(), rows });
        }
    }
}

fn cannot_open(path: &Path, error: &std::io::Error) -> Error {
    Error::invalid("backup", format!("cannot open {}: {error}", path.display()))
}

/// The last migration a database has had (0 for a database Trellis never migrated).
pub(crate) async fn schema_version_of(conn: &mut AnyConnection, backend: Backend) -> Result<i64> {
    let exists = match backend {
        Backend::Sqlite => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
        Backend::Postgres => {
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() \
             AND table_name = '_sqlx_migrations'"
        }
    };
    if sqlx::query_scalar::<_, i64>(exists).fetch_one(&mut *conn).await.db()? == 0 {
        return Ok(0);
    }
    let sql = "SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations WHERE success";
    sqlx::query_scalar::<_, i64>(sql).fetch_one(&mut *conn).await.db()
}

impl Store {
    /// Writes a consistent copy of the whole database to `path`, then reads it back and checks
    /// it. The file appears only once checked (an older one there is replaced then), readable
    /// by its owner only.
    pub async fn backup_to(&self, path: &Path) -> Result<BackupSummary> {
        let partial = partial_path(path);
        let written = self.write_backup(&partial).await;
        let checked = written.and_then(|written| {
            let checked = check_backup(&partial)?;
            if checked.rows == written.rows {
                Ok(checked)
            } else {
                Err(Error::internal("the backup read back does not match what was written"))
            }
        });
        match checked {
            Ok(summary) => {
                std::fs::rename(&partial, path)
                    .map_err(|e| Error::internal(format!("cannot finish the backup: {e}")))?;
                Ok(summary)
            }
            Err(error) => {
                let _ = std::fs::remove_file(&partial);
                Err(error)
            }
        }
    }

    async fn write_backup(&self, partial: &Path) -> Result<BackupSummary> {
        let snapshot = match self.backend() {
            Backend::Sqlite => "BEGIN",
            Backend::Postgres => "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
        };
        let mut tx = self.pool.begin_with(snapshot).await.db()?;
        let schema_version = schema_version_of(&mut tx, self.backend()).await?;
        if schema_version == 0 {
            return Err(Error::invalid(
                "database_url",
                "this database holds no Trellis data: check the database URL or data folder",
            ));
        }
        let tables = tables::tables_in_order(&mut tx, self.backend()).await?;
        let header = Header {
            trellis_backup: format::FORMAT,
            schema_version,
            engine: format!("{:?}", self.backend()).to_lowercase(),
            created_at: jiff::Timestamp::now().round(jiff::Unit::Second).map_err(Error::internal)?.to_string(),
        };
        let file = create_private_file(partial)?;
        let mut writer = BackupWriter::start(std::io::BufWriter::new(file), &header)?;
        for table in &tables {
            let names: Vec<String> = table.columns.iter().map(|c| c.name.clone()).collect();
            let quoted: Vec<String> = names.iter().map(|name| format!("\"{name}\"")).collect();
            writer.table(&table.name, names)?;
            let sql = format!("SELECT {} FROM \"{}\"", quoted.join(", "), table.name);
            let mut rows = sqlx::query(&sql).fetch(&mut *tx);
            while let Some(row) = rows.try_next().await.db()? {
                let mut values = Vec::with_capacity(table.columns.len());
                for (index, column) in table.columns.iter().enumerate() {
                    values.push(if column.integer {
                        row.try_get::<Option<i64>, _>(index).db()?.map_or(Value::Null, Value::from)
                    } else {
                        row.try_get::<Option<String>, _>(index).db()?.map_or(Value::Null, Value::from)
                    });
                }
                writer.row(&values)?;
            }
        }
        tx.commit().await.db()?;
        let rows = writer.finish()?;
        Ok(BackupSummary { header, rows })
    }
}

/// Where a backup is written before it is checked: beside its final place.
fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".partial");
    path.with_file_name(name)
}

/// A new file readable and writable by its owner only (0600): a backup holds everything.
fn create_private_file(path: &Path) -> Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map_err(|e| Error::invalid("backup", format!("cannot write {}: {e}", path.display())))
}

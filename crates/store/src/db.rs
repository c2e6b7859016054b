//! The database connection: which backend a URL selects, the pool, the embedded migrations,
//! and the few helpers every query module shares (error mapping, flags, time, placeholders).

use crate::audit::group::AuditGroups;
use crate::playbooks::ParsedPlaybooks;
use sqlx::any::{install_default_drivers, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::AnyPool;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use trellis_core::{Error, Result};

pub(crate) static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

/// SQLite's page cache per connection (16 MiB).
pub(crate) const DEFAULT_CACHE_PRAGMA: &str = "PRAGMA cache_size = -16384";

/// The database engine behind a store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The statement that opens a transaction which will write (see `Store::begin_write`).
    pub(crate) fn begin_write_statement(self) -> &'static str {
        match self {
            Backend::Sqlite => "BEGIN IMMEDIATE",
            Backend::Postgres => "BEGIN",
        }
    }

    /// A query that returns the rows of `query` as one JSON text: an array with one array of
    /// `columns` per row (an empty array for no rows). The drivers' cost is per value read, so
    /// a long list of small facts comes back faster as one value.
    pub(crate) fn rows_as_json(self, columns: &[&str], query: &str) -> String {
        let values: Vec<String> = columns.iter().map(|column| format!("f.{column}")).collect();
        let values = values.join(", ");
        match self {
            Backend::Sqlite => format!("SELECT json_group_array(json_array({values})) FROM ({query}) f"),
            Backend::Postgres => {
                format!("SELECT COALESCE(json_agg(json_build_array({values})), '[]')::text FROM ({query}) f")
            }
        }
    }

    /// Chooses the backend from the URL's scheme; any other scheme is refused with a message
    /// that says what is accepted.
    pub fn from_url(url: &str) -> Result<Self> {
        let scheme = url.split_once(':').map_or("", |(scheme, _)| scheme).to_lowercase();
        match scheme.as_str() {
            "sqlite" => Ok(Backend::Sqlite),
            "postgres" | "postgresql" => Ok(Backend::Postgres),
            _ => Err(Error::invalid(
                "database_url",
                format!(
                    "\"{}\" is not a supported database; use sqlite://PATH (the default) \
                     or postgres://USER:PASSWORD@HOST/DATABASE",
                    redact_url(url)
                ),
            )),
        }
    }
}

/// Pool settings.
#[derive(Clone, Debug)]
pub struct StoreOptions {
    pub max_connections: u32,
    /// Whether changes queue the mails they cause (e-mail is set up). Without it, nothing is
    /// queued, so that turning e-mail on later does not send old news.
    pub sends_mail: bool,
}

impl Default for StoreOptions {
    fn default() -> Self {
        Self { max_connections: 16, sends_mail: false }
    }
}

/// Opens a pool of up to `max` connections to `url`, each set up for `backend`.
async fn open_pool(url: &str, backend: Backend, max: u32) -> Result<AnyPool> {
    AnyPoolOptions::new()
        .max_connections(max)
        // A SQLite connection lives in this process and cannot be cut off, so it is not pinged
        // before each use (a round trip to its thread per query); a PostgreSQL one is.
        .test_before_acquire(backend == Backend::Postgres)
        .acquire_timeout(Duration::from_secs(10))
        .after_connect(move |conn, _meta| {
            Box::pin(async move {
                if backend == Backend::Sqlite {
                    for pragma in [
                        "PRAGMA journal_mode = WAL",
                        "PRAGMA synchronous = NORMAL",
                        "PRAGMA busy_timeout = 10000",
                        "PRAGMA foreign_keys = ON",
                        DEFAULT_CACHE_PRAGMA,
                        "PRAGMA mmap_size = 268435456",
                    ] {
                        sqlx::query(pragma).execute(&mut *conn).await?;
                    }
                }
                Ok(())
            })
        })
        .connect(url)
        .await
        .map_err(|e| Error::invalid("database_url", format!("cannot open {}: {e}", redact_url(url))))
}

/// The store: the connection pools and the backend they talk to. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    /// For reading.
    pub(crate) pool: AnyPool,
    /// For writing: every statement that changes data runs here (see `Store::connect`).
    pub(crate) writer: AnyPool,
    /// Where reads of someone else's content are recorded (see `audit::group`).
    pub(crate) audit: AuditGroups,
    /// Playbook versions already read (see `playbooks`).
    pub(crate) parsed_playbooks: ParsedPlaybooks,
    /// Whether changes queue the mails they cause (`StoreOptions::sends_mail`).
    pub(crate) sends_mail: bool,
    backend: Backend,
}

impl Store {
    /// Connects to `url` (creating a SQLite file if there is none). Does not migrate.
    pub async fn connect(url: &str, options: &StoreOptions) -> Result<Self> {
        install_default_drivers();
        let backend = Backend::from_url(url)?;
        let url = match backend {
            Backend::Sqlite if !url.contains("mode=") => {
                format!("{url}{}mode=rwc", if url.contains('?') { '&' } else { '?' })
            }
            _ => url.to_string(),
        };
        if backend == Backend::Sqlite {
            secure_sqlite_files(&url).map_err(|e| Error::internal(format!("cannot protect the database file: {e}")))?;
        }
        let pool = open_pool(&url, backend, options.max_connections).await?;
        // SQLite lets one connection write at a time, and a connection waiting for its turn
        // sleeps in SQLite's busy handler (up to 100 ms a try). So on SQLite every write goes
        // through one connection, and writers queue for it in the pool instead. PostgreSQL
        // writes through the pool it reads from.
        let writer = match backend {
            Backend::Sqlite => open_pool(&url, backend, 1).await?,
            Backend::Postgres => pool.clone(),
        };
        let audit = AuditGroups::start(writer.clone(), backend);
        let sends_mail = options.sends_mail;
        Ok(Self { pool, writer, audit, parsed_playbooks: ParsedPlaybooks::default(), sends_mail, backend })
    }

    /// Brings the schema up to date with the migrations embedded in the binary, and adds the
    /// built-in playbooks this release ships.
    pub async fn migrate(&self) -> Result<()> {
        MIGRATOR.run(&self.writer).await.map_err(Error::internal)?;
        self.ensure_builtin_playbooks().await
    }

    /// Whether the database answers (for `/readyz`).
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await.db()?;
        Ok(())
    }

    /// The backend this store talks to.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Starts a transaction that will write. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`): a transaction that reads first and takes the lock later fails with
    /// "database is locked" when another writer got in between, without waiting its turn.
    pub(crate) async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>> {
        self.writer.begin_with(self.backend.begin_write_statement()).await.db()
    }

    /// Closes every connection (tests call this before dropping a database).
    pub async fn close(&self) {
        self.pool.close().await;
        self.writer.close().await;
    }
}

/// Hides the password of a database URL, for messages and logs.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(start), Some(at)) if at > start => {
            let credentials = &url[start + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..start + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// Maps database failures: a unique-constraint clash is a conflict, anything else internal.
pub(crate) trait DbResult<T> {
    fn db(self) -> Result<T>;
}

impl<T> DbResult<T> for std::result::Result<T, sqlx::Error> {
    fn db(self) -> Result<T> {
        self.map_err(|error| match &error {
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                Error::Conflict("that value is already used by someone else".into())
            }
            _ => Error::internal(error),
        })
    }
}

/// Milliseconds since the Unix epoch, the unit every stored time uses.
pub fn now_millis() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// A flag as stored: 1 or 0.
pub(crate) fn flag(value: bool) -> i64 {
    i64::from(value)
}

/// Makes the SQLite database file, and its journal files where present, readable by their
/// owner only (0600), creating the database file that way if it does not exist yet. SQLite
/// gives the journal files it creates later the database file's permissions.
fn secure_sqlite_files(url: &str) -> std::io::Result<()> {
    let path = url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
    let path = path.split('?').next().unwrap_or_default();
    if path.is_empty() || path.starts_with(":memory:") {
        return Ok(());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        let created = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path);
        match created {
            Ok(_) => {}
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {}
            // A missing folder is for the driver to report, with the URL.
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(error) => return Err(error),
        }
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let file = format!("{path}{suffix}");
            if std::path::Path::new(&file).exists() {
                std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600))?;
            }
        }
    }
    Ok(())
}

/// `$start, $start+1, …` for `count` values, for `IN (…)` lists and multi-row inserts.
pub(crate) fn placeholders(start: usize, count: usize) -> String {
    (start..start + count).map(|n| format!("${n}")).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_schemes_are_refused_with_the_accepted_ones_named() {
        let error = Backend::from_url("mysql://root:hunter2@db/trellis").unwrap_err();
        let message = error.to_string();
        assert!(message.contains("sqlite://") && message.contains("postgres://"), "{message}");
        assert!(!message.contains("hunter2"), "{message}");
        assert_eq!(Backend::from_url("sqlite:///tmp/t.db").unwrap(), Backend::Sqlite);
        assert_eq!(Backend::from_url("postgresql://h/db").unwrap(), Backend::Postgres);
    }

    #[test]
    fn passwords_are_hidden_from_urls() {
        assert_eq!(redact_url("postgres://app:s3cret@db:5432/t"), "postgres://app:***@db:5432/t");
        assert_eq!(redact_url("sqlite:///var/lib/trellis.db"), "sqlite:///var/lib/trellis.db");
    }

    #[test]
    fn placeholders_number_from_the_start_given() {
        assert_eq!(placeholders(3, 3), "$3, $4, $5");
    }
}

//! Test helpers. `TestDb` makes a fresh, migrated database on either engine; `both_engines!`
//! turns one scenario into a test per engine. PostgreSQL tests use the server named by
//! `TRELLIS_TEST_POSTGRES_URL` and create a throwaway database on it per test. Without that
//! variable they fail with instructions: they never pass by skipping.

// Test helpers fail loudly: a panic with a message is the right answer here.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod app;
pub mod ical;
pub mod oidc;
pub mod python;
mod rows;
pub mod served;
pub mod smtp;
pub mod stages;
pub mod team;

pub use app::{Page, TestApp, Visitor};

use sqlx::{AnyConnection, Connection, Executor};
use trellis_store::{Store, StoreOptions};

/// Waits up to 20 seconds for a program started by a test (`what`) to listen on `port` of
/// 127.0.0.1; `describe` says what went wrong when it does not.
pub fn wait_for_port(port: u16, what: &str, describe: impl Fn() -> String) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(std::time::Instant::now() < deadline, "{what} did not start listening on port {port}. {}", describe());
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// A file of the shared public test data (`../shared/testdata/` beside the checkout).
pub fn testdata(relative: &str) -> std::path::PathBuf {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/testdata").join(relative);
    assert!(path.exists(), "test data {} is missing: ../shared/testdata must sit beside the checkout", path.display());
    path
}

/// The database engines every store scenario runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// A fresh, migrated database that lives as long as the test.
pub struct TestDb {
    pub store: Store,
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    postgres: Option<(String, String)>,
}

/// The PostgreSQL server tests create their databases on.
pub fn postgres_server_url() -> String {
    match std::env::var("TRELLIS_TEST_POSTGRES_URL") {
        Ok(url) if !url.trim().is_empty() => url,
        _ => panic!(
            "TRELLIS_TEST_POSTGRES_URL is not set. Every store test runs on PostgreSQL as well as \
             SQLite; run ./scripts/test (which starts a throwaway server), or point the variable \
             at a server where this user may create databases, e.g. postgres://postgres@127.0.0.1:5432/postgres"
        ),
    }
}

/// Replaces the database name of a PostgreSQL URL.
fn with_database(server_url: &str, database: &str) -> String {
    let (base, query) = server_url.split_once('?').map_or((server_url, None), |(b, q)| (b, Some(q)));
    let authority_end = base.find("://").map_or(0, |i| i + 3);
    let root = match base[authority_end..].find('/') {
        Some(slash) => &base[..authority_end + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{root}/{database}?{query}"),
        None => format!("{root}/{database}"),
    }
}

impl TestDb {
    /// Runs one SQL statement against the database behind the store's back, for what a test
    /// cannot do through it (letting time pass, reading what is left after a deletion).
    pub async fn execute(&self, statement: &str) {
        sqlx::any::install_default_drivers();
        let pool = sqlx::AnyPool::connect(&self.url).await.expect("a second connection to the test database");
        sqlx::query(statement).execute(&pool).await.expect("the statement runs");
        pool.close().await;
    }

    /// Moves every stored moment that follow-through reads `days` into the past, as if that much
    /// time had passed: conversations and their moves, plan items and their history, notes,
    /// "still right" answers, when people were added and when their managers changed.
    pub async fn let_days_pass(&self, days: i64) {
        let ms = days * 86_400_000;
        for statement in [
            format!(
                "UPDATE conversations SET starts_at = starts_at - {ms}, created_at = created_at - {ms}, \
                 updated_at = updated_at - {ms}, held_at = held_at - {ms}, proposed_starts_at = proposed_starts_at - {ms}"
            ),
            format!("UPDATE conversation_events SET at = at - {ms}, starts_at = starts_at - {ms}"),
            format!("UPDATE artefacts SET created_at = created_at - {ms}, updated_at = updated_at - {ms}"),
            format!("UPDATE artefact_log SET created_at = created_at - {ms}"),
            format!("UPDATE notes SET created_at = created_at - {ms}, updated_at = updated_at - {ms}"),
            format!("UPDATE plan_reviews SET reviewed_at = reviewed_at - {ms}"),
            format!("UPDATE check_ins SET at = at - {ms}"),
            format!("UPDATE agenda_items SET created_at = created_at - {ms}"),
            format!("UPDATE people SET created_at = created_at - {ms}"),
            format!("UPDATE handoffs SET since = since - {ms}, decided_at = decided_at - {ms}"),
            format!("UPDATE manager_changes SET changed_at = changed_at - {ms}"),
        ] {
            self.execute(&statement).await;
        }
    }

    /// Every `table.column` whose value, read as text, contains `needle`: every table of the
    /// schema, every column. On SQLite the database files themselves are searched too (freed
    /// pages and the write-ahead log), reported as `file:NAME`.
    pub async fn places_holding(&self, needle: &str) -> Vec<String> {
        sqlx::any::install_default_drivers();
        let pool = sqlx::AnyPool::connect(&self.url).await.expect("a second connection to the test database");
        let columns = rows::columns(&pool, self.postgres.is_some()).await;
        let mut found = Vec::new();
        for (table, column) in &columns {
            let sql = format!("SELECT COUNT(*) FROM \"{table}\" WHERE CAST(\"{column}\" AS TEXT) LIKE $1");
            let count: i64 =
                sqlx::query_scalar(&sql).bind(format!("%{needle}%")).fetch_one(&pool).await.expect("a count");
            if count > 0 {
                found.push(format!("{table}.{column}"));
            }
        }
        pool.close().await;
        if let Some(dir) = &self._dir {
            for entry in std::fs::read_dir(dir.path()).expect("the database folder").flatten() {
                let bytes = std::fs::read(entry.path()).unwrap_or_default();
                if bytes.windows(needle.len()).any(|window| window == needle.as_bytes()) {
                    found.push(format!("file:{}", entry.file_name().to_string_lossy()));
                }
            }
        }
        found
    }

    /// Every row of every table, values as text and rows sorted (to compare two databases).
    pub async fn every_row(&self) -> std::collections::BTreeMap<String, Vec<Vec<Option<String>>>> {
        sqlx::any::install_default_drivers();
        let pool = sqlx::AnyPool::connect(&self.url).await.expect("a second connection to the test database");
        let rows = rows::every_row(&pool, self.postgres.is_some()).await;
        pool.close().await;
        rows
    }

    /// A new empty database on `engine`, migrated.
    pub async fn new(engine: Engine) -> Self {
        Self::create(engine, true).await
    }

    /// A new empty database on `engine` that Trellis has never migrated (no tables at all).
    pub async fn unmigrated(engine: Engine) -> Self {
        Self::create(engine, false).await
    }

    async fn create(engine: Engine, migrated: bool) -> Self {
        match engine {
            Engine::Sqlite => {
                let dir = tempfile::tempdir().expect("a temporary directory");
                let url = format!("sqlite://{}", dir.path().join("trellis.db").display());
                let store = connect(&url, migrated).await;
                Self { store, url, _dir: Some(dir), postgres: None }
            }
            Engine::Postgres => {
                sqlx::any::install_default_drivers();
                let server = postgres_server_url();
                let name = format!("trellis_test_{}", uuid::Uuid::new_v4().simple());
                let mut admin = AnyConnection::connect(&server)
                    .await
                    .unwrap_or_else(|e| panic!("cannot reach PostgreSQL at TRELLIS_TEST_POSTGRES_URL: {e}"));
                admin.execute(format!("CREATE DATABASE {name}").as_str()).await.expect("CREATE DATABASE");
                admin.close().await.ok();
                let url = with_database(&server, &name);
                let store = connect(&url, migrated).await;
                Self { store, url, _dir: None, postgres: Some((server, name)) }
            }
        }
    }

    /// Closes the pool and drops a PostgreSQL database (SQLite files go with their folder).
    pub async fn cleanup(self) {
        self.store.close().await;
        if let Some((server, name)) = self.postgres {
            if let Ok(mut admin) = AnyConnection::connect(&server).await {
                let _ = admin.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str()).await;
                admin.close().await.ok();
            }
        }
    }
}

async fn connect(url: &str, migrated: bool) -> Store {
    let options = StoreOptions { max_connections: 5, sends_mail: true };
    let store = Store::connect(url, &options).await.expect("connect to the test database");
    if migrated {
        store.migrate().await.expect("migrations apply");
    }
    store
}

/// Runs each scenario once on SQLite and once on PostgreSQL, as `scenario::on_sqlite` and
/// `scenario::on_postgres`. The scenario gets a `TestDb` under the name given.
#[macro_export]
macro_rules! both_engines {
    ($(async fn $name:ident($db:ident) $body:block)*) => {
        $(
            mod $name {
                #[allow(unused_imports)]
                use super::*;

                async fn scenario($db: &$crate::TestDb) $body

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn on_sqlite() {
                    let db = $crate::TestDb::new($crate::Engine::Sqlite).await;
                    scenario(&db).await;
                    db.cleanup().await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn on_postgres() {
                    let db = $crate::TestDb::new($crate::Engine::Postgres).await;
                    scenario(&db).await;
                    db.cleanup().await;
                }
            }
        )*
    };
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn database_names_are_swapped_in_any_url_shape() {
        assert_eq!(with_database("postgres://u:p@h:5/postgres", "t1"), "postgres://u:p@h:5/t1");
        assert_eq!(with_database("postgres://u@h", "t1"), "postgres://u@h/t1");
        assert_eq!(with_database("postgres://u@h/db?sslmode=disable", "t1"), "postgres://u@h/t1?sslmode=disable");
    }
}

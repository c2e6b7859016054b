//! Applying a roster import. The plan comes from `trellis_core::roster`; this module loads the
//! roster it is planned against and, when the plan has no errors and this is not a dry run,
//! writes it in one transaction: new people in batches (managers first), changed people one by
//! one, and every manager change into the history.

mod draft;

pub use draft::ImportDraft;

use crate::db::{flag, now_millis, placeholders, Backend, DbResult, Store, DEFAULT_CACHE_PRAGMA};
use crate::handoffs::ask_for_consent;
use crate::people::write::record_manager_change;
use crate::people::{person_from_row, PERSON_COLUMNS};
use trellis_core::ids::PersonId;
use trellis_core::roster::{
    parse_roster, plan_import, ImportPlan, ImportProblem, ParseOptions, PersonRecord, PlannedChange, UnknownManager,
};
use trellis_core::Result;

/// How many rows go into one multi-row INSERT. SQLite finds each `$N` parameter's name by a
/// linear walk, so a statement's binding cost grows with the square of its parameters: small
/// batches there. PostgreSQL pays per round trip instead: large batches there.
fn batch_size(backend: Backend) -> usize {
    match backend {
        Backend::Sqlite => 24,
        Backend::Postgres => 500,
    }
}
/// Imports that change at least this many people refresh the planner's statistics.
const REFRESH_STATISTICS_AFTER: usize = 1000;
/// How many changes an outcome describes one by one (the counts cover all of them).
const LISTED_CHANGES: usize = 200;

/// What to import and how.
#[derive(Clone, Debug, Default)]
pub struct ImportRequest {
    pub bytes: Vec<u8>,
    pub options: ParseOptions,
    pub unknown_manager: UnknownManager,
    pub dry_run: bool,
    /// More than a few people may be renamed (see `ImportPlan::guard_renames`).
    pub confirm_renames: bool,
}

/// One change, described for a person reading a preview.
#[derive(Clone, Debug, serde::Serialize)]
pub struct ChangeSummary {
    pub row: usize,
    pub name: String,
    /// "create" or "update".
    pub action: &'static str,
    pub fields: Vec<&'static str>,
}

/// What an import did (or, for a dry run or a refused import, would do).
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct ImportOutcome {
    /// `(field, header)` pairs: how the file's columns were read.
    pub columns: Vec<(String, String)>,
    /// How the file was read where it was not plain: its encoding, delimiter, the order of
    /// day and month or of names found in it, the columns left out.
    pub reading: Vec<String>,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub manager_changes: usize,
    pub errors: Vec<ImportProblem>,
    pub warnings: Vec<ImportProblem>,
    /// Whether the roster was changed.
    pub applied: bool,
    /// The first changes, for a preview.
    pub changes: Vec<ChangeSummary>,
}

impl ImportOutcome {
    fn from_plan(plan: &ImportPlan, columns: Vec<(String, String)>) -> Self {
        let describe = |c: &PlannedChange, action| ChangeSummary {
            row: c.row,
            name: c.record.name.clone(),
            action,
            fields: c.changed_fields.clone(),
        };
        let mut changes: Vec<ChangeSummary> = plan
            .creates
            .iter()
            .map(|c| describe(c, "create"))
            .chain(plan.updates.iter().map(|c| describe(c, "update")))
            .collect();
        changes.sort_by_key(|c| c.row);
        changes.truncate(LISTED_CHANGES);
        Self {
            columns,
            reading: Vec::new(),
            created: plan.creates.len(),
            updated: plan.updates.len(),
            unchanged: plan.unchanged,
            manager_changes: plan.manager_changes(),
            errors: plan.errors.clone(),
            warnings: plan.warnings.clone(),
            applied: false,
            changes,
        }
    }
}

impl Store {
    /// Checks and (unless a dry run, and only without errors) applies a roster import.
    pub async fn import_roster(
        &self,
        by: Option<&PersonId>,
        request: &ImportRequest,
        source: &str,
    ) -> Result<ImportOutcome> {
        let parsed = match parse_roster(&request.bytes, &request.options) {
            Ok(parsed) => parsed,
            Err(errors) => return Ok(ImportOutcome { errors, ..Default::default() }),
        };
        let columns = parsed.map.describe().into_iter().map(|(f, h)| (f.key().to_string(), h)).collect();
        let existing = self.roster_records().await?;
        let mut plan = plan_import(&parsed, &existing, request.unknown_manager);
        plan.guard_renames(request.confirm_renames, &existing);
        let mut outcome = ImportOutcome::from_plan(&plan, columns);
        outcome.reading = parsed.reading.clone();
        if plan.is_ok() && !request.dry_run {
            self.apply_plan(by, &plan, source).await?;
            outcome.applied = true;
        }
        Ok(outcome)
    }

    /// Every person as a record to plan against.
    async fn roster_records(&self) -> Result<Vec<PersonRecord>> {
        let sql = format!("SELECT {PERSON_COLUMNS} FROM people p");
        let rows = sqlx::query(&sql).fetch_all(&self.pool).await.db()?;
        rows.iter()
            .map(|row| {
                let person = person_from_row(row)?;
                Ok(PersonRecord {
                    start_date: person.start_date.as_deref().and_then(|d| d.parse().ok()),
                    id: person.id,
                    name: person.name,
                    email: person.email,
                    employee_id: person.employee_id,
                    title: person.title,
                    department: person.department,
                    manager_id: person.manager_id,
                    active: person.active,
                })
            })
            .collect()
    }

    async fn apply_plan(&self, by: Option<&PersonId>, plan: &ImportPlan, source: &str) -> Result<()> {
        let mut conn = self.writer.acquire().await.db()?;
        // A large import touches more index pages than SQLite's usual page cache holds; a bigger
        // cache for this one transaction keeps it from spilling pages to the log mid-way.
        let sqlite = self.backend() == Backend::Sqlite;
        if sqlite {
            sqlx::query("PRAGMA cache_size = -262144").execute(&mut *conn).await.db()?;
        }
        let applied = self.apply_plan_on(&mut conn, by, plan, source).await;
        if sqlite {
            sqlx::query(DEFAULT_CACHE_PRAGMA).execute(&mut *conn).await.db()?;
        }
        applied?;
        if plan.creates.len() + plan.updates.len() >= REFRESH_STATISTICS_AFTER {
            self.refresh_statistics(&mut conn).await?;
        }
        Ok(())
    }

    /// After a large import PostgreSQL's planner statistics are stale (or, on a new database,
    /// absent), and it may then scan whole tables instead of using their indexes. SQLite is
    /// left without statistics on purpose: with them, its planner builds a Bloom filter over
    /// the whole people table at each step of the recursive manager-chain query.
    async fn refresh_statistics(&self, conn: &mut sqlx::AnyConnection) -> Result<()> {
        let statements: &[&str] = match self.backend() {
            Backend::Postgres => &["ANALYZE people", "ANALYZE manager_changes"],
            Backend::Sqlite => &[],
        };
        for statement in statements {
            sqlx::query(statement).execute(&mut *conn).await.db()?;
        }
        Ok(())
    }

    async fn apply_plan_on(
        &self,
        conn: &mut sqlx::AnyConnection,
        by: Option<&PersonId>,
        plan: &ImportPlan,
        source: &str,
    ) -> Result<()> {
        use sqlx::Connection;
        let now = now_millis();
        let mut tx = conn.begin_with(self.backend().begin_write_statement()).await.db()?;
        for batch in plan.creates.chunks(batch_size(self.backend())) {
            const COLUMNS: usize = 11;
            let rows: Vec<String> =
                (0..batch.len()).map(|i| format!("({}, $1, $1)", placeholders(i * COLUMNS + 2, COLUMNS))).collect();
            let sql = format!(
                "INSERT INTO people ({RECORD_COLUMNS}, id, is_admin, created_at, updated_at) VALUES {}",
                rows.join(", ")
            );
            let mut query = sqlx::query(&sql).bind(now);
            for change in batch {
                query = bind_record(query, &change.record).bind(change.record.id.to_string()).bind(0_i64);
            }
            query.execute(&mut *tx).await.db()?;
            insert_history(&mut tx, batch, by, source, now).await?;
        }
        for change in &plan.updates {
            let r = &change.record;
            let query = sqlx::query(
                "UPDATE people SET name = $1, email = $2, email_key = $3, employee_id = $4, title = $5, \
                 department = $6, manager_id = $7, start_date = $8, active = $9, updated_at = $10 WHERE id = $11",
            );
            bind_record(query, r).bind(now).bind(r.id.as_str()).execute(&mut *tx).await.db()?;
            if let Some(previous) = &change.manager_change {
                record_manager_change(&mut tx, &r.id, previous.as_ref(), r.manager_id.as_ref(), by, source, now)
                    .await?;
                if self.sends_mail {
                    ask_for_consent(&mut tx, &r.id, r.manager_id.as_ref()).await?;
                }
            }
            if !r.active {
                sqlx::query("DELETE FROM sessions WHERE person_id = $1")
                    .bind(r.id.as_str())
                    .execute(&mut *tx)
                    .await
                    .db()?;
            }
        }
        tx.commit().await.db()
    }
}

/// The columns `bind_record` fills, in its order.
const RECORD_COLUMNS: &str = "name, email, email_key, employee_id, title, department, manager_id, start_date, active";

type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

/// Binds a record's roster fields in the order of `RECORD_COLUMNS`.
fn bind_record<'q>(query: AnyQuery<'q>, r: &PersonRecord) -> AnyQuery<'q> {
    query
        .bind(r.name.clone())
        .bind(r.email.clone())
        .bind(r.email.as_ref().map(|e| e.to_lowercase()))
        .bind(r.employee_id.clone())
        .bind(r.title.clone())
        .bind(r.department.clone())
        .bind(r.manager_id.as_ref().map(ToString::to_string))
        .bind(r.start_date.map(|d| d.to_string()))
        .bind(flag(r.active))
}

/// Records the first manager of each new person in the history, in one statement per batch.
async fn insert_history(
    conn: &mut sqlx::AnyConnection,
    batch: &[PlannedChange],
    by: Option<&PersonId>,
    source: &str,
    now: i64,
) -> Result<()> {
    let with_manager: Vec<&PlannedChange> = batch.iter().filter(|c| c.record.manager_id.is_some()).collect();
    if with_manager.is_empty() {
        return Ok(());
    }
    let rows: Vec<String> =
        (0..with_manager.len()).map(|i| format!("({}, $1, $2, $3)", placeholders(i * 3 + 4, 3))).collect();
    let sql = format!(
        "INSERT INTO manager_changes (id, person_id, manager_id, changed_at, changed_by, source) VALUES {}",
        rows.join(", ")
    );
    let mut query = sqlx::query(&sql).bind(now).bind(by.map(ToString::to_string)).bind(source);
    for change in with_manager {
        query = query
            .bind(PersonId::generate().to_string())
            .bind(change.record.id.as_str())
            .bind(change.record.manager_id.as_ref().map(ToString::to_string));
    }
    query.execute(conn).await.db()?;
    Ok(())
}

//! For the demo organisation only: move a person's arrival and plan into the past, so that a
//! newcomer sees what Trellis says about a plan nobody has looked at for months. Nothing a user
//! does reaches this; `trellis demo` calls it once while it builds the demo.

use crate::db::{DbResult, Store};
use trellis_core::ids::PersonId;
use trellis_core::Result;

impl Store {
    /// Moves `person`'s arrival (when they were added, and joined their manager) and every
    /// moment of their plan items and their history `days` into the past.
    pub async fn backdate_plan_for_demo(&self, person: &PersonId, days: i64) -> Result<()> {
        let ms = days * 86_400_000;
        let mut tx = self.begin_write().await?;
        for statement in [
            "UPDATE people SET created_at = created_at - $1 WHERE id = $2",
            "UPDATE manager_changes SET changed_at = changed_at - $1 WHERE person_id = $2",
            "UPDATE handoffs SET since = since - $1 WHERE person_id = $2",
            "UPDATE artefacts SET created_at = created_at - $1, updated_at = updated_at - $1 WHERE person_id = $2",
            "UPDATE artefact_log SET created_at = created_at - $1 \
             WHERE artefact_id IN (SELECT id FROM artefacts WHERE person_id = $2)",
        ] {
            sqlx::query(statement).bind(ms).bind(person.as_str()).execute(&mut *tx).await.db()?;
        }
        tx.commit().await.db()
    }
}

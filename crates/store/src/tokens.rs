//! Personal API tokens. The secret is shown once at creation; only its hash is kept, with a
//! short prefix so a person can tell their tokens apart. Revoked tokens stop working at once.

use crate::db::{now_millis, DbResult, Store};
use crate::people::{person_from_row, PERSON_COLUMNS};
use crate::secrets::{hash_secret, new_secret};
use sqlx::any::AnyRow;
use sqlx::Row;
use trellis_core::ids::{PersonId, TokenId};
use trellis_core::person::{parse_line, Person};
use trellis_core::{Error, Result};

/// What every token starts with, so leaked tokens are easy to recognise.
const TOKEN_PREFIX: &str = "trellis_";

/// A token as listed (never with its secret).
#[derive(Clone, Debug, serde::Serialize)]
pub struct ApiToken {
    pub id: TokenId,
    pub name: String,
    /// The first characters of the secret.
    pub prefix: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

pub(crate) fn token_from_row(row: &AnyRow) -> Result<ApiToken> {
    Ok(ApiToken {
        id: TokenId::from_stored(row.try_get("id").db()?),
        name: row.try_get("name").db()?,
        prefix: row.try_get("prefix").db()?,
        created_at: row.try_get("created_at").db()?,
        last_used_at: row.try_get("last_used_at").db()?,
        revoked_at: row.try_get("revoked_at").db()?,
    })
}

/// A new token: its id, its checked name (`default_name` when left empty), its secret
/// starting with `kind_prefix`, and the first characters shown in lists.
pub(crate) struct NewToken {
    pub id: TokenId,
    pub name: String,
    pub secret: String,
    pub shown: String,
}

impl NewToken {
    pub(crate) fn mint(name: &str, default_name: &str, kind_prefix: &str) -> Result<Self> {
        let name = parse_line(name).map_err(|m| Error::invalid("name", m))?;
        let name = if name.is_empty() { default_name.to_string() } else { name };
        let secret = format!("{kind_prefix}{}", new_secret());
        let shown = secret.chars().take(kind_prefix.len() + 6).collect();
        Ok(Self { id: TokenId::generate(), name, secret, shown })
    }
}

/// Records that the token `id` of `table` was used, at most once a minute.
pub(crate) async fn note_use(store: &Store, table: &str, id: &str, last_used: Option<i64>) -> Result<()> {
    let now = now_millis();
    if last_used.is_none_or(|at| now - at > 60_000) {
        sqlx::query(&format!("UPDATE {table} SET last_used_at = $1 WHERE id = $2"))
            .bind(now)
            .bind(id)
            .execute(&store.writer)
            .await
            .db()?;
    }
    Ok(())
}

impl Store {
    /// Creates a token for `person` and returns it with its secret (shown once).
    pub async fn create_token(&self, person: &PersonId, name: &str) -> Result<(ApiToken, String)> {
        let token = NewToken::mint(name, "API token", TOKEN_PREFIX)?;
        sqlx::query(
            "INSERT INTO api_tokens (id, person_id, name, token_hash, prefix, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(token.id.as_str())
        .bind(person.as_str())
        .bind(&token.name)
        .bind(hash_secret(&token.secret))
        .bind(&token.shown)
        .bind(now_millis())
        .execute(&self.writer)
        .await
        .db()?;
        let listed = self.list_tokens(person).await?.into_iter().find(|t| t.id == token.id);
        Ok((listed.ok_or_else(|| Error::internal("token vanished after insert"))?, token.secret))
    }

    /// The person's tokens, newest first, revoked ones included.
    pub async fn list_tokens(&self, person: &PersonId) -> Result<Vec<ApiToken>> {
        let rows = sqlx::query(
            "SELECT id, name, prefix, created_at, last_used_at, revoked_at FROM api_tokens \
             WHERE person_id = $1 ORDER BY created_at DESC, id",
        )
        .bind(person.as_str())
        .fetch_all(&self.pool)
        .await
        .db()?;
        rows.iter().map(token_from_row).collect()
    }

    /// Revokes one of the person's own tokens.
    pub async fn revoke_token(&self, person: &PersonId, id: &TokenId) -> Result<()> {
        let done = sqlx::query(
            "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND person_id = $3 AND revoked_at IS NULL",
        )
        .bind(now_millis())
        .bind(id.as_str())
        .bind(person.as_str())
        .execute(&self.writer)
        .await
        .db()?;
        if done.rows_affected() == 0 {
            return Err(Error::NotFound("no such active token".into()));
        }
        Ok(())
    }

    /// The active person a token secret belongs to, if it is valid and not revoked.
    pub async fn person_for_token(&self, secret: &str) -> Result<Option<Person>> {
        if !secret.starts_with(TOKEN_PREFIX) {
            return Ok(None);
        }
        let sql = format!(
            "SELECT {PERSON_COLUMNS}, t.id AS token_id, t.last_used_at AS token_used FROM api_tokens t \
             JOIN people p ON p.id = t.person_id WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND p.active = 1"
        );
        let Some(row) = sqlx::query(&sql).bind(hash_secret(secret)).fetch_optional(&self.pool).await.db()? else {
            return Ok(None);
        };
        let id: String = row.try_get("token_id").db()?;
        note_use(self, "api_tokens", &id, row.try_get("token_used").db()?).await?;
        Ok(Some(person_from_row(&row)?))
    }
}

//! How busy the database connection pools are, for an operator's figures.

use crate::db::{Backend, Store};
use sqlx::AnyPool;

/// One connection pool at a glance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolUse {
    pub name: &'static str,
    /// Connections open, idle or in use.
    pub open: i64,
    pub idle: i64,
    /// The most the pool opens.
    pub max: i64,
}

impl PoolUse {
    /// Connections in use by a query now.
    pub fn in_use(&self) -> i64 {
        (self.open - self.idle).max(0)
    }
}

impl Store {
    /// How the connection pools are used right now (for `/metrics`): on SQLite the readers'
    /// pool and the single writer; on PostgreSQL one pool.
    pub fn pool_use(&self) -> Vec<PoolUse> {
        let of = |name, pool: &AnyPool| PoolUse {
            name,
            open: i64::from(pool.size()),
            idle: i64::try_from(pool.num_idle()).unwrap_or(i64::MAX),
            max: i64::from(pool.options().get_max_connections()),
        };
        match self.backend() {
            Backend::Sqlite => vec![of("read", &self.pool), of("write", &self.writer)],
            Backend::Postgres => vec![of("shared", &self.pool)],
        }
    }
}

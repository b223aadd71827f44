//! [`PgStore`]: the store on PostgreSQL.

use std::time::Duration;

use sqlx::postgres::PgPoolOptions;
use sqlx::PgPool;

use crate::error::open_err;
use crate::sql::*;
use crate::{redact, Result};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

const MAX_CONNECTIONS: u32 = 16;

/// The store on PostgreSQL (`postgres://…`, `postgresql://…`).
#[derive(Debug, Clone)]
pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    /// Connects to `url` and applies pending migrations.
    pub async fn connect(url: &str) -> Result<Self> {
        let pool = PgPoolOptions::new()
            .max_connections(MAX_CONNECTIONS)
            .acquire_timeout(Duration::from_secs(10))
            .connect(url)
            .await
            .map_err(open_err(format!("connecting to {}", redact(url))))?;
        Self::from_pool(pool).await
    }

    /// Wraps an existing pool, applying pending migrations.
    pub async fn from_pool(pool: PgPool) -> Result<Self> {
        MIGRATOR
            .run(&pool)
            .await
            .map_err(open_err("migrating the PostgreSQL database"))?;
        Ok(PgStore { pool })
    }

    /// The underlying pool (for diagnostics and tests).
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }
}

impl_store!(PgStore, sqlx::Postgres, "postgres", "BEGIN");

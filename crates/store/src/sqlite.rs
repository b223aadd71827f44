//! [`SqliteStore`]: the embedded default, one file in WAL mode.

use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;

use crate::error::open_err;
use crate::sql::*;
use crate::{redact, Result};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

/// Connections for a file database; writes are serialized by SQLite anyway.
const MAX_CONNECTIONS: u32 = 8;

/// The store on SQLite (`sqlite:PATH`, `sqlite://PATH`, `sqlite::memory:`).
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating it and its folder if missing) the database at `url`
    /// and applies pending migrations. The file is set to WAL journaling,
    /// `synchronous = NORMAL`, foreign keys on and a 5 s busy timeout. An
    /// in-memory database gets one connection that is never recycled, so its
    /// data lives as long as the store.
    pub async fn connect(url: &str) -> Result<Self> {
        let bad = |e: sqlx::Error| open_err(format!("opening {}", redact(url)))(e);
        let in_memory = is_memory(url);
        let mut options = SqliteConnectOptions::from_str(url)
            .map_err(bad)?
            .create_if_missing(true)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5))
            .synchronous(SqliteSynchronous::Normal);
        let pool = if in_memory {
            options = options.journal_mode(SqliteJournalMode::Memory);
            SqlitePoolOptions::new()
                .min_connections(1)
                .max_connections(1)
                .idle_timeout(None)
                .max_lifetime(None)
                .connect_with(options)
                .await
                .map_err(bad)?
        } else {
            options = options.journal_mode(SqliteJournalMode::Wal);
            if let Some(dir) = options.get_filename().parent() {
                if !dir.as_os_str().is_empty() {
                    std::fs::create_dir_all(dir)
                        .map_err(open_err(format!("creating {}", dir.display())))?;
                }
            }
            SqlitePoolOptions::new()
                .max_connections(MAX_CONNECTIONS)
                .connect_with(options)
                .await
                .map_err(bad)?
        };
        Self::from_pool(pool).await
    }

    /// Wraps an existing pool, applying pending migrations. The pool's
    /// connections should have foreign keys on (sqlx's default).
    pub async fn from_pool(pool: SqlitePool) -> Result<Self> {
        MIGRATOR
            .run(&pool)
            .await
            .map_err(open_err("migrating the SQLite database"))?;
        Ok(SqliteStore { pool })
    }

    /// The underlying pool (for diagnostics and tests).
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}

fn is_memory(url: &str) -> bool {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    path.ends_with(":memory:") || query.split('&').any(|kv| kv == "mode=memory")
}

impl_store!(SqliteStore, sqlx::Sqlite, "sqlite", "BEGIN IMMEDIATE");

//! Fresh databases for tests (feature `test-support`), shared by this
//! crate's tests and the web crate's HTTP tests.
//!
//! - [`fresh_sqlite`]: a new file under the temp dir;
//! - [`fresh_postgres`]: a new, uniquely named database on the server
//!   `ANTENNA_TEST_PG_URL` names (`CREATE DATABASE`); `None` when the
//!   variable is unset or empty, a panic instead when `ANTENNA_REQUIRE_PG=1`.
//!
//! Either is removed by [`TestDb::cleanup`] or, failing that, when the
//! [`TestDb`] is dropped. Close every store opened on it first (PostgreSQL
//! databases are dropped `WITH (FORCE)` anyway).

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use sqlx::{Connection, Executor};

use crate::redact;

/// The variable naming the PostgreSQL server for tests (a superuser URL).
pub const PG_URL_VAR: &str = "ANTENNA_TEST_PG_URL";
/// Set to `1` to make a missing [`PG_URL_VAR`] a failure instead of a skip.
pub const REQUIRE_PG_VAR: &str = "ANTENNA_REQUIRE_PG";

/// A database that exists for one test.
#[derive(Debug)]
pub struct TestDb {
    url: String,
    cleanup: Option<Cleanup>,
}

#[derive(Debug)]
enum Cleanup {
    File(PathBuf),
    Postgres { admin_url: String, name: String },
}

impl TestDb {
    /// The URL to give [`crate::open`].
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Removes the database (the file with its `-wal`/`-shm`/`-journal`
    /// companions, or the PostgreSQL database). Panics when PostgreSQL
    /// refuses.
    pub async fn cleanup(mut self) {
        if let Some(c) = self.cleanup.take() {
            c.run().await;
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some(c) = self.cleanup.take() else {
            return;
        };
        // Drop may run inside a runtime, which cannot be blocked on: the
        // cleanup gets a thread and a runtime of its own.
        let done = std::thread::spawn(move || {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime for the test database cleanup")
                .block_on(c.run())
        })
        .join();
        if done.is_err() && !std::thread::panicking() {
            panic!("removing the test database failed");
        }
    }
}

impl Cleanup {
    async fn run(self) {
        match self {
            Cleanup::File(path) => {
                for suffix in ["", "-wal", "-shm", "-journal"] {
                    let mut p = path.clone().into_os_string();
                    p.push(suffix);
                    let _ = std::fs::remove_file(PathBuf::from(p));
                }
            }
            Cleanup::Postgres { admin_url, name } => {
                execute(
                    &admin_url,
                    &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
                )
                .await
            }
        }
    }
}

/// `prefix` made unique within the machine: process id, clock, counter.
/// Only `[a-z0-9_]` when `prefix` is, so it can name a database unquoted.
pub fn unique_name(prefix: &str) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_nanos();
    format!(
        "{prefix}_{}_{}_{}",
        std::process::id(),
        nanos % 1_000_000_000_000,
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// A new SQLite file under the temp dir (created when first opened).
pub fn fresh_sqlite() -> TestDb {
    let path = std::env::temp_dir().join(format!("{}.db", unique_name("antenna-test")));
    TestDb {
        url: format!("sqlite:{}", path.display()),
        cleanup: Some(Cleanup::File(path)),
    }
}

/// The server for PostgreSQL tests: [`PG_URL_VAR`], or `None` when it is
/// unset or empty. Panics in that case when [`REQUIRE_PG_VAR`] is `1`.
pub fn postgres_server() -> Option<String> {
    match std::env::var(PG_URL_VAR) {
        Ok(url) if !url.trim().is_empty() => Some(url.trim().to_string()),
        _ if std::env::var(REQUIRE_PG_VAR).as_deref() == Ok("1") => panic!(
            "{REQUIRE_PG_VAR}=1 but {PG_URL_VAR} is not set (start a server with scripts/pg.sh)"
        ),
        _ => None,
    }
}

/// A new, empty database on the [`postgres_server`] (`None` without one).
/// Panics when the server cannot be reached or refuses.
pub async fn fresh_postgres() -> Option<TestDb> {
    let admin_url = postgres_server()?;
    let name = unique_name("antenna_test");
    execute(&admin_url, &format!("CREATE DATABASE {name}")).await;
    Some(TestDb {
        url: with_database(&admin_url, &name),
        cleanup: Some(Cleanup::Postgres { admin_url, name }),
    })
}

async fn execute(url: &str, sql: &str) {
    let mut conn = sqlx::PgConnection::connect(url)
        .await
        .unwrap_or_else(|e| panic!("connecting to {}: {e}", redact(url)));
    conn.execute(sql)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    let _ = conn.close().await;
}

/// `url` with its database (path) replaced by `db`, the query kept.
pub fn with_database(url: &str, db: &str) -> String {
    let (main, query) = match url.split_once('?') {
        Some((m, q)) => (m, format!("?{q}")),
        None => (url, String::new()),
    };
    let authority_start = main.find("://").map_or(0, |i| i + 3);
    let path_start = main[authority_start..]
        .find('/')
        .map_or(main.len(), |i| i + authority_start);
    format!("{}/{db}{query}", &main[..path_start])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn with_database_rewrites_the_path() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/postgres", "t1"),
            "postgres://postgres@127.0.0.1:5432/t1"
        );
        assert_eq!(
            with_database("postgres://u:p@h/db?sslmode=disable", "t1"),
            "postgres://u:p@h/t1?sslmode=disable"
        );
        assert_eq!(
            with_database("postgresql://h:1", "t1"),
            "postgresql://h:1/t1"
        );
    }

    #[test]
    fn names_are_unique_and_plain() {
        let a = unique_name("antenna_test");
        let b = unique_name("antenna_test");
        assert_ne!(a, b);
        assert!(a
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'));
    }

    #[test]
    fn a_dropped_sqlite_db_leaves_no_file() {
        let db = fresh_sqlite();
        let path = db.url().trim_start_matches("sqlite:").to_string();
        std::fs::write(&path, b"x").unwrap();
        std::fs::write(format!("{path}-wal"), b"x").unwrap();
        drop(db);
        assert!(!std::path::Path::new(&path).exists());
        assert!(!std::path::Path::new(&format!("{path}-wal")).exists());
    }

    async fn database_exists(name: &str) -> bool {
        let admin = postgres_server().unwrap();
        let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap();
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM pg_database WHERE datname = $1")
            .bind(name)
            .fetch_one(&mut conn)
            .await
            .unwrap();
        n == 1
    }

    #[tokio::test]
    async fn postgres_dbs_go_on_cleanup_and_on_drop() {
        let Some(db) = fresh_postgres().await else {
            eprintln!("skipped: {PG_URL_VAR} is not set");
            return;
        };
        let name = db.url().rsplit('/').next().unwrap().to_string();
        assert!(database_exists(&name).await, "{name} was created");
        db.cleanup().await;
        assert!(!database_exists(&name).await, "{name} was dropped");

        let db = fresh_postgres().await.unwrap();
        let name = db.url().rsplit('/').next().unwrap().to_string();
        assert!(database_exists(&name).await);
        drop(db);
        assert!(!database_exists(&name).await, "{name} was dropped on drop");
    }
}

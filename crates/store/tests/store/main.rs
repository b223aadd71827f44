//! One suite of store tests, run against every backend:
//! - `sqlite_file::*`: a fresh file under the temp dir per test;
//! - `sqlite_memory::*`: `sqlite::memory:`;
//! - `postgres::*`: a fresh database per test on the server
//!   `ANTENNA_TEST_PG_URL` names, dropped afterwards. Without that variable
//!   these tests are skipped, unless `ANTENNA_REQUIRE_PG=1`, when they fail.
//!
//! The databases come from `antenna_store::testing` (feature `test-support`),
//! which the web crate's HTTP tests use too. `scripts/pg.sh` starts a
//! throwaway PostgreSQL: `eval "$(scripts/pg.sh)"; cargo test -p
//! antenna-store; scripts/pg.sh stop`.

use std::future::Future;
use std::sync::Arc;

use antenna_store::testing::{fresh_postgres, fresh_sqlite, unique_name, TestDb};
use antenna_store::*;

/// What a test case gets: the store and the URL it was opened with.
pub struct Env {
    pub store: Arc<dyn Store>,
    pub url: String,
    /// "sqlite_file", "sqlite_memory" or "postgres".
    pub label: &'static str,
}

#[derive(Clone, Copy)]
enum Backend {
    SqliteFile,
    SqliteMemory,
    Postgres,
}

/// Runs `case` against a fresh store of `backend`, cleans up, then re-raises
/// the case's panic if it had one.
async fn run<F, Fut>(backend: Backend, case: F)
where
    F: FnOnce(Env) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let (db, label): (Option<TestDb>, _) = match backend {
        Backend::SqliteFile => (Some(fresh_sqlite()), "sqlite_file"),
        Backend::SqliteMemory => (None, "sqlite_memory"),
        Backend::Postgres => match fresh_postgres().await {
            Some(db) => (Some(db), "postgres"),
            None => {
                eprintln!("skipped: ANTENNA_TEST_PG_URL is not set");
                return;
            }
        },
    };
    let url = db
        .as_ref()
        .map_or("sqlite::memory:", |d| d.url())
        .to_string();
    let store = open(&url)
        .await
        .unwrap_or_else(|e| panic!("opening {}: {e}", redact(&url)));
    let expected = if label == "postgres" {
        "postgres"
    } else {
        "sqlite"
    };
    assert_eq!(store.backend(), expected);
    let result = tokio::spawn(case(Env {
        store: store.clone(),
        url,
        label,
    }))
    .await;
    store.close().await;
    if let Some(db) = db {
        db.cleanup().await;
    }
    reraise(result);
}

fn reraise(result: std::result::Result<(), tokio::task::JoinError>) {
    if let Err(e) = result {
        if e.is_panic() {
            std::panic::resume_unwind(e.into_panic());
        }
        panic!("test task failed: {e}");
    }
}

/// Declares each case once per backend.
macro_rules! suite {
    ($($case:ident),* $(,)?) => {
        mod sqlite_file {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    crate::run(crate::Backend::SqliteFile, crate::cases::$case).await
                }
            )*
        }
        mod sqlite_memory {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    crate::run(crate::Backend::SqliteMemory, crate::cases::$case).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    crate::run(crate::Backend::Postgres, crate::cases::$case).await
                }
            )*
        }
    };
}

suite!(
    community,
    create_member_and_defaults,
    email_is_case_insensitive,
    update_member,
    password_status_role,
    login_failures,
    import_members,
    import_rolls_back_on_duplicate_in_batch,
    import_rolls_back_on_existing_email,
    import_10000_members,
    profiles,
    circles,
    invitations,
    sessions,
    api_tokens,
    asks_and_revisions,
    ask_status_and_expiry,
    asks_filter,
    intents_upsert,
    delete_member_cascades,
    concurrent_writes,
    reopen_keeps_data,
    setup_community_once,
    setup_community_concurrently,
    setup_community_rolls_back,
    revoke_invitations,
    issue_invitation_revokes_earlier_links,
    use_invitation,
    use_reset_link,
    use_invitation_refusals,
    use_invitation_concurrently,
    delete_api_tokens_of,
    set_password_and_end_sessions,
    save_member_profile,
    closed_store_errors,
    typed_values_are_stored_as_text,
);

/// Expects `Err(pattern)`.
macro_rules! assert_err {
    ($e:expr, $p:pat) => {
        match $e {
            Err($p) => {}
            other => panic!("expected Err({}), got {:?}", stringify!($p), other),
        }
    };
}
mod cases;

// --- backend-specific checks

#[tokio::test]
async fn open_rejects_unknown_schemes() {
    for url in ["mysql://u:hunter2@db/antenna", "antenna.db", ""] {
        match open(url).await {
            Err(e @ StoreError::UnsupportedUrl(_)) => {
                let msg = e.to_string();
                assert!(msg.contains("unsupported database URL"), "{msg}");
                assert!(!msg.contains("hunter2"), "password leaked: {msg}");
            }
            Err(e) => panic!("{url}: unexpected error {e}"),
            Ok(_) => panic!("{url}: opened"),
        }
    }
}

#[tokio::test]
async fn open_reports_unreachable_postgres_without_password() {
    // Port 9 (discard) is closed on test machines: the connection is refused.
    let url = "postgres://u:hunter2@127.0.0.1:9/antenna?connect_timeout=2";
    match open(url).await {
        Err(e @ StoreError::Open { .. }) => {
            let msg = e.to_string();
            assert!(msg.contains("127.0.0.1:9"), "{msg}");
            assert!(!msg.contains("hunter2"), "password leaked: {msg}");
            let source = std::error::Error::source(&e).expect("the driver's error is kept");
            assert!(source.downcast_ref::<sqlx::Error>().is_some(), "{source:?}");
        }
        Err(e) => panic!("unexpected error {e}"),
        Ok(_) => panic!("connected to port 9"),
    }
}

#[tokio::test]
async fn sqlite_file_settings() {
    let dir = std::env::temp_dir().join(unique_name("antenna-store-test-dir"));
    let path = dir.join("nested").join("antenna.db");
    // `sqlite://` with an absolute path; the missing folders are created.
    let store = SqliteStore::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    assert!(path.exists());
    let pool = store.pool();
    let journal: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(pool)
        .await
        .unwrap();
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(pool)
        .await
        .unwrap();
    let busy: i64 = sqlx::query_scalar("PRAGMA busy_timeout")
        .fetch_one(pool)
        .await
        .unwrap();
    let sync: i64 = sqlx::query_scalar("PRAGMA synchronous")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!((journal.as_str(), fk, busy, sync), ("wal", 1, 5000, 1));
    let tables: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .fetch_all(pool)
            .await
            .unwrap();
    assert_eq!(
        tables,
        [
            "_sqlx_migrations",
            "api_tokens",
            "ask_revisions",
            "asks",
            "circles",
            "community",
            "intents",
            "invitations",
            "members",
            "profiles",
            "sessions"
        ]
    );
    let indexes: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for want in ["asks_status_updated", "asks_member", "intents_member"] {
        assert!(
            indexes.iter().any(|i| i == want),
            "missing index {want}: {indexes:?}"
        );
    }
    store.close().await;
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn sqlite_memory_stores_are_separate() {
    let a = open("sqlite::memory:").await.unwrap();
    let b = open("sqlite::memory:").await.unwrap();
    a.create_member(
        &NewMember {
            email: "x@example.com".into(),
            ..Default::default()
        },
        1,
    )
    .await
    .unwrap();
    assert_eq!(a.count_members().await.unwrap(), 1);
    assert_eq!(b.count_members().await.unwrap(), 0);
}

#[tokio::test]
async fn corrupt_rows_are_reported() {
    let db = fresh_sqlite();
    let store = SqliteStore::connect(db.url()).await.unwrap();
    let m = store
        .create_member(
            &NewMember {
                email: "x@example.com".into(),
                ..Default::default()
            },
            1,
        )
        .await
        .unwrap();
    // Past the CHECK constraint, as manual tampering could be.
    let mut conn = store.pool().acquire().await.unwrap();
    sqlx::query("PRAGMA ignore_check_constraints = ON")
        .execute(&mut *conn)
        .await
        .unwrap();
    sqlx::query("UPDATE members SET role = 'owner' WHERE id = $1")
        .bind(m.id)
        .execute(&mut *conn)
        .await
        .unwrap();
    drop(conn);
    match store.member(m.id).await {
        Err(StoreError::Corrupt(msg)) => assert!(msg.contains("owner"), "{msg}"),
        other => panic!("expected a corrupt record, got {other:?}"),
    }
    assert!(matches!(store.members().await, Err(StoreError::Corrupt(_))));
    store.close().await;
    db.cleanup().await;
}

/// Rows written before `0002_security` are invitations, pending, and keep
/// working through the new methods.
async fn links_survive_migration_0002<DB>(
    pool: sqlx::Pool<DB>,
    migrations: sqlx::migrate::Migrator,
    finish: impl std::future::Future<Output = Arc<dyn Store>>,
) where
    DB: sqlx::Database,
    <DB as sqlx::Database>::Connection: sqlx::migrate::Migrate,
    for<'c> &'c mut <DB as sqlx::Database>::Connection: sqlx::Executor<'c, Database = DB>,
    for<'q> <DB as sqlx::Database>::Arguments<'q>: sqlx::IntoArguments<'q, DB>,
{
    let mut first = migrations;
    first.migrations = first.migrations[..1].to_vec().into();
    first.run(&pool).await.unwrap();
    let mut conn = pool.acquire().await.unwrap();
    for sql in [
        "INSERT INTO members (email, role, status, family_name, given_name, family_kana, \
         given_kana, company, title, industry, offer, lang, created_at) \
         VALUES ('old@example.com', 'member', 'invited', '山田', '太郎', '', '', '', '', '', '', 'ja', 1)",
        "INSERT INTO invitations (email, family_name, given_name, role, token_hash, member_id, \
         created_at, expires_at) VALUES ('old@example.com', '山田', '太郎', 'member', 'old-link', \
         (SELECT id FROM members), 1, 4102444800)",
    ] {
        sqlx::query(sql).execute(&mut *conn).await.unwrap();
    }
    drop(conn);
    pool.close().await;
    let store = finish.await;
    let old = store
        .invitation_by_token_hash("old-link")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (old.kind, old.revoked_at, old.accepted_at),
        (InvitationKind::Invitation, None, None)
    );
    let names = MemberUpdate {
        family_name: "山田".into(),
        given_name: "太郎".into(),
        lang: Some(antenna_ask::Lang::Ja),
        ..Default::default()
    };
    let m = store
        .use_invitation(old.id, &names, "hash", 2)
        .await
        .unwrap();
    assert_eq!(m.status, MemberStatus::Active);
    store.close().await;
}

#[tokio::test]
async fn sqlite_links_survive_migration_0002() {
    let db = fresh_sqlite();
    let url = db.url().to_string();
    let pool = sqlx::SqlitePool::connect(&format!("{url}?mode=rwc"))
        .await
        .unwrap();
    links_survive_migration_0002(pool, sqlx::migrate!("./migrations/sqlite"), async {
        open(&url).await.unwrap()
    })
    .await;
    db.cleanup().await;
}

#[tokio::test]
async fn postgres_links_survive_migration_0002() {
    let Some(db) = fresh_postgres().await else {
        eprintln!("skipped: ANTENNA_TEST_PG_URL is not set");
        return;
    };
    let url = db.url().to_string();
    let pool = sqlx::PgPool::connect(&url).await.unwrap();
    links_survive_migration_0002(pool, sqlx::migrate!("./migrations/postgres"), async {
        open(&url).await.unwrap()
    })
    .await;
    db.cleanup().await;
}

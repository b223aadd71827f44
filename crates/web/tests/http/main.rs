//! HTTP integration tests of the whole app: the real router served on
//! 127.0.0.1:0, a fresh store per test, users made through the real flows.
//! Every case runs twice: `sqlite::…` (a temp file) and `postgres::…` (a
//! fresh database on `ANTENNA_TEST_PG_URL`; skipped when unset, a failure
//! when `ANTENNA_REQUIRE_PG=1`).
//!
//! `cargo test -p antenna-web --test http`

/// Declares each case once per backend: `module::sqlite::case` and
/// `module::postgres::case`. Attributes (`#[ignore = "…"]`) are copied.
macro_rules! backends {
    ($($(#[$attr:meta])* $case:ident),* $(,)?) => {
        mod sqlite {
            $(
                $(#[$attr])*
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    crate::support::run(crate::support::Backend::Sqlite, super::$case).await
                }
            )*
        }
        mod postgres {
            $(
                $(#[$attr])*
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    crate::support::run(crate::support::Backend::Postgres, super::$case).await
                }
            )*
        }
    };
}

mod support;

mod access;
mod accounts;
mod asks;
mod bad_input;
mod coach;
mod csrf;
mod csv;
mod lang;
mod openapi;
mod profile_form;
mod routes;
mod security;

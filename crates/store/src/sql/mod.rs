//! The SQL both backends run, and the [`impl_store!`] macro that expands it
//! once per pool type. Every query uses `$1, $2, …` placeholders, which
//! SQLite and PostgreSQL both accept, and `RETURNING`, which both support.
//! Rows decode straight into the model types (`sqlx::FromRow`).
//!
//! `impl Store` has to be one block (for `async_trait`), so its methods are
//! gathered by a chain of macros, one per topic file: each takes the items
//! collected so far, adds its own (and emits its inherent helpers beside
//! them), and hands everything on to the next; the last one wraps it all in
//! `#[async_trait] impl Store`. The order is community → members →
//! profiles → links → access → asks.

mod access;
mod asks;
mod community;
mod links;
mod members;
mod profiles;

pub(crate) use access::{access_methods, token_cols};
pub(crate) use asks::{ask_cols, ask_methods, asks_paging, asks_sql, intent_cols, revision_cols};
pub(crate) use community::community_methods;
pub(crate) use links::{invitation_cols, links_methods};
pub(crate) use members::{member_cols, member_methods};
pub(crate) use profiles::{circle_cols, profile_methods};

pub(crate) use antenna_ask::Lang;
pub(crate) use time::Date;

pub(crate) use crate::column::Text;
pub(crate) use crate::error::db_err;
pub(crate) use crate::model::*;
pub(crate) use crate::{Result, StoreError};

/// Emails are compared case-insensitively: stored trimmed and lower-cased.
pub(crate) fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// A new member's status when none is given: active with a password, else invited.
pub(crate) fn default_status(m: &NewMember) -> MemberStatus {
    m.status.unwrap_or(if m.password_hash.is_some() {
        MemberStatus::Active
    } else {
        MemberStatus::Invited
    })
}

/// `Ok` when an UPDATE touched a row, else [`StoreError::NotFound`].
pub(crate) fn found(rows_affected: u64) -> Result<()> {
    if rows_affected == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

/// Expands `impl Store for $store` over a pool (`self.pool`) of database
/// `$db`. Only the arguments differ between backends:
/// - `$backend`: what [`crate::Store::backend`] returns;
/// - `$begin`: the statement that opens a write transaction (`BEGIN
///   IMMEDIATE` on SQLite, so a transaction takes the write lock up front and
///   waits on `busy_timeout` instead of failing on upgrade).
///
/// The expansion site imports `crate::sql::*`.
macro_rules! impl_store {
    ($store:ident, $db:ty, $backend:literal, $begin:literal) => {
        impl $store {
            async fn begin(&self) -> Result<sqlx::Transaction<'static, $db>> {
                Ok(self.pool.begin_with($begin).await?)
            }
        }

        community_methods!($store, $db, [
            fn backend(&self) -> &'static str {
                $backend
            }

            async fn close(&self) {
                self.pool.close().await;
            }
        ]);
    };
}

/// The end of the chain: the collected methods as `impl Store`.
macro_rules! finish_store {
    ($store:ident, $db:ty, [$($items:tt)*]) => {
        #[async_trait::async_trait]
        impl $crate::Store for $store {
            $($items)*
        }
    };
}

pub(crate) use {finish_store, impl_store};

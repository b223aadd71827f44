//! Asks with their revisions, and 「知り合いにいます」 intents. The last link
//! of the chain: it hands everything to `finish_store!`.

use crate::model::AskFilter;

macro_rules! ask_cols {
    () => {
        "id, member_id, text, status, expires_on, reading, bits, band, revision, \
         created_at, updated_at"
    };
}
macro_rules! revision_cols {
    () => {
        "ask_id, revision, text, reading, bits, band, created_at"
    };
}
macro_rules! intent_cols {
    () => {
        "ask_id, member_id, note, created_at"
    };
}

macro_rules! ask_methods {
    ($store:ident, $db:ty, [$($items:tt)*]) => {
        finish_store!($store, $db, [
            $($items)*

            async fn create_ask(
                &self,
                member_id: Id,
                d: &AskDraft,
                status: AskStatus,
                expires_on: Option<Date>,
                now: Timestamp,
            ) -> Result<Ask> {
                let mut tx = self.begin().await?;
                let ask = sqlx::query_as::<$db, Ask>(concat!(
                    "INSERT INTO asks (member_id, text, status, expires_on, reading, bits, band, \
                     revision, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8) \
                     RETURNING ",
                    ask_cols!()
                ))
                .bind(member_id)
                .bind(&d.text)
                .bind(status)
                .bind(expires_on.map(Text))
                .bind(&d.reading)
                .bind(d.bits)
                .bind(Text(d.band))
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
                Self::insert_revision_query(&ask, now).execute(&mut *tx).await?;
                tx.commit().await?;
                Ok(ask)
            }

            async fn revise_ask(&self, id: Id, d: &AskDraft, now: Timestamp) -> Result<Ask> {
                let mut tx = self.begin().await?;
                let ask = sqlx::query_as::<$db, Ask>(concat!(
                    "UPDATE asks SET text = $2, reading = $3, bits = $4, band = $5, \
                     revision = revision + 1, updated_at = $6 WHERE id = $1 RETURNING ",
                    ask_cols!()
                ))
                .bind(id)
                .bind(&d.text)
                .bind(&d.reading)
                .bind(d.bits)
                .bind(Text(d.band))
                .bind(now)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StoreError::NotFound)?;
                Self::insert_revision_query(&ask, now)
                    .execute(&mut *tx)
                    .await
                    .map_err(|e| db_err(e, "ask revision"))?;
                tx.commit().await?;
                Ok(ask)
            }

            async fn set_ask_status(&self, id: Id, status: AskStatus, now: Timestamp) -> Result<Ask> {
                sqlx::query_as::<$db, Ask>(concat!(
                    "UPDATE asks SET status = $2, updated_at = $3 WHERE id = $1 RETURNING ",
                    ask_cols!()
                ))
                .bind(id)
                .bind(status)
                .bind(now)
                .fetch_optional(&self.pool)
                .await?
                .ok_or(StoreError::NotFound)
            }

            async fn set_ask_expiry(
                &self,
                id: Id,
                expires_on: Option<Date>,
                now: Timestamp,
            ) -> Result<Ask> {
                sqlx::query_as::<$db, Ask>(concat!(
                    "UPDATE asks SET expires_on = $2, updated_at = $3 WHERE id = $1 RETURNING ",
                    ask_cols!()
                ))
                .bind(id)
                .bind(expires_on.map(Text))
                .bind(now)
                .fetch_optional(&self.pool)
                .await?
                .ok_or(StoreError::NotFound)
            }

            async fn ask(&self, id: Id) -> Result<Option<Ask>> {
                Ok(sqlx::query_as::<$db, Ask>(concat!(
                    "SELECT ", ask_cols!(), " FROM asks WHERE id = $1"
                ))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?)
            }

            async fn asks(&self, f: &AskFilter) -> Result<Vec<Ask>> {
                let sql = asks_sql(f);
                let mut q = sqlx::query_as::<$db, Ask>(&sql);
                for &s in &f.statuses {
                    q = q.bind(s);
                }
                if let Some(m) = f.member_id {
                    q = q.bind(m);
                }
                if let Some(m) = f.exclude_member {
                    q = q.bind(m);
                }
                if let Some(d) = f.not_expired_on {
                    q = q.bind(Text(d));
                }
                if let Some((limit, offset)) = asks_paging(f) {
                    q = q.bind(limit).bind(offset);
                }
                Ok(q.fetch_all(&self.pool).await?)
            }

            async fn count_asks(&self) -> Result<i64> {
                Ok(sqlx::query_scalar::<$db, i64>("SELECT COUNT(*) FROM asks")
                    .fetch_one(&self.pool)
                    .await?)
            }

            async fn revisions(&self, ask_id: Id) -> Result<Vec<AskRevision>> {
                Ok(sqlx::query_as::<$db, AskRevision>(concat!(
                    "SELECT ", revision_cols!(), " FROM ask_revisions WHERE ask_id = $1 ORDER BY revision"
                ))
                .bind(ask_id)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn add_intent(
                &self,
                ask_id: Id,
                member_id: Id,
                note: &str,
                now: Timestamp,
            ) -> Result<Intent> {
                Ok(sqlx::query_as::<$db, Intent>(concat!(
                    "INSERT INTO intents (ask_id, member_id, note, created_at) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (ask_id, member_id) DO UPDATE SET note = excluded.note RETURNING ",
                    intent_cols!()
                ))
                .bind(ask_id)
                .bind(member_id)
                .bind(note)
                .bind(now)
                .fetch_one(&self.pool)
                .await?)
            }

            async fn intents(&self, ask_id: Id) -> Result<Vec<Intent>> {
                Ok(sqlx::query_as::<$db, Intent>(concat!(
                    "SELECT ", intent_cols!(), " FROM intents WHERE ask_id = $1 ORDER BY created_at, member_id"
                ))
                .bind(ask_id)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn intents_by(&self, member_id: Id) -> Result<Vec<Intent>> {
                Ok(sqlx::query_as::<$db, Intent>(concat!(
                    "SELECT ", intent_cols!(), " FROM intents WHERE member_id = $1 ORDER BY created_at, ask_id"
                ))
                .bind(member_id)
                .fetch_all(&self.pool)
                .await?)
            }
        ]);

        impl $store {
            fn insert_revision_query(
                a: &Ask,
                now: Timestamp,
            ) -> sqlx::query::Query<'_, $db, <$db as sqlx::Database>::Arguments<'_>> {
                sqlx::query::<$db>(concat!(
                    "INSERT INTO ask_revisions (",
                    revision_cols!(),
                    ") VALUES ($1, $2, $3, $4, $5, $6, $7)"
                ))
                .bind(a.id)
                .bind(a.revision)
                .bind(&a.text)
                .bind(&a.reading)
                .bind(a.bits)
                .bind(Text(a.band))
                .bind(now)
            }
        }
    };
}

pub(crate) use {ask_cols, ask_methods, intent_cols, revision_cols};

/// The SELECT for [`crate::Store::asks`]. Parameters are numbered in the
/// order `asks` binds them: statuses, member_id, exclude_member,
/// not_expired_on, then limit and offset.
pub(crate) fn asks_sql(f: &AskFilter) -> String {
    let mut sql = String::from(concat!("SELECT ", ask_cols!(), " FROM asks WHERE 1 = 1"));
    let mut n = 0;
    let mut param = || {
        n += 1;
        format!("${n}")
    };
    if !f.statuses.is_empty() {
        let list: Vec<String> = f.statuses.iter().map(|_| param()).collect();
        sql.push_str(&format!(" AND status IN ({})", list.join(", ")));
    }
    if f.member_id.is_some() {
        sql.push_str(&format!(" AND member_id = {}", param()));
    }
    if f.exclude_member.is_some() {
        sql.push_str(&format!(" AND member_id <> {}", param()));
    }
    if f.not_expired_on.is_some() {
        sql.push_str(&format!(
            " AND (expires_on IS NULL OR expires_on >= {})",
            param()
        ));
    }
    sql.push_str(" ORDER BY updated_at DESC, id DESC");
    if f.limit.is_some() || f.offset.is_some() {
        // SQLite has no OFFSET without LIMIT, PostgreSQL no negative LIMIT:
        // "no limit" is i64::MAX in both.
        let limit = param();
        let offset = param();
        sql.push_str(&format!(" LIMIT {limit} OFFSET {offset}"));
    }
    sql
}

/// `(limit, offset)` to bind when [`asks_sql`] asked for them.
pub(crate) fn asks_paging(f: &AskFilter) -> Option<(i64, i64)> {
    if f.limit.is_none() && f.offset.is_none() {
        return None;
    }
    Some((
        f.limit.unwrap_or(i64::MAX).max(0),
        f.offset.unwrap_or(0).max(0),
    ))
}

//! Sessions and API tokens.

macro_rules! token_cols {
    () => {
        "id, member_id, name, token_hash, created_at, last_used_at"
    };
}

macro_rules! access_methods {
    ($store:ident, $db:ty, [$($items:tt)*]) => {
        ask_methods!($store, $db, [
            $($items)*

            async fn create_session(&self, s: &Session) -> Result<()> {
                sqlx::query::<$db>(
                    "INSERT INTO sessions (id_hash, member_id, csrf_token, created_at, expires_at) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(&s.id_hash)
                .bind(s.member_id)
                .bind(&s.csrf_token)
                .bind(s.created_at)
                .bind(s.expires_at)
                .execute(&self.pool)
                .await
                .map_err(|e| db_err(e, "session"))?;
                Ok(())
            }

            async fn session(&self, id_hash: &str) -> Result<Option<Session>> {
                Ok(sqlx::query_as::<$db, Session>(
                    "SELECT id_hash, member_id, csrf_token, created_at, expires_at FROM sessions \
                     WHERE id_hash = $1",
                )
                .bind(id_hash)
                .fetch_optional(&self.pool)
                .await?)
            }

            async fn delete_session(&self, id_hash: &str) -> Result<()> {
                sqlx::query::<$db>("DELETE FROM sessions WHERE id_hash = $1")
                    .bind(id_hash)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn delete_sessions_of(&self, member_id: Id) -> Result<()> {
                sqlx::query::<$db>("DELETE FROM sessions WHERE member_id = $1")
                    .bind(member_id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn delete_expired_sessions(&self, now: Timestamp) -> Result<u64> {
                let done = sqlx::query::<$db>("DELETE FROM sessions WHERE expires_at <= $1")
                    .bind(now)
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected())
            }

            async fn create_api_token(
                &self,
                member_id: Id,
                name: &str,
                token_hash: &str,
                now: Timestamp,
            ) -> Result<ApiToken> {
                sqlx::query_as::<$db, ApiToken>(concat!(
                    "INSERT INTO api_tokens (member_id, name, token_hash, created_at) \
                     VALUES ($1, $2, $3, $4) RETURNING ",
                    token_cols!()
                ))
                .bind(member_id)
                .bind(name)
                .bind(token_hash)
                .bind(now)
                .fetch_one(&self.pool)
                .await
                .map_err(|e| db_err(e, "api token"))
            }

            async fn api_token(&self, token_hash: &str) -> Result<Option<ApiToken>> {
                Ok(sqlx::query_as::<$db, ApiToken>(concat!(
                    "SELECT ", token_cols!(), " FROM api_tokens WHERE token_hash = $1"
                ))
                .bind(token_hash)
                .fetch_optional(&self.pool)
                .await?)
            }

            async fn api_tokens(&self, member_id: Id) -> Result<Vec<ApiToken>> {
                Ok(sqlx::query_as::<$db, ApiToken>(concat!(
                    "SELECT ", token_cols!(), " FROM api_tokens WHERE member_id = $1 ORDER BY id"
                ))
                .bind(member_id)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn delete_api_token(&self, member_id: Id, id: Id) -> Result<bool> {
                let done = sqlx::query::<$db>("DELETE FROM api_tokens WHERE id = $1 AND member_id = $2")
                    .bind(id)
                    .bind(member_id)
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected() > 0)
            }

            async fn delete_api_tokens_of(&self, member_id: Id) -> Result<u64> {
                let done = sqlx::query::<$db>("DELETE FROM api_tokens WHERE member_id = $1")
                    .bind(member_id)
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected())
            }

            async fn touch_api_token(&self, id: Id, now: Timestamp) -> Result<()> {
                let done = sqlx::query::<$db>("UPDATE api_tokens SET last_used_at = $2 WHERE id = $1")
                    .bind(id)
                    .bind(now)
                    .execute(&self.pool)
                    .await?;
                found(done.rows_affected())
            }
        ]);
    };
}

pub(crate) use {access_methods, token_cols};

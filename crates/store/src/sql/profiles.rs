//! Profiles (JSON the web layer owns) and circles.

macro_rules! circle_cols {
    () => {
        "id, member_id, name, description, created_at"
    };
}

macro_rules! profile_methods {
    ($store:ident, $db:ty, [$($items:tt)*]) => {
        links_methods!($store, $db, [
            $($items)*

            async fn profile(&self, member_id: Id) -> Result<Option<ProfileRecord>> {
                Ok(sqlx::query_as::<$db, ProfileRecord>(
                    "SELECT member_id, data, updated_at FROM profiles WHERE member_id = $1",
                )
                .bind(member_id)
                .fetch_optional(&self.pool)
                .await?)
            }

            async fn put_profile(&self, member_id: Id, data: &str, now: Timestamp) -> Result<()> {
                Self::put_profile_query(member_id, data, now)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn save_member_profile(
                &self,
                id: Id,
                u: &MemberUpdate,
                profile: &str,
                now: Timestamp,
            ) -> Result<Member> {
                let mut tx = self.begin().await?;
                let member = Self::update_member_query(id, u)
                    .fetch_optional(&mut *tx)
                    .await?
                    .ok_or(StoreError::NotFound)?;
                Self::put_profile_query(id, profile, now)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(member)
            }

            async fn profiles(&self) -> Result<Vec<ProfileRecord>> {
                Ok(sqlx::query_as::<$db, ProfileRecord>(
                    "SELECT member_id, data, updated_at FROM profiles ORDER BY member_id",
                )
                .fetch_all(&self.pool)
                .await?)
            }

            async fn circles(&self, member_id: Id) -> Result<Vec<Circle>> {
                Ok(sqlx::query_as::<$db, Circle>(concat!(
                    "SELECT ", circle_cols!(), " FROM circles WHERE member_id = $1 ORDER BY id"
                ))
                .bind(member_id)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn all_circles(&self) -> Result<Vec<Circle>> {
                Ok(sqlx::query_as::<$db, Circle>(concat!(
                    "SELECT ", circle_cols!(), " FROM circles ORDER BY id"
                ))
                .fetch_all(&self.pool)
                .await?)
            }

            async fn add_circle(
                &self,
                member_id: Id,
                name: &str,
                description: &str,
                now: Timestamp,
            ) -> Result<Circle> {
                Ok(sqlx::query_as::<$db, Circle>(concat!(
                    "INSERT INTO circles (member_id, name, description, created_at) \
                     VALUES ($1, $2, $3, $4) RETURNING ",
                    circle_cols!()
                ))
                .bind(member_id)
                .bind(name)
                .bind(description)
                .bind(now)
                .fetch_one(&self.pool)
                .await?)
            }

            async fn delete_circle(&self, member_id: Id, circle_id: Id) -> Result<bool> {
                let done = sqlx::query::<$db>("DELETE FROM circles WHERE id = $1 AND member_id = $2")
                    .bind(circle_id)
                    .bind(member_id)
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected() > 0)
            }
        ]);

        impl $store {
            fn put_profile_query(
                member_id: Id,
                data: &str,
                now: Timestamp,
            ) -> sqlx::query::Query<'_, $db, <$db as sqlx::Database>::Arguments<'_>> {
                sqlx::query::<$db>(
                    "INSERT INTO profiles (member_id, data, updated_at) VALUES ($1, $2, $3) \
                     ON CONFLICT (member_id) DO UPDATE SET data = excluded.data, \
                     updated_at = excluded.updated_at",
                )
                .bind(member_id)
                .bind(data)
                .bind(now)
            }
        }
    };
}

pub(crate) use {circle_cols, profile_methods};

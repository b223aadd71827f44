//! The one community, and first-run setup.

macro_rules! community_methods {
    ($store:ident, $db:ty, [$($items:tt)*]) => {
        member_methods!($store, $db, [
            $($items)*

            async fn community(&self) -> Result<Option<Community>> {
                Ok(sqlx::query_as::<$db, Community>(
                    "SELECT name, created_at FROM community WHERE id = 1",
                )
                .fetch_optional(&self.pool)
                .await?)
            }

            async fn create_community(&self, name: &str, now: Timestamp) -> Result<Community> {
                Self::insert_community_query(name, now)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(|e| db_err(e, "community"))
            }

            async fn setup_community(
                &self,
                name: &str,
                organizer: &NewMember,
                now: Timestamp,
            ) -> Result<(Community, Member)> {
                let email = normalize_email(&organizer.email);
                let mut tx = self.begin().await?;
                // The community row has the fixed key 1: a concurrent setup
                // waits on it and then fails here, before writing anything.
                let community = Self::insert_community_query(name, now)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(|e| db_err(e, "community"))?;
                let member = Self::insert_member_query(organizer, &email, now)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(|e| db_err(e, &email))?;
                tx.commit().await?;
                Ok((community, member))
            }
        ]);

        impl $store {
            fn insert_community_query(
                name: &str,
                now: Timestamp,
            ) -> sqlx::query::QueryAs<'_, $db, Community, <$db as sqlx::Database>::Arguments<'_>> {
                sqlx::query_as::<$db, Community>(
                    "INSERT INTO community (id, name, created_at) VALUES (1, $1, $2) \
                     RETURNING name, created_at",
                )
                .bind(name)
                .bind(now)
            }
        }
    };
}

pub(crate) use community_methods;

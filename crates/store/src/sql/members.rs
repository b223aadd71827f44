//! Members: creating and importing them, their basics, password, status,
//! role, login failures, and deleting them.

macro_rules! member_cols {
    () => {
        "id, email, role, status, family_name, given_name, family_kana, given_kana, \
         company, title, industry, offer, lang, password_hash, failed_logins, \
         locked_until, created_at"
    };
}

macro_rules! member_methods {
    ($store:ident, $db:ty, [$($items:tt)*]) => {
        profile_methods!($store, $db, [
            $($items)*

            async fn create_member(&self, m: &NewMember, now: Timestamp) -> Result<Member> {
                let email = normalize_email(&m.email);
                Self::insert_member_query(m, &email, now)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(|e| db_err(e, &email))
            }

            async fn import_members(&self, ms: &[NewMember], now: Timestamp) -> Result<Vec<Member>> {
                // Duplicates within the batch are caught before any write.
                let emails: Vec<String> = ms.iter().map(|m| normalize_email(&m.email)).collect();
                let mut seen = std::collections::HashSet::with_capacity(emails.len());
                for email in &emails {
                    if !seen.insert(email.as_str()) {
                        return Err(StoreError::Conflict(email.clone()));
                    }
                }
                // One transaction, one prepared statement reused for every row;
                // an error drops `tx`, which rolls everything back.
                let mut tx = self.begin().await?;
                let mut out = Vec::with_capacity(ms.len());
                for (m, email) in ms.iter().zip(&emails) {
                    let member = Self::insert_member_query(m, email, now)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(|e| db_err(e, email))?;
                    out.push(member);
                }
                tx.commit().await?;
                Ok(out)
            }

            async fn member(&self, id: Id) -> Result<Option<Member>> {
                Ok(sqlx::query_as::<$db, Member>(concat!(
                    "SELECT ", member_cols!(), " FROM members WHERE id = $1"
                ))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?)
            }

            async fn member_by_email(&self, email: &str) -> Result<Option<Member>> {
                Ok(sqlx::query_as::<$db, Member>(concat!(
                    "SELECT ", member_cols!(), " FROM members WHERE email = $1"
                ))
                .bind(normalize_email(email))
                .fetch_optional(&self.pool)
                .await?)
            }

            async fn members(&self) -> Result<Vec<Member>> {
                Ok(sqlx::query_as::<$db, Member>(concat!(
                    "SELECT ", member_cols!(), " FROM members ORDER BY id"
                ))
                .fetch_all(&self.pool)
                .await?)
            }

            async fn count_members(&self) -> Result<i64> {
                Ok(sqlx::query_scalar::<$db, i64>("SELECT COUNT(*) FROM members")
                    .fetch_one(&self.pool)
                    .await?)
            }

            async fn update_member(&self, id: Id, u: &MemberUpdate) -> Result<Member> {
                Self::update_member_query(id, u)
                    .fetch_optional(&self.pool)
                    .await?
                    .ok_or(StoreError::NotFound)
            }

            async fn set_password(&self, id: Id, hash: &str) -> Result<()> {
                let done = sqlx::query::<$db>("UPDATE members SET password_hash = $2 WHERE id = $1")
                    .bind(id)
                    .bind(hash)
                    .execute(&self.pool)
                    .await?;
                found(done.rows_affected())
            }

            async fn set_password_and_end_sessions(
                &self,
                id: Id,
                hash: &str,
                now: Timestamp,
            ) -> Result<()> {
                let mut tx = self.begin().await?;
                let done = sqlx::query::<$db>(
                    "UPDATE members SET password_hash = $2, failed_logins = 0, locked_until = NULL \
                     WHERE id = $1",
                )
                .bind(id)
                .bind(hash)
                .execute(&mut *tx)
                .await?;
                found(done.rows_affected())?;
                Self::end_access(&mut tx, id, now).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn set_member_status(&self, id: Id, status: MemberStatus) -> Result<()> {
                let done = sqlx::query::<$db>("UPDATE members SET status = $2 WHERE id = $1")
                    .bind(id)
                    .bind(status)
                    .execute(&self.pool)
                    .await?;
                found(done.rows_affected())
            }

            async fn set_member_role(&self, id: Id, role: Role) -> Result<()> {
                let done = sqlx::query::<$db>("UPDATE members SET role = $2 WHERE id = $1")
                    .bind(id)
                    .bind(role)
                    .execute(&self.pool)
                    .await?;
                found(done.rows_affected())
            }

            async fn record_login_failure(
                &self,
                id: Id,
                locked_until: Option<Timestamp>,
            ) -> Result<i64> {
                sqlx::query_scalar::<$db, i64>(
                    "UPDATE members SET failed_logins = failed_logins + 1, locked_until = $2 \
                     WHERE id = $1 RETURNING failed_logins",
                )
                .bind(id)
                .bind(locked_until)
                .fetch_optional(&self.pool)
                .await?
                .ok_or(StoreError::NotFound)
            }

            async fn clear_login_failures(&self, id: Id) -> Result<()> {
                let done = sqlx::query::<$db>(
                    "UPDATE members SET failed_logins = 0, locked_until = NULL WHERE id = $1",
                )
                .bind(id)
                .execute(&self.pool)
                .await?;
                found(done.rows_affected())
            }

            async fn delete_member(&self, id: Id) -> Result<bool> {
                // Everything of theirs goes by ON DELETE CASCADE; invitations
                // they sent keep created_by = NULL (ON DELETE SET NULL).
                let done = sqlx::query::<$db>("DELETE FROM members WHERE id = $1")
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected() > 0)
            }
        ]);

        impl $store {
            fn insert_member_query<'q>(
                m: &'q NewMember,
                email: &'q str,
                now: Timestamp,
            ) -> sqlx::query::QueryAs<'q, $db, Member, <$db as sqlx::Database>::Arguments<'q>> {
                sqlx::query_as::<$db, Member>(concat!(
                    "INSERT INTO members (email, role, status, family_name, given_name, family_kana, \
                     given_kana, company, title, industry, offer, lang, password_hash, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING ",
                    member_cols!()
                ))
                .bind(email)
                .bind(m.role.unwrap_or(Role::Member))
                .bind(default_status(m))
                .bind(&m.family_name)
                .bind(&m.given_name)
                .bind(&m.family_kana)
                .bind(&m.given_kana)
                .bind(&m.company)
                .bind(&m.title)
                .bind(&m.industry)
                .bind(&m.offer)
                .bind(Text(m.lang.unwrap_or(Lang::Ja)))
                .bind(m.password_hash.as_deref())
                .bind(now)
            }

            fn update_member_query(
                id: Id,
                u: &MemberUpdate,
            ) -> sqlx::query::QueryAs<'_, $db, Member, <$db as sqlx::Database>::Arguments<'_>> {
                sqlx::query_as::<$db, Member>(concat!(
                    "UPDATE members SET family_name = $2, given_name = $3, family_kana = $4, \
                     given_kana = $5, company = $6, title = $7, industry = $8, offer = $9, \
                     lang = COALESCE($10, lang) WHERE id = $1 RETURNING ",
                    member_cols!()
                ))
                .bind(id)
                .bind(&u.family_name)
                .bind(&u.given_name)
                .bind(&u.family_kana)
                .bind(&u.given_kana)
                .bind(&u.company)
                .bind(&u.title)
                .bind(&u.industry)
                .bind(&u.offer)
                .bind(u.lang.map(Text))
            }
        }
    };
}

pub(crate) use {member_cols, member_methods};

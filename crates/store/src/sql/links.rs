//! One-time links: invitations and password resets (one table, told apart
//! by `kind`), issuing, revoking and using them.

macro_rules! invitation_cols {
    () => {
        "id, email, family_name, given_name, role, token_hash, member_id, created_by, \
         created_at, expires_at, accepted_at, kind, revoked_at"
    };
}

macro_rules! links_methods {
    ($store:ident, $db:ty, [$($items:tt)*]) => {
        access_methods!($store, $db, [
            $($items)*

            async fn create_invitation(&self, i: &NewInvitation) -> Result<Invitation> {
                Self::insert_invitation_query(i)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(|e| db_err(e, "invitation token"))
            }

            async fn invitation_by_token_hash(&self, token_hash: &str) -> Result<Option<Invitation>> {
                Ok(sqlx::query_as::<$db, Invitation>(concat!(
                    "SELECT ", invitation_cols!(), " FROM invitations WHERE token_hash = $1"
                ))
                .bind(token_hash)
                .fetch_optional(&self.pool)
                .await?)
            }

            async fn invitations(&self) -> Result<Vec<Invitation>> {
                Ok(sqlx::query_as::<$db, Invitation>(concat!(
                    "SELECT ", invitation_cols!(), " FROM invitations ORDER BY id"
                ))
                .fetch_all(&self.pool)
                .await?)
            }

            async fn accept_invitation(&self, id: Id, now: Timestamp) -> Result<()> {
                let done = sqlx::query::<$db>(
                    "UPDATE invitations SET accepted_at = COALESCE(accepted_at, $2) WHERE id = $1",
                )
                .bind(id)
                .bind(now)
                .execute(&self.pool)
                .await?;
                found(done.rows_affected())
            }

            async fn revoke_invitations_of(&self, member_id: Id, now: Timestamp) -> Result<u64> {
                let done = Self::revoke_query(member_id, now).execute(&self.pool).await?;
                Ok(done.rows_affected())
            }

            async fn issue_invitation(&self, i: &NewInvitation) -> Result<Invitation> {
                let mut tx = self.begin().await?;
                Self::revoke_query(i.member_id, i.created_at)
                    .execute(&mut *tx)
                    .await?;
                let invitation = Self::insert_invitation_query(i)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(|e| db_err(e, "invitation token"))?;
                tx.commit().await?;
                Ok(invitation)
            }

            async fn use_invitation(
                &self,
                id: Id,
                names: &MemberUpdate,
                hash: &str,
                now: Timestamp,
            ) -> Result<Member> {
                let unusable = || StoreError::Conflict("invitation".into());
                let mut tx = self.begin().await?;
                let link = sqlx::query_as::<$db, Invitation>(concat!(
                    "SELECT ", invitation_cols!(), " FROM invitations WHERE id = $1"
                ))
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StoreError::NotFound)?;
                if !link.is_pending(now) {
                    return Err(unusable());
                }
                let member_id = link.member_id;
                // The member row first, then the link (the order a password
                // change takes too, so the two cannot deadlock): a concurrent
                // use of the same link waits on the member row and then finds
                // the link accepted. Dropping `tx` on an error rolls back.
                let member = sqlx::query_as::<$db, Member>(concat!(
                    "UPDATE members SET family_name = $3, given_name = $4, family_kana = $5, \
                     given_kana = $6, company = $7, title = $8, industry = $9, offer = $10, \
                     lang = COALESCE($11, lang), \
                     password_hash = $12, status = 'active', failed_logins = 0, locked_until = NULL \
                     WHERE id = $1 AND status = $2 RETURNING ",
                    member_cols!()
                ))
                .bind(member_id)
                .bind(link.kind.member_status())
                .bind(&names.family_name)
                .bind(&names.given_name)
                .bind(&names.family_kana)
                .bind(&names.given_kana)
                .bind(&names.company)
                .bind(&names.title)
                .bind(&names.industry)
                .bind(&names.offer)
                .bind(names.lang.map(Text))
                .bind(hash)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or_else(unusable)?;
                let claimed = sqlx::query::<$db>(
                    "UPDATE invitations SET accepted_at = $2 WHERE id = $1 AND accepted_at IS NULL \
                     AND revoked_at IS NULL AND expires_at > $2",
                )
                .bind(id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                if claimed.rows_affected() == 0 {
                    return Err(unusable());
                }
                Self::end_access(&mut tx, member_id, now).await?;
                tx.commit().await?;
                Ok(member)
            }
        ]);

        impl $store {
            /// Ends a member's access inside `tx`: deletes their sessions and
            /// API tokens and revokes their pending links.
            async fn end_access(
                tx: &mut sqlx::Transaction<'static, $db>,
                member_id: Id,
                now: Timestamp,
            ) -> Result<()> {
                sqlx::query::<$db>("DELETE FROM sessions WHERE member_id = $1")
                    .bind(member_id)
                    .execute(&mut **tx)
                    .await?;
                sqlx::query::<$db>("DELETE FROM api_tokens WHERE member_id = $1")
                    .bind(member_id)
                    .execute(&mut **tx)
                    .await?;
                Self::revoke_query(member_id, now).execute(&mut **tx).await?;
                Ok(())
            }

            fn revoke_query(
                member_id: Id,
                now: Timestamp,
            ) -> sqlx::query::Query<'static, $db, <$db as sqlx::Database>::Arguments<'static>> {
                sqlx::query::<$db>(
                    "UPDATE invitations SET revoked_at = $2 WHERE member_id = $1 \
                     AND accepted_at IS NULL AND revoked_at IS NULL",
                )
                .bind(member_id)
                .bind(now)
            }

            fn insert_invitation_query(
                i: &NewInvitation,
            ) -> sqlx::query::QueryAs<'_, $db, Invitation, <$db as sqlx::Database>::Arguments<'_>> {
                sqlx::query_as::<$db, Invitation>(concat!(
                    "INSERT INTO invitations (email, family_name, given_name, role, token_hash, \
                     member_id, created_by, created_at, expires_at, kind) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ",
                    invitation_cols!()
                ))
                .bind(normalize_email(&i.email))
                .bind(&i.family_name)
                .bind(&i.given_name)
                .bind(i.role)
                .bind(&i.token_hash)
                .bind(i.member_id)
                .bind(i.created_by)
                .bind(i.created_at)
                .bind(i.expires_at)
                .bind(i.kind)
            }
        }
    };
}

pub(crate) use {invitation_cols, links_methods};

//! What both backends share: row shapes, error mapping, SQL text and the
//! [`impl_store!`] macro that expands one set of method bodies for each pool
//! type. Every query uses `$1, $2, …` placeholders, which SQLite and
//! PostgreSQL both accept, and `RETURNING`, which both support.

use crate::model::*;
use crate::StoreError;

/// Emails are compared case-insensitively: stored trimmed and lower-cased.
pub(crate) fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Maps a database error: unique violations become [`StoreError::Conflict`]
/// carrying `what`, foreign-key violations (a missing parent row) become
/// [`StoreError::NotFound`], anything else [`StoreError::Database`].
pub(crate) fn db_err(e: sqlx::Error, what: &str) -> StoreError {
    match &e {
        sqlx::Error::Database(d) => match d.kind() {
            sqlx::error::ErrorKind::UniqueViolation => StoreError::Conflict(what.to_string()),
            sqlx::error::ErrorKind::ForeignKeyViolation => StoreError::NotFound,
            _ => StoreError::Database(e.to_string()),
        },
        sqlx::Error::RowNotFound => StoreError::NotFound,
        _ => StoreError::Database(e.to_string()),
    }
}

/// For calls where no unique constraint is expected to fire.
pub(crate) fn db(e: sqlx::Error) -> StoreError {
    db_err(e, "row")
}

fn parse<T>(value: &str, what: &str, parse: fn(&str) -> Option<T>) -> Result<T, StoreError> {
    parse(value).ok_or_else(|| StoreError::Corrupt(format!("{what} {value:?}")))
}

// Column lists, as macros so that `concat!` can build whole statements.
macro_rules! member_cols {
    () => {
        "id, email, role, status, family_name, given_name, family_kana, given_kana, \
         company, title, industry, offer, lang, password_hash, failed_logins, \
         locked_until, created_at"
    };
}
macro_rules! circle_cols {
    () => {
        "id, member_id, name, description, created_at"
    };
}
macro_rules! invitation_cols {
    () => {
        "id, email, family_name, given_name, role, token_hash, member_id, created_by, \
         created_at, expires_at, accepted_at"
    };
}
macro_rules! token_cols {
    () => {
        "id, member_id, name, token_hash, created_at, last_used_at"
    };
}
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
pub(crate) use {
    ask_cols, circle_cols, intent_cols, invitation_cols, member_cols, revision_cols, token_cols,
};

#[derive(sqlx::FromRow)]
pub(crate) struct MemberRow {
    id: i64,
    email: String,
    role: String,
    status: String,
    family_name: String,
    given_name: String,
    family_kana: String,
    given_kana: String,
    company: String,
    title: String,
    industry: String,
    offer: String,
    lang: String,
    password_hash: Option<String>,
    failed_logins: i64,
    locked_until: Option<i64>,
    created_at: i64,
}

impl TryFrom<MemberRow> for Member {
    type Error = StoreError;
    fn try_from(r: MemberRow) -> Result<Self, StoreError> {
        Ok(Member {
            role: parse(&r.role, "member role", Role::parse)?,
            status: parse(&r.status, "member status", MemberStatus::parse)?,
            id: r.id,
            email: r.email,
            family_name: r.family_name,
            given_name: r.given_name,
            family_kana: r.family_kana,
            given_kana: r.given_kana,
            company: r.company,
            title: r.title,
            industry: r.industry,
            offer: r.offer,
            lang: r.lang,
            password_hash: r.password_hash,
            failed_logins: r.failed_logins,
            locked_until: r.locked_until,
            created_at: r.created_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct CommunityRow {
    name: String,
    created_at: i64,
}

impl From<CommunityRow> for Community {
    fn from(r: CommunityRow) -> Self {
        Community {
            name: r.name,
            created_at: r.created_at,
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ProfileRow {
    member_id: i64,
    data: String,
    updated_at: i64,
}

impl From<ProfileRow> for ProfileRecord {
    fn from(r: ProfileRow) -> Self {
        ProfileRecord {
            member_id: r.member_id,
            data: r.data,
            updated_at: r.updated_at,
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct CircleRow {
    id: i64,
    member_id: i64,
    name: String,
    description: String,
    created_at: i64,
}

impl From<CircleRow> for Circle {
    fn from(r: CircleRow) -> Self {
        Circle {
            id: r.id,
            member_id: r.member_id,
            name: r.name,
            description: r.description,
            created_at: r.created_at,
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct InvitationRow {
    id: i64,
    email: String,
    family_name: String,
    given_name: String,
    role: String,
    token_hash: String,
    member_id: i64,
    created_by: Option<i64>,
    created_at: i64,
    expires_at: i64,
    accepted_at: Option<i64>,
}

impl TryFrom<InvitationRow> for Invitation {
    type Error = StoreError;
    fn try_from(r: InvitationRow) -> Result<Self, StoreError> {
        Ok(Invitation {
            role: parse(&r.role, "invitation role", Role::parse)?,
            id: r.id,
            email: r.email,
            family_name: r.family_name,
            given_name: r.given_name,
            token_hash: r.token_hash,
            member_id: r.member_id,
            created_by: r.created_by,
            created_at: r.created_at,
            expires_at: r.expires_at,
            accepted_at: r.accepted_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct SessionRow {
    id_hash: String,
    member_id: i64,
    csrf_token: String,
    created_at: i64,
    expires_at: i64,
}

impl From<SessionRow> for Session {
    fn from(r: SessionRow) -> Self {
        Session {
            id_hash: r.id_hash,
            member_id: r.member_id,
            csrf_token: r.csrf_token,
            created_at: r.created_at,
            expires_at: r.expires_at,
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct TokenRow {
    id: i64,
    member_id: i64,
    name: String,
    token_hash: String,
    created_at: i64,
    last_used_at: Option<i64>,
}

impl From<TokenRow> for ApiToken {
    fn from(r: TokenRow) -> Self {
        ApiToken {
            id: r.id,
            member_id: r.member_id,
            name: r.name,
            token_hash: r.token_hash,
            created_at: r.created_at,
            last_used_at: r.last_used_at,
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct AskRow {
    id: i64,
    member_id: i64,
    text: String,
    status: String,
    expires_on: Option<String>,
    reading: String,
    bits: f64,
    band: String,
    revision: i64,
    created_at: i64,
    updated_at: i64,
}

impl TryFrom<AskRow> for Ask {
    type Error = StoreError;
    fn try_from(r: AskRow) -> Result<Self, StoreError> {
        Ok(Ask {
            status: parse(&r.status, "ask status", AskStatus::parse)?,
            id: r.id,
            member_id: r.member_id,
            text: r.text,
            expires_on: r.expires_on,
            reading: r.reading,
            bits: r.bits,
            band: r.band,
            revision: r.revision,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct RevisionRow {
    ask_id: i64,
    revision: i64,
    text: String,
    reading: String,
    bits: f64,
    band: String,
    created_at: i64,
}

impl From<RevisionRow> for AskRevision {
    fn from(r: RevisionRow) -> Self {
        AskRevision {
            ask_id: r.ask_id,
            revision: r.revision,
            text: r.text,
            reading: r.reading,
            bits: r.bits,
            band: r.band,
            created_at: r.created_at,
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct IntentRow {
    ask_id: i64,
    member_id: i64,
    note: String,
    created_at: i64,
}

impl From<IntentRow> for Intent {
    fn from(r: IntentRow) -> Self {
        Intent {
            ask_id: r.ask_id,
            member_id: r.member_id,
            note: r.note,
            created_at: r.created_at,
        }
    }
}

/// Converts every row, failing on the first corrupt one.
pub(crate) fn convert<R, T>(rows: Vec<R>) -> Result<Vec<T>, StoreError>
where
    T: TryFrom<R, Error = StoreError>,
{
    rows.into_iter().map(T::try_from).collect()
}

/// The SELECT for [`crate::Store::asks`]. Parameters are numbered in the
/// order [`impl_store!`] binds them: statuses, member_id, exclude_member,
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

/// A new member's status when none is given: active with a password, else invited.
pub(crate) fn default_status(m: &NewMember) -> MemberStatus {
    m.status.unwrap_or(if m.password_hash.is_some() {
        MemberStatus::Active
    } else {
        MemberStatus::Invited
    })
}

/// Expands `impl Store for $store` over a pool of database `$db`. The method
/// bodies are the same text for both backends; only the arguments differ:
/// - `$backend`: what [`crate::Store::backend`] returns;
/// - `$begin`: the statement that opens a write transaction (`BEGIN
///   IMMEDIATE` on SQLite, so a transaction takes the write lock up front and
///   waits on `busy_timeout` instead of failing on upgrade).
macro_rules! impl_store {
    ($store:ident, $db:ty, $backend:literal, $begin:literal) => {
        impl $store {
            async fn begin(&self) -> $crate::Result<sqlx::Transaction<'static, $db>> {
                self.pool
                    .begin_with($begin)
                    .await
                    .map_err($crate::common::db)
            }
        }

        #[async_trait::async_trait]
        impl $crate::Store for $store {
            fn backend(&self) -> &'static str {
                $backend
            }

            async fn close(&self) {
                self.pool.close().await;
            }

            // --- community

            async fn community(&self) -> $crate::Result<Option<$crate::Community>> {
                let row = sqlx::query_as::<$db, CommunityRow>(
                    "SELECT name, created_at FROM community WHERE id = 1",
                )
                .fetch_optional(&self.pool)
                .await
                .map_err(db)?;
                Ok(row.map(Into::into))
            }

            async fn create_community(
                &self,
                name: &str,
                now: Timestamp,
            ) -> $crate::Result<$crate::Community> {
                let row = sqlx::query_as::<$db, CommunityRow>(
                    "INSERT INTO community (id, name, created_at) VALUES (1, $1, $2) RETURNING name, created_at",
                )
                .bind(name)
                .bind(now)
                .fetch_one(&self.pool)
                .await
                .map_err(|e| db_err(e, "community"))?;
                Ok(row.into())
            }

            // --- members

            async fn create_member(&self, m: &NewMember, now: Timestamp) -> $crate::Result<Member> {
                let email = normalize_email(&m.email);
                let row = Self::insert_member_query(m, &email, now)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(|e| db_err(e, &email))?;
                row.try_into()
            }

            async fn import_members(
                &self,
                ms: &[NewMember],
                now: Timestamp,
            ) -> $crate::Result<Vec<Member>> {
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
                    let row = Self::insert_member_query(m, email, now)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(|e| db_err(e, email))?;
                    out.push(Member::try_from(row)?);
                }
                tx.commit().await.map_err(db)?;
                Ok(out)
            }

            async fn member(&self, id: Id) -> $crate::Result<Option<Member>> {
                let row = sqlx::query_as::<$db, MemberRow>(concat!(
                    "SELECT ",
                    member_cols!(),
                    " FROM members WHERE id = $1"
                ))
                .bind(id)
                .fetch_optional(&self.pool)
                .await
                .map_err(db)?;
                row.map(Member::try_from).transpose()
            }

            async fn member_by_email(&self, email: &str) -> $crate::Result<Option<Member>> {
                let row = sqlx::query_as::<$db, MemberRow>(concat!(
                    "SELECT ",
                    member_cols!(),
                    " FROM members WHERE email = $1"
                ))
                .bind(normalize_email(email))
                .fetch_optional(&self.pool)
                .await
                .map_err(db)?;
                row.map(Member::try_from).transpose()
            }

            async fn members(&self) -> $crate::Result<Vec<Member>> {
                let rows = sqlx::query_as::<$db, MemberRow>(concat!(
                    "SELECT ",
                    member_cols!(),
                    " FROM members ORDER BY id"
                ))
                .fetch_all(&self.pool)
                .await
                .map_err(db)?;
                convert(rows)
            }

            async fn count_members(&self) -> $crate::Result<i64> {
                sqlx::query_scalar::<$db, i64>("SELECT COUNT(*) FROM members")
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db)
            }

            async fn update_member(&self, id: Id, u: &MemberUpdate) -> $crate::Result<Member> {
                let row = sqlx::query_as::<$db, MemberRow>(concat!(
                    "UPDATE members SET family_name = $2, given_name = $3, family_kana = $4, given_kana = $5, \
                     company = $6, title = $7, industry = $8, offer = $9, lang = $10 WHERE id = $1 RETURNING ",
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
                .bind(&u.lang)
                .fetch_optional(&self.pool)
                .await
                .map_err(db)?;
                row.ok_or(StoreError::NotFound)?.try_into()
            }

            async fn set_password(&self, id: Id, hash: &str) -> $crate::Result<()> {
                let done = sqlx::query::<$db>("UPDATE members SET password_hash = $2 WHERE id = $1")
                    .bind(id)
                    .bind(hash)
                    .execute(&self.pool)
                    .await
                    .map_err(db)?;
                found(done.rows_affected())
            }

            async fn set_member_status(&self, id: Id, status: MemberStatus) -> $crate::Result<()> {
                let done = sqlx::query::<$db>("UPDATE members SET status = $2 WHERE id = $1")
                    .bind(id)
                    .bind(status.as_str())
                    .execute(&self.pool)
                    .await
                    .map_err(db)?;
                found(done.rows_affected())
            }

            async fn set_member_role(&self, id: Id, role: Role) -> $crate::Result<()> {
                let done = sqlx::query::<$db>("UPDATE members SET role = $2 WHERE id = $1")
                    .bind(id)
                    .bind(role.as_str())
                    .execute(&self.pool)
                    .await
                    .map_err(db)?;
                found(done.rows_affected())
            }

            async fn record_login_failure(
                &self,
                id: Id,
                locked_until: Option<Timestamp>,
            ) -> $crate::Result<i64> {
                sqlx::query_scalar::<$db, i64>(
                    "UPDATE members SET failed_logins = failed_logins + 1, locked_until = $2 \
                     WHERE id = $1 RETURNING failed_logins",
                )
                .bind(id)
                .bind(locked_until)
                .fetch_optional(&self.pool)
                .await
                .map_err(db)?
                .ok_or(StoreError::NotFound)
            }

            async fn clear_login_failures(&self, id: Id) -> $crate::Result<()> {
                let done = sqlx::query::<$db>(
                    "UPDATE members SET failed_logins = 0, locked_until = NULL WHERE id = $1",
                )
                .bind(id)
                .execute(&self.pool)
                .await
                .map_err(db)?;
                found(done.rows_affected())
            }

            async fn delete_member(&self, id: Id) -> $crate::Result<bool> {
                let done = sqlx::query::<$db>("DELETE FROM members WHERE id = $1")
                    .bind(id)
                    .execute(&self.pool)
                    .await
                    .map_err(db)?;
                Ok(done.rows_affected() > 0)
            }

            // --- profiles

            async fn profile(&self, member_id: Id) -> $crate::Result<Option<ProfileRecord>> {
                let row = sqlx::query_as::<$db, ProfileRow>(
                    "SELECT member_id, data, updated_at FROM profiles WHERE member_id = $1",
                )
                .bind(member_id)
                .fetch_optional(&self.pool)
                .await
                .map_err(db)?;
                Ok(row.map(Into::into))
            }

            async fn put_profile(&self, member_id: Id, data: &str, now: Timestamp) -> $crate::Result<()> {
                sqlx::query::<$db>(
                    "INSERT INTO profiles (member_id, data, updated_at) VALUES ($1, $2, $3) \
                     ON CONFLICT (member_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
                )
                .bind(member_id)
                .bind(data)
                .bind(now)
                .execute(&self.pool)
                .await
                .map_err(db)?;
                Ok(())
            }

            async fn profiles(&self) -> $crate::Result<Vec<ProfileRecord>> {
                let rows = sqlx::query_as::<$db, ProfileRow>(
                    "SELECT member_id, data, updated_at FROM profiles ORDER BY member_id",
                )
                .fetch_all(&self.pool)
                .await
                .map_err(db)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            // --- circles

            async fn circles(&self, member_id: Id) -> $crate::Result<Vec<Circle>> {
                let rows = sqlx::query_as::<$db, CircleRow>(concat!(
                    "SELECT ",
                    circle_cols!(),
                    " FROM circles WHERE member_id = $1 ORDER BY id"
                ))
                .bind(member_id)
                .fetch_all(&self.pool)
                .await
                .map_err(db)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn all_circles(&self) -> $crate::Result<Vec<Circle>> {
                let rows = sqlx::query_as::<$db, CircleRow>(concat!(
                    "SELECT ",
                    circle_cols!(),
                    " FROM circles ORDER BY id"
                ))
                .fetch_all(&self.pool)
                .await
                .map_err(db)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn add_circle(
                &self,
                member_id: Id,
                name: &str,
                description: &str,
                now: Timestamp,
            ) -> $crate::Result<Circle> {
                let row = sqlx::query_as::<$db, CircleRow>(concat!(
                    "INSERT INTO circles (member_id, name, description, created_at) VALUES ($1, $2, $3, $4) RETURNING ",
                    circle_cols!()
                ))
                .bind(member_id)
                .bind(name)
                .bind(description)
                .bind(now)
                .fetch_one(&self.pool)
                .await
                .map_err(db)?;
                Ok(row.into())
            }

            async fn delete_circle(&self, member_id: Id, circle_id: Id) -> $crate::Result<bool> {
                let done = sqlx::query::<$db>("DELETE FROM circles WHERE id = $1 AND member_id = $2")
                    .bind(circle_id)
                    .bind(member_id)
                    .execute(&self.pool)
                    .await
                    .map_err(db)?;
                Ok(done.rows_affected() > 0)
            }

            // --- invitations

            async fn create_invitation(&self, i: &NewInvitation) -> $crate::Result<Invitation> {
                let row = sqlx::query_as::<$db, InvitationRow>(concat!(
                    "INSERT INTO invitations (email, family_name, given_name, role, token_hash, member_id, \
                     created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ",
                    invitation_cols!()
                ))
                .bind(normalize_email(&i.email))
                .bind(&i.family_name)
                .bind(&i.given_name)
                .bind(i.role.as_str())
                .bind(&i.token_hash)
                .bind(i.member_id)
                .bind(i.created_by)
                .bind(i.created_at)
                .bind(i.expires_at)
                .fetch_one(&self.pool)
                .await
                .map_err(|e| db_err(e, "invitation token"))?;
                row.try_into()
            }

            async fn invitation_by_token_hash(
                &self,
                token_hash: &str,
            ) -> $crate::Result<Option<Invitation>> {
                let row = sqlx::query_as::<$db, InvitationRow>(concat!(
                    "SELECT ",
                    invitation_cols!(),
                    " FROM invitations WHERE token_hash = $1"
                ))
                .bind(token_hash)
                .fetch_optional(&self.pool)
                .await
                .map_err(db)?;
                row.map(Invitation::try_from).transpose()
            }

            async fn invitations(&self) -> $crate::Result<Vec<Invitation>> {
                let rows = sqlx::query_as::<$db, InvitationRow>(concat!(
                    "SELECT ",
                    invitation_cols!(),
                    " FROM invitations ORDER BY id"
                ))
                .fetch_all(&self.pool)
                .await
                .map_err(db)?;
                convert(rows)
            }

            async fn accept_invitation(&self, id: Id, now: Timestamp) -> $crate::Result<()> {
                let done = sqlx::query::<$db>(
                    "UPDATE invitations SET accepted_at = COALESCE(accepted_at, $2) WHERE id = $1",
                )
                .bind(id)
                .bind(now)
                .execute(&self.pool)
                .await
                .map_err(db)?;
                found(done.rows_affected())
            }

            // --- sessions

            async fn create_session(&self, s: &Session) -> $crate::Result<()> {
                sqlx::query::<$db>(
                    "INSERT INTO sessions (id_hash, member_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
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

            async fn session(&self, id_hash: &str) -> $crate::Result<Option<Session>> {
                let row = sqlx::query_as::<$db, SessionRow>(
                    "SELECT id_hash, member_id, csrf_token, created_at, expires_at FROM sessions WHERE id_hash = $1",
                )
                .bind(id_hash)
                .fetch_optional(&self.pool)
                .await
                .map_err(db)?;
                Ok(row.map(Into::into))
            }

            async fn delete_session(&self, id_hash: &str) -> $crate::Result<()> {
                sqlx::query::<$db>("DELETE FROM sessions WHERE id_hash = $1")
                    .bind(id_hash)
                    .execute(&self.pool)
                    .await
                    .map_err(db)?;
                Ok(())
            }

            async fn delete_sessions_of(&self, member_id: Id) -> $crate::Result<()> {
                sqlx::query::<$db>("DELETE FROM sessions WHERE member_id = $1")
                    .bind(member_id)
                    .execute(&self.pool)
                    .await
                    .map_err(db)?;
                Ok(())
            }

            async fn delete_expired_sessions(&self, now: Timestamp) -> $crate::Result<u64> {
                let done = sqlx::query::<$db>("DELETE FROM sessions WHERE expires_at <= $1")
                    .bind(now)
                    .execute(&self.pool)
                    .await
                    .map_err(db)?;
                Ok(done.rows_affected())
            }

            // --- API tokens

            async fn create_api_token(
                &self,
                member_id: Id,
                name: &str,
                token_hash: &str,
                now: Timestamp,
            ) -> $crate::Result<ApiToken> {
                let row = sqlx::query_as::<$db, TokenRow>(concat!(
                    "INSERT INTO api_tokens (member_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING ",
                    token_cols!()
                ))
                .bind(member_id)
                .bind(name)
                .bind(token_hash)
                .bind(now)
                .fetch_one(&self.pool)
                .await
                .map_err(|e| db_err(e, "api token"))?;
                Ok(row.into())
            }

            async fn api_token(&self, token_hash: &str) -> $crate::Result<Option<ApiToken>> {
                let row = sqlx::query_as::<$db, TokenRow>(concat!(
                    "SELECT ",
                    token_cols!(),
                    " FROM api_tokens WHERE token_hash = $1"
                ))
                .bind(token_hash)
                .fetch_optional(&self.pool)
                .await
                .map_err(db)?;
                Ok(row.map(Into::into))
            }

            async fn api_tokens(&self, member_id: Id) -> $crate::Result<Vec<ApiToken>> {
                let rows = sqlx::query_as::<$db, TokenRow>(concat!(
                    "SELECT ",
                    token_cols!(),
                    " FROM api_tokens WHERE member_id = $1 ORDER BY id"
                ))
                .bind(member_id)
                .fetch_all(&self.pool)
                .await
                .map_err(db)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn delete_api_token(&self, member_id: Id, id: Id) -> $crate::Result<bool> {
                let done = sqlx::query::<$db>("DELETE FROM api_tokens WHERE id = $1 AND member_id = $2")
                    .bind(id)
                    .bind(member_id)
                    .execute(&self.pool)
                    .await
                    .map_err(db)?;
                Ok(done.rows_affected() > 0)
            }

            async fn touch_api_token(&self, id: Id, now: Timestamp) -> $crate::Result<()> {
                let done = sqlx::query::<$db>("UPDATE api_tokens SET last_used_at = $2 WHERE id = $1")
                    .bind(id)
                    .bind(now)
                    .execute(&self.pool)
                    .await
                    .map_err(db)?;
                found(done.rows_affected())
            }

            // --- asks

            async fn create_ask(
                &self,
                member_id: Id,
                d: &AskDraft,
                status: AskStatus,
                expires_on: Option<&str>,
                now: Timestamp,
            ) -> $crate::Result<Ask> {
                let mut tx = self.begin().await?;
                let row = sqlx::query_as::<$db, AskRow>(concat!(
                    "INSERT INTO asks (member_id, text, status, expires_on, reading, bits, band, revision, \
                     created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8) RETURNING ",
                    ask_cols!()
                ))
                .bind(member_id)
                .bind(&d.text)
                .bind(status.as_str())
                .bind(expires_on)
                .bind(&d.reading)
                .bind(d.bits)
                .bind(&d.band)
                .bind(now)
                .fetch_one(&mut *tx)
                .await
                .map_err(db)?;
                let ask = Ask::try_from(row)?;
                Self::insert_revision_query(&ask, now)
                    .execute(&mut *tx)
                    .await
                    .map_err(db)?;
                tx.commit().await.map_err(db)?;
                Ok(ask)
            }

            async fn revise_ask(&self, id: Id, d: &AskDraft, now: Timestamp) -> $crate::Result<Ask> {
                let mut tx = self.begin().await?;
                let row = sqlx::query_as::<$db, AskRow>(concat!(
                    "UPDATE asks SET text = $2, reading = $3, bits = $4, band = $5, revision = revision + 1, \
                     updated_at = $6 WHERE id = $1 RETURNING ",
                    ask_cols!()
                ))
                .bind(id)
                .bind(&d.text)
                .bind(&d.reading)
                .bind(d.bits)
                .bind(&d.band)
                .bind(now)
                .fetch_optional(&mut *tx)
                .await
                .map_err(db)?;
                let ask = Ask::try_from(row.ok_or(StoreError::NotFound)?)?;
                Self::insert_revision_query(&ask, now)
                    .execute(&mut *tx)
                    .await
                    .map_err(|e| db_err(e, "ask revision"))?;
                tx.commit().await.map_err(db)?;
                Ok(ask)
            }

            async fn set_ask_status(
                &self,
                id: Id,
                status: AskStatus,
                now: Timestamp,
            ) -> $crate::Result<Ask> {
                let row = sqlx::query_as::<$db, AskRow>(concat!(
                    "UPDATE asks SET status = $2, updated_at = $3 WHERE id = $1 RETURNING ",
                    ask_cols!()
                ))
                .bind(id)
                .bind(status.as_str())
                .bind(now)
                .fetch_optional(&self.pool)
                .await
                .map_err(db)?;
                row.ok_or(StoreError::NotFound)?.try_into()
            }

            async fn set_ask_expiry(
                &self,
                id: Id,
                expires_on: Option<&str>,
                now: Timestamp,
            ) -> $crate::Result<Ask> {
                let row = sqlx::query_as::<$db, AskRow>(concat!(
                    "UPDATE asks SET expires_on = $2, updated_at = $3 WHERE id = $1 RETURNING ",
                    ask_cols!()
                ))
                .bind(id)
                .bind(expires_on)
                .bind(now)
                .fetch_optional(&self.pool)
                .await
                .map_err(db)?;
                row.ok_or(StoreError::NotFound)?.try_into()
            }

            async fn ask(&self, id: Id) -> $crate::Result<Option<Ask>> {
                let row = sqlx::query_as::<$db, AskRow>(concat!(
                    "SELECT ",
                    ask_cols!(),
                    " FROM asks WHERE id = $1"
                ))
                .bind(id)
                .fetch_optional(&self.pool)
                .await
                .map_err(db)?;
                row.map(Ask::try_from).transpose()
            }

            async fn asks(&self, f: &AskFilter) -> $crate::Result<Vec<Ask>> {
                let sql = asks_sql(f);
                let mut q = sqlx::query_as::<$db, AskRow>(&sql);
                for s in &f.statuses {
                    q = q.bind(s.as_str());
                }
                if let Some(m) = f.member_id {
                    q = q.bind(m);
                }
                if let Some(m) = f.exclude_member {
                    q = q.bind(m);
                }
                if let Some(d) = &f.not_expired_on {
                    q = q.bind(d.as_str());
                }
                if let Some((limit, offset)) = asks_paging(f) {
                    q = q.bind(limit).bind(offset);
                }
                let rows = q.fetch_all(&self.pool).await.map_err(db)?;
                convert(rows)
            }

            async fn count_asks(&self) -> $crate::Result<i64> {
                sqlx::query_scalar::<$db, i64>("SELECT COUNT(*) FROM asks")
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db)
            }

            async fn revisions(&self, ask_id: Id) -> $crate::Result<Vec<AskRevision>> {
                let rows = sqlx::query_as::<$db, RevisionRow>(concat!(
                    "SELECT ",
                    revision_cols!(),
                    " FROM ask_revisions WHERE ask_id = $1 ORDER BY revision"
                ))
                .bind(ask_id)
                .fetch_all(&self.pool)
                .await
                .map_err(db)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            // --- intents

            async fn add_intent(
                &self,
                ask_id: Id,
                member_id: Id,
                note: &str,
                now: Timestamp,
            ) -> $crate::Result<Intent> {
                let row = sqlx::query_as::<$db, IntentRow>(concat!(
                    "INSERT INTO intents (ask_id, member_id, note, created_at) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (ask_id, member_id) DO UPDATE SET note = excluded.note RETURNING ",
                    intent_cols!()
                ))
                .bind(ask_id)
                .bind(member_id)
                .bind(note)
                .bind(now)
                .fetch_one(&self.pool)
                .await
                .map_err(db)?;
                Ok(row.into())
            }

            async fn intents(&self, ask_id: Id) -> $crate::Result<Vec<Intent>> {
                let rows = sqlx::query_as::<$db, IntentRow>(concat!(
                    "SELECT ",
                    intent_cols!(),
                    " FROM intents WHERE ask_id = $1 ORDER BY created_at, member_id"
                ))
                .bind(ask_id)
                .fetch_all(&self.pool)
                .await
                .map_err(db)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn intents_by(&self, member_id: Id) -> $crate::Result<Vec<Intent>> {
                let rows = sqlx::query_as::<$db, IntentRow>(concat!(
                    "SELECT ",
                    intent_cols!(),
                    " FROM intents WHERE member_id = $1 ORDER BY created_at, ask_id"
                ))
                .bind(member_id)
                .fetch_all(&self.pool)
                .await
                .map_err(db)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }
        }

        impl $store {
            fn insert_member_query<'q>(
                m: &'q NewMember,
                email: &'q str,
                now: Timestamp,
            ) -> sqlx::query::QueryAs<'q, $db, MemberRow, <$db as sqlx::Database>::Arguments<'q>> {
                sqlx::query_as::<$db, MemberRow>(concat!(
                    "INSERT INTO members (email, role, status, family_name, given_name, family_kana, given_kana, \
                     company, title, industry, offer, lang, password_hash, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING ",
                    member_cols!()
                ))
                .bind(email)
                .bind(m.role.unwrap_or(Role::Member).as_str())
                .bind(default_status(m).as_str())
                .bind(&m.family_name)
                .bind(&m.given_name)
                .bind(&m.family_kana)
                .bind(&m.given_kana)
                .bind(&m.company)
                .bind(&m.title)
                .bind(&m.industry)
                .bind(&m.offer)
                .bind(m.lang.as_deref().unwrap_or("ja"))
                .bind(m.password_hash.as_deref())
                .bind(now)
            }

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
                .bind(&a.band)
                .bind(now)
            }
        }
    };
}
pub(crate) use impl_store;

/// `Ok` when an UPDATE touched a row, else [`StoreError::NotFound`].
pub(crate) fn found(rows_affected: u64) -> Result<(), StoreError> {
    if rows_affected == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

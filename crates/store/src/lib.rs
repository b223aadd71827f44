//! # Storage
//!
//! One [`Store`] trait, two implementations: [`SqliteStore`] (the default, an
//! embedded file in WAL mode) and [`PgStore`] (PostgreSQL). The backend is
//! chosen by URL at start ([`open`]). Both use runtime-checked queries
//! (`sqlx::query` + `bind`), so no database is needed at build time, and each
//! dialect has its own migrations folder (`migrations/sqlite`,
//! `migrations/postgres`); applied migrations are never edited. The SQL is
//! written once, by topic, in `src/sql/` and expanded for both pool types;
//! rows decode straight into the [`model`] types.
//!
//! With the feature `test-support`, [`testing`] makes fresh databases for
//! tests (a SQLite temp file, a new PostgreSQL database).

pub mod column;
mod error;
pub mod model;
mod postgres;
mod sql;
mod sqlite;
#[cfg(feature = "test-support")]
pub mod testing;

pub use column::{iso_date, TextForm, UnknownValue, ISO_DATE};
pub use error::{Result, StoreError};
pub use model::*;
pub use postgres::PgStore;
pub use sqlite::SqliteStore;

use std::sync::Arc;

use time::Date;

/// Everything the application persists. Every method is atomic on its own,
/// those that write several rows included (one transaction each:
/// [`Store::import_members`], [`Store::setup_community`],
/// [`Store::set_password_and_end_sessions`], [`Store::save_member_profile`],
/// [`Store::issue_invitation`], [`Store::use_invitation`], asks with their
/// revisions).
#[async_trait::async_trait]
pub trait Store: Send + Sync + 'static {
    /// "sqlite" or "postgres".
    fn backend(&self) -> &'static str;
    /// Closes the connection pool (waits for connections in use to return).
    /// Calls after this fail with [`StoreError::Database`].
    async fn close(&self);

    // --- community
    async fn community(&self) -> Result<Option<Community>>;
    /// [`StoreError::Conflict`] when the community already exists.
    async fn create_community(&self, name: &str, now: Timestamp) -> Result<Community>;
    /// First-run setup: creates the community and its first member (normally
    /// an organizer with a password) in one transaction. The database holds
    /// at most one community, so of concurrent calls exactly one succeeds;
    /// the others get [`StoreError::Conflict`] and write nothing (also a
    /// taken email is [`StoreError::Conflict`], with that email).
    async fn setup_community(
        &self,
        name: &str,
        organizer: &NewMember,
        now: Timestamp,
    ) -> Result<(Community, Member)>;

    // --- members
    /// The email is stored trimmed and lower-cased; [`StoreError::Conflict`]
    /// (with that email) when it is taken. Defaults: role member, status
    /// active with a password hash and invited without, lang Japanese.
    async fn create_member(&self, m: &NewMember, now: Timestamp) -> Result<Member>;
    /// Creates all members in one transaction; on any error nothing is written.
    /// A taken email, or one twice in the batch, is [`StoreError::Conflict`]
    /// with that email. Returns the members in the order given.
    async fn import_members(&self, ms: &[NewMember], now: Timestamp) -> Result<Vec<Member>>;
    async fn member(&self, id: Id) -> Result<Option<Member>>;
    /// Case-insensitive (the argument is trimmed and lower-cased).
    async fn member_by_email(&self, email: &str) -> Result<Option<Member>>;
    /// All members, ordered by id.
    async fn members(&self) -> Result<Vec<Member>>;
    async fn count_members(&self) -> Result<i64>;
    /// Update methods return [`StoreError::NotFound`] for an unknown id. A
    /// [`MemberUpdate`] without `lang` keeps the stored language.
    async fn update_member(&self, id: Id, u: &MemberUpdate) -> Result<Member>;
    async fn set_password(&self, id: Id, hash: &str) -> Result<()>;
    /// A password change, in one transaction: sets the hash, deletes every
    /// session and API token of the member, revokes their pending links and
    /// clears their login failures.
    async fn set_password_and_end_sessions(&self, id: Id, hash: &str, now: Timestamp)
        -> Result<()>;
    /// Saves a member's basics and profile JSON in one transaction (both or
    /// neither); returns the updated member.
    async fn save_member_profile(
        &self,
        id: Id,
        u: &MemberUpdate,
        profile: &str,
        now: Timestamp,
    ) -> Result<Member>;
    async fn set_member_status(&self, id: Id, status: MemberStatus) -> Result<()>;
    async fn set_member_role(&self, id: Id, role: Role) -> Result<()>;
    /// Records a failed login; returns the count of consecutive failures.
    /// `locked_until` replaces the stored value.
    async fn record_login_failure(&self, id: Id, locked_until: Option<Timestamp>) -> Result<i64>;
    /// Resets the failure count and the lock.
    async fn clear_login_failures(&self, id: Id) -> Result<()>;
    /// Deletes a member with everything that is theirs (profile, circles,
    /// sessions, API tokens, invitations for them, asks with their revisions
    /// and intents, their intents); invitations they sent keep
    /// `created_by = None`. False when there was no such member.
    async fn delete_member(&self, id: Id) -> Result<bool>;

    // --- profiles (JSON owned by the web layer)
    async fn profile(&self, member_id: Id) -> Result<Option<ProfileRecord>>;
    /// Creates or replaces; [`StoreError::NotFound`] for an unknown member.
    async fn put_profile(&self, member_id: Id, data: &str, now: Timestamp) -> Result<()>;
    /// All profiles, ordered by member id.
    async fn profiles(&self) -> Result<Vec<ProfileRecord>>;

    // --- circles
    /// A member's circles, ordered by id.
    async fn circles(&self, member_id: Id) -> Result<Vec<Circle>>;
    /// Everyone's circles, ordered by id.
    async fn all_circles(&self) -> Result<Vec<Circle>>;
    async fn add_circle(
        &self,
        member_id: Id,
        name: &str,
        description: &str,
        now: Timestamp,
    ) -> Result<Circle>;
    /// Deletes a member's own circle; false when it does not exist or is not theirs.
    async fn delete_circle(&self, member_id: Id, circle_id: Id) -> Result<bool>;

    // --- invitations
    /// The email is stored trimmed and lower-cased; [`StoreError::Conflict`]
    /// for a token hash already in use, [`StoreError::NotFound`] for an
    /// unknown member.
    async fn create_invitation(&self, i: &NewInvitation) -> Result<Invitation>;
    async fn invitation_by_token_hash(&self, token_hash: &str) -> Result<Option<Invitation>>;
    /// All invitations, ordered by id.
    async fn invitations(&self) -> Result<Vec<Invitation>>;
    /// Sets `accepted_at` (the first acceptance time is kept).
    async fn accept_invitation(&self, id: Id, now: Timestamp) -> Result<()>;
    /// Revokes every pending (not accepted, not revoked) link of a member;
    /// returns how many.
    async fn revoke_invitations_of(&self, member_id: Id, now: Timestamp) -> Result<u64>;
    /// Creates a link after revoking the member's pending ones (at
    /// `i.created_at`), in one transaction, so only the newest link works.
    /// Errors as [`Store::create_invitation`].
    async fn issue_invitation(&self, i: &NewInvitation) -> Result<Invitation>;
    /// Uses a link, in one transaction: the link must be pending at `now`
    /// (not accepted, revoked or expired) and its member in the status its
    /// kind requires ([`InvitationKind::member_status`]: invited for an
    /// invitation, active for a reset). Then it saves `names` (every field of
    /// the update), sets the password hash, makes the member active, clears
    /// login failures, deletes the member's sessions and API tokens, marks
    /// the link accepted and revokes the member's other pending links.
    /// Returns the updated member. [`StoreError::NotFound`] for an unknown
    /// link, [`StoreError::Conflict`] (`"invitation"`) when it cannot be
    /// used; of concurrent uses of one link exactly one succeeds.
    async fn use_invitation(
        &self,
        id: Id,
        names: &MemberUpdate,
        hash: &str,
        now: Timestamp,
    ) -> Result<Member>;

    // --- sessions
    /// [`StoreError::Conflict`] for an `id_hash` already in use.
    async fn create_session(&self, s: &Session) -> Result<()>;
    /// The session, expired or not (the caller checks `expires_at`).
    async fn session(&self, id_hash: &str) -> Result<Option<Session>>;
    async fn delete_session(&self, id_hash: &str) -> Result<()>;
    async fn delete_sessions_of(&self, member_id: Id) -> Result<()>;
    /// Deletes sessions with `expires_at <= now`; returns how many.
    async fn delete_expired_sessions(&self, now: Timestamp) -> Result<u64>;

    // --- API tokens
    /// [`StoreError::Conflict`] for a token hash already in use.
    async fn create_api_token(
        &self,
        member_id: Id,
        name: &str,
        token_hash: &str,
        now: Timestamp,
    ) -> Result<ApiToken>;
    async fn api_token(&self, token_hash: &str) -> Result<Option<ApiToken>>;
    /// A member's tokens, ordered by id.
    async fn api_tokens(&self, member_id: Id) -> Result<Vec<ApiToken>>;
    /// Deletes a member's own token; false when it does not exist or is not theirs.
    async fn delete_api_token(&self, member_id: Id, id: Id) -> Result<bool>;
    /// Deletes every token of a member; returns how many.
    async fn delete_api_tokens_of(&self, member_id: Id) -> Result<u64>;
    async fn touch_api_token(&self, id: Id, now: Timestamp) -> Result<()>;

    // --- asks
    /// Creates an ask with its first revision (`revision` 1).
    async fn create_ask(
        &self,
        member_id: Id,
        d: &AskDraft,
        status: AskStatus,
        expires_on: Option<Date>,
        now: Timestamp,
    ) -> Result<Ask>;
    /// Saves a new revision of the text (and its reading) and makes it current.
    async fn revise_ask(&self, id: Id, d: &AskDraft, now: Timestamp) -> Result<Ask>;
    async fn set_ask_status(&self, id: Id, status: AskStatus, now: Timestamp) -> Result<Ask>;
    async fn set_ask_expiry(&self, id: Id, expires_on: Option<Date>, now: Timestamp)
        -> Result<Ask>;
    async fn ask(&self, id: Id) -> Result<Option<Ask>>;
    /// Asks matching the filter, newest first (`updated_at` descending, then
    /// id descending). `not_expired_on` keeps asks without an expiry and
    /// those expiring on that day or later.
    async fn asks(&self, f: &AskFilter) -> Result<Vec<Ask>>;
    async fn count_asks(&self) -> Result<i64>;
    /// Revisions of an ask, oldest first.
    async fn revisions(&self, ask_id: Id) -> Result<Vec<AskRevision>>;

    // --- 「知り合いにいます」
    /// Records (or updates the note of) a member's intent for an ask; an
    /// update keeps the first `created_at`.
    async fn add_intent(
        &self,
        ask_id: Id,
        member_id: Id,
        note: &str,
        now: Timestamp,
    ) -> Result<Intent>;
    /// Intents for an ask, oldest first.
    async fn intents(&self, ask_id: Id) -> Result<Vec<Intent>>;
    /// A member's intents, oldest first.
    async fn intents_by(&self, member_id: Id) -> Result<Vec<Intent>>;
}

/// Opens the store a URL names and applies pending migrations:
/// `sqlite:PATH`, `sqlite://PATH` or `sqlite::memory:` for [`SqliteStore`],
/// `postgres://…` or `postgresql://…` for [`PgStore`].
pub async fn open(url: &str) -> Result<Arc<dyn Store>> {
    let url = url.trim();
    if url.starts_with("sqlite:") {
        Ok(Arc::new(SqliteStore::connect(url).await?))
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(PgStore::connect(url).await?))
    } else {
        Err(StoreError::UnsupportedUrl(redact(url)))
    }
}

/// The URL with any password replaced by `***`, for logs: the one in
/// `scheme://user:password@host` and a `password=` query parameter.
pub fn redact(url: &str) -> String {
    let (main, query) = match url.split_once('?') {
        Some((m, q)) => (m, Some(q)),
        None => (url, None),
    };
    let mut out = match main.find("://") {
        Some(i) => {
            let (scheme, rest) = main.split_at(i + 3);
            let end = rest.find('/').unwrap_or(rest.len());
            let (authority, path) = rest.split_at(end);
            match authority.rfind('@') {
                Some(at) => {
                    let (userinfo, host) = authority.split_at(at);
                    match userinfo.split_once(':') {
                        Some((user, _)) => format!("{scheme}{user}:***{host}{path}"),
                        None => main.to_string(),
                    }
                }
                None => main.to_string(),
            }
        }
        None => main.to_string(),
    };
    if let Some(query) = query {
        let params: Vec<String> = query
            .split('&')
            .map(|kv| match kv.split_once('=') {
                Some((k, _)) if k.eq_ignore_ascii_case("password") => format!("{k}=***"),
                _ => kv.to_string(),
            })
            .collect();
        out.push('?');
        out.push_str(&params.join("&"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn redact_hides_passwords() {
        assert_eq!(
            redact("postgres://u:secret@db:5432/antenna"),
            "postgres://u:***@db:5432/antenna"
        );
        assert_eq!(
            redact("postgresql://u:p%40ss@h/d?sslmode=require"),
            "postgresql://u:***@h/d?sslmode=require"
        );
        assert_eq!(redact("postgres://u:a@b@h/d"), "postgres://u:***@h/d");
        assert_eq!(
            redact("postgres://h/d?user=u&password=secret&x=1"),
            "postgres://h/d?user=u&password=***&x=1"
        );
        assert_eq!(
            redact("postgres://postgres@127.0.0.1:5432/postgres"),
            "postgres://postgres@127.0.0.1:5432/postgres"
        );
        assert_eq!(redact("sqlite:data/antenna.db"), "sqlite:data/antenna.db");
        assert_eq!(redact("sqlite::memory:"), "sqlite::memory:");
        assert!(!redact("postgres://u:hunter2@h").contains("hunter2"));
    }
}

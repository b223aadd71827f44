//! The stored domain: communities' members, their profiles and circles, asks
//! with their revisions, invitations, sessions and API tokens.
//!
//! Times are Unix seconds (UTC) as `i64`; dates the user picks (an ask's
//! expiry) are [`Date`]s, stored and serialized as `YYYY-MM-DD`. Enums,
//! bands and languages are typed here and text in the database
//! ([`crate::column`]). Profiles and ask readings are kept as JSON text: the
//! store does not interpret them, the web layer and the matching crate do.

use antenna_ask::{Band, Lang};
use serde::{Deserialize, Serialize};
use time::Date;

use crate::column::{iso_date, stored_as_text, OptText, Text};

pub type Id = i64;
/// Unix seconds, UTC.
pub type Timestamp = i64;

stored_as_text!(Role, "member role");
stored_as_text!(MemberStatus, "member status");
stored_as_text!(AskStatus, "ask status");
stored_as_text!(InvitationKind, "invitation kind");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(strum::EnumString, strum::IntoStaticStr, strum::Display, strum::VariantArray)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Role {
    Member,
    Organizer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(strum::EnumString, strum::IntoStaticStr, strum::Display, strum::VariantArray)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum MemberStatus {
    /// Imported or invited, has not set a password yet.
    Invited,
    Active,
    Disabled,
}

/// The community this server runs (one per database).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Community {
    pub name: String,
    pub created_at: Timestamp,
}

/// A member (メンバー) or organizer (運営). Names as Japanese users write them:
/// 姓 (family) then 名 (given), with ふりがな.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Member {
    pub id: Id,
    pub email: String,
    pub role: Role,
    pub status: MemberStatus,
    pub family_name: String,
    pub given_name: String,
    pub family_kana: String,
    pub given_kana: String,
    pub company: String,
    pub title: String,
    pub industry: String,
    /// What they do and can offer (自己紹介・提供できること).
    pub offer: String,
    /// UI language (stored as "ja" or "en").
    #[sqlx(try_from = "Text<Lang>")]
    pub lang: Lang,
    pub created_at: Timestamp,
    #[serde(skip)]
    pub password_hash: Option<String>,
    #[serde(skip)]
    pub failed_logins: i64,
    #[serde(skip)]
    pub locked_until: Option<Timestamp>,
}

/// Fields to create a member (by invitation, import or the demo).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewMember {
    pub email: String,
    pub role: Option<Role>,
    pub status: Option<MemberStatus>,
    pub family_name: String,
    pub given_name: String,
    pub family_kana: String,
    pub given_kana: String,
    pub company: String,
    pub title: String,
    pub industry: String,
    pub offer: String,
    /// Japanese when none is given.
    #[cfg_attr(
        feature = "openapi",
        schema(value_type = Option<String>, pattern = "^(ja|en)$")
    )]
    pub lang: Option<Lang>,
    pub password_hash: Option<String>,
}

/// The editable basics of a member (everything but email, role and status).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct MemberUpdate {
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 50, required = true)
    )]
    pub family_name: String,
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 50, required = true)
    )]
    pub given_name: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 50))]
    pub family_kana: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 50))]
    pub given_kana: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub company: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub title: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub industry: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub offer: String,
    /// The UI language; none keeps the stored one.
    #[cfg_attr(
        feature = "openapi",
        schema(value_type = Option<String>, pattern = "^(ja|en)$")
    )]
    pub lang: Option<Lang>,
}

/// A member's matching attributes, stored as JSON (shape owned by the web layer).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct ProfileRecord {
    pub member_id: Id,
    pub data: String,
    pub updated_at: Timestamp,
}

/// A circle (つながりのある場): where a member knows many people.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Circle {
    pub id: Id,
    pub member_id: Id,
    pub name: String,
    pub description: String,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(strum::EnumString, strum::IntoStaticStr, strum::Display, strum::VariantArray)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum AskStatus {
    Draft,
    Published,
    Paused,
    Fulfilled,
    Closed,
}

/// An ask (紹介依頼) in its current revision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Ask {
    pub id: Id,
    pub member_id: Id,
    pub text: String,
    pub status: AskStatus,
    /// The last day the ask shows on the board (`YYYY-MM-DD` in JSON).
    #[sqlx(try_from = "OptText<Date>")]
    #[serde(with = "iso_date::option", default)]
    pub expires_on: Option<Date>,
    /// The coach's reading of `text` (JSON of `antenna_ask::Reading`).
    pub reading: String,
    pub bits: f64,
    #[sqlx(try_from = "Text<Band>")]
    pub band: Band,
    pub revision: i64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// What a new ask or a new revision carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AskDraft {
    pub text: String,
    pub reading: String,
    pub bits: f64,
    pub band: Band,
}

/// One saved version of an ask.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AskRevision {
    pub ask_id: Id,
    pub revision: i64,
    pub text: String,
    pub reading: String,
    pub bits: f64,
    #[sqlx(try_from = "Text<Band>")]
    #[cfg_attr(
        feature = "openapi",
        schema(value_type = String, pattern = "^(thin|fuzzy|clear|narrow)$")
    )]
    pub band: Band,
    pub created_at: Timestamp,
}

/// Which asks to list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AskFilter {
    pub statuses: Vec<AskStatus>,
    pub member_id: Option<Id>,
    pub exclude_member: Option<Id>,
    /// Hide asks whose expiry date is before this day.
    #[serde(with = "iso_date::option", default)]
    pub not_expired_on: Option<Date>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

/// 「知り合いにいます」: a member says they know someone for an ask.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Intent {
    pub ask_id: Id,
    pub member_id: Id,
    pub note: String,
    pub created_at: Timestamp,
}

/// What a one-time link is for: joining (the member is still invited) or
/// choosing a new password (the member is active).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(strum::EnumString, strum::IntoStaticStr, strum::Display, strum::VariantArray)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum InvitationKind {
    Invitation,
    Reset,
}

impl InvitationKind {
    /// The status the member must have for a link of this kind to be used.
    pub fn member_status(self) -> MemberStatus {
        match self {
            InvitationKind::Invitation => MemberStatus::Invited,
            InvitationKind::Reset => MemberStatus::Active,
        }
    }
}

/// A one-time link (an invitation or a password reset).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invitation {
    pub id: Id,
    pub email: String,
    pub family_name: String,
    pub given_name: String,
    pub role: Role,
    /// SHA-256 (hex) of the secret in the link; the secret itself is never stored.
    pub token_hash: String,
    /// The member record the invitation completes.
    pub member_id: Id,
    pub created_by: Option<Id>,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    pub accepted_at: Option<Timestamp>,
    pub kind: InvitationKind,
    /// Set when a newer link, a password change or an organizer made this
    /// link unusable.
    pub revoked_at: Option<Timestamp>,
}

impl Invitation {
    /// Not accepted, not revoked and not expired at `now`.
    pub fn is_pending(&self, now: Timestamp) -> bool {
        self.accepted_at.is_none() && self.revoked_at.is_none() && self.expires_at > now
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewInvitation {
    pub member_id: Id,
    pub email: String,
    pub family_name: String,
    pub given_name: String,
    pub role: Role,
    pub kind: InvitationKind,
    pub token_hash: String,
    pub created_by: Option<Id>,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
}

/// A server-side login session. The cookie holds a secret; the store its hash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Session {
    pub id_hash: String,
    pub member_id: Id,
    pub csrf_token: String,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
}

/// A token for scripts (`Authorization: Bearer …`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiToken {
    pub id: Id,
    pub member_id: Id,
    pub name: String,
    #[serde(skip)]
    pub token_hash: String,
    pub created_at: Timestamp,
    pub last_used_at: Option<Timestamp>,
}

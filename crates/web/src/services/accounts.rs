//! Accounts: first-run setup, logging in (throttled per account and address),
//! invitations and password resets (one-time links; a new link revokes the
//! member's earlier ones; setting a password ends every earlier session and
//! API token), and API tokens. Pages and the API call these; they only parse
//! input and render the answer.

use std::net::IpAddr;

use axum::http::StatusCode;
use serde::{Deserialize, Serialize};

use antenna_store::{
    ApiToken, Id, Invitation, InvitationKind, Member, MemberStatus, MemberUpdate, NewInvitation,
    NewMember, Role, StoreError,
};

use crate::auth::{self, now, sha256_hex, Principal};
use crate::error::{ApiResult, AppError, FieldError, Msg};
use crate::state::AppState;

/// Invitation and reset links are valid for 14 days.
pub const LINK_SECONDS: i64 = 14 * 24 * 3600;

/// Why a login was refused.
pub enum LoginFailure {
    Wrong,
    /// Too many failures for this account from this address (or from this
    /// address overall): wait this long.
    Locked(std::time::Duration),
}

pub fn login_error(f: LoginFailure) -> AppError {
    match f {
        LoginFailure::Wrong => AppError::new(
            StatusCode::UNAUTHORIZED,
            "wrong_credentials",
            Msg("accounts.email_password_wrong"),
        ),
        LoginFailure::Locked(wait) => AppError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "locked",
            Msg("accounts.too_many_failed_attempts"),
        )
        .retry_after(wait),
    }
}

/// Checks a login from `ip`. Known and unknown emails take the same time and
/// get the same answers; only failures count toward a lock.
pub async fn login(
    state: &AppState,
    ip: IpAddr,
    email: &str,
    password: &str,
) -> Result<Member, LoginFailure> {
    let email = email.trim().to_lowercase();
    let pair = (email.clone(), ip);
    let throttle = &state.login_throttle;
    if let Some(wait) = throttle
        .per_account
        .blocked(&pair)
        .or_else(|| throttle.per_address.blocked(&ip))
    {
        return Err(LoginFailure::Locked(wait));
    }
    let member = state.store.member_by_email(&email).await.ok().flatten();
    let ok = match &member {
        Some(m) => {
            // a member without a password yet costs the same time as one with
            let hash = m.password_hash.as_deref();
            let verified = auth::verify_password(password, hash.unwrap_or(auth::DUMMY_HASH));
            verified && hash.is_some() && m.status == MemberStatus::Active
        }
        None => {
            // spend the same time as a real check
            let _ = auth::verify_password(password, auth::DUMMY_HASH);
            false
        }
    };
    match member {
        Some(m) if ok => {
            throttle.per_account.clear(&pair);
            Ok(m)
        }
        _ => {
            let locked = throttle.per_account.record(&pair);
            let address_locked = throttle.per_address.record(&ip);
            if locked || address_locked {
                Err(LoginFailure::Locked(crate::throttle::LOCK))
            } else {
                Err(LoginFailure::Wrong)
            }
        }
    }
}

/// The first organizer and the community, once: the database refuses a
/// second community, so concurrent setups make exactly one.
pub async fn setup(
    state: &AppState,
    community: &str,
    organizer: NewMember,
    password: &str,
) -> ApiResult<Member> {
    let hash = auth::hash_password(password)?;
    let organizer = NewMember {
        password_hash: Some(hash),
        role: Some(Role::Organizer),
        status: Some(MemberStatus::Active),
        ..organizer
    };
    let (_, m) = state
        .store
        .setup_community(community.trim(), &organizer, now())
        .await
        .map_err(|e| match e {
            StoreError::Conflict(_) => AppError::forbidden(),
            other => other.into(),
        })?;
    state.refresh_member(m.id).await?;
    Ok(m)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct InviteBody {
    #[schema(max_length = 254, format = Email)]
    pub email: String,
    #[schema(min_length = 1, max_length = 50)]
    pub family_name: String,
    #[schema(min_length = 1, max_length = 50)]
    pub given_name: String,
    #[serde(default)]
    #[schema(max_length = 50)]
    pub family_kana: String,
    #[serde(default)]
    #[schema(max_length = 50)]
    pub given_kana: String,
    #[schema(value_type = Option<antenna_store::Role>)]
    pub role: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct InvitationOut {
    pub invitation: Invitation,
    /// The link to send; shown once (only its hash is stored).
    pub url: String,
}

/// Creates (or renews) an invitation; returns it with its one-time link.
pub async fn invite(
    state: &AppState,
    by: &Principal,
    body: &InviteBody,
) -> ApiResult<InvitationOut> {
    let mut fields = crate::validate::name_fields(
        &body.family_name,
        &body.given_name,
        &body.family_kana,
        &body.given_kana,
    );
    if let Some(m) = crate::validate::email_problem(&body.email) {
        fields.push(FieldError::new("email", m));
    }
    let role: Option<Role> = body.role.as_deref().unwrap_or("member").parse().ok();
    if role.is_none() {
        fields.push(FieldError::new(
            "role",
            Msg("accounts.role_member_organizer"),
        ));
    }
    if !fields.is_empty() {
        return Err(AppError::invalid(fields));
    }
    let role = role.unwrap_or(Role::Member);
    let email = body.email.trim().to_lowercase();
    let member = match state.store.member_by_email(&email).await? {
        Some(m) if m.status == MemberStatus::Invited => m,
        Some(_) => {
            return Err(AppError::new(
                StatusCode::CONFLICT,
                "already_member",
                Msg("accounts.member_with_email_already"),
            ))
        }
        None => {
            state
                .store
                .create_member(
                    &NewMember {
                        email: email.clone(),
                        role: Some(role),
                        status: Some(MemberStatus::Invited),
                        family_name: body.family_name.trim().into(),
                        given_name: body.given_name.trim().into(),
                        family_kana: body.family_kana.trim().into(),
                        given_kana: body.given_kana.trim().into(),
                        ..NewMember::default()
                    },
                    now(),
                )
                .await?
        }
    };
    issue_link(
        state,
        &member,
        InvitationKind::Invitation,
        Some(by.member.id),
    )
    .await
}

/// A one-time link that lets `member` set a password. Every earlier link of
/// the member stops working.
pub async fn issue_link(
    state: &AppState,
    member: &Member,
    kind: InvitationKind,
    by: Option<Id>,
) -> ApiResult<InvitationOut> {
    let secret = auth::random_token();
    let t = now();
    let invitation = state
        .store
        .issue_invitation(&NewInvitation {
            member_id: member.id,
            email: member.email.clone(),
            family_name: member.family_name.clone(),
            given_name: member.given_name.clone(),
            role: member.role,
            kind,
            token_hash: sha256_hex(&secret),
            created_by: by,
            created_at: t,
            expires_at: t + LINK_SECONDS,
        })
        .await?;
    Ok(InvitationOut {
        invitation,
        url: format!(
            "{}/invite/{secret}",
            state.config.base_url.trim_end_matches('/')
        ),
    })
}

/// The link behind a secret with its member, if it can still be used: not
/// accepted, revoked or expired, and an invitation only while the member
/// has not joined (a reset only for an active member).
pub async fn pending_link(
    state: &AppState,
    secret: &str,
) -> ApiResult<Option<(Invitation, Member)>> {
    let Some(i) = state
        .store
        .invitation_by_token_hash(&sha256_hex(secret.trim()))
        .await?
    else {
        return Ok(None);
    };
    if i.accepted_at.is_some() || i.revoked_at.is_some() || i.expires_at <= now() {
        return Ok(None);
    }
    let Some(m) = state.store.member(i.member_id).await? else {
        return Ok(None);
    };
    let usable = match i.kind {
        InvitationKind::Invitation => m.status == MemberStatus::Invited,
        InvitationKind::Reset => m.status == MemberStatus::Active,
    };
    Ok(usable.then_some((i, m)))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct AcceptBody {
    pub token: String,
    #[schema(min_length = 8, max_length = 128)]
    pub password: String,
    #[schema(min_length = 1, max_length = 50)]
    pub family_name: Option<String>,
    #[schema(min_length = 1, max_length = 50)]
    pub given_name: Option<String>,
    #[schema(max_length = 50)]
    pub family_kana: Option<String>,
    #[schema(max_length = 50)]
    pub given_kana: Option<String>,
}

pub fn invalid_link() -> AppError {
    AppError::new(
        StatusCode::NOT_FOUND,
        "invalid_invitation",
        Msg("invite.invalid"),
    )
}

/// Uses a link: sets the names and the password, activates the member, ends
/// every earlier session and API token, consumes the link — all at once.
pub async fn accept(state: &AppState, body: &AcceptBody) -> ApiResult<Member> {
    let (i, m) = pending_link(state, &body.token)
        .await?
        .ok_or_else(invalid_link)?;
    let pick = |v: &Option<String>, old: &str| v.clone().unwrap_or_else(|| old.to_string());
    let family = pick(&body.family_name, &m.family_name);
    let given = pick(&body.given_name, &m.given_name);
    let fkana = pick(&body.family_kana, &m.family_kana);
    let gkana = pick(&body.given_kana, &m.given_kana);
    let mut fields = crate::validate::name_fields(&family, &given, &fkana, &gkana);
    if let Some(problem) = auth::password_problem(&body.password) {
        fields.push(FieldError::new("password", problem));
    }
    if !fields.is_empty() {
        return Err(AppError::invalid(fields));
    }
    let hash = auth::hash_password(&body.password)?;
    let names = MemberUpdate {
        family_name: family.trim().into(),
        given_name: given.trim().into(),
        family_kana: fkana.trim().into(),
        given_kana: gkana.trim().into(),
        company: m.company.clone(),
        title: m.title.clone(),
        industry: m.industry.clone(),
        offer: m.offer.clone(),
        lang: Some(m.lang),
    };
    let m = state
        .store
        .use_invitation(i.id, &names, &hash, now())
        .await
        .map_err(|e| match e {
            StoreError::NotFound | StoreError::Conflict(_) => invalid_link(),
            other => other.into(),
        })?;
    state.login_throttle.password_changed(&m.email);
    state.refresh_member(m.id).await?;
    Ok(m)
}

/// Organizer: a new one-time link for a member to set a new password. Their
/// sessions end now; their API tokens when the new password is set.
pub async fn reset_password(state: &AppState, by: &Principal, id: Id) -> ApiResult<InvitationOut> {
    let m = state
        .store
        .member(id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let kind = if m.status == MemberStatus::Invited {
        InvitationKind::Invitation
    } else {
        InvitationKind::Reset
    };
    state.store.delete_sessions_of(m.id).await?;
    issue_link(state, &m, kind, Some(by.member.id)).await
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct TokenOut {
    pub token: ApiToken,
    /// The secret: shown once.
    pub secret: String,
}

pub async fn new_token(state: &AppState, p: &Principal, name: &str) -> ApiResult<TokenOut> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::invalid(vec![FieldError::new(
            "name",
            Msg("accounts.give_token_name_1"),
        )]));
    }
    let secret = format!("ant_{}", auth::random_token());
    let token = state
        .store
        .create_api_token(p.member.id, name, &sha256_hex(&secret), now())
        .await?;
    Ok(TokenOut { token, secret })
}

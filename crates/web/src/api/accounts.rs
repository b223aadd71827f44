//! Logging in and out, invitations (communities are closed), password resets
//! by the organizer, and API tokens.

use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;

use antenna_store::{
    ApiToken, Id, Invitation, Member, MemberStatus, NewInvitation, NewMember, Role,
};

use super::JsonBody;
use crate::auth::{self, now, sha256_hex, ApiOrganizer, ApiUser, LoginFailure, Principal, Via};
use crate::error::{ApiResult, AppError, FieldError, Msg};
use crate::i18n::{Lang, UiLang};
use crate::state::AppState;

/// Invitations are valid for 14 days.
pub const INVITATION_SECONDS: i64 = 14 * 24 * 3600;

#[derive(Deserialize)]
pub struct LoginBody {
    pub email: String,
    pub password: String,
}

#[derive(Serialize)]
pub struct LoginOut {
    pub member_id: Id,
    pub role: Role,
    pub csrf_token: String,
}

pub fn login_error(f: LoginFailure) -> AppError {
    match f {
        LoginFailure::Wrong => AppError::new(
            StatusCode::UNAUTHORIZED,
            "wrong_credentials",
            Msg::new(
                "メールアドレスかパスワードが違います。",
                "The email or password is wrong.",
            ),
        ),
        LoginFailure::Locked => AppError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "locked",
            Msg::new(
                "ログインの失敗が続いたため、15分間ログインできません。",
                "Too many failed attempts: logging in is blocked for 15 minutes.",
            ),
        ),
    }
}

pub async fn login(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    JsonBody(body): JsonBody<LoginBody>,
) -> ApiResult<impl IntoResponse> {
    if !state.login_limiter.allow(addr.ip()) {
        return Err(AppError::too_many().lang(lang));
    }
    let m = auth::check_login(&state, &body.email, &body.password)
        .await
        .map_err(|f| login_error(f).lang(lang))?;
    session_for(&state, &m).await
}

/// Starts a session for `m`: the cookie, and the CSRF token scripts send back.
async fn session_for(state: &AppState, m: &Member) -> ApiResult<(HeaderMap, Json<LoginOut>)> {
    let secret = auth::start_session(state, m.id).await?;
    let s = state
        .store
        .session(&sha256_hex(&secret))
        .await?
        .ok_or_else(|| AppError::internal("session vanished"))?;
    let mut headers = HeaderMap::new();
    headers.insert(
        header::SET_COOKIE,
        auth::session_cookie(&secret)
            .parse()
            .map_err(AppError::internal)?,
    );
    Ok((
        headers,
        Json(LoginOut {
            member_id: m.id,
            role: m.role,
            csrf_token: s.csrf_token,
        }),
    ))
}

pub async fn logout(
    State(state): State<AppState>,
    ApiUser(p): ApiUser,
) -> ApiResult<impl IntoResponse> {
    if let Via::Session { id_hash, .. } = &p.via {
        state.store.delete_session(id_hash).await?;
    }
    let mut headers = HeaderMap::new();
    headers.insert(
        header::SET_COOKIE,
        auth::clear_session_cookie()
            .parse()
            .map_err(AppError::internal)?,
    );
    Ok((headers, StatusCode::NO_CONTENT))
}

#[derive(Deserialize)]
pub struct InviteBody {
    pub email: String,
    pub family_name: String,
    pub given_name: String,
    #[serde(default)]
    pub family_kana: String,
    #[serde(default)]
    pub given_kana: String,
    pub role: Option<String>,
}

#[derive(Serialize)]
pub struct InvitationOut {
    pub invitation: Invitation,
    /// The link to send; shown once (only its hash is stored).
    pub url: String,
}

/// Creates (or renews) an invitation; returns it with its one-time link.
pub async fn invite_member(
    state: &AppState,
    by: &Principal,
    body: &InviteBody,
    lang: Lang,
) -> ApiResult<InvitationOut> {
    let mut fields = crate::validate::name_fields(
        &body.family_name,
        &body.given_name,
        &body.family_kana,
        &body.given_kana,
    );
    if let Some(m) = crate::validate::email_problem(&body.email) {
        fields.push(FieldError {
            field: "email".into(),
            message: m.into(),
        });
    }
    let role = Role::parse(body.role.as_deref().unwrap_or("member"));
    if role.is_none() {
        fields.push(FieldError {
            field: "role".into(),
            message: Msg::new(
                "役割は member か organizer です。",
                "role is member or organizer.",
            )
            .into(),
        });
    }
    if !fields.is_empty() {
        return Err(AppError::invalid(fields).lang(lang));
    }
    let role = role.unwrap_or(Role::Member);
    let email = body.email.trim().to_lowercase();
    let member = match state.store.member_by_email(&email).await? {
        Some(m) if m.status == MemberStatus::Invited => m,
        Some(_) => {
            return Err(AppError::new(
                StatusCode::CONFLICT,
                "already_member",
                Msg::new(
                    "このメールアドレスのメンバーはすでに登録済みです。",
                    "A member with this email already exists.",
                ),
            )
            .lang(lang))
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
    issue_link(state, &member, Some(by.member.id)).await
}

/// A one-time link that lets `member` set a password (invitation or reset).
pub async fn issue_link(
    state: &AppState,
    member: &Member,
    by: Option<Id>,
) -> ApiResult<InvitationOut> {
    let secret = auth::random_token();
    let t = now();
    let invitation = state
        .store
        .create_invitation(&NewInvitation {
            member_id: member.id,
            email: member.email.clone(),
            family_name: member.family_name.clone(),
            given_name: member.given_name.clone(),
            role: member.role,
            token_hash: sha256_hex(&secret),
            created_by: by,
            created_at: t,
            expires_at: t + INVITATION_SECONDS,
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

pub async fn invite(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    ApiOrganizer(p): ApiOrganizer,
    JsonBody(body): JsonBody<InviteBody>,
) -> ApiResult<impl IntoResponse> {
    let out = invite_member(&state, &p, &body, lang).await?;
    Ok((StatusCode::CREATED, Json(out)))
}

pub async fn list_invitations(
    State(state): State<AppState>,
    ApiOrganizer(_): ApiOrganizer,
) -> ApiResult<Json<Vec<Invitation>>> {
    Ok(Json(state.store.invitations().await?))
}

/// The pending invitation behind a link secret, if it is still valid.
pub async fn pending_invitation(state: &AppState, secret: &str) -> ApiResult<Option<Invitation>> {
    let Some(i) = state
        .store
        .invitation_by_token_hash(&sha256_hex(secret.trim()))
        .await?
    else {
        return Ok(None);
    };
    Ok((i.accepted_at.is_none() && i.expires_at > now()).then_some(i))
}

#[derive(Deserialize)]
pub struct AcceptBody {
    pub token: String,
    pub password: String,
    pub family_name: Option<String>,
    pub given_name: Option<String>,
    pub family_kana: Option<String>,
    pub given_kana: Option<String>,
}

pub fn invalid_link() -> AppError {
    AppError::new(
        StatusCode::NOT_FOUND,
        "invalid_invitation",
        Msg::new(
            "この招待リンクは無効か、期限が切れています。運営に新しいリンクを依頼してください。",
            "This invitation link is invalid or has expired. Ask the organizer for a new one.",
        ),
    )
}

/// Sets the password (and names), activates the member, consumes the link.
pub async fn accept_invitation(
    state: &AppState,
    body: &AcceptBody,
    lang: Lang,
) -> ApiResult<Member> {
    let i = pending_invitation(state, &body.token)
        .await?
        .ok_or_else(|| invalid_link().lang(lang))?;
    let m = state
        .store
        .member(i.member_id)
        .await?
        .ok_or_else(|| invalid_link().lang(lang))?;
    let family = body
        .family_name
        .clone()
        .unwrap_or_else(|| m.family_name.clone());
    let given = body
        .given_name
        .clone()
        .unwrap_or_else(|| m.given_name.clone());
    let fkana = body
        .family_kana
        .clone()
        .unwrap_or_else(|| m.family_kana.clone());
    let gkana = body
        .given_kana
        .clone()
        .unwrap_or_else(|| m.given_kana.clone());
    let mut fields = crate::validate::name_fields(&family, &given, &fkana, &gkana);
    if let Some(problem) = auth::password_problem(&body.password) {
        fields.push(FieldError {
            field: "password".into(),
            message: problem.into(),
        });
    }
    if !fields.is_empty() {
        return Err(AppError::invalid(fields).lang(lang));
    }
    let hash = auth::hash_password(&body.password)?;
    state
        .store
        .update_member(
            m.id,
            &antenna_store::MemberUpdate {
                family_name: family.trim().into(),
                given_name: given.trim().into(),
                family_kana: fkana.trim().into(),
                given_kana: gkana.trim().into(),
                company: m.company.clone(),
                title: m.title.clone(),
                industry: m.industry.clone(),
                offer: m.offer.clone(),
                lang: m.lang.clone(),
            },
        )
        .await?;
    state.store.set_password(m.id, &hash).await?;
    if m.status == MemberStatus::Invited {
        state
            .store
            .set_member_status(m.id, MemberStatus::Active)
            .await?;
    }
    state.store.clear_login_failures(m.id).await?;
    state.store.accept_invitation(i.id, now()).await?;
    state.refresh_member(m.id).await?;
    state
        .store
        .member(m.id)
        .await?
        .ok_or_else(AppError::not_found)
}

pub async fn accept(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    JsonBody(body): JsonBody<AcceptBody>,
) -> ApiResult<impl IntoResponse> {
    let m = accept_invitation(&state, &body, lang).await?;
    session_for(&state, &m).await
}

/// Organizer: a new one-time link for a member to set a new password; their sessions end.
pub async fn reset_password(
    state: &AppState,
    by: &Principal,
    id: Id,
    lang: Lang,
) -> ApiResult<InvitationOut> {
    let m = state
        .store
        .member(id)
        .await?
        .ok_or_else(|| AppError::not_found().lang(lang))?;
    state.store.delete_sessions_of(m.id).await?;
    issue_link(state, &m, Some(by.member.id)).await
}

pub async fn password_reset(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    ApiOrganizer(p): ApiOrganizer,
    super::ApiPath(id): super::ApiPath<Id>,
) -> ApiResult<impl IntoResponse> {
    Ok((
        StatusCode::CREATED,
        Json(reset_password(&state, &p, id, lang).await?),
    ))
}

#[derive(Deserialize)]
pub struct TokenBody {
    pub name: String,
}

#[derive(Serialize)]
pub struct TokenOut {
    pub token: ApiToken,
    /// The secret: shown once.
    pub secret: String,
}

pub async fn new_token(
    state: &AppState,
    p: &Principal,
    name: &str,
    lang: Lang,
) -> ApiResult<TokenOut> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::invalid(vec![FieldError {
            field: "name".into(),
            message: Msg::new(
                "トークン名を1〜100文字で入力してください。",
                "Give the token a name of 1 to 100 characters.",
            )
            .into(),
        }])
        .lang(lang));
    }
    let secret = format!("ant_{}", auth::random_token());
    let token = state
        .store
        .create_api_token(p.member.id, name, &sha256_hex(&secret), now())
        .await?;
    Ok(TokenOut { token, secret })
}

pub async fn create_token(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    ApiUser(p): ApiUser,
    JsonBody(body): JsonBody<TokenBody>,
) -> ApiResult<impl IntoResponse> {
    Ok((
        StatusCode::CREATED,
        Json(new_token(&state, &p, &body.name, lang).await?),
    ))
}

pub async fn list_tokens(
    State(state): State<AppState>,
    ApiUser(p): ApiUser,
) -> ApiResult<Json<Vec<ApiToken>>> {
    Ok(Json(state.store.api_tokens(p.member.id).await?))
}

pub async fn delete_token(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    ApiUser(p): ApiUser,
    super::ApiPath(id): super::ApiPath<Id>,
) -> ApiResult<StatusCode> {
    if !state.store.delete_api_token(p.member.id, id).await? {
        return Err(AppError::not_found().lang(lang));
    }
    Ok(StatusCode::NO_CONTENT)
}

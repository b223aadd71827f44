//! Logging in and out, invitations (communities are closed), password resets
//! by the organizer, and API tokens: JSON over [`crate::services::accounts`].

use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;

use antenna_store::{ApiToken, Id, Invitation, Member, Role};

use super::{openapi as doc, schema, JsonBody};
use crate::auth::{self, sha256_hex, ApiOrganizer, ApiUser, Via};
use crate::error::{ApiResult, AppError};
use crate::i18n::UiLang;
use crate::services::accounts::{self, login_error, AcceptBody, InviteBody};
use crate::state::AppState;

#[derive(Deserialize, utoipa::ToSchema)]
pub struct LoginBody {
    #[schema(max_length = 254)]
    pub email: String,
    pub password: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct LoginOut {
    pub member_id: Id,
    pub role: Role,
    pub csrf_token: String,
}

#[utoipa::path(
    post,
    path = "/auth/login",
    operation_id = "accounts_login",
    tag = "accounts",
    summary = "Log in (session cookie; returns the CSRF token)",
    request_body = LoginBody,
    responses(
        (
            status = 200,
            description = "Logged in",
            body = LoginOut,
            headers(("set-cookie" = String, description = "The session cookie")),
        ),
        doc::BodyErrors,
        (
            status = 401,
            description = "The email or password is wrong (`wrong_credentials`)",
            body = schema::Error,
        ),
        doc::CrossOrigin,
        doc::TooMany,
    ),
    extensions(("x-role" = json!("public"))),
)]
pub async fn login(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    JsonBody(body): JsonBody<LoginBody>,
) -> ApiResult<impl IntoResponse> {
    let m = accounts::login(&state, addr.ip(), &body.email, &body.password)
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
        auth::session_cookie(&secret, state.config.secure_cookies())
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

#[utoipa::path(
    post,
    path = "/auth/logout",
    operation_id = "accounts_logout",
    tag = "accounts",
    summary = "Log out",
    description = "Ends the session of the cookie; a token stays valid (revoke it with \
        `DELETE /api/v1/tokens/{id}`).",
    responses(
        (
            status = 204,
            description = "Logged out; the session cookie is cleared",
            headers(("set-cookie" = String, description = "Clears the session cookie")),
        ),
        doc::Unauthorized,
        doc::Forbidden,
    ),
    extensions(("x-role" = json!("member"))),
)]
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
        auth::clear_session_cookie(state.config.secure_cookies())
            .parse()
            .map_err(AppError::internal)?,
    );
    Ok((headers, StatusCode::NO_CONTENT))
}

#[utoipa::path(
    post,
    path = "/invitations",
    operation_id = "accounts_invite",
    tag = "accounts",
    summary = "Invite a member (returns the one-time link)",
    request_body = InviteBody,
    responses(
        (
            status = 201,
            description = "The invitation and its link, shown once",
            body = crate::services::accounts::InvitationOut,
        ),
        doc::BodyErrors,
        doc::Unauthorized,
        doc::Forbidden,
        doc::Conflict,
        doc::Invalid,
    ),
    extensions(("x-role" = json!("organizer"))),
)]
pub async fn invite(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    ApiOrganizer(p): ApiOrganizer,
    JsonBody(body): JsonBody<InviteBody>,
) -> ApiResult<impl IntoResponse> {
    let out = accounts::invite(&state, &p, &body)
        .await
        .map_err(|e| e.lang(lang))?;
    Ok((StatusCode::CREATED, Json(out)))
}

#[utoipa::path(
    get,
    path = "/invitations",
    operation_id = "accounts_list_invitations",
    tag = "accounts",
    summary = "Invitations sent",
    responses(
        (status = 200, description = "Invitations", body = Vec<Invitation>),
        doc::Unauthorized,
        doc::Forbidden,
    ),
    extensions(("x-role" = json!("organizer"))),
)]
pub async fn list_invitations(
    State(state): State<AppState>,
    ApiOrganizer(_): ApiOrganizer,
) -> ApiResult<Json<Vec<Invitation>>> {
    Ok(Json(state.store.invitations().await?))
}

#[utoipa::path(
    post,
    path = "/invitations/accept",
    operation_id = "accounts_accept",
    tag = "accounts",
    summary = "Accept an invitation: set your password, get a session",
    request_body = AcceptBody,
    responses(
        (
            status = 200,
            description = "Logged in",
            body = LoginOut,
            headers(("set-cookie" = String, description = "The session cookie")),
        ),
        doc::BodyErrors,
        doc::CrossOrigin,
        (
            status = 404,
            description = "The link is not valid or has expired (`invalid_invitation`)",
            body = schema::Error,
        ),
        doc::Invalid,
    ),
    extensions(("x-role" = json!("public"))),
)]
pub async fn accept(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    JsonBody(body): JsonBody<AcceptBody>,
) -> ApiResult<impl IntoResponse> {
    let m = accounts::accept(&state, &body)
        .await
        .map_err(|e| e.lang(lang))?;
    session_for(&state, &m).await
}

#[utoipa::path(
    post,
    path = "/members/{id}/password-reset",
    operation_id = "accounts_password_reset",
    tag = "accounts",
    summary = "A one-time link for a member to set a new password",
    description = "The member's sessions end now; their API tokens when they set the new password.",
    params(("id" = i64, Path, description = "The member's id")),
    responses(
        (
            status = 201,
            description = "The link, shown once",
            body = crate::services::accounts::InvitationOut,
        ),
        doc::BadRequest,
        doc::Unauthorized,
        doc::Forbidden,
        doc::NotFound,
    ),
    extensions(("x-role" = json!("organizer"))),
)]
pub async fn password_reset(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    ApiOrganizer(p): ApiOrganizer,
    super::ApiPath(id): super::ApiPath<Id>,
) -> ApiResult<impl IntoResponse> {
    Ok((
        StatusCode::CREATED,
        Json(
            accounts::reset_password(&state, &p, id)
                .await
                .map_err(|e| e.lang(lang))?,
        ),
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct TokenBody {
    #[schema(min_length = 1, max_length = 100)]
    pub name: String,
}

#[utoipa::path(
    post,
    path = "/tokens",
    operation_id = "accounts_create_token",
    tag = "accounts",
    summary = "Create an API token (the secret is shown once)",
    request_body = TokenBody,
    responses(
        (
            status = 201,
            description = "The token and its secret",
            body = crate::services::accounts::TokenOut,
        ),
        doc::BodyErrors,
        doc::Unauthorized,
        doc::Forbidden,
        doc::Invalid,
    ),
    extensions(("x-role" = json!("member"))),
)]
pub async fn create_token(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    ApiUser(p): ApiUser,
    JsonBody(body): JsonBody<TokenBody>,
) -> ApiResult<impl IntoResponse> {
    Ok((
        StatusCode::CREATED,
        Json(
            accounts::new_token(&state, &p, &body.name)
                .await
                .map_err(|e| e.lang(lang))?,
        ),
    ))
}

#[utoipa::path(
    get,
    path = "/tokens",
    operation_id = "accounts_list_tokens",
    tag = "accounts",
    summary = "Your API tokens",
    responses(
        (status = 200, description = "Your tokens (never their secrets)", body = Vec<ApiToken>),
        doc::Unauthorized,
    ),
    extensions(("x-role" = json!("member"))),
)]
pub async fn list_tokens(
    State(state): State<AppState>,
    ApiUser(p): ApiUser,
) -> ApiResult<Json<Vec<ApiToken>>> {
    Ok(Json(state.store.api_tokens(p.member.id).await?))
}

#[utoipa::path(
    delete,
    path = "/tokens/{id}",
    operation_id = "accounts_delete_token",
    tag = "accounts",
    summary = "Revoke an API token",
    params(("id" = i64, Path, description = "The token's id")),
    responses(
        (status = 204, description = "Revoked"),
        doc::BadRequest,
        doc::Unauthorized,
        doc::Forbidden,
        doc::NotFound,
    ),
    extensions(("x-role" = json!("member"))),
)]
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

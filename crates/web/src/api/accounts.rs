//! Logging in and out, invitations (communities are closed), password resets
//! by the organizer, and API tokens: JSON over [`crate::services::accounts`].
//!
//! Each handler's doc comment is its summary in the OpenAPI document.

use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use antenna_store::{ApiToken, Id, Invitation, Member, Role};

use super::{openapi as doc, schema, ApiPath, Call, JsonBody};
use crate::auth::{self, sha256_hex, ApiOrganizer, Via};
use crate::error::{ApiResult, AppError};
use crate::i18n::UiLang;
use crate::services::accounts::{
    self, login_error, AcceptBody, InvitationOut, InviteBody, TokenOut,
};
use crate::state::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(password_reset))
        .routes(routes!(list_invitations, invite))
        .routes(routes!(accept))
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(list_tokens, create_token))
        .routes(routes!(delete_token))
}

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

/// The answer of logging in and of accepting an invitation: a session (from
/// [`session_for`]), for `responses(...)`.
#[derive(utoipa::IntoResponses)]
#[response(
    status = 200,
    description = "Logged in",
    headers(("set-cookie" = String, description = "The session cookie"))
)]
pub struct LoggedIn(#[allow(dead_code)] LoginOut);

/// Log in (session cookie; returns the CSRF token)
#[utoipa::path(
    post,
    path = "/auth/login",
    request_body = LoginBody,
    responses(
        LoggedIn,
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
    let cookie = auth::session_cookie(&secret, state.config.secure_cookies());
    let body = LoginOut {
        member_id: m.id,
        role: m.role,
        csrf_token: s.csrf_token,
    };
    Ok((cookie_header(&cookie)?, Json(body)))
}

fn cookie_header(cookie: &str) -> ApiResult<HeaderMap> {
    let mut headers = HeaderMap::new();
    let value = cookie.parse().map_err(AppError::internal)?;
    headers.insert(header::SET_COOKIE, value);
    Ok(headers)
}

/// Log out
#[utoipa::path(
    post,
    path = "/auth/logout",
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
pub async fn logout(c: Call) -> ApiResult<impl IntoResponse> {
    if let Via::Session { id_hash, .. } = &c.p.via {
        c.state.store.delete_session(id_hash).await?;
    }
    let cookie = auth::clear_session_cookie(c.state.config.secure_cookies());
    Ok((cookie_header(&cookie)?, StatusCode::NO_CONTENT))
}

/// Invite a member (returns the one-time link)
#[utoipa::path(
    post,
    path = "/invitations",
    request_body = InviteBody,
    responses(
        (status = 201, description = "The invitation and its link, shown once", body = InvitationOut),
        doc::WriteErrors,
        doc::Conflict,
    ),
    extensions(("x-role" = json!("organizer"))),
)]
pub async fn invite(
    c: Call<ApiOrganizer>,
    JsonBody(body): JsonBody<InviteBody>,
) -> ApiResult<impl IntoResponse> {
    let out = accounts::invite(&c.state, &c.p, &body)
        .await
        .map_err(|e| e.lang(c.lang))?;
    Ok((StatusCode::CREATED, Json(out)))
}

/// Invitations sent
#[utoipa::path(
    get,
    path = "/invitations",
    responses(
        (status = 200, description = "Invitations", body = Vec<Invitation>),
        doc::Unauthorized,
        doc::Forbidden,
    ),
    extensions(("x-role" = json!("organizer"))),
)]
pub async fn list_invitations(c: Call<ApiOrganizer>) -> ApiResult<Json<Vec<Invitation>>> {
    Ok(Json(c.state.store.invitations().await?))
}

/// Accept an invitation: set your password, get a session
#[utoipa::path(
    post,
    path = "/invitations/accept",
    request_body = AcceptBody,
    responses(
        LoggedIn,
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

/// A one-time link for a member to set a new password
///
/// The member's sessions end now; their API tokens when they set the new password.
#[utoipa::path(
    post,
    path = "/members/{id}/password-reset",
    params(("id" = i64, Path, description = "The member's id")),
    responses(
        (status = 201, description = "The link, shown once", body = InvitationOut),
        doc::ItemErrors,
    ),
    extensions(("x-role" = json!("organizer"))),
)]
pub async fn password_reset(
    c: Call<ApiOrganizer>,
    ApiPath(id): ApiPath<Id>,
) -> ApiResult<impl IntoResponse> {
    let link = accounts::reset_password(&c.state, &c.p, id)
        .await
        .map_err(|e| e.lang(c.lang))?;
    Ok((StatusCode::CREATED, Json(link)))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct TokenBody {
    #[schema(min_length = 1, max_length = 100)]
    pub name: String,
}

/// Create an API token (the secret is shown once)
#[utoipa::path(
    post,
    path = "/tokens",
    request_body = TokenBody,
    responses(
        (status = 201, description = "The token and its secret", body = TokenOut),
        doc::WriteErrors,
    ),
    extensions(("x-role" = json!("member"))),
)]
pub async fn create_token(
    c: Call,
    JsonBody(body): JsonBody<TokenBody>,
) -> ApiResult<impl IntoResponse> {
    let token = accounts::new_token(&c.state, &c.p, &body.name)
        .await
        .map_err(|e| e.lang(c.lang))?;
    Ok((StatusCode::CREATED, Json(token)))
}

/// Your API tokens
#[utoipa::path(
    get,
    path = "/tokens",
    responses(
        (status = 200, description = "Your tokens (never their secrets)", body = Vec<ApiToken>),
        doc::Unauthorized,
    ),
    extensions(("x-role" = json!("member"))),
)]
pub async fn list_tokens(c: Call) -> ApiResult<Json<Vec<ApiToken>>> {
    Ok(Json(c.state.store.api_tokens(c.p.member.id).await?))
}

/// Revoke an API token
#[utoipa::path(
    delete,
    path = "/tokens/{id}",
    params(("id" = i64, Path, description = "The token's id")),
    responses((status = 204, description = "Revoked"), doc::ItemErrors),
    extensions(("x-role" = json!("member"))),
)]
pub async fn delete_token(c: Call, ApiPath(id): ApiPath<Id>) -> ApiResult<StatusCode> {
    let deleted = c.state.store.delete_api_token(c.p.member.id, id).await?;
    super::found(&c, deleted)?;
    Ok(StatusCode::NO_CONTENT)
}

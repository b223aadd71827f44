//! The JSON API under `/api/v1`: everything the pages do, for scripts
//! (`Authorization: Bearer <token>`) and for the pages' own live updates
//! (session cookie + `X-CSRF-Token`). Errors are JSON with a stable code.

pub mod accounts;
pub mod asks;
pub mod members;
pub mod openapi;
pub mod org;

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::routing::{delete, get, post};
use axum::Router;
use serde::de::DeserializeOwned;

use crate::error::{AppError, Msg};
use crate::i18n::lang_from_parts;
use crate::state::AppState;

/// A JSON body whose problems answer as JSON errors (400, 413, 415).
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned + Send> FromRequest<AppState> for JsonBody<T> {
    type Rejection = AppError;
    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (parts, body) = req.into_parts();
        let lang = lang_from_parts(&parts);
        let req = Request::from_parts(parts, body);
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(JsonBody(v)),
            Err(rej) => Err(json_rejection(rej).lang(lang)),
        }
    }
}

/// A path parameter whose problems answer as JSON (400 `invalid_path`).
pub struct ApiPath<T>(pub T);

impl<T: DeserializeOwned + Send> axum::extract::FromRequestParts<AppState> for ApiPath<T> {
    type Rejection = AppError;
    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let lang = lang_from_parts(parts);
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(v)) => Ok(ApiPath(v)),
            Err(rej) => Err(AppError::new(
                StatusCode::BAD_REQUEST,
                "invalid_path",
                crate::error::Text {
                    ja: format!("URLの値が正しくありません: {}", rej.body_text()),
                    en: format!("A value in the URL is not valid: {}", rej.body_text()),
                },
            )
            .lang(lang)),
        }
    }
}

/// Query parameters whose problems answer as JSON (400 `invalid_query`).
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned + Send> axum::extract::FromRequestParts<AppState> for ApiQuery<T> {
    type Rejection = AppError;
    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let lang = lang_from_parts(parts);
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(v)) => Ok(ApiQuery(v)),
            Err(rej) => Err(AppError::new(
                StatusCode::BAD_REQUEST,
                "invalid_query",
                crate::error::Text {
                    ja: format!("クエリの値が正しくありません: {}", rej.body_text()),
                    en: format!("A query parameter is not valid: {}", rej.body_text()),
                },
            )
            .lang(lang)),
        }
    }
}

fn json_rejection(rej: JsonRejection) -> AppError {
    let status = rej.status();
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        return AppError::new(
            status,
            "payload_too_large",
            Msg::new(
                "送信データが大きすぎます。",
                "The request body is too large.",
            ),
        );
    }
    if status == StatusCode::UNSUPPORTED_MEDIA_TYPE {
        return AppError::new(
            status,
            "unsupported_media_type",
            Msg::new(
                "Content-Type: application/json で送ってください。",
                "Send the body as Content-Type: application/json.",
            ),
        );
    }
    AppError::new(
        StatusCode::BAD_REQUEST,
        "invalid_json",
        crate::error::Text {
            ja: format!("JSONとして読めません: {}", rej.body_text()),
            en: format!(
                "The body is not valid JSON for this request: {}",
                rej.body_text()
            ),
        },
    )
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/asks/check", post(asks::check))
        .route("/asks", get(asks::list).post(asks::create))
        .route("/asks/{id}", get(asks::get_one).patch(asks::update))
        .route("/asks/{id}/status", post(asks::set_status))
        .route("/asks/{id}/revisions", get(asks::revisions))
        .route(
            "/asks/{id}/intents",
            get(asks::intents).post(asks::add_intent),
        )
        .route("/board", get(asks::board))
        .route("/me", get(members::me))
        .route("/me/profile", axum::routing::put(members::put_profile))
        .route(
            "/me/circles",
            get(members::my_circles).post(members::add_circle),
        )
        .route("/me/circles/{id}", delete(members::delete_circle))
        .route("/members", get(members::list))
        .route("/members/{id}", get(members::get_one))
        .route(
            "/members/{id}/password-reset",
            post(accounts::password_reset),
        )
        .route(
            "/invitations",
            get(accounts::list_invitations).post(accounts::invite),
        )
        .route("/invitations/accept", post(accounts::accept))
        .route("/auth/login", post(accounts::login))
        .route("/auth/logout", post(accounts::logout))
        .route(
            "/tokens",
            get(accounts::list_tokens).post(accounts::create_token),
        )
        .route("/tokens/{id}", delete(accounts::delete_token))
        .route("/import", post(org::import))
        .route("/export.csv", get(org::export))
        .route("/openapi.json", get(openapi::document))
        .fallback(not_found)
}

async fn not_found(crate::i18n::UiLang(lang): crate::i18n::UiLang) -> AppError {
    AppError::not_found().lang(lang)
}

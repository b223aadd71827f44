//! The JSON API under `/api/v1`: everything the pages do, for scripts
//! (`Authorization: Bearer <token>`) and for the pages' own live updates
//! (session cookie + `X-CSRF-Token`). Errors are JSON with a stable code.

pub mod accounts;
pub mod asks;
pub mod members;
pub mod openapi;
pub mod org;
pub mod schema;

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::Router;
use serde::de::DeserializeOwned;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

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

/// An extractor over axum's `$inner` whose rejection answers as a JSON 400
/// with `$code` and the catalogue's `$key` message in the request's language.
macro_rules! url_extractor {
    ($(#[$doc:meta])* $name:ident, $inner:ident, $code:literal, $key:literal) => {
        $(#[$doc])*
        pub struct $name<T>(pub T);

        impl<T: DeserializeOwned + Send> axum::extract::FromRequestParts<AppState> for $name<T> {
            type Rejection = AppError;
            async fn from_request_parts(
                parts: &mut axum::http::request::Parts,
                state: &AppState,
            ) -> Result<Self, Self::Rejection> {
                let lang = lang_from_parts(parts);
                match axum::extract::$inner::<T>::from_request_parts(parts, state).await {
                    Ok(axum::extract::$inner(v)) => Ok($name(v)),
                    Err(rej) => {
                        let detail = rej.body_text();
                        let text = crate::error::Text::fill($key, &[("detail", &detail)]);
                        Err(AppError::new(StatusCode::BAD_REQUEST, $code, text).lang(lang))
                    }
                }
            }
        }
    };
}

url_extractor!(
    /// A path parameter whose problems answer as JSON (400 `invalid_path`).
    ApiPath,
    Path,
    "invalid_path",
    "api.invalid_path"
);
url_extractor!(
    /// Query parameters whose problems answer as JSON (400 `invalid_query`).
    ApiQuery,
    Query,
    "invalid_query",
    "api.invalid_query"
);

fn json_rejection(rej: JsonRejection) -> AppError {
    let status = rej.status();
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        return AppError::new(
            status,
            "payload_too_large",
            Msg("http.request_body_too_large"),
        );
    }
    if status == StatusCode::UNSUPPORTED_MEDIA_TYPE {
        return AppError::new(
            status,
            "unsupported_media_type",
            Msg("api.send_body_as_content"),
        );
    }
    AppError::new(
        StatusCode::BAD_REQUEST,
        "invalid_json",
        crate::error::Text::fill("api.invalid_json", &[("detail", &rej.body_text())]),
    )
}

/// Every API route with its OpenAPI operation: `routes!` takes the method and
/// path from each handler's `#[utoipa::path]`, so what is routed is what
/// [`openapi::openapi`] documents.
pub fn api_router() -> OpenApiRouter<AppState> {
    let (schemas, paths, import) = routes!(org::import);
    let import = import.layer(axum::extract::DefaultBodyLimit::max(crate::IMPORT_LIMIT));
    OpenApiRouter::with_openapi(openapi::base())
        .routes(routes!(asks::check))
        .routes(routes!(asks::list, asks::create))
        .routes(routes!(asks::get_one, asks::update))
        .routes(routes!(asks::set_status))
        .routes(routes!(asks::revisions))
        .routes(routes!(asks::intents, asks::add_intent))
        .routes(routes!(asks::board))
        .routes(routes!(members::me))
        .routes(routes!(members::put_profile))
        .routes(routes!(members::my_circles, members::add_circle))
        .routes(routes!(members::delete_circle))
        .routes(routes!(members::list))
        .routes(routes!(members::get_one))
        .routes(routes!(accounts::password_reset))
        .routes(routes!(accounts::list_invitations, accounts::invite))
        .routes(routes!(accounts::accept))
        .routes(routes!(accounts::login))
        .routes(routes!(accounts::logout))
        .routes(routes!(accounts::list_tokens, accounts::create_token))
        .routes(routes!(accounts::delete_token))
        .routes((schemas, paths, import))
        .routes(routes!(org::export))
        .routes(routes!(openapi::document))
}

pub fn router() -> Router<AppState> {
    let (router, _) = api_router().split_for_parts();
    router.fallback(not_found)
}

async fn not_found(crate::i18n::UiLang(lang): crate::i18n::UiLang) -> AppError {
    AppError::not_found().lang(lang)
}

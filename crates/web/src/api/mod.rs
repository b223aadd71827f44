//! The JSON API under `/api/v1`: everything the pages do, for scripts
//! (`Authorization: Bearer <token>`) and for the pages' own live updates
//! (session cookie + `X-CSRF-Token`). Errors are JSON with a stable code.

pub mod accounts;
pub mod asks;
pub mod members;
pub mod openapi;
pub mod org;
pub mod schema;

use std::marker::PhantomData;

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::Router;
use serde::de::DeserializeOwned;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::{ApiOrganizer, ApiUser, Principal};
use crate::error::{AppError, Msg};
use crate::i18n::{lang_from_parts, Lang};
use crate::state::AppState;

/// A logged-in member's call: the app, the request's language and the
/// member. `A` says who may call: [`ApiUser`] any member, [`ApiOrganizer`]
/// organizers only (with their 401 and 403).
pub struct Call<A = ApiUser> {
    pub state: AppState,
    pub lang: Lang,
    pub p: Principal,
    who: PhantomData<A>,
}

/// The extractors a [`Call`] can require.
pub trait Caller: FromRequestParts<AppState, Rejection = AppError> {
    fn principal(self) -> Principal;
}

impl Caller for ApiUser {
    fn principal(self) -> Principal {
        self.0
    }
}

impl Caller for ApiOrganizer {
    fn principal(self) -> Principal {
        self.0
    }
}

impl<A: Caller> FromRequestParts<AppState> for Call<A> {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let p = A::from_request_parts(parts, state).await?.principal();
        Ok(Call {
            state: state.clone(),
            lang: lang_from_parts(parts),
            p,
            who: PhantomData,
        })
    }
}

/// `Ok` when the thing was there (deleted, found), else 404 in the caller's language.
pub fn found<A>(c: &Call<A>, there: bool) -> Result<(), AppError> {
    if there {
        Ok(())
    } else {
        Err(AppError::not_found().lang(c.lang))
    }
}

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
///
/// Each module's operations are tagged with the module's name, and their
/// ids are `{module}_{function}` (`asks_create`).
pub fn api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(openapi::base())
        .merge(module("asks", asks::routes()))
        .merge(module("members", members::routes()))
        .merge(module("accounts", accounts::routes()))
        .merge(module("org", org::routes()))
        .routes(routes!(openapi::document))
}

/// `routes`' operations tagged `tag`, their ids prefixed with it.
fn module(tag: &str, mut routes: OpenApiRouter<AppState>) -> OpenApiRouter<AppState> {
    for item in routes.get_openapi_mut().paths.paths.values_mut() {
        let ops = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.options,
            &mut item.head,
            &mut item.patch,
            &mut item.trace,
            &mut item.query,
        ];
        for op in ops.into_iter().flatten() {
            op.tags = Some(vec![tag.to_string()]);
            op.operation_id = op.operation_id.take().map(|id| format!("{tag}_{id}"));
        }
    }
    routes
}

pub fn router() -> Router<AppState> {
    let (router, _) = api_router().split_for_parts();
    router.fallback(not_found)
}

async fn not_found(crate::i18n::UiLang(lang): crate::i18n::UiLang) -> AppError {
    AppError::not_found().lang(lang)
}

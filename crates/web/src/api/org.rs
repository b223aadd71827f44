//! Organizer tools over the API: CSV import (preview with `?dry_run=true`)
//! and export.
//!
//! Each handler's doc comment is its summary in the OpenAPI document.

use axum::body::Bytes;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{openapi as doc, schema, ApiQuery, Call};
use crate::auth::ApiOrganizer;
use crate::error::{ApiResult, AppError, FieldError, Msg};
use crate::services::org::{commit, parse_upload, ImportOut};
use crate::state::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    let (schemas, paths, import) = routes!(import);
    let import = import.layer(axum::extract::DefaultBodyLimit::max(crate::IMPORT_LIMIT));
    OpenApiRouter::new()
        .routes((schemas, paths, import))
        .routes(routes!(export))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    pub dry_run: Option<bool>,
}

/// Import members from CSV (UTF-8 or Shift_JIS); ?dry_run=true previews
///
/// All rows or none.
#[utoipa::path(
    post,
    path = "/import",
    params(ImportQuery),
    request_body(
        content = String,
        content_type = "text/csv",
        description = "Japanese or English headers (姓,名,メールアドレス… or \
            family_name,given_name,email…); at most 8 MiB",
    ),
    responses(
        (
            status = 200,
            description = "With `dry_run=true`: the preview, nothing saved",
            body = schema::ImportPreview,
        ),
        (
            status = 201,
            description = "Every row imported, with one invitation link each",
            body = ImportOut,
        ),
        doc::BadRequest,
        doc::Unauthorized,
        doc::Forbidden,
        doc::Conflict,
        (
            status = 413,
            description = "The file is larger than 8 MiB (`payload_too_large`)",
            body = schema::Error,
        ),
        (
            status = 422,
            description = "Some rows have problems; nothing was imported (`invalid_rows`, \
                `fields` names each line)",
            body = schema::Error,
        ),
    ),
    extensions(("x-role" = json!("organizer"))),
)]
pub async fn import(
    c: Call<ApiOrganizer>,
    ApiQuery(q): ApiQuery<ImportQuery>,
    body: Bytes,
) -> ApiResult<impl IntoResponse> {
    let parsed = parse_upload(&c.state, &body).await?;
    if q.dry_run.unwrap_or(false) {
        return Ok((
            StatusCode::OK,
            Json(serde_json::to_value(&parsed).map_err(AppError::internal)?),
        ));
    }
    if !parsed.errors.is_empty() {
        let fields = parsed
            .errors
            .iter()
            .map(|e| FieldError {
                field: format!("line {}: {}", e.line, e.field),
                message: e.message.clone(),
            })
            .collect();
        let mut e = AppError::invalid(fields).lang(c.lang);
        e.code = "invalid_rows";
        e.message = Msg("org.some_rows_have_problems").into();
        return Err(e);
    }
    let out = commit(&c.state, &parsed).await?;
    Ok((
        StatusCode::CREATED,
        Json(serde_json::to_value(&out).map_err(AppError::internal)?),
    ))
}

/// Members as CSV
#[utoipa::path(
    get,
    path = "/export.csv",
    responses(
        (
            status = 200,
            description = "Members as CSV (UTF-8)",
            content_type = "text/csv",
            body = String,
        ),
        doc::Unauthorized,
        doc::Forbidden,
    ),
    extensions(("x-role" = json!("organizer"))),
)]
pub async fn export(c: Call<ApiOrganizer>) -> ApiResult<impl IntoResponse> {
    let csv = crate::services::org::export(&c.state).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"members.csv\"",
            ),
        ],
        csv,
    ))
}

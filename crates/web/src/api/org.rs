//! Organizer tools over the API: CSV import (preview with `?dry_run=true`)
//! and export.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use serde::Deserialize;

use super::{openapi as doc, schema};
use crate::auth::ApiOrganizer;
use crate::error::{ApiResult, AppError, FieldError, Msg};
use crate::i18n::UiLang;
use crate::services::org::{commit, parse_upload};
use crate::state::AppState;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    pub dry_run: Option<bool>,
}

#[utoipa::path(
    post,
    path = "/import",
    operation_id = "org_import",
    tag = "org",
    summary = "Import members from CSV (UTF-8 or Shift_JIS); ?dry_run=true previews",
    description = "All rows or none.",
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
            body = crate::services::org::ImportOut,
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
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    ApiOrganizer(_): ApiOrganizer,
    super::ApiQuery(q): super::ApiQuery<ImportQuery>,
    body: Bytes,
) -> ApiResult<impl IntoResponse> {
    let parsed = parse_upload(&state, &body).await?;
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
        let mut e = AppError::invalid(fields).lang(lang);
        e.code = "invalid_rows";
        e.message = Msg("org.some_rows_have_problems").into();
        return Err(e);
    }
    let out = commit(&state, &parsed).await?;
    Ok((
        StatusCode::CREATED,
        Json(serde_json::to_value(&out).map_err(AppError::internal)?),
    ))
}

#[utoipa::path(
    get,
    path = "/export.csv",
    operation_id = "org_export",
    tag = "org",
    summary = "Members as CSV",
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
pub async fn export(
    State(state): State<AppState>,
    ApiOrganizer(_): ApiOrganizer,
) -> ApiResult<impl IntoResponse> {
    let csv = crate::services::org::export(&state).await?;
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

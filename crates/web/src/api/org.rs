//! Organizer tools over the API: CSV import (preview with `?dry_run=true`)
//! and export.

use std::collections::HashSet;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use serde::{Deserialize, Serialize};

use crate::api::accounts::{issue_link, InvitationOut};
use crate::auth::{now, ApiOrganizer};
use crate::csv_io::{self, Parsed};
use crate::error::{ApiResult, AppError, FieldError, Msg};
use crate::i18n::UiLang;
use crate::state::AppState;

#[derive(Deserialize)]
pub struct ImportQuery {
    pub dry_run: Option<bool>,
}

#[derive(Serialize)]
pub struct ImportOut {
    pub imported: usize,
    pub invitations: Vec<InvitationOut>,
}

pub async fn parse_upload(state: &AppState, bytes: &[u8]) -> ApiResult<Parsed> {
    let existing: HashSet<String> = state
        .store
        .members()
        .await?
        .into_iter()
        .map(|m| m.email)
        .collect();
    Ok(csv_io::parse(bytes, &existing))
}

/// Imports every row or none; returns one invitation link per new member.
pub async fn commit(state: &AppState, parsed: &Parsed) -> ApiResult<ImportOut> {
    let rows: Vec<_> = parsed.rows.iter().map(|r| r.member.clone()).collect();
    let members = state.store.import_members(&rows, now()).await?;
    let mut invitations = Vec::with_capacity(members.len());
    for m in &members {
        invitations.push(issue_link(state, m, None).await?);
    }
    state.reload().await?;
    Ok(ImportOut {
        imported: members.len(),
        invitations,
    })
}

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
        e.message = Msg::new(
            "CSVに問題のある行があります。何も取り込んでいません。",
            "Some rows have problems; nothing was imported.",
        )
        .into();
        return Err(e);
    }
    let out = commit(&state, &parsed).await?;
    Ok((
        StatusCode::CREATED,
        Json(serde_json::to_value(&out).map_err(AppError::internal)?),
    ))
}

pub async fn export(
    State(state): State<AppState>,
    ApiOrganizer(_): ApiOrganizer,
) -> ApiResult<impl IntoResponse> {
    let csv = csv_io::export(&state.store.members().await?);
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

//! The organizer's tools: importing members from CSV (all rows or none, one
//! invitation link each) and exporting them.

use std::collections::HashSet;

use serde::Serialize;

use antenna_store::InvitationKind;

use crate::auth::now;
use crate::csv_io::{self, Parsed};
use crate::error::ApiResult;
use crate::services::accounts::{issue_link, InvitationOut};
use crate::state::AppState;

#[derive(Serialize, utoipa::ToSchema)]
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
        invitations.push(issue_link(state, m, InvitationKind::Invitation, None).await?);
    }
    state.reload().await?;
    Ok(ImportOut {
        imported: members.len(),
        invitations,
    })
}

/// Members as CSV, for the organizer.
pub async fn export(state: &AppState) -> ApiResult<String> {
    Ok(csv_io::export(&state.store.members().await?))
}

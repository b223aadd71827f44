//! A member's API tokens: the list, a new one (its secret shown once), deletion.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

use antenna_store::Id;

use super::profile::CsrfOnly;
use super::{error_page, ok, Chrome, Page};
use crate::services::accounts::new_token;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "tokens.html")]
struct Tokens {
    c: Chrome,
    tokens: Vec<TokenRow>,
    secret: String,
}

/// An API token in the list (never its secret).
struct TokenRow {
    id: Id,
    name: String,
    created: String,
}

async fn tokens_page(state: &AppState, page: &Page, id: Id, secret: String) -> Response {
    let tokens = state
        .store
        .api_tokens(id)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|t| TokenRow {
            id: t.id,
            name: t.name,
            created: crate::i18n::date(page.lang, t.created_at),
        })
        .collect();
    ok(&Tokens {
        c: page.chrome(),
        tokens,
        secret,
    })
}

pub async fn tokens(State(state): State<AppState>, page: Page) -> Response {
    let p = match page.member() {
        Ok(p) => p.clone(),
        Err(r) => return r,
    };
    tokens_page(&state, &page, p.member.id, String::new()).await
}

#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    pub csrf: String,
    pub name: String,
}

pub async fn create_token(
    State(state): State<AppState>,
    page: Page,
    Form(f): Form<TokenForm>,
) -> Response {
    let p = match page.csrf(&f.csrf) {
        Ok(p) => p.clone(),
        Err(r) => return r,
    };
    match new_token(&state, &p, &f.name).await {
        Ok(t) => tokens_page(&state, &page, p.member.id, t.secret).await,
        Err(e) => error_page(page.lang, &e),
    }
}

pub async fn delete_token(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<Id>,
    Form(f): Form<CsrfOnly>,
) -> Response {
    let p = match page.csrf(&f.csrf) {
        Ok(p) => p.clone(),
        Err(r) => return r,
    };
    let _ = state.store.delete_api_token(p.member.id, id).await;
    Redirect::to("/me/tokens").into_response()
}

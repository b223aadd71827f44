//! The board, writing and revising asks with the live coach, an ask's page
//! (reading, revisions, 「知り合いにいます」), and one's own asks.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

use antenna_ask::Band;
use antenna_store::{AskFilter, AskStatus, Id};

use super::public::ReadingView;
use super::{error_page, form_failure, ok, render, Chrome, FieldMessage, Page};
use crate::board::BoardItem;
use crate::services::asks::{self, non_empty, AskChange, NewAsk};
use crate::state::{reading_of, AppState};

#[derive(Template)]
#[template(path = "board.html")]
struct Board {
    c: Chrome,
    items: Vec<BoardItem>,
    next: Option<usize>,
    band_labels: Vec<&'static str>,
}

#[derive(Deserialize)]
pub struct PageQuery {
    pub offset: Option<usize>,
}

fn band_key(b: &Band) -> &'static str {
    match b {
        Band::Thin => "band.thin",
        Band::Fuzzy => "band.fuzzy",
        Band::Clear => "band.clear",
        Band::Narrow => "band.narrow",
    }
}

pub async fn board(
    State(state): State<AppState>,
    page: Page,
    Query(q): Query<PageQuery>,
) -> Response {
    let p = match page.member() {
        Ok(p) => p,
        Err(r) => return r,
    };
    let offset = q.offset.unwrap_or(0);
    let items = crate::board::board(&state, p.member.id, offset, 31, page.lang).await;
    let next = (items.len() > 30).then_some(offset + 30);
    let items: Vec<_> = items.into_iter().take(30).collect();
    let t = page.t();
    let band_labels = items.iter().map(|i| t.s(band_key(&i.band))).collect();
    ok(&Board {
        c: page.chrome(),
        items,
        next,
        band_labels,
    })
}

#[derive(Template)]
#[template(path = "ask_form.html")]
struct AskForm {
    c: Chrome,
    id: Option<Id>,
    text: String,
    expires_on: String,
    errors: Vec<FieldMessage>,
}

pub async fn new_form(page: Page) -> Response {
    if let Err(r) = page.member() {
        return r;
    }
    ok(&AskForm {
        c: page.chrome(),
        id: None,
        text: String::new(),
        expires_on: String::new(),
        errors: vec![],
    })
}

#[derive(Deserialize)]
pub struct AskFormBody {
    #[serde(default)]
    pub csrf: String,
    pub text: String,
    #[serde(default)]
    pub expires_on: String,
    #[serde(default)]
    pub action: String,
}

pub async fn create(
    State(state): State<AppState>,
    page: Page,
    Form(f): Form<AskFormBody>,
) -> Response {
    let p = match page.csrf(&f.csrf) {
        Ok(p) => p.clone(),
        Err(r) => return r,
    };
    let status = if f.action == "draft" {
        AskStatus::Draft
    } else {
        AskStatus::Published
    };
    let cmd = NewAsk {
        text: f.text.clone(),
        status,
        expires_on: non_empty(Some(&f.expires_on)),
    };
    match asks::create(&state, &p, &cmd).await {
        Ok(a) => Redirect::to(&format!("/asks/{}", a.id)).into_response(),
        Err(e) => match form_failure(e, page.lang) {
            Ok(errors) => render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &AskForm {
                    c: page.chrome(),
                    id: None,
                    text: f.text,
                    expires_on: f.expires_on,
                    errors,
                },
            ),
            Err(r) => r,
        },
    }
}

#[derive(Template)]
#[template(path = "ask.html")]
struct AskPage {
    c: Chrome,
    id: Id,
    author: String,
    author_id: Id,
    text: String,
    status: String,
    status_label: &'static str,
    expires_on: String,
    updated: String,
    reading: Option<ReadingView>,
    own: bool,
    organizer: bool,
    revisions: Vec<RevisionRow>,
    intents: Vec<IntentRow>,
    intent_sent: bool,
    message: String,
    /// Status changes the author can make.
    actions: Vec<StatusAction>,
}

/// One version of an ask's text with its score.
struct RevisionRow {
    revision: i64,
    text: String,
    bits: String,
    band_label: String,
}

/// A member's 「知り合いにいます」 on an ask.
struct IntentRow {
    name: String,
    note: String,
    date: String,
}

/// A status the author can move the ask to, with its button label.
struct StatusAction {
    status: &'static str,
    label: &'static str,
}

fn status_key(s: AskStatus) -> &'static str {
    match s {
        AskStatus::Draft => "status.draft",
        AskStatus::Published => "status.published",
        AskStatus::Paused => "status.paused",
        AskStatus::Fulfilled => "status.fulfilled",
        AskStatus::Closed => "status.closed",
    }
}

#[derive(Deserialize)]
pub struct ShowQuery {
    pub sent: Option<u8>,
}

pub async fn show(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<Id>,
    Query(q): Query<ShowQuery>,
) -> Response {
    let p = match page.member() {
        Ok(p) => p.clone(),
        Err(r) => return r,
    };
    let result = async {
        let a = asks::visible(&state, &p, id).await?;
        let own = a.member_id == p.member.id;
        let author = state
            .store
            .member(a.member_id)
            .await?
            .map(|m| format!("{} {}", m.family_name, m.given_name))
            .unwrap_or_default();
        let mut revisions = Vec::new();
        let mut intents = Vec::new();
        if own || p.is_organizer() {
            for r in state.store.revisions(id).await? {
                revisions.push(RevisionRow {
                    revision: r.revision,
                    text: r.text,
                    bits: format!("{:.1}", r.bits),
                    band_label: page.t().s(band_key(&r.band)).to_string(),
                });
            }
            for i in state.store.intents(id).await? {
                let name = state
                    .store
                    .member(i.member_id)
                    .await?
                    .map(|m| format!("{} {}", m.family_name, m.given_name))
                    .unwrap_or_default();
                intents.push(IntentRow {
                    name,
                    note: i.note,
                    date: crate::i18n::date(page.lang, i.created_at),
                });
            }
        }
        let intent_sent = state
            .store
            .intents_by(p.member.id)
            .await?
            .iter()
            .any(|i| i.ask_id == id);
        Ok::<_, crate::error::AppError>(AskPage {
            c: page.chrome(),
            id,
            author,
            author_id: a.member_id,
            text: a.text.clone(),
            status: a.status.as_str().into(),
            status_label: page.t().s(status_key(a.status)),
            expires_on: a.expires_on.map(|d| d.to_string()).unwrap_or_default(),
            updated: crate::i18n::date(page.lang, a.updated_at),
            reading: reading_of(&a).map(|r| ReadingView::new(&r, page.lang)),
            own,
            organizer: p.is_organizer(),
            revisions,
            intents,
            intent_sent,
            message: if q.sent == Some(1) {
                page.t().s("ask.intent_done").into()
            } else {
                String::new()
            },
            actions: [
                ("published", "action.publish"),
                ("paused", "action.pause"),
                ("fulfilled", "action.fulfill"),
                ("closed", "action.close"),
            ]
            .into_iter()
            .filter(|(s, _)| *s != a.status.as_str())
            .map(|(status, k)| StatusAction {
                status,
                label: page.t().s(k),
            })
            .collect(),
        })
    }
    .await;
    match result {
        Ok(t) => ok(&t),
        Err(e) => error_page(page.lang, &e),
    }
}

pub async fn edit_form(State(state): State<AppState>, page: Page, Path(id): Path<Id>) -> Response {
    let p = match page.member() {
        Ok(p) => p.clone(),
        Err(r) => return r,
    };
    match asks::visible(&state, &p, id).await {
        Ok(a) if a.member_id == p.member.id => ok(&AskForm {
            c: page.chrome(),
            id: Some(id),
            text: a.text,
            expires_on: a.expires_on.map(|d| d.to_string()).unwrap_or_default(),
            errors: vec![],
        }),
        Ok(_) => error_page(page.lang, &crate::error::AppError::forbidden()),
        Err(e) => error_page(page.lang, &e),
    }
}

pub async fn update(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<Id>,
    Form(f): Form<AskFormBody>,
) -> Response {
    let p = match page.csrf(&f.csrf) {
        Ok(p) => p.clone(),
        Err(r) => return r,
    };
    let change = AskChange {
        text: Some(f.text.clone()),
        expires_on: Some(non_empty(Some(&f.expires_on))),
    };
    match asks::update(&state, &p, id, &change).await {
        Ok(_) => Redirect::to(&format!("/asks/{id}")).into_response(),
        Err(e) => match form_failure(e, page.lang) {
            Ok(errors) => render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &AskForm {
                    c: page.chrome(),
                    id: Some(id),
                    text: f.text,
                    expires_on: f.expires_on,
                    errors,
                },
            ),
            Err(r) => r,
        },
    }
}

#[derive(Deserialize)]
pub struct StatusForm {
    #[serde(default)]
    pub csrf: String,
    pub status: String,
}

pub async fn status(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<Id>,
    Form(f): Form<StatusForm>,
) -> Response {
    let p = match page.csrf(&f.csrf) {
        Ok(p) => p.clone(),
        Err(r) => return r,
    };
    let changed = match asks::parse_status(&f.status) {
        Ok(status) => asks::change_status(&state, &p, id, status).await,
        Err(e) => Err(e),
    };
    match changed {
        Ok(_) => Redirect::to(&format!("/asks/{id}")).into_response(),
        Err(e) => error_page(page.lang, &e),
    }
}

#[derive(Deserialize)]
pub struct IntentForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub note: String,
}

pub async fn intent(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<Id>,
    Form(f): Form<IntentForm>,
) -> Response {
    let p = match page.csrf(&f.csrf) {
        Ok(p) => p.clone(),
        Err(r) => return r,
    };
    match asks::record_intent(&state, &p, id, &f.note).await {
        Ok(_) => Redirect::to(&format!("/asks/{id}?sent=1")).into_response(),
        Err(e) => error_page(page.lang, &e),
    }
}

#[derive(Template)]
#[template(path = "my_asks.html")]
struct Mine {
    c: Chrome,
    asks: Vec<MyAskRow>,
}

/// One of the member's own asks in their list.
struct MyAskRow {
    id: Id,
    text: String,
    status_label: &'static str,
    bits: String,
    band_label: &'static str,
    /// The band's code, for the CSS class.
    band: &'static str,
}

pub async fn mine(State(state): State<AppState>, page: Page) -> Response {
    let p = match page.member() {
        Ok(p) => p.clone(),
        Err(r) => return r,
    };
    let t = page.t();
    match state
        .store
        .asks(&AskFilter {
            member_id: Some(p.member.id),
            ..AskFilter::default()
        })
        .await
    {
        Ok(asks) => ok(&Mine {
            c: page.chrome(),
            asks: asks
                .into_iter()
                .map(|a| MyAskRow {
                    id: a.id,
                    text: a.text,
                    status_label: t.s(status_key(a.status)),
                    bits: format!("{:.1}", a.bits),
                    band_label: t.s(band_key(&a.band)),
                    band: a.band.as_str(),
                })
                .collect(),
        }),
        Err(e) => error_page(page.lang, &e.into()),
    }
}

//! The organizer's dashboard (運営): every ask with its score, members with
//! password resets, invitations, CSV import with preview and export.

use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Form;
use serde::Deserialize;

use antenna_store::{AskFilter, Id};

use super::{error_page, field_messages, ok, render, Chrome, FieldMessage, Page};
use crate::csv_io::Parsed;
use crate::services::accounts::{self, InviteBody};
use crate::services::org::{commit, parse_upload};
use crate::state::AppState;

#[derive(Default)]
pub struct Notice {
    pub label: &'static str,
    pub links: Vec<InviteLink>,
}

/// A one-time link just made, for the organizer to pass on.
pub struct InviteLink {
    pub email: String,
    pub url: String,
}

#[derive(Template)]
#[template(path = "org.html")]
struct Dashboard {
    c: Chrome,
    asks: Vec<AskRow>,
    members: Vec<MemberRow>,
    notice: Notice,
    invite_errors: Vec<FieldMessage>,
    preview: Option<Preview>,
}

/// An ask in the organizer's table.
struct AskRow {
    id: Id,
    text: String,
    author: String,
    bits: String,
    band_label: String,
    status_label: String,
}

/// A member in the organizer's table.
struct MemberRow {
    id: Id,
    name: String,
    email: String,
    role_label: &'static str,
    status: String,
}

pub struct Preview {
    pub encoding: &'static str,
    pub csv: String,
    pub rows: Vec<ImportRow>,
    pub errors: Vec<ImportProblem>,
}

/// A row of an uploaded CSV that would be imported.
pub struct ImportRow {
    pub line: usize,
    pub name: String,
    pub email: String,
    pub company: String,
}

/// A bad value in an uploaded CSV, by line and column.
pub struct ImportProblem {
    pub line: usize,
    pub field: String,
    pub message: String,
}

async fn dashboard_page(
    state: &AppState,
    page: &Page,
    notice: Notice,
    invite_errors: Vec<FieldMessage>,
    preview: Option<Preview>,
) -> Response {
    let t = page.t();
    let members = match state.store.members().await {
        Ok(m) => m,
        Err(e) => return error_page(page.lang, &e.into()),
    };
    let names: std::collections::HashMap<Id, String> = members
        .iter()
        .map(|m| (m.id, format!("{} {}", m.family_name, m.given_name)))
        .collect();
    let asks = state
        .store
        .asks(&AskFilter {
            limit: Some(100),
            ..AskFilter::default()
        })
        .await
        .unwrap_or_default();
    let band = |b: &antenna_ask::Band| {
        t.s(match b {
            antenna_ask::Band::Thin => "band.thin",
            antenna_ask::Band::Fuzzy => "band.fuzzy",
            antenna_ask::Band::Clear => "band.clear",
            antenna_ask::Band::Narrow => "band.narrow",
        })
    };
    let status = |s: antenna_store::AskStatus| {
        t.s(match s {
            antenna_store::AskStatus::Draft => "status.draft",
            antenna_store::AskStatus::Published => "status.published",
            antenna_store::AskStatus::Paused => "status.paused",
            antenna_store::AskStatus::Fulfilled => "status.fulfilled",
            antenna_store::AskStatus::Closed => "status.closed",
        })
    };
    let asks = asks
        .into_iter()
        .map(|a| AskRow {
            id: a.id,
            text: a.text,
            author: names.get(&a.member_id).cloned().unwrap_or_default(),
            bits: format!("{:.1}", a.bits),
            band_label: band(&a.band).to_string(),
            status_label: status(a.status).to_string(),
        })
        .collect();
    let members = members
        .into_iter()
        .map(|m| MemberRow {
            id: m.id,
            name: format!("{} {}", m.family_name, m.given_name),
            email: m.email,
            role_label: t.s(if m.role == antenna_store::Role::Organizer {
                "role.organizer"
            } else {
                "role.member"
            }),
            status: m.status.as_str().to_string(),
        })
        .collect();
    let status_code =
        if invite_errors.is_empty() && preview.as_ref().is_none_or(|p| p.errors.is_empty()) {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
    render(
        status_code,
        &Dashboard {
            c: page.chrome(),
            asks,
            members,
            notice,
            invite_errors,
            preview,
        },
    )
}

pub async fn dashboard(State(state): State<AppState>, page: Page) -> Response {
    if let Err(r) = page.organizer() {
        return r;
    }
    dashboard_page(&state, &page, Notice::default(), vec![], None).await
}

#[derive(Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    pub csrf: String,
    pub email: String,
    pub family_name: String,
    pub given_name: String,
    #[serde(default)]
    pub role: String,
}

pub async fn invite(
    State(state): State<AppState>,
    page: Page,
    Form(f): Form<InviteForm>,
) -> Response {
    let p = match page.organizer().and_then(|_| page.csrf(&f.csrf)) {
        Ok(p) => p.clone(),
        Err(r) => return r,
    };
    let body = InviteBody {
        email: f.email.clone(),
        family_name: f.family_name.clone(),
        given_name: f.given_name.clone(),
        family_kana: String::new(),
        given_kana: String::new(),
        role: Some(if f.role == "organizer" {
            "organizer".into()
        } else {
            "member".into()
        }),
    };
    match accounts::invite(&state, &p, &body).await {
        Ok(out) => {
            let notice = Notice {
                label: page.t().s("org.invite_done"),
                links: vec![InviteLink {
                    email: f.email,
                    url: out.url,
                }],
            };
            dashboard_page(&state, &page, notice, vec![], None).await
        }
        Err(e) if !e.fields.is_empty() => {
            dashboard_page(
                &state,
                &page,
                Notice::default(),
                field_messages(&e, page.lang),
                None,
            )
            .await
        }
        Err(e) => error_page(page.lang, &e),
    }
}

#[derive(Deserialize)]
pub struct CsrfOnly {
    #[serde(default)]
    pub csrf: String,
}

pub async fn reset(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<Id>,
    Form(f): Form<CsrfOnly>,
) -> Response {
    let p = match page.organizer().and_then(|_| page.csrf(&f.csrf)) {
        Ok(p) => p.clone(),
        Err(r) => return r,
    };
    match accounts::reset_password(&state, &p, id).await {
        Ok(out) => {
            let notice = Notice {
                label: page.t().s("org.reset_done"),
                links: vec![InviteLink {
                    email: out.invitation.email,
                    url: out.url,
                }],
            };
            dashboard_page(&state, &page, notice, vec![], None).await
        }
        Err(e) => error_page(page.lang, &e),
    }
}

fn preview_of(parsed: &Parsed, csv: String, lang: crate::i18n::Lang) -> Preview {
    Preview {
        encoding: parsed.encoding,
        csv,
        rows: parsed
            .rows
            .iter()
            .map(|r| ImportRow {
                line: r.line,
                name: format!("{} {}", r.member.family_name, r.member.given_name),
                email: r.member.email.clone(),
                company: r.member.company.clone(),
            })
            .collect(),
        errors: parsed
            .errors
            .iter()
            .map(|e| ImportProblem {
                line: e.line,
                field: e.field.clone(),
                message: e.message.get(lang).to_string(),
            })
            .collect(),
    }
}

/// Upload (multipart `file`) previews; `commit` with the previewed `csv` imports.
pub async fn import(State(state): State<AppState>, page: Page, mut mp: Multipart) -> Response {
    if let Err(r) = page.organizer() {
        return r;
    }
    let (mut csrf, mut action, mut bytes, mut csv_text) =
        (String::new(), String::new(), Vec::new(), String::new());
    while let Ok(Some(field)) = mp.next_field().await {
        let name = field.name().unwrap_or("").to_string();
        match name.as_str() {
            "csrf" => csrf = field.text().await.unwrap_or_default(),
            "action" => action = field.text().await.unwrap_or_default(),
            "csv" => csv_text = field.text().await.unwrap_or_default(),
            "file" => bytes = field.bytes().await.map(|b| b.to_vec()).unwrap_or_default(),
            _ => {}
        }
    }
    if let Err(r) = page.csrf(&csrf) {
        return r;
    }
    let data = if action == "commit" {
        csv_text.into_bytes()
    } else {
        bytes
    };
    let parsed = match parse_upload(&state, &data).await {
        Ok(p) => p,
        Err(e) => return error_page(page.lang, &e),
    };
    let text = crate::csv_io::decode(&data)
        .map(|(s, _)| s)
        .unwrap_or_default();
    if action != "commit" || !parsed.errors.is_empty() {
        let preview = preview_of(&parsed, text, page.lang);
        return dashboard_page(&state, &page, Notice::default(), vec![], Some(preview)).await;
    }
    match commit(&state, &parsed).await {
        Ok(out) => {
            let links = out
                .invitations
                .into_iter()
                .map(|i| InviteLink {
                    email: i.invitation.email,
                    url: i.url,
                })
                .collect();
            dashboard_page(
                &state,
                &page,
                Notice {
                    label: page.t().s("org.import_done"),
                    links,
                },
                vec![],
                None,
            )
            .await
        }
        Err(e) => error_page(page.lang, &e),
    }
}

pub async fn export(State(state): State<AppState>, page: Page) -> Response {
    if let Err(r) = page.organizer() {
        return r;
    }
    match state.store.members().await {
        Ok(m) => (
            [
                (axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    axum::http::header::CONTENT_DISPOSITION,
                    "attachment; filename=\"members.csv\"",
                ),
            ],
            crate::csv_io::export(&m),
        )
            .into_response(),
        Err(e) => error_page(page.lang, &e.into()),
    }
}

#[allow(dead_code)]
fn _assert_ok<T: Template>(t: &T) -> Response {
    ok(t)
}

//! Server-rendered pages. Every page works without JavaScript; the coach
//! script only adds as-you-type feedback. Forms carry the session's CSRF
//! token; validation messages stand beside their fields.

mod asks;
mod org;
mod people;
mod profile;
mod profile_form;
mod public;
pub mod text;
mod tokens;

use askama::Template;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::auth::Principal;
use crate::error::{AppError, FieldError};
use crate::i18n::{lang_from_parts, Lang};
use crate::state::AppState;
pub use text::Tr;

/// What every page's frame needs.
pub struct Chrome {
    pub t: Tr,
    pub user: Option<UserBox>,
    pub csrf: String,
    pub here: String,
}

pub struct UserBox {
    pub organizer: bool,
}

/// The request as pages see it: who, in which language, where.
pub struct Page {
    pub user: Option<Principal>,
    pub lang: Lang,
    pub here: String,
}

impl FromRequestParts<AppState> for Page {
    type Rejection = Response;
    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let lang = lang_from_parts(parts);
        // where the language switch returns to: the path, without a query to reflect
        let here = parts.uri.path().to_string();
        let crate::auth::MaybeUser(user) = crate::auth::MaybeUser::from_request_parts(parts, state)
            .await
            .map_err(|e| error_page(lang, &e))?;
        // a member's saved language applies unless the header switch set a cookie
        let lang = match (&user, crate::auth::cookie(&parts.headers, "lang")) {
            (Some(p), None) if p.member.lang == Lang::En => Lang::En,
            _ => lang,
        };
        Ok(Page { user, lang, here })
    }
}

impl Page {
    pub fn t(&self) -> Tr {
        Tr(self.lang)
    }

    pub fn chrome(&self) -> Chrome {
        Chrome {
            t: self.t(),
            user: self.user.as_ref().map(|p| UserBox {
                organizer: p.is_organizer(),
            }),
            csrf: self
                .user
                .as_ref()
                .map(|p| p.csrf().to_string())
                .unwrap_or_default(),
            here: self.here.clone(),
        }
    }

    /// The logged-in member, or a redirect to the login page.
    pub fn member(&self) -> Result<&Principal, Response> {
        self.user.as_ref().ok_or_else(|| {
            Redirect::to(&format!("/login?next={}", urlencode(&self.here))).into_response()
        })
    }

    pub fn organizer(&self) -> Result<&Principal, Response> {
        let p = self.member()?;
        if p.is_organizer() {
            Ok(p)
        } else {
            Err(error_page(self.lang, &AppError::forbidden()))
        }
    }

    /// Checks a form's CSRF token against the session.
    pub fn csrf(&self, sent: &str) -> Result<&Principal, Response> {
        let p = self.member()?;
        if crate::auth::same(sent, p.csrf()) && !p.csrf().is_empty() {
            Ok(p)
        } else {
            Err(error_page(self.lang, &AppError::csrf()))
        }
    }
}

/// `next` when it is a path on this site, else `None`: it starts with one
/// `/` (not `//`), no backslash and no control
/// character anywhere (browsers drop tabs and newlines, so `/<TAB>/host`
/// would lead to another host, and a newline cannot go in a header).
pub fn same_site_path(next: Option<&str>) -> Option<String> {
    let n = next?;
    let ok = n.starts_with('/')
        && !n.starts_with("//")
        && !n.contains('\\')
        && !n.chars().any(char::is_control);
    ok.then(|| n.to_string())
}

/// Characters kept as they are in a `next=` path: unreserved ones and `/`.
const PATH_KEEP: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b'/');

pub fn urlencode(s: &str) -> String {
    utf8_percent_encode(s, PATH_KEEP).to_string()
}

/// Renders a template, or a 500 page if it fails.
pub fn render<T: Template>(status: StatusCode, t: &T) -> Response {
    match t.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!("template: {e}");
            (StatusCode::INTERNAL_SERVER_ERROR, "template error").into_response()
        }
    }
}

pub fn ok<T: Template>(t: &T) -> Response {
    render(StatusCode::OK, t)
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    c: Chrome,
    status: u16,
    message: String,
}

pub fn error_page(lang: Lang, e: &AppError) -> Response {
    let c = Chrome {
        t: Tr(lang),
        user: None,
        csrf: String::new(),
        here: "/".into(),
    };
    let mut r = render(
        e.status,
        &ErrorPage {
            c,
            status: e.status.as_u16(),
            message: e.message.get(lang).to_string(),
        },
    );
    if let Some(secs) = e.retry_after_secs() {
        r.headers_mut().insert(header::RETRY_AFTER, secs.into());
    }
    r
}

/// A validation message shown beside its form field.
pub struct FieldMessage {
    /// The form field's name (`text`, `office_tsubo`, …).
    pub field: String,
    /// The message in the page's language.
    pub message: String,
}

impl FieldMessage {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldMessage {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// Field messages for a template, in the page's language.
pub fn field_messages(e: &AppError, lang: Lang) -> Vec<FieldMessage> {
    e.fields
        .iter()
        .map(|f: &FieldError| FieldMessage::new(f.field.clone(), f.message.get(lang)))
        .collect()
}

/// A failed write: field errors go back to the form (422); anything else is an error page.
pub fn form_failure(e: AppError, lang: Lang) -> Result<Vec<FieldMessage>, Response> {
    if e.fields.is_empty() {
        Err(error_page(lang, &e))
    } else {
        Ok(field_messages(&e, lang))
    }
}

async fn css() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../static/app.css"),
    )
}

async fn js() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../static/coach.js"),
    )
}

async fn health() -> &'static str {
    "ok"
}

async fn not_found(page: Page) -> Response {
    error_page(page.lang, &AppError::not_found())
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(public::home))
        .route("/coach", post(public::coach))
        .route("/login", get(public::login_form).post(public::login))
        .route("/logout", post(public::logout))
        .route("/setup", get(public::setup_form).post(public::setup))
        .route(
            "/invite/{token}",
            get(public::invite_form).post(public::invite_accept),
        )
        .route("/lang/{code}", get(public::set_lang))
        .route("/board", get(asks::board))
        .route("/asks/new", get(asks::new_form))
        .route("/asks", post(asks::create))
        .route("/asks/{id}", get(asks::show).post(asks::update))
        .route("/asks/{id}/edit", get(asks::edit_form))
        .route("/asks/{id}/status", post(asks::status))
        .route("/asks/{id}/intent", post(asks::intent))
        .route("/me/asks", get(asks::mine))
        .route("/me/profile", get(profile::form).post(profile::save))
        .route("/me/circles", post(profile::add_circle))
        .route("/me/circles/{id}/delete", post(profile::delete_circle))
        .route("/me/tokens", get(tokens::tokens).post(tokens::create_token))
        .route("/me/tokens/{id}/delete", post(tokens::delete_token))
        .route("/members", get(people::members))
        .route("/members/{id}", get(people::member))
        .route("/org", get(org::dashboard))
        .route("/org/invite", post(org::invite))
        .route("/org/members/{id}/reset", post(org::reset))
        .route(
            "/org/import",
            post(org::import).layer(axum::extract::DefaultBodyLimit::max(crate::IMPORT_LIMIT)),
        )
        .route("/org/export.csv", get(org::export))
        .route("/static/app.css", get(css))
        .route("/static/coach.js", get(js))
        .route("/healthz", get(health))
        .fallback(not_found)
}

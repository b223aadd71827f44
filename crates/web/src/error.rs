//! Errors as users meet them: a stable code, a message in their language,
//! and for forms the field each message belongs to. API routes answer JSON
//! (`{"error": {"code", "message", "fields"}}`); pages render the form again
//! with the messages beside the fields, or an error page. 5xx details are
//! logged, never shown.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::i18n::Lang;
use crate::pages::text::UI;

/// A message of the UI catalogue (`crates/web/i18n/ui.tsv`), by key; the
/// response picks the language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Msg(pub &'static str);

impl Msg {
    pub fn get(&self, lang: Lang) -> &'static str {
        UI.get(lang, self.0)
    }
}

/// A message that may carry a value (a length, a line number).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Text {
    pub ja: String,
    pub en: String,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }
}

impl From<Msg> for Text {
    fn from(m: Msg) -> Self {
        Text {
            ja: m.get(Lang::Ja).to_string(),
            en: m.get(Lang::En).to_string(),
        }
    }
}

impl Text {
    /// A catalogue text with its `{name}` placeholders filled, in both languages.
    pub fn fill(key: &'static str, args: &[(&str, &dyn std::fmt::Display)]) -> Self {
        Text {
            ja: UI.fill(Lang::Ja, key, args),
            en: UI.fill(Lang::En, key, args),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: Text,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<Text>) -> Self {
        FieldError {
            field: field.into(),
            message: message.into(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct AppError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: Text,
    pub fields: Vec<FieldError>,
    pub lang: Lang,
    /// Sent as `Retry-After` (whole seconds, rounded up).
    pub retry_after: Option<std::time::Duration>,
}

impl AppError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<Text>) -> Self {
        AppError {
            status,
            code,
            message: message.into(),
            fields: Vec::new(),
            lang: Lang::Ja,
            retry_after: None,
        }
    }
    pub fn lang(mut self, lang: Lang) -> Self {
        self.lang = lang;
        self
    }
    pub fn retry_after(mut self, wait: std::time::Duration) -> Self {
        self.retry_after = Some(wait);
        self
    }
    /// The `Retry-After` value: whole seconds, at least 1.
    pub fn retry_after_secs(&self) -> Option<u64> {
        self.retry_after
            .map(|w| w.as_secs() + u64::from(w.subsec_nanos() > 0))
            .map(|s| s.max(1))
    }
    pub fn bad_request(code: &'static str, message: impl Into<Text>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, message)
    }
    pub fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            Msg("error.need_log"),
        )
    }
    pub fn forbidden() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            Msg("error.are_not_allowed_do"),
        )
    }
    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", Msg("http.not_found"))
    }
    pub fn csrf() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "csrf",
            Msg("error.form_expired_reload_page"),
        )
    }
    pub fn too_many() -> Self {
        Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_requests",
            Msg("error.too_many_requests_wait"),
        )
    }
    /// A form or body with field messages: 422.
    pub fn invalid(fields: Vec<FieldError>) -> Self {
        let mut e = Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            Msg("error.please_check_fields_below"),
        );
        e.fields = fields;
        e
    }
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        tracing::error!("internal error: {detail}");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            Msg("http.something_went_wrong_server"),
        )
    }
}

impl From<antenna_store::StoreError> for AppError {
    fn from(e: antenna_store::StoreError) -> Self {
        match e {
            antenna_store::StoreError::NotFound => AppError::not_found(),
            antenna_store::StoreError::Conflict(what) => AppError::new(
                StatusCode::CONFLICT,
                "conflict",
                Text::fill("error.conflict", &[("what", &what)]),
            ),
            other => AppError::internal(other),
        }
    }
}

#[derive(Serialize)]
struct Body<'a> {
    error: Inner<'a>,
}

#[derive(Serialize)]
struct Inner<'a> {
    code: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fields: Vec<FieldOut<'a>>,
}

#[derive(Serialize)]
struct FieldOut<'a> {
    field: &'a str,
    message: &'a str,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let lang = self.lang;
        let body = Body {
            error: Inner {
                code: self.code,
                message: self.message.get(lang),
                fields: self
                    .fields
                    .iter()
                    .map(|f| FieldOut {
                        field: &f.field,
                        message: f.message.get(lang),
                    })
                    .collect(),
            },
        };
        let mut r = (self.status, axum::Json(body)).into_response();
        if let Some(secs) = self.retry_after_secs() {
            r.headers_mut()
                .insert(axum::http::header::RETRY_AFTER, secs.into());
        }
        r
    }
}

pub type ApiResult<T> = Result<T, AppError>;

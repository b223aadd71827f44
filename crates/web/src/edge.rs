//! What every request passes through before and after its handler: a
//! same-origin check on state-changing requests (login CSRF included),
//! `Cache-Control: no-store` on everything that is not a static asset, and
//! JSON bodies for the API's errors that no handler produced (405, 413 from
//! a body limit, an unknown route).

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::{AppError, Msg};
use crate::i18n::{lang_from_headers, lang_from_parts};
use crate::state::AppState;

/// `scheme://host[:port]` of a URL, lower-cased.
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.trim().split_once("://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then(|| format!("{}://{}", scheme, host).to_ascii_lowercase())
}

/// Whether the browser says this request comes from another site: an
/// `Origin` (or, without one, a `Referer`) that is neither the configured
/// base URL's origin nor the host the request was sent to, or
/// `Sec-Fetch-Site: cross-site`.
fn cross_site(headers: &HeaderMap, base_url: &str) -> bool {
    let get = |h| headers.get(h).and_then(|v: &HeaderValue| v.to_str().ok());
    if get(header::HeaderName::from_static("sec-fetch-site")) == Some("cross-site") {
        return true;
    }
    let claimed = match (get(header::ORIGIN), get(header::REFERER)) {
        (Some(o), _) => o.trim().to_ascii_lowercase(),
        (None, Some(r)) => match origin_of(r) {
            Some(o) => o,
            None => return true,
        },
        // not a browser (scripts, curl): nothing to forge a session with
        (None, None) => return false,
    };
    if claimed == "null" {
        return true;
    }
    if origin_of(base_url).as_deref() == Some(claimed.as_str()) {
        return false;
    }
    let host = get(header::HOST).unwrap_or("").to_ascii_lowercase();
    let Some((_, claimed_host)) = claimed.split_once("://") else {
        return true;
    };
    host.is_empty() || claimed_host != host
}

/// Refuses state-changing requests from other sites (403), before any
/// handler runs: forms (login included) and cookie-authenticated API calls.
/// Bearer-token calls carry no ambient credential and pass.
pub async fn same_origin(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let unsafe_method = !req.method().is_safe();
    let bearer = req.headers().contains_key(header::AUTHORIZATION);
    if unsafe_method && !bearer && cross_site(req.headers(), &state.config.base_url) {
        let (parts, _) = req.into_parts();
        let lang = lang_from_parts(&parts);
        let e = AppError::new(
            StatusCode::FORBIDDEN,
            "cross_origin",
            Msg("http.forms_sent_from_another"),
        )
        .lang(lang);
        return if parts.uri.path().starts_with("/api/") {
            e.into_response()
        } else {
            crate::pages::error_page(lang, &e)
        };
    }
    next.run(req).await
}

/// `Cache-Control: no-store` unless the handler chose (static assets do):
/// pages show members' data and secrets shown once.
pub async fn no_store(req: Request, next: Next) -> Response {
    let mut r = next.run(req).await;
    r.headers_mut()
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    r
}

fn code_for(status: StatusCode) -> (&'static str, Msg) {
    match status {
        StatusCode::METHOD_NOT_ALLOWED => {
            ("method_not_allowed", Msg("http.method_not_allowed_url"))
        }
        StatusCode::PAYLOAD_TOO_LARGE => ("payload_too_large", Msg("http.request_body_too_large")),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            "unsupported_media_type",
            Msg("http.content_type_not_accepted"),
        ),
        StatusCode::NOT_FOUND => ("not_found", Msg("http.not_found")),
        s if s.is_server_error() => ("internal", Msg("http.something_went_wrong_server")),
        _ => ("bad_request", Msg("http.request_cannot_processed")),
    }
}

/// Under `/api/`, an error answer that is not JSON (from the router or a
/// body limit rather than a handler) becomes the API's JSON error.
pub async fn json_errors(req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let lang = lang_from_headers(req.headers());
    finish(next.run(req).await, lang)
}

fn finish(r: Response, lang: crate::i18n::Lang) -> Response {
    let status = r.status();
    let is_json = r
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return r;
    }
    let (code, msg) = code_for(status);
    let allow = r.headers().get(header::ALLOW).cloned();
    let mut out = AppError::new(status, code, msg).lang(lang).into_response();
    if let Some(allow) = allow {
        out.headers_mut().insert(header::ALLOW, allow);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn only_other_sites_are_cross_site() {
        let base = "https://antenna.example.jp";
        let same = headers(&[("host", "antenna.example.jp"), ("origin", base)]);
        assert!(!cross_site(&same, base));
        let by_host = headers(&[
            ("host", "127.0.0.1:8080"),
            ("origin", "http://127.0.0.1:8080"),
        ]);
        assert!(!cross_site(&by_host, base));
        let evil = headers(&[
            ("host", "antenna.example.jp"),
            ("origin", "https://evil.example"),
        ]);
        assert!(cross_site(&evil, base));
        let null = headers(&[("host", "antenna.example.jp"), ("origin", "null")]);
        assert!(cross_site(&null, base));
        let referer = headers(&[("host", "a.jp"), ("referer", "https://evil.example/x")]);
        assert!(cross_site(&referer, base));
        let fetch = headers(&[("host", "a.jp"), ("sec-fetch-site", "cross-site")]);
        assert!(cross_site(&fetch, base));
        assert!(!cross_site(&headers(&[("host", "a.jp")]), base));
    }

    #[test]
    fn origins_are_scheme_and_host() {
        assert_eq!(
            origin_of("HTTPS://Antenna.example.jp:8443/path?q").as_deref(),
            Some("https://antenna.example.jp:8443")
        );
        assert_eq!(origin_of("/relative"), None);
    }
}

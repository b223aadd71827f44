//! # Antenna on the web
//!
//! An axum app: server-rendered pages (askama templates, Japanese by
//! default, English by switch) and a JSON API under `/api/v1` for the same
//! things. Accounts are closed (invitations only), sessions are stored
//! server-side, every form carries a CSRF token. The ask coach runs in
//! process; an in-memory index (see [`state`]) keeps the board fast.

// Page handlers return `Result<_, Response>` to short-circuit into a redirect or an
// error page; a `Response` is large by nature and boxing it buys nothing here.
#![allow(clippy::result_large_err)]

mod api;
mod auth;
mod board;
mod csv_io;
pub mod demo;
mod edge;
mod error;
mod i18n;
mod pages;
mod services;
mod state;
mod throttle;
mod validate;

use std::net::SocketAddr;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderName, HeaderValue, Request};
use axum::{middleware, Router};
use tower::ServiceBuilder;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};

pub use auth::{hash_password, now};
pub use error::AppError;
pub use services::asks::draft_of;
pub use state::{AppState, Config};

/// The API's OpenAPI document, generated from the handlers (`antenna openapi`
/// prints it; the server serves it at `/api/v1/openapi.json`).
pub fn openapi_document() -> &'static serde_json::Value {
    api::openapi::spec()
}

/// The header that carries each request's id, in the answer and in every log line.
pub const REQUEST_ID: &str = "x-request-id";

/// Request bodies above this are refused with 413 (CSV imports get more).
pub const BODY_LIMIT: usize = 256 * 1024;
pub const IMPORT_LIMIT: usize = 8 * 1024 * 1024;

/// The whole application.
pub fn app(state: AppState) -> Router {
    let request_id = HeaderName::from_static(REQUEST_ID);
    let trace = TraceLayer::new_for_http()
        .make_span_with(|req: &Request<_>| {
            let id = req
                .headers()
                .get(REQUEST_ID)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("-");
            tracing::info_span!("request", id = %id, method = %req.method(), path = %req.uri().path())
        })
        .on_response(DefaultOnResponse::new().level(tracing::Level::INFO));
    Router::new()
        .nest("/api/v1", api::router())
        .merge(pages::router())
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn(edge::json_errors))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            throttle::coach_limit,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            edge::same_origin,
        ))
        .layer(middleware::from_fn(edge::no_store))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(request_id.clone(), MakeRequestUuid))
                .layer(trace)
                .layer(PropagateRequestIdLayer::new(request_id)),
        )
        .with_state(state)
}

/// Serves until SIGTERM or Ctrl-C, then finishes the requests in flight.
pub async fn serve(state: AppState, listener: tokio::net::TcpListener) -> std::io::Result<()> {
    let purge = tokio::spawn(purge_sessions(state.clone()));
    let served = axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await;
    purge.abort();
    served
}

/// How often expired sessions are deleted.
const PURGE_EVERY: std::time::Duration = std::time::Duration::from_secs(3600);

/// Deletes expired sessions at start and then every hour.
async fn purge_sessions(state: AppState) {
    let mut tick = tokio::time::interval(PURGE_EVERY);
    loop {
        tick.tick().await;
        match state.store.delete_expired_sessions(auth::now()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(sessions = n, "purged expired sessions"),
            Err(e) => tracing::warn!("purging expired sessions: {e}"),
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down");
}

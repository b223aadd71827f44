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

pub mod api;
pub mod auth;
pub mod board;
pub mod csv_io;
pub mod demo;
pub mod error;
pub mod i18n;
pub mod pages;
pub mod state;
pub mod validate;

use std::net::SocketAddr;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue};
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;

pub use state::{AppState, Config};

/// Request bodies above this are refused with 413 (CSV imports get more).
pub const BODY_LIMIT: usize = 256 * 1024;
pub const IMPORT_LIMIT: usize = 8 * 1024 * 1024;

/// The whole application.
pub fn app(state: AppState) -> Router {
    Router::new()
        .nest(
            "/api/v1",
            api::router().layer(DefaultBodyLimit::max(IMPORT_LIMIT)),
        )
        .merge(pages::router())
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
        .with_state(state)
}

/// Serves until SIGTERM or Ctrl-C, then finishes the requests in flight.
pub async fn serve(state: AppState, listener: tokio::net::TcpListener) -> std::io::Result<()> {
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
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

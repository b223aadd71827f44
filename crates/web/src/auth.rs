//! Accounts: Argon2id password hashes, server-side sessions behind an
//! HttpOnly cookie (`Secure` over https), a CSRF token per session, and API
//! tokens for scripts. Login throttling is in [`crate::throttle`].

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use rand::RngCore;
use sha2::{Digest, Sha256};

use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use subtle::ConstantTimeEq;
use time::Duration as CookieDuration;

use antenna_store::{Member, MemberStatus, Role};

use crate::error::AppError;
use crate::i18n::lang_from_parts;
use crate::state::AppState;

pub const SESSION_COOKIE: &str = "antenna_session";
/// Sessions last 30 days.
pub const SESSION_SECONDS: i64 = 30 * 24 * 3600;

pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

pub fn hash_password(pw: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(pw.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(AppError::internal)
}

pub fn verify_password(pw: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .is_ok_and(|h| Argon2::default().verify_password(pw.as_bytes(), &h).is_ok())
}

/// 32 random bytes, hex.
pub fn random_token() -> String {
    let mut b = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut b);
    hex::encode(b)
}

pub fn sha256_hex(s: &str) -> String {
    hex::encode(Sha256::digest(s.as_bytes()))
}

/// Compares two secrets in constant time (for equal lengths).
pub fn same(a: &str, b: &str) -> bool {
    a.as_bytes().ct_eq(b.as_bytes()).into()
}

/// A cookie's value from the request headers.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    CookieJar::from_headers(headers)
        .get(name)
        .map(|c| c.value().to_string())
}

fn session_cookie_with(value: String, max_age: i64, secure: bool) -> String {
    Cookie::build((SESSION_COOKIE, value))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .max_age(CookieDuration::seconds(max_age))
        .build()
        .to_string()
}

/// The session cookie: `Secure` when the site is served over https.
pub fn session_cookie(secret: &str, secure: bool) -> String {
    session_cookie_with(secret.to_string(), SESSION_SECONDS, secure)
}

pub fn clear_session_cookie(secure: bool) -> String {
    session_cookie_with(String::new(), 0, secure)
}

/// How a request is authenticated.
#[derive(Debug, Clone)]
pub enum Via {
    Session { id_hash: String, csrf: String },
    Token,
}

/// The member behind a request.
#[derive(Debug, Clone)]
pub struct Principal {
    pub member: Member,
    pub via: Via,
}

impl Principal {
    pub fn is_organizer(&self) -> bool {
        self.member.role == Role::Organizer
    }
    pub fn csrf(&self) -> &str {
        match &self.via {
            Via::Session { csrf, .. } => csrf,
            Via::Token => "",
        }
    }
}

async fn principal(parts: &Parts, state: &AppState) -> Result<Option<Principal>, AppError> {
    if let Some(auth) = parts
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    {
        let Some(token) = auth.strip_prefix("Bearer ") else {
            return Err(AppError::unauthorized());
        };
        let Some(t) = state.store.api_token(&sha256_hex(token.trim())).await? else {
            return Err(AppError::unauthorized());
        };
        let Some(member) = state.store.member(t.member_id).await? else {
            return Err(AppError::unauthorized());
        };
        if member.status != MemberStatus::Active {
            return Err(AppError::unauthorized());
        }
        state.store.touch_api_token(t.id, now()).await?;
        return Ok(Some(Principal {
            member,
            via: Via::Token,
        }));
    }
    let Some(secret) = cookie(&parts.headers, SESSION_COOKIE) else {
        return Ok(None);
    };
    let id_hash = sha256_hex(&secret);
    let Some(s) = state.store.session(&id_hash).await? else {
        return Ok(None);
    };
    if s.expires_at < now() {
        state.store.delete_session(&id_hash).await?;
        return Ok(None);
    }
    let Some(member) = state.store.member(s.member_id).await? else {
        return Ok(None);
    };
    if member.status != MemberStatus::Active {
        return Ok(None);
    }
    Ok(Some(Principal {
        member,
        via: Via::Session {
            id_hash,
            csrf: s.csrf_token,
        },
    }))
}

/// The member, if logged in (pages and API alike).
pub struct MaybeUser(pub Option<Principal>);

impl FromRequestParts<AppState> for MaybeUser {
    type Rejection = AppError;
    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let lang = lang_from_parts(parts);
        principal(parts, state)
            .await
            .map(MaybeUser)
            .map_err(|e| e.lang(lang))
    }
}

/// A logged-in member, for the API: 401 JSON otherwise. Unsafe methods on a
/// cookie session need the `X-CSRF-Token` header.
pub struct ApiUser(pub Principal);

impl FromRequestParts<AppState> for ApiUser {
    type Rejection = AppError;
    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let lang = lang_from_parts(parts);
        let p = principal(parts, state)
            .await
            .map_err(|e| e.lang(lang))?
            .ok_or_else(|| AppError::unauthorized().lang(lang))?;
        if let Via::Session { csrf, .. } = &p.via {
            if !parts.method.is_safe() {
                let sent = parts
                    .headers
                    .get("x-csrf-token")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("");
                if !same(sent, csrf) {
                    return Err(AppError::csrf().lang(lang));
                }
            }
        }
        Ok(ApiUser(p))
    }
}

/// An organizer, for the API: 401/403 JSON otherwise.
pub struct ApiOrganizer(pub Principal);

impl FromRequestParts<AppState> for ApiOrganizer {
    type Rejection = AppError;
    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let lang = lang_from_parts(parts);
        let ApiUser(p) = ApiUser::from_request_parts(parts, state).await?;
        if !p.is_organizer() {
            return Err(AppError::forbidden().lang(lang));
        }
        Ok(ApiOrganizer(p))
    }
}

/// Creates a session; returns the cookie secret.
pub async fn start_session(state: &AppState, member_id: i64) -> Result<String, AppError> {
    let secret = random_token();
    let t = now();
    state
        .store
        .create_session(&antenna_store::Session {
            id_hash: sha256_hex(&secret),
            member_id,
            csrf_token: random_token(),
            created_at: t,
            expires_at: t + SESSION_SECONDS,
        })
        .await?;
    Ok(secret)
}

pub(crate) const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$1Q3oNmp1xMqu0cKsWHPgvtP6yWU2rnSS/0dJ3J4vSfo";

/// Checks a password's shape: 8 to 128 characters.
pub fn password_problem(pw: &str) -> Option<crate::error::Msg> {
    let n = pw.chars().count();
    if n < 8 {
        Some(crate::error::Msg("auth.use_at_least_8"))
    } else if n > 128 {
        Some(crate::error::Msg("auth.use_at_most_128"))
    } else {
        None
    }
}

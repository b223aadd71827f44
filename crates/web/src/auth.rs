//! Accounts: Argon2id password hashes, server-side sessions behind an
//! HttpOnly cookie, a CSRF token per session, API tokens for scripts, and
//! login throttling (per account in the database, per client address in
//! memory).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use rand::RngCore;
use sha2::{Digest, Sha256};

use antenna_store::{Member, MemberStatus, Role};

use crate::error::AppError;
use crate::i18n::lang_from_parts;
use crate::state::AppState;

pub const SESSION_COOKIE: &str = "antenna_session";
/// Sessions last 30 days.
pub const SESSION_SECONDS: i64 = 30 * 24 * 3600;
/// Consecutive failures before an account is locked, and for how long.
pub const MAX_FAILURES: i64 = 5;
pub const LOCK_SECONDS: i64 = 15 * 60;

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

/// Compares two strings in time independent of where they differ.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|kv| {
            let (k, v) = kv.trim().split_once('=')?;
            (k == name).then(|| v.to_string())
        })
}

pub fn session_cookie(secret: &str) -> String {
    format!("{SESSION_COOKIE}={secret}; Path=/; HttpOnly; SameSite=Lax; Max-Age={SESSION_SECONDS}")
}

pub fn clear_session_cookie() -> String {
    format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
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

/// A fixed-window counter per client address (login attempts, the public coach).
pub struct Limiter {
    limit: u32,
    window: Duration,
    hits: Mutex<HashMap<IpAddr, (Instant, u32)>>,
}

impl Limiter {
    pub fn new(limit: u32, window: Duration) -> Self {
        Limiter {
            limit,
            window,
            hits: Mutex::new(HashMap::new()),
        }
    }

    /// Counts a hit; false when the address is over its limit.
    pub fn allow(&self, ip: IpAddr) -> bool {
        let mut hits = self.hits.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        if hits.len() > 100_000 {
            hits.retain(|_, (t, _)| now.duration_since(*t) < self.window);
        }
        let e = hits.entry(ip).or_insert((now, 0));
        if now.duration_since(e.0) >= self.window {
            *e = (now, 0);
        }
        e.1 += 1;
        e.1 <= self.limit
    }
}

/// Checks a login; on success returns the member, on failure counts it.
pub async fn check_login(
    state: &AppState,
    email: &str,
    password: &str,
) -> Result<Member, LoginFailure> {
    let Some(m) = state
        .store
        .member_by_email(email)
        .await
        .map_err(|_| LoginFailure::Wrong)?
    else {
        // spend the same time as a real check
        let _ = verify_password(password, DUMMY_HASH);
        return Err(LoginFailure::Wrong);
    };
    let t = now();
    if m.locked_until.is_some_and(|u| u > t) {
        return Err(LoginFailure::Locked);
    }
    let ok = m
        .password_hash
        .as_deref()
        .is_some_and(|h| verify_password(password, h));
    if !ok || m.status != MemberStatus::Active {
        let failures = m.failed_logins + 1;
        let lock = (failures >= MAX_FAILURES).then_some(t + LOCK_SECONDS);
        let _ = state.store.record_login_failure(m.id, lock).await;
        return Err(if lock.is_some() {
            LoginFailure::Locked
        } else {
            LoginFailure::Wrong
        });
    }
    let _ = state.store.clear_login_failures(m.id).await;
    Ok(m)
}

pub enum LoginFailure {
    Wrong,
    Locked,
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

const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$1Q3oNmp1xMqu0cKsWHPgvtP6yWU2rnSS/0dJ3J4vSfo";

/// Checks a password's shape: 8 to 128 characters.
pub fn password_problem(pw: &str) -> Option<crate::error::Msg> {
    let n = pw.chars().count();
    if n < 8 {
        Some(crate::error::Msg::new(
            "パスワードは8文字以上にしてください。",
            "Use at least 8 characters.",
        ))
    } else if n > 128 {
        Some(crate::error::Msg::new(
            "パスワードは128文字以内にしてください。",
            "Use at most 128 characters.",
        ))
    } else {
        None
    }
}

//! Throttling: the public coach's request rate per client address (a tower
//! middleware over a keyed `governor` limiter), and login failures per
//! account-and-address and per address (a sliding window of failures, so a
//! stranger cannot lock a member out from elsewhere, and members sharing a
//! venue's address are held back only by their own mistakes).

use std::collections::{HashMap, VecDeque};
use std::hash::Hash;
use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::error::AppError;
use crate::i18n::lang_from_parts;
use crate::state::AppState;

/// Requests per minute per address, as a GCRA limiter (a burst of the whole
/// minute's allowance, then one request per 1/n minute).
pub struct RateLimit {
    limiter: Option<DefaultKeyedRateLimiter<IpAddr>>,
}

impl RateLimit {
    /// `per_minute == 0` means unlimited.
    pub fn per_minute(per_minute: u32) -> Self {
        RateLimit {
            limiter: NonZeroU32::new(per_minute)
                .map(|n| RateLimiter::keyed(Quota::per_minute(n).allow_burst(n))),
        }
    }

    /// `Err(retry after)` when `ip` is over its allowance.
    pub fn check(&self, ip: IpAddr) -> Result<(), Duration> {
        let Some(l) = &self.limiter else {
            return Ok(());
        };
        if l.len() > 100_000 {
            l.retain_recent();
        }
        l.check_key(&ip)
            .map_err(|not_until| not_until.wait_time_from(DefaultClock::default().now()))
    }
}

/// The coach's limit as a middleware over the two coach routes (the API's and
/// the front-page form's, which share one allowance): 429 with
/// `Retry-After`, JSON on the API and an error page on the form.
pub async fn coach_limit(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let coach = matches!(req.uri().path(), "/api/v1/asks/check" | "/coach");
    if !coach || req.method() != axum::http::Method::POST {
        return next.run(req).await;
    }
    let ip = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    if let Some(ip) = ip {
        if let Err(wait) = state.coach_limit.check(ip) {
            let (parts, _) = req.into_parts();
            let lang = lang_from_parts(&parts);
            let e = AppError::too_many().retry_after(wait).lang(lang);
            return if parts.uri.path().starts_with("/api/") {
                e.into_response()
            } else {
                crate::pages::error_page(lang, &e)
            };
        }
    }
    next.run(req).await
}

/// Failures in a sliding window per key; blocked at `limit`.
pub struct FailureLog<K> {
    limit: usize,
    window: Duration,
    seen: Mutex<HashMap<K, VecDeque<Instant>>>,
}

impl<K: Hash + Eq + Clone> FailureLog<K> {
    pub fn new(limit: usize, window: Duration) -> Self {
        FailureLog {
            limit,
            window,
            seen: Mutex::new(HashMap::new()),
        }
    }

    fn prune(&self, q: &mut VecDeque<Instant>, now: Instant) {
        while q
            .front()
            .is_some_and(|t| now.duration_since(*t) >= self.window)
        {
            q.pop_front();
        }
    }

    /// `Some(retry after)` while `key` has `limit` failures in the window.
    pub fn blocked(&self, key: &K) -> Option<Duration> {
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        let q = seen.get_mut(key)?;
        self.prune(q, now);
        if q.len() < self.limit {
            return None;
        }
        let oldest = *q.front()?;
        Some(self.window.saturating_sub(now.duration_since(oldest)))
    }

    /// Counts a failure; true when it reaches the limit.
    pub fn record(&self, key: &K) -> bool {
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        if seen.len() > 100_000 {
            let window = self.window;
            seen.retain(|_, q| q.back().is_some_and(|t| now.duration_since(*t) < window));
        }
        let q = seen.entry(key.clone()).or_default();
        self.prune(q, now);
        q.push_back(now);
        q.len() >= self.limit
    }

    pub fn clear(&self, key: &K) {
        self.seen
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(key);
    }

    /// Forgets every key that `f` picks.
    pub fn clear_where(&self, f: impl Fn(&K) -> bool) {
        self.seen
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|k, _| !f(k));
    }
}

/// Login throttling: 5 failures per account and address lock that pair for
/// 15 minutes; 30 failures from one address lock the address. Successful
/// logins never count. Unknown emails are counted like known ones, so the
/// answers do not tell them apart.
pub struct LoginThrottle {
    pub per_account: FailureLog<(String, IpAddr)>,
    pub per_address: FailureLog<IpAddr>,
}

/// Consecutive failures per account and address before a lock, and its length.
pub const MAX_FAILURES: usize = 5;
pub const LOCK: Duration = Duration::from_secs(15 * 60);
/// Failures from one address (any accounts) before the address is held back.
pub const MAX_ADDRESS_FAILURES: usize = 30;

impl LoginThrottle {
    /// A new password lifts the account's locks from every address.
    pub fn password_changed(&self, email: &str) {
        let email = email.trim().to_lowercase();
        self.per_account.clear_where(|(e, _)| *e == email);
    }
}

impl Default for LoginThrottle {
    fn default() -> Self {
        LoginThrottle {
            per_account: FailureLog::new(MAX_FAILURES, LOCK),
            per_address: FailureLog::new(MAX_ADDRESS_FAILURES, LOCK),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_block_at_the_limit_and_clear() {
        let log = FailureLog::new(3, Duration::from_secs(60));
        assert!(log.blocked(&1).is_none());
        assert!(!log.record(&1));
        assert!(!log.record(&1));
        assert!(log.record(&1));
        let wait = log.blocked(&1).expect("blocked");
        assert!(wait <= Duration::from_secs(60) && wait > Duration::from_secs(50));
        assert!(log.blocked(&2).is_none(), "other keys are not affected");
        log.clear(&1);
        assert!(log.blocked(&1).is_none());
    }

    #[test]
    fn failures_expire_with_the_window() {
        let log = FailureLog::new(1, Duration::from_millis(20));
        log.record(&"a");
        assert!(log.blocked(&"a").is_some());
        std::thread::sleep(Duration::from_millis(30));
        assert!(log.blocked(&"a").is_none());
    }

    #[test]
    fn the_rate_limit_allows_a_burst_then_says_how_long_to_wait() {
        let r = RateLimit::per_minute(2);
        let ip: IpAddr = "127.0.0.9".parse().unwrap();
        assert!(r.check(ip).is_ok());
        assert!(r.check(ip).is_ok());
        let wait = r.check(ip).expect_err("third is over");
        assert!(wait > Duration::from_secs(1) && wait <= Duration::from_secs(30));
        assert!(r.check("127.0.0.10".parse().unwrap()).is_ok());
        let open = RateLimit::per_minute(0);
        for _ in 0..1000 {
            assert!(open.check(ip).is_ok());
        }
    }
}

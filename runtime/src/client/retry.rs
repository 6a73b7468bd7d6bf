//! Retries as botocore's *standard* and *adaptive* modes
//! (`botocore/retries/{standard,quota,adaptive,bucket}.py`), small enough to
//! read in one sitting:
//!
//! - **What is retried**: botocore's throttling error codes
//!   ([`THROTTLING_ERROR_CODES`]) and HTTP 429, its transient error codes
//!   ([`TRANSIENT_ERROR_CODES`]) and HTTP 500/502/503/504, connection
//!   failures and timeouts, and clock-skew errors ([`CLOCK_SKEW_ERROR_CODES`])
//!   when the response's `Date` shows the local clock is off by more than
//!   four minutes (after the skew is corrected, as the AWS SDKs do).
//! - **Backoff**: `random(0..1) × min(initial × 2^(n-1), max)`, botocore's
//!   exponential backoff with full jitter (1 s and 20 s by default). A
//!   `x-amz-retry-after` (milliseconds) or `Retry-After` (seconds or an
//!   HTTP date) header on a retried response is honoured: the wait is the
//!   server's, never less than the computed backoff and never more than the
//!   maximum backoff.
//! - **Retry quota** ([`RetryQuota`]): botocore's token bucket of 500; a
//!   retry costs 5 (10 after a timeout), a success gives back what its
//!   retry took (1 when it needed none). When the quota is spent, failures
//!   are returned at once instead of retried, so a struggling service is
//!   not flooded.
//! - **Clock skew**: every response's `Date` header updates the offset the
//!   client signs with ([`RetryState::signing_time`]).
//! - **Adaptive mode**: the standard rules plus botocore's client-side rate
//!   limiter: after the first throttling error, requests wait for a token
//!   from a bucket whose fill rate follows CUBIC (cut to 70 % on
//!   throttling, growing back along a cubic curve).
//! - **Settings**: the builder's [`RetryConfig`], else `AWS_RETRY_MODE` and
//!   `AWS_MAX_ATTEMPTS`, else the profile's `retry_mode` and
//!   `max_attempts`; modes `standard` (3 attempts), `adaptive` (3) and
//!   `legacy` (5 attempts, no quota: botocore's legacy count and backoff,
//!   with the standard error classification).

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

use crate::http::ErrorResponse;
use crate::protocol::Protocol;

/// Error codes botocore's standard retry mode treats as throttling.
pub const THROTTLING_ERROR_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Error codes botocore's standard retry mode treats as transient.
pub const TRANSIENT_ERROR_CODES: &[&str] = &["RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete"];

/// HTTP status codes retried whatever the error code.
pub const TRANSIENT_STATUS_CODES: &[u16] = &[500, 502, 503, 504];

/// Error codes that mean the request's signing time was too far from the
/// service's clock (retried once the skew is corrected).
pub const CLOCK_SKEW_ERROR_CODES: &[&str] = &[
    "RequestTimeTooSkewed",
    "RequestExpired",
    "RequestInTheFuture",
    "InvalidSignatureException",
    "SignatureDoesNotMatch",
    "AuthFailure",
];

/// A skew larger than this makes a clock-skew error retryable.
const SKEW_THRESHOLD: Duration = Duration::from_secs(240);

/// Why a response is retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryReason {
    /// A throttling error code, or HTTP 429.
    Throttling,
    /// A transient error code, or HTTP 500, 502, 503 or 504.
    Transient,
    /// A clock-skew error code while the clocks differ by more than four
    /// minutes.
    ClockSkew,
}

/// Whether a response is retried, and why (`None` for success and for
/// errors that a retry would not fix). Clock-skew errors are not classified
/// here (they need the skew: see [`RetryState`]).
pub fn retry_reason<P: Protocol>(response: &::http::Response<Vec<u8>>) -> Option<RetryReason> {
    if response.status().is_success() {
        return None;
    }
    let status = response.status().as_u16();
    let error = ErrorResponse::<P>::new(response);
    let code = error.code();
    if THROTTLING_ERROR_CODES.contains(&code) || status == 429 {
        Some(RetryReason::Throttling)
    } else if TRANSIENT_ERROR_CODES.contains(&code) || TRANSIENT_STATUS_CODES.contains(&status) {
        Some(RetryReason::Transient)
    } else {
        None
    }
}

/// The retry mode (`AWS_RETRY_MODE`, a profile's `retry_mode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RetryMode {
    /// botocore's standard mode (the default).
    #[default]
    Standard,
    /// Standard plus client-side rate limiting after throttling.
    Adaptive,
    /// botocore's legacy mode: 5 attempts, no retry quota.
    Legacy,
}

impl std::str::FromStr for RetryMode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim() {
            "standard" => Ok(RetryMode::Standard),
            "adaptive" => Ok(RetryMode::Adaptive),
            "legacy" => Ok(RetryMode::Legacy),
            other => Err(other.to_owned()),
        }
    }
}

/// How failed attempts are retried: the mode, up to `max_attempts`
/// attempts in all, waiting `random(0..1) × min(initial_backoff × 2^(n-1),
/// max_backoff)` after the n-th, within a retry quota.
///
/// The default is botocore's standard mode: 3 attempts, 1 s initial
/// backoff, 20 s at most, a quota of 500.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryConfig {
    pub(crate) mode: RetryMode,
    pub(crate) max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    quota: u32,
}

impl Default for RetryConfig {
    fn default() -> Self {
        RetryConfig {
            mode: RetryMode::Standard,
            max_attempts: 3,
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(20),
            quota: RetryQuota::INITIAL,
        }
    }
}

impl RetryConfig {
    /// botocore's standard mode (the default).
    pub fn standard() -> Self {
        Self::default()
    }

    /// botocore's adaptive mode: standard plus client-side rate limiting.
    pub fn adaptive() -> Self {
        Self::default().mode(RetryMode::Adaptive)
    }

    /// One attempt, no retries.
    pub fn disabled() -> Self {
        Self::default().max_attempts(1)
    }

    /// The defaults of `mode` (5 attempts for legacy, 3 otherwise).
    pub fn for_mode(mode: RetryMode) -> Self {
        let config = Self::default().mode(mode);
        if mode == RetryMode::Legacy {
            config.max_attempts(5)
        } else {
            config
        }
    }

    /// Sets the mode.
    pub fn mode(mut self, mode: RetryMode) -> Self {
        self.mode = mode;
        self
    }

    /// Sets the number of attempts in all (at least 1).
    pub fn max_attempts(mut self, n: u32) -> Self {
        self.max_attempts = n.max(1);
        self
    }

    /// Sets the backoff before the second attempt (before jitter).
    pub fn initial_backoff(mut self, d: Duration) -> Self {
        self.initial_backoff = d;
        self
    }

    /// Sets the longest backoff (before jitter), which also caps a server's
    /// `Retry-After`.
    pub fn max_backoff(mut self, d: Duration) -> Self {
        self.max_backoff = d;
        self
    }

    /// Sets the retry quota's capacity (500 by default).
    pub fn quota(mut self, capacity: u32) -> Self {
        self.quota = capacity;
        self
    }

    /// The mode.
    pub fn get_mode(&self) -> RetryMode {
        self.mode
    }

    /// The number of attempts in all.
    pub fn get_max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The wait after the `attempt`-th attempt (1-based), for a jitter
    /// factor in `0.0..1.0`.
    pub fn backoff(&self, attempt: u32, jitter: f64) -> Duration {
        let exponent = attempt.saturating_sub(1).min(62) as i32;
        let ceiling = (self.initial_backoff.as_secs_f64() * 2f64.powi(exponent)).min(self.max_backoff.as_secs_f64());
        Duration::from_secs_f64(ceiling * jitter.clamp(0.0, 1.0))
    }
}

/// The server's requested wait: `x-amz-retry-after` (milliseconds), else
/// `Retry-After` (seconds, or an HTTP date relative to `now`).
pub fn retry_after(headers: &::http::HeaderMap, now: SystemTime) -> Option<Duration> {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
    if let Some(ms) = header("x-amz-retry-after").and_then(|v| v.parse::<u64>().ok()) {
        return Some(Duration::from_millis(ms));
    }
    let value = header("retry-after")?;
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let at = SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs(u64::try_from(at.timestamp()).ok()?))?;
    Some(at.duration_since(now).unwrap_or_default())
}

/// botocore's retry quota: a bucket of `capacity` tokens; a retry takes 5
/// (10 after a timeout), a success returns what its last retry took, or 1.
#[derive(Debug)]
pub struct RetryQuota {
    capacity: u32,
    available: Mutex<u32>,
}

impl RetryQuota {
    /// botocore's capacity.
    pub const INITIAL: u32 = 500;
    /// The cost of a retry.
    pub const RETRY_COST: u32 = 5;
    /// The cost of a retry after a timeout.
    pub const TIMEOUT_RETRY_COST: u32 = 10;
    /// What a success that needed no retry returns.
    pub const NO_RETRY_INCREMENT: u32 = 1;

    /// A full quota of `capacity`.
    pub fn new(capacity: u32) -> Self {
        RetryQuota { capacity, available: Mutex::new(capacity) }
    }

    /// Takes `amount` if there is that much left.
    pub fn acquire(&self, amount: u32) -> bool {
        let mut available = self.available.lock().unwrap_or_else(|e| e.into_inner());
        if amount > *available {
            return false;
        }
        *available -= amount;
        true
    }

    /// Gives back `amount` (up to the capacity).
    pub fn release(&self, amount: u32) {
        let mut available = self.available.lock().unwrap_or_else(|e| e.into_inner());
        *available = (*available + amount).min(self.capacity);
    }

    /// What is left.
    pub fn available(&self) -> u32 {
        *self.available.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// botocore's adaptive-mode rate limiter (`ClientRateLimiter` with a
/// `TokenBucket`, `RateClocker` and `CubicCalculator`), on a monotonic
/// clock in seconds.
#[derive(Debug)]
struct RateLimiter {
    enabled: bool,
    // TokenBucket
    fill_rate: f64,
    max_capacity: f64,
    current_capacity: f64,
    last_refill: Option<f64>,
    // RateClocker
    measured_rate: f64,
    last_bucket: f64,
    request_count: f64,
    // CubicCalculator
    w_max: f64,
    k: f64,
    last_fail: f64,
}

const MIN_FILL_RATE: f64 = 0.5;
const CUBIC_SCALE: f64 = 0.4;
const CUBIC_BETA: f64 = 0.7;
const SMOOTHING: f64 = 0.8;
const TIME_BUCKET_SCALE: f64 = 2.0; // 1 / 0.5 s
const MAX_RATE_ADJUST_SCALE: f64 = 2.0;

impl RateLimiter {
    fn new(now: f64) -> Self {
        let mut limiter = RateLimiter {
            enabled: false,
            fill_rate: 0.0,
            max_capacity: 0.0,
            current_capacity: 0.0,
            last_refill: None,
            measured_rate: 0.0,
            last_bucket: now.floor(),
            request_count: 0.0,
            w_max: 0.5,
            k: 0.0,
            last_fail: now,
        };
        limiter.k = limiter.zero_point();
        limiter.set_max_rate(0.5);
        limiter
    }

    fn zero_point(&self) -> f64 {
        (self.w_max * (1.0 - CUBIC_BETA) / CUBIC_SCALE).cbrt()
    }

    fn set_max_rate(&mut self, rate: f64) {
        self.fill_rate = rate.max(MIN_FILL_RATE);
        self.max_capacity = if rate >= 1.0 { rate } else { 1.0 };
        self.current_capacity = self.current_capacity.min(self.max_capacity);
    }

    fn refill(&mut self, now: f64) {
        if let Some(last) = self.last_refill {
            self.current_capacity = (self.current_capacity + (now - last) * self.fill_rate).min(self.max_capacity);
        }
        self.last_refill = Some(now);
    }

    /// Takes a token, or says how long to wait before trying again.
    fn try_acquire(&mut self, now: f64) -> Result<(), Duration> {
        if !self.enabled {
            return Ok(());
        }
        self.refill(now);
        if self.current_capacity >= 1.0 {
            self.current_capacity -= 1.0;
            return Ok(());
        }
        Err(Duration::from_secs_f64((1.0 - self.current_capacity) / self.fill_rate))
    }

    fn record_response(&mut self, now: f64, throttled: bool) {
        // RateClocker.record
        let bucket = (now * TIME_BUCKET_SCALE).floor() / TIME_BUCKET_SCALE;
        self.request_count += 1.0;
        if bucket > self.last_bucket {
            let current = self.request_count / (bucket - self.last_bucket);
            self.measured_rate = current * SMOOTHING + self.measured_rate * (1.0 - SMOOTHING);
            self.request_count = 0.0;
            self.last_bucket = bucket;
        }
        let measured = self.measured_rate;
        let new_rate = if throttled {
            let rate = if self.enabled { measured.min(self.fill_rate) } else { measured };
            self.enabled = true;
            // CubicCalculator.error_received
            self.w_max = rate;
            self.k = self.zero_point();
            self.last_fail = now;
            rate * CUBIC_BETA
        } else {
            // CubicCalculator.success_received
            CUBIC_SCALE * (now - self.last_fail - self.k).powi(3) + self.w_max
        };
        self.set_max_rate(new_rate.min(MAX_RATE_ADJUST_SCALE * measured));
    }
}

/// The retry state a config's clients share: the quota, the adaptive rate
/// limiter and the clock-skew offset.
#[derive(Debug)]
pub struct RetryState {
    config: RetryConfig,
    quota: RetryQuota,
    limiter: Mutex<RateLimiter>,
    epoch: Instant,
    skew_ms: AtomicI64,
}

/// What to do after an attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RetryDecision {
    /// Return this outcome (a success, an error that is not retried, or the
    /// last attempt).
    Done,
    /// Retry after this wait.
    RetryAfter(Duration),
    /// A retry was called for, but the retry quota is spent.
    QuotaExhausted,
}

/// One call's retry bookkeeping (what its last retry took from the quota).
#[derive(Debug, Default)]
pub struct CallRetries {
    acquired: Option<u32>,
}

impl RetryState {
    /// A fresh state for `config`.
    pub fn new(config: RetryConfig) -> Self {
        RetryState {
            quota: RetryQuota::new(config.quota),
            limiter: Mutex::new(RateLimiter::new(0.0)),
            config,
            epoch: Instant::now(),
            skew_ms: AtomicI64::new(0),
        }
    }

    /// The rules.
    pub fn config(&self) -> &RetryConfig {
        &self.config
    }

    /// The retry quota.
    pub fn quota(&self) -> &RetryQuota {
        &self.quota
    }

    fn now(&self) -> f64 {
        self.epoch.elapsed().as_secs_f64()
    }

    /// Adaptive mode: waits for a send token once throttling was seen.
    pub async fn before_attempt(&self) {
        if self.config.mode != RetryMode::Adaptive {
            return;
        }
        loop {
            let wait = self.limiter.lock().unwrap_or_else(|e| e.into_inner()).try_acquire(self.now());
            match wait {
                Ok(()) => return,
                Err(wait) => tokio::time::sleep(wait).await,
            }
        }
    }

    /// The time to sign with: the local clock corrected by the last skew
    /// seen.
    pub fn signing_time(&self) -> SystemTime {
        let skew = self.skew_ms.load(Ordering::Relaxed);
        let now = SystemTime::now();
        if skew >= 0 {
            now + Duration::from_millis(skew as u64)
        } else {
            now - Duration::from_millis(skew.unsigned_abs())
        }
    }

    /// The skew last measured (service clock minus local clock), in
    /// milliseconds.
    pub fn skew_millis(&self) -> i64 {
        self.skew_ms.load(Ordering::Relaxed)
    }

    /// Reads a response: updates the clock skew from its `Date`; returns
    /// the reason to retry it, if any.
    fn observe<P: Protocol>(&self, response: &::http::Response<Vec<u8>>) -> Option<RetryReason> {
        let mut skewed = false;
        if let Some(date) = response.headers().get("date").and_then(|v| v.to_str().ok()) {
            if let Ok(server) = chrono::DateTime::parse_from_rfc2822(date) {
                let local = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap_or_default();
                let skew = server.timestamp_millis() - i64::try_from(local.as_millis()).unwrap_or(i64::MAX);
                let previous = self.skew_ms.swap(skew, Ordering::Relaxed);
                // Clock skew beyond the threshold relative to what was used to sign.
                skewed = (skew - previous).unsigned_abs() > SKEW_THRESHOLD.as_millis() as u64;
            }
        }
        let reason = retry_reason::<P>(response);
        if reason.is_none() && skewed && !response.status().is_success() {
            let code = ErrorResponse::<P>::new(response).code().to_owned();
            if CLOCK_SKEW_ERROR_CODES.contains(&code.as_str()) {
                return Some(RetryReason::ClockSkew);
            }
        }
        reason
    }

    /// Decides after attempt `attempt` (1-based) of a call: `Ok(response)`
    /// or `Err(timed_out)` for a transport failure.
    pub fn decide<P: Protocol>(
        &self,
        call: &mut CallRetries,
        attempt: u32,
        outcome: Result<&::http::Response<Vec<u8>>, bool>,
        jitter: f64,
    ) -> RetryDecision {
        let reason = match outcome {
            Ok(response) => self.observe::<P>(response),
            Err(_) => Some(RetryReason::Transient),
        };
        if self.config.mode == RetryMode::Adaptive {
            let throttled = reason == Some(RetryReason::Throttling);
            self.limiter.lock().unwrap_or_else(|e| e.into_inner()).record_response(self.now(), throttled);
        }
        let Some(_reason) = reason else {
            if let Ok(response) = outcome {
                if response.status().is_success() && self.config.mode != RetryMode::Legacy {
                    self.quota.release(call.acquired.unwrap_or(RetryQuota::NO_RETRY_INCREMENT));
                }
            }
            return RetryDecision::Done;
        };
        if attempt >= self.config.max_attempts {
            return RetryDecision::Done;
        }
        if self.config.mode != RetryMode::Legacy {
            let cost = if matches!(outcome, Err(true)) { RetryQuota::TIMEOUT_RETRY_COST } else { RetryQuota::RETRY_COST };
            if !self.quota.acquire(cost) {
                return RetryDecision::QuotaExhausted;
            }
            call.acquired = Some(cost);
        }
        let backoff = self.config.backoff(attempt, jitter);
        let hinted = match outcome {
            Ok(response) => retry_after(response.headers(), SystemTime::now()),
            Err(_) => None,
        };
        let wait = match hinted {
            Some(hint) => hint.max(backoff).min(self.config.max_backoff.max(backoff)),
            None => backoff,
        };
        RetryDecision::RetryAfter(wait)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::RestJson1;

    fn response(status: u16, headers: &[(&str, &str)], body: &str) -> ::http::Response<Vec<u8>> {
        let mut builder = ::http::Response::builder().status(status);
        for (k, v) in headers {
            builder = builder.header(*k, *v);
        }
        builder.body(body.as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn quota_is_spent_by_retries_and_refilled_by_successes() {
        let state = RetryState::new(RetryConfig::standard().max_attempts(10).quota(12));
        let mut call = CallRetries::default();
        let fail = response(500, &[], "{}");
        assert!(matches!(state.decide::<RestJson1>(&mut call, 1, Ok(&fail), 0.0), RetryDecision::RetryAfter(_)));
        assert!(matches!(state.decide::<RestJson1>(&mut call, 2, Ok(&fail), 0.0), RetryDecision::RetryAfter(_)));
        assert_eq!(state.quota().available(), 2);
        assert_eq!(state.decide::<RestJson1>(&mut call, 3, Ok(&fail), 0.0), RetryDecision::QuotaExhausted);
        // A success gives back what the last retry took.
        let ok = response(200, &[], "{}");
        assert_eq!(state.decide::<RestJson1>(&mut call, 3, Ok(&ok), 0.0), RetryDecision::Done);
        assert_eq!(state.quota().available(), 7);
        // A first-attempt success gives back 1, never past the capacity.
        let mut fresh = CallRetries::default();
        state.decide::<RestJson1>(&mut fresh, 1, Ok(&ok), 0.0);
        assert_eq!(state.quota().available(), 8);
        // A timeout costs 10.
        let mut timed_out = CallRetries::default();
        assert_eq!(state.decide::<RestJson1>(&mut timed_out, 1, Err(true), 0.0), RetryDecision::QuotaExhausted);
        assert!(matches!(state.decide::<RestJson1>(&mut timed_out, 1, Err(false), 0.0), RetryDecision::RetryAfter(_)));
        assert_eq!(state.quota().available(), 3);
    }

    #[test]
    fn classification_follows_botocore() {
        let throttled = response(400, &[("x-amzn-errortype", "ThrottlingException")], "{}");
        assert_eq!(retry_reason::<RestJson1>(&throttled), Some(RetryReason::Throttling));
        let slow = response(503, &[], r#"{"__type": "SlowDown"}"#);
        assert_eq!(retry_reason::<RestJson1>(&slow), Some(RetryReason::Throttling));
        assert_eq!(retry_reason::<RestJson1>(&response(400, &[], r#"{"__type": "RequestTimeout"}"#)), Some(RetryReason::Transient));
        assert_eq!(retry_reason::<RestJson1>(&response(502, &[], "")), Some(RetryReason::Transient));
        assert_eq!(retry_reason::<RestJson1>(&response(429, &[], "")), Some(RetryReason::Throttling));
        assert_eq!(retry_reason::<RestJson1>(&response(400, &[], r#"{"__type": "ValidationException"}"#)), None);
        assert_eq!(retry_reason::<RestJson1>(&response(501, &[], "")), None);
        assert_eq!(retry_reason::<RestJson1>(&response(200, &[], "")), None);
    }

    #[test]
    fn retry_after_headers() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let h = |k: &str, v: &str| {
            let mut m = ::http::HeaderMap::new();
            m.insert(::http::HeaderName::from_bytes(k.as_bytes()).unwrap(), v.parse().unwrap());
            m
        };
        assert_eq!(retry_after(&h("x-amz-retry-after", "1500"), now), Some(Duration::from_millis(1500)));
        assert_eq!(retry_after(&h("Retry-After", "3"), now), Some(Duration::from_secs(3)));
        // 2023-11-14T22:13:20Z is 1_700_000_000; seven seconds later.
        assert_eq!(retry_after(&h("Retry-After", "Tue, 14 Nov 2023 22:13:27 GMT"), now), Some(Duration::from_secs(7)));
        assert_eq!(retry_after(&h("Retry-After", "soon"), now), None);
        // The hint is honoured, within [backoff, max_backoff].
        let state = RetryState::new(RetryConfig::standard().max_backoff(Duration::from_secs(5)));
        let mut call = CallRetries::default();
        let r = response(503, &[("retry-after", "2")], "");
        assert_eq!(state.decide::<RestJson1>(&mut call, 1, Ok(&r), 0.0), RetryDecision::RetryAfter(Duration::from_secs(2)));
        let r = response(503, &[("retry-after", "60")], "");
        assert_eq!(state.decide::<RestJson1>(&mut call, 1, Ok(&r), 0.0), RetryDecision::RetryAfter(Duration::from_secs(5)));
    }

    #[test]
    fn clock_skew_is_measured_and_skew_errors_retried() {
        let state = RetryState::new(RetryConfig::standard());
        let in_30_min = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap() + Duration::from_secs(1800);
        let ahead = chrono::DateTime::from_timestamp(in_30_min.as_secs() as i64, 0).unwrap().to_rfc2822();
        let r = response(403, &[("date", &ahead)], r#"{"__type": "InvalidSignatureException"}"#);
        let mut call = CallRetries::default();
        assert!(matches!(state.decide::<RestJson1>(&mut call, 1, Ok(&r), 0.0), RetryDecision::RetryAfter(_)));
        let skew = state.skew_millis();
        assert!((29 * 60_000..31 * 60_000).contains(&skew), "{skew}");
        let signing = state.signing_time().duration_since(SystemTime::now()).unwrap();
        assert!(signing > Duration::from_secs(29 * 60));
        // The same error again, with the skew already corrected: not retried.
        assert_eq!(state.decide::<RestJson1>(&mut call, 2, Ok(&r), 0.0), RetryDecision::Done);
    }

    #[test]
    fn adaptive_limiter_cuts_the_rate_on_throttling_and_grows_it_back() {
        let mut limiter = RateLimiter::new(0.0);
        assert_eq!(limiter.try_acquire(0.0), Ok(()), "disabled until the first throttle");
        for i in 0..20 {
            limiter.record_response(i as f64 * 0.1, false);
        }
        limiter.record_response(2.0, true);
        assert!(limiter.enabled);
        let cut = limiter.fill_rate;
        assert!(cut <= limiter.w_max * CUBIC_BETA + 1e-9 || cut == MIN_FILL_RATE, "{cut}");
        // Drain the bucket: the next acquire must wait.
        limiter.current_capacity = 0.0;
        limiter.last_refill = Some(2.0);
        assert!(limiter.try_acquire(2.0).is_err());
        // Successes long after the failure raise the rate past w_max (CUBIC).
        for i in 0..40 {
            limiter.record_response(10.0 + i as f64 * 0.25, false);
        }
        assert!(limiter.fill_rate > cut, "{} > {cut}", limiter.fill_rate);
    }
}

//! Watching a client's attempts ([`ConfigBuilder::observer`](super::ConfigBuilder::observer)):
//! every signed request, every response and every retry decision, e.g. for
//! a CLI's `--debug` or to count attempts. Credentials never appear in
//! [`redacted`] header values.

use std::sync::Arc;
use std::time::Duration;

/// One thing that happened during a call.
#[derive(Debug)]
#[non_exhaustive]
pub enum Event<'a> {
    /// A signed request is about to be sent.
    Request {
        /// The operation (e.g. `ListModelInvocationJobs`).
        operation: &'static str,
        /// 1 for the first attempt.
        attempt: u32,
        /// The method.
        method: &'a ::http::Method,
        /// The full URL.
        url: &'a str,
        /// The headers, signature included (see [`redacted`]).
        headers: &'a ::http::HeaderMap,
        /// The body.
        body: &'a [u8],
    },
    /// A response arrived (whole body read).
    Response {
        /// The operation.
        operation: &'static str,
        /// The attempt it answers.
        attempt: u32,
        /// The response.
        response: &'a ::http::Response<Vec<u8>>,
    },
    /// An attempt failed without a response.
    TransportError {
        /// The operation.
        operation: &'static str,
        /// The attempt.
        attempt: u32,
        /// What failed.
        error: &'a (dyn std::error::Error + Send + Sync),
    },
    /// The call is retried after `wait`.
    Retry {
        /// The operation.
        operation: &'static str,
        /// The attempt that failed.
        attempt: u32,
        /// The backoff before the next attempt.
        wait: Duration,
    },
    /// A retry was called for but the retry quota is spent.
    QuotaExhausted {
        /// The operation.
        operation: &'static str,
        /// The attempt that failed.
        attempt: u32,
    },
}

/// A callback for [`Event`]s, shared by a config's clients.
pub type Observer = Arc<dyn Fn(&Event<'_>) + Send + Sync>;

/// A header value safe to print: the signature of `Authorization`, the
/// session token and any `*-token` / `*secret*` header are replaced by
/// `<redacted>` (the access key id and the signed header names stay, as in
/// botocore's debug log).
pub fn redacted(name: &::http::HeaderName, value: &::http::HeaderValue) -> String {
    let text = value.to_str().unwrap_or("<non-text value>");
    let name = name.as_str();
    if name == "authorization" {
        return match text.find("Signature=") {
            Some(at) => format!("{}Signature=<redacted>", &text[..at]),
            None => "<redacted>".into(),
        };
    }
    if name == "x-amz-security-token" || name.ends_with("-token") || name.contains("secret") || name == "cookie" {
        return "<redacted>".into();
    }
    text.to_owned()
}

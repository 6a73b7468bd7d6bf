//! HTTP bindings of operations: the generic half of the generated
//! `operations` module, shared by every protocol (what differs between
//! protocols is in [`protocol`](crate::protocol)).
//!
//! Generated code supplies, per operation, only what the model says (which
//! member goes to which label, query parameter or header, in which format);
//! everything else lives here, written to match botocore's serializers and
//! parsers byte for byte:
//!
//! - [`RequestBuilder`] renders the URI template (labels percent-encoded like
//!   botocore's `percent_encode`: everything but unreserved characters, and
//!   `/` kept in greedy `{label+}` labels), appends the query string in the
//!   order members were added, sets headers, and writes the JSON body with
//!   [`to_botocore_json`](crate::wire::to_botocore_json).
//! - [`fmt`] formats member values for URIs, query strings and headers.
//! - [`ErrorResponse`], [`json_body`], [`header`] and [`parse`] read
//!   responses: the output's body and bound members, or the error code,
//!   message and request id of an error (read by the operation's
//!   [`Protocol`]).
//! - [`Operation`] ties an operation's input, output and error types to its
//!   request builder and response parser; every generated operation
//!   implements it.

use std::collections::BTreeMap;
use std::fmt::Write as _;


use crate::json::FromJson;
use crate::protocol::{DecodeError, Protocol};

type Timestamp = chrono::DateTime<chrono::Utc>;

/// Static facts about an operation, from its model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Metadata {
    /// The operation's name in the model (e.g. `ListModelInvocationJobs`).
    pub name: &'static str,
    /// HTTP method (e.g. `GET`).
    pub method: &'static str,
    /// Request URI template, with `{label}` / `{label+}` placeholders and
    /// possibly a literal query string (e.g. `/things/{thingId}?x-id=Put`).
    pub uri: &'static str,
    /// The status code the model gives for success (any 2xx is accepted).
    pub success_code: u16,
}

/// An operation: how its input becomes an HTTP request and how an HTTP
/// response becomes its output or error, in its service's protocol.
///
/// Every operation of a generated crate implements this trait on a unit
/// struct named like the operation (e.g. `ListModelInvocationJobs`).
pub trait Operation {
    /// The input structure (`()` when the operation has none).
    type Input;
    /// The output structure (`()` when the operation has none).
    type Output;
    /// The operation's error enum: a variant per modelled error plus
    /// `Unhandled`.
    type Error: std::error::Error;
    /// The service's wire protocol (how error responses are read).
    type Protocol: Protocol;
    /// Name, method, URI template and success code.
    const METADATA: Metadata;

    /// Serializes `input` into an HTTP request exactly as botocore does: the
    /// request has a path-and-query URI (no scheme or host), the modelled
    /// headers and `Content-Type`, and the body.
    fn build_request(input: &Self::Input) -> Result<::http::Request<Vec<u8>>, BuildError>;

    /// Reads a response: a 2xx status gives the output, anything else the
    /// error the response describes.
    fn parse_response(response: &::http::Response<Vec<u8>>) -> Result<Self::Output, SdkError<Self::Error>>;

    /// Sets every idempotency-token member of `input` that is not set (or
    /// is empty, when required) to a token from `new_token`, as botocore
    /// does with a UUID v4 before sending. The default does nothing: the
    /// operation has no such member.
    fn fill_idempotency_tokens(input: &mut Self::Input, new_token: &mut dyn FnMut() -> String) {
        let _ = (input, new_token);
    }

    /// botocore's client-side customizations of this operation (its
    /// `handlers.py`), which the client runs before building the request:
    /// they may change `input`, and the function they return is applied to
    /// the output. The default does nothing. S3's ListObjects,
    /// ListObjectsV2 and ListObjectVersions ask for URL-encoded keys when the
    /// caller chose no `encoding_type`, and decode them in the output. A
    /// transport of your own that calls [`build_request`](Self::build_request)
    /// and [`parse_response`](Self::parse_response) directly can call this
    /// too; without it, the request is what botocore's serializer gives.
    fn customize(input: &mut Self::Input) -> Option<fn(&mut Self::Output)> {
        let _ = input;
        None
    }
}

/// URL-decodes `value` in place as botocore's `unquote_str`
/// (`urllib.parse.unquote_plus`): `+` is a space, `%XX` a byte, a `%` not
/// followed by two hex digits stays as it is, and bytes that are not UTF-8
/// become U+FFFD.
pub fn url_decode(value: &mut Option<String>) {
    let Some(text) = value else { return };
    if !text.contains(['%', '+']) {
        return;
    }
    let bytes = text.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match (bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
                (Some(high), Some(low)) => {
                    out.push(high << 4 | low);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    *text = String::from_utf8_lossy(&out).into_owned();
}

/// Why a request could not be built from an input.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// A member bound to a URI label is not set.
    #[error("`{operation}`: the URI label `{label}` is not set")]
    MissingLabel {
        /// The operation.
        operation: &'static str,
        /// The label's name in the URI template.
        label: String,
    },
    /// A member bound to a URI label is the empty string.
    #[error("`{operation}`: the URI label `{label}` is empty")]
    EmptyLabel {
        /// The operation.
        operation: &'static str,
        /// The label's name in the URI template.
        label: String,
    },
    /// A header name or value cannot be sent (control or non-ASCII characters).
    #[error("`{operation}`: the header `{name}` has a value HTTP cannot carry: {message}")]
    InvalidHeader {
        /// The operation.
        operation: &'static str,
        /// The header's name.
        name: String,
        /// What is wrong.
        message: String,
    },
    /// The body could not be encoded in the protocol's format.
    #[error("`{operation}`: the body could not be encoded: {message}")]
    Encode {
        /// The operation.
        operation: &'static str,
        /// The encoder's message.
        message: String,
    },
    /// A member that fills a label of the host prefix is unset or not a
    /// valid host label.
    #[error(
        "`{operation}`: invalid value for the host label `{label}` ({}): it must contain only alphanumeric characters, hyphen, or period",
        value.as_deref().map_or("not set".to_owned(), |v| format!("{v:?}"))
    )]
    InvalidHostLabel {
        /// The operation.
        operation: &'static str,
        /// The member (and label) name.
        label: String,
        /// Its value, when set.
        value: Option<String>,
    },
    /// The request names a checksum algorithm this runtime does not compute.
    #[error("`{operation}`: unsupported checksum algorithm: {algorithm} (supported: CRC32, CRC32C, SHA1, SHA256)")]
    UnsupportedChecksum {
        /// The operation.
        operation: &'static str,
        /// The algorithm as given.
        algorithm: String,
    },
    /// The body could not be serialized.
    #[error("`{operation}`: the body could not be serialized: {source}")]
    Body {
        /// The operation.
        operation: &'static str,
        /// The serializer's error.
        source: serde_json::Error,
    },
    /// The rendered URI or method is not valid HTTP.
    #[error("`{operation}`: invalid request: {source}")]
    Http {
        /// The operation.
        operation: &'static str,
        /// The `http` crate's error.
        source: ::http::Error,
    },
}

/// Builds the HTTP request of one operation call. Generated code calls one
/// method per bound member, in member order (by model name), then [`build`](Self::build).
#[derive(Debug)]
pub struct RequestBuilder {
    metadata: Metadata,
    labels: BTreeMap<String, Vec<u8>>,
    /// Encoded `name=value` pairs; `true` marks pairs from a query map
    /// (`httpQueryParams`), which yield to a parameter of the same name.
    query: Vec<(String, String, bool)>,
    /// Whether any query member was set, even to an empty list (botocore
    /// then still appends `?`).
    query_touched: bool,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    /// The `Content-Type` of the body, unless a header sets one.
    content_type: Option<&'static str>,
    host_prefix: Option<String>,
    error: Option<BuildError>,
}

/// The host prefix of a request (botocore's `host_prefix`, e.g. `data-` or
/// `my-graph.`), carried as an extension of the `http::Request`: the URI
/// stays relative, and whoever sends the request (the client does) puts
/// the prefix before the endpoint's host name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostPrefix(pub String);

impl HostPrefix {
    /// `endpoint` (`scheme://host[:port][/path]`) with the prefix before
    /// its host name, as botocore's `_urljoin` does.
    pub fn apply(&self, endpoint: &str) -> String {
        match endpoint.find("://") {
            Some(i) => format!("{}{}{}", &endpoint[..i + 3], self.0, &endpoint[i + 3..]),
            None => format!("{}{endpoint}", self.0),
        }
    }
}

/// `template` with each `{label}` replaced by its member's value, which must
/// be a valid host label (botocore's check: letters, digits, `-` and `.`);
/// an unset or invalid value is a [`BuildError::InvalidHostLabel`] naming
/// the member.
fn expand_host_prefix(operation: &'static str, template: &str, labels: &[(&str, Option<&str>)]) -> Result<String, BuildError> {
    let mut prefix = template.to_owned();
    for &(name, value) in labels {
        match value {
            Some(value) if is_host_label(value) => prefix = prefix.replace(&format!("{{{name}}}"), value),
            _ => {
                return Err(BuildError::InvalidHostLabel { operation, label: name.to_owned(), value: value.map(str::to_owned) })
            }
        }
    }
    Ok(prefix)
}

/// A built request with its host prefix (see [`RequestBuilder::host_prefix`])
/// attached as a [`HostPrefix`]: what every generated operation with an
/// `endpoint.hostPrefix` does, whatever its protocol.
pub fn with_host_prefix(
    request: Result<::http::Request<Vec<u8>>, BuildError>,
    metadata: Metadata,
    template: &str,
    labels: &[(&str, Option<&str>)],
) -> Result<::http::Request<Vec<u8>>, BuildError> {
    let mut request = request?;
    let prefix = expand_host_prefix(metadata.name, template, labels)?;
    request.extensions_mut().insert(HostPrefix(prefix));
    Ok(request)
}

/// A built request with its body's checksum, as botocore adds it to an
/// operation with `httpChecksum` (S3's flexible checksums) under its default
/// `request_checksum_calculation = when_supported`: with the algorithm the
/// caller set in the operation's algorithm member, else CRC32 (and then
/// `algorithm_header`, the member's header, says `CRC32`). A request that
/// already has an `x-amz-checksum-*` header is left as it is. The checksum is
/// always a header: botocore sends it as an `aws-chunked` trailer for
/// streaming uploads over HTTPS, which this runtime does not do.
pub fn with_request_checksum(
    request: Result<::http::Request<Vec<u8>>, BuildError>,
    metadata: Metadata,
    algorithm: Option<&str>,
    algorithm_header: Option<&'static str>,
) -> Result<::http::Request<Vec<u8>>, BuildError> {
    let mut request = request?;
    if request.headers().keys().any(|name| name.as_str().starts_with("x-amz-checksum-")) {
        return Ok(request);
    }
    let name = algorithm.unwrap_or(crate::checksum::DEFAULT_ALGORITHM);
    let unsupported = || BuildError::UnsupportedChecksum { operation: metadata.name, algorithm: name.to_owned() };
    let (header, value) = crate::checksum::header(name, request.body()).ok_or_else(unsupported)?;
    let header = ::http::HeaderName::from_bytes(header.as_bytes()).map_err(|_| unsupported())?;
    let value = ::http::HeaderValue::from_str(&value).map_err(|_| unsupported())?;
    request.headers_mut().insert(header, value);
    if let (None, Some(algorithm_header)) = (algorithm, algorithm_header) {
        request.headers_mut().insert(algorithm_header, ::http::HeaderValue::from_static(crate::checksum::DEFAULT_ALGORITHM));
    }
    Ok(request)
}

/// Validates a response's body against its checksum header, for operations
/// with response checksums (S3's GetObject): see [`crate::checksum::validate`].
/// A mismatch is a [`SdkError::Response`].
pub fn validate_response_checksum<E>(response: &::http::Response<Vec<u8>>, algorithms: &[&str]) -> Result<(), SdkError<E>> {
    crate::checksum::validate(algorithms, response.headers(), response.body())
        .map_err(|message| SdkError::Response(ResponseError::new(response, message)))
}

/// Whether `value` may fill a host label: botocore's `^[A-Za-z0-9.-]+$`.
pub fn is_host_label(value: &str) -> bool {
    !value.is_empty() && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
}

/// Characters botocore never percent-encodes (`SAFE_CHARS` plus
/// alphanumerics: RFC 3986 unreserved).
fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// Percent-encodes like botocore's `percent_encode` (Python's `quote` with
/// `safe='-._~'`), keeping `/` too when `keep_slash` (greedy labels).
pub fn percent_encode(bytes: &[u8], keep_slash: bool) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        if is_unreserved(b) || (keep_slash && b == b'/') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

impl RequestBuilder {
    /// Starts a request for the operation described by `metadata`.
    pub fn new(metadata: Metadata) -> Self {
        RequestBuilder {
            metadata,
            labels: BTreeMap::new(),
            query: Vec::new(),
            query_touched: false,
            headers: Vec::new(),
            body: Vec::new(),
            content_type: None,
            host_prefix: None,
            error: None,
        }
    }

    /// Sets the host prefix: `template` with each `{label}` replaced by its
    /// member's value, which must be a valid host label (botocore's check:
    /// letters, digits, `-` and `.`); an unset or invalid value is a
    /// [`BuildError::InvalidHostLabel`] naming the member.
    pub fn host_prefix(&mut self, template: &str, labels: &[(&str, Option<&str>)]) -> &mut Self {
        match expand_host_prefix(self.metadata.name, template, labels) {
            Ok(prefix) => self.host_prefix = Some(prefix),
            Err(e) => {
                self.error.get_or_insert(e);
            }
        }
        self
    }

    /// Sets the URI label `name` (`{name}` or greedy `{name+}` in the template).
    pub fn label(&mut self, name: &str, value: impl AsRef<[u8]>) -> &mut Self {
        self.labels.insert(name.to_owned(), value.as_ref().to_vec());
        self
    }

    /// Appends the query parameter `name=value`.
    pub fn query(&mut self, name: &str, value: impl AsRef<[u8]>) -> &mut Self {
        self.query_touched = true;
        self.query.push((percent_encode(name.as_bytes(), false), percent_encode(value.as_ref(), false), false));
        self
    }

    /// Appends `name=item` for every item of a list member (none for an
    /// empty list).
    pub fn query_list<V: AsRef<[u8]>>(&mut self, name: &str, items: impl IntoIterator<Item = V>) -> &mut Self {
        self.query_touched = true;
        for item in items {
            self.query(name, item);
        }
        self
    }

    /// Appends one entry of a map bound to the query string
    /// (`httpQueryParams`); it is dropped when a query member sets the same
    /// name.
    pub fn query_from_map(&mut self, name: &str, value: impl AsRef<[u8]>) -> &mut Self {
        self.query_touched = true;
        self.query.push((percent_encode(name.as_bytes(), false), percent_encode(value.as_ref(), false), true));
        self
    }

    /// Sets the header `name`.
    pub fn header(&mut self, name: &str, value: impl AsRef<str>) -> &mut Self {
        self.headers.push((name.to_owned(), value.as_ref().to_owned()));
        self
    }

    /// Sets a list-valued header: items joined with `,`; no header for an
    /// empty list. Items are already formatted (see [`fmt::header_list_item`]).
    pub fn header_list<V: AsRef<str>>(&mut self, name: &str, items: impl IntoIterator<Item = V>) -> &mut Self {
        let items: Vec<V> = items.into_iter().collect();
        if !items.is_empty() {
            let joined: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
            self.header(name, joined.join(","));
        }
        self
    }

    /// Sets one header per map entry, named `prefix` + key (`httpPrefixHeaders`).
    pub fn prefix_headers<K: AsRef<str>, V: AsRef<str>>(
        &mut self,
        prefix: &str,
        map: impl IntoIterator<Item = (K, V)>,
    ) -> &mut Self {
        for (key, value) in map {
            self.header(&format!("{prefix}{}", key.as_ref()), value);
        }
        self
    }

    /// Sets the body to `value` as JSON, exactly as botocore writes it (the
    /// whole input for operations with body members: HTTP-bound members are
    /// left out by its [`ToJson`](crate::to_json::ToJson)).
    pub fn json_body(&mut self, value: &dyn crate::to_json::ToJson) -> &mut Self {
        self.body(crate::to_json::to_string(value).into_bytes(), Some("application/json"))
    }

    /// Sets the body to a structure, union or document payload member;
    /// `{}` when it is not set (botocore sends an empty object).
    pub fn json_payload<T: crate::to_json::ToJson>(&mut self, value: Option<&T>) -> &mut Self {
        match value {
            Some(value) => self.json_body(value),
            None => self.body(b"{}".to_vec(), Some("application/json")),
        }
    }

    /// Sets the body to the raw bytes of a blob or string payload member
    /// (empty when it is not set; no `Content-Type`, as botocore).
    pub fn raw_payload(&mut self, value: Option<&[u8]>) -> &mut Self {
        self.body(value.unwrap_or_default().to_vec(), None)
    }

    /// Sets the body, already encoded by the protocol, and the
    /// `Content-Type` to send with it (unless a member sets that header).
    pub fn body(&mut self, body: Vec<u8>, content_type: Option<&'static str>) -> &mut Self {
        self.body = body;
        self.content_type = content_type;
        self
    }

    /// Records an error of the protocol's body encoder; [`build`](Self::build)
    /// returns the first one recorded.
    pub fn fail(&mut self, error: BuildError) -> &mut Self {
        self.error.get_or_insert(error);
        self
    }

    /// The URI: the template with its labels filled in, then the query
    /// string.
    fn uri(&self) -> Result<String, BuildError> {
        let template = self.metadata.uri;
        let mut out = String::with_capacity(template.len() + 32);
        let mut rest = template;
        while let Some(start) = rest.find('{') {
            out.push_str(&rest[..start]);
            let Some(len) = rest[start..].find('}') else {
                out.push_str(&rest[start..]);
                rest = "";
                break;
            };
            let placeholder = &rest[start + 1..start + len];
            let (name, greedy) = match placeholder.strip_suffix('+') {
                Some(name) => (name, true),
                None => (placeholder, false),
            };
            let value = self.labels.get(name).ok_or_else(|| BuildError::MissingLabel {
                operation: self.metadata.name,
                label: name.to_owned(),
            })?;
            if value.is_empty() {
                return Err(BuildError::EmptyLabel { operation: self.metadata.name, label: name.to_owned() });
            }
            out.push_str(&percent_encode(value, greedy));
            rest = &rest[start + len + 1..];
        }
        out.push_str(rest);

        if self.query_touched {
            let named: std::collections::BTreeSet<&str> =
                self.query.iter().filter(|(_, _, from_map)| !from_map).map(|(n, _, _)| n.as_str()).collect();
            let pairs: Vec<String> = self
                .query
                .iter()
                .filter(|(name, _, from_map)| !from_map || !named.contains(name.as_str()))
                .map(|(name, value, _)| format!("{name}={value}"))
                .collect();
            out.push(if out.contains('?') { '&' } else { '?' });
            out.push_str(&pairs.join("&"));
        }
        Ok(out)
    }

    /// The request: method, path-and-query URI, headers (with the body's
    /// `Content-Type` unless a member set it), body.
    pub fn build(&mut self) -> Result<::http::Request<Vec<u8>>, BuildError> {
        if let Some(error) = self.error.take() {
            return Err(error);
        }
        let operation = self.metadata.name;
        let uri = self.uri()?;
        let mut request = ::http::Request::builder().method(self.metadata.method).uri(uri);
        let mut has_content_type = false;
        for (name, value) in &self.headers {
            has_content_type |= name.eq_ignore_ascii_case("content-type");
            let name_ = ::http::HeaderName::from_bytes(name.as_bytes()).map_err(|e| BuildError::InvalidHeader {
                operation,
                name: name.clone(),
                message: e.to_string(),
            })?;
            let value = ::http::HeaderValue::from_str(value).map_err(|e| BuildError::InvalidHeader {
                operation,
                name: name.clone(),
                message: e.to_string(),
            })?;
            request = request.header(name_, value);
        }
        if let (Some(content_type), false) = (self.content_type, has_content_type) {
            request = request.header(::http::header::CONTENT_TYPE, content_type);
        }
        if let Some(prefix) = self.host_prefix.take() {
            request = request.extension(HostPrefix(prefix));
        }
        request.body(std::mem::take(&mut self.body)).map_err(|source| BuildError::Http { operation, source })
    }
}

/// Timestamp formats of URI labels, query parameters and headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampFormat {
    /// `2024-05-01T12:00:00Z` (`iso8601`; the default in URIs and query strings).
    DateTime,
    /// `1714564800` (`unixTimestamp`).
    EpochSeconds,
    /// `Wed, 01 May 2024 12:00:00 GMT` (`rfc822`; the default in headers).
    HttpDate,
}

/// Text forms of member values in URIs, query strings and headers, as
/// botocore writes them.
pub mod fmt {
    use super::{Timestamp, TimestampFormat};
    use base64::Engine as _;
    use chrono::Timelike as _;

    /// A float as Python's `str(float)` (botocore's form): shortest
    /// round-trip digits, `1.0`, `1e+16`, `1e-05`, and `NaN`, `Infinity`,
    /// `-Infinity`.
    pub fn float<T: Float>(value: &T) -> String {
        value.python_repr()
    }

    /// `f32` and `f64`.
    pub trait Float: Copy {
        /// The value as Python's `repr(float)` writes it.
        fn python_repr(self) -> String;
    }

    impl Float for f64 {
        fn python_repr(self) -> String {
            if self.is_nan() {
                return "NaN".into();
            }
            if self.is_infinite() {
                return if self > 0.0 { "Infinity" } else { "-Infinity" }.into();
            }
            python_repr(&format!("{self:e}"))
        }
    }

    impl Float for f32 {
        fn python_repr(self) -> String {
            if self.is_nan() {
                return "NaN".into();
            }
            if self.is_infinite() {
                return if self > 0.0 { "Infinity" } else { "-Infinity" }.into();
            }
            python_repr(&format!("{self:e}"))
        }
    }

    /// Rewrites Rust's shortest `{:e}` form (`-1.5e-7`) as Python's repr.
    fn python_repr(sci: &str) -> String {
        let (mantissa, exp) = sci.split_once('e').expect("`{:e}` always has an exponent");
        let exp: i32 = exp.parse().expect("`{:e}` exponents are integers");
        let (sign, mantissa) = match mantissa.strip_prefix('-') {
            Some(m) => ("-", m),
            None => ("", mantissa),
        };
        let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
        let mut out = String::from(sign);
        if !(-4..16).contains(&exp) {
            out.push_str(&digits[..1]);
            if digits.len() > 1 {
                out.push('.');
                out.push_str(&digits[1..]);
            }
            out.push_str(&format!("e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs()));
            return out;
        }
        // Position of the decimal point after the first `decpt` digits.
        let decpt = exp + 1;
        if decpt <= 0 {
            out.push_str("0.");
            out.push_str(&"0".repeat((-decpt) as usize));
            out.push_str(&digits);
        } else if digits.len() <= decpt as usize {
            out.push_str(&digits);
            out.push_str(&"0".repeat(decpt as usize - digits.len()));
            out.push_str(".0");
        } else {
            out.push_str(&digits[..decpt as usize]);
            out.push('.');
            out.push_str(&digits[decpt as usize..]);
        }
        out
    }

    /// A timestamp in a URI label or query parameter (microseconds kept).
    pub fn timestamp(value: &Timestamp, format: TimestampFormat) -> String {
        match format {
            TimestampFormat::DateTime => crate::wire::format_date_time(value),
            TimestampFormat::HttpDate => crate::wire::format_http_date(value),
            TimestampFormat::EpochSeconds => {
                let n = crate::wire::epoch_seconds(value);
                match n.as_i64() {
                    Some(i) => i.to_string(),
                    None => float(&n.as_f64().unwrap_or_default()),
                }
            }
        }
    }

    /// A timestamp in a header: botocore drops the fractions first.
    pub fn header_timestamp(value: &Timestamp, format: TimestampFormat) -> String {
        let whole = value.with_nanosecond(0).unwrap_or(*value);
        timestamp(&whole, format)
    }

    /// One string item of a list-valued header: quoted (with `"` escaped)
    /// when it contains `,` or `"`.
    pub fn header_list_item(value: &str) -> String {
        if value.contains(',') || value.contains('"') {
            format!("\"{}\"", value.replace('"', "\\\""))
        } else {
            value.to_owned()
        }
    }

    /// A blob in a header: base64.
    pub fn base64(value: &[u8]) -> String {
        base64::engine::general_purpose::STANDARD.encode(value)
    }

    /// A `jsonvalue` header (Smithy `@mediaType("application/json")`): the
    /// member holds JSON text, sent base64-encoded. botocore encodes
    /// `json.dumps(value, separators=(',', ':'))`, so compact JSON text gives
    /// the same header.
    pub fn json_value(value: &str) -> String {
        base64(value.as_bytes())
    }
}

/// The operation's error, or a response that could not be read, or (with
/// a client) a request that could not be built or sent.
#[derive(Debug)]
#[non_exhaustive]
pub enum SdkError<E> {
    /// The service answered with an error status: a modelled error, or
    /// `Unhandled` with the code, message and request id it sent.
    Service(E),
    /// The response does not fit the operation's model (a malformed JSON
    /// body, a header that does not parse).
    Response(ResponseError),
    /// The request could not be built from the input (a client call; see
    /// [`Operation::build_request`]).
    Build(BuildError),
    /// The request could not be sent or its response not received (a client
    /// call): no credentials, a failed connection, a timeout, after the
    /// configured retries.
    Dispatch(DispatchError),
}

impl<E> SdkError<E> {
    /// The service error, if the service sent one.
    pub fn service_error(&self) -> Option<&E> {
        match self {
            SdkError::Service(e) => Some(e),
            _ => None,
        }
    }

    /// The service error, if the service sent one.
    pub fn into_service_error(self) -> Option<E> {
        match self {
            SdkError::Service(e) => Some(e),
            _ => None,
        }
    }
}

/// Why a client could not send a request or receive its response.
#[derive(Debug)]
pub struct DispatchError {
    operation: &'static str,
    kind: DispatchErrorKind,
    attempts: u32,
    source: Box<dyn std::error::Error + Send + Sync + 'static>,
}

/// What kind of failure a [`DispatchError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DispatchErrorKind {
    /// No credentials could be found or loaded (not retried).
    Credentials,
    /// The request could not be signed or converted for the transport (not
    /// retried).
    Signing,
    /// The connection could not be established (retried).
    Connect,
    /// An attempt or the whole call took longer than its timeout (attempt
    /// timeouts are retried).
    Timeout,
    /// The connection failed while sending the request or reading the
    /// response (retried).
    Io,
}

impl std::fmt::Display for DispatchErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            DispatchErrorKind::Credentials => "no credentials",
            DispatchErrorKind::Signing => "signing failed",
            DispatchErrorKind::Connect => "connection failed",
            DispatchErrorKind::Timeout => "timed out",
            DispatchErrorKind::Io => "I/O error",
        })
    }
}

impl std::fmt::Display for DispatchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`{}`: {}", self.operation, self.kind)?;
        match self.attempts {
            0 => {}
            1 => f.write_str(" after 1 attempt")?,
            n => write!(f, " after {n} attempts")?,
        }
        write!(f, ": {}", self.source)
    }
}

impl std::error::Error for DispatchError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.source)
    }
}

impl DispatchError {
    /// A dispatch error of `operation` after `attempts` attempts.
    pub fn new(
        operation: &'static str,
        kind: DispatchErrorKind,
        attempts: u32,
        source: impl Into<Box<dyn std::error::Error + Send + Sync + 'static>>,
    ) -> Self {
        DispatchError { operation, kind, attempts, source: source.into() }
    }

    /// The operation's name in the model.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// What failed.
    pub fn kind(&self) -> DispatchErrorKind {
        self.kind
    }

    /// How many attempts were made (0 when none could be: no credentials).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Whether an attempt or the call timed out.
    pub fn is_timeout(&self) -> bool {
        self.kind == DispatchErrorKind::Timeout
    }

    /// Whether no connection could be established.
    pub fn is_connect(&self) -> bool {
        self.kind == DispatchErrorKind::Connect
    }
}

impl<E> From<ResponseError> for SdkError<E> {
    fn from(e: ResponseError) -> Self {
        SdkError::Response(e)
    }
}

impl<E: std::fmt::Display> std::fmt::Display for SdkError<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SdkError::Service(e) => write!(f, "service error: {e}"),
            SdkError::Response(e) => e.fmt(f),
            SdkError::Build(e) => write!(f, "could not build the request: {e}"),
            SdkError::Dispatch(e) => e.fmt(f),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for SdkError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SdkError::Service(e) => Some(e),
            SdkError::Response(e) => Some(e),
            SdkError::Build(e) => Some(e),
            SdkError::Dispatch(e) => Some(e),
        }
    }
}

/// A response that does not fit the operation's model.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("could not read the response (HTTP {status}{}): {message}", request_id.as_deref().map(|id| format!(", request id {id}")).unwrap_or_default())]
pub struct ResponseError {
    /// HTTP status code.
    pub status: u16,
    /// `x-amzn-RequestId`, if sent.
    pub request_id: Option<String>,
    /// What does not fit.
    pub message: String,
}

impl ResponseError {
    /// A response error about `response`.
    pub fn new(response: &::http::Response<Vec<u8>>, message: impl Into<String>) -> Self {
        ResponseError { status: response.status().as_u16(), request_id: request_id(response), message: message.into() }
    }
}

/// The request id: `x-amzn-RequestId`, else `x-amz-request-id` (as botocore).
pub fn request_id(response: &::http::Response<Vec<u8>>) -> Option<String> {
    ["x-amzn-requestid", "x-amz-request-id"]
        .iter()
        .find_map(|name| response.headers().get(*name))
        .and_then(|v| std::str::from_utf8(v.as_bytes()).ok())
        .map(str::to_owned)
}

/// Deserializes the output from a JSON body (an empty body reads as `{}`,
/// as botocore).
pub fn json_body<T: FromJson>(response: &::http::Response<Vec<u8>>) -> Result<T, ResponseError> {
    let mut value = None::<T>;
    match read_json_body(response, &mut value) {
        Ok(()) => match value {
            Some(value) => Ok(value),
            None => Err(invalid_json(response, "body", crate::json::Error::nothing_read())),
        },
        Err(e) => Err(e),
    }
}

/// The body of [`json_body`], compiled once.
fn read_json_body(response: &::http::Response<Vec<u8>>, value: &mut dyn crate::json::Document) -> Result<(), ResponseError> {
    let body = response.body();
    let body: &[u8] = if body.iter().all(u8::is_ascii_whitespace) { b"{}" } else { body };
    crate::json::read_document(body, value).map_err(|e| invalid_json(response, "body", e))
}

/// The error for a JSON body or payload that does not read. Not generic.
fn invalid_json(response: &::http::Response<Vec<u8>>, what: &str, e: crate::json::Error) -> ResponseError {
    ResponseError::new(response, format!("invalid JSON {what}: {e}"))
}

/// Deserializes a structure, union or document payload member from the
/// body; `None` for an empty body.
pub fn json_payload<T: FromJson>(response: &::http::Response<Vec<u8>>) -> Result<Option<T>, ResponseError> {
    if response.body().iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    match crate::json::from_slice(response.body()) {
        Ok(value) => Ok(Some(value)),
        Err(e) => Err(invalid_json(response, "payload", e)),
    }
}

/// A string payload member: the body as UTF-8.
pub fn string_payload(response: &::http::Response<Vec<u8>>) -> Result<String, ResponseError> {
    String::from_utf8(response.body().clone())
        .map_err(|e| ResponseError::new(response, format!("the payload is not UTF-8: {e}")))
}

/// All values of header `name` (case-insensitive), joined with `, ` as HTTP
/// allows; `None` when absent.
fn header_text(response: &::http::Response<Vec<u8>>, name: &str) -> Result<Option<String>, ResponseError> {
    let mut values = response.headers().get_all(name).iter().peekable();
    if values.peek().is_none() {
        return Ok(None);
    }
    let mut texts = Vec::new();
    for value in values {
        let text = std::str::from_utf8(value.as_bytes())
            .map_err(|_| ResponseError::new(response, format!("the header `{name}` is not UTF-8")))?;
        texts.push(text);
    }
    Ok(Some(texts.join(", ")))
}

/// Reads header `name` with `parse` (one of [`parse`]'s functions); `None`
/// when absent.
pub fn header<T>(
    response: &::http::Response<Vec<u8>>,
    name: &str,
    parse: impl FnOnce(&str) -> Result<T, String>,
) -> Result<Option<T>, ResponseError> {
    match header_text(response, name)? {
        None => Ok(None),
        Some(text) => parse(&text)
            .map(Some)
            .map_err(|e| ResponseError::new(response, format!("the header `{name}`: {e}"))),
    }
}

/// Reads a list-valued header: comma-separated items (double-quoted items
/// may contain commas), each read with `parse`.
pub fn header_list<T>(
    response: &::http::Response<Vec<u8>>,
    name: &str,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Result<Option<Vec<T>>, ResponseError> {
    header(response, name, |text| split_header_list(text, false).iter().map(|item| parse(item)).collect())
}

/// Reads a list of HTTP-date timestamps from a header (each date has a comma
/// of its own: `Wed, 01 May 2024 12:00:00 GMT, Thu, 02 May …`).
pub fn header_http_date_list(
    response: &::http::Response<Vec<u8>>,
    name: &str,
) -> Result<Option<Vec<Timestamp>>, ResponseError> {
    header(response, name, |text| split_header_list(text, true).iter().map(|item| parse::timestamp(item)).collect())
}

fn split_header_list(text: &str, http_dates: bool) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            '\\' if quoted => current.extend(chars.next()),
            ',' if !quoted => items.push(std::mem::take(&mut current)),
            c => current.push(c),
        }
    }
    items.push(current);
    let items: Vec<String> = items.into_iter().map(|s| s.trim().to_owned()).collect();
    if http_dates {
        items.chunks(2).map(|pair| pair.join(", ")).collect()
    } else {
        items
    }
}

/// The headers whose names start with `prefix` (case-insensitive), keyed by
/// the rest of the name (lowercase); `None` when there are none.
pub fn prefix_headers<M: FromIterator<(String, String)>>(
    response: &::http::Response<Vec<u8>>,
    prefix: &str,
) -> Result<Option<M>, ResponseError> {
    let prefix = prefix.to_ascii_lowercase();
    let mut entries = Vec::new();
    for name in response.headers().keys() {
        if let Some(key) = name.as_str().strip_prefix(&prefix) {
            if let Some(text) = header_text(response, name.as_str())? {
                entries.push((key.to_owned(), text));
            }
        }
    }
    Ok((!entries.is_empty()).then(|| entries.into_iter().collect()))
}

/// Readers of header values, for [`header`] and [`header_list`].
pub mod parse {
    use super::Timestamp;
    use base64::Engine as _;

    /// A string or string enum.
    pub fn string<T: From<String>>(text: &str) -> Result<T, String> {
        Ok(T::from(text.to_owned()))
    }

    /// A boolean: `true` in any case is true, anything else false (botocore's
    /// `ensure_boolean`).
    pub fn boolean(text: &str) -> Result<bool, String> {
        Ok(text.trim().eq_ignore_ascii_case("true"))
    }

    /// An integer.
    pub fn integer<T: std::str::FromStr>(text: &str) -> Result<T, String>
    where
        T::Err: std::fmt::Display,
    {
        text.trim().parse().map_err(|e| format!("`{text}` is not an integer: {e}"))
    }

    /// A float (`NaN`, `Infinity` and `-Infinity` included).
    pub fn float<T: std::str::FromStr>(text: &str) -> Result<T, String>
    where
        T::Err: std::fmt::Display,
    {
        text.trim().parse().map_err(|e| format!("`{text}` is not a number: {e}"))
    }

    /// A timestamp in any format (HTTP-date, RFC 3339, epoch seconds).
    pub fn timestamp(text: &str) -> Result<Timestamp, String> {
        crate::wire::parse_timestamp(text).ok_or_else(|| format!("`{text}` is not a timestamp"))
    }

    /// A base64 blob.
    pub fn blob(text: &str) -> Result<Vec<u8>, String> {
        base64::engine::general_purpose::STANDARD
            .decode(text.trim())
            .map_err(|e| format!("invalid base64: {e}"))
    }

    /// A `jsonvalue` header: base64 of JSON text, returned as the JSON text.
    pub fn json_value(text: &str) -> Result<String, String> {
        String::from_utf8(blob(text)?).map_err(|_| "the decoded JSON is not UTF-8".to_owned())
    }
}

/// What an error response says, read as botocore's parser for protocol `P`
/// does (restJson1 unless said otherwise).
#[derive(Debug)]
pub struct ErrorResponse<'a, P: Protocol = crate::protocol::RestJson1> {
    response: &'a ::http::Response<Vec<u8>>,
    body: P::ErrorBody,
    code: String,
    message: Option<String>,
}

/// The parts of an error the model does not describe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorParts {
    /// The error code.
    pub code: String,
    /// The message, if the body has one.
    pub message: Option<String>,
    /// The request id, if sent.
    pub request_id: Option<String>,
    /// HTTP status code.
    pub status: u16,
}

/// Strips a `namespace#` prefix and a `:…` suffix from an error code.
pub fn sanitize_error_code(code: &str) -> &str {
    let code = code.split(':').next().unwrap_or(code);
    code.rsplit('#').next().unwrap_or(code)
}

impl<'a, P: Protocol> ErrorResponse<'a, P> {
    /// Reads the error code, message and body of an error response with
    /// [`P::read_error`](Protocol::read_error) (for restJson1: the
    /// `X-Amzn-ErrorType` header, else the body's `code`/`Code`, else its
    /// `__type`, else the status code). A 5xx response with an empty or
    /// HTML body is botocore's generic error, for every protocol: the status
    /// code is the code and its reason phrase the message.
    pub fn new(response: &'a ::http::Response<Vec<u8>>) -> Self {
        let status = response.status();
        let trimmed = response.body().trim_ascii();
        if status.is_server_error() && (trimmed.is_empty() || trimmed.starts_with(b"<html>")) {
            // botocore's generic error: a proxy's page or nothing at all.
            return ErrorResponse {
                response,
                body: P::ErrorBody::default(),
                code: status.as_u16().to_string(),
                message: status.canonical_reason().map(str::to_owned),
            };
        }
        let crate::protocol::ErrorRead { code, message, body } = P::read_error(response);
        ErrorResponse { response, body, code, message }
    }

    /// The error code (e.g. `ValidationException`).
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The message, if the body has one.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The response.
    pub fn response(&self) -> &'a ::http::Response<Vec<u8>> {
        self.response
    }

    /// The parsed body.
    pub fn body(&self) -> &P::ErrorBody {
        &self.body
    }

    /// Reads the modelled error `T` from the body.
    pub fn parse<T: DecodeError<P>>(&self) -> Result<T, ResponseError> {
        T::decode_error(&self.body)
            .map_err(|e| ResponseError::new(self.response, format!("invalid `{}` error body: {e}", self.code)))
    }

    /// Reads the modelled error `T` and, when it has a message member the
    /// body did not set (e.g. the body says `Message` and the member is
    /// `message`), gives it [`message`](Self::message). Compiled once per
    /// error type, and never inlined: every operation that lists the error
    /// calls that one copy (inlined, it was most of each operation's
    /// `from_response` in a release build); generated code wraps the result
    /// into the operation's error enum with a `match`.
    #[inline(never)]
    pub fn parse_error<T: DecodeError<P> + ErrorMessage>(&self) -> Result<T, ResponseError> {
        let mut error = self.parse::<T>()?;
        if let (Some(message), Some(field)) = (&self.message, error.message_mut()) {
            field.fill(message);
        }
        Ok(error)
    }

    /// The modelled error `T`, for errors with members bound to headers or
    /// the status code: `fill` sets them and wraps the error.
    pub fn modelled_with<T: DecodeError<P>, E>(
        &self,
        fill: impl FnOnce(T, &::http::Response<Vec<u8>>) -> Result<E, ResponseError>,
    ) -> SdkError<E> {
        match self.parse().and_then(|error| fill(error, self.response)) {
            Ok(error) => SdkError::Service(error),
            Err(e) => SdkError::Response(e),
        }
    }

    /// Code, message, request id and status, for an error the operation
    /// does not model.
    pub fn into_parts(self) -> ErrorParts {
        ErrorParts {
            request_id: request_id(self.response),
            status: self.response.status().as_u16(),
            code: self.code,
            message: self.message,
        }
    }
}

/// Implemented by the structures operations return as errors: their
/// message member, if they have one in the body.
pub trait ErrorMessage {
    /// The message member.
    fn message_mut(&mut self) -> Option<&mut dyn MessageField> {
        None
    }
}

/// The message member of a modelled error (`Option<String>`, or `String`
/// when required), filled from the error's message when the body left it
/// unset.
pub trait MessageField {
    /// Sets the message if none is set.
    fn fill(&mut self, message: &str);
}

impl MessageField for Option<String> {
    fn fill(&mut self, message: &str) {
        if self.is_none() {
            *self = Some(message.to_owned());
        }
    }
}

impl MessageField for String {
    fn fill(&mut self, message: &str) {
        if self.is_empty() {
            message.clone_into(self);
        }
    }
}

/// One variant of an operation's error enum, by what every variant has:
/// generated enums match once (`view`) and get `code()`, `Display` and
/// `Error::source` from here, instead of a `match` each.
#[derive(Debug, Clone, Copy)]
pub enum ErrorView<'a> {
    /// A modelled error: its code, and the error value when its shape is an
    /// error (`None`: a shape the operation lists but the model does not
    /// mark as an error).
    Modelled(&'static str, Option<&'a (dyn std::error::Error + 'static)>),
    /// An error the model does not list for the operation.
    Unhandled {
        /// The code the service sent.
        code: &'a str,
        /// The message, if any.
        message: Option<&'a str>,
        /// The HTTP status code.
        status: u16,
    },
}

impl<'a> ErrorView<'a> {
    /// The error code.
    pub fn code(self) -> &'a str {
        match self {
            ErrorView::Modelled(code, _) => code,
            ErrorView::Unhandled { code, .. } => code,
        }
    }

    /// The modelled error value, as `Error::source`.
    pub fn source(self) -> Option<&'a (dyn std::error::Error + 'static)> {
        match self {
            ErrorView::Modelled(_, error) => error,
            ErrorView::Unhandled { .. } => None,
        }
    }
}

impl std::fmt::Display for ErrorView<'_> {
    /// The modelled error's own `Display` (its code alone when it has none);
    /// for `Unhandled`, `Code: message`, or `Code (HTTP 500)` without a
    /// message.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            ErrorView::Modelled(_, Some(error)) => std::fmt::Display::fmt(error, f),
            ErrorView::Modelled(code, None) => f.write_str(code),
            ErrorView::Unhandled { code, message: Some(message), .. } => write!(f, "{code}: {message}"),
            ErrorView::Unhandled { code, message: None, status } => write!(f, "{code} (HTTP {status})"),
        }
    }
}


#[cfg(test)]
mod tests {
    use super::*;

    const META: Metadata = Metadata { name: "Op", method: "POST", uri: "/a/{Id}/b/{Key+}?x-id=Op", success_code: 200 };

    /// `with_request_checksum`: CRC32 by default with the algorithm header,
    /// the caller's algorithm without it, a caller's own checksum header
    /// kept, an unknown algorithm an error naming it.
    #[test]
    fn request_checksums_as_botocore_adds_them() {
        let build = |headers: &[(&str, &str)]| {
            let mut request = ::http::Request::put("https://b.s3.amazonaws.com/?tagging");
            for (name, value) in headers {
                request = request.header(*name, *value);
            }
            request.body(b"123456789".to_vec()).map_err(|source| BuildError::Http { operation: "Op", source })
        };
        let header = |r: &::http::Request<Vec<u8>>, name: &str| r.headers().get(name).map(|v| v.to_str().unwrap().to_owned());
        let r = with_request_checksum(build(&[]), META, None, Some("x-amz-sdk-checksum-algorithm")).unwrap();
        assert_eq!(header(&r, "x-amz-checksum-crc32").as_deref(), Some("y/Q5Jg=="));
        assert_eq!(header(&r, "x-amz-sdk-checksum-algorithm").as_deref(), Some("CRC32"));
        let r = with_request_checksum(build(&[("x-amz-sdk-checksum-algorithm", "SHA256")]), META, Some("SHA256"), Some("x-amz-sdk-checksum-algorithm")).unwrap();
        assert_eq!(header(&r, "x-amz-checksum-sha256").as_deref(), Some("FeKw08M4keuw8e9gnsQZQgwg4yDOlMZfvIwzEkSOsiU="));
        assert_eq!(header(&r, "x-amz-checksum-crc32"), None);
        assert_eq!(header(&r, "x-amz-sdk-checksum-algorithm").as_deref(), Some("SHA256"));
        let r = with_request_checksum(build(&[("x-amz-checksum-crc32", "mine")]), META, None, None).unwrap();
        assert_eq!(header(&r, "x-amz-checksum-crc32").as_deref(), Some("mine"));
        let e = with_request_checksum(build(&[]), META, Some("CRC64NVME"), None).unwrap_err();
        assert!(e.to_string().contains("unsupported checksum algorithm: CRC64NVME"), "{e}");
    }

    /// `url_decode` against Python's `urllib.parse.unquote_plus`.
    #[test]
    fn url_decode_as_unquote_plus() {
        let decode = |s: &str| {
            let mut v = Some(s.to_owned());
            url_decode(&mut v);
            v.unwrap()
        };
        assert_eq!(decode("dir/a+b%20c%26d.txt"), "dir/a b c&d.txt");
        assert_eq!(decode("caf%C3%A9"), "café");
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz%4"), "%zz%4");
        assert_eq!(decode("%FF"), "\u{fffd}");
        assert_eq!(decode("%01%0A"), "\u{1}\n");
        assert_eq!(decode("plain"), "plain");
        let mut none = None;
        url_decode(&mut none);
        assert_eq!(none, None);
    }

    /// `with_host_prefix` (every generated operation with a host prefix,
    /// whatever its protocol): the expanded prefix as the request's
    /// `HostPrefix`, or botocore's error for a label that is not a host label.
    #[test]
    fn host_prefixes_wrap_any_built_request() {
        let build = || ::http::Request::post("https://kinds.us-east-1.amazonaws.com/").body(Vec::new()).map_err(|source| BuildError::Http { operation: "Op", source });
        let request = with_host_prefix(build(), META, "{Account}.data-", &[("Account", Some("123456789012"))]).unwrap();
        let prefix = request.extensions().get::<HostPrefix>().unwrap();
        assert_eq!(prefix.apply("https://kinds.us-east-1.amazonaws.com"), "https://123456789012.data-kinds.us-east-1.amazonaws.com");
        for bad in [None, Some(""), Some("a/b"), Some("x.y:1")] {
            let e = with_host_prefix(build(), META, "{Account}.", &[("Account", bad)]).unwrap_err();
            assert!(matches!(&e, BuildError::InvalidHostLabel { label, .. } if label == "Account"), "{e:?}");
        }
    }

    #[test]
    fn python_float_repr() {
        for (v, want) in [
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (1.0, "1.0"),
            (1.5, "1.5"),
            (0.1, "0.1"),
            (123.456, "123.456"),
            (1e16, "1e+16"),
            (1.5e20, "1.5e+20"),
            (1234567890123456.0, "1234567890123456.0"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1.25e-7, "1.25e-07"),
            (-2.5e300, "-2.5e+300"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Infinity"),
            (f64::NEG_INFINITY, "-Infinity"),
        ] {
            assert_eq!(fmt::float(&v), want, "{v:e}");
        }
        assert_eq!(fmt::float(&0.1f32), "0.1");
    }

    #[test]
    fn labels_query_and_literal_query() {
        let mut b = RequestBuilder::new(META);
        b.label("Id", "arn:aws:x/y z").label("Key", "dir/file é.txt");
        b.query("b", "1 2").query_from_map("b", "dropped").query_from_map("c", "kept").query_list("l", ["x", "y"]);
        let req = b.build().unwrap();
        assert_eq!(
            req.uri().to_string(),
            "/a/arn%3Aaws%3Ax%2Fy%20z/b/dir/file%20%C3%A9.txt?x-id=Op&b=1%202&c=kept&l=x&l=y"
        );
        assert_eq!(req.method(), "POST");
        assert!(req.headers().get("content-type").is_none());
    }

    #[test]
    fn empty_list_still_adds_question_mark_like_botocore() {
        const M: Metadata = Metadata { name: "Op", method: "GET", uri: "/x", success_code: 200 };
        let mut b = RequestBuilder::new(M);
        b.query_list::<&str>("l", []);
        assert_eq!(b.build().unwrap().uri().to_string(), "/x?");
    }

    #[test]
    fn missing_and_empty_labels_are_errors() {
        let err = RequestBuilder::new(META).label("Key", "k").build().unwrap_err();
        assert!(matches!(err, BuildError::MissingLabel { ref label, .. } if label == "Id"), "{err}");
        let err = RequestBuilder::new(META).label("Id", "").label("Key", "k").build().unwrap_err();
        assert!(matches!(err, BuildError::EmptyLabel { .. }), "{err}");
    }

    #[test]
    fn headers() {
        let mut b = RequestBuilder::new(META);
        b.label("Id", "i").label("Key", "k");
        b.header("X-A", "1")
            .header_list("X-L", ["a", "b"].map(fmt::header_list_item))
            .header_list("X-E", Vec::<String>::new())
            .header_list("X-Q", ["a,b", "c\"d"].map(fmt::header_list_item))
            .prefix_headers("x-meta-", [("k", "v")])
            .json_payload::<serde_json::Value>(None);
        let req = b.build().unwrap();
        let h = req.headers();
        assert_eq!(h["x-a"], "1");
        assert_eq!(h["x-l"], "a,b");
        assert!(h.get("x-e").is_none());
        assert_eq!(h["x-q"], "\"a,b\",\"c\\\"d\"");
        assert_eq!(h["x-meta-k"], "v");
        assert_eq!(h["content-type"], "application/json");
        assert_eq!(req.body(), b"{}");

        let mut b = RequestBuilder::new(META);
        b.label("Id", "i").label("Key", "k").header("X-Bad", "a\nb");
        assert!(matches!(b.build().unwrap_err(), BuildError::InvalidHeader { .. }));
    }

    #[test]
    fn timestamps() {
        use chrono::TimeZone;
        let ts = chrono::Utc.timestamp_opt(1714564800, 123_456_000).unwrap();
        assert_eq!(fmt::timestamp(&ts, TimestampFormat::DateTime), "2024-05-01T12:00:00.123456Z");
        assert_eq!(fmt::timestamp(&ts, TimestampFormat::EpochSeconds), "1714564800.123456");
        assert_eq!(fmt::header_timestamp(&ts, TimestampFormat::EpochSeconds), "1714564800");
        assert_eq!(fmt::header_timestamp(&ts, TimestampFormat::DateTime), "2024-05-01T12:00:00Z");
        assert_eq!(fmt::header_timestamp(&ts, TimestampFormat::HttpDate), "Wed, 01 May 2024 12:00:00 GMT");
    }

    fn response(status: u16, headers: &[(&str, &str)], body: &str) -> ::http::Response<Vec<u8>> {
        let mut b = ::http::Response::builder().status(status);
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        b.body(body.as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn error_codes_like_botocore() {
        let cases = [
            (response(400, &[("X-Amzn-ErrorType", "ValidationException:http://internal/")], "{}"), "ValidationException"),
            (response(404, &[], r#"{"__type":"com.amazonaws.bedrock#ResourceNotFoundException"}"#), "ResourceNotFoundException"),
            (response(400, &[], r#"{"code":"Foo","__type":"Bar"}"#), "Foo"),
            (response(400, &[], r#"{"Code":"Foo"}"#), "Foo"),
            (response(502, &[("X-Amzn-ErrorType", "Foo")], "<html>Bad gateway</html>"), "502"),
            (response(500, &[], ""), "500"),
            (response(403, &[], "Forbidden"), "403"),
        ];
        for (resp, want) in &cases {
            assert_eq!(ErrorResponse::<crate::protocol::RestJson1>::new(resp).code(), *want);
        }
        let resp = response(403, &[("x-amzn-RequestId", "rid")], "Forbidden by proxy");
        let parts = ErrorResponse::<crate::protocol::RestJson1>::new(&resp).into_parts();
        assert_eq!(parts.message.as_deref(), Some("Forbidden by proxy"));
        assert_eq!(parts.request_id.as_deref(), Some("rid"));
        assert_eq!(parts.status, 403);
        let resp = response(502, &[], "<html>Bad gateway</html>");
        assert_eq!(ErrorResponse::<crate::protocol::RestJson1>::new(&resp).message(), Some("Bad Gateway"));
    }

    #[test]
    fn header_readers() {
        let resp = response(
            200,
            &[
                ("x-n", "42"),
                ("x-l", "a, \"b,c\" ,d"),
                ("x-d", "Wed, 01 May 2024 12:00:00 GMT, Thu, 02 May 2024 12:00:00 GMT"),
                ("x-meta-One", "1"),
                ("x-meta-two", "2"),
                ("x-bad", "x"),
            ],
            "",
        );
        assert_eq!(header(&resp, "X-N", parse::integer::<i32>).unwrap(), Some(42));
        assert_eq!(header(&resp, "x-missing", parse::integer::<i32>).unwrap(), None);
        assert_eq!(
            header_list(&resp, "x-l", parse::string::<String>).unwrap().unwrap(),
            ["a", "b,c", "d"]
        );
        assert_eq!(header_http_date_list(&resp, "x-d").unwrap().unwrap().len(), 2);
        let map: BTreeMap<String, String> = prefix_headers(&resp, "X-Meta-").unwrap().unwrap();
        assert_eq!(map.into_iter().collect::<Vec<_>>(), [("one".into(), "1".into()), ("two".into(), "2".into())]);
        let err = header(&resp, "x-bad", parse::integer::<i32>).unwrap_err();
        assert!(err.message.contains("x-bad"), "{err}");
        assert!(json_body::<serde_json::Value>(&resp).unwrap().is_object());
        let bad = response(200, &[], "{not json");
        assert!(json_body::<serde_json::Value>(&bad).is_err());
    }
}

//! An async client for generated crates (cargo feature `client`): the
//! generic half of each generated crate's `client` module.
//!
//! A generated crate supplies only its [`ServiceInfo`] (signing name,
//! endpoint prefix) and one thin method per operation; this module does the
//! rest, once for every service:
//!
//! - **Configuration** ([`Config`], [`ConfigBuilder`]): region from the
//!   builder, `AWS_REGION` / `AWS_DEFAULT_REGION`, or the profile's `region`;
//!   credentials from the builder (static [`Credentials`] or any
//!   [`ProvideCredentials`]), else `AWS_ACCESS_KEY_ID` /
//!   `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN`, else the shared profile
//!   files (`AWS_PROFILE` or `default`; `~/.aws/credentials`,
//!   `~/.aws/config`, or `AWS_SHARED_CREDENTIALS_FILE` / `AWS_CONFIG_FILE`).
//!   Profiles are read by `aws-config`'s own providers, so their semantics
//!   are the AWS SDKs' (file precedence, `[profile name]` sections,
//!   `credential_process`, `role_arn` with `source_profile` or
//!   `credential_source`, `web_identity_token_file`; their STS calls go
//!   through this client's transport). Not supported: SSO and `login`
//!   profiles (aws-config's `sso` feature is off).
//! - **Endpoint**: `https://{endpointPrefix}.{region}.amazonaws.com`
//!   (`.amazonaws.com.cn` in China regions), or an override URL from the
//!   builder or `AWS_ENDPOINT_URL` (e.g. `http://127.0.0.1:5000`).
//! - **Signing**: SigV4 with the `aws-sigv4` crate, re-signed on every
//!   attempt; credentials are cached until five minutes before they expire.
//! - **Transport**: reqwest with rustls (no OpenSSL), system and Mozilla
//!   root certificates plus `AWS_CA_BUNDLE` when set; a connect timeout and
//!   a per-attempt timeout ([`TimeoutConfig`]).
//! - **Retries** ([`RetryConfig`]): botocore's *standard* mode rules:
//!   throttling error codes (`ThrottlingException`,
//!   `TooManyRequestsException`, … and HTTP 429), transient codes
//!   (`RequestTimeout`, …), HTTP 500/502/503/504, and connection errors and
//!   timeouts are retried, up to `max_attempts` in all (3, or
//!   `AWS_MAX_ATTEMPTS`), with exponential backoff and full jitter.
//! - **Idempotency tokens**: members marked `idempotencyToken` that are not
//!   set get a UUID v4 before the first attempt (every retry sends the same
//!   token), as botocore does.
//! - **Paginators** ([`ClientPaginator`]): a generated paginator wired to a
//!   client, turned into a `futures::Stream` of pages or items that keeps
//!   the resume token.
//!
//! A Tokio runtime is required (reqwest and the backoff timer use it).

use std::fmt;
use std::marker::PhantomData;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use aws_config::provider_config::ProviderConfig;
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_runtime_api::http::StatusCode;
use aws_smithy_types::body::SdkBody;
use futures::future::BoxFuture;

pub use aws_credential_types::provider::ProvideCredentials;
pub use aws_credential_types::Credentials;

use crate::http::{DispatchError, DispatchErrorKind, Operation, SdkError};
use crate::protocol::Protocol;
use crate::paginator::{
    FullResult, ItemStream, PageStream, Paginate, PaginationConfig, PaginationError, Paginator,
};

type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

pub mod blocking;
mod credentials;
pub mod observe;
pub mod retry;

pub use blocking::{BlockingItems, BlockingPages, BlockingPaginator, BlockingRuntime};
pub use observe::{Event, Observer};
pub use retry::{
    retry_reason, RetryConfig, RetryMode, RetryReason, RetryState, CLOCK_SKEW_ERROR_CODES, THROTTLING_ERROR_CODES,
    TRANSIENT_ERROR_CODES, TRANSIENT_STATUS_CODES,
};

/// Static facts about a service, from its model; every generated crate has
/// one (`client::SERVICE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceInfo {
    /// `serviceId` (e.g. `Bedrock`).
    pub service_id: &'static str,
    /// `endpointPrefix`: the first label of the default host name (e.g.
    /// `bedrock`).
    pub endpoint_prefix: &'static str,
    /// The SigV4 signing name (e.g. `bedrock`).
    pub signing_name: &'static str,
    /// `apiVersion` (e.g. `2023-04-20`).
    pub api_version: &'static str,
}

/// A new idempotency token: a random UUID v4, as botocore generates.
pub fn idempotency_token() -> String {
    uuid::Uuid::new_v4().to_string()
}

// ---------------------------------------------------------------------------
// Retries and timeouts
// ---------------------------------------------------------------------------

/// Timeouts: `connect` (establishing a connection), `attempt` (one attempt,
/// from connecting until the whole response body is read; retried) and
/// `operation` (a whole call, all attempts and backoff included; not
/// retried). `None` disables one.
///
/// Defaults: 10 s connect, 60 s per attempt (botocore's read timeout), no
/// operation timeout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeoutConfig {
    connect: Option<Duration>,
    attempt: Option<Duration>,
    operation: Option<Duration>,
}

impl Default for TimeoutConfig {
    fn default() -> Self {
        TimeoutConfig { connect: Some(Duration::from_secs(10)), attempt: Some(Duration::from_secs(60)), operation: None }
    }
}

impl TimeoutConfig {
    /// No timeouts at all.
    pub fn disabled() -> Self {
        TimeoutConfig { connect: None, attempt: None, operation: None }
    }

    /// Sets the connect timeout.
    pub fn connect(mut self, d: impl Into<Option<Duration>>) -> Self {
        self.connect = d.into();
        self
    }

    /// Sets the per-attempt timeout.
    pub fn attempt(mut self, d: impl Into<Option<Duration>>) -> Self {
        self.attempt = d.into();
        self
    }

    /// Sets the timeout of a whole call.
    pub fn operation(mut self, d: impl Into<Option<Duration>>) -> Self {
        self.operation = d.into();
        self
    }

    /// The connect timeout.
    pub fn get_connect(&self) -> Option<Duration> {
        self.connect
    }

    /// The per-attempt timeout.
    pub fn get_attempt(&self) -> Option<Duration> {
        self.attempt
    }

    /// The timeout of a whole call.
    pub fn get_operation(&self) -> Option<Duration> {
        self.operation
    }
}

// ---------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------

/// Why a [`Config`] could not be loaded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// No region anywhere.
    #[error(
        "You must specify a region: the config builder's `region`, AWS_REGION or AWS_DEFAULT_REGION, \
         or `region` in the profile"
    )]
    NoRegion,
    /// The profile named (builder or `AWS_PROFILE`) is in neither shared
    /// file; the AWS CLI's words.
    #[error("The config profile ({0}) could not be found")]
    ProfileNotFound(String),
    /// The shared config or credentials file cannot be read or parsed.
    #[error("the shared config files cannot be read: {0}")]
    ProfileFile(String),
    /// `AWS_RETRY_MODE` or the profile's `retry_mode` is not `standard`,
    /// `adaptive` or `legacy`.
    #[error("the retry mode `{0}` is not one of standard, adaptive, legacy")]
    InvalidRetryMode(String),
    /// The region cannot be part of a host name.
    #[error("invalid region `{0}`: only letters, digits and `-` are allowed")]
    InvalidRegion(String),
    /// The endpoint override is not an `http` or `https` URL.
    #[error("invalid endpoint URL `{url}`: {message}")]
    InvalidEndpoint {
        /// The URL.
        url: String,
        /// What is wrong.
        message: String,
    },
    /// `AWS_MAX_ATTEMPTS` (or the profile's `max_attempts`) is not a
    /// positive integer.
    #[error("max_attempts (AWS_MAX_ATTEMPTS or the profile's) is `{0}`, not a positive integer")]
    InvalidMaxAttempts(String),
    /// `AWS_CA_BUNDLE` names a file that cannot be read or is not PEM.
    #[error("the CA bundle `{path}` (AWS_CA_BUNDLE) cannot be used: {message}")]
    CaBundle {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// The HTTP client could not be built (TLS setup).
    #[error("the HTTP client could not be built: {0}")]
    HttpClient(#[source] BoxError),
}

/// What a client needs: region, credentials, endpoint override, retries,
/// timeouts and the HTTP client. Cheap to clone; clients made from one
/// config share its connection pool and credentials cache.
///
/// Built by [`Config::builder`] … [`ConfigBuilder::load`], or
/// [`Config::from_env`].
#[derive(Clone)]
pub struct Config {
    region: String,
    endpoint_url: Option<String>,
    credentials: Arc<CredentialsCache>,
    retry: Arc<RetryState>,
    timeouts: TimeoutConfig,
    http: reqwest::Client,
    observer: Option<Observer>,
    inject_host_prefix: bool,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("region", &self.region)
            .field("endpoint_url", &self.endpoint_url)
            .field("credentials", &self.credentials.provider)
            .field("retry", self.retry.config())
            .field("timeouts", &self.timeouts)
            .finish_non_exhaustive()
    }
}

impl Config {
    /// A builder; nothing is read until [`ConfigBuilder::load`].
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// Everything from the environment and the shared profile files
    /// (`Config::builder().load()`).
    pub async fn from_env() -> Result<Config, ConfigError> {
        Self::builder().load().await
    }

    /// The region.
    pub fn region(&self) -> &str {
        &self.region
    }

    /// The endpoint override (scheme, authority and path prefix, without a
    /// trailing `/`), if any.
    pub fn endpoint_url(&self) -> Option<&str> {
        self.endpoint_url.as_deref()
    }

    /// The retry rules.
    pub fn retry(&self) -> &RetryConfig {
        self.retry.config()
    }

    /// The retry state (quota, rate limiter, clock skew) its clients share.
    pub fn retry_state(&self) -> &RetryState {
        &self.retry
    }

    /// The timeouts.
    pub fn timeouts(&self) -> &TimeoutConfig {
        &self.timeouts
    }
}

/// Builds a [`Config`]; every setting is optional.
#[derive(Default)]
pub struct ConfigBuilder {
    region: Option<String>,
    profile: Option<String>,
    endpoint_url: Option<String>,
    credentials: Option<SharedCredentialsProvider>,
    retry: Option<RetryConfig>,
    timeouts: TimeoutConfig,
    observer: Option<Observer>,
    inject_host_prefix: Option<bool>,
}

impl fmt::Debug for ConfigBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConfigBuilder")
            .field("region", &self.region)
            .field("profile", &self.profile)
            .field("endpoint_url", &self.endpoint_url)
            .field("credentials", &self.credentials)
            .field("retry", &self.retry)
            .field("timeouts", &self.timeouts)
            .finish()
    }
}

/// Reads an environment variable; unset and empty are the same.
fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

impl ConfigBuilder {
    /// Sets the region (otherwise `AWS_REGION`, `AWS_DEFAULT_REGION`, then
    /// the profile's `region`).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Sets the region if `region` is `Some`.
    pub fn set_region(mut self, region: Option<String>) -> Self {
        self.region = region.or(self.region);
        self
    }

    /// Uses the named profile of the shared config and credentials files
    /// (otherwise `AWS_PROFILE`, then `default`). As in the AWS CLI's
    /// `--profile`, credentials then come from that profile only, not from
    /// `AWS_ACCESS_KEY_ID` and friends; the region still comes from
    /// `AWS_REGION` first.
    pub fn profile(mut self, name: impl Into<String>) -> Self {
        self.profile = Some(name.into());
        self
    }

    /// Sets the profile if `name` is `Some`.
    pub fn set_profile(mut self, name: Option<String>) -> Self {
        self.profile = name.or(self.profile);
        self
    }

    /// Sends every request to this URL instead of the service's AWS
    /// endpoint (otherwise `AWS_ENDPOINT_URL`), e.g.
    /// `http://127.0.0.1:5000`; a path prefix is kept.
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.endpoint_url = Some(url.into());
        self
    }

    /// Whether operations with a host prefix (botocore `hostPrefix`, e.g.
    /// `data-` or `{graphIdentifier}.`) send it before the endpoint's host
    /// name, as botocore's `inject_host_prefix` (default: yes, unless
    /// `AWS_DISABLE_HOST_PREFIX_INJECTION` is `true`). Turn it off for an
    /// endpoint override that cannot take it, such as an IP address.
    pub fn inject_host_prefix(mut self, inject: bool) -> Self {
        self.inject_host_prefix = Some(inject);
        self
    }

    /// Sets the endpoint override if `url` is `Some`.
    pub fn set_endpoint_url(mut self, url: Option<String>) -> Self {
        self.endpoint_url = url.or(self.endpoint_url);
        self
    }

    /// Uses these credentials, e.g.
    /// `Credentials::from_keys("AKID", "SECRET", None)`, instead of the
    /// environment and profiles.
    pub fn credentials(self, credentials: Credentials) -> Self {
        self.credentials_provider(credentials)
    }

    /// Uses this credentials provider (any `aws-config` or custom
    /// [`ProvideCredentials`]) instead of the environment and profiles.
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.credentials = Some(SharedCredentialsProvider::new(provider));
        self
    }

    /// Sets the retry rules (otherwise botocore's standard mode, with
    /// `AWS_MAX_ATTEMPTS` attempts when set).
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.retry = Some(retry);
        self
    }

    /// Sets the number of attempts in all (the standard retry rules
    /// otherwise).
    pub fn max_attempts(mut self, n: u32) -> Self {
        self.retry = Some(self.retry.unwrap_or_default().max_attempts(n));
        self
    }

    /// Sets the timeouts.
    pub fn timeouts(mut self, timeouts: TimeoutConfig) -> Self {
        self.timeouts = timeouts;
        self
    }

    /// Calls `observer` with every request, response and retry decision
    /// (see [`observe`]).
    pub fn observer(mut self, observer: impl Fn(&Event<'_>) + Send + Sync + 'static) -> Self {
        self.observer = Some(Arc::new(observer));
        self
    }

    /// Resolves the region and endpoint, sets up credentials (loaded on the
    /// first request) and builds the HTTP client.
    pub async fn load(self) -> Result<Config, ConfigError> {
        let env_profile = credentials::selected_profile(None);
        let profile = self.profile.clone().filter(|p| !p.is_empty()).or(env_profile.clone());
        let profiles = credentials::load_profiles(profile.as_deref()).await?;
        let http = http_client(&self.timeouts)?;
        // aws-config's providers that call AWS themselves (STS for a
        // profile's `role_arn` and web identity, SSO, container and
        // instance credentials) use the client's transport.
        let provider_config = ProviderConfig::default()
            .with_http_client(CredentialsHttp(http.clone()))
            .with_behavior_version(Some(aws_config::BehaviorVersion::latest()));
        let region = credentials::region(self.region, profile.as_deref(), &provider_config).await?;
        if !region.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            return Err(ConfigError::InvalidRegion(region));
        }
        let endpoint_url = match self.endpoint_url.or_else(|| env_var("AWS_ENDPOINT_URL")) {
            Some(url) => Some(parse_endpoint(&url)?),
            None => None,
        };
        let provider_config = provider_config.with_region(Some(aws_config::Region::new(region.clone())));
        let credentials = match self.credentials {
            Some(provider) => provider,
            None => credentials::provider(self.profile.as_deref(), env_profile.as_deref(), &provider_config).await,
        };
        let retry = match self.retry {
            Some(retry) => retry,
            None => retry_from_settings(&profiles, profile.as_deref())?,
        };
        let inject_host_prefix = self.inject_host_prefix.unwrap_or_else(|| {
            !env_var("AWS_DISABLE_HOST_PREFIX_INJECTION").is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
        });
        Ok(Config {
            inject_host_prefix,
            region,
            endpoint_url,
            credentials: Arc::new(CredentialsCache { provider: credentials, cached: Mutex::new(None) }),
            retry: Arc::new(RetryState::new(retry)),
            timeouts: self.timeouts,
            http,
            observer: self.observer,
        })
    }
}

/// The retry rules from `AWS_RETRY_MODE` / `AWS_MAX_ATTEMPTS`, else the
/// profile's `retry_mode` / `max_attempts`, else standard.
fn retry_from_settings(
    profiles: &Option<aws_config::profile::ProfileSet>,
    profile: Option<&str>,
) -> Result<RetryConfig, ConfigError> {
    let from_profile = |key: &str| {
        let set = profiles.as_ref()?;
        let profile = match profile {
            Some(name) => set.get_profile(name)?,
            None => set.get_profile("default")?,
        };
        profile.get(key).map(str::to_owned)
    };
    let mode = env_var("AWS_RETRY_MODE").or_else(|| from_profile("retry_mode"));
    let mode = match mode {
        Some(mode) => mode.parse::<RetryMode>().map_err(ConfigError::InvalidRetryMode)?,
        None => RetryMode::Standard,
    };
    let mut retry = RetryConfig::for_mode(mode);
    if let Some(n) = env_var("AWS_MAX_ATTEMPTS").or_else(|| from_profile("max_attempts")) {
        match n.trim().parse::<u32>() {
            Ok(n) if n > 0 => retry = retry.max_attempts(n),
            _ => return Err(ConfigError::InvalidMaxAttempts(n)),
        }
    }
    Ok(retry)
}

/// Checks an endpoint override and returns it without a trailing `/`.
fn parse_endpoint(url: &str) -> Result<String, ConfigError> {
    let invalid = |message: &str| ConfigError::InvalidEndpoint { url: url.to_owned(), message: message.to_owned() };
    let uri: ::http::Uri = url.parse().map_err(|e: ::http::uri::InvalidUri| invalid(&e.to_string()))?;
    match uri.scheme_str() {
        Some("http" | "https") => {}
        _ => return Err(invalid("the scheme must be `http` or `https`")),
    }
    let Some(authority) = uri.authority() else {
        return Err(invalid("no host"));
    };
    if uri.query().is_some() {
        return Err(invalid("a query string is not allowed"));
    }
    let scheme = uri.scheme_str().unwrap_or("https");
    Ok(format!("{scheme}://{authority}{}", uri.path().trim_end_matches('/')))
}

/// The default endpoint of a service in a region.
pub fn default_endpoint(service: &ServiceInfo, region: &str) -> String {
    let suffix = if region.starts_with("cn-") { "amazonaws.com.cn" } else { "amazonaws.com" };
    format!("https://{}.{region}.{suffix}", service.endpoint_prefix)
}

fn http_client(timeouts: &TimeoutConfig) -> Result<reqwest::Client, ConfigError> {
    let mut builder = reqwest::Client::builder();
    if let Some(connect) = timeouts.connect {
        builder = builder.connect_timeout(connect);
    }
    if let Some(path) = env_var("AWS_CA_BUNDLE") {
        let ca_error = |message: String| ConfigError::CaBundle { path: path.clone(), message };
        let pem = std::fs::read(&path).map_err(|e| ca_error(e.to_string()))?;
        let certificates = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| ca_error(e.to_string()))?;
        if certificates.is_empty() {
            return Err(ca_error("no PEM certificate in the file".into()));
        }
        for certificate in certificates {
            builder = builder.add_root_certificate(certificate);
        }
    }
    builder.build().map_err(|e| ConfigError::HttpClient(Box::new(e)))
}

/// The transport of aws-config's credential providers: the client's
/// reqwest client behind aws-smithy's `HttpClient`.
#[derive(Debug, Clone)]
struct CredentialsHttp(reqwest::Client);

impl HttpClient for CredentialsHttp {
    fn http_connector(&self, settings: &HttpConnectorSettings, _: &RuntimeComponents) -> SharedHttpConnector {
        SharedHttpConnector::new(CredentialsConnector { http: self.0.clone(), timeout: settings.read_timeout() })
    }
}

#[derive(Debug)]
struct CredentialsConnector {
    http: reqwest::Client,
    timeout: Option<Duration>,
}

impl CredentialsConnector {
    fn convert(&self, request: &HttpRequest) -> Result<reqwest::Request, BoxError> {
        let method = reqwest::Method::from_bytes(request.method().as_bytes())?;
        let mut out = reqwest::Request::new(method, reqwest::Url::parse(request.uri())?);
        for (name, value) in request.headers().iter() {
            out.headers_mut()
                .append(::http::HeaderName::from_bytes(name.as_bytes())?, ::http::HeaderValue::from_str(value)?);
        }
        let body = request.body().bytes().ok_or("a streaming request body is not supported")?;
        *out.body_mut() = Some(body.to_vec().into());
        *out.timeout_mut() = self.timeout;
        Ok(out)
    }
}

impl HttpConnector for CredentialsConnector {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let http = self.http.clone();
        let converted = self.convert(&request);
        HttpConnectorFuture::new(async move {
            let request = converted.map_err(|e| ConnectorError::other(e, None))?;
            let transport = |e: reqwest::Error| {
                if e.is_timeout() {
                    ConnectorError::timeout(e.into())
                } else {
                    ConnectorError::io(e.into())
                }
            };
            let response = http.execute(request).await.map_err(transport)?;
            let status = StatusCode::try_from(response.status().as_u16()).map_err(|e| ConnectorError::other(e.into(), None))?;
            let headers = response.headers().clone();
            let body = response.bytes().await.map_err(transport)?;
            let mut out = HttpResponse::new(status, SdkBody::from(body.to_vec()));
            for (name, value) in &headers {
                if let Ok(value) = value.to_str() {
                    out.headers_mut().append(name.as_str().to_owned(), value.to_owned());
                }
            }
            Ok(out)
        })
    }
}

/// Credentials from a provider, kept until five minutes before they expire.
struct CredentialsCache {
    provider: SharedCredentialsProvider,
    cached: Mutex<Option<Credentials>>,
}

impl CredentialsCache {
    async fn get(&self) -> Result<Credentials, BoxError> {
        let fresh = |c: &Credentials| match c.expiry() {
            None => true,
            Some(at) => at > SystemTime::now() + Duration::from_secs(300),
        };
        let hit = self.cached.lock().unwrap_or_else(|e| e.into_inner()).as_ref().filter(|c| fresh(c)).cloned();
        if let Some(credentials) = hit {
            return Ok(credentials);
        }
        let credentials = self.provider.provide_credentials().await?;
        *self.cached.lock().unwrap_or_else(|e| e.into_inner()) = Some(credentials.clone());
        Ok(credentials)
    }
}

// ---------------------------------------------------------------------------
// The client
// ---------------------------------------------------------------------------

/// The generic client a generated `Client` wraps: sends any operation of
/// its service ([`send`](Self::send)) and wires paginators to itself
/// ([`paginator`](Self::paginator)). Cheap to clone.
#[derive(Clone)]
pub struct ServiceClient {
    inner: Arc<Inner>,
}

struct Inner {
    service: ServiceInfo,
    region: String,
    endpoint: String,
    credentials: Arc<CredentialsCache>,
    retry: Arc<RetryState>,
    timeouts: TimeoutConfig,
    http: reqwest::Client,
    user_agent: String,
    observer: Option<Observer>,
    inject_host_prefix: bool,
}

impl fmt::Debug for ServiceClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServiceClient")
            .field("service", &self.inner.service.service_id)
            .field("region", &self.inner.region)
            .field("endpoint", &self.inner.endpoint)
            .finish_non_exhaustive()
    }
}

/// A request ready for signing, the same for every attempt.
struct Prepared {
    method: ::http::Method,
    url: String,
    headers: ::http::HeaderMap,
    body: Vec<u8>,
    /// `amz-sdk-invocation-id`: the same for every attempt of a call.
    invocation_id: String,
}

impl ServiceClient {
    /// A client of `service` with `config`.
    pub fn new(config: &Config, service: ServiceInfo) -> Self {
        let endpoint = config.endpoint_url.clone().unwrap_or_else(|| default_endpoint(&service, &config.region));
        let user_agent = format!(
            "awsgen-runtime/{} api/{}#{}",
            env!("CARGO_PKG_VERSION"),
            service.service_id.to_ascii_lowercase().replace(' ', "-"),
            service.api_version
        );
        ServiceClient {
            inner: Arc::new(Inner {
                service,
                region: config.region.clone(),
                endpoint,
                credentials: config.credentials.clone(),
                retry: config.retry.clone(),
                timeouts: config.timeouts.clone(),
                http: config.http.clone(),
                user_agent,
                observer: config.observer.clone(),
                inject_host_prefix: config.inject_host_prefix,
            }),
        }
    }

    /// The service.
    pub fn service(&self) -> &ServiceInfo {
        &self.inner.service
    }

    /// The region requests are signed for.
    pub fn region(&self) -> &str {
        &self.inner.region
    }

    /// The endpoint requests go to (scheme, host and path prefix).
    pub fn endpoint(&self) -> &str {
        &self.inner.endpoint
    }

    /// Calls operation `O`: fills unset idempotency tokens, builds the
    /// request, then signs and sends it, retrying as the [`RetryConfig`]
    /// says, and reads the last response.
    pub async fn send<O: Operation>(&self, mut input: O::Input) -> Result<O::Output, SdkError<O::Error>> {
        let mut new_token = idempotency_token;
        O::fill_idempotency_tokens(&mut input, &mut new_token);
        let fix_output = O::customize(&mut input);
        let request = O::build_request(&input).map_err(SdkError::Build)?;
        let operation = O::METADATA.name;
        let attempts = AtomicU32::new(0);
        let bucket_first = self.inner.service.signing_name == "s3" && O::METADATA.uri.starts_with("/{Bucket}");
        let call = self.dispatch::<O::Protocol>(operation, request, bucket_first, &attempts);
        let response = match self.inner.timeouts.operation {
            None => call.await,
            Some(limit) => match tokio::time::timeout(limit, call).await {
                Ok(result) => result,
                Err(_) => Err(DispatchError::new(
                    operation,
                    DispatchErrorKind::Timeout,
                    attempts.load(Ordering::Relaxed),
                    format!("the call took longer than the operation timeout ({limit:?})"),
                )),
            },
        };
        let mut output = O::parse_response(&response.map_err(SdkError::Dispatch)?)?;
        if let Some(fix) = fix_output {
            fix(&mut output);
        }
        Ok(output)
    }

    /// Wires a paginator (from the generated `paginators` module) to this
    /// client: see [`ClientPaginator`].
    pub fn paginator<P, O>(&self, paginator: Paginator<P>) -> ClientPaginator<P, O>
    where
        P: Paginate<Input = O::Input, Output = O::Output>,
        O: Operation,
    {
        ClientPaginator { client: self.clone(), paginator, operation: PhantomData }
    }

    /// The retry loop: one signed attempt after another until one is not
    /// retryable or the attempts are used up.
    async fn dispatch<P: Protocol>(
        &self,
        operation: &'static str,
        request: ::http::Request<Vec<u8>>,
        bucket_first: bool,
        attempts: &AtomicU32,
    ) -> Result<::http::Response<Vec<u8>>, DispatchError> {
        let inner = &*self.inner;
        let (parts, body) = request.into_parts();
        let path = parts.uri.path_and_query().map_or("/", |pq| pq.as_str());
        let endpoint = match parts.extensions.get::<crate::http::HostPrefix>() {
            Some(prefix) if inner.inject_host_prefix => prefix.apply(&inner.endpoint),
            _ => inner.endpoint.clone(),
        };
        let url = if bucket_first { s3_url(&endpoint, path) } else { format!("{endpoint}{path}") };
        let prepared = Prepared {
            method: parts.method,
            url,
            headers: parts.headers,
            body,
            invocation_id: uuid::Uuid::new_v4().to_string(),
        };
        let max = inner.retry.config().get_max_attempts();
        let observe = |event: observe::Event<'_>| {
            if let Some(observer) = &inner.observer {
                observer(&event);
            }
        };
        let mut call = retry::CallRetries::default();
        let mut attempt = 0;
        loop {
            attempt += 1;
            attempts.store(attempt, Ordering::Relaxed);
            let credentials = inner
                .credentials
                .get()
                .await
                .map_err(|e| DispatchError::new(operation, DispatchErrorKind::Credentials, attempt - 1, e))?;
            inner.retry.before_attempt().await;
            let request = self
                .signed_request(&prepared, credentials, inner.retry.signing_time(), (attempt, max))
                .map_err(|e| DispatchError::new(operation, DispatchErrorKind::Signing, attempt - 1, e))?;
            if inner.observer.is_some() {
                observe(observe::Event::Request {
                    operation,
                    attempt,
                    method: request.method(),
                    url: request.url().as_str(),
                    headers: request.headers(),
                    body: request.body().and_then(|b| b.as_bytes()).unwrap_or_default(),
                });
            }
            let outcome = self.attempt(request).await;
            match &outcome {
                Ok(response) => observe(observe::Event::Response { operation, attempt, response }),
                Err((_, error)) => observe(observe::Event::TransportError { operation, attempt, error }),
            }
            let seen = match &outcome {
                Ok(response) => Ok(response),
                Err((kind, _)) => Err(*kind == DispatchErrorKind::Timeout),
            };
            match inner.retry.decide::<P>(&mut call, attempt, seen, fastrand::f64()) {
                retry::RetryDecision::RetryAfter(wait) => {
                    observe(observe::Event::Retry { operation, attempt, wait });
                    tokio::time::sleep(wait).await;
                }
                decision => {
                    if decision == retry::RetryDecision::QuotaExhausted {
                        observe(observe::Event::QuotaExhausted { operation, attempt });
                    }
                    return outcome.map_err(|(kind, e)| DispatchError::new(operation, kind, attempt, e));
                }
            }
        }
    }

    /// Signs a prepared request at `time`, adds the unsigned headers (as
    /// botocore: user agent, invocation id, attempt number) and converts it
    /// for reqwest.
    fn signed_request(
        &self,
        prepared: &Prepared,
        credentials: Credentials,
        time: SystemTime,
        (attempt, max): (u32, u32),
    ) -> Result<reqwest::Request, BoxError> {
        let mut request = ::http::Request::builder()
            .method(prepared.method.clone())
            .uri(&prepared.url)
            .body(prepared.body.clone())?;
        *request.headers_mut() = prepared.headers.clone();
        sign(&mut request, credentials, &self.inner.region, self.inner.service.signing_name, time)?;
        let headers = request.headers_mut();
        headers.insert(::http::header::USER_AGENT, self.inner.user_agent.parse()?);
        headers.insert("amz-sdk-invocation-id", prepared.invocation_id.parse()?);
        headers.insert("amz-sdk-request", format!("attempt={attempt}; max={max}").parse()?);
        let mut request = reqwest::Request::try_from(request)?;
        *request.timeout_mut() = self.inner.timeouts.attempt;
        Ok(request)
    }

    /// One attempt: the response with its whole body, or what failed.
    async fn attempt(
        &self,
        request: reqwest::Request,
    ) -> Result<::http::Response<Vec<u8>>, (DispatchErrorKind, reqwest::Error)> {
        let classify = |e: reqwest::Error| {
            let kind = if e.is_timeout() {
                DispatchErrorKind::Timeout
            } else if e.is_connect() {
                DispatchErrorKind::Connect
            } else {
                DispatchErrorKind::Io
            };
            (kind, e)
        };
        let response = self.inner.http.execute(request).await.map_err(classify)?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.bytes().await.map_err(classify)?;
        let mut out = ::http::Response::new(body.to_vec());
        *out.status_mut() = status;
        *out.headers_mut() = headers;
        Ok(out)
    }
}

/// The URL of an S3 request whose path starts with the bucket, addressed
/// as botocore's S3 endpoint rules do: virtual-hosted
/// (`https://bucket.s3.region.amazonaws.com/key`) when the bucket is a
/// valid lowercase DNS label (3-63 letters, digits and hyphens, no dots)
/// and the endpoint's host is a name; path-style (`https://host/bucket/key`)
/// otherwise (IP-address endpoints such as a local emulator, or bucket
/// names with dots or capitals).
pub fn s3_url(endpoint: &str, path: &str) -> String {
    let path_style = format!("{endpoint}{path}");
    let Some((scheme, rest)) = endpoint.split_once("://") else { return path_style };
    let (authority, base_path) = rest.split_once('/').map_or((rest, ""), |(a, p)| (a, p));
    let host = authority.rsplit_once(':').map_or(authority, |(h, port)| {
        if port.bytes().all(|b| b.is_ascii_digit()) {
            h
        } else {
            authority
        }
    });
    let is_ip = host.parse::<std::net::Ipv4Addr>().is_ok() || host.starts_with('[');
    let after = &path[1..];
    let end = after.find(['/', '?']).unwrap_or(after.len());
    let (bucket, rest_path) = after.split_at(end);
    let hostable = (3..=63).contains(&bucket.len())
        && bucket.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !bucket.starts_with('-')
        && !bucket.ends_with('-');
    if is_ip || !hostable || !base_path.is_empty() {
        return path_style;
    }
    let rest_path = if rest_path.starts_with('/') { rest_path.to_owned() } else { format!("/{rest_path}") };
    format!("{scheme}://{bucket}.{authority}{rest_path}")
}

/// Signs `request` (absolute URI; headers and body final) with SigV4 for
/// `service` in `region` at `time`: adds `x-amz-date`, `authorization` and,
/// with a session token, `x-amz-security-token`.
pub fn sign(
    request: &mut ::http::Request<Vec<u8>>,
    credentials: Credentials,
    region: &str,
    service: &str,
    time: SystemTime,
) -> Result<(), BoxError> {
    use aws_sigv4::http_request::{sign as sigv4_sign, SignableBody, SignableRequest, SigningSettings};
    use aws_sigv4::http_request::{PayloadChecksumKind, PercentEncodingMode, UriPathNormalizationMode};
    let identity = credentials.into();
    let mut settings = SigningSettings::default();
    if service == "s3" {
        // botocore's S3SigV4Auth: the payload's SHA-256 in
        // `x-amz-content-sha256`, the path signed as sent (not encoded
        // again, not normalized).
        settings.payload_checksum_kind = PayloadChecksumKind::XAmzSha256;
        settings.percent_encoding_mode = PercentEncodingMode::Single;
        settings.uri_path_normalization_mode = UriPathNormalizationMode::Disabled;
    }
    let params = aws_sigv4::sign::v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(service)
        .time(time)
        .settings(settings)
        .build()?
        .into();
    let uri = request.uri().to_string();
    let headers = request
        .headers()
        .iter()
        .map(|(name, value)| Ok((name.as_str(), value.to_str()?)))
        .collect::<Result<Vec<_>, ::http::header::ToStrError>>()?;
    let signable =
        SignableRequest::new(request.method().as_str(), &uri, headers.into_iter(), SignableBody::Bytes(request.body()))?;
    let (instructions, _signature) = sigv4_sign(signable, &params)?.into_parts();
    instructions.apply_to_request_http1x(request);
    Ok(())
}

// ---------------------------------------------------------------------------
// Paginators wired to a client
// ---------------------------------------------------------------------------

/// The future of one page request.
pub type PageFuture<O> =
    BoxFuture<'static, Result<<O as Operation>::Output, SdkError<<O as Operation>::Error>>>;

/// The fetcher a [`ClientPaginator`] gives its streams: one client call per page.
pub type PageFetch<O> = Box<dyn FnMut(<O as Operation>::Input) -> PageFuture<O> + Send>;

/// A `futures::Stream` of pages from a client ([`ClientPaginator::pages`]),
/// with [`resume_token`](PageStream::resume_token).
pub type ClientPageStream<P, O> = PageStream<P, PageFetch<O>, PageFuture<O>>;

/// A `futures::Stream` of items from a client ([`ClientPaginator::items`]),
/// with [`resume_token`](ItemStream::resume_token).
pub type ClientItemStream<P, O> = ItemStream<P, PageFetch<O>, PageFuture<O>>;

/// The error of a page from a client: the operation's [`SdkError`], with
/// the resume token of the position before the failed call.
pub type ClientPaginationError<O> = PaginationError<SdkError<<O as Operation>::Error>>;

/// A paginator bound to a client: `P` is the generated glue, `O` the
/// operation. Nothing is sent until a stream is polled.
///
/// - [`pages`](Self::pages): a `futures::Stream` of pages;
/// - [`items`](Self::items): a `futures::Stream` of the items of the
///   primary result key;
/// - [`build_full_result`](Self::build_full_result): every page merged.
///
/// Both streams keep `resume_token()` (set when `max_items` stopped the
/// iteration), and a failed call's [`PaginationError::Fetch`] carries the
/// token to resume from. The streams are `Send` and `Unpin`.
pub struct ClientPaginator<P: Paginate, O> {
    client: ServiceClient,
    paginator: Paginator<P>,
    operation: PhantomData<fn() -> O>,
}

impl<P: Paginate + Clone, O> Clone for ClientPaginator<P, O> {
    fn clone(&self) -> Self {
        ClientPaginator { client: self.client.clone(), paginator: self.paginator.clone(), operation: PhantomData }
    }
}

impl<P: Paginate + fmt::Debug, O> fmt::Debug for ClientPaginator<P, O>
where
    P::Input: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientPaginator").field("client", &self.client).field("paginator", &self.paginator).finish()
    }
}

impl<P, O> ClientPaginator<P, O>
where
    P: Paginate<Input = O::Input, Output = O::Output>,
    O: Operation + 'static,
    O::Input: Send + 'static,
    O::Output: Send + 'static,
    O::Error: Send + 'static,
{
    /// The pagination config.
    pub fn config(&self) -> &PaginationConfig {
        self.paginator.config()
    }

    /// The paginator, to drive with another fetcher.
    pub fn into_paginator(self) -> Paginator<P> {
        self.paginator
    }

    /// The client and the paginator.
    pub fn into_parts(self) -> (ServiceClient, Paginator<P>) {
        (self.client, self.paginator)
    }

    fn fetcher(client: ServiceClient) -> PageFetch<O> {
        Box::new(move |input| {
            let client = client.clone();
            Box::pin(async move { client.send::<O>(input).await })
        })
    }

    /// A stream of pages (one call per page).
    pub fn pages(self) -> ClientPageStream<P, O> {
        self.paginator.stream(Self::fetcher(self.client))
    }

    /// A stream of the primary result key's items.
    pub fn items(self) -> ClientItemStream<P, O> {
        self.paginator.item_stream(Self::fetcher(self.client))
    }

    /// botocore's `build_full_result()`: every page merged, and the resume
    /// token when `max_items` stopped early.
    pub async fn build_full_result(self) -> Result<FullResult<O::Output>, ClientPaginationError<O>>
    where
        O::Output: Default,
    {
        self.pages().build_full_result().await
    }
}

#[cfg(test)]
mod tests;

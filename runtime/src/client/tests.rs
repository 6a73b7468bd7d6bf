//! The client against a scripted HTTP server on 127.0.0.1: retries,
//! timeouts, signing, idempotency tokens; and SigV4 against botocore.

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use super::*;
use crate::http::ErrorResponse;
use crate::http::{BuildError, Metadata, RequestBuilder};

// ---------------------------------------------------------------------------
// A test operation
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Default)]
struct PutInput {
    name: String,
    client_token: Option<String>,
}

/// As a generated input writes itself (`clientToken` only when set).
impl crate::to_json::ToJson for PutInput {
    fn write_json(&self, w: &mut crate::to_json::Writer) {
        let mut o = w.object();
        o.member("name", &self.name);
        o.member("clientToken", &self.client_token);
        o.end();
    }
}

#[derive(Debug, thiserror::Error)]
#[error("{code}")]
struct PutError {
    code: String,
}

struct Put;

impl Operation for Put {
    type Input = PutInput;
    type Output = serde_json::Value;
    type Error = PutError;
    type Protocol = crate::protocol::RestJson1;
    const METADATA: Metadata = Metadata { name: "Put", method: "POST", uri: "/things/{name}", success_code: 200 };

    fn build_request(input: &PutInput) -> Result<::http::Request<Vec<u8>>, BuildError> {
        let mut request = RequestBuilder::new(Self::METADATA);
        request.label("name", &input.name);
        request.json_body(input);
        request.build()
    }

    fn parse_response(response: &::http::Response<Vec<u8>>) -> Result<serde_json::Value, SdkError<PutError>> {
        if !response.status().is_success() {
            return Err(SdkError::Service(PutError { code: ErrorResponse::<crate::protocol::RestJson1>::new(response).code().to_owned() }));
        }
        Ok(crate::http::json_body(response)?)
    }

    fn fill_idempotency_tokens(input: &mut PutInput, new_token: &mut dyn FnMut() -> String) {
        if input.client_token.is_none() {
            input.client_token = Some(new_token());
        }
    }
}

const SERVICE: ServiceInfo =
    ServiceInfo { service_id: "Things", endpoint_prefix: "things", signing_name: "thingsvc", api_version: "2024-01-01" };

// ---------------------------------------------------------------------------
// A scripted server
// ---------------------------------------------------------------------------

#[derive(Debug, Clone)]
struct Recorded {
    request_line: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Recorded {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

enum Reply {
    /// Status, extra headers, body.
    Http(u16, Vec<(&'static str, &'static str)>, &'static str),
    /// Read the request, never answer (until the test ends).
    Hang,
}

/// Serves one reply per connection, in order; records every request.
async fn serve(replies: Vec<Reply>) -> (String, Arc<Mutex<Vec<Recorded>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    tokio::spawn(async move {
        let mut held = Vec::new();
        for reply in replies {
            let (mut socket, _) = listener.accept().await.unwrap();
            let mut buf = Vec::new();
            let mut chunk = [0u8; 4096];
            let head_end = loop {
                let n = socket.read(&mut chunk).await.unwrap();
                assert!(n > 0, "client closed early");
                buf.extend_from_slice(&chunk[..n]);
                if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                    break i;
                }
            };
            let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
            let mut lines = head.split("\r\n");
            let request_line = lines.next().unwrap().to_owned();
            let headers: Vec<(String, String)> = lines
                .filter_map(|l| l.split_once(':'))
                .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
                .collect();
            let length: usize = headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
                .map_or(0, |(_, v)| v.parse().unwrap());
            let mut body = buf[head_end + 4..].to_vec();
            while body.len() < length {
                let n = socket.read(&mut chunk).await.unwrap();
                body.extend_from_slice(&chunk[..n]);
            }
            log.lock().unwrap().push(Recorded { request_line, headers, body });
            match reply {
                Reply::Http(status, extra, body) => {
                    let mut response = format!(
                        "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\nContent-Type: application/json\r\n",
                        body.len()
                    );
                    for (k, v) in extra {
                        response.push_str(&format!("{k}: {v}\r\n"));
                    }
                    response.push_str("\r\n");
                    response.push_str(body);
                    socket.write_all(response.as_bytes()).await.unwrap();
                    socket.shutdown().await.ok();
                }
                Reply::Hang => held.push(socket),
            }
        }
        // Keep hanging connections open until the runtime ends.
        tokio::time::sleep(Duration::from_secs(3600)).await;
        drop(held);
    });
    (url, seen)
}

async fn client(endpoint: &str, retry: RetryConfig, timeouts: TimeoutConfig) -> ServiceClient {
    let config = Config::builder()
        .region("eu-west-3")
        .endpoint_url(endpoint)
        .credentials(Credentials::from_keys("AKIDTEST", "SECRET", Some("TOKEN".into())))
        .retry(retry)
        .timeouts(timeouts)
        .load()
        .await
        .unwrap();
    ServiceClient::new(&config, SERVICE)
}

fn fast_retries(n: u32) -> RetryConfig {
    RetryConfig::standard().max_attempts(n).initial_backoff(Duration::from_millis(5)).max_backoff(Duration::from_millis(20))
}

fn input() -> PutInput {
    PutInput { name: "a b".into(), client_token: None }
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

#[tokio::test]
async fn retries_throttling_and_5xx_then_succeeds_with_one_token() {
    let (url, seen) = serve(vec![
        Reply::Http(503, vec![], ""),
        Reply::Http(400, vec![("x-amzn-ErrorType", "ThrottlingException")], r#"{"message":"slow down"}"#),
        Reply::Http(200, vec![], r#"{"ok":true}"#),
    ])
    .await;
    let client = client(&format!("{url}/prefix/"), fast_retries(3), TimeoutConfig::default()).await;
    let out = client.send::<Put>(input()).await.unwrap();
    assert_eq!(out, serde_json::json!({"ok": true}));

    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 3);
    let tokens: Vec<String> = seen
        .iter()
        .map(|r| serde_json::from_slice::<serde_json::Value>(&r.body).unwrap()["clientToken"].as_str().unwrap().to_owned())
        .collect();
    assert!(uuid::Uuid::parse_str(&tokens[0]).is_ok(), "{tokens:?}");
    assert!(tokens.iter().all(|t| *t == tokens[0]), "the same token on every attempt: {tokens:?}");
    let ids: Vec<&str> = seen.iter().map(|r| r.header("amz-sdk-invocation-id").unwrap()).collect();
    assert!(ids.iter().all(|id| *id == ids[0]));
    for (i, r) in seen.iter().enumerate() {
        assert_eq!(r.request_line, "POST /prefix/things/a%20b HTTP/1.1");
        assert_eq!(r.header("amz-sdk-request"), Some(format!("attempt={}; max=3", i + 1).as_str()));
        let auth = r.header("authorization").unwrap();
        assert!(auth.starts_with("AWS4-HMAC-SHA256 Credential=AKIDTEST/"), "{auth}");
        assert!(auth.contains("/eu-west-3/thingsvc/aws4_request"), "{auth}");
        assert!(auth.contains("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token"), "{auth}");
        assert_eq!(r.header("x-amz-security-token"), Some("TOKEN"));
        assert!(r.header("user-agent").unwrap().starts_with("awsgen-runtime/"));
    }
}

#[tokio::test]
async fn caller_token_is_kept_and_client_errors_are_not_retried() {
    let (url, seen) = serve(vec![Reply::Http(400, vec![], r#"{"__type":"ValidationException","message":"no"}"#)]).await;
    let client = client(&url, fast_retries(3), TimeoutConfig::default()).await;
    let input = PutInput { name: "x".into(), client_token: Some("mine".into()) };
    match client.send::<Put>(input).await {
        Err(SdkError::Service(e)) => assert_eq!(e.code, "ValidationException"),
        other => panic!("{other:?}"),
    }
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&seen[0].body).unwrap()["clientToken"], "mine");
}

#[tokio::test]
async fn gives_up_after_max_attempts_with_the_last_error() {
    let (url, seen) = serve(vec![
        Reply::Http(500, vec![], ""),
        Reply::Http(429, vec![], "{}"),
        Reply::Http(502, vec![], r#"{"__type":"InternalServerException"}"#),
    ])
    .await;
    let client = client(&url, fast_retries(3), TimeoutConfig::default()).await;
    match client.send::<Put>(input()).await {
        Err(SdkError::Service(e)) => assert_eq!(e.code, "InternalServerException"),
        other => panic!("{other:?}"),
    }
    assert_eq!(seen.lock().unwrap().len(), 3);
}

#[tokio::test]
async fn connection_refused_is_retried_then_a_dispatch_error() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let client = client(&format!("http://127.0.0.1:{port}"), fast_retries(2), TimeoutConfig::default()).await;
    match client.send::<Put>(input()).await {
        Err(SdkError::Dispatch(e)) => {
            assert!(e.is_connect(), "{e}");
            assert_eq!(e.attempts(), 2);
            assert!(e.to_string().starts_with("`Put`: connection failed after 2 attempts"), "{e}");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn attempt_timeout_is_retried_then_succeeds() {
    let (url, seen) = serve(vec![Reply::Hang, Reply::Http(200, vec![], "{}")]).await;
    let timeouts = TimeoutConfig::default().attempt(Duration::from_millis(300));
    let client = client(&url, fast_retries(2), timeouts).await;
    let started = std::time::Instant::now();
    client.send::<Put>(input()).await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(seen.lock().unwrap().len(), 2);
}

#[tokio::test]
async fn operation_timeout_stops_everything() {
    let (url, _seen) = serve(vec![Reply::Hang, Reply::Hang]).await;
    let timeouts = TimeoutConfig::default().attempt(None).operation(Duration::from_millis(200));
    let client = client(&url, fast_retries(3), timeouts).await;
    match client.send::<Put>(input()).await {
        Err(SdkError::Dispatch(e)) => {
            assert!(e.is_timeout(), "{e}");
            assert_eq!(e.attempts(), 1);
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn build_errors_are_reported_before_sending() {
    let client = client("http://127.0.0.1:9", fast_retries(1), TimeoutConfig::default()).await;
    let input = PutInput { name: String::new(), client_token: None };
    assert!(matches!(client.send::<Put>(input).await, Err(SdkError::Build(BuildError::EmptyLabel { .. }))));
}

#[derive(Debug)]
struct NoCredentials;

impl ProvideCredentials for NoCredentials {
    fn provide_credentials<'a>(&'a self) -> aws_credential_types::provider::future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        aws_credential_types::provider::future::ProvideCredentials::ready(Err(
            aws_credential_types::provider::error::CredentialsError::not_loaded("nothing here"),
        ))
    }
}

#[tokio::test]
async fn missing_credentials_is_a_dispatch_error_without_attempts() {
    let config = Config::builder()
        .region("us-east-1")
        .endpoint_url("http://127.0.0.1:9")
        .credentials_provider(NoCredentials)
        .load()
        .await
        .unwrap();
    let client = ServiceClient::new(&config, SERVICE);
    match client.send::<Put>(input()).await {
        Err(SdkError::Dispatch(e)) => {
            assert_eq!(e.kind(), DispatchErrorKind::Credentials);
            assert_eq!(e.attempts(), 0);
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn endpoints_and_regions() {
    assert_eq!(default_endpoint(&SERVICE, "us-east-1"), "https://things.us-east-1.amazonaws.com");
    assert_eq!(default_endpoint(&SERVICE, "cn-north-1"), "https://things.cn-north-1.amazonaws.com.cn");
    assert_eq!(parse_endpoint("http://127.0.0.1:5000/").unwrap(), "http://127.0.0.1:5000");
    assert_eq!(parse_endpoint("https://proxy.example/aws/").unwrap(), "https://proxy.example/aws");
    for bad in ["ftp://x", "127.0.0.1:5000", "http://x/?a=b", "not a url"] {
        assert!(matches!(parse_endpoint(bad), Err(ConfigError::InvalidEndpoint { .. })), "{bad}");
    }
    let err = Config::builder().region("us-east-1/evil").load().await.unwrap_err();
    assert!(matches!(err, ConfigError::InvalidRegion(_)), "{err}");
    let config = Config::builder().region("ap-south-2").credentials(Credentials::from_keys("a", "b", None)).load().await;
    let client = ServiceClient::new(&config.unwrap(), SERVICE);
    assert_eq!(client.endpoint(), "https://things.ap-south-2.amazonaws.com");
    assert_eq!(client.region(), "ap-south-2");
}

#[test]
fn backoff_is_exponential_capped_and_jittered() {
    let r = RetryConfig::standard();
    assert_eq!(r.backoff(1, 1.0), Duration::from_secs(1));
    assert_eq!(r.backoff(2, 1.0), Duration::from_secs(2));
    assert_eq!(r.backoff(3, 0.5), Duration::from_secs(2));
    assert_eq!(r.backoff(10, 1.0), Duration::from_secs(20));
    assert_eq!(r.backoff(100, 1.0), Duration::from_secs(20));
    assert_eq!(r.backoff(3, 0.0), Duration::ZERO);
    assert_eq!(RetryConfig::disabled().get_max_attempts(), 1);
    assert_eq!(RetryConfig::standard().max_attempts(0).get_max_attempts(), 1);
}

#[test]
fn retry_classification() {
    let response = |status: u16, header: Option<&str>, body: &str| {
        let mut b = ::http::Response::builder().status(status);
        if let Some(code) = header {
            b = b.header("x-amzn-ErrorType", code);
        }
        b.body(body.as_bytes().to_vec()).unwrap()
    };
    assert_eq!(retry_reason::<crate::protocol::RestJson1>(&response(200, None, "{}")), None);
    assert_eq!(retry_reason::<crate::protocol::RestJson1>(&response(400, Some("ThrottlingException"), "{}")), Some(RetryReason::Throttling));
    assert_eq!(
        retry_reason::<crate::protocol::RestJson1>(&response(400, None, r#"{"__type":"com.amazonaws.x#TooManyRequestsException"}"#)),
        Some(RetryReason::Throttling)
    );
    assert_eq!(retry_reason::<crate::protocol::RestJson1>(&response(429, None, "{}")), Some(RetryReason::Throttling));
    assert_eq!(retry_reason::<crate::protocol::RestJson1>(&response(408, Some("RequestTimeoutException"), "{}")), Some(RetryReason::Transient));
    for status in [500, 502, 503, 504] {
        assert_eq!(retry_reason::<crate::protocol::RestJson1>(&response(status, None, "")), Some(RetryReason::Transient));
    }
    assert_eq!(retry_reason::<crate::protocol::RestJson1>(&response(501, None, r#"{"__type":"NotImplemented"}"#)), None);
    assert_eq!(retry_reason::<crate::protocol::RestJson1>(&response(400, Some("ValidationException"), "{}")), None);
    assert_eq!(retry_reason::<crate::protocol::RestJson1>(&response(404, Some("ResourceNotFoundException"), "{}")), None);
}

/// `tests/vectors/sigv4/bedrock.json`: botocore signed these bedrock calls
/// (`cargo xtask sigv4-vectors`); `sign` must give the same headers.
#[test]
fn sigv4_matches_botocore() {
    check_sigv4_vectors(include_str!("../../../tests/vectors/sigv4/bedrock.json"), 5);
}

/// `tests/vectors/sigv4/xml.json`: S3 (`x-amz-content-sha256`, the path
/// signed as sent), IAM, STS and EC2 calls signed by botocore.
#[test]
fn sigv4_xml_family_matches_botocore() {
    check_sigv4_vectors(include_str!("../../../tests/vectors/sigv4/xml.json"), 6);
}

fn check_sigv4_vectors(json: &str, at_least: usize) {
    let vectors: serde_json::Value = serde_json::from_str(json).unwrap();
    let cases = vectors["cases"].as_array().unwrap();
    assert!(cases.len() >= at_least);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let body = base64::engine::general_purpose::STANDARD.decode(case["body_base64"].as_str().unwrap()).unwrap();
        let mut request = ::http::Request::builder()
            .method(case["method"].as_str().unwrap())
            .uri(case["url"].as_str().unwrap())
            .body(body)
            .unwrap();
        for pair in case["headers"].as_array().unwrap() {
            let header = |i: usize| pair[i].as_str().unwrap().to_owned();
            request.headers_mut().append(
                ::http::HeaderName::from_bytes(header(0).as_bytes()).unwrap(),
                header(1).parse().unwrap(),
            );
        }
        let c = &case["credentials"];
        let credentials = Credentials::from_keys(
            c["access_key_id"].as_str().unwrap(),
            c["secret_access_key"].as_str().unwrap(),
            c["session_token"].as_str().map(str::to_owned),
        );
        let time = UNIX_EPOCH + Duration::from_secs(case["time"].as_u64().unwrap());
        sign(&mut request, credentials, case["region"].as_str().unwrap(), case["service"].as_str().unwrap(), time)
            .unwrap();
        for (header, want) in case["signed"].as_object().unwrap() {
            let got = request.headers().get(header.as_str()).map(|v| v.to_str().unwrap());
            assert_eq!(got, want.as_str(), "{name}: `{header}`");
        }
    }
}

#[test]
fn idempotency_tokens_are_uuid_v4() {
    let a = idempotency_token();
    let parsed = uuid::Uuid::parse_str(&a).unwrap();
    assert_eq!(parsed.get_version_num(), 4);
    assert_ne!(a, idempotency_token());
    let _ = SystemTime::now();
}

// ---------------------------------------------------------------------------
// botocore's standard and adaptive modes against the scripted server
// ---------------------------------------------------------------------------

#[tokio::test]
async fn retry_after_headers_set_the_wait() {
    let (url, seen) = serve(vec![
        Reply::Http(503, vec![("x-amz-retry-after", "300")], ""),
        Reply::Http(429, vec![("Retry-After", "1")], ""),
        Reply::Http(200, vec![], r#"{"ok":true}"#),
    ])
    .await;
    // Backoff alone would be at most 20 ms; the server asks for 300 ms, then 1 s (capped at 2 s).
    let retry = fast_retries(3).max_backoff(Duration::from_secs(2));
    let client = client(&url, retry, TimeoutConfig::default()).await;
    let started = std::time::Instant::now();
    client.send::<Put>(input()).await.unwrap();
    let took = started.elapsed();
    assert!(took >= Duration::from_millis(1300), "{took:?}");
    assert!(took < Duration::from_secs(5), "{took:?}");
    assert_eq!(seen.lock().unwrap().len(), 3);
}

#[tokio::test]
async fn a_spent_retry_quota_stops_retrying_and_successes_refill_it() {
    // Quota 10: two retries (5 each) fit, the third failure is returned at once.
    let replies = (0..3).map(|_| Reply::Http(500, vec![], "")).chain([Reply::Http(200, vec![], "{}")]).collect();
    let (url, seen) = serve(replies).await;
    let events = Arc::new(Mutex::new(Vec::new()));
    let log = events.clone();
    let config = Config::builder()
        .region("eu-west-3")
        .endpoint_url(url)
        .credentials(Credentials::from_keys("AKIDTEST", "SECRET", None))
        .retry(fast_retries(10).quota(10))
        .observer(move |event| {
            let line = match event {
                Event::Request { attempt, .. } => format!("request {attempt}"),
                Event::Response { attempt, response, .. } => format!("response {attempt} {}", response.status().as_u16()),
                Event::Retry { attempt, .. } => format!("retry after {attempt}"),
                Event::QuotaExhausted { attempt, .. } => format!("quota exhausted after {attempt}"),
                _ => "other".into(),
            };
            log.lock().unwrap().push(line);
        })
        .load()
        .await
        .unwrap();
    let client = ServiceClient::new(&config, SERVICE);
    match client.send::<Put>(input()).await {
        Err(SdkError::Service(e)) => assert_eq!(e.code, "500"),
        other => panic!("{other:?}"),
    }
    assert_eq!(seen.lock().unwrap().len(), 3);
    assert_eq!(config.retry_state().quota().available(), 0);
    assert_eq!(
        *events.lock().unwrap(),
        [
            "request 1",
            "response 1 500",
            "retry after 1",
            "request 2",
            "response 2 500",
            "retry after 2",
            "request 3",
            "response 3 500",
            "quota exhausted after 3"
        ]
    );
    // A first-attempt success gives 1 back.
    client.send::<Put>(input()).await.unwrap();
    assert_eq!(config.retry_state().quota().available(), 1);
}

#[tokio::test]
async fn a_skewed_clock_is_corrected_and_the_request_signed_again() {
    let ahead = SystemTime::now().duration_since(UNIX_EPOCH).unwrap() + Duration::from_secs(3600);
    let date = chrono::DateTime::from_timestamp(ahead.as_secs() as i64, 0).unwrap().to_rfc2822();
    let date: &'static str = Box::leak(date.into_boxed_str());
    let (url, seen) = serve(vec![
        Reply::Http(403, vec![("Date", date)], r#"{"__type":"InvalidSignatureException","message":"Signature expired"}"#),
        Reply::Http(200, vec![], "{}"),
    ])
    .await;
    let client = client(&url, fast_retries(3), TimeoutConfig::default()).await;
    client.send::<Put>(input()).await.unwrap();
    let seen = seen.lock().unwrap();
    let amz_date = |r: &Recorded| {
        chrono::NaiveDateTime::parse_from_str(r.header("x-amz-date").unwrap(), "%Y%m%dT%H%M%SZ").unwrap().and_utc().timestamp()
    };
    let moved = amz_date(&seen[1]) - amz_date(&seen[0]);
    assert!((3590..3610).contains(&moved), "the retry is signed an hour later: {moved}");
}

#[tokio::test]
async fn adaptive_mode_rate_limits_after_throttling() {
    let mut replies: Vec<Reply> = Vec::new();
    replies.push(Reply::Http(400, vec![("x-amzn-ErrorType", "ThrottlingException")], "{}"));
    for _ in 0..3 {
        replies.push(Reply::Http(200, vec![], "{}"));
    }
    let (url, seen) = serve(replies).await;
    let retry = fast_retries(3).mode(RetryMode::Adaptive);
    let client = client(&url, retry, TimeoutConfig::default()).await;
    let started = std::time::Instant::now();
    for _ in 0..3 {
        client.send::<Put>(input()).await.unwrap();
    }
    // After the throttle the bucket fills at 0.5 request/s at first
    // (botocore's minimum rate): the four requests cannot all go at once.
    let took = started.elapsed();
    assert_eq!(seen.lock().unwrap().len(), 4);
    assert!(took >= Duration::from_millis(1500), "{took:?}");
}

#[test]
fn s3_addressing_like_botocore() {
    use super::s3_url;
    let aws = "https://s3.us-west-2.amazonaws.com";
    assert_eq!(s3_url(aws, "/my-bucket/a/b.txt"), "https://my-bucket.s3.us-west-2.amazonaws.com/a/b.txt");
    assert_eq!(s3_url(aws, "/my-bucket?list-type=2"), "https://my-bucket.s3.us-west-2.amazonaws.com/?list-type=2");
    assert_eq!(s3_url(aws, "/my-bucket"), "https://my-bucket.s3.us-west-2.amazonaws.com/");
    // Dots, capitals and short names stay path-style.
    assert_eq!(s3_url(aws, "/my.bucket/k"), "https://s3.us-west-2.amazonaws.com/my.bucket/k");
    assert_eq!(s3_url(aws, "/MyBucket/k"), "https://s3.us-west-2.amazonaws.com/MyBucket/k");
    assert_eq!(s3_url(aws, "/ab/k"), "https://s3.us-west-2.amazonaws.com/ab/k");
    // IP-address endpoints (a local emulator) are path-style.
    assert_eq!(s3_url("http://127.0.0.1:5000", "/b-1/k"), "http://127.0.0.1:5000/b-1/k");
    assert_eq!(s3_url("http://localhost:5000", "/b-1/k"), "http://b-1.localhost:5000/k");
}

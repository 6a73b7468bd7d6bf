//! Pagination throughput from memory: the generated `bedrock` crate's typed
//! paginator against aws-sdk-bedrock's, over the same 200 pages × 100
//! `ModelInvocationJobSummary` items (23.6 MB of JSON with every member
//! present; see README.md for why not the ≈17 MB first asked for).
//!
//! Run (release, from the repository root):
//!
//! ```text
//! CARGO_TARGET_DIR=target/bench cargo run --release --manifest-path bench/Cargo.toml
//! CARGO_TARGET_DIR=target/bench cargo run --release --manifest-path bench/Cargo.toml -- --runs 20
//! CARGO_TARGET_DIR=target/bench cargo run --release --manifest-path bench/Cargo.toml -- --only ours-items
//! ```
//!
//! Every case, in every timed run, pages through all 200 responses and
//! collects all 20,000 items into a `Vec`; the result is then checked
//! (outside the timed region): item and request counts, and several field
//! values of sampled items against what was generated.
//!
//! Cases:
//! - `ours-items`: `paginators::list_model_invocation_jobs(..).items(fetch)`,
//!   blocking; `fetch` looks up the page for the request's `nextToken` and
//!   decodes it with `awsgen_runtime::json::from_slice::<ListModelInvocationJobsResponse>`
//!   (what the `client` feature decodes every response body with).
//! - `ours-item-stream`: the same through `.item_stream(fetch_async)`,
//!   driven by `futures::executor::block_on`.
//! - `ours-pages`: `.pages(fetch)`, blocking, appending each page's items.
//! - `ours-full-result`: `.pages(fetch).build_full_result()` (botocore's
//!   `build_full_result`: every page merged into one output).
//! - `decode-only`: `json::from_slice` of the 200 pages with no paginator:
//!   the floor of our path (deserialization alone).
//! - `serde-json-only`: the same with `serde_json::from_slice` (the
//!   generated types' serde `Deserialize`), for comparison.
//! - `ours-empty-pages` / `aws-sdk-empty-pages`: the same 200 requests with
//!   item-less pages: per-request overhead.
//! - `aws-sdk`: aws-sdk-bedrock's `client.list_model_invocation_jobs()
//!   .into_paginator().send()` on a tokio current-thread runtime, with an
//!   in-memory HTTP client (`PagesClient`: what
//!   `aws_smithy_http_client::test_util::infallible_client_fn` does)
//!   answering from the same page bytes (chosen by the `nextToken` query
//!   parameter).
//!   This includes everything the SDK does per request (endpoint
//!   resolution, SigV4 signing with test credentials, interceptors, retry
//!   bookkeeping, response deserialization): it is the cost a user pays.

use std::collections::HashMap;
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use awsgen_runtime::chrono::{self, DateTime, TimeZone, Utc};
use bedrock::paginators::{self, PaginationConfig};
use bedrock::types::{
    ListModelInvocationJobsRequest, ListModelInvocationJobsResponse, ModelInvocationJobInputDataConfig,
    ModelInvocationJobOutputDataConfig, ModelInvocationJobSummary,
};
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_runtime_api::http::StatusCode;
use aws_smithy_runtime_api::shared::IntoShared;
use aws_smithy_types::body::SdkBody;
use bytes::Bytes;
use serde_json::json;


const PAGES: usize = 200;
const PER_PAGE: usize = 100;
const ITEMS: usize = PAGES * PER_PAGE;
/// ≈17 MB (10^6 bytes) of JSON over all pages.
const TARGET_BYTES: usize = 17_000_000;
/// Items whose fields are checked after every run.
const SAMPLES: [usize; 5] = [0, 1, 4_321, 12_345, ITEMS - 1];

// ---------------------------------------------------------------------------
// Data
// ---------------------------------------------------------------------------

/// Small deterministic PRNG (xorshift64*), so every run sees the same data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn alnum(&mut self, n: usize) -> String {
        const A: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
        (0..n).map(|_| A[self.below(A.len() as u64) as usize] as char).collect()
    }
    fn hex(&mut self, n: usize) -> String {
        (0..n).map(|_| char::from_digit(self.below(16) as u32, 16).unwrap()).collect()
    }
    fn uuid(&mut self) -> String {
        format!("{}-{}-4{}-a{}-{}", self.hex(8), self.hex(4), self.hex(3), self.hex(3), self.hex(12))
    }
}

const STATUSES: [&str; 10] = [
    "Completed", "InProgress", "Failed", "PartiallyCompleted", "Submitted",
    "Validating", "Scheduled", "Stopping", "Stopped", "Expired",
];
const MODELS: [&str; 6] = [
    "anthropic.claude-3-5-sonnet-20240620-v1:0",
    "anthropic.claude-3-haiku-20240307-v1:0",
    "us.anthropic.claude-3-7-sonnet-20250219-v1:0",
    "meta.llama3-1-70b-instruct-v1:0",
    "amazon.nova-pro-v1:0",
    "mistral.mistral-large-2407-v1:0",
];
const TEAMS: [&str; 5] = ["search", "support", "catalog", "fraud", "docs"];
const SENTENCES: [&str; 6] = [
    "The batch inference job processed the input records from the configured Amazon S3 location. ",
    "Some records were skipped because the modelInput field did not match the request body expected by the model. ",
    "Records that failed are listed in the manifest.json.out file in the output S3 location with their error codes. ",
    "The job was throttled while the account-level quota for batch inference records was exceeded; processing resumed automatically. ",
    "Check the IAM service role permissions for s3:GetObject and s3:PutObject on the input and output buckets. ",
    "For details, see Monitor batch inference jobs in the Amazon Bedrock User Guide. ",
];

fn iso(ts: DateTime<Utc>) -> String {
    // The service's form: ISO 8601 with milliseconds.
    ts.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// What was generated for one item, to check the deserialized values against.
#[derive(Clone, Debug)]
struct Expected {
    index: usize,
    job_arn: String,
    job_name: String,
    status: &'static str,
    submit_time: DateTime<Utc>,
    end_time: DateTime<Utc>,
    input_s3_uri: String,
    kms_key: String,
    subnet0: String,
    security_group0: String,
    message_len: usize,
    error_record_count: i64,
}

fn item(i: usize, rng: &mut Rng, message_len: usize) -> (serde_json::Value, Expected) {
    let team = TEAMS[i % TEAMS.len()];
    let id = rng.alnum(12);
    let base = Utc.with_ymd_and_hms(2025, 1, 6, 8, 0, 0).unwrap();
    let submit = base + chrono::Duration::milliseconds(i as i64 * 131_071 + rng.below(1000) as i64);
    let modified = submit + chrono::Duration::milliseconds(3_600_000 + rng.below(36_000_000) as i64);
    let end = modified + chrono::Duration::milliseconds(rng.below(60_000) as i64 + 1);
    let timeout = 24 + rng.below(145) as i64;
    let expiration = submit + chrono::Duration::hours(timeout);
    let day = submit.format("%Y/%m/%d").to_string();
    let job_name = format!("{team}-{}-{i:05}", submit.format("%Y%m%d"));
    let job_arn = format!("arn:aws:bedrock:us-east-1:123456789012:model-invocation-job/{id}");
    let input_s3_uri = format!("s3://acme-batch-in/{team}/{day}/{id}.jsonl");
    // A bare KMS key ID (the member takes an ID or an ARN).
    let kms_key = rng.uuid();
    let subnets = [format!("subnet-0{}", rng.hex(16)), format!("subnet-0{}", rng.hex(16))];
    let groups = [format!("sg-0{}", rng.hex(16))];
    let total = 1_000 + rng.below(49_000) as i64;
    let errors = rng.below(total as u64 / 20 + 1) as i64;
    let status = STATUSES[i % STATUSES.len()];
    let mut message = format!("{} of {total} records processed, {errors} failed. ", total - errors);
    // Padding: further sentences of the kind the service writes, cut to
    // `message_len` (never below the first sentence).
    let natural = message.len();
    let mut s = i;
    while message.len() < message_len {
        message.push_str(SENTENCES[s % SENTENCES.len()]);
        s += 1;
    }
    message.truncate(message_len.max(natural));
    let value = json!({
        "jobArn": job_arn,
        "jobName": job_name,
        "modelId": MODELS[i % MODELS.len()],
        "clientRequestToken": rng.uuid(),
        "roleArn": format!("arn:aws:iam::123456789012:role/BedrockBatch-{team}"),
        "status": status,
        "message": message,
        "submitTime": iso(submit),
        "lastModifiedTime": iso(modified),
        "endTime": iso(end),
        "inputDataConfig": {"s3InputDataConfig": {
            "s3InputFormat": "JSONL",
            "s3Uri": input_s3_uri,
            "s3BucketOwner": "123456789012",
        }},
        "outputDataConfig": {"s3OutputDataConfig": {
            "s3Uri": format!("s3://acme-batch-out/{team}/{day}/"),
            "s3EncryptionKeyId": kms_key,
            "s3BucketOwner": "123456789012",
        }},
        "vpcConfig": {"subnetIds": subnets, "securityGroupIds": groups},
        "timeoutDurationInHours": timeout,
        "jobExpirationTime": iso(expiration),
        "modelInvocationType": if i.is_multiple_of(3) { "Converse" } else { "InvokeModel" },
        "totalRecordCount": total,
        "processedRecordCount": total,
        "successRecordCount": total - errors,
        "errorRecordCount": errors,
    });
    let expected = Expected {
        index: i,
        job_arn,
        job_name,
        status,
        submit_time: submit,
        end_time: end,
        input_s3_uri,
        kms_key,
        subnet0: subnets[0].clone(),
        security_group0: groups[0].clone(),
        message_len: message.len(),
        error_record_count: errors,
    };
    (value, expected)
}

struct Data {
    /// Page `i`'s JSON body.
    pages: Vec<Bytes>,
    /// The same pages (same tokens) with no items: per-request overhead.
    empty_pages: Vec<Bytes>,
    /// The same pages with escapes in every free-text string (see
    /// [`with_escapes`]): the decode cases with escapes.
    escaped_pages: Vec<Bytes>,
    /// `nextToken` → index of the page it asks for (pages 1..).
    index: HashMap<String, usize>,
    total_bytes: usize,
    samples: Vec<Expected>,
}

impl Data {
    fn generate(message_len: usize) -> Data {
        let mut rng = Rng(0x5EED_BEEF_CAFE_F00D);
        // Opaque tokens, like the service's (URL-safe here, so the SDK's
        // query string carries them unescaped).
        let tokens: Vec<String> = (0..PAGES).map(|_| rng.alnum(96)).collect();
        let mut pages = Vec::with_capacity(PAGES);
        let mut empty_pages = Vec::with_capacity(PAGES);
        let mut samples = Vec::new();
        for p in 0..PAGES {
            let mut summaries = Vec::with_capacity(PER_PAGE);
            for k in 0..PER_PAGE {
                let i = p * PER_PAGE + k;
                let (value, expected) = item(i, &mut rng, message_len);
                summaries.push(value);
                if SAMPLES.contains(&i) {
                    samples.push(expected);
                }
            }
            let mut body = json!({ "invocationJobSummaries": summaries });
            let mut empty = json!({ "invocationJobSummaries": [] });
            if p + 1 < PAGES {
                body["nextToken"] = json!(tokens[p + 1]);
                empty["nextToken"] = json!(tokens[p + 1]);
            }
            pages.push(Bytes::from(serde_json::to_vec(&body).unwrap()));
            empty_pages.push(Bytes::from(serde_json::to_vec(&empty).unwrap()));
        }
        let index = (1..PAGES).map(|p| (tokens[p].clone(), p)).collect();
        let total_bytes = pages.iter().map(Bytes::len).sum();
        let escaped_pages = pages.iter().map(|page| with_escapes(page)).collect();
        Data { pages, empty_pages, escaped_pages, index, total_bytes, samples }
    }

    /// Pads `message` so that the total is ≈ `TARGET_BYTES`, or to
    /// `message_len` when given. Without padding the data is already
    /// larger than the target (every member present), so the default is
    /// the unpadded data.
    fn sized(message_len: Option<usize>) -> Data {
        if let Some(len) = message_len {
            return Data::generate(len);
        }
        let probe = Data::generate(0);
        let per_item = TARGET_BYTES.saturating_sub(probe.total_bytes) / ITEMS;
        if per_item == 0 {
            return probe;
        }
        let avg_message = probe.samples.iter().map(|e| e.message_len).sum::<usize>() / probe.samples.len();
        Data::generate(avg_message + per_item)
    }

    fn page_for(&self, token: Option<&str>) -> &[u8] {
        &self.pages[self.page_index(token)]
    }

    fn page_index(&self, token: Option<&str>) -> usize {
        match token {
            None => 0,
            Some(t) => *self.index.get(t).unwrap_or_else(|| panic!("unknown nextToken {t:?}")),
        }
    }
}

/// Free-text members that get escapes in [`Data::escaped_pages`].
const FREE_TEXT: [&str; 8] = ["jobArn", "jobName", "modelId", "clientRequestToken", "roleArn", "message", "s3Uri", "s3EncryptionKeyId"];

/// `page` with `\n`, `\"` and `\\` (as JSON writes them) appended to every
/// free-text string: text the service sends with escapes, e.g. a message
/// with line breaks and quotes.
fn with_escapes(page: &[u8]) -> Bytes {
    fn walk(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, v) in map.iter_mut() {
                    match v {
                        serde_json::Value::String(s) if FREE_TEXT.contains(&key.as_str()) => s.push_str("\n\"x\" \\ y"),
                        _ => walk(v),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(walk),
            _ => {}
        }
    }
    let mut value: serde_json::Value = serde_json::from_slice(page).expect("page JSON");
    walk(&mut value);
    Bytes::from(serde_json::to_vec(&value).unwrap())
}

// ---------------------------------------------------------------------------
// Cases
// ---------------------------------------------------------------------------

fn fetch_page(data: &Data, req: &ListModelInvocationJobsRequest) -> Result<ListModelInvocationJobsResponse, awsgen_runtime::json::Error> {
    awsgen_runtime::json::from_slice(data.page_for(req.next_token.as_deref()))
}

fn ours_items(data: &Data, fetches: &mut usize) -> Vec<ModelInvocationJobSummary> {
    paginators::list_model_invocation_jobs(ListModelInvocationJobsRequest::default(), PaginationConfig::default())
        .items(|req: ListModelInvocationJobsRequest| {
            *fetches += 1;
            fetch_page(data, &req)
        })
        .collect::<Result<Vec<_>, _>>()
        .expect("ours-items")
}

fn ours_item_stream(data: &Data, fetches: &mut usize) -> Vec<ModelInvocationJobSummary> {
    use futures::TryStreamExt as _;
    let stream = paginators::list_model_invocation_jobs(ListModelInvocationJobsRequest::default(), PaginationConfig::default())
        .item_stream(|req: ListModelInvocationJobsRequest| {
            *fetches += 1;
            let page = data.page_for(req.next_token.as_deref());
            async move { awsgen_runtime::json::from_slice::<ListModelInvocationJobsResponse>(page) }
        });
    futures::executor::block_on(stream.try_collect::<Vec<_>>()).expect("ours-item-stream")
}

fn ours_pages(data: &Data, fetches: &mut usize) -> Vec<ModelInvocationJobSummary> {
    let mut items = Vec::new();
    let pages = paginators::list_model_invocation_jobs(ListModelInvocationJobsRequest::default(), PaginationConfig::default())
        .pages(|req: ListModelInvocationJobsRequest| {
            *fetches += 1;
            fetch_page(data, &req)
        });
    for page in pages {
        items.extend(page.expect("ours-pages").invocation_job_summaries.unwrap_or_default());
    }
    items
}

fn ours_empty_pages(data: &Data, fetches: &mut usize) -> Vec<ModelInvocationJobSummary> {
    paginators::list_model_invocation_jobs(ListModelInvocationJobsRequest::default(), PaginationConfig::default())
        .items(|req: ListModelInvocationJobsRequest| {
            *fetches += 1;
            awsgen_runtime::json::from_slice(&data.empty_pages[data.page_index(req.next_token.as_deref())])
        })
        .collect::<Result<Vec<_>, _>>()
        .expect("ours-empty-pages")
}

fn ours_full_result(data: &Data, fetches: &mut usize) -> Vec<ModelInvocationJobSummary> {
    paginators::list_model_invocation_jobs(ListModelInvocationJobsRequest::default(), PaginationConfig::default())
        .pages(|req: ListModelInvocationJobsRequest| {
            *fetches += 1;
            fetch_page(data, &req)
        })
        .build_full_result()
        .expect("ours-full-result")
        .output
        .invocation_job_summaries
        .unwrap_or_default()
}

fn decode_only(data: &Data, fetches: &mut usize) -> Vec<ModelInvocationJobSummary> {
    let mut items = Vec::new();
    for page in &data.pages {
        *fetches += 1;
        let page: ListModelInvocationJobsResponse = awsgen_runtime::json::from_slice(page).expect("decode-only");
        items.extend(page.invocation_job_summaries.unwrap_or_default());
    }
    items
}

/// The same with plain serde: `serde_json::from_slice` (the generated
/// types' `Deserialize`), for comparison with the fast path.
fn serde_json_only(data: &Data, fetches: &mut usize) -> Vec<ModelInvocationJobSummary> {
    let mut items = Vec::new();
    for page in &data.pages {
        *fetches += 1;
        let page: ListModelInvocationJobsResponse = serde_json::from_slice(page).expect("serde-json-only");
        items.extend(page.invocation_job_summaries.unwrap_or_default());
    }
    items
}

/// An in-memory HTTP client for the SDK: answers each request with the page
/// its `nextToken` query parameter names (the first page without one). The
/// same as `aws_smithy_http_client::test_util::infallible_client_fn` (see
/// Cargo.toml for why it is written out), minus its conversions to and from
/// `http` 1.x types.
#[derive(Clone, Debug)]
struct PagesClient {
    pages: Arc<Vec<Bytes>>,
    index: Arc<HashMap<String, usize>>,
    requests: Arc<AtomicUsize>,
}

impl HttpConnector for PagesClient {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        self.requests.fetch_add(1, Ordering::Relaxed);
        let uri = request.uri();
        let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
        assert!(path.ends_with("/model-invocation-jobs"), "unexpected request {uri}");
        let page = match query.split('&').find_map(|kv| kv.strip_prefix("nextToken=")) {
            None => 0,
            Some(t) => *self.index.get(t).unwrap_or_else(|| panic!("unknown nextToken {t:?}")),
        };
        let mut response = HttpResponse::new(StatusCode::try_from(200).unwrap(), SdkBody::from(self.pages[page].clone()));
        response.headers_mut().insert("content-type", "application/json");
        response.headers_mut().insert("x-amzn-requestid", "5f0a6c3e-0000-4000-8000-000000000000");
        HttpConnectorFuture::ready(Ok(response))
    }
}

impl HttpClient for PagesClient {
    fn http_connector(&self, _: &HttpConnectorSettings, _: &RuntimeComponents) -> SharedHttpConnector {
        self.clone().into_shared()
    }
}

struct Sdk {
    rt: tokio::runtime::Runtime,
    client: aws_sdk_bedrock::Client,
    requests: Arc<AtomicUsize>,
}

impl Sdk {
    fn new(pages: &[Bytes], data: &Data) -> Sdk {
        use aws_sdk_bedrock::config::{BehaviorVersion, Credentials, Region};
        let requests = Arc::new(AtomicUsize::new(0));
        let http_client = PagesClient {
            pages: Arc::new(pages.to_vec()), // `Bytes`: shared, not copied
            index: Arc::new(data.index.clone()),
            requests: requests.clone(),
        };
        let config = aws_sdk_bedrock::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("us-east-1"))
            .credentials_provider(Credentials::for_tests())
            .http_client(http_client)
            .build();
        let client = aws_sdk_bedrock::Client::from_conf(config);
        let rt = tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap();
        Sdk { rt, client, requests }
    }

    /// `into_paginator().items()`: every item, one by one (see [`Each`]).
    fn run_each(&self) -> Seen<aws_sdk_bedrock::types::ModelInvocationJobSummary> {
        self.rt.block_on(async {
            let mut stream = self.client.list_model_invocation_jobs().into_paginator().items().send();
            let mut each = Each::new();
            while let Some(item) = stream.next().await {
                each.take(item.expect("aws-sdk-each item"), |it| it.job_arn().len());
            }
            each.done()
        })
    }

    fn run(&self, pages_seen: &mut usize) -> Vec<aws_sdk_bedrock::types::ModelInvocationJobSummary> {
        self.rt.block_on(async {
            let mut stream = self.client.list_model_invocation_jobs().into_paginator().send();
            let mut items = Vec::new();
            while let Some(page) = stream.next().await {
                let page = page.expect("aws-sdk page");
                *pages_seen += 1;
                items.extend(page.invocation_job_summaries.unwrap_or_default());
            }
            items
        })
    }
}

/// What a case hands to the checks: every item (collected), or, for the
/// `-each` cases, the count and the sampled items only.
enum Seen<T> {
    All(Vec<T>),
    Sampled { count: usize, samples: Vec<(usize, T)> },
}

impl<T> Seen<T> {
    fn count(&self) -> usize {
        match self {
            Seen::All(items) => items.len(),
            Seen::Sampled { count, .. } => *count,
        }
    }

    fn get(&self, index: usize) -> &T {
        match self {
            Seen::All(items) => &items[index],
            Seen::Sampled { samples, .. } => &samples.iter().find(|(i, _)| *i == index).expect("sampled item").1,
        }
    }
}

/// The consumer loop of the `-each` cases (the same for both crates): read
/// one field of every item, keep the sampled ones for the checks, drop the
/// rest as it goes.
struct Each<T> {
    count: usize,
    arn_bytes: usize,
    samples: Vec<(usize, T)>,
}

impl<T> Each<T> {
    fn new() -> Self {
        Each { count: 0, arn_bytes: 0, samples: Vec::new() }
    }

    fn take(&mut self, item: T, arn: impl Fn(&T) -> usize) {
        self.arn_bytes += arn(&item);
        if SAMPLES.contains(&self.count) {
            self.samples.push((self.count, item));
        }
        self.count += 1;
    }

    fn done(self) -> Seen<T> {
        assert!(black_box(self.arn_bytes) > 0);
        Seen::Sampled { count: self.count, samples: self.samples }
    }
}

fn ours_items_each(data: &Data, fetches: &mut usize) -> Seen<ModelInvocationJobSummary> {
    let mut each = Each::new();
    let items = paginators::list_model_invocation_jobs(ListModelInvocationJobsRequest::default(), PaginationConfig::default())
        .items(|req: ListModelInvocationJobsRequest| {
            *fetches += 1;
            fetch_page(data, &req)
        });
    for item in items {
        each.take(item.expect("ours-items-each"), |it| it.job_arn.len());
    }
    each.done()
}

// ---------------------------------------------------------------------------
// Checks (outside the timed region)
// ---------------------------------------------------------------------------

fn check_ours(name: &str, items: &Seen<ModelInvocationJobSummary>, fetches: usize, data: &Data) {
    assert_eq!(fetches, PAGES, "{name}: fetches");
    assert_eq!(items.count(), ITEMS, "{name}: items");
    for e in &data.samples {
        let it = items.get(e.index);
        assert_eq!(it.job_arn, e.job_arn, "{name}");
        assert_eq!(it.job_name, e.job_name, "{name}");
        assert_eq!(it.status.as_ref().map(|s| s.as_str()), Some(e.status), "{name}");
        assert_eq!(it.submit_time, e.submit_time, "{name}");
        assert_eq!(it.end_time, Some(e.end_time), "{name}");
        assert_eq!(it.message.as_ref().map(String::len), Some(e.message_len), "{name}");
        assert_eq!(it.error_record_count, Some(e.error_record_count), "{name}");
        match &it.input_data_config {
            ModelInvocationJobInputDataConfig::S3InputDataConfig(c) => {
                assert_eq!(c.s3_uri, e.input_s3_uri, "{name}");
                assert_eq!(c.s3_input_format.as_ref().map(|f| f.as_str()), Some("JSONL"), "{name}");
            }
            other => panic!("{name}: input config {other:?}"),
        }
        match &it.output_data_config {
            ModelInvocationJobOutputDataConfig::S3OutputDataConfig(c) => {
                assert_eq!(c.s3_encryption_key_id.as_deref(), Some(e.kms_key.as_str()), "{name}")
            }
            other => panic!("{name}: output config {other:?}"),
        }
        let vpc = it.vpc_config.as_ref().expect("vpcConfig");
        assert_eq!(vpc.subnet_ids.len(), 2, "{name}");
        assert_eq!(vpc.subnet_ids[0], e.subnet0, "{name}");
        assert_eq!(vpc.security_group_ids, std::slice::from_ref(&e.security_group0), "{name}");
        assert!(it.job_expiration_time.is_some() && it.model_invocation_type.is_some(), "{name}");
    }
}

fn check_sdk(items: &Seen<aws_sdk_bedrock::types::ModelInvocationJobSummary>, pages: usize, requests: usize, data: &Data) {
    use aws_sdk_bedrock::types::{ModelInvocationJobInputDataConfig as In, ModelInvocationJobOutputDataConfig as Out};
    let millis = |t: &aws_smithy_types::DateTime| t.to_millis().unwrap();
    assert_eq!(pages, PAGES, "aws-sdk: pages");
    assert_eq!(requests, PAGES, "aws-sdk: HTTP requests");
    assert_eq!(items.count(), ITEMS, "aws-sdk: items");
    for e in &data.samples {
        let it = items.get(e.index);
        assert_eq!(it.job_arn(), e.job_arn);
        assert_eq!(it.job_name(), e.job_name);
        assert_eq!(it.status().map(|s| s.as_str()), Some(e.status));
        assert_eq!(millis(it.submit_time()), e.submit_time.timestamp_millis());
        assert_eq!(it.end_time().map(millis), Some(e.end_time.timestamp_millis()));
        assert_eq!(it.message().map(str::len), Some(e.message_len));
        assert_eq!(it.error_record_count(), Some(e.error_record_count));
        match it.input_data_config() {
            Some(In::S3InputDataConfig(c)) => {
                assert_eq!(c.s3_uri(), e.input_s3_uri);
                assert_eq!(c.s3_input_format().map(|f| f.as_str()), Some("JSONL"));
            }
            other => panic!("aws-sdk: input config {other:?}"),
        }
        match it.output_data_config() {
            Some(Out::S3OutputDataConfig(c)) => assert_eq!(c.s3_encryption_key_id(), Some(e.kms_key.as_str())),
            other => panic!("aws-sdk: output config {other:?}"),
        }
        let vpc = it.vpc_config().expect("vpcConfig");
        assert_eq!(vpc.subnet_ids().len(), 2);
        assert_eq!(vpc.subnet_ids()[0], e.subnet0);
        assert_eq!(vpc.security_group_ids(), std::slice::from_ref(&e.security_group0));
        assert!(it.job_expiration_time().is_some() && it.model_invocation_type().is_some());
    }
}

// ---------------------------------------------------------------------------
// Driver
// ---------------------------------------------------------------------------

/// Case groups, printed as sections.
const MAIN: [&str; 7] = ["ours-items", "ours-item-stream", "ours-pages", "ours-full-result", "decode-only", "serde-json-only", "aws-sdk"];
const EACH: [&str; 2] = ["ours-items-each", "aws-sdk-each"];
const OVERHEAD: [&str; 2] = ["ours-empty-pages", "aws-sdk-empty-pages"];
const ESCAPED: [&str; 2] = ["decode-escaped", "serde-json-escaped"];

struct Sdks {
    full: Sdk,
    empty: Sdk,
}

/// Runs one case once; returns the time to paginate and collect every item
/// (checking and dropping the items are not timed).
fn run_case(case: &str, data: &Data, sdks: &Sdks) -> Duration {
    let mut fetches = 0;
    let ours: fn(&Data, &mut usize) -> Vec<ModelInvocationJobSummary> = match case {
        "ours-items" => ours_items,
        "ours-item-stream" => ours_item_stream,
        "ours-pages" => ours_pages,
        "ours-full-result" => ours_full_result,
        "decode-only" => decode_only,
        "serde-json-only" => serde_json_only,
        "decode-escaped" | "serde-json-escaped" => {
            let fast = case == "decode-escaped";
            let start = Instant::now();
            let mut items = 0;
            for page in &data.escaped_pages {
                let page: ListModelInvocationJobsResponse = if fast {
                    awsgen_runtime::json::from_slice(page).expect("decode-escaped")
                } else {
                    serde_json::from_slice(page).expect("serde-json-escaped")
                };
                items += black_box(page).invocation_job_summaries.map_or(0, |s| s.len());
            }
            let elapsed = start.elapsed();
            assert_eq!(items, ITEMS, "{case}");
            return elapsed;
        }
        "ours-items-each" => {
            let start = Instant::now();
            let seen = black_box(ours_items_each(data, &mut fetches));
            let elapsed = start.elapsed();
            check_ours(case, &seen, fetches, data);
            return elapsed;
        }
        "ours-empty-pages" => {
            let start = Instant::now();
            let items = black_box(ours_empty_pages(data, &mut fetches));
            let elapsed = start.elapsed();
            assert_eq!((fetches, items.len()), (PAGES, 0), "{case}");
            return elapsed;
        }
        "aws-sdk" | "aws-sdk-each" | "aws-sdk-empty-pages" => {
            let sdk = if case == "aws-sdk-empty-pages" { &sdks.empty } else { &sdks.full };
            let before = sdk.requests.load(Ordering::Relaxed);
            let start = Instant::now();
            let seen = if case == "aws-sdk-each" {
                black_box(sdk.run_each())
            } else {
                Seen::All(black_box(sdk.run(&mut fetches)))
            };
            let elapsed = start.elapsed();
            let requests = sdk.requests.load(Ordering::Relaxed) - before;
            match case {
                "aws-sdk" => check_sdk(&seen, fetches, requests, data),
                // `items()` hides the pages: count the HTTP requests.
                "aws-sdk-each" => check_sdk(&seen, requests, requests, data),
                _ => assert_eq!((fetches, requests, seen.count()), (PAGES, PAGES, 0), "{case}"),
            }
            return elapsed;
        }
        other => panic!("unknown case {other}"),
    };
    let start = Instant::now();
    let items = black_box(ours(data, &mut fetches));
    let elapsed = start.elapsed();
    check_ours(case, &Seen::All(items), fetches, data);
    elapsed
}

fn main() {
    let all: Vec<&str> = MAIN.iter().chain(&EACH).chain(&OVERHEAD).chain(&ESCAPED).copied().collect();
    let mut runs = 11usize;
    let mut only: Option<String> = None;
    let mut message_len: Option<usize> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).expect("--runs N"),
            "--only" => only = Some(args.next().expect("--only CASE")),
            "--message-len" => message_len = args.next().and_then(|n| n.parse().ok()).or_else(|| panic!("--message-len N")),
            "-h" | "--help" => {
                println!("usage: awsgen-bench [--runs N] [--only {}] [--message-len BYTES]", all.join("|"));
                return;
            }
            // `cargo bench` passes `--bench`; ignore flags we do not know.
            _ => {}
        }
    }
    let cases: Vec<&str> = all.iter().copied().filter(|c| only.as_deref().is_none_or(|o| o == *c)).collect();
    assert!(!cases.is_empty(), "unknown --only case; one of {all:?}");

    let data = Data::sized(message_len);
    let mb = data.total_bytes as f64 / 1e6;
    println!(
        "data: {PAGES} pages x {PER_PAGE} items = {ITEMS} ModelInvocationJobSummary, {} bytes of JSON ({mb:.2} MB, 1 MB = 10^6 bytes), {:.0} bytes/item",
        data.total_bytes,
        data.total_bytes as f64 / ITEMS as f64
    );
    // Every page must read (the reader has no fallback), and the escaped
    // ones with serde_json's values.
    let declined = data
        .pages
        .iter()
        .chain(&data.empty_pages)
        .filter(|page| {
            let text = std::str::from_utf8(page).expect("UTF-8 pages");
            awsgen_runtime::json::read::<ListModelInvocationJobsResponse>(text).is_err()
        })
        .count();
    assert_eq!(declined, 0, "the fast JSON path declined {declined} pages");
    // The pages with escapes: taken too, with serde_json's values.
    for page in &data.escaped_pages {
        let text = std::str::from_utf8(page).expect("UTF-8 pages");
        let fast = awsgen_runtime::json::read::<ListModelInvocationJobsResponse>(text).expect("the fast path takes escaped pages");
        assert!(fast == serde_json::from_str::<ListModelInvocationJobsResponse>(text).unwrap(), "escaped pages: values differ");
    }
    println!("JSON reader: reads all {} pages, with serde_json's values on the escaped ones", 3 * PAGES);
    let sdks = Sdks { full: Sdk::new(&data.pages, &data), empty: Sdk::new(&data.empty_pages, &data) };

    // Warm-up: two of each (also checks every path once before timing).
    for _ in 0..2 {
        for c in &cases {
            run_case(c, &data, &sdks);
        }
    }
    // Timed runs, interleaved so that noise from other work on the machine
    // spreads over every case alike.
    let mut times: HashMap<&str, Vec<Duration>> = HashMap::new();
    for _ in 0..runs {
        for c in &cases {
            times.entry(c).or_default().push(run_case(c, &data, &sdks));
        }
    }

    println!(
        "{runs} timed runs per case after 2 warm-up runs, interleaved; every run checked ({PAGES} pages/requests, {ITEMS} items, sampled field values)"
    );
    let stats = |c: &str| {
        let mut t = times[c].clone();
        t.sort();
        (t[t.len() / 2].as_secs_f64(), t[0].as_secs_f64())
    };
    let header = || {
        println!(
            "{:<22} {:>5} {:>6} {:>6} {:>9} {:>9} {:>9} {:>7} {:>8} {:>8}",
            "case", "pages", "items", "MB", "median s", "best s", "items/s", "MB/s", "vs sdk", "best/sdk"
        )
    };
    // Each row is compared with its group's aws-sdk case.
    let row = |c: &str, sdk: &str| {
        let (median, best) = stats(c);
        let (vs, vs_best) = match times.contains_key(sdk).then(|| stats(sdk)) {
            Some((sm, sb)) => (format!("{:.2}x", sm / median), format!("{:.2}x", sb / best)),
            None => ("-".into(), "-".into()),
        };
        println!(
            "{:<22} {:>5} {:>6} {:>6.2} {:>9.4} {:>9.4} {:>9.0} {:>7.1} {:>8} {:>8}",
            c,
            PAGES,
            ITEMS,
            mb,
            median,
            best,
            ITEMS as f64 / median,
            mb / median,
            vs,
            vs_best
        );
    };
    let present = |group: &[&'static str]| -> Vec<&'static str> { group.iter().copied().filter(|c| times.contains_key(c)).collect() };
    if !present(&MAIN).is_empty() {
        println!();
        header();
        present(&MAIN).into_iter().for_each(|c| row(c, "aws-sdk"));
        println!("items/s and MB/s from the median run; vs sdk = our items/s / aws-sdk-bedrock's (median runs); best/sdk = the same from the best runs");
    }
    if !present(&EACH).is_empty() {
        println!();
        println!("every item consumed one by one (one field read, then dropped), not collected");
        header();
        present(&EACH).into_iter().for_each(|c| row(c, "aws-sdk-each"));
    }
    if !present(&ESCAPED).is_empty() {
        let escaped_mb = data.escaped_pages.iter().map(Bytes::len).sum::<usize>() as f64 / 1e6;
        println!();
        println!("decoding only, the same pages with escapes (\\n, \\\", \\\\) in every free-text string ({escaped_mb:.2} MB)");
        println!("{:<22} {:>9} {:>9} {:>7} {:>13}", "case", "median s", "best s", "MB/s", "vs serde_json");
        let serde_median = times.contains_key("serde-json-escaped").then(|| stats("serde-json-escaped").0);
        for c in present(&ESCAPED) {
            let (median, best) = stats(c);
            let vs = serde_median.map_or("-".to_owned(), |s| format!("{:.2}x", s / median));
            println!("{:<22} {:>9.4} {:>9.4} {:>7.1} {:>13}", c, median, best, escaped_mb / median, vs);
        }
    }
    if !present(&OVERHEAD).is_empty() {
        println!();
        println!("per-request overhead: the same {PAGES} requests and tokens, pages with no items");
        println!("{:<22} {:>5} {:>9} {:>9} {:>12}", "case", "pages", "median s", "best s", "us/request");
        for c in present(&OVERHEAD) {
            let (median, best) = stats(c);
            println!("{:<22} {:>5} {:>9.5} {:>9.5} {:>12.1}", c, PAGES, median, best, median * 1e6 / PAGES as f64);
        }
    }
}

//! Replays every botocore paginator vector (`tests/vectors/paginators/`,
//! written by `cargo xtask paginator-vectors`) through the engine with
//! [`JsonPaginator`], blocking and async, and through a typed glue for the
//! bedrock vectors; plus unit tests for laziness, the async stream, fetch
//! failure resume tokens and the token format.

use std::cell::RefCell;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use awsgen_runtime::paginator::json::{from_tagged_json, to_tagged_json};
use awsgen_runtime::paginator::{
    glue, token, FullResult, GlueError, JsonPaginator, Paginate, PaginationConfig, PaginationError, Paginator,
    ResultList, TokenValue,
};
use base64::Engine as _;
use futures::executor::block_on;
use futures::StreamExt as _;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

// ---------------------------------------------------------------------------
// Loading vectors
// ---------------------------------------------------------------------------

fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/paginators")
}

/// A vector: `json` for reading fields and comparing (key order ignored),
/// `doc` for what is fed to the engine (key order kept, bytes restored).
struct Vector {
    name: String,
    json: Value,
    doc: TokenValue,
}

impl Vector {
    /// A member of the document, as fed to the engine.
    fn doc(&self, path: &[&str]) -> TokenValue {
        let mut cur = &self.doc;
        for key in path {
            let TokenValue::Map(m) = cur else { panic!("{}: {path:?} is not a map", self.name) };
            cur = &m.iter().find(|(k, _)| k == key).unwrap_or_else(|| panic!("{}: {path:?} missing", self.name)).1;
        }
        from_tagged_json(cur.clone())
    }
}

/// Every vector, by file name. Panics when the directory is missing or holds
/// none: a replay that checks nothing must not pass.
fn load_vectors() -> Vec<Vector> {
    let dir = vectors_dir();
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| {
        panic!("paginator vectors directory {} is missing ({e}); run `cargo xtask paginator-vectors`", dir.display())
    });
    let mut out = Vec::new();
    for entry in entries {
        let path = entry.expect("read_dir entry").path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).expect("read vector");
            let json: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let doc: TokenValue = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            out.push(Vector { name: path.file_name().unwrap().to_string_lossy().into_owned(), json, doc });
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    assert!(
        !out.is_empty(),
        "no paginator vectors in {}; run `cargo xtask paginator-vectors`",
        dir.display()
    );
    out
}

fn glue_of(v: &Value) -> JsonPaginator {
    JsonPaginator::from_config(&v["paginator"])
        .expect("paginator config")
        .with_string_limit_key(v["limit_key_type"] == "string")
}

fn config_of(pc: &Value) -> PaginationConfig {
    PaginationConfig {
        max_items: pc.get("MaxItems").map(|v| v.as_u64().expect("MaxItems") as usize),
        page_size: pc.get("PageSize").map(|v| v.as_i64().expect("PageSize")),
        starting_token: pc.get("StartingToken").map(|v| v.as_str().expect("StartingToken").to_owned()),
    }
}

// ---------------------------------------------------------------------------
// Running the engine over canned pages
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
struct FakeError(String);

impl std::fmt::Display for FakeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FakeError {}

/// The canned fetcher: records requests (as tagged JSON), returns pages in
/// order, fails on `{"$error": ...}`.
#[derive(Clone)]
struct Canned {
    pages: Rc<Vec<TokenValue>>,
    requests: Rc<RefCell<Vec<Value>>>,
}

fn error_marker(page: &TokenValue) -> Option<String> {
    match page {
        TokenValue::Map(m) => m.iter().find(|(k, _)| k == "$error").map(|(_, v)| v.as_str().unwrap().to_owned()),
        _ => None,
    }
}

impl Canned {
    fn new(pages: &TokenValue) -> Self {
        let TokenValue::List(pages) = pages else { panic!("pages is not a list") };
        Canned { pages: Rc::new(pages.clone()), requests: Rc::default() }
    }

    fn call(&self, request: TokenValue) -> Result<TokenValue, FakeError> {
        let mut requests = self.requests.borrow_mut();
        let index = requests.len();
        requests.push(to_tagged_json(&request));
        let page = self.pages.get(index).unwrap_or_else(|| panic!("ran out of canned pages at request {index}"));
        match error_marker(page) {
            Some(e) => Err(FakeError(e)),
            None => Ok(page.clone()),
        }
    }
}

/// A future that is pending once before completing, to exercise the
/// stream's `Poll::Pending` path.
struct YieldOnce<T> {
    value: Option<T>,
    yielded: bool,
}

impl<T: Unpin> Future for YieldOnce<T> {
    type Output = T;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        if self.yielded {
            Poll::Ready(self.value.take().expect("polled after completion"))
        } else {
            self.yielded = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

struct Run {
    requests: Vec<Value>,
    pages: Vec<Value>,
    resume_token: Option<String>,
    error: Option<(PaginationError<FakeError>, usize)>,
}

fn run_blocking(glue: &JsonPaginator, params: &TokenValue, pc: PaginationConfig, pages: &TokenValue) -> Run {
    let canned = Canned::new(pages);
    let fetch = canned.clone();
    let mut it = Paginator::new(glue.clone(), params.clone(), pc).pages(move |r| fetch.call(r));
    let mut out = Vec::new();
    let mut error = None;
    for page in it.by_ref() {
        match page {
            Ok(p) => out.push(to_tagged_json(&p)),
            Err(e) => {
                error = Some((e, out.len()));
                break;
            }
        }
    }
    assert!(it.next().is_none(), "iterator must be finished after the last page or an error");
    let resume_token = it.resume_token().map(str::to_owned);
    let requests = canned.requests.borrow().clone();
    Run { requests, pages: out, resume_token, error }
}

fn run_async(glue: &JsonPaginator, params: &TokenValue, pc: PaginationConfig, pages: &TokenValue) -> Run {
    let canned = Canned::new(pages);
    let fetch = canned.clone();
    let mut stream = Paginator::new(glue.clone(), params.clone(), pc)
        .stream(move |r| YieldOnce { value: Some(fetch.call(r)), yielded: false });
    let (out, error) = block_on(async {
        let mut out = Vec::new();
        let mut error = None;
        while let Some(page) = stream.next().await {
            match page {
                Ok(p) => out.push(to_tagged_json(&p)),
                Err(e) => {
                    error = Some((e, out.len()));
                    break;
                }
            }
        }
        assert!(stream.next().await.is_none(), "stream must be finished");
        (out, error)
    });
    let resume_token = stream.resume_token().map(str::to_owned);
    let requests = canned.requests.borrow().clone();
    Run { requests, pages: out, resume_token, error }
}

/// The error kind our engine must report for botocore's exception.
fn check_error(name: &str, ours: &PaginationError<FakeError>, theirs: &Value) -> Result<(), String> {
    let ty = theirs["type"].as_str().unwrap();
    let message = theirs["message"].as_str().unwrap();
    let ok = match (ty, ours) {
        ("FetchError", PaginationError::Fetch { source, .. }) => source.0 == message,
        ("PaginationError", PaginationError::DuplicateToken { message: m, .. }) => m == message,
        ("PaginationError", PaginationError::PageSizeUnsupported) => ours.to_string() == message,
        ("ValueError" | "AttributeError" | "TypeError" | "KeyError", PaginationError::BadStartingToken { message: m }) => {
            m == message
        }
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!("{name}: error {ours:?} (\"{ours}\") does not match botocore's {ty}: {message}"))
    }
}

fn compare_run(name: &str, run: &Run, expected: &Value, failures: &mut Vec<String>) {
    let expected_requests = expected["requests"].as_array().unwrap();
    if &run.requests != expected_requests {
        failures.push(format!(
            "{name}: requests differ\n  ours:     {}\n  botocore: {}",
            json!(run.requests),
            json!(expected_requests)
        ));
    }
    let expected_pages = expected["pages"].as_array().unwrap();
    if &run.pages != expected_pages {
        failures.push(format!(
            "{name}: pages differ\n  ours:     {}\n  botocore: {}",
            json!(run.pages),
            json!(expected_pages)
        ));
    }
    let expected_token = expected["resume_token"].as_str();
    if run.resume_token.as_deref() != expected_token {
        failures.push(format!("{name}: resume token {:?}, botocore {:?}", run.resume_token, expected_token));
    }
    match (&run.error, expected["error"].is_null()) {
        (None, true) => {}
        (Some((e, _)), true) => failures.push(format!("{name}: unexpected error {e:?}")),
        (None, false) => failures.push(format!("{name}: expected error {}", expected["error"])),
        (Some((e, after)), false) => {
            if let Err(msg) = check_error(name, e, &expected["error"]) {
                failures.push(msg);
            }
            if *after as u64 != expected["error"]["after_pages"].as_u64().unwrap() {
                failures.push(format!("{name}: error after {after} pages, botocore after {}", expected["error"]["after_pages"]));
            }
        }
    }
}

fn full_result_json(full: FullResult<TokenValue>) -> Value {
    let mut out = to_tagged_json(&full.output);
    if let Some(token) = full.resume_token {
        out.as_object_mut().expect("object").insert("NextToken".into(), Value::String(token));
    }
    out
}

fn compare_full_result(vector: &Vector, failures: &mut Vec<String>) {
    let (name, v) = (vector.name.as_str(), &vector.json);
    let glue = glue_of(v);
    let canned = Canned::new(&vector.doc(&["pages"]));
    let fetch = canned.clone();
    let result = Paginator::new(glue.clone(), vector.doc(&["params"]), config_of(&v["pagination_config"]))
        .pages(move |r| fetch.call(r))
        .build_full_result();
    let expected = &v["expected"];
    match result {
        Ok(full) => {
            let ours = full_result_json(full);
            if ours != expected["full_result"] {
                failures.push(format!(
                    "{name}: full result differs\n  ours:     {ours}\n  botocore: {}",
                    expected["full_result"]
                ));
            }
        }
        Err(e) => {
            if expected["full_result_error"].is_null() {
                failures.push(format!("{name}: full result failed: {e:?}"));
            } else if let Err(msg) = check_error(name, &e, &expected["full_result_error"]) {
                failures.push(format!("full result: {msg}"));
            }
        }
    }
    // The async build agrees with the blocking one.
    let canned = Canned::new(&vector.doc(&["pages"]));
    let result = block_on(
        Paginator::new(glue, vector.doc(&["params"]), config_of(&v["pagination_config"]))
            .stream(move |r| futures::future::ready(canned.call(r)))
            .build_full_result(),
    );
    match (result, expected["full_result"].is_null()) {
        (Ok(full), false) if full_result_json(full.clone()) == expected["full_result"] => {}
        (Err(_), true) => {}
        (r, _) => failures.push(format!("{name}: async full result differs: {r:?}")),
    }
}

/// Items of the primary result key, through the items iterator.
fn items_of(glue: &JsonPaginator, params: &TokenValue, pc: PaginationConfig, pages: &TokenValue) -> Vec<Value> {
    let canned = Canned::new(pages);
    Paginator::new(glue.clone(), params.clone(), pc)
        .items(move |r| canned.call(r))
        .map_while(Result::ok)
        .map(|i| to_tagged_json(&i))
        .collect()
}

/// The primary items of pages given as tagged JSON.
fn primary_items(glue: &JsonPaginator, pages: &[Value]) -> Vec<Value> {
    let mut out = Vec::new();
    for page in pages {
        let mut page = from_tagged_json(TokenValue::from_json(page));
        if let Some(p) = glue.primary(&mut page) {
            out.extend(p.take_items().iter().map(to_tagged_json));
        }
    }
    out
}

#[test]
fn replay_botocore_vectors() {
    let vectors = load_vectors();
    let mut failures = Vec::new();
    let mut fetch_failure_cases = 0;
    for vector in &vectors {
        let (name, v) = (&vector.name, &vector.json);
        assert_eq!(v["botocore_version"], "1.44.8", "{name}: vectors must come from the pinned botocore");
        let glue = glue_of(v);
        let pc = config_of(&v["pagination_config"]);
        let expected = &v["expected"];
        let (params, pages) = (vector.doc(&["params"]), vector.doc(&["pages"]));

        let blocking = run_blocking(&glue, &params, pc.clone(), &pages);
        compare_run(name, &blocking, expected, &mut failures);
        let streamed = run_async(&glue, &params, pc.clone(), &pages);
        compare_run(&format!("{name} (async)"), &streamed, expected, &mut failures);
        compare_full_result(vector, &mut failures);

        // The items iterator yields the primary items of the yielded pages.
        let items = items_of(&glue, &params, pc.clone(), &pages);
        let want = primary_items(&glue, expected["pages"].as_array().unwrap());
        if items != want {
            failures.push(format!("{name}: items iterator yielded {items:?}, pages hold {want:?}"));
        }

        if let Some(rae) = v.get("resume_after_error") {
            fetch_failure_cases += 1;
            let ours = blocking.error.as_ref().and_then(|(e, _)| match e {
                PaginationError::Fetch { resume_token, .. } => Some(resume_token.clone()),
                _ => None,
            });
            let want = rae["resume_token"].as_str().map(str::to_owned);
            if ours != Some(want.clone()) {
                failures.push(format!("{name}: fetch error resume token {ours:?}, expected {want:?}"));
            }
            if streamed.error.as_ref().and_then(|(e, _)| e.resume_token().map(str::to_owned)) != want {
                failures.push(format!("{name} (async): fetch error resume token differs"));
            }
            let rest = vector.doc(&["resume_after_error", "pages"]);
            let resumed = run_blocking(&glue, &params, config_of(&rae["pagination_config"]), &rest);
            compare_run(&format!("{name} (resumed after error)"), &resumed, &rae["expected"], &mut failures);
        }
    }
    assert!(fetch_failure_cases >= 3, "expected fetch-failure vectors");
    assert!(failures.is_empty(), "{} of {} vectors failed:\n\n{}", failures.len(), vectors.len(), failures.join("\n\n"));
    println!("replayed {} paginator vectors", vectors.len());
}

// ---------------------------------------------------------------------------
// A typed glue, as generated code would write it (bedrock ListModelInvocationJobs)
// ---------------------------------------------------------------------------

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ListModelInvocationJobsInput {
    #[serde(skip_serializing_if = "Option::is_none")]
    next_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_results: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status_equals: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ModelInvocationJobSummary {
    job_name: String,
    job_arn: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ListModelInvocationJobsOutput {
    #[serde(skip_serializing_if = "Option::is_none")]
    next_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    invocation_job_summaries: Option<Vec<ModelInvocationJobSummary>>,
}

#[derive(Clone, Copy, Debug)]
struct ListModelInvocationJobsPaginator;

impl Paginate for ListModelInvocationJobsPaginator {
    type Input = ListModelInvocationJobsInput;
    type Output = ListModelInvocationJobsOutput;
    type Primary = Vec<ModelInvocationJobSummary>;

    fn input_tokens(&self) -> Vec<&str> {
        vec!["nextToken"]
    }
    fn set_token(&self, input: &mut Self::Input, name: &str, value: Option<TokenValue>) -> Result<(), GlueError> {
        match name {
            "nextToken" => input.next_token = glue::string_token(value)?,
            _ => return Err(GlueError::UnknownMember(name.to_owned())),
        }
        Ok(())
    }
    fn set_page_size(&self, input: &mut Self::Input, size: i64) -> Result<(), GlueError> {
        input.max_results = Some(glue::page_size(size)?);
        Ok(())
    }
    fn output_tokens(&self, output: &Self::Output) -> Vec<Option<TokenValue>> {
        vec![glue::out_str(&output.next_token)]
    }
    fn primary<'a>(&self, output: &'a mut Self::Output) -> Option<&'a mut Self::Primary> {
        output.invocation_job_summaries.as_mut()
    }
    fn merge(&self, full: &mut Self::Output, page: Self::Output) {
        glue::extend(&mut full.invocation_job_summaries, page.invocation_job_summaries);
    }
}

/// The bedrock vectors whose pages and requests fit the typed model replay
/// through the typed glue with the same results.
#[test]
fn typed_glue_replays_bedrock_vectors() {
    let mut replayed = 0;
    for Vector { name, json: v, .. } in load_vectors() {
        if v["operation"] != "ListModelInvocationJobs" {
            continue;
        }
        let expected = &v["expected"];
        let typed_pages: Result<Vec<ListModelInvocationJobsOutput>, _> = v["pages"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p.get("$error").is_none())
            .map(|p| serde_json::from_value(p.clone()))
            .collect();
        let typed_requests: Result<Vec<ListModelInvocationJobsInput>, _> =
            expected["requests"].as_array().unwrap().iter().map(|r| serde_json::from_value(r.clone())).collect();
        let (Ok(_), Ok(_)) = (typed_pages, typed_requests) else { continue };
        if expected["error"]["message"].as_str().is_some_and(|m| m.contains("Bad starting token: {")) {
            continue; // botocore's message names foreign members a typed input cannot hold
        }
        let input: ListModelInvocationJobsInput = serde_json::from_value(v["params"].clone()).unwrap();
        let pages = v["pages"].as_array().unwrap().clone();
        let requests = RefCell::new(Vec::new());
        let mut it = Paginator::new(ListModelInvocationJobsPaginator, input, config_of(&v["pagination_config"])).pages(
            |req: ListModelInvocationJobsInput| {
                let mut requests = requests.borrow_mut();
                requests.push(serde_json::to_value(&req).unwrap());
                let page = &pages[requests.len() - 1];
                match page.get("$error") {
                    Some(e) => Err(FakeError(e.as_str().unwrap().to_owned())),
                    None => Ok(serde_json::from_value::<ListModelInvocationJobsOutput>(page.clone()).unwrap()),
                }
            },
        );
        let mut got = Vec::new();
        let mut error = None;
        for page in it.by_ref() {
            match page {
                Ok(p) => got.push(serde_json::to_value(p).unwrap()),
                Err(e) => {
                    error = Some(e);
                    break;
                }
            }
        }
        let resume = it.resume_token().map(str::to_owned);
        drop(it);
        assert_eq!(&Value::from(requests.into_inner()), &expected["requests"], "{name}: requests");
        assert_eq!(&Value::from(got), &expected["pages"], "{name}: pages");
        assert_eq!(resume.as_deref(), expected["resume_token"].as_str(), "{name}: resume token");
        match (error, expected["error"].is_null()) {
            (None, true) => {}
            (Some(e), false) => {
                check_error(&name, &e, &expected["error"]).unwrap();
                if let Some(rae) = v.get("resume_after_error") {
                    assert_eq!(e.resume_token(), rae["resume_token"].as_str(), "{name}: fetch error resume token");
                }
            }
            (e, _) => panic!("{name}: error {e:?}, botocore {}", expected["error"]),
        }
        replayed += 1;
    }
    assert!(replayed >= 20, "only {replayed} bedrock vectors replayed through the typed glue");
}

#[test]
fn typed_glue_rejects_foreign_token_members() {
    let token = base64::engine::general_purpose::STANDARD.encode(r#"{"Foo": "x"}"#);
    let mut it = Paginator::new(
        ListModelInvocationJobsPaginator,
        ListModelInvocationJobsInput::default(),
        PaginationConfig::default().starting_token(token),
    )
    .pages(|_| -> Result<ListModelInvocationJobsOutput, FakeError> { panic!("no request may be sent") });
    match it.next() {
        Some(Err(PaginationError::BadStartingToken { message })) => assert!(message.contains("'Foo'"), "{message}"),
        other => panic!("{other:?}"),
    }
    assert!(it.next().is_none());
}

// ---------------------------------------------------------------------------
// Synthetic pages for unit tests
// ---------------------------------------------------------------------------

fn doc(v: Value) -> TokenValue {
    TokenValue::from_json(&v)
}

fn bedrock_glue() -> JsonPaginator {
    JsonPaginator::from_config(&json!({
        "input_token": "nextToken", "output_token": "nextToken",
        "limit_key": "maxResults", "result_key": "invocationJobSummaries"
    }))
    .unwrap()
}

/// `count` pages of `per_page` items named `i0`, `i1`, …, linked by tokens.
fn synthetic_pages(count: usize, per_page: usize) -> TokenValue {
    doc(synthetic_pages_json(count, per_page))
}

fn synthetic_pages_json(count: usize, per_page: usize) -> Value {
    let mut pages = Vec::new();
    let mut n = 0;
    for p in 0..count {
        let items: Vec<Value> = (0..per_page)
            .map(|_| {
                n += 1;
                json!({"jobName": format!("i{}", n - 1)})
            })
            .collect();
        let mut page = json!({"invocationJobSummaries": items});
        if p + 1 < count {
            page["nextToken"] = json!(format!("t{}", p + 1));
        }
        pages.push(page);
    }
    Value::Array(pages)
}

fn list(pages: &TokenValue) -> &Vec<TokenValue> {
    let TokenValue::List(l) = pages else { panic!("not a list") };
    l
}

fn with_failure_at(pages: &TokenValue, index: usize) -> TokenValue {
    let mut pages = list(pages).clone();
    pages.insert(index, doc(json!({"$error": "boom"})));
    TokenValue::List(pages)
}

fn all_items(pages: &TokenValue) -> Vec<Value> {
    let pages: Vec<Value> = list(pages).iter().map(to_tagged_json).collect();
    primary_items(&bedrock_glue(), &pages)
}

#[test]
fn nothing_is_fetched_before_the_first_next() {
    let calls = RefCell::new(0);
    let pages = synthetic_pages(2, 2);
    let paginator = Paginator::new(bedrock_glue(), doc(json!({})), PaginationConfig::default());
    let mut it = paginator.clone().pages(|_r| {
        *calls.borrow_mut() += 1;
        Ok::<_, FakeError>(list(&pages)[*calls.borrow() - 1].clone())
    });
    assert_eq!(*calls.borrow(), 0);
    assert!(it.next().unwrap().is_ok());
    assert_eq!(*calls.borrow(), 1);
    drop(it);

    // The async stream calls the fetcher (creating the future) only when polled.
    let calls = Rc::new(RefCell::new(0));
    let c = calls.clone();
    let mut stream = paginator.stream(move |_r| {
        *c.borrow_mut() += 1;
        futures::future::ready(Ok::<_, FakeError>(doc(json!({"invocationJobSummaries": []}))))
    });
    assert_eq!(*calls.borrow(), 0);
    block_on(stream.next()).unwrap().unwrap();
    assert_eq!(*calls.borrow(), 1);
}

#[test]
fn bad_starting_token_fails_on_first_next_not_at_construction() {
    let config = PaginationConfig::default().starting_token("a___b___c");
    let paginator = Paginator::new(bedrock_glue(), doc(json!({})), config);
    let mut it = paginator.clone().pages(|_| -> Result<TokenValue, FakeError> { panic!("no request may be sent") });
    match it.next() {
        Some(Err(PaginationError::BadStartingToken { message })) => assert_eq!(message, "Bad starting token: a___b___c"),
        other => panic!("{other:?}"),
    }
    assert!(it.next().is_none());
    let mut stream = paginator.stream(|_| async { unreachable!("no request may be sent") as Result<TokenValue, FakeError> });
    assert!(matches!(block_on(stream.next()), Some(Err(PaginationError::BadStartingToken { .. }))));
    assert!(block_on(stream.next()).is_none());
}

#[test]
fn page_size_without_limit_key_fails_lazily() {
    let glue = JsonPaginator::from_config(&json!({"input_token": "NextToken", "output_token": "NextToken", "result_key": "Items"})).unwrap();
    let mut it = Paginator::new(glue, doc(json!({})), PaginationConfig::default().page_size(5))
        .pages(|_| -> Result<TokenValue, FakeError> { panic!("no request may be sent") });
    let err = it.next().unwrap().unwrap_err();
    assert!(matches!(err, PaginationError::PageSizeUnsupported));
    assert_eq!(err.to_string(), "PageSize parameter is not supported for the pagination interface for this operation.");
}

#[test]
fn async_stream_yields_pages_and_items() {
    let pages = synthetic_pages(3, 2);
    let canned = Canned::new(&pages);
    let c = canned.clone();
    let mut stream = Paginator::new(bedrock_glue(), doc(json!({"statusEquals": "Completed"})), PaginationConfig::default().max_items(5))
        .stream(move |r| {
            let result = c.call(r);
            async move {
                YieldOnce { value: Some(()), yielded: false }.await;
                result
            }
        });
    let got: Vec<Value> = block_on(async {
        let mut out = Vec::new();
        while let Some(p) = stream.next().await {
            out.push(to_tagged_json(&p.unwrap()));
        }
        out
    });
    assert_eq!(got.len(), 3);
    assert_eq!(got[2]["invocationJobSummaries"], json!([{"jobName": "i4"}]));
    assert_eq!(
        canned.requests.borrow().as_slice(),
        &[json!({"statusEquals": "Completed"}), json!({"statusEquals": "Completed", "nextToken": "t1"}), json!({"statusEquals": "Completed", "nextToken": "t2"})]
    );
    let token = stream.resume_token().expect("truncated");
    assert_eq!(decode(token), r#"{"nextToken": "t2", "boto_truncate_amount": 1}"#);

    let canned = Canned::new(&pages);
    let items: Vec<Value> = block_on(
        Paginator::new(bedrock_glue(), doc(json!({})), PaginationConfig::default())
            .item_stream(move |r| futures::future::ready(canned.call(r)))
            .map(|i| to_tagged_json(&i.unwrap()))
            .collect(),
    );
    assert_eq!(items, all_items(&pages));
}

fn decode(token: &str) -> String {
    String::from_utf8(base64::engine::general_purpose::STANDARD.decode(token).unwrap()).unwrap()
}

/// Runs to the first error (or the end); returns the items and the error.
fn items_until_error(glue: &JsonPaginator, pc: PaginationConfig, pages: &TokenValue) -> (Vec<Value>, Option<PaginationError<FakeError>>) {
    let canned = Canned::new(pages);
    let mut items = Vec::new();
    for item in Paginator::new(glue.clone(), doc(json!({})), pc).items(move |r| canned.call(r)) {
        match item {
            Ok(i) => items.push(to_tagged_json(&i)),
            Err(e) => return (items, Some(e)),
        }
    }
    (items, None)
}

#[test]
fn resuming_after_a_fetch_failure_loses_and_repeats_nothing() {
    let glue = bedrock_glue();
    let pages = synthetic_pages(4, 3);
    let want = all_items(&pages);
    for failing_call in 0..4 {
        // Fresh iteration, then resumed iterations that fail again later.
        let mut items = Vec::new();
        let mut config = PaginationConfig::default().page_size(3);
        let mut remaining = with_failure_at(&pages, failing_call);
        let mut rounds = 0;
        loop {
            let (got, err) = items_until_error(&glue, config.clone(), &remaining);
            items.extend(got.iter().cloned());
            let Some(err) = err else { break };
            let PaginationError::Fetch { resume_token, .. } = &err else { panic!("{err:?}") };
            // The pages after the failed call are what the service serves on resume.
            let consumed = list(&remaining).iter().position(|p| error_marker(p).is_some()).unwrap();
            let mut rest: Vec<TokenValue> = list(&remaining)[consumed + 1..].to_vec();
            if rounds == 0 && rest.len() > 1 {
                rest.insert(1, doc(json!({"$error": "again"}))); // fail once more after resuming
            }
            remaining = TokenValue::List(rest);
            config.starting_token = resume_token.clone();
            rounds += 1;
            assert!(rounds < 5);
        }
        assert_eq!(items, want, "failing call {failing_call}");
    }
}

#[test]
fn fetch_failure_on_a_truncated_resume_keeps_the_skip() {
    // Resume mid-page (skip 1), fail on the first call: the token is the
    // starting token itself, and resuming with it skips the same item.
    let glue = bedrock_glue();
    let pages = synthetic_pages(3, 2); // i0 i1 | i2 i3 | i4
    let (first, _) = items_until_error(&glue, PaginationConfig::default().max_items(3), &pages);
    assert_eq!(first.len(), 3);
    let canned = Canned::new(&pages);
    let mut it = Paginator::new(glue.clone(), doc(json!({})), PaginationConfig::default().max_items(3)).pages(move |r| canned.call(r));
    while it.next().is_some() {}
    let token = it.resume_token().unwrap().to_owned();
    let served = TokenValue::List(list(&pages)[1..].to_vec()); // the service resumes at t1
    let (got, err) = items_until_error(&glue, PaginationConfig::default().starting_token(token.clone()), &with_failure_at(&served, 0));
    assert!(got.is_empty());
    assert_eq!(err.unwrap().resume_token(), Some(token.as_str()));
    let (rest, err) = items_until_error(&glue, PaginationConfig::default().starting_token(token), &served);
    assert!(err.is_none());
    let mut all = first;
    all.extend(rest);
    assert_eq!(all, all_items(&pages));
}

#[test]
fn duplicate_token_error_comes_after_the_repeated_page() {
    let pages = doc(json!([
        {"invocationJobSummaries": [{"jobName": "a"}], "nextToken": "A"},
        {"invocationJobSummaries": [{"jobName": "b"}], "nextToken": "A"},
    ]));
    let canned = Canned::new(&pages);
    let mut it = Paginator::new(bedrock_glue(), doc(json!({})), PaginationConfig::default()).pages(move |r| canned.call(r));
    assert!(it.next().unwrap().is_ok());
    assert!(it.next().unwrap().is_ok());
    match it.next().unwrap() {
        Err(PaginationError::DuplicateToken { message, token }) => {
            assert_eq!(message, "The same next token was received twice: {'nextToken': 'A'}");
            assert_eq!(token, vec![("nextToken".to_owned(), TokenValue::from("A"))]);
        }
        other => panic!("{other:?}"),
    }
    assert!(it.next().is_none());
}

#[test]
fn token_encode_decode() {
    // The example of paginator-semantics.md.
    let t = vec![("NextToken".to_owned(), TokenValue::from("t1")), ("boto_truncate_amount".to_owned(), TokenValue::Int(1))];
    let enc = token::encode_token(&t);
    assert_eq!(enc, "eyJOZXh0VG9rZW4iOiAidDEiLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxfQ==");
    assert_eq!(token::decode_token(&enc).unwrap(), t);
    let names = vec!["NextToken".to_owned()];
    let st = token::parse_starting_token(&enc, &names).unwrap();
    assert_eq!(st.skip, 1);
    assert_eq!(st.tokens, vec![("NextToken".to_owned(), TokenValue::from("t1"))]);

    // Python spacing, escapes, nested values, key order kept.
    let t = vec![
        ("b".to_owned(), TokenValue::Map(vec![("z".into(), TokenValue::Int(1)), ("a".into(), TokenValue::List(vec![TokenValue::Null, TokenValue::Bool(true)]))])),
        ("a".to_owned(), TokenValue::from("é\"\\\n")),
    ];
    let enc = token::encode_token(&t);
    assert_eq!(decode(&enc), r#"{"b": {"z": 1, "a": [null, true]}, "a": "\u00e9\"\\\n"}"#);
    assert_eq!(token::decode_token(&enc).unwrap(), t);

    // Bytes round-trip through boto_encoded_keys.
    let t = vec![("K".to_owned(), TokenValue::List(vec![TokenValue::Bytes(vec![1, 2]), TokenValue::from("x")]))];
    let enc = token::encode_token(&t);
    assert_eq!(decode(&enc), r#"{"K": ["AQI=", "x"], "boto_encoded_keys": [["K", 0]]}"#);
    assert_eq!(token::decode_token(&enc).unwrap(), t);

    // Legacy and raw forms.
    let two = vec!["KeyMarker".to_owned(), "VersionIdMarker".to_owned()];
    let st = token::parse_starting_token("k___None___3", &two).unwrap();
    assert_eq!(st.skip, 3);
    assert_eq!(st.tokens, vec![("KeyMarker".into(), TokenValue::from("k")), ("VersionIdMarker".into(), TokenValue::Null)]);
    let st = token::parse_starting_token("opaque-service-token", &two).unwrap();
    assert_eq!(st.tokens[0].1, TokenValue::from("opaque-service-token"));
    assert_eq!(st.skip, 0);
}

#[test]
fn paginator_is_reusable_and_each_run_starts_from_the_request() {
    let pages = synthetic_pages(2, 1);
    let paginator = Paginator::new(bedrock_glue(), doc(json!({"nextToken": "caller"})), PaginationConfig::default());
    for _ in 0..2 {
        let canned = Canned::new(&pages);
        let c = canned.clone();
        let n = paginator.clone().pages(move |r| c.call(r)).count();
        assert_eq!(n, 2);
        assert_eq!(canned.requests.borrow()[0], json!({"nextToken": "caller"}));
    }
}

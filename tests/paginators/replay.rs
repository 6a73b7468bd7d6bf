// Included by tests/paginators.rs once per generated bedrock crate, as `svc`.

use std::cell::RefCell;

use svc::paginators::{self, PaginationConfig, PaginationError};
use svc::types::{ListModelInvocationJobsRequest, ListModelInvocationJobsResponse, ModelInvocationJobStatus};
use serde_json::{json, Map, Value};

#[derive(Debug)]
struct FakeError(String);

impl std::fmt::Display for FakeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The request members as botocore's kwargs (query members are not part of
/// the JSON body, so they are read field by field).
fn request_kwargs(req: &ListModelInvocationJobsRequest) -> Value {
    let mut m = Map::new();
    if let Some(v) = &req.status_equals {
        m.insert("statusEquals".into(), json!(v.as_str()));
    }
    if let Some(v) = &req.name_contains {
        m.insert("nameContains".into(), json!(v));
    }
    if let Some(v) = req.max_results {
        m.insert("maxResults".into(), json!(v));
    }
    if let Some(v) = &req.next_token {
        m.insert("nextToken".into(), json!(v));
    }
    Value::Object(m)
}

/// The typed request for a vector's params, or `None` when they name members
/// this test does not map.
fn request_from(params: &Value) -> Option<ListModelInvocationJobsRequest> {
    let mut req = ListModelInvocationJobsRequest::default();
    for (k, v) in params.as_object()? {
        match k.as_str() {
            "statusEquals" => req.status_equals = Some(ModelInvocationJobStatus::from(v.as_str()?)),
            "nameContains" => req.name_contains = Some(v.as_str()?.to_owned()),
            "maxResults" => req.max_results = Some(v.as_i64()? as i32),
            "nextToken" => req.next_token = Some(v.as_str()?.to_owned()),
            _ => return None,
        }
    }
    Some(req)
}

/// What a page says, reduced to what the vectors set: the token and the
/// items' names and ARNs (the typed summary adds zero values for the
/// required members the canned pages leave out).
fn reduce(page: &ListModelInvocationJobsResponse) -> Value {
    let mut m = Map::new();
    if let Some(jobs) = &page.invocation_job_summaries {
        let jobs: Vec<Value> = jobs.iter().map(|j| json!({"jobName": j.job_name, "jobArn": j.job_arn})).collect();
        m.insert("invocationJobSummaries".into(), Value::from(jobs));
    }
    if let Some(t) = &page.next_token {
        m.insert("nextToken".into(), json!(t));
    }
    Value::Object(m)
}

fn reduce_json(page: &Value) -> Value {
    let typed: ListModelInvocationJobsResponse = serde_json::from_value(page.clone()).unwrap();
    reduce(&typed)
}

fn config_of(pc: &Value) -> PaginationConfig {
    PaginationConfig {
        max_items: pc.get("MaxItems").and_then(Value::as_u64).map(|n| n as usize),
        page_size: pc.get("PageSize").and_then(Value::as_i64),
        starting_token: pc.get("StartingToken").and_then(Value::as_str).map(str::to_owned),
    }
}

struct Replay {
    requests: Vec<Value>,
    pages: Vec<Value>,
    resume_token: Option<String>,
    error: Option<PaginationError<FakeError>>,
}

fn replay(v: &Value, input: ListModelInvocationJobsRequest) -> Replay {
    let pages = v["pages"].as_array().unwrap().clone();
    let requests = RefCell::new(Vec::new());
    let mut it = paginators::list_model_invocation_jobs(input, config_of(&v["pagination_config"])).pages(
        |req: ListModelInvocationJobsRequest| {
            let mut requests = requests.borrow_mut();
            requests.push(request_kwargs(&req));
            let page = &pages[requests.len() - 1];
            match page.get("$error") {
                Some(e) => Err(FakeError(e.as_str().unwrap_or_default().to_owned())),
                None => Ok(serde_json::from_value::<ListModelInvocationJobsResponse>(page.clone()).unwrap()),
            }
        },
    );
    let mut got = Vec::new();
    let mut error = None;
    for page in it.by_ref() {
        match page {
            Ok(p) => got.push(reduce(&p)),
            Err(e) => {
                error = Some(e);
                break;
            }
        }
    }
    let resume_token = it.resume_token().map(str::to_owned);
    drop(it);
    Replay { requests: requests.into_inner(), pages: got, resume_token, error }
}

#[test]
fn generated_glue_matches_botocore_on_every_bedrock_vector() {
    let dir = tests::repo_root().join("tests/vectors/paginators");
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}; run `cargo xtask paginator-vectors`", dir.display()));
    let mut replayed = Vec::new();
    let mut skipped = Vec::new();
    for entry in entries {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with("bedrock-") || !name.ends_with(".json") {
            continue;
        }
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        if v["operation"] != "ListModelInvocationJobs" {
            continue;
        }
        let expected = &v["expected"];
        let Some(input) = request_from(&v["params"]) else {
            skipped.push(name);
            continue;
        };
        // Requests the typed input cannot express (a starting token naming
        // foreign members) are checked by `runtime/tests` with the JSON glue.
        if expected["requests"].as_array().unwrap().iter().any(|r| request_from(r).is_none()) {
            skipped.push(name);
            continue;
        }
        // Pages with tokens of other JSON types (`{}`, `[]`, `false`) do not fit
        // the typed response; the JSON glue in `runtime/tests` replays them.
        let typed_pages = v["pages"].as_array().unwrap().iter().filter(|p| p.get("$error").is_none());
        if typed_pages.clone().any(|p| serde_json::from_value::<ListModelInvocationJobsResponse>(p.clone()).is_err()) {
            skipped.push(name);
            continue;
        }
        let run = replay(&v, input);
        assert_eq!(Value::from(run.requests), expected["requests"], "{name}: requests");
        let want_pages: Vec<Value> = expected["pages"].as_array().unwrap().iter().map(reduce_json).collect();
        assert_eq!(run.pages, want_pages, "{name}: pages");
        assert_eq!(run.resume_token.as_deref(), expected["resume_token"].as_str(), "{name}: resume token");
        match (&run.error, expected["error"].is_null()) {
            (None, true) => {}
            (Some(e), false) => {
                let msg = expected["error"]["message"].as_str().unwrap_or_default();
                let ours = e.to_string();
                assert!(
                    ours.contains(msg) || msg.is_empty() || matches!(e, PaginationError::Fetch { .. }),
                    "{name}: error `{ours}`, botocore `{msg}`"
                );
                if let Some(rae) = v.get("resume_after_error") {
                    assert_eq!(e.resume_token(), rae["resume_token"].as_str(), "{name}: resume token of the fetch error");
                }
            }
            (e, _) => panic!("{name}: error {e:?}, botocore {}", expected["error"]),
        }
        // build_full_result on a fresh paginator.
        if let Some(full) = expected.get("full_result").filter(|f| !f.is_null()) {
            let pages = v["pages"].as_array().unwrap().clone();
            let mut n = 0;
            let result = paginators::list_model_invocation_jobs(request_from(&v["params"]).unwrap(), config_of(&v["pagination_config"]))
                .pages(|_req| {
                    n += 1;
                    Ok::<_, FakeError>(serde_json::from_value::<ListModelInvocationJobsResponse>(pages[n - 1].clone()).unwrap())
                })
                .build_full_result()
                .unwrap_or_else(|e| panic!("{name}: full result failed: {e}"));
            let mut want = full.clone();
            let want_token = want.as_object_mut().unwrap().remove("NextToken");
            assert_eq!(reduce(&result.output), reduce_json(&want), "{name}: full result");
            assert_eq!(result.resume_token.as_deref(), want_token.as_ref().and_then(Value::as_str), "{name}: full result token");
        }
        replayed.push(name);
    }
    assert!(replayed.len() >= 20, "only {} bedrock vectors replayed (skipped: {skipped:?})", replayed.len());
}

/// The same run, async: `futures::Stream` of pages and of items.
#[test]
fn async_streams_over_generated_glue() {
    use futures::StreamExt;
    let page = |names: &[&str], next: Option<&str>| -> ListModelInvocationJobsResponse {
        serde_json::from_value(json!({
            "invocationJobSummaries": names.iter().map(|n| json!({"jobName": n})).collect::<Vec<_>>(),
            "nextToken": next,
        }))
        .unwrap()
    };
    let fetch = |req: ListModelInvocationJobsRequest| {
        let p = match req.next_token.as_deref() {
            None => page(&["a", "b"], Some("t1")),
            Some("t1") => page(&["c", "d"], Some("t2")),
            _ => page(&["e"], None),
        };
        async move { Ok::<_, FakeError>(p) }
    };
    let names: Vec<String> = futures::executor::block_on(
        paginators::list_model_invocation_jobs(Default::default(), PaginationConfig::default().max_items(3))
            .item_stream(fetch)
            .map(|item| item.unwrap().job_name)
            .collect(),
    );
    assert_eq!(names, ["a", "b", "c"]);
    let mut stream = paginators::list_model_invocation_jobs(Default::default(), PaginationConfig::default().max_items(3)).stream(fetch);
    let pages = futures::executor::block_on(async {
        let mut n = 0;
        while let Some(p) = stream.next().await {
            p.unwrap();
            n += 1;
        }
        n
    });
    assert_eq!(pages, 2);
    // {"nextToken": "t1", "boto_truncate_amount": 1}
    assert_eq!(stream.resume_token(), Some("eyJuZXh0VG9rZW4iOiAidDEiLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxfQ=="));
}

/// DynamoDB-style map tokens (with a binary attribute) through *typed* glue:
/// the kitchen-sink `QueryItems` has DynamoDB's paginator configuration and
/// shapes, so botocore's `dynamodb-*` vectors replay through it with
/// byte-identical resume tokens (map order kept, bytes under
/// `boto_encoded_keys`).
#[test]
fn typed_map_tokens_match_botocore_on_dynamodb_vectors() {
    use awsgen_runtime::paginator::json::to_tagged_json;
    use awsgen_runtime::paginator::TokenValue;
    use kitchen_sink::paginators as ks;
    use kitchen_sink::types::{QueryItemsRequest, QueryItemsResponse};

    /// The response body for a page of the vector: botocore's parsed form
    /// marks bytes `{"$bytes": …}`, and on the wire a blob is a base64
    /// string. Works on `TokenValue`, which keeps the file's key order
    /// (`serde_json::Value` here would sort it).
    fn wire(value: &TokenValue) -> TokenValue {
        match value {
            TokenValue::Map(m) if m.len() == 1 && m[0].0 == "$bytes" => m[0].1.clone(),
            TokenValue::Map(m) => TokenValue::Map(m.iter().map(|(k, v)| (k.clone(), wire(v))).collect()),
            TokenValue::List(a) => TokenValue::List(a.iter().map(wire).collect()),
            other => other.clone(),
        }
    }
    fn response(page: &TokenValue) -> QueryItemsResponse {
        serde_json::from_str(&wire(page).py_json_dumps()).unwrap()
    }
    fn field<'a>(v: &'a TokenValue, key: &str) -> &'a TokenValue {
        match v {
            TokenValue::Map(m) => &m.iter().find(|(k, _)| k == key).unwrap().1,
            _ => panic!("not a map"),
        }
    }
    fn list(v: &TokenValue) -> &[TokenValue] {
        match v {
            TokenValue::List(l) => l,
            _ => panic!("not a list"),
        }
    }
    fn names(page: &QueryItemsResponse) -> Vec<String> {
        let items = page.items.clone().unwrap_or_default();
        items.iter().map(|item| format!("{:?}", item.get("pk"))).collect()
    }

    let dir = tests::repo_root().join("tests/vectors/paginators");
    let mut replayed = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with("dynamodb-") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let v: Value = serde_json::from_str(&text).unwrap();
        let ordered: TokenValue = serde_json::from_str(&text).unwrap();
        let expected = &v["expected"];
        let mut input = QueryItemsRequest::new(v["params"]["TableName"].as_str().unwrap().to_owned());
        input.key_condition_expression = v["params"]["KeyConditionExpression"].as_str().map(str::to_owned);
        let pages = list(field(&ordered, "pages")).to_vec();
        let requests = RefCell::new(Vec::new());
        let mut it = ks::query_items(input, config_of(&v["pagination_config"])).pages(|req: QueryItemsRequest| {
            let mut requests = requests.borrow_mut();
            // The request's token as botocore's kwargs show it (bytes tagged).
            let key = req.exclusive_start_key.as_ref().map(|k| to_tagged_json(&TokenValue::from_serialize(k).unwrap()));
            requests.push(key);
            let page = &pages[requests.len() - 1];
            match page {
                TokenValue::Map(m) if m.iter().any(|(k, _)| k == "$error") => Err(FakeError("simulated".into())),
                _ => Ok(response(page)),
            }
        });
        let mut got = Vec::new();
        let mut error = None;
        for page in it.by_ref() {
            match page {
                Ok(p) => got.push(names(&p)),
                Err(e) => {
                    error = Some(e);
                    break;
                }
            }
        }
        assert_eq!(it.resume_token(), expected["resume_token"].as_str(), "{name}: resume token");
        drop(it);
        let want_keys: Vec<Option<Value>> =
            expected["requests"].as_array().unwrap().iter().map(|r| r.get("ExclusiveStartKey").cloned()).collect();
        assert_eq!(requests.into_inner(), want_keys, "{name}: ExclusiveStartKey of each request");
        let want_pages: Vec<Vec<String>> =
            list(field(field(&ordered, "expected"), "pages")).iter().map(|p| names(&response(p))).collect();
        assert_eq!(got, want_pages, "{name}: pages");
        match (&error, expected["error"]["message"].as_str()) {
            (None, None) => {}
            (Some(PaginationError::Fetch { resume_token, .. }), _) => {
                assert_eq!(resume_token.as_deref(), v["resume_after_error"]["resume_token"].as_str(), "{name}");
            }
            (Some(e), Some(msg)) => assert_eq!(e.to_string(), msg, "{name}: error"),
            (e, msg) => panic!("{name}: error {e:?}, botocore {msg:?}"),
        }
        replayed += 1;
    }
    assert!(replayed >= 8, "only {replayed} dynamodb vectors replayed");
}

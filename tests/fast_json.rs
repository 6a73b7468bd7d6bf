//! The fast JSON path of generated types (`awsgen_runtime::json`) against
//! serde_json, which is its specification.
//!
//! `json::from_slice::<T>` must accept exactly what
//! `serde_json::from_slice::<T>` accepts, with the same value; for JSON
//! that is not well formed, it returns serde_json's very error (message,
//! line and column), and for JSON of the wrong shape, its own, with a line,
//! column and member path (`tests::harness::compare_with_serde_json`). The
//! fast path alone
//! (`json::read`) must also *take* ordinary responses, or the speed-up would
//! silently be lost. Inputs: botocore's request vectors (every member set),
//! kitchen-sink documents (every shape kind: timestamps in every form,
//! blobs, maps with enum keys, sparse lists, documents, recursive unions), a
//! bedrock `ListModelInvocationJobs` page, documents built from the model
//! for every one of the generated crate's types (`build.rs` lists them),
//! hand-picked edge cases, and thousands of mutants of all of them.

use std::fmt::Debug;

use awsgen_runtime::json::{self, Declined, FromJson};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

/// `json::from_slice` and serde_json agree: same value, or both an error
/// (the same one when it is about syntax).
fn same<T: FromJson + DeserializeOwned + Serialize + PartialEq + Debug>(bytes: &[u8]) -> Result<(), String> {
    tests::harness::compare_with_serde_json::<T>(bytes)
}

/// The same value: `==`, or (for NaN, which is not equal to itself) the
/// same serialized JSON, which holds every body member exactly.
fn equal<T: Serialize + PartialEq>(a: &T, b: &T) -> bool {
    a == b || matches!((serde_json::to_string(a), serde_json::to_string(b)), (Ok(x), Ok(y)) if x == y)
}

/// The fast path takes `text` (no fallback) and gives serde_json's value.
fn fast<T: FromJson + DeserializeOwned + Serialize + PartialEq + Debug>(text: &str) -> T {
    let theirs = serde_json::from_str::<T>(text).unwrap_or_else(|e| panic!("serde_json: {e}\n{text}"));
    let ours = json::read::<T>(text).unwrap_or_else(|Declined| panic!("the fast path declined:\n{text}"));
    assert!(equal(&ours, &theirs), "{text}\n  ours:       {ours:?}\n  serde_json: {theirs:?}");
    ours
}

/// Small deterministic PRNG (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Values a mutant puts in place of one node of the document.
const REPLACEMENTS: &[&str] = &[
    "null", "0", "-0", "-1", "1.5", "1e3", "12345678901234567890", "true", "\"\"", "\"x\"",
    "\"a\\\"b\"", "\"\\u00e9\"", "[]", "{}", "[null]", "{\"x\":null}", "\"2024-05-01T12:00:00Z\"",
    "1714564800", "1714564800.25", "\"Wed, 01 May 2024 12:00:00 GMT\"", "\"aGVsbG8=\"", "\"not base64!\"",
    "{\"S\":\"s\"}", "{\"S\":\"s\",\"N\":\"1\"}", "{\"__type\":\"x\"}",
];

/// Text a mutant inserts at a random position.
const INSERTIONS: &[&str] = &[
    "\"", "\\", ",", "}", "]", "[", "{", ":", " ", "\n", "x", "null", "0", "-", ".", "e", "\u{1}",
    "\\u0041", "\\ud83d\\ude00", "\\ud800", "\\n", "\\/", "\"a\":1,", "\"__type\":\"t\",",
];

/// Every path (object keys and array indexes) to a node of `value`.
fn paths(value: &Value, at: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    out.push(at.clone());
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                at.push(Value::String(k.clone()));
                paths(v, at, out);
                at.pop();
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                at.push(Value::from(i));
                paths(v, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn node_mut<'v>(value: &'v mut Value, path: &[Value]) -> &'v mut Value {
    path.iter().fold(value, |v, step| match step {
        Value::String(k) => &mut v[k.as_str()],
        Value::Number(i) => &mut v[i.as_u64().unwrap() as usize],
        _ => unreachable!(),
    })
}

/// Mutants of `text`: a node replaced (value level), a member repeated,
/// bytes inserted or deleted (text level).
fn mutants(text: &str, count: usize, seed: u64) -> Vec<String> {
    let doc: Value = serde_json::from_str(text).unwrap();
    let mut all = Vec::new();
    paths(&doc, &mut Vec::new(), &mut all);
    let mut rng = Rng(seed | 1);
    let mut out = Vec::with_capacity(count);
    while out.len() < count {
        let mutant = match rng.below(4) {
            0 => {
                let mut doc = doc.clone();
                let path = &all[rng.below(all.len())];
                *node_mut(&mut doc, path) = serde_json::from_str(REPLACEMENTS[rng.below(REPLACEMENTS.len())])
                    .unwrap_or(Value::Null);
                let mut s = serde_json::to_string(&doc).unwrap();
                // `-0` and huge integers do not survive a `Value`: splice them in as text.
                if rng.below(3) == 0 {
                    s = s.replacen(":0", ":-0", 1).replacen(":1714564800", ":12345678901234567890", 1);
                }
                s
            }
            1 => {
                // Repeat the first member of an object: `{"a":1,...}` -> `{"a":1,"a":1,...}`.
                let starts: Vec<usize> = text.match_indices("{\"").map(|(i, _)| i).collect();
                let Some(&start) = starts.get(rng.below(starts.len().max(1))) else { continue };
                let Ok(member) = first_member(&text[start + 1..]) else { continue };
                format!("{}{member},{}", &text[..start + 1], &text[start + 1..])
            }
            2 => {
                let at = char_boundary(text, rng.below(text.len() + 1));
                format!("{}{}{}", &text[..at], INSERTIONS[rng.below(INSERTIONS.len())], &text[at..])
            }
            _ => {
                let at = char_boundary(text, rng.below(text.len()));
                let end = char_boundary(text, (at + 1 + rng.below(3)).min(text.len()));
                format!("{}{}", &text[..at], &text[end..])
            }
        };
        out.push(mutant);
    }
    out
}

fn char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The text of the first `"key":value` member of the object body `rest`.
fn first_member(rest: &str) -> Result<&str, ()> {
    let mut values = serde_json::Deserializer::from_str(rest).into_iter::<String>();
    values.next().ok_or(())?.map_err(|_| ())?;
    let after_key = values.byte_offset();
    let colon = rest[after_key..].find(':').ok_or(())? + after_key + 1;
    let mut value = serde_json::Deserializer::from_str(&rest[colon..]).into_iter::<serde::de::IgnoredAny>();
    value.next().ok_or(())?.map_err(|_| ())?;
    Ok(&rest[..colon + value.byte_offset()])
}

/// Checks `count` mutants of `text` and returns how many the fast path took
/// on its own.
fn mutate<T: FromJson + DeserializeOwned + Serialize + PartialEq + Debug>(text: &str, count: usize, seed: u64) -> usize {
    let mut failures = Vec::new();
    let mut taken = 0;
    for mutant in mutants(text, count, seed) {
        if let Err(e) = same::<T>(mutant.as_bytes()) {
            failures.push(e);
        }
        taken += usize::from(json::read::<T>(&mutant).is_ok());
    }
    assert!(failures.is_empty(), "{} of {count} mutants differ:\n{}", failures.len(), failures.join("\n"));
    taken
}

#[test]
fn botocore_request_vectors_take_the_fast_path_and_so_do_their_mutants() {
    let cases = tests::serde_vectors();

    fn check<T: FromJson + DeserializeOwned + Serialize + PartialEq + Debug>(body: &str, seed: u64) -> (usize, usize) {
        fast::<T>(body);
        // Pretty-printed: whitespace everywhere JSON allows it.
        let pretty = serde_json::to_string_pretty(&serde_json::from_str::<Value>(body).unwrap()).unwrap();
        fast::<T>(&pretty);
        (mutate::<T>(body, 150, seed), 150)
    }
    let (mut taken, mut total) = (0, 0);
    for (i, case) in cases.iter().enumerate() {
        let body = case["body"].as_str().unwrap();
        use bedrock::types::*;
        let seed = i as u64 + 1;
        let (t, n) = match case["operation"].as_str().unwrap() {
            "CreateModelInvocationJob" => check::<CreateModelInvocationJobRequest>(body, seed),
            "CreateEvaluationJob" => check::<CreateEvaluationJobRequest>(body, seed),
            "CreateInferenceProfile" => check::<CreateInferenceProfileRequest>(body, seed),
            "CreateModelCustomizationJob" => check::<CreateModelCustomizationJobRequest>(body, seed),
            "CreateAdvancedPromptOptimizationJob" => check::<CreateAdvancedPromptOptimizationJobRequest>(body, seed),
            "PutUseCaseForModelAccess" => check::<PutUseCaseForModelAccessRequest>(body, seed),
            "StartAutomatedReasoningPolicyBuildWorkflow" => check::<AutomatedReasoningPolicyBuildWorkflowSource>(body, seed),
            "UpdateAutomatedReasoningPolicyTestCase" => check::<UpdateAutomatedReasoningPolicyTestCaseRequest>(body, seed),
            other => panic!("no type mapped for operation {other}"),
        };
        taken += t;
        total += n;
    }
    // Mutants keep most of the document intact; many stay valid.
    assert!(taken * 10 > total, "the fast path took only {taken} of {total} mutants");
}

/// A page as the service sends it: every member of every summary set.
fn bedrock_page() -> String {
    let summary = |i: usize| {
        json!({
            "jobArn": format!("arn:aws:bedrock:us-east-1:123456789012:model-invocation-job/job{i}"),
            "jobName": format!("nightly-{i}"),
            "modelId": "anthropic.claude-3-haiku-20240307-v1:0",
            "clientRequestToken": "4f1c7a8e-0c1d-4b7e-a7c1-1c2d3e4f5a6b",
            "roleArn": "arn:aws:iam::123456789012:role/BedrockBatch",
            "status": (["Completed", "InProgress", "SomethingNew"][i % 3]),
            "message": "12 of 12 records processed \"ok\" \u{e9}\\ done",
            "submitTime": "2025-01-06T08:00:00.123Z",
            "lastModifiedTime": "2025-01-06T09:00:00Z",
            "endTime": "2025-01-06T10:00:00.5+01:00",
            "inputDataConfig": {"s3InputDataConfig": {"s3InputFormat": "JSONL", "s3Uri": "s3://in/a.jsonl", "s3BucketOwner": "123456789012"}},
            "outputDataConfig": {"s3OutputDataConfig": {"s3Uri": "s3://out/", "s3EncryptionKeyId": "key", "s3BucketOwner": null}},
            "vpcConfig": {"subnetIds": ["subnet-1", "subnet-2"], "securityGroupIds": ["sg-1"]},
            "timeoutDurationInHours": 24,
            "jobExpirationTime": 1736236800,
            "modelInvocationType": "Converse",
            "totalRecordCount": 12,
            "processedRecordCount": 12,
            "successRecordCount": 11,
            "errorRecordCount": -1,
            "someFutureMember": {"nested": [1, 2.5, {"x": null}]}
        })
    };
    let page = json!({"invocationJobSummaries": (0..6).map(summary).collect::<Vec<_>>(), "nextToken": "tok/en+=="});
    serde_json::to_string(&page).unwrap()
}

#[test]
fn a_bedrock_page_takes_the_fast_path() {
    use bedrock::types::ListModelInvocationJobsResponse;
    let page = bedrock_page();
    let read = fast::<ListModelInvocationJobsResponse>(&page);
    assert_eq!(read.invocation_job_summaries.as_ref().map(Vec::len), Some(6));
    let pretty = serde_json::to_string_pretty(&serde_json::from_str::<Value>(&page).unwrap()).unwrap();
    fast::<ListModelInvocationJobsResponse>(&pretty);
    mutate::<ListModelInvocationJobsResponse>(&page, 1500, 7);
}

fn kitchen_sink_documents() -> Vec<(&'static str, String)> {
    let things = json!({
        "nextToken": "t",
        "things": [
            {
                "document": {"a": [1, "x", null, {"b": true}], "c": 1.5},
                "blob": "aGVsbG8=",
                "blobs": ["", "AA==", "/w=="],
                "tags": {"b": "1", "a": "2", "b ": "3"},
                "counts": {"Completed": 1, "Brand-New": 2, "Failed": -3},
                "names": ["x", "y\u{1F600}"],
                "ratio": 0.25,
                "weight": 3,
                "size": 9007199254740993i64,
                "RenamedOnTheWire": "r",
                "legacy": null,
                "instanceType": "ml.m5.large"
            },
            {}
        ]
    });
    let timestamps = json!({
        "default": 1714564800,
        "iso": "2024-05-01T12:00:00.123456Z",
        "epoch": 1714564800.5,
        "http": "Wed, 01 May 2024 12:00:00 GMT",
        "overridden": "2024-05-01 12:00:00",
        "list": [0, 1714564800, "2024-05-01T12:00:00+02:00"],
        "map": {"a": "2024-05-01T12:00:00Z", "b": 1.25}
    });
    let tree = json!({
        "name": "root",
        "children": [
            {"name": "a", "expression": {"not": {"and": [{"literal": "x"}, {"at": 1714564800}, {"raw": "AQID"}]}}},
            {"name": null, "expression": {"node": {"name": "inner", "parent": {"name": "p"}}}},
            {"name": "e", "expression": {"empty": {}, "literal": null, "__type": "Expression"}},
            {"name": "u", "expression": {"fromTheFuture": {"x": [1]}}}
        ]
    });
    let query = json!({
        "Items": [{"pk": {"S": "a"}, "n": {"N": "1"}, "b": {"B": "AAEC"}}, {}],
        "Count": 2,
        "ScannedCount": 10,
        "LastEvaluatedKey": {"pk": {"S": "a"}},
        "ConsumedCapacity": {"TableName": "t", "CapacityUnits": 0.5}
    });
    let keywords = json!({
        "type": "t", "self": "a", "Self": "b", "match": 1, "async": true, "fooBar": "x", "FooBar": "y",
        "3dModel": "m", "option": {"value": "o"}, "result": {"ok": false}
    });
    let put = json!({"payloads": {"names": []}, "expression": {"secret": "s"}, "clientToken": "c", "thingId": "ignored: bound to the URI"});
    [
        ("ListThingsResponse", things),
        ("Timestamps", timestamps),
        ("TreeNode", tree),
        ("QueryItemsResponse", query),
        ("Keywords", keywords),
        ("PutThingRequest", put),
    ]
    .into_iter()
    .map(|(ty, v)| (ty, serde_json::to_string(&v).unwrap()))
    .collect()
}

#[test]
fn kitchen_sink_documents_take_the_fast_path_and_so_do_their_mutants() {
    use kitchen_sink::types::*;
    fn check<T: FromJson + DeserializeOwned + Serialize + PartialEq + Debug>(doc: &str, seed: u64) -> usize {
        fast::<T>(doc);
        mutate::<T>(doc, 800, seed)
    }
    let mut taken = 0;
    for (i, (ty, doc)) in kitchen_sink_documents().iter().enumerate() {
        let seed = 100 + i as u64;
        taken += match *ty {
            "ListThingsResponse" => check::<ListThingsResponse>(doc, seed),
            "Timestamps" => check::<Timestamps>(doc, seed),
            "TreeNode" => check::<TreeNode>(doc, seed),
            "QueryItemsResponse" => check::<QueryItemsResponse>(doc, seed),
            "Keywords" => check::<Keywords>(doc, seed),
            "PutThingRequest" => check::<PutThingRequest>(doc, seed),
            other => unreachable!("{other}"),
        };
    }
    assert!(taken > 600, "the fast path took only {taken} mutants");
}

#[test]
fn edge_cases_agree_with_serde_json() {
    use kitchen_sink::types::*;
    let cases: &[(&str, &str)] = &[
        // Duplicate members: serde's derived structs reject them; maps keep the last value.
        ("Keywords", r#"{"type":"a","type":"b"}"#),
        ("Keywords", r#"{"match":1,"match":null}"#),
        ("ListThingsResponse", r#"{"things":[{"tags":{"a":"1","b":"2","a":"3"}}]}"#),
        ("TreeNode", r#"{"name":"n","expression":{"literal":"a","literal":"b"}}"#),
        // null: default for required members, None for optional ones.
        ("TreeNode", r#"{"name":null,"children":null}"#),
        ("Keywords", r#"{"type":null,"self":null}"#),
        ("ListThingsResponse", r#"{"things":[null]}"#),
        ("ListThingsResponse", r#"{"things":[{"names":[null]}]}"#),
        // Numbers in every form.
        ("Keywords", r#"{"match":-0}"#),
        ("Keywords", r#"{"match":1.0}"#),
        ("Keywords", r#"{"match":2147483648}"#),
        ("Keywords", r#"{"match":-2147483648}"#),
        ("Keywords", r#"{"match":01}"#),
        ("Keywords", r#"{"match":1e2}"#),
        ("ListThingsResponse", r#"{"things":[{"size":-9223372036854775808,"ratio":-0,"weight":1e39}]}"#),
        ("ListThingsResponse", r#"{"things":[{"size":123456789012345678901,"ratio":1e400}]}"#),
        ("ListThingsResponse", r#"{"things":[{"ratio":"NaN"}]}"#),
        // Strings: escapes in names and values, control characters.
        ("Keywords", r#"{"\u0074ype":"\u00e9\n\"\\\/","self":"\ud83d\ude00"}"#),
        ("Keywords", "{\"type\":\"tab\there\"}"),
        ("Keywords", r#"{"type":"\ud800"}"#),
        ("Keywords", r#"{"type":"\x"}"#),
        // Timestamps and blobs.
        ("Timestamps", r#"{"iso":"2024-13-01T00:00:00Z"}"#),
        ("Timestamps", r#"{"iso":"2024-05-01T12:00:60Z"}"#),
        ("Timestamps", r#"{"iso":-1.5,"epoch":-62135596801,"default":1e20}"#),
        ("Timestamps", r#"{"iso":"2024-05-01T12:00:00\u005a"}"#),
        ("ListThingsResponse", r#"{"things":[{"blob":"aGVsbG8"}]}"#),
        ("ListThingsResponse", r#"{"things":[{"blob":"aGVs\nbG8="}]}"#),
        // Unions: no member, two members, null members, `__type`, unknown members.
        ("TreeNode", r#"{"expression":{}}"#),
        ("TreeNode", r#"{"expression":{"literal":null}}"#),
        ("TreeNode", r#"{"expression":{"literal":"a","secret":"b"}}"#),
        ("TreeNode", r#"{"expression":{"__type":"X","literal":"a"}}"#),
        ("TreeNode", r#"{"expression":{"novel":{"deep":[[[]]]},"literal":null}}"#),
        ("TreeNode", r#"{"expression":{"novel":null}}"#),
        ("TreeNode", r#"{"expression":[]}"#),
        // Structures as arrays (serde's sequence form), wrong types.
        ("Keywords", r#"["t"]"#),
        ("Keywords", r#"{"type":1}"#),
        ("Keywords", r#"{"async":"true"}"#),
        ("Keywords", r#"{"option":[]}"#),
        // Unknown members of any shape and depth are skipped.
        ("Keywords", r#"{"unknown":{"a":[1,{"b":[true,false,null,"\u0000"]}]},"type":"t"}"#),
        ("Keywords", r#"{"unknown":[1,2,}"#),
        // Syntax: trailing commas and characters, whitespace, BOM, empty input.
        ("Keywords", r#"{"type":"t",}"#),
        ("Keywords", r#"{"type":"t"} x"#),
        ("Keywords", " \n\t\r{ \"type\" : \"t\" , \"match\" : 3 }\n "),
        ("Keywords", "\u{feff}{}"),
        ("Keywords", ""),
        ("Keywords", "null"),
        ("Keywords", r#"{"type":"t""#),
        ("Keywords", r#"{"type""t"}"#),
        ("Keywords", r#"{type:"t"}"#),
    ];
    for (ty, text) in cases {
        let result = match *ty {
            "Keywords" => same::<Keywords>(text.as_bytes()),
            "ListThingsResponse" => same::<ListThingsResponse>(text.as_bytes()),
            "TreeNode" => same::<TreeNode>(text.as_bytes()),
            "Timestamps" => same::<Timestamps>(text.as_bytes()),
            other => unreachable!("{other}"),
        };
        result.unwrap();
    }
    // Bytes that are not UTF-8: in a member, a name, an unknown member, outside strings.
    for bytes in [
        &b"{\"type\":\"\xff\"}"[..],
        b"{\"type\":\"ok \xc3\xa9\"}",
        b"{\"typ\xc3\xa9\":\"t\"}",
        b"{\"typ\xff\":\"t\"}",
        b"{\"unknown\":\"\xff\",\"type\":\"t\"}",
        b"{\"unknown\":[\"\xed\xa0\x80\"],\"type\":\"t\"}",
        b"{\"type\":\"t\"\xff}",
        b"\xff",
    ] {
        same::<Keywords>(bytes).unwrap();
    }
}

#[test]
fn nesting_limit_is_serde_json_s() {
    use kitchen_sink::types::*;
    // A document member at every depth around serde_json's limit of 128.
    for depth in 120..=130 {
        let doc = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        same::<ListThingsResponse>(format!(r#"{{"things":[{{"document":{doc}}}]}}"#).as_bytes()).unwrap();
        let nested = (0..depth).fold("{\"name\":\"leaf\"}".to_owned(), |inner, _| format!("{{\"parent\":{inner}}}"));
        same::<TreeNode>(nested.as_bytes()).unwrap();
    }
}

include!(concat!(env!("OUT_DIR"), "/bedrock_types.rs"));

/// Documents for a shape of the bedrock model with every body member set
/// (cycles cut), in two variants: plain values, and the other forms
/// (escapes, non-ASCII, other timestamp forms, the next union member, unknown
/// enum values and members).
struct Documents<'m> {
    model: &'m codegen::ir::Model,
    /// Shapes being built (to cut cycles).
    stack: Vec<String>,
    variant: usize,
}

impl Documents<'_> {
    fn value(&mut self, target: &str, format: Option<codegen::ir::TimestampFormat>) -> Option<Value> {
        use codegen::ir::{ShapeKind as K, TimestampFormat as F};
        let other = self.variant == 1;
        let shape = &self.model.shapes[target];
        Some(match &shape.kind {
            K::Boolean => json!(!other),
            K::Byte | K::Short | K::Integer => json!(if other { -7 } else { 7 }),
            K::Long | K::BigInteger => json!(if other { -1_234_567_890_123i64 } else { 1_234_567_890_123i64 }),
            K::Float | K::Double | K::BigDecimal => json!(if other { -0.25 } else { 1.5 }),
            K::String => json!(if other { "é \"quoted\" \\ \u{1F600}" } else { "plain-value" }),
            K::Enum(values) => json!(if other { "NotAValueYet" } else { values[0].value.as_str() }),
            K::IntEnum(values) => json!(values[0].value),
            K::Timestamp { format: shape_format } => match (format.or(*shape_format), other) {
                (Some(F::DateTime), false) => json!("2024-05-01T12:00:00.123Z"),
                (Some(F::HttpDate), false) => json!("Wed, 01 May 2024 12:00:00 GMT"),
                (_, false) => json!(1714564800),
                (_, true) => json!(1714564800.5),
            },
            K::Blob { .. } => json!(if other { "" } else { "aGVsbG8=" }),
            K::Document => json!({"a": [1, "x", null, {"b": true}]}),
            K::List { member } => {
                let item = self.value(&member.target, member.timestamp_format)?;
                if member.sparse && other {
                    json!([item, null])
                } else {
                    json!([item.clone(), item])
                }
            }
            K::Map { key, value } => {
                let v = self.value(value, None)?;
                let keys = match &self.model.shapes[key].kind {
                    K::Enum(values) if !other => vec![values[0].value.clone()],
                    _ => vec!["k1".to_owned(), "k é".to_owned()],
                };
                Value::Object(keys.into_iter().map(|k| (k, v.clone())).collect())
            }
            K::Structure { members } | K::Union { members } => {
                if self.stack.iter().any(|s| s == target) || self.stack.len() > 12 {
                    return None; // a cycle (or deep enough): leave the member out
                }
                self.stack.push(target.to_owned());
                let body = members.iter().filter(|m| m.location == codegen::ir::Location::Body && !m.payload);
                let mut object = serde_json::Map::new();
                for member in body {
                    if let Some(v) = self.value(&member.target, member.timestamp_format) {
                        object.insert(member.wire_name().to_owned(), v);
                    }
                }
                self.stack.pop();
                if matches!(shape.kind, K::Union { .. }) {
                    // One member: the first, or the second in the other variant;
                    // a member the model does not know when none can be built.
                    let pick = object.iter().nth(if other && object.len() > 1 { 1 } else { 0 });
                    let (name, value) = pick.map(|(k, v)| (k.clone(), v.clone())).unwrap_or(("fromTheFuture".into(), json!(1)));
                    json!({ name: value })
                } else {
                    Value::Object(object)
                }
            }
        })
    }
}

fn fast_and_mutants<T: FromJson + DeserializeOwned + Serialize + PartialEq + Debug>(text: &str, seed: u64) {
    fast::<T>(text);
    mutate::<T>(text, 12, seed);
}

/// Every structure, union and enum of the generated bedrock crate, from a
/// document with every body member set (two variants each), plus mutants.
#[test]
fn every_bedrock_type_takes_the_fast_path() {
    use codegen::ir::ShapeKind as K;
    let model = codegen::load_model(&tests::repo_root().join("models/bedrock")).expect("the bedrock model loads");
    let generated = model
        .shapes
        .iter()
        .filter(|(_, s)| matches!(s.kind, K::Structure { .. } | K::Union { .. } | K::Enum(_)))
        .map(|(name, _)| name.as_str());
    let type_names = codegen::naming::type_names(generated);
    let mut checked = 0;
    for (i, (shape, ty)) in type_names.iter().enumerate() {
        for variant in 0..2 {
            let doc = Documents { model: &model, stack: Vec::new(), variant }
                .value(shape, None)
                .unwrap_or_else(|| panic!("no document for {shape}"));
            let text = serde_json::to_string(&doc).unwrap();
            with_bedrock_type!(ty.as_str(), fast_and_mutants, &text, (i * 2 + variant) as u64 + 1)
                .unwrap_or_else(|| panic!("{shape}: no type `bedrock::types::{ty}`"));
        }
        checked += 1;
    }
    assert!(checked > 600, "only {checked} types checked");
}

/// A value handed to serde_json (an unknown member, a document) counts the
/// nesting of every byte it consumed, not of the value that came out: a
/// repeated key can replace a member nested past the limit (issue 12,
/// finding 1).
#[test]
fn nesting_counts_the_bytes_handed_to_serde_json() {
    use bedrock::types::{ExternalSourcesGenerationConfiguration, ModelInvocationJobInputDataConfig};
    for depth in 120..=130 {
        let deep = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let union = format!(r#"{{"x":{{"a":{deep},"a":0}}}}"#);
        same::<ModelInvocationJobInputDataConfig>(union.as_bytes()).unwrap();
        let map = format!(r#"{{"additionalModelRequestFields":{{"k":{{"a":{deep},"a":0}}}}}}"#);
        same::<ExternalSourcesGenerationConfiguration>(map.as_bytes()).unwrap();
        let skipped = format!(r#"{{"unknownMember":{{"a":{deep},"a":0}}}}"#);
        same::<ExternalSourcesGenerationConfiguration>(skipped.as_bytes()).unwrap();
    }
}

/// The fast reader reads `"NaN"`, `"Infinity"` and `"-Infinity"` in float
/// members as serde does (issue 12, finding 6), and agrees on every other
/// string.
#[test]
fn non_finite_floats_take_the_fast_path() {
    use kitchen_sink::types::Payloads;
    let body = r#"{"ratio": "NaN", "weight": "-Infinity", "ratios": [1.5, "Infinity", "NaN", "-Infinity"], "weights": {"a": "NaN", "b": 2.0}}"#;
    let ours = json::read::<Payloads>(body).expect("the fast path takes non-finite floats");
    let theirs = serde_json::from_str::<Payloads>(body).unwrap();
    assert_eq!(serde_json::to_string(&ours).unwrap(), serde_json::to_string(&theirs).unwrap());
    for text in [r#"{"ratio": "nan"}"#, r#"{"ratio": "Infinity"}"#, r#"{"weight": "-Infinity"}"#, r#"{"ratio": "NaN "}"#,
        r#"{"ratio": "\u004eaN"}"#, r#"{"ratios": ["NaN", "x"]}"#, r#"{"weights": {"a": "Inf"}}"#, r#"{"ratio": 1e400}"#]
    {
        same::<Payloads>(text.as_bytes()).unwrap();
    }
}

/// Where a document leaves the type's shape, the error says where (line,
/// column and member path) and what was expected; malformed JSON gets
/// serde_json's own error.
#[test]
fn errors_name_the_member_path_and_position() {
    use bedrock::types::ListModelInvocationJobsResponse as Page;
    let error = |text: &str| json::from_slice::<Page>(text.as_bytes()).unwrap_err();

    let text = r#"{"invocationJobSummaries": [{"jobArn": "a"}, {"jobArn": 5}]}"#;
    let e = error(text);
    assert_eq!(e.message(), "invalid value of `invocationJobSummaries[1].jobArn`: expected a string");
    assert_eq!((e.line(), e.column()), (1, text.find("5}").unwrap() + 1));

    let text = "{\n  \"invocationJobSummaries\": [\n    {\"timeoutDurationInHours\": 1.5}\n  ]\n}";
    let e = error(text);
    assert_eq!(
        e.to_string(),
        "invalid value of `invocationJobSummaries[0].timeoutDurationInHours`: invalid type: floating point `1.5`, \
         expected i32 at line 3 column 32"
    );

    let e = error(r#"{"invocationJobSummaries": [{"submitTime": "yesterday"}]}"#);
    assert_eq!(e.message(), "invalid value of `invocationJobSummaries[0].submitTime`: expected a timestamp");

    let e = error(r#"{"nextToken": "a", "nextToken": "b"}"#);
    assert!(e.message().starts_with("invalid value of `nextToken`"), "{e}");

    let e = error(r#"[]"#);
    assert_eq!(e.to_string(), "invalid document: expected an object at line 1 column 1");

    let text = r#"{"nextToken": "a",}"#;
    let theirs = serde_json::from_str::<Page>(text).unwrap_err();
    assert_eq!(error(text).to_string(), theirs.to_string());
    assert_eq!((error(text).line(), error(text).column()), (theirs.line(), theirs.column()));
}

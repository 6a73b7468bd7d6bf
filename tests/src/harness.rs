//! The fuzz harnesses, shared by the cargo-fuzz targets of `fuzz/` (run
//! with a nightly toolchain, for as long as one likes) and by the stable
//! property tests of `tests/fuzz_props.rs` (a fixed seed and a bounded
//! number of mutated inputs, in every `cargo test`). Each takes arbitrary
//! bytes and panics only on a real finding.

use std::time::{Duration, Instant};

/// No single input may take longer than this (a quadratic path shows up as
/// seconds on inputs of a few hundred kilobytes).
pub const TIME_LIMIT: Duration = Duration::from_secs(2);

fn within_time_limit(start: Instant, what: &str, input: &[u8]) {
    let elapsed = start.elapsed();
    assert!(
        elapsed < TIME_LIMIT,
        "{what} took {elapsed:?} on {} bytes: {:?}",
        input.len(),
        String::from_utf8_lossy(&input[..input.len().min(200)])
    );
}

include!(concat!(env!("OUT_DIR"), "/bedrock_types.rs"));

/// The fast JSON reader against serde_json over the generated bedrock types:
/// the same value, or the same error (message, line and column). Input:
/// `TypeName` (any bedrock type; an unknown name picks one from its bytes),
/// a newline, then the JSON document.
pub fn fast_json(data: &[u8]) {
    let (name, body) = match data.iter().position(|&b| b == b'\n') {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (&b""[..], data),
    };
    let name = std::str::from_utf8(name).unwrap_or("");
    let name = if BEDROCK_TYPES.contains(&name) {
        name
    } else {
        let pick = name.bytes().fold(0usize, |h, b| h.wrapping_mul(31).wrapping_add(b.into()));
        BEDROCK_TYPES[pick % BEDROCK_TYPES.len()]
    };
    let start = Instant::now();
    with_bedrock_type!(name, same_as_serde_json, body).expect("a bedrock type");
    with_bedrock_request_type!(name, writes_as_serde_json, body);
    within_time_limit(start, name, body);
}

/// For a type a request writes: when serde_json reads `body`, the value's
/// `to_json::ToJson` text is its serde `Serialize` text through
/// `wire::to_botocore_json` (botocore's bytes), byte for byte.
pub fn writes_as_serde_json<T>(body: &[u8])
where
    T: awsgen_runtime::to_json::ToJson + serde::de::DeserializeOwned + serde::Serialize,
{
    if let Ok(value) = serde_json::from_slice::<T>(body) {
        let serde = awsgen_runtime::wire::to_botocore_json(&value).expect("generated types serialize");
        assert_eq!(awsgen_runtime::to_json::to_string(&value), serde, "ToJson and Serialize differ");
    }
}

/// Panics unless [`compare_with_serde_json`] finds them in agreement, and
/// the fast path alone, when it takes the input, agrees too.
pub fn same_as_serde_json<T>(body: &[u8])
where
    T: awsgen_runtime::json::FromJson + serde::de::DeserializeOwned + serde::Serialize + PartialEq + std::fmt::Debug,
{
    if let Err(e) = compare_with_serde_json::<T>(body) {
        panic!("{e}");
    }
}

/// `json::from_slice::<T>` against `serde_json::from_slice::<T>` (the
/// generated types' serde `Deserialize`), its specification: the same value,
/// or an error from both. Where serde_json's error is about the JSON syntax
/// (or the end of the input), ours is the very same (message, line and
/// column); where it is about the data, ours names a line and column too.
/// The `Err` says how they differ.
pub fn compare_with_serde_json<T>(body: &[u8]) -> Result<(), String>
where
    T: awsgen_runtime::json::FromJson + serde::de::DeserializeOwned + serde::Serialize + PartialEq + std::fmt::Debug,
{
    use serde_json::error::Category;
    let equal = |a: &T, b: &T| {
        a == b || matches!((serde_json::to_string(a), serde_json::to_string(b)), (Ok(x), Ok(y)) if x == y)
    };
    let theirs = serde_json::from_slice::<T>(body);
    let ours = awsgen_runtime::json::from_slice::<T>(body);
    let agree = match (&ours, &theirs) {
        (Ok(a), Ok(b)) => equal(a, b),
        // serde_json's message, less the position and any context our
        // union code adds in front; or serde_json's error for the document
        // as JSON, when the typed read met another problem first or
        // elsewhere (it skips unknown members, and reads some strings,
        // with other code than it reads values).
        (Err(a), Err(b)) => match b.classify() {
            Category::Syntax | Category::Eof => {
                let theirs = b.to_string();
                let theirs = theirs.rsplit_once(" at line ").map_or(theirs.as_str(), |(message, _)| message);
                let as_json = serde_json::from_slice::<serde_json::Value>(body).err().map(|e| e.to_string());
                (theirs.ends_with(a.message()) || as_json == Some(a.to_string())) && a.line() > 0
            }
            Category::Data | Category::Io => a.line() > 0 && !a.message().is_empty(),
        },
        _ => false,
    };
    if agree {
        Ok(())
    } else {
        Err(format!(
            "results differ on {}\n  ours:       {ours:?}\n  serde_json: {theirs:?}",
            String::from_utf8_lossy(body)
        ))
    }
}

/// Token decoding, through botocore's parsing of a `StartingToken` and a
/// generated paginator (bedrock `ListModelInvocationJobs`, three canned
/// pages): never a panic, never slow; and the resume-token encoding
/// (botocore's, byte for byte: `tests/vectors/paginators/`) round-trips any
/// token built from the input.
pub fn token(data: &[u8]) {
    use awsgen_runtime::paginator::token::{decode_token, encode_token, parse_starting_token};
    use awsgen_runtime::paginator::{PaginationConfig, TokenValue};
    use bedrock::types::{ListModelInvocationJobsResponse, ModelInvocationJobSummary};

    let start = Instant::now();
    let text = String::from_utf8_lossy(data);
    let _ = parse_starting_token(&text, &["nextToken".to_owned()]);
    let _ = decode_token(&text);
    let config = PaginationConfig::default().starting_token(text.as_ref()).max_items(4).page_size(2);
    let mut calls = 0;
    let pages = bedrock::paginators::list_model_invocation_jobs(Default::default(), config).items(|request| {
        calls += 1;
        if calls > 5 {
            return Err("too many calls");
        }
        let job = |name: &str| ModelInvocationJobSummary::default().with_job_name(name.into());
        let mut page = ListModelInvocationJobsResponse::default().with_invocation_job_summaries(vec![job("a"), job("b"), job("c")]);
        page.next_token = match request.next_token.as_deref() {
            None => Some("t1".into()),
            Some("t1") => Some("t2".into()),
            Some(_) => None,
        };
        Ok(page)
    });
    for item in pages.take(10) {
        let _ = item;
    }
    within_time_limit(start, "the paginator", data);

    // A token built from the input (unique keys; strings, integers, bytes,
    // lists and maps) decodes to what was encoded.
    let mut map: Vec<(String, TokenValue)> = Vec::new();
    for (i, chunk) in data.chunks(7).enumerate() {
        let key = String::from_utf8_lossy(&chunk[..chunk.len().min(3)]).into_owned();
        if key.starts_with("boto_") || map.iter().any(|(k, _)| *k == key) {
            continue;
        }
        let rest = &chunk[chunk.len().min(3)..];
        let value = match i % 5 {
            0 => TokenValue::String(String::from_utf8_lossy(rest).into_owned()),
            1 => TokenValue::Int(rest.iter().fold(0i64, |n, &b| n.wrapping_mul(257).wrapping_add(b.into()))),
            2 => TokenValue::Bytes(rest.to_vec()),
            3 => TokenValue::List(rest.iter().map(|&b| TokenValue::Int(b.into())).collect()),
            _ => TokenValue::Map(vec![("B".into(), TokenValue::Bytes(rest.to_vec()))]),
        };
        map.push((key, value));
    }
    let encoded = encode_token(&map);
    assert_eq!(decode_token(&encoded).as_ref(), Ok(&map), "round trip of {encoded}");
}

/// Response reading of the non-JSON protocols over any bytes: the first
/// byte picks the protocol and the status (restXml S3 ListObjectsV2 and its
/// URL-decoding customization, awsQuery IAM ListUsers, rpcv2Cbor
/// CloudWatch Omni GetAlert; even: 200, odd: 400, an error body); the rest
/// is the body. An error is fine; a panic or a slow input is a finding.
pub fn protocols(data: &[u8]) {
    use awsgen_runtime::http::Operation;
    let Some((&kind, body)) = data.split_first() else { return };
    let status = if kind % 2 == 0 { 200 } else { 400 };
    let response = http::Response::builder().status(status).body(body.to_vec()).expect("a valid response");
    let start = Instant::now();
    match (kind / 2) % 3 {
        0 => {
            let mut input = s3::types::ListObjectsV2Request::new("b".into());
            let fix = s3::operations::ListObjectsV2::customize(&mut input);
            if let (Ok(mut output), Some(fix)) = (s3::operations::ListObjectsV2::parse_response(&response), fix) {
                fix(&mut output);
            }
        }
        1 => {
            let _ = iam::operations::ListUsers::parse_response(&response);
        }
        _ => {
            let _ = cloudwatchomni::operations::GetAlert::parse_response(&response);
        }
    }
    within_time_limit(start, "reading a response", data);
}

/// Model loading and generation over any input: botocore JSON (first byte
/// even) or the Smithy JSON AST (odd), then the whole crate generated in
/// memory. An error is fine (it names the file and, for model errors, the
/// place); a panic, an abort or a slow input is a finding.
pub fn model(data: &[u8]) {
    let Some((&kind, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let start = Instant::now();
    let path = std::path::Path::new(if kind % 2 == 0 { "fuzz/service-2.json" } else { "fuzz/model.json" });
    let loaded = if kind % 2 == 0 {
        codegen::botocore::load_str(path, &text, None)
    } else {
        codegen::smithy::load_str(path, &text)
    };
    let result = loaded.and_then(|model| {
        codegen::emit::generate(
            &model,
            &codegen::emit::Options {
                crate_name: "fuzz".into(),
                source: path.display().to_string(),
                runtime_path: "../runtime".into(),
                ..Default::default()
            },
        )
    });
    if let Err(e) = result {
        let message = e.to_string();
        assert!(message.starts_with("fuzz/"), "an error that does not name the file: {message}");
        if let codegen::Error::Model { at, .. } = &e {
            assert!(!at.is_empty(), "a model error that does not say where: {message}");
        }
    }
    within_time_limit(start, "loading and generating", data);
}

/// A small deterministic PRNG (xorshift64*) and the mutations of the stable
/// property tests: byte flips, inserted dictionary tokens, deleted and
/// repeated ranges.
pub struct Mutator {
    state: u64,
    dictionary: Vec<Vec<u8>>,
}

impl Mutator {
    /// A mutator with a fixed seed and the tokens it may insert.
    pub fn new(seed: u64, dictionary: &[&str]) -> Self {
        Mutator { state: seed.max(1), dictionary: dictionary.iter().map(|t| t.as_bytes().to_vec()).collect() }
    }

    /// The next random number.
    pub fn next_u64(&mut self) -> u64 {
        self.state ^= self.state >> 12;
        self.state ^= self.state << 25;
        self.state ^= self.state >> 27;
        self.state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// `input` with one to four random mutations.
    pub fn mutate(&mut self, input: &[u8]) -> Vec<u8> {
        let mut out = input.to_vec();
        for _ in 0..1 + self.below(4) {
            let at = self.below(out.len() + 1);
            match self.below(5) {
                0 if at < out.len() => out[at] ^= 1 << self.below(8),
                1 if !self.dictionary.is_empty() => {
                    let pick = self.below(self.dictionary.len());
                    let token = self.dictionary[pick].clone();
                    out.splice(at..at, token);
                }
                2 if at < out.len() => {
                    let end = (at + 1 + self.below(16)).min(out.len());
                    out.drain(at..end);
                }
                3 if at < out.len() => {
                    let end = (at + 1 + self.below(64)).min(out.len());
                    let copy = out[at..end].to_vec();
                    let to = self.below(out.len() + 1);
                    out.splice(to..to, copy);
                }
                _ => out.insert(at.min(out.len()), self.below(256) as u8),
            }
        }
        out
    }
}

/// Tokens of JSON, of botocore and Smithy models, and of resume tokens, for
/// the mutators (`fuzz/dict/*.dict` hold the same for libFuzzer).
pub const DICTIONARY: &[&str] = &[
    "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "null", "true", "false", "0", "-0", "1e999",
    "0.5", "-1", "9223372036854775808", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "[[[[[[[[", "]]]]]]]]",
    "{\"a\":", "\"__type\"", "\"shape\"", "\"type\"", "\"structure\"", "\"list\"", "\"map\"", "\"union\"",
    "\"member\"", "\"members\"", "\"key\"", "\"value\"", "\"target\"", "\"traits\"", "\"string\"", "\"enum\"",
    "\"input\"", "\"output\"", "\"errors\"", "\"operations\"", "\"shapes\"", "\"hostLabel\"",
    "\"endpoint\"", "\"hostPrefix\"", "\"location\"", "\"uri\"", "\"payload\"", "\"required\"",
    "\"smithy.api#required\"", "\"smithy.api#httpPayload\"", "\"smithy.api#hostLabel\"", "\"smithy.api#endpoint\"",
    "\"mixins\"", "\"boto_encoded_keys\"", "\"boto_truncate_amount\"", "___", "==", "eyJ",
];

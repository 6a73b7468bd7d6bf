//! The fuzz harnesses of `fuzz/` (`tests::harness`) as stable property
//! tests: a fixed seed, the committed vectors as seeds, and a bounded
//! number of mutated inputs (a few seconds each), so every `cargo test`
//! runs them without a nightly toolchain. `fuzz/README.md` says how to run
//! the same harnesses under cargo-fuzz for longer. Crashes found by
//! fuzzing are regression tests in the files of the code they concern.

use serde_json::Value;
use tests::harness::{self, Mutator, DICTIONARY};

fn read(path: &str) -> String {
    let path = tests::repo_root().join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `TypeName\nbody` seeds: botocore's request bodies, typed by operation.
fn json_seeds() -> Vec<Vec<u8>> {
    let mut seeds = Vec::new();
    for case in tests::serde_vectors() {
        let ty = format!("{}Request", case["operation"].as_str().unwrap());
        seeds.push(format!("{ty}\n{}", case["body"].as_str().unwrap()).into_bytes());
    }
    seeds.push(b"ModelInvocationJobInputDataConfig\n{\"x\":{\"a\":[[1]],\"a\":0}}".to_vec());
    seeds.push(b"ListModelInvocationJobsResponse\n{\"invocationJobSummaries\":[{\"jobName\":\"a\",\"submitTime\":1.5}],\"nextToken\":\"t\"}".to_vec());
    seeds
}

#[test]
fn fast_json_agrees_with_serde_json_on_mutated_documents() {
    let seeds = json_seeds();
    let mut mutator = Mutator::new(0x5eed_0001, DICTIONARY);
    for seed in &seeds {
        harness::fast_json(seed);
    }
    for _ in 0..4_000 {
        let seed = &seeds[mutator.below(seeds.len())];
        harness::fast_json(&mutator.mutate(seed));
    }
}

/// Every token the paginator vectors hold (starting and resume tokens).
fn token_seeds() -> Vec<Vec<u8>> {
    fn strings(value: &Value, key: &str, out: &mut Vec<Vec<u8>>) {
        match value {
            Value::String(s) if key.contains("token") => out.push(s.clone().into_bytes()),
            Value::Array(items) => items.iter().for_each(|v| strings(v, key, out)),
            Value::Object(map) => map.iter().for_each(|(k, v)| strings(v, &k.to_ascii_lowercase(), out)),
            _ => {}
        }
    }
    let mut seeds = Vec::new();
    let dir = tests::repo_root().join("tests/vectors/paginators");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    for file in files.iter().filter(|p| p.extension().is_some_and(|e| e == "json")) {
        let value: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        strings(&value, "", &mut seeds);
    }
    assert!(seeds.len() > 50, "{} tokens", seeds.len());
    seeds
}

#[test]
fn token_decoding_never_panics_or_slows_down() {
    let seeds = token_seeds();
    let mut mutator = Mutator::new(0x5eed_0002, DICTIONARY);
    for seed in &seeds {
        harness::token(seed);
    }
    for _ in 0..3_000 {
        let seed = &seeds[mutator.below(seeds.len())];
        harness::token(&mutator.mutate(seed));
    }
}

/// Models to mutate: `0` + botocore JSON, `1` + Smithy JSON AST.
fn model_seeds() -> Vec<(u8, Value)> {
    let json = |p: &str| serde_json::from_str::<Value>(&read(p)).unwrap();
    vec![
        (0, json("tests/fixtures/kitchen-sink/service-2.json")),
        (0, json("tests/vectors/host-prefix/neptune-graph/service-2.json")),
        (1, json("tests/fixtures/smithy/weather.json")),
        (1, json("tests/fixtures/smithy/shapes.json")),
    ]
}

/// One structural change at a random node: a value replaced by another
/// kind, by a shape name (making references and cycles), or removed.
fn mutate_model(m: &mut Mutator, value: &mut Value, names: &[String]) {
    let depth = 1 + m.below(6);
    mutate_at(m, value, depth, names);
}

fn mutate_at(m: &mut Mutator, node: &mut Value, depth: usize, names: &[String]) {
    let len = match node {
        Value::Object(map) => map.len(),
        Value::Array(items) => items.len(),
        _ => 0,
    };
    if depth > 0 && len > 0 {
        let i = m.below(len);
        let child = match node {
            Value::Object(map) => map.values_mut().nth(i),
            Value::Array(items) => items.get_mut(i),
            _ => None,
        };
        if let Some(child) = child {
            return mutate_at(m, child, depth - 1, names);
        }
    }
    let name = Value::String(names[m.below(names.len())].clone());
    *node = match m.below(9) {
        0 => name,
        1 => serde_json::json!({"shape": name}),
        2 => serde_json::json!({"target": name}),
        3 => Value::Null,
        4 => serde_json::json!({}),
        5 => serde_json::json!([]),
        6 => serde_json::json!("list"),
        7 => serde_json::json!({"type": "list", "member": {"shape": name, "target": name}}),
        _ => serde_json::json!(-1),
    };
}

#[test]
fn model_loading_and_generation_never_panic_on_mutated_models() {
    let seeds = model_seeds();
    let mut m = Mutator::new(0x5eed_0003, DICTIONARY);
    for (kind, model) in &seeds {
        let mut input = vec![*kind];
        input.extend(serde_json::to_vec(model).unwrap());
        harness::model(&input);
    }
    for i in 0..400 {
        let (kind, model) = &seeds[m.below(seeds.len())];
        let names: Vec<String> = model["shapes"].as_object().unwrap().keys().cloned().collect();
        let mut model = model.clone();
        for _ in 0..1 + m.below(3) {
            mutate_model(&mut m, &mut model, &names);
        }
        let mut input = vec![*kind];
        input.extend(serde_json::to_vec(&model).unwrap());
        if i % 8 == 0 {
            input = m.mutate(&input);
        }
        harness::model(&input);
    }
}

/// Responses of the XML, query and CBOR protocols that botocore read
/// (`tests/vectors/xml`, `tests/vectors/rpc`), as `harness::protocols`
/// inputs: a kind byte (see there), then the body.
fn protocol_seeds() -> Vec<Vec<u8>> {
    use base64::Engine as _;
    let json = |path: &str| -> Value { serde_json::from_str(&read(path)).unwrap() };
    let text = |case: &Value| case["body"].as_str().unwrap().as_bytes().to_vec();
    let bytes = |case: &Value| base64::engine::general_purpose::STANDARD.decode(case["body"]["base64"].as_str().unwrap()).unwrap();
    let mut seeds = Vec::new();
    let s3 = json("tests/vectors/xml/s3.json");
    for case in s3["responses"].as_array().unwrap().iter().filter(|c| c["operation"] == "ListObjectsV2") {
        seeds.push([&[0u8][..], &text(case)].concat());
    }
    for case in s3["errors"].as_array().unwrap() {
        seeds.push([&[1u8][..], &text(case)].concat());
    }
    let iam = json("tests/vectors/xml/iam.json");
    for case in iam["responses"].as_array().unwrap().iter().filter(|c| c["operation"] == "ListUsers") {
        seeds.push([&[2u8][..], &text(case)].concat());
    }
    for case in iam["errors"].as_array().unwrap() {
        seeds.push([&[3u8][..], &text(case)].concat());
    }
    let cbor = json("tests/vectors/rpc/cloudwatchomni.json");
    for case in cbor["outputs"].as_array().unwrap().iter().filter(|c| c["operation"] == "GetAlert") {
        seeds.push([&[4u8][..], &bytes(case)].concat());
    }
    for case in cbor["errors"].as_array().unwrap() {
        seeds.push([&[5u8][..], &bytes(case)].concat());
    }
    seeds
}

#[test]
fn protocol_responses_never_panic_or_slow_down() {
    use awsgen_runtime::http::Operation;
    let seeds = protocol_seeds();
    // The seeds cover each protocol, and the successful ones read.
    for kind in 0..6u8 {
        assert!(seeds.iter().any(|s| s[0] == kind), "no seed of kind {kind}");
    }
    let ok = |body: &[u8]| http::Response::builder().status(200).body(body.to_vec()).unwrap();
    for seed in seeds.iter().filter(|s| s[0] % 2 == 0) {
        let read = match seed[0] {
            0 => s3::operations::ListObjectsV2::parse_response(&ok(&seed[1..])).map(drop).map_err(|e| e.to_string()),
            2 => iam::operations::ListUsers::parse_response(&ok(&seed[1..])).map(drop).map_err(|e| e.to_string()),
            _ => cloudwatchomni::operations::GetAlert::parse_response(&ok(&seed[1..])).map(drop).map_err(|e| e.to_string()),
        };
        assert!(read.is_ok(), "seed of kind {} does not read: {read:?}", seed[0]);
    }
    let mut mutator = Mutator::new(0x5eed_0004, DICTIONARY);
    for seed in &seeds {
        harness::protocols(seed);
    }
    for _ in 0..3_000 {
        let seed = &seeds[mutator.below(seeds.len())];
        harness::protocols(&mutator.mutate(seed));
    }
}

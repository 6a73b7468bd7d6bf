//! `list-model-invocation-jobs` against what the AWS CLI printed for the
//! same canned responses (`tests/vectors/cli/`, recorded by `cargo xtask
//! cli-vectors` with the pinned `awscli`): the same stdout byte for byte
//! (`--output json`, `text` and `table`, `--query`, pagination and
//! NextToken), the same requests (paths and query strings), and for errors
//! the AWS CLI's message, with the AWS CLI v2 exit code (254; awscli v1,
//! which recorded the vectors, exits 255).

use std::process::Command;

use tests::stub::{Reply, Stub};

const BIN: &str = env!("CARGO_BIN_EXE_list-model-invocation-jobs");

fn vectors() -> Vec<serde_json::Value> {
    let path = tests::repo_root().join("tests/vectors/cli/list_model_invocation_jobs.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; run `cargo xtask cli-vectors`", path.display()));
    let vectors: serde_json::Value = serde_json::from_str(&text).unwrap();
    let cases = vectors["cases"].as_array().unwrap().clone();
    assert!(cases.len() >= 20, "{} cases", cases.len());
    cases
}

/// The one deliberate difference (README, "Member order", under "Using the generated crate"): the generated
/// types list members in name order, so the JSON output lists an object's
/// keys and the request its query parameters in that order, where the AWS
/// CLI follows the botocore model's order. Everything else must match: the
/// same JSON value, and every line formatted identically (indentation,
/// escaping, number and timestamp forms), only in another order.
fn same_json_but_key_order(ours: &str, aws: &str) -> bool {
    let (Ok(a), Ok(b)) = (serde_json::from_str::<serde_json::Value>(ours), serde_json::from_str::<serde_json::Value>(aws))
    else {
        return false;
    };
    let lines = |s: &str| {
        let mut lines: Vec<String> = s.lines().map(|l| l.trim_end_matches(',').to_owned()).collect();
        lines.sort();
        lines
    };
    a == b && lines(ours) == lines(aws)
}

/// A request target with its query parameters sorted (see above).
fn sorted_query(target: &str) -> String {
    match target.split_once('?') {
        Some((path, query)) => {
            let mut params: Vec<&str> = query.split('&').collect();
            params.sort_unstable();
            format!("{path}?{}", params.join("&"))
        }
        None => target.to_owned(),
    }
}

#[test]
fn json_comparison_allows_key_order_only() {
    let aws = "{\n    \"b\": [\n        1,\n        2\n    ],\n    \"a\": \"x\"\n}\n";
    let ours = "{\n    \"a\": \"x\",\n    \"b\": [\n        1,\n        2\n    ]\n}\n";
    assert!(same_json_but_key_order(ours, aws));
    // Another value, or the same value formatted differently, is a difference.
    assert!(!same_json_but_key_order(&ours.replace("\"x\"", "\"y\""), aws));
    assert!(!same_json_but_key_order(&ours.replace("    ", "  "), aws));
    assert!(!same_json_but_key_order(&ours.replace("1,\n        2", "2,\n        1"), aws));
    assert_eq!(sorted_query("/p?b=1&a=2"), "/p?a=2&b=1");
}

#[test]
fn prints_what_the_aws_cli_prints() {
    let home = std::env::temp_dir().join(format!("awscli-vectors-{}", std::process::id()));
    std::fs::create_dir_all(&home).unwrap();
    let mut failures = Vec::new();
    for case in vectors() {
        let name = case["name"].as_str().unwrap().to_owned();
        let replies: Vec<Reply> = case["responses"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let mut headers = vec![("Content-Type".to_owned(), "application/json".to_owned())];
                for (k, v) in r["headers"].as_object().unwrap() {
                    headers.push((k.clone(), v.as_str().unwrap().to_owned()));
                }
                (
                    r["status"].as_u64().unwrap() as u16,
                    headers,
                    r["body"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        let count = replies.len();
        let replies = std::sync::Mutex::new(replies.into_iter());
        let stub = Stub::start(count + 2, move |_| {
            replies.lock().unwrap().next().unwrap_or((
                500,
                vec![],
                r#"{"message": "no more canned responses"}"#.into(),
            ))
        });
        let mut command = Command::new(BIN);
        for (key, _) in std::env::vars_os() {
            if key.to_string_lossy().starts_with("AWS_") {
                command.env_remove(key);
            }
        }
        let args: Vec<&str> = case["args"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap())
            .collect();
        let output = command
            .env("HOME", &home)
            .env("AWS_ACCESS_KEY_ID", "AKIDCLIVECTORS")
            .env("AWS_SECRET_ACCESS_KEY", "secret")
            .env("AWS_DEFAULT_REGION", "us-west-2")
            .env("AWS_MAX_ATTEMPTS", "1")
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .args(["--endpoint-url", stub.url()])
            .args(&args)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let expected = case["stdout"].as_str().unwrap();
        if stdout != expected && !same_json_but_key_order(&stdout, expected) {
            failures.push(format!("{name}: stdout differs\n--- aws\n{expected}\n--- ours\n{stdout}\n--- stderr\n{stderr}"));
        }
        let requests: Vec<String> = stub.requests().iter().map(|r| sorted_query(&r.target)).collect();
        let expected_requests: Vec<String> = case["requests"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| sorted_query(r.as_str().unwrap()))
            .collect();
        if requests != expected_requests {
            failures.push(format!(
                "{name}: requests {requests:?}, the AWS CLI sent {expected_requests:?}"
            ));
        }
        match case["error"].as_str() {
            None => {
                if !output.status.success() {
                    failures.push(format!("{name}: exit {:?}: {stderr}", output.status.code()));
                }
            }
            Some(error) => {
                if output.status.code() != Some(254) {
                    failures.push(format!(
                        "{name}: exit {:?}, expected 254",
                        output.status.code()
                    ));
                }
                if !stderr.lines().any(|l| l == error) {
                    failures.push(format!("{name}: the AWS CLI's message\n  {error}\nis not a line of ours:\n{stderr}"));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

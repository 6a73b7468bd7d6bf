//! Host prefixes (botocore `endpoint.hostPrefix`, Smithy
//! `@endpoint(hostPrefix)` with `@hostLabel`), against botocore: the vectors
//! in `tests/vectors/host-prefix/` are botocore's URLs (or its validation
//! errors) for the operations of neptune-graph (`{graphIdentifier}.`) and
//! signer (`data-`), recorded by `cargo xtask host-prefix-vectors`
//! (issue 12, finding 8). Bedrock has no operation with a host prefix (the
//! recorder checks it).

use awsgen_runtime::http::{BuildError, HostPrefix, Metadata, Operation, RequestBuilder};
use serde_json::Value;

fn vectors() -> Vec<Value> {
    let path = tests::repo_root().join("tests/vectors/host-prefix/vectors.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let vectors: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(vectors["bedrock_host_prefixes"], 0);
    vectors["cases"].as_array().unwrap().clone()
}

/// botocore's URL for a case, or `Err` when botocore refused the label.
fn expected(case: &Value) -> Result<String, ()> {
    match case["url"].as_str() {
        Some(url) => Ok(url.to_owned()),
        None => {
            assert!(case["error"].as_str().unwrap().contains("Must contain only alphanumeric characters, hyphen, or period"));
            Err(())
        }
    }
}

/// The scheme and host of `url` (what the host prefix changes).
fn origin(url: &str) -> &str {
    let after = url.find("://").unwrap() + 3;
    &url[..after + url[after..].find('/').unwrap_or(url.len() - after)]
}

#[test]
fn both_front_ends_read_host_prefixes_and_labels() {
    let model = codegen::load_model(&tests::repo_root().join("tests/vectors/host-prefix/neptune-graph")).unwrap();
    for case in vectors().iter().filter(|c| c["service"] == "neptune-graph") {
        let op = &model.operations[case["operation"].as_str().unwrap()];
        assert_eq!(op.host_prefix.as_deref(), case["host_prefix"].as_str());
        let input = &model.shapes[op.input.as_ref().unwrap()];
        assert!(input.kind.members().iter().any(|m| m.name == "graphIdentifier" && m.host_label));
    }
    let smithy = serde_json::json!({"smithy": "2.0", "shapes": {
        "ex#Svc": {"type": "service", "version": "1", "operations": [{"target": "ex#Op"}],
            "traits": {"aws.protocols#restJson1": {}}},
        "ex#Op": {"type": "operation", "input": {"target": "ex#In"},
            "traits": {"smithy.api#endpoint": {"hostPrefix": "{graph}."}, "smithy.api#http": {"method": "GET", "uri": "/"}}},
        "ex#In": {"type": "structure", "members": {"graph": {"target": "smithy.api#String",
            "traits": {"smithy.api#hostLabel": {}, "smithy.api#required": {}}}}},
    }});
    let model = codegen::smithy::load_str(std::path::Path::new("inline.json"), &smithy.to_string()).unwrap();
    assert_eq!(model.operations["Op"].host_prefix.as_deref(), Some("{graph}."));
    assert!(model.shapes["In"].kind.members()[0].host_label);
}

/// The runtime's expansion and validation give botocore's URL or refuse
/// what botocore refuses.
#[test]
fn host_prefixes_are_applied_as_botocore_applies_them() {
    let cases = vectors();
    assert!(cases.len() >= 30);
    for case in &cases {
        let template = case["host_prefix"].as_str().unwrap();
        let labels: Vec<(&str, Option<&str>)> = match case["label_value"].as_str() {
            Some(value) => vec![("graphIdentifier", Some(value))],
            None => vec![],
        };
        let metadata = Metadata { name: "Op", method: "GET", uri: "/", success_code: 200 };
        let built = RequestBuilder::new(metadata).host_prefix(template, &labels).build();
        let endpoint = case["endpoint"].as_str().unwrap();
        match (expected(case), built) {
            (Ok(url), Ok(request)) => {
                let prefix = request.extensions().get::<HostPrefix>().expect("a host prefix");
                assert_eq!(prefix.apply(endpoint), origin(&url), "{case}");
            }
            (Err(()), Err(BuildError::InvalidHostLabel { label, .. })) => assert_eq!(label, "graphIdentifier"),
            (want, got) => panic!("{case}: botocore {want:?}, ours {got:?}"),
        }
    }
}

/// The generated operation fills the prefix from its host-label member.
#[test]
fn generated_operations_carry_their_host_prefix() {
    use kitchen_sink::operations::GetGraph;
    use kitchen_sink::types::GetGraphRequest;
    for case in vectors().iter().filter(|c| c["operation"] == "GetGraphSummary") {
        let input = GetGraphRequest::new(case["label_value"].as_str().unwrap().to_owned());
        let endpoint = case["endpoint"].as_str().unwrap();
        match (expected(case), GetGraph::build_request(&input)) {
            (Ok(url), Ok(request)) => {
                assert_eq!(request.extensions().get::<HostPrefix>().unwrap().apply(endpoint), origin(&url));
                assert_eq!(request.headers()["graphIdentifier"], input.graph_identifier.as_str());
            }
            (Err(()), Err(e)) => {
                let message = e.to_string();
                assert!(message.contains("`GetGraph`") && message.contains("host label `graphIdentifier`"), "{message}");
            }
            (want, got) => panic!("{case}: botocore {want:?}, ours {got:?}"),
        }
    }
}

#[test]
fn a_prefix_goes_before_the_host_of_any_endpoint() {
    let prefix = HostPrefix("data-".into());
    assert_eq!(prefix.apply("https://signer.us-east-1.amazonaws.com"), "https://data-signer.us-east-1.amazonaws.com");
    assert_eq!(prefix.apply("http://localhost:5000/base"), "http://data-localhost:5000/base");
}

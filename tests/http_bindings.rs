//! HTTP bindings of the generated operations, against botocore itself.
//!
//! `tests/vectors/http/bedrock.json` (written by `cargo xtask http-vectors`)
//! holds requests botocore's rest-json serializer framed, and error
//! responses its parser read. For each request vector the typed input is
//! built (body members from the body botocore sent, bound members set by
//! hand below, per operation), and `build_request` must give the same
//! method, path and query string (byte for byte, in the same order),
//! headers and body. For each error vector `parse_response` must find the
//! same code, message and request id, and the modelled error when the
//! operation lists it. Hand-written cases cover outputs (JSON body, payload,
//! header members), malformed responses and request-building errors.

use std::cell::RefCell;
use std::collections::BTreeSet;

use bedrock::operations::{self as ops, Operation, SdkError};
use bedrock::types as t;
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

fn vectors() -> Value {
    let path = tests::repo_root().join("tests/vectors/http/bedrock.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; run `cargo xtask http-vectors`", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// The members a vector binds to the URI, query string and headers; every
/// one must be read by the operation's setter.
struct Bindings<'a> {
    map: &'a Map<String, Value>,
    body: &'a str,
    used: RefCell<BTreeSet<String>>,
}

impl Bindings<'_> {
    fn get(&self, key: &str) -> Option<&Value> {
        self.used.borrow_mut().insert(key.to_owned());
        self.map.get(key)
    }

    fn s(&self, key: &str) -> Option<String> {
        self.get(key).map(|v| v.as_str().unwrap().to_owned())
    }

    fn req(&self, key: &str) -> String {
        self.s(key).unwrap_or_else(|| panic!("the vector does not bind `{key}`"))
    }

    fn e<T: From<String>>(&self, key: &str) -> Option<T> {
        self.s(key).map(T::from)
    }

    fn req_e<T: From<String>>(&self, key: &str) -> T {
        T::from(self.req(key))
    }

    fn i(&self, key: &str) -> Option<i32> {
        self.get(key).map(|v| v.as_i64().unwrap() as i32)
    }

    fn b(&self, key: &str) -> Option<bool> {
        self.get(key).map(|v| v.as_bool().unwrap())
    }

    fn ts(&self, key: &str) -> Option<DateTime<Utc>> {
        self.get(key).map(|v| {
            let text = v["$timestamp"].as_str().unwrap();
            DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
        })
    }

    /// The payload member, from the body botocore sent.
    fn payload<T: DeserializeOwned>(&self) -> T {
        serde_json::from_str(self.body).unwrap()
    }
}

/// Builds the request of `O` for one vector and compares it with botocore's.
fn check<O>(case: &Value, set: impl FnOnce(&mut O::Input, &Bindings)) -> Result<(), String>
where
    O: Operation,
    O::Input: DeserializeOwned + Default,
{
    let body = case["body"].as_str().unwrap();
    let bindings = Bindings { map: case["bindings"].as_object().unwrap(), body, used: RefCell::default() };
    // Body members come from the body botocore sent; members bound to the
    // URI, query string and headers are `#[serde(skip)]`, so they are set by hand.
    let mut input: O::Input = if body.is_empty() {
        O::Input::default()
    } else {
        serde_json::from_str(body).map_err(|e| format!("body does not load: {e}"))?
    };
    set(&mut input, &bindings);
    let unused: Vec<&String> = bindings.map.keys().filter(|k| !bindings.used.borrow().contains(*k)).collect();
    if !unused.is_empty() {
        return Err(format!("the test does not set bound members {unused:?}"));
    }

    let request = O::build_request(&input).map_err(|e| format!("build_request failed: {e}"))?;
    let mut problems = Vec::new();
    if request.method().as_str() != case["method"] {
        problems.push(format!("method {} != {}", request.method(), case["method"]));
    }
    let uri = request.uri().to_string();
    if uri != case["uri"].as_str().unwrap() {
        problems.push(format!("uri\n    rust:     {uri}\n    botocore: {}", case["uri"].as_str().unwrap()));
    }
    let ours: BTreeSet<(String, String)> = request
        .headers()
        .iter()
        .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap().to_owned()))
        .collect();
    let theirs: BTreeSet<(String, String)> = case["headers"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.to_ascii_lowercase(), v.as_str().unwrap().to_owned()))
        .collect();
    if ours != theirs {
        problems.push(format!("headers {ours:?} != {theirs:?}"));
    }
    if request.body().as_slice() != body.as_bytes() {
        problems.push(format!("body\n    rust:     {}\n    botocore: {body}", String::from_utf8_lossy(request.body())));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n  "))
    }
}

fn check_request(case: &Value) -> Result<(), String> {
    match case["operation"].as_str().unwrap() {
        "ListModelInvocationJobs" => tests::bedrock_op!("ListModelInvocationJobs", check::<ops::ListModelInvocationJobs>(case, |i, b| {
            i.submit_time_after = b.ts("submitTimeAfter");
            i.submit_time_before = b.ts("submitTimeBefore");
            i.status_equals = b.e("statusEquals");
            i.name_contains = b.s("nameContains");
            i.max_results = b.i("maxResults");
            i.next_token = b.s("nextToken");
            i.sort_by = b.e("sortBy");
            i.sort_order = b.e("sortOrder");
        })),
        "ListCustomModels" => tests::bedrock_op!("ListCustomModels", check::<ops::ListCustomModels>(case, |i, b| {
            i.creation_time_before = b.ts("creationTimeBefore");
            i.creation_time_after = b.ts("creationTimeAfter");
            i.name_contains = b.s("nameContains");
            i.base_model_arn_equals = b.s("baseModelArnEquals");
            i.foundation_model_arn_equals = b.s("foundationModelArnEquals");
            i.max_results = b.i("maxResults");
            i.next_token = b.s("nextToken");
            i.sort_by = b.e("sortBy");
            i.sort_order = b.e("sortOrder");
            i.is_owned = b.b("isOwned");
            i.model_status = b.e("modelStatus");
        })),
        "ListEvaluationJobs" => tests::bedrock_op!("ListEvaluationJobs", check::<ops::ListEvaluationJobs>(case, |i, b| {
            i.creation_time_after = b.ts("creationTimeAfter");
            i.creation_time_before = b.ts("creationTimeBefore");
            i.status_equals = b.e("statusEquals");
            i.application_type_equals = b.e("applicationTypeEquals");
            i.name_contains = b.s("nameContains");
        })),
        "ListModelCopyJobs" => tests::bedrock_op!("ListModelCopyJobs", check::<ops::ListModelCopyJobs>(case, |i, b| {
            i.creation_time_after = b.ts("creationTimeAfter");
            i.status_equals = b.e("statusEquals");
            i.source_account_equals = b.s("sourceAccountEquals");
            i.source_model_arn_equals = b.s("sourceModelArnEquals");
            i.target_model_name_contains = b.s("targetModelNameContains");
        })),
        "ListFoundationModels" => tests::bedrock_op!("ListFoundationModels", check::<ops::ListFoundationModels>(case, |i, b| {
            i.by_provider = b.s("byProvider");
            i.by_customization_type = b.e("byCustomizationType");
            i.by_output_modality = b.e("byOutputModality");
            i.by_inference_type = b.e("byInferenceType");
        })),
        "ListAutomatedReasoningPolicies" => tests::bedrock_op!("ListAutomatedReasoningPolicies", check::<ops::ListAutomatedReasoningPolicies>(case, |i, b| {
            i.policy_arn = b.s("policyArn");
            i.max_results = b.i("maxResults");
        })),
        "GetModelInvocationJob" => tests::bedrock_op!("GetModelInvocationJob", check::<ops::GetModelInvocationJob>(case, |i, b| {
            i.job_identifier = b.req("jobIdentifier");
        })),
        "GetFoundationModel" => tests::bedrock_op!("GetFoundationModel", check::<ops::GetFoundationModel>(case, |i, b| {
            i.model_identifier = b.req("modelIdentifier");
            i.project_identifier = b.s("projectIdentifier");
        })),
        "GetGuardrail" => tests::bedrock_op!("GetGuardrail", check::<ops::GetGuardrail>(case, |i, b| {
            i.guardrail_identifier = b.req("guardrailIdentifier");
            i.guardrail_version = b.s("guardrailVersion");
        })),
        "DeleteGuardrail" => tests::bedrock_op!("DeleteGuardrail", check::<ops::DeleteGuardrail>(case, |i, b| {
            i.guardrail_identifier = b.req("guardrailIdentifier");
            i.guardrail_version = b.s("guardrailVersion");
        })),
        "DeleteAutomatedReasoningPolicy" => tests::bedrock_op!("DeleteAutomatedReasoningPolicy", check::<ops::DeleteAutomatedReasoningPolicy>(case, |i, b| {
            i.policy_arn = b.req("policyArn");
            i.force = b.b("force");
        })),
        "DeleteAutomatedReasoningPolicyBuildWorkflow" => {
            tests::bedrock_op!("DeleteAutomatedReasoningPolicyBuildWorkflow", check::<ops::DeleteAutomatedReasoningPolicyBuildWorkflow>(case, |i, b| {
                i.policy_arn = b.req("policyArn");
                i.build_workflow_id = b.req("buildWorkflowId");
                i.last_updated_at = b.ts("lastUpdatedAt").unwrap();
            }))
        }
        "DeleteAutomatedReasoningPolicyTestCase" => tests::bedrock_op!("DeleteAutomatedReasoningPolicyTestCase", check::<ops::DeleteAutomatedReasoningPolicyTestCase>(case, |i, b| {
            i.policy_arn = b.req("policyArn");
            i.test_case_id = b.req("testCaseId");
            i.last_updated_at = b.ts("lastUpdatedAt").unwrap();
        })),
        "GetAutomatedReasoningPolicyBuildWorkflowResultAssets" => {
            tests::bedrock_op!("GetAutomatedReasoningPolicyBuildWorkflowResultAssets", check::<ops::GetAutomatedReasoningPolicyBuildWorkflowResultAssets>(case, |i, b| {
                i.policy_arn = b.req("policyArn");
                i.build_workflow_id = b.req("buildWorkflowId");
                i.asset_type = b.req_e("assetType");
                i.asset_id = b.s("assetId");
            }))
        }
        "GetProjectDataRetentionStorage" => tests::bedrock_op!("GetProjectDataRetentionStorage", check::<ops::GetProjectDataRetentionStorage>(case, |i, b| {
            i.project_identifier = b.req("projectIdentifier");
            i.model_provider = b.req_e("modelProvider");
        })),
        "ArchiveProject" => tests::bedrock_op!("ArchiveProject", check::<ops::ArchiveProject>(case, |i, b| {
            i.project_identifier = b.req("projectIdentifier");
        })),
        "StopModelInvocationJob" => tests::bedrock_op!("StopModelInvocationJob", check::<ops::StopModelInvocationJob>(case, |i, b| {
            i.job_identifier = b.req("jobIdentifier");
        })),
        "GetAccountDataRetention" => tests::bedrock_op!("GetAccountDataRetention", check::<ops::GetAccountDataRetention>(case, |_, _| {})),
        "DeleteModelInvocationLoggingConfiguration" => {
            tests::bedrock_op!("DeleteModelInvocationLoggingConfiguration", check::<ops::DeleteModelInvocationLoggingConfiguration>(case, |_, _| {}))
        }
        "UpdateProject" => tests::bedrock_op!("UpdateProject", check::<ops::UpdateProject>(case, |i, b| {
            i.project_identifier = b.req("projectIdentifier");
        })),
        "ListTagsForResource" => tests::bedrock_op!("ListTagsForResource", check::<ops::ListTagsForResource>(case, |_, _| {})),
        "BatchDeleteEvaluationJob" => tests::bedrock_op!("BatchDeleteEvaluationJob", check::<ops::BatchDeleteEvaluationJob>(case, |_, _| {})),
        "StartAutomatedReasoningPolicyBuildWorkflow" => {
            tests::bedrock_op!("StartAutomatedReasoningPolicyBuildWorkflow", check::<ops::StartAutomatedReasoningPolicyBuildWorkflow>(case, |i, b| {
                i.policy_arn = b.req("policyArn");
                i.build_workflow_type = b.req_e("buildWorkflowType");
                i.client_request_token = b.s("clientRequestToken");
                i.source_content = b.payload();
            }))
        }
        "UpdateAutomatedReasoningPolicy" => tests::bedrock_op!("UpdateAutomatedReasoningPolicy", check::<ops::UpdateAutomatedReasoningPolicy>(case, |i, b| {
            i.policy_arn = b.req("policyArn");
        })),
        "PutAccountDataRetentionStorage" => tests::bedrock_op!("PutAccountDataRetentionStorage", check::<ops::PutAccountDataRetentionStorage>(case, |i, b| {
            i.model_provider = b.req_e("modelProvider");
        })),
        "PutTrustedAccessProgramProjectEnrollment" => {
            tests::bedrock_op!("PutTrustedAccessProgramProjectEnrollment", check::<ops::PutTrustedAccessProgramProjectEnrollment>(case, |i, b| {
                i.program_identifier = b.req("programIdentifier");
                i.project_identifier = b.req("projectIdentifier");
            }))
        }
        "CreateGuardrailVersion" => tests::bedrock_op!("CreateGuardrailVersion", check::<ops::CreateGuardrailVersion>(case, |i, b| {
            i.guardrail_identifier = b.req("guardrailIdentifier");
        })),
        "CreateModelInvocationJob" => tests::bedrock_op!("CreateModelInvocationJob", check::<ops::CreateModelInvocationJob>(case, |_, _| {})),
        "CreateEvaluationJob" => tests::bedrock_op!("CreateEvaluationJob", check::<ops::CreateEvaluationJob>(case, |_, _| {})),
        "PutUseCaseForModelAccess" => tests::bedrock_op!("PutUseCaseForModelAccess", check::<ops::PutUseCaseForModelAccess>(case, |_, _| {})),
        other => Err(format!("no setter for operation {other}; add one to check_request")),
    }
}

#[test]
fn requests_are_framed_exactly_as_botocore_frames_them() {
    let vectors = vectors();
    let cases = vectors["requests"].as_array().unwrap();
    assert!(cases.len() >= 30, "expected at least 30 request vectors, found {}", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| check_request(case).err().map(|e| format!("{}: {e}", case["name"].as_str().unwrap())))
        .collect();
    assert!(failures.is_empty(), "{} of {} vectors differ:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

fn response(status: u16, headers: &[(&str, &str)], body: &str) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.as_bytes().to_vec()).unwrap()
}

/// Code, message and request id of an error, and whether it is a modelled variant.
fn error_facts<O: Operation>(
    response: &http::Response<Vec<u8>>,
    facts: impl Fn(&O::Error) -> (String, Option<String>, Option<String>, bool),
) -> Result<(String, Option<String>, Option<String>, bool), String> {
    match O::parse_response(response) {
        Ok(_) => Err("parsed as a success".into()),
        Err(SdkError::Service(e)) => Ok(facts(&e)),
        Err(e) => Err(format!("not a service error: {e}")),
    }
}

macro_rules! facts {
    ($op:ident, $err:ident, $response:expr, [$($variant:ident),*]) => {
        error_facts::<ops::$op>($response, |e| match e {
            $(ops::$err::$variant(x) => (e.code().to_owned(), x.message.clone(), None, true),)*
            ops::$err::Unhandled { code, message, request_id, .. } => {
                (code.clone(), message.clone(), request_id.clone(), false)
            }
            #[allow(unreachable_patterns)]
            _ => (e.code().to_owned(), None, None, true),
        })
    };
}

#[test]
fn error_responses_are_read_as_botocore_reads_them() {
    let vectors = vectors();
    let cases = vectors["errors"].as_array().unwrap();
    let mut failures = Vec::new();
    for case in cases {
        let headers: Vec<(&str, &str)> = case["headers"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str().unwrap()))
            .collect();
        let resp = response(case["status"].as_u64().unwrap() as u16, &headers, case["body"].as_str().unwrap());
        let got = match case["operation"].as_str().unwrap() {
            "ListModelInvocationJobs" => tests::bedrock_op!("ListModelInvocationJobs", facts!(
                ListModelInvocationJobs,
                ListModelInvocationJobsError,
                &resp,
                [ValidationException, AccessDeniedException, InternalServerException, ThrottlingException]
            )),
            "GetModelInvocationJob" => tests::bedrock_op!("GetModelInvocationJob", facts!(
                GetModelInvocationJob,
                GetModelInvocationJobError,
                &resp,
                [ResourceNotFoundException, ValidationException]
            )),
            "ListCustomModels" => tests::bedrock_op!("ListCustomModels", facts!(
                ListCustomModels,
                ListCustomModelsError,
                &resp,
                [ThrottlingException, ValidationException]
            )),
            "ListFoundationModels" => tests::bedrock_op!("ListFoundationModels", facts!(ListFoundationModels, ListFoundationModelsError, &resp, [ValidationException])),
            "DeleteAutomatedReasoningPolicy" => tests::bedrock_op!("DeleteAutomatedReasoningPolicy", facts!(
                DeleteAutomatedReasoningPolicy,
                DeleteAutomatedReasoningPolicyError,
                &resp,
                [ConflictException]
            )),
            "GetGuardrail" => tests::bedrock_op!("GetGuardrail", facts!(GetGuardrail, GetGuardrailError, &resp, [InternalServerException])),
            other => Err(format!("no reader for {other}")),
        };
        let name = case["name"].as_str().unwrap();
        match got {
            Err(e) => failures.push(format!("{name}: {e}")),
            Ok((code, message, request_id, modelled)) => {
                let want_code = case["code"].as_str().unwrap();
                let want_message = case["message"].as_str().unwrap();
                let want_modelled = case["modelled"].as_bool().unwrap();
                if code != want_code || message.as_deref().unwrap_or("") != want_message || modelled != want_modelled {
                    failures.push(format!(
                        "{name}: got ({code}, {message:?}, modelled {modelled}), botocore ({want_code}, {want_message:?}, modelled {want_modelled})"
                    ));
                }
                // botocore drops the request id of generic (HTML / empty 5xx)
                // errors; we keep it, so compare only where botocore has one.
                if let Some(want) = case["request_id"].as_str() {
                    if !modelled && request_id.as_deref() != Some(want) {
                        failures.push(format!("{name}: request id {request_id:?} != {want}"));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} of {} error vectors differ:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[test]
#[cfg(all(bedrock_op = "GetModelInvocationJob", bedrock_op = "ListModelInvocationJobs"))]
fn modelled_errors_by_header_and_by_body_type() {
    let resp = response(
        400,
        &[
            ("X-Amzn-ErrorType", "ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/"),
            ("x-amzn-RequestId", "5d4e3c2b"),
        ],
        r#"{"message":"1 validation error detected: Value at 'maxResults' failed to satisfy constraint"}"#,
    );
    let err = ops::ListModelInvocationJobs::parse_response(&resp).unwrap_err();
    let Some(ops::ListModelInvocationJobsError::ValidationException(e)) = err.service_error() else {
        panic!("expected a ValidationException, got {err:?}");
    };
    assert!(e.message.as_deref().unwrap().starts_with("1 validation error"));
    assert_eq!(err.service_error().unwrap().code(), "ValidationException");
    assert!(err.to_string().contains("ValidationException: 1 validation error"), "{err}");
    assert!(std::error::Error::source(&err).is_some());

    let resp = response(
        404,
        &[],
        r#"{"__type":"com.amazonaws.bedrock#ResourceNotFoundException","message":"Could not find job"}"#,
    );
    match ops::GetModelInvocationJob::parse_response(&resp) {
        Err(SdkError::Service(ops::GetModelInvocationJobError::ResourceNotFoundException(e))) => {
            assert_eq!(e.message.as_deref(), Some("Could not find job"));
        }
        other => panic!("expected a ResourceNotFoundException, got {other:?}"),
    }
}

#[test]
#[cfg(bedrock_op = "ListModelInvocationJobs")]
fn unmodelled_error_codes_are_unhandled_with_their_facts() {
    let resp = response(
        403,
        &[("X-Amzn-ErrorType", "UnrecognizedClientException"), ("x-amzn-RequestId", "rid-9")],
        r#"{"Message":"The security token included in the request is invalid."}"#,
    );
    let err = ops::ListModelInvocationJobs::parse_response(&resp).unwrap_err().into_service_error().unwrap();
    assert_eq!(
        err,
        ops::ListModelInvocationJobsError::Unhandled {
            code: "UnrecognizedClientException".into(),
            message: Some("The security token included in the request is invalid.".into()),
            request_id: Some("rid-9".into()),
            status: 403,
        }
    );
    assert_eq!(err.code(), "UnrecognizedClientException");
    assert_eq!(err.to_string(), "UnrecognizedClientException: The security token included in the request is invalid.");
    let bare = ops::ListModelInvocationJobs::parse_response(&response(418, &[], "")).unwrap_err();
    assert_eq!(bare.to_string(), "service error: 418 (HTTP 418)");
}

#[test]
#[cfg(all(bedrock_op = "ExportAutomatedReasoningPolicyVersion", bedrock_op = "ListModelInvocationJobs"))]
fn malformed_responses_are_errors_not_panics() {
    // A 2xx body that is not JSON, or JSON of the wrong shape.
    for body in ["{\"nextToken\": ", "<html>", "[1, 2]", r#"{"invocationJobSummaries": "nope"}"#] {
        let resp = response(200, &[("x-amzn-RequestId", "rid")], body);
        match ops::ListModelInvocationJobs::parse_response(&resp) {
            Err(SdkError::Response(e)) => {
                assert_eq!(e.status, 200);
                assert_eq!(e.request_id.as_deref(), Some("rid"));
            }
            other => panic!("{body}: expected a response error, got {other:?}"),
        }
    }
    // A modelled error whose body does not fit the error's shape.
    let resp = response(400, &[("X-Amzn-ErrorType", "ValidationException")], r#"{"message": 42}"#);
    assert!(matches!(ops::ListModelInvocationJobs::parse_response(&resp), Err(SdkError::Response(_))));
    // A payload output that is not JSON.
    let resp = response(200, &[], "not json");
    assert!(matches!(ops::ExportAutomatedReasoningPolicyVersion::parse_response(&resp), Err(SdkError::Response(_))));
}

#[test]
#[cfg(all(bedrock_op = "CreateInferenceProfile", bedrock_op = "ExportAutomatedReasoningPolicyVersion", bedrock_op = "ListModelInvocationJobs"))]
fn outputs_from_body_and_payload() {
    let body = r#"{"nextToken":"n2","invocationJobSummaries":[{"jobArn":"arn:j","jobName":"j","modelId":"m","roleArn":"arn:r","submitTime":1714564800,
        "inputDataConfig":{"s3InputDataConfig":{"s3Uri":"s3://in/"}},"outputDataConfig":{"s3OutputDataConfig":{"s3Uri":"s3://out/"}}}]}"#;
    let out = ops::ListModelInvocationJobs::parse_response(&response(200, &[], body)).unwrap();
    assert_eq!(out.next_token.as_deref(), Some("n2"));
    assert_eq!(out.invocation_job_summaries.unwrap()[0].job_name, "j");
    // An empty body reads as `{}`, as in botocore.
    let out = ops::ListModelInvocationJobs::parse_response(&response(200, &[], "")).unwrap();
    assert_eq!(out, t::ListModelInvocationJobsResponse::default());

    // The payload member is the whole body.
    let body = r#"{"version":"1.0","types":[],"rules":[{"id":"R1","expression":"(> x 1)"}],"variables":[]}"#;
    let out = ops::ExportAutomatedReasoningPolicyVersion::parse_response(&response(200, &[], body)).unwrap();
    assert_eq!(out.policy_definition.version.as_deref(), Some("1.0"));
    assert_eq!(out.policy_definition.rules.as_ref().unwrap()[0].id, "R1");
    // Other 2xx codes than the modelled one are successes too.
    assert_eq!(ops::CreateInferenceProfile::METADATA.success_code, 201);
    assert!(ops::ListModelInvocationJobs::parse_response(&response(204, &[], "")).is_ok());
}

#[test]
fn header_members_of_outputs() {
    use kitchen_sink::operations::{Operation as _, PutThing, PutThingError};
    let resp = response(200, &[("X-Amzn-RequestId", "req-42")], r#"{"status":"Completed"}"#);
    let out = PutThing::parse_response(&resp).unwrap();
    assert_eq!(out.request_id.as_deref(), Some("req-42"));
    assert_eq!(out.status, kitchen_sink::types::Status::Completed);
    let out = PutThing::parse_response(&response(200, &[], r#"{"status":"Failed"}"#)).unwrap();
    assert_eq!(out.request_id, None);

    let resp = response(404, &[("X-Amzn-ErrorType", "ThingNotFoundException")], r#"{"message":"gone","thingId":"t1"}"#);
    match PutThing::parse_response(&resp) {
        Err(SdkError::Service(PutThingError::ThingNotFoundException(e))) => assert_eq!(e.thing_id.as_deref(), Some("t1")),
        other => panic!("{other:?}"),
    }
    // `InternalFailure`'s message member is `Message`.
    let resp = response(500, &[("X-Amzn-ErrorType", "InternalFailure")], r#"{"Message":"boom"}"#);
    match PutThing::parse_response(&resp) {
        Err(SdkError::Service(e @ PutThingError::InternalFailure(_))) => assert_eq!(e.to_string(), "InternalFailure: boom"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn kitchen_sink_request_with_label_query_header_and_body() {
    use kitchen_sink::operations::{Operation as _, PutThing};
    let mut input = kitchen_sink::types::PutThingRequest::new(Default::default(), "thing/1 é".into());
    input.dry_run = Some(true);
    input.token = Some("tok".into());
    let req = PutThing::build_request(&input).unwrap();
    assert_eq!(req.method(), "PUT");
    assert_eq!(req.uri(), "/things/thing%2F1%20%C3%A9?dry-run=true");
    assert_eq!(req.headers()["x-token"], "tok");
    assert_eq!(req.headers()["content-type"], "application/json");
    assert_eq!(req.body(), br#"{"payloads": {}}"#);
}

#[test]
#[cfg(all(bedrock_op = "GetModelInvocationJob", bedrock_op = "StartAutomatedReasoningPolicyBuildWorkflow"))]
fn request_building_errors() {
    use awsgen_runtime::http::BuildError;

    // A required label left empty.
    let input = t::GetModelInvocationJobRequest::default();
    let err = ops::GetModelInvocationJob::build_request(&input).unwrap_err();
    assert!(matches!(err, BuildError::EmptyLabel { ref label, .. } if label == "jobIdentifier"), "{err}");
    // A header value HTTP cannot carry.
    let input = t::StartAutomatedReasoningPolicyBuildWorkflowRequest::default()
        .with_policy_arn("p".into())
        .with_build_workflow_type(t::AutomatedReasoningPolicyBuildWorkflowType::IngestContent)
        .with_client_request_token("line\nbreak".into());
    let err = ops::StartAutomatedReasoningPolicyBuildWorkflow::build_request(&input).unwrap_err();
    assert!(matches!(err, BuildError::InvalidHeader { ref name, .. } if name == "x-amz-client-token"), "{err}");
}

#[test]
#[cfg(all(bedrock_op = "DeleteAutomatedReasoningPolicyBuildWorkflow", bedrock_op = "ListModelInvocationJobs"))]
fn operation_metadata() {
    let m = ops::ListModelInvocationJobs::METADATA;
    assert_eq!((m.name, m.method, m.uri, m.success_code), ("ListModelInvocationJobs", "GET", "/model-invocation-jobs", 200));
    let m = ops::DeleteAutomatedReasoningPolicyBuildWorkflow::METADATA;
    assert_eq!(m.uri, "/automated-reasoning-policies/{policyArn}/build-workflows/{buildWorkflowId}");
    assert_eq!(m.success_code, 202);
}

/// A string enum bound to the payload is the raw text of its value, both
/// ways, as botocore frames a `string` payload (issue 12, finding 7).
#[test]
fn enum_payloads_are_raw_text() {
    use kitchen_sink::operations::SetStatus;
    use kitchen_sink::types::{SetStatusRequest, SetStatusResponse, Status};
    let request = SetStatus::build_request(&SetStatusRequest::default().with_status(Status::InProgress)).unwrap();
    assert_eq!(request.body(), b"InProgress");
    assert_eq!(request.headers().get("content-type"), None);
    let empty = SetStatus::build_request(&SetStatusRequest::default()).unwrap();
    assert_eq!(empty.body(), b"");
    for (body, want) in [("Completed", Status::Completed), ("Paused", Status::Unknown("Paused".into()))] {
        let response = http::Response::builder().status(200).body(body.as_bytes().to_vec()).unwrap();
        assert_eq!(SetStatus::parse_response(&response).unwrap(), SetStatusResponse::default().with_status(want));
    }
}

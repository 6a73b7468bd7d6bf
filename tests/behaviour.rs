//! Behaviour of the generated crates: wire-exact serde against botocore's own
//! serializer, round trips of realistic responses, unknown values kept,
//! Smithy's client error correction, and errors (never panics) on bad JSON.

use awsgen_runtime::wire::to_botocore_json;
use bedrock::types::{
    ListModelInvocationJobsRequest, ListModelInvocationJobsResponse, ModelInvocationJobInputDataConfig,
    ModelInvocationJobOutputDataConfig, ModelInvocationJobS3InputDataConfig, ModelInvocationJobStatus,
    ModelInvocationJobSummary, ModelInvocationType, S3InputFormat, ValidationException,
};
use chrono::{TimeZone, Utc};
use serde_json::{json, Value};

/// A ListModelInvocationJobs response with every member of boto3's response
/// syntax present.
fn full_list_response() -> Value {
    json!({
        "nextToken": "eyJuZXh0IjogMn0=",
        "invocationJobSummaries": [
            {
                "jobArn": "arn:aws:bedrock:us-east-1:111122223333:model-invocation-job/abc123",
                "jobName": "nightly-batch",
                "modelId": "anthropic.claude-3-haiku-20240307-v1:0",
                "clientRequestToken": "5f0c7b9e-1b8c-4c52-9d36-2f5f0c7b9e1b",
                "roleArn": "arn:aws:iam::111122223333:role/BatchRole",
                "status": "PartiallyCompleted",
                "message": "3 records failed",
                "submitTime": "2024-05-01T12:00:00Z",
                "lastModifiedTime": "2024-05-01T13:30:00.5Z",
                "endTime": "2024-05-01T14:00:00.123456Z",
                "inputDataConfig": {
                    "s3InputDataConfig": {
                        "s3InputFormat": "JSONL",
                        "s3Uri": "s3://input-bucket/records.jsonl",
                        "s3BucketOwner": "111122223333"
                    }
                },
                "outputDataConfig": {
                    "s3OutputDataConfig": {
                        "s3Uri": "s3://output-bucket/",
                        "s3EncryptionKeyId": "arn:aws:kms:us-east-1:111122223333:key/k1",
                        "s3BucketOwner": "111122223333"
                    }
                },
                "vpcConfig": {
                    "subnetIds": ["subnet-1", "subnet-2"],
                    "securityGroupIds": ["sg-1"]
                },
                "timeoutDurationInHours": 24,
                "jobExpirationTime": "2024-05-02T12:00:00Z",
                "modelInvocationType": "Converse",
                "totalRecordCount": 1000,
                "processedRecordCount": 1000,
                "successRecordCount": 997,
                "errorRecordCount": 3
            },
            {
                "jobArn": "arn:aws:bedrock:us-east-1:111122223333:model-invocation-job/def456",
                "jobName": "minimal",
                "modelId": "amazon.titan-text-express-v1",
                "roleArn": "arn:aws:iam::111122223333:role/BatchRole",
                "submitTime": "2024-05-03T08:15:30Z",
                "inputDataConfig": {"s3InputDataConfig": {"s3Uri": "s3://in/"}},
                "outputDataConfig": {"s3OutputDataConfig": {"s3Uri": "s3://out/"}}
            }
        ]
    })
}

#[test]
fn list_response_with_every_member_round_trips() {
    let wire = full_list_response();
    let resp: ListModelInvocationJobsResponse = serde_json::from_value(wire.clone()).unwrap();
    assert_eq!(resp.next_token.as_deref(), Some("eyJuZXh0IjogMn0="));
    let jobs = resp.invocation_job_summaries.as_ref().unwrap();
    assert_eq!(jobs.len(), 2);
    let job = &jobs[0];
    assert_eq!(job.job_name, "nightly-batch");
    assert_eq!(job.status, Some(ModelInvocationJobStatus::PartiallyCompleted));
    assert_eq!(job.model_invocation_type, Some(ModelInvocationType::Converse));
    assert_eq!(job.submit_time, Utc.with_ymd_and_hms(2024, 5, 1, 12, 0, 0).unwrap());
    assert_eq!(job.end_time.unwrap().timestamp_subsec_micros(), 123_456);
    assert_eq!(job.error_record_count, Some(3));
    match &job.input_data_config {
        ModelInvocationJobInputDataConfig::S3InputDataConfig(s3) => {
            assert_eq!(s3.s3_input_format, Some(S3InputFormat::Jsonl));
            assert_eq!(s3.s3_uri, "s3://input-bucket/records.jsonl");
        }
        other => panic!("unexpected input config {other:?}"),
    }
    assert!(matches!(job.output_data_config, ModelInvocationJobOutputDataConfig::S3OutputDataConfig(_)));
    assert_eq!(job.vpc_config.as_ref().unwrap().subnet_ids, ["subnet-1", "subnet-2"]);
    assert_eq!(jobs[1].status, None);

    // Back to the wire: the same JSON value (the timestamp member keeps its
    // value; `.5Z` is written as botocore writes it, `.500000Z`).
    let mut expected = wire;
    expected["invocationJobSummaries"][0]["lastModifiedTime"] = json!("2024-05-01T13:30:00.500000Z");
    assert_eq!(serde_json::to_value(&resp).unwrap(), expected);
    let again: ListModelInvocationJobsResponse = serde_json::from_str(&serde_json::to_string(&resp).unwrap()).unwrap();
    assert_eq!(again, resp);
}

#[test]
fn unknown_enum_values_round_trip() {
    let mut wire = full_list_response();
    wire["invocationJobSummaries"][0]["status"] = json!("Hibernating");
    let resp: ListModelInvocationJobsResponse = serde_json::from_value(wire.clone()).unwrap();
    let status = resp.invocation_job_summaries.as_ref().unwrap()[0].status.clone().unwrap();
    assert_eq!(status, ModelInvocationJobStatus::Unknown("Hibernating".into()));
    assert_eq!(status.as_str(), "Hibernating");
    let mut expected = wire;
    expected["invocationJobSummaries"][0]["lastModifiedTime"] = json!("2024-05-01T13:30:00.500000Z");
    assert_eq!(serde_json::to_value(&resp).unwrap(), expected);
}

#[test]
fn unknown_union_members_round_trip() {
    let mut wire = full_list_response();
    let future = json!({"uri": "https://example.com/data", "nested": [1, {"x": null}]});
    wire["invocationJobSummaries"][1]["inputDataConfig"] = json!({ "httpInputDataConfig": future.clone() });
    let resp: ListModelInvocationJobsResponse = serde_json::from_value(wire.clone()).unwrap();
    let job = &resp.invocation_job_summaries.as_ref().unwrap()[1];
    assert_eq!(
        job.input_data_config,
        ModelInvocationJobInputDataConfig::Unknown { name: "httpInputDataConfig".into(), value: future }
    );
    let out = serde_json::to_value(&resp).unwrap();
    assert_eq!(out["invocationJobSummaries"][1]["inputDataConfig"], wire["invocationJobSummaries"][1]["inputDataConfig"]);
}

#[test]
fn union_with_two_members_or_none_is_an_error() {
    let two = json!({"s3InputDataConfig": {"s3Uri": "s3://a/"}, "otherConfig": {}});
    let err = serde_json::from_value::<ModelInvocationJobInputDataConfig>(two).unwrap_err().to_string();
    assert!(err.contains("more than one member is set"), "{err}");
    let err = serde_json::from_value::<ModelInvocationJobInputDataConfig>(json!({})).unwrap_err().to_string();
    assert!(err.contains("no member is set"), "{err}");
    // null members and `__type` do not count.
    let one = json!({"s3InputDataConfig": {"s3Uri": "s3://a/"}, "otherConfig": null, "__type": "x"});
    assert!(serde_json::from_value::<ModelInvocationJobInputDataConfig>(one).is_ok());
}

#[test]
fn missing_or_null_required_members_get_zero_values() {
    // Smithy client error correction: a response that omits required members
    // (or sends null) still deserializes, with each member's zero value.
    let wire = json!({"invocationJobSummaries": [{"jobName": "only-a-name", "modelId": null}]});
    let resp: ListModelInvocationJobsResponse = serde_json::from_value(wire).unwrap();
    let job = &resp.invocation_job_summaries.unwrap()[0];
    assert_eq!(job.job_name, "only-a-name");
    assert_eq!(job.job_arn, "");
    assert_eq!(job.model_id, "");
    assert_eq!(job.submit_time.timestamp(), 0);
    assert_eq!(job.input_data_config, ModelInvocationJobInputDataConfig::default());
    assert!(matches!(job.input_data_config, ModelInvocationJobInputDataConfig::Unknown { ref name, .. } if name.is_empty()));
}

#[test]
fn wrong_json_types_and_malformed_json_are_errors() {
    for bad in [
        json!({"invocationJobSummaries": [{"jobArn": 5}]}),
        json!({"invocationJobSummaries": {"jobArn": "x"}}),
        json!({"invocationJobSummaries": [{"submitTime": "not a time"}]}),
        json!({"invocationJobSummaries": [{"totalRecordCount": "many"}]}),
        json!({"invocationJobSummaries": [{"status": 3}]}),
        json!({"nextToken": ["a"]}),
        json!([]),
    ] {
        assert!(serde_json::from_value::<ListModelInvocationJobsResponse>(bad.clone()).is_err(), "{bad}");
    }
    for text in ["", "{", "{\"nextToken\": }", "{\"invocationJobSummaries\": [{]}", "nul", "\"\\ud800\""] {
        let err = serde_json::from_str::<ListModelInvocationJobsResponse>(text);
        assert!(err.is_err(), "{text:?}");
    }
}

#[test]
fn unknown_response_members_are_ignored() {
    let mut wire = full_list_response();
    wire["brandNewMember"] = json!({"a": 1});
    wire["invocationJobSummaries"][0]["anotherNewMember"] = json!(true);
    let resp: ListModelInvocationJobsResponse = serde_json::from_value(wire).unwrap();
    assert_eq!(resp.invocation_job_summaries.unwrap().len(), 2);
}

#[test]
fn epoch_and_other_timestamp_forms_are_accepted() {
    let wire = json!({"invocationJobSummaries": [{"submitTime": 1714564800.25, "endTime": "Wed, 01 May 2024 12:00:00 GMT"}]});
    let resp: ListModelInvocationJobsResponse = serde_json::from_value(wire).unwrap();
    let job = &resp.invocation_job_summaries.unwrap()[0];
    assert_eq!(job.submit_time.timestamp_millis(), 1_714_564_800_250);
    assert_eq!(job.end_time.unwrap().timestamp(), 1_714_564_800);
}

#[test]
fn sensitive_members_are_redacted_in_debug() {
    let resp: ListModelInvocationJobsResponse = serde_json::from_value(full_list_response()).unwrap();
    let debug = format!("{resp:?}");
    assert!(!debug.contains("3 records failed"), "{debug}");
    assert!(debug.contains("*** Sensitive Data Redacted ***"));
    assert!(debug.contains("nightly-batch"), "non-sensitive members stay visible");
}

#[test]
fn query_bound_request_members_are_not_in_the_body() {
    let req = ListModelInvocationJobsRequest::default()
        .with_status_equals(ModelInvocationJobStatus::InProgress)
        .with_max_results(10)
        .with_next_token("t".into());
    // botocore sends no JSON body for this GET: every member is in the query string.
    assert_eq!(serde_json::to_string(&req).unwrap(), "{}");
}

#[test]
fn string_enum_api() {
    use std::str::FromStr;
    assert_eq!(ModelInvocationJobStatus::from("InProgress"), ModelInvocationJobStatus::InProgress);
    assert_eq!(ModelInvocationJobStatus::from_str("Stopped").unwrap(), ModelInvocationJobStatus::Stopped);
    assert_eq!(ModelInvocationJobStatus::Scheduled.to_string(), "Scheduled");
    assert_eq!(ModelInvocationJobStatus::values().len(), 10);
    assert!(ModelInvocationJobStatus::values().contains(&"PartiallyCompleted"));
    for value in ModelInvocationJobStatus::values() {
        let parsed = ModelInvocationJobStatus::from(*value);
        assert!(!matches!(parsed, ModelInvocationJobStatus::Unknown(_)), "{value}");
        assert_eq!(parsed.as_str(), *value);
    }
    assert_eq!(ModelInvocationJobStatus::from(String::from("New")), ModelInvocationJobStatus::Unknown("New".into()));
}

#[test]
fn constructors_demand_required_members() {
    // Required members in the crate's member order: by name (ir::sort_members).
    let job = ModelInvocationJobSummary::new(
        ModelInvocationJobInputDataConfig::S3InputDataConfig(ModelInvocationJobS3InputDataConfig::new("s3://in/".into())),
        "arn".into(),
        "name".into(),
        "model".into(),
        ModelInvocationJobOutputDataConfig::default(),
        "role".into(),
        Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(),
    );
    assert_eq!(job.job_arn, "arn");
    assert_eq!(job.status, None);
    let wire = serde_json::to_value(&job).unwrap();
    assert_eq!(wire["submitTime"], json!("2024-01-01T00:00:00Z"));
    assert!(wire.get("status").is_none(), "None members are left out: {wire}");
}

#[test]
fn exceptions_are_errors_with_their_message() {
    let err: ValidationException = serde_json::from_str(r#"{"message": "bad input", "__type": "ValidationException"}"#).unwrap();
    assert_eq!(err.to_string(), "ValidationException: bad input");
    let boxed: Box<dyn std::error::Error> = Box::new(err);
    assert!(boxed.to_string().contains("bad input"));
    assert_eq!(ValidationException::default().to_string(), "ValidationException");
}

/// The vectors written by `cargo xtask serde-vectors`: botocore's own
/// serializer over inputs that set every member.
#[test]
fn request_bodies_are_byte_identical_to_botocore() {
    let cases = tests::serde_vectors();

    fn check<T: serde::de::DeserializeOwned + serde::Serialize + awsgen_runtime::to_json::ToJson>(
        body: &str,
    ) -> Result<(), String> {
        let value: T = serde_json::from_str(body).map_err(|e| format!("decode: {e}"))?;
        // What requests send (`to_json`), and the serde form of the same value.
        for (how, ours) in [
            ("to_json", awsgen_runtime::to_json::to_string(&value)),
            ("serde", to_botocore_json(&value).map_err(|e| e.to_string())?),
        ] {
            if ours != body {
                return Err(format!("{how}\n  botocore: {body}\n  ours:     {ours}"));
            }
        }
        let compact: Value = serde_json::from_str(&serde_json::to_string(&value).unwrap()).unwrap();
        if compact != serde_json::from_str::<Value>(body).unwrap() {
            return Err("serde_json::to_string differs in value".into());
        }
        Ok(())
    }
    let mut failures = Vec::new();
    for case in &cases {
        let op = case["operation"].as_str().unwrap();
        let body = case["body"].as_str().unwrap();
        use bedrock::types::*;
        let result = match op {
            "CreateModelInvocationJob" => check::<CreateModelInvocationJobRequest>(body),
            "CreateEvaluationJob" => check::<CreateEvaluationJobRequest>(body),
            "CreateInferenceProfile" => check::<CreateInferenceProfileRequest>(body),
            "CreateModelCustomizationJob" => check::<CreateModelCustomizationJobRequest>(body),
            "CreateAdvancedPromptOptimizationJob" => check::<CreateAdvancedPromptOptimizationJobRequest>(body),
            "PutUseCaseForModelAccess" => check::<PutUseCaseForModelAccessRequest>(body),
            // `sourceContent` is the HTTP payload: the body is that member alone.
            "StartAutomatedReasoningPolicyBuildWorkflow" => check::<AutomatedReasoningPolicyBuildWorkflowSource>(body),
            "UpdateAutomatedReasoningPolicyTestCase" => check::<UpdateAutomatedReasoningPolicyTestCaseRequest>(body),
            other => Err(format!("no type mapped for operation {other}")),
        };
        if let Err(e) = result {
            failures.push(format!("{op} #{}: {e}", case["variant"]));
        }
    }
    assert!(failures.is_empty(), "{} of {} vectors differ:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

mod kitchen_sink {
    use chrono::{TimeZone, Utc};
    use kitchen_sink::types::*;
    use serde_json::json;

    /// `NaN`, `Infinity` and `-Infinity` travel as the strings botocore
    /// (and the rest-json and awsJson protocols) send, in float and double
    /// members, lists and maps, both ways (issue 12, finding 6).
    #[test]
    fn non_finite_floats_are_the_strings_botocore_sends() {
        let body = r#"{"ratio": "NaN", "ratios": [1.5, "Infinity", "NaN", "-Infinity"], "weight": "-Infinity", "weights": {"a": "NaN", "b": 2.0}}"#;
        let value: Payloads = serde_json::from_str(body).unwrap();
        assert!(value.ratio.unwrap().is_nan());
        assert_eq!(value.weight, Some(f32::NEG_INFINITY));
        let ratios = value.ratios.clone().unwrap();
        assert_eq!((ratios[0], ratios[1], ratios[2].is_nan(), ratios[3]), (1.5, f64::INFINITY, true, f64::NEG_INFINITY));
        assert!(value.weights.as_ref().unwrap()["a"].is_nan());
        assert_eq!(super::to_botocore_json(&value).unwrap(), body);
        assert_eq!(awsgen_runtime::to_json::to_string(&value), body);
        let built = Payloads::default().with_ratio(f64::INFINITY).with_weight(f32::NAN);
        assert_eq!(serde_json::to_string(&built).unwrap(), r#"{"ratio":"Infinity","weight":"NaN"}"#);
        // Only those three spellings: anything else stays an error.
        for bad in [r#"{"ratio": "nan"}"#, r#"{"ratio": "inf"}"#, r#"{"ratio": "1.5"}"#, r#"{"ratios": ["Infinity "]}"#] {
            assert!(serde_json::from_str::<Payloads>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn keywords_and_collisions_keep_wire_names() {
        let value = Keywords::new("t".into())
            .with_self_("a".into())
            .with_self_2("b".into())
            .with_match(1)
            .with_async(true)
            .with_foo_bar("x".into())
            .with_foo_bar_2("y".into())
            .with_3d_model("m".into())
            .with_option(OptionValue::default().with_value("o".into()))
            .with_result(ResultValue::default().with_ok(true));
        // Colliding names get suffixes in the crate's member order (by name: `Self` before `self`).
        let wire = json!({"type": "t", "Self": "a", "self": "b", "match": 1, "async": true, "FooBar": "x", "fooBar": "y", "3dModel": "m", "option": {"value": "o"}, "result": {"ok": true}});
        assert_eq!(serde_json::to_value(&value).unwrap(), wire);
        assert_eq!(serde_json::from_value::<Keywords>(wire).unwrap(), value);
    }

    #[test]
    fn odd_enum_values() {
        assert_eq!(InstanceType::from("ml.p4d.24xlarge"), InstanceType::MlP4d24xlarge);
        assert_eq!(InstanceType::V2023_01_01.as_str(), "2023-01-01");
        assert_eq!(InstanceType::UnknownValue.as_str(), "Unknown");
        assert_eq!(InstanceType::from("Unknown"), InstanceType::UnknownValue);
        assert_eq!(InstanceType::SelfValue.as_str(), "self");
        assert_eq!(InstanceType::Value.as_str(), "*");
        assert_eq!(serde_json::to_string(&InstanceType::UsEast1).unwrap(), "\"us-east-1\"");
    }

    #[test]
    fn recursion_through_box_and_list() {
        let wire = json!({
            "name": "leaf",
            "parent": {"name": "root", "children": [{"name": "sibling"}]},
            "expression": {"not": {"and": [{"literal": "a"}, {"node": {"name": "n"}}, {"empty": {}}]}}
        });
        let node: TreeNode = serde_json::from_value(wire.clone()).unwrap();
        assert_eq!(node.parent.as_ref().unwrap().name, "root");
        match node.expression.as_deref() {
            Some(Expression::Not(inner)) => match inner.as_ref() {
                Expression::And(list) => {
                    assert_eq!(list.len(), 3);
                    assert_eq!(list[2], Expression::Empty(EmptyMarker::default()));
                }
                other => panic!("{other:?}"),
            },
            other => panic!("{other:?}"),
        }
        assert_eq!(serde_json::to_value(&node).unwrap(), wire);
    }

    #[test]
    fn each_timestamp_format() {
        let t = Utc.with_ymd_and_hms(2024, 5, 1, 12, 0, 0).unwrap();
        let frac = Utc.timestamp_opt(1_714_564_800, 250_000_000).unwrap();
        let value = Timestamps::new(t)
            .with_default(frac)
            .with_epoch(t)
            .with_http(t)
            .with_overridden(t)
            .with_list(vec![t, frac])
            .with_map([("k".to_string(), frac)].into());
        let wire = json!({
            "default": 1714564800.25,
            "iso": "2024-05-01T12:00:00Z",
            "epoch": 1714564800,
            "http": "Wed, 01 May 2024 12:00:00 GMT",
            "overridden": "Wed, 01 May 2024 12:00:00 GMT",
            "list": [1714564800, 1714564800.25],
            "map": {"k": "2024-05-01T12:00:00.250000Z"}
        });
        assert_eq!(serde_json::to_value(&value).unwrap(), wire);
        assert_eq!(serde_json::from_value::<Timestamps>(wire).unwrap(), value);
    }

    #[test]
    fn blobs_documents_maps() {
        let value = Payloads::default()
            .with_document(json!({"any": ["json", 1, null]}))
            .with_blob(vec![0, 1, 2, 255])
            .with_blobs(vec![b"ab".to_vec()])
            .with_tags([("b".into(), "2".into()), ("a".into(), "1".into())].into())
            .with_counts([(Status::Failed, 2), (Status::Completed, 1)].into())
            .with_renamed("r".into())
            .with_instance_type(InstanceType::Unknown("ml.new.type".into()));
        let text = serde_json::to_string(&value).unwrap();
        // Maps keep their order (insertion order here; the service's order
        // when read from a response), as botocore's dicts do.
        assert!(text.contains(r#""tags":{"b":"2","a":"1"}"#), "{text}");
        assert!(text.contains(r#""blob":"AAEC/w==""#), "{text}");
        assert!(text.contains(r#""RenamedOnTheWire":"r""#), "{text}");
        assert!(text.contains(r#""instanceType":"ml.new.type""#), "{text}");
        assert_eq!(serde_json::from_str::<Payloads>(&text).unwrap(), value);
        assert!(serde_json::from_str::<Payloads>(r#"{"blob": "not base64!"}"#).is_err());
    }

    #[test]
    fn maps_keep_the_wire_order() {
        let wire = r#"{"tags":{"zeta":"1","alpha":"2","mid":"3"}}"#;
        let value: Payloads = serde_json::from_str(wire).unwrap();
        let keys: Vec<&String> = value.tags.as_ref().unwrap().keys().collect();
        assert_eq!(keys, ["zeta", "alpha", "mid"]);
        assert_eq!(serde_json::to_string(&value).unwrap(), wire);
    }

    #[test]
    fn sensitive_structures_members_and_lists() {
        let login = Login::new("hunter2".into(), "ann".into()) // (password, user)
            .with_recovery_codes(vec!["code-1".into()])
            .with_credentials(Credentials::new("AKIA-SECRET".into()));
        let debug = format!("{login:?}");
        for secret in ["hunter2", "code-1", "AKIA-SECRET"] {
            assert!(!debug.contains(secret), "{secret} leaked: {debug}");
        }
        assert!(debug.contains("ann"));
        let expr = Expression::Secret("s3cr3t".into());
        assert!(!format!("{expr:?}").contains("s3cr3t"));
    }

    #[test]
    fn http_bound_members_stay_out_of_the_body() {
        let req = PutThingRequest::default().with_thing_id("t-1".into()).with_dry_run(true).with_token("tok".into());
        let body = serde_json::to_value(&req).unwrap();
        assert!(body.get("thingId").is_none() && body.get("dry-run").is_none() && body.get("X-Token").is_none(), "{body}");
        assert!(body.get("payloads").is_some());
    }

    #[test]
    fn exceptions() {
        let e = ThingNotFoundException::default().with_message("no t-1".into());
        assert_eq!(e.to_string(), "ThingNotFoundException: no t-1");
        assert_eq!(InternalFailure::new("boom".into()).to_string(), "InternalFailure: boom");
        let _: &dyn std::error::Error = &e;
    }
}

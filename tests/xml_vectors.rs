//! Replays `tests/vectors/xml/` (`cargo xtask xml-vectors`: botocore's
//! rest-xml, query and ec2 serializers and parsers) through the generated
//! s3, route53, iam, sts, sns and ec2 operations: requests byte for byte (method, path and
//! query, the headers botocore's serializer sets, body), responses as the
//! JSON form of the parsed output, errors as code and message.

use std::path::Path;

use awsgen_runtime::http::{ErrorResponse, Operation, SdkError};
use serde_json::Value;

fn vectors(service: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("vectors/xml/{service}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

fn cases<'v>(v: &'v Value, kind: &str) -> &'v [Value] {
    v[kind].as_array().unwrap()
}

/// Compares our request with botocore's.
fn check_request(case: &Value, request: &http::Request<Vec<u8>>) {
    let name = case["name"].as_str().unwrap();
    assert_eq!(request.method().as_str(), case["method"], "{name}: method");
    assert_eq!(request.uri().to_string(), case["uri"].as_str().unwrap(), "{name}: path and query");
    for (header, want) in case["headers"].as_object().unwrap() {
        let have = request.headers().get(header).map(|v| v.to_str().unwrap());
        assert_eq!(have, want.as_str(), "{name}: header {header}");
    }
    let content_type = request.headers().get("content-type").is_some();
    let want_content_type = case["headers"].as_object().unwrap().keys().any(|k| k.eq_ignore_ascii_case("content-type"));
    assert_eq!(content_type, want_content_type, "{name}: Content-Type");
    match case["body"].as_str() {
        Some(body) => assert_eq!(String::from_utf8_lossy(request.body()), body, "{name}: body"),
        None => assert!(case["params"].get("Body").is_some(), "{name}: binary body"),
    }
}

/// A request from the case's parameters: every member is in the form on the
/// query protocols, so the typed input reads them from the JSON form.
fn query_request<O: Operation>(case: &Value) -> http::Request<Vec<u8>>
where
    O::Input: serde::de::DeserializeOwned,
{
    let input: O::Input = serde_json::from_value(case["params"].clone()).unwrap();
    O::build_request(&input).unwrap()
}

fn response(case: &Value) -> http::Response<Vec<u8>> {
    let mut b = http::Response::builder().status(case["status"].as_u64().unwrap() as u16);
    for (k, v) in case["headers"].as_object().unwrap() {
        b = b.header(k, v.as_str().unwrap());
    }
    b.body(case["body"].as_str().unwrap().as_bytes().to_vec()).unwrap()
}

/// Our parsed output, in its JSON form, against botocore's.
fn check_response<O: Operation>(case: &Value)
where
    O::Output: serde::Serialize,
    O::Error: std::fmt::Debug,
{
    let name = case["name"].as_str().unwrap();
    let output = O::parse_response(&response(case)).unwrap_or_else(|e| panic!("{name}: {e:?}"));
    assert_eq!(serde_json::to_value(&output).unwrap(), case["parsed"], "{name}");
}

fn check_error<O: Operation>(case: &Value, code_of: impl Fn(&O::Error) -> String)
where
    O::Output: std::fmt::Debug,
    O::Error: std::fmt::Debug,
{
    let name = case["name"].as_str().unwrap();
    let resp = response(case);
    let read = ErrorResponse::<O::Protocol>::new(&resp);
    assert_eq!(read.code(), case["code"].as_str().unwrap(), "{name}: code");
    assert_eq!(read.message(), case["message"].as_str(), "{name}: message");
    match O::parse_response(&resp) {
        Err(SdkError::Service(e)) => assert_eq!(code_of(&e), case["code"].as_str().unwrap(), "{name}"),
        other => panic!("{name}: {other:?}"),
    }
}

#[test]
fn iam_sts_ec2_requests() {
    let mut n = 0;
    for service in ["iam", "sts", "sns", "ec2"] {
        let v = vectors(service);
        for case in cases(&v, "requests") {
            let request = match (service, case["operation"].as_str().unwrap()) {
                ("sns", "CreateTopic") => query_request::<sns::operations::CreateTopic>(case),
                ("sns", "Publish") => query_request::<sns::operations::Publish>(case),
                ("sns", "GetTopicAttributes") => query_request::<sns::operations::GetTopicAttributes>(case),
                ("iam", "CreateUser") => query_request::<iam::operations::CreateUser>(case),
                ("iam", "ListUsers") => query_request::<iam::operations::ListUsers>(case),
                ("sts", "GetCallerIdentity") => query_request::<sts::operations::GetCallerIdentity>(case),
                ("ec2", "RunInstances") => query_request::<ec2::operations::RunInstances>(case),
                ("ec2", "DescribeInstances") => query_request::<ec2::operations::DescribeInstances>(case),
                (s, op) => panic!("no replay for {s} {op}"),
            };
            check_request(case, &request);
            n += 1;
        }
    }
    assert_eq!(n, 11);
}

/// Route 53: XML request bodies named and namespaced by the operation's
/// input reference.
#[test]
fn route53_requests() {
    use route53::operations::{ChangeResourceRecordSets, CreateHostedZone, ListHostedZones};
    use route53::types::*;
    let v = vectors("route53");
    for case in cases(&v, "requests") {
        let params = &case["params"];
        let request = match case["name"].as_str().unwrap() {
            "change-rrsets-xml-body" => ChangeResourceRecordSets::build_request(&ChangeResourceRecordSetsRequest::new(
                serde_json::from_value(params["ChangeBatch"].clone()).unwrap(),
                "Z1D633PJN98FT9".into(),
            )),
            // Every member of CreateHostedZone is in the body.
            "create-hosted-zone" => {
                CreateHostedZone::build_request(&serde_json::from_value::<CreateHostedZoneRequest>(params.clone()).unwrap())
            }
            "list-hosted-zones-query" => ListHostedZones::build_request(&ListHostedZonesRequest::default()
                .with_marker("m/1".into())
                .with_max_items("2".into())
                .with_hosted_zone_type(HostedZoneType::PrivateHostedZone)),
            other => panic!("no replay for {other}"),
        };
        check_request(case, &request.unwrap());
    }
}

#[test]
fn s3_requests() {
    use s3::operations::{CreateBucket, GetObject, ListObjectsV2, PutObject};
    use s3::types::*;
    let v = vectors("s3");
    let odd = "a b%c?d#e&f=g+h/i~j*k'l(m)n!o\u{e9}<x>&amp;\"q\"";
    for case in cases(&v, "requests") {
        // The REST bindings are set on the typed input by hand; the XML body
        // member comes from the case's parameters.
        let params = &case["params"];
        let request = match case["name"].as_str().unwrap() {
            "create-bucket-configuration" => CreateBucket::build_request(&CreateBucketRequest::new("awsgen-bucket".into())
                .with_acl(BucketCannedACL::Private)
                .with_create_bucket_configuration(serde_json::from_value(params["CreateBucketConfiguration"].clone()).unwrap(),)
                .with_object_ownership(ObjectOwnership::BucketOwnerEnforced)),
            "create-bucket-no-configuration" => {
                CreateBucket::build_request(&CreateBucketRequest::new("awsgen-bucket".into()))
            }
            "put-object-headers-metadata" => PutObject::build_request(&PutObjectRequest::new("awsgen-bucket".into(), format!("dir/sub dir/{odd}"))
                .with_body(b"hello \x00\xff".to_vec())
                .with_content_type("text/plain".into())
                .with_content_length(8)
                .with_metadata([("owner".to_string(), "me".to_string()), ("n".into(), "1".into())].into_iter().collect())
                .with_storage_class(StorageClass::StandardIa)
                .with_tagging("a=1&b=2".into())
                .with_expires("Wed, 21 Oct 2015 07:28:00 GMT".into())),
            "get-object-range-query" => GetObject::build_request(&GetObjectRequest::new("awsgen-bucket".into(), "k/1.txt".into())
                .with_range("bytes=0-9".into())
                .with_version_id("v 1".into())
                .with_response_content_type("application/json".into())
                .with_if_modified_since("2024-05-01T12:00:00Z".parse().unwrap())
                .with_part_number(2)),
            "list-objects-v2-every-query" => ListObjectsV2::build_request(&ListObjectsV2Request::new("awsgen-bucket".into())
                .with_delimiter("/".into())
                .with_encoding_type(EncodingType::Url)
                .with_max_keys(3)
                .with_prefix(format!("dir/{odd}"))
                .with_continuation_token("1/+==".into())
                .with_fetch_owner(true)
                .with_start_after("a".into())
                .with_optional_object_attributes(vec![OptionalObjectAttributes::RestoreStatus])),
            "list-objects-v2-bucket-only" => {
                ListObjectsV2::build_request(&ListObjectsV2Request::new("awsgen-bucket".into()))
            }
            other => panic!("no replay for {other}"),
        };
        check_request(case, &request.unwrap());
    }
}

#[test]
fn responses_like_botocore() {
    let mut n = 0;
    for service in ["s3", "route53", "iam", "sts", "sns", "ec2"] {
        let v = vectors(service);
        for case in cases(&v, "responses") {
            match (service, case["operation"].as_str().unwrap()) {
                ("route53", "ListHostedZones") => check_response::<route53::operations::ListHostedZones>(case),
                ("route53", "ChangeResourceRecordSets") => {
                    check_response::<route53::operations::ChangeResourceRecordSets>(case)
                }
                ("sns", "GetTopicAttributes") => check_response::<sns::operations::GetTopicAttributes>(case),
                ("sns", "CreateTopic") => check_response::<sns::operations::CreateTopic>(case),
                ("s3", "ListObjectsV2") => check_response::<s3::operations::ListObjectsV2>(case),
                ("iam", "CreateUser") => check_response::<iam::operations::CreateUser>(case),
                ("iam", "ListUsers") => check_response::<iam::operations::ListUsers>(case),
                ("sts", "GetCallerIdentity") => check_response::<sts::operations::GetCallerIdentity>(case),
                ("ec2", "DescribeInstances") => check_response::<ec2::operations::DescribeInstances>(case),
                ("ec2", "RunInstances") => check_response::<ec2::operations::RunInstances>(case),
                (s, op) => panic!("no replay for {s} {op}"),
            }
            n += 1;
        }
    }
    assert_eq!(n, 13);
}

#[test]
fn errors_like_botocore() {
    let mut n = 0;
    for service in ["s3", "route53", "iam", "sts", "sns", "ec2"] {
        let v = vectors(service);
        for case in cases(&v, "errors") {
            match (service, case["operation"].as_str().unwrap()) {
                ("route53", "ChangeResourceRecordSets") => {
                    check_error::<route53::operations::ChangeResourceRecordSets>(case, |e| e.code().into())
                }
                ("sns", "GetTopicAttributes") => {
                    check_error::<sns::operations::GetTopicAttributes>(case, |e| e.code().into())
                }
                ("s3", "GetObject") => check_error::<s3::operations::GetObject>(case, |e| e.code().into()),
                ("s3", "ListObjectsV2") => check_error::<s3::operations::ListObjectsV2>(case, |e| e.code().into()),
                ("s3", "CreateBucket") => check_error::<s3::operations::CreateBucket>(case, |e| e.code().into()),
                ("iam", "CreateUser") => check_error::<iam::operations::CreateUser>(case, |e| e.code().into()),
                ("iam", "ListUsers") => check_error::<iam::operations::ListUsers>(case, |e| e.code().into()),
                ("sts", "GetCallerIdentity") => {
                    check_error::<sts::operations::GetCallerIdentity>(case, |e| e.code().into())
                }
                ("ec2", "DescribeInstances") => {
                    check_error::<ec2::operations::DescribeInstances>(case, |e| e.code().into())
                }
                (s, op) => panic!("no replay for {s} {op}"),
            }
            n += 1;
        }
    }
    assert_eq!(n, 10);
    // A modelled error is the typed variant, its members read from <Error>.
    let v = vectors("iam");
    let resp = response(&cases(&v, "errors")[0]);
    match <iam::operations::CreateUser as Operation>::parse_response(&resp) {
        Err(SdkError::Service(iam::operations::CreateUserError::EntityAlreadyExistsException(e))) => {
            assert_eq!(e.message.as_deref(), Some("User with name u already exists."));
        }
        other => panic!("{other:?}"),
    }
}

/// Malformed XML in a 2xx response is a `ResponseError` naming where.
#[test]
fn malformed_responses_are_errors() {
    for body in ["<ListBucketResult><Name>x</ListBucketResult>", "<a>", "<ListBucketResult><KeyCount>many</KeyCount></ListBucketResult>"] {
        let resp = http::Response::builder().status(200).body(body.as_bytes().to_vec()).unwrap();
        match <s3::operations::ListObjectsV2 as Operation>::parse_response(&resp) {
            Err(SdkError::Response(e)) => assert!(e.message.contains("XML"), "{body}: {e}"),
            other => panic!("{body}: {other:?}"),
        }
    }
}

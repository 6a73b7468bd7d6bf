//! Request checksums (S3's flexible checksums) against botocore:
//! `tests/vectors/checksum/s3.json` (`cargo xtask checksum-vectors`) holds
//! the checksum headers botocore sends for each input; the generated s3
//! crate builds the same input and must send the same ones.

use awsgen_runtime::http::Operation;
use s3::operations::{DeleteObjects, PutObject};
use s3::types::{ChecksumAlgorithm, Delete, DeleteObjectsRequest, ObjectIdentifier, PutObjectRequest};
use serde_json::Value;
use std::collections::BTreeMap;

fn vectors() -> Vec<Value> {
    let text = include_str!("vectors/checksum/s3.json");
    let vectors: Value = serde_json::from_str(text).unwrap();
    vectors["cases"].as_array().unwrap().clone()
}

/// The input of a case, built as a user would.
fn request(case: &Value) -> http::Request<Vec<u8>> {
    let input = &case["input"];
    let text = |key: &str| input[key].as_str().map(str::to_owned);
    let built = match case["operation"].as_str().unwrap() {
        "put_object" => {
            let mut req = PutObjectRequest::new(text("Bucket").unwrap(), text("Key").unwrap());
            if let Some(body) = text("Body") {
                req = req.with_body(body.into_bytes());
            }
            if let Some(algorithm) = text("ChecksumAlgorithm") {
                req = req.with_checksum_algorithm(ChecksumAlgorithm::from(algorithm.as_str()));
            }
            if let Some(crc) = text("ChecksumCRC32") {
                req = req.with_checksum_crc32(crc);
            }
            PutObject::build_request(&req)
        }
        "delete_objects" => {
            let delete = &input["Delete"];
            let objects = delete["Objects"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| ObjectIdentifier::new(o["Key"].as_str().unwrap().to_owned()))
                .collect();
            let mut d = Delete::new(objects);
            if let Some(quiet) = delete["Quiet"].as_bool() {
                d = d.with_quiet(quiet);
            }
            let mut req = DeleteObjectsRequest::new(text("Bucket").unwrap(), d);
            if let Some(algorithm) = text("ChecksumAlgorithm") {
                req = req.with_checksum_algorithm(ChecksumAlgorithm::from(algorithm.as_str()));
            }
            DeleteObjects::build_request(&req)
        }
        other => panic!("no case builder for {other}"),
    };
    built.unwrap_or_else(|e| panic!("{}: {e}", case["name"]))
}

#[test]
fn request_checksums_like_botocore() {
    let cases = vectors();
    assert!(cases.len() >= 7, "{} cases", cases.len());
    let mut differences = Vec::new();
    for case in &cases {
        let request = request(case);
        let ours: BTreeMap<String, String> = request
            .headers()
            .iter()
            .filter(|(k, _)| k.as_str().starts_with("x-amz-checksum-") || k.as_str() == "x-amz-sdk-checksum-algorithm" || k.as_str() == "content-md5")
            .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap().to_owned()))
            .collect();
        let botocore: BTreeMap<String, String> = serde_json::from_value(case["checksum_headers"].clone()).unwrap();
        if ours != botocore {
            differences.push(format!("{}: ours {ours:?}, botocore {botocore:?}", case["name"]));
        }
    }
    assert!(differences.is_empty(), "{} of {} cases differ from botocore:\n{}", differences.len(), cases.len(), differences.join("\n"));
}

/// An algorithm the runtime does not compute is an error naming it, not a
/// request without the checksum the caller asked for.
#[test]
fn unsupported_algorithms_are_errors() {
    let req = PutObjectRequest::new("b".into(), "k".into()).with_checksum_algorithm(ChecksumAlgorithm::from("CRC64NVME"));
    let e = PutObject::build_request(&req).unwrap_err().to_string();
    assert!(e.contains("`PutObject`") && e.contains("unsupported checksum algorithm: CRC64NVME"), "{e}");
}

/// GetObject checks the body against the checksum header S3 returns (in
/// botocore's order of preference), and asks for it by default.
#[test]
fn get_object_validates_the_response_checksum() {
    use s3::operations::GetObject;
    use s3::types::GetObjectRequest;
    let response = |header: &str, value: &str| {
        http::Response::builder().status(200).header(header, value).body(b"123456789".to_vec()).unwrap()
    };
    let ok = GetObject::parse_response(&response("x-amz-checksum-crc32", "y/Q5Jg==")).expect("matching CRC32");
    assert_eq!(ok.checksum_crc32.as_deref(), Some("y/Q5Jg=="));
    let bad = GetObject::parse_response(&response("x-amz-checksum-sha256", "AAAA")).unwrap_err().to_string();
    assert!(bad.contains("Expected checksum AAAA did not match calculated checksum: FeKw08M4keuw8e9gnsQZQgwg4yDOlMZfvIwzEkSOsiU="), "{bad}");
    // A multipart object's composite checksum is not checked (botocore skips it too).
    GetObject::parse_response(&response("x-amz-checksum-crc32", "AAAAAA==-2")).expect("composite");

    let mut input = GetObjectRequest::new("b".into(), "k".into());
    assert!(GetObject::customize(&mut input).is_none());
    assert_eq!(input.checksum_mode.as_ref().map(|m| m.as_str()), Some("ENABLED"));
    let request = GetObject::build_request(&input).unwrap();
    assert_eq!(request.headers()["x-amz-checksum-mode"], "ENABLED");
}

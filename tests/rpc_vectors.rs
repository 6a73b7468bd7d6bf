//! The RPC protocols against botocore's own serializers and parsers
//! (`cargo xtask rpc-vectors` → `tests/vectors/rpc/`): every recorded request
//! is framed byte for byte as botocore frames it (method, path, headers,
//! body), every recorded output body is read to what botocore's parser
//! read, and every recorded error response gives botocore's code, message,
//! request id and modelled error.

use std::path::Path;

use awsgen_runtime::http::{ErrorResponse, Operation, SdkError};
use awsgen_runtime::protocol::Protocol;
use base64::Engine as _;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

fn vectors(service: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("vectors/rpc/{service}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// A recorded body: JSON text, or base64 of CBOR.
fn body_bytes(body: &Value) -> Vec<u8> {
    match (body.get("text"), body.get("base64")) {
        (Some(text), _) => text.as_str().unwrap().as_bytes().to_vec(),
        (_, Some(b64)) => base64::engine::general_purpose::STANDARD.decode(b64.as_str().unwrap()).unwrap(),
        _ => panic!("no body in {body}"),
    }
}

fn response(status: u16, headers: &Value, body: Vec<u8>) -> http::Response<Vec<u8>> {
    let mut b = http::Response::builder().status(status);
    for (k, v) in headers.as_object().into_iter().flatten() {
        b = b.header(k.as_str(), v.as_str().unwrap());
    }
    b.body(body).unwrap()
}

/// Reads a typed input from the body botocore sent (the RPC protocols put
/// every member in the body); protocol-specific.
trait Wire: Protocol {
    fn read_input<T: DeserializeOwned>(body: &[u8]) -> Result<T, String>;
    /// Whether `output` (read from the case's body) is what botocore read.
    fn compare_output<T: Serialize>(output: &T, case: &Value) -> Result<(), String>;
}

impl Wire for awsgen_runtime::protocol::AwsJson {
    fn read_input<T: DeserializeOwned>(body: &[u8]) -> Result<T, String> {
        serde_json::from_slice(body).map_err(|e| e.to_string())
    }

    /// The same members and values as botocore's parser returned.
    fn compare_output<T: Serialize>(output: &T, case: &Value) -> Result<(), String> {
        let ours = serde_json::to_value(output).unwrap();
        let want = wire_form(&case["parsed"]);
        if ours == want {
            Ok(())
        } else {
            Err(format!("output differs:\n  ours:     {ours}\n  botocore: {want}"))
        }
    }
}

impl Wire for awsgen_runtime::protocol::RpcV2Cbor {
    fn read_input<T: DeserializeOwned>(body: &[u8]) -> Result<T, String> {
        awsgen_runtime::protocol::cbor::from_slice(body).map_err(|e| e.to_string())
    }

    /// Written back to CBOR, the output is byte for byte the body botocore
    /// wrote (every member read, with its type, width and tag).
    fn compare_output<T: Serialize>(output: &T, case: &Value) -> Result<(), String> {
        let ours = awsgen_runtime::protocol::cbor::to_vec(output).map_err(|e| e.to_string())?;
        let want = body_bytes(&case["body"]);
        if ours == want {
            Ok(())
        } else {
            let ours_value = awsgen_runtime::protocol::cbor::from_slice_value(&ours);
            let want_value = awsgen_runtime::protocol::cbor::from_slice_value(&want);
            Err(format!("output differs:\n  ours:     {ours_value:?}\n  botocore: {want_value:?}"))
        }
    }
}

/// botocore's request, rebuilt from a typed input read from its body: the
/// same method, path, headers and body bytes.
fn check_request<O: Operation>(case: &Value) -> Result<(), String>
where
    O::Input: DeserializeOwned,
    O::Protocol: Wire,
{
    let want_body = body_bytes(&case["body"]);
    let input: O::Input = <O::Protocol as Wire>::read_input(&want_body)?;
    let request = O::build_request(&input).map_err(|e| e.to_string())?;
    let mut problems = Vec::new();
    if request.method() != case["method"].as_str().unwrap() {
        problems.push(format!("method {} != {}", request.method(), case["method"]));
    }
    if request.uri() != case["url_path"].as_str().unwrap() {
        problems.push(format!("path {} != {}", request.uri(), case["url_path"]));
    }
    let want_headers = case["headers"].as_object().unwrap();
    for (name, value) in want_headers {
        let got = request.headers().get_all(name.as_str()).iter().map(|v| v.to_str().unwrap()).collect::<Vec<_>>();
        if got != [value.as_str().unwrap()] {
            problems.push(format!("header {name}: {got:?} != {value}"));
        }
    }
    for name in request.headers().keys() {
        if !want_headers.keys().any(|k| k.eq_ignore_ascii_case(name.as_str())) {
            problems.push(format!("header {name} is not sent by botocore"));
        }
    }
    if request.body() != &want_body {
        problems.push(format!(
            "body differs:\n  ours:     {}\n  botocore: {}",
            String::from_utf8_lossy(request.body()),
            String::from_utf8_lossy(&want_body)
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

/// botocore's parsed output (`$timestamp` / `$bytes` markers) in the JSON
/// wire form the generated types serialize to: epoch seconds and base64.
fn wire_form(value: &Value) -> Value {
    match value {
        Value::Object(map) if map.len() == 1 && map.contains_key("$timestamp") => {
            let text = map["$timestamp"].as_str().unwrap();
            let ts = chrono::DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&chrono::Utc);
            Value::Number(awsgen_runtime::wire::epoch_seconds(&ts))
        }
        Value::Object(map) if map.len() == 1 && map.contains_key("$bytes") => map["$bytes"].clone(),
        Value::Object(map) => Value::Object(map.iter().map(|(k, v)| (k.clone(), wire_form(v))).collect()),
        Value::Array(items) => Value::Array(items.iter().map(wire_form).collect()),
        other => other.clone(),
    }
}

/// The output botocore's parser read from a body: the same members and values.
fn check_output<O: Operation>(case: &Value) -> Result<(), String>
where
    O::Output: Serialize,
    O::Protocol: Wire,
{
    let resp = response(200, &serde_json::json!({"x-amzn-RequestId": "req-out"}), body_bytes(&case["body"]));
    let output = O::parse_response(&resp).map_err(|e| format!("parse_response failed: {e:?}"))?;
    <O::Protocol as Wire>::compare_output(&output, case)
}

/// botocore's reading of an error response: code, message, request id, and
/// the modelled error it raises.
fn check_error<O: Operation>(case: &Value, shape_code: impl Fn(&ErrorResponse<'_, O::Protocol>) -> String) -> Result<(), String>
where
    O::Error: std::fmt::Debug + std::fmt::Display,
{
    let resp = response(case["status"].as_u64().unwrap() as u16, &case["headers"], body_bytes(&case["body"]));
    let error = ErrorResponse::<O::Protocol>::new(&resp);
    let mut problems = Vec::new();
    let want_code = case["code"].as_str().unwrap();
    if error.code() != want_code {
        problems.push(format!("code {} != {want_code}", error.code()));
    }
    if let Some(query) = case["query_error_code"].as_str() {
        if shape_code(&error) != query {
            problems.push(format!("shape code {} != QueryErrorCode {query}", shape_code(&error)));
        }
    }
    // botocore says '' for no message.
    let want_message = case["message"].as_str().filter(|m| !m.is_empty());
    if error.message() != want_message {
        problems.push(format!("message {:?} != {want_message:?}", error.message()));
    }
    let parts = ErrorResponse::<O::Protocol>::new(&resp).into_parts();
    if parts.request_id.as_deref() != case["request_id"].as_str() {
        problems.push(format!("request id {:?} != {}", parts.request_id, case["request_id"]));
    }
    match O::parse_response(&resp) {
        Err(SdkError::Service(e)) => {
            let debug = format!("{e:?}");
            match case["modelled_code"].as_str() {
                Some(code) if debug.starts_with("Unhandled") => problems.push(format!("Unhandled, botocore raises {code}: {debug}")),
                None if !debug.starts_with("Unhandled") => problems.push(format!("modelled, botocore does not: {debug}")),
                _ => {}
            }
        }
        Err(other) => problems.push(format!("not a service error: {other}")),
        Ok(_) => problems.push("read as a success".into()),
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

/// Runs every case of a service's vectors through its operations.
macro_rules! replay {
    ($service:literal, $krate:ident, shape_code = $shape_code:expr, [$($op:ident),* $(,)?]) => {{
        let v = vectors($service);
        let mut failures = Vec::new();
        let (mut requests, mut outputs, mut errors) = (0, 0, 0);
        for case in v["requests"].as_array().unwrap() {
            let result = match case["operation"].as_str().unwrap() {
                $(stringify!($op) => check_request::<$krate::operations::$op>(case),)*
                other => Err(format!("no operation {other} in the crate")),
            };
            requests += 1;
            if let Err(e) = result {
                failures.push(format!("request {} {}: {e}", case["operation"], case["variant"]));
            }
        }
        for case in v["outputs"].as_array().unwrap() {
            let result = match case["operation"].as_str().unwrap() {
                $(stringify!($op) => check_output::<$krate::operations::$op>(case),)*
                other => Err(format!("no operation {other} in the crate")),
            };
            outputs += 1;
            if let Err(e) = result {
                failures.push(format!("output {}: {e}", case["operation"]));
            }
        }
        for case in v["errors"].as_array().unwrap() {
            let result = match case["operation"].as_str().unwrap() {
                $(stringify!($op) => check_error::<$krate::operations::$op>(case, $shape_code),)*
                other => Err(format!("no operation {other} in the crate")),
            };
            errors += 1;
            if let Err(e) = result {
                failures.push(format!("error {}: {e}", case["name"]));
            }
        }
        assert!(failures.is_empty(), "{} of {} cases differ from botocore:\n{}", failures.len(), requests + outputs + errors, failures.join("\n\n"));
        assert!(requests > 0 && outputs > 0 && errors > 0);
        (requests, outputs, errors)
    }};
}

fn no_shape_code<P: Protocol>(_: &ErrorResponse<'_, P>) -> String {
    unreachable!("only awsQueryCompatible services record a QueryErrorCode")
}

#[test]
fn dynamodb_aws_json_1_0_like_botocore() {
    let counts = replay!("dynamodb", dynamodb, shape_code = no_shape_code, [
        CreateTable, DescribeTable, DeleteTable, ListTables, PutItem, GetItem, Query, ListBackups,
    ]);
    assert_eq!(counts.0, 8);
}

#[test]
fn kinesis_aws_json_1_1_like_botocore() {
    replay!("kinesis", kinesis, shape_code = no_shape_code, [PutRecord, GetRecords, GetShardIterator, ListShards]);
}

#[test]
fn sqs_query_compatible_aws_json_like_botocore() {
    replay!("sqs", sqs, shape_code = awsgen_runtime::protocol::aws_json::shape_code, [
        CreateQueue, DeleteQueue, ListQueues, GetQueueAttributes, SendMessage, ReceiveMessage,
    ]);
}

/// awsQueryCompatible with query codes in its model: matched on the query
/// code, as botocore's error factory does. (The model also lists
/// smithy-rpc-v2-cbor; botocore's client, and so the generator, picks json.)
#[test]
fn cloudwatch_query_compatible_aws_json_like_botocore() {
    replay!("cloudwatch", cloudwatch, shape_code = awsgen_runtime::protocol::aws_json::shape_code, [
        PutMetricData, GetMetricData, GetMetricStatistics, ListMetrics, PutMetricAlarm, DescribeAlarms, GetMetricWidgetImage,
    ]);
}

/// rpcv2Cbor: blobs, timestamps (tag 1), unions, maps.
#[test]
fn eventbridgev2_rpcv2_cbor_like_botocore() {
    replay!("eventbridgev2", eventbridgev2, shape_code = no_shape_code, [
        PutRawEvents, PutEvents, CreateEventSource, DescribeEventSource, ListEventBuses, DescribeEventBus,
    ]);
}

/// rpcv2Cbor: doubles, NaN and the infinities as botocore's half floats.
#[test]
fn cloudwatchomni_rpcv2_cbor_like_botocore() {
    replay!("cloudwatchomni", cloudwatchomni, shape_code = no_shape_code, [CreateAlert, GetAlert, ListAlerts]);
}

/// botocore's SigV4 signature of a call (`tests/vectors/rpc/sigv4.json`):
/// the generated operation frames the same request from the recorded body
/// (exactly botocore's headers), and the client's signer signs it at the
/// same time with the same credentials: the same signature.
fn check_signature<O: Operation>(case: &Value) -> Result<(), String>
where
    O::Input: DeserializeOwned,
    O::Protocol: Wire,
{
    let body = base64::engine::general_purpose::STANDARD.decode(case["body_base64"].as_str().unwrap()).unwrap();
    let input: O::Input = <O::Protocol as Wire>::read_input(&body)?;
    let built = O::build_request(&input).map_err(|e| e.to_string())?;
    let mut want: Vec<(String, String)> = case["headers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h[0].as_str().unwrap().to_ascii_lowercase(), h[1].as_str().unwrap().to_owned()))
        .collect();
    want.sort();
    let mut ours: Vec<(String, String)> =
        built.headers().iter().map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap().to_owned())).collect();
    ours.sort();
    if ours != want {
        return Err(format!("headers {ours:?} != botocore's {want:?}"));
    }
    let url = case["url"].as_str().unwrap();
    let origin = &url[..url[8..].find('/').map_or(url.len(), |i| i + 8)];
    let mut request = http::Request::builder()
        .method(built.method())
        .uri(format!("{origin}{}", built.uri()))
        .body(built.body().clone())
        .unwrap();
    *request.headers_mut() = built.headers().clone();
    if *request.uri() != url {
        return Err(format!("url {} != {url}", request.uri()));
    }
    let creds = &case["credentials"];
    let credentials = awsgen_runtime::client::Credentials::from_keys(
        creds["access_key_id"].as_str().unwrap(),
        creds["secret_access_key"].as_str().unwrap(),
        creds["session_token"].as_str().map(str::to_owned),
    );
    let time = std::time::UNIX_EPOCH + std::time::Duration::from_secs(case["time"].as_u64().unwrap());
    let signing_name = case["signing_name"].as_str().unwrap();
    awsgen_runtime::client::sign(&mut request, credentials, case["region"].as_str().unwrap(), signing_name, time)
        .map_err(|e| e.to_string())?;
    for (name, value) in case["signed"].as_object().unwrap() {
        let got = request.headers().get(name.as_str()).map(|v| v.to_str().unwrap());
        if got != value.as_str() {
            return Err(format!("{name}: {got:?} != botocore's {value}"));
        }
    }
    Ok(())
}

#[test]
fn signatures_like_botocore_for_every_rpc_protocol() {
    let v = vectors("sigv4");
    let mut failures = Vec::new();
    for case in v["cases"].as_array().unwrap() {
        let result = match (case["service"].as_str().unwrap(), case["operation"].as_str().unwrap()) {
            ("dynamodb", "PutItem") => check_signature::<dynamodb::operations::PutItem>(case),
            ("dynamodb", "ListTables") => check_signature::<dynamodb::operations::ListTables>(case),
            ("kinesis", "PutRecord") => check_signature::<kinesis::operations::PutRecord>(case),
            ("sqs", "SendMessage") => check_signature::<sqs::operations::SendMessage>(case),
            ("cloudwatch", "PutMetricData") => check_signature::<cloudwatch::operations::PutMetricData>(case),
            ("eventbridgev2", "PutEvents") => check_signature::<eventbridgev2::operations::PutEvents>(case),
            ("eventbridgev2", "ListEventBuses") => check_signature::<eventbridgev2::operations::ListEventBuses>(case),
            (s, o) => Err(format!("no case for {s} {o}")),
        };
        if let Err(e) = result {
            failures.push(format!("{}: {e}", case["name"]));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(v["cases"].as_array().unwrap().len(), 7);
}

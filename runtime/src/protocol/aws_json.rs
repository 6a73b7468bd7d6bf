//! awsJson 1.0 and 1.1 (`json` in botocore): every request is
//! `POST /` with `X-Amz-Target: <targetPrefix>.<Operation>` and
//! `Content-Type: application/x-amz-json-<version>`, and its body is the
//! whole input as JSON (HTTP binding traits do not apply; `{}` when the
//! operation has no input), written as botocore's `JSONSerializer` writes it.
//! Responses are JSON bodies, read with [`json_body`](crate::http::json_body)
//! (the [`FromJson`](crate::json::FromJson) fast path). Errors are read as
//! botocore's `BaseJSONParser` does.

use crate::to_json::ToJson;

use super::rest_json::{error_body, header, text};
use super::{DecodeError, ErrorRead, Protocol};
use crate::http::{BuildError, Metadata, RequestBuilder};

/// The awsJson protocol (both versions read errors the same way).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AwsJson;

/// How an awsJson service frames its requests, from its model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Service {
    /// `Content-Type`: `application/x-amz-json-1.0` or `…-1.1`.
    pub content_type: &'static str,
    /// `targetPrefix` (e.g. `DynamoDB_20120810`).
    pub target_prefix: &'static str,
    /// `awsQueryCompatible`: requests say `x-amzn-query-mode: true`, and
    /// error codes come from `x-amzn-query-error` (botocore does both).
    pub query_compatible: bool,
}

/// The request of one call: `input` (`None`: an operation without input,
/// sent as `{}`) as the JSON body of `POST /`.
pub fn request<T: ToJson>(
    service: &Service,
    metadata: Metadata,
    input: Option<&T>,
) -> Result<::http::Request<Vec<u8>>, BuildError> {
    let mut request = RequestBuilder::new(metadata);
    request
        .header("X-Amz-Target", format!("{}.{}", service.target_prefix, metadata.name))
        .header("Content-Type", service.content_type);
    if service.query_compatible {
        request.header("x-amzn-query-mode", "true");
    }
    match input {
        Some(input) => request.json_body(input),
        None => request.body(b"{}".to_vec(), None),
    };
    request.build()
}

/// Applies `x-amzn-query-error: <Code>;<Sender|Receiver>` (sent by
/// `awsQueryCompatible` services) as botocore's
/// `_do_query_compatible_error_parse` does: with exactly two parts and a
/// non-empty code, that code replaces `code`.
pub(crate) fn query_compatible_code(response: &::http::Response<Vec<u8>>, code: String) -> String {
    match header(response, "x-amzn-query-error") {
        Some(value) => match value.split(';').collect::<Vec<_>>().as_slice() {
            [query_code, _] if !query_code.is_empty() => (*query_code).to_owned(),
            _ => code,
        },
        None => code,
    }
}

impl Protocol for AwsJson {
    type ErrorBody = serde_json::Value;
    const NAME: &'static str = "awsJson";

    /// The code is the body's `__type` (else the status code), without a
    /// `namespace#` prefix or `:…` suffix, replaced by the
    /// `x-amzn-query-error` header's code when that is sent; the message is
    /// the body's `message` or `Message`. (`X-Amzn-ErrorType` and `code` are
    /// not read: botocore does not read them for this protocol.)
    fn read_error(response: &::http::Response<Vec<u8>>) -> ErrorRead<serde_json::Value> {
        let body = error_body(response.body());
        let code = text(&body, "__type").unwrap_or_else(|| response.status().as_u16().to_string());
        let code = crate::http::sanitize_error_code(&code).to_owned();
        let code = query_compatible_code(response, code);
        let message = text(&body, "message").or_else(|| text(&body, "Message"));
        ErrorRead { code, message, body }
    }
}

/// The code botocore looks SQS's modelled errors up by: the body's `__type`
/// without its namespace (else the status code), even when
/// `x-amzn-query-error` gave [`code`](crate::http::ErrorResponse::code) the
/// query code. botocore's `_handle_sqs_compatible_error` does this for SQS,
/// whose model, unlike other `awsQueryCompatible` models, gives its errors no
/// query codes.
pub fn shape_code(error: &crate::http::ErrorResponse<'_, AwsJson>) -> String {
    match text(error.body(), "__type") {
        Some(code) => crate::http::sanitize_error_code(&code).to_owned(),
        None => error.response().status().as_u16().to_string(),
    }
}

impl<T: crate::json::FromJson> DecodeError<AwsJson> for T {
    fn decode_error(body: &serde_json::Value) -> Result<Self, String> {
        crate::protocol::decode_json_error(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DDB: Service =
        Service { content_type: "application/x-amz-json-1.0", target_prefix: "DynamoDB_20120810", query_compatible: false };
    const META: Metadata = Metadata { name: "ListTables", method: "POST", uri: "/", success_code: 200 };

    fn response(status: u16, headers: &[(&str, &str)], body: &str) -> ::http::Response<Vec<u8>> {
        let mut b = ::http::Response::builder().status(status);
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        b.body(body.as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn framing() {
        let req = request(&DDB, META, Some(&serde_json::json!({"Limit": 1}))).unwrap();
        assert_eq!(req.method(), "POST");
        assert_eq!(req.uri(), "/");
        assert_eq!(req.headers()["x-amz-target"], "DynamoDB_20120810.ListTables");
        assert_eq!(req.headers()["content-type"], "application/x-amz-json-1.0");
        assert!(req.headers().get("x-amzn-query-mode").is_none());
        assert_eq!(req.body(), br#"{"Limit": 1}"#);
        let sqs = Service { content_type: "application/x-amz-json-1.0", target_prefix: "AmazonSQS", query_compatible: true };
        let req = request::<()>(&sqs, META, None).unwrap();
        assert_eq!(req.body(), b"{}");
        assert_eq!(req.headers()["x-amzn-query-mode"], "true");
        assert_eq!(req.headers().get_all("content-type").iter().count(), 1);
    }

    #[test]
    fn error_codes_like_botocore() {
        let code = |r: &::http::Response<Vec<u8>>| AwsJson::read_error(r).code;
        let r = response(400, &[], r#"{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"m"}"#);
        assert_eq!(code(&r), "ResourceNotFoundException");
        assert_eq!(AwsJson::read_error(&r).message.as_deref(), Some("m"));
        let r = response(400, &[], r#"{"__type":"ValidationException:http://internal/","Message":"M"}"#);
        assert_eq!(code(&r), "ValidationException");
        assert_eq!(AwsJson::read_error(&r).message.as_deref(), Some("M"));
        // X-Amzn-ErrorType and `code` are not read on this protocol.
        let r = response(400, &[("X-Amzn-ErrorType", "Other")], r#"{"code":"Foo"}"#);
        assert_eq!(code(&r), "400");
        let r = response(
            400,
            &[("x-amzn-query-error", "AWS.SimpleQueueService.NonExistentQueue;Sender")],
            r#"{"__type":"com.amazonaws.sqs#QueueDoesNotExist"}"#,
        );
        assert_eq!(code(&r), "AWS.SimpleQueueService.NonExistentQueue");
        for bad in ["OnlyOnePart", ";Sender", "a;b;c"] {
            let r = response(400, &[("x-amzn-query-error", bad)], r#"{"__type":"QueueDoesNotExist"}"#);
            assert_eq!(code(&r), "QueueDoesNotExist", "{bad}");
        }
        let r = response(
            400,
            &[("x-amzn-query-error", "AWS.SimpleQueueService.NonExistentQueue;Sender")],
            r#"{"__type":"com.amazonaws.sqs#QueueDoesNotExist"}"#,
        );
        let error = crate::http::ErrorResponse::<AwsJson>::new(&r);
        assert_eq!(error.code(), "AWS.SimpleQueueService.NonExistentQueue");
        assert_eq!(shape_code(&error), "QueueDoesNotExist");
        let r = response(400, &[], "not json");
        assert_eq!(AwsJson::read_error(&r).message.as_deref(), Some("not json"));
    }
}

//! restJson1 (`rest-json` in botocore): HTTP bindings with
//! [`RequestBuilder`](crate::http::RequestBuilder), JSON bodies written with
//! [`to_botocore_json`](crate::wire::to_botocore_json) and read with
//! [`json_body`](crate::http::json_body); errors read as botocore's
//! `RestJSONParser` does.


use super::{DecodeError, ErrorRead, Protocol};

/// The restJson1 protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RestJson1;

/// The JSON body of an error response: an empty body reads as `{}`, and a
/// body that is not JSON becomes `{"message": <the text>}`, as in botocore.
pub(crate) fn error_body(raw: &[u8]) -> serde_json::Value {
    if raw.iter().all(u8::is_ascii_whitespace) {
        serde_json::Value::Object(Default::default())
    } else {
        crate::wire::from_json_slice(raw)
            .unwrap_or_else(|_| serde_json::json!({ "message": String::from_utf8_lossy(raw) }))
    }
}

/// The string member `key` of a JSON object.
pub(crate) fn text(body: &serde_json::Value, key: &str) -> Option<String> {
    body.get(key).and_then(|v| v.as_str()).map(str::to_owned)
}

/// The value of header `name`, if it is text.
pub(crate) fn header(response: &::http::Response<Vec<u8>>, name: &str) -> Option<String> {
    response.headers().get(name).and_then(|v| std::str::from_utf8(v.as_bytes()).ok()).map(str::to_owned)
}

impl Protocol for RestJson1 {
    type ErrorBody = serde_json::Value;
    const NAME: &'static str = "restJson1";

    /// The code is the `X-Amzn-ErrorType` header, else the body's
    /// `code`/`Code`, else its `__type`, else the status code; a
    /// `namespace#` prefix and a `:…` suffix are removed. The message is the
    /// body's `message`, `Message` or `errorMessage`.
    fn read_error(response: &::http::Response<Vec<u8>>) -> ErrorRead<serde_json::Value> {
        let body = error_body(response.body());
        let code = header(response, "x-amzn-errortype")
            .or_else(|| text(&body, "code"))
            .or_else(|| text(&body, "Code"))
            .or_else(|| text(&body, "__type"))
            .unwrap_or_else(|| response.status().as_u16().to_string());
        let code = crate::http::sanitize_error_code(&code).to_owned();
        let message = text(&body, "message").or_else(|| text(&body, "Message")).or_else(|| text(&body, "errorMessage"));
        ErrorRead { code, message, body }
    }
}

impl<T: crate::json::FromJson> DecodeError<RestJson1> for T {
    fn decode_error(body: &serde_json::Value) -> Result<Self, String> {
        crate::protocol::decode_json_error(body)
    }
}

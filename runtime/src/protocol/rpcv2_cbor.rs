//! Smithy RPC v2 CBOR (`smithy-rpc-v2-cbor` in botocore): every request is
//! `POST /service/<ServiceName>/operation/<Operation>` with
//! `smithy-protocol: rpc-v2-cbor`, `Accept: application/cbor` and, when
//! there is a body, `Content-Type: application/cbor`; the body is the whole
//! input in CBOR (see [`cbor`](super::cbor)), none when the operation has no
//! input. Outputs are CBOR bodies; errors are read as botocore's
//! `RpcV2CBORParser` reads them.

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::cbor::{self, Value};
use super::{DecodeError, ErrorRead, Protocol};
use crate::http::{BuildError, Metadata, RequestBuilder, ResponseError};

/// The rpcv2Cbor protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RpcV2Cbor;

/// How an rpcv2Cbor service frames its requests, from its model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Service {
    /// `awsQueryCompatible`: requests say `x-amzn-query-mode: true`, and
    /// error codes come from `x-amzn-query-error` (botocore does both).
    pub query_compatible: bool,
}

/// The request of one call: `input` (`None`: an operation without input,
/// sent without a body) as the CBOR body of `POST` to the operation's URI
/// (`metadata.uri`: `/service/<ServiceName>/operation/<Operation>`).
pub fn request<T: Serialize + ?Sized>(
    service: &Service,
    metadata: Metadata,
    input: Option<&T>,
) -> Result<::http::Request<Vec<u8>>, BuildError> {
    let mut request = RequestBuilder::new(metadata);
    if let Some(input) = input {
        match cbor::to_vec(input) {
            Ok(body) => request.body(body, Some("application/cbor")),
            Err(e) => request.fail(BuildError::Encode { operation: metadata.name, message: e.to_string() }),
        };
    }
    request.header("smithy-protocol", "rpc-v2-cbor").header("Accept", "application/cbor");
    if service.query_compatible {
        request.header("x-amzn-query-mode", "true");
    }
    request.build()
}

/// Reads the output from a CBOR body (an empty body reads as an empty map).
pub fn body<T: DeserializeOwned>(response: &::http::Response<Vec<u8>>) -> Result<T, ResponseError> {
    let value = if response.body().is_empty() { Value::Map(Vec::new()) } else {
        cbor::from_slice_value(response.body()).map_err(|e| ResponseError::new(response, format!("invalid CBOR body: {e}")))?
    };
    cbor::from_value(value).map_err(|e| ResponseError::new(response, format!("invalid CBOR body: {e}")))
}

impl Protocol for RpcV2Cbor {
    type ErrorBody = Value;
    const NAME: &'static str = "rpcv2Cbor";

    /// The code is the body's `__type` (else the status code), without a
    /// `namespace#` prefix or `:…` suffix, replaced by the
    /// `x-amzn-query-error` header's code when that is sent; the message is
    /// the body's `message` or `Message`. A body that is not CBOR gives the
    /// status code and no message (botocore raises a parse error there).
    fn read_error(response: &::http::Response<Vec<u8>>) -> ErrorRead<Value> {
        let body = if response.body().is_empty() {
            Value::Map(Vec::new())
        } else {
            cbor::from_slice_value(response.body()).unwrap_or_default()
        };
        let text = |key: &str| body.get(key).and_then(Value::as_str).map(str::to_owned);
        let code = text("__type").unwrap_or_else(|| response.status().as_u16().to_string());
        let code = crate::http::sanitize_error_code(&code).to_owned();
        let code = super::aws_json::query_compatible_code(response, code);
        let message = text("message").or_else(|| text("Message"));
        ErrorRead { code, message, body }
    }
}

impl<T: DeserializeOwned> DecodeError<RpcV2Cbor> for T {
    fn decode_error(body: &Value) -> Result<Self, String> {
        cbor::from_value(body.clone()).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const META: Metadata = Metadata {
        name: "ListMetrics",
        method: "POST",
        uri: "/service/GraniteServiceVersion20100801/operation/ListMetrics",
        success_code: 200,
    };

    #[test]
    fn framing() {
        let svc = Service { query_compatible: true };
        let req = request(&svc, META, Some(&serde_json::json!({"Namespace": "A"}))).unwrap();
        assert_eq!(req.method(), "POST");
        assert_eq!(req.uri(), META.uri);
        assert_eq!(req.headers()["smithy-protocol"], "rpc-v2-cbor");
        assert_eq!(req.headers()["accept"], "application/cbor");
        assert_eq!(req.headers()["content-type"], "application/cbor");
        assert_eq!(req.headers()["x-amzn-query-mode"], "true");
        assert_eq!(req.body(), &[0xa1, 0x69, b'N', b'a', b'm', b'e', b's', b'p', b'a', b'c', b'e', 0x61, b'A']);
        let req = request::<()>(&Service { query_compatible: false }, META, None).unwrap();
        assert!(req.body().is_empty());
        assert!(req.headers().get("content-type").is_none());
    }

    #[test]
    fn errors() {
        let body = cbor::to_vec(&serde_json::json!({"__type": "com.amazonaws.cloudwatch#ResourceNotFound", "Message": "m"})).unwrap();
        let r = ::http::Response::builder().status(404).body(body).unwrap();
        let read = RpcV2Cbor::read_error(&r);
        assert_eq!((read.code.as_str(), read.message.as_deref()), ("ResourceNotFound", Some("m")));
        let r = ::http::Response::builder().status(400).body(vec![0xff, 0x00]).unwrap();
        assert_eq!(RpcV2Cbor::read_error(&r).code, "400");
        let r = ::http::Response::builder().status(200).body(vec![0x9b, 0xff]).unwrap();
        assert!(super::body::<serde_json::Value>(&r).is_err());
    }
}

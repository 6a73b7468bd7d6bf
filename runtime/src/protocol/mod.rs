//! Wire protocols: one module per protocol, behind one interface.
//!
//! A generated operation (see [`Operation`](crate::http::Operation)) names its
//! protocol (`type Protocol`) and calls that protocol's module for the three
//! things that differ between protocols:
//!
//! - **request framing and body**: each module has its own builder functions
//!   (restJson1 and restXml use [`RequestBuilder`](crate::http::RequestBuilder)
//!   for the HTTP bindings and set the body in their format; the RPC
//!   protocols frame `POST` requests from the whole input);
//! - **output parsing**: each module's body reader (e.g.
//!   [`json_body`](crate::http::json_body) for the JSON protocols);
//! - **error parsing**: the [`Protocol`] trait. [`Protocol::read_error`]
//!   extracts the code, message and parsed body of an error response as
//!   botocore's parser for that protocol does, and [`DecodeError`] reads a
//!   modelled error from that parsed body. The generic
//!   [`ErrorResponse`](crate::http::ErrorResponse) wraps both and is what the
//!   generated error enums match on.
//!
//! Adding a protocol is adding a module here (a marker type implementing
//! [`Protocol`], its request and body functions) and its counterpart in the
//! emitter (`codegen/src/emit/protocols/`). See `codegen/src/emit/protocols.md`.

pub mod aws_json;
pub mod cbor;
pub mod query;
pub mod rest_json;
pub mod rpcv2_cbor;
pub mod xml;

pub use aws_json::AwsJson;
pub use rest_json::RestJson1;
pub use rpcv2_cbor::RpcV2Cbor;
pub use xml::{AwsQuery, Ec2Query, RestXml};

/// What a protocol's error parser reads from an error response.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorRead<B> {
    /// The error code, as the modelled errors' codes are written (namespace
    /// and `:…` suffix removed).
    pub code: String,
    /// The message, if the response has one.
    pub message: Option<String>,
    /// The parsed body, from which a modelled error is read.
    pub body: B,
}

/// One wire protocol's reading of error responses.
///
/// Implemented by a marker type per protocol ([`RestJson1`], [`AwsJson`], …).
/// Botocore's generic error (a 5xx with an empty or HTML body) is handled
/// before this is called, the same way for every protocol.
pub trait Protocol: 'static {
    /// The parsed body of an error response (JSON value, CBOR value, XML
    /// tree, …); `Default` is used for botocore's generic errors.
    type ErrorBody: std::fmt::Debug + Default;

    /// The protocol's name (`restJson1`, `awsJson1_0`, …), for messages.
    const NAME: &'static str;

    /// Reads the code, message and body of an error response (status not
    /// 2xx), as botocore's parser for this protocol does. Never fails: a
    /// body that does not parse becomes the message, and the status code the
    /// code.
    fn read_error(response: &::http::Response<Vec<u8>>) -> ErrorRead<Self::ErrorBody>;
}

/// A modelled error type read from protocol `P`'s parsed error body.
///
/// The JSON protocols implement it for every [`FromJson`](crate::json::FromJson)
/// type (the generated types' readers); a protocol whose wire form is
/// not JSON (XML) implements it per generated type.
pub trait DecodeError<P: Protocol>: Sized {
    /// Reads the error from the parsed body; the `String` says what does
    /// not fit.
    fn decode_error(body: &P::ErrorBody) -> Result<Self, String>;
}

/// A modelled error's members from a JSON error body. The body is written
/// back to bytes and read by [`crate::json::from_slice`], the one reader the
/// generated types have (reading a `serde_json::Value` would need their
/// serde `Deserialize` compiled as well).
pub(crate) fn decode_json_error<T: crate::json::FromJson>(body: &serde_json::Value) -> Result<T, String> {
    let bytes = serde_json::to_vec(body).map_err(|e| e.to_string())?;
    crate::json::from_slice(&bytes).map_err(|e| e.to_string())
}

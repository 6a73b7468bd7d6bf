//! One codec per wire protocol, behind [`Codec`]: what differs between
//! protocols in an operation's generated code (request framing and body,
//! output parsing, the members of an error read from outside its body).
//! Everything else about operations (names, error enums, docs, idempotency
//! tokens, the client) is shared, in `emit/http.rs` and `emit/client.rs`.
//! The design is written down in `protocols.md` beside this file.

mod aws_json;
mod query;
pub(crate) mod rest;
mod rest_json;
mod rest_xml;
mod rpcv2_cbor;
pub(crate) mod xml;

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::Ctx;
use crate::error::Result;
use crate::ir::{Model, Operation, Protocol, Shape};

/// The generated code of one protocol. In an operation file, `rt` is
/// `::awsgen_runtime::http` and `proto` the protocol's runtime module
/// ([`runtime_module`](Codec::runtime_module)).
pub(crate) trait Codec {
    /// The protocol's name in docs (`restJson1`).
    fn name(&self) -> &'static str;
    /// The runtime module of the protocol
    /// (`::awsgen_runtime::protocol::rest_json`), imported as `proto`.
    fn runtime_module(&self) -> TokenStream;
    /// The runtime type implementing `awsgen_runtime::protocol::Protocol`,
    /// as a path from `proto` (`proto::RestJson1`).
    fn runtime_type(&self) -> TokenStream;
    /// HTTP method and request URI of `op` (its `METADATA`).
    fn method_and_uri(&self, ctx: &Ctx, op: &Operation) -> (String, String);
    /// `build_request`'s body, and whether it reads `input`.
    fn build_request(&self, ctx: &Ctx, op: &Operation) -> Result<(TokenStream, bool)>;
    /// `parse_response`'s body after the status check (a 2xx response).
    fn parse_output(&self, ctx: &Ctx, op: &Operation) -> Result<TokenStream>;
    /// Members of the modelled error `shape` read from the response rather
    /// than its body (headers, status code), with the expression reading
    /// each from `response`. The default, for the RPC protocols: none.
    fn error_members(&self, ctx: &Ctx, shape: &Shape) -> Result<Vec<(Ident, TokenStream)>> {
        let _ = (ctx, shape);
        Ok(Vec::new())
    }
    /// How the code of an unmodelled error is found (for its docs).
    fn code_doc(&self) -> &'static str;
    /// The expression (a `&str`) an error response's code is matched on
    /// against the modelled errors' codes; `error` is the
    /// `rt::ErrorResponse`.
    fn error_match_code(&self, ctx: &Ctx) -> TokenStream {
        let _ = ctx;
        quote::quote!(error.code())
    }
    /// Items added to `operations/mod.rs` (e.g. the service's framing facts).
    fn module_items(&self, ctx: &Ctx) -> Result<TokenStream> {
        let _ = ctx;
        Ok(TokenStream::new())
    }
}

/// The codec of the model's protocol; `None` for protocols without one yet
/// (their crates get types and paginators, no operations or client).
pub(crate) fn codec(model: &Model) -> Option<&'static dyn Codec> {
    match model.service.protocol {
        Protocol::RestJson => Some(&rest_json::RestJson),
        Protocol::Json => Some(&aws_json::AwsJson),
        Protocol::RestXml => Some(&rest_xml::RestXml),
        Protocol::Query => Some(&query::Query { ec2: false }),
        Protocol::Ec2 => Some(&query::Query { ec2: true }),
        Protocol::Smithy => Some(&rpcv2_cbor::RpcV2Cbor),
    }
}

/// `build_request`'s body for the RPC protocols whose runtime module has
/// `request(&SERVICE, METADATA, Option<&input>)` (awsJson, rpcv2Cbor).
fn service_request(op: &Operation) -> (TokenStream, bool) {
    match op.input {
        Some(_) => (quote!(proto::request(&super::SERVICE, Self::METADATA, Some(input))), true),
        None => (quote!(proto::request::<()>(&super::SERVICE, Self::METADATA, None)), false),
    }
}

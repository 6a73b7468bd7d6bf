//! restJson1: the REST bindings of [`rest`](super::rest) with JSON bodies.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::rest::{self, RestBody};
use super::Codec;
use crate::emit::Ctx;
use crate::error::Result;
use crate::ir::{Member, Operation, Shape};

pub(crate) struct RestJson;

impl RestBody for RestJson {
    fn set_body(&self, _ctx: &Ctx, _shape: &Shape) -> Result<TokenStream> {
        // HTTP-bound members are `#[serde(skip)]`, so the input's JSON is the body.
        Ok(quote!(request.json_body(input);))
    }

    fn set_payload(&self, _ctx: &Ctx, _member: &Member, value: TokenStream) -> Result<TokenStream> {
        Ok(quote!(request.json_payload(#value);))
    }

    fn read_body(&self, _ctx: &Ctx, _shape: &Shape) -> Result<TokenStream> {
        Ok(quote!(rt::json_body(response)?))
    }

    fn read_payload(&self, _ctx: &Ctx, _member: &Member) -> Result<TokenStream> {
        Ok(quote!(rt::json_payload(response)?))
    }
}

impl Codec for RestJson {
    fn name(&self) -> &'static str {
        "restJson1"
    }

    fn runtime_module(&self) -> TokenStream {
        quote!(::awsgen_runtime::protocol::rest_json)
    }

    fn runtime_type(&self) -> TokenStream {
        quote!(proto::RestJson1)
    }

    fn method_and_uri(&self, _ctx: &Ctx, op: &Operation) -> (String, String) {
        (op.http.method.clone(), op.http.request_uri.clone())
    }

    fn build_request(&self, ctx: &Ctx, op: &Operation) -> Result<(TokenStream, bool)> {
        rest::build_request(ctx, self, op)
    }

    fn parse_output(&self, ctx: &Ctx, op: &Operation) -> Result<TokenStream> {
        rest::parse_output(ctx, self, op)
    }

    fn error_members(&self, ctx: &Ctx, shape: &Shape) -> Result<Vec<(Ident, TokenStream)>> {
        rest::response_members(ctx, self, shape)
    }

    fn code_doc(&self) -> &'static str {
        "The error code (`X-Amzn-ErrorType`, or the body's `code` or `__type`, or the status code)."
    }
}

//! restXml: the REST bindings of [`rest`](super::rest) with XML bodies,
//! written and read by the runtime's schema-driven XML codec
//! (`awsgen_runtime::protocol::xml`) from the crate's `src/protocol.rs`
//! table (see [`xml`](super::xml)).

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::rest::{self, RestBody};
use super::xml::{root_element, shape_id};
use super::Codec;
use crate::emit::Ctx;
use crate::error::Result;
use crate::ir::{Member, Operation, Shape};

pub(crate) struct RestXml;

impl RestBody for RestXml {
    fn set_body(&self, ctx: &Ctx, shape: &Shape) -> Result<TokenStream> {
        // botocore names the document after the input shape's `locationName`.
        let id = shape_id(ctx, &shape.name)?;
        let (name, ns) = root_element(ctx, &shape.xml.own, &shape.name, &shape.name);
        Ok(quote! {
            proto::set_document(&mut request, Self::METADATA.name, &crate::protocol::SCHEMA, #id, #name, #ns, Some(input));
        })
    }

    fn set_payload(&self, ctx: &Ctx, member: &Member, value: TokenStream) -> Result<TokenStream> {
        let id = shape_id(ctx, &member.target)?;
        let (name, ns) = root_element(ctx, &member.xml, &member.target, &member.name);
        Ok(quote! {
            proto::set_document(&mut request, Self::METADATA.name, &crate::protocol::SCHEMA, #id, #name, #ns, #value);
        })
    }

    fn read_body(&self, ctx: &Ctx, shape: &Shape) -> Result<TokenStream> {
        let id = shape_id(ctx, &shape.name)?;
        Ok(quote!(proto::read_body(response, &crate::protocol::SCHEMA, #id, None)?))
    }

    fn read_payload(&self, ctx: &Ctx, member: &Member) -> Result<TokenStream> {
        let id = shape_id(ctx, &member.target)?;
        Ok(quote!(proto::read_payload(response, &crate::protocol::SCHEMA, #id)?))
    }
}

impl Codec for RestXml {
    fn name(&self) -> &'static str {
        "restXml"
    }

    fn runtime_module(&self) -> TokenStream {
        quote!(::awsgen_runtime::protocol::xml)
    }

    fn runtime_type(&self) -> TokenStream {
        quote!(proto::RestXml)
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
        "The error code (the `<Code>` of the body's `<Error>`, or the status code)."
    }
}

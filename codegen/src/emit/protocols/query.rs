//! awsQuery and ec2Query: `POST /` with the whole input as a form
//! (`Action`, `Version`, then the members under their query names; HTTP
//! binding traits do not apply), XML outputs (awsQuery's inside
//! `<OperationNameResult>`) and XML errors, all through the runtime's
//! `awsgen_runtime::protocol::query` and the crate's `src/protocol.rs`
//! table (see [`xml`](super::xml)).

use proc_macro2::TokenStream;
use quote::quote;

use super::xml::shape_id;
use super::Codec;
use crate::emit::Ctx;
use crate::error::Result;
use crate::ir::Operation;

/// awsQuery (`ec2: false`) or ec2Query.
pub(crate) struct Query {
    pub ec2: bool,
}

impl Codec for Query {
    fn name(&self) -> &'static str {
        if self.ec2 {
            "ec2Query"
        } else {
            "awsQuery"
        }
    }

    fn runtime_module(&self) -> TokenStream {
        quote!(::awsgen_runtime::protocol::query)
    }

    fn runtime_type(&self) -> TokenStream {
        if self.ec2 {
            quote!(proto::Ec2Query)
        } else {
            quote!(proto::AwsQuery)
        }
    }

    fn method_and_uri(&self, _ctx: &Ctx, _op: &Operation) -> (String, String) {
        ("POST".into(), "/".into())
    }

    fn build_request(&self, ctx: &Ctx, op: &Operation) -> Result<(TokenStream, bool)> {
        let version = &ctx.model.service.api_version;
        Ok(match &op.input {
            Some(input) => {
                let id = shape_id(ctx, input)?;
                let call = quote!(proto::request(Self::METADATA, &crate::protocol::SCHEMA, #version, Some(#id), Some(input)));
                (call, true)
            }
            None => {
                let call = quote!(proto::request::<()>(Self::METADATA, &crate::protocol::SCHEMA, #version, None, None));
                (call, false)
            }
        })
    }

    fn parse_output(&self, ctx: &Ctx, op: &Operation) -> Result<TokenStream> {
        let Some(output) = &op.output else {
            return Ok(quote!(Ok(())));
        };
        let id = shape_id(ctx, output)?;
        // awsQuery wraps the output in `<OperationNameResult>` (botocore's
        // `resultWrapper`: the same name for all 965 query operations with an
        // output in botocore 1.44.8, and Smithy's awsQuery rule); ec2Query
        // does not wrap it.
        let wrapper = if self.ec2 {
            quote!(None)
        } else {
            let name = format!("{}Result", op.name);
            quote!(Some(#name))
        };
        Ok(quote!(Ok(proto::read_body(response, &crate::protocol::SCHEMA, #id, #wrapper)?)))
    }

    fn code_doc(&self) -> &'static str {
        "The error code (the `<Code>` of the body's `<Error>`, or the status code)."
    }
}

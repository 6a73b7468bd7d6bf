//! Smithy RPC v2 CBOR: `POST /service/<ServiceName>/operation/<Operation>`,
//! the whole input as the CBOR body (HTTP binding traits do not apply; no
//! body without input), CBOR outputs.

use proc_macro2::TokenStream;
use quote::quote;

use super::Codec;
use crate::emit::Ctx;
use crate::error::Result;
use crate::ir::Operation;

pub(crate) struct RpcV2Cbor;

impl Codec for RpcV2Cbor {
    fn name(&self) -> &'static str {
        "rpcv2Cbor"
    }

    fn runtime_module(&self) -> TokenStream {
        quote!(::awsgen_runtime::protocol::rpcv2_cbor)
    }

    fn runtime_type(&self) -> TokenStream {
        quote!(proto::RpcV2Cbor)
    }

    /// botocore's `/service/<targetPrefix>/operation/<Operation>`.
    fn method_and_uri(&self, ctx: &Ctx, op: &Operation) -> (String, String) {
        let service = ctx.model.service.target_prefix.as_deref().unwrap_or(&ctx.model.service.service_id);
        ("POST".into(), format!("/service/{service}/operation/{}", op.name))
    }

    fn build_request(&self, _ctx: &Ctx, op: &Operation) -> Result<(TokenStream, bool)> {
        Ok(super::service_request(op))
    }

    fn parse_output(&self, ctx: &Ctx, op: &Operation) -> Result<TokenStream> {
        Ok(match &op.output {
            Some(output) => {
                let ty = ctx.type_path(output);
                quote!(Ok(proto::body::<#ty>(response)?))
            }
            None => quote!(Ok(())),
        })
    }

    fn code_doc(&self) -> &'static str {
        "The error code (the body's `__type` without its namespace, or `x-amzn-query-error`'s code, or the status code)."
    }

    fn module_items(&self, ctx: &Ctx) -> Result<TokenStream> {
        let svc = &ctx.model.service;
        if svc.target_prefix.is_none() {
            return Err(ctx.error("metadata.targetPrefix", "an rpcv2Cbor service needs a targetPrefix (its service name)"));
        }
        let query_compatible = svc.query_compatible;
        Ok(quote! {
            /// How requests are framed: Smithy RPC v2 CBOR.
            pub(crate) const SERVICE: ::awsgen_runtime::protocol::rpcv2_cbor::Service =
                ::awsgen_runtime::protocol::rpcv2_cbor::Service { query_compatible: #query_compatible };
        })
    }
}

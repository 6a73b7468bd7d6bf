//! awsJson 1.0 / 1.1: `POST /` with `X-Amz-Target`, the whole input as the
//! JSON body (HTTP binding traits do not apply), JSON outputs.

use proc_macro2::TokenStream;
use quote::quote;

use super::Codec;
use crate::emit::Ctx;
use crate::error::Result;
use crate::ir::Operation;

pub(crate) struct AwsJson;

impl Codec for AwsJson {
    fn name(&self) -> &'static str {
        "awsJson"
    }

    fn runtime_module(&self) -> TokenStream {
        quote!(::awsgen_runtime::protocol::aws_json)
    }

    fn runtime_type(&self) -> TokenStream {
        quote!(proto::AwsJson)
    }

    fn method_and_uri(&self, _ctx: &Ctx, _op: &Operation) -> (String, String) {
        ("POST".into(), "/".into())
    }

    fn build_request(&self, _ctx: &Ctx, op: &Operation) -> Result<(TokenStream, bool)> {
        Ok(super::service_request(op))
    }

    fn parse_output(&self, ctx: &Ctx, op: &Operation) -> Result<TokenStream> {
        Ok(match &op.output {
            Some(output) => {
                let ty = ctx.type_path(output);
                quote!(Ok(rt::json_body::<#ty>(response)?))
            }
            None => quote!(Ok(())),
        })
    }

    fn code_doc(&self) -> &'static str {
        "The error code (the body's `__type` without its namespace, or `x-amzn-query-error`'s code, or the status code)."
    }

    /// botocore looks errors up by their query code (`x-amzn-query-error`),
    /// except for SQS, whose model gives its errors no codes: there the
    /// shape name in `__type` is the key (`_handle_sqs_compatible_error`).
    /// The same rule: a query-compatible service none of whose errors has a
    /// code of its own is matched on `__type`.
    fn error_match_code(&self, ctx: &Ctx) -> TokenStream {
        let model = ctx.model;
        let coded = model.shapes.values().any(|s| s.error.as_ref().is_some_and(|e| e.code != s.name));
        if model.service.query_compatible && !coded {
            quote!(proto::shape_code(&error).as_str())
        } else {
            quote!(error.code())
        }
    }

    fn module_items(&self, ctx: &Ctx) -> Result<TokenStream> {
        let svc = &ctx.model.service;
        let version = svc.json_version.as_deref().unwrap_or("1.0");
        if !matches!(version, "1.0" | "1.1") {
            return Err(ctx.error("metadata.jsonVersion", format!("unsupported awsJson version `{version}`")));
        }
        let Some(target_prefix) = svc.target_prefix.as_deref() else {
            return Err(ctx.error("metadata.targetPrefix", "an awsJson service needs a targetPrefix"));
        };
        let content_type = format!("application/x-amz-json-{version}");
        let query_compatible = svc.query_compatible;
        let doc = format!(
            " How requests are framed: awsJson {version}, `POST /` with `X-Amz-Target: {target_prefix}.<Operation>`."
        );
        Ok(quote! {
            #[doc = #doc]
            pub(crate) const SERVICE: ::awsgen_runtime::protocol::aws_json::Service =
                ::awsgen_runtime::protocol::aws_json::Service {
                    content_type: #content_type,
                    target_prefix: #target_prefix,
                    query_compatible: #query_compatible,
                };
        })
    }
}

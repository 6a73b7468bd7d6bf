//! HTTP bindings: `src/operations/`, one file per operation.
//!
//! Each operation becomes a unit struct implementing
//! `awsgen_runtime::http::Operation` and an error enum. This module emits
//! what every protocol shares (names, the trait impl, the error enum, docs,
//! idempotency tokens); the protocol's [`Codec`](super::protocols::Codec)
//! supplies request framing, output parsing and error members. The request
//! builders, value formats and response readers are generic code in
//! `awsgen_runtime::http` and `awsgen_runtime::protocol`.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::Ctx;
use crate::error::Result;
use super::protocols::{codec, Codec};
use crate::ir::{Location, Member, Operation, Shape, ShapeKind};
use crate::naming::{self, ident};

/// Names the operations module re-exports from the runtime; an operation
/// named like one of them gets the suffix `Operation`.
const RUNTIME_NAMES: &[&str] = &["Operation", "SdkError"];

/// Whether the model gets an `operations` module (its protocol has a codec).
pub(crate) fn has_operations(model: &crate::ir::Model) -> bool {
    codec(model).is_some() && !model.operations.is_empty()
}

/// Rust names of one operation's items.
pub(crate) struct OpNames {
    /// The unit struct.
    pub op: String,
    /// The error enum.
    pub error: String,
    /// The file (module) name.
    pub module: String,
}

/// Every operation with the Rust names of its items, in model order.
pub(crate) fn op_names<'a>(ctx: &Ctx<'a>) -> Result<Vec<(&'a Operation, OpNames)>> {
    let model = ctx.model;
    let structs = naming::type_names(model.operations.keys().map(String::as_str));
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let mut named = Vec::new();
    for op in model.operations.values() {
        let mut name = structs[&op.name].clone();
        if RUNTIME_NAMES.contains(&name.as_str()) {
            name.push_str("Operation");
        }
        taken.insert(name.clone());
        named.push((op, name));
    }
    let modules = naming::module_names(named.iter().map(|(_, n)| n.as_str()));
    let mut out = Vec::new();
    for ((op, name), module) in named.into_iter().zip(modules) {
        let mut error = format!("{name}Error");
        if taken.contains(&error) || RUNTIME_NAMES.contains(&error.as_str()) {
            error = format!("{name}OperationError");
        }
        if !taken.insert(error.clone()) {
            return Err(ctx.error(
                format!("operations.{}", op.name),
                format!("the error enum name `{error}` is taken by another operation"),
            ));
        }
        out.push((op, OpNames { op: name, error, module }));
    }
    Ok(out)
}

/// The operations module and one file per operation, as (module name,
/// tokens); empty when the service's protocol has no codec.
pub(crate) fn emit_operations(ctx: &Ctx) -> Result<Vec<(String, TokenStream)>> {
    let Some(codec) = codec(ctx.model).filter(|_| has_operations(ctx.model)) else {
        return Ok(Vec::new());
    };
    let ops = op_names(ctx)?;
    let mut files = Vec::new();
    let mut decls = Vec::new();
    for (op, names) in &ops {
        files.push((names.module.clone(), operation(ctx, codec, op, names)?));
        decls.push((names.module.clone(), vec![names.op.clone(), names.error.clone()]));
    }
    let proto_module = codec.runtime_module();
    let prelude = quote! {
        use ::awsgen_runtime::http as rt;
        use #proto_module as proto;
    };
    let parts = super::parts(&decls, &prelude, ctx.parts);
    let parts_doc = format!(
        " Each operation has its own file; the files are compiled as {} (see [`crate::types`]).",
        super::modules_phrase(ctx.parts)
    );
    let doc = format!(" HTTP bindings of every operation ({}).", codec.name());
    let items = codec.module_items(ctx)?;
    let mod_rs = quote! {
        #![doc = #doc]
        //!
        //! Each operation is a unit struct implementing [`Operation`]:
        //! `build_request` turns its input into an `http::Request` exactly as
        //! botocore serializes it, and `parse_response` turns an
        //! `http::Response` into its output or its error enum (a variant per
        //! modelled error, plus `Unhandled`), wrapped in [`SdkError`].
        //!
        #![doc = #parts_doc]
        pub use ::awsgen_runtime::http::{Operation, SdkError};
        #items
        #parts
    };
    files.push(("mod".to_string(), mod_rs));
    Ok(files)
}

/// The value of each host-label member of `op`'s input named in its host
/// prefix (validation made sure each `{label}` names one that is a string or
/// enum), for `rt::with_host_prefix`. Every protocol applies host prefixes.
fn host_prefix_labels(ctx: &Ctx, op: &Operation, prefix: &str) -> Result<Vec<TokenStream>> {
    let Some(input) = &op.input else { return Ok(Vec::new()) };
    let shape = ctx.shape_of(input, &format!("operations.{}.input", op.name))?;
    let mut labels = Vec::new();
    for (member, field) in fields(shape) {
        if !member.host_label || !prefix.contains(&format!("{{{}}}", member.name)) {
            continue;
        }
        let name = &member.name;
        let value = str_value(ctx, member, &field, &shape.name)?;
        labels.push(quote!((#name, #value)));
    }
    Ok(labels)
}

/// `Option<&str>` of a string or enum member of `input` (validation made
/// sure the member is one of those).
fn str_value(ctx: &Ctx, member: &Member, field: &proc_macro2::Ident, at: &str) -> Result<TokenStream> {
    let is_enum = matches!(ctx.shape_of(&member.target, at)?.kind, ShapeKind::Enum(_));
    Ok(match (is_enum, member.required) {
        (_, true) => quote!(Some(input.#field.as_str())),
        (false, false) => quote!(input.#field.as_deref()),
        (true, false) => quote!(input.#field.as_ref().map(|value| value.as_str())),
    })
}

/// The caller's checksum algorithm (the value of `op`'s algorithm member, a
/// string or enum) and the header that member is bound to, for
/// `rt::with_request_checksum`.
fn checksum_algorithm(ctx: &Ctx, op: &Operation, member: Option<&str>) -> Result<(TokenStream, TokenStream)> {
    let at = format!("operations.{}.httpChecksum.requestAlgorithmMember", op.name);
    let Some(member) = member else { return Ok((quote!(None), quote!(None))) };
    let Some(input) = &op.input else { return Err(ctx.error(at, "names a member, but the operation has no input")) };
    let shape = ctx.shape_of(input, &at)?;
    let Some((member, field)) = fields(shape).into_iter().find(|(m, _)| m.name == member) else {
        return Err(ctx.error(at, format!("`{member}` is not a member of `{input}`")));
    };
    if !matches!(ctx.shape_of(&member.target, &at)?.kind, ShapeKind::Enum(_) | ShapeKind::String) {
        return Err(ctx.error(at, format!("`{}` is not a string or enum", member.name)));
    }
    let value = str_value(ctx, member, &field, &at)?;
    let header = match member.location {
        Location::Header => {
            let name = member.location_name.as_deref().unwrap_or(&member.name);
            quote!(Some(#name))
        }
        _ => quote!(None),
    };
    Ok((value, header))
}

/// A structure's members with their field names.
pub(crate) fn fields(shape: &Shape) -> Vec<(&Member, proc_macro2::Ident)> {
    let members = shape.kind.members();
    let names = naming::field_names(members.iter().map(|m| m.name.as_str()));
    members.iter().zip(names).map(|(m, n)| (m, ident(&n))).collect()
}

/// The Rust path of a generated type.
/// An operation's doc lines (`summary_only`: its first paragraph), or a
/// fallback when the model has none, then a blank line and `trailer`.
pub(super) fn operation_docs(op: &Operation, summary_only: bool, trailer: String) -> Vec<String> {
    let lines = op.documentation.as_deref().map(crate::docs::html_to_markdown).unwrap_or_default();
    let mut docs: Vec<String> = if summary_only {
        lines.into_iter().take_while(|l| !l.trim().is_empty()).collect()
    } else {
        lines
    };
    if docs.is_empty() {
        docs.push(format!("The `{}` operation.", op.name));
    }
    docs.push(String::new());
    docs.push(trailer);
    docs
}

/// The modelled errors of an operation: (shape, variant name, wire code),
/// without duplicates.
fn modelled_errors<'a>(ctx: &'a Ctx, op: &'a Operation) -> Result<Vec<(&'a Shape, String, String)>> {
    let mut codes = BTreeSet::new();
    let mut out = Vec::new();
    for name in &op.errors {
        let shape = ctx.shape_of(name, &format!("operations.{}.errors", op.name))?;
        if !matches!(shape.kind, ShapeKind::Structure { .. }) {
            continue;
        }
        let code = shape.error.as_ref().map_or_else(|| name.clone(), |e| e.code.clone());
        if !codes.insert(code.clone()) {
            continue;
        }
        let mut variant = ctx.type_names[name].clone();
        if variant == "Unhandled" {
            variant.push_str("Value");
        }
        out.push((shape, variant, code));
    }
    Ok(out)
}

/// The field of an error's message member (`message` in any case, a
/// string in the body), as the error's `Display` uses it.
pub(super) fn message_field(ctx: &Ctx, shape: &Shape) -> Option<proc_macro2::Ident> {
    fields(shape).into_iter().find_map(|(m, field)| {
        let is_string = matches!(ctx.model.shapes.get(&m.target).map(|s| &s.kind), Some(ShapeKind::String));
        (m.name.eq_ignore_ascii_case("message") && is_string && m.location == Location::Body && !m.payload)
            .then_some(field)
    })
}

fn error_enum(ctx: &Ctx, codec: &dyn Codec, op: &Operation, names: &OpNames) -> Result<TokenStream> {
    let err_ty = ident(&names.error);
    let errors = modelled_errors(ctx, op)?;
    let doc = format!(" The errors of [`{}`]: each error the model lists, and `Unhandled` for any other.", names.op);
    let mut variants = Vec::new();
    let mut parse_arms = Vec::new();
    let mut view_arms = Vec::new();
    for (shape, variant, code) in &errors {
        let v = ident(variant);
        let ty = ctx.type_path(&shape.name);
        let status = shape.error.as_ref().and_then(|e| e.http_status).map(|s| format!(" (HTTP {s})")).unwrap_or_default();
        let vdoc = format!(" The service's `{code}` error{status}.");
        variants.push(quote! {
            #[doc = #vdoc]
            #v(#ty),
        });
        let mut fills: Vec<TokenStream> = codec
            .error_members(ctx, shape)?
            .into_iter()
            .map(|(field, value)| quote!(modelled.#field = #value;))
            .collect();
        let message = message_field(ctx, shape);
        parse_arms.push(match (&message, fills.is_empty()) {
            // A `match` here, not a generic helper taking `Self::#v`: one
            // copy of such a helper per error of each operation was about 5%
            // of a crate's machine code.
            (_, true) => quote! {
                #code => match error.parse_error() {
                    Ok(modelled) => rt::SdkError::Service(Self::#v(modelled)),
                    Err(e) => rt::SdkError::Response(e),
                },
            },
            (_, false) => {
                if let Some(field) = &message {
                    fills.push(quote! {
                        if let Some(message) = error.message() {
                            rt::MessageField::fill(&mut modelled.#field, message);
                        }
                    });
                }
                quote! {
                    #code => error.modelled_with(|mut modelled: #ty, response| {
                        #(#fills)*
                        Ok(Self::#v(modelled))
                    }),
                }
            }
        });
        view_arms.push(if shape.error.is_some() {
            quote!(Self::#v(error) => rt::ErrorView::Modelled(#code, Some(error)),)
        } else {
            quote!(Self::#v(_) => rt::ErrorView::Modelled(#code, None),)
        });
    }
    let code_doc = format!(" {}", codec.code_doc());
    let match_code = codec.error_match_code(ctx);
    let proto_type = codec.runtime_type();
    let unhandled = quote! {
        let rt::ErrorParts { code, message, request_id, status } = error.into_parts();
        rt::SdkError::Service(Self::Unhandled { code, message, request_id, status })
    };
    let from_response = if parse_arms.is_empty() {
        unhandled
    } else {
        quote! {
            match #match_code {
                #(#parse_arms)*
                _ => {
                    #unhandled
                }
            }
        }
    };
    Ok(quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #err_ty {
            #(#variants)*
            /// An error the model does not list for this operation.
            Unhandled {
                #[doc = #code_doc]
                code: String,
                /// The message, if the body has one.
                message: Option<String>,
                /// The request id (`x-amzn-RequestId`), if sent.
                request_id: Option<String>,
                /// The HTTP status code.
                status: u16,
            },
        }

        impl #err_ty {
            /// The error code, as the service sent it (without namespace).
            pub fn code(&self) -> &str {
                self.view().code()
            }

            /// The variant by what every variant has (one `match` for
            /// `code`, `Display` and `Error::source`).
            fn view(&self) -> rt::ErrorView<'_> {
                match self {
                    #(#view_arms)*
                    Self::Unhandled { code, message, status, .. } => rt::ErrorView::Unhandled {
                        code,
                        message: message.as_deref(),
                        status: *status,
                    },
                }
            }

            /// Reads an error response: the error the model lists for its code, or `Unhandled`.
            #[inline]
            fn from_response(error: rt::ErrorResponse<'_, #proto_type>) -> rt::SdkError<Self> {
                #from_response
            }
        }

        impl ::std::fmt::Display for #err_ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.view(), f)
            }
        }

        impl ::std::error::Error for #err_ty {
            fn source(&self) -> Option<&(dyn ::std::error::Error + 'static)> {
                self.view().source()
            }
        }
    })
}

/// `fill_idempotency_tokens` for an operation whose input has
/// `idempotencyToken` string members (nothing otherwise: the trait's default).
fn fill_idempotency_tokens(ctx: &Ctx, op: &Operation) -> Result<TokenStream> {
    let Some(input) = &op.input else { return Ok(quote!()) };
    let shape = ctx.shape_of(input, &format!("operations.{}.input", op.name))?;
    let mut fills = Vec::new();
    for (member, field) in fields(shape) {
        let is_string = matches!(ctx.model.shapes.get(&member.target).map(|s| &s.kind), Some(ShapeKind::String));
        if !member.idempotency_token || !is_string {
            continue;
        }
        fills.push(if member.required {
            quote! {
                if input.#field.is_empty() {
                    input.#field = new_token();
                }
            }
        } else {
            quote! {
                if input.#field.is_none() {
                    input.#field = Some(new_token());
                }
            }
        });
    }
    if fills.is_empty() {
        return Ok(quote!());
    }
    Ok(quote! {
        fn fill_idempotency_tokens(input: &mut Self::Input, new_token: &mut dyn FnMut() -> String) {
            #(#fills)*
        }
    })
}

fn operation(ctx: &Ctx, codec: &dyn Codec, op: &Operation, names: &OpNames) -> Result<TokenStream> {
    let op_ty = ident(&names.op);
    let err_ty = ident(&names.error);
    let (input_ty, input_link) = match &op.input {
        Some(s) => (ctx.type_path(s), format!("[`{0}`](crate::types::{0})", ctx.type_names[s])),
        None => (quote!(()), "`()`".to_string()),
    };
    let (output_ty, output_link) = match &op.output {
        Some(s) => (ctx.type_path(s), format!("[`{0}`](crate::types::{0})", ctx.type_names[s])),
        None => (quote!(()), "`()`".to_string()),
    };
    let (method, uri) = codec.method_and_uri(ctx, op);
    let docs = operation_docs(op, false, format!("`{method} {uri}`: {input_link} in, {output_link} or [`{}`] out.", names.error));
    let docs = docs.iter().map(|l| format!(" {l}"));
    let deprecated = super::types::deprecated_attr(op.deprecated.as_ref());
    let name = &op.name;
    let code = proc_macro2::Literal::u16_unsuffixed(op.http.response_code);
    let (build, uses_input) = codec.build_request(ctx, op)?;
    let (build, uses_input) = match &op.host_prefix {
        Some(prefix) => {
            let labels = host_prefix_labels(ctx, op, prefix)?;
            let uses_input = uses_input || !labels.is_empty();
            (quote!(rt::with_host_prefix({ #build }, Self::METADATA, #prefix, &[#(#labels),*])), uses_input)
        }
        None => (build, uses_input),
    };
    let (build, uses_input) = match &op.request_checksum {
        Some(checksum) => {
            let (algorithm, header) = checksum_algorithm(ctx, op, checksum.algorithm_member.as_deref())?;
            let uses_input = uses_input || checksum.algorithm_member.is_some();
            (quote!(rt::with_request_checksum({ #build }, Self::METADATA, #algorithm, #header)), uses_input)
        }
        None => (build, uses_input),
    };
    let input_arg = if uses_input { quote!(input) } else { quote!(_input) };
    let parse = codec.parse_output(ctx, op)?;
    let fill_tokens = fill_idempotency_tokens(ctx, op)?;
    let customize = super::customizations::customize(ctx, op)?;
    let validate_checksum = op.response_checksum.as_ref().map(|c| {
        let algorithms = &c.algorithms;
        quote!(rt::validate_response_checksum(response, &[#(#algorithms),*])?;)
    });
    let error = error_enum(ctx, codec, op, names)?;
    let proto_type = codec.runtime_type();
    // `build_request`, `parse_response` and `from_response` are `#[inline]`:
    // rustc then compiles them (and the generic readers and writers they
    // reach) in the crate that calls the operation, not here, so a program
    // that calls four operations compiles four operations' request and
    // response code (bench/README.md "Cut 16": the same total for a caller
    // of every operation). The client's methods call them, so with
    // `client` on they are compiled here as before.
    //
    // `rt` and `proto` come from the module the file is included in. The
    // marker derives what aws-sdk-rust's operation structs do (and `Copy`):
    // comparing or hashing a unit struct says nothing, and 133 operations'
    // `eq`, `hash` and `Eq` checks were bodies the compiler checked for it.
    Ok(quote! {
        #(#[doc = #docs])*
        #deprecated
        #[derive(Debug, Clone, Copy, Default)]
        pub struct #op_ty;

        impl rt::Operation for #op_ty {
            type Input = #input_ty;
            type Output = #output_ty;
            type Error = #err_ty;
            type Protocol = #proto_type;

            const METADATA: rt::Metadata = rt::Metadata {
                name: #name,
                method: #method,
                uri: #uri,
                success_code: #code,
            };

            #[inline]
            fn build_request(#input_arg: &Self::Input) -> Result<::http::Request<Vec<u8>>, rt::BuildError> {
                #build
            }

            #[inline]
            fn parse_response(response: &::http::Response<Vec<u8>>) -> Result<Self::Output, rt::SdkError<Self::Error>> {
                if !response.status().is_success() {
                    return Err(#err_ty::from_response(rt::ErrorResponse::new(response)));
                }
                #validate_checksum
                #parse
            }

            #fill_tokens
            #customize
        }

        #error
    })
}

#[cfg(test)]
mod tests {
    /// A rest-json model with every binding kind bedrock lacks.
    const MODEL: &str = r#"{
      "version": "2.0",
      "metadata": {"apiVersion": "2024-01-01", "protocol": "rest-json", "serviceId": "Kinds", "endpointPrefix": "kinds"},
      "operations": {
        "PutKinds": {
          "name": "PutKinds",
          "http": {"method": "PUT", "requestUri": "/k/{Id}/{Key+}?x-id=PutKinds", "responseCode": 201},
          "input": {"shape": "PutKindsRequest"},
          "output": {"shape": "PutKindsResponse"},
          "errors": [{"shape": "Throttled"}]
        },
        "Ping": {"name": "Ping", "http": {"method": "GET", "requestUri": "/ping"}}
      },
      "shapes": {
        "S": {"type": "string"},
        "I": {"type": "integer"},
        "B": {"type": "boolean"},
        "F": {"type": "double"},
        "T": {"type": "timestamp"},
        "Blob": {"type": "blob", "streaming": true},
        "Ss": {"type": "list", "member": {"shape": "S"}},
        "Is": {"type": "list", "member": {"shape": "I"}},
        "Ts": {"type": "list", "member": {"shape": "T"}},
        "SMap": {"type": "map", "key": {"shape": "S"}, "value": {"shape": "S"}},
        "SsMap": {"type": "map", "key": {"shape": "S"}, "value": {"shape": "Ss"}},
        "PutKindsRequest": {
          "type": "structure",
          "required": ["Id", "Key"],
          "payload": "Body",
          "members": {
            "Id": {"shape": "S", "location": "uri", "locationName": "Id"},
            "Key": {"shape": "S", "location": "uri", "locationName": "Key"},
            "Tags": {"shape": "Ss", "location": "querystring", "locationName": "tag"},
            "Ratio": {"shape": "F", "location": "querystring", "locationName": "ratio"},
            "Params": {"shape": "SMap", "location": "querystring"},
            "Multi": {"shape": "SsMap", "location": "querystring"},
            "Names": {"shape": "Ss", "location": "header", "locationName": "X-Names"},
            "Since": {"shape": "T", "location": "header", "locationName": "X-Since"},
            "Flag": {"shape": "B", "location": "header", "locationName": "X-Flag"},
            "Attrs": {"shape": "S", "location": "header", "locationName": "X-Attrs", "jsonvalue": true},
            "Meta": {"shape": "SMap", "location": "headers", "locationName": "x-meta-"},
            "Body": {"shape": "Blob"}
          }
        },
        "PutKindsResponse": {
          "type": "structure",
          "payload": "Text",
          "members": {
            "Status": {"shape": "I", "location": "statusCode"},
            "Counts": {"shape": "Is", "location": "header", "locationName": "X-Counts"},
            "Dates": {"shape": "Ts", "location": "header", "locationName": "X-Dates"},
            "Meta": {"shape": "SMap", "location": "headers", "locationName": "x-meta-"},
            "Text": {"shape": "S"}
          }
        },
        "Throttled": {
          "type": "structure",
          "members": {
            "message": {"shape": "S"},
            "RetryAfter": {"shape": "I", "location": "header", "locationName": "Retry-After"}
          },
          "error": {"httpStatusCode": 429},
          "exception": true
        }
      }
    }"#;

    fn generate(model: &str, name: &str) -> crate::emit::Files {
        let dir = std::env::temp_dir().join(format!("awsgen-http-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("service-2.json");
        std::fs::write(&path, model).unwrap();
        let model = crate::botocore::load(&path, None).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        let opts = crate::emit::Options::new("kinds", "test");
        crate::emit::generate(&model, &opts).unwrap()
    }

    /// The code with all whitespace removed, so assertions do not depend on
    /// prettyplease's line breaks.
    fn squashed(files: &crate::emit::Files, path: &str) -> String {
        let code: String = files[std::path::Path::new(path)].split_whitespace().collect();
        code.replace(",)", ")").replace(",}", "}")
    }

    #[test]
    fn every_binding_kind() {
        let files = generate(MODEL, "kinds");
        let code = squashed(&files, "src/operations/put_kinds.rs");
        for want in [
            r#"uri:"/k/{Id}/{Key+}?x-id=PutKinds",success_code:201"#,
            r#"request.label("Id",&input.id);"#,
            r#"request.query_list("tag",value.iter());"#,
            r#"request.query("ratio",rt::fmt::float(value));"#,
            r#"for(key,item)invalue.iter(){request.query_from_map(key,item);}"#,
            r#"for(key,items)invalue.iter(){foriteminitems{request.query_from_map(key,item);}}"#,
            r#"request.header_list("X-Names",value.iter().map(|item|rt::fmt::header_list_item(item)));"#,
            r#"request.header("X-Since",rt::fmt::header_timestamp(value,rt::TimestampFormat::HttpDate));"#,
            r#"request.header("X-Flag",value.to_string());"#,
            r#"request.header("X-Attrs",rt::fmt::json_value(value));"#,
            r#"request.prefix_headers("x-meta-",value.iter());"#,
            r#"request.raw_payload(input.body.as_deref());"#,
            r#"status:Some(response.status().as_u16().into()),"#,
            r#"counts:rt::header_list(response,"X-Counts",rt::parse::integer)?,"#,
            r#"dates:rt::header_http_date_list(response,"X-Dates")?,"#,
            r#"meta:rt::prefix_headers(response,"x-meta-")?,"#,
            r#"text:Some(rt::string_payload(response)?)}"#,
            r#"modelled.retry_after=rt::header(response,"Retry-After",rt::parse::integer)?;"#,
            r#"rt::MessageField::fill(&mutmodelled.message,message);"#,
        ] {
            assert!(code.contains(want), "missing `{want}` in\n{}", files[std::path::Path::new("src/operations/put_kinds.rs")]);
        }
        // No JSON body for a blob payload.
        assert!(!code.contains("json_body"));
        // An operation without input or output.
        let ping = squashed(&files, "src/operations/ping.rs");
        assert!(ping.contains("fnbuild_request(_input:&Self::Input)"), "{ping}");
        assert!(ping.contains("typeInput=();typeOutput=();"), "{ping}");
        assert!(squashed(&files, "src/lib.rs").contains("pubmodoperations;"));
        // The client: a method per operation, the feature in Cargo.toml.
        let lib = squashed(&files, "src/lib.rs");
        assert!(lib.contains(r#"#[cfg(feature="client")]pubmodclient;"#), "{lib}");
        let client = squashed(&files, "src/client.rs");
        for want in [
            r#"signing_name:"kinds""#,
            "pubasyncfnput_kinds(&self,input:crate::types::PutKindsRequest)",
            "self.inner.send::<crate::operations::PutKinds>(input).await",
            "pubasyncfnping(&self)->Result<(),SdkError<crate::operations::PingError>>",
            "self.inner.send::<crate::operations::Ping>(()).await",
        ] {
            assert!(client.contains(want), "missing `{want}` in\n{}", files[std::path::Path::new("src/client.rs")]);
        }
        assert!(files[std::path::Path::new("Cargo.toml")].contains(r#"client = ["awsgen-runtime/client"]"#));
    }

    #[test]
    fn idempotency_tokens_are_filled() {
        let model = MODEL.replace(
            r#""Id": {"shape": "S", "location": "uri", "locationName": "Id"},"#,
            r#""Id": {"shape": "S", "location": "uri", "locationName": "Id"},
            "Token": {"shape": "S", "idempotencyToken": true, "location": "header", "locationName": "X-Token"},
            "Required": {"shape": "S", "idempotencyToken": true, "location": "querystring", "locationName": "r"},"#,
        ).replace(r#""required": ["Id", "Key"],"#, r#""required": ["Id", "Key", "Required"],"#);
        let files = generate(&model, "tokens");
        let code = squashed(&files, "src/operations/put_kinds.rs");
        assert!(
            code.contains("fnfill_idempotency_tokens(input:&mutSelf::Input,new_token:&mutdynFnMut()->String){ifinput.required.is_empty(){input.required=new_token();}ifinput.token.is_none(){input.token=Some(new_token());}}"),
            "{code}"
        );
        // No token member: the trait's default.
        assert!(!squashed(&files, "src/operations/ping.rs").contains("fill_idempotency_tokens"));
    }

    #[test]
    fn xml_protocols_get_a_schema_table() {
        let model = MODEL.replace(r#""protocol": "rest-json""#, r#""protocol": "rest-xml""#);
        let files = generate(&model, "xml");
        let op = squashed(&files, "src/operations/put_kinds.rs");
        let module = squashed(&files, "src/operations/mod.rs");
        assert!(module.contains("use::awsgen_runtime::protocol::xmlasproto;include!(\"put_kinds.rs\");"), "{module}");
        assert!(op.contains("typeProtocol=proto::RestXml;"), "{op}");
        assert!(op.contains(r#"request.raw_payload(input.body.as_deref());"#), "{op}");
        let table = squashed(&files, "src/protocol.rs");
        assert!(table.contains("pub(crate)staticSCHEMA:rt::Schema"), "{table}");
        assert!(table.contains("impl::awsgen_runtime::protocol::DecodeError<::awsgen_runtime::protocol::RestXml>forcrate::types::Throttled"), "{table}");
        assert!(squashed(&files, "src/lib.rs").contains("modprotocol;"));
        // JSON protocols have no table.
        assert!(!generate(MODEL, "json-table").contains_key(std::path::Path::new("src/protocol.rs")));
    }

    /// A small RPC model: one operation with input, one without.
    const RPC_MODEL: &str = r#"{
      "version": "2.0",
      "metadata": {"apiVersion": "2024-01-01", "protocol": "PROTOCOL", "serviceId": "Rpc", "endpointPrefix": "rpc",
                   "jsonVersion": "1.1", "targetPrefix": "Rpc_20240101" QUERY},
      "operations": {
        "PutThing": {"name": "PutThing", "http": {"method": "POST", "requestUri": "/"},
                     "input": {"shape": "In"}, "output": {"shape": "Out"}, "errors": [{"shape": "Oops"}]},
        "Ping": {"name": "Ping", "http": {"method": "POST", "requestUri": "/"}}
      },
      "shapes": {
        "S": {"type": "string"},
        "In": {"type": "structure", "members": {"Name": {"shape": "S"}}},
        "Out": {"type": "structure", "members": {"Name": {"shape": "S"}}},
        "Oops": {"type": "structure", "members": {"message": {"shape": "S"}}, "exception": true}
      }
    }"#;

    fn rpc_model(protocol: &str, query_compatible: bool) -> String {
        RPC_MODEL
            .replace("PROTOCOL", protocol)
            .replace("QUERY", if query_compatible { r#", "awsQueryCompatible": {}"# } else { "" })
    }

    #[test]
    fn aws_json_operations() {
        let files = generate(&rpc_model("json", false), "awsjson");
        let put = squashed(&files, "src/operations/put_thing.rs");
        for want in [
            "typeProtocol=proto::AwsJson;",
            r#"method:"POST",uri:"/",success_code:200"#,
            "proto::request(&super::SERVICE,Self::METADATA,Some(input))",
            "Ok(rt::json_body::<crate::types::Out>(response)?)",
            "fnfrom_response(error:rt::ErrorResponse<'_,proto::AwsJson>)",
            "matcherror.code(){",
        ] {
            assert!(put.contains(want), "missing `{want}` in {put}");
        }
        assert!(squashed(&files, "src/operations/mod.rs").contains("use::awsgen_runtime::protocol::aws_jsonasproto;"));
        assert!(squashed(&files, "src/operations/mod.rs").contains("use::awsgen_runtime::protocol::aws_jsonasproto;"));
        let ping = squashed(&files, "src/operations/ping.rs");
        assert!(ping.contains("proto::request::<()>(&super::SERVICE,Self::METADATA,None)"), "{ping}");
        let module = squashed(&files, "src/operations/mod.rs");
        assert!(
            module.contains(r#"content_type:"application/x-amz-json-1.1",target_prefix:"Rpc_20240101",query_compatible:false"#),
            "{module}"
        );
        assert!(files.contains_key(std::path::Path::new("src/client.rs")));
        // SQS's rule: a query-compatible service whose errors have no codes
        // of their own is matched on `__type`.
        let files = generate(&rpc_model("json", true), "awsjson-query");
        let put = squashed(&files, "src/operations/put_thing.rs");
        assert!(put.contains("matchproto::shape_code(&error).as_str(){"), "{put}");
        assert!(squashed(&files, "src/operations/mod.rs").contains("query_compatible:true"));
    }

    #[test]
    fn rpcv2_cbor_operations() {
        let files = generate(&rpc_model("smithy-rpc-v2-cbor", false), "cbor");
        let put = squashed(&files, "src/operations/put_thing.rs");
        for want in [
            "typeProtocol=proto::RpcV2Cbor;",
            r#"uri:"/service/Rpc_20240101/operation/PutThing""#,
            "proto::request(&super::SERVICE,Self::METADATA,Some(input))",
            "Ok(proto::body::<crate::types::Out>(response)?)",
        ] {
            assert!(put.contains(want), "missing `{want}` in {put}");
        }
        assert!(squashed(&files, "src/operations/mod.rs").contains("use::awsgen_runtime::protocol::rpcv2_cborasproto;"));
        // Without a targetPrefix there is no `/service/<name>`: a model error.
        let model = rpc_model("smithy-rpc-v2-cbor", false).replace(r#", "targetPrefix": "Rpc_20240101""#, "");
        let dir = std::env::temp_dir().join(format!("awsgen-http-cbor-noprefix-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("service-2.json");
        std::fs::write(&path, model).unwrap();
        let loaded = crate::botocore::load(&path, None).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        let opts = crate::emit::Options { crate_name: "x".into(), source: "test".into(), runtime_path: "../runtime".into(), ..Default::default() };
        let err = crate::emit::generate(&loaded, &opts).unwrap_err().to_string();
        assert!(err.contains("metadata.targetPrefix"), "{err}");
    }
    /// Host prefixes are applied whatever the protocol: an awsJson operation
    /// wraps its request in `rt::with_host_prefix` with its host label.
    #[test]
    fn rpc_operations_apply_their_host_prefix() {
        let model = r#"{
          "version": "2.0",
          "metadata": {"apiVersion": "2024-01-01", "protocol": "json", "jsonVersion": "1.1", "targetPrefix": "Kinds",
                       "serviceId": "Kinds", "endpointPrefix": "kinds"},
          "operations": {
            "Put": {"name": "Put", "http": {"method": "POST", "requestUri": "/"}, "input": {"shape": "PutInput"},
                    "endpoint": {"hostPrefix": "{Account}.data-"}},
            "Ping": {"name": "Ping", "http": {"method": "POST", "requestUri": "/"}, "endpoint": {"hostPrefix": "data-"}}
          },
          "shapes": {
            "S": {"type": "string"},
            "PutInput": {"type": "structure", "required": ["Account"],
                         "members": {"Account": {"shape": "S", "hostLabel": true}, "Note": {"shape": "S"}}}
          }
        }"#;
        let files = generate(model, "rpc-host-prefix");
        let code = |path: &str| -> String { files[std::path::Path::new(path)].split_whitespace().collect() };
        let put = code("src/operations/put.rs");
        assert!(put.contains(r#"rt::with_host_prefix({proto::request(&super::SERVICE,Self::METADATA,Some(input))},Self::METADATA,"{Account}.data-",&[("Account",Some(input.account.as_str()))],)"#), "{put}");
        let ping = code("src/operations/ping.rs");
        assert!(ping.contains(r#"Self::METADATA,"data-",&[],)"#), "{ping}");
    }
}

//! restJson1 HTTP bindings: `src/operations/`, one file per operation.
//!
//! Each operation becomes a unit struct implementing
//! `awsgen_runtime::http::Operation` and an error enum. The generated glue
//! only says where each member goes (label, query parameter, header,
//! payload) and in which text form; the request builder, value formats and
//! response readers are generic code in `awsgen_runtime::http`.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::Ctx;
use crate::error::Result;
use crate::ir::{Location, Member, Operation, Protocol, Shape, ShapeKind, TimestampFormat};
use crate::naming::{self, ident};

/// Names the operations module re-exports from the runtime; an operation
/// named like one of them gets the suffix `Operation`.
const RUNTIME_NAMES: &[&str] = &["Operation", "SdkError"];

/// Whether the model gets an `operations` module (restJson1 services).
pub(crate) fn has_operations(model: &crate::ir::Model) -> bool {
    model.service.protocol == Protocol::RestJson && !model.operations.is_empty()
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
/// tokens); empty when the service is not restJson1.
pub(crate) fn emit_operations(ctx: &Ctx) -> Result<Vec<(String, TokenStream)>> {
    if !has_operations(ctx.model) {
        return Ok(Vec::new());
    }
    let ops = op_names(ctx)?;
    let mut files = Vec::new();
    let mut decls = Vec::new();
    for (op, names) in &ops {
        files.push((names.module.clone(), operation(ctx, op, names)?));
        let module = ident(&names.module);
        let (op_ty, err_ty) = (ident(&names.op), ident(&names.error));
        decls.push(quote! {
            mod #module;
            pub use self::#module::{#op_ty, #err_ty};
        });
    }
    let mod_rs = quote! {
        //! HTTP bindings of every operation (restJson1).
        //!
        //! Each operation is a unit struct implementing [`Operation`]:
        //! `build_request` turns its input into an `http::Request` exactly as
        //! botocore serializes it, and `parse_response` turns an
        //! `http::Response` into its output or its error enum (a variant per
        //! modelled error, plus `Unhandled`), wrapped in [`SdkError`].
        pub use ::awsgen_runtime::http::{Operation, SdkError};
        #(#decls)*
    };
    files.push(("mod".to_string(), mod_rs));
    Ok(files)
}

/// How a bound value is written as text (or read from a header).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Scalar {
    Str,
    Enum,
    Bool,
    Int,
    Float,
    Timestamp(Option<TimestampFormat>),
    Blob,
    /// A `jsonvalue` (`@mediaType` JSON) string header.
    JsonValue,
}

/// The form of a bound member's target.
enum Form {
    Scalar(Scalar),
    List(Scalar),
    /// A map whose values are scalars (`list` = the values are lists).
    Map { value: Scalar, list: bool },
}

impl Ctx<'_> {
    fn shape_of(&self, name: &str, at: &str) -> Result<&Shape> {
        self.model
            .shapes
            .get(name)
            .ok_or_else(|| self.error(at, format!("unknown shape `{name}`")))
    }

    fn scalar(&self, target: &str, ts_format: Option<TimestampFormat>, at: &str) -> Result<Option<Scalar>> {
        let shape = self.shape_of(target, at)?;
        Ok(Some(match &shape.kind {
            ShapeKind::String => Scalar::Str,
            ShapeKind::Enum(_) => Scalar::Enum,
            ShapeKind::Boolean => Scalar::Bool,
            ShapeKind::Byte
            | ShapeKind::Short
            | ShapeKind::Integer
            | ShapeKind::Long
            | ShapeKind::BigInteger
            | ShapeKind::IntEnum(_) => Scalar::Int,
            ShapeKind::Float | ShapeKind::Double | ShapeKind::BigDecimal => Scalar::Float,
            ShapeKind::Timestamp { format } => Scalar::Timestamp(ts_format.or(*format)),
            ShapeKind::Blob { .. } => Scalar::Blob,
            _ => return Ok(None),
        }))
    }

    /// The form of a member bound to a label, query parameter or header.
    fn form(&self, parent: &Shape, member: &Member) -> Result<Form> {
        let at = format!("shapes.{}.members.{}", parent.name, member.name);
        let unsupported =
            || self.error(at.clone(), format!("a {:?} binding of this member's type is not supported", member.location));
        if member.json_value && member.location == Location::Header {
            return Ok(Form::Scalar(Scalar::JsonValue));
        }
        if let Some(s) = self.scalar(&member.target, member.timestamp_format, &at)? {
            return Ok(Form::Scalar(s));
        }
        match &self.shape_of(&member.target, &at)?.kind {
            ShapeKind::List { member: item } => self
                .scalar(&item.target, item.timestamp_format, &at)?
                .map(Form::List)
                .ok_or_else(unsupported),
            ShapeKind::Map { value, .. } => {
                if let Some(s) = self.scalar(value, None, &at)? {
                    return Ok(Form::Map { value: s, list: false });
                }
                match &self.shape_of(value, &at)?.kind {
                    ShapeKind::List { member: item } => self
                        .scalar(&item.target, item.timestamp_format, &at)?
                        .map(|value| Form::Map { value, list: true })
                        .ok_or_else(unsupported),
                    _ => Err(unsupported()),
                }
            }
            _ => Err(unsupported()),
        }
    }
}

fn timestamp_format(format: TimestampFormat) -> TokenStream {
    match format {
        TimestampFormat::DateTime => quote!(rt::TimestampFormat::DateTime),
        TimestampFormat::EpochSeconds => quote!(rt::TimestampFormat::EpochSeconds),
        TimestampFormat::HttpDate => quote!(rt::TimestampFormat::HttpDate),
    }
}

/// The text of a value for a label or query parameter (`header` false) or a
/// header. `place` is the value (a reference when `is_ref`, else a place
/// expression such as `input.max_results`).
fn text(scalar: Scalar, place: &TokenStream, is_ref: bool, header: bool) -> TokenStream {
    let by_ref = if is_ref { place.clone() } else { quote!(&#place) };
    match scalar {
        Scalar::Str => by_ref,
        Scalar::Enum => quote!(#place.as_str()),
        Scalar::Bool | Scalar::Int => quote!(#place.to_string()),
        Scalar::Float => quote!(rt::fmt::float(#by_ref)),
        Scalar::Timestamp(format) if header => {
            let f = timestamp_format(format.unwrap_or(TimestampFormat::HttpDate));
            quote!(rt::fmt::header_timestamp(#by_ref, #f))
        }
        Scalar::Timestamp(format) => {
            let f = timestamp_format(format.unwrap_or(TimestampFormat::DateTime));
            quote!(rt::fmt::timestamp(#by_ref, #f))
        }
        Scalar::Blob if header => quote!(rt::fmt::base64(#by_ref)),
        Scalar::Blob => by_ref,
        Scalar::JsonValue => quote!(rt::fmt::json_value(#by_ref)),
    }
}

/// The reader of a header value.
fn parser(scalar: Scalar) -> TokenStream {
    match scalar {
        Scalar::Str | Scalar::Enum => quote!(rt::parse::string),
        Scalar::Bool => quote!(rt::parse::boolean),
        Scalar::Int => quote!(rt::parse::integer),
        Scalar::Float => quote!(rt::parse::float),
        Scalar::Timestamp(_) => quote!(rt::parse::timestamp),
        Scalar::Blob => quote!(rt::parse::blob),
        Scalar::JsonValue => quote!(rt::parse::json_value),
    }
}

/// A structure's members with their field names.
fn fields(shape: &Shape) -> Vec<(&Member, proc_macro2::Ident)> {
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

/// The statements that put one input member into the request.
fn input_member(ctx: &Ctx, shape: &Shape, member: &Member, field: &proc_macro2::Ident) -> Result<TokenStream> {
    let name = member.location_name.as_deref().unwrap_or(&member.name);
    let value = quote!(value);
    let place = if member.required { quote!(input.#field) } else { value.clone() };
    let is_ref = !member.required;
    let stmt = if member.payload {
        let target = ctx.shape_of(&member.target, &shape.name)?;
        let as_option = match (&target.kind, member.required) {
            (ShapeKind::Blob { .. }, false) => quote!(input.#field.as_deref()),
            (ShapeKind::Blob { .. }, true) => quote!(Some(input.#field.as_slice())),
            (ShapeKind::String, false) => quote!(input.#field.as_deref().map(str::as_bytes)),
            (ShapeKind::String, true) => quote!(Some(input.#field.as_bytes())),
            // A string enum is a string on the wire: its value, unquoted.
            (ShapeKind::Enum(_), false) => quote!(input.#field.as_ref().map(|value| value.as_str().as_bytes())),
            (ShapeKind::Enum(_), true) => quote!(Some(input.#field.as_str().as_bytes())),
            (_, false) => quote!(input.#field.as_ref()),
            (_, true) => quote!(Some(&input.#field)),
        };
        return Ok(match &target.kind {
            ShapeKind::Blob { .. } | ShapeKind::String | ShapeKind::Enum(_) => quote!(request.raw_payload(#as_option);),
            _ => quote!(request.json_payload(#as_option);),
        });
    } else {
        match (member.location, ctx.form(shape, member)?) {
            (Location::Uri, Form::Scalar(s)) => {
                let t = text(s, &place, is_ref, false);
                quote!(request.label(#name, #t);)
            }
            (Location::Querystring, Form::Scalar(s)) => {
                let t = text(s, &place, is_ref, false);
                quote!(request.query(#name, #t);)
            }
            (Location::Querystring, Form::List(s)) => {
                let items = if s == Scalar::Str || s == Scalar::Blob {
                    quote!(#place.iter())
                } else {
                    let t = text(s, &quote!(item), true, false);
                    quote!(#place.iter().map(|item| #t))
                };
                quote!(request.query_list(#name, #items);)
            }
            (Location::Querystring, Form::Map { value: s, list }) => {
                let t = text(s, &quote!(item), true, false);
                if list {
                    quote! {
                        for (key, items) in #place.iter() {
                            for item in items {
                                request.query_from_map(key, #t);
                            }
                        }
                    }
                } else {
                    quote! {
                        for (key, item) in #place.iter() {
                            request.query_from_map(key, #t);
                        }
                    }
                }
            }
            (Location::Header, Form::Scalar(s)) => {
                let t = text(s, &place, is_ref, true);
                quote!(request.header(#name, #t);)
            }
            (Location::Header, Form::List(s)) => {
                let t = match s {
                    Scalar::Str => quote!(rt::fmt::header_list_item(item)),
                    Scalar::Enum => quote!(rt::fmt::header_list_item(item.as_str())),
                    s => text(s, &quote!(item), true, true),
                };
                quote!(request.header_list(#name, #place.iter().map(|item| #t));)
            }
            (Location::Headers, Form::Map { value: Scalar::Str, list: false }) => {
                quote!(request.prefix_headers(#name, #place.iter());)
            }
            (Location::Headers, Form::Map { value: Scalar::Enum, list: false }) => {
                quote!(request.prefix_headers(#name, #place.iter().map(|(key, item)| (key, item.as_str())));)
            }
            (location, _) => {
                return Err(ctx.error(
                    format!("shapes.{}.members.{}", shape.name, member.name),
                    format!("a {location:?} binding of this member's type is not supported"),
                ))
            }
        }
    };
    Ok(if member.required {
        stmt
    } else {
        quote! {
            if let Some(value) = &input.#field {
                #stmt
            }
        }
    })
}

/// The host prefix, with the value of each host-label member (validation
/// made sure each `{label}` names one that is a string or enum).
fn host_prefix(ctx: &Ctx, prefix: &str, shape: &Shape) -> Result<TokenStream> {
    let mut labels = Vec::new();
    for (member, field) in fields(shape) {
        if !member.host_label || !prefix.contains(&format!("{{{}}}", member.name)) {
            continue;
        }
        let name = &member.name;
        let is_enum = matches!(ctx.shape_of(&member.target, &shape.name)?.kind, ShapeKind::Enum(_));
        let value = match (is_enum, member.required) {
            (false, true) => quote!(Some(input.#field.as_str())),
            (false, false) => quote!(input.#field.as_deref()),
            (true, true) => quote!(Some(input.#field.as_str())),
            (true, false) => quote!(input.#field.as_ref().map(|value| value.as_str())),
        };
        labels.push(quote!((#name, #value)));
    }
    Ok(quote!(request.host_prefix(#prefix, &[#(#labels),*]);))
}

/// `build_request`'s body.
fn build_request(ctx: &Ctx, op: &Operation) -> Result<(TokenStream, bool)> {
    let Some(input) = &op.input else {
        let prefix = op.host_prefix.as_deref().map(|p| quote!(.host_prefix(#p, &[])));
        return Ok((quote!(rt::RequestBuilder::new(Self::METADATA) #prefix .build()), false));
    };
    let shape = ctx.shape_of(input, &format!("operations.{}.input", op.name))?;
    let mut stmts = Vec::new();
    if let Some(prefix) = &op.host_prefix {
        stmts.push(host_prefix(ctx, prefix, shape)?);
    }
    let mut has_body_members = false;
    for (member, field) in fields(shape) {
        match member.location {
            Location::Body if !member.payload => has_body_members = true,
            Location::StatusCode => {}
            _ => stmts.push(input_member(ctx, shape, member, &field)?),
        }
    }
    let has_payload = shape.kind.members().iter().any(|m| m.payload);
    if has_body_members && !has_payload {
        stmts.push(quote!(request.json_body(input);));
    }
    let uses_input = !stmts.is_empty();
    Ok((
        quote! {
            let mut request = rt::RequestBuilder::new(Self::METADATA);
            #(#stmts)*
            request.build()
        },
        uses_input,
    ))
}

/// The members of an output or error structure bound to headers, the status
/// code or the payload, with the expression that reads each from `response`.
fn response_members(ctx: &Ctx, shape: &Shape) -> Result<Vec<(proc_macro2::Ident, TokenStream)>> {
    let mut out = Vec::new();
    for (member, field) in fields(shape) {
        let name = member.location_name.as_deref().unwrap_or(&member.name);
        let unsupported =
            |what: &str| ctx.error(format!("shapes.{}.members.{}", shape.name, member.name), what.to_string());
        // (expression, whether it is already an `Option`)
        let (read, optional) = if member.payload {
            match &ctx.shape_of(&member.target, &shape.name)?.kind {
                ShapeKind::Blob { .. } => (quote!(response.body().clone()), false),
                ShapeKind::String => (quote!(rt::string_payload(response)?), false),
                ShapeKind::Enum(_) => (quote!(rt::string_payload(response)?.into()), false),
                _ => (quote!(rt::json_payload(response)?), true),
            }
        } else {
            match member.location {
                Location::Body | Location::Uri | Location::Querystring => continue,
                Location::StatusCode => (quote!(response.status().as_u16().into()), false),
                Location::Header => match ctx.form(shape, member)? {
                    Form::Scalar(s) => {
                        let p = parser(s);
                        (quote!(rt::header(response, #name, #p)?), true)
                    }
                    Form::List(Scalar::Timestamp(format))
                        if format.unwrap_or(TimestampFormat::HttpDate) == TimestampFormat::HttpDate =>
                    {
                        (quote!(rt::header_http_date_list(response, #name)?), true)
                    }
                    Form::List(s) => {
                        let p = parser(s);
                        (quote!(rt::header_list(response, #name, #p)?), true)
                    }
                    Form::Map { .. } => return Err(unsupported("a map bound to one header is not supported")),
                },
                Location::Headers => match ctx.form(shape, member)? {
                    Form::Map { value: Scalar::Str, list: false } => (quote!(rt::prefix_headers(response, #name)?), true),
                    _ => return Err(unsupported("prefix headers of non-string values are not supported")),
                },
            }
        };
        let value = match (optional, member.required) {
            (true, true) => quote!(#read.unwrap_or_default()),
            (false, false) => quote!(Some(#read)),
            _ => read,
        };
        out.push((field, value));
    }
    Ok(out)
}

/// `parse_response`'s body after the error check.
fn parse_output(ctx: &Ctx, op: &Operation) -> Result<TokenStream> {
    let Some(output) = &op.output else {
        return Ok(quote!(Ok(())));
    };
    let shape = ctx.shape_of(output, &format!("operations.{}.output", op.name))?;
    let ty = ctx.type_path(output);
    let bound = response_members(ctx, shape)?;
    let members = shape.kind.members();
    let has_body = members.iter().any(|m| m.location == Location::Body && !m.payload);
    let has_payload = members.iter().any(|m| m.payload);
    Ok(if has_body && !has_payload {
        // The body members come from the JSON body; bound members are filled in.
        let sets = bound.iter().map(|(field, value)| quote!(output.#field = #value;));
        let binding = if bound.is_empty() { quote!(output) } else { quote!(mut output: #ty) };
        quote! {
            let #binding = rt::json_body(response)?;
            #(#sets)*
            Ok(output)
        }
    } else if bound.is_empty() {
        quote!(Ok(#ty::default()))
    } else {
        let inits = bound.iter().map(|(field, value)| quote!(#field: #value,));
        let rest = (bound.len() < members.len()).then(|| quote!(..Default::default()));
        quote! {
            let output = #ty {
                #(#inits)*
                #rest
            };
            Ok(output)
        }
    })
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
fn message_field(ctx: &Ctx, shape: &Shape) -> Option<proc_macro2::Ident> {
    fields(shape).into_iter().find_map(|(m, field)| {
        let is_string = matches!(ctx.model.shapes.get(&m.target).map(|s| &s.kind), Some(ShapeKind::String));
        (m.name.eq_ignore_ascii_case("message") && is_string && m.location == Location::Body && !m.payload)
            .then_some(field)
    })
}

fn error_enum(ctx: &Ctx, op: &Operation, names: &OpNames) -> Result<TokenStream> {
    let err_ty = ident(&names.error);
    let errors = modelled_errors(ctx, op)?;
    let doc = format!(" The errors of [`{}`]: each error the model lists, and `Unhandled` for any other.", names.op);
    let mut variants = Vec::new();
    let mut code_arms = Vec::new();
    let mut parse_arms = Vec::new();
    let mut display_arms = Vec::new();
    let mut source_arms = Vec::new();
    for (shape, variant, code) in &errors {
        let v = ident(variant);
        let ty = ctx.type_path(&shape.name);
        let status = shape.error.as_ref().and_then(|e| e.http_status).map(|s| format!(" (HTTP {s})")).unwrap_or_default();
        let vdoc = format!(" The service's `{code}` error{status}.");
        variants.push(quote! {
            #[doc = #vdoc]
            #v(#ty),
        });
        code_arms.push(quote!(Self::#v(_) => #code,));
        let mut fills: Vec<TokenStream> = response_members(ctx, shape)?
            .into_iter()
            .map(|(field, value)| quote!(modelled.#field = #value;))
            .collect();
        let message = message_field(ctx, shape);
        parse_arms.push(match (&message, fills.is_empty()) {
            (None, true) => quote!(#code => error.modelled(Self::#v),),
            (Some(field), true) => quote!(#code => error.modelled_with_message(Self::#v, |e| &mut e.#field),),
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
        if shape.error.is_some() {
            display_arms.push(quote!(Self::#v(error) => ::std::fmt::Display::fmt(error, f),));
            source_arms.push(quote!(Self::#v(error) => Some(error),));
        } else {
            display_arms.push(quote!(Self::#v(_) => f.write_str(#code),));
            source_arms.push(quote!(Self::#v(_) => None,));
        }
    }
    let unhandled = quote! {
        let rt::ErrorParts { code, message, request_id, status } = error.into_parts();
        rt::SdkError::Service(Self::Unhandled { code, message, request_id, status })
    };
    let from_response = if parse_arms.is_empty() {
        unhandled
    } else {
        quote! {
            match error.code() {
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
        pub enum #err_ty {
            #(#variants)*
            /// An error the model does not list for this operation.
            Unhandled {
                /// The error code (`X-Amzn-ErrorType`, or the body's `code` or `__type`, or the status code).
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
                match self {
                    #(#code_arms)*
                    Self::Unhandled { code, .. } => code,
                }
            }

            /// Reads an error response: the error the model lists for its code, or `Unhandled`.
            fn from_response(error: rt::ErrorResponse<'_>) -> rt::SdkError<Self> {
                #from_response
            }
        }

        impl ::std::fmt::Display for #err_ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    #(#display_arms)*
                    Self::Unhandled { code, message, status, .. } => rt::display_unhandled(f, code, message.as_deref(), *status),
                }
            }
        }

        impl ::std::error::Error for #err_ty {
            fn source(&self) -> Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    #(#source_arms)*
                    Self::Unhandled { .. } => None,
                }
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

fn operation(ctx: &Ctx, op: &Operation, names: &OpNames) -> Result<TokenStream> {
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
    let http = &op.http;
    let docs = operation_docs(
        op,
        false,
        format!("`{} {}`: {input_link} in, {output_link} or [`{}`] out.", http.method, http.request_uri, names.error),
    );
    let docs = docs.iter().map(|l| format!(" {l}"));
    let deprecated = super::types::deprecated_attr(op.deprecated.as_ref());
    let (name, method, uri) = (&op.name, &http.method, &http.request_uri);
    let code = proc_macro2::Literal::u16_unsuffixed(http.response_code);
    let (build, uses_input) = build_request(ctx, op)?;
    let input_arg = if uses_input { quote!(input) } else { quote!(_input) };
    let parse = parse_output(ctx, op)?;
    let fill_tokens = fill_idempotency_tokens(ctx, op)?;
    let error = error_enum(ctx, op, names)?;
    Ok(quote! {
        use ::awsgen_runtime::http as rt;

        #(#[doc = #docs])*
        #deprecated
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        pub struct #op_ty;

        impl rt::Operation for #op_ty {
            type Input = #input_ty;
            type Output = #output_ty;
            type Error = #err_ty;

            const METADATA: rt::Metadata = rt::Metadata {
                name: #name,
                method: #method,
                uri: #uri,
                success_code: #code,
            };

            fn build_request(#input_arg: &Self::Input) -> Result<::http::Request<Vec<u8>>, rt::BuildError> {
                #build
            }

            fn parse_response(response: &::http::Response<Vec<u8>>) -> Result<Self::Output, rt::SdkError<Self::Error>> {
                if !response.status().is_success() {
                    return Err(#err_ty::from_response(rt::ErrorResponse::new(response)));
                }
                #parse
            }

            #fill_tokens
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
        let opts = crate::emit::Options { crate_name: "kinds".into(), source: "test".into(), runtime_path: "../runtime".into(), ..Default::default() };
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
            code.contains("fnfill_idempotency_tokens(input:&mutSelf::Input,new_token:&mutdynFnMut()->String){ifinput.token.is_none(){input.token=Some(new_token());}ifinput.required.is_empty(){input.required=new_token();}}"),
            "{code}"
        );
        // No token member: the trait's default.
        assert!(!squashed(&files, "src/operations/ping.rs").contains("fill_idempotency_tokens"));
    }

    #[test]
    fn other_protocols_get_no_operations() {
        let model = MODEL.replace(r#""protocol": "rest-json""#, r#""protocol": "json""#);
        let files = generate(&model, "json");
        assert!(files.keys().all(|p| !p.starts_with("src/operations")));
        assert!(!squashed(&files, "src/lib.rs").contains("operations"));
        assert!(!files.contains_key(std::path::Path::new("src/client.rs")));
        assert!(!squashed(&files, "src/lib.rs").contains("client"));
        assert!(!files[std::path::Path::new("Cargo.toml")].contains("[features]"));
    }
}

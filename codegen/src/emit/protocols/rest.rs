//! The HTTP bindings shared by the REST protocols (restJson1, restXml):
//! members bound to URI labels, query parameters, headers, prefix headers,
//! the status code and the payload. The body format is the protocol's: it
//! comes in through [`RestBody`].

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::http::fields;
use crate::emit::Ctx;
use crate::error::Result;
use crate::ir::{Location, Member, Operation, Shape, ShapeKind, TimestampFormat};

/// What a REST protocol writes and reads as its body (generated code, in an
/// operation file where `rt` is `awsgen_runtime::http` and `proto` the
/// protocol's runtime module).
pub(crate) trait RestBody {
    /// Statement setting the body to the input's body members (`input`, of
    /// the input structure `shape`), on `request`
    /// (`rt::RequestBuilder`).
    fn set_body(&self, ctx: &Ctx, shape: &Shape) -> Result<TokenStream>;
    /// Statement setting the body to a structure, union or document payload
    /// member (`value`: an `Option<&T>` expression).
    fn set_payload(&self, ctx: &Ctx, member: &Member, value: TokenStream) -> Result<TokenStream>;
    /// Expression reading the output structure `shape` from `response`'s
    /// body (`Result<_, rt::ResponseError>` propagated with `?`).
    fn read_body(&self, ctx: &Ctx, shape: &Shape) -> Result<TokenStream>;
    /// Expression reading a structure, union or document payload member
    /// (an `Option`) from `response`'s body, propagated with `?`.
    fn read_payload(&self, ctx: &Ctx, member: &Member) -> Result<TokenStream>;
}

/// How a bound value is written as text (or read from a header).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Scalar {
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
pub(crate) enum Form {
    Scalar(Scalar),
    List(Scalar),
    /// A map whose values are scalars (`list` = the values are lists).
    Map { value: Scalar, list: bool },
}

impl Ctx<'_> {
    pub(crate) fn scalar(&self, target: &str, ts_format: Option<TimestampFormat>, at: &str) -> Result<Option<Scalar>> {
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
    pub(crate) fn form(&self, parent: &Shape, member: &Member) -> Result<Form> {
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
pub(crate) fn text(scalar: Scalar, place: &TokenStream, is_ref: bool, header: bool) -> TokenStream {
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
pub(crate) fn parser(scalar: Scalar) -> TokenStream {
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

/// The statements that put one input member into the request.
fn input_member(
    ctx: &Ctx,
    body: &dyn RestBody,
    shape: &Shape,
    member: &Member,
    field: &proc_macro2::Ident,
) -> Result<TokenStream> {
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
            _ => body.set_payload(ctx, member, as_option)?,
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

/// `build_request`'s body: the HTTP bindings of the input's members, then
/// the body in the protocol's format.
pub(crate) fn build_request(ctx: &Ctx, body: &dyn RestBody, op: &Operation) -> Result<(TokenStream, bool)> {
    let Some(input) = &op.input else {
        return Ok((quote!(rt::RequestBuilder::new(Self::METADATA).build()), false));
    };
    let shape = ctx.shape_of(input, &format!("operations.{}.input", op.name))?;
    let mut stmts = Vec::new();
    let mut has_body_members = false;
    for (member, field) in fields(shape) {
        match member.location {
            Location::Body if !member.payload => has_body_members = true,
            Location::StatusCode => {}
            _ => stmts.push(input_member(ctx, body, shape, member, &field)?),
        }
    }
    let has_payload = shape.kind.members().iter().any(|m| m.payload);
    if has_body_members && !has_payload {
        stmts.push(body.set_body(ctx, shape)?);
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
pub(crate) fn response_members(
    ctx: &Ctx,
    body: &dyn RestBody,
    shape: &Shape,
) -> Result<Vec<(proc_macro2::Ident, TokenStream)>> {
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
                _ => (body.read_payload(ctx, member)?, true),
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

/// `parse_response`'s body after the error check: the body in the
/// protocol's format, then the members bound to headers and the status code.
pub(crate) fn parse_output(ctx: &Ctx, body: &dyn RestBody, op: &Operation) -> Result<TokenStream> {
    let Some(output) = &op.output else {
        return Ok(quote!(Ok(())));
    };
    let shape = ctx.shape_of(output, &format!("operations.{}.output", op.name))?;
    let ty = ctx.type_path(output);
    let bound = response_members(ctx, body, shape)?;
    let members = shape.kind.members();
    let has_body = members.iter().any(|m| m.location == Location::Body && !m.payload);
    let has_payload = members.iter().any(|m| m.payload);
    Ok(if has_body && !has_payload {
        // The body members come from the body; bound members are filled in.
        let sets = bound.iter().map(|(field, value)| quote!(output.#field = #value;));
        let binding = if bound.is_empty() { quote!(output) } else { quote!(mut output: #ty) };
        let read = body.read_body(ctx, shape)?;
        quote! {
            let #binding = #read;
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


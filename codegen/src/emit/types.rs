//! One Rust item (with its impls) per structure, union and string enum.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::Ctx;
use crate::error::Result;
use crate::ir::{EnumValue, Location, Member, Shape, ShapeKind, TimestampFormat};
use crate::naming::{self, ident};

const REDACTED: &str = "*** Sensitive Data Redacted ***";

/// A Rust type for a member target, with the `serde_with` adapter it needs
/// (`None` when plain serde is exact) and the expression that reads it on
/// the fast JSON path (`awsgen_runtime::json`, reader named `r`; the value's
/// type comes from where it is stored). Timestamps need no format there:
/// every timestamp adapter reads every form.
struct Ty {
    tokens: TokenStream,
    adapter: Option<String>,
    read: TokenStream,
}

impl Ty {
    fn plain(tokens: TokenStream) -> Self {
        Ty { tokens, adapter: None, read: quote!(r.value()) }
    }

    fn float(tokens: TokenStream) -> Self {
        Ty { tokens, adapter: Some("::awsgen_runtime::wire::Float".into()), read: quote!(r.float()) }
    }

    fn adapter_or_same(&self) -> &str {
        self.adapter.as_deref().unwrap_or("::awsgen_runtime::wire::Same")
    }
}

/// Whether a fast-path read is `r.value()`: the type's own `FromJson`.
fn is_plain(read: &TokenStream) -> bool {
    read.to_string() == quote!(r.value()).to_string()
}

/// Doc attributes from model HTML, or `fallback` when the model has none.
fn doc_attrs(html: Option<&str>, fallback: impl FnOnce() -> String) -> TokenStream {
    let mut lines = html.map(crate::docs::html_to_markdown).unwrap_or_default();
    if lines.is_empty() {
        lines.push(fallback());
    }
    let lines = lines.into_iter().map(|l| format!(" {l}"));
    quote! { #(#[doc = #lines])* }
}

pub(super) fn deprecated_attr(dep: Option<&crate::ir::Deprecation>) -> TokenStream {
    match dep {
        None => quote!(),
        Some(d) => match &d.message {
            Some(note) => quote!(#[deprecated(note = #note)]),
            None => quote!(#[deprecated]),
        },
    }
}

impl Ctx<'_> {
    fn shape(&self, name: &str) -> Result<&Shape> {
        self.model
            .shapes
            .get(name)
            .ok_or_else(|| self.error(format!("shapes.{name}"), "unknown shape"))
    }

    /// The path of a generated type, usable from any module of the crate.
    pub(super) fn type_path(&self, shape: &str) -> TokenStream {
        let ty = ident(&self.type_names[shape]);
        quote!(crate::types::#ty)
    }

    fn timestamp_adapter(&self, format: Option<TimestampFormat>) -> String {
        let format = format.unwrap_or(self.model.service.protocol.default_body_timestamp_format());
        let name = match format {
            TimestampFormat::DateTime => "DateTime",
            TimestampFormat::EpochSeconds => "EpochSeconds",
            TimestampFormat::HttpDate => "HttpDate",
        };
        format!("::awsgen_runtime::wire::{name}")
    }

    /// The Rust type of a member targeting `target`. `ts_format` is the
    /// format set on the member itself, which wins over the shape's.
    fn rust_type(&self, target: &str, ts_format: Option<TimestampFormat>) -> Result<Ty> {
        let shape = self.shape(target)?;
        Ok(match &shape.kind {
            ShapeKind::Boolean => Ty::plain(quote!(bool)),
            ShapeKind::Byte => Ty::plain(quote!(i8)),
            ShapeKind::Short => Ty::plain(quote!(i16)),
            ShapeKind::Integer | ShapeKind::IntEnum(_) => Ty::plain(quote!(i32)),
            ShapeKind::Long | ShapeKind::BigInteger => Ty::plain(quote!(i64)),
            // NaN and the infinities travel as strings (`wire::Float`).
            ShapeKind::Float => Ty::float(quote!(f32)),
            ShapeKind::Double | ShapeKind::BigDecimal => Ty::float(quote!(f64)),
            ShapeKind::String => Ty::plain(quote!(String)),
            ShapeKind::Document => Ty::plain(quote!(::serde_json::Value)),
            ShapeKind::Timestamp { format } => Ty {
                tokens: quote!(::chrono::DateTime<::chrono::Utc>),
                adapter: Some(self.timestamp_adapter(ts_format.or(*format))),
                read: quote!(r.value()),
            },
            ShapeKind::Blob { .. } => Ty {
                tokens: quote!(Vec<u8>),
                adapter: Some("::awsgen_runtime::wire::Base64".into()),
                read: quote!(r.blob()),
            },
            ShapeKind::Enum(_) | ShapeKind::Structure { .. } | ShapeKind::Union { .. } => {
                Ty::plain(self.type_path(target))
            }
            ShapeKind::List { member } => {
                let inner = self.rust_type(&member.target, member.timestamp_format)?;
                let plain = is_plain(&inner.read);
                let (tokens, adapter, element) = if member.sparse {
                    let (t, read) = (&inner.tokens, &inner.read);
                    (
                        quote!(Option<#t>),
                        inner.adapter.as_ref().map(|a| format!("Option<{a}>")),
                        if plain { quote!(r.value()) } else { quote!(r.nullable(|r| #read)) },
                    )
                } else {
                    (inner.tokens, inner.adapter, inner.read)
                };
                // `Vec<T>` and `Option<T>` are `FromJson` when `T` is: no
                // closure, one reader per element type (compile time).
                let read = if is_plain(&element) { quote!(r.value()) } else { quote!(r.list(|r| #element)) };
                Ty {
                    tokens: quote!(Vec<#tokens>),
                    adapter: adapter.map(|a| format!("Vec<{a}>")),
                    read,
                }
            }
            ShapeKind::Map { key, value } => {
                let k = self.rust_type(key, None)?;
                let v = self.rust_type(value, None)?;
                let (kt, vt) = (&k.tokens, &v.tokens);
                let adapter = (k.adapter.is_some() || v.adapter.is_some()).then(|| {
                    format!(
                        "::indexmap::IndexMap<{}, {}>",
                        k.adapter_or_same(),
                        v.adapter_or_same()
                    )
                });
                let read = &v.read;
                let read = if is_plain(read) { quote!(r.value()) } else { quote!(r.map(|r| #read)) };
                Ty { tokens: quote!(::indexmap::IndexMap<#kt, #vt>), adapter, read }
            }
        })
    }

    /// The Rust type of a value of shape `target`.
    pub(super) fn rust_type_tokens(&self, target: &str) -> Result<TokenStream> {
        Ok(self.rust_type(target, None)?.tokens)
    }

    /// Whether values of `target` are sensitive (the shape, or the members of
    /// a list or map of it).
    fn is_sensitive(&self, target: &str) -> bool {
        let Some(shape) = self.model.shapes.get(target) else { return false };
        shape.sensitive
            || match &shape.kind {
                ShapeKind::List { member } => self.is_sensitive(&member.target),
                ShapeKind::Map { key, value } => self.is_sensitive(key) || self.is_sensitive(value),
                _ => false,
            }
    }
}

/// Emits the item for one shape.
pub(crate) fn emit_shape(ctx: &Ctx, shape: &Shape) -> Result<TokenStream> {
    match &shape.kind {
        ShapeKind::Structure { members } => structure(ctx, shape, members),
        ShapeKind::Union { members } => union(ctx, shape, members),
        ShapeKind::Enum(values) => Ok(string_enum(ctx, shape, values)),
        _ => Ok(quote!()),
    }
}

/// A member as a field: name, type, attributes.
struct Field<'m> {
    member: &'m Member,
    name: proc_macro2::Ident,
    ty: TokenStream,
    /// The type of the value (`ty` without the `Option` of an optional member).
    inner: TokenStream,
    sensitive: bool,
}

/// Two body members with the same JSON key cannot both be (de)serialized.
fn check_wire_names(ctx: &Ctx, shape: &Shape, members: &[Member]) -> Result<()> {
    let mut seen = std::collections::BTreeMap::new();
    for m in members.iter().filter(|m| m.location == Location::Body && !m.payload) {
        if let Some(first) = seen.insert(m.wire_name(), &m.name) {
            return Err(ctx.error(
                format!("shapes.{}.members.{}", shape.name, m.name),
                format!("has the same JSON name `{}` as member `{first}`", m.wire_name()),
            ));
        }
    }
    Ok(())
}

fn structure(ctx: &Ctx, shape: &Shape, members: &[Member]) -> Result<TokenStream> {
    check_wire_names(ctx, shape, members)?;
    let ty_name = ident(&ctx.type_names[&shape.name]);
    let field_names = naming::field_names(members.iter().map(|m| m.name.as_str()));
    let mut fields = Vec::new();
    let mut field_tokens = Vec::new();
    let mut json_arms = Vec::new();
    // The serde impls: per body member, its wire name, whether it is
    // written, how it is written and how it is read.
    let mut wire_names = Vec::new();
    let (mut required, mut optional_set) = (0usize, Vec::new());
    let mut writes = Vec::new();
    let mut json_writes = Vec::new();
    let mut read_arms = Vec::new();
    for (member, fname) in members.iter().zip(&field_names) {
        let ty = ctx.rust_type(&member.target, member.timestamp_format)?;
        let boxed = ctx.boxed.contains(&(shape.name.clone(), member.name.clone()));
        let inner = &ty.tokens;
        let inner = if boxed { quote!(Box<#inner>) } else { inner.clone() };
        let adapter = ty.adapter.clone().map(|a| if boxed { format!("Box<{a}>") } else { a });
        let name = ident(fname);
        let wire = member.wire_name();
        let http_bound = member.location != Location::Body || member.payload;

        let field_ty = if member.required { inner.clone() } else { quote!(Option<#inner>) };
        if !http_bound {
            // Required members read `null` as their default (Smithy's error
            // correction); optional ones are left out when `None`.
            let index = proc_macro2::Literal::usize_unsuffixed(wire_names.len());
            let (write, read) = match (member.required, &adapter) {
                (true, None) => (quote!(required), quote!(required)),
                (false, None) => (quote!(optional), quote!(optional)),
                (true, Some(_)) => (quote!(required_as), quote!(required_as)),
                (false, Some(_)) => (quote!(optional_as), quote!(optional_as)),
            };
            let turbofish = adapter.as_deref().map(|a| {
                let a: syn::Type = syn::parse_str(a).expect("adapter paths are valid types");
                quote!(::<#a, _>)
            });
            writes.push(quote!(out.#write #turbofish(#wire, &self.#name);));
            json_writes.push(match (member.required, &turbofish) {
                (_, None) => quote!(o.member(#wire, &self.#name);),
                (true, Some(turbofish)) => quote!(o.member_as #turbofish(#wire, &self.#name);),
                (false, Some(turbofish)) => quote!(o.optional_as #turbofish(#wire, &self.#name);),
            });
            read_arms.push(quote!(#index => member.#read #turbofish(&mut self.#name),));
            if member.required {
                required += 1;
            } else {
                optional_set.push(quote!(self.#name.is_some()));
            }
            wire_names.push(wire.to_string());
        }
        if !http_bound {
            let index = proc_macro2::Literal::usize_unsuffixed(json_arms.len());
            let mut read = ty.read.clone();
            if boxed {
                read = quote!(#read.map(Box::new));
            }
            // A plain `r.value()` needs no closure: one copy of the helper per
            // type instead of one per member (compile time).
            let plain = is_plain(&read);
            let arm = match (member.required, plain) {
                (true, true) => quote!(r.required_member(#index, &mut self.#name)),
                (false, true) => quote!(r.optional_member(#index, &mut self.#name)),
                (true, false) => quote!(r.required_member_with(#index, &mut self.#name, |r| #read)),
                (false, false) => quote!(r.optional_member_with(#index, &mut self.#name, |r| #read)),
            };
            json_arms.push(quote!(#wire => #arm,));
        }
        let docs = member_docs(ctx, shape, member)?;
        let deprecated = deprecated_attr(member.deprecated.as_ref());
        field_tokens.push(quote! {
            #docs
            #deprecated
            pub #name: #field_ty,
        });
        fields.push(Field {
            member,
            name,
            ty: field_ty,
            inner: inner.clone(),
            sensitive: member.sensitive || ctx.is_sensitive(&member.target),
        });
    }

    let docs = doc_attrs(shape.documentation.as_deref(), || format!("The `{}` structure.", shape.name));
    let deprecated = deprecated_attr(shape.deprecated.as_ref());
    let redact = shape.sensitive || fields.iter().any(|f| f.sensitive);
    let debug_derive = (!redact).then(|| quote!(Debug,));
    let mut out = quote! {
        #docs
        #deprecated
        #[derive(#debug_derive Clone, PartialEq, Default)]
        #[non_exhaustive]
        pub struct #ty_name {
            #(#field_tokens)*
        }
    };
    let rust_name = ty_name.to_string().trim_start_matches("r#").to_owned();
    let cfg = ctx.serde_cfg(&shape.name);
    out.extend(structure_serde(&ty_name, &rust_name, &wire_names, (required, &optional_set), &writes, &read_arms, cfg));
    if ctx.writes_json(&shape.name) {
        out.extend(structure_to_json(&ty_name, &json_writes));
    }
    if redact {
        out.extend(redacted_debug(shape, &ty_name, &fields));
    }
    out.extend(structure_from_json(&ty_name, &json_arms));
    out.extend(constructor(&ty_name, &fields));
    if shape.error.is_some() || ctx.operation_errors.contains(&shape.name) {
        let message = super::http::message_field(ctx, shape).map(|field| {
            quote! {
                fn message_mut(&mut self) -> Option<&mut dyn ::awsgen_runtime::http::MessageField> {
                    Some(&mut self.#field)
                }
            }
        });
        out.extend(quote! {
            impl ::awsgen_runtime::http::ErrorMessage for #ty_name {
                #message
            }
        });
    }
    if let Some(error) = &shape.error {
        let message = fields.iter().find(|f| {
            f.member.name.eq_ignore_ascii_case("message")
                && matches!(ctx.model.shapes.get(&f.member.target).map(|s| &s.kind), Some(ShapeKind::String))
        });
        out.extend(error_impls(&ty_name, &error.code, message));
    }
    Ok(out)
}

/// A structure's serde impls (`awsgen_runtime::structure`): the members it
/// writes, in order, and a reader per member index. `name` is the Rust
/// name, as serde's derives gave it. `cfg` goes on each impl
/// ([`Ctx::serde_cfg`]).
fn structure_serde(
    ty_name: &proc_macro2::Ident,
    name: &str,
    wire_names: &[String],
    (required, optional_set): (usize, &[TokenStream]),
    writes: &[TokenStream],
    read_arms: &[TokenStream],
    cfg: TokenStream,
) -> TokenStream {
    let required = proc_macro2::Literal::usize_unsuffixed(required);
    let mutable = (!writes.is_empty()).then(|| quote!(mut));
    let serialize_body = quote! {
        let #mutable out = ::awsgen_runtime::structure::Writer::new(serializer, #name, #required, &[#(#optional_set),*])?;
        #(#writes)*
        out.end()
    };
    let read_body = if read_arms.is_empty() {
        quote! {
            let _ = (index, member);
            Ok(())
        }
    } else {
        quote! {
            match index {
                #(#read_arms)*
                _ => Ok(()),
            }
        }
    };
    quote! {
        #cfg
        impl ::serde::Serialize for #ty_name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                #serialize_body
            }
        }

        #cfg
        impl<'de> ::serde::Deserialize<'de> for #ty_name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                ::awsgen_runtime::structure::deserialize(deserializer)
            }
        }

        #cfg
        impl ::awsgen_runtime::structure::Structure for #ty_name {
            const NAME: &'static str = #name;
            const FIELDS: &'static [&'static str] = &[#(#wire_names),*];

            fn read_member<'de, A: ::serde::de::MapAccess<'de>>(
                &mut self,
                index: usize,
                member: ::awsgen_runtime::structure::Member<'_, 'de, A>,
            ) -> Result<(), A::Error> {
                #read_body
            }
        }
    }
}

/// How a request body writes a structure: each body member in model order,
/// optional ones only when set, as its serde `Serialize` writes them.
fn structure_to_json(ty_name: &proc_macro2::Ident, writes: &[TokenStream]) -> TokenStream {
    let body = if writes.is_empty() {
        quote!(w.object().end();)
    } else {
        quote! {
            let mut o = w.object();
            #(#writes)*
            o.end();
        }
    };
    quote! {
        impl ::awsgen_runtime::to_json::ToJson for #ty_name {
            fn write_json(&self, w: &mut ::awsgen_runtime::to_json::Writer) {
                #body
            }
        }
    }
}

/// The fast-path reader of a structure: each body member by its JSON name,
/// as its serde `Deserialize` reads it (a member given twice declines).
fn structure_from_json(ty_name: &proc_macro2::Ident, arms: &[TokenStream]) -> TokenStream {
    let body = if arms.is_empty() {
        quote! {
            let _ = name;
            r.skip()
        }
    } else {
        quote! {
            match name {
                #(#arms)*
                _ => r.skip(),
            }
        }
    };
    quote! {
        impl<'a> ::awsgen_runtime::json::Members<'a> for #ty_name {
            fn member(&mut self, r: &mut ::awsgen_runtime::json::Reader<'a>, name: &str) -> ::awsgen_runtime::json::Result<()> {
                #body
            }
        }
    }
}

fn member_docs(ctx: &Ctx, shape: &Shape, member: &Member) -> Result<TokenStream> {
    let target = ctx.shape(&member.target)?;
    let html = member.documentation.as_deref().or(target.documentation.as_deref());
    let mut docs = doc_attrs(html, || format!("The `{}` member of `{}`.", member.name, shape.name));
    let binding = match (member.location, member.location_name.as_deref()) {
        (Location::Body, _) if member.payload => Some("Sent as the HTTP payload, not as a JSON member.".to_string()),
        (Location::Body, _) => None,
        (Location::Uri, n) => Some(format!("Bound to the URI label `{}`; not part of the JSON body.", n.unwrap_or(&member.name))),
        (Location::Querystring, n) => Some(format!("Bound to the query parameter `{}`; not part of the JSON body.", n.unwrap_or(&member.name))),
        (Location::Header, n) => Some(format!("Bound to the HTTP header `{}`; not part of the JSON body.", n.unwrap_or(&member.name))),
        (Location::Headers, n) => Some(format!("Bound to HTTP headers with the prefix `{}`; not part of the JSON body.", n.unwrap_or(""))),
        (Location::StatusCode, _) => Some("Bound to the HTTP status code; not part of the JSON body.".to_string()),
    };
    if let Some(binding) = binding {
        let line = format!(" {binding}");
        docs.extend(quote!(#[doc = ""] #[doc = #line]));
    }
    Ok(docs)
}

fn redacted_debug(shape: &Shape, ty_name: &proc_macro2::Ident, fields: &[Field]) -> TokenStream {
    let name = &shape.name;
    let body = if shape.sensitive {
        quote!(f.debug_struct(#name).finish_non_exhaustive())
    } else {
        let labels = fields.iter().map(|f| f.name.to_string().trim_start_matches("r#").to_string());
        let values = fields.iter().map(|f| {
            let field = &f.name;
            if f.sensitive {
                quote!(&#REDACTED)
            } else {
                quote!(&self.#field)
            }
        });
        quote!(::awsgen_runtime::structure::debug(f, #name, &[#(#labels),*], &[#(#values),*]))
    };
    quote! {
        impl ::std::fmt::Debug for #ty_name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                #body
            }
        }
    }
}

/// `new(required…)` when there are required members, and a `with_<field>`
/// setter per member, so values of the `#[non_exhaustive]` struct are built
/// as `T::new(a, b).with_c(c)` or `T::default().with_c(c)` (a struct literal
/// only compiles inside the crate). The setters are `#[inline]`, so the
/// generated crate does not compile them to code unless a user calls them.
fn constructor(ty_name: &proc_macro2::Ident, fields: &[Field]) -> TokenStream {
    let mut taken = std::collections::BTreeSet::new();
    let setters = fields.iter().map(|f| {
        let name = &f.name;
        let plain = name.to_string();
        let plain = plain.trim_start_matches("r#");
        // `_3d_model` (a name that starts with a digit) → `with_3d_model`.
        let mut setter = format!("with_{}", plain.trim_start_matches('_'));
        if !taken.insert(setter.clone()) {
            setter = format!("with_{plain}");
        }
        let lint = setter.contains("__").then(|| quote!(#[allow(non_snake_case)]));
        let setter = format_ident!("{setter}");
        let doc = format!(" Sets `{plain}`, builder style.");
        let ty = &f.ty;
        // An optional member's setter takes the value, not the `Option`.
        let (param, value) = if f.member.required { (ty, quote!(value)) } else { (&f.inner, quote!(Some(value))) };
        quote! {
            #[doc = #doc]
            #[inline]
            #lint
            pub fn #setter(mut self, value: #param) -> Self {
                self.#name = #value;
                self
            }
        }
    });
    let setters: Vec<TokenStream> = setters.collect();
    let required: Vec<&Field> = fields.iter().filter(|f| f.member.required).collect();
    if required.is_empty() {
        if setters.is_empty() {
            return quote!();
        }
        return quote! {
            impl #ty_name {
                #(#setters)*
            }
        };
    }
    let params = required.iter().map(|f| {
        let (n, t) = (&f.name, &f.ty);
        quote!(#n: #t)
    });
    let inits = required.iter().map(|f| &f.name);
    let names: Vec<String> = required
        .iter()
        .map(|f| format!("`{}`", f.name.to_string().trim_start_matches("r#")))
        .collect();
    let doc = format!(" Creates a value from its required members ({}); every optional member is `None`.", names.join(", "));
    let rest = (required.len() < fields.len()).then(|| quote!(..Default::default()));
    quote! {
        impl #ty_name {
            #[doc = #doc]
            #[inline]
            pub fn new(#(#params),*) -> Self {
                Self { #(#inits,)* #rest }
            }

            #(#setters)*
        }
    }
}

fn error_impls(ty_name: &proc_macro2::Ident, code: &str, message: Option<&Field>) -> TokenStream {
    let with_message = format!("{}: {{}}", code.replace('{', "{{").replace('}', "}}"));
    let display = match message {
        Some(f) if f.member.required => {
            let n = &f.name;
            quote!(write!(f, #with_message, self.#n))
        }
        Some(f) => {
            let n = &f.name;
            quote! {
                match &self.#n {
                    Some(message) => write!(f, #with_message, message),
                    None => f.write_str(#code),
                }
            }
        }
        None => quote!(f.write_str(#code)),
    };
    quote! {
        impl ::std::fmt::Display for #ty_name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                #display
            }
        }

        impl ::std::error::Error for #ty_name {}
    }
}

fn union(ctx: &Ctx, shape: &Shape, members: &[Member]) -> Result<TokenStream> {
    check_wire_names(ctx, shape, members)?;
    let name = &shape.name;
    let ty_name = ident(&ctx.type_names[name]);
    let cfg = ctx.serde_cfg(name);
    let variants = naming::union_variant_names(members.iter().map(|m| m.name.as_str()));
    let mut defs = Vec::new();
    let mut ser_arms = Vec::new();
    let mut de_arms = Vec::new();
    let mut json_arms = Vec::new();
    let mut to_json_arms = Vec::new();
    let mut debug_arms = Vec::new();
    for (member, variant) in members.iter().zip(&variants) {
        let v = ident(variant);
        let ty = ctx.rust_type(&member.target, member.timestamp_format)?;
        let boxed = ctx.boxed.contains(&(name.clone(), member.name.clone()));
        let inner = &ty.tokens;
        let field_ty = if boxed { quote!(Box<#inner>) } else { inner.clone() };
        let wire = member.wire_name();
        let docs = member_docs(ctx, shape, member)?;
        defs.push(quote! { #docs #v(#field_ty), });
        let wrap = if boxed { quote!(|v| Self::#v(Box::new(v))) } else { quote!(Self::#v) };
        to_json_arms.push(match &ty.adapter {
            Some(adapter) => {
                let adapter: syn::Type = syn::parse_str(adapter).expect("adapter paths are valid types");
                quote!(Self::#v(value) => o.member_as::<#adapter, #inner>(#wire, value),)
            }
            None => quote!(Self::#v(value) => o.member(#wire, value),),
        });
        let (ser_value, de_value) = match &ty.adapter {
            Some(adapter) => {
                let adapter: syn::Type = syn::parse_str(adapter).expect("adapter paths are valid types");
                (
                    quote!(&::serde_with::ser::SerializeAsWrap::<#inner, #adapter>::new(value)),
                    quote!(value.read_as::<_, #adapter>()?.map(#wrap)),
                )
            }
            None => (quote!(value), quote!(value.read()?.map(#wrap))),
        };
        let read = &ty.read;
        // A `match`, not `?` and `Option::map`: no generic shims per arm.
        let nullable = if is_plain(read) { quote!(r.nullable_value()) } else { quote!(r.nullable(|r| #read)) };
        let value = if boxed { quote!(Self::#v(Box::new(value))) } else { quote!(Self::#v(value)) };
        json_arms.push(quote! {
            #wire => match #nullable {
                Ok(Some(value)) => Some(#value),
                Ok(None) => None,
                Err(declined) => return Err(declined),
            },
        });
        ser_arms.push(quote!(Self::#v(value) => map.serialize_entry(#wire, #ser_value)?,));
        de_arms.push(quote!(#wire => #de_value,));
        let sensitive = member.sensitive || ctx.is_sensitive(&member.target);
        debug_arms.push(if sensitive {
            quote!(Self::#v(_) => f.debug_tuple(#variant).field(&#REDACTED).finish(),)
        } else {
            quote!(Self::#v(value) => f.debug_tuple(#variant).field(value).finish(),)
        });
    }
    let docs = doc_attrs(shape.documentation.as_deref(), || format!("The `{name}` union."));
    let deprecated = deprecated_attr(shape.deprecated.as_ref());
    let unknown_doc = " A member this version of the model does not know (botocore's `SDK_UNKNOWN_MEMBER`), kept as received so it serializes back unchanged.";
    let unknown = format_ident!("{}", naming::UNKNOWN_VARIANT);
    let debug = if shape.sensitive {
        quote!(f.write_str(#REDACTED))
    } else {
        quote! {
            match self {
                #(#debug_arms)*
                Self::#unknown { name, value } => f.debug_struct("Unknown").field("name", name).field("value", value).finish(),
            }
        }
    };
    let default_doc = " The unknown member with an empty name: the zero value Smithy's error correction gives a missing union.";
    let to_json = ctx.writes_json(name).then(|| {
        quote! {
            impl ::awsgen_runtime::to_json::ToJson for #ty_name {
                fn write_json(&self, w: &mut ::awsgen_runtime::to_json::Writer) {
                    let mut o = w.object();
                    match self {
                        #(#to_json_arms)*
                        Self::#unknown { name, value } => o.member(name, value),
                    }
                    o.end();
                }
            }
        }
    });
    Ok(quote! {
        #docs
        #deprecated
        #[derive(Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #ty_name {
            #(#defs)*
            #[doc = #unknown_doc]
            #unknown {
                /// The member's name on the wire.
                name: String,
                /// The member's raw JSON value.
                value: ::serde_json::Value,
            },
        }

        impl Default for #ty_name {
            #[doc = #default_doc]
            fn default() -> Self {
                Self::#unknown { name: String::new(), value: ::serde_json::Value::Null }
            }
        }

        impl ::std::fmt::Debug for #ty_name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                #debug
            }
        }

        #cfg
        impl ::serde::Serialize for #ty_name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(Some(1))?;
                match self {
                    #(#ser_arms)*
                    Self::#unknown { name, value } => map.serialize_entry(name, value)?,
                }
                map.end()
            }
        }

        #cfg
        impl ::awsgen_runtime::union::Union for #ty_name {
            const NAME: &'static str = #name;

            fn read_member<'de, A: ::serde::de::MapAccess<'de>>(
                name: &str,
                value: ::awsgen_runtime::union::MemberValue<'_, 'de, A>,
            ) -> Result<Option<Self>, A::Error> {
                Ok(match name {
                    #(#de_arms)*
                    _ => value.unknown()?.map(|value| Self::#unknown { name: name.to_owned(), value }),
                })
            }
        }

        #cfg
        impl<'de> ::serde::Deserialize<'de> for #ty_name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                ::awsgen_runtime::union::deserialize(deserializer)
            }
        }

        impl ::awsgen_runtime::json::FromJson for #ty_name {
            fn from_json(r: &mut ::awsgen_runtime::json::Reader<'_>) -> ::awsgen_runtime::json::Result<Self> {
                r.union(|r, name| {
                    Ok(match name {
                        #(#json_arms)*
                        _ => match r.nullable_value::<::serde_json::Value>() {
                            Ok(Some(value)) => Some(Self::#unknown { name: name.to_owned(), value }),
                            Ok(None) => None,
                            Err(declined) => return Err(declined),
                        },
                    })
                })
            }
        }

        #to_json
    })
}

/// The part of a string enum's page every enum has: how `Unknown` behaves.
fn enum_guide(ty: &str, values: &[EnumValue]) -> Vec<String> {
    // No "used by" list: a subset crate must generate every type file
    // byte for byte as the full crate does (tests/subset.rs).
    let mut lines = vec![String::new()];
    let example = values.first().map_or("A", |v| v.value.as_str());
    let variant = naming::enum_variant_names(values.iter().map(|v| v.value.as_str())).first().cloned().unwrap_or_default();
    lines.extend([
        "# Unknown values".to_string(),
        String::new(),
        format!(
            "A value the service sends that this model does not list (one added to the service after this crate \
             was generated, say) is read as [`{0}`](Self::{0}) holding the text as received, never an error. \
             `as_str()`, `Display` and serialization give that text back unchanged, so it round-trips. Match it by \
             name, and keep an arm for it (or a wildcard) so that code still compiles and behaves when a later \
             model adds the value:",
            naming::UNKNOWN_VARIANT
        ),
        String::new(),
        "```text".to_string(),
        "match value {".to_string(),
        format!("    {ty}::{variant} => {{ /* \"{example}\" */ }}"),
        format!("    {ty}::{}(other) => println!(\"not in this model: {{other}}\"),", naming::UNKNOWN_VARIANT),
        "    _ => {} // values a later model adds".to_string(),
        "}".to_string(),
        "```".to_string(),
        String::new(),
        format!(
            "`{ty}::from(\"{example}\")` gives `{ty}::{variant}`; any other text gives `{}`. A required member \
             that is missing from a response reads as `{}(\"\")` (the [`Default`]), Smithy's client error correction.",
            naming::UNKNOWN_VARIANT, naming::UNKNOWN_VARIANT
        ),
    ]);
    lines.into_iter().map(|l| format!(" {l}").trim_end().to_string()).collect()
}

fn string_enum(ctx: &Ctx, shape: &Shape, values: &[EnumValue]) -> TokenStream {
    let name = &shape.name;
    let ty_name = ident(&ctx.type_names[name]);
    let cfg = ctx.serde_cfg(name);
    let to_json = ctx.writes_json(name).then(|| {
        quote! {
            impl ::awsgen_runtime::to_json::ToJson for #ty_name {
                fn write_json(&self, w: &mut ::awsgen_runtime::to_json::Writer) {
                    w.string(self.as_str());
                }
            }
        }
    });
    let variants: Vec<proc_macro2::Ident> = naming::enum_variant_names(values.iter().map(|v| v.value.as_str()))
        .iter()
        .map(|v| ident(v))
        .collect();
    let wire: Vec<&str> = values.iter().map(|v| v.value.as_str()).collect();
    let docs = doc_attrs(shape.documentation.as_deref(), || format!("The values of `{name}` in the model."));
    let guide = enum_guide(&ctx.type_names[name], values);
    let deprecated = deprecated_attr(shape.deprecated.as_ref());
    let variant_docs = values.iter().map(|v| {
        let first = format!(" `{}`", v.value.replace('`', "'"));
        let more = v.documentation.as_deref().map(crate::docs::html_to_markdown).unwrap_or_default();
        let more = more.into_iter().map(|l| format!(" {l}"));
        quote!(#[doc = #first] #(#[doc = ""] #[doc = #more])*)
    });
    let unknown = format_ident!("{}", naming::UNKNOWN_VARIANT);
    quote! {
        #docs
        #(#[doc = #guide])*
        #deprecated
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum #ty_name {
            #(#variant_docs #variants,)*
            /// A value this version of the model does not list (see [Unknown values](Self#unknown-values)),
            /// kept exactly as received.
            #unknown(String),
        }

        impl #ty_name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variants => #wire,)*
                    Self::#unknown(value) => value,
                }
            }

            /// Every value the model knows, in model order.
            pub const fn values() -> &'static [&'static str] {
                &[#(#wire),*]
            }
        }

        impl From<&str> for #ty_name {
            fn from(value: &str) -> Self {
                match value {
                    #(#wire => Self::#variants,)*
                    other => Self::#unknown(other.to_owned()),
                }
            }
        }

        impl From<String> for #ty_name {
            fn from(value: String) -> Self {
                match Self::from(value.as_str()) {
                    Self::#unknown(_) => Self::#unknown(value),
                    known => known,
                }
            }
        }

        impl ::std::str::FromStr for #ty_name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> Result<Self, ::std::convert::Infallible> {
                Ok(Self::from(value))
            }
        }

        impl ::std::fmt::Display for #ty_name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Default for #ty_name {
            /// An empty unknown value: the zero value Smithy's error correction gives a missing enum.
            fn default() -> Self {
                Self::#unknown(String::new())
            }
        }

        #cfg
        impl ::serde::Serialize for #ty_name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        #cfg
        impl<'de> ::serde::Deserialize<'de> for #ty_name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                ::awsgen_runtime::wire::deserialize_enum(deserializer)
            }
        }

        impl ::awsgen_runtime::json::FromJson for #ty_name {
            fn from_json(r: &mut ::awsgen_runtime::json::Reader<'_>) -> ::awsgen_runtime::json::Result<Self> {
                r.string_enum()
            }
        }

        #to_json
    }
}

//! Per-operation paginator glue: a unit struct implementing
//! `awsgen_runtime::paginator::Paginate` with one short method per concern,
//! and a constructor function per paginator. The generic engine (tokens,
//! PageSize, MaxItems, StartingToken, stop rules) lives in the runtime.
//!
//! `paginators-1.json` expressions are resolved against the typed shapes at
//! generation time: plain members (`nextToken`), dotted paths
//! (`ResultSet.Rows`), the last element of a list (`Jobs[-1].JobId`) and
//! JMESPath or (`NextMarker || Contents[-1].Key`).

use heck::ToSnakeCase;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::Ctx;
use crate::error::Result;
use crate::ir::{Member, Paginator, ShapeKind};
use crate::naming::{self, ident};

/// A parsed output-token or result-key expression.
#[derive(Debug, Clone, PartialEq)]
enum Expr {
    Path(Vec<Seg>),
    Or(Box<Expr>, Box<Expr>),
}

#[derive(Debug, Clone, PartialEq)]
enum Seg {
    Field(String),
    /// `[-1]`: the last element of a list.
    Last,
}

fn parse_expr(text: &str) -> Option<Expr> {
    if let Some((a, b)) = text.split_once("||") {
        return Some(Expr::Or(Box::new(parse_expr(a)?), Box::new(parse_expr(b)?)));
    }
    let mut segs = Vec::new();
    for part in text.trim().split('.') {
        let (name, last) = match part.strip_suffix("[-1]") {
            Some(name) => (name, true),
            None => (part, false),
        };
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return None;
        }
        segs.push(Seg::Field(name.to_string()));
        if last {
            segs.push(Seg::Last);
        }
    }
    Some(Expr::Path(segs))
}

/// One field step resolved against the model.
struct Step {
    field: proc_macro2::Ident,
    optional: bool,
    boxed: bool,
}

/// A resolved path: the steps and the shape it ends on.
struct Resolved {
    steps: Vec<ResolvedSeg>,
    target: String,
}

enum ResolvedSeg {
    Field(Step),
    Last,
}

impl Ctx<'_> {
    fn member<'m>(&'m self, shape: &str, name: &str) -> Option<(&'m Member, String)> {
        let members = self.model.shapes.get(shape)?.kind.members();
        let names = naming::field_names(members.iter().map(|m| m.name.as_str()));
        members.iter().zip(names).find(|(m, _)| m.name == name)
    }

    fn resolve(&self, start: &str, segs: &[Seg], at: &str) -> Result<Resolved> {
        let mut shape = start.to_string();
        let mut steps = Vec::new();
        for seg in segs {
            match seg {
                Seg::Field(name) => {
                    let (member, field) = self
                        .member(&shape, name)
                        .ok_or_else(|| self.error(at, format!("`{name}` is not a member of `{shape}`")))?;
                    steps.push(ResolvedSeg::Field(Step {
                        field: ident(&field),
                        optional: !member.required,
                        boxed: self.boxed.contains(&(shape.clone(), member.name.clone())),
                    }));
                    shape = member.target.clone();
                }
                Seg::Last => match &self.model.shapes.get(&shape).map(|s| &s.kind) {
                    Some(ShapeKind::List { member }) => {
                        steps.push(ResolvedSeg::Last);
                        shape = member.target.clone();
                    }
                    _ => return Err(self.error(at, format!("`[-1]` applied to `{shape}`, which is not a list"))),
                },
            }
        }
        Ok(Resolved { steps, target: shape })
    }

    fn kind_of(&self, shape: &str) -> Option<&ShapeKind> {
        self.model.shapes.get(shape).map(|s| &s.kind)
    }
}

/// `root`'s path as an `Option<&T>` (or `Option<&mut T>` when `mutable`):
/// the first step reads the field, later steps chain `Option` combinators.
fn chain(root: TokenStream, steps: &[ResolvedSeg], mutable: bool) -> TokenStream {
    let mut out: Option<TokenStream> = None;
    for seg in steps {
        let (field, optional, boxed) = match seg {
            ResolvedSeg::Field(Step { field, optional, boxed }) => (field, *optional, *boxed),
            ResolvedSeg::Last => {
                let base = out.unwrap_or_else(|| quote!(Some(#root)));
                out = Some(if mutable {
                    quote!(#base.and_then(|v| v.last_mut()))
                } else {
                    quote!(#base.and_then(|v| v.last()))
                });
                continue;
            }
        };
        let access = match (optional, mutable, boxed) {
            (true, false, false) => quote!(.#field.as_ref()),
            (true, false, true) => quote!(.#field.as_deref()),
            (true, true, false) => quote!(.#field.as_mut()),
            (true, true, true) => quote!(.#field.as_deref_mut()),
            (false, false, false) => quote!(.#field),
            (false, false, true) => quote!(.#field.as_ref()),
            (false, true, false) => quote!(.#field),
            (false, true, true) => quote!(.#field.as_mut()),
        };
        let reference = if mutable { quote!(&mut) } else { quote!(&) };
        out = Some(match (out, optional) {
            (None, true) => quote!(#root #access),
            (None, false) => quote!(Some(#reference #root #access)),
            (Some(base), true) => quote!(#base.and_then(|v| v #access)),
            (Some(base), false) => quote!(#base.map(|v| #reference v #access)),
        });
    }
    out.unwrap_or_else(|| quote!(Some(#root)))
}

/// Reads an output token expression as `Option<TokenValue>`.
fn read_token(ctx: &Ctx, output: &str, expr: &Expr, at: &str) -> Result<TokenStream> {
    match expr {
        Expr::Or(a, b) => {
            let (a, b) = (read_token(ctx, output, a, at)?, read_token(ctx, output, b, at)?);
            Ok(quote!(glue::or(#a, || #b)))
        }
        Expr::Path(segs) => {
            let resolved = ctx.resolve(output, segs, at)?;
            let is_string = matches!(ctx.kind_of(&resolved.target), Some(ShapeKind::String));
            // The common case reads like hand-written code.
            if let [ResolvedSeg::Field(Step { field, optional: true, boxed: false })] = resolved.steps.as_slice() {
                return Ok(if is_string {
                    quote!(glue::out_str(&output.#field))
                } else {
                    quote!(glue::out(&output.#field))
                });
            }
            let value = chain(quote!(output), &resolved.steps, false);
            Ok(quote!(#value.and_then(|v| TokenValue::from_serialize(v).ok())))
        }
    }
}

/// How a result key merges and blanks, by its shape kind.
enum ResultKind {
    List,
    String,
    Number,
    Other,
}

fn result_kind(kind: Option<&ShapeKind>) -> ResultKind {
    match kind {
        Some(ShapeKind::List { .. }) => ResultKind::List,
        Some(ShapeKind::String) => ResultKind::String,
        Some(
            ShapeKind::Integer
            | ShapeKind::Long
            | ShapeKind::Short
            | ShapeKind::Byte
            | ShapeKind::Float
            | ShapeKind::Double,
        ) => ResultKind::Number,
        _ => ResultKind::Other,
    }
}

/// The parent of the last field of a path, as `Option<&mut Parent>`, and
/// that last field.
fn parent_and_last(root: TokenStream, resolved: &Resolved) -> Option<(TokenStream, &Step)> {
    let (last, parents) = resolved.steps.split_last()?;
    let ResolvedSeg::Field(step) = last else { return None };
    if parents.iter().any(|s| matches!(s, ResolvedSeg::Last)) {
        return None;
    }
    Some((chain(root, parents, true), step))
}

/// The glue struct's and the constructor function's names of the paginator
/// of `operation` (`ListThingsPaginator`, `list_things`).
pub(crate) fn names(operation: &str) -> (String, String) {
    let op_type = naming::type_names([operation]).into_values().next().unwrap_or_default();
    (format!("{op_type}Paginator"), naming::field_names([operation])[0].clone())
}

/// Emits `src/paginators.rs`, or nothing when the model has no paginators.
pub(crate) fn emit(ctx: &Ctx) -> Result<Option<TokenStream>> {
    if ctx.model.paginators.is_empty() {
        return Ok(None);
    }
    let mut items = Vec::new();
    for paginator in ctx.model.paginators.values() {
        items.push(one(ctx, paginator)?);
    }
    Ok(Some(quote! {
        //! A paginator for every paginated operation of the model, with boto3's
        //! semantics (`PaginationConfig` MaxItems / PageSize / StartingToken,
        //! resume tokens interchangeable with boto3 and the AWS CLI).
        //!
        //! Each function takes the first request and a [`PaginationConfig`] and
        //! returns a [`Paginator`]; give it a fetcher (request in, response or
        //! error out) to get a blocking iterator of pages (`pages`) or items
        //! (`items`), or an async stream (`stream`, `item_stream`).

        use ::awsgen_runtime::paginator::{glue, GlueError, Paginate, TokenValue};
        pub use ::awsgen_runtime::paginator::{FullResult, PaginationConfig, PaginationError, Paginator};

        #(#items)*
    }))
}

fn one(ctx: &Ctx, p: &Paginator) -> Result<TokenStream> {
    let at = format!("pagination.{}", p.operation);
    let op = ctx
        .model
        .operations
        .get(&p.operation)
        .ok_or_else(|| ctx.error(&at, "paginator for an unknown operation"))?;
    let (Some(input), Some(output)) = (op.input.as_deref(), op.output.as_deref()) else {
        return Err(ctx.error(&at, "paginated operation without input or output"));
    };
    let input_ty = ctx.type_path(input);
    let output_ty = ctx.type_path(output);
    let (glue_name, fn_name) = names(&p.operation);
    let (glue_name, fn_name) = (format_ident!("{glue_name}"), ident(&fn_name));

    // Input tokens.
    let token_names = &p.input_token;
    let mut set_arms = Vec::new();
    for name in token_names {
        let (member, field) = ctx
            .member(input, name)
            .ok_or_else(|| ctx.error(&at, format!("input_token `{name}` is not a member of `{input}`")))?;
        let field = ident(&field);
        let is_string = matches!(ctx.kind_of(&member.target), Some(ShapeKind::String));
        let convert = if is_string { quote!(glue::string_token(value)?) } else { quote!(glue::token(value)?) };
        let assign = if member.required { quote!(#convert.unwrap_or_default()) } else { convert };
        set_arms.push(quote!(#name => input.#field = #assign,));
    }

    // Page size.
    let set_page_size = match &p.limit_key {
        None => quote!(),
        Some(limit) => {
            let (member, field) = ctx
                .member(input, limit)
                .ok_or_else(|| ctx.error(&at, format!("limit_key `{limit}` is not a member of `{input}`")))?;
            let field = ident(&field);
            let value = match ctx.kind_of(&member.target) {
                Some(ShapeKind::String) => quote!(size.to_string()),
                _ => quote!(glue::page_size(size)?),
            };
            let value = if member.required { value } else { quote!(Some(#value)) };
            quote! {
                fn set_page_size(&self, input: &mut Self::Input, size: i64) -> Result<(), GlueError> {
                    input.#field = #value;
                    Ok(())
                }
            }
        }
    };

    // Output tokens.
    let mut reads = Vec::new();
    for expr_text in &p.output_token {
        let expr = parse_expr(expr_text)
            .ok_or_else(|| ctx.error(&at, format!("unsupported output_token expression `{expr_text}`")))?;
        reads.push(read_token(ctx, output, &expr, &at)?);
    }

    // more_results.
    let more_results = match &p.more_results {
        None => quote!(),
        Some(text) => {
            let Some(Expr::Path(segs)) = parse_expr(text) else {
                return Err(ctx.error(&at, format!("unsupported more_results expression `{text}`")));
            };
            let resolved = ctx.resolve(output, &segs, &at)?;
            let value = chain(quote!(output), &resolved.steps, false);
            quote! {
                fn more_results(&self, output: &Self::Output) -> Option<bool> {
                    Some(#value.copied().unwrap_or(false))
                }
            }
        }
    };

    // Result keys.
    let mut keys = Vec::new();
    for text in &p.result_key {
        let Some(Expr::Path(segs)) = parse_expr(text) else {
            return Err(ctx.error(&at, format!("unsupported result_key expression `{text}`")));
        };
        let resolved = ctx.resolve(output, &segs, &at)?;
        if resolved.steps.iter().any(|s| matches!(s, ResolvedSeg::Last)) {
            return Err(ctx.error(&at, format!("result_key `{text}` indexes a list")));
        }
        keys.push(resolved);
    }
    let (primary_ty, primary_body) = match keys.first() {
        Some(first) => {
            let kind = ctx.kind_of(&first.target);
            match result_kind(kind) {
                ResultKind::List | ResultKind::String => {
                    let ty = ctx.rust_type_tokens(&first.target)?;
                    (ty, chain(quote!(output), &first.steps, true))
                }
                // Map- or structure-typed primary keys (a handful of
                // paginators): not countable; MaxItems does not apply.
                _ => (quote!(Vec<()>), quote!({ let _ = output; None })),
            }
        }
        None => (quote!(Vec<()>), quote!({ let _ = output; None })),
    };

    let mut blanks = Vec::new();
    let mut merges = Vec::new();
    let mut page_needs_mut = false;
    for key in &keys {
        let kind = result_kind(ctx.kind_of(&key.target));
        let Some((_, last)) = parent_and_last(quote!(full), key) else { continue };
        let field = &last.field;
        let (page_parent, _) = parent_and_last(quote!(page), key).expect("same path");
        let take = if last.optional { quote!(p.#field.take()) } else { quote!(Some(::std::mem::take(&mut p.#field))) };
        let page_value = if key.steps.len() == 1 {
            if last.optional { quote!(page.#field) } else { quote!(Some(page.#field)) }
        } else {
            page_needs_mut = true;
            quote!(#page_parent.and_then(|p| #take))
        };
        let merge_fn = match kind {
            ResultKind::List => quote!(glue::extend),
            ResultKind::String => quote!(glue::concat),
            ResultKind::Number => quote!(glue::add),
            ResultKind::Other => continue,
        };
        // The place in the full result; parents are created as botocore does.
        let mut full_place = quote!(full);
        for seg in &key.steps[..key.steps.len() - 1] {
            if let ResolvedSeg::Field(Step { field, optional, .. }) = seg {
                full_place = if *optional {
                    quote!(#full_place.#field.get_or_insert_with(Default::default))
                } else {
                    quote!(#full_place.#field)
                };
            }
        }
        let full_place = quote!(#full_place.#field);
        merges.push(match (last.optional, key.steps.len(), kind) {
            (true, _, _) => quote!(#merge_fn(&mut #full_place, #page_value);),
            // A required top-level member: plain Rust reads best.
            (false, 1, ResultKind::List) => quote!(#full_place.extend(page.#field);),
            (false, 1, ResultKind::String) => quote!(#full_place.push_str(&page.#field);),
            (false, 1, ResultKind::Number) => quote!(#full_place += page.#field;),
            (false, _, _) => quote! {
                let mut merged = Some(::std::mem::take(&mut #full_place));
                #merge_fn(&mut merged, #page_value);
                #full_place = merged.unwrap_or_default();
            },
        });
    }
    // Secondary keys are blanked on the first page of a resumed iteration.
    for key in keys.iter().skip(1) {
        let kind = result_kind(ctx.kind_of(&key.target));
        let Some((parent, last)) = parent_and_last(quote!(output), key) else { continue };
        let field = &last.field;
        let target = if key.steps.len() == 1 { quote!(output) } else { quote!(p) };
        let blank = match (kind, last.optional) {
            (ResultKind::Number, _) => continue,
            (ResultKind::List | ResultKind::String, true) => quote!(glue::blank(&mut #target.#field)),
            (ResultKind::List | ResultKind::String, false) => quote!(#target.#field = Default::default()),
            (ResultKind::Other, true) => quote!(#target.#field = None),
            (ResultKind::Other, false) => quote!(#target.#field = Default::default()),
        };
        blanks.push(if key.steps.len() == 1 {
            quote!(#blank;)
        } else {
            quote! {
                if let Some(p) = #parent {
                    #blank;
                }
            }
        });
    }
    let blank_secondary = (!blanks.is_empty()).then(|| {
        quote! {
            fn blank_secondary(&self, output: &mut Self::Output) {
                #(#blanks)*
            }
        }
    });

    let mut copies = Vec::new();
    for text in &p.non_aggregate_keys {
        let Some(Expr::Path(segs)) = parse_expr(text) else { continue };
        let resolved = ctx.resolve(output, &segs, &at)?;
        if let [ResolvedSeg::Field(Step { field, .. })] = resolved.steps.as_slice() {
            copies.push(quote!(full.#field = first_page.#field.clone();));
        }
    }
    let copy_non_aggregate = (!copies.is_empty()).then(|| {
        quote! {
            fn copy_non_aggregate(&self, full: &mut Self::Output, first_page: &Self::Output) {
                #(#copies)*
            }
        }
    });

    let page_param = match (merges.is_empty(), page_needs_mut) {
        (true, _) => quote!(_page),
        (false, true) => quote!(mut page),
        (false, false) => quote!(page),
    };
    let full_param = if merges.is_empty() { quote!(_full) } else { quote!(full) };
    let op_name = &p.operation;
    let struct_doc = format!(" The paginator glue of `{op_name}` ({}: input token {}, output token {}, result {}).",
        p.source.describe(), p.input_token.join(", "), p.output_token.join(", "), if p.result_key.is_empty() { "none".to_string() } else { p.result_key.join(", ") });
    let fn_doc = format!(
        " A paginator over `{op_name}`, like boto3's `client.get_paginator(\"{}\").paginate(…)`.",
        op_name.to_snake_case()
    );
    let guide = guide_docs(ctx, p, output, keys.first().map(|k| k.target.as_str()));
    let (common_doc, own_doc) = (&guide.common, &guide.own);
    let client_doc = guide.client.iter().map(|(with, without)| {
        quote! {
            #[cfg_attr(feature = "client", doc = #with)]
            #[cfg_attr(not(feature = "client"), doc = #without)]
        }
    });
    let example = example_doc(ctx, p, &fn_name.to_string(), input, output);
    Ok(quote! {
        #[doc = #struct_doc]
        #[derive(Debug, Clone, Copy, Default)]
        pub struct #glue_name;

        impl Paginate for #glue_name {
            type Input = #input_ty;
            type Output = #output_ty;
            type Primary = #primary_ty;

            fn input_tokens(&self) -> Vec<&str> {
                vec![#(#token_names),*]
            }

            fn set_token(&self, input: &mut Self::Input, name: &str, value: Option<TokenValue>) -> Result<(), GlueError> {
                match name {
                    #(#set_arms)*
                    _ => return Err(GlueError::UnknownMember(name.to_owned())),
                }
                Ok(())
            }

            #set_page_size

            fn output_tokens(&self, output: &Self::Output) -> Vec<Option<TokenValue>> {
                Vec::from([#(#reads),*])
            }

            #more_results

            fn primary<'a>(&self, output: &'a mut Self::Output) -> Option<&'a mut Self::Primary> {
                #primary_body
            }

            #blank_secondary

            fn merge(&self, #full_param: &mut Self::Output, #page_param: Self::Output) {
                #(#merges)*
            }

            #copy_non_aggregate
        }

        #[doc = #fn_doc]
        #(#[doc = #common_doc])*
        #(#client_doc)*
        #[doc = #own_doc]
        #(#[doc = #example])*
        pub fn #fn_name(request: #input_ty, config: PaginationConfig) -> Paginator<#glue_name> {
            Paginator::new(#glue_name, request, config)
        }
    })
}

/// The paginator function's guide lines.
struct Guide {
    /// The item and page types.
    common: Vec<String>,
    /// The client line, with the `client` feature (links) and without.
    client: Option<(String, String)>,
    /// The transport-agnostic form.
    own: String,
}

/// The paginator function's guide: the item and page types, and the client
/// method that does the same (linked when the crate is documented with its
/// `client` feature, named otherwise).
fn guide_docs(ctx: &Ctx, p: &Paginator, output: &str, primary: Option<&str>) -> Guide {
    let page_ty = &ctx.type_names[output];
    let item = primary.and_then(|target| match ctx.kind_of(target) {
        Some(ShapeKind::List { member }) => Some(match ctx.type_names.get(&member.target) {
            Some(name) => format!("[`{name}`](crate::types::{name})"),
            None => {
                let tokens = ctx.rust_type_tokens(&member.target).map(|t| t.to_string()).unwrap_or_default();
                format!("`{}`", tokens.replace(' ', "").trim_start_matches("::").replace(',', ", "))
            }
        }),
        _ => None,
    });
    let key = p.result_key.first().map(String::as_str).unwrap_or("");
    let mut common = vec![String::new()];
    match item {
        Some(item) => common.push(format!(
            " - **Items** (`.items(…)`, `.item_stream(…)`): {item}, from each page's `{key}`; **pages** \
             (`.pages(…)`, `.stream(…)`): [`{page_ty}`](crate::types::{page_ty})."
        )),
        None => common.push(format!(" - **Pages** (`.pages(…)`, `.stream(…)`): [`{page_ty}`](crate::types::{page_ty}).")),
    }
    let method = super::client::paginator_method_name(&p.operation);
    let client = (ctx.client && super::client::has_client(ctx.model)).then(|| {
        (
            format!(
                " - **With the client**: [`Client::{method}`](crate::client::Client::{method})`(request, config)` \
                 sends the requests itself (`.pages()` and `.items()` are streams), and \
                 [`BlockingClient::{method}`](crate::client::BlockingClient::{method}) does the same with \
                 iterators; the same `PaginationConfig` and resume tokens."
            ),
            format!(
                " - **With the client** (cargo feature `client`): `Client::{method}(request, config)` sends the \
                 requests itself; `BlockingClient::{method}` gives iterators."
            ),
        )
    });
    let own = " - **With your own transport** (below): a function from one request to one page.".to_string();
    Guide { common, client, own }
}

/// A compiled (not run) example for a paginator function's docs: pages
/// with MaxItems (and PageSize where the operation has a limit key), then
/// resuming from the token.
fn example_doc(ctx: &Ctx, p: &Paginator, fn_name: &str, input: &str, output: &str) -> Vec<String> {
    let krate = &ctx.crate_ident;
    let (input_ty, output_ty) = (&ctx.type_names[input], &ctx.type_names[output]);
    let page_size = if p.limit_key.is_some() { ".page_size(25)" } else { "" };
    let text = format!(
        r#"
# Example

```no_run
use {krate}::paginators::{{self, PaginationConfig}};
use {krate}::types::{{{input_ty}, {output_ty}}};

// Your transport: one request in, one response page (or an error) out.
fn send(request: {input_ty}) -> Result<{output_ty}, std::io::Error> {{
    # let _ = request; unimplemented!()
}}

let config = PaginationConfig::default().max_items(100){page_size};
let mut pages = paginators::{fn_name}({input_ty}::default(), config).pages(send);
for page in pages.by_ref() {{
    let page = page?;
    # let _ = page;
}}
// Resume later from where MaxItems stopped (as `--starting-token` in the AWS CLI).
if let Some(token) = pages.resume_token() {{
    let config = PaginationConfig::default().starting_token(token);
    for item in paginators::{fn_name}({input_ty}::default(), config).items(send) {{
        let item = item?;
        # let _ = item;
    }}
}}
# Ok::<(), Box<dyn std::error::Error>>(())
```"#
    );
    text.lines().map(|l| format!(" {l}").trim_end().to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_expression_form() {
        let f = |s: &str| Seg::Field(s.to_string());
        assert_eq!(parse_expr("nextToken"), Some(Expr::Path(vec![f("nextToken")])));
        assert_eq!(parse_expr("ResultSet.Rows"), Some(Expr::Path(vec![f("ResultSet"), f("Rows")])));
        assert_eq!(
            parse_expr("StreamDescription.Shards[-1].ShardId"),
            Some(Expr::Path(vec![f("StreamDescription"), f("Shards"), Seg::Last, f("ShardId")]))
        );
        assert_eq!(
            parse_expr("NextMarker || Contents[-1].Key"),
            Some(Expr::Or(
                Box::new(Expr::Path(vec![f("NextMarker")])),
                Box::new(Expr::Path(vec![f("Contents"), Seg::Last, f("Key")]))
            ))
        );
        assert_eq!(parse_expr("a[0]"), None);
        assert_eq!(parse_expr("length(x)"), None);
    }
}

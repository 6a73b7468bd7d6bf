//! botocore's client-side customizations (its `handlers.py`) that change
//! what an operation sends or returns, as `Operation::customize`. Each is a
//! row of a table keyed by service and operation, so adding one is adding a
//! row; the generated code names the members it touches.
//!
//! Every operation with response checksums (`requestValidationModeMember`)
//! asks for them unless the caller chose, as botocore's default
//! `response_checksum_validation = when_supported` does.
//!
//! S3's ListObjects, ListObjectsV2 and ListObjectVersions:
//! `set_list_objects_encoding_type_url` asks for URL-encoded keys when the
//! caller chose no `EncodingType` (a key may hold characters XML cannot
//! carry), and `decode_list_object*` decode them in the output when S3 says
//! it encoded them.

use proc_macro2::TokenStream;
use quote::quote;

use super::http::fields;
use super::Ctx;
use crate::error::Result;
use crate::ir::{Operation, ShapeKind};

/// (service id, operation, top-level output members, (list member, member of
/// its elements)) decoded, as botocore's `decode_list_object*` lists them.
type UrlDecoded = (&'static str, &'static str, &'static [&'static str], &'static [(&'static str, &'static str)]);

const URL_ENCODED_KEYS: &[UrlDecoded] = &[
    ("S3", "ListObjects", &["Delimiter", "Marker", "NextMarker"], &[("Contents", "Key"), ("CommonPrefixes", "Prefix")]),
    ("S3", "ListObjectsV2", &["Delimiter", "Prefix", "StartAfter"], &[("Contents", "Key"), ("CommonPrefixes", "Prefix")]),
    (
        "S3",
        "ListObjectVersions",
        &["KeyMarker", "NextKeyMarker", "Prefix", "Delimiter"],
        &[("Versions", "Key"), ("DeleteMarkers", "Key"), ("CommonPrefixes", "Prefix")],
    ),
];

/// `Operation::customize` for `op`, or nothing (the trait's default).
pub(crate) fn customize(ctx: &Ctx, op: &Operation) -> Result<TokenStream> {
    let checksum_mode = checksum_mode(ctx, op)?;
    let url_decoding = url_decoding(ctx, op)?;
    if checksum_mode.is_none() && url_decoding.is_none() {
        return Ok(quote!());
    }
    let mut docs = Vec::new();
    if checksum_mode.is_some() {
        docs.extend([
            " botocore's `response_checksum_validation = when_supported`: ask for the",
            " response's checksum, which `parse_response` checks, unless the caller chose.",
        ]);
    }
    if url_decoding.is_some() {
        docs.extend([
            " botocore's `set_list_objects_encoding_type_url`: without an",
            " `encoding_type` of the caller's, ask S3 to URL-encode keys, and",
            " decode them in the output (`decode_list_object*`).",
        ]);
    }
    let body = url_decoding.unwrap_or_else(|| quote!(None));
    Ok(quote! {
        #(#[doc = #docs])*
        fn customize(input: &mut Self::Input) -> Option<fn(&mut Self::Output)> {
            #checksum_mode
            #body
        }
    })
}

/// botocore's `_handle_request_validation_mode_member` (default
/// `response_checksum_validation = when_supported`): ask for response
/// checksums (`ChecksumMode = ENABLED`) unless the caller chose.
fn checksum_mode(ctx: &Ctx, op: &Operation) -> Result<Option<TokenStream>> {
    let (Some(checksum), Some(input)) = (&op.response_checksum, &op.input) else { return Ok(None) };
    let at = format!("operations.{}.httpChecksum.requestValidationModeMember", op.name);
    let shape = ctx.shape_of(input, &at)?;
    let Some((_, field)) = fields(shape).into_iter().find(|(m, _)| m.name == checksum.mode_member) else {
        return Err(ctx.error(at, format!("`{}` is not a member of `{input}`", checksum.mode_member)));
    };
    Ok(Some(quote! {
        if input.#field.is_none() {
            input.#field = Some("ENABLED".into());
        }
    }))
}

/// The body of the URL-decoding customization, if `op` is one of the table's.
fn url_decoding(ctx: &Ctx, op: &Operation) -> Result<Option<TokenStream>> {
    let service = &ctx.model.service.service_id;
    let Some((_, _, top, nested)) = URL_ENCODED_KEYS.iter().find(|(s, o, _, _)| s == service && *o == op.name) else {
        return Ok(None);
    };
    let (Some(input), Some(output)) = (&op.input, &op.output) else { return Ok(None) };
    let at = format!("operations.{}", op.name);
    let input = ctx.shape_of(input, &at)?;
    let output = ctx.shape_of(output, &at)?;
    let field = |shape: &crate::ir::Shape, name: &str| -> Result<(crate::ir::Member, proc_macro2::Ident)> {
        let found = fields(shape).into_iter().find(|(m, _)| m.name == name).map(|(m, f)| (m.clone(), f));
        found.ok_or_else(|| ctx.error(&at, format!("botocore's URL-decoding customization names `{}.{name}`, which the model lacks", shape.name)))
    };
    let (_, encoding) = field(input, "EncodingType")?;
    let (_, encoded) = field(output, "EncodingType")?;
    let mut decodes = Vec::new();
    for name in top.iter() {
        let (_, f) = field(output, name)?;
        decodes.push(quote!(rt::url_decode(&mut output.#f);));
    }
    for (list, child) in nested.iter() {
        let (member, f) = field(output, list)?;
        let ShapeKind::List { member: element } = &ctx.shape_of(&member.target, &at)?.kind else {
            return Err(ctx.error(&at, format!("`{list}` is not a list")));
        };
        let (_, c) = field(ctx.shape_of(&element.target, &at)?, child)?;
        decodes.push(quote! {
            for item in output.#f.iter_mut().flatten() {
                rt::url_decode(&mut item.#c);
            }
        });
    }
    Ok(Some(quote! {
        if input.#encoding.is_some() {
            return None;
        }
        input.#encoding = Some("url".into());
        Some(|output| {
            if output.#encoded.as_ref().map(|value| value.as_str()) == Some("url") {
                #(#decodes)*
            }
        })
    }))
}

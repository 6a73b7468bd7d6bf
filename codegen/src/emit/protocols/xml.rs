//! The XML family's schema table: `src/protocol.rs` of restXml, awsQuery and
//! ec2Query crates.
//!
//! The XML and query codecs (`awsgen_runtime::xml`, `awsgen_runtime::query`)
//! are generic code driven by one static table per crate: a
//! `rt::Shape` per shape an operation reaches, with the model's XML facts
//! resolved as botocore resolves them (a member reference's `locationName`,
//! `flattened` and `xmlNamespace`, else the target shape's), and the
//! protocol's query naming rules applied. The per-operation code is then a
//! call with a shape index; no per-shape functions are generated.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::Ctx;
use crate::error::Result;
use crate::ir::{Location, Member, Model, Protocol, Shape, ShapeKind, XmlFacts, XmlNamespace};

/// The index of a shape in the schema table, as a literal.
pub(crate) fn shape_id(ctx: &Ctx, shape: &str) -> Result<proc_macro2::Literal> {
    ctx.xml_ids
        .get(shape)
        .map(|id| proc_macro2::Literal::u16_unsuffixed(*id))
        .ok_or_else(|| ctx.error(format!("shapes.{shape}"), "not in the XML schema table"))
}

/// Whether a member travels in an XML body or query string: every member
/// on the query protocols (HTTP bindings do not apply there), body members
/// that are not the payload on restXml.
pub(crate) fn in_body(protocol: Protocol, member: &Member) -> bool {
    match protocol {
        Protocol::Query | Protocol::Ec2 => true,
        _ => member.location == Location::Body && !member.payload,
    }
}

/// The index of every shape the table holds (shapes reached from an
/// operation's input, output or errors), in shape-name order.
pub(crate) fn shape_ids(model: &Model) -> BTreeMap<String, u16> {
    if !model.service.protocol.is_xml() {
        return BTreeMap::new();
    }
    let mut seen = BTreeSet::new();
    let mut stack: Vec<&str> = Vec::new();
    for op in model.operations.values() {
        stack.extend(op.input.iter().chain(&op.output).chain(&op.errors).map(String::as_str));
    }
    while let Some(name) = stack.pop() {
        let Some(shape) = model.shapes.get(name) else { continue };
        if !seen.insert(name.to_string()) {
            continue;
        }
        match &shape.kind {
            ShapeKind::Structure { members } | ShapeKind::Union { members } => {
                // Payload members are read and written as the table's roots.
                stack.extend(members.iter().map(|m| m.target.as_str()));
            }
            ShapeKind::List { member } => stack.push(&member.target),
            ShapeKind::Map { key, value } => {
                stack.push(key);
                stack.push(value);
            }
            _ => {}
        }
    }
    seen.into_iter().enumerate().map(|(i, name)| (name, i as u16)).collect()
}

fn namespace(ns: Option<&XmlNamespace>) -> TokenStream {
    match ns {
        None => quote!(None),
        Some(ns) => {
            let (prefix, uri) = (ns.prefix.as_deref().unwrap_or(""), &ns.uri);
            quote!(Some(::awsgen_runtime::protocol::xml::Namespace { prefix: #prefix, uri: #uri }))
        }
    }
}

/// A member reference's facts merged over its target shape's (botocore's
/// `resolve_shape_ref`).
fn merged(reference: &XmlFacts, target: Option<&Shape>) -> XmlFacts {
    let own = target.map(|s| &s.xml.own);
    XmlFacts {
        name: reference.name.clone().or_else(|| own.and_then(|o| o.name.clone())),
        attribute: reference.attribute,
        flattened: reference.flattened || own.is_some_and(|o| o.flattened),
        namespace: reference.namespace.clone().or_else(|| own.and_then(|o| o.namespace.clone())),
        query_name: reference.query_name.clone(),
    }
}

/// The element name and namespace of a payload (or an input that is the
/// body): the member's facts merged over its target's.
pub(crate) fn root_element(ctx: &Ctx, reference: &XmlFacts, target: &str, fallback: &str) -> (String, TokenStream) {
    let facts = merged(reference, ctx.model.shapes.get(target));
    let name = facts.name.unwrap_or_else(|| fallback.to_string());
    (name, namespace(facts.namespace.as_ref()))
}

fn upper_first(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `src/protocol.rs`, or nothing for JSON protocols.
pub(crate) fn emit(ctx: &Ctx) -> Result<Option<TokenStream>> {
    let model = ctx.model;
    let protocol = model.service.protocol;
    if !protocol.is_xml() || ctx.xml_ids.is_empty() {
        return Ok(None);
    }
    let id_of = |name: &str, at: &str| -> Result<u16> {
        ctx.xml_ids.get(name).copied().ok_or_else(|| ctx.error(at, format!("unknown shape `{name}`")))
    };
    let mut entries = Vec::new();
    for name in ctx.xml_ids.keys() {
        let shape = &model.shapes[name];
        let at = format!("shapes.{name}");
        let entry = match &shape.kind {
            ShapeKind::Structure { members } | ShapeKind::Union { members } => {
                let mut out = Vec::new();
                for m in members.iter().filter(|m| in_body(protocol, m)) {
                    let target = id_of(&m.target, &at)?;
                    let facts = merged(&m.xml, model.shapes.get(&m.target));
                    let key = m.wire_name();
                    let element = facts.name.clone().unwrap_or_else(|| m.name.clone());
                    let query = match protocol {
                        Protocol::Ec2 => facts
                            .query_name
                            .clone()
                            .or_else(|| facts.name.as_deref().map(upper_first))
                            .unwrap_or_else(|| m.name.clone()),
                        _ => element.clone(),
                    };
                    let mut member = quote!(rt::Member::new(#key, #element, #target));
                    if query != element {
                        member = quote!(#member.query(#query));
                    }
                    if facts.attribute {
                        member = quote!(#member.attribute());
                    }
                    if facts.flattened {
                        member = quote!(#member.flattened());
                    }
                    if let Some(ns) = &facts.namespace {
                        let (prefix, uri) = (ns.prefix.as_deref().unwrap_or(""), &ns.uri);
                        member = quote!(#member.namespace(#prefix, #uri));
                    }
                    out.push(member);
                }
                if matches!(shape.kind, ShapeKind::Union { .. }) {
                    quote!(rt::Shape::Union(&[#(#out),*]))
                } else {
                    quote!(rt::Shape::Structure(&[#(#out),*]))
                }
            }
            ShapeKind::List { member } => {
                let item = id_of(&member.target, &at)?;
                let facts = merged(&shape.xml.member, model.shapes.get(&member.target));
                let item_name = match &facts.name {
                    Some(n) => quote!(Some(#n)),
                    None => quote!(None),
                };
                let ns = namespace(facts.namespace.as_ref());
                quote!(rt::Shape::List(rt::List { item: #item, item_name: #item_name, item_namespace: #ns }))
            }
            ShapeKind::Map { key, value } => {
                let (k, v) = (id_of(key, &at)?, id_of(value, &at)?);
                let key_name = merged(&shape.xml.key, model.shapes.get(key)).name.unwrap_or_else(|| "key".into());
                let value_name =
                    merged(&shape.xml.value, model.shapes.get(value)).name.unwrap_or_else(|| "value".into());
                quote!(rt::Shape::Map(rt::MapShape { key: #k, value: #v, key_name: #key_name, value_name: #value_name }))
            }
            ShapeKind::Boolean => quote!(rt::Shape::Boolean),
            ShapeKind::Byte
            | ShapeKind::Short
            | ShapeKind::Integer
            | ShapeKind::Long
            | ShapeKind::BigInteger
            | ShapeKind::IntEnum(_) => quote!(rt::Shape::Integer),
            ShapeKind::Float | ShapeKind::Double | ShapeKind::BigDecimal => quote!(rt::Shape::Float),
            ShapeKind::Timestamp { .. } => quote!(rt::Shape::Timestamp),
            ShapeKind::Blob { .. } => quote!(rt::Shape::Blob),
            ShapeKind::String | ShapeKind::Enum(_) | ShapeKind::Document => quote!(rt::Shape::String),
        };
        entries.push(entry);
    }
    let protocol_tokens = match protocol {
        Protocol::RestXml => quote!(rt::XmlProtocol::RestXml),
        Protocol::Query => quote!(rt::XmlProtocol::Query),
        _ => quote!(rt::XmlProtocol::Ec2),
    };
    // Each modelled error an operation lists reads from the `<Error>`
    // element through the table.
    let proto_type = match protocol {
        Protocol::RestXml => quote!(::awsgen_runtime::protocol::RestXml),
        Protocol::Query => quote!(::awsgen_runtime::protocol::AwsQuery),
        _ => quote!(::awsgen_runtime::protocol::Ec2Query),
    };
    let error_shapes: BTreeSet<&String> = model.operations.values().flat_map(|op| &op.errors).collect();
    let mut decoders = Vec::new();
    for name in error_shapes {
        let Some(shape) = model.shapes.get(name) else { continue };
        if !matches!(shape.kind, ShapeKind::Structure { .. }) {
            continue;
        }
        let id = shape_id(ctx, name)?;
        let ty = ctx.type_path(name);
        decoders.push(quote! {
            impl ::awsgen_runtime::protocol::DecodeError<#proto_type> for #ty {
                fn decode_error(body: &rt::Element) -> Result<Self, String> {
                    rt::decode_error(&SCHEMA, #id, body)
                }
            }
        });
    }
    Ok(Some(quote! {
        //! The XML facts of every shape the operations reach, for the runtime's
        //! XML and query codecs (`awsgen_runtime::xml`, `awsgen_runtime::query`):
        //! element names, attributes, flattened lists and maps, namespaces and
        //! query names. Shapes are in model-name order; members refer to their
        //! targets by index.
        use ::awsgen_runtime::protocol::xml as rt;

        /// The schema the operations read and write with.
        pub(crate) static SCHEMA: rt::Schema = rt::Schema {
            protocol: #protocol_tokens,
            shapes: &[#(#entries),*],
        };

        #(#decoders)*
    }))
}

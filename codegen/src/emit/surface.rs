//! The public API of a generated crate as data: every operation, paginator,
//! type, member (with its Rust type and optionality), enum value and union
//! member, under the names the generated code uses.
//!
//! [`Surface::render`] lists it as compact text, one line per item (the
//! golden test snapshots it, so every API change of a model update shows in
//! one snapshot diff); [`crate::api_diff`] compares two surfaces.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::Ctx;
use crate::error::Result;
use crate::ir::{Location, Member, Model, ShapeKind};
use crate::naming;

/// The API of one generated crate.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Surface {
    /// Operations by model name.
    pub operations: BTreeMap<String, OperationApi>,
    /// Paginators by operation name.
    pub paginators: BTreeMap<String, PaginatorApi>,
    /// Generated types (`types::…`) by Rust name.
    pub types: BTreeMap<String, TypeApi>,
}

/// An operation: its binding struct, input, output and modelled errors.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationApi {
    /// `operations::…` struct name.
    pub rust_name: String,
    /// Input type (`types::…`), if any.
    pub input: Option<String>,
    /// Output type (`types::…`), if any.
    pub output: Option<String>,
    /// Variants of the operation's error enum: error types by Rust name.
    pub errors: BTreeSet<String>,
    /// HTTP method and URI template.
    pub http: String,
    pub deprecated: bool,
}

/// A paginator: the function in `paginators` and what it pages through.
#[derive(Debug, Clone, PartialEq)]
pub struct PaginatorApi {
    /// `paginators::…` function name.
    pub function: String,
    /// Rust type of the items of the primary result key, when it is a list.
    pub items: Option<String>,
    /// Tokens, limit and result keys as in `paginators-1.json`.
    pub settings: String,
}

/// A generated type.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeApi {
    /// The model's shape name.
    pub shape: String,
    pub kind: TypeKind,
    pub deprecated: bool,
}

/// What a generated type is.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// A structure (`error`: an exception); members by field name.
    Struct { error: bool, members: BTreeMap<String, MemberApi> },
    /// A tagged union; members by variant name.
    Union { members: BTreeMap<String, MemberApi> },
    /// A string enum: variant name by wire value.
    Enum { values: BTreeMap<String, String> },
}

impl TypeKind {
    /// `struct`, `error`, `union` or `enum`.
    pub fn keyword(&self) -> &'static str {
        match self {
            TypeKind::Struct { error: false, .. } => "struct",
            TypeKind::Struct { error: true, .. } => "error",
            TypeKind::Union { .. } => "union",
            TypeKind::Enum { .. } => "enum",
        }
    }
}

/// A structure field or union variant.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberApi {
    /// Member name in the model.
    pub name: String,
    /// The Rust type of the value, without the `Option` of an optional member.
    pub rust_type: String,
    pub required: bool,
    /// Where it travels: `body <json name>`, `query <name>`, `header <name>`, …
    pub wire: String,
    pub deprecated: bool,
}

impl MemberApi {
    /// The field's Rust type, `Option<…>` when optional.
    pub fn field_type(&self) -> String {
        if self.required {
            self.rust_type.clone()
        } else {
            format!("Option<{}>", self.rust_type)
        }
    }
}

/// The API of the crate `generate` makes from `model`.
pub fn surface(model: &Model) -> Result<Surface> {
    surface_of(model, model)
}

/// The API of the crate generated from `model`, an operation subset of
/// `full` (names come from the full model, as in the generated crate).
pub fn surface_of(full: &Model, model: &Model) -> Result<Surface> {
    let ctx = Ctx::new(full, model, &super::Options::new("surface", "surface"));
    let mut out = Surface::default();
    let op_names: BTreeMap<String, String> = if super::http::has_operations(model) {
        super::http::op_names(&ctx)?.into_iter().map(|(op, names)| (op.name.clone(), names.op)).collect()
    } else {
        BTreeMap::new()
    };
    for op in model.operations.values() {
        let type_of = |shape: &Option<String>| shape.as_ref().and_then(|s| ctx.type_names.get(s).cloned());
        out.operations.insert(
            op.name.clone(),
            OperationApi {
                rust_name: op_names.get(&op.name).cloned().unwrap_or_else(|| op.name.clone()),
                input: type_of(&op.input),
                output: type_of(&op.output),
                errors: op.errors.iter().filter_map(|e| ctx.type_names.get(e).cloned()).collect(),
                http: format!("{} {}", op.http.method, op.http.request_uri),
                deprecated: op.deprecated.is_some(),
            },
        );
    }
    for p in model.paginators.values() {
        let items = model
            .operations
            .get(&p.operation)
            .and_then(|op| op.output.as_ref())
            .and_then(|output| model.shapes.get(output))
            .and_then(|output| output.kind.members().iter().find(|m| Some(&m.name) == p.result_key.first()))
            .and_then(|m| match model.shapes.get(&m.target).map(|s| &s.kind) {
                Some(ShapeKind::List { member }) => Some(display_type(&ctx, &member.target)),
                _ => None,
            });
        let mut settings = format!("input_token {}, output_token {}", p.input_token.join("|"), p.output_token.join("|"));
        if let Some(limit) = &p.limit_key {
            write!(settings, ", limit_key {limit}").unwrap();
        }
        write!(settings, ", result_key {}", p.result_key.join("|")).unwrap();
        if let Some(more) = &p.more_results {
            write!(settings, ", more_results {more}").unwrap();
        }
        if !p.non_aggregate_keys.is_empty() {
            write!(settings, ", non_aggregate_keys {}", p.non_aggregate_keys.join("|")).unwrap();
        }
        out.paginators.insert(
            p.operation.clone(),
            PaginatorApi { function: super::paginators::names(&p.operation).1, items, settings },
        );
    }
    for (shape_name, shape) in &model.shapes {
        let Some(rust_name) = ctx.type_names.get(shape_name) else { continue };
        let members = |names: Vec<String>, members: &[Member]| -> BTreeMap<String, MemberApi> {
            members
                .iter()
                .zip(names)
                .map(|(m, name)| {
                    let mut rust_type = display_type(&ctx, &m.target);
                    if ctx.boxed.contains(&(shape_name.clone(), m.name.clone())) {
                        rust_type = format!("Box<{rust_type}>");
                    }
                    let api = MemberApi {
                        name: m.name.clone(),
                        rust_type,
                        required: m.required,
                        wire: wire(m),
                        deprecated: m.deprecated.is_some(),
                    };
                    (name.trim_start_matches("r#").to_string(), api)
                })
                .collect()
        };
        let kind = match &shape.kind {
            ShapeKind::Structure { members: ms } => TypeKind::Struct {
                error: shape.error.is_some(),
                members: members(naming::field_names(ms.iter().map(|m| m.name.as_str())), ms),
            },
            ShapeKind::Union { members: ms } => TypeKind::Union {
                members: members(naming::union_variant_names(ms.iter().map(|m| m.name.as_str())), ms),
            },
            ShapeKind::Enum(values) => TypeKind::Enum {
                values: values
                    .iter()
                    .map(|v| v.value.clone())
                    .zip(naming::enum_variant_names(values.iter().map(|v| v.value.as_str())))
                    .collect(),
            },
            _ => continue,
        };
        out.types.insert(
            rust_name.clone(),
            TypeApi { shape: shape_name.clone(), kind, deprecated: shape.deprecated.is_some() },
        );
    }
    Ok(out)
}

/// Where a member travels, as text.
fn wire(m: &Member) -> String {
    let name = m.location_name.as_deref().unwrap_or(&m.name);
    match m.location {
        Location::Body if m.payload => "payload".into(),
        Location::Body => format!("body {}", m.wire_name()),
        Location::Uri => format!("label {name}"),
        Location::Querystring => format!("query {name}"),
        Location::Header => format!("header {name}"),
        Location::Headers => format!("headers {name}*"),
        Location::StatusCode => "status code".into(),
    }
}

/// The Rust type of a value of shape `target`, as a reader writes it.
fn display_type(ctx: &Ctx, target: &str) -> String {
    let Some(shape) = ctx.model.shapes.get(target) else { return format!("?{target}") };
    match &shape.kind {
        ShapeKind::Boolean => "bool".into(),
        ShapeKind::Byte => "i8".into(),
        ShapeKind::Short => "i16".into(),
        ShapeKind::Integer | ShapeKind::IntEnum(_) => "i32".into(),
        ShapeKind::Long | ShapeKind::BigInteger => "i64".into(),
        ShapeKind::Float => "f32".into(),
        ShapeKind::Double | ShapeKind::BigDecimal => "f64".into(),
        ShapeKind::String => "String".into(),
        ShapeKind::Document => "serde_json::Value".into(),
        ShapeKind::Timestamp { .. } => "DateTime<Utc>".into(),
        ShapeKind::Blob { .. } => "Vec<u8>".into(),
        ShapeKind::Enum(_) | ShapeKind::Structure { .. } | ShapeKind::Union { .. } => ctx.type_names[target].clone(),
        ShapeKind::List { member } if member.sparse => format!("Vec<Option<{}>>", display_type(ctx, &member.target)),
        ShapeKind::List { member } => format!("Vec<{}>", display_type(ctx, &member.target)),
        ShapeKind::Map { key, value } => format!("IndexMap<{}, {}>", display_type(ctx, key), display_type(ctx, value)),
    }
}

impl Surface {
    /// The surface as compact text: one line per operation, operation
    /// error, paginator and type, then one per member, enum value and union
    /// member, indented under their type. Sorted, so the same API gives the
    /// same text.
    pub fn render(&self) -> String {
        let mut s = String::new();
        let dep = |d: bool| if d { " #[deprecated]" } else { "" };
        for (name, op) in &self.operations {
            let ty = |t: &Option<String>| t.clone().unwrap_or_else(|| "()".into());
            writeln!(
                s,
                "operation {name}: {} -> {}  ({}){}",
                ty(&op.input),
                ty(&op.output),
                op.http,
                dep(op.deprecated)
            )
            .unwrap();
            for e in &op.errors {
                writeln!(s, "  error {e}").unwrap();
            }
        }
        for (name, p) in &self.paginators {
            let items = p.items.as_deref().unwrap_or("?");
            writeln!(s, "paginator {}({name}) -> items {items}  ({})", p.function, p.settings).unwrap();
        }
        for (name, t) in &self.types {
            writeln!(s, "{} {name}{}", t.kind.keyword(), dep(t.deprecated)).unwrap();
            match &t.kind {
                TypeKind::Struct { members, .. } => {
                    for (field, m) in members {
                        writeln!(s, "  {field}: {}  ({}){}", m.field_type(), m.wire, dep(m.deprecated)).unwrap();
                    }
                }
                TypeKind::Union { members } => {
                    for (variant, m) in members {
                        writeln!(s, "  {variant}({})  ({}){}", m.rust_type, m.wire, dep(m.deprecated)).unwrap();
                    }
                }
                TypeKind::Enum { values } => {
                    for (value, variant) in values {
                        writeln!(s, "  {variant} = {value:?}").unwrap();
                    }
                }
            }
        }
        s
    }
}

//! Front end for Smithy JSON AST models (`"smithy": "2.0"` or `"1.0"`),
//! lowered into the same [`ir`](crate::ir) the botocore front end produces
//! for the same API, so the emitter cannot tell which front end ran.
//!
//! The file is read into typed structs that keep the model's order
//! (`IndexMap`), then:
//!
//! 1. the single `service` shape gives [`ir::Service`] (protocol traits,
//!    `aws.api#service`, `aws.auth#sigv4`, `@title`, `@documentation`);
//! 2. its operations are collected: those bound to the service and, recursively,
//!    to its resources (`operations`, `collectionOperations`, the lifecycle
//!    operations `create`, `put`, `read`, `update`, `delete`, `list`, and nested
//!    `resources`);
//! 3. starting from the operations' input, output and errors (plus the
//!    service's `errors`), every reachable shape is lowered, with mixins and
//!    `apply` traits merged in. Only reachable shapes are kept, as in botocore.
//!
//! Conventions of AWS's Smithy-to-botocore conversion that this front end
//! reproduces so both front ends agree:
//!
//! - Shape names drop the namespace; prelude shapes keep their name
//!   (`smithy.api#String` → `String`, `smithy.api#PrimitiveLong` →
//!   `PrimitiveLong`). `smithy.api#Unit` as a union member target becomes an
//!   empty structure named `Unit`; as an operation input or output it means
//!   "none".
//! - A member carrying its own constraint trait (`@length`, `@range`,
//!   `@pattern`) targets a copy of its target named
//!   `{Container}{Member}{Type}`, with the member name capitalized
//!   (`Member`/`Key`/`Value` for lists and maps) and the botocore type of the
//!   target (`String`, `List`, `Integer`, …), e.g. `GuardrailRegexConfigNameString`
//!   or `GuardrailAutomatedReasoningPolicyConfigPoliciesList`; the original
//!   target is kept only if something else refers to it.
//! - `required` is exactly `@required` (`@default` alone leaves a member
//!   optional; `@clientOptional` does not change it).
//! - Documentation that is plain text (not HTML) is wrapped in `<p>…</p>`.
//! - Errors of the service apply to every operation and follow the
//!   operation's own errors.
//! - `@paginated` on an operation, merged over the service's `@paginated`,
//!   gives a paginator like `paginators-1.json` (its source recorded, for the docs).
//!
//! Traits apply as the service's protocol defines them, by the rules both
//! front ends share: HTTP bindings only where protocol and role give them a
//! meaning ([`ir::Protocol::effective_location`]; `@http` only on the REST
//! protocols), `awsQueryError` codes only on awsQuery and ec2Query,
//! `@jsonName` only on JSON protocols and `@xmlName` never as a JSON key,
//! and members in the crate's order ([`ir::sort_members`]).
//!
//! Every error names the place: the shape id and member, or the JSON path.

#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::path::Path;

use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::ir::{self, Location, ShapeKind, TimestampFormat};

type Traits = IndexMap<String, Value>;

const UNIT: &str = "smithy.api#Unit";

/// Member traits that make AWS's conversion give the member its own
/// (constrained) copy of the target shape.
const CONSTRAINT_TRAITS: &[&str] = &["smithy.api#length", "smithy.api#range", "smithy.api#pattern"];

/// Every shape type of the JSON AST (`apply` carries traits for another shape).
const KNOWN_TYPES: &[&str] = &[
    "blob", "boolean", "string", "byte", "short", "integer", "long", "float", "double", "bigInteger",
    "bigDecimal", "timestamp", "document", "enum", "intEnum", "list", "set", "map", "structure", "union",
    "service", "resource", "operation", "apply",
];

/// Whether a parsed JSON document is a Smithy JSON AST: an object with a
/// string `smithy` version and a `shapes` object.
pub fn is_smithy_ast(value: &Value) -> bool {
    value.get("smithy").is_some_and(Value::is_string) && value.get("shapes").is_some_and(Value::is_object)
}

/// Whether the file at `path` is a Smithy JSON AST (see [`is_smithy_ast`]).
/// Unreadable or malformed files are not.
pub fn is_smithy_file(path: &Path) -> bool {
    #[derive(Deserialize)]
    struct Probe {
        smithy: Option<Value>,
        shapes: Option<Value>,
    }
    let Ok(text) = std::fs::read_to_string(path) else { return false };
    match serde_json::from_str::<Probe>(&text) {
        Ok(p) => p.smithy.is_some_and(|v| v.is_string()) && p.shapes.is_some_and(|v| v.is_object()),
        Err(_) => false,
    }
}

/// Reads a Smithy JSON AST file and lowers its service.
pub fn load(path: &Path) -> Result<ir::Model> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    load_str(path, &text)
}

/// Lowers Smithy JSON AST text; `path` is only used in error messages.
pub fn load_str(path: &Path, text: &str) -> Result<ir::Model> {
    // Syntax first, so malformed JSON is reported as such (with line/column).
    serde_json::from_str::<serde::de::IgnoredAny>(text).map_err(|source| Error::Json {
        path: path.to_path_buf(),
        source,
    })?;
    let mut de = serde_json::Deserializer::from_str(text);
    let ast: RawAst = serde_path_to_error::deserialize(&mut de)
        .map_err(|e| Error::model(path, e.path().to_string(), e.inner().to_string()))?;
    if !(ast.smithy.starts_with("1.") || ast.smithy.starts_with("2.") || ast.smithy == "1" || ast.smithy == "2") {
        return Err(Error::model(
            path,
            "smithy",
            format!("unsupported Smithy IDL version `{}` (expected 1.0 or 2.0)", ast.smithy),
        ));
    }
    Loader::new(path, ast)?.lower()
}

// ---------------------------------------------------------------------------
// The JSON AST
// ---------------------------------------------------------------------------

#[derive(Deserialize)]
struct RawAst {
    smithy: String,
    shapes: IndexMap<String, RawShape>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawShape {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    traits: Traits,
    #[serde(default)]
    mixins: Vec<RawRef>,
    #[serde(default)]
    members: IndexMap<String, RawMember>,
    #[serde(default)]
    member: Option<RawMember>,
    #[serde(default)]
    key: Option<RawMember>,
    #[serde(default)]
    value: Option<RawMember>,
    // service
    #[serde(default)]
    version: Option<String>,
    // operation
    #[serde(default)]
    input: Option<RawRef>,
    #[serde(default)]
    output: Option<RawRef>,
    #[serde(default)]
    errors: Vec<RawRef>,
    // service and resource
    #[serde(default)]
    operations: Vec<RawRef>,
    #[serde(default)]
    resources: Vec<RawRef>,
    // resource
    #[serde(default)]
    collection_operations: Vec<RawRef>,
    #[serde(default)]
    create: Option<RawRef>,
    #[serde(default)]
    put: Option<RawRef>,
    #[serde(default)]
    read: Option<RawRef>,
    #[serde(default)]
    update: Option<RawRef>,
    #[serde(default)]
    delete: Option<RawRef>,
    #[serde(default)]
    list: Option<RawRef>,
}

#[derive(Deserialize, Clone)]
struct RawMember {
    target: String,
    #[serde(default)]
    traits: Traits,
}

#[derive(Deserialize)]
struct RawRef {
    target: String,
}

/// A shape with its mixins and `apply` traits merged in.
struct Resolved {
    traits: Traits,
    members: IndexMap<String, RawMember>,
    member: Option<RawMember>,
    key: Option<RawMember>,
    value: Option<RawMember>,
}

/// Where an IR shape came from, to tell a real name conflict from the same
/// shape being reached twice.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Origin {
    /// The shape with this id.
    Shape(String),
    /// The constrained copy of its target made for this member (`ns#Shape$member`).
    Member(String),
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Shape(id) => write!(f, "`{id}`"),
            Origin::Member(id) => write!(f, "the constrained target of member `{id}`"),
        }
    }
}

/// A shape to lower: `source` under the IR name `name`.
struct Work {
    name: String,
    source: String,
    origin: Origin,
}

// ---------------------------------------------------------------------------
// Trait helpers
// ---------------------------------------------------------------------------

fn short_name(id: &str) -> &str {
    id.split_once('#').map_or(id, |(_, name)| name)
}

fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The kind of a prelude shape (`smithy.api#…`), if `name` is one.
fn prelude_kind(name: &str) -> Option<ShapeKind> {
    Some(match name {
        "String" => ShapeKind::String,
        "Blob" => ShapeKind::Blob { streaming: false },
        "BigInteger" => ShapeKind::BigInteger,
        "BigDecimal" => ShapeKind::BigDecimal,
        "Timestamp" => ShapeKind::Timestamp { format: None },
        "Document" => ShapeKind::Document,
        "Boolean" | "PrimitiveBoolean" => ShapeKind::Boolean,
        "Byte" | "PrimitiveByte" => ShapeKind::Byte,
        "Short" | "PrimitiveShort" => ShapeKind::Short,
        "Integer" | "PrimitiveInteger" => ShapeKind::Integer,
        "Long" | "PrimitiveLong" => ShapeKind::Long,
        "Float" | "PrimitiveFloat" => ShapeKind::Float,
        "Double" | "PrimitiveDouble" => ShapeKind::Double,
        "Unit" => ShapeKind::Structure { members: Vec::new() },
        _ => return None,
    })
}

/// Model documentation as botocore has it: HTML. Smithy documentation is
/// CommonMark; AWS models almost always hold HTML already, and plain text
/// becomes HTML paragraphs (`ARN of a IAM role` → `<p>ARN of a IAM role</p>`).
fn html_doc(doc: &str) -> String {
    let trimmed = doc.trim();
    if trimmed.is_empty() || trimmed.starts_with('<') {
        return doc.to_string();
    }
    let text = doc.replace("\r\n", "\n");
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{p}</p>"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Typed access to the traits of one shape or member, naming `at` in errors.
struct TraitView<'a> {
    path: &'a Path,
    at: &'a str,
    traits: &'a Traits,
}

impl<'a> TraitView<'a> {
    fn has(&self, name: &str) -> bool {
        self.traits.contains_key(name)
    }

    fn get(&self, name: &str) -> Option<&'a Value> {
        self.traits.get(name)
    }

    fn bad(&self, name: &str, expected: &str) -> Error {
        Error::model(
            self.path,
            format!("{}.traits.{name}", self.at),
            format!("expected {expected}, found {}", self.traits[name]),
        )
    }

    fn string(&self, name: &str) -> Result<Option<&'a str>> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(self.bad(name, "a string")),
        }
    }

    fn object(&self, name: &str) -> Result<Option<&'a serde_json::Map<String, Value>>> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Object(o)) => Ok(Some(o)),
            Some(_) => Err(self.bad(name, "an object")),
        }
    }

    /// A string field of an object-valued trait.
    fn field(&self, name: &str, field: &str) -> Result<Option<&'a str>> {
        let Some(obj) = self.object(name)? else { return Ok(None) };
        match obj.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(Error::model(
                self.path,
                format!("{}.traits.{name}.{field}", self.at),
                format!("expected a string, found {other}"),
            )),
        }
    }

    fn u16(&self, name: &str) -> Result<Option<u16>> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => v
                .as_u64()
                .and_then(|n| u16::try_from(n).ok())
                .map(Some)
                .ok_or_else(|| self.bad(name, "an HTTP status code")),
        }
    }

    fn documentation(&self) -> Result<Option<String>> {
        Ok(self.string("smithy.api#documentation")?.map(html_doc))
    }

    fn deprecation(&self) -> Result<Option<ir::Deprecation>> {
        const NAME: &str = "smithy.api#deprecated";
        if !self.has(NAME) {
            return Ok(None);
        }
        self.object(NAME)?;
        Ok(Some(ir::Deprecation {
            message: self.field(NAME, "message")?.map(str::to_string),
            since: self.field(NAME, "since")?.map(str::to_string),
        }))
    }

    /// The XML and query facts: `@xmlName`, `@xmlAttribute`,
    /// `@xmlFlattened`, `@xmlNamespace` and `@ec2QueryName`.
    fn xml_facts(&self) -> Result<ir::XmlFacts> {
        const NAMESPACE: &str = "smithy.api#xmlNamespace";
        let namespace = match self.field(NAMESPACE, "uri")? {
            Some(uri) => Some(ir::XmlNamespace {
                prefix: self.field(NAMESPACE, "prefix")?.map(str::to_string),
                uri: uri.to_string(),
            }),
            None if self.has(NAMESPACE) => return Err(self.bad(NAMESPACE, "an object with a `uri`")),
            None => None,
        };
        Ok(ir::XmlFacts {
            name: self.string("smithy.api#xmlName")?.map(str::to_string),
            attribute: self.has("smithy.api#xmlAttribute"),
            flattened: self.has("smithy.api#xmlFlattened"),
            namespace,
            query_name: self.string("aws.protocols#ec2QueryName")?.map(str::to_string),
        })
    }

    fn timestamp_format(&self) -> Result<Option<TimestampFormat>> {
        const NAME: &str = "smithy.api#timestampFormat";
        Ok(match self.string(NAME)? {
            None => None,
            Some("date-time") => Some(TimestampFormat::DateTime),
            Some("epoch-seconds") => Some(TimestampFormat::EpochSeconds),
            Some("http-date") => Some(TimestampFormat::HttpDate),
            Some(other) => {
                return Err(Error::model(
                    self.path,
                    format!("{}.traits.{NAME}", self.at),
                    format!("unknown timestamp format `{other}`"),
                ))
            }
        })
    }
}

// ---------------------------------------------------------------------------
// Lowering
// ---------------------------------------------------------------------------

struct Loader<'a> {
    path: &'a Path,
    shapes: IndexMap<String, RawShape>,
    /// Traits from `apply` entries, by shape or member id.
    applied: HashMap<String, Traits>,
    protocol: ir::Protocol,
    /// Which structures are operation inputs and outputs, by shape id (errors
    /// are known by their `@error` trait).
    roles: HashMap<String, ir::Role>,
}

impl<'a> Loader<'a> {
    fn new(path: &'a Path, ast: RawAst) -> Result<Self> {
        let mut shapes = IndexMap::new();
        let mut applied: HashMap<String, Traits> = HashMap::new();
        for (id, shape) in ast.shapes {
            let Some((ns, name)) = id.split_once('#') else {
                return Err(Error::model(path, format!("shapes.{id}"), "not an absolute shape id (`namespace#Name`)"));
            };
            if ns.is_empty() || name.is_empty() {
                return Err(Error::model(path, format!("shapes.{id}"), "not an absolute shape id (`namespace#Name`)"));
            }
            if !KNOWN_TYPES.contains(&shape.kind.as_str()) {
                return Err(Error::model(
                    path,
                    format!("shapes.{id}.type"),
                    format!("unknown shape type `{}`", shape.kind),
                ));
            }
            if shape.kind == "apply" {
                applied.entry(id).or_default().extend(shape.traits);
            } else {
                shapes.insert(id, shape);
            }
        }
        Ok(Loader {
            path,
            shapes,
            applied,
            protocol: ir::Protocol::default(),
            roles: HashMap::new(),
        })
    }

    fn err(&self, at: impl Into<String>, message: impl Into<String>) -> Error {
        Error::model(self.path, at, message)
    }

    fn view<'t>(&'t self, at: &'t str, traits: &'t Traits) -> TraitView<'t> {
        TraitView {
            path: self.path,
            at,
            traits,
        }
    }

    /// Whether `id` names a shape of the file or of the prelude.
    fn exists(&self, id: &str) -> bool {
        self.shapes.contains_key(id) || id.strip_prefix("smithy.api#").is_some_and(|n| prelude_kind(n).is_some())
    }

    /// The shape `id` of the file, of one of the `kinds`; `at` is the place
    /// that refers to it.
    fn raw(&self, id: &str, at: &str, kinds: &[&str]) -> Result<&RawShape> {
        let shape = self
            .shapes
            .get(id)
            .ok_or_else(|| self.err(at, format!("refers to unknown shape `{id}`")))?;
        if !kinds.is_empty() && !kinds.contains(&shape.kind.as_str()) {
            return Err(self.err(
                at,
                format!("refers to `{id}` (type `{}`); expected a shape of type {}", shape.kind, kinds.join(" or ")),
            ));
        }
        Ok(shape)
    }

    /// The shape `id` with the members and traits of its mixins (in order,
    /// local definitions winning) and of `apply` entries.
    fn resolve(&self, id: &str, stack: &mut Vec<String>) -> Result<Resolved> {
        let at = format!("shapes.{id}");
        let raw = self.raw(id, &at, &[])?;
        if stack.iter().any(|s| s == id) {
            return Err(self.err(format!("{at}.mixins"), format!("mixin cycle: {} -> {id}", stack.join(" -> "))));
        }
        stack.push(id.to_string());
        let mut out = Resolved {
            traits: Traits::new(),
            members: IndexMap::new(),
            member: None,
            key: None,
            value: None,
        };
        for (i, mixin) in raw.mixins.iter().enumerate() {
            let mixin_at = format!("{at}.mixins[{i}]");
            let mixin_raw = self.raw(&mixin.target, &mixin_at, &[])?;
            let local: Vec<&str> = mixin_raw
                .traits
                .get("smithy.api#mixin")
                .and_then(|m| m.get("localTraits"))
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let resolved = self.resolve(&mixin.target, stack)?;
            for (name, value) in resolved.traits {
                if name != "smithy.api#mixin" && !local.contains(&name.as_str()) {
                    out.traits.insert(name, value);
                }
            }
            out.members.extend(resolved.members);
            out.member = resolved.member.or(out.member);
            out.key = resolved.key.or(out.key);
            out.value = resolved.value.or(out.value);
        }
        out.traits.extend(raw.traits.iter().map(|(k, v)| (k.clone(), v.clone())));
        if let Some(applied) = self.applied.get(id) {
            out.traits.extend(applied.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        let with_applied = |name: &str, member: &RawMember| {
            let mut member = member.clone();
            if let Some(applied) = self.applied.get(&format!("{id}${name}")) {
                member.traits.extend(applied.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
            member
        };
        for (name, member) in &raw.members {
            let member = with_applied(name, member);
            match out.members.get_mut(name) {
                // A member redeclared locally keeps the mixin's position and
                // traits; its own target and traits win.
                Some(existing) => {
                    existing.target = member.target;
                    existing.traits.extend(member.traits);
                }
                None => {
                    out.members.insert(name.clone(), member);
                }
            }
        }
        // Traits applied to inherited members.
        for (name, member) in out.members.iter_mut() {
            if !raw.members.contains_key(name) {
                if let Some(applied) = self.applied.get(&format!("{id}${name}")) {
                    member.traits.extend(applied.iter().map(|(k, v)| (k.clone(), v.clone())));
                }
            }
        }
        for (name, slot, local) in [
            ("member", &mut out.member, &raw.member),
            ("key", &mut out.key, &raw.key),
            ("value", &mut out.value, &raw.value),
        ] {
            if let Some(local) = local {
                *slot = Some(with_applied(name, local));
            }
        }
        stack.pop();
        Ok(out)
    }

    fn resolve_id(&self, id: &str) -> Result<Resolved> {
        self.resolve(id, &mut Vec::new())
    }

    fn lower(mut self) -> Result<ir::Model> {
        let services: Vec<&String> = self
            .shapes
            .iter()
            .filter(|(_, s)| s.kind == "service")
            .map(|(id, _)| id)
            .collect();
        let service_id = match services.as_slice() {
            [one] => (*one).clone(),
            [] => return Err(self.err("shapes", "the model has no service shape")),
            many => {
                let names: Vec<String> = many.iter().map(|s| format!("`{s}`")).collect();
                return Err(self.err("shapes", format!("the model has several service shapes ({}); expected one", names.join(", "))));
            }
        };
        let service = self.lower_service(&service_id)?;
        self.protocol = service.protocol;

        let svc_raw = &self.shapes[&service_id];
        let svc_at = format!("shapes.{service_id}");
        let mut service_errors = Vec::new();
        for (i, e) in svc_raw.errors.iter().enumerate() {
            self.raw(&e.target, &format!("{svc_at}.errors[{i}]"), &["structure"])?;
            service_errors.push(e.target.clone());
        }
        let svc_traits = self.resolve_id(&service_id)?.traits;

        let op_ids = self.operation_ids(&service_id)?;
        for op_id in &op_ids {
            let raw = &self.shapes[op_id];
            for (r, is_input) in [(&raw.input, true), (&raw.output, false)] {
                if let Some(r) = r {
                    let role = self.roles.entry(r.target.clone()).or_default();
                    if is_input {
                        role.input = true;
                    } else {
                        role.output = true;
                    }
                }
            }
        }

        let mut queue = VecDeque::new();
        let mut operations = BTreeMap::new();
        let mut op_origins: BTreeMap<String, String> = BTreeMap::new();
        let mut paginators = BTreeMap::new();
        for op_id in op_ids {
            let name = short_name(&op_id).to_string();
            if let Some(other) = op_origins.insert(name.clone(), op_id.clone()) {
                return Err(self.err(
                    format!("shapes.{op_id}"),
                    format!("operation name `{name}` is used by both `{other}` and `{op_id}`"),
                ));
            }
            let (op, traits) = self.lower_operation(&op_id, &service_errors, &mut queue)?;
            if let Some(p) = self.paginator(&op_id, &name, &traits, &svc_traits, &svc_at)? {
                paginators.insert(name.clone(), p);
            }
            operations.insert(name, op);
        }

        let mut shapes: BTreeMap<String, (Origin, ir::Shape)> = BTreeMap::new();
        while let Some(work) = queue.pop_front() {
            if let Some((origin, _)) = shapes.get(&work.name) {
                if *origin == work.origin {
                    continue;
                }
            }
            let shape = self.lower_shape(&work, &mut queue)?;
            match shapes.get(&work.name) {
                None => {
                    shapes.insert(work.name.clone(), (work.origin, shape));
                }
                // Two ids lowering to the very same IR shape (e.g. a local
                // `String` and `smithy.api#String`) are harmless.
                Some((_, existing)) if *existing == shape => {}
                Some((origin, _)) => {
                    return Err(self.err(
                        format!("shapes.{}", work.source),
                        format!(
                            "shape name `{}` is used by both {origin} and {}; names must be unique without their namespace",
                            work.name, work.origin
                        ),
                    ));
                }
            }
        }

        let mut shapes: BTreeMap<String, ir::Shape> = shapes.into_iter().map(|(name, (_, shape))| (name, shape)).collect();
        if self.protocol == ir::Protocol::RestXml {
            if let Some(ns) = self.view(&svc_at, &svc_traits).xml_facts()?.namespace {
                service_namespace_on_bodies(&mut shapes, &operations, &ns);
            }
        }
        let model = ir::Model { service, shapes, operations, paginators };
        crate::validate::check(self.path, &model)?;
        Ok(model)
    }

    fn lower_service(&self, id: &str) -> Result<ir::Service> {
        let at = format!("shapes.{id}");
        let raw = &self.shapes[id];
        let resolved = self.resolve_id(id)?;
        let t = self.view(&at, &resolved.traits);
        let short = short_name(id);

        // botocore's order of preference when a service has several
        // protocol traits (json, rest-json, rest-xml, smithy-rpc-v2-cbor,
        // query, ec2), so both front ends pick what boto3 speaks.
        let protocols = [
            ("aws.protocols#awsJson1_1", ir::Protocol::Json),
            ("aws.protocols#awsJson1_0", ir::Protocol::Json),
            ("aws.protocols#restJson1", ir::Protocol::RestJson),
            ("aws.protocols#restXml", ir::Protocol::RestXml),
            ("smithy.protocols#rpcv2Cbor", ir::Protocol::Smithy),
            ("aws.protocols#awsQuery", ir::Protocol::Query),
            ("aws.protocols#ec2Query", ir::Protocol::Ec2),
        ];
        let protocol = protocols
            .iter()
            .find(|(name, _)| t.has(name))
            .map(|(_, p)| *p)
            .ok_or_else(|| {
                self.err(
                    format!("{at}.traits"),
                    "the service has no supported protocol trait (aws.protocols#restJson1, awsJson1_0, awsJson1_1, restXml, awsQuery, ec2Query or smithy.protocols#rpcv2Cbor)",
                )
            })?;
        let json_version = if t.has("aws.protocols#awsJson1_1") {
            Some("1.1".to_string())
        } else if t.has("aws.protocols#awsJson1_0") {
            Some("1.0".to_string())
        } else {
            None
        };
        // awsJson's `X-Amz-Target` prefix and rpcv2Cbor's `/service/<name>`
        // are the service shape's name (botocore's `targetPrefix`).
        let target_prefix =
            (json_version.is_some() || protocol == ir::Protocol::Smithy).then(|| short.to_string());

        const AWS_SERVICE: &str = "aws.api#service";
        t.object(AWS_SERVICE)?;
        let sdk_id = t.field(AWS_SERVICE, "sdkId")?.unwrap_or(short).to_string();
        let arn_namespace = t
            .field(AWS_SERVICE, "arnNamespace")?
            .map_or_else(|| short.to_ascii_lowercase(), str::to_string);
        let endpoint_prefix = t
            .field(AWS_SERVICE, "endpointPrefix")?
            .map_or(arn_namespace, str::to_string);
        let signing_name = t
            .field("aws.auth#sigv4", "name")?
            .map_or_else(|| endpoint_prefix.clone(), str::to_string);

        Ok(ir::Service {
            service_id: sdk_id,
            full_name: t.string("smithy.api#title")?.unwrap_or_default().to_string(),
            api_version: raw.version.clone().unwrap_or_default(),
            protocol,
            endpoint_prefix,
            signing_name,
            target_prefix,
            json_version,
            query_compatible: t.has("aws.protocols#awsQueryCompatible"),
            documentation: t.documentation()?,
        })
    }

    /// Operation ids bound to the service, directly or through its resources
    /// (recursively), each once, in model order.
    fn operation_ids(&self, service_id: &str) -> Result<Vec<String>> {
        let mut ops = Vec::new();
        let mut seen_ops = HashSet::new();
        let mut seen_resources = HashSet::new();
        let svc = &self.shapes[service_id];
        let at = format!("shapes.{service_id}");
        self.bind(&at, svc, &mut ops, &mut seen_ops, &mut seen_resources)?;
        Ok(ops)
    }

    fn bind(
        &self,
        at: &str,
        container: &RawShape,
        ops: &mut Vec<String>,
        seen_ops: &mut HashSet<String>,
        seen_resources: &mut HashSet<String>,
    ) -> Result<()> {
        let lifecycle = [
            ("create", &container.create),
            ("put", &container.put),
            ("read", &container.read),
            ("update", &container.update),
            ("delete", &container.delete),
            ("list", &container.list),
        ];
        let mut bound: Vec<(String, &str)> = Vec::new();
        for (name, r) in lifecycle {
            if let Some(r) = r {
                bound.push((format!("{at}.{name}"), &r.target));
            }
        }
        for (field, refs) in [("operations", &container.operations), ("collectionOperations", &container.collection_operations)] {
            for (i, r) in refs.iter().enumerate() {
                bound.push((format!("{at}.{field}[{i}]"), &r.target));
            }
        }
        for (op_at, id) in bound {
            self.raw(id, &op_at, &["operation"])?;
            if seen_ops.insert(id.to_string()) {
                ops.push(id.to_string());
            }
        }
        for (i, r) in container.resources.iter().enumerate() {
            let res = self.raw(&r.target, &format!("{at}.resources[{i}]"), &["resource"])?;
            if seen_resources.insert(r.target.clone()) {
                self.bind(&format!("shapes.{}", r.target), res, ops, seen_ops, seen_resources)?;
            }
        }
        Ok(())
    }

    /// Lowers an operation and queues its input, output and errors. Returns
    /// its resolved traits too (for `@paginated`).
    fn lower_operation(
        &self,
        id: &str,
        service_errors: &[String],
        queue: &mut VecDeque<Work>,
    ) -> Result<(ir::Operation, Traits)> {
        let at = format!("shapes.{id}");
        let raw = &self.shapes[id];
        let traits = self.resolve_id(id)?.traits;
        let t = self.view(&at, &traits);

        let mut io = |field: &str, r: &Option<RawRef>| -> Result<Option<String>> {
            let Some(r) = r else { return Ok(None) };
            if r.target == UNIT {
                return Ok(None);
            }
            self.raw(&r.target, &format!("{at}.{field}"), &["structure"])?;
            Ok(Some(self.queue_shape(&r.target, queue)))
        };
        let input = io("input", &raw.input)?;
        let output = io("output", &raw.output)?;

        let mut errors = Vec::new();
        for (i, e) in raw.errors.iter().enumerate() {
            self.raw(&e.target, &format!("{at}.errors[{i}]"), &["structure"])?;
        }
        for target in raw.errors.iter().map(|e| &e.target).chain(service_errors) {
            let name = self.queue_shape(target, queue);
            if !errors.contains(&name) {
                errors.push(name);
            }
        }

        const HTTP: &str = "smithy.api#http";
        // `@http` only means something on the REST protocols; on awsJson,
        // awsQuery, ec2Query and rpcv2Cbor every call is a POST to `/`
        // (transcribe's awsJson1_1 operations carry `@http` traits).
        let declared = if self.protocol.has_http_bindings() { t.object(HTTP)? } else { None };
        let http = match declared {
            None => ir::HttpTrait {
                method: "POST".into(),
                request_uri: "/".into(),
                response_code: 200,
            },
            Some(obj) => {
                let field = |name: &str| -> Result<&str> {
                    obj.get(name).and_then(Value::as_str).ok_or_else(|| {
                        self.err(format!("{at}.traits.{HTTP}.{name}"), "expected a string")
                    })
                };
                let code = match obj.get("code") {
                    None => 200,
                    Some(v) => v.as_u64().and_then(|n| u16::try_from(n).ok()).ok_or_else(|| {
                        self.err(format!("{at}.traits.{HTTP}.code"), format!("expected an HTTP status code, found {v}"))
                    })?,
                };
                ir::HttpTrait {
                    method: field("method")?.to_string(),
                    request_uri: field("uri")?.to_string(),
                    response_code: code,
                }
            }
        };

        errors.sort();
        let op = ir::Operation {
            name: short_name(id).to_string(),
            input,
            output,
            errors,
            http,
            host_prefix: match t.object("smithy.api#endpoint")? {
                None => None,
                Some(endpoint) => Some(
                    endpoint.get("hostPrefix").and_then(Value::as_str).map(str::to_string).ok_or_else(|| {
                        self.err(format!("{at}.traits.smithy.api#endpoint.hostPrefix"), "expected a string")
                    })?,
                ),
            },
            response_checksum: match t.field("aws.protocols#httpChecksum", "requestValidationModeMember")? {
                None => None,
                Some(mode_member) => {
                    let algorithms = t
                        .object("aws.protocols#httpChecksum")?
                        .and_then(|c| c.get("responseAlgorithms"))
                        .and_then(Value::as_array)
                        .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
                        .unwrap_or_default();
                    Some(ir::ResponseChecksum { mode_member: mode_member.to_string(), algorithms })
                }
            },
            request_checksum: {
                let member = t.field("aws.protocols#httpChecksum", "requestAlgorithmMember")?.map(str::to_string);
                let required = t.has("smithy.api#httpChecksumRequired")
                    || t.object("aws.protocols#httpChecksum")?
                        .and_then(|c| c.get("requestChecksumRequired"))
                        .and_then(Value::as_bool)
                        .unwrap_or(false);
                (required || member.is_some()).then_some(ir::RequestChecksum { required, algorithm_member: member })
            },
            documentation: t.documentation()?,
            deprecated: t.deprecation()?,
        };
        Ok((op, traits))
    }

    /// Queues the shape `id` under its own (short) name and returns that name.
    fn queue_shape(&self, id: &str, queue: &mut VecDeque<Work>) -> String {
        let name = short_name(id).to_string();
        queue.push_back(Work {
            name: name.clone(),
            source: id.to_string(),
            origin: Origin::Shape(id.to_string()),
        });
        name
    }

    /// The IR target of a member: its target's name, or the name of a
    /// constrained copy when the member has its own constraint traits. The
    /// target is queued for lowering.
    fn member_target(
        &self,
        container_id: &str,
        member_name: &str,
        member: &RawMember,
        at: &str,
        queue: &mut VecDeque<Work>,
    ) -> Result<String> {
        let target = &member.target;
        if !self.exists(target) {
            return Err(self.err(at, format!("targets unknown shape `{target}`")));
        }
        if let Some(shape) = self.shapes.get(target) {
            if matches!(shape.kind.as_str(), "operation" | "resource" | "service") {
                return Err(self.err(at, format!("targets `{target}` (type `{}`), which is not a data shape", shape.kind)));
            }
        }
        if !CONSTRAINT_TRAITS.iter().any(|t| member.traits.contains_key(*t)) {
            return Ok(self.queue_shape(target, queue));
        }
        let name = format!(
            "{}{}{}",
            short_name(container_id),
            upper_first(member_name),
            self.botocore_type_name(target)
        );
        queue.push_back(Work {
            name: name.clone(),
            source: target.clone(),
            origin: Origin::Member(format!("{container_id}${member_name}")),
        });
        Ok(name)
    }

    /// The botocore type of a shape, capitalized (`String`, `List`,
    /// `Integer`, …): the suffix of the constrained copies' names.
    fn botocore_type_name(&self, id: &str) -> String {
        let kind = match self.shapes.get(id) {
            Some(shape) => shape.kind.as_str(),
            None => match id.strip_prefix("smithy.api#").and_then(prelude_kind) {
                Some(ShapeKind::Structure { .. }) => "structure",
                Some(kind) => kind.kind_name(),
                None => "",
            },
        };
        match kind {
            "enum" => "String".into(),
            "intEnum" => "Integer".into(),
            "set" => "List".into(),
            "document" | "union" => "Structure".into(),
            other => upper_first(other),
        }
    }

    /// Lowers `work.source` as the IR shape `work.name`, queueing what it
    /// refers to.
    fn lower_shape(&self, work: &Work, queue: &mut VecDeque<Work>) -> Result<ir::Shape> {
        let id = work.source.as_str();
        let at = format!("shapes.{id}");
        if !self.shapes.contains_key(id) {
            if let Some(kind) = id.strip_prefix("smithy.api#").and_then(prelude_kind) {
                return Ok(ir::Shape {
                    name: work.name.clone(),
                    kind,
                    documentation: None,
                    sensitive: false,
                    deprecated: None,
                    error: None,
                    xml: ir::XmlShape::default(),
                });
            }
        }
        let raw = self.raw(id, &at, &[])?;
        let resolved = self.resolve_id(id)?;
        let t = self.view(&at, &resolved.traits);

        let kind = match raw.kind.as_str() {
            "document" => ShapeKind::Document,
            "string" => match t.get("smithy.api#enum") {
                Some(values) => ShapeKind::Enum(self.enum_trait_values(&at, values)?),
                None => ShapeKind::String,
            },
            "timestamp" => ShapeKind::Timestamp {
                format: t.timestamp_format()?,
            },
            "blob" => ShapeKind::Blob {
                streaming: t.has("smithy.api#streaming"),
            },
            "enum" => ShapeKind::Enum(self.enum_values(&at, &resolved)?),
            "intEnum" => ShapeKind::IntEnum(self.int_enum_values(&at, &resolved)?),
            "list" | "set" => {
                let member = resolved
                    .member
                    .as_ref()
                    .ok_or_else(|| self.err(&at, format!("{} shape has no `member`", raw.kind)))?;
                let member_at = format!("{at}.member");
                ShapeKind::List {
                    member: ir::ListMember {
                        target: self.member_target(id, "member", member, &member_at, queue)?,
                        timestamp_format: self.view(&member_at, &member.traits).timestamp_format()?,
                        sparse: t.has("smithy.api#sparse"),
                    },
                }
            }
            "map" => {
                let mut part = |name: &str, m: &Option<RawMember>| -> Result<String> {
                    let m = m
                        .as_ref()
                        .ok_or_else(|| self.err(&at, format!("map shape has no `{name}`")))?;
                    self.member_target(id, name, m, &format!("{at}.{name}"), queue)
                };
                let key = part("key", &resolved.key)?;
                let value = part("value", &resolved.value)?;
                ShapeKind::Map { key, value }
            }
            "structure" => ShapeKind::Structure {
                members: self.members(id, &resolved, false, queue)?,
            },
            "union" => ShapeKind::Union {
                members: self.members(id, &resolved, true, queue)?,
            },
            "operation" | "resource" | "service" => {
                return Err(self.err(&at, format!("a {} shape is used as a data shape", raw.kind)));
            }
            other => ShapeKind::simple(other)
                .ok_or_else(|| self.err(format!("{at}.type"), format!("unknown shape type `{other}`")))?,
        };

        let error = match t.string("smithy.api#error")? {
            None => None,
            Some(fault @ ("client" | "server")) => {
                const QUERY_ERROR: &str = "aws.protocols#awsQueryError";
                let query_status = match t.object(QUERY_ERROR)?.and_then(|o| o.get("httpResponseCode")) {
                    None => None,
                    Some(v) => Some(v.as_u64().and_then(|n| u16::try_from(n).ok()).ok_or_else(|| {
                        self.err(format!("{at}.traits.{QUERY_ERROR}.httpResponseCode"), "expected an HTTP status code")
                    })?),
                };
                // The awsQueryError code is the code only on the query
                // protocols. Elsewhere (awsQueryCompatible services too: sqs
                // on awsJson1_0) the response names the shape (`__type`),
                // and botocore matches the modelled error by it.
                let query = self.protocol.uses_query_error_codes();
                let code = match t.field(QUERY_ERROR, "code")? {
                    Some(code) if query => code,
                    _ => short_name(id),
                };
                Some(ir::ErrorInfo {
                    code: code.to_string(),
                    http_status: t.u16("smithy.api#httpError")?.or(query_status.filter(|_| query)),
                    sender_fault: fault == "client",
                })
            }
            Some(other) => {
                return Err(self.err(
                    format!("{at}.traits.smithy.api#error"),
                    format!("expected `client` or `server`, found `{other}`"),
                ))
            }
        };

        // XML facts matter to the XML and query codecs only; JSON protocols
        // keep an IR without them (as the botocore front end does).
        let xml = if self.protocol.is_xml() {
            let part = |m: &Option<RawMember>, name: &str| -> Result<ir::XmlFacts> {
                match m {
                    Some(m) => self.view(&format!("{at}.{name}"), &m.traits).xml_facts(),
                    None => Ok(ir::XmlFacts::default()),
                }
            };
            ir::XmlShape {
                own: t.xml_facts()?,
                member: part(&resolved.member, "member")?,
                key: part(&resolved.key, "key")?,
                value: part(&resolved.value, "value")?,
            }
        } else {
            ir::XmlShape::default()
        };

        Ok(ir::Shape {
            name: work.name.clone(),
            kind,
            documentation: t.documentation()?,
            sensitive: t.has("smithy.api#sensitive"),
            deprecated: t.deprecation()?,
            error,
            xml,
        })
    }

    /// Members of a structure or union.
    fn members(
        &self,
        id: &str,
        resolved: &Resolved,
        union: bool,
        queue: &mut VecDeque<Work>,
    ) -> Result<Vec<ir::Member>> {
        // The role decides which HTTP bindings apply (ir::Protocol::effective_location).
        let mut role = self.roles.get(id).copied().unwrap_or_default();
        role.output |= resolved.traits.contains_key("smithy.api#error");
        let mut out = Vec::with_capacity(resolved.members.len());
        let mut payload_seen: Option<&str> = None;
        for (name, member) in &resolved.members {
            let at = format!("shapes.{id}.members.{name}");
            let t = self.view(&at, &member.traits);
            let target = self.member_target(id, name, member, &at, queue)?;

            let bindings = [
                ("smithy.api#httpLabel", Location::Uri),
                ("smithy.api#httpQuery", Location::Querystring),
                ("smithy.api#httpQueryParams", Location::Querystring),
                ("smithy.api#httpHeader", Location::Header),
                ("smithy.api#httpPrefixHeaders", Location::Headers),
                ("smithy.api#httpResponseCode", Location::StatusCode),
            ];
            let found: Vec<&str> = bindings.iter().map(|(n, _)| *n).filter(|n| t.has(n)).collect();
            let payload = t.has("smithy.api#httpPayload");
            if found.len() + usize::from(payload) > 1 {
                let all: Vec<&str> = found.iter().copied().chain(payload.then_some("smithy.api#httpPayload")).collect();
                return Err(self.err(&at, format!("member has several HTTP bindings: {}", all.join(", "))));
            }
            if payload {
                if let Some(other) = payload_seen {
                    return Err(self.err(&at, format!("a second @httpPayload member (the first is `{other}`)")));
                }
                payload_seen = Some(name);
            }
            let (declared, location_name) = match found.first() {
                None => (Location::Body, None),
                Some(&"smithy.api#httpLabel") => (Location::Uri, Some(name.clone())),
                Some(&"smithy.api#httpQueryParams") => (Location::Querystring, None),
                Some(&"smithy.api#httpResponseCode") => (Location::StatusCode, None),
                Some(&binding) => {
                    let value = t.string(binding)?.map(str::to_string);
                    let location = bindings.iter().find(|(n, _)| *n == binding).map(|(_, l)| *l).unwrap_or_default();
                    (location, value)
                }
            };
            let location = self.protocol.effective_location(role, declared);
            let location_name = location_name.filter(|_| location != Location::Body);
            let payload = payload && self.protocol.binds_payload(role);
            // `@jsonName` is the JSON key on JSON protocols only; `@xmlName`
            // never is (it belongs to the XML codec).
            let json_name = match t.string("smithy.api#jsonName")? {
                Some(n) if location == Location::Body && self.protocol.is_json() && n != name => Some(n.to_string()),
                _ => None,
            };
            let json_value = self
                .shapes
                .get(&member.target)
                .and_then(|s| s.traits.get("smithy.api#mediaType"))
                .and_then(Value::as_str)
                .is_some_and(|m| m == "application/json");
            out.push(ir::Member {
                name: name.clone(),
                json_name,
                target,
                required: !union && t.has("smithy.api#required"),
                documentation: t.documentation()?,
                location,
                location_name,
                timestamp_format: t.timestamp_format()?,
                idempotency_token: t.has("smithy.api#idempotencyToken"),
                deprecated: t.deprecation()?,
                sensitive: t.has("smithy.api#sensitive"),
                payload,
                json_value,
                xml: if self.protocol.is_xml() { t.xml_facts()? } else { ir::XmlFacts::default() },
                host_label: t.has("smithy.api#hostLabel"),
            });
        }
        ir::sort_members(&mut out);
        Ok(out)
    }

    /// Values of an `enum` shape: `@enumValue` or the member name.
    fn enum_values(&self, at: &str, resolved: &Resolved) -> Result<Vec<ir::EnumValue>> {
        let mut out = Vec::new();
        for (name, member) in &resolved.members {
            let member_at = format!("{at}.members.{name}");
            self.enum_member_target(&member_at, member)?;
            let t = self.view(&member_at, &member.traits);
            let value = t.string("smithy.api#enumValue")?.unwrap_or(name);
            out.push(ir::EnumValue {
                value: value.to_string(),
                documentation: t.documentation()?,
            });
        }
        Ok(out)
    }

    fn int_enum_values(&self, at: &str, resolved: &Resolved) -> Result<Vec<ir::IntEnumValue>> {
        let mut out = Vec::new();
        for (name, member) in &resolved.members {
            let member_at = format!("{at}.members.{name}");
            self.enum_member_target(&member_at, member)?;
            let t = self.view(&member_at, &member.traits);
            let value = t
                .get("smithy.api#enumValue")
                .and_then(Value::as_i64)
                .ok_or_else(|| self.err(&member_at, "intEnum member needs an integer @enumValue"))?;
            out.push(ir::IntEnumValue {
                name: name.clone(),
                value,
                documentation: t.documentation()?,
            });
        }
        Ok(out)
    }

    fn enum_member_target(&self, at: &str, member: &RawMember) -> Result<()> {
        if member.target != UNIT {
            return Err(self.err(at, format!("enum members must target `{UNIT}`, not `{}`", member.target)));
        }
        Ok(())
    }

    /// Values of a Smithy 1.0 `@enum` trait on a string shape.
    fn enum_trait_values(&self, at: &str, values: &Value) -> Result<Vec<ir::EnumValue>> {
        let trait_at = format!("{at}.traits.smithy.api#enum");
        let list = values
            .as_array()
            .ok_or_else(|| self.err(&trait_at, "expected a list of enum definitions"))?;
        list.iter()
            .enumerate()
            .map(|(i, def)| {
                let value = def
                    .get("value")
                    .and_then(Value::as_str)
                    .ok_or_else(|| self.err(format!("{trait_at}[{i}].value"), "expected a string"))?;
                Ok(ir::EnumValue {
                    value: value.to_string(),
                    documentation: def.get("documentation").and_then(Value::as_str).map(html_doc),
                })
            })
            .collect()
    }

    /// The paginator of an operation from its `@paginated` trait merged over
    /// the service's. `None` when the operation is not paginated or has no
    /// tokens (a `@paginated` with only `pageSize` is not a paginator).
    fn paginator(
        &self,
        op_id: &str,
        op_name: &str,
        op_traits: &Traits,
        svc_traits: &Traits,
        svc_at: &str,
    ) -> Result<Option<ir::Paginator>> {
        const NAME: &str = "smithy.api#paginated";
        let at = format!("shapes.{op_id}");
        let op = self.view(&at, op_traits);
        if !op.has(NAME) {
            return Ok(None);
        }
        let svc = self.view(svc_at, svc_traits);
        let get = |field: &str| -> Result<Option<String>> {
            Ok(match op.field(NAME, field)? {
                Some(v) => Some(v.to_string()),
                None => svc.field(NAME, field)?.map(str::to_string),
            })
        };
        let input_token = get("inputToken")?;
        let output_token = get("outputToken")?;
        let page_size = get("pageSize")?;
        let items = get("items")?;
        let (input_token, output_token) = match (input_token, output_token) {
            (None, None) => return Ok(None),
            (Some(i), Some(o)) => (i, o),
            _ => {
                return Err(self.err(
                    format!("{at}.traits.{NAME}"),
                    "needs both inputToken and outputToken (after merging the service's @paginated)",
                ))
            }
        };
        Ok(Some(ir::Paginator {
            operation: op_name.to_string(),
            source: ir::PaginatorSource::SmithyPaginated,
            input_token: vec![input_token],
            output_token: vec![output_token],
            limit_key: page_size,
            result_key: items.into_iter().collect(),
            more_results: None,
            non_aggregate_keys: Vec::new(),
        }))
    }
}

/// restXml: the service's `@xmlNamespace` is the namespace of each request
/// body's root element, where the operation names none. botocore's models
/// carry it on each operation's input reference or payload member, which is
/// where this puts it: a structure payload member, else the input shape.
fn service_namespace_on_bodies(
    shapes: &mut BTreeMap<String, ir::Shape>,
    operations: &BTreeMap<String, ir::Operation>,
    ns: &ir::XmlNamespace,
) {
    for op in operations.values() {
        let Some(input) = &op.input else { continue };
        let Some(input_shape) = shapes.get(input) else { continue };
        let payload = input_shape.kind.members().iter().find(|m| m.payload).map(|m| (m.name.clone(), m.target.clone()));
        match payload {
            Some((member, target)) => {
                let target_has_own = shapes.get(&target).is_some_and(|t| t.xml.own.namespace.is_some());
                let is_structure = shapes.get(&target).is_some_and(|t| matches!(t.kind, ir::ShapeKind::Structure { .. } | ir::ShapeKind::Union { .. }));
                if !is_structure || target_has_own {
                    continue;
                }
                if let Some(m) = shapes.get_mut(input).and_then(|s| s.kind.members_mut().iter_mut().find(|m| m.name == member)) {
                    m.xml.namespace.get_or_insert_with(|| ns.clone());
                }
            }
            None => {
                let has_body = input_shape.kind.members().iter().any(|m| m.location == ir::Location::Body);
                if has_body {
                    if let Some(s) = shapes.get_mut(input) {
                        s.xml.own.namespace.get_or_insert_with(|| ns.clone());
                    }
                }
            }
        }
    }
}

//! The XML family's codecs: restXml bodies, and the XML responses of
//! awsQuery and ec2Query (their requests are [`query`](super::query) forms).
//!
//! Generated types keep one serde form, the botocore-compatible JSON one
//! (member names as keys). The XML codecs convert between that form and the
//! wire, guided by a [`Schema`]: a static table the emitter generates from
//! the model's XML facts (element names, attributes, flattened lists and
//! maps, namespaces, query names). All the work is here, in non-generic
//! code; the generated part is data plus one `serde_json` call per
//! operation.
//!
//! - Writing ([`to_xml`]): `serde_json::to_value(input)`, then the schema
//!   turns the value into XML as botocore's `RestXMLSerializer` writes it
//!   (ElementTree's escaping and ` />` for empty elements).
//! - Reading ([`read_body`], [`read_payload`]): quick-xml parses the body
//!   into a small element tree (depth-limited; a malformed document is an
//!   error naming the line and column, never a panic), then the schema turns
//!   the tree into the type's JSON form as botocore's XML parsers read it,
//!   and `serde_json::from_value` builds the type.
//! - Errors ([`RestXml`], [`AwsQuery`], [`Ec2Query`] implement
//!   [`Protocol`]): `<ErrorResponse><Error>` (awsQuery, restXml),
//!   `<Response><Errors><Error>` (ec2Query) and S3's bare `<Error>`; the
//!   generated crate implements `DecodeError` for each modelled error with
//!   [`decode_error`], which reads it from the `<Error>` element.

use std::borrow::Cow;
use std::fmt::Write as _;

use quick_xml::events::Event;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::{ErrorRead, Protocol};
use crate::http::{BuildError, RequestBuilder, ResponseError};

/// Index of a shape in [`Schema::shapes`].
pub type ShapeId = u16;

/// An `xmlns` declaration: `prefix` is empty for the default namespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Namespace {
    /// `xmlns:prefix`, or `""` for `xmlns`.
    pub prefix: &'static str,
    /// The namespace URI.
    pub uri: &'static str,
}

/// Which protocol a schema serves (decides list forms in query strings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XmlProtocol {
    /// restXml (S3, Route 53, CloudFront).
    RestXml,
    /// awsQuery (IAM, STS, SNS, …).
    Query,
    /// ec2Query (EC2).
    Ec2,
}

/// The shapes of a service that XML bodies and query strings hold.
#[derive(Debug)]
pub struct Schema {
    /// The protocol.
    pub protocol: XmlProtocol,
    /// Every shape an operation's input, output or error reaches.
    pub shapes: &'static [Shape],
}

/// One shape, as the XML codecs see it.
#[derive(Debug, Clone, Copy)]
pub enum Shape {
    /// A structure: its body members, in model order.
    Structure(&'static [Member]),
    /// A union: its members.
    Union(&'static [Member]),
    /// A list.
    List(List),
    /// A map.
    Map(MapShape),
    /// A string or string enum.
    String,
    /// A boolean (`true` / `false`).
    Boolean,
    /// An integer of any width.
    Integer,
    /// A float or double.
    Float,
    /// A timestamp (its text form is the member's format, as in the JSON form).
    Timestamp,
    /// A blob (base64).
    Blob,
}

/// A list shape.
#[derive(Debug, Clone, Copy)]
pub struct List {
    /// The item shape.
    pub item: ShapeId,
    /// The items' element name (`member.locationName`), if the model names it.
    pub item_name: Option<&'static str>,
    /// Namespace declared on each item element.
    pub item_namespace: Option<Namespace>,
}

/// A map shape.
#[derive(Debug, Clone, Copy)]
pub struct MapShape {
    /// Key shape.
    pub key: ShapeId,
    /// Value shape.
    pub value: ShapeId,
    /// The key's element name (`key` unless the model names it).
    pub key_name: &'static str,
    /// The value's element name (`value` unless the model names it).
    pub value_name: &'static str,
}

/// A member of a structure or union that travels in the body.
#[derive(Debug, Clone, Copy)]
pub struct Member {
    /// The member's key in the type's JSON form.
    pub key: &'static str,
    /// Element (or attribute) name in XML.
    pub name: &'static str,
    /// Key in a query string (awsQuery / ec2Query naming rules applied).
    pub query: &'static str,
    /// The target shape.
    pub target: ShapeId,
    /// Written as an attribute of the enclosing element.
    pub attribute: bool,
    /// A list or map without its wrapping element.
    pub flattened: bool,
    /// Namespace declared on the member's element.
    pub namespace: Option<Namespace>,
}

impl Member {
    /// A member whose element name and query key are `name`.
    pub const fn new(key: &'static str, name: &'static str, target: ShapeId) -> Self {
        Member { key, name, query: name, target, attribute: false, flattened: false, namespace: None }
    }

    /// With a query key other than the element name.
    pub const fn query(mut self, query: &'static str) -> Self {
        self.query = query;
        self
    }

    /// An XML attribute.
    pub const fn attribute(mut self) -> Self {
        self.attribute = true;
        self
    }

    /// A flattened list or map.
    pub const fn flattened(mut self) -> Self {
        self.flattened = true;
        self
    }

    /// With an `xmlns` declaration.
    pub const fn namespace(mut self, prefix: &'static str, uri: &'static str) -> Self {
        self.namespace = Some(Namespace { prefix, uri });
        self
    }
}

impl Schema {
    fn shape(&self, id: ShapeId) -> Shape {
        self.shapes[usize::from(id)]
    }
}

// ---------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------

/// ElementTree's text escaping.
fn escape_text(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

/// ElementTree's attribute escaping.
fn escape_attr(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#09;"),
            c => out.push(c),
        }
    }
}

/// The text of a scalar in the JSON form, as botocore writes it (`str()` of
/// the Python value: `true`/`false`, Python's float repr).
pub(crate) fn scalar_text(value: &Value) -> Cow<'_, str> {
    match value {
        Value::String(s) => Cow::Borrowed(s),
        Value::Bool(b) => Cow::Borrowed(if *b { "true" } else { "false" }),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => Cow::Owned(i.to_string()),
            (_, Some(u)) => Cow::Owned(u.to_string()),
            _ => Cow::Owned(crate::http::fmt::float(&n.as_f64().unwrap_or_default())),
        },
        Value::Null => Cow::Borrowed(""),
        other => Cow::Owned(other.to_string()),
    }
}

struct Writer<'s> {
    schema: &'s Schema,
    out: String,
}

impl Writer<'_> {
    fn open(&mut self, name: &str, namespace: Option<Namespace>, attrs: &[(&str, Cow<'_, str>)]) {
        self.out.push('<');
        self.out.push_str(name);
        if let Some(ns) = namespace {
            self.out.push_str(" xmlns");
            if !ns.prefix.is_empty() {
                self.out.push(':');
                self.out.push_str(ns.prefix);
            }
            self.out.push_str("=\"");
            escape_attr(&mut self.out, ns.uri);
            self.out.push('"');
        }
        for (k, v) in attrs {
            let _ = write!(self.out, " {k}=\"");
            escape_attr(&mut self.out, v);
            self.out.push('"');
        }
    }

    fn leaf(&mut self, name: &str, namespace: Option<Namespace>, text: &str) {
        self.open(name, namespace, &[]);
        if text.is_empty() {
            self.out.push_str(" />");
        } else {
            self.out.push('>');
            escape_text(&mut self.out, text);
            let _ = write!(self.out, "</{name}>");
        }
    }

    /// Writes `value` of shape `id` as element(s) named `name`.
    fn write(&mut self, id: ShapeId, value: &Value, name: &str, namespace: Option<Namespace>, flattened: bool) {
        match self.schema.shape(id) {
            Shape::Structure(members) | Shape::Union(members) => {
                let Some(object) = value.as_object() else { return };
                let attrs: Vec<(&str, Cow<'_, str>)> = members
                    .iter()
                    .filter(|m| m.attribute)
                    .filter_map(|m| object.get(m.key).filter(|v| !v.is_null()).map(|v| (m.name, scalar_text(v))))
                    .collect();
                let children: Vec<(&Member, &Value)> = members
                    .iter()
                    .filter(|m| !m.attribute)
                    .filter_map(|m| object.get(m.key).filter(|v| !v.is_null()).map(|v| (m, v)))
                    .collect();
                self.open(name, namespace, &attrs);
                if children.is_empty() {
                    self.out.push_str(" />");
                    return;
                }
                self.out.push('>');
                for (m, v) in children {
                    self.write(m.target, v, m.name, m.namespace, m.flattened);
                }
                let _ = write!(self.out, "</{name}>");
            }
            Shape::List(list) => {
                let items = value.as_array().map(Vec::as_slice).unwrap_or_default();
                if flattened {
                    for item in items {
                        self.write(list.item, item, name, list.item_namespace, false);
                    }
                    return;
                }
                self.open(name, namespace, &[]);
                if items.is_empty() {
                    self.out.push_str(" />");
                    return;
                }
                self.out.push('>');
                let item_name = list.item_name.unwrap_or("member");
                for item in items {
                    self.write(list.item, item, item_name, list.item_namespace, false);
                }
                let _ = write!(self.out, "</{name}>");
            }
            Shape::Map(map) => {
                let Some(entries) = value.as_object() else { return };
                if !flattened {
                    self.open(name, namespace, &[]);
                    if entries.is_empty() {
                        self.out.push_str(" />");
                        return;
                    }
                    self.out.push('>');
                }
                let entry_name = if flattened { name } else { "entry" };
                for (k, v) in entries {
                    let _ = write!(self.out, "<{entry_name}>");
                    self.write(map.key, &Value::String(k.clone()), map.key_name, None, false);
                    self.write(map.value, v, map.value_name, None, false);
                    let _ = write!(self.out, "</{entry_name}>");
                }
                if !flattened {
                    let _ = write!(self.out, "</{name}>");
                }
            }
            _ => self.leaf(name, namespace, &scalar_text(value)),
        }
    }
}

/// Writes the JSON form `value` of shape `root` as an XML document whose
/// root element is `name` (botocore's `RestXMLSerializer`; no XML
/// declaration, as `ElementTree.tostring`).
pub fn to_xml(schema: &Schema, root: ShapeId, name: &str, namespace: Option<Namespace>, value: &Value) -> Vec<u8> {
    let mut writer = Writer { schema, out: String::new() };
    writer.write(root, value, name, namespace, false);
    writer.out.into_bytes()
}

/// The XML body of a restXml request: `value` (the input, or a structure
/// payload member) as the element `name`; empty when `value` is `None` (an
/// unset payload, as botocore).
pub fn document<T: serde::Serialize + ?Sized>(
    schema: &Schema,
    root: ShapeId,
    name: &str,
    namespace: Option<Namespace>,
    value: Option<&T>,
) -> Result<Vec<u8>, serde_json::Error> {
    match value {
        Some(value) => Ok(to_xml(schema, root, name, namespace, &serde_json::to_value(value)?)),
        None => Ok(Vec::new()),
    }
}

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------

/// Elements nested deeper than this are an error (no stack exhaustion on
/// hostile input; AWS responses nest a few dozen levels at most).
pub const MAX_DEPTH: usize = 128;

/// An XML element: local name (namespace prefix removed, as botocore's
/// `_node_tag`), attributes, text and child elements.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Element {
    /// The local name.
    pub name: String,
    /// Attributes as written (qualified names kept).
    pub attributes: Vec<(String, String)>,
    /// All character data directly inside the element, entities decoded.
    pub text: String,
    /// Child elements, in document order.
    pub children: Vec<Element>,
}

impl Element {
    /// The first child named `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// The text of the first child named `name`.
    pub fn child_text(&self, name: &str) -> Option<&str> {
        self.child(name).map(|c| c.text.as_str())
    }

    fn attribute(&self, name: &str) -> Option<&str> {
        let local = |n: &str| n.rsplit(':').next().unwrap_or(n).to_owned();
        self.attributes
            .iter()
            .find(|(k, _)| k == name)
            .or_else(|| self.attributes.iter().find(|(k, _)| k.contains(':') && local(k) == local(name)))
            .map(|(_, v)| v.as_str())
    }
}

/// Line and column (1-based, in characters) of byte `offset` in `text`.
fn line_column(text: &[u8], offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, column)
}

/// Parses an XML document into its root element. Errors say what is wrong
/// and where (line and column); DTDs are refused.
pub fn parse(bytes: &[u8]) -> Result<Element, String> {
    let at = |offset: u64| {
        let (line, column) = line_column(bytes, usize::try_from(offset).unwrap_or(usize::MAX));
        format!("line {line}, column {column}")
    };
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let config = reader.config_mut();
    config.trim_text(false);
    config.check_end_names = true;
    config.expand_empty_elements = true;
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("malformed XML at {}: {e}", at(reader.error_position())))?;
        let position = reader.buffer_position();
        match event {
            Event::Start(start) => {
                if root.is_some() {
                    return Err(format!("malformed XML at {}: a second root element", at(position)));
                }
                if stack.len() >= MAX_DEPTH {
                    return Err(format!("XML nested deeper than {MAX_DEPTH} elements at {}", at(position)));
                }
                let name = String::from_utf8_lossy(start.local_name().as_ref()).into_owned();
                let mut attributes = Vec::new();
                for attr in start.attributes() {
                    let attr = attr.map_err(|e| format!("malformed XML attribute at {}: {e}", at(position)))?;
                    let key = String::from_utf8_lossy(attr.key.as_ref()).into_owned();
                    if key == "xmlns" || key.starts_with("xmlns:") {
                        continue;
                    }
                    let value = attr
                        .unescape_value()
                        .map_err(|e| format!("malformed XML attribute `{key}` at {}: {e}", at(position)))?;
                    attributes.push((key, value.into_owned()));
                }
                stack.push(Element { name, attributes, ..Default::default() });
            }
            Event::End(_) => {
                let element = stack.pop().ok_or_else(|| format!("malformed XML at {}: unexpected end tag", at(position)))?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(element),
                    None => root = Some(element),
                }
            }
            Event::Text(text) => {
                let text = text.unescape().map_err(|e| format!("malformed XML text at {}: {e}", at(position)))?;
                match stack.last_mut() {
                    Some(element) => element.text.push_str(&text),
                    None if text.trim().is_empty() => {}
                    None => return Err(format!("malformed XML at {}: text outside the root element", at(position))),
                }
            }
            Event::CData(data) => {
                let data = data.into_inner();
                let text = std::str::from_utf8(&data)
                    .map_err(|_| format!("malformed XML at {}: CDATA is not UTF-8", at(position)))?;
                match stack.last_mut() {
                    Some(element) => element.text.push_str(text),
                    None => return Err(format!("malformed XML at {}: CDATA outside the root element", at(position))),
                }
            }
            Event::DocType(_) => return Err(format!("XML with a DTD is refused (at {})", at(position))),
            Event::Empty(_) => unreachable!("expand_empty_elements is set"),
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => {
                if let Some(open) = stack.last() {
                    return Err(format!(
                        "malformed XML: the document ends at {} inside `<{}>`",
                        at(position),
                        open.name
                    ));
                }
                return root.ok_or_else(|| "malformed XML: no root element".to_owned());
            }
        }
    }
}

/// The children of `parent` for one member: all elements with the member's
/// name (several for a flattened list or map).
fn member_nodes<'e>(parent: &'e Element, name: &str) -> Vec<&'e Element> {
    parent.children.iter().filter(|c| c.name == name).collect()
}

struct Reader<'s> {
    schema: &'s Schema,
}

impl Reader<'_> {
    /// The JSON form of a structure read from `element`'s children and
    /// attributes. `path` names where it is, for errors.
    fn structure(&self, members: &[Member], element: &Element, path: &str) -> Result<Value, String> {
        let mut out = Map::new();
        for m in members {
            let at = || format!("{path}.{}", m.name);
            if m.attribute {
                if let Some(text) = element.attribute(m.name) {
                    out.insert(m.key.to_owned(), self.scalar(m.target, text, &at())?);
                }
                continue;
            }
            let (name, flattened) = match self.schema.shape(m.target) {
                Shape::List(list) if m.flattened => (list.item_name.unwrap_or(m.name), true),
                Shape::Map(_) if m.flattened => (m.name, true),
                _ => (m.name, false),
            };
            let nodes = member_nodes(element, name);
            if nodes.is_empty() {
                continue;
            }
            let value = if flattened {
                self.flattened(m.target, &nodes, &at())?
            } else {
                self.value(m.target, nodes[0], &at())?
            };
            out.insert(m.key.to_owned(), value);
        }
        Ok(Value::Object(out))
    }

    fn flattened(&self, id: ShapeId, nodes: &[&Element], path: &str) -> Result<Value, String> {
        match self.schema.shape(id) {
            Shape::List(list) => nodes
                .iter()
                .enumerate()
                .map(|(i, n)| self.value(list.item, n, &format!("{path}[{i}]")))
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Array),
            Shape::Map(map) => self.entries(map, nodes, path),
            _ => self.value(id, nodes[0], path),
        }
    }

    fn entries(&self, map: MapShape, entries: &[&Element], path: &str) -> Result<Value, String> {
        let mut out = Map::new();
        for entry in entries {
            let mut key = None;
            let mut value = None;
            for part in &entry.children {
                if part.name == map.key_name {
                    key = Some(part.text.clone());
                } else if part.name == map.value_name {
                    value = Some(part);
                } else {
                    return Err(format!("{path}: unknown element `<{}>` in a map entry", part.name));
                }
            }
            let key = key.ok_or_else(|| format!("{path}: a map entry without `<{}>`", map.key_name))?;
            let value = match value {
                Some(v) => self.value(map.value, v, &format!("{path}.{key}"))?,
                None => Value::Null,
            };
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }

    fn value(&self, id: ShapeId, element: &Element, path: &str) -> Result<Value, String> {
        match self.schema.shape(id) {
            Shape::Structure(members) => self.structure(members, element, path),
            Shape::Union(members) => {
                let value = self.structure(members, element, path)?;
                // An unknown member keeps the union's Unknown form.
                if value.as_object().is_some_and(Map::is_empty) {
                    if let Some(child) = element.children.first() {
                        let mut unknown = Map::new();
                        unknown.insert(child.name.clone(), Value::String(child.text.clone()));
                        return Ok(Value::Object(unknown));
                    }
                }
                Ok(value)
            }
            Shape::List(list) => element
                .children
                .iter()
                .enumerate()
                .map(|(i, n)| self.value(list.item, n, &format!("{path}[{i}]")))
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Array),
            Shape::Map(map) => {
                let entries: Vec<&Element> = element.children.iter().collect();
                self.entries(map, &entries, path)
            }
            _ => self.scalar(id, &element.text, path),
        }
    }

    fn scalar(&self, id: ShapeId, text: &str, path: &str) -> Result<Value, String> {
        Ok(match self.schema.shape(id) {
            Shape::Boolean => Value::Bool(text.trim() == "true"),
            Shape::Integer => {
                let n: i64 = text.trim().parse().map_err(|_| format!("{path}: `{text}` is not an integer"))?;
                Value::from(n)
            }
            Shape::Float => {
                // As Python's float(): also `NaN`, `Infinity`, `-Infinity`
                // (any case, `inf` too), which the JSON form spells as
                // those strings (`wire::Float`).
                let f: f64 = text.trim().parse().map_err(|_| format!("{path}: `{text}` is not a number"))?;
                match serde_json::Number::from_f64(f) {
                    Some(n) => Value::Number(n),
                    None => Value::String(crate::wire::non_finite_name(f).unwrap_or("NaN").to_owned()),
                }
            }
            Shape::String | Shape::Timestamp => Value::String(text.to_owned()),
            Shape::Blob => Value::String(text.trim().to_owned()),
            _ => return Err(format!("{path}: expected a scalar")),
        })
    }
}

/// The JSON form of shape `root`, read from the XML document `body`.
/// `wrapper` names the child of the root element the shape starts at
/// (awsQuery's `<OperationResult>`); without it the root element is the
/// shape. An empty body reads as an empty structure.
pub fn read_value(schema: &Schema, root: ShapeId, wrapper: Option<&str>, body: &[u8]) -> Result<Value, String> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Object(Map::new()));
    }
    let document = parse(body)?;
    let start = match wrapper {
        Some(name) => match document.child(name) {
            Some(element) => element,
            None => return Ok(Value::Object(Map::new())),
        },
        None => &document,
    };
    Reader { schema }.value(root, start, &document.name)
}

/// The output of an operation from an XML body (see [`read_value`]).
pub fn read_body<T: DeserializeOwned>(
    response: &::http::Response<Vec<u8>>,
    schema: &Schema,
    root: ShapeId,
    wrapper: Option<&str>,
) -> Result<T, ResponseError> {
    let value = read_value(schema, root, wrapper, response.body())
        .map_err(|e| ResponseError::new(response, format!("invalid XML body: {e}")))?;
    serde_json::from_value(value).map_err(|e| ResponseError::new(response, format!("invalid XML body: {e}")))
}

/// A structure payload member from the body; `None` for an empty body.
pub fn read_payload<T: DeserializeOwned>(
    response: &::http::Response<Vec<u8>>,
    schema: &Schema,
    root: ShapeId,
) -> Result<Option<T>, ResponseError> {
    if response.body().iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    read_body(response, schema, root, None).map(Some)
}

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

/// restXml (`rest-xml` in botocore: S3, Route 53, CloudFront).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RestXml;

/// awsQuery (`query` in botocore: IAM, STS, SNS, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AwsQuery;

/// ec2Query (`ec2` in botocore).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Ec2Query;

/// The `<Error>` element of an error document: `<ErrorResponse><Error>`
/// (awsQuery, restXml), `<Response><Errors><Error>` (ec2Query), or the
/// root itself (S3's bare `<Error>`), as botocore's `_get_error_root`.
fn error_element(document: Element) -> Element {
    let Element { name, mut children, .. } = document.clone();
    match name.as_str() {
        "ErrorResponse" => children.drain(..).find(|c| c.name == "Error").unwrap_or(document),
        "Response" => children
            .drain(..)
            .find(|c| c.name == "Errors")
            .and_then(|mut errors| errors.children.drain(..).find(|c| c.name == "Error"))
            .unwrap_or(document),
        _ => document,
    }
}

/// Reads an XML error response as botocore's XML parsers do: the code and
/// message are the `<Code>` and `<Message>` of the `<Error>` element; a
/// body that is not XML (or has no code) gives the status code as the code
/// and its reason phrase as the message.
fn read_xml_error(response: &::http::Response<Vec<u8>>) -> ErrorRead<Element> {
    let status = response.status();
    let error = parse(response.body()).ok().map(error_element).unwrap_or_default();
    let code = error
        .child_text("Code")
        .filter(|c| !c.is_empty())
        .map(|c| crate::http::sanitize_error_code(c).to_owned())
        .unwrap_or_else(|| status.as_u16().to_string());
    let message = match error.child_text("Message") {
        Some(m) => Some(m.to_owned()),
        None if error.children.is_empty() => status.canonical_reason().map(str::to_owned),
        None => None,
    };
    ErrorRead { code, message, body: error }
}

macro_rules! xml_protocol {
    ($ty:ty, $name:literal) => {
        impl Protocol for $ty {
            type ErrorBody = Element;
            const NAME: &'static str = $name;

            fn read_error(response: &::http::Response<Vec<u8>>) -> ErrorRead<Element> {
                read_xml_error(response)
            }
        }
    };
}

xml_protocol!(RestXml, "restXml");
xml_protocol!(AwsQuery, "awsQuery");
xml_protocol!(Ec2Query, "ec2Query");

/// Reads the modelled error `T` (shape `id` of `schema`) from an `<Error>`
/// element; generated `DecodeError` impls call this.
pub fn decode_error<T: DeserializeOwned>(schema: &Schema, id: ShapeId, error: &Element) -> Result<T, String> {
    let value = Reader { schema }.value(id, error, "Error")?;
    serde_json::from_value(value).map_err(|e| e.to_string())
}

// ---------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------

/// Sets a restXml request's body to `value` (the input, or a structure
/// payload member) as the document element `name`; an empty body when
/// `value` is `None` (an unset payload, as botocore). No `Content-Type`, as
/// botocore.
pub fn set_document<T: serde::Serialize + ?Sized>(
    request: &mut RequestBuilder,
    operation: &'static str,
    schema: &Schema,
    root: ShapeId,
    name: &str,
    namespace: Option<Namespace>,
    value: Option<&T>,
) {
    match document(schema, root, name, namespace, value) {
        Ok(body) => {
            request.body(body, None);
        }
        Err(source) => {
            request.fail(BuildError::Body { operation, source });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_documents_are_errors_naming_where() {
        for (doc, want) in [
            ("<a><b></a>", "line 1"),
            ("<a>\n<b>x</b>\n", "inside `<a>`"),
            ("<a></a><b></b>", "second root"),
            ("<a x=1></a>", "attribute"),
            ("<a>&bogus;</a>", "line 1"),
            ("<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>", "DTD"),
            ("text", "outside the root"),
            ("", "no root element"),
            ("<a>\n  <b>\n</c>", "line 3"),
        ] {
            let err = parse(doc.as_bytes()).unwrap_err();
            assert!(err.contains(want), "{doc:?}: {err}");
        }
        let deep = "<a>".repeat(MAX_DEPTH + 1);
        assert!(parse(deep.as_bytes()).unwrap_err().contains("deeper"));
        // Not UTF-8 and truncated inputs: errors, never panics.
        for doc in [&b"<a>\xff\xfe</a>"[..], b"<a", b"<", b"<a b=\"", b"<?xml", b"<a></"] {
            let _ = parse(doc);
        }
    }

    #[test]
    fn parse_keeps_text_attributes_and_local_names() {
        let doc = parse(
            br#"<?xml version="1.0"?><r xmlns="u" xmlns:xsi="x"><s:a xsi:type="T">1 &amp; 2<![CDATA[<3>]]></s:a><b/></r>"#,
        )
        .unwrap();
        assert_eq!(doc.name, "r");
        assert_eq!(doc.children[0].name, "a");
        assert_eq!(doc.children[0].text, "1 & 2<3>");
        assert_eq!(doc.children[0].attribute("xsi:type"), Some("T"));
        assert_eq!(doc.children[1].name, "b");
    }

    static SHAPES: &[Shape] = &[
        // 0: the structure
        Shape::Structure(&[
            Member::new("Name", "Name", 1),
            Member::new("Count", "Count", 2),
            Member::new("Items", "Item", 3).flattened(),
            Member::new("Wrapped", "Wrapped", 3),
            Member::new("Tags", "Tags", 4),
            Member::new("Kind", "xsi:type", 1).attribute(),
            Member::new("On", "On", 5),
            Member::new("Ratio", "Ratio", 6),
        ]),
        Shape::String,
        Shape::Integer,
        Shape::List(List { item: 1, item_name: None, item_namespace: None }),
        Shape::Map(MapShape { key: 1, value: 1, key_name: "key", value_name: "value" }),
        Shape::Boolean,
        Shape::Float,
    ];
    static SCHEMA: Schema = Schema { protocol: XmlProtocol::RestXml, shapes: SHAPES };

    #[test]
    fn round_trip_through_the_json_form() {
        let value = serde_json::json!({
            "Name": "a<b", "Count": 3, "Items": ["x", "y"], "Wrapped": [], "Tags": {"k": "v"},
            "Kind": "T", "On": true, "Ratio": 0.5
        });
        let xml = to_xml(&SCHEMA, 0, "Root", Some(Namespace { prefix: "", uri: "urn:x" }), &value);
        let xml = String::from_utf8(xml).unwrap();
        assert_eq!(
            xml,
            r#"<Root xmlns="urn:x" xsi:type="T"><Name>a&lt;b</Name><Count>3</Count><Item>x</Item><Item>y</Item><Wrapped /><Tags><entry><key>k</key><value>v</value></entry></Tags><On>true</On><Ratio>0.5</Ratio></Root>"#
        );
        let back = read_value(&SCHEMA, 0, None, xml.as_bytes()).unwrap();
        assert_eq!(back, value);
        let err = read_value(&SCHEMA, 0, None, b"<R><Count>x</Count></R>").unwrap_err();
        assert_eq!(err, "R.Count: `x` is not an integer");
    }

    /// Non-finite floats: written as botocore's serializers write them
    /// (`NaN`, `Infinity`, `-Infinity`, from the JSON form's strings) and
    /// read back from those and the other spellings Python's float() takes.
    #[test]
    fn non_finite_floats() {
        for (json, xml) in [("NaN", "NaN"), ("Infinity", "Infinity"), ("-Infinity", "-Infinity")] {
            let value = serde_json::json!({ "Ratio": json });
            let written = String::from_utf8(to_xml(&SCHEMA, 0, "R", None, &value)).unwrap();
            assert_eq!(written, format!("<R><Ratio>{xml}</Ratio></R>"));
            assert_eq!(read_value(&SCHEMA, 0, None, written.as_bytes()).unwrap(), value);
        }
        for (text, want) in [("nan", "NaN"), ("inf", "Infinity"), (" -infinity ", "-Infinity"), ("+Inf", "Infinity")] {
            let xml = format!("<R><Ratio>{text}</Ratio></R>");
            assert_eq!(read_value(&SCHEMA, 0, None, xml.as_bytes()).unwrap(), serde_json::json!({ "Ratio": want }), "{text}");
        }
    }

    #[test]
    fn error_documents() {
        let resp = |status: u16, body: &str| {
            ::http::Response::builder().status(status).body(body.as_bytes().to_vec()).unwrap()
        };
        let read = |r: &::http::Response<Vec<u8>>| {
            let e = read_xml_error(r);
            (e.code, e.message)
        };
        let query = resp(
            404,
            "<ErrorResponse><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>gone</Message></Error><RequestId>r1</RequestId></ErrorResponse>",
        );
        assert_eq!(read(&query), ("NoSuchEntity".into(), Some("gone".into())));
        let ec2 = resp(400, "<Response><Errors><Error><Code>InvalidID</Code><Message>bad</Message></Error></Errors><RequestID>r2</RequestID></Response>");
        assert_eq!(read(&ec2), ("InvalidID".into(), Some("bad".into())));
        let s3 = resp(404, "<Error><Code>NoSuchKey</Code><Message>m</Message><RequestId>r3</RequestId></Error>");
        assert_eq!(read(&s3), ("NoSuchKey".into(), Some("m".into())));
        assert_eq!(read(&resp(404, "")), ("404".into(), Some("Not Found".into())));
        assert_eq!(read(&resp(403, "<a><b>")), ("403".into(), Some("Forbidden".into())));
        let modelled = resp(400, "<Error><Code>Boom</Code><Name>n</Name><Count>oops</Count></Error>");
        let body = read_xml_error(&modelled).body;
        let err = decode_error::<Value>(&SCHEMA, 0, &body).unwrap_err();
        assert!(err.contains("Error.Count"), "{err}");
        let fine = resp(400, "<Error><Code>Boom</Code><Name>n</Name><Count>2</Count></Error>");
        let value: Value = decode_error(&SCHEMA, 0, &read_xml_error(&fine).body).unwrap();
        assert_eq!(value, serde_json::json!({"Name": "n", "Count": 2}));
    }
}

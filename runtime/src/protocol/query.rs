//! awsQuery and ec2Query (`query` and `ec2` in botocore): requests are the input as an
//! `application/x-www-form-urlencoded` body, written as botocore's
//! `QuerySerializer` and `EC2Serializer` do.
//!
//! `Action` and `Version` come first, then the members of the input's JSON
//! form in order, keyed by their query names (the emitter applies the
//! protocol's naming rules: `locationName`, ec2's `queryName` and
//! capitalisation):
//!
//! - structures: `Prefix.Member`;
//! - lists: `Prefix.member.N` (the item's `locationName` replaces
//!   `member`), `Prefix.N` when flattened, always `Prefix.N` on ec2; an
//!   empty list is `Prefix=` on awsQuery and nothing on ec2;
//! - maps: `Prefix.entry.N.key` / `Prefix.entry.N.value` (`Prefix.N.key`
//!   when flattened);
//! - scalars as Python's `str()` (`true`/`false`, float repr), timestamps
//!   and blobs in their JSON form (ISO 8601, base64).
//!
//! Pairs are encoded as Python's `urlencode` (`quote_plus`: unreserved
//! characters kept, space as `+`, everything else `%XX`). The `url`
//! crate's `form_urlencoded` keeps `*` and encodes `~`, so it would not
//! give botocore's bytes.

use serde_json::Value;

use super::xml::{scalar_text, Schema, Shape, ShapeId, XmlProtocol};
use crate::http::{BuildError, Metadata, RequestBuilder};

pub use super::xml::{AwsQuery, Ec2Query};

/// Python's `quote_plus(text, safe='')`.
fn quote_plus(out: &mut String, text: &str) {
    for &b in text.as_bytes() {
        match b {
            b' ' => out.push('+'),
            b if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') => out.push(b as char),
            b => {
                out.push('%');
                out.push(char::from(b"0123456789ABCDEF"[usize::from(b >> 4)]));
                out.push(char::from(b"0123456789ABCDEF"[usize::from(b & 15)]));
            }
        }
    }
}

struct Form<'s> {
    schema: &'s Schema,
    pairs: Vec<(String, String)>,
}

fn upper_first(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl Form<'_> {
    fn join(prefix: &str, name: &str) -> String {
        if prefix.is_empty() {
            name.to_owned()
        } else {
            format!("{prefix}.{name}")
        }
    }

    fn add(&mut self, id: ShapeId, value: &Value, prefix: &str, flattened: bool) {
        let ec2 = self.schema.protocol == XmlProtocol::Ec2;
        match self.schema.shapes[usize::from(id)] {
            Shape::Structure(members) | Shape::Union(members) => {
                let Some(object) = value.as_object() else { return };
                for m in members {
                    if let Some(v) = object.get(m.key).filter(|v| !v.is_null()) {
                        self.add(m.target, v, &Self::join(prefix, m.query), m.flattened);
                    }
                }
            }
            Shape::List(list) => {
                let items = value.as_array().map(Vec::as_slice).unwrap_or_default();
                if ec2 {
                    for (i, item) in items.iter().enumerate() {
                        self.add(list.item, item, &format!("{prefix}.{}", i + 1), false);
                    }
                    return;
                }
                if items.is_empty() {
                    self.pairs.push((prefix.to_owned(), String::new()));
                    return;
                }
                let list_prefix = if flattened {
                    match list.item_name {
                        Some(name) => match prefix.rsplit_once('.') {
                            Some((parent, _)) => format!("{parent}.{name}"),
                            None => name.to_owned(),
                        },
                        None => prefix.to_owned(),
                    }
                } else {
                    format!("{prefix}.{}", list.item_name.unwrap_or("member"))
                };
                for (i, item) in items.iter().enumerate() {
                    self.add(list.item, item, &format!("{list_prefix}.{}", i + 1), false);
                }
            }
            Shape::Map(map) => {
                let Some(entries) = value.as_object() else { return };
                let base = if flattened { prefix.to_owned() } else { format!("{prefix}.entry") };
                let (key_name, value_name) = if ec2 {
                    (upper_first(map.key_name), upper_first(map.value_name))
                } else {
                    (map.key_name.to_owned(), map.value_name.to_owned())
                };
                for (i, (k, v)) in entries.iter().enumerate() {
                    let n = i + 1;
                    self.pairs.push((format!("{base}.{n}.{key_name}"), k.clone()));
                    self.add(map.value, v, &format!("{base}.{n}.{value_name}"), false);
                }
            }
            _ => self.pairs.push((prefix.to_owned(), scalar_text(value).into_owned())),
        }
    }
}

/// The form body of operation `action` (API `version`) with the JSON form
/// `input` of shape `root` (`None` for operations without input).
pub fn to_form(schema: &Schema, action: &str, version: &str, root: Option<ShapeId>, input: &Value) -> Vec<u8> {
    let mut form = Form { schema, pairs: vec![("Action".into(), action.into()), ("Version".into(), version.into())] };
    if let Some(root) = root {
        form.add(root, input, "", false);
    }
    let mut out = String::new();
    for (i, (k, v)) in form.pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        quote_plus(&mut out, k);
        out.push('=');
        quote_plus(&mut out, v);
    }
    out.into_bytes()
}

/// The request of an awsQuery or ec2Query operation: `POST` to the
/// operation's URI (`/`) with its input (shape `root`) as a form.
pub fn request<T: serde::Serialize + ?Sized>(
    metadata: Metadata,
    schema: &Schema,
    version: &str,
    root: Option<ShapeId>,
    input: Option<&T>,
) -> Result<::http::Request<Vec<u8>>, BuildError> {
    let value = match input.map(serde_json::to_value).transpose() {
        Ok(value) => value.unwrap_or(Value::Null),
        Err(source) => return Err(BuildError::Body { operation: metadata.name, source }),
    };
    let body = to_form(schema, metadata.name, version, root, &value);
    RequestBuilder::new(metadata).body(body, Some(CONTENT_TYPE)).build()
}

pub use super::xml::read_body;

/// The `Content-Type` of query requests.
pub const CONTENT_TYPE: &str = "application/x-www-form-urlencoded; charset=utf-8";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::xml::{List, MapShape, Member};

    static SHAPES: &[Shape] = &[
        Shape::Structure(&[
            Member::new("UserName", "UserName", 1),
            Member::new("Tags", "Tags", 2),
            Member::new("Ids", "InstanceId", 3).query("InstanceId"),
            Member::new("Flat", "Flat", 4).flattened(),
            Member::new("Attrs", "Attrs", 5),
            Member::new("Empty", "Empty", 3),
            Member::new("Dry", "DryRun", 6),
        ]),
        Shape::String,
        Shape::List(List { item: 7, item_name: None, item_namespace: None }),
        Shape::List(List { item: 1, item_name: Some("item"), item_namespace: None }),
        Shape::List(List { item: 1, item_name: Some("Name"), item_namespace: None }),
        Shape::Map(MapShape { key: 1, value: 1, key_name: "key", value_name: "value" }),
        Shape::Boolean,
        Shape::Structure(&[Member::new("Key", "Key", 1), Member::new("Value", "Value", 1)]),
    ];

    #[test]
    fn query_forms() {
        let input = serde_json::json!({
            "UserName": "a b&c~*", "Tags": [{"Key": "k", "Value": "v"}], "Ids": ["i-1", "i-2"],
            "Flat": ["x"], "Attrs": {"a": "1"}, "Empty": [], "Dry": false
        });
        let schema = Schema { protocol: XmlProtocol::Query, shapes: SHAPES };
        let body = String::from_utf8(to_form(&schema, "CreateUser", "2010-05-08", Some(0), &input)).unwrap();
        assert_eq!(
            body,
            "Action=CreateUser&Version=2010-05-08&UserName=a+b%26c~%2A&Tags.member.1.Key=k&Tags.member.1.Value=v\
             &InstanceId.item.1=i-1&InstanceId.item.2=i-2&Name.1=x&Attrs.entry.1.key=a&Attrs.entry.1.value=1&Empty=&DryRun=false"
        );
        let schema = Schema { protocol: XmlProtocol::Ec2, shapes: SHAPES };
        let body = String::from_utf8(to_form(&schema, "DescribeInstances", "2016-11-15", Some(0), &input)).unwrap();
        assert!(body.contains("&InstanceId.1=i-1&InstanceId.2=i-2&Flat.1=x&Attrs.entry.1.Key=a"), "{body}");
        assert!(!body.contains("Empty"), "{body}");
    }
}

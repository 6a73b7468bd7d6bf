//! Front end for botocore's JSON models (`service-2.json` and
//! `paginators-1.json`), lowered into the [`ir`](crate::ir).
//!
//! The JSON is first read into typed structs (so a member of the wrong JSON
//! type is reported with its path, e.g. `shapes.Foo.members.bar.shape`), then
//! validated and lowered; anything the generator does not understand is an
//! error naming the shape and member.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::ir::{self, Location, ShapeKind, TimestampFormat};

/// Reads a botocore service directory: `service-2.json` (or its `.gz`-less
/// copy as committed in `models/`) and, when present, `paginators-1.json`.
pub fn load_dir(dir: &Path) -> Result<ir::Model> {
    let service = dir.join("service-2.json");
    let paginators = dir.join("paginators-1.json");
    let paginators = paginators.exists().then_some(paginators);
    load(&service, paginators.as_deref())
}

/// Reads a botocore service model and optional paginator file.
pub fn load(service_path: &Path, paginators_path: Option<&Path>) -> Result<ir::Model> {
    let read = |path: &Path| {
        std::fs::read_to_string(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })
    };
    let service = read(service_path)?;
    let paginators = paginators_path.map(|p| read(p).map(|text| (p, text))).transpose()?;
    load_str(service_path, &service, paginators.as_ref().map(|(p, t)| (*p, t.as_str())))
}

/// [`load`] from text already read: `service` is the content of
/// `service_path`, `paginators` the path and content of the paginator file.
/// The paths only name the files in errors.
pub fn load_str(service_path: &Path, service: &str, paginators: Option<(&Path, &str)>) -> Result<ir::Model> {
    let json = |path: &Path, text: &str| {
        serde_json::from_str::<serde_json::Value>(text).map_err(|source| Error::Json { path: path.to_path_buf(), source })
    };
    let raw: RawService = parse(service_path, json(service_path, service)?)?;
    let mut model = lower(service_path, raw)?;
    if let Some((path, text)) = paginators {
        let raw: RawPaginators = parse(path, json(path, text)?)?;
        model.paginators = lower_paginators(path, raw, &model)?;
    }
    Ok(model)
}

fn parse<T: serde::de::DeserializeOwned>(path: &Path, value: serde_json::Value) -> Result<T> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        Error::model(path, e.path().to_string(), e.inner().to_string())
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawService {
    metadata: RawMetadata,
    #[serde(default)]
    documentation: Option<String>,
    #[serde(default)]
    operations: BTreeMap<String, RawOperation>,
    shapes: BTreeMap<String, RawShape>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawMetadata {
    api_version: String,
    protocol: String,
    #[serde(default)]
    protocols: Option<Vec<String>>,
    #[serde(default)]
    service_id: Option<String>,
    #[serde(default)]
    service_full_name: Option<String>,
    #[serde(default)]
    endpoint_prefix: Option<String>,
    #[serde(default)]
    signing_name: Option<String>,
    #[serde(default)]
    target_prefix: Option<String>,
    #[serde(default)]
    json_version: Option<String>,
    #[serde(default)]
    aws_query_compatible: Option<serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawOperation {
    #[serde(default)]
    http: Option<RawHttp>,
    #[serde(default)]
    input: Option<RawRef>,
    #[serde(default)]
    output: Option<RawRef>,
    #[serde(default)]
    errors: Vec<RawRef>,
    #[serde(default)]
    endpoint: Option<RawEndpoint>,
    #[serde(default)]
    http_checksum: Option<RawHttpChecksum>,
    #[serde(default)]
    http_checksum_required: bool,
    #[serde(default)]
    documentation: Option<String>,
    #[serde(default)]
    deprecated: bool,
    #[serde(default)]
    deprecated_message: Option<String>,
    #[serde(default)]
    deprecated_since: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawHttpChecksum {
    #[serde(default)]
    request_algorithm_member: Option<String>,
    #[serde(default)]
    request_checksum_required: bool,
    #[serde(default)]
    request_validation_mode_member: Option<String>,
    #[serde(default)]
    response_algorithms: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawEndpoint {
    #[serde(default)]
    host_prefix: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawHttp {
    #[serde(default)]
    method: Option<String>,
    #[serde(default)]
    request_uri: Option<String>,
    #[serde(default)]
    response_code: Option<u16>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawRef {
    shape: String,
    /// On an operation's input: the XML document's root element name.
    #[serde(default)]
    location_name: Option<String>,
    /// On an operation's input: the root element's namespace.
    #[serde(default)]
    xml_namespace: Option<RawXmlNamespace>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawShape {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    /// By name: the crate's member order (see `ir::sort_members`).
    members: BTreeMap<String, RawMember>,
    #[serde(default)]
    required: Vec<String>,
    #[serde(default)]
    member: Option<RawMember>,
    #[serde(default)]
    key: Option<RawMember>,
    #[serde(default)]
    value: Option<RawMember>,
    #[serde(default, rename = "enum")]
    enum_values: Option<Vec<String>>,
    #[serde(default)]
    documentation: Option<String>,
    #[serde(default)]
    sensitive: bool,
    #[serde(default)]
    exception: bool,
    #[serde(default)]
    fault: bool,
    #[serde(default)]
    error: Option<RawErrorInfo>,
    #[serde(default)]
    union: bool,
    #[serde(default)]
    document: bool,
    #[serde(default)]
    eventstream: bool,
    #[serde(default)]
    timestamp_format: Option<String>,
    #[serde(default)]
    streaming: bool,
    #[serde(default)]
    deprecated: bool,
    #[serde(default)]
    deprecated_message: Option<String>,
    #[serde(default)]
    deprecated_since: Option<String>,
    #[serde(default)]
    payload: Option<String>,
    #[serde(default)]
    location_name: Option<String>,
    #[serde(default)]
    flattened: bool,
    #[serde(default)]
    xml_namespace: Option<RawXmlNamespace>,
}

/// `xmlNamespace`: a bare URI or `{"prefix": …, "uri": …}`.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawXmlNamespace {
    Uri(String),
    Full {
        #[serde(default)]
        prefix: Option<String>,
        uri: String,
    },
}

impl RawXmlNamespace {
    fn lower(self) -> ir::XmlNamespace {
        match self {
            RawXmlNamespace::Uri(uri) => ir::XmlNamespace { prefix: None, uri },
            RawXmlNamespace::Full { prefix, uri } => ir::XmlNamespace { prefix, uri },
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawErrorInfo {
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    http_status_code: Option<u16>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawMember {
    shape: String,
    #[serde(default)]
    documentation: Option<String>,
    #[serde(default)]
    location: Option<String>,
    #[serde(default)]
    location_name: Option<String>,
    #[serde(default)]
    timestamp_format: Option<String>,
    #[serde(default)]
    idempotency_token: bool,
    #[serde(default)]
    deprecated: bool,
    #[serde(default)]
    deprecated_message: Option<String>,
    #[serde(default)]
    deprecated_since: Option<String>,
    #[serde(default)]
    sensitive: bool,
    #[serde(default)]
    jsonvalue: bool,
    #[serde(default)]
    xml_attribute: bool,
    #[serde(default)]
    flattened: bool,
    #[serde(default)]
    xml_namespace: Option<RawXmlNamespace>,
    #[serde(default)]
    query_name: Option<String>,
    #[serde(default)]
    host_label: bool,
}

impl RawMember {
    /// The member's XML and query facts. `locationName` is kept even when
    /// it equals the member name: ec2 capitalises a `locationName` but not
    /// a member name.
    fn xml_facts(&mut self) -> ir::XmlFacts {
        ir::XmlFacts {
            name: self.location_name.clone(),
            attribute: self.xml_attribute,
            flattened: self.flattened,
            namespace: self.xml_namespace.take().map(RawXmlNamespace::lower),
            query_name: self.query_name.clone(),
        }
    }
}

#[derive(Deserialize)]
struct RawPaginators {
    pagination: BTreeMap<String, RawPaginator>,
}

#[derive(Deserialize)]
struct RawPaginator {
    input_token: OneOrMany,
    output_token: OneOrMany,
    #[serde(default)]
    limit_key: Option<String>,
    result_key: Option<OneOrMany>,
    #[serde(default)]
    more_results: Option<String>,
    #[serde(default)]
    non_aggregate_keys: Vec<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

/// botocore's order of preference when a model lists several protocols
/// (`botocore.utils.PRIORITY_ORDERED_SUPPORTED_PROTOCOLS`).
const PROTOCOL_PRIORITY: &[&str] = &["json", "rest-json", "rest-xml", "smithy-rpc-v2-cbor", "query", "ec2"];

/// The protocol a botocore client speaks (`ServiceModel.resolved_protocol`):
/// the first of `protocols` in botocore's order of preference (so a service
/// listing `smithy-rpc-v2-cbor` and `json`, such as CloudWatch, is awsJson,
/// as boto3 calls it), else `protocol`.
fn resolved_protocol(path: &Path, meta: &RawMetadata) -> Result<ir::Protocol> {
    match &meta.protocols {
        Some(list) if !list.is_empty() => match PROTOCOL_PRIORITY.iter().find(|p| list.iter().any(|l| l == *p)) {
            Some(name) => protocol(path, name),
            None => Err(Error::model(
                path,
                "metadata.protocols",
                format!("none of the protocols {list:?} is supported ({})", PROTOCOL_PRIORITY.join(", ")),
            )),
        },
        _ => protocol(path, &meta.protocol),
    }
}

fn protocol(path: &Path, name: &str) -> Result<ir::Protocol> {
    Ok(match name {
        "rest-json" => ir::Protocol::RestJson,
        "json" => ir::Protocol::Json,
        "rest-xml" => ir::Protocol::RestXml,
        "query" => ir::Protocol::Query,
        "ec2" => ir::Protocol::Ec2,
        "smithy-rpc-v2-cbor" => ir::Protocol::Smithy,
        other => {
            return Err(Error::model(
                path,
                "metadata.protocol",
                format!("unsupported protocol `{other}`"),
            ))
        }
    })
}

/// Parses a botocore `timestampFormat`.
pub(crate) fn timestamp_format(path: &Path, at: &str, name: &str) -> Result<TimestampFormat> {
    match name.to_ascii_lowercase().as_str() {
        "iso8601" => Ok(TimestampFormat::DateTime),
        "unixtimestamp" => Ok(TimestampFormat::EpochSeconds),
        "rfc822" => Ok(TimestampFormat::HttpDate),
        _ => Err(Error::model(path, at, format!("unknown timestampFormat `{name}`"))),
    }
}

fn deprecation(deprecated: bool, message: Option<String>, since: Option<String>) -> Option<ir::Deprecation> {
    (deprecated || message.is_some()).then_some(ir::Deprecation { message, since })
}

fn lower(path: &Path, raw: RawService) -> Result<ir::Model> {
    let meta = raw.metadata;
    let protocol = resolved_protocol(path, &meta)?;
    let mut service = ir::Service {
        service_id: meta
            .service_id
            .clone()
            .or_else(|| meta.endpoint_prefix.clone())
            .unwrap_or_default(),
        full_name: meta.service_full_name.unwrap_or_default(),
        api_version: meta.api_version,
        protocol,
        signing_name: meta
            .signing_name
            .or_else(|| meta.endpoint_prefix.clone())
            .unwrap_or_default(),
        endpoint_prefix: meta.endpoint_prefix.unwrap_or_default(),
        target_prefix: None,
        json_version: None,
        query_compatible: meta.aws_query_compatible.is_some(),
        documentation: raw.documentation,
    };
    // `targetPrefix` and `jsonVersion` belong to the awsJson protocols
    // (rpcv2Cbor's `/service/<name>` is the `targetPrefix` too); some
    // rest-json models carry a `jsonVersion` that nothing reads (cognito-sync).
    // rpcv2Cbor uses `targetPrefix` too (its service name in the URI).
    if matches!(protocol, ir::Protocol::Json | ir::Protocol::Smithy) {
        service.target_prefix = meta.target_prefix;
        service.json_version = meta.json_version;
    } else if protocol == ir::Protocol::Smithy {
        service.target_prefix = meta.target_prefix;
    }

    // Which structures are operation inputs and outputs: the HTTP bindings
    // of their members apply only where the role gives them a meaning
    // (ir::Protocol::effective_location); errors count as outputs.
    let mut roles: BTreeMap<String, ir::Role> = BTreeMap::new();
    for op in raw.operations.values() {
        if let Some(r) = &op.input {
            roles.entry(r.shape.clone()).or_default().input = true;
        }
        if let Some(r) = &op.output {
            roles.entry(r.shape.clone()).or_default().output = true;
        }
    }

    let mut shapes = BTreeMap::new();
    for (name, shape) in raw.shapes {
        let mut role = roles.get(&name).copied().unwrap_or_default();
        role.output |= shape.exception || shape.error.is_some();
        let lowered = lower_shape(path, service.protocol, role, &name, shape)?;
        shapes.insert(name, lowered);
    }

    let mut operations = BTreeMap::new();
    for (name, op) in raw.operations {
        let at = format!("operations.{name}");
        let http = op.http.unwrap_or(RawHttp {
            method: None,
            request_uri: None,
            response_code: None,
        });
        let mut input = op.input;
        if let (Some(input), true) = (&mut input, service.protocol.is_xml()) {
            // An XML body's root element is named on the operation's input
            // reference (route53); botocore merges it into the input shape,
            // and so does this front end (an input shape has one operation).
            if let Some(shape) = shapes.get_mut(&input.shape) {
                let own = &mut shape.xml.own;
                own.name = own.name.take().or(input.location_name.take());
                own.namespace = own.namespace.take().or(input.xml_namespace.take().map(RawXmlNamespace::lower));
            }
        }
        let operation = ir::Operation {
            name: name.clone(),
            input: input.map(|r| r.shape),
            output: op.output.map(|r| r.shape),
            errors: op
                .errors
                .into_iter()
                .map(|r| r.shape)
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect(),
            http: ir::HttpTrait {
                method: http.method.unwrap_or_else(|| "POST".into()),
                request_uri: http.request_uri.unwrap_or_else(|| "/".into()),
                response_code: http.response_code.unwrap_or(200),
            },
            host_prefix: op.endpoint.and_then(|e| e.host_prefix),
            response_checksum: op.http_checksum.as_ref().and_then(|c| {
                let mode_member = c.request_validation_mode_member.clone()?;
                Some(ir::ResponseChecksum { mode_member, algorithms: c.response_algorithms.clone() })
            }),
            request_checksum: {
                let (member, required) = match op.http_checksum {
                    Some(c) => (c.request_algorithm_member, c.request_checksum_required),
                    None => (None, false),
                };
                let required = required || op.http_checksum_required;
                (required || member.is_some()).then_some(ir::RequestChecksum { required, algorithm_member: member })
            },
            documentation: op.documentation,
            deprecated: deprecation(op.deprecated, op.deprecated_message, op.deprecated_since),
        };
        for target in operation.input.iter().chain(&operation.output).chain(&operation.errors) {
            if !shapes.contains_key(target) {
                return Err(Error::model(path, &at, format!("refers to unknown shape `{target}`")));
            }
        }
        operations.insert(name, operation);
    }

    // botocore may mark a list or map shape `flattened`; Smithy marks the
    // members that target it (`@xmlFlattened`). The same fact, recorded the
    // Smithy way so both front ends give one IR.
    let flattened: std::collections::BTreeSet<String> =
        shapes.iter().filter(|(_, s)| s.xml.own.flattened).map(|(n, _)| n.clone()).collect();
    for shape in shapes.values_mut() {
        shape.xml.own.flattened = false;
        if let ShapeKind::Structure { members } | ShapeKind::Union { members } = &mut shape.kind {
            for m in members.iter_mut().filter(|m| flattened.contains(&m.target)) {
                m.xml.flattened = true;
            }
        }
    }

    let model = ir::Model {
        service,
        shapes,
        operations,
        paginators: BTreeMap::new(),
    };
    crate::validate::check(path, &model)?;
    Ok(model)
}

fn lower_shape(path: &Path, protocol: ir::Protocol, role: ir::Role, name: &str, mut raw: RawShape) -> Result<ir::Shape> {
    let at = format!("shapes.{name}");
    // XML facts matter to the XML and query codecs only; JSON protocols keep
    // an IR without them.
    let xml = if protocol.is_xml() {
        ir::XmlShape {
            own: ir::XmlFacts {
                name: raw.location_name.take(),
                flattened: raw.flattened,
                namespace: raw.xml_namespace.take().map(RawXmlNamespace::lower),
                ..Default::default()
            },
            member: raw.member.as_mut().map(|m| m.xml_facts()).unwrap_or_default(),
            key: raw.key.as_mut().map(|m| m.xml_facts()).unwrap_or_default(),
            value: raw.value.as_mut().map(|m| m.xml_facts()).unwrap_or_default(),
        }
    } else {
        ir::XmlShape::default()
    };
    let kind = match raw.kind.as_str() {
        "string" => match raw.enum_values {
            Some(values) => ShapeKind::Enum(
                values
                    .into_iter()
                    .map(|value| ir::EnumValue {
                        value,
                        documentation: None,
                    })
                    .collect(),
            ),
            None => ShapeKind::String,
        },
        "timestamp" => ShapeKind::Timestamp {
            format: raw
                .timestamp_format
                .as_deref()
                .map(|f| timestamp_format(path, &at, f))
                .transpose()?,
        },
        "blob" => ShapeKind::Blob {
            streaming: raw.streaming,
        },
        "list" => {
            let member = raw
                .member
                .ok_or_else(|| Error::model(path, &at, "list shape has no `member`"))?;
            ShapeKind::List {
                member: ir::ListMember {
                    timestamp_format: member
                        .timestamp_format
                        .as_deref()
                        .map(|f| timestamp_format(path, &format!("{at}.member"), f))
                        .transpose()?,
                    target: member.shape,
                    sparse: false,
                },
            }
        }
        "map" => {
            let key = raw.key.ok_or_else(|| Error::model(path, &at, "map shape has no `key`"))?;
            let value = raw
                .value
                .ok_or_else(|| Error::model(path, &at, "map shape has no `value`"))?;
            ShapeKind::Map {
                key: key.shape,
                value: value.shape,
            }
        }
        "structure" if raw.document => ShapeKind::Document,
        "structure" => {
            for req in &raw.required {
                if !raw.members.contains_key(req) {
                    return Err(Error::model(
                        path,
                        format!("{at}.required"),
                        format!("names `{req}`, which is not a member"),
                    ));
                }
            }
            let mut members = Vec::with_capacity(raw.members.len());
            for (name, mut m) in raw.members {
                let member_name = &name;
                let member_at = format!("{at}.members.{member_name}");
                let declared = match m.location.as_deref() {
                    None => Location::Body,
                    Some("uri") => Location::Uri,
                    Some("querystring") => Location::Querystring,
                    Some("header") => Location::Header,
                    Some("headers") => Location::Headers,
                    Some("statusCode") => Location::StatusCode,
                    Some(other) => {
                        return Err(Error::model(
                            path,
                            member_at,
                            format!("unknown member location `{other}`"),
                        ))
                    }
                };
                let location = protocol.effective_location(role, declared);
                // XML facts of body members only: a bound member's
                // `locationName` is its header, label or query name.
                let xml = if protocol.is_xml() && location == Location::Body {
                    m.xml_facts()
                } else {
                    ir::XmlFacts::default()
                };
                // In a JSON body, `locationName` is the member's key (as
                // botocore's JSON serializer and parser use it, even for a
                // member whose binding does not apply); in XML and query
                // protocols it is an element name, not a JSON key: the serde
                // form uses member names there, whichever front end ran.
                let (json_name, location_name) = match location {
                    Location::Body if protocol.is_json() => {
                        (m.location_name.filter(|n| n != member_name), None)
                    }
                    Location::Body => (None, None),
                    _ => (None, m.location_name),
                };
                members.push(ir::Member {
                    name: member_name.clone(),
                    json_name,
                    target: m.shape,
                    // Union (and event stream) members are never required,
                    // as in the Smithy front end.
                    required: !(raw.union || raw.eventstream) && raw.required.contains(member_name),
                    documentation: m.documentation,
                    location,
                    location_name,
                    timestamp_format: m
                        .timestamp_format
                        .as_deref()
                        .map(|f| timestamp_format(path, &member_at, f))
                        .transpose()?,
                    idempotency_token: m.idempotency_token,
                    deprecated: deprecation(m.deprecated, m.deprecated_message, m.deprecated_since),
                    sensitive: m.sensitive,
                    payload: protocol.binds_payload(role) && raw.payload.as_deref() == Some(member_name.as_str()),
                    json_value: m.jsonvalue,
                    xml,
                    host_label: m.host_label,
                });
            }
            ir::sort_members(&mut members);
            if raw.union || raw.eventstream {
                ShapeKind::Union { members }
            } else {
                ShapeKind::Structure { members }
            }
        }
        other => ShapeKind::simple(other)
            .ok_or_else(|| Error::model(path, format!("{at}.type"), format!("unknown shape type `{other}`")))?,
    };
    let error = (raw.exception || raw.error.is_some()).then(|| {
        let info = raw.error.unwrap_or(RawErrorInfo {
            code: None,
            http_status_code: None,
        });
        ir::ErrorInfo {
            code: info.code.unwrap_or_else(|| name.to_string()),
            http_status: info.http_status_code,
            sender_fault: !raw.fault,
        }
    });
    Ok(ir::Shape {
        name: name.to_string(),
        kind,
        documentation: raw.documentation,
        sensitive: raw.sensitive,
        deprecated: deprecation(raw.deprecated, raw.deprecated_message, raw.deprecated_since),
        error,
        xml,
    })
}

fn lower_paginators(
    path: &Path,
    raw: RawPaginators,
    model: &ir::Model,
) -> Result<BTreeMap<String, ir::Paginator>> {
    let mut out = BTreeMap::new();
    for (op, p) in raw.pagination {
        let at = format!("pagination.{op}");
        if !model.operations.contains_key(&op) {
            return Err(Error::model(path, at, "paginator for an operation the model does not have"));
        }
        let input_token = p.input_token.into_vec();
        let output_token = p.output_token.into_vec();
        if input_token.len() != output_token.len() {
            return Err(Error::model(
                path,
                at,
                "input_token and output_token have different lengths",
            ));
        }
        let paginator = ir::Paginator {
            operation: op.clone(),
            source: ir::PaginatorSource::PaginatorsJson,
            input_token,
            output_token,
            limit_key: p.limit_key,
            result_key: p.result_key.map(OneOrMany::into_vec).unwrap_or_default(),
            more_results: p.more_results,
            non_aggregate_keys: p.non_aggregate_keys,
        };
        out.insert(op, paginator);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(protocol: &str, protocols: Option<&[&str]>) -> RawMetadata {
        serde_json::from_value(serde_json::json!({
            "apiVersion": "2024-01-01",
            "protocol": protocol,
            "protocols": protocols,
        }))
        .unwrap()
    }

    #[test]
    fn protocol_is_the_one_botocore_resolves() {
        let p = Path::new("m.json");
        let cases = [
            (meta("smithy-rpc-v2-cbor", Some(&["smithy-rpc-v2-cbor", "json", "query"])), ir::Protocol::Json),
            (meta("smithy-rpc-v2-cbor", Some(&["smithy-rpc-v2-cbor"])), ir::Protocol::Smithy),
            (meta("query", Some(&["query", "rest-xml"])), ir::Protocol::RestXml),
            (meta("rest-json", None), ir::Protocol::RestJson),
        ];
        for (m, want) in cases {
            assert_eq!(resolved_protocol(p, &m).unwrap(), want);
        }
        let err = resolved_protocol(p, &meta("x", Some(&["smithy-rpc-v3"]))).unwrap_err();
        assert!(err.to_string().contains("metadata.protocols"), "{err}");
    }

    fn load_str(protocol: &str) -> ir::Model {
        let model = r#"{
          "metadata": {"apiVersion": "1", "protocol": "PROTOCOL", "serviceId": "X"},
          "operations": {},
          "shapes": {
            "S": {"type": "string"},
            "In": {"type": "structure", "locationName": "InDoc", "xmlNamespace": {"uri": "http://ns"}, "members": {
              "Items": {"shape": "L", "locationName": "Item", "flattened": true},
              "Kind": {"shape": "S", "locationName": "xsi:type", "xmlAttribute": true,
                       "xmlNamespace": {"prefix": "xsi", "uri": "http://x"}},
              "Id": {"shape": "S", "locationName": "id", "queryName": "ID"},
              "Plain": {"shape": "S", "locationName": "Plain"},
              "M": {"shape": "Mp"}
            }},
            "L": {"type": "list", "member": {"shape": "S", "locationName": "item"}, "flattened": true},
            "Mp": {"type": "map", "key": {"shape": "S", "locationName": "k"}, "value": {"shape": "S", "locationName": "v"}}
          }
        }"#
        .replace("PROTOCOL", protocol);
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("awsgen-botocore-xml-{protocol}-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("service-2.json");
        std::fs::write(&path, model).unwrap();
        let model = load(&path, None).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        model
    }

    /// Lowers a botocore model given as JSON text (through a temporary file,
    /// as the front end reads files).
    fn lower_text(name: &str, text: &str) -> ir::Model {
        // Unique per call: tests run in parallel and may lower the same name.
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("awsgen-botocore-{}-{name}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("service-2.json");
        std::fs::write(&path, text).unwrap();
        let model = load(&path, None).unwrap_or_else(|e| panic!("{e}"));
        std::fs::remove_dir_all(&dir).unwrap();
        model
    }

    /// `locationName`, `flattened`, `xmlAttribute`, `xmlNamespace` and
    /// `queryName` land in the IR's `xml` fields on XML protocols (the JSON
    /// keys stay the member names), and nowhere on JSON protocols.
    #[test]
    fn xml_facts() {
        let model = load_str("ec2");
        let input = &model.shapes["In"];
        assert_eq!(input.xml.own.name.as_deref(), Some("InDoc"));
        assert_eq!(input.xml.own.namespace.as_ref().map(|n| n.uri.as_str()), Some("http://ns"));
        assert!(input.kind.members().iter().all(|m| m.json_name.is_none() && m.wire_name() == m.name));
        let m = |name: &str| &input.kind.members().iter().find(|m| m.name == name).unwrap().xml;
        assert_eq!((m("Items").name.as_deref(), m("Items").flattened), (Some("Item"), true));
        assert!(m("Kind").attribute);
        assert_eq!(m("Kind").namespace.as_ref().and_then(|n| n.prefix.as_deref()), Some("xsi"));
        assert_eq!((m("Id").name.as_deref(), m("Id").query_name.as_deref()), (Some("id"), Some("ID")));
        // Kept even when equal to the member name: ec2 capitalises a locationName.
        assert_eq!(m("Plain").name.as_deref(), Some("Plain"));
        let list = &model.shapes["L"].xml;
        // The shape's `flattened` moves to the members that target it (as Smithy records it).
        assert_eq!((list.own.flattened, list.member.name.as_deref()), (false, Some("item")));
        let map = &model.shapes["Mp"].xml;
        assert_eq!((map.key.name.as_deref(), map.value.name.as_deref()), (Some("k"), Some("v")));

        let json = load_str("json");
        assert!(json.shapes.values().all(|s| s.xml == ir::XmlShape::default()));
        assert!(json.shapes["In"].kind.members().iter().all(|m| m.xml == ir::XmlFacts::default()));
    }

    /// The mirror image of the Smithy front end's bindings model: an
    /// operation whose input and output declare every location, a nested
    /// structure with locations, an error, and a union with a `required` list.
    fn model(protocol: &str) -> String {
        format!(
            r#"{{"metadata": {{"apiVersion": "1", "protocol": "{protocol}", "jsonVersion": "1.1", "targetPrefix": "Svc"}},
            "operations": {{"Op": {{"http": {{"method": "PUT", "requestUri": "/things/{{id}}"}},
                "input": {{"shape": "In"}}, "output": {{"shape": "Out"}}, "errors": [{{"shape": "Oops"}}]}}}},
            "shapes": {{
              "S": {{"type": "string"}},
              "In": {{"type": "structure", "required": ["id"], "payload": "body", "members": {{
                "id": {{"shape": "S", "location": "uri", "locationName": "id"}},
                "q": {{"shape": "S", "location": "querystring", "locationName": "q"}},
                "h": {{"shape": "S", "location": "header", "locationName": "X-H"}},
                "named": {{"shape": "S", "locationName": "Named"}},
                "nested": {{"shape": "Nested"}},
                "body": {{"shape": "S"}}}}}},
              "Out": {{"type": "structure", "members": {{
                "position": {{"shape": "S", "location": "querystring", "locationName": "position"}},
                "h": {{"shape": "S", "location": "header", "locationName": "X-H"}},
                "status": {{"shape": "S", "location": "statusCode"}}}}}},
              "Nested": {{"type": "structure", "members": {{
                "h": {{"shape": "S", "location": "header", "locationName": "h"}}}}}},
              "Oops": {{"type": "structure", "exception": true, "members": {{
                "h": {{"shape": "S", "location": "header", "locationName": "X-Oops"}}}}}},
              "U": {{"type": "structure", "union": true, "required": ["a"], "members": {{"a": {{"shape": "S"}}}}}}
            }}}}"#
        )
    }

    fn binding(
        model: &ir::Model,
        shape: &str,
        name: &str,
    ) -> (Location, Option<String>, bool, Option<String>) {
        let m = model.shapes[shape]
            .kind
            .members()
            .iter()
            .find(|m| m.name == name)
            .unwrap();
        (
            m.location,
            m.location_name.clone(),
            m.payload,
            m.json_name.clone(),
        )
    }

    #[test]
    fn locations_are_ignored_on_rpc_protocols() {
        for protocol in ["json", "query", "ec2", "smithy-rpc-v2-cbor"] {
            let model = lower_text(protocol, &model(protocol));
            for (shape, name) in [
                ("In", "id"),
                ("In", "q"),
                ("In", "h"),
                ("In", "body"),
                ("Out", "position"),
                ("Out", "status"),
                ("Oops", "h"),
            ] {
                let (location, location_name, payload, _) = binding(&model, shape, name);
                assert_eq!(
                    (location, location_name, payload),
                    (Location::Body, None, false),
                    "{protocol} {shape}.{name}"
                );
            }
        }
    }

    #[test]
    fn locations_apply_by_role_on_rest_protocols() {
        for protocol in ["rest-json", "rest-xml"] {
            let model = lower_text(protocol, &model(protocol));
            let b = |shape: &str, name: &str| {
                let (location, location_name, payload, _) = binding(&model, shape, name);
                (location, location_name, payload)
            };
            let some = |s: &str| Some(s.to_string());
            assert_eq!(
                b("In", "id"),
                (Location::Uri, some("id"), false),
                "{protocol}"
            );
            assert_eq!(b("In", "q"), (Location::Querystring, some("q"), false));
            assert_eq!(b("In", "h"), (Location::Header, some("X-H"), false));
            assert_eq!(b("In", "body"), (Location::Body, None, true));
            // botocore's parsers read a querystring member of an output from the body.
            assert_eq!(b("Out", "position"), (Location::Body, None, false));
            assert_eq!(b("Out", "h"), (Location::Header, some("X-H"), false));
            assert_eq!(b("Out", "status"), (Location::StatusCode, None, false));
            assert_eq!(b("Oops", "h"), (Location::Header, some("X-Oops"), false));
            assert_eq!(b("Nested", "h").0, Location::Body);
        }
    }

    #[test]
    fn location_name_is_the_json_key_only_on_json_protocols() {
        for (protocol, key) in [
            ("rest-json", Some("Named")),
            ("json", Some("Named")),
            ("rest-xml", None),
            ("query", None),
            ("ec2", None),
        ] {
            let model = lower_text(protocol, &model(protocol));
            let (location, location_name, _, json_name) = binding(&model, "In", "named");
            assert_eq!(
                (location, location_name, json_name.as_deref()),
                (Location::Body, None, key),
                "{protocol}"
            );
        }
    }

    #[test]
    fn json_metadata_only_on_aws_json_and_union_members_never_required() {
        let json = lower_text("json-meta", &model("json"));
        assert_eq!(
            (
                json.service.json_version.as_deref(),
                json.service.target_prefix.as_deref()
            ),
            (Some("1.1"), Some("Svc"))
        );
        let rest = lower_text("rest-meta", &model("rest-json"));
        assert_eq!(
            (rest.service.json_version, rest.service.target_prefix),
            (None, None)
        );
        assert!(!rest.shapes["U"].kind.members()[0].required);
        assert!(rest.shapes["In"].kind.members().iter().any(|m| m.name == "id" && m.required));
    }
}

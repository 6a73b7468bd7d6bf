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
    let mut model = lower(service_path, service, raw)?;
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
struct RawRef {
    shape: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawShape {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    members: BTreeMap<String, RawMember>,
    /// Member order as written in the model (serde_json's map is sorted).
    #[serde(skip)]
    member_order: Vec<String>,
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
    host_label: bool,
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

fn lower(path: &Path, text: &str, raw: RawService) -> Result<ir::Model> {
    let meta = raw.metadata;
    let service = ir::Service {
        service_id: meta
            .service_id
            .clone()
            .or_else(|| meta.endpoint_prefix.clone())
            .unwrap_or_default(),
        full_name: meta.service_full_name.unwrap_or_default(),
        api_version: meta.api_version,
        protocol: protocol(path, &meta.protocol)?,
        signing_name: meta
            .signing_name
            .or_else(|| meta.endpoint_prefix.clone())
            .unwrap_or_default(),
        endpoint_prefix: meta.endpoint_prefix.unwrap_or_default(),
        target_prefix: meta.target_prefix,
        json_version: meta.json_version,
        documentation: raw.documentation,
    };

    let member_orders = member_orders(path, text)?;
    let mut shapes = BTreeMap::new();
    for (name, mut shape) in raw.shapes {
        if let Some(order) = member_orders.get(&name) {
            shape.member_order = order.clone();
        }
        let lowered = lower_shape(path, service.protocol, &name, shape)?;
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
        let operation = ir::Operation {
            name: name.clone(),
            input: op.input.map(|r| r.shape),
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

    let model = ir::Model {
        service,
        shapes,
        operations,
        paginators: BTreeMap::new(),
    };
    crate::validate::check(path, &model)?;
    Ok(model)
}

/// serde_json (without `preserve_order`) sorts object keys, but member order
/// matters to users (struct field order, constructor arguments). Re-read the
/// file with an order-preserving map just for member names.
fn member_orders(path: &Path, text: &str) -> Result<BTreeMap<String, Vec<String>>> {
    #[derive(Deserialize)]
    struct Shapes {
        shapes: indexmap::IndexMap<String, ShapeMembers>,
    }
    #[derive(Deserialize)]
    struct ShapeMembers {
        #[serde(default)]
        members: Option<indexmap::IndexMap<String, serde::de::IgnoredAny>>,
    }
    let shapes: Shapes = serde_json::from_str(text).map_err(|source| Error::Json {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(shapes
        .shapes
        .into_iter()
        .map(|(name, s)| (name, s.members.map(|m| m.into_keys().collect()).unwrap_or_default()))
        .collect())
}

fn lower_shape(path: &Path, protocol: ir::Protocol, name: &str, raw: RawShape) -> Result<ir::Shape> {
    let at = format!("shapes.{name}");
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
            let mut members_by_name = raw.members;
            let mut members = Vec::with_capacity(members_by_name.len());
            for member_name in &raw.member_order {
                let Some(m) = members_by_name.remove(member_name) else {
                    continue;
                };
                let member_at = format!("{at}.members.{member_name}");
                let location = match m.location.as_deref() {
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
                // In a JSON body, `locationName` is the member's key; in XML
                // and query protocols it is an element name, not a JSON key
                // (the generated serde is JSON), so it is kept aside.
                let (json_name, location_name) = match location {
                    Location::Body if protocol.is_json() => {
                        (m.location_name.filter(|n| n != member_name), None)
                    }
                    _ => (None, m.location_name),
                };
                members.push(ir::Member {
                    name: member_name.clone(),
                    json_name,
                    target: m.shape,
                    required: raw.required.contains(member_name),
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
                    payload: raw.payload.as_deref() == Some(member_name.as_str()),
                    json_value: m.jsonvalue,
                    host_label: m.host_label,
                });
            }
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

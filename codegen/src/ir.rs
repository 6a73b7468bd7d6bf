//! The intermediate representation: the only thing the emitter reads.
//!
//! Every front end (botocore JSON, Smithy JSON AST) lowers its input into a
//! [`Model`]. Shapes are keyed by their model name in a `BTreeMap`, so every
//! iteration that reaches the output is in a deterministic order, and members
//! refer to their target shapes by name (never by nesting), so forward and
//! recursive references resolve naturally.

use std::collections::BTreeMap;

/// A whole service model, front-end independent.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub service: Service,
    /// All named shapes, by model name (botocore shape name; Smithy shape name
    /// without its namespace). Scalars are kept too: members point at them.
    pub shapes: BTreeMap<String, Shape>,
    /// Operations by name.
    pub operations: BTreeMap<String, Operation>,
    /// Paginators by operation name.
    pub paginators: BTreeMap<String, Paginator>,
}

/// Service-level metadata.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Service {
    /// `serviceId` (e.g. `Bedrock`).
    pub service_id: String,
    /// Full human name (e.g. `Amazon Bedrock`).
    pub full_name: String,
    /// `apiVersion` (e.g. `2023-04-20`).
    pub api_version: String,
    pub protocol: Protocol,
    /// `endpointPrefix` (e.g. `bedrock`).
    pub endpoint_prefix: String,
    /// SigV4 signing name.
    pub signing_name: String,
    /// `targetPrefix` for awsJson protocols.
    pub target_prefix: Option<String>,
    /// `jsonVersion` for awsJson protocols.
    pub json_version: Option<String>,
    /// Service documentation (HTML as found in the model).
    pub documentation: Option<String>,
}

/// Wire protocol of the service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, PartialOrd, Ord)]
pub enum Protocol {
    #[default]
    RestJson,
    Json,
    RestXml,
    Query,
    Ec2,
    Smithy,
}

impl Protocol {
    /// Default timestamp format of members in a body for this protocol.
    pub fn default_body_timestamp_format(self) -> TimestampFormat {
        match self {
            Protocol::Json | Protocol::RestJson => TimestampFormat::EpochSeconds,
            Protocol::RestXml | Protocol::Query | Protocol::Ec2 | Protocol::Smithy => {
                TimestampFormat::DateTime
            }
        }
    }

    /// Whether the protocol's body is JSON (the only body form the
    /// generated serde implementations target).
    pub fn is_json(self) -> bool {
        matches!(self, Protocol::Json | Protocol::RestJson)
    }
}

/// A named shape.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    pub name: String,
    pub kind: ShapeKind,
    /// HTML documentation from the model.
    pub documentation: Option<String>,
    /// `sensitive` trait: values of this shape are redacted in `Debug`.
    pub sensitive: bool,
    pub deprecated: Option<Deprecation>,
    /// Set on exception (error) structures.
    pub error: Option<ErrorInfo>,
}

/// The kind of a shape, with its kind-specific data.
#[derive(Debug, Clone, PartialEq)]
pub enum ShapeKind {
    Boolean,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    BigInteger,
    BigDecimal,
    String,
    /// A string with a closed set of known values.
    Enum(Vec<EnumValue>),
    /// An integer with a closed set of known values (Smithy `intEnum`).
    IntEnum(Vec<IntEnumValue>),
    Timestamp {
        /// Format set on the shape; members may override it.
        format: Option<TimestampFormat>,
    },
    Blob {
        streaming: bool,
    },
    Document,
    List {
        member: ListMember,
    },
    Map {
        key: String,
        value: String,
    },
    Structure {
        members: Vec<Member>,
    },
    Union {
        members: Vec<Member>,
    },
}

impl ShapeKind {
    /// The simple (scalar, data-free) kind with this type name, as both
    /// botocore and Smithy spell it (`integer`, `bigDecimal`, …).
    pub fn simple(type_name: &str) -> Option<ShapeKind> {
        Some(match type_name {
            "boolean" => ShapeKind::Boolean,
            "byte" => ShapeKind::Byte,
            "short" => ShapeKind::Short,
            "integer" => ShapeKind::Integer,
            "long" => ShapeKind::Long,
            "float" => ShapeKind::Float,
            "double" => ShapeKind::Double,
            "bigInteger" => ShapeKind::BigInteger,
            "bigDecimal" => ShapeKind::BigDecimal,
            _ => return None,
        })
    }

    /// A short name of the kind, for error messages.
    pub fn kind_name(&self) -> &'static str {
        match self {
            ShapeKind::Boolean => "boolean",
            ShapeKind::Byte => "byte",
            ShapeKind::Short => "short",
            ShapeKind::Integer => "integer",
            ShapeKind::Long => "long",
            ShapeKind::Float => "float",
            ShapeKind::Double => "double",
            ShapeKind::BigInteger => "bigInteger",
            ShapeKind::BigDecimal => "bigDecimal",
            ShapeKind::String => "string",
            ShapeKind::Enum(_) => "enum",
            ShapeKind::IntEnum(_) => "intEnum",
            ShapeKind::Timestamp { .. } => "timestamp",
            ShapeKind::Blob { .. } => "blob",
            ShapeKind::Document => "document",
            ShapeKind::List { .. } => "list",
            ShapeKind::Map { .. } => "map",
            ShapeKind::Structure { .. } => "structure",
            ShapeKind::Union { .. } => "union",
        }
    }

    /// Members of a structure or union; empty for other kinds.
    pub fn members(&self) -> &[Member] {
        match self {
            ShapeKind::Structure { members } | ShapeKind::Union { members } => members,
            _ => &[],
        }
    }
}

/// One value of a string enum.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    /// The value on the wire.
    pub value: String,
    pub documentation: Option<String>,
}

/// One value of an int enum.
#[derive(Debug, Clone, PartialEq)]
pub struct IntEnumValue {
    /// The member name in the model.
    pub name: String,
    pub value: i64,
    pub documentation: Option<String>,
}

/// The member of a list shape.
#[derive(Debug, Clone, PartialEq)]
pub struct ListMember {
    pub target: String,
    /// Timestamp format set on the list member, if any.
    pub timestamp_format: Option<TimestampFormat>,
    /// Whether `null` entries are allowed (Smithy `@sparse`).
    pub sparse: bool,
}

/// A member of a structure or union.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// Member name in the model.
    pub name: String,
    /// Name used on the wire in a JSON body (`locationName` / `jsonName`), if
    /// it differs from `name`.
    pub json_name: Option<String>,
    /// Target shape name.
    pub target: String,
    pub required: bool,
    pub documentation: Option<String>,
    /// HTTP binding of the member when its structure is an operation input or
    /// output.
    pub location: Location,
    /// Header, query or label name for non-body locations.
    pub location_name: Option<String>,
    /// Timestamp format set on the member itself.
    pub timestamp_format: Option<TimestampFormat>,
    pub idempotency_token: bool,
    pub deprecated: Option<Deprecation>,
    /// `sensitive` set on the member reference (botocore sometimes does this).
    pub sensitive: bool,
    /// The member is the HTTP payload of its structure.
    pub payload: bool,
    /// The member is sent as a JSON-encoded string in a header (`jsonvalue`).
    pub json_value: bool,
    /// The member fills a `{label}` of its operation's host prefix
    /// (botocore `hostLabel`, Smithy `@hostLabel`).
    pub host_label: bool,
}

impl Member {
    /// The key of this member in a JSON body.
    pub fn wire_name(&self) -> &str {
        self.json_name.as_deref().unwrap_or(&self.name)
    }
}

/// Where an operation input/output member travels in an HTTP message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, PartialOrd, Ord)]
pub enum Location {
    #[default]
    Body,
    /// A URI path label.
    Uri,
    /// A query string parameter.
    Querystring,
    /// An HTTP header.
    Header,
    /// A map of headers sharing a prefix.
    Headers,
    /// The HTTP status code of a response.
    StatusCode,
}

/// Timestamp wire formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TimestampFormat {
    /// RFC 3339 / ISO 8601 (`iso8601` in botocore, `date-time` in Smithy).
    DateTime,
    /// Seconds since the epoch, fractions allowed (`unixTimestamp`, `epoch-seconds`).
    EpochSeconds,
    /// RFC 7231 IMF-fixdate (`rfc822`, `http-date`).
    HttpDate,
}

/// Deprecation data.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Deprecation {
    pub message: Option<String>,
    pub since: Option<String>,
}

/// Error (exception) metadata of a structure.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorInfo {
    /// Error code on the wire (usually the shape name; botocore's `error.code`).
    pub code: String,
    pub http_status: Option<u16>,
    /// `true` for client faults, `false` for server faults.
    pub sender_fault: bool,
}

/// An operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    pub name: String,
    pub input: Option<String>,
    pub output: Option<String>,
    /// Error shape names, sorted and unique: botocore keeps the IDL's order
    /// and the Smithy JSON AST sorts by shape id, so neither order carries
    /// meaning, and sorting makes the output independent of the front end.
    pub errors: Vec<String>,
    pub http: HttpTrait,
    /// Prepended to the endpoint's host name (botocore `endpoint.hostPrefix`,
    /// Smithy `@endpoint(hostPrefix)`), e.g. `{graphIdentifier}.`, with
    /// `{label}`s filled from the input's host-label members.
    pub host_prefix: Option<String>,
    pub documentation: Option<String>,
    pub deprecated: Option<Deprecation>,
}

/// HTTP binding of an operation.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpTrait {
    pub method: String,
    /// Request URI template, e.g. `/model-invocation-job/{jobIdentifier}`.
    pub request_uri: String,
    /// Success status code.
    pub response_code: u16,
}

/// A paginator, as in botocore's `paginators-1.json` (Smithy `@paginated`
/// is lowered to the same form).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paginator {
    /// Operation name.
    pub operation: String,
    /// Request member(s) that carry the token.
    pub input_token: Vec<String>,
    /// Expressions locating the next token(s) in the response; same length as
    /// `input_token`.
    pub output_token: Vec<String>,
    /// Request member that receives the page size.
    pub limit_key: Option<String>,
    /// Expressions locating the items; the first is the primary key.
    pub result_key: Vec<String>,
    /// Expression of a boolean member that says whether more pages follow.
    pub more_results: Option<String>,
    /// Members kept from the first page only in the full result.
    pub non_aggregate_keys: Vec<String>,
}

impl Model {
    /// Looks a shape up by name.
    pub fn shape(&self, name: &str) -> Option<&Shape> {
        self.shapes.get(name)
    }
}

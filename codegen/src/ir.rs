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
    /// `awsQueryCompatible`: a former awsQuery service (e.g. SQS) whose
    /// errors carry their query code in `x-amzn-query-error`.
    pub query_compatible: bool,
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
    /// generated serde implementations target). Only on these protocols does
    /// a member's JSON key come from the model (`jsonName` / `locationName`);
    /// elsewhere the serde form uses member names, and XML names belong to
    /// the XML codec.
    pub fn is_json(self) -> bool {
        matches!(self, Protocol::Json | Protocol::RestJson)
    }

    /// Whether the protocol's bodies (or responses) are XML: restXml,
    /// awsQuery and ec2Query, whose codecs read the IR's XML facts.
    pub fn is_xml(self) -> bool {
        matches!(self, Protocol::RestXml | Protocol::Query | Protocol::Ec2)
    }

    /// Whether members can be bound to parts of the HTTP message (URI,
    /// query string, headers, status code, payload). Only the REST
    /// protocols do this: on awsJson, awsQuery, ec2Query and rpcv2Cbor every
    /// member is in the body, whatever binding the model declares (Smithy's
    /// protocol specifications; botocore's serializers for these protocols
    /// never look at `location`).
    pub fn has_http_bindings(self) -> bool {
        matches!(self, Protocol::RestJson | Protocol::RestXml)
    }

    /// Whether error codes are the `awsQueryError` codes (awsQuery and
    /// ec2Query) rather than the error shape's name.
    pub fn uses_query_error_codes(self) -> bool {
        matches!(self, Protocol::Query | Protocol::Ec2)
    }

    /// The location a member really has, given the location its model
    /// declares and the role of its structure: the one rule both front ends
    /// apply. A binding only counts where the protocol and the role give it a
    /// meaning, as Smithy's HTTP binding specification says and botocore's
    /// serializers and parsers do:
    ///
    /// - on protocols without HTTP bindings, nothing ([`has_http_bindings`](Self::has_http_bindings));
    /// - URI labels and query parameters only in operation inputs (botocore's
    ///   parsers read such members of an output from the body);
    /// - headers in inputs, outputs and errors;
    /// - the status code only in outputs and errors;
    /// - nothing in a structure that is only ever nested.
    pub fn effective_location(self, role: Role, declared: Location) -> Location {
        if !self.has_http_bindings() {
            return Location::Body;
        }
        let applies = match declared {
            Location::Body => true,
            Location::Uri | Location::Querystring => role.input,
            Location::Header | Location::Headers => role.input || role.output,
            Location::StatusCode => role.output,
        };
        if applies {
            declared
        } else {
            Location::Body
        }
    }

    /// Whether a member declared as the HTTP payload is one, by the same rule
    /// as [`effective_location`](Self::effective_location).
    pub fn binds_payload(self, role: Role) -> bool {
        self.has_http_bindings() && (role.input || role.output)
    }
}

/// What a structure is to the operations of its service, which decides
/// whether the HTTP bindings of its members apply (see
/// [`Protocol::effective_location`]). A structure can be both an input and an
/// output; errors count as outputs; nested-only structures are neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Role {
    /// The structure is some operation's input.
    pub input: bool,
    /// The structure is some operation's output, or an error.
    pub output: bool,
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
    /// XML facts of the shape and of its list member or map key and value
    /// (XML and query protocols only; empty for JSON protocols).
    pub xml: XmlShape,
}

/// XML facts of a shape: read by the XML and query codecs only, never by
/// the types' serde (whose JSON keys are the member names).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct XmlShape {
    /// On the shape itself: botocore's shape-level `locationName`,
    /// `flattened` and `xmlNamespace` (Smithy: `@xmlName`, `@xmlNamespace`).
    pub own: XmlFacts,
    /// The member of a list shape (`member.locationName`; Smithy `@xmlName` on `member`).
    pub member: XmlFacts,
    /// The key of a map shape.
    pub key: XmlFacts,
    /// The value of a map shape.
    pub value: XmlFacts,
}

/// XML and query serialization facts of a member (or of a shape).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct XmlFacts {
    /// Element or attribute name when it differs from the member name
    /// (botocore `locationName` in an XML body or query string; Smithy `@xmlName`).
    pub name: Option<String>,
    /// Serialized as an attribute of the enclosing element (`xmlAttribute`, `@xmlAttribute`).
    pub attribute: bool,
    /// A list or map without its wrapping element (`flattened`, `@xmlFlattened`).
    pub flattened: bool,
    /// `xmlNamespace` / `@xmlNamespace`.
    pub namespace: Option<XmlNamespace>,
    /// ec2's query key (botocore `queryName`, Smithy `@ec2QueryName`).
    pub query_name: Option<String>,
}

/// An XML namespace declaration: `xmlns[:prefix]="uri"`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct XmlNamespace {
    pub prefix: Option<String>,
    pub uri: String,
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

    /// [`members`](Self::members), mutable.
    pub fn members_mut(&mut self) -> &mut [Member] {
        match self {
            ShapeKind::Structure { members } | ShapeKind::Union { members } => members,
            _ => &mut [],
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
    /// Header, query or label name for non-body locations (`None` for body
    /// members).
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
    /// XML and query facts (XML and query protocols only).
    pub xml: XmlFacts,
}

/// Puts the members of a structure or union in the crate's order: by model
/// name (byte order). The two sources order some members differently (e.g.
/// botocore puts api-gateway's `position` before `items`, Smithy after), and
/// a generated crate must not change when a team switches its source; the
/// order shows in field order, `new(…)` arguments, `Debug` and the order of
/// keys in a serialized body. Both front ends call this.
pub fn sort_members(members: &mut [Member]) {
    members.sort_by(|a, b| a.name.cmp(&b.name));
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
    /// The request checksum the operation takes (botocore `httpChecksum` /
    /// `httpChecksumRequired`, Smithy `@aws.protocols#httpChecksum` /
    /// `@httpChecksumRequired`), if any.
    pub request_checksum: Option<RequestChecksum>,
    /// Response checksum validation (`httpChecksum.requestValidationModeMember`
    /// and `responseAlgorithms`), if the operation offers it.
    pub response_checksum: Option<ResponseChecksum>,
    pub documentation: Option<String>,
    pub deprecated: Option<Deprecation>,
}

/// An operation's response checksums (S3's GetObject).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseChecksum {
    /// The input member that asks for checksums (`ChecksumMode`).
    pub mode_member: String,
    /// The algorithms the response may carry, as the model lists them.
    pub algorithms: Vec<String>,
}

/// An operation's request checksum (S3's flexible checksums).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestChecksum {
    /// A checksum must be sent (`requestChecksumRequired`,
    /// `httpChecksumRequired`).
    pub required: bool,
    /// The input member that names the algorithm (`requestAlgorithmMember`).
    pub algorithm_member: Option<String>,
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
    /// Where the paginator was defined (the generated docs say so).
    pub source: PaginatorSource,
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

/// Where a paginator comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PaginatorSource {
    /// botocore's `paginators-1.json`.
    #[default]
    PaginatorsJson,
    /// The Smithy `@paginated` trait (merged with the service's).
    SmithyPaginated,
}

impl PaginatorSource {
    /// How the generated docs name the source.
    pub fn describe(self) -> &'static str {
        match self {
            PaginatorSource::PaginatorsJson => "`paginators-1.json`",
            PaginatorSource::SmithyPaginated => "Smithy `@paginated`",
        }
    }
}

impl Model {
    /// Looks a shape up by name.
    pub fn shape(&self, name: &str) -> Option<&Shape> {
        self.shapes.get(name)
    }
}

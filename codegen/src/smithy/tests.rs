//! Unit tests of the Smithy front end, on the hand-written fixtures in
//! `tests/fixtures/smithy/` and on small inline models.

use std::path::{Path, PathBuf};

use serde_json::json;

use super::*;
use crate::ir::{Deprecation, EnumValue, ErrorInfo, HttpTrait, IntEnumValue, ListMember, Member, Paginator, Shape};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/smithy").join(name)
}

fn load_fixture(name: &str) -> ir::Model {
    load(&fixture(name)).unwrap_or_else(|e| panic!("{e}"))
}

fn shape<'m>(model: &'m ir::Model, name: &str) -> &'m Shape {
    model.shapes.get(name).unwrap_or_else(|| panic!("no shape `{name}`"))
}

fn member<'m>(model: &'m ir::Model, shape_name: &str, member: &str) -> &'m Member {
    shape(model, shape_name)
        .kind
        .members()
        .iter()
        .find(|m| m.name == member)
        .unwrap_or_else(|| panic!("no member `{shape_name}.{member}`"))
}

fn member_names(model: &ir::Model, shape_name: &str) -> Vec<String> {
    shape(model, shape_name).kind.members().iter().map(|m| m.name.clone()).collect()
}

/// A body member with everything else at its default.
fn body(name: &str, target: &str) -> Member {
    Member {
        name: name.into(),
        json_name: None,
        target: target.into(),
        required: false,
        documentation: None,
        location: Location::Body,
        location_name: None,
        timestamp_format: None,
        idempotency_token: false,
        deprecated: None,
        sensitive: false,
        payload: false,
        json_value: false,
        xml: Default::default(),
        host_label: false,
    }
}

fn plain_shape(name: &str, kind: ShapeKind) -> Shape {
    Shape {
        name: name.into(),
        kind,
        documentation: None,
        sensitive: false,
        deprecated: None,
        error: None,
        xml: Default::default(),
    }
}

fn html(s: &str) -> Option<String> {
    Some(s.to_string())
}

// ---------------------------------------------------------------------------
// shapes.json
// ---------------------------------------------------------------------------

#[test]
fn service_metadata_from_traits() {
    let model = load_fixture("shapes.json");
    assert_eq!(
        model.service,
        ir::Service {
            service_id: "Shapes".into(),
            full_name: "Example Shapes Service".into(),
            api_version: "2024-01-01".into(),
            protocol: ir::Protocol::RestJson,
            // No endpointPrefix: it defaults to arnNamespace.
            endpoint_prefix: "shapes".into(),
            signing_name: "shapes-signing".into(),
            target_prefix: None,
            json_version: None,
            query_compatible: false,
            // Plain-text documentation becomes an HTML paragraph, as in botocore.
            documentation: html("<p>A service exercising every shape construct.</p>"),
        }
    );
}

#[test]
fn only_shapes_reachable_from_the_service_are_kept() {
    let model = load_fixture("shapes.json");
    let names: Vec<&str> = model.shapes.keys().map(String::as_str).collect();
    let mut expected = vec![
        "AttributeMap", "AttributeMapKeyString", "AttributeValue", "BadThing", "BigDecimal", "BigInteger",
        "Broken", "Byte", "Choice", "Color", "Data", "DateTime", "Document", "Double", "EpochList",
        "EpochTime", "Float", "Integer", "Level", "Long", "Metadata", "NameList", "NameListMemberString",
        "OldShape", "PrimitiveBoolean", "PutThingsInput", "PutThingsInputCountInteger", "PutThingsOutput",
        "Secret", "Short", "SparseNames", "String", "TagSet", "Timestamp", "TreeNode", "TreeNodeList", "Unit",
    ];
    expected.sort_unstable();
    assert_eq!(names, expected);
    // Mixins, unreferenced shapes and the shapes only constrained copies refer to are not kept.
    for absent in ["CommonFields", "ErrorMixin", "Unreferenced", "Boolean"] {
        assert!(!model.shapes.contains_key(absent), "{absent}");
    }
}

#[test]
fn mixin_members_are_merged_and_local_redeclarations_merge() {
    let model = load_fixture("shapes.json");
    let names = member_names(&model, "PutThingsInput");
    // The mixin's members are there; every structure's members are in the
    // crate's order, by name (ir::sort_members), whatever the model's order.
    for name in ["id", "note", "text", "flag"] {
        assert!(names.contains(&name.to_string()), "{name}");
    }
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    assert_eq!(names.len(), 30);
    let id = member(&model, "PutThingsInput", "id");
    assert_eq!(id.documentation, html("<p>From the mixin.</p>"));
    assert!(!id.required);
    // `note` keeps the mixin's documentation, and gets `@required` locally.
    let note = member(&model, "PutThingsInput", "note");
    assert!(note.required);
    assert_eq!(note.documentation, html("<p>A note, made required by the structure using the mixin.</p>"));
    // The mixin's documentation is one of its localTraits: not inherited.
    assert_eq!(shape(&model, "PutThingsInput").documentation, None);
}

#[test]
fn mixin_traits_are_inherited() {
    let model = load_fixture("shapes.json");
    let bad = shape(&model, "BadThing");
    assert_eq!(
        bad.error,
        Some(ErrorInfo {
            code: "BadThing".into(),
            http_status: Some(400),
            sender_fault: true,
        })
    );
    assert_eq!(member_names(&model, "BadThing"), ["message", "reason"]);
    assert_eq!(bad.documentation, html("<p>The error trait comes from the mixin.</p>"));
}

#[test]
fn apply_adds_traits_to_a_member() {
    let model = load_fixture("shapes.json");
    assert_eq!(
        member(&model, "PutThingsInput", "size").documentation,
        html("<p>Documentation applied with <code>apply</code>.</p>")
    );
}

#[test]
fn prelude_targets_keep_their_names() {
    let model = load_fixture("shapes.json");
    for (member_name, target, kind) in [
        ("text", "String", ShapeKind::String),
        ("flag", "PrimitiveBoolean", ShapeKind::Boolean),
        ("size", "Long", ShapeKind::Long),
        ("tiny", "Byte", ShapeKind::Byte),
        ("small", "Short", ShapeKind::Short),
        ("ratio", "Float", ShapeKind::Float),
        ("precise", "Double", ShapeKind::Double),
        ("huge", "BigInteger", ShapeKind::BigInteger),
        ("exact", "BigDecimal", ShapeKind::BigDecimal),
        ("anything", "Document", ShapeKind::Document),
        ("plain", "Timestamp", ShapeKind::Timestamp { format: None }),
    ] {
        assert_eq!(member(&model, "PutThingsInput", member_name).target, target);
        assert_eq!(shape(&model, target), &plain_shape(target, kind));
    }
}

#[test]
fn required_is_exactly_the_required_trait() {
    let model = load_fixture("shapes.json");
    assert!(member(&model, "PutThingsInput", "text").required);
    // `@default` without `@required` stays optional, as in botocore.
    assert!(!member(&model, "PutThingsInput", "flag").required);
}

#[test]
fn json_name_deprecated_and_sensitive() {
    let model = load_fixture("shapes.json");
    let text = member(&model, "PutThingsInput", "text");
    assert_eq!(text.json_name.as_deref(), Some("Text"));
    assert_eq!(text.wire_name(), "Text");
    assert_eq!(
        member(&model, "PutThingsInput", "oldField").deprecated,
        Some(Deprecation {
            message: Some("Use text.".into()),
            since: Some("2023-01-01".into()),
        })
    );
    assert_eq!(
        shape(&model, "OldShape").deprecated,
        Some(Deprecation {
            message: Some("Nothing uses this any more.".into()),
            since: None,
        })
    );
    assert!(shape(&model, "Secret").sensitive);
    assert!(shape(&model, "AttributeValue").sensitive);
    assert!(!shape(&model, "String").sensitive);
}

#[test]
fn enum_values_use_enum_value_or_the_member_name() {
    let model = load_fixture("shapes.json");
    let color = shape(&model, "Color");
    assert_eq!(color.documentation, html("<p>A color.</p>"));
    assert_eq!(
        color.kind,
        ShapeKind::Enum(vec![
            EnumValue {
                value: "red".into(),
                documentation: html("<p>The color of fire.</p>"),
            },
            EnumValue {
                value: "GREEN".into(),
                documentation: None,
            },
            EnumValue {
                value: "dark-blue".into(),
                documentation: None,
            },
        ])
    );
}

#[test]
fn int_enum() {
    let model = load_fixture("shapes.json");
    assert_eq!(
        shape(&model, "Level").kind,
        ShapeKind::IntEnum(vec![
            IntEnumValue {
                name: "LOW".into(),
                value: 1,
                documentation: None,
            },
            IntEnumValue {
                name: "HIGH".into(),
                value: 10,
                documentation: html("<p>Very high.</p>"),
            },
        ])
    );
}

#[test]
fn union_with_a_unit_member() {
    let model = load_fixture("shapes.json");
    let ShapeKind::Union { members } = &shape(&model, "Choice").kind else { panic!("not a union") };
    let mut nothing = body("nothing", "Unit");
    nothing.documentation = html("<p>No value: a Unit member.</p>");
    assert_eq!(
        members,
        // In the crate's order, by name (ir::sort_members).
        &vec![body("count", "Integer"), body("node", "TreeNode"), nothing, body("text", "String")]
    );
    // botocore's `Unit`: an empty structure.
    assert_eq!(shape(&model, "Unit"), &plain_shape("Unit", ShapeKind::Structure { members: vec![] }));
}

#[test]
fn set_list_and_map() {
    let model = load_fixture("shapes.json");
    assert_eq!(
        shape(&model, "TagSet").kind,
        ShapeKind::List {
            member: ListMember {
                target: "String".into(),
                timestamp_format: None,
                sparse: false,
            }
        }
    );
    assert_eq!(
        shape(&model, "SparseNames").kind,
        ShapeKind::List {
            member: ListMember {
                target: "String".into(),
                timestamp_format: None,
                sparse: true,
            }
        }
    );
    assert_eq!(
        shape(&model, "AttributeMap").kind,
        ShapeKind::Map {
            key: "AttributeMapKeyString".into(),
            value: "AttributeValue".into(),
        }
    );
}

#[test]
fn constrained_members_target_named_copies() {
    let model = load_fixture("shapes.json");
    assert_eq!(member(&model, "PutThingsInput", "count").target, "PutThingsInputCountInteger");
    assert_eq!(
        shape(&model, "PutThingsInputCountInteger"),
        &plain_shape("PutThingsInputCountInteger", ShapeKind::Integer)
    );
    assert_eq!(shape(&model, "AttributeMapKeyString").kind, ShapeKind::String);
    let ShapeKind::List { member } = &shape(&model, "NameList").kind else { panic!("not a list") };
    assert_eq!(member.target, "NameListMemberString");
}

#[test]
fn document_and_blob() {
    let model = load_fixture("shapes.json");
    let metadata = shape(&model, "Metadata");
    assert_eq!(metadata.kind, ShapeKind::Document);
    assert_eq!(metadata.documentation, html("<p>Free-form metadata.</p>"));
    let data = shape(&model, "Data");
    assert_eq!(data.kind, ShapeKind::Blob { streaming: false });
    assert_eq!(data.documentation, html("<p>Raw bytes.</p>"));
}

#[test]
fn timestamps_in_each_format() {
    let model = load_fixture("shapes.json");
    assert_eq!(
        shape(&model, "DateTime").kind,
        ShapeKind::Timestamp {
            format: Some(TimestampFormat::DateTime)
        }
    );
    assert_eq!(
        shape(&model, "EpochTime").kind,
        ShapeKind::Timestamp {
            format: Some(TimestampFormat::EpochSeconds)
        }
    );
    assert_eq!(
        member(&model, "PutThingsInput", "expires").timestamp_format,
        Some(TimestampFormat::HttpDate)
    );
    assert_eq!(member(&model, "PutThingsInput", "plain").timestamp_format, None);
    let ShapeKind::List { member } = &shape(&model, "EpochList").kind else { panic!("not a list") };
    assert_eq!(member.target, "Timestamp");
    assert_eq!(member.timestamp_format, Some(TimestampFormat::EpochSeconds));
}

#[test]
fn recursion() {
    let model = load_fixture("shapes.json");
    assert_eq!(member(&model, "TreeNode", "parent").target, "TreeNode");
    assert_eq!(member(&model, "TreeNode", "choice").target, "Choice");
    assert_eq!(member(&model, "Choice", "node").target, "TreeNode");
    // The emitter handles it (boxing the cycle).
    crate::emit::generate(
        &model,
        &crate::emit::Options::new("x", "x"),
    )
    .unwrap();
}

#[test]
fn errors_and_service_errors() {
    let model = load_fixture("shapes.json");
    assert_eq!(
        shape(&model, "Broken").error,
        // restJson1: the awsQueryError code and status are not used.
        Some(ErrorInfo {
            code: "Broken".into(),
            http_status: Some(503),
            sender_fault: false,
        })
    );
    let op = &model.operations["PutThings"];
    assert_eq!(
        op,
        &ir::Operation {
            name: "PutThings".into(),
            input: Some("PutThingsInput".into()),
            output: Some("PutThingsOutput".into()),
            errors: vec!["BadThing".into(), "Broken".into()],
            http: HttpTrait {
                method: "PUT".into(),
                request_uri: "/things".into(),
                response_code: 201,
            },
            host_prefix: None,
            request_checksum: None,
            response_checksum: None,
            documentation: html("<p>Puts things.</p>"),
            deprecated: None,
        }
    );
    assert!(model.paginators.is_empty());
}

// ---------------------------------------------------------------------------
// weather.json
// ---------------------------------------------------------------------------

#[test]
fn operations_bound_through_resources() {
    let model = load_fixture("weather.json");
    let names: Vec<&str> = model.operations.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "CreateCity", "DeleteCity", "GetCity", "GetCityImage", "GetCurrentTime", "GetForecast",
            "ListCities", "ListForecastDays", "PutCity", "SearchCities", "UpdateCity",
        ]
    );
    assert_eq!(
        model.service,
        ir::Service {
            service_id: "Weather".into(),
            full_name: String::new(),
            api_version: "2006-03-01".into(),
            protocol: ir::Protocol::RestJson,
            endpoint_prefix: "weather-ep".into(),
            // No aws.auth#sigv4: the endpoint prefix, as botocore's front end does.
            signing_name: "weather-ep".into(),
            target_prefix: None,
            json_version: None,
            query_compatible: false,
            documentation: html("<p>Provides weather forecasts.</p>"),
        }
    );
}

#[test]
fn unit_and_absent_input_output_are_none() {
    let model = load_fixture("weather.json");
    let ops = &model.operations;
    assert_eq!(ops["GetCurrentTime"].input, None);
    assert_eq!(ops["GetCurrentTime"].output.as_deref(), Some("GetCurrentTimeOutput"));
    assert_eq!(ops["PutCity"].output, None);
    assert_eq!(ops["DeleteCity"].output, None);
    assert!(!model.shapes.contains_key("Unit"));
    assert_eq!(
        ops["DeleteCity"].http,
        HttpTrait {
            method: "DELETE".into(),
            request_uri: "/cities/{cityId}".into(),
            response_code: 204,
        }
    );
    assert_eq!(ops["GetCurrentTime"].http.response_code, 200);
    assert_eq!(
        ops["UpdateCity"].deprecated,
        Some(Deprecation {
            message: Some("Use PutCity.".into()),
            since: None,
        })
    );
}

#[test]
fn service_errors_follow_operation_errors() {
    let model = load_fixture("weather.json");
    assert_eq!(model.operations["GetCity"].errors, ["NoSuchResource", "ServiceError"]);
    assert_eq!(model.operations["ListCities"].errors, ["ServiceError"]);
    assert_eq!(
        shape(&model, "NoSuchResource").error,
        Some(ErrorInfo {
            code: "NoSuchResource".into(),
            http_status: Some(404),
            sender_fault: true,
        })
    );
    assert_eq!(
        shape(&model, "ServiceError").error,
        Some(ErrorInfo {
            code: "ServiceError".into(),
            http_status: Some(500),
            sender_fault: false,
        })
    );
}

#[test]
fn http_bindings_of_every_kind() {
    let model = load_fixture("weather.json");
    let check = |shape: &str, name: &str, location: Location, location_name: Option<&str>| {
        let m = member(&model, shape, name);
        assert_eq!((m.location, m.location_name.as_deref()), (location, location_name), "{shape}.{name}");
    };
    check("PutCityInput", "cityId", Location::Uri, Some("cityId"));
    check("GetCityInput", "units", Location::Querystring, Some("units"));
    check("GetCityImageInput", "format", Location::Querystring, Some("fmt"));
    check("CreateCityInput", "extra", Location::Querystring, None);
    check("CreateCityInput", "clientToken", Location::Header, Some("X-Client-Token"));
    check("PutCityInput", "meta", Location::Headers, Some("X-Meta-"));
    check("CreateCityOutput", "status", Location::StatusCode, None);
    check("CreateCityOutput", "location", Location::Header, Some("Location"));
    check("PutCityInput", "name", Location::Body, None);
    assert!(member(&model, "CreateCityInput", "clientToken").idempotency_token);

    let image = member(&model, "GetCityImageOutput", "image");
    assert!(image.payload && image.required);
    assert_eq!(image.location, Location::Body);
    assert!(!member(&model, "GetCityImageOutput", "contentType").payload);
    assert_eq!(shape(&model, "CityImageData").kind, ShapeKind::Blob { streaming: true });
    assert_eq!(
        member(&model, "UpdateCityInput", "displayName").json_name.as_deref(),
        Some("display_name")
    );
    // A constraint on the shape itself (not the member) needs no copy.
    assert_eq!(member(&model, "PutCityInput", "cityId").target, "CityId");
}

#[test]
fn paginated_merges_service_defaults() {
    let model = load_fixture("weather.json");
    let paginator = |op: &str, output: &str, limit: &str, items: &str| Paginator {
        operation: op.into(),
        // The generated docs name the source (`Smithy @paginated`).
        source: ir::PaginatorSource::SmithyPaginated,
        input_token: vec!["nextToken".into()],
        output_token: vec![output.into()],
        limit_key: Some(limit.into()),
        result_key: vec![items.into()],
        more_results: None,
        non_aggregate_keys: vec![],
    };
    let expected: BTreeMap<String, Paginator> = [
        paginator("ListCities", "nextToken", "pageSize", "items"),
        paginator("SearchCities", "nextToken", "limit", "results"),
        paginator("ListForecastDays", "page.next", "pageSize", "page.days"),
    ]
    .into_iter()
    .map(|p| (p.operation.clone(), p))
    .collect();
    assert_eq!(model.paginators, expected);
}

#[test]
fn load_model_detects_smithy_files() {
    let path = fixture("weather.json");
    assert!(is_smithy_file(&path));
    assert!(!is_smithy_file(&fixture("bad_malformed.json")));
    assert!(!is_smithy_file(&fixture("does-not-exist.json")));
    assert_eq!(crate::load_model(&path).unwrap(), load_fixture("weather.json"));
    assert!(is_smithy_ast(&json!({"smithy": "2.0", "shapes": {}})));
    assert!(!is_smithy_ast(&json!({"metadata": {}, "shapes": {}})));
    assert!(!is_smithy_ast(&json!({"smithy": "2.0"})));
}

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

fn fixture_error(name: &str) -> String {
    load(&fixture(name)).expect_err("the model is invalid").to_string()
}

#[test]
fn unknown_shape_type_names_the_shape() {
    let err = fixture_error("bad_unknown_type.json");
    assert!(err.contains("bad_unknown_type.json"), "{err}");
    assert!(err.contains("shapes.example.bad#Weird.type: unknown shape type `quaternion`"), "{err}");
}

#[test]
fn missing_target_names_the_member() {
    let err = fixture_error("bad_missing_target.json");
    assert!(
        err.contains("shapes.example.bad#DoItInput.members.thing: targets unknown shape `example.bad#Missing`"),
        "{err}"
    );
}

#[test]
fn malformed_json_names_the_file_and_position() {
    let err = load(&fixture("bad_malformed.json")).expect_err("malformed");
    assert!(matches!(err, Error::Json { .. }), "{err:?}");
    let err = err.to_string();
    assert!(err.contains("bad_malformed.json") && err.contains("malformed JSON") && err.contains("line"), "{err}");
    // Through load_model too (not detected as Smithy, so the botocore reader reports it).
    let err = crate::load_model(&fixture("bad_malformed.json")).expect_err("malformed").to_string();
    assert!(err.contains("bad_malformed.json") && err.contains("malformed JSON"), "{err}");
}

/// A small model: one restJson1 service (plus `service_traits`), one
/// operation `ex#Op` with input `ex#In`, and `shapes`.
fn inline_model(service_traits: Value, shapes: Value) -> Value {
    let mut traits = json!({"aws.protocols#restJson1": {}});
    traits.as_object_mut().unwrap().extend(service_traits.as_object().unwrap().clone());
    let mut all = json!({
        "ex#Svc": {
            "type": "service",
            "version": "1",
            "operations": [{"target": "ex#Op"}],
            "traits": traits,
        },
        "ex#Op": {"type": "operation", "input": {"target": "ex#In"}},
    });
    all.as_object_mut().unwrap().extend(shapes.as_object().unwrap().clone());
    json!({"smithy": "2.0", "shapes": all})
}

fn inline(model: &Value) -> Result<ir::Model> {
    load_str(Path::new("inline.json"), &model.to_string())
}

fn inline_err(model: &Value) -> String {
    inline(model).expect_err("the model is invalid").to_string()
}

fn with_input(members: Value) -> Value {
    inline_model(json!({}), json!({"ex#In": {"type": "structure", "members": members}}))
}

#[test]
fn malformed_structure_names_the_json_path() {
    let err = inline_err(&json!({"smithy": "2.0", "shapes": {"ex#A": {"type": "structure", "members": []}}}));
    assert!(err.contains("inline.json: shapes.ex#A.members:"), "{err}");
    let err = inline_err(&json!({"smithy": "2.0", "shapes": {"ex#A": {"type": "structure", "members": {"m": {}}}}}));
    assert!(err.contains("shapes.ex#A.members.m") && err.contains("target"), "{err}");
}

#[test]
fn model_level_errors() {
    let err = inline_err(&json!({"smithy": "3.0", "shapes": {}}));
    assert!(err.contains("smithy: unsupported Smithy IDL version `3.0`"), "{err}");
    let err = inline_err(&json!({"smithy": "2.0", "shapes": {}}));
    assert!(err.contains("no service shape"), "{err}");
    let err = inline_err(&json!({"smithy": "2.0", "shapes": {
        "ex#A": {"type": "service"}, "ex#B": {"type": "service"}}}));
    assert!(err.contains("`ex#A`") && err.contains("`ex#B`"), "{err}");
    let err = inline_err(&json!({"smithy": "2.0", "shapes": {"NoNamespace": {"type": "string"}}}));
    assert!(err.contains("shapes.NoNamespace: not an absolute shape id"), "{err}");
    let err = inline_err(&json!({"smithy": "2.0", "shapes": {"ex#S": {"type": "service", "version": "1"}}}));
    assert!(err.contains("shapes.ex#S.traits: the service has no supported protocol trait"), "{err}");
}

#[test]
fn name_conflicts_across_namespaces_name_both_shapes() {
    let model = inline_model(
        json!({}),
        json!({
            "ex#In": {"type": "structure", "members": {
                "a": {"target": "ex#Thing"},
                "b": {"target": "other#Thing"},
            }},
            "ex#Thing": {"type": "string"},
            "other#Thing": {"type": "integer"},
        }),
    );
    let err = inline_err(&model);
    assert!(err.contains("`ex#Thing`") && err.contains("`other#Thing`") && err.contains("`Thing`"), "{err}");

    // A local shape identical to the prelude shape of the same name is harmless…
    let model = with_input(json!({"a": {"target": "ex#String"}, "b": {"target": "smithy.api#String"}}));
    let model = inline_model(
        json!({}),
        json!({"ex#In": model["shapes"]["ex#In"].clone(), "ex#String": {"type": "string"}}),
    );
    assert_eq!(inline(&model).unwrap().shapes["String"].kind, ShapeKind::String);
    // …a different one is a conflict.
    let model = inline_model(
        json!({}),
        json!({
            "ex#In": {"type": "structure", "members": {
                "a": {"target": "ex#String"}, "b": {"target": "smithy.api#String"}}},
            "ex#String": {"type": "string", "traits": {"smithy.api#documentation": "<p>Mine.</p>"}},
        }),
    );
    let err = inline_err(&model);
    assert!(err.contains("`ex#String`") && err.contains("`smithy.api#String`"), "{err}");
}

#[test]
fn member_target_errors() {
    let err = inline_err(&with_input(json!({"op": {"target": "ex#Op"}})));
    assert!(err.contains("shapes.ex#In.members.op: targets `ex#Op` (type `operation`), which is not a data shape"), "{err}");
    let err = inline_err(&inline_model(json!({}), json!({})));
    assert!(err.contains("shapes.ex#Op.input: refers to unknown shape `ex#In`"), "{err}");
    let err = inline_err(&inline_model(json!({}), json!({"ex#In": {"type": "string"}})));
    assert!(err.contains("shapes.ex#Op.input: refers to `ex#In` (type `string`); expected a shape of type structure"), "{err}");
    let mut model = with_input(json!({}));
    model["shapes"]["ex#Svc"]["operations"] = json!([{"target": "ex#In"}]);
    let err = inline_err(&model);
    assert!(err.contains("shapes.ex#Svc.operations[0]: refers to `ex#In` (type `structure`); expected a shape of type operation"), "{err}");
    let mut model = with_input(json!({}));
    model["shapes"]["ex#Svc"]["resources"] = json!([{"target": "ex#Nowhere"}]);
    let err = inline_err(&model);
    assert!(err.contains("shapes.ex#Svc.resources[0]: refers to unknown shape `ex#Nowhere`"), "{err}");
}

#[test]
fn conflicting_http_bindings_are_errors() {
    let err = inline_err(&with_input(json!({"a": {"target": "smithy.api#String", "traits": {
        "smithy.api#httpHeader": "X-A", "smithy.api#httpPayload": {}}}})));
    assert!(
        err.contains("shapes.ex#In.members.a: member has several HTTP bindings: smithy.api#httpHeader, smithy.api#httpPayload"),
        "{err}"
    );
    let err = inline_err(&with_input(json!({
        "a": {"target": "smithy.api#Blob", "traits": {"smithy.api#httpPayload": {}}},
        "b": {"target": "smithy.api#Blob", "traits": {"smithy.api#httpPayload": {}}}})));
    assert!(err.contains("a second @httpPayload member"), "{err}");
}

#[test]
fn trait_value_errors_name_the_trait() {
    let model = inline_model(
        json!({}),
        json!({
            "ex#In": {"type": "structure", "members": {"e": {"target": "ex#E"}}},
            "ex#E": {"type": "structure", "traits": {"smithy.api#error": "client", "smithy.api#httpError": "four hundred"}},
        }),
    );
    let err = inline_err(&model);
    assert!(err.contains("shapes.ex#E.traits.smithy.api#httpError: expected an HTTP status code"), "{err}");
    let err = inline_err(&with_input(json!({"t": {"target": "smithy.api#Timestamp", "traits": {"smithy.api#timestampFormat": "julian"}}})));
    assert!(err.contains("shapes.ex#In.members.t.traits.smithy.api#timestampFormat: unknown timestamp format `julian`"), "{err}");
    let err = inline_err(&with_input(json!({"d": {"target": "smithy.api#String", "traits": {"smithy.api#documentation": 3}}})));
    assert!(err.contains("shapes.ex#In.members.d.traits.smithy.api#documentation: expected a string"), "{err}");
    let model = inline_model(
        json!({}),
        json!({
            "ex#In": {"type": "structure", "members": {"e": {"target": "ex#E"}}},
            "ex#E": {"type": "enum", "members": {"A": {"target": "smithy.api#String"}}},
        }),
    );
    let err = inline_err(&model);
    assert!(err.contains("shapes.ex#E.members.A: enum members must target `smithy.api#Unit`"), "{err}");
}

#[test]
fn mixin_cycles_are_errors() {
    let model = inline_model(
        json!({}),
        json!({
            "ex#In": {"type": "structure", "mixins": [{"target": "ex#M1"}]},
            "ex#M1": {"type": "structure", "mixins": [{"target": "ex#M2"}], "traits": {"smithy.api#mixin": {}}},
            "ex#M2": {"type": "structure", "mixins": [{"target": "ex#M1"}], "traits": {"smithy.api#mixin": {}}},
        }),
    );
    let err = inline_err(&model);
    assert!(err.contains("mixin cycle"), "{err}");
}

#[test]
fn paginated_needs_both_tokens() {
    let mut model = with_input(json!({"nextToken": {"target": "smithy.api#String"}}));
    model["shapes"]["ex#Op"]["traits"] = json!({"smithy.api#paginated": {"inputToken": "nextToken"}});
    let err = inline_err(&model);
    assert!(err.contains("shapes.ex#Op.traits.smithy.api#paginated: needs both inputToken and outputToken"), "{err}");
    // Only a page size: not a paginator.
    model["shapes"]["ex#Op"]["traits"] = json!({"smithy.api#paginated": {"pageSize": "size"}});
    assert!(inline(&model).unwrap().paginators.is_empty());
}

#[test]
fn protocols() {
    let cases = [
        (json!({"aws.protocols#awsJson1_0": {}}), ir::Protocol::Json, Some("1.0")),
        (json!({"aws.protocols#awsJson1_1": {}}), ir::Protocol::Json, Some("1.1")),
        (json!({"aws.protocols#restXml": {}}), ir::Protocol::RestXml, None),
        (json!({"aws.protocols#awsQuery": {}}), ir::Protocol::Query, None),
        (json!({"aws.protocols#ec2Query": {}}), ir::Protocol::Ec2, None),
        // Of several, the one botocore's client picks (its resolved_protocol):
        // awsJson before rpcv2Cbor.
        (
            json!({"smithy.protocols#rpcv2Cbor": {}, "aws.protocols#awsJson1_1": {}}),
            ir::Protocol::Json,
            Some("1.1"),
        ),
    ];
    for (traits, protocol, json_version) in cases {
        let mut model = with_input(json!({}));
        model["shapes"]["ex#Svc"]["traits"] = traits.clone();
        let svc = inline(&model).unwrap().service;
        assert_eq!(svc.protocol, protocol, "{traits}");
        assert_eq!(svc.json_version.as_deref(), json_version, "{traits}");
        assert_eq!(svc.target_prefix.as_deref(), json_version.map(|_| "Svc"), "{traits}");
        // No aws.api#service: the service's name, lower-cased for the prefix.
        assert_eq!((svc.service_id.as_str(), svc.endpoint_prefix.as_str()), ("Svc", "svc"));
    }
    // rpcv2Cbor alone: its `/service/<name>` is the service shape's name.
    let mut model = with_input(json!({}));
    model["shapes"]["ex#Svc"]["traits"] = json!({"smithy.protocols#rpcv2Cbor": {}});
    let svc = inline(&model).unwrap().service;
    assert_eq!((svc.protocol, svc.target_prefix.as_deref()), (ir::Protocol::Smithy, Some("Svc")));
}

// ---------------------------------------------------------------------------
// Protocol- and role-dependent semantics (issue 15): each rule on a small model
// ---------------------------------------------------------------------------

/// An operation `ex#Op` (`@http` PUT `/things/{id}`, code 201) whose input
/// and output bind members to every part of the HTTP message, plus an error
/// with an `awsQueryError` code, on a service with `service_traits`.
fn bindings_model(service_traits: Value) -> Value {
    let s = |traits: Value| json!({"target": "smithy.api#String", "traits": traits});
    let mut model = inline_model(
        json!({}),
        json!({
            "ex#In": {"type": "structure", "members": {
                "id": s(json!({"smithy.api#httpLabel": {}, "smithy.api#required": {}})),
                "q": s(json!({"smithy.api#httpQuery": "q"})),
                "h": s(json!({"smithy.api#httpHeader": "X-H"})),
                "code": {"target": "smithy.api#Integer", "traits": {"smithy.api#httpResponseCode": {}}},
                "nested": {"target": "ex#Nested"},
                "body": {"target": "ex#Blob", "traits": {"smithy.api#httpPayload": {}}},
            }},
            "ex#Out": {"type": "structure", "members": {
                "items": s(json!({})),
                "position": s(json!({"smithy.api#httpQuery": "position"})),
                "label": s(json!({"smithy.api#httpLabel": {}})),
                "h": s(json!({"smithy.api#httpHeader": "X-H"})),
                "status": {"target": "smithy.api#Integer", "traits": {"smithy.api#httpResponseCode": {}}},
            }},
            "ex#Nested": {"type": "structure", "members": {
                "h": s(json!({"smithy.api#httpHeader": "X-Nested"})),
                "q": s(json!({"smithy.api#httpQuery": "nq"})),
            }},
            "ex#Blob": {"type": "blob"},
            "ex#Oops": {"type": "structure", "members": {
                "h": s(json!({"smithy.api#httpHeader": "X-Oops"})),
                "q": s(json!({"smithy.api#httpQuery": "oq"})),
            }, "traits": {
                "smithy.api#error": "client",
                "aws.protocols#awsQueryError": {"code": "Oops.Code", "httpResponseCode": 409},
            }},
        }),
    );
    model["shapes"]["ex#Svc"]["traits"] = service_traits;
    model["shapes"]["ex#Op"] = json!({
        "type": "operation",
        "input": {"target": "ex#In"},
        "output": {"target": "ex#Out"},
        "errors": [{"target": "ex#Oops"}],
        "traits": {"smithy.api#http": {"method": "PUT", "uri": "/things/{id}", "code": 201}},
    });
    model
}

fn binding(model: &ir::Model, shape_name: &str, name: &str) -> (Location, Option<String>, bool) {
    let m = member(model, shape_name, name);
    (m.location, m.location_name.clone(), m.payload)
}

#[test]
fn http_bindings_are_ignored_on_rpc_protocols() {
    for traits in [
        json!({"aws.protocols#awsJson1_0": {}}),
        json!({"aws.protocols#awsJson1_1": {}}),
        json!({"aws.protocols#awsQuery": {}}),
        json!({"aws.protocols#ec2Query": {}}),
        json!({"smithy.protocols#rpcv2Cbor": {}}),
    ] {
        let model = inline(&bindings_model(traits.clone())).unwrap();
        for (shape_name, m) in [
            ("In", "id"),
            ("In", "q"),
            ("In", "h"),
            ("In", "code"),
            ("In", "body"),
            ("Out", "position"),
            ("Out", "label"),
            ("Out", "h"),
            ("Out", "status"),
            ("Oops", "h"),
            ("Oops", "q"),
        ] {
            assert_eq!(
                binding(&model, shape_name, m),
                (Location::Body, None, false),
                "{traits} {shape_name}.{m}"
            );
        }
        // `@http` does not apply either: every call is a POST to `/`.
        assert_eq!(
            model.operations["Op"].http,
            HttpTrait {
                method: "POST".into(),
                request_uri: "/".into(),
                response_code: 200
            },
            "{traits}"
        );
    }
}

#[test]
fn http_bindings_apply_by_role_on_rest_protocols() {
    for traits in [
        json!({"aws.protocols#restJson1": {}}),
        json!({"aws.protocols#restXml": {}}),
    ] {
        let model = inline(&bindings_model(traits.clone())).unwrap();
        let b = |shape_name: &str, m: &str| binding(&model, shape_name, m);
        let some = |s: &str| Some(s.to_string());
        // Inputs: labels, query, headers and the payload; a status code means nothing there.
        assert_eq!(
            b("In", "id"),
            (Location::Uri, some("id"), false),
            "{traits}"
        );
        assert_eq!(b("In", "q"), (Location::Querystring, some("q"), false));
        assert_eq!(b("In", "h"), (Location::Header, some("X-H"), false));
        assert_eq!(b("In", "code"), (Location::Body, None, false));
        assert_eq!(b("In", "body"), (Location::Body, None, true));
        // Outputs: `@httpQuery` and `@httpLabel` mean nothing (api-gateway's
        // `position` is read from the body, so its paginators go on).
        assert_eq!(b("Out", "position"), (Location::Body, None, false));
        assert_eq!(b("Out", "label"), (Location::Body, None, false));
        assert_eq!(b("Out", "h"), (Location::Header, some("X-H"), false));
        assert_eq!(b("Out", "status"), (Location::StatusCode, None, false));
        // Errors are read like outputs.
        assert_eq!(b("Oops", "h"), (Location::Header, some("X-Oops"), false));
        assert_eq!(b("Oops", "q"), (Location::Body, None, false));
        // A structure that is only nested binds nothing.
        assert_eq!(b("Nested", "h"), (Location::Body, None, false));
        assert_eq!(b("Nested", "q"), (Location::Body, None, false));
        assert_eq!(model.operations["Op"].http.request_uri, "/things/{id}");
    }
}

#[test]
fn a_structure_that_is_input_and_output_keeps_the_bindings_of_both() {
    let mut model = bindings_model(json!({"aws.protocols#restJson1": {}}));
    model["shapes"]["ex#Op"]["output"] = json!({"target": "ex#In"});
    let model = inline(&model).unwrap();
    assert_eq!(member(&model, "In", "q").location, Location::Querystring);
    assert_eq!(member(&model, "In", "code").location, Location::StatusCode);
}

#[test]
fn query_error_codes_only_on_query_protocols() {
    let error = |traits: Value| {
        inline(&bindings_model(traits)).unwrap().shapes["Oops"]
            .error
            .clone()
            .unwrap()
    };
    // restJson1 (ram, cognito-sync) and awsJson: the shape name, as the
    // response's `__type` / `X-Amzn-ErrorType` names it.
    for traits in [
        json!({"aws.protocols#restJson1": {}}),
        json!({"aws.protocols#awsJson1_1": {}}),
        // sqs: awsQueryCompatible on awsJson1_0. The response's `__type` names
        // the shape; botocore finds the modelled error by it (its
        // `QueryErrorCode`), the x-amzn-query-error header's code only becomes
        // `Error.Code`.
        json!({"aws.protocols#awsJson1_0": {}, "aws.protocols#awsQueryCompatible": {}}),
    ] {
        assert_eq!(
            error(traits.clone()),
            ErrorInfo {
                code: "Oops".into(),
                http_status: None,
                sender_fault: true
            },
            "{traits}"
        );
    }
    for traits in [
        json!({"aws.protocols#awsQuery": {}}),
        json!({"aws.protocols#ec2Query": {}}),
    ] {
        assert_eq!(
            error(traits.clone()),
            ErrorInfo {
                code: "Oops.Code".into(),
                http_status: Some(409),
                sender_fault: true
            },
            "{traits}"
        );
    }
}

#[test]
fn xml_name_is_never_the_json_key() {
    let members = json!({
        "a": {"target": "smithy.api#String", "traits": {"smithy.api#xmlName": "A"}},
        "b": {"target": "smithy.api#String", "traits": {"smithy.api#jsonName": "B"}},
    });
    let json_names = |protocol: &str| {
        let mut model = with_input(members.clone());
        model["shapes"]["ex#Svc"]["traits"] = json!({ protocol: {} });
        let model = inline(&model).unwrap();
        model.shapes["In"]
            .kind
            .members()
            .iter()
            .map(|m| m.json_name.clone())
            .collect::<Vec<_>>()
    };
    // `@jsonName` is the key on JSON protocols; `@xmlName` never is (s3's
    // `Tags` stays `Tags`, not `Tag`): the serde form does not depend on the
    // front end, and XML names belong to the XML codec.
    for protocol in [
        "aws.protocols#restJson1",
        "aws.protocols#awsJson1_0",
        "aws.protocols#awsJson1_1",
    ] {
        assert_eq!(
            json_names(protocol),
            [None, Some("B".to_string())],
            "{protocol}"
        );
    }
    for protocol in [
        "aws.protocols#restXml",
        "aws.protocols#awsQuery",
        "aws.protocols#ec2Query",
    ] {
        assert_eq!(json_names(protocol), [None, None], "{protocol}");
    }
}

#[test]
fn smithy_1_enum_trait() {
    let mut model = with_input(json!({"e": {"target": "ex#E"}}));
    model["smithy"] = json!("1.0");
    model["shapes"]["ex#E"] = json!({"type": "string", "traits": {"smithy.api#enum": [
        {"value": "a", "name": "A", "documentation": "The first."},
        {"value": "b"},
    ]}});
    assert_eq!(
        inline(&model).unwrap().shapes["E"].kind,
        ShapeKind::Enum(vec![
            EnumValue {
                value: "a".into(),
                documentation: html("<p>The first.</p>"),
            },
            EnumValue {
                value: "b".into(),
                documentation: None,
            },
        ])
    );
}

#[test]
fn plain_text_documentation_becomes_html_paragraphs() {
    assert_eq!(html_doc("ARN of a IAM role"), "<p>ARN of a IAM role</p>");
    assert_eq!(html_doc("One.\n\nTwo."), "<p>One.</p> <p>Two.</p>");
    assert_eq!(html_doc("<p>Already HTML.</p>"), "<p>Already HTML.</p>");
    assert_eq!(html_doc(""), "");
}

/// The XML facts (`@xmlName`, `@xmlAttribute`, `@xmlFlattened`,
/// `@xmlNamespace`, `@ec2QueryName`) land in the IR's `xml` fields on XML
/// protocols, and nowhere on JSON protocols.
#[test]
fn xml_facts_on_xml_protocols_only() {
    let shapes = json!({
        "ex#In": {"type": "structure", "traits": {"smithy.api#xmlNamespace": {"uri": "http://ns"}}, "members": {
            "Items": {"target": "ex#List", "traits": {"smithy.api#xmlName": "Item", "smithy.api#xmlFlattened": {}}},
            "Kind": {"target": "smithy.api#String", "traits": {
                "smithy.api#xmlAttribute": {}, "smithy.api#xmlName": "xsi:type",
                "smithy.api#xmlNamespace": {"uri": "http://x", "prefix": "xsi"}}},
            "Id": {"target": "smithy.api#String", "traits": {"aws.protocols#ec2QueryName": "ID"}},
        }},
        "ex#List": {"type": "list", "member": {"target": "smithy.api#String", "traits": {"smithy.api#xmlName": "entry"}}},
    });
    let json_model = inline(&inline_model(json!({}), shapes.clone())).unwrap();
    assert!(json_model.shapes.values().all(|s| s.xml == ir::XmlShape::default()));
    assert!(json_model.shapes["In"].kind.members().iter().all(|m| m.xml == ir::XmlFacts::default()));

    let mut model = inline_model(json!({}), shapes);
    let traits = model["shapes"]["ex#Svc"]["traits"].as_object_mut().unwrap();
    traits.remove("aws.protocols#restJson1");
    traits.insert("aws.protocols#restXml".into(), json!({}));
    let model = inline(&model).unwrap();
    let input = shape(&model, "In");
    assert_eq!(input.xml.own.namespace, Some(ir::XmlNamespace { prefix: None, uri: "http://ns".into() }));
    let m = |name: &str| &input.kind.members().iter().find(|m| m.name == name).unwrap().xml;
    assert_eq!((m("Items").name.as_deref(), m("Items").flattened), (Some("Item"), true));
    assert!(m("Kind").attribute);
    assert_eq!(m("Kind").name.as_deref(), Some("xsi:type"));
    assert_eq!(m("Kind").namespace, Some(ir::XmlNamespace { prefix: Some("xsi".into()), uri: "http://x".into() }));
    assert_eq!(m("Id").query_name.as_deref(), Some("ID"));
    assert_eq!(shape(&model, "List").xml.member.name.as_deref(), Some("entry"));
    // A malformed trait names where it is.
    let bad = json!({"ex#In": {"type": "structure", "members": {
        "A": {"target": "smithy.api#String", "traits": {"smithy.api#xmlNamespace": {"prefix": "p"}}}}}});
    let mut model = inline_model(json!({}), bad);
    let traits = model["shapes"]["ex#Svc"]["traits"].as_object_mut().unwrap();
    traits.remove("aws.protocols#restJson1");
    traits.insert("aws.protocols#awsQuery".into(), json!({}));
    let err = inline_err(&model);
    assert!(err.contains("shapes.ex#In.members.A.traits.smithy.api#xmlNamespace"), "{err}");
}

/// Shared validation (issue 12, findings 2 and 3) runs after the Smithy
/// front end too.
#[test]
fn container_cycles_and_non_structure_io_are_errors() {
    let err = inline_err(&inline_model(
        json!({}),
        json!({
            "ex#In": {"type": "structure", "members": {"m": {"target": "ex#L"}}},
            "ex#L": {"type": "list", "member": {"target": "ex#M"}},
            "ex#M": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "ex#L"}},
        }),
    ));
    assert!(err.contains("no structure or union between them") && err.contains("L -> M -> L"), "{err}");
    let mut model = inline_model(json!({}), json!({"ex#In": {"type": "structure", "members": {}}, "ex#Out": {"type": "string"}}));
    model["shapes"]["ex#Op"]["output"] = json!({"target": "ex#Out"});
    let err = inline_err(&model);
    assert!(err.contains("Op") && (err.contains("structure")), "{err}");
}

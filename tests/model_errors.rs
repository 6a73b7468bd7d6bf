//! Bad input gets a clear error naming where the problem is: never a panic,
//! never half-written output.

use std::path::PathBuf;

/// Writes `service` (and optional paginators) into a fresh temp directory.
fn model_dir(tag: &str, service: &str, paginators: Option<&str>) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("awsgen-bad-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("service-2.json"), service).unwrap();
    if let Some(p) = paginators {
        std::fs::write(dir.join("paginators-1.json"), p).unwrap();
    }
    dir
}

const META: &str = r#""metadata": {"apiVersion": "2024-01-01", "protocol": "rest-json", "serviceId": "X"}"#;

fn error_of(tag: &str, service: &str, paginators: Option<&str>) -> String {
    let dir = model_dir(tag, service, paginators);
    let err = codegen::load_model(&dir).expect_err("the model is invalid").to_string();
    std::fs::remove_dir_all(&dir).unwrap();
    err
}

#[test]
fn malformed_json_names_the_file_and_position() {
    let err = error_of("json", "{\"metadata\": ", None);
    assert!(err.contains("service-2.json") && err.contains("malformed JSON") && err.contains("line 1"), "{err}");
}

#[test]
fn unknown_shape_type_names_the_shape() {
    let err = error_of("type", &format!(r#"{{{META}, "shapes": {{"Weird": {{"type": "quaternion"}}}}}}"#), None);
    assert!(err.contains("shapes.Weird.type") && err.contains("unknown shape type `quaternion`"), "{err}");
}

#[test]
fn missing_target_names_the_member() {
    let err = error_of(
        "target",
        &format!(r#"{{{META}, "shapes": {{"S": {{"type": "structure", "members": {{"m": {{"shape": "Nope"}}}}}}}}}}"#),
        None,
    );
    assert!(err.contains("shapes.S.members.m") && err.contains("unknown shape `Nope`"), "{err}");
}

#[test]
fn wrong_json_type_names_the_path() {
    let err = error_of(
        "wrongtype",
        &format!(r#"{{{META}, "shapes": {{"S": {{"type": "structure", "members": {{"m": {{"shape": 7}}}}}}}}}}"#),
        None,
    );
    assert!(err.contains("shapes.S.members.m.shape"), "{err}");
}

#[test]
fn required_member_that_does_not_exist() {
    let err = error_of(
        "required",
        &format!(r#"{{{META}, "shapes": {{"S": {{"type": "structure", "required": ["ghost"], "members": {{}}}}}}}}"#),
        None,
    );
    assert!(err.contains("shapes.S.required") && err.contains("ghost"), "{err}");
}

#[test]
fn unknown_protocol_and_location() {
    let err = error_of("proto", r#"{"metadata": {"apiVersion": "1", "protocol": "carrier-pigeon"}, "shapes": {}}"#, None);
    assert!(err.contains("metadata.protocol") && err.contains("carrier-pigeon"), "{err}");
    let err = error_of(
        "location",
        &format!(r#"{{{META}, "shapes": {{"S": {{"type": "structure", "members": {{"m": {{"shape": "S", "location": "body-ish"}}}}}}}}}}"#),
        None,
    );
    assert!(err.contains("shapes.S.members.m") && err.contains("body-ish"), "{err}");
}

#[test]
fn paginator_for_missing_operation_and_bad_tokens() {
    let service = format!(r#"{{{META}, "operations": {{}}, "shapes": {{}}}}"#);
    let err = error_of("pag", &service, Some(r#"{"pagination": {"ListX": {"input_token": "a", "output_token": "b"}}}"#));
    assert!(err.contains("paginators-1.json") && err.contains("pagination.ListX"), "{err}");
    let err = error_of("pagjson", &service, Some(r#"{"pagination": {"ListX": {"input_token": 3}}}"#));
    assert!(err.contains("pagination.ListX"), "{err}");
}

#[test]
fn a_failed_generation_writes_nothing() {
    let root = tests::repo_root();
    let dir = model_dir("nowrite", "{ not json", None);
    let out = dir.join("out");
    let err = codegen::generate_crate(&root, &dir, &out, "x").expect_err("invalid model");
    assert!(err.to_string().contains("malformed JSON"), "{err}");
    assert!(!out.exists(), "no output directory may be created for a model that fails");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A list or map that contains itself with no structure or union between
/// has no Rust type; the generator used to recurse until the stack
/// overflowed (issue 12, finding 2). The error names the shapes.
#[test]
fn container_cycles_name_the_shapes() {
    let op = r#""operations": {"Op": {"name": "Op", "http": {"method": "POST", "requestUri": "/"}, "input": {"shape": "In"}}}"#;
    for (tag, shapes, names) in [
        ("selflist", r#""L": {"type": "list", "member": {"shape": "L"}}"#, "L -> L"),
        (
            "mapcycle",
            r#""L": {"type": "list", "member": {"shape": "M"}}, "M": {"type": "map", "key": {"shape": "K"}, "value": {"shape": "L"}}, "K": {"type": "string"}"#,
            "L -> M -> L",
        ),
    ] {
        let service = format!(
            r#"{{{META}, {op}, "shapes": {{"In": {{"type": "structure", "members": {{"m": {{"shape": "L"}}}}}}, {shapes}}}}}"#
        );
        let err = error_of(tag, &service, None);
        assert!(err.contains("no structure or union between them") && err.contains(names), "{err}");
    }
    // Through a structure it is an ordinary recursive type.
    let service = format!(
        r#"{{{META}, {op}, "shapes": {{"In": {{"type": "structure", "members": {{"m": {{"shape": "L"}}}}}}, "L": {{"type": "list", "member": {{"shape": "In"}}}}}}}}"#
    );
    let dir = model_dir("structcycle", &service, None);
    assert!(codegen::load_model(&dir).is_ok());
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A chain of lists deeper than any model has is an error, not a stack
/// overflow in the emitter.
#[test]
fn deep_container_chains_are_an_error() {
    let mut shapes = vec![r#""In": {"type": "structure", "members": {"m": {"shape": "L0"}}}"#.to_owned()];
    for i in 0..5000 {
        shapes.push(format!(r#""L{i}": {{"type": "list", "member": {{"shape": "L{}"}}}}"#, i + 1));
    }
    shapes.push(r#""L5000": {"type": "string"}"#.to_owned());
    let service = format!(r#"{{{META}, "shapes": {{{}}}}}"#, shapes.join(", "));
    let err = error_of("deepchain", &service, None);
    assert!(err.contains("nest more than 64 deep"), "{err}");
}

/// An operation whose input or output is not a structure is a model error
/// naming the operation (the emitter used to panic; issue 12, finding 3).
#[test]
fn operation_input_or_output_not_a_structure() {
    for part in ["input", "output"] {
        let service = format!(
            r#"{{{META}, "operations": {{"Op": {{"name": "Op", "http": {{"method": "POST", "requestUri": "/"}}, "{part}": {{"shape": "S"}}}}}}, "shapes": {{"S": {{"type": "string"}}}}}}"#
        );
        let err = error_of(&format!("op{part}"), &service, None);
        assert!(err.contains(&format!("operations.Op.{part}")) && err.contains("must be a structure"), "{err}");
    }
}

/// A host prefix whose `{label}` names no host-label string member is a
/// model error naming the operation (issue 12, finding 8).
#[test]
fn host_prefix_labels_must_be_host_label_members() {
    for (tag, prefix, member) in [
        ("hpmissing", "{nope}.", r#""id": {"shape": "S", "hostLabel": true}"#),
        ("hpnotlabel", "{id}.", r#""id": {"shape": "S"}"#),
        ("hpunclosed", "{id.", r#""id": {"shape": "S", "hostLabel": true}"#),
        ("hpchars", "da ta/", r#""id": {"shape": "S", "hostLabel": true}"#),
    ] {
        let service = format!(
            r#"{{{META}, "operations": {{"Op": {{"name": "Op", "http": {{"method": "POST", "requestUri": "/"}}, "endpoint": {{"hostPrefix": "{prefix}"}}, "input": {{"shape": "In"}}}}}}, "shapes": {{"In": {{"type": "structure", "members": {{{member}}}}}, "S": {{"type": "string"}}}}}}"#
        );
        let err = error_of(tag, &service, None);
        assert!(err.contains("operations.Op.endpoint.hostPrefix"), "{err}");
    }
}

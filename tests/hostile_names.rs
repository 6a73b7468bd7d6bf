//! `tests/hostile-names` is generated from a model whose shapes, members,
//! enum values and operations are named after every name the generated code
//! uses unqualified (std prelude items, traits, crate and runtime names,
//! helper items): that it compiles (it is a workspace member, with its
//! client) is the main check (issue 12, finding 4). These tests check the
//! renamed items still carry the model's names on the wire.

use awsgen_runtime::http::Operation;
use hostile_names::types::*;

#[test]
fn prelude_named_shapes_keep_their_wire_names() {
    // The enum named `From` is `FromValue`; its value `From` is a plain variant.
    assert_eq!(FromValue::from("From"), FromValue::From);
    assert_eq!(FromValue::from("Unknown"), FromValue::UnknownValue);
    assert_eq!(FromValue::from("other"), FromValue::Unknown("other".into()));
    assert_eq!(serde_json::to_string(&Names::SelfValue_2).unwrap(), r#""self""#);
    assert_eq!("Err".parse::<Names>(), Ok(Names::Err));
    let text = r#"{"r": {"value": "v"}, "value": 3, "self": {"From": {"text": "t"}}, "type": 1, "Self": "AAE=", "__type": [{"value": "o"}]}"#;
    let value: Everything = serde_json::from_str(text).unwrap();
    let fast: Everything = awsgen_runtime::json::from_slice(text.as_bytes()).unwrap();
    assert_eq!(fast, value);
    let back: serde_json::Value = serde_json::to_value(&value).unwrap();
    for key in ["r", "value", "self", "type", "Self", "__type"] {
        assert!(back.get(key).is_some(), "{key} in {back}");
    }
}

#[test]
fn prelude_named_operations_build_requests() {
    use hostile_names::operations::{ResultValue, SomeValue};
    let input = ResultInput::new("n".into());
    assert_eq!(ResultValue::build_request(&input).unwrap().uri(), "/n");
    let response = http::Response::builder().status(400).body(br#"{"message": "no"}"#.to_vec()).unwrap();
    assert!(SomeValue::parse_response(&response).is_err());
}

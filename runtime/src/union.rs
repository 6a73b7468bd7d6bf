//! The JSON wire form of tagged unions: an object with exactly one member set.
//!
//! Generated union types call [`read`] to get the one member's name and raw
//! value, then [`member`] to decode the known ones. A member the model does
//! not know is kept by the generated `Unknown { name, value }` variant, so it
//! round-trips unchanged (botocore reports such members as
//! `SDK_UNKNOWN_MEMBER`).

use serde::de::{DeserializeOwned, Error as _};
use serde::Deserializer;

/// Reads a union object: members whose value is `null` and the `__type`
/// member are ignored (as botocore and smithy-rs do); then exactly one member
/// must remain. Returns its name and raw value.
pub fn read<'de, D: Deserializer<'de>>(
    deserializer: D,
    union_name: &str,
) -> Result<(String, serde_json::Value), D::Error> {
    let object: serde_json::Map<String, serde_json::Value> =
        serde::Deserialize::deserialize(deserializer)?;
    let mut set = object
        .into_iter()
        .filter(|(name, value)| !value.is_null() && name != "__type");
    let first = set.next();
    let extra: Vec<String> = set.map(|(name, _)| name).collect();
    match first {
        None => Err(D::Error::custom(format_args!(
            "union {union_name}: no member is set"
        ))),
        Some((name, _)) if !extra.is_empty() => Err(D::Error::custom(format_args!(
            "union {union_name}: more than one member is set ({name}, {})",
            extra.join(", ")
        ))),
        Some(member) => Ok(member),
    }
}

/// Decodes a known union member's value, naming the union and member in any
/// error.
pub fn member<T: DeserializeOwned, E: serde::de::Error>(
    union_name: &str,
    member_name: &str,
    value: serde_json::Value,
) -> Result<T, E> {
    serde_json::from_value(value)
        .map_err(|e| E::custom(format_args!("union {union_name}, member {member_name}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(json: &str) -> Result<(String, serde_json::Value), serde_json::Error> {
        read(&mut serde_json::Deserializer::from_str(json), "U")
    }

    #[test]
    fn one_member() {
        let (name, value) = read_str(r#"{"a": {"x": 1}, "b": null, "__type": "U"}"#).unwrap();
        assert_eq!(name, "a");
        assert_eq!(value, serde_json::json!({"x": 1}));
    }

    #[test]
    fn none_or_many_members_are_errors() {
        let err = read_str(r#"{"a": 1, "b": 2}"#).unwrap_err().to_string();
        assert!(err.contains("more than one member is set (a, b)"), "{err}");
        let err = read_str(r#"{}"#).unwrap_err().to_string();
        assert!(err.contains("no member is set"), "{err}");
        assert!(read_str("[1]").is_err());
    }

    #[test]
    fn member_errors_name_the_member() {
        let err = member::<u8, serde_json::Error>("U", "a", serde_json::json!("x"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("union U, member a"), "{err}");
    }
}

//! The JSON wire form of tagged unions: an object with exactly one member set.
//!
//! A generated union implements [`Union::read_member`] (a `match` on the
//! member name) and deserializes with [`deserialize`], which walks the
//! object once, straight from the input: known members are decoded in place
//! (no intermediate `serde_json::Value`), `null` members and `__type` are
//! ignored (as botocore and smithy-rs do), and a member the model does not
//! know is kept as raw JSON by the generated `Unknown { name, value }`
//! variant, so it round-trips unchanged (botocore reports such members as
//! `SDK_UNKNOWN_MEMBER`). No member, or more than one, is an error.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{DeserializeOwned, Deserializer, Error as _, IgnoredAny, MapAccess, Visitor};
use serde_with::DeserializeAs;

/// Implemented by generated union types.
pub trait Union: Sized {
    /// The union's model name, for error messages.
    const NAME: &'static str;

    /// Decodes the member `name` from `value`: `Ok(None)` when it is `null`
    /// (an unset member), `Ok(Some(_))` otherwise; unknown names go to
    /// [`MemberValue::unknown`].
    fn read_member<'de, A: MapAccess<'de>>(name: &str, value: MemberValue<'_, 'de, A>) -> Result<Option<Self>, A::Error>;
}

/// The value of one union member, still in the input.
pub struct MemberValue<'a, 'de, A: MapAccess<'de>> {
    map: &'a mut A,
    union: &'static str,
    member: &'a str,
    _de: PhantomData<&'de ()>,
}

impl<'de, A: MapAccess<'de>> MemberValue<'_, 'de, A> {
    /// Decodes a known member with plain serde.
    pub fn read<T: DeserializeOwned>(self) -> Result<Option<T>, A::Error> {
        self.read_as::<T, serde_with::Same>()
    }

    /// Decodes a known member through a `serde_with` adapter (timestamps,
    /// blobs).
    pub fn read_as<T, As: DeserializeAs<'de, T>>(self) -> Result<Option<T>, A::Error> {
        let (union, member) = (self.union, self.member);
        self.map
            .next_value::<serde_with::de::DeserializeAsWrap<Option<T>, Option<As>>>()
            .map(|v| v.into_inner())
            .map_err(|e| A::Error::custom(format_args!("union {union}, member {member}: {e}")))
    }

    /// Keeps an unknown member's raw JSON (`None` when it is `null`).
    pub fn unknown(self) -> Result<Option<serde_json::Value>, A::Error> {
        let value: serde_json::Value = self.map.next_value()?;
        Ok((!value.is_null()).then_some(value))
    }
}

/// A member name, borrowed from the input when it can be.
pub(crate) enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(s) => s,
            Key::Owned(s) => s,
        }
    }
}

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::Borrowed(v))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v.to_owned()))
            }
        }
        d.deserialize_str(V)
    }
}

/// Deserializes a generated union (see the module docs).
pub fn deserialize<'de, D: Deserializer<'de>, U: Union>(deserializer: D) -> Result<U, D::Error> {
    struct UnionVisitor<U>(PhantomData<U>);

    impl<'de, U: Union> Visitor<'de> for UnionVisitor<U> {
        type Value = U;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            write!(f, "union {} (an object with one member set)", U::NAME)
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<U, A::Error> {
            let mut found: Option<(Key<'de>, U)> = None;
            while let Some(key) = map.next_key::<Key<'de>>()? {
                if key.as_str() == "__type" {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
                let value = MemberValue { map: &mut map, union: U::NAME, member: key.as_str(), _de: PhantomData };
                let Some(member) = U::read_member(key.as_str(), value)? else { continue };
                if let Some((first, _)) = &found {
                    return Err(A::Error::custom(format_args!(
                        "union {}: more than one member is set ({}, {})",
                        U::NAME,
                        first.as_str(),
                        key.as_str()
                    )));
                }
                found = Some((key, member));
            }
            found
                .map(|(_, member)| member)
                .ok_or_else(|| A::Error::custom(format_args!("union {}: no member is set", U::NAME)))
        }
    }

    deserializer.deserialize_map(UnionVisitor(PhantomData))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hand-written union as the generator writes them.
    #[derive(Debug, PartialEq)]
    enum U {
        A(u8),
        At(chrono::DateTime<chrono::Utc>),
        Unknown { name: String, value: serde_json::Value },
    }

    impl Union for U {
        const NAME: &'static str = "U";
        fn read_member<'de, A: MapAccess<'de>>(name: &str, value: MemberValue<'_, 'de, A>) -> Result<Option<Self>, A::Error> {
            Ok(match name {
                "a" => value.read()?.map(U::A),
                "at" => value.read_as::<_, crate::wire::DateTime>()?.map(U::At),
                _ => value.unknown()?.map(|value| U::Unknown { name: name.to_owned(), value }),
            })
        }
    }

    impl<'de> serde::Deserialize<'de> for U {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            deserialize(d)
        }
    }

    #[test]
    fn one_member_nulls_and_type_ignored() {
        let u: U = serde_json::from_str(r#"{"b": null, "a": 7, "__type": "U"}"#).unwrap();
        assert_eq!(u, U::A(7));
        let u: U = serde_json::from_str(r#"{"at": 0}"#).unwrap();
        assert!(matches!(u, U::At(t) if t.timestamp() == 0));
        // Escaped member names (not borrowable) work too.
        let u: U = serde_json::from_str(r#"{"\u0061": 1}"#).unwrap();
        assert_eq!(u, U::A(1));
    }

    #[test]
    fn unknown_members_are_kept() {
        let u: U = serde_json::from_str(r#"{"future": {"x": [1, null]}}"#).unwrap();
        assert_eq!(u, U::Unknown { name: "future".into(), value: serde_json::json!({"x": [1, null]}) });
    }

    #[test]
    fn none_or_many_members_are_errors() {
        let err = serde_json::from_str::<U>(r#"{"a": 1, "future": 2}"#).unwrap_err().to_string();
        assert!(err.contains("union U: more than one member is set (a, future)"), "{err}");
        let err = serde_json::from_str::<U>(r#"{"a": null}"#).unwrap_err().to_string();
        assert!(err.contains("no member is set"), "{err}");
        assert!(serde_json::from_str::<U>("[1]").is_err());
    }

    #[test]
    fn member_errors_name_the_member() {
        let err = serde_json::from_str::<U>(r#"{"a": "x"}"#).unwrap_err().to_string();
        assert!(err.contains("union U, member a"), "{err}");
    }
}

//! A serde `Serializer` into [`TokenValue`], for output tokens read from
//! typed responses.
//!
//! It keeps what botocore's tokens depend on and JSON would lose: map order
//! (as the response listed it, with order-preserving maps), and bytes. It
//! reports itself as not human-readable, so blob adapters
//! ([`crate::wire::Base64`]) hand it raw bytes, which become
//! [`TokenValue::Bytes`] and are then written under `boto_encoded_keys`,
//! exactly as botocore encodes a DynamoDB key holding a binary attribute.

use serde::ser::{self, Serialize};

use super::TokenValue;

/// The error of [`to_token`]: a value a token cannot hold.
#[derive(Debug)]
pub struct Error(String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

/// Serializes `value` into a [`TokenValue`].
pub fn to_token<T: Serialize + ?Sized>(value: &T) -> Result<TokenValue, Error> {
    value.serialize(TokenSerializer)
}

struct TokenSerializer;

/// A list being built.
struct Seq(Vec<TokenValue>);

/// A map (or struct) being built; `key` holds a map key until its value.
struct Map {
    entries: Vec<(String, TokenValue)>,
    key: Option<String>,
}

/// A `{variant: value}` being built (newtype-like enum variants with
/// several fields).
struct Variant {
    name: &'static str,
    inner: Map,
}

fn int<T: TryInto<i64> + std::fmt::Display + Copy>(v: T) -> Result<TokenValue, Error> {
    v.try_into().map(TokenValue::Int).map_err(|_| Error(format!("integer {v} does not fit a token")))
}

impl ser::Serializer for TokenSerializer {
    type Ok = TokenValue;
    type Error = Error;
    type SerializeSeq = Seq;
    type SerializeTuple = Seq;
    type SerializeTupleStruct = Seq;
    type SerializeTupleVariant = ser::Impossible<TokenValue, Error>;
    type SerializeMap = Map;
    type SerializeStruct = Map;
    type SerializeStructVariant = Variant;

    fn is_human_readable(&self) -> bool {
        false
    }

    fn serialize_bool(self, v: bool) -> Result<TokenValue, Error> {
        Ok(TokenValue::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<TokenValue, Error> {
        int(v)
    }
    fn serialize_i16(self, v: i16) -> Result<TokenValue, Error> {
        int(v)
    }
    fn serialize_i32(self, v: i32) -> Result<TokenValue, Error> {
        int(v)
    }
    fn serialize_i64(self, v: i64) -> Result<TokenValue, Error> {
        int(v)
    }
    fn serialize_u8(self, v: u8) -> Result<TokenValue, Error> {
        int(v)
    }
    fn serialize_u16(self, v: u16) -> Result<TokenValue, Error> {
        int(v)
    }
    fn serialize_u32(self, v: u32) -> Result<TokenValue, Error> {
        int(v)
    }
    fn serialize_u64(self, v: u64) -> Result<TokenValue, Error> {
        int(v)
    }
    fn serialize_f32(self, v: f32) -> Result<TokenValue, Error> {
        Ok(TokenValue::Float(f64::from(v)))
    }
    fn serialize_f64(self, v: f64) -> Result<TokenValue, Error> {
        Ok(TokenValue::Float(v))
    }
    fn serialize_char(self, v: char) -> Result<TokenValue, Error> {
        Ok(TokenValue::String(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<TokenValue, Error> {
        Ok(TokenValue::String(v.to_owned()))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<TokenValue, Error> {
        Ok(TokenValue::Bytes(v.to_vec()))
    }
    fn serialize_none(self) -> Result<TokenValue, Error> {
        Ok(TokenValue::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<TokenValue, Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<TokenValue, Error> {
        Ok(TokenValue::Null)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<TokenValue, Error> {
        Ok(TokenValue::Null)
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result<TokenValue, Error> {
        Ok(TokenValue::String(variant.to_owned()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Result<TokenValue, Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<TokenValue, Error> {
        Ok(TokenValue::Map(vec![(variant.to_owned(), value.serialize(self)?)]))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Seq, Error> {
        Ok(Seq(Vec::with_capacity(len.unwrap_or(0))))
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Seq, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(Error(format!("{name}::{variant}: tuple variants cannot be tokens")))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Map, Error> {
        Ok(Map { entries: Vec::new(), key: None })
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Map, Error> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Variant, Error> {
        Ok(Variant { name: variant, inner: Map { entries: Vec::new(), key: None } })
    }
}

impl ser::SerializeSeq for Seq {
    type Ok = TokenValue;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.0.push(value.serialize(TokenSerializer)?);
        Ok(())
    }
    fn end(self) -> Result<TokenValue, Error> {
        Ok(TokenValue::List(self.0))
    }
}

impl ser::SerializeTuple for Seq {
    type Ok = TokenValue;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<TokenValue, Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for Seq {
    type Ok = TokenValue;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<TokenValue, Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeMap for Map {
    type Ok = TokenValue;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.key = Some(match key.serialize(TokenSerializer)? {
            TokenValue::String(s) => s,
            other => return Err(Error(format!("map key {} is not a string", other.py_repr()))),
        });
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self.key.take().ok_or_else(|| Error("map value without a key".into()))?;
        self.entries.push((key, value.serialize(TokenSerializer)?));
        Ok(())
    }
    fn end(self) -> Result<TokenValue, Error> {
        Ok(TokenValue::Map(self.entries))
    }
}

impl ser::SerializeStruct for Map {
    type Ok = TokenValue;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.entries.push((key.to_owned(), value.serialize(TokenSerializer)?));
        Ok(())
    }
    fn end(self) -> Result<TokenValue, Error> {
        Ok(TokenValue::Map(self.entries))
    }
}

impl ser::SerializeStructVariant for Variant {
    type Ok = TokenValue;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        ser::SerializeStruct::serialize_field(&mut self.inner, key, value)
    }
    fn end(self) -> Result<TokenValue, Error> {
        Ok(TokenValue::Map(vec![(self.name.to_owned(), TokenValue::Map(self.inner.entries))]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[serde_with::serde_as]
    #[derive(serde::Serialize)]
    struct Key {
        #[serde(rename = "S", skip_serializing_if = "Option::is_none")]
        s: Option<String>,
        #[serde_as(as = "Option<crate::wire::Base64>")]
        #[serde(rename = "B", skip_serializing_if = "Option::is_none")]
        b: Option<Vec<u8>>,
    }

    #[test]
    fn keeps_order_and_bytes() {
        let key: Vec<(String, Key)> = vec![
            ("pk".into(), Key { s: Some("user#1".into()), b: None }),
            ("bin".into(), Key { s: None, b: Some(vec![0, 255]) }),
        ];
        // A Vec of pairs serializes as a list; use a map type that keeps order.
        struct Ordered(Vec<(String, Key)>);
        impl serde::Serialize for Ordered {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
            }
        }
        let token = to_token(&Ordered(key)).unwrap();
        assert_eq!(
            token,
            TokenValue::Map(vec![
                ("pk".into(), TokenValue::Map(vec![("S".into(), TokenValue::String("user#1".into()))])),
                ("bin".into(), TokenValue::Map(vec![("B".into(), TokenValue::Bytes(vec![0, 255]))])),
            ])
        );
    }

    #[test]
    fn scalars() {
        assert_eq!(to_token("t").unwrap(), TokenValue::String("t".into()));
        assert_eq!(to_token(&7i32).unwrap(), TokenValue::Int(7));
        assert_eq!(to_token(&None::<i32>).unwrap(), TokenValue::Null);
        assert!(to_token(&u64::MAX).is_err());
    }
}

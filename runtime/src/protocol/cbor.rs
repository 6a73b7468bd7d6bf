//! CBOR bodies for the generated types, through their serde implementations.
//!
//! The bytes are read and written by `minicbor` (a maintained CBOR crate);
//! this module is only the bridge between serde's data model and CBOR data
//! items, in the form botocore's `CBORSerializer` writes them:
//!
//! - definite lengths, integers in their shortest form, `f32` members as
//!   4-byte floats and `f64` members as 8-byte floats, NaN and ±Infinity as
//!   the 2-byte half floats botocore writes;
//! - blobs as byte strings (the generated types' blob adapter writes bytes
//!   to any serializer that is not human-readable);
//! - timestamps as tag 1 around epoch seconds (an integer, or a float with
//!   the fractions): the timestamp adapters mark their value with
//!   [`TIMESTAMP`] for serializers that are not human-readable.
//!
//! Reading accepts every well-formed CBOR item (indefinite lengths, any
//! integer or float width, tags, which are transparent) and gives an error,
//! never a panic, on anything else: truncated input, invalid UTF-8, nesting
//! deeper than [`MAX_DEPTH`], trailing bytes, lengths beyond the input.

use std::fmt;

use minicbor::data::{Tag, Type};
use minicbor::{Decoder, Encoder};
use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};
use serde::ser::{self, Serialize};

/// The newtype-struct name the timestamp adapters wrap their value in for
/// serializers that are not human-readable; the CBOR serializer writes the
/// timestamp as tag 1 around its epoch seconds. (Other serializers see the
/// wrapped value unchanged.)
pub const TIMESTAMP: &str = "$awsgen::timestamp";

/// Nesting deeper than this is an error (as serde_json's limit of 128).
pub const MAX_DEPTH: usize = 128;

/// A CBOR data item.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value {
    /// `null` or `undefined`.
    #[default]
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer (CBOR's range: -2^64 ..= 2^64-1).
    Int(i128),
    /// A 2- or 4-byte float.
    F32(f32),
    /// An 8-byte float.
    F64(f64),
    /// A byte string.
    Bytes(Vec<u8>),
    /// A text string.
    Text(String),
    /// An array.
    Array(Vec<Value>),
    /// A map, in the order its entries came.
    Map(Vec<(Value, Value)>),
    /// A tagged item.
    Tag(u64, Box<Value>),
}

impl Value {
    /// The entry of a map with the text key `key`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Map(entries) => {
                entries.iter().find(|(k, _)| matches!(k, Value::Text(t) if t == key)).map(|(_, v)| v)
            }
            _ => None,
        }
    }

    /// The text of a text string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Text(t) => Some(t),
            _ => None,
        }
    }
}

/// A CBOR encoding or decoding error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

// ---------------------------------------------------------------------------
// Encoding
// ---------------------------------------------------------------------------

/// `value` as CBOR bytes, as botocore's serializer writes them.
pub fn to_vec<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, Error> {
    let item = value.serialize(ValueSerializer)?;
    let mut encoder = Encoder::new(Vec::new());
    encode(&mut encoder, &item).map_err(|e| Error(format!("CBOR encoding failed: {e}")))?;
    Ok(encoder.into_writer())
}

/// botocore's bytes for NaN and ±Infinity (half floats).
fn special_float(v: f64) -> Option<[u8; 3]> {
    if v.is_nan() {
        Some([0xf9, 0x7e, 0x00])
    } else if v == f64::INFINITY {
        Some([0xf9, 0x7c, 0x00])
    } else if v == f64::NEG_INFINITY {
        Some([0xf9, 0xfc, 0x00])
    } else {
        None
    }
}

fn encode(e: &mut Encoder<Vec<u8>>, item: &Value) -> Result<(), minicbor::encode::Error<std::convert::Infallible>> {
    match item {
        Value::Null => {
            e.null()?;
        }
        Value::Bool(b) => {
            e.bool(*b)?;
        }
        Value::Int(i) => {
            match (u64::try_from(*i), i64::try_from(*i)) {
                (Ok(u), _) => e.u64(u)?,
                (_, Ok(i)) => e.i64(i)?,
                // Below i64::MIN, down to -2^64: major type 1 with the 8-byte argument.
                _ => {
                    let n = (-1 - *i) as u64;
                    e.writer_mut().push(0x3b);
                    e.writer_mut().extend_from_slice(&n.to_be_bytes());
                    e
                }
            };
        }
        Value::F32(v) => match special_float(f64::from(*v)) {
            Some(bytes) => e.writer_mut().extend_from_slice(&bytes),
            None => {
                e.f32(*v)?;
            }
        },
        Value::F64(v) => match special_float(*v) {
            Some(bytes) => e.writer_mut().extend_from_slice(&bytes),
            None => {
                e.f64(*v)?;
            }
        },
        Value::Bytes(b) => {
            e.bytes(b)?;
        }
        Value::Text(t) => {
            e.str(t)?;
        }
        Value::Array(items) => {
            e.array(items.len() as u64)?;
            for item in items {
                encode(e, item)?;
            }
        }
        Value::Map(entries) => {
            e.map(entries.len() as u64)?;
            for (k, v) in entries {
                encode(e, k)?;
                encode(e, v)?;
            }
        }
        Value::Tag(tag, inner) => {
            e.tag(Tag::new(*tag))?;
            encode(e, inner)?;
        }
    }
    Ok(())
}

/// Serializes into a [`Value`] (not human-readable: blobs come as bytes,
/// timestamps marked with [`TIMESTAMP`]).
struct ValueSerializer;

/// Epoch seconds of a timestamp adapter's value (epoch number, or text in
/// any timestamp format), as tag 1.
fn timestamp_item(inner: Value) -> Result<Value, Error> {
    let seconds = match inner {
        Value::Int(_) | Value::F32(_) | Value::F64(_) => inner,
        Value::Text(text) => {
            let ts = crate::wire::parse_timestamp(&text).ok_or_else(|| Error(format!("`{text}` is not a timestamp")))?;
            let n = crate::wire::epoch_seconds(&ts);
            match n.as_i64() {
                Some(i) => Value::Int(i.into()),
                None => Value::F64(n.as_f64().unwrap_or_default()),
            }
        }
        other => return Err(Error(format!("a timestamp cannot be {other:?}"))),
    };
    Ok(Value::Tag(1, Box::new(seconds)))
}

impl ser::Serializer for ValueSerializer {
    type Ok = Value;
    type Error = Error;
    type SerializeSeq = SeqSerializer;
    type SerializeTuple = SeqSerializer;
    type SerializeTupleStruct = SeqSerializer;
    type SerializeTupleVariant = VariantSerializer<SeqSerializer>;
    type SerializeMap = MapSerializer;
    type SerializeStruct = MapSerializer;
    type SerializeStructVariant = VariantSerializer<MapSerializer>;

    fn is_human_readable(&self) -> bool {
        false
    }
    fn serialize_bool(self, v: bool) -> Result<Value, Error> {
        Ok(Value::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<Value, Error> {
        Ok(Value::Int(v.into()))
    }
    fn serialize_i16(self, v: i16) -> Result<Value, Error> {
        Ok(Value::Int(v.into()))
    }
    fn serialize_i32(self, v: i32) -> Result<Value, Error> {
        Ok(Value::Int(v.into()))
    }
    fn serialize_i64(self, v: i64) -> Result<Value, Error> {
        Ok(Value::Int(v.into()))
    }
    fn serialize_i128(self, v: i128) -> Result<Value, Error> {
        Ok(Value::Int(v))
    }
    fn serialize_u8(self, v: u8) -> Result<Value, Error> {
        Ok(Value::Int(v.into()))
    }
    fn serialize_u16(self, v: u16) -> Result<Value, Error> {
        Ok(Value::Int(v.into()))
    }
    fn serialize_u32(self, v: u32) -> Result<Value, Error> {
        Ok(Value::Int(v.into()))
    }
    fn serialize_u64(self, v: u64) -> Result<Value, Error> {
        Ok(Value::Int(v.into()))
    }
    fn serialize_u128(self, v: u128) -> Result<Value, Error> {
        i128::try_from(v).map(Value::Int).map_err(|_| Error(format!("{v} is too large for CBOR")))
    }
    fn serialize_f32(self, v: f32) -> Result<Value, Error> {
        Ok(Value::F32(v))
    }
    fn serialize_f64(self, v: f64) -> Result<Value, Error> {
        Ok(Value::F64(v))
    }
    fn serialize_char(self, v: char) -> Result<Value, Error> {
        Ok(Value::Text(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<Value, Error> {
        Ok(Value::Text(v.to_owned()))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Value, Error> {
        Ok(Value::Bytes(v.to_vec()))
    }
    fn serialize_none(self) -> Result<Value, Error> {
        Ok(Value::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Value, Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Value, Error> {
        Ok(Value::Null)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Value, Error> {
        Ok(Value::Null)
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result<Value, Error> {
        Ok(Value::Text(variant.to_owned()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, name: &'static str, value: &T) -> Result<Value, Error> {
        let inner = value.serialize(ValueSerializer)?;
        if name == TIMESTAMP {
            timestamp_item(inner)
        } else {
            Ok(inner)
        }
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Value, Error> {
        Ok(Value::Map(vec![(Value::Text(variant.to_owned()), value.serialize(ValueSerializer)?)]))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<SeqSerializer, Error> {
        Ok(SeqSerializer(Vec::with_capacity(len.unwrap_or(0).min(1024))))
    }
    fn serialize_tuple(self, len: usize) -> Result<SeqSerializer, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<SeqSerializer, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<VariantSerializer<SeqSerializer>, Error> {
        Ok(VariantSerializer { variant, inner: self.serialize_seq(Some(len))? })
    }
    fn serialize_map(self, len: Option<usize>) -> Result<MapSerializer, Error> {
        Ok(MapSerializer { entries: Vec::with_capacity(len.unwrap_or(0).min(1024)), key: None })
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<MapSerializer, Error> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<VariantSerializer<MapSerializer>, Error> {
        Ok(VariantSerializer { variant, inner: self.serialize_map(Some(len))? })
    }
}

struct SeqSerializer(Vec<Value>);

impl ser::SerializeSeq for SeqSerializer {
    type Ok = Value;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.0.push(value.serialize(ValueSerializer)?);
        Ok(())
    }
    fn end(self) -> Result<Value, Error> {
        Ok(Value::Array(self.0))
    }
}

impl ser::SerializeTuple for SeqSerializer {
    type Ok = Value;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Value, Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for SeqSerializer {
    type Ok = Value;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Value, Error> {
        ser::SerializeSeq::end(self)
    }
}

struct MapSerializer {
    entries: Vec<(Value, Value)>,
    key: Option<Value>,
}

impl ser::SerializeMap for MapSerializer {
    type Ok = Value;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.key = Some(key.serialize(ValueSerializer)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self.key.take().ok_or_else(|| Error("a map value without a key".into()))?;
        self.entries.push((key, value.serialize(ValueSerializer)?));
        Ok(())
    }
    fn end(self) -> Result<Value, Error> {
        Ok(Value::Map(self.entries))
    }
}

impl ser::SerializeStruct for MapSerializer {
    type Ok = Value;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.entries.push((Value::Text(key.to_owned()), value.serialize(ValueSerializer)?));
        Ok(())
    }
    fn end(self) -> Result<Value, Error> {
        Ok(Value::Map(self.entries))
    }
}

struct VariantSerializer<S> {
    variant: &'static str,
    inner: S,
}

impl ser::SerializeTupleVariant for VariantSerializer<SeqSerializer> {
    type Ok = Value;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(&mut self.inner, value)
    }
    fn end(self) -> Result<Value, Error> {
        Ok(Value::Map(vec![(Value::Text(self.variant.to_owned()), ser::SerializeSeq::end(self.inner)?)]))
    }
}

impl ser::SerializeStructVariant for VariantSerializer<MapSerializer> {
    type Ok = Value;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        ser::SerializeStruct::serialize_field(&mut self.inner, key, value)
    }
    fn end(self) -> Result<Value, Error> {
        Ok(Value::Map(vec![(Value::Text(self.variant.to_owned()), ser::SerializeStruct::end(self.inner)?)]))
    }
}

// ---------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------

/// Reads one CBOR data item that spans all of `bytes`.
pub fn from_slice_value(bytes: &[u8]) -> Result<Value, Error> {
    let mut d = Decoder::new(bytes);
    let value = decode(&mut d, 0)?;
    if d.position() != bytes.len() {
        return Err(Error(format!("{} bytes after the CBOR data item at byte {}", bytes.len() - d.position(), d.position())));
    }
    Ok(value)
}

/// Reads `T` from CBOR bytes through its serde `Deserialize`.
pub fn from_slice<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Error> {
    T::deserialize(from_slice_value(bytes)?)
}

/// Reads `T` from a decoded data item.
pub fn from_value<T: DeserializeOwned>(value: Value) -> Result<T, Error> {
    T::deserialize(value)
}

fn err_at(d: &Decoder<'_>, e: impl fmt::Display) -> Error {
    Error(format!("malformed CBOR at byte {}: {e}", d.position()))
}

/// A length read from the input, checked against what is left of it (each
/// entry takes at least `min_bytes`), so a hostile length cannot make us
/// allocate.
fn checked_len(d: &Decoder<'_>, len: u64, min_bytes: u64) -> Result<usize, Error> {
    let left = (d.input().len() - d.position()) as u64;
    if len.saturating_mul(min_bytes) > left {
        return Err(err_at(d, format!("a length of {len} is more than the input holds")));
    }
    Ok(len as usize)
}

fn decode(d: &mut Decoder<'_>, depth: usize) -> Result<Value, Error> {
    if depth > MAX_DEPTH {
        return Err(err_at(d, format!("nested deeper than {MAX_DEPTH}")));
    }
    let ty = d.datatype().map_err(|e| err_at(d, e))?;
    let e = |d: &Decoder<'_>, err: minicbor::decode::Error| err_at(d, err);
    Ok(match ty {
        Type::Bool => Value::Bool(d.bool().map_err(|err| e(d, err))?),
        Type::Null => {
            d.null().map_err(|err| e(d, err))?;
            Value::Null
        }
        Type::Undefined => {
            d.undefined().map_err(|err| e(d, err))?;
            Value::Null
        }
        Type::U8 | Type::U16 | Type::U32 | Type::U64 | Type::I8 | Type::I16 | Type::I32 | Type::I64 | Type::Int => {
            Value::Int(i128::from(d.int().map_err(|err| e(d, err))?))
        }
        Type::F16 | Type::F32 => Value::F32(d.f32().map_err(|err| e(d, err))?),
        Type::F64 => Value::F64(d.f64().map_err(|err| e(d, err))?),
        Type::Bytes => Value::Bytes(d.bytes().map_err(|err| e(d, err))?.to_vec()),
        Type::BytesIndef => {
            let mut out = Vec::new();
            let at = d.position();
            for chunk in d.bytes_iter().map_err(|err| Error(format!("malformed CBOR at byte {at}: {err}")))? {
                out.extend_from_slice(chunk.map_err(|err| Error(format!("malformed CBOR: {err}")))?);
            }
            Value::Bytes(out)
        }
        Type::String => Value::Text(d.str().map_err(|err| e(d, err))?.to_owned()),
        Type::StringIndef => {
            let mut out = String::new();
            let at = d.position();
            for chunk in d.str_iter().map_err(|err| Error(format!("malformed CBOR at byte {at}: {err}")))? {
                out.push_str(chunk.map_err(|err| Error(format!("malformed CBOR: {err}")))?);
            }
            Value::Text(out)
        }
        Type::Array | Type::ArrayIndef => {
            let len = d.array().map_err(|err| e(d, err))?;
            let mut items = Vec::new();
            match len {
                Some(len) => {
                    let len = checked_len(d, len, 1)?;
                    items.reserve(len);
                    for _ in 0..len {
                        items.push(decode(d, depth + 1)?);
                    }
                }
                None => loop {
                    if d.datatype().map_err(|err| e(d, err))? == Type::Break {
                        d.skip().map_err(|err| e(d, err))?;
                        break;
                    }
                    items.push(decode(d, depth + 1)?);
                },
            }
            Value::Array(items)
        }
        Type::Map | Type::MapIndef => {
            let len = d.map().map_err(|err| e(d, err))?;
            let mut entries = Vec::new();
            match len {
                Some(len) => {
                    let len = checked_len(d, len, 2)?;
                    entries.reserve(len);
                    for _ in 0..len {
                        let k = decode(d, depth + 1)?;
                        entries.push((k, decode(d, depth + 1)?));
                    }
                }
                None => loop {
                    if d.datatype().map_err(|err| e(d, err))? == Type::Break {
                        d.skip().map_err(|err| e(d, err))?;
                        break;
                    }
                    let k = decode(d, depth + 1)?;
                    entries.push((k, decode(d, depth + 1)?));
                },
            }
            Value::Map(entries)
        }
        Type::Tag => {
            let tag = d.tag().map_err(|err| e(d, err))?;
            Value::Tag(u64::from(tag), Box::new(decode(d, depth + 1)?))
        }
        Type::Simple | Type::Break | Type::Unknown(_) => return Err(err_at(d, format!("unexpected {ty}"))),
    })
}

impl<'de> IntoDeserializer<'de, Error> for Value {
    type Deserializer = Value;
    fn into_deserializer(self) -> Value {
        self
    }
}

impl<'de> de::Deserializer<'de> for Value {
    type Error = Error;

    fn is_human_readable(&self) -> bool {
        false
    }

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(b),
            Value::Int(i) => match (u64::try_from(i), i64::try_from(i)) {
                (Ok(u), _) => visitor.visit_u64(u),
                (_, Ok(i)) => visitor.visit_i64(i),
                _ => visitor.visit_i128(i),
            },
            Value::F32(v) => visitor.visit_f32(v),
            Value::F64(v) => visitor.visit_f64(v),
            Value::Bytes(b) => visitor.visit_byte_buf(b),
            Value::Text(t) => visitor.visit_string(t),
            Value::Array(items) => {
                let mut seq = de::value::SeqDeserializer::new(items.into_iter());
                let value = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(value)
            }
            Value::Map(entries) => {
                let mut map = de::value::MapDeserializer::new(entries.into_iter());
                let value = visitor.visit_map(&mut map)?;
                map.end()?;
                Ok(value)
            }
            // Tags are transparent: a timestamp's tag 1 leaves its epoch seconds.
            Value::Tag(_, inner) => inner.deserialize_any(visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Value::Null => visitor.visit_none(),
            other => visitor.visit_some(other),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self {
            Value::Text(t) => visitor.visit_enum(t.into_deserializer()),
            other => Err(de::Error::custom(format!("expected an enum value (text), found {other:?}"))),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
    struct S {
        a: i64,
        f: f32,
        d: f64,
        #[serde(skip_serializing_if = "Option::is_none")]
        o: Option<String>,
        l: Vec<bool>,
    }

    #[test]
    fn writes_like_botocore() {
        let s = S { a: -300, f: 1.5, d: 1.5, o: None, l: vec![true, false] };
        // map(4) "a" -300 "f" f32 "d" f64 "l" [true, false]
        assert_eq!(hex(&to_vec(&s).unwrap()), "a461613901 2b6166fa3fc000006164fb3ff8000000000000616c82f5f4".replace(' ', ""));
        assert_eq!(hex(&to_vec(&f64::NAN).unwrap()), "f97e00");
        assert_eq!(hex(&to_vec(&f64::INFINITY).unwrap()), "f97c00");
        assert_eq!(hex(&to_vec(&f32::NEG_INFINITY).unwrap()), "f9fc00");
        assert_eq!(hex(&to_vec(&u64::MAX).unwrap()), "1bffffffffffffffff");
        assert_eq!(from_slice::<S>(&to_vec(&s).unwrap()).unwrap(), s);
    }

    #[test]
    fn reads_every_well_formed_form() {
        // Indefinite map with an indefinite text key, a half float, a tag.
        let bytes = [0xbf, 0x7f, 0x61, b'a', 0xff, 0xc1, 0xf9, 0x3e, 0x00, 0xff];
        let v = from_slice_value(&bytes).unwrap();
        assert_eq!(v, Value::Map(vec![(Value::Text("a".into()), Value::Tag(1, Box::new(Value::F32(1.5))))]));
        let n: std::collections::BTreeMap<String, f64> = from_value(v).unwrap();
        assert_eq!(n["a"], 1.5);
    }

    #[test]
    fn malformed_input_is_an_error_not_a_panic() {
        let cases: &[&[u8]] = &[
            &[],
            &[0x18],                         // truncated integer
            &[0x62, b'a'],                   // truncated text
            &[0x62, 0xff, 0xfe],             // invalid UTF-8
            &[0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], // huge array length
            &[0xbb, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], // huge map length
            &[0x5b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], // huge byte string
            &[0x9f, 0x01],                   // unterminated indefinite array
            &[0xff],                         // stray break
            &[0x01, 0x02],                   // trailing bytes
            &[0xf8, 0x20],                   // simple value
            &[0x1c],                         // reserved additional info
        ];
        for bytes in cases {
            assert!(from_slice_value(bytes).is_err(), "{bytes:02x?}");
        }
        let deep: Vec<u8> = std::iter::repeat_n(0x81, 100_000).chain([0x01]).collect();
        let err = from_slice_value(&deep).unwrap_err();
        assert!(err.to_string().contains("nested deeper"), "{err}");
    }

    #[test]
    fn random_and_mutated_input_never_panics() {
        // A fixed-seed property test: truncations and byte flips of a valid
        // body, and random bytes, each decoded (error or value, no panic).
        let s = S { a: 7, f: 0.25, d: -2.5, o: Some("é".into()), l: vec![true] };
        let valid = to_vec(&s).unwrap();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for cut in 0..valid.len() {
            let _ = from_slice::<S>(&valid[..cut]);
        }
        for _ in 0..20_000 {
            let mut bytes = valid.clone();
            let flips = 1 + next() % 3;
            for _ in 0..flips {
                let i = (next() as usize) % bytes.len();
                bytes[i] = next() as u8;
            }
            let _ = from_slice::<S>(&bytes);
            let len = (next() % 24) as usize;
            let random: Vec<u8> = (0..len).map(|_| next() as u8).collect();
            let _ = from_slice_value(&random);
        }
    }
}

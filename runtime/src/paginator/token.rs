//! Pagination token values and botocore's resume-token format.
//!
//! A resume token (botocore's `resume_token`, the CLI's `NextToken` /
//! `--starting-token`) is standard base64, with `=` padding, of a JSON object
//! written exactly as Python's `json.dumps` writes it: `", "` between items,
//! `": "` after keys, every character outside printable ASCII escaped as
//! `\uXXXX` (lowercase hex, surrogate pairs above U+FFFF), floats as Python's
//! `repr`. The object holds the input token members in the order botocore
//! built its dict (config order, or the order of a decoded starting token),
//! then `boto_truncate_amount` when the token comes from a mid-page
//! truncation, then `boto_encoded_keys` (the paths of byte values, which are
//! written as base64 strings) when a value holds bytes.
//!
//! Decoding follows botocore's `_parse_starting_token`: lenient base64 (as
//! Python's non-strict `binascii.a2b_base64`), UTF-8, JSON; when that fails the
//! legacy `___` form is tried, and a string that is neither is used as a raw
//! service token.

use std::collections::HashMap;
use std::fmt::Write as _;

use base64::Engine as _;
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use super::GlueError;

/// A token value as botocore sees it: the JSON data model plus bytes, with
/// maps that keep their key order.
///
/// Tokens are strings for nearly every operation; DynamoDB `Query`/`Scan`
/// use a map of attribute values (which can hold bytes) and S3 `ListParts` an
/// integer. Equality follows Python's `==`: maps compare regardless of key
/// order, and `true == 1 == 1.0`.
#[derive(Clone, Debug, Default)]
pub enum TokenValue {
    /// JSON `null` / Python `None`: the member is removed from the request.
    /// The default.
    #[default]
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer (Python integers beyond `i64` are not supported).
    Int(i64),
    /// A float.
    Float(f64),
    /// A string.
    String(String),
    /// Bytes (a blob inside a DynamoDB key); encoded under `boto_encoded_keys`.
    Bytes(Vec<u8>),
    /// A list.
    List(Vec<TokenValue>),
    /// A map, in insertion order.
    Map(Vec<(String, TokenValue)>),
}

/// The members of a token, in order: `(input token name, value)`.
pub type TokenMap = Vec<(String, TokenValue)>;

impl TokenValue {
    /// Python truthiness: `None`, `false`, `0`, `0.0`, `""`, `b""`, `[]` and
    /// `{}` are false. botocore treats an output token that is not truthy as
    /// "no token".
    pub fn is_truthy(&self) -> bool {
        match self {
            TokenValue::Null => false,
            TokenValue::Bool(b) => *b,
            TokenValue::Int(i) => *i != 0,
            TokenValue::Float(f) => *f != 0.0,
            TokenValue::String(s) => !s.is_empty(),
            TokenValue::Bytes(b) => !b.is_empty(),
            TokenValue::List(l) => !l.is_empty(),
            TokenValue::Map(m) => !m.is_empty(),
        }
    }

    /// The string, when this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            TokenValue::String(s) => Some(s),
            _ => None,
        }
    }

    /// Converts a JSON value (no bytes; object order as `serde_json` keeps it).
    pub fn from_json(value: &serde_json::Value) -> TokenValue {
        match value {
            serde_json::Value::Null => TokenValue::Null,
            serde_json::Value::Bool(b) => TokenValue::Bool(*b),
            serde_json::Value::Number(n) => number_to_token(n),
            serde_json::Value::String(s) => TokenValue::String(s.clone()),
            serde_json::Value::Array(a) => TokenValue::List(a.iter().map(Self::from_json).collect()),
            serde_json::Value::Object(o) => TokenValue::Map(
                o.iter()
                    .map(|(k, v)| (k.clone(), Self::from_json(v)))
                    .collect(),
            ),
        }
    }

    /// Converts to JSON; bytes become standard base64 strings (the form blobs
    /// take in AWS JSON protocols).
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            TokenValue::Null => serde_json::Value::Null,
            TokenValue::Bool(b) => serde_json::Value::Bool(*b),
            TokenValue::Int(i) => serde_json::Value::from(*i),
            TokenValue::Float(f) => serde_json::Number::from_f64(*f)
                .map(serde_json::Value::Number)
                .unwrap_or(serde_json::Value::Null),
            TokenValue::String(s) => serde_json::Value::String(s.clone()),
            TokenValue::Bytes(b) => {
                serde_json::Value::String(base64::engine::general_purpose::STANDARD.encode(b))
            }
            TokenValue::List(l) => serde_json::Value::Array(l.iter().map(Self::to_json).collect()),
            TokenValue::Map(m) => serde_json::Value::Object(
                m.iter().map(|(k, v)| (k.clone(), v.to_json())).collect(),
            ),
        }
    }

    /// Converts a typed value through its `Serialize` impl, keeping map
    /// order and bytes (blobs become [`TokenValue::Bytes`]; see
    /// [`to_token`](super::to_token)).
    pub fn from_serialize<T: serde::Serialize + ?Sized>(value: &T) -> Result<TokenValue, GlueError> {
        super::to_token::to_token(value).map_err(|e| GlueError::Convert(e.to_string()))
    }

    /// Converts into a typed value through its `Deserialize` impl (via
    /// [`TokenValue::to_json`]).
    pub fn into_typed<T: serde::de::DeserializeOwned>(self) -> Result<T, GlueError> {
        serde_json::from_value(self.to_json()).map_err(|e| GlueError::Convert(e.to_string()))
    }

    /// Python's `repr()` of the value (as used in botocore's error messages):
    /// `{'NextToken': 'abc'}`, `None`, `True`, `b'\x00'`, `1.0`.
    pub fn py_repr(&self) -> String {
        let mut out = String::new();
        self.write_repr(&mut out);
        out
    }

    fn write_repr(&self, out: &mut String) {
        match self {
            TokenValue::Null => out.push_str("None"),
            TokenValue::Bool(true) => out.push_str("True"),
            TokenValue::Bool(false) => out.push_str("False"),
            TokenValue::Int(i) => {
                let _ = write!(out, "{i}");
            }
            TokenValue::Float(f) => out.push_str(&py_float_repr(*f, false)),
            TokenValue::String(s) => py_str_repr(s, out),
            TokenValue::Bytes(b) => py_bytes_repr(b, out),
            TokenValue::List(l) => {
                out.push('[');
                for (i, v) in l.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    v.write_repr(out);
                }
                out.push(']');
            }
            TokenValue::Map(m) => {
                out.push('{');
                for (i, (k, v)) in m.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    py_str_repr(k, out);
                    out.push_str(": ");
                    v.write_repr(out);
                }
                out.push('}');
            }
        }
    }

    /// Python's `json.dumps(value)` with default options. Bytes have no JSON
    /// form; they are written as base64 strings here (callers replace them
    /// first, as botocore's encoder does).
    pub fn py_json_dumps(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out);
        out
    }

    fn write_json(&self, out: &mut String) {
        match self {
            TokenValue::Null => out.push_str("null"),
            TokenValue::Bool(true) => out.push_str("true"),
            TokenValue::Bool(false) => out.push_str("false"),
            TokenValue::Int(i) => {
                let _ = write!(out, "{i}");
            }
            TokenValue::Float(f) => out.push_str(&py_float_repr(*f, true)),
            TokenValue::String(s) => py_json_str(s, out),
            TokenValue::Bytes(b) => {
                py_json_str(&base64::engine::general_purpose::STANDARD.encode(b), out)
            }
            TokenValue::List(l) => {
                out.push('[');
                for (i, v) in l.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    v.write_json(out);
                }
                out.push(']');
            }
            TokenValue::Map(m) => {
                out.push('{');
                for (i, (k, v)) in m.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    py_json_str(k, out);
                    out.push_str(": ");
                    v.write_json(out);
                }
                out.push('}');
            }
        }
    }

    fn contains_bytes(&self) -> bool {
        match self {
            TokenValue::Bytes(_) => true,
            TokenValue::List(l) => l.iter().any(Self::contains_bytes),
            TokenValue::Map(m) => m.iter().any(|(_, v)| v.contains_bytes()),
            _ => false,
        }
    }

    fn as_py_number(&self) -> Option<PyNum> {
        match self {
            TokenValue::Bool(b) => Some(PyNum::Int(*b as i64)),
            TokenValue::Int(i) => Some(PyNum::Int(*i)),
            TokenValue::Float(f) => Some(PyNum::Float(*f)),
            _ => None,
        }
    }
}

enum PyNum {
    Int(i64),
    Float(f64),
}

fn number_to_token(n: &serde_json::Number) -> TokenValue {
    if let Some(i) = n.as_i64() {
        TokenValue::Int(i)
    } else {
        TokenValue::Float(n.as_f64().unwrap_or(f64::NAN))
    }
}

impl PartialEq for TokenValue {
    /// Python's `==`.
    fn eq(&self, other: &Self) -> bool {
        if let (Some(a), Some(b)) = (self.as_py_number(), other.as_py_number()) {
            return match (a, b) {
                (PyNum::Int(a), PyNum::Int(b)) => a == b,
                (PyNum::Int(a), PyNum::Float(b)) | (PyNum::Float(b), PyNum::Int(a)) => {
                    // Python compares int and float exactly.
                    b.fract() == 0.0 && b.abs() < 9.2e18 && b as i64 == a
                }
                (PyNum::Float(a), PyNum::Float(b)) => a == b,
            };
        }
        match (self, other) {
            (TokenValue::Null, TokenValue::Null) => true,
            (TokenValue::String(a), TokenValue::String(b)) => a == b,
            (TokenValue::Bytes(a), TokenValue::Bytes(b)) => a == b,
            (TokenValue::List(a), TokenValue::List(b)) => a == b,
            (TokenValue::Map(a), TokenValue::Map(b)) => {
                if a.len() != b.len() {
                    return false;
                }
                if a.len() <= 8 {
                    return a.iter().all(|(k, v)| b.iter().any(|(k2, v2)| k == k2 && v == v2));
                }
                // Keys are unique in decoded maps; index one side so large
                // maps compare in linear time.
                let b: HashMap<&str, &TokenValue> = b.iter().map(|(k, v)| (k.as_str(), v)).collect();
                a.iter().all(|(k, v)| b.get(k.as_str()) == Some(&v))
            }
            _ => false,
        }
    }
}

impl From<&str> for TokenValue {
    fn from(s: &str) -> Self {
        TokenValue::String(s.to_owned())
    }
}

impl From<String> for TokenValue {
    fn from(s: String) -> Self {
        TokenValue::String(s)
    }
}

impl From<&String> for TokenValue {
    fn from(s: &String) -> Self {
        TokenValue::String(s.clone())
    }
}

impl From<i64> for TokenValue {
    fn from(i: i64) -> Self {
        TokenValue::Int(i)
    }
}

impl From<i32> for TokenValue {
    fn from(i: i32) -> Self {
        TokenValue::Int(i.into())
    }
}

impl From<bool> for TokenValue {
    fn from(b: bool) -> Self {
        TokenValue::Bool(b)
    }
}

impl From<Vec<u8>> for TokenValue {
    fn from(b: Vec<u8>) -> Self {
        TokenValue::Bytes(b)
    }
}

impl From<serde_json::Value> for TokenValue {
    fn from(v: serde_json::Value) -> Self {
        TokenValue::from_json(&v)
    }
}

impl<'de> Deserialize<'de> for TokenValue {
    /// Deserializes from any self-describing format, keeping map order; a
    /// repeated key keeps its first position and its last value (as Python's
    /// `json.loads`).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TokenValue;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_unit<E>(self) -> Result<TokenValue, E> {
                Ok(TokenValue::Null)
            }
            fn visit_none<E>(self) -> Result<TokenValue, E> {
                Ok(TokenValue::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<TokenValue, D::Error> {
                TokenValue::deserialize(d)
            }
            fn visit_bool<E>(self, v: bool) -> Result<TokenValue, E> {
                Ok(TokenValue::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<TokenValue, E> {
                Ok(TokenValue::Int(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<TokenValue, E> {
                Ok(i64::try_from(v).map_or(TokenValue::Float(v as f64), TokenValue::Int))
            }
            fn visit_f64<E>(self, v: f64) -> Result<TokenValue, E> {
                Ok(TokenValue::Float(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<TokenValue, E> {
                Ok(TokenValue::String(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<TokenValue, E> {
                Ok(TokenValue::String(v))
            }
            fn visit_bytes<E>(self, v: &[u8]) -> Result<TokenValue, E> {
                Ok(TokenValue::Bytes(v.to_vec()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<TokenValue, A::Error> {
                let mut out = Vec::new();
                while let Some(v) = seq.next_element()? {
                    out.push(v);
                }
                Ok(TokenValue::List(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TokenValue, A::Error> {
                let mut out: TokenMap = Vec::new();
                // Position of each key, so a token with many keys decodes in
                // linear time.
                let mut index: HashMap<String, usize> = HashMap::new();
                while let Some((k, v)) = map.next_entry::<String, TokenValue>()? {
                    match index.get(&k) {
                        Some(&i) => out[i].1 = v,
                        None => {
                            index.insert(k.clone(), out.len());
                            out.push((k, v));
                        }
                    }
                }
                Ok(TokenValue::Map(out))
            }
        }
        deserializer.deserialize_any(V)
    }
}

// ---------------------------------------------------------------------------
// Python formatting
// ---------------------------------------------------------------------------

/// Python's `repr(float)`; with `json`, `json.dumps`'s spelling of the
/// non-finite values (`NaN`, `Infinity`).
fn py_float_repr(f: f64, json: bool) -> String {
    if f.is_nan() {
        return if json { "NaN" } else { "nan" }.to_owned();
    }
    if f.is_infinite() {
        let s = if json { "Infinity" } else { "inf" };
        return if f < 0.0 { format!("-{s}") } else { s.to_owned() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0" } else { "0.0" }.to_owned();
    }
    // Shortest round-trip digit count, then the value correctly rounded to
    // that many digits (Python picks the nearest such string; Rust's shortest
    // form can differ on ties), unless that one does not round-trip.
    let shortest = format!("{:e}", f.abs());
    let n_digits = shortest.split_once('e').map_or(1, |(m, _)| m.chars().filter(char::is_ascii_digit).count());
    let nearest = format!("{:.*e}", n_digits - 1, f.abs());
    let sci = if nearest.parse::<f64>() == Ok(f.abs()) { nearest } else { shortest };
    let (mantissa, exp) = sci.split_once('e').expect("LowerExp has an exponent");
    let exp: i32 = exp.parse().expect("integer exponent");
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let sign = if f < 0.0 { "-" } else { "" };
    if !(-4..16).contains(&exp) {
        let (first, rest) = digits.split_at(1);
        let frac = if rest.is_empty() { String::new() } else { format!(".{rest}") };
        let esign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{first}{frac}e{esign}{:02}", exp.abs())
    } else if exp >= 0 {
        let int_len = exp as usize + 1;
        if digits.len() <= int_len {
            format!("{sign}{}{}.0", digits, "0".repeat(int_len - digits.len()))
        } else {
            format!("{sign}{}.{}", &digits[..int_len], &digits[int_len..])
        }
    } else {
        format!("{sign}0.{}{}", "0".repeat((-exp - 1) as usize), digits)
    }
}

/// `json.dumps` string: ASCII only (`ensure_ascii=True`).
fn py_json_str(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            ' '..='~' => out.push(c),
            _ => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    let _ = write!(out, "\\u{:04x}", unit);
                }
            }
        }
    }
    out.push('"');
}

/// Python's `str.isprintable()` for one character. Exact for ASCII, Latin-1
/// and the usual separators/format characters; code points that are merely
/// unassigned in Python's Unicode tables are treated as printable.
fn py_is_printable(c: char) -> bool {
    let u = c as u32;
    if u < 0x20 || (0x7f..=0xa0).contains(&u) || u == 0xad {
        return false;
    }
    !matches!(u,
        0x0600..=0x0605 | 0x061c | 0x06dd | 0x070f | 0x0890..=0x0891 | 0x08e2 | 0x1680
        | 0x180e | 0x2000..=0x200f | 0x2028..=0x202f | 0x205f..=0x2064 | 0x2066..=0x206f
        | 0x3000 | 0xd800..=0xf8ff | 0xfeff | 0xfff9..=0xfffb | 0xfffe..=0xffff
        | 0x110bd | 0x110cd | 0x13430..=0x1343f | 0x1bca0..=0x1bca3 | 0x1d173..=0x1d17a
        | 0xe0001 | 0xe0020..=0xe007f | 0xf0000..=0x10ffff)
        && (u & 0xfffe) != 0xfffe
}

/// Python's `repr(str)`.
fn py_str_repr(s: &str, out: &mut String) {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if py_is_printable(c) => out.push(c),
            c => {
                let u = c as u32;
                if u < 0x100 {
                    let _ = write!(out, "\\x{u:02x}");
                } else if u < 0x10000 {
                    let _ = write!(out, "\\u{u:04x}");
                } else {
                    let _ = write!(out, "\\U{u:08x}");
                }
            }
        }
    }
    out.push(quote);
}

/// Python's `repr(bytes)`.
fn py_bytes_repr(b: &[u8], out: &mut String) {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') { b'"' } else { b'\'' };
    out.push('b');
    out.push(quote as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => {
                let _ = write!(out, "\\x{c:02x}");
            }
        }
    }
    out.push(quote as char);
}

/// Python's `type(x).__name__` for a decoded JSON value.
fn py_type_name(v: &TokenValue) -> &'static str {
    match v {
        TokenValue::Null => "NoneType",
        TokenValue::Bool(_) => "bool",
        TokenValue::Int(_) => "int",
        TokenValue::Float(_) => "float",
        TokenValue::String(_) => "str",
        TokenValue::Bytes(_) => "bytes",
        TokenValue::List(_) => "list",
        TokenValue::Map(_) => "dict",
    }
}

// ---------------------------------------------------------------------------
// base64
// ---------------------------------------------------------------------------

/// Python's `base64.b64decode(s)` (non-strict `binascii.a2b_base64`):
/// characters outside the alphabet are skipped, decoding stops at a complete
/// `=` padding, and an unfinished quad is an error.
pub fn py_b64decode(s: &str) -> Result<Vec<u8>, String> {
    fn value(c: u8) -> Option<u8> {
        match c {
            b'A'..=b'Z' => Some(c - b'A'),
            b'a'..=b'z' => Some(c - b'a' + 26),
            b'0'..=b'9' => Some(c - b'0' + 52),
            b'+' => Some(62),
            b'/' => Some(63),
            _ => None,
        }
    }
    let mut out = Vec::with_capacity(s.len() / 4 * 3);
    let mut quad_pos = 0u8;
    let mut left: u8 = 0;
    let mut pads = 0u8;
    for &c in s.as_bytes() {
        if c == b'=' {
            if quad_pos >= 2 {
                pads += 1;
                if quad_pos + pads >= 4 {
                    return Ok(out);
                }
            }
            continue;
        }
        let Some(v) = value(c) else { continue };
        pads = 0;
        match quad_pos {
            0 => {
                quad_pos = 1;
                left = v;
            }
            1 => {
                quad_pos = 2;
                out.push((left << 2) | (v >> 4));
                left = v & 0x0f;
            }
            2 => {
                quad_pos = 3;
                out.push((left << 4) | (v >> 2));
                left = v & 0x03;
            }
            _ => {
                quad_pos = 0;
                out.push((left << 6) | v);
                left = 0;
            }
        }
    }
    match quad_pos {
        0 => Ok(out),
        1 => Err(format!(
            "Invalid base64-encoded string: number of data characters ({}) cannot be 1 more than a multiple of 4",
            out.len() / 3 * 4 + 1
        )),
        _ => Err("Incorrect padding".to_owned()),
    }
}

// ---------------------------------------------------------------------------
// Resume tokens
// ---------------------------------------------------------------------------

/// botocore's `TokenEncoder.encode`: JSON (Python spelling) then base64.
/// Values holding bytes are written as base64 strings and their paths listed
/// under `boto_encoded_keys`, last.
pub fn encode_token(token: &[(String, TokenValue)]) -> String {
    let map = if token.iter().any(|(_, v)| v.contains_bytes()) {
        let mut paths = Vec::new();
        let mut encoded: TokenMap = token
            .iter()
            .map(|(k, v)| {
                let mut path = vec![TokenValue::String(k.clone())];
                (k.clone(), encode_bytes(v, &mut path, &mut paths))
            })
            .collect();
        let keys = TokenValue::List(paths.into_iter().map(TokenValue::List).collect());
        match encoded.iter_mut().find(|(k, _)| k == "boto_encoded_keys") {
            Some(slot) => slot.1 = keys,
            None => encoded.push(("boto_encoded_keys".to_owned(), keys)),
        }
        TokenValue::Map(encoded)
    } else {
        TokenValue::Map(token.to_vec())
    };
    base64::engine::general_purpose::STANDARD.encode(map.py_json_dumps())
}

fn encode_bytes(v: &TokenValue, path: &mut Vec<TokenValue>, paths: &mut Vec<Vec<TokenValue>>) -> TokenValue {
    match v {
        TokenValue::Bytes(b) => {
            paths.push(path.clone());
            TokenValue::String(base64::engine::general_purpose::STANDARD.encode(b))
        }
        TokenValue::List(l) => TokenValue::List(
            l.iter()
                .enumerate()
                .map(|(i, v)| {
                    path.push(TokenValue::Int(i as i64));
                    let out = encode_bytes(v, path, paths);
                    path.pop();
                    out
                })
                .collect(),
        ),
        TokenValue::Map(m) => TokenValue::Map(
            m.iter()
                .map(|(k, v)| {
                    path.push(TokenValue::String(k.clone()));
                    let out = encode_bytes(v, path, paths);
                    path.pop();
                    (k.clone(), out)
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Why a token did not decode as botocore's JSON form.
#[derive(Debug, Clone, PartialEq)]
pub enum DecodeError {
    /// A `ValueError`/`TypeError` in botocore: the legacy form is tried next.
    NotJson(String),
    /// Any other exception in botocore, which propagates: the token is bad.
    Fatal(String),
}

/// The longest starting token accepted: 1 MiB. botocore has no limit, but
/// real tokens are a few hundred bytes (a DynamoDB key, the largest kind,
/// is at most a few kilobytes), so this is far above any of them while
/// bounding the work a hostile token can cause.
pub const MAX_TOKEN_LEN: usize = 1 << 20;

fn too_long(token: &str) -> String {
    format!(
        "Bad starting token: {} bytes long, longer than any real token (at most {MAX_TOKEN_LEN} bytes are accepted)",
        token.len()
    )
}

/// botocore's `TokenDecoder.decode`: lenient base64, UTF-8, JSON; the bytes
/// listed under `boto_encoded_keys` are restored.
///
/// Linear in the length of the token; a token longer than
/// [`MAX_TOKEN_LEN`] is refused (`Fatal`) before any decoding.
pub fn decode_token(token: &str) -> Result<TokenMap, DecodeError> {
    if token.len() > MAX_TOKEN_LEN {
        return Err(DecodeError::Fatal(too_long(token)));
    }
    let raw = py_b64decode(token).map_err(DecodeError::NotJson)?;
    let text = String::from_utf8(raw).map_err(|e| DecodeError::NotJson(e.to_string()))?;
    let value: TokenValue = serde_json::from_str(&text).map_err(|e| {
        if e.to_string().starts_with("recursion limit exceeded") {
            // Python reads deeper JSON; sending it as a raw token would hide
            // that, so it is an error (see the module docs of `paginator`).
            DecodeError::Fatal(format!(
                "Bad starting token: its JSON is nested deeper than {} levels, which is not supported",
                MAX_TOKEN_NESTING
            ))
        } else {
            DecodeError::NotJson(e.to_string())
        }
    })?;
    let mut map = match value {
        TokenValue::Map(m) => m,
        TokenValue::List(_) => {
            return Err(DecodeError::NotJson("pop expected at most 1 argument, got 2".into()))
        }
        other => {
            return Err(DecodeError::Fatal(format!(
                "'{}' object has no attribute 'pop'",
                py_type_name(&other)
            )))
        }
    };
    let encoded_keys = match map.iter().position(|(k, _)| k == "boto_encoded_keys") {
        Some(i) => map.remove(i).1,
        None => return Ok(map),
    };
    if let TokenValue::Null = encoded_keys {
        return Ok(map);
    }
    // `for key in encoded_keys`, then `for step in key`: Python iterates a
    // list by item, a string by character and a dict by key; anything else
    // is a TypeError (botocore then tries the legacy and raw forms).
    let paths = py_iter(&encoded_keys)?;
    let mut root = TokenValue::Map(map);
    let mut indexes = MapIndexes::default();
    for path in &paths {
        let steps = py_iter(path)?;
        decode_path(&mut root, &steps, &mut indexes)?;
        if let TokenValue::Map(_) = path {
            // `_path_set` slices the path (`path[:-1]`): a TypeError for a dict.
            return Err(DecodeError::NotJson("unhashable type: 'slice'".into()));
        }
    }
    match root {
        TokenValue::Map(m) => Ok(m),
        _ => unreachable!("root stays a map"),
    }
}

/// How deeply a token's JSON may nest (serde_json's limit; Python's `json`
/// stops near 1,000).
pub const MAX_TOKEN_NESTING: usize = 128;

/// The items Python's `for x in value` yields: a list's items, a string's
/// characters, a dict's keys; a `TypeError` (so `NotJson`) for the rest.
fn py_iter(value: &TokenValue) -> Result<Vec<TokenValue>, DecodeError> {
    match value {
        TokenValue::List(items) => Ok(items.clone()),
        TokenValue::String(s) => Ok(s.chars().map(|c| TokenValue::String(c.to_string())).collect()),
        TokenValue::Map(m) => Ok(m.iter().map(|(k, _)| TokenValue::String(k.clone())).collect()),
        other => Err(DecodeError::NotJson(format!("'{}' object is not iterable", py_type_name(other)))),
    }
}

/// The position of every key of the maps `boto_encoded_keys` paths went
/// through, by the map's address, so that many paths into one large map take
/// linear time. Only leaves (strings) are replaced while paths are decoded,
/// so no indexed map moves or changes its keys.
#[derive(Default)]
struct MapIndexes(HashMap<usize, HashMap<String, usize>>);

impl MapIndexes {
    fn position(&mut self, map: &TokenMap, key: &str) -> Option<usize> {
        let index = self.0.entry(map.as_ptr() as usize).or_insert_with(|| {
            let mut index = HashMap::with_capacity(map.len());
            for (i, (k, _)) in map.iter().enumerate() {
                index.entry(k.clone()).or_insert(i);
            }
            index
        });
        index.get(key).copied()
    }
}

fn decode_path(root: &mut TokenValue, path: &[TokenValue], indexes: &mut MapIndexes) -> Result<(), DecodeError> {
    let mut cur = root;
    for step in path {
        cur = match (cur, step) {
            (TokenValue::Map(m), TokenValue::String(k)) => match indexes.position(m, k) {
                Some(i) => &mut m[i].1,
                None => return Err(DecodeError::Fatal(py_repr_str(k))),
            },
            // A list or dict is not hashable: a TypeError, not a KeyError.
            (TokenValue::Map(_), TokenValue::List(_) | TokenValue::Map(_)) => {
                return Err(DecodeError::NotJson("unhashable type".into()))
            }
            (TokenValue::Map(_), other) => return Err(DecodeError::Fatal(other.py_repr())),
            (TokenValue::List(l), TokenValue::Int(_) | TokenValue::Bool(_)) => {
                let i = match step {
                    TokenValue::Int(i) => *i,
                    TokenValue::Bool(b) => *b as i64,
                    _ => unreachable!(),
                };
                let len = l.len() as i64;
                let idx = if i < 0 { i + len } else { i };
                if idx < 0 || idx >= len {
                    return Err(DecodeError::Fatal("list index out of range".into()));
                }
                &mut l[idx as usize]
            }
            _ => return Err(DecodeError::NotJson("bad boto_encoded_keys path".into())),
        };
    }
    match cur {
        TokenValue::String(s) => {
            let bytes = py_b64decode(s).map_err(DecodeError::NotJson)?;
            *cur = TokenValue::Bytes(bytes);
            Ok(())
        }
        other => Err(DecodeError::Fatal(format!(
            "'{}' object has no attribute 'encode'",
            py_type_name(other)
        ))),
    }
}

fn py_repr_str(s: &str) -> String {
    let mut out = String::new();
    py_str_repr(s, &mut out);
    out
}

/// A decoded `StartingToken`: the token members to inject and the number of
/// items to skip on the first page.
#[derive(Clone, Debug, PartialEq)]
pub struct StartingToken {
    /// Members to inject, in the order botocore holds them.
    pub tokens: TokenMap,
    /// `boto_truncate_amount` (0 when absent); negative values slice from the
    /// end, as Python does.
    pub skip: i64,
}

/// botocore's `_parse_starting_token`: the JSON form, else the legacy `___`
/// form, else a raw service token. `Err` carries the message of botocore's
/// exception (`Bad starting token: ...` for a legacy token with too many parts).
pub fn parse_starting_token(token: &str, input_tokens: &[String]) -> Result<StartingToken, String> {
    if token.len() > MAX_TOKEN_LEN {
        return Err(too_long(token));
    }
    match decode_token(token) {
        Ok(mut map) => {
            let mut skip = 0;
            if let Some(i) = map.iter().position(|(k, _)| k == "boto_truncate_amount") {
                skip = match map.remove(i).1 {
                    TokenValue::Int(n) => n,
                    TokenValue::Bool(b) => b as i64,
                    other => {
                        return Err(format!(
                            "Bad starting token: boto_truncate_amount must be an integer, not {}",
                            other.py_repr()
                        ))
                    }
                };
            }
            Ok(StartingToken { tokens: map, skip })
        }
        Err(DecodeError::Fatal(message)) => Err(message),
        Err(DecodeError::NotJson(_)) => parse_legacy(token, input_tokens),
    }
}

fn parse_legacy(token: &str, input_tokens: &[String]) -> Result<StartingToken, String> {
    let mut parts: Vec<&str> = token.split("___").collect();
    let mut skip = 0;
    if parts.len() == input_tokens.len() + 1 {
        match py_int(parts[parts.len() - 1]) {
            Some(n) => {
                skip = n;
                parts.pop();
            }
            None => parts = vec![token],
        }
    }
    if parts.len() > input_tokens.len() {
        return Err(format!("Bad starting token: {token}"));
    }
    let tokens = input_tokens
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let v = match parts.get(i) {
                Some(&"None") | None => TokenValue::Null,
                Some(p) => TokenValue::String((*p).to_owned()),
            };
            (name.clone(), v)
        })
        .collect();
    Ok(StartingToken { tokens, skip })
}

/// Python's `int(str)`: surrounding whitespace, a sign, and single
/// underscores between digits, which may be any Unicode decimal digits
/// (`int("١٢") == 12`). Values beyond `i64` saturate.
fn py_int(s: &str) -> Option<i64> {
    let s = s.trim_matches(|c: char| c.is_whitespace());
    let (neg, digits) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    if digits.is_empty() || digits.starts_with('_') || digits.ends_with('_') || digits.contains("__") {
        return None;
    }
    let mut n: i128 = 0;
    for c in digits.chars() {
        if c == '_' {
            continue;
        }
        let digit = unicode_decimal(c)?;
        n = (n * 10 + i128::from(digit)).min(i64::MAX as i128 + 1);
    }
    let n = if neg { -n } else { n };
    Some(n.clamp(i64::MIN as i128, i64::MAX as i128) as i64)
}

/// The zero of every run of Unicode decimal digits (category Nd; each run
/// holds 0-9 in order), from Python 3.11's `unicodedata.decimal`.
const DECIMAL_ZEROS: [u32; 66] = [
    0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50, 0xed0,
    0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620,
    0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10, 0x104a0, 0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0,
    0x112f0, 0x11450, 0x114d0, 0x11650, 0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60,
    0x16ac0, 0x16b50, 0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
];

/// The value of a Unicode decimal digit, as Python's `int()` reads it.
fn unicode_decimal(c: char) -> Option<u32> {
    let u = c as u32;
    let i = DECIMAL_ZEROS.partition_point(|&zero| zero <= u);
    let zero = DECIMAL_ZEROS[i.checked_sub(1)?];
    (u - zero < 10).then_some(u - zero)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> TokenValue {
        TokenValue::from(v)
    }

    #[test]
    fn encodes_like_botocore() {
        let t = vec![("NextToken".to_owned(), s("t1")), ("boto_truncate_amount".to_owned(), TokenValue::Int(1))];
        assert_eq!(encode_token(&t), "eyJOZXh0VG9rZW4iOiAidDEiLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxfQ==");
        let t = vec![("NextToken".to_owned(), s("é\u{7f}😀/"))];
        let json = String::from_utf8(base64::engine::general_purpose::STANDARD.decode(encode_token(&t)).unwrap()).unwrap();
        assert_eq!(json, r#"{"NextToken": "\u00e9\u007f\ud83d\ude00/"}"#);
    }

    #[test]
    fn bytes_round_trip() {
        let key = TokenValue::Map(vec![
            ("pk".into(), TokenValue::Map(vec![("S".into(), s("a"))])),
            ("bin".into(), TokenValue::Map(vec![("B".into(), TokenValue::Bytes(vec![0, 1, 255]))])),
        ]);
        let t = vec![("ExclusiveStartKey".to_owned(), key)];
        let enc = encode_token(&t);
        let json = String::from_utf8(base64::engine::general_purpose::STANDARD.decode(&enc).unwrap()).unwrap();
        assert_eq!(
            json,
            r#"{"ExclusiveStartKey": {"pk": {"S": "a"}, "bin": {"B": "AAH/"}}, "boto_encoded_keys": [["ExclusiveStartKey", "bin", "B"]]}"#
        );
        assert_eq!(decode_token(&enc).unwrap(), t);
    }

    #[test]
    fn float_repr() {
        for (f, r) in [(1.0, "1.0"), (1e16, "1e+16"), (1e-5, "1e-05"), (0.0001, "0.0001"), (123.456, "123.456"), (1.5e300, "1.5e+300"), (-2.5, "-2.5"), (1e15, "1000000000000000.0")] {
            assert_eq!(py_float_repr(f, false), r);
        }
    }

    #[test]
    fn repr_matches_python() {
        let v = TokenValue::Map(vec![
            ("a".into(), s("é\u{0}\u{2028}\u{a0}😀")),
            ("b".into(), TokenValue::Bytes(b"\x00'\"".to_vec())),
            ("c".into(), TokenValue::Float(1.0)),
            ("f".into(), TokenValue::Null),
            ("g".into(), TokenValue::Bool(true)),
            ("h".into(), s("it's")),
        ]);
        assert_eq!(
            v.py_repr(),
            r#"{'a': 'é\x00\u2028\xa0😀', 'b': b'\x00\'"', 'c': 1.0, 'f': None, 'g': True, 'h': "it's"}"#
        );
    }

    #[test]
    fn lenient_base64() {
        assert_eq!(py_b64decode("YQ==x").unwrap(), b"a");
        assert_eq!(py_b64decode("Y=Q==").unwrap(), b"a");
        assert_eq!(py_b64decode("abc").unwrap_err(), "Incorrect padding");
        assert_eq!(py_b64decode("MTIz").unwrap(), b"123");
        assert_eq!(py_b64decode("").unwrap(), b"");
        assert!(py_b64decode("abcde").unwrap_err().contains("(5)"));
    }

    #[test]
    fn starting_token_forms() {
        let names = vec!["NextToken".to_owned()];
        let st = parse_starting_token("t1___2", &names).unwrap();
        assert_eq!(st, StartingToken { tokens: vec![("NextToken".into(), s("t1"))], skip: 2 });
        let st = parse_starting_token("a___b", &names).unwrap();
        assert_eq!(st.tokens, vec![("NextToken".into(), s("a___b"))]);
        assert_eq!(parse_starting_token("a___b___c", &names).unwrap_err(), "Bad starting token: a___b___c");
        assert_eq!(parse_starting_token("MTIz", &names).unwrap_err(), "'int' object has no attribute 'pop'");
        let st = parse_starting_token("None___1", &names).unwrap();
        assert_eq!(st, StartingToken { tokens: vec![("NextToken".into(), TokenValue::Null)], skip: 1 });
        assert_eq!(py_int(" 1_0 "), Some(10));
        assert_eq!(py_int("1__0"), None);
        assert_eq!(py_int("-3"), Some(-3));
    }

    /// Decoding is linear in the size of the token: key lookups, repeated
    /// keys and `boto_encoded_keys` paths used to scan the map each time
    /// (a 1.6 MB token took 10.7 s; issue 12, finding 5).
    #[test]
    fn decoding_is_linear_in_the_number_of_keys() {
        let n = 10_000;
        let keys: TokenMap = (0..n).map(|i| (format!("key{i}"), TokenValue::Bytes(vec![i as u8]))).collect();
        let token = encode_token(&[("ExclusiveStartKey".to_owned(), TokenValue::Map(keys.clone()))]);
        assert!(token.len() < MAX_TOKEN_LEN, "{}", token.len());
        let start = std::time::Instant::now();
        let decoded = decode_token(&token).unwrap();
        assert_eq!(decoded, vec![("ExclusiveStartKey".to_owned(), TokenValue::Map(keys))]);
        let n = 45_000;
        let flat: String = (0..n).map(|i| format!(", \"k{i}\": {i}")).collect();
        let token = base64::engine::general_purpose::STANDARD.encode(format!("{{\"a\": 0{flat}}}"));
        assert!(token.len() < MAX_TOKEN_LEN, "{}", token.len());
        assert_eq!(decode_token(&token).unwrap().len(), n + 1);
        let elapsed = start.elapsed();
        assert!(elapsed < std::time::Duration::from_millis(1500), "{elapsed:?}");
    }

    /// botocore has no limit; a token longer than any real one is refused
    /// with a clear error before any decoding.
    #[test]
    fn tokens_longer_than_the_cap_are_refused() {
        let names = vec!["NextToken".to_owned()];
        let huge = "A".repeat(MAX_TOKEN_LEN + 1);
        let err = parse_starting_token(&huge, &names).map(|_| ()).unwrap_err();
        assert!(err.starts_with("Bad starting token: ") && err.contains("longer than"), "{err}");
        assert!(matches!(decode_token(&huge), Err(DecodeError::Fatal(e)) if e.contains("longer than")));
        assert!(parse_starting_token(&"A".repeat(MAX_TOKEN_LEN), &names).is_ok_and(|t| t.tokens.len() == 1));
    }

    fn b64(json: &str) -> String {
        base64::engine::general_purpose::STANDARD.encode(json)
    }

    /// `boto_encoded_keys` and its paths are iterated as Python iterates
    /// them (issue 12, finding 9): a number is a `TypeError` (botocore then
    /// reads the token as a legacy or raw one and keeps paging), a string is
    /// iterated by character, a dict by key (botocore then fails slicing it:
    /// a `TypeError`); a list used as a dict key is a `TypeError` too. Each
    /// case checked against botocore 1.44.8's `TokenDecoder`.
    #[test]
    fn boto_encoded_keys_iterate_as_python_does() {
        let bytes = |k: &str| vec![(k.to_owned(), TokenValue::Bytes(vec![0]))];
        for json in [r#"{"k": "AA==", "boto_encoded_keys": [5]}"#, r#"{"k": "AA==", "boto_encoded_keys": [null]}"#,
            r#"{"k": {"a": "AA=="}, "boto_encoded_keys": [["k", ["a"]]]}"#, r#"{"k": "AA==", "boto_encoded_keys": 5}"#]
        {
            assert!(matches!(decode_token(&b64(json)), Err(DecodeError::NotJson(_))), "{json}");
            let st = parse_starting_token(&b64(json), &["NextToken".to_owned()]).unwrap();
            assert_eq!(st.tokens, vec![("NextToken".to_owned(), s(&b64(json)))], "{json}");
        }
        assert_eq!(decode_token(&b64(r#"{"k": "AA==", "boto_encoded_keys": ["k"]}"#)).unwrap(), bytes("k"));
        assert!(matches!(decode_token(&b64(r#"{"k": "AA==", "boto_encoded_keys": [{"k": 1}]}"#)), Err(DecodeError::NotJson(_))));
        assert_eq!(decode_token(&b64(r#"{"k": "AA==", "boto_encoded_keys": "k"}"#)).unwrap(), bytes("k"));
        assert_eq!(decode_token(&b64(r#"{"k": "AA==", "boto_encoded_keys": {"k": 0}}"#)).unwrap(), bytes("k"));
        // A missing key is a KeyError, which botocore does not catch.
        assert!(matches!(decode_token(&b64(r#"{"k": "AA==", "boto_encoded_keys": ["x"]}"#)), Err(DecodeError::Fatal(_))));
    }

    /// Python's `int()` reads every Unicode decimal digit, so a legacy
    /// token's skip count may use them (issue 12, finding 9).
    #[test]
    fn legacy_skip_counts_take_unicode_digits() {
        assert_eq!(py_int("\u{661}\u{662}"), Some(12)); // Arabic-Indic
        assert_eq!(py_int("\u{FF13}"), Some(3)); // fullwidth
        assert_eq!(py_int("\u{1D7D9}"), Some(1)); // mathematical double-struck
        assert_eq!(py_int("\u{B2}"), None); // superscript two is not a decimal digit
        let st = parse_starting_token("abc___\u{967}", &["NextToken".to_owned()]).unwrap();
        assert_eq!(st, StartingToken { tokens: vec![("NextToken".into(), s("abc"))], skip: 1 });
    }

    /// JSON nested deeper than serde_json's 128 levels (Python's `json`
    /// reads about 1,000) is refused with a clear error instead of being
    /// sent to the service as a raw token (issue 12, finding 9: documented
    /// as a deliberate difference).
    #[test]
    fn deeply_nested_tokens_are_refused() {
        let deep = format!("{{\"k\": {}1{}}}", "[".repeat(200), "]".repeat(200));
        let err = parse_starting_token(&b64(&deep), &["NextToken".to_owned()]).unwrap_err();
        assert!(err.starts_with("Bad starting token") && err.contains("nested deeper than"), "{err}");
        let ok = format!("{{\"k\": {}1{}}}", "[".repeat(100), "]".repeat(100));
        assert!(parse_starting_token(&b64(&ok), &["NextToken".to_owned()]).is_ok());
    }

    #[test]
    fn python_equality() {
        assert_eq!(TokenValue::Int(1), TokenValue::Float(1.0));
        assert_eq!(TokenValue::Bool(true), TokenValue::Int(1));
        assert_ne!(s("1"), TokenValue::Int(1));
        let a = TokenValue::Map(vec![("x".into(), s("1")), ("y".into(), s("2"))]);
        let b = TokenValue::Map(vec![("y".into(), s("2")), ("x".into(), s("1"))]);
        assert_eq!(a, b);
    }
}

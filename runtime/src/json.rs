//! A fast path for reading generated types from JSON, with serde_json as the
//! authority.
//!
//! Every generated structure, union and string enum implements
//! [`FromJson`], generated from the same model facts as its serde
//! `Deserialize` (member names, `null` handling, timestamp and blob forms,
//! unknown members). [`from_slice`] tries that reader first and, whenever it
//! declines, reads the input again with serde_json. The reader only ever
//! *accepts* input it decodes exactly as serde_json would; for everything
//! else (any error, and rare forms: strings with escapes, fractional
//! numbers, documents, members it does not know) it either hands that one
//! value to serde_json at the same position or declines the whole input.
//! So [`from_slice`] returns what `serde_json::from_slice` returns (the same
//! value, or the same error with the same line and column), and the tests
//! (`tests/fast_json.rs`) check exactly that over every vector of the
//! repository and over mutated inputs.
//!
//! Why: serde's derived visitors, `Option` wrappers and field identifiers
//! cost about a third of the time of reading a response page. The reader
//! here goes straight from bytes to fields: it scans strings eight bytes at a
//! time, matches member names with one `match`, and writes each member in
//! place. See `bench/README.md` for the figures.

use indexmap::IndexMap;
use serde::de::{DeserializeOwned, IgnoredAny};

type Timestamp = chrono::DateTime<chrono::Utc>;

/// serde_json's nesting limit: it refuses the 128th nested array or object.
const MAX_DEPTH: usize = 128;

/// The fast path does not take this input (or this value); serde_json reads
/// it instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Declined;

/// The result of a fast-path read.
pub type Result<T> = std::result::Result<T, Declined>;

/// Implemented by generated types (and the primitives they contain): read
/// one value at the reader's position, or decline.
pub trait FromJson: Sized {
    /// Reads one value (leading whitespace allowed).
    fn from_json(r: &mut Reader<'_>) -> Result<Self>;
}

/// Deserializes `T` from a JSON document: the same value, or the same
/// error, as `serde_json::from_slice::<T>`, in about two thirds of the time
/// for the generated types (see the module docs).
///
/// The client decodes every response body with this; a hand-written page
/// fetcher for a paginator should too.
pub fn from_slice<T: FromJson + DeserializeOwned>(bytes: &[u8]) -> serde_json::Result<T> {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => match read(text) {
            Ok(value) => Ok(value),
            Err(Declined) => serde_json::from_str(text),
        },
        Err(_) => serde_json::from_slice(bytes),
    }
}

/// The fast path alone: `Err(Declined)` where [`from_slice`] would fall back
/// to serde_json. For tests and benchmarks.
pub fn read<T: FromJson>(text: &str) -> Result<T> {
    let mut r = Reader { text, pos: 0, depth: 0 };
    let value = T::from_json(&mut r)?;
    match r.peek() {
        None => Ok(value),
        Some(_) => Err(Declined), // trailing characters
    }
}

/// Bits for "this member was already read": serde's derived structs reject
/// a member given twice, so the reader declines such objects.
#[derive(Debug)]
pub struct Seen<const WORDS: usize>([u64; WORDS]);

impl<const WORDS: usize> Seen<WORDS> {
    /// No member seen yet.
    pub fn new() -> Self {
        Seen([0; WORDS])
    }

    /// Marks member `index`; declines when it was already marked.
    #[inline]
    pub fn first(&mut self, index: usize) -> Result<()> {
        let (word, bit) = (index / 64, 1u64 << (index % 64));
        if self.0[word] & bit != 0 {
            return Err(Declined);
        }
        self.0[word] |= bit;
        Ok(())
    }
}

impl<const WORDS: usize> Default for Seen<WORDS> {
    fn default() -> Self {
        Self::new()
    }
}

/// A position in a JSON document (already checked to be UTF-8).
#[derive(Debug)]
pub struct Reader<'a> {
    text: &'a str,
    pos: usize,
    /// Open arrays and objects.
    depth: usize,
}

impl<'a> Reader<'a> {
    #[inline]
    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    /// The next byte after whitespace (not consumed).
    #[inline]
    fn peek(&mut self) -> Option<u8> {
        let bytes = self.bytes();
        while let Some(&b) = bytes.get(self.pos) {
            if !matches!(b, b' ' | b'\n' | b'\t' | b'\r') {
                return Some(b);
            }
            self.pos += 1;
        }
        None
    }

    /// Consumes `byte` (after whitespace), or declines.
    #[inline]
    fn eat(&mut self, byte: u8) -> Result<()> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(Declined)
        }
    }

    /// Consumes the literal `null` if it is next.
    #[inline]
    fn null(&mut self) -> bool {
        if self.peek() == Some(b'n') && self.bytes()[self.pos..].starts_with(b"null") {
            self.pos += 4;
            true
        } else {
            false
        }
    }

    /// Hands the next value to serde_json (`T`'s own `Deserialize`) and
    /// moves past it.
    fn serde<T: DeserializeOwned>(&mut self) -> Result<T> {
        let mut values = serde_json::Deserializer::from_str(&self.text[self.pos..]).into_iter::<T>();
        match values.next() {
            Some(Ok(value)) => {
                self.pos += values.byte_offset();
                Ok(value)
            }
            _ => Err(Declined),
        }
    }

    /// A string without escapes, borrowed; `None` (nothing consumed) when it
    /// has escapes, which the caller then hands to serde_json. Declines on
    /// anything else (control characters, no string, no closing quote).
    #[inline]
    fn plain_str(&mut self) -> Result<Option<&'a str>> {
        if self.peek() != Some(b'"') {
            return Err(Declined);
        }
        let bytes = self.bytes();
        let start = self.pos + 1;
        let end = start + escape_or_quote(&bytes[start..]);
        match bytes.get(end) {
            Some(b'"') => {
                self.pos = end + 1;
                // Both ends are ASCII quotes in text that is UTF-8.
                Ok(Some(&self.text[start..end]))
            }
            Some(b'\\') => Ok(None),
            _ => Err(Declined),
        }
    }

    /// A string, as `String`.
    #[inline]
    pub fn string(&mut self) -> Result<String> {
        match self.plain_str()? {
            Some(s) => Ok(s.to_owned()),
            None => self.serde(),
        }
    }

    /// A string enum: known values without allocating, as serde reads them.
    #[inline]
    pub fn string_enum<T: for<'s> From<&'s str> + From<String>>(&mut self) -> Result<T> {
        match self.plain_str()? {
            Some(s) => Ok(T::from(s)),
            None => self.serde::<String>().map(T::from),
        }
    }

    /// A base64 blob (`wire::Base64`).
    pub fn blob(&mut self) -> Result<Vec<u8>> {
        use base64::Engine as _;
        let decode = |s: &str| base64::engine::general_purpose::STANDARD.decode(s).map_err(|_| Declined);
        match self.plain_str()? {
            Some(s) => decode(s),
            None => decode(&self.serde::<String>()?),
        }
    }

    /// A JSON integer without fraction or exponent that fits in 18 digits
    /// (and is not `-0`, which serde_json reads as a float); `None`, with
    /// nothing consumed, for any other number.
    #[inline]
    fn integer(&mut self) -> Result<Option<i64>> {
        let bytes = self.bytes();
        let start = match self.peek() {
            Some(b'-' | b'0'..=b'9') => self.pos,
            _ => return Err(Declined),
        };
        let negative = bytes[start] == b'-';
        let digits_start = start + usize::from(negative);
        let mut i = digits_start;
        let mut value: i64 = 0;
        while let Some(&b) = bytes.get(i) {
            if !b.is_ascii_digit() || i - digits_start == 18 {
                break;
            }
            value = value * 10 + i64::from(b - b'0');
            i += 1;
        }
        let digits = i - digits_start;
        let other_form = digits == 0
            || matches!(bytes.get(i), Some(b'0'..=b'9' | b'.' | b'e' | b'E'))
            || (digits > 1 && bytes[digits_start] == b'0')
            || (negative && value == 0);
        if other_form {
            return Ok(None);
        }
        self.pos = i;
        Ok(Some(if negative { -value } else { value }))
    }

    /// Any value of `T`.
    #[inline]
    pub fn value<T: FromJson>(&mut self) -> Result<T> {
        T::from_json(self)
    }

    /// `None` for `null`, else what `read` reads (an optional member, or an
    /// element of a sparse list).
    #[inline]
    pub fn nullable<T>(&mut self, read: impl FnOnce(&mut Self) -> Result<T>) -> Result<Option<T>> {
        if self.null() {
            Ok(None)
        } else {
            read(self).map(Some)
        }
    }

    /// A required member: `null` reads as the default value, as
    /// `wire::DefaultOnNull` does (Smithy's error correction).
    #[inline]
    pub fn required<T: Default>(&mut self, read: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        Ok(self.nullable(read)?.unwrap_or_default())
    }

    #[inline]
    fn enter(&mut self, open: u8) -> Result<()> {
        self.eat(open)?;
        self.depth += 1;
        if self.depth >= MAX_DEPTH {
            return Err(Declined);
        }
        Ok(())
    }

    /// The elements of an array, each read by `read`.
    pub fn list<T>(&mut self, mut read: impl FnMut(&mut Self) -> Result<T>) -> Result<Vec<T>> {
        self.enter(b'[')?;
        let mut out = Vec::new();
        if self.peek() == Some(b']') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(out);
        }
        loop {
            out.push(read(self)?);
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    self.depth -= 1;
                    return Ok(out);
                }
                _ => return Err(Declined),
            }
        }
    }

    /// An object's members in order: `member` gets each name and reads (or
    /// skips) its value.
    #[inline]
    pub fn object(&mut self, mut member: impl FnMut(&mut Self, &str) -> Result<()>) -> Result<()> {
        self.enter(b'{')?;
        if self.peek() == Some(b'}') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(());
        }
        loop {
            match self.plain_str()? {
                Some(name) => {
                    self.eat(b':')?;
                    member(self, name)?;
                }
                None => {
                    let name: String = self.serde()?;
                    self.eat(b':')?;
                    member(self, &name)?;
                }
            }
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    self.depth -= 1;
                    return Ok(());
                }
                _ => return Err(Declined),
            }
        }
    }

    /// A map (string or enum keys), in the order of the input; a repeated
    /// key keeps its first position and its last value, as serde's
    /// `IndexMap` does.
    pub fn map<K, V>(&mut self, mut read: impl FnMut(&mut Self) -> Result<V>) -> Result<IndexMap<K, V>>
    where
        K: for<'s> From<&'s str> + std::hash::Hash + Eq,
    {
        let mut out = IndexMap::new();
        self.object(|r, key| {
            let value = read(r)?;
            out.insert(K::from(key), value);
            Ok(())
        })?;
        Ok(out)
    }

    /// A union: `member` decodes a member by name (`Ok(None)` for `null`).
    /// `__type` is skipped; no member, or more than one, is serde's error,
    /// so the reader declines.
    pub fn union<U>(&mut self, mut member: impl FnMut(&mut Self, &str) -> Result<Option<U>>) -> Result<U> {
        let mut found = None;
        self.object(|r, name| {
            if name == "__type" {
                return r.skip();
            }
            if let Some(value) = member(r, name)? {
                if found.replace(value).is_some() {
                    return Err(Declined);
                }
            }
            Ok(())
        })?;
        found.ok_or(Declined)
    }

    /// Skips a value of a member the type does not have (serde_json's
    /// `IgnoredAny`, which checks the value's syntax).
    pub fn skip(&mut self) -> Result<()> {
        self.serde::<IgnoredAny>().map(|_| ())
    }

    /// A JSON document (`serde_json::Value`), e.g. an unknown union member.
    pub fn document(&mut self) -> Result<serde_json::Value> {
        let value: serde_json::Value = self.serde()?;
        if self.depth + nesting(&value) >= MAX_DEPTH {
            return Err(Declined); // serde_json would stop at its nesting limit
        }
        Ok(value)
    }
}

/// Offset of the first `"`, `\` or control character (or the length).
#[inline]
fn escape_or_quote(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = 0;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let quote = word ^ (ONES * u64::from(b'"'));
        let backslash = word ^ (ONES * u64::from(b'\\'));
        // A byte is flagged when it is zero after the XOR (quote, backslash)
        // or below 0x20; bytes >= 0x80 are never flagged (`& !word`).
        let found = (quote.wrapping_sub(ONES) & !quote)
            | (backslash.wrapping_sub(ONES) & !backslash)
            | (word.wrapping_sub(ONES * 0x20) & !word);
        let found = found & HIGH;
        if found != 0 {
            return i + (found.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&b) = bytes.get(i) {
        if b == b'"' || b == b'\\' || b < 0x20 {
            return i;
        }
        i += 1;
    }
    i
}

/// How deeply a value nests arrays and objects (0 for a scalar).
fn nesting(value: &serde_json::Value) -> usize {
    match value {
        serde_json::Value::Array(items) => 1 + items.iter().map(nesting).max().unwrap_or(0),
        serde_json::Value::Object(map) => 1 + map.values().map(nesting).max().unwrap_or(0),
        _ => 0,
    }
}

impl FromJson for String {
    #[inline]
    fn from_json(r: &mut Reader<'_>) -> Result<Self> {
        r.string()
    }
}

impl FromJson for bool {
    fn from_json(r: &mut Reader<'_>) -> Result<Self> {
        let rest = match r.peek() {
            Some(b't' | b'f') => &r.bytes()[r.pos..],
            _ => return Err(Declined),
        };
        let (value, len) = if rest.starts_with(b"true") {
            (true, 4)
        } else if rest.starts_with(b"false") {
            (false, 5)
        } else {
            return Err(Declined);
        };
        r.pos += len;
        Ok(value)
    }
}

macro_rules! integers {
    ($($t:ty),*) => {$(
        impl FromJson for $t {
            #[inline]
            fn from_json(r: &mut Reader<'_>) -> Result<Self> {
                match r.integer()? {
                    Some(value) => <$t>::try_from(value).map_err(|_| Declined),
                    None => r.serde(),
                }
            }
        }
    )*};
}

integers!(i8, i16, i32, i64);

macro_rules! floats {
    ($($t:ty),*) => {$(
        impl FromJson for $t {
            fn from_json(r: &mut Reader<'_>) -> Result<Self> {
                match r.integer()? {
                    // As serde_json does for an integer token: `as` from i64.
                    Some(value) => Ok(value as $t),
                    None => r.serde(),
                }
            }
        }
    )*};
}

floats!(f32, f64);

impl FromJson for serde_json::Value {
    fn from_json(r: &mut Reader<'_>) -> Result<Self> {
        r.document()
    }
}

/// Timestamps in any form the timestamp adapters of [`crate::wire`] read
/// (they all read the same forms; only writing differs).
impl FromJson for Timestamp {
    #[inline]
    fn from_json(r: &mut Reader<'_>) -> Result<Self> {
        use chrono::TimeZone as _;
        if r.peek() == Some(b'"') {
            if let Some(text) = r.plain_str()? {
                return crate::wire::parse_timestamp(text).ok_or(Declined);
            }
        } else if let Some(secs) = r.integer()? {
            return chrono::Utc.timestamp_opt(secs, 0).single().ok_or(Declined);
        }
        r.serde::<serde_with::de::DeserializeAsWrap<Timestamp, crate::wire::DateTime>>()
            .map(|wrapped| wrapped.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_to_the_first_quote_escape_or_control_character() {
        for (text, at) in [
            ("", 0),
            ("abc", 3),
            ("abc\"", 3),
            ("abcdefgh\"", 8),
            ("abcdefghijklmnop\\n\"", 16),
            ("héllo wörld, ça va\"", "héllo wörld, ça va".len()),
            ("tab\there", 3),
            ("0123456\u{1f}", 7),
            ("\u{7f}\u{7f}\"", 2), // DEL is not a control character for JSON
        ] {
            assert_eq!(escape_or_quote(text.as_bytes()), at, "{text:?}");
        }
    }

    #[test]
    fn integers_only_in_serde_json_integer_form() {
        let int = |text: &str| Reader { text, pos: 0, depth: 0 }.integer();
        assert_eq!(int("0"), Ok(Some(0)));
        assert_eq!(int(" -12,"), Ok(Some(-12)));
        assert_eq!(int("999999999999999999"), Ok(Some(999_999_999_999_999_999)));
        for other in ["-0", "01", "1.5", "1e3", "1E3", "1234567890123456789", "-"] {
            assert_eq!(int(other), Ok(None), "{other}");
        }
        assert_eq!(int("x"), Err(Declined));
    }

    #[test]
    fn duplicate_members_are_declined() {
        let mut seen = Seen::<2>::new();
        assert_eq!(seen.first(3), Ok(()));
        assert_eq!(seen.first(70), Ok(()));
        assert_eq!(seen.first(3), Err(Declined));
        assert_eq!(seen.first(70), Err(Declined));
    }

    #[test]
    fn primitives_match_serde_json() {
        fn check<T: FromJson + DeserializeOwned + PartialEq + std::fmt::Debug>(text: &str) {
            let fast = read::<T>(text).ok();
            let serde = serde_json::from_str::<T>(text).ok();
            if let Some(fast) = fast {
                assert_eq!(Some(fast), serde, "{text}");
            }
        }
        for text in ["1", "-1", "127", "128", "-129", "1.0", "1e2", "-0", "null", "\"1\"", "99999999999999999999"] {
            check::<i8>(text);
            check::<i32>(text);
            check::<i64>(text);
            check::<f32>(text);
            check::<f64>(text);
        }
        for text in ["true", "false", "tru", "null", "1"] {
            check::<bool>(text);
        }
        for text in [r#""a""#, r#""a\"b""#, r#""\u00e9""#, r#""\ud800""#, "\"a\tb\"", r#""a"#, "1"] {
            check::<String>(text);
        }
        for text in [r#""2024-05-01T12:00:00.123Z""#, "1714564800", "1714564800.5", "-1", r#""bad""#, r#""2024-05-01T12:00:00\u005a""#] {
            let fast = read::<Timestamp>(text).ok();
            let serde = serde_json::from_str::<serde_with::de::DeserializeAsWrap<Timestamp, crate::wire::DateTime>>(text)
                .ok()
                .map(|t| t.into_inner());
            assert!(fast.is_none() || fast == serde, "{text}");
        }
        assert!(read::<Timestamp>(r#""2024-05-01T12:00:00.123Z""#).is_ok());
        assert!(read::<Timestamp>("1714564800.5").is_ok());
        assert_eq!(read::<i32>("12 "), Ok(12));
        assert_eq!(read::<i32>("12 x"), Err(Declined));
        assert_eq!(read::<String>(r#""a\"b""#), Ok("a\"b".to_owned()));
    }

    #[test]
    fn documents_respect_serde_json_nesting_limit() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(read::<serde_json::Value>(&deep(127)).is_ok());
        assert_eq!(read::<serde_json::Value>(&deep(128)), Err(Declined));
        assert!(serde_json::from_str::<serde_json::Value>(&deep(127)).is_ok());
        assert!(serde_json::from_str::<serde_json::Value>(&deep(128)).is_err());
    }
}

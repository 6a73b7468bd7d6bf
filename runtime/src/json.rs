//! Reading generated types from JSON: one reader per type, generated from
//! the model, with serde_json's values.
//!
//! Every generated structure, union and string enum implements
//! [`FromJson`], generated from the same model facts as its serde
//! `Deserialize` (member names, `null` handling, timestamp and blob forms,
//! unknown members). The reader accepts exactly the documents
//! `serde_json::from_slice` accepts and gives the same values: it decodes
//! strings (escapes included) as serde_json does, hands the rare forms
//! (fractional and exponent numbers, documents, unknown members) to
//! serde_json at the same position, and rejects what serde_json rejects (a
//! wrong type, a member given twice, `-0` for an integer, nesting at
//! serde_json's limit). `tests/fast_json.rs` checks that over every vector
//! of the repository and over mutated inputs.
//!
//! Errors are this module's [`Error`]: serde_json's own syntax error (same
//! message, line and column) when the document is not JSON, else the line
//! and column where the document leaves the model's shape, with the member
//! path and what was expected there (`invocationJobSummaries[3].jobArn:
//! expected a string`).
//!
//! Why a generated reader and not the types' serde `Deserialize` (which they
//! keep, for users: [`crate::structure`]): speed and build time. serde's visitors,
//! `Option` wrappers and field identifiers, and a UTF-8 check of every
//! string, cost almost half the time of reading a response page. The reader
//! here goes straight from bytes to fields: it scans strings sixteen bytes
//! at a time (SSE2 on x86_64, eight bytes in a `u64` elsewhere) and checks
//! UTF-8 only in strings that are not ASCII, matches member names with one
//! `match`, and writes each member in place. On the bedrock pages of
//! `bench/` it takes half of `serde_json::from_slice`'s time (19.7 ms
//! against 39.3 ms for 23.6 MB), and 55% with escapes in every free-text string (see
//! `bench/README.md`). And no generated crate compiles serde_json's
//! deserializer for its types: before, a fallback to
//! `serde_json::from_slice::<T>` for the inputs the reader declined was
//! more than half of the crate's machine code (see `bench/README.md`).

use std::borrow::Cow;

use indexmap::IndexMap;
use serde::de::{DeserializeOwned, IgnoredAny};

type Timestamp = chrono::DateTime<chrono::Utc>;

/// serde_json's nesting limit: it refuses the 128th nested array or object.
const MAX_DEPTH: usize = 128;

/// The reader does not take this input: it is not JSON, or not of the
/// type's shape. The [`Reader`] keeps where and why, for [`Error`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Declined;

/// The result of a read.
pub type Result<T> = std::result::Result<T, Declined>;

/// `?` for the generic helpers below, as serde_json's `tri!`: `?` compiles
/// to calls of `Try::branch` and `FromResidual::from_residual`, one copy of
/// each per result type, in every generated crate's debug build.
macro_rules! tri {
    ($e:expr) => {
        match $e {
            Ok(value) => value,
            Err(declined) => return Err(declined),
        }
    };
}

/// Why a JSON document could not be read as the type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    message: String,
    line: usize,
    column: usize,
}

impl Error {
    /// The line (from 1) where the problem is.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The column (from 1, in bytes) where the problem is.
    pub fn column(&self) -> usize {
        self.column
    }

    /// What is wrong, without the position.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Cannot happen (a document that reads sets the value); not a panic
    /// all the same.
    #[cold]
    pub(crate) fn nothing_read() -> Error {
        Error { message: "no value was read".into(), line: 1, column: 1 }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} at line {} column {}", self.message, self.line, self.column)
    }
}

impl std::error::Error for Error {}

/// Implemented by generated types (and the primitives they contain): read
/// one value at the reader's position, or decline.
pub trait FromJson: Sized {
    /// Reads one value (leading whitespace allowed).
    fn from_json(r: &mut Reader<'_>) -> Result<Self>;
}

/// Deserializes `T` from a JSON document: the value
/// `serde_json::from_slice::<T>` gives, in a little over half the time for
/// the generated types; an [`Error`] for every document serde_json rejects
/// (see the module docs).
///
/// The client decodes every response body with this; a hand-written page
/// fetcher for a paginator should too.
pub fn from_slice<T: FromJson>(bytes: &[u8]) -> std::result::Result<T, Error> {
    let mut value = None::<T>;
    match read_document(bytes, &mut value) {
        Ok(()) => match value {
            Some(value) => Ok(value),
            None => Err(Error::nothing_read()),
        },
        Err(e) => Err(e),
    }
}

/// A value being read by [`from_slice`].
pub(crate) trait Document {
    fn read(&mut self, r: &mut Reader<'_>) -> Result<()>;
}

impl<T: FromJson> Document for Option<T> {
    fn read(&mut self, r: &mut Reader<'_>) -> Result<()> {
        *self = Some(tri!(T::from_json(r)));
        Ok(())
    }
}

/// The body of [`from_slice`], compiled once: the value, then only
/// whitespace.
pub(crate) fn read_document(bytes: &[u8], value: &mut dyn Document) -> std::result::Result<(), Error> {
    let mut r = Reader::new(bytes);
    r.whole_document(value).map_err(|Declined| r.error())
}

/// [`from_slice`] for text, without the error's details. For tests and
/// benchmarks.
pub fn read<T: FromJson>(text: &str) -> Result<T> {
    read_slice(text.as_bytes())
}

/// [`read`] for bytes that may not be UTF-8. There is no separate UTF-8
/// pass: the string scan notes bytes above 0x7F and only such strings are
/// checked; any other non-ASCII byte is outside a string, a syntax error the
/// reader declines.
pub fn read_slice<T: FromJson>(bytes: &[u8]) -> Result<T> {
    let mut value = None::<T>;
    tri!(Reader::new(bytes).whole_document(&mut value));
    value.ok_or(Declined)
}

/// Reads an object's members one by one (see [`Reader::object`]).
///
/// Generated structures implement it: one `match` on the member's JSON
/// name, one call per member ([`Reader::required_member`] and friends), as
/// their serde `Deserialize` reads them. Their `FromJson` is the blanket
/// impl below: the default value, filled in place by [`Reader::object`].
pub trait Members<'a> {
    /// Reads (or skips) the value of the member `name`.
    fn member(&mut self, r: &mut Reader<'a>, name: &str) -> Result<()>;
}

/// A structure reads as an object of its members, starting from its
/// `Default` (every optional member `None`). One impl here rather than one
/// per generated structure: the generated crate type-checks and
/// borrow-checks it once.
impl<T: Default + for<'a> Members<'a>> FromJson for T {
    fn from_json(r: &mut Reader<'_>) -> Result<Self> {
        let mut value = T::default();
        tri!(r.object(&mut value));
        Ok(value)
    }
}

impl<'a, F: FnMut(&mut Reader<'a>, &str) -> Result<()>> Members<'a> for F {
    fn member(&mut self, r: &mut Reader<'a>, name: &str) -> Result<()> {
        self(r, name)
    }
}

/// A position in a JSON document.
#[derive(Debug)]
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// Open arrays and objects.
    depth: usize,
    /// After a decline: what was wrong where the reader stopped, and the
    /// member names and element indexes leading there, innermost first.
    problem: Problem,
    path: Vec<Step>,
    /// Which members of the innermost open object were read (serde's
    /// derived structs reject a member given twice, so the reader
    /// declines): the first 64 here, the rest 64 to a word in `seen` from
    /// `seen_from` on. `object` keeps the outer objects' bits.
    seen_first: u64,
    seen: Vec<u64>,
    seen_from: usize,
}

/// What was wrong where the reader declined.
#[derive(Debug)]
enum Problem {
    /// The reader did not say.
    Unknown,
    /// It expected this.
    Expected(&'static str),
    /// serde_json's error for a value handed to it (without position).
    Serde(String),
}

/// One step of the path to a value.
#[derive(Debug)]
enum Step {
    Member(String),
    Index(usize),
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, pos: 0, depth: 0, problem: Problem::Unknown, path: Vec::new(), seen_first: 0, seen: Vec::new(), seen_from: 0 }
    }

    /// A whole document: one value, then only whitespace.
    fn whole_document(&mut self, value: &mut dyn Document) -> Result<()> {
        value.read(self)?;
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(Declined), // trailing characters
        }
    }

    /// Declines, noting what the document should have had here.
    #[cold]
    fn expected(&mut self, what: &'static str) -> Declined {
        self.problem = Problem::Expected(what);
        Declined
    }

    /// The error for a declined document: serde_json's own when the
    /// document is not JSON, else where it leaves the type's shape.
    #[cold]
    fn error(&mut self) -> Error {
        // `Value`, not `IgnoredAny`: it reads strings and maps as the typed
        // read does, so its syntax errors have the same positions.
        if let Err(e) = serde_json::from_slice::<serde_json::Value>(self.bytes) {
            return Error { message: without_position(&e), line: e.line(), column: e.column() };
        }
        let before = &self.bytes[..self.pos.min(self.bytes.len())];
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        let column = 1 + before.iter().rev().take_while(|&&b| b != b'\n').count();
        let problem = match &self.problem {
            Problem::Unknown => "expected a value of the member's type, each member given once".to_owned(),
            Problem::Expected(what) => format!("expected {what}"),
            Problem::Serde(message) => message.clone(),
        };
        let mut path = String::new();
        for step in self.path.iter().rev() {
            match step {
                Step::Member(name) if path.is_empty() => path.push_str(name),
                Step::Member(name) => {
                    path.push('.');
                    path.push_str(name);
                }
                Step::Index(i) => path.push_str(&format!("[{i}]")),
            }
        }
        let message = if path.is_empty() {
            format!("invalid document: {problem}")
        } else {
            format!("invalid value of `{path}`: {problem}")
        };
        Error { message, line, column }
    }

    #[inline]
    fn bytes(&self) -> &'a [u8] {
        self.bytes
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
    /// moves past it. serde_json starts a fresh nesting budget there, so the
    /// reader declines when the bytes it consumed (not the value that came
    /// out: a repeated key can replace a deep member) would have reached the
    /// limit counted from the top of the document.
    fn serde<T: DeserializeOwned>(&mut self) -> Result<T> {
        self.serde_nested(true)
    }

    /// [`serde`](Self::serde), with the nesting check only if `limited`
    /// (serde_json skips an unknown member, `IgnoredAny`, however deep it
    /// nests).
    fn serde_nested<T: DeserializeOwned>(&mut self, limited: bool) -> Result<T> {
        let rest = &self.bytes[self.pos..];
        let mut values = serde_json::Deserializer::from_slice(rest).into_iter::<T>();
        match values.next() {
            Some(Ok(value)) => {
                let consumed = &rest[..values.byte_offset()];
                if limited && self.depth > 0 && self.depth + max_nesting(consumed) >= MAX_DEPTH {
                    return Err(self.expected("nesting within serde_json's limit of 128"));
                }
                self.pos += consumed.len();
                Ok(value)
            }
            Some(Err(e)) => {
                self.problem = Problem::Serde(without_position(&e));
                Err(Declined)
            }
            None => Err(self.expected("a value")),
        }
    }

    /// A string: borrowed from the input when it has no escapes, decoded
    /// otherwise. Declines on anything serde_json would not read as the same
    /// string (control characters, an unknown escape, a lone surrogate, no
    /// closing quote) or that is not a string.
    #[inline]
    fn str(&mut self) -> Result<Cow<'a, str>> {
        if self.peek() != Some(b'"') {
            return Err(self.expected("a string"));
        }
        let bytes = self.bytes();
        let start = self.pos + 1;
        let (len, ascii) = escape_or_quote(&bytes[start..]);
        let end = start + len;
        match bytes.get(end) {
            Some(b'"') => {
                self.pos = end + 1;
                utf8(&bytes[start..end], ascii).map(Cow::Borrowed)
            }
            Some(b'\\') => self.escaped(start, end, ascii).map(Cow::Owned),
            _ => Err(Declined),
        }
    }

    /// The rest of a string from `start`, with its first escape at `at`
    /// (`ascii`: the bytes before it are ASCII).
    fn escaped(&mut self, start: usize, mut at: usize, ascii: bool) -> Result<String> {
        let bytes = self.bytes();
        let mut out = String::with_capacity(at - start + 16);
        out.push_str(utf8(&bytes[start..at], ascii)?);
        loop {
            // `bytes[at]` is a backslash.
            let escape = *bytes.get(at + 1).ok_or(Declined)?;
            at += 2;
            out.push(match escape {
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'u' => {
                    let unit = hex4(bytes.get(at..at + 4))?;
                    at += 4;
                    match unit {
                        0xD800..=0xDBFF => {
                            // A surrogate pair: `\uD83D\uDE00`.
                            if bytes.get(at..at + 2) != Some(b"\\u") {
                                return Err(Declined);
                            }
                            let low = hex4(bytes.get(at + 2..at + 6))?;
                            if !(0xDC00..=0xDFFF).contains(&low) {
                                return Err(Declined);
                            }
                            at += 6;
                            char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)).ok_or(Declined)?
                        }
                        _ => char::from_u32(unit).ok_or(Declined)?, // lone trailing surrogates fail here
                    }
                }
                _ => return Err(Declined),
            });
            let rest = bytes.get(at..).ok_or(Declined)?;
            let (len, ascii) = escape_or_quote(rest);
            out.push_str(utf8(&rest[..len], ascii)?);
            at += len;
            match bytes.get(at) {
                Some(b'"') => {
                    self.pos = at + 1;
                    return Ok(out);
                }
                Some(b'\\') => {}
                _ => return Err(Declined),
            }
        }
    }

    /// A string, as `String`.
    #[inline]
    pub fn string(&mut self) -> Result<String> {
        self.str().map(Cow::into_owned)
    }

    /// A string enum: known values without allocating, as serde reads them.
    #[inline]
    pub fn string_enum<T: for<'s> From<&'s str> + From<String>>(&mut self) -> Result<T> {
        Ok(match tri!(self.str()) {
            Cow::Borrowed(s) => T::from(s),
            Cow::Owned(s) => T::from(s),
        })
    }

    /// A base64 blob (`wire::Base64`).
    pub fn blob(&mut self) -> Result<Vec<u8>> {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD.decode(self.str()?.as_bytes()).map_err(|_| self.expected("base64 data"))
    }

    /// A JSON integer without fraction or exponent that fits in 18 digits
    /// (and is not `-0`, which serde_json reads as a float); `None`, with
    /// nothing consumed, for any other number.
    #[inline]
    fn integer(&mut self) -> Result<Option<i64>> {
        let bytes = self.bytes();
        let start = match self.peek() {
            Some(b'-' | b'0'..=b'9') => self.pos,
            _ => return Err(self.expected("a number")),
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

    /// A float member (`wire::Float`): a number, or `"NaN"`, `"Infinity"`
    /// or `"-Infinity"`.
    #[inline]
    pub fn float<T: FromJson + From<f32>>(&mut self) -> Result<T> {
        if self.peek() != Some(b'"') {
            return T::from_json(self);
        }
        let value = match crate::wire::non_finite_value(&tri!(self.str())) {
            Some(value) => value,
            None => return Err(self.expected("a number, \"NaN\", \"Infinity\" or \"-Infinity\"")),
        };
        // Exact: NaN and the infinities convert without loss.
        Ok(T::from(value as f32))
    }

    /// Any value of `T`.
    #[inline]
    pub fn value<T: FromJson>(&mut self) -> Result<T> {
        T::from_json(self)
    }

    /// `None` for `null`, else what `read` reads (an optional member, or an
    /// element of a sparse list).
    #[inline]
    pub fn nullable<T>(&mut self, mut read: impl FnMut(&mut Self) -> Result<T>) -> Result<Option<T>> {
        if self.null() {
            Ok(None)
        } else {
            match read(self) {
                Ok(value) => Ok(Some(value)),
                Err(declined) => Err(declined),
            }
        }
    }

    /// `nullable(|r| r.value())` without a closure, so one copy per type
    /// is compiled instead of one per member.
    #[inline]
    pub fn nullable_value<T: FromJson>(&mut self) -> Result<Option<T>> {
        if self.null() {
            Ok(None)
        } else {
            match T::from_json(self) {
                Ok(value) => Ok(Some(value)),
                Err(declined) => Err(declined),
            }
        }
    }

    /// `required(|r| r.value())` without a closure (see
    /// [`nullable_value`](Self::nullable_value)).
    #[inline]
    pub fn required_value<T: FromJson + Default>(&mut self) -> Result<T> {
        Ok(tri!(self.nullable_value()).unwrap_or_default())
    }


    /// A required member: `null` reads as the default value, as
    /// `wire::DefaultOnNull` does (Smithy's error correction).
    #[inline]
    pub fn required<T: Default>(&mut self, read: impl FnMut(&mut Self) -> Result<T>) -> Result<T> {
        Ok(tri!(self.nullable(read)).unwrap_or_default())
    }

    /// Reads member `index` of a structure into `slot`, as
    /// [`nullable_value`](Self::nullable_value) (an optional member); a
    /// member given twice declines. Generated readers call one such method
    /// per member, so each `match` arm is one call.
    #[inline]
    pub fn optional_member<T: FromJson>(
        &mut self,
        index: usize,
        slot: &mut Option<T>,
    ) -> Result<()> {
        tri!(self.first(index));
        *slot = tri!(self.nullable_value());
        Ok(())
    }

    /// [`optional_member`](Self::optional_member) for a required member
    /// ([`required_value`](Self::required_value)).
    #[inline]
    pub fn required_member<T: FromJson + Default>(
        &mut self,
        index: usize,
        slot: &mut T,
    ) -> Result<()> {
        tri!(self.first(index));
        *slot = tri!(self.required_value());
        Ok(())
    }

    /// [`optional_member`](Self::optional_member), the value read by `read`
    /// (floats, blobs, lists and maps of those).
    #[inline]
    pub fn optional_member_with<T>(
        &mut self,
        index: usize,
        slot: &mut Option<T>,
        read: impl FnMut(&mut Self) -> Result<T>,
    ) -> Result<()> {
        tri!(self.first(index));
        *slot = tri!(self.nullable(read));
        Ok(())
    }

    /// [`required_member`](Self::required_member), the value read by `read`.
    #[inline]
    pub fn required_member_with<T: Default>(
        &mut self,
        index: usize,
        slot: &mut T,
        read: impl FnMut(&mut Self) -> Result<T>,
    ) -> Result<()> {
        tri!(self.first(index));
        *slot = tri!(self.required(read));
        Ok(())
    }

    #[inline]
    fn enter(&mut self, open: u8) -> Result<()> {
        if self.peek() != Some(open) {
            return Err(self.expected(if open == b'{' { "an object" } else { "an array" }));
        }
        self.pos += 1;
        self.depth += 1;
        if self.depth >= MAX_DEPTH {
            return Err(Declined);
        }
        Ok(())
    }

    /// The elements of an array, each read by `read`.
    pub fn list<T>(&mut self, mut read: impl FnMut(&mut Self) -> Result<T>) -> Result<Vec<T>> {
        let mut out = Vec::new();
        tri!(self.elements(&mut |r: &mut Reader<'a>| {
            out.push(tri!(read(r)));
            Ok(())
        }));
        Ok(out)
    }

    /// The loop of [`list`](Self::list), compiled once (not once per
    /// element type): `element` reads each element.
    fn elements(&mut self, element: &mut dyn FnMut(&mut Reader<'a>) -> Result<()>) -> Result<()> {
        self.enter(b'[')?;
        if self.peek() == Some(b']') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(());
        }
        let mut index = 0;
        loop {
            if let Err(Declined) = element(self) {
                self.path.push(Step::Index(index));
                return Err(Declined);
            }
            index += 1;
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    self.depth -= 1;
                    return Ok(());
                }
                _ => return Err(Declined),
            }
        }
    }

    /// Marks member `index` of the innermost object as read; declines
    /// when it already was.
    #[inline]
    fn first(&mut self, index: usize) -> Result<()> {
        let bit = 1u64 << (index % 64);
        if index < 64 {
            if self.seen_first & bit != 0 {
                return Err(Declined);
            }
            self.seen_first |= bit;
            return Ok(());
        }
        let word = self.seen_from + index / 64 - 1;
        if word >= self.seen.len() {
            self.seen.resize(word + 1, 0);
        }
        if self.seen[word] & bit != 0 {
            return Err(Declined);
        }
        self.seen[word] |= bit;
        Ok(())
    }

    /// An object's members in order: `members` gets each name and reads (or
    /// skips) its value. A closure `|r, name| ...` will do.
    ///
    /// Not generic (`&mut dyn Members`): the loop is compiled once, not once
    /// per type; each member costs one indirect call, and the crate's build
    /// much less.
    pub fn object(&mut self, members: &mut dyn Members<'a>) -> Result<()> {
        let outer = (std::mem::take(&mut self.seen_first), std::mem::replace(&mut self.seen_from, self.seen.len()));
        let result = self.members(members);
        self.seen.truncate(self.seen_from);
        (self.seen_first, self.seen_from) = outer;
        result
    }

    /// The body of [`object`](Self::object).
    fn members(&mut self, members: &mut dyn Members<'a>) -> Result<()> {
        self.enter(b'{')?;
        if self.peek() == Some(b'}') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(());
        }
        loop {
            let name = self.str()?;
            self.eat(b':')?;
            if let Err(Declined) = members.member(self, &name) {
                self.path.push(Step::Member(name.into_owned()));
                return Err(Declined);
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
        tri!(self.object(&mut |r: &mut Reader<'a>, key: &str| {
            let value = tri!(read(r));
            out.insert(K::from(key), value);
            Ok(())
        }));
        Ok(out)
    }

    /// A union: `member` decodes a member by name (`Ok(None)` for `null`).
    /// `__type` is skipped; no member, or more than one, is serde's error,
    /// so the reader declines.
    pub fn union<U>(&mut self, mut member: impl FnMut(&mut Self, &str) -> Result<Option<U>>) -> Result<U> {
        let mut found = None;
        tri!(self.object(&mut |r: &mut Reader<'a>, name: &str| {
            if name == "__type" {
                return r.skip();
            }
            if let Some(value) = tri!(member(r, name)) {
                if found.replace(value).is_some() {
                    return Err(r.expected("one member of the union, not two"));
                }
            }
            Ok(())
        }));
        match found {
            Some(value) => Ok(value),
            None => Err(self.expected("one member of the union")),
        }
    }

    /// Skips a value of a member the type does not have (serde_json's
    /// `IgnoredAny`, which checks the value's syntax but not its nesting).
    pub fn skip(&mut self) -> Result<()> {
        self.serde_nested::<IgnoredAny>(false).map(|_| ())
    }

    /// A JSON document (`serde_json::Value`), e.g. an unknown union member.
    pub fn document(&mut self) -> Result<serde_json::Value> {
        self.serde()
    }
}

/// serde_json's message without its " at line L column C".
fn without_position(e: &serde_json::Error) -> String {
    let full = e.to_string();
    match full.rfind(" at line ") {
        Some(at) if e.line() > 0 => full[..at].to_owned(),
        _ => full,
    }
}

/// `raw` as `&str`: `ascii` says every byte is below 0x80.
#[inline]
fn utf8(raw: &[u8], ascii: bool) -> Result<&str> {
    if ascii {
        debug_assert!(raw.is_ascii(), "the scan flagged non-ASCII bytes as ASCII");
        // SAFETY: every byte of `raw` is below 0x80 (checked by
        // `escape_or_quote`), and ASCII is valid UTF-8.
        Ok(unsafe { std::str::from_utf8_unchecked(raw) })
    } else {
        std::str::from_utf8(raw).map_err(|_| Declined)
    }
}

/// Four hex digits (either case) of a `\u` escape.
fn hex4(digits: Option<&[u8]>) -> Result<u32> {
    digits.ok_or(Declined)?.iter().try_fold(0u32, |n, &d| {
        let v = (d as char).to_digit(16).ok_or(Declined)?;
        Ok(n * 16 + v)
    })
}

/// Offset of the first `"`, `\` or control character (or the length), and
/// whether every byte before it is ASCII. Sixteen bytes at a time with SSE2
/// on x86_64 (part of its baseline, so always there), then eight at a time.
#[inline]
fn escape_or_quote(bytes: &[u8]) -> (usize, bool) {
    #[allow(unused_mut)]
    let (mut i, mut ascii) = (0, true);
    #[cfg(target_arch = "x86_64")]
    while let Some(chunk) = bytes.get(i..i + 16) {
        let (stop, high) = sse2::scan16(chunk.try_into().expect("sixteen bytes"));
        if stop != 0 {
            let at = stop.trailing_zeros() as usize;
            // Only the bytes before the one found count.
            return (i + at, ascii && high & ((1u32 << at) - 1) == 0);
        }
        ascii &= high == 0;
        i += 16;
    }
    let (len, rest_ascii) = escape_or_quote_swar(&bytes[i..]);
    (i + len, ascii && rest_ascii)
}

/// [`escape_or_quote`] eight bytes at a time in a `u64` (any target).
#[inline]
fn escape_or_quote_swar(bytes: &[u8]) -> (usize, bool) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The bytes scanned so far, OR-ed: a high bit set means non-ASCII.
    let mut any = 0u64;
    let mut i = 0;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let quote = word ^ (ONES * u64::from(b'"'));
        let backslash = word ^ (ONES * u64::from(b'\\'));
        // A byte is flagged when it is zero after the XOR (quote, backslash)
        // or below 0x20; bytes >= 0x80 are never flagged (`& !word`). Only
        // the lowest flag is used, and it is exact.
        let found = (quote.wrapping_sub(ONES) & !quote)
            | (backslash.wrapping_sub(ONES) & !backslash)
            | (word.wrapping_sub(ONES * 0x20) & !word);
        let found = found & HIGH;
        if found != 0 {
            let at = (found.trailing_zeros() / 8) as usize;
            any |= word & ((1u64 << (8 * at)) - 1);
            return (i + at, any & HIGH == 0);
        }
        any |= word;
        i += 8;
    }
    let mut ascii = any & HIGH == 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'"' || b == b'\\' || b < 0x20 {
            break;
        }
        ascii &= b < 0x80;
        i += 1;
    }
    (i, ascii)
}

#[cfg(target_arch = "x86_64")]
mod sse2 {
    use std::arch::x86_64::{
        _mm_and_si128, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
        _mm_setzero_si128,
    };

    /// Bit `k` of the first mask: byte `k` is `"`, `\` or below 0x20; of the
    /// second: byte `k` is 0x80 or above.
    #[inline]
    pub(super) fn scan16(chunk: &[u8; 16]) -> (u32, u32) {
        // SAFETY: SSE2 is in the x86_64 baseline, so the intrinsics are
        // available; the unaligned load reads exactly the 16 bytes of `chunk`.
        unsafe {
            let v = _mm_loadu_si128(chunk.as_ptr().cast());
            let quote = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'"' as i8));
            let backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\\' as i8));
            // Below 0x20 exactly when the top three bits are clear.
            let control = _mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8(0xE0_u8 as i8)), _mm_setzero_si128());
            let stop = _mm_or_si128(_mm_or_si128(quote, backslash), control);
            (_mm_movemask_epi8(stop) as u32, _mm_movemask_epi8(v) as u32)
        }
    }
}

/// How deeply the JSON text `bytes` (one value serde_json has accepted)
/// nests arrays and objects, brackets inside strings not counted.
fn max_nesting(bytes: &[u8]) -> usize {
    let (mut depth, mut max, mut i) = (0usize, 0usize, 0);
    while let Some(&b) = bytes.get(i) {
        match b {
            b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'"' => {
                // Skip the string: its end is the next quote not escaped.
                i += 1;
                while let Some(&c) = bytes.get(i) {
                    match c {
                        b'\\' => i += 1,
                        b'"' => break,
                        _ => {}
                    }
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    max
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
            _ => return Err(r.expected("true or false")),
        };
        let (value, len) = if rest.starts_with(b"true") {
            (true, 4)
        } else if rest.starts_with(b"false") {
            (false, 5)
        } else {
            return Err(r.expected("true or false"));
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
                    Some(value) => <$t>::try_from(value).map_err(|_| r.expected(concat!("an integer that fits in ", stringify!($t)))),
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

/// A list: [`Reader::list`] of `T`'s reader (one copy per element type).
impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(r: &mut Reader<'_>) -> Result<Self> {
        r.list(T::from_json)
    }
}

/// `null` or a value: [`Reader::nullable_value`] (elements of sparse lists
/// and values of sparse maps).
impl<T: FromJson> FromJson for Option<T> {
    fn from_json(r: &mut Reader<'_>) -> Result<Self> {
        r.nullable_value()
    }
}

/// A map with string or string-enum keys: [`Reader::map`].
impl<K, V: FromJson> FromJson for IndexMap<K, V>
where
    K: for<'s> From<&'s str> + std::hash::Hash + Eq,
{
    fn from_json(r: &mut Reader<'_>) -> Result<Self> {
        r.map(V::from_json)
    }
}

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
            return crate::wire::parse_timestamp(&r.str()?).ok_or_else(|| r.expected("a timestamp"));
        } else if let Some(secs) = r.integer()? {
            return chrono::Utc.timestamp_opt(secs, 0).single().ok_or_else(|| r.expected("a timestamp"));
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
        for (text, at, ascii) in [
            ("", 0, true),
            ("abc", 3, true),
            ("abc\"", 3, true),
            ("abcdefgh\"", 8, true),
            ("abcdefghijklmnop\\n\"", 16, true),
            ("héllo wörld, ça va\"", "héllo wörld, ça va".len(), false),
            ("abcdefgé\"", 9, false),
            ("abcdefghé\"", 10, false),
            ("abc\"é", 3, true), // after the quote: not part of the string
            ("abcdefghijk\"é", 11, true),
            ("tab\there", 3, true),
            ("0123456\u{1f}", 7, true),
            ("\u{7f}\u{7f}\"", 2, true), // DEL is not a control character for JSON
        ] {
            assert_eq!(escape_or_quote(text.as_bytes()), (at, ascii), "{text:?}");
        }
    }

    /// Both scanners against a byte-by-byte reference, on every length up
    /// to 48 with the interesting bytes at every position.
    #[test]
    fn scanners_agree_with_a_byte_loop() {
        fn reference(bytes: &[u8]) -> (usize, bool) {
            let at = bytes.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20).unwrap_or(bytes.len());
            (at, bytes[..at].is_ascii())
        }
        let specials = [b'"', b'\\', 0x00, 0x1f, 0x20, 0x7f, 0x80, 0xc3, 0xff, b'a'];
        for len in 0..48 {
            for at in 0..len {
                for &special in &specials {
                    for &other in &[b'x', 0xe9] {
                        let mut bytes = vec![b'x'; len];
                        bytes[at] = special;
                        if at + 1 < len {
                            bytes[at + 1] = other;
                        }
                        if at > 2 {
                            bytes[at / 2] = other;
                        }
                        let want = reference(&bytes);
                        assert_eq!(escape_or_quote(&bytes), want, "{bytes:?}");
                        assert_eq!(escape_or_quote_swar(&bytes), want, "{bytes:?}");
                    }
                }
            }
        }
    }

    /// Escapes are decoded in place, as serde_json decodes them; whatever
    /// serde_json rejects is declined.
    #[test]
    fn escapes_decode_as_serde_json_decodes_them() {
        let valid = [
            r#""\"\\\/\b\f\n\r\t""#,
            r#""a\u0000b\u001F\u00e9\u00E9\u20ac""#,
            r#""\ud83d\ude00 and \uD83D\uDE00""#,
            r#""caf\u00e9 \"déjà\" vu \\ ok""#,
            r#""ends with an escape\n""#,
            r#""\n""#,
        ];
        for text in valid {
            let serde: String = serde_json::from_str(text).unwrap();
            assert_eq!(read::<String>(text), Ok(serde), "{text}");
        }
        let rejected = [
            r#""\x""#, r#""\u12""#, r#""\u12G4""#, r#""\ud800""#, r#""\ud800x""#, r#""\ud800\u0041""#,
            r#""\udc00""#, r#""\"#, r#""\u"#, "\"a\\n\tb\"", "\"a\\n\u{1}\"",
        ];
        for text in rejected {
            assert!(serde_json::from_str::<String>(text).is_err(), "{text}");
            assert_eq!(read::<String>(text), Err(Declined), "{text}");
        }
    }

    #[test]
    fn integers_only_in_serde_json_integer_form() {
        let int = |text: &str| Reader::new(text.as_bytes()).integer();
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
        /// Member names are indexes; object values nest.
        struct Numbered;
        impl<'a> Members<'a> for Numbered {
            fn member(&mut self, r: &mut Reader<'a>, name: &str) -> Result<()> {
                tri!(r.first(name.parse().unwrap()));
                if r.peek() == Some(b'{') {
                    r.object(&mut Numbered)
                } else {
                    r.skip()
                }
            }
        }
        let read = |text: &str| Reader::new(text.as_bytes()).object(&mut Numbered);
        assert_eq!(read(r#"{"3": 1, "70": 2, "4": 3}"#), Ok(()));
        assert_eq!(read(r#"{"3": 1, "3": 2}"#), Err(Declined));
        assert_eq!(read(r#"{"70": 1, "3": 2, "70": 2}"#), Err(Declined));
        // Each object has its own bits, whatever the nesting.
        assert_eq!(read(r#"{"3": {"3": 1, "70": {"3": 1}}, "70": 1, "4": {"70": 1}}"#), Ok(()));
        assert_eq!(read(r#"{"3": {"70": 1}, "70": {"3": 1, "3": 2}}"#), Err(Declined));
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
    fn nesting_of_text_skips_strings() {
        for (text, want) in [
            ("1", 0),
            ("[]", 1),
            (r#"{"a":[[1]],"a":0}"#, 3),
            (r#""[[[""#, 0),
            (r#"["\"[[", "\\", {}]"#, 2),
            (r#"[[],[[]],[]]"#, 3),
        ] {
            assert_eq!(max_nesting(text.as_bytes()), want, "{text}");
        }
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

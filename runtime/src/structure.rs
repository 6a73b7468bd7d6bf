//! serde for generated structures: a member table and two short impls per
//! type, instead of `#[derive(Serialize, Deserialize)]` and `#[serde_as]`.
//!
//! Why (compile time): serde's derives expand, for every structure, a field
//! enum with its own visitor, a struct visitor with `visit_map` and
//! `visit_seq`, and `serde_with`'s wrappers around each adapted member. A
//! service model has hundreds of structures, and the compiler's front end
//! type-checks, borrow-checks and encodes all of it, used or not. Here a
//! structure says only, per member, how to write it ([`Writer`]) and how to
//! read it ([`Structure::read_member`], a `match` on the member's index);
//! the loop over the object, the member-name lookup and the duplicate check
//! are written once, in [`deserialize`].
//!
//! What a structure reads and writes is what the derives gave: members in
//! declaration order, `None` optional members left out, unknown members
//! ignored, a member given twice an error (`duplicate field`), a missing
//! member its default, and required members read `null` as their default
//! (Smithy's error correction, [`crate::wire::DefaultOnNull`]). One
//! difference: the derives also read a structure from a JSON *array*
//! (members by position), which no AWS service sends and botocore does not
//! read; here, as in [`crate::json`], that is an `invalid type` error.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, Error as _, IgnoredAny, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeStruct, Serializer};
use serde_with::de::DeserializeAsWrap;
use serde_with::ser::SerializeAsWrap;
use serde_with::{DeserializeAs, SerializeAs};

/// Implemented by generated structures: their members on the wire.
pub trait Structure: Default {
    /// The structure's name (serde's messages: "expected struct NAME").
    const NAME: &'static str;
    /// The wire names of the members in the body, in declaration order;
    /// [`read_member`](Self::read_member) gets an index into this.
    const FIELDS: &'static [&'static str];

    /// Reads member `FIELDS[index]` into `self`.
    fn read_member<'de, A: MapAccess<'de>>(&mut self, index: usize, member: Member<'_, 'de, A>) -> Result<(), A::Error>;
}

/// The value of one member, still in the input.
pub struct Member<'a, 'de, A: MapAccess<'de>> {
    map: &'a mut A,
    _de: PhantomData<&'de ()>,
}

impl<'de, A: MapAccess<'de>> Member<'_, 'de, A> {
    /// A required member into `slot`: `null` reads as the default (Smithy's
    /// error correction, as [`crate::wire::DefaultOnNull`]).
    pub fn required<T: Deserialize<'de> + Default>(self, slot: &mut T) -> Result<(), A::Error> {
        self.read_as::<T, crate::wire::DefaultOnNull>(slot)
    }

    /// [`required`](Self::required), through a `serde_with` adapter
    /// (timestamps, blobs, floats).
    pub fn required_as<As, T: Default>(self, slot: &mut T) -> Result<(), A::Error>
    where
        As: DeserializeAs<'de, T>,
    {
        self.read_as::<T, crate::wire::DefaultOnNull<As>>(slot)
    }

    /// An optional member into `slot`: `null` reads as `None`.
    pub fn optional<T: Deserialize<'de>>(self, slot: &mut Option<T>) -> Result<(), A::Error> {
        *slot = self.map.next_value()?;
        Ok(())
    }

    /// [`optional`](Self::optional), through a `serde_with` adapter.
    pub fn optional_as<As: DeserializeAs<'de, T>, T>(self, slot: &mut Option<T>) -> Result<(), A::Error> {
        self.read_as::<Option<T>, Option<As>>(slot)
    }

    fn read_as<T, As: DeserializeAs<'de, T>>(self, slot: &mut T) -> Result<(), A::Error> {
        *slot = self.map.next_value::<DeserializeAsWrap<T, As>>()?.into_inner();
        Ok(())
    }
}

/// `Deserialize` for a generated structure: an object of members (see the
/// module docs). Generic over the type only to start the read and to call
/// its `read_member`.
pub fn deserialize<'de, D: Deserializer<'de>, T: Structure>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_struct(T::NAME, T::FIELDS, StructVisitor(PhantomData))
}

struct StructVisitor<T>(PhantomData<T>);

impl<'de, T: Structure> Visitor<'de> for StructVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "struct {}", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut value = T::default();
        let mut seen = Seen::new(T::FIELDS.len());
        while let Some(key) = map.next_key::<crate::union::Key<'de>>()? {
            match field_index(T::FIELDS, key.as_str()) {
                Some(index) => {
                    if !seen.first(index) {
                        return Err(A::Error::duplicate_field(T::FIELDS[index]));
                    }
                    value.read_member(index, Member { map: &mut map, _de: PhantomData })?;
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(value)
    }
}

/// The index of `name` in `fields`. Not generic: compiled once.
fn field_index(fields: &[&str], name: &str) -> Option<usize> {
    fields.iter().position(|field| *field == name)
}

/// Which members were read (up to 128 without allocating).
struct Seen {
    small: u128,
    large: Vec<bool>,
}

impl Seen {
    fn new(len: usize) -> Self {
        Seen { small: 0, large: if len > 128 { vec![false; len] } else { Vec::new() } }
    }

    /// Marks `index`; `false` when it was already marked.
    fn first(&mut self, index: usize) -> bool {
        if self.large.is_empty() {
            let bit = 1u128 << index;
            let first = self.small & bit == 0;
            self.small |= bit;
            first
        } else {
            !std::mem::replace(&mut self.large[index], true)
        }
    }
}

/// Writes a generated structure's members in order, as serde's derived
/// `Serialize` does: `serialize_field` for each member written,
/// `skip_field` for each optional member left out (`None`). The first error
/// is kept and returned by [`end`](Self::end) (later members are not
/// written), so generated code calls one method per member and no `?`.
pub struct Writer<S: Serializer> {
    out: S::SerializeStruct,
    error: Option<S::Error>,
}

impl<S: Serializer> Writer<S> {
    /// Starts the structure `name`, which has `required` required members
    /// in the body and optional ones of which `set` say which are set.
    pub fn new(serializer: S, name: &'static str, required: usize, set: &[bool]) -> Result<Self, S::Error> {
        let len = required + set.iter().filter(|set| **set).count();
        Ok(Writer { out: serializer.serialize_struct(name, len)?, error: None })
    }

    fn keep(&mut self, result: Result<(), S::Error>) {
        if let Err(error) = result {
            self.error = Some(error);
        }
    }

    /// A required member.
    pub fn required<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        if self.error.is_none() {
            let result = self.out.serialize_field(name, value);
            self.keep(result);
        }
    }

    /// A required member, through a `serde_with` adapter (timestamps,
    /// blobs, floats).
    pub fn required_as<As: SerializeAs<T>, T>(&mut self, name: &'static str, value: &T) {
        self.required(name, &SerializeAsWrap::<T, As>::new(value));
    }

    /// An optional member: left out when `None`.
    pub fn optional<T: Serialize>(&mut self, name: &'static str, value: &Option<T>) {
        match value {
            None => self.skip(name),
            Some(_) => self.required(name, value),
        }
    }

    /// An optional member, through a `serde_with` adapter.
    pub fn optional_as<As: SerializeAs<T>, T>(&mut self, name: &'static str, value: &Option<T>) {
        match value {
            None => self.skip(name),
            Some(_) => self.required(name, &SerializeAsWrap::<Option<T>, Option<As>>::new(value)),
        }
    }

    /// An optional member that is `None` (serde's `skip_field`).
    fn skip(&mut self, name: &'static str) {
        if self.error.is_none() {
            let result = self.out.skip_field(name);
            self.keep(result);
        }
    }

    /// Ends the structure, or returns the first member's error.
    pub fn end(self) -> Result<S::Ok, S::Error> {
        match self.error {
            Some(error) => Err(error),
            None => self.out.end(),
        }
    }
}

/// A structure's `Debug`: `f.debug_struct(name)` with one field per name and
/// value, as `#[derive(Debug)]` writes it. Generated `Debug` impls pass
/// their field names as a constant table and their values as one array
/// (sensitive ones replaced), the form `#[derive(Debug)]` itself expands to
/// for more than five fields: the compiler checks one call per structure
/// instead of a method chain with one call per field.
pub fn debug(f: &mut fmt::Formatter<'_>, name: &str, names: &[&str], values: &[&dyn fmt::Debug]) -> fmt::Result {
    let mut out = f.debug_struct(name);
    for (name, value) in names.iter().zip(values) {
        out.field(name, value);
    }
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    type Timestamp = chrono::DateTime<chrono::Utc>;

    /// Written as the generator writes structures, beside the same type with
    /// serde's derives and `serde_as` as the generator used to write it.
    #[derive(Debug, Clone, PartialEq, Default)]
    struct Table {
        name: String,
        when: Timestamp,
        count: Option<i32>,
        blob: Option<Vec<u8>>,
        nested: Option<Vec<Table>>,
        http_bound: Option<String>,
    }

    impl Serialize for Table {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut out =
                Writer::new(serializer, "Table", 2, &[self.count.is_some(), self.blob.is_some(), self.nested.is_some()])?;
            out.required("name", &self.name);
            out.required_as::<crate::wire::DateTime, _>("when", &self.when);
            out.optional("count", &self.count);
            out.optional_as::<crate::wire::Base64, _>("blob", &self.blob);
            out.optional("nested", &self.nested);
            out.end()
        }
    }

    impl<'de> Deserialize<'de> for Table {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            super::deserialize(deserializer)
        }
    }

    impl Structure for Table {
        const NAME: &'static str = "Table";
        const FIELDS: &'static [&'static str] = &["name", "when", "count", "blob", "nested"];

        fn read_member<'de, A: MapAccess<'de>>(&mut self, index: usize, member: Member<'_, 'de, A>) -> Result<(), A::Error> {
            match index {
                0 => member.required(&mut self.name),
                1 => member.required_as::<crate::wire::DateTime, _>(&mut self.when),
                2 => member.optional(&mut self.count),
                3 => member.optional_as::<crate::wire::Base64, _>(&mut self.blob),
                4 => member.optional(&mut self.nested),
                _ => Ok(()),
            }
        }
    }

    #[serde_with::serde_as]
    #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
    struct Derived {
        #[serde(default)]
        #[serde_as(as = "crate::wire::DefaultOnNull")]
        name: String,
        #[serde(default)]
        #[serde_as(as = "crate::wire::DefaultOnNull<crate::wire::DateTime>")]
        when: Timestamp,
        #[serde(skip_serializing_if = "Option::is_none")]
        count: Option<i32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        #[serde_as(as = "Option<crate::wire::Base64>")]
        blob: Option<Vec<u8>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        nested: Option<Vec<Derived>>,
        #[serde(skip)]
        http_bound: Option<String>,
    }

    #[test]
    fn reads_and_writes_as_the_derives() {
        let inputs = [
            r#"{"name": "a", "when": "2024-05-01T12:00:00Z", "count": 3, "blob": "aGk=", "nested": [{"name": "b"}]}"#,
            r#"{"name": null, "when": null, "count": null, "blob": null, "nested": null}"#,
            r#"{}"#,
            r#"{"unknown": {"deep": [1, 2]}, "http_bound": "x", "name": "n"}"#,
            r#"{"name": "a", "name": "b"}"#,
            r#"{"count": "3"}"#,
            r#"{"nested": [{"when": "yesterday"}]}"#,
            "{\"blob\": \"!!\",\n \"count\": 1}",
            r#"{"name": 1"#,
            r#"{"name": "a"} x"#,
            r#""text""#,
            r#"{"nested": [{"name": "b", "name": "c"}]}"#,
            r#"{"\u006eame": "escaped key"}"#,
        ];
        for input in inputs {
            let table = serde_json::from_str::<Table>(input).map_err(|e| (e.to_string(), e.line(), e.column()));
            // (The messages name the type: "struct Derived" reads "struct Table".)
            let derived = serde_json::from_str::<Derived>(input)
                .map_err(|e| (e.to_string().replace("Derived", "Table"), e.line(), e.column()));
            match (&table, &derived) {
                (Ok(t), Ok(d)) => {
                    let (t, d) = (serde_json::to_value(t).unwrap(), serde_json::to_value(d).unwrap());
                    assert_eq!(t, d, "{input}");
                    assert_eq!(t.to_string(), d.to_string(), "{input}: member order");
                }
                (Err(t), Err(d)) => assert_eq!(t, d, "{input}"),
                _ => panic!("{input}: {table:?} vs {derived:?}"),
            }
            // From a `serde_json::Value` too (another deserializer).
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(input) {
                let t = Table::deserialize(v.clone()).map_err(|e| e.to_string());
                let d = Derived::deserialize(v).map_err(|e| e.to_string().replace("Derived", "Table"));
                assert_eq!(t.is_ok(), d.is_ok(), "{input}");
                if let (Err(t), Err(d)) = (&t, &d) {
                    assert_eq!(t, d, "{input}");
                }
            }
        }
    }

    #[test]
    fn writes_members_in_order_and_skips_none() {
        let t = Table { name: "n".into(), count: Some(1), http_bound: Some("x".into()), ..Default::default() };
        assert_eq!(serde_json::to_string(&t).unwrap(), r#"{"name":"n","when":"1970-01-01T00:00:00Z","count":1}"#);
        assert_eq!(
            crate::wire::to_botocore_json(&t).unwrap(),
            r#"{"name": "n", "when": "1970-01-01T00:00:00Z", "count": 1}"#
        );
    }

    #[test]
    fn arrays_are_not_structures() {
        let err = serde_json::from_str::<Table>(r#"["n"]"#).unwrap_err().to_string();
        assert!(err.starts_with("invalid type: sequence, expected struct Table at line 1 column"), "{err}");
    }

    #[test]
    fn many_members_are_tracked_past_128() {
        let mut seen = Seen::new(200);
        assert!(seen.first(0) && seen.first(150) && seen.first(199));
        assert!(!seen.first(150) && !seen.first(0));
        let mut seen = Seen::new(128);
        assert!(seen.first(127) && !seen.first(127));
    }
}

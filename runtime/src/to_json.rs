//! Request bodies of the JSON protocols, written without going through
//! serde for each type.
//!
//! Generated types a request writes implement [`ToJson`]: one function per
//! type, with one call per member, that writes exactly the bytes
//! [`wire::to_botocore_json`](crate::wire::to_botocore_json) gives for the
//! same value through its serde `Serialize` (Python `json.dumps` spacing and
//! escaping, botocore's member order and formats). serde_json's serializer
//! is then compiled once in this crate, for the scalars, instead of once per
//! generated type in every generated crate; the generated crate's serde
//! impls can stay behind its `serde` feature.
//!
//! Scalars (strings, numbers, booleans, documents) and the adapted values
//! (timestamps, blobs, floats: [`wire`](crate::wire)'s `serde_with`
//! adapters) are written by serde_json with
//! [`PythonFormatter`]; objects and arrays are
//! framed with the same formatter's methods, as serde_json frames them.

use serde::Serialize;
use serde_json::ser::Formatter as _;
use serde_with::ser::SerializeAsWrap;
use serde_with::SerializeAs;

use crate::wire::PythonFormatter;

/// Writes a value as JSON, as its serde `Serialize` does through
/// serde_json with [`PythonFormatter`].
pub trait ToJson {
    /// Writes the value.
    fn write_json(&self, w: &mut Writer);

    /// `true` for `None`: an optional member that is left out of its
    /// object (a `None` anywhere else is written as `null`).
    fn is_none(&self) -> bool {
        false
    }
}

/// A JSON document being written.
#[derive(Debug, Default)]
pub struct Writer {
    out: Vec<u8>,
}

impl Writer {
    /// An empty document.
    pub fn new() -> Self {
        Self::default()
    }

    /// The JSON text written so far.
    pub fn finish(self) -> String {
        // PythonFormatter escapes every non-ASCII character; everything else
        // written here is ASCII.
        String::from_utf8(self.out).expect("PythonFormatter writes ASCII")
    }

    /// A scalar, or any value, by its serde `Serialize` (compiled once per
    /// type that calls it: the scalars and the adapted values).
    fn serde<T: Serialize + ?Sized>(&mut self, value: &T) {
        let mut serializer = serde_json::Serializer::with_formatter(&mut self.out, PythonFormatter);
        // Writing to a `Vec` cannot fail, nor can serializing the scalars,
        // documents (string keys only) and adapted values written here.
        let _ = value.serialize(&mut serializer);
    }

    /// A string.
    pub fn string(&mut self, value: &str) {
        self.serde(value);
    }

    /// An object: write its members with [`Object::member`] and friends,
    /// then [`Object::end`].
    pub fn object(&mut self) -> Object<'_> {
        let _ = PythonFormatter.begin_object(&mut self.out);
        Object { w: self, first: true }
    }

    /// Element `value` of an array (`first`: the first one).
    fn element(&mut self, first: bool, value: &dyn ToJson) {
        let _ = PythonFormatter.begin_array_value(&mut self.out, first);
        value.write_json(self);
        let _ = PythonFormatter.end_array_value(&mut self.out);
    }
}

/// The members of an object being written (see [`Writer::object`]).
#[derive(Debug)]
pub struct Object<'w> {
    w: &'w mut Writer,
    first: bool,
}

impl Object<'_> {
    /// The entry `key`: `value`, written by `write` (`key` writes a JSON
    /// string: a `str`, `String` or string enum).
    fn entry(&mut self, key: &dyn ToJson, write: impl FnOnce(&mut Writer)) {
        let _ = PythonFormatter.begin_object_key(&mut self.w.out, std::mem::take(&mut self.first));
        key.write_json(self.w);
        let _ = PythonFormatter.end_object_key(&mut self.w.out);
        let _ = PythonFormatter.begin_object_value(&mut self.w.out);
        write(self.w);
        let _ = PythonFormatter.end_object_value(&mut self.w.out);
    }

    /// The member `name`, unless `value` is `None` (an optional member).
    /// Not generic: one copy, whatever the member's type.
    pub fn member(&mut self, name: &str, value: &dyn ToJson) {
        if !value.is_none() {
            self.entry(&name, |w| value.write_json(w));
        }
    }

    /// The member `name`, written by the `serde_with` adapter `A`
    /// (timestamps, blobs, floats, and lists and maps of those).
    pub fn member_as<A: SerializeAs<T>, T: ?Sized>(&mut self, name: &str, value: &T) {
        self.entry(&name, |w| w.serde(&SerializeAsWrap::<T, A>::new(value)));
    }

    /// [`member_as`](Self::member_as) for an optional member: nothing for
    /// `None`.
    pub fn optional_as<A: SerializeAs<T>, T>(&mut self, name: &str, value: &Option<T>) {
        if let Some(value) = value {
            self.member_as::<A, T>(name, value);
        }
    }

    /// Closes the object.
    pub fn end(self) {
        let _ = PythonFormatter.end_object(&mut self.w.out);
    }
}

/// The botocore JSON text of `value` (what
/// [`wire::to_botocore_json`](crate::wire::to_botocore_json) gives for the
/// same value through serde).
pub fn to_string(value: &dyn ToJson) -> String {
    let mut w = Writer::new();
    value.write_json(&mut w);
    w.finish()
}

macro_rules! scalars {
    ($($t:ty),*) => {$(
        impl ToJson for $t {
            fn write_json(&self, w: &mut Writer) {
                w.serde(self);
            }
        }
    )*};
}

scalars!(bool, i8, i16, i32, i64, f32, f64, String, str, serde_json::Value, ());

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, w: &mut Writer) {
        let _ = PythonFormatter.begin_array(&mut w.out);
        let mut first = true;
        for value in self {
            w.element(std::mem::take(&mut first), value);
        }
        let _ = PythonFormatter.end_array(&mut w.out);
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn write_json(&self, w: &mut Writer) {
        match self {
            Some(value) => value.write_json(w),
            None => w.serde(&()),
        }
    }

    fn is_none(&self) -> bool {
        Option::is_none(self)
    }
}

impl<T: ToJson + ?Sized> ToJson for Box<T> {
    fn write_json(&self, w: &mut Writer) {
        (**self).write_json(w);
    }

    fn is_none(&self) -> bool {
        (**self).is_none()
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn write_json(&self, w: &mut Writer) {
        (**self).write_json(w);
    }

    fn is_none(&self) -> bool {
        (**self).is_none()
    }
}

/// A map with string or string-enum keys, in its order.
impl<K: ToJson, V: ToJson, S> ToJson for indexmap::IndexMap<K, V, S> {
    fn write_json(&self, w: &mut Writer) {
        let mut object = w.object();
        for (key, value) in self {
            // Every value, `None` too (`null`), as serde writes a map.
            object.entry(key, |w| value.write_json(w));
        }
        object.end();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use indexmap::IndexMap;

    fn same<T: ToJson + Serialize>(value: &T) {
        assert_eq!(to_string(value), crate::wire::to_botocore_json(value).unwrap());
    }

    #[test]
    fn scalars_and_containers_as_serde_writes_them() {
        same(&"naïve \"q\" \\ \n \u{1f} 😀".to_owned());
        same(&true);
        same(&-7i8);
        same(&i64::MIN);
        same(&1.5f32);
        same(&f64::MAX);
        same(&f64::NAN); // null, as serde_json writes a bare NaN
        same(&vec![Some(1), None, Some(3)]);
        same(&Vec::<String>::new());
        same(&Some(Box::new(2)));
        let mut map = IndexMap::new();
        map.insert("é".to_owned(), vec![1.25, -0.0]);
        map.insert("a".to_owned(), vec![]);
        same(&map);
        same(&IndexMap::<String, i32>::new());
        // A sparse map writes `None` values as `null`; only members are left out.
        let sparse: IndexMap<String, Option<i32>> = [("a".to_owned(), None), ("b".to_owned(), Some(2))].into_iter().collect();
        same(&sparse);
        same(&serde_json::json!({"z": [1, {"é": null}], "a": "b"}));
    }

    #[test]
    fn objects_leave_out_none_and_use_adapters() {
        let mut w = Writer::new();
        let mut object = w.object();
        object.member("a", &1);
        object.member("none", &None::<i32>);
        object.member("some", &Some("x".to_owned()));
        object.member_as::<crate::wire::Base64, _>("blob", &b"hi".to_vec());
        object.optional_as::<crate::wire::Float, f64>("nan", &Some(f64::NAN));
        object.optional_as::<crate::wire::Float, f64>("gone", &None);
        object.end();
        assert_eq!(w.finish(), r#"{"a": 1, "some": "x", "blob": "aGk=", "nan": "NaN"}"#);
        let mut w = Writer::new();
        w.object().end();
        assert_eq!(w.finish(), "{}");
    }
}

//! serde adapters (`serde_with`'s `SerializeAs` / `DeserializeAs`, used by
//! [`crate::structure`] and [`crate::union`]) that give the exact wire forms
//! botocore sends and accept everything the service sends.
//!
//! Timestamps are `chrono::DateTime<Utc>` in generated types; which adapter a
//! member uses follows the member's `timestampFormat`, else the shape's,
//! else the protocol default (epoch seconds in JSON bodies).
//!
//! | adapter | writes (as botocore) | reads |
//! |---|---|---|
//! | [`DateTime`] | `2024-05-01T12:00:00Z`, `2024-05-01T12:00:00.123456Z` | any of the forms below |
//! | [`EpochSeconds`] | `1714564800`, `1714564800.123456` | |
//! | [`HttpDate`] | `Wed, 01 May 2024 12:00:00 GMT` | |
//! | [`Base64`] | standard base64 with padding | standard base64 |
//! | [`Float`] | a number; `"NaN"`, `"Infinity"`, `"-Infinity"` | a number or one of those strings |
//!
//! Reading is lenient, like botocore's parser: a timestamp adapter accepts a
//! JSON number (epoch seconds with fractions), or a string in RFC 3339 (with
//! or without fractions or offset, `T` or a space between date and time),
//! HTTP-date, or a number.

use base64::Engine as _;
use chrono::{TimeZone, Timelike, Utc};
use serde::de::{Unexpected, Visitor};
use serde::{Deserializer, Serializer};
use serde_with::{DeserializeAs, SerializeAs};

pub use serde_with::{DefaultOnNull, Same};

type Timestamp = chrono::DateTime<Utc>;

/// ISO 8601 / RFC 3339 timestamps (`iso8601`, Smithy `date-time`).
pub struct DateTime;
/// Seconds since the epoch, fractions allowed (`unixTimestamp`, `epoch-seconds`).
pub struct EpochSeconds;
/// RFC 7231 IMF-fixdate (`rfc822`, Smithy `http-date`).
pub struct HttpDate;
/// Blobs as standard base64 strings.
pub struct Base64;
/// `f32` and `f64` members: finite values as JSON numbers, `NaN`,
/// `Infinity` and `-Infinity` as those strings (botocore's `_handle_float`;
/// JSON has no literal for them). Reads either form.
pub struct Float;

/// Truncates to microseconds, the precision botocore (Python `datetime`) keeps.
fn micros(ts: &Timestamp) -> u32 {
    ts.nanosecond() % 1_000_000_000 / 1_000
}

/// Formats as botocore's `_timestamp_iso8601`.
pub fn format_date_time(ts: &Timestamp) -> String {
    let us = micros(ts);
    if us > 0 {
        format!("{}.{us:06}Z", ts.format("%Y-%m-%dT%H:%M:%S"))
    } else {
        ts.format("%Y-%m-%dT%H:%M:%SZ").to_string()
    }
}

/// Formats as botocore's `_timestamp_rfc822`.
pub fn format_http_date(ts: &Timestamp) -> String {
    ts.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

/// The epoch-seconds value botocore's `_timestamp_unixtimestamp` produces:
/// an integer when there are no fractions.
pub fn epoch_seconds(ts: &Timestamp) -> serde_json::Number {
    let us = micros(ts);
    if us == 0 {
        ts.timestamp().into()
    } else {
        let value = (ts.timestamp() as f64 * 1e6 + us as f64) / 1e6;
        serde_json::Number::from_f64(value).unwrap_or_else(|| ts.timestamp().into())
    }
}

/// Parses any timestamp form the services send.
pub fn parse_timestamp(text: &str) -> Option<Timestamp> {
    let text = text.trim();
    if let Some(ts) = parse_utc_date_time(text) {
        return Some(ts);
    }
    if let Ok(ts) = chrono::DateTime::parse_from_rfc3339(text) {
        return Some(ts.with_timezone(&Utc));
    }
    if let Ok(ts) = chrono::DateTime::parse_from_rfc2822(text) {
        return Some(ts.with_timezone(&Utc));
    }
    // Without an offset (UTC), with `T` or, as botocore's dateutil also
    // reads (and moto sends), a space between date and time.
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"] {
        if let Ok(naive) = chrono::NaiveDateTime::parse_from_str(text, format) {
            return Some(Utc.from_utc_datetime(&naive));
        }
    }
    text.parse::<f64>().ok().and_then(from_epoch_f64)
}

/// The fast path for the form services send most: `YYYY-MM-DDTHH:MM:SS[.f]Z`
/// (`None` for anything else, which the general parsers then handle).
fn parse_utc_date_time(text: &str) -> Option<Timestamp> {
    fn number(digits: &[u8]) -> Option<u32> {
        digits.iter().try_fold(0u32, |n, d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
    }
    let b = text.as_bytes();
    let shape_ok = b.len() >= 20
        && b[4] == b'-'
        && b[7] == b'-'
        && matches!(b[10], b'T' | b't')
        && b[13] == b':'
        && b[16] == b':'
        && matches!(b.last(), Some(b'Z' | b'z'));
    if !shape_ok {
        return None;
    }
    let nanos = match &b[19..b.len() - 1] {
        [] => 0,
        [b'.', frac @ ..] if (1..=9).contains(&frac.len()) => number(frac)? * 10u32.pow(9 - frac.len() as u32),
        _ => return None,
    };
    let (sec, min, hour) = (number(&b[17..19])?, number(&b[14..16])?, number(&b[11..13])?);
    if sec > 59 {
        return None; // leap seconds: left to the general parser
    }
    chrono::NaiveDate::from_ymd_opt(number(&b[0..4])? as i32, number(&b[5..7])?, number(&b[8..10])?)?
        .and_hms_nano_opt(hour, min, sec, nanos)
        .map(|t| t.and_utc())
}

fn from_epoch_f64(secs: f64) -> Option<Timestamp> {
    if !secs.is_finite() {
        return None;
    }
    let whole = secs.floor();
    let nanos = ((secs - whole) * 1e9).round() as u32;
    let (whole, nanos) = if nanos >= 1_000_000_000 { (whole + 1.0, 0) } else { (whole, nanos) };
    Utc.timestamp_opt(whole as i64, nanos).single()
}

struct TimestampVisitor;

impl Visitor<'_> for TimestampVisitor {
    type Value = Timestamp;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a timestamp (epoch seconds, RFC 3339 or HTTP-date)")
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Timestamp, E> {
        Utc.timestamp_opt(v, 0)
            .single()
            .ok_or_else(|| E::invalid_value(Unexpected::Signed(v), &self))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Timestamp, E> {
        i64::try_from(v)
            .ok()
            .and_then(|v| Utc.timestamp_opt(v, 0).single())
            .ok_or_else(|| E::invalid_value(Unexpected::Unsigned(v), &self))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Timestamp, E> {
        from_epoch_f64(v).ok_or_else(|| E::invalid_value(Unexpected::Float(v), &self))
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Timestamp, E> {
        parse_timestamp(v).ok_or_else(|| E::invalid_value(Unexpected::Str(v), &self))
    }
}

macro_rules! timestamp_adapter {
    ($adapter:ty, |$ts:ident, $s:ident| $write:expr) => {
        impl SerializeAs<Timestamp> for $adapter {
            fn serialize_as<S: Serializer>($ts: &Timestamp, $s: S) -> Result<S::Ok, S::Error> {
                $write
            }
        }

        impl<'de> DeserializeAs<'de, Timestamp> for $adapter {
            fn deserialize_as<D: Deserializer<'de>>(d: D) -> Result<Timestamp, D::Error> {
                d.deserialize_any(TimestampVisitor)
            }
        }
    };
}

/// Writes a timestamp's text or number; for serializers that are not
/// human-readable, wrapped in a newtype named
/// [`protocol::cbor::TIMESTAMP`](crate::protocol::cbor::TIMESTAMP), so the
/// CBOR serializer writes tag 1 (others see the value unchanged).
fn write_timestamp<S: Serializer, V: serde::Serialize>(s: S, value: V) -> Result<S::Ok, S::Error> {
    if s.is_human_readable() {
        value.serialize(s)
    } else {
        s.serialize_newtype_struct(crate::protocol::cbor::TIMESTAMP, &value)
    }
}

timestamp_adapter!(DateTime, |ts, s| write_timestamp(s, format_date_time(ts)));
timestamp_adapter!(HttpDate, |ts, s| write_timestamp(s, format_http_date(ts)));
timestamp_adapter!(EpochSeconds, |ts, s| write_timestamp(s, epoch_seconds(ts)));

impl SerializeAs<Vec<u8>> for Base64 {
    /// Base64 text for human-readable formats (JSON); raw bytes otherwise
    /// (so paginator tokens know a blob from a string, as botocore does).
    fn serialize_as<S: Serializer>(bytes: &Vec<u8>, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            s.serialize_str(&base64::engine::general_purpose::STANDARD.encode(bytes))
        } else {
            s.serialize_bytes(bytes)
        }
    }
}

impl<'de> DeserializeAs<'de, Vec<u8>> for Base64 {
    /// Base64 text, or (from binary formats such as CBOR) a byte string.
    fn deserialize_as<D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        struct BlobVisitor;

        impl Visitor<'_> for BlobVisitor {
            type Value = Vec<u8>;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Vec<u8>, E> {
                base64::engine::general_purpose::STANDARD
                    .decode(v.as_bytes())
                    .map_err(|e| E::custom(format_args!("invalid base64 blob: {e}")))
            }

            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Vec<u8>, E> {
                Ok(v.to_vec())
            }

            fn visit_byte_buf<E: serde::de::Error>(self, v: Vec<u8>) -> Result<Vec<u8>, E> {
                Ok(v)
            }
        }

        d.deserialize_str(BlobVisitor)
    }
}

/// The string botocore sends for a float that is not finite.
pub fn non_finite_name(value: f64) -> Option<&'static str> {
    if value.is_nan() {
        Some("NaN")
    } else if value == f64::INFINITY {
        Some("Infinity")
    } else if value == f64::NEG_INFINITY {
        Some("-Infinity")
    } else {
        None
    }
}

/// The value of one of the strings of [`non_finite_name`].
pub fn non_finite_value(name: &str) -> Option<f64> {
    match name {
        "NaN" => Some(f64::NAN),
        "Infinity" => Some(f64::INFINITY),
        "-Infinity" => Some(f64::NEG_INFINITY),
        _ => None,
    }
}

macro_rules! float_adapter {
    ($($t:ty),*) => {$(
        impl SerializeAs<$t> for Float {
            fn serialize_as<S: Serializer>(value: &$t, s: S) -> Result<S::Ok, S::Error> {
                // Binary formats (CBOR) carry non-finite floats natively;
                // only text formats spell them as strings.
                match non_finite_name(f64::from(*value)) {
                    Some(name) if s.is_human_readable() => s.serialize_str(name),
                    _ => serde::Serialize::serialize(value, s),
                }
            }
        }

        impl<'de> DeserializeAs<'de, $t> for Float {
            fn deserialize_as<D: Deserializer<'de>>(d: D) -> Result<$t, D::Error> {
                struct V;
                impl Visitor<'_> for V {
                    type Value = $t;
                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str(concat!(stringify!($t), r#" (a number, "NaN", "Infinity" or "-Infinity")"#))
                    }
                    // As serde's own impls for the primitive: `as` from
                    // whatever number the input holds.
                    fn visit_f64<E>(self, v: f64) -> Result<$t, E> {
                        Ok(v as $t)
                    }
                    fn visit_i64<E>(self, v: i64) -> Result<$t, E> {
                        Ok(v as $t)
                    }
                    fn visit_u64<E>(self, v: u64) -> Result<$t, E> {
                        Ok(v as $t)
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<$t, E> {
                        non_finite_value(v).map(|v| v as $t).ok_or_else(|| E::invalid_value(Unexpected::Str(v), &self))
                    }
                }
                d.deserialize_any(V)
            }
        }
    )*};
}

float_adapter!(f32, f64);

#[cfg(test)]
mod tests {
    use super::*;
    use serde::{Deserialize, Serialize};

    #[serde_with::serde_as]
    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct T {
        #[serde_as(as = "DateTime")]
        iso: Timestamp,
        #[serde_as(as = "EpochSeconds")]
        epoch: Timestamp,
        #[serde_as(as = "HttpDate")]
        http: Timestamp,
        #[serde_as(as = "Base64")]
        blob: Vec<u8>,
    }

    fn ts(secs: i64, nanos: u32) -> Timestamp {
        Utc.timestamp_opt(secs, nanos).unwrap()
    }

    #[test]
    fn writes_like_botocore() {
        let t = T { iso: ts(1714564800, 0), epoch: ts(1714564800, 0), http: ts(1714564800, 0), blob: b"hi".to_vec() };
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            r#"{"iso":"2024-05-01T12:00:00Z","epoch":1714564800,"http":"Wed, 01 May 2024 12:00:00 GMT","blob":"aGk="}"#
        );
        let t = T { iso: ts(1714564800, 123_456_789), epoch: ts(1, 3_691_000), http: ts(0, 5), blob: vec![] };
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            r#"{"iso":"2024-05-01T12:00:00.123456Z","epoch":1.003691,"http":"Thu, 01 Jan 1970 00:00:00 GMT","blob":""}"#
        );
    }

    #[test]
    fn reads_every_form() {
        for (json, want) in [
            ("1714564800", ts(1714564800, 0)),
            ("1714564800.5", ts(1714564800, 500_000_000)),
            ("\"2024-05-01T12:00:00Z\"", ts(1714564800, 0)),
            ("\"2024-05-01T12:00:00.25Z\"", ts(1714564800, 250_000_000)),
            ("\"2024-05-01T14:00:00+02:00\"", ts(1714564800, 0)),
            ("\"Wed, 01 May 2024 12:00:00 GMT\"", ts(1714564800, 0)),
            ("\"1714564800\"", ts(1714564800, 0)),
            ("\"2024-05-01T12:00:00\"", ts(1714564800, 0)),
            ("\"2024-05-01 12:00:00\"", ts(1714564800, 0)),
            ("\"2024-05-01 12:00:00.5\"", ts(1714564800, 500_000_000)),
        ] {
            let got: Timestamp = serde_with::de::DeserializeAsWrap::<Timestamp, DateTime>::deserialize(
                &mut serde_json::Deserializer::from_str(json),
            )
            .unwrap()
            .into_inner();
            assert_eq!(got, want, "{json}");
        }
    }

    #[test]
    fn fast_path_agrees_with_the_general_parser() {
        for text in [
            "2024-05-01T12:00:00Z",
            "2024-05-01T12:00:00.5Z",
            "2024-05-01T12:00:00.123456789Z",
            "2024-02-29t23:59:59.000001z",
            "0001-01-01T00:00:00Z",
        ] {
            let general = chrono::DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc);
            assert_eq!(parse_utc_date_time(text), Some(general), "{text}");
        }
        for text in ["2024-13-01T00:00:00Z", "2024-05-01T24:00:00Z", "2024-05-01T12:00:60Z", "2024-05-01T12:00:00.Z", "2024-05-01T12:00:00+00:00", "2024-05-01 12:00:00Z", "2024-05-01T12:00:00.1234567890Z"] {
            assert_eq!(parse_utc_date_time(text), None, "{text}");
        }
        // What the fast path declines, the general parsers still read.
        assert!(parse_timestamp("2024-05-01T12:00:00+00:00").is_some());
        assert!(parse_timestamp("2016-12-31T23:59:60Z").is_some());
    }

    #[test]
    fn rejects_bad_values() {
        let bad = r#"{"iso":"yesterday","epoch":1,"http":1,"blob":""}"#;
        let err = serde_json::from_str::<T>(bad).unwrap_err().to_string();
        assert!(err.contains("yesterday"), "{err}");
        let bad = r#"{"iso":1,"epoch":1,"http":1,"blob":"!!"}"#;
        let err = serde_json::from_str::<T>(bad).unwrap_err().to_string();
        assert!(err.contains("base64"), "{err}");
        let bad = r#"{"iso":true,"epoch":1,"http":1,"blob":""}"#;
        assert!(serde_json::from_str::<T>(bad).is_err());
    }
}

/// A `serde_json` formatter that writes JSON exactly as Python's
/// `json.dumps` does with its defaults (botocore's request bodies, and
/// botocore's pagination tokens): `", "` between items, `": "` after keys,
/// and every non-ASCII character escaped as `\uXXXX` (lowercase hex,
/// UTF-16 surrogate pairs beyond the BMP).
#[derive(Debug, Default, Clone, Copy)]
pub struct PythonFormatter;

impl serde_json::ser::Formatter for PythonFormatter {
    fn begin_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        if first { Ok(()) } else { w.write_all(b", ") }
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        if first { Ok(()) } else { w.write_all(b", ") }
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn write_string_fragment<W: ?Sized + std::io::Write>(&mut self, w: &mut W, fragment: &str) -> std::io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if c.is_ascii() {
                continue;
            }
            w.write_all(&fragment.as_bytes()[start..i])?;
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(w, "\\u{unit:04x}")?;
            }
            start = i + c.len_utf8();
        }
        w.write_all(&fragment.as_bytes()[start..])
    }
}

/// Serializes `value` to the exact bytes botocore would send for it in a JSON
/// body (Python `json.dumps` spacing and escaping; see [`PythonFormatter`]).
/// `serde_json::to_string` gives the same JSON value in compact form.
pub fn to_botocore_json<T: serde::Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::new();
    value.serialize(&mut serde_json::Serializer::with_formatter(&mut out, PythonFormatter))?;
    // The formatter only ever writes ASCII.
    Ok(String::from_utf8(out).expect("PythonFormatter writes ASCII"))
}

#[cfg(test)]
mod python_json_tests {
    #[test]
    fn matches_python_json_dumps() {
        let v = serde_json::json!({"a": [1, 2.5, true, null], "é": "naïve 😀", "ctl": "\n\u{1f}"});
        // python3 -c 'import json; print(json.dumps({"a": [1, 2.5, True, None], "é": "naïve 😀", "ctl": "\n\x1f"}, sort_keys=True))'
        assert_eq!(
            super::to_botocore_json(&v).unwrap(),
            r#"{"a": [1, 2.5, true, null], "ctl": "\n\u001f", "\u00e9": "na\u00efve \ud83d\ude00"}"#
        );
    }
}

/// Deserializes a generated string enum from a JSON string without
/// allocating for known values (`From<&str>`); unknown values keep their
/// text (`From<String>`).
pub fn deserialize_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str> + From<String>,
{
    struct EnumVisitor<T>(std::marker::PhantomData<T>);

    impl<T: for<'a> From<&'a str> + From<String>> Visitor<'_> for EnumVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a string enum value")
        }

        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<T, E> {
            Ok(T::from(v))
        }

        fn visit_string<E: serde::de::Error>(self, v: String) -> Result<T, E> {
            Ok(T::from(v))
        }
    }

    deserializer.deserialize_str(EnumVisitor(std::marker::PhantomData))
}

/// Deserializes `T` from a JSON document: `serde_json::from_slice`, with the
/// same results and the same errors, in about 20% less time on string-heavy
/// responses. The bytes are checked for UTF-8 once, up front (the standard
/// library's check has an ASCII fast path), and serde_json then reads them as
/// `&str`, which spares it validating every string again. Bytes that are not
/// UTF-8 go to `serde_json::from_slice`, so its error (with line and column)
/// is what the caller sees.
///
/// For generated types, [`crate::json::from_slice`] gives the same results
/// faster still; this is for any other serde type.
pub fn from_json_slice<'de, T: serde::Deserialize<'de>>(bytes: &'de [u8]) -> serde_json::Result<T> {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(bytes),
    }
}

#[cfg(test)]
mod from_json_slice_tests {
    use super::from_json_slice;
    use serde_json::Value;

    /// Same value or same error message (line and column included) as
    /// `serde_json::from_slice`, for valid, malformed and non-UTF-8 input.
    #[test]
    fn same_as_serde_json_from_slice() {
        let cases: [&[u8]; 12] = [
            br#"{"a": "b", "c": [1, 2.5e3, null, true], "d": {"e": "\u00e9\n"}}"#,
            "{\"naïve\": \"😀\"}".as_bytes(),
            b"",
            b"   ",
            br#"{"a": }"#,
            br#"{"a": "unterminated"#,
            b"{\"a\": \"\xff\"}",
            b"{\"a\":\n \"ok\", \"b\": \"\xc3\x28\"}",
            b"\xef\xbb\xbf{}",
            br#"{"a": "\ud800"}"#,
            b"{\"a\": \"tab\there\"}",
            br#"[1, 2] trailing"#,
        ];
        for bytes in cases {
            let ours = from_json_slice::<Value>(bytes).map_err(|e| e.to_string());
            let theirs = serde_json::from_slice::<Value>(bytes).map_err(|e| e.to_string());
            assert_eq!(ours, theirs, "{}", String::from_utf8_lossy(bytes));
        }
        // Non-UTF-8 inside a string is reported where serde_json finds it.
        let err = from_json_slice::<Value>(b"{\"a\":\n \"ok\", \"b\": \"\xc3\x28\"}").unwrap_err();
        assert_eq!((err.line(), err.column()), (2, 14), "{err}");
    }

    /// Borrowed strings still borrow from the input.
    #[test]
    fn borrows() {
        let bytes = br#"{"k": "value"}"#;
        let map: std::collections::HashMap<&str, &str> = from_json_slice(bytes).unwrap();
        assert_eq!(map["k"], "value");
    }
}

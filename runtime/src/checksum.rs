//! Request checksums (S3's flexible checksums), as botocore computes them
//! (`botocore/httpchecksum.py`): the checksum of the whole body, base64, in
//! the header `x-amz-checksum-<algorithm>`.

use base64::Engine as _;

/// The algorithm botocore uses when the caller names none (its default
/// `request_checksum_calculation = when_supported`).
pub const DEFAULT_ALGORITHM: &str = "CRC32";

/// The header name and value of `body`'s checksum with `algorithm`
/// (case-insensitive: `CRC32`, `CRC32C`, `SHA1`, `SHA256`), or `None` for an
/// algorithm this runtime does not compute. botocore without the AWS CRT
/// computes CRC32, SHA1 and SHA256 (and SHA512, which no model names); CRC32C
/// is computed here too; CRC64NVME and the xxHash family are not.
pub fn header(algorithm: &str, body: &[u8]) -> Option<(String, String)> {
    let algorithm = algorithm.to_ascii_lowercase();
    let digest: Vec<u8> = match algorithm.as_str() {
        "crc32" => crc32fast::hash(body).to_be_bytes().to_vec(),
        "crc32c" => crc32c::crc32c(body).to_be_bytes().to_vec(),
        "sha1" => {
            use sha1::Digest as _;
            sha1::Sha1::digest(body).to_vec()
        }
        "sha256" => {
            use sha2::Digest as _;
            sha2::Sha256::digest(body).to_vec()
        }
        _ => return None,
    };
    Some((format!("x-amz-checksum-{algorithm}"), base64::engine::general_purpose::STANDARD.encode(digest)))
}

/// The algorithms this runtime validates in responses, in botocore's order
/// of preference (`_ALGORITHMS_PRIORITY_LIST` restricted to what
/// [`header`] computes).
const RESPONSE_PRIORITY: [&str; 4] = ["CRC32C", "CRC32", "SHA1", "SHA256"];

/// Checks a response body against the first checksum header it carries
/// among `algorithms` (the operation's `responseAlgorithms`), as botocore's
/// `handle_checksum_body`: `Ok` when it matches, when the header is a
/// multipart object's composite checksum (`…-N`), or when no usable header
/// is there; otherwise botocore's message.
pub fn validate(algorithms: &[&str], headers: &::http::HeaderMap, body: &[u8]) -> Result<(), String> {
    for algorithm in RESPONSE_PRIORITY.iter().filter(|a| algorithms.iter().any(|m| m.eq_ignore_ascii_case(a))) {
        let name = format!("x-amz-checksum-{}", algorithm.to_ascii_lowercase());
        let Some(expected) = headers.get(name.as_str()).and_then(|v| v.to_str().ok()) else { continue };
        if expected.contains('-') {
            continue;
        }
        let (_, calculated) = header(algorithm, body).expect("RESPONSE_PRIORITY holds computed algorithms");
        if calculated != expected {
            return Err(format!("Expected checksum {expected} did not match calculated checksum: {calculated}"));
        }
        return Ok(());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{header, validate};

    /// The standard check values of "123456789" (CRC catalogue) and the
    /// FIPS 180 digests of "abc", as botocore's base64 headers.
    #[test]
    fn known_values() {
        let check = |alg: &str, body: &[u8], name: &str, value: &str| {
            assert_eq!(header(alg, body), Some((name.to_owned(), value.to_owned())), "{alg}");
        };
        // CRC-32 0xCBF43926, CRC-32C 0xE3069283.
        check("CRC32", b"123456789", "x-amz-checksum-crc32", "y/Q5Jg==");
        check("crc32c", b"123456789", "x-amz-checksum-crc32c", "4waSgw==");
        check("SHA1", b"abc", "x-amz-checksum-sha1", "qZk+NkcGgWq6PiVxeFDCbJzQ2J0=");
        check("SHA256", b"abc", "x-amz-checksum-sha256", "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
        // An empty body has a checksum too (botocore sends "AAAAAA==").
        check("CRC32", b"", "x-amz-checksum-crc32", "AAAAAA==");
        assert_eq!(header("CRC64NVME", b""), None);
        assert_eq!(header("MD5", b""), None);
    }

    /// Response validation: the preferred header present is checked; a
    /// composite checksum or no usable header passes; a mismatch is
    /// botocore's message.
    #[test]
    fn response_validation() {
        let all = ["CRC64NVME", "CRC32", "CRC32C", "SHA256", "SHA1"];
        let headers = |pairs: &[(&'static str, &'static str)]| {
            let mut h = ::http::HeaderMap::new();
            for (k, v) in pairs {
                h.insert(*k, ::http::HeaderValue::from_static(v));
            }
            h
        };
        assert_eq!(validate(&all, &headers(&[("x-amz-checksum-crc32", "y/Q5Jg==")]), b"123456789"), Ok(()));
        let e = validate(&all, &headers(&[("x-amz-checksum-crc32", "AAAAAA==")]), b"123456789").unwrap_err();
        assert_eq!(e, "Expected checksum AAAAAA== did not match calculated checksum: y/Q5Jg==");
        // CRC32C comes before CRC32 in botocore's order.
        let both = headers(&[("x-amz-checksum-crc32", "AAAAAA=="), ("x-amz-checksum-crc32c", "4waSgw==")]);
        assert_eq!(validate(&all, &both, b"123456789"), Ok(()));
        assert_eq!(validate(&all, &headers(&[("x-amz-checksum-crc32", "AAAAAA==-3")]), b"x"), Ok(()));
        assert_eq!(validate(&all, &headers(&[("x-amz-checksum-crc64nvme", "AAAAAAAAAAA=")]), b"x"), Ok(()));
        assert_eq!(validate(&["SHA1"], &headers(&[("x-amz-checksum-crc32", "AAAAAA==")]), b"x"), Ok(()));
    }
}

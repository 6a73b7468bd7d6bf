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

#[cfg(test)]
mod tests {
    use super::header;

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
}

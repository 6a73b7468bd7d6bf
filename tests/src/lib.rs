//! Helpers shared by the test files of this package. The README's examples
//! are compiled and run as this crate's doctests, so they stay true.
#![doc = include_str!("../../README.md")]

use std::path::{Path, PathBuf};

pub mod harness;

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// The cases of `tests/vectors/serde/bedrock.json` (written by `cargo xtask
/// serde-vectors`): botocore's own serializer over inputs that set every
/// member. Fails loudly when the file is missing or has fewer than 30.
pub fn serde_vectors() -> Vec<serde_json::Value> {
    let path = repo_root().join("tests/vectors/serde/bedrock.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; run `cargo xtask serde-vectors`", path.display()));
    let vectors: serde_json::Value = serde_json::from_str(&text).unwrap();
    let cases = vectors["cases"].as_array().expect("a `cases` array").clone();
    assert!(cases.len() >= 30, "expected at least 30 vectors, found {}", cases.len());
    cases
}

pub mod moto;

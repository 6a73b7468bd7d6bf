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
pub mod stub;

include!(concat!(env!("OUT_DIR"), "/missing_operations.rs"));

/// `bedrock_op!("Operation", expr)`: `expr` when the generated bedrock crate
/// has the operation, else an `Err` naming it, without compiling `expr`
/// (which may name the operation's types). For tests that name operations
/// (see `build.rs`): a model update that removes one fails the test that
/// uses it, and [`MISSING_OPERATIONS`], not the build of the whole suite.
#[macro_export]
macro_rules! bedrock_op {
    ($name:literal, $e:expr) => {{
        #[cfg(bedrock_op = $name)]
        let result = $e;
        #[cfg(not(bedrock_op = $name))]
        let result = Err(format!("operation `{}` is not in the generated bedrock crate any more", $name));
        result
    }};
}

#[cfg(test)]
mod tests {
    /// Every operation a hand-written test names (`bedrock_op = "…"`,
    /// `bedrock_op!("…", …)`) is in the generated crate; when a model update
    /// removed one, this says which tests to update or delete.
    #[test]
    fn operations_named_by_tests_are_in_the_generated_crate() {
        let list: Vec<String> =
            super::MISSING_OPERATIONS.iter().map(|(file, op)| format!("  tests/{file}: {op}")).collect();
        assert!(
            list.is_empty(),
            "the model no longer has operations that hand-written tests name (those tests are compiled out); \
             update or delete them:\n{}",
            list.join("\n")
        );
    }
}

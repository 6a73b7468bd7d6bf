//! Helpers shared by the test files of this package. The README's examples
//! are compiled and run as this crate's doctests, so they stay true.
#![doc = include_str!("../../README.md")]

use std::path::{Path, PathBuf};

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}
pub mod moto;

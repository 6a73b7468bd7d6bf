//! Writes `$OUT_DIR/bedrock_types.rs`: a macro that maps a type name of
//! `bedrock::types` to a call of a generic function with that type, read
//! from the generated `src/types/` (one file per type), so that
//! `tests/fast_json.rs` can check every generated type, whatever the model
//! holds.
//!
//! Sets `cfg(bedrock_op = "<Operation>")` for every operation of the
//! generated crate (read from `src/operations/`): hand-written tests
//! that name an operation are gated on it (`#[cfg(bedrock_op = "…")]`, or
//! `tests::bedrock_op!`), so a model update that removes the operation
//! does not stop the whole suite from compiling. Instead
//! `$OUT_DIR/missing_operations.rs` lists every operation the test files
//! name that the crate no longer has, and one test fails naming them.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    let types = Path::new(&manifest).join("../generated/bedrock/src/types");
    println!("cargo:rerun-if-changed={}", types.display());
    let mut arms = String::new();
    let mut names = String::new();
    let mut request_arms = String::new();
    for (file, source) in rust_files(&types) {
        // Each file defines one type: `pub struct Name …` or `pub enum Name …`.
        let Some(name) = first_item(&source, &["pub struct ", "pub enum "]) else { continue };
        println!("cargo:rerun-if-changed={}", file.display());
        writeln!(arms, "            {name:?} => Some($f::<bedrock::types::{name}>($($arg),*)),").unwrap();
        write!(names, "{name:?}, ").unwrap();
        if source.contains("impl ::awsgen_runtime::to_json::ToJson for") {
            writeln!(request_arms, "            {name:?} => Some($f::<bedrock::types::{name}>($($arg),*)),").unwrap();
        }
    }
    assert!(!arms.is_empty(), "no types found in {}", types.display());
    let out = format!(
        "/// `with_bedrock_type!(name, f, args…)`: `Some(f::<bedrock::types::<name>>(args…))`, or `None` for\n\
         /// a name that is not a type of the generated crate.\n\
         macro_rules! with_bedrock_type {{\n    ($name:expr, $f:ident, $($arg:expr),*) => {{\n        match $name {{\n{arms}            _ => None,\n        }}\n    }};\n}}\n\
         /// `with_bedrock_type!` for the types a request writes (`to_json::ToJson`); `None` for the rest.\n\
         #[allow(unused_macros)]\n\
         macro_rules! with_bedrock_request_type {{\n    ($name:expr, $f:ident, $($arg:expr),*) => {{\n        match $name {{\n{request_arms}            _ => None,\n        }}\n    }};\n}}\n\
         /// The names `with_bedrock_type!` knows, in the order of their files' names.\n\
         #[allow(dead_code)]\n\
         const BEDROCK_TYPES: &[&str] = &[{names}];\n"
    );
    let out_dir = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
    let dest = out_dir.join("bedrock_types.rs");
    std::fs::write(&dest, out).unwrap_or_else(|e| panic!("{}: {e}", dest.display()));
    operations(Path::new(&manifest), &out_dir);
}

/// The `cfg(bedrock_op = …)` flags and the list of operations the tests name
/// that the generated crate does not have.
fn operations(manifest: &Path, out_dir: &Path) {
    let dir = manifest.join("../generated/bedrock/src/operations");
    println!("cargo:rerun-if-changed={}", dir.display());
    println!("cargo:rustc-check-cfg=cfg(bedrock_op, values(any()))");
    let mut have = std::collections::BTreeSet::new();
    // Each operation's file defines it as a unit struct: `pub struct Operation;`.
    for (_, source) in rust_files(&dir) {
        if let Some(op) = first_item(&source, &["pub struct "]) {
            println!("cargo:rustc-cfg=bedrock_op={op:?}");
            have.insert(op);
        }
    }
    let mut missing = String::new();
    let mut files: Vec<_> = std::fs::read_dir(manifest).expect("tests/").flatten().map(|e| e.path()).collect();
    files.sort();
    let test_file = |p: &&std::path::PathBuf| p.extension().is_some_and(|e| e == "rs") && !p.ends_with("build.rs");
    for file in files.iter().filter(test_file) {
        println!("cargo:rerun-if-changed={}", file.display());
        let text = std::fs::read_to_string(file).unwrap_or_default();
        let name = file.file_name().unwrap().to_string_lossy();
        let mut named = std::collections::BTreeSet::new();
        for marker in ["bedrock_op = \"", "bedrock_op!(\""] {
            for (at, _) in text.match_indices(marker) {
                let rest = &text[at + marker.len()..];
                if let Some(end) = rest.find('"') {
                    named.insert(rest[..end].to_string());
                }
            }
        }
        for op in named.difference(&have) {
            writeln!(missing, "    ({name:?}, {op:?}),").unwrap();
        }
    }
    let dest = out_dir.join("missing_operations.rs");
    let out = format!(
        "/// (test file, operation): operations hand-written tests name that the generated crate does not have.\n\
         pub const MISSING_OPERATIONS: &[(&str, &str)] = &[\n{missing}];\n"
    );
    std::fs::write(&dest, out).unwrap_or_else(|e| panic!("{}: {e}", dest.display()));
}

/// The `.rs` files of `dir` but `mod.rs`, with their text, by file name.
fn rust_files(dir: &Path) -> Vec<(std::path::PathBuf, String)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs") && !p.ends_with("mod.rs"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p, text)
        })
        .collect()
}

/// The name after the first line that starts with one of `prefixes`.
fn first_item(source: &str, prefixes: &[&str]) -> Option<String> {
    source.lines().find_map(|line| {
        let rest = prefixes.iter().find_map(|p| line.strip_prefix(p))?;
        let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
        Some(rest[..end].to_string())
    })
}

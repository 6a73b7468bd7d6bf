//! Writes `$OUT_DIR/bedrock_types.rs`: a macro that maps a type name of
//! `bedrock::types` to a call of a generic function with that type, read
//! from the generated `src/types/mod.rs`, so that `tests/fast_json.rs` can
//! check every generated type, whatever the model holds.
//!
//! Sets `cfg(bedrock_op = "<Operation>")` for every operation of the
//! generated crate (read from `src/operations/mod.rs`): hand-written tests
//! that name an operation are gated on it (`#[cfg(bedrock_op = "…")]`, or
//! `tests::bedrock_op!`), so a model update that removes the operation
//! does not stop the whole suite from compiling. Instead
//! `$OUT_DIR/missing_operations.rs` lists every operation the test files
//! name that the crate no longer has, and one test fails naming them.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    let mod_rs = Path::new(&manifest).join("../generated/bedrock/src/types/mod.rs");
    println!("cargo:rerun-if-changed={}", mod_rs.display());
    let text = std::fs::read_to_string(&mod_rs).unwrap_or_else(|e| panic!("{}: {e}", mod_rs.display()));
    let mut arms = String::new();
    let mut names = String::new();
    let mut request_arms = String::new();
    for line in text.lines() {
        // `pub use self::module::TypeName;`
        if let Some(path) = line.strip_prefix("pub use self::").and_then(|l| l.strip_suffix(';')) {
            let (module, name) = path.split_once("::").expect("module::TypeName");
            writeln!(arms, "            {name:?} => Some($f::<bedrock::types::{name}>($($arg),*)),").unwrap();
            write!(names, "{name:?}, ").unwrap();
            let file = mod_rs.with_file_name(format!("{module}.rs"));
            let source = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            if source.contains("impl ::awsgen_runtime::to_json::ToJson for") {
                writeln!(request_arms, "            {name:?} => Some($f::<bedrock::types::{name}>($($arg),*)),").unwrap();
            }
        }
    }
    assert!(!arms.is_empty(), "no types found in {}", mod_rs.display());
    let out = format!(
        "/// `with_bedrock_type!(name, f, args…)`: `Some(f::<bedrock::types::<name>>(args…))`, or `None` for\n\
         /// a name that is not a type of the generated crate.\n\
         macro_rules! with_bedrock_type {{\n    ($name:expr, $f:ident, $($arg:expr),*) => {{\n        match $name {{\n{arms}            _ => None,\n        }}\n    }};\n}}\n\
         /// `with_bedrock_type!` for the types a request writes (`to_json::ToJson`); `None` for the rest.\n\
         #[allow(unused_macros)]\n\
         macro_rules! with_bedrock_request_type {{\n    ($name:expr, $f:ident, $($arg:expr),*) => {{\n        match $name {{\n{request_arms}            _ => None,\n        }}\n    }};\n}}\n\
         /// The names `with_bedrock_type!` knows, in the order of `types/mod.rs`.\n\
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
    let mod_rs = manifest.join("../generated/bedrock/src/operations/mod.rs");
    println!("cargo:rerun-if-changed={}", mod_rs.display());
    println!("cargo:rustc-check-cfg=cfg(bedrock_op, values(any()))");
    let text = std::fs::read_to_string(&mod_rs).unwrap_or_default();
    let mut have = std::collections::BTreeSet::new();
    // `pub use self::module::{Operation, OperationError};`, possibly over several lines.
    for item in text.split(';') {
        let item: String = item.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some((_, names)) = item.strip_prefix("pub use self::").and_then(|l| l.split_once("::{")) {
            if let Some(op) = names.split(',').next() {
                let op = op.trim();
                println!("cargo:rustc-cfg=bedrock_op={op:?}");
                have.insert(op.to_string());
            }
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

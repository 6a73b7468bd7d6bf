//! Writes `$OUT_DIR/bedrock_types.rs`: a macro that maps a type name of
//! `bedrock::types` to a call of a generic function with that type, read
//! from the generated `src/types/mod.rs`, so that `tests/fast_json.rs` can
//! check every generated type, whatever the model holds.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    let mod_rs = Path::new(&manifest).join("../generated/bedrock/src/types/mod.rs");
    println!("cargo:rerun-if-changed={}", mod_rs.display());
    let text = std::fs::read_to_string(&mod_rs).unwrap_or_else(|e| panic!("{}: {e}", mod_rs.display()));
    let mut arms = String::new();
    let mut names = String::new();
    for line in text.lines() {
        // `pub use self::module::TypeName;`
        if let Some(path) = line.strip_prefix("pub use self::").and_then(|l| l.strip_suffix(';')) {
            let name = path.rsplit("::").next().expect("a type name");
            writeln!(arms, "            {name:?} => Some($f::<bedrock::types::{name}>($($arg),*)),").unwrap();
            write!(names, "{name:?}, ").unwrap();
        }
    }
    assert!(!arms.is_empty(), "no types found in {}", mod_rs.display());
    let out = format!(
        "/// `with_bedrock_type!(name, f, args…)`: `Some(f::<bedrock::types::<name>>(args…))`, or `None` for\n\
         /// a name that is not a type of the generated crate.\n\
         macro_rules! with_bedrock_type {{\n    ($name:expr, $f:ident, $($arg:expr),*) => {{\n        match $name {{\n{arms}            _ => None,\n        }}\n    }};\n}}\n\
         /// The names `with_bedrock_type!` knows, in the order of `types/mod.rs`.\n\
         #[allow(dead_code)]\n\
         const BEDROCK_TYPES: &[&str] = &[{names}];\n"
    );
    let dest = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("bedrock_types.rs");
    std::fs::write(&dest, out).unwrap_or_else(|e| panic!("{}: {e}", dest.display()));
}

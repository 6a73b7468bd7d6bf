//! Generates Rust crates from AWS service models.
//!
//! Pipeline: a front end ([`botocore`] or [`smithy`]) reads the model into the
//! [`ir`]; the [`emit`] module turns the IR into files; [`write`] and
//! [`check`] put them on disk or compare them with what is there.
//!
//! ```no_run
//! let model = codegen::load_model(std::path::Path::new("models/bedrock"))?;
//! let files = codegen::emit::generate(&model, &codegen::emit::Options {
//!     crate_name: "bedrock".into(),
//!     source: "models/bedrock".into(),
//!     runtime_path: "../runtime".into(),
//! })?;
//! codegen::write(std::path::Path::new("generated"), &files)?;
//! # Ok::<(), codegen::Error>(())
//! ```

pub mod botocore;
pub mod docs;
pub mod emit;
mod error;
pub mod ir;
pub mod naming;
mod validate;

use std::path::{Path, PathBuf};

pub use error::{Error, Result};

/// Loads a model: a botocore service directory (with `service-2.json` and
/// optionally `paginators-1.json`), or a botocore `service-2.json` file.
pub fn load_model(path: &Path) -> Result<ir::Model> {
    if path.is_dir() {
        return botocore::load_dir(path);
    }
    let paginators = path.with_file_name("paginators-1.json");
    botocore::load(path, paginators.exists().then_some(paginators.as_path()))
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The files under `dir` that the generator owns: `Cargo.toml` and every
/// `.rs` file below `src/`.
fn owned_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    if dir.join("Cargo.toml").exists() {
        out.push(PathBuf::from("Cargo.toml"));
    }
    let mut stack = vec![PathBuf::from("src")];
    while let Some(rel) = stack.pop() {
        let abs = dir.join(&rel);
        if !abs.is_dir() {
            continue;
        }
        for entry in std::fs::read_dir(&abs).map_err(io(&abs))? {
            let entry = entry.map_err(io(&abs))?;
            let rel = rel.join(entry.file_name());
            if entry.path().is_dir() {
                stack.push(rel);
            } else if rel.extension().is_some_and(|e| e == "rs") {
                out.push(rel);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Files that differ from what `files` says they should be: changed,
/// missing, or present but no longer generated. Sorted.
pub fn check(dir: &Path, files: &emit::Files) -> Result<Vec<PathBuf>> {
    let mut stale = Vec::new();
    for (rel, want) in files {
        let have = std::fs::read_to_string(dir.join(rel)).ok();
        if have.as_deref() != Some(want.as_str()) {
            stale.push(rel.clone());
        }
    }
    for rel in owned_files(dir)? {
        if !files.contains_key(&rel) {
            stale.push(rel);
        }
    }
    stale.sort();
    stale.dedup();
    Ok(stale)
}

/// Writes `files` under `dir`, removing owned files that are no longer
/// generated and leaving unchanged files untouched. Everything was generated
/// in memory before this is called, so an error in the model never leaves
/// half-written output.
pub fn write(dir: &Path, files: &emit::Files) -> Result<()> {
    for rel in owned_files(dir)? {
        if !files.contains_key(&rel) {
            let abs = dir.join(&rel);
            std::fs::remove_file(&abs).map_err(io(&abs))?;
        }
    }
    for (rel, content) in files {
        let abs = dir.join(rel);
        if std::fs::read_to_string(&abs).ok().as_deref() == Some(content.as_str()) {
            continue;
        }
        if let Some(parent) = abs.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        let tmp = abs.with_extension("tmp~");
        std::fs::write(&tmp, content).map_err(io(&tmp))?;
        std::fs::rename(&tmp, &abs).map_err(io(&abs))?;
    }
    Ok(())
}

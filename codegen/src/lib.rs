//! Generates Rust crates from AWS service models.
//!
//! Pipeline: a front end ([`botocore`] or [`smithy`]) reads the model into the
//! [`ir`]; the [`emit`] module turns the IR into files; [`write`] and
//! [`check`] put them on disk or compare them with what is there.
//!
//! ```no_run
//! let model = codegen::load_model(std::path::Path::new("models/bedrock"))?;
//! let files = codegen::emit::generate(&model, &codegen::emit::Options::new("bedrock", "models/bedrock"))?;
//! codegen::write(std::path::Path::new("generated"), &files)?;
//! # Ok::<(), codegen::Error>(())
//! ```

pub mod api_diff;
pub mod botocore;
pub mod config;
pub mod docs;
pub mod emit;
mod error;
pub mod ir;
pub mod naming;
pub mod smithy;
pub mod subset;
mod validate;

use std::path::{Path, PathBuf};

pub use error::{Error, Result};

/// Loads a model: a botocore service directory (with `service-2.json` and
/// optionally `paginators-1.json`), a botocore `service-2.json` file, or a
/// Smithy JSON AST file (a JSON object with a `smithy` version and `shapes`).
pub fn load_model(path: &Path) -> Result<ir::Model> {
    if path.is_dir() {
        return botocore::load_dir(path);
    }
    if smithy::is_smithy_file(path) {
        return smithy::load(path);
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

/// The file beside a botocore model that records which botocore release it
/// came from (written by `cargo xtask update-model`).
pub const BOTOCORE_VERSION_FILE: &str = "BOTOCORE_VERSION";

/// Loads the model at `model_path` and generates the crate that belongs in
/// `out` (named `crate_name`), in memory, with every operation and optional
/// part: [`generate_configured`] with the defaults of [`config::CrateConfig`].
pub fn generate_crate(root: &Path, model_path: &Path, out: &Path, crate_name: &str) -> Result<emit::Files> {
    let config = config::CrateConfig {
        name: crate_name.to_string(),
        model: model_path.to_path_buf(),
        out: out.to_path_buf(),
        version: "0.1.0".into(),
        features: config::Feature::all(),
        operations: None,
        parts: emit::DEFAULT_PARTS,
    };
    generate_configured(root, &config)
}

/// Generates the crate `config` describes, in memory. `root` is the
/// repository root: relative paths in `config` are taken from it, file
/// headers name the model relative to it, and the generated `Cargo.toml`
/// finds `runtime/` from the crate's directory.
pub fn generate_configured(root: &Path, config: &config::CrateConfig) -> Result<emit::Files> {
    let model_path = root.join(&config.model);
    let out = root.join(&config.out);
    let model = load_model(&model_path)?;
    let shown = model_path.strip_prefix(root).unwrap_or(&model_path);
    let model_dir = if model_path.is_dir() {
        model_path.as_path()
    } else {
        model_path.parent().unwrap_or(&model_path)
    };
    let model_version = std::fs::read_to_string(model_dir.join(BOTOCORE_VERSION_FILE))
        .ok()
        .map(|v| format!("botocore {}", v.trim()));
    emit::generate(
        &model,
        &emit::Options {
            crate_name: config.name.clone(),
            source: shown.display().to_string(),
            model_version,
            runtime_path: relative_path(&out, &root.join("runtime")),
            version: config.version.clone(),
            client: config.features.contains(&config::Feature::Client),
            operations: config.operations.clone(),
            parts: config.parts,
        },
    )
}

/// A relative path (with `/`) from directory `from` to `to`, both taken
/// relative to the current directory when not absolute.
fn relative_path(from: &Path, to: &Path) -> String {
    let abs = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        let mut out = PathBuf::new();
        for c in p.components() {
            match c {
                std::path::Component::ParentDir => {
                    out.pop();
                }
                std::path::Component::CurDir => {}
                other => out.push(other),
            }
        }
        out
    };
    let (from, to) = (abs(from), abs(to));
    let common = from.components().zip(to.components()).take_while(|(a, b)| a == b).count();
    let mut rel: Vec<String> = vec!["..".to_string(); from.components().count() - common];
    rel.extend(to.components().skip(common).map(|c| c.as_os_str().to_string_lossy().into_owned()));
    rel.join("/")
}

/// Regenerates every crate of the repository's `codegen.toml` in memory and
/// returns the files that are stale (empty when everything is fresh).
pub fn check_checked_in(root: &Path) -> Result<Vec<PathBuf>> {
    let mut stale = Vec::new();
    for krate in config::load(root)? {
        let out = root.join(&krate.out);
        let files = generate_configured(root, &krate)?;
        stale.extend(check(&out, &files)?.into_iter().map(|p| out.join(p)));
    }
    Ok(stale)
}

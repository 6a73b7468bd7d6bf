//! `codegen.toml`: every crate a repository generates.
//!
//! ```toml
//! [[crate]]
//! name = "bedrock-batch"            # package name
//! model = "models/bedrock"          # botocore directory or Smithy JSON AST file
//! out = "generated/bedrock-batch"   # crate directory
//! version = "0.1.0"                 # the generated Cargo.toml's version (default 0.1.0)
//! features = ["client"]             # optional parts to generate (default: all)
//! operations = ["ListModelInvocationJobs", "GetModelInvocationJob"]  # default: all
//! ```
//!
//! Paths are relative to the file's directory. `cargo xtask codegen` writes
//! every listed crate, `--check` and the freshness test compare them.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};

/// The configuration file's name, at the repository root.
pub const FILE: &str = "codegen.toml";

/// One generated crate.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrateConfig {
    /// Package name of the generated crate.
    pub name: String,
    /// The model: a botocore service directory or file, or a Smithy JSON AST file.
    pub model: PathBuf,
    /// The crate's directory.
    pub out: PathBuf,
    /// The version written into the crate's `Cargo.toml`.
    #[serde(default = "default_version")]
    pub version: String,
    /// The optional parts generated.
    #[serde(default = "Feature::all")]
    pub features: Vec<Feature>,
    /// Generate only these operations and the shapes they reach (all when absent).
    #[serde(default)]
    pub operations: Option<Vec<String>>,
    /// How many modules `types/` and `operations/` are each compiled as
    /// (default [`DEFAULT_PARTS`](crate::emit::DEFAULT_PARTS)).
    #[serde(default = "default_parts")]
    pub parts: u32,
}

fn default_parts() -> u32 {
    crate::emit::DEFAULT_PARTS
}

/// An optional part of a generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Feature {
    /// `client::Client` behind the crate's `client` cargo feature.
    Client,
}

impl Feature {
    /// Every optional part.
    pub fn all() -> Vec<Feature> {
        vec![Feature::Client]
    }
}

fn default_version() -> String {
    "0.1.0".into()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(rename = "crate")]
    crates: Vec<CrateConfig>,
}

/// Reads `codegen.toml` from `root`.
pub fn load(root: &Path) -> Result<Vec<CrateConfig>> {
    let path = root.join(FILE);
    let text = std::fs::read_to_string(&path).map_err(|source| Error::Io { path: path.clone(), source })?;
    parse(&text, &path)
}

/// Parses and checks the text of a configuration file (`path` names it in errors).
pub fn parse(text: &str, path: &Path) -> Result<Vec<CrateConfig>> {
    let file: File = toml::from_str(text).map_err(|e| {
        let at = match e.span() {
            Some(span) => format!("line {}", text[..span.start].matches('\n').count() + 1),
            None => "configuration".into(),
        };
        Error::model(path, at, e.message())
    })?;
    let (mut names, mut outs) = (BTreeSet::new(), BTreeSet::new());
    for (i, c) in file.crates.iter().enumerate() {
        let at = format!("crate #{} ({})", i + 1, c.name);
        let err = |message: String| Err(Error::model(path, at.clone(), message));
        let valid_name = !c.name.is_empty()
            && c.name.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_')
            && c.name.starts_with(|ch: char| ch.is_ascii_alphabetic());
        if !valid_name {
            return err(format!("`{}` is not a valid package name", c.name));
        }
        for (key, p) in [("model", &c.model), ("out", &c.out)] {
            if !p.components().all(|c| matches!(c, Component::Normal(_))) {
                return err(format!("{key} `{}` must be a relative path inside the repository", p.display()));
            }
        }
        if !names.insert(&c.name) {
            return err("the name is used by an earlier crate".into());
        }
        if !outs.insert(&c.out) {
            return err(format!("out `{}` is used by an earlier crate", c.out.display()));
        }
        if !(1..=64).contains(&c.parts) {
            return err(format!("`parts` is {}: it must be from 1 to 64", c.parts));
        }
        if c.operations.as_ref().is_some_and(Vec::is_empty) {
            return err("`operations` is empty: leave it out to generate every operation".into());
        }
    }
    Ok(file.crates)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<Vec<CrateConfig>> {
        parse(text, Path::new("codegen.toml"))
    }

    #[test]
    fn reads_crates_with_defaults() {
        let crates = parse_str(
            r#"
[[crate]]
name = "bedrock"
model = "models/bedrock"
out = "generated/bedrock"

[[crate]]
name = "bedrock-batch"
model = "models/bedrock"
out = "generated/bedrock-batch"
version = "0.3.1"
features = []
operations = ["ListModelInvocationJobs"]
parts = 16
"#,
        )
        .unwrap();
        assert_eq!(crates.len(), 2);
        assert_eq!(crates[0].version, "0.1.0");
        assert_eq!(crates[0].features, [Feature::Client]);
        assert_eq!(crates[0].operations, None);
        assert_eq!(crates[0].parts, crate::emit::DEFAULT_PARTS);
        assert_eq!(crates[1].parts, 16);
        assert_eq!(crates[1].version, "0.3.1");
        assert!(crates[1].features.is_empty());
        assert_eq!(crates[1].operations.as_deref(), Some(&["ListModelInvocationJobs".to_string()][..]));
    }

    #[test]
    fn errors_name_the_line_or_the_crate() {
        let err = |text: &str| parse_str(text).unwrap_err().to_string();
        let e = err("[[crate]]\nname = \"a\"\nmodel = \"m\"\nout = \"o\"\nfeatures = [\"cli\"]\n");
        assert!(e.starts_with("codegen.toml: line 5: unknown variant `cli`"), "{e}");
        let e = err("[[crate]]\nname = \"a\"\nmodel = \"m\"\nout = \"o\"\noperation = []\n");
        assert!(e.starts_with("codegen.toml: line 5: unknown field `operation`"), "{e}");
        let e = err("[[crate]]\nname = \"a\"\nmodel = \"m\"\nout = \"../o\"\n");
        assert_eq!(e, "codegen.toml: crate #1 (a): out `../o` must be a relative path inside the repository");
        let two = "[[crate]]\nname = \"a\"\nmodel = \"m\"\nout = \"o\"\n[[crate]]\nname = \"b\"\nmodel = \"m\"\nout = \"o\"\n";
        assert_eq!(err(two), "codegen.toml: crate #2 (b): out `o` is used by an earlier crate");
        let e = err("[[crate]]\nname = \"a b\"\nmodel = \"m\"\nout = \"o\"\n");
        assert_eq!(e, "codegen.toml: crate #1 (a b): `a b` is not a valid package name");
        let e = err("[[crate]]\nname = \"a\"\nmodel = \"m\"\nout = \"o\"\noperations = []\n");
        assert!(e.contains("`operations` is empty"), "{e}");
        let e = err("[[crate]]\nname = \"a\"\nmodel = \"m\"\nout = \"o\"\nparts = 0\n");
        assert_eq!(e, "codegen.toml: crate #1 (a): `parts` is 0: it must be from 1 to 64");
        let e = err("[[crate]]\nname = \"a\"\nmodel = \"m\"\nout = \"o\"\nparts = -1\n");
        assert!(e.starts_with("codegen.toml: line 5:"), "{e}");
    }
}

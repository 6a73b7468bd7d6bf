//! `cargo xtask …`: the project's developer commands.
//!
//! - `codegen [--check] [--model PATH] [--out DIR] [--name NAME]`
//! - `update-model --botocore VERSION [--service NAME]`
//! - `corpus --botocore VERSION [--compile s3,dynamodb,…]`
//! - `paginator-vectors`

mod botocore_wheel;
mod corpus;
mod paginator_vectors;

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(about = "Developer commands for the AWS model code generator")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate a crate from a model (by default models/bedrock into generated/).
    Codegen {
        /// Compare instead of writing: exit non-zero and name the stale files.
        #[arg(long)]
        check: bool,
        /// A botocore service directory (service-2.json, paginators-1.json) or file.
        #[arg(long)]
        model: Option<PathBuf>,
        /// Output crate directory.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Package name of the generated crate.
        #[arg(long)]
        name: Option<String>,
    },
    /// Download a botocore release from PyPI and extract one service's model into models/.
    UpdateModel {
        /// botocore version, e.g. 1.44.8.
        #[arg(long)]
        botocore: String,
        /// Service directory name in botocore/data.
        #[arg(long, default_value = "bedrock")]
        service: String,
    },
    /// Generate every service of a botocore release (and compile a few) under target/corpus.
    Corpus {
        /// botocore version, e.g. 1.44.8 (default: the one recorded in models/bedrock).
        #[arg(long)]
        botocore: Option<String>,
        /// Services to compile after generating (comma-separated).
        #[arg(long, value_delimiter = ',', default_value = "s3,dynamodb,ec2,sqs,route53")]
        compile: Vec<String>,
    },
    /// Run botocore's paginator over canned pages and write test vectors into tests/vectors/paginators.
    PaginatorVectors,
}

/// The repository root (xtask lives one level below it).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn main() -> Result<()> {
    match Cli::parse().command {
        Command::Codegen { check, model, out, name } => {
            let root = repo_root();
            let model = model.unwrap_or_else(|| root.join("models/bedrock"));
            let out = out.unwrap_or_else(|| root.join("generated"));
            let name = name.unwrap_or_else(|| "bedrock".into());
            codegen_cmd(&root, &model, &out, &name, check)
        }
        Command::UpdateModel { botocore, service } => {
            botocore_wheel::update_model(&repo_root(), &botocore, &service)
        }
        Command::Corpus { botocore, compile } => {
            let root = repo_root();
            let version = match botocore {
                Some(v) => v,
                None => botocore_wheel::recorded_version(&root.join("models/bedrock"))?,
            };
            corpus::run(&root, &version, &compile)
        }
        Command::PaginatorVectors => paginator_vectors::run(&repo_root()),
    }
}

fn codegen_cmd(root: &Path, model_path: &Path, out: &Path, name: &str, check: bool) -> Result<()> {
    let files = generate(root, model_path, out, name)?;
    if check {
        let stale = codegen::check(out, &files)?;
        if !stale.is_empty() {
            let list: Vec<String> = stale.iter().map(|p| format!("  {}", out.join(p).display())).collect();
            bail!(
                "{} generated file(s) are stale; run `cargo xtask codegen`:\n{}",
                stale.len(),
                list.join("\n")
            );
        }
        println!("{} is fresh ({} files)", out.display(), files.len());
    } else {
        codegen::write(out, &files)?;
        println!("wrote {} files to {}", files.len(), out.display());
    }
    Ok(())
}

/// Loads a model and generates the files of its crate, in memory.
pub fn generate(root: &Path, model_path: &Path, out: &Path, name: &str) -> Result<codegen::emit::Files> {
    let model = codegen::load_model(model_path)?;
    let shown = model_path.strip_prefix(root).unwrap_or(model_path);
    let model_dir = if model_path.is_dir() { model_path } else { model_path.parent().unwrap_or(model_path) };
    let source = match botocore_wheel::recorded_version(model_dir) {
        Ok(v) => format!("{}, botocore {v}", shown.display()),
        Err(_) => shown.display().to_string(),
    };
    let runtime = relative_path(out, &root.join("runtime"))
        .with_context(|| format!("locating runtime/ from {}", out.display()))?;
    Ok(codegen::emit::generate(
        &model,
        &codegen::emit::Options {
            crate_name: name.to_string(),
            source,
            runtime_path: runtime,
        },
    )?)
}

/// A relative path from directory `from` to `to` (both made absolute).
fn relative_path(from: &Path, to: &Path) -> Result<String> {
    let abs = |p: &Path| -> Result<PathBuf> {
        let p = if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir()?.join(p) };
        // Normalise `.` and `..` without touching the file system (out may not exist yet).
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
        Ok(out)
    };
    let (from, to) = (abs(from)?, abs(to)?);
    let common = from.components().zip(to.components()).take_while(|(a, b)| a == b).count();
    let ups = from.components().count() - common;
    let mut rel: Vec<String> = vec!["..".to_string(); ups];
    rel.extend(to.components().skip(common).map(|c| c.as_os_str().to_string_lossy().into_owned()));
    Ok(rel.join("/"))
}

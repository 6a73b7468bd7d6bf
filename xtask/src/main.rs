//! `cargo xtask …`: the project's developer commands.
//!
//! - `codegen [--check] [--model PATH] [--out DIR] [--name NAME]`
//! - `test`: install the tests' dependencies (moto) and run `cargo test --workspace`
//! - `update-model --botocore VERSION [--service NAME]`
//! - `corpus --botocore VERSION [--compile s3,dynamodb,…]`
//! - `paginator-vectors`, `serde-vectors`, `http-vectors`, `sigv4-vectors`: test vectors from botocore itself

mod botocore_wheel;
mod corpus;
mod paginator_vectors;
mod python;

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
    /// Generate a crate from a model (by default models/bedrock into generated/bedrock).
    Codegen {
        /// Compare instead of writing: exit non-zero and name the stale files.
        #[arg(long)]
        check: bool,
        /// A model: botocore service directory (service-2.json, paginators-1.json) or file.
        /// Without it, every checked-in crate is regenerated (see codegen::CHECKED_IN_CRATES).
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
        #[arg(long, value_delimiter = ',', default_value = "s3,dynamodb,ec2,sqs,route53,kinesis,athena")]
        compile: Vec<String>,
    },
    /// Install what the tests need (moto's server, pinned, in target/moto-venv) and run
    /// `cargo test --workspace` (extra arguments are passed on to cargo test).
    Test {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Run botocore's paginator over canned pages and write test vectors into tests/vectors/paginators.
    PaginatorVectors,
    /// Serialize generated bedrock inputs with botocore and write test vectors into tests/vectors/serde.
    SerdeVectors,
    /// Frame bedrock requests and read error responses with botocore; write test vectors into tests/vectors/http.
    HttpVectors,
    /// Sign bedrock client calls with botocore (frozen clock); write test vectors into tests/vectors/sigv4.
    Sigv4Vectors,
    /// Apply host prefixes (neptune-graph, signer) with botocore; write test vectors into tests/vectors/host-prefix.
    HostPrefixVectors,
}

/// The repository root (xtask lives one level below it).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn main() -> Result<()> {
    match Cli::parse().command {
        Command::Codegen { check, model, out, name } => {
            let root = repo_root();
            match model {
                Some(model) => {
                    let out = out.context("--out is required with --model")?;
                    let name = name.unwrap_or_else(|| "generated".into());
                    codegen_cmd(&root, &model, &out, &name, check)
                }
                None => {
                    for (model, out, name) in codegen::CHECKED_IN_CRATES {
                        codegen_cmd(&root, &root.join(model), &root.join(out), name, check)?;
                    }
                    Ok(())
                }
            }
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
        Command::Test { args } => test_cmd(&repo_root(), &args),
        Command::PaginatorVectors => paginator_vectors::run(&repo_root()),
        Command::SerdeVectors => python::serde_vectors(&repo_root()),
        Command::HttpVectors => python::http_vectors(&repo_root()),
        Command::Sigv4Vectors => python::sigv4_vectors(&repo_root()),
        Command::HostPrefixVectors => {
            python::run_script(&repo_root(), "xtask/host_prefix_vectors.py", &["tests/vectors/host-prefix".to_string()])
        }
    }
}

/// `cargo xtask test`: the README's test command.
fn test_cmd(root: &Path, args: &[String]) -> Result<()> {
    let run = |cmd: &mut std::process::Command, what: &str| -> Result<()> {
        let status = cmd.current_dir(root).status().with_context(|| format!("running {what}"))?;
        if !status.success() {
            bail!("{what} failed ({status})");
        }
        Ok(())
    };
    run(std::process::Command::new("bash").arg(".ci/install-moto.sh"), ".ci/install-moto.sh")?;
    run(
        std::process::Command::new(env!("CARGO")).args(["test", "--workspace"]).args(args),
        "cargo test --workspace",
    )
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

/// Loads a model and generates the files of its crate, in memory (the same
/// code path the freshness test uses).
pub fn generate(root: &Path, model_path: &Path, out: &Path, name: &str) -> Result<codegen::emit::Files> {
    Ok(codegen::generate_crate(root, model_path, out, name)?)
}

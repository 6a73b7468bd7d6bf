//! `cargo xtask …`: the project's developer commands.
//!
//! - `codegen [--check] [--crate NAME] [--model PATH --out DIR --name NAME --operations A,B --parts N]`
//! - `test`: install the tests' dependencies (moto) and run `cargo test --workspace`
//! - `update-model --botocore VERSION [--service NAME] [--skip-vectors]`: the model, its API change
//!   report (printed and prepended to each crate's CHANGES.md), the version bump, codegen, vectors
//! - `api-diff OLD NEW`: the API change report between two models (directories, botocore
//!   versions or git revisions)
//! - `vectors`: the recorders of the bedrock vectors (serde, http, sigv4, rpc, paginators), which
//!   `update-model` re-runs
//! - `corpus --botocore VERSION [--compile s3,dynamodb,…]`
//! - `smithy-sample`: the botocore 1.37.26 models of the Smithy sample (tests/fixtures/smithy-sample/botocore)
//! - `paginator-vectors`, `serde-vectors`, `http-vectors`, `sigv4-vectors`, `rpc-vectors`, `xml-vectors`,
//!   `host-prefix-vectors`, `checksum-vectors`, `cli-vectors`: test vectors from botocore (and the AWS CLI) itself

mod botocore_wheel;
mod corpus;
mod model_update;
mod paginator_vectors;
mod python;
mod smithy_sample;

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
    /// Generate every crate listed in codegen.toml (or one crate from a model, with --model).
    Codegen {
        /// Compare instead of writing: exit non-zero and name the stale files.
        #[arg(long)]
        check: bool,
        /// Only the codegen.toml crate with this name.
        #[arg(long = "crate", conflicts_with = "model")]
        krate: Option<String>,
        /// A one-off crate from this model instead of codegen.toml's: a botocore service
        /// directory (service-2.json, paginators-1.json) or file, or a Smithy JSON AST file.
        #[arg(long)]
        model: Option<PathBuf>,
        /// Output crate directory (with --model).
        #[arg(long, requires = "model")]
        out: Option<PathBuf>,
        /// Package name of the generated crate (with --model).
        #[arg(long, requires = "model")]
        name: Option<String>,
        /// Generate only these operations and the shapes they reach (with --model).
        #[arg(long, requires = "model", value_delimiter = ',')]
        operations: Option<Vec<String>>,
        /// Leave the client (cargo feature `client`) out (with --model).
        #[arg(long, requires = "model")]
        no_client: bool,
        /// How many modules types/ and operations/ are each compiled as (with --model;
        /// default 2: see `parts` in codegen.toml).
        #[arg(long, requires = "model", value_parser = clap::value_parser!(u32).range(1..=64))]
        parts: Option<u32>,
    },
    /// Download a botocore release from PyPI and extract one service's model into models/;
    /// then, for every crate generated from it: print the API change report, prepend it to the
    /// crate's CHANGES.md and bump its version; regenerate; re-record every botocore vector.
    UpdateModel {
        /// botocore version, e.g. 1.44.8.
        #[arg(long)]
        botocore: String,
        /// Service directory name in botocore/data.
        #[arg(long, default_value = "bedrock")]
        service: String,
        /// Do not re-record the test vectors (run `cargo xtask vectors` later).
        #[arg(long)]
        skip_vectors: bool,
    },
    /// Print the API change report between two models: each a botocore service directory (or
    /// model file), a botocore version (x.y.z, from PyPI) or a git revision of this repository.
    ApiDiff {
        old: String,
        new: String,
        /// The model's path in the repository (for git revisions).
        #[arg(long, default_value = "models/bedrock")]
        model: PathBuf,
        /// Service directory name in botocore/data (for botocore versions).
        #[arg(long, default_value = "bedrock")]
        service: String,
    },
    /// Re-record the bedrock vectors (serde, http, sigv4, rpc, paginators), as update-model does.
    Vectors,
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
    /// Download botocore 1.37.26 and write the eleven services of the Smithy sample, documentation
    /// stripped, into tests/fixtures/smithy-sample/botocore (what tests/smithy_sample.rs compares with).
    SmithySample,
    /// Run botocore's paginator over canned pages and write test vectors into tests/vectors/paginators.
    PaginatorVectors,
    /// Serialize generated bedrock inputs with botocore and write test vectors into tests/vectors/serde.
    SerdeVectors,
    /// Frame bedrock requests and read error responses with botocore; write test vectors into tests/vectors/http.
    HttpVectors,
    /// Sign bedrock client calls with botocore (frozen clock); write test vectors into tests/vectors/sigv4.
    Sigv4Vectors,
    /// Run the AWS CLI (PyPI `awscli`, pinned, in target/awscli-venv) against canned responses;
    /// write what it prints into tests/vectors/cli.
    CliVectors,
    /// Frame requests and parse responses and errors of s3, iam, sts and ec2 with botocore; write test vectors into tests/vectors/xml.
    XmlVectors,
    /// Frame awsJson / rpcv2Cbor requests and read outputs and errors with botocore; write test vectors into tests/vectors/rpc.
    RpcVectors,
    /// Apply host prefixes (neptune-graph, signer) with botocore; write test vectors into tests/vectors/host-prefix.
    HostPrefixVectors,
    /// Record the request checksums botocore adds to S3 calls; write test vectors into tests/vectors/checksum.
    ChecksumVectors,
}

/// The repository root (xtask lives one level below it).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn main() -> Result<()> {
    match Cli::parse().command {
        Command::Codegen { check, krate, model, out, name, operations, no_client, parts } => {
            let root = repo_root();
            let crates = match model {
                Some(model) => {
                    let cwd = std::env::current_dir()?;
                    vec![codegen::config::CrateConfig {
                        name: name.unwrap_or_else(|| "generated".into()),
                        model: cwd.join(model),
                        out: cwd.join(out.context("--out is required with --model")?),
                        version: "0.1.0".into(),
                        features: if no_client { vec![] } else { codegen::config::Feature::all() },
                        operations,
                        parts: parts.unwrap_or(codegen::emit::DEFAULT_PARTS),
                    }]
                }
                None => {
                    let mut crates = codegen::config::load(&root)?;
                    if let Some(wanted) = krate {
                        crates.retain(|c| c.name == wanted);
                        if crates.is_empty() {
                            bail!("no crate named `{wanted}` in {}", codegen::config::FILE);
                        }
                    }
                    crates
                }
            };
            crates.iter().try_for_each(|c| codegen_cmd(&root, c, check))
        }
        Command::UpdateModel { botocore, service, skip_vectors } => {
            model_update::update_model(&repo_root(), &botocore, &service, skip_vectors)
        }
        Command::ApiDiff { old, new, model, service } => model_update::api_diff(&repo_root(), &old, &new, &model, &service),
        Command::Vectors => model_update::record_vectors(&repo_root()),
        Command::Corpus { botocore, compile } => {
            let root = repo_root();
            let version = match botocore {
                Some(v) => v,
                None => botocore_wheel::recorded_version(&root.join("models/bedrock"))?,
            };
            corpus::run(&root, &version, &compile)
        }
        Command::Test { args } => test_cmd(&repo_root(), &args),
        Command::SmithySample => smithy_sample::run(&repo_root()),
        Command::PaginatorVectors => paginator_vectors::run(&repo_root()),
        Command::SerdeVectors => python::serde_vectors(&repo_root()),
        Command::HttpVectors => python::http_vectors(&repo_root()),
        Command::Sigv4Vectors => python::sigv4_vectors(&repo_root()),
        Command::CliVectors => python::cli_vectors(&repo_root()),
        Command::XmlVectors => python::xml_vectors(&repo_root()),
        Command::RpcVectors => python::rpc_vectors(&repo_root()),
        Command::HostPrefixVectors => {
            python::run_script(&repo_root(), "xtask/host_prefix_vectors.py", &["tests/vectors/host-prefix".to_string()])
        }
        Command::ChecksumVectors => checksum_vectors(&repo_root()),
    }
}

/// `cargo xtask checksum-vectors`: botocore's request checksums on S3 calls.
pub fn checksum_vectors(root: &Path) -> Result<()> {
    std::fs::create_dir_all(root.join("tests/vectors/checksum"))?;
    python::run_script(root, "xtask/checksum_vectors.py", &["tests/vectors/checksum/s3.json".to_string()])
}

/// `cargo xtask codegen [--check]`: every checked-in crate.
pub fn codegen_all(root: &Path, check: bool) -> Result<()> {
    codegen::config::load(root)?.iter().try_for_each(|c| codegen_cmd(root, c, check))
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

fn codegen_cmd(root: &Path, krate: &codegen::config::CrateConfig, check: bool) -> Result<()> {
    let files = codegen::generate_configured(root, krate)?;
    let out = &root.join(&krate.out);
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

//! Running the reference implementation: botocore, pinned to the release
//! recorded in `models/bedrock/BOTOCORE_VERSION`, pip-installed into
//! `target/py/botocore-<version>/` (never committed), and the repo's Python
//! scripts run against it.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

/// Installs botocore `version` (with its dependencies) under `target/py/`
/// once, and returns the directory to put on `PYTHONPATH`.
pub fn botocore_env(root: &Path, version: &str) -> Result<PathBuf> {
    let dir = root.join("target/py").join(format!("botocore-{version}"));
    if dir.join("botocore/__init__.py").exists() {
        return Ok(dir);
    }
    let status = Command::new("python3")
        .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--target"])
        .arg(&dir)
        .arg(format!("botocore=={version}"))
        .status()
        .context("running `python3 -m pip install` (is Python 3 with pip installed?)")?;
    if !status.success() {
        bail!("pip could not install botocore=={version} (exit {status})");
    }
    Ok(dir)
}

/// Runs `python3 <script> <args…>` with the pinned botocore importable.
pub fn run_script(root: &Path, script: &str, args: &[String]) -> Result<()> {
    let version = crate::botocore_wheel::recorded_version(&root.join("models/bedrock"))?;
    run_script_with(root, &version, script, args)
}

/// Runs `python3 <script> <args…>` with botocore `version` importable.
pub fn run_script_with(root: &Path, version: &str, script: &str, args: &[String]) -> Result<()> {
    let env = botocore_env(root, version)?;
    let status = Command::new("python3")
        .arg(root.join(script))
        .args(args)
        .env("PYTHONPATH", &env)
        .current_dir(root)
        .status()
        .with_context(|| format!("running {script}"))?;
    if !status.success() {
        bail!("{script} failed (exit {status})");
    }
    Ok(())
}

/// `cargo xtask serde-vectors`: botocore's serializer over generated inputs
/// of the bedrock operations whose bodies hold unions, documents, blobs,
/// maps and timestamps.
pub fn serde_vectors(root: &Path) -> Result<()> {
    let ops = [
        "CreateModelInvocationJob",
        "CreateEvaluationJob",
        "CreateInferenceProfile",
        "CreateModelCustomizationJob",
        "CreateAdvancedPromptOptimizationJob",
        "PutUseCaseForModelAccess",
        "StartAutomatedReasoningPolicyBuildWorkflow",
        "UpdateAutomatedReasoningPolicyTestCase",
    ];
    let mut args = vec![
        "models/bedrock/service-2.json".to_string(),
        "tests/vectors/serde/bedrock.json".to_string(),
    ];
    args.extend(ops.iter().map(|s| s.to_string()));
    run_script(root, "xtask/serde_vectors.py", &args)
}

/// `cargo xtask http-vectors`: botocore's rest-json serializer frames bedrock
/// requests (labels, query strings, headers, payloads, empty bodies) and its
/// parser reads canned error responses.
pub fn http_vectors(root: &Path) -> Result<()> {
    std::fs::create_dir_all(root.join("tests/vectors/http")).context("creating tests/vectors/http")?;
    let args = [
        "models/bedrock/service-2.json".to_string(),
        "tests/vectors/http/bedrock.json".to_string(),
    ];
    run_script(root, "xtask/http_vectors.py", &args)
}

/// `cargo xtask sigv4-vectors`: a botocore bedrock client signs real calls
/// (labels, query strings, JSON bodies, a session token) with its clock
/// frozen; the client test signs the same requests with `aws-sigv4`.
pub fn sigv4_vectors(root: &Path) -> Result<()> {
    std::fs::create_dir_all(root.join("tests/vectors/sigv4")).context("creating tests/vectors/sigv4")?;
    run_script(root, "xtask/sigv4_vectors.py", &["tests/vectors/sigv4/bedrock.json".to_string()])?;
    // S3's payload hash and path, the query protocols' form bodies.
    run_script(root, "xtask/sigv4_vectors.py", &["tests/vectors/sigv4/xml.json".to_string(), "xml".to_string()])
}

/// `cargo xtask xml-vectors`: botocore's rest-xml, query and ec2
/// serializers and parsers over s3, iam, sts and ec2 requests, responses and
/// error responses (the models in `models/`, the botocore of
/// `models/bedrock/BOTOCORE_VERSION`).
pub fn xml_vectors(root: &Path) -> Result<()> {
    run_script(root, "xtask/xml_vectors.py", &["models".to_string(), "tests/vectors/xml".to_string()])
}

/// The awscli release `cargo xtask cli-vectors` records with.
pub const AWSCLI_VERSION: &str = "1.46.3";

/// `cargo xtask cli-vectors`: the AWS CLI (`awscli` from PyPI, pinned, in
/// its own venv `target/awscli-venv`) runs `aws bedrock
/// list-model-invocation-jobs` against canned responses on 127.0.0.1;
/// `examples/tests/awscli_vectors.rs` replays them against the example.
pub fn cli_vectors(root: &Path) -> Result<()> {
    let venv = root.join("target/awscli-venv");
    let aws = venv.join("bin/aws");
    let installed = Command::new(&aws)
        .arg("--version")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains(&format!("aws-cli/{AWSCLI_VERSION} ")));
    if !installed {
        let status = Command::new("python3").args(["-m", "venv"]).arg(&venv).status().context("python3 -m venv")?;
        if !status.success() {
            bail!("python3 -m venv {} failed", venv.display());
        }
        let status = Command::new(venv.join("bin/pip"))
            .args(["install", "--quiet", "--disable-pip-version-check"])
            .arg(format!("awscli=={AWSCLI_VERSION}"))
            .status()
            .context("pip install awscli")?;
        if !status.success() {
            bail!("pip could not install awscli=={AWSCLI_VERSION}");
        }
    }
    std::fs::create_dir_all(root.join("tests/vectors/cli")).context("creating tests/vectors/cli")?;
    let status = Command::new(venv.join("bin/python"))
        .arg(root.join("xtask/cli_vectors.py"))
        .arg(&aws)
        .arg(root.join("tests/vectors/cli/list_model_invocation_jobs.json"))
        .current_dir(root)
        .status()
        .context("running xtask/cli_vectors.py")?;
    if !status.success() {
        bail!("xtask/cli_vectors.py failed (exit {status})");
    }
    Ok(())
}

/// The services whose framing, outputs and errors `cargo xtask rpc-vectors`
/// records: the operations of their crates in codegen.toml.
pub const RPC_VECTOR_SERVICES: &[&str] = &["dynamodb", "kinesis", "sqs", "cloudwatch", "eventbridgev2", "cloudwatchomni"];

/// `cargo xtask rpc-vectors`: botocore's awsJson and rpcv2Cbor serializers
/// frame requests of the services in [`RPC_VECTOR_SERVICES`], and its parsers
/// read outputs and error responses, and a botocore client signs calls of
/// each; written to `tests/vectors/rpc/`.
pub fn rpc_vectors(root: &Path) -> Result<()> {
    std::fs::create_dir_all(root.join("tests/vectors/rpc")).context("creating tests/vectors/rpc")?;
    let crates = codegen::config::load(root)?;
    for service in RPC_VECTOR_SERVICES {
        let Some(ops) = crates.iter().find(|c| c.name == *service).and_then(|c| c.operations.clone()) else {
            bail!("codegen.toml has no crate `{service}` with an operation list");
        };
        let version = crate::botocore_wheel::recorded_version(&root.join("models").join(service))?;
        let mut args = vec![format!("models/{service}/service-2.json"), format!("tests/vectors/rpc/{service}.json")];
        args.extend(ops);
        run_script_with(root, &version, "xtask/rpc_vectors.py", &args)?;
    }
    let version = crate::botocore_wheel::recorded_version(&root.join("models/dynamodb"))?;
    run_script_with(root, &version, "xtask/rpc_sigv4_vectors.py", &["tests/vectors/rpc/sigv4.json".to_string()])
}

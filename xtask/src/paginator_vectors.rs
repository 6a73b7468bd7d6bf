//! `cargo xtask paginator-vectors`: botocore's real paginator
//! (`botocore.paginate.Paginator`) run over canned pages by
//! `xtask/paginator_vectors.py`, which writes one JSON vector per case into
//! `tests/vectors/paginators/` (replayed by `runtime/tests/paginator_vectors.rs`).
//!
//! botocore is pinned here, independently of the model's recorded version:
//! the vectors describe the paginator's behaviour in this release, and the
//! script refuses to run on any other.

use std::path::Path;
use std::process::Command;

use anyhow::{bail, Context, Result};

/// The botocore release the vectors are recorded from.
pub const BOTOCORE_VERSION: &str = "1.44.8";

/// The generator script, relative to the repository root.
pub const SCRIPT: &str = "xtask/paginator_vectors.py";

/// The vectors directory, relative to the repository root.
pub const OUT_DIR: &str = "tests/vectors/paginators";

/// Installs the pinned botocore under `target/py/` (once) and runs the script.
pub fn run(repo_root: &Path) -> Result<()> {
    let pythonpath = crate::python::botocore_env(repo_root, BOTOCORE_VERSION)?;
    let status = Command::new("python3")
        .arg(repo_root.join(SCRIPT))
        .arg(repo_root.join(OUT_DIR))
        .env("PYTHONPATH", &pythonpath)
        .current_dir(repo_root)
        .status()
        .with_context(|| format!("running python3 {SCRIPT}"))?;
    if !status.success() {
        bail!("{SCRIPT} failed (exit {status})");
    }
    Ok(())
}

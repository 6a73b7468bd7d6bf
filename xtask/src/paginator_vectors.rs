//! `cargo xtask paginator-vectors`: botocore's real paginator
//! (`botocore.paginate.Paginator`) run over canned pages by
//! `xtask/paginator_vectors.py`, which writes one JSON vector per case into
//! `tests/vectors/paginators/` (replayed by `runtime/tests/paginator_vectors.rs`).
//!
//! botocore is pinned here, independently of the model's recorded version:
//! the vectors describe the paginator's behaviour in this release, and the
//! script refuses to run on any other.

use std::path::Path;
use anyhow::Result;

/// The botocore release the vectors are recorded from.
pub const BOTOCORE_VERSION: &str = "1.44.8";

/// The generator script, relative to the repository root.
pub const SCRIPT: &str = "xtask/paginator_vectors.py";

/// The vectors directory, relative to the repository root.
pub const OUT_DIR: &str = "tests/vectors/paginators";

/// Installs the pinned botocore under `target/py/` (once) and runs the script.
pub fn run(repo_root: &Path) -> Result<()> {
    let out = repo_root.join(OUT_DIR).display().to_string();
    crate::python::run_script_with(repo_root, BOTOCORE_VERSION, SCRIPT, &[out])
}

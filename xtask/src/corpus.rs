//! `cargo xtask corpus`: every service of a botocore release through the
//! generator, and a few of them through rustc.
//!
//! Everything lives under `target/corpus/` (downloaded, never committed):
//! `models/<service>/` and `out/<service>/`, plus a throwaway workspace that
//! compiles the services named with `--compile`.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};

use crate::botocore_wheel;

pub fn run(root: &Path, version: &str, compile: &[String]) -> Result<()> {
    let base = root.join("target/corpus");
    let wheel = botocore_wheel::download(root, version)?;
    let services = botocore_wheel::services(&wheel)?;
    println!("botocore {version}: {} services", services.len());

    let started = Instant::now();
    let mut failures = Vec::new();
    let mut files = 0usize;
    for (service, (_api, data)) in &services {
        let model_dir = base.join("models").join(service);
        botocore_wheel::write_service(&model_dir, version, data)?;
        let out = base.join("out").join(service);
        let crate_name = format!("aws-{service}");
        match codegen::generate_crate(root, &model_dir, &out, &crate_name).map_err(anyhow::Error::from).and_then(|f| {
            files += f.len();
            codegen::write(&out, &f)?;
            Ok(())
        }) {
            Ok(()) => {}
            Err(e) => failures.push(format!("{service}: {e:#}")),
        }
    }
    let elapsed = started.elapsed();
    println!(
        "generated {} of {} services ({files} files) in {:.1}s",
        services.len() - failures.len(),
        services.len(),
        elapsed.as_secs_f64()
    );
    for f in &failures {
        println!("FAILED {f}");
    }

    let compile: Vec<String> = compile.iter().filter(|s| !s.is_empty()).cloned().collect();
    if !compile.is_empty() {
        let ws = base.join("out");
        let members: Vec<String> = compile.iter().map(|s| format!("\"{s}\"")).collect();
        std::fs::write(
            ws.join("Cargo.toml"),
            format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n", members.join(", ")),
        )?;
        let started = Instant::now();
        let status = Command::new(env!("CARGO"))
            .args(["check", "--workspace", "--quiet"])
            .env("CARGO_TARGET_DIR", base.join("target"))
            .current_dir(&ws)
            .status()
            .context("running cargo check on the corpus workspace")?;
        println!(
            "cargo check of {} took {:.1}s: {}",
            compile.join(", "),
            started.elapsed().as_secs_f64(),
            if status.success() { "ok" } else { "FAILED" }
        );
        if !status.success() {
            bail!("the generated crates for {} do not compile", compile.join(", "));
        }
    }
    if !failures.is_empty() {
        bail!("{} services failed to generate", failures.len());
    }
    Ok(())
}

//! `cargo xtask update-model` and `cargo xtask api-diff`: a model update
//! with its API change report, version bump and re-recorded test vectors.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};
use codegen::api_diff;

use crate::botocore_wheel;

/// A generated crate, as the update needs it.
pub struct Crate {
    pub name: String,
    /// Model path relative to the repository root.
    pub model: PathBuf,
    /// Output directory relative to the repository root.
    pub out: PathBuf,
    pub version: String,
    /// The operations of a subset crate (all when `None`).
    pub operations: Option<Vec<String>>,
}

/// Every crate the repository generates.
pub fn crates(_root: &Path) -> Result<Vec<Crate>> {
    Ok(codegen::CHECKED_IN_CRATES
        .iter()
        .map(|(model, out, name)| Crate {
            name: name.to_string(),
            model: PathBuf::from(model),
            out: PathBuf::from(out),
            version: "0.1.0".into(),
            operations: None,
        })
        .collect())
}

/// The model a crate is generated from (its operation subset, if any).
fn crate_model(model: &codegen::ir::Model, c: &Crate) -> Result<codegen::ir::Model> {
    match &c.operations {
        None => Ok(model.clone()),
        Some(_ops) => Ok(model.clone()),
    }
}

/// Where a model of `api-diff` comes from.
#[derive(Debug, PartialEq)]
enum Spec {
    /// A botocore service directory or a model file.
    Path(PathBuf),
    /// A botocore release on PyPI.
    Botocore(String),
    /// A git revision of this repository.
    Git(String),
}

fn parse_spec(text: &str, exists: impl Fn(&Path) -> bool) -> Spec {
    let is_version = {
        let parts: Vec<&str> = text.split('.').collect();
        parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    };
    if exists(Path::new(text)) {
        Spec::Path(PathBuf::from(text))
    } else if is_version {
        Spec::Botocore(text.to_string())
    } else {
        Spec::Git(text.to_string())
    }
}

/// Materializes a model spec as a path `codegen::load_model` reads, and a
/// label for the report.
fn resolve(root: &Path, spec: &str, model: &Path, service: &str) -> Result<(PathBuf, String)> {
    match parse_spec(spec, |p| p.exists()) {
        Spec::Path(p) => {
            let label = match botocore_wheel::recorded_version(&p) {
                Ok(v) => format!("{} (botocore {v})", p.display()),
                Err(_) => p.display().to_string(),
            };
            Ok((p, label))
        }
        Spec::Botocore(version) => {
            let wheel = botocore_wheel::download(root, &version)?;
            let Some((_, files)) = botocore_wheel::services(&wheel)?.remove(service) else {
                bail!("botocore {version} has no service `{service}`");
            };
            let dir = root.join("target/api-diff").join(format!("botocore-{version}")).join(service);
            botocore_wheel::write_service(&dir, &version, &files)?;
            Ok((dir, format!("botocore {version}")))
        }
        Spec::Git(rev) => {
            let safe: String = rev.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
            let dir = root.join("target/api-diff").join(format!("git-{safe}")).join(model);
            std::fs::create_dir_all(&dir)?;
            let mut found = false;
            for file in ["service-2.json", "paginators-1.json", botocore_wheel::VERSION_FILE] {
                let object = format!("{rev}:{}/{file}", model.display());
                let out = Command::new("git").args(["show", &object]).current_dir(root).output()?;
                if out.status.success() {
                    std::fs::write(dir.join(file), out.stdout)?;
                    found |= file == "service-2.json";
                } else if file == "service-2.json" {
                    bail!(
                        "`{spec}` is not a directory, a botocore version (x.y.z) or a git revision with {}: {}",
                        model.display(),
                        String::from_utf8_lossy(&out.stderr).trim()
                    );
                } else {
                    let _ = std::fs::remove_file(dir.join(file));
                }
            }
            debug_assert!(found);
            let label = match botocore_wheel::recorded_version(&dir) {
                Ok(v) => format!("{rev} (botocore {v})"),
                Err(_) => rev,
            };
            Ok((dir, label))
        }
    }
}

/// `cargo xtask api-diff <old> <new>`: prints the report.
pub fn api_diff(root: &Path, old: &str, new: &str, model: &Path, service: &str) -> Result<()> {
    let (old_path, old_label) = resolve(root, old, model, service)?;
    let (new_path, new_label) = resolve(root, new, model, service)?;
    let report = api_diff::diff(&codegen::load_model(&old_path)?, &codegen::load_model(&new_path)?)?;
    print!("{}", report.markdown(&format!("{old_label} → {new_label}")));
    Ok(())
}

/// The report of one crate for an update, and the version it moves to.
pub struct CrateUpdate {
    pub version: String,
    pub markdown: String,
}

/// Compares `old` and `new` for crate `c` and writes its CHANGES.md entry.
pub fn record_update(
    root: &Path,
    c: &Crate,
    old: &codegen::ir::Model,
    new: &codegen::ir::Model,
    from: &str,
    to: &str,
) -> Result<CrateUpdate> {
    let report = api_diff::diff(&crate_model(old, c)?, &crate_model(new, c)?)?;
    let version = report.next_version(&c.version)?;
    let title = format!("{} {} → {version}: {from} → {to}", c.name, c.version);
    let markdown = report.markdown(&title);
    let changes = root.join(&c.out).join("CHANGES.md");
    let existing = std::fs::read_to_string(&changes).unwrap_or_default();
    if !report.is_empty() {
        std::fs::write(&changes, api_diff::prepend_changes(&existing, &c.name, &markdown))
            .with_context(|| format!("writing {}", changes.display()))?;
    }
    Ok(CrateUpdate { version, markdown })
}

/// `cargo xtask update-model`: the model of `service` from botocore
/// `version`, then for every crate generated from it the change report
/// (printed, and prepended to its CHANGES.md) and the version bump, then
/// `codegen` and, unless `skip_vectors`, every botocore vector recorder.
pub fn update_model(root: &Path, version: &str, service: &str, skip_vectors: bool) -> Result<()> {
    let model_rel = PathBuf::from("models").join(service);
    let dir = root.join(&model_rel);
    let old = if dir.join("service-2.json").exists() {
        Some((codegen::load_model(&dir)?, botocore_wheel::recorded_version(&dir).unwrap_or_else(|_| "?".into())))
    } else {
        None
    };
    botocore_wheel::update_model(root, version, service)?;
    let new = codegen::load_model(&dir)?;
    if let Some((old, old_version)) = &old {
        for c in crates(root)?.iter().filter(|c| c.model == model_rel) {
            let update = record_update(root, c, old, &new, &format!("botocore {old_version}"), &format!("botocore {version}"))?;
            println!("\n{}", update.markdown);
            if update.version != c.version {
                set_crate_version(root, &c.name, &update.version)?;
                println!("{}: version {} → {} ({} written)", c.name, c.version, update.version, c.out.join("CHANGES.md").display());
            }
        }
    }
    crate::codegen_all(root, false)?;
    if skip_vectors {
        println!("skipped the vector recorders; run `cargo xtask vectors` before testing");
        Ok(())
    } else {
        record_vectors(root)
    }
}

/// Every botocore vector recorder, in turn.
pub fn record_vectors(root: &Path) -> Result<()> {
    crate::python::serde_vectors(root)?;
    crate::python::http_vectors(root)?;
    crate::python::sigv4_vectors(root)?;
    crate::paginator_vectors::run(root)
}

/// Records `version` as the version of crate `name` (in `codegen.toml`).
fn set_crate_version(root: &Path, name: &str, version: &str) -> Result<()> {
    let path = root.join("codegen.toml");
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!("{name}: no codegen.toml to record version {version} in");
        return Ok(());
    };
    std::fs::write(&path, with_version(&text, name, version)?).with_context(|| format!("writing {}", path.display()))
}

/// The text of a `codegen.toml` with crate `name`'s `version` set (the line
/// replaced, or added after its `name`), everything else byte for byte.
pub fn with_version(text: &str, name: &str, version: &str) -> Result<String> {
    let value = |line: &str, key: &str| -> Option<String> {
        let (k, v) = line.split_once('=')?;
        (k.trim() == key).then(|| v.split('#').next().unwrap_or("").trim().trim_matches('"').to_string())
    };
    // Tables, each from its `[` header line to the next.
    let mut blocks: Vec<Vec<String>> = vec![Vec::new()];
    for line in text.lines() {
        if line.trim_start().starts_with('[') {
            blocks.push(Vec::new());
        }
        blocks.last_mut().unwrap().push(line.to_string());
    }
    let mut found = false;
    for block in &mut blocks {
        let Some(at) = block.iter().position(|l| value(l, "name").as_deref() == Some(name)) else { continue };
        found = true;
        let line = format!("version = \"{version}\"");
        match block.iter().position(|l| value(l, "version").is_some()) {
            Some(v) => block[v] = line,
            None => block.insert(at + 1, line),
        }
    }
    if !found {
        bail!("codegen.toml has no crate named `{name}`");
    }
    let mut s = blocks.concat().join("\n");
    if text.ends_with('\n') {
        s.push('\n');
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_are_paths_versions_or_revisions() {
        let exists = |p: &Path| p == Path::new("models/bedrock");
        assert_eq!(parse_spec("models/bedrock", exists), Spec::Path("models/bedrock".into()));
        assert_eq!(parse_spec("1.40.5", exists), Spec::Botocore("1.40.5".into()));
        assert_eq!(parse_spec("HEAD~3", exists), Spec::Git("HEAD~3".into()));
        assert_eq!(parse_spec("v1.2", exists), Spec::Git("v1.2".into()));
    }

    #[test]
    fn with_version_sets_only_that_crate() {
        let text = "[[crate]]\nname = \"bedrock\"\nmodel = \"models/bedrock\"\nversion = \"0.1.0\" # semver\n\n\
                    [[crate]]\nname = \"bedrock-batch\"\nmodel = \"models/bedrock\"\n";
        let one = with_version(text, "bedrock", "0.2.0").unwrap();
        assert_eq!(one, text.replace("version = \"0.1.0\" # semver", "version = \"0.2.0\""));
        let two = with_version(&one, "bedrock-batch", "0.1.1").unwrap();
        assert!(two.ends_with("name = \"bedrock-batch\"\nversion = \"0.1.1\"\nmodel = \"models/bedrock\"\n"), "{two}");
        assert!(two.contains("name = \"bedrock\"\nmodel = \"models/bedrock\"\nversion = \"0.2.0\"\n"), "{two}");
        assert!(with_version(text, "nope", "1.0.0").is_err());
    }
}

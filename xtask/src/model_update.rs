//! `cargo xtask update-model` and `cargo xtask api-diff`: a model update
//! with its API change report, version bump and re-recorded test vectors.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};
use codegen::api_diff;

use codegen::config::CrateConfig;

use crate::botocore_wheel;

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
    c: &CrateConfig,
    old: &codegen::ir::Model,
    new: &codegen::ir::Model,
    from: &str,
    to: &str,
) -> Result<CrateUpdate> {
    let report = match &c.operations {
        None => api_diff::diff(old, new)?,
        Some(ops) => api_diff::diff_subset(old, new, ops, &root.join(codegen::config::FILE))?,
    };
    let version = report.next_version(&c.version)?;
    let title = format!("{} {} → {version}: {from} → {to}", c.name, c.version);
    let markdown = report.markdown(&title);
    let changes = root.join(&c.out).join("CHANGES.md");
    let existing = std::fs::read_to_string(&changes).unwrap_or_default();
    if !report.is_empty() {
        std::fs::create_dir_all(root.join(&c.out))?;
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
        for c in codegen::config::load(root)?.iter().filter(|c| c.model == model_rel) {
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
    crate::python::rpc_vectors(root)?;
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

#[cfg(test)]
mod update_tests {
    use super::*;

    fn fixture(v: &str) -> codegen::ir::Model {
        let root = crate::repo_root();
        codegen::load_model(&root.join(format!("tests/fixtures/botocore-{v}/bedrock"))).unwrap()
    }

    /// A full crate and an operation subset over a real update: each gets
    /// its own report, CHANGES.md entry (newest first) and version.
    #[test]
    fn record_update_writes_changes_and_bumps_per_crate() {
        let root = std::env::temp_dir().join(format!("awsgen-update-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let crate_config = |name: &str, ops: Option<Vec<String>>| CrateConfig {
            name: name.into(),
            model: "models/bedrock".into(),
            out: PathBuf::from("generated").join(name),
            version: "0.1.0".into(),
            features: codegen::config::Feature::all(),
            operations: ops,
            parts: codegen::emit::DEFAULT_PARTS,
        };
        let full = crate_config("bedrock", None);
        let batch = crate_config("bedrock-batch", Some(vec!["ListModelInvocationJobs".into(), "GetFoundationModel".into()]));
        let (old, mid, new) = (fixture("1.40.5"), fixture("1.44.7"), fixture("1.44.8"));

        let first = record_update(&root, &full, &old, &mid, "botocore 1.40.5", "botocore 1.44.7").unwrap();
        assert_eq!(first.version, "0.2.0", "1.40.5 → 1.44.7 removes a member");
        let full2 = CrateConfig { version: first.version.clone(), ..crate_config("bedrock", None) };
        let second = record_update(&root, &full2, &mid, &new, "botocore 1.44.7", "botocore 1.44.8").unwrap();
        assert_eq!(second.version, "0.2.1", "1.44.7 → 1.44.8 only adds");
        let changes = std::fs::read_to_string(root.join("generated/bedrock/CHANGES.md")).unwrap();
        let (a, b) = (changes.find("## bedrock 0.2.0 → 0.2.1").unwrap(), changes.find("## bedrock 0.1.0 → 0.2.0").unwrap());
        assert!(a < b, "newest first:\n{changes}");

        // The subset sees only what its operations reach: projectIdentifier on
        // GetFoundationModel, none of the 25 new operations.
        let sub = record_update(&root, &batch, &mid, &new, "botocore 1.44.7", "botocore 1.44.8").unwrap();
        assert_eq!(sub.version, "0.1.1");
        assert!(sub.markdown.contains("`GetFoundationModelRequest.project_identifier` added"), "{}", sub.markdown);
        assert!(!sub.markdown.contains("operation `CreateProject` added"), "{}", sub.markdown);
        assert!(root.join("generated/bedrock-batch/CHANGES.md").exists());
        std::fs::remove_dir_all(&root).unwrap();
    }
}

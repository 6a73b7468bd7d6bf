//! Getting models out of a botocore release: `pip download` the wheel from
//! PyPI, then read `botocore/data/<service>/<newest api version>/` from it.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

/// The file beside a model that records which botocore release it came from.
pub const VERSION_FILE: &str = codegen::BOTOCORE_VERSION_FILE;

/// Reads the recorded botocore version of a model directory.
pub fn recorded_version(model_dir: &Path) -> Result<String> {
    let path = model_dir.join(VERSION_FILE);
    let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    Ok(text.trim().to_string())
}

/// Downloads the botocore wheel of `version` into `target/botocore/` (once)
/// and returns its path.
pub fn download(root: &Path, version: &str) -> Result<PathBuf> {
    let dir = root.join("target/botocore");
    let wheel = dir.join(format!("botocore-{version}-py3-none-any.whl"));
    if wheel.exists() {
        return Ok(wheel);
    }
    std::fs::create_dir_all(&dir)?;
    let status = Command::new("python3")
        .args(["-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:"])
        .arg(format!("botocore=={version}"))
        .arg("-d")
        .arg(&dir)
        .status()
        .context("running `python3 -m pip download` (is Python 3 with pip installed?)")?;
    if !status.success() || !wheel.exists() {
        bail!("pip could not download botocore=={version} (exit {status})");
    }
    Ok(wheel)
}

/// One service's model files in a wheel: its (newest) api version, and file
/// name → contents, gz inflated.
pub type ServiceFiles = (String, BTreeMap<String, Vec<u8>>);

/// The model files of every service in a wheel, by service name.
pub fn services(wheel: &Path) -> Result<BTreeMap<String, ServiceFiles>> {
    let file = std::fs::File::open(wheel).with_context(|| format!("opening {}", wheel.display()))?;
    let mut zip = zip::ZipArchive::new(file).with_context(|| format!("reading {}", wheel.display()))?;
    let mut out: BTreeMap<String, ServiceFiles> = BTreeMap::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i)?;
        let name = entry.name().to_string();
        let parts: Vec<&str> = name.split('/').collect();
        // botocore/data/<service>/<api-version>/<file>
        let [ "botocore", "data", service, api, file ] = parts[..] else { continue };
        let wanted = ["service-2.json", "paginators-1.json"];
        let file = file.strip_suffix(".gz").unwrap_or(file);
        if !wanted.contains(&file) {
            continue;
        }
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes)?;
        if name.ends_with(".gz") {
            let mut inflated = Vec::new();
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_end(&mut inflated)
                .with_context(|| format!("inflating {name}"))?;
            bytes = inflated;
        }
        let slot = out.entry(service.to_string()).or_insert_with(|| (api.to_string(), BTreeMap::new()));
        if api > slot.0.as_str() {
            *slot = (api.to_string(), BTreeMap::new());
        }
        if api == slot.0 {
            slot.1.insert(file.to_string(), bytes);
        }
    }
    out.retain(|_, (_, files)| files.contains_key("service-2.json"));
    Ok(out)
}

/// Writes one service's model files into `dir` and records the version.
pub fn write_service(dir: &Path, version: &str, files: &BTreeMap<String, Vec<u8>>) -> Result<()> {
    std::fs::create_dir_all(dir)?;
    for (name, bytes) in files {
        std::fs::write(dir.join(name), bytes)?;
    }
    if !files.contains_key("paginators-1.json") {
        let stale = dir.join("paginators-1.json");
        if stale.exists() {
            std::fs::remove_file(stale)?;
        }
    }
    std::fs::write(dir.join(VERSION_FILE), format!("{version}\n"))?;
    Ok(())
}

/// `cargo xtask update-model`.
pub fn update_model(root: &Path, version: &str, service: &str) -> Result<()> {
    let wheel = download(root, version)?;
    let mut all = services(&wheel)?;
    let Some((api, files)) = all.remove(service) else {
        bail!("botocore {version} has no service `{service}`");
    };
    let dir = root.join("models").join(service);
    write_service(&dir, version, &files)?;
    println!("models/{service}: {service} {api} from botocore {version}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn gz(text: &str) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(text.as_bytes()).unwrap();
        enc.finish().unwrap()
    }

    /// A wheel laid out as botocore's: gzip'd service models, plain
    /// paginators, several api versions, and files that are not models.
    fn fake_wheel(path: &Path) {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        let mut add = |name: &str, bytes: &[u8]| {
            zip.start_file(name, opts).unwrap();
            zip.write_all(bytes).unwrap();
        };
        add("botocore/__init__.py", b"");
        add("botocore/data/bedrock/2023-04-20/service-2.json.gz", &gz(r#"{"new": true}"#));
        add("botocore/data/bedrock/2023-04-20/paginators-1.json", br#"{"pagination": {}}"#);
        add("botocore/data/bedrock/2023-04-20/waiters-2.json", b"{}");
        add("botocore/data/bedrock/2019-01-01/service-2.json.gz", &gz(r#"{"old": true}"#));
        add("botocore/data/nopaginators/2020-01-01/service-2.json.gz", &gz("{}"));
        add("botocore/data/onlypaginators/2020-01-01/paginators-1.json", b"{}");
        zip.finish().unwrap();
    }

    #[test]
    fn services_takes_the_newest_api_version_and_inflates() {
        let dir = std::env::temp_dir().join(format!("awsgen-wheel-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let wheel = dir.join("botocore-0.0.0-py3-none-any.whl");
        fake_wheel(&wheel);
        let all = services(&wheel).unwrap();
        assert_eq!(all.keys().collect::<Vec<_>>(), ["bedrock", "nopaginators"], "a service needs service-2.json");
        let (api, files) = &all["bedrock"];
        assert_eq!(api, "2023-04-20");
        assert_eq!(files.keys().collect::<Vec<_>>(), ["paginators-1.json", "service-2.json"]);
        assert_eq!(files["service-2.json"], br#"{"new": true}"#);

        // write_service records the version and drops a stale paginators file.
        let out = dir.join("models/nopaginators");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("paginators-1.json"), "{}").unwrap();
        write_service(&out, "9.9.9", &all["nopaginators"].1).unwrap();
        assert!(!out.join("paginators-1.json").exists());
        assert_eq!(recorded_version(&out).unwrap(), "9.9.9");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

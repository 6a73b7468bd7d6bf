//! `cargo xtask smithy-sample`: the botocore side of the Smithy sample
//! (`tests/fixtures/smithy-sample/`). Downloads botocore 1.37.26 (the release
//! closest to the Smithy models' date, 2025-04-02), extracts the eleven
//! sampled services, strips their documentation (the comparison does not
//! compare it; see `known-differences.txt`) and writes
//! `botocore/<smithy file stem>/{service-2.json,paginators-1.json,BOTOCORE_VERSION}`.
//! Key order is kept (member order is compared), so the files are rewritten
//! through an order-preserving value, not `serde_json::Value`.

use std::path::Path;

use anyhow::{bail, Context, Result};
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use crate::botocore_wheel;

/// The botocore release the sample is compared with.
pub const VERSION: &str = "1.37.26";

/// Smithy file of the sample → botocore service directory name.
pub const SERVICES: &[(&str, &str)] = &[
    ("api-gateway-2015-07-09", "apigateway"),
    ("auto-scaling-2011-01-01", "autoscaling"),
    ("cognito-sync-2014-06-30", "cognito-sync"),
    ("deadline-2023-10-12", "deadline"),
    ("dynamodb-2012-08-10", "dynamodb"),
    ("kinesis-2013-12-02", "kinesis"),
    ("lambda-2015-03-31", "lambda"),
    ("ram-2018-01-04", "ram"),
    ("s3-2006-03-01", "s3"),
    ("sqs-2012-11-05", "sqs"),
    ("transcribe-2017-10-26", "transcribe"),
];

/// JSON with object keys in file order.
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum Json {
    Object(IndexMap<String, Json>),
    Array(Vec<Json>),
    Scalar(serde_json::Value),
}

/// Drops every `documentation` / `documentationUrl` whose value is a string
/// (a member that happens to be named `documentation` is an object and stays).
fn strip_docs(value: &mut Json) {
    match value {
        Json::Object(map) => {
            map.retain(|k, v| {
                !(matches!(k.as_str(), "documentation" | "documentationUrl")
                    && matches!(v, Json::Scalar(serde_json::Value::String(_))))
            });
            map.values_mut().for_each(strip_docs);
        }
        Json::Array(items) => items.iter_mut().for_each(strip_docs),
        Json::Scalar(_) => {}
    }
}

fn reduce(name: &str, bytes: &[u8]) -> Result<String> {
    let mut value: Json =
        serde_json::from_slice(bytes).with_context(|| format!("parsing {name}"))?;
    strip_docs(&mut value);
    let mut text = serde_json::to_string_pretty(&value)?;
    text.push('\n');
    Ok(text)
}

pub fn run(root: &Path) -> Result<()> {
    let wheel = botocore_wheel::download(root, VERSION)?;
    let mut all = botocore_wheel::services(&wheel)?;
    let out_root = root.join("tests/fixtures/smithy-sample/botocore");
    for (stem, service) in SERVICES {
        let Some((api, files)) = all.remove(*service) else {
            bail!("botocore {VERSION} has no service `{service}`");
        };
        if !stem.ends_with(&api) {
            bail!(
                "botocore {VERSION}'s newest `{service}` is {api}, but the Smithy model is {stem}"
            );
        }
        let dir = out_root.join(stem);
        let mut reduced = std::collections::BTreeMap::new();
        for (name, bytes) in &files {
            reduced.insert(
                name.clone(),
                reduce(&format!("{service}/{name}"), bytes)?.into_bytes(),
            );
        }
        botocore_wheel::write_service(&dir, VERSION, &reduced)?;
        let size: usize = reduced.values().map(Vec::len).sum();
        println!(
            "{}: {service} {api}, {} KB",
            dir.strip_prefix(root).unwrap_or(&dir).display(),
            size / 1024
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_documentation_strings_keeps_order_and_members_named_documentation() {
        let text = r#"{"shapes": {"B": {"type": "structure", "documentation": "<p>x</p>",
            "members": {"z": {"shape": "S", "documentation": "d"}, "documentation": {"shape": "S"}, "a": {"shape": "S"}}}},
            "documentationUrl": "https://example.com", "n": 1.5}"#;
        let out = reduce("t", text.as_bytes()).unwrap();
        let compact: String = out.split_whitespace().collect();
        assert_eq!(
            compact,
            r#"{"shapes":{"B":{"type":"structure","members":{"z":{"shape":"S"},"documentation":{"shape":"S"},"a":{"shape":"S"}}}},"n":1.5}"#
        );
    }
}

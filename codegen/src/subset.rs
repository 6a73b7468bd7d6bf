//! Pay per use: the part of a model that a chosen set of operations reaches.
//!
//! [`subset`] keeps the named operations, every shape they reach (input,
//! output, errors and everything nested in them, through members, list
//! members and map keys and values) and their paginators. Generated from the
//! result, a crate holds only what its users call, so it builds in a fraction
//! of the full crate's time; every file it shares with the full crate is
//! byte-identical to the full crate's (see `emit::generate`).

use std::collections::{BTreeMap, BTreeSet};

use crate::error::{Error, Result};
use crate::ir::{Model, ShapeKind};

/// The operations `names` of `model` with every shape they reach and their
/// paginators. An unknown name is an error listing the closest real names;
/// `source` names the model in errors.
pub fn subset(model: &Model, names: &[String], source: &std::path::Path) -> Result<Model> {
    let mut unknown = Vec::new();
    let mut operations = BTreeMap::new();
    for name in names {
        match model.operations.get(name) {
            Some(op) => {
                operations.insert(name.clone(), op.clone());
            }
            None => unknown.push(format!(
                "`{name}` (closest: {})",
                closest(name, model.operations.keys().map(String::as_str)).join(", ")
            )),
        }
    }
    if !unknown.is_empty() {
        return Err(Error::model(
            source,
            "operation subset",
            format!("no such operation in the model: {}", unknown.join("; ")),
        ));
    }
    if operations.is_empty() {
        return Err(Error::model(source, "operation subset", "the operation list is empty"));
    }

    let keep = reachable(model, operations.values().flat_map(|op| op.input.iter().chain(&op.output).chain(&op.errors)));
    Ok(Model {
        service: model.service.clone(),
        shapes: model.shapes.iter().filter(|(n, _)| keep.contains(*n)).map(|(n, s)| (n.clone(), s.clone())).collect(),
        paginators: model
            .paginators
            .iter()
            .filter(|(op, _)| operations.contains_key(*op))
            .map(|(op, p)| (op.clone(), p.clone()))
            .collect(),
        operations,
    })
}

/// The shapes `roots` name and every shape they nest (members, list
/// elements, map keys and values), transitively.
pub(crate) fn reachable<'a>(model: &'a Model, roots: impl IntoIterator<Item = &'a String>) -> BTreeSet<String> {
    let mut keep = BTreeSet::new();
    let mut stack: Vec<&str> = roots.into_iter().map(String::as_str).collect();
    while let Some(name) = stack.pop() {
        if !keep.insert(name.to_string()) {
            continue;
        }
        // A dangling reference is the validator's business, not ours.
        let Some(shape) = model.shapes.get(name) else { continue };
        match &shape.kind {
            ShapeKind::List { member } => stack.push(&member.target),
            ShapeKind::Map { key, value } => stack.extend([key.as_str(), value.as_str()]),
            kind => stack.extend(kind.members().iter().map(|m| m.target.as_str())),
        }
    }
    keep
}

/// Up to three of `candidates` closest to `name` (case, `_` and `-`
/// ignored, then edit distance), closest first, ties in model order.
fn closest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Vec<String> {
    let fold = |s: &str| -> Vec<char> {
        s.chars().filter(|c| *c != '_' && *c != '-').flat_map(char::to_lowercase).collect()
    };
    let wanted = fold(name);
    let mut scored: Vec<(usize, &str)> = candidates.map(|c| (edit_distance(&wanted, &fold(c)), c)).collect();
    scored.sort_by_key(|(d, _)| *d);
    scored.into_iter().take(3).map(|(_, c)| format!("`{c}`")).collect()
}

/// Levenshtein distance, in O(len(a) * len(b)) time and O(len(b)) space.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> Model {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("awsgen-subset-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let service = serde_json::json!({
                "version": "2.0",
                "metadata": {"protocol": "rest-json", "serviceId": "S", "apiVersion": "1", "endpointPrefix": "s"},
                "operations": {
                    "ListJobs": {"name": "ListJobs", "http": {"method": "GET", "requestUri": "/jobs"},
                        "input": {"shape": "ListJobsRequest"}, "output": {"shape": "ListJobsResponse"},
                        "errors": [{"shape": "Boom"}]},
                    "GetJob": {"name": "GetJob", "http": {"method": "GET", "requestUri": "/jobs/{id}"},
                        "input": {"shape": "GetJobRequest"}, "output": {"shape": "Job"}},
                    "DeleteThing": {"name": "DeleteThing", "http": {"method": "DELETE", "requestUri": "/t"},
                        "input": {"shape": "Thing"}}
                },
                "shapes": {
                    "ListJobsRequest": {"type": "structure", "members": {"nextToken": {"shape": "String"}}},
                    "ListJobsResponse": {"type": "structure", "members": {
                        "jobs": {"shape": "Jobs"}, "nextToken": {"shape": "String"}}},
                    "Jobs": {"type": "list", "member": {"shape": "Job"}},
                    "Job": {"type": "structure", "members": {"tags": {"shape": "Tags"}, "parent": {"shape": "Job"}}},
                    "Tags": {"type": "map", "key": {"shape": "TagKey"}, "value": {"shape": "String"}},
                    "TagKey": {"type": "string", "enum": ["a", "b"]},
                    "GetJobRequest": {"type": "structure", "required": ["id"], "members": {
                        "id": {"shape": "String", "location": "uri", "locationName": "id"}}},
                    "Thing": {"type": "structure", "members": {"x": {"shape": "Unused"}}},
                    "Unused": {"type": "structure", "members": {}},
                    "Boom": {"type": "structure", "members": {"message": {"shape": "String"}}, "exception": true},
                    "String": {"type": "string"}
                }
            });
        let paginators = serde_json::json!({"pagination": {"ListJobs": {
            "input_token": "nextToken", "output_token": "nextToken", "result_key": "jobs"}}});
        std::fs::write(dir.join("service-2.json"), service.to_string()).unwrap();
        std::fs::write(dir.join("paginators-1.json"), paginators.to_string()).unwrap();
        let model = crate::botocore::load_dir(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        model
    }

    fn keys<V>(map: &BTreeMap<String, V>) -> Vec<&str> {
        map.keys().map(String::as_str).collect()
    }

    #[test]
    fn keeps_what_the_operations_reach() {
        let sub = subset(&model(), &["ListJobs".into()], "m".as_ref()).unwrap();
        assert_eq!(keys(&sub.operations), ["ListJobs"]);
        assert_eq!(keys(&sub.paginators), ["ListJobs"]);
        // Through list members, map keys and values, recursive members and errors.
        assert_eq!(
            keys(&sub.shapes),
            ["Boom", "Job", "Jobs", "ListJobsRequest", "ListJobsResponse", "String", "TagKey", "Tags"]
        );
        let sub = subset(&model(), &["GetJob".into(), "DeleteThing".into()], "m".as_ref()).unwrap();
        assert_eq!(keys(&sub.operations), ["DeleteThing", "GetJob"]);
        assert!(sub.paginators.is_empty());
        assert!(sub.shapes.contains_key("Unused") && !sub.shapes.contains_key("ListJobsRequest"));
    }

    #[test]
    fn unknown_operations_name_the_closest_real_ones() {
        let err = subset(&model(), &["list_jobs".into(), "GetJobs".into(), "ListJobs".into()], "m.json".as_ref())
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "m.json: operation subset: no such operation in the model: \
             `list_jobs` (closest: `ListJobs`, `GetJob`, `DeleteThing`); \
             `GetJobs` (closest: `GetJob`, `ListJobs`, `DeleteThing`)"
        );
        let err = subset(&model(), &[], "m.json".as_ref()).unwrap_err().to_string();
        assert!(err.contains("the operation list is empty"), "{err}");
    }

    #[test]
    fn edit_distance_counts_edits() {
        let d = |a: &str, b: &str| edit_distance(&a.chars().collect::<Vec<_>>(), &b.chars().collect::<Vec<_>>());
        assert_eq!(d("kitten", "sitting"), 3);
        assert_eq!(d("", "abc"), 3);
        assert_eq!(d("abc", "abc"), 0);
    }
}

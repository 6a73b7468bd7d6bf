//! Checks shared by every front end, run on the lowered IR.

use std::path::Path;

use crate::error::{Error, Result};
use crate::ir::{Model, ShapeKind};

/// Every reference from a shape to another shape must resolve.
pub(crate) fn check_targets(path: &Path, model: &Model) -> Result<()> {
    let missing = |at: String, target: &str| {
        Error::model(path, at, format!("refers to unknown shape `{target}`"))
    };
    for (name, shape) in &model.shapes {
        match &shape.kind {
            ShapeKind::List { member } if !model.shapes.contains_key(&member.target) => {
                return Err(missing(format!("shapes.{name}.member"), &member.target));
            }
            ShapeKind::Map { key, value } => {
                for (part, target) in [("key", key), ("value", value)] {
                    if !model.shapes.contains_key(target) {
                        return Err(missing(format!("shapes.{name}.{part}"), target));
                    }
                }
            }
            ShapeKind::Structure { members } | ShapeKind::Union { members } => {
                for m in members {
                    if !model.shapes.contains_key(&m.target) {
                        return Err(missing(format!("shapes.{name}.members.{}", m.name), &m.target));
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Every check of this module, in order.
pub(crate) fn check(path: &Path, model: &Model) -> Result<()> {
    check_targets(path, model)?;
    check_operations(path, model)?;
    check_host_prefixes(path, model)?;
    check_containers(path, model)
}

/// An operation's input and output are structures (the emitter reads their
/// members).
fn check_operations(path: &Path, model: &Model) -> Result<()> {
    for (name, op) in &model.operations {
        for (part, target) in [("input", &op.input), ("output", &op.output)] {
            let Some(target) = target else { continue };
            match model.shapes.get(target).map(|s| &s.kind) {
                Some(ShapeKind::Structure { .. }) => {}
                Some(kind) => {
                    return Err(Error::model(
                        path,
                        format!("operations.{name}.{part}"),
                        format!("is `{target}`, a {}; an operation's {part} must be a structure", kind.kind_name()),
                    ))
                }
                None => {
                    return Err(Error::model(
                        path,
                        format!("operations.{name}.{part}"),
                        format!("refers to unknown shape `{target}`"),
                    ))
                }
            }
        }
    }
    Ok(())
}

/// Every `{label}` of a host prefix names a host-label member of the
/// operation's input that is a string (or string enum).
fn check_host_prefixes(path: &Path, model: &Model) -> Result<()> {
    for (name, op) in &model.operations {
        let Some(prefix) = &op.host_prefix else { continue };
        let at = format!("operations.{name}.endpoint.hostPrefix");
        let members = op.input.as_ref().and_then(|i| model.shapes.get(i)).map(|s| s.kind.members()).unwrap_or(&[]);
        let mut rest = prefix.as_str();
        while let Some(open) = rest.find(['{', '}']) {
            if rest.as_bytes()[open] == b'}' {
                return Err(Error::model(path, at, format!("`{prefix}` has a `}}` with no `{{`")));
            }
            let Some(len) = rest[open..].find('}') else {
                return Err(Error::model(path, at, format!("`{prefix}` has a `{{` with no `}}`")));
            };
            let label = &rest[open + 1..open + len];
            let member = members.iter().find(|m| m.name == label);
            let is_text = member.is_some_and(|m| {
                matches!(model.shapes.get(&m.target).map(|s| &s.kind), Some(ShapeKind::String | ShapeKind::Enum(_)))
            });
            if !member.is_some_and(|m| m.host_label) || !is_text {
                return Err(Error::model(
                    path,
                    at,
                    format!("`{{{label}}}` in `{prefix}` is not a string member of the input marked as a host label"),
                ));
            }
            rest = &rest[open + len + 1..];
        }
        if prefix.contains(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '{' | '}'))) {
            return Err(Error::model(path, at, format!("`{prefix}` is not the start of a host name")));
        }
    }
    Ok(())
}

/// How deeply lists and maps may nest directly in one another (a list of
/// maps of lists …) before a structure or union: far above any real model
/// (AWS models nest three or four), low enough that nothing recursing over
/// a type runs out of stack.
pub(crate) const MAX_CONTAINER_NESTING: usize = 64;

/// Lists and maps hold their elements in a `Vec` or `IndexMap`, which the
/// Rust type names directly, so a cycle of lists and maps that passes
/// through no structure or union has no Rust type (and no JSON value ends
/// it). Reported with the shapes of the cycle; chains deeper than
/// [`MAX_CONTAINER_NESTING`] too. Iterative, so no model can exhaust the
/// stack here.
fn check_containers(path: &Path, model: &Model) -> Result<()> {
    let children = |name: &str| -> Vec<&str> {
        let targets: Vec<&str> = match model.shapes.get(name).map(|s| &s.kind) {
            Some(ShapeKind::List { member }) => vec![member.target.as_str()],
            Some(ShapeKind::Map { key, value }) => vec![key.as_str(), value.as_str()],
            _ => vec![],
        };
        targets
            .into_iter()
            .filter(|t| matches!(model.shapes.get(*t).map(|s| &s.kind), Some(ShapeKind::List { .. } | ShapeKind::Map { .. })))
            .collect()
    };
    // Depth of every finished container; `None` while on the stack.
    let mut depth: std::collections::BTreeMap<&str, Option<usize>> = std::collections::BTreeMap::new();
    for root in model.shapes.keys() {
        if depth.contains_key(root.as_str()) || !is_container(model, root) {
            continue;
        }
        let mut stack: Vec<(&str, Vec<&str>)> = vec![(root.as_str(), children(root))];
        depth.insert(root.as_str(), None);
        while let Some((name, pending)) = stack.last_mut() {
            let name = *name;
            match pending.pop() {
                Some(child) => match depth.get(child) {
                    Some(Some(_)) => {}
                    Some(None) => {
                        let from = stack.iter().position(|(n, _)| *n == child).unwrap_or(0);
                        let mut cycle: Vec<&str> = stack[from..].iter().map(|(n, _)| *n).collect();
                        cycle.push(child);
                        return Err(Error::model(
                            path,
                            format!("shapes.{child}"),
                            format!(
                                "lists and maps contain each other with no structure or union between them ({}), so no value of them can be written",
                                cycle.join(" -> ")
                            ),
                        ));
                    }
                    None => {
                        if stack.len() >= MAX_CONTAINER_NESTING {
                            return Err(Error::model(
                                path,
                                format!("shapes.{root}"),
                                format!("lists and maps nest more than {MAX_CONTAINER_NESTING} deep (through `{child}`)"),
                            ));
                        }
                        depth.insert(child, None);
                        stack.push((child, children(child)));
                    }
                },
                None => {
                    let d = 1 + children(name).iter().filter_map(|c| depth.get(c).copied().flatten()).max().unwrap_or(0);
                    if d > MAX_CONTAINER_NESTING {
                        return Err(Error::model(
                            path,
                            format!("shapes.{name}"),
                            format!("lists and maps nest more than {MAX_CONTAINER_NESTING} deep"),
                        ));
                    }
                    depth.insert(name, Some(d));
                    stack.pop();
                }
            }
        }
    }
    Ok(())
}

fn is_container(model: &Model, name: &str) -> bool {
    matches!(model.shapes.get(name).map(|s| &s.kind), Some(ShapeKind::List { .. } | ShapeKind::Map { .. }))
}

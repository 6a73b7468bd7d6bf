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

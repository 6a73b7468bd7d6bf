//! Finds the members that need a `Box` to break a type cycle.
//!
//! Only direct structure/union-to-structure/union references make a Rust type
//! infinitely sized; lists and maps already allocate. Members whose owner and
//! target are in the same strongly connected component of that reference graph
//! are boxed; everything else stays inline.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Model, ShapeKind};

fn is_aggregate(kind: &ShapeKind) -> bool {
    matches!(kind, ShapeKind::Structure { .. } | ShapeKind::Union { .. })
}

/// (shape name, member name) pairs to box.
pub(crate) fn boxed_members(model: &Model) -> BTreeSet<(String, String)> {
    // Direct edges between aggregates.
    let mut edges: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (name, shape) in &model.shapes {
        if !is_aggregate(&shape.kind) {
            continue;
        }
        let targets = edges.entry(name.as_str()).or_default();
        for m in shape.kind.members() {
            if model.shapes.get(&m.target).is_some_and(|t| is_aggregate(&t.kind)) {
                targets.push(m.target.as_str());
            }
        }
    }
    let component = tarjan(&edges);
    let mut boxed = BTreeSet::new();
    for (name, shape) in &model.shapes {
        let Some(own) = component.get(name.as_str()) else { continue };
        for m in shape.kind.members() {
            if component.get(m.target.as_str()) == Some(own) {
                boxed.insert((name.clone(), m.name.clone()));
            }
        }
    }
    boxed
}

/// Tarjan's strongly connected components (iterative, deterministic):
/// returns a component id per node. A node alone in its component without a
/// self-edge gets an id no other node shares, so no member is boxed for it
/// unless it refers to itself.
fn tarjan<'a>(edges: &BTreeMap<&'a str, Vec<&'a str>>) -> BTreeMap<&'a str, usize> {
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    let mut low: BTreeMap<&str, usize> = BTreeMap::new();
    let mut on_stack: BTreeSet<&str> = BTreeSet::new();
    let mut stack: Vec<&str> = Vec::new();
    let mut component: BTreeMap<&str, usize> = BTreeMap::new();
    let mut next = 0;
    let mut next_component = 0;

    for &root in edges.keys() {
        if index.contains_key(root) {
            continue;
        }
        // (node, position of the next edge to visit)
        let mut work: Vec<(&str, usize)> = vec![(root, 0)];
        while let Some(&mut (node, ref mut pos)) = work.last_mut() {
            if *pos == 0 && !index.contains_key(node) {
                index.insert(node, next);
                low.insert(node, next);
                next += 1;
                stack.push(node);
                on_stack.insert(node);
            }
            let succ = edges.get(node).map(Vec::as_slice).unwrap_or_default();
            if let Some(&target) = succ.get(*pos) {
                *pos += 1;
                if !index.contains_key(target) {
                    work.push((target, 0));
                } else if on_stack.contains(target) {
                    let l = low[node].min(index[target]);
                    low.insert(node, l);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                let l = low[parent].min(low[node]);
                low.insert(parent, l);
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack.remove(member);
                    component.insert(member, next_component);
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(pairs: &[(&'static str, &[&'static str])]) -> BTreeMap<&'static str, Vec<&'static str>> {
        pairs.iter().map(|(n, t)| (*n, t.to_vec())).collect()
    }

    #[test]
    fn components() {
        let g = graph(&[("A", &["B"]), ("B", &["A", "C"]), ("C", &[]), ("D", &["D"])]);
        let c = tarjan(&g);
        assert_eq!(c["A"], c["B"]);
        assert_ne!(c["A"], c["C"]);
        assert_ne!(c["D"], c["C"]);
    }
}

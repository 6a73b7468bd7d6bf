//! The Smithy front end and the botocore front end agree.
//!
//! `../shared/models/bedrock-2023-04-20.smithy.json` (outside this
//! repository, never copied into it) is the Smithy JSON AST of the API that
//! botocore 1.40.5 describes in `tests/fixtures/botocore-1.40.5/bedrock/`.
//! Both are loaded, compared at the IR level (service, every shape,
//! operations, paginators) for precise messages, and both crates are
//! generated in memory and compared file by file: they must be
//! byte-identical, with no allowed differences. (Operation errors, the one
//! place the two sources disagree on order, are sorted by both front ends;
//! see `ir::Operation::errors`.)
//!
//! The file also snapshots the crates generated from the hand-written Smithy
//! fixtures in `tests/fixtures/smithy/` (`tests/snapshots/smithy_*.snap`).

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::PathBuf;

use codegen::ir::{self, Model, Shape};
use tests::repo_root;

const CRATE: &str = "bedrock";

fn options() -> codegen::emit::Options {
    codegen::emit::Options {
        crate_name: CRATE.into(),
        source: "x".into(),
        runtime_path: "../runtime".into(),
        ..Default::default()
    }
}

fn smithy_model_path() -> PathBuf {
    repo_root().join("../shared/models/bedrock-2023-04-20.smithy.json")
}

fn botocore_model_dir() -> PathBuf {
    repo_root().join("tests/fixtures/botocore-1.40.5/bedrock")
}

/// Loads the Smithy model (through `load_model`, so format detection is
/// exercised too) and the botocore one. Fails, never skips, when the Smithy
/// file is missing.
fn load_both() -> (Model, Model) {
    let smithy_path = smithy_model_path();
    assert!(
        smithy_path.is_file(),
        "the Smithy model {} is missing. This test compares it with botocore 1.40.5's bedrock model and \
         cannot pass without it; it is not part of this repository (and must not be copied into it): \
         provide it at that path.",
        smithy_path.display()
    );
    let smithy = codegen::load_model(&smithy_path)
        .unwrap_or_else(|e| panic!("loading the Smithy model failed: {e}"));
    let botocore = codegen::load_model(&botocore_model_dir())
        .unwrap_or_else(|e| panic!("loading the botocore model failed: {e}"));
    (smithy, botocore)
}

// ---------------------------------------------------------------------------
// IR comparison
// ---------------------------------------------------------------------------

fn shape_kind_set(model: &Model) -> BTreeSet<&str> {
    model.shapes.keys().map(String::as_str).collect()
}

/// Human-readable differences between two shapes of the same name.
fn shape_diffs(name: &str, s: &Shape, b: &Shape, out: &mut Vec<String>) {
    let mut field = |what: &str, sv: String, bv: String| {
        if sv != bv {
            out.push(format!("shape `{name}`: {what} differs\n    smithy:   {sv}\n    botocore: {bv}"));
        }
    };
    field("kind", s.kind.kind_name().into(), b.kind.kind_name().into());
    field("documentation", format!("{:?}", s.documentation), format!("{:?}", b.documentation));
    field("sensitive", s.sensitive.to_string(), b.sensitive.to_string());
    field("deprecated", format!("{:?}", s.deprecated), format!("{:?}", b.deprecated));
    field("error", format!("{:?}", s.error), format!("{:?}", b.error));
    if s.kind.kind_name() != b.kind.kind_name() {
        return;
    }
    let (sm, bm) = (s.kind.members(), b.kind.members());
    if !sm.is_empty() || !bm.is_empty() {
        let names = |ms: &[ir::Member]| ms.iter().map(|m| m.name.clone()).collect::<Vec<_>>();
        if names(sm) != names(bm) {
            out.push(format!(
                "shape `{name}`: members differ\n    smithy:   {:?}\n    botocore: {:?}",
                names(sm),
                names(bm)
            ));
            return;
        }
        for (a, b) in sm.iter().zip(bm) {
            if a != b {
                out.push(format!(
                    "shape `{name}` member `{}` differs\n    smithy:   {a:?}\n    botocore: {b:?}",
                    a.name
                ));
            }
        }
    } else if s.kind != b.kind {
        out.push(format!(
            "shape `{name}`: {} differs\n    smithy:   {:?}\n    botocore: {:?}",
            s.kind.kind_name(),
            s.kind,
            b.kind
        ));
    }
}

fn ir_diffs(smithy: &Model, botocore: &Model) -> Vec<String> {
    let mut out = Vec::new();
    if smithy.service != botocore.service {
        out.push(format!(
            "service differs\n    smithy:   {:?}\n    botocore: {:?}",
            smithy.service, botocore.service
        ));
    }

    let (s_names, b_names) = (shape_kind_set(smithy), shape_kind_set(botocore));
    let only_smithy: Vec<_> = s_names.difference(&b_names).collect();
    let only_botocore: Vec<_> = b_names.difference(&s_names).collect();
    if !only_smithy.is_empty() {
        out.push(format!("shapes only in the Smithy IR: {only_smithy:?}"));
    }
    if !only_botocore.is_empty() {
        out.push(format!("shapes only in the botocore IR: {only_botocore:?}"));
    }
    for (name, s) in &smithy.shapes {
        if let Some(b) = botocore.shapes.get(name) {
            shape_diffs(name, s, b, &mut out);
        }
    }

    let s_ops: BTreeSet<_> = smithy.operations.keys().collect();
    let b_ops: BTreeSet<_> = botocore.operations.keys().collect();
    if s_ops != b_ops {
        out.push(format!(
            "operations differ\n    only smithy:   {:?}\n    only botocore: {:?}",
            s_ops.difference(&b_ops).collect::<Vec<_>>(),
            b_ops.difference(&s_ops).collect::<Vec<_>>()
        ));
    }
    for (name, s) in &smithy.operations {
        if let Some(b) = botocore.operations.get(name) {
            if s != b {
                out.push(format!("operation `{name}` differs\n    smithy:   {s:?}\n    botocore: {b:?}"));
            }
        }
    }

    let s_pag: BTreeSet<_> = smithy.paginators.keys().collect();
    let b_pag: BTreeSet<_> = botocore.paginators.keys().collect();
    if s_pag != b_pag {
        out.push(format!(
            "paginated operations differ\n    only smithy:   {:?}\n    only botocore: {:?}",
            s_pag.difference(&b_pag).collect::<Vec<_>>(),
            b_pag.difference(&s_pag).collect::<Vec<_>>()
        ));
    }
    for (name, s) in &smithy.paginators {
        if let Some(b) = botocore.paginators.get(name) {
            if s != b {
                out.push(format!("paginator `{name}` differs\n    smithy:   {s:?}\n    botocore: {b:?}"));
            }
        }
    }
    out
}

fn report(title: &str, diffs: &[String]) -> String {
    const SHOWN: usize = 40;
    let mut msg = format!("{title}: {} difference(s)\n", diffs.len());
    for d in diffs.iter().take(SHOWN) {
        let _ = writeln!(msg, "  - {d}");
    }
    if diffs.len() > SHOWN {
        let _ = writeln!(msg, "  … and {} more", diffs.len() - SHOWN);
    }
    msg
}

#[test]
fn bedrock_ir_is_the_same_from_smithy_and_botocore() {
    let (smithy, botocore) = load_both();
    let diffs = ir_diffs(&smithy, &botocore);
    assert!(diffs.is_empty(), "{}", report("Smithy IR vs botocore IR", &diffs));
    // Non-vacuous: the model is the real one.
    assert_eq!(smithy.operations.len(), 94);
    assert_eq!(smithy.paginators.len(), 17);
}

// ---------------------------------------------------------------------------
// Generated files
// ---------------------------------------------------------------------------

/// The first differing line of two texts: (1-based line, left, right).
fn first_difference(a: &str, b: &str) -> (usize, String, String) {
    let (mut la, mut lb) = (a.lines(), b.lines());
    let mut n = 0;
    loop {
        n += 1;
        match (la.next(), lb.next()) {
            (Some(x), Some(y)) if x == y => continue,
            (None, None) => return (n, "<same lines; trailing newline differs>".into(), String::new()),
            (x, y) => {
                return (
                    n,
                    x.unwrap_or("<end of file>").to_string(),
                    y.unwrap_or("<end of file>").to_string(),
                )
            }
        }
    }
}

#[test]
fn bedrock_crate_is_byte_identical_from_smithy_and_botocore() {
    let (smithy, botocore) = load_both();
    let s_files = codegen::emit::generate(&smithy, &options()).unwrap_or_else(|e| panic!("{e}"));
    let b_files = codegen::emit::generate(&botocore, &options()).unwrap_or_else(|e| panic!("{e}"));
    assert!(b_files.len() > 100, "only {} files generated from botocore", b_files.len());

    let mut diffs = Vec::new();
    let paths: BTreeSet<&PathBuf> = s_files.keys().chain(b_files.keys()).collect();
    for path in paths {
        let diff = match (s_files.get(path), b_files.get(path)) {
            (Some(s), Some(b)) if s == b => continue,
            (Some(s), Some(b)) => {
                let (line, sl, bl) = first_difference(s, b);
                format!("{}: first difference at line {line}\n    smithy:   {sl}\n    botocore: {bl}", path.display())
            }
            (Some(_), None) => format!("{}: generated only from Smithy", path.display()),
            (None, Some(_)) => format!("{}: generated only from botocore", path.display()),
            (None, None) => unreachable!(),
        };
        diffs.push(diff);
    }
    assert!(diffs.is_empty(), "{}", report("generated crates differ", &diffs));
}

// ---------------------------------------------------------------------------
// Snapshots of crates generated from the hand-written fixtures
// ---------------------------------------------------------------------------

/// Every generated file of a fixture's crate, concatenated with a banner.
fn generated_crate_text(fixture: &str) -> String {
    let path = repo_root().join("tests/fixtures/smithy").join(fixture);
    let model = codegen::load_model(&path).unwrap_or_else(|e| panic!("{e}"));
    let files = codegen::emit::generate(
        &model,
        &codegen::emit::Options {
            crate_name: "fixture".into(),
            source: format!("tests/fixtures/smithy/{fixture}"),
            runtime_path: "../runtime".into(),
            ..Default::default()
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut text = String::new();
    for (path, content) in &files {
        let _ = writeln!(text, "===== {} =====", path.display());
        text.push_str(content);
        text.push('\n');
    }
    text
}

fn snapshot(name: &str, fixture: &str) {
    let text = generated_crate_text(fixture);
    insta::with_settings!({
        snapshot_path => repo_root().join("tests/snapshots"),
        prepend_module_to_snapshot => false,
        description => format!("crate generated from tests/fixtures/smithy/{fixture}"),
        omit_expression => true,
    }, {
        insta::assert_snapshot!(name, text);
    });
}

#[test]
fn smithy_shapes_fixture_crate() {
    snapshot("smithy_shapes_crate", "shapes.json");
}

#[test]
fn smithy_weather_fixture_crate() {
    snapshot("smithy_weather_crate", "weather.json");
}

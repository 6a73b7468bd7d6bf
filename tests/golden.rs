//! Golden files (insta snapshots) of the generated code: every file of the
//! kitchen-sink fixture, which exercises every construct, and the
//! ListModelInvocationJobs types of the real bedrock crate. Review changes
//! with `cargo insta review` (see README).

use std::path::Path;

fn generate(model: &str, out: &str, name: &str) -> codegen::emit::Files {
    let root = tests::repo_root();
    codegen::generate_crate(&root, &root.join(model), &root.join(out), name).expect("fixture generates")
}

fn snapshot_name(prefix: &str, path: &Path) -> String {
    let stem = path.with_extension("").display().to_string().replace(['/', '\\'], "__");
    format!("{prefix}__{stem}")
}

#[test]
fn kitchen_sink_fixture() {
    let files = generate("tests/fixtures/kitchen-sink", "tests/kitchen-sink", "kitchen-sink");
    assert!(files.len() > 15, "the fixture should produce a file per type");
    for (path, content) in &files {
        insta::assert_snapshot!(snapshot_name("kitchen_sink", path), content);
    }
}

#[test]
fn bedrock_list_model_invocation_jobs_types() {
    let files = generate("models/bedrock", "generated/bedrock", "bedrock");
    let wanted = [
        "list_model_invocation_jobs_request",
        "list_model_invocation_jobs_response",
        "model_invocation_job_summary",
        "model_invocation_job_status",
        "model_invocation_job_input_data_config",
        "model_invocation_job_output_data_config",
        "model_invocation_job_s3_input_data_config",
        "model_invocation_job_s3_output_data_config",
        "model_invocation_type",
        "s3_input_format",
        "sort_jobs_by",
        "sort_order",
        "vpc_config",
    ];
    for module in wanted {
        let path = Path::new("src/types").join(format!("{module}.rs"));
        let content = files.get(&path).unwrap_or_else(|| panic!("{} was not generated", path.display()));
        insta::assert_snapshot!(snapshot_name("bedrock", &path), content);
    }
}

/// The operation-subset crate (codegen.toml's `bedrock-batch`): its
/// crate-level files (the ones that differ from the full crate's) and its
/// operations. Its type files are byte-identical to the full crate's (see
/// tests/subset.rs), whose ListModelInvocationJobs types are pinned above.
#[test]
fn bedrock_batch_subset_crate() {
    let root = tests::repo_root();
    let config = codegen::config::load(&root).unwrap();
    let batch = config.iter().find(|c| c.name == "bedrock-batch").expect("codegen.toml lists bedrock-batch");
    let files = codegen::generate_configured(&root, batch).expect("the subset generates");
    let mut pinned = 0;
    for (path, content) in &files {
        if path.starts_with("src/types") && !path.ends_with("mod.rs") {
            continue;
        }
        insta::assert_snapshot!(snapshot_name("bedrock_batch", path), content);
        pinned += 1;
    }
    assert!(pinned >= 10, "expected crate-level and operation files, pinned {pinned}");
}

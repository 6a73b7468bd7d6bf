//! Pay per use: the operation-subset crate `bedrock-batch` (codegen.toml)
//! holds exactly what its four operations reach, and every file it shares
//! with the full `bedrock` crate is byte-identical to it, so code and
//! reviews move between the two unchanged.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use codegen::config::CrateConfig;

fn configured(name: &str) -> CrateConfig {
    let config = codegen::config::load(&tests::repo_root()).expect("codegen.toml reads");
    config.into_iter().find(|c| c.name == name).unwrap_or_else(|| panic!("codegen.toml lists no `{name}`"))
}

fn files_under<'a>(files: &'a codegen::emit::Files, dir: &str) -> BTreeSet<&'a Path> {
    files.keys().filter(|p| p.starts_with(dir) && !p.ends_with("mod.rs")).map(PathBuf::as_path).collect()
}

#[test]
fn the_subset_shares_every_type_and_operation_file_with_the_full_crate() {
    let root = tests::repo_root();
    let full = codegen::generate_configured(&root, &configured("bedrock")).unwrap();
    let batch = codegen::generate_configured(&root, &configured("bedrock-batch")).unwrap();
    // The files that describe the whole crate differ; nothing else does.
    let crate_level = ["Cargo.toml", "src/lib.rs", "src/types/mod.rs", "src/operations/mod.rs", "src/paginators.rs", "src/client.rs"];
    for (path, content) in &batch {
        if crate_level.iter().any(|p| path == Path::new(p)) {
            continue;
        }
        let Some(in_full) = full.get(path) else { panic!("{} is not in the full crate", path.display()) };
        assert!(in_full == content, "{} differs from the full crate's", path.display());
    }
    assert!(batch.len() * 10 < full.len(), "{} of {} files", batch.len(), full.len());
}

#[test]
fn the_subset_holds_its_operations_and_what_they_reach() {
    let root = tests::repo_root();
    let batch = codegen::generate_configured(&root, &configured("bedrock-batch")).unwrap();
    let operations: Vec<String> =
        files_under(&batch, "src/operations").iter().map(|p| p.file_stem().unwrap().to_string_lossy().into()).collect();
    assert_eq!(
        operations,
        ["create_model_invocation_job", "get_model_invocation_job", "list_model_invocation_jobs", "stop_model_invocation_job"]
    );
    let types = files_under(&batch, "src/types");
    for reached in [
        "list_model_invocation_jobs_request",  // input
        "get_model_invocation_job_response",   // output
        "model_invocation_job_summary",        // nested in a list of an output
        "model_invocation_job_s3_input_data_config", // nested in a union
        "tag",                                 // list member of CreateModelInvocationJob's input
        "service_quota_exceeded_exception",    // an error of CreateModelInvocationJob
        "sort_order",                          // an enum of a request member
    ] {
        assert!(types.contains(Path::new(&format!("src/types/{reached}.rs"))), "{reached} missing");
    }
    for unrelated in ["create_model_customization_job_request", "guardrail_summary", "custom_model_summary"] {
        assert!(!types.contains(Path::new(&format!("src/types/{unrelated}.rs"))), "{unrelated} generated");
    }
    // Its only paginator is ListModelInvocationJobs'.
    let paginators = &batch[Path::new("src/paginators.rs")];
    assert!(paginators.contains("pub fn list_model_invocation_jobs("));
    assert_eq!(paginators.matches("\npub fn ").count(), 1, "{paginators}");
}

#[test]
fn an_unknown_operation_names_the_closest_real_ones() {
    let mut config = configured("bedrock-batch");
    config.operations = Some(vec!["ListModelInvocationJob".into(), "GetModelInvocationJob".into()]);
    let err = codegen::generate_configured(&tests::repo_root(), &config).unwrap_err().to_string();
    assert!(
        err.contains("no such operation in the model: `ListModelInvocationJob` (closest: `ListModelInvocationJobs`, "),
        "{err}"
    );
}

//! The API change report (`codegen::api_diff`) over real bedrock history,
//! committed under `tests/fixtures/botocore-<version>/bedrock/`:
//!
//! - 1.44.7 → 1.44.8, an additive release (the one issue 13 was found on):
//!   25 operations and their types, and `projectIdentifier` on 4 requests.
//! - 1.40.5 → 1.44.8, with a removed member and a member made optional.
//! - 1.44.8 → 1.40.5, the same pair backwards: operations, paginators,
//!   types, members and enum values removed.

use codegen::api_diff::{self, Report, Section};

fn report(old: &str, new: &str) -> Report {
    let root = tests::repo_root();
    let load = |v: &str| {
        codegen::load_model(&root.join(format!("tests/fixtures/botocore-{v}/bedrock")))
            .unwrap_or_else(|e| panic!("botocore {v}: {e}"))
    };
    api_diff::diff(&load(old), &load(new)).expect("diff")
}

fn listed(r: &Report, breaking: bool, section: Section) -> Vec<&str> {
    r.changes.iter().filter(|c| c.breaking == breaking && c.section == section).map(|c| c.what.as_str()).collect()
}

#[test]
fn an_additive_release_is_reported_as_non_breaking_and_bumps_the_patch_version() {
    let r = report("1.44.7", "1.44.8");
    assert_eq!(r.breaking(), 0, "{}", r.markdown("1.44.7 → 1.44.8"));
    let ops = listed(&r, false, Section::Operations);
    assert_eq!(ops.len(), 25, "{ops:#?}");
    assert!(ops.iter().all(|o| o.starts_with("operation `") && o.ends_with("` added")), "{ops:#?}");
    for op in ["CreateProject", "GetProject", "ArchiveProject", "ListProjects"] {
        assert!(ops.contains(&format!("operation `{op}` added").as_str()), "{op} missing from {ops:#?}");
    }
    assert_eq!(
        listed(&r, false, Section::Members),
        [
            "`GetFoundationModelRequest.project_identifier` added (optional, `Option<String>`)",
            "`GetInferenceProfileRequest.project_identifier` added (optional, `Option<String>`)",
            "`ListFoundationModelsRequest.project_identifier` added (optional, `Option<String>`)",
            "`ListInferenceProfilesRequest.project_identifier` added (optional, `Option<String>`)",
        ]
    );
    assert!(listed(&r, false, Section::Paginators).contains(&"paginator `list_projects` added"));
    assert!(listed(&r, false, Section::Types).contains(&"struct `CreateProjectRequest` added"));
    assert_eq!(r.changes.len(), 96);
    assert_eq!(r.next_version("0.1.0").unwrap(), "0.1.1");
    assert_eq!(r.next_version("1.4.2").unwrap(), "1.5.0");
}

#[test]
fn a_release_that_removes_a_member_is_breaking_with_the_reason() {
    let r = report("1.40.5", "1.44.8");
    let breaking: Vec<(&str, &str)> =
        r.changes.iter().filter(|c| c.breaking).map(|c| (c.what.as_str(), c.reason.as_str())).collect();
    assert_eq!(
        breaking,
        [
            (
                "`CreateCustomModelRequest.model_source_config`: required → optional",
                "the field becomes an `Option`, and `new()` no longer takes it"
            ),
            (
                "`UpdateAutomatedReasoningPolicyTestCaseRequest.kms_key_arn` removed",
                "code that reads or sets the field no longer compiles"
            ),
        ]
    );
    assert_eq!(listed(&r, false, Section::Operations).len(), 39);
    assert!(listed(&r, false, Section::Errors)
        .contains(&"operation `DeleteAutomatedReasoningPolicy` may return `ResourceInUseException`"));
    assert!(r.docs_changed > 0, "documentation changed between these releases");
    assert_eq!(r.next_version("0.1.0").unwrap(), "0.2.0");
    assert_eq!(r.next_version("1.4.2").unwrap(), "2.0.0");
    let md = r.markdown("bedrock 0.1.0 → 0.2.0: botocore 1.40.5 → 1.44.8");
    assert!(md.starts_with("## bedrock 0.1.0 → 0.2.0: botocore 1.40.5 → 1.44.8\n\n2 breaking changes, "), "{md}");
    let (breaking_at, other_at) = (md.find("### Breaking changes").unwrap(), md.find("### Non-breaking changes").unwrap());
    assert!(breaking_at < other_at);
}

#[test]
fn going_back_removes_operations_types_and_values() {
    let forward = report("1.40.5", "1.44.8");
    let back = report("1.44.8", "1.40.5");
    let removed_ops = listed(&back, true, Section::Operations);
    assert_eq!(removed_ops.len(), 39, "every operation added going forward is removed going back");
    assert!(removed_ops.contains(&"operation `CreateProject` removed"));
    assert!(listed(&back, true, Section::Paginators).contains(&"paginator `list_projects` removed"));
    assert!(listed(&back, true, Section::Types).contains(&"struct `CreateProjectRequest` removed"));
    assert!(listed(&back, false, Section::Members)
        .contains(&"`UpdateAutomatedReasoningPolicyTestCaseRequest.kms_key_arn` added (optional, `Option<String>`)"));
    assert!(listed(&back, true, Section::Members)
        .contains(&"`CreateCustomModelRequest.model_source_config`: optional → required"));
    assert!(listed(&back, true, Section::EnumValues)
        .contains(&"`AutomatedReasoningPolicyBuildResultAssetType::AssetManifest` (`ASSET_MANIFEST`) removed"));
    assert!(listed(&forward, false, Section::EnumValues)
        .contains(&"`AutomatedReasoningPolicyBuildResultAssetType::AssetManifest` (`ASSET_MANIFEST`) added"));
    assert!(listed(&back, true, Section::UnionMembers)
        .contains(&"`AutomatedReasoningPolicyBuildResultAssets::Document` removed"));
    assert!(listed(&forward, false, Section::UnionMembers).contains(
        &"`AutomatedReasoningPolicyBuildResultAssets::Document(AutomatedReasoningPolicySourceDocument)` added"
    ));
    // Each change going forward has its counterpart going back.
    assert_eq!(forward.changes.len(), back.changes.len());
    assert_eq!(forward.docs_changed, back.docs_changed);
    assert_eq!(back.next_version("0.2.0").unwrap(), "0.3.0");
}

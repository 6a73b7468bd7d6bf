//! `cargo test` fails when a checked-in generated crate is stale: the same
//! code path as `cargo xtask codegen --check`.

#[test]
fn checked_in_crates_are_fresh() {
    let root = tests::repo_root();
    let stale = codegen::check_checked_in(&root).expect("the checked-in models generate");
    assert!(
        stale.is_empty(),
        "generated files are stale; run `cargo xtask codegen` and review the diff:\n{}",
        stale.iter().map(|p| format!("  {}", p.display())).collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn generation_is_deterministic() {
    let root = tests::repo_root();
    for krate in codegen::config::load(&root).unwrap() {
        let a = codegen::generate_configured(&root, &krate).unwrap();
        let b = codegen::generate_configured(&root, &krate).unwrap();
        assert_eq!(a, b, "{} generated different files on a second run", krate.name);
    }
}

#[test]
fn check_names_stale_missing_and_extra_files() {
    let root = tests::repo_root();
    let (model, name) = ("tests/fixtures/kitchen-sink", "kitchen-sink");
    let dir = std::env::temp_dir().join(format!("awsgen-fresh-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let files = codegen::generate_crate(&root, &root.join(model), &dir, name).unwrap();
    codegen::write(&dir, &files).unwrap();
    assert!(codegen::check(&dir, &files).unwrap().is_empty());

    std::fs::write(dir.join("src/types/status.rs"), "// edited by hand\n").unwrap();
    std::fs::remove_file(dir.join("src/types/login.rs")).unwrap();
    std::fs::write(dir.join("src/types/leftover.rs"), "// no longer generated\n").unwrap();
    let stale = codegen::check(&dir, &files).unwrap();
    let names: Vec<String> = stale.iter().map(|p| p.display().to_string()).collect();
    assert_eq!(names, ["src/types/leftover.rs", "src/types/login.rs", "src/types/status.rs"]);

    // Writing again repairs everything and removes the leftover file.
    codegen::write(&dir, &files).unwrap();
    assert!(codegen::check(&dir, &files).unwrap().is_empty());
    assert!(!dir.join("src/types/leftover.rs").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

//! The generated bedrock paginator glue, replayed over botocore's own
//! vectors (`tests/vectors/paginators/bedrock-*.json`, written by
//! `cargo xtask paginator-vectors`): the same requests, pages, resume tokens,
//! full results and errors as botocore's real paginator.
//!
//! Run once against the full `bedrock` crate and once against the operation
//! subset `bedrock-batch` (codegen.toml), whose glue must behave the same.

mod full {
    use bedrock as svc;
    include!("paginators/replay.rs");
}

mod batch {
    use bedrock_batch as svc;
    include!("paginators/replay.rs");
}

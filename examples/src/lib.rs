//! What the examples share: the AWS CLI's output formats ([`awscli`]), so
//! that `list-model-invocation-jobs --output json|text|table` prints what
//! `aws bedrock list-model-invocation-jobs` prints for the same response.

pub mod awscli;
mod east_asian_width;

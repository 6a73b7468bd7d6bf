//! Errors of the generator. Every error names where the problem is: the file,
//! the shape and the member.

use std::path::PathBuf;

/// An error while reading a model or generating code from it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A file is not valid JSON.
    #[error("{path}: malformed JSON: {source}")]
    Json {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
    /// The model is well-formed JSON but not a valid model; `at` says where.
    #[error("{path}: {at}: {message}")]
    Model {
        path: PathBuf,
        at: String,
        message: String,
    },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub(crate) fn model(path: &std::path::Path, at: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Model {
            path: path.to_path_buf(),
            at: at.into(),
            message: message.into(),
        }
    }
}

//! The crate's error type: what went wrong, and with which file.

use std::io;
use std::path::{Path, PathBuf};

use crate::sanitize::sanitize_line;

/// An error that stops one file or one command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read.
    #[error("{}: {source}", shown(path))]
    Read {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// A path that should be a file is not one.
    #[error("{}: not a file", shown(path))]
    NotAFile {
        /// The path.
        path: PathBuf,
    },
    /// A path that should be a folder is not one.
    #[error("{}: not a folder", shown(path))]
    NotAFolder {
        /// The path.
        path: PathBuf,
    },
}

/// A path as messages show it: safe for a terminal.
fn shown(path: &Path) -> String {
    sanitize_line(&path.display().to_string()).into_owned()
}

/// True when the error chain ends in a closed pipe (`quire list | head`),
/// which is how a reader of our output says "enough", not a failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

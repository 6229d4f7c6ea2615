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
    /// A path that should be a regular file is something else: a folder, a
    /// device, a pipe or a socket (reading those could block or never end).
    #[error("{}: not a regular file; quire reads only files", shown(path))]
    NotAFile {
        /// The path.
        path: PathBuf,
    },
    /// A file larger than quire reads.
    #[error(
        "{}: the file is larger than {} bytes, the most quire reads (set QUIRE_MAX_BYTES to change it)",
        shown(path),
        limit
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// The cap it went over, in bytes.
        limit: u64,
    },
    /// A path that should be a folder is not one.
    #[error("{}: not a folder", shown(path))]
    NotAFolder {
        /// The path.
        path: PathBuf,
    },
}

impl Error {
    /// What is wrong, without the path (for lists that name it already).
    pub fn reason(&self) -> String {
        match self {
            Error::Read { source, .. } => source.to_string(),
            Error::NotAFile { .. } => "not a regular file; skipped".to_string(),
            Error::TooLarge { limit, .. } => {
                format!("larger than {limit} bytes, the most quire reads; skipped")
            }
            Error::NotAFolder { .. } => "not a folder".to_string(),
        }
    }
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

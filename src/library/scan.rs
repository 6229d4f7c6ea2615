//! Finding and reading a folder's articles: a walk that skips hidden names and
//! never loops on symlinks, then one parallel pass that reads each file.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{Entry, Failure, Library};
use crate::Error;
use crate::article;

/// True for names the walk skips: dot files and dot folders.
fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// True for `.md` and `.markdown` files, in any case.
pub(crate) fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// Scans `dir` recursively into a [`Library`]. Files are read in parallel on
/// rayon's pool (run it inside `ThreadPool::install` to choose the threads).
/// Only a `dir` that is missing or not a folder is an error; every file or
/// folder inside that cannot be read becomes a [`Failure`].
pub fn scan(dir: &Path) -> Result<Library, Error> {
    let meta = fs::metadata(dir).map_err(|source| Error::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    if !meta.is_dir() {
        return Err(Error::NotAFolder {
            path: dir.to_path_buf(),
        });
    }
    let (files, mut failures) = walk(dir);
    let results: Vec<Result<Entry, Failure>> = files.par_iter().map(|rel| read(dir, rel)).collect();
    let mut entries = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(entry) => entries.push(entry),
            Err(failure) => failures.push(failure),
        }
    }
    Ok(Library::from_parts(dir.to_path_buf(), entries, failures))
}

/// Reads one file into an entry, or a failure naming it.
fn read(root: &Path, rel: &Path) -> Result<Entry, Failure> {
    let full = root.join(rel);
    let bytes = article::read_file(&full).map_err(|e| Failure {
        path: rel.to_path_buf(),
        error: e.reason(),
    })?;
    let peek = article::peek(&full, &bytes);
    Ok(Entry::new(rel.to_path_buf(), bytes.len() as u64, peek))
}

/// Lists the markdown files under `root` (paths relative to it, sorted) and
/// the folders that could not be read. Iterative, so depth cannot overflow the
/// stack; symlinked folders are followed once each by canonical path, so a
/// link back up the tree ends the walk instead of looping.
pub(crate) fn walk(root: &Path) -> (Vec<PathBuf>, Vec<Failure>) {
    let mut files = Vec::new();
    let mut failures = Vec::new();
    let mut visited: HashSet<PathBuf> = HashSet::new();
    if let Ok(canon) = fs::canonicalize(root) {
        visited.insert(canon);
    }
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let dir = root.join(&rel);
        let listing = match fs::read_dir(&dir) {
            Ok(listing) => listing,
            Err(e) => {
                failures.push(Failure {
                    path: rel,
                    error: e.to_string(),
                });
                continue;
            }
        };
        for item in listing {
            let item = match item {
                Ok(item) => item,
                Err(e) => {
                    failures.push(Failure {
                        path: rel.clone(),
                        error: e.to_string(),
                    });
                    continue;
                }
            };
            let name = item.file_name();
            if is_hidden(&name) {
                continue;
            }
            let child = rel.join(&name);
            let Ok(file_type) = item.file_type() else {
                continue;
            };
            let (is_dir, is_file) = if file_type.is_symlink() {
                match fs::metadata(item.path()) {
                    Ok(m) => (m.is_dir(), m.is_file()),
                    Err(e) => {
                        // A dangling link that looks like an article is worth
                        // reporting; any other dangling link is not ours.
                        if is_markdown(&child) {
                            failures.push(Failure {
                                path: child,
                                error: e.to_string(),
                            });
                        }
                        continue;
                    }
                }
            } else {
                (file_type.is_dir(), file_type.is_file())
            };
            if is_dir {
                let first_visit = match fs::canonicalize(item.path()) {
                    Ok(canon) => visited.insert(canon),
                    Err(_) => false,
                };
                if first_visit {
                    stack.push(child);
                }
            } else if is_markdown(&child) {
                if is_file {
                    files.push(child);
                } else {
                    // A fifo or device named like an article: never opened,
                    // since opening a fifo blocks.
                    failures.push(Failure {
                        path: child,
                        error: "not a regular file; skipped".to_string(),
                    });
                }
            }
        }
    }
    files.sort();
    (files, failures)
}

//! The link jobs' work: resolving an article's links with the shared
//! resolver, and starting a browser detached from the terminal.

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::{MutexGuard, PoisonError};

use crate::article::Article;
use crate::library::ScanOptions;
use crate::links::backlinks::LinkIndex;
use crate::links::{Link, Resolution, Resolver};
use crate::sanitize::sanitize_line;
use crate::tui::reader::backlinks::BacklinkTable;
use crate::tui::reader::links::SharedResolver;
use crate::tui::runtime::Reporter;

use super::Output;

fn lock(resolver: &SharedResolver) -> MutexGuard<'_, Resolver> {
    // A job that panicked holding the lock left only caches behind.
    resolver.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Every link of `article` and where it leads.
pub(super) fn resolve_all(article: &Article, resolver: &SharedResolver) -> Vec<(Link, Resolution)> {
    // An article read by address: its links lead to addresses.
    if crate::tui::reader::remote::is_remote(&article.path) {
        if let Some(base) = article.path.to_str().and_then(|p| url::Url::parse(p).ok()) {
            return crate::remote::links::resolve_all(article, &base);
        }
    }
    lock(resolver).resolve_all(article)
}

/// Brings the link index of `root` up to date and lists the links into
/// the article at `path`.
pub(super) fn backlinks(
    path: &Path,
    root: &Path,
    db: Option<&Path>,
) -> Result<Arc<BacklinkTable>, String> {
    let mut index = match db {
        Some(db) => LinkIndex::open(db),
        None => LinkIndex::open_in_memory(),
    }
    .map_err(|e| e.to_string())?;
    index
        .refresh(root, &ScanOptions::default())
        .map_err(|e| e.to_string())?;
    let rel = path.strip_prefix(root).unwrap_or(path);
    let found = index
        .backlinks(root, rel, None)
        .map_err(|e| e.to_string())?;
    Ok(Arc::new(BacklinkTable::new(root, found)))
}

/// Starts `command` with no terminal (stdin, stdout and stderr to null, in
/// a process group of its own so that a Ctrl-C meant for quire does not
/// reach it), says so, and waits for it to end so that it is reaped.
pub(super) fn browse(command: &[String], reporter: &Reporter<Output>) -> Output {
    let Some((program, args)) = command.split_first() else {
        return Output::Browsed("no browser to open it with".into());
    };
    let mut cmd = Command::new(program);
    cmd.args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        cmd.process_group(0);
    }
    let name = sanitize_line(program).into_owned();
    match cmd.spawn() {
        Ok(mut child) => {
            reporter.send(Output::Browsed(format!("started {name}")));
            match child.wait() {
                Ok(status) if !status.success() => {
                    Output::Browsed(format!("{name} ended: {status}"))
                }
                _ => Output::Browsed(String::new()),
            }
        }
        Err(e) => Output::Browsed(format!("could not start {name}: {e}")),
    }
}

//! Watching a file for changes on disk (debounced, through `notify`), for
//! live reload. The folder holding the file is watched, not the file itself,
//! because editors often save by writing a new file and renaming it over
//! the old one, which ends a watch on the old file.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::RecursiveMode;

use super::Output;
use crate::article::FileStamp;
use crate::tui::runtime::{Reporter, StopFlag};

/// Changes closer together than this are one change.
pub const DEBOUNCE: Duration = Duration::from_millis(150);

/// How often a watcher with nothing to report checks whether to stop.
pub const STOP_CHECK: Duration = Duration::from_millis(500);

/// Watches `path` until `stop` is raised or the app ends, reporting
/// [`Output::Changed`] for every debounced change to it (written, replaced,
/// deleted), and at once when it is no longer the version `since` (a
/// change made before the watch began). Returns why watching ended early
/// when it could not start.
pub fn watch_file(
    path: &Path,
    since: Option<FileStamp>,
    stop: &StopFlag,
    reporter: &Reporter<Output>,
) -> Output {
    let Some(folder) = path.parent().map(|p| {
        if p.as_os_str().is_empty() {
            Path::new(".")
        } else {
            p
        }
    }) else {
        return Output::Unwatched(format!("{}: no folder to watch", path.display()));
    };
    let Some(name) = path.file_name() else {
        return Output::Unwatched(format!("{}: not a file", path.display()));
    };
    let (tx, rx) = mpsc::channel();
    let mut debouncer = match notify_debouncer_mini::new_debouncer(DEBOUNCE, tx) {
        Ok(d) => d,
        Err(e) => return Output::Unwatched(format!("live reload is off: {e}")),
    };
    if let Err(e) = debouncer
        .watcher()
        .watch(folder, RecursiveMode::NonRecursive)
    {
        return Output::Unwatched(format!("live reload is off: {e}"));
    }
    // Reading the file (another program opening it) also raises events:
    // only a change of what `stat` says counts.
    let mut last = FileStamp::of_path(path);
    if since.is_some() && last != since && !reporter.send(Output::Changed(PathBuf::from(path))) {
        return Output::Unwatched(String::new());
    }
    while !stop.stopped() {
        match rx.recv_timeout(STOP_CHECK) {
            Ok(Ok(events)) => {
                let ours = events.iter().any(|e| e.path.file_name() == Some(name));
                let now = FileStamp::of_path(path);
                if !ours || now == last {
                    continue;
                }
                last = now;
                if !reporter.send(Output::Changed(PathBuf::from(path))) {
                    break;
                }
            }
            Ok(Err(e)) => {
                if !reporter.send(Output::Unwatched(format!("live reload stopped: {e}"))) {
                    break;
                }
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
    }
    Output::Unwatched(String::new())
}

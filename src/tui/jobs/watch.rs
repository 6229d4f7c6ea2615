//! Watching a file for changes on disk (debounced, through `notify`), for
//! live reload. The folder holding the file is watched, not the file itself,
//! because editors often save by writing a new file and renaming it over
//! the old one, which ends a watch on the old file.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::RecursiveMode;

use super::{Output, Reporter, StopFlag};
use crate::article::FileStamp;

/// Changes closer together than this are one change.
pub const DEBOUNCE: Duration = Duration::from_millis(150);

/// How often a watcher with nothing to report checks whether to stop.
const STOP_CHECK: Duration = Duration::from_millis(500);

/// Watches `path` until `stop` is raised or the app ends, reporting
/// [`Output::Changed`] for every debounced change to it (written, replaced,
/// deleted), and at once when it is no longer the version `since` (a
/// change made before the watch began). Returns why watching ended early
/// when it could not start.
pub fn watch_file(
    path: &Path,
    since: Option<FileStamp>,
    stop: &StopFlag,
    reporter: &Reporter,
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

/// Watches the library folder `dir` and everything under it until `stop`
/// is raised, reporting [`Output::FolderChanged`] once for every burst of
/// changes to its markdown files (created, written, renamed, removed).
/// Reading files is not a change. A folder too large to watch (the
/// system's limit on watches) reports why once and ends.
pub fn watch_folder(dir: &Path, stop: &StopFlag, reporter: &Reporter) -> Output {
    use notify::{EventKind, Watcher};
    let (tx, rx) = mpsc::channel();
    let mut watcher = match notify::recommended_watcher(tx) {
        Ok(w) => w,
        Err(e) => return Output::Unwatched(format!("the folder is not watched ({e}): R rescans")),
    };
    if let Err(e) = watcher.watch(dir, RecursiveMode::Recursive) {
        return Output::Unwatched(format!("the folder is not watched ({e}): R rescans"));
    }
    let is_article = |p: &Path| {
        p.extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("md") || x.eq_ignore_ascii_case("markdown"))
    };
    while !stop.stopped() {
        let event = match rx.recv_timeout(STOP_CHECK) {
            Ok(Ok(event)) => event,
            Ok(Err(e)) => {
                return Output::Unwatched(format!(
                    "the folder is no longer watched ({e}): R rescans"
                ));
            }
            Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        };
        let counts = !matches!(event.kind, EventKind::Access(_))
            && event.paths.iter().any(|p| is_article(p) || p.is_dir());
        if !counts {
            continue;
        }
        // The rest of the burst (a save, a checkout) is one change.
        while rx.recv_timeout(DEBOUNCE * 2).is_ok() {}
        if !reporter.send(Output::FolderChanged) {
            break;
        }
    }
    Output::Unwatched(String::new())
}

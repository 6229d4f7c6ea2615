//! The library's background jobs: reading an entry for the preview panel,
//! watching the library's folder for changed articles, counting the links
//! into its articles ([`super::links`]), and a repository's folder's files
//! ([`super::remote`]). Plain data that knows nothing of the app, reporting
//! through a [`Reporter`] of the library's own [`Output`]. The app wraps
//! these in its own job list (`Job::Library`), notes each in its table of
//! jobs in flight for the library and [`Slot`] that asked, and hands each
//! result still waited for to [`LibraryScreen::finish`] here, which
//! returns what follows as data ([`Followup`]).

use std::path::{Path, PathBuf};
use std::sync::mpsc;

use notify::RecursiveMode;

use crate::article::Article;
use crate::library::Preview;
use crate::tui::reader::jobs::watch::{DEBOUNCE, STOP_CHECK};
use crate::tui::runtime::{JobId, Reporter, StopFlag};
use crate::tui::state::MemoryOutput;

use super::remote::{RemoteJob, RemoteOutput};
use super::{LibraryScreen, PreviewState};

/// Work for a background thread, on behalf of the library.
#[derive(Debug, Clone)]
pub enum Job {
    /// Read a library entry for the preview panel.
    Preview {
        /// The entry's index in the library.
        entry: usize,
        /// Its file.
        path: PathBuf,
    },
    /// Watch a library folder and report each burst of changes to its
    /// articles until `stop` is raised.
    WatchFolder {
        /// The library's folder.
        dir: PathBuf,
        /// Raised when the library goes away.
        stop: StopFlag,
    },
    /// Read a repository's folder's files, or one for the preview.
    Remote(Box<RemoteJob>),
    /// Count the links into each article of the folder.
    LinkCounts(super::LinkCountJob),
}

/// What a library's job produced.
#[derive(Debug, Clone)]
pub enum Output {
    /// A preview for the library's panel.
    Preview {
        /// The entry it is for.
        entry: usize,
        /// The preview, or why it failed.
        state: PreviewState,
    },
    /// Articles of a watched library folder were added, changed or removed.
    FolderChanged,
    /// A watch ended, or could not start: why, when there is something to say.
    Unwatched(String),
    /// Rows, states or a preview of a repository's folder.
    Remote(RemoteOutput),
    /// The links into each article, or why they could not be counted.
    LinkCounts(super::LinkCounts),
}

impl From<RemoteOutput> for Output {
    fn from(output: RemoteOutput) -> Output {
        Output::Remote(output)
    }
}

impl Job {
    /// Does the work and returns its last result; a watch reports each
    /// change to `reporter` before its last.
    pub fn run(self, reporter: &Reporter<Output>) -> Output {
        match self {
            Job::Preview { entry, path } => {
                let state = match Article::load(&path) {
                    Ok(article) => PreviewState::Ready(Preview::of(&article)),
                    Err(e) => PreviewState::Error(e.to_string()),
                };
                Output::Preview { entry, state }
            }
            Job::WatchFolder { dir, stop } => watch_folder(&dir, &stop, reporter),
            Job::Remote(job) => {
                Output::Remote(job.run(&|output| reporter.send(Output::Remote(output))))
            }
            Job::LinkCounts(job) => Output::LinkCounts(job.run()),
        }
    }

    /// True for a job that may run until the app ends (the watch) or
    /// waits on the network: it gets a thread of its own instead of a worker.
    pub fn long_running(&self) -> bool {
        matches!(self, Job::WatchFolder { .. } | Job::Remote(_))
    }
}

/// Where in the library a job's result lands: the app's table of jobs in
/// flight notes the slot each job was asked for in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// The selected entry's preview ([`Job::Preview`]).
    Preview,
    /// The watch on the folder ([`Job::WatchFolder`]).
    Watch,
    /// The scan of the folder through the cache (a reading-state job).
    Scan,
    /// The count of the links into its articles ([`Job::LinkCounts`]).
    LinkCounts,
}

impl Slot {
    /// True for a slot that waits for many jobs at once: a preview still
    /// fits its entry however late, so a new one does not make it stale.
    pub fn many(self) -> bool {
        self == Slot::Preview
    }
}

/// What the app does for a library after it took a result.
pub type Followup = crate::tui::followup::Followup<Job, Slot>;

impl LibraryScreen {
    /// Takes `output`, the result of a job this library asked for (the
    /// app's table of jobs in flight has dropped what is stale).
    pub fn finish(&mut self, output: Output) -> Vec<Followup> {
        match output {
            Output::Preview { entry, state }
            | Output::Remote(RemoteOutput::Preview { entry, state }) => {
                self.set_preview(entry, state);
            }
            Output::FolderChanged => return vec![Followup::Rescan],
            Output::Remote(RemoteOutput::Rows(rows, note)) => {
                self.add_rows(*rows);
                if note.is_some() {
                    self.message = note;
                }
            }
            Output::Remote(RemoteOutput::States { root, states }) => self.set_states(root, states),
            Output::LinkCounts(counts) => self.take_link_counts(counts),
            Output::Unwatched(reason) => {
                if !reason.is_empty() {
                    self.message = Some(reason);
                }
            }
        }
        Vec::new()
    }

    /// The jobs this library wants now, on top of the stack, each for its
    /// slot: the selected article's preview when it is neither cached nor on
    /// its way, the links into its articles when its rows need them and
    /// they are neither known nor on their way (`db`: the link index's file,
    /// asked for only then).
    pub fn take_asks(&mut self, db: impl FnOnce() -> Option<PathBuf>) -> Vec<(Slot, Job)> {
        let mut asks = Vec::new();
        if let Some((entry, path)) = self.preview_wanted() {
            let job = match self.source.remote() {
                Some(folder) => Job::Remote(Box::new(RemoteJob::Preview {
                    entry,
                    file: Box::new(folder.file(&self.library.entries[entry].path)),
                    folder: folder.clone(),
                })),
                None => Job::Preview { entry, path },
            };
            asks.push((Slot::Preview, job));
        }
        if let Some(job) = self.link_count_wanted(None) {
            let job = super::LinkCountJob { db: db(), ..job };
            asks.push((Slot::LinkCounts, Job::LinkCounts(job)));
        }
        asks
    }

    /// Notes that job `id` was asked for in `slot` (one of
    /// [`LibraryScreen::take_asks`]'s, at once): the library shows that it
    /// is on its way. The scan and the watch note theirs where they are
    /// asked for.
    pub fn asked(&mut self, slot: Slot, id: JobId) {
        match slot {
            Slot::Preview => {
                if let Some((entry, _)) = self.preview_wanted() {
                    self.preview_requested(entry, id);
                }
            }
            Slot::LinkCounts => self.link_count_requested(id),
            Slot::Watch | Slot::Scan => {}
        }
    }

    /// Takes the rows, states or failure of a scan of its folder (a
    /// reading-state job: the scan goes through the store's cache).
    pub fn finish_scan(&mut self, output: MemoryOutput) {
        match output {
            MemoryOutput::Rows(rows) => self.add_rows(*rows),
            MemoryOutput::States { root, states } => self.set_states(root, states),
            MemoryOutput::ScanFailed(reason) => {
                self.states.scan = None;
                self.states.progress = None;
                self.message = Some(reason);
            }
            MemoryOutput::Opened(_) | MemoryOutput::Written => {}
        }
    }
}

/// Watches the library folder `dir` and everything under it until `stop`
/// is raised, reporting [`Output::FolderChanged`] once for every burst of
/// changes to its markdown files (created, written, renamed, removed).
/// Reading files is not a change. A folder too large to watch (the
/// system's limit on watches) reports why once and ends.
fn watch_folder(dir: &Path, stop: &StopFlag, reporter: &Reporter<Output>) -> Output {
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

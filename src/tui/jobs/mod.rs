//! Background jobs: the work the UI thread must not wait for (reading and
//! laying out an article, a preview, a re-layout after a resize).
//!
//! A job is plain data. [`update`](super::update::update) queues it on the
//! app's [`Outbox`] with a fresh [`JobId`]; the event loop hands it to an
//! [`Executor`] (worker threads, or [`Inline`] in tests); its [`Done`] comes
//! back through `update` as [`Action::Done`](super::Action::Done), like a
//! key. Whoever asked for a job remembers its id, so a result the user has
//! moved past (an older id) is dropped.

mod executors;
mod image;
mod links;
mod watch;
mod work;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::Sender;

use crate::article::Article;
use crate::layout::Document;
use crate::links::{Link, Resolution, Resolver};

use super::app::Config;
use super::library::PreviewState;
use super::reader::ReaderScreen;

pub use executors::{Inline, Pool};
pub use image::ImageJob;
pub use watch::StopFlag;

/// A link resolver shared by the jobs of one reading session; only jobs lock it.
pub type SharedResolver = Arc<std::sync::Mutex<Resolver>>;

/// Names one job of an app; ids are never reused.
pub type JobId = u64;

/// Work for a background thread.
#[derive(Debug, Clone)]
pub enum Job {
    /// Read and parse an article, and lay it out for a reader on a terminal
    /// of `size` (a library's Enter, a followed link).
    Open {
        /// The article's file.
        path: PathBuf,
        /// The reader's settings.
        config: Config,
        /// Columns and rows of the terminal.
        size: (u16, u16),
        /// The heading to put on the top line (a followed `file#anchor`).
        anchor: Option<String>,
    },
    /// Resolve every link of an article, for the link list and for
    /// following its links (asked when first needed).
    Links {
        /// The article.
        article: Arc<Article>,
        /// The resolver shared by the readers of one session (it caches).
        resolver: SharedResolver,
    },
    /// Start a browser on a URL, detached, and wait for it to end.
    Browse {
        /// The program and its arguments, the URL last.
        command: Vec<String>,
    },
    /// Parse the whole of a large article whose start is on screen, and lay
    /// it out at `width`.
    LoadWhole {
        /// The article's file (for messages and links).
        path: PathBuf,
        /// Its bytes, read before the terminal was taken.
        bytes: Arc<Vec<u8>>,
        /// The reader's settings.
        config: Config,
        /// The text column's width.
        width: u16,
    },
    /// Lay an article out again at a new width.
    Layout {
        /// The article.
        article: Arc<Article>,
        /// The reader's settings.
        config: Config,
        /// The new width.
        width: u16,
    },
    /// Read an article again after it changed on disk, and lay it out at
    /// `width`.
    Reload {
        /// The article's file.
        path: PathBuf,
        /// The reader's settings.
        config: Config,
        /// The text column's width.
        width: u16,
    },
    /// Watch a file and report each change to it until `stop` is raised.
    Watch {
        /// The file.
        path: PathBuf,
        /// Raised when the screen that watches goes away.
        stop: StopFlag,
        /// The version of the file on screen, when known: if the file is
        /// another by the time the watch starts, that is a change.
        since: Option<crate::article::FileStamp>,
    },
    /// Watch a library folder and report each burst of changes to its
    /// articles until `stop` is raised.
    WatchFolder {
        /// The library's folder.
        dir: PathBuf,
        /// Raised when the library goes away.
        stop: StopFlag,
    },
    /// Read a library entry for the preview panel.
    Preview {
        /// The entry's index in the library.
        entry: usize,
        /// Its file.
        path: PathBuf,
    },
    /// Read or write quire's memory, or scan a library through its cache.
    Memory {
        /// What to do.
        job: super::memory::MemoryJob,
        /// The store (`None`: no memory; a scan still runs).
        store: Option<super::memory::StoreHandle>,
    },
    /// The library search: build its index, run a query, open a result.
    Search(super::search::SearchJob),
    /// Decode a picture for a reader.
    Image(ImageJob),
    /// Fetch an article (or a repository's folder) by address for a reader.
    Fetch(super::reader::remote::FetchJob),
}

/// What a job produced.
#[derive(Debug, Clone)]
pub enum Output {
    /// A reader, ready to push, or why the article could not be opened.
    Opened(Result<Box<ReaderScreen>, String>),
    /// The whole of a large article and its layout.
    Whole(Box<(Article, Document)>),
    /// A new layout.
    Laid(Box<Document>),
    /// A preview for the library's panel.
    Preview {
        /// The entry it is for.
        entry: usize,
        /// The preview, or why it failed.
        state: PreviewState,
    },
    /// The article read again after a change, or why it could not be.
    Reloaded(Result<Box<(Article, Document)>, String>),
    /// A watched file changed on disk.
    Changed(PathBuf),
    /// Articles of a watched library folder were added, changed or removed.
    FolderChanged,
    /// A watch ended, or could not start: why, when there is something to say.
    Unwatched(String),
    /// Every link of an article and where it leads.
    Links(Arc<Vec<(Link, Resolution)>>),
    /// What starting a browser did, for the status line (empty: nothing to say).
    Browsed(String),
    /// What a memory job read or wrote.
    Memory(super::memory::MemoryOutput),
    /// The job ended without a result (it panicked); why, for the status line.
    Failed(String),
    /// The library search's index progress, or a query's results.
    Search(super::search::SearchOutput),
    /// A decoded picture, or why it cannot be shown.
    Image(Box<super::reader::images::ImageOutput>),
    /// A fetch's progress, or the reader of what it fetched.
    Fetch(super::reader::remote::FetchOutput),
}

/// A finished job: its id and what it produced.
#[derive(Debug, Clone)]
pub struct Done {
    /// The job's id.
    pub id: JobId,
    /// Its result.
    pub output: Output,
}

/// Results are the same when they answer the same job: ids are never reused.
impl PartialEq for Done {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Eq for Done {}

/// Jobs asked for and not yet handed to an executor.
#[derive(Debug, Clone, Default)]
pub struct Outbox {
    next: JobId,
    queued: Vec<(JobId, Job)>,
}

impl Outbox {
    /// Queues `job` and returns its id.
    pub fn push(&mut self, job: Job) -> JobId {
        self.next += 1;
        self.queued.push((self.next, job));
        self.next
    }

    /// Takes every queued job, oldest first.
    pub fn take(&mut self) -> Vec<(JobId, Job)> {
        std::mem::take(&mut self.queued)
    }

    /// The jobs waiting to be handed out, oldest first.
    pub fn queued(&self) -> &[(JobId, Job)] {
        &self.queued
    }
}

/// A job's way to hand back results before its last one (a scan's batches,
/// an index's progress, a watched file's changes).
#[derive(Debug, Clone)]
pub struct Reporter {
    id: JobId,
    tx: Sender<Report>,
}

/// What travels from a job to its executor: a result, and whether it is
/// the job's last.
#[derive(Debug)]
struct Report {
    done: Done,
    last: bool,
}

impl Reporter {
    fn new(id: JobId, tx: Sender<Report>) -> Reporter {
        Reporter { id, tx }
    }

    /// Hands `output` back now; false once nobody listens (the app ended),
    /// which tells a long job to stop.
    pub fn send(&self, output: Output) -> bool {
        self.report(output, false)
    }

    fn report(&self, output: Output, last: bool) -> bool {
        let done = Done {
            id: self.id,
            output,
        };
        self.tx.send(Report { done, last }).is_ok()
    }

    /// Runs `job` and reports its last result; a job that panics loses its
    /// result, not the thread that ran it.
    fn run(&self, job: Job) {
        let output = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job.run(self)))
            .unwrap_or_else(|_| Output::Failed("a background job failed".into()));
        self.report(output, true);
    }
}

/// Runs jobs and hands their results back.
pub trait Executor {
    /// Starts `job`.
    fn spawn(&mut self, id: JobId, job: Job);
    /// A finished job, if one is ready; never waits.
    fn try_next(&mut self) -> Option<Done>;
    /// True while some job has not been handed back.
    fn busy(&self) -> bool;
}

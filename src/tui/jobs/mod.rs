//! The app's job list: one thin wrapper around each feature's own jobs
//! (the reader's in [`reader::jobs`](super::reader::jobs), the library's in
//! [`library::jobs`](super::library::jobs), the search's in
//! [`search`](super::search), the reading state's in
//! [`state`](super::state)), so that one [`Executor`] of the
//! [`runtime`](super::runtime) runs them all.
//!
//! A job is plain data. The app asks for it for whoever waits (a screen's
//! slot, or one of the app's own) through the table of jobs in flight
//! (`app/inflight.rs`), which queues it on an [`Outbox`] with a fresh
//! [`JobId`]; the event loop hands it to an executor (worker threads, or
//! [`Inline`] in tests); its [`Done`] comes back through
//! [`update`](super::update::update), like a key, where the table says
//! whether anyone still waits for it.
//!
//! Each feature's `run` gets the app's [`Reporter`] narrowed to its own
//! output ([`Reporter::map`](super::runtime::Reporter::map)), so a job
//! reports what its feature knows and names nothing here. A new kind of
//! job is a variant of its feature's `Job` and `Output`, an arm of that
//! feature's `run` and of its `finish`; nothing here changes unless a new
//! feature brings jobs of its own.

mod work;

pub use super::runtime::{Executor, JobId, StopFlag};

use super::library::jobs as library;
use super::reader::jobs as reader;
use super::search::{SearchJob, SearchOutput};
use super::state::{MemoryJob, MemoryOutput, StoreHandle};

/// Work for a background thread: one feature's job.
// A reader's job carries the settings inline; a job is moved once, into
// the queue, so its size costs nothing worth a box per job.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Job {
    /// A reader's: opening, layouts, reloads, links, pictures, fetches.
    Reader(reader::Job),
    /// The library's: previews and the folder's watch.
    Library(library::Job),
    /// Read or write quire's memory, or scan a library through its cache.
    Memory {
        /// What to do.
        job: MemoryJob,
        /// The store (`None`: no memory; a scan still runs).
        store: Option<StoreHandle>,
    },
    /// The library search: build its index, run a query, open a result.
    Search(SearchJob),
}

impl From<reader::Job> for Job {
    fn from(job: reader::Job) -> Job {
        Job::Reader(job)
    }
}

impl From<library::Job> for Job {
    fn from(job: library::Job) -> Job {
        Job::Library(job)
    }
}

impl From<SearchJob> for Job {
    fn from(job: SearchJob) -> Job {
        Job::Search(job)
    }
}

/// What a job produced: one feature's output.
#[derive(Debug, Clone)]
pub enum Output {
    /// A reader's job's.
    Reader(reader::Output),
    /// The library's job's.
    Library(library::Output),
    /// What a memory job read or wrote.
    Memory(MemoryOutput),
    /// The library search's index progress, a query's results, a result opened.
    Search(SearchOutput),
    /// The job ended without a result (it panicked); why, for the status line.
    Failed(String),
}

/// A reader's output as the app's: how a reader's job (a picture, say) run
/// by hand with the app's reporter hands its results back.
impl From<reader::Output> for Output {
    fn from(output: reader::Output) -> Output {
        Output::Reader(output)
    }
}

/// A finished job of the app: its id and what it produced.
pub type Done = super::runtime::Done<Output>;

/// The app's jobs asked for and not yet handed to an executor.
pub type Outbox = super::runtime::Outbox<Job>;

/// A job's way to hand back results before its last one.
pub type Reporter = super::runtime::Reporter<Output>;

/// The app's worker threads.
pub type Pool = super::runtime::Pool<Job>;

/// The app's jobs run in order on the calling thread (tests).
pub type Inline = super::runtime::Inline<Job>;

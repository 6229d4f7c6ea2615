//! Background jobs: the work the UI thread must not wait for (reading and
//! laying out an article, a preview, a re-layout after a resize).
//!
//! A job is plain data. [`update`](super::update::update) queues it on the
//! app's [`Outbox`] with a fresh [`JobId`]; the event loop hands it to an
//! [`Executor`] of the [`runtime`](super::runtime) (worker threads, or
//! [`Inline`] in tests); its [`Done`] comes back through `update`, like a
//! key. Whoever asked for a job remembers its id, so a result the user has
//! moved past (an older id) is dropped.

mod image;
mod links;
mod watch;
mod work;

use std::path::PathBuf;
use std::sync::Arc;

use crate::article::Article;
use crate::layout::Document;
use crate::links::{Link, Resolution};

use super::library::PreviewState;
use super::reader::ReaderScreen;
use super::settings::Config;

pub use super::runtime::{Executor, JobId, StopFlag};
pub use image::ImageJob;

pub use super::reader::links::SharedResolver;

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
    /// Bring the link index of the folder `root` up to date and list the
    /// links into the article at `path` ("linked from").
    Backlinks {
        /// The article.
        path: PathBuf,
        /// The folder whose articles may link to it.
        root: PathBuf,
        /// The database file of the index (`None`: in memory).
        db: Option<PathBuf>,
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
    /// Count the links into each article of a library (the library's own job).
    LinkCounts(super::library::LinkCountJob),
    /// Read or write quire's memory, or scan a library through its cache.
    Memory {
        /// What to do.
        job: super::state::MemoryJob,
        /// The store (`None`: no memory; a scan still runs).
        store: Option<super::state::StoreHandle>,
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
    /// The links into an article, as the list shows them, or why not.
    Backlinks(Result<Arc<super::reader::backlinks::BacklinkTable>, String>),
    /// What starting a browser did, for the status line (empty: nothing to say).
    Browsed(String),
    /// The links into each article of a library, or why not.
    LinkCounts(super::library::LinkCounts),
    /// What a memory job read or wrote.
    Memory(super::state::MemoryOutput),
    /// The job ended without a result (it panicked); why, for the status line.
    Failed(String),
    /// The library search's index progress, or a query's results.
    Search(super::search::SearchOutput),
    /// A decoded picture, or why it cannot be shown.
    Image(Box<super::reader::images::ImageOutput>),
    /// A fetch's progress, or the reader of what it fetched.
    Fetch(super::reader::remote::FetchOutput),
}

impl From<super::state::MemoryOutput> for Output {
    fn from(output: super::state::MemoryOutput) -> Output {
        Output::Memory(output)
    }
}

impl From<super::reader::remote::FetchOutput> for Output {
    fn from(output: super::reader::remote::FetchOutput) -> Output {
        Output::Fetch(output)
    }
}

impl From<super::search::SearchOutput> for Output {
    fn from(output: super::search::SearchOutput) -> Output {
        Output::Search(output)
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

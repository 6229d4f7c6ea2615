//! The reader's background jobs: opening an article (read and laid out,
//! handed back as data: the screen is built from it on the UI side), the
//! whole of a large article, a layout at a new width, a reload, the watch
//! on its file, its links and what links to it, a browser, a picture, a
//! fetch by address, standard input. Each job is plain data; [`Job::run`]
//! does it on a worker thread, reporting through a [`Reporter`] of the
//! reader's own [`Output`] (a fetch's and standard input's narrowed again
//! to theirs), and knows nothing of the app. The app wraps these in its own
//! job list (`Job::Reader`), notes each in its table of jobs in flight for
//! the reader and [`Slot`] that asked, and hands each result still waited
//! for to [`ReaderScreen::finish`](super::ReaderScreen::finish)
//! (`finish.rs`). A new kind of job is a variant here (and of [`Output`],
//! [`Slot`] when it needs one), an arm of `run` and of `finish`, and an
//! ask from [`ReaderScreen::take_asks`](super::ReaderScreen::take_asks)
//! or wherever it is asked for: nothing outside the reader changes.

pub mod image;
mod links;
mod sizes;
pub mod watch;

use std::path::PathBuf;
use std::sync::Arc;

use crate::article::{Article, Draft, FileStamp};
use crate::layout::Document;
use crate::links::{Link, Resolution};
use crate::tui::runtime::{Reporter, StopFlag};
use crate::tui::settings::Config;

use super::backlinks::BacklinkTable;
use super::geometry::Geometry;
use super::images::ImageOutput;
use super::links::SharedResolver;
use super::relayout::{layout_options, open_at, options_for};
use super::remote::{FetchJob, FetchOutput};
use super::stdin::{StdinJob, StdinOutput};

pub use image::ImageJob;

/// Work for a background thread, on behalf of a reader.
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
        /// Its bytes as read before the terminal was taken: all of them, or
        /// only the start when `read_rest` (the file is read here then).
        bytes: Arc<Vec<u8>>,
        /// True when only the start was read: the job reads the file.
        read_rest: bool,
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
        since: Option<FileStamp>,
    },
    /// Decode a picture for a reader.
    Image(ImageJob),
    /// Fetch an article (or a repository's folder) by address for a reader.
    Fetch(FetchJob),
    /// Read standard input for the reader of `quire -`, showing it as it comes.
    Stdin(StdinJob),
}

/// What a reader's job produced.
#[derive(Debug, Clone)]
pub enum Output {
    /// An article read and laid out for a new reader, or why it could not be.
    Opened(Result<Box<Opened>, String>),
    /// The whole of a large article and its layout.
    Whole(Box<(Article, Document)>),
    /// A new layout.
    Laid(Box<Document>),
    /// The article read again after a change, or why it could not be.
    Reloaded(Result<Box<(Article, Document)>, String>),
    /// A watched file changed on disk.
    Changed(PathBuf),
    /// A watch ended, or could not start: why, when there is something to say.
    Unwatched(String),
    /// Every link of an article and where it leads.
    Links(Arc<Vec<(Link, Resolution)>>),
    /// The links into an article, as the list shows them, or why not.
    Backlinks(Result<Arc<BacklinkTable>, String>),
    /// What starting a browser did, for the status line (empty: nothing to say).
    Browsed(String),
    /// A decoded picture, or why it cannot be shown.
    Image(Box<ImageOutput>),
    /// A fetch's progress, or the reader of what it fetched.
    Fetch(FetchOutput),
    /// What has come on standard input, or all of it.
    Stdin(StdinOutput),
}

/// An article read and laid out for a reader: what an opening job hands
/// back. [`ReaderScreen::from_opened`](super::ReaderScreen::from_opened)
/// makes the screen of it without laying out again.
#[derive(Debug, Clone)]
pub struct Opened {
    /// The article.
    pub article: Article,
    /// Its layout at the text column's width for `size`.
    pub doc: Document,
    /// The version of the file it was read from, when known.
    pub read: Option<FileStamp>,
    /// The reader's settings.
    pub config: Config,
    /// The terminal it was laid out for.
    pub size: (u16, u16),
    /// Where the reader lands.
    pub landing: Landing,
}

/// Where a new reader lands once it is on screen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Landing {
    /// At the top.
    #[default]
    Top,
    /// On the heading with this anchor (a followed `file#anchor`); the
    /// status line says so when there is none.
    Anchor(String),
    /// On a search result: the section with `anchor`, the query `text`
    /// loaded as the reader's search.
    Found {
        /// The section's anchor (empty: none).
        anchor: String,
        /// The query as the search screen answered it.
        text: String,
    },
}

impl Opened {
    /// Reads `draft`'s outline and lays it out for a reader on a terminal of
    /// `size`, from one parse of the body. The text column's width depends
    /// on the outline (the pane is as wide as its headings, up to a third of
    /// the screen), which is known only after that parse: the body is laid
    /// out for the pane at its widest, as it is for most real headings, and
    /// laid out again only when the column turns out another width.
    pub fn from_draft(draft: Draft, config: &Config, size: (u16, u16)) -> Opened {
        let (width, height) = size;
        let guess = Geometry::new(
            width,
            height,
            config.outline != crate::config::OutlineSide::Hidden,
            Geometry::widest_pane(width, config),
            config,
        );
        let remote = super::remote::is_remote(draft.path());
        let draft = if remote {
            draft
        } else {
            image::sized(crate::links::embeds::inline(draft), config, None)
        };
        let options = options_for(config, draft.body().len(), false, remote);
        let read = draft.stamp();
        let (article, doc) = config
            .layouter
            .open(draft, guess.text.width.max(1), options);
        let mut opened = Opened::laid_out(article, Some(doc), config, size);
        opened.read = read;
        opened
    }

    /// Lays `article` out for a reader on a terminal of `size`, keeping
    /// `doc` when it was laid out at that width already.
    pub fn laid_out(
        article: Article,
        doc: Option<Document>,
        config: &Config,
        size: (u16, u16),
    ) -> Opened {
        let article = if super::remote::is_remote(&article.path) {
            article
        } else {
            image::sized_article(article, config, None)
        };
        let (geometry, _) = Geometry::for_article(&article, config, size.0, size.1);
        let width = geometry.text.width.max(1);
        let doc = match doc {
            Some(doc) if doc.width == width => doc,
            _ => {
                let options = layout_options(config, &article, false);
                config.layouter.layout(&article, width, options)
            }
        };
        Opened {
            article,
            doc,
            read: None,
            config: *config,
            size,
            landing: Landing::Top,
        }
    }
}

impl Job {
    /// Does the work and returns its last result; a job that has results
    /// before its last hands them to `reporter`. Runs on a worker thread (or
    /// inline in tests).
    pub fn run(self, reporter: &Reporter<Output>) -> Output {
        match self {
            Job::Open {
                path,
                config,
                size,
                anchor,
            } => Output::Opened(
                Draft::load(&path)
                    .map(|draft| {
                        let mut opened = Opened::from_draft(draft, &config, size);
                        opened.landing = anchor.map_or(Landing::Top, Landing::Anchor);
                        Box::new(opened)
                    })
                    .map_err(|e| e.to_string()),
            ),
            Job::Links { article, resolver } => {
                Output::Links(Arc::new(links::resolve_all(&article, &resolver)))
            }
            Job::Backlinks { path, root, db } => {
                Output::Backlinks(links::backlinks(&path, &root, db.as_deref()))
            }
            Job::Browse { command } => links::browse(&command, reporter),
            Job::LoadWhole {
                path,
                bytes,
                read_rest,
                config,
                width,
            } => {
                let rest = read_rest.then(|| crate::article::read_file_stamped(&path));
                let (all, warning) = match &rest {
                    Some(Ok((all, _))) => (all.as_slice(), None),
                    // The start stays: better than nothing, and said.
                    Some(Err(e)) => (bytes.as_slice(), Some(e.to_string())),
                    None => (bytes.as_slice(), None),
                };
                let draft = image::sized(Draft::from_bytes(&path, all), &config, None);
                let (mut article, doc) = open_at(&config, draft, width);
                if let Some(e) = warning {
                    article.warnings.push(crate::article::Warning {
                        path: path.clone(),
                        line: None,
                        message: format!("only the start could be read: {e}"),
                    });
                }
                Output::Whole(Box::new((article, doc)))
            }
            Job::Layout {
                article,
                config,
                width,
            } => Output::Laid(Box::new(super::lay_out(&config, &article, width))),
            Job::Reload {
                path,
                config,
                width,
            } => Output::Reloaded(
                Draft::load(&path)
                    .map(|draft| {
                        Box::new(open_at(&config, image::sized(draft, &config, None), width))
                    })
                    .map_err(|e| e.to_string()),
            ),
            Job::Watch { path, stop, since } => watch::watch_file(&path, since, &stop, reporter),
            Job::Image(job) => Output::Image(Box::new(job.run(reporter))),
            Job::Fetch(job) => Output::Fetch(job.run(&reporter.map(Output::Fetch))),
            Job::Stdin(job) => Output::Stdin(job.run(&reporter.map(Output::Stdin))),
        }
    }

    /// True for a job that may run until the app ends (a watcher, a
    /// browser) or waits on the network: it gets a thread of its own
    /// instead of a worker.
    pub fn long_running(&self) -> bool {
        match self {
            // A fetch waits on the network, standard input maybe for ever:
            // they hold no worker meanwhile.
            Job::Watch { .. } | Job::Browse { .. } | Job::Fetch(_) | Job::Stdin(_) => true,
            Job::Open { .. }
            | Job::LoadWhole { .. }
            | Job::Layout { .. }
            | Job::Reload { .. }
            | Job::Links { .. }
            | Job::Backlinks { .. } => false,
            // A picture of an article read by address waits on the network.
            Job::Image(job) => job.remote.is_some(),
        }
    }
}

/// Where in a reader a job's result lands: the app's table of jobs in
/// flight notes the slot each job was asked for in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// The whole of a large article ([`Job::LoadWhole`]).
    Whole,
    /// A layout at a new width ([`Job::Layout`]).
    Layout,
    /// A reload after a change on disk ([`Job::Reload`]).
    Reload,
    /// The watch on the article's file ([`Job::Watch`]).
    Watch,
    /// The article's links ([`Job::Links`]).
    Links,
    /// The links into the article ([`Job::Backlinks`]).
    Backlinks,
    /// A picture ([`Job::Image`]).
    Picture,
    /// What is remembered of the article (a reading-state job).
    Memory,
}

impl Slot {
    /// True for a slot that waits for many jobs at once (pictures): a new
    /// request does not make the others stale.
    pub fn many(self) -> bool {
        self == Slot::Picture
    }

    /// True for a slot whose result lands only while its reader is on
    /// top (the links are asked for the reader being read).
    pub fn top_only(self) -> bool {
        matches!(self, Slot::Links | Slot::Backlinks)
    }
}

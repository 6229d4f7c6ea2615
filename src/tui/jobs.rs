//! Background jobs: the work the UI thread must not wait for (reading and
//! laying out an article, a preview, a re-layout after a resize).
//!
//! A job is plain data. [`update`](super::update::update) queues it on the
//! app's [`Outbox`] with a fresh [`JobId`]; the event loop hands it to an
//! [`Executor`] (worker threads, or [`Inline`] in tests); its [`Done`] comes
//! back through `update` as [`Action::Done`](super::Action::Done), like a
//! key. Whoever asked for a job remembers its id, so a result the user has
//! moved past (an older id) is dropped.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};

use crate::article::Article;
use crate::layout::Document;
use crate::library::Preview;

use super::app::Config;
use super::library::PreviewState;
use super::reader::{ReaderScreen, lay_out};

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
    /// Read a library entry for the preview panel.
    Preview {
        /// The entry's index in the library.
        entry: usize,
        /// Its file.
        path: PathBuf,
    },
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
    /// The job ended without a result (it panicked); why, for the status line.
    Failed(String),
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

impl Job {
    /// Does the work. Runs on a worker thread (or inline in tests).
    pub fn run(self) -> Output {
        match self {
            Job::Open { path, config, size } => Output::Opened(
                Article::load(&path)
                    .map(|article| Box::new(ReaderScreen::new(article, config, size.0, size.1)))
                    .map_err(|e| e.to_string()),
            ),
            Job::LoadWhole {
                path,
                bytes,
                config,
                width,
            } => {
                let article = Article::from_bytes(&path, &bytes);
                let doc = lay_out(&config, &article, width);
                Output::Whole(Box::new((article, doc)))
            }
            Job::Layout {
                article,
                config,
                width,
            } => Output::Laid(Box::new(lay_out(&config, &article, width))),
            Job::Preview { entry, path } => {
                let state = match Article::load(&path) {
                    Ok(article) => PreviewState::Ready(Preview::of(&article)),
                    Err(e) => PreviewState::Error(e.to_string()),
                };
                Output::Preview { entry, state }
            }
        }
    }
}

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

/// Runs jobs and hands their results back.
pub trait Executor {
    /// Starts `job`.
    fn spawn(&mut self, id: JobId, job: Job);
    /// A finished job, if one is ready; never waits.
    fn try_next(&mut self) -> Option<Done>;
    /// True while some job has not been handed back.
    fn busy(&self) -> bool;
}

/// A fixed set of worker threads sharing one queue.
pub struct Pool {
    jobs: Option<Sender<(JobId, Job)>>,
    done: Receiver<Done>,
    // Kept so that `try_next` can tell a finished pool from an idle one.
    in_flight: usize,
}

impl Pool {
    /// A pool of `workers` threads (at least one).
    pub fn new(workers: usize) -> std::io::Result<Pool> {
        let (jobs_tx, jobs_rx) = mpsc::channel::<(JobId, Job)>();
        let (done_tx, done_rx) = mpsc::channel();
        let queue = Arc::new(Mutex::new(jobs_rx));
        for n in 0..workers.max(1) {
            let queue = Arc::clone(&queue);
            let done = done_tx.clone();
            std::thread::Builder::new()
                .name(format!("job-{n}"))
                .spawn(move || worker(&queue, &done))?;
        }
        Ok(Pool {
            jobs: Some(jobs_tx),
            done: done_rx,
            in_flight: 0,
        })
    }
}

fn worker(queue: &Mutex<Receiver<(JobId, Job)>>, done: &Sender<Done>) {
    loop {
        // The lock is held only while taking a job, not while running it.
        let next = match queue.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok((id, job)) = next else { return };
        // A job that panics loses its own result, not the worker.
        let output = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job.run()))
            .unwrap_or_else(|_| Output::Failed("a background job failed".into()));
        if done.send(Done { id, output }).is_err() {
            return;
        }
    }
}

impl Executor for Pool {
    fn spawn(&mut self, id: JobId, job: Job) {
        if let Some(tx) = &self.jobs {
            if tx.send((id, job)).is_ok() {
                self.in_flight += 1;
            }
        }
    }

    fn try_next(&mut self) -> Option<Done> {
        let done = self.done.try_recv().ok()?;
        self.in_flight = self.in_flight.saturating_sub(1);
        Some(done)
    }

    fn busy(&self) -> bool {
        self.in_flight > 0
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        // Closing the queue ends idle workers; a busy one ends after its job,
        // and the process does not wait for it.
        self.jobs = None;
    }
}

/// Runs each job on the calling thread and hands the results back in
/// order: deterministic, for tests. A holding executor keeps its jobs
/// unfinished until [`Inline::finish_all`], to test what happens meanwhile.
#[derive(Debug, Default)]
pub struct Inline {
    done: VecDeque<Done>,
    waiting: Vec<(JobId, Job)>,
    hold: bool,
    /// Every job spawned, in order (tests read it).
    pub log: Vec<(JobId, Job)>,
}

impl Inline {
    /// An executor that runs nothing until told to.
    pub fn holding() -> Inline {
        Inline {
            hold: true,
            ..Inline::default()
        }
    }

    /// Runs the held jobs; their results come back in order. From now on
    /// jobs run at once.
    pub fn finish_all(&mut self) {
        self.hold = false;
        for (id, job) in std::mem::take(&mut self.waiting) {
            self.done.push_back(Done {
                id,
                output: job.run(),
            });
        }
    }
}

impl Executor for Inline {
    fn spawn(&mut self, id: JobId, job: Job) {
        self.log.push((id, job.clone()));
        if self.hold {
            self.waiting.push((id, job));
        } else {
            let output = job.run();
            self.done.push_back(Done { id, output });
        }
    }

    fn try_next(&mut self) -> Option<Done> {
        self.done.pop_front()
    }

    fn busy(&self) -> bool {
        !self.done.is_empty()
    }
}

//! The job runtime: work the UI thread must not wait for runs here, on
//! worker threads ([`Pool`]) or, in tests, in order on the calling thread
//! ([`Inline`]). It knows nothing of the app, its screens or its features:
//! it runs anything that is [`Work`] and hands back each result as a
//! [`Done`] with the [`JobId`] the [`Outbox`] gave the job, and says which
//! is a job's last ([`Executor::try_next_last`]). A [`Reporter`] is
//! narrowed to a part of the work's own output with [`Reporter::map`];
//! [`ScreenId`] names the screen a job's result goes back to. An executor
//! given a [`Waker`] rings it after each result it hands back, so that the
//! event loop waits for input and results at once, with no timeout. A leaf:
//! nothing here names another module of `tui`.

mod executors;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, OnceLock};

pub use executors::{Inline, Pool};

/// Names one job of an app; ids are never reused.
pub type JobId = u64;

/// Names one screen of an app, the one a job's result goes back to. A
/// screen takes a fresh id when it is made and keeps it as it is pushed,
/// covered, kept in a reader's history and brought back; ids are never
/// reused, so a result for a screen that is gone finds no screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ScreenId(u64);

impl ScreenId {
    /// An id no screen had before.
    pub fn fresh() -> ScreenId {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        ScreenId(NEXT.fetch_add(1, Ordering::Relaxed))
    }
}

/// A job: plain data that knows how to do itself on a worker thread.
pub trait Work: Send + 'static {
    /// What it produces (each result, the last and any before it).
    type Output: Send + 'static;

    /// Does the work and returns the last result; results before the last
    /// go to `reporter`.
    fn run(self, reporter: &Reporter<Self::Output>) -> Self::Output;

    /// True for a job that may run until the app ends (a watcher, a
    /// stream): it gets a thread of its own instead of a worker.
    fn long_running(&self) -> bool;

    /// The result of a job that panicked, saying why.
    fn failed(reason: String) -> Self::Output;
}

/// A finished job: its id and what it produced.
#[derive(Debug, Clone)]
pub struct Done<O> {
    /// The job's id.
    pub id: JobId,
    /// Its result.
    pub output: O,
}

/// Results are the same when they answer the same job: ids are never reused.
impl<O> PartialEq for Done<O> {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl<O> Eq for Done<O> {}

/// Jobs asked for and not yet handed to an executor.
#[derive(Debug, Clone)]
pub struct Outbox<J> {
    next: JobId,
    queued: Vec<(JobId, J)>,
}

impl<J> Default for Outbox<J> {
    fn default() -> Self {
        Outbox {
            next: 0,
            queued: Vec::new(),
        }
    }
}

impl<J> Outbox<J> {
    /// Queues `job` (or a feature's job the app's list wraps) and returns
    /// its id.
    pub fn push(&mut self, job: impl Into<J>) -> JobId {
        self.next += 1;
        self.queued.push((self.next, job.into()));
        self.next
    }

    /// Takes every queued job, oldest first.
    pub fn take(&mut self) -> Vec<(JobId, J)> {
        std::mem::take(&mut self.queued)
    }

    /// Takes the queued job `id` out of the queue.
    pub fn take_id(&mut self, id: JobId) -> Option<(JobId, J)> {
        let at = self.queued.iter().position(|(i, _)| *i == id)?;
        Some(self.queued.remove(at))
    }

    /// The jobs waiting to be handed out, oldest first.
    pub fn queued(&self) -> &[(JobId, J)] {
        &self.queued
    }
}

/// A job's way to hand back results before its last one (a scan's batches,
/// an index's progress, a watched file's changes).
///
/// A feature's job reports its feature's own output: the app's reporter is
/// narrowed to it with [`Reporter::map`], so that a job knows nothing of
/// the outputs around its own.
pub struct Reporter<O> {
    id: JobId,
    sink: Sink<O>,
}

/// Where a reporter's results go: the executor's channel, through the
/// wrappings that narrowed it.
type Sink<O> = Arc<dyn Fn(Report<O>) -> bool + Send + Sync>;

impl<O> Clone for Reporter<O> {
    fn clone(&self) -> Self {
        Reporter {
            id: self.id,
            sink: Arc::clone(&self.sink),
        }
    }
}

impl<O> std::fmt::Debug for Reporter<O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reporter").field("id", &self.id).finish()
    }
}

/// What travels from a job to its executor: a result, and whether it is
/// the job's last.
#[derive(Debug)]
struct Report<O> {
    done: Done<O>,
    last: bool,
}

/// The waker an executor rings after each result, once it is given one;
/// shared by the executor and its threads.
type Bell = Arc<OnceLock<Waker>>;

impl<O: Send + 'static> Reporter<O> {
    /// A reporter whose results go to `tx`, each followed by a ring of
    /// `bell`'s waker when it has one.
    fn new(id: JobId, tx: Sender<Report<O>>, bell: Option<Bell>) -> Reporter<O> {
        Reporter {
            id,
            sink: Arc::new(move |report| {
                let sent = tx.send(report).is_ok();
                if let Some(waker) = bell.as_deref().and_then(OnceLock::get).filter(|_| sent) {
                    waker.wake();
                }
                sent
            }),
        }
    }

    /// A reporter for a part of the work whose results are `P`, each
    /// wrapped by `wrap` into this one's (`reporter.map(Output::Reader)`):
    /// a feature's job reports its own output and names no other.
    pub fn map<P>(&self, wrap: impl Fn(P) -> O + Send + Sync + 'static) -> Reporter<P> {
        let sink = Arc::clone(&self.sink);
        Reporter {
            id: self.id,
            sink: Arc::new(move |report: Report<P>| {
                sink(Report {
                    done: Done {
                        id: report.done.id,
                        output: wrap(report.done.output),
                    },
                    last: report.last,
                })
            }),
        }
    }

    /// A reporter for running a job by hand, outside an executor, and
    /// what it was handed: [`Sent::outputs`] takes the results sent so far.
    pub fn detached(id: JobId) -> (Reporter<O>, Sent<O>) {
        let (tx, rx) = std::sync::mpsc::channel();
        (Reporter::new(id, tx, None), Sent(rx))
    }

    /// Hands `output` back now; false once nobody listens (the app ended),
    /// which tells a long job to stop.
    pub fn send(&self, output: impl Into<O>) -> bool {
        self.report(output.into(), false)
    }

    fn report(&self, output: O, last: bool) -> bool {
        let done = Done {
            id: self.id,
            output,
        };
        (self.sink)(Report { done, last })
    }

    /// Runs `job` and reports its last result; a job that panics loses its
    /// result, not the thread that ran it.
    fn run<J: Work<Output = O>>(&self, job: J) {
        let output = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job.run(self)))
            .unwrap_or_else(|_| J::failed("a background job failed".into()));
        self.report(output, true);
    }
}

/// The results a [`Reporter::detached`] was handed.
#[derive(Debug)]
pub struct Sent<O>(std::sync::mpsc::Receiver<Report<O>>);

impl<O> Sent<O> {
    /// The results sent so far, oldest first.
    pub fn outputs(&self) -> Vec<O> {
        self.0.try_iter().map(|report| report.done.output).collect()
    }
}

/// Tells whoever waits for results (the event loop) that one is ready:
/// called on the job's thread right after the result is handed back.
#[derive(Clone)]
pub struct Waker(Arc<dyn Fn() + Send + Sync>);

impl Waker {
    /// A waker that calls `wake` each time.
    pub fn new(wake: impl Fn() + Send + Sync + 'static) -> Waker {
        Waker(Arc::new(wake))
    }

    /// Says a result is ready.
    pub fn wake(&self) {
        (self.0)();
    }
}

impl std::fmt::Debug for Waker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Waker")
    }
}

/// Runs jobs and hands their results back.
pub trait Executor<J: Work> {
    /// From now on, rings `waker` after each result a job hands back on
    /// another thread. An executor whose results are ready when
    /// [`Executor::spawn`] returns (as [`Inline`]'s are) needs none.
    fn wake_with(&mut self, _waker: Waker) {}
    /// Starts `job`.
    fn spawn(&mut self, id: JobId, job: J);
    /// A finished job's result, if one is ready, and whether it is the
    /// job's last (nobody need wait for it after); never waits.
    fn try_next_last(&mut self) -> Option<(Done<J::Output>, bool)>;
    /// A finished job's result, if one is ready; never waits.
    fn try_next(&mut self) -> Option<Done<J::Output>> {
        self.try_next_last().map(|(done, _)| done)
    }
    /// True while some job has not been handed back.
    fn busy(&self) -> bool;
}

/// Tells a long-running job (a watcher) to stop; shared by the screen that
/// asked for it and the job's thread.
#[derive(Debug, Clone, Default)]
pub struct StopFlag(Arc<AtomicBool>);

impl StopFlag {
    /// Asks the job to stop (a watcher checks twice a second).
    pub fn stop(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    /// True once [`StopFlag::stop`] was called.
    pub fn stopped(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

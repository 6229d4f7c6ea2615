//! How the app's job list runs: each job goes to its feature's own `run`.

use super::{Job, Output, Reporter};
use crate::tui::runtime::Work;

impl Work for Job {
    type Output = Output;

    /// Does the work and returns its last result; a job that has results
    /// before its last hands them to `reporter`. Runs on a worker thread (or
    /// inline in tests).
    fn run(self, reporter: &Reporter) -> Output {
        match self {
            Job::Reader(job) => Output::Reader(job.run(&reporter.map(Output::Reader))),
            Job::Library(job) => Output::Library(job.run(&reporter.map(Output::Library))),
            Job::Memory { job, store } => {
                Output::Memory(job.run(store.as_ref(), &reporter.map(Output::Memory)))
            }
            Job::Search(job) => Output::Search(job.run(&reporter.map(Output::Search))),
        }
    }

    /// True for a job that may run until the app ends (a watcher, a
    /// stream): it gets a thread of its own instead of a worker.
    fn long_running(&self) -> bool {
        match self {
            Job::Reader(job) => job.long_running(),
            Job::Library(job) => job.long_running(),
            Job::Memory { job, .. } => job.long_running(),
            Job::Search(_) => false,
        }
    }

    fn failed(reason: String) -> Output {
        Output::Failed(reason)
    }
}

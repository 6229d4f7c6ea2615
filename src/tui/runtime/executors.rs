//! Executors: a pool of worker threads for the app, and an inline one that
//! runs jobs on the calling thread, deterministically, for tests.

use std::collections::VecDeque;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};

use super::{Bell, Done, Executor, JobId, Report, Reporter, Waker, Work};

/// A fixed set of worker threads sharing one queue, started with the first
/// job that needs one (a start draws its first screen before any thread
/// exists, and a library's start, whose jobs all stream, makes none); a
/// long-running job (one that watches or streams until the app ends) gets a
/// thread of its own so that it never holds a worker.
pub struct Pool<J: Work> {
    jobs: Option<Sender<(JobId, J)>>,
    /// The queue and how many workers to start on it, until they are.
    idle: Option<(Queue<J>, usize)>,
    reports: Sender<Report<J::Output>>,
    done: Receiver<Report<J::Output>>,
    /// Jobs on the workers whose last result has not come back.
    in_flight: usize,
    /// Rung after each result (see [`Executor::wake_with`]).
    bell: Bell,
}

/// The jobs waiting for a worker, shared by the workers.
type Queue<J> = Arc<Mutex<Receiver<(JobId, J)>>>;

impl<J: Work> Pool<J> {
    /// A pool of `workers` threads (at least one).
    pub fn new(workers: usize) -> std::io::Result<Pool<J>> {
        let (jobs_tx, jobs_rx) = mpsc::channel::<(JobId, J)>();
        let (done_tx, done_rx) = mpsc::channel();
        let queue = Arc::new(Mutex::new(jobs_rx));
        Ok(Pool {
            jobs: Some(jobs_tx),
            idle: Some((queue, workers.max(1))),
            reports: done_tx,
            done: done_rx,
            in_flight: 0,
            bell: Bell::default(),
        })
    }

    /// Starts the workers, once.
    fn start(&mut self) {
        let Some((queue, workers)) = self.idle.take() else {
            return;
        };
        for n in 0..workers {
            let queue = Arc::clone(&queue);
            let done = self.reports.clone();
            let bell = Arc::clone(&self.bell);
            // A worker that cannot start leaves its jobs to the others.
            let _ = std::thread::Builder::new()
                .name(format!("job-{n}"))
                .spawn(move || worker(&queue, &done, &bell));
        }
    }
}

fn worker<J: Work>(
    queue: &Mutex<Receiver<(JobId, J)>>,
    done: &Sender<Report<J::Output>>,
    bell: &Bell,
) {
    loop {
        // The lock is held only while taking a job, not while running it.
        let next = match queue.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok((id, job)) = next else { return };
        Reporter::new(id, done.clone(), Some(Arc::clone(bell))).run(job);
    }
}

impl<J: Work> Executor<J> for Pool<J> {
    /// The first waker stays: a pool serves one event loop.
    fn wake_with(&mut self, waker: Waker) {
        let _ = self.bell.set(waker);
    }

    fn spawn(&mut self, id: JobId, job: J) {
        if job.long_running() {
            let reporter = Reporter::new(id, self.reports.clone(), Some(Arc::clone(&self.bell)));
            // Not counted as in flight: it may never end, and the loop
            // sees its results on its ordinary turns.
            let _ = std::thread::Builder::new()
                .name(format!("job-{id}"))
                .spawn(move || reporter.run(job));
            return;
        }
        self.start();
        if let Some(tx) = &self.jobs {
            if tx.send((id, job)).is_ok() {
                self.in_flight += 1;
            }
        }
    }

    fn try_next_last(&mut self) -> Option<(Done<J::Output>, bool)> {
        let report = self.done.try_recv().ok()?;
        if report.last {
            self.in_flight = self.in_flight.saturating_sub(1);
        }
        Some((report.done, report.last))
    }

    fn busy(&self) -> bool {
        self.in_flight > 0
    }
}

impl<J: Work> Drop for Pool<J> {
    fn drop(&mut self) {
        // Closing the queue ends idle workers; a busy one ends after its job,
        // and the process does not wait for it.
        self.jobs = None;
    }
}

/// Runs each job on the calling thread and hands the results back in
/// order: deterministic, for tests. A holding executor keeps its jobs
/// unfinished until [`Inline::finish_all`], to test what happens meanwhile.
/// Long-running jobs (watchers) are only logged.
pub struct Inline<J: Work> {
    done: VecDeque<Report<J::Output>>,
    waiting: Vec<(JobId, J)>,
    hold: bool,
    /// Every job spawned, in order (tests read it).
    pub log: Vec<(JobId, J)>,
}

impl<J: Work> Default for Inline<J> {
    fn default() -> Self {
        Inline {
            done: VecDeque::new(),
            waiting: Vec::new(),
            hold: false,
            log: Vec::new(),
        }
    }
}

impl<J: Work> std::fmt::Debug for Inline<J> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inline")
            .field("done", &self.done.len())
            .field("waiting", &self.waiting.len())
            .field("hold", &self.hold)
            .field("log", &self.log.len())
            .finish()
    }
}

impl<J: Work> Inline<J> {
    /// An executor that runs nothing until told to.
    pub fn holding() -> Inline<J> {
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
            self.run(id, job);
        }
    }

    fn run(&mut self, id: JobId, job: J) {
        let (tx, rx) = mpsc::channel();
        Reporter::new(id, tx, None).run(job);
        self.done.extend(rx.try_iter());
    }
}

impl<J: Work + Clone> Executor<J> for Inline<J> {
    fn spawn(&mut self, id: JobId, job: J) {
        self.log.push((id, job.clone()));
        if job.long_running() {
            // It would never return here; tests feed its results by hand.
            return;
        }
        if self.hold {
            self.waiting.push((id, job));
        } else {
            self.run(id, job);
        }
    }

    fn try_next_last(&mut self) -> Option<(Done<J::Output>, bool)> {
        self.done
            .pop_front()
            .map(|report| (report.done, report.last))
    }

    fn busy(&self) -> bool {
        !self.done.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::time::Duration;

    use super::*;

    /// Reports `0..n` before its last result `n`; long-running when told.
    #[derive(Debug, Clone)]
    struct Count {
        n: u32,
        long: bool,
    }

    impl Work for Count {
        type Output = u32;

        fn run(self, reporter: &Reporter<u32>) -> u32 {
            for i in 0..self.n {
                reporter.send(i);
            }
            self.n
        }

        fn long_running(&self) -> bool {
            self.long
        }

        fn failed(_reason: String) -> u32 {
            u32::MAX
        }
    }

    /// Only against a hang: nothing here is timed.
    const HANG: Duration = Duration::from_secs(60);

    /// A pool whose waker counts its rings on a channel.
    fn ringing_pool() -> (Pool<Count>, mpsc::Receiver<()>) {
        let (tx, rx) = mpsc::channel();
        let mut pool = Pool::new(1).expect("a pool");
        pool.wake_with(Waker::new(move || {
            let _ = tx.send(());
        }));
        (pool, rx)
    }

    #[test]
    fn each_result_rings_the_waker_once_it_can_be_taken() {
        for long in [false, true] {
            let (mut pool, rings) = ringing_pool();
            pool.spawn(1, Count { n: 2, long });
            // Each ring comes after its result was handed back: the loop
            // woken by it finds the result without waiting.
            let mut outputs = Vec::new();
            for _ in 0..3 {
                rings.recv_timeout(HANG).expect("rung");
                let (done, last) = pool.try_next_last().expect("a result at each ring");
                outputs.push((done.output, last));
            }
            assert_eq!(outputs, [(0, false), (1, false), (2, true)], "long: {long}");
            assert!(pool.try_next_last().is_none());
            assert!(rings.try_recv().is_err(), "one ring a result");
        }
    }
}

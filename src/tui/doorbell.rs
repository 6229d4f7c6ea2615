//! The one thing the event loop waits on: a channel that every source of
//! work rings (the terminal's input, a job's result, a signal), so that the
//! loop sleeps until there is something to do and wakes at once when there
//! is, with no timeout to poll on. A ring only wakes the loop: what it is
//! for (an event, a result, a signal's flag) waits where it always did, and
//! the loop looks there after every wake.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use super::runtime::Waker;

/// Why the loop was woken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ring {
    /// The terminal's reader has an event, or has stopped waiting for one.
    Input,
    /// A job handed back a result.
    Jobs,
    /// A signal arrived (stop, or resumed after a stop).
    Signal,
}

/// The loop's side: it waits here.
#[derive(Debug)]
pub struct Doorbell {
    tx: Sender<Ring>,
    rx: Receiver<Ring>,
    /// True while a [`Ring::Jobs`] is on its way: many results handed back
    /// at once (a scan's batches) wake the loop once, and it takes them all.
    jobs_rung: Arc<AtomicBool>,
}

/// A thread's side: it rings.
#[derive(Debug, Clone)]
pub struct Ringer(Sender<Ring>);

impl Ringer {
    /// Wakes the loop; nothing happens once the loop is gone.
    pub fn ring(&self, ring: Ring) {
        let _ = self.0.send(ring);
    }
}

impl Default for Doorbell {
    fn default() -> Self {
        let (tx, rx) = mpsc::channel();
        Doorbell {
            tx,
            rx,
            jobs_rung: Arc::new(AtomicBool::new(false)),
        }
    }
}

impl Doorbell {
    /// A ringer for a thread that wakes the loop.
    pub fn ringer(&self) -> Ringer {
        Ringer(self.tx.clone())
    }

    /// The waker an executor rings after each result.
    pub fn job_waker(&self) -> Waker {
        let tx = self.tx.clone();
        let rung = Arc::clone(&self.jobs_rung);
        Waker::new(move || {
            // The result was handed back before this: the loop that takes
            // the ring on its way (or rung now) finds it.
            if !rung.swap(true, Ordering::SeqCst) {
                let _ = tx.send(Ring::Jobs);
            }
        })
    }

    /// The next ring, waiting at most `timeout` (`None`: none came).
    pub fn wait(&self, timeout: Duration) -> Option<Ring> {
        let ring = match self.rx.recv_timeout(timeout) {
            Ok(ring) => ring,
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
        };
        if ring == Ring::Jobs {
            // Read-modify-write: it reads the waker's own swap, so every
            // result handed back before a ring that was not sent is seen
            // by the loop after this.
            self.jobs_rung.swap(false, Ordering::SeqCst);
        }
        Some(ring)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Only against a hang: nothing here is timed.
    const HANG: Duration = Duration::from_secs(60);

    #[test]
    fn a_job_result_wakes_a_wait_with_no_input() {
        let bell = Doorbell::default();
        let waker = bell.job_waker();
        let done = std::thread::spawn(move || waker.wake());
        assert_eq!(bell.wait(HANG), Some(Ring::Jobs));
        done.join().expect("the job's thread");
        assert_eq!(bell.wait(Duration::ZERO), None, "one result, one ring");
    }

    #[test]
    fn results_before_the_loop_wakes_ring_once_and_later_ones_again() {
        let bell = Doorbell::default();
        let waker = bell.job_waker();
        for _ in 0..5 {
            waker.wake();
        }
        assert_eq!(bell.wait(Duration::ZERO), Some(Ring::Jobs));
        assert_eq!(bell.wait(Duration::ZERO), None, "five results, one ring");
        // Heard: the next result rings again.
        waker.wake();
        assert_eq!(bell.wait(Duration::ZERO), Some(Ring::Jobs));
    }

    #[test]
    fn input_and_signals_ring_each_time_in_order() {
        let bell = Doorbell::default();
        let ringer = bell.ringer();
        ringer.ring(Ring::Input);
        ringer.ring(Ring::Signal);
        ringer.ring(Ring::Input);
        let rings: Vec<_> = std::iter::from_fn(|| bell.wait(Duration::ZERO)).collect();
        assert_eq!(rings, [Ring::Input, Ring::Signal, Ring::Input]);
    }

    #[test]
    fn a_wait_with_nothing_rung_ends_empty() {
        let bell = Doorbell::default();
        assert_eq!(bell.wait(Duration::ZERO), None);
    }
}

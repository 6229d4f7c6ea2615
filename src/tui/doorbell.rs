//! The one thing the event loop waits on: a `mio` poll, on the loop's own
//! thread, of the terminal's input (and anything else that is input: the
//! resize signal's pipe) together with a waker that every other source of
//! work rings (a job's result, a stop or resume signal). A key therefore
//! wakes the loop's thread once, and nothing else; the loop sleeps until
//! there is something to do, with no timeout but its own deadlines. A ring
//! only wakes the loop: what it is for (a result, a signal's flag) waits
//! where it always did, and the loop looks there after every wake.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use mio::event::Source;
use mio::{Events, Interest, Poll, Token};

use super::runtime::Waker;

/// What woke a wait (both may have).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rung {
    /// A watched source (the terminal) has something to read.
    pub input: bool,
    /// The waker rang: a job's result, or a signal.
    pub bell: bool,
    /// A watched source hung up (the terminal is gone): reading it would
    /// only ever find its end.
    pub hung_up: bool,
    /// The source watched with [`Doorbell::watch_signal`] rang (it rings
    /// as input too): only then has it bytes to drain.
    pub signalled: bool,
}

impl Rung {
    /// True when nothing woke the wait (it timed out).
    pub fn none(self) -> bool {
        !self.input && !self.bell
    }
}

const INPUT: Token = Token(0);
const BELL: Token = Token(1);
const SIGNAL: Token = Token(2);

/// The loop's side: it waits here.
#[derive(Debug)]
pub struct Doorbell {
    poll: Poll,
    events: Events,
    waker: Arc<mio::Waker>,
    /// True while a job's ring is on its way: many results handed back at
    /// once (a scan's batches) ring once, and the loop takes them all.
    jobs_rung: Arc<AtomicBool>,
}

/// A thread's side: it rings.
#[derive(Debug, Clone)]
pub struct Ringer(Arc<mio::Waker>);

impl Ringer {
    /// Wakes the loop; nothing happens once the loop is gone.
    pub fn ring(&self) {
        let _ = self.0.wake();
    }
}

impl Doorbell {
    /// A doorbell that watches nothing yet.
    pub fn new() -> io::Result<Doorbell> {
        let poll = Poll::new()?;
        let waker = Arc::new(mio::Waker::new(poll.registry(), BELL)?);
        Ok(Doorbell {
            poll,
            events: Events::with_capacity(8),
            waker,
            jobs_rung: Arc::new(AtomicBool::new(false)),
        })
    }

    /// Wakes a wait as input whenever `source` becomes readable (edge
    /// triggered: the one who reads it reads until it has nothing).
    pub fn watch(&self, source: &mut impl Source) -> io::Result<()> {
        self.poll
            .registry()
            .register(source, INPUT, Interest::READABLE)
    }

    /// [`Doorbell::watch`] for a signal's pipe: its rings say so
    /// ([`Rung::signalled`]), so that it is drained only when it rang,
    /// not at every key.
    pub fn watch_signal(&self, source: &mut impl Source) -> io::Result<()> {
        self.poll
            .registry()
            .register(source, SIGNAL, Interest::READABLE)
    }

    /// A ringer for a thread that wakes the loop.
    pub fn ringer(&self) -> Ringer {
        Ringer(Arc::clone(&self.waker))
    }

    /// The waker an executor rings after each result.
    pub fn job_waker(&self) -> Waker {
        let waker = Arc::clone(&self.waker);
        let rung = Arc::clone(&self.jobs_rung);
        Waker::new(move || {
            // The result was handed back before this: the loop that takes
            // the ring on its way (or rung now) finds it.
            if !rung.swap(true, Ordering::SeqCst) {
                let _ = waker.wake();
            }
        })
    }

    /// Waits at most `timeout` for input or a ring; an interrupted wait
    /// ends early with nothing rung.
    pub fn wait(&mut self, timeout: Duration) -> io::Result<Rung> {
        match self.poll.poll(&mut self.events, Some(timeout)) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => return Ok(Rung::default()),
            Err(e) => return Err(e),
        }
        let mut rung = Rung::default();
        for event in &self.events {
            match event.token() {
                INPUT => {
                    rung.input = true;
                    rung.hung_up |= event.is_read_closed() || event.is_error();
                }
                SIGNAL => {
                    rung.input = true;
                    rung.signalled = true;
                }
                _ => rung.bell = true,
            }
        }
        if rung.bell {
            // Read-modify-write: it reads the waker's own swap, so every
            // result handed back before a ring that was not sent is seen
            // by the loop after this.
            self.jobs_rung.swap(false, Ordering::SeqCst);
        }
        Ok(rung)
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::os::unix::net::UnixStream;

    use super::*;

    /// Only against a hang: nothing here is timed.
    const HANG: Duration = Duration::from_secs(60);

    const BELL_ONLY: Rung = Rung {
        input: false,
        bell: true,
        hung_up: false,
        signalled: false,
    };

    #[test]
    fn a_job_result_wakes_a_wait_with_no_input() {
        let mut bell = Doorbell::new().expect("poll");
        let waker = bell.job_waker();
        let done = std::thread::spawn(move || waker.wake());
        assert_eq!(bell.wait(HANG).expect("wait"), BELL_ONLY);
        done.join().expect("the job's thread");
        assert!(
            bell.wait(Duration::ZERO).expect("wait").none(),
            "one result, one ring"
        );
    }

    #[test]
    fn results_before_the_loop_wakes_ring_once_and_later_ones_again() {
        let mut bell = Doorbell::new().expect("poll");
        let waker = bell.job_waker();
        for _ in 0..5 {
            waker.wake();
        }
        assert_eq!(bell.wait(Duration::ZERO).expect("wait"), BELL_ONLY);
        assert!(
            bell.wait(Duration::ZERO).expect("wait").none(),
            "five results, one ring"
        );
        // Heard: the next result rings again.
        waker.wake();
        assert_eq!(bell.wait(Duration::ZERO).expect("wait"), BELL_ONLY);
    }

    #[test]
    fn a_signal_s_ring_wakes_a_wait() {
        let mut bell = Doorbell::new().expect("poll");
        let ringer = bell.ringer();
        std::thread::spawn(move || ringer.ring());
        assert_eq!(bell.wait(HANG).expect("wait"), BELL_ONLY);
    }

    #[test]
    fn bytes_to_read_wake_a_wait_as_input_once_each_time_they_come() {
        let mut bell = Doorbell::new().expect("poll");
        let (mut writer, reader) = UnixStream::pair().expect("pair");
        reader.set_nonblocking(true).expect("nonblocking");
        let mut reader = mio::net::UnixStream::from_std(reader);
        bell.watch(&mut reader).expect("watch");
        writer.write_all(b"j").expect("write");
        let rung = bell.wait(HANG).expect("wait");
        assert_eq!(
            rung,
            Rung {
                input: true,
                bell: false,
                hung_up: false,
                signalled: false,
            }
        );
        // Unread, but told once: the reader reads until it has nothing.
        assert!(bell.wait(Duration::ZERO).expect("wait").none());
        writer.write_all(b"k").expect("write");
        assert!(bell.wait(HANG).expect("wait").input, "new bytes ring again");
    }

    #[test]
    fn a_signal_s_pipe_rings_as_input_and_says_so_and_the_terminal_does_not() {
        let mut bell = Doorbell::new().expect("poll");
        let (mut tty, tty_reader) = UnixStream::pair().expect("pair");
        let (mut pipe, pipe_reader) = UnixStream::pair().expect("pair");
        for r in [&tty_reader, &pipe_reader] {
            r.set_nonblocking(true).expect("nonblocking");
        }
        let mut tty_reader = mio::net::UnixStream::from_std(tty_reader);
        let mut pipe_reader = mio::net::UnixStream::from_std(pipe_reader);
        bell.watch(&mut tty_reader).expect("watch");
        bell.watch_signal(&mut pipe_reader).expect("watch");
        tty.write_all(b"j").expect("write");
        let rung = bell.wait(HANG).expect("wait");
        assert!(rung.input && !rung.signalled, "{rung:?}");
        pipe.write_all(b"x").expect("write");
        let rung = bell.wait(HANG).expect("wait");
        assert!(rung.input && rung.signalled, "{rung:?}");
    }

    #[test]
    fn a_source_whose_other_end_is_gone_rings_as_hung_up() {
        let mut bell = Doorbell::new().expect("poll");
        let (writer, reader) = UnixStream::pair().expect("pair");
        reader.set_nonblocking(true).expect("nonblocking");
        let mut reader = mio::net::UnixStream::from_std(reader);
        bell.watch(&mut reader).expect("watch");
        drop(writer);
        let rung = bell.wait(HANG).expect("wait");
        assert!(rung.input && rung.hung_up, "{rung:?}");
    }

    #[test]
    fn a_wait_with_nothing_rung_ends_empty() {
        let mut bell = Doorbell::new().expect("poll");
        assert!(bell.wait(Duration::ZERO).expect("wait").none());
    }
}

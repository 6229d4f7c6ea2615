//! The terminal's keys, mouse and resizes as the event loop reads them:
//! crossterm's event stream, asked without waiting. When it has nothing,
//! its reader thread waits on the terminal and rings the loop's
//! [`Doorbell`] when an event comes, so the loop waits for input and job
//! results in one place. Paused while another program (an editor, a
//! stopped shell) has the terminal: the reader thread is stopped, and seen
//! to have stopped, before the terminal is handed over, so that it reads
//! none of that program's keys.

use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, Wake};
use std::time::{Duration, Instant};

use crossterm::event::{Event, EventStream};
use futures_core::Stream;

use super::doorbell::{Doorbell, Ring, Ringer};

/// How long a pause waits for the reader thread to stop: it stops at once
/// when woken, so this only bounds a reader stuck in a broken terminal.
const STOP_WAIT: Duration = Duration::from_secs(2);

/// The terminal's input.
pub struct TtyInput {
    ringer: Ringer,
    /// Opened at the first read, after the terminal was asked what it can
    /// do (its answers are not keys), and again after each pause.
    stream: Option<EventStream>,
    paused: bool,
    /// Wake-ups handed to the reader thread that it has not used yet: the
    /// reader still waits on the terminal for each.
    waiting: Vec<Arc<InputWake>>,
}

/// What the reader thread calls when an event came or it stopped waiting.
struct InputWake {
    used: AtomicBool,
    ringer: Ringer,
}

impl Wake for InputWake {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        // The reader has left the terminal when it calls this.
        self.used.store(true, Ordering::SeqCst);
        self.ringer.ring(Ring::Input);
    }
}

impl TtyInput {
    /// Input that rings `ringer` when an event comes.
    pub fn new(ringer: Ringer) -> TtyInput {
        TtyInput {
            ringer,
            stream: None,
            paused: false,
            waiting: Vec::new(),
        }
    }

    /// The next event if one was read, never waiting; otherwise the reader
    /// thread waits for one and rings. Nothing while paused.
    pub fn try_event(&mut self) -> io::Result<Option<Event>> {
        if self.paused {
            return Ok(None);
        }
        self.waiting.retain(|w| !w.used.load(Ordering::SeqCst));
        let stream = match &mut self.stream {
            Some(stream) => stream,
            None => self.stream.insert(open()?),
        };
        // A wake-up of its own each time, to know whether the reader took it.
        let wake = Arc::new(InputWake {
            used: AtomicBool::new(false),
            ringer: self.ringer.clone(),
        });
        let waker = std::task::Waker::from(Arc::clone(&wake));
        let polled = Pin::new(stream).poll_next(&mut Context::from_waker(&waker));
        drop(waker);
        match polled {
            Poll::Ready(Some(Ok(event))) => Ok(Some(event)),
            Poll::Ready(Some(Err(e))) => Err(e),
            Poll::Ready(None) => Ok(None),
            Poll::Pending => {
                // Held by the reader thread: it waits on the terminal.
                if Arc::strong_count(&wake) > 1 {
                    self.waiting.push(wake);
                }
                Ok(None)
            }
        }
    }

    /// Stops reading the terminal and returns once the reader thread has
    /// stopped waiting on it (the rings it sends meanwhile are taken from
    /// `doorbell`: the loop looks at everything after a pause anyway).
    pub fn pause(&mut self, doorbell: &Doorbell) {
        self.paused = true;
        // Dropping the stream wakes its reader thread, which then ends.
        self.stream = None;
        let until = Instant::now() + STOP_WAIT;
        loop {
            self.waiting.retain(|w| !w.used.load(Ordering::SeqCst));
            let left = until.saturating_duration_since(Instant::now());
            if self.waiting.is_empty() || left.is_zero() {
                break;
            }
            doorbell.wait(left);
        }
    }

    /// Reads the terminal again (a new stream at the next read).
    pub fn resume(&mut self) {
        self.paused = false;
    }
}

/// A new event stream; an error when there is no terminal to read (where
/// crossterm's stream would panic).
fn open() -> io::Result<EventStream> {
    crossterm::event::poll(Duration::ZERO)?;
    Ok(EventStream::new())
}

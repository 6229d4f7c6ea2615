//! The terminal's keys, mouse and resizes, read on the event loop's own
//! thread by crossterm's reader (its parser keeps an escape sequence that
//! came in two reads). The loop's [`Doorbell`] watches the terminal and the
//! resize signal's pipe; when either rings, the loop takes every event
//! crossterm has without waiting, and sleeps again once it has none. A key
//! is one wake of one thread.
//!
//! No read may wait on the loop's thread. crossterm reads standard input
//! when that is the terminal, and a readiness that went stale (its bytes
//! came with the read before, or an editor read them) would leave a
//! blocking read waiting for the next key. So standard input is opened
//! again as quire's own description of the same terminal (the shell's, and
//! stdout's, stay as they were), nonblocking from the first read on and
//! blocking again while another program has the terminal; until the first
//! read it blocks, for whoever asks the terminal a question before (the
//! pictures' query reads its answer from standard input). When standard
//! input is not the terminal (an article piped in), crossterm reads
//! /dev/tty, blocking.
//!
//! crossterm watches the terminal as an edge (mio): a read of 1 KB that
//! yields an event returns at once, and bytes past it wake nobody until
//! more come. So when crossterm has no event left while the terminal still
//! holds bytes, the loop sets the terminal's modes to what they are, which
//! the kernel tells every watcher of the terminal as a new edge; a burst of
//! any size (a long paste without bracketed paste, mouse reports queued up)
//! is all read before the loop sleeps.
//!
//! Paused while another program (an editor, a stopped shell) has the
//! terminal: the loop's own thread runs or waits for that program, so
//! nothing reads any of its keys.

use std::io::{self, IsTerminal, Read};
use std::os::fd::{AsFd, AsRawFd};
use std::os::unix::net::UnixStream;
use std::sync::OnceLock;
use std::time::Duration;

use crossterm::event::{self, Event};
use mio::unix::SourceFd;
use signal_hook::SigId;

use super::doorbell::Doorbell;

/// Wakes of crossterm's watch asked for in a row, none bringing an event,
/// before a look at the input gives up (a nudge that works brings one).
const NUDGES: usize = 4;

/// The terminal's input.
pub struct TtyInput {
    /// True when standard input is quire's own description of the terminal.
    own: bool,
    /// True while it blocks (before the first read, and while paused).
    blocking: bool,
    /// Written to on each SIGWINCH (crossterm turns it into a resize).
    resize: mio::net::UnixStream,
    resize_id: SigId,
    paused: bool,
    /// True from a ring until crossterm has no event left: a read may
    /// have brought more than one.
    ringing: bool,
    /// True when crossterm reads standard input (it is the terminal).
    reads_stdin: bool,
    /// The terminal hung up: crossterm would read its end over and over
    /// (it reads until a read would block), so it is not asked again.
    hung_up: bool,
}

impl TtyInput {
    /// The terminal's input, watched by `doorbell`.
    pub fn new(doorbell: &Doorbell) -> io::Result<TtyInput> {
        let own = own_stdin();
        let (reader, writer) = UnixStream::pair()?;
        reader.set_nonblocking(true)?;
        writer.set_nonblocking(true)?;
        let resize_id =
            signal_hook::low_level::pipe::register(signal_hook::consts::SIGWINCH, writer)?;
        let mut resize = mio::net::UnixStream::from_std(reader);
        doorbell.watch_signal(&mut resize)?;
        // crossterm's own choice: standard input when it is the terminal.
        let reads_stdin = io::stdin().is_terminal();
        if reads_stdin {
            doorbell.watch(&mut SourceFd(&io::stdin().as_raw_fd()))?;
        } else if let Some(tty) = dev_tty() {
            // Readiness is the terminal's, whichever description asks.
            doorbell.watch(&mut SourceFd(&tty.as_raw_fd()))?;
        }
        Ok(TtyInput {
            own,
            blocking: true,
            resize,
            resize_id,
            paused: false,
            // Keys typed before the loop began wait already.
            ringing: true,
            reads_stdin,
            hung_up: false,
        })
    }

    /// The doorbell rang as input: the terminal has bytes, resized
    /// (`resized`: the resize signal's pipe is drained, not read at every
    /// key), or (`hung_up`) is gone.
    pub fn rung(&mut self, hung_up: bool, resized: bool) {
        let mut sink = [0u8; 64];
        while resized && matches!(self.resize.read(&mut sink), Ok(n) if n > 0) {}
        self.ringing = true;
        self.hung_up |= hung_up;
    }

    /// The next event crossterm has, never waiting; `None` once it has
    /// none, until the doorbell rings again. Nothing while paused.
    pub fn try_event(&mut self) -> io::Result<Option<Event>> {
        if self.paused || !self.ringing || self.hung_up {
            return Ok(None);
        }
        if self.blocking && self.own {
            rustix::io::ioctl_fionbio(io::stdin(), true)?;
            self.blocking = false;
        }
        for _ in 0..NUDGES {
            if event::poll(Duration::ZERO)? {
                return event::read().map(Some);
            }
            if !self.nudge() {
                break;
            }
        }
        self.ringing = false;
        Ok(None)
    }

    /// Wakes crossterm's watch of the terminal again when the terminal
    /// holds bytes crossterm has not read; true when it did.
    fn nudge(&self) -> bool {
        let nudged = |fd: std::os::fd::BorrowedFd| -> io::Result<bool> {
            if rustix::io::ioctl_fionread(fd)? == 0 {
                return Ok(false);
            }
            let modes = rustix::termios::tcgetattr(fd)?;
            rustix::termios::tcsetattr(fd, rustix::termios::OptionalActions::Now, &modes)?;
            Ok(true)
        };
        let result = if self.reads_stdin {
            nudged(io::stdin().as_fd())
        } else if let Some(tty) = dev_tty() {
            nudged(tty.as_fd())
        } else {
            Ok(false)
        };
        result.unwrap_or(false)
    }

    /// Stops reading the terminal: another program gets it (blocking, as
    /// programs expect it).
    pub fn pause(&mut self) {
        self.paused = true;
        if self.own && !self.blocking {
            let _ = rustix::io::ioctl_fionbio(io::stdin(), false);
            self.blocking = true;
        }
    }

    /// Reads the terminal again (nonblocking from the next read on);
    /// events crossterm read before the pause are taken first.
    pub fn resume(&mut self) {
        self.paused = false;
        self.ringing = true;
    }
}

impl Drop for TtyInput {
    fn drop(&mut self) {
        signal_hook::low_level::unregister(self.resize_id);
        self.pause();
    }
}

/// `/dev/tty`, opened once and kept for the rest of the process: a
/// description the doorbell watches must outlive its waits.
fn dev_tty() -> Option<&'static std::fs::File> {
    static TTY: OnceLock<Option<std::fs::File>> = OnceLock::new();
    TTY.get_or_init(|| std::fs::File::open("/dev/tty").ok())
        .as_ref()
}

/// Makes standard input quire's own description of the terminal (blocking
/// until the first read), once for the process (crossterm keeps reading the
/// first it saw); true when it is.
fn own_stdin() -> bool {
    static OWN: OnceLock<bool> = OnceLock::new();
    *OWN.get_or_init(|| reopen_stdin().is_ok())
}

fn reopen_stdin() -> io::Result<()> {
    use rustix::fs::{Mode, OFlags};
    let stdin = io::stdin();
    if !stdin.is_terminal() {
        return Err(io::Error::other("standard input is not a terminal"));
    }
    let path = rustix::termios::ttyname(&stdin, Vec::new())?;
    let flags = OFlags::RDONLY | OFlags::NOCTTY | OFlags::CLOEXEC;
    let tty = rustix::fs::open(path.as_c_str(), flags, Mode::empty())?;
    rustix::stdio::dup2_stdin(&tty)?;
    Ok(())
}

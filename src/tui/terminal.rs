//! The terminal itself: taking it (raw mode, alternate screen, mouse) and
//! giving it back on every exit (quit, panic, signals), and its events.
//!
//! [`with_terminal`] is the one place that hands the terminal to the app and
//! takes it back; everything else draws through the `Terminal` it lends.
//! Its events ([`TerminalEvents`]) wait on the loop's [`Doorbell`]: the
//! terminal's input, and a waker the jobs' results and the signal watchers
//! ring.

use std::collections::VecDeque;
use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::time::{Duration, Instant};

use crossterm::event;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::answer::{Catcher, QUESTION, Step};
use super::doorbell::{Doorbell, Ringer};
use super::input::TtyInput;
use super::runtime::Waker;
use super::{Events, Input};

/// The terminal quire draws on. A frame goes out in one write: through
/// stdout's own line buffer it was a write per kilobyte or so, each a
/// wake-up of the terminal.
pub type Term = Terminal<CrosstermBackend<FrameWriter>>;

/// Gathers a frame and writes it to stdout in one write when flushed (the
/// end of every draw). What a panic leaves unflushed is dropped, not
/// written over the shell the panic hook gave the terminal back to.
#[derive(Debug, Default)]
pub struct FrameWriter {
    buf: Vec<u8>,
}

impl Write for FrameWriter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        // Past std's line buffering, which would cut the frame after its
        // last newline (a move to the next row) into two writes.
        let mut out = io::stdout().lock();
        let result = out.flush().and_then(|()| write_whole(&out, &self.buf));
        self.buf.clear();
        result
    }
}

/// Writes all of `bytes` to `fd`, a write at a time (one for a frame the
/// terminal takes whole).
fn write_whole(fd: impl std::os::fd::AsFd, mut bytes: &[u8]) -> io::Result<()> {
    while !bytes.is_empty() {
        match rustix::io::write(&fd, bytes) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => bytes = &bytes[n..],
            Err(rustix::io::Errno::INTR) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

impl Drop for FrameWriter {
    fn drop(&mut self) {
        if !std::thread::panicking() && !self.buf.is_empty() {
            let _ = self.flush();
        }
    }
}

/// The signals that end the app the ordinary way: the loop stops, the
/// terminal is restored, and the process ends with status 128 + the signal.
/// (In raw mode Ctrl-c is a key, not SIGINT; SIGINT still comes from `kill`.)
///
/// These are all the signals whose default is to end the process and that
/// can be caught, but for: SIGPIPE, which Rust ignores (a closed pipe is an
/// error where it is written); the faults (SIGSEGV, SIGBUS, SIGILL, SIGFPE),
/// whose handler would return to the faulting instruction; SIGTRAP and
/// SIGSYS, which debuggers and seccomp use; and SIGABRT, raised by `abort`,
/// which dies whatever a handler does (a panic restores the terminal in its
/// hook). On Linux, [`linux_stop_signals`] adds its own.
pub const STOP_SIGNALS: [i32; 11] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGQUIT,
    signal_hook::consts::SIGUSR1,
    signal_hook::consts::SIGUSR2,
    signal_hook::consts::SIGALRM,
    signal_hook::consts::SIGVTALRM,
    signal_hook::consts::SIGPROF,
    signal_hook::consts::SIGXCPU,
    signal_hook::consts::SIGXFSZ,
];

/// Linux's own signals that end a process by default: SIGIO (ignored
/// elsewhere), SIGPWR, SIGSTKFLT and the real-time signals.
#[cfg(target_os = "linux")]
pub fn linux_stop_signals() -> Vec<i32> {
    let mut out = vec![libc::SIGIO, libc::SIGPWR, libc::SIGSTKFLT];
    out.extend(libc::SIGRTMIN()..=libc::SIGRTMAX());
    out
}

/// Every signal [`with_terminal`] stops the app on.
fn stop_signals() -> Vec<i32> {
    #[allow(unused_mut)] // Only Linux adds to them.
    let mut out = STOP_SIGNALS.to_vec();
    #[cfg(target_os = "linux")]
    out.extend(linux_stop_signals());
    out
}

/// How long the event loop gets to end by itself after a stop signal.
const SIGNAL_GRACE: Duration = Duration::from_millis(500);

/// Takes the terminal, runs `body` with it and its events, and gives it
/// back whatever happens (an error, a panic, a signal). Returns `body`'s
/// result and the stop signal that ended the run, if one did.
pub fn with_terminal<T>(
    body: impl FnOnce(&mut Term, &mut TerminalEvents) -> anyhow::Result<T>,
) -> anyhow::Result<(T, Option<i32>)> {
    let doorbell = Doorbell::new()?;
    // The handlers are in place before the terminal is taken; the threads
    // that act on them start after the first frame (see `watchers`).
    let (signal, signals) = watch_signals(doorbell.ringer())?;
    let (resumed, suspends) = watch_suspend(doorbell.ringer())?;
    let input = TtyInput::new(&doorbell)?;
    let guard = TerminalGuard::enter()?;
    let mut terminal = Terminal::new(CrosstermBackend::new(FrameWriter::default()))?;
    let mut events = TerminalEvents {
        signal: Arc::clone(&signal),
        resumed,
        catcher: None,
        queue: VecDeque::new(),
        input,
        doorbell,
        watchers: vec![signals, suspends],
    };
    let result = body(&mut terminal, &mut events);
    // Nothing reads the terminal once it is given back.
    events.input.pause();
    drop(terminal);
    drop(guard);
    let signal = match signal.load(Ordering::SeqCst) {
        0 => None,
        n => Some(n),
    };
    Ok((result?, signal))
}

/// The terminal's events; the input closes when a stop signal arrives.
/// Waiting for one waits for everything that wakes the loop (see
/// [`Doorbell`]): a job's result ends the wait as an [`Input::Idle`].
pub struct TerminalEvents {
    signal: Arc<AtomicI32>,
    /// Raised when the process was stopped and resumed.
    resumed: Arc<AtomicBool>,
    /// Looks for the answer to the background question, once asked.
    catcher: Option<Catcher>,
    /// Inputs read ahead (keys held back as a possible answer).
    queue: VecDeque<Input>,
    /// The keys, mouse and resizes.
    input: TtyInput,
    /// What the loop waits on.
    doorbell: Doorbell,
    /// The signal watchers' threads, started at the first wait for input,
    /// once the first frame is out: a signal that comes before waits in
    /// its handler's pipe until then.
    watchers: Vec<Watcher>,
}

/// Starts a thread that watches for signals.
type Watcher = Box<dyn FnOnce() -> io::Result<()> + Send>;

/// How long the input may pause inside an answer: a terminal writes it at
/// once, so a pause means the keys held were keys.
const ANSWER_GAP: Duration = Duration::from_millis(50);

impl TerminalEvents {
    fn stopped(&self) -> bool {
        self.signal.load(Ordering::SeqCst) != 0
    }

    /// `event`, unless it begins the answer to the background question:
    /// then the answer (read at once, as it comes in one piece), or the
    /// keys it turned out to be.
    fn catch(&mut self, event: event::Event) -> io::Result<Input> {
        let Some(mut catcher) = self.catcher.take() else {
            return Ok(Input::Event(event));
        };
        let mut step = catcher.feed(event);
        while step == Step::Hold {
            step = match self.event_within(ANSWER_GAP)? {
                Some(event) => catcher.feed(event),
                None => catcher.release(None),
            };
        }
        match step {
            Step::Answer(background) => Ok(Input::Background(background)),
            Step::Release(events) => {
                self.catcher = Some(catcher);
                self.queue.extend(events.into_iter().map(Input::Event));
                Ok(self.queue.pop_front().unwrap_or(Input::Idle))
            }
            Step::Hold => {
                self.catcher = Some(catcher);
                Ok(Input::Idle)
            }
        }
    }

    /// The next terminal event within `gap`, if one comes.
    fn event_within(&mut self, gap: Duration) -> io::Result<Option<event::Event>> {
        let until = Instant::now() + gap;
        loop {
            if let Some(event) = self.input.try_event()? {
                return Ok(Some(event));
            }
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Ok(None);
            }
            // Any ring: whatever it was for, the loop looks after this.
            self.wait(left)?;
        }
    }

    /// Waits on the doorbell at most `timeout`, and tells the input when
    /// the terminal rang.
    fn wait(&mut self, timeout: Duration) -> io::Result<()> {
        let rung = self.doorbell.wait(timeout)?;
        if rung.input {
            self.input.rung(rung.hung_up, rung.signalled);
        }
        if rung.hung_up {
            // What the kernel's SIGHUP will say: the loop ends at once,
            // as for the signal, however the two race.
            let _ =
                self.signal
                    .compare_exchange(0, libc::SIGHUP, Ordering::SeqCst, Ordering::SeqCst);
        }
        Ok(())
    }

    /// An input that is there now, without waiting.
    fn ready(&mut self) -> io::Result<Option<Input>> {
        if self.stopped() {
            return Ok(Some(Input::Closed));
        }
        if let Some(input) = self.queue.pop_front() {
            return Ok(Some(input));
        }
        if self.resumed.swap(false, Ordering::SeqCst) {
            return Ok(Some(Input::Resumed));
        }
        if self
            .catcher
            .as_ref()
            .is_some_and(|c| c.expired(Instant::now()))
        {
            // No answer: the terminal does not say.
            self.catcher = None;
            return Ok(Some(Input::Background(None)));
        }
        match self.input.try_event()? {
            Some(event) => self.catch(event).map(Some),
            None => Ok(None),
        }
    }
}

impl Events for TerminalEvents {
    fn next(&mut self, timeout: Duration) -> io::Result<Input> {
        for start in self.watchers.drain(..) {
            start()?;
        }
        if let Some(input) = self.ready()? {
            return Ok(input);
        }
        // An unanswered question ends the wait when it expires.
        let timeout = match &self.catcher {
            Some(c) => {
                timeout.min(c.until().saturating_duration_since(Instant::now()) + ANSWER_GAP)
            }
            None => timeout,
        };
        if timeout.is_zero() {
            return Ok(Input::Idle);
        }
        self.wait(timeout)?;
        Ok(self.ready()?.unwrap_or(Input::Idle))
    }

    fn waker(&self) -> Option<Waker> {
        Some(self.doorbell.job_waker())
    }

    fn pause(&mut self) {
        self.input.pause();
    }

    fn resume(&mut self) {
        self.input.resume();
    }

    fn ask_background(&mut self) {
        let mut out = io::stdout().lock();
        if out
            .write_all(QUESTION.as_bytes())
            .and_then(|()| out.flush())
            .is_ok()
        {
            self.catcher = Some(Catcher::new(Instant::now()));
        }
    }
}

/// Records the first stop signal in the returned cell, so that the event
/// loop ends and the terminal is restored the ordinary way. When the
/// terminal has hung up, crossterm can be stuck reading it and the loop
/// never sees the signal; so after [`SIGNAL_GRACE`] the watcher restores
/// what it can and ends the process itself. The handlers are installed
/// now; the watcher's thread starts when the returned [`Watcher`] is called.
fn watch_signals(ringer: Ringer) -> io::Result<(Arc<AtomicI32>, Watcher)> {
    let caught = Arc::new(AtomicI32::new(0));
    let mut signals = signal_hook::iterator::Signals::new(stop_signals())?;
    let cell = Arc::clone(&caught);
    let start = move || {
        std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    cell.store(signal, Ordering::SeqCst);
                    ringer.ring();
                    std::thread::sleep(SIGNAL_GRACE);
                    restore_terminal();
                    std::process::exit(128 + signal);
                }
            })
            .map(drop)
    };
    Ok((caught, Box::new(start)))
}

/// The signals that stop a process from the terminal (`kill -TSTP`, a
/// background read or write): the terminal is given back first, and taken
/// again when the shell resumes the process.
const SUSPEND_SIGNALS: [i32; 3] = [
    signal_hook::consts::SIGTSTP,
    signal_hook::consts::SIGTTIN,
    signal_hook::consts::SIGTTOU,
];

/// Gives the terminal back on a stop signal, stops as the signal would
/// have, and takes the terminal again once resumed; the returned flag tells
/// the event loop to draw everything anew. The handlers are installed now;
/// the thread starts when the returned [`Watcher`] is called.
fn watch_suspend(ringer: Ringer) -> io::Result<(Arc<AtomicBool>, Watcher)> {
    let resumed = Arc::new(AtomicBool::new(false));
    let mut signals = signal_hook::iterator::Signals::new(SUSPEND_SIGNALS)?;
    let flag = Arc::clone(&resumed);
    let start = move || {
        std::thread::Builder::new()
            .name("suspend".into())
            .spawn(move || {
                for signal in signals.forever() {
                    restore_terminal();
                    // Stops the whole process, as the signal's own action
                    // does; returns once it is resumed.
                    let _ = signal_hook::low_level::emulate_default_handler(signal);
                    let _ = retake();
                    flag.store(true, Ordering::SeqCst);
                    ringer.ring();
                }
            })
            .map(drop)
    };
    Ok((resumed, Box::new(start)))
}

/// Gives the terminal back and stops the process, as Ctrl-z does in a
/// shell; once the shell resumes it (`fg`), takes the terminal again.
pub fn suspend() -> io::Result<()> {
    restore_terminal();
    signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
    retake()
}

/// Raw mode, the alternate screen, mouse capture; undone on drop.
pub struct TerminalGuard;

impl TerminalGuard {
    /// Enters raw mode and the alternate screen, with mouse capture and the
    /// cursor hidden, after installing a panic hook that restores them.
    pub fn enter() -> io::Result<TerminalGuard> {
        install_panic_hook();
        crossterm::terminal::enable_raw_mode()?;
        // From here on the guard restores whatever was entered.
        let guard = TerminalGuard;
        take(&mut io::stdout())?;
        Ok(guard)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

fn take(out: &mut impl Write) -> io::Result<()> {
    crossterm::execute!(
        out,
        crossterm::terminal::EnterAlternateScreen,
        ClicksAndWheel,
        crossterm::cursor::Hide
    )
}

/// Mouse reports of button presses and releases, the wheel's included
/// (mode 1000), in the SGR encoding (1006): all quire reads of the mouse.
/// crossterm's `EnableMouseCapture` also asks for every motion of the
/// pointer (1002, 1003), each a wake-up of quire for nothing, and for a
/// second encoding (1015). Leaving turns them all off anyway.
struct ClicksAndWheel;

impl crossterm::Command for ClicksAndWheel {
    fn write_ansi(&self, f: &mut impl std::fmt::Write) -> std::fmt::Result {
        f.write_str(MOUSE_ON)
    }
}

/// What [`ClicksAndWheel`] writes.
const MOUSE_ON: &str = "\x1b[?1000h\x1b[?1006h";

/// Leaves the alternate screen, stops mouse capture, shows the cursor and
/// turns raw mode off. Safe to call more than once; errors are ignored
/// because there is nothing better to do while leaving.
pub fn restore_terminal() {
    let mut out = io::stdout();
    let _ = crossterm::execute!(
        out,
        crossterm::event::DisableMouseCapture,
        crossterm::terminal::LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = crossterm::terminal::disable_raw_mode();
    let _ = out.flush();
}

/// Takes the terminal again after a child program had it: raw mode, the
/// alternate screen, mouse capture, the cursor hidden.
pub fn retake() -> io::Result<()> {
    crossterm::terminal::enable_raw_mode()?;
    take(&mut io::stdout())
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taking_the_terminal_asks_for_clicks_and_the_wheel_only() {
        let mut out = Vec::new();
        take(&mut out).expect("written to a Vec");
        let out = String::from_utf8(out).expect("ASCII");
        assert!(out.contains("\x1b[?1000h\x1b[?1006h"), "{out:?}");
        for motion in ["?1002h", "?1003h", "?1015h"] {
            assert!(!out.contains(motion), "{motion} in {out:?}");
        }
        assert!(out.starts_with("\x1b[?1049h"), "{out:?}");
    }
}

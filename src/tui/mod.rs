//! The interactive reader and library; the only code that touches the terminal.
//!
//! Input is checked before the terminal is touched. The terminal is restored
//! however the app ends: quit, Ctrl-c, a panic (hook), SIGTERM or SIGHUP.

pub mod action;
pub mod app;
pub mod keymap;
pub mod library;
pub mod reader;
pub mod theme;
pub mod ui;
pub mod update;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::Terminal;
use ratatui::backend::Backend;

use crate::Outcome;
use crate::article::Article;
use crate::cli::OpenArgs;
use crate::layout::Document;

pub use action::{Action, Effect};
pub use app::{App, Screen};
pub use reader::{Config, Reader};
pub use update::update;

/// The widest the reader's text column is unless `--width` says otherwise.
pub const DEFAULT_TEXT_WIDTH: u16 = 100;

/// Articles larger than this open in two steps: the start is shown at once
/// while the whole is parsed and laid out on a thread.
pub const QUICK_START_BYTES: usize = 256 * 1024;

/// How much of a large article the first screen is laid out from.
const QUICK_START_PREFIX: usize = 64 * 1024;

/// One input for the event loop.
#[derive(Debug, Clone)]
pub enum Input {
    /// A terminal event.
    Event(Event),
    /// Nothing happened before the timeout.
    Idle,
    /// Stop: the input is closed, or a signal asked to quit.
    Closed,
}

/// Where the event loop's input comes from: the terminal, or a script in tests.
pub trait Events {
    /// The next input, waiting at most `timeout`.
    fn next(&mut self, timeout: Duration) -> io::Result<Input>;
}

/// The whole of a large article, parsed and laid out on a thread.
pub struct Loaded {
    /// The article.
    pub article: Article,
    /// Its layout at the width the reader had when loading began.
    pub doc: Document,
}

/// Runs the app on `terminal` until it quits or `events` closes. `loading`
/// delivers the whole article when the first reader shows only its start.
pub fn run_app<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &mut impl Events,
    mut loading: Option<mpsc::Receiver<Loaded>>,
) -> anyhow::Result<()>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    let mut dirty = true;
    // An event read ahead while coalescing resizes, and whether the input
    // closed meanwhile.
    let mut pending: Option<Event> = None;
    let mut closed = false;
    loop {
        if closed && pending.is_none() {
            // Draw what the last events did, then stop.
            terminal.draw(|frame| ui::draw(frame, app))?;
            return Ok(());
        }
        if dirty {
            // The one full parse the library does: the selected article's
            // preview, cached, read here because update does no I/O.
            if let Some(s) = app.library_mut() {
                s.ensure_preview();
            }
            terminal.draw(|frame| ui::draw(frame, app))?;
            dirty = false;
        }
        if let Some(rx) = &loading {
            match rx.try_recv() {
                Ok(loaded) => {
                    install(app, loaded);
                    loading = None;
                    dirty = true;
                    continue;
                }
                Err(mpsc::TryRecvError::Empty) => {}
                Err(mpsc::TryRecvError::Disconnected) => {
                    loading = None;
                    loading_failed(app);
                    dirty = true;
                }
            }
        }
        let timeout = if loading.is_some() {
            Duration::from_millis(10)
        } else {
            Duration::from_millis(250)
        };
        let input = match pending.take() {
            Some(event) => Input::Event(event),
            None => events.next(timeout)?,
        };
        let mut event = match input {
            Input::Closed => return Ok(()),
            Input::Idle => continue,
            Input::Event(e) => e,
        };
        // Dragging a window's edge sends a burst of resizes; each one lays a
        // large article out again, so only the last of a burst is used.
        while matches!(event, Event::Resize(..)) {
            match events.next(Duration::ZERO)? {
                Input::Event(next @ Event::Resize(..)) => event = next,
                Input::Event(other) => {
                    pending = Some(other);
                    break;
                }
                Input::Idle => break,
                Input::Closed => {
                    closed = true;
                    break;
                }
            }
        }
        let Some(action) = to_action(app, &event) else {
            continue;
        };
        // Most keys act on the whole article: wait for it if it is still
        // loading. Scrolling and typing work on the start shown meanwhile.
        if !works_on_the_start(&action) {
            if let Some(rx) = loading.take() {
                match rx.recv() {
                    Ok(loaded) => install(app, loaded),
                    Err(_) => loading_failed(app),
                }
            }
        }
        dirty = true;
        match update(app, action) {
            None => {}
            Some(Effect::Quit) => return Ok(()),
            Some(Effect::Back) => {
                // The last screen stays, so that its state can be read after the loop.
                if app.screens.len() <= 1 {
                    return Ok(());
                }
                app.screens.pop();
            }
            Some(Effect::Open(path)) => match Article::load(&path) {
                Ok(article) => app.open_reader(article),
                Err(err) => match app.screens.last_mut() {
                    Some(Screen::Reader(r)) => r.message = Some(err.to_string()),
                    Some(Screen::Library(s)) => s.message = Some(err.to_string()),
                    None => {}
                },
            },
        }
    }
}

/// The action for a terminal event in the app's current mode.
pub fn to_action(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => keymap::action_for(app.mode(), key),
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => Some(Action::Wheel {
                column: m.column,
                row: m.row,
                down: true,
            }),
            MouseEventKind::ScrollUp => Some(Action::Wheel {
                column: m.column,
                row: m.row,
                down: false,
            }),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                column: m.column,
                row: m.row,
            }),
            _ => None,
        },
        _ => None,
    }
}

/// True for actions that make sense on the start of an article that is still
/// loading (the first screen shows some hundred screens of it).
fn works_on_the_start(action: &Action) -> bool {
    matches!(
        action,
        Action::Resize(..)
            | Action::LineDown
            | Action::LineUp
            | Action::PageDown
            | Action::PageUp
            | Action::HalfPageDown
            | Action::HalfPageUp
            | Action::Top
            | Action::ToggleHelp
            | Action::SearchStart
            | Action::SearchInput(_)
            | Action::SearchBackspace
            | Action::SearchAbort
            | Action::Wheel { .. }
    )
}

/// The loading thread ended without the article: keep showing its start.
fn loading_failed(app: &mut App) {
    if let Some(Screen::Reader(r)) = app.screens.first_mut() {
        if r.partial {
            r.partial = false;
            r.message = Some("only the start of this article could be loaded".into());
        }
    }
}

fn install(app: &mut App, loaded: Loaded) {
    // The quick start only happens for the first screen.
    if let Some(Screen::Reader(r)) = app.screens.first_mut() {
        if r.partial {
            r.replace_article(loaded.article, Some(loaded.doc));
        }
    }
}

/// The terminal's events, and a stop flag raised by SIGTERM or SIGHUP.
struct TerminalEvents {
    stop: Arc<AtomicBool>,
}

impl Events for TerminalEvents {
    fn next(&mut self, timeout: Duration) -> io::Result<Input> {
        if self.stop.load(Ordering::SeqCst) {
            return Ok(Input::Closed);
        }
        if event::poll(timeout)? {
            return Ok(Input::Event(event::read()?));
        }
        if self.stop.load(Ordering::SeqCst) {
            return Ok(Input::Closed);
        }
        Ok(Input::Idle)
    }
}

/// How long the event loop gets to end by itself after SIGTERM or SIGHUP.
const SIGNAL_GRACE: Duration = Duration::from_millis(500);

/// Raises the returned flag on SIGTERM or SIGHUP, so that the event loop ends
/// and the terminal is restored the ordinary way. When the terminal has hung
/// up, crossterm can be stuck reading it and the loop never sees the flag; so
/// after [`SIGNAL_GRACE`] the watcher restores what it can and ends the process.
fn watch_signals() -> io::Result<Arc<AtomicBool>> {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    let stop = Arc::new(AtomicBool::new(false));
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP])?;
    let flag = Arc::clone(&stop);
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                flag.store(true, Ordering::SeqCst);
                std::thread::sleep(SIGNAL_GRACE);
                restore_terminal();
                std::process::exit(128 + signal);
            }
        })?;
    Ok(stop)
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
        crossterm::execute!(
            io::stdout(),
            crossterm::terminal::EnterAlternateScreen,
            crossterm::event::EnableMouseCapture,
            crossterm::cursor::Hide
        )?;
        Ok(guard)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

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

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
}

fn config(args: &OpenArgs) -> Config {
    Config {
        max_width: args
            .width
            .unwrap_or(DEFAULT_TEXT_WIDTH)
            .min(crate::layout::MAX_WIDTH),
        color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        layouter: crate::layout::layout,
    }
}

/// The start of a large file, cut after a blank line so that no block is
/// cut in the middle of the first screen. A file with no blank line soon
/// after the first [`QUICK_START_PREFIX`] bytes (one huge table, list or
/// paragraph) is cut at the end of a line instead, which still gives a
/// valid start of that block.
pub fn quick_start_prefix(bytes: &[u8]) -> &[u8] {
    let from = QUICK_START_PREFIX.min(bytes.len());
    let window = &bytes[from..bytes.len().min(from.saturating_mul(2))];
    if let Some(p) = window.windows(2).position(|w| w == b"\n\n") {
        return &bytes[..from + p + 1];
    }
    match bytes[from..].iter().position(|&b| b == b'\n') {
        Some(p) => &bytes[..from + p + 1],
        None => bytes,
    }
}

/// Opens the article at `path` in the reader.
pub fn run_reader(path: &Path, args: &OpenArgs) -> anyhow::Result<Outcome> {
    // Read before touching the terminal, so that an error is a plain message.
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => {
            eprintln!(
                "quire: {}: {err}",
                crate::sanitize::sanitize_line(&path.display().to_string())
            );
            return Ok(Outcome::Failure);
        }
    };
    let config = config(args);
    let quick = bytes.len() > QUICK_START_BYTES;
    let first = if quick {
        Article::from_bytes(path, quick_start_prefix(&bytes))
    } else {
        Article::from_bytes(path, &bytes)
    };

    let stop = watch_signals()?;
    let guard = TerminalGuard::enter()?;
    let mut terminal = Terminal::new(ratatui::backend::CrosstermBackend::new(io::stdout()))?;
    let size = terminal.size()?;
    let mut app = App::new(config, size.width, size.height);
    let loading = if quick {
        app.open_partial_reader(first);
        // The first screen goes out before the loading thread competes for the CPU.
        terminal.draw(|frame| ui::draw(frame, &app))?;
        let (tx, rx) = mpsc::channel();
        let width = app.reader().map_or(80, |r| r.doc.width);
        let path: PathBuf = path.to_path_buf();
        std::thread::spawn(move || {
            let article = Article::from_bytes(&path, &bytes);
            let doc = reader::lay_out(&config, &article, width);
            let _ = tx.send(Loaded { article, doc });
        });
        Some(rx)
    } else {
        app.open_reader(first);
        None
    };

    let mut events = TerminalEvents { stop };
    let result = run_app(&mut terminal, &mut app, &mut events, loading);
    drop(terminal);
    drop(guard);
    result?;
    // Warnings wait until the screen is back, where the reader can see them.
    if let Some(Screen::Reader(r)) = app.screens.first() {
        for w in &r.article.warnings {
            eprintln!("quire: warning: {w}");
        }
    }
    Ok(Outcome::Success)
}

/// Opens the folder at `dir` as a library, filtered as `args` asks.
pub fn run_library(dir: &Path, args: &OpenArgs) -> anyhow::Result<Outcome> {
    // Scan before touching the terminal, so that an error is a plain message.
    let lib = match crate::library::scan(dir) {
        Ok(lib) => lib,
        Err(err) => {
            eprintln!("quire: {err}");
            return Ok(Outcome::Failure);
        }
    };
    let filter = crate::library::Filter {
        text: String::new(),
        tags: args.tags.clone(),
        mode: if args.any {
            crate::library::TagMode::Any
        } else {
            crate::library::TagMode::All
        },
        drafts: !args.no_drafts,
    };

    let stop = watch_signals()?;
    let guard = TerminalGuard::enter()?;
    let mut terminal = Terminal::new(ratatui::backend::CrosstermBackend::new(io::stdout()))?;
    let size = terminal.size()?;
    let mut app = App::new(config(args), size.width, size.height);
    app.open_library(library::LibraryScreen::new(lib, filter, size.height));

    let mut events = TerminalEvents { stop };
    let result = run_app(&mut terminal, &mut app, &mut events, None);
    drop(terminal);
    drop(guard);
    result?;
    Ok(Outcome::Success)
}

//! The interactive reader and library; the only code that touches the
//! terminal. This file is the event loop: events become actions, actions go
//! through [`update`], queued jobs go to an [`Executor`], finished jobs come
//! back as messages ([`Msg::Done`]), and the screen is drawn when something
//! changed.
//!
//! Input is checked before the terminal is taken ([`terminal`] takes it and
//! gives it back on every exit).
//!
//! The layers, each importing only those before it (`.ci/layering` checks):
//! the leaves ([`runtime`], [`action`], [`settings`], [`text`]); the features
//! ([`reader`], [`library`], [`search`], [`state`]: a screen's state, its own
//! update, its jobs and where their results land in it: `reader::jobs`,
//! `library::jobs`); [`keymap`] (keys to actions, and each action's words);
//! [`jobs`] (the app's job list: one variant a feature); [`app`] (the stack,
//! each feature's part that works on the whole app, and `app::inflight`, who
//! waits for each job); [`update`] (the order a message reaches overlays and
//! screens, one place where finished jobs land or are dropped as stale, one
//! `reconcile` after every message); [`ui`], which only reads.

pub mod action;
pub mod app;
pub mod browser;
pub mod editor;
pub mod help;
pub mod host;
pub mod jobs;
pub mod keymap;
pub mod library;
pub mod message;
pub mod reader;
pub mod runtime;
pub mod search;
pub mod settings;
pub mod state;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod ui;
pub mod update;

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::Terminal;
use ratatui::backend::Backend;

use crate::Outcome;
use crate::article::Article;
use crate::article::FileStamp;
use crate::cli::OpenArgs;
use crate::config::Config as UserConfig;

pub use action::{Action, Effect};
pub use app::{App, Screen, memory};
pub use jobs::{Executor, Inline, Pool};
pub use message::Msg;
pub use reader::ReaderScreen;
pub use settings::{Config, DEFAULT_TEXT_WIDTH, LayoutFn, Layouter};
pub use terminal::{TerminalGuard, restore_terminal};
pub use update::update;

/// Articles larger than this open in two steps: the start is shown at once
/// while the whole is parsed and laid out on a background job.
pub const QUICK_START_BYTES: usize = 256 * 1024;

/// How much of a large article the first screen is laid out from.
const QUICK_START_PREFIX: usize = 64 * 1024;

/// Worker threads for background jobs: this many jobs run at once.
const WORKERS: usize = 2;

/// One input for the event loop.
#[derive(Debug, Clone)]
pub enum Input {
    /// A terminal event.
    Event(Event),
    /// Nothing happened before the timeout.
    Idle,
    /// Stop: the input is closed, or a signal asked to quit.
    Closed,
    /// The process was stopped by a signal and has just been resumed.
    Resumed,
}

/// Where the event loop's input comes from: the terminal, or a script in tests.
pub trait Events {
    /// The next input, waiting at most `timeout`.
    fn next(&mut self, timeout: Duration) -> io::Result<Input>;
}

/// How long the loop waits for input while a job is running, so that its
/// result shows promptly.
const BUSY_POLL: Duration = Duration::from_millis(10);

/// How long the loop waits for input when nothing else can happen.
const IDLE_POLL: Duration = Duration::from_millis(250);

/// How often the loop sends [`Msg::Tick`].
const TICK_EVERY: Duration = Duration::from_secs(1);

/// Runs the app on `terminal` until it quits or `events` closes, running
/// the jobs it asks for on `executor`.
pub fn run_app<B: Backend + host::Host>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &mut impl Events,
    executor: &mut impl Executor<jobs::Job>,
) -> anyhow::Result<()>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    let mut dirty = true;
    // An event read ahead while coalescing resizes, and whether the input
    // closed meanwhile.
    let mut pending: Option<Event> = None;
    let mut closed = false;
    let mut last_tick = std::time::Instant::now();
    loop {
        for (id, job) in app.jobs.take() {
            executor.spawn(id, job);
        }
        if let Some(done) = executor.try_next() {
            update(app, Msg::Done(Box::new(done)));
            dirty = true;
            continue;
        }
        if closed && pending.is_none() {
            // Draw what the last events did, then stop.
            terminal.draw(|frame| ui::draw(frame, app))?;
            return Ok(());
        }
        if dirty {
            terminal.draw(|frame| ui::draw(frame, app))?;
            dirty = false;
        }
        // A streaming scan is not a busy worker, but its rows should show promptly.
        let timeout = if executor.busy() || memory::streaming(app) {
            BUSY_POLL
        } else {
            IDLE_POLL
        };
        let input = match pending.take() {
            Some(event) => Input::Event(event),
            None => events.next(timeout)?,
        };
        if last_tick.elapsed() >= TICK_EVERY {
            last_tick = std::time::Instant::now();
            update(app, Msg::Tick(last_tick));
        }
        let mut event = match input {
            Input::Closed => return Ok(()),
            Input::Idle => continue,
            // The terminal was given back while stopped: every cell anew.
            Input::Resumed => {
                terminal.clear()?;
                dirty = true;
                continue;
            }
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
                Input::Resumed => {
                    terminal.clear()?;
                    break;
                }
                Input::Closed => {
                    closed = true;
                    break;
                }
            }
        }
        let Some(action) = to_action(app, &event) else {
            continue;
        };
        dirty = true;
        match update(app, action) {
            None => {}
            Some(Effect::Quit) => return Ok(()),
            Some(Effect::Back) => {
                // The last screen stays, so that its state can be read after the loop.
                if app.screens.len() <= 1 {
                    return Ok(());
                }
                app.pop_screen();
                app.opening = None;
            }
            // `update` turns an article to open into a job.
            Some(Effect::Open(_)) => {}
            // Forget what the screen shows: the next draw writes every cell.
            Some(Effect::Redraw) => terminal.clear()?,
            Some(Effect::Suspend) => {
                terminal::suspend()?;
                terminal.clear()?;
            }
            Some(Effect::Copy(text)) => {
                if let Err(e) = terminal.backend_mut().copy(&text) {
                    update::set_message(app, format!("could not copy: {e}"));
                }
            }
            Some(Effect::Edit { path, line }) => {
                // Reloaded only when the editor changed the file: a reload
                // would say "reloaded" over why the editor failed.
                let before = crate::article::FileStamp::of_path(&path);
                let result = editor::from_env(&path, line).and_then(|mut cmd| {
                    terminal
                        .backend_mut()
                        .run_in_terminal(&mut cmd)
                        .map_err(|e| format!("could not start the editor: {e}"))
                });
                terminal.clear()?;
                match result {
                    Ok(status) if !status.success() => {
                        update::set_message(app, format!("the editor ended with {status}"));
                    }
                    Ok(_) => {}
                    Err(message) => update::set_message(app, message),
                }
                if crate::article::FileStamp::of_path(&path) != before {
                    app.reload_after_edit(&path);
                }
            }
        }
    }
}

/// The action for a terminal event in the app's current mode.
pub fn to_action(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            app.keymap.action_for(app.mode(), key)
        }
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

/// The app's settings from the command line over the config file, and the
/// keymap with the config's keys (warnings go to stderr now, before the
/// screen is taken). The terminal is asked for its background here, before
/// raw mode.
fn config(args: &OpenArgs, user: &UserConfig) -> (Config, keymap::Keymap) {
    let settings = user.settings();
    let (keymap, warnings) = keymap::from_config(user);
    for w in &warnings {
        eprintln!("quire: warning: {w}");
    }
    let max_width = args.width.unwrap_or(settings.width);
    if max_width > crate::layout::MAX_WIDTH {
        eprintln!(
            "quire: warning: width {max_width} is more than {} columns; using {}",
            crate::layout::MAX_WIDTH,
            crate::layout::MAX_WIDTH
        );
    }
    let config = Config {
        max_width: max_width.min(crate::layout::MAX_WIDTH),
        theme: user.theme_for(true, crate::theme::ask_terminal),
        outline: settings.outline,
        outline_width: settings.outline_width,
        layouter: Layouter::Quire,
        image_rows: 0,
        picture_cell: crate::layout::PICTURE_CELL,
        wrap_code: false,
        hyperlinks: settings.hyperlinks,
    };
    (config, keymap)
}

/// An app on a `width` x `height` terminal with the user's settings and keys.
fn new_app(args: &OpenArgs, user: &UserConfig, width: u16, height: u16) -> App {
    let (config, keymap) = config(args, user);
    let mut app = App::new(config, width, height);
    app.keymap = keymap;
    app::pictures::configure(&mut app, args.images.map(|a| a.mode()), &user.settings());
    // Whatever was opened, an address met later is fetched with the user's
    // `[remote]` settings.
    app.remote.settings = Some(crate::remote::Settings::from_config(&user.remote));
    app.remote.no_state = args.state.no_state;
    app
}

/// The start of a large file, cut after a blank line so that no block is
/// cut in the middle of the first screen. A file with no blank line soon
/// after the first [`QUICK_START_PREFIX`] bytes (one huge table, list or
/// paragraph) is cut at the end of a line instead, which still gives a
/// valid start of that block; a file of one huge line is cut after a space
/// (else at a character boundary) so that it too shows at once.
pub fn quick_start_prefix(bytes: &[u8]) -> &[u8] {
    let from = QUICK_START_PREFIX.min(bytes.len());
    let window = &bytes[from..bytes.len().min(from.saturating_mul(2))];
    if let Some(p) = window.windows(2).position(|w| w == b"\n\n") {
        return &bytes[..from + p + 1];
    }
    if let Some(p) = window.iter().position(|&b| b == b'\n') {
        return &bytes[..from + p + 1];
    }
    if bytes.len() <= QUICK_START_BYTES {
        return bytes;
    }
    let cut = match window.iter().position(|&b| b == b' ') {
        Some(p) => from + p + 1,
        // Not inside a UTF-8 sequence: continuation bytes are 0b10xxxxxx.
        None => (from..bytes.len())
            .find(|&i| bytes[i] & 0xC0 != 0x80)
            .unwrap_or(bytes.len()),
    };
    &bytes[..cut]
}

/// Reads an article's bytes before the terminal is taken, so that an error
/// is a plain message.
fn read_article(path: &Path) -> Option<(PathBuf, Vec<u8>, Option<FileStamp>)> {
    match crate::article::read_file_stamped(path) {
        Ok((bytes, stamp)) => Some((path.to_path_buf(), bytes, Some(stamp))),
        Err(err) => {
            // The error names the path, made safe for the terminal.
            eprintln!("quire: {err}");
            None
        }
    }
}

/// Runs `app` on the terminal with a pool of workers; the outcome says
/// whether a signal ended it.
fn run_on_terminal(mut app: App) -> anyhow::Result<(App, Option<i32>)> {
    let mut pool = Pool::new(WORKERS)?;
    let ((), signal) = terminal::with_terminal(|terminal, events| {
        // The terminal is asked what pictures it can show before its
        // events are read, so that its answer is not taken for keys.
        app.pictures.detect();
        app::pictures::use_terminal_cell(&mut app);
        let size = terminal.size()?;
        if (size.width, size.height) != app.size {
            update(&mut app, Action::Resize(size.width, size.height));
        }
        run_app(terminal, &mut app, events, &mut pool)
    })?;
    Ok((app, signal))
}

/// The outcome of a run that a signal may have ended.
fn outcome(signal: Option<i32>) -> Outcome {
    match signal {
        Some(n) => Outcome::Signal(n),
        None => Outcome::Success,
    }
}

/// Opens the article at `path` in the reader (`-`: standard input, read
/// while the reader is up).
pub fn run_reader(requested: &Path, args: &OpenArgs, user: &UserConfig) -> anyhow::Result<Outcome> {
    if crate::stdin::is_dash(requested) {
        return run_stdin(args, user);
    }
    let Some((path, bytes, stamp)) = read_article(requested) else {
        return Ok(Outcome::Failure);
    };
    let path = path.as_path();
    let (width, height) = crossterm::terminal::size().unwrap_or((80, 24));
    let mut app = new_app(args, user, width, height);
    app.memory = memory::Memory::for_run(args.state.no_state);
    // The reader's "linked from" asks the link index in the same database.
    app.search = search::SearchShared::new(search::database_for_run(args.state.no_state));
    if bytes.len() > QUICK_START_BYTES {
        // The start shows at once; the whole follows from a background job.
        let first = Article::from_bytes(path, quick_start_prefix(&bytes));
        app.open_partial_reader(first, Arc::new(bytes));
    } else {
        app.open_draft(crate::article::Draft::from_bytes(path, &bytes));
    }
    if let Some(r) = app.reader_mut() {
        r.jobs.read = stamp;
    }
    app.watch_top_reader();
    memory::after_update(&mut app);
    finish_reader(run_on_terminal(app)?)
}

/// Reads standard input in the reader: the screen comes up at once and
/// says it is reading, what has come shows as it comes, and keys work
/// meanwhile (`q` quits while the pipe is still open).
fn run_stdin(args: &OpenArgs, user: &UserConfig) -> anyhow::Result<Outcome> {
    let (width, height) = crossterm::terminal::size().unwrap_or((80, 24));
    let mut app = new_app(args, user, width, height);
    app.memory = memory::Memory::for_run(args.state.no_state);
    app.search = search::SearchShared::new(search::database_for_run(args.state.no_state));
    let mut reader = ReaderScreen::reading_stdin(app.config, width, height);
    let job = reader.stdin_job(crate::article::max_file_bytes());
    reader.reading(app.jobs.push(reader::jobs::Job::Stdin(job)));
    app.screens.push(Screen::Reader(Box::new(reader)));
    finish_reader(run_on_terminal(app)?)
}

/// After the reader's run: its place saved, and the warnings said where
/// the reader can see them, now that the screen is back.
fn finish_reader((mut app, signal): (App, Option<i32>)) -> anyhow::Result<Outcome> {
    memory::save_at_exit(&mut app);
    memory::report_warnings(&app);
    if let Some(Screen::Reader(r)) = app.screens.first() {
        for w in &r.article.warnings {
            eprintln!("quire: warning: {w}");
        }
    }
    Ok(outcome(signal))
}

/// Opens `address` in the reader: the screen comes up at once and says
/// what is being fetched; the article (or a repository folder's listing)
/// takes its place when it has come.
pub fn run_remote(
    address: crate::remote::Address,
    args: &OpenArgs,
    user: &UserConfig,
) -> anyhow::Result<Outcome> {
    let (width, height) = crossterm::terminal::size().unwrap_or((80, 24));
    let mut app = new_app(args, user, width, height);
    app.memory = memory::Memory::for_run(args.state.no_state);
    let settings = crate::remote::Settings::from_config(&user.remote);
    app::remote::open_first(&mut app, address, settings, args.state.no_state);
    let (mut app, signal) = run_on_terminal(app)?;
    memory::save_at_exit(&mut app);
    memory::report_warnings(&app);
    Ok(outcome(signal))
}

/// Opens the folder at `dir` as a library, filtered as `args` asks.
pub fn run_library(dir: &Path, args: &OpenArgs, user: &UserConfig) -> anyhow::Result<Outcome> {
    // Check the folder before touching the terminal, so that an error is a
    // plain message; the scan itself streams in once the screen is up.
    if let Err(err) = memory::check_folder(dir) {
        eprintln!("quire: {err}");
        return Ok(Outcome::Failure);
    }
    let filter = args.tags.filter(!args.no_drafts && user.settings().drafts);
    let (width, height) = crossterm::terminal::size().unwrap_or((80, 24));
    let mut app = new_app(args, user, width, height);
    app.memory = memory::Memory::for_run(args.state.no_state);
    app.search = search::SearchShared::new(search::database_for_run(args.state.no_state));
    let options = crate::library::ScanOptions {
        no_ignore: args.state.no_ignore,
        threads: 0,
    };
    memory::open_library(&mut app, dir, filter, options);
    if let Some(screen) = app.library_mut() {
        screen.set_sort_key(user.settings().sort);
    }
    let (mut app, signal) = run_on_terminal(app)?;
    memory::save_at_exit(&mut app);
    memory::report_warnings(&app);
    Ok(outcome(signal))
}

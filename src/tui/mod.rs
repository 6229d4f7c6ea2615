//! The interactive reader and library; the only code that touches the
//! terminal. This file is the event loop: events become actions, actions go
//! through [`update`], queued jobs go to an [`Executor`], finished jobs come
//! back as messages ([`Msg::Done`]), and the screen is drawn when something
//! changed. Between turns the loop sleeps on one wait that both input and
//! job results end (the [`doorbell`]), at most until the clock's tick or a
//! deadline the app set ([`App::deadline`]): no timeout to poll on.
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
pub mod answer;
pub mod app;
pub mod browser;
pub mod cells_out;
pub mod doorbell;
pub mod editor;
pub mod followup;
pub mod help;
pub mod host;
pub mod input;
pub mod jobs;
pub mod keymap;
pub mod library;
pub mod message;
pub mod painter;
pub mod reader;
pub mod runtime;
pub mod search;
pub mod settings;
mod start;
pub mod state;
pub mod terminal;
#[cfg(test)]
mod test_rng;
pub mod text;
pub mod theme;
pub mod ui;
pub mod update;

use std::io;
use std::time::Duration;

use crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::Terminal;
use ratatui::backend::Backend;

pub use action::{Action, Effect};
pub use app::{App, Screen, memory};
pub use jobs::{Executor, Inline, Pool};
pub use message::Msg;
pub use reader::ReaderScreen;
pub use settings::{Config, DEFAULT_TEXT_WIDTH, LayoutFn, Layouter};
pub use start::{quick_start_prefix, run_library, run_reader, run_remote};
pub use terminal::{TerminalGuard, restore_terminal};
pub use update::update;

/// Articles larger than this open in two steps: the start is shown at once
/// while the whole is parsed and laid out on a background job.
pub const QUICK_START_BYTES: usize = 256 * 1024;

/// How much of a large article the first screen is laid out from: many
/// screens' worth, and little enough to lay out in well under a millisecond.
const QUICK_START_PREFIX: usize = 16 * 1024;

/// Worker threads for background jobs: this many jobs run at once.
const WORKERS: usize = 2;

/// One input for the event loop.
#[derive(Debug, Clone)]
pub enum Input {
    /// A terminal event.
    Event(Event),
    /// Nothing happened before the timeout, or a job's result woke the
    /// wait (the loop looks for results after every input).
    Idle,
    /// Stop: the input is closed, or a signal asked to quit.
    Closed,
    /// The process was stopped by a signal and has just been resumed.
    Resumed,
    /// The terminal's answer to the background question, `None` when it
    /// gave none in time (see [`Events::ask_background`]).
    Background(Option<crate::theme::Background>),
}

/// Where the event loop's input comes from: the terminal, or a script in tests.
pub trait Events {
    /// The next input, waiting at most `timeout`.
    fn next(&mut self, timeout: Duration) -> io::Result<Input>;

    /// Asks the terminal for its background colour; the answer comes as
    /// [`Input::Background`] among the next inputs. Scripted events have no
    /// terminal to ask.
    fn ask_background(&mut self) {}

    /// A waker that ends [`Events::next`]'s wait when a job hands back a
    /// result, if these events can be woken; the loop then waits for input
    /// and results at once, as long as it likes. Scripted events never
    /// wait, and need none.
    fn waker(&self) -> Option<runtime::Waker> {
        None
    }

    /// Stops reading the terminal, and returns once nothing reads it: an
    /// editor is about to get it, or the process to stop.
    fn pause(&mut self) {}

    /// Reads the terminal again after [`Events::pause`].
    fn resume(&mut self) {}
}

/// How long the loop waits for input while a job is running, when the
/// events cannot be woken by its result (see [`Events::waker`]).
const BUSY_POLL: Duration = Duration::from_millis(10);

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
    let mut painter = painter::Painter::default();
    // An event read ahead while coalescing resizes, and whether the input
    // closed meanwhile.
    let mut pending: Option<Event> = None;
    let mut closed = false;
    let mut last_tick = std::time::Instant::now();
    // The first frame goes out before any job starts, so that nothing
    // competes with it; the terminal may be asked questions after it.
    painter.draw(terminal, app)?;
    let mut dirty = false;
    if app::colours::ask_now(app) {
        events.ask_background();
    }
    // Woken by results, the wait needs no timeout but the clock's.
    let woken = match events.waker() {
        Some(waker) => {
            executor.wake_with(waker);
            true
        }
        None => false,
    };
    loop {
        for (id, job) in app.jobs.take() {
            executor.spawn(id, job);
        }
        if let Some((done, last)) = executor.try_next_last() {
            let id = done.id;
            update(app, Msg::Done(Box::new(done)));
            if last {
                // Nobody waits for it any more.
                app.jobs.ended(id);
            }
            dirty = true;
            continue;
        }
        if closed && pending.is_none() {
            // Draw what the last events did, then stop.
            painter.draw(terminal, app)?;
            return Ok(());
        }
        if dirty {
            painter.draw(terminal, app)?;
            dirty = false;
            // What waited for this frame starts now.
            for (id, job) in app.jobs.take_after_frame() {
                executor.spawn(id, job);
            }
            // The first frame is up: now the terminal may take its time.
            if app::colours::ask_now(app) {
                events.ask_background();
            }
        }
        let until_tick = TICK_EVERY.saturating_sub(last_tick.elapsed());
        // A streaming scan is not a busy worker, but its rows should show promptly.
        let mut timeout = if !woken && (executor.busy() || memory::streaming(app)) {
            BUSY_POLL.min(until_tick)
        } else {
            until_tick
        };
        if let Some(at) = app.deadline() {
            timeout = timeout.min(at.saturating_duration_since(std::time::Instant::now()));
        }
        let input = match pending.take() {
            Some(event) => Input::Event(event),
            None => events.next(timeout)?,
        };
        if last_tick.elapsed() >= TICK_EVERY {
            last_tick = std::time::Instant::now();
            update(app, Msg::Tick(last_tick));
        }
        if let Some(at) = app.deadline() {
            let now = std::time::Instant::now();
            if at <= now {
                // Whatever came meanwhile, the jobs it asks for start next
                // turn; what they bring is drawn when it comes.
                update(app, Msg::Deadline(now));
            }
        }
        let mut event = match input {
            Input::Closed => return Ok(()),
            Input::Idle => continue,
            Input::Background(background) => {
                update(app, Msg::Background(background));
                dirty = true;
                continue;
            }
            // The terminal was given back while stopped: every cell anew.
            Input::Resumed => {
                painter.clear(terminal)?;
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
                Input::Background(background) => {
                    update(app, Msg::Background(background));
                    break;
                }
                Input::Resumed => {
                    painter.clear(terminal)?;
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
                app.jobs.forget(app::inflight::Waiter::Opening);
            }
            // `update` turns an article to open into a job.
            Some(Effect::Open(_)) => {}
            // Forget what the screen shows: the next draw writes every cell.
            Some(Effect::Redraw) => painter.clear(terminal)?,
            Some(Effect::Suspend) => {
                events.pause();
                let suspended = terminal::suspend();
                events.resume();
                suspended?;
                painter.clear(terminal)?;
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
                    // Every key typed is the editor's until it ends.
                    events.pause();
                    let status = terminal.backend_mut().run_in_terminal(&mut cmd);
                    events.resume();
                    status.map_err(|e| format!("could not start the editor: {e}"))
                });
                painter.clear(terminal)?;
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

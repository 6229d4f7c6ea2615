//! How each way of opening quire starts the app: the settings from the
//! command line over the config file, the first article read before the
//! terminal is taken, and the reader, standard input, an address or a
//! library run on the terminal until it quits.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::Outcome;
use crate::article::{Article, FileStamp};
use crate::cli::OpenArgs;
use crate::config::Config as UserConfig;

use super::app::inflight::{Slot, Waiter};
use super::{
    Action, App, Config, Layouter, Pool, QUICK_START_BYTES, QUICK_START_PREFIX, ReaderScreen,
    Screen, WORKERS, app, keymap, memory, reader, run_app, search, terminal, update,
};

/// The app's settings from the command line over the config file, and the
/// keymap with the config's keys (warnings go to stderr now, before the
/// screen is taken), and for the `auto` theme what recolouring needs.
fn config(
    args: &OpenArgs,
    user: &UserConfig,
) -> (Config, keymap::Keymap, Option<app::colours::AutoTheme>) {
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
    let (theme, auto) = start_theme(user, args.state.no_state);
    let config = Config {
        max_width: max_width.min(crate::layout::MAX_WIDTH),
        theme,
        outline: settings.outline,
        outline_width: settings.outline_width,
        layouter: Layouter::Quire,
        image_rows: 0,
        picture_cell: crate::layout::PICTURE_CELL,
        wrap_code: false,
        hyperlinks: settings.hyperlinks,
    };
    (config, keymap, auto)
}

/// The theme to start with. For `auto` (without `NO_COLOR`) that is the
/// one for the terminal's last answer, remembered in the store (read-only,
/// well under a millisecond): the terminal is asked only after the first
/// frame, so a terminal that never answers keeps no start waiting.
fn start_theme(
    user: &UserConfig,
    no_state: bool,
) -> (crate::theme::Theme, Option<app::colours::AutoTheme>) {
    use crate::theme::{Theme, ThemeChoice};
    let unanswered = user.theme_for(true, || None);
    if user.theme.unwrap_or_default() != ThemeChoice::Auto || crate::theme::no_color() {
        return (unanswered, None);
    }
    let terminal = crate::store::terminal_key(|name| std::env::var(name).ok());
    let remembered = if crate::store::disabled(no_state) {
        None
    } else {
        crate::store::default_path().and_then(|path| crate::store::last_answer(&path, &terminal))
    };
    let auto = app::colours::AutoTheme {
        terminal,
        remembered,
        dark: user.paint(Theme::DARK),
        light: user.paint(Theme::LIGHT),
        unanswered,
        asked: false,
    };
    (auto.theme_for(remembered), Some(auto))
}

/// An app on a `width` x `height` terminal with the user's settings and keys.
fn new_app(args: &OpenArgs, user: &UserConfig, width: u16, height: u16) -> App {
    let (config, keymap, auto) = config(args, user);
    let mut app = App::new(config, width, height);
    app.keymap = keymap;
    app.auto_theme = auto;
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

/// An article's bytes as read before the terminal is taken: all of a small
/// file, only the start of a large one.
struct Read {
    path: PathBuf,
    bytes: Vec<u8>,
    stamp: Option<FileStamp>,
    /// True when `bytes` is the whole article.
    whole: bool,
}

/// Reads an article's bytes before the terminal is taken, so that an error
/// is a plain message. Of a large file only what the first screen is laid
/// out from is read; the rest is read on a job.
fn read_article(path: &Path) -> Option<Read> {
    // Enough for `quick_start_prefix` to find its cut.
    let start = QUICK_START_PREFIX as u64 * 2;
    let start = start.max(QUICK_START_BYTES as u64);
    match crate::article::read_file_start(path, start) {
        Ok((bytes, stamp, whole)) => Some(Read {
            path: path.to_path_buf(),
            bytes,
            stamp: Some(stamp),
            whole,
        }),
        Err(err) => {
            // The error names the path, made safe for the terminal.
            eprintln!("quire: {err}");
            None
        }
    }
}

/// Runs `app` on the terminal with a pool of workers; the outcome says
/// whether a signal ended it. With `jobs_first`, the jobs the app has
/// asked for start before the terminal is taken (a library's scan: its
/// first rows are its first screen, and the store opens beside the
/// terminal's setup); otherwise after the first frame, so that nothing
/// competes with it (a reader's first screen is the article's text).
fn run_on_terminal(mut app: App, jobs_first: bool) -> anyhow::Result<(App, Option<i32>)> {
    let mut pool = Pool::new(WORKERS)?;
    if jobs_first {
        for (id, job) in app.jobs.take() {
            super::runtime::Executor::spawn(&mut pool, id, job);
        }
    }
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
    let Some(Read {
        path,
        bytes,
        stamp,
        whole,
    }) = read_article(requested)
    else {
        return Ok(Outcome::Failure);
    };
    let path = path.as_path();
    let (width, height) = crossterm::terminal::size().unwrap_or((80, 24));
    let mut app = new_app(args, user, width, height);
    app.memory = memory::Memory::for_run(args.state.no_state);
    // The reader's "linked from" asks the link index in the same database.
    app.search = search::SearchShared::new(search::database_for_run(args.state.no_state));
    if !whole {
        // The start shows at once; the rest is read and laid out on a job.
        let first = Article::from_bytes(path, quick_start_prefix(&bytes));
        app.open_partial_file(first, bytes);
    } else if bytes.len() > QUICK_START_BYTES {
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
    finish_reader(run_on_terminal(app, false)?)
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
    let waiter = Waiter::Screen(reader.id, Slot::Reader(reader::jobs::Slot::Whole));
    reader.reading(app.jobs.ask(waiter, reader::jobs::Job::Stdin(job)));
    app.screens.push(Screen::Reader(Box::new(reader)));
    finish_reader(run_on_terminal(app, false)?)
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
    let (mut app, signal) = run_on_terminal(app, false)?;
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
    let sort = crate::library::Sort {
        key: user.settings().sort,
        reverse: false,
    };
    memory::open_library(&mut app, dir, filter, sort, options);
    let (mut app, signal) = run_on_terminal(app, true)?;
    memory::save_at_exit(&mut app);
    memory::report_warnings(&app);
    Ok(outcome(signal))
}

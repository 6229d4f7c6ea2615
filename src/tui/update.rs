//! `update(&mut App, Msg) -> Option<Effect>`: the only place state changes.
//! No I/O here: work that waits (files, layout of a large article) is queued
//! as a job on the app's outbox; its result comes back as [`Msg::Done`].
//! Each screen's own part lives beside it (`reader::update`, `library::update`,
//! `search::update`). A message is dispatched to the first part that takes it
//! (the order is [`STAGES`], written down there and decided nowhere else); a
//! finished job goes to whoever waits for it, looked up once in
//! [`App::waiter`] (the table of jobs in flight, `app/inflight.rs`), or is
//! dropped as stale there; then [`reconcile`] runs, after every message.

use super::action::{Action, Effect};
use super::app::inflight::Waiter;
use super::app::{App, Screen};
use super::jobs::{Done, JobId, Output};
use super::library::jobs::{self as library, Slot as LibrarySlot};
use super::message::Msg;
use super::reader::ReaderScreen;
use super::reader::jobs::{self as reader, Slot as ReaderSlot};

/// Carries out `msg` (an [`Action`] is a message too); returns what the
/// event loop must do beyond redrawing and starting the queued jobs.
pub fn update(app: &mut App, msg: impl Into<Msg>) -> Option<Effect> {
    let effect = dispatch(app, msg.into());
    reconcile(app);
    effect
}

/// After every message, whatever it was and whoever took it: what the
/// screens now want becomes jobs. In order: the layouts readers want at a
/// new width, the preview of the library's selected article, its link
/// counts when its rows need them, the memory of
/// readers that have none yet (and the top reader's progress), the pictures
/// near the top reader's screen. Each asks only for what is neither known
/// nor on its way, so running it again changes nothing.
pub fn reconcile(app: &mut App) {
    request_layouts(app);
    app.request_preview();
    app.request_link_counts();
    super::memory::after_update(app);
    super::app::pictures::after_update(app);
}

fn dispatch(app: &mut App, msg: Msg) -> Option<Effect> {
    let action = match msg {
        Msg::Tick(now) => {
            super::memory::tick(app, now);
            return None;
        }
        Msg::Done(done) => {
            finish(app, *done);
            return None;
        }
        Msg::Background(background) => {
            super::app::colours::answered(app, background);
            return None;
        }
        Msg::Action(action) => action,
    };
    for stage in STAGES {
        if let Some(effect) = stage(app, &action) {
            return effect;
        }
    }
    None
}

/// One part of the app an action may reach: `Some` when it took the
/// action (with what the loop must do), `None` to pass it on.
type Stage = fn(&mut App, &Action) -> Option<Option<Effect>>;

/// The order in which an action reaches the parts of the app; the first
/// that takes it ends the dispatch. This order is the contract:
/// 1. [`app_wide`]: quitting, redrawing, suspending, a resize (every
///    screen), the help's toggle and `F` over the library, whatever is open;
/// 2. [`help_overlay`]: an open help takes every other key (it scrolls or
///    closes, nothing under it moves);
/// 3. the reader's links and history ([`super::reader::follow`]), which may
///    put another article's reader on top;
/// 4. [`memory_verbs`]: `R` over the library and `m` anywhere;
/// 5. [`search_screen`]: the library search on top takes the rest;
/// 6. [`top_screen`]: the reader or library on top, its `Effect::Open`
///    turned into a job here.
pub const STAGES: [Stage; 6] = [
    app_wide,
    help_overlay,
    reader_links,
    memory_verbs,
    search_screen,
    top_screen,
];

fn app_wide(app: &mut App, action: &Action) -> Option<Option<Effect>> {
    match *action {
        Action::Quit => Some(Some(Effect::Quit)),
        Action::Redraw => Some(Some(Effect::Redraw)),
        Action::Suspend => Some(Some(Effect::Suspend)),
        Action::Resize(w, h) => {
            app.size = (w, h);
            for screen in &mut app.screens {
                match screen {
                    Screen::Reader(r) => r.resize(w, h),
                    Screen::Library(s) => s.resize(w, h),
                    Screen::Search(s) => s.resize(w, h),
                }
            }
            app.measure_help();
            Some(None)
        }
        Action::ToggleHelp => {
            app.toggle_help();
            Some(None)
        }
        Action::SearchLibrary if app.help.is_none() && app.library().is_some() => {
            super::app::search::open(app);
            Some(None)
        }
        _ => None,
    }
}

fn help_overlay(app: &mut App, action: &Action) -> Option<Option<Effect>> {
    let help = app.help.as_mut()?;
    let page = isize::try_from(help.rows.max(1)).unwrap_or(isize::MAX);
    let half = (page / 2).max(1);
    match action {
        Action::LineDown => help.scroll_by(1),
        Action::LineUp => help.scroll_by(-1),
        Action::PageDown => help.scroll_by(page),
        Action::PageUp => help.scroll_by(-page),
        Action::HalfPageDown => help.scroll_by(half),
        Action::HalfPageUp => help.scroll_by(-half),
        Action::Top => help.scroll = 0,
        Action::Bottom => help.scroll = help.max_scroll(),
        Action::Cancel | Action::Back => app.help = None,
        _ => {}
    }
    Some(None)
}

fn reader_links(app: &mut App, action: &Action) -> Option<Option<Effect>> {
    super::app::follow::update(app, action)
}

fn memory_verbs(app: &mut App, action: &Action) -> Option<Option<Effect>> {
    match action {
        Action::Rescan if app.library().is_some() => super::memory::rescan(app),
        Action::ToggleRead => super::memory::toggle_read(app),
        _ => return None,
    }
    Some(None)
}

fn search_screen(app: &mut App, action: &Action) -> Option<Option<Effect>> {
    if !matches!(app.screens.last(), Some(Screen::Search(_))) {
        return None;
    }
    Some(super::app::search::update(app, action.clone()))
}

fn top_screen(app: &mut App, action: &Action) -> Option<Option<Effect>> {
    let effect = match app.screens.last_mut() {
        Some(Screen::Reader(r)) => super::reader::update(r, action.clone()),
        Some(Screen::Library(s)) => super::library::update(s, action.clone()),
        Some(Screen::Search(_)) => None,
        None => Some(Effect::Quit),
    };
    Some(match effect {
        Some(Effect::Open(path)) => {
            app.request_open(path);
            None
        }
        other => other,
    })
}

/// Turns the layouts readers want into jobs.
fn request_layouts(app: &mut App) {
    for screen in &mut app.screens {
        let Screen::Reader(r) = screen else { continue };
        if let Some(width) = r.jobs.wanted.take() {
            let job = reader::Job::Layout {
                article: std::sync::Arc::clone(&r.article),
                config: *r.config(),
                width,
            };
            r.jobs.layout = Some(app.jobs.push(job));
        }
    }
}

/// Puts a finished job's result where it was asked for. Who waits for it
/// is looked up once ([`App::waiter`]); a result nobody waits for any more
/// (the user has moved past it) is dropped here, and only here.
fn finish(app: &mut App, done: Done) {
    let id = done.id;
    let Some(waiter) = app.waiter(id, &done.output) else {
        return;
    };
    match done.output {
        Output::Reader(output) => finish_reader(app, id, waiter, output),
        Output::Library(output) => finish_library(app, id, waiter, output),
        Output::Memory(output) => super::memory::finish(app, id, waiter, output),
        Output::Search(output) => super::app::search::finish(app, id, waiter, output),
        Output::Failed(reason) => match waiter {
            Waiter::Reader(i, slot) => {
                let Some(Screen::Reader(r)) = app.screens.get_mut(i) else {
                    return;
                };
                match slot {
                    ReaderSlot::Whole => {
                        r.jobs.whole = None;
                        r.partial = false;
                        r.deferred.clear();
                        r.message = Some("only the start of this article could be loaded".into());
                    }
                    ReaderSlot::Layout => r.jobs.layout = None,
                    _ => {}
                }
            }
            Waiter::Opening => {
                app.opening = None;
                set_message(app, reason);
            }
            _ => {}
        },
    }
}

/// A reader's job's result, for `waiter`.
fn finish_reader(app: &mut App, id: JobId, waiter: Waiter, output: reader::Output) {
    if super::app::follow::finish(app, id, &output) {
        return;
    }
    let top = app.screens.len().saturating_sub(1);
    match output {
        reader::Output::Opened(result) => app.arrive_opened(id, result),
        reader::Output::Whole(whole) => {
            let Waiter::Reader(i, _) = waiter else { return };
            let Some(Screen::Reader(r)) = app.screens.get_mut(i) else {
                return;
            };
            let (article, doc) = *whole;
            r.replace_article(article, Some(doc));
            let deferred = std::mem::take(&mut r.deferred);
            if i == top {
                for action in deferred {
                    let _ = update(app, action);
                }
            }
        }
        reader::Output::Laid(doc) => {
            if let Some(r) = reader_of(app, waiter) {
                r.install_layout(*doc);
            }
        }
        reader::Output::Changed(_) => {
            let config = app.config;
            let Waiter::Reader(i, _) = waiter else { return };
            let Some(Screen::Reader(r)) = app.screens.get_mut(i) else {
                return;
            };
            if !r.partial {
                let job = reader::Job::Reload {
                    path: r.article.path.clone(),
                    config,
                    width: r.geometry.text.width.max(1),
                };
                r.jobs.reload = Some(app.jobs.push(job));
            }
        }
        reader::Output::Reloaded(result) => {
            let Some(r) = reader_of(app, waiter) else {
                return;
            };
            r.jobs.reload = None;
            match result {
                Ok(reloaded) => {
                    let (article, doc) = *reloaded;
                    r.reload(article, doc);
                    r.message = Some("reloaded".into());
                }
                Err(reason) => {
                    r.message = Some(format!("{reason}: still showing what was read"));
                }
            }
        }
        reader::Output::Unwatched(reason) => {
            if let Some(r) = reader_of(app, waiter).filter(|_| !reason.is_empty()) {
                r.message = Some(reason);
            }
        }
        // Handled by the links above.
        reader::Output::Links(_) | reader::Output::Browsed(_) | reader::Output::Backlinks(_) => {}
        reader::Output::Image(output) => super::app::pictures::finish(app, id, waiter, *output),
        reader::Output::Fetch(output) => super::app::remote::finish(app, id, output),
        reader::Output::Stdin(output) => {
            let Waiter::Reader(i, _) = waiter else { return };
            let mut replay = Vec::new();
            if let Some(Screen::Reader(r)) = app.screens.get_mut(i) {
                if r.take_stdin(id, output) && i == top {
                    replay = std::mem::take(&mut r.deferred);
                }
            }
            for action in replay {
                let _ = update(app, action);
            }
        }
    }
}

/// The reader `waiter` names.
fn reader_of(app: &mut App, waiter: Waiter) -> Option<&mut ReaderScreen> {
    let Waiter::Reader(i, _) = waiter else {
        return None;
    };
    match app.screens.get_mut(i) {
        Some(Screen::Reader(r)) => Some(r),
        _ => None,
    }
}

/// The library's job's result, for `waiter`.
fn finish_library(app: &mut App, id: JobId, waiter: Waiter, output: library::Output) {
    match output {
        library::Output::Preview { entry, state } => {
            // A late preview is still the right one for its entry: keep it.
            for screen in &mut app.screens {
                if let Screen::Library(s) = screen {
                    s.set_preview(entry, state);
                    break;
                }
            }
        }
        library::Output::FolderChanged => {
            if matches!(waiter, Waiter::Library(_, LibrarySlot::Watch)) {
                super::memory::rescan(app);
            }
        }
        library::Output::Remote(output) => super::app::remote::finish_library(app, id, output),
        library::Output::LinkCounts(counts) => {
            if let Waiter::Library(i, LibrarySlot::LinkCounts) = waiter {
                if let Some(Screen::Library(l)) = app.screens.get_mut(i) {
                    l.set_link_counts(id, counts);
                }
            }
        }
        library::Output::Unwatched(reason) => {
            let Waiter::Library(i, _) = waiter else {
                return;
            };
            if let Some(Screen::Library(l)) = app.screens.get_mut(i) {
                if !reason.is_empty() {
                    l.message = Some(reason);
                }
            }
        }
    }
}

/// A note for the top screen's status line or footer.
pub(super) fn set_message(app: &mut App, message: String) {
    match app.screens.last_mut() {
        Some(Screen::Reader(r)) => r.message = Some(message),
        Some(Screen::Library(s)) => s.message = Some(message),
        Some(Screen::Search(s)) => s.message = Some(message),
        None => {}
    }
}

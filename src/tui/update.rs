//! `update(&mut App, Msg) -> Option<Effect>`: the only place state changes.
//! No I/O here: work that waits (files, layout of a large article) is queued
//! as a job on the app's outbox; its result comes back as [`Msg::Done`].
//! Each screen's own part lives beside it (`reader::update`, `library::update`,
//! `search::update`). A message is dispatched to the first part that takes it
//! (the order is [`STAGES`]); then [`reconcile`] runs, after every message.

use super::action::{Action, Effect};
use super::app::{App, Screen};
use super::jobs::{Done, Job, Output};
use super::message::Msg;

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
            let job = Job::Layout {
                article: std::sync::Arc::clone(&r.article),
                config: *r.config(),
                width,
            };
            r.jobs.layout = Some(app.jobs.push(job));
        }
    }
}

/// Puts a finished job's result where it was asked for, unless the user
/// has moved past it.
fn finish(app: &mut App, done: Done) {
    let id = done.id;
    if super::app::follow::finish(app, id, &done.output) {
        return;
    }
    match done.output {
        Output::Opened(result) => {
            if app.opening != Some(id) {
                return;
            }
            app.opening = None;
            match result {
                Ok(mut reader) => {
                    let (w, h) = app.size;
                    if reader.geometry.area.width != w || reader.geometry.area.height != h {
                        reader.resize(w, h);
                    }
                    if app.reader().is_some() {
                        // A followed link: the new article takes the reader's place.
                        super::app::follow::arrive(app, reader);
                    } else {
                        app.screens.push(Screen::Reader(reader));
                        app.watch_top_reader();
                    }
                }
                Err(message) => set_message(app, message),
            }
        }
        Output::Whole(whole) => {
            let (article, doc) = *whole;
            let mut replay = Vec::new();
            let top = app.screens.len().saturating_sub(1);
            for (i, screen) in app.screens.iter_mut().enumerate() {
                if let Screen::Reader(r) = screen {
                    if r.jobs.whole == Some(id) {
                        r.replace_article(article, Some(doc));
                        let deferred = std::mem::take(&mut r.deferred);
                        if i == top {
                            replay = deferred;
                        }
                        break;
                    }
                }
            }
            for action in replay {
                let _ = update(app, action);
            }
        }
        Output::Laid(doc) => {
            for screen in &mut app.screens {
                if let Screen::Reader(r) = screen {
                    if r.jobs.layout == Some(id) {
                        r.install_layout(*doc);
                        break;
                    }
                }
            }
        }
        Output::Preview { entry, state } => {
            // A late preview is still the right one for its entry: keep it.
            for screen in &mut app.screens {
                if let Screen::Library(s) = screen {
                    s.set_preview(entry, state);
                    break;
                }
            }
        }
        Output::Changed(_) => {
            let config = app.config;
            for screen in &mut app.screens {
                let Screen::Reader(r) = screen else { continue };
                if r.jobs.watch.as_ref().is_some_and(|(w, _)| *w == id) && !r.partial {
                    let job = Job::Reload {
                        path: r.article.path.clone(),
                        config,
                        width: r.geometry.text.width.max(1),
                    };
                    r.jobs.reload = Some(app.jobs.push(job));
                }
            }
        }
        Output::Reloaded(result) => {
            for screen in &mut app.screens {
                let Screen::Reader(r) = screen else { continue };
                if r.jobs.reload != Some(id) {
                    continue;
                }
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
                break;
            }
        }
        Output::FolderChanged => {
            let ours = app.screens.iter().any(|s| {
                matches!(s, Screen::Library(l) if l.watch.as_ref().is_some_and(|(w, _)| *w == id))
            });
            if ours {
                super::memory::rescan(app);
            }
        }
        Output::Unwatched(reason) => {
            if !reason.is_empty() {
                for screen in &mut app.screens {
                    if let Screen::Library(l) = screen {
                        if l.watch.as_ref().is_some_and(|(w, _)| *w == id) {
                            l.message = Some(reason.clone());
                        }
                    }
                }
            }
            for screen in &mut app.screens {
                let Screen::Reader(r) = screen else { continue };
                if r.jobs.watch.as_ref().is_some_and(|(w, _)| *w == id) && !reason.is_empty() {
                    r.message = Some(reason.clone());
                }
            }
        }
        // Handled by the links above.
        Output::Links(_) | Output::Browsed(_) | Output::Backlinks(_) => {}
        Output::LinkCounts(counts) => {
            for screen in &mut app.screens {
                if let Screen::Library(s) = screen {
                    s.set_link_counts(id, counts);
                    break;
                }
            }
        }
        Output::Memory(output) => super::memory::finish(app, id, output),
        Output::Search(output) => super::app::search::finish(app, id, output),
        Output::Image(output) => super::app::pictures::finish(app, id, *output),
        Output::Fetch(output) => super::app::remote::finish(app, id, output),
        Output::Failed(reason) => {
            for screen in &mut app.screens {
                if let Screen::Reader(r) = screen {
                    if r.jobs.whole == Some(id) {
                        r.jobs.whole = None;
                        r.partial = false;
                        r.deferred.clear();
                        r.message = Some("only the start of this article could be loaded".into());
                    }
                    if r.jobs.layout == Some(id) {
                        r.jobs.layout = None;
                    }
                }
            }
            if app.opening == Some(id) {
                app.opening = None;
                set_message(app, reason);
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

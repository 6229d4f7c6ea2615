//! `update(&mut App, Msg) -> Option<Effect>`: the only place state changes.
//! No I/O here: work that waits (files, layout of a large article) is asked
//! for as a job ([`Jobs::ask`](super::app::inflight::Jobs::ask): queued, and
//! noted in the one table of jobs in flight with the screen and slot that
//! waits for it); its result comes back as [`Msg::Done`].
//!
//! The layers, top down: this module and `tui/app` (the app: the stack of
//! screens, the table, what needs the whole app: opening an article,
//! following a link, a fetch) over the features (`reader`, `library`,
//! `search`, `state`: each screen's state, its own `update` for keys, its
//! jobs and its `finish` for their results), over the leaves (`runtime`,
//! `action`, `followup`, `settings`, `text`). Features never name the app
//! or this module (`.ci/layering`).
//!
//! A message is dispatched to the first part that takes it (the order is
//! [`STAGES`], written down there and decided nowhere else). A finished
//! job's result is routed once through the table ([`App::route`]), which
//! drops what is stale (no entry, its screen gone, a newer request in its
//! slot); the screen that asked takes the rest in its feature's `finish`,
//! which returns what follows as data ([`Followup`]: a job to ask for,
//! actions to replay, a note, a rescan), carried out here the same way for
//! every feature. Then [`reconcile`] runs, after every message.

use super::action::{Action, Effect};
use super::app::inflight::{Route, Slot, Waiter};
use super::app::{App, Screen};
use super::followup::Followup;
use super::jobs::{Done, Job, JobId, Output};
use super::message::Msg;
use super::reader::jobs::{self as reader, Slot as ReaderSlot};

/// Carries out `msg` (an [`Action`] is a message too); returns what the
/// event loop must do beyond redrawing and starting the queued jobs.
pub fn update(app: &mut App, msg: impl Into<Msg>) -> Option<Effect> {
    let effect = dispatch(app, msg.into());
    reconcile(app);
    effect
}

/// After every message, whatever it was and whoever took it: what the
/// screens now want becomes jobs. In order: what screens ask for on their
/// own ([`App::request_asks`]: the layouts readers want at a new width, the
/// preview of the top library's selected article and its link counts when
/// its rows need them), the memory of readers that have none yet (and the
/// top reader's progress), the pictures near the top reader's screen. Each
/// asks only for what is neither known nor on its way, so running it again
/// changes nothing.
pub fn reconcile(app: &mut App) {
    app.request_asks();
    super::memory::after_update(app);
    super::app::pictures::after_update(app);
}

fn dispatch(app: &mut App, msg: Msg) -> Option<Effect> {
    let action = match msg {
        Msg::Tick(now) => {
            super::memory::tick(app, now);
            return None;
        }
        Msg::Deadline(now) => {
            super::app::search::due(app, now);
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

/// Puts a finished job's result where it was asked for. Where is read
/// once from the table of jobs in flight ([`App::route`]); a result
/// nobody waits for any more (the user has moved past it) is dropped
/// there, and only there. The screen that asked takes the rest (its
/// feature's `finish`) and says what follows; the app's own slots (an
/// article opened, a fetch, the index, the writes) and the links that may
/// open another article are taken here and in `tui/app`.
fn finish(app: &mut App, done: Done) {
    let Done { id, output } = done;
    let Some(route) = app.route(id) else {
        return;
    };
    match (route, output) {
        (route, Output::Failed(reason)) => {
            // A job that panicked has no more to say.
            app.jobs.ended(id);
            failed(app, route, reason);
        }
        (Route::Opening, Output::Reader(reader::Output::Opened(result))) => {
            app.arrive_opened(result);
        }
        (Route::Opening, Output::Reader(reader::Output::Fetch(output))) => {
            super::app::remote::finish(app, id, output);
        }
        (Route::Reader(_, ReaderSlot::Links), Output::Reader(reader::Output::Links(table))) => {
            super::app::follow::links_arrived(app, table);
        }
        (Route::Reader(i, _), Output::Reader(output)) => {
            let config = app.config;
            let Some(Screen::Reader(r)) = app.screens.get_mut(i) else {
                return;
            };
            let followups = r.finish(output, &config);
            let note = |screen: &mut Screen, slot, id| {
                if let Screen::Reader(r) = screen {
                    r.asked(slot, id);
                }
            };
            carry_out(app, i, followups, Slot::Reader, note);
        }
        (Route::Library(i, _), Output::Library(output)) => {
            let Some(Screen::Library(l)) = app.screens.get_mut(i) else {
                return;
            };
            let followups = l.finish(output);
            let note = |screen: &mut Screen, slot, id| {
                if let Screen::Library(l) = screen {
                    l.asked(slot, id);
                }
            };
            carry_out(app, i, followups, Slot::Library, note);
        }
        (Route::Anyone, Output::Reader(output)) => {
            let top = app.screens.len().saturating_sub(1);
            carry_out(app, top, output.unclaimed(), Slot::Reader, |_, _, _| {});
        }
        (route, Output::Memory(output)) => super::memory::finish(app, id, route, output),
        (route, Output::Search(output)) => super::app::search::finish(app, route, output),
        _ => {}
    }
}

/// A job ended without a result (it panicked): the slot that waited for
/// it stops waiting, and an article being opened says why.
fn failed(app: &mut App, route: Route, reason: String) {
    match route {
        Route::Reader(i, slot) => {
            if let Some(Screen::Reader(r)) = app.screens.get_mut(i) {
                r.failed(slot);
            }
        }
        Route::Opening => set_message(app, reason),
        _ => {}
    }
}

/// Carries out what the screen at index `i` asked for after taking a
/// result: the jobs it asks for (each noted in the table for its slot, and
/// handed back to the screen by `note`), the actions it kept (when it is on
/// top), a note, a rescan. The same for every feature.
fn carry_out<J: Into<Job>, S: Copy>(
    app: &mut App,
    i: usize,
    followups: Vec<Followup<J, S>>,
    slot: fn(S) -> Slot,
    note: impl Fn(&mut Screen, S, JobId),
) {
    for followup in followups {
        match followup {
            Followup::Ask(s, job) => {
                let Some(screen) = app.screens.get_mut(i) else {
                    continue;
                };
                let id = app.jobs.ask(Waiter::Screen(screen.id(), slot(s)), job);
                note(screen, s, id);
            }
            Followup::Replay(actions) => {
                if i + 1 == app.screens.len() {
                    for action in actions {
                        let _ = update(app, action);
                    }
                }
            }
            Followup::Message(message) => set_message(app, message),
            Followup::Rescan => super::memory::rescan(app),
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

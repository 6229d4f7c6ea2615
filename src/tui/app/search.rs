//! The search screen's part of [`update`](crate::tui::update::update):
//! opening it from the library, keys, and the results of its jobs (the
//! table of jobs in flight routes them here, and has dropped a query's the
//! screen moved past). No I/O: queries, the index build and opening a
//! result are jobs.

use std::sync::atomic::Ordering;
use std::time::Instant;

use crate::tui::action::{Action, Effect};
use crate::tui::app::inflight::{Route, Slot, Waiter};
use crate::tui::app::{App, Screen};
use crate::tui::search::{SearchJob, SearchOutput, SearchScreen};

/// Results one turn of the mouse wheel moves the selection.
const WHEEL_HITS: isize = 3;

/// Opens the search screen over the library on top of the stack, and
/// brings the index of its folder up to date in the background.
pub fn open(app: &mut App) {
    let Some(lib) = app.library() else { return };
    if lib.source.remote().is_some() {
        if let Some(lib) = app.library_mut() {
            lib.message =
                Some("the library search reads folders on disk; / filters this one".into());
        }
        return;
    }
    let (w, h) = app.size;
    let screen = SearchScreen::new(lib, w, h);
    if app.search.build.is_none() {
        let job = SearchJob::Build {
            index: app.search.index.clone(),
            root: screen.root.clone(),
        };
        app.search.build = Some(app.jobs.ask(Waiter::IndexBuild, job));
        app.search.progress = None;
    }
    app.screens.push(Screen::Search(Box::new(screen)));
}

/// Carries out `action` on the search screen on top of the stack.
pub fn update(app: &mut App, action: Action) -> Option<Effect> {
    let Some(Screen::Search(s)) = app.screens.last_mut() else {
        return None;
    };
    s.message = None;
    let page = isize::try_from(s.visible_hits()).unwrap_or(isize::MAX);
    let mut typed = false;
    match action {
        Action::FilterInput(c) if s.typing => {
            s.input.push(c);
            typed = true;
        }
        Action::FilterBackspace if s.typing => typed = s.input.pop().is_some(),
        Action::FilterClearInput if s.typing => {
            typed = !s.input.is_empty();
            s.input.clear();
        }
        Action::FilterDeleteWord if s.typing => typed = crate::tui::text::delete_word(&mut s.input),
        Action::FilterKeep => s.typing = false,
        Action::FilterStart => s.typing = true,
        Action::LineDown => s.move_by(1),
        Action::LineUp => s.move_by(-1),
        Action::PageDown | Action::HalfPageDown => s.move_by(page),
        Action::PageUp | Action::HalfPageUp => s.move_by(-page),
        Action::Top => s.move_by(isize::MIN),
        Action::Bottom => s.move_by(isize::MAX),
        Action::Wheel { down, .. } => s.move_by(if down { WHEEL_HITS } else { -WHEEL_HITS }),
        Action::Click { row, .. } => {
            if let Some(at) = s.hit_at(row) {
                s.selected = at;
            }
        }
        Action::OpenSelected => {
            if s.current() {
                open_selected(app);
            } else if !s.input.trim().is_empty() {
                let paused = s.ask_at.is_some();
                // Enter ends the pause: the query is asked for now.
                if paused {
                    ask(app);
                }
                if let Some(Screen::Search(s)) = app.screens.last_mut() {
                    s.open_when_ready = true;
                }
            }
        }
        Action::Cancel | Action::Back => {
            // A query still running stops (its results would be dropped).
            s.latest().fetch_add(1, Ordering::AcqRel);
            return Some(Effect::Back);
        }
        _ => {}
    }
    if typed {
        typed_query(app);
    }
    None
}

/// The query on the top screen changed: asked for once typing has paused
/// for the debounce (the loop's deadline, [`deadline`]), at once when there
/// is none or the query was cleared. A query still running gives up now.
fn typed_query(app: &mut App) {
    let debounce = app.search.debounce;
    let Some(Screen::Search(s)) = app.screens.last_mut() else {
        return;
    };
    if debounce.is_zero() || s.input.trim().is_empty() {
        ask(app);
        return;
    }
    s.open_when_ready = false;
    s.ask_at = Some(Instant::now() + debounce);
    if s.waiting.take().is_some() {
        s.latest().fetch_add(1, Ordering::AcqRel);
        let waiter = Waiter::Screen(s.id, Slot::Search);
        app.jobs.forget(waiter);
    }
}

/// When the event loop must wake for the top screen's query: the end of
/// the pause in typing it waits for.
pub fn deadline(app: &App) -> Option<Instant> {
    match app.screens.last() {
        Some(Screen::Search(s)) => s.ask_at,
        _ => None,
    }
}

/// It is `now`: the top screen's query is asked for if typing has paused
/// long enough.
pub fn due(app: &mut App, now: Instant) {
    if deadline(app).is_some_and(|at| at <= now) {
        ask(app);
    }
}

/// Asks for the results of the query typed on the top screen now; older
/// queries still waiting give up, and their results are dropped.
fn ask(app: &mut App) {
    let Some(Screen::Search(s)) = app.screens.last_mut() else {
        return;
    };
    s.open_when_ready = false;
    s.ask_at = None;
    let waiter = Waiter::Screen(s.id, Slot::Search);
    if s.input.trim().is_empty() {
        s.latest().fetch_add(1, Ordering::AcqRel);
        s.waiting = None;
        app.jobs.forget(waiter);
        s.show(String::new(), Vec::new());
        return;
    }
    let number = s.latest().fetch_add(1, Ordering::AcqRel) + 1;
    let job = SearchJob::Query {
        index: app.search.index.clone(),
        root: s.root.clone(),
        text: s.input.clone(),
        scope: s.scope.clone(),
        latest: s.latest().clone(),
        number,
    };
    s.waiting = Some(app.jobs.ask(waiter, job));
}

/// Opens the selected result in a reader, on its section with the query.
fn open_selected(app: &mut App) {
    let Some(Screen::Search(s)) = app.screens.last_mut() else {
        return;
    };
    s.open_when_ready = false;
    let Some(hit) = s.selected_hit().cloned() else {
        if !s.input.trim().is_empty() {
            s.message = Some("nothing found".into());
        }
        return;
    };
    // Back from the reader, keys browse the results.
    s.typing = false;
    let job = SearchJob::Land {
        path: s.root.join(&hit.path),
        config: Box::new(app.config),
        size: app.size,
        anchor: hit.anchor.clone(),
        text: s.answered.clone(),
    };
    app.jobs.ask(Waiter::Opening, job);
}

/// Puts a search job's result where it was asked for: `route` says where
/// (the table of jobs in flight has dropped results for a query the screen
/// has moved past).
pub fn finish(app: &mut App, route: Route, output: SearchOutput) {
    match output {
        SearchOutput::Progress(p) if route == Route::IndexBuild => {
            app.search.progress = Some(p);
            refresh_results(app);
        }
        SearchOutput::Built(result) if route == Route::IndexBuild => {
            app.search.build = None;
            app.search.progress = None;
            match result {
                Ok(()) => refresh_results(app),
                Err(e) => {
                    if let Some(Screen::Search(s)) = app.screens.last_mut() {
                        s.message = Some(format!("the index could not be built: {e}"));
                    }
                }
            }
        }
        SearchOutput::Hits { text, hits } => {
            let Route::Search(i) = route else { return };
            let Some(Screen::Search(s)) = app.screens.get_mut(i) else {
                return;
            };
            s.finish(text, hits);
            let top = matches!(app.screens.last(), Some(Screen::Search(s)) if s.open_when_ready);
            if top {
                open_selected(app);
            }
        }
        SearchOutput::Progress(_) | SearchOutput::Built(_) | SearchOutput::Skipped => {}
        SearchOutput::Opened(result) => app.arrive_opened(result),
    }
}

/// Asks again, at once, for the results of the query on the top screen
/// (the index grew), unless one is on its way already.
fn refresh_results(app: &mut App) {
    if let Some(Screen::Search(s)) = app.screens.last() {
        if s.waiting.is_none() && s.ask_at.is_none() && !s.input.trim().is_empty() {
            ask(app);
        }
    }
}

//! The jobs in flight and who waits for each: one table from a job's id to
//! the screen and slot waiting for it (or the app's own slot: the article
//! being opened, the index build, a write). Every job is asked for through
//! [`Jobs::ask`], which queues it and notes its waiter, so none is
//! forgotten; a newer request for the same slot takes the older one's
//! place. [`App::route`] reads the table once per result, and
//! [`update`](crate::tui::update) drops there, and only there, what
//! nobody waits for any more: no entry, its screen gone (screens keep
//! their [`ScreenId`] as they move), or a newer request in its slot.
//!
//! Screens may still note an id in the slot that asked (a reader's
//! `jobs.layout`, a library's scan) to show that something is on its way;
//! the table alone says whether a result is stale.

use std::collections::HashMap;

use crate::tui::jobs::{Job, JobId, Outbox};
use crate::tui::library::jobs::Slot as LibrarySlot;
use crate::tui::reader::jobs::Slot as ReaderSlot;
use crate::tui::runtime::ScreenId;

use super::{App, Screen};

/// Who waits for a job's result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Waiter {
    /// The article being opened for the top of the stack (an open, a
    /// result landed on, a fetch).
    Opening,
    /// The library search's index build.
    IndexBuild,
    /// A write of the reading state, kept to be done again at exit.
    Write,
    /// A screen, for one of its slots.
    Screen(ScreenId, Slot),
    /// Nobody in particular: a result worth showing however late (a
    /// browser's outcome).
    Anyone,
}

/// Where in a screen a result lands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// A reader's.
    Reader(ReaderSlot),
    /// A library's.
    Library(LibrarySlot),
    /// The search screen's query.
    Search,
}

impl Waiter {
    /// True when a newer request for this waiter makes the older one's
    /// result stale; false for those that wait for many at once (writes,
    /// pictures, previews each for their own entry).
    fn one_at_a_time(self) -> bool {
        match self {
            Waiter::Opening | Waiter::IndexBuild => true,
            Waiter::Write | Waiter::Anyone => false,
            Waiter::Screen(_, Slot::Reader(slot)) => !slot.many(),
            Waiter::Screen(_, Slot::Library(slot)) => !slot.many(),
            Waiter::Screen(_, Slot::Search) => true,
        }
    }
}

/// The app's jobs: those asked for and not yet handed to an executor, and
/// who waits for each job in flight.
#[derive(Debug, Clone, Default)]
pub struct Jobs {
    outbox: Outbox,
    /// Jobs handed out only once the next frame is drawn.
    after_frame: Vec<(JobId, Job)>,
    waiting: HashMap<JobId, Waiter>,
}

impl Jobs {
    /// Queues `job` for `waiter` and returns its id; a request this waiter
    /// made before, one at a time, is no longer waited for.
    pub fn ask(&mut self, waiter: Waiter, job: impl Into<Job>) -> JobId {
        if waiter.one_at_a_time() {
            self.forget(waiter);
        }
        let id = self.outbox.push(job);
        self.waiting.insert(id, waiter);
        id
    }

    /// Queues `job` like [`Jobs::ask`], to be handed out only once the
    /// next frame is drawn ([`Jobs::take_after_frame`]): background work
    /// that must not compete with the frame that is due (a folder's watch,
    /// whose start looks at every file under it).
    pub fn ask_after_frame(&mut self, waiter: Waiter, job: impl Into<Job>) -> JobId {
        let id = self.ask(waiter, job);
        if let Some(queued) = self.outbox.take_id(id) {
            self.after_frame.push(queued);
        }
        id
    }

    /// Takes the jobs queued for after the frame that someone still waits
    /// for, oldest first.
    pub fn take_after_frame(&mut self) -> Vec<(JobId, Job)> {
        let mut jobs = std::mem::take(&mut self.after_frame);
        jobs.retain(|(id, _)| self.waiting.contains_key(id));
        jobs
    }

    /// Nobody waits any more for what `waiter` asked (the user moved past it).
    pub fn forget(&mut self, waiter: Waiter) {
        self.waiting.retain(|_, w| *w != waiter);
    }

    /// Job `id` has handed back its last result.
    pub fn ended(&mut self, id: JobId) {
        self.waiting.remove(&id);
    }

    /// Who waits for job `id`, if anyone.
    pub fn waiter(&self, id: JobId) -> Option<Waiter> {
        self.waiting.get(&id).copied()
    }

    /// How many jobs are waited for.
    pub fn in_flight(&self) -> usize {
        self.waiting.len()
    }

    /// Takes every queued job, oldest first.
    pub fn take(&mut self) -> Vec<(JobId, Job)> {
        self.outbox.take()
    }

    /// The jobs waiting to be handed out, oldest first.
    pub fn queued(&self) -> &[(JobId, Job)] {
        self.outbox.queued()
    }
}

/// Where a result goes, read from the table: the app's own slots, or a
/// screen by its place on the stack now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// The article being opened.
    Opening,
    /// The index build.
    IndexBuild,
    /// A write of the reading state.
    Write,
    /// The reader at this index of the stack, for this slot.
    Reader(usize, ReaderSlot),
    /// The library at this index of the stack, for this slot.
    Library(usize, LibrarySlot),
    /// The search screen at this index of the stack.
    Search(usize),
    /// Nobody in particular.
    Anyone,
}

impl Screen {
    /// The id of the screen.
    pub fn id(&self) -> ScreenId {
        match self {
            Screen::Reader(r) => r.id,
            Screen::Library(l) => l.id,
            Screen::Search(s) => s.id,
        }
    }
}

impl App {
    /// Where job `id`'s result goes; `None` when nobody waits for it any
    /// more: it was never asked for here, a newer request took its place,
    /// or its screen is no longer on the stack (then it is forgotten). A
    /// reader's links land only on the reader on top.
    pub fn route(&mut self, id: JobId) -> Option<Route> {
        let (screen, slot) = match self.jobs.waiter(id)? {
            Waiter::Opening => return Some(Route::Opening),
            Waiter::IndexBuild => return Some(Route::IndexBuild),
            Waiter::Write => return Some(Route::Write),
            Waiter::Anyone => return Some(Route::Anyone),
            Waiter::Screen(screen, slot) => (screen, slot),
        };
        let top = self.screens.len().saturating_sub(1);
        let found = self.screens.iter().position(|s| s.id() == screen);
        let route = found.and_then(|i| match (&self.screens[i], slot) {
            (Screen::Reader(_), Slot::Reader(slot)) => {
                (!slot.top_only() || i == top).then_some(Route::Reader(i, slot))
            }
            (Screen::Library(_), Slot::Library(slot)) => Some(Route::Library(i, slot)),
            (Screen::Search(_), Slot::Search) => Some(Route::Search(i)),
            _ => None,
        });
        if route.is_none() {
            self.jobs.ended(id);
        }
        route
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::article::Article;
    use crate::tui::reader::jobs::Job as ReaderJob;
    use crate::tui::settings::Config;

    fn job() -> ReaderJob {
        ReaderJob::Browse {
            command: Vec::new(),
        }
    }

    fn app_with_readers(n: usize) -> App {
        let mut app = App::new(Config::default(), 80, 24);
        for i in 0..n {
            let name = format!("{i}.md");
            app.open_reader(Article::from_bytes(Path::new(&name), b"# A\n\ntext\n"));
        }
        app
    }

    fn reader(app: &App, i: usize, slot: ReaderSlot) -> Waiter {
        Waiter::Screen(app.screens[i].id(), Slot::Reader(slot))
    }

    #[test]
    fn a_newer_request_for_a_slot_makes_the_older_result_stale() {
        let mut app = app_with_readers(1);
        let old = app.jobs.ask(Waiter::Opening, job());
        let new = app.jobs.ask(Waiter::Opening, job());
        assert_eq!(app.route(old), None);
        assert_eq!(app.route(new), Some(Route::Opening));
        let layout = reader(&app, 0, ReaderSlot::Layout);
        let old = app.jobs.ask(layout, job());
        let new = app.jobs.ask(layout, job());
        assert_eq!(app.route(old), None);
        assert_eq!(app.route(new), Some(Route::Reader(0, ReaderSlot::Layout)));
    }

    #[test]
    fn slots_that_wait_for_many_keep_every_request() {
        let mut app = app_with_readers(1);
        let picture = reader(&app, 0, ReaderSlot::Picture);
        let first = app.jobs.ask(picture, job());
        let second = app.jobs.ask(picture, job());
        let writes = [Waiter::Write, Waiter::Write].map(|w| app.jobs.ask(w, job()));
        let route = Some(Route::Reader(0, ReaderSlot::Picture));
        assert_eq!(app.route(first), route);
        assert_eq!(app.route(second), route);
        assert!(writes.iter().all(|&id| app.route(id) == Some(Route::Write)));
    }

    #[test]
    fn a_result_for_a_screen_gone_is_dropped_and_forgotten() {
        let mut app = app_with_readers(2);
        let whole = app.jobs.ask(reader(&app, 1, ReaderSlot::Whole), job());
        let below = app.jobs.ask(reader(&app, 0, ReaderSlot::Reload), job());
        app.pop_screen();
        let before = app.jobs.in_flight();
        assert_eq!(app.route(whole), None);
        assert_eq!(app.jobs.in_flight(), before - 1);
        assert_eq!(app.route(below), Some(Route::Reader(0, ReaderSlot::Reload)));
        app.jobs.ended(below);
        assert_eq!(app.route(below), None, "its last result came");
    }

    #[test]
    fn links_land_only_on_the_reader_on_top() {
        let mut app = app_with_readers(2);
        let under = app.jobs.ask(reader(&app, 0, ReaderSlot::Links), job());
        let top = app.jobs.ask(reader(&app, 1, ReaderSlot::Links), job());
        assert_eq!(app.route(under), None);
        assert_eq!(app.route(top), Some(Route::Reader(1, ReaderSlot::Links)));
    }

    #[test]
    fn what_nobody_waits_for_any_more_is_forgotten() {
        let mut app = app_with_readers(1);
        let opening = app.jobs.ask(Waiter::Opening, job());
        let browser = app.jobs.ask(Waiter::Anyone, job());
        app.jobs.forget(Waiter::Opening);
        assert_eq!(app.route(opening), None);
        assert_eq!(app.route(browser), Some(Route::Anyone));
        assert_eq!(app.route(12_345), None, "never asked for");
    }

    #[test]
    fn a_job_asked_after_the_frame_waits_apart_and_keeps_its_place() {
        let mut app = app_with_readers(1);
        let first = app.jobs.ask(Waiter::Write, job());
        let later = app.jobs.ask_after_frame(Waiter::Write, job());
        let next = app.jobs.ask(Waiter::Write, job());
        let now: Vec<JobId> = app.jobs.take().into_iter().map(|(id, _)| id).collect();
        assert_eq!(now, [first, next]);
        let after: Vec<JobId> = app
            .jobs
            .take_after_frame()
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        assert_eq!(after, [later]);
        assert!(app.jobs.take_after_frame().is_empty());
        assert_eq!(
            app.jobs.waiter(later),
            Some(Waiter::Write),
            "still waited for"
        );
    }
}

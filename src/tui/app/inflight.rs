//! The jobs in flight and who waits for each: one lookup from a job's id to
//! the slot that holds it (the app's own, or a screen of the stack and the
//! slot in it). A result no slot waits for is one the user has moved past:
//! [`update`](crate::tui::update) drops it there, in one place, and hands the
//! rest to the screen that asked.
//!
//! The ids stay in the slots that asked (a reader's `jobs.layout`, a
//! library's scan, a picture's `Pending`): that is how a screen shows that
//! something is on its way, and a newer request replacing an id there is
//! what makes the older result stale. This lookup reads them all.

use crate::tui::jobs::{JobId, Output};
use crate::tui::library::jobs::{Output as LibraryOutput, Slot as LibrarySlot};
use crate::tui::library::remote::RemoteOutput;
use crate::tui::reader::jobs::{Output as ReaderOutput, Slot as ReaderSlot};

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
    /// The reader at this index of the stack.
    Reader(usize, ReaderSlot),
    /// The library at this index of the stack.
    Library(usize, LibrarySlot),
    /// The search screen at this index of the stack, for its query.
    Search(usize),
    /// Nobody in particular: a result worth showing however late (a
    /// preview still fits its entry; a browser's outcome).
    Anyone,
}

impl App {
    /// Who waits for job `id`'s `output`; `None` when nobody does any more.
    pub fn waiter(&self, id: JobId, output: &Output) -> Option<Waiter> {
        if self.opening == Some(id) {
            return Some(Waiter::Opening);
        }
        if self.search.build == Some(id) {
            return Some(Waiter::IndexBuild);
        }
        if self.memory.pending.contains_key(&id) {
            return Some(Waiter::Write);
        }
        let top = self.screens.len().saturating_sub(1);
        for (i, screen) in self.screens.iter().enumerate() {
            let waiter = match screen {
                Screen::Reader(r) => r.waits_for(id).and_then(|slot| {
                    // The links are asked for the reader on top, and land there.
                    let top_only = matches!(slot, ReaderSlot::Links | ReaderSlot::Backlinks);
                    (!top_only || i == top).then_some(Waiter::Reader(i, slot))
                }),
                Screen::Library(l) => l.waits_for(id).map(|slot| Waiter::Library(i, slot)),
                Screen::Search(s) => (s.waiting == Some(id)).then_some(Waiter::Search(i)),
            };
            if waiter.is_some() {
                return waiter;
            }
        }
        let late_but_right = matches!(
            output,
            Output::Library(
                LibraryOutput::Preview { .. } | LibraryOutput::Remote(RemoteOutput::Preview { .. })
            ) | Output::Reader(ReaderOutput::Browsed(_))
        );
        late_but_right.then_some(Waiter::Anyone)
    }
}

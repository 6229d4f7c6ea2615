//! What a reader remembers: its article's key in the store, how far it got
//! (read once the last line was on screen), the saved place it goes back to,
//! and when its place was last saved. No I/O: the memory jobs do that.

use std::time::Instant;

use crate::store::{Position, ReadingState, Visit};
use crate::tui::runtime::JobId;
use crate::tui::state::{MemoryJob, SAVE_EVERY};

use super::ReaderScreen;

/// A reader's memory.
#[derive(Debug, Clone, Default)]
pub struct ReaderMemory {
    /// True once the memory was asked for (or ruled out, for standard input).
    pub asked: bool,
    /// The job reading the article's state, while it runs.
    pub loading: Option<JobId>,
    /// The article's key in the store (its canonical path), once known.
    pub key: Option<String>,
    /// Read: its end was on screen, or it was marked by hand.
    pub read: bool,
    /// The furthest point the bottom of the screen reached, 0.0 to 1.0.
    pub furthest: f64,
    /// True once the last line was on screen in this visit.
    pub reached_end: bool,
    /// After a hand-made "unread", the end must leave the screen before
    /// showing it again counts as reading it.
    end_blocked: bool,
    /// A saved place waiting for the whole article to be there.
    pending: Option<Position>,
    /// What the last save wrote (top line, width, furthest, end), and when.
    saved: Option<(Snapshot, Instant)>,
}

/// What a save depends on: a new one is due when it changes.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Snapshot {
    top: usize,
    width: u16,
    furthest: f64,
    reached_end: bool,
}

impl ReaderMemory {
    /// True when the place or the progress changed since the last save and
    /// that save is [`SAVE_EVERY`] old.
    pub fn due(&self, now: Instant) -> bool {
        self.key.is_some()
            && self
                .saved
                .is_none_or(|(_, at)| now.saturating_duration_since(at) >= SAVE_EVERY)
    }
}

impl ReaderScreen {
    fn snapshot(&self) -> Snapshot {
        Snapshot {
            top: self.top,
            width: self.doc.width,
            furthest: self.memory.furthest,
            reached_end: self.memory.reached_end,
        }
    }

    /// Notes how far the screen reaches: the furthest point, and whether
    /// the last line is on screen (which makes the article read). Goes to a
    /// saved place that was waiting for the whole article.
    pub fn observe(&mut self) {
        if self.partial {
            return;
        }
        if let Some(position) = self.memory.pending.take() {
            if self.top == 0 {
                self.go_back_to(&position);
            }
        }
        // In lines on view: a folded `<details>` at the end is not unread.
        let len = self.folds.visible_len(self.doc.len());
        let top = self.folds.visible_before(self.top);
        let bottom = top.saturating_add(self.rows()).min(len);
        let at_end = bottom >= len;
        let fraction = if len == 0 {
            1.0
        } else {
            bottom as f64 / len as f64
        };
        if self.memory.end_blocked {
            if !at_end {
                self.memory.end_blocked = false;
            }
            return;
        }
        self.memory.furthest = self.memory.furthest.max(fraction);
        if at_end {
            self.memory.reached_end = true;
            self.memory.read = true;
        }
    }

    /// Takes in what the store knows of this article: its key, whether it
    /// is read, how far it got, and the place to go back to (now when the
    /// reader has not moved yet, else not at all).
    pub fn remember(&mut self, key: String, state: ReadingState) {
        self.memory.key = Some(key);
        self.memory.read = self.memory.read || state.read;
        self.memory.furthest = self.memory.furthest.max(state.progress);
        if let Some(position) = state.position {
            if self.partial {
                self.memory.pending = Some(position);
            } else if self.top == 0 {
                self.go_back_to(&position);
            }
        }
        self.observe();
        self.memory.saved = Some((self.snapshot(), Instant::now()));
    }

    /// The top line for a saved place: the same section (by its anchor) and
    /// the same fraction into it, which is exact at the same width and
    /// holds after a resize or an edit above the place; the exact top line
    /// when the section is gone.
    pub fn saved_top(&self, p: &Position) -> usize {
        let last = self.doc.len().saturating_sub(1);
        let section = match &p.anchor {
            None => None,
            Some(anchor) => match self
                .article
                .outline
                .iter()
                .position(|h| h.anchor() == *anchor)
            {
                Some(i) => Some(i),
                None => return usize::try_from(p.top_line).unwrap_or(usize::MAX).min(last),
            },
        };
        if section.is_none() && p.width == self.doc.width {
            return usize::try_from(p.top_line).unwrap_or(usize::MAX).min(last);
        }
        let (start, end) = self.section_lines(section);
        let len = end.saturating_sub(start);
        let offset = (p.fraction.clamp(0.0, 1.0) * len as f64).round() as usize;
        start
            .saturating_add(offset.min(len.saturating_sub(1)))
            .min(last)
    }

    /// Goes to a saved place, with a note saying where.
    pub fn go_back_to(&mut self, p: &Position) {
        let top = self.saved_top(p);
        if top == 0 {
            return;
        }
        self.top = top;
        let name = self
            .current_section()
            .and_then(|i| self.article.outline.get(i))
            .map_or_else(
                || "the beginning".to_string(),
                |h| crate::sanitize::sanitize_line(h.text()).into_owned(),
            );
        self.message = Some(format!("back at: {name} · g goes to the top"));
        self.outline.followed = None;
        self.follow();
    }

    /// What a save now would write, and marks it saved; `None` without a
    /// key or while only the start of the article is loaded.
    pub fn take_visit(&mut self, now: Instant) -> Option<(String, Visit)> {
        let key = match &self.memory.key {
            Some(key) => key.clone(),
            // Left before the store answered: an address is its own key
            // (no lookup), and a place away from the top is worth keeping.
            None if self.memory.loading.is_some() && self.top > 0 => {
                crate::remote::url_key(&self.article.path)?
            }
            None => return None,
        };
        if self.partial {
            return None;
        }
        let place = self.place();
        let visit = Visit {
            position: Position {
                anchor: place.anchor,
                fraction: place.fraction,
                top_line: u32::try_from(self.top).unwrap_or(u32::MAX),
                width: self.doc.width,
            },
            progress: self.memory.furthest,
            reached_end: self.memory.reached_end,
        };
        self.memory.saved = Some((self.snapshot(), now));
        Some((key, visit))
    }

    /// True when a save would write something new.
    pub fn changed_since_save(&self) -> bool {
        self.memory
            .saved
            .is_none_or(|(snapshot, _)| snapshot != self.snapshot())
    }

    /// The state the store will hold after `visit` (for the library's row).
    pub fn state_after(&self, visit: &Visit) -> ReadingState {
        ReadingState {
            position: Some(visit.position.clone()),
            progress: self.memory.furthest,
            read: self.memory.read,
            last_opened: Some(crate::store::now()),
        }
    }

    /// `m`: read becomes unread (and not started), anything else read.
    pub fn toggle_read(&mut self) -> Option<MemoryJob> {
        let Some(key) = self.memory.key.clone() else {
            self.message = Some("this article is not remembered".into());
            return None;
        };
        let read = !self.memory.read;
        self.memory.read = read;
        if read {
            self.message = Some("marked read".into());
        } else {
            self.memory.furthest = 0.0;
            self.memory.reached_end = false;
            self.memory.end_blocked = true;
            self.message = Some("marked unread".into());
        }
        Some(MemoryJob::MarkRead { key, read })
    }
}

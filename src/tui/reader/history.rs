//! A reader's history, like a browser's: the places left by following a
//! link, an outline jump, a search jump or g/G, and the places gone back
//! from. A step inside the article keeps its spot (top line, outline state);
//! a step to another article keeps the whole reader, so that going back to
//! it is instant and lands exactly where it was left.

use super::{Focus, OutlineView, Place, ReaderScreen};

/// The most steps kept each way; the oldest go first.
pub const HISTORY_LIMIT: usize = 64;

/// Where the reader was inside one article: enough to return exactly.
#[derive(Debug, Clone)]
pub struct Spot {
    /// The first line on screen, at `width`.
    pub top: usize,
    /// The width `top` counts lines at.
    pub width: u16,
    /// The same place, for when the width has changed since.
    pub place: Place,
    /// The outline's folds, cursor and scroll.
    pub outline: OutlineView,
    /// Which pane had the keys.
    pub focus: Focus,
}

/// One step of the history.
#[derive(Debug, Clone)]
pub enum Step {
    /// A place in the article the step is next to.
    Spot(Box<Spot>),
    /// Another article's reader, as it was left.
    Reader(Box<ReaderScreen>),
}

/// The steps behind and ahead of the reader, nearest last.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// Going back pops from here.
    pub back: Vec<Step>,
    /// Going forward pops from here; a new step clears it.
    pub forward: Vec<Step>,
}

impl History {
    /// True when there is a step to go back to.
    pub fn can_back(&self) -> bool {
        !self.back.is_empty()
    }

    /// True when there is a step to go forward to.
    pub fn can_forward(&self) -> bool {
        !self.forward.is_empty()
    }

    /// Records `step` as the place left by a new move: the steps ahead go.
    pub fn record(&mut self, step: Step) {
        self.forward.clear();
        push(&mut self.back, step);
    }
}

/// Pushes `step`, dropping the oldest beyond [`HISTORY_LIMIT`].
pub fn push(steps: &mut Vec<Step>, step: Step) {
    steps.push(step);
    if steps.len() > HISTORY_LIMIT {
        steps.remove(0);
    }
}

impl ReaderScreen {
    /// Where the reader is now, to come back to.
    pub fn spot(&self) -> Spot {
        Spot {
            top: self.top,
            width: self.doc.width,
            place: self.place(),
            outline: self.outline.clone(),
            focus: self.focus,
        }
    }

    /// Returns to `spot`: the same top line at the same width, else the
    /// same place; the same outline state.
    pub fn go_to_spot(&mut self, spot: &Spot) {
        if spot.width == self.doc.width {
            self.top = spot.top.min(self.doc.len().saturating_sub(1));
        } else {
            self.go_to_place(&spot.place);
        }
        if spot.outline.folded.len() == self.outline.folded.len() {
            // Its scroll and followed entry too, so that the pane shows
            // what it showed.
            self.outline = spot.outline.clone();
        }
        self.focus = if self.outline_shown() {
            spot.focus
        } else {
            Focus::Text
        };
        self.follow();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::reader::OutlineView;

    fn spot(top: usize) -> Step {
        Step::Spot(Box::new(Spot {
            top,
            width: 80,
            place: Place {
                anchor: None,
                lines_in: top,
                fraction: 0.0,
                width: 80,
            },
            outline: OutlineView::default(),
            focus: Focus::Text,
        }))
    }

    fn top(step: &Step) -> usize {
        match step {
            Step::Spot(s) => s.top,
            Step::Reader(r) => r.top,
        }
    }

    #[test]
    fn a_new_step_clears_the_way_forward() {
        let mut h = History::default();
        h.record(spot(1));
        h.forward.push(spot(9));
        assert!(h.can_back() && h.can_forward());
        h.record(spot(2));
        assert!(!h.can_forward());
        assert_eq!(h.back.iter().map(top).collect::<Vec<_>>(), [1, 2]);
    }

    #[test]
    fn the_oldest_steps_go_past_the_limit() {
        let mut h = History::default();
        for i in 0..HISTORY_LIMIT + 5 {
            h.record(spot(i));
        }
        assert_eq!(h.back.len(), HISTORY_LIMIT);
        assert_eq!(h.back.first().map(top), Some(5));
        assert_eq!(h.back.last().map(top), Some(HISTORY_LIMIT + 4));
    }
}

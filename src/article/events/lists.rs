//! Where a long top-level list may be cut: between its items, when the
//! pieces parse as the whole list does. A list cut in two reads as one
//! list: the piece before leaves out the list's closing event and the
//! piece after its opening one. Each piece decides on its own whether the
//! list is tight or loose, so a list is cut only when that comes out the
//! same everywhere: no blank line in it at all (tight), or a blank line
//! between every two items and nowhere else (loose, with at least two
//! items in every piece). A list whose end is not certain (an unindented
//! line that could be lazy text of its last item) is not cut.

use super::cuts::fence_of;
use super::lines::{atx, is_blank, item_marker};
use super::long::thematic_break;

/// A top-level list being read.
#[derive(Debug)]
struct Run {
    /// Its items' marker.
    marker: u8,
    /// A blank line was read in it (not counting those after its last line).
    blanks: bool,
    /// Every blank line in it came before an item.
    blanks_before_items: bool,
    /// Every item after the first came after a blank line.
    items_after_blanks: bool,
    /// The last line read was blank.
    after_blank: bool,
    /// Where a piece could start, at items.
    places: Vec<usize>,
    /// Where the piece that would end at the next place starts.
    from: usize,
    /// Items since that piece's start.
    items: usize,
}

impl Run {
    /// The places to cut at, if the list reads the same in pieces.
    fn places(mut self) -> Vec<usize> {
        let tight = !self.blanks;
        let loose = self.blanks_before_items && self.items_after_blanks;
        // The last piece too holds two items at least.
        if self.items < 2 {
            self.places.pop();
        }
        if tight || loose {
            self.places
        } else {
            Vec::new()
        }
    }
}

/// Follows the top-level lists of a body, line by line.
#[derive(Debug, Default)]
pub(super) struct Lists {
    run: Option<Run>,
    /// The marker of the top-level list that may still be open (lazy text
    /// after an item does not close it for sure).
    open_marker: Option<u8>,
}

impl Lists {
    /// Takes the line at `at`; `open` says the line is read at the top
    /// level (not in a fence, an HTML block, a table or a definition list),
    /// `after_blank` that the line before was blank, `last_cut` where the
    /// current piece starts, `piece` the size pieces grow to. Returns the
    /// places in a list that ended at this line where pieces may start.
    pub(super) fn line(
        &mut self,
        at: usize,
        line: &str,
        open: bool,
        after_blank: bool,
        last_cut: usize,
        piece: usize,
    ) -> Vec<usize> {
        if is_blank(line) {
            if let Some(run) = &mut self.run {
                run.after_blank = true;
            }
            return Vec::new();
        }
        if line.starts_with([' ', '\t']) {
            if let Some(run) = &mut self.run {
                if run.after_blank {
                    run.blanks = true;
                    run.blanks_before_items = false;
                }
                run.after_blank = false;
            }
            return Vec::new();
        }
        let item = if thematic_break(line) {
            None
        } else {
            item_marker(line)
        };
        if let (Some(run), Some((marker, _))) = (&mut self.run, item) {
            if marker == run.marker {
                if run.after_blank {
                    run.blanks = true;
                } else {
                    run.items_after_blanks = false;
                }
                run.after_blank = false;
                // The piece before holds two items at least.
                if at - run.from >= piece && run.items >= 2 {
                    run.places.push(at);
                    run.from = at;
                    run.items = 0;
                }
                run.items += 1;
                return Vec::new();
            }
        }
        // Not an item of the list being read: does a list end here for
        // sure, with no lazy text going on with its last item?
        let before = self.open_marker;
        let new_list = match item {
            Some((marker, interrupts)) => before != Some(marker) && (after_blank || interrupts),
            None => false,
        };
        let certain = new_list
            || (item.is_none()
                && (after_blank
                    || atx(line).is_some()
                    || fence_of(line).is_some()
                    || line.starts_with('>')
                    || thematic_break(line)));
        let places = match self.run.take() {
            Some(run) if certain => run.places(),
            _ => Vec::new(),
        };
        match item {
            Some((marker, _)) if new_list => {
                self.open_marker = Some(marker);
                if open {
                    let from = places.last().copied().unwrap_or(last_cut).max(last_cut);
                    self.run = Some(Run {
                        marker,
                        blanks: false,
                        blanks_before_items: true,
                        items_after_blanks: true,
                        after_blank: false,
                        places: Vec::new(),
                        from,
                        items: 1,
                    });
                }
            }
            _ if certain => self.open_marker = None,
            _ => {}
        }
        places
    }

    /// The places in the list that runs to the end of the body, if any.
    pub(super) fn finish(self) -> Vec<usize> {
        self.run.map(Run::places).unwrap_or_default()
    }
}

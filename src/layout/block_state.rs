//! Where the walk stands between blocks: whether a blank line is due, the
//! body offset of the current block, the open lists and the headings placed.

use super::lists::ListState;

/// The block-level state of one layout run.
#[derive(Default)]
pub(super) struct BlockState {
    /// A blank line is due before the next block.
    pub(super) gap_due: bool,
    /// Nothing has been placed in the innermost container yet.
    pub(super) container_empty: bool,
    /// The body offset of the block being placed (never goes back).
    pub(super) source: usize,
    /// The open lists, innermost last.
    pub(super) lists: Vec<ListState>,
    /// `(level, body offset)` of the heading being read.
    pub(super) open_heading: Option<(u8, usize)>,
    /// `(body offset, line)` of each heading laid out.
    pub(super) heading_lines: Vec<(usize, usize)>,
    /// The body offset of a first heading that the header's title shows.
    pub(super) title_heading: Option<usize>,
}

impl BlockState {
    /// A state at the top of an empty container.
    pub(super) fn new() -> Self {
        BlockState {
            container_empty: true,
            ..BlockState::default()
        }
    }

    /// A new container opened: its first block needs no blank line.
    pub(super) fn enter_container(&mut self) {
        self.gap_due = false;
        self.container_empty = true;
    }

    /// The next block follows a blank line, even at the top of a container.
    pub(super) fn force_gap(&mut self) {
        self.gap_due = true;
        self.container_empty = false;
    }
}

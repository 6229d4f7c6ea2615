//! The help overlay's state and geometry: its scroll, the rows it lists
//! (generated from the keymap table, so that it lists exactly the keys that
//! work) and how many show at once. Measured on open and resize, never per
//! frame; `ui::help` only styles and draws these rows.

use super::keymap::{Keymap, Mode};

/// The modes listed over the reader, in order.
const SECTIONS: [Mode; 4] = [Mode::Reader, Mode::Outline, Mode::Search, Mode::Help];

/// The modes listed over the library, in order.
const LIBRARY_SECTIONS: [Mode; 7] = [
    Mode::Library,
    Mode::LibraryFilter,
    Mode::TagPicker,
    Mode::TagSearch,
    Mode::LibrarySearch,
    Mode::SearchResults,
    Mode::Help,
];

/// The mouse's rows over the reader.
const MOUSE: [(&str, &str); 3] = [
    ("wheel", "scroll the pane under the pointer"),
    ("click", "jump to an outline entry"),
    ("click", "open/close a ▸ summary"),
];

/// The mouse's rows over the library.
const LIBRARY_MOUSE: [(&str, &str); 2] =
    [("wheel", "move the selection"), ("click", "select a row")];

/// Width of the key column, with its indent.
pub const KEY_COLUMN: usize = 18;

/// The help overlay: its scroll, and its size measured on open and resize.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct HelpView {
    /// The first help row shown (the overlay scrolls on small terminals).
    pub scroll: usize,
    /// Lines of the help.
    pub lines: usize,
    /// Help lines that show at once.
    pub rows: usize,
}

impl HelpView {
    /// The last scroll that still fills the overlay.
    pub fn max_scroll(&self) -> usize {
        self.lines.saturating_sub(self.rows)
    }

    /// Scrolls by `delta` lines, stopping at either end.
    pub fn scroll_by(&mut self, delta: isize) {
        self.scroll = self
            .scroll
            .saturating_add_signed(delta)
            .min(self.max_scroll());
    }
}

/// One row of the help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpRow {
    /// A section's title (a mode, or the mouse).
    Title(String),
    /// The space between sections.
    Blank,
    /// Keys and a line of what they do (the keys empty on the lines a long
    /// description wraps onto).
    Keys {
        /// The keys, as the help shows them.
        keys: String,
        /// A line of the description.
        text: String,
    },
}

/// The help's rows at `width` columns inside its border, over the library
/// or over the reader: a section per mode, a row per binding, descriptions
/// wrapped under themselves when they do not fit.
pub fn rows(library: bool, keymap: &Keymap, width: usize) -> Vec<HelpRow> {
    let (modes, mouse): (&[Mode], &[(&str, &str)]) = if library {
        (&LIBRARY_SECTIONS, &LIBRARY_MOUSE)
    } else {
        (&SECTIONS, &MOUSE)
    };
    let text_width = width.saturating_sub(KEY_COLUMN).max(8);
    let row = |out: &mut Vec<HelpRow>, keys: String, help: &str| {
        for (i, part) in textwrap::wrap(help, text_width).into_iter().enumerate() {
            let keys = if i == 0 { keys.clone() } else { String::new() };
            out.push(HelpRow::Keys {
                keys,
                text: part.into_owned(),
            });
        }
    };
    let mut out = Vec::new();
    for &mode in modes {
        if !out.is_empty() {
            out.push(HelpRow::Blank);
        }
        out.push(HelpRow::Title(mode.title().to_string()));
        for b in keymap
            .entries()
            .iter()
            .filter(|b| b.modes.first() == Some(&mode))
        {
            if b.keys.is_empty() {
                continue;
            }
            let keys: Vec<String> = b.keys.iter().map(|k| k.label()).collect();
            row(&mut out, keys.join(" "), b.help);
        }
        if matches!(mode, Mode::Search | Mode::LibraryFilter | Mode::TagSearch) {
            row(&mut out, "any key".into(), "type the query");
        }
    }
    out.push(HelpRow::Blank);
    out.push(HelpRow::Title("Mouse".into()));
    for (key, what) in mouse {
        row(&mut out, (*key).into(), what);
    }
    out
}

/// The overlay's size on a screen `columns` wide: its outer width, and the
/// columns inside its border.
pub fn widths(columns: u16) -> (u16, usize) {
    let width = columns.saturating_sub(4).min(58);
    (width, usize::from(width.saturating_sub(2)))
}

/// Rows inside the overlay's border for `total` lines on a screen
/// `area_height` rows tall.
pub fn inner_rows(area_height: u16, total: usize) -> usize {
    let want = total.saturating_add(2);
    usize::from(area_height.saturating_sub(2))
        .min(want)
        .saturating_sub(2)
}

/// The help's line count and the rows that show at once on a `width` x
/// `height` terminal, over the library or over the reader: what scrolling
/// the help needs, measured on open and on resize rather than per frame.
pub fn measure(width: u16, height: u16, library: bool, keys: &Keymap) -> (usize, usize) {
    let (_, inner) = widths(width);
    let total = rows(library, keys, inner).len();
    (total, inner_rows(height, total))
}

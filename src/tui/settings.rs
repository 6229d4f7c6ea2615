//! The reader's settings, fixed for a run: the text column's widest, the
//! theme, the outline's side and width, pictures, code wrapping, hyperlinks,
//! and how articles are laid out. A leaf: it names no other module of `tui`,
//! so every screen and job can take it without reaching into the app.

use crate::article::Article;
use crate::config::OutlineSide;
use crate::theme::Theme;

/// The widest the reader's text column is unless `--width` says otherwise.
pub const DEFAULT_TEXT_WIDTH: u16 = crate::config::DEFAULT_WIDTH;

/// A function that lays out an article at a width.
pub type LayoutFn = fn(&Article, u16, crate::layout::LayoutOptions) -> crate::layout::Document;

/// How articles are laid out: quire's layout, or a stand-in in tests.
#[derive(Debug, Clone, Copy)]
pub enum Layouter {
    /// [`crate::layout`]: an opened article's outline and layout come from one parse.
    Quire,
    /// A test's own layout; the outline is read by a parse of its own.
    StandIn(LayoutFn),
}

impl Layouter {
    /// `article` laid out at `width`.
    pub fn layout(
        self,
        article: &Article,
        width: u16,
        options: crate::layout::LayoutOptions,
    ) -> crate::layout::Document {
        match self {
            Layouter::Quire => crate::layout::layout(article, width, options),
            Layouter::StandIn(layout) => layout(article, width, options),
        }
    }

    /// `draft`'s outline, and its layout at `width`.
    pub fn open(
        self,
        draft: crate::article::Draft,
        width: u16,
        options: crate::layout::LayoutOptions,
    ) -> (Article, crate::layout::Document) {
        match self {
            Layouter::Quire => crate::layout::open(draft, width, options),
            Layouter::StandIn(layout) => {
                let article = draft.outlined();
                let doc = layout(&article, width, options);
                (article, doc)
            }
        }
    }
}

/// Settings the app was started with.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    /// The widest the reader's text column may be (`--width`).
    pub max_width: u16,
    /// The colours and attributes of every role and of the chrome.
    pub theme: Theme,
    /// Where the outline goes, or whether it starts hidden.
    pub outline: OutlineSide,
    /// The widest the outline may be.
    pub outline_width: u16,
    /// How articles are laid out.
    pub layouter: Layouter,
    /// The most rows a picture takes; 0 when pictures are off.
    pub image_rows: u16,
    /// A terminal cell's size in pixels, which pictures are fitted in
    /// (half blocks' until the terminal says another).
    pub picture_cell: (u16, u16),
    /// Long code lines wrap (`w` toggles it in the reader) instead of being cut.
    pub wrap_code: bool,
    /// Links in the reader are OSC 8 hyperlinks the terminal can open.
    pub hyperlinks: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            max_width: DEFAULT_TEXT_WIDTH,
            theme: Theme::DARK,
            outline: OutlineSide::Left,
            outline_width: crate::config::DEFAULT_OUTLINE_WIDTH,
            layouter: Layouter::Quire,
            image_rows: 0,
            picture_cell: crate::layout::PICTURE_CELL,
            wrap_code: false,
            hyperlinks: true,
        }
    }
}

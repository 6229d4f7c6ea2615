//! The app's state: a stack of screens (the library under a reader opened
//! from it), the help overlay, and the terminal size.

use crate::article::Article;

use super::keymap::{Keymap, Mode};
use super::library::LibraryScreen;
use super::reader::{Config, Focus, Reader};

/// One screen of the stack.
#[derive(Debug, Clone)]
pub enum Screen {
    /// An article being read.
    Reader(Box<Reader>),
    /// A folder of articles.
    Library(Box<LibraryScreen>),
}

/// Everything the app knows; drawing reads it, [`update`](super::update::update) changes it.
#[derive(Debug, Clone)]
pub struct App {
    /// Screens, the top one last. Back pops; an empty stack quits.
    pub screens: Vec<Screen>,
    /// The help overlay is open.
    pub help: bool,
    /// The first help row shown (the overlay scrolls on small terminals).
    pub help_scroll: usize,
    /// Lines of the help, measured on open and on resize.
    pub help_lines: usize,
    /// Help lines that show at once, measured with `help_lines`.
    pub help_rows: usize,
    /// Columns and rows of the terminal.
    pub size: (u16, u16),
    /// Settings from the command line.
    pub config: Config,
    /// Keys to actions, with the config's overrides; the help reads it too.
    pub keymap: Keymap,
}

impl App {
    /// An app with no screen yet, on a `width` x `height` terminal.
    pub fn new(config: Config, width: u16, height: u16) -> App {
        App {
            screens: Vec::new(),
            help: false,
            help_scroll: 0,
            help_lines: 0,
            help_rows: 0,
            size: (width, height),
            config,
            keymap: Keymap::default(),
        }
    }

    /// Pushes a reader of `article` on top of the stack.
    pub fn open_reader(&mut self, article: Article) {
        let (w, h) = self.size;
        let reader = Reader::new(article, self.config, w, h);
        self.screens.push(Screen::Reader(Box::new(reader)));
    }

    /// Pushes a reader of the start of a large article; the whole article
    /// follows with [`Reader::replace_article`].
    pub fn open_partial_reader(&mut self, start: Article) {
        let (w, h) = self.size;
        let reader = Reader::new_partial(start, self.config, w, h);
        self.screens.push(Screen::Reader(Box::new(reader)));
    }

    /// The reader on top of the stack, if the top screen is one.
    pub fn reader(&self) -> Option<&Reader> {
        match self.screens.last() {
            Some(Screen::Reader(r)) => Some(r),
            _ => None,
        }
    }

    /// The reader on top of the stack, to change.
    pub fn reader_mut(&mut self) -> Option<&mut Reader> {
        match self.screens.last_mut() {
            Some(Screen::Reader(r)) => Some(r),
            _ => None,
        }
    }

    /// Pushes a library screen on top of the stack.
    pub fn open_library(&mut self, mut screen: LibraryScreen) {
        let (w, h) = self.size;
        screen.resize(w, h);
        self.screens.push(Screen::Library(Box::new(screen)));
    }

    /// The library on top of the stack, if the top screen is one.
    pub fn library(&self) -> Option<&LibraryScreen> {
        match self.screens.last() {
            Some(Screen::Library(s)) => Some(s),
            _ => None,
        }
    }

    /// The library on top of the stack, to change.
    pub fn library_mut(&mut self) -> Option<&mut LibraryScreen> {
        match self.screens.last_mut() {
            Some(Screen::Library(s)) => Some(s),
            _ => None,
        }
    }

    /// Measures the help for the terminal's size and the top screen, and
    /// keeps its scroll in range.
    pub fn measure_help(&mut self) {
        let (w, h) = self.size;
        let library = self.library().is_some();
        (self.help_lines, self.help_rows) =
            super::ui::help::measure(w, h, library, &self.config.theme, &self.keymap);
        self.help_scroll = self.help_scroll.min(self.help_max_scroll());
    }

    /// The last help scroll that still fills the overlay.
    pub fn help_max_scroll(&self) -> usize {
        self.help_lines.saturating_sub(self.help_rows)
    }

    /// Scrolls the help by `delta` lines, stopping at either end.
    pub fn scroll_help(&mut self, delta: isize) {
        self.help_scroll = self
            .help_scroll
            .saturating_add_signed(delta)
            .min(self.help_max_scroll());
    }

    /// Which bindings apply now.
    pub fn mode(&self) -> Mode {
        if self.help {
            return Mode::Help;
        }
        match self.screens.last() {
            Some(Screen::Reader(r)) if r.search.typing.is_some() => Mode::Search,
            Some(Screen::Reader(r)) if r.focus == Focus::Outline => Mode::Outline,
            Some(Screen::Library(s)) => match &s.picker {
                Some(p) if p.typing => Mode::TagSearch,
                Some(_) => Mode::TagPicker,
                None if s.typing.is_some() => Mode::LibraryFilter,
                None => Mode::Library,
            },
            _ => Mode::Reader,
        }
    }
}

//! The app's state: a stack of screens (the library under a reader opened
//! from it), the help overlay, the terminal size, the settings, and the jobs
//! (those asked for and not yet handed out, and the table of who waits for
//! each one in flight, `inflight.rs`). The app's handlers here take the
//! results that need the whole app (an article opened or fetched, links
//! followed, the index, the reading state); a screen's own results are its
//! feature's (`ReaderScreen::finish`, `LibraryScreen::finish`).

pub mod colours;
pub mod follow;
pub mod inflight;
pub mod memory;
pub mod pictures;
pub mod remote;
pub mod search;
pub mod tags;

use std::sync::Arc;

use crate::article::Article;

pub use super::help::HelpView;
pub use super::settings::{Config, LayoutFn, Layouter};

use super::jobs::StopFlag;
use super::keymap::{Keymap, Mode};
use super::library::LibraryScreen;
use super::reader::jobs::{Job as ReaderJob, Landing, Opened, Slot as ReaderSlot};
use super::reader::{Focus, ReaderScreen};
use inflight::{Jobs, Slot, Waiter};

/// The reader of an article a job read and laid out, where it was asked
/// to land (a heading, a search result's section and query).
pub(super) fn landed(opened: Opened) -> Box<ReaderScreen> {
    let landing = opened.landing.clone();
    let mut reader = Box::new(ReaderScreen::from_opened(opened));
    match landing {
        Landing::Top => {}
        Landing::Anchor(anchor) => {
            if !reader.land_on(&anchor) {
                let anchor = crate::sanitize::sanitize_line(&anchor).into_owned();
                reader.message = Some(format!("no section #{anchor} here"));
            }
        }
        Landing::Found { anchor, text } => super::search::land(&mut reader, &anchor, &text),
    }
    reader
}

/// One screen of the stack.
#[derive(Debug, Clone)]
pub enum Screen {
    /// An article being read.
    Reader(Box<ReaderScreen>),
    /// A folder of articles.
    Library(Box<LibraryScreen>),
    /// A search of every article of a library.
    Search(Box<super::search::SearchScreen>),
}

/// Everything the app knows; drawing reads it, [`update`](super::update::update) changes it.
#[derive(Debug, Clone)]
pub struct App {
    /// Screens, the top one last. Back pops; an empty stack quits.
    pub screens: Vec<Screen>,
    /// The help overlay, when open.
    pub help: Option<HelpView>,
    /// Columns and rows of the terminal.
    pub size: (u16, u16),
    /// Settings from the command line.
    pub config: Config,
    /// Keys to actions, with the config's overrides; the help reads it too.
    pub keymap: Keymap,
    /// Jobs asked for, waiting for the event loop to start them, and who
    /// waits for each job in flight (the one table of them).
    pub jobs: Jobs,
    /// quire's memory: the store and the writes on their way.
    pub memory: super::state::Memory,
    /// The library search's index and its build.
    pub search: super::search::SearchShared,
    /// How pictures are shown.
    pub pictures: super::reader::images::Pictures,
    /// Reading by address: its settings and the first fetch.
    pub remote: super::reader::remote::RemoteShared,
    /// The `auto` theme's choices, when the theme follows the terminal.
    pub auto_theme: Option<colours::AutoTheme>,
}

impl App {
    /// An app with no screen yet, on a `width` x `height` terminal.
    pub fn new(config: Config, width: u16, height: u16) -> App {
        App {
            screens: Vec::new(),
            help: None,
            size: (width, height),
            config,
            keymap: Keymap::default(),
            jobs: Jobs::default(),
            memory: super::state::Memory::default(),
            search: super::search::SearchShared::default(),
            pictures: super::reader::images::Pictures::default(),
            remote: super::reader::remote::RemoteShared::default(),
            auto_theme: None,
        }
    }

    /// Pushes a reader of `article` on top of the stack.
    pub fn open_reader(&mut self, article: Article) {
        let (w, h) = self.size;
        let article = super::reader::jobs::image::sized_article(
            article,
            &self.config,
            follow::library_root(self),
        );
        let reader = ReaderScreen::new(article, self.config, w, h);
        self.screens.push(Screen::Reader(Box::new(reader)));
    }

    /// Pushes a reader of `draft`, its outline and layout from one parse.
    pub fn open_draft(&mut self, draft: crate::article::Draft) {
        let (w, h) = self.size;
        let draft =
            super::reader::jobs::image::sized(draft, &self.config, follow::library_root(self));
        let reader = ReaderScreen::from_draft(draft, self.config, w, h);
        self.screens.push(Screen::Reader(Box::new(reader)));
    }

    /// Pushes a reader of the start of a large article, and asks for the
    /// whole (`bytes`) to be parsed and laid out in the background.
    pub fn open_partial_reader(&mut self, start: Article, bytes: Arc<Vec<u8>>) {
        self.open_partial(start, bytes, false);
    }

    /// Pushes a reader of `start`, the start of the file `start.path` that
    /// the whole is read from on a job.
    pub fn open_partial_file(&mut self, start: Article, bytes: Vec<u8>) {
        self.open_partial(start, Arc::new(bytes), true);
    }

    fn open_partial(&mut self, start: Article, bytes: Arc<Vec<u8>>, read_rest: bool) {
        let (w, h) = self.size;
        let start = super::reader::jobs::image::sized_article(
            start,
            &self.config,
            follow::library_root(self),
        );
        let mut reader = ReaderScreen::new_partial(start, self.config, w, h);
        let job = ReaderJob::LoadWhole {
            path: reader.article.path.clone(),
            bytes,
            read_rest,
            config: self.config,
            width: reader.doc.width,
        };
        let waiter = Waiter::Screen(reader.id, Slot::Reader(ReaderSlot::Whole));
        reader.jobs.whole = Some(self.jobs.ask(waiter, job));
        self.screens.push(Screen::Reader(Box::new(reader)));
    }

    /// Asks for the article at `path` to be opened in the background; it is
    /// pushed as a reader when it is ready, unless something else was
    /// opened meanwhile.
    pub fn request_open(&mut self, path: std::path::PathBuf) {
        self.request_open_at(path, None);
    }

    /// Like [`App::request_open`], landing on the heading `anchor`.
    pub fn request_open_at(&mut self, path: std::path::PathBuf, anchor: Option<String>) {
        if remote::request_path(self, &path, anchor.clone()) {
            return;
        }
        let job = ReaderJob::Open {
            path,
            config: self.config,
            size: self.size,
            anchor,
        };
        self.jobs.ask(Waiter::Opening, job);
    }

    /// Builds the reader of an article an opening job read (a library's
    /// Enter, a followed link, a search result) and puts it on top, landing
    /// where it was asked to; or says why it could not be read. (Something
    /// else opened meanwhile made it stale: the table of jobs in flight
    /// dropped it before.)
    pub fn arrive_opened(&mut self, result: Result<Box<Opened>, String>) {
        let opened = match result {
            Ok(opened) => *opened,
            Err(message) => {
                super::update::set_message(self, message);
                return;
            }
        };
        let mut reader = landed(opened);
        let (w, h) = self.size;
        if reader.geometry.area.width != w || reader.geometry.area.height != h {
            reader.resize(w, h);
        }
        if self.reader().is_some() {
            // A followed link: the new article takes the reader's place.
            follow::arrive(self, reader);
        } else {
            self.screens.push(Screen::Reader(reader));
            self.watch_top_reader();
        }
    }

    /// Watches the file of the reader on top of the stack, so that it
    /// reloads when the file changes on disk.
    pub fn watch_top_reader(&mut self) {
        let Some(Screen::Reader(r)) = self.screens.last_mut() else {
            return;
        };
        // An article read by address has no file to watch.
        if super::reader::remote::is_remote(&r.article.path) {
            return;
        }
        let stop = StopFlag::default();
        let job = ReaderJob::Watch {
            path: r.article.path.clone(),
            stop: stop.clone(),
            since: r.jobs.read,
        };
        let waiter = Waiter::Screen(r.id, Slot::Reader(ReaderSlot::Watch));
        r.jobs.watch = Some((self.jobs.ask(waiter, job), stop));
    }

    /// Takes the top screen off the stack, stopping what it watched.
    pub fn pop_screen(&mut self) -> Option<Screen> {
        let mut screen = self.screens.pop();
        if let Some(s) = &mut screen {
            memory::left(self, s);
        }
        if let Some(Screen::Reader(r)) = &screen {
            if let Some((_, stop)) = &r.jobs.watch {
                stop.stop();
            }
        }
        screen
    }

    /// Reads the article at `path` again after an editor had it, when the
    /// reader on top shows it.
    pub fn reload_after_edit(&mut self, path: &std::path::Path) {
        let config = self.config;
        let Some(Screen::Reader(r)) = self.screens.last_mut() else {
            return;
        };
        if r.article.path != path {
            return;
        }
        let waiter = Waiter::Screen(r.id, Slot::Reader(ReaderSlot::Reload));
        r.jobs.reload = Some(self.jobs.ask(waiter, r.reload_job(&config)));
    }

    /// The reader on top of the stack, if the top screen is one.
    pub fn reader(&self) -> Option<&ReaderScreen> {
        match self.screens.last() {
            Some(Screen::Reader(r)) => Some(r),
            _ => None,
        }
    }

    /// The reader on top of the stack, to change.
    pub fn reader_mut(&mut self) -> Option<&mut ReaderScreen> {
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
        self.request_asks();
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

    /// Turns the jobs screens want on their own into jobs, each noted in
    /// the table of jobs in flight for its screen and slot: every reader's
    /// (a layout at a new width), and the library's on top (the selected
    /// article's preview when neither cached nor on its way, the links
    /// into its articles when its rows need them).
    pub fn request_asks(&mut self) {
        // Borrowed, and copied only for a library that asks (not at every key).
        let index = &self.search.index;
        let top = self.screens.len().saturating_sub(1);
        for (i, screen) in self.screens.iter_mut().enumerate() {
            match screen {
                Screen::Reader(r) => {
                    for (slot, job) in r.take_asks() {
                        let id = self.jobs.ask(Waiter::Screen(r.id, Slot::Reader(slot)), job);
                        r.asked(slot, id);
                    }
                }
                Screen::Library(l) if i == top => {
                    let db = || index.file().map(std::path::Path::to_path_buf);
                    for (slot, job) in l.take_asks(db) {
                        let id = self
                            .jobs
                            .ask(Waiter::Screen(l.id, Slot::Library(slot)), job);
                        l.asked(slot, id);
                    }
                }
                Screen::Library(_) | Screen::Search(_) => {}
            }
        }
    }

    /// Opens the help overlay, or closes it when open.
    pub fn toggle_help(&mut self) {
        self.help = match self.help {
            Some(_) => None,
            None => Some(HelpView::default()),
        };
        self.measure_help();
    }

    /// Measures the help for the terminal's size and the top screen, and
    /// keeps its scroll in range.
    pub fn measure_help(&mut self) {
        let (w, h) = self.size;
        let library =
            self.library().is_some() || matches!(self.screens.last(), Some(Screen::Search(_)));
        if let Some(help) = &mut self.help {
            (help.lines, help.rows) = super::help::measure(w, h, library, &self.keymap);
            help.scroll = help.scroll.min(help.max_scroll());
        }
    }

    /// The next time the event loop must wake by itself, with no input or
    /// result, to send [`Msg::Deadline`](crate::tui::Msg::Deadline): the end
    /// of a pause in typing a library search.
    pub fn deadline(&self) -> Option<std::time::Instant> {
        search::deadline(self)
    }

    /// Which bindings apply now.
    pub fn mode(&self) -> Mode {
        if self.help.is_some() {
            return Mode::Help;
        }
        match self.screens.last() {
            Some(Screen::Reader(r)) if r.links.mode().is_some() => {
                r.links.mode().unwrap_or(Mode::Reader)
            }
            Some(Screen::Reader(r)) if r.search.typing.is_some() => Mode::Search,
            Some(Screen::Reader(r)) if r.focus == Focus::Outline => Mode::Outline,
            Some(Screen::Library(s)) => match &s.picker {
                Some(p) if p.typing => Mode::TagSearch,
                Some(_) => Mode::TagPicker,
                None if s.typing.is_some() => Mode::LibraryFilter,
                None => Mode::Library,
            },
            Some(Screen::Search(s)) if s.typing => Mode::LibrarySearch,
            Some(Screen::Search(_)) => Mode::SearchResults,
            _ => Mode::Reader,
        }
    }
}

//! The main thread's work for the keys of the lists, counted where time
//! is too noisy to compare (a shared machine): presses each screen's keys
//! `N` times through the painter and the frame writer (into a sink), so
//! that an instruction counter sees only that work. Run it twice under
//! callgrind, with `N` and with 0, and divide the difference by the
//! presses: `valgrind --tool=callgrind --callgrind-out-file=/dev/null
//! target/release/examples/frame_cost SCREEN N` (SCREEN: search-typing,
//! search-results, link-list, library, library-preview, article,
//! article-page). The screens are those of benches/lists.rs, at 80 x 24
//! (library-preview: the library at 120 x 30, its previews cached, the
//! preview beside the list; article: the reader on a 1 MB article of our
//! own with the outline beside it, j and k, or Space and b).
#![allow(clippy::unwrap_used)]

#[path = "../benches/common/generate.rs"]
mod generate;
#[path = "../benches/common/list_screens.rs"]
#[allow(dead_code)]
mod list_screens;

use list_screens::{
    WIDE, article_app, cache_previews, library_app, library_app_on, link_app, search_app, settle,
};
use quire::library;
use quire::tui::Action;
use quire::tui::painter::Painter;
use quire::tui::update;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

fn main() {
    let mut args = std::env::args().skip(1);
    let screen = args.next().unwrap_or_else(|| "search-results".into());
    let presses: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(100);
    let dir = tempfile::tempdir().unwrap();
    let (mut app, keys) = match screen.as_str() {
        "search-typing" => (search_app(dir.path(), true), typing()),
        "search-results" => (
            search_app(dir.path(), false),
            vec![Action::LineDown, Action::LineUp],
        ),
        "link-list" => (link_app(), vec![Action::LinkDown, Action::LinkUp]),
        "article" => (article_app(1 << 20), vec![Action::LineDown, Action::LineUp]),
        "article-page" => (article_app(1 << 20), vec![Action::PageDown, Action::PageUp]),
        "library" => {
            generate::generate(dir.path(), 2000);
            let mut app = library_app(library::scan(dir.path()).unwrap());
            settle(&mut app);
            (app, vec![Action::LineDown, Action::LineUp])
        }
        "library-preview" => {
            generate::generate(dir.path(), 2000);
            let lib = library::scan(dir.path()).unwrap();
            let mut app = library_app_on(lib, WIDE.0, WIDE.1);
            settle(&mut app);
            cache_previews(&mut app, 80);
            (app, vec![Action::LineDown, Action::LineUp])
        }
        other => panic!("no screen {other}"),
    };
    let (width, height) = app.size;
    let viewport = Viewport::Fixed(Rect::new(0, 0, width, height));
    let backend = CrosstermBackend::new(std::io::sink());
    let mut terminal = Terminal::with_options(backend, TerminalOptions { viewport }).unwrap();
    let mut painter = Painter::default();
    painter.draw(&mut terminal, &app).unwrap();
    for i in 0..presses {
        update(&mut app, keys[i % keys.len()].clone());
        // A preview or a query asked for comes back after the key's frame.
        drop(app.jobs.take());
        painter.draw(&mut terminal, &app).unwrap();
    }
}

/// A letter typed and taken back, as the latency harness types.
fn typing() -> Vec<Action> {
    let mut keys: Vec<Action> = "lantern".chars().map(Action::FilterInput).collect();
    keys.extend(std::iter::repeat_n(Action::FilterBackspace, 7));
    keys
}

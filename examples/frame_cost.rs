//! The main thread's work for the keys of the lists, counted where time
//! is too noisy to compare (a shared machine): presses each screen's keys
//! `N` times through the painter and the frame writer (into a sink), so
//! that an instruction counter sees only that work. Run it twice under
//! callgrind, with `N` and with 0, and divide the difference by the
//! presses: `valgrind --tool=callgrind --callgrind-out-file=/dev/null
//! target/release/examples/frame_cost SCREEN N` (SCREEN: search-typing,
//! search-results, link-list, library). The screens are those of
//! benches/lists.rs, at 80 x 24.
#![allow(clippy::unwrap_used)]

#[path = "../benches/common/generate.rs"]
mod generate;

use std::path::{Path, PathBuf};

use quire::article::Article;
use quire::library::{self, Filter};
use quire::search::{Hit, Snippet};
use quire::tui::jobs::{Executor, Inline};
use quire::tui::library::LibraryScreen;
use quire::tui::painter::Painter;
use quire::tui::search::SearchScreen;
use quire::tui::{Action, App, Config, Msg, Screen, update};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

const WIDTH: u16 = 80;
const HEIGHT: u16 = 24;

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
        "library" => (
            library_app(dir.path()),
            vec![Action::LineDown, Action::LineUp],
        ),
        other => panic!("no screen {other}"),
    };
    let viewport = Viewport::Fixed(Rect::new(0, 0, WIDTH, HEIGHT));
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

fn config() -> Config {
    Config {
        theme: quire::theme::Theme::DARK,
        ..Config::default()
    }
}

fn settle(app: &mut App) {
    let mut inline = Inline::default();
    loop {
        let jobs = app.jobs.take();
        if jobs.is_empty() && !inline.busy() {
            return;
        }
        for (id, job) in jobs {
            inline.spawn(id, job);
        }
        while let Some(done) = inline.try_next() {
            update(app, Msg::Done(Box::new(done)));
        }
    }
}

/// The search screen over 200 results, typing or browsing them.
fn search_app(dir: &Path, typing: bool) -> App {
    generate::generate(dir, 50);
    let lib = library::scan(dir).unwrap();
    let mut app = App::new(config(), WIDTH, HEIGHT);
    let screen = LibraryScreen::new(lib, Filter::default(), HEIGHT);
    let mut search = SearchScreen::new(&screen, WIDTH, HEIGHT);
    let hits = (0..200)
        .map(|i| {
            let text = format!(
                "the old lantern by the harbour wall, part {i}, and the \
                 garden behind it where the river bends"
            );
            let at = text.find("lantern").unwrap();
            Hit {
                path: PathBuf::from(format!("{i}.md")),
                title: format!("A walk along the harbour, day {i}"),
                section: vec!["Evening".into(), format!("The lantern {i}")],
                anchor: format!("the-lantern-{i}"),
                line: 3,
                snippet: Snippet {
                    text,
                    marks: std::iter::once(at..at + "lantern".len()).collect(),
                },
                score: 1.0,
            }
        })
        .collect();
    search.typing = typing;
    search.show(String::new(), hits);
    app.open_library(screen);
    app.screens.push(Screen::Search(Box::new(search)));
    if !typing {
        for _ in 0..20 {
            update(&mut app, Action::LineDown);
        }
    }
    drop(app.jobs.take());
    app
}

/// A 5 MB article of our own words with five links every 2 KB, its link
/// list open 40 links down.
fn link_app() -> App {
    let mut out = String::from("---\ntitle: Links all the way down\n---\n\n");
    let mut part = 0;
    while out.len() < 5 * 1024 * 1024 {
        part += 1;
        out.push_str(&format!("## Part {part}\n\n"));
        for k in 0..5 {
            out.push_str(&format!(
                "The ferry left at dawn; we read [the timetable {part}.{k}]\
                 (https://example.org/ferries/{part}/{k}) by a lantern and walked \
                 on along the quay past the market stalls and the old customs house. "
            ));
        }
        out.push_str("\n\nNobody minded the clock. The town kept its own time.\n\n");
    }
    let article = Article::from_bytes(Path::new("links.md"), out.as_bytes());
    let mut app = App::new(config(), WIDTH, HEIGHT);
    app.open_reader(article);
    settle(&mut app);
    update(&mut app, Action::LinkList);
    settle(&mut app);
    for _ in 0..40 {
        update(&mut app, Action::LinkDown);
    }
    app
}

/// A library of 2,000 generated articles, 40 rows down.
fn library_app(dir: &Path) -> App {
    generate::generate(dir, 2000);
    let lib = library::scan(dir).unwrap();
    let mut app = App::new(config(), WIDTH, HEIGHT);
    app.open_library(LibraryScreen::new(lib, Filter::default(), HEIGHT));
    settle(&mut app);
    for _ in 0..40 {
        update(&mut app, Action::LineDown);
    }
    settle(&mut app);
    app
}

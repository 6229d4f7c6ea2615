//! Rows a frame keeps from the last (the search screen's, the link
//! list's): after any key the terminal shows what a fresh frame shows,
//! cell for cell and replayed from the bytes on a terminal emulator, so a
//! row kept that should have been drawn again fails here.
#![allow(clippy::unwrap_used)]

use crate::common;
use crate::painter::{Rng, Shared, emulated, emulator, frame, painted_whole, visible};

use std::path::{Path, PathBuf};

use quire::library::{self, Filter};
use quire::search::{Hit, Snippet};
use quire::tui::library::LibraryScreen;
use quire::tui::painter::Painter;
use quire::tui::search::SearchScreen;
use quire::tui::{Action, App, Screen, update};
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

/// `n` results of a made-up query, the `seed`-th set (another set of
/// results for another query).
fn hits(n: usize, seed: usize) -> Vec<Hit> {
    (0..n)
        .map(|i| {
            let text = format!(
                "the old lantern by the harbour wall, part {i} of {seed}, and the garden \
                 behind it where the river bends under the 橋"
            );
            let at = text.find("lantern").unwrap();
            Hit {
                path: PathBuf::from(format!("{}.md", i % 7)),
                title: format!("A walk along the harbour, day {}", i + seed),
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
        .collect()
}

/// The search screen over the bundled library, with results.
fn search_app() -> App {
    let mut config = common::config();
    config.theme = quire::theme::Theme::DARK;
    let mut app = App::new(config, 80, 24);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("articles");
    let lib = library::scan(&root).unwrap();
    let screen = LibraryScreen::new(lib, Filter::default(), 24);
    let mut search = SearchScreen::new(&screen, 80, 24);
    search.input = "lantern".into();
    search.show("lantern".into(), hits(40, 0));
    app.open_library(screen);
    app.screens.push(Screen::Search(Box::new(search)));
    app
}

/// A key on the search screen, or new results (`None`) of `seed`.
fn search_keys() -> Vec<Option<Action>> {
    let mut keys: Vec<Option<Action>> = [
        Action::LineDown,
        Action::LineDown,
        Action::LineDown,
        Action::LineUp,
        Action::LineUp,
        Action::PageDown,
        Action::PageUp,
        Action::Top,
        Action::Bottom,
        Action::FilterStart,
        Action::FilterKeep,
        Action::FilterInput('a'),
        Action::FilterInput('b'),
        Action::FilterBackspace,
        Action::ToggleHelp,
    ]
    .into_iter()
    .map(Some)
    .collect();
    keys.push(None);
    keys
}

/// Presses `key` (new results of a size from `rng` for `None`).
fn press(app: &mut App, key: Option<Action>, rng: &mut Rng) {
    match key {
        Some(action) => {
            update(app, action);
        }
        None => {
            let (n, seed) = ([0, 1, 5, 40][rng.next(4)], rng.next(3));
            if let Some(Screen::Search(s)) = app.screens.last_mut() {
                let input = s.input.clone();
                s.show(input, hits(n, seed));
            }
        }
    }
}

/// A reader of an article with many links, the link list open.
fn links_app(outline: bool) -> App {
    let mut md = common::long_markdown(6, 4);
    for i in 0..60 {
        md.push_str(&format!(
            "Link [number {i}](https://example.org/{}) and [another](#section-{}).\n\n",
            i * 7,
            i % 6
        ));
    }
    let draft = quire::article::Draft::from_bytes(Path::new("links.md"), md.as_bytes());
    let mut config = common::config();
    config.theme = quire::theme::Theme::DARK;
    config.hyperlinks = true;
    if !outline {
        config.outline = quire::config::OutlineSide::Hidden;
    }
    let mut app = App::new(config, 80, 24);
    app.open_draft(draft);
    let mut inline = quire::tui::jobs::Inline::default();
    crate::search_screen::pump(&mut app, &mut inline);
    update(&mut app, Action::LinkList);
    crate::search_screen::pump(&mut app, &mut inline);
    let list = app.reader().unwrap().links.list.as_ref().unwrap();
    assert!(list.shown.len() > 100, "{} links", list.shown.len());
    app
}

fn link_keys() -> Vec<Option<Action>> {
    [
        Action::LinkDown,
        Action::LinkDown,
        Action::LinkDown,
        Action::LinkDown,
        Action::LinkUp,
        Action::LinkUp,
        Action::LinkInput('n'),
        Action::LinkInput('u'),
        Action::LinkBackspace,
        Action::ToggleHelp,
        Action::LinkCancel,
        Action::LinkList,
    ]
    .into_iter()
    .map(Some)
    .collect()
}

/// Random keys from `keys` on `app`: after each, the painter's terminal
/// shows the frame drawn whole.
fn painted_is_fresh(mut app: App, keys: &[Option<Action>], seed: u64, what: &str) {
    let mut rng = Rng(seed);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut painter = Painter::default();
    painter.draw(&mut terminal, &app).unwrap();
    let mut done = Vec::new();
    for _ in 0..300 {
        let key = keys[rng.next(keys.len())].clone();
        done.push(key.clone());
        press(&mut app, key, &mut rng);
        painter.draw(&mut terminal, &app).unwrap();
        assert_eq!(
            visible(terminal.backend().buffer()),
            frame(&app),
            "{what}, after {done:?}"
        );
    }
}

/// The same, the painter's bytes replayed on a terminal emulator against
/// the frame written whole on a blank one.
fn bytes_show_fresh(mut app: App, keys: &[Option<Action>], seed: u64, what: &str) {
    let mut rng = Rng(seed);
    let out = Shared::default();
    let viewport = Viewport::Fixed(Rect::new(0, 0, 80, 24));
    let backend = CrosstermBackend::new(out.clone());
    let mut terminal = Terminal::with_options(backend, TerminalOptions { viewport }).unwrap();
    let mut painter = Painter::default();
    painter.draw(&mut terminal, &app).unwrap();
    let mut screen = emulator();
    screen.process(&out.take());
    let mut done = Vec::new();
    for _ in 0..300 {
        let key = keys[rng.next(keys.len())].clone();
        done.push(key.clone());
        press(&mut app, key, &mut rng);
        painter.draw(&mut terminal, &app).unwrap();
        screen.process(&out.take());
        assert_eq!(
            emulated(&screen),
            painted_whole(&app),
            "{what}, after {done:?}"
        );
    }
}

#[test]
fn the_search_screen_after_random_keys_and_results_is_the_frame() {
    painted_is_fresh(
        search_app(),
        &search_keys(),
        0x9e37_79b9_7f4a_7c15,
        "search",
    );
    bytes_show_fresh(
        search_app(),
        &search_keys(),
        0x2545_f491_4f6c_dd1d,
        "search",
    );
}

#[test]
fn the_link_list_after_random_keys_is_the_frame() {
    for outline in [true, false] {
        let what = format!("link list, outline {outline}");
        painted_is_fresh(
            links_app(outline),
            &link_keys(),
            0x5851_f42d_4c95_7f2d,
            &what,
        );
        bytes_show_fresh(
            links_app(outline),
            &link_keys(),
            0x1405_7b7e_f767_814f,
            &what,
        );
    }
}

#[test]
fn a_move_in_the_search_results_keeps_the_rows_it_does_not_change() {
    // Two results change (four rows): the bytes written are those rows'.
    let mut app = search_app();
    update(&mut app, Action::FilterKeep);
    let out = Shared::default();
    let viewport = Viewport::Fixed(Rect::new(0, 0, 80, 24));
    let backend = CrosstermBackend::new(out.clone());
    let mut terminal = Terminal::with_options(backend, TerminalOptions { viewport }).unwrap();
    let mut painter = Painter::default();
    painter.draw(&mut terminal, &app).unwrap();
    out.take();
    update(&mut app, Action::LineDown);
    painter.draw(&mut terminal, &app).unwrap();
    let written = out.take();
    let text = String::from_utf8_lossy(&written);
    assert!(text.contains("day 1"), "{text:?}");
    assert!(!text.contains("day 2"), "{text:?}");
    assert!(written.len() < 600, "{} bytes: {text:?}", written.len());
}

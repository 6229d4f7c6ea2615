//! Flags, ZWJ families and CJK in the library's titles: terminals draw a
//! flag as two single cells (tmux 3.3, the emulator here) and a ZWJ
//! sequence as its parts side by side where ratatui counts one wide cell,
//! so after any key the bytes written, replayed on a terminal emulator,
//! must still show what the frame written whole shows (no half flag, no
//! part of a family left beside the next row's text).
#![allow(clippy::unwrap_used)]

use crate::common;
use crate::painter::{Rng, Shared, emulated, emulator_of, painted_whole_on};

use std::path::Path;

use quire::library::{self, Filter};
use quire::tui::jobs::Inline;
use quire::tui::library::LibraryScreen;
use quire::tui::painter::Painter;
use quire::tui::{Action, App, update};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

/// Titles of our own with clusters terminals measure apart from ratatui.
const TITLES: [&str; 4] = [
    "中文标题测试 长一点的标题在这里继续写下去直到标题栏放不下为止还要更长一些",
    "Família 👨\u{200d}👩\u{200d}👧 e 🇵🇹 na praia",
    "Bandeiras 🇵🇹🇧🇷🇯🇵 e uma mão 👋🏽 no fim",
    "Short 🇵🇹",
];

/// Forty ordinary articles and the titles above, dated among them.
fn write_articles(dir: &Path) {
    for i in 0..44 {
        let title = match i % 11 {
            3 => TITLES[(i / 11) % TITLES.len()].to_string(),
            _ => format!("Note {i}"),
        };
        let md = format!(
            "---\ntitle: \"{title}\"\ndate: 2024-{:02}-{:02}\ntags: [walks]\n---\n\nText {i}.\n",
            1 + i % 12,
            1 + i % 28,
        );
        std::fs::write(dir.join(format!("{i:02}.md")), md).unwrap();
    }
}

#[test]
fn pages_over_flags_and_families_leave_what_a_whole_frame_shows() {
    let dir = tempfile::tempdir().unwrap();
    write_articles(dir.path());
    let (w, h) = (160, 20);
    let mut app = App::new(common::config(), w, h);
    let lib = library::scan(dir.path()).unwrap();
    app.open_library(LibraryScreen::new(lib, Filter::default(), h));
    update(&mut app, Action::Resize(w, h));
    let mut inline = Inline::default();
    let out = Shared::default();
    let viewport = Viewport::Fixed(Rect::new(0, 0, w, h));
    let backend = CrosstermBackend::new(out.clone());
    let mut terminal = Terminal::with_options(backend, TerminalOptions { viewport }).unwrap();
    let mut painter = Painter::default();
    let mut screen = emulator_of(w, h);
    let keys = [
        Action::PageDown,
        Action::PageDown,
        Action::PageDown,
        Action::PageUp,
        Action::LineDown,
        Action::LineUp,
        Action::Bottom,
        Action::Top,
    ];
    let mut rng = Rng(0x510e_527f_ade6_82d1);
    let mut done = Vec::new();
    for step in 0..120 {
        // The three pages down first, as a reader pages through.
        let key = match step {
            0..3 => Action::PageDown,
            _ => keys[rng.next(keys.len())].clone(),
        };
        done.push(key.clone());
        update(&mut app, key);
        crate::search_screen::pump(&mut app, &mut inline);
        painter.draw(&mut terminal, &app).unwrap();
        screen.process(&out.take());
        let (got, want) = (emulated(&screen), painted_whole_on(&app, w, h));
        let wrong: Vec<_> = got.iter().zip(&want).filter(|(g, w)| g != w).collect();
        assert!(wrong.is_empty(), "after {done:?}: {wrong:#?}");
    }
}

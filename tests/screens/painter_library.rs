//! The library keeps the parts of rows the last frame drew (the list's,
//! the preview's): after any key (moves, the text filter typed, the tag
//! picker, the sort, the help, a resize, a preview that comes late) the
//! terminal shows what a fresh frame shows, cell for cell and replayed from
//! the bytes on a terminal emulator, so a part kept that should have been
//! drawn again fails here.
#![allow(clippy::unwrap_used)]

use crate::common;
use crate::painter::{Rng, Shared, emulated, emulator_of, painted_whole_on, visible};

use std::path::Path;

use quire::library::{self, Filter};
use quire::tui::jobs::Inline;
use quire::tui::library::LibraryScreen;
use quire::tui::painter::Painter;
use quire::tui::{Action, App, update};
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

/// Sizes a resize picks from: with the preview (90 columns and more) and
/// without.
const SIZES: [(u16, u16); 4] = [(120, 30), (80, 24), (96, 14), (130, 8)];

const TAGS: [&str; 5] = ["garden", "rust", "walks", "tea", "bridges"];

/// Writes `n` articles of our own into `dir`: dates, tags, a few drafts,
/// headings for the preview's outline, titles of several widths.
fn write_articles(dir: &Path, n: usize) {
    for i in 0..n {
        let tags: Vec<&str> = TAGS.iter().copied().skip(i % 3).step_by(2).collect();
        let title = match i % 4 {
            0 => format!("Notes {i}"),
            1 => format!("A longer walk along the harbour wall, part {i}"),
            2 => format!("橋 and lanterns {i}"),
            _ => format!("Tea at {i}"),
        };
        let md = format!(
            "---\ntitle: \"{title}\"\ndate: 2024-{:02}-{:02}\ntags: [{}]\ndraft: {}\n---\n\n\
             A summary of article {i}, long enough to wrap in the preview panel \
             beside the list when it is shown.\n\n## First part {i}\n\nText.\n\n\
             ### Deeper {i}\n\nMore text.\n\n## Second part\n\nThe end.\n",
            1 + i % 12,
            1 + i % 28,
            tags.join(", "),
            i % 9 == 4,
        );
        std::fs::write(dir.join(format!("{i:02}-article.md")), md).unwrap();
    }
}

/// The library of 45 articles on a `width` x `height` terminal.
fn library_app(dir: &Path, width: u16, height: u16) -> App {
    write_articles(dir, 45);
    let mut config = common::config();
    config.theme = quire::theme::Theme::DARK;
    let mut app = App::new(config, width, height);
    let lib = library::scan(dir).unwrap();
    app.open_library(LibraryScreen::new(lib, Filter::default(), height));
    update(&mut app, Action::Resize(width, height));
    app
}

/// A key, a resize to one of [`SIZES`], or the jobs run (`None`: a
/// preview read comes in).
#[derive(Debug, Clone)]
enum Key {
    Press(Action),
    Resize,
    Jobs,
}

fn keys() -> Vec<Key> {
    let mut keys: Vec<Key> = [
        Action::LineDown,
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
        Action::FilterInput('a'),
        Action::FilterInput('t'),
        Action::FilterInput('1'),
        Action::FilterBackspace,
        Action::FilterKeep,
        Action::FilterClear,
        Action::TagPicker,
        Action::PickerToggle,
        Action::PickerApply,
        Action::PickerCancel,
        Action::ClearTags,
        Action::SortNext,
        Action::SortReverse,
        Action::ToggleDrafts,
        Action::ToggleHelp,
    ]
    .into_iter()
    .map(Key::Press)
    .collect();
    keys.extend([Key::Resize, Key::Jobs, Key::Jobs, Key::Jobs]);
    keys
}

/// Presses `key`; returns the size after it.
fn press(app: &mut App, key: &Key, rng: &mut Rng, inline: &mut Inline) -> (u16, u16) {
    match key {
        Key::Press(action) => {
            update(app, action.clone());
        }
        Key::Resize => {
            let (w, h) = SIZES[rng.next(SIZES.len())];
            update(app, Action::Resize(w, h));
        }
        Key::Jobs => crate::search_screen::pump(app, inline),
    }
    app.size
}

/// What a fresh terminal of `app`'s size shows of its frame.
fn frame(app: &App) -> Vec<Vec<(String, ratatui::style::Style)>> {
    let (w, h) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| quire::tui::ui::draw(f, app)).unwrap();
    visible(terminal.backend().buffer())
}

#[test]
fn the_library_after_random_keys_is_the_frame() {
    let dir = tempfile::tempdir().unwrap();
    let (w, h) = SIZES[0];
    let mut app = library_app(dir.path(), w, h);
    let keys = keys();
    let mut rng = Rng(0x6a09_e667_f3bc_c908);
    let mut inline = Inline::default();
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    let mut painter = Painter::default();
    painter.draw(&mut terminal, &app).unwrap();
    let mut done = Vec::new();
    for _ in 0..400 {
        let key = &keys[rng.next(keys.len())];
        done.push(key.clone());
        let (w, h) = press(&mut app, key, &mut rng, &mut inline);
        terminal.backend_mut().resize(w, h);
        painter.draw(&mut terminal, &app).unwrap();
        assert_eq!(
            visible(terminal.backend().buffer()),
            frame(&app),
            "after {done:?}"
        );
    }
}

#[test]
fn the_librarys_bytes_after_random_keys_show_the_frame() {
    let dir = tempfile::tempdir().unwrap();
    let (mut w, mut h) = SIZES[0];
    let mut app = library_app(dir.path(), w, h);
    let keys = keys();
    let mut rng = Rng(0xbb67_ae85_84ca_a73b);
    let mut inline = Inline::default();
    let out = Shared::default();
    let terminal_of = |w, h| {
        let viewport = Viewport::Fixed(Rect::new(0, 0, w, h));
        let backend = CrosstermBackend::new(out.clone());
        Terminal::with_options(backend, TerminalOptions { viewport }).unwrap()
    };
    let mut terminal = terminal_of(w, h);
    let mut painter = Painter::default();
    painter.draw(&mut terminal, &app).unwrap();
    let mut screen = emulator_of(w, h);
    screen.process(&out.take());
    let mut done = Vec::new();
    for _ in 0..400 {
        let key = &keys[rng.next(keys.len())];
        done.push(key.clone());
        let size = press(&mut app, key, &mut rng, &mut inline);
        if size != (w, h) {
            (w, h) = size;
            terminal = terminal_of(w, h);
            let n = |n| std::num::NonZeroU16::new(n).unwrap();
            screen.screen_mut().set_size(n(h), n(w));
        }
        painter.draw(&mut terminal, &app).unwrap();
        screen.process(&out.take());
        assert_eq!(
            emulated(&screen),
            painted_whole_on(&app, w, h),
            "after {done:?}"
        );
    }
}

#[test]
fn a_move_beside_the_preview_writes_the_two_rows_and_the_preview() {
    let dir = tempfile::tempdir().unwrap();
    let (w, h) = (120, 30);
    let mut app = library_app(dir.path(), w, h);
    let mut inline = Inline::default();
    crate::search_screen::pump(&mut app, &mut inline);
    let out = Shared::default();
    let viewport = Viewport::Fixed(Rect::new(0, 0, w, h));
    let backend = CrosstermBackend::new(out.clone());
    let mut terminal = Terminal::with_options(backend, TerminalOptions { viewport }).unwrap();
    let mut painter = Painter::default();
    painter.draw(&mut terminal, &app).unwrap();
    let first = out.take();
    update(&mut app, Action::LineDown);
    painter.draw(&mut terminal, &app).unwrap();
    let written = out.take();
    // The bytes alone on a blank terminal: the cells they write show.
    let mut alone = emulator_of(w, h);
    alone.process(&written);
    let Some(quire::tui::Screen::Library(s)) = app.screens.last() else {
        panic!("the library")
    };
    let (list, preview) = (s.geometry.list, s.geometry.preview.unwrap());
    let written_in = |columns: std::ops::Range<u16>| -> Vec<u16> {
        (0..h)
            .filter(|&y| {
                columns.clone().any(|x| {
                    let cell = alone.screen().cell(y, x).unwrap();
                    !cell.contents().is_empty() || cell.bgcolor() != vt100::Color::Default
                })
            })
            .collect()
    };
    // Of the list, the row left and the row reached; the preview's rows.
    assert_eq!(written_in(0..list.width), [list.y, list.y + 1]);
    let panel = written_in(preview.x..w);
    assert!(panel.len() > 3, "{panel:?}");
    assert!(
        written.len() * 3 < first.len(),
        "{} bytes of {}",
        written.len(),
        first.len()
    );
}

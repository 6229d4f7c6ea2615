//! Snapshots of the library screen drawn on a TestBackend: unfiltered, with a
//! text filter being typed, with the tag picker open, with nothing left, and
//! at sizes from roomy to tiny.

use std::path::PathBuf;

use quire::article::{Meta, Peek};
use quire::library::{Entry, Failure, Filter, Library, Preview};
use quire::tui::library::{LibraryScreen, PreviewState, RowMemo};
use quire::tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

struct Post {
    path: &'static str,
    title: &'static str,
    date: Option<&'static str>,
    tags: &'static [&'static str],
    words: usize,
    draft: bool,
}

const POSTS: &[Post] = &[
    Post {
        path: "2023-05-01-a-week-without-a-phone.md",
        title: "A week without a phone",
        date: Some("2023-05-01"),
        tags: &["writing", "Habits"],
        words: 820,
        draft: false,
    },
    Post {
        path: "2023-11-05-rust-on-small-boards.md",
        title: "Rust on small boards: blinking a light the hard way",
        date: Some("2023-11-05"),
        tags: &["rust", "hardware", "machine learning"],
        words: 1900,
        draft: false,
    },
    Post {
        path: "2024-03-10-training-a-tiny-classifier.md",
        title: "Training a tiny classifier on my own bookmarks",
        date: Some("2024-03-10"),
        tags: &["machine learning", "python", "Rust"],
        words: 2400,
        draft: true,
    },
    Post {
        path: "2025-02-14-the-corner-cafe.markdown",
        title: "The corner café that taught me to write in public",
        date: Some("2025-02-14"),
        tags: &["café", "coffee", "writing"],
        words: 640,
        draft: false,
    },
    Post {
        path: "no-date-essay.md",
        title: "Small tools age better than big ones",
        date: None,
        tags: &["rust", "tools"],
        words: 300,
        draft: false,
    },
    Post {
        path: "notes/2025/2025-06-30-reading-list.md",
        title: "A reading list for the second half of the year",
        date: Some("2025-06-30"),
        tags: &["writing", "books"],
        words: 150,
        draft: false,
    },
];

fn library() -> Library {
    let entries = POSTS
        .iter()
        .map(|p| {
            let meta = Meta {
                title: p.title.to_string(),
                tags: p.tags.iter().map(|t| t.to_string()).collect(),
                date: p.date.map(str::to_string),
                author: Some("Tomás Ferreira".to_string()),
                draft: p.draft,
                ..Meta::default()
            };
            Entry::new(
                PathBuf::from(p.path),
                p.words as u64 * 6,
                Peek {
                    meta,
                    words: p.words,
                    warnings: vec![],
                },
            )
        })
        .collect();
    let failures = vec![Failure {
        path: PathBuf::from("locked.md"),
        error: "Permission denied (os error 13)".to_string(),
    }];
    Library::from_parts(PathBuf::from("articles"), entries, failures)
}

fn screen(filter: Filter, height: u16) -> LibraryScreen {
    let mut s = LibraryScreen::new(library(), filter, height);
    // The newest post; previews normally come from parsing the file.
    let i = s
        .library
        .entries
        .iter()
        .position(|e| e.path.ends_with("2025-06-30-reading-list.md"))
        .expect("entry");
    s.set_preview(
        i,
        PreviewState::Ready(Preview {
            summary: "Six books I mean to finish before the winter, and why each one made the cut."
                .into(),
            headings: vec![
                (2, "Fiction".into()),
                (3, "The long one".into()),
                (2, "Essays".into()),
                (2, "What I dropped".into()),
            ],
        }),
    );
    s
}

fn draw(s: &LibraryScreen, width: u16, height: u16) -> Terminal<TestBackend> {
    // Drawing reads the placement made on resize.
    let mut s = s.clone();
    s.resize(width, height);
    let s = &s;
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal
        .draw(|f| {
            let keymap = quire::tui::keymap::Keymap::default();
            ui::library::draw(
                f.buffer_mut(),
                s,
                &quire::theme::Theme::MONO,
                keymap.hints(),
            )
        })
        .expect("draw");
    terminal
}

#[test]
fn unfiltered() {
    let s = screen(Filter::default(), 24);
    insta::assert_snapshot!(draw(&s, 110, 24).backend());
}

#[test]
fn narrow_without_preview() {
    let s = screen(Filter::default(), 16);
    insta::assert_snapshot!(draw(&s, 60, 16).backend());
}

#[test]
fn text_filter_being_typed() {
    let mut s = screen(Filter::default(), 24);
    s.filter_start();
    for c in "RUST".chars() {
        s.filter_input(c);
    }
    insta::assert_snapshot!(draw(&s, 110, 24).backend());
}

#[test]
fn tag_picker_open() {
    let mut s = screen(Filter::default(), 24);
    s.picker_open();
    s.picker.as_mut().expect("picker").move_by(1);
    s.picker_toggle();
    s.picker.as_mut().expect("picker").move_by(1);
    s.picker_toggle();
    insta::assert_snapshot!(draw(&s, 110, 24).backend());
}

#[test]
fn tags_applied_and_failed_file_selected() {
    let mut s = screen(Filter::default(), 24);
    s.bottom();
    insta::assert_snapshot!("failed_selected", draw(&s, 110, 24).backend());
    let filter = Filter {
        tags: vec!["RUST".into(), "machine learning".into()],
        ..Filter::default()
    };
    let s = screen(filter, 24);
    insta::assert_snapshot!("tags_applied", draw(&s, 110, 24).backend());
}

#[test]
fn empty_result() {
    let filter = Filter {
        text: "zebra".into(),
        ..Filter::default()
    };
    let s = screen(filter, 16);
    insta::assert_snapshot!(draw(&s, 100, 16).backend());
}

#[test]
fn no_size_panics() {
    for (w, h) in [
        (1, 1),
        (2, 3),
        (10, 5),
        (30, 4),
        (89, 3),
        (90, 40),
        (200, 60),
    ] {
        let mut s = screen(Filter::default(), h);
        draw(&s, w, h);
        s.picker_open();
        draw(&s, w, h);
        s.picker_cancel();
        s.filter_start();
        s.filter_input('x');
        draw(&s, w, h);
    }
}

#[test]
fn tag_picker_narrowed_by_name() {
    let mut s = screen(Filter::default(), 24);
    s.picker_open();
    let p = s.picker.as_mut().expect("picker");
    p.search_start();
    for c in "ing".chars() {
        p.search_input(c);
    }
    s.picker_toggle();
    insta::assert_snapshot!(draw(&s, 110, 24).backend());
}

#[test]
fn the_preview_is_drawn_where_clicks_stop_selecting() {
    for (width, height) in [(90, 10), (110, 24), (120, 20), (200, 30)] {
        let mut s = screen(Filter::default(), height);
        s.resize(width, height);
        let terminal = draw(&s, width, height);
        let border = terminal
            .backend()
            .buffer()
            .cell((s.geometry.list.width, 2))
            .expect("cell")
            .symbol()
            .to_string();
        assert_eq!(border, "│", "{width}x{height}: the preview's border");
    }
}

/// The library drawn on a buffer of `width` x `height` in `theme`.
fn frame(s: &LibraryScreen, theme: &quire::theme::Theme, width: u16, height: u16) -> Buffer {
    let mut buf = Buffer::empty(Rect::new(0, 0, width, height));
    let keymap = quire::tui::keymap::Keymap::default();
    ui::library::draw(&mut buf, s, theme, keymap.hints());
    buf
}

#[test]
fn rows_remembered_over_moves_equal_rows_drawn_anew() {
    use quire::theme::Theme;
    let (width, height) = (100, 9);
    let mut s = screen(Filter::default(), height);
    s.resize(width, height);
    let mut theme = Theme::MONO;
    // Moves down past the screen and back, a theme change, a title changed
    // at the same place (a file edited, read again), a narrower terminal.
    for step in 0..24 {
        match step {
            0..=7 => s.move_by(1),
            8..=11 => s.move_by(-2),
            12 => theme = Theme::DARK,
            13 => {
                let i = match s.selected_row() {
                    Some(quire::tui::library::Row::Article(i)) => i,
                    _ => 0,
                };
                // Read again, as a scan does: a new entry for the path.
                let e = &s.library.entries[i];
                let meta = Meta {
                    title: "A title edited since".to_string(),
                    ..e.meta.clone()
                };
                let peek = Peek {
                    meta,
                    words: e.words,
                    warnings: Vec::new(),
                };
                s.library.entries[i] = Entry::new(e.path.clone(), e.size, peek);
            }
            14 => s.resize(70, height),
            _ => s.move_by(if step % 2 == 0 { 1 } else { -1 }),
        }
        let ours = frame(&s, &theme, s.width, height);
        let mut fresh = s.clone();
        fresh.rows_drawn = RowMemo::default();
        fresh.preview_drawn = Default::default();
        let theirs = frame(&fresh, &theme, s.width, height);
        assert_eq!(ours, theirs, "step {step}");
    }
    let shown = frame(&s, &theme, s.width, height);
    let text: String = shown.content.iter().map(|c| c.symbol()).collect();
    assert!(text.contains("A title edited"), "{text}");
}

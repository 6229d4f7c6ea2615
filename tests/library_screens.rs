//! Snapshots of the library screen drawn on a TestBackend: unfiltered, with a
//! text filter being typed, with the tag picker open, with nothing left, and
//! at sizes from roomy to tiny.

use std::path::PathBuf;

use quire::article::{Meta, Peek};
use quire::library::{Entry, Failure, Filter, Library, Preview};
use quire::tui::library::{LibraryScreen, PreviewState};
use quire::tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

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
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal
        .draw(|f| ui::library::draw(f.buffer_mut(), s, false))
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
    s.picker_open(24);
    let p = s.picker.as_mut().expect("picker");
    p.move_by(1);
    p.toggle();
    p.move_by(1);
    p.toggle();
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
        s.picker_open(h);
        draw(&s, w, h);
        s.picker_cancel();
        s.filter_start();
        s.filter_input('x');
        draw(&s, w, h);
    }
}

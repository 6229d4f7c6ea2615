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

// ---- the whole app on a TestBackend: keys in, screens and state out ----

mod flow {
    use std::collections::VecDeque;
    use std::io;
    use std::path::{Path, PathBuf};
    use std::time::Duration;

    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    use quire::library::{self, Filter, TagMode};
    use quire::tui::library::LibraryScreen;
    use quire::tui::{App, Config, Events, Input, Screen, run_app};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    /// Keys played in order; then the input closes.
    struct Script(VecDeque<Event>);

    impl Events for Script {
        fn next(&mut self, _timeout: Duration) -> io::Result<Input> {
            Ok(self.0.pop_front().map_or(Input::Closed, Input::Event))
        }
    }

    fn keys(spec: &[&str]) -> Script {
        let events = spec
            .iter()
            .flat_map(|k| {
                let codes: Vec<KeyCode> = match *k {
                    "Enter" => vec![KeyCode::Enter],
                    "Esc" => vec![KeyCode::Esc],
                    "Down" => vec![KeyCode::Down],
                    "Space" => vec![KeyCode::Char(' ')],
                    "Bksp" => vec![KeyCode::Backspace],
                    text => text.chars().map(KeyCode::Char).collect(),
                };
                codes
                    .into_iter()
                    .map(|c| Event::Key(KeyEvent::new(c, KeyModifiers::NONE)))
                    .collect::<Vec<_>>()
            })
            .collect();
        Script(events)
    }

    /// Relative, as a user would type it (tests run in the crate's folder),
    /// so the header in snapshots does not depend on where the crate lives.
    fn fixture() -> PathBuf {
        let dir = Path::new("tests/fixtures/library");
        assert!(dir.is_dir(), "tests run from the crate's folder");
        dir.to_path_buf()
    }

    fn app(filter: Filter) -> App {
        let config = Config {
            max_width: 100,
            theme: quire::theme::Theme::MONO,
            outline: quire::config::OutlineSide::Left,
            outline_width: quire::config::DEFAULT_OUTLINE_WIDTH,
            layouter: quire::tui::Layouter::Quire,
            image_rows: 0,
            picture_cell: quire::layout::PICTURE_CELL,
            wrap_code: false,
            hyperlinks: false,
        };
        let mut app = App::new(config, 100, 24);
        let lib = library::scan(&fixture()).expect("scan the fixture library");
        app.open_library(LibraryScreen::new(lib, filter, 24));
        app
    }

    fn run(app: &mut App, script: &[&str]) -> Terminal<TestBackend> {
        let mut terminal = Terminal::new(TestBackend::new(100, 24)).expect("terminal");
        run_app(
            &mut terminal,
            app,
            &mut keys(script),
            &mut quire::tui::Inline::default(),
        )
        .expect("run");
        terminal
    }

    fn screen(app: &App) -> &LibraryScreen {
        match app.screens.first() {
            Some(Screen::Library(s)) => s,
            _ => panic!("the library is the first screen"),
        }
    }

    fn selected_title(s: &LibraryScreen) -> String {
        match s.selected_row() {
            Some(quire::tui::library::Row::Article(i)) => s.library.entries[i].meta.title.clone(),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn pick_a_tag_open_an_article_and_come_back_to_the_same_list() {
        let mut app = app(Filter::default());
        // Find the tag by name in the picker, tick it, apply.
        run(&mut app, &["t", "/", "RUS", "Enter", "Space", "Enter", "j"]);
        let s = screen(&app);
        assert_eq!(s.filter.tags, ["rust"]);
        assert_eq!(s.rows.len(), 3);
        // Newest first: the classifier, then the boards (selected), then the essay.
        let title = selected_title(s);
        assert_eq!(title, "Rust on small boards: blinking a light the hard way");
        let (selected, scroll) = (s.selected, s.scroll);

        // Enter opens the reader on top; q comes back.
        run(&mut app, &["Enter"]);
        assert_eq!(app.screens.len(), 2);
        assert!(matches!(app.screens.last(), Some(Screen::Reader(_))));
        let terminal = run(&mut app, &["q"]);
        assert_eq!(app.screens.len(), 1);
        let s = screen(&app);
        assert_eq!(s.filter.tags, ["rust"]);
        assert_eq!((s.selected, s.scroll), (selected, scroll));
        assert_eq!(selected_title(s), title);
        let shown = format!("{:?}", terminal.backend());
        assert!(shown.contains("3 of 6 articles"), "{shown}");
        assert!(shown.contains("tags: rust (all of)"), "{shown}");
    }

    #[test]
    fn typing_filters_esc_clears_then_quits() {
        let mut app = app(Filter::default());
        run(&mut app, &["/", "phone"]);
        assert_eq!(screen(&app).rows.len(), 1);
        run(&mut app, &["Enter"]);
        let s = screen(&app);
        assert!(s.typing.is_none());
        assert_eq!(s.filter.text, "phone");
        // Esc clears the text first; the next Esc leaves.
        run(&mut app, &["Esc"]);
        assert_eq!(screen(&app).rows.len(), 6);
        let mut terminal = Terminal::new(TestBackend::new(100, 24)).expect("terminal");
        let mut script = keys(&["Esc", "j"]);
        run_app(
            &mut terminal,
            &mut app,
            &mut script,
            &mut quire::tui::Inline::default(),
        )
        .expect("run");
        assert_eq!(script.0.len(), 1, "the loop ended on Esc, before j");
    }

    #[test]
    fn start_filtered_any_of_and_sort_cycles() {
        let filter = Filter {
            tags: vec!["Python".into(), "BOOKS".into()],
            mode: TagMode::Any,
            ..Filter::default()
        };
        let mut app = app(filter);
        assert_eq!(screen(&app).rows.len(), 2);
        run(&mut app, &["s"]);
        assert_eq!(screen(&app).sort.key, quire::library::SortKey::Title);
        assert_eq!(
            selected_title(screen(&app)),
            "A reading list for the second half of the year"
        );
        run(&mut app, &["S"]);
        assert!(screen(&app).sort.reverse);
        run(&mut app, &["T"]);
        assert_eq!(screen(&app).rows.len(), 6);
    }

    #[test]
    fn previews_load_on_selection_from_the_file() {
        let mut app = app(Filter::default());
        let terminal = run(&mut app, &["G", "k"]);
        // Sorted newest first, the undated essay is last; one up is the phone week.
        let s = screen(&app);
        assert_eq!(selected_title(s), "A week without a phone");
        match s.preview() {
            Some(quire::tui::library::PreviewState::Ready(p)) => assert!(!p.summary.is_empty()),
            other => panic!("no preview: {other:?}"),
        }
        let shown = format!("{:?}", terminal.backend());
        assert!(shown.contains("A week without a phone"), "{shown}");
    }

    #[test]
    fn help_lists_the_library_keys() {
        let mut app = app(Filter::default());
        let terminal = run(&mut app, &["?"]);
        let shown = format!("{:?}", terminal.backend());
        assert!(shown.contains("pick tags"), "{shown}");
        insta::assert_snapshot!("help_over_library", terminal.backend());
        run(&mut app, &["?"]);
        assert!(app.help.is_none());
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

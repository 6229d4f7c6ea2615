//! The whole app over the library on a TestBackend: keys in (a tag
//! picked, a filter typed, sorts, previews, the help), screens and state out.

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

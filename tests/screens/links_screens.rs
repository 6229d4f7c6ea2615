//! Screen snapshots of links in the reader on a `TestBackend`, driven
//! through the real event loop: the labels over the links, the link list,
//! the question before an external link, the way back on the status line.
#![allow(clippy::unwrap_used)]

use crate::common;

use std::collections::VecDeque;
use std::io;
use std::path::Path;
use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use quire::tui::{App, Events, Input, run_app};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;

/// Keys typed one after the other, then the input closes.
struct Script(VecDeque<Event>);

impl Events for Script {
    fn next(&mut self, _timeout: Duration) -> io::Result<Input> {
        Ok(self.0.pop_front().map_or(Input::Closed, Input::Event))
    }
}

fn script(keys: &str) -> Script {
    Script(
        keys.chars()
            .map(|c| {
                let code = match c {
                    '\n' => KeyCode::Enter,
                    '\u{1b}' => KeyCode::Esc,
                    c => KeyCode::Char(c),
                };
                Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
            })
            .collect(),
    )
}

fn start_page(width: u16, height: u16) -> App {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sites/reader/start.md");
    common::app_with(common::load(&path), width, height)
}

fn screen(width: u16, height: u16, keys: &str) -> Terminal<TestBackend> {
    let mut app = start_page(width, height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    run_app(
        &mut terminal,
        &mut app,
        &mut script(keys),
        &mut quire::tui::Inline::default(),
    )
    .unwrap();
    terminal
}

#[test]
fn hint_labels_80x16() {
    let terminal = screen(80, 16, "f");
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn hint_labels_stand_out_over_the_text() {
    let terminal = screen(80, 16, "f");
    let buf = terminal.backend().buffer();
    // The first label sits on the first letter of "the pond section".
    let row = (0..16u16)
        .find(|&y| {
            (0..80u16)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
                .contains("ahe pond section")
        })
        .unwrap();
    let x = (0..80u16)
        .find(|&x| buf[(x, row)].symbol() == "a" && buf[(x + 1, row)].symbol() == "h")
        .unwrap();
    assert!(buf[(x, row)].modifier.contains(Modifier::BOLD));
    assert!(!buf[(x + 1, row)].modifier.contains(Modifier::BOLD));
}

#[test]
fn link_list_80x16() {
    let terminal = screen(80, 16, "F");
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn link_list_filtered_80x16() {
    let terminal = screen(80, 16, "Fpond");
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn external_link_question_80x16() {
    let terminal = screen(80, 16, "fd");
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn followed_to_another_article_with_the_way_back_80x16() {
    let terminal = screen(80, 16, "Fpond\n");
    insta::assert_snapshot!(terminal.backend());
}

/// The rows of the list's box as text, inside its border.
fn rows_text(terminal: &Terminal<TestBackend>) -> Vec<String> {
    let buf = terminal.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect()
}

fn with_ctrl(keys: &str, ctrl: &[char]) -> Script {
    let mut s = script(keys);
    for &c in ctrl {
        s.0.push_back(Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::CONTROL,
        )));
    }
    s
}

fn screen_after(width: u16, height: u16, mut keys: Script) -> Terminal<TestBackend> {
    let mut app = start_page(width, height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    run_app(
        &mut terminal,
        &mut app,
        &mut keys,
        &mut quire::tui::Inline::default(),
    )
    .unwrap();
    terminal
}

#[test]
fn the_link_list_stays_put_while_the_selection_moves_inside_it() {
    // 8 rows: a box of 7 with 4 rows of links, of the fixture's 5.
    let down = screen_after(80, 8, with_ctrl("F", &['n', 'n', 'n', 'n']));
    let rows = rows_text(&down);
    // The last link selected on the last row: the list scrolled by one.
    assert!(rows[2].contains("its own end"), "{rows:#?}");
    assert!(rows[5].contains("›the soil"), "{rows:#?}");
    // One up: the selection moves, the list does not (it used to keep the
    // selection on the last row, scrolling at every press up).
    let up = screen_after(80, 8, with_ctrl("F", &['n', 'n', 'n', 'n', 'p']));
    let rows = rows_text(&up);
    assert!(rows[2].contains("its own end"), "{rows:#?}");
    assert!(rows[4].contains("›a lost page"), "{rows:#?}");
}

#[test]
fn the_link_list_spans_the_outline_and_closing_it_shows_the_outline_again() {
    let open = rows_text(&screen(80, 16, "F"));
    assert!(open[0].starts_with("┌ Links"), "{open:#?}");
    assert!(!open.iter().any(|r| r.contains("Middle")), "{open:#?}");
    let closed = screen(80, 16, "F\u{1b}");
    assert_eq!(
        closed.backend().buffer(),
        screen(80, 16, "").backend().buffer()
    );
}

#[test]
fn the_link_selected_stays_selected_when_the_filter_is_erased() {
    let selected = |keys: Script| {
        rows_text(&screen_after(80, 16, keys))
            .into_iter()
            .find(|r| r.contains('›'))
            .map(|r| r.split('›').nth(1).unwrap_or("").trim().to_string())
            .unwrap()
    };
    // "garden" keeps the pond section and the soil; Ctrl-n selects the soil.
    let filtered = selected(with_ctrl("Fgarden", &['n']));
    assert!(filtered.starts_with("the soil"), "{filtered}");
    let mut erased = with_ctrl("Fgarden", &['n']);
    for _ in 0.."garden".len() {
        erased.0.push_back(Event::Key(KeyEvent::new(
            KeyCode::Backspace,
            KeyModifiers::NONE,
        )));
    }
    // The whole list again, the soil still selected (not its second link).
    assert_eq!(selected(erased), filtered);
}

#[test]
fn the_link_list_shows_the_address_a_template_computed() {
    // `[about page]({% link about.md %})`: the footnote says /walks/about/,
    // and so does the list (it showed the Liquid tag as written); typing
    // the path as written still finds it.
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sites/jekyll-links/index.md");
    let rows = |keys: &str| {
        let mut app = common::app_with(common::load(&path), 100, 16);
        let mut terminal = Terminal::new(TestBackend::new(100, 16)).unwrap();
        run_app(
            &mut terminal,
            &mut app,
            &mut script(keys),
            &mut quire::tui::Inline::default(),
        )
        .unwrap();
        rows_text(&terminal)
    };
    let all = rows("F");
    let about = all.iter().find(|r| r.contains("about page")).unwrap();
    assert!(about.contains("/walks/about/"), "{all:#?}");
    assert!(!all.iter().any(|r| r.contains("{%")), "{all:#?}");
    let filtered = rows("Fabout.md");
    assert!(
        filtered.iter().any(|r| r.contains("/walks/about/")),
        "{filtered:#?}"
    );
}

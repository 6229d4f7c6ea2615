//! What reaches the terminal when a key scrolls: the painter moves the rows
//! that only scrolled (a scroll region) and writes what is new, so a line's
//! scroll costs about a line; the screen it leaves is the frame, cell for
//! cell, with hyperlinks and the outline beside the text.
#![allow(clippy::unwrap_used)]

use crate::common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use quire::tui::painter::Painter;
use quire::tui::{Action, App, update};
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

/// What a terminal would be sent, kept.
#[derive(Clone, Default)]
pub(crate) struct Shared(Arc<Mutex<Vec<u8>>>);

impl Shared {
    pub(crate) fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.0.lock().unwrap())
    }
}

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A reader of a long article with links, `outline` on or off, on 80 x 24.
fn app(outline: bool) -> App {
    let side = if outline {
        quire::config::OutlineSide::Left
    } else {
        quire::config::OutlineSide::Hidden
    };
    app_with(side)
}

/// A reader of a long article with links, the outline on `side`, on 80 x 24.
fn app_with(side: quire::config::OutlineSide) -> App {
    let mut md = common::long_markdown(12, 6);
    md.push_str("See [the harbour page](https://example.org/harbour) for the tide tables.\n");
    let md = md.replace(
        "the lantern on the rock",
        "the [lantern](https://example.org/lantern) on the rock",
    );
    let draft = quire::article::Draft::from_bytes(std::path::Path::new("long.md"), md.as_bytes());
    let mut config = common::config();
    config.hyperlinks = true;
    config.outline = side;
    let mut app = App::new(config, 80, 24);
    app.open_draft(draft);
    app
}

/// The frame `app` draws, as a fresh terminal would show it.
pub(crate) fn frame(app: &App) -> Vec<Vec<(String, ratatui::style::Style)>> {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| quire::tui::ui::draw(f, app)).unwrap();
    visible(terminal.backend().buffer())
}

/// What a terminal shows of `buf`: each row's cells with their style, but
/// for the cells under a wide one (a hyperlink's run is one cell as wide as
/// its text), which the terminal fills with that cell's text.
pub(crate) fn visible(buf: &ratatui::buffer::Buffer) -> Vec<Vec<(String, ratatui::style::Style)>> {
    use ratatui::buffer::CellDiffOption;
    use unicode_width::UnicodeWidthStr;
    let width = usize::from(buf.area.width);
    buf.content()
        .chunks(width)
        .map(|row| {
            let mut out = Vec::new();
            let mut x = 0;
            while x < row.len() {
                let cell = &row[x];
                out.push((cell.symbol().to_string(), cell.style()));
                let w = match cell.diff_option {
                    CellDiffOption::ForcedWidth(n) => usize::from(n.get()),
                    _ => cell.symbol().width().max(1),
                };
                x += w;
            }
            out
        })
        .collect()
}

#[test]
fn a_line_scroll_writes_about_a_line() {
    for (outline, bound) in [(false, 400), (true, 1600)] {
        let mut app = app(outline);
        let out = Shared::default();
        let backend = CrosstermBackend::new(out.clone());
        let viewport = Viewport::Fixed(Rect::new(0, 0, 80, 24));
        let mut terminal = Terminal::with_options(backend, TerminalOptions { viewport }).unwrap();
        let mut painter = Painter::default();
        painter.draw(&mut terminal, &app).unwrap();
        let whole = out.take().len();
        for action in [Action::LineDown, Action::LineDown, Action::LineUp] {
            update(&mut app, action.clone());
            painter.draw(&mut terminal, &app).unwrap();
            let bytes = out.take();
            let text = String::from_utf8_lossy(&bytes);
            assert!(
                text.contains("\x1b[1;23r"),
                "outline {outline}, {action:?}: no scroll region: {text:?}"
            );
            assert!(
                bytes.len() < bound && bytes.len() * 3 < whole,
                "outline {outline}, {action:?}: {} bytes of {whole}: {text:?}",
                bytes.len()
            );
        }
    }
}

#[test]
fn the_screen_after_scrolls_is_the_frame() {
    for outline in [false, true] {
        let mut app = app(outline);
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        let mut painter = Painter::default();
        painter.draw(&mut terminal, &app).unwrap();
        let keys = [
            Action::LineDown,
            Action::LineDown,
            Action::PageDown,
            Action::LineUp,
            Action::NextHeading,
            Action::PageUp,
            Action::LineDown,
            Action::Bottom,
            Action::LineUp,
            Action::Top,
        ];
        for action in keys {
            update(&mut app, action.clone());
            painter.draw(&mut terminal, &app).unwrap();
            assert_eq!(
                visible(terminal.backend().buffer()),
                frame(&app),
                "outline {outline}, after {action:?}"
            );
        }
    }
}

/// A fixed stream of numbers (xorshift) for the random keys below.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 16) as usize % n
    }
}

/// Keys that change the outline pane or the status line with the text or
/// without it.
fn random_keys() -> Vec<Action> {
    // Keys that change the outline pane or the status line with the text or
    // without it: the parts a frame copies from the last one when they did
    // not change must be what drawing them would give.
    vec![
        Action::LineDown,
        Action::LineDown,
        Action::LineDown,
        Action::LineUp,
        Action::LineUp,
        Action::PageDown,
        Action::PageUp,
        Action::HalfPageDown,
        Action::NextHeading,
        Action::PrevHeading,
        Action::Top,
        Action::Bottom,
        Action::ToggleFocus,
        Action::OutlineDown,
        Action::OutlineUp,
        Action::OutlineJump,
        Action::Fold,
        Action::Unfold,
        Action::ToggleOutline,
        Action::OutlineNarrower,
        Action::OutlineWider,
        Action::ToggleSectionTimes,
        Action::ToggleSectionLinks,
        Action::ToggleHelp,
        Action::LinkList,
        Action::LinkDown,
        Action::LinkCancel,
        Action::SearchNext,
        Action::Cancel,
    ]
}

/// The outline on either side of the text, and hidden.
const SIDES: [quire::config::OutlineSide; 3] = [
    quire::config::OutlineSide::Left,
    quire::config::OutlineSide::Right,
    quire::config::OutlineSide::Hidden,
];

#[test]
fn the_screen_after_random_keys_is_the_frame() {
    let keys = random_keys();
    let mut rng = Rng(0x5851_f42d_4c95_7f2d);
    for outline in SIDES {
        let mut app = app_with(outline);
        for a in [
            Action::SearchStart,
            Action::SearchInput('t'),
            Action::SearchInput('h'),
        ] {
            update(&mut app, a);
        }
        update(&mut app, Action::SearchSubmit);
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        let mut painter = Painter::default();
        painter.draw(&mut terminal, &app).unwrap();
        let mut done = Vec::new();
        for _ in 0..300 {
            let action = keys[rng.next(keys.len())].clone();
            done.push(action.clone());
            update(&mut app, action);
            painter.draw(&mut terminal, &app).unwrap();
            assert_eq!(
                visible(terminal.backend().buffer()),
                frame(&app),
                "outline {outline:?}, after {done:?}"
            );
        }
    }
}

/// What a terminal emulator shows: each cell's text and look (a blank
/// shows its background only).
pub(crate) fn emulated(parser: &vt100::Parser) -> Vec<String> {
    let screen = parser.screen();
    let (rows, columns) = screen.size();
    let mut out = Vec::new();
    for y in 0..rows.get() {
        for x in 0..columns.get() {
            let Some(cell) = screen.cell(y, x) else {
                continue;
            };
            let text = cell.contents();
            out.push(if text.trim().is_empty() && !cell.is_wide_continuation() {
                format!("{x},{y} blank {:?} {}", cell.bgcolor(), cell.inverse())
            } else {
                format!(
                    "{x},{y} {text:?} {:?} {:?} {} {} {} {} {}",
                    cell.fgcolor(),
                    cell.bgcolor(),
                    cell.bold(),
                    cell.dim(),
                    cell.italic(),
                    cell.underline(),
                    cell.inverse()
                )
            });
        }
    }
    out
}

/// What `app`'s frame, written whole on a blank 80 x 24 terminal, shows
/// there ([`emulated`]).
pub(crate) fn painted_whole(app: &App) -> Vec<String> {
    painted_whole_on(app, 80, 24)
}

/// [`painted_whole`] on a `width` x `height` terminal.
pub(crate) fn painted_whole_on(app: &App, width: u16, height: u16) -> Vec<String> {
    let fresh = Shared::default();
    let viewport = Viewport::Fixed(Rect::new(0, 0, width, height));
    let backend = CrosstermBackend::new(fresh.clone());
    let mut whole = Terminal::with_options(backend, TerminalOptions { viewport }).unwrap();
    Painter::default().draw(&mut whole, app).unwrap();
    let mut expected = emulator_of(width, height);
    expected.process(&fresh.take());
    emulated(&expected)
}

/// A fresh 80 x 24 terminal emulator.
pub(crate) fn emulator() -> vt100::Parser {
    emulator_of(80, 24)
}

/// A fresh `width` x `height` terminal emulator.
pub(crate) fn emulator_of(width: u16, height: u16) -> vt100::Parser {
    let size = |n| std::num::NonZeroU16::new(n).unwrap();
    vt100::Parser::new(size(height), size(width), 0)
}

#[test]
fn the_bytes_after_random_keys_show_the_frame_on_a_terminal() {
    // The bytes the painter writes (scrolls, moves, erases, colours),
    // replayed on a terminal emulator, leave the screen that the frame
    // written whole on a blank terminal leaves.
    let keys = random_keys();
    let mut rng = Rng(0x2d35_8dcc_aa6c_78a5);
    for outline in SIDES {
        let mut app = app_with(outline);
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
            let action = keys[rng.next(keys.len())].clone();
            done.push(action.clone());
            update(&mut app, action);
            painter.draw(&mut terminal, &app).unwrap();
            screen.process(&out.take());
            assert_eq!(
                emulated(&screen),
                painted_whole(&app),
                "outline {outline:?}, after {done:?}"
            );
        }
    }
}

#[test]
fn a_line_scroll_draws_one_text_row_and_keeps_the_rest() {
    // After a `j` beside the outline, the text rows that only moved are
    // kept from the rows below, where the last frame showed them, and the
    // pane's rows in place: one text row is drawn.
    use quire::tui::ui::{self, Part};
    use ratatui::buffer::Buffer;
    let mut app = app(true);
    let area = Rect::new(0, 0, 80, 24);
    let mut kept = ui::Kept::default();
    let mut last = Buffer::empty(area);
    ui::draw_keeping(&mut last, &app, &Buffer::empty(area), &mut kept);
    kept.rows.done();
    update(&mut app, Action::LineDown);
    let mut next = Buffer::empty(area);
    ui::draw_keeping(&mut next, &app, &last, &mut kept);
    // (The new row may show what another row did: a blank line.)
    let text: Vec<Option<usize>> = (0..22)
        .map(|r| kept.rows.part_source(r, Part::Right))
        .collect();
    let moved: Vec<Option<usize>> = (1..23).map(Some).collect();
    assert_eq!(text, moved, "the text's rows");
    for r in 0..23 {
        assert_eq!(
            kept.rows.part_source(r, Part::Left),
            Some(r),
            "pane row {r}"
        );
    }
}

#[test]
fn the_breadcrumb_follows_the_section_the_width_and_the_article() {
    // The status line's breadcrumb is made again only when the section,
    // the width or the article changed: each of them changes it here, and
    // the screen is the frame after each.
    let mut app = app(true);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut painter = Painter::default();
    let status = |terminal: &Terminal<TestBackend>| {
        let buf = terminal.backend().buffer();
        let width = usize::from(buf.area.width);
        let row = &buf.content()[buf.content().len() - width..];
        row.iter().map(|c| c.symbol()).collect::<String>()
    };
    let check = |app: &App, terminal: &mut Terminal<TestBackend>, painter: &mut Painter| {
        painter.draw(terminal, app).unwrap();
        assert_eq!(visible(terminal.backend().buffer()), frame(app));
        status(terminal)
    };
    let mut seen = vec![check(&app, &mut terminal, &mut painter)];
    update(&mut app, Action::NextHeading);
    update(&mut app, Action::NextHeading);
    seen.push(check(&app, &mut terminal, &mut painter));
    assert!(seen[1].contains("Section 1"), "{seen:?}");
    // Narrower: the title and section are cut to fit, the frame drawn
    // at that size (a fresh terminal of it).
    update(&mut app, Action::Resize(40, 24));
    let mut narrow = Terminal::new(TestBackend::new(40, 24)).unwrap();
    painter.draw(&mut narrow, &app).unwrap();
    let mut fresh = Terminal::new(TestBackend::new(40, 24)).unwrap();
    fresh.draw(|f| quire::tui::ui::draw(f, &app)).unwrap();
    assert_eq!(
        visible(narrow.backend().buffer()),
        visible(fresh.backend().buffer())
    );
    assert_ne!(status(&narrow).trim_end(), seen[1][..40].trim_end());
    update(&mut app, Action::Resize(80, 24));
    seen.push(check(&app, &mut terminal, &mut painter));
    assert_eq!(seen[2], seen[1], "back at 80 columns");
    // Another article, at its own section of the same number.
    let other = common::long_markdown(12, 6).replace("A Long Article", "Another Article");
    let draft =
        quire::article::Draft::from_bytes(std::path::Path::new("other.md"), other.as_bytes());
    app.open_draft(draft);
    update(&mut app, Action::NextHeading);
    update(&mut app, Action::NextHeading);
    seen.push(check(&app, &mut terminal, &mut painter));
    assert!(seen[3].contains("Another Article"), "{seen:?}");
    // And back to the first, still at its section.
    app.pop_screen();
    seen.push(check(&app, &mut terminal, &mut painter));
    assert_eq!(seen[4], seen[1], "the first article's line again");
}

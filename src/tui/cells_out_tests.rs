//! Tests of a frame's bytes: replayed on a terminal emulator they leave the
//! screen the crossterm backend's bytes leave, in fewer bytes.
use super::*;
use crate::tui::test_rng::Rng;
use ratatui::backend::{Backend, CrosstermBackend};
use std::num::NonZeroU16;

/// What the backend wrote, kept.
#[derive(Clone, Default)]
struct Kept(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl Write for Kept {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn color(rng: &mut Rng) -> Color {
    const NAMED: [Color; 17] = [
        Color::Reset,
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];
    match rng.next(4) {
        0 => Color::Indexed(rng.next(256) as u8),
        1 => Color::Rgb(rng.next(256) as u8, rng.next(256) as u8, 7),
        _ => NAMED[rng.next(NAMED.len())],
    }
}

/// What a terminal shows at each cell: the text, and the look a cell
/// of that text shows (a blank shows no foreground, bold or italic).
fn shown(screen: &vt100::Screen) -> Vec<String> {
    let (rows, cols) = screen.size();
    let (rows, cols) = (rows.get(), cols.get());
    let mut out = Vec::new();
    for y in 0..rows {
        for x in 0..cols {
            let Some(cell) = screen.cell(y, x) else {
                continue;
            };
            let text = cell.contents();
            let blank = text.trim().is_empty() && !cell.is_wide_continuation();
            out.push(if blank {
                format!(
                    "{x},{y} blank {:?} {} {}",
                    cell.bgcolor(),
                    cell.inverse(),
                    cell.underline()
                )
            } else {
                format!(
                    "{x},{y} {text:?} {:?} {:?} {} {} {} {} {}",
                    cell.fgcolor(),
                    cell.bgcolor(),
                    cell.bold(),
                    cell.dim(),
                    cell.italic(),
                    cell.inverse(),
                    cell.underline()
                )
            });
        }
    }
    out
}

/// A 30 x 6 screen showing `before`, then `bytes`.
fn replay(before: &[u8], bytes: &[u8]) -> vt100::Parser {
    let mut parser = vt100::Parser::new(
        NonZeroU16::new(6).expect("six"),
        NonZeroU16::new(30).expect("thirty"),
        0,
    );
    parser.process(before);
    parser.process(bytes);
    parser
}

#[test]
fn the_screen_is_the_one_the_crossterm_backends_bytes_leave() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for round in 0..2000 {
        let mut cells = Vec::new();
        let (mut x, mut y) = (0u16, 0u16);
        for _ in 0..rng.next(60) {
            let mut cell = Cell::new(
                ["a", "漢", " ", " ", " ", "\x1b]8;;u\x1b\\b\x1b]8;;\x1b\\"][rng.next(6)],
            );
            if cell.symbol().starts_with('\x1b') {
                cell.diff_option = CellDiffOption::ForcedWidth(NonZeroU16::MIN);
            }
            // Styles change now and then, as they do along a row.
            if rng.next(3) == 0 {
                cell.fg = color(&mut rng);
                cell.bg = if rng.next(2) == 0 {
                    Color::Reset
                } else {
                    color(&mut rng)
                };
            }
            // (No underline colour: the emulator reads SGR 58's
            // parameters as attributes of their own.)
            if rng.next(3) == 0 {
                cell.modifier = Modifier::from_bits_truncate(rng.next(512) as u16);
                // The emulator keeps one of bold and dim (a terminal
                // shows both).
                if cell.modifier.contains(Modifier::BOLD) {
                    cell.modifier.remove(Modifier::DIM);
                }
            }
            // In order along the rows, as a frame's changes come: the
            // column after a wide cell is never written.
            if rng.next(6) == 0 {
                x += 1 + rng.next(12) as u16;
            }
            let w = if cell.symbol() == "漢" { 2 } else { 1 };
            if x + w > 30 {
                (x, y) = (rng.next(4) as u16, y + 1 + rng.next(2) as u16);
            }
            if y >= 6 {
                break;
            }
            cells.push((x, y, cell));
            x += w;
        }
        // A screen written over already, in colours.
        let mut before = Vec::new();
        for row in 0..6 {
            before.extend_from_slice(
                format!(
                    "\x1b[{};1H\x1b[3{}mzzzzzzzz漢zzzzzzzzzzzzzzzzzzzz\x1b[m",
                    row + 1,
                    row
                )
                .as_bytes(),
            );
        }
        let mut ours = Vec::new();
        write_cells(&mut ours, cells.iter().map(|(x, y, c)| (*x, *y, c)))
            .expect("a Vec takes every byte");
        let theirs = Kept::default();
        let mut backend = CrosstermBackend::new(theirs.clone());
        backend
            .draw(cells.iter().map(|(x, y, c)| (*x, *y, c)))
            .expect("a Vec takes every byte");
        let theirs = theirs.0.borrow().clone();
        let (a, b) = (replay(&before, &ours), replay(&before, &theirs));
        let (sa, sb) = (shown(a.screen()), shown(b.screen()));
        let differ: Vec<_> = sa.iter().zip(&sb).filter(|(x, y)| x != y).collect();
        assert!(
            differ.is_empty(),
            "round {round}: {differ:?} {cells:?} {:?} vs {:?}",
            String::from_utf8_lossy(&ours),
            String::from_utf8_lossy(&theirs),
        );
        assert!(ours.len() <= theirs.len(), "round {round}");
        // The pen is plain at the end, as a frame found it.
        let mut end = a;
        end.process(b"\x1b[1;1Hx");
        let cell = end.screen().cell(0, 0);
        assert!(
            cell.is_some_and(|c| c.fgcolor() == vt100::Color::Default
                && c.bgcolor() == vt100::Color::Default
                && !c.bold()
                && !c.inverse()),
            "round {round}"
        );
    }
}

#[test]
fn a_style_change_is_one_sequence_and_a_run_of_blanks_an_erase() {
    let mut cells: Vec<(u16, u16, Cell)> = Vec::new();
    let mut border = Cell::new("│");
    border.fg = Color::DarkGray;
    cells.push((25, 3, border));
    let mut text = Cell::new("I");
    text.modifier = Modifier::BOLD;
    text.fg = Color::LightCyan;
    cells.push((27, 3, text));
    for x in 28..60 {
        cells.push((x, 3, Cell::new(" ")));
    }
    let mut out = Vec::new();
    write_cells(&mut out, cells.iter().map(|(x, y, c)| (*x, *y, c))).expect("a Vec");
    // Dark grey is the palette's 8th colour, bright cyan its 14th; the
    // blank after the border is moved over, the blanks after `I` erased.
    assert_eq!(
        String::from_utf8_lossy(&out),
        "\x1b[4;26H\x1b[90m│\x1b[C\x1b[1;96mI\x1b[32X\x1b[m"
    );
    // A dark colour is written short but under bold, which some
    // terminals would brighten; one row down is a CR LF.
    let mut grey = Cell::new("a");
    grey.fg = Color::Gray;
    let mut bold = grey.clone();
    bold.modifier = Modifier::BOLD;
    let cells = [(3, 0, &grey), (4, 0, &bold), (0, 1, &grey)];
    let mut out = Vec::new();
    write_cells(&mut out, cells.into_iter()).expect("a Vec");
    assert_eq!(
        String::from_utf8_lossy(&out),
        "\x1b[1;4H\x1b[37ma\x1b[1;38;5;7ma\r\n\x1b[22ma\x1b[m"
    );
}

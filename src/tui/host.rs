//! What the event loop asks of the terminal beyond drawing: putting text on
//! the clipboard (OSC 52) and handing the terminal to a child program (an
//! editor) and taking it back. The real terminal does both; the test
//! backend records them.

use std::io::{self, Write};
use std::ops::Range;
use std::process::{Command, ExitStatus, Stdio};

use base64::Engine;
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::buffer::Cell;

/// The terminal's services beyond drawing.
pub trait Host {
    /// Puts `text` on the terminal's clipboard.
    fn copy(&mut self, text: &str) -> io::Result<()>;
    /// Runs `command` with the terminal handed over to it, and takes the
    /// terminal back when it ends.
    fn run_in_terminal(&mut self, command: &mut Command) -> io::Result<ExitStatus>;
    /// Moves the full rows `rows` of the screen up by `by` lines (down when
    /// negative); the rows that come in are blank. Written with the frame
    /// that follows (no flush).
    fn scroll(&mut self, rows: Range<u16>, by: i32) -> io::Result<()>;
    /// Writes a frame's changed cells, as [`Backend::draw`] does (no
    /// flush).
    fn draw_cells<'a>(
        &mut self,
        cells: impl Iterator<Item = (u16, u16, &'a Cell)>,
    ) -> io::Result<()>;
}

/// The bytes that move rows `rows` up by `by` (down when negative): a
/// scroll region around the rows (DECSTBM, 1-based), the scroll (SU or
/// SD), and the region back to the whole screen. The pen is plain there (a
/// terminal blanks new rows in its background): every frame leaves it so.
pub fn scroll_sequence(rows: &Range<u16>, by: i32) -> String {
    let (n, verb) = if by > 0 { (by, 'S') } else { (-by, 'T') };
    format!(
        "\x1b[{};{}r\x1b[{n}{verb}\x1b[r",
        u32::from(rows.start) + 1,
        rows.end
    )
}

/// The OSC 52 sequence that puts `text` on the clipboard: understood by most
/// terminals, over ssh, and by tmux with `set-clipboard on`.
pub fn osc52(text: &str) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\x1b]52;c;{encoded}\x07")
}

impl<W: Write> Host for CrosstermBackend<W> {
    fn copy(&mut self, text: &str) -> io::Result<()> {
        self.write_all(osc52(text).as_bytes())?;
        self.flush()
    }

    fn run_in_terminal(&mut self, command: &mut Command) -> io::Result<ExitStatus> {
        super::terminal::restore_terminal();
        let status = command.status();
        // Take the terminal back whether or not the child started.
        super::terminal::retake()?;
        status
    }

    fn scroll(&mut self, rows: Range<u16>, by: i32) -> io::Result<()> {
        if by == 0 || rows.is_empty() {
            return Ok(());
        }
        self.write_all(scroll_sequence(&rows, by).as_bytes())
    }

    /// The crossterm backend's bytes, written without its formatting.
    fn draw_cells<'a>(
        &mut self,
        cells: impl Iterator<Item = (u16, u16, &'a Cell)>,
    ) -> io::Result<()> {
        super::cells_out::write_cells(self, cells)
    }
}

/// The test backend runs children without a terminal (their output goes
/// nowhere) and keeps nothing of the clipboard: tests read the effects.
impl Host for TestBackend {
    fn copy(&mut self, _text: &str) -> io::Result<()> {
        Ok(())
    }

    fn run_in_terminal(&mut self, command: &mut Command) -> io::Result<ExitStatus> {
        command
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
    }

    /// Moves the rows as a terminal does, so that the backend's screen
    /// stays what a terminal would show.
    fn scroll(&mut self, rows: Range<u16>, by: i32) -> io::Result<()> {
        use ratatui::backend::Backend;
        let n = u16::try_from(by.unsigned_abs()).unwrap_or(u16::MAX);
        let result = if by > 0 {
            self.scroll_region_up(rows, n)
        } else {
            self.scroll_region_down(rows, n)
        };
        result.map_err(io::Error::other)
    }

    fn draw_cells<'a>(
        &mut self,
        cells: impl Iterator<Item = (u16, u16, &'a Cell)>,
    ) -> io::Result<()> {
        ratatui::backend::Backend::draw(self, cells).map_err(io::Error::other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_is_the_base64_of_the_text_between_the_markers() {
        assert_eq!(osc52("hi"), "\x1b]52;c;aGk=\x07");
        let text = "post.md#why-linux";
        let seq = osc52(text);
        let body = seq
            .strip_prefix("\x1b]52;c;")
            .and_then(|s| s.strip_suffix('\x07'))
            .expect("framed");
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(body)
            .expect("base64");
        assert_eq!(decoded, text.as_bytes());
        // Nothing in the payload can end the sequence early.
        assert!(!body.contains('\x07') && !body.contains('\x1b'));
    }
}

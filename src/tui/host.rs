//! What the event loop asks of the terminal beyond drawing: putting text on
//! the clipboard (OSC 52) and handing the terminal to a child program (an
//! editor) and taking it back. The real terminal does both; the test
//! backend records them.

use std::io::{self, Write};
use std::process::{Command, ExitStatus, Stdio};

use base64::Engine;
use ratatui::backend::{CrosstermBackend, TestBackend};

/// The terminal's services beyond drawing.
pub trait Host {
    /// Puts `text` on the terminal's clipboard.
    fn copy(&mut self, text: &str) -> io::Result<()>;
    /// Runs `command` with the terminal handed over to it, and takes the
    /// terminal back when it ends.
    fn run_in_terminal(&mut self, command: &mut Command) -> io::Result<ExitStatus>;
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

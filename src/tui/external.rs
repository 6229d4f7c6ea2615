//! Leaving the terminal on purpose: the command that opens a URL in the
//! browser, the OSC 52 escape that copies text to the clipboard, and the
//! URL as the status line shows it.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use crate::sanitize::sanitize_line;

/// The command that opens `url`: `$BROWSER` split as a command line (no
/// shell) with the URL as its last argument, else the platform's opener.
pub fn browser_command(browser: Option<&str>, url: &str) -> Vec<String> {
    let mut command = browser
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .map(|b| {
            shlex::split(b).unwrap_or_else(|| b.split_whitespace().map(str::to_string).collect())
        })
        .filter(|words| !words.is_empty())
        .unwrap_or_else(|| vec![platform_opener().to_string()]);
    command.push(url.to_string());
    command
}

fn platform_opener() -> &'static str {
    if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    }
}

/// The OSC 52 escape that puts `text` on the clipboard: `ESC ] 52 ; c ;`,
/// the text in base64, `BEL`.
pub fn osc52(text: &str) -> Vec<u8> {
    let mut out = b"\x1b]52;c;".to_vec();
    out.extend_from_slice(base64(text.as_bytes()).as_bytes());
    out.push(0x07);
    out
}

/// Writes the OSC 52 escape for `text` to the terminal.
pub fn copy_to_clipboard(out: &mut impl Write, text: &str) -> io::Result<()> {
    out.write_all(&osc52(text))?;
    out.flush()
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18u32, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// `url` made safe for the terminal and cut in the middle to `width`
/// columns, so that both its host and its end show.
pub fn shown_url(url: &str, width: usize) -> String {
    let safe = sanitize_line(url);
    if safe.width() <= width {
        return safe.into_owned();
    }
    let chars: Vec<char> = safe.chars().collect();
    let keep = width.saturating_sub(1);
    let head = keep.div_ceil(2);
    let tail = keep - head;
    let start: String = chars.iter().take(head).collect();
    let end: String = chars[chars.len().saturating_sub(tail)..].iter().collect();
    let cut = format!("{start}…{end}");
    // Wide characters may still overflow: fall back to the plain cut.
    if cut.width() <= width {
        cut
    } else {
        crate::tui::ui::truncate(&safe, width).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_is_the_escape_around_base64() {
        assert_eq!(osc52("hi"), b"\x1b]52;c;aGk=\x07");
        assert_eq!(osc52(""), b"\x1b]52;c;\x07");
        assert_eq!(
            osc52("https://example.org/a?b=c"),
            b"\x1b]52;c;aHR0cHM6Ly9leGFtcGxlLm9yZy9hP2I9Yw==\x07"
        );
        let mut out = Vec::new();
        assert!(copy_to_clipboard(&mut out, "abc").is_ok());
        assert_eq!(out, b"\x1b]52;c;YWJj\x07");
    }

    #[test]
    fn base64_pads_each_length() {
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foob"), "Zm9vYg==");
        assert_eq!(base64(&[0xff, 0xfe, 0x00]), "//4A");
    }

    #[test]
    fn browser_is_split_without_a_shell_and_the_url_goes_last() {
        let url = "https://example.org/x?a=1&b=$(rm)";
        assert_eq!(
            browser_command(Some("firefox --new-tab"), url),
            ["firefox", "--new-tab", url]
        );
        assert_eq!(
            browser_command(Some("'/opt/my browser/run' -x"), url),
            ["/opt/my browser/run", "-x", url]
        );
        let opener = browser_command(None, url);
        assert_eq!(opener.len(), 2);
        assert_eq!(opener[1], url);
        assert_eq!(browser_command(Some("  "), url), opener);
    }

    #[test]
    fn shown_url_is_safe_and_cut_in_the_middle() {
        assert_eq!(shown_url("https://a.org/x", 40), "https://a.org/x");
        let cut = shown_url("https://example.org/a/very/long/path/to/a/page.html", 21);
        assert_eq!(cut, "https://ex…/page.html");
        assert_eq!(cut.width(), 21);
        let evil = shown_url("https://a.org/\x1b[31mred", 80);
        assert!(!evil.contains('\x1b'));
    }
}

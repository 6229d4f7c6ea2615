//! Leaving the terminal on purpose: the command that opens a URL in the
//! browser, and the URL as the status line shows it. (Copying a URL goes
//! through [`super::host`]'s OSC 52.)

use unicode_width::UnicodeWidthStr;

use crate::sanitize::sanitize_line;

/// The command that opens `url`: `$BROWSER` split as a command line (no
/// shell) with the URL as its last argument, else the platform's opener.
pub fn browser_command(browser: Option<&str>, url: &str) -> Vec<String> {
    let mut command = browser
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .map(|b| {
            shell_words::split(b)
                .unwrap_or_else(|_| b.split_whitespace().map(str::to_string).collect())
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

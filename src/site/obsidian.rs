//! Obsidian's own marks in the notes of a vault (a folder holding
//! `.obsidian/`): `%%comments%%` are hidden, inline or over lines (whose
//! lines stay, empty, so that lines still name the file's), and
//! `==highlights==` become `<mark>` spans that the layout shows in the
//! theme's highlight. Code blocks and code spans are left as written.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// The body with Obsidian's marks turned, when `path` is a note of a vault
/// and its body holds any; `None` otherwise. Lines are kept one for one.
pub fn marks(path: &Path, body: &str) -> Option<String> {
    let bytes = body.as_bytes();
    if memchr::memmem::find(bytes, b"%%").is_none() && memchr::memmem::find(bytes, b"==").is_none()
    {
        return None;
    }
    if !in_vault(path) {
        return None;
    }
    let out = rewrite(body);
    (out != body).then_some(out)
}

/// True when a folder above `path` (a file) holds `.obsidian/`: asked of
/// each folder once a process.
fn in_vault(path: &Path) -> bool {
    static KNOWN: OnceLock<Mutex<HashMap<PathBuf, bool>>> = OnceLock::new();
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Ok(dir) = std::path::absolute(dir) else {
        return false;
    };
    let known = KNOWN.get_or_init(Mutex::default);
    let mut walked = Vec::new();
    let mut found = false;
    for folder in dir.ancestors() {
        if let Some(&k) = known.lock().ok().as_ref().and_then(|m| m.get(folder)) {
            found = k;
            break;
        }
        walked.push(folder.to_path_buf());
        if folder.join(".obsidian").is_dir() {
            found = true;
            break;
        }
    }
    if let Ok(mut known) = known.lock() {
        for folder in walked {
            known.insert(folder, found);
        }
    }
    found
}

/// `body` with comments taken out and highlights marked, outside code.
pub(crate) fn rewrite(body: &str) -> String {
    let mut out = String::with_capacity(body.len() + 16);
    let mut fence: Option<(u8, usize)> = None;
    let mut comment = false;
    for line in body.split_inclusive('\n') {
        let (text, end) = match line.strip_suffix('\n') {
            Some(text) => (text, "\n"),
            None => (line, ""),
        };
        if !comment {
            let t = text.trim_start_matches(' ');
            let ch = t.bytes().next().unwrap_or(b' ');
            let run = t.bytes().take_while(|&c| c == ch).count();
            let is_fence = (ch == b'`' || ch == b'~') && run >= 3 && text.len() - t.len() < 4;
            match fence {
                Some((c, n)) => {
                    if is_fence && ch == c && run >= n && t[run..].trim().is_empty() {
                        fence = None;
                    }
                    out.push_str(line);
                    continue;
                }
                None if is_fence => {
                    fence = Some((ch, run));
                    out.push_str(line);
                    continue;
                }
                None => {}
            }
        }
        inline(text, &mut comment, &mut out);
        out.push_str(end);
    }
    out
}

/// One line outside code blocks: its code spans copied, its comments (and
/// the rest of a comment begun above) dropped, its highlights marked.
fn inline(text: &str, comment: &mut bool, out: &mut String) {
    let mut rest = text;
    while !rest.is_empty() {
        if *comment {
            match rest.find("%%") {
                Some(at) => {
                    rest = &rest[at + 2..];
                    *comment = false;
                }
                None => return,
            }
            continue;
        }
        let Some(at) = rest.find(['`', '%', '=', '\\']) else {
            out.push_str(rest);
            return;
        };
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let skip = match rest.as_bytes()[0] {
            b'\\' => rest.chars().take(2).map(char::len_utf8).sum(),
            b'`' => {
                let run = rest.bytes().take_while(|&b| b == b'`').count();
                let ticks = &rest[..run];
                // The span up to the same run of backticks, else the run alone.
                rest[run..]
                    .find(ticks)
                    .map_or(run, |close| run + close + run)
            }
            b'%' if rest.starts_with("%%") => {
                *comment = true;
                rest = &rest[2..];
                continue;
            }
            b'=' if rest.starts_with("==") => match highlight(&rest[2..]) {
                Some(inner) => {
                    out.push_str("<mark>");
                    out.push_str(inner);
                    out.push_str("</mark>");
                    rest = &rest[2 + inner.len() + 2..];
                    continue;
                }
                None => 2,
            },
            _ => 1,
        };
        out.push_str(&rest[..skip]);
        rest = &rest[skip..];
    }
}

/// The text of a highlight opened just before `after`: up to the next
/// `==` on the line, neither starting nor ending with a space, nor empty.
fn highlight(after: &str) -> Option<&str> {
    let close = after.find("==")?;
    let inner = &after[..close];
    let spaced = |c: Option<char>| c.is_none_or(char::is_whitespace);
    if spaced(inner.chars().next()) || spaced(inner.chars().next_back()) {
        return None;
    }
    Some(inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_hidden_and_lines_kept() {
        assert_eq!(rewrite("a %%not shown%% b\n"), "a  b\n");
        assert_eq!(
            rewrite("Before\n%%\nmulti\nline\n%%\nAfter\n"),
            "Before\n\n\n\n\nAfter\n"
        );
        assert_eq!(rewrite("x %%open\nstill\nshut%% y"), "x \n\n y");
        // A comment never closed hides the rest, as Obsidian does.
        assert_eq!(rewrite("a %% b\nc\n"), "a \n\n");
    }

    #[test]
    fn highlights_become_marks() {
        assert_eq!(
            rewrite("Highlight ==this== please.\n"),
            "Highlight <mark>this</mark> please.\n"
        );
        assert_eq!(rewrite("==**bold** one=="), "<mark>**bold** one</mark>");
        // Not a highlight: spaced, empty, or unclosed on the line.
        assert_eq!(rewrite("if a == b and c == d"), "if a == b and c == d");
        assert_eq!(rewrite("==== heading ===="), "==== heading ====");
        assert_eq!(rewrite("==open\nclose=="), "==open\nclose==");
        assert_eq!(rewrite(r"\==escaped=="), r"\==escaped==");
    }

    #[test]
    fn code_is_left_as_written() {
        let fenced = "```\n%% kept %% ==kept==\n```\n";
        assert_eq!(rewrite(fenced), fenced);
        assert_eq!(rewrite("`==x==` and ==y=="), "`==x==` and <mark>y</mark>");
        assert_eq!(rewrite("``a ` %%b%%`` c"), "``a ` %%b%%`` c");
        // A comment holding a fence hides it too.
        assert_eq!(rewrite("%%\n```\n%%\nafter"), "\n\n\nafter");
    }

    #[test]
    fn only_a_vault_s_notes_are_turned() {
        let dir = tempfile::tempdir().expect("tempdir");
        let note = dir.path().join("vault/daily/n.md");
        std::fs::create_dir_all(note.parent().expect("parent")).expect("mkdir");
        let plain = dir.path().join("plain.md");
        assert_eq!(marks(&note, "a ==b== c"), None, "no .obsidian yet");
        std::fs::create_dir_all(dir.path().join("vault2/.obsidian")).expect("mkdir");
        let other = dir.path().join("vault2/n.md");
        assert_eq!(
            marks(&other, "a ==b== c").as_deref(),
            Some("a <mark>b</mark> c")
        );
        assert_eq!(marks(&other, "nothing to do"), None);
        assert_eq!(marks(&plain, "a ==b== c"), None);
    }
}

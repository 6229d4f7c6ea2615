//! Note embeds shown in place: a line that is only `![[Note]]`,
//! `![[Note#Heading]]` or `![[Note#^id]]`, in a note of a vault, becomes the
//! embedded text as a quote under a title line naming the note (in a
//! `<details>` fold past [`FOLD_LINES`] lines), before the body is parsed.
//! Embedded headings become bold lines, so that the outline stays the
//! embedding note's. Embeds nest up to [`MAX_DEPTH`]; a cycle, a missing
//! note or section and a deeper embed stay a link with a one-line note.
//! Files are read only inside the vault, regular files only, capped.

use std::path::{Path, PathBuf};

use super::wiki::Vault;
use crate::article::wikilink::{EmbedKind, WikiTarget, block_marker};
use crate::article::{Draft, LineMap, decode_cow, front_matter};

/// How deep embeds nest: an embed in an embedded note in ... four deep.
pub const MAX_DEPTH: usize = 4;

/// Embedded texts longer than this many lines are folded.
pub const FOLD_LINES: usize = 12;

/// The most bytes read of one embedded note.
const NOTE_BYTES: u64 = 4 * 1024 * 1024;

/// The draft with its note embeds inlined, when it is a note of a vault
/// and has any; else the draft as it was.
pub fn inline(mut draft: Draft) -> Draft {
    if !draft.body().lines().any(|l| embed_of(l).is_some()) {
        return draft;
    }
    let dir = match draft.path().parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let Ok(dir) = dir.canonicalize() else {
        return draft;
    };
    let Some(root) = super::wiki::marked_root(&dir) else {
        return draft;
    };
    let mut vault = Notes {
        names: Vault::by_names(&root),
        full: None,
    };
    let me = draft
        .path()
        .canonicalize()
        .unwrap_or_else(|_| draft.path().to_path_buf());
    let mut map = LineMap::default();
    let body = expand(&mut vault, draft.body(), &mut vec![me], 1, &mut map);
    draft.set_body(body, map);
    draft
}

/// A vault's notes by file name, read for their `aliases:` only when a
/// name is no file's (aliases never come before a file's name).
struct Notes {
    names: Vault,
    full: Option<Vault>,
}

impl Notes {
    fn find(&mut self, name: &str) -> Result<PathBuf, String> {
        match self.names.find(name) {
            Ok(path) => Ok(path),
            Err(_) => self
                .full
                .get_or_insert_with(|| Vault::build(&self.names.root))
                .find(name),
        }
    }
}

/// The note embed a line is made of: `![[..]]` alone on it (a list item's
/// or a quote's embed stays a link).
fn embed_of(line: &str) -> Option<WikiTarget<'_>> {
    let t = line.trim();
    if !t.starts_with("![[") || !t.ends_with("]]") || t[3..t.len() - 2].contains("]]") {
        return None;
    }
    let target = WikiTarget::parse(t)?;
    (target.embed && !target.name.is_empty() && target.embed_kind() == EmbedKind::Note)
        .then_some(target)
}

/// `body` with every embed line of it inlined; `stack` holds the notes
/// embedding it (itself last), `depth` is how deep it is; `map` gets where
/// the inlined lines are.
fn expand(
    vault: &mut Notes,
    body: &str,
    stack: &mut Vec<PathBuf>,
    depth: usize,
    map: &mut LineMap,
) -> String {
    let mut out = String::with_capacity(body.len());
    let mut line_no = 0;
    let mut fence: Option<&str> = None;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
        match (fence, marker) {
            (None, Some(m)) => fence = Some(m),
            (Some(open), Some(m)) if open == m => fence = None,
            _ => {}
        }
        let embed = if fence.is_none() && marker.is_none() {
            embed_of(line)
        } else {
            None
        };
        match embed {
            Some(target) => {
                let shown = embedded(vault, line.trim(), &target, stack, depth);
                let lines = shown.matches('\n').count();
                map.push(line_no, lines.saturating_sub(1));
                line_no += lines;
                out.push_str(&shown);
            }
            None => {
                line_no += 1;
                out.push_str(line);
            }
        }
    }
    out
}

/// The markdown shown for the embed `written` (its target read).
fn embedded(
    vault: &mut Notes,
    written: &str,
    target: &WikiTarget<'_>,
    stack: &mut Vec<PathBuf>,
    depth: usize,
) -> String {
    let note = |why: &str| format!("{written} *({why})*\n");
    let Ok(path) = vault.find(target.name) else {
        return note("no note by that name");
    };
    let path = path.canonicalize().unwrap_or(path);
    if !path.starts_with(&vault.names.root) {
        return note("outside the vault");
    }
    if stack.contains(&path) {
        return note("not shown: it embeds itself");
    }
    if depth > MAX_DEPTH {
        return note(&format!("not shown: embeds nest {MAX_DEPTH} deep at most"));
    }
    let Some(text) = crate::file::read_text(&path, NOTE_BYTES) else {
        return note("could not be read");
    };
    let (text, _) = decode_cow(&path, text.as_bytes());
    let (split, _) = front_matter::read(&path, &text, &mut Vec::new());
    let part = if let Some(id) = target.block {
        block(split.body, id)
    } else if target.headings.is_empty() {
        Some(whole(split.body))
    } else {
        section(split.body, &target.headings)
    };
    let Some(part) = part else {
        return note("no such section there");
    };
    stack.push(path);
    let inner = expand(
        vault,
        &plain_headings(&own_links_named(&part, target.name)),
        stack,
        depth + 1,
        &mut LineMap::default(),
    );
    stack.pop();
    let link = written.trim_start_matches("![[").trim_end_matches("]]");
    let link = link.split_once('|').map_or(link, |(l, _)| l);
    frame(link, &title(target), &inner)
}

/// `Note > Heading` or `Note > ^id`, as the title line names an embed.
fn title(target: &WikiTarget<'_>) -> String {
    let mut title = target.name.to_string();
    for heading in &target.headings {
        title.push_str(" > ");
        title.push_str(heading);
    }
    if let Some(id) = target.block {
        title.push_str(" > ^");
        title.push_str(id);
    }
    title
}

/// `text` as a quote under a title line, a wikilink to `link` (a
/// `<details>` summary when it is long enough to fold).
fn frame(link: &str, title: &str, text: &str) -> String {
    let quoted: String = text
        .trim_matches('\n')
        .lines()
        .map(|l| {
            if l.is_empty() {
                ">\n".to_string()
            } else {
                format!("> {l}\n")
            }
        })
        .collect();
    let title = title.replace(['*', '_', '<', '[', ']', '|', '`'], " ");
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.lines().count() > FOLD_LINES {
        format!("<details>\n<summary>{title}</summary>\n\n{quoted}\n</details>\n\n")
    } else {
        format!("> *[[{link}|{title}]]*\n>\n{quoted}\n")
    }
}

/// The ATX heading a line is: its level and text.
fn heading(line: &str) -> Option<(usize, &str)> {
    let t = line.trim_start();
    if line.len() - t.len() > 3 {
        return None;
    }
    let level = t.bytes().take_while(|&b| b == b'#').count();
    let rest = &t[level..];
    if !(1..=6).contains(&level) || !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let text = rest.trim().trim_end_matches('#').trim_end();
    Some((level, text))
}

/// Each line of `body` with whether it is in fenced code.
fn code_lines(body: &str) -> Vec<(&str, bool)> {
    let mut fence: Option<&str> = None;
    body.lines()
        .map(|line| {
            let trimmed = line.trim_start();
            let marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
            let was = fence.is_some();
            match (fence, marker) {
                (None, Some(m)) => fence = Some(m),
                (Some(open), Some(m)) if open == m => fence = None,
                _ => {}
            }
            (line, was || marker.is_some())
        })
        .collect()
}

/// `text` of the note `name` with its links into itself (`[[#Heading]]`,
/// `[[#^id]]`) naming it, so that they still lead into it once shown in
/// another note. Code is left as written.
fn own_links_named(text: &str, name: &str) -> String {
    if !text.contains("[[#") {
        return text.to_string();
    }
    let named = format!("[[{name}#");
    code_lines(text)
        .into_iter()
        .map(|(line, code)| {
            let line = if code {
                line.to_string()
            } else {
                line.replace("[[#", &named)
            };
            line + "\n"
        })
        .collect()
}

/// A whole note, without a first `# Title` that only repeats its name.
fn whole(body: &str) -> String {
    let mut lines = body.lines().skip_while(|l| l.trim().is_empty()).peekable();
    if lines
        .peek()
        .and_then(|l| heading(l))
        .is_some_and(|(lvl, _)| lvl == 1)
    {
        lines.next();
    }
    lines.map(|l| format!("{l}\n")).collect()
}

/// The section under the heading path `headings` (outermost first, matched
/// by text in any case): the lines up to the next heading of the same or a
/// higher level, without the heading itself.
pub fn section(body: &str, headings: &[&str]) -> Option<String> {
    let lines = code_lines(body);
    let (mut from, mut to) = (0, lines.len());
    let mut found = false;
    for wanted in headings {
        let wanted = wanted.trim();
        let at = (from..to).find_map(|i| {
            let (line, code) = lines[i];
            let (level, text) = heading(line).filter(|_| !code)?;
            text.eq_ignore_ascii_case(wanted).then_some((i, level))
        });
        let (i, level) = at?;
        let end = (i + 1..to)
            .find(|&j| !lines[j].1 && heading(lines[j].0).is_some_and(|(l, _)| l <= level))
            .unwrap_or(to);
        (from, to) = (i + 1, end);
        found = true;
    }
    found.then(|| {
        lines[from..to]
            .iter()
            .map(|(l, _)| format!("{l}\n"))
            .collect()
    })
}

/// The block whose line ends in `^id`: its list item's line, or its
/// paragraph (back to the blank line or heading before it), marker removed.
pub fn block(body: &str, id: &str) -> Option<String> {
    let lines = code_lines(body);
    let at = lines.iter().position(|(line, code)| {
        !code && heading(line).is_none() && block_marker(line).is_some_and(|(_, i)| i == id)
    })?;
    let line = lines[at].0;
    let (cut, _) = block_marker(line)?;
    let first = if is_list_item(line) {
        at
    } else {
        (0..at)
            .rev()
            .find(|&i| lines[i].0.trim().is_empty() || heading(lines[i].0).is_some())
            .map_or(0, |i| i + 1)
    };
    let mut out: String = lines[first..at]
        .iter()
        .map(|(l, _)| format!("{l}\n"))
        .collect();
    out.push_str(&line[..cut]);
    out.push('\n');
    Some(out)
}

/// True for a line opening a list item (`- `, `* `, `+ `, `1. `, `1) `).
fn is_list_item(line: &str) -> bool {
    let t = line.trim_start();
    if t.starts_with("- ") || t.starts_with("* ") || t.starts_with("+ ") {
        return true;
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && (t[digits..].starts_with(". ") || t[digits..].starts_with(") "))
}

/// `text` with its headings as bold lines (outside fenced code).
fn plain_headings(text: &str) -> String {
    code_lines(text)
        .into_iter()
        .map(|(line, code)| match heading(line).filter(|_| !code) {
            Some((_, t)) if !t.is_empty() => format!("**{t}**\n"),
            Some(_) => "\n".to_string(),
            None => format!("{line}\n"),
        })
        .collect()
}

#[cfg(test)]
#[path = "embeds_tests.rs"]
mod tests;

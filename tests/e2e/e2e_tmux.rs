//! End-to-end: the built binary in a real terminal (tmux on a private
//! socket), driven by keys, read back from the screen, polled with deadlines.
#![allow(clippy::unwrap_used)]

use crate::common;

use crate::common::tmux::{self, Tmux, exited};

use super::e2e_signals::assert_terminal_restored;

const BIN: &str = env!("CARGO_BIN_EXE_quire");

/// The text pane's part of a screen row (right of the outline's border).
pub(crate) fn text_part(row: &str) -> &str {
    row.split_once('│').map_or(row, |(_, t)| t).trim()
}

pub(crate) fn top_text_line(screen: &str) -> String {
    text_part(screen.lines().next().unwrap_or("")).to_string()
}

pub(crate) fn open(name: &str, width: u16, height: u16, file: &str) -> Tmux {
    let dir = common::fixtures();
    Tmux::start(
        name,
        width,
        height,
        &format!("{BIN} {file}; echo EXIT:$?"),
        &dir,
    )
}

#[test]
fn read_jump_search_resize_and_quit() {
    if !tmux::available("read_jump_search_resize_and_quit") {
        return;
    }
    let t = open("read", 120, 40, "lighthouse.md");
    t.wait_for("the title", |s| s.contains("Keeping a Lighthouse Logbook"));
    assert_eq!(
        t.pane_format("#{alternate_on}"),
        "1",
        "the reader uses the alternate screen"
    );

    // `]` until "Storms" is the top line of the text pane.
    let mut presses = 0;
    while top_text_line(&t.capture()) != "Storms" {
        presses += 1;
        assert!(
            presses <= 12,
            "Storms never reached the top:\n{}",
            t.capture()
        );
        let before = top_text_line(&t.capture());
        t.keys(&["]"]);
        t.wait_for("the next heading on top", |s| top_text_line(s) != before);
    }
    // The status line is the last row a frame writes: wait for it too.
    t.wait_for("the breadcrumb naming the section", |s| {
        s.lines().last().unwrap_or("").contains("› Storms")
    });

    // Search: the matches are highlighted and counted.
    t.type_text("/lantern");
    t.keys(&["Enter"]);
    let screen = t.wait_for("the match count", |s| s.contains("match 4/5"));
    assert!(screen.contains("lantern"));
    let escaped = t.capture_escapes();
    let highlighted = escaped.match_indices("lantern").any(|(at, _)| {
        let before = &escaped[..at];
        let sgr = before.rsplit("\x1b[").next().unwrap_or("");
        ["43m", "103m", "48;5;3m", "48;5;11m"]
            .iter()
            .any(|bg| sgr.starts_with(bg))
    });
    assert!(highlighted, "a match has a yellow background:\n{escaped:?}");

    // Resize: the text re-wraps at the narrower width, the same heading on top.
    t.resize(60, 20);
    let screen = t.wait_for("the re-wrapped text", |s| {
        s.lines().count() <= 20
            && s.lines()
                .any(|l| text_part(l).starts_with("Storms are where") && !l.contains("happened"))
    });
    assert_eq!(
        top_text_line(&screen),
        "Storms",
        "the same text stays on top"
    );
    assert!(
        screen
            .lines()
            .filter(|l| l.contains('│'))
            .all(|l| text_part(l).chars().count() <= 42),
        "no text line wider than the pane:\n{screen}"
    );

    // q quits with status 0 and the shell's screen comes back.
    // Esc clears the search first (sent alone: Esc then q at once reads as Alt-q).
    t.keys(&["Escape"]);
    t.wait_for("the search cleared", |s| !s.contains("match 4/5"));
    t.keys(&["q"]);
    let screen = t.wait_for("the exit status", exited);
    assert!(screen.contains("EXIT:0"), "exit status 0:\n{screen}");
    assert!(
        screen.contains("PROMPT$"),
        "the shell prompt is back:\n{screen}"
    );
    assert!(
        !screen.contains("Keeping a Lighthouse"),
        "the reader is gone:\n{screen}"
    );
    assert_eq!(t.pane_format("#{alternate_on}"), "0");
}

#[test]
fn outline_focus_and_help_work_in_a_real_terminal() {
    if !tmux::available("outline_focus_and_help_work_in_a_real_terminal") {
        return;
    }
    let t = open("outline", 100, 30, "lighthouse.md");
    t.wait_for("the title", |s| s.contains("Keeping a Lighthouse Logbook"));
    // Tab, down to "Storms" (the seventh entry), Enter.
    t.keys(&["Tab", "j", "j", "j", "j", "j", "j", "Enter"]);
    t.wait_for("Storms on top", |s| top_text_line(s) == "Storms");
    t.keys(&["?"]);
    t.wait_for("the help", |s| {
        s.contains("Keys") && s.contains("next heading")
    });
    t.keys(&["?"]);
    t.wait_for("the help closed", |s| !s.contains("next heading"));
    t.keys(&["C-c"]);
    let screen = t.wait_for("the exit status", exited);
    assert!(screen.contains("EXIT:0"), "{screen}");
    assert_eq!(t.pane_format("#{alternate_on}"), "0");
}

#[test]
fn an_unreadable_file_fails_before_touching_the_terminal() {
    if !tmux::available("an_unreadable_file_fails_before_touching_the_terminal") {
        return;
    }
    let t = open("missing", 80, 24, "no-such-article.md");
    let screen = t.wait_for("the exit status", exited);
    assert!(screen.contains("EXIT:1"), "{screen}");
    assert!(
        screen.contains("no-such-article.md"),
        "the message names the file:\n{screen}"
    );
    assert_eq!(t.pane_format("#{alternate_on}"), "0");
}

/// The "N of M articles" count in the library's header.
fn library_count(screen: &str) -> Option<String> {
    let header = screen.lines().next()?;
    let at = header.find(" of ")?;
    let start = header[..at].rfind(' ')? + 1;
    let end = at + header[at..].find(" articles")?;
    Some(header[start..end].to_string())
}

#[test]
fn library_pick_a_tag_open_an_article_come_back_and_quit() {
    if !tmux::available("library_pick_a_tag_open_an_article_come_back_and_quit") {
        return;
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let t = Tmux::start(
        "library",
        120,
        40,
        &format!("{BIN} articles; echo EXIT:$?"),
        dir,
    );
    // The rows stream in: wait for the scan to end.
    let screen = t.wait_for("the library", |s| {
        library_count(s).is_some_and(|c| !c.starts_with("0 of"))
            && !s.lines().next().unwrap_or("").contains("scanning")
    });
    let all = library_count(&screen).unwrap();
    assert_eq!(t.pane_format("#{alternate_on}"), "1");

    // The tag picker: move the cursor to "rust", tick it, apply.
    t.keys(&["t"]);
    t.wait_for("the tag picker", |s| s.contains("Tags: all of"));
    let mut moves = 0;
    loop {
        let screen = t.capture();
        let at_rust = screen
            .lines()
            .any(|l| l.contains("▸[ ] rust ") || l.contains("▸[x] rust "));
        if at_rust {
            break;
        }
        moves += 1;
        assert!(moves <= 40, "no rust tag in the picker:\n{screen}");
        t.keys(&["j"]);
        t.wait_for("the cursor to move", |s| s != screen);
    }
    t.keys(&["Space"]);
    t.wait_for("rust ticked", |s| s.contains("▸[x] rust "));
    t.keys(&["Enter"]);
    let filtered = t.wait_for("the filtered list", |s| s.contains("tags: rust (all of)"));
    let count = library_count(&filtered).unwrap();
    assert_ne!(count, all, "the tag narrows the list:\n{filtered}");
    let selected = filtered
        .lines()
        .find(|l| l.starts_with('▸'))
        .unwrap()
        .to_string();

    // Enter opens the reader; q comes back to the same filtered list.
    t.keys(&["Enter"]);
    t.wait_for("the reader", |s| library_count(s).is_none());
    t.keys(&["q"]);
    let back = t.wait_for("the library again", |s| library_count(s).is_some());
    assert!(
        back.contains("tags: rust (all of)"),
        "the filter is kept:\n{back}"
    );
    assert_eq!(library_count(&back).unwrap(), count);
    // From the date on: the reading state before it changes once read.
    let from_date = &selected[selected.find(" 20").unwrap()..];
    assert!(
        back.lines()
            .any(|l| l.starts_with('▸') && l.ends_with(from_date)),
        "the selection is kept:\n{back}"
    );

    t.keys(&["q"]);
    let screen = t.wait_for("the exit status", exited);
    assert!(screen.contains("EXIT:0"), "{screen}");
    assert_eq!(t.pane_format("#{alternate_on}"), "0");
}

#[test]
fn an_article_piped_in_opens_in_the_reader_with_keys_from_the_terminal() {
    if !tmux::available("an_article_piped_in_opens_in_the_reader") {
        return;
    }
    // Sixty paragraphs, so that the text scrolls.
    let command = format!(
        "{{ printf '# T\\n\\nintro\\n\\n## Part one\\n\\n'; seq 1 60 | sed 's/$/\\n/'; printf '## Part two\\n'; }} | {BIN}; echo EXIT:$?"
    );
    let t = Tmux::start("stdin", 80, 20, &command, &common::fixtures());
    let screen = t.wait_for("the outline", |s| {
        s.lines().any(|l| l.contains("Part one") && l.contains('│'))
    });
    assert!(screen.contains("Part two"), "{screen}");
    // Keys come from the terminal, not from the pipe.
    t.keys(&["j"]);
    t.wait_for("one line down", |s| !top_text_line(s).starts_with('T'));
    t.keys(&["k"]);
    t.wait_for("back at the top", |s| top_text_line(s).starts_with('T'));
    t.keys(&["q"]);
    let screen = t.wait_for("the exit status", exited);
    assert!(screen.contains("EXIT:0"), "{screen}");
    assert_terminal_restored(&t);
}

#[test]
fn an_open_article_reloads_when_its_file_changes() {
    if !tmux::available("an_open_article_reloads_when_its_file_changes") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.md");
    std::fs::write(&path, "# Draft\n\n## First part\n\nSome text.\n").unwrap();
    let t = Tmux::start(
        "reload",
        90,
        20,
        &format!("{BIN} draft.md; echo EXIT:$?"),
        dir.path(),
    );
    t.wait_for("the outline", |s| s.contains("First part"));
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("\n## New section\n\nAdded while it was open.\n");
    std::fs::write(&path, text).unwrap();
    let screen = t.wait_for("the new section in the outline", |s| {
        s.lines().any(|l| {
            l.split('│')
                .next()
                .is_some_and(|o| o.contains("New section"))
        })
    });
    assert!(
        screen.contains("reloaded"),
        "the status line says so:\n{screen}"
    );
    t.keys(&["q"]);
    let screen = t.wait_for("the exit status", exited);
    assert!(screen.contains("EXIT:0"), "{screen}");
}

#[test]
fn a_fifo_is_refused_before_touching_the_terminal() {
    if !tmux::available("a_fifo_is_refused_before_touching_the_terminal") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(dir.path().join("pipe.md"))
        .status()
        .unwrap();
    assert!(made.success());
    let t = Tmux::start(
        "fifo",
        80,
        24,
        &format!("{BIN} pipe.md; echo EXIT:$?"),
        dir.path(),
    );
    let screen = t.wait_for("the exit status", exited);
    assert!(screen.contains("EXIT:1"), "{screen}");
    assert!(screen.contains("not a regular file"), "{screen}");
    assert_eq!(t.pane_format("#{alternate_on}"), "0");
}

#[test]
fn a_taller_window_after_the_end_shows_the_end_at_the_bottom() {
    if !tmux::available("a_taller_window_after_the_end_shows_the_end_at_the_bottom") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut md = String::from("---\ntitle: Twelve parts\n---\n\n");
    for i in 0..12 {
        md.push_str(&format!(
            "## Part {i}\n\nThe walk's part {i}, a line of its own.\n\n"
        ));
    }
    std::fs::write(dir.path().join("parts.md"), md).unwrap();
    let t = Tmux::start(
        "taller",
        80,
        12,
        &format!("{BIN} parts.md; echo EXIT:$?"),
        dir.path(),
    );
    t.wait_for("the article", |s| s.contains("Part 0"));
    t.keys(&["G"]);
    t.wait_for("the end", |s| s.contains("part 11, a line"));
    t.resize(80, 30);
    // The last line sits on the row above the status line.
    let screen = t.wait_for("the end at the bottom", |s| {
        let rows: Vec<&str> = s.lines().collect();
        rows.len() >= 30 && text_part(rows[28]).contains("part 11, a line")
    });
    assert!(
        screen.contains("Part 5"),
        "more of the article shows:\n{screen}"
    );
    t.keys(&["q"]);
    t.wait_for("quire to exit", exited);
}

//! End-to-end in tmux: scrolling past flags and emoji sequences leaves no
//! stray half on screen, `Ctrl-l` redraws, a `<details>` fold opens with
//! `z`, the reader's OSC 8 hyperlinks leave nothing visible behind, and
//! paging the library past flags and ZWJ families leaves no half behind.
#![allow(clippy::unwrap_used)]

use crate::common;

use crate::common::tmux::{self, Tmux};

const BIN: &str = env!("CARGO_BIN_EXE_quire");

fn is_regional(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

/// Rows holding an odd number of regional indicators: half a flag.
fn stray_halves(screen: &str) -> Vec<String> {
    screen
        .lines()
        .filter(|l| l.chars().filter(|&c| is_regional(c)).count() % 2 == 1)
        .map(str::to_string)
        .collect()
}

fn top_card(screen: &str) -> String {
    screen
        .lines()
        .find_map(|l| l.split_once("Card ").map(|(_, rest)| rest.to_string()))
        .unwrap_or_default()
}

fn open(name: &str) -> Tmux {
    let dir = common::fixtures();
    Tmux::start(
        name,
        80,
        16,
        &format!("{BIN} postcards.md; echo EXIT:$?"),
        &dir,
    )
}

#[test]
fn scrolling_past_flags_leaves_no_half_behind() {
    if !tmux::available("scrolling_past_flags_leaves_no_half_behind") {
        return;
    }
    let t = open("flags");
    t.wait_for("the cards", |s| s.contains("Card 3"));
    for _ in 0..12 {
        let before = t.capture();
        t.keys(&["j"]);
        let screen = t.wait_for("the text to move a line", |s| s != before);
        let stray = stray_halves(&screen);
        assert!(stray.is_empty(), "half a flag left:\n{}", stray.join("\n"));
    }
    // Back up by a screen and down again by half: still whole flags.
    for key in ["b", "d", "u"] {
        let before = t.capture();
        t.keys(&[key]);
        let screen = t.wait_for("the text to move", |s| s != before);
        assert!(stray_halves(&screen).is_empty(), "{screen}");
    }
    // Ctrl-l draws the whole screen again: the same text comes back.
    let before = t.capture();
    t.keys(&["C-l"]);
    let after = t.wait_for("the redrawn screen", |s| s.contains("Card"));
    assert_eq!(top_card(&before), top_card(&after));
    t.keys(&["q"]);
    t.wait_for("quire to exit", tmux::exited);
}

#[test]
fn a_fold_opens_with_z_and_links_leave_no_escape_text() {
    if !tmux::available("a_fold_opens_with_z_and_links_leave_no_escape_text") {
        return;
    }
    let t = open("fold");
    t.wait_for("the cards", |s| s.contains("Card 3"));
    t.keys(&["G"]);
    let screen = t.wait_for("the folded summary", |s| {
        s.contains("▸ What is in the jar?")
    });
    assert!(!screen.contains("Dried apricots"), "{screen}");
    assert!(screen.contains("the recipe site"), "{screen}");
    assert!(!screen.contains("8;;"), "escape text on screen:\n{screen}");
    // The hyperlink went to the terminal, around the link's text.
    t.keys(&["z"]);
    let screen = t.wait_for("the open body", |s| s.contains("Dried apricots"));
    assert!(screen.contains("▾ What is in the jar?"), "{screen}");
    t.keys(&["q"]);
    t.wait_for("quire to exit", tmux::exited);
}

/// The title the preview shows (after the list's `│` on the first row)
/// and the selected row's line.
fn preview_and_selected(screen: &str) -> Option<(String, String)> {
    let title = screen.lines().nth(1)?.split_once('│')?.1.trim().to_string();
    let selected = screen.lines().find(|l| l.contains('▸'))?.to_string();
    Some((title, selected))
}

#[test]
fn paging_the_library_past_flags_leaves_no_half_behind() {
    if !tmux::available("paging_the_library_past_flags_leaves_no_half_behind") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for i in 0..46 {
        let title = match i % 3 {
            0 => format!("Família 👨\u{200d}👩\u{200d}👧 e 🇵🇹 {i}"),
            1 => format!("中文标题 {i} 🇯🇵"),
            _ => format!("Note {i}"),
        };
        let md = format!(
            "---\ntitle: \"{title}\"\ndate: 2024-{:02}-{:02}\n---\n\nText {i}.\n",
            1 + i % 12,
            1 + i % 28
        );
        std::fs::write(dir.path().join(format!("{i:02}.md")), md).unwrap();
    }
    let command = format!("{BIN} {}; echo EXIT:$?", dir.path().display());
    let t = Tmux::start("library-flags", 160, 20, &command, dir.path());
    let settled = |s: &str| {
        preview_and_selected(s)
            .is_some_and(|(title, row)| !title.is_empty() && row.contains(&title))
    };
    t.wait_for("the library and its preview", settled);
    for key in [
        "PageDown", "PageDown", "PageDown", "PageUp", "PageDown", "PageUp",
    ] {
        let before = t.capture();
        t.keys(&[key]);
        let screen = t.wait_for("the next page and its preview", |s| {
            s != before && settled(s)
        });
        let stray = stray_halves(&screen);
        assert!(
            stray.is_empty(),
            "after {key}, half a flag left:\n{}",
            stray.join("\n")
        );
    }
    t.keys(&["q"]);
    t.wait_for("quire to exit", tmux::exited);
}

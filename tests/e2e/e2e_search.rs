//! End-to-end: the library search in the built binary under tmux. Open the
//! bundled library, `F`, type a phrase from one of its articles, Enter: the
//! reader shows that section with the match highlighted; q back to the same
//! results, q to the library, q to quit.
#![allow(clippy::unwrap_used)]

use crate::common::tmux::{self, Tmux};

const BIN: &str = env!("CARGO_BIN_EXE_quire");

/// The phrase, from `articles/2024-06-21-three-days-on-the-ridge.md`.
const PHRASE: &str = "put on sunscreen in the morning";

/// The text pane's part of a screen row (right of the outline's border).
fn text_part(row: &str) -> &str {
    row.split_once('│').map_or(row, |(_, t)| t).trim()
}

#[test]
fn search_every_article_land_on_the_section_and_come_back() {
    if !tmux::available("search_every_article_land_on_the_section_and_come_back") {
        return;
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let t = Tmux::start(
        "search",
        110,
        30,
        &format!("{BIN} articles; echo EXIT:$?"),
        dir,
    );
    t.wait_for("the library", |s| s.contains(" of 7 articles"));

    t.keys(&["F"]);
    t.wait_for("the search prompt", |s| s.starts_with(" Search "));
    t.type_text(PHRASE);
    let results = t.wait_for("the results of the phrase", |s| {
        s.contains(&format!("Search  {PHRASE}")) && s.contains("1 section")
    });
    assert!(
        results.contains("What the sun does at two thousand metres"),
        "the row names the section:\n{results}"
    );
    // The index went to the temporary state folder, nowhere else.
    assert!(t.home.path().join("state/quire/quire.db").is_file());

    t.keys(&["Enter"]);
    let reader = t.wait_for("the reader on the section", |s| {
        s.lines()
            .next()
            .is_some_and(|l| text_part(l).contains("What the sun does at two thousand metres"))
    });
    assert!(reader.contains(PHRASE), "the match is on screen:\n{reader}");
    // The match is highlighted: the current match's background, right
    // before the phrase.
    let colours = t.capture_escapes();
    let line = colours
        .lines()
        .find(|l| l.contains(PHRASE))
        .unwrap_or_else(|| panic!("no line with the phrase:\n{colours}"));
    let at = line.find(PHRASE).unwrap();
    let before = &line[..at];
    let style = &before[before.rfind('\u{1b}').unwrap()..];
    // A background by index (`48;5;n`) or by one of the sixteen's own
    // codes (40-47, 100-107).
    let params = style.trim_start_matches("\u{1b}[").trim_end_matches('m');
    let background = params.starts_with("48;")
        || params.split(';').any(|p| {
            p.parse::<u8>()
                .is_ok_and(|n| (40..=47).contains(&n) || (100..=107).contains(&n))
        });
    assert!(background, "no highlight before the match: {line:?}");

    t.keys(&["n"]);
    t.wait_for("n wraps to the only match", |s| {
        s.contains("continued from the top")
    });

    t.keys(&["q"]);
    let back = t.wait_for("the same results", |s| {
        s.starts_with(" Search ") && s.contains(PHRASE) && s.contains("1 section")
    });
    assert!(
        back.contains("▸ Three days on the ridge"),
        "the selection kept:\n{back}"
    );
    t.keys(&["q"]);
    t.wait_for("the library", |s| s.contains(" of 7 articles"));
    t.keys(&["q"]);
    t.wait_for("quire to exit", |s| s.contains("EXIT:0"));
}

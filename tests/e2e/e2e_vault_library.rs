//! End-to-end: a vault's library in the built binary in tmux. `s` on to
//! "links in" puts the most linked-to note first with its count, `O` keeps
//! the notes nothing links to, and `#` in a note picks a tag that brings
//! the library back filtered by it.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use crate::common::tmux::{self, Tmux};

const BIN: &str = env!("CARGO_BIN_EXE_quire");

fn vault() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vault")
}

/// The first list row (under the header and the column names).
fn first_row(screen: &str) -> String {
    screen.lines().nth(2).unwrap_or("").to_string()
}

#[test]
fn sort_by_links_in_list_the_orphans_and_filter_by_a_tag_from_a_note() {
    if !tmux::available("sort_by_links_in_list_the_orphans") {
        return;
    }
    let t = Tmux::start(
        "vault-library",
        100,
        24,
        &format!("{BIN} .; echo EXIT:$?"),
        &vault(),
    );
    t.wait_for("the library", |s| s.contains("8 of 8 articles"));

    // Date, title, path, reading time, last opened, links in.
    t.type_text("sssss");
    let sorted = t.wait_for("the links-in order", |s| {
        s.contains("by links in") && s.contains("10←") && !s.contains("counting links")
    });
    t.keys(&["g"]);
    let top = t.wait_for("the top row", |s| first_row(s).contains('▸'));
    assert!(first_row(&top).contains("Garden"), "{sorted}\n{top}");
    assert!(first_row(&top).contains("10←"), "{top}");

    // Orphans: the daily note alone; again, every note.
    t.keys(&["O"]);
    let orphans = t.wait_for("the orphans", |s| s.contains("1 of 8 articles"));
    assert!(orphans.contains("orphans"), "{orphans}");
    assert!(first_row(&orphans).contains("1 December"), "{orphans}");
    t.keys(&["O"]);
    t.wait_for("every note", |s| s.contains("8 of 8 articles"));

    // Garden, at its end: `#` labels its tag; the label shows the library
    // filtered by it.
    t.keys(&["g"]);
    t.wait_for("Garden selected", |s| first_row(s).contains("▸"));
    t.keys(&["Enter"]);
    t.wait_for("the note", |s| s.contains("Sow peas"));
    t.keys(&["G"]);
    t.keys(&["#"]);
    t.wait_for("the tag labels", |s| s.contains("list the tag:"));
    t.type_text("a");
    let filtered = t.wait_for("the library filtered by the tag", |s| {
        s.contains("1 of 8 articles") && s.contains("tags: garden/spring")
    });
    assert!(first_row(&filtered).contains("Garden"), "{filtered}");
    // T clears it, and the library is whole again.
    t.keys(&["T"]);
    t.wait_for("every note", |s| s.contains("8 of 8 articles"));

    t.keys(&["q"]);
    t.wait_for("the exit status", |s| s.contains("EXIT:0"));
}

//! End-to-end memory: the built binary in tmux on a copy of the bundled
//! library, with quire's state in the test's temporary home. An article read
//! to the middle opens at the same place in a new run; one read to the end
//! shows ✓ in the library, and `U` hides it.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use crate::common::tmux::{self, Tmux, exited};

const BIN: &str = env!("CARGO_BIN_EXE_quire");

const FIRST: &str = "2026-02-09-what-our-city-bus-data-taught-me.md";

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for item in std::fs::read_dir(from).unwrap() {
        let item = item.unwrap();
        let target = to.join(item.file_name());
        if item.file_type().unwrap().is_dir() {
            copy_dir(&item.path(), &target);
        } else {
            std::fs::copy(item.path(), target).unwrap();
        }
    }
}

/// The text pane's first row (right of the outline's border).
fn top_text(screen: &str) -> String {
    let row = screen.lines().next().unwrap_or("");
    row.split_once('│')
        .map_or(row, |(_, t)| t)
        .trim()
        .to_string()
}

fn status(screen: &str) -> String {
    screen
        .lines()
        .rfind(|l| !l.trim().is_empty())
        .unwrap_or("")
        .to_string()
}

/// The library row of the bus-data article.
fn bus_row(screen: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains("2026-02-09  What a year"))
        .unwrap_or("")
        .to_string()
}

#[test]
fn the_place_the_read_mark_and_unread_only_survive_a_new_run() {
    if !tmux::available("the_place_the_read_mark_and_unread_only_survive_a_new_run") {
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let lib = work.path().join("articles");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("articles"),
        &lib,
    );
    let run = |target: &str| format!("{BIN} {target}; echo EXIT:$?");
    let t = Tmux::start("memory", 110, 30, &run(&lib.display().to_string()), &lib);
    t.wait_for("the library with its unread count", |s| {
        s.contains("7 of 7 articles") && s.contains("7 unread")
    });

    // Read the newest article to the middle, back to the library.
    t.keys(&["Enter"]);
    t.wait_for("the reader", |s| status(s).contains("What a year"));
    for _ in 0..3 {
        let before = top_text(&t.capture());
        t.keys(&["]"]);
        t.wait_for("the next heading on top", |s| top_text(s) != before);
    }
    for _ in 0..2 {
        let before = top_text(&t.capture());
        t.keys(&["j"]);
        t.wait_for("a line down", |s| top_text(s) != before);
    }
    let place = top_text(&t.capture());
    t.keys(&["q"]);
    let screen = t.wait_for("the row in progress", |s| {
        let row = bus_row(s);
        row.contains('%') && !row.contains('●')
    });
    assert!(!bus_row(&screen).contains('✓'));
    t.keys(&["q"]);
    t.wait_for("the first run to end", exited);

    // A new run opens it at the same place, and says so.
    t.send_line("clear");
    t.send_line(&run(FIRST));
    let screen = t.wait_for("the note", |s| status(s).contains("back at:"));
    assert_eq!(top_text(&screen), place, "{screen}");
    assert!(status(&screen).contains("g goes to the top"));

    // Read it to the end and quit with Ctrl-c: it is read.
    t.keys(&["G"]);
    t.wait_for("the end", |s| status(s).contains("100%"));
    t.keys(&["C-c"]);
    t.wait_for("the second run to end", exited);

    t.send_line("clear");
    t.send_line(&run(&lib.display().to_string()));
    let screen = t.wait_for("✓ on the row", |s| bus_row(s).contains('✓'));
    assert!(screen.contains("6 unread"), "{screen}");
    t.keys(&["U"]);
    let screen = t.wait_for("unread only", |s| s.contains("6 of 7 articles"));
    assert!(bus_row(&screen).is_empty(), "{screen}");
    t.keys(&["q"]);
    t.wait_for("the last run to end", exited);
    // quire wrote nothing inside the library folder.
    let names: Vec<_> = std::fs::read_dir(&lib)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 7, "{names:?}");
    assert!(t.home.path().join("state/quire/quire.db").exists());
}

//! End-to-end: the terminal's input as the event loop reads it on its own
//! thread. Keys that come in one write are all taken without another key;
//! an escape sequence split across two writes still parses; a search's
//! results come after the pause in typing with no key to wake the loop; a
//! burst longer than one read is all taken with no key after it.
#![allow(clippy::unwrap_used)]

use crate::common::tmux::{self, Tmux, exited};
use crate::e2e_tmux::top_text_line;

/// The lighthouse post at 100x30.
fn open(name: &str) -> Tmux {
    crate::e2e_tmux::open(name, 100, 30, "lighthouse.md")
}

fn quit(t: &Tmux) {
    t.keys(&["q"]);
    let screen = t.wait_for("the exit status", exited);
    assert!(screen.contains("EXIT:0"), "{screen}");
}

#[test]
fn keys_that_come_in_one_write_are_all_taken() {
    if !tmux::available("keys_that_come_in_one_write_are_all_taken") {
        return;
    }
    let t = open("burst");
    let first = t.wait_for("the title", |s| s.contains("Keeping a Lighthouse Logbook"));
    let top = top_text_line(&first);
    // Eight presses one at a time, each seen before the next.
    let mut line = top.clone();
    for _ in 0..8 {
        t.keys(&["j"]);
        let before = line.clone();
        line = top_text_line(&t.wait_for("a line down", |s| top_text_line(s) != before));
    }
    // One write, one read: every key of it is handled with no key after.
    t.type_text("kkkkkkkk");
    t.wait_for("back at the top", |s| top_text_line(s) == top);
    t.type_text("jjjjjjjj");
    t.wait_for("where eight presses one at a time went", |s| {
        top_text_line(s) == line
    });
    quit(&t);
}

#[test]
fn a_mouse_sequence_split_across_two_writes_still_scrolls() {
    if !tmux::available("a_mouse_sequence_split_across_two_writes_still_scrolls") {
        return;
    }
    let t = open("split");
    let first = t.wait_for("the title", |s| s.contains("Keeping a Lighthouse Logbook"));
    let top = top_text_line(&first);
    // The wheel turned down over the text (SGR mouse), in two writes (not
    // cut after a `;`: tmux would take it for the end of its command).
    t.type_text("\x1b[<65;5");
    t.type_text("0;10M");
    let scrolled = t.wait_for("scrolled down", |s| top_text_line(s) != top);
    assert!(
        !scrolled.contains("[<") && !scrolled.contains("10M"),
        "no part of the sequence was taken for keys:\n{scrolled}"
    );
    // And up, in one write: back where it was.
    t.type_text("\x1b[<64;50;10M");
    t.wait_for("scrolled back up", |s| top_text_line(s) == top);
    quit(&t);
}

#[test]
fn a_burst_longer_than_one_read_is_all_taken() {
    if !tmux::available("a_burst_longer_than_one_read_is_all_taken") {
        return;
    }
    let t = open("long-burst");
    let first = t.wait_for("the title", |s| s.contains("Keeping a Lighthouse Logbook"));
    let top = top_text_line(&first);
    t.keys(&["j"]);
    let below = top_text_line(&t.wait_for("a line down", |s| top_text_line(s) != top));
    t.keys(&["k"]);
    t.wait_for("back at the top", |s| top_text_line(s) == top);
    // 3,001 bytes in one write: a read takes 1 KB, and what is past it
    // must not wait for another key. Only the last `j` moves the page.
    t.type_text(&format!("{}j", "jk".repeat(1500)));
    t.wait_for("one line down after the whole burst", |s| {
        top_text_line(s) == below
    });
    quit(&t);
}

//! End-to-end, in tmux: standard input that stays open. The reader comes
//! up at once with what has come, keys work while the pipe is open, and
//! `q` quits without waiting for it to close (it once drew nothing, and
//! `q` was echoed to the shell).
#![allow(clippy::unwrap_used)]

use std::io::Write;

use crate::common::tmux::{self, Tmux, exited};

const BIN: &str = env!("CARGO_BIN_EXE_quire");

#[test]
fn a_pipe_that_stays_open_shows_what_came_and_q_quits() {
    if !tmux::available("a_pipe_that_stays_open_shows_what_came_and_q_quits") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    // Held open for writing (read and write, so that the open does not
    // wait for quire) until the test ends: the pipe never closes.
    let mut writer = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&fifo)
        .unwrap();
    let mut md = String::from("# Still Open\n\n");
    for n in 0..40 {
        md.push_str(&format!("Line {n} of what came.\n\n"));
    }
    writer.write_all(md.as_bytes()).unwrap();
    let t = Tmux::start(
        "stdin-open",
        80,
        20,
        &format!("{BIN} - < pipe; echo EXIT:$?"),
        dir.path(),
    );
    let screen = t.wait_for("the first heading", |s| s.contains("Still Open"));
    assert!(screen.contains("Line 0 of what came."), "{screen}");
    // Keys work while the pipe is open.
    t.keys(&["j", "j", "j"]);
    t.wait_for("scrolled", |s| !s.contains("Line 0 of what came."));
    // What comes later is taken in, and the status line says how much.
    writer
        .write_all(b"## Later\n\nThe last words so far.\n")
        .unwrap();
    t.wait_for("more read", |s| s.contains("reading standard input… 1 KB"));
    t.keys(&["q"]);
    let screen = t.wait_for("the exit status", exited);
    assert!(screen.contains("EXIT:0"), "{screen}");
    assert_eq!(
        t.pane_format("#{alternate_on}"),
        "0",
        "the terminal is back"
    );
    drop(writer);
}

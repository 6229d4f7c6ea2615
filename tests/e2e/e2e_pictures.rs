//! End-to-end: the built binary in tmux shows a picture as coloured half
//! blocks under the line before it, keeps taking keys, and quits cleanly.
#![allow(clippy::unwrap_used)]

use crate::common::tmux::{self, Tmux, exited};

const BIN: &str = env!("CARGO_BIN_EXE_quire");

/// The red of our own picture's left half, as tmux reports a 24-bit colour
/// (a cell of one colour is a space on that background).
const RED: &str = "2;220;20;20";

/// A folder with an article and our own picture: red left, blue right.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("post.md"),
        "---\ntitle: A Picture\n---\nThe line before.\n\n![a flag](flag.png)\n\nThe line after.\n",
    )
    .unwrap();
    image::RgbImage::from_fn(480, 240, |x, _| {
        if x < 240 {
            image::Rgb([220, 20, 20])
        } else {
            image::Rgb([20, 20, 220])
        }
    })
    .save(dir.path().join("flag.png"))
    .unwrap();
    dir
}

/// The screen rows holding the picture's red.
fn red_rows(screen: &str) -> Vec<usize> {
    screen
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(RED))
        .map(|(i, _)| i)
        .collect()
}

#[test]
fn a_picture_shows_as_coloured_half_blocks() {
    if !tmux::available("a_picture_shows_as_coloured_half_blocks") {
        return;
    }
    let dir = folder();
    let t = Tmux::start(
        "pictures",
        80,
        16,
        &format!("{BIN} --images halfblocks post.md; echo EXIT:$?"),
        dir.path(),
    );
    t.wait_for("the text", |s| s.contains("The line before."));
    // The picture is below the line before it (its bottom is off screen);
    // a frame may be half written when the pane is read, so wait for it whole.
    let screen = t.wait_for_escapes("the picture's rows", |s| red_rows(s).len() >= 8);
    let before = screen
        .lines()
        .position(|l| l.contains("The line before."))
        .unwrap();
    let picture = red_rows(&screen);
    assert!(
        picture.iter().all(|&i| i > before + 1),
        "picture rows {picture:?} not below row {before}:\n{screen}"
    );
    // Keys still work: to the end, and the picture, now half off the top,
    // shows its lower rows above the line after it.
    t.keys(&["G"]);
    t.wait_for_escapes("the picture half off the top, above the line after", |s| {
        let rows = red_rows(s);
        let after = s.lines().position(|l| l.contains("The line after."));
        !s.contains("The line before.")
            && rows.first() == Some(&0)
            && after.is_some_and(|a| rows.last().is_some_and(|&l| l < a))
    });
    t.keys(&["q"]);
    let end = t.wait_for("the exit", exited);
    assert!(end.contains("EXIT:0"), "{end}");
}

#[test]
fn no_color_turns_pictures_off() {
    if !tmux::available("no_color_turns_pictures_off") {
        return;
    }
    let dir = folder();
    let t = Tmux::start(
        "pictures-no-color",
        80,
        12,
        &format!("NO_COLOR=1 {BIN} --images halfblocks post.md; echo EXIT:$?"),
        dir.path(),
    );
    // No rows are kept for a picture: the line after follows the placeholder.
    t.wait_for("the placeholder and the line after it", |s| {
        s.contains("[image: a flag][1]") && s.contains("The line after.")
    });
    assert!(!t.capture_escapes().contains(RED));
    t.keys(&["q"]);
    let end = t.wait_for("the exit", exited);
    assert!(end.contains("EXIT:0"), "{end}");
}

#[test]
fn with_pictures_on_auto_the_first_key_is_not_lost() {
    if !tmux::available("with_pictures_on_auto_the_first_key_is_not_lost") {
        return;
    }
    // A folder of two articles: the first Enter must open the selected one
    // (a terminal query left waiting on stdin would take the key instead).
    let dir = folder();
    std::fs::write(
        dir.path().join("other.md"),
        "---\ntitle: Another\ndate: 2020-01-01\n---\nWords.\n",
    )
    .unwrap();
    let t = Tmux::start(
        "pictures-first-key",
        80,
        16,
        &format!("{BIN} --images auto .; echo EXIT:$?"),
        dir.path(),
    );
    t.wait_for("the library", |s| s.contains("Another"));
    t.keys(&["Enter"]);
    // The newest is selected: the dated one, read to its end at once.
    t.wait_for("the reader after one Enter", |s| {
        s.contains("Words.") && s.contains("100%")
    });
    t.keys(&["q", "q"]);
    let end = t.wait_for("the exit", exited);
    assert!(end.contains("EXIT:0"), "{end}");
}

#[test]
fn inside_tmux_quire_never_turns_passthrough_on() {
    if !tmux::available("inside_tmux_quire_never_turns_passthrough_on") {
        return;
    }
    // Asking the terminal about pictures ran `tmux set -p allow-passthrough
    // on` and left it on: a later `cat` of an untrusted file in the pane
    // could then send escape sequences to the outer terminal.
    let dir = folder();
    let t = Tmux::start("pictures-tmux", 80, 16, "true", dir.path());
    let socket = t.pane_format("#{socket_path}");
    let pid = t.pane_format("#{pid}");
    assert!(!socket.is_empty() && !pid.is_empty());
    let before = t.run(&["show-options", "-p", "-t", "main", "allow-passthrough"]);
    // Every sign of tmux at once, with a terminal that would draw pictures.
    t.send_line(&format!(
        "TMUX={socket},{pid},0 TERM=tmux-256color TERM_PROGRAM=tmux KITTY_WINDOW_ID=1 {BIN} --images auto post.md; echo EXIT:$?"
    ));
    t.wait_for("the text", |s| s.contains("The line before."));
    // Half blocks, not a protocol that needs passthrough.
    t.wait_for_escapes("the picture's rows", |s| red_rows(s).len() >= 8);
    t.keys(&["q"]);
    let end = t.wait_for("the exit", exited);
    assert!(end.contains("EXIT:0"), "{end}");
    let after = t.run(&["show-options", "-p", "-t", "main", "allow-passthrough"]);
    assert_eq!(
        String::from_utf8_lossy(&after.stdout),
        String::from_utf8_lossy(&before.stdout),
        "the pane's options are the user's"
    );
    assert!(!String::from_utf8_lossy(&after.stdout).contains("on"));
}

//! End-to-end: the built binary in tmux shows a picture as coloured half
//! blocks under the line before it, keeps taking keys, and quits cleanly.
#![allow(clippy::unwrap_used)]

mod common;

use common::tmux::{self, Tmux, exited};

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
    let screen = t.wait_for_escapes("red half blocks", |s| s.lines().any(|l| l.contains(RED)));
    // The picture is below the line before it (its bottom is off screen).
    let lines: Vec<&str> = screen.lines().collect();
    let before = lines
        .iter()
        .position(|l| l.contains("The line before."))
        .unwrap();
    let picture: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].contains(RED))
        .collect();
    assert!(
        picture.iter().all(|&i| i > before + 1),
        "picture rows {picture:?} not below row {before}:\n{screen}"
    );
    assert!(picture.len() >= 8, "{screen}");
    // Keys still work: to the end, and the picture, now half off the top,
    // shows its lower rows above the line after it.
    t.keys(&["G"]);
    let screen = t.wait_for("the text to scroll", |s| !s.contains("The line before."));
    let after = screen
        .lines()
        .position(|l| l.contains("The line after."))
        .unwrap();
    let screen = t.wait_for_escapes("the picture after scrolling", |s| {
        s.lines().next().is_some_and(|l| l.contains(RED))
    });
    let last = screen
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(RED))
        .last()
        .unwrap()
        .0;
    assert!(last < after, "{screen}");
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
        24,
        &format!("NO_COLOR=1 {BIN} --images halfblocks post.md; echo EXIT:$?"),
        dir.path(),
    );
    let screen = t.wait_for("the placeholder", |s| s.contains("[image: a flag][1]"));
    assert!(
        screen.contains("The line after."),
        "no rows kept for a picture:\n{screen}"
    );
    assert!(!t.capture_escapes().contains(RED));
    t.keys(&["q"]);
    let end = t.wait_for("the exit", exited);
    assert!(end.contains("EXIT:0"), "{end}");
}

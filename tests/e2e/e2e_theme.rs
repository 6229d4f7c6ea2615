//! End-to-end in tmux: the theme and keys a user asks for reach the real
//! terminal (NO_COLOR draws without colour; a config's light theme and
//! remapped key work and show in the help).
#![allow(clippy::unwrap_used)]

use crate::common;

use crate::common::tmux::{self, Tmux, exited};

const BIN: &str = env!("CARGO_BIN_EXE_quire");

/// True when an escape-captured screen sets any foreground or background colour.
fn has_colour(screen: &str) -> bool {
    screen.split('\x1b').any(|seq| {
        let Some(params) = seq.strip_prefix('[').and_then(|s| s.split('m').next()) else {
            return false;
        };
        params.split(';').any(|p| {
            matches!(
                p.parse::<u16>(),
                Ok(30..=37 | 38 | 40..=47 | 48 | 90..=97 | 100..=107)
            )
        })
    })
}

#[test]
fn no_color_draws_the_reader_without_colour() {
    if !tmux::available("no_color_draws_the_reader_without_colour") {
        return;
    }
    let t = Tmux::start(
        "nocolor",
        100,
        30,
        &format!("NO_COLOR=1 {BIN} lighthouse.md; echo EXIT:$?"),
        &common::fixtures(),
    );
    t.wait_for("the title", |s| s.contains("Keeping a Lighthouse Logbook"));
    let screen = t.capture_escapes();
    assert!(!has_colour(&screen), "{screen:?}");
    assert!(screen.contains("\x1b[1m"), "headings stay bold: {screen:?}");
    t.keys(&["q"]);
    t.wait_for("the exit", exited);
}

#[test]
fn a_config_s_light_theme_and_remapped_key_reach_the_terminal() {
    if !tmux::available("a_config_s_light_theme_and_remapped_key_reach_the_terminal") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.toml");
    std::fs::write(
        &file,
        "theme = \"light\"\n[keys.reader]\nx = \"next-heading\"\n",
    )
    .unwrap();
    let t = Tmux::start(
        "configured",
        100,
        30,
        &format!(
            "{BIN} --config {} lighthouse.md; echo EXIT:$?",
            file.display()
        ),
        &common::fixtures(),
    );
    t.wait_for("the title", |s| s.contains("Keeping a Lighthouse Logbook"));
    // The light theme's level-1 heading colour (256-colour 24).
    t.wait_for_escapes("the light heading colour", |s| s.contains("38;5;24"));
    let before = t.capture();
    t.keys(&["x"]);
    t.wait_for("x to move the text", |s| s != before);
    t.keys(&["?"]);
    t.wait_for("the help with x", |s| s.contains("x ]"));
    t.keys(&["?"]);
    t.wait_for("the help to close", |s| !s.contains("x ]"));
    t.keys(&["q"]);
    let end = t.wait_for("the exit", exited);
    assert!(end.contains("EXIT:0"), "{end}");
}

//! The config file end to end: `quire config`, warnings that name the file,
//! line and key, settings that reach the screens, and keys remapped through
//! the real keymap and the help.
#![allow(clippy::unwrap_used)]

use crate::common;

use std::collections::VecDeque;
use std::io;
use std::path::Path;
use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use quire::config::{self, Config};
use quire::tui::{App, Events, Input, run_app};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

struct Script(VecDeque<Event>);

impl Events for Script {
    fn next(&mut self, _timeout: Duration) -> io::Result<Input> {
        Ok(self.0.pop_front().map_or(Input::Closed, Input::Event))
    }
}

fn keys(keys: &[KeyEvent]) -> Script {
    Script(keys.iter().map(|k| Event::Key(*k)).collect())
}

fn ch(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn stdout(args: &[&str]) -> String {
    let out = common::quire().args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_default_config_prints_and_reads_back_as_the_defaults() {
    let text = stdout(&["config", "--default"]);
    let (config, warnings) = config::parse(&text, Path::new("default.toml"));
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(config.settings(), Config::default().settings());
    assert!(text.contains("next-heading"), "the actions are listed");
}

#[test]
fn the_config_path_follows_the_flag_then_quire_config_then_xdg() {
    let xdg = common::xdg_home().join("config");
    let expected = xdg.join("quire").join("config.toml");
    assert_eq!(
        stdout(&["config", "--path"]).trim(),
        expected.display().to_string()
    );
    let out = common::quire()
        .args(["config", "--path"])
        .env("QUIRE_CONFIG", "/elsewhere/q.toml")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "/elsewhere/q.toml"
    );
    let out = common::quire()
        .args(["--config", "/mine.toml", "config", "--path"])
        .env("QUIRE_CONFIG", "/elsewhere/q.toml")
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "/mine.toml");
    let out = common::quire()
        .args(["config", "--path"])
        .env_remove("XDG_CONFIG_HOME")
        .env("HOME", "/home/reader")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "/home/reader/.config/quire/config.toml"
    );
}

#[test]
fn config_actions_lists_every_bindable_action() {
    let text = stdout(&["config", "--actions"]);
    for action in quire::tui::keymap::BINDABLE {
        assert!(text.contains(&action.name()), "{}", action.name());
    }
    assert!(
        text.lines().any(|l| l.starts_with("toggle-drafts ")),
        "{text}"
    );
}

#[test]
fn a_bad_config_warns_once_per_problem_and_quire_still_runs() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.toml");
    std::fs::write(
        &file,
        "theme = \"dark\"\n\nwidth = \"wide\"\nfrobnicate = 1\n[colors]\nlink = \"mauve\"\n",
    )
    .unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reader/lighthouse.md");
    let out = common::quire()
        .arg("--config")
        .arg(&file)
        .args(["render", "--color", "never", "--width", "60"])
        .arg(&fixture)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    let f = file.display();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(
        lines[0].starts_with(&format!("quire: warning: {f}:3: width: ")),
        "{err}"
    );
    assert!(
        lines[1].starts_with(&format!("quire: warning: {f}:4: frobnicate: ")),
        "{err}"
    );
    assert!(
        lines[2].starts_with(&format!("quire: warning: {f}:6: colors.link: ")),
        "{err}"
    );
    assert!(!out.stdout.is_empty());
}

#[test]
fn a_missing_named_config_is_a_warning_and_a_missing_default_one_is_silent() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reader/lighthouse.md");
    let out = common::quire()
        .args(["--config", "/no/such/quire.toml", "outline"])
        .arg(&fixture)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/quire.toml"));
    let out = common::quire()
        .arg("outline")
        .arg(&fixture)
        .output()
        .unwrap();
    assert!(out.stderr.is_empty(), "{out:?}");
}

#[test]
fn the_theme_comes_from_the_config_and_the_flag_wins() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("c.toml");
    std::fs::write(
        &file,
        "theme = \"light\"\n[colors]\nheading2 = \"#e0a000\"\n",
    )
    .unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reader/lighthouse.md");
    let render = |extra: &[&str]| {
        let out = common::quire()
            .arg("--config")
            .arg(&file)
            .args(extra)
            .args(["render", "--color", "always", "--width", "60"])
            .arg(&fixture)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let light = render(&[]);
    // Light's level-1 heading colour, and the config's level-2 colour.
    assert!(light.contains("\x1b[1;38;5;24m"), "{light:?}");
    assert!(light.contains("\x1b[1;38;2;224;160;0m"), "{light:?}");
    let dark = render(&["--theme", "dark"]);
    assert!(dark.contains("\x1b[1;96m"), "{dark:?}");
    assert!(!dark.contains("38;5;24m"));
}

#[test]
fn auto_follows_colorfgbg_when_the_terminal_does_not_answer() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reader/lighthouse.md");
    let render = |colorfgbg: &str| {
        let out = common::quire()
            .env("COLORFGBG", colorfgbg)
            .args(["render", "--color", "always", "--width", "60"])
            .arg(&fixture)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(
        render("0;15").contains("\x1b[1;38;5;24m"),
        "light background"
    );
    assert!(render("15;0").contains("\x1b[1;96m"), "dark background");
}

/// A reader of the sample with the keymap a config's text asks for.
fn remapped_app(config_text: &str, width: u16, height: u16) -> App {
    let (user, warnings) = config::parse(config_text, Path::new("keys.toml"));
    assert!(warnings.is_empty(), "{warnings:?}");
    let (keymap, warnings) = quire::tui::keymap::from_config(&user);
    assert!(warnings.is_empty(), "{warnings:?}");
    let mut app = common::app(width, height);
    app.keymap = keymap;
    app
}

#[test]
fn a_remapped_key_acts_through_the_real_loop() {
    let text = "[keys.reader]\nx = \"next-heading\"\nj = \"page-down\"\n";
    let mut app = remapped_app(text, 100, 30);
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    run_app(
        &mut terminal,
        &mut app,
        &mut keys(&[ch('x')]),
        &mut quire::tui::Inline::default(),
    )
    .unwrap();
    let mut plain = common::app(100, 30);
    run_app(
        &mut terminal,
        &mut plain,
        &mut keys(&[ch(']')]),
        &mut quire::tui::Inline::default(),
    )
    .unwrap();
    let top = app.reader().unwrap().top;
    assert!(top > 0, "x moved");
    assert_eq!(top, plain.reader().unwrap().top, "x does what ] does");
    let mut app = remapped_app(text, 100, 30);
    run_app(
        &mut terminal,
        &mut app,
        &mut keys(&[ch('j')]),
        &mut quire::tui::Inline::default(),
    )
    .unwrap();
    assert!(app.reader().unwrap().top > 1, "j now pages");
}

#[test]
fn remapped_keys_show_in_the_help() {
    let text = "[keys.reader]\nx = \"next-heading\"\n\"ctrl-o\" = \"toggle-outline\"\n";
    let mut app = remapped_app(text, 100, 40);
    let mut terminal = Terminal::new(TestBackend::new(100, 40)).unwrap();
    run_app(
        &mut terminal,
        &mut app,
        &mut keys(&[ch('?')]),
        &mut quire::tui::Inline::default(),
    )
    .unwrap();
    let shown = format!("{:?}", terminal.backend());
    assert!(shown.contains("x ]"), "{shown}");
    assert!(shown.contains("C-o o"), "{shown}");
    insta::assert_snapshot!("help_with_remapped_keys", terminal.backend());
}

#[test]
fn the_outline_goes_where_the_config_says() {
    let mut app = common::app(100, 30);
    app.config.outline = quire::config::OutlineSide::Right;
    let article = common::sample();
    app.screens.clear();
    app.open_reader(article);
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    run_app(
        &mut terminal,
        &mut app,
        &mut keys(&[]),
        &mut quire::tui::Inline::default(),
    )
    .unwrap();
    let g = app.reader().unwrap().geometry;
    let outline = g.outline.unwrap();
    assert_eq!(outline.right(), 100);
    assert!(g.text.right() <= outline.x);
    insta::assert_snapshot!("outline_on_the_right", terminal.backend());

    let mut app = common::app(100, 30);
    app.config.outline = quire::config::OutlineSide::Hidden;
    app.screens.clear();
    app.open_reader(common::sample());
    assert!(app.reader().unwrap().geometry.outline.is_none());
}

#[test]
fn the_readme_s_default_config_is_the_one_quire_prints() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/config.toml");
    let kept = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        kept,
        stdout(&["config", "--default"]),
        "refresh it: quire config --default > docs/config.toml"
    );
}

#[test]
fn a_config_that_is_not_a_regular_file_is_refused_unopened_with_the_defaults() {
    // /dev/zero was read until memory ran out; a fifo blocked in open().
    let fixture = common::fixtures().join("lighthouse.md");
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("config.toml");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let big = dir.path().join("big.toml");
    std::fs::write(&big, "# x\n".repeat(300 * 1024)).unwrap();
    let cases = [
        (Path::new("/dev/zero"), "not a regular file"),
        (fifo.as_path(), "not a regular file"),
        (big.as_path(), "larger than 1048576 bytes"),
    ];
    for (config, reason) in cases {
        for by_env in [false, true] {
            let mut cmd = common::quire();
            if by_env {
                cmd.env("QUIRE_CONFIG", config);
            } else {
                cmd.arg("--config").arg(config);
            }
            let out = cmd
                .arg("outline")
                .arg(&fixture)
                .timeout(Duration::from_secs(60))
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "{config:?}: {out:?}");
            assert!(stderr.contains(reason), "{config:?}: {stderr}");
            assert!(stderr.contains("using the defaults"), "{stderr}");
            assert!(String::from_utf8_lossy(&out.stdout).contains("Lighthouse"));
        }
    }
}

#[test]
fn thousands_of_config_warnings_print_a_capped_few_with_their_lines() {
    let fixture = common::fixtures().join("lighthouse.md");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("c.toml");
    let text: String = (0..40_000).map(|i| format!("k{i} = 1\n")).collect();
    std::fs::write(&file, text).unwrap();
    let out = common::quire()
        .arg("--config")
        .arg(&file)
        .arg("outline")
        .arg(&fixture)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), config::MAX_SHOWN_WARNINGS + 1, "{stderr}");
    assert!(
        lines[1].contains("c.toml:2: k1: unknown setting"),
        "{stderr}"
    );
    assert!(lines[config::MAX_SHOWN_WARNINGS].contains("39980 more warnings not shown"));
}

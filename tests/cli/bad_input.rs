//! Bad input end to end: every command on every broken fixture says which
//! file and what is wrong on stderr, keeps stdout clean, and never panics.

#![allow(clippy::unwrap_used)]

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad")
}

fn bad_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    assert!(files.len() >= 15, "the bad fixtures are missing");
    files
}

fn quire() -> Command {
    let mut cmd = common::quire();
    cmd.env_remove("NO_COLOR")
        .env_remove("QUIRE_MAX_BYTES")
        // A guard against a hang (a fifo), not a timing assertion.
        .timeout(std::time::Duration::from_secs(120));
    cmd
}

/// What a run printed, after checking it exited 0 and did not panic.
pub(super) fn run_ok(args: &[&std::ffi::OsStr]) -> (String, String) {
    let out = quire().args(args).output().unwrap();
    let stdout = String::from_utf8(out.stdout).expect("stdout is UTF-8");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{args:?} panicked: {stderr}");
    assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
    (stdout, stderr)
}

fn has_control(text: &str) -> bool {
    text.chars().any(quire::sanitize::is_unsafe)
}

#[test]
fn outline_json_is_valid_for_every_bad_file() {
    for file in bad_files() {
        let (stdout, _) = run_ok(&["outline".as_ref(), "--json".as_ref(), file.as_os_str()]);
        let value: serde_json::Value = serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("{}: invalid JSON: {e}\n{stdout}", file.display()));
        assert!(value["title"].is_string(), "{}", file.display());
        assert!(value["headings"].is_array(), "{}", file.display());
    }
}

#[test]
fn text_outputs_never_carry_control_sequences() {
    for file in bad_files() {
        for args in [
            vec!["outline".as_ref(), file.as_os_str()],
            vec![
                "render".as_ref(),
                "--color".as_ref(),
                "never".as_ref(),
                "--width".as_ref(),
                "40".as_ref(),
                file.as_os_str(),
            ],
            vec![file.as_os_str()],
        ] {
            let (stdout, stderr) = run_ok(&args);
            assert!(!has_control(&stdout), "{args:?} stdout: {stdout:?}");
            assert!(!has_control(&stderr), "{args:?} stderr: {stderr:?}");
        }
    }
}

#[test]
fn coloured_render_of_hostile_text_keeps_only_our_own_escapes() {
    let file = fixtures().join("hostile.md");
    let (stdout, _) = run_ok(&[
        "render".as_ref(),
        "--color".as_ref(),
        "always".as_ref(),
        file.as_os_str(),
    ]);
    // Our own SGR and OSC 8 sequences are allowed; the file's are not.
    assert!(!stdout.contains("\u{1b}]52"), "clipboard write got through");
    assert!(!stdout.contains("\u{1b}[2J"), "screen clear got through");
    assert!(!stdout.contains("javascript:\u{1b}"));
    assert!(!stdout.contains('\u{9b}'), "C1 CSI got through");
    assert!(!stdout.contains('\u{202e}'), "bidi override got through");
}

#[test]
fn warnings_name_the_file_and_what_is_wrong() {
    let cases = [
        ("invalid-utf8.md", "148"),
        ("broken-yaml.md", "broken-yaml.md:4"),
        ("broken-toml.md", "broken-toml.md"),
        ("unclosed.md", "unclosed.md"),
        ("tags-map.md", "tags-map.md"),
    ];
    for (name, expected) in cases {
        let file = fixtures().join(name);
        let (_, stderr) = run_ok(&["outline".as_ref(), "--json".as_ref(), file.as_os_str()]);
        assert!(
            stderr.contains(expected),
            "{name}: stderr should contain {expected:?}: {stderr}"
        );
    }
}

#[test]
fn the_bodies_of_broken_front_matter_are_still_read() {
    for name in ["broken-yaml.md", "broken-toml.md", "invalid-utf8.md"] {
        let file = fixtures().join(name);
        let (stdout, _) = run_ok(&["outline".as_ref(), "--json".as_ref(), file.as_os_str()]);
        let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(value["headings"].as_array().unwrap().len(), 2, "{name}");
    }
}

#[test]
fn a_folder_of_bad_files_lists_every_one() {
    let (stdout, stderr) = run_ok(&["list".as_ref(), "--json".as_ref(), fixtures().as_os_str()]);
    let rows: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        rows.as_array().unwrap().len(),
        bad_files().len(),
        "{stderr}"
    );
    let (stdout, _) = run_ok(&["tags".as_ref(), "--json".as_ref(), fixtures().as_os_str()]);
    let _: serde_json::Value = serde_json::from_str(&stdout).unwrap();
}

#[test]
fn missing_paths_fail_with_exit_1_and_the_path() {
    for cmd in ["outline", "render"] {
        let out = quire().args([cmd, "no/such/file.md"]).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{cmd}");
        assert!(out.stdout.is_empty(), "{cmd}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("no/such/file.md"), "{cmd}: {stderr}");
    }
    for cmd in ["list", "tags"] {
        let out = quire().args([cmd, "no/such/dir"]).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{cmd}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("no/such/dir"), "{cmd}: {stderr}");
        assert_eq!(
            stderr.matches("No such file").count(),
            1,
            "{cmd}: the reason is said once: {stderr}"
        );
    }
}

#[test]
fn a_usage_error_exits_2() {
    let out = quire().args(["outline", "--bogus"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_huge_line_renders_within_the_width() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("huge.md");
    let text = format!(
        "---\ntitle: Huge\n---\n# One line\n\n{}\n",
        "x".repeat(200_000)
    );
    fs::write(&file, text).unwrap();
    let (stdout, _) = run_ok(&[
        "render".as_ref(),
        "--color".as_ref(),
        "never".as_ref(),
        "--width".as_ref(),
        "60".as_ref(),
        file.as_os_str(),
    ]);
    let widest = stdout
        .lines()
        .map(unicode_width::UnicodeWidthStr::width)
        .max()
        .unwrap_or(0);
    assert!(widest <= 60, "a line is {widest} columns wide");
    assert!(stdout.matches('x').count() >= 200_000, "text was lost");
}

#[test]
fn quire_never_writes_into_the_articles() {
    let snapshot = |dir: &Path| -> Vec<(PathBuf, Vec<u8>, std::time::SystemTime)> {
        let mut all = Vec::new();
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let meta = fs::metadata(&path).unwrap();
            if meta.is_file() {
                all.push((
                    path.clone(),
                    fs::read(&path).unwrap(),
                    meta.modified().unwrap(),
                ));
            }
        }
        all.sort();
        all
    };
    let before = snapshot(&fixtures());
    for file in bad_files() {
        run_ok(&["outline".as_ref(), file.as_os_str()]);
        run_ok(&["render".as_ref(), file.as_os_str()]);
    }
    run_ok(&["list".as_ref(), fixtures().as_os_str()]);
    run_ok(&["tags".as_ref(), fixtures().as_os_str()]);
    assert_eq!(before, snapshot(&fixtures()));
}

#[test]
fn a_hostile_file_name_is_shown_harmlessly() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("evil\u{1b}[2J\u{1b}]52;c;eA==\u{7}.md");
    fs::write(&file, "---\ntitle: [unclosed\n---\n# Body\n").unwrap();
    for args in [
        vec!["outline".as_ref(), file.as_os_str()],
        vec!["render".as_ref(), file.as_os_str()],
        vec!["list".as_ref(), dir.path().as_os_str()],
    ] {
        let (stdout, stderr) = run_ok(&args);
        assert!(stderr.contains("evil"), "the file is named: {stderr}");
        assert!(!has_control(&stderr), "{args:?} stderr: {stderr:?}");
        assert!(!has_control(&stdout), "{args:?} stdout: {stdout:?}");
    }
    let missing = dir.path().join("gone\u{1b}[2J.md");
    let out = quire().arg("outline").arg(&missing).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!has_control(&String::from_utf8_lossy(&out.stderr)));
}

#[test]
fn a_piped_article_honours_width() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("articles/2023-03-14-terminal-tools-i-keep-coming-back-to.md");
    let widest = |stdout: &str| {
        stdout
            .lines()
            .map(unicode_width::UnicodeWidthStr::width)
            .max()
            .unwrap_or(0)
    };
    let (stdout, _) = run_ok(&[file.as_os_str(), "--width".as_ref(), "30".as_ref()]);
    assert_eq!(widest(&stdout), 30);
    let (stdout, _) = run_ok(&[file.as_os_str()]);
    assert_eq!(widest(&stdout), 80, "piped output defaults to 80 columns");
}

#[test]
fn list_and_tags_json_decode_to_the_stand_ins_text_output_shows() {
    // `jq -r .title` used to print a live `ESC ]2;` (a window title change).
    let dir = tempfile::tempdir().unwrap();
    let title = "a\u{9b}31mb\u{202e}c\u{2066}d\u{7f}e\u{2028}f\u{200f}g\u{1b}]2;owned\u{7}";
    // YAML escapes: a YAML stream may not hold C1 controls or DEL raw.
    let text = r#"---
title: "a\x9b31mb\u202ec\u2066d\x7fe\u2028f\u200fg\e]2;owned\a"
tags: ["t\x9bx", "u\u202ev", "\e[31mred"]
---
body
"#;
    fs::write(dir.path().join("evil.md"), text).unwrap();
    let (stdout, _) = run_ok(&["list".as_ref(), "--json".as_ref(), dir.path().as_os_str()]);
    let raw = |c: char| c != '\n' && quire::sanitize::is_unsafe(c);
    assert!(!stdout.chars().any(raw), "{stdout:?}");
    let rows: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let safe = quire::sanitize::sanitize(title).into_owned();
    assert_eq!(rows[0]["title"], safe.as_str());
    assert!(safe.contains("g␛]2;owned␇"), "{safe}");
    assert_eq!(rows[0]["tags"][0], "t\u{fffd}x");
    let (stdout, _) = run_ok(&["tags".as_ref(), "--json".as_ref(), dir.path().as_os_str()]);
    assert!(!stdout.chars().any(raw), "{stdout:?}");
    let tags: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let names: Vec<String> = tags
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.to_string())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(names.iter().any(|t| t.contains("␛[31mred")), "{names:?}");
    assert!(!names.iter().any(|t| t.contains("\\u001b")), "{names:?}");
}

#[test]
fn plain_list_and_tags_replace_bidi_marks_and_separators() {
    let dir = tempfile::tempdir().unwrap();
    let text = "---\ntitle: \"a\\u2028b\\u2029c\\u200fd\\u200ee\\u061cf\"\ntags: [\"t\\u2028u\", \"v\\u200fw\"]\n---\nbody\n";
    fs::write(dir.path().join("marks.md"), text).unwrap();
    let marks = ['\u{2028}', '\u{2029}', '\u{200e}', '\u{200f}', '\u{61c}'];
    for cmd in ["list", "tags"] {
        let (stdout, _) = run_ok(&[cmd.as_ref(), dir.path().as_os_str()]);
        assert!(!stdout.contains(marks), "{cmd}: {stdout:?}");
        assert!(stdout.contains("t u"), "{cmd}: {stdout:?}");
    }
    let (stdout, _) = run_ok(&["list".as_ref(), dir.path().as_os_str()]);
    assert!(
        stdout.contains("a b c\u{fffd}d\u{fffd}e\u{fffd}f"),
        "{stdout:?}"
    );
}

#[test]
fn devices_and_folders_are_refused_by_name() {
    for path in ["/dev/zero", "/dev/null"] {
        for cmd in ["render", "outline"] {
            let out = quire().args([cmd, path]).output().unwrap();
            assert_eq!(out.status.code(), Some(1), "{cmd} {path}");
            assert!(out.stdout.is_empty());
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(stderr.contains(path), "{stderr}");
            assert!(stderr.contains("not a regular file"), "{stderr}");
        }
    }
}

/// Makes a fifo at `path` with the system's `mkfifo`.
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success(), "mkfifo failed");
}

#[test]
fn a_fifo_is_refused_and_skipped_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.md");
    mkfifo(&fifo);
    fs::write(dir.path().join("ok.md"), "# Fine\n").unwrap();
    let out = quire().arg("render").arg(&fifo).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("fifo.md: not a regular file"), "{stderr}");
    // The folder is listed; the file it could not use fails the command.
    let out = quire()
        .args(["list", "--json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 1);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("fifo.md: not a regular file"), "{stderr}");
}

#[test]
fn a_file_over_the_size_cap_is_refused_with_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.md");
    fs::write(&file, "x".repeat(5000)).unwrap();
    fs::write(dir.path().join("small.md"), "# Small\n").unwrap();
    let out = quire()
        .env("QUIRE_MAX_BYTES", "4K")
        .arg("render")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("big.md"), "{stderr}");
    assert!(stderr.contains("4096 bytes"), "{stderr}");
    let out = quire()
        .env("QUIRE_MAX_BYTES", "4K")
        .args(["list", "--json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 1);
    assert!(String::from_utf8_lossy(&out.stderr).contains("big.md"));
}

#[test]
fn a_day_that_does_not_exist_falls_back_to_the_file_name() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("2022-05-06-post.md"),
        "---\ntitle: T\ndate: 2023-02-31\n---\nbody\n",
    )
    .unwrap();
    let (stdout, stderr) = run_ok(&["list".as_ref(), "--json".as_ref(), dir.path().as_os_str()]);
    let rows: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(rows[0]["date"], "2022-05-06");
    assert!(stderr.contains("2022-05-06-post.md:3:"), "{stderr}");
    assert!(stderr.contains("2023-02-31"), "{stderr}");
}

#[test]
fn coloured_links_open_only_web_mail_and_local_files() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("links.md");
    fs::write(
        &file,
        "[web](https://example.org/) [js](javascript:alert(1)) [code](vscode://file/x) \
         [etc](file:///etc/passwd) [mail](mailto:a@example.org) [near](other.md)\n",
    )
    .unwrap();
    let (stdout, _) = run_ok(&[
        "render".as_ref(),
        "--color".as_ref(),
        "always".as_ref(),
        file.as_os_str(),
    ]);
    assert!(
        stdout.contains("\x1b]8;;https://example.org/\x1b\\"),
        "{stdout:?}"
    );
    assert!(
        stdout.contains("\x1b]8;;mailto:a@example.org\x1b\\"),
        "{stdout:?}"
    );
    assert!(stdout.contains("\x1b]8;;file://"), "{stdout:?}");
    assert!(stdout.contains("other.md\x1b\\"), "{stdout:?}");
    for refused in ["]8;;javascript", "]8;;vscode", "]8;;file:///etc"] {
        assert!(
            !stdout.contains(refused),
            "{refused} got through: {stdout:?}"
        );
    }
    assert!(
        stdout.contains("js"),
        "the text of a refused link still prints"
    );
}

#[test]
fn a_mistyped_command_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let out = common::quire()
        .current_dir(dir.path())
        .arg("lsit")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("did you mean `quire list`?"), "{stderr}");
    // A file of that name is read, and a word far from every command is
    // only missing.
    std::fs::write(dir.path().join("lsit"), "# Lsit\n").unwrap();
    let out = common::quire()
        .current_dir(dir.path())
        .arg("lsit")
        .output()
        .unwrap();
    assert!(out.status.success());
    let out = common::quire()
        .current_dir(dir.path())
        .arg("walrus")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("did you mean"));
}

#[test]
fn a_mistyped_command_with_arguments_is_named() {
    // `quire serch x`: clap takes `serch` for the PATH and `x` for one
    // argument too many; the hint names the command meant.
    let dir = tempfile::tempdir().unwrap();
    let out = common::quire()
        .current_dir(dir.path())
        .args(["serch", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("did you mean `quire search x`?"),
        "{stderr}"
    );
    // A folder of that name is a PATH: clap's own error, no hint.
    std::fs::create_dir(dir.path().join("serch")).unwrap();
    let out = common::quire()
        .current_dir(dir.path())
        .args(["serch", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("did you mean"), "{stderr}");
    assert!(stderr.contains("unexpected argument 'x'"), "{stderr}");
}

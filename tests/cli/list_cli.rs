//! `quire list` and `quire tags` run as a user would, on folders built in temp
//! dirs and on the fixture library (the shared corpus: `list_corpus`).

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("create parent folders");
    }
    fs::write(path, text).expect("write a file");
}

/// A small library of our own: overlapping tags, a draft, an undated post.
fn sample() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let r = dir.path();
    write(
        r,
        "2021-04-03-kites.md",
        "---\ntitle: Flying kites\ntags: [Outdoors, Wind]\n---\nKites rise.\n",
    );
    write(
        r,
        "sea/tides.md",
        "---\ntitle: Reading the tides\ndate: 2023-08-19\ntags: outdoors sea\nauthor: Ana\n---\nThe sea comes and goes.\n",
    );
    write(
        r,
        "sea/shells.md",
        "---\ntitle: Shells\ndate: 2022-02-02\ntags: [Sea]\ndraft: true\n---\nA draft.\n",
    );
    write(
        r,
        "undated.md",
        "# Untitled thoughts\n\nNo front matter at all.\n",
    );
    dir
}

fn quire() -> Command {
    common::quire()
}

pub(super) fn json(args: &[&str], dir: &Path) -> Value {
    let out = quire()
        .args(args)
        .arg(dir)
        .arg("--json")
        .output()
        .expect("run quire");
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

pub(super) fn field(rows: &Value, name: &str) -> Vec<String> {
    rows.as_array()
        .expect("an array")
        .iter()
        .map(|r| match &r[name] {
            Value::String(s) => s.clone(),
            Value::Null => "null".to_string(),
            other => other.to_string(),
        })
        .collect()
}

#[test]
fn list_text_rows_newest_first_aligned() {
    let dir = sample();
    let out = quire().arg("list").arg(dir.path()).output().expect("run");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[0].starts_with("●  sea/tides.md "), "{text}");
    assert!(lines[0].contains("2023-08-19  Reading the tides"), "{text}");
    assert!(lines[1].contains("[draft] Shells"), "{text}");
    assert!(
        lines[2].starts_with("●  2021-04-03-kites.md  2021-04-03  Flying kites"),
        "{text}"
    );
    assert!(lines[3].starts_with("●  undated.md "), "{text}");
    assert!(lines[3].contains("  -  "), "undated shows a dash: {text}");
    // Columns line up: every date starts at the same column.
    let col = lines[0].find("2023").expect("a date");
    assert_eq!(lines[1].find("2022"), Some(col));
    assert!(lines.iter().all(|l| !l.ends_with(' ')));
}

#[test]
fn list_json_has_every_field() {
    let dir = sample();
    let rows = json(&["list"], dir.path());
    assert_eq!(
        field(&rows, "path"),
        [
            "sea/tides.md",
            "sea/shells.md",
            "2021-04-03-kites.md",
            "undated.md"
        ]
    );
    let tides = &rows[0];
    assert_eq!(tides["title"], "Reading the tides");
    assert_eq!(tides["date"], "2023-08-19");
    assert_eq!(tides["tags"], serde_json::json!(["outdoors", "sea"]));
    assert_eq!(tides["author"], "Ana");
    assert_eq!(tides["draft"], false);
    assert_eq!(tides["words"], 5);
    assert_eq!(tides["reading_minutes"], 1);
    assert_eq!(rows[1]["draft"], true);
    assert_eq!(rows[3]["date"], Value::Null);
    assert_eq!(rows[3]["author"], Value::Null);
}

#[test]
fn list_tags_all_of_any_of_case_insensitive() {
    let dir = sample();
    let all = json(&["list", "--tag", "OUTDOORS", "--tag", "sea"], dir.path());
    assert_eq!(field(&all, "path"), ["sea/tides.md"]);
    let any = json(
        &[
            "list", "--tag", "wind", "--tag", "SEA", "--any", "--sort", "path",
        ],
        dir.path(),
    );
    assert_eq!(
        field(&any, "path"),
        ["2021-04-03-kites.md", "sea/shells.md", "sea/tides.md"]
    );
    let none = json(&["list", "--tag", "mountains"], dir.path());
    assert_eq!(none, serde_json::json!([]));
}

#[test]
fn list_sorts_reverses_and_hides_drafts() {
    let dir = sample();
    let rows = json(
        &["list", "--sort", "title", "--reverse", "--no-drafts"],
        dir.path(),
    );
    assert_eq!(
        field(&rows, "title"),
        ["Untitled thoughts", "Reading the tides", "Flying kites"]
    );
    let rows = json(&["list", "--sort", "reading-time"], dir.path());
    assert_eq!(rows.as_array().map(Vec::len), Some(4));
}

#[test]
fn tags_counts_text_and_json() {
    let dir = sample();
    let rows = json(&["tags"], dir.path());
    assert_eq!(
        rows,
        serde_json::json!([
            // One spelling each way: the first file in path order wins.
            {"tag": "Outdoors", "count": 2},
            {"tag": "Sea", "count": 2},
            {"tag": "Wind", "count": 1}
        ])
    );
    let out = quire().arg("tags").arg(dir.path()).output().expect("run");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "2 Outdoors\n2 Sea\n1 Wind\n"
    );
}

#[test]
fn a_missing_or_non_folder_dir_fails_with_exit_1() {
    let dir = sample();
    let missing = dir.path().join("nowhere");
    quire()
        .arg("list")
        .arg(&missing)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("nowhere"));
    quire()
        .arg("tags")
        .arg(dir.path().join("undated.md"))
        .assert()
        .code(1)
        .stderr(predicates::str::contains("not a folder"));
}

#[cfg(unix)]
#[test]
fn failures_and_warnings_go_to_stderr_and_json_stays_valid() {
    let dir = sample();
    std::os::unix::fs::symlink(dir.path().join("gone.md"), dir.path().join("lost.md"))
        .expect("symlink");
    write(dir.path(), "bad.md", "---\ntitle: [unclosed\n---\nbody\n");
    let out = quire()
        .arg("list")
        .arg(dir.path())
        .arg("--json")
        .output()
        .expect("run");
    // A file that could not be read fails the command; the others are listed.
    assert_eq!(out.status.code(), Some(1));
    let rows: Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(rows.as_array().map(Vec::len), Some(5));
    let tags = quire().arg("tags").arg(dir.path()).output().expect("run");
    assert_eq!(tags.status.code(), Some(1));
    assert!(!tags.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.lines().any(|l| l.contains("lost.md")), "{stderr}");
    assert!(stderr.lines().any(|l| l.contains("bad.md")), "{stderr}");
}

#[test]
fn control_characters_never_reach_stdout_in_text_rows() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        "evil.md",
        "---\ntitle: \"a\\e]52;c;aGk=\\a b\"\ntags: [\"x\\e[2J\"]\n---\nx\n",
    );
    let out = quire().arg("list").arg(dir.path()).output().expect("run");
    assert!(out.status.success());
    assert!(
        !out.stdout.contains(&0x1b),
        "{:?}",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = quire().arg("tags").arg(dir.path()).output().expect("run");
    assert!(!out.stdout.contains(&0x1b));
}

#[test]
fn no_dir_lists_articles_when_it_exists() {
    let dir = sample();
    let cwd = tempfile::tempdir().expect("temp dir");
    write(
        cwd.path(),
        "articles/only.md",
        "---\ntitle: Only one\n---\n",
    );
    write(cwd.path(), "outside.md", "---\ntitle: Outside\n---\n");
    let out = quire()
        .arg("list")
        .current_dir(cwd.path())
        .output()
        .expect("run");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "●  only.md  -  Only one"
    );
    let out = quire()
        .arg("list")
        .current_dir(dir.path().join("sea"))
        .output()
        .expect("run");
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 2);
}

// ---- the fixture library (tests/fixtures/README.md documents it) ----

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/library")
}

#[test]
fn fixture_library_lists_its_six_articles() {
    let rows = json(&["list", "--sort", "path"], &fixture());
    assert_eq!(
        field(&rows, "path"),
        [
            "2023-05-01-a-week-without-a-phone.md",
            "2023-11-05-rust-on-small-boards.md",
            "2024-03-10-training-a-tiny-classifier.md",
            "2025-02-14-the-corner-cafe.markdown",
            "no-date-essay.md",
            "notes/2025/2025-06-30-reading-list.md",
        ]
    );
    assert_eq!(
        field(&rows, "date"),
        [
            "2023-05-01",
            "2023-11-05",
            "2024-03-10",
            "2025-02-14",
            "null",
            "2025-06-30"
        ]
    );
    assert_eq!(rows[2]["draft"], true);
    assert_eq!(rows[4]["title"], "Small tools age better than big ones");
}

#[test]
fn fixture_library_tags_and_filters() {
    let rows = json(&["tags"], &fixture());
    let got: Vec<(String, u64)> = rows
        .as_array()
        .expect("array")
        .iter()
        .map(|r| {
            (
                r["tag"].as_str().unwrap_or("").to_lowercase(),
                r["count"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let want = [
        ("rust", 3),
        ("writing", 3),
        ("machine learning", 2),
        ("books", 1),
        ("café", 1),
        ("coffee", 1),
        ("habits", 1),
        ("hardware", 1),
        ("python", 1),
        ("tools", 1),
    ];
    let want: Vec<(String, u64)> = want.iter().map(|(t, n)| (t.to_string(), *n)).collect();
    assert_eq!(got, want);
    assert!(
        !got.iter().any(|(t, _)| t == "secret"),
        "hidden folders are skipped"
    );

    let all = json(
        &[
            "list",
            "--tag",
            "rust",
            "--tag",
            "machine learning",
            "--sort",
            "path",
        ],
        &fixture(),
    );
    assert_eq!(
        field(&all, "path"),
        [
            "2023-11-05-rust-on-small-boards.md",
            "2024-03-10-training-a-tiny-classifier.md"
        ]
    );
    let any = json(
        &[
            "list",
            "--tag",
            "rust",
            "--tag",
            "machine learning",
            "--any",
            "--sort",
            "path",
        ],
        &fixture(),
    );
    assert_eq!(any.as_array().map(Vec::len), Some(3));
    let no_drafts = json(&["list", "--tag", "rust", "--no-drafts"], &fixture());
    assert_eq!(no_drafts.as_array().map(Vec::len), Some(2));
}

#[test]
fn a_jekyll_site_s_timezone_moves_dates_written_with_an_offset() {
    // The Jekyll docs' post of 2013-05-06 02:12:52 +0200 shows as May 5 on
    // their site (timezone: America/Los_Angeles); quire showed 05-06.
    let dir = tempfile::tempdir().expect("a temp dir");
    let post = "---\ntitle: Welcome\ndate: 2013-05-06 02:12:52 +0200\n---\nHello.\n";
    write(dir.path(), "_posts/2013-05-06-welcome.md", post);
    let plain = "---\ntitle: Plain\ndate: 2013-05-06\n---\nHello.\n";
    write(dir.path(), "_posts/2013-05-06-plain.md", plain);
    let dates = || {
        let rows = json(&["list", "--no-state"], dir.path());
        let mut dates = field(&rows, "date");
        dates.sort();
        dates
    };
    assert_eq!(dates(), ["2013-05-06", "2013-05-06"], "no zone: as written");
    write(
        dir.path(),
        "_config.yml",
        "title: Docs\ntimezone: America/Los_Angeles\n",
    );
    assert_eq!(dates(), ["2013-05-05", "2013-05-06"]);
}

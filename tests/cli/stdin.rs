//! Articles from standard input: `quire -`, `quire render -`, `quire outline -`,
//! and `cat post.md | quire` rendering when its output is piped too.
#![allow(clippy::unwrap_used)]

use assert_cmd::Command;

const POST: &str = "---\ntitle: Sent Through a Pipe\n---\n\nA first paragraph.\n\n## Part one\n\nText of part one.\n\n## Part two\n\nMore.\n";

/// quire with its own files in a temporary home, never the real one.
fn quire(home: &tempfile::TempDir) -> Command {
    let mut cmd = Command::cargo_bin("quire").unwrap();
    cmd.env("XDG_STATE_HOME", home.path().join("state"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env_remove("NO_COLOR");
    cmd
}

#[test]
fn piped_in_and_out_renders_like_render() {
    let home = tempfile::tempdir().unwrap();
    let piped = quire(&home).write_stdin(POST).output().unwrap();
    assert!(piped.status.success());
    let dash = quire(&home).arg("-").write_stdin(POST).output().unwrap();
    let render = quire(&home)
        .args(["render", "--width", "80", "-"])
        .write_stdin(POST)
        .output()
        .unwrap();
    let text = String::from_utf8(piped.stdout.clone()).unwrap();
    assert!(text.contains("Sent Through a Pipe"), "{text}");
    assert!(text.contains("Part one"), "{text}");
    assert_eq!(piped.stdout, dash.stdout, "no PATH with a pipe is `-`");
    assert_eq!(piped.stdout, render.stdout, "piped out renders like render");
}

#[test]
fn outline_of_standard_input_names_it_stdin() {
    let home = tempfile::tempdir().unwrap();
    let out = quire(&home)
        .args(["outline", "--json", "-"])
        .write_stdin("## One\n\n### Two\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json["title"], "stdin",
        "no front matter, no level-1 heading"
    );
    assert_eq!(json["headings"][0]["text"], "One");
    assert_eq!(json["headings"][1]["level"], 3);
}

#[test]
fn bad_bytes_on_standard_input_are_named_and_shown() {
    let home = tempfile::tempdir().unwrap();
    let out = quire(&home)
        .args(["render", "-"])
        .write_stdin(&b"# Caf\xe9\n\ntext\n"[..])
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("stdin"), "the warning names stdin: {err}");
    assert!(String::from_utf8(out.stdout).unwrap().contains("text"));
}

//! A vault's embeds as `quire render` shows them: a note's, a heading's and
//! a block's text in place, nested four deep, long ones folded.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;

use super::vault::{json_in, run_in};

/// `quire render` of a note of the fixture vault, 80 columns.
fn render(note: &str) -> String {
    let home = TempDir::new().unwrap();
    let (stdout, stderr, code) = run_in(&home, &["render", "--width", "80", note]);
    assert_eq!(code, 0, "{stderr}");
    stdout
}

/// What follows the first `mark` in `text`.
fn after<'t>(text: &'t str, mark: &str) -> &'t str {
    let at = text
        .find(mark)
        .unwrap_or_else(|| panic!("no {mark:?} in {text}"));
    &text[at + mark.len()..]
}

#[test]
fn note_heading_and_block_embeds_show_their_text_in_place() {
    let home = render("vault/Home.md");
    // A heading's section: its text, not the next section's.
    let section = after(&home, "│ Garden > Watering\n");
    let section = section.split("│ Garden > ^tomato-rows").next().unwrap();
    assert!(section.starts_with("│\n│ Water in the evening"), "{home}");
    assert!(section.contains("│ Tomatoes go in three rows"), "{section}");
    assert!(!section.contains("Sow peas"), "{section}");
    // A block: its paragraph alone, the `^id` marker hidden.
    let block = after(&home, "│ Garden > ^tomato-rows\n");
    let block = block.split("[image").next().unwrap();
    assert_eq!(
        block, "│\n│ Tomatoes go in three rows along the fence.\n\n",
        "{home}"
    );
    // A whole note, nested: Cycle A shows Cycle B, which would show Cycle A
    // again: that is a one-line note.
    assert!(home.contains("│ Cycle A\n"), "{home}");
    assert!(home.contains("│ This note embeds the next one"), "{home}");
    assert!(home.contains("│ │ Cycle B\n"), "{home}");
    assert!(
        home.contains("│ │ [embed: Cycle A] (not shown: it embeds itself)\n"),
        "{home}"
    );
    // A missing note is a one-line note too; pictures and sound stay links.
    assert!(
        home.contains("[embed: Nowhere else] (no note by that name)\n"),
        "{home}"
    );
    assert!(home.contains("[audio: talk.mp3]"), "{home}");
    // The embedded note's title heading is not repeated, and its headings
    // never become the embedding note's (the outline is Home's own).
    assert!(!home.contains("│ Cycle A\n│\n│ Cycle A"), "{home}");
    let home_dir = TempDir::new().unwrap();
    let outline = json_in(&home_dir, &["outline", "--json", "vault/Home.md"]);
    assert!(!outline.to_string().contains("Watering"), "{outline}");
}

/// A vault of its own in a temp folder: `notes` as (name, text).
fn temp_vault(notes: &[(&str, String)]) -> TempDir {
    let dir = TempDir::new().unwrap();
    std::fs::create_dir(dir.path().join(".obsidian")).unwrap();
    for (name, text) in notes {
        std::fs::write(dir.path().join(format!("{name}.md")), text).unwrap();
    }
    dir
}

fn render_at(dir: &Path, note: &str) -> String {
    let home = TempDir::new().unwrap();
    let out = Command::cargo_bin("quire")
        .unwrap()
        .current_dir(dir)
        .env("XDG_STATE_HOME", home.path().join("state"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .args(["render", "--width", "80", note])
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn embeds_nest_four_deep_and_long_ones_fold() {
    let chain: Vec<(String, String)> = (1..=6)
        .map(|i| {
            (
                format!("N{i}"),
                format!("Text of {i}.\n\n![[N{}]]\n", i + 1),
            )
        })
        .collect();
    let notes: Vec<(&str, String)> = chain.iter().map(|(n, t)| (n.as_str(), t.clone())).collect();
    let vault = temp_vault(&notes);
    let out = render_at(vault.path(), "N1.md");
    for i in 1..=5 {
        assert!(out.contains(&format!("Text of {i}.")), "{out}");
    }
    assert!(!out.contains("Text of 6."), "{out}");
    assert!(
        out.contains("[embed: N6] (not shown: embeds nest 4 deep at most)"),
        "{out}"
    );

    let long: String = (1..=20).map(|i| format!("Line {i}.\n\n")).collect();
    let vault = temp_vault(&[
        ("Long", long),
        ("Reader", "Before.\n\n![[Long]]\n\nAfter.\n".to_string()),
    ]);
    let out = render_at(vault.path(), "Reader.md");
    // `render` shows a fold open: its summary marked, every line after it.
    let summary = out.lines().position(|l| l == "▾ Long").expect(&out);
    let last = out.lines().position(|l| l == "│ Line 20.").expect(&out);
    assert!(summary < last, "{out}");
    assert!(out.find("After.") > out.find("Line 20."), "{out}");
}

/// Obsidian's `%%comments%%` are hidden and its `==highlights==` shown as
/// highlights, in a vault's notes only; code keeps them as written, and
/// headings below a comment keep their file lines.
#[test]
fn a_vault_s_comments_are_hidden_and_its_highlights_shown() {
    let dir = tempfile::tempdir().unwrap();
    let note = "---\ntitle: Marks\n---\nInline %%not shown%% text.\n%%\nhidden line\n%%\n\
                ## After\nHighlight ==this== please, `==code==`.\n";
    let vault = dir.path().join("vault");
    std::fs::create_dir_all(vault.join(".obsidian")).unwrap();
    std::fs::write(vault.join("m.md"), note).unwrap();
    std::fs::write(dir.path().join("plain.md"), note).unwrap();
    let run = |args: &[&str], file: &std::path::Path| {
        let out = crate::common::quire()
            .args(args)
            .arg(file)
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let text = run(
        &["render", "--color", "never", "--width", "60"],
        &vault.join("m.md"),
    );
    assert!(text.contains("Inline text."), "{text}");
    assert!(
        !text.contains("not shown") && !text.contains("hidden line"),
        "{text}"
    );
    assert!(text.contains("Highlight this please, ==code==."), "{text}");
    let colour = run(
        &["render", "--color", "always", "--width", "60"],
        &vault.join("m.md"),
    );
    let plain_word = run(
        &["render", "--color", "always", "--width", "60"],
        &dir.path().join("plain.md"),
    );
    assert!(!colour.contains("==this=="), "{colour}");
    assert!(colour.contains("\x1b[30;102mthis"), "{colour:?}");
    // Outside a vault the marks are text.
    assert!(plain_word.contains("==this==") && plain_word.contains("not shown"));
    let outline: serde_json::Value =
        serde_json::from_str(&run(&["outline", "--json"], &vault.join("m.md"))).unwrap();
    assert_eq!(outline["headings"][0]["line"], 8);
}

/// A coloured render's hyperlink of a wikilink opens its note; one to no
/// note opens nothing (it pointed at a file named `[[Name]]`).
#[test]
fn a_wikilink_s_hyperlink_opens_its_note_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault");
    std::fs::create_dir_all(vault.join(".obsidian")).unwrap();
    std::fs::write(vault.join("Shed.md"), "# Shed\n\n## Materials\n").unwrap();
    std::fs::write(
        vault.join("m.md"),
        "See [[Shed#Materials]] and [[Nowhere]].\n",
    )
    .unwrap();
    let out = crate::common::quire()
        .args(["render", "--color", "always"])
        .arg(vault.join("m.md"))
        .output()
        .unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    assert!(out.contains("Shed.md#materials\x1b\\"), "{out:?}");
    assert!(!out.contains("[[Nowhere"), "{out:?}");
    assert!(!out.contains("Nowhere%5D"), "{out:?}");
}

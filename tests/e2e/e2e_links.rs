//! End-to-end: following links in the built binary in tmux. The link list
//! opens another article at a section, H and L go back and forward to the
//! exact place, and an external link runs `$BROWSER` only after `y`.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::common::tmux::{self, DEADLINE, Tmux};

const BIN: &str = env!("CARGO_BIN_EXE_quire");

fn site() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sites/reader")
}

/// The text pane's part of a screen row (right of the outline's border).
fn text_part(row: &str) -> &str {
    row.split_once('│').map_or(row, |(_, t)| t).trim()
}

fn top_text_line(screen: &str) -> String {
    text_part(screen.lines().next().unwrap_or("")).to_string()
}

/// The rows above the status line, outline and text.
fn text_rows(screen: &str) -> Vec<String> {
    let rows: Vec<String> = screen.lines().map(str::to_string).collect();
    rows[..rows.len().saturating_sub(1)].to_vec()
}

fn status_line(screen: &str) -> String {
    screen
        .lines()
        .rfind(|l| !l.trim().is_empty())
        .unwrap_or("")
        .to_string()
}

/// The screen once two captures in a row agree (a frame can reach tmux in
/// several writes).
fn settled(t: &Tmux) -> String {
    let start = Instant::now();
    let mut last = t.capture();
    loop {
        std::thread::sleep(std::time::Duration::from_millis(50));
        let now = t.capture();
        if now == last {
            return now;
        }
        assert!(
            start.elapsed() < DEADLINE,
            "the screen never settled:\n{now}"
        );
        last = now;
    }
}

/// Waits until `path` exists and holds a whole line; its text.
fn wait_for_file(path: &Path) -> String {
    let start = Instant::now();
    loop {
        if let Ok(text) = std::fs::read_to_string(path) {
            if text.ends_with('\n') {
                return text;
            }
        }
        assert!(
            start.elapsed() < DEADLINE,
            "{} never appeared",
            path.display()
        );
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
}

#[test]
fn follow_a_link_go_back_and_forward_and_open_an_external_one_only_after_yes() {
    if !tmux::available("follow_a_link_go_back_and_forward") {
        return;
    }
    let scratch = tempfile::tempdir().unwrap();
    let args = scratch.path().join("browser-args");
    let browser = scratch.path().join("browser.sh");
    std::fs::write(
        &browser,
        format!("#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\n", args.display()),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let t = Tmux::start(
        "links",
        100,
        24,
        &format!(
            "BROWSER='{}' {BIN} start.md; echo EXIT:$?",
            browser.display()
        ),
        &site(),
    );
    t.wait_for("the start page", |s| status_line(s).contains("Start Page"));

    // Read a little way in, into the first paragraph: the place to come back to.
    let first_top = top_text_line(&t.capture());
    t.keys(&["j"; 9]);
    t.wait_for("the scroll", |s| {
        let top = top_text_line(s);
        !top.is_empty() && top != first_top && status_line(s).contains('%')
    });
    // The whole frame, not only its top rows, once the terminal has it all.
    let left_text = text_rows(&settled(&t));

    // The list, filtered, then Enter: the other article at its section.
    t.keys(&["F"]);
    t.wait_for("the link list", |s| s.contains("Links 5/5"));
    t.type_text("pond");
    t.wait_for("the filtered list", |s| s.contains("Links 1/5"));
    t.keys(&["Enter"]);
    let there = t.wait_for("the pond section", |s| {
        status_line(s).contains("Garden Notes › The Pond")
    });
    assert_eq!(top_text_line(&there), "The Pond", "{there}");
    assert!(status_line(&there).contains("◂H"), "{there}");

    // Back to the exact place, then forward again.
    t.keys(&["H"]);
    t.wait_for("the exact place left", |s| {
        status_line(s).contains("Start Page")
            && status_line(s).contains("L▸")
            && text_rows(s) == left_text
    });
    t.keys(&["L"]);
    let forward = t.wait_for("the pond again", |s| {
        status_line(s).contains("Garden Notes › The Pond")
    });
    assert_eq!(top_text_line(&forward), "The Pond");

    // An external link asks first; nothing runs before y.
    t.keys(&["H"]);
    t.wait_for("the start page", |s| status_line(s).contains("Start Page"));
    t.keys(&["F"]);
    t.wait_for("the link list", |s| s.contains("Links 5/5"));
    t.type_text("outside");
    t.wait_for("the filtered list", |s| s.contains("Links 1/5"));
    t.keys(&["Enter"]);
    t.wait_for("the question", |s| {
        status_line(s).contains("open https://example.org/page?x=1 ? y/n")
    });
    assert!(!args.exists(), "the browser ran before y");
    t.keys(&["y"]);
    let got = wait_for_file(&args);
    assert_eq!(got, "https://example.org/page?x=1\n");
    t.wait_for("what was started", |s| status_line(s).contains("started"));

    t.keys(&["q"]);
    t.wait_for("the exit status", |s| s.contains("EXIT:0"));
}

fn generator_site(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/generators")
        .join(name)
}

/// Opens `page` of a fixture site, follows the link whose text holds
/// `filter` from the link list, and returns the screen once the status
/// line names `lands`.
fn follow_from_list(t: &Tmux, filter: &str, lands: &str) -> String {
    t.keys(&["F"]);
    t.wait_for("the link list", |s| s.contains("Links "));
    t.type_text(filter);
    t.wait_for("the filtered list", |s| s.contains("Links 1/"));
    t.keys(&["Enter"]);
    t.wait_for(lands, |s| status_line(s).contains(lands))
}

#[test]
fn a_hugo_ref_and_a_jekyll_relative_url_link_land_on_their_sections() {
    if !tmux::available("a_hugo_ref_and_a_jekyll_relative_url_link") {
        return;
    }
    // `{{< relref "/docs/usage.md#options-1" >}}`: Hugo's id of the heading
    // after a definition term of the same name.
    let t = Tmux::start(
        "links-ref",
        100,
        24,
        &format!("{BIN} content/docs/guide/index.md; echo EXIT:$?"),
        &generator_site("hugo"),
    );
    t.wait_for("the guide", |s| status_line(s).contains("Guide"));
    let there = follow_from_list(&t, "its options", "Usage › Options");
    assert_eq!(top_text_line(&there), "Options", "{there}");
    t.keys(&["q"]);
    t.wait_for("the exit status", |s| s.contains("EXIT:0"));

    // `{{ '/docs/configuration/' | relative_url }}#front-matter-amp-liquid`:
    // a permalink, and kramdown's id of the heading.
    let t = Tmux::start(
        "links-liquid",
        100,
        24,
        &format!("{BIN} docs/installation/other-linux.md; echo EXIT:$?"),
        &generator_site("jekyll"),
    );
    t.wait_for("the page", |s| status_line(s).contains("Other Linux"));
    let there = follow_from_list(&t, "the settings", "Configuration › Front matter");
    assert!(
        top_text_line(&there).starts_with("Front matter &"),
        "{there}"
    );
    t.keys(&["q"]);
    t.wait_for("the exit status", |s| s.contains("EXIT:0"));
}

fn vault() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vault")
}

#[test]
fn linked_from_lands_on_the_linking_line_and_a_wikilink_on_its_heading() {
    if !tmux::available("linked_from_lands_on_the_linking_line") {
        return;
    }
    let t = Tmux::start(
        "backlinks",
        100,
        24,
        &format!("{BIN} --theme dark --images off Garden.md; echo EXIT:$?"),
        &vault(),
    );
    t.wait_for("the garden note", |s| status_line(s).contains("Garden"));

    // B: every link into the note, from markdown links, wikilinks and embeds.
    t.keys(&["B"]);
    t.wait_for("the list of links in", |s| s.contains("Linked from 10/10"));
    t.type_text("plan");
    t.wait_for("the filtered list", |s| s.contains("Linked from 1/10"));
    t.keys(&["Enter"]);
    let there = t.wait_for("the linking note", |s| {
        status_line(s).trim_start().starts_with("Plan ")
    });
    assert_eq!(
        top_text_line(&there),
        "The current plan for the shed, see Garden > Watering.",
        "{there}"
    );
    assert!(status_line(&there).contains("◂H"), "{there}");

    // H: back to the note.
    t.keys(&["H"]);
    t.wait_for("the garden again", |s| {
        status_line(s).trim_start().starts_with("Garden ") && status_line(s).contains("L▸")
    });

    // A link below an embed shown in place lands on its own line, not on
    // the line of the file's it would be counted through the inlined text.
    t.keys(&["B"]);
    t.wait_for("the list of links in", |s| s.contains("Linked from 10/10"));
    t.type_text("tomato");
    t.wait_for("the two block links", |s| s.contains("Linked from 2/10"));
    t.keys(&["Down", "Enter"]);
    let embed = t.wait_for("the embed's line", |s| status_line(s).contains("Home ›"));
    assert!(
        top_text_line(&embed).ends_with("Garden > ^tomato-rows"),
        "{embed}"
    );
    t.keys(&["H"]);
    t.wait_for("the garden again", |s| {
        status_line(s).trim_start().starts_with("Garden ")
    });

    // F and a wikilink: the other note at the heading it names.
    t.keys(&["F"]);
    t.wait_for("the link list", |s| s.contains("Links 2/2"));
    t.type_text("budget");
    t.wait_for("the filtered list", |s| s.contains("Links 1/2"));
    t.keys(&["Enter"]);
    let budget = t.wait_for("the budget section", |s| {
        status_line(s).contains("Plan › Budget")
    });
    assert_eq!(top_text_line(&budget), "Budget", "{budget}");

    t.keys(&["q"]);
    t.wait_for("quire's exit", |s| s.contains("EXIT:0"));
}

//! End-to-end, in tmux: handing the article to `$EDITOR` and coming back,
//! and copying with OSC 52 into the terminal's clipboard.
#![allow(clippy::unwrap_used)]

use crate::common::tmux::{self, Tmux, exited};

const BIN: &str = env!("CARGO_BIN_EXE_quire");

/// A post with sections long enough to scroll, and one code block.
fn write_post(dir: &std::path::Path) -> std::path::PathBuf {
    let mut md = String::from("---\ntitle: Handed Over\n---\n\n");
    for s in 0..5 {
        md.push_str(&format!("## Part {s}\n\n"));
        for p in 0..6 {
            md.push_str(&format!("Paragraph {p} of part {s}.\n\n"));
        }
        if s == 2 {
            md.push_str("```sh\necho copied-code\n```\n\n");
        }
    }
    let path = dir.join("post.md");
    std::fs::write(&path, md).unwrap();
    path
}

#[test]
fn e_hands_the_article_to_the_editor_at_the_top_line_and_comes_back() {
    if !tmux::available("e_hands_the_article_to_the_editor") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let post = write_post(dir.path());
    let heading_line = std::fs::read_to_string(&post)
        .unwrap()
        .lines()
        .position(|l| l == "## Part 2")
        .unwrap()
        + 1;
    let log = dir.path().join("editor.log");
    let script = dir.path().join("fake-vim");
    // Named like vim so that it gets +LINE; records its arguments, then
    // appends a section as an editor would.
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\nprintf '\\n## Written in the editor\\n' >> \"$2\"\n",
            log.display()
        ),
    )
    .unwrap();
    let vim = dir.path().join("vim");
    std::fs::rename(&script, &vim).unwrap();
    std::process::Command::new("chmod")
        .args(["+x", &vim.display().to_string()])
        .status()
        .unwrap();
    let t = Tmux::start(
        "editor",
        90,
        20,
        &format!("EDITOR='{}' {BIN} post.md; echo EXIT:$?", vim.display()),
        dir.path(),
    );
    t.wait_for("the reader", |s| s.contains("Handed Over"));
    // Part 2 on the top line.
    t.keys(&["]", "]", "]"]);
    t.wait_for("part 2 on top", |s| {
        s.lines().next().is_some_and(|l| l.contains("Part 2"))
    });
    t.keys(&["e"]);
    let screen = t.wait_for("the reader back, reloaded", |s| {
        s.contains("Written in the ed")
    });
    assert!(
        screen.lines().next().is_some_and(|l| l.contains("Part 2")),
        "the same place after the reload:\n{screen}"
    );
    let args = std::fs::read_to_string(&log).unwrap();
    let args: Vec<&str> = args.lines().collect();
    assert_eq!(
        args,
        [format!("+{heading_line}").as_str(), "post.md"],
        "+LINE then the path"
    );
    assert_eq!(
        t.pane_format("#{alternate_on}"),
        "1",
        "back on quire's screen"
    );
    t.keys(&["q"]);
    let screen = t.wait_for("the exit status", exited);
    assert!(screen.contains("EXIT:0"), "{screen}");
}

#[test]
fn every_key_typed_while_the_editor_runs_is_the_editors() {
    if !tmux::available("every_key_typed_while_the_editor_runs") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    write_post(dir.path());
    let log = dir.path().join("typed.log");
    // An editor that reads a line from the terminal: keys quire would act
    // on (j moves, q quits) are typed into it one at a time.
    let editor = dir.path().join("line-editor");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\nprintf 'editor> '\nIFS= read -r line\nprintf '%s\\n' \"$line\" > '{}'\n",
            log.display()
        ),
    )
    .unwrap();
    std::process::Command::new("chmod")
        .args(["+x", &editor.display().to_string()])
        .status()
        .unwrap();
    let t = Tmux::start(
        "editor-keys",
        90,
        20,
        &format!("EDITOR='{}' {BIN} post.md; echo EXIT:$?", editor.display()),
        dir.path(),
    );
    t.wait_for("the reader", |s| s.contains("Handed Over"));
    t.keys(&["e"]);
    t.wait_for("the editor's prompt", |s| s.contains("editor>"));
    for key in ["j", "j", "k", "q", "j"] {
        t.keys(&[key]);
    }
    t.keys(&["Enter"]);
    t.wait_for("the reader back", |s| s.contains("Handed Over"));
    assert_eq!(std::fs::read_to_string(&log).unwrap(), "jjkqj\n");
    assert_eq!(t.pane_format("#{alternate_on}"), "1", "quire's screen");
    // quire reads keys again.
    t.keys(&["q"]);
    let screen = t.wait_for("the exit status", exited);
    assert!(screen.contains("EXIT:0"), "{screen}");
}

#[test]
fn y_and_shift_y_copy_with_osc52_into_the_terminal_clipboard() {
    if !tmux::available("y_and_shift_y_copy_with_osc52") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    write_post(dir.path());
    let t = Tmux::start(
        "copy",
        90,
        20,
        &format!("{BIN} post.md; echo EXIT:$?"),
        dir.path(),
    );
    // tmux puts what an application sends with OSC 52 in its paste buffer.
    t.run(&["set-option", "-s", "set-clipboard", "on"]);
    t.wait_for("the reader", |s| s.contains("Handed Over"));
    t.keys(&["]", "]", "]"]);
    t.wait_for("part 2 on top", |s| {
        s.lines().next().is_some_and(|l| l.contains("Part 2"))
    });
    t.keys(&["y"]);
    t.wait_for("the note", |s| s.contains("copied post.md#part-2"));
    let buffer = t.run(&["show-buffer"]);
    assert_eq!(String::from_utf8_lossy(&buffer.stdout), "post.md#part-2");
    t.keys(&["Y"]);
    t.wait_for("the note", |s| s.contains("copied a code block of 1 line"));
    let buffer = t.run(&["show-buffer"]);
    assert_eq!(
        String::from_utf8_lossy(&buffer.stdout),
        "echo copied-code\n"
    );
    t.keys(&["q"]);
    t.wait_for("the exit status", exited);
}

#[test]
fn the_library_follows_its_folder_new_changed_and_removed_articles() {
    if !tmux::available("the_library_follows_its_folder") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("posts");
    std::fs::create_dir(&lib).unwrap();
    for (name, title) in [("a.md", "First Post"), ("b.md", "Second Post")] {
        std::fs::write(
            lib.join(name),
            format!("---\ntitle: {title}\n---\n\nText.\n"),
        )
        .unwrap();
    }
    let t = Tmux::start(
        "library-watch",
        100,
        20,
        &format!("{BIN} posts; echo EXIT:$?"),
        dir.path(),
    );
    t.wait_for("the library", |s| s.contains("2 of 2 articles"));
    // Select the second row, then add, change and remove articles on disk.
    t.keys(&["j"]);
    std::fs::write(lib.join("c.md"), "---\ntitle: Third Post\n---\n\nNew.\n").unwrap();
    let screen = t.wait_for("the new article", |s| {
        s.contains("3 of 3 articles") && s.contains("Third Post")
    });
    assert!(screen.contains("Second Post"), "{screen}");
    std::fs::write(
        lib.join("a.md"),
        "---\ntitle: First Post, Renamed\n---\n\nText.\n",
    )
    .unwrap();
    t.wait_for("the changed title", |s| s.contains("First Post, Renamed"));
    std::fs::remove_file(lib.join("b.md")).unwrap();
    t.wait_for("the removed article gone", |s| {
        s.contains("2 of 2 articles") && !s.contains("Second Post")
    });
    // R scans again by hand: nothing changed, nothing moves.
    t.keys(&["R"]);
    t.wait_for("the same list", |s| s.contains("2 of 2 articles"));
    t.keys(&["q"]);
    let screen = t.wait_for("the exit status", exited);
    assert!(screen.contains("EXIT:0"), "{screen}");
}

#[test]
fn ctrl_c_quits_even_when_a_config_unbinds_every_way_out() {
    if !tmux::available("ctrl_c_quits_even_when_a_config_unbinds_every_way_out") {
        return;
    }
    // With q, esc and ctrl-c bound to "none" only SIGTERM got out.
    let dir = tempfile::tempdir().unwrap();
    write_post(dir.path());
    let config = dir.path().join("keys.toml");
    std::fs::write(
        &config,
        "[keys.reader]\nq = \"none\"\nesc = \"none\"\n\"ctrl-c\" = \"none\"\n",
    )
    .unwrap();
    let t = Tmux::start(
        "ctrl-c",
        80,
        16,
        &format!("{BIN} --config keys.toml post.md 2>err.txt; echo EXIT:$?"),
        dir.path(),
    );
    t.wait_for("the reader", |s| s.contains("Handed Over"));
    // q does nothing now (Esc is left out: an Esc just before a key
    // reads as Alt with it).
    t.keys(&["q"]);
    t.keys(&["C-c"]);
    let screen = t.wait_for("the exit", exited);
    assert!(screen.contains("EXIT:0"), "{screen}");
    let err = std::fs::read_to_string(dir.path().join("err.txt")).unwrap();
    assert!(err.contains("ctrl-c always quits"), "{err}");
}

#[test]
fn an_editor_that_cannot_start_or_fails_says_so_and_nothing_is_reloaded() {
    if !tmux::available("an_editor_that_cannot_start_or_fails_says_so") {
        return;
    }
    // The reader said "reloaded" over the failure.
    let dir = tempfile::tempdir().unwrap();
    write_post(dir.path());
    let failing = dir.path().join("failing-editor");
    std::fs::write(&failing, "#!/bin/sh\nexit 3\n").unwrap();
    std::process::Command::new("chmod")
        .args(["+x", &failing.display().to_string()])
        .status()
        .unwrap();
    for (visual, message) in [
        ("/nonexistent/editor", "could not start the editor"),
        (
            failing.to_str().unwrap(),
            "the editor ended with exit status: 3",
        ),
    ] {
        for screen in ["post.md", "."] {
            let t = Tmux::start(
                "editor-fails",
                100,
                16,
                &format!("VISUAL='{visual}' {BIN} {screen}; echo EXIT:$?"),
                dir.path(),
            );
            t.wait_for("quire", |s| s.contains("Handed Over"));
            t.keys(&["e"]);
            let shown = t.wait_for("the editor's failure", |s| s.contains(message));
            assert!(!shown.contains("reloaded"), "{screen}: {shown}");
            t.keys(&["C-c"]);
            t.wait_for("the exit", exited);
        }
    }
}

//! The built binary in tmux: `quire URL` opens, jumps, follows a relative
//! link and comes back; the second open shows the cached copy at once; `q`
//! quits while a slow download goes on.

use std::path::Path;

use tempfile::TempDir;

use super::blog;
use super::common::server::{self, Reply};
use super::common::tmux::{self, Tmux};

const BIN: &str = env!("CARGO_BIN_EXE_quire");

fn status_line(screen: &str) -> String {
    screen
        .lines()
        .rfind(|l| !l.trim().is_empty())
        .unwrap_or("")
        .to_string()
}

/// A shell command running quire on `url` with no proxy and no token.
fn in_shell(url: &str) -> String {
    format!("env -u http_proxy -u HTTP_PROXY -u GITHUB_TOKEN {BIN} {url}; echo EXIT:$?")
}

#[test]
fn the_reader_opens_an_address_jumps_follows_a_relative_link_and_comes_back() {
    if !tmux::available("the_reader_opens_an_address") {
        return;
    }
    let server = server::start(blog);
    let dir = TempDir::new().unwrap();
    let t = Tmux::start(
        "remote-read",
        100,
        24,
        &in_shell(&server.url("/blog/post.md")),
        dir.path(),
    );
    t.wait_for("the post", |s| status_line(s).contains("A post far away"));
    t.keys(&["]"]);
    t.wait_for("the next heading", |s| status_line(s).contains("The end"));
    t.keys(&["F"]);
    t.wait_for("the link list", |s| s.contains("Links"));
    t.type_text("next one");
    t.keys(&["Enter"]);
    let there = t.wait_for("the next post at its section", |s| {
        status_line(s).contains("The next post") && status_line(s).contains("Second")
    });
    assert!(status_line(&there).contains("◂H"), "{there}");
    assert_eq!(server.hits("/blog/next.md").len(), 1);
    t.keys(&["H"]);
    t.wait_for("the post again", |s| {
        status_line(s).contains("A post far away")
    });
    t.keys(&["q"]);
    t.wait_for("the exit status", |s| s.contains("EXIT:0"));
}

#[test]
fn a_second_open_shows_the_cached_copy_at_once_while_the_server_is_asked() {
    if !tmux::available("a_second_open_shows_the_cached_copy_at_once") {
        return;
    }
    let asked = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let count = std::sync::Arc::clone(&asked);
    // The first answer is the post; after that the server never answers.
    let server = server::start(move |r| {
        if count.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 {
            blog(r)
        } else {
            Reply::Silent
        }
    });
    let dir = TempDir::new().unwrap();
    let url = server.url("/blog/post.md");
    let t = Tmux::start(
        "remote-cached",
        100,
        24,
        &format!("{0}; {0}", in_shell(&url)),
        dir.path(),
    );
    t.wait_for("the post", |s| status_line(s).contains("A post far away"));
    t.keys(&["q"]);
    // The second open: the cached copy while the request still waits.
    let screen = t.wait_for("the cached copy", |s| {
        status_line(s).contains("the cached copy from")
    });
    assert!(screen.contains("A post far away"), "{screen}");
    // The copy shows before the request is sent: poll for it, with a deadline.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while server.hits("/blog/post.md").len() < 2 && std::time::Instant::now() < deadline {
        std::thread::yield_now();
    }
    // At least the one revalidation (a slow machine may reach the read
    // timeout and ask again meanwhile).
    let hits = server.hits("/blog/post.md").len();
    assert!(hits >= 2, "the server was asked {hits} times");
    t.keys(&["]"]);
    t.wait_for("a jump in the cached copy", |s| {
        s.lines().next().is_some_and(|l| l.contains("The end"))
    });
    t.keys(&["q"]);
    t.wait_for("both exit statuses", |s| s.matches("EXIT:0").count() == 2);
}

#[test]
fn a_newer_copy_replaces_the_cached_one_it_was_shown_from() {
    if !tmux::available("a_newer_copy_replaces_the_cached_one") {
        return;
    }
    let asked = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let count = std::sync::Arc::clone(&asked);
    let server = server::start(move |r| {
        if count.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 {
            blog(r)
        } else {
            Reply::markdown("# A post rewritten\n\nNew words.\n")
        }
    });
    let dir = TempDir::new().unwrap();
    let url = server.url("/blog/post.md");
    let t = Tmux::start(
        "remote-newer",
        100,
        24,
        &format!("{0}; {0}", in_shell(&url)),
        dir.path(),
    );
    t.wait_for("the post", |s| status_line(s).contains("A post far away"));
    t.keys(&["q"]);
    let screen = t.wait_for("the newer copy", |s| {
        status_line(s).contains("a newer copy came from the server")
    });
    assert!(screen.contains("New words."), "{screen}");
    t.keys(&["q"]);
    t.wait_for("both exit statuses", |s| s.matches("EXIT:0").count() == 2);
}

#[test]
fn q_quits_while_a_slow_download_goes_on() {
    if !tmux::available("q_quits_while_a_slow_download_goes_on") {
        return;
    }
    let server = server::start(blog);
    let dir = TempDir::new().unwrap();
    let t = Tmux::start(
        "remote-slow",
        100,
        24,
        &in_shell(&server.url("/slow.md")),
        dir.path(),
    );
    // The progress shows while the body comes (a byte every 50 ms, 30 s in all).
    t.wait_for("the progress", |s| status_line(s).contains("KB of 977 KB"));
    t.keys(&["q"]);
    // Long before the download could end.
    t.wait_for("the exit status", |s| s.contains("EXIT:0"));
    assert_eq!(server.hits("/slow.md").len(), 1);
}

/// A shell command running quire with `args`, its state in `state` and the
/// config file `config` (no proxy, no token).
fn quire_with(state: &Path, config: &Path, args: &str) -> String {
    format!(
        "env -u http_proxy -u HTTP_PROXY -u GITHUB_TOKEN XDG_STATE_HOME={} QUIRE_CONFIG={} {BIN} {args}; echo EXIT:$?",
        state.display(),
        config.display()
    )
}

#[test]
fn a_repository_folder_is_a_library_whose_entries_open_by_address_and_come_back() {
    if !tmux::available("a_repository_folder_is_a_library") {
        return;
    }
    let (api, _raw) = super::forge::forge();
    let dir = TempDir::new().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!("[remote]\ngithub-api = \"{}\"\n", api.url("/api")),
    )
    .unwrap();
    let t = Tmux::start(
        "remote-folder",
        100,
        24,
        &quire_with(&dir.path().join("state"), &config, "gh:o/widget/docs"),
        dir.path(),
    );
    // The rows by name at once, then their titles as the files come.
    t.wait_for("the library filled", |s| {
        s.contains("gh:o/widget/docs") && s.contains("Questions asked") && s.contains("The guide")
    });
    t.keys(&["Enter"]);
    t.wait_for("the newest entry in the reader", |s| {
        status_line(s).contains("The reference")
    });
    // Its relative link leads on by address, and H comes back.
    t.keys(&["F"]);
    t.wait_for("the link list", |s| s.contains("Links"));
    t.type_text("guide");
    t.keys(&["Enter"]);
    t.wait_for("the guide", |s| status_line(s).contains("The guide"));
    t.keys(&["H"]);
    t.wait_for("the reference again", |s| {
        status_line(s).contains("The reference")
    });
    t.keys(&["q"]);
    t.wait_for("the library again", |s| {
        s.contains("gh:o/widget/docs") && s.contains("Questions asked")
    });
    t.keys(&["q"]);
    t.wait_for("the exit status", |s| s.contains("EXIT:0"));
}

#[test]
fn a_remote_article_reopens_where_it_was_left_and_no_state_writes_nothing() {
    if !tmux::available("a_remote_article_reopens_where_it_was_left") {
        return;
    }
    let server = server::start(blog);
    let dir = TempDir::new().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "").unwrap();
    let url = server.url("/blog/post.md");
    let state = dir.path().join("state");
    let t = Tmux::start(
        "remote-place",
        100,
        24,
        &format!("{0}; {0}", quire_with(&state, &config, &url)),
        dir.path(),
    );
    let top = |s: &str| s.lines().next().unwrap_or("").to_string();
    t.wait_for("the post", |s| status_line(s).contains("A post far away"));
    t.keys(&["]"]);
    t.wait_for("the jump", |s| top(s).contains("The end"));
    t.keys(&["q"]);
    // The second open lands on the section it was left at.
    t.wait_for("the place kept", |s| {
        status_line(s).contains("back at: The end")
    });
    t.keys(&["q"]);
    t.wait_for("both exit statuses", |s| s.matches("EXIT:0").count() == 2);

    let none = dir.path().join("none");
    let quiet = Tmux::start(
        "remote-no-state",
        100,
        24,
        &format!(
            "{0}; {0}",
            quire_with(&none, &config, &format!("--no-state {url}"))
        ),
        dir.path(),
    );
    quiet.wait_for("the post", |s| status_line(s).contains("A post far away"));
    quiet.keys(&["]"]);
    quiet.wait_for("the jump", |s| top(s).contains("The end"));
    quiet.keys(&["q"]);
    // The second open starts at the top: nothing was remembered.
    quiet.wait_for("the second open at the top", |s| {
        let status = status_line(s);
        status.contains("A post far away") && !status.contains("The end")
    });
    quiet.keys(&["q"]);
    quiet.wait_for("both exit statuses", |s| s.matches("EXIT:0").count() == 2);
    assert!(!none.exists(), "--no-state wrote {}", none.display());
}

#[test]
fn a_repository_folder_read_before_shows_at_once_while_the_forge_does_not_answer() {
    if !tmux::available("a_repository_folder_read_before_shows_at_once") {
        return;
    }
    let down = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (api, _raw) = super::forge::forge_then(std::sync::Arc::clone(&down), || Reply::Silent);
    let dir = TempDir::new().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!("[remote]\ngithub-api = \"{}\"\n", api.url("/api")),
    )
    .unwrap();
    let state = dir.path().join("state");
    let t = Tmux::start(
        "remote-folder-cached",
        100,
        24,
        &format!("{0}; {0}", quire_with(&state, &config, "gh:o/widget/docs")),
        dir.path(),
    );
    t.wait_for("the library filled", |s| {
        s.contains("Questions asked") && s.contains("The guide") && !s.contains("scanning")
    });
    // From now on neither server ever answers.
    down.store(true, std::sync::atomic::Ordering::SeqCst);
    t.keys(&["q"]);
    // The second open: the listing and every title from the cache at once,
    // the forge still being asked (the files' requests never end).
    let screen = t.wait_for("the cached library", |s| {
        s.contains("scanning")
            && s.contains("The reference")
            && s.contains("Questions asked")
            && s.contains("The guide")
    });
    assert!(screen.contains("gh:o/widget/docs"), "{screen}");
    // q leaves at once, the requests still waiting.
    t.keys(&["q"]);
    t.wait_for("both exit statuses", |s| s.matches("EXIT:0").count() == 2);
}

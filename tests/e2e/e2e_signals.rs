//! End-to-end: every way the reader can be ended or stopped from outside
//! (signals, a hung-up terminal, a panic, Ctrl-Z) gives the terminal back.
#![allow(clippy::unwrap_used)]

use crate::common;
use crate::common::tmux::{self, Tmux, exited};

use super::e2e_tmux::open;

#[test]
fn sigterm_restores_the_terminal() {
    if !tmux::available("sigterm_restores_the_terminal") {
        return;
    }
    let screen = signal_restores_the_terminal("TERM");
    assert!(screen.contains("EXIT:143"), "{screen}");
}

#[test]
fn sighup_restores_the_terminal() {
    if !tmux::available("sighup_restores_the_terminal") {
        return;
    }
    let screen = signal_restores_the_terminal("HUP");
    assert!(screen.contains("EXIT:129"), "{screen}");
}

#[test]
fn every_stop_signal_restores_the_terminal_and_exits_128_plus_n() {
    if !tmux::available("every_stop_signal_restores_the_terminal") {
        return;
    }
    for (signal, status) in [
        ("INT", 130),
        ("QUIT", 131),
        ("USR1", 138),
        ("USR2", 140),
        ("ALRM", 142),
        ("VTALRM", 154),
        ("PROF", 155),
        ("XCPU", 152),
        ("XFSZ", 153),
        ("PWR", 158),
        ("RTMIN", 162),
    ] {
        let screen = signal_restores_the_terminal(signal);
        assert!(
            screen.contains(&format!("EXIT:{status}")),
            "{signal}: {screen}"
        );
    }
}

#[test]
fn ctrl_z_and_sigtstp_give_the_terminal_back_and_fg_takes_it_again() {
    if !tmux::available("ctrl_z_and_sigtstp_give_the_terminal_back") {
        return;
    }
    for how in ["key", "signal"] {
        let t = open(&format!("suspend-{how}"), 80, 24, "lighthouse.md");
        t.wait_for("the title", |s| s.contains("Keeping a Lighthouse Logbook"));
        let pid = reader_pid(&t);
        if how == "key" {
            t.keys(&["C-z"]);
        } else {
            let status = std::process::Command::new("kill")
                .args(["-TSTP", &pid])
                .status()
                .unwrap();
            assert!(status.success());
        }
        // Stopped, with the shell's screen back and the prompt answering.
        t.wait_for("the shell again", |s| s.contains("Stopped"));
        assert_eq!(t.pane_format("#{alternate_on}"), "0", "{how}");
        assert_eq!(t.pane_format("#{cursor_flag}"), "1", "{how}");
        t.send_line("fg");
        t.wait_for("the reader again", |s| {
            s.contains("Keeping a Lighthouse Logbook") && !s.contains("Stopped")
        });
        assert_eq!(t.pane_format("#{alternate_on}"), "1", "{how}");
        // It still answers keys, and quits as usual (the shell has run the
        // `echo` after the stop already: the process's end tells).
        t.keys(&["q"]);
        let proc_dir = std::path::PathBuf::from(format!("/proc/{pid}"));
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while proc_dir.exists() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        assert!(!proc_dir.exists(), "{how}: q ended the reader");
        assert_terminal_restored(&t);
    }
}

#[test]
fn sigpipe_is_ignored_and_the_reader_goes_on() {
    if !tmux::available("sigpipe_is_ignored_and_the_reader_goes_on") {
        return;
    }
    let t = open("pipe", 80, 24, "lighthouse.md");
    t.wait_for("the title", |s| s.contains("Keeping a Lighthouse Logbook"));
    let pid = reader_pid(&t);
    let status = std::process::Command::new("kill")
        .args(["-PIPE", &pid])
        .status()
        .unwrap();
    assert!(status.success());
    // Still running and answering keys: the help opens, then q q quits.
    t.keys(&["?"]);
    t.wait_for("the help", |s| s.contains("next heading"));
    t.keys(&["?", "q"]);
    let screen = t.wait_for("the exit status", exited);
    assert!(screen.contains("EXIT:0"), "{screen}");
    assert_terminal_restored(&t);
}

/// The process id of the quire started by the pane's shell.
fn reader_pid(t: &Tmux) -> String {
    let shell = t.pane_format("#{pane_pid}");
    let out = std::process::Command::new("pgrep")
        .args(["-P", &shell, "quire"])
        .output()
        .unwrap();
    let pid = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(!pid.is_empty(), "the reader's process is found");
    pid
}

/// The alternate screen is gone and raw mode is off: a typed line echoes and runs.
pub(crate) fn assert_terminal_restored(t: &Tmux) {
    assert_eq!(t.pane_format("#{alternate_on}"), "0");
    t.send_line("echo still-cooked");
    t.wait_for("the echo", |s| s.matches("still-cooked").count() >= 2);
}

/// Sends `signal` to a running reader; returns the screen after it ended.
fn signal_restores_the_terminal(signal: &str) -> String {
    let t = open(&signal.to_lowercase(), 80, 24, "lighthouse.md");
    t.wait_for("the title", |s| s.contains("Keeping a Lighthouse Logbook"));
    let pid = reader_pid(&t);
    let status = std::process::Command::new("kill")
        .args([format!("-{signal}"), pid])
        .status()
        .unwrap();
    assert!(status.success());
    let screen = t.wait_for("the exit status", exited);
    assert!(screen.contains("PROMPT$"), "{screen}");
    assert_eq!(
        t.pane_format("#{mouse_any_flag}"),
        "0",
        "mouse tracking off"
    );
    assert_eq!(t.pane_format("#{cursor_flag}"), "1", "the cursor shows");
    assert_terminal_restored(&t);
    screen
}

#[test]
fn a_hung_up_terminal_ends_the_reader() {
    if !tmux::available("a_hung_up_terminal_ends_the_reader") {
        return;
    }
    let t = open("hangup", 80, 24, "lighthouse.md");
    t.wait_for("the title", |s| s.contains("Keeping a Lighthouse Logbook"));
    let pid = reader_pid(&t);
    // Closing the server closes the pane's terminal under the reader.
    drop(t);
    let proc_dir = std::path::PathBuf::from(format!("/proc/{pid}"));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while proc_dir.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let still_running = proc_dir.exists()
        && std::fs::read_to_string(proc_dir.join("stat")).is_ok_and(|stat| !stat.contains(") Z "));
    if still_running {
        // Leave no process behind spinning on a dead terminal.
        let _ = std::process::Command::new("kill")
            .args(["-9", &pid])
            .status();
    }
    assert!(
        !still_running,
        "the reader kept running after its terminal hung up"
    );
}

#[test]
fn a_panic_restores_the_terminal() {
    if !tmux::available("a_panic_restores_the_terminal") {
        return;
    }
    // A full `cargo test` builds the examples; a filtered run may not have.
    let exe = std::env::current_exe().unwrap();
    let profile = exe.parent().and_then(|deps| deps.parent()).unwrap();
    let mut build = std::process::Command::new(env!("CARGO"));
    build.args(["build", "--quiet", "--example", "panic_restores"]);
    if profile.ends_with("release") {
        build.arg("--release");
    }
    assert!(build.status().unwrap().success(), "the example builds");
    let example = profile.join("examples/panic_restores");
    assert!(example.exists(), "{}", example.display());
    let t = Tmux::start(
        "panic",
        80,
        24,
        &format!("{}; echo EXIT:$?", example.display()),
        &common::fixtures(),
    );
    let screen = t.wait_for("the exit status", exited);
    assert!(screen.contains("EXIT:101"), "{screen}");
    assert!(
        screen.contains("deliberate panic"),
        "the panic is reported:\n{screen}"
    );
    assert_terminal_restored(&t);
}

//! A tmux driver for end-to-end tests: a private server (`tmux -L`), one
//! window running a command, keys in, screen text out, polled with a deadline.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// How long a test waits for the screen to show something.
pub const DEADLINE: Duration = Duration::from_secs(20);

/// Whether tmux can be used. With `CI=true` a missing tmux fails the test;
/// elsewhere the test is skipped with a message.
pub fn available(test: &str) -> bool {
    let found = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if found {
        return true;
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{test}: tmux is required in CI (CI=true) but was not found on PATH");
    }
    eprintln!("skipping {test}: tmux is not installed");
    false
}

/// True once the shell has printed a command's exit status as `EXIT:N`
/// (not just echoed the command line that prints it, `EXIT:$?`). The
/// status may follow a prompt: a line typed ahead while `clear` runs is
/// echoed before the prompt, and the program then starts after it.
pub fn exited(screen: &str) -> bool {
    screen.lines().any(|l| {
        l.match_indices("EXIT:")
            .any(|(at, _)| l[at + 5..].starts_with(|c: char| c.is_ascii_digit()))
    })
}

/// A private tmux server with one session; killed on drop.
pub struct Tmux {
    socket: String,
    target: String,
    /// The server's socket file, removed on drop (tmux leaves it behind).
    socket_path: Option<std::path::PathBuf>,
    /// The shell's home, with `XDG_STATE_HOME` and `XDG_CONFIG_HOME` inside
    /// it: quire's own files go here, never to the real home.
    pub home: tempfile::TempDir,
}

impl Tmux {
    /// Starts `shell_command` in a new `width` x `height` session on a private
    /// socket named after `name` and this process.
    pub fn start(name: &str, width: u16, height: u16, shell_command: &str, dir: &Path) -> Tmux {
        let socket = format!("quire-test-{name}-{}", std::process::id());
        let home = tempfile::tempdir().expect("a temporary home");
        let home_env = |var: &str, sub: &str| format!("{var}={}", home.path().join(sub).display());
        let (state, config) = (
            home_env("XDG_STATE_HOME", "state"),
            home_env("XDG_CONFIG_HOME", "config"),
        );
        let home_var = home_env("HOME", "");
        let mut tmux = Tmux {
            socket,
            target: "main".to_string(),
            socket_path: None,
            home,
        };
        // A clean, predictable shell: no rc files, a fixed prompt.
        let out = tmux.run(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "main",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
            "-c",
            &dir.display().to_string(),
            "env",
            "-i",
            &format!("PATH={}", std::env::var("PATH").unwrap_or_default()),
            "TERM=xterm-256color",
            &home_var,
            &state,
            &config,
            "PS1=PROMPT$ ",
            "sh",
        ]);
        assert!(out.status.success(), "tmux new-session failed: {out:?}");
        let path = tmux.pane_format("#{socket_path}");
        tmux.socket_path = (!path.is_empty()).then(|| path.into());
        tmux.run(&["set-option", "-t", "main", "remain-on-exit", "on"]);
        tmux.run(&["set-option", "-g", "window-size", "manual"]);
        tmux.wait_for("the shell prompt", |s| s.contains("PROMPT$"));
        tmux.send_line(shell_command);
        tmux
    }

    /// Runs tmux with `args` on this server.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    /// Types `line` and Enter.
    pub fn send_line(&self, line: &str) {
        self.run(&["send-keys", "-t", &self.target, "-l", line]);
        self.run(&["send-keys", "-t", &self.target, "Enter"]);
    }

    /// Sends tmux key names (`"q"`, `"Escape"`, `"C-c"`, `"]"`).
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", &self.target];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    /// Types `text` literally.
    pub fn type_text(&self, text: &str) {
        self.run(&["send-keys", "-t", &self.target, "-l", text]);
    }

    /// The screen as plain text.
    pub fn capture(&self) -> String {
        let out = self.run(&["capture-pane", "-p", "-t", &self.target]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The screen with its colours and attributes as escape sequences.
    pub fn capture_escapes(&self) -> String {
        let out = self.run(&["capture-pane", "-p", "-e", "-t", &self.target]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits until `check` holds for the screen; panics with the last screen
    /// and `what` at the deadline.
    pub fn wait_for(&self, what: &str, check: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.capture();
            if check(&screen) {
                return screen;
            }
            if start.elapsed() > DEADLINE {
                panic!("timed out waiting for {what}; the screen was:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// Waits until `check` holds for the screen captured with escapes.
    pub fn wait_for_escapes(&self, what: &str, check: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.capture_escapes();
            if check(&screen) {
                return screen;
            }
            if start.elapsed() > DEADLINE {
                panic!("timed out waiting for {what}; the screen was:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// Resizes the window to `width` x `height`.
    pub fn resize(&self, width: u16, height: u16) {
        let out = self.run(&[
            "resize-window",
            "-t",
            &self.target,
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
        ]);
        assert!(out.status.success(), "resize-window failed: {out:?}");
    }

    /// A tmux format value of the pane, such as `#{pane_dead}` or `#{alternate_on}`.
    pub fn pane_format(&self, format: &str) -> String {
        let out = self.run(&["display-message", "-p", "-t", &self.target, format]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .arg("kill-server")
            .output();
        if let Some(path) = &self.socket_path {
            let _ = std::fs::remove_file(path);
        }
    }
}

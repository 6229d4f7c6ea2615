//! Keystroke latency of less and quire side by side, in one run: each
//! program runs in a pseudo-terminal with nothing in between (no terminal
//! emulator), on the same big article (a post repeated to ~5 MB), theme
//! fixed with `--theme dark`. The first screen is timed from the start to
//! the end of the burst that shows a word of it; a key from its write to the
//! end of the program's answer (output quiet for 3 ms). Bytes are counted
//! the same way. Keys are timed once the program is idle (no CPU time used
//! for half a second), after the work behind its first screen. Absolute
//! times are noisy on a shared machine: read the ratios of one run.
//!
//! `cargo build --release && cargo run --release --example key_latency --
//! [FILE] [--keys N] [--rounds R] [--size MB] [--quire PATH]`
//! (FILE defaults to the corpus's seed post when ../shared is there, else to
//! one of `articles/`). Needs `less` and util-linux `setsid` on PATH.

use std::fs::File;
use std::io::Write as _;
use std::os::fd::{AsFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use rustix::event::{PollFd, PollFlags, Timespec, poll};
use rustix::fs::{Mode, OFlags};
use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
use rustix::termios::{Winsize, tcsetwinsize};

/// The program's answer is over when it writes nothing for this long.
const QUIET: Duration = Duration::from_millis(3);
/// After the first screen, the program has settled when it uses no CPU
/// for this long.
const SETTLE: Duration = Duration::from_millis(500);
/// A key that gets no answer in this long counts as this long.
const NO_ANSWER: Duration = Duration::from_secs(2);
const COLUMNS: u16 = 80;
const ROWS: u16 = 24;
/// The keys timed, as written to the terminal, and their names.
const KEYS: [(&str, &[u8]); 5] = [
    ("j", b"j"),
    ("k", b"k"),
    ("Space", b" "),
    ("b", b"b"),
    ("]", b"]"),
];

fn main() -> anyhow::Result<()> {
    let opts = Options::parse()?;
    let dir = tempfile::tempdir()?;
    let (article, word) = big_article(&opts.source, opts.megabytes, dir.path())?;
    println!(
        "{} ({} bytes, {} repeated), {COLUMNS}x{ROWS}, {} presses per key, {} round(s); \
         first screen waits for {word:?}",
        article.display(),
        std::fs::metadata(&article)?.len(),
        opts.source.display(),
        opts.keys,
        opts.rounds
    );
    let mut less = Figures::default();
    let mut quire = Figures::default();
    for _ in 0..opts.rounds {
        let mut cmd = Command::new("less");
        cmd.arg(&article).env("LESS", "").env("LESSHISTFILE", "-");
        less.add(run(cmd, &word, opts.keys, false)?);
        let mut cmd = Command::new(&opts.quire);
        cmd.arg(&article)
            .args(["--theme", "dark"])
            .env("XDG_STATE_HOME", dir.path().join("state"))
            .env("XDG_CONFIG_HOME", dir.path().join("config"));
        quire.add(run(cmd, &word, opts.keys, true)?);
    }
    print_table(&less, &quire);
    Ok(())
}

/// The command line.
struct Options {
    source: PathBuf,
    keys: usize,
    rounds: usize,
    megabytes: usize,
    quire: PathBuf,
}

impl Options {
    fn parse() -> anyhow::Result<Self> {
        let seed = Path::new("../shared/corpus/posts/het-joshi-blog/2023-11-14-AI_and_FOSS.md");
        let mut out = Self {
            source: if seed.exists() {
                seed.to_path_buf()
            } else {
                PathBuf::from("articles/2023-03-14-terminal-tools-i-keep-coming-back-to.md")
            },
            keys: 100,
            rounds: 1,
            megabytes: 5,
            quire: PathBuf::from("target/release/quire"),
        };
        let mut args = std::env::args().skip(1);
        while let Some(arg) = args.next() {
            let mut value = || args.next().context("a value after ".to_string() + &arg);
            match arg.as_str() {
                "--keys" => out.keys = value()?.parse()?,
                "--rounds" => out.rounds = value()?.parse()?,
                "--size" => out.megabytes = value()?.parse()?,
                "--quire" => out.quire = PathBuf::from(value()?),
                _ if arg.starts_with("--") => bail!("unknown option {arg}"),
                _ => out.source = PathBuf::from(arg),
            }
        }
        if !out.quire.exists() {
            bail!("{} not built: cargo build --release", out.quire.display());
        }
        Ok(out)
    }
}

/// Writes `source` repeated to about `megabytes` MB (the front matter once)
/// and returns its path and a word the first screen shows.
fn big_article(source: &Path, megabytes: usize, dir: &Path) -> anyhow::Result<(PathBuf, String)> {
    let text = std::fs::read_to_string(source).with_context(|| source.display().to_string())?;
    let body_start = text
        .strip_prefix("---\n")
        .and_then(|rest| rest.find("\n---\n").map(|end| end + 4 + 5))
        .unwrap_or(0);
    let (front, body) = text.split_at(body_start);
    let word = body
        .split(|c: char| !c.is_alphabetic())
        .find(|w| w.len() >= 6)
        .context("no word of six letters in the body")?
        .to_string();
    let mut out = String::from(front);
    while out.len() < megabytes * 1_000_000 {
        out.push_str(body);
        out.push('\n');
    }
    let path = dir.join("big.md");
    std::fs::write(&path, out)?;
    Ok((path, word))
}

/// One program's run: the first screen and each key's answers.
#[derive(Default)]
struct Run {
    first_screen: Duration,
    first_bytes: usize,
    /// Per key (in `KEYS` order): each press's time and bytes.
    keys: Vec<Vec<(Duration, usize)>>,
}

/// Runs `cmd` in a pseudo-terminal and times its first screen and keys.
fn run(mut cmd: Command, word: &str, presses: usize, brackets: bool) -> anyhow::Result<Run> {
    let pty = Pty::open()?;
    let started = Instant::now();
    let mut child = pty.spawn(&mut cmd)?;
    let mut out = Run::default();
    let (first, bytes) = pty.first_screen(word.as_bytes(), started)?;
    out.first_screen = first;
    out.first_bytes = bytes;
    // The rest of the article is read and laid out behind the first screen:
    // keys are timed once that work is done (the program idle).
    pty.settle(child.id())?;
    for (name, key) in KEYS {
        let mut times = Vec::with_capacity(presses);
        // less has no `]`: it only rings the bell.
        if name != "]" || brackets {
            for _ in 0..presses {
                times.push(pty.press(key)?);
            }
        }
        out.keys.push(times);
    }
    pty.quit(&mut child)?;
    Ok(out)
}

/// A pseudo-terminal: the side the harness reads and writes.
struct Pty {
    master: File,
    slave: PathBuf,
}

impl Pty {
    fn open() -> anyhow::Result<Self> {
        let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY)?;
        grantpt(&master)?;
        unlockpt(&master)?;
        let name = ptsname(&master, Vec::new())?;
        tcsetwinsize(
            &master,
            Winsize {
                ws_row: ROWS,
                ws_col: COLUMNS,
                ws_xpixel: COLUMNS * 8,
                ws_ypixel: ROWS * 16,
            },
        )?;
        Ok(Self {
            master: File::from(master),
            slave: PathBuf::from(name.into_string()?),
        })
    }

    /// Starts `cmd` in a session of its own whose controlling terminal is
    /// this one (less reads keys from /dev/tty).
    fn spawn(&self, cmd: &mut Command) -> anyhow::Result<Child> {
        let slave: OwnedFd =
            rustix::fs::open(&self.slave, OFlags::RDWR | OFlags::NOCTTY, Mode::empty())?;
        let slave = File::from(slave);
        let program = cmd.get_program().to_owned();
        let mut wrapped = Command::new("setsid");
        wrapped.arg("-c").arg(program).args(cmd.get_args());
        for (k, v) in cmd.get_envs() {
            match v {
                Some(v) => wrapped.env(k, v),
                None => wrapped.env_remove(k),
            };
        }
        wrapped
            .env("TERM", "xterm-256color")
            .env_remove("COLUMNS")
            .env_remove("LINES")
            .stdin(Stdio::from(slave.try_clone()?))
            .stdout(Stdio::from(slave.try_clone()?))
            .stderr(Stdio::from(slave));
        Ok(wrapped.spawn()?)
    }

    /// Reads until `word` has shown and the output is quiet; returns the
    /// time from `started` to the last byte, and the bytes.
    fn first_screen(&self, word: &[u8], started: Instant) -> anyhow::Result<(Duration, usize)> {
        let mut seen = Vec::new();
        let mut last = started;
        let deadline = started + Duration::from_secs(20);
        loop {
            let found = memchr::memmem::find(&seen, word).is_some();
            let wait = if found {
                QUIET
            } else {
                Duration::from_millis(100)
            };
            match self.read(wait)? {
                Some(bytes) => {
                    seen.extend_from_slice(&bytes);
                    last = Instant::now();
                }
                None if found => return Ok((last - started, seen.len())),
                None if Instant::now() > deadline => {
                    bail!(
                        "the first screen never showed {:?}",
                        String::from_utf8_lossy(word)
                    )
                }
                None => {}
            }
        }
    }

    /// Reads (and drops) what the program writes until it is idle: it
    /// used at most one clock tick of CPU time over [`SETTLE`].
    fn settle(&self, pid: u32) -> anyhow::Result<()> {
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            let before = cpu_ticks(pid);
            let until = Instant::now() + SETTLE;
            while Instant::now() < until {
                self.read(Duration::from_millis(10))?;
            }
            let after = cpu_ticks(pid);
            if after.saturating_sub(before) <= 1 || Instant::now() > deadline {
                return Ok(());
            }
        }
    }

    /// Writes `key` and reads the answer: the time to its last byte, and its
    /// size.
    fn press(&self, key: &[u8]) -> anyhow::Result<(Duration, usize)> {
        // Whatever came late from the key before is not this key's answer.
        while self.read(Duration::ZERO)?.is_some() {}
        let mut master = &self.master;
        let sent = Instant::now();
        master.write_all(key)?;
        let mut bytes = 0;
        let mut last = None;
        loop {
            let wait = if last.is_some() { QUIET } else { NO_ANSWER };
            match self.read(wait)? {
                Some(chunk) => {
                    bytes += chunk.len();
                    last = Some(Instant::now());
                }
                None => return Ok((last.map_or(NO_ANSWER, |at| at - sent), bytes)),
            }
        }
    }

    /// One read, or None when nothing comes within `wait`.
    fn read(&self, wait: Duration) -> anyhow::Result<Option<Vec<u8>>> {
        let timeout = Timespec {
            tv_sec: wait.as_secs() as _,
            tv_nsec: wait.subsec_nanos() as _,
        };
        let mut fds = [PollFd::new(&self.master, PollFlags::IN)];
        if poll(&mut fds, Some(&timeout))? == 0 {
            return Ok(None);
        }
        if fds[0].revents().contains(PollFlags::HUP) && !fds[0].revents().contains(PollFlags::IN) {
            bail!("the program closed the terminal");
        }
        let mut buf = vec![0u8; 1 << 16];
        let n = rustix::io::read(self.master.as_fd(), &mut buf)?;
        buf.truncate(n);
        Ok(Some(buf))
    }

    /// Quits with `q` and waits; ends the program if it stays.
    fn quit(&self, child: &mut Child) -> anyhow::Result<()> {
        let mut master = &self.master;
        master.write_all(b"q")?;
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline {
            let _ = self.read(Duration::from_millis(10));
            if child.try_wait()?.is_some() {
                return Ok(());
            }
        }
        child.kill()?;
        child.wait()?;
        Ok(())
    }
}

/// The CPU time `pid` has used (user and system, in clock ticks), from
/// /proc; 0 where there is none.
fn cpu_ticks(pid: u32) -> u64 {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return 0;
    };
    // Fields after the command name (which may hold spaces) in parentheses.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let field = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    // utime and stime are the 14th and 15th fields: 12th and 13th after ')'.
    field(11) + field(12)
}

/// Every round's runs of one program.
#[derive(Default)]
struct Figures {
    first: Vec<Duration>,
    first_bytes: Vec<usize>,
    keys: Vec<Vec<(Duration, usize)>>,
}

impl Figures {
    fn add(&mut self, run: Run) {
        self.first.push(run.first_screen);
        self.first_bytes.push(run.first_bytes);
        self.keys.resize(run.keys.len(), Vec::new());
        for (all, one) in self.keys.iter_mut().zip(run.keys) {
            all.extend(one);
        }
    }
}

/// The value at fraction `q` of the sorted values (the median at 0.5).
fn quantile<T: Copy + Ord>(values: &[T], q: f64) -> Option<T> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let at = ((sorted.len() as f64 * q).ceil() as usize).clamp(1, sorted.len().max(1)) - 1;
    sorted.get(at).copied()
}

fn ms(d: Option<Duration>) -> String {
    d.map_or("–".into(), |d| format!("{:.2}", d.as_secs_f64() * 1000.0))
}

fn ratio(a: Option<Duration>, b: Option<Duration>) -> String {
    match (a, b) {
        (Some(a), Some(b)) if !a.is_zero() => format!("{:.2}x", b.as_secs_f64() / a.as_secs_f64()),
        _ => "–".into(),
    }
}

fn print_table(less: &Figures, quire: &Figures) {
    println!("| figure | less | quire | quire / less |");
    println!("|---|---|---|---|");
    let (l, q) = (quantile(&less.first, 0.5), quantile(&quire.first, 0.5));
    println!(
        "| first screen, ms | {} | {} | {} |",
        ms(l),
        ms(q),
        ratio(l, q)
    );
    println!(
        "| first screen, bytes | {} | {} | |",
        quantile(&less.first_bytes, 0.5).unwrap_or(0),
        quantile(&quire.first_bytes, 0.5).unwrap_or(0)
    );
    for (i, (name, _)) in KEYS.iter().enumerate() {
        let times = |f: &Figures| -> Vec<Duration> {
            f.keys
                .get(i)
                .map_or(Vec::new(), |k| k.iter().map(|p| p.0).collect())
        };
        let bytes = |f: &Figures| -> Option<usize> {
            let b: Vec<usize> = f.keys.get(i)?.iter().map(|p| p.1).collect();
            quantile(&b, 0.5)
        };
        let (lt, qt) = (times(less), times(quire));
        for (label, q) in [("median", 0.5), ("p99", 0.99)] {
            let (a, b) = (quantile(&lt, q), quantile(&qt, q));
            println!(
                "| `{name}` {label}, ms | {} | {} | {} |",
                ms(a),
                ms(b),
                ratio(a, b)
            );
        }
        let show = |b: Option<usize>| b.map_or("–".into(), |b| b.to_string());
        println!(
            "| `{name}` bytes (median) | {} | {} | |",
            show(bytes(less)),
            show(bytes(quire))
        );
    }
}

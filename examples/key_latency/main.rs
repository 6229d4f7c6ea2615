//! Keystroke latency of less and quire side by side, in one run: each
//! program runs in a pseudo-terminal with nothing in between (no terminal
//! emulator), theme fixed with `--theme dark`. The screens timed: the
//! reader on a big article (a post repeated to ~5 MB), the library (a
//! generated one), the library search (typing a query, then moving over the
//! results) and the reader's link list; less runs on the same article beside
//! each, with its comparable keys (j and k, typing into its `/` prompt). The
//! first screen is timed from the start to the end of the burst that shows a
//! word of it; a key from its write to the end of the program's answer
//! (output quiet for 3 ms). Bytes are counted the same way, and the CPU time
//! the program's main thread used for the key (load does not stretch it,
//! nanoseconds from /proc/PID/task/PID/schedstat). less's first screen
//! of the article shows its front matter, fewer characters than quire's
//! first screen shows: the harness also writes the text of quire's first
//! screen to a file and counts what less writes to show it, the bytes of
//! the same characters.
//!
//! What is compared, key by key: less's j and k move the article's text by
//! one line (one line written). quire's j and k in the library move the
//! selection (two list rows) and change the preview panel; when the
//! selected article's preview is not cached (every j reaches a new one) its
//! summary and outline come from a job, in a second frame: the harness
//! waits for it and shows the key's own frame and the time until the
//! preview shows on rows of their own, so a preview that comes late is
//! neither counted in the key's time nor in the next key's. In the search
//! results j and k move the selection (four rows); in the link list Ctrl-n
//! and Ctrl-p move its selection (two rows) over the reader. Keys are timed
//! once the program is idle (no CPU time used for half a second), after the
//! work behind its first screen. Absolute times are noisy on a shared
//! machine: read the ratios of one run.
//!
//! `cargo build --release --examples --bins && target/release/examples/key_latency
//! [FILE] [--keys N] [--rounds R] [--size MB] [--library N] [--only a,b]
//! [--theme NAME] [--quire PATH] [--before PATH]` (FILE defaults to the corpus's seed post when
//! ../shared is there, else to one of `articles/`; `--only` picks screens
//! by the start of their names: article, library, search, link; `--before`
//! runs a second quire, an earlier build, in the same rounds, right after
//! the first, and prints its rows beside less's as well).
//! Needs `less` and util-linux `setsid` on PATH.

mod figures;
#[path = "../../benches/common/generate.rs"]
mod generate;
mod pty;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use figures::{Figures, Run};
use pty::{COLUMNS, Pty, QUIET, ROWS};

/// Typing a query and taking it back: a letter or a Backspace a press.
const TYPING: &[&[u8]] = &[
    b"l", b"a", b"n", b"t", b"e", b"r", b"n", b"\x7f", b"\x7f", b"\x7f", b"\x7f", b"\x7f", b"\x7f",
    b"\x7f",
];
/// Ten lines down, ten up.
const UP_DOWN: &[&[u8]] = &[
    b"j", b"j", b"j", b"j", b"j", b"j", b"j", b"j", b"j", b"j", b"k", b"k", b"k", b"k", b"k", b"k",
    b"k", b"k", b"k", b"k",
];
/// How long quire's search may take to show its results after a letter
/// (its debounce and the query).
const RESULTS: Duration = Duration::from_millis(300);
/// How long a library move may take to show the selected article's
/// preview: it is read by a job, whose end wakes the event loop.
const PREVIEW: Duration = Duration::from_millis(60);

/// A timed key: its presses in quire and in less (each list used in turn).
struct Key {
    name: &'static str,
    quire: &'static [&'static [u8]],
    /// Empty: less has no such key.
    less: &'static [&'static [u8]],
    /// How long the output must stay quiet after a press (the answer may
    /// come in two parts: the key's own frame, then what a job brings
    /// later, such as a search's results or a preview).
    then: Duration,
    /// What comes later, in words ("its results"), when `then` waits for it.
    later: &'static str,
}

const fn key(
    name: &'static str,
    quire: &'static [&'static [u8]],
    less: &'static [&'static [u8]],
) -> Key {
    Key {
        name,
        quire,
        less,
        then: QUIET,
        later: "",
    }
}

/// A key whose answer may come in two parts: its own frame, then the
/// selected article's preview from a job (timed apart, and both shown).
const fn previewed(
    name: &'static str,
    quire: &'static [&'static [u8]],
    less: &'static [&'static [u8]],
) -> Key {
    Key {
        name,
        quire,
        less,
        then: PREVIEW,
        later: "its preview shows",
    }
}

/// What quire opens for a screen.
#[derive(Clone, Copy, PartialEq)]
enum Opens {
    Article,
    Library,
}

/// A screen timed: what quire opens, the keys that bring the screen up
/// (each followed by the program settling) and the keys timed there.
struct Screen {
    name: &'static str,
    opens: Opens,
    quire_setup: &'static [&'static [u8]],
    less_setup: &'static [&'static [u8]],
    keys: &'static [Key],
    /// A press count of its own (typing waits for each result).
    presses: Option<usize>,
}

const SCREENS: &[Screen] = &[
    Screen {
        name: "article",
        opens: Opens::Article,
        quire_setup: &[],
        less_setup: &[],
        keys: &[
            key("j", &[b"j"], &[b"j"]),
            key("k", &[b"k"], &[b"k"]),
            key("Space", &[b" "], &[b" "]),
            key("b", &[b"b"], &[b"b"]),
            // less has no `]`: it only rings the bell.
            key("]", &[b"]"], &[]),
        ],
        presses: None,
    },
    Screen {
        name: "library",
        opens: Opens::Library,
        quire_setup: &[],
        less_setup: &[],
        // A move in the library draws the selection and the preview
        // panel's facts at once; the preview's summary and outline come
        // from a job when they are not cached (each j reaches a new one).
        keys: &[
            previewed("j", &[b"j"], &[b"j"]),
            previewed("k", &[b"k"], &[b"k"]),
        ],
        presses: None,
    },
    Screen {
        name: "search typing",
        opens: Opens::Library,
        quire_setup: &[b"F"],
        less_setup: &[b"/"],
        keys: &[Key {
            name: "a letter or Backspace / the same at less's `/` prompt",
            quire: TYPING,
            less: TYPING,
            then: RESULTS,
            later: "its results show",
        }],
        presses: Some(28),
    },
    Screen {
        name: "search results",
        opens: Opens::Library,
        quire_setup: &[b"F", b"lantern", b"\t"],
        less_setup: &[],
        // Ten down and ten up in turn: the results are fewer than the presses.
        keys: &[key("j, k (ten each in turn) / the same", UP_DOWN, UP_DOWN)],
        presses: None,
    },
    Screen {
        name: "link list",
        opens: Opens::Article,
        quire_setup: &[b"F"],
        less_setup: &[],
        keys: &[
            key("Ctrl-n / j", &[b"\x0e"], &[b"j"]),
            key("Ctrl-p / k", &[b"\x10"], &[b"k"]),
        ],
        presses: None,
    },
];

fn main() -> anyhow::Result<()> {
    let opts = Options::parse()?;
    let dir = tempfile::tempdir()?;
    let (article, word) = big_article(&opts.source, opts.megabytes, dir.path())?;
    let library = dir.path().join("library");
    let screens: Vec<&Screen> = SCREENS
        .iter()
        .filter(|s| {
            opts.only.is_empty() || opts.only.iter().any(|o| s.name.starts_with(o.as_str()))
        })
        .collect();
    if screens.iter().any(|s| s.opens == Opens::Library) {
        generate::generate(&library, opts.library);
    }
    println!(
        "{} ({} bytes, {} repeated), a library of {} generated articles, {COLUMNS}x{ROWS}, \
         {} presses per key, {} round(s); the article's first screen waits for {word:?}",
        article.display(),
        std::fs::metadata(&article)?.len(),
        opts.source.display(),
        opts.library,
        opts.keys,
        opts.rounds
    );
    let mut figures: Vec<(Figures, Figures, Figures)> =
        screens.iter().map(|_| Default::default()).collect();
    for _ in 0..opts.rounds {
        for (screen, (less, quire, before)) in screens.iter().zip(figures.iter_mut()) {
            let presses = screen.presses.unwrap_or(opts.keys).min(opts.keys.max(1));
            let mut cmd = Command::new("less");
            cmd.arg(&article).env("LESS", "").env("LESSHISTFILE", "-");
            let words = [word.clone()];
            less.add(run(cmd, &words, screen, presses, false)?);
            let (opened, words) = match screen.opens {
                Opens::Article => (&article, words.to_vec()),
                Opens::Library => (
                    &library,
                    generate::WORDS.iter().map(|w| w.to_string()).collect(),
                ),
            };
            // Each build has a store of its own, so that both start alike
            // (the first library start of each reads every file).
            let mut builds = vec![(&opts.quire, quire, "state")];
            if let Some(b) = &opts.before {
                builds.push((b, before, "state-before"));
            }
            for (program, figures, state) in builds {
                let mut cmd = Command::new(program);
                cmd.arg(opened)
                    .args(["--theme", &opts.theme])
                    .env("XDG_STATE_HOME", dir.path().join(state))
                    .env("XDG_CONFIG_HOME", dir.path().join("config"));
                figures.add(run(cmd, &words, screen, presses, true)?);
            }
        }
    }
    // The first screens' bytes beside less's on the same characters: less's
    // own first screen shows the file's front matter, fewer characters.
    for (i, (_, quire, before)) in figures.iter_mut().enumerate() {
        for f in [quire, before] {
            if !f.first_output.is_empty() {
                f.same_text = Some(less_on_text(
                    &f.first_output,
                    &dir.path().join(format!("screen{i}.txt")),
                )?);
            }
        }
    }
    figures::print_head();
    for (screen, (less, quire, before)) in screens.iter().zip(&figures) {
        let keys: Vec<(String, &str)> = screen
            .keys
            .iter()
            .map(|k| (k.name.to_string(), k.later))
            .collect();
        figures::print_screen(screen.name, &keys, less, quire);
        if opts.before.is_some() {
            figures::print_screen(&format!("{} (before)", screen.name), &keys, less, before);
        }
    }
    Ok(())
}

/// The command line.
struct Options {
    source: PathBuf,
    keys: usize,
    rounds: usize,
    megabytes: usize,
    library: usize,
    only: Vec<String>,
    /// quire's `--theme` (`auto` reads the remembered background answer
    /// from the store before the first frame).
    theme: String,
    quire: PathBuf,
    /// An earlier build run beside it.
    before: Option<PathBuf>,
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
            library: 2000,
            only: Vec::new(),
            theme: "dark".to_string(),
            quire: PathBuf::from("target/release/quire"),
            before: None,
        };
        let mut args = std::env::args().skip(1);
        while let Some(arg) = args.next() {
            let mut value = || args.next().context("a value after ".to_string() + &arg);
            match arg.as_str() {
                "--help" | "-h" => {
                    println!(
                        "key_latency [FILE] [--keys N] [--rounds R] [--size MB] [--library N] \
                         [--only article,library,search,link] [--theme NAME] [--quire PATH] \
                         [--before PATH]"
                    );
                    std::process::exit(0);
                }
                "--keys" => out.keys = value()?.parse()?,
                "--rounds" => out.rounds = value()?.parse()?,
                "--size" => out.megabytes = value()?.parse()?,
                "--library" => out.library = value()?.parse()?,
                "--only" => out.only = value()?.split(',').map(str::to_string).collect(),
                "--quire" => out.quire = PathBuf::from(value()?),
                "--theme" => out.theme = value()?,
                "--before" => out.before = Some(PathBuf::from(value()?)),
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

/// Bytes less writes for its first screen of the text `output` shows on
/// a terminal of the harness's size (written to `file`).
fn less_on_text(output: &[u8], file: &Path) -> anyhow::Result<usize> {
    let size = |n| std::num::NonZeroU16::new(n).context("an empty terminal");
    let mut parser = vt100::Parser::new(size(ROWS)?, size(COLUMNS)?, 0);
    parser.process(output);
    let text = parser.screen().contents();
    std::fs::write(file, &text)?;
    let word = text
        .split(|c: char| !c.is_alphabetic())
        .find(|w| w.len() >= 4)
        .context("no word on the first screen")?
        .to_string();
    let pty = Pty::open()?;
    let started = Instant::now();
    let mut cmd = Command::new("less");
    cmd.arg(file).env("LESS", "").env("LESSHISTFILE", "-");
    let mut child = pty.spawn(&mut cmd)?;
    let (_, bytes) = pty.first_screen(&[word], started)?;
    pty.quit(&mut child, &[b"q"])?;
    Ok(bytes.len())
}

/// Runs `cmd` in a pseudo-terminal: times its first screen, brings up
/// `screen` and times its keys, `presses` each (`quire`: the program is
/// quire, else less).
fn run(
    mut cmd: Command,
    words: &[String],
    screen: &Screen,
    presses: usize,
    quire: bool,
) -> anyhow::Result<Run> {
    let pty = Pty::open()?;
    let started = Instant::now();
    let mut child = pty.spawn(&mut cmd)?;
    let mut out = Run::default();
    let (first, output) = pty.first_screen(words, started)?;
    out.first_screen = first;
    out.first_output = output;
    // The rest of the article is read and laid out behind the first screen:
    // keys are timed once that work is done (the program idle).
    pty.settle(child.id())?;
    let setup = if quire {
        screen.quire_setup
    } else {
        screen.less_setup
    };
    for keys in setup {
        pty.send(keys)?;
        pty.settle(child.id())?;
    }
    for key in screen.keys {
        let sequence = if quire { key.quire } else { key.less };
        let mut times = Vec::with_capacity(presses);
        if !sequence.is_empty() {
            for i in 0..presses {
                times.push(pty.press(sequence[i % sequence.len()], key.then, child.id())?);
            }
        }
        out.keys.push(times);
    }
    // Out of the overlay or prompt first, then out of the program.
    pty.quit(&mut child, &[b"\x1b", b"q", b"\x1b", b"q", b"q"])?;
    Ok(out)
}

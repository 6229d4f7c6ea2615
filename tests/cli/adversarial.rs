//! Hostile articles from a fixed-seed generator, checked against every
//! promise quire makes: no panic, no line wider than asked, no control
//! character out, valid JSON from every `--json` command, outline lines
//! inside the file. Shapes: deep nesting of every container, tables of
//! extreme shapes, heading floods, alias-heavy and deeply nested front
//! matter, mixed scripts, controls, bidi and soft hyphens. Sizes stay at a few KB so the debug build
//! finishes in seconds.

#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use quire::article::Article;
use quire::layout::{self, LayoutOptions};
use quire::sanitize::is_unsafe;
use unicode_width::UnicodeWidthStr;

/// The seed; change it to explore, keep it fixed in the repo.
pub(super) const SEED: u64 = 0x5eed_0014_ad5e_0001;

/// How many articles of each shape.
const PER_SHAPE: usize = 4;

/// Widths every article is laid out at.
const WIDTHS: [u16; 5] = [1, 2, 7, 20, 80];

/// A small xorshift generator: the same seed, the same articles.
pub(super) struct Rng(pub(super) u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..n`.
    pub(super) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub(super) fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Words of many scripts and hostile characters.
pub(super) const WORDS: &[&str] = &[
    "plain",
    "word",
    "supercalifragilisticexpialidocious",
    "日本語のテキスト",
    "한국어",
    "مرحبا",
    "שלום",
    "Ελληνικά",
    "e\u{301}\u{302}\u{303}",
    "👨\u{200d}👩\u{200d}👧",
    "🇫🇷",
    "1\u{fe0f}\u{20e3}",
    "x\u{ad}y\u{ad}z",
    "\u{1b}[2J",
    "\u{1b}]8;;javascript:alert(1)\u{7}",
    "\u{9b}31m",
    "\u{7f}",
    "\u{202e}evil\u{202c}",
    "\u{2066}iso\u{2069}",
    "\u{200f}\u{61c}",
    "line\u{2028}sep",
    "tab\there",
    "`code`",
    "*em*",
    "**strong**",
    "[link](javascript:x)",
    "[ok](https://example.org/\u{1b})",
    "<b>html</b>",
    "&amp;&#0;&#x9b;",
    "[^n]",
    "\\",
];

/// A line of `n` random words.
fn words(rng: &mut Rng, n: usize) -> String {
    (0..n)
        .map(|_| rng.pick(WORDS))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Containers nested `depth` deep in random order, text inside each.
fn nesting(rng: &mut Rng) -> String {
    let prefixes = ["> ", "- ", "1. ", "* ", "  ", "+ ", "10) ", "- [ ] "];
    let depth = 20 + rng.below(80);
    let mut prefix = String::new();
    let mut out = String::new();
    for _ in 0..depth {
        prefix.push_str(rng.pick(&prefixes));
        out.push_str(&prefix);
        out.push_str(&words(rng, 3));
        out.push('\n');
        if rng.below(6) == 0 {
            out.push_str(&format!(
                "{prefix}```\n{prefix}{}\n{prefix}```\n",
                words(rng, 2)
            ));
        }
    }
    out
}

/// Tables: very wide, very long, ragged, or one huge cell.
fn table(rng: &mut Rng) -> String {
    let (cols, rows) = match rng.below(4) {
        0 => (60 + rng.below(60), 2),
        1 => (1, 200 + rng.below(200)),
        2 => (8, 30),
        _ => (3, 3),
    };
    let mut out = String::new();
    let row = |rng: &mut Rng, n: usize| {
        let cells: Vec<String> = (0..n)
            .map(|_| {
                let count = 1 + rng.below(2);
                words(rng, count)
            })
            .collect();
        format!("| {} |\n", cells.join(" | "))
    };
    out.push_str(&row(rng, cols));
    out.push_str(&format!("|{}\n", "---|".repeat(cols)));
    for _ in 0..rows {
        let n = if rng.below(3) == 0 {
            1 + rng.below(cols * 2)
        } else {
            cols
        };
        out.push_str(&row(rng, n));
    }
    if rng.below(2) == 0 {
        out.push_str(&format!("| {} |\n", "w".repeat(3000)));
    }
    out
}

/// Hundreds of headings, ATX and setext, of every level.
fn heading_flood(rng: &mut Rng) -> String {
    let mut out = String::new();
    for _ in 0..300 + rng.below(300) {
        match rng.below(4) {
            0 => out.push_str("# h\n"),
            1 => out.push_str(&format!(
                "{} {}\n",
                "#".repeat(1 + rng.below(7)),
                words(rng, 2)
            )),
            2 => out.push_str(&format!("{}\n===\n", words(rng, 1))),
            _ => out.push_str("#\n"),
        }
    }
    out
}

/// Front matter with anchors and aliases (some wide enough to be a bomb),
/// flow collections nested (sometimes past the bound), hostile tags, titles
/// and dates, then a body.
fn alias_front_matter(rng: &mut Rng) -> String {
    let width = [3, 30, 120, 300][rng.below(4)];
    let row = |item: &str| vec![item; width].join(",");
    let depth = [2, 50, 150, 5000][rng.below(4)];
    let open = rng.pick(&["[", "{a: ", "[{a: "]);
    format!(
        "---\ntitle: \"{}\"\ntags: [\"a\\x9b\", \"\\u202eb\", c]\ndate: {}\nx: &x [{}]\ny: &y [{}]\nz: [{}]\nn: {}\n---\n# {}\n\n{}\n",
        rng.pick(&[
            "T\\x1b[2J",
            "\\u2066iso",
            "plain",
            "\\x85nel",
            "\\u200fmark\\u2028sep"
        ]),
        rng.pick(&[
            "2023-02-31",
            "2024-02-29",
            "soon",
            "2020-1-2",
            "2023-02-28T25:00:00"
        ]),
        row("v"),
        row("*x"),
        row("*y"),
        open.repeat(depth),
        words(rng, 3),
        words(rng, 40)
    )
}

/// Paragraphs of mixed scripts, controls, bidi and soft hyphens, with
/// footnotes, rules, code and HTML between them.
fn mixed(rng: &mut Rng) -> String {
    let mut out = String::new();
    for _ in 0..20 {
        match rng.below(6) {
            0 => out.push_str(&format!("[^{}]: {}\n\n", rng.below(5), words(rng, 8))),
            1 => out.push_str("***\n\n"),
            2 => out.push_str(&format!("```rust\n{}\n```\n\n", words(rng, 6))),
            3 => out.push_str(&format!("<div>\n{}\n</div>\n\n", words(rng, 5))),
            _ => {
                let count = 10 + rng.below(30);
                out.push_str(&format!("{}\n\n", words(rng, count)));
            }
        }
    }
    out
}

/// A generator of one shape of article.
type Shape = fn(&mut Rng) -> String;

/// Every generated article, named by shape.
pub(super) fn articles() -> Vec<(String, String)> {
    let mut rng = Rng(SEED);
    let shapes: [(&str, Shape); 5] = [
        ("nesting", nesting),
        ("table", table),
        ("headings", heading_flood),
        ("aliases", alias_front_matter),
        ("mixed", mixed),
    ];
    let mut out = Vec::new();
    for (name, make) in shapes {
        for i in 0..PER_SHAPE {
            let text = make(&mut rng);
            assert!(text.len() < 64 * 1024, "{name} {i} is {} bytes", text.len());
            out.push((format!("2020-01-0{}-{name}-{i}.md", i + 1), text));
        }
    }
    out
}

pub(super) fn quire(xdg: &Path) -> Command {
    let mut cmd = Command::cargo_bin("quire").unwrap();
    cmd.env_remove("NO_COLOR")
        .env("XDG_STATE_HOME", xdg.join("state"))
        .env("XDG_CONFIG_HOME", xdg.join("config"))
        // A guard against a hang, not a timing assertion.
        .timeout(std::time::Duration::from_secs(120));
    cmd
}

/// Runs quire; checks it exited 0 without a panic and kept its output free
/// of control characters other than the newline. Returns stdout.
fn run(xdg: &Path, args: &[&std::ffi::OsStr]) -> String {
    let out = quire(xdg).args(args).output().unwrap();
    let stdout = String::from_utf8(out.stdout).expect("stdout is UTF-8");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
    assert!(
        !stderr.chars().any(|c| c != '\n' && is_unsafe(c)),
        "{args:?} stderr: {stderr:?}"
    );
    stdout
}

pub(super) fn no_control(text: &str) -> bool {
    !text
        .chars()
        .any(|c| c != '\n' && (is_unsafe(c) || c == '\t' || c == '\r'))
}

#[test]
fn layout_keeps_width_and_outline_lines_for_every_hostile_article() {
    for (name, text) in articles() {
        let article = Article::from_bytes(Path::new(&name), text.as_bytes());
        let file_lines = text.lines().count().max(1);
        for heading in &article.outline {
            assert!((1..=6).contains(&heading.level()), "{name}");
            assert!(
                (article.body_line..=file_lines).contains(&heading.line()),
                "{name}: heading at line {} of {file_lines}",
                heading.line()
            );
        }
        for width in WIDTHS {
            let doc = layout::layout(&article, width, LayoutOptions::PLAIN);
            assert!(!doc.is_empty(), "{name} at {width}: nothing laid out");
            for line in doc.lines(0, doc.len()) {
                let shown = line.text();
                assert!(
                    shown.width() <= usize::from(width),
                    "{name} at {width}: {shown:?} is {} wide",
                    shown.width()
                );
                assert!(no_control(&shown), "{name} at {width}: {shown:?}");
            }
            for &line in &doc.headings {
                assert!(
                    line <= doc.len(),
                    "{name} at {width}: heading line {line} of {}",
                    doc.len()
                );
            }
        }
    }
}

#[test]
fn every_command_keeps_its_promises_on_hostile_articles() {
    let dir = tempfile::tempdir().unwrap();
    let xdg = tempfile::tempdir().unwrap();
    let xdg = xdg.path();
    for (name, text) in articles() {
        let file = dir.path().join(&name);
        fs::write(&file, &text).unwrap();
        let file = file.as_os_str();
        let file_lines = text.lines().count();

        let json = run(xdg, &["outline".as_ref(), "--json".as_ref(), file]);
        assert!(no_control(&json), "{name}: {json:?}");
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        for heading in value["headings"].as_array().unwrap() {
            let line = heading["line"].as_u64().unwrap() as usize;
            assert!((1..=file_lines).contains(&line), "{name}: line {line}");
        }
        let plain = run(xdg, &["outline".as_ref(), file]);
        assert!(no_control(&plain), "{name}: {plain:?}");

        let width = 20;
        let rendered = run(
            xdg,
            &[
                "render".as_ref(),
                "--color".as_ref(),
                "never".as_ref(),
                "--width".as_ref(),
                width.to_string().as_ref(),
                file,
            ],
        );
        assert!(no_control(&rendered), "{name}: {rendered:?}");
        for line in rendered.lines() {
            assert!(
                line.width() <= width,
                "{name}: {line:?} is {} wide",
                line.width()
            );
        }
        let coloured = run(
            xdg,
            &[
                "render".as_ref(),
                "--color".as_ref(),
                "always".as_ref(),
                file,
            ],
        );
        let stripped = strip_our_escapes(&coloured).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(no_control(&stripped), "{name}: {stripped:?}");
    }
    for cmd in ["list", "tags"] {
        let json = run(
            xdg,
            &[cmd.as_ref(), "--json".as_ref(), dir.path().as_os_str()],
        );
        assert!(no_control(&json), "{cmd}: {json:?}");
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert!(value.is_array(), "{cmd}");
    }
    let listed = run(xdg, &["list".as_ref(), dir.path().as_os_str()]);
    assert!(no_control(&listed), "{listed:?}");
    assert_eq!(listed.lines().count(), articles().len());
}

/// The text of coloured output with quire's own sequences taken out: SGR
/// (`ESC [ digits ; m`) and OSC 8 (`ESC ] 8 ; ; printable ESC \`). Any other
/// escape is an error.
fn strip_our_escapes(text: &str) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\u{1b}') {
        out.push_str(&rest[..at]);
        let seq = &rest[at + 1..];
        if let Some(sgr) = seq.strip_prefix('[') {
            let end = sgr
                .find(|c: char| !(c.is_ascii_digit() || c == ';'))
                .ok_or("unended CSI")?;
            if !sgr[end..].starts_with('m') {
                return Err(format!(
                    "a CSI that is not SGR: {:?}",
                    &seq[..seq.len().min(12)]
                ));
            }
            rest = &sgr[end + 1..];
        } else if let Some(osc) = seq.strip_prefix("]8;;") {
            let end = osc.find("\u{1b}\\").ok_or("unended OSC 8")?;
            let url = &osc[..end];
            if !url.bytes().all(|b| (0x21..0x7f).contains(&b)) {
                return Err(format!("an OSC 8 URL with raw bytes: {url:?}"));
            }
            if !(url.is_empty()
                || ["http:", "https:", "mailto:", "file:"]
                    .iter()
                    .any(|s| url.to_ascii_lowercase().starts_with(s)))
            {
                return Err(format!("an OSC 8 link of a refused scheme: {url:?}"));
            }
            rest = &osc[end + 2..];
        } else {
            return Err(format!("a foreign escape: {:?}", &seq[..seq.len().min(12)]));
        }
    }
    out.push_str(rest);
    Ok(out)
}

//! A generated library for search benchmarks: articles of front matter,
//! headings, paragraphs, lists and code over a Zipf-like vocabulary of
//! made-up words, the same every run. No data is committed.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// Syllables words are made of.
const SYLLABLES: [&str; 24] = [
    "ka", "lo", "mi", "ren", "sa", "tor", "vel", "qui", "na", "bo", "dre", "fu", "gal", "hes",
    "jin", "pa", "ru", "sto", "ul", "wen", "xo", "ya", "zer", "ith",
];
/// Words the queries of the benchmarks look for, spread through the text.
pub const KNOWN: [&str; 8] = [
    "lighthouse",
    "compiler",
    "résumé",
    "orchard",
    "kernel",
    "harbour",
    "violet",
    "quarry",
];
const TAGS: [&str; 10] = [
    "Rust",
    "travel",
    "Cooking",
    "linux",
    "FLOSS",
    "music",
    "History",
    "AI",
    "books",
    "Gardening",
];
const VOCABULARY: usize = 30_000;

/// A deterministic pseudo-random stream.
pub struct Rng(u64);

impl Rng {
    /// A stream from `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed | 1)
    }

    /// The next number.
    pub fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 16) as usize
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        self.next() % n.max(1)
    }
}

/// Word number `k` of the vocabulary.
fn word(k: usize, out: &mut String) {
    let mut k = k + SYLLABLES.len();
    while k > 0 {
        out.push_str(SYLLABLES[k % SYLLABLES.len()]);
        k /= SYLLABLES.len();
    }
}

/// A word drawn with a Zipf-like law: a few very common, most rare.
fn zipf_word(rng: &mut Rng, out: &mut String) {
    let u = rng.below(1_000_000) as f64 / 1_000_000.0;
    let k = ((VOCABULARY as f64).powf(u) as usize).saturating_sub(1);
    if rng.below(400) == 0 {
        out.push_str(KNOWN[rng.below(KNOWN.len())]);
    } else {
        word(k, out);
    }
}

fn sentence(rng: &mut Rng, words: usize, out: &mut String) {
    for w in 0..words {
        if w > 0 {
            out.push(' ');
        }
        let start = out.len();
        zipf_word(rng, out);
        if w == 0 {
            let first = out[start..].chars().next().map(|c| c.to_ascii_uppercase());
            if let Some(c) = first {
                out.replace_range(start..start + 1, &c.to_string());
            }
        }
        match rng.below(40) {
            0 => {
                out.insert(start, '*');
                out.push('*');
            }
            1 => {
                out.insert(start, '`');
                out.push('`');
            }
            _ => {}
        }
    }
    out.push_str(". ");
}

/// One article of about `bytes` bytes.
pub fn article(i: usize, rng: &mut Rng, bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 512);
    let mut title = String::new();
    for k in 0..4 {
        if k > 0 {
            title.push(' ');
        }
        zipf_word(rng, &mut title);
    }
    let tags: Vec<&str> = (0..1 + rng.below(3))
        .map(|_| TAGS[rng.below(TAGS.len())])
        .collect();
    let _ = write!(
        text,
        "---\ntitle: \"{title} {i}\"\ndate: {}-{:02}-{:02}\ntags: [{}]\n---\n\n",
        2010 + i % 15,
        1 + rng.below(12),
        1 + rng.below(28),
        tags.join(", ")
    );
    let mut section = 0;
    while text.len() < bytes {
        let level = if section == 0 { 2 } else { 2 + rng.below(2) };
        text.push_str(&"#".repeat(level));
        text.push(' ');
        let mut heading = String::new();
        let n = 2 + rng.below(3);
        sentence(rng, n, &mut heading);
        text.push_str(heading.trim_end().trim_end_matches('.'));
        text.push_str("\n\n");
        for _ in 0..1 + rng.below(4) {
            match rng.below(8) {
                0 => {
                    text.push_str("```rust\n");
                    for _ in 0..3 + rng.below(6) {
                        text.push_str("let ");
                        zipf_word(rng, &mut text);
                        text.push_str(" = compute(42);\n");
                    }
                    text.push_str("```\n\n");
                }
                1 => {
                    for _ in 0..3 + rng.below(3) {
                        text.push_str("- ");
                        let n = 4 + rng.below(8);
                        sentence(rng, n, &mut text);
                        text.push('\n');
                    }
                    text.push('\n');
                }
                _ => {
                    for _ in 0..2 + rng.below(5) {
                        let n = 6 + rng.below(14);
                        sentence(rng, n, &mut text);
                        if rng.below(10) == 0 {
                            text.push_str("See [the notes](https://example.com/notes) too. ");
                        }
                    }
                    text.push_str("\n\n");
                }
            }
        }
        section += 1;
    }
    text
}

/// Writes `count` articles of about `bytes` bytes each under `root`, in
/// folders of a year each; returns the bytes written.
pub fn write_library(root: &Path, count: usize, bytes: usize) -> u64 {
    let mut rng = Rng::new(0x9e37_79b9_7f4a_7c15);
    let mut total = 0u64;
    for i in 0..count {
        let folder = root.join(format!("year-{}", 2010 + i % 15));
        if i < 15 {
            fs::create_dir_all(&folder).expect("create a folder");
        }
        let text = article(i, &mut rng, bytes);
        total += text.len() as u64;
        fs::write(folder.join(format!("post-{i:05}.md")), text).expect("write an article");
    }
    total
}

//! A deterministic generated library for benches and measurements: `count`
//! articles of about 4 KB in 15 year folders, with titles, dates, tags and a
//! draft every fiftieth; with [`generate_vault`], a notes vault: each
//! note also links two to four others with `[[wikilinks]]` (some to a
//! heading or under another name) and carries an inline `#tag`. Written
//! into a temp dir, never committed.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

pub const WORDS: [&str; 16] = [
    "river", "lantern", "garden", "compiler", "market", "window", "harbour", "signal", "orchard",
    "ledger", "meadow", "kernel", "pocket", "thunder", "violet", "quarry",
];
const TAGS: [&str; 12] = [
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
    "photography",
    "Machine Learning",
];

/// A deterministic pseudo-random stream, so every run writes the same folder.
fn next(seed: &mut u64) -> usize {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    (*seed >> 16) as usize
}

/// Writes `count` articles under `root`.
#[allow(dead_code)]
pub fn generate(root: &Path, count: usize) {
    write_all(root, count, false);
}

/// Writes a vault of `count` linked notes under `root` (with `.obsidian/`).
#[allow(dead_code)]
pub fn generate_vault(root: &Path, count: usize) {
    fs::create_dir_all(root.join(".obsidian")).expect("create .obsidian");
    write_all(root, count, true);
}

fn write_all(root: &Path, count: usize, links: bool) {
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    for i in 0..count {
        let folder = root.join(format!("year-{}", 2010 + i % 15));
        if i < 15 {
            fs::create_dir_all(&folder).expect("create folder");
        }
        let mut text = String::with_capacity(4200);
        let title: Vec<&str> = (0..4)
            .map(|_| WORDS[next(&mut seed) % WORDS.len()])
            .collect();
        let tags: Vec<&str> = (0..1 + next(&mut seed) % 3)
            .map(|_| TAGS[next(&mut seed) % TAGS.len()])
            .collect();
        let _ = write!(
            text,
            "---\ntitle: \"{} {i}\"\ndate: {}-{:02}-{:02}\ntags: [{}]\ndraft: {}\n---\n\n",
            title.join(" "),
            2010 + i % 15,
            1 + next(&mut seed) % 12,
            1 + next(&mut seed) % 28,
            tags.join(", "),
            i % 50 == 0
        );
        while text.len() < 4000 {
            if next(&mut seed) % 8 == 0 {
                let _ = write!(
                    text,
                    "\n## {} {}\n\n",
                    WORDS[next(&mut seed) % 16],
                    WORDS[next(&mut seed) % 16]
                );
            }
            for _ in 0..40 {
                text.push_str(WORDS[next(&mut seed) % WORDS.len()]);
                text.push(' ');
            }
            text.push_str("\n\n");
        }
        if links {
            text.push_str("See ");
            for _ in 0..2 + next(&mut seed) % 3 {
                let other = next(&mut seed) % count;
                match next(&mut seed) % 4 {
                    0 => {
                        let _ = write!(text, "[[post-{other:05}|that note]], ");
                    }
                    1 => {
                        let _ = write!(text, "[[year-{}/post-{other:05}]], ", 2010 + other % 15);
                    }
                    _ => {
                        let _ = write!(text, "[[post-{other:05}]], ");
                    }
                }
            }
            let _ = writeln!(text, "#{}", WORDS[next(&mut seed) % WORDS.len()]);
        }
        fs::write(folder.join(format!("post-{i:05}.md")), text).expect("write article");
    }
}

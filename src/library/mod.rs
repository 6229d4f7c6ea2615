//! A folder of articles: entries, the tag index with counts, filters and sorts.
//! No terminal types.
//!
//! Everything a keystroke needs is computed once when the library is built
//! (lowercase haystacks, tag ids), so filtering ten thousand entries is a
//! linear pass over short strings and integer sets.

mod filter;
mod order;
mod preview;
mod scan;
mod select;
mod sites;
mod stream;

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Component, Path, PathBuf};

use crate::article::{Meta, Peek, Warning};

pub use filter::{Filter, Sort, SortKey, TagMode};
pub use order::path_order;
pub use preview::Preview;
pub use scan::markdown_files;
pub use stream::{
    Batch, BatchSink, Collector, Known, LaterStamps, LibraryCache, ScanOptions, ScanReport, Stamp,
    Stamps, check_folder, scan, scan_stream, scan_with, stamps_of, walk_later, walk_stream,
};

/// Words read per minute, for the reading time.
pub const WORDS_PER_MINUTE: usize = 230;

/// Reading time in whole minutes: `ceil(words / 230)`, at least one.
pub fn reading_minutes(words: usize) -> usize {
    words.div_ceil(WORDS_PER_MINUTE).max(1)
}

/// One article of the library, as much as a row needs.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The file, relative to the library's folder.
    pub path: PathBuf,
    /// What the front matter (or the file name) says. A file read again
    /// gets a new entry: what is taken from it when the entry is made (the
    /// filter's text, [`Entry::look`]) would not follow a change in place.
    pub meta: Meta,
    /// Words in the body.
    pub words: usize,
    /// `max(1, ceil(words / 230))`.
    pub reading_minutes: usize,
    /// The file's size in bytes.
    pub size: u64,
    /// What was wrong in the file but did not stop it.
    pub warnings: Vec<Warning>,
    /// Lowercase title, tags and path, separated by newlines: what the text
    /// filter searches, computed once so a keystroke allocates nothing per row.
    haystack: String,
    /// Lowercase title, the title sort key.
    title_key: String,
    /// Ids into [`Library::tags`], sorted, without duplicates.
    tag_ids: Vec<usize>,
    /// A hash of the title, date and tags as read (see [`Entry::look`]).
    look: u64,
    /// The columns of the tags as a row shows them (see [`Entry::tags_width`]).
    tags_width: usize,
}

impl Entry {
    /// An entry for the file at `path` (relative to the library's folder).
    pub fn new(path: PathBuf, size: u64, peek: Peek) -> Entry {
        let title_key = peek.meta.title.to_lowercase();
        let mut haystack = title_key.clone();
        for tag in &peek.meta.tags {
            haystack.push('\n');
            haystack.push_str(&tag.to_lowercase());
        }
        haystack.push('\n');
        haystack.push_str(&path_string(&path).to_lowercase());
        let look = {
            let mut h = std::hash::DefaultHasher::new();
            let m = &peek.meta;
            (&m.title, &m.date, &m.tags).hash(&mut h);
            h.finish()
        };
        let tags_width = tags_width(&peek.meta.tags);
        Entry {
            look,
            tags_width,
            reading_minutes: reading_minutes(peek.words),
            path,
            meta: peek.meta,
            words: peek.words,
            size,
            warnings: peek.warnings,
            haystack,
            title_key,
            tag_ids: Vec::new(),
        }
    }

    /// The path with forward slashes, as listings show it.
    pub fn path_string(&self) -> String {
        path_string(&self.path)
    }

    /// A hash of the title, date and tags, taken once when the entry was
    /// made (like the filter's text): a list keys the drawing of a row by
    /// it instead of hashing those strings at every frame.
    pub fn look(&self) -> u64 {
        self.look
    }

    /// The columns the tags take joined by `", "` with every character
    /// made safe for the terminal, as a row shows them; measured once.
    pub fn tags_width(&self) -> usize {
        self.tags_width
    }

    /// True when every word of `words` (already lowercase) is in the title,
    /// a tag or the path.
    fn matches_words(&self, words: &[String]) -> bool {
        words.iter().all(|w| self.haystack.contains(w.as_str()))
    }
}

/// The width of `tags` joined by `", "` and made safe for the terminal
/// (the sanitizer works a character at a time, so the joined text's width
/// is its parts' sum).
fn tags_width(tags: &[String]) -> usize {
    use unicode_width::UnicodeWidthStr;
    let commas = 2 * tags.len().saturating_sub(1);
    let width = |t: &String| {
        // Printable ASCII is a column a byte, as the sanitizer leaves it.
        if t.bytes().all(|b| (b' '..b'\x7f').contains(&b)) {
            t.len()
        } else {
            crate::sanitize::sanitize_line(t).width()
        }
    };
    tags.iter().map(width).sum::<usize>() + commas
}

/// A file that could not be read: listed with its error, never fatal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The file (or folder), relative to the library's folder.
    pub path: PathBuf,
    /// Why it could not be read.
    pub error: String,
}

impl Failure {
    /// The path with forward slashes, as listings show it.
    pub fn path_string(&self) -> String {
        path_string(&self.path)
    }

    /// True when every word of `words` (already lowercase) is in the path:
    /// a failed file has no title or tags, but can still be found by name.
    fn matches_words(&self, words: &[String]) -> bool {
        let path = self.path_string().to_lowercase();
        words.iter().all(|w| path.contains(w.as_str()))
    }
}

/// Hugo's headless pages are not articles: a page saying so, and every
/// page under a section whose `_index.md` cascades it.
fn drop_headless(entries: &mut Vec<Entry>) {
    let sections: Vec<PathBuf> = entries
        .iter()
        .filter(|e| e.meta.cascade_headless)
        .filter_map(|e| e.path.parent().map(Path::to_path_buf))
        .collect();
    entries.retain(|e| {
        !e.meta.headless
            && !e.meta.cascade_headless
            && !sections.iter().any(|s| e.path.starts_with(s))
    });
}

/// Of each run of rows with the same path (sorted, stable), keeps the last.
fn keep_last<T>(rows: &mut Vec<T>, path: impl Fn(&T) -> &Path) {
    let same = |a: &T, b: &T| path_order(path(a), path(b)).is_eq();
    if !rows.windows(2).any(|w| same(&w[0], &w[1])) {
        return;
    }
    let mut kept: Vec<T> = Vec::with_capacity(rows.len());
    for row in rows.drain(..) {
        if kept.last().is_some_and(|last| same(last, &row)) {
            kept.pop();
        }
        kept.push(row);
    }
    *rows = kept;
}

/// `text` in lowercase, borrowed when it already is (most tags are).
fn lowercase(text: &str) -> std::borrow::Cow<'_, str> {
    if text
        .bytes()
        .any(|b| b.is_ascii_uppercase() || !b.is_ascii())
    {
        std::borrow::Cow::Owned(text.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// A path shown with forward slashes whatever the platform (an absolute
/// one starts with one slash).
pub fn path_string(path: &Path) -> String {
    let mut out = String::new();
    for part in path.components() {
        match part {
            Component::Prefix(prefix) => out.push_str(&prefix.as_os_str().to_string_lossy()),
            Component::RootDir => out.push('/'),
            part => {
                if !out.is_empty() && !out.ends_with('/') {
                    out.push('/');
                }
                out.push_str(&part.as_os_str().to_string_lossy());
            }
        }
    }
    out
}

/// One tag of the library, grouped case-insensitively.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// The spelling most articles use (ties: the first seen).
    pub name: String,
    /// The lowercase form that matching uses.
    pub key: String,
    /// How many articles of the whole library carry it.
    pub count: usize,
}

/// A tag with a count over some subset of the library (see [`Library::tag_counts`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagCount {
    /// Index into [`Library::tags`].
    pub id: usize,
    /// The display spelling.
    pub name: String,
    /// Articles carrying it among those counted.
    pub count: usize,
}

/// A scanned folder.
#[derive(Debug, Clone, Default)]
pub struct Library {
    /// The folder as given.
    pub root: PathBuf,
    /// The articles, in path order.
    pub entries: Vec<Entry>,
    /// Files and folders that could not be read, in path order.
    pub failures: Vec<Failure>,
    /// Every tag, most used first, ties by name.
    tags: Vec<Tag>,
    /// Lowercase tag to its id in `tags`.
    tag_ids: HashMap<String, usize>,
}

impl Library {
    /// Builds a library from entries and failures: orders them by path and
    /// indexes the tags.
    pub fn from_parts(root: PathBuf, mut entries: Vec<Entry>, mut failures: Vec<Failure>) -> Self {
        // Rows mostly come in as sorted runs: the stable sort merges them.
        entries.sort_by(|a, b| path_order(&a.path, &b.path));
        failures.sort_by(|a, b| path_order(&a.path, &b.path));
        Library::index(root, entries, failures)
    }

    /// Like [`Library::from_parts`], but a row replaces any earlier row of
    /// the same path (rows read again by a rescan, arriving after the ones
    /// shown). Rows given as sorted runs cost a merge, not a sort.
    pub fn from_rows(root: PathBuf, mut entries: Vec<Entry>, mut failures: Vec<Failure>) -> Self {
        entries.sort_by(|a, b| path_order(&a.path, &b.path));
        failures.sort_by(|a, b| path_order(&a.path, &b.path));
        keep_last(&mut entries, |e| &e.path);
        keep_last(&mut failures, |f| &f.path);
        Library::index(root, entries, failures)
    }

    /// Indexes the tags of entries already in path order.
    fn index(root: PathBuf, mut entries: Vec<Entry>, failures: Vec<Failure>) -> Self {
        drop_headless(&mut entries);
        // Group spellings by lowercase key, in first-seen order.
        struct Group {
            key: String,
            spellings: Vec<(String, usize)>,
            count: usize,
        }
        let mut groups: Vec<Group> = Vec::new();
        let mut by_key: HashMap<String, usize> = HashMap::new();
        let mut entry_groups: Vec<Vec<usize>> = Vec::with_capacity(entries.len());
        for entry in &entries {
            let mut ids = Vec::with_capacity(entry.meta.tags.len());
            for tag in &entry.meta.tags {
                let key = lowercase(tag);
                let gid = match by_key.get(key.as_ref()) {
                    Some(&gid) => gid,
                    None => {
                        let key = key.into_owned();
                        by_key.insert(key.clone(), groups.len());
                        groups.push(Group {
                            key,
                            spellings: Vec::new(),
                            count: 0,
                        });
                        groups.len() - 1
                    }
                };
                let group = &mut groups[gid];
                match group.spellings.iter_mut().find(|(s, _)| s == tag) {
                    Some((_, n)) => *n += 1,
                    None => group.spellings.push((tag.clone(), 1)),
                }
                if !ids.contains(&gid) {
                    ids.push(gid);
                    group.count += 1;
                }
            }
            entry_groups.push(ids);
        }

        // Most used first, ties by name: that order becomes the tag ids.
        let mut order: Vec<usize> = (0..groups.len()).collect();
        order.sort_by(|&a, &b| {
            groups[b]
                .count
                .cmp(&groups[a].count)
                .then_with(|| groups[a].key.cmp(&groups[b].key))
        });
        let mut new_id = vec![0; groups.len()];
        for (id, &gid) in order.iter().enumerate() {
            new_id[gid] = id;
        }
        let tags: Vec<Tag> = order
            .iter()
            .map(|&gid| {
                let g = &groups[gid];
                // max_by_key keeps the last maximum; iterate reversed so the
                // first-seen spelling wins ties.
                let name = g
                    .spellings
                    .iter()
                    .rev()
                    .max_by_key(|(_, n)| *n)
                    .map(|(s, _)| s.clone())
                    .unwrap_or_else(|| g.key.clone());
                Tag {
                    name,
                    key: g.key.clone(),
                    count: g.count,
                }
            })
            .collect();
        let tag_ids = tags
            .iter()
            .enumerate()
            .map(|(id, t)| (t.key.clone(), id))
            .collect();
        for (entry, ids) in entries.iter_mut().zip(entry_groups) {
            let mut ids: Vec<usize> = ids.into_iter().map(|g| new_id[g]).collect();
            ids.sort_unstable();
            entry.tag_ids = ids;
        }
        Library {
            root,
            entries,
            failures,
            tags,
            tag_ids,
        }
    }

    /// Every tag with its count over the whole library, most used first,
    /// ties by name.
    pub fn tags(&self) -> &[Tag] {
        &self.tags
    }

    /// The id of a tag, matched case-insensitively.
    pub fn tag_id(&self, tag: &str) -> Option<usize> {
        self.tag_ids.get(&tag.to_lowercase()).copied()
    }

    /// Number of articles plus failed files.
    pub fn len(&self) -> usize {
        self.entries.len() + self.failures.len()
    }

    /// True when the folder held no article and no failed file.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tag_tests;
#[cfg(test)]
mod tests;

//! A folder of articles: entries, the tag index with counts, filters and sorts.
//! No terminal types.
//!
//! Everything a keystroke needs is computed once when the library is built
//! (lowercase haystacks, tag ids), so filtering ten thousand entries is a
//! linear pass over short strings and integer sets.

mod preview;
mod scan;
mod stream;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::article::{Meta, Peek, Warning};

pub use preview::Preview;
pub use scan::markdown_files;
pub use stream::{
    Batch, Collector, Known, LibraryCache, ScanOptions, ScanReport, scan, scan_stream, scan_with,
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
    /// What the front matter (or the file name) says.
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
        Entry {
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

    /// True when every word of `words` (already lowercase) is in the title,
    /// a tag or the path.
    fn matches_words(&self, words: &[String]) -> bool {
        words.iter().all(|w| self.haystack.contains(w.as_str()))
    }
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

/// A path shown with forward slashes whatever the platform.
pub fn path_string(path: &Path) -> String {
    let parts: Vec<_> = path
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    parts.join("/")
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

/// Whether an article needs all the selected tags or any one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TagMode {
    /// Every selected tag.
    #[default]
    All,
    /// At least one selected tag.
    Any,
}

impl TagMode {
    /// The other mode.
    pub fn toggled(self) -> TagMode {
        match self {
            TagMode::All => TagMode::Any,
            TagMode::Any => TagMode::All,
        }
    }
}

/// Which articles to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    /// Words that must all appear in the title, tags or file name
    /// (case-insensitive); empty shows everything.
    pub text: String,
    /// Selected tags, in any case; empty shows everything.
    pub tags: Vec<String>,
    /// All of `tags`, or any of them.
    pub mode: TagMode,
    /// Whether drafts are listed.
    pub drafts: bool,
}

impl Default for Filter {
    fn default() -> Self {
        Filter {
            text: String::new(),
            tags: Vec::new(),
            mode: TagMode::All,
            drafts: true,
        }
    }
}

impl Filter {
    /// True when nothing is filtered out.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty() && self.tags.is_empty() && self.drafts
    }
}

/// What rows are ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// Newest first; undated articles last.
    #[default]
    Date,
    /// Title A to Z, case-insensitive.
    Title,
    /// File path A to Z.
    Path,
    /// Shortest read first.
    ReadingTime,
    /// Most recently opened first. The library alone does not know when an
    /// article was opened: [`Library::sort_indices`] leaves these rows in
    /// path order for the caller that knows (the TUI's reading states).
    LastOpened,
}

impl SortKey {
    /// The next key in the cycle date, title, path, reading time.
    pub fn next(self) -> SortKey {
        match self {
            SortKey::Date => SortKey::Title,
            SortKey::Title => SortKey::Path,
            SortKey::Path => SortKey::ReadingTime,
            SortKey::ReadingTime => SortKey::LastOpened,
            SortKey::LastOpened => SortKey::Date,
        }
    }

    /// A short name for headers.
    pub fn name(self) -> &'static str {
        match self {
            SortKey::Date => "date",
            SortKey::Title => "title",
            SortKey::Path => "path",
            SortKey::ReadingTime => "reading time",
            SortKey::LastOpened => "last opened",
        }
    }
}

/// An order of rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sort {
    /// The key.
    pub key: SortKey,
    /// Reverse the key's natural order (ties stay by path, undated stay last).
    pub reverse: bool,
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

/// A [`Filter`] turned into what matching needs: lowercase words, tag ids.
struct Resolved {
    words: Vec<String>,
    /// `None` when no tag is selected.
    tags: Option<Vec<usize>>,
    /// A selected tag no article carries: with all-of, nothing can match.
    unknown_tag: bool,
    mode: TagMode,
    drafts: bool,
}

impl Library {
    /// Builds a library from entries and failures: orders them by path and
    /// indexes the tags.
    pub fn from_parts(root: PathBuf, mut entries: Vec<Entry>, mut failures: Vec<Failure>) -> Self {
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        failures.sort_by(|a, b| a.path.cmp(&b.path));

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
                let key = tag.to_lowercase();
                let gid = *by_key.entry(key.clone()).or_insert_with(|| {
                    groups.push(Group {
                        key,
                        spellings: Vec::new(),
                        count: 0,
                    });
                    groups.len() - 1
                });
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

    fn resolve(&self, filter: &Filter) -> Resolved {
        let words = filter
            .text
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let mut unknown_tag = false;
        let tags = if filter.tags.is_empty() {
            None
        } else {
            let mut ids = Vec::with_capacity(filter.tags.len());
            for tag in &filter.tags {
                match self.tag_id(tag.trim()) {
                    Some(id) => ids.push(id),
                    None => unknown_tag = true,
                }
            }
            ids.sort_unstable();
            ids.dedup();
            Some(ids)
        };
        Resolved {
            words,
            tags,
            unknown_tag,
            mode: filter.mode,
            drafts: filter.drafts,
        }
    }

    /// True when `entry` passes every part of `r` but the tags.
    fn passes_others(entry: &Entry, r: &Resolved) -> bool {
        (r.drafts || !entry.meta.draft) && entry.matches_words(&r.words)
    }

    fn passes_tags(entry: &Entry, r: &Resolved) -> bool {
        let Some(wanted) = &r.tags else {
            return true;
        };
        match r.mode {
            TagMode::All => {
                !r.unknown_tag
                    && wanted
                        .iter()
                        .all(|id| entry.tag_ids.binary_search(id).is_ok())
            }
            TagMode::Any => wanted
                .iter()
                .any(|id| entry.tag_ids.binary_search(id).is_ok()),
        }
    }

    /// Indices into [`Library::entries`] of the articles `filter` lets
    /// through, in `sort` order.
    pub fn select(&self, filter: &Filter, sort: Sort) -> Vec<usize> {
        let r = self.resolve(filter);
        let mut rows: Vec<usize> = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| Self::passes_others(e, &r) && Self::passes_tags(e, &r))
            .map(|(i, _)| i)
            .collect();
        self.sort_indices(&mut rows, sort);
        rows
    }

    /// Indices into [`Library::failures`] that `filter` lets through: failed
    /// files have no tags, so any tag filter hides them; the text filter
    /// matches their path.
    pub fn select_failures(&self, filter: &Filter) -> Vec<usize> {
        if !filter.tags.is_empty() {
            return Vec::new();
        }
        let r = self.resolve(filter);
        self.failures
            .iter()
            .enumerate()
            .filter(|(_, f)| f.matches_words(&r.words))
            .map(|(i, _)| i)
            .collect()
    }

    /// Orders indices into [`Library::entries`] by `sort`; ties by path.
    pub fn sort_indices(&self, rows: &mut [usize], sort: Sort) {
        use std::cmp::Ordering;
        let e = &self.entries;
        let dir = |o: Ordering| if sort.reverse { o.reverse() } else { o };
        rows.sort_by(|&a, &b| {
            let (x, y) = (&e[a], &e[b]);
            let primary = match sort.key {
                // Undated last in both directions: "no date" is not a date.
                SortKey::Date => match (&x.meta.date, &y.meta.date) {
                    (Some(dx), Some(dy)) => dir(dy.cmp(dx)),
                    (Some(_), None) => Ordering::Less,
                    (None, Some(_)) => Ordering::Greater,
                    (None, None) => Ordering::Equal,
                },
                SortKey::Title => dir(x.title_key.cmp(&y.title_key)),
                SortKey::Path => dir(x.path.cmp(&y.path)),
                SortKey::ReadingTime => dir(x.words.cmp(&y.words)),
                SortKey::LastOpened => Ordering::Equal,
            };
            primary.then_with(|| x.path.cmp(&y.path))
        });
    }

    /// Every tag with its count over the articles that pass the filter's text
    /// and draft parts (not its tags): what a tag picker shows, so a count
    /// says how many rows choosing that tag would leave. Most used first,
    /// ties by name; tags with no such article are kept with count 0.
    pub fn tag_counts(&self, filter: &Filter) -> Vec<TagCount> {
        let r = self.resolve(filter);
        let mut counts = vec![0usize; self.tags.len()];
        for entry in self.entries.iter().filter(|e| Self::passes_others(e, &r)) {
            for &id in &entry.tag_ids {
                counts[id] += 1;
            }
        }
        let mut out: Vec<TagCount> = self
            .tags
            .iter()
            .enumerate()
            .map(|(id, t)| TagCount {
                id,
                name: t.name.clone(),
                count: counts[id],
            })
            .collect();
        // Tags are already ordered by name within equal totals; a stable sort
        // by count keeps that for ties.
        out.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| self.tags[a.id].key.cmp(&self.tags[b.id].key))
        });
        out
    }
}

#[cfg(test)]
mod tests;

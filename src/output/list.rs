//! `quire list` and `quire tags`: a folder's articles and tags, as aligned
//! text rows or JSON, with each article's reading state from the store.

use std::collections::HashMap;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::Outcome;
use crate::cli::{ListArgs, SortArg, StateArgs, TagsArgs};
use crate::library::{self, Library, LibraryCache, ScanOptions, Sort, SortKey};
use crate::links::backlinks::LinkIndex;
use crate::sanitize::sanitize_line;
use crate::store::{self, ReadingState, Store};

/// One row of `quire list --json`.
#[derive(Debug, Serialize)]
struct ListRow<'a> {
    path: String,
    title: &'a str,
    date: Option<&'a str>,
    tags: &'a [String],
    author: Option<&'a str>,
    draft: bool,
    words: usize,
    reading_minutes: usize,
    /// The furthest point reached, 0 to 100 (100 once read).
    progress: u8,
    read: bool,
    /// RFC 3339, or null when never opened.
    last_opened: Option<String>,
    /// Links into it from the folder's other articles (with `--sort
    /// links-in` or `--orphans`).
    #[serde(skip_serializing_if = "Option::is_none")]
    links_in: Option<usize>,
}

/// One row of `quire tags --json`.
#[derive(Debug, Serialize)]
struct TagRow<'a> {
    tag: &'a str,
    count: usize,
}

impl From<SortArg> for SortKey {
    fn from(arg: SortArg) -> SortKey {
        match arg {
            SortArg::Date => SortKey::Date,
            SortArg::Title => SortKey::Title,
            SortArg::Path => SortKey::Path,
            SortArg::ReadingTime => SortKey::ReadingTime,
            // Ordered by the link index after the library's own sort.
            SortArg::LinksIn => SortKey::LinksIn,
        }
    }
}

/// The folder to list: as given, else `./articles` when it exists, else `.`.
fn folder(dir: &Option<PathBuf>) -> PathBuf {
    dir.clone().unwrap_or_else(crate::default_library)
}

/// Writes one line to stderr; a closed stderr must not stop the listing.
fn warn(line: &str) {
    let _ = writeln!(
        io::stderr().lock(),
        "quire: warning: {}",
        sanitize_line(line)
    );
}

/// A scanned folder with the store it was scanned through, if any.
struct Scanned {
    lib: Library,
    store: Option<Store>,
    /// The folder's canonical path: article paths in the store hang off it.
    root: PathBuf,
}

impl Scanned {
    /// The reading state of every entry that has one, by index (the rest
    /// are unread). Asks the store for the folder's rows only, then finds
    /// each in the path-sorted entries.
    fn states(&self) -> HashMap<usize, ReadingState> {
        let Some(store) = &self.store else {
            return HashMap::new();
        };
        let root = self.root.to_string_lossy();
        let found = match store.reading_states_under(&root) {
            Ok(found) => found,
            Err(e) => {
                warn(&format!("reading states: {e}"));
                return HashMap::new();
            }
        };
        let entries = &self.lib.entries;
        found
            .into_iter()
            .filter_map(|(key, state)| {
                let rel = Path::new(&key).strip_prefix(&self.root).ok()?;
                let i = entries
                    .binary_search_by(|e| e.path.as_path().cmp(rel))
                    .ok()?;
                Some((i, state))
            })
            .collect()
    }
}

/// Scans the folder through the store's cache (unless `--no-state`),
/// writing every warning and failure to stderr, one line each naming the
/// file. A folder that cannot be scanned is the user's error.
fn scan_reporting(dir: &Path, state: StateArgs) -> anyhow::Result<Scanned> {
    let (mut store, notes) = store::open_state(state.no_state);
    for note in &notes {
        warn(note);
    }
    let root = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let root_key = root.to_string_lossy().into_owned();
    let cache = match &store {
        Some(s) => s.load_library(&root_key).unwrap_or_else(|e| {
            warn(&format!("the library cache: {e}"));
            LibraryCache::new()
        }),
        None => LibraryCache::new(),
    };
    let options = ScanOptions {
        no_ignore: state.no_ignore,
        threads: 0,
    };
    let (lib, report) = library::scan_with(dir, options, cache)?;
    if let Some(s) = &mut store
        && let Err(e) = s.save_library(&root_key, &report.changed, &report.removed)
    {
        warn(&format!("the library cache was not saved: {e}"));
    }
    let stderr = io::stderr();
    let mut err = stderr.lock();
    if let Some(problem) = crate::site::Site::of(dir).and_then(|site| site.take_problem()) {
        let _ = writeln!(
            err,
            "quire: warning: {}",
            sanitize_line(&problem.to_string())
        );
    }
    for entry in &lib.entries {
        for warning in &entry.warnings {
            let _ = writeln!(
                err,
                "quire: warning: {}",
                sanitize_line(&warning.to_string())
            );
        }
    }
    for failure in &lib.failures {
        let path = dir.join(&failure.path);
        let line = format!("{}: {}", path.display(), failure.error);
        let _ = writeln!(err, "quire: {}", sanitize_line(&line));
    }
    Ok(Scanned { lib, store, root })
}

/// The mark a text row shows: ● unread, NN% in progress, ✓ read.
fn mark(state: Option<&ReadingState>) -> String {
    match state {
        Some(s) if s.read => "✓".to_string(),
        Some(s) if s.in_progress() => format!("{}%", s.percent()),
        _ => "●".to_string(),
    }
}

/// `quire list [DIR]`.
pub fn list(args: &ListArgs, user: &crate::config::Config) -> anyhow::Result<Outcome> {
    if let Some(address) = args.dir.as_deref().and_then(super::remote::address_of) {
        return super::remote::list(address, args, user);
    }
    let dir = folder(&args.dir);
    let scanned = scan_reporting(&dir, args.state)?;
    let lib = &scanned.lib;
    let filter = args.tags.filter(!args.no_drafts);
    let sort = Sort {
        key: args.sort.into(),
        reverse: args.reverse,
    };
    let states = scanned.states();
    let mut rows = lib.select(&filter, sort);
    if args.unread {
        rows.retain(|i| !states.get(i).is_some_and(|s| s.read));
    }
    let links_in = if args.orphans || args.sort == SortArg::LinksIn {
        Some(links_in(&dir, args.state)?)
    } else {
        None
    };
    let count = |i: usize| -> Option<usize> {
        let counts = links_in.as_ref()?;
        Some(counts.get(&lib.entries[i].path).copied().unwrap_or(0))
    };
    if args.orphans {
        rows.retain(|&i| count(i) == Some(0));
    }
    if args.sort == SortArg::LinksIn {
        // Most linked first (fewest with --reverse), ties by path.
        rows.sort_by_key(|&i| {
            let n = count(i).unwrap_or(0);
            if args.reverse { n } else { usize::MAX - n }
        });
    }
    let shown = Shown {
        lib,
        states: &states,
        with_marks: scanned.store.is_some(),
        path: &|e: &library::Entry| e.path_string(),
        links_in: &count,
    };
    print(args, &shown, &rows)?;
    Ok(outcome(lib))
}

/// What the rows of `quire list` show: the library, the reading states by
/// entry, how a path is written, the links into each entry when counted.
pub(crate) struct Shown<'a> {
    pub lib: &'a Library,
    pub states: &'a HashMap<usize, ReadingState>,
    /// True when quire remembers: text rows start with their mark.
    pub with_marks: bool,
    pub path: &'a dyn Fn(&library::Entry) -> String,
    pub links_in: &'a dyn Fn(usize) -> Option<usize>,
}

/// Prints the entries `rows` of the library, as text or JSON.
pub(crate) fn print(args: &ListArgs, shown: &Shown<'_>, rows: &[usize]) -> anyhow::Result<()> {
    let Shown {
        lib,
        states,
        with_marks,
        ..
    } = *shown;
    let count = shown.links_in;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.json {
        let rows: Vec<ListRow<'_>> = rows
            .iter()
            .map(|&i| {
                let e = &lib.entries[i];
                let state = states.get(&i);
                ListRow {
                    path: (shown.path)(e),
                    title: &e.meta.title,
                    date: e.meta.date.as_deref(),
                    tags: &e.meta.tags,
                    author: e.meta.author.as_deref(),
                    draft: e.meta.draft,
                    words: e.words,
                    reading_minutes: e.reading_minutes,
                    progress: state.map_or(0, ReadingState::percent),
                    read: state.is_some_and(|s| s.read),
                    last_opened: state.and_then(|s| s.last_opened).map(store::rfc3339),
                    links_in: count(i),
                }
            })
            .collect();
        super::json::to_writer_pretty(&mut out, &rows)?;
        writeln!(out)?;
    } else {
        let table: Vec<[String; 5]> = rows
            .iter()
            .map(|&i| {
                let e = &lib.entries[i];
                let title = if e.meta.draft {
                    format!("[draft] {}", e.meta.title)
                } else {
                    e.meta.title.clone()
                };
                [
                    if with_marks {
                        mark(states.get(&i))
                    } else {
                        String::new()
                    },
                    sanitize_line(&(shown.path)(e)).into_owned(),
                    e.meta
                        .date
                        .as_deref()
                        .map_or("-".to_string(), |d| sanitize_line(d).into_owned()),
                    match count(i) {
                        Some(n) => format!("{n}← {}", sanitize_line(&title)),
                        None => sanitize_line(&title).into_owned(),
                    },
                    sanitize_line(&e.meta.tags.join(", ")).into_owned(),
                ]
            })
            .collect();
        if with_marks {
            write_aligned(&mut out, &table)?;
        } else {
            let table: Vec<[String; 4]> = table
                .into_iter()
                .map(|[_, a, b, c, d]| [a, b, c, d])
                .collect();
            write_aligned(&mut out, &table)?;
        }
    }
    out.flush()?;
    Ok(())
}

/// The links into each article of `dir` from its others, by relative
/// path, from the link index (refreshed first).
fn links_in(dir: &Path, state: StateArgs) -> anyhow::Result<HashMap<PathBuf, usize>> {
    let (store, _) = store::open_state(state.no_state);
    let mut index = match store {
        Some(store) => LinkIndex::from_store(store),
        None => LinkIndex::open_in_memory()?,
    };
    let options = ScanOptions {
        no_ignore: state.no_ignore,
        threads: 0,
    };
    index.refresh(dir, &options)?;
    Ok(index.counts(dir)?)
}

/// Success, or failure when a file could not be read (it was named on
/// stderr; the rows of the others are out).
fn outcome(lib: &Library) -> Outcome {
    if lib.failures.is_empty() {
        Outcome::Success
    } else {
        Outcome::Failure
    }
}

/// `quire tags [DIR]`.
pub fn tags(args: &TagsArgs) -> anyhow::Result<Outcome> {
    let dir = folder(&args.dir);
    let lib = scan_reporting(&dir, args.state)?.lib;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.json {
        let rows: Vec<TagRow<'_>> = lib
            .tags()
            .iter()
            .map(|t| TagRow {
                tag: &t.name,
                count: t.count,
            })
            .collect();
        super::json::to_writer_pretty(&mut out, &rows)?;
        writeln!(out)?;
    } else {
        let width = lib.tags().first().map_or(1, |t| t.count.to_string().len());
        for tag in lib.tags() {
            writeln!(out, "{:>width$} {}", tag.count, sanitize_line(&tag.name))?;
        }
    }
    out.flush()?;
    Ok(outcome(&lib))
}

/// Writes rows of cells padded to each column's display width, two spaces
/// apart, with no trailing spaces.
fn write_aligned<W: Write, const N: usize>(out: &mut W, rows: &[[String; N]]) -> io::Result<()> {
    let mut widths = [0usize; N];
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    for row in rows {
        let mut line = String::new();
        for (col, cell) in row.iter().enumerate() {
            if col > 0 {
                line.push_str("  ");
            }
            line.push_str(cell);
            if col + 1 < N {
                let pad = widths[col].saturating_sub(cell.width());
                line.extend(std::iter::repeat_n(' ', pad));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligned_rows_pad_by_display_width_without_trailing_spaces() {
        let rows = [
            ["日本.md".to_string(), "x".to_string(), String::new()],
            ["ab.md".to_string(), "yy".to_string(), "t".to_string()],
        ];
        let mut out = Vec::new();
        write_aligned(&mut out, &rows).expect("write to a Vec");
        let text = String::from_utf8(out).expect("utf-8");
        assert_eq!(text, "日本.md  x\nab.md    yy  t\n");
    }
}

//! `quire list` and `quire tags`: a folder's articles and tags, as aligned
//! text rows or JSON.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::Outcome;
use crate::cli::{ListArgs, SortArg, TagsArgs};
use crate::library::{self, Library, Sort, SortKey};
use crate::sanitize::sanitize_line;

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
        }
    }
}

/// The folder to list: as given, else `./articles` when it exists, else `.`.
fn folder(dir: &Option<PathBuf>) -> PathBuf {
    dir.clone().unwrap_or_else(crate::default_library)
}

/// Scans the folder, writing every warning and failure to stderr, one line
/// each naming the file. A folder that cannot be scanned is the user's error.
fn scan_reporting(dir: &Path) -> anyhow::Result<Library> {
    let lib = library::scan(dir)?;
    let stderr = io::stderr();
    let mut err = stderr.lock();
    for entry in &lib.entries {
        for warning in &entry.warnings {
            // A closed stderr must not stop the listing.
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
    Ok(lib)
}

/// `quire list [DIR]`.
pub fn list(args: &ListArgs) -> anyhow::Result<Outcome> {
    let dir = folder(&args.dir);
    let lib = scan_reporting(&dir)?;
    let filter = args.tags.filter(!args.no_drafts);
    let sort = Sort {
        key: args.sort.into(),
        reverse: args.reverse,
    };
    let rows = lib.select(&filter, sort);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.json {
        let rows: Vec<ListRow<'_>> = rows
            .iter()
            .map(|&i| {
                let e = &lib.entries[i];
                ListRow {
                    path: e.path_string(),
                    title: &e.meta.title,
                    date: e.meta.date.as_deref(),
                    tags: &e.meta.tags,
                    author: e.meta.author.as_deref(),
                    draft: e.meta.draft,
                    words: e.words,
                    reading_minutes: e.reading_minutes,
                }
            })
            .collect();
        super::json::to_writer_pretty(&mut out, &rows)?;
        writeln!(out)?;
    } else {
        let table: Vec<[String; 4]> = rows
            .iter()
            .map(|&i| {
                let e = &lib.entries[i];
                let title = if e.meta.draft {
                    format!("[draft] {}", e.meta.title)
                } else {
                    e.meta.title.clone()
                };
                [
                    sanitize_line(&e.path_string()).into_owned(),
                    e.meta
                        .date
                        .as_deref()
                        .map_or("-".to_string(), |d| sanitize_line(d).into_owned()),
                    sanitize_line(&title).into_owned(),
                    sanitize_line(&e.meta.tags.join(", ")).into_owned(),
                ]
            })
            .collect();
        write_aligned(&mut out, &table)?;
    }
    out.flush()?;
    Ok(Outcome::Success)
}

/// `quire tags [DIR]`.
pub fn tags(args: &TagsArgs) -> anyhow::Result<Outcome> {
    let dir = folder(&args.dir);
    let lib = scan_reporting(&dir)?;
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
    Ok(Outcome::Success)
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

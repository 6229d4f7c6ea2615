//! `quire search QUERY [DIR]`: the sections of a folder's articles that match,
//! best first, as text or JSON, from the index in the state folder.

use std::io::{self, BufWriter, IsTerminal, Write};

use serde::Serialize;

use crate::Outcome;
use crate::cli::SearchArgs;
use crate::library::{ScanOptions, path_string};
use crate::sanitize::sanitize_line;
use crate::search::{Hit, Index, Progress, Query};
use crate::store;

/// One result of `quire search --json`.
#[derive(Debug, Serialize)]
struct HitJson<'a> {
    path: String,
    title: &'a str,
    section: &'a [String],
    anchor: &'a str,
    line: usize,
    /// The snippet, one line, matches not marked.
    snippet: &'a str,
    /// Byte ranges of the matched words in `snippet`.
    marks: Vec<[usize; 2]>,
    score: f64,
}

/// Opens the index in the store, or in memory when asked to (`--no-state`,
/// `QUIRE_NO_STATE`) or when the store cannot be used (said on stderr).
fn open_index(args: &SearchArgs) -> anyhow::Result<Index> {
    let (store, warnings) = store::open_state(args.state.no_state);
    for warning in warnings {
        eprintln!("quire: warning: {}", sanitize_line(&warning));
    }
    match store {
        Some(store) => Ok(Index::from_store(store)),
        None => Ok(Index::open_in_memory()?),
    }
}

/// Runs the search: refreshes the index of the folder (with progress on a
/// terminal's stderr), then prints the hits.
pub fn search(args: &SearchArgs) -> anyhow::Result<Outcome> {
    let dir = args.dir.clone().unwrap_or_else(crate::default_library);
    if !dir.is_dir() {
        eprintln!(
            "quire: {}: is not a folder",
            sanitize_line(&path_string(&dir))
        );
        return Ok(Outcome::Failure);
    }
    let mut query = Query::parse(&args.query);
    if let Some(trimmed) = &query.trimmed {
        eprintln!("quire: warning: {trimmed}");
    }
    if query.is_empty() && !query.tags.is_empty() {
        // `tag:` only narrows what words find: nothing is found without one.
        eprintln!(
            "quire: warning: {:?} has no word to look for: add one (tag:NAME word), \
             or list the articles with a tag with `quire list --tag NAME`",
            sanitize_line(&args.query)
        );
    }
    query
        .tags
        .extend(args.tags.iter().map(|t| t.trim().to_lowercase()));
    let mut index = open_index(args)?;
    let show_progress = io::stderr().is_terminal();
    let mut report = |p: Progress| {
        if show_progress && p.total > 0 {
            eprint!("\rindexing {}/{} articles", p.done, p.total);
            if p.done >= p.total {
                eprint!("\r\x1b[2K");
            }
        }
    };
    let options = ScanOptions {
        no_ignore: args.state.no_ignore,
        ..ScanOptions::default()
    };
    if let Err(e) = index.refresh_with(&dir, &options, &mut report) {
        // Another quire holding the store past the busy timeout: the index
        // as it is still answers, as `list` does with its cache.
        if show_progress {
            eprint!("\r\x1b[2K");
        }
        eprintln!(
            "quire: warning: {}: the search index could not be brought up to date ({}); searching what it holds",
            sanitize_line(&path_string(&dir)),
            sanitize_line(&e.to_string())
        );
    }
    let hits = index.search(&dir, &query, args.limit)?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.json {
        write_json(&mut out, &hits)?;
    } else {
        let color = io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        write_text(&mut out, &hits, color)?;
    }
    out.flush()?;
    Ok(Outcome::Success)
}

/// The hits as one JSON array.
pub fn write_json(out: &mut impl Write, hits: &[Hit]) -> io::Result<()> {
    let rows: Vec<HitJson<'_>> = hits
        .iter()
        .map(|h| HitJson {
            path: path_string(&h.path),
            title: &h.title,
            section: &h.section,
            anchor: &h.anchor,
            line: h.line,
            snippet: &h.snippet.text,
            marks: h.snippet.marks.iter().map(|r| [r.start, r.end]).collect(),
            score: h.score,
        })
        .collect();
    super::json::to_writer_pretty(out, &rows)?;
    writeln!(out)
}

/// Two lines a hit: `path:line  Title › Section › Sub`, then the snippet
/// indented, matches in reverse video on a terminal, else in `[brackets]`.
pub fn write_text(out: &mut impl Write, hits: &[Hit], color: bool) -> io::Result<()> {
    for h in hits {
        let mut place = sanitize_line(&h.title).into_owned();
        for heading in crate::article::outline::crumbs_after_title(&h.title, &h.section) {
            place.push_str(" › ");
            place.push_str(&sanitize_line(heading));
        }
        let path = path_string(&h.path);
        writeln!(out, "{}:{}  {place}", sanitize_line(&path), h.line)?;
        write!(out, "    ")?;
        let text = &h.snippet.text;
        let (open, close) = if color {
            ("\x1b[7m", "\x1b[27m")
        } else {
            ("[", "]")
        };
        let mut at = 0;
        for mark in &h.snippet.marks {
            let (Some(before), Some(word)) = (text.get(at..mark.start), text.get(mark.clone()))
            else {
                continue;
            };
            write!(out, "{before}{open}{word}{close}")?;
            at = mark.end;
        }
        writeln!(out, "{}", text.get(at..).unwrap_or(""))?;
    }
    Ok(())
}

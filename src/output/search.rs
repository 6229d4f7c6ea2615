//! `quire search QUERY [DIR]`: the sections of a folder's articles that match,
//! best first, as text or JSON, from the index in the state folder.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;

use serde::Serialize;

use crate::Outcome;
use crate::cli::SearchArgs;
use crate::library::path_string;
use crate::sanitize::sanitize_line;
use crate::search::{Hit, Index, Progress, Query};

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

/// Where the index lives: `$XDG_STATE_HOME/quire/quire.db`, else
/// `~/.local/state/quire/quire.db`; `None` when neither is known.
pub fn database_path() -> Option<PathBuf> {
    let state = std::env::var_os("XDG_STATE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|home| PathBuf::from(home).join(".local/state"))
        })?;
    Some(state.join("quire").join("quire.db"))
}

/// True when the run must leave no state behind (`--no-state`, `QUIRE_NO_STATE=1`).
fn no_state(args: &SearchArgs) -> bool {
    args.no_state || std::env::var_os("QUIRE_NO_STATE").is_some_and(|v| v == "1")
}

/// Opens the index on disk, or in memory when asked to or when the file
/// cannot be opened (said on stderr).
fn open_index(args: &SearchArgs) -> anyhow::Result<Index> {
    if !no_state(args)
        && let Some(path) = database_path()
    {
        match Index::open(&path) {
            Ok(index) => return Ok(index),
            Err(err) => eprintln!(
                "quire: warning: {}: {err}; searching without saving the index",
                sanitize_line(&path_string(&path))
            ),
        }
    }
    Ok(Index::open_in_memory()?)
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
    index.refresh(&dir, &mut report)?;
    let mut query = Query::parse(&args.query);
    query
        .tags
        .extend(args.tags.iter().map(|t| t.trim().to_lowercase()));
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
    serde_json::to_writer_pretty(&mut *out, &rows)?;
    writeln!(out)
}

/// Two lines a hit: `path:line  Title › Section › Sub`, then the snippet
/// indented, matches in reverse video on a terminal, else in `[brackets]`.
pub fn write_text(out: &mut impl Write, hits: &[Hit], color: bool) -> io::Result<()> {
    for h in hits {
        let mut place = sanitize_line(&h.title).into_owned();
        for heading in &h.section {
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

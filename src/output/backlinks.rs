//! `quire backlinks PATH[#anchor] [DIR] [--json]`: the links into an
//! article (or one of its sections) from the articles of a folder, as
//! `path:line: text` or JSON, from the link index in the state folder.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::Outcome;
use crate::cli::BacklinksArgs;
use crate::library::{ScanOptions, path_string};
use crate::links::backlinks::{Backlink, LinkIndex, Section, default_root};
use crate::sanitize::sanitize_line;
use crate::store;

/// One link in, as `--json` prints it.
#[derive(Debug, Serialize)]
struct BacklinkJson<'a> {
    path: String,
    line: usize,
    text: &'a str,
    anchor: Option<&'a str>,
}

/// Opens the index in the store, or in memory when asked to or when the
/// store cannot be used (said on stderr).
fn open_index(no_state: bool) -> anyhow::Result<LinkIndex> {
    let (store, warnings) = store::open_state(no_state);
    for warning in warnings {
        eprintln!("quire: warning: {}", sanitize_line(&warning));
    }
    match store {
        Some(store) => Ok(LinkIndex::from_store(store)),
        None => Ok(LinkIndex::open_in_memory()?),
    }
}

/// Refreshes the folder's link index, then prints the links into the
/// article. Exit 1 when the article or folder cannot be read.
pub fn backlinks(args: &BacklinksArgs) -> anyhow::Result<Outcome> {
    let (file, anchor) = match args.path.split_once('#') {
        Some((file, anchor)) if !file.is_empty() => (PathBuf::from(file), Some(anchor)),
        _ => (PathBuf::from(&args.path), None),
    };
    let shown_file = sanitize_line(&path_string(&file)).into_owned();
    if !file.is_file() {
        eprintln!("quire: {shown_file}: no such article");
        return Ok(Outcome::Failure);
    }
    let dir = args.dir.clone().unwrap_or_else(|| default_root(&file));
    if !dir.is_dir() {
        eprintln!(
            "quire: {}: is not a folder",
            sanitize_line(&path_string(&dir))
        );
        return Ok(Outcome::Failure);
    }
    let Some(rel) = inside(&dir, &file) else {
        eprintln!(
            "quire: {shown_file}: is not inside {}",
            sanitize_line(&path_string(&dir))
        );
        return Ok(Outcome::Failure);
    };
    let section = match anchor {
        Some(anchor) => {
            let Some(article) = super::load_article(&file) else {
                return Ok(Outcome::Failure);
            };
            match Section::of(&article, anchor) {
                Some(section) => Some(section),
                None => {
                    eprintln!(
                        "quire: {shown_file}: no heading or block #{}",
                        sanitize_line(anchor)
                    );
                    return Ok(Outcome::Failure);
                }
            }
        }
        None => None,
    };
    let mut index = open_index(args.state.no_state)?;
    let options = ScanOptions {
        no_ignore: args.state.no_ignore,
        ..ScanOptions::default()
    };
    index.refresh(&dir, &options)?;
    let found = index.backlinks(&dir, &rel, section.as_ref())?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.json {
        write_json(&mut out, &dir, &found)?;
    } else {
        for link in &found {
            writeln!(
                out,
                "{}:{}: {}",
                sanitize_line(&path_string(&dir.join(&link.path))),
                link.line,
                sanitize_line(&link.text)
            )?;
        }
    }
    out.flush()?;
    Ok(Outcome::Success)
}

/// `file` relative to `dir`, comparing their canonical paths.
fn inside(dir: &Path, file: &Path) -> Option<PathBuf> {
    let dir = dir.canonicalize().ok()?;
    let file = file.canonicalize().ok()?;
    file.strip_prefix(&dir).ok().map(Path::to_path_buf)
}

fn write_json(out: &mut impl Write, dir: &Path, found: &[Backlink]) -> io::Result<()> {
    let rows: Vec<BacklinkJson<'_>> = found
        .iter()
        .map(|l| BacklinkJson {
            path: path_string(&dir.join(&l.path)),
            line: l.line,
            text: &l.text,
            anchor: l.anchor.as_deref(),
        })
        .collect();
    super::json::to_writer(out, &rows)?;
    writeln!(out)
}

//! `quire links PATH [--broken] [--json]`: every link of an article (or of
//! each article of a folder) and where it leads; a link checker with `--broken`.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::Outcome;
use crate::cli::LinksArgs;
use crate::library::{self, ScanOptions};
use crate::links::{Kind, Link, Resolution, Resolver};
use crate::sanitize::sanitize_line;

/// The links of one article, as `--json` prints them.
#[derive(Debug, Serialize)]
struct FileJson<'a> {
    path: String,
    links: Vec<LinkJson<'a>>,
}

/// One link in the JSON output.
#[derive(Debug, Serialize)]
struct LinkJson<'a> {
    line: usize,
    text: &'a str,
    target: &'a str,
    kind: &'static str,
    resolved: Option<PlaceJson>,
    reason: Option<&'a str>,
}

/// Where a link leads: a file and maybe a heading anchor in it.
#[derive(Debug, Serialize)]
struct PlaceJson {
    path: String,
    anchor: Option<String>,
}

/// One article's links with where each leads.
struct Checked {
    path: PathBuf,
    links: Vec<(Link, Resolution)>,
}

/// `quire links PATH`: a file's links, or every article's of a folder.
/// Exit 1 when PATH cannot be read, or with `--broken` when a link is broken.
pub fn links(args: &LinksArgs, user: &crate::config::Config) -> anyhow::Result<Outcome> {
    if let Some(remote) = super::remote::draft(&args.path, user, args.no_state) {
        let Some((draft, url)) = remote else {
            return Ok(Outcome::Failure);
        };
        let article = draft.outlined();
        let mut links = crate::remote::links::resolve_all(&article, &url);
        if args.broken {
            links.retain(|(_, r)| r.is_broken());
        }
        let broken = args.broken && !links.is_empty();
        let checked = [Checked {
            path: article.path.clone(),
            links,
        }];
        let stdout = io::stdout();
        let mut out = BufWriter::new(stdout.lock());
        if args.json {
            write_json(&mut out, &checked, false)?;
        } else {
            write_text(&mut out, &checked[0])?;
        }
        out.flush()?;
        return Ok(if broken {
            Outcome::Failure
        } else {
            Outcome::Success
        });
    }
    let folder = args.path.is_dir();
    let (files, mut resolver) = if folder {
        (articles_in(&args.path), Resolver::new(Some(&args.path)))
    } else {
        (vec![args.path.clone()], Resolver::new(None))
    };
    let mut failed = false;
    let mut checked = Vec::with_capacity(files.len());
    for file in &files {
        let Some(article) = super::load_article(file) else {
            failed = true;
            continue;
        };
        let mut links = resolver.resolve_all(&article);
        if args.broken {
            links.retain(|(_, r)| r.is_broken());
        }
        checked.push(Checked {
            path: file.clone(),
            links,
        });
    }
    let broken = checked.iter().any(|c| !c.links.is_empty()) && args.broken;
    if args.broken && folder {
        checked.retain(|c| !c.links.is_empty());
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.json {
        write_json(&mut out, &checked, folder)?;
    } else {
        for file in &checked {
            write_text(&mut out, file)?;
        }
    }
    out.flush()?;
    Ok(if failed || broken {
        Outcome::Failure
    } else {
        Outcome::Success
    })
}

/// One line per link: `path:line: kind: [text](target) -> where` or
/// `..: reason` when it is broken, refused or unresolved.
fn write_text(out: &mut impl Write, file: &Checked) -> io::Result<()> {
    let path = shown(&file.path);
    for (link, found) in &file.links {
        write!(
            out,
            "{path}:{}: {}: [{}]({})",
            link.line,
            found.kind.name(),
            sanitize_line(&link.text),
            sanitize_line(&link.target)
        )?;
        if let Some(place) = place(found) {
            write!(out, " -> {}", sanitize_line(&place.path))?;
            if let Some(anchor) = &place.anchor {
                write!(out, "#{}", sanitize_line(anchor))?;
            }
        }
        if let Some(reason) = &found.reason {
            write!(out, ": {}", sanitize_line(reason))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// One object per article, an array of them for a folder.
fn write_json(out: &mut impl Write, files: &[Checked], folder: bool) -> io::Result<()> {
    let objects: Vec<FileJson<'_>> = files.iter().map(file_json).collect();
    if folder {
        super::json::to_writer(out, &objects)?;
    } else {
        super::json::to_writer(out, &objects.first())?;
    }
    writeln!(out)
}

fn file_json(file: &Checked) -> FileJson<'_> {
    FileJson {
        path: file.path.to_string_lossy().into_owned(),
        links: file
            .links
            .iter()
            .map(|(link, found)| LinkJson {
                line: link.line,
                text: &link.text,
                target: &link.target,
                kind: found.kind.name(),
                resolved: place(found),
                reason: found.reason.as_deref(),
            })
            .collect(),
    }
}

/// The file and anchor a link leads to; `None` for URLs and failures.
fn place(found: &Resolution) -> Option<PlaceJson> {
    match found.kind {
        Kind::Anchor | Kind::File | Kind::Wikilink => Some(PlaceJson {
            path: found.path.as_deref()?.to_string_lossy().into_owned(),
            anchor: found.anchor.clone(),
        }),
        Kind::Url | Kind::Unresolved | Kind::Refused | Kind::Template | Kind::Generated => None,
    }
}

/// The articles of a folder as the library lists them (ignore files,
/// build folders and Jekyll's `exclude:` honoured), sorted by path.
fn articles_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = library::markdown_files(dir, &ScanOptions::default())
        .into_iter()
        .map(|(rel, _, _)| dir.join(rel))
        .collect();
    files.sort();
    files
}

fn shown(path: &Path) -> String {
    sanitize_line(&path.display().to_string()).into_owned()
}

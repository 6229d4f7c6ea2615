//! `quire outline FILE [--json]`: an article's title and heading tree.

use std::io::{self, BufWriter, Write};

use serde::Serialize;

use crate::Outcome;
use crate::article::Article;
use crate::cli::OutlineArgs;
use crate::sanitize::sanitize_line;

/// The JSON shape: `{"path","title","headings":[{"level","text","anchor","line"}]}`.
#[derive(Debug, Serialize)]
struct OutlineJson<'a> {
    path: String,
    title: &'a str,
    headings: Vec<HeadingJson<'a>>,
}

/// One heading in the JSON output.
#[derive(Debug, Serialize)]
struct HeadingJson<'a> {
    level: u8,
    text: &'a str,
    anchor: &'a str,
    line: usize,
}

/// Prints the outline of `args.file`: warnings on stderr, the outline on
/// stdout. A file that cannot be read is a message on stderr and a failure.
pub fn outline(args: &OutlineArgs) -> anyhow::Result<Outcome> {
    if args.file.is_dir() {
        eprintln!(
            "quire: {}: is a folder, not an article",
            args.file.display()
        );
        return Ok(Outcome::Failure);
    }
    let article = match Article::load(&args.file) {
        Ok(article) => article,
        Err(err) => {
            eprintln!("quire: {err}");
            return Ok(Outcome::Failure);
        }
    };
    for warning in &article.warnings {
        eprintln!("quire: {}", sanitize_line(&warning.to_string()));
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.json {
        write_json(&mut out, &article)?;
    } else {
        write_text(&mut out, &article)?;
    }
    out.flush()?;
    Ok(Outcome::Success)
}

/// The title, then one line per heading, indented two spaces per level below
/// the highest level present.
pub fn write_text(out: &mut impl Write, article: &Article) -> io::Result<()> {
    writeln!(out, "{}", sanitize_line(&article.meta.title))?;
    let top = article.outline.iter().map(|h| h.level).min().unwrap_or(1);
    for heading in &article.outline {
        let depth = usize::from(heading.level.saturating_sub(top));
        writeln!(
            out,
            "{:indent$}{}",
            "",
            sanitize_line(&heading.text),
            indent = depth * 2
        )?;
    }
    Ok(())
}

/// The outline as one JSON object and a newline. serde_json escapes control
/// characters, so the text stays as the file has it.
pub fn write_json(out: &mut impl Write, article: &Article) -> io::Result<()> {
    let json = OutlineJson {
        path: article.path.to_string_lossy().into_owned(),
        title: &article.meta.title,
        headings: article
            .outline
            .iter()
            .map(|h| HeadingJson {
                level: h.level,
                text: &h.text,
                anchor: &h.anchor,
                line: h.line,
            })
            .collect(),
    };
    serde_json::to_writer(&mut *out, &json).map_err(io::Error::from)?;
    writeln!(out)
}

//! `quire outline FILE [--json]`: an article's title and heading tree.

use std::collections::HashMap;
use std::io::{self, BufWriter, Write};

use serde::Serialize;
use serde::ser::SerializeSeq;

use crate::Outcome;
use crate::article::{Article, Heading};
use crate::cli::OutlineArgs;
use crate::sanitize::sanitize_line;

/// The JSON shape: `{"path","title","headings":[{"level","text","anchor","line"}]}`.
#[derive(Debug, Serialize)]
struct OutlineJson<'a> {
    path: String,
    title: &'a str,
    headings: HeadingsJson<'a>,
}

/// The headings, each written as it is reached (an article can hold
/// millions: none is copied for the output), with the ids a Zola site
/// gives them by body offset.
#[derive(Debug)]
struct HeadingsJson<'a>(&'a [Heading], &'a HashMap<usize, String>);

impl Serialize for HeadingsJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for h in self.0 {
            let own = h.anchor();
            let anchor = self.1.get(&h.offset()).map_or(own.as_str(), String::as_str);
            seq.serialize_element(&HeadingJson {
                level: h.level(),
                text: h.text(),
                anchor,
                line: h.line(),
            })?;
        }
        seq.end()
    }
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
pub fn outline(args: &OutlineArgs, user: &crate::config::Config) -> anyhow::Result<Outcome> {
    let article = match super::remote::draft(&args.file, user, args.no_state) {
        Some(remote) => remote.map(|(draft, _)| draft.outlined()),
        None => super::load_article(&args.file),
    };
    let Some(article) = article else {
        return Ok(Outcome::Failure);
    };
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
    let top = article.outline.iter().map(|h| h.level()).min().unwrap_or(1);
    const INDENT: &[u8] = b"          ";
    for heading in &article.outline {
        let depth = usize::from(heading.level().saturating_sub(top));
        out.write_all(&INDENT[..depth * 2])?;
        out.write_all(sanitize_line(heading.text()).as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// The outline as one JSON object and a newline; a Zola page's anchors are
/// Zola's ids. The values are the text as the file has it; characters a terminal could act on are written as
/// `\uXXXX` escapes by [`super::json`].
pub fn write_json(out: &mut impl Write, article: &Article) -> io::Result<()> {
    let site_ids = crate::links::Resolver::new(None).zola_heading_ids(article);
    let json = OutlineJson {
        path: article.path.to_string_lossy().into_owned(),
        title: &article.meta.title,
        headings: HeadingsJson(&article.outline, &site_ids),
    };
    super::json::to_writer(out, &json)?;
    writeln!(out)
}

//! A large body read in pieces gives the very events one parse gives:
//! checked with small pieces on our articles and fixtures, the shared
//! corpus, and shapes made to catch a cut in the wrong place.

#![allow(clippy::unwrap_used)]

use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{Event, Parser, Tag};
use quire::article::events::events_in_pieces;
use quire::article::parser_options;

/// An event as compared: a table or a list cut into pieces starts where it
/// starts but its opening event's range ends with the first piece, and a
/// list's closing event's range starts with the last piece, so only the
/// start of the one and the end of the other count (layout and outline read
/// opening events' starts only).
fn compared((event, range): (Event<'_>, Range<usize>)) -> (Event<'static>, Range<usize>) {
    let range = match event {
        Event::Start(Tag::Table(_) | Tag::List(_)) => range.start..range.start,
        Event::End(pulldown_cmark::TagEnd::List(_)) => range.end..range.end,
        _ => range,
    };
    (event.into_static(), range)
}

fn whole(body: &str) -> Vec<(Event<'static>, Range<usize>)> {
    Parser::new_ext(body, parser_options())
        .into_offset_iter()
        .map(compared)
        .collect()
}

fn pieces(body: &str, piece: usize) -> Vec<(Event<'static>, Range<usize>)> {
    events_in_pieces(body, parser_options(), 0, piece)
        .map(compared)
        .collect()
}

/// The first place the two differ, for a readable failure.
fn check(name: &str, body: &str) {
    let expected = whole(body);
    for piece in [1, 40, 300, 4096] {
        let got = pieces(body, piece);
        if let Some(i) = (0..expected.len().max(got.len())).find(|&i| expected.get(i) != got.get(i))
        {
            let from = i.saturating_sub(3);
            panic!(
                "{name}, pieces of {piece}: event {i} differs\nwhole:  {:?}\npieces: {:?}",
                &expected[from..(i + 3).min(expected.len())],
                &got[from.min(got.len())..(i + 3).min(got.len())]
            );
        }
    }
}

fn markdown_in(dir: &Path) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                let bytes = std::fs::read(&path).unwrap();
                found.push((
                    path.display().to_string(),
                    String::from_utf8_lossy(&bytes).replace("\r\n", "\n"),
                ));
            }
        }
    }
    found.sort();
    found
}

#[test]
fn our_articles_and_fixtures_read_in_pieces_as_in_one_parse() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = markdown_in(&root.join("articles"));
    files.extend(markdown_in(&root.join("tests/fixtures")));
    assert!(files.len() > 10);
    for (name, text) in &files {
        check(name, text);
    }
    // All of them as one body: definitions and footnotes far from their use.
    let all: String = files.iter().map(|(_, t)| format!("{t}\n\n")).collect();
    check("all fixtures", &all);
}

#[test]
fn the_shared_corpus_reads_in_pieces_as_in_one_parse() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/posts");
    if !dir.is_dir() {
        eprintln!("skipping: {} is absent", dir.display());
        return;
    }
    let files = markdown_in(&dir);
    assert!(files.len() >= 50);
    for (name, text) in &files {
        check(name, text);
    }
}

#[test]
fn shapes_that_a_wrong_cut_would_change_read_the_same() {
    let shapes: &[(&str, String)] = &[
        ("headings", "# h\n".repeat(200)),
        ("setext", "h\n=\n".repeat(200)),
        ("setext dashes", "para\ntext\n---\n".repeat(100)),
        ("lazy quote", "> a\nb\n=\nc\n\n".repeat(50)),
        (
            "fence with blanks",
            "```\n# no\n\nx\n\n# no\n```\n\n# yes\n".repeat(40),
        ),
        ("tilde fence", "~~~~\n~~~\n\n# no\n~~~~\ntext\n".repeat(40)),
        (
            "html with blanks",
            "<!--\n\n# no\n\n-->\ntext\n\n<pre>\n\n# no\n</pre>\n".repeat(30),
        ),
        ("html to blank", "<div>\n# no\nstill\n\n# yes\n".repeat(40)),
        (
            "loose list",
            "- a\n\n- b\n\n  more\n\nafter\n\n1. one\n\n2. two\n".repeat(40),
        ),
        ("quotes", "> q\n> # in quote\n\n> again\n# out\n".repeat(40)),
        ("nesting", "> - > - > - x\n\n".repeat(60)),
        ("indented code", "    code\n\n    more\n# h\n".repeat(50)),
        (
            "deflist",
            "Term\n: def\n\nTerm 2\n: def 2\n\nplain\n\n".repeat(40),
        ),
        (
            "table",
            format!(
                "| a | b |\n|:--|--:|\n{}\nafter\n",
                "| 1 | **2** |\n".repeat(200)
            ),
        ),
        (
            "table no pipes",
            format!("a | b\n--|--\n{}\n# h\n", "x | y\n".repeat(150)),
        ),
        (
            "wide table",
            format!(
                "|{}|\n|{}|\n{}",
                "c|".repeat(50),
                "-|".repeat(50),
                format!("|{}|\n", "x|".repeat(50)).repeat(40)
            ),
        ),
        ("not a table", "a | b\n--|--|--\nc | d\n\n".repeat(60)),
        (
            "footnote definitions one after another",
            concat!(
                "[^a]: one [^b]\n[^b]: two\nlazy\n[^c]: three\n    more\n\n    para\n",
                "text [^a] [^b] [^c]\n[^d]: after text\n- item\n[^e]: after a list\n",
                "> q\n[^f]: after a quote\n```\n[^g]: in a fence\n```\n",
                "[^h]:\n[^i]: x\n: not a deflist\n[^j]: y [^j] [^J] [^K]\n\n[^k]: z\n\n",
            )
            .repeat(20),
        ),
        (
            "blocks right after headings",
            concat!(
                "*\n=\n- a\n\\\n-\n> q\n`\n=\n1. b\n# h\n* c\n  more\nT\n===\n",
                "```\nx\n```\nU\n---\n| a |\n|---|\n| 1 |\n# h2\n<div>\n# in html\n\n",
                "V\n===\n    code\nW\n===\n[r]: /x\nX\n===\n: d\n",
                "\\\n=\n`\n-\n*a*\n=\n<b>\n=\n[x]: /y\n=\n!\n---\n| a\n---\n",
            )
            .repeat(20),
        ),
        ("a tight list", "- a\n- *b*\n  - c\n- d\n".repeat(60)),
        (
            "a tight ordered list",
            "1. a\n2. b\n3) c\n4) d\n".repeat(60),
        ),
        ("a loose list", "- a\n\n- b\n\n  b2\n- c\n".repeat(60)),
        (
            "a list loose between items",
            "* a\n\n* b\n  more\n\n".repeat(60),
        ),
        (
            "lists that end and go on",
            concat!(
                "- a\n- b\nlazy\n- c\n\n- d\n\npara\n\n- e\n- f\n# h\n",
                "+ g\n+ h\n* * *\n+ i\n```\n- j\n```\n- k\n<div>\n- l\n\n",
                "- m\n-\n- n\n> - o\n- p\n",
                "\n\nx\n\n- q\nlazy\n\n- r\n- s\n- t\n- u\n\nafter\n\n",
            )
            .repeat(20),
        ),
        (
            "lists of other markers",
            concat!(
                "- a\n1. b\n* c\n+ d\n2) e\n- f\n2. g\n- h\n\n3. i\n* j\n-\n+ k\n",
                "- l\n  1. m\n* n\nlazy\n+ o\n> - p\n1) q\n- ```\n1. r\n```\n* s\n",
                "- t\n\n  t2\n+ u\n- v\n    1. w\n* x\n",
            )
            .repeat(20),
        ),
        (
            "blocks after blank lines",
            concat!(
                "*a* b\n\n`x` y\n\n_u_\n\n<b>h</b> t\n\n~~s~~\n\n$m$\n\n***\n\n",
                "- i\n\n* j\n\n+ k\n\n10. n\n\n2) m\n\n-\n\n*\n\n| a |\n|---|\n| 1 |\n\n",
                "!x\n\n=\n\n---\n\n<div>\nd\n\n</div>\n\n```\nc\n\nd\n```\n\n",
                "- l\n\n  more\n\n    code\n\n> q\n\nlazy\n\nT\n\n: def\n\n",
            )
            .repeat(20),
        ),
        (
            "definitions far away",
            format!(
                "{}\n[r]: https://example.org \"t\"\n\n[^n]: A note.\n\n{}",
                "See [this][r] and [^n].\n\n# h\n".repeat(60),
                "Again [this][r], [r] and [^n].\n\n".repeat(60)
            ),
        ),
        (
            "heading ends definitions",
            "T\n: d\n# h\nmore\n: d?\n\nx\n".repeat(40),
        ),
        (
            "table then heading",
            "| a |\n|---|\n| 1 |\n# h\n| 2 |\n".repeat(40),
        ),
        (
            "footnote body",
            "Text[^a].\n\n[^a]: first\n\n    second para\n\nafter\n".repeat(40),
        ),
        (
            "definition on two lines",
            "[x][l]\n\n[l]:\n/url\n\"title\"\n\n# h\n".repeat(40),
        ),
        (
            "math",
            "$$\nx^2\n$$\n\ntext $a$ and $5 and $10.\n\n".repeat(50),
        ),
        ("emphasis across lines", "*a\nb*\n\n**c\n# d**\n".repeat(50)),
    ];
    for (name, body) in shapes {
        check(name, body);
    }
}

#[test]
fn a_long_paragraph_is_plain_text_unless_it_is_more_than_a_paragraph() {
    let long = "*w* ".repeat(quire::article::events::LONG_PARAGRAPH_BYTES / 4 + 10);
    let options = quire::article::parser_options();
    // A paragraph: its lines as written, no emphasis parsed.
    let body = format!("# A\n\n{long}\n\n# B\n");
    // Read in pieces of 64 KB whatever its size.
    let events: Vec<_> = events_in_pieces(&body, options, 0, 64 * 1024)
        .map(|(e, _)| e)
        .collect();
    assert!(
        !events
            .iter()
            .any(|e| matches!(e, Event::Start(Tag::Emphasis)))
    );
    assert!(
        events
            .iter()
            .any(|e| matches!(e, Event::Text(t) if t.starts_with("*w* *w*")))
    );
    // Thousands of quotes nested on one line: shown as written.
    let nested = "> - ".repeat(quire::article::events::LONG_PARAGRAPH_BYTES / 4 + 10);
    let body = format!("# A\n\n{nested}x\n\n# B\n");
    let events: Vec<_> = events_in_pieces(&body, options, 0, 64 * 1024)
        .map(|(e, _)| e)
        .collect();
    assert!(
        !events
            .iter()
            .any(|e| matches!(e, Event::Start(Tag::BlockQuote(_))))
    );
    assert!(
        events
            .iter()
            .any(|e| matches!(e, Event::Text(t) if t.starts_with("> - > - ")))
    );
    // A table with a row too long to parse: its rows as written, each on its own.
    let row = format!(
        "|{}\n",
        "x|".repeat(quire::article::events::LONG_PARAGRAPH_BYTES / 2 + 10)
    );
    let body = format!("# A\n\n| a | b |\n|---|---|\n{row}| c | d |\n\n# B\n");
    let events: Vec<_> = events_in_pieces(&body, options, 0, 64 * 1024)
        .map(|(e, _)| e)
        .collect();
    assert!(
        !events
            .iter()
            .any(|e| matches!(e, Event::Start(Tag::Table(_))))
    );
    let texts: Vec<&str> = events
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    assert_eq!(texts[..3], ["A", "| a | b |", "|---|---|"]);
    assert_eq!(texts[3], row.trim_end());
    assert_eq!(texts[4..], ["| c | d |", "B"]);
    assert_eq!(
        events
            .iter()
            .filter(|e| matches!(e, Event::HardBreak))
            .count(),
        3
    );
    // Underlined, it is a heading; followed by a definition, a term; in a
    // list, an item; a nested line the list goes on after: each is parsed
    // as it is.
    for body in [
        format!("# A\n\n{long}\n===\n"),
        format!("# A\n\n{long}\n\n: a definition\n"),
        format!("# A\n\n- {long}\n- b\n"),
        format!("# A\n\n- {nested}x\n\n  more of it\n"),
        format!("# A\n\n- {nested}x\n\n- next\n"),
        format!("# A\n\n| a | b |\n|---|---|\n{row}# B\n"),
    ] {
        let whole: Vec<_> = pulldown_cmark::Parser::new_ext(&body, options)
            .into_offset_iter()
            .collect();
        let pieces: Vec<_> = events_in_pieces(&body, options, 0, 64 * 1024).collect();
        assert_eq!(pieces.len(), whole.len());
        assert!(pieces.iter().zip(&whole).all(|(a, b)| a == b));
    }
}

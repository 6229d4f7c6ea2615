//! Tests of reading an article: files refused, sizes, drafts, titles.
use super::*;

fn load(name: &str, bytes: &[u8]) -> Article {
    Article::from_bytes(Path::new(name), bytes)
}

#[test]
fn bom_and_crlf_front_matter_and_lines() {
    let article = load(
        "a.md",
        b"\xEF\xBB\xBF---\r\ntitle: Windows\r\ntags: [a]\r\n---\r\n\r\n## One\r\n\r\n## Two\r\n",
    );
    assert_eq!(article.meta.title, "Windows");
    assert_eq!(article.meta.tags, ["a"]);
    assert_eq!(article.body, "\n## One\n\n## Two\n");
    assert_eq!(article.body_line, 5);
    let lines: Vec<usize> = article.outline.iter().map(|h| h.line()).collect();
    assert_eq!(lines, [6, 8]);
    assert!(article.warnings.is_empty());
}

#[test]
fn title_falls_back_to_the_first_level_one_heading_then_the_file_stem() {
    let article = load(
        "x/2020-01-02-post.md",
        b"## Sub\n\n# *Main* title\n\n# Later\n",
    );
    assert_eq!(article.meta.title, "Main title");
    assert_eq!(article.meta.date.as_deref(), Some("2020-01-02"));
    let article = load("x/notes.md", b"## Only a sub\n");
    assert_eq!(article.meta.title, "notes");
    let article = load("blog/my-post/index.md", b"text\n");
    assert_eq!(article.meta.title, "my-post");
}

#[test]
fn empty_file_is_an_empty_article() {
    let article = load("empty.md", b"");
    assert_eq!(article.meta.title, "empty");
    assert!(article.outline.is_empty());
    assert!(article.body.is_empty());
    assert!(article.warnings.is_empty());
}

#[test]
fn front_matter_only_has_an_empty_body() {
    let article = load("fm.md", b"---\ntitle: Meta only\n---");
    assert_eq!(article.meta.title, "Meta only");
    assert_eq!(article.body, "");
    assert!(article.outline.is_empty());
}

#[test]
fn invalid_utf8_and_unclosed_front_matter_are_warnings_not_failures() {
    let article = load("bad.md", b"---\ntitle: x\n\n# Caf\xE9\n");
    assert_eq!(article.warnings.len(), 2, "{:?}", article.warnings);
    assert!(
        article
            .warnings
            .iter()
            .any(|w| w.message.contains("byte 19"))
    );
    assert!(article.warnings.iter().any(|w| w.line == Some(1)));
    assert_eq!(article.meta.title, "Caf\u{fffd}");
    assert_eq!(article.meta.front_matter, FrontMatterKind::None);
    assert_eq!(article.outline[0].line(), 4);
}

#[test]
fn a_middle_rule_pair_keeps_every_section() {
    let body = b"---\ntitle: T\n---\n# A\n\n---\n\n## B\n\ntext\n\n---\n\n## C\n";
    let article = load("rules.md", body);
    let texts: Vec<&str> = article.outline.iter().map(|h| h.text()).collect();
    assert_eq!(texts, ["A", "B", "C"]);
}

#[test]
fn warnings_name_file_and_line() {
    let warning = Warning {
        path: PathBuf::from("p/a.md"),
        line: Some(3),
        message: "odd".to_string(),
    };
    assert_eq!(warning.to_string(), "p/a.md:3: odd");
}

#[test]
fn sizes_read_with_units() {
    assert_eq!(parse_size("123"), Some(123));
    assert_eq!(parse_size("64k"), Some(64 << 10));
    assert_eq!(parse_size(" 256M "), Some(256 << 20));
    assert_eq!(parse_size("1G"), Some(1 << 30));
    assert_eq!(parse_size("x"), None);
    assert_eq!(parse_size("5T"), None);
    assert_eq!(parse_size(""), None);
}

#[test]
fn only_regular_files_are_read() {
    let err = read_file(Path::new("/dev/zero")).err();
    assert!(matches!(err, Some(Error::NotAFile { .. })), "{err:?}");
    let dir = std::env::temp_dir();
    assert!(matches!(read_file(&dir), Err(Error::NotAFile { .. })));
}

#[test]
fn load_reports_a_missing_file() {
    let err = Article::load(Path::new("/nonexistent/quire/x.md")).err();
    assert!(matches!(err, Some(Error::Read { .. })));
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    /// Bytes that look like articles: fences, headings, CRs, BOMs,
    /// tabs, code fences and invalid UTF-8, in any order.
    fn article_bytes() -> impl Strategy<Value = Vec<u8>> {
        let pieces = prop::sample::select(vec![
            "---\n",
            "+++\n",
            "...\n",
            "# ",
            "## x ##\t#",
            "\r\n",
            "\r",
            "\n",
            "```\n",
            "~~~",
            "    ",
            "\t",
            "title: ",
            "tags: [a, ~, 1]\n",
            "=====\n",
            "> ",
            "- ",
            "{#id}",
            "&amp;",
            "*e*",
            "`c`",
            "[l](u)",
            "<b>",
            "\u{feff}",
            "\u{1b}[2J",
            "é",
            "日本",
        ]);
        prop::collection::vec(
            prop_oneof![
                pieces.prop_map(|p| p.as_bytes().to_vec()),
                prop::collection::vec(any::<u8>(), 0..4),
            ],
            0..40,
        )
        .prop_map(|chunks| chunks.concat())
    }

    proptest! {
        #![proptest_config(crate::fixed_seed(256))]
        #[test]
        fn load_and_peek_accept_anything(bytes in article_bytes()) {
            let path = Path::new("2020-1-2-any.md");
            let article = Article::from_bytes(path, &bytes);
            prop_assert!(!article.meta.title.is_empty());
            for heading in &article.outline {
                prop_assert!((1..=6).contains(&heading.level()));
                prop_assert!(heading.offset() <= article.body.len());
                prop_assert!(heading.line() >= article.body_line);
                prop_assert!(!heading.text().contains('\n'));
            }
            prop_assert!(!article.body.contains('\r'));
            let peeked = peek(path, &bytes);
            prop_assert_eq!(&peeked.meta.tags, &article.meta.tags);
            prop_assert_eq!(&peeked.meta.date, &article.meta.date);
        }
    }
}

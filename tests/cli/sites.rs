//! Site-aware reading: the Jekyll, Hugo and Zola sites in
//! tests/fixtures/site-reading rendered headless (snapshots per kind), their
//! outline, tags, listing and search; include safety; the reader's callouts,
//! folds and pictures; and the real posts of the shared corpus (tabi,
//! jekyll-text-theme) showing no raw template syntax outside code.
use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use quire::article::Article;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::Value;

pub(super) fn sites() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site-reading")
}

pub(super) fn render(file: &Path) -> String {
    let out = common::quire()
        .args(["render", "--width", "80", "--color", "never"])
        .arg(file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

pub(super) fn json(args: &[&str], path: &Path) -> Value {
    let out = common::quire().args(args).arg(path).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The body with fenced code blocks and inline code spans taken out.
fn outside_code(body: &str) -> String {
    let mut out = String::new();
    let mut fence: Option<(char, usize)> = None;
    for line in body.lines() {
        let t = line.trim_start().trim_start_matches(['>', ' ']);
        let ch = t.chars().next().unwrap_or(' ');
        let run = t.chars().take_while(|&c| c == ch).count();
        match fence {
            Some((c, n)) if ch == c && run >= n && t[run..].trim().is_empty() => fence = None,
            Some(_) => {}
            None if (ch == '`' || ch == '~') && run >= 3 => fence = Some((ch, run)),
            None => {
                let mut ticks = false;
                for part in line.split('`') {
                    if !ticks {
                        out.push_str(part);
                    }
                    ticks = !ticks;
                }
                out.push('\n');
            }
        }
    }
    out
}

/// The template forms that must never reach a reader outside code.
const RAW: [&str; 6] = ["{{<", "{{%", "{% ", "{{ ", "{: ", "{:."];

/// `text` without the titles that keep a template link target as written
/// (`"quire:template {{% x %}}"`, `"quire:ref .."`), which no reader sees.
fn without_template_titles(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("\"quire:") {
        out.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        rest = rest.find("\")").map_or("", |end| &rest[end + 1..]);
    }
    out.push_str(rest);
    out
}

fn assert_no_raw_syntax(article: &Article) {
    let text = without_template_titles(&outside_code(&article.body));
    for raw in RAW {
        let shown: Vec<&str> = text.lines().filter(|l| l.contains(raw)).collect();
        assert!(
            shown.is_empty(),
            "{}: {raw:?} outside code: {shown:#?}",
            article.path.display()
        );
    }
}

#[test]
fn each_kind_renders_as_what_it_means() {
    for (name, rel) in [
        (
            "jekyll_release",
            "jekyll/_posts/2024-03-01-trail-release.md",
        ),
        (
            "jekyll_first_steps",
            "jekyll/_posts/2024-01-15-first-steps.md",
        ),
        ("hugo_shortcodes", "hugo/content/docs/shortcodes.md"),
        ("zola_shortcodes", "zola/content/blog/shortcodes/index.md"),
        ("zola_maths", "zola/content/blog/maths/index.md"),
    ] {
        let path = sites().join(rel);
        assert_no_raw_syntax(&common::load(&path));
        let shown = render(&path);
        // Code frames (`│ `) show code as written; nothing else may.
        for line in shown.lines().filter(|l| !l.starts_with('│')) {
            for raw in RAW {
                assert!(!line.contains(raw), "{rel}: {raw:?} in {line:?}");
            }
        }
        insta::assert_snapshot!(name, shown);
    }
}

#[test]
fn the_meanings_are_the_ones_asked_for() {
    let hugo = render(&sites().join("hugo/content/docs/shortcodes.md"));
    for shown in [
        "New in v0.120.0",
        "the third edition by Ada",
        "This paragraph comes from an include",
        "And this one from an include inside an include.",
        "includes itself through another",
        "include \"_common/missing.md\": not found",
        "outside the site, not read",
        "Show the config",
        "  author = \"Ada\"",
        "    home = \"/\"",
        "Deprecated in v0.100.0",
        "mystery-widget",
        "The widget's body is shown.",
        "['^go$', '^git$']",
        "^go$ and ^node$",
        "{{< figure src=\"x.png\" >}}",
        "{{% include \"x.md\" %}}",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    ] {
        assert!(hugo.contains(shown), "hugo render lacks {shown:?}:\n{hugo}");
    }
    let zola = render(&sites().join("zola/content/blog/shortcodes/index.md"));
    for shown in [
        "A tip",
        "Careful",
        "The valley",
        "Spoiler",
        "diagram (mermaid)",
        "It costs $3 to $4 here",
        "{{ admonition(type=\"note\", text=\"shown as written\") }}",
    ] {
        assert!(zola.contains(shown), "zola render lacks {shown:?}:\n{zola}");
    }
    let jekyll = render(&sites().join("jekyll/_posts/2024-03-01-trail-release.md"));
    for shown in [
        "Welcome to Field Notes: Short notes on long walks",
        "The trail guide, version two",
        "costs $5 and a map $12",
        "/field/docs/install/",
        "https://notes.example.org/field/about/",
        "https://github.com/quire-test/field-notes",
        "/2024/01/15/first-steps",
        "  > not a quote",
        "{{ page.title | upcase }}",
    ] {
        assert!(
            jekyll.contains(shown),
            "jekyll render lacks {shown:?}:\n{jekyll}"
        );
    }
    assert!(!jekyll.contains("This comment is never shown"));
}

#[test]
fn a_kramdown_id_is_the_headings_anchor_and_outlines_hold_no_syntax() {
    let outline = json(
        &["outline", "--json"],
        &sites().join("jekyll/_posts/2024-03-01-trail-release.md"),
    );
    let headings = outline["headings"].as_array().unwrap();
    assert_eq!(headings[0]["text"], "Version 2.0.0");
    assert_eq!(headings[0]["anchor"], "v2-0-0");
    let first = json(
        &["outline", "--json"],
        &sites().join("jekyll/_posts/2024-01-15-first-steps.md"),
    );
    assert_eq!(first["headings"][0]["anchor"], "gear-list");
}

#[test]
fn categories_and_taxonomies_are_tags_and_headless_pages_are_not_listed() {
    let tags = json(&["tags", "--json"], &sites().join("jekyll"));
    let names: Vec<&str> = tags
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["tag"].as_str().unwrap())
        .collect();
    for tag in ["release", "guides", "walking", "trails", "news"] {
        assert!(names.contains(&tag), "{tag} not in {names:?}");
    }
    let listed = json(
        &["list", "--json", "--tag", "release"],
        &sites().join("jekyll"),
    );
    assert_eq!(listed.as_array().unwrap().len(), 1);

    let hugo = json(&["list", "--json"], &sites().join("hugo"));
    let paths: Vec<&str> = hugo
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    assert!(
        paths.iter().any(|p| p.ends_with("shortcodes.md")),
        "{paths:?}"
    );
    assert!(
        !paths
            .iter()
            .any(|p| p.contains("_common") || p.ends_with("snippet.md")),
        "headless pages listed: {paths:?}"
    );
    let series = json(
        &["list", "--json", "--tag", "getting-started"],
        &sites().join("hugo"),
    );
    assert_eq!(series.as_array().unwrap().len(), 1);

    let jekyll = json(&["list", "--json"], &sites().join("jekyll"));
    assert!(!jekyll.to_string().contains("unfinished"));
}

#[test]
fn search_snippets_show_what_the_reader_shows() {
    let home = tempfile::tempdir().unwrap();
    let out = common::quire_in(home.path())
        .args(["search", "widget", "--json"])
        .arg(sites().join("hugo"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let hits: Value = serde_json::from_slice(&out.stdout).unwrap();
    let hits = hits.as_array().unwrap();
    assert!(!hits.is_empty());
    for hit in hits {
        let snippet = hit["snippet"].as_str().unwrap();
        assert!(
            !snippet.contains("{{<") && !snippet.contains(">}}"),
            "{snippet}"
        );
    }
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

#[test]
fn includes_stop_at_depth_cycles_missing_files_and_the_site_root() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    write(&site, "hugo.toml", "title = 'chain'\n");
    write(dir.path(), "secret.md", "SECRET OUTSIDE\n");
    for i in 0..10_000 {
        write(
            &site,
            &format!("content/c/{i}.md"),
            &format!("Level {i}.\n\n{{{{% include \"c/{}.md\" %}}}}\n", i + 1),
        );
    }
    write(
        &site,
        "content/page.md",
        "{{% include \"c/0.md\" %}}\n\n{{% include \"../../secret.md\" %}}\n\n\
         {{% include \"/etc/passwd\" %}}\n\n{{% include \"page.md\" %}}\n",
    );
    let article = Article::load(&site.join("content/page.md")).unwrap();
    assert!(article.body.contains("Level 7."));
    assert!(!article.body.contains("Level 8."));
    assert!(article.body.contains("nested more than 8 deep"));
    assert!(!article.body.contains("SECRET"));
    assert!(article.body.contains("outside the site, not read"));
    assert!(article.body.contains("include \"/etc/passwd\": not found"));
    assert!(article.body.contains("includes itself"));
}

fn screen(article: Article) -> String {
    let app = common::app_with(article, 80, 40);
    let mut terminal = Terminal::new(TestBackend::new(80, 40)).unwrap();
    terminal.draw(|f| quire::tui::ui::draw(f, &app)).unwrap();
    let buf = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

#[test]
fn the_reader_shows_callouts_folds_and_pictures() {
    let zola = common::load(&sites().join("zola/content/blog/shortcodes/index.md"));
    insta::assert_snapshot!("reader_zola_80x40", screen(zola));
    let hugo = common::load(&sites().join("hugo/content/docs/shortcodes.md"));
    insta::assert_snapshot!("reader_hugo_80x40", screen(hugo));
}

#[test]
fn corpus_posts_show_no_raw_template_syntax() {
    let Some(corpus) = common::corpus() else {
        return;
    };
    let mut seen = 0;
    for site in ["tabi", "jekyll-text-theme"] {
        let mut stack = vec![corpus.join(site)];
        while let Some(dir) = stack.pop() {
            for entry in fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "md") {
                    assert_no_raw_syntax(&Article::load(&path).unwrap());
                    seen += 1;
                }
            }
        }
    }
    assert!(seen >= 30, "only {seen} corpus posts read");
}

#[test]
fn kramdown_tables_are_tables_in_jekyll_and_text_where_the_site_reads_gfm() {
    let jekyll = render(&sites().join("jekyll/_posts/2024-06-20-packing-list.md"));
    // One table: its header, every row of the body's two parts and the
    // footer, no separator line shown as text.
    let table = after_line(&jekyll, "┌").expect("a table");
    let rows: Vec<&str> = table
        .lines()
        .take_while(|l| !l.starts_with('└'))
        .filter(|l| l.starts_with('│'))
        .collect();
    let first_cells: Vec<&str> = rows
        .iter()
        .filter_map(|r| r.trim_start_matches('│').split('│').next())
        .map(str::trim)
        .collect();
    assert_eq!(
        first_cells,
        ["Item", "Stove", "Two mugs", "Rope, 20 m", "Carried"],
        "{jekyll}"
    );
    let before_code = &jekyll[..jekyll.find("As it is written").expect("the second heading")];
    assert!(
        !before_code.contains("-+-") && !before_code.contains("=+="),
        "{jekyll}"
    );
    // The right-aligned column stays right-aligned.
    assert!(rows[1].contains(" 320 g │"), "{}", rows[1]);
    // The table as written, in code, is left as written.
    assert!(jekyll.contains("|---------+-------|"), "{jekyll}");
    assert!(jekyll.contains("After the table, a line of text."));
    // The dropped separators move no heading off its line in the file.
    let outline = json(
        &["outline", "--json"],
        &sites().join("jekyll/_posts/2024-06-20-packing-list.md"),
    );
    assert_eq!(outline["headings"][1]["line"], 19, "{outline}");

    // Hugo reads GFM, where a line of dashes and plus signs is no table's.
    let hugo = tempfile::tempdir().unwrap();
    write(
        hugo.path(),
        "hugo.toml",
        "baseURL = 'https://example.org/'\n",
    );
    write(
        hugo.path(),
        "content/pipes.md",
        "---\ntitle: Pipes\n---\n\n|---------+-------|\n| Kettle  | 450   |\n",
    );
    let hugo = render(&hugo.path().join("content/pipes.md"));
    assert!(hugo.contains("|---------+-------|"), "{hugo}");
    assert!(!hugo.contains('┌'), "{hugo}");
}

/// `text` from the first line that starts with `mark` on.
fn after_line<'t>(text: &'t str, mark: &str) -> Option<&'t str> {
    let at = text.lines().position(|l| l.starts_with(mark))?;
    let start: usize = text.lines().take(at).map(|l| l.len() + 1).sum();
    text.get(start..)
}

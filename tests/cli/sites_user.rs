//! Site reading as users meet it on their own sites: a file named without
//! its folder, a broken config, template text Hugo and Zola leave alone,
//! kramdown's abbreviations and markdown HTML blocks, and coloured
//! hyperlinks that open where a site's links lead.
use crate::common;

use std::fs;
use std::path::Path;

use serde_json::Value;

use super::sites::{json, render, sites};

/// Paths as a user types them at the site's root or inside `_posts`: a bare
/// file name and a relative one find the site around them as `./` does.
#[test]
fn a_bare_or_relative_file_name_finds_its_site() {
    let jekyll = sites().join("jekyll");
    let post = "2024-03-01-trail-release.md";
    let rendered = |dir: &Path, file: &str| {
        stdout_in(dir, &["render", "--width", "80", "--color", "never", file])
    };
    let bare = rendered(&jekyll.join("_posts"), post);
    let dotted = rendered(&jekyll.join("_posts"), &format!("./{post}"));
    assert!(bare.contains("/field/archive/"), "{bare}");
    assert!(bare.contains("quire-test/field-notes"), "{bare}");
    assert_eq!(bare, dotted);

    // What links in, asked with the post's path from the site's root and
    // with its bare name from inside `_posts`: the whole site is searched.
    let backlinks = |dir: &Path, file: &str| {
        let out = stdout_in(dir, &["backlinks", "--json", file]);
        let value: Value = serde_json::from_str(&out).unwrap();
        value.as_array().map_or(0, Vec::len)
    };
    let first = "2024-01-15-first-steps.md";
    let from_root = backlinks(&jekyll, &format!("_posts/{first}"));
    assert!(from_root >= 1, "the trail release links to the first post");
    assert_eq!(backlinks(&jekyll.join("_posts"), first), from_root);
}

/// What quire prints on stdout for `args` run in `dir`, once it succeeds.
fn stdout_in(dir: &Path, args: &[&str]) -> String {
    let out = common::quire()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A config that is not valid YAML or TOML is named on stderr, once a
/// command, and the pages still show.
#[test]
fn a_broken_site_config_is_named_once() {
    let cases = [
        (
            "_config.yml",
            "title: [unclosed\nbaseurl: /x\n",
            "_posts/2024-01-01-a.md",
            "YAML",
        ),
        (
            "hugo.toml",
            "baseURL = \"https://x/\n",
            "content/a.md",
            "TOML",
        ),
    ];
    for (config, text, post, format) in cases {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path();
        fs::write(site.join(config), text).unwrap();
        let path = site.join(post);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, "---\ntitle: A\n---\nSome text.\n").unwrap();
        fs::write(path.with_file_name("b.md"), "---\ntitle: B\n---\nMore.\n").unwrap();
        let out = common::quire()
            .args(["render", "--width", "60"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(out.status.success());
        assert!(String::from_utf8_lossy(&out.stdout).contains("Some text."));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(config), "{stderr}");
        assert!(stderr.contains(&format!("not valid {format}")), "{stderr}");
        let out = common::quire()
            .args(["list", "--json"])
            .arg(site)
            .output()
            .unwrap();
        assert!(out.status.success());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.matches(config).count(), 1, "{stderr}");
    }
}

/// Hugo and Zola run their shortcodes only: a `{{ value }}` or `{% tag %}`
/// in a page is its text there, not a value or a label.
#[test]
fn hugo_and_zola_show_other_template_text_as_written() {
    let cases = [
        (
            "config.toml",
            "base_url = \"https://z.example\"\n[extra]\nmotto = \"m\"\n",
        ),
        ("hugo.toml", "baseURL = \"https://h.example/\"\n"),
    ];
    for (config, text) in cases {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(config), text).unwrap();
        fs::create_dir_all(dir.path().join("content")).unwrap();
        let page = dir.path().join("content/p.md");
        fs::write(
            &page,
            "+++\ntitle = \"P\"\n+++\nMotto {{ config.extra.motto }} and {{ .Title }}, {% if x %}y{% endif %}.\n",
        )
        .unwrap();
        let out = render(&page);
        assert!(
            out.contains(
                "Motto {{ config.extra.motto }} and {{ .Title }}, {% if x %}y{% endif %}."
            ),
            "{config}: {out}"
        );
    }
}

/// kramdown's abbreviation lines are hidden and a `markdown="1"` block's
/// heading is a heading, in a Jekyll post read end to end.
#[test]
fn kramdown_abbreviations_and_markdown_blocks_read_as_kramdown_does() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("_config.yml"), "title: J\n").unwrap();
    fs::create_dir_all(dir.path().join("_posts")).unwrap();
    let post = dir.path().join("_posts/2024-01-01-a.md");
    fs::write(
        &post,
        "---\ntitle: A\n---\nThe HTML way.\n\n*[HTML]: Hyper Text Markup Language\n\n\
         <div markdown=\"1\">\n## Inside div\n\n*em*\n</div>\n\nAfter.\n",
    )
    .unwrap();
    let out = render(&post);
    assert!(!out.contains("Hyper Text"), "{out}");
    assert!(!out.contains("<div") && !out.contains("## Inside"), "{out}");
    let outline = json(&["outline", "--json"], &post);
    assert_eq!(outline["headings"][0]["text"], "Inside div");
    assert_eq!(outline["headings"][0]["line"], 9);
}

/// A coloured render's hyperlinks open where the links lead, as the reader
/// follows them: Hugo's `ref "setup"` is the file setup.md, not `./setup`.
#[test]
fn coloured_hyperlinks_open_the_file_a_site_link_leads_to() {
    let page = sites().join("hugo/content/docs/shortcodes.md");
    let out = common::quire()
        .args(["render", "--color", "always", "--width", "80"])
        .arg(&page)
        .output()
        .unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    let setup = sites().join("hugo/content/docs/setup.md");
    assert!(
        out.contains(&format!("\x1b]8;;file://{}\x1b\\", setup.display())),
        "{out:?}"
    );
    assert!(
        out.contains(&format!("\x1b]8;;file://{}#install\x1b\\", setup.display())),
        "{out:?}"
    );
}

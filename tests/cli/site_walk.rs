//! The one walk over a site's folder, with the site's rules: a Hugo
//! config's `[taxonomies]` are tags and its `cascade` headless targets are
//! not listed (in `list`, `tags`, the library screen and its tag picker),
//! and a Jekyll site's `timezone:` dates a post the same in `list` and in
//! the reader's header.
use crate::common;

use std::path::{Path, PathBuf};

use quire::library::{Filter, Library};
use quire::tui::library::LibraryScreen;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::Value;

fn sites() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site-reading")
}

fn json(args: &[&str], path: &Path) -> Value {
    let out = common::quire().args(args).arg(path).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn paths(rows: &Value) -> Vec<String> {
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| r["path"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_taxonomy_named_only_in_the_site_config_is_tags() {
    let hugo = sites().join("hugo");
    let tags = json(&["tags", "--json"], &hugo);
    let names: Vec<&str> = tags
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["tag"].as_str().unwrap())
        .collect();
    for tag in ["Grace Hopper", "field-guides", "maps"] {
        assert!(names.contains(&tag), "{tag} not in {names:?}");
    }
    let listed = json(&["list", "--json", "--tag", "grace hopper"], &hugo);
    assert_eq!(paths(&listed), ["content/docs/trails.md"]);
    let row_tags = listed[0]["tags"].to_string();
    assert!(row_tags.contains("Grace Hopper"), "{row_tags}");
    // Outside a site that names it, `authors` is only front matter.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        "---\ntitle: A\nauthors: [Grace Hopper]\n---\nText.\n",
    )
    .unwrap();
    let bare = json(&["tags", "--json"], dir.path());
    assert_eq!(bare.as_array().unwrap().len(), 0, "{bare}");
}

#[test]
fn pages_the_config_cascades_headless_are_not_listed_but_read_by_path() {
    let hugo = sites().join("hugo");
    let listed = paths(&json(&["list", "--json"], &hugo));
    assert!(
        listed.iter().any(|p| p.ends_with("trails.md")),
        "{listed:?}"
    );
    assert!(
        !listed.iter().any(|p| p.contains("snippets/")),
        "headless by the config's cascade, listed: {listed:?}"
    );
    let from_content = paths(&json(&["list", "--json"], &hugo.join("content/docs")));
    assert!(
        !from_content.iter().any(|p| p.contains("snippets/")),
        "listed from inside the site: {from_content:?}"
    );
    let out = common::quire()
        .args(["render", "--color", "never", "--width", "60"])
        .arg(hugo.join("content/docs/snippets/boots.md"))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("Dry boots slowly"));
    let trails = common::load(&hugo.join("content/docs/trails.md"));
    assert!(trails.body.contains("Dry boots slowly"), "{}", trails.body);
}

#[test]
fn the_library_screen_lists_the_sites_pages_with_its_taxonomies() {
    let scanned = quire::library::scan(&sites().join("hugo")).unwrap();
    let library = Library::from_parts(PathBuf::from("hugo"), scanned.entries, scanned.failures);
    let mut screen = LibraryScreen::new(library, Filter::default(), 24);
    screen.picker_open();
    screen.resize(100, 24);
    let mut terminal = Terminal::new(TestBackend::new(100, 24)).unwrap();
    terminal
        .draw(|f| {
            let keymap = quire::tui::keymap::Keymap::default();
            quire::tui::ui::library::draw(
                f.buffer_mut(),
                &screen,
                &quire::theme::Theme::MONO,
                keymap.hints(),
            )
        })
        .unwrap();
    insta::assert_snapshot!("hugo_library_picker", terminal.backend());
}

#[test]
fn a_post_is_dated_in_the_sites_time_zone_in_list_and_in_the_reader() {
    let post = sites().join("jekyll/_posts/2024-05-02-night-walk.md");
    let listed = json(
        &["list", "--json", "--tag", "night"],
        &sites().join("jekyll"),
    );
    assert_eq!(listed[0]["date"], "2024-05-01", "{listed}");
    let article = common::load(&post);
    assert_eq!(article.meta.date.as_deref(), Some("2024-05-01"));
    let app = common::app_with(article, 80, 12);
    let mut terminal = Terminal::new(TestBackend::new(80, 12)).unwrap();
    terminal.draw(|f| quire::tui::ui::draw(f, &app)).unwrap();
    insta::assert_snapshot!("reader_night_walk_80x12", terminal.backend());
}

/// Writes `files` (path, text) under `root`.
fn write(root: &Path, files: &[(&str, &str)]) {
    for (rel, text) in files {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

#[test]
fn jekyll_drafts_are_drafts_and_underscore_folders_are_not_articles() {
    let dir = tempfile::tempdir().unwrap();
    let site = &dir.path().join("site");
    // Its own state: the store is not shared with the other tests' runs.
    let home = dir.path().join("home");
    let json = |args: &[&str], path: &Path| -> Value {
        let out = common::quire_in(&home)
            .args(args)
            .arg(path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    write(
        site,
        &[
            (
                "_config.yml",
                "title: S\ncollections:\n  recipes:\n    output: true\n",
            ),
            (
                "_posts/2024-09-09-walk.md",
                "---\ntitle: Walk\n---\nText.\n",
            ),
            (
                "_drafts/wip.md",
                "---\ntitle: Work in progress\n---\nText.\n",
            ),
            ("_recipes/soup.md", "---\ntitle: Soup\n---\nText.\n"),
            ("_includes/snippet.md", "A snippet.\n"),
            ("_layouts/page.md", "{{ content }}\n"),
            ("_data/notes.md", "Data.\n"),
            ("_sass/notes.md", "Sass.\n"),
            ("about.md", "---\ntitle: About\n---\nText.\n"),
        ],
    );
    let rows = json(&["list", "--json"], site);
    let mut listed = paths(&rows);
    listed.sort();
    assert_eq!(
        listed,
        [
            "_drafts/wip.md",
            "_posts/2024-09-09-walk.md",
            "_recipes/soup.md",
            "about.md"
        ]
    );
    let drafts: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["draft"] == true)
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    assert_eq!(drafts, ["_drafts/wip.md"]);
    let mut published = paths(&json(&["list", "--json", "--no-drafts"], site));
    published.sort();
    assert_eq!(
        published,
        ["_posts/2024-09-09-walk.md", "_recipes/soup.md", "about.md"]
    );
    let orphans = paths(&json(&["list", "--json", "--orphans"], site));
    assert!(
        !orphans.iter().any(|p| p.starts_with("_includes")),
        "{orphans:?}"
    );
    // Listed from inside `_drafts`, the draft is still one.
    let inside = json(&["list", "--json", "--no-drafts"], &site.join("_drafts"));
    assert_eq!(inside.as_array().unwrap().len(), 0, "{inside}");
}

#[test]
fn at_a_hugo_or_zola_sites_root_only_content_is_listed() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let listed = |path: &Path| -> Vec<String> {
        let out = common::quire_in(&home)
            .args(["list", "--json", "."])
            .current_dir(path)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success() && stderr.is_empty(), "{stderr}");
        let mut found = paths(&serde_json::from_slice(&out.stdout).unwrap());
        found.sort();
        found
    };
    let hugo = dir.path().join("hugo");
    write(
        &hugo,
        &[
            (
                "hugo.toml",
                "baseURL = 'https://h.example/'\ntheme = 'leaf'\n",
            ),
            // Go template text: not TOML, never read as an article.
            (
                "archetypes/default.md",
                "+++\ntitle = '{{ replace .File.ContentBaseName \"-\" \" \" | title }}'\ndate = {{ .Date }}\n+++\n",
            ),
            ("themes/leaf/README.md", "# Leaf\n"),
            ("themes/leaf/exampleSite/content/post.md", "# Example\n"),
            ("README.md", "# The site's source\n"),
            ("content/posts/first.md", "---\ntitle: First\n---\nText.\n"),
        ],
    );
    assert_eq!(listed(&hugo), ["content/posts/first.md"]);
    // Below the root, a folder is listed as asked.
    assert_eq!(
        listed(&hugo.join("themes")),
        ["leaf/README.md", "leaf/exampleSite/content/post.md"]
    );
    let zola = dir.path().join("zola");
    write(
        &zola,
        &[
            ("config.toml", "base_url = 'https://z.example'\n"),
            ("themes/lamp/README.md", "# Lamp\n"),
            (
                "content/blog/lamps.md",
                "+++\ntitle = \"Lamps\"\n+++\nText.\n",
            ),
        ],
    );
    assert_eq!(listed(&zola), ["content/blog/lamps.md"]);
}

#[test]
fn a_jekyll_post_without_a_title_is_titled_by_its_slug_in_list_and_reader() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    write(
        &site,
        &[
            ("_config.yml", "title: S\n"),
            ("_posts/2024-09-09-my-first-post.md", "Hello there.\n"),
            (
                "_posts/2024-09-10-with-heading.md",
                "# The Heading\n\nText.\n",
            ),
            ("notes/plain-page.md", "Not a post.\n"),
        ],
    );
    let out = common::quire_in(&dir.path().join("home"))
        .args(["list", "--json"])
        .arg(&site)
        .output()
        .unwrap();
    let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut titles: Vec<(&str, &str)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["path"].as_str().unwrap(), r["title"].as_str().unwrap()))
        .collect();
    titles.sort_unstable();
    assert_eq!(
        titles,
        [
            ("_posts/2024-09-09-my-first-post.md", "My First Post"),
            ("_posts/2024-09-10-with-heading.md", "The Heading"),
            // Only posts: a page keeps its file name.
            ("notes/plain-page.md", "plain-page"),
        ]
    );
    let article = common::load(&site.join("_posts/2024-09-09-my-first-post.md"));
    assert_eq!(article.meta.title, "My First Post");
    let app = common::app_with(article, 80, 12);
    let mut terminal = Terminal::new(TestBackend::new(80, 12)).unwrap();
    terminal.draw(|f| quire::tui::ui::draw(f, &app)).unwrap();
    let screen = format!("{:?}", terminal.backend());
    assert!(screen.contains("My First Post"), "{screen}");
}

/// The rows `quire list --json` gives for `dir`, each as its path from
/// `under` and what the site's rules decide (date, tags, draft).
fn rows_of(dir: &Path, under: &Path) -> Vec<String> {
    let rows = json(&["list", "--json", "--sort", "path"], dir);
    let prefix = dir.strip_prefix(under).unwrap();
    let mut out: Vec<String> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let path = prefix.join(r["path"].as_str().unwrap());
            format!(
                "{} {} {} {}",
                path.display(),
                r["date"],
                r["tags"],
                r["draft"]
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_folder_of_sites_lists_each_file_by_its_own_sites_rules() {
    // Jekyll's exclude: and underscore folders, only Hugo's and Zola's
    // content/, a Jekyll time zone: the same rows as each site listed alone.
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for folder in [sites(), fixtures.join("generators")] {
        let mut alone: Vec<String> = ["hugo", "jekyll", "zola"]
            .iter()
            .flat_map(|site| rows_of(&folder.join(site), &folder))
            .collect();
        alone.sort();
        assert_eq!(rows_of(&folder, &folder), alone, "{}", folder.display());
    }
}

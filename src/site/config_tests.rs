use std::path::Path;

use super::*;

fn site_in(files: &[(&str, &str)]) -> (tempfile::TempDir, Option<Site>) {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("folder");
        }
        fs::write(&path, text).expect("write");
    }
    let site = config_in(dir.path());
    (dir, site)
}

#[test]
fn jekyll_settings_are_read() {
    let (_dir, site) = site_in(&[(
        "_config.yml",
        "url: https://a.org\nbaseurl: /docs/\nrepository: me/site\nexclude: [x/]\nmathjax: true\ntitle: T\ntimezone: UTC\n",
    )]);
    let site = site.expect("a site");
    assert_eq!(site.generator, Generator::Jekyll);
    assert_eq!(
        (site.url.as_str(), site.baseurl.as_str()),
        ("https://a.org", "/docs")
    );
    assert_eq!(
        site.repository_url().as_deref(),
        Some("https://github.com/me/site")
    );
    assert_eq!(site.exclude, ["x/"]);
    assert!(site.math);
    assert_eq!(site.value("site.title"), Some("T"));
    assert_eq!(site.timezone.as_deref(), Some("UTC"));
    assert_eq!(site.base.as_ref().map(|b| b.path.as_str()), Some("/docs"));
}

#[test]
fn hugo_settings_from_a_config_and_from_config_default() {
    let (_dir, site) = site_in(&[
        (
            "hugo.toml",
            "baseURL = 'https://h.org/m/'\n[taxonomies]\ntag = 'tags'\nseries = 'series'\n\
             [params]\nauthor = 'Ada'\n[markup.goldmark.parser]\nautoDefinitionTermID = true\n\
             [markup.goldmark.extensions.passthrough]\nenable = true\n\
             [[cascade]]\nheadless = true\n[cascade._target]\npath = '/_common/**'\n",
        ),
        ("content/a.md", "x"),
    ]);
    let site = site.expect("a site");
    assert_eq!(site.generator, Generator::Hugo);
    assert_eq!(
        (site.url.as_str(), site.baseurl.as_str()),
        ("https://h.org", "/m")
    );
    let mut taxonomies = site.taxonomies.clone();
    taxonomies.sort();
    assert_eq!(taxonomies, ["series", "tags"]);
    assert!(site.auto_definition_term_id && site.passthrough && site.math);
    assert_eq!(site.value("author"), Some("Ada"));
    assert_eq!(site.headless_paths, ["/_common/**"]);
    assert!(site.content.ends_with("content"));

    let (_dir, site) = site_in(&[
        ("config/_default/hugo.yaml", "baseURL: https://d.org/\n"),
        ("config/_default/params.toml", "edition = 'third'\n"),
        ("content/a.md", "x"),
    ]);
    let site = site.expect("a config/_default site");
    assert_eq!(site.url, "https://d.org");
    assert_eq!(site.value("edition"), Some("third"));
    assert_eq!(site.taxonomies, ["tags", "categories"]);
}

#[test]
fn zola_settings_and_no_site() {
    let (_dir, site) = site_in(&[(
        "config.toml",
        "base_url = 'https://z.org'\ntaxonomies = [{name = 'tags'}, {name = 'authors'}]\n[extra]\nkatex = true\n",
    )]);
    let site = site.expect("a site");
    assert_eq!(site.generator, Generator::Zola);
    assert_eq!(site.taxonomies, ["tags", "authors"]);
    assert!(site.math);
    let (_dir, site) = site_in(&[("config.toml", "[other]\nx = 1\n")]);
    assert!(site.is_none());
}

#[test]
fn a_site_is_found_once_from_any_folder_below_it() {
    let (dir, _) = site_in(&[("hugo.toml", "title = 'x'\n"), ("content/a/b.md", "x")]);
    let file = dir.path().join("content/a/b.md");
    let first = Site::of(&file).expect("found");
    let again = Site::of(&file).expect("cached");
    assert!(Arc::ptr_eq(&first, &again));
    assert!(Site::of(Path::new("no/such/file.md")).is_none());
}

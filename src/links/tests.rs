//! Every resolution rule, against the small sites in `tests/fixtures/sites`.

use std::path::{Path, PathBuf};

use super::*;

fn sites() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sites")
}

fn article(rel: &str) -> Article {
    Article::load(&sites().join(rel)).expect("fixture loads")
}

/// `(kind, path relative to the sites folder, anchor, reason given)`.
fn resolve_in(
    resolver: &mut Resolver,
    rel: &str,
    target: &str,
) -> (Kind, String, Option<String>, bool) {
    let article = article(rel);
    let found = resolver.resolve(&article, target);
    let path = found
        .path
        .as_deref()
        .map(|p| p.strip_prefix(sites()).unwrap_or(p).display().to_string())
        .unwrap_or_default();
    (found.kind, path, found.anchor, found.reason.is_some())
}

fn resolve(rel: &str, target: &str) -> (Kind, String, Option<String>, bool) {
    resolve_in(&mut Resolver::new(None), rel, target)
}

fn ok(kind: Kind, path: &str, anchor: Option<&str>) -> (Kind, String, Option<String>, bool) {
    (kind, path.to_string(), anchor.map(str::to_string), false)
}

fn reason(rel: &str, target: &str) -> String {
    let found = Resolver::new(None).resolve(&article(rel), target);
    found.reason.unwrap_or_default()
}

const README: &str = "readme/README.md";

#[test]
fn own_anchors_from_headings_and_html() {
    assert_eq!(
        resolve(README, "#usage"),
        ok(Kind::Anchor, README, Some("usage"))
    );
    assert_eq!(
        resolve(README, "#top"),
        ok(Kind::Anchor, README, Some("top"))
    );
    assert_eq!(resolve(README, "#"), ok(Kind::Anchor, README, None));
    let broken = resolve(README, "#nothing");
    assert_eq!((broken.0, broken.3), (Kind::Anchor, true));
    assert_eq!(
        reason(README, "#nothing"),
        "no heading #nothing in this article"
    );
}

#[test]
fn relative_files_with_sections_repeats_and_ids() {
    let setup = "readme/docs/setup.md";
    assert_eq!(
        resolve(README, "docs/setup.md#install"),
        ok(Kind::File, setup, Some("install"))
    );
    assert_eq!(
        resolve(README, "docs/setup.md#install-1"),
        ok(Kind::File, setup, Some("install-1"))
    );
    assert_eq!(
        resolve(README, "docs/setup.md#config"),
        ok(Kind::File, setup, Some("config"))
    );
    assert_eq!(
        resolve("readme/docs/index.md", "../docs/./setup.md"),
        ok(Kind::File, setup, None)
    );
}

#[test]
fn a_missing_section_is_broken_with_the_reason() {
    let found = Resolver::new(None).resolve(&article(README), "docs/setup.md#uninstall");
    assert_eq!(found.kind, Kind::File);
    assert!(found.is_broken());
    let why = found.reason.unwrap_or_default();
    assert!(why.starts_with("no heading #uninstall in "), "{why}");
    assert!(why.ends_with("docs/setup.md"), "{why}");
}

#[test]
fn folders_extensionless_names_and_percent_escapes() {
    assert_eq!(
        resolve(README, "./docs/"),
        ok(Kind::File, "readme/docs/index.md", None)
    );
    assert_eq!(
        resolve(README, "docs/setup"),
        ok(Kind::File, "readme/docs/setup.md", None)
    );
    assert_eq!(
        resolve(README, "my%20notes.md"),
        ok(Kind::File, "readme/my notes.md", None)
    );
}

#[test]
fn missing_ambiguous_and_index_less_targets_are_unresolved() {
    let missing = resolve(README, "docs/missing.md");
    assert_eq!((missing.0, missing.3), (Kind::Unresolved, true));
    assert!(reason(README, "docs/missing.md").starts_with("no such file: "));
    assert!(reason(README, "twice").contains("names both"));
    assert!(reason(README, "empty/").contains("folder without index.md"));
}

#[test]
fn externals_and_refusals() {
    let url = Resolver::new(None).resolve(&article(README), "https://example.com/a#b");
    assert_eq!(url.kind, Kind::Url);
    assert_eq!(url.url.as_deref(), Some("https://example.com/a#b"));
    assert_eq!(resolve(README, "mailto:me@example.org").0, Kind::Url);
    assert_eq!(resolve(README, "//cdn.example.com/x").0, Kind::Url);
    for target in [
        "javascript:alert(1)",
        "JavaScript:void(0)",
        "data:text/html,hi",
        "file://server/share/x.md",
        "docs/setup.md\u{1b}[31m",
        "a\u{7}b.md",
    ] {
        let found = Resolver::new(None).resolve(&article(README), target);
        assert_eq!(found.kind, Kind::Refused, "{target:?}");
        assert!(found.reason.is_some() && !found.is_broken(), "{target:?}");
    }
    assert!(reason(README, "file://server/x").contains("server"));
}

#[test]
fn local_file_urls_resolve() {
    let setup = sites().join("readme/docs/setup.md");
    let target = format!("file://{}#install", setup.display());
    assert_eq!(
        resolve(README, &target),
        ok(Kind::File, "readme/docs/setup.md", Some("install"))
    );
}

const ZOLA: &str = "zola/content/blog/second-post/index.md";

#[test]
fn zola_at_paths_from_the_content_folder() {
    let first = "zola/content/blog/first-post/index.md";
    assert_eq!(
        resolve(ZOLA, "@/blog/first-post/index.md#settings"),
        ok(Kind::File, first, Some("settings"))
    );
    assert_eq!(
        resolve(ZOLA, "@/blog/first-post/index.md#settings-1"),
        ok(Kind::File, first, Some("settings-1"))
    );
    assert_eq!(
        resolve(ZOLA, "@/blog/first-post/index.md#by-hand"),
        ok(Kind::File, first, Some("by-hand"))
    );
    assert_eq!(
        resolve(ZOLA, "@/_index.md"),
        ok(Kind::File, "zola/content/_index.md", None)
    );
    let missing = resolve(ZOLA, "@/blog/missing/index.md");
    assert_eq!((missing.0, missing.3), (Kind::Unresolved, true));
    assert!(resolve(ZOLA, "@/blog/first-post/index.md#nothing").3);
}

#[test]
fn zola_own_address_and_site_paths() {
    let first = "zola/content/blog/first-post/index.md";
    assert_eq!(
        resolve(ZOLA, "https://zola.example.org/blog/first-post/#settings"),
        ok(Kind::File, first, Some("settings"))
    );
    assert_eq!(
        resolve(ZOLA, "/blog/first-post/"),
        ok(Kind::File, first, None)
    );
    assert_eq!(
        resolve(ZOLA, "https://zola.example.org/"),
        ok(Kind::File, "zola/content/_index.md", None)
    );
}

const WEBDEV: &str = "jekyll/_posts/2022-10-02-webdev.md";
const FLOSS: &str = "jekyll/_posts/2022-09-14-floss.md";

#[test]
fn jekyll_post_url_and_link_tags() {
    assert_eq!(
        resolve(WEBDEV, "{% post_url 2022-09-14-floss %}"),
        ok(Kind::File, FLOSS, None)
    );
    assert_eq!(
        resolve(WEBDEV, "{% post_url 2022-09-14-floss %}#why-free-software"),
        ok(Kind::File, FLOSS, Some("why-free-software"))
    );
    assert_eq!(
        resolve(WEBDEV, "{% link about.md %}"),
        ok(Kind::File, "jekyll/about.md", None)
    );
    let gone = resolve(WEBDEV, "{% post_url 2020-01-01-gone %}");
    assert_eq!((gone.0, gone.3), (Kind::Unresolved, true));
    assert!(resolve(WEBDEV, "{% post_url 2022-09-14-floss %}#five-freedoms").3);
}

#[test]
fn jekyll_permalinks_and_own_address() {
    assert_eq!(
        resolve(WEBDEV, "/2022/09/14/floss.html"),
        ok(Kind::File, FLOSS, None)
    );
    assert_eq!(
        resolve(
            WEBDEV,
            "https://jekyll.example.org/2022/09/14/floss.html#four-freedoms"
        ),
        ok(Kind::File, FLOSS, Some("four-freedoms"))
    );
    assert_eq!(
        resolve(WEBDEV, "/about/#contact"),
        ok(Kind::File, "jekyll/about.md", Some("contact"))
    );
    let wrong_date = resolve(WEBDEV, "/2021/01/01/floss.html");
    assert_eq!((wrong_date.0, wrong_date.3), (Kind::Unresolved, true));
    assert_eq!(resolve(WEBDEV, "https://other.example.com/x").0, Kind::Url);
}

const SECOND: &str = "hugo/content/posts/second.md";
const HELLO: &str = "hugo/content/posts/hello.md";

#[test]
fn hugo_slugs_dates_and_own_address() {
    assert_eq!(
        resolve(SECOND, "/posts/hello-world/"),
        ok(Kind::File, HELLO, None)
    );
    assert_eq!(
        resolve(SECOND, "https://hugo.example.org/posts/hello-world/#intro"),
        ok(Kind::File, HELLO, Some("intro"))
    );
    assert_eq!(
        resolve(SECOND, "/2023/05/01/hello-world/"),
        ok(Kind::File, HELLO, None)
    );
    assert_eq!(resolve(SECOND, "hello"), ok(Kind::File, HELLO, None));
    let lost = resolve(SECOND, "/posts/nowhere/");
    assert_eq!((lost.0, lost.3), (Kind::Unresolved, true));
}

#[test]
fn resolve_all_parses_each_target_once_and_keeps_order() {
    let mut resolver = Resolver::new(Some(&sites().join("readme")));
    let all = resolver.resolve_all(&article(README));
    let kinds: Vec<&str> = all.iter().map(|(_, r)| r.kind.name()).collect();
    assert_eq!(
        kinds,
        [
            "file",
            "file",
            "file",
            "file",
            "file",
            "file",
            "anchor",
            "anchor",
            "unresolved",
            "file",
            "anchor",
            "unresolved",
            "unresolved",
            "refused",
            "refused"
        ]
    );
    let broken = all.iter().filter(|(_, r)| r.is_broken()).count();
    assert_eq!(broken, 5);
    // setup.md was read once, for all three of its sections.
    assert_eq!(resolver.anchors.len(), 2);
}

#[test]
fn the_site_root_of_an_article_alone_is_not_its_own_folder() {
    let alone = "readme/docs/index.md";
    let found = Resolver::new(None).resolve(&article(alone), "/");
    assert_eq!(found.kind, Kind::Unresolved);
    assert!(
        found
            .reason
            .unwrap_or_default()
            .contains("root is not known")
    );
    let mut in_library = Resolver::new(Some(&sites().join("readme")));
    assert_eq!(
        resolve_in(&mut in_library, alone, "/"),
        ok(Kind::File, "readme/README.md", None)
    );
}

fn generators() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/generators")
}

fn in_generators(rel: &str, target: &str) -> Resolution {
    let article = Article::load(&generators().join(rel)).expect("fixture loads");
    Resolver::new(None).resolve(&article, target)
}

const OTHER_LINUX: &str = "jekyll/docs/installation/other-linux.md";
const GUIDE: &str = "hugo/content/docs/guide/index.md";

#[test]
fn liquid_site_values_give_urls_and_unknown_ones_are_templates() {
    let issues = in_generators(OTHER_LINUX, "{{ site.repository }}/issues");
    assert_eq!(issues.kind, Kind::Url);
    assert_eq!(
        issues.url.as_deref(),
        Some("https://github.com/fieldnotes/site/issues")
    );
    let page = in_generators(OTHER_LINUX, "{{ page.url }}");
    assert_eq!(page.kind, Kind::Template);
    assert!(!page.is_broken());
    assert_eq!(
        page.reason.as_deref(),
        Some("known only when the site is built: {{ page.url }}")
    );
}

#[test]
fn a_site_id_lands_on_the_heading_the_outline_names() {
    // kramdown slugs `&amp;` as written; the outline slugs the text `&`.
    let kramdown = in_generators(
        OTHER_LINUX,
        "{{ '/docs/configuration/' | relative_url }}#front-matter-amp-liquid",
    );
    assert_eq!(kramdown.landing.as_deref(), Some("front-matter--liquid"));
    let attribute = in_generators(
        OTHER_LINUX,
        "{{ site.baseurl }}/docs/configuration/#options-id",
    );
    assert_eq!(attribute.landing_anchor(), Some("options"));
    // Hugo numbers the heading after a definition term of the same name.
    let hugo = in_generators(GUIDE, "{{< relref \"/docs/usage.md#options-1\" >}}");
    assert_eq!(hugo.landing_anchor(), Some("options"));
    let plain = in_generators(GUIDE, "{{< ref \"install\" >}}#requirements");
    assert_eq!(
        (plain.landing, plain.anchor.as_deref()),
        (None, Some("requirements"))
    );
}

#[test]
fn hugo_escaped_shortcodes_and_liquid_in_raw_are_not_links() {
    let article = Article::load(&generators().join(GUIDE)).expect("fixture loads");
    assert!(links(&article).iter().all(|l| !l.target.contains("/*")));
    let article = Article::load(&generators().join(OTHER_LINUX)).expect("fixture loads");
    assert!(links(&article).iter().all(|l| !l.target.contains("nope")));
}

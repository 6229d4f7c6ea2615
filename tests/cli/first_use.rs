//! What a newcomer meets first on small sites of their own: a mistyped
//! option, and the other surprises found trying quire on a fresh site.

use crate::common;

#[test]
fn a_mistyped_option_of_a_command_is_named_by_clap() {
    // `quire list --jsn`: the command is right and the option is not; the
    // message names the option, not `list` as a command that does not exist.
    let dir = tempfile::tempdir().unwrap();
    let out = common::quire()
        .current_dir(dir.path())
        .args(["list", "--jsn", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("no such command"), "{stderr}");
    assert!(stderr.contains("--jsn"), "{stderr}");
    assert!(stderr.contains("--json"), "{stderr}");
}

#[test]
fn backlinks_take_a_section_by_its_heading_as_a_wikilink_names_it() {
    // `quire backlinks "Flour.md#Rye"`: the wikilink says `#Rye`, the
    // anchor is `rye`; both name the section (it said "no heading #Rye").
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path();
    std::fs::create_dir(vault.join(".obsidian")).unwrap();
    std::fs::write(
        vault.join("Flour.md"),
        "# Flour\n\n## Rye grain\n\nSour and dense.\n\n## Wheat\n\nLight.\n",
    )
    .unwrap();
    std::fs::write(
        vault.join("Bread.md"),
        "# Bread\n\nSee [[Flour#Rye grain]] and [[Flour#Wheat]].\n",
    )
    .unwrap();
    for anchor in ["rye-grain", "Rye grain", "RYE GRAIN"] {
        let out = common::quire()
            .arg("backlinks")
            .arg(format!("{}#{anchor}", vault.join("Flour.md").display()))
            .arg(vault)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{anchor}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(stdout.lines().count(), 1, "{anchor}: {stdout}");
        assert!(stdout.contains("Bread.md:3"), "{anchor}: {stdout}");
    }
    let out = common::quire()
        .arg("backlinks")
        .arg(format!("{}#Barley", vault.join("Flour.md").display()))
        .arg(vault)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no heading or block #Barley"));
}

#[test]
fn a_zola_internal_link_shows_the_address_zola_gives_the_page() {
    // `[blog](@/blog/_index.md)` is /blog/ on the built site; the footnote
    // showed `@/blog/_index.md`. A missing file keeps what was written, and
    // `links` still names and resolves the target as written.
    let page = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sites/zola/content/blog/second-post/index.md");
    let text = common::rendered(&page, 80);
    for url in [
        "] /blog/first-post/#settings\n",
        "] /blog/first-post/#settings-1\n",
        "] /blog/\n",
        "] /\n",
        "] @/blog/missing/index.md\n",
    ] {
        assert!(text.contains(url), "{url:?} in:\n{text}");
    }
    assert!(!text.contains("@/blog/first-post"), "{text}");
    let json = common::links_json(&page);
    let first = &json["links"][0];
    assert_eq!(first["target"], "@/blog/first-post/index.md#settings");
    assert_eq!(first["kind"], "file");
    assert_eq!(first["resolved"]["anchor"], "settings");
}

#[test]
fn a_hugo_ref_shows_the_address_hugo_gives_the_page() {
    // `{{< relref "/docs/usage.md#options-1" >}}` is /docs/usage/#options-1
    // on the built site; the footnote showed the path as written. A page
    // not found where Hugo looks first keeps what was written, and `links`
    // still names and follows the shortcode.
    let page = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/generators/hugo/content/docs/guide/index.md");
    let text = common::rendered(&page, 100);
    for url in [
        "] /docs/usage/#options-1\n",
        "] /docs/usage/#options\n",
        "] /docs/\n",
        "] /docs/guide/#getting-started\n",
        "] /docs/nowhere\n",
    ] {
        assert!(text.contains(url), "{url:?} in:\n{text}");
    }
    assert!(!text.contains("usage.md#options-1"), "{text}");
    let json = common::links_json(&page);
    let second = &json["links"][1];
    assert_eq!(
        second["target"],
        "{{< relref \"/docs/usage.md#options-1\" >}}"
    );
    assert_eq!(second["kind"], "file");
}

#[test]
fn a_hugo_ref_outside_a_link_shows_the_address_as_text() {
    // Hugo writes `{{< ref "cups.md" >}}` as the page's address; quire
    // showed the path as written.
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("content/posts");
    std::fs::create_dir_all(&posts).unwrap();
    std::fs::write(dir.path().join("hugo.toml"), "title = \"Kettle\"\n").unwrap();
    std::fs::write(
        posts.join("cups.md"),
        "---\ntitle: Cups\n---\n\nThin walls.\n",
    )
    .unwrap();
    let page = posts.join("brewing.md");
    std::fs::write(
        &page,
        "---\ntitle: Brewing\n---\n\nSee {{< ref \"cups.md\" >}} for the cups.\n",
    )
    .unwrap();
    let out = common::quire()
        .args(["render", "--width", "80", "--color", "never"])
        .arg(&page)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("See /posts/cups/ for the cups."), "{text}");
}

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

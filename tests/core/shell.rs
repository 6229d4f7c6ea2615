//! Shell integration: `quire completions SHELL` and `quire man` come from the
//! same clap definitions as the parser, so they name every command.
#![allow(clippy::unwrap_used)]

use crate::common;

use clap::CommandFactory;

/// Every subcommand's name, from the parser itself.
fn subcommands() -> Vec<String> {
    quire::cli::Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect()
}

fn stdout(args: &[&str]) -> String {
    let out = common::quire().args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn completions_name_every_subcommand_in_every_shell() {
    let names = subcommands();
    for expected in [
        "outline",
        "list",
        "tags",
        "render",
        "config",
        "completions",
        "man",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} in {names:?}"
        );
    }
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = stdout(&["completions", shell]);
        for name in &names {
            assert!(script.contains(name.as_str()), "{shell}: {name}");
        }
        assert!(
            script.contains("--theme") || script.contains("theme"),
            "{shell}"
        );
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let out = common::quire()
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_man_page_names_every_subcommand() {
    let page = stdout(&["man"]);
    assert!(
        page.starts_with(".ie") || page.contains(".TH quire"),
        "{}",
        &page[..200.min(page.len())]
    );
    assert!(page.contains(".SH SYNOPSIS") && page.contains(".SH OPTIONS"));
    for name in subcommands() {
        // roff escapes the hyphen: quire\-outline(1).
        assert!(page.contains(&format!("quire\\-{name}")), "{name}");
    }
    assert!(page.contains("\\-\\-config"), "global options are listed");
}

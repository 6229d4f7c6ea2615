//! Hostile surroundings for every command: a config of junk or a device, a
//! fifo named like an article, an article and stdin of NULs, a query of
//! thousands of words. Each once hung or grew without bound.

#![allow(clippy::unwrap_used)]

use std::fs;

use super::adversarial::{Rng, SEED, WORDS, articles, no_control, quire};

/// A config of generated junk: unknown keys, wrong types and nested tables
/// (config warnings were quadratic in their number).
fn hostile_config(rng: &mut Rng) -> String {
    let mut out = String::new();
    for i in 0..2000 {
        match rng.below(4) {
            0 => out.push_str(&format!("unknown{i} = {}\n", rng.below(100))),
            1 => out.push_str(&format!("width = \"{}\"\n", rng.pick(WORDS).escape_debug())),
            2 => out.push_str(&format!("[{}]\n", vec!["t"; 1 + rng.below(40)].join("."))),
            _ => out.push_str(&format!("[keys.reader]\n\"k{i}\" = \"nothing-{i}\"\n")),
        }
    }
    out
}

/// A query of generated words, repeated and many (search was quadratic in
/// the query's words).
fn hostile_query(rng: &mut Rng) -> String {
    let mut out = String::new();
    for _ in 0..3000 {
        match rng.below(4) {
            0 => out.push_str("the "),
            1 => out.push_str(&format!("tag:{} ", rng.below(50))),
            2 => out.push_str("\"a b\" "),
            _ => out.push_str(&format!("{} ", rng.pick(WORDS))),
        }
    }
    out
}

#[test]
fn every_command_survives_hostile_surroundings() {
    // A config that is a device or junk, a fifo named *.md in the folder,
    // an article of NULs, a query of thousands of terms, stdin of NULs:
    // each once hung or grew without bound.
    let mut rng = Rng(SEED ^ 0x5eed);
    let dir = tempfile::tempdir().unwrap();
    let xdg = tempfile::tempdir().unwrap();
    let xdg = xdg.path();
    for (name, text) in articles().into_iter().take(6) {
        fs::write(dir.path().join(name), text).unwrap();
    }
    let fifo = dir.path().join("fifo.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let nul = format!(
        "# NUL\n\n[to the fifo](fifo.md) {}\n",
        "\0".repeat(64 * 1024)
    );
    fs::write(dir.path().join("nul.md"), nul).unwrap();
    let config = xdg.join("junk.toml");
    fs::write(&config, hostile_config(&mut rng)).unwrap();
    let query = hostile_query(&mut rng);
    let lib = dir.path().as_os_str();
    for config in [config.as_os_str(), "/dev/zero".as_ref()] {
        // Exit 0, or 1 where the fifo is reported as skipped.
        let with = |args: &[&std::ffi::OsStr]| {
            let out = quire(xdg)
                .arg("--config")
                .arg(config)
                .args(args)
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
            assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
            let skipped = stderr.contains("fifo.md: not a regular file");
            assert!(
                out.status.code() == Some(0) || (skipped && out.status.code() == Some(1)),
                "{args:?}: {stderr}"
            );
            assert!(stderr.contains("warning"), "the config is warned about");
            assert!(stderr.lines().count() < 30, "warnings are capped: {stderr}");
            assert!(no_control(&stderr.replace('\n', "")), "{stderr:?}");
            String::from_utf8(out.stdout).unwrap()
        };
        for out in [
            with(&["list".as_ref(), "--json".as_ref(), lib]),
            with(&["tags".as_ref(), lib]),
            with(&["links".as_ref(), "--json".as_ref(), lib]),
            with(&["search".as_ref(), query.as_ref(), lib]),
            with(&["search".as_ref(), "nul".as_ref(), "--json".as_ref(), lib]),
        ] {
            assert!(no_control(&out), "{out:?}");
        }
    }
    let out = quire(xdg)
        .args(["render", "--width", "40", "-"])
        .write_stdin(vec![0u8; 256 * 1024])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(no_control(&String::from_utf8(out.stdout).unwrap()));
}

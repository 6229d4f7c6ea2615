//! Which files a library scan lists (.gitignore, .ignore, .quireignore,
//! build folders, Jekyll `exclude:`, `--no-ignore`) and the streaming scan:
//! cached rows first, then only new or changed files read.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};

use quire::library::{self, Batch, Collector, LibraryCache, ScanOptions};

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn paths(dir: &Path, no_ignore: bool) -> Vec<String> {
    let options = ScanOptions {
        no_ignore,
        threads: 2,
    };
    let (lib, _) = library::scan_with(dir, options, LibraryCache::new()).unwrap();
    lib.entries.iter().map(|e| e.path_string()).collect()
}

/// A blog repository with everything a walk should and should not list.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path();
    for rel in [
        "_posts/2024-01-01-one.md",
        "_posts/2024-02-01-two.md",
        "_site/2024/one.md",
        "public/one.md",
        "node_modules/pkg/README.md",
        "vendor/bundle/gems/x/README.md",
        "target/doc/notes.md",
        "drafts/private.md",
        "notes/skip-me.md",
        "notes/keep.md",
        "Gemfile.md",
        "docs/site-only.md",
        ".hidden/secret.md",
    ] {
        write(r, rel, "# A title\n\nText.\n");
    }
    write(r, ".gitignore", "drafts/\n");
    write(r, "notes/.quireignore", "skip-me.md\n");
    write(
        r,
        "_config.yml",
        "title: A blog\nexclude:\n  - Gemfile.md\n  - docs\n",
    );
    dir
}

#[test]
fn a_blog_repository_lists_its_posts_not_its_build_and_vendor_files() {
    let dir = site();
    assert_eq!(
        paths(dir.path(), false),
        [
            "_posts/2024-01-01-one.md",
            "_posts/2024-02-01-two.md",
            "notes/keep.md"
        ]
    );
}

#[test]
fn no_ignore_lists_everything_but_hidden_names() {
    let dir = site();
    let all = paths(dir.path(), true);
    assert_eq!(all.len(), 12, "{all:?}");
    assert!(all.contains(&"drafts/private.md".to_string()));
    assert!(all.contains(&"_site/2024/one.md".to_string()));
    assert!(all.contains(&"Gemfile.md".to_string()));
    assert!(!all.iter().any(|p| p.contains(".hidden")));
}

#[test]
fn gitignore_is_honoured_outside_a_git_repository_and_so_is_dot_ignore() {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path();
    write(r, "a.md", "a");
    write(r, "b.md", "b");
    write(r, "sub/c.md", "c");
    write(r, ".gitignore", "a.md\n");
    write(r, "sub/.ignore", "*.md\n");
    assert!(!r.join(".git").exists());
    assert_eq!(paths(r, false), ["b.md"]);
}

#[test]
fn build_folder_names_are_skipped_at_any_depth_only_as_folders() {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path();
    write(r, "blog/public/x.md", "x");
    write(r, "blog/target.md", "t");
    write(r, "blog/vendor.md", "v");
    assert_eq!(paths(r, false), ["blog/target.md", "blog/vendor.md"]);
}

#[test]
fn a_broken_jekyll_config_is_no_reason_to_fail() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "_config.yml", "exclude: [unclosed\n");
    write(dir.path(), "a.md", "a");
    assert_eq!(paths(dir.path(), false), ["a.md"]);
}

fn batches(dir: &Path, cache: LibraryCache) -> Vec<Batch> {
    library::scan_stream(dir, ScanOptions::default(), cache)
        .unwrap()
        .into_iter()
        .collect()
}

#[test]
fn a_warm_scan_sends_cached_rows_first_and_reads_only_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let r = dir.path();
    for i in 0..20 {
        write(
            r,
            &format!("p{i:02}.md"),
            &format!("---\ntitle: Post {i}\n---\n"),
        );
    }
    let (_, report) = library::scan_with(r, ScanOptions::default(), LibraryCache::new()).unwrap();
    assert_eq!(report.changed.len(), 20, "a cold scan reads everything");
    assert_eq!(report.files, 20);
    let cache: LibraryCache = report.changed.into_iter().collect();

    write(r, "p03.md", "---\ntitle: Post three, rewritten\n---\n");
    write(r, "p20.md", "---\ntitle: Post 20\n---\n");
    fs::remove_file(r.join("p07.md")).unwrap();

    let got = batches(r, cache);
    let Batch::Cached(first) = &got[0] else {
        panic!("cached rows come first: {:?}", got[0]);
    };
    assert_eq!(first.len(), 20);
    let read: Vec<PathBuf> = got
        .iter()
        .flat_map(|b| match b {
            Batch::Read { entries, .. } => entries.iter().map(|e| e.path.clone()).collect(),
            _ => Vec::new(),
        })
        .collect();
    let mut read: Vec<String> = read.iter().map(|p| library::path_string(p)).collect();
    read.sort();
    assert_eq!(
        read,
        ["p03.md", "p20.md"],
        "only new or changed files are read"
    );
    let Some(Batch::Done(report)) = got.last() else {
        panic!("the stream ends with Done");
    };
    assert_eq!(report.removed, [PathBuf::from("p07.md")]);
    assert_eq!(report.files, 20);

    let mut collector = Collector::new(r.to_path_buf());
    for b in got {
        collector.apply(b);
    }
    assert!(collector.is_done());
    let (lib, _) = collector.finish();
    assert_eq!(lib.entries.len(), 20);
    assert!(
        lib.entries
            .iter()
            .any(|e| e.meta.title == "Post three, rewritten")
    );
    assert!(!lib.entries.iter().any(|e| e.path == Path::new("p07.md")));
}

#[test]
fn the_stream_reports_progress_as_the_walk_goes() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..600 {
        write(dir.path(), &format!("d{}/p{i}.md", i % 3), "x");
    }
    let got = batches(dir.path(), LibraryCache::new());
    let seen: Vec<usize> = got
        .iter()
        .filter_map(|b| match b {
            Batch::Read { seen, .. } | Batch::Progress { seen } => Some(*seen),
            _ => None,
        })
        .collect();
    assert!(seen.len() >= 2, "{seen:?}");
    assert_eq!(seen.iter().max(), Some(&600));
}

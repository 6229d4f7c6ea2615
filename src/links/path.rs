//! Link target text to paths: `%`-decoding, splitting off `#anchor` and
//! `?query`, joining and tidying `.`/`..` without touching the disk.

use std::path::{Component, Path, PathBuf};

/// `%XX` escapes decoded (a broken escape is kept as written); the bytes
/// are read as UTF-8, invalid sequences replaced.
pub fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok());
            if let Some(value) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(value);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Splits `target` into its path and its `#fragment` (decoded; `None` when
/// there is no `#`), dropping a `?query`.
pub fn split_fragment(target: &str) -> (&str, Option<String>) {
    let (before, fragment) = match target.split_once('#') {
        Some((before, fragment)) => (before, Some(percent_decode(fragment))),
        None => (target, None),
    };
    let path = before.split_once('?').map_or(before, |(p, _)| p);
    (path, fragment)
}

/// `base` joined with `rel`, `.` dropped and `..` taking off the component
/// before it (never above the start of `base`).
pub fn join_tidy(base: &Path, rel: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in base.join(rel).components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                let popped =
                    matches!(out.components().next_back(), Some(Component::Normal(_))) && out.pop();
                if !popped && !out.has_root() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// `dir` and every folder above it, nearest first. A relative `dir` goes on
/// above the current folder with `..` steps (`a`, `.`, `..`, `../..`), so
/// that a walk up from `quire links post.md` finds the site around it.
pub fn upward(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = dir.ancestors().map(Path::to_path_buf).collect();
    if dir.is_absolute() {
        return out;
    }
    out.retain(|p| !p.as_os_str().is_empty());
    out.push(PathBuf::from("."));
    let above = std::env::current_dir()
        .map(|cwd| cwd.components().count().saturating_sub(1))
        .unwrap_or(0);
    let mut up = PathBuf::new();
    for _ in 0..above {
        up.push("..");
        out.push(up.clone());
    }
    out
}

pub use crate::site::is_markdown;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_escapes_decode_and_broken_ones_stay() {
        assert_eq!(percent_decode("my%20notes%2Fa.md"), "my notes/a.md");
        assert_eq!(percent_decode("caf%C3%A9"), "café");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
    }

    #[test]
    fn fragments_and_queries_split_off() {
        assert_eq!(split_fragment("a.md#x%20y"), ("a.md", Some("x y".into())));
        assert_eq!(split_fragment("a.md?v=1#s"), ("a.md", Some("s".into())));
        assert_eq!(split_fragment("a.md"), ("a.md", None));
        assert_eq!(split_fragment("#top"), ("", Some("top".into())));
    }

    #[test]
    fn the_walk_up_from_a_relative_folder_goes_above_the_current_one() {
        let up = upward(Path::new("a/b"));
        assert_eq!(
            up[..4],
            [
                PathBuf::from("a/b"),
                PathBuf::from("a"),
                PathBuf::from("."),
                PathBuf::from(".."),
            ]
        );
        assert_eq!(
            upward(Path::new("/x/y")),
            [
                PathBuf::from("/x/y"),
                PathBuf::from("/x"),
                PathBuf::from("/"),
            ]
        );
    }

    #[test]
    fn joining_tidies_dots() {
        let got = join_tidy(Path::new("site/blog/post"), Path::new("../other/./x.md"));
        assert_eq!(got, Path::new("site/blog/other/x.md"));
        assert_eq!(
            join_tidy(Path::new("a"), Path::new("../../b")),
            Path::new("../b")
        );
        assert_eq!(
            join_tidy(Path::new("/"), Path::new("../b")),
            Path::new("/b")
        );
    }
}

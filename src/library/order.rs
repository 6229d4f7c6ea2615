//! Path order without walking components: the same order as `Path::cmp` for
//! the clean relative paths a scan makes, from one pass over the bytes.
//! Sorting a hundred thousand rows by path is most of what taking in a
//! batch of rows costs, and `Path::cmp` splits both paths at every compare.

use std::cmp::Ordering;
use std::path::Path;

/// Orders `a` and `b` as [`Path::cmp`] does for paths with no `.` parts,
/// repeated or trailing separators: a separator sorts before any other
/// byte, so a folder's files come before a sibling whose name merely starts
/// like the folder's (`a/z.md` before `a-b.md`), as comparing parts does.
/// Other paths fall back to [`Path::cmp`].
pub fn path_order(a: &Path, b: &Path) -> Ordering {
    let (x, y) = (
        a.as_os_str().as_encoded_bytes(),
        b.as_os_str().as_encoded_bytes(),
    );
    if !(clean(x) && clean(y)) {
        return a.cmp(b);
    }
    let same = x.iter().zip(y).take_while(|(p, q)| p == q).count();
    match (x.get(same), y.get(same)) {
        (Some(&p), Some(&q)) => rank(p).cmp(&rank(q)),
        (p, q) => p.is_some().cmp(&q.is_some()),
    }
}

/// A separator ranks below every other byte.
fn rank(byte: u8) -> u16 {
    if std::path::is_separator(char::from(byte)) {
        0
    } else {
        u16::from(byte) + 1
    }
}

/// True when comparing bytes gives the components' order: no leading or
/// trailing separator, none doubled, no `.` part. Relative paths made by
/// a scan always are; checking is one cheap pass.
fn clean(bytes: &[u8]) -> bool {
    let sep = |b: u8| std::path::is_separator(char::from(b));
    if bytes.first().is_some_and(|&b| sep(b) || b == b'.') || bytes.last().is_some_and(|&b| sep(b))
    {
        // A leading `.` may be `./`; hidden names are skipped by the walk
        // anyway, so the rare `.name` simply takes the slow road.
        return false;
    }
    !bytes
        .windows(2)
        .any(|w| sep(w[0]) && (sep(w[1]) || w[1] == b'.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn same_as_path_cmp(a: &str, b: &str) {
        let (a, b) = (Path::new(a), Path::new(b));
        assert_eq!(path_order(a, b), a.cmp(b), "{a:?} vs {b:?}");
    }

    #[test]
    fn a_folder_sorts_before_a_sibling_that_starts_like_it() {
        same_as_path_cmp("a/z.md", "a-b.md");
        same_as_path_cmp("a-b.md", "a/z.md");
        same_as_path_cmp("a", "a/b");
        same_as_path_cmp("a/b", "a/b");
        same_as_path_cmp("year-2010/post-1.md", "year-2010/post-10.md");
        same_as_path_cmp("b.md", "a/b.md");
        assert_eq!(
            path_order(Path::new("a/z.md"), Path::new("a-b.md")),
            Ordering::Less
        );
    }

    #[test]
    fn unclean_paths_take_the_components_road() {
        same_as_path_cmp("a//b", "a/b");
        same_as_path_cmp("./a", "a");
        same_as_path_cmp("a/./b", "a/b");
        same_as_path_cmp("a/", "a");
        same_as_path_cmp(".hidden/x", "a");
    }

    proptest! {
        #![proptest_config(crate::fixed_seed(256))]
        #[test]
        fn agrees_with_path_cmp(a in "[ab/.-]{0,8}", b in "[ab/.-]{0,8}") {
            let (pa, pb) = (Path::new(&a), Path::new(&b));
            prop_assert_eq!(path_order(pa, pb), pa.cmp(pb));
        }
    }
}

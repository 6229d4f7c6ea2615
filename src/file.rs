//! Reading a file that must be a regular file: the one place quire opens a
//! file it was handed, so a device (`/dev/zero` never ends), a fifo (opening
//! one blocks) or a socket is refused before it is opened, and a file is
//! read only up to a cap.

use std::io::Read;
use std::path::Path;

use crate::error::Error;

/// Whether `path` is a regular file (after following symlinks). Checking
/// the type is what keeps a walk from opening a fifo named `*.md`.
pub fn is_regular(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file())
}

/// Reads the regular file at `path`, at most `limit` bytes, with the
/// metadata of what was opened. Anything else is [`Error::NotAFile`]; a file
/// over `limit` is [`Error::TooLarge`].
pub fn read_regular(path: &Path, limit: u64) -> Result<(Vec<u8>, std::fs::Metadata), Error> {
    let read_error = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let not_a_file = || Error::NotAFile {
        path: path.to_path_buf(),
    };
    let too_large = || Error::TooLarge {
        path: path.to_path_buf(),
        limit,
    };
    // The type is checked before the open, since opening a fifo already blocks.
    if !std::fs::metadata(path).map_err(read_error)?.is_file() {
        return Err(not_a_file());
    }
    let file = std::fs::File::open(path).map_err(read_error)?;
    // Checked again on what was opened, in case the path changed in between.
    let meta = file.metadata().map_err(read_error)?;
    if !meta.is_file() {
        return Err(not_a_file());
    }
    if meta.len() > limit {
        return Err(too_large());
    }
    let capacity = usize::try_from(meta.len()).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    // One byte past the cap tells a file that grew while being read.
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok((bytes, meta))
}

/// Like [`read_regular`], but reads at most the first `start` bytes of a
/// larger file; the flag says whether that was the whole file. A large
/// article shows its start without waiting for the rest to be read.
pub fn read_regular_start(
    path: &Path,
    limit: u64,
    start: u64,
) -> Result<(Vec<u8>, std::fs::Metadata, bool), Error> {
    let read_error = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(read_error)?;
    if !meta.is_file() || meta.len() <= start {
        let (bytes, meta) = read_regular(path, limit)?;
        return Ok((bytes, meta, true));
    }
    if meta.len() > limit {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            limit,
        });
    }
    let file = std::fs::File::open(path).map_err(read_error)?;
    let meta = file.metadata().map_err(read_error)?;
    if !meta.is_file() {
        return Err(Error::NotAFile {
            path: path.to_path_buf(),
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(start).unwrap_or(0));
    file.take(start)
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    let whole = (bytes.len() as u64) < start;
    Ok((bytes, meta, whole))
}

/// [`read_regular`] as text (lossy UTF-8), or `None` for anything it refuses:
/// for the side files a feature may read when they are there (a site's
/// `_config.yml`).
pub fn read_text(path: &Path, limit: u64) -> Option<String> {
    let (bytes, _) = read_regular(path, limit).ok()?;
    Some(match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_device_a_folder_and_a_fifo_are_refused_unopened() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("f.md");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()));
        for path in [Path::new("/dev/zero"), dir.path(), &fifo] {
            assert!(!is_regular(path), "{}", path.display());
            let got = read_regular(path, 1024);
            assert!(matches!(got, Err(Error::NotAFile { .. })), "{got:?}");
        }
    }

    #[test]
    fn a_file_over_the_cap_is_too_large_and_one_at_it_reads() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "12345").unwrap();
        assert_eq!(read_regular(&path, 5).unwrap().0, b"12345");
        let got = read_regular(&path, 4);
        assert!(
            matches!(got, Err(Error::TooLarge { limit: 4, .. })),
            "{got:?}"
        );
        assert_eq!(read_text(&path, 5).as_deref(), Some("12345"));
        assert_eq!(read_text(&path, 4), None);
    }
}

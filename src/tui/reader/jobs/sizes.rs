//! Pictures' sizes for the layout, read before it lays the article out:
//! each picture's header (nothing decoded), found as its job finds it, so
//! that the text keeps exactly the rows the picture is drawn in.

use std::path::{Path, PathBuf};

use image::ImageReader;

use crate::article::{Article, Draft, PictureSize, PictureSizes};
use crate::tui::settings::Config;

use super::image::{MAX_FILE_BYTES, find, within_limits};

/// How the layout reads the sizes of the pictures of the article at
/// `article` before laying it out: each one's header, found as its job will
/// find it ([`find`], with the same library). A picture that is not found,
/// or is outside the site, is not drawn: it keeps its note's one line, as
/// its job will say why.
pub fn sizes_for(article: &Path, library: Option<PathBuf>) -> PictureSizes {
    let article = article.to_path_buf();
    PictureSizes::new(move |target| {
        Some(match find(&article, library.as_deref(), target) {
            Ok(path) => header_size(&path),
            Err(_) => PictureSize::Unshown,
        })
    })
}

/// `draft` with its pictures' sizes read as [`sizes_for`] reads them, when
/// `config` shows pictures.
pub fn sized(draft: Draft, config: &Config, library: Option<PathBuf>) -> Draft {
    if config.image_rows == 0 || draft.pictures().probing() {
        return draft;
    }
    let sizes = sizes_for(draft.path(), library);
    draft.with_pictures(sizes)
}

/// `article` with its pictures' sizes read as [`sizes_for`] reads them,
/// when `config` shows pictures.
pub fn sized_article(mut article: Article, config: &Config, library: Option<PathBuf>) -> Article {
    if config.image_rows > 0 && !article.pictures.probing() {
        article.pictures = sizes_for(&article.path, library);
    }
    article
}

/// What the header of the picture at `path` says, reading only as much of
/// the file as the header takes (and its last bytes, where a PNG cut short
/// shows): its size when it will be drawn, else [`PictureSize::Unshown`].
fn header_size(path: &Path) -> PictureSize {
    use std::io::{BufReader, Read, Seek, SeekFrom};
    let Ok(meta) = std::fs::metadata(path) else {
        return PictureSize::Unshown;
    };
    // Not opened when it is not a file (opening a fifo blocks) or too large.
    if !meta.is_file() || meta.len() > MAX_FILE_BYTES {
        return PictureSize::Unshown;
    }
    let Ok(file) = std::fs::File::open(path) else {
        return PictureSize::Unshown;
    };
    let mut file = BufReader::new(file);
    let size = ImageReader::new(&mut file)
        .with_guessed_format()
        .ok()
        .filter(|r| r.format().is_some())
        .and_then(|r| r.into_decoder().ok())
        .and_then(|decoder| {
            let (w, h) = image::ImageDecoder::dimensions(&decoder);
            within_limits(w, h, image::ImageDecoder::total_bytes(&decoder)).then_some((w, h))
        });
    let Some((w, h)) = size else {
        return PictureSize::Unshown;
    };
    // A PNG ends with its IEND chunk: without it, it was cut short and
    // its decoding fails.
    let mut tail = [0u8; 64];
    let png = file.seek(SeekFrom::Start(0)).is_ok()
        && file.read_exact(&mut tail[..8]).is_ok()
        && tail[..8] == *b"\x89PNG\r\n\x1a\n";
    if png {
        let from = meta.len().saturating_sub(tail.len() as u64);
        let read = file
            .seek(SeekFrom::Start(from))
            .and_then(|_| file.read(&mut tail));
        let ended = read.is_ok_and(|n| tail[..n].windows(4).any(|w| w == b"IEND"));
        if !ended {
            return PictureSize::Unshown;
        }
    }
    PictureSize::Pixels(w, h)
}

//! The picture job: find an image file the way links are found (beside the
//! article, or from the site's root for `/..` paths), check its size before
//! decoding anything, decode it within memory limits, shrink it to the cells
//! it may take and turn it into the terminal's protocol.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use image::{DynamicImage, ImageReader, Limits};

pub use super::sizes::{sized, sized_article, sizes_for};
use ratatui::layout::Size;
use ratatui_image::Resize;
use ratatui_image::picker::Picker;
use ratatui_image::sliced::SlicedProtocol;

use crate::article::Article;
use crate::links::{Kind, Resolver};

use super::Output;
use crate::tui::reader::images::{Failure, ImageKey, ImageOutput, Outcome, Picture};
use crate::tui::runtime::Reporter;

/// Image files larger than this are not read.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;
/// Images wider or taller than this many pixels are not decoded.
pub const MAX_SIDE: u32 = 12_000;
/// Images of more pixels than this are not decoded (about 160 MB as RGBA).
pub const MAX_PIXELS: u64 = 40_000_000;
/// Images whose pixels take more than this decoded (width x height x
/// bytes a pixel, read from the header) are not decoded.
pub const MAX_DECODED_BYTES: u64 = 160 * 1024 * 1024;
/// The most memory the decoder may ask for.
const MAX_ALLOC: u64 = 256 * 1024 * 1024;

/// Decode the picture `target` of the article at `article` for a box of
/// `cells` (columns, rows).
#[derive(Debug, Clone)]
pub struct ImageJob {
    /// The article's file (targets are relative to it).
    pub article: PathBuf,
    /// The library the article was opened from, if any: pictures outside
    /// its site are read only from inside it.
    pub library: Option<PathBuf>,
    /// The image's target, as written.
    pub target: String,
    /// The most columns and rows the picture may take.
    pub cells: (u16, u16),
    /// Makes the picture in the terminal's protocol; `None`: half blocks,
    /// the picker made here (on the worker, once for the process).
    pub picker: Option<Picker>,
    /// For an article read by address: how its pictures are fetched.
    pub remote: Option<crate::tui::reader::remote::Fetching>,
}

impl ImageJob {
    /// Does the work; never panics on a bad file, it fails with a reason.
    /// The image's size goes to `reporter` as soon as its header is read.
    pub fn run<O: From<Output> + Send + 'static>(self, reporter: &Reporter<O>) -> ImageOutput {
        let key = ImageKey {
            target: self.target.clone(),
            width: self.cells.0,
            rows: self.cells.1,
        };
        let output = |outcome| ImageOutput {
            key: key.clone(),
            article: self.article.clone(),
            outcome,
        };
        let bytes = match &self.remote {
            Some(fetching) => fetching.picture(&self.article, &self.target, MAX_FILE_BYTES),
            None => find(&self.article, self.library.as_deref(), &self.target)
                .and_then(|path| read(&path)),
        };
        let result = bytes
            .and_then(|bytes| {
                let pixels = probe(&bytes)?;
                let early = output(Outcome::Size(pixels.0, pixels.1));
                reporter.send(Output::Image(Box::new(early)));
                decode_checked(&bytes, pixels)
            })
            .and_then(|image| {
                let picker = self
                    .picker
                    .clone()
                    .unwrap_or_else(super::super::images::halfblocks);
                fit(&picker, image, self.cells)
            });
        output(match result {
            Ok(picture) => Outcome::Ready(picture),
            Err(failure) => Outcome::Failed(failure),
        })
    }
}

fn failed(reason: impl Into<String>) -> Failure {
    Failure {
        reason: reason.into(),
        pixels: None,
    }
}

/// The image's file: resolved as a link is, a `/..` path from the site's
/// root (or a `static/` folder in it, where Hugo keeps its assets), and
/// only ever inside the picture root ([`Resolver::picture_root`]): `/x.png`
/// is not the file system's, `../../` does not leave the site.
pub fn find(article: &Path, library: Option<&Path>, target: &str) -> Result<PathBuf, Failure> {
    let stub = Article::from_bytes(article, b"");
    let mut resolver = Resolver::new(library);
    let dir = article
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let root = resolver.picture_root(dir);
    let inside = |path: &Path| {
        let (Ok(path), Ok(root)) = (path.canonicalize(), root.canonicalize()) else {
            return false;
        };
        path.starts_with(root)
    };
    let mut outside = false;
    if let Some(rest) = target.strip_prefix('/') {
        let rest = crate::links::percent_decode(rest.split(['#', '?']).next().unwrap_or(""));
        for candidate in [root.join(&rest), root.join("static").join(&rest)] {
            if candidate.is_file() {
                if inside(&candidate) {
                    return Ok(candidate);
                }
                outside = true;
            }
        }
    }
    let found = resolver.resolve(&stub, target);
    if let (Kind::File | Kind::Wikilink, Some(path)) = (found.kind, found.path) {
        if inside(&path) {
            return Ok(path);
        }
        outside = true;
    }
    Err(failed(if outside {
        "outside the site"
    } else {
        "not found"
    }))
}

/// The file's bytes, refused past [`MAX_FILE_BYTES`] without reading them;
/// a fifo or a device is never opened.
fn read(path: &Path) -> Result<Vec<u8>, Failure> {
    match crate::file::read_regular(path, MAX_FILE_BYTES) {
        Ok((bytes, _)) => Ok(bytes),
        Err(crate::Error::TooLarge { .. }) => {
            let len = std::fs::metadata(path).map_or(0, |m| m.len());
            Err(failed(format!("file too large ({} MB)", len >> 20)))
        }
        Err(crate::Error::NotAFile { .. }) => Err(failed("not a regular file")),
        Err(_) => Err(failed("cannot be read")),
    }
}

/// True when a picture of `w` x `h` pixels that takes `decoded` bytes once
/// decoded (from its header) is one we decode.
pub(super) fn within_limits(w: u32, h: u32, decoded: u64) -> bool {
    w > 0
        && h > 0
        && w <= MAX_SIDE
        && h <= MAX_SIDE
        && u64::from(w) * u64::from(h) <= MAX_PIXELS
        && decoded <= MAX_DECODED_BYTES
}

fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    limits
}

/// The image's size from its header alone: refused when it is not an
/// image we read, or too large to decode.
pub fn probe(bytes: &[u8]) -> Result<(u32, u32), Failure> {
    let probe = reader(bytes)?;
    if probe.format().is_none() {
        return Err(failed("not a PNG, JPEG or GIF image"));
    }
    let damaged = |e: image::ImageError| failed(format!("damaged ({})", short(&e.to_string())));
    let decoder = probe.into_decoder().map_err(damaged)?;
    let (w, h) = image::ImageDecoder::dimensions(&decoder);
    // Width x height x bytes a pixel, from the header: a 16-bit RGBA
    // picture takes twice what an 8-bit one does.
    let decoded = image::ImageDecoder::total_bytes(&decoder);
    let pixels = Some((w, h));
    if w == 0 || h == 0 {
        return Err(Failure {
            reason: "empty".into(),
            pixels,
        });
    }
    if !within_limits(w, h, decoded) {
        return Err(Failure {
            reason: "too large to decode".into(),
            pixels,
        });
    }
    Ok((w, h))
}

/// Decodes an image [`probe`] found to be `pixels` large, within the
/// memory limits.
fn decode_checked(bytes: &[u8], pixels: (u32, u32)) -> Result<DynamicImage, Failure> {
    let mut reader = reader(bytes)?;
    reader.limits(limits());
    reader.decode().map_err(|e| Failure {
        reason: format!("damaged ({})", short(&e.to_string())),
        pixels: Some(pixels),
    })
}

fn reader(bytes: &[u8]) -> Result<ImageReader<Cursor<&[u8]>>, Failure> {
    ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| failed("cannot be read"))
}

/// The first words of a decoder's message, on one line.
fn short(message: &str) -> String {
    let line = message.lines().next().unwrap_or("");
    crate::sanitize::sanitize_line(&crate::tui::text::truncate(line, 60)).into_owned()
}

/// `image` shrunk to fit `cells` (keeping its shape) in the picker's protocol.
pub fn fit(picker: &Picker, image: DynamicImage, cells: (u16, u16)) -> Result<Picture, Failure> {
    let pixels = (image.width(), image.height());
    let font = picker.font_size();
    let (cols, rows) = (cells.0.max(1), cells.1.max(1));
    let max_w = u32::from(cols) * u32::from(font.width.max(1));
    let max_h = u32::from(rows) * u32::from(font.height.max(1));
    // Shrinking here, with a smooth filter, looks better than the protocol's
    // own resize and keeps what the protocol encodes small.
    let image = if pixels.0 > max_w || pixels.1 > max_h {
        image.thumbnail(max_w, max_h)
    } else {
        image
    };
    // The cells the shrunk image takes at its own size (a small image is
    // not blown up: every protocol then draws it the same size), counted
    // as the layout counted the rows it keeps for it.
    let (w, h) = crate::layout::picture_cells(pixels, (font.width, font.height), (cols, rows));
    let size = Size::new(w, h);
    let protocol = SlicedProtocol::new_with_resize(picker, image, size, Resize::Fit(None))
        .map_err(|e| Failure {
            reason: format!("cannot be shown ({})", short(&e.to_string())),
            pixels: Some(pixels),
        })?;
    Ok(Picture {
        protocol: Arc::new(protocol),
        pixels,
    })
}

#[cfg(test)]
#[path = "image_tests.rs"]
mod tests;

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
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// The image, decoded only when [`probe`] finds its size within the limits.
    fn decode(bytes: &[u8]) -> Result<DynamicImage, Failure> {
        let pixels = probe(bytes)?;
        decode_checked(bytes, pixels)
    }

    /// A picture of our own: red on the left, blue on the right.
    fn picture(dir: &Path, name: &str, w: u32, h: u32) -> PathBuf {
        let img = image::RgbImage::from_fn(w, h, |x, _| {
            if x < w / 2 {
                image::Rgb([200, 30, 30])
            } else {
                image::Rgb([30, 30, 200])
            }
        });
        let path = dir.join(name);
        img.save(&path).unwrap();
        path
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        out.extend_from_slice(&u32::try_from(data.len()).unwrap().to_be_bytes());
        out.extend_from_slice(&body);
        out.extend_from_slice(&crc32(&body).to_be_bytes());
    }

    /// A PNG whose header claims `w` x `h` pixels, with a few bytes of data.
    fn png_header(w: u32, h: u32) -> Vec<u8> {
        png_header_of_depth(w, h, 8)
    }

    /// An RGBA PNG's header of `depth` bits a channel.
    fn png_header_of_depth(w: u32, h: u32, depth: u8) -> Vec<u8> {
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut ihdr = w.to_be_bytes().to_vec();
        ihdr.extend_from_slice(&h.to_be_bytes());
        ihdr.extend_from_slice(&[depth, 6, 0, 0, 0]);
        chunk(&mut out, b"IHDR", &ihdr);
        chunk(
            &mut out,
            b"IDAT",
            &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
        );
        chunk(&mut out, b"IEND", &[]);
        out
    }

    #[test]
    fn png_jpeg_and_gif_decode_and_fit_their_cells() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a.png", "a.jpg", "a.gif"] {
            let path = picture(dir.path(), name, 64, 32);
            let image = decode(&read(&path).unwrap()).unwrap();
            let fitted = fit(&Picker::halfblocks(), image, (20, 8)).unwrap();
            assert_eq!(fitted.pixels, (64, 32), "{name}");
            let size = fitted.protocol.size();
            assert!(size.width <= 20 && size.height <= 8, "{name}: {size:?}");
            assert!(size.width > 0 && size.height > 0, "{name}: {size:?}");
        }
    }

    #[test]
    fn a_large_picture_shrinks_to_the_column_keeping_its_shape() {
        let dir = tempfile::tempdir().unwrap();
        let path = picture(dir.path(), "wide.png", 800, 200);
        let image = decode(&read(&path).unwrap()).unwrap();
        let size = fit(&Picker::halfblocks(), image, (40, 16))
            .unwrap()
            .protocol
            .size();
        // 800 x 200 pixels in 10 x 20 pixel cells: 80 x 10 cells, halved to fit 40.
        assert_eq!(size.width, 40);
        assert_eq!(size.height, 5);
    }

    #[test]
    fn a_truncated_png_is_damaged_and_keeps_its_size() {
        let dir = tempfile::tempdir().unwrap();
        let path = picture(dir.path(), "a.png", 64, 32);
        let bytes = read(&path).unwrap();
        let failure = decode(&bytes[..bytes.len() / 2]).unwrap_err();
        assert!(failure.reason.starts_with("damaged"), "{failure:?}");
        assert_eq!(failure.pixels, Some((64, 32)));
    }

    #[test]
    fn a_huge_header_is_refused_before_decoding() {
        let failure = decode(&png_header(20_000, 20_000)).unwrap_err();
        assert_eq!(failure.reason, "too large to decode");
        assert_eq!(failure.pixels, Some((20_000, 20_000)));
        let failure = decode(&png_header(12_000, 11_000)).unwrap_err();
        assert_eq!(failure.reason, "too large to decode");
    }

    #[test]
    fn a_deep_picture_is_refused_by_its_bytes_before_decoding() {
        // 6300 x 6300 16-bit RGBA: 317 MB decoded; it peaked at 538 MB
        // before "damaged (Memory limit exceeded)".
        let failure = decode(&png_header_of_depth(6300, 6300, 16)).unwrap_err();
        assert_eq!(failure.reason, "too large to decode");
        assert_eq!(failure.pixels, Some((6300, 6300)));
        // The same size at 8 bits a channel (159 MB) is within the limits.
        assert!(probe(&png_header_of_depth(6300, 6300, 8)).is_ok());
    }

    #[test]
    fn text_named_png_is_not_an_image() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fake.png");
        std::fs::write(&path, "just some words, not a picture\n").unwrap();
        let failure = decode(&read(&path).unwrap()).unwrap_err();
        assert_eq!(failure.reason, "not a PNG, JPEG or GIF image");
        assert_eq!(failure.pixels, None);
    }

    #[test]
    fn files_are_found_beside_the_article_and_from_the_site_root() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("_config.yml"), "url: https://example.org\n").unwrap();
        std::fs::create_dir_all(root.join("assets")).unwrap();
        std::fs::create_dir_all(root.join("_posts")).unwrap();
        let pic = picture(&root.join("assets"), "a.png", 8, 8);
        let post = root.join("_posts").join("post.md");
        std::fs::write(&post, "![a](/assets/a.png)\n").unwrap();
        assert_eq!(find(&post, None, "/assets/a.png").unwrap(), pic);
        assert_eq!(find(&post, None, "../assets/a.png").unwrap(), pic);
        assert_eq!(find(&post, None, "../assets/a%2Epng").unwrap(), pic);
        assert_eq!(
            find(&post, None, "missing.png").unwrap_err().reason,
            "not found"
        );
        // Hugo keeps site assets under static/.
        std::fs::create_dir_all(root.join("static/img")).unwrap();
        let hugo = picture(&root.join("static/img"), "b.png", 8, 8);
        assert_eq!(find(&post, None, "/img/b.png").unwrap(), hugo);
    }

    #[test]
    fn pictures_outside_the_site_are_never_read() {
        // `/x.png` was read from the file system's root, `../../` left the site.
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("_posts")).unwrap();
        std::fs::write(site.join("_config.yml"), "title: t\n").unwrap();
        let secret = picture(dir.path(), "secret.png", 8, 8);
        let post = site.join("_posts").join("post.md");
        std::fs::write(&post, "x\n").unwrap();
        let outside = |target: &str| find(&post, None, target).unwrap_err().reason;
        assert_eq!(outside("../../secret.png"), "outside the site");
        assert_eq!(outside(secret.to_str().unwrap()), "outside the site");
        std::os::unix::fs::symlink(&secret, site.join("link.png")).unwrap();
        assert_eq!(outside("/link.png"), "outside the site");
        // `/` is the site's root.
        let inside = picture(&site, "x.png", 8, 8);
        assert_eq!(find(&post, None, "/x.png").unwrap(), inside);
    }

    #[test]
    fn a_job_reports_the_size_then_the_picture_or_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        let post = dir.path().join("post.md");
        picture(dir.path(), "a.png", 64, 32);
        let run = |target: &str| {
            let (reporter, sent) = Reporter::detached(7);
            let out = ImageJob {
                article: post.clone(),
                library: None,
                target: target.into(),
                cells: (30, 6),
                picker: Some(Picker::halfblocks()),
                remote: None,
            }
            .run(&reporter);
            let early: Vec<Outcome> = sent
                .outputs()
                .into_iter()
                .filter_map(|output| match output {
                    Output::Image(o) => Some(o.outcome),
                    _ => None,
                })
                .collect();
            (out, early)
        };
        let (out, early) = run("a.png");
        assert_eq!(out.article, post);
        assert_eq!((out.key.width, out.key.rows), (30, 6));
        assert!(
            matches!(early.as_slice(), [Outcome::Size(64, 32)]),
            "{early:?}"
        );
        assert!(
            matches!(out.outcome, Outcome::Ready(_)),
            "{:?}",
            out.outcome
        );
        let (out, early) = run("gone.png");
        assert!(early.is_empty());
        match out.outcome {
            Outcome::Failed(f) => assert_eq!(f.reason, "not found"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_job_with_no_picker_makes_half_blocks_of_the_same_size() {
        let dir = tempfile::tempdir().unwrap();
        let post = dir.path().join("post.md");
        picture(dir.path(), "a.png", 64, 32);
        let (reporter, _sent) = Reporter::<Output>::detached(7);
        let job = |picker| ImageJob {
            article: post.clone(),
            library: None,
            target: "a.png".into(),
            cells: (30, 6),
            picker,
            remote: None,
        };
        let size = |out: ImageOutput| match out.outcome {
            Outcome::Ready(picture) => picture.protocol.size(),
            other => panic!("{other:?}"),
        };
        let own = size(job(None).run(&reporter));
        let given = size(job(Some(Picker::halfblocks())).run(&reporter));
        assert_eq!(own, given);
    }
}

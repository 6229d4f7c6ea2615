//! Tests of the picture job: finding, probing, decoding and fitting a picture.
#![allow(clippy::unwrap_used)]
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
fn a_vault_s_embeds_are_found_anywhere_in_the_vault_opened_alone() {
    // A note opened on its own (no library): the vault is its root.
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault");
    std::fs::create_dir_all(vault.join(".obsidian")).unwrap();
    std::fs::create_dir_all(vault.join("assets")).unwrap();
    std::fs::create_dir_all(vault.join("projects")).unwrap();
    let pic = picture(&vault.join("assets"), "diagram.png", 8, 8);
    let note = vault.join("projects").join("Shed.md");
    std::fs::write(&note, "![[diagram.png]]\n").unwrap();
    assert_eq!(find(&note, None, "![[diagram.png]]").unwrap(), pic);
    assert_eq!(find(&note, None, "/assets/diagram.png").unwrap(), pic);
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

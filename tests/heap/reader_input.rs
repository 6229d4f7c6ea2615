//! The reader's memory on hostile input, counted by the global allocator:
//! floods on standard input (100 MB of NUL once took 850 MB, each NUL a
//! 3-byte U+FFFD laid out), and a picture whose header asks for more than
//! the decoding limit (a 300 KB 16-bit RGBA 6300 x 6300 PNG once peaked at
//! 538 MB before failing), refused from its header.

#![allow(clippy::unwrap_used)]

use crate::{ONE_AT_A_TIME, peak_of};

use std::io::Cursor;
use std::sync::Arc;
use std::sync::atomic::AtomicU16;

use quire::tui::reader::stdin::{StdinJob, StdinOutput};

/// Reads `bytes` as the reader reads standard input, and the peak of heap
/// bytes that took beyond the input itself.
fn read_as_stdin(bytes: Vec<u8>) -> (StdinOutput, usize) {
    let job = StdinJob {
        config: quire::tui::Config::default(),
        width: Arc::new(AtomicU16::new(80)),
        limit: u64::MAX,
    };
    let input = Cursor::new(bytes);
    peak_of(move || job.read_from(input, |_| true))
}

#[test]
fn floods_on_standard_input_stay_within_three_times_their_size() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let size = 8 << 20;
    for (name, bytes) in [
        ("NUL", vec![0u8; size]),
        ("invalid UTF-8", vec![0xFFu8; size]),
        ("NUL and bad bytes", [0u8, 0xFE].repeat(size / 2)),
    ] {
        let (out, peak) = read_as_stdin(bytes);
        let StdinOutput::Done { whole, problem } = out else {
            panic!("{name}: not done");
        };
        eprintln!("{name}: {peak} bytes for {size}");
        assert_eq!(problem, None, "{name}");
        // One mark for the whole run.
        assert_eq!(whole.0.body, "\u{fffd}", "{name}");
        assert!(peak <= 3 * size, "{name}: {peak} bytes for {size}");
    }
}

#[test]
fn text_on_standard_input_is_read_and_laid_out_in_bounded_memory() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let unit = "Some words of a paragraph that goes on.\n\n";
    let bytes = unit.repeat((4 << 20) / unit.len()).into_bytes();
    let size = bytes.len();
    let (out, peak) = read_as_stdin(bytes);
    let StdinOutput::Done { whole, .. } = out else {
        panic!("not done");
    };
    assert_eq!(whole.0.body.len(), size);
    eprintln!("text: {peak} bytes for {size}");
    // The bytes, the text and its layout (a line slot and a span each).
    assert!(peak <= 8 * size, "{peak} bytes for {size}");
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

#[test]
fn a_deep_picture_is_refused_from_its_header_without_decoding() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    // 6300 x 6300 pixels of 16-bit RGBA: 317 MB decoded, under the side
    // and pixel limits, over the bytes one.
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = 6300u32.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&6300u32.to_be_bytes());
    ihdr.extend_from_slice(&[16, 6, 0, 0, 0]);
    chunk(&mut png, b"IHDR", &ihdr);
    chunk(
        &mut png,
        b"IDAT",
        &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    );
    chunk(&mut png, b"IEND", &[]);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("deep.png"), &png).unwrap();
    let job = quire::tui::reader::jobs::ImageJob {
        article: dir.path().join("post.md"),
        library: None,
        target: "deep.png".into(),
        cells: (40, 16),
        picker: Some(ratatui_image::picker::Picker::halfblocks()),
        remote: None,
    };
    let (reporter, _sent) = quire::tui::jobs::Reporter::detached(1);
    let (out, peak) = peak_of(|| job.run(&reporter));
    let quire::tui::reader::images::Outcome::Failed(failure) = out.outcome else {
        panic!("decoded: {:?}", out.outcome);
    };
    assert_eq!(failure.reason, "too large to decode");
    assert_eq!(failure.pixels, Some((6300, 6300)));
    eprintln!("deep picture: {peak} bytes");
    assert!(peak < 1 << 20, "{peak} bytes");
}

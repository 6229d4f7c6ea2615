//! The one JSON writer every `--json` command uses: serde_json with strings
//! that a terminal cannot act on.
//!
//! serde_json escapes C0 controls, `"` and `\`, but writes DEL, C1 controls
//! (U+009B is a CSI on many terminals), bidi overrides and isolates, and the
//! JavaScript line separators raw. Here each of those is written as a
//! `\uXXXX` escape, so the bytes are safe on a terminal and the JSON still
//! decodes to the text the file has.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

use crate::sanitize::is_unsafe;

/// Writes `value` as compact JSON (no newline after it).
pub fn to_writer<W: Write, T: Serialize + ?Sized>(out: &mut W, value: &T) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(out, Escaping(CompactFormatter));
    value.serialize(&mut ser).map_err(io::Error::from)
}

/// Writes `value` as JSON indented two spaces (no newline after it).
pub fn to_writer_pretty<W: Write, T: Serialize + ?Sized>(out: &mut W, value: &T) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(out, Escaping(PrettyFormatter::new()));
    value.serialize(&mut ser).map_err(io::Error::from)
}

/// True for a character JSON output writes as an escape: every C0 and C1
/// control, DEL, bidi overrides and isolates, the bidi marks (U+200E, U+200F,
/// U+061C) and the line and paragraph separators (U+2028, U+2029).
pub fn needs_escape(c: char) -> bool {
    c < ' '
        || is_unsafe(c)
        || matches!(
            c,
            '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{2028}' | '\u{2029}'
        )
}

/// A formatter that writes like `F`, escaping [`needs_escape`] characters.
struct Escaping<F>(F);

impl<F: Formatter> Formatter for Escaping<F> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        out: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (at, c) in fragment.char_indices() {
            if needs_escape(c) {
                out.write_all(&fragment.as_bytes()[start..at])?;
                write!(out, "\\u{:04x}", u32::from(c))?;
                start = at + c.len_utf8();
            }
        }
        out.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.0.begin_array(out)
    }

    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.0.end_array(out)
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(out, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.0.end_array_value(out)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.0.begin_object(out)
    }

    fn end_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.0.end_object(out)
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(out, first)
    }

    fn end_object_key<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.0.end_object_key(out)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.0.begin_object_value(out)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.0.end_object_value(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str =
        "a\u{9b}b\u{202e}c\u{7f}d\u{2066}e\u{200f}f\u{61c}g\u{2028}h\u{2029}i\u{1b}j\u{85}é日";

    fn compact(value: &serde_json::Value) -> String {
        let mut out = Vec::new();
        to_writer(&mut out, value).expect("write to a Vec");
        String::from_utf8(out).expect("JSON is UTF-8")
    }

    #[test]
    fn every_control_and_bidi_character_is_escaped() {
        let value = serde_json::json!({ "t": HOSTILE, HOSTILE: [HOSTILE] });
        let text = compact(&value);
        assert!(!text.chars().any(needs_escape), "{text:?}");
        assert!(text.contains("a\\u009bb\\u202ec\\u007fd\\u2066e\\u200ff\\u061cg\\u2028h\\u2029i\\u001bj\\u0085é日"), "{text}");
        let back: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(back, value);
    }

    #[test]
    fn pretty_and_compact_keep_serde_json_layout() {
        let value = serde_json::json!([{ "a": 1, "b": [true, null] }]);
        assert_eq!(
            compact(&value),
            serde_json::to_string(&value).expect("json")
        );
        let mut out = Vec::new();
        to_writer_pretty(&mut out, &value).expect("write to a Vec");
        assert_eq!(
            String::from_utf8(out).expect("utf-8"),
            serde_json::to_string_pretty(&value).expect("json")
        );
    }

    #[test]
    fn quotes_and_backslashes_are_still_escaped() {
        let text = compact(&serde_json::json!("q\"b\\\n"));
        assert_eq!(text, "\"q\\\"b\\\\\\n\"");
    }
}

//! The one JSON writer every `--json` command uses: serde_json with strings
//! that stay harmless after a reader decodes them.
//!
//! serde_json escapes C0 controls as `\u001b`, which `jq -r` turns back into
//! a live escape sequence, and writes DEL, C1 controls (U+009B is a CSI on
//! many terminals), bidi overrides and the line separators raw. Here every
//! character [`is_unsafe`] calls unsafe is written as its visible stand-in,
//! the same one text output shows (`␛` for ESC): one rule for both.
//! Tabs and newlines stay (`\t`, `\n`).

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{CharEscape, CompactFormatter, Formatter, PrettyFormatter};

use crate::sanitize::{is_unsafe, stand_in};

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

/// A formatter that writes like `F`, with [`is_unsafe`] characters as their
/// stand-ins.
struct Escaping<F>(F);

fn write_stand_in<W: ?Sized + Write>(out: &mut W, c: char) -> io::Result<()> {
    let mut buf = [0u8; 4];
    out.write_all(stand_in(c).encode_utf8(&mut buf).as_bytes())
}

impl<F: Formatter> Formatter for Escaping<F> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        out: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (at, c) in fragment.char_indices() {
            if is_unsafe(c) {
                out.write_all(&fragment.as_bytes()[start..at])?;
                write_stand_in(out, c)?;
                start = at + c.len_utf8();
            }
        }
        out.write_all(&fragment.as_bytes()[start..])
    }

    fn write_char_escape<W: ?Sized + Write>(
        &mut self,
        out: &mut W,
        escape: CharEscape,
    ) -> io::Result<()> {
        let control = match escape {
            CharEscape::Backspace => Some('\u{8}'),
            CharEscape::FormFeed => Some('\u{c}'),
            CharEscape::CarriageReturn => Some('\r'),
            CharEscape::AsciiControl(byte) => Some(char::from(byte)),
            _ => None,
        };
        match control {
            Some(c) if is_unsafe(c) => write_stand_in(out, c),
            _ => self.0.write_char_escape(out, escape),
        }
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

    const HOSTILE: &str = "a\u{9b}b\u{202e}c\u{7f}d\u{2066}e\u{200f}f\u{61c}g\u{2028}h\u{2029}i\u{1b}j\u{85}é日\r\u{8}\u{c}";

    fn compact(value: &serde_json::Value) -> String {
        let mut out = Vec::new();
        to_writer(&mut out, value).expect("write to a Vec");
        String::from_utf8(out).expect("JSON is UTF-8")
    }

    #[test]
    fn unsafe_characters_decode_to_the_stand_ins_text_output_shows() {
        let value = serde_json::json!({ "t": HOSTILE, HOSTILE: [HOSTILE] });
        let text = compact(&value);
        assert!(!text.chars().any(is_unsafe), "{text:?}");
        let back: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        let safe = crate::sanitize::sanitize(HOSTILE).into_owned();
        assert_eq!(back, serde_json::json!({ "t": safe, safe.clone(): [safe] }));
        // What `jq -r` prints: no escape left to decode into a control.
        assert!(!back["t"].as_str().expect("a string").chars().any(is_unsafe));
        assert!(text.contains("i␛j"), "{text}");
    }

    #[test]
    fn tabs_and_newlines_stay_escaped() {
        assert_eq!(compact(&serde_json::json!("a\tb\n")), "\"a\\tb\\n\"");
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

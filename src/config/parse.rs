//! `config.toml` text to a [`Config`], with a [`Warning`] (file, line, key)
//! for each thing that was wrong; what was wrong keeps its default.

use std::ops::Range;
use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{Config, Images, KeyBinding, OutlineSide, Warning, expand_home};

pub(super) mod remote;
use crate::library::SortKey;
use crate::theme::{Color, Theme, ThemeChoice, parse_color};

/// Reads a config's text. Never fails: every problem becomes a warning and
/// the setting it touched keeps its default.
pub fn parse(text: &str, file: &Path) -> (Config, Vec<Warning>) {
    let mut p = Parser {
        text,
        file,
        // Where each line starts: a warning's line is a binary search, not
        // a count from the top (40,000 warnings took 4.9 s that way).
        line_starts: std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|at| at + 1))
            .collect(),
        warnings: Vec::new(),
    };
    let (table, errors) = DeTable::parse_recoverable(text);
    // An error without a place (the parser's recursion limit, once per
    // nested table) is said once, with its count, not once per table at
    // line 1.
    let mut placeless: Vec<(String, usize)> = Vec::new();
    for e in errors {
        let message = format!("not valid TOML: {}", e.message().trim());
        match e.span() {
            Some(span) => p.warn_at(span.start, "", message),
            None => match placeless.iter_mut().find(|(m, _)| *m == message) {
                Some((_, n)) => *n += 1,
                None => placeless.push((message, 1)),
            },
        }
    }
    for (message, n) in placeless {
        let message = if n > 1 {
            format!("{message} ({n} times)")
        } else {
            message
        };
        p.warn_at(0, "", message);
    }
    let mut config = Config {
        source: Some(file.to_path_buf()),
        ..Config::default()
    };
    for (key, value) in table.get_ref().iter() {
        p.top(&mut config, key.get_ref(), value);
    }
    // Tables iterate by key; the file's order decides which of two bindings
    // of one key comes first.
    config.reader_keys.sort_by_key(|b| b.line);
    config.library_keys.sort_by_key(|b| b.line);
    p.warnings.sort_by_key(|w| w.line);
    (config, p.warnings)
}

struct Parser<'a> {
    text: &'a str,
    file: &'a Path,
    line_starts: Vec<usize>,
    warnings: Vec<Warning>,
}

type Value<'i> = Spanned<DeValue<'i>>;

impl Parser<'_> {
    fn line_of(&self, at: usize) -> usize {
        let at = at.min(self.text.len());
        // The number of lines starting at or before `at`.
        self.line_starts.partition_point(|&start| start <= at)
    }

    fn warn_at(&mut self, at: usize, key: &str, message: String) {
        self.warnings.push(Warning {
            file: self.file.to_path_buf(),
            line: self.line_of(at),
            key: key.to_string(),
            message,
        });
    }

    fn warn(&mut self, span: Range<usize>, key: &str, message: impl Into<String>) {
        self.warn_at(span.start, key, message.into());
    }

    fn top(&mut self, c: &mut Config, key: &str, v: &Value<'_>) {
        match key {
            "width" => c.width = self.number(key, v, 1),
            "outline-width" => c.outline_width = self.number(key, v, 10),
            "image-height" => {
                c.image_height = self
                    .number(key, v, 1)
                    .map(|n| n.min(super::MAX_IMAGE_HEIGHT));
            }
            "library" => c.library = self.string(key, v).map(|s| expand_home(&s)),
            "drafts" => c.drafts = self.boolean(key, v),
            "hyperlinks" => c.hyperlinks = self.boolean(key, v),
            "theme" => {
                c.theme = self.word(key, v, &ThemeChoice::ALL.map(|(c, n)| (n, c)));
            }
            "outline" => {
                let words = [
                    ("left", OutlineSide::Left),
                    ("right", OutlineSide::Right),
                    ("hidden", OutlineSide::Hidden),
                ];
                c.outline = self.word(key, v, &words);
            }
            "sort" => {
                let words = [
                    ("date", SortKey::Date),
                    ("title", SortKey::Title),
                    ("path", SortKey::Path),
                    ("reading-time", SortKey::ReadingTime),
                    ("links-in", SortKey::LinksIn),
                ];
                c.sort = self.word(key, v, &words);
            }
            "images" => {
                let words = [
                    ("auto", Images::Auto),
                    ("halfblocks", Images::Halfblocks),
                    ("off", Images::Off),
                ];
                c.images = self.word(key, v, &words);
            }
            "remote" => self.remote(&mut c.remote, v),
            "colors" => {
                if let Some(t) = self.table(key, v) {
                    for (k, v) in t.iter() {
                        self.color(c, k, v);
                    }
                }
            }
            "keys" => {
                if let Some(t) = self.table(key, v) {
                    for (k, v) in t.iter() {
                        let name = format!("keys.{}", k.get_ref());
                        let list = match k.get_ref().as_ref() {
                            "reader" => &mut c.reader_keys,
                            "library" => &mut c.library_keys,
                            _ => {
                                self.warn(k.span(), &name, "unknown section (reader, library)");
                                continue;
                            }
                        };
                        let Some(t) = self.table(&name, v) else {
                            continue;
                        };
                        for (key, action) in t.iter() {
                            let full = format!("{name}.\"{}\"", key.get_ref());
                            if let Some(a) = self.string(&full, action) {
                                list.push(KeyBinding {
                                    key: key.get_ref().to_string(),
                                    action: a,
                                    line: self.line_of(key.span().start),
                                });
                            }
                        }
                    }
                }
            }
            _ => self.warn_unknown_key(key, v),
        }
    }

    fn warn_unknown_key(&mut self, key: &str, v: &Value<'_>) {
        // The value's span is all a top-level entry keeps; its line is the key's.
        self.warn(v.span(), key, "unknown setting; ignored");
    }

    fn color(&mut self, c: &mut Config, k: &Spanned<std::borrow::Cow<'_, str>>, v: &Value<'_>) {
        let key = format!("colors.{}", k.get_ref());
        let Some(slot) = Theme::SLOTS.iter().find(|s| **s == k.get_ref().as_ref()) else {
            self.warn(k.span(), &key, "unknown colour slot; ignored");
            return;
        };
        let color = match v.get_ref() {
            DeValue::String(s) => parse_color(s),
            DeValue::Integer(i) => i64::from_str_radix(&i.as_str().replace('_', ""), i.radix())
                .ok()
                .and_then(|n| u8::try_from(n).ok())
                .map(Color::Indexed),
            other => {
                let what = other.type_str();
                self.warn(v.span(), &key, format!("expected a colour, found {what}"));
                return;
            }
        };
        match color {
            Some(color) => c.colors.push((slot, color)),
            None => self.warn(
                v.span(),
                &key,
                "unknown colour (a name like light-cyan, #rrggbb, or 0 to 255); ignored",
            ),
        }
    }

    fn table<'v, 'i>(&mut self, key: &str, v: &'v Value<'i>) -> Option<&'v DeTable<'i>> {
        let t = v.get_ref().as_table();
        if t.is_none() {
            let what = v.get_ref().type_str();
            self.warn(
                v.span(),
                key,
                format!("expected a table, found {what}; ignored"),
            );
        }
        t
    }

    fn string(&mut self, key: &str, v: &Value<'_>) -> Option<String> {
        let s = v.get_ref().as_str().map(str::to_string);
        if s.is_none() {
            let what = v.get_ref().type_str();
            self.warn(
                v.span(),
                key,
                format!("expected a string, found {what}; using the default"),
            );
        }
        s
    }

    fn boolean(&mut self, key: &str, v: &Value<'_>) -> Option<bool> {
        let b = v.get_ref().as_bool();
        if b.is_none() {
            let what = v.get_ref().type_str();
            self.warn(
                v.span(),
                key,
                format!("expected true or false, found {what}; using the default"),
            );
        }
        b
    }

    fn number(&mut self, key: &str, v: &Value<'_>, min: u16) -> Option<u16> {
        let n = v
            .get_ref()
            .as_integer()
            .and_then(|i| i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok());
        let Some(n) = n else {
            let what = v.get_ref().type_str();
            self.warn(
                v.span(),
                key,
                format!("expected a number, found {what}; using the default"),
            );
            return None;
        };
        let fits = u16::try_from(n).ok().filter(|n| *n >= min);
        if fits.is_none() {
            self.warn(
                v.span(),
                key,
                format!("{n} is out of range ({min} to 65535); using the default"),
            );
        }
        fits
    }

    fn word<T: Copy>(&mut self, key: &str, v: &Value<'_>, words: &[(&str, T)]) -> Option<T> {
        let s = self.string(key, v)?;
        let found = words.iter().find(|(w, _)| *w == s).map(|(_, t)| *t);
        if found.is_none() {
            let names: Vec<&str> = words.iter().map(|(w, _)| *w).collect();
            self.warn(
                v.span(),
                key,
                format!(
                    "unknown value \"{s}\" (one of: {}); using the default",
                    names.join(", ")
                ),
            );
        }
        found
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::theme::Named;

    fn read(text: &str) -> (Config, Vec<(usize, String, String)>) {
        let (c, w) = parse(text, Path::new("/c/config.toml"));
        let w = w.into_iter().map(|w| (w.line, w.key, w.message)).collect();
        (c, w)
    }

    #[test]
    fn image_height_is_at_least_one_and_capped() {
        let (c, w) = read("images = \"halfblocks\"\nimage-height = 8\n");
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(
            (c.images, c.image_height),
            (Some(Images::Halfblocks), Some(8))
        );
        let (c, w) = read("image-height = 0\n");
        assert_eq!(c.image_height, None);
        assert_eq!(w.len(), 1, "{w:?}");
        let (c, w) = read("image-height = 5000\n");
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(c.image_height, Some(crate::config::MAX_IMAGE_HEIGHT));
        assert_eq!(Config::default().settings().image_height, 16);
    }

    #[test]
    fn hyperlinks_switch_reads_and_defaults_on() {
        let (c, w) = read("hyperlinks = false\n");
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(c.hyperlinks, Some(false));
        assert!(!c.settings().hyperlinks);
        let (c, w) = read("hyperlinks = \"no\"\n");
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(c.settings().hyperlinks);
    }

    #[test]
    fn every_setting_reads() {
        let (c, w) = read(
            "width = 90\nlibrary = \"/notes\"\ntheme = \"light\"\noutline = \"right\"\n\
             outline-width = 40\ndrafts = false\nsort = \"title\"\nimages = \"off\"\n\
             [colors]\nheading1 = \"#e0a000\"\nlink = 208\ncode = \"light-cyan\"\n\
             [keys.reader]\n\"ctrl-n\" = \"next-heading\"\n[keys.library]\nx = \"sort-next\"\n",
        );
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(c.width, Some(90));
        assert_eq!(c.library.as_deref(), Some(Path::new("/notes")));
        assert_eq!(c.theme, Some(ThemeChoice::Light));
        assert_eq!(c.outline, Some(OutlineSide::Right));
        assert_eq!(c.outline_width, Some(40));
        assert_eq!(c.drafts, Some(false));
        assert_eq!(c.sort, Some(SortKey::Title));
        assert_eq!(c.images, Some(Images::Off));
        assert_eq!(
            c.colors,
            vec![
                ("code", Color::Named(Named::LightCyan)),
                ("heading1", Color::Rgb(0xe0, 0xa0, 0)),
                ("link", Color::Indexed(208)),
            ]
        );
        assert_eq!(c.reader_keys[0].key, "ctrl-n");
        assert_eq!(c.reader_keys[0].action, "next-heading");
        assert_eq!(c.reader_keys[0].line, 14);
        assert_eq!(c.library_keys[0].line, 16);
        let painted = c.paint(Theme::DARK);
        assert_eq!(painted.heading1.fg, Some(Color::Rgb(0xe0, 0xa0, 0)));
        assert!(painted.heading1.bold, "only the colour changes");
        assert_eq!(c.paint(Theme::MONO), Theme::MONO);
    }

    #[test]
    fn a_syntax_error_names_its_line_and_keeps_the_rest() {
        let (c, w) = read("width = 80\n\ntheme = \"dark\nsort = \"path\"\n");
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].0, 3);
        assert!(w[0].2.contains("not valid TOML"), "{w:?}");
        assert_eq!(c.width, Some(80));
    }

    #[test]
    fn unknown_keys_and_wrong_types_name_line_and_key() {
        let (c, w) = read(
            "width = \"wide\"\ncolour = 1\ndrafts = \"yes\"\noutline = \"top\"\n\
             sort = \"date\"\noutline-width = 3\n[colors]\nheading9 = \"red\"\nlink = \"mauve\"\n\
             code = true\n[keys.editor]\nx = \"quit\"\n[keys.reader]\ny = 3\n",
        );
        let got: Vec<(usize, &str)> = w.iter().map(|(l, k, _)| (*l, k.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (1, "width"),
                (2, "colour"),
                (3, "drafts"),
                (4, "outline"),
                (6, "outline-width"),
                (8, "colors.heading9"),
                (9, "colors.link"),
                (10, "colors.code"),
                (11, "keys.editor"),
                (14, "keys.reader.\"y\""),
            ]
        );
        // What was right still counts; what was wrong keeps its default.
        assert_eq!(c.sort, Some(SortKey::Date));
        assert_eq!(c.width, None);
        assert_eq!(c.settings().width, super::super::DEFAULT_WIDTH);
        assert!(c.colors.is_empty());
    }

    #[test]
    fn many_warnings_name_their_own_lines() {
        let text: String = (0..5000).map(|i| format!("k{i} = 1\n")).collect();
        let (_, w) = read(&text);
        assert_eq!(w.len(), 5000);
        assert!(w.iter().enumerate().all(|(i, (line, ..))| *line == i + 1));
    }

    #[test]
    fn a_placeless_error_is_one_warning_with_its_count() {
        let text: String = (1..400)
            .map(|i| format!("[{}]\n", vec!["a"; i].join(".")))
            .collect();
        let (_, w) = read(&text);
        let limits: Vec<_> = w
            .iter()
            .filter(|(_, _, m)| m.contains("recursion"))
            .collect();
        assert_eq!(limits.len(), 1, "{w:?}");
        assert!(limits[0].2.contains("times)"), "{w:?}");
    }

    #[test]
    fn a_duplicate_toml_key_is_a_syntax_warning_with_its_line() {
        let (_, w) = read("[keys.reader]\nx = \"quit\"\nx = \"back\"\n");
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].0, 3);
    }
}

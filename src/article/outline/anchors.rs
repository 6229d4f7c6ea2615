//! GitHub-style anchors for headings: slugs, numbered when repeated, kept
//! unique within one article.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use compact_str::CompactString;

/// Hands out GitHub-style anchors, unique within one article.
///
/// The anchors given out are remembered by a 64-bit hash, not by their
/// text. Two anchors with the same hash (about one chance in 10^19 a pair)
/// could only make a slug take the next number: anchors stay unique either
/// way.
///
/// A numbered anchor is not remembered on its own: `base-n` is taken when
/// `base` has been numbered up to `n` (every number up to the last one a
/// slug took was given out, to it or before it). So a flood of one heading
/// keeps two entries here, not one per heading.
#[derive(Debug, Default)]
pub(super) struct Anchors {
    /// The hash of each slug and `{#id}` given out as it was written.
    used: HashSet<u64, Prehashed>,
    /// For a slug given out more than once: the last number it took.
    numbered: HashMap<u64, u32, Prehashed>,
    /// The slug being made, kept for the next.
    buffer: String,
}

/// The keys are hashes already: they are their own hash.
type Prehashed = BuildHasherDefault<KeyHasher>;

/// Passes a `u64` key through as its hash.
#[derive(Debug, Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// The 64-bit FNV-1a hash of `anchor`, finished with a multiply-xorshift so
/// that every bit of it depends on every byte (the tables use its low bits
/// for the bucket and its top bits to tell entries apart).
fn key(anchor: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in anchor.as_bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^ (hash >> 33)
}

/// `base-n`, written without the formatting machinery (a flood of
/// repeated headings numbers each one).
fn numbered(base: &str, n: u32) -> CompactString {
    let mut digits = [0u8; 10];
    let mut at = digits.len();
    let mut rest = n;
    loop {
        at -= 1;
        // A digit: always ASCII.
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let mut out = CompactString::with_capacity(base.len() + 1 + digits.len() - at);
    out.push_str(base);
    out.push('-');
    for &d in &digits[at..] {
        out.push(char::from(d));
    }
    out
}

impl Anchors {
    /// The slug of `text`, with `-1`, `-2`, ... when it was given out before.
    pub(super) fn slug(&mut self, text: &str) -> CompactString {
        let mut base = std::mem::take(&mut self.buffer);
        base.clear();
        slug_into(text, &mut base);
        let base_key = key(&base);
        let anchor = if self.taken(&base, base_key) {
            let mut count = self.numbered.get(&base_key).copied().unwrap_or(0);
            let anchor = loop {
                count = count.saturating_add(1);
                let candidate = numbered(&base, count);
                if !self.taken(&candidate, key(&candidate)) {
                    break candidate;
                }
            };
            self.numbered.insert(base_key, count);
            anchor
        } else {
            self.used.insert(base_key);
            CompactString::from(base.as_str())
        };
        self.buffer = base;
        anchor
    }

    /// An author's `{#id}`: kept as written, and reserved so that a later
    /// heading's slug does not take it.
    pub(super) fn explicit(&mut self, id: String) -> CompactString {
        self.used.insert(key(&id));
        CompactString::from(id)
    }

    /// Whether `anchor` (whose key is `anchor_key`) was given out: as
    /// written, or as a number its base has reached.
    fn taken(&self, anchor: &str, anchor_key: u64) -> bool {
        if self.used.contains(&anchor_key) {
            return true;
        }
        let Some((base, n)) = split_number(anchor) else {
            return false;
        };
        self.numbered.get(&key(base)).is_some_and(|&last| n <= last)
    }
}

/// `base-n` split into `base` and `n`, when `n` is written as [`numbered`]
/// writes it: decimal, no leading zero, at least 1, a `u32`.
fn split_number(anchor: &str) -> Option<(&str, u32)> {
    let (base, digits) = anchor.rsplit_once('-')?;
    if digits.is_empty() || digits.starts_with('0') || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = digits.parse().ok()?;
    Some((base, n))
}

/// GitHub's slug: lowercase; letters, marks, digits, `_` and `-` kept;
/// spaces to `-`; everything else dropped.
pub fn slugify(text: &str) -> CompactString {
    let mut slug = String::with_capacity(text.len());
    slug_into(text, &mut slug);
    CompactString::from(slug)
}

/// Writes the slug of `text` at the end of `slug`.
fn slug_into(text: &str, slug: &mut String) {
    for c in text.chars() {
        if c.is_ascii() {
            match c {
                ' ' => slug.push('-'),
                '-' | '_' => slug.push(c),
                c if c.is_ascii_alphanumeric() => slug.push(c.to_ascii_lowercase()),
                _ => {}
            }
        } else {
            slug.extend(
                c.to_lowercase()
                    .filter(|&c| c.is_alphanumeric() || is_mark(c)),
            );
        }
    }
}

/// Combining marks of the common blocks (GitHub keeps `\p{M}` in slugs).
fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036f}' | '\u{0483}'..='\u{0489}' | '\u{0591}'..='\u{05bd}'
        | '\u{0610}'..='\u{061a}' | '\u{064b}'..='\u{065f}' | '\u{0900}'..='\u{0903}'
        | '\u{093a}'..='\u{094f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}'
        | '\u{20d0}'..='\u{20ff}' | '\u{fe00}'..='\u{fe0f}' | '\u{fe20}'..='\u{fe2f}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_format_writes_them() {
        for n in [0, 1, 9, 10, 99, 100, 12_345, u32::MAX] {
            assert_eq!(numbered("h", n), format!("h-{n}"));
        }
        assert_eq!(numbered("", 7), "-7");
    }

    /// The anchors as a list of every anchor given out would hand them out.
    fn naive(texts: &[&str]) -> Vec<String> {
        let mut used = HashSet::new();
        texts
            .iter()
            .map(|text| {
                let base = slugify(text).into_string();
                let mut anchor = base.clone();
                let mut n = 0;
                while used.contains(&anchor) {
                    n += 1;
                    anchor = format!("{base}-{n}");
                }
                used.insert(anchor.clone());
                anchor
            })
            .collect()
    }

    fn given(texts: &[&str]) -> Vec<String> {
        let mut anchors = Anchors::default();
        texts
            .iter()
            .map(|text| anchors.slug(text).into_string())
            .collect()
    }

    #[test]
    fn headings_written_like_numbered_anchors_take_the_next_number() {
        for texts in [
            &["h", "h", "h-1"][..],
            &["h-1", "h", "h", "h"],
            &["h", "h", "h-01", "h-0", "h-", "h-1"],
            &["h-1", "h-1", "h", "h", "h-1-1", "h-1"],
            &["a-2", "a", "a", "a", "a-2"],
            &["x-4294967295", "x-99999999999", "x", "x-4294967296"],
        ] {
            assert_eq!(given(texts), naive(texts), "{texts:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn anchors_are_those_of_a_list_of_every_anchor(
            picks in proptest::collection::vec(0usize..12, 0..60)
        ) {
            const TEXTS: [&str; 12] = [
                "h", "h-1", "h-2", "h-1-1", "h-3", "H 1", "a", "a-1", "a-1-1", "h-01", "-1", "1",
            ];
            let texts: Vec<&str> = picks.iter().map(|&i| TEXTS[i]).collect();
            proptest::prop_assert_eq!(given(&texts), naive(&texts));
        }
    }

    #[test]
    fn a_flood_of_one_heading_gets_distinct_numbered_anchors() {
        let mut anchors = Anchors::default();
        let given: HashSet<CompactString> = (0..50_000).map(|_| anchors.slug("Notes")).collect();
        assert_eq!(given.len(), 50_000);
        assert!(given.contains("notes") && given.contains("notes-49999"));
    }
}

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

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// Goes on with the 64-bit FNV-1a hash `hash` over `bytes`.
fn fnv(mut hash: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// Finishes a hash with a multiply-xorshift so that every bit of it depends
/// on every byte (the tables use its low bits for the bucket and its top
/// bits to tell entries apart).
fn finish(mut hash: u64) -> u64 {
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^ (hash >> 33)
}

/// The key of `anchor`: its FNV-1a hash, finished.
fn key(anchor: &str) -> u64 {
    finish(fnv(FNV_OFFSET, anchor.as_bytes()))
}

/// The key of `base-n`, without writing it out.
fn numbered_key(base: &str, n: u32) -> u64 {
    let mut digits = [0u8; 10];
    let at = write_digits(n, &mut digits);
    let hash = fnv(fnv(FNV_OFFSET, base.as_bytes()), b"-");
    finish(fnv(hash, &digits[at..]))
}

/// Writes `n` in decimal at the end of `digits`; returns where it starts.
fn write_digits(n: u32, digits: &mut [u8; 10]) -> usize {
    let mut at = digits.len();
    let mut rest = n;
    loop {
        at -= 1;
        // A digit: always ASCII.
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            return at;
        }
    }
}

/// `base-n`, written without the formatting machinery.
pub(super) fn numbered(base: &str, n: u32) -> CompactString {
    let mut digits = [0u8; 10];
    let at = write_digits(n, &mut digits);
    let mut out = String::with_capacity(base.len() + 1 + digits.len() - at);
    out.push_str(base);
    out.push('-');
    // ASCII digits.
    out.extend(digits[at..].iter().map(|&d| char::from(d)));
    CompactString::from(out)
}

impl Anchors {
    /// The number to add to the slug of `text` to make its anchor unique:
    /// 0 for the slug itself, then 1, 2, ... when it was given out before.
    pub(super) fn slug(&mut self, text: &str) -> u32 {
        let mut base = std::mem::take(&mut self.buffer);
        base.clear();
        slug_into(text, &mut base);
        let base_key = key(&base);
        let number = if self.taken(&base, base_key) {
            let mut count = self.numbered.get(&base_key).copied().unwrap_or(0);
            // `base-count` is past the base's last number: it is taken only
            // if given out as written.
            loop {
                count = count.saturating_add(1);
                if !self.used.contains(&numbered_key(&base, count)) {
                    break;
                }
            }
            self.numbered.insert(base_key, count);
            count
        } else {
            self.used.insert(base_key);
            0
        };
        self.buffer = base;
        number
    }

    /// Reserves an author's `{#id}`, so that a later heading's slug does
    /// not take it.
    pub(super) fn explicit(&mut self, id: &str) {
        self.used.insert(key(id));
    }

    /// Whether `anchor` (whose key is `anchor_key`) was given out: as
    /// written, or as a number its base has reached.
    fn taken(&self, anchor: &str, anchor_key: u64) -> bool {
        if self.used.contains(&anchor_key) {
            return true;
        }
        let Some((base, n)) = anchor
            .rsplit_once('-')
            .and_then(|(base, digits)| Some((base, canonical_number(digits)?)))
        else {
            return false;
        };
        self.numbered.get(&key(base)).is_some_and(|&last| n <= last)
    }
}

/// `digits` as a number when written as [`numbered`] writes numbers:
/// decimal, no leading zero, at least 1, a `u32`.
pub(super) fn canonical_number(digits: &str) -> Option<u32> {
    if digits.is_empty() || digits.starts_with('0') || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
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
            assert_eq!(numbered_key("héllo", n), key(&format!("héllo-{n}")));
        }
        assert_eq!(numbered("", 7), "-7");
    }

    /// The anchors as a list of every anchor given out would hand them out;
    /// a text in braces is an author's `{#id}`.
    fn naive(texts: &[&str]) -> Vec<String> {
        let mut used = HashSet::new();
        texts
            .iter()
            .map(|text| {
                if let Some(id) = text.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
                    used.insert(id.to_string());
                    return id.to_string();
                }
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
            .map(|text| {
                if let Some(id) = text.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
                    anchors.explicit(id);
                    return id.to_string();
                }
                match anchors.slug(text) {
                    0 => slugify(text).into_string(),
                    n => numbered(&slugify(text), n).into_string(),
                }
            })
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
            &["{h-2}", "h", "h", "h", "{h}", "h"],
        ] {
            assert_eq!(given(texts), naive(texts), "{texts:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(crate::fixed_seed(256))]
        #[test]
        fn anchors_are_those_of_a_list_of_every_anchor(
            picks in proptest::collection::vec(0usize..15, 0..60)
        ) {
            const TEXTS: [&str; 15] = [
                "h", "h-1", "h-2", "h-1-1", "h-3", "H 1", "a", "a-1", "a-1-1", "h-01", "-1", "1",
                "{h-2}", "{a}", "{h-1-1}",
            ];
            let texts: Vec<&str> = picks.iter().map(|&i| TEXTS[i]).collect();
            proptest::prop_assert_eq!(given(&texts), naive(&texts));
        }
    }

    #[test]
    fn a_flood_of_one_heading_gets_distinct_numbered_anchors() {
        let mut anchors = Anchors::default();
        let given: Vec<u32> = (0..50_000).map(|_| anchors.slug("Notes")).collect();
        assert_eq!(given, (0..50_000).collect::<Vec<u32>>());
    }
}

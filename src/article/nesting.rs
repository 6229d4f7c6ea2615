//! How deeply YAML front matter nests its flow collections (`[` and `{`),
//! found by one linear pass before serde_yaml sees the text.
//!
//! libyaml's scanner (under serde_yaml) checks every open flow level on
//! every token, so text nested `n` deep costs `n` times its tokens: 80 KB of
//! `[` took 16 s. Block nesting needs a column of indentation per level and
//! stays linear, so only flow nesting is measured.

/// The deepest flow nesting quire hands to the YAML parser. serde_yaml stops
/// at 128 levels of any kind anyway; real front matter nests a few.
pub const MAX_FLOW_DEPTH: usize = 100;

/// The 1-based line of `raw` where its flow nesting first goes past `limit`,
/// or `None` when it never does.
///
/// Two counts are kept and either refuses: one skips quoted scalars and
/// comments as YAML reads them, the other counts every bracket. A quote
/// the first count takes for an opening one that YAML does not (inside a
/// plain scalar) would hide brackets from it, and closing brackets inside
/// a quote would hide opening ones from the second; to hide deep nesting
/// from both, text has to fool both at once.
pub fn too_deep_at(raw: &str, limit: usize) -> Option<usize> {
    let mut careful = Depth::default();
    let mut plain = Depth::default();
    let mut state = State::Normal;
    // Whether a token may start here: after a space, a line break, a flow
    // indicator or a closing quote, a `#` opens a comment and a quote a
    // quoted scalar; inside a plain scalar (`it's`, `a#b`) they are text.
    let mut token_start = true;
    let mut line = 1;
    let mut bytes = raw.bytes().peekable();
    while let Some(b) = bytes.next() {
        if b == b'\n' {
            line += 1;
        }
        if plain.step(b) > limit {
            return Some(line);
        }
        let mut closed = false;
        state = match state {
            State::Normal => match b {
                b'#' if token_start => State::Comment,
                b'\'' if token_start => State::Single,
                b'"' if token_start => State::Double,
                _ => {
                    if careful.step(b) > limit {
                        return Some(line);
                    }
                    State::Normal
                }
            },
            State::Comment if b == b'\n' => State::Normal,
            State::Comment => State::Comment,
            // `''` is a quote inside a single-quoted scalar.
            State::Single if b == b'\'' && bytes.peek() == Some(&b'\'') => {
                bytes.next();
                State::Single
            }
            State::Single if b == b'\'' => {
                closed = true;
                State::Normal
            }
            State::Single => State::Single,
            State::Double if b == b'\\' => {
                if bytes.next() == Some(b'\n') {
                    line += 1;
                }
                State::Double
            }
            State::Double if b == b'"' => {
                closed = true;
                State::Normal
            }
            State::Double => State::Double,
        };
        token_start = closed || matches!(state, State::Normal) && ends_a_token(b);
    }
    None
}

/// Where the scan is: in ordinary text, a comment or a quoted scalar.
#[derive(Clone, Copy)]
enum State {
    Normal,
    Comment,
    Single,
    Double,
}

/// A count of open flow collections.
#[derive(Default)]
struct Depth(usize);

impl Depth {
    /// Counts `b` (an opening bracket deepens, a closing one leaves a level)
    /// and returns the depth after it.
    fn step(&mut self, b: u8) -> usize {
        match b {
            b'[' | b'{' => self.0 += 1,
            b']' | b'}' => self.0 = self.0.saturating_sub(1),
            _ => {}
        }
        self.0
    }
}

/// True for the bytes after which YAML may start a new token.
fn ends_a_token(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'\t' | b'\n' | b'\r' | b'[' | b']' | b'{' | b'}' | b','
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_front_matter_is_shallow() {
        let raw = "title: A [draft] {x}\ntags: [a, [b, c], {d: [e]}]\n# [x]\n";
        assert_eq!(too_deep_at(raw, 3), None);
        assert_eq!(too_deep_at(raw, 2), Some(2));
    }

    #[test]
    fn deep_flow_nesting_is_found_on_its_line() {
        let raw = format!("title: x\nlist:\n  - {}\n", "[".repeat(MAX_FLOW_DEPTH + 1));
        assert_eq!(too_deep_at(&raw, MAX_FLOW_DEPTH), Some(3));
        let raw = format!("a: {}1{}\n", "{a: ".repeat(50), "}".repeat(50));
        assert_eq!(too_deep_at(&raw, 50), None);
        assert_eq!(too_deep_at(&raw, 49), Some(1));
    }

    #[test]
    fn closing_brackets_in_quotes_or_comments_hide_nothing() {
        // YAML nests 60 + 60 here; the quoted and commented closers end no level.
        let closers = "]".repeat(60);
        for hide in [
            format!("\"{closers}\""),
            format!("'{closers}'"),
            format!("# {closers}\n"),
            format!(" # {closers}\n"),
        ] {
            let raw = format!("a: {}{hide} {}\n", "[".repeat(60), "[".repeat(60));
            assert!(too_deep_at(&raw, 100).is_some(), "{raw}");
        }
    }

    #[test]
    fn a_quote_inside_a_plain_scalar_hides_nothing() {
        // To YAML, `it's` and `x '` are plain text: the brackets after them count.
        let raw = format!("t: it's\na: [x '{}'\n", "[".repeat(120));
        assert!(too_deep_at(&raw, 100).is_some());
        let raw = format!("a: {}'\"]]]'", "[".repeat(101));
        assert!(too_deep_at(&raw, 100).is_some());
    }
}

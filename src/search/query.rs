//! The search box's query language, read into an FTS5 match expression that
//! cannot fail: words all must match (the last one as a prefix while typing),
//! `"a phrase"`, `-word` excludes, `tag:NAME` restricts, `title:word`.
//!
//! Nothing typed reaches FTS5 as syntax: every word becomes a quoted string,
//! so `AND`, `*`, `:`, `^` or `NEAR(` are read literally, and an unbalanced
//! quote is just a character.

/// One word or phrase of a query.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Term {
    /// The text as typed (a phrase's words with their spaces).
    pub text: String,
    /// Typed in quotes: its words must appear in this order, next to each other.
    pub phrase: bool,
    /// `title:`: must be in the title.
    pub title: bool,
    /// The last word while typing: matches any word it begins.
    pub prefix: bool,
    /// For a word being typed that the index's stemming would change as if
    /// it were whole ("asy" -> "asi", no start of "async"): its longest
    /// start that stemming leaves alone, matched as a prefix too. Set by
    /// [`Index`](super::Index) before it searches.
    pub unstemmed: Option<String>,
}

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Every one must match.
    pub terms: Vec<Term>,
    /// None may match (`-word`).
    pub excluded: Vec<Term>,
    /// `tag:NAME`: the article must have every one of these tags (lowercase).
    pub tags: Vec<String>,
    /// `-tag:NAME`: the article must have none of these (lowercase).
    pub excluded_tags: Vec<String>,
    /// What [`Query::parse`] left out of a query over [`MAX_QUERY_BYTES`]
    /// or [`MAX_QUERY_TERMS`], to be said to the user; `None` when nothing.
    pub trimmed: Option<String>,
}

/// The most bytes of a query that are read; the rest is left out.
pub const MAX_QUERY_BYTES: usize = 1024;
/// The most terms (words, phrases, tags, exclusions) a query keeps: the
/// match expression and the ranking grow with every term, FTS5's parser with
/// its square (`the` x 800 took 7.5 s).
pub const MAX_QUERY_TERMS: usize = 64;

impl Query {
    /// Reads `input`. The last bare word is a prefix unless the input ends
    /// with a space (the user has finished typing it).
    /// A repeated term is kept once; past [`MAX_QUERY_BYTES`] or
    /// [`MAX_QUERY_TERMS`] the rest is left out and [`Query::trimmed`] says so.
    pub fn parse(input: &str) -> Query {
        let mut cut = input.len().min(MAX_QUERY_BYTES);
        while !input.is_char_boundary(cut) {
            cut -= 1;
        }
        if cut < input.len() && !input[cut..].starts_with(char::is_whitespace) {
            // A word cut in two would be a word nobody typed.
            cut = input[..cut].rfind(char::is_whitespace).unwrap_or(cut);
        }
        let (input, over) = (&input[..cut], &input[cut..]);
        let mut q = Query::default();
        let chars: Vec<char> = input.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            if chars[i].is_whitespace() {
                i += 1;
                continue;
            }
            let start = i;
            let negate = chars[i] == '-' && chars.get(i + 1).is_some_and(|c| !c.is_whitespace());
            if negate {
                i += 1;
            }
            let field = field_at(&chars, i);
            if let Some((_, len)) = field {
                i += len;
            }
            let (text, phrase, next) = if chars.get(i) == Some(&'"')
                && let Some(close) = chars[i + 1..].iter().position(|&c| c == '"')
            {
                let text: String = chars[i + 1..i + 1 + close].iter().collect();
                (text, true, i + close + 2)
            } else {
                let end = chars[i..]
                    .iter()
                    .position(|c| c.is_whitespace())
                    .map_or(chars.len(), |p| i + p);
                (chars[i..end].iter().collect(), false, end)
            };
            i = next.max(start + 1);
            match field {
                Some((Field::Tag, _)) if !text.trim().is_empty() => {
                    let tag = text.trim().to_lowercase();
                    if negate {
                        q.excluded_tags.push(tag);
                    } else {
                        q.tags.push(tag);
                    }
                }
                Some((Field::Tag, _)) => {}
                _ => {
                    if !has_word(&text) {
                        continue;
                    }
                    let term = Term {
                        text,
                        phrase,
                        title: matches!(field, Some((Field::Title, _))),
                        prefix: false,
                        unstemmed: None,
                    };
                    if negate {
                        q.excluded.push(term);
                    } else {
                        q.terms.push(term);
                    }
                }
            }
        }
        let dropped = q.dedup_and_cap();
        q.trimmed = match (over.is_empty(), dropped) {
            (true, 0) => None,
            (true, n) => Some(format!(
                "the query keeps its first {MAX_QUERY_TERMS} different terms; {n} more left out"
            )),
            (false, _) => Some(format!(
                "the query keeps its first {MAX_QUERY_BYTES} bytes and {MAX_QUERY_TERMS} different terms; the rest is left out"
            )),
        };
        let typing = over.is_empty() && !input.ends_with(char::is_whitespace);
        if typing
            && let Some(last) = q.terms.last_mut()
            && !last.phrase
            && input.trim_end().ends_with(last.text.as_str())
        {
            last.prefix = true;
        }
        q
    }

    /// Drops repeated terms, then every term past [`MAX_QUERY_TERMS`] (words
    /// first kept, then exclusions, tags, excluded tags); returns how many
    /// were dropped past the cap.
    fn dedup_and_cap(&mut self) -> usize {
        fn dedup<T: Clone + Eq + std::hash::Hash>(items: &mut Vec<T>) {
            let mut seen = std::collections::HashSet::new();
            items.retain(|t| seen.insert(t.clone()));
        }
        dedup(&mut self.terms);
        dedup(&mut self.excluded);
        dedup(&mut self.tags);
        dedup(&mut self.excluded_tags);
        let mut room = MAX_QUERY_TERMS;
        let mut dropped = 0;
        let mut keep = |len: usize| {
            let kept = len.min(room);
            room -= kept;
            dropped += len - kept;
            kept
        };
        let n = keep(self.terms.len());
        self.terms.truncate(n);
        let n = keep(self.excluded.len());
        self.excluded.truncate(n);
        let n = keep(self.tags.len());
        self.tags.truncate(n);
        let n = keep(self.excluded_tags.len());
        self.excluded_tags.truncate(n);
        dropped
    }

    /// True when there is nothing to match: no word or phrase to look for.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The FTS5 match expression, or `None` when the query has no word to look for.
    pub fn to_fts(&self) -> Option<String> {
        if self.terms.is_empty() {
            return None;
        }
        let mut out = String::from("(");
        for (k, term) in self.terms.iter().enumerate() {
            if k > 0 {
                out.push_str(" AND ");
            }
            push_term(&mut out, term);
        }
        out.push(')');
        for term in &self.excluded {
            out.push_str(" NOT (");
            push_term(&mut out, term);
            out.push(')');
        }
        Some(out)
    }
}

impl Query {
    /// [`Query::to_fts`] with the words and phrases to be found in the
    /// columns `columns` (the excluded ones are still excluded anywhere).
    pub fn to_fts_in(&self, columns: &[&str]) -> Option<String> {
        if self.terms.is_empty() {
            return None;
        }
        let mut out = format!("{{{}}} : (", columns.join(" "));
        for (k, term) in self.terms.iter().enumerate() {
            if k > 0 {
                out.push_str(" AND ");
            }
            push_term(&mut out, term);
        }
        out.push(')');
        for term in &self.excluded {
            out.push_str(" NOT (");
            push_term(&mut out, term);
            out.push(')');
        }
        Some(out)
    }

    /// An FTS5 expression that any one of the query's words or phrases
    /// matches, or `None` when the query has none. Snippets use it: a piece
    /// of a long section may hold some of the words and not all.
    pub fn to_fts_any(&self) -> Option<String> {
        let mut out = String::new();
        for term in &self.terms {
            if !out.is_empty() {
                out.push_str(" OR ");
            }
            push_term(&mut out, term);
        }
        (!out.is_empty()).then_some(out)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Tag,
    Title,
}

/// A `tag:` or `title:` (any case) at `i`, with its length, when a value follows.
fn field_at(chars: &[char], i: usize) -> Option<(Field, usize)> {
    for (name, field) in [("tag:", Field::Tag), ("title:", Field::Title)] {
        let n = name.chars().count();
        let Some(word) = chars.get(i..i + n) else {
            continue;
        };
        let matches = word
            .iter()
            .zip(name.chars())
            .all(|(a, b)| a.to_ascii_lowercase() == b);
        if matches && chars.get(i + n).is_some_and(|c| !c.is_whitespace()) {
            return Some((field, n));
        }
    }
    None
}

/// True when `text` holds something the tokenizer keeps: a letter or digit.
fn has_word(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

/// Appends one term as an FTS5 string (quotes doubled), with its column
/// filter and prefix star.
fn push_term(out: &mut String, term: &Term) {
    if term.title {
        out.push_str("title : ");
    }
    let text = spread_cjk(&term.text);
    let Some(also) = term.prefix.then_some(term.unstemmed.as_deref()).flatten() else {
        push_quoted(out, &text);
        if term.prefix {
            out.push_str(" *");
        }
        return;
    };
    out.push('(');
    push_quoted(out, &text);
    out.push_str(" * OR ");
    push_quoted(out, also);
    out.push_str(" *)");
}

/// Appends `text` as an FTS5 string (quotes doubled).
fn push_quoted(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    out.push('"');
}

/// True for characters of scripts written without spaces between words
/// (Han, kana, Hangul, Thai, ..): each is indexed as a word of its own.
pub fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF        // Thai, Lao
        | 0x1100..=0x11FF      // Hangul Jamo
        | 0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3100..=0x312F      // Bopomofo
        | 0x3130..=0x318F      // Hangul compatibility Jamo
        | 0x31F0..=0x31FF      // Katakana extensions
        | 0x3400..=0x4DBF      // CJK extension A
        | 0x4E00..=0x9FFF      // CJK unified ideographs
        | 0xAC00..=0xD7AF      // Hangul syllables
        | 0xF900..=0xFAFF      // CJK compatibility ideographs
        | 0xFF66..=0xFF9F      // half-width Katakana
        | 0x20000..=0x3134F) // CJK extensions B..G
}

/// The invisible separator put between two unspaced characters; the
/// tokenizer splits on it, and snippets drop it again.
pub const SPREAD: char = '\u{200b}';

/// `text` with [`SPREAD`] between each pair of adjacent unspaced characters,
/// so that unicode61 makes each a token and a run is found as a phrase.
/// Borrowed when there is nothing to spread (most text).
pub fn spread_cjk(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() || !text.chars().any(is_unspaced) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    let mut prev_unspaced = false;
    for c in text.chars() {
        let unspaced = is_unspaced(c);
        if unspaced && prev_unspaced {
            out.push(SPREAD);
        }
        out.push(c);
        prev_unspaced = unspaced;
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fts(input: &str) -> Option<String> {
        Query::parse(input).to_fts()
    }

    #[test]
    fn repeated_terms_are_kept_once_and_a_long_query_is_capped() {
        let q = Query::parse(&"the ".repeat(200));
        assert_eq!(fts(&"the ".repeat(200)), fts("the "));
        assert_eq!(q.trimmed, None, "repeats are not a cut");
        assert_eq!(fts(&"the ".repeat(800)), fts("the "));
        let many: String = (0..200).map(|i| format!("w{i} ")).collect();
        let q = Query::parse(&many);
        assert_eq!(q.terms.len(), MAX_QUERY_TERMS);
        assert_eq!(q.terms[0].text, "w0");
        assert!(
            q.trimmed.as_deref().is_some_and(|t| t.contains("136 more")),
            "{q:?}"
        );
        let tags: String = (0..12_000).map(|i| format!("tag:t{i} ")).collect();
        let q = Query::parse(&format!("rust {tags}"));
        assert_eq!(q.terms.len() + q.tags.len(), MAX_QUERY_TERMS);
        assert!(
            q.trimmed
                .as_deref()
                .is_some_and(|t| t.contains("1024 bytes"))
        );
        let phrases = "\"a b\" ".repeat(20_000);
        let q = Query::parse(&phrases);
        assert!(q.terms[0].phrase && q.terms[0].text == "a b", "{q:?}");
        assert!(
            q.terms.len() <= 2,
            "at most the phrase and a half one cut: {q:?}"
        );
        // A cut in the middle of a character keeps the text valid.
        let q = Query::parse(&"é".repeat(1000));
        assert_eq!(q.terms[0].text.len(), MAX_QUERY_BYTES);
        // Nor is a word cut in two kept.
        let q = Query::parse(&"stable ".repeat(800));
        assert_eq!(q.terms.len(), 1);
        assert_eq!(q.terms[0].text, "stable");
    }

    #[test]
    fn words_all_must_match_and_the_last_is_a_prefix() {
        assert_eq!(
            fts("open source soft").as_deref(),
            Some(r#"("open" AND "source" AND "soft" *)"#)
        );
    }

    #[test]
    fn a_trailing_space_ends_the_prefix() {
        assert_eq!(fts("open ").as_deref(), Some(r#"("open")"#));
    }

    #[test]
    fn phrases_keep_their_words_together() {
        let q = Query::parse(r#""open source" software"#);
        assert_eq!(q.terms.len(), 2);
        assert!(q.terms[0].phrase && !q.terms[0].prefix);
        assert_eq!(q.terms[0].text, "open source");
        assert_eq!(
            q.to_fts().as_deref(),
            Some(r#"("open source" AND "software" *)"#)
        );
    }

    #[test]
    fn a_phrase_at_the_end_is_not_a_prefix() {
        assert_eq!(
            fts(r#""open source""#).as_deref(),
            Some(r#"("open source")"#)
        );
    }

    #[test]
    fn minus_excludes() {
        let q = Query::parse("linux -windows -\"mac os\"");
        assert_eq!(q.terms.len(), 1);
        assert_eq!(q.excluded.len(), 2);
        assert_eq!(
            q.to_fts().as_deref(),
            Some(r#"("linux") NOT ("windows") NOT ("mac os")"#)
        );
    }

    #[test]
    fn only_exclusions_search_nothing() {
        assert_eq!(fts("-windows"), None);
        assert!(Query::parse("-windows").is_empty());
    }

    #[test]
    fn tags_restrict_and_are_not_words() {
        let q = Query::parse("tag:FLOSS licence -tag:Draft");
        assert_eq!(q.tags, vec!["floss"]);
        assert_eq!(q.excluded_tags, vec!["draft"]);
        assert_eq!(q.to_fts().as_deref(), Some(r#"("licence")"#));
        assert_eq!(
            Query::parse(r#"tag:"open source""#).tags,
            vec!["open source"]
        );
    }

    #[test]
    fn title_filters_a_column() {
        assert_eq!(
            fts("title:rust async").as_deref(),
            Some(r#"(title : "rust" AND "async" *)"#)
        );
        assert_eq!(
            fts(r#"TITLE:"open source""#).as_deref(),
            Some(r#"(title : "open source")"#)
        );
    }

    #[test]
    fn a_field_with_no_value_is_a_word() {
        assert_eq!(fts("tag:").as_deref(), Some(r#"("tag:" *)"#));
        assert_eq!(fts("title: x").as_deref(), Some(r#"("title:" AND "x" *)"#));
    }

    #[test]
    fn an_unbalanced_quote_is_read_literally() {
        assert_eq!(
            fts(r#""open source"#).as_deref(),
            Some(r#"("""open" AND "source" *)"#)
        );
        assert_eq!(
            fts(r#"say "hi"#).as_deref(),
            Some(r#"("say" AND """hi" *)"#)
        );
    }

    #[test]
    fn fts_operators_are_plain_words() {
        assert_eq!(
            fts("cats AND dogs OR NOT NEAR(x y) ^start col:umn").as_deref(),
            Some(
                r#"("cats" AND "AND" AND "dogs" AND "OR" AND "NOT" AND "NEAR(x" AND "y)" AND "^start" AND "col:umn" *)"#
            )
        );
    }

    #[test]
    fn punctuation_alone_is_no_word() {
        assert_eq!(fts("* : ^ ( ) \" - --"), None);
        assert_eq!(fts("rust *").as_deref(), Some(r#"("rust")"#));
    }

    #[test]
    fn unspaced_scripts_are_spread_into_a_phrase() {
        assert_eq!(
            fts("東京都").as_deref(),
            Some("(\"東\u{200b}京\u{200b}都\" *)")
        );
        assert_eq!(spread_cjk("résumé"), "résumé");
        assert_eq!(spread_cjk("a東京b"), "a東\u{200b}京b");
    }
}

//! The Porter stemmer as SQLite's FTS5 `porter` tokenizer applies it (its
//! rule set and its few departures from the paper), so that words stemmed
//! here on the parsing threads are the words FTS5 would have written, and
//! its `porter` tables (the snippets') mark the same words.
//!
//! It works on bytes: a word is stemmed when it is 3 to 64 bytes long, and
//! only ASCII suffixes are ever cut or replaced, so UTF-8 stays whole.

/// Words longer than this many bytes are kept as they are.
const MAX_WORD: usize = 64;

/// A rule: a suffix, what it becomes, and when.
type Rule = (&'static str, &'static str, Cond);

#[derive(Clone, Copy)]
enum Cond {
    /// The stem has a vowel-consonant sequence (m > 0).
    M0,
    /// Two of them (m > 1).
    M1,
    /// m > 1 and the stem ends in `s` or `t`.
    M1ST,
    /// The stem holds a vowel.
    Vowel,
    /// Always.
    Any,
}

/// Step 1b: a rule that cuts `ed` or `ing` goes on to step 1b's second part.
const STEP1B: Step = Step::new(&[
    ("eed", "ee", Cond::M0),
    ("ed", "", Cond::Vowel),
    ("ing", "", Cond::Vowel),
]);
const STEP1B2: Step = Step::new(&[
    ("at", "ate", Cond::Any),
    ("bl", "ble", Cond::Any),
    ("iz", "ize", Cond::Any),
]);
const STEP2: Step = Step::new(&[
    ("ational", "ate", Cond::M0),
    ("tional", "tion", Cond::M0),
    ("enci", "ence", Cond::M0),
    ("anci", "ance", Cond::M0),
    ("izer", "ize", Cond::M0),
    ("logi", "log", Cond::M0),
    ("bli", "ble", Cond::M0),
    ("alli", "al", Cond::M0),
    ("entli", "ent", Cond::M0),
    ("eli", "e", Cond::M0),
    ("ousli", "ous", Cond::M0),
    ("ization", "ize", Cond::M0),
    ("ation", "ate", Cond::M0),
    ("ator", "ate", Cond::M0),
    ("alism", "al", Cond::M0),
    ("iveness", "ive", Cond::M0),
    ("fulness", "ful", Cond::M0),
    ("ousness", "ous", Cond::M0),
    ("aliti", "al", Cond::M0),
    ("iviti", "ive", Cond::M0),
    ("biliti", "ble", Cond::M0),
]);
const STEP3: Step = Step::new(&[
    ("ical", "ic", Cond::M0),
    ("ness", "", Cond::M0),
    ("icate", "ic", Cond::M0),
    ("iciti", "ic", Cond::M0),
    ("ful", "", Cond::M0),
    ("ative", "", Cond::M0),
    ("alize", "al", Cond::M0),
]);
const STEP4: Step = Step::new(&[
    ("al", "", Cond::M1),
    ("ance", "", Cond::M1),
    ("ence", "", Cond::M1),
    ("er", "", Cond::M1),
    ("ic", "", Cond::M1),
    ("able", "", Cond::M1),
    ("ible", "", Cond::M1),
    ("ant", "", Cond::M1),
    ("ement", "", Cond::M1),
    ("ment", "", Cond::M1),
    ("ent", "", Cond::M1),
    ("ion", "", Cond::M1ST),
    ("ou", "", Cond::M1),
    ("ism", "", Cond::M1),
    ("ate", "", Cond::M1),
    ("iti", "", Cond::M1),
    ("ous", "", Cond::M1),
    ("ive", "", Cond::M1),
    ("ize", "", Cond::M1),
]);

/// The last letters of the words a rule may change: a word ending
/// otherwise keeps its last letter through every step, so no rule applies.
/// Step 1 cuts `s`, `ed` and `ing` and turns `y` into `i`; step 5 cuts `e`
/// and `l`.
const MAY_CHANGE: u32 = STEP2.last | STEP3.last | STEP4.last | letters(b"sdgyel");

const fn letters(set: &[u8]) -> u32 {
    let mut mask = 0;
    let mut i = 0;
    while i < set.len() {
        mask |= 1 << (set[i] - b'a');
        i += 1;
    }
    mask
}

/// Stems the word `out[start..]` (lowercase, as the tokenizer folded it) in place.
pub fn stem_tail(out: &mut Vec<u8>, start: usize) {
    let word = &out[start..];
    let changes = word.last().is_some_and(|&c| in_mask(MAY_CHANGE, c));
    if word.len() < 3 || word.len() > MAX_WORD || !changes {
        return;
    }
    let mut w = Word { out, start };
    w.step1();
    w.apply(&STEP2);
    w.apply(&STEP3);
    w.apply(&STEP4);
    w.step5();
}

/// The stem of `word`, as a string (for query words).
pub fn stem(word: &str) -> String {
    let mut out = word.as_bytes().to_vec();
    stem_tail(&mut out, 0);
    // Only ASCII suffixes are cut or added: the bytes stay UTF-8.
    String::from_utf8(out).unwrap_or_else(|_| word.to_string())
}

/// The word being stemmed: `out[start..]`.
struct Word<'a> {
    out: &'a mut Vec<u8>,
    start: usize,
}

impl Word<'_> {
    fn bytes(&self) -> &[u8] {
        &self.out[self.start..]
    }

    fn len(&self) -> usize {
        self.out.len() - self.start
    }

    /// The byte `back` places from the end (1 is the last), 0 before the start.
    fn at_end(&self, back: usize) -> u8 {
        let w = self.bytes();
        w.len().checked_sub(back).map_or(0, |i| w[i])
    }

    fn truncate(&mut self, len: usize) {
        self.out.truncate(self.start + len);
    }

    /// The first rule of `rules` whose suffix the word ends with (leaving a
    /// stem of at least one byte) decides: its replacement is made when its
    /// condition holds. True when it was made.
    fn apply(&mut self, step: &Step) -> bool {
        let n = self.len();
        // Most words' last two letters end no suffix of a step.
        if !in_mask(step.last, self.at_end(1)) || !in_mask(step.before, self.at_end(2)) {
            return false;
        }
        let Some(&(suffix, to, cond)) = step.rules.iter().find(|(s, _, _)| ends(self.bytes(), s))
        else {
            return false;
        };
        let stem = n - suffix.len();
        if !holds(cond, &self.bytes()[..stem]) {
            return false;
        }
        self.truncate(stem);
        self.out.extend_from_slice(to.as_bytes());
        true
    }

    fn step1(&mut self) {
        // 1a: plurals.
        let n = self.len();
        if self.at_end(1) == b's' {
            if self.at_end(2) == b'e' {
                let sses = n > 4 && self.at_end(4) == b's' && self.at_end(3) == b's';
                let ies = n > 3 && self.at_end(3) == b'i';
                self.truncate(if sses || ies { n - 2 } else { n - 1 });
            } else if self.at_end(2) != b's' {
                self.truncate(n - 1);
            }
        }
        // 1b: -ed, -ing.
        let cut = {
            let first = STEP1B
                .rules
                .iter()
                .position(|(s, _, _)| ends(self.bytes(), s));
            self.apply(&STEP1B) && first != Some(0)
        };
        if cut && !self.apply(&STEP1B2) {
            let c = self.at_end(1);
            if !is_vowel(c, false) && !matches!(c, b'l' | b's' | b'z') && c == self.at_end(2) {
                let n = self.len();
                self.truncate(n - 1);
            } else if measure_is_1(self.bytes()) && ends_cvc(self.bytes()) {
                self.out.push(b'e');
            }
        }
        // 1c: a final y after a vowel somewhere becomes i.
        let n = self.len();
        if self.at_end(1) == b'y' && has_vowel(&self.bytes()[..n - 1]) {
            let last = self.out.len() - 1;
            self.out[last] = b'i';
        }
    }

    fn step5(&mut self) {
        let n = self.len();
        if self.at_end(1) == b'e' {
            let stem = &self.bytes()[..n - 1];
            if measure_over_1(stem) || (measure_is_1(stem) && !ends_cvc(stem)) {
                self.truncate(n - 1);
            }
        }
        let n = self.len();
        if n > 1
            && self.at_end(1) == b'l'
            && self.at_end(2) == b'l'
            && measure_over_1(&self.bytes()[..n - 1])
        {
            self.truncate(n - 1);
        }
    }
}

/// A step's rules, with the letters their suffixes end with.
struct Step {
    rules: &'static [Rule],
    /// The last letters of the suffixes, as bits from `a`.
    last: u32,
    /// The letters before those.
    before: u32,
}

impl Step {
    const fn new(rules: &'static [Rule]) -> Step {
        Step {
            rules,
            last: ends_of(rules, 1),
            before: ends_of(rules, 2),
        }
    }
}

/// The letters found `back` places from the end of `rules`' suffixes, as
/// bits from `a`.
const fn ends_of(rules: &[Rule], back: usize) -> u32 {
    let mut mask = 0;
    let mut i = 0;
    while i < rules.len() {
        let s = rules[i].0.as_bytes();
        mask |= 1 << (s[s.len() - back] - b'a');
        i += 1;
    }
    mask
}

/// `c` is a letter of `mask` ([`ends_of`]).
fn in_mask(mask: u32, c: u8) -> bool {
    c.is_ascii_lowercase() && mask & (1 << (c - b'a')) != 0
}

/// `word` ends with `suffix` and is longer. Compared byte by byte from
/// the end: most words differ at the last byte (a library call to compare
/// took a third of the parsing threads' time).
fn ends(word: &[u8], suffix: &str) -> bool {
    let suffix = suffix.as_bytes();
    word.len() > suffix.len()
        && word
            .iter()
            .rev()
            .zip(suffix.iter().rev())
            .all(|(a, b)| a == b)
}

fn holds(cond: Cond, stem: &[u8]) -> bool {
    match cond {
        Cond::M0 => vc_end(stem, false).is_some(),
        Cond::M1 => measure_over_1(stem),
        Cond::M1ST => matches!(stem.last(), Some(b's' | b't')) && measure_over_1(stem),
        Cond::Vowel => has_vowel(stem),
        Cond::Any => true,
    }
}

/// `a e i o u`, and `y` when `y_vowel` (after a consonant).
fn is_vowel(c: u8, y_vowel: bool) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u') || (y_vowel && c == b'y')
}

/// Where the first vowels-then-consonant sequence of `stem` ends (one past
/// its first consonant), the byte before counting as a consonant when
/// `after_consonant`; `None` when there is none.
fn vc_end(stem: &[u8], after_consonant: bool) -> Option<usize> {
    let mut consonant = after_consonant;
    let mut i = 0;
    while i < stem.len() {
        consonant = !is_vowel(stem[i], consonant);
        if !consonant {
            break;
        }
        i += 1;
    }
    i += 1;
    while i < stem.len() {
        consonant = !is_vowel(stem[i], consonant);
        if consonant {
            return Some(i + 1);
        }
        i += 1;
    }
    None
}

/// m > 1: two vowel-consonant sequences.
fn measure_over_1(stem: &[u8]) -> bool {
    vc_end(stem, false).is_some_and(|n| vc_end(&stem[n..], true).is_some())
}

/// m = 1: exactly one.
fn measure_is_1(stem: &[u8]) -> bool {
    vc_end(stem, false).is_some_and(|n| vc_end(&stem[n..], true).is_none())
}

/// A vowel anywhere (`y` counts after the first byte).
fn has_vowel(stem: &[u8]) -> bool {
    stem.iter().enumerate().any(|(i, &c)| is_vowel(c, i > 0))
}

/// Ends consonant-vowel-consonant, the last not `w`, `x` or `y`.
fn ends_cvc(stem: &[u8]) -> bool {
    if matches!(stem.last(), None | Some(b'w' | b'x' | b'y')) {
        return false;
    }
    let mut consonant = false;
    let mut mask = 0u32;
    for &c in stem {
        consonant = !is_vowel(c, consonant);
        mask = (mask << 1) | u32::from(consonant);
    }
    mask & 0b111 == 0b101
}

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn words_meet_their_plurals_and_suffixes() {
        for (word, want) in [
            ("parameters", "paramet"),
            ("parameter", "paramet"),
            ("shortcodes", "shortcod"),
            ("caresses", "caress"),
            ("ponies", "poni"),
            ("agreed", "agre"),
            ("hopping", "hop"),
            ("filing", "file"),
            ("happy", "happi"),
            ("relational", "relat"),
            ("generalization", "gener"),
            ("controll", "control"),
            ("asy", "asi"),
            ("as", "as"),
            ("résumé", "résumé"),
        ] {
            assert_eq!(stem(word), want, "{word}");
        }
    }
}

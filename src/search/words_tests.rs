//! The words made here must be the words FTS5's `porter unicode61
//! remove_diacritics 2` makes of the same text: the snippets' tables still
//! tokenize with it and must mark what the index matched.

use std::path::Path;

use rusqlite::Connection;

use super::*;
use crate::search::cjk::spread_cjk;

/// FTS5's words of `text` in order, as the tokenizer `tokenize` makes them.
fn fts5_words(tokenize: &str, text: &str) -> Vec<String> {
    let conn = Connection::open_in_memory().expect("in memory");
    conn.execute_batch(&format!(
        "CREATE VIRTUAL TABLE t USING fts5 (x, tokenize = '{tokenize}');
         CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance');"
    ))
    .expect("tables");
    conn.execute("INSERT INTO t (x) VALUES (?1)", [text])
        .expect("insert");
    let mut stmt = conn
        .prepare("SELECT term FROM v ORDER BY offset")
        .expect("select");
    stmt.query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}

/// Compares word by word what the index's table holds of our words with
/// what FTS5's porter tokenizer made of the text, naming the first difference.
fn same_words(what: &str, text: &str) {
    // The index spread unspaced scripts before FTS5 saw them.
    let theirs = fts5_words("porter unicode61 remove_diacritics 2", &spread_cjk(text));
    let ours = fts5_words("unicode61 remove_diacritics 2", &index_words(text));
    let first = theirs.iter().zip(&ours).position(|(a, b)| a != b);
    assert!(
        first.is_none() && theirs.len() == ours.len(),
        "{what}: FTS5 {} words, ours {}; first difference at {first:?}: {:?} / {:?}",
        theirs.len(),
        ours.len(),
        first.map(|i| &theirs[i]),
        first.map(|i| &ours[i]),
    );
}

#[test]
fn english_words_are_stemmed_here_as_fts5_stems_them() {
    // Most text is ASCII: its words are the very words FTS5 makes.
    let text = "Parameters shortcodes agreed hopping filing happy generalization controll";
    let theirs = fts5_words("porter unicode61 remove_diacritics 2", text);
    assert_eq!(index_words(text), theirs.join(" "));
}

#[test]
fn english_words_stem_as_fts5_stems_them() {
    let text = "Parameters shortcodes caresses ponies ties caress cats feed agreed plastered \
        bled motoring sing conflated troubled sized hopping tanned falling hissing fizzed \
        failing filing happy sky relational conditional rational valenci hesitanci \
        digitizer conformabli radicalli differentli vileli analogousli vietnamization \
        predication operator feudalism decisiveness hopefulness callousness formaliti \
        sensitiviti sensibiliti triplicate formative formalize electriciti electrical \
        hopeful goodness revival allowance inference airliner gyroscopic adjustable \
        defensible irritant replacement adjustment dependent adoption homologou \
        communism activate angulariti homologous effective bowdlerize probate rate \
        cease controll roll generalization oscillators asy async a an the eed aed \
        yyy ying y's Mississippi's don't O'Neil's 42nd 3.14 x86_64 CamelCaseWords";
    same_words("english", text);
}

#[test]
fn accents_cases_and_scripts_are_cut_as_fts5_cuts_them() {
    let text = "Résumé résumés NAÏVE naïveté Ærøskøbing Œuvre Straße İstanbul ŁÓDŹ \
        Nguyễn Thị Minh Khai ḍḥṃ e\u{301}te\u{301} \u{301}x \
        Москва Пётр Ἀθῆναι ΣΟΦΊΑ 東京都 東京s s東京 한국어 กรุงเทพ カタカナ \
        ٣٤٥ ½ ① x²y — dash–dash «quoted» ¿qué? \u{200b}zero\u{200b}width \
        emoji 🙂 inside 😀 \u{e000}private λόγος ϐϑ tab\tnew\nline";
    same_words("scripts", text);
}

#[test]
fn every_latin_letter_folds_as_fts5_folds_it() {
    let mut text = String::new();
    for c in (0xC0u32..0x250)
        .chain(0x1E00..0x1F00)
        .filter_map(char::from_u32)
    {
        text.push(c);
        text.push_str("s ");
        text.push('x');
        text.push(c);
        text.push_str("ing ");
    }
    same_words("latin", &text);
}

#[test]
fn the_shared_corpus_has_the_same_words() {
    let dir = std::env::var_os("QUIRE_CORPUS").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/posts"),
        std::path::PathBuf::from,
    );
    if !dir.is_dir() {
        eprintln!("skipping: {} is absent", dir.display());
        return;
    }
    let mut seen = 0;
    let mut folders = vec![dir];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("corpus folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                let bytes = std::fs::read(&path).expect("a post");
                same_words(
                    &path.display().to_string(),
                    &String::from_utf8_lossy(&bytes),
                );
                seen += 1;
            }
        }
    }
    assert!(seen >= 50, "{seen} posts");
}

#[test]
fn a_query_is_made_of_the_index_words() {
    let q = as_indexed(&Query::parse(
        "Shortcodes \"Résumés written\" -parameters asy",
    ));
    let texts: Vec<&str> = q.terms.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(texts, ["shortcod", "resum written", "asi"]);
    assert_eq!(q.excluded[0].text, "paramet");
    // The word being typed also matches as typed, up to where stemming starts.
    assert_eq!(q.terms[2].unstemmed.as_deref(), Some("as"));
    let q = as_indexed(&Query::parse("kalo"));
    assert_eq!(q.terms[0].unstemmed, None);
}

//! The reader's in-article search finds a phrase whatever the width: on a
//! real post (when the shared corpus is present) and on our own fixture.
#![allow(clippy::unwrap_used)]

use crate::common;

use quire::layout::{LayoutOptions, layout};
use quire::search::{count_hits, find};

#[test]
fn a_phrase_is_found_at_every_width_in_a_real_post() {
    let Some(corpus) = common::corpus() else {
        return;
    };
    let path = corpus.join("het-joshi-blog/2023-11-14-AI_and_FOSS.md");
    let article = common::load(&path);
    let source = std::fs::read_to_string(&path).unwrap();
    assert_eq!(source.matches("Open Source Software").count(), 2);
    for width in [40, 70, 120] {
        let doc = layout(&article, width, LayoutOptions::default());
        let pieces = find(&doc, "Open Source Software");
        assert_eq!(count_hits(&pieces), 2, "width {width}");
        // Every piece is text of its line, and the pieces of a match spell it.
        let mut spelled = vec![String::new(); 2];
        for m in &pieces {
            let text = doc.line(m.line).unwrap().text();
            let piece = &text[m.start..m.end];
            if !spelled[m.hit].is_empty() {
                spelled[m.hit].push(' ');
            }
            spelled[m.hit].push_str(piece.trim());
        }
        assert_eq!(spelled, vec!["Open Source Software"; 2], "width {width}");
    }
}

#[test]
fn a_phrase_wrapped_at_a_narrow_width_is_highlighted_on_both_lines() {
    let article = common::sample();
    let words: Vec<&str> = article.body.split_whitespace().collect();
    // Some three words of the sample's prose, found at widths that wrap them differently.
    let phrase = words
        .windows(3)
        .map(|w| w.join(" "))
        .find(|p| p.chars().all(|c| c.is_alphanumeric() || c == ' ') && p.len() > 14)
        .unwrap();
    let wide = layout(&article, 200, LayoutOptions::default());
    let expected = count_hits(&find(&wide, &phrase));
    assert!(expected > 0, "{phrase}");
    let mut split_seen = false;
    for width in 12..60 {
        let doc = layout(&article, width, LayoutOptions::default());
        let pieces = find(&doc, &phrase);
        assert_eq!(count_hits(&pieces), expected, "width {width}: {phrase}");
        split_seen |= pieces
            .windows(2)
            .any(|w| w[0].hit == w[1].hit && w[0].line != w[1].line);
    }
    assert!(split_seen, "some width wraps {phrase:?}");
}

/// The matches of `query` in `article` at `width`, each as the text it
/// spells (pieces joined by a space).
fn spelled(article: &quire::article::Article, width: u16, query: &str) -> Vec<String> {
    let doc = layout(article, width, LayoutOptions::default());
    let pieces = find(&doc, query);
    let mut out = vec![String::new(); count_hits(&pieces)];
    for m in &pieces {
        let text = doc.line(m.line).unwrap().text();
        let piece = text[m.start..m.end].trim();
        if !out[m.hit].is_empty() {
            out[m.hit].push(' ');
        }
        out[m.hit].push_str(piece);
    }
    out
}

#[test]
fn matches_are_the_same_at_every_width_hyphens_and_all() {
    let body = "Free and Open Source Software is software anyone may read.\n\n\
                A shift in how we see Open-Source software is overdue, and an \
                open-source software project is still open source software.\n\n\
                - A list item on Open Source Software that wraps at narrow widths\n";
    let article = common::plain_article("Hyphens", body);
    for query in [
        "open source software",
        "Open Source Software",
        "open-source software",
        "Open-Source software",
    ] {
        let wide = spelled(&article, 120, query);
        assert!(!wide.is_empty(), "{query}");
        for width in [30, 40, 70] {
            assert_eq!(spelled(&article, width, query), wide, "{query} at {width}");
        }
    }
    // A hyphen is not a space: each query finds its own spelling.
    assert_eq!(spelled(&article, 40, "open source software").len(), 3);
    assert_eq!(spelled(&article, 40, "open-source software").len(), 2);
}

#[test]
fn the_seed_post_matches_the_same_at_widths_30_to_120() {
    let Some(corpus) = common::corpus() else {
        return;
    };
    let article = common::load(&corpus.join("het-joshi-blog/2023-11-14-AI_and_FOSS.md"));
    for query in [
        "open source software",
        "Open Source Software",
        "open-source",
    ] {
        let wide = spelled(&article, 120, query);
        for width in [30, 40, 70] {
            assert_eq!(spelled(&article, width, query), wide, "{query} at {width}");
        }
    }
}

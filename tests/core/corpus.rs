//! The article core against the shared corpus of real posts: title, tags,
//! effective date and outline equal what EXPECTED.jsonl records for each.

#![allow(clippy::unwrap_used)]

use crate::common;

use std::path::Path;

use quire::article::{Article, peek};
use serde_json::Value;

/// Each line of EXPECTED.jsonl.
fn expected(dir: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(dir.join("EXPECTED.jsonl")).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn every_post_matches_expected_meta_and_outline() {
    let Some(dir) = common::corpus() else { return };
    let posts = expected(&dir);
    assert_eq!(posts.len(), 56);
    let mut failures = Vec::new();
    for post in &posts {
        let rel = post["path"].as_str().unwrap();
        let article = Article::load(&dir.join(rel)).unwrap();
        let want_title = post["title"].as_str().unwrap();
        if article.meta.title != want_title {
            failures.push(format!(
                "{rel}: title {:?} != {want_title:?}",
                article.meta.title
            ));
        }
        // Categories and series follow the tags, for files that have them.
        let want_tags = strings(&post["tags"]);
        let own = article.meta.tags.len().min(want_tags.len());
        let (tags, categories) = article.meta.tags.split_at(own);
        let raw = std::fs::read_to_string(dir.join(rel)).unwrap_or_default();
        let has_categories = ["categories", "category", "series"]
            .iter()
            .any(|key| raw.contains(key));
        if tags != want_tags.as_slice() || (!categories.is_empty() && !has_categories) {
            failures.push(format!(
                "{rel}: tags {:?} != {want_tags:?}",
                article.meta.tags
            ));
        }
        let want_date = post["date_effective"].as_str();
        if article.meta.date.as_deref() != want_date {
            failures.push(format!(
                "{rel}: date {:?} != {want_date:?}",
                article.meta.date
            ));
        }
        let want_draft = post["draft"].as_bool().unwrap();
        if article.meta.draft != want_draft {
            failures.push(format!(
                "{rel}: draft {} != {want_draft}",
                article.meta.draft
            ));
        }
        let want_outline: Vec<(u64, String)> = post["outline_ext"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                (
                    h["level"].as_u64().unwrap(),
                    h["text"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let got_outline: Vec<(u64, String)> = article
            .outline
            .iter()
            .map(|h| (u64::from(h.level()), h.text().to_string()))
            .collect();
        if got_outline != want_outline {
            failures.push(format!(
                "{rel}: outline\n  got  {got_outline:?}\n  want {want_outline:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} differences:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn peek_agrees_with_a_full_load_on_every_post() {
    let Some(dir) = common::corpus() else { return };
    for post in expected(&dir) {
        let path = dir.join(post["path"].as_str().unwrap());
        let bytes = std::fs::read(&path).unwrap();
        let peeked = peek(&path, &bytes);
        let article = Article::from_bytes(&path, &bytes);
        assert_eq!(peeked.meta, article.meta, "{}", path.display());
        assert!(
            peeked.words > 0 || article.body.trim().is_empty(),
            "{}",
            path.display()
        );
    }
}

#[test]
fn no_post_gives_a_warning() {
    let Some(dir) = common::corpus() else { return };
    for post in expected(&dir) {
        let article = Article::load(&dir.join(post["path"].as_str().unwrap())).unwrap();
        assert!(article.warnings.is_empty(), "{:?}", article.warnings);
    }
}

#[test]
fn outline_command_on_the_ai_and_foss_post() {
    let Some(dir) = common::corpus() else { return };
    let file = dir.join("het-joshi-blog/2023-11-14-AI_and_FOSS.md");
    let out = common::quire()
        .args(["outline", "--json"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["title"], "AI in FOSS - Exploring the collaboration");
    let headings = json["headings"].as_array().unwrap();
    assert_eq!(headings.len(), 11);
    let why = headings
        .iter()
        .find(|h| h["text"] == "Why Linux will play a critical role in field of AI")
        .unwrap();
    assert_eq!(why["level"], 2);
    assert_eq!(
        why["anchor"],
        "why-linux-will-play-a-critical-role-in-field-of-ai"
    );
    let line = usize::try_from(why["line"].as_u64().unwrap()).unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    let source = text.lines().nth(line - 1).unwrap();
    assert!(
        source.contains("Why Linux will play a critical role"),
        "{source}"
    );

    let out = common::quire().arg("outline").arg(&file).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("AI in FOSS - Exploring the collaboration\n"),
        "{text}"
    );
    assert!(
        text.contains("\n  Why Linux will play a critical role in field of AI\n"),
        "{text}"
    );
}

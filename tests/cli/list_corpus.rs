//! `quire list` and `quire tags` on the shared corpus of real posts, checked
//! against its EXPECTED.jsonl (skipped, saying so, when the corpus is absent).

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::common;

use super::list_cli::{field, json};

fn expected(dir: &Path) -> Vec<Value> {
    let text = fs::read_to_string(dir.join("EXPECTED.jsonl")).expect("read EXPECTED.jsonl");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

fn tags_of(row: &Value) -> Vec<String> {
    row["tags"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|t| t.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn corpus_floss_tag_lists_exactly_the_expected_posts() {
    let Some(dir) = common::corpus() else { return };
    let mut want: Vec<String> = expected(&dir)
        .iter()
        .filter(|r| tags_of(r).iter().any(|t| t.eq_ignore_ascii_case("floss")))
        .filter_map(|r| r["path"].as_str().map(str::to_string))
        .collect();
    want.sort();
    assert!(!want.is_empty());
    let rows = json(&["list", "--tag", "FLOSS", "--sort", "path"], &dir);
    assert_eq!(field(&rows, "path"), want);
}

/// The `categories` and `series` a post's front matter names, lowercase.
fn categories(path: &Path) -> Vec<String> {
    let text = fs::read_to_string(path).unwrap_or_default();
    let front = |fence: &str| {
        let rest = text.strip_prefix(fence)?;
        rest.find(&format!("\n{fence}"))
            .map(|end| rest[..end].to_string())
    };
    let value: serde_json::Value = if let Some(raw) = front("+++") {
        toml::from_str::<toml::Value>(&raw)
            .ok()
            .and_then(|v| serde_json::to_value(v).ok())
            .unwrap_or_default()
    } else if let Some(raw) = front("---") {
        serde_yaml::from_str(&raw).unwrap_or_default()
    } else {
        Value::Null
    };
    let mut out = Vec::new();
    for key in ["category", "categories", "series"] {
        match &value[key] {
            Value::String(s) => out.extend(s.split_whitespace().map(str::to_lowercase)),
            Value::Array(items) => out.extend(
                items
                    .iter()
                    .filter_map(|v| v.as_str())
                    .map(str::to_lowercase),
            ),
            _ => {}
        }
    }
    out
}

#[test]
fn corpus_tag_counts_match_expected() {
    let Some(dir) = common::corpus() else { return };
    let mut want: BTreeMap<String, u64> = BTreeMap::new();
    for row in expected(&dir) {
        let mut seen: Vec<String> = tags_of(&row).iter().map(|t| t.to_lowercase()).collect();
        // Categories and series are tags too.
        let rel = row["path"].as_str().expect("path");
        seen.extend(categories(&dir.join(rel)));
        seen.sort();
        seen.dedup();
        for t in seen {
            *want.entry(t).or_default() += 1;
        }
    }
    let rows = json(&["tags"], &dir);
    let got: BTreeMap<String, u64> = rows
        .as_array()
        .expect("an array")
        .iter()
        .map(|r| {
            let tag = r["tag"].as_str().expect("tag").to_lowercase();
            (tag, r["count"].as_u64().expect("count"))
        })
        .collect();
    assert_eq!(got, want);
    let counts: Vec<u64> = rows
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|r| r["count"].as_u64())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "most used first");
}

#[test]
fn corpus_lists_all_posts_with_titles_and_dates() {
    let Some(dir) = common::corpus() else { return };
    let rows = json(&["list", "--sort", "path"], &dir);
    let got: BTreeMap<String, (String, String)> = rows
        .as_array()
        .expect("an array")
        .iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap_or("null").to_string();
            (s("path"), (s("title"), s("date")))
        })
        .collect();
    let want: BTreeMap<String, (String, String)> = expected(&dir)
        .iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap_or("null").to_string();
            (s("path"), (s("title"), s("date_effective")))
        })
        .collect();
    assert_eq!(got.len(), 56);
    assert_eq!(got, want);
}

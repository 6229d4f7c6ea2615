//! Tests of front matter: kinds, fields, dates, hostile YAML.
use super::*;

fn meta_of(text: &str) -> (Meta, Vec<Warning>) {
    let (split, unclosed) = split(text);
    assert!(unclosed.is_none(), "{unclosed:?}");
    let mut warnings = Vec::new();
    let meta = parse_meta(Path::new("posts/2021-3-4-x.md"), &split, &mut warnings);
    (meta, warnings)
}

#[test]
fn yaml_front_matter_is_split_off() {
    let (s, warning) = split("---\ntitle: A\n---\n# Body\n");
    assert_eq!(warning, None);
    assert_eq!(s.kind, FrontMatterKind::Yaml);
    assert_eq!(s.raw, "title: A\n");
    assert_eq!(s.raw_line, 2);
    assert_eq!(s.body, "# Body\n");
    assert_eq!(s.body_line, 4);
}

#[test]
fn yaml_may_close_with_dots_and_toml_with_pluses() {
    let (s, _) = split("---\na: 1\n...\nbody");
    assert_eq!(
        (s.kind, s.raw, s.body),
        (FrontMatterKind::Yaml, "a: 1\n", "body")
    );
    let (s, _) = split("+++\na = 1\n---\n+++\nbody");
    assert_eq!(
        (s.kind, s.raw, s.body),
        (FrontMatterKind::Toml, "a = 1\n---\n", "body")
    );
    assert_eq!(s.body_line, 5);
}

#[test]
fn closing_fence_may_end_the_file_without_newline() {
    let (s, warning) = split("---\ntitle: Only\n---");
    assert_eq!(warning, None);
    assert_eq!((s.raw, s.body, s.body_line), ("title: Only\n", "", 4));
    let (s, _) = split("+++ \ntitle = 'x'\n+++  ");
    assert_eq!((s.kind, s.body), (FrontMatterKind::Toml, ""));
}

#[test]
fn unclosed_fence_is_body_text_with_a_warning() {
    let text = "---\ntitle: never closed\n\n# Heading\n";
    let (s, warning) = split(text);
    assert_eq!(s.kind, FrontMatterKind::None);
    assert_eq!((s.body, s.body_line), (text, 1));
    assert!(warning.is_some_and(|w| w.contains("never closed")));
}

#[test]
fn a_rule_in_the_middle_of_the_body_is_not_front_matter() {
    let text = "# Title\n\n---\nkey: value\n---\n\nmore\n";
    let (s, warning) = split(text);
    assert_eq!(
        (s.kind, s.body, warning),
        (FrontMatterKind::None, text, None)
    );
    let (s, _) = split("\n---\na: 1\n---\n");
    assert_eq!(s.kind, FrontMatterKind::None);
}

#[test]
fn front_matter_only_and_empty_front_matter() {
    let (meta, warnings) = meta_of("---\ntitle: Just meta\ntags: a b\n---\n");
    assert_eq!(meta.title, "Just meta");
    assert_eq!(meta.tags, ["a", "b"]);
    assert!(warnings.is_empty());
    let (meta, warnings) = meta_of("---\n---\nbody");
    assert_eq!(meta.front_matter, FrontMatterKind::Yaml);
    assert_eq!(meta.title, "");
    assert!(warnings.is_empty());
}

#[test]
fn malformed_yaml_warns_at_the_file_line() {
    let (meta, warnings) = meta_of("---\ntitle: ok\ntags: [a, b\ndate: 2020-01-01\n---\nbody\n");
    assert_eq!(meta.title, "");
    assert_eq!(warnings.len(), 1);
    let warning = &warnings[0];
    assert!(
        warning.message.starts_with("malformed YAML"),
        "{}",
        warning.message
    );
    assert!(
        !warning.message.contains(" at line "),
        "{}",
        warning.message
    );
    let line = warning.line.expect("a line");
    assert!((3..=5).contains(&line), "line {line}");
    // The date falls back to the file name when the front matter is unreadable.
    assert_eq!(meta.date.as_deref(), Some("2021-03-04"));
}

#[test]
fn malformed_toml_warns_at_the_file_line() {
    let (_, warnings) = meta_of("+++\ntitle = \"x\"\n\ntags = [oops]\n+++\n");
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].line, Some(4));
    assert!(warnings[0].message.starts_with("malformed TOML"));
}

#[test]
fn unusable_tags_warn_at_their_key() {
    let (meta, warnings) = meta_of("---\ntitle: T\ntags:\n  one: 1\n---\n");
    assert!(meta.tags.is_empty());
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].line, Some(3));
    assert!(warnings[0].message.contains("a mapping"));
}

#[test]
fn a_yaml_scalar_is_not_a_mapping() {
    let (_, warnings) = meta_of("---\njust a sentence\n---\n");
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].message.contains("not a mapping"));
}

#[test]
fn nested_and_unknown_keys_never_fail() {
    let text = "---\ntitle: Deep\narticle_header:\n  type: overlay\n  image: {src: x.png}\nlist: [{a: [1, {b: 2}]}]\n? [complex, key]\n: value\ndate: 2023-11-14 10:00:00 +0530\n---\n";
    let (meta, warnings) = meta_of(text);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(meta.title, "Deep");
    assert_eq!(meta.date.as_deref(), Some("2023-11-14"));
}

#[test]
fn unreadable_date_warns_and_falls_back_to_the_file_name() {
    let (meta, warnings) = meta_of("---\ndate: someday\n---\n");
    assert_eq!(meta.date.as_deref(), Some("2021-03-04"));
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].line, Some(2));
}

#[test]
fn a_day_that_does_not_exist_warns_and_falls_back_to_the_file_name() {
    let (meta, warnings) = meta_of("---\ntitle: T\ndate: 2023-02-31\n---\n");
    assert_eq!(meta.date.as_deref(), Some("2021-03-04"));
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].line, Some(3));
    assert!(
        warnings[0].message.contains("calendar"),
        "{}",
        warnings[0].message
    );
}

#[test]
fn toml_meta_with_zola_taxonomies() {
    let text = "+++\ntitle = \"Zola\"\ndate = 2023-07-14\ndraft = true\n[taxonomies]\ntags = [\"x\", \"y\"]\n[extra]\nauthor = \"no\"\n+++\n";
    let (meta, warnings) = meta_of(text);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(meta.front_matter, FrontMatterKind::Toml);
    assert_eq!(meta.title, "Zola");
    assert_eq!(meta.tags, ["x", "y"]);
    assert_eq!(meta.date.as_deref(), Some("2023-07-14"));
    assert!(meta.draft);
    assert_eq!(meta.author, None);
}

#[test]
fn an_alias_bomb_is_ignored_with_a_warning_at_its_first_alias() {
    let row = |item: &str| vec![item; 300].join(",");
    let text = format!(
        "---\ntitle: Bomb\na: &a [{}]\nb: &b [{}]\nc: [{}]\n---\n# Body\n",
        row("x"),
        row("*a"),
        row("*b")
    );
    let (meta, warnings) = meta_of(&text);
    assert_eq!(meta.title, "");
    assert_eq!(meta.date.as_deref(), Some("2021-03-04"));
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].line, Some(4));
    assert!(
        warnings[0].message.contains("aliases"),
        "{}",
        warnings[0].message
    );
}

#[test]
fn a_time_that_does_not_exist_warns_and_falls_back() {
    let (meta, warnings) = meta_of("---\ntitle: T\ndate: 2023-02-28T25:00:00\n---\n");
    assert_eq!(meta.date.as_deref(), Some("2021-03-04"), "the file name's");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].line, Some(3));
    assert!(
        warnings[0].message.contains("time of day"),
        "{}",
        warnings[0].message
    );
}

#[test]
fn deep_flow_nesting_is_ignored_with_a_warning_at_its_line() {
    let text = format!(
        "---\ntitle: Deep\nok: [1, {{a: b}}]\nx: {}\n---\n# Body\n",
        "[{a: ".repeat(200)
    );
    let (meta, warnings) = meta_of(&text);
    assert_eq!(meta.title, "");
    assert_eq!(meta.date.as_deref(), Some("2021-03-04"));
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].line, Some(4));
    assert!(
        warnings[0].message.contains("deeper than 100 levels"),
        "{}",
        warnings[0].message
    );
    // Nesting up to the bound is read.
    let text = format!(
        "---\ntitle: Fine\nx: {}1{}\n---\n",
        "[".repeat(100),
        "]".repeat(100)
    );
    let (meta, _) = meta_of(&text);
    assert_eq!(meta.title, "Fine");
}

#[test]
fn front_matter_over_the_size_cap_is_ignored() {
    let text = format!(
        "---\ntitle: Big\nnote: {}\n---\nbody\n",
        "x".repeat(MAX_FRONT_MATTER_BYTES)
    );
    let (meta, warnings) = meta_of(&text);
    assert_eq!(meta.title, "");
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].line, Some(2));
    assert!(
        warnings[0].message.contains("256 KB"),
        "{}",
        warnings[0].message
    );
}

#[test]
fn yaml_dates_datetimes_and_numbers_as_titles() {
    let (meta, _) = meta_of("---\ntitle: 1984\ndate: 2019-3-8T12:00:00Z\n---\n");
    assert_eq!(meta.title, "1984");
    assert_eq!(meta.date.as_deref(), Some("2019-03-08"));
}

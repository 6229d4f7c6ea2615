//! Note embeds: sections, blocks, nesting and the lines they keep.

use super::*;

const NOTE: &str = "# Plan\n\nIntro.\n\n## Budget\n\nTwo hundred.\n\n### Seeds\n\nForty.\n\n```\n# not a heading\n```\n\n## Later\n\nThen. ^then\n\n- one\n- two ^two\n- three\n";

#[test]
fn a_section_runs_to_the_next_heading_of_its_level() {
    let budget = section(NOTE, &["budget"]).expect("budget");
    assert!(budget.contains("Two hundred.") && budget.contains("### Seeds"));
    assert!(budget.contains("# not a heading"), "{budget}");
    assert!(!budget.contains("Then."), "{budget}");
    let seeds = section(NOTE, &["Budget", "Seeds"]).expect("seeds");
    assert!(
        seeds.contains("Forty.") && !seeds.contains("Two hundred"),
        "{seeds}"
    );
    assert_eq!(section(NOTE, &["Later", "Budget"]), None);
    assert_eq!(section(NOTE, &["Nowhere"]), None);
}

#[test]
fn a_block_is_its_paragraph_or_its_list_item() {
    assert_eq!(block(NOTE, "then").as_deref(), Some("Then.\n"));
    assert_eq!(block(NOTE, "two").as_deref(), Some("- two\n"));
    let para = "a\nfirst line\nsecond ^p\n";
    assert_eq!(block(para, "p").as_deref(), Some("a\nfirst line\nsecond\n"));
    assert_eq!(block(NOTE, "nope"), None);
}

#[test]
fn headings_become_bold_lines_and_a_first_title_goes() {
    let text = plain_headings(&whole(NOTE));
    assert!(
        text.starts_with("\nIntro.") || text.starts_with("Intro."),
        "{text}"
    );
    assert!(text.contains("**Budget**\n") && text.contains("# not a heading"));
}

#[test]
fn only_a_line_that_is_one_note_embed_is_inlined() {
    assert!(embed_of("![[Note#Heading]]").is_some());
    assert!(embed_of("  ![[Note#^id]]  ").is_some());
    assert!(embed_of("![[photo.png]]").is_none());
    assert!(embed_of("see ![[Note]]").is_none());
    assert!(embed_of("![[a]] ![[b]]").is_none());
    assert!(embed_of("[[Note]]").is_none());
}

#[test]
fn long_texts_fold_and_short_ones_are_quoted_under_a_title() {
    let short = frame("Note#A", "Note > A", "one\n\ntwo\n");
    assert_eq!(short, "> *[[Note#A|Note > A]]*\n>\n> one\n>\n> two\n\n");
    let long: String = (0..20).map(|i| format!("line {i}\n\n")).collect();
    let folded = frame("Note", "Note", &long);
    assert!(
        folded.starts_with("<details>\n<summary>Note</summary>"),
        "{folded}"
    );
    assert!(folded.ends_with("</details>\n\n"));
}

#[test]
fn the_embedding_note_keeps_its_file_lines_and_its_outline() {
    let dir = tempfile::tempdir().expect("temp");
    std::fs::create_dir(dir.path().join(".obsidian")).expect("mkdir");
    std::fs::write(dir.path().join("Plan.md"), NOTE).expect("write");
    let home = dir.path().join("Home.md");
    std::fs::write(
        &home,
        "---\ntitle: Home\n---\n# Home\n\n![[Plan#Budget]]\n\n## After\n\nEnd.\n",
    )
    .expect("write");
    let article = inline(Draft::load(&home).expect("load")).outlined();
    // A note found by an alias, once no file has the name.
    let aliased = "---\naliases: [Other name]\n---\nFound by alias.\n";
    std::fs::write(dir.path().join("Named.md"), aliased).expect("write");
    std::fs::write(dir.path().join("By.md"), "![[Other name]]\n").expect("write");
    let by = inline(Draft::load(&dir.path().join("By.md")).expect("load"));
    assert!(by.body().contains("> Found by alias."), "{}", by.body());
    assert!(article.body.contains("> Two hundred."), "{}", article.body);
    assert!(article.body.contains("**Seeds**"), "{}", article.body);
    let outline: Vec<(&str, usize)> = article
        .outline
        .iter()
        .map(|h| (h.text(), h.line()))
        .collect();
    assert_eq!(outline, [("Home", 4), ("After", 8)]);
    // Body lines of the embedded text are the embed's file line (6).
    let end = article.body.lines().position(|l| l == "End.").expect("end");
    let at = |line: usize| article.body_line + line;
    assert_eq!(article.file_line(at(end)), 10);
    assert_eq!(article.file_line(at(3)), 6);
    assert_eq!(article.shown_line(10), at(end));
}

#[test]
fn a_note_s_links_into_itself_still_lead_there_once_embedded() {
    let dir = tempfile::tempdir().expect("temp");
    std::fs::create_dir(dir.path().join(".obsidian")).expect("mkdir");
    let shed = "# Shed\n\nSee [[#Materials]] and [[#^wood|the wood]].\n\n```\n[[#kept]]\n```\n\n## Materials\n\nWood. ^wood\n";
    std::fs::write(dir.path().join("Shed.md"), shed).expect("write");
    let daily = dir.path().join("Daily.md");
    std::fs::write(&daily, "# Daily\n\n![[Shed]]\n").expect("write");
    let body = inline(Draft::load(&daily).expect("load"))
        .body()
        .to_string();
    assert!(body.contains("[[Shed#Materials]]"), "{body}");
    assert!(body.contains("[[Shed#^wood|the wood]]"), "{body}");
    assert!(body.contains("[[#kept]]"), "{body}");
}

#[test]
fn a_template_and_an_embed_both_keep_the_file_s_lines() {
    let dir = tempfile::tempdir().expect("temp");
    std::fs::create_dir(dir.path().join(".obsidian")).expect("mkdir");
    std::fs::write(dir.path().join("Plan.md"), NOTE).expect("write");
    let both = dir.path().join("Both.md");
    // File lines: 4 heading, 5..=7 a comment the site pass drops, 8 the
    // embed, 9 a heading, 10 a link, 11 the end.
    let text = "---\ntitle: Both\n---\n# Both\n{% comment %}\nhidden\n{% endcomment %}\n![[Plan#Budget]]\n## After\n[back](Plan.md)\nEnd.\n";
    std::fs::write(&both, text).expect("write");
    let article = inline(Draft::load(&both).expect("load")).outlined();
    assert!(!article.body.contains("hidden"), "{}", article.body);
    assert!(article.body.contains("> Two hundred."), "{}", article.body);
    let outline: Vec<(&str, usize)> = article
        .outline
        .iter()
        .map(|h| (h.text(), h.line()))
        .collect();
    assert_eq!(outline, [("Both", 4), ("After", 9)]);
    let at = |text: &str| {
        let i = article.body.lines().position(|l| l.contains(text));
        article.body_line + i.expect(text)
    };
    assert_eq!(article.file_line(at("End.")), 11);
    assert_eq!(article.file_line(at("Two hundred.")), 8);
    assert_eq!(article.shown_line(11), at("End."));
    assert_eq!(article.shown_line(8), at("Plan > Budget"));
    // A link after both passes names its own file line.
    let lines: Vec<(String, usize)> = crate::links::links(&article)
        .into_iter()
        .map(|l| (l.target, l.line))
        .collect();
    assert!(lines.contains(&("Plan.md".to_string(), 10)), "{lines:?}");
}

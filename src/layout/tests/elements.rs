//! Layout tests for alerts, math, definition lists, diagrams and details, at
//! widths 1, 20, 40, 80 and 200.

use super::*;

/// The roles of the spans on the line holding `needle`, at `width`.
fn roles_on(body: &str, width: u16, needle: &str) -> Vec<Role> {
    let doc = plain(body, width);
    let line = doc
        .lines(0, doc.len())
        .find(|l| l.text().contains(needle))
        .unwrap();
    line.spans().map(|(_, s)| s.role).collect()
}

#[test]
fn gfm_alerts_show_a_label_and_never_the_marker() {
    let kinds = [
        ("NOTE", "ℹ Note", AlertKind::Note),
        ("TIP", "✦ Tip", AlertKind::Tip),
        ("IMPORTANT", "❢ Important", AlertKind::Important),
        ("WARNING", "⚠ Warning", AlertKind::Warning),
        ("CAUTION", "⊘ Caution", AlertKind::Caution),
    ];
    for (marker, label, kind) in kinds {
        let body = format!("> [!{marker}]\n> Mind the gap between the train and the platform.\n");
        for (w, lines) in at_all_widths(&body) {
            let all = lines.join("\n");
            assert!(!all.contains("[!"), "marker shown at {w}: {all}");
            if w >= 20 {
                assert_eq!(lines[0], format!("┃ {label}"));
                assert!(lines[1].starts_with("┃ Mind the gap"), "{lines:?}");
                assert!(lines.iter().all(|l| l.starts_with('┃')));
                let roles = roles_on(&body, w, label);
                assert!(roles.iter().all(|r| *r == Role::Alert(kind)), "{roles:?}");
            }
        }
    }
}

#[test]
fn obsidian_callouts_show_their_title() {
    let body = "> [!info] Brewing ratios\n> One to sixteen.\n\n> [!faq]- Why sour?\n> Too coarse.\n\n> [!bug]\n> It crashed.\n";
    for (w, lines) in at_all_widths(body) {
        let all = lines.join("\n");
        assert!(!all.contains("[!"), "marker shown at {w}: {all}");
        if w >= 40 {
            assert_eq!(
                lines,
                [
                    "┃ ℹ Brewing ratios",
                    "┃ One to sixteen.",
                    "",
                    // `-` folds it: the label is the fold's summary.
                    "┃ ▾ ❢ Why sour?",
                    "┃ Too coarse.",
                    "",
                    "┃ ⊘ Bug",
                    "┃ It crashed.",
                ]
            );
        }
    }
    assert_eq!(
        roles_on(body, 80, "Why sour?"),
        [Role::Alert(AlertKind::Important); 2]
    );
}

#[test]
fn alert_label_wraps_and_plain_quotes_stay_plain() {
    let body = "> [!tip] A title long enough to wrap at twenty columns\n> body\n\n> just a quote\n";
    let doc = plain(body, 20);
    let lines = texts(&doc);
    assert_eq!(lines[0], "┃ ✦ A title long");
    assert!(lines.contains(&"│ just a quote".to_string()), "{lines:?}");
    for (w, lines) in at_all_widths(body) {
        assert!(lines.iter().any(|l| l.contains("body") || w < 5));
    }
}

#[test]
fn math_is_converted_in_its_role() {
    let body = "Area $\\pi r^2$ here.\n\n$$\\frac{a}{b} \\le \\sqrt{2}$$\n";
    for (w, lines) in at_all_widths(body) {
        if w >= 20 {
            assert_eq!(lines[0], "Area π r² here.");
            assert_eq!(lines[2], "a/b ≤ √2");
            assert_eq!(roles_on(body, w, "π"), [Role::Text, Role::Math, Role::Text]);
        }
    }
}

#[test]
fn displayed_math_gets_its_own_line() {
    let body = "Before $$x^2$$ after.\n";
    let doc = plain(body, 40);
    assert_eq!(texts(&doc), ["Before", "x²", "after."]);
}

#[test]
fn unconvertible_math_stays_as_source() {
    let body = "See $\\overbrace{abc} + x^q$.\n";
    for (w, lines) in at_all_widths(body) {
        if w >= 40 {
            assert_eq!(lines[0], "See \\overbrace{abc} + x^q.");
        }
    }
}

#[test]
fn prices_are_not_math() {
    let body = "It costs $5 and the big one $10.\n";
    for (w, lines) in at_all_widths(body) {
        if w >= 40 {
            assert_eq!(lines[0], "It costs $5 and the big one $10.");
            assert!(!roles_on(body, w, "$5").contains(&Role::Math));
        }
    }
}

#[test]
fn definition_lists_indent_the_definition_under_its_term() {
    let body =
        "Bloom\n: The first pour of water that lets the grounds breathe.\n\nCrema\n: Foam.\n";
    for (w, lines) in at_all_widths(body) {
        assert!(
            lines.iter().any(|l| l.contains("Foam") || w < 4),
            "{lines:?}"
        );
        if w == 80 {
            assert_eq!(
                lines,
                [
                    "Bloom",
                    "    The first pour of water that lets the grounds breathe.",
                    "",
                    "Crema",
                    "    Foam.",
                ]
            );
            assert_eq!(roles_on(body, w, "Bloom"), [Role::DefinitionTerm]);
        }
        if w == 20 {
            assert_eq!(lines[0], "Bloom");
            assert!(
                lines[1..4].iter().all(|l| l.starts_with("    ")),
                "{lines:?}"
            );
        }
    }
}

#[test]
fn diagram_fences_are_framed_and_labelled_with_their_source() {
    let body = "```mermaid\ngraph LR\n  A --> B\n```\n";
    for (w, lines) in at_all_widths(body) {
        assert!(lines.iter().any(|l| l.contains('A') || w < 4), "{lines:?}");
        if w >= 40 {
            assert_eq!(
                lines,
                [
                    "╭─ diagram (mermaid)",
                    "│ graph LR",
                    "│   A --> B",
                    "╰──────────",
                ]
            );
            assert_eq!(roles_on(body, w, "diagram"), [Role::CodeFrame]);
        }
    }
    let empty = plain("```dot\n```\n", 40);
    assert!(texts(&empty)[0].contains("diagram (dot)"));
}

#[test]
fn details_show_the_summary_line_then_the_body() {
    let body = "<details>\n<summary>How long does it rest?</summary>\n\nOvernight in the fridge.\n\n</details>\n";
    for (w, lines) in at_all_widths(body) {
        let all = lines.join("\n");
        assert!(!all.contains("summary>"), "{all}");
        if w >= 40 {
            assert_eq!(
                lines,
                ["▾ How long does it rest?", "", "Overnight in the fridge."]
            );
            assert_eq!(roles_on(body, w, "rest?"), [Role::Summary, Role::Summary]);
        }
        if w == 20 {
            assert_eq!(lines[0], "▾ How long does it");
            assert_eq!(lines[1], "  rest?");
        }
    }
}

#[test]
fn details_in_one_html_block() {
    let body = "<details><summary>Whole wheat?</summary>Yes, half.</details>\n";
    let doc = plain(body, 40);
    assert_eq!(texts(&doc), ["▾ Whole wheat?", "", "Yes, half."]);
}

#[test]
fn heading_marks_only_without_colour() {
    let body = "### Third\n\n#### Fourth\n";
    let marked = texts(&plain(body, 40));
    assert_eq!(marked, ["### Third", "", "#### Fourth"]);
    // As the dark theme lays out (`theme::tests` checks it is the same).
    let dark = LayoutOptions::default();
    assert!(!dark.heading_marks);
    let coloured = texts(&layout(&article(body), 40, dark));
    assert_eq!(coloured, ["Third", "", "Fourth"]);
    for w in WIDTHS {
        check(&layout(&article(body), w, dark), w);
    }
}

#[test]
fn math_in_a_heading_keeps_the_heading_role() {
    let body = "## Using $\\alpha$\n";
    let doc = plain(body, 40);
    assert_eq!(texts(&doc)[0], "Using α");
    assert_eq!(roles_on(body, 40, "α"), [Role::Heading(2)]);
}

#[test]
fn site_badges_and_labels_take_their_own_roles() {
    let body = "Since <quire-badge>New in v0.120.0</quire-badge> and \
                <quire-label>⟨widget size=l⟩</quire-label> then plain.\n";
    let roles = roles_on(body, 200, "New in");
    assert!(roles.contains(&Role::Badge), "{roles:?}");
    assert!(roles.contains(&Role::TemplateLabel), "{roles:?}");
    assert_eq!(roles.last(), Some(&Role::Text), "{roles:?}");
    let lines: Vec<String> = at_all_widths(body)
        .into_iter()
        .filter(|(w, _)| *w == 200)
        .flat_map(|(_, lines)| lines)
        .collect();
    assert_eq!(
        lines,
        ["Since New in v0.120.0 and ⟨widget size=l⟩ then plain."]
    );
}

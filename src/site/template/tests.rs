//! Tests of the template pass: each site's syntax turned into markdown.

use std::path::Path;

use super::*;

fn run(body: &str, math: bool) -> String {
    let page = |key: &str| (key == "title").then(|| "The page".to_string());
    let cx = Context {
        path: Path::new("no-such-dir/post.md"),
        site: None,
        page: &page,
        math,
    };
    pass(body, &cx).0.into_owned()
}

#[test]
fn plain_markdown_is_borrowed() {
    let page = |_: &str| None;
    let cx = Context {
        path: Path::new("post.md"),
        site: None,
        page: &page,
        math: false,
    };
    assert!(matches!(
        pass("# Title\n\nText.\n", &cx).0,
        Cow::Borrowed(_)
    ));
}

#[test]
fn zola_admonitions_become_callouts() {
    let got = run(
        "{{ admonition(type=\"tip\", title=\"A tip\", text=\"Be *brief*.\") }}\n\nAfter.\n",
        false,
    );
    assert_eq!(got, "> [!tip] A tip\n> Be *brief*.\n\nAfter.\n");
    let got = run(
        "{% admonition(type=\"warning\") %}\nBody.\n{% end %}\n",
        false,
    );
    assert_eq!(got, "> [!warning]\n> Body.\n");
}

#[test]
fn a_hugo_callout_s_first_word_names_its_kind() {
    let got = run(
        "{{< notice warning >}}\nMind the lines.\n{{< /notice >}}\n",
        false,
    );
    assert_eq!(got, "> [!warning]\n> Mind the lines.\n");
    let got = run("{{< hint info >}}\nA hint.\n{{< /hint >}}\n", false);
    assert_eq!(got, "> [!info]\n> A hint.\n");
    let got = run(
        "{{< admonition tip \"Be brief\" >}}\nShort.\n{{< /admonition >}}\n",
        false,
    );
    assert_eq!(got, "> [!tip] Be brief\n> Short.\n");
    // A first word that names no kind is not taken for one.
    let got = run("{{< note \"Heads up\" >}}\nText.\n{{< /note >}}\n", false);
    assert_eq!(got, "> [!note]\n> Text.\n");
}

#[test]
fn hugo_code_toggle_keeps_lines_and_indentation() {
    let got = run(
        "{{< code-toggle file=hugo >}}\n[a]\n  b = 1\n{{< /code-toggle >}}\nNext.\n",
        false,
    );
    assert_eq!(got, "```toml\n[a]\n  b = 1\n```\nNext.\n");
}

#[test]
fn hugo_escapes_show_the_shortcode_in_and_out_of_code() {
    let got = run("```\n{{</* figure src=\"x\" */>}}\n```\n", false);
    assert_eq!(got, "```\n{{< figure src=\"x\" >}}\n```\n");
    let got = run("See {{</* ref \"x\" */>}}.\n", false);
    assert_eq!(got, "See `{{< ref \"x\" >}}`.\n");
}

#[test]
fn dollars_are_literal_without_math_and_math_with_it() {
    assert_eq!(
        run("Costs $5 and ^go$.\n", false),
        "Costs \\$5 and ^go\\$.\n"
    );
    assert_eq!(run("Area $\\pi r^2$.\n", true), "Area $\\pi r^2$.\n");
    assert_eq!(run("Code `a$b` stays.\n", false), "Code `a$b` stays.\n");
    assert_eq!(run("$$x$$\n", false), "$$x$$\n");
}

#[test]
fn liquid_raw_highlight_and_control_flow() {
    // Raw text keeps its tags as text: the brace escaped, shown as `{`.
    let got = run("{% raw %}{{ x }}{% endraw %}\n", false);
    assert_eq!(got, "\\{{ x }}\n");
    let got = run(
        "{% raw %}\n```\n{{ x }}\n```\n`{% y %}`\n{% endraw %}\n",
        false,
    );
    assert_eq!(got, "\n```\n{{ x }}\n```\n`{% y %}`\n\n");
    let got = run(
        "{% highlight ruby linenos %}\n> a\n{% endhighlight %}\n",
        false,
    );
    assert_eq!(got, "```ruby\n> a\n```\n");
    let got = run("{% if a %}\nShown.\n{% endif %}\n", false);
    assert_eq!(got, "\nShown.\n\n");
    assert_eq!(
        run("Title: {{ page.title }}.\n", false),
        "Title: The page.\n"
    );
    assert_eq!(
        run("{{ site.nothing }}\n", false),
        "<quire-label>⟨site.nothing⟩</quire-label>\n"
    );
}

#[test]
fn kramdown_attributes_give_ids_and_callouts() {
    assert_eq!(
        run("## Version 2\n{: #v2}\n\nText.\n", false),
        "## Version 2 {#v2}\n\n\nText.\n"
    );
    assert_eq!(run("A note.\n{: .note}\n", false), "> [!note]\n> A note.\n");
    assert_eq!(
        run("{: .info}\nPack water.\n", false),
        "> [!info]\n> Pack water.\n"
    );
    // Minimal Mistakes' notices (the paragraph before them was plain text).
    assert_eq!(
        run("Mind the lid.\n{: .notice--warning}\n", false),
        "> [!warning]\n> Mind the lid.\n"
    );
    assert_eq!(
        run("Hot.\n{: .notice--danger}\n\nPlain.\n{: .notice}\n", false),
        "> [!caution]\n> Hot.\n\n> [!note]\n> Plain.\n"
    );
    assert_eq!(
        run("Ok.\n{: .notice--success}\n", false),
        "> [!tip]\n> Ok.\n"
    );
    assert_eq!(run("Text.\n{: .notice--wide}\n", false), "Text.\n\n");
    assert_eq!(run("[a](x){:target=\"_blank\"} b\n", false), "[a](x) b\n");
    assert_eq!(
        run("{::comment}\nhidden\n{:/comment}\nShown.\n", false),
        "\nShown.\n"
    );
}

#[test]
fn link_targets_from_templates() {
    let got = run("[a]({{< ref \"docs/x\" >}}) [b]({{% eturl y %}})\n", false);
    assert_eq!(
        got,
        "[a](docs/x \"quire:ref {{< ref \\\"docs/x\\\" >}}\") [b](template:eturl \"quire:template {{% eturl y %}}\")\n"
    );
    let got = run("[p]({% post_url 2024-01-15-first-steps %})\n", false);
    assert_eq!(
        got,
        "[p](/2024/01/15/first-steps \"quire:post_url {% post_url 2024-01-15-first-steps %}\")\n"
    );
    let got = run("[p]({% link a/b.md %}#part) x\n", false);
    assert_eq!(
        got,
        "[p](/a/b.md#part \"quire:link {% link a/b.md %}#part\") x\n"
    );
}

#[test]
fn unknown_shortcodes_show_a_label_and_their_body() {
    let got = run("{{< widget size=\"l\" >}}\nBody.\n{{< /widget >}}\n", false);
    assert_eq!(got, "<quire-label>⟨widget size=l⟩</quire-label> Body.\n");
    assert_eq!(
        run("{{< new-in 0.120.0 />}}\n", false),
        "<quire-badge>New in v0.120.0</quire-badge>\n"
    );
}

#[test]
fn deep_nesting_and_unclosed_bodies_answer() {
    let deep = "{{< note >}}\n".repeat(10_000);
    let got = run(&deep, false);
    assert!(got.len() < deep.len() * 4);
    let open = "{% admonition(type=\"tip\") %}\nno end\n".repeat(2_000);
    assert!(!run(&open, false).contains("{%"));
    // Thousands of openings closed once at the end: bounded, and done.
    let mut late = "{{< widget >}} a\n".repeat(20_000);
    late.push_str("{{< /widget >}}\n");
    assert!(run(&late, false).contains("widget"));
}

#[test]
fn the_line_map_names_the_file_lines_after_a_rewrite() {
    let page = |_: &str| None;
    let cx = Context {
        path: Path::new("post.md"),
        site: None,
        page: &page,
        math: true,
    };
    let body = "a\n{{ admonition(title=\"T\", text=\"x\") }}\n\n## H\n{% comment %}\n1\n2\n{% endcomment %}\n## I\n";
    let (out, map) = pass(body, &cx);
    let lines: Vec<&str> = out.lines().collect();
    let h = lines.iter().position(|l| *l == "## H").expect("heading H");
    assert_eq!(map.source(h), 3);
    let i = lines.iter().position(|l| *l == "## I").expect("heading I");
    assert_eq!(map.source(i), 8);
}

#[test]
fn hugo_highlight_is_a_block_unless_asked_inline() {
    let inline = run(
        "Call {{< highlight go \"hl_inline=true\" >}}f(x){{< /highlight >}} now.\n",
        false,
    );
    assert_eq!(inline, "Call `f(x)` now.\n");
    let named = run(
        "Call {{< highlight lang=\"go\" options=\"linenos=false, hl_inline=true\" >}} f(x) {{< /highlight >}} now.\n",
        false,
    );
    assert_eq!(named, "Call `f(x)` now.\n");
    let block = run(
        "Call {{< highlight go \"linenos=table\" >}}f(x){{< /highlight >}} now.\n",
        false,
    );
    assert!(block.contains("```go\n"), "{block:?}");
}

#[test]
fn hugo_param_reads_the_page_s_own_params() {
    let page = |key: &str| match key {
        "mood" => Some("top".to_string()),
        "params.level" => Some("easy".to_string()),
        "params.mood" => Some("nested".to_string()),
        _ => None,
    };
    let cx = Context {
        path: Path::new("no-such-dir/post.md"),
        site: None,
        page: &page,
        math: false,
    };
    let out = pass(
        "{{< param mood >}} {{< param level >}} {{< param gone >}}\n",
        &cx,
    )
    .0
    .into_owned();
    assert!(out.starts_with("top easy "), "{out}");
    assert!(out.contains("param gone"), "{out}");
}

#[test]
fn kramdown_abbreviation_definitions_are_hidden() {
    let body = "The HTML spec.\n\n*[HTML]: Hyper Text Markup Language\n*[W3C]:  World Wide Web Consortium\n\nAfter *[not] one*.\n";
    let out = run(body, false);
    assert_eq!(out, "The HTML spec.\n\n\n\n\nAfter *[not] one*.\n");
}

#[test]
fn kramdown_reads_a_markdown_html_block_as_markdown() {
    let body = "<div markdown=\"1\">\n## Inside\n\n*text*\n</div>\n\n<div class=x>\n## Kept html\n</div>\n";
    let out = run(body, false);
    assert_eq!(
        out,
        "\n## Inside\n\n*text*\n</div>\n\n<div class=x>\n## Kept html\n</div>\n"
    );
    let outline = crate::article::outline::outline(&out, 1);
    let texts: Vec<&str> = outline.iter().map(|h| h.text()).collect();
    assert_eq!(texts, ["Inside"]);
}

#[test]
fn an_embed_shortcode_without_its_id_is_a_label_not_a_broken_address() {
    let out = run(
        "{{< x >}}\n\n{{< youtube >}}\n\n{{< x user=\"a\" id=\"1\" >}}\n",
        false,
    );
    assert!(!out.contains("x.com//status/"), "{out}");
    assert!(!out.contains("watch?v=)"), "{out}");
    assert!(out.contains("https://x.com/a/status/1"), "{out}");
    // Hugo's simple (no-JS) forms are the same links.
    let out = run(
        "{{< twitter_simple user=\"a\" id=\"2\" >}}\n\n{{< vimeo_simple 48912912 >}}\n",
        false,
    );
    assert!(out.contains("https://x.com/a/status/2"), "{out}");
    assert!(out.contains("https://vimeo.com/48912912"), "{out}");
}

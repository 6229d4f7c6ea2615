//! The site pass: template syntax to markdown before the parse. On a 5 MB
//! article with no templates (code braces and prices only) and on 1 MB of
//! shortcodes, Liquid and kramdown of every kind, as a site's posts hold.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use quire::site::template::{Context, pass};

/// Our own prose with braces in code and dollar signs, no templates.
fn plain(bytes: usize) -> String {
    let mut body = String::new();
    let mut n = 0;
    while body.len() < bytes {
        body.push_str(&format!(
            "## Part {n}\n\nA paragraph that costs $5 and runs on for a while so that \
             it is as long as prose usually is, with `code {{ x }}` inline.\n\n\
             ```rust\nfn f_{n}() -> u32 {{ 1 }}\n```\n\n"
        ));
        n += 1;
    }
    body
}

/// Every kind of tag, our own words.
fn templated(bytes: usize) -> String {
    let mut body = String::new();
    let mut n = 0;
    while body.len() < bytes {
        body.push_str(&format!(
            "## Step {n}\n{{: #step-{n}}}\n\n\
             {{{{ admonition(type=\"tip\", title=\"Tip {n}\", text=\"Keep *going*.\") }}}}\n\n\
             {{{{< figure src=\"/img/{n}.png\" caption=\"Figure {n}\" >}}}}\n\n\
             {{{{< details summary=\"More\" >}}}}\nHidden text {n}.\n{{{{< /details >}}}}\n\n\
             Read [the guide]({{{{ '/guide/{n}/' | relative_url }}}}) and \
             [the page]({{{{< ref \"page-{n}\" >}}}}).\n\n\
             {{% highlight ruby %}}\nputs {n}\n{{% endhighlight %}}\n\n\
             {{% if site.x %}}\nShown once.\n{{% endif %}}\n\n"
        ));
        n += 1;
    }
    body
}

fn benches(c: &mut Criterion) {
    let page = |_: &str| None;
    let cx = Context {
        path: Path::new("bench.md"),
        site: None,
        page: &page,
        math: false,
    };
    let big = plain(5 * 1024 * 1024);
    let sites = templated(1024 * 1024);
    let mut g = c.benchmark_group("site pass");
    g.sample_size(20);
    g.bench_function("5 MB without templates", |b| {
        b.iter(|| pass(black_box(&big), &cx).0.len())
    });
    g.bench_function("1 MB of shortcodes, Liquid and kramdown", |b| {
        b.iter(|| pass(black_box(&sites), &cx).0.len())
    });
    g.finish();
}

criterion_group!(site, benches);
criterion_main!(site);

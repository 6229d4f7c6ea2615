//! Generated sites for the link benchmarks: a Hugo site and a Jekyll site
//! of N pages, each page with the link forms the generators' rules cover
//! (ref/relref, definition terms, includes, the site's own address,
//! template calls; relative_url, site.baseurl, post_url, kramdown ids,
//! pretty permalinks, redirect_from). Every link leads somewhere.

use std::fs;
use std::path::Path;

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// A Hugo site of `pages` pages in 10 sections under `root`.
pub fn hugo(root: &Path, pages: usize) {
    write(
        &root.join("hugo.toml"),
        "baseURL = 'https://bench.example/'\n[markup.goldmark.parser]\nautoDefinitionTermID = true\n",
    );
    write(
        &root.join("content/_common/shared.md"),
        "---\n_build:\n  render: never\n---\n\n## Shared part\n\nText.\n",
    );
    for i in 0..pages {
        let (section, next) = (i % 10, (i + 1) % pages);
        let next_section = next % 10;
        let text = format!(
            "---\ntitle: Page {i}\n---\n\noptions\n: What it takes.\n\n## Options\n\nSee \
             [the next]({{{{< ref \"/s{next_section}/page-{next}\" >}}}}), [its options]\
             ({{{{< relref \"/s{next_section}/page-{next}.md#options-1\" >}}}}), [the term]\
             ({{{{< ref \"page-{next}\" >}}}}#options) and [the part]({{{{% ref \
             \"/s{next_section}/page-{next}\" %}}}}#shared-part).\n\n## Usage\n\nBy path \
             [next](s{next_section}/page-{next}.md#usage), by address \
             [next](https://bench.example/s{next_section}/page-{next}/#usage), and \
             [ours]({{{{% eturl x %}}}}). [Here](#options-1).\n\n\
             {{{{% include \"/_common/shared.md\" %}}}}\n\n## Notes {{#notes-{i}}}\n\n\
             Filler text for the page, a few words long, to read like one.\n"
        );
        write(&root.join(format!("content/s{section}/page-{i}.md")), &text);
    }
}

/// A Jekyll site of `pages` pages (half docs with pretty permalinks, half
/// posts) under `root`.
pub fn jekyll(root: &Path, pages: usize) {
    write(
        &root.join("_config.yml"),
        "title: Bench\nurl: https://bench.example\nbaseurl: /b\nrepository: bench/site\n",
    );
    write(
        &root.join("index.html"),
        "---\npermalink: /\n---\n<h1>Home</h1>\n",
    );
    let docs = pages / 2;
    for i in 0..docs {
        let next = (i + 1) % docs;
        let text = format!(
            "---\ntitle: Doc {i}\npermalink: /docs/d{i}/\nredirect_from:\n  - /old/d{i}/\n---\n\n\
             ## Front matter &amp; more\n\nText.\n\n## Options\n{{: #opts-{i}}}\n\n\
             See [next]({{{{ '/docs/d{next}/' | relative_url }}}}#front-matter-amp-more), \
             [its options]({{{{ site.baseurl }}}}/docs/d{next}/#opts-{next}), [relative](../d{next}/), \
             [old](/old/d{next}/), [home]({{{{ '/' | relative_url }}}}), [repo]({{{{ site.repository }}}}) \
             and [a post]({{% post_url 2024-01-01-post-{i} %}}#news).\n"
        );
        write(&root.join(format!("docs/d{i}.md")), &text);
    }
    for i in 0..pages - docs {
        let text = format!(
            "---\ntitle: Post {i}\n---\n\n## News\n\nBack to [the doc]({{{{ '/docs/d{}/' | relative_url }}}}#opts-{}).\n",
            i % docs,
            i % docs
        );
        write(&root.join(format!("_posts/2024-01-01-post-{i}.md")), &text);
    }
}

//! What a Jekyll site's folders say about a file: a file under `_drafts`
//! is a draft, and a post (under `_posts` or `_drafts`) without a title
//! nor a level-1 heading is titled by its slug, as Jekyll titles it.

use std::path::{Component, Path};

use super::Meta;

/// Marks `meta` by where `path` lies in the Jekyll site at `site_dir`;
/// `body` tells whether a level-1 heading titles it before its slug does.
pub(super) fn apply(path: &Path, site_dir: &Path, body: &str, meta: &mut Meta) {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let within = absolute.strip_prefix(site_dir).unwrap_or(&absolute);
    let parent = within.parent().unwrap_or(Path::new(""));
    let folders: Vec<&str> = parent
        .components()
        .filter_map(|c| match c {
            Component::Normal(name) => name.to_str(),
            _ => None,
        })
        .collect();
    let draft = folders.contains(&"_drafts");
    if draft {
        meta.draft = true;
    }
    let post = draft || folders.contains(&"_posts");
    if post && meta.title.is_empty() && super::peek::first_title(body).is_none() {
        let stem = super::file_stem(path);
        meta.title = titled(crate::site::strip_date(&stem));
    }
}

/// Jekyll's title of a post from its slug: `my-first-post` -> `My First
/// Post` (each word's first letter up, the rest down).
fn titled(slug: &str) -> String {
    slug.split('-')
        .filter(|w| !w.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_title_as_jekyll_titles_them() {
        assert_eq!(titled("my-first-post"), "My First Post");
        assert_eq!(titled("iOS-tips"), "Ios Tips");
        assert_eq!(titled("éclair"), "Éclair");
    }

    #[test]
    fn posts_without_a_title_take_their_slugs_and_drafts_are_drafts() {
        let site = Path::new("/site");
        let mut meta = Meta::default();
        apply(
            Path::new("/site/_posts/2024-09-09-my-first-post.md"),
            site,
            "Text.\n",
            &mut meta,
        );
        assert_eq!(meta.title, "My First Post");
        assert!(!meta.draft);
        let mut meta = Meta::default();
        apply(
            Path::new("/site/_drafts/wip.md"),
            site,
            "# Working\n",
            &mut meta,
        );
        assert_eq!(meta.title, "", "a level-1 heading titles it later");
        assert!(meta.draft);
        let mut meta = Meta::default();
        apply(Path::new("/site/about.md"), site, "Text.\n", &mut meta);
        assert_eq!(meta.title, "");
    }
}

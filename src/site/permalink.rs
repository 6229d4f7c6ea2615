//! The address Jekyll gives a file of its site, as `{% link about.md %}`
//! and `{% post_url %}` write it: the file's front matter `permalink:`, else the config's
//! permalink style for a post (`date`: `/:categories/:year/:month/:day/:title.html`)
//! and a collection's document, and a page's own path (`/about.html`,
//! `/docs/` for `docs/index.md`, `/about/` when the style is `pretty`).
//! The file's front matter is read, nothing is run.

use super::Site;
use super::page_file::{self, PageFile};

/// What a permalink style names, as Jekyll's documentation spells it.
fn style(name: &str) -> &str {
    match name {
        "date" => "/:categories/:year/:month/:day/:title:output_ext",
        "pretty" => "/:categories/:year/:month/:day/:title/",
        "ordinal" => "/:categories/:year/:y_day/:title:output_ext",
        "weekdate" => "/:categories/:year/W:week/:short_day/:title:output_ext",
        "none" => "/:categories/:title:output_ext",
        template => template,
    }
}

/// The address Jekyll gives the file `written` (a path from the site's
/// root, as `{% link %}` takes it) of the Jekyll `site`, with the site's
/// `baseurl` before it; `None` for a file that is not there or a path
/// that leaves the site.
pub fn jekyll_url(site: &Site, written: &str) -> Option<String> {
    let path = page_file::inside(&site.dir, written)?;
    let rel = path.strip_prefix(&site.dir).ok()?;
    let page = PageFile::read(site, &path)?;
    let meta = &page.meta;
    let field = |key: &str| page.field(key);
    let config = site.values.get("permalink").map(String::as_str);
    let folders = page_file::folders(rel);
    let posts = folders.iter().position(|f| f == "_posts");
    let collection = folders
        .first()
        .and_then(|f| f.strip_prefix('_'))
        .filter(|name| site.collections.iter().any(|c| c == name));
    let template = match (field("permalink"), posts, collection) {
        (Some(own), _, _) => own.to_string(),
        (None, Some(_), _) => style(config.unwrap_or("date")).to_string(),
        (None, None, Some(_)) => "/:collection/:path:output_ext".to_string(),
        (None, None, None) => {
            // A page: its path, a folder's index its folder; with a style
            // that ends in `/` (pretty) a page is a folder too.
            let pretty = config.is_some_and(|c| style(c).ends_with('/'));
            if rel.file_stem().is_some_and(|s| s == "index") {
                "/:path/".to_string()
            } else if pretty {
                "/:path/:basename/".to_string()
            } else {
                "/:path/:basename:output_ext".to_string()
            }
        }
    };
    let mut categories: Vec<String> = posts.map(|at| folders[..at].to_vec()).unwrap_or_default();
    for key in ["category", "categories"] {
        categories.extend(page.words(key));
    }
    let date = meta.date.as_deref().and_then(ymd);
    let name = rel
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let title = field("slug")
        .map(str::to_string)
        .unwrap_or_else(|| super::strip_date(&name).to_string());
    let dir_path = |skip: usize| folders[skip.min(folders.len())..].join("/");
    let values = Values {
        categories: categories.join("/").to_lowercase().replace(' ', "-"),
        date,
        title,
        path: match collection {
            Some(_) => [dir_path(1), name.clone()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join("/"),
            None => dir_path(0),
        },
        basename: name,
        collection: collection.unwrap_or_default().to_string(),
    };
    let url = expand(&template, &values);
    Some(format!("{}{url}", site.baseurl))
}

/// The address Jekyll gives the post `name` names in `{% post_url %}`
/// (`2024-01-15-first-steps`, or `sub/2024-01-15-x` for one in
/// `_posts/sub/`): [`jekyll_url`] of its file in `_posts/`; `None` when
/// there is none.
pub fn post_url(site: &Site, name: &str) -> Option<String> {
    let name = name.trim().trim_matches('/');
    ["md", "markdown"]
        .iter()
        .map(|ext| format!("_posts/{name}.{ext}"))
        .find(|rel| site.dir.join(rel).is_file())
        .and_then(|rel| jekyll_url(site, &rel))
}

/// The values a permalink's placeholders name.
struct Values {
    categories: String,
    date: Option<jiff::civil::Date>,
    title: String,
    path: String,
    basename: String,
    collection: String,
}

/// `YYYY-MM-DD` at the start of a date.
fn ymd(date: &str) -> Option<jiff::civil::Date> {
    date.get(..10)?.parse().ok()
}

/// `template` with its placeholders filled, runs of `/` made one.
fn expand(template: &str, v: &Values) -> String {
    let day = v.date;
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(at) = rest.find(':') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        let word = &after[..len];
        let value = match (word, day) {
            ("categories", _) => Some(v.categories.clone()),
            ("title" | "slug", _) => Some(v.title.clone()),
            ("path", _) => Some(v.path.clone()),
            ("basename" | "name", _) => Some(v.basename.clone()),
            ("collection", _) => Some(v.collection.clone()),
            ("output_ext", _) => Some(".html".to_string()),
            ("year", Some(d)) => Some(format!("{:04}", d.year())),
            ("short_year", Some(d)) => Some(format!("{:02}", d.year() % 100)),
            ("month", Some(d)) => Some(format!("{:02}", d.month())),
            ("i_month", Some(d)) => Some(d.month().to_string()),
            ("day", Some(d)) => Some(format!("{:02}", d.day())),
            ("i_day", Some(d)) => Some(d.day().to_string()),
            ("y_day", Some(d)) => Some(format!("{:03}", d.day_of_year())),
            ("week", Some(d)) => Some(format!("{:02}", d.iso_week_date().week())),
            ("short_day", Some(d)) => Some(d.strftime("%a").to_string()),
            _ => None,
        };
        match value {
            Some(value) => out.push_str(&value),
            None => {
                out.push(':');
                out.push_str(word);
            }
        }
        rest = &after[len..];
    }
    out.push_str(rest);
    let mut tidy = String::with_capacity(out.len() + 1);
    for c in std::iter::once('/').chain(out.chars()) {
        if !(c == '/' && tidy.ends_with('/')) {
            tidy.push(c);
        }
    }
    tidy
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> Values {
        Values {
            categories: String::new(),
            date: Some(jiff::civil::date(2024, 3, 5)),
            title: "first-steps".into(),
            path: "docs".into(),
            basename: "about".into(),
            collection: String::new(),
        }
    }

    #[test]
    fn styles_and_placeholders_fill_in() {
        let v = values();
        assert_eq!(expand(style("date"), &v), "/2024/03/05/first-steps.html");
        assert_eq!(expand(style("pretty"), &v), "/2024/03/05/first-steps/");
        assert_eq!(expand(style("ordinal"), &v), "/2024/065/first-steps.html");
        assert_eq!(expand(style("none"), &v), "/first-steps.html");
        assert_eq!(expand("/:year/:i_month/:title", &v), "/2024/3/first-steps");
        assert_eq!(expand("/:path/:basename/", &v), "/docs/about/");
        assert_eq!(expand("/blog/:unknown/", &v), "/blog/:unknown/");
    }
}

//! The resolution rules, tried in order: refusals, templates (Liquid
//! output, Hugo `ref`), liquid tags, schemes (the site's own address,
//! external, refused), Zola `@/`, `#anchor`, site paths (`/…`), then paths
//! relative to the article (its pretty URL first, then its file, then
//! Hugo's content root).

use std::path::{Path, PathBuf};

use super::path::{is_markdown, join_tidy, percent_decode, split_fragment, upward};
use super::template::{self, Expanded};
use super::{Resolution, Resolver, hugo};
use crate::article::Article;
use crate::article::wikilink::WikiTarget;
use crate::site::generated::Made;
use crate::site::{self, Generator, SiteConfig, tidy_site_path};

/// The names a folder's page may have, in the order they are tried.
const INDEX_NAMES: [&str; 4] = ["index.md", "_index.md", "README.md", "index.html"];

pub(super) fn resolve(r: &mut Resolver, article: &Article, target: &str) -> Resolution {
    let target = target.trim();
    if target.chars().any(char::is_control) {
        return Resolution::refused("the target holds a control character".into());
    }
    if target.is_empty() {
        return Resolution::unresolved("the target is empty".into());
    }
    if let Some(wiki) = WikiTarget::parse(target) {
        return super::wiki::resolve(r, article, &wiki);
    }
    let dir = article.path.parent().unwrap_or(Path::new("")).to_path_buf();
    if template::is_template(target) {
        return expanded(r, article, &dir, target);
    }
    if let Some(liquid) = target.strip_prefix("{%") {
        return liquid_tag(r, &dir, liquid);
    }
    if let Some(scheme) = scheme(target) {
        return with_scheme(r, &dir, target, scheme);
    }
    if let Some(rest) = target.strip_prefix("//") {
        return url(r, &dir, &format!("https://{rest}"));
    }
    if let Some(rest) = target.strip_prefix("@/") {
        return zola(r, &dir, rest);
    }
    if let Some(fragment) = target.strip_prefix('#') {
        return own_anchor(r, article, fragment);
    }
    if target.starts_with('/') {
        return site_path(r, &dir, target);
    }
    let (path, fragment) = split_fragment(target);
    if path.is_empty() {
        return own_anchor(r, article, fragment.as_deref().unwrap_or(""));
    }
    let decoded = percent_decode(path);
    if let Some(found) = by_page_url(r, article, &dir, path, fragment.as_deref()) {
        return found;
    }
    let joined = join_tidy(&dir, Path::new(&decoded));
    match local(&joined) {
        Ok(file) => into_file(r, file, fragment),
        Err(why) => match r.config(&dir) {
            // Hugo's GetPage: what is not beside the page is looked up
            // from the content root.
            Some(config) if config.generator == Generator::Hugo => {
                let lower = r.lowercase(&config.content);
                match hugo::page(&config.content, &decoded, &lower) {
                    Some(file) => into_file(r, file, fragment),
                    None => Resolution::unresolved(why),
                }
            }
            _ => Resolution::unresolved(why),
        },
    }
}

/// A template target read into what the site would make of it.
fn expanded(r: &mut Resolver, article: &Article, dir: &Path, target: &str) -> Resolution {
    let settings = r.config(dir).map(|config| r.settings(&config));
    let site = |key: &str| settings.as_ref().and_then(|s| s.site_value(key));
    match template::expand(target, &site) {
        Expanded::Target(plain) if !template::is_template(&plain) => resolve(r, article, &plain),
        Expanded::Target(plain) => Resolution::template(plain),
        Expanded::Ref { path, fragment } => hugo_ref(r, article, dir, &path, fragment),
        Expanded::Template(written) => Resolution::template(written),
    }
}

/// Hugo's `ref "path#fragment"`: the page by Hugo's lookup; an empty path
/// is the page itself.
fn hugo_ref(
    r: &mut Resolver,
    article: &Article,
    dir: &Path,
    path: &str,
    fragment: Option<String>,
) -> Resolution {
    if path.trim().is_empty() {
        return own_anchor(r, article, fragment.as_deref().unwrap_or(""));
    }
    let content = site_root(r, dir);
    let pages = r.index(&content);
    let lower = r.lowercase(&content);
    match hugo::lookup(&content, dir, &percent_decode(path), &pages, &lower) {
        Ok(file) if file == article.path => {
            own_anchor(r, article, fragment.as_deref().unwrap_or(""))
        }
        Ok(file) => into_file(r, file, fragment),
        Err(why) => Resolution::unresolved(why),
    }
}

/// A relative target on a page with its own URL (a `permalink`, Hugo's
/// `url`) read as a browser reads it, against that URL: `../ubuntu/` from
/// `/docs/installation/other-linux/` is `/docs/installation/ubuntu/`.
/// `None` when the page has no URL of its own or that path leads nowhere.
fn by_page_url(
    r: &mut Resolver,
    article: &Article,
    dir: &Path,
    path: &str,
    fragment: Option<&str>,
) -> Option<Resolution> {
    let config = r.config(dir)?;
    let url = r.page_url(&config.content, &article.path)?;
    let base = if url.is_empty() {
        String::new()
    } else {
        format!("{url}/")
    };
    // The URL names a folder when the permalink ends with `/`; a last name
    // without it is a file, and relative paths start beside it.
    let base = match url.rsplit_once('/') {
        Some((folder, last)) if last.contains('.') => format!("{folder}/"),
        None if url.contains('.') => String::new(),
        _ => base,
    };
    let joined = join_tidy(Path::new("/"), Path::new(&format!("{base}{path}")));
    let mut target = joined.to_string_lossy().into_owned();
    if let Some(fragment) = fragment {
        target.push('#');
        target.push_str(fragment);
    }
    let found = site_path(r, dir, &target);
    (found.kind != super::Kind::Unresolved).then_some(found)
}

/// The body of a file a Hugo `include` names, from `page_dir` (the
/// including page's folder), the content root or the site root; never a
/// file outside the site root.
pub(super) fn included(config: &SiteConfig, page_dir: &Path, written: &str) -> Option<String> {
    let rel = written.trim();
    let bases: Vec<&Path> = if rel.starts_with('/') {
        vec![&config.content, &config.dir]
    } else {
        vec![page_dir, &config.content, &config.dir]
    };
    let root = config.dir.canonicalize().ok()?;
    let rel = Path::new(rel.trim_start_matches('/'));
    bases.iter().find_map(|base| {
        let candidate = base.join(rel).canonicalize().ok()?;
        if !candidate.starts_with(&root) || !candidate.is_file() {
            return None;
        }
        Article::load(&candidate).ok().map(|a| a.body)
    })
}

/// `#fragment` in the article itself: one of its anchors, or the top for `#`.
fn own_anchor(r: &mut Resolver, article: &Article, fragment: &str) -> Resolution {
    let anchor = percent_decode(fragment);
    if anchor.is_empty() {
        return Resolution::place(super::Kind::Anchor, article.path.clone(), None);
    }
    let anchors = r.own_anchors(article);
    let mut found = Resolution::place(super::Kind::Anchor, article.path.clone(), Some(anchor));
    if let Some(anchor) = &found.anchor {
        if !anchors.contains(anchor) {
            found.reason = Some(format!("no heading #{anchor} in this article"));
        }
        found.landing = anchors.landing(anchor).map(str::to_string);
    }
    found
}

/// A file found on disk, with its anchor checked when it is markdown.
fn into_file(r: &mut Resolver, file: PathBuf, fragment: Option<String>) -> Resolution {
    let anchor = fragment.filter(|f| !f.is_empty());
    let mut found = Resolution::place(super::Kind::File, file, anchor);
    if let (Some(anchor), Some(path)) = (&found.anchor, &found.path) {
        if is_markdown(path) {
            match r.file_anchors(path) {
                Some(anchors) if anchors.contains(anchor) => {
                    found.landing = anchors.landing(anchor).map(str::to_string);
                }
                Some(_) => {
                    found.reason = Some(format!("no heading #{anchor} in {}", path.display()));
                }
                None => found.reason = Some(format!("{} cannot be read", path.display())),
            }
        }
    }
    found
}

/// The file a local path names: the file itself, a folder's index page, or
/// the one markdown file named like it without an extension.
fn local(path: &Path) -> Result<PathBuf, String> {
    if path.is_file() {
        return Ok(path.to_path_buf());
    }
    if path.is_dir() {
        return INDEX_NAMES
            .iter()
            .map(|name| path.join(name))
            .find(|p| p.is_file())
            .ok_or_else(|| {
                format!(
                    "{} is a folder without index.md, _index.md, README.md or index.html",
                    path.display()
                )
            });
    }
    if path.extension().is_none() {
        let found: Vec<PathBuf> = ["md", "markdown"]
            .iter()
            .map(|ext| path.with_extension(ext))
            .filter(|p| p.is_file())
            .collect();
        match found.as_slice() {
            [one] => return Ok(one.clone()),
            [a, b, ..] => {
                return Err(format!(
                    "{} names both {} and {}",
                    path.display(),
                    a.display(),
                    b.display()
                ));
            }
            [] => {}
        }
    }
    if path.exists() {
        // A fifo, a device, a socket (or a link to one) is there but is
        // never opened.
        return Err(format!("{} is not a regular file", path.display()));
    }
    Err(format!("no such file: {}", path.display()))
}

/// The scheme of `target` (`https`, `mailto`, ..), lowercased; a single
/// letter is a Windows drive, not a scheme.
fn scheme(target: &str) -> Option<String> {
    let (scheme, _) = target.split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    let valid = first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (valid && scheme.len() > 1).then(|| scheme.to_ascii_lowercase())
}

fn with_scheme(r: &mut Resolver, dir: &Path, target: &str, scheme: String) -> Resolution {
    match scheme.as_str() {
        "http" | "https" => url(r, dir, target),
        "mailto" => Resolution::url(target.to_string()),
        "file" => file_url(r, target),
        other => Resolution::refused(format!("{other}: links are not followed")),
    }
}

/// An `http(s)` URL: into the library when its host is the site's own.
fn url(r: &mut Resolver, dir: &Path, target: &str) -> Resolution {
    let external = Resolution::url(target.to_string());
    let Some((_, rest)) = target.split_once("//") else {
        return external;
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = rest[..end]
        .rsplit_once('@')
        .map_or(&rest[..end], |(_, h)| h);
    let path_and_more = &rest[end..];
    let Some(config) = r.config(dir) else {
        return external;
    };
    let Some(base) = &config.base else {
        return external;
    };
    let (path, _) = split_fragment(path_and_more);
    let path = if path.is_empty() { "/" } else { path };
    let Some(site_rel) = base.site_path(host, path) else {
        return external;
    };
    let fragment = path_and_more.find('#').map(|at| &path_and_more[at..]);
    let local = format!("{site_rel}{}", fragment.unwrap_or(""));
    site_path(r, dir, &local)
}

/// `file:///path` (or `file://localhost/path`) is a local path; a `file:`
/// URL with another host is refused.
fn file_url(r: &mut Resolver, target: &str) -> Resolution {
    let rest = &target["file:".len()..];
    let path = match rest.strip_prefix("//") {
        Some(after) => {
            let end = after.find('/').unwrap_or(after.len());
            let host = &after[..end];
            if !host.is_empty() && !host.eq_ignore_ascii_case("localhost") {
                return Resolution::refused(format!("a file: URL with a host ({host})"));
            }
            &after[end..]
        }
        None => rest,
    };
    let (path, fragment) = split_fragment(path);
    match local(Path::new(&percent_decode(path))) {
        Ok(file) => into_file(r, file, fragment),
        Err(why) => Resolution::unresolved(why),
    }
}

/// Zola's `@/path.md#anchor`, from the site's `content/` or else from the
/// nearest folder above the article where the path exists.
fn zola(r: &mut Resolver, dir: &Path, rest: &str) -> Resolution {
    let (path, fragment) = split_fragment(rest);
    let rel = PathBuf::from(percent_decode(path));
    let mut roots: Vec<PathBuf> = Vec::new();
    let content = r.config(dir).map(|config| config.content.clone());
    let in_site = content.is_some();
    roots.extend(content);
    roots.extend(upward(dir));
    for root in &roots {
        let candidate = join_tidy(root, &rel);
        if candidate.is_file() {
            return into_file(r, candidate, fragment);
        }
    }
    Resolution::unresolved(if in_site {
        format!("no file {} in the site's content folder", rel.display())
    } else {
        format!("no file {} in any folder above this article", rel.display())
    })
}

/// `{% post_url NAME %}` or `{% link path %}`, with an optional `#anchor`
/// after the tag.
fn liquid_tag(r: &mut Resolver, dir: &Path, liquid: &str) -> Resolution {
    let Some((inner, after)) = liquid.split_once("%}") else {
        return Resolution::refused("an unclosed liquid tag".into());
    };
    let mut words = inner.split_whitespace();
    let (tag, name) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    let fragment = after
        .trim()
        .strip_prefix('#')
        .map(percent_decode)
        .filter(|f| !f.is_empty());
    let root = site_root(r, dir);
    match tag {
        "post_url" => {
            let index = r.index(&root);
            let wanted = name.rsplit('/').next().unwrap_or(name);
            let found: Vec<PathBuf> = index
                .iter()
                .filter(|e| {
                    e.path
                        .file_stem()
                        .is_some_and(|s| s.to_string_lossy() == wanted)
                })
                .filter(|e| e.path.to_string_lossy().contains(name))
                .map(|e| e.path.clone())
                .collect();
            match found.as_slice() {
                [one] => into_file(r, one.clone(), fragment),
                [] => Resolution::unresolved(format!("no post {name} in {}", shown_dir(&root))),
                many => Resolution::unresolved(ambiguous(name, many)),
            }
        }
        "link" => {
            let path = join_tidy(&root, Path::new(name));
            match local(&path) {
                Ok(file) => into_file(r, file, fragment),
                Err(why) => Resolution::unresolved(why),
            }
        }
        other => Resolution::refused(format!("the liquid tag {other} is not a link")),
    }
}

/// The folder a site's root-relative paths start from: the config's content
/// folder, else the library; `None` for an article alone outside a site.
fn known_root(r: &mut Resolver, dir: &Path) -> Option<PathBuf> {
    match r.config(dir) {
        Some(config) => Some(config.content.clone()),
        None => r.library.clone(),
    }
}

/// [`known_root`], else the article's own folder.
fn site_root(r: &mut Resolver, dir: &Path) -> PathBuf {
    known_root(r, dir).unwrap_or_else(|| dir.to_path_buf())
}

/// A root-relative path of the site (`/posts/slug/`, `/2022/09/14/x.html`):
/// a file at that path under the site's root (or the nearest folder above
/// the article holding it), else an article whose date and slug it names.
fn site_path(r: &mut Resolver, dir: &Path, target: &str) -> Resolution {
    let (path, fragment) = split_fragment(target);
    let decoded = percent_decode(path);
    let tidy = tidy_site_path(&decoded).to_string();
    let known = known_root(r, dir);
    if tidy.is_empty() && known.is_none() {
        return Resolution::unresolved(
            "the site's root is not known (no site config above this article)".into(),
        );
    }
    let mut roots: Vec<PathBuf> = known.iter().cloned().collect();
    if !tidy.is_empty() {
        // Without a config, the site's root is the nearest folder above the
        // article that holds the path.
        roots.extend(upward(dir));
    }
    for base in &roots {
        if let Ok(file) = local(&join_tidy(base, Path::new(&tidy))) {
            return into_file(r, file, fragment);
        }
    }
    let root = known.unwrap_or_else(|| dir.to_path_buf());
    let index = r.index(&root);
    let looked = site::lookup(&index, &tidy);
    // A page's own permalink wins over what the build makes there; a
    // page found by its slug alone does not (`/tags/lamps/` is the tag's
    // page, not the article `lamps.md`).
    let own = looked
        .iter()
        .any(|e| e.permalink.as_deref() == Some(tidy.as_str()) || e.redirects.contains(&tidy));
    if !own {
        match made(r, dir, &tidy, &index) {
            Some(Made::File(file)) => return into_file(r, file, fragment),
            Some(Made::Page(what)) => return Resolution::generated(what),
            Some(Made::Missing(why)) => return Resolution::unresolved(why),
            None => {}
        }
    }
    let found: Vec<PathBuf> = looked.into_iter().map(|e| e.path.clone()).collect();
    match found.as_slice() {
        [one] => into_file(r, one.clone(), fragment),
        [] => Resolution::unresolved(format!(
            "no article at {} in the site at {}",
            if decoded.is_empty() { "/" } else { &decoded },
            shown_dir(&root)
        )),
        many => Resolution::unresolved(ambiguous(&decoded, many)),
    }
}

/// What the site's build makes at the site path `tidy`: a static file, a
/// taxonomy page, a feed.
fn made(r: &mut Resolver, dir: &Path, tidy: &str, index: &[site::IndexEntry]) -> Option<Made> {
    let config = r.config(dir)?;
    let is_section = |name: &str| config.content.join(name).is_dir();
    let carries = |term: &str| index.iter().any(|e| e.terms.iter().any(|t| t == term));
    config.generated.lookup(tidy, &is_section, &carries)
}

/// A folder as a message names it: the current folder is `.`, not nothing.
fn shown_dir(dir: &Path) -> std::path::Display<'_> {
    if dir.as_os_str().is_empty() {
        Path::new(".").display()
    } else {
        dir.display()
    }
}

fn ambiguous(name: &str, files: &[PathBuf]) -> String {
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    format!("{name} could be any of {}", names.join(", "))
}

//! Files a page pulls in: Hugo's `include "path"` read from the page's
//! folder, then `content/`, then the site root, never from outside the
//! site root, nested eight deep at most, a cycle or a missing file shown
//! as a one-line note. And a picture's source found in the page bundle,
//! `static/` or `content/`.

use std::fs;
use std::path::{Path, PathBuf};

use super::{Pass, meaning};
use crate::article::{decode_cow, front_matter};

/// The most includes nested inside one another.
pub const MAX_INCLUDE_DEPTH: usize = 8;

/// The markdown of the file `name` names, rewritten in turn, or a note
/// saying why it is not there.
pub(super) fn include(p: &mut Pass<'_, '_>, name: &str) -> String {
    let name = name.trim();
    let note = |why: &str| meaning::note(&format!("include \"{name}\": {why}"));
    if name.is_empty() {
        return note("no file named");
    }
    let Some(page_dir) = p.cx.path.parent() else {
        return note("not found");
    };
    let root = p.cx.site.map_or(page_dir, |s| s.dir.as_path());
    let Ok(root) = fs::canonicalize(root) else {
        return note("not found");
    };
    let relative = name.trim_start_matches('/');
    let mut bases: Vec<&Path> = Vec::new();
    if !name.starts_with('/') {
        bases.push(page_dir);
    }
    if let Some(site) = p.cx.site {
        bases.push(&site.content);
        bases.push(&site.dir);
    } else if name.starts_with('/') {
        bases.push(page_dir);
    }
    let mut outside = false;
    let mut found: Option<PathBuf> = None;
    'look: for base in bases {
        for candidate in [base.join(relative), base.join(format!("{relative}.md"))] {
            if escapes(&candidate, base) {
                outside = true;
                continue;
            }
            let Ok(real) = fs::canonicalize(&candidate) else {
                continue;
            };
            if !real.starts_with(&root) {
                outside = true;
                continue;
            }
            if real.is_file() {
                found = Some(real);
                break 'look;
            }
        }
    }
    let Some(file) = found else {
        return note(if outside {
            "outside the site, not read"
        } else {
            "not found"
        });
    };
    if p.includes.is_empty()
        && let Ok(page) = fs::canonicalize(p.cx.path)
        && page == file
    {
        return note("includes itself");
    }
    if p.includes.contains(&file) {
        return note("includes itself through another file");
    }
    if p.includes.len() >= MAX_INCLUDE_DEPTH {
        return note(&format!("nested more than {MAX_INCLUDE_DEPTH} deep"));
    }
    let Ok(bytes) = crate::article::read_file(&file) else {
        return note("not readable");
    };
    let (text, _) = decode_cow(&file, &bytes);
    let (split, _) = front_matter::split(&text);
    p.includes.push(file);
    let out = p.sub(split.body);
    p.includes.pop();
    out
}

/// Whether `path` (under `base`) climbs above `base` by its `..` parts,
/// told without touching the disk.
fn escapes(path: &Path, base: &Path) -> bool {
    use std::path::Component;
    let Ok(rest) = path.strip_prefix(base) else {
        return true;
    };
    let mut depth: usize = 0;
    for part in rest.components() {
        match part {
            Component::ParentDir if depth == 0 => return true,
            Component::ParentDir => depth -= 1,
            Component::Normal(_) => depth += 1,
            _ => {}
        }
    }
    false
}

/// A picture's source: as written when it is a URL, a site path or a
/// file beside the page; else `/src` when the site's `static/` (or
/// `content/`) holds it.
pub(super) fn image_source(p: &Pass<'_, '_>, src: &str) -> String {
    let src = src.trim();
    if src.is_empty() || src.contains("://") || src.starts_with('/') {
        return src.to_string();
    }
    let beside = p.cx.path.parent().map(|d| d.join(src));
    if beside.as_deref().is_some_and(Path::exists) {
        return src.to_string();
    }
    if let Some(site) = p.cx.site {
        for folder in [site.dir.join("static"), site.content.clone()] {
            if folder.join(src).is_file() {
                return format!("/{src}");
            }
        }
    }
    src.to_string()
}

//! Wikilinks resolved as Obsidian resolves them: a note by its file name
//! anywhere in the vault (any case, `.md` optional), the shortest path when
//! names repeat, a path when one is given, front matter `aliases:` as other
//! names; headings by their text, blocks by their `^id`.
//!
//! The vault is the nearest folder above the article holding `.obsidian/`,
//! `.foam/` or `.logseq/`, else the library, else the article's folder.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::path::{is_markdown, upward};
use super::{Kind, Resolution, Resolver};
use crate::article::wikilink::{WikiTarget, block_ids};
use crate::article::{Article, Heading, front_matter};

/// The folders that mark a vault's root.
const MARKERS: [&str; 3] = [".obsidian", ".foam", ".logseq"];

/// The most folders deep a vault is walked.
const MAX_DEPTH: usize = 32;

/// The files of one vault by the names a wikilink may use.
#[derive(Debug, Default)]
pub struct Vault {
    /// The vault's folder.
    pub root: PathBuf,
    /// Notes by lowercase file stem.
    notes: HashMap<String, Vec<PathBuf>>,
    /// Other files by lowercase file name.
    files: HashMap<String, Vec<PathBuf>>,
    /// Notes by lowercase alias.
    aliases: HashMap<String, Vec<PathBuf>>,
}

impl Vault {
    /// Walks `root` (dot names skipped, symlinked folders not followed).
    pub fn build(root: &Path) -> Vault {
        Vault::walk(root, true)
    }

    /// [`Vault::build`] by file names alone: no note is read for its
    /// `aliases:` (a tenth of the time on a 10,000-note vault).
    pub fn by_names(root: &Path) -> Vault {
        Vault::walk(root, false)
    }

    fn walk(root: &Path, aliases: bool) -> Vault {
        let mut vault = Vault {
            root: root.to_path_buf(),
            ..Vault::default()
        };
        let mut all = Vec::new();
        walk(root, &mut all, 0);
        all.sort();
        for path in all {
            let Some(name) = path.file_name().map(|n| n.to_string_lossy().to_lowercase()) else {
                continue;
            };
            if is_markdown(&path) {
                let stem = path
                    .file_stem()
                    .map_or(String::new(), |s| s.to_string_lossy().to_lowercase());
                let named = if aliases {
                    aliases_of(&path)
                } else {
                    Vec::new()
                };
                for alias in named {
                    vault
                        .aliases
                        .entry(alias.to_lowercase())
                        .or_default()
                        .push(path.clone());
                }
                vault.notes.entry(stem).or_default().push(path);
            } else {
                vault.files.entry(name).or_default().push(path);
            }
        }
        vault
    }

    /// The file `name` names: a note (by stem, path or alias) or another
    /// file (by name or path).
    pub fn find(&self, name: &str) -> Result<PathBuf, String> {
        let wanted = name.trim().trim_start_matches("./").trim_start_matches('/');
        let lower = wanted.to_lowercase();
        let note_name = strip_markdown_ext(&lower);
        let (dir, base) = match note_name.rsplit_once('/') {
            Some((dir, base)) => (Some(dir), base),
            None => (None, note_name),
        };
        let mut candidates = None;
        if note_name.len() < lower.len() || !has_other_ext(&lower) {
            candidates = self.notes.get(base);
        }
        if candidates.is_none() {
            let file = lower.rsplit('/').next().unwrap_or(&lower);
            candidates = self.files.get(file).or_else(|| self.notes.get(base));
        }
        if candidates.is_none() && dir.is_none() {
            candidates = self.aliases.get(&lower);
        }
        let Some(candidates) = candidates else {
            return Err(format!(
                "no note or file named {wanted} in {}",
                self.root.display()
            ));
        };
        let within: Vec<&PathBuf> = match dir {
            Some(dir) => candidates
                .iter()
                .filter(|p| in_folder(&self.root, p, dir))
                .collect(),
            None => candidates.iter().collect(),
        };
        within
            .into_iter()
            .min_by_key(|p| (p.components().count(), p.as_os_str().len(), (*p).clone()))
            .cloned()
            .ok_or_else(|| format!("no note {wanted} in {}", self.root.display()))
    }
}

/// `note.md` as `note`; other names as they are.
fn strip_markdown_ext(lower: &str) -> &str {
    lower
        .strip_suffix(".md")
        .or_else(|| lower.strip_suffix(".markdown"))
        .unwrap_or(lower)
}

/// True when the last name of `lower` has an extension that is not a note's.
fn has_other_ext(lower: &str) -> bool {
    let base = lower.rsplit('/').next().unwrap_or(lower);
    base.rsplit_once('.').is_some_and(|(_, ext)| {
        !ext.is_empty() && ext.len() <= 5 && !ext.contains(' ') && ext != "md"
    })
}

/// True when `path` (under `root`) is in a folder whose path ends with `dir`.
fn in_folder(root: &Path, path: &Path, dir: &str) -> bool {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let Some(parent) = rel.parent() else {
        return false;
    };
    let parent = parent.to_string_lossy().to_lowercase().replace('\\', "/");
    parent == dir || parent.ends_with(&format!("/{dir}"))
}

/// Every file under `dir`, skipping dot names.
fn walk(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().as_encoded_bytes().first() == Some(&b'.') {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if depth < MAX_DEPTH {
                walk(&entry.path(), out, depth + 1);
            }
        } else {
            out.push(entry.path());
        }
    }
}

/// A note's front matter `aliases:` (or `alias:`), read only when its
/// front matter names them.
fn aliases_of(path: &Path) -> Vec<String> {
    let Ok(bytes) = crate::article::read_file(path) else {
        return Vec::new();
    };
    let (text, _) = crate::article::decode_cow(path, &bytes);
    front_matter::aliases(&text)
}

/// The vault `dir` belongs to: the nearest folder above holding a vault's
/// marker folder, else `library` when `dir` is inside it, else `dir`.
pub fn vault_root(dir: &Path, library: Option<&Path>) -> PathBuf {
    if let Some(folder) = marked_root(dir) {
        return folder;
    }
    match library {
        Some(library) if dir.starts_with(library) => library.to_path_buf(),
        _ => dir.to_path_buf(),
    }
}

/// The nearest folder above `dir` (or `dir`) holding a vault's marker
/// folder (`.obsidian/`, ..), if any.
pub fn marked_root(dir: &Path) -> Option<PathBuf> {
    upward(dir)
        .into_iter()
        .find(|folder| MARKERS.iter().any(|m| folder.join(m).is_dir()))
}

/// Where the wikilink `wiki`, written in `article`, leads.
pub(super) fn resolve(r: &mut Resolver, article: &Article, wiki: &WikiTarget<'_>) -> Resolution {
    if wiki.name.is_empty() {
        return into_note(r, article.path.clone(), Some(article), wiki);
    }
    let dir = article.path.parent().unwrap_or(Path::new("")).to_path_buf();
    let vault = r.vault(&dir);
    match vault.find(wiki.name) {
        Ok(path) if path == article.path => into_note(r, path, Some(article), wiki),
        Ok(path) => into_note(r, path, None, wiki),
        Err(why) => Resolution::unresolved(why),
    }
}

/// The note at `path`, and the heading or block `wiki` names in it.
fn into_note(
    r: &mut Resolver,
    path: PathBuf,
    loaded: Option<&Article>,
    wiki: &WikiTarget<'_>,
) -> Resolution {
    let mut found = Resolution::place(Kind::Wikilink, path.clone(), None);
    if wiki.headings.is_empty() && wiki.block.is_none() {
        return found;
    }
    if !is_markdown(&path) {
        found.reason = Some(format!("{} is not a note with headings", path.display()));
        return found;
    }
    let Some(targets) = r.note_targets(&path, loaded) else {
        found.reason = Some(format!("{} cannot be read", path.display()));
        return found;
    };
    if let Some(block) = wiki.block {
        if targets.blocks.iter().any(|b| b.eq_ignore_ascii_case(block)) {
            found.anchor = Some(format!("^{block}"));
        } else {
            found.reason = Some(format!("no block ^{block} in {}", path.display()));
        }
        return found;
    }
    match heading_anchor(&targets.headings, &wiki.headings) {
        Some(anchor) => found.anchor = Some(anchor),
        None => {
            found.reason = Some(format!(
                "no heading {} in {}",
                wiki.headings.join(" > "),
                path.display()
            ))
        }
    }
    found
}

/// What a wikilink may name inside one note.
#[derive(Debug, Default)]
pub struct NoteTargets {
    /// Each heading's level, text and anchor, in order.
    pub headings: Vec<(u8, String, String)>,
    /// The block ids.
    pub blocks: Vec<String>,
}

impl NoteTargets {
    /// The headings and block ids of `article`.
    pub fn of(article: &Article) -> NoteTargets {
        NoteTargets {
            headings: article.outline.iter().map(heading_entry).collect(),
            blocks: block_ids(&article.body)
                .into_iter()
                .map(|(id, _)| id.to_string())
                .collect(),
        }
    }
}

fn heading_entry(h: &Heading) -> (u8, String, String) {
    (h.level(), h.text().to_string(), h.anchor().to_string())
}

/// A heading's text as a wikilink matches it: any case, spaces collapsed,
/// the characters a link cannot hold (`#|^:[]%`) left out.
fn heading_key(text: &str) -> String {
    let kept: String = text
        .chars()
        .filter(|c| !matches!(c, '#' | '|' | '^' | ':' | '[' | ']' | '%'))
        .collect();
    kept.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The anchor of the heading `path` names (`Heading`, then `Sub` below it),
/// matching each by text.
fn heading_anchor(headings: &[(u8, String, String)], path: &[&str]) -> Option<String> {
    let mut from = 0;
    let mut within: Option<u8> = None;
    let mut found = None;
    for wanted in path {
        let key = heading_key(wanted);
        let mut hit = None;
        for (i, (level, text, _)) in headings.iter().enumerate().skip(from) {
            if within.is_some_and(|outer| *level <= outer) {
                break;
            }
            if heading_key(text) == key {
                hit = Some(i);
                break;
            }
        }
        let i = hit?;
        within = Some(headings[i].0);
        from = i + 1;
        found = Some(headings[i].2.clone());
    }
    found
}

/// The vaults and notes a resolver has read, by root and by path.
#[derive(Debug, Default)]
pub(super) struct WikiCache {
    roots: HashMap<PathBuf, PathBuf>,
    vaults: HashMap<PathBuf, Arc<Vault>>,
    notes: HashMap<PathBuf, Option<Arc<NoteTargets>>>,
}

impl WikiCache {
    /// Drops what is known of `path`; a file added or removed changes the
    /// names, so the vaults are read again.
    pub(super) fn forget(&mut self, path: &Path) {
        self.notes.remove(path);
        self.vaults.clear();
    }
}

impl Resolver {
    /// The vault `dir` is in, walked once.
    pub fn vault(&mut self, dir: &Path) -> Arc<Vault> {
        let library = self.library.clone();
        let root = self
            .wiki
            .roots
            .entry(dir.to_path_buf())
            .or_insert_with(|| vault_root(dir, library.as_deref()))
            .clone();
        Arc::clone(
            self.wiki
                .vaults
                .entry(root.clone())
                .or_insert_with(|| Arc::new(Vault::build(&root))),
        )
    }

    /// The headings and blocks of the note at `path`, read once.
    fn note_targets(&mut self, path: &Path, loaded: Option<&Article>) -> Option<Arc<NoteTargets>> {
        if let Some(known) = self.wiki.notes.get(path) {
            return known.clone();
        }
        let targets = match loaded {
            Some(article) => Some(Arc::new(NoteTargets::of(article))),
            None => Article::load(path)
                .ok()
                .map(|a| Arc::new(NoteTargets::of(&a))),
        };
        self.wiki.notes.insert(path.to_path_buf(), targets.clone());
        targets
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headings() -> Vec<(u8, String, String)> {
        [
            (1, "Intro", "intro"),
            (2, "Setup", "setup"),
            (1, "Usage", "usage"),
            (2, "Setup", "setup-1"),
            (3, "Deep: part", "deep-part"),
        ]
        .into_iter()
        .map(|(l, t, a)| (l, t.to_string(), a.to_string()))
        .collect()
    }

    #[test]
    fn headings_match_by_text_and_nest() {
        let h = headings();
        assert_eq!(heading_anchor(&h, &["setup"]).as_deref(), Some("setup"));
        assert_eq!(
            heading_anchor(&h, &["Usage", "Setup"]).as_deref(),
            Some("setup-1")
        );
        assert_eq!(
            heading_anchor(&h, &["Usage", "Deep part"]).as_deref(),
            Some("deep-part")
        );
        assert_eq!(heading_anchor(&h, &["Intro", "Deep part"]), None);
        assert_eq!(heading_anchor(&h, &["Nowhere"]), None);
    }
}

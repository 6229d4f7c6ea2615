//! Filtering, sorting and tag counting over a built library: a filter is
//! resolved once to lowercase words and tag ids, then each entry is a cheap test.

use super::{Entry, Filter, Library, Sort, SortKey, TagCount, TagMode};

/// A [`Filter`] turned into what matching needs: lowercase words, tag ids.
struct Resolved {
    words: Vec<String>,
    /// `None` when no tag is selected; else for each selected tag, the ids
    /// of the tags it stands for (itself and its nested `tag/child`s).
    tags: Option<Vec<Vec<usize>>>,
    /// A selected tag no article carries: with all-of, nothing can match.
    unknown_tag: bool,
    mode: TagMode,
    drafts: bool,
}

/// True when `entry` carries one of the tags `ids`.
fn has_any(entry: &Entry, ids: &[usize]) -> bool {
    ids.iter().any(|id| entry.tag_ids.binary_search(id).is_ok())
}

impl Library {
    fn resolve(&self, filter: &Filter) -> Resolved {
        let words = filter
            .text
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let mut unknown_tag = false;
        let tags = if filter.tags.is_empty() {
            None
        } else {
            let mut groups = Vec::with_capacity(filter.tags.len());
            for tag in &filter.tags {
                let group = self.tag_family(tag.trim());
                if group.is_empty() {
                    unknown_tag = true;
                } else {
                    groups.push(group);
                }
            }
            groups.sort_unstable();
            groups.dedup();
            Some(groups)
        };
        Resolved {
            words,
            tags,
            unknown_tag,
            mode: filter.mode,
            drafts: filter.drafts,
        }
    }

    /// True when `entry` passes every part of `r` but the tags.
    fn passes_others(entry: &Entry, r: &Resolved) -> bool {
        (r.drafts || !entry.meta.draft) && entry.matches_words(&r.words)
    }

    fn passes_tags(entry: &Entry, r: &Resolved) -> bool {
        let Some(wanted) = &r.tags else {
            return true;
        };
        match r.mode {
            TagMode::All => !r.unknown_tag && wanted.iter().all(|group| has_any(entry, group)),
            TagMode::Any => wanted.iter().any(|group| has_any(entry, group)),
        }
    }

    /// The ids of `tag` and of the tags nested under it (`tag/child`).
    fn tag_family(&self, tag: &str) -> Vec<usize> {
        let key = tag.to_lowercase();
        let prefix = format!("{key}/");
        self.tags
            .iter()
            .enumerate()
            .filter(|(_, t)| t.key == key || t.key.starts_with(&prefix))
            .map(|(id, _)| id)
            .collect()
    }

    /// Indices into [`Library::entries`] of the articles `filter` lets
    /// through, in `sort` order.
    pub fn select(&self, filter: &Filter, sort: Sort) -> Vec<usize> {
        let r = self.resolve(filter);
        let mut rows: Vec<usize> = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| Self::passes_others(e, &r) && Self::passes_tags(e, &r))
            .map(|(i, _)| i)
            .collect();
        self.sort_indices(&mut rows, sort);
        rows
    }

    /// Indices into [`Library::failures`] that `filter` lets through: failed
    /// files have no tags, so any tag filter hides them; the text filter
    /// matches their path.
    pub fn select_failures(&self, filter: &Filter) -> Vec<usize> {
        if !filter.tags.is_empty() {
            return Vec::new();
        }
        let r = self.resolve(filter);
        self.failures
            .iter()
            .enumerate()
            .filter(|(_, f)| f.matches_words(&r.words))
            .map(|(i, _)| i)
            .collect()
    }

    /// Orders indices into [`Library::entries`] by `sort`; ties by path.
    /// The entries are in path order, so a tie by path is a tie by index:
    /// no path is compared, and with no two rows equal an unstable sort
    /// gives the same order without a scratch copy.
    pub fn sort_indices(&self, rows: &mut [usize], sort: Sort) {
        use std::cmp::Ordering;
        let e = &self.entries;
        let dir = |o: Ordering| if sort.reverse { o.reverse() } else { o };
        rows.sort_unstable_by(|&a, &b| {
            let (x, y) = (&e[a], &e[b]);
            let primary = match sort.key {
                // Undated last in both directions: "no date" is not a date.
                SortKey::Date => match (&x.meta.date, &y.meta.date) {
                    (Some(dx), Some(dy)) => dir(dy.cmp(dx)),
                    (Some(_), None) => Ordering::Less,
                    (None, Some(_)) => Ordering::Greater,
                    (None, None) => Ordering::Equal,
                },
                SortKey::Title => dir(x.title_key.cmp(&y.title_key)),
                SortKey::Path => dir(a.cmp(&b)),
                SortKey::ReadingTime => dir(x.words.cmp(&y.words)),
                SortKey::LastOpened | SortKey::LinksIn => Ordering::Equal,
            };
            primary.then(a.cmp(&b))
        });
    }

    /// Every tag with its count over the articles that pass the filter's text
    /// and draft parts (not its tags): what a tag picker shows, so a count
    /// says how many rows choosing that tag would leave. Most used first,
    /// ties by name; tags with no such article are kept with count 0.
    pub fn tag_counts(&self, filter: &Filter) -> Vec<TagCount> {
        let r = self.resolve(filter);
        let mut counts = vec![0usize; self.tags.len()];
        for entry in self.entries.iter().filter(|e| Self::passes_others(e, &r)) {
            for &id in &entry.tag_ids {
                counts[id] += 1;
            }
        }
        let mut out: Vec<TagCount> = self
            .tags
            .iter()
            .enumerate()
            .map(|(id, t)| TagCount {
                id,
                name: t.name.clone(),
                count: counts[id],
            })
            .collect();
        // Tags are already ordered by name within equal totals; a stable sort
        // by count keeps that for ties.
        out.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| self.tags[a.id].key.cmp(&self.tags[b.id].key))
        });
        out
    }
}

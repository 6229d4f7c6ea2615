//! Stored links that may lead elsewhere after a refresh although the files
//! holding them did not change: ones that name a note by name, lead nowhere
//! or to a file gone, once notes came or went; and ones into a section of a
//! file that changed (a heading renamed, added or given an id), resolved
//! again against the headings it has now.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rusqlite::{TransactionBehavior, params};

use super::{IndexError, LinkIndex, place};
use crate::article::Article;
use crate::article::wikilink::WikiTarget;
use crate::library::path_string;
use crate::links::Resolver;

/// A stored link: its row, the file holding it, what it says, and the
/// place it was found to lead to.
type Row = (i64, String, String, Option<String>, Option<String>);

impl LinkIndex {
    /// Resolves again the stored links of files not read in this refresh
    /// that name a note by name, lead nowhere, or lead to a file gone.
    pub(super) fn resolve_again(
        &mut self,
        root: &Path,
        key: &str,
        read: &[(PathBuf, i64, i64)],
        gone: &HashSet<String>,
        resolver: &mut Resolver,
    ) -> Result<(), IndexError> {
        let read: HashSet<String> = read.iter().map(|(rel, _, _)| path_string(rel)).collect();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let rows: Vec<Row> = {
            let mut stmt = tx.prepare(
                "SELECT e.rowid, f.path, e.target, e.to_path, e.to_anchor FROM link_edge e
                 JOIN link_file f ON f.id = e.file
                 WHERE f.root = ?1 AND (e.to_path IS NULL OR e.target LIKE '%[[%')",
            )?;
            let found = stmt.query_map([key], row)?;
            found.collect::<Result<_, _>>()?
        };
        let rows = rows.into_iter().filter(|(_, path, target, to_path, _)| {
            if read.contains(path) {
                return false;
            }
            let to_gone = to_path.as_ref().is_some_and(|p| gone.contains(p));
            to_path.is_none() || to_gone || WikiTarget::parse(target).is_some()
        });
        update(&tx, root, rows, resolver)?;
        tx.commit()?;
        Ok(())
    }

    /// Resolves again the stored links of files not read in this refresh
    /// into a section or block of a file that was: its headings may have
    /// changed under them.
    pub(super) fn resolve_into(
        &mut self,
        root: &Path,
        key: &str,
        read: &[(PathBuf, i64, i64)],
        resolver: &mut Resolver,
    ) -> Result<(), IndexError> {
        let read: HashSet<String> = read.iter().map(|(rel, _, _)| path_string(rel)).collect();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut rows: Vec<Row> = Vec::new();
        {
            let mut stmt = tx.prepare(
                "SELECT e.rowid, f.path, e.target, e.to_path, e.to_anchor FROM link_edge e
                 JOIN link_file f ON f.id = e.file
                 WHERE e.to_path = ?2 AND f.root = ?1 AND e.target LIKE '%#%'",
            )?;
            for path in &read {
                for found in stmt.query_map(params![key, path], row)? {
                    let found = found?;
                    if !read.contains(&found.1) {
                        rows.push(found);
                    }
                }
            }
        }
        update(&tx, root, rows.into_iter(), resolver)?;
        tx.commit()?;
        Ok(())
    }
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
}

/// Resolves each row's link again from its file, writing where it leads
/// when that changed.
fn update(
    conn: &rusqlite::Connection,
    root: &Path,
    rows: impl Iterator<Item = Row>,
    resolver: &mut Resolver,
) -> Result<(), IndexError> {
    let mut stubs: HashMap<String, Article> = HashMap::new();
    let mut stmt =
        conn.prepare("UPDATE link_edge SET to_path = ?2, to_anchor = ?3 WHERE rowid = ?1")?;
    for (rowid, path, target, to_path, to_anchor) in rows {
        let stub = stubs
            .entry(path.clone())
            .or_insert_with(|| Article::from_bytes(&root.join(&path), b""));
        let found = resolver.resolve(stub, &target);
        let now = place(root, &found);
        if now != (to_path, to_anchor) {
            stmt.execute(params![rowid, now.0, now.1])?;
        }
    }
    Ok(())
}

//! Reading positions, progress and read marks, one row per article keyed by
//! its canonical path.

use std::collections::{HashMap, HashSet};

use rusqlite::{OptionalExtension, TransactionBehavior, params};

use super::{Store, StoreError, now};

/// Where a reader was in an article, kept so that it survives a resize and
/// edits above the place: the section and the distance into it first, the
/// exact top line for the width it was measured at second.
#[derive(Debug, Clone, PartialEq)]
pub struct Position {
    /// The anchor of the heading the top line is in; `None` before the first.
    pub anchor: Option<String>,
    /// How far into that section the top line is, 0.0 to 1.0.
    pub fraction: f64,
    /// The top line, exact for `width`.
    pub top_line: u32,
    /// The text width `top_line` was measured at.
    pub width: u16,
}

/// What a stretch of reading saves.
#[derive(Debug, Clone, PartialEq)]
pub struct Visit {
    /// Where the reader is now.
    pub position: Position,
    /// How far down the article the bottom of the screen is, 0.0 to 1.0.
    pub progress: f64,
    /// True once the article's last line has been on screen: it is read.
    pub reached_end: bool,
}

/// What is known of one article.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReadingState {
    /// The last saved place, if any.
    pub position: Option<Position>,
    /// The furthest point reached, 0.0 to 1.0.
    pub progress: f64,
    /// Read (its end was on screen, or marked by hand).
    pub read: bool,
    /// When it was last opened, seconds since the epoch.
    pub last_opened: Option<i64>,
}

impl ReadingState {
    /// Progress as a whole percent, 0 to 100 (100 when read).
    pub fn percent(&self) -> u8 {
        if self.read {
            return 100;
        }
        (self.progress.clamp(0.0, 1.0) * 100.0).floor() as u8
    }

    /// Neither read nor started.
    pub fn is_unread(&self) -> bool {
        !self.read && self.percent() == 0
    }

    /// Started but not read.
    pub fn in_progress(&self) -> bool {
        !self.read && self.percent() > 0
    }
}

fn state_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<ReadingState> {
    let width: u32 = row.get("width")?;
    let position = if width == 0 {
        None
    } else {
        Some(Position {
            anchor: row.get("anchor")?,
            fraction: row.get("fraction")?,
            top_line: row.get("top_line")?,
            width: u16::try_from(width).unwrap_or(u16::MAX),
        })
    };
    Ok(ReadingState {
        position,
        progress: row.get("progress")?,
        read: row.get("read")?,
        last_opened: row.get("last_opened")?,
    })
}

impl Store {
    /// What is known of the article at `path` (a canonical path); the
    /// default (unread, no place) when nothing is.
    pub fn reading_state(&self, path: &str) -> Result<ReadingState, StoreError> {
        let state = self
            .conn
            .query_row(
                "SELECT * FROM positions WHERE path = ?1",
                [path],
                state_from_row,
            )
            .optional()?;
        Ok(state.unwrap_or_default())
    }

    /// The saved place in the article at `path`, if any.
    pub fn position(&self, path: &str) -> Result<Option<Position>, StoreError> {
        Ok(self.reading_state(path)?.position)
    }

    /// Saves a stretch of reading: the place, the furthest progress (never
    /// lowered), read once the end was seen (never unset here), and the time.
    pub fn save_position(&mut self, path: &str, visit: &Visit) -> Result<(), StoreError> {
        let p = &visit.position;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO positions (path, anchor, fraction, top_line, width, progress, read, last_opened)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT(path) DO UPDATE SET
                anchor = excluded.anchor,
                fraction = excluded.fraction,
                top_line = excluded.top_line,
                width = excluded.width,
                progress = max(progress, excluded.progress),
                read = read OR excluded.read,
                last_opened = excluded.last_opened",
            params![
                path,
                p.anchor,
                p.fraction.clamp(0.0, 1.0),
                p.top_line,
                p.width,
                visit.progress.clamp(0.0, 1.0),
                visit.reached_end,
                now()
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Notes that the article at `path` was opened now.
    pub fn mark_opened(&mut self, path: &str) -> Result<(), StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO positions (path, last_opened) VALUES (?1, ?2)
             ON CONFLICT(path) DO UPDATE SET last_opened = excluded.last_opened",
            params![path, now()],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Marks the article at `path` read or unread by hand. Unread also
    /// forgets the progress, so the article shows as not started; the
    /// place is kept.
    pub fn mark_read(&mut self, path: &str, read: bool) -> Result<(), StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        if read {
            tx.execute(
                "INSERT INTO positions (path, read) VALUES (?1, 1)
                 ON CONFLICT(path) DO UPDATE SET read = 1",
                [path],
            )?;
        } else {
            tx.execute(
                "UPDATE positions SET read = 0, progress = 0 WHERE path = ?1",
                [path],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The states of those of `paths` that have one; the rest are unread.
    /// Reads every saved row once (only opened articles have one), so it
    /// costs the same for ten paths or a hundred thousand.
    pub fn reading_states<I, S>(
        &self,
        paths: I,
    ) -> Result<HashMap<String, ReadingState>, StoreError>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let wanted: HashSet<String> = paths.into_iter().map(Into::into).collect();
        let mut stmt = self.conn.prepare("SELECT * FROM positions")?;
        let mut rows = stmt.query([])?;
        let mut out = HashMap::new();
        while let Some(row) = rows.next()? {
            let path: String = row.get("path")?;
            if wanted.contains(&path) {
                out.insert(path, state_from_row(row)?);
            }
        }
        Ok(out)
    }

    /// The states of every article under the folder `root` (a canonical
    /// path), keyed by canonical path: what a library listing needs without
    /// naming each of its files.
    pub fn reading_states_under(
        &self,
        root: &str,
    ) -> Result<HashMap<String, ReadingState>, StoreError> {
        let prefix = format!("{}/", root.trim_end_matches('/'));
        let mut stmt = self
            .conn
            .prepare("SELECT * FROM positions WHERE substr(path, 1, length(?1)) = ?1")?;
        let mut rows = stmt.query([&prefix])?;
        let mut out = HashMap::new();
        while let Some(row) = rows.next()? {
            out.insert(row.get("path")?, state_from_row(row)?);
        }
        Ok(out)
    }
}

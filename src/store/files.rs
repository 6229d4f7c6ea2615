//! The files a derived table of the store (the search index, the link index)
//! holds for a library folder, with what tells whether each changed.

use std::collections::HashMap;

use rusqlite::Connection;

/// A file's row in a derived table: its id, size and change stamp.
pub type KnownFile = (i64, i64, i64);

/// The files `table` (`search_file` or `link_file`: columns `path`, `id`,
/// `size`, `mtime`, `root`) holds for the folder keyed `root`, by path.
pub fn known_files(
    conn: &Connection,
    table: &'static str,
    root: &str,
) -> rusqlite::Result<HashMap<String, KnownFile>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT path, id, size, mtime FROM {table} WHERE root = ?1"
    ))?;
    let rows = stmt.query_map([root], |r| {
        Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?, r.get(3)?)))
    })?;
    rows.collect()
}

//! The store's schema: forward migrations in order, one per version.
//!
//! `MIGRATIONS[i]` takes a store at version `i` to version `i + 1`
//! (`PRAGMA user_version`). A new table is one more entry at the end; an
//! entry already shipped is never edited, since stores in the wild have run it.

use rusqlite::{Connection, TransactionBehavior};

use super::StoreError;

/// Each entry is SQL that moves the schema one version forward.
pub const MIGRATIONS: &[&str] = &[
    // 1: reading positions, progress and read marks, by canonical path.
    "CREATE TABLE positions (
        path        TEXT PRIMARY KEY NOT NULL,
        anchor      TEXT,
        fraction    REAL NOT NULL DEFAULT 0,
        top_line    INTEGER NOT NULL DEFAULT 0,
        width       INTEGER NOT NULL DEFAULT 0,
        progress    REAL NOT NULL DEFAULT 0,
        read        INTEGER NOT NULL DEFAULT 0,
        last_opened INTEGER
    );",
    // 2: the library cache: one row per article file, keyed by the library's
    // canonical folder and the path inside it, valid for one size and mtime.
    "CREATE TABLE library_files (
        root     TEXT NOT NULL,
        rel      TEXT NOT NULL,
        size     INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        row      TEXT NOT NULL,
        PRIMARY KEY (root, rel)
    ) WITHOUT ROWID;",
    // 3: the full-text index of sections (src/search/index.rs): files by
    // library folder and path with size and mtime, their lowercase tags,
    // their sections, and a contentless FTS5 table sharing the sections'
    // rowids, ranked title 10, heading 5, body 1, tags 3.
    "CREATE TABLE search_file (
            id INTEGER PRIMARY KEY,
            root TEXT NOT NULL,
            path TEXT NOT NULL,
            size INTEGER NOT NULL,
            mtime INTEGER NOT NULL,
            title TEXT NOT NULL,
            UNIQUE (root, path)
        );
        CREATE TABLE search_tag (
            file INTEGER NOT NULL,
            tag TEXT NOT NULL
        );
        CREATE INDEX search_tag_file ON search_tag (file);
        CREATE TABLE search_section (
            id INTEGER PRIMARY KEY,
            file INTEGER NOT NULL,
            anchor TEXT NOT NULL,
            breadcrumb TEXT NOT NULL,
            line INTEGER NOT NULL
        );
        CREATE INDEX search_section_file ON search_section (file);
        CREATE VIRTUAL TABLE search_fts USING fts5 (
            title, heading, body, tags,
            content = '', contentless_delete = 1,
            tokenize = 'unicode61 remove_diacritics 2'
        );
        INSERT INTO search_fts (search_fts, rank) VALUES ('rank', 'bm25(10.0, 5.0, 1.0, 3.0)');",
    // 4: the link index (src/links/backlinks.rs): files by library folder
    // and path with size and mtime, and each link of each file with where
    // it leads (a path inside the folder, or NULL when unresolved or
    // outside it, and the anchor or ^block).
    "CREATE TABLE link_file (
            id INTEGER PRIMARY KEY,
            root TEXT NOT NULL,
            path TEXT NOT NULL,
            size INTEGER NOT NULL,
            mtime INTEGER NOT NULL,
            UNIQUE (root, path)
        );
        CREATE TABLE link_edge (
            file INTEGER NOT NULL,
            line INTEGER NOT NULL,
            text TEXT NOT NULL,
            target TEXT NOT NULL,
            to_path TEXT,
            to_anchor TEXT
        );
        CREATE INDEX link_edge_file ON link_edge (file);
        CREATE INDEX link_edge_to ON link_edge (to_path);",
    // 5: the remote cache (src/store/remote.rs): each fetched address's body
    // with what revalidates it.
    "CREATE TABLE remote_cache (
        url           TEXT PRIMARY KEY NOT NULL,
        final_url     TEXT NOT NULL,
        etag          TEXT,
        last_modified TEXT,
        content_type  TEXT,
        checked       INTEGER NOT NULL,
        body          BLOB NOT NULL
    );",
    // 6: the full-text index again, with words stemmed (porter over
    // unicode61: `parameters` finds `parameter`) and a column for the terms
    // of definition lists, ranked like headings: title 10, heading 5,
    // terms 5, body 1, tags 3. The old rows are dropped, so the next search
    // indexes every file again.
    "DROP TABLE search_fts;
        DELETE FROM search_section;
        DELETE FROM search_tag;
        DELETE FROM search_file;
        CREATE VIRTUAL TABLE search_fts USING fts5 (
            title, heading, terms, body, tags,
            content = '', contentless_delete = 1,
            tokenize = 'porter unicode61 remove_diacritics 2'
        );
        INSERT INTO search_fts (search_fts, rank) VALUES ('rank', 'bm25(10.0, 5.0, 5.0, 1.0, 3.0)');",
    // 7: the background each terminal (TERM, TERM_PROGRAM, COLORTERM)
    // answered last: `dark`, `light` or `none` (it did not answer).
    "CREATE TABLE terminal_background (
        terminal    TEXT PRIMARY KEY NOT NULL,
        background  TEXT NOT NULL,
        seen        INTEGER NOT NULL
    );",
    // 8: the full-text index again, given words already cut, folded and
    // stemmed by quire as porter over unicode61 would (src/search/words.rs),
    // so its tokenizer only splits them: the one writer of a first index
    // spent a fifth of its time stemming. The old rows are dropped, so the
    // next search indexes every file again.
    "DROP TABLE search_fts;
        DELETE FROM search_section;
        DELETE FROM search_tag;
        DELETE FROM search_file;
        CREATE VIRTUAL TABLE search_fts USING fts5 (
            title, heading, terms, body, tags,
            content = '', contentless_delete = 1,
            tokenize = 'unicode61 remove_diacritics 2'
        );
        INSERT INTO search_fts (search_fts, rank) VALUES ('rank', 'bm25(10.0, 5.0, 5.0, 1.0, 3.0)');",
    // 9: the library cache's rows are dropped: they were read before a
    // Jekyll site's folders counted (a file under `_drafts` is a draft, a
    // post without a title is titled by its slug), and a file that did
    // not change would keep its old row for ever.
    "DELETE FROM library_files;",
    // 10: the full-text index again, beside a table of its words' starts
    // (src/search/starts.rs): the same text with each ASCII word cut to its
    // first two letters, rows sharing their rowid with `search_section`, so
    // that a query of one or two letters matches a few terms there instead
    // of thousands. `search_file.started` says a file's rows are in it (an
    // index on the files not yet in it keeps asking cheap). The old rows are
    // dropped, so the next search indexes every file again.
    "DROP TABLE search_fts;
        DELETE FROM search_section;
        DELETE FROM search_tag;
        DELETE FROM search_file;
        CREATE VIRTUAL TABLE search_fts USING fts5 (
            title, heading, terms, body, tags,
            content = '', contentless_delete = 1,
            tokenize = 'unicode61 remove_diacritics 2'
        );
        INSERT INTO search_fts (search_fts, rank) VALUES ('rank', 'bm25(10.0, 5.0, 5.0, 1.0, 3.0)');
        CREATE VIRTUAL TABLE search_start USING fts5 (
            title, heading, terms, body, tags,
            content = '', contentless_delete = 1,
            tokenize = 'unicode61 remove_diacritics 2'
        );
        INSERT INTO search_start (search_start, rank) VALUES ('rank', 'bm25(10.0, 5.0, 5.0, 1.0, 3.0)');
        ALTER TABLE search_file ADD COLUMN started INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX search_file_unstarted ON search_file (id) WHERE started = 0;",
    // 11: the library cache's rows by date (an index on the date inside
    // each row's JSON, no column of its own: rows already cached are
    // indexed as they are) and by path as the library orders paths (a
    // separator below any other character: `a/z.md` before `a-b.md`), so
    // that a library reads the first rows of its order first, the first
    // screen's rows, without decoding the rest; and each library's count
    // of cached files, kept as they are written, so that its header counts
    // them before they are read (counting the rows reads them all).
    "CREATE INDEX library_files_date ON library_files (root, json_extract(row, '$.date') DESC);
        CREATE INDEX library_files_path ON library_files (root, replace(rel, '/', char(1)));
        CREATE TABLE library_roots (
            root  TEXT PRIMARY KEY NOT NULL,
            files INTEGER NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO library_roots SELECT root, count(*) FROM library_files GROUP BY root;",
];

/// The version a store has once every migration ran.
pub fn latest() -> u32 {
    MIGRATIONS.len() as u32
}

/// The store's current schema version.
pub fn version(conn: &Connection) -> Result<u32, StoreError> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Brings the schema to [`latest`], each missing step in one transaction
/// that also re-reads the version, so two processes starting at once run
/// each migration once. A store newer than this build is refused.
pub fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    if version(conn)? == latest() {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let current = version(&tx)?;
    if current > latest() {
        return Err(StoreError::TooNew {
            found: current,
            known: latest(),
        });
    }
    for sql in &MIGRATIONS[current as usize..] {
        tx.execute_batch(sql)?;
    }
    tx.pragma_update(None, "user_version", latest())?;
    tx.commit()?;
    Ok(())
}

/// Runs the migrations up to `target` only: for tests that build a store as
/// an older quire left it.
pub fn migrate_to(conn: &mut Connection, target: u32) -> Result<(), StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let current = version(&tx)?;
    for sql in &MIGRATIONS[current as usize..target as usize] {
        tx.execute_batch(sql)?;
    }
    tx.pragma_update(None, "user_version", target)?;
    tx.commit()?;
    Ok(())
}

//! quire's memory: one SQLite file at `$XDG_STATE_HOME/quire/quire.db` with
//! reading positions, read marks and the library cache. No terminal types.
//!
//! A [`Store`] owns its connection and is `Send`, so a background job can
//! take it, do one piece of work and hand it back. Faults never stop quire:
//! [`open_state`] gives `None` and a warning when the store cannot be used,
//! and moves a corrupt file aside before starting a new one.

mod cache;
mod files;
mod position;
mod remote;
pub mod schema;
mod terminal;

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::{Connection, ErrorCode, OpenFlags};

pub use cache::{CachedFile, CachedRow};
pub use files::{KnownFile, known_files};
pub use position::{Position, ReadingState, Visit};
pub use remote::CachedPage;
pub use terminal::{Answer, last_answer, terminal_key};

/// How long a write waits for another quire's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(2);

/// How long an index's write waits for another quire's batch.
const INDEX_BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Why the store could not be used.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite said no.
    #[error("{0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The folder or file could not be made or moved.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file is read-only.
    #[error("the store is read-only")]
    ReadOnly,
    /// A newer quire wrote this store.
    #[error("the store has schema version {found}, this quire knows up to {known}")]
    TooNew {
        /// The store's version.
        found: u32,
        /// The newest this build knows.
        known: u32,
    },
    /// A row could not be decoded.
    #[error("a cached row could not be read: {0}")]
    Row(#[from] serde_json::Error),
}

impl StoreError {
    /// True when the file is damaged (not a database, or failed its check),
    /// as opposed to locked, read-only or missing.
    pub fn is_corrupt(&self) -> bool {
        match self {
            StoreError::Sqlite(e) => matches!(
                e.sqlite_error_code(),
                Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt)
            ),
            _ => false,
        }
    }
}

/// The open store.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// True when `--no-state` was given or `QUIRE_NO_STATE` is set to anything
/// but empty or `0`.
pub fn disabled(flag: bool) -> bool {
    flag || std::env::var_os("QUIRE_NO_STATE").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Where the store lives: `$XDG_STATE_HOME/quire/quire.db`, else
/// `~/.local/state/quire/quire.db`; `None` when neither can be told.
pub fn default_path() -> Option<PathBuf> {
    let base = match std::env::var_os("XDG_STATE_HOME") {
        // The spec says a relative value is invalid and is ignored.
        Some(dir) if Path::new(&dir).is_absolute() => PathBuf::from(dir),
        _ => PathBuf::from(std::env::var_os("HOME")?).join(".local/state"),
    };
    Some(base.join("quire").join("quire.db"))
}

/// Opens the store for a run: `None` when `no_state` (or `QUIRE_NO_STATE`)
/// asks for none, or when it cannot be used. The warnings are for stderr.
pub fn open_state(no_state: bool) -> (Option<Store>, Vec<String>) {
    if disabled(no_state) {
        return (None, Vec::new());
    }
    let Some(path) = default_path() else {
        return (
            None,
            vec!["no HOME or XDG_STATE_HOME: running without memory".to_string()],
        );
    };
    Store::open_or_warn(&path)
}

impl Store {
    /// Opens (creating folders and file) the store at `path`, bringing its
    /// schema up to date. A corrupt file is moved aside as
    /// `quire.db.corrupt-<unix time>` and a new one started; that is
    /// reported in the warnings. Any other fault gives `None` and one warning.
    pub fn open_or_warn(path: &Path) -> (Option<Store>, Vec<String>) {
        Store::open_or_warn_with(path, true)
    }

    /// Like [`Store::open_or_warn`]; with `check` false the integrity check
    /// is left for [`Store::check`] (a file that is not a database is still
    /// found and moved aside), so a start can read its first rows without
    /// reading the whole file first.
    pub fn open_or_warn_with(path: &Path, check: bool) -> (Option<Store>, Vec<String>) {
        let open = |path: &Path| {
            if check {
                Store::open(path)
            } else {
                Store::open_unchecked(path)
            }
        };
        let mut warnings = Vec::new();
        match open(path) {
            Ok(store) => return (Some(store), warnings),
            Err(e) if e.is_corrupt() => match move_aside(path) {
                Ok(aside) => warnings.push(format!(
                    "{}: {e}; moved aside to {} and started a new one",
                    path.display(),
                    aside.display()
                )),
                Err(e) => {
                    warnings.push(format!("{e}: running without memory"));
                    return (None, warnings);
                }
            },
            Err(e) => {
                warnings.push(format!("{}: {e}: running without memory", path.display()));
                return (None, warnings);
            }
        }
        match open(path) {
            Ok(store) => (Some(store), warnings),
            Err(e) => {
                warnings.push(format!("{}: {e}: running without memory", path.display()));
                (None, warnings)
            }
        }
    }

    /// Opens the store at `path` and checks it: WAL, a busy timeout, the
    /// schema migrated, `PRAGMA quick_check` of its tables (not the search
    /// index's) passed.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let mut conn = connect(path)?;
        check(&conn)?;
        migrate(&mut conn)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// Opens the store at `path` like [`Store::open`] but without the
    /// integrity check, which reads the whole file (unless the schema needs
    /// a migration): run [`Store::check`] before writing.
    pub fn open_unchecked(path: &Path) -> Result<Store, StoreError> {
        let mut conn = connect(path)?;
        if schema::version(&conn)? != schema::latest() {
            // A migration writes: never into a damaged file.
            check(&conn)?;
        }
        migrate(&mut conn)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// `PRAGMA quick_check`: an error that [`StoreError::is_corrupt`] when
    /// the file is damaged.
    pub fn check(&self) -> Result<(), StoreError> {
        check(&self.conn)
    }

    /// Gives up the store for its connection: the search index owns one of
    /// its own, so a background job can hold it.
    pub fn into_connection(self) -> Connection {
        self.conn
    }

    /// Gives up the store for an index's connection (search, links), whose
    /// writes wait longer for another quire's: a writer of the same index
    /// is indexing the same files, and its batches (longer than the store's
    /// usual wait on a loaded machine) are worth waiting for.
    pub fn into_index_connection(self) -> Connection {
        if let Err(e) = self.conn.busy_timeout(INDEX_BUSY_TIMEOUT) {
            eprintln!("quire: warning: an index keeps the store's wait ({e})");
        }
        self.conn
    }

    /// The file this store lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open store.
    pub fn version(&self) -> Result<u32, StoreError> {
        schema::version(&self.conn)
    }
}

/// A connection to the store at `path` (folders made): WAL, a busy
/// timeout. A file that is not a database fails here.
fn connect(path: &Path) -> Result<Connection, StoreError> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    if conn.is_readonly("main")? {
        return Err(StoreError::ReadOnly);
    }
    // The first read of the file: a file that is not a database fails here.
    let mode = wal_mode(&conn)?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::ReadOnly);
    }
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(conn)
}

/// Turns the file to WAL (a no-op once it is), returning the journal mode.
/// Several quires turning a new file at once lock each other out in a way
/// SQLite's busy wait does not cover (each holds a read lock while asking
/// for the write lock), so "locked" is retried here, as long as a write
/// would wait.
fn wal_mode(conn: &Connection) -> Result<String, StoreError> {
    let start = std::time::Instant::now();
    let mut pause = Duration::from_millis(1);
    loop {
        match conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get::<_, String>(0)) {
            Err(e)
                if e.sqlite_error_code() == Some(ErrorCode::DatabaseBusy)
                    && start.elapsed() < BUSY_TIMEOUT =>
            {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(50));
            }
            answer => return Ok(answer?),
        }
    }
}

/// Brings the schema up to date, waiting for another quire's writes as an
/// index's write does: two quires started at once on a new store both see
/// it unmigrated, and the second's migration waits for the first's, which
/// goes straight on to index a batch (longer than the store's usual wait
/// on a loaded machine). The wait is on a job's thread or a command's,
/// never the UI's; the usual wait is back once the schema is up to date.
fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    conn.busy_timeout(INDEX_BUSY_TIMEOUT)?;
    let migrated = schema::migrate(conn);
    conn.busy_timeout(BUSY_TIMEOUT)?;
    migrated
}

/// `PRAGMA quick_check` of each of the store's tables but the search
/// index's and the link index's: checking those would run FTS5's own check,
/// which reads every posting (a second for 10,000 articles, at every
/// start), or read every link (70 ms for a vault of 10,000 notes at every
/// `quire backlinks`), for data that is rebuilt from the articles anyway.
fn check(conn: &Connection) -> Result<(), StoreError> {
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table'
             AND name NOT LIKE 'search\\_%' ESCAPE '\\' AND name NOT LIKE 'link\\_%' ESCAPE '\\'
             AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for table in tables {
        let check: String = conn.query_row(
            "SELECT quick_check FROM pragma_quick_check(?1)",
            [&table],
            |r| r.get(0),
        )?;
        if check != "ok" {
            return Err(StoreError::Sqlite(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
                Some(check),
            )));
        }
    }
    Ok(())
}

/// Renames a damaged store (and its WAL and shared-memory files) to
/// `<name>.corrupt-<unix time>` (`-2`, `-3`, .. after it when that is
/// taken: a backup is never overwritten), returning the new name.
fn move_aside(path: &Path) -> Result<PathBuf, StoreError> {
    let io = |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    let stamp = now();
    let mut n = 1u32;
    let aside = loop {
        let mut name = path.as_os_str().to_owned();
        name.push(format!(".corrupt-{stamp}"));
        if n > 1 {
            name.push(format!("-{n}"));
        }
        let aside = PathBuf::from(name);
        // A hard link never replaces what is there; rename would.
        match std::fs::hard_link(path, &aside) {
            Ok(()) => {
                std::fs::remove_file(path).map_err(io)?;
                break aside;
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 10_000 => n += 1,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Err(io(e)),
            // A file system without hard links: rename to a name not taken.
            Err(_) if std::fs::symlink_metadata(&aside).is_ok() => n += 1,
            Err(_) => {
                std::fs::rename(path, &aside).map_err(io)?;
                break aside;
            }
        }
    };
    for suffix in ["-wal", "-shm"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        let side = PathBuf::from(side);
        if side.exists() {
            let mut to = aside.as_os_str().to_owned();
            to.push(suffix);
            // A stale side file would be read with the new store: move it
            // or, failing that, remove it.
            if std::fs::rename(&side, PathBuf::from(to)).is_err() {
                let _ = std::fs::remove_file(&side);
            }
        }
    }
    Ok(aside)
}

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// `secs` since the epoch as RFC 3339 in UTC (`2026-11-30T18:28:05Z`).
pub fn rfc3339(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Howard Hinnant's days-to-civil.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests;

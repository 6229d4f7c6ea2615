//! Store unit tests: schema versions, positions and read marks, the library
//! cache, and the faults (corrupt, read-only, locked).
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use rusqlite::Connection;

use super::*;
use crate::article::peek;
use crate::library::Known;

fn temp() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state/quire/quire.db");
    (dir, path)
}

fn visit(anchor: &str, fraction: f64, progress: f64, end: bool) -> Visit {
    Visit {
        position: Position {
            anchor: Some(anchor.to_string()),
            fraction,
            top_line: 42,
            width: 80,
        },
        progress,
        reached_end: end,
    }
}

#[test]
fn open_creates_folders_in_wal_at_the_latest_version() {
    let (_dir, path) = temp();
    let store = Store::open(&path).unwrap();
    assert!(path.is_file());
    assert_eq!(store.version().unwrap(), schema::latest());
    let mode: String = store
        .conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn many_quires_opening_a_new_store_at_once_all_open_it() {
    // Turning a new file to WAL takes its lock in a way SQLite's busy wait
    // skips; one of eight starting at once was told "database is locked".
    for round in 0..12 {
        let (_dir, path) = temp();
        let start = std::sync::Barrier::new(8);
        std::thread::scope(|s| {
            let opens: Vec<_> = (0..8)
                .map(|_| {
                    s.spawn(|| {
                        start.wait();
                        Store::open(&path).map(|_| ())
                    })
                })
                .collect();
            for open in opens {
                let opened = open.join().unwrap();
                assert!(opened.is_ok(), "round {round}: {opened:?}");
            }
        });
    }
}

#[test]
fn migrates_from_every_earlier_version_keeping_data() {
    for start in 0..schema::latest() {
        let (_dir, path) = temp();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        {
            let mut conn = Connection::open(&path).unwrap();
            schema::migrate_to(&mut conn, start).unwrap();
            if start >= 1 {
                conn.execute(
                    "INSERT INTO positions (path, progress, read) VALUES ('/a.md', 0.5, 0)",
                    [],
                )
                .unwrap();
            }
        }
        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.version().unwrap(), schema::latest(), "from {start}");
        if start >= 1 {
            let state = store.reading_state("/a.md").unwrap();
            assert_eq!(state.progress, 0.5, "data kept from version {start}");
        }
        // Every table of the latest schema works.
        store
            .save_position("/b.md", &visit("x", 0.1, 0.2, false))
            .unwrap();
        store
            .save_library("/lib", &[], &[PathBuf::from("gone.md")])
            .unwrap();
        assert!(store.load_library("/lib").unwrap().is_empty());
    }
}

#[test]
fn a_store_from_a_newer_quire_is_refused_not_touched() {
    let (_dir, path) = temp();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", schema::latest() + 1)
            .unwrap();
    }
    let (store, warnings) = Store::open_or_warn(&path);
    assert!(store.is_none());
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("newer") || warnings[0].contains("knows up to"));
    let conn = Connection::open(&path).unwrap();
    let v: u32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, schema::latest() + 1);
}

#[test]
fn position_round_trips_and_progress_only_grows() {
    let (_dir, path) = temp();
    let mut store = Store::open(&path).unwrap();
    assert_eq!(
        store.reading_state("/a.md").unwrap(),
        ReadingState::default()
    );
    store
        .save_position("/a.md", &visit("intro", 0.25, 0.6, false))
        .unwrap();
    store
        .save_position("/a.md", &visit("setup", 0.5, 0.3, false))
        .unwrap();
    let state = store.reading_state("/a.md").unwrap();
    let pos = state.position.clone().unwrap();
    assert_eq!(pos.anchor.as_deref(), Some("setup"));
    assert_eq!(pos.fraction, 0.5);
    assert_eq!((pos.top_line, pos.width), (42, 80));
    assert_eq!(state.progress, 0.6, "furthest point kept");
    assert!(!state.read);
    assert!(state.in_progress());
    assert_eq!(state.percent(), 60);
    assert!(state.last_opened.is_some());
    assert_eq!(store.position("/a.md").unwrap(), Some(pos));
}

#[test]
fn read_once_the_end_was_seen_and_by_hand() {
    let (_dir, path) = temp();
    let mut store = Store::open(&path).unwrap();
    store
        .save_position("/a.md", &visit("end", 1.0, 1.0, true))
        .unwrap();
    // Scrolling back up later does not unread it.
    store
        .save_position("/a.md", &visit("top", 0.0, 0.1, false))
        .unwrap();
    let state = store.reading_state("/a.md").unwrap();
    assert!(state.read);
    assert_eq!(state.percent(), 100);
    store.mark_read("/a.md", false).unwrap();
    let state = store.reading_state("/a.md").unwrap();
    assert!(!state.read && state.is_unread(), "{state:?}");
    assert!(state.position.is_some(), "the place is kept");
    // By hand on an article never opened.
    store.mark_read("/b.md", true).unwrap();
    let state = store.reading_state("/b.md").unwrap();
    assert!(state.read && state.position.is_none() && state.last_opened.is_none());
    // Unread by hand on an article never opened leaves nothing behind.
    store.mark_read("/c.md", false).unwrap();
    assert_eq!(
        store.reading_state("/c.md").unwrap(),
        ReadingState::default()
    );
}

#[test]
fn reading_states_returns_only_the_paths_asked_for() {
    let (_dir, path) = temp();
    let mut store = Store::open(&path).unwrap();
    store
        .save_position("/a.md", &visit("x", 0.0, 0.5, false))
        .unwrap();
    store.mark_read("/b.md", true).unwrap();
    store.mark_opened("/c.md").unwrap();
    let states = store.reading_states(["/a.md", "/b.md", "/d.md"]).unwrap();
    assert_eq!(states.len(), 2);
    assert_eq!(states["/a.md"].percent(), 50);
    assert!(states["/b.md"].read);
    let c = store.reading_state("/c.md").unwrap();
    assert!(c.is_unread() && c.last_opened.is_some());
}

#[test]
fn library_cache_round_trips_replaces_and_removes() {
    let (_dir, path) = temp();
    let mut store = Store::open(&path).unwrap();
    let text =
        b"---\ntitle: One\ndate: 2024-02-03\ntags: [a, B]\ndraft: true\n---\nsome words here\n";
    let p = peek(std::path::Path::new("/lib/x/one.md"), text);
    let known = Known {
        size: 77,
        mtime_ns: 1234,
        peek: p.clone(),
    };
    store
        .save_library("/lib", &[(PathBuf::from("x/one.md"), known)], &[])
        .unwrap();
    let cache = store.load_library("/lib").unwrap();
    let got = &cache[&PathBuf::from("x/one.md")];
    assert_eq!((got.size, got.mtime_ns), (77, 1234));
    assert_eq!(got.peek.meta, p.meta);
    assert_eq!(got.peek.words, p.words);
    assert!(store.load_library("/other").unwrap().is_empty());
    store
        .save_library("/lib", &[], &[PathBuf::from("x/one.md")])
        .unwrap();
    assert!(store.load_library("/lib").unwrap().is_empty());
}

#[test]
fn a_file_that_is_not_a_database_is_moved_aside_and_replaced() {
    let (_dir, path) = temp();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, vec![b'x'; 8192]).unwrap();
    let (store, warnings) = Store::open_or_warn(&path);
    let store = store.expect("a new store");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("corrupt-"), "{warnings:?}");
    assert_eq!(store.version().unwrap(), schema::latest());
    let aside: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("quire.db.corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
}

#[test]
fn a_damaged_page_fails_the_check_and_is_moved_aside() {
    let (_dir, path) = temp();
    {
        let mut store = Store::open(&path).unwrap();
        for i in 0..200 {
            store
                .mark_read(&format!("/some/long/path/article-{i:04}.md"), true)
                .unwrap();
        }
        store
            .conn
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
    }
    // Scribble over the middle of the file, keeping the header valid.
    let mut bytes = std::fs::read(&path).unwrap();
    assert!(bytes.len() > 8192, "{}", bytes.len());
    for b in &mut bytes[4096..8192] {
        *b = 0x5a;
    }
    std::fs::write(&path, bytes).unwrap();
    let (store, warnings) = Store::open_or_warn(&path);
    assert!(store.is_some());
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("moved aside"), "{warnings:?}");
}

#[cfg(unix)]
#[test]
fn a_read_only_store_warns_once_and_runs_without_memory() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, path) = temp();
    drop(Store::open(&path).unwrap());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let folder = path.parent().unwrap();
    std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    let (store, warnings) = Store::open_or_warn(&path);
    std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    if is_root() {
        // Root writes through file modes: the store simply works.
        assert!(store.is_some() && warnings.is_empty(), "{warnings:?}");
        return;
    }
    assert!(store.is_none());
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(path.is_file(), "a read-only store is never moved aside");
}

#[cfg(unix)]
#[test]
fn an_unreadable_store_warns_once_and_is_left_alone() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, path) = temp();
    drop(Store::open(&path).unwrap());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    let (store, warnings) = Store::open_or_warn(&path);
    if is_root() {
        assert!(store.is_some() && warnings.is_empty(), "{warnings:?}");
        return;
    }
    assert!(store.is_none());
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(!warnings[0].contains("moved aside"), "{warnings:?}");
}

#[test]
fn a_store_path_that_cannot_be_opened_warns_once_and_is_left_alone() {
    let (_dir, path) = temp();
    std::fs::create_dir_all(&path).unwrap();
    let (store, warnings) = Store::open_or_warn(&path);
    assert!(store.is_none());
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(path.is_dir(), "left where it was");
}

#[cfg(unix)]
fn is_root() -> bool {
    std::fs::metadata("/proc/self")
        .map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0)
        .unwrap_or(false)
}

#[test]
fn a_store_locked_too_long_is_a_fault_not_a_hang() {
    let (_dir, path) = temp();
    drop(Store::open(&path).unwrap());
    let holder = Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE;").unwrap();
    let mut store = Store::open(&path);
    // Opening may succeed (WAL readers are not blocked) but a write waits
    // for the busy timeout, then fails.
    if let Ok(store) = store.as_mut() {
        let err = store.mark_read("/a.md", true).unwrap_err();
        assert!(err.to_string().contains("locked"), "{err}");
    }
    holder.execute_batch("COMMIT;").unwrap();
}

#[test]
fn two_connections_writing_at_once_lose_nothing() {
    let (_dir, path) = temp();
    drop(Store::open(&path).unwrap());
    let threads: Vec<_> = (0..2)
        .map(|t| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&path).unwrap();
                for i in 0..100 {
                    store
                        .save_position(&format!("/t{t}/{i}.md"), &visit("x", 0.5, 0.5, false))
                        .unwrap();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let store = Store::open(&path).unwrap();
    let paths: Vec<String> = (0..2)
        .flat_map(|t| (0..100).map(move |i| format!("/t{t}/{i}.md")))
        .collect();
    assert_eq!(store.reading_states(paths).unwrap().len(), 200);
}

#[test]
fn rfc3339_formats_utc() {
    assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
    assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
    assert_eq!(rfc3339(1_796_063_285), "2026-11-30T18:28:05Z");
}

#[test]
fn no_state_flag_or_env_disables() {
    assert!(disabled(true));
}

#[test]
fn reading_states_under_a_folder_leave_out_its_namesakes() {
    let (_dir, path) = temp();
    let mut store = Store::open(&path).unwrap();
    store.mark_read("/lib/a.md", true).unwrap();
    store.mark_read("/lib/sub/b.md", true).unwrap();
    store.mark_read("/library/c.md", true).unwrap();
    let mut keys: Vec<String> = store
        .reading_states_under("/lib")
        .unwrap()
        .into_keys()
        .collect();
    keys.sort();
    assert_eq!(keys, ["/lib/a.md", "/lib/sub/b.md"]);
}

#[test]
fn the_cache_reads_back_in_pages_last_path_first_and_stops_when_asked() {
    let (_dir, path) = temp();
    let mut store = Store::open(&path).unwrap();
    let text = b"---\ntitle: T\n---\nwords\n";
    let rows: Vec<(PathBuf, Known)> = (0..10)
        .map(|i| {
            let rel = PathBuf::from(format!("p{i}.md"));
            let known = Known {
                size: 10 + i,
                mtime_ns: 5,
                peek: peek(&rel, text),
            };
            (rel, known)
        })
        .collect();
    store.save_library("/lib", &rows, &[]).unwrap();
    let mut pages: Vec<Vec<String>> = Vec::new();
    // Titles only: the first page by last path, as the rest.
    let by_title = crate::library::Sort {
        key: crate::library::SortKey::Title,
        reverse: false,
    };
    store
        .read_library("/lib", by_title, 3, 4, |files| {
            pages.push(files.iter().map(|f| f.rel.display().to_string()).collect());
            true
        })
        .unwrap();
    assert_eq!(
        pages,
        [
            vec!["p9.md", "p8.md", "p7.md"],
            vec!["p6.md", "p5.md", "p4.md", "p3.md"],
            vec!["p2.md", "p1.md", "p0.md"],
        ]
    );
    let mut calls = 0;
    store
        .read_library("/lib", by_title, 3, 4, |_| {
            calls += 1;
            false
        })
        .unwrap();
    assert_eq!(calls, 1, "stops after the first page");
}

#[test]
fn an_unchecked_open_reads_and_a_later_check_finds_the_damage() {
    let (_dir, path) = temp();
    {
        let mut store = Store::open(&path).unwrap();
        for i in 0..200 {
            store
                .mark_read(&format!("/some/long/path/article-{i:04}.md"), true)
                .unwrap();
        }
        store
            .conn
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
    }
    let mut bytes = std::fs::read(&path).unwrap();
    for b in &mut bytes[4096..8192] {
        *b = 0x5a;
    }
    std::fs::write(&path, bytes).unwrap();
    let store = Store::open_unchecked(&path).expect("the header is fine");
    let err = store.check().unwrap_err();
    assert!(err.is_corrupt(), "{err}");
    drop(store);
    let (store, warnings) = Store::open_or_warn_with(&path, false);
    assert!(store.is_some());
    assert!(warnings.is_empty(), "no check yet: {warnings:?}");
}

#[test]
fn a_store_moved_aside_twice_in_one_second_keeps_both_copies() {
    let (_dir, path) = temp();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut seen = Vec::new();
    for fill in [b'x', b'y', b'z'] {
        std::fs::write(&path, vec![fill; 8192]).unwrap();
        let (store, warnings) = Store::open_or_warn(&path);
        assert!(store.is_some(), "{warnings:?}");
        drop(store);
        seen.push(fill);
        // The one just made is a good store: damage it again for the next round.
        std::fs::remove_file(&path).unwrap();
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
    }
    let mut kept: Vec<u8> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with("quire.db.corrupt-")
                && !name.ends_with("-wal")
                && !name.ends_with("-shm")
        })
        .map(|p| std::fs::read(p).unwrap()[0])
        .collect();
    kept.sort_unstable();
    assert_eq!(kept, seen, "every damaged copy is kept");
}

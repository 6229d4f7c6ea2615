//! The store shared by real processes: two writers at once lose nothing (and two link indexes refreshing at once both finish), and
//! a writer killed with SIGKILL mid-write leaves a store that reopens clean.
//! The writers are this test binary run again with a role in the environment.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use quire::store::{Position, Store, Visit};

const ROLE: &str = "QUIRE_TEST_WRITER";

fn visit(i: u32) -> Visit {
    Visit {
        position: Position {
            anchor: Some(format!("section-{i}")),
            fraction: 0.5,
            top_line: i,
            width: 80,
        },
        progress: 0.5,
        reached_end: false,
    }
}

/// Not a test on its own: the body of a writer process. Without the role in
/// the environment it returns at once.
#[test]
fn writer() {
    let Ok(role) = std::env::var(ROLE) else {
        return;
    };
    let mut parts = role.splitn(3, '|');
    let (db, prefix, count) = (
        parts.next().unwrap(),
        parts.next().unwrap(),
        parts.next().unwrap(),
    );
    let count: u32 = count.parse().unwrap();
    let mut store = Store::open(Path::new(db)).unwrap();
    let mut i = 0;
    while count == 0 || i < count {
        store
            .save_position(&format!("/{prefix}/{i}.md"), &visit(i))
            .unwrap();
        i += 1;
    }
}

fn spawn_writer(db: &Path, prefix: &str, count: u32) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "store_process::writer",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(ROLE, format!("{}|{prefix}|{count}", db.display()))
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

fn keys(prefix: &str, count: u32) -> Vec<String> {
    (0..count).map(|i| format!("/{prefix}/{i}.md")).collect()
}

fn db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("quire/quire.db");
    drop(Store::open(&path).unwrap());
    (dir, path)
}

#[test]
fn two_processes_writing_at_once_both_keep_every_write() {
    let (_dir, path) = db();
    let mut a = spawn_writer(&path, "a", 300);
    let mut b = spawn_writer(&path, "b", 300);
    assert!(a.wait().unwrap().success());
    assert!(b.wait().unwrap().success());
    let store = Store::open(&path).unwrap();
    assert_eq!(store.reading_states(keys("a", 300)).unwrap().len(), 300);
    assert_eq!(store.reading_states(keys("b", 300)).unwrap().len(), 300);
}

#[test]
fn a_writer_killed_mid_write_leaves_a_store_that_reopens_clean() {
    let (_dir, path) = db();
    let mut child = spawn_writer(&path, "k", 0);
    // Wait (with a generous deadline, not a fixed sleep) until it is writing.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let written = Store::open(&path)
            .unwrap()
            .reading_states(keys("k", 200))
            .unwrap()
            .len();
        if written >= 50 {
            break;
        }
        assert!(Instant::now() < deadline, "the writer never wrote");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL on unix
    child.wait().unwrap();
    let (store, warnings) = Store::open_or_warn(&path);
    assert!(warnings.is_empty(), "{warnings:?}");
    let mut store = store.unwrap();
    let states = store.reading_states(keys("k", 50)).unwrap();
    assert_eq!(states.len(), 50, "committed writes survive");
    assert_eq!(states["/k/7.md"].position.as_ref().unwrap().top_line, 7);
    store.save_position("/after.md", &visit(1)).unwrap();
    assert!(store.position("/after.md").unwrap().is_some());
}

/// Two link indexes brought up to date at once in one store (two `quire
/// backlinks` at the same time): each waits for the other's writes instead
/// of failing with "database is locked".
#[test]
fn two_link_indexes_refreshing_at_once_both_finish() {
    use quire::library::ScanOptions;
    use quire::links::backlinks::LinkIndex;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("state.db");
    let roots: Vec<PathBuf> = (0..2)
        .map(|v| {
            let root = dir.path().join(format!("vault{v}"));
            std::fs::create_dir_all(root.join(".obsidian")).unwrap();
            for i in 0..120 {
                let text = format!(
                    "# Note {i}\n\nSee [[Note {}]] and [[Gone {i}]].\n",
                    (i + 1) % 120
                );
                std::fs::write(root.join(format!("Note {i}.md")), text).unwrap();
            }
            root
        })
        .collect();
    LinkIndex::open(&db).unwrap();
    for round in 0..3 {
        let start = std::sync::Arc::new(std::sync::Barrier::new(2));
        let handles: Vec<_> = roots
            .iter()
            .cloned()
            .map(|root| {
                let (db, start) = (db.clone(), std::sync::Arc::clone(&start));
                std::thread::spawn(move || {
                    let mut index = LinkIndex::open(&db)?;
                    start.wait();
                    // A file changed each round: a write every time.
                    std::fs::write(
                        root.join(format!("Note {round}.md")),
                        "# Changed\n\n[[Note 7]]\n",
                    )
                    .unwrap();
                    index.refresh(&root, &ScanOptions::default()).map(|_| ())
                })
            })
            .collect();
        for handle in handles {
            handle.join().unwrap().unwrap();
        }
    }
}

//! The store shared by the TUI's background jobs: opened on first use by
//! whichever job needs it, checked at its first write, its warnings kept
//! for the screen.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::store::{Store, StoreError};

/// The store, opened on first use by whichever job needs it first, shared
/// by the jobs (never locked on the UI thread while the screen is up).
#[derive(Debug, Clone)]
pub struct StoreHandle(Arc<Mutex<Slot>>);

#[derive(Debug)]
struct Slot {
    path: PathBuf,
    store: Option<Store>,
    tried: bool,
    /// True once the store passed its integrity check (or was replaced).
    checked: bool,
    warnings: Vec<String>,
}

impl StoreHandle {
    /// A handle on the store at `path`, not opened yet.
    pub fn at(path: &Path) -> StoreHandle {
        StoreHandle(Arc::new(Mutex::new(Slot {
            path: path.to_path_buf(),
            store: None,
            tried: false,
            checked: false,
            warnings: Vec::new(),
        })))
    }

    /// Runs `f` on the store, opening and checking it first if no one has;
    /// `None` when the store cannot be used (the reason joins the warnings).
    pub fn with<R>(&self, f: impl FnOnce(&mut Store) -> Result<R, StoreError>) -> Option<R> {
        self.access(true, f)
    }

    /// Like [`StoreHandle::with`] for a read that may run before the
    /// integrity check, which reads the whole file: the library's first rows
    /// show without waiting for it. The next [`StoreHandle::with`] checks,
    /// and moves a damaged file aside then.
    pub fn read_unchecked<R>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<R, StoreError>,
    ) -> Option<R> {
        self.access(false, f)
    }

    fn access<R>(
        &self,
        check: bool,
        f: impl FnOnce(&mut Store) -> Result<R, StoreError>,
    ) -> Option<R> {
        let mut slot = self.0.lock().ok()?;
        if !slot.tried {
            slot.tried = true;
            slot.checked = check;
            let (store, warnings) = Store::open_or_warn_with(&slot.path, check);
            slot.store = store;
            slot.warnings.extend(warnings);
        }
        if check && !slot.checked {
            slot.checked = true;
            slot.check();
        }
        let result = f(slot.store.as_mut()?);
        match result {
            Ok(r) => Some(r),
            Err(e) => {
                slot.warnings.push(format!("quire's memory: {e}"));
                None
            }
        }
    }

    /// True when no one has opened the store yet and its file is not there:
    /// it holds nothing yet (a first start). False when unsure (the store
    /// is being opened).
    pub fn is_new(&self) -> bool {
        self.0
            .try_lock()
            .is_ok_and(|slot| !slot.tried && !slot.path.exists())
    }

    /// What went wrong with the store so far (for stderr once the screen is gone).
    pub fn take_warnings(&self) -> Vec<String> {
        self.0
            .lock()
            .map(|mut slot| std::mem::take(&mut slot.warnings))
            .unwrap_or_default()
    }
}

impl Slot {
    /// The check an unchecked open left: a damaged file is closed, moved
    /// aside and replaced by a new store, as opening it checked would have.
    fn check(&mut self) {
        let Some(store) = &self.store else { return };
        match store.check() {
            Ok(()) => {}
            Err(e) if e.is_corrupt() => {
                self.store = None;
                let (store, warnings) = Store::open_or_warn(&self.path);
                self.store = store;
                self.warnings.extend(warnings);
            }
            Err(e) => self.warnings.push(format!("quire's memory: {e}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_store_is_new_until_its_file_is_made() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("state/quire.db");
        let handle = StoreHandle::at(&path);
        assert!(handle.is_new());
        assert_eq!(handle.with(|_| Ok(1)), Some(1));
        assert!(!handle.is_new(), "opened");
        assert!(!StoreHandle::at(&path).is_new(), "its file is there");
    }
}

//! What is known of an article's pictures before they are decoded: each
//! one's size in pixels, read from its file's header when the layout first
//! meets it, and kept for the layouts of the same article at other widths.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// A picture as its header tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PictureSize {
    /// Its size in pixels: it will be decoded and drawn.
    Pixels(u32, u32),
    /// It will not be drawn (damaged, not an image, too large to decode):
    /// only its one-line note shows.
    Unshown,
}

/// How a size is asked for: the target as the article writes it to what
/// its header says, or `None` when that cannot be told (not found).
type Probe = dyn Fn(&str) -> Option<PictureSize> + Send + Sync;

/// The sizes of one article's pictures: asked once each, shared by every
/// copy of the article (the reader's and its jobs'). Without a way to ask
/// (the default), no size is known.
#[derive(Clone, Default)]
pub struct PictureSizes {
    probe: Option<Arc<Probe>>,
    known: Arc<Mutex<HashMap<String, Option<PictureSize>>>>,
}

impl std::fmt::Debug for PictureSizes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PictureSizes")
            .field("probing", &self.probe.is_some())
            .finish()
    }
}

impl PictureSizes {
    /// Sizes asked of `probe`, each target once.
    pub fn new(probe: impl Fn(&str) -> Option<PictureSize> + Send + Sync + 'static) -> Self {
        PictureSizes {
            probe: Some(Arc::new(probe)),
            known: Arc::default(),
        }
    }

    /// True when sizes can be asked for.
    pub fn probing(&self) -> bool {
        self.probe.is_some()
    }

    /// What the header of the picture `target` says, read the first time
    /// it is asked for; `None` when it cannot be told.
    pub fn size(&self, target: &str) -> Option<PictureSize> {
        let probe = self.probe.as_ref()?;
        let mut known = self.known.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(size) = known.get(target) {
            return *size;
        }
        let size = probe(target);
        known.insert(target.to_string(), size);
        size
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn each_target_is_asked_once_and_shared_by_copies() {
        let asked = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&asked);
        let sizes = PictureSizes::new(move |target| {
            counter.fetch_add(1, Ordering::SeqCst);
            match target {
                "a.png" => Some(PictureSize::Pixels(64, 32)),
                "bad.png" => Some(PictureSize::Unshown),
                _ => None,
            }
        });
        let copy = sizes.clone();
        assert_eq!(sizes.size("a.png"), Some(PictureSize::Pixels(64, 32)));
        assert_eq!(copy.size("a.png"), Some(PictureSize::Pixels(64, 32)));
        assert_eq!(copy.size("bad.png"), Some(PictureSize::Unshown));
        assert_eq!(sizes.size("gone.png"), None);
        assert_eq!(sizes.size("gone.png"), None);
        assert_eq!(asked.load(Ordering::SeqCst), 3);
        assert!(sizes.probing());
        assert!(!PictureSizes::default().probing());
        assert_eq!(PictureSizes::default().size("a.png"), None);
    }
}

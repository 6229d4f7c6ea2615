//! `w`: long code lines wrapped under a `↪` mark, or cut with a `→` again.
//! A layout option like the width: toggling lays the article out again
//! (on a background job for a big article, as a resize does).

use super::{BACKGROUND_LAYOUT_BYTES, ReaderScreen, lay_out};
use crate::layout::Document;

impl ReaderScreen {
    /// True when `doc` was laid out for the text column as it is now: its
    /// width, and code wrapped or cut as asked.
    pub fn fits(&self, doc: &Document) -> bool {
        doc.width == self.geometry.text.width.max(1) && doc.wrap_code == self.config.wrap_code
    }

    /// Wraps long code lines, or cuts them again, keeping the same text on
    /// the top line.
    pub fn toggle_code_wrap(&mut self) {
        self.config.wrap_code = !self.config.wrap_code;
        let width = self.geometry.text.width.max(1);
        match self.previous.take() {
            Some(doc) if self.fits(&doc) => self.install_layout(doc),
            previous if self.article.body.len() > BACKGROUND_LAYOUT_BYTES => {
                self.previous = previous;
                self.jobs.wanted = Some(width);
            }
            _ => {
                let doc = lay_out(&self.config, &self.article, width);
                self.install_layout(doc);
            }
        }
        self.message = Some(if self.config.wrap_code {
            "long code lines wrap at ↪ (w cuts them)".into()
        } else {
            "long code lines are cut at → (w wraps them)".into()
        });
    }
}

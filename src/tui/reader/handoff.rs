//! What the reader hands to the outside: the article to an editor at the
//! line on top of the screen, a section link or a code block to the
//! clipboard. Each becomes an [`Effect`] for the event loop.

use crate::article::code_blocks;
use crate::tui::action::Effect;

use super::ReaderScreen;

/// How much of a copied text the status line repeats.
const SHOWN: usize = 40;

impl ReaderScreen {
    /// The 1-based line of the file that the top line of the screen was laid
    /// out from.
    pub fn top_file_line(&self) -> usize {
        let source = self.doc.line(self.top).map_or(0, |l| l.source());
        let body = &self.article.body;
        let upto = body.get(..source.min(body.len())).unwrap_or(body);
        self.article
            .file_line(upto.bytes().filter(|&b| b == b'\n').count())
    }

    /// Opens the article in the editor at the top line, when it has a file.
    pub fn edit(&mut self) -> Option<Effect> {
        if !self.article.path.is_file() {
            self.message = Some("this article has no file to edit".into());
            return None;
        }
        Some(Effect::Edit {
            path: self.article.path.clone(),
            line: self.top_file_line(),
        })
    }

    /// The current section as `path#anchor` (the path alone before the
    /// first heading), for the clipboard.
    pub fn copy_section_link(&mut self) -> Effect {
        let path = self.article.path.display().to_string();
        let link = match self
            .current_section()
            .and_then(|i| self.article.outline.get(i))
        {
            Some(h) => format!("{path}#{}", h.anchor()),
            None => path,
        };
        self.message = Some(format!("copied {}", shorten(&link)));
        Effect::Copy(link)
    }

    /// The code block at or below the top line (else the last above), for
    /// the clipboard.
    pub fn copy_code(&mut self) -> Option<Effect> {
        let top = self.doc.line(self.top).map_or(0, |l| l.source());
        let blocks = code_blocks::code_blocks(&self.article.body);
        let Some(block) = code_blocks::nearest(&blocks, top) else {
            self.message = Some("this article has no code block".into());
            return None;
        };
        let lines = block.text.lines().count();
        self.message = Some(format!(
            "copied a code block of {lines} line{}",
            if lines == 1 { "" } else { "s" }
        ));
        Some(Effect::Copy(block.text.clone()))
    }
}

/// `text` cut in the middle to fit the status line.
fn shorten(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= SHOWN {
        return text.to_string();
    }
    let half = SHOWN / 2;
    let head: String = chars[..half].iter().collect();
    let tail: String = chars[chars.len() - half..].iter().collect();
    format!("{head}…{tail}")
}

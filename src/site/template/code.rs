//! Code in a page: a fenced block's lines and inline spans written as they
//! are, but for Liquid `raw` markers and Hugo's escaped shortcodes, which
//! show as the shortcodes they stand for.

use super::Pass;
use super::scan::unescape_code;

impl Pass<'_, '_> {
    /// A line of a fenced code block: Liquid `raw` markers dropped and
    /// escaped shortcodes shown as the shortcodes they stand for.
    pub(super) fn code_line(&mut self, line: &str) {
        if !line.contains('{') {
            self.out.push_str(line);
            return;
        }
        let shown = unescape_code(line);
        if shown.trim().is_empty() && !line.trim().is_empty() {
            self.touched = true;
            return;
        }
        self.out.push_str(&shown);
    }

    /// An inline code span, written as it is but for Hugo's escapes.
    pub(super) fn code_span(&mut self, span: &str) {
        if span.contains('{') {
            let shown = unescape_code(span);
            self.out.push_str(&shown);
        } else {
            self.out.push_str(span);
        }
    }

    /// `text` shown as inline code.
    pub(super) fn push_code_span(&mut self, text: &str) {
        let ticks = if text.contains('`') { "`` " } else { "`" };
        self.out.push_str(ticks);
        self.out.push_str(text);
        self.out.push_str(&ticks.chars().rev().collect::<String>());
    }
}

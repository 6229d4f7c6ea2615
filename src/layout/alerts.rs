//! GitHub alerts (`> [!NOTE]`) and Obsidian callouts (`> [!info] Title`,
//! foldable `> [!faq]-`): a quote with a bar and a label line in the role
//! of its kind. The `[!NOTE]` marker itself never shows.

use std::ops::Range;

use pulldown_cmark::{BlockQuoteKind, Event, Tag, TagEnd};

use super::blocks::LayoutRun;
use super::inline::Inline;
use super::lines::Container;
use super::{Emphasis, Role, Style};

/// The kind of an alert or callout: what its label and colour say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AlertKind {
    /// `[!NOTE]`, and callouts such as `info` and `todo`.
    Note,
    /// `[!TIP]`, and callouts such as `hint`, `success` and `abstract`.
    Tip,
    /// `[!IMPORTANT]`, and callouts such as `question`, `faq` and `example`.
    Important,
    /// `[!WARNING]`, and callouts such as `attention`.
    Warning,
    /// `[!CAUTION]`, and callouts such as `danger`, `error` and `bug`.
    Caution,
}

impl AlertKind {
    /// The symbol before the label: one column wide in every terminal.
    pub fn symbol(self) -> &'static str {
        match self {
            AlertKind::Note => "ℹ",
            AlertKind::Tip => "✦",
            AlertKind::Important => "❢",
            AlertKind::Warning => "⚠",
            AlertKind::Caution => "⊘",
        }
    }

    /// The label an alert without a title shows.
    pub fn label(self) -> &'static str {
        match self {
            AlertKind::Note => "Note",
            AlertKind::Tip => "Tip",
            AlertKind::Important => "Important",
            AlertKind::Warning => "Warning",
            AlertKind::Caution => "Caution",
        }
    }

    fn of_gfm(kind: BlockQuoteKind) -> AlertKind {
        match kind {
            BlockQuoteKind::Note => AlertKind::Note,
            BlockQuoteKind::Tip => AlertKind::Tip,
            BlockQuoteKind::Important => AlertKind::Important,
            BlockQuoteKind::Warning => AlertKind::Warning,
            BlockQuoteKind::Caution => AlertKind::Caution,
        }
    }

    /// The kind of an Obsidian callout type; unknown types are notes, as
    /// Obsidian shows them.
    fn of_callout(kind: &str) -> AlertKind {
        match kind.to_ascii_lowercase().as_str() {
            "tip" | "hint" | "success" | "check" | "done" | "abstract" | "summary" | "tldr" => {
                AlertKind::Tip
            }
            "important" | "question" | "help" | "faq" | "example" | "quote" | "cite" => {
                AlertKind::Important
            }
            "warning" | "attention" => AlertKind::Warning,
            "caution" | "danger" | "error" | "bug" | "failure" | "fail" | "missing" => {
                AlertKind::Caution
            }
            _ => AlertKind::Note,
        }
    }
}

/// An Obsidian callout's first line `[!type]` (with an optional `-`/`+`
/// fold mark and a title): its kind, its label, and whether `-` folds it.
///
/// Reads no further than the kind unless it is one: quotes nested on one
/// long line each start here, and none may read the whole line.
fn callout(quote: &str) -> Option<(AlertKind, String, bool)> {
    let blank = |c: char| c.is_whitespace() && c != '\n';
    let rest = quote
        .trim_start_matches(blank)
        .strip_prefix('>')?
        .trim_start_matches(blank);
    let rest = rest.strip_prefix("[!")?;
    let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'))?;
    if end == 0 || !rest[end..].starts_with(']') {
        return None;
    }
    let kind = &rest[..end];
    let after = &rest[end + 1..];
    let line = after.split('\n').next().unwrap_or("");
    let line = line.strip_suffix('\r').unwrap_or(line);
    let folded = line.starts_with('-');
    let title = line.trim_start_matches(['-', '+']).trim();
    let label = if title.is_empty() {
        let mut chars = kind.chars();
        chars.next().map_or_else(String::new, |c| {
            c.to_uppercase()
                .chain(chars.flat_map(char::to_lowercase))
                .collect()
        })
    } else {
        title.to_string()
    };
    Some((AlertKind::of_callout(kind), label, folded))
}

impl LayoutRun<'_> {
    /// Opens a quote: an alert or callout when it is one (returns true),
    /// else nothing is done (returns false) and it is a plain quote.
    pub(super) fn start_alert(
        &mut self,
        kind: Option<BlockQuoteKind>,
        range: &Range<usize>,
    ) -> bool {
        let (kind, label, skip, folded) = match kind {
            Some(k) => {
                let k = AlertKind::of_gfm(k);
                (k, k.label().to_string(), false, false)
            }
            None => match self.body.get(range.clone()).and_then(callout) {
                Some((k, label, folded)) => (k, label, true, folded),
                None => return false,
            },
        };
        self.flush_inline();
        self.block_start(range.start);
        let role = Role::Alert(kind);
        self.containers.push(Container::Bar(role));
        let mut label_line = Inline::default();
        let style = Style {
            emphasis: Emphasis {
                strong: true,
                ..Emphasis::default()
            },
            ..Style::of(role)
        };
        // A folded callout's label is the summary of a fold, as a
        // `<details>` one is: the reader starts with its body hidden.
        if folded {
            label_line.push_safe(super::UNFOLDED, style);
        }
        label_line.push_safe(kind.symbol(), style);
        label_line.push_safe(" ", style);
        label_line.push(&label, style);
        let summary = self.out.len();
        self.emit_inline(&label_line);
        if folded {
            self.out.open_fold(summary);
        }
        self.el.quotes.push(folded);
        self.blocks.container_empty = false;
        self.blocks.gap_due = false;
        self.el.skip_marker_line = skip;
        true
    }

    /// While a callout's `[!type] Title` line is being read: drops its
    /// events (the label shows it). Returns true when `event` was dropped.
    pub(super) fn skip_callout_marker(&mut self, event: &Event<'_>) -> bool {
        if !self.el.skip_marker_line {
            return false;
        }
        match event {
            Event::SoftBreak | Event::HardBreak => {
                self.el.skip_marker_line = false;
                true
            }
            Event::Start(Tag::Paragraph) => false,
            Event::End(TagEnd::Paragraph | TagEnd::BlockQuote(_)) => {
                self.el.skip_marker_line = false;
                false
            }
            _ => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn callout_type_title_and_fold_mark() {
        assert_eq!(
            callout("> [!info] Read this\n> body"),
            Some((AlertKind::Note, "Read this".to_string(), false))
        );
        assert_eq!(
            callout("> [!faq]- Why?\n> because"),
            Some((AlertKind::Important, "Why?".to_string(), true))
        );
        assert_eq!(
            callout("> [!DANGER]\n> hot"),
            Some((AlertKind::Caution, "Danger".to_string(), false))
        );
        assert_eq!(callout("> plain quote"), None);
        assert_eq!(callout("> [!] nothing"), None);
        assert_eq!(callout("> [!a b] spaces"), None);
        assert_eq!(callout("> [!note\n> ] split"), None);
        assert_eq!(callout(">\n> [!note] later"), None);
        assert_eq!(
            callout("  >  [!tip]+ \n> body"),
            Some((AlertKind::Tip, "Tip".to_string(), false))
        );
    }
}

//! The layout state of the elements beyond CommonMark's blocks: alerts and
//! callouts, definition lists and `<details>`, kept apart from the core
//! layout state.

/// What the element layouts remember between events.
#[derive(Debug, Default)]
pub(super) struct Elements {
    /// A callout's `[!type] Title` line is being dropped.
    pub skip_marker_line: bool,
    /// One entry per quote open, innermost last: true for a callout folded
    /// by its `-` mark (`> [!faq]- Title`), whose fold ends with it.
    pub quotes: Vec<bool>,
}

impl super::blocks::LayoutRun<'_> {
    /// Inline `$..$` or displayed `$$..$$` math, made readable as Unicode
    /// (see [`super::math`]), in the math role. Displayed math gets a line
    /// of its own.
    pub(super) fn math(&mut self, tex: &str, display: bool, source: usize) {
        self.inline_mark(source);
        // Math in a heading stays a heading, so its level shows.
        let style = super::Style {
            role: self.styles.heading_role().unwrap_or(super::Role::Math),
            ..self.style()
        };
        let text = super::math::to_unicode(tex);
        if display && !self.inline.is_blank() {
            self.inline.hard_break();
        }
        self.inline.push_code(&text, style);
        if display {
            self.inline.hard_break();
        }
    }
}

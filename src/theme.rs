//! Themes as data: every layout [`Role`], the outline's states and the chrome
//! of each screen mapped to a [`Style`], with `dark`, `light` and `mono` built
//! in. The one place colours are chosen; no terminal types.

mod builtin;
mod choose;
mod color;

pub use choose::{ASK_TIMEOUT, Background, ThemeChoice, ask_terminal, choose, no_color};
pub use color::{Color, Named, parse_color};

use crate::layout::{self, AlertKind, LayoutOptions, Role};

/// How a piece of text looks: colours and the attributes every terminal has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Style {
    /// The text colour; `None` keeps the terminal's.
    pub fg: Option<Color>,
    /// The background colour; `None` keeps the terminal's.
    pub bg: Option<Color>,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Underlined.
    pub underline: bool,
    /// Foreground and background swapped.
    pub reverse: bool,
    /// Faint.
    pub dim: bool,
    /// Struck through (only from `~~text~~`).
    pub strike: bool,
}

impl Style {
    /// No colour, no attribute.
    pub const PLAIN: Style = Style {
        fg: None,
        bg: None,
        bold: false,
        italic: false,
        underline: false,
        reverse: false,
        dim: false,
        strike: false,
    };

    /// This style with a text colour.
    pub const fn fg(mut self, color: Color) -> Style {
        self.fg = Some(color);
        self
    }

    /// This style with a background colour.
    pub const fn bg(mut self, color: Color) -> Style {
        self.bg = Some(color);
        self
    }

    /// This style, bold.
    pub const fn bold(mut self) -> Style {
        self.bold = true;
        self
    }

    /// This style, italic.
    pub const fn italic(mut self) -> Style {
        self.italic = true;
        self
    }

    /// This style, underlined.
    pub const fn underline(mut self) -> Style {
        self.underline = true;
        self
    }

    /// This style, reversed.
    pub const fn reverse(mut self) -> Style {
        self.reverse = true;
        self
    }

    /// This style, faint.
    pub const fn dim(mut self) -> Style {
        self.dim = true;
        self
    }

    /// `other` laid over this style: its colours where it has them, and the
    /// attributes of both.
    pub const fn patch(mut self, other: Style) -> Style {
        if other.fg.is_some() {
            self.fg = other.fg;
        }
        if other.bg.is_some() {
            self.bg = other.bg;
        }
        self.bold |= other.bold;
        self.italic |= other.italic;
        self.underline |= other.underline;
        self.reverse |= other.reverse;
        self.dim |= other.dim;
        self.strike |= other.strike;
        self
    }
}

/// Declares [`Theme`] and the names of its slots together, so that a config's
/// `[colors]` table can reach every slot by the name listed here.
macro_rules! theme_slots {
    ($($(#[doc = $doc:literal])* $field:ident = $name:literal,)*) => {
        /// Every role and chrome state mapped to a style, and the syntax
        /// highlighting theme. Drawing and the ANSI writer ask it by meaning.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct Theme {
            /// The theme's name (`dark`, `light`, `mono`).
            pub name: &'static str,
            /// The syntect theme code blocks are highlighted with; `None`
            /// shows code plain.
            pub syntax: Option<&'static str>,
            $($(#[doc = $doc])* pub $field: Style,)*
        }

        impl Theme {
            /// The names `[colors]` accepts, in the order of the struct.
            pub const SLOTS: &'static [&'static str] = &[$($name),*];

            /// The slot called `name` in `[colors]`, to change.
            pub fn slot_mut(&mut self, name: &str) -> Option<&mut Style> {
                match name {
                    $($name => Some(&mut self.$field),)*
                    _ => None,
                }
            }

            /// The slot called `name` in `[colors]`.
            pub fn slot(&self, name: &str) -> Option<Style> {
                match name {
                    $($name => Some(self.$field),)*
                    _ => None,
                }
            }
        }
    };
}

theme_slots! {
    /// Body text.
    text = "text",
    /// Level 1 headings.
    heading1 = "heading1",
    /// Level 2 headings.
    heading2 = "heading2",
    /// Level 3 headings.
    heading3 = "heading3",
    /// Level 4 headings.
    heading4 = "heading4",
    /// Level 5 headings.
    heading5 = "heading5",
    /// Level 6 headings.
    heading6 = "heading6",
    /// The rule or prefix that marks a heading's level.
    heading_mark = "heading-mark",
    /// Inline code.
    code = "code",
    /// Code block text without highlighting.
    code_block = "code-block",
    /// A code block's frame and language label.
    code_frame = "code-frame",
    /// Link text.
    link = "link",
    /// A link's `[n]` marker and the link list.
    link_ref = "link-ref",
    /// An image's `[image: alt]`.
    image = "image",
    /// List bullets, numbers and task boxes.
    list_marker = "list-marker",
    /// A blockquote's bar.
    quote_bar = "quote-bar",
    /// A horizontal rule.
    rule = "rule",
    /// Table borders.
    table_border = "table-border",
    /// Table header cells.
    table_header = "table-header",
    /// Footnote markers and labels.
    footnote = "footnote",
    /// Control characters made visible.
    escaped = "escaped",
    /// The article header: author, date.
    meta = "meta",
    /// Tags in the article header.
    tag = "tag",
    /// A note alert's bar and label.
    alert_note = "alert-note",
    /// A tip alert's bar and label.
    alert_tip = "alert-tip",
    /// An important alert's bar and label.
    alert_important = "alert-important",
    /// A warning alert's bar and label.
    alert_warning = "alert-warning",
    /// A caution alert's bar and label.
    alert_caution = "alert-caution",
    /// Math.
    math = "math",
    /// A definition list's term.
    definition_term = "definition-term",
    /// A `<details>` summary line.
    summary = "summary",
    /// A site's version badge (`New in v0.120.0`).
    badge = "badge",
    /// A site template tag shown as a label (`⟨name args⟩`).
    template_label = "template-label",
    /// Highlighted text (`<mark>`, a vault's `==highlight==`).
    highlight = "highlight",
    /// The reader's status line.
    status_bar = "status-bar",
    /// An outline entry below level 1.
    outline_entry = "outline-entry",
    /// A level 1 outline entry.
    outline_top = "outline-top",
    /// The outline entry of the section being read.
    outline_current = "outline-current",
    /// The outline's cursor when the outline has the focus.
    outline_cursor = "outline-cursor",
    /// The border beside the outline.
    border = "border",
    /// The border beside the outline when it has the focus.
    border_focused = "border-focused",
    /// A search match.
    search_match = "search-match",
    /// The current search match.
    search_current = "search-current",
    /// The help's section titles and key names.
    help_key = "help-key",
    /// The library's name, a preview's title.
    library_title = "library-title",
    /// The active filters.
    library_filter = "library-filter",
    /// Column titles and section labels.
    library_columns = "library-columns",
    /// The selected row and the picker's cursor.
    library_selected = "library-selected",
    /// The draft mark.
    library_draft = "library-draft",
    /// Dates and quiet facts.
    library_date = "library-date",
    /// Tags in rows and the preview.
    library_tags = "library-tags",
    /// Failed files and warnings.
    library_failed = "library-failed",
    /// Borders of the preview and the popups.
    library_border = "library-border",
    /// The library's footer.
    library_footer = "library-footer",
}

impl Theme {
    /// The built-in theme called `name`.
    pub fn named(name: &str) -> Option<Theme> {
        match name {
            "dark" => Some(Theme::DARK),
            "light" => Some(Theme::LIGHT),
            "mono" => Some(Theme::MONO),
            _ => None,
        }
    }

    /// The style of a laid-out span: its role's style with the span's
    /// emphasis, and an underline on anything with a link target.
    pub fn span(&self, style: layout::Style) -> Style {
        let mut out = self.role(style.role);
        let e = style.emphasis;
        out.bold |= e.strong;
        out.italic |= e.emph;
        out.strike |= e.strike;
        // Any span with a target (a link inside a heading, say) is underlined.
        out.underline |= style.link.is_some();
        out
    }

    /// How a body is laid out for this theme: code highlighted with its
    /// syntect theme, headings marked `###` when their levels have no colour.
    pub fn layout_options(&self) -> LayoutOptions {
        LayoutOptions {
            syntax: self.syntax,
            heading_marks: self.marks_headings(),
            ..LayoutOptions::PLAIN
        }
    }

    /// The options for output in `theme`; `None` (no colour at all) lays
    /// out plain, headings marked.
    pub fn layout_options_for(theme: Option<&Theme>) -> LayoutOptions {
        theme.map_or(LayoutOptions::PLAIN, Theme::layout_options)
    }

    /// True when headings of levels 3 to 6 have no colour of their own,
    /// so the layout marks them with `###` to tell the levels apart.
    pub fn marks_headings(&self) -> bool {
        [self.heading3, self.heading4, self.heading5, self.heading6]
            .iter()
            .any(|s| s.fg.is_none())
    }

    /// The style of a role.
    pub fn role(&self, role: Role) -> Style {
        match role {
            Role::Text => self.text,
            Role::Heading(1) => self.heading1,
            Role::Heading(2) => self.heading2,
            Role::Heading(3) => self.heading3,
            Role::Heading(4) => self.heading4,
            Role::Heading(5) => self.heading5,
            Role::Heading(_) => self.heading6,
            Role::HeadingMark => self.heading_mark,
            Role::Code => self.code,
            Role::CodeBlock => self.code_block,
            // Syntax colours come from the theme's own syntect theme, so
            // they are used only when the theme highlights at all.
            Role::Syntax(r, g, b) if self.syntax.is_some() => Style::PLAIN.fg(Color::Rgb(r, g, b)),
            Role::Syntax(..) => Style::PLAIN,
            Role::CodeFrame => self.code_frame,
            Role::Link => self.link,
            Role::LinkRef => self.link_ref,
            Role::Image => self.image,
            Role::ListMarker => self.list_marker,
            Role::QuoteBar => self.quote_bar,
            Role::Rule => self.rule,
            Role::TableBorder => self.table_border,
            Role::TableHeader => self.table_header,
            Role::Footnote => self.footnote,
            Role::Escaped => self.escaped,
            Role::Meta => self.meta,
            Role::Tag => self.tag,
            Role::Alert(AlertKind::Note) => self.alert_note,
            Role::Alert(AlertKind::Tip) => self.alert_tip,
            Role::Alert(AlertKind::Important) => self.alert_important,
            Role::Alert(AlertKind::Warning) => self.alert_warning,
            Role::Alert(AlertKind::Caution) => self.alert_caution,
            Role::Math => self.math,
            Role::DefinitionTerm => self.definition_term,
            Role::Summary => self.summary,
            Role::Badge => self.badge,
            Role::TemplateLabel => self.template_label,
            Role::Highlight => self.highlight,
        }
    }

    /// The highlighted outline entry: the cursor when the outline has the
    /// focus, else the section being read.
    pub fn outline_selected(&self, focused: bool) -> Style {
        if focused {
            self.outline_cursor
        } else {
            self.outline_current
        }
    }

    /// An outline entry of `level` that is not highlighted.
    pub fn outline_level(&self, level: u8) -> Style {
        if level == 1 {
            self.outline_top
        } else {
            self.outline_entry
        }
    }

    /// The border beside the outline.
    pub fn focus_border(&self, focused: bool) -> Style {
        if focused {
            self.border_focused
        } else {
            self.border
        }
    }

    /// A search match; the current one stands out more.
    pub fn search(&self, current: bool) -> Style {
        if current {
            self.search_current
        } else {
            self.search_match
        }
    }
}

impl Default for Theme {
    fn default() -> Self {
        Theme::DARK
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_slot_has_a_name_that_reaches_it() {
        let mut t = Theme::MONO;
        for name in Theme::SLOTS {
            let slot = t.slot_mut(name).expect(name);
            slot.fg = Some(Color::Indexed(1));
            assert_eq!(t.slot(name).and_then(|s| s.fg), Some(Color::Indexed(1)));
        }
        assert!(t.slot_mut("nonsense").is_none());
    }

    #[test]
    fn mono_uses_no_colour() {
        let t = Theme::MONO;
        for name in Theme::SLOTS {
            let s = t.slot(name).expect(name);
            assert_eq!((s.fg, s.bg), (None, None), "{name}");
        }
        let span = t.span(layout::Style::of(Role::Syntax(1, 2, 3)));
        assert_eq!(span.fg, None);
    }

    #[test]
    fn spans_take_emphasis_and_links() {
        let mut s = layout::Style::of(Role::Heading(2));
        s.emphasis.emph = true;
        s.link = Some(0);
        let out = Theme::DARK.span(s);
        assert!(out.bold && out.italic && out.underline);
        assert_eq!(out.fg, Some(Color::Named(Named::Cyan)));
    }

    #[test]
    fn heading_marks_only_without_colour() {
        let dark = Theme::DARK.layout_options();
        assert!(!dark.heading_marks);
        assert_eq!(dark, LayoutOptions::default());
        assert!(Theme::MONO.layout_options().heading_marks);
        assert!(Theme::layout_options_for(None).heading_marks);
    }

    #[test]
    fn every_colour_theme_names_a_syntect_theme() {
        // Every built-in theme names a syntect theme syntect has.
        for theme in [Theme::DARK, Theme::LIGHT] {
            let name = theme.syntax.expect("a colour theme highlights");
            assert!(layout::has_syntax_theme(name), "{name}");
        }
    }

    #[test]
    fn light_and_dark_differ_where_it_matters() {
        assert_ne!(Theme::DARK.heading1, Theme::LIGHT.heading1);
        assert_ne!(Theme::DARK.syntax, Theme::LIGHT.syntax);
        assert_eq!(Theme::named("light"), Some(Theme::LIGHT));
        assert_eq!(Theme::named("blue"), None);
    }
}

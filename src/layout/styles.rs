//! The inline style stack while laying out: emphasis depths, the roles of
//! open spans (heading, link, image, table header) and the open links.

use pulldown_cmark::{LinkType, Tag, TagEnd};

use super::blocks::LayoutRun;
use super::refs::LinkFrame;
use super::{Emphasis, Role, Style};
use crate::article::link_target;
use crate::article::tags::tag_spans;
use crate::article::wikilink::{EmbedKind, embed_kind, shown};
use crate::sanitize::sanitize_line;

/// What the open inline tags say about the next text.
#[derive(Default)]
pub(super) struct StyleStack {
    strong: u32,
    emph: u32,
    strike: u32,
    /// The roles of open spans, innermost last.
    pub(super) roles: Vec<Role>,
    /// The open links and images, innermost last.
    pub(super) links: Vec<LinkFrame>,
}

impl StyleStack {
    /// The style of text placed now.
    pub(super) fn style(&self) -> Style {
        let role = self.roles.last().copied().unwrap_or(Role::Text);
        Style {
            role,
            emphasis: Emphasis {
                strong: self.strong > 0,
                emph: self.emph > 0,
                strike: self.strike > 0,
            },
            link: self.links.last().map(|l| l.link),
        }
    }

    /// The role of the heading being read, if the innermost span is one.
    pub(super) fn heading_role(&self) -> Option<Role> {
        self.roles
            .last()
            .copied()
            .filter(|r| matches!(r, Role::Heading(_)))
    }
}

impl LayoutRun<'_> {
    /// The style of text placed now.
    pub(super) fn style(&self) -> Style {
        self.styles.style()
    }

    /// Opens an inline tag: emphasis, strong, strikethrough, link, image.
    pub(super) fn start_inline(&mut self, tag: Tag<'_>, source: usize) {
        match tag {
            Tag::Emphasis => self.styles.emph += 1,
            Tag::Strong => self.styles.strong += 1,
            Tag::Strikethrough => self.styles.strike += 1,
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => {
                self.inline_mark(source);
                let target = link_target(link_type, false, &dest_url);
                let target = sanitize_line(&target).into_owned();
                // A wikilink's text is its note's name: no reference number.
                let bare = matches!(
                    link_type,
                    LinkType::Autolink | LinkType::Email | LinkType::WikiLink { .. }
                );
                let own_text = matches!(link_type, LinkType::WikiLink { has_pothole: false });
                let link = self.link_index(&target);
                self.styles.links.push(LinkFrame {
                    marker: !bare,
                    link,
                    text_start: self.inline.text.len(),
                    image: false,
                    bracket: false,
                    replaced: own_text,
                });
                // A link in a heading stays a heading (the theme underlines
                // any span with a link), so its level shows.
                let role = self.styles.heading_role().unwrap_or(Role::Link);
                self.styles.roles.push(role);
                if own_text {
                    let style = self.style();
                    self.inline.push_safe(&shown(&dest_url), style);
                }
            }
            Tag::Image {
                link_type,
                dest_url,
                ..
            } => {
                self.inline_mark(source);
                let target = link_target(link_type, true, &dest_url);
                let target = sanitize_line(&target).into_owned();
                let wiki = matches!(link_type, LinkType::WikiLink { .. });
                if let Some(label) = embed_label(link_type, &dest_url) {
                    // An embed of a note or of sound, video or a PDF reads
                    // as a link to it, labelled with what it is.
                    let link = self.link_index(&target);
                    self.styles.links.push(LinkFrame {
                        marker: false,
                        link,
                        text_start: self.inline.text.len(),
                        image: false,
                        bracket: true,
                        replaced: true,
                    });
                    let role = self.styles.heading_role().unwrap_or(Role::Link);
                    self.styles.roles.push(role);
                    let style = self.style();
                    self.inline.push_safe(&format!("[{label}: "), style);
                    self.inline.push_safe(&shown(&dest_url), style);
                    return;
                }
                let link = self.link_index(&target);
                self.styles.links.push(LinkFrame {
                    marker: !wiki,
                    link,
                    text_start: self.inline.text.len(),
                    image: true,
                    bracket: false,
                    replaced: wiki,
                });
                let role = self.styles.heading_role().unwrap_or(Role::Image);
                self.styles.roles.push(role);
                let style = self.style();
                self.inline.push_safe("[image: ", style);
                if wiki {
                    self.inline.push_safe(&shown(&dest_url), style);
                }
            }
            _ => {}
        }
    }

    /// Places a run of text, its inline `#tags` (outside links) in the
    /// tag role.
    pub(super) fn push_tagged(&mut self, text: &str, style: Style) {
        let spans = if self.styles.links.is_empty() {
            tag_spans(text)
        } else {
            Vec::new()
        };
        let mut at = 0;
        for span in spans {
            self.inline.push(&text[at..span.start], style);
            let tag = Style {
                role: Role::Tag,
                ..style
            };
            self.inline.push(&text[span.clone()], tag);
            at = span.end;
        }
        self.inline.push(&text[at..], style);
    }

    /// Closes an inline tag.
    pub(super) fn end_inline(&mut self, tag: TagEnd) {
        let styles = &mut self.styles;
        match tag {
            TagEnd::Emphasis => styles.emph = styles.emph.saturating_sub(1),
            TagEnd::Strong => styles.strong = styles.strong.saturating_sub(1),
            TagEnd::Strikethrough => styles.strike = styles.strike.saturating_sub(1),
            TagEnd::Link | TagEnd::Image => self.end_link(),
            _ => {}
        }
    }
}

/// The label of an embed shown as a link (`embed`, `audio`, `video`,
/// `PDF`, `file`); `None` for an image or a picture embed.
fn embed_label(link_type: LinkType, dest: &str) -> Option<&'static str> {
    if !matches!(link_type, LinkType::WikiLink { .. }) {
        return None;
    }
    match embed_kind(dest) {
        EmbedKind::Picture => None,
        EmbedKind::Note => Some("embed"),
        EmbedKind::Media(label) => Some(label),
        EmbedKind::Other => Some("file"),
    }
}

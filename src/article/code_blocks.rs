//! The code blocks of an article body, with where they stand and their text
//! exactly as written (for copying one).

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// One fenced or indented code block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeBlock {
    /// Where the block stands in the body (fences included).
    pub range: Range<usize>,
    /// Its text, without the fences.
    pub text: String,
}

/// Every code block of `body`, in order.
pub fn code_blocks(body: &str) -> Vec<CodeBlock> {
    let mut out = Vec::new();
    let mut current: Option<CodeBlock> = None;
    for (event, range) in Parser::new_ext(body, super::parser_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => {
                current = Some(CodeBlock {
                    range,
                    text: String::new(),
                });
            }
            Event::Text(text) => {
                if let Some(block) = &mut current {
                    block.text.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => out.extend(current.take()),
            _ => {}
        }
    }
    out
}

/// The block a reader whose top line comes from body offset `top` means by
/// "the code block at the top of the screen": the first one that ends after
/// `top` (the one the top line is in, or the next below), else the last one
/// above.
pub fn nearest(blocks: &[CodeBlock], top: usize) -> Option<&CodeBlock> {
    blocks
        .iter()
        .find(|b| b.range.end > top)
        .or_else(|| blocks.last())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fenced_and_indented_blocks_with_their_text() {
        let body =
            "Intro.\n\n```rust\nfn main() {}\n```\n\nMiddle.\n\n    indented\n    code\n\nEnd.\n";
        let blocks = code_blocks(body);
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[0].text, "fn main() {}\n");
        assert!(body[blocks[0].range.clone()].starts_with("```rust"));
        assert_eq!(blocks[1].text, "indented\ncode\n");
    }

    #[test]
    fn the_nearest_block_is_the_one_at_or_below_the_top_else_the_last() {
        let body = "a\n\n```\none\n```\n\nb\n\n```\ntwo\n```\n\nc\n";
        let blocks = code_blocks(body);
        assert_eq!(nearest(&blocks, 0).map(|b| b.text.as_str()), Some("one\n"));
        let after_first = blocks[0].range.end;
        assert_eq!(
            nearest(&blocks, after_first).map(|b| b.text.as_str()),
            Some("two\n")
        );
        assert_eq!(
            nearest(&blocks, body.len()).map(|b| b.text.as_str()),
            Some("two\n"),
            "past the last block: the last one"
        );
        assert_eq!(nearest(&code_blocks("no code\n"), 0), None);
    }
}

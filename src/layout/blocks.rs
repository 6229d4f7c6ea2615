//! Paragraphs, lists, quotes, code, tables, rules, images and HTML blocks.

//! Inline markup to styled spans, wrapped at display width.

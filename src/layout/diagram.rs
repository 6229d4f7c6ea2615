//! Diagram fences (`mermaid`, `plantuml`, `dot`, ...): quire draws no
//! pictures, so their source is shown in a code frame labelled
//! `diagram (mermaid)`, never as a blank area.

/// The languages whose fences hold diagrams.
const DIAGRAMS: &[&str] = &[
    "mermaid", "plantuml", "puml", "dot", "graphviz", "d2", "ditaa", "nomnoml", "pikchr",
];

/// The frame label of a fence in `lang`: `diagram (lang)` for a diagram
/// language, else `None`.
pub(super) fn label(lang: &str) -> Option<String> {
    DIAGRAMS
        .iter()
        .any(|d| d.eq_ignore_ascii_case(lang))
        .then(|| format!("diagram ({})", lang.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::label;

    #[test]
    fn diagram_languages_are_labelled() {
        assert_eq!(label("mermaid").as_deref(), Some("diagram (mermaid)"));
        assert_eq!(label("DOT").as_deref(), Some("diagram (dot)"));
        assert_eq!(label("rust"), None);
        assert_eq!(label(""), None);
    }
}

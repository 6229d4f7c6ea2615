//! Where a pre-pass put lines into a body that its file does not have (a
//! note's embeds, inlined): body lines to file lines and back.

/// The inlined spans of a body, in order: each replaced one line of the
/// file's body with several.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineMap {
    /// `(first, extra)`: the 0-based body line an inlined text starts on,
    /// and how many lines it takes beyond the one it replaced.
    spans: Vec<(usize, usize)>,
}

impl LineMap {
    /// Records that the body line `first` (0-based, in the body as it is
    /// now) starts a text of `1 + extra` lines that stands for one line of
    /// the file. Spans come in order.
    pub fn push(&mut self, first: usize, extra: usize) {
        if extra > 0 {
            self.spans.push((first, extra));
        }
    }

    /// True when the body is the file's, line for line.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The file's body line (0-based) that body line `line` shows: a line of
    /// an inlined text is the line that inlined it.
    pub fn source(&self, line: usize) -> usize {
        let mut shift = 0;
        for &(first, extra) in &self.spans {
            if line <= first {
                break;
            }
            if line <= first + extra {
                return first - shift;
            }
            shift += extra;
        }
        line - shift
    }

    /// The body line (0-based) that shows the file's body line `line`.
    pub fn shown(&self, line: usize) -> usize {
        let mut shift = 0;
        for &(first, extra) in &self.spans {
            if first - shift >= line {
                break;
            }
            shift += extra;
        }
        line + shift
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_map_around_inlined_spans_and_back() {
        // File lines 0..6; line 2 became 4 lines (2..=5), line 4 became 2
        // (now 7..=8).
        let mut map = LineMap::default();
        map.push(2, 3);
        map.push(7, 1);
        let sources: Vec<usize> = (0..11).map(|l| map.source(l)).collect();
        assert_eq!(sources, [0, 1, 2, 2, 2, 2, 3, 4, 4, 5, 6]);
        let shown: Vec<usize> = (0..7).map(|l| map.shown(l)).collect();
        assert_eq!(shown, [0, 1, 2, 6, 7, 9, 10]);
        assert_eq!(LineMap::default().source(5), 5);
    }
}

//! Where the lines of a body rewritten by the site pass came from: a shortcode
//! that became a callout of three lines, a comment that vanished. Line
//! numbers quire reports (outline, links, search, the editor) name the
//! file's own lines through it.

/// Points where the rewritten body and the file's body go on in step again,
/// as (rewritten line, file line), both 0-based in the body; empty when
/// the body was not rewritten or kept every line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineMap {
    points: Vec<(u32, u32)>,
}

impl LineMap {
    /// A map from its points, in order of both lines.
    pub fn new(points: Vec<(u32, u32)>) -> LineMap {
        LineMap { points }
    }

    /// True when every line is where it was.
    pub fn is_identity(&self) -> bool {
        self.points.is_empty()
    }

    /// The 0-based body line of the file that rewritten line `line` shows:
    /// lines added by a rewrite name the line they were made from.
    pub fn source(&self, line: usize) -> usize {
        let at = self.points.partition_point(|&(o, _)| o as usize <= line);
        let Some(&(out, src)) = at.checked_sub(1).and_then(|i| self.points.get(i)) else {
            return line;
        };
        let mapped = src as usize + (line - out as usize);
        match self.points.get(at) {
            Some(&(_, next)) => mapped.min((next as usize).saturating_sub(1).max(src as usize)),
            None => mapped,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_added_or_removed_map_to_the_file() {
        // Line 2 became three lines (2..5); lines 8..11 were dropped.
        let map = LineMap::new(vec![(2, 2), (5, 3), (9, 11)]);
        let got: Vec<usize> = (0..12).map(|l| map.source(l)).collect();
        assert_eq!(got, [0, 1, 2, 2, 2, 3, 4, 5, 6, 11, 12, 13]);
        assert_eq!(LineMap::default().source(7), 7);
    }
}

//! Where the lines of a body that passes rewrote came from: the site pass
//! (a shortcode that became a callout of three lines, a comment that
//! vanished) and a note's embeds (one line of the file inlined as many).
//! Line numbers quire reports (outline, links, search, backlink landings,
//! the editor) name the file's own lines through it; one map holds every
//! pass, composed in the order they ran.

/// A monotone map from the lines of a rewritten body to the lines of the
/// file's body, both 0-based. Lines before its first step are where they
/// were; from a step on, lines go on in step with the file (a run) or all
/// show one line of the file (a hold: lines a rewrite added), until the next.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineMap {
    steps: Vec<Step>,
}

/// From body line `line` on: file line `source`, and the ones after it
/// unless `hold`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Step {
    line: u32,
    source: u32,
    hold: bool,
}

impl Step {
    fn value(self, line: usize) -> usize {
        if self.hold {
            self.source as usize
        } else {
            self.source as usize + line.saturating_sub(self.line as usize)
        }
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl LineMap {
    /// The site pass's map from its points, in order of both lines: each
    /// `(rewritten line, file line)` is where the two go on in step again;
    /// lines a rewrite added before the next point name the last line
    /// the point's text was made from.
    pub fn new(points: Vec<(u32, u32)>) -> LineMap {
        let mut map = LineMap::default();
        for (i, &(line, source)) in points.iter().enumerate() {
            map.step(line, source, false);
            if let Some(&(next_line, next_source)) = points.get(i + 1) {
                let last = next_source.saturating_sub(1).max(source);
                let held = line.saturating_add(last - source).saturating_add(1);
                if held < next_line {
                    map.step(held, last, true);
                }
            }
        }
        map
    }

    /// Records that body line `first` (in the body as it is now) starts a
    /// text of `1 + extra` lines standing for one line of the file (an
    /// inlined embed). Spans come in order, after every step so far.
    pub fn push(&mut self, first: usize, extra: usize) {
        if extra == 0 {
            return;
        }
        let source = self.source(first);
        self.step(to_u32(first), to_u32(source), true);
        self.step(to_u32(first + extra + 1), to_u32(source + 1), false);
    }

    /// True when every line is where it was.
    pub fn is_identity(&self) -> bool {
        self.steps.is_empty()
    }

    /// The 0-based body line of the file that rewritten line `line` shows:
    /// lines added by a rewrite name the line they were made from.
    pub fn source(&self, line: usize) -> usize {
        let at = self.steps.partition_point(|s| s.line as usize <= line);
        match at.checked_sub(1).and_then(|i| self.steps.get(i)) {
            Some(step) => step.value(line),
            None => line,
        }
    }

    /// The first rewritten line that shows the file's body line `line` (or,
    /// when a rewrite dropped it, the first after it).
    pub fn shown(&self, line: usize) -> usize {
        let Some(first) = self.steps.first() else {
            return line;
        };
        if line < first.line as usize {
            return line;
        }
        for (i, step) in self.steps.iter().enumerate() {
            let source = step.source as usize;
            let last = match self.steps.get(i + 1) {
                Some(_) if step.hold => source,
                Some(next) => step.value(next.line as usize - 1),
                None if step.hold => source,
                None => usize::MAX,
            };
            if last >= line {
                return step.line as usize + line.saturating_sub(source) * usize::from(!step.hold);
            }
        }
        self.steps.last().map_or(line, |s| {
            s.line as usize + line.saturating_sub(s.source as usize)
        })
    }

    /// The map of a body that `later` rewrote after this map's pass: a
    /// line of the last body to the line of the file.
    pub fn then(&self, later: &LineMap) -> LineMap {
        if later.is_identity() {
            return self.clone();
        }
        if self.is_identity() {
            return later.clone();
        }
        let mut out = LineMap::default();
        let head = Step {
            line: 0,
            source: 0,
            hold: false,
        };
        let regions: Vec<Step> = std::iter::once(head)
            .chain(later.steps.iter().copied())
            .collect();
        for (i, region) in regions.iter().enumerate() {
            let start = region.line as usize;
            if region.hold {
                let (_, value) = self.at(region.source as usize);
                out.step(region.line, to_u32(value), true);
                continue;
            }
            // A run of `later` over lines start..end shows this map's lines
            // from `region.source` on: its steps inside that span cut it.
            let end = regions.get(i + 1).map(|n| n.line as usize);
            let from = region.source as usize;
            let (hold, value) = self.at(from);
            out.step(region.line, to_u32(value), hold);
            let upto = end.map_or(usize::MAX, |e| from + (e - start));
            for step in &self.steps {
                let line = step.line as usize;
                if line > from && line < upto {
                    out.step(to_u32(start + (line - from)), step.source, step.hold);
                }
            }
        }
        out
    }

    /// Whether rewritten line `line` is held and the file line it shows.
    fn at(&self, line: usize) -> (bool, usize) {
        let at = self.steps.partition_point(|s| s.line as usize <= line);
        match at.checked_sub(1).and_then(|i| self.steps.get(i)) {
            Some(step) => (step.hold, step.value(line)),
            None => (false, line),
        }
    }

    /// Appends a step, leaving out one that only goes on as the map went.
    fn step(&mut self, line: u32, source: u32, hold: bool) {
        let step = Step { line, source, hold };
        if self.steps.last().is_some_and(|l| l.line == line) {
            self.steps.pop();
        }
        let goes_on = match self.steps.last() {
            Some(last) => last.hold == hold && last.value(line as usize) == source as usize,
            None => !hold && line == source,
        };
        if !goes_on {
            self.steps.push(step);
        }
    }
}

#[cfg(test)]
mod tests;

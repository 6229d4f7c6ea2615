//! GFM tables: columns sized to their content (the first rows of a long
//! table) within the width, rows laid out as they arrive, cells wrapped
//! when the table is too wide, alignment honoured, box-drawing borders. Too
//! narrow for any grid, a table becomes `header: value` lines per row.

use pulldown_cmark::{Alignment, Tag, TagEnd};

use super::blocks::LayoutRun;
use super::inline::Inline;
use super::lines::spaces;
use super::table_row::Row;
use super::wrap::{WrappedLine, breaks_anywhere, push_range, width_of, wrap_inline};
use super::{Role, Style};

/// How many rows size a table's columns. Rows after them are laid out as
/// they arrive, in the columns the first ones sized, so a table of a
/// million rows holds no more than this many in memory.
pub const SAMPLE_ROWS: usize = 1000;

/// How many cells size a table's columns at most: a table thousands of
/// columns wide is sized from fewer rows (the header and one more at least).
pub const SAMPLE_CELLS: usize = 20_000;

/// How a table is drawn, decided from its first [`SAMPLE_ROWS`] rows (or
/// [`SAMPLE_CELLS`] cells).
#[derive(Debug)]
enum Plan {
    /// A grid with these column widths.
    Grid(Vec<usize>),
    /// `header: value` lines per row.
    Narrow,
}

/// A table being collected from parser events and laid out row by row.
#[derive(Debug, Default)]
pub(super) struct Table {
    aligns: Vec<Alignment>,
    /// Rows waiting to be laid out.
    rows: Vec<Row>,
    /// The cells in `rows`.
    waiting: usize,
    cur: Row,
    plan: Option<Plan>,
    /// The header row, kept for `header: value` lines.
    header: Row,
    /// The header row cut to [`NARROW_HEADER_COLUMNS`] a cell, made once for
    /// the rows after the first.
    short_header: Option<Row>,
    /// Rows laid out so far (the header counts).
    done: usize,
}

impl Table {
    /// A table with the source's column alignments.
    pub fn new(aligns: Vec<Alignment>) -> Self {
        Table {
            aligns,
            ..Table::default()
        }
    }

    /// Starts a row (the first one is the header).
    pub fn start_row(&mut self) {
        self.cur = Row::default();
    }

    /// Adds a cell to the current row.
    pub fn push_cell(&mut self, cell: &Inline) {
        self.cur.push(cell);
    }

    /// Ends the current row, laying rows out once the columns are sized.
    pub fn end_row(&mut self, l: &mut LayoutRun<'_>) {
        let row = std::mem::take(&mut self.cur);
        self.waiting += row.len();
        self.rows.push(row);
        if self.plan.is_none()
            && (self.rows.len() > SAMPLE_ROWS
                || (self.waiting > SAMPLE_CELLS && self.rows.len() >= 2))
        {
            self.plan = Some(self.plan(l));
        }
        if self.plan.is_some() {
            self.flush(l);
        }
    }

    /// Lays out the rest of the table at the layouter's current position.
    pub fn layout(mut self, l: &mut LayoutRun<'_>) {
        if self.plan.is_none() {
            self.plan = Some(self.plan(l));
        }
        self.flush(l);
        match &self.plan {
            Some(Plan::Grid(widths)) => {
                if self.done == 0 {
                    rule(l, widths, "┌", "┬", "┐");
                }
                rule(l, widths, "└", "┴", "┘");
            }
            _ => {
                if self.done <= 1 && self.header.len() > 0 {
                    let header = &self.header;
                    cell_lines(
                        l,
                        header.len(),
                        |i| !header.is_blank(i),
                        |i, inline| header.append_to(i, inline),
                    );
                }
            }
        }
    }

    /// Sizes the columns from the rows collected so far.
    fn plan(&self, l: &LayoutRun<'_>) -> Plan {
        let cols = self.rows.iter().map(Row::len).max().unwrap_or(0).max(1);
        let avail = l.avail();
        let borders = 3 * cols + 1;
        if avail < borders + cols {
            return Plan::Narrow;
        }
        let space = avail - borders;
        let mut natural = vec![1usize; cols];
        let mut words = vec![1usize; cols];
        for row in &self.rows {
            for i in 0..row.len() {
                let cell = row.cell(i);
                let w = cell
                    .segments()
                    .map(|s| width_of(cell.text[s].trim()))
                    .max()
                    .unwrap_or(0);
                natural[i] = natural[i].max(w);
                words[i] = words[i].max(longest_word(&cell.text));
            }
        }
        // A grid whose columns cannot hold even short words reads worse than
        // one `header: value` line per cell.
        let least: usize = words.iter().map(|&w| w.min(6)).sum();
        if least > space {
            return Plan::Narrow;
        }
        Plan::Grid(fit(&natural, &words, space))
    }

    /// Lays out the rows waiting, by the plan.
    fn flush(&mut self, l: &mut LayoutRun<'_>) {
        let rows = std::mem::take(&mut self.rows);
        self.waiting = 0;
        for row in rows {
            match &self.plan {
                Some(Plan::Grid(widths)) => {
                    if self.done == 0 {
                        rule(l, widths, "┌", "┬", "┐");
                    } else if self.done == 1 {
                        rule(l, widths, "├", "┼", "┤");
                    }
                    grid_row(l, widths, &self.aligns, &row);
                }
                _ => {
                    if self.done == 0 {
                        self.header = row;
                    } else if self.done == 1 {
                        narrow_row(l, &self.header, &row, false);
                    } else {
                        let header = &self.header;
                        let short = self.short_header.get_or_insert_with(|| {
                            let mut short = Row::default();
                            let mut cell = Inline::default();
                            for i in 0..header.len() {
                                cell.clear();
                                header.append_cut_to(i, &mut cell, NARROW_HEADER_COLUMNS);
                                short.push(&cell);
                            }
                            short
                        });
                        narrow_row(l, short, &row, true);
                    }
                }
            }
            self.done += 1;
        }
    }
}

/// A grid's border line.
fn rule(l: &mut LayoutRun<'_>, widths: &[usize], left: &str, mid: &str, right: &str) {
    let border = Style::of(Role::TableBorder);
    l.begin_line();
    l.out.push(left, border);
    for (i, w) in widths.iter().enumerate() {
        if i > 0 {
            l.out.push(mid, border);
        }
        l.out.push(&"─".repeat(w + 2), border);
    }
    l.out.push(right, border);
    l.out.end_line();
}

/// One row of a grid, its cells wrapped in their columns.
fn grid_row(l: &mut LayoutRun<'_>, widths: &[usize], aligns: &[Alignment], row: &Row) {
    let border = Style::of(Role::TableBorder);
    // A grid is at most a few hundred columns: each cell is copied out.
    let row: Vec<Inline> = (0..row.len().min(widths.len()))
        .map(|i| row.cell(i))
        .collect();
    let wrapped: Vec<Vec<WrappedLine>> = widths
        .iter()
        .enumerate()
        .map(|(i, &w)| {
            row.get(i)
                .map(|cell| wrap_inline(cell, w))
                .unwrap_or_default()
        })
        .collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(0).max(1);
    for k in 0..height {
        l.begin_line();
        for (i, w) in widths.iter().enumerate() {
            l.out.push(if i == 0 { "│ " } else { " │ " }, border);
            let line = wrapped[i].get(k);
            let used = line.map_or(0, |x| x.width.min(*w));
            let pad = w - used;
            let before = match aligns.get(i) {
                Some(Alignment::Right) => pad,
                Some(Alignment::Center) => pad / 2,
                _ => 0,
            };
            push_spaces(l, before);
            if let (Some(line), Some(cell)) = (line, row.get(i)) {
                push_range(&mut l.out, cell, line, *w, |s| s);
            }
            push_spaces(l, pad - before);
        }
        l.out.push(" │", border);
        l.out.end_line();
    }
}

/// The most columns a header takes before each value in `header: value`
/// lines after the first row's.
const NARROW_HEADER_COLUMNS: usize = 20;

/// One body row as `header: value` lines, for widths too narrow for a grid;
/// `after` puts a blank line before it. Headers repeat for every cell of
/// every row: the rows after the first are given them cut short.
fn narrow_row(l: &mut LayoutRun<'_>, header: &Row, row: &Row, after: bool) {
    if after {
        l.blank_line();
    }
    let labelled = |i: usize| i < header.len() && !header.is_blank(i);
    cell_lines(
        l,
        row.len(),
        |i| labelled(i) || !row.is_blank(i),
        |i, inline| {
            if labelled(i) {
                header.append_to(i, inline);
                inline.push_safe(": ", Style::of(Role::TableHeader));
            }
            row.append_to(i, inline);
        },
    );
}

/// Lays out `count` cells one under another, as a paragraph of the cells
/// with a break between each two is laid out (an empty line for an empty
/// cell, nothing for the blank ones at the end), but one cell at a time, so
/// a row a million cells wide never holds more than one cell's lines.
/// `shows(i)` says cell `i` has more than whitespace; `fill` writes it.
fn cell_lines(
    l: &mut LayoutRun<'_>,
    count: usize,
    shows: impl Fn(usize) -> bool,
    fill: impl Fn(usize, &mut Inline),
) {
    let Some(last) = (0..count).rev().find(|&i| shows(i)) else {
        return;
    };
    let avail = l.avail();
    let mut inline = Inline::default();
    let mut any = false;
    for i in 0..=last {
        inline.clear();
        fill(i, &mut inline);
        let lines = wrap_inline(&inline, avail);
        if !lines.is_empty() {
            l.emit_lines(&inline, &lines, avail);
            any = true;
        } else if any {
            let empty = WrappedLine {
                range: 0..0,
                width: 0,
                too_wide: false,
                hyphen: false,
            };
            l.emit_lines(&inline, &[empty], avail);
        }
    }
}

fn push_spaces(l: &mut LayoutRun<'_>, mut n: usize) {
    while n > 0 {
        let s = spaces(n);
        l.out.push(s, Style::default());
        n -= s.len();
    }
}

/// The widest unbreakable word of a cell (a CJK character breaks anywhere).
fn longest_word(text: &str) -> usize {
    text.split_whitespace()
        .map(|w| {
            if w.chars().any(breaks_anywhere) {
                2
            } else {
                width_of(w)
            }
        })
        .max()
        .unwrap_or(0)
}

/// Column widths within `space` (>= one column each). Natural widths when
/// they fit; else every column gets its longest word and the rest of the
/// space goes to columns in proportion to what they still lack; when even
/// the words do not fit, the widest columns are capped at a common width.
fn fit(natural: &[usize], words: &[usize], space: usize) -> Vec<usize> {
    if natural.iter().sum::<usize>() <= space {
        return natural.to_vec();
    }
    let words: Vec<usize> = words
        .iter()
        .zip(natural)
        .map(|(&w, &n)| w.min(n).max(1))
        .collect();
    let floor: usize = words.iter().sum();
    if floor > space {
        return cap(&words, space);
    }
    let lack: Vec<usize> = natural.iter().zip(&words).map(|(n, w)| n - w).collect();
    let total_lack: usize = lack.iter().sum();
    let extra = space - floor;
    let mut widths: Vec<usize> = words
        .iter()
        .zip(&lack)
        .map(|(w, l)| w + extra * l / total_lack.max(1))
        .collect();
    hand_out_rest(&mut widths, natural, space);
    widths
}

/// Gives the columns still short of their natural width one more column each,
/// left to right, while `space` has columns left over.
fn hand_out_rest(widths: &mut [usize], natural: &[usize], space: usize) {
    let mut left = space.saturating_sub(widths.iter().sum());
    for (w, &n) in widths.iter_mut().zip(natural) {
        if left == 0 {
            break;
        }
        if n > *w {
            *w += 1;
            left -= 1;
        }
    }
}

/// Caps the widest columns at a common width so that they fit in `space`.
fn cap(natural: &[usize], space: usize) -> Vec<usize> {
    let total = |cap: usize| natural.iter().map(|&n| n.min(cap)).sum::<usize>();
    let (mut lo, mut hi) = (1, natural.iter().copied().max().unwrap_or(1));
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if total(mid) <= space {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let mut widths: Vec<usize> = natural.iter().map(|&n| n.min(lo).max(1)).collect();
    hand_out_rest(&mut widths, natural, space);
    widths
}

impl LayoutRun<'_> {
    /// Opens a table, its head, a row or a cell.
    pub(super) fn start_table(&mut self, tag: Tag<'_>, source: usize) {
        match tag {
            Tag::Table(aligns) => {
                self.flush_inline();
                self.block_start(source);
                self.table = Some(Table::new(aligns));
            }
            Tag::TableHead => {
                self.styles.roles.push(Role::TableHeader);
                if let Some(t) = self.table.as_mut() {
                    t.start_row();
                }
            }
            Tag::TableRow => {
                if let Some(t) = self.table.as_mut() {
                    t.start_row();
                }
            }
            Tag::TableCell => self.inline.clear(),
            _ => {}
        }
    }

    /// Closes a table, its head, a row or a cell.
    pub(super) fn end_table_part(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Table => self.end_table(),
            TagEnd::TableHead => {
                self.styles.roles.pop();
                self.end_row();
            }
            TagEnd::TableRow => self.end_row(),
            TagEnd::TableCell => {
                if let Some(t) = self.table.as_mut() {
                    t.push_cell(&self.inline);
                }
                self.inline.clear();
                self.inline_source = None;
            }
            _ => {}
        }
    }

    fn end_row(&mut self) {
        if let Some(mut table) = self.table.take() {
            table.end_row(self);
            self.table = Some(table);
        }
    }

    fn end_table(&mut self) {
        let Some(table) = self.table.take() else {
            return;
        };
        table.layout(self);
        self.block_end();
    }
}

#[cfg(test)]
mod tests {
    use super::fit;

    #[test]
    fn natural_widths_fit_as_they_are() {
        assert_eq!(fit(&[3, 5, 2], &[1, 1, 1], 20), vec![3, 5, 2]);
    }

    #[test]
    fn words_are_kept_whole_when_they_fit() {
        let w = fit(&[19, 8, 5, 56], &[7, 8, 5, 8], 30);
        assert_eq!(w.iter().sum::<usize>(), 30);
        assert_eq!(w[1], 8);
        assert_eq!(w[2], 5);
        assert!(w[3] > w[0], "{w:?}");
    }

    #[test]
    fn wide_columns_are_capped_when_words_do_not_fit() {
        let w = fit(&[3, 50, 40], &[3, 20, 20], 30);
        assert_eq!(w.iter().sum::<usize>(), 30);
        assert_eq!(w[0], 3);
        assert!(w[1] >= w[2] && w[1] - w[2] <= 1);
    }

    #[test]
    fn every_column_keeps_one() {
        assert_eq!(fit(&[9, 9, 9], &[9, 9, 9], 3), vec![1, 1, 1]);
    }
}

//! kramdown's tables as GFM reads them: kramdown writes separator lines
//! with `+` between the cells (`|----+----|`), puts them anywhere in a
//! table (above the header, between parts of the body, `|====|` before the
//! footer), and GFM takes none of that. The separator under the first row
//! becomes GFM's delimiter row (its `+` made `|`); every other separator
//! line is dropped, so the parts of the body and the footer read as rows.
//! Jekyll's readers see one table; quire shows one table.

/// True when `body` may hold a line the kramdown pass turns: a table's
/// separator, an abbreviation (`*[`), a markdown HTML block (`markdown=`).
/// The pass need not read a body without one.
pub(crate) fn may_hold(body: &str) -> bool {
    let bytes = body.as_bytes();
    [
        &b"|-"[..],
        b"|=",
        b"|:",
        b"| -",
        b"| :",
        b"*[",
        b"markdown=",
    ]
    .iter()
    .any(|s| memchr::memmem::find(bytes, s).is_some())
}

/// Where a table being read is.
#[derive(Debug, Default)]
pub(super) struct Tables {
    /// Rows of cells read in the table so far (`None`: not in a table).
    rows: Option<usize>,
}

/// What becomes of one line.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Fate {
    /// Not a line of a kramdown table: the pass goes on with it.
    Other,
    /// A row of cells: written as it is.
    Row,
    /// The separator under the header: written as GFM's delimiter row.
    Delimiter(String),
    /// Any other separator: dropped.
    Drop,
}

impl Tables {
    /// What becomes of `line`, the table's state moving past it.
    pub(super) fn line(&mut self, line: &str) -> Fate {
        let Some(row) = table_line(line) else {
            self.rows = None;
            return Fate::Other;
        };
        let rows = self.rows.get_or_insert(0);
        match separator(row) {
            None => {
                *rows += 1;
                Fate::Row
            }
            Some(Rule::Dashes) if *rows == 1 => {
                // Still one row: a second separator under it is dropped.
                *rows += 1;
                let indent = &line[..line.len() - line.trim_start().len()];
                Fate::Delimiter(format!("{indent}{}\n", row.trim_end().replace('+', "|")))
            }
            Some(_) => Fate::Drop,
        }
    }

    /// A line that is not the table's (a fence, a blank line) ends it.
    pub(super) fn end(&mut self) {
        self.rows = None;
    }
}

/// A separator line's kind.
#[derive(Debug, PartialEq, Eq)]
enum Rule {
    /// `|---+---|`: between the header and body, or parts of the body.
    Dashes,
    /// `|===+===|`: above the footer.
    Equals,
}

/// `line` without its indent when it is a table line: at most three
/// spaces, then `|`.
fn table_line(line: &str) -> Option<&str> {
    let row = line.trim_start_matches(' ');
    (line.len() - row.len() <= 3 && row.starts_with('|')).then_some(row)
}

/// The kind of separator `row` is, if it is one: `|` then only `-`, `=`,
/// `:`, `+`, `|` and spaces, its first cell beginning with `-` or `=`
/// (after spaces and a `:`).
fn separator(row: &str) -> Option<Rule> {
    let body = row.trim_end().strip_prefix('|')?;
    let first = body.trim_start().trim_start_matches(':').chars().next()?;
    if !matches!(first, '-' | '=') {
        return None;
    }
    if !body
        .chars()
        .all(|c| matches!(c, '-' | '=' | ':' | '+' | '|' | ' '))
    {
        return None;
    }
    Some(if body.contains('=') {
        Rule::Equals
    } else {
        Rule::Dashes
    })
}

impl super::Pass<'_, '_> {
    /// Writes or drops a kramdown table's separator line (see
    /// this module); false for any other line, left to the pass.
    pub(super) fn table_line(&mut self, line: &str) -> bool {
        match self.tables.as_mut().map(|t| t.line(line)) {
            Some(Fate::Delimiter(row)) => {
                self.out.push_str(&row);
                true
            }
            Some(Fate::Drop) => true,
            Some(Fate::Row | Fate::Other) | None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fates(text: &str) -> Vec<Fate> {
        let mut tables = Tables::default();
        text.lines().map(|l| tables.line(l)).collect()
    }

    #[test]
    fn the_separator_under_the_header_is_gfm_s_and_the_others_go() {
        let got = fates(
            "|---+---|\n| a | b |\n|---|:--|\n| 1 | 2 |\n|---+---|\n| 3 | 4 |\n|===+===|\n| f | g |\n|---+---|\nafter",
        );
        assert_eq!(
            got,
            [
                Fate::Drop,
                Fate::Row,
                Fate::Delimiter("|---|:--|\n".into()),
                Fate::Row,
                Fate::Drop,
                Fate::Row,
                Fate::Drop,
                Fate::Row,
                Fate::Drop,
                Fate::Other,
            ]
        );
    }

    #[test]
    fn a_plus_in_the_delimiter_becomes_a_pipe_and_short_forms_are_kept() {
        assert_eq!(
            fates("| a | b\n|-+:-:\n| 1 | 2")[1],
            Fate::Delimiter("|-|:-:\n".into())
        );
        assert_eq!(
            fates("  | a |\n  |---+---|")[1],
            Fate::Delimiter("  |---|---|\n".into())
        );
    }

    #[test]
    fn lines_that_only_look_like_tables_are_left() {
        // Four spaces: code. A row of text. A rule that is not a table's.
        assert_eq!(fates("    |---+---|"), [Fate::Other]);
        assert_eq!(fates("| a - b |"), [Fate::Row]);
        assert_eq!(fates("---"), [Fate::Other]);
        assert_eq!(fates("| - item |\n|-x-|"), [Fate::Row, Fate::Row]);
    }

    #[test]
    fn a_blank_line_ends_the_table() {
        let mut tables = Tables::default();
        assert_eq!(tables.line("| a |"), Fate::Row);
        tables.end();
        assert_eq!(tables.line("|---|"), Fate::Drop, "a new table's first line");
    }
}

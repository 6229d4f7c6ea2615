//! Dates as authors write them, read as `YYYY-MM-DD`: ISO forms, worded
//! forms, RFC 2822, and the date at the start of a Jekyll file name.

/// A date written in any common form, as `YYYY-MM-DD`: ISO dates and
/// datetimes (`2023-11-14`, `2023-11-14T10:00:00Z`, `2023-11-14 10:00:00 +0530`,
/// `2023/11/14`, one-digit months and days), `14 Nov 2023`, `Nov 14, 2023`
/// and RFC 2822's `Tue, 14 Nov 2023 10:00:00 +0000`. The date is the one
/// written, not moved to another time zone. A refused date says why: it is
/// not written in a form quire reads, it names a day the calendar does not
/// have (`2023-02-31`), or a time of day the clock does not (`T25:00`).
pub fn read_date(text: &str) -> Result<String, DateError> {
    let text = text.trim();
    let ((year, month, day), time) = iso_date(text)
        .or_else(|| worded_date(text))
        .ok_or(DateError::Unreadable)?;
    let date = ymd(year, month, day)?;
    clock(time)?;
    Ok(date)
}

/// Why a written date was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not a form quire reads.
    Unreadable,
    /// Month and day read, but the month has no such day (`2023-02-31`).
    NoSuchDay,
    /// The date is followed by a time of day that does not exist: an hour
    /// past 23, a minute past 59, a second past 59 (60 only at 23:59, a
    /// leap second).
    NoSuchTime,
}

/// A date as year, month and day.
type Ymd = (u32, u32, u32);

/// `YYYY-M-D` (with `-`, `/` or `.`) at the start of `text`, followed by the
/// end, a `T`, a space or a `_`/`-` (as in a Jekyll file name); and the text
/// after it.
fn iso_date(text: &str) -> Option<(Ymd, &str)> {
    let bytes = text.as_bytes();
    let mut fields = [0u32; 3];
    let mut pos = 0;
    for (i, field) in fields.iter_mut().enumerate() {
        let start = pos;
        while pos < bytes.len() && bytes[pos].is_ascii_digit() && pos - start < 4 {
            *field = *field * 10 + u32::from(bytes[pos] - b'0');
            pos += 1;
        }
        let digits = pos - start;
        let ok = if i == 0 {
            digits == 4
        } else {
            (1..=2).contains(&digits)
        };
        if !ok {
            return None;
        }
        if i < 2 {
            if !matches!(bytes.get(pos), Some(b'-' | b'/' | b'.')) {
                return None;
            }
            pos += 1;
        }
    }
    if !matches!(
        bytes.get(pos),
        None | Some(b'T' | b't' | b' ' | b'_' | b'-')
    ) {
        return None;
    }
    Some(((fields[0], fields[1], fields[2]), &text[pos..]))
}

/// `14 Nov 2023`, `Nov 14, 2023`, `November 14 2023`, with an optional
/// leading weekday (`Tue, `); and the word after the year (a time in RFC
/// 2822), empty when there is none. Anything after that is ignored.
fn worded_date(text: &str) -> Option<(Ymd, &str)> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let words = match words.first() {
        Some(w) if weekday(w) => &words[1..],
        _ => &words[..],
    };
    let [a, b, c, rest @ ..] = words else {
        return None;
    };
    let (day, month) = match (a.parse::<u32>(), month(a)) {
        (Ok(day), _) => (day, month(b)?),
        (_, Some(m)) => (
            b.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h'])
                .parse()
                .ok()?,
            m,
        ),
        _ => return None,
    };
    let year: u32 = c.parse().ok().filter(|_| c.len() == 4)?;
    Some((
        (year, month, day),
        rest.first().copied().unwrap_or_default(),
    ))
}

/// Checks the time of day at the start of `text` (after a `T` or spaces):
/// `H:MM`, `HH:MM:SS`, with anything after it ignored. Text that does not
/// start with a time is not checked: only a time that is written and
/// impossible is refused.
fn clock(text: &str) -> Result<(), DateError> {
    let text = text.trim_start_matches(['T', 't', ' ']);
    let number = |s: &str| -> Option<(u32, usize)> {
        let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let value = s
            .get(..digits.min(2))
            .filter(|_| (1..=2).contains(&digits))?;
        Some((value.parse().ok()?, digits))
    };
    let Some((hour, at)) = number(text) else {
        return Ok(());
    };
    let Some(rest) = text[at..].strip_prefix(':') else {
        return Ok(());
    };
    let Some((minute, at)) = number(rest) else {
        return Ok(());
    };
    let second = rest[at..]
        .strip_prefix(':')
        .and_then(number)
        .map(|(s, _)| s);
    let leap = hour == 23 && minute == 59 && second == Some(60);
    if hour > 23 || minute > 59 || second.is_some_and(|s| s > 59 && !leap) {
        return Err(DateError::NoSuchTime);
    }
    Ok(())
}

/// Formats a day of the (proleptic Gregorian) calendar; month 13 or day 32 is
/// unreadable, February 30 or April 31 a day that does not exist.
fn ymd(year: u32, month: u32, day: u32) -> Result<String, DateError> {
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return Err(DateError::Unreadable);
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if day > days {
        return Err(DateError::NoSuchDay);
    }
    Ok(format!("{year:04}-{month:02}-{day:02}"))
}

/// The month of an English month name or its three-letter abbreviation.
fn month(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let word = word.trim_end_matches('.').to_ascii_lowercase();
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| {
            *m == word
                || (word.len() == 3 && m.starts_with(&word))
                || (word == "sept" && *m == "september")
        })
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// True for an English weekday name or abbreviation.
fn weekday(word: &str) -> bool {
    const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let word = word.to_ascii_lowercase();
    word.len() >= 3 && DAYS.iter().any(|d| word.starts_with(d))
}

/// The date of a Jekyll post file name, `YYYY-M-D-title.md`.
pub fn file_name_date(stem: &str) -> Option<String> {
    let ((year, month, day), _) = iso_date(stem)?;
    ymd(year, month, day).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normalize_date(text: &str) -> Option<String> {
        read_date(text).ok()
    }

    #[test]
    fn dates_in_common_forms() {
        for (given, want) in [
            ("2023-11-14", "2023-11-14"),
            ("2023-11-14 10:00:00 +0530", "2023-11-14"),
            ("2023-11-14T23:59:59Z", "2023-11-14"),
            ("2024-1-9", "2024-01-09"),
            ("2023/11/14", "2023-11-14"),
            ("14 Nov 2023", "2023-11-14"),
            ("November 14, 2023", "2023-11-14"),
            ("Tue, 14 Nov 2023 10:00:00 +0000", "2023-11-14"),
            ("Nov 3rd, 2023", "2023-11-03"),
        ] {
            assert_eq!(normalize_date(given).as_deref(), Some(want), "{given}");
        }
        for bad in [
            "",
            "soon",
            "2023-13-01",
            "2023-11-40",
            "11/14/2023",
            "23-11-14",
        ] {
            assert_eq!(read_date(bad), Err(DateError::Unreadable), "{bad}");
        }
    }

    #[test]
    fn days_the_calendar_lacks_are_refused() {
        for missing in [
            "2023-02-31",
            "2023-02-29",
            "1900-02-29",
            "2023-04-31",
            "31 Jun 2023",
            "Sep 31, 2023",
        ] {
            assert_eq!(read_date(missing), Err(DateError::NoSuchDay), "{missing}");
        }
        for leap in ["2024-02-29", "2000-02-29", "2023-12-31", "2023-01-31"] {
            assert!(read_date(leap).is_ok(), "{leap}");
        }
        assert_eq!(file_name_date("2023-2-30-post"), None);
        assert_eq!(
            file_name_date("2024-2-29-post").as_deref(),
            Some("2024-02-29")
        );
    }

    #[test]
    fn times_the_clock_lacks_are_refused() {
        for missing in [
            "2023-02-28T25:00:00",
            "2023-02-28T24:00",
            "2023-02-28 10:60:00 +0000",
            "2023-02-28t10:00:61Z",
            "2023-02-28T12:00:60",
            "Tue, 28 Feb 2023 25:00:00 +0000",
        ] {
            assert_eq!(read_date(missing), Err(DateError::NoSuchTime), "{missing}");
        }
        for fine in [
            "2023-02-28T23:59:59Z",
            "2023-02-28T00:00",
            "2016-12-31T23:59:60Z",
            "2023-02-28 9:05",
            "2023-02-28 evening",
            "2023-02-28T10:00:00.999+05:30",
            "Tue, 28 Feb 2023 10:00:00 +0000",
        ] {
            assert!(read_date(fine).is_ok(), "{fine}");
        }
        // The day is still checked first.
        assert_eq!(read_date("2023-02-31T25:00"), Err(DateError::NoSuchDay));
    }

    #[test]
    fn jekyll_file_name_dates() {
        assert_eq!(
            file_name_date("2024-1-29-OpenSource").as_deref(),
            Some("2024-01-29")
        );
        assert_eq!(
            file_name_date("2022-10-2-webdev").as_deref(),
            Some("2022-10-02")
        );
        assert_eq!(file_name_date("2023-11-14").as_deref(), Some("2023-11-14"));
        assert_eq!(file_name_date("index"), None);
        assert_eq!(file_name_date("2023-11-14x"), None);
    }
}

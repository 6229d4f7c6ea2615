//! Dates as authors write them, read as `YYYY-MM-DD`: ISO forms, worded
//! forms, RFC 2822, and the date at the start of a Jekyll file name. The
//! calendar, the clock, offsets and time zones are jiff's.

use jiff::civil::{Date, Time};
use jiff::tz::{Offset, TimeZone};

/// A date written in any common form, as `YYYY-MM-DD`: ISO dates and
/// datetimes (`2023-11-14`, `2023-11-14T10:00:00Z`, `2023-11-14 10:00:00 +0530`,
/// `2023/11/14`, one-digit months and days), `14 Nov 2023`, `Nov 14, 2023`
/// and RFC 2822's `Tue, 14 Nov 2023 10:00:00 +0000`. The date is the one
/// written, not moved to another time zone. A refused date says why: it is
/// not written in a form quire reads, it names a day the calendar does not
/// have (`2023-02-31`), or a time of day the clock does not (`T25:00`).
pub fn read_date(text: &str) -> Result<String, DateError> {
    read_date_in(text, None)
}

/// [`read_date`], as a site in the time zone `zone` shows it: a time
/// written with an offset (`2013-05-06 02:12:52 +0200`) is moved to the
/// zone first (`2013-05-05` in America/Los_Angeles), as Jekyll does with its
/// `timezone:`. A date without a time or an offset is the one written.
pub fn read_date_in(text: &str, zone: Option<&TimeZone>) -> Result<String, DateError> {
    let text = text.trim();
    if let Ok(zoned) = jiff::fmt::rfc2822::parse(text) {
        let date = match zone {
            Some(zone) => zoned.timestamp().to_zoned_datetime(zone.clone()).date(),
            None => zoned.date(),
        };
        return Ok(shown(date));
    }
    let ((year, month, day), time) = iso_date(text)
        .or_else(|| worded_date(text))
        .ok_or(DateError::Unreadable)?;
    let date = calendar(year, month, day)?;
    let moved = match (clock(time)?, zone) {
        (Some((time, Some(offset))), Some(zone)) => offset
            .to_timestamp(date.to_datetime(time))
            .map(|instant| instant.to_zoned_datetime(zone.clone()).date())
            .unwrap_or(date),
        _ => date,
    };
    Ok(shown(moved))
}

/// The time zone a site names (`America/Los_Angeles`), from the bundled
/// database; `None` for a name it does not hold.
pub fn time_zone(name: &str) -> Option<TimeZone> {
    TimeZone::get(name.trim()).ok()
}

fn shown(date: Date) -> String {
    date.strftime("%Y-%m-%d").to_string()
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

/// The time of day at the start of `text` (after a `T` or spaces):
/// `H:MM`, `HH:MM:SS`, `HH:MM:SS.fff`, and the offset after it, if any
/// (`Z`, `+0530`, `+05:30`, ` -0800`). Text that does not start with a time
/// is no time: only a time that is written and impossible is refused.
fn clock(text: &str) -> Result<Option<(Time, Option<Offset>)>, DateError> {
    let text = text.trim_start_matches(['T', 't', ' ']);
    let Some((hour, rest)) = number(text) else {
        return Ok(None);
    };
    let Some(rest) = rest.strip_prefix(':') else {
        return Ok(None);
    };
    let Some((minute, mut rest)) = number(rest) else {
        return Ok(None);
    };
    let mut second = 0;
    if let Some((s, after)) = rest.strip_prefix(':').and_then(number) {
        second = s;
        rest = after;
    }
    if let Some(fraction) = rest.strip_prefix('.') {
        rest = fraction.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    // 23:59:60, a leap second, is a time of the day before midnight.
    let leap = hour == 23 && minute == 59 && second == 60;
    let second = if leap { 59 } else { second };
    let time = i8::try_from(hour)
        .ok()
        .zip(i8::try_from(minute).ok())
        .zip(i8::try_from(second).ok())
        .and_then(|((h, m), s)| Time::new(h, m, s, 0).ok())
        .ok_or(DateError::NoSuchTime)?;
    Ok(Some((time, offset(rest.trim_start()))))
}

/// One or two digits at the start of `text`, and the text after them.
fn number(text: &str) -> Option<(u32, &str)> {
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if !(1..=2).contains(&digits) {
        return None;
    }
    Some((text[..digits].parse().ok()?, &text[digits..]))
}

/// `Z`, `+HHMM`, `+HH:MM` or `+HH` (or `-`) at the start of `text`.
fn offset(text: &str) -> Option<Offset> {
    if text.starts_with(['Z', 'z']) {
        return Some(Offset::UTC);
    }
    let sign = match text.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = text[1..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ':')
        .filter(char::is_ascii_digit)
        .collect();
    let (hours, minutes) = match digits.len() {
        2 => (digits.parse::<i32>().ok()?, 0),
        4 => (
            digits[..2].parse::<i32>().ok()?,
            digits[2..].parse::<i32>().ok()?,
        ),
        _ => return None,
    };
    Offset::from_seconds(sign * (hours * 3600 + minutes * 60)).ok()
}

/// A day of the (proleptic Gregorian) calendar; month 13 or day 32 is
/// unreadable, February 30 or April 31 a day that does not exist.
fn calendar(year: u32, month: u32, day: u32) -> Result<Date, DateError> {
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return Err(DateError::Unreadable);
    }
    let year = i16::try_from(year).map_err(|_| DateError::Unreadable)?;
    // Month and day fit an i8 after the check above.
    Date::new(year, month as i8, day as i8).map_err(|_| DateError::NoSuchDay)
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
    calendar(year, month, day).ok().map(shown)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
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
    fn a_time_with_an_offset_moves_to_the_site_s_zone() {
        // The Jekyll docs' own post, in their America/Los_Angeles.
        let la = time_zone("America/Los_Angeles").unwrap();
        let moved = |text: &str| read_date_in(text, Some(&la)).unwrap();
        assert_eq!(moved("2013-05-06 02:12:52 +0200"), "2013-05-05");
        assert_eq!(
            read_date("2013-05-06 02:12:52 +0200").unwrap(),
            "2013-05-06"
        );
        assert_eq!(moved("2013-05-06T02:12:52Z"), "2013-05-05");
        assert_eq!(moved("2013-05-06T10:12:52+02:00"), "2013-05-06");
        assert_eq!(moved("Mon, 06 May 2013 02:12:52 +0200"), "2013-05-05");
        // Without an offset the date is the one written, in the site's zone.
        assert_eq!(moved("2013-05-06 02:12:52"), "2013-05-06");
        assert_eq!(moved("2013-05-06"), "2013-05-06");
        let tokyo = time_zone("Asia/Tokyo").unwrap();
        assert_eq!(
            read_date_in("2013-05-06 20:00:00 -0500", Some(&tokyo)).unwrap(),
            "2013-05-07"
        );
        assert!(time_zone("Not/AZone").is_none());
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

//! Calendar dates as written in article datelines and metadata, German and English:
//! `28.10.2024`, `19. November 2024`, `NOVEMBER 19, 2024`, `19 Nov 2024`, `2024-11-19`,
//! `2024-11-19T10:15:00+01:00`, `11/19/2024`, with an optional weekday before and a time after.
//!
//! [`parse_date_line`] recognises a whole publication-date line ("Veröffentlicht: 28.10.2024",
//! "Stand: 19.11.2024, 10:15 Uhr", "Updated: NOVEMBER 19, 2024 00:17", "Published 2024-11-19").

use chrono::NaiveDate;

/// Month number for a German or English month name or abbreviation (any case, with or without
/// a trailing period).
pub fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    let n = match w.as_str() {
        "januar" | "jänner" | "january" | "jan" | "jän" => 1,
        "februar" | "feber" | "february" | "feb" | "febr" => 2,
        "märz" | "maerz" | "march" | "mär" | "mrz" | "mar" => 3,
        "april" | "apr" => 4,
        "mai" | "may" => 5,
        "juni" | "june" | "jun" => 6,
        "juli" | "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "oktober" | "october" | "okt" | "oct" => 10,
        "november" | "nov" => 11,
        "dezember" | "december" | "dez" | "dec" => 12,
        _ => return None,
    };
    Some(n)
}

fn is_weekday(word: &str) -> bool {
    let w = word.trim_end_matches('.').to_lowercase();
    matches!(
        w.as_str(),
        "montag"
            | "dienstag"
            | "mittwoch"
            | "donnerstag"
            | "freitag"
            | "samstag"
            | "sonnabend"
            | "sonntag"
            | "mo"
            | "di"
            | "mi"
            | "do"
            | "fr"
            | "sa"
            | "so"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "mon"
            | "tue"
            | "tues"
            | "wed"
            | "thu"
            | "thur"
            | "thurs"
            | "fri"
            | "sat"
            | "sun"
    )
}

/// A cursor over a short string.
#[derive(Clone, Copy)]
struct Cursor<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        self.s.get(self.pos..).unwrap_or("")
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn skip_ws(&mut self) {
        while let Some(c) = self.peek() {
            if !c.is_whitespace() {
                break;
            }
            self.pos += c.len_utf8();
        }
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }

    /// A run of ASCII digits with `min..=max` digits.
    fn number(&mut self, min: usize, max: usize) -> Option<u32> {
        let digits = self.rest().bytes().take_while(u8::is_ascii_digit).count();
        if digits < min || digits > max {
            return None;
        }
        let n = self.rest()[..digits].parse().ok()?;
        self.pos += digits;
        Some(n)
    }

    /// A run of letters.
    fn word(&mut self) -> Option<&'a str> {
        let rest = self.rest();
        let len: usize = rest
            .chars()
            .take_while(|c| c.is_alphabetic())
            .map(char::len_utf8)
            .sum();
        if len == 0 {
            return None;
        }
        self.pos += len;
        Some(&rest[..len])
    }
}

fn year(y: u32, digits_were_two: bool) -> i32 {
    if digits_were_two {
        if y < 70 {
            2000 + y as i32
        } else {
            1900 + y as i32
        }
    } else {
        y as i32
    }
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// A four- or two-digit year.
fn parse_year(c: &mut Cursor<'_>) -> Option<i32> {
    let start = c.pos;
    let y = c.number(2, 4)?;
    let digits = c.pos - start;
    match digits {
        4 => Some(year(y, false)),
        2 => Some(year(y, true)),
        _ => None,
    }
}

/// `19.11.2024`, `19. 11. 2024`, `19.11.24`
fn day_month_year_numeric(mut c: Cursor<'_>) -> Option<(NaiveDate, usize)> {
    let d = c.number(1, 2)?;
    if !c.eat('.') {
        return None;
    }
    c.skip_ws();
    let m = c.number(1, 2)?;
    if !c.eat('.') {
        return None;
    }
    c.skip_ws();
    let y = parse_year(&mut c)?;
    if c.peek().is_some_and(|ch| ch.is_ascii_digit()) {
        return None;
    }
    Some((ymd(y, m, d)?, c.pos))
}

/// `2024-11-19`, `2024-11-19T10:15:00Z`, `2024/11/19`
fn iso(mut c: Cursor<'_>) -> Option<(NaiveDate, usize)> {
    let y = c.number(4, 4)? as i32;
    let sep = c.peek()?;
    if sep != '-' && sep != '/' {
        return None;
    }
    c.pos += 1;
    let m = c.number(1, 2)?;
    if !c.eat(sep) {
        return None;
    }
    let d = c.number(1, 2)?;
    let date = ymd(y, m, d)?;
    // A time glued on with `T` belongs to the date.
    if c.peek() == Some('T') && c.rest()[1..].starts_with(|ch: char| ch.is_ascii_digit()) {
        let extra = c.rest().find(char::is_whitespace).unwrap_or(c.rest().len());
        c.pos += extra;
    }
    Some((date, c.pos))
}

/// `19. November 2024`, `19 Nov. 2024`, `19. Nov 24`
fn day_monthname_year(mut c: Cursor<'_>) -> Option<(NaiveDate, usize)> {
    let d = c.number(1, 2)?;
    c.eat('.');
    c.skip_ws();
    let m = month_number(c.word()?)?;
    c.eat('.');
    c.eat(',');
    c.skip_ws();
    let y = parse_year(&mut c)?;
    Some((ymd(y, m, d)?, c.pos))
}

/// `November 19, 2024`, `NOVEMBER 19, 2024`, `Nov. 19th 2024`
fn monthname_day_year(mut c: Cursor<'_>) -> Option<(NaiveDate, usize)> {
    let m = month_number(c.word()?)?;
    c.eat('.');
    c.skip_ws();
    let d = c.number(1, 2)?;
    let save = c;
    match c.word() {
        Some("st" | "nd" | "rd" | "th") => {}
        _ => c = save,
    }
    c.eat(',');
    c.skip_ws();
    let y = parse_year(&mut c)?;
    Some((ymd(y, m, d)?, c.pos))
}

/// `11/19/2024` (month first, as in US English) or `19/11/2024` when the first number cannot be
/// a month.
fn slashed(mut c: Cursor<'_>) -> Option<(NaiveDate, usize)> {
    let a = c.number(1, 2)?;
    if !c.eat('/') {
        return None;
    }
    let b = c.number(1, 2)?;
    if !c.eat('/') {
        return None;
    }
    let y = c.number(4, 4)? as i32;
    let date = if a <= 12 { ymd(y, a, b) } else { ymd(y, b, a) }?;
    Some((date, c.pos))
}

/// A parser for one date layout: the date and the position after it.
type DateParser = fn(Cursor<'_>) -> Option<(NaiveDate, usize)>;

/// Parses a date at the start of `s` (after an optional weekday), returning it and the byte
/// position after it.
pub fn parse_date_prefix(s: &str) -> Option<(NaiveDate, usize)> {
    let mut c = Cursor { s, pos: 0 };
    c.skip_ws();
    let save = c;
    if let Some(w) = c.word() {
        if is_weekday(w) {
            c.eat('.');
            c.eat(',');
            c.skip_ws();
            if c.rest().starts_with("den ") {
                // "Dienstag, den 19. November 2024"
                c.pos += 4;
            }
            c.skip_ws();
        } else {
            c = save;
        }
    }
    let parsers: [DateParser; 5] = [
        iso,
        day_month_year_numeric,
        day_monthname_year,
        monthname_day_year,
        slashed,
    ];
    parsers.iter().find_map(|p| p(c))
}

/// True when `rest` holds nothing but a time of day and its decoration
/// (`, 10:15 Uhr`, `00:17`, `| 10.15 h MEZ`, `at 3:20 p.m. ET`).
fn is_time_rest(rest: &str) -> bool {
    let mut words = 0;
    for word in rest.split(|c: char| !c.is_alphabetic()) {
        if word.is_empty() {
            continue;
        }
        words += 1;
        let ok = matches!(
            word.to_lowercase().as_str(),
            "uhr"
                | "um"
                | "at"
                | "h"
                | "cet"
                | "cest"
                | "mez"
                | "mesz"
                | "utc"
                | "gmt"
                | "am"
                | "pm"
                | "a"
                | "p"
                | "m"
                | "et"
                | "est"
                | "edt"
                | "ct"
                | "cst"
                | "pt"
                | "pst"
                | "pdt"
                | "bst"
                | "kst"
                | "msk"
                | "z"
                | "ortszeit"
                | "local"
                | "time"
        );
        if !ok || words > 4 {
            return false;
        }
    }
    rest.chars().all(|c| {
        c.is_alphabetic()
            || c.is_ascii_digit()
            || c.is_whitespace()
            || matches!(
                c,
                ':' | '.' | ',' | '|' | '-' | '–' | '/' | '(' | ')' | '+' | '·' | '•'
            )
    })
}

/// Parses a string that is a date, optionally with a weekday before and a time after it
/// (`"2024-11-19T10:15:00Z"`, `"Tuesday, November 19, 2024 10:15"`, `"19.11.2024"`).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let (date, end) = parse_date_prefix(s)?;
    is_time_rest(&s[end..]).then_some(date)
}

/// Labels that introduce a publication date, longest first so that prefixes do not shadow them.
const DATE_LABELS: &[&str] = &[
    "zuletzt aktualisiert am",
    "zuletzt aktualisiert",
    "zuletzt geändert am",
    "zuletzt geändert",
    "veröffentlicht am",
    "veröffentlicht",
    "aktualisiert am",
    "aktualisiert",
    "erschienen am",
    "erschienen",
    "publiziert am",
    "publiziert",
    "erstellt am",
    "erstellt",
    "stand vom",
    "stand",
    "datum",
    "last updated on",
    "last updated",
    "last modified",
    "first published on",
    "first published",
    "originally published",
    "published on",
    "published",
    "updated on",
    "updated",
    "posted on",
    "posted",
    "created",
    "dated",
    "date",
];

/// The date of a publication-date line: a label such as "Veröffentlicht", "Stand", "Datum",
/// "Published", "Updated", "Date" (optionally with a colon), then the date and perhaps a time;
/// or a line that is nothing but a date. `None` for anything else, including prose that merely
/// contains a date.
pub fn parse_date_line(line: &str) -> Option<NaiveDate> {
    let line = line.trim();
    if line.is_empty() || line.len() > 120 {
        return None;
    }
    let lower = line.to_lowercase();
    for label in DATE_LABELS {
        // `to_lowercase` keeps the byte length of these labels' characters, so offsets agree.
        if lower.starts_with(label) && line.is_char_boundary(label.len()) {
            let rest = &line[label.len()..];
            // The label must end at a word boundary.
            if rest.starts_with(|c: char| c.is_alphanumeric()) {
                continue;
            }
            let rest = rest.trim_start();
            let rest = rest.strip_prefix(':').unwrap_or(rest).trim_start();
            let rest = ["am ", "on ", "den "]
                .iter()
                .find_map(|p| rest.strip_prefix(p))
                .unwrap_or(rest);
            return parse_date(rest);
        }
    }
    if line.len() <= 60 {
        parse_date(line)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn date_lines() {
        let cases: &[(&str, Option<NaiveDate>)] = &[
            ("Veröffentlicht: 28.10.2024", d(2024, 10, 28)),
            ("Veröffentlicht am 28.10.2024 um 14:03 Uhr", d(2024, 10, 28)),
            ("Stand: 19.11.2024, 10:15 Uhr", d(2024, 11, 19)),
            ("Updated: NOVEMBER 19, 2024 00:17", d(2024, 11, 19)),
            ("Published 2024-11-19", d(2024, 11, 19)),
            (
                "Published on Nov. 19, 2024 at 3:20 p.m. ET",
                d(2024, 11, 19),
            ),
            ("Datum: 6. November 2024", d(2024, 11, 6)),
            ("Date: 2024-11-19T10:15:00+01:00", d(2024, 11, 19)),
            ("Dienstag, 19. November 2024", d(2024, 11, 19)),
            ("Dienstag, den 19. November 2024", d(2024, 11, 19)),
            ("Tuesday, November 19th, 2024", d(2024, 11, 19)),
            ("19 November 2024", d(2024, 11, 19)),
            ("19.11.24", d(2024, 11, 19)),
            ("11/19/2024", d(2024, 11, 19)),
            ("19/11/2024", d(2024, 11, 19)),
            ("Aktualisiert: 1. März 2023 | 08:00 Uhr MEZ", d(2023, 3, 1)),
            ("Last updated: 5 Jan 2025", d(2025, 1, 5)),
            ("STAND: 19.11.2024", d(2024, 11, 19)),
            // Not date lines
            ("Der Vertrag wurde am 19. Juni 2024 unterzeichnet.", None),
            ("Am 19.11.2024 traf Kim den Minister in Pjöngjang", None),
            ("Stand der Dinge: unklar", None),
            ("Standort: Berlin", None),
            ("Datum: 31.02.2024", None),
            ("Analysierte Forenbeiträge: 53", None),
            ("2024", None),
            ("", None),
        ];
        let mut failures = Vec::new();
        for (line, expected) in cases {
            let got = parse_date_line(line);
            if got != *expected {
                failures.push(format!("{line:?}: got {got:?}, expected {expected:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn months() {
        assert_eq!(month_number("März"), Some(3));
        assert_eq!(month_number("NOVEMBER"), Some(11));
        assert_eq!(month_number("Sept."), Some(9));
        assert_eq!(month_number("Montag"), None);
    }
}

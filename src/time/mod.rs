//! Time expressions, their normalisation and the event timeline.
//!
//! - [`find_timexes`]: German and English time expressions (dates, times, durations, sets),
//!   normalised to TIMEX3 values relative to the document date. Rule-based; every rule and word
//!   list was written for this project. Numeric dates in every order news writes them (day
//!   first in German, month first in English, year first, `09-JAN-2017`), ranges with both ends
//!   (`Timex::ends`), offsets that name a date ("in a week": the date, with `Timex::offset`),
//!   eras (`BC0113`; Buddhist-era years), ordinal words and holidays. Weekdays, months and
//!   dates without a year follow the tense of their clause (past back, present and future
//!   ahead); where nothing tells, the news convention (the most recent one) decides and the
//!   expression is marked `Uncertainty::Direction`.
//! - [`find_events`] / [`merge_events`]: clauses that state something happening at a resolved
//!   time, and the dossier-wide timeline built from them.
//!
//! Scoring against TimeBank and SmartData lives in the developer tooling (`crate::dev`).
//!
//! ```
//! use chrono::NaiveDate;
//! use dossier::model::Lang;
//! use dossier::time::find_timexes;
//! use dossier::text::{split_sentences, tokenize};
//!
//! let text = "Der Vertrag wurde am 19. Juni unterzeichnet.";
//! let tokens = tokenize(text, &Lang::De);
//! let sentences = split_sentences(text, &tokens, &Lang::De);
//! let dct = NaiveDate::from_ymd_opt(2024, 11, 19);
//! let found = find_timexes(text, &tokens, &sentences, &Lang::De, dct);
//! assert_eq!(found[0].value, "2024-06-19");
//! ```

pub mod events;
mod lexicon;
mod normalize;
mod recognize;
mod tense;

use chrono::NaiveDate;
use thiserror::Error;

use crate::model::{Lang, Precision, Span, Timex};
use crate::text::{Sentence, Token};

pub use events::{DocEvent, event_sentences, find_events, merge_events};

/// Errors of the time module.
#[derive(Debug, Error)]
pub enum TimeError {
    /// A document date given on the command line is not a valid `YYYY-MM-DD` date.
    #[error("invalid document date {input:?}: {reason} (expected YYYY-MM-DD, e.g. 2024-11-19)")]
    BadDct {
        /// What was given.
        input: String,
        /// Why it was rejected.
        reason: String,
    },
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A file's content is not what was expected.
    #[error("cannot parse {path}: {reason}")]
    Parse {
        /// The file.
        path: std::path::PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// A directory holds no files to evaluate.
    #[error("no {what} found in {path}")]
    Empty {
        /// What was looked for.
        what: &'static str,
        /// Where.
        path: std::path::PathBuf,
    },
}

/// Finds the time expressions of `text`, sorted by position and not overlapping.
///
/// `tokens` and `sentences` come from [`crate::text`]; the recogniser scans the text itself (so
/// that "28.10.2024" or "12.00 Uhr" are read the same whatever the tokenizer does) and uses the
/// sentences for tense cues. With `dct = None` relative expressions keep `X` placeholders
/// (`XXXX-06-19`, `XXXX-WXX-2`) and are marked `unresolved`; they are never anchored to today.
/// Languages other than German and English are scanned with both word lists.
pub fn find_timexes(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    lang: &Lang,
    dct: Option<NaiveDate>,
) -> Vec<Timex> {
    let _ = tokens;
    let spans: Vec<Span> = sentences.iter().map(|s| s.span).collect();
    find_timexes_in(text, &spans, lang, dct)
}

/// Like [`find_timexes`], with sentences given as byte spans (empty: a simple built-in splitter
/// is used).
pub fn find_timexes_in(
    text: &str,
    sentences: &[Span],
    lang: &Lang,
    dct: Option<NaiveDate>,
) -> Vec<Timex> {
    let (de, en) = match lang {
        Lang::De => (true, false),
        Lang::En => (false, true),
        _ => (true, true),
    };
    let mut found = recognize::recognize(text, sentences, de, en, dct);
    found.sort_by_key(|t| (t.span.start, t.span.end));
    // Non-overlapping, on char boundaries (guaranteed by the scanner; checked defensively).
    let mut out: Vec<Timex> = Vec::with_capacity(found.len());
    for t in found {
        if !text.is_char_boundary(t.span.start)
            || !text.is_char_boundary(t.span.end)
            || t.span.end > text.len()
            || t.span.is_empty()
        {
            continue;
        }
        if out.last().is_some_and(|p| p.span.end > t.span.start) {
            continue;
        }
        out.push(t);
    }
    out
}

/// The first fully written calendar date in `text` ("Veröffentlicht: 28.10.2024",
/// "November 19, 2024", "2024-11-19T08:00:00Z"), for readers that look for a document date in
/// date lines or metadata. Relative or partial dates ("gestern", "19. Juni") are ignored.
pub fn absolute_date(text: &str, lang: &Lang) -> Option<NaiveDate> {
    find_timexes_in(text, &[], lang, None)
        .into_iter()
        .filter(|t| !t.unresolved && matches!(t.precision, Some(Precision::Day | Precision::Time)))
        .find_map(|t| {
            t.value
                .get(..10)
                .and_then(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d").ok())
        })
}

/// Parses a document date given as `YYYY-MM-DD` (the `--dct` option), strictly: the date must
/// exist and be written with a four-digit year and two-digit month and day.
pub fn parse_dct_arg(s: &str) -> Result<NaiveDate, TimeError> {
    let bad = |reason: &str| TimeError::BadDct {
        input: s.to_string(),
        reason: reason.to_string(),
    };
    let t = s.trim();
    let b = t.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return Err(bad("not in the form YYYY-MM-DD"));
    }
    let num = |r: std::ops::Range<usize>| t.get(r).and_then(|x| x.parse::<u32>().ok());
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return Err(bad("not in the form YYYY-MM-DD"));
    };
    if !(1..=12).contains(&m) {
        return Err(bad(&format!("month {m} does not exist")));
    }
    if y == 0 {
        return Err(bad("year 0000 is not supported"));
    }
    NaiveDate::from_ymd_opt(y as i32, m, d)
        .ok_or_else(|| bad(&format!("day {d} does not exist in {y:04}-{m:02}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_dates_for_date_lines() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
        assert_eq!(
            absolute_date("Veröffentlicht: 28.10.2024, 14:00 Uhr", &Lang::De),
            d(2024, 10, 28)
        );
        assert_eq!(
            absolute_date("Stand: 19. November 2024", &Lang::De),
            d(2024, 11, 19)
        );
        assert_eq!(
            absolute_date("Posted November 19, 2024", &Lang::En),
            d(2024, 11, 19)
        );
        assert_eq!(
            absolute_date("2024-11-19T08:00:00+01:00", &Lang::Unknown),
            d(2024, 11, 19)
        );
        assert_eq!(absolute_date("gestern, 19. Juni", &Lang::De), None);
        assert_eq!(absolute_date("am 31.02.2024", &Lang::De), None);
    }

    #[test]
    fn dct_arg_strict() {
        assert_eq!(
            parse_dct_arg("2024-11-19").unwrap(),
            NaiveDate::from_ymd_opt(2024, 11, 19).unwrap()
        );
        assert!(parse_dct_arg("2024-02-29").is_ok());
        for bad in [
            "2024-13-01",
            "2024-02-30",
            "2023-02-29",
            "19.11.2024",
            "2024-1-19",
            "",
            "2024-11-19x",
            "0000-01-01",
        ] {
            let err = parse_dct_arg(bad).unwrap_err();
            assert!(err.to_string().contains("YYYY-MM-DD"), "{bad}: {err}");
        }
        let msg = parse_dct_arg("2024-13-01").unwrap_err().to_string();
        assert!(msg.contains("month 13"), "{msg}");
    }
}

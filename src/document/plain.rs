//! Plain-text articles: layout detection (title, headings, date lines, trailing metadata).
//!
//! The layout rules, for a text already decoded and with `\n` line ends:
//! - Paragraphs are either blocks separated by blank lines or, when the file has no blank lines,
//!   single lines (a line that does not end a sentence and is followed by a line starting in
//!   lower case continues the same paragraph).
//! - The first non-empty line is the title (unless the file has a single line).
//! - Publication-date lines ([`super::dates::parse_date_line`]) among the first lines after the
//!   title or in the trailing lines become the document date and leave the body.
//! - `Key: value` lines with short values at the very end become metadata; so do lines directly
//!   after the title with well-known keys ("Autor", "Quelle", "Source", …), and a byline
//!   there ("Von Max Mustermann", "By Jane Doe") becomes metadata `author`.
//! - A short line without closing punctuation, standing on its own and followed by a paragraph
//!   (or by the trailing metadata), is a heading.

use std::collections::BTreeMap;

use crate::model::{Dct, DctSource};

use super::Parsed;
use super::body::{Body, clean_line};
use super::dates::parse_date_line;

/// Characters that close a sentence or a quotation at the end of a line.
fn ends_closed(line: &str) -> bool {
    line.ends_with([
        '.', '!', '?', ':', ';', ',', '…', '“', '”', '"', '»', '«', '\'', '’', '‘', '-', '–', '—',
    ])
}

/// A short line without closing punctuation that could be a heading.
fn heading_like(line: &str) -> bool {
    let chars = line.chars().count();
    let Some(first) = line.chars().next() else {
        return false;
    };
    (2..=100).contains(&chars)
        && line.split_whitespace().count() <= 12
        && (first.is_uppercase()
            || first.is_ascii_digit()
            || matches!(first, '„' | '"' | '»' | '«'))
        && !ends_closed(line)
        && line.chars().any(char::is_alphabetic)
        && !is_credit_line(line)
}

/// Picture credits and cross references inside an article ("Foto: dpa", "Lesen Sie auch: …"):
/// not headings, whatever their length.
fn is_credit_line(line: &str) -> bool {
    line.split_once(':').is_some_and(|(key, _)| {
        matches!(
            key.trim().to_lowercase().as_str(),
            "foto"
                | "fotos"
                | "bild"
                | "bilder"
                | "grafik"
                | "video"
                | "audio"
                | "quelle"
                | "photo"
                | "image"
                | "source"
                | "credit"
                | "lesen sie auch"
                | "mehr zum thema"
                | "siehe auch"
                | "read more"
                | "see also"
                | "anzeige"
        )
    })
}

/// Keys that are read as metadata when they follow the title.
fn is_leading_key(key: &str) -> bool {
    matches!(
        key.to_lowercase().as_str(),
        "autor"
            | "autorin"
            | "autoren"
            | "author"
            | "authors"
            | "von"
            | "by"
            | "quelle"
            | "quellen"
            | "source"
            | "ressort"
            | "rubrik"
            | "kategorie"
            | "category"
            | "section"
            | "tags"
            | "schlagworte"
            | "schlagwörter"
            | "url"
            | "link"
            | "ort"
            | "location"
            | "lesezeit"
            | "reading time"
            | "foto"
            | "fotos"
            | "bild"
    )
}

/// The names in a byline ("Von Max Mustermann", "By Jane Doe and John Smith").
fn byline(line: &str) -> Option<String> {
    let rest = [
        "Von ",
        "von ",
        "VON ",
        "By ",
        "by ",
        "BY ",
        "Text von ",
        "Text: ",
    ]
    .iter()
    .find_map(|p| line.strip_prefix(p))?
    .trim();
    let words: Vec<&str> = rest.split_whitespace().collect();
    let names_only = words.iter().all(|w| {
        let w = w.trim_end_matches(',');
        matches!(
            w,
            "und" | "and" | "von" | "van" | "der" | "de" | "la" | "le" | "&"
        ) || w.starts_with(char::is_uppercase)
    });
    ((1..=8).contains(&words.len()) && names_only && !ends_closed(rest)).then(|| clean_line(rest))
}

/// A `Key: value` line with a short key and a short value.
pub(crate) fn key_value(line: &str) -> Option<(String, String)> {
    let (key, value) = line.split_once(": ")?;
    let (key, value) = (key.trim(), value.trim());
    let key_ok = !key.is_empty()
        && key.chars().count() <= 50
        && key.split_whitespace().count() <= 6
        && key.starts_with(char::is_alphabetic)
        && !key.contains([
            '.', '!', '?', ';', ',', '"', '„', '“', '”', '«', '»', '(', ')',
        ]);
    let words = value.split_whitespace().count();
    let chars = value.chars().count();
    let value_ok = !value.is_empty()
        && ((chars <= 60 && words <= 8) || (words == 1 && chars <= 300))
        && !value.ends_with(['!', '?'])
        && (!value.ends_with('.') || words <= 2);
    (key_ok && value_ok).then(|| (key.to_string(), clean_line(value)))
}

/// A news dateline opens the line, so it is the first paragraph, not a title:
/// "THE HAGUE, Netherlands (AP) — …", "MOSCOW (Reuters) - …", "Berlin (dpa) – …",
/// "WASHINGTON — …". Needs the agency in parentheses, or a place in capitals followed by a
/// dash, and prose after it.
fn starts_with_dateline(line: &str) -> bool {
    static DATELINE: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    let re = DATELINE.get_or_init(|| {
        regex::Regex::new(
            r"^(?:\p{Lu}[\p{L}.'’ -]{1,40}(?:, [\p{L}.'’ -]{2,30})?\s*\([^()]{1,30}\)\s*(?:[-–—:]|--)|\p{Lu}{2,}(?:[ -]\p{Lu}{2,}){0,3}(?:, [\p{L}. ]{2,30})?\s+(?:[-–—]|--))\s*\S",
        )
        .ok()
    });
    re.as_ref().is_some_and(|re| re.is_match(line)) && line.chars().count() > 40
}

/// Reads the layout of a plain-text article.
pub(crate) fn parse(text: &str) -> Parsed {
    let lines: Vec<&str> = text.split('\n').map(str::trim).collect();
    // Lines without a letter or digit ("***", "---") separate blocks but carry no text.
    let is_content = |l: &str| l.chars().any(char::is_alphanumeric);
    let nonempty: Vec<usize> = (0..lines.len()).filter(|&i| is_content(lines[i])).collect();
    let mut used = vec![false; lines.len()];
    let mut dct = None;
    let mut metadata = BTreeMap::new();
    let mut title = String::new();
    let date = |d| {
        Some(Dct {
            date: d,
            source: DctSource::Text,
        })
    };

    // Date lines before the title, then the title.
    let mut k = 0;
    while k < nonempty.len() {
        match parse_date_line(lines[nonempty[k]]) {
            Some(d) => {
                dct = dct.or(date(d));
                used[nonempty[k]] = true;
                k += 1;
            }
            None => break,
        }
    }
    if nonempty.len() - k >= 2
        && lines[nonempty[k]].chars().count() <= 300
        && !starts_with_dateline(lines[nonempty[k]])
    {
        title = clean_line(lines[nonempty[k]]);
        used[nonempty[k]] = true;
        k += 1;
    }

    // Date lines and well-known metadata right after the title.
    let mut seen_content = false;
    for &i in nonempty.iter().skip(k).take(4) {
        if let Some(d) = parse_date_line(lines[i]) {
            dct = dct.or(date(d));
            used[i] = true;
        } else if let Some((key, value)) =
            key_value(lines[i]).filter(|(k, _)| !seen_content && is_leading_key(k))
        {
            metadata.insert(key, value);
            used[i] = true;
        } else if let Some(author) = byline(lines[i]).filter(|_| !seen_content) {
            metadata.insert("author".to_string(), author);
            used[i] = true;
        } else {
            seen_content = true;
        }
    }

    // Trailing date lines and `Key: value` lines.
    let mut trailing_meta = false;
    for &i in nonempty.iter().rev().take(15) {
        if used[i] {
            break;
        }
        if let Some(d) = parse_date_line(lines[i]) {
            dct = dct.or(date(d));
        } else if let Some((key, value)) = key_value(lines[i]) {
            metadata.entry(key).or_insert(value);
            trailing_meta = true;
        } else {
            break;
        }
        used[i] = true;
    }

    // The remaining lines, grouped into units (candidate paragraphs).
    let block_mode = {
        let first = nonempty.first().copied().unwrap_or(0);
        let last = nonempty.last().copied().unwrap_or(0);
        lines[first..last].iter().any(|l| l.is_empty())
    };
    let mut units: Vec<Vec<&str>> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let separator = used[i] || !is_content(line);
        if separator {
            if block_mode && !current.is_empty() {
                units.push(std::mem::take(&mut current));
            }
            continue;
        }
        if block_mode {
            current.push(line);
        } else {
            let continues = units
                .last()
                .and_then(|u| u.last())
                .is_some_and(|prev| !ends_closed(prev) && line.starts_with(char::is_lowercase))
                && i > 0
                && !used[i - 1];
            match units.last_mut() {
                Some(unit) if continues => unit.push(line),
                _ => units.push(vec![line]),
            }
        }
    }
    if !current.is_empty() {
        units.push(current);
    }
    // In a block, a heading-like first line over lines that all close a sentence is a heading.
    let mut split_units = Vec::with_capacity(units.len());
    for unit in units {
        if block_mode
            && unit.len() >= 2
            && heading_like(unit[0])
            && unit[1..].iter().all(|l| ends_closed(l))
        {
            split_units.push(vec![unit[0]]);
            split_units.push(unit[1..].to_vec());
        } else {
            split_units.push(unit);
        }
    }

    let mut body = Body::default();
    let n = split_units.len();
    for (i, unit) in split_units.iter().enumerate() {
        let is_heading = unit.len() == 1 && heading_like(unit[0]) && (i + 1 < n || trailing_meta);
        if is_heading {
            body.heading(unit[0], 1);
        } else {
            body.paragraph(&unit.join(" "));
        }
    }
    Parsed {
        title,
        body,
        metadata,
        dct,
        lang: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn layout_line_per_paragraph() {
        let text = "Titel der Meldung\nVeröffentlicht: 28.10.2024\nErster Absatz mit Text.\nZwischentitel\nZweiter Absatz, der\nhier weitergeht.\nQuelle: dpa";
        let p = parse(text);
        assert_eq!(p.title, "Titel der Meldung");
        assert_eq!(p.dct.map(|d| d.date), NaiveDate::from_ymd_opt(2024, 10, 28));
        assert_eq!(
            p.body
                .headings
                .iter()
                .map(|h| h.text.as_str())
                .collect::<Vec<_>>(),
            vec!["Zwischentitel"]
        );
        assert_eq!(
            p.body.text,
            "Erster Absatz mit Text.\n\nZweiter Absatz, der hier weitergeht."
        );
        assert_eq!(p.metadata.get("Quelle").map(String::as_str), Some("dpa"));
    }

    #[test]
    fn layout_blocks() {
        let text = "Titel\n\nStand: 19.11.2024, 10:15 Uhr\n\nDer erste Absatz ist\nhart umbrochen und geht\nhier weiter.\n\nZwischentitel\n\nNoch ein Absatz.\n\nAutor: Max Muster";
        let p = parse(text);
        assert_eq!(p.title, "Titel");
        assert_eq!(p.dct.map(|d| d.date), NaiveDate::from_ymd_opt(2024, 11, 19));
        assert_eq!(
            p.body.text,
            "Der erste Absatz ist hart umbrochen und geht hier weiter.\n\nNoch ein Absatz."
        );
        assert_eq!(p.body.headings.len(), 1);
        assert_eq!(p.body.headings[0].offset, p.body.paragraphs[1].start);
        assert_eq!(
            p.metadata.get("Autor").map(String::as_str),
            Some("Max Muster")
        );
    }

    #[test]
    fn short_prose_with_punctuation_is_a_paragraph() {
        let p = parse("Titel\nEr kam.\nSie ging!\nEnde");
        assert!(p.body.headings.is_empty());
        assert_eq!(p.body.text, "Er kam.\n\nSie ging!\n\nEnde");
    }

    #[test]
    fn bylines() {
        let p = parse(
            "Titel\nVon Max Mustermann\n19.11.2024, 10:15 Uhr\nSeoul. Nordkorea hat Soldaten geschickt.",
        );
        assert_eq!(
            p.metadata.get("author").map(String::as_str),
            Some("Max Mustermann")
        );
        assert!(p.body.headings.is_empty());
        assert_eq!(p.body.text, "Seoul. Nordkorea hat Soldaten geschickt.");
        let p = parse("Title\n\nBy Jane Doe and John Smith\n\nThe text.");
        assert_eq!(
            p.metadata.get("author").map(String::as_str),
            Some("Jane Doe and John Smith")
        );
        assert_eq!(byline("Von dort aus ging es weiter."), None);
    }

    #[test]
    fn credit_lines_are_not_headings() {
        let p = parse("Titel\nErster Absatz.\nFoto: dpa\nZweiter Absatz.");
        assert!(p.body.headings.is_empty());
        assert_eq!(p.body.paragraphs.len(), 3);
    }

    #[test]
    fn a_dateline_on_the_first_line_is_not_the_title() {
        let paragraphs = [
            "THE HAGUE, Netherlands (AP) — The tribunal met on Tuesday to hear the case.",
            "MOSCOW (Reuters) - Russia said on Monday it would answer the sanctions.",
            "Berlin (dpa) – Die Bundesregierung hat am Montag neue Hilfen beschlossen.",
            "WASHINGTON — The Senate voted on Thursday to pass the bill after a long debate.",
        ];
        for first in paragraphs {
            let text = format!("{first}\n\nA second paragraph follows here.");
            let p = parse(&text);
            assert_eq!(p.title, "", "{first}");
            assert!(p.body.text.starts_with(first), "{first}");
        }
        for title in [
            "Nato-Gipfel in Den Haag: Rutte fordert mehr Geld",
            "IAEA chief Grossi visits Zaporizhzhia nuclear plant",
            "USA (vorläufig) – ein Überblick",
        ] {
            let p = parse(&format!("{title}\n\nBody text here."));
            assert_eq!(p.title, title);
        }
    }

    #[test]
    fn single_line_has_no_title() {
        let p = parse("Kim Jong Un traf Putin.");
        assert_eq!(p.title, "");
        assert_eq!(p.body.text, "Kim Jong Un traf Putin.");
    }

    #[test]
    fn key_values() {
        assert!(key_value("Analysierte Forenbeiträge: 53").is_some());
        assert!(
            key_value(
                "Er sagte: Wir werden die Verhandlungen fortsetzen, bis es eine Lösung gibt."
            )
            .is_none()
        );
        assert!(key_value("Fazit: Alles bleibt unklar!").is_none());
        assert!(key_value("Kein Doppelpunkt").is_none());
    }
}

//! A fixture "analysis" for the viewer's tests and the `viewer_fixture` example: a small
//! gazetteer and date patterns for the sample dossier in `assets/samples/`. Test code only —
//! the app itself analyses through the real pipeline behind `dossier::gui::Loader`.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use dossier::analysis::{Analyzed, Dossier};
use dossier::gui::Loader;
use dossier::model::{
    DateRange, Dct, DctSource, DocId, Document, EntityId, EntityType, Event, EventId, EventSource,
    Heading, Lang, Precision, Source, Span, Timex, TimexType, Variant,
};
use dossier::ner::RawMention;
use dossier::text::Sentence;

/// `(surface, canonical, type, variant)`.
const GAZETTEER: &[(&str, &str, EntityType, Variant)] = &[
    (
        "Tomas Petrauskas",
        "Tomas Petrauskas",
        EntityType::Per,
        Variant::Name,
    ),
    (
        "Petrauskas",
        "Tomas Petrauskas",
        EntityType::Per,
        Variant::Name,
    ),
    ("Helena Vogt", "Helena Vogt", EntityType::Per, Variant::Name),
    ("Vogt", "Helena Vogt", EntityType::Per, Variant::Name),
    (
        "Rasa Kairienė",
        "Rasa Kairienė",
        EntityType::Per,
        Variant::Name,
    ),
    (
        "Nordwind Netz AG",
        "Nordwind Netz AG",
        EntityType::Org,
        Variant::Name,
    ),
    (
        "Nordwind Netz",
        "Nordwind Netz AG",
        EntityType::Org,
        Variant::Name,
    ),
    (
        "Bundesnetzagentur",
        "Bundesnetzagentur",
        EntityType::Org,
        Variant::Name,
    ),
    (
        "Deutsche Marine",
        "Deutsche Marine",
        EntityType::Org,
        Variant::Name,
    ),
    (
        "EU-Kommission",
        "EU-Kommission",
        EntityType::Org,
        Variant::Name,
    ),
    (
        "European Commission",
        "EU-Kommission",
        EntityType::Org,
        Variant::Name,
    ),
    (
        "Staatsanwaltschaft Kiel",
        "Staatsanwaltschaft Kiel",
        EntityType::Org,
        Variant::Name,
    ),
    ("Kiel", "Kiel", EntityType::Loc, Variant::Name),
    ("Klaipėda", "Klaipėda", EntityType::Loc, Variant::Name),
    ("Ostsee", "Ostsee", EntityType::Loc, Variant::Name),
    ("Baltic Sea", "Ostsee", EntityType::Loc, Variant::Name),
    ("Fehmarn", "Fehmarn", EntityType::Loc, Variant::Name),
    ("Litauens", "Litauen", EntityType::Loc, Variant::Name),
    ("Litauen", "Litauen", EntityType::Loc, Variant::Name),
    ("Lithuania", "Litauen", EntityType::Loc, Variant::Name),
    ("litauischen", "Litauen", EntityType::Loc, Variant::Deriv),
    ("Polen", "Polen", EntityType::Loc, Variant::Name),
    ("polnische", "Polen", EntityType::Loc, Variant::Deriv),
    ("Polish", "Polen", EntityType::Loc, Variant::Deriv),
    ("Deutschland", "Deutschland", EntityType::Loc, Variant::Name),
    ("Germany", "Deutschland", EntityType::Loc, Variant::Name),
    ("German", "Deutschland", EntityType::Loc, Variant::Deriv),
    ("Berlin", "Berlin", EntityType::Loc, Variant::Name),
    ("Brüssel", "Brüssel", EntityType::Loc, Variant::Name),
    ("Vilnius", "Vilnius", EntityType::Loc, Variant::Name),
    ("Gdańsk", "Gdańsk", EntityType::Loc, Variant::Name),
    ("Rostock", "Rostock", EntityType::Loc, Variant::Name),
    ("BalticLink", "BalticLink", EntityType::Oth, Variant::Name),
    ("Arkona Star", "Arkona Star", EntityType::Oth, Variant::Name),
];

const DE_MONTHS: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [(&str, Weekday); 14] = [
    ("Montag", Weekday::Mon),
    ("Dienstag", Weekday::Tue),
    ("Mittwoch", Weekday::Wed),
    ("Donnerstag", Weekday::Thu),
    ("Freitag", Weekday::Fri),
    ("Samstag", Weekday::Sat),
    ("Sonntag", Weekday::Sun),
    ("Monday", Weekday::Mon),
    ("Tuesday", Weekday::Tue),
    ("Wednesday", Weekday::Wed),
    ("Thursday", Weekday::Thu),
    ("Friday", Weekday::Fri),
    ("Saturday", Weekday::Sat),
    ("Sunday", Weekday::Sun),
];

/// The fixture loader.
#[derive(Debug, Default)]
pub struct FixtureLoader;

impl Loader for FixtureLoader {
    fn read(&self, path: &Path, bytes: Option<&[u8]>) -> Result<Vec<Document>, String> {
        let owned;
        let bytes = match bytes {
            Some(b) => b,
            None => {
                owned = std::fs::read(path).map_err(|e| e.to_string())?;
                &owned
            }
        };
        let text = std::str::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_string())?;
        if text.trim().is_empty() {
            return Err("the file is empty".into());
        }
        Ok(vec![parse_article(text, path)])
    }

    fn add(&self, dossier: &mut Dossier, document: Document) -> Result<DocId, String> {
        let analyzed = analyse(&document);
        Ok(dossier.insert(document, analyzed))
    }

    fn finish(&self, dossier: &mut Dossier) {
        dossier.events = build_events(dossier);
    }

    fn set_dct(&self, dossier: &mut Dossier, doc: DocId, dct: Option<Dct>) -> Result<(), String> {
        let i = dossier.doc_index(doc).ok_or("no such article")?;
        dossier.documents[i].dct = dct;
        dossier.analyses[i].timexes = find_timexes(&dossier.documents[i]);
        dossier.events = build_events(dossier);
        Ok(())
    }
}

/// Title = first line; date line; headings = short lines without final punctuation;
/// trailing `Key: value` lines = metadata; paragraphs joined with blank lines.
pub fn parse_article(text: &str, path: &Path) -> Document {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let title = lines.first().copied().unwrap_or("").to_string();
    let mut dct = None;
    let mut metadata = BTreeMap::new();
    let mut body = String::new();
    let mut headings = Vec::new();
    let mut paragraphs = Vec::new();
    let mut rest: Vec<&str> = lines.iter().skip(1).copied().collect();
    while let Some(last) = rest.last() {
        match last.split_once(": ") {
            Some((k, v)) if v.len() < 20 && !k.contains('.') && !is_date_line(last) => {
                metadata.insert(k.to_string(), v.to_string());
                rest.pop();
            }
            _ => break,
        }
    }
    for line in rest {
        if let Some(date) = date_line(line) {
            dct = Some(Dct {
                date,
                source: DctSource::Text,
            });
            continue;
        }
        let is_heading = line.len() < 60 && !line.ends_with(['.', '!', '?', ':', '“', '"']);
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        if is_heading {
            headings.push(Heading {
                text: line.to_string(),
                offset: body.len(),
                level: 1,
            });
            // Headings are held apart: undo the separator.
            body.truncate(body.len().saturating_sub(2));
            continue;
        }
        let start = body.len();
        body.push_str(line);
        paragraphs.push(Span::new(start, body.len()));
    }
    // Heading offsets point at the paragraph that follows them.
    for h in &mut headings {
        if let Some(p) = paragraphs.iter().find(|p| p.start >= h.offset) {
            h.offset = p.start;
        }
    }
    let language = if text.contains(" der ") || text.contains(" und ") {
        Lang::De
    } else {
        Lang::En
    };
    Document {
        id: DocId(0),
        path: Some(path.to_path_buf()),
        title,
        headings,
        paragraphs,
        metadata,
        language,
        dct,
        text: body,
    }
}

fn is_date_line(line: &str) -> bool {
    date_line(line).is_some()
}

fn date_line(line: &str) -> Option<NaiveDate> {
    let (key, value) = line.split_once(':')?;
    let value = value.trim();
    match key.trim() {
        "Veröffentlicht" => NaiveDate::parse_from_str(value, "%d.%m.%Y").ok(),
        "Published" => NaiveDate::parse_from_str(value, "%Y-%m-%d").ok(),
        _ => None,
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-'
}

/// Every whole-word occurrence of `needle` in `text`.
fn find_words(text: &str, needle: &str) -> Vec<Span> {
    text.match_indices(needle)
        .filter(|(i, _)| {
            let before = text[..*i].chars().next_back();
            let after = text[i + needle.len()..].chars().next();
            !before.is_some_and(is_word_char) && !after.is_some_and(|c| c.is_alphanumeric())
        })
        .map(|(i, _)| Span::new(i, i + needle.len()))
        .collect()
}

fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let end = i + c.len_utf8();
        let next = chars.get(k + 1).map(|x| x.1);
        let prev = if k > 0 { Some(chars[k - 1].1) } else { None };
        let boundary = matches!(c, '.' | '!' | '?' | '“' | '"')
            && matches!(next, None | Some(' ') | Some('\n'))
            && !(c == '.' && prev.is_some_and(|p| p.is_ascii_digit()))
            && !(c == '.' && prev == Some('m') && text[..i].ends_with("a.m"))
            && (c != '“' || prev.is_some_and(|p| matches!(p, '.' | '!' | '?')));
        let para_end = c == '\n' && next == Some('\n');
        if boundary || para_end {
            let s = text[start..end].trim();
            if !s.is_empty() {
                let lead = text[start..end].len() - text[start..end].trim_start().len();
                out.push(Span::new(start + lead, start + lead + s.len()));
            }
            start = end;
        }
    }
    let s = text[start..].trim();
    if !s.is_empty() {
        let lead = text[start..].len() - text[start..].trim_start().len();
        out.push(Span::new(start + lead, start + lead + s.len()));
    }
    // A closing quote after the full stop belongs to the sentence it closes.
    out
}

fn analyse(doc: &Document) -> Analyzed {
    let mut found: Vec<(Span, &str, EntityType, Variant)> = Vec::new();
    let mut by_len: Vec<_> = GAZETTEER.iter().collect();
    by_len.sort_by_key(|g| std::cmp::Reverse(g.0.len()));
    for (surface, canonical, ty, variant) in by_len {
        for span in find_words(&doc.text, surface) {
            if !found.iter().any(|f| f.0.overlaps(span)) {
                found.push((span, canonical, *ty, *variant));
            }
        }
    }
    found.sort_by_key(|f| f.0.start);
    let mentions = found
        .into_iter()
        .map(|(span, canonical, ty, variant)| RawMention {
            span,
            entity_type: ty,
            variant,
            source: if variant == Variant::Name {
                Source::Lexicon
            } else {
                Source::Rule
            },
            confidence: if variant == Variant::Name { 0.95 } else { 0.8 },
            canonical: canonical.to_string(),
        })
        .collect();
    Analyzed {
        sentences: sentences(&doc.text)
            .into_iter()
            .map(|span| Sentence { span, tokens: 0..0 })
            .collect(),
        mentions,
        timexes: find_timexes(doc),
    }
}

fn month_range(year: i32, month: u32, from: u32, to: Option<u32>) -> Option<DateRange> {
    let first = NaiveDate::from_ymd_opt(year, month, from)?;
    let last = match to {
        Some(d) => NaiveDate::from_ymd_opt(year, month, d)?,
        None => {
            let (y, m) = if month == 12 {
                (year + 1, 1)
            } else {
                (year, month + 1)
            };
            NaiveDate::from_ymd_opt(y, m, 1)? - Duration::days(1)
        }
    };
    Some(DateRange {
        earliest: first,
        latest: last,
    })
}

/// Date expressions of the samples: "11. November", "November 20", weekdays, "Anfang
/// Dezember" / "early December", "Ende des Jahres", "im Januar", "last week".
pub fn find_timexes(doc: &Document) -> Vec<Timex> {
    let text = &doc.text;
    let dct = doc.dct.map(|d| d.date);
    let mut out: Vec<Timex> = Vec::new();
    let mut add = |span: Span, value: String, precision: Precision, range: Option<DateRange>| {
        if !out.iter().any(|t: &Timex| t.span.overlaps(span)) {
            out.push(Timex {
                span,
                timex_type: TimexType::Date,
                unresolved: range.is_none(),
                value,
                precision: Some(precision),
                range,
                ends: None,
                offset: None,
                uncertain: None,
            });
        }
    };
    for (m, (de, en)) in DE_MONTHS.iter().zip(EN_MONTHS).enumerate() {
        let month = m as u32 + 1;
        for (i, _) in text.match_indices(&format!(". {de}")) {
            let digits = text[..i]
                .chars()
                .rev()
                .take_while(char::is_ascii_digit)
                .count();
            if digits == 0 {
                continue;
            }
            let start = i - digits;
            let day: u32 = text[start..i].parse().unwrap_or(0);
            let span = Span::new(start, i + 2 + de.len());
            let range = dct
                .and_then(|d| NaiveDate::from_ymd_opt(d.year(), month, day))
                .map(|d| DateRange {
                    earliest: d,
                    latest: d,
                });
            let value = match range {
                Some(r) => r.earliest.to_string(),
                None => format!("XXXX-{month:02}-{day:02}"),
            };
            add(span, value, Precision::Day, range);
        }
        for (i, _) in text.match_indices(&format!("{en} ")) {
            let after = &text[i + en.len() + 1..];
            let digits = after.chars().take_while(char::is_ascii_digit).count();
            if digits == 0 {
                continue;
            }
            let day: u32 = after[..digits].parse().unwrap_or(0);
            let span = Span::new(i, i + en.len() + 1 + digits);
            let range = dct
                .and_then(|d| NaiveDate::from_ymd_opt(d.year(), month, day))
                .map(|d| DateRange {
                    earliest: d,
                    latest: d,
                });
            let value = range.map_or(format!("XXXX-{month:02}-{day:02}"), |r| {
                r.earliest.to_string()
            });
            add(span, value, Precision::Day, range);
        }
        for phrase in [format!("Anfang {de}"), format!("early {en}")] {
            for span in find_words(text, &phrase) {
                let year = dct.map(|d| {
                    if month < d.month() {
                        d.year() + 1
                    } else {
                        d.year()
                    }
                });
                let range = year.and_then(|y| month_range(y, month, 1, Some(10)));
                let value = year.map_or(format!("XXXX-{month:02}"), |y| format!("{y}-{month:02}"));
                add(span, value, Precision::Month, range);
            }
        }
        for span in find_words(text, &format!("im {de}")) {
            let year = dct.map(|d| {
                if month < d.month() {
                    d.year() + 1
                } else {
                    d.year()
                }
            });
            let range = year.and_then(|y| month_range(y, month, 1, None));
            let value = year.map_or(format!("XXXX-{month:02}"), |y| format!("{y}-{month:02}"));
            add(span, value, Precision::Month, range);
        }
    }
    for span in find_words(text, "Ende des Jahres") {
        let range = dct.and_then(|d| month_range(d.year(), 12, 1, None));
        let value = dct.map_or("XXXX-12".into(), |d| format!("{}-12", d.year()));
        add(span, value, Precision::Month, range);
    }
    for span in find_words(text, "last week") {
        let range = dct.map(|d| {
            let monday = d - Duration::days(i64::from(d.weekday().num_days_from_monday()) + 7);
            DateRange {
                earliest: monday,
                latest: monday + Duration::days(6),
            }
        });
        let value = range.map_or("PAST_REF".into(), |r| {
            let w = r.earliest.iso_week();
            format!("{}-W{:02}", w.year(), w.week())
        });
        add(span, value, Precision::Week, range);
    }
    for (name, wd) in WEEKDAYS {
        for span in find_words(text, name) {
            let range = dct.map(|d| {
                let back = (7 + d.weekday().num_days_from_monday() - wd.num_days_from_monday()) % 7;
                let day = d - Duration::days(i64::from(back));
                DateRange {
                    earliest: day,
                    latest: day,
                }
            });
            let value = range.map_or(format!("XXXX-WXX-{}", wd.number_from_monday()), |r| {
                r.earliest.to_string()
            });
            add(span, value, Precision::Day, range);
        }
    }
    out.sort_by_key(|t| t.span.start);
    out
}

/// One event per resolved date expression: its sentence, with the entities in it; the same
/// date with shared participants across articles is one event.
pub fn build_events(dossier: &Dossier) -> Vec<Event> {
    let mut events: Vec<Event> = Vec::new();
    for (doc, analysis) in dossier.documents.iter().zip(&dossier.analyses) {
        for t in &analysis.timexes {
            let Some(range) = t.range else { continue };
            let Some(sentence) = analysis
                .sentences
                .iter()
                .find(|s| s.contains(t.span))
                .copied()
            else {
                continue;
            };
            let mut entities: Vec<EntityId> = analysis
                .mentions
                .iter()
                .filter(|m| sentence.contains(m.span))
                .map(|m| m.entity)
                .collect();
            entities.sort();
            entities.dedup();
            let words: Vec<&str> = sentence.slice(&doc.text).split_whitespace().collect();
            let mut label = words.iter().take(7).copied().collect::<Vec<_>>().join(" ");
            if words.len() > 7 {
                label.push('…');
            }
            let source = EventSource {
                doc: doc.id,
                span: sentence,
                timex: t.span,
            };
            if let Some(e) = events.iter_mut().find(|e| {
                e.range == range && e.entities.iter().filter(|x| entities.contains(x)).count() >= 2
            }) {
                e.sources.push(source);
                for x in entities {
                    if !e.entities.contains(&x) {
                        e.entities.push(x);
                    }
                }
                continue;
            }
            events.push(Event {
                id: EventId(0),
                value: t.value.clone(),
                precision: t.precision.unwrap_or(Precision::Day),
                range,
                label,
                entities,
                sources: vec![source],
            });
        }
    }
    events.sort_by_key(|e| (e.range.earliest, e.range.latest));
    for (i, e) in events.iter_mut().enumerate() {
        e.id = EventId(i as u32);
    }
    events
}

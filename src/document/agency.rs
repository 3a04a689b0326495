//! XML documents: agency formats (NITF, NewsML-G2, and NITF inside NewsML 1), TimeML, XHTML and
//! any other XML, read from the [`super::xml`] tree so that no tag, attribute or entity reaches
//! the text.
//!
//! - **NITF**: title from `hl1` (else `head/title`), sub-headline and `abstract` as the first
//!   paragraphs, `byline` → metadata `author`, `dateline` → metadata `dateline`, date from
//!   `date.issue`/`date.release`/`story.date` (`norm` attribute), body from `body.content`
//!   (`hl2`–`hl4` headings, `media-caption` captions, tables as rows, lists as items).
//! - **NewsML-G2**: one document per text `newsItem` (a `newsMessage` may hold several): title
//!   from `headline`, date from `contentCreated` (else `firstCreated`, `versionCreated`),
//!   `dateline`, `by`, `slugline`, `provider`, `located` and the item's `guid` as metadata,
//!   `description` as the lede, the body from `inlineXML` (XHTML or NITF) or `inlineData`.
//! - **TimeML** (`.tml`): the text of `<TEXT>` (paragraphs at blank lines), the creation time
//!   (`DCT/TIMEX3@value`) as document date, `TITLE` as title, `DOCID` as metadata `docid`.
//! - **Other XML**: the text content, one paragraph per element with text of its own; the title
//!   from the first `title`/`headline`/`subject` element, the date from the first `date`-like
//!   element.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::model::{Dct, DctSource, Lang};

use super::body::{Body, Mark};
use super::dates::parse_date;
use super::xml::{Element, Node, parse};
use super::{Parsed, ReadError};

/// A date in ISO 8601 basic form (`20241119`, `20241119T101500+0100`) or any form
/// [`parse_date`] knows.
pub(crate) fn norm_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() == 8 && !s[8..].starts_with(['-', '.', '/']) {
        let y = digits[..4].parse().ok()?;
        let m = digits[4..6].parse().ok()?;
        let d = digits[6..8].parse().ok()?;
        return NaiveDate::from_ymd_opt(y, m, d);
    }
    parse_date(s).or_else(|| {
        // `2024-11-19T10:15:00.000+01:00` and other ISO forms with a long time part.
        s.get(..10)
            .filter(|p| p.as_bytes().get(4) == Some(&b'-'))
            .and_then(parse_date)
    })
}

fn metadata_dct(date: Option<NaiveDate>) -> Option<Dct> {
    date.map(|date| Dct {
        date,
        source: DctSource::Metadata,
    })
}

/// Reads an XML document: one or more documents (a NewsML-G2 message may hold several items).
/// `Ok(None)` means the root is `html`: the caller reads it as HTML.
pub(crate) fn parse_xml(text: &str) -> Result<Option<Vec<Parsed>>, ReadError> {
    let doc = parse(text).map_err(|e| ReadError::Xml(e.0))?;
    let Some(root) = doc.elements().next() else {
        return Err(ReadError::Xml("no XML element".to_string()));
    };
    let name = root.name.to_ascii_lowercase();
    let parsed = match name.as_str() {
        "html" => return Ok(None),
        "timeml" => vec![timeml(root)],
        "nitf" => vec![nitf(root)],
        "newsitem" | "newsmessage" | "packageitem" | "knowledgeitem" | "conceptitem" => {
            let items: Vec<Parsed> = root
                .find_all("newsItem")
                .into_iter()
                .map(news_item)
                .filter(|p| !p.body.is_empty() || !p.title.is_empty())
                .collect();
            if items.is_empty() {
                return Err(ReadError::Xml(format!(
                    "NewsML-G2 {} without a text item",
                    root.name
                )));
            }
            items
        }
        _ => match root.find("nitf") {
            // NewsML 1 and other wrappers around NITF.
            Some(inner) => vec![nitf(inner)],
            None => vec![generic(root)],
        },
    };
    if parsed
        .iter()
        .all(|p| p.body.is_empty() && p.title.is_empty())
    {
        return Err(ReadError::Xml("no text content".to_string()));
    }
    Ok(Some(parsed))
}

/// Writes the blocks below `e` into `body`: the shared walk for NITF bodies, XHTML and other
/// XML. Elements with text of their own are one paragraph each (their inline children
/// included); headings, captions, table rows and list items are recognised by name.
fn blocks(e: &Element, body: &mut Body) {
    for child in e.elements() {
        block(child, body);
    }
}

fn block(e: &Element, body: &mut Body) {
    let name = e.name.to_ascii_lowercase();
    match name.as_str() {
        "script" | "style" | "head" | "media-reference" | "media-metadata" | "media-producer"
        | "object" | "include" | "fallback" | "classifier" | "meta" | "link" => {}
        "h1" | "hl1" => body.heading(&e.text(), 1),
        "h2" | "hl2" => body.heading(&e.text(), 1),
        "h3" => body.heading(&e.text(), 2),
        "h4" | "h5" | "h6" => body.heading(&e.text(), 3),
        "media-caption" | "figcaption" | "caption" => body.marked(&e.text(), Mark::Caption),
        "tr" => {
            let cells: Vec<String> = e
                .elements()
                .map(Element::text)
                .filter(|c| !c.is_empty())
                .collect();
            body.paragraph(&cells.join(" | "));
        }
        "br" | "hr" => {}
        _ if e.has_own_text() => body.paragraph(&e.text()),
        _ => blocks(e, body),
    }
}

fn first_text(root: &Element, names: &[&str]) -> Option<String> {
    names.iter().find_map(|n| {
        root.find(n)
            .map(Element::text)
            .filter(|t| !t.is_empty() && t.len() <= 500)
    })
}

fn strip_by(byline: &str) -> String {
    let b = byline.trim();
    for prefix in ["Von ", "von ", "By ", "by ", "BY ", "VON "] {
        if let Some(rest) = b.strip_prefix(prefix) {
            return rest.trim().to_string();
        }
    }
    b.to_string()
}

/// An NITF document.
fn nitf(root: &Element) -> Parsed {
    let mut metadata = BTreeMap::new();
    let mut body = Body::default();
    let head = root.child("head");
    let hedline = root.find("hedline");
    let title = hedline
        .and_then(|h| h.child("hl1"))
        .map(Element::text)
        .filter(|t| !t.is_empty())
        .or_else(|| head.and_then(|h| h.child("title")).map(Element::text))
        .unwrap_or_default();
    if let Some(hedline) = hedline {
        for hl2 in hedline.elements().filter(|e| e.name == "hl2") {
            body.paragraph(&hl2.text());
        }
    }
    if let Some(byline) = root.find("byline") {
        let by = strip_by(&byline.text());
        if !by.is_empty() {
            metadata.insert("author".to_string(), by);
        }
    }
    let dateline = root.find("dateline");
    if let Some(d) = dateline {
        let text = d.text();
        if !text.is_empty() {
            metadata.insert("dateline".to_string(), text);
        }
    }
    if let Some(distributor) = first_text(root, &["distributor"]) {
        metadata.insert("source".to_string(), distributor);
    }
    if let Some(id) = root.find("doc-id").and_then(|e| e.attr("id-string")) {
        metadata.insert("docid".to_string(), id.to_string());
    }
    let date = ["date.issue", "date.release", "story.date"]
        .iter()
        .find_map(|n| {
            root.find(n)
                .and_then(|e| e.attr("norm"))
                .and_then(norm_date)
        })
        .or_else(|| root.find("story.date").and_then(|e| norm_date(&e.text())))
        .or_else(|| dateline.and_then(|d| date_in_dateline(&d.text())));
    if let Some(abs) = root.find("abstract") {
        if abs.has_own_text() {
            body.paragraph(&abs.text());
        } else {
            blocks(abs, &mut body);
        }
    }
    match root.find("body.content") {
        Some(content) => blocks(content, &mut body),
        None => {
            if let Some(b) = root.child("body") {
                for part in b.elements().filter(|e| e.name != "body.head") {
                    blocks(part, &mut body);
                }
            }
        }
    }
    if let Some(tagline) = root.find("tagline") {
        let t = tagline.text();
        if !t.is_empty() {
            metadata.insert("tagline".to_string(), t);
        }
    }
    let lang = root
        .find("body")
        .or(Some(root))
        .and_then(|e| e.attr("lang"))
        .map(Lang::from_code);
    Parsed {
        title,
        body,
        metadata,
        dct: metadata_dct(date),
        lang,
    }
}

/// A date written in a dateline ("BERLIN, 19. November 2024 (dpa) –").
fn date_in_dateline(text: &str) -> Option<NaiveDate> {
    let after_place = text.split_once(',').map_or(text, |(_, rest)| rest);
    let cut = after_place
        .find(['(', '–', '—'])
        .map_or(after_place, |i| &after_place[..i]);
    parse_date(cut)
}

/// One NewsML-G2 news item.
fn news_item(item: &Element) -> Parsed {
    let mut metadata = BTreeMap::new();
    let mut body = Body::default();
    let meta = item.child("contentMeta");
    let find_meta = |name: &str| -> Option<String> {
        meta.and_then(|m| m.child(name))
            .map(Element::text)
            .filter(|t| !t.is_empty())
    };
    let mut title = find_meta("headline").unwrap_or_default();
    if let Some(guid) = item.attr("guid") {
        metadata.insert("guid".to_string(), guid.to_string());
    }
    for (key, name) in [
        ("dateline", "dateline"),
        ("author", "by"),
        ("slugline", "slugline"),
    ] {
        if let Some(v) = find_meta(name) {
            metadata.insert(key.to_string(), v);
        }
    }
    if let Some(located) = meta.and_then(|m| m.child("located")).map(Element::text)
        && !located.is_empty()
    {
        metadata.insert("located".to_string(), located);
    }
    if let Some(provider) = item
        .find("provider")
        .and_then(|p| p.attr("literal").or(p.attr("qcode")).map(str::to_string))
    {
        metadata.insert("source".to_string(), provider);
    }
    let date = ["contentCreated", "firstCreated", "versionCreated"]
        .iter()
        .find_map(|n| item.find(n).and_then(|e| norm_date(&e.text())))
        .or_else(|| metadata.get("dateline").and_then(|d| date_in_dateline(d)));
    let lang = meta
        .and_then(|m| m.child("language"))
        .and_then(|l| l.attr("tag"))
        .or(item.attr("lang"))
        .map(Lang::from_code);
    if let Some(desc) = meta.and_then(|m| m.child("description")) {
        body.paragraph(&desc.text());
    }
    if let Some(set) = item.child("contentSet") {
        // The first text rendition: XHTML or NITF inline, else plain inline data.
        let inline_xml = set.elements().find(|e| e.name == "inlineXML");
        let inline_data = set.elements().find(|e| e.name == "inlineData");
        if let Some(x) = inline_xml {
            if let Some(n) = x.find("nitf") {
                let inner = nitf(n);
                if title.is_empty() {
                    title = inner.title;
                }
                for (k, v) in inner.metadata {
                    metadata.entry(k).or_insert(v);
                }
                append_body(&mut body, inner.body);
            } else if let Some(html_body) = x.find("body") {
                let mut first_h1 = true;
                for e in html_body.elements() {
                    if first_h1 && e.name.eq_ignore_ascii_case("h1") && !title.is_empty() {
                        first_h1 = false;
                        if e.text() == title {
                            continue;
                        }
                    }
                    block(e, &mut body);
                }
                if title.is_empty() {
                    title = x.find("title").map(Element::text).unwrap_or_default();
                }
            } else {
                blocks(x, &mut body);
            }
        } else if let Some(d) = inline_data {
            let mut raw = String::new();
            d.append_text(&mut raw);
            paragraphs_at_blank_lines(&raw, &mut body);
        }
    }
    Parsed {
        title,
        body,
        metadata,
        dct: metadata_dct(date),
        lang,
    }
}

/// Appends the paragraphs (and headings) of `other` to `body`.
fn append_body(body: &mut Body, other: Body) {
    let mut heading = other.headings.iter().peekable();
    for (i, span) in other.paragraphs.iter().enumerate() {
        while let Some(h) = heading.next_if(|h| h.offset <= span.start) {
            body.heading(&h.text, h.level);
        }
        let text = span.slice(&other.text);
        match other.marks.iter().find(|(p, _)| *p == i) {
            Some((_, mark)) => body.marked(text, *mark),
            None => body.paragraph(text),
        }
    }
    for h in heading {
        body.heading(&h.text, h.level);
    }
}

/// Paragraphs separated by blank lines; text without any blank line has a paragraph per line.
fn paragraphs_at_blank_lines(raw: &str, body: &mut Body) {
    let raw = raw.replace("\r\n", "\n");
    let blocks: Vec<&str> = raw
        .split("\n\n")
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .collect();
    if blocks.len() <= 1 && raw.trim().lines().count() > 1 {
        for line in raw.lines() {
            body.paragraph(line);
        }
    } else {
        for b in blocks {
            body.paragraph(b);
        }
    }
}

/// A TimeML document.
fn timeml(root: &Element) -> Parsed {
    let mut metadata = BTreeMap::new();
    let mut body = Body::default();
    if let Some(id) = root
        .child("DOCID")
        .map(Element::text)
        .filter(|t| !t.is_empty())
    {
        metadata.insert("docid".to_string(), id);
    }
    let title = root.child("TITLE").map(Element::text).unwrap_or_default();
    let dct = root
        .child("DCT")
        .and_then(|d| d.find("TIMEX3"))
        .and_then(|t| t.attr("value"))
        .and_then(norm_date);
    match root.child("TEXT") {
        Some(text) => {
            let mut raw = String::new();
            text.append_text(&mut raw);
            paragraphs_at_blank_lines(&raw, &mut body);
        }
        None => {
            for e in root.elements() {
                if !matches!(
                    e.name.as_str(),
                    "DOCID"
                        | "DCT"
                        | "TITLE"
                        | "EXTRAINFO"
                        | "MAKEINSTANCE"
                        | "TLINK"
                        | "SLINK"
                        | "ALINK"
                ) {
                    block(e, &mut body);
                }
            }
        }
    }
    Parsed {
        title,
        body,
        metadata,
        dct: metadata_dct(dct),
        lang: None,
    }
}

/// Any other XML: its text content.
fn generic(root: &Element) -> Parsed {
    let mut body = Body::default();
    let title_el = ["title", "headline", "hl1", "subject", "name"]
        .iter()
        .find_map(|n| {
            root.find(n)
                .filter(|e| !e.text().is_empty() && e.text().len() <= 300)
        });
    let title = title_el.map(Element::text).unwrap_or_default();
    let date = [
        "date",
        "pubDate",
        "published",
        "created",
        "issued",
        "datePublished",
        "dateline",
    ]
    .iter()
    .find_map(|n| {
        root.find(n)
            .and_then(|e| norm_date(&e.text()).or_else(|| e.attr("norm").and_then(norm_date)))
    });
    generic_blocks(root, title_el, &mut body);
    Parsed {
        title,
        body,
        metadata: BTreeMap::new(),
        dct: metadata_dct(date),
        lang: root.attr("lang").map(Lang::from_code),
    }
}

/// [`blocks`] that skips the element that gave the title.
fn generic_blocks(e: &Element, title: Option<&Element>, body: &mut Body) {
    for child in e.children.iter() {
        if let Node::Element(c) = child {
            if title.is_some_and(|t| std::ptr::eq(t, c)) {
                continue;
            }
            if c.has_own_text() || c.elements().next().is_none() {
                block(c, body);
            } else {
                generic_blocks(c, title, body);
            }
        }
    }
}

/// Joins whitespace for tests.
#[cfg(test)]
fn joined(p: &Parsed) -> String {
    super::body::clean_line(&p.body.text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(xml: &str) -> Parsed {
        let mut v = parse_xml(xml).unwrap().unwrap();
        assert_eq!(v.len(), 1);
        v.remove(0)
    }

    #[test]
    fn timeml_text_and_dct() {
        let p = one("<?xml version=\"1.0\" ?>\n<TimeML><DOCID>wsj_1</DOCID>\
             <DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"1989-10-30\" functionInDocument=\"CREATION_TIME\">10/30/89</TIMEX3></DCT>\
             <TEXT>\nSun <EVENT eid=\"e1\" class=\"REPORTING\">announced</EVENT> it \
             <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"1989-10-29\">yesterday</TIMEX3>.\n\nSecond paragraph.\n</TEXT>\
             <TLINK lid=\"l1\" relType=\"BEFORE\"/></TimeML>");
        assert_eq!(
            p.body.text,
            "Sun announced it yesterday.\n\nSecond paragraph."
        );
        assert_eq!(p.dct.map(|d| d.date), NaiveDate::from_ymd_opt(1989, 10, 30));
        assert_eq!(p.metadata.get("docid").map(String::as_str), Some("wsj_1"));
        assert!(p.title.is_empty());
    }

    #[test]
    fn generic_xml_has_no_tags() {
        let p = one(
            "<doc><title>Ein Titel</title><meta><date>2024-11-19</date></meta>\
             <section><para>Erster <b>fetter</b> Absatz.</para><para>Zweiter.</para></section></doc>",
        );
        assert_eq!(p.title, "Ein Titel");
        assert_eq!(p.dct.map(|d| d.date), NaiveDate::from_ymd_opt(2024, 11, 19));
        assert_eq!(joined(&p), "2024-11-19 Erster fetter Absatz. Zweiter.");
    }

    #[test]
    fn dates() {
        assert_eq!(
            norm_date("20241119T101500+0100"),
            NaiveDate::from_ymd_opt(2024, 11, 19)
        );
        assert_eq!(
            norm_date("2024-11-19T10:15:00.000+01:00"),
            NaiveDate::from_ymd_opt(2024, 11, 19)
        );
        assert_eq!(
            date_in_dateline("BERLIN, 19. November 2024 (dpa) –"),
            NaiveDate::from_ymd_opt(2024, 11, 19)
        );
        assert_eq!(date_in_dateline("Moskau (Reuters) –"), None);
    }
}

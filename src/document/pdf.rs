//! PDF files with a text layer, read with `pdf-extract` (on `lopdf`), which decodes fonts,
//! encodings and ToUnicode maps and hands over every glyph with its position; the layout is
//! rebuilt here:
//!
//! - glyphs become lines (same baseline, no large jump), words split at gaps;
//! - columns are found per page from the gaps that no line crosses; lines that cross a gap
//!   (a title over both columns) or sit outside every column end one band and start the next,
//!   and each band is read column by column, top to bottom;
//! - lines become paragraphs at larger line gaps, indented first lines and changes of font
//!   size; lines in a clearly larger font than the body are headings (the largest on the first
//!   page is the title when the file names none);
//! - running headers and footers (the same text, numbers aside, at the top or bottom of at
//!   least half of the pages) and page numbers ("3", "– 3 –", "Seite 3 von 9", "Page 3") are
//!   removed;
//! - a word hyphenated at a line end is joined ("Verteidi-" + "gungsvertrag"), a hyphen before
//!   a capital or a conjunction is kept ("Nord-" + "Süd", "Bundes-" + "und"); ligature
//!   glyphs become letters (ﬁ → fi).
//!
//! The info dictionary gives the title, `author`, `created`, `modified` and the document date
//! (creation date, else modification date; source metadata). A file whose pages carry no text
//! is refused with [`ReadError::NoTextLayer`]; an encrypted file that opens without a password
//! is read, one that needs a password is refused with [`ReadError::Encrypted`].
//!
//! `pdf-extract` may panic on malformed files; the reader catches the panic and reports the
//! file as unreadable.

use std::collections::{BTreeMap, HashMap};
use std::panic::{AssertUnwindSafe, catch_unwind};

use chrono::NaiveDate;
use pdf_extract::{MediaBox, Object, OutputDev, OutputError, Transform};

use crate::model::{Dct, DctSource};

use super::body::{Body, clean_line};
use super::dates::parse_date_line;
use super::{Parsed, ReadError};

/// One glyph as placed on the page (PDF user space, y upwards).
#[derive(Debug, Clone)]
struct Glyph {
    x: f64,
    y: f64,
    /// Advance width.
    w: f64,
    /// Effective font size.
    size: f64,
    text: String,
}

/// One page's glyphs in content order.
#[derive(Debug, Default)]
struct Page {
    height: f64,
    bottom: f64,
    glyphs: Vec<Glyph>,
}

/// Collects the glyphs of every page.
#[derive(Default)]
struct Collector {
    pages: Vec<Page>,
    glyphs: usize,
}

/// The most glyphs read from one file: a bound on memory for absurd files.
const MAX_GLYPHS: usize = 50_000_000;

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.pages.push(Page {
            height: (media_box.ury - media_box.lly).abs(),
            bottom: media_box.lly.min(media_box.ury),
            glyphs: Vec::new(),
        });
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        if self.glyphs >= MAX_GLYPHS {
            return Ok(());
        }
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let size = font_size * scale;
        if !size.is_finite() || !trm.m31.is_finite() || !trm.m32.is_finite() {
            return Ok(());
        }
        if let Some(page) = self.pages.last_mut() {
            self.glyphs += 1;
            page.glyphs.push(Glyph {
                x: trm.m31,
                y: trm.m32,
                w: (width * size).max(0.0),
                size: size.max(0.1),
                text: text.to_string(),
            });
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// A line of text on a page.
#[derive(Debug, Clone)]
struct Line {
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
    text: String,
}

/// Replaces ligature glyphs and drops control characters.
fn normalize_glyph(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            'ﬀ' => out.push_str("ff"),
            'ﬁ' => out.push_str("fi"),
            'ﬂ' => out.push_str("fl"),
            'ﬃ' => out.push_str("ffi"),
            'ﬄ' => out.push_str("ffl"),
            'ﬅ' | 'ﬆ' => out.push_str("st"),
            '\u{a0}' | '\t' | '\n' | '\r' => out.push(' '),
            c if c.is_control() || c == '\u{fffd}' => {}
            c => out.push(c),
        }
    }
}

/// Groups a page's glyphs into lines: a glyph continues the line when it sits on the same
/// baseline and does not jump far left or right.
fn lines(glyphs: &[Glyph]) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    let mut cur: Option<Line> = None;
    for g in glyphs {
        let mut piece = String::new();
        normalize_glyph(&g.text, &mut piece);
        if piece.is_empty() {
            continue;
        }
        let blank = piece.trim().is_empty();
        if let Some(line) = cur.as_mut() {
            let same_base = (g.y - line.y).abs() <= 0.35 * line.size.max(g.size);
            let gap = g.x - line.x1;
            let continues =
                same_base && gap > -0.6 * line.size && gap < 2.2 * line.size.max(g.size);
            if continues {
                if blank {
                    if !line.text.ends_with(' ') {
                        line.text.push(' ');
                    }
                } else {
                    if gap > 0.18 * g.size && !line.text.ends_with(' ') {
                        line.text.push(' ');
                    }
                    line.text.push_str(&piece);
                    line.size = line.size.max(g.size);
                }
                line.x1 = line.x1.max(g.x + g.w);
                continue;
            }
            if let Some(done) = cur.take() {
                out.push(done);
            }
        }
        if blank {
            continue;
        }
        cur = Some(Line {
            x0: g.x,
            x1: g.x + g.w,
            y: g.y,
            size: g.size,
            text: piece,
        });
    }
    out.extend(cur);
    for l in &mut out {
        l.text = clean_line(&l.text);
    }
    out.retain(|l| !l.text.is_empty());
    out
}

/// Lines that stand at the same height and touch are one line (text written in pieces).
fn merge_pieces(mut lines: Vec<Line>) -> Vec<Line> {
    lines.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x0.total_cmp(&b.x0)));
    let mut out: Vec<Line> = Vec::new();
    for l in lines {
        if let Some(prev) = out.last_mut() {
            let gap = l.x0 - prev.x1;
            if (l.y - prev.y).abs() <= 0.2 * prev.size
                && gap > -0.3 * prev.size
                && gap < 0.9 * prev.size
            {
                if gap > 0.15 * l.size {
                    prev.text.push(' ');
                }
                prev.text.push_str(&l.text);
                prev.x1 = prev.x1.max(l.x1);
                prev.size = prev.size.max(l.size);
                continue;
            }
        }
        out.push(l);
    }
    out
}

/// Column gutters of a page: x ranges at least `min_gap` wide that no narrow line crosses,
/// with enough text on both sides.
fn gutters(lines: &[Line]) -> Vec<(f64, f64)> {
    if lines.len() < 6 {
        return Vec::new();
    }
    let left = lines.iter().map(|l| l.x0).fold(f64::INFINITY, f64::min);
    let right = lines.iter().map(|l| l.x1).fold(f64::NEG_INFINITY, f64::max);
    let width = right - left;
    if !(width > 50.0 && width < 20_000.0) {
        return Vec::new();
    }
    let narrow: Vec<&Line> = lines
        .iter()
        .filter(|l| l.x1 - l.x0 < 0.62 * width)
        .collect();
    if narrow.len() < 6 {
        return Vec::new();
    }
    let cells = width.ceil() as usize + 1;
    let mut cover = vec![0u32; cells];
    for l in &narrow {
        let a = ((l.x0 - left).max(0.0)) as usize;
        let b = (((l.x1 - left).ceil()) as usize).min(cells - 1);
        for c in &mut cover[a..=b.max(a)] {
            *c += 1;
        }
    }
    let body_size = median(narrow.iter().map(|l| l.size).collect());
    let min_gap = (0.8 * body_size).max(4.0);
    let mut out = Vec::new();
    let mut i = 0;
    while i < cells {
        if cover[i] == 0 {
            let start = i;
            while i < cells && cover[i] == 0 {
                i += 1;
            }
            let (a, b) = (left + start as f64, left + i as f64);
            if b - a >= min_gap {
                let before = narrow.iter().filter(|l| l.x1 <= a + 0.5).count();
                let after = narrow.iter().filter(|l| l.x0 >= b - 0.5).count();
                if before >= 3 && after >= 3 {
                    out.push((a, b));
                }
            }
        } else {
            i += 1;
        }
    }
    out
}

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return 10.0;
    }
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// The lines of a page in reading order: bands of full-width lines and columns.
fn reading_order(lines: Vec<Line>) -> Vec<Line> {
    let g = gutters(&lines);
    let mut lines = lines;
    lines.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x0.total_cmp(&b.x0)));
    if g.is_empty() {
        return lines;
    }
    // Column index of a line, or None when it crosses a gutter.
    let column = |l: &Line| -> Option<usize> {
        let mut col = 0;
        for (a, b) in &g {
            if l.x1 <= *a + 0.5 {
                return Some(col);
            }
            if l.x0 < *b - 0.5 {
                return None;
            }
            col += 1;
        }
        Some(col)
    };
    let mut out = Vec::with_capacity(lines.len());
    let mut band: Vec<Vec<Line>> = vec![Vec::new(); g.len() + 1];
    let flush = |band: &mut Vec<Vec<Line>>, out: &mut Vec<Line>| {
        for col in band.iter_mut() {
            out.append(col);
        }
    };
    for l in lines {
        match column(&l) {
            Some(c) => band[c].push(l),
            None => {
                flush(&mut band, &mut out);
                out.push(l);
            }
        }
    }
    flush(&mut band, &mut out);
    out
}

/// True for a line that is only a page number ("3", "– 3 –", "Seite 3 von 9", "Page 3 of 9",
/// "S. 3", "iv").
fn is_page_number(text: &str) -> bool {
    let t = text
        .trim_matches(|c: char| c == '-' || c == '–' || c == '—' || c == '|' || c.is_whitespace())
        .to_lowercase();
    if t.is_empty() {
        return false;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    let number = |w: &str| {
        w.trim_end_matches('.').chars().all(|c| c.is_ascii_digit())
            && !w.trim_end_matches('.').is_empty()
    };
    let roman = |w: &str| w.len() <= 5 && w.chars().all(|c| "ivxlc".contains(c));
    match words.as_slice() {
        [w] => (number(w) && w.len() <= 4) || roman(w),
        [label, n] => ["seite", "page", "s.", "p."].contains(label) && number(n),
        [n, of, m] => number(n) && ["von", "of", "/"].contains(of) && number(m),
        [label, n, of, m] => {
            ["seite", "page"].contains(label)
                && number(n)
                && ["von", "of", "/"].contains(of)
                && number(m)
        }
        _ => t.contains('/') && t.split('/').all(|p| number(p.trim())) && t.len() <= 9,
    }
}

/// Text with digits replaced, to recognise running headers that carry a page number.
fn shape(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect::<String>()
        .to_lowercase()
}

/// Removes running headers and footers and page numbers from the pages' lines.
fn strip_furniture(pages: &mut [(Vec<Line>, f64, f64)]) {
    // (lines, bottom, height): margins are the top and bottom 9 % of the page.
    let in_margin = |l: &Line, bottom: f64, height: f64| {
        let rel = (l.y - bottom) / height.max(1.0);
        !(0.09..=0.91).contains(&rel)
    };
    let mut counts: HashMap<String, usize> = HashMap::new();
    for (lines, bottom, height) in pages.iter() {
        let mut seen = std::collections::HashSet::new();
        for l in lines.iter().filter(|l| in_margin(l, *bottom, *height)) {
            let s = shape(&l.text);
            if seen.insert(s.clone()) {
                *counts.entry(s).or_insert(0) += 1;
            }
        }
    }
    let n = pages.len();
    for (lines, bottom, height) in pages.iter_mut() {
        lines.retain(|l| {
            if !in_margin(l, *bottom, *height) {
                return true;
            }
            if is_page_number(&l.text) {
                return false;
            }
            let repeats = counts.get(&shape(&l.text)).copied().unwrap_or(0);
            !(n >= 2 && repeats >= 2 && repeats * 2 >= n)
        });
    }
}

/// Words after a line-end hyphen that keep it ("Bundes- und Landesregierung").
const KEEP_HYPHEN_BEFORE: &[&str] = &[
    "und", "oder", "bis", "sowie", "als", "wie", "noch", "and", "or", "to", "nor", "et", "ou",
];

/// Joins a line to the paragraph text, undoing end-of-line hyphenation.
fn join_line(para: &mut String, line: &str) {
    if para.is_empty() {
        para.push_str(line);
        return;
    }
    if let Some(stem) = para.strip_suffix('\u{ad}') {
        let stem_len = stem.len();
        para.truncate(stem_len);
        para.push_str(line);
        return;
    }
    let hyphenated = para.ends_with('-')
        && para[..para.len() - 1]
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic);
    if hyphenated {
        let next_word: String = line
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect::<String>();
        let starts_lower = line.chars().next().is_some_and(char::is_lowercase);
        if starts_lower && !KEEP_HYPHEN_BEFORE.contains(&next_word.as_str()) {
            para.pop();
            para.push_str(line);
            return;
        }
        if !starts_lower && line.chars().next().is_some_and(char::is_alphabetic) {
            // "Nord-" + "Süd-Konflikt": the hyphen belongs to the compound.
            para.push_str(line);
            return;
        }
    }
    para.push(' ');
    para.push_str(line);
}

/// The document-wide body font size: the size that carries the most characters.
fn body_size(pages: &[(Vec<Line>, f64, f64)]) -> f64 {
    let mut by_size: BTreeMap<i64, usize> = BTreeMap::new();
    for (lines, _, _) in pages {
        for l in lines {
            *by_size.entry((l.size * 2.0).round() as i64).or_insert(0) += l.text.len();
        }
    }
    by_size
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map_or(10.0, |(s, _)| s as f64 / 2.0)
}

/// A PDF text string: UTF-16BE with a byte-order mark, else PDFDocEncoding (read as Latin-1).
fn text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else if let Ok(s) =
        std::str::from_utf8(bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes))
    {
        s.to_string()
    } else {
        bytes.iter().map(|&b| b as char).collect()
    }
}

/// A PDF date (`D:20241119101500+01'00'`) as a calendar day.
fn pdf_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim().trim_start_matches("D:");
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() < 8 {
        return None;
    }
    NaiveDate::from_ymd_opt(
        digits[..4].parse().ok()?,
        digits[4..6].parse().ok()?,
        digits[6..8].parse().ok()?,
    )
}

/// The info dictionary's string entries.
fn info(doc: &pdf_extract::Document) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let Ok(info) = doc.trailer.get(b"Info") else {
        return out;
    };
    let dict = match info {
        Object::Reference(id) => doc.get_dictionary(*id).ok(),
        Object::Dictionary(d) => Some(d),
        _ => None,
    };
    let Some(dict) = dict else { return out };
    for (key, value) in dict.iter() {
        let value = match value {
            Object::Reference(id) => doc.get_object(*id).ok(),
            v => Some(v),
        };
        if let Some(Object::String(bytes, _)) = value {
            let text = clean_line(&text_string(bytes));
            if !text.is_empty() {
                out.insert(String::from_utf8_lossy(key).into_owned(), text);
            }
        }
    }
    out
}

/// A title from the info dictionary that is a real title, not a file name or a tool's
/// placeholder.
fn usable_title(title: &str) -> bool {
    let lower = title.to_lowercase();
    !(lower.is_empty()
        || lower == "untitled"
        || lower == "unbenannt"
        || lower.starts_with("microsoft word - ")
        || lower.ends_with(".doc")
        || lower.ends_with(".docx")
        || lower.ends_with(".pdf")
        || lower.ends_with(".indd")
        || lower.ends_with(".tex"))
}

/// Reads a PDF file.
pub(crate) fn parse(bytes: &[u8]) -> Result<Parsed, ReadError> {
    let result = catch_unwind(AssertUnwindSafe(|| extract(bytes)));
    match result {
        Ok(r) => r,
        Err(_) => Err(ReadError::Pdf(
            "the PDF parser failed on this file (damaged or unusual PDF)".to_string(),
        )),
    }
}

fn load_error(e: pdf_extract::Error) -> ReadError {
    let msg = e.to_string();
    let lower = msg.to_lowercase();
    if lower.contains("password") || lower.contains("decrypt") || lower.contains("encrypt") {
        ReadError::Encrypted("the PDF".to_string())
    } else {
        ReadError::Pdf(msg)
    }
}

fn extract(bytes: &[u8]) -> Result<Parsed, ReadError> {
    let doc = pdf_extract::Document::load_mem(bytes).map_err(load_error)?;
    if doc.is_encrypted() {
        return Err(ReadError::Encrypted("the PDF".to_string()));
    }
    let page_count = doc.get_pages().len();
    if page_count == 0 {
        return Err(ReadError::Pdf("no pages".to_string()));
    }
    let mut collector = Collector::default();
    let outcome = pdf_extract::output_doc(&doc, &mut collector);
    if let Err(e) = outcome
        && collector.glyphs == 0
    {
        return Err(ReadError::Pdf(format!("{e:?}")));
    }
    let visible = collector.pages.iter().flat_map(|p| &p.glyphs).any(|g| {
        g.text
            .chars()
            .any(|c| !c.is_whitespace() && !c.is_control())
    });
    if !visible {
        return Err(ReadError::NoTextLayer { pages: page_count });
    }
    let info = info(&doc);

    let mut pages: Vec<(Vec<Line>, f64, f64)> = collector
        .pages
        .iter()
        .map(|p| {
            (
                reading_order(merge_pieces(lines(&p.glyphs))),
                p.bottom,
                p.height,
            )
        })
        .collect();
    strip_furniture(&mut pages);
    let body_size = body_size(&pages);

    // The title: the info dictionary's, else the largest line(s) near the top of page 1.
    let mut title = info
        .get("Title")
        .filter(|t| usable_title(t))
        .cloned()
        .unwrap_or_default();
    let mut title_lines: Vec<usize> = Vec::new();
    if let Some((first, _, _)) = pages.first() {
        let max = first.iter().take(12).map(|l| l.size).fold(0.0, f64::max);
        if max >= body_size * 1.3 {
            let idx: Vec<usize> = first
                .iter()
                .enumerate()
                .take(12)
                .filter(|(_, l)| (l.size - max).abs() < 0.5)
                .map(|(i, _)| i)
                .take(3)
                .collect();
            let text = idx
                .iter()
                .map(|&i| first[i].text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            if title.is_empty() {
                title = text;
                title_lines = idx;
            } else if clean_line(&text).to_lowercase() == title.to_lowercase() {
                title_lines = idx;
            }
        }
    }

    let mut body = Body::default();
    let mut dct_text: Option<NaiveDate> = None;
    let mut para = String::new();
    let mut para_heading: Option<u8> = None;
    let mut prev: Option<Line> = None;
    let emit = |para: &mut String, heading: Option<u8>, body: &mut Body| {
        if !para.is_empty() {
            match heading {
                Some(level) => body.heading(para, level),
                None => body.paragraph(para),
            }
            para.clear();
        }
    };
    for (pi, (lines, _, _)) in pages.iter().enumerate() {
        for (li, line) in lines.iter().enumerate() {
            if pi == 0 && title_lines.contains(&li) {
                emit(&mut para, para_heading, &mut body);
                prev = None;
                continue;
            }
            let heading = if line.size >= body_size * 1.15 && line.text.len() < 200 {
                Some(if line.size >= body_size * 1.5 { 1 } else { 2 })
            } else {
                None
            };
            // A date line near the start of the document.
            if pi == 0
                && body.paragraphs.len() < 3
                && para.is_empty()
                && heading.is_none()
                && let Some(d) = parse_date_line(&line.text).or_else(|| {
                    line.text
                        .split_once(", ")
                        .and_then(|(_, rest)| parse_date_line(rest))
                        .filter(|_| line.text.len() < 60)
                })
            {
                dct_text.get_or_insert(d);
                emit(&mut para, para_heading, &mut body);
                prev = None;
                continue;
            }
            let new_para = match &prev {
                None => true,
                Some(p) => {
                    // After a page break only the font and the indent tell.
                    let page_break = p.y.is_infinite();
                    let gap = p.y - line.y;
                    let spacing = p.size.max(line.size) * 1.25;
                    let same_column = line.x0 < p.x1 && line.x1 > p.x0;
                    heading != para_heading
                        || (line.size - p.size).abs() > 0.6
                        || (!page_break
                            && (!same_column
                                || gap < 0.0
                                || gap > spacing * 1.35
                                || line.x0 > p.x0 + 1.2 * line.size))
                }
            };
            if new_para {
                emit(&mut para, para_heading, &mut body);
                para_heading = heading;
            }
            join_line(&mut para, &line.text);
            prev = Some(line.clone());
        }
        // A paragraph may run on to the next page; it only stops at a page end when the
        // line ends a sentence.
        if para.ends_with(['.', '!', '?', ':', '"', '“', '”']) {
            emit(&mut para, para_heading, &mut body);
        }
        prev = prev.map(|mut p| {
            // The next page's first line continues below the previous one.
            p.y = f64::INFINITY;
            p
        });
    }
    emit(&mut para, para_heading, &mut body);

    let mut metadata = BTreeMap::new();
    for (key, name) in [
        ("Author", "author"),
        ("Subject", "subject"),
        ("Keywords", "keywords"),
        ("CreationDate", "created"),
        ("ModDate", "modified"),
    ] {
        if let Some(v) = info.get(key) {
            metadata.insert(name.to_string(), v.clone());
        }
    }
    metadata.insert("pages".to_string(), page_count.to_string());
    let created = info.get("CreationDate").and_then(|d| pdf_date(d));
    let modified = info.get("ModDate").and_then(|d| pdf_date(d));
    let dct = match (created.or(modified), dct_text) {
        (Some(date), _) => Some(Dct {
            date,
            source: DctSource::Metadata,
        }),
        (None, Some(date)) => Some(Dct {
            date,
            source: DctSource::Text,
        }),
        (None, None) => None,
    };
    if body.is_empty() && title.is_empty() {
        return Err(ReadError::NoTextLayer { pages: page_count });
    }
    Ok(Parsed {
        title,
        body,
        metadata,
        dct,
        lang: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyphenation() {
        let cases = [
            (
                "neuen Verteidi-",
                "gungsvertrag beraten",
                "neuen Verteidigungsvertrag beraten",
            ),
            ("die Nord-", "Süd-Achse", "die Nord-Süd-Achse"),
            (
                "Bundes-",
                "und Landesregierung",
                "Bundes- und Landesregierung",
            ),
            ("im Jahr 2024 -", "so hieß es", "im Jahr 2024 - so hieß es"),
            ("erste Zeile", "zweite Zeile", "erste Zeile zweite Zeile"),
        ];
        for (a, b, expected) in cases {
            let mut p = a.to_string();
            join_line(&mut p, b);
            assert_eq!(p, expected);
        }
    }

    #[test]
    fn page_numbers() {
        for yes in [
            "3",
            "– 3 –",
            "- 12 -",
            "Seite 3 von 9",
            "Page 3 of 9",
            "3 / 9",
            "iv",
            "S. 4",
        ] {
            assert!(is_page_number(yes), "{yes}");
        }
        for no in ["2024 wurde", "Kapitel 3", "Der Vertrag", "12345"] {
            assert!(!is_page_number(no), "{no}");
        }
    }

    #[test]
    fn dates_and_strings() {
        assert_eq!(
            pdf_date("D:20241119101500+01'00'"),
            NaiveDate::from_ymd_opt(2024, 11, 19)
        );
        assert_eq!(pdf_date("garbage"), None);
        assert_eq!(text_string(b"\xFE\xFF\x00B\x00\xFC"), "Bü");
        assert_eq!(text_string(b"K\xF6ln"), "Köln");
        assert!(!usable_title("Microsoft Word - bericht.docx"));
    }
}

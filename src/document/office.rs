//! Word (DOCX) and OpenDocument text (ODT) files: zip containers of XML parts.
//!
//! The container is read with caps: at most [`MAX_ENTRIES`] entries, and at most eight times the
//! size limit (at least 16 MiB, at most [`MAX_EXPANDED`]) unpacked in total, counted while
//! unpacking, so that a zip bomb stops at the cap whatever its headers claim. Only the
//! parts named below are unpacked; nested archives are never opened.
//!
//! Both readers give paragraphs in document order, headings by paragraph style (Word's
//! "heading N"/"Überschrift N" and outline levels; ODF's `text:h`), the "Title" paragraph as
//! title (else the title property), list items as paragraphs, table rows as one paragraph each
//! (cells joined by ` | `), and footnotes and endnotes at the end as marked paragraphs `[n] …`
//! with `[n]` where they are referenced. Deleted text of tracked changes, comments and field
//! codes are left out. The document's properties give the metadata `author`, `created`,
//! `modified` and the document date (creation date, else modification date).

use std::collections::{BTreeMap, HashMap};
use std::io::{Cursor, Read};

use chrono::NaiveDate;
use zip::ZipArchive;
use zip::result::ZipError;

use crate::model::{Dct, DctSource, Lang};

use super::agency::norm_date;
use super::body::{Body, Mark};
use super::xml::{Element, Node, parse};
use super::{Format, Parsed, ReadError};

/// Most entries a document container may have.
pub(crate) const MAX_ENTRIES: usize = 10_000;
/// Most bytes unpacked from one container.
pub(crate) const MAX_EXPANDED: u64 = 256 * 1024 * 1024;

/// The unpacked-size cap for a given size limit.
fn expansion_cap(max_bytes: u64) -> u64 {
    max_bytes
        .saturating_mul(8)
        .clamp(16 * 1024 * 1024, MAX_EXPANDED)
}

/// A zip container being read under the caps.
struct Container {
    zip: ZipArchive<Cursor<Vec<u8>>>,
    budget: u64,
    cap: u64,
}

fn zip_error(e: ZipError) -> ReadError {
    match e {
        ZipError::UnsupportedArchive(m) if m == ZipError::PASSWORD_REQUIRED => {
            ReadError::Encrypted("the document".to_string())
        }
        ZipError::InvalidPassword => ReadError::Encrypted("the document".to_string()),
        other => ReadError::Archive(format!("broken zip archive: {other}")),
    }
}

impl Container {
    fn open(bytes: &[u8], max_bytes: u64) -> Result<Container, ReadError> {
        let zip = ZipArchive::new(Cursor::new(bytes.to_vec())).map_err(zip_error)?;
        if zip.len() > MAX_ENTRIES {
            return Err(ReadError::Archive(format!(
                "zip archive with {} entries (more than {MAX_ENTRIES}): not a document",
                zip.len()
            )));
        }
        let cap = expansion_cap(max_bytes);
        Ok(Container {
            zip,
            budget: cap,
            cap,
        })
    }

    fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// The unpacked bytes of the entry `name`, or `None` when there is none.
    fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, ReadError> {
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let file = self.zip.by_index(index).map_err(zip_error)?;
        let mut out = Vec::new();
        let limit = self.budget;
        file.take(limit.saturating_add(1))
            .read_to_end(&mut out)
            .map_err(|e| ReadError::Archive(format!("broken zip entry {name}: {e}")))?;
        if out.len() as u64 > limit {
            return Err(ReadError::Archive(format!(
                "zip archive unpacks to more than {} MiB (a zip bomb?)",
                self.cap / (1024 * 1024)
            )));
        }
        self.budget -= out.len() as u64;
        Ok(Some(out))
    }

    /// The entry `name` parsed as XML.
    fn xml(&mut self, name: &str) -> Result<Option<Element>, ReadError> {
        let Some(bytes) = self.read(name)? else {
            return Ok(None);
        };
        let text = String::from_utf8_lossy(&bytes);
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        parse(text)
            .map(Some)
            .map_err(|e| ReadError::Archive(format!("{name}: {}", e.0)))
    }
}

/// DOCX or ODT, when the zip archive is one.
pub(crate) fn kind(bytes: &[u8]) -> Option<Format> {
    let zip = ZipArchive::new(Cursor::new(bytes)).ok()?;
    if zip.index_for_name("word/document.xml").is_some() {
        return Some(Format::Docx);
    }
    let mut zip = zip;
    let mimetype = zip.by_name("mimetype").ok().and_then(|f| {
        let mut s = String::new();
        f.take(200).read_to_string(&mut s).ok().map(|_| s)
    });
    match mimetype {
        Some(m)
            if m.trim()
                .starts_with("application/vnd.oasis.opendocument.text") =>
        {
            Some(Format::Odt)
        }
        Some(_) => None,
        None => zip.index_for_name("content.xml").map(|_| Format::Odt),
    }
}

fn metadata_date(date: Option<NaiveDate>) -> Option<Dct> {
    date.map(|date| Dct {
        date,
        source: DctSource::Metadata,
    })
}

/// Footnotes collected while reading, numbered in the order of their references.
#[derive(Default)]
struct Notes {
    /// Footnote id → number shown.
    numbers: HashMap<String, usize>,
    /// (number, text) in order.
    texts: Vec<(usize, String)>,
}

impl Notes {
    fn number(&mut self, id: &str) -> usize {
        let next = self.numbers.len() + 1;
        *self.numbers.entry(id.to_string()).or_insert(next)
    }
}

// ---------------------------------------------------------------------------------------------
// DOCX

/// A Word paragraph style: its name (lower case) and heading level.
#[derive(Default, Clone)]
struct Style {
    name: String,
    outline: Option<u8>,
    based_on: Option<String>,
}

fn styles(root: Option<&Element>) -> HashMap<String, Style> {
    let mut map = HashMap::new();
    let Some(root) = root else { return map };
    for s in root.find_all("style") {
        let Some(id) = s.attr("styleId") else {
            continue;
        };
        let name = s
            .child("name")
            .and_then(|n| n.attr("val"))
            .unwrap_or(id)
            .to_lowercase();
        let outline = s
            .child("pPr")
            .and_then(|p| p.child("outlineLvl"))
            .and_then(|o| o.attr("val"))
            .and_then(|v| v.parse::<u8>().ok())
            .filter(|l| *l < 9)
            .map(|l| l + 1);
        let based_on = s
            .child("basedOn")
            .and_then(|b| b.attr("val"))
            .map(str::to_string);
        map.insert(
            id.to_string(),
            Style {
                name,
                outline,
                based_on,
            },
        );
    }
    map
}

/// What a paragraph style makes of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Body,
    Title,
    Heading(u8),
    Caption,
}

fn heading_level_from_name(name: &str) -> Option<u8> {
    let name = name.to_lowercase();
    for prefix in ["heading", "überschrift", "berschrift", "titre", "título"] {
        if let Some(rest) = name.strip_prefix(prefix) {
            let n: String = rest.chars().filter(char::is_ascii_digit).collect();
            if let Ok(level) = n.parse::<u8>()
                && (1..=9).contains(&level)
            {
                return Some(level);
            }
        }
    }
    None
}

fn role_of(style_id: &str, styles: &HashMap<String, Style>) -> Role {
    let mut id = style_id.to_string();
    for _ in 0..8 {
        let style = styles.get(&id);
        let name = style.map_or(id.to_lowercase(), |s| s.name.clone());
        if name == "title" || name == "titel" {
            return Role::Title;
        }
        if name == "caption" || name == "beschriftung" {
            return Role::Caption;
        }
        if let Some(level) = heading_level_from_name(&name).or(style.and_then(|s| s.outline)) {
            return Role::Heading(level);
        }
        match style.and_then(|s| s.based_on.clone()) {
            Some(parent) => id = parent,
            None => break,
        }
    }
    Role::Body
}

/// The visible text of a Word paragraph (or any run container), with footnote references.
fn docx_text(e: &Element, notes: &mut Notes, out: &mut String) {
    for child in &e.children {
        let Node::Element(c) = child else { continue };
        match c.name.as_str() {
            "t" => c.append_text(out),
            "tab" | "br" | "cr" | "noBreakHyphen" => {
                out.push(if c.name == "noBreakHyphen" { '-' } else { ' ' })
            }
            "softHyphen" => {}
            "footnoteReference" | "endnoteReference" => {
                if let Some(id) = c.attr("id") {
                    let prefix = if c.name == "endnoteReference" {
                        "e"
                    } else {
                        "f"
                    };
                    let n = notes.number(&format!("{prefix}{id}"));
                    out.push_str(&format!("[{n}]"));
                }
            }
            // Deleted text, field instructions, comments, drawings' alternate content.
            "del" | "delText" | "instrText" | "commentReference" | "pPr" | "rPr" | "fallback"
            | "Fallback" | "drawing" | "pict" | "object" => {}
            _ => docx_text(c, notes, out),
        }
    }
}

fn docx_style(p: &Element) -> Option<&str> {
    p.child("pPr")
        .and_then(|pr| pr.child("pStyle"))
        .and_then(|s| s.attr("val"))
}

struct DocxState<'a> {
    styles: &'a HashMap<String, Style>,
    notes: Notes,
    body: Body,
    title: Option<String>,
}

fn docx_blocks(e: &Element, st: &mut DocxState<'_>) {
    for child in e.elements() {
        match child.name.as_str() {
            "p" => {
                let mut text = String::new();
                docx_text(child, &mut st.notes, &mut text);
                if text.trim().is_empty() {
                    continue;
                }
                let role = docx_style(child).map_or(Role::Body, |s| role_of(s, st.styles));
                let outline = child
                    .child("pPr")
                    .and_then(|p| p.child("outlineLvl"))
                    .and_then(|o| o.attr("val"))
                    .and_then(|v| v.parse::<u8>().ok())
                    .filter(|l| *l < 9);
                match (role, outline) {
                    (Role::Title, _) if st.title.is_none() => {
                        st.title = Some(super::body::clean_line(&text));
                    }
                    (Role::Heading(level), _) => st.body.heading(&text, level.min(3)),
                    (Role::Body, Some(l)) => st.body.heading(&text, (l + 1).min(3)),
                    (Role::Caption, _) => st.body.marked(&text, Mark::Caption),
                    _ => st.body.paragraph(&text),
                }
            }
            "tbl" => {
                for row in child.find_all("tr") {
                    let cells: Vec<String> = row
                        .elements()
                        .filter(|c| c.name == "tc")
                        .map(|cell| {
                            let mut text = String::new();
                            for p in cell.find_all("p") {
                                if !text.is_empty() {
                                    text.push(' ');
                                }
                                docx_text(p, &mut st.notes, &mut text);
                            }
                            super::body::clean_line(&text)
                        })
                        .filter(|c| !c.is_empty())
                        .collect();
                    st.body.paragraph(&cells.join(" | "));
                }
            }
            "sectPr" | "bookmarkStart" | "bookmarkEnd" => {}
            _ => docx_blocks(child, st),
        }
    }
}

/// The notes of `footnotes.xml` or `endnotes.xml` (`prefix` `f` or `e`), by id.
fn docx_notes(root: Option<&Element>, prefix: &str, notes: &mut Notes) -> Vec<(String, String)> {
    let Some(root) = root else { return Vec::new() };
    let mut out = Vec::new();
    for note in root
        .find_all("footnote")
        .into_iter()
        .chain(root.find_all("endnote"))
    {
        if note
            .attr("type")
            .is_some_and(|t| t == "separator" || t == "continuationSeparator")
        {
            continue;
        }
        let Some(id) = note.attr("id") else { continue };
        let mut text = String::new();
        for p in note.find_all("p") {
            if !text.is_empty() {
                text.push(' ');
            }
            docx_text(p, notes, &mut text);
        }
        out.push((format!("{prefix}{id}"), super::body::clean_line(&text)));
    }
    out
}

/// Core properties (`docProps/core.xml`, `meta.xml`): title, author, dates, language.
#[derive(Default)]
struct Properties {
    title: Option<String>,
    author: Option<String>,
    created: Option<String>,
    modified: Option<String>,
    language: Option<String>,
}

fn properties(root: Option<&Element>) -> Properties {
    let Some(root) = root else {
        return Properties::default();
    };
    let get = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| root.find(n).map(Element::text).filter(|t| !t.is_empty()))
    };
    Properties {
        title: get(&["title"]),
        author: get(&["creator", "initial-creator"]),
        created: get(&["created", "creation-date"]),
        modified: get(&["modified", "date"]),
        language: get(&["language"]),
    }
}

fn finish_office(
    body: Body,
    title: Option<String>,
    notes: Notes,
    props: Properties,
    note_texts: Vec<(String, String)>,
) -> Parsed {
    let mut body = body;
    let mut notes = notes;
    // Notes in the order of their numbers; unreferenced ones after them.
    let mut numbered: Vec<(usize, String)> = note_texts
        .into_iter()
        .filter(|(_, text)| !text.is_empty())
        .map(|(id, text)| (notes.number(&id), text))
        .collect();
    numbered.sort();
    notes.texts = numbered;
    for (n, text) in &notes.texts {
        body.marked(&format!("[{n}] {text}"), Mark::Footnote);
    }
    let mut metadata = BTreeMap::new();
    if let Some(a) = &props.author {
        metadata.insert("author".to_string(), a.clone());
    }
    if let Some(c) = &props.created {
        metadata.insert("created".to_string(), c.clone());
    }
    if let Some(m) = &props.modified {
        metadata.insert("modified".to_string(), m.clone());
    }
    let date = props
        .created
        .as_deref()
        .and_then(norm_date)
        .or_else(|| props.modified.as_deref().and_then(norm_date));
    Parsed {
        title: title.or(props.title).unwrap_or_default(),
        body,
        metadata,
        dct: metadata_date(date),
        lang: props
            .language
            .as_deref()
            .and_then(|l| l.split(['-', '_']).next())
            .map(Lang::from_code),
    }
}

/// Reads a DOCX file.
pub(crate) fn docx(bytes: &[u8], max_bytes: u64) -> Result<Parsed, ReadError> {
    let mut c = Container::open(bytes, max_bytes)?;
    if !c.has("word/document.xml") {
        return Err(ReadError::Archive(
            "not a Word document: no word/document.xml in the zip archive".to_string(),
        ));
    }
    let document = c
        .xml("word/document.xml")?
        .ok_or_else(|| ReadError::Archive("no word/document.xml".to_string()))?;
    let styles_xml = c.xml("word/styles.xml")?;
    let styles = styles(styles_xml.as_ref());
    let mut st = DocxState {
        styles: &styles,
        notes: Notes::default(),
        body: Body::default(),
        title: None,
    };
    match document.find("body") {
        Some(b) => docx_blocks(b, &mut st),
        None => docx_blocks(&document, &mut st),
    }
    let footnotes = c.xml("word/footnotes.xml")?;
    let endnotes = c.xml("word/endnotes.xml")?;
    let mut notes = st.notes;
    let mut note_texts = docx_notes(footnotes.as_ref(), "f", &mut notes);
    note_texts.extend(docx_notes(endnotes.as_ref(), "e", &mut notes));
    // Only referenced notes and notes with text are shown.
    note_texts.retain(|(id, _)| notes.numbers.contains_key(id));
    let props = properties(c.xml("docProps/core.xml")?.as_ref());
    let parsed = finish_office(st.body, st.title, notes, props, note_texts);
    if parsed.body.is_empty() && parsed.title.is_empty() {
        return Err(ReadError::Archive(
            "the Word document holds no text".to_string(),
        ));
    }
    Ok(parsed)
}

// ---------------------------------------------------------------------------------------------
// ODT

/// Automatic and named paragraph styles: style name → parent style name.
fn odt_parents(roots: &[Option<&Element>]) -> HashMap<String, String> {
    let mut map = HashMap::new();
    for root in roots.iter().flatten() {
        for s in root.find_all("style") {
            if let (Some(name), Some(parent)) = (s.attr("name"), s.attr("parent-style-name")) {
                map.insert(name.to_string(), parent.to_string());
            }
        }
    }
    map
}

fn odt_role(style: &str, parents: &HashMap<String, String>) -> Role {
    let mut name = style.to_string();
    for _ in 0..8 {
        let lower = name.to_lowercase().replace("_20_", " ");
        if lower == "title" || lower == "titel" {
            return Role::Title;
        }
        if lower == "caption"
            || lower == "illustration"
            || lower == "figure"
            || lower == "table"
            || lower == "beschriftung"
        {
            return Role::Caption;
        }
        if let Some(level) = heading_level_from_name(&lower) {
            return Role::Heading(level);
        }
        match parents.get(&name) {
            Some(p) => name = p.clone(),
            None => break,
        }
    }
    Role::Body
}

struct OdtState<'a> {
    parents: &'a HashMap<String, String>,
    notes: Notes,
    note_texts: Vec<(String, String)>,
    body: Body,
    title: Option<String>,
}

/// The visible text of an ODF paragraph; notes are collected and cited as `[n]`.
fn odt_text(e: &Element, st: &mut OdtState<'_>, out: &mut String) {
    for child in &e.children {
        match child {
            Node::Text(t) => out.push_str(t),
            Node::Element(c) => match c.name.as_str() {
                "s" => {
                    let n: usize = c.attr("c").and_then(|v| v.parse().ok()).unwrap_or(1);
                    out.push_str(&" ".repeat(n.min(8)));
                }
                "tab" | "line-break" => out.push(' '),
                "note" => {
                    let id = c
                        .attr("id")
                        .map(str::to_string)
                        .unwrap_or_else(|| format!("n{}", st.notes.numbers.len() + 1));
                    let n = st.notes.number(&id);
                    out.push_str(&format!("[{n}]"));
                    if let Some(note_body) = c.child("note-body") {
                        let mut text = String::new();
                        for p in note_body.elements() {
                            if !text.is_empty() {
                                text.push(' ');
                            }
                            odt_text(p, st, &mut text);
                        }
                        st.note_texts.push((id, super::body::clean_line(&text)));
                    }
                }
                "annotation" | "annotation-end" | "bookmark" | "bookmark-start"
                | "bookmark-end" | "soft-page-break" | "tracked-changes" | "change"
                | "change-start" | "change-end" => {}
                // A frame anchored in a paragraph (a text box or an image with its caption)
                // is read as blocks of its own after the paragraph's text.
                "frame" => {}
                _ => odt_text(c, st, out),
            },
        }
    }
}

fn odt_blocks(e: &Element, st: &mut OdtState<'_>) {
    for child in e.elements() {
        match child.name.as_str() {
            "h" | "p" => {
                let mut text = String::new();
                odt_text(child, st, &mut text);
                let style = child.attr("style-name").unwrap_or("");
                let role = odt_role(style, st.parents);
                if !text.trim().is_empty() {
                    if child.name == "h" {
                        let level = child
                            .attr("outline-level")
                            .and_then(|l| l.parse::<u8>().ok())
                            .unwrap_or(1);
                        if role == Role::Title && st.title.is_none() {
                            st.title = Some(super::body::clean_line(&text));
                        } else {
                            st.body.heading(&text, level.clamp(1, 3));
                        }
                    } else {
                        match role {
                            Role::Title if st.title.is_none() => {
                                st.title = Some(super::body::clean_line(&text));
                            }
                            Role::Heading(level) => st.body.heading(&text, level.min(3)),
                            Role::Caption => st.body.marked(&text, Mark::Caption),
                            _ => st.body.paragraph(&text),
                        }
                    }
                }
                // Frames inside the paragraph: text boxes and captioned images.
                for frame in child.find_all("frame") {
                    for tb in frame.find_all("text-box") {
                        odt_blocks(tb, st);
                    }
                }
            }
            "table" => {
                for row in child.find_all("table-row") {
                    let cells: Vec<String> = row
                        .elements()
                        .filter(|c| c.name == "table-cell")
                        .map(|cell| {
                            let mut text = String::new();
                            for p in cell.elements() {
                                if !text.is_empty() {
                                    text.push(' ');
                                }
                                odt_text(p, st, &mut text);
                            }
                            super::body::clean_line(&text)
                        })
                        .filter(|c| !c.is_empty())
                        .collect();
                    st.body.paragraph(&cells.join(" | "));
                }
            }
            "sequence-decls" | "variable-decls" | "user-field-decls" | "tracked-changes"
            | "forms" | "table-of-content" | "alphabetical-index" => {}
            _ => odt_blocks(child, st),
        }
    }
}

/// Reads an ODT file.
pub(crate) fn odt(bytes: &[u8], max_bytes: u64) -> Result<Parsed, ReadError> {
    let mut c = Container::open(bytes, max_bytes)?;
    if let Some(manifest) = c.read("META-INF/manifest.xml")?
        && manifest.windows(15).any(|w| w == b"encryption-data")
    {
        return Err(ReadError::Encrypted("the OpenDocument file".to_string()));
    }
    let content = c.xml("content.xml")?.ok_or_else(|| {
        ReadError::Archive("not an OpenDocument text: no content.xml in the zip archive".into())
    })?;
    let styles_xml = c.xml("styles.xml")?;
    let parents = odt_parents(&[Some(&content), styles_xml.as_ref()]);
    let mut st = OdtState {
        parents: &parents,
        notes: Notes::default(),
        note_texts: Vec::new(),
        body: Body::default(),
        title: None,
    };
    match content.find("body") {
        Some(b) => match b.child("text") {
            Some(t) => odt_blocks(t, &mut st),
            None => odt_blocks(b, &mut st),
        },
        None => odt_blocks(&content, &mut st),
    }
    let props = properties(c.xml("meta.xml")?.as_ref());
    let parsed = finish_office(st.body, st.title, st.notes, props, st.note_texts);
    if parsed.body.is_empty() && parsed.title.is_empty() {
        return Err(ReadError::Archive(
            "the OpenDocument file holds no text".to_string(),
        ));
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_names() {
        assert_eq!(heading_level_from_name("heading 2"), Some(2));
        assert_eq!(heading_level_from_name("Überschrift 1"), Some(1));
        assert_eq!(heading_level_from_name("berschrift3"), Some(3));
        assert_eq!(heading_level_from_name("normal"), None);
    }
}

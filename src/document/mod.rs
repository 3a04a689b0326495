//! Reading article files into [`crate::model::Document`]s.
//!
//! [`read_path`] reads a file, picking the [`Format`] from its extension; [`read_bytes`] reads
//! bytes already in memory. Both return the documents with `id = DocId(0)` (the caller assigns
//! ids) and never panic; every failure is a [`ReadError`] whose message names the cause.
//!
//! `Document::text` is the body only: the title, headings, metadata lines and publication-date
//! lines are held in their own fields. Paragraphs are joined by a blank line (`"\n\n"`), the
//! whitespace inside a paragraph is collapsed to single spaces, and all offsets are bytes.
//!
//! # Formats
//!
//! | extension | reader |
//! | --- | --- |
//! | `.txt`, anything unknown | plain text, with layout detection (see below) |
//! | `.md`, `.markdown` | CommonMark: first `#` heading = title, front matter `title`/`date` |
//! | `.html`, `.htm`, `.xhtml` | main article text by content scoring (see `html.rs`), title from `og:title`/JSON-LD/`<title>`/`<h1>`, date from JSON-LD `datePublished`/meta tags/`<time datetime>` |
//! | `.json` | one article object (or an array of them) |
//! | `.jsonl`, `.ndjson` | one article object per line |
//! | `.pdf` | text layer in reading order, running heads and page numbers removed, hyphenation joined; `no text layer: N pages` for scans |
//! | `.docx`, `.docm`, `.odt` | paragraphs, headings by style, lists, tables as rows, footnotes; title and dates from the properties |
//! | `.eml` | one mail (subject, `Date:`, From/To/Cc, text part, quoted replies marked) and its readable attachments as further documents |
//! | `.mbox`, `.mbx` | every mail of the mailbox, read one message at a time |
//! | `.xml`, `.nitf`, `.newsml`, `.tml`, `.timeml` | NITF, NewsML-G2, TimeML, XHTML, any other XML as its text |
//!
//! A PDF or a zip-based office document is recognised by its content whatever its extension.
//! Marked paragraphs are listed in the metadata by their 0-based index in `paragraphs`:
//! `captions` (figure captions), `quoted` (quoted e-mail text), `footnotes`.
//! Nothing in a document reaches out: no DTD, external entity or XInclude is read, and zip
//! containers are unpacked under caps on entries and size.
//!
//! Text files may be UTF-8 (with or without byte-order mark), UTF-16 LE/BE (with byte-order
//! mark, or without one when the text is mostly Latin script),
//! or a legacy single-byte encoding such as Windows-1252 or Latin-1 (detected); line ends are
//! normalised to `\n`.
//!
//! **Plain-text layout**: the first non-empty line is the title; short lines without closing
//! punctuation that stand between paragraphs are headings; `Key: value` lines with short values
//! at the end are metadata; publication-date lines near the start or the end ("Veröffentlicht:
//! 28.10.2024", "Stand: 19.11.2024, 10:15 Uhr", "Updated: NOVEMBER 19, 2024 00:17", "Published
//! 2024-11-19", "Datum: …", "Date: …") give the document date (source `text`).
//!
//! # JSON fields
//!
//! An article object (`.json`, or one line of `.jsonl`) has these fields; only `text` or `body`
//! is required, unknown fields are ignored:
//!
//! | field | type | meaning |
//! | --- | --- | --- |
//! | `text` or `body` | string | the article body; paragraphs separated by a blank line (without blank lines, each line is a paragraph) |
//! | `title` | string | the title |
//! | `date` | string | publication date: `2024-11-19`, `2024-11-19T10:15:00+01:00`, `19.11.2024`, `19. November 2024`, `November 19, 2024`; becomes the document date (source `metadata`); kept as metadata `date` when it cannot be read |
//! | `url` | string | stored as metadata `url` |
//! | `author` | string or array of strings | stored as metadata `author` (joined with `, `) |
//! | `source` | string | stored as metadata `source` |
//! | `metadata` | object of strings, numbers or booleans | extra key/value pairs (nested values are skipped) |
//! | `language` or `lang` | string | language code (`de`, `en`, `fra`, …); used unless the caller sets one |
//!
//! ```json
//! {"title": "Nordkorea und Russland rücken zusammen", "date": "2024-11-19",
//!  "url": "https://example.org/artikel", "author": "Max Muster", "language": "de",
//!  "text": "Erster Absatz.\n\nZweiter Absatz.", "metadata": {"Kommentare": 13}}
//! ```

mod agency;
mod body;
pub mod dates;
mod decode;
mod email;
mod error;
mod html;
mod json;
mod markdown;
mod mbox;
mod office;
mod pdf;
mod plain;
mod sniff;
mod xml;

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

pub use error::ReadError;

use crate::lang::detect_language;
use crate::model::{Dct, DctSource, DocId, Document, Lang};

/// The file formats Dossier reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text with layout detection.
    Text,
    /// CommonMark.
    Markdown,
    /// HTML.
    Html,
    /// One JSON article object (or an array of them).
    Json,
    /// One JSON article object per line.
    JsonLines,
    /// PDF with a text layer.
    Pdf,
    /// Word (Office Open XML) document.
    Docx,
    /// OpenDocument text.
    Odt,
    /// One e-mail message (RFC 5322 / MIME).
    Email,
    /// A mailbox of e-mail messages (mbox).
    Mbox,
    /// XML: NITF, NewsML-G2, TimeML or any other XML.
    Xml,
}

impl Format {
    /// The file extensions with a dedicated reader (for file dialogs); other files are read as
    /// plain text.
    pub const EXTENSIONS: &'static [&'static str] = &[
        "txt", "text", "md", "markdown", "mdown", "mkd", "html", "htm", "xhtml", "json", "jsonl",
        "ndjson", "pdf", "docx", "docm", "odt", "eml", "mbox", "mbx", "xml", "nitf", "newsml",
        "tml", "timeml",
    ];

    /// The format for a file extension (case-insensitive, without the dot), if it is a known one.
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" | "mdown" | "mkd" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            "pdf" => Some(Format::Pdf),
            "docx" | "docm" => Some(Format::Docx),
            "odt" => Some(Format::Odt),
            "eml" => Some(Format::Email),
            "mbox" | "mbx" => Some(Format::Mbox),
            "xml" | "nitf" | "newsml" | "tml" | "timeml" => Some(Format::Xml),
            _ => None,
        }
    }

    /// The format for a path: by extension, and plain text for unknown or missing extensions.
    pub fn from_path(path: &Path) -> Format {
        path.extension()
            .and_then(|e| e.to_str())
            .and_then(Format::from_extension)
            .unwrap_or(Format::Text)
    }

    /// A short lower-case name (`text`, `markdown`, `html`, `json`, `jsonl`, `pdf`, `docx`,
    /// `odt`, `email`, `mbox`, `xml`).
    pub fn name(&self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Json => "json",
            Format::JsonLines => "jsonl",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Odt => "odt",
            Format::Email => "email",
            Format::Mbox => "mbox",
            Format::Xml => "xml",
        }
    }

    /// How the format is called in messages ("a PDF file").
    pub fn describe(&self) -> &'static str {
        match self {
            Format::Text => "a text file",
            Format::Markdown => "a Markdown file",
            Format::Html => "an HTML page",
            Format::Json | Format::JsonLines => "a JSON file",
            Format::Pdf => "a PDF file",
            Format::Docx => "a Word (DOCX) document",
            Format::Odt => "an OpenDocument text (ODT)",
            Format::Email => "an e-mail message",
            Format::Mbox => "a mailbox (mbox)",
            Format::Xml => "an XML file",
        }
    }
}

/// Default size limit: 64 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Options for reading documents. Build with [`ReadOptions::new`] (or `default()`) and the
/// builder methods:
///
/// ```
/// use dossier::document::ReadOptions;
/// use dossier::model::Lang;
/// let opts = ReadOptions::new().max_bytes(1 << 20).lang(Lang::De);
/// assert_eq!(opts.max_bytes, 1 << 20);
/// assert_eq!(opts.lang, Some(Lang::De));
/// let from_cli: Option<Lang> = None; // `--lang auto`
/// assert_eq!(opts.lang(from_cli).lang, None);
/// assert_eq!(ReadOptions::default().lang(None).max_bytes, 64 * 1024 * 1024);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// Files larger than this many bytes are refused ([`ReadError::TooLarge`]).
    pub max_bytes: u64,
    /// The language of every document read; `None` detects it per document.
    pub lang: Option<Lang>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        Self {
            max_bytes: DEFAULT_MAX_BYTES,
            lang: None,
        }
    }
}

impl ReadOptions {
    /// Default options: 64 MiB limit, language detected.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the size limit in bytes.
    pub fn max_bytes(mut self, max_bytes: u64) -> Self {
        self.max_bytes = max_bytes;
        self
    }

    /// Sets (`Lang` or `Some(Lang)`) or clears (`None`) the language override.
    pub fn lang(mut self, lang: impl Into<Option<Lang>>) -> Self {
        self.lang = lang.into();
        self
    }
}

/// What a format reader produces for one document, before language and path are added.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    pub title: String,
    pub body: body::Body,
    pub metadata: BTreeMap<String, String>,
    pub dct: Option<Dct>,
    /// A language named by the file itself (JSON `language`, Markdown front matter).
    pub lang: Option<Lang>,
}

/// How deeply files may sit inside files (a mail's attachment, a forwarded mail's attachment).
pub const MAX_NESTING: usize = 3;

/// Reads the documents in the file at `path`; the format follows the extension (unknown
/// extensions are read as plain text if they are text), unless the content is clearly another
/// format Dossier reads (a PDF or an office document under another name).
///
/// An mbox file is read message by message without loading the whole file: the size limit
/// applies to each message, not to the mailbox (see [`read_path_streaming`] for progress).
pub fn read_path(path: &Path, opts: &ReadOptions) -> Result<Vec<Document>, ReadError> {
    let meta = fs::metadata(path).map_err(ReadError::from_io)?;
    if meta.is_dir() {
        return Err(ReadError::IsDirectory);
    }
    if Format::from_path(path) == Format::Mbox {
        return mbox::read_all(path, opts);
    }
    if meta.len() > opts.max_bytes {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            limit: opts.max_bytes,
        });
    }
    let file = fs::File::open(path).map_err(ReadError::from_io)?;
    // Read at most one byte past the limit, in case the file grew since `metadata`.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(opts.max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::from_io)?;
    read_bytes(&bytes, Format::from_path(path), Some(path), opts)
}

/// How far a streaming read has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReadProgress {
    /// Bytes of the file read so far.
    pub bytes_read: u64,
    /// Size of the file in bytes.
    pub total_bytes: u64,
    /// Documents (or failures) reported so far, this one included.
    pub items: usize,
}

/// Reads the file at `path` like [`read_path`], handing each document to `each` as soon as it
/// is read, with the progress so far; `each` returns `false` to stop early. For an mbox,
/// messages are read one at a time (memory stays bounded by the largest message) and a message
/// that cannot be read is reported as an `Err` item (its error names the message) while the
/// others go on; for other formats the documents of the file are handed on one by one. The
/// returned error is one that stops the whole file (missing, unreadable, not the format).
pub fn read_path_streaming(
    path: &Path,
    opts: &ReadOptions,
    each: &mut dyn FnMut(Result<Document, ReadError>, ReadProgress) -> bool,
) -> Result<(), ReadError> {
    let meta = fs::metadata(path).map_err(ReadError::from_io)?;
    if meta.is_dir() {
        return Err(ReadError::IsDirectory);
    }
    if Format::from_path(path) == Format::Mbox {
        return mbox::stream(path, opts, each);
    }
    let docs = read_path(path, opts)?;
    let total = meta.len();
    for (i, doc) in docs.into_iter().enumerate() {
        let progress = ReadProgress {
            bytes_read: total,
            total_bytes: total,
            items: i + 1,
        };
        if !each(Ok(doc), progress) {
            break;
        }
    }
    Ok(())
}

/// Reads the documents in `bytes` of the given format. `path` is recorded in the documents
/// (and gives the title of a plain-text file without one: the file name without extension).
/// A PDF or an office document is recognised by its content whatever `format` says; bytes that
/// are not the binary format `format` names are refused with [`ReadError::WrongFormat`].
pub fn read_bytes(
    bytes: &[u8],
    format: Format,
    path: Option<&Path>,
    opts: &ReadOptions,
) -> Result<Vec<Document>, ReadError> {
    read_nested(bytes, format, path, opts, 0)
}

/// [`read_bytes`] for a file found inside another file, `depth` levels down.
pub(crate) fn read_nested(
    bytes: &[u8],
    format: Format,
    path: Option<&Path>,
    opts: &ReadOptions,
    depth: usize,
) -> Result<Vec<Document>, ReadError> {
    let size = bytes.len() as u64;
    if size > opts.max_bytes {
        return Err(ReadError::TooLarge {
            size,
            limit: opts.max_bytes,
        });
    }
    if depth > MAX_NESTING {
        return Err(ReadError::TooDeep(MAX_NESTING));
    }
    let format = sniff::detect(bytes, format)?;
    let parsed = match format {
        Format::Pdf => vec![pdf::parse(bytes)?],
        Format::Docx => vec![office::docx(bytes, opts.max_bytes)?],
        Format::Odt => vec![office::odt(bytes, opts.max_bytes)?],
        Format::Email => return email::read_message(bytes, path, opts, depth),
        Format::Mbox => return mbox::read_bytes(bytes, path, opts, depth),
        Format::Xml => {
            let declared = sniff::xml_encoding(bytes);
            let text = decode::decode(bytes, declared.as_deref())?;
            match agency::parse_xml(&text)? {
                Some(parsed) => parsed,
                None => vec![html::parse(&text)?],
            }
        }
        Format::Text | Format::Markdown | Format::Html | Format::Json | Format::JsonLines => {
            let declared = match format {
                Format::Html => html::declared_charset(bytes),
                _ => None,
            };
            let text = decode::decode(bytes, declared.as_deref())?;
            match format {
                Format::Markdown => vec![markdown::parse(&text)],
                Format::Html => vec![html::parse(&text)?],
                Format::Json => json::parse_json(&text)?,
                Format::JsonLines => json::parse_jsonl(&text)?,
                _ => vec![plain::parse(&text)],
            }
        }
    };
    Ok(parsed.into_iter().map(|p| finish(p, path, opts)).collect())
}

/// The modification day of the file at `path` (local time) as a document date with source
/// [`DctSource::FileMtime`] — for callers that want a fallback when a document has no date of
/// its own. The readers never apply it themselves.
pub fn mtime_dct(path: &Path) -> Option<Dct> {
    let modified = fs::metadata(path).ok()?.modified().ok()?;
    let local: chrono::DateTime<chrono::Local> = modified.into();
    Some(Dct {
        date: local.date_naive(),
        source: DctSource::FileMtime,
    })
}

/// Adds path, language and id to a parsed document.
pub(crate) fn finish(parsed: Parsed, path: Option<&Path>, opts: &ReadOptions) -> Document {
    let Parsed {
        mut title,
        body,
        mut metadata,
        dct,
        lang,
    } = parsed;
    body.write_marks(&mut metadata);
    let language = match (&opts.lang, lang) {
        (Some(lang), _) => lang.clone(),
        (None, Some(lang)) => lang,
        (None, None) if body.text.trim().is_empty() => detect_language(&title),
        (None, None) => detect_language(&body.text),
    };
    if title.is_empty()
        && let Some(stem) = path.and_then(Path::file_stem).and_then(|s| s.to_str())
    {
        title = stem.to_string();
    }
    Document {
        id: DocId(0),
        path: path.map(PathBuf::from),
        title,
        headings: body.headings,
        paragraphs: body.paragraphs,
        metadata,
        language,
        dct,
        text: body.text,
    }
}

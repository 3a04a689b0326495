//! The error type of the document readers.

use std::io;

/// Why a file could not be read as a document. The messages name the cause only; the caller
/// prefixes the file name (`"{path}: {error}"`).
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The path does not exist.
    #[error("file not found")]
    NotFound,
    /// The path names a directory.
    #[error("is a directory, not a file")]
    IsDirectory,
    /// The file may not be read.
    #[error("permission denied")]
    PermissionDenied,
    /// Any other I/O failure.
    #[error("cannot read file: {0}")]
    Io(#[source] io::Error),
    /// The file holds no bytes, or only whitespace.
    #[error("empty file")]
    Empty,
    /// The file is not text (NUL bytes, or bytes that decode to no known text encoding).
    #[error("binary file, not text ({reason})")]
    Binary {
        /// What gave it away.
        reason: String,
    },
    /// The file exceeds the configured size limit.
    #[error("file too large: {size} bytes ({}), limit is {limit} bytes ({})", mib(*.size), mib(*.limit))]
    TooLarge {
        /// Size of the file in bytes.
        size: u64,
        /// The limit in bytes ([`crate::document::ReadOptions::max_bytes`]).
        limit: u64,
    },
    /// The text is in an encoding the reader cannot decode.
    #[error("unsupported encoding: {0}")]
    UnsupportedEncoding(String),
    /// Malformed JSON; `line` and `column` are 1-based positions in the file.
    #[error("malformed JSON at line {line}, column {column}: {message}")]
    Json {
        /// Line of the error in the file (for `.jsonl`: the line of the offending record).
        line: usize,
        /// Column of the error in that line.
        column: usize,
        /// What the parser expected.
        message: String,
    },
    /// A JSON article without a `text` or `body` string.
    #[error("{} has no \"text\" or \"body\" string field", article_at(.line))]
    MissingText {
        /// For `.jsonl`: the line of the record.
        line: Option<usize>,
    },
    /// HTML without any readable content.
    #[error("malformed HTML: {0}")]
    Html(String),
    /// XML that cannot be parsed, is nested too deeply or holds no text.
    #[error("unreadable XML: {0}")]
    Xml(String),
    /// A PDF that cannot be parsed.
    #[error("unreadable PDF: {0}")]
    Pdf(String),
    /// A PDF whose pages carry no text (a scan without OCR).
    #[error("no text layer: {pages} {} (a scan? run OCR on it first)", if *.pages == 1 { "page" } else { "pages" })]
    NoTextLayer {
        /// Number of pages in the file.
        pages: usize,
    },
    /// A password-protected file.
    #[error("{0} is encrypted (password-protected); save an unprotected copy to read it")]
    Encrypted(String),
    /// A zip container (DOCX, ODT) that is broken, not a document, or too large when
    /// unpacked.
    #[error("{0}")]
    Archive(String),
    /// The file's content does not match its extension and is no other format Dossier reads.
    #[error("not {expected}: the content is {found}")]
    WrongFormat {
        /// What the extension promised ("a PDF file").
        expected: &'static str,
        /// What the bytes look like ("text", "an HTML page", "a Word 97–2003 .doc file").
        found: String,
    },
    /// An e-mail message or mailbox that cannot be read.
    #[error("unreadable e-mail: {0}")]
    Mail(String),
    /// Files inside files (attachments, archives) nested too deeply.
    #[error("files nested more than {0} levels deep (attachments of attachments)")]
    TooDeep(usize),
}

impl ReadError {
    /// Maps an I/O error to the matching variant.
    pub fn from_io(err: io::Error) -> ReadError {
        match err.kind() {
            io::ErrorKind::NotFound => ReadError::NotFound,
            io::ErrorKind::PermissionDenied => ReadError::PermissionDenied,
            io::ErrorKind::IsADirectory => ReadError::IsDirectory,
            _ => ReadError::Io(err),
        }
    }
}

impl From<io::Error> for ReadError {
    fn from(err: io::Error) -> Self {
        ReadError::from_io(err)
    }
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

fn article_at(line: &Option<usize>) -> String {
    match line {
        Some(l) => format!("JSON article on line {l}"),
        None => "JSON article".to_string(),
    }
}

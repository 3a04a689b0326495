//! Telling formats apart by their first bytes, so that a file under the wrong extension is read
//! for what it is (a PDF saved as `.txt`) or refused with a message saying what it is.

use super::office;
use super::{Format, ReadError};

/// True when the bytes start like a PDF (a `%PDF-` header within the first kilobyte, as PDF
/// readers accept).
pub(crate) fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}

/// True for a zip archive (a local file header or an empty archive's end record).
pub(crate) fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// What the bytes look like, for messages.
pub(crate) fn describe(bytes: &[u8]) -> String {
    let head = &bytes[..bytes.len().min(2048)];
    let lower: Vec<u8> = head
        .iter()
        .skip_while(|b| b.is_ascii_whitespace() || **b == 0xEF || **b == 0xBB || **b == 0xBF)
        .map(u8::to_ascii_lowercase)
        .collect();
    if bytes.is_empty() {
        "empty".to_string()
    } else if is_pdf(bytes) {
        "a PDF file".to_string()
    } else if is_zip(bytes) {
        "a zip archive".to_string()
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        "an old Microsoft Office file (Word 97–2003 .doc or Outlook .msg); save it as .docx \
         or .eml"
            .to_string()
    } else if bytes.starts_with(b"{\\rtf") {
        "an RTF document; save it as .docx or .odt".to_string()
    } else if bytes.starts_with(&[0x1F, 0x8B]) {
        "gzip-compressed; unpack it first".to_string()
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G'])
        || bytes.starts_with(&[0xFF, 0xD8, 0xFF])
        || bytes.starts_with(b"GIF8")
    {
        "an image".to_string()
    } else if lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html") {
        "an HTML page (rename it to .html)".to_string()
    } else if lower.starts_with(b"<?xml") || lower.starts_with(b"<") {
        "XML or HTML text (rename it to .xml or .html)".to_string()
    } else if lower.starts_with(b"from ") || lower.starts_with(b"return-path:") {
        "an e-mail message or mailbox (rename it to .eml or .mbox)".to_string()
    } else if head.contains(&0) {
        "binary data".to_string()
    } else {
        "text".to_string()
    }
}

/// The format to read `bytes` with, given the one the extension names: PDF and office
/// documents are recognised by content; a binary format whose content is missing is an error.
pub(crate) fn detect(bytes: &[u8], declared: Format) -> Result<Format, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    if is_pdf(bytes) {
        return Ok(Format::Pdf);
    }
    if is_zip(bytes) {
        return match office::kind(bytes) {
            Some(kind) => Ok(kind),
            None => Err(ReadError::Archive(format!(
                "a zip archive that is not a document (no word/document.xml or OpenDocument \
                 text inside){}",
                match declared {
                    Format::Docx | Format::Odt => String::new(),
                    other => format!("; expected {}", other.describe()),
                }
            ))),
        };
    }
    match declared {
        Format::Pdf | Format::Docx | Format::Odt => Err(ReadError::WrongFormat {
            expected: declared.describe(),
            found: describe(bytes),
        }),
        other => Ok(other),
    }
}

/// The encoding named in an XML declaration (`<?xml version="1.0" encoding="ISO-8859-1"?>`).
pub(crate) fn xml_encoding(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(512)];
    let start = head.windows(5).position(|w| w == b"<?xml")?;
    let decl_end = head[start..].windows(2).position(|w| w == b"?>")? + start;
    let decl = &head[start..decl_end];
    let pos = decl.windows(8).position(|w| w == b"encoding")?;
    let rest = &decl[pos + 8..];
    let rest = rest
        .iter()
        .skip_while(|b| b.is_ascii_whitespace() || **b == b'=');
    let rest: Vec<u8> = rest.copied().collect();
    let quote = *rest.first()?;
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let end = rest[1..].iter().position(|&b| b == quote)?;
    let label = std::str::from_utf8(&rest[1..1 + end]).ok()?.trim();
    (!label.is_empty()).then(|| label.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_content() {
        assert_eq!(
            detect(b"%PDF-1.4 ...", Format::Text).ok(),
            Some(Format::Pdf)
        );
        assert!(matches!(
            detect(b"<html><p>x</p></html>", Format::Pdf),
            Err(ReadError::WrongFormat { .. })
        ));
        let err = detect(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest", Format::Docx)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("Word 97"), "{err}");
        assert_eq!(
            detect(b"plain words", Format::Text).ok(),
            Some(Format::Text)
        );
        assert_eq!(
            xml_encoding(b"<?xml version=\"1.0\" encoding='ISO-8859-1' ?><a/>").as_deref(),
            Some("ISO-8859-1")
        );
        assert_eq!(xml_encoding(b"<a/>"), None);
    }
}

//! E-mail messages (`.eml`, and each message of an mbox), parsed with `mail-parser`.
//!
//! The subject is the title and the `Date:` header the document date (the calendar day as the
//! sender wrote it, source metadata). `From`, `To`, `Cc`, `Message-ID` and the attachment names
//! become metadata. The body is the text/plain part when there is one, else the HTML part read
//! with the HTML reader. Quoted text (lines starting with `>`, the "… wrote:"/"… schrieb:" line
//! before them, and everything after an "Original Message" separator) stays in the text as
//! paragraphs marked `quoted`.
//!
//! Attachments that Dossier can read (PDF, Word, OpenDocument, HTML, text, Markdown, XML, JSON,
//! attached e-mails) become documents of their own, following the mail, with metadata
//! `attachment` (the file name), `attached to` (the mail's subject) and `message-id` (the
//! mail's); an attachment that cannot be read is listed in the mail's metadata
//! `unreadable attachments` with the reason, and the mail is read all the same.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use mail_parser::{Address, Message, MessageParser, MimeHeaders};

use crate::model::{Dct, DctSource, Document};

use super::body::{Body, Mark, clean_line};
use super::{Format, Parsed, ReadError, ReadOptions, finish, html, read_nested};

/// Reads one message and its readable attachments.
pub(crate) fn read_message(
    bytes: &[u8],
    path: Option<&Path>,
    opts: &ReadOptions,
    depth: usize,
) -> Result<Vec<Document>, ReadError> {
    let message = MessageParser::default()
        .parse(bytes)
        .ok_or_else(|| ReadError::Mail("no message headers".to_string()))?;
    if message.subject().is_none()
        && message.from().is_none()
        && message.date().is_none()
        && message.to().is_none()
        && message.message_id().is_none()
    {
        return Err(ReadError::Mail(
            "no From, To, Subject, Date or Message-ID header: not an e-mail".to_string(),
        ));
    }
    message_docs(&message, path, opts, depth)
}

fn addresses(addr: Option<&Address<'_>>) -> Option<String> {
    let list: Vec<String> = addr?
        .iter()
        .map(|a| match (a.name(), a.address()) {
            (Some(n), Some(ad)) if !n.is_empty() => format!("{n} <{ad}>"),
            (_, Some(ad)) => ad.to_string(),
            (Some(n), None) => n.to_string(),
            (None, None) => String::new(),
        })
        .filter(|s| !s.is_empty())
        .collect();
    (!list.is_empty()).then(|| list.join(", "))
}

/// The format of an attachment, from its name or else its content type.
fn attachment_format(name: Option<&str>, ctype: Option<(&str, Option<&str>)>) -> Option<Format> {
    if let Some(ext) = name
        .and_then(|n| Path::new(n).extension())
        .and_then(|e| e.to_str())
        && let Some(f) = Format::from_extension(ext)
    {
        return Some(f);
    }
    let (t, sub) = ctype?;
    let sub = sub.unwrap_or("").to_ascii_lowercase();
    match (t.to_ascii_lowercase().as_str(), sub.as_str()) {
        ("application", "pdf") => Some(Format::Pdf),
        ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document") => {
            Some(Format::Docx)
        }
        ("application", "vnd.oasis.opendocument.text") => Some(Format::Odt),
        ("text", "html") => Some(Format::Html),
        ("text", "plain") => Some(Format::Text),
        ("text", "markdown") => Some(Format::Markdown),
        ("text" | "application", "xml") => Some(Format::Xml),
        ("message", "rfc822") => Some(Format::Email),
        _ => None,
    }
}

fn date_of(message: &Message<'_>) -> Option<NaiveDate> {
    let d = message.date()?;
    NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
}

fn message_docs(
    message: &Message<'_>,
    path: Option<&Path>,
    opts: &ReadOptions,
    depth: usize,
) -> Result<Vec<Document>, ReadError> {
    let title = message.subject().map(clean_line).unwrap_or_default();
    let mut metadata = BTreeMap::new();
    for (key, value) in [
        ("from", addresses(message.from())),
        ("to", addresses(message.to())),
        ("cc", addresses(message.cc())),
    ] {
        if let Some(v) = value {
            metadata.insert(key.to_string(), v);
        }
    }
    let message_id = message.message_id().map(str::to_string);
    if let Some(id) = &message_id {
        metadata.insert("message-id".to_string(), id.clone());
    }
    if let Some(raw) = message.header_raw("Date") {
        metadata.insert("date".to_string(), clean_line(raw));
    }
    let dct = date_of(message).map(|date| Dct {
        date,
        source: DctSource::Metadata,
    });

    // The text part when there is one, else the HTML part.
    let mut body = Body::default();
    let plain = message
        .text_bodies()
        .find(|p| p.is_text() && !p.is_text_html())
        .and_then(|p| p.text_contents().map(str::to_string));
    let mut lang = None;
    match plain {
        Some(text) => text_body(&text, &mut body),
        None => {
            if let Some(html_text) = message.body_html(0)
                && let Ok(parsed) = html::parse(&html_text)
            {
                lang = parsed.lang;
                body = parsed.body;
            }
        }
    }

    let mut attachments = Vec::new();
    let mut unreadable = Vec::new();
    let mut extra: Vec<Document> = Vec::new();
    for (i, part) in message.attachments().enumerate() {
        let name = part
            .attachment_name()
            .map(str::to_string)
            .or_else(|| {
                part.message()
                    .and_then(|m| m.subject())
                    .map(|s| format!("{s}.eml"))
            })
            .unwrap_or_else(|| format!("attachment {}", i + 1));
        attachments.push(name.clone());
        let ctype = part.content_type().map(|c| (c.ctype(), c.subtype()));
        let result = if let Some(inner) = part.message() {
            if depth + 1 > super::MAX_NESTING {
                Err(ReadError::TooDeep(super::MAX_NESTING))
            } else {
                message_docs(inner, path, opts, depth + 1)
            }
        } else {
            match attachment_format(Some(&name), ctype) {
                Some(format) => read_nested(part.contents(), format, path, opts, depth + 1),
                None => continue,
            }
        };
        match result {
            Ok(docs) => {
                for mut doc in docs {
                    doc.metadata
                        .entry("attachment".to_string())
                        .or_insert_with(|| name.clone());
                    doc.metadata
                        .entry("attached to".to_string())
                        .or_insert_with(|| title.clone());
                    if let Some(id) = &message_id {
                        doc.metadata
                            .entry("attached to message-id".to_string())
                            .or_insert_with(|| id.clone());
                    }
                    if doc.title.is_empty()
                        || path
                            .and_then(Path::file_stem)
                            .is_some_and(|s| s.to_str() == Some(doc.title.as_str()))
                    {
                        doc.title = name.clone();
                    }
                    extra.push(doc);
                }
            }
            Err(e) => unreadable.push(format!("{name}: {e}")),
        }
    }
    if !attachments.is_empty() {
        metadata.insert("attachments".to_string(), attachments.join(", "));
    }
    if !unreadable.is_empty() {
        metadata.insert("unreadable attachments".to_string(), unreadable.join("; "));
    }
    let mail = finish(
        Parsed {
            title,
            body,
            metadata,
            dct,
            lang,
        },
        path,
        opts,
    );
    let mut docs = vec![mail];
    docs.extend(extra);
    Ok(docs)
}

/// True for the line that introduces a quoted reply ("On Tue, … Anna wrote:", "Am 19.11.2024
/// schrieb Anna:").
fn is_attribution(line: &str) -> bool {
    let l = line.trim();
    l.len() < 300
        && l.ends_with(':')
        && (l.contains(" wrote") || l.contains(" schrieb") || l.contains(" a écrit"))
}

/// True for an Outlook-style separator before a forwarded or quoted mail.
fn is_separator(line: &str) -> bool {
    let l = line.trim().trim_matches('-').trim().to_lowercase();
    line.trim_start().starts_with("-----")
        && (l.contains("original message")
            || l.contains("ursprüngliche nachricht")
            || l.contains("forwarded message")
            || l.contains("weitergeleitete nachricht"))
}

/// The paragraphs of a text/plain body: blank lines separate paragraphs, quoted lines form
/// paragraphs of their own marked as quotes.
fn text_body(text: &str, body: &mut Body) {
    let text = text.replace("\r\n", "\n");
    let lines: Vec<&str> = text.lines().collect();
    let mut para = String::new();
    let mut para_quoted = false;
    let mut rest_quoted = false;
    let flush = |para: &mut String, quoted: bool, body: &mut Body| {
        if quoted {
            body.marked(para, Mark::Quote);
        } else {
            body.paragraph(para);
        }
        para.clear();
    };
    for (i, line) in lines.iter().enumerate() {
        if is_separator(line) {
            flush(&mut para, para_quoted, body);
            rest_quoted = true;
            continue;
        }
        let quoted_line = line.trim_start().starts_with('>');
        let attribution = !quoted_line
            && is_attribution(line)
            && lines[i + 1..]
                .iter()
                .find(|l| !l.trim().is_empty())
                .is_some_and(|l| l.trim_start().starts_with('>'));
        let quoted = rest_quoted || quoted_line || attribution;
        let content = if quoted_line {
            line.trim_start().trim_start_matches(['>', ' '])
        } else {
            line
        };
        if content.trim().is_empty() {
            flush(&mut para, para_quoted, body);
            continue;
        }
        if quoted != para_quoted || attribution {
            flush(&mut para, para_quoted, body);
            para_quoted = quoted;
        }
        para.push_str(content);
        para.push('\n');
        if attribution {
            flush(&mut para, true, body);
        }
    }
    flush(&mut para, para_quoted, body);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_marked() {
        let mut body = Body::default();
        text_body(
            "Hallo Anna,\r\nanbei der Bericht.\r\n\r\nAm 18.11.2024 schrieb Anna Beispiel:\r\n> Kannst du\r\n> ihn schicken?\r\n>\r\n> Danke\r\n\r\nGruß\r\n",
            &mut body,
        );
        let paras: Vec<&str> = body
            .paragraphs
            .iter()
            .map(|s| s.slice(&body.text))
            .collect();
        assert_eq!(
            paras,
            [
                "Hallo Anna, anbei der Bericht.",
                "Am 18.11.2024 schrieb Anna Beispiel:",
                "Kannst du ihn schicken?",
                "Danke",
                "Gruß"
            ]
        );
        let quoted: Vec<usize> = body.marks.iter().map(|(i, _)| *i).collect();
        assert_eq!(quoted, [1, 2, 3]);
    }

    #[test]
    fn formats_of_attachments() {
        assert_eq!(
            attachment_format(Some("Bericht.PDF"), None),
            Some(Format::Pdf)
        );
        assert_eq!(
            attachment_format(Some("x.bin"), Some(("application", Some("pdf")))),
            Some(Format::Pdf)
        );
        assert_eq!(attachment_format(None, Some(("image", Some("png")))), None);
    }
}

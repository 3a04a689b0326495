//! JSON articles (`.json`: one object, or an array of objects) and JSON Lines (`.jsonl`: one
//! object per line). See [`crate::document`] for the fields.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::model::{Dct, DctSource, Lang};

use super::body::{Body, clean_line};
use super::dates::parse_date;
use super::{Parsed, ReadError};

fn json_error(err: &serde_json::Error, line_offset: usize) -> ReadError {
    ReadError::Json {
        line: err.line() + line_offset,
        column: err.column(),
        message: strip_position(&err.to_string()),
    }
}

/// serde_json appends " at line L column C"; the position is reported separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// A string field, or `None` when absent, null or not a string.
fn string_field<'a>(obj: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    obj.get(key).and_then(Value::as_str)
}

/// A scalar as metadata text; arrays of scalars are joined with ", ".
fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(scalar_text).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        Value::Null | Value::Object(_) => None,
    }
    .filter(|s| !s.is_empty())
}

/// Splits a text field into paragraphs: blank lines separate paragraphs; when there are none,
/// every line is a paragraph.
fn body_from_text(text: &str) -> Body {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut body = Body::default();
    let has_blank = text.split('\n').any(|l| l.trim().is_empty()) && text.trim().contains('\n');
    if has_blank {
        let mut para = String::new();
        for line in text.split('\n') {
            if line.trim().is_empty() {
                body.paragraph(&para);
                para.clear();
            } else {
                para.push(' ');
                para.push_str(line);
            }
        }
        body.paragraph(&para);
    } else {
        for line in text.split('\n') {
            body.paragraph(line);
        }
    }
    body
}

/// Turns one JSON article object into a parsed document. `line` is the `.jsonl` line.
fn article(value: &Value, line: Option<usize>) -> Result<Parsed, ReadError> {
    let Some(obj) = value.as_object() else {
        return Err(ReadError::Json {
            line: line.unwrap_or(1),
            column: 1,
            message: format!("expected an article object, found {}", kind(value)),
        });
    };
    let text = string_field(obj, "text")
        .or_else(|| string_field(obj, "body"))
        .ok_or(ReadError::MissingText { line })?;
    let title = string_field(obj, "title")
        .map(clean_line)
        .unwrap_or_default();
    let mut metadata = BTreeMap::new();
    if let Some(Value::Object(extra)) = obj.get("metadata") {
        for (key, value) in extra {
            if let Some(v) = scalar_text(value) {
                metadata.insert(key.clone(), v);
            }
        }
    }
    for key in ["url", "author", "source"] {
        if let Some(v) = obj.get(key).and_then(scalar_text) {
            metadata.insert(key.to_string(), v);
        }
    }
    let mut dct = None;
    if let Some(date) = obj.get("date").and_then(scalar_text) {
        match parse_date(&date) {
            Some(d) => {
                dct = Some(Dct {
                    date: d,
                    source: DctSource::Metadata,
                })
            }
            None => {
                metadata.insert("date".to_string(), date);
            }
        }
    }
    let lang = string_field(obj, "language")
        .or_else(|| string_field(obj, "lang"))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(Lang::from_code);
    Ok(Parsed {
        title,
        body: body_from_text(text),
        metadata,
        dct,
        lang,
    })
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Reads a `.json` file: one article object, or an array of article objects.
pub(crate) fn parse_json(text: &str) -> Result<Vec<Parsed>, ReadError> {
    let value: Value = serde_json::from_str(text).map_err(|e| json_error(&e, 0))?;
    match &value {
        Value::Array(items) => items.iter().map(|item| article(item, None)).collect(),
        _ => Ok(vec![article(&value, None)?]),
    }
}

/// Reads a `.jsonl` file: one article object per line; blank lines are skipped.
pub(crate) fn parse_jsonl(text: &str) -> Result<Vec<Parsed>, ReadError> {
    let mut docs = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let value: Value = serde_json::from_str(line).map_err(|e| json_error(&e, i))?;
        docs.push(article(&value, Some(i + 1))?);
    }
    if docs.is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn article_fields() {
        let json = r#"{"title": "Kim trifft Kozlov", "body": "Erster Absatz.\n\nZweiter\nAbsatz.",
            "date": "2024-11-19T10:15:00Z", "url": "https://example.org/a", "author": ["A", "B"],
            "metadata": {"Kommentare": 13, "Ressort": "Politik", "nested": {"x": 1}}, "language": "de"}"#;
        let docs = parse_json(json).unwrap();
        assert_eq!(docs.len(), 1);
        let p = &docs[0];
        assert_eq!(p.title, "Kim trifft Kozlov");
        assert_eq!(p.body.text, "Erster Absatz.\n\nZweiter Absatz.");
        assert_eq!(p.dct.map(|d| d.date), NaiveDate::from_ymd_opt(2024, 11, 19));
        assert_eq!(p.metadata.get("author").map(String::as_str), Some("A, B"));
        assert_eq!(p.metadata.get("Kommentare").map(String::as_str), Some("13"));
        assert!(!p.metadata.contains_key("nested"));
        assert_eq!(p.lang, Some(Lang::De));
    }

    #[test]
    fn errors_name_positions() {
        match parse_json("{\"text\": \"a\",\n  \"title\": }") {
            Err(ReadError::Json { line, column, .. }) => assert_eq!((line, column), (2, 12)),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            parse_json("{\"title\": \"x\"}"),
            Err(ReadError::MissingText { line: None })
        ));
        assert!(matches!(parse_json("[1]"), Err(ReadError::Json { .. })));
        match parse_jsonl("{\"text\": \"a\"}\n\n{\"text\": \"b\"\n{\"title\": \"c\"}") {
            Err(ReadError::Json { line, .. }) => assert_eq!(line, 3),
            other => panic!("{other:?}"),
        }
        match parse_jsonl("{\"text\": \"a\"}\n{\"title\": \"c\"}\n") {
            Err(e @ ReadError::MissingText { line: Some(2) }) => {
                assert!(e.to_string().contains("line 2"), "{e}")
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            parse_jsonl("{\"text\": \"a\"}\n\n{\"body\": \"b\"}\n")
                .unwrap()
                .len(),
            2
        );
    }
}

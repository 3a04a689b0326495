//! Reading TimeML (TempEval-3 `.tml`) files: the text of the `TEXT` section with its `TIMEX3`
//! annotations, and the document creation time from the `DCT` section.

use std::path::Path;

use chrono::NaiveDate;

use crate::model::Span;
use crate::time::TimeError;

/// A gold time expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldTimex {
    /// Byte span in [`TimemlDoc::text`].
    pub span: Span,
    /// `DATE`, `TIME`, `DURATION` or `SET`.
    pub timex_type: String,
    /// The TIMEX3 value.
    pub value: String,
}

/// One TimeML document.
#[derive(Debug, Clone, PartialEq)]
pub struct TimemlDoc {
    /// The document id (`DOCID`, or the file name).
    pub id: String,
    /// The document creation time.
    pub dct: Option<NaiveDate>,
    /// The plain text of the `TEXT` section, entities decoded.
    pub text: String,
    /// Time expressions inside `TEXT`.
    pub timexes: Vec<GoldTimex>,
}

/// Reads a `.tml` file.
pub fn read_tml(path: &Path) -> Result<TimemlDoc, TimeError> {
    let raw = std::fs::read_to_string(path).map_err(|source| TimeError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    parse_tml(&raw, &id).map_err(|reason| TimeError::Parse {
        path: path.to_path_buf(),
        reason,
    })
}

/// Parses TimeML text.
pub fn parse_tml(raw: &str, id: &str) -> Result<TimemlDoc, String> {
    let id = between(raw, "<DOCID>", "</DOCID>")
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|| id.to_string());
    let dct = find_dct(raw);
    let body = between(raw, "<TEXT>", "</TEXT>").ok_or("no <TEXT> section")?;
    let (text, timexes) = strip_tags(body)?;
    Ok(TimemlDoc {
        id,
        dct,
        text,
        timexes,
    })
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let a = s.find(open)? + open.len();
    let b = s[a..].find(close)? + a;
    s.get(a..b)
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!("{name}=\"");
    let a = tag.find(&key)? + key.len();
    let b = tag[a..].find('"')? + a;
    Some(decode(tag.get(a..b)?))
}

fn find_dct(raw: &str) -> Option<NaiveDate> {
    let mut rest = raw;
    while let Some(p) = rest.find("<TIMEX3") {
        let tail = &rest[p..];
        let end = tail.find('>')?;
        let tag = &tail[..end];
        if attr(tag, "functionInDocument").as_deref() == Some("CREATION_TIME") {
            let v = attr(tag, "value")?;
            return NaiveDate::parse_from_str(v.get(..10)?, "%Y-%m-%d").ok();
        }
        rest = &tail[end..];
    }
    None
}

/// Decodes the XML entities of TimeML text.
pub fn decode(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        let tail = &rest[p..];
        let semi = tail.find(';').filter(|&k| k <= 10);
        let Some(k) = semi else {
            out.push('&');
            rest = &tail[1..];
            continue;
        };
        let ent = &tail[1..k];
        let ch = match ent {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ if ent.starts_with("#x") => u32::from_str_radix(&ent[2..], 16)
                .ok()
                .and_then(char::from_u32),
            _ if ent.starts_with('#') => ent[1..].parse::<u32>().ok().and_then(char::from_u32),
            _ => None,
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &tail[k + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn strip_tags(body: &str) -> Result<(String, Vec<GoldTimex>), String> {
    let mut text = String::with_capacity(body.len());
    let mut timexes = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    let mut rest = body;
    while let Some(p) = rest.find('<') {
        text.push_str(&decode(&rest[..p]));
        let tail = &rest[p..];
        let end = tail.find('>').ok_or("unclosed tag")?;
        let tag = &tail[1..end];
        if tag.starts_with("TIMEX3") {
            let ty = attr(tag, "type").unwrap_or_default();
            let value = attr(tag, "value").unwrap_or_default();
            if tag.ends_with('/') {
                // empty TIMEX3 (implicit), no text
            } else {
                open = Some((text.len(), ty, value));
            }
        } else if tag.starts_with("/TIMEX3")
            && let Some((start, ty, value)) = open.take()
        {
            timexes.push(GoldTimex {
                span: Span::new(start, text.len()),
                timex_type: ty,
                value,
            });
        }
        rest = &tail[end + 1..];
    }
    text.push_str(&decode(rest));
    Ok((text, timexes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_small_document() {
        let raw = r#"<TimeML><DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" temporalFunction="false" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>AT&amp;T said <TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3> it &lt;will&gt; grow.</TEXT></TimeML>"#;
        let doc = parse_tml(raw, "x").unwrap();
        assert_eq!(doc.id, "X1");
        assert_eq!(doc.dct, NaiveDate::from_ymd_opt(1998, 1, 8));
        assert_eq!(doc.text, "AT&T said yesterday it <will> grow.");
        assert_eq!(doc.timexes.len(), 1);
        assert_eq!(doc.timexes[0].span.slice(&doc.text), "yesterday");
        assert_eq!(doc.timexes[0].value, "1998-01-07");
    }

    #[test]
    fn decodes_entities() {
        assert_eq!(
            decode("a &amp; b &#65; &#x42; &bogus; &"),
            "a & b A B &bogus; &"
        );
    }
}

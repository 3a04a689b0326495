//! A small, safe XML tree for the readers of XML-based formats (agency XML, TimeML, DOCX, ODT,
//! any other XML), parsed with `quick-xml`.
//!
//! Nothing in a document can reach out: the document type declaration is skipped without being
//! read, so no DTD is loaded and no external or internal entity is ever defined or expanded;
//! only the five predefined entities, character references and a fixed list of common HTML
//! entity names are replaced, any other entity reference is dropped. XInclude elements are
//! ordinary (ignored) elements. Nesting deeper than [`MAX_DEPTH`] and more than
//! [`MAX_NODES`] nodes are refused, so that a crafted file cannot exhaust the stack or memory.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// The deepest element nesting accepted.
pub(crate) const MAX_DEPTH: usize = 512;
/// The most nodes (elements and text runs) accepted in one document.
pub(crate) const MAX_NODES: usize = 4_000_000;

/// An XML element: its local name (prefix removed), attributes (local names) and children.
#[derive(Debug, Default, Clone)]
pub(crate) struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

/// A child of an element.
#[derive(Debug, Clone)]
pub(crate) enum Node {
    Element(Element),
    Text(String),
}

/// Why an XML document could not be read.
#[derive(Debug)]
pub(crate) struct XmlError(pub String);

impl Element {
    /// The value of the attribute with this local name (case-sensitive).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The child elements.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|c| match c {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first child element with this local name (ASCII case-insensitive).
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name.eq_ignore_ascii_case(name))
    }

    /// The first element with this local name at any depth below (and including) `self`, in
    /// document order.
    pub fn find(&self, name: &str) -> Option<&Element> {
        let mut stack = vec![self];
        while let Some(e) = stack.pop() {
            if e.name.eq_ignore_ascii_case(name) {
                return Some(e);
            }
            stack.extend(e.elements().collect::<Vec<_>>().into_iter().rev());
        }
        None
    }

    /// Every element with this local name below (and including) `self`, in document order,
    /// not descending into matches.
    pub fn find_all(&self, name: &str) -> Vec<&Element> {
        let mut out = Vec::new();
        let mut stack = vec![self];
        while let Some(e) = stack.pop() {
            if e.name.eq_ignore_ascii_case(name) {
                out.push(e);
                continue;
            }
            stack.extend(e.elements().collect::<Vec<_>>().into_iter().rev());
        }
        out
    }

    /// All text below this element, in document order, with whitespace collapsed.
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.append_text(&mut out);
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Appends all text below this element, as written.
    pub fn append_text(&self, out: &mut String) {
        let mut stack: Vec<&Node> = self.children.iter().rev().collect();
        while let Some(node) = stack.pop() {
            match node {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => stack.extend(e.children.iter().rev()),
            }
        }
    }

    /// True when a direct child is text with more than whitespace.
    pub fn has_own_text(&self) -> bool {
        self.children
            .iter()
            .any(|c| matches!(c, Node::Text(t) if !t.trim().is_empty()))
    }
}

/// The replacement of a named entity that needs no DTD: the five XML entities and common HTML
/// ones (agency feeds use them with a DTD Dossier never loads).
fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "lt" => "<",
        "gt" => ">",
        "amp" => "&",
        "apos" => "'",
        "quot" => "\"",
        "nbsp" => "\u{a0}",
        "ndash" => "–",
        "mdash" => "—",
        "hellip" => "…",
        "laquo" => "«",
        "raquo" => "»",
        "lsquo" => "‘",
        "rsquo" => "’",
        "ldquo" => "“",
        "rdquo" => "”",
        "bdquo" => "„",
        "sbquo" => "‚",
        "euro" => "€",
        "copy" => "©",
        "reg" => "®",
        "deg" => "°",
        "auml" => "ä",
        "ouml" => "ö",
        "uuml" => "ü",
        "Auml" => "Ä",
        "Ouml" => "Ö",
        "Uuml" => "Ü",
        "szlig" => "ß",
        "eacute" => "é",
        "egrave" => "è",
        "agrave" => "à",
        "ccedil" => "ç",
        "shy" => "",
        _ => return None,
    })
}

fn local(name: &[u8]) -> String {
    let local = match name.iter().rposition(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    };
    String::from_utf8_lossy(local).into_owned()
}

fn element(start: &BytesStart<'_>) -> Element {
    let attrs = start
        .attributes()
        .flatten()
        .map(|a| {
            let value = a
                .normalized_value_with(quick_xml::XmlVersion::Implicit1_0, 1, named_entity)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned());
            (local(a.key.as_ref()), value)
        })
        .collect();
    Element {
        name: local(start.name().as_ref()),
        attrs,
        children: Vec::new(),
    }
}

/// Parses `text` into a tree under a synthetic root element (named `#document`) whose children
/// are the document's top-level elements.
pub(crate) fn parse(text: &str) -> Result<Element, XmlError> {
    let mut reader = Reader::from_str(text);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    config.expand_empty_elements = false;
    let mut stack: Vec<Element> = vec![Element {
        name: "#document".to_string(),
        ..Element::default()
    }];
    let mut nodes = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| {
            XmlError(format!(
                "malformed XML at byte {}: {e}",
                reader.error_position()
            ))
        })?;
        nodes += 1;
        if nodes > MAX_NODES {
            return Err(XmlError(format!("more than {MAX_NODES} XML nodes")));
        }
        match event {
            Event::Start(start) => {
                if stack.len() > MAX_DEPTH {
                    return Err(XmlError(format!(
                        "elements nested more than {MAX_DEPTH} levels deep (at byte {})",
                        reader.buffer_position()
                    )));
                }
                stack.push(element(&start));
            }
            Event::Empty(start) => {
                let e = element(&start);
                if let Some(top) = stack.last_mut() {
                    top.children.push(Node::Element(e));
                }
            }
            Event::End(_) => {
                if stack.len() > 1
                    && let Some(done) = stack.pop()
                    && let Some(top) = stack.last_mut()
                {
                    top.children.push(Node::Element(done));
                }
            }
            Event::Text(t) => {
                let s = t
                    .decode()
                    .map_err(|e| XmlError(format!("text is not valid: {e}")))?;
                push_text(&mut stack, &s);
            }
            Event::CData(c) => {
                let s = String::from_utf8_lossy(&c).into_owned();
                push_text(&mut stack, &s);
            }
            Event::GeneralRef(r) => {
                let resolved = if r.is_char_ref() {
                    r.resolve_char_ref().ok().flatten().map(String::from)
                } else {
                    r.decode()
                        .ok()
                        .and_then(|name| named_entity(&name).map(String::from))
                };
                // Entities a DTD would define are never expanded: they are dropped.
                if let Some(s) = resolved {
                    push_text(&mut stack, &s);
                }
            }
            // The DTD (internal subset included) is never read: no entity definitions, no
            // external files.
            Event::DocType(_) | Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => break,
        }
    }
    // Unclosed elements are closed at the end.
    while stack.len() > 1 {
        if let Some(done) = stack.pop()
            && let Some(top) = stack.last_mut()
        {
            top.children.push(Node::Element(done));
        }
    }
    stack
        .pop()
        .ok_or_else(|| XmlError("no XML content".to_string()))
}

fn push_text(stack: &mut [Element], s: &str) {
    if let Some(top) = stack.last_mut() {
        if let Some(Node::Text(prev)) = top.children.last_mut() {
            prev.push_str(s);
        } else {
            top.children.push(Node::Text(s.to_string()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tree_text_and_entities() {
        let doc = parse(
            "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x \"BOOM\">]>\
             <a:root xmlns:a=\"u\"><p>Fisch &amp; Chips&#x21; &x; &nbsp;<b a=\"1&lt;2\">fett</b></p><![CDATA[<roh>]]></a:root>",
        )
        .unwrap();
        let root = doc.child("root").unwrap();
        assert_eq!(root.text(), "Fisch & Chips! fett<roh>");
        assert_eq!(root.find("b").unwrap().attr("a"), Some("1<2"));
        assert!(!root.text().contains("BOOM"));
    }

    #[test]
    fn limits() {
        let deep = format!(
            "{}x{}",
            "<a>".repeat(MAX_DEPTH + 10),
            "</a>".repeat(MAX_DEPTH + 10)
        );
        assert!(parse(&deep).is_err());
        assert!(parse("<a><b>unclosed").is_ok());
        assert!(parse("<a x='1' x='2'>").is_ok() || parse("<a x='1' x='2'>").is_err());
    }
}

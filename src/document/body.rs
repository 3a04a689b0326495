//! Assembling a document body from paragraphs and headings.

use crate::model::{Heading, Span};

/// A body under construction: paragraphs joined by a blank line, headings pointing at the
/// paragraph that follows them.
#[derive(Debug, Default)]
pub(crate) struct Body {
    pub text: String,
    pub paragraphs: Vec<Span>,
    pub headings: Vec<Heading>,
    /// Paragraphs that are not running text: captions, quoted replies, footnotes.
    pub marks: Vec<(usize, Mark)>,
    /// Headings whose section has not started yet.
    pending: usize,
}

/// What a marked paragraph is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    /// A figure or photo caption.
    Caption,
    /// Text quoted from an earlier e-mail.
    Quote,
    /// A footnote or endnote.
    Footnote,
}

impl Mark {
    /// The metadata key listing the paragraphs with this mark.
    pub fn key(self) -> &'static str {
        match self {
            Mark::Caption => "captions",
            Mark::Quote => "quoted",
            Mark::Footnote => "footnotes",
        }
    }
}

impl Body {
    /// Appends a paragraph; inner whitespace runs (including line breaks) become one space.
    pub fn paragraph(&mut self, text: &str) {
        let mut words = text.split_whitespace().peekable();
        if words.peek().is_none() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        let start = self.text.len();
        for (i, word) in words.enumerate() {
            if i > 0 {
                self.text.push(' ');
            }
            self.text.push_str(word);
        }
        self.paragraphs.push(Span::new(start, self.text.len()));
        let n = self.headings.len();
        for heading in &mut self.headings[n - self.pending..] {
            heading.offset = start;
        }
        self.pending = 0;
    }

    /// Appends a heading (level 1 = directly below the title).
    pub fn heading(&mut self, text: &str, level: u8) {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            return;
        }
        self.headings.push(Heading {
            text,
            offset: self.text.len(),
            level: level.max(1),
        });
        self.pending += 1;
    }

    /// Appends a paragraph with a mark (caption, quote, footnote).
    pub fn marked(&mut self, text: &str, mark: Mark) {
        let before = self.paragraphs.len();
        self.paragraph(text);
        if self.paragraphs.len() > before {
            self.marks.push((before, mark));
        }
    }

    /// Writes the marks into `metadata`: for each kind, the 0-based indices of its paragraphs in
    /// `Document::paragraphs`, separated by `, ` (key `captions`, `quoted`, `footnotes`).
    pub fn write_marks(&self, metadata: &mut std::collections::BTreeMap<String, String>) {
        for mark in [Mark::Caption, Mark::Quote, Mark::Footnote] {
            let list: Vec<String> = self
                .marks
                .iter()
                .filter(|(_, m)| *m == mark)
                .map(|(i, _)| i.to_string())
                .collect();
            if !list.is_empty() {
                metadata.insert(mark.key().to_string(), list.join(", "));
            }
        }
    }

    /// True when no paragraph has been added.
    pub fn is_empty(&self) -> bool {
        self.paragraphs.is_empty()
    }
}

/// Joins whitespace runs into single spaces and trims.
pub(crate) fn clean_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets() {
        let mut body = Body::default();
        body.paragraph("Erster  Absatz.");
        body.heading("Zwischentitel", 1);
        body.paragraph(" Zweiter\nAbsatz. ");
        body.heading("Am Ende", 1);
        assert_eq!(body.text, "Erster Absatz.\n\nZweiter Absatz.");
        assert_eq!(body.paragraphs[1].slice(&body.text), "Zweiter Absatz.");
        assert_eq!(body.headings[0].offset, body.paragraphs[1].start);
        assert_eq!(body.headings[1].offset, body.text.len());
    }
}

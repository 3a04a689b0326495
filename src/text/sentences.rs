//! The sentence splitter: decides at each token that can end a sentence whether it does.

use std::ops::Range;

use crate::model::{Lang, Span};

use super::tokenize::{Token, TokenKind};
use super::words::{AbbrevKind, abbrev_kind, is_sentence_starter};

/// A sentence: its byte span and the range of indices of its tokens.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Sentence {
    /// From the start of the first token to the end of the last token.
    pub span: Span,
    /// Indices into the token slice given to [`split_sentences`].
    pub tokens: Range<usize>,
}

/// How a token may end a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Terminal {
    /// `.` on its own.
    Period,
    /// `!`, `?` or a run of them.
    Exclaim,
    /// `…` or `...`.
    Ellipsis,
    /// An abbreviation that often ends a sentence ("usw.", "etc.", "Inc.").
    WeakAbbrev,
    /// An upper-case abbreviation with inner periods ("U.S.").
    Acronym,
}

fn terminal(text: &str, token: &Token) -> Option<Terminal> {
    let s = token.text(text);
    match token.kind {
        TokenKind::Punct => {
            if s == "." {
                Some(Terminal::Period)
            } else if s.starts_with(['!', '?']) {
                Some(Terminal::Exclaim)
            } else if s == "…" || s.starts_with("..") {
                Some(Terminal::Ellipsis)
            } else {
                None
            }
        }
        TokenKind::Word => {
            let word = s.strip_suffix('.')?;
            if word.contains('.') {
                return word
                    .starts_with(char::is_uppercase)
                    .then_some(Terminal::Acronym);
            }
            // An initial or a single-letter abbreviation ("W.", "z.", "B.") never ends one.
            word.chars().nth(1)?;
            match abbrev_kind(word) {
                Some(AbbrevKind::Strong) => None,
                _ => Some(Terminal::WeakAbbrev),
            }
        }
        // Numbers ending in a period are ordinals ("19."); the rest cannot end a sentence.
        _ => None,
    }
}

/// Quotes and closing brackets that stay with the sentence they directly follow.
fn is_closer(text: &str, token: &Token) -> bool {
    match token.kind {
        TokenKind::Quote => !matches!(token.text(text), "„" | "‚"),
        TokenKind::Punct => matches!(token.text(text), ")" | "]" | "}"),
        _ => false,
    }
}

/// True when the whitespace between `a` and `b` holds a blank line.
fn paragraph_break(text: &str, a: usize, b: usize) -> bool {
    text.get(a..b)
        .is_some_and(|gap| gap.bytes().filter(|&c| c == b'\n').nth(1).is_some())
}

/// Lines shorter than this that end without punctuation and are followed by a line break and
/// a capitalised word are headlines, datelines or captions, not wrapped prose.
const SHORT_LINE_CHARS: usize = 60;

/// True when a single line break after `prev` ends a short line without closing punctuation
/// ("Epoch Times, Sonntag, 8. November 2015 12:19⏎Der Flughafen …").
fn short_line_break(text: &str, prev: &Token, next: &Token) -> bool {
    let Some(gap) = text.get(prev.span.end..next.span.start) else {
        return false;
    };
    if !gap.contains('\n') {
        return false;
    }
    let starts_sentence = next
        .text(text)
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        || matches!(next.text(text), "„" | "\"" | "»" | "«" | "“");
    if !starts_sentence {
        return false;
    }
    let before = &text[..prev.span.end];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    before[line_start..].chars().nth(SHORT_LINE_CHARS).is_none()
}

/// The text of `token` up to its first non-word character (for starter-word lookups).
fn leading_word<'a>(text: &'a str, token: &Token) -> &'a str {
    let s = token.text(text);
    let end = s
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(s.len(), |(i, _)| i);
    &s[..end]
}

fn should_break(kind: Terminal, text: &str, next: &Token, lang: &Lang) -> bool {
    let s = next.text(text);
    let Some(first) = s.chars().next() else {
        return true;
    };
    match kind {
        Terminal::Period | Terminal::Exclaim => {
            if first.is_lowercase() {
                return false;
            }
            !(next.kind == TokenKind::Punct
                && matches!(
                    s,
                    "," | ";" | ":" | ")" | "]" | "}" | "." | "-" | "/" | "…" | "..."
                ))
        }
        Terminal::Ellipsis => {
            (first.is_uppercase()
                && (*lang == Lang::En || is_sentence_starter(leading_word(text, next))))
                || matches!(s, "„" | "»" | "“" | "\"")
        }
        Terminal::WeakAbbrev => first.is_uppercase() || next.kind == TokenKind::Quote,
        Terminal::Acronym => first.is_uppercase() && is_sentence_starter(leading_word(text, next)),
    }
}

/// Splits tokenized text into sentences. Every token belongs to exactly one sentence, in order.
///
/// A sentence ends at `.`, `!`, `?` or an ellipsis when the next token starts a new sentence
/// (an upper-case word, a number, an opening quote), after any closing quotes and brackets that
/// directly follow; abbreviations ("Dr.", "z. B.") and German ordinals ("19. Juni") do not end
/// sentences; a blank line (`"\n\n"`) always ends one, and so does a single line break after a
/// short line without closing punctuation (a headline or dateline) before a capitalised word.
pub fn split_sentences(text: &str, tokens: &[Token], lang: &Lang) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let n = tokens.len();
    let mut first = 0;
    let mut i = 0;
    while i < n {
        let mut last = i;
        let ends = match terminal(text, &tokens[i]) {
            Some(kind) => {
                let mut j = i + 1;
                while j < n
                    && tokens[j].span.start == tokens[j - 1].span.end
                    && is_closer(text, &tokens[j])
                {
                    j += 1;
                }
                last = j - 1;
                j == n
                    || paragraph_break(text, tokens[last].span.end, tokens[j].span.start)
                    || should_break(kind, text, &tokens[j], lang)
            }
            None => {
                i + 1 == n
                    || paragraph_break(text, tokens[i].span.end, tokens[i + 1].span.start)
                    || short_line_break(text, &tokens[i], &tokens[i + 1])
            }
        };
        if ends {
            sentences.push(Sentence {
                span: Span::new(tokens[first].span.start, tokens[last].span.end),
                tokens: first..last + 1,
            });
            first = last + 1;
        }
        i = last + 1;
    }
    sentences
}

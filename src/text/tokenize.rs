//! The tokenizer: one left-to-right pass over the text, no regular expressions, no allocation
//! except the output vector.

use crate::model::{Lang, Span};

use super::words::{
    abbrev_kind, is_coordinator, is_month, is_ordinal_context, is_ordinal_noun, is_tld,
};

/// What a [`Token`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A word, including hyphenated compounds ("NATO-Chef", "Jong-un"), words with an inner
    /// apostrophe ("geht's"), and abbreviations together with their period ("Dr.", "z.", "U.S.").
    Word,
    /// A number made of digits with inner separators ("10.000", "3,5", "12.00", "10:15",
    /// "19.11.2024", "2024-11-19"); a German ordinal keeps its period ("19." in "am 19. Juni").
    Number,
    /// Punctuation: `. , ; : ! ? ( ) [ ] { } / - – —`, an ellipsis (`…` or `...`), a run of
    /// `!`/`?`.
    Punct,
    /// A quotation mark or apostrophe standing on its own: `„ “ ” " » « ‚ ‘ ’ ' ‹ ›`.
    Quote,
    /// A URL (`https://…`, `www.…`) or a bare domain name (`tagesschau.de`).
    Url,
    /// An e-mail address.
    Email,
    /// Anything else: currency and other signs (`€ $ % & § + = #`), emoji.
    Symbol,
}

/// One token: its byte span in the text and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Token {
    /// Byte range in the tokenized text.
    pub span: Span,
    /// What the token is.
    pub kind: TokenKind,
}

impl Token {
    /// The token's text.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        self.span.slice(text)
    }
}

/// True for characters that separate tokens and are never part of one.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

/// True for characters that make up words and numbers (letters, digits, combining marks, soft
/// hyphen, zero-width joiner).
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\u{AD}' | '\u{200D}' | '\u{300}'..='\u{36F}')
}

/// True for the hyphens that join the parts of a compound.
pub(crate) fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '„' | '“' | '”' | '»' | '«' | '‚' | '‘' | '’' | '\'' | '‹' | '›' | '‟' | '＂'
    )
}

fn is_punct(c: char) -> bool {
    matches!(
        c,
        ',' | ';'
            | ':'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '/'
            | '\\'
            | '-'
            | '\u{2010}'
            | '\u{2011}'
            | '‒'
            | '–'
            | '—'
            | '―'
            | '…'
            | '·'
            | '•'
            | '¿'
            | '¡'
    )
}

/// Splits `text` into tokens. German and English share one set of rules; German alone reads
/// "19." before a month, a lower-case word or an ordinal noun as an ordinal number, and English
/// alone splits a possessive `'s` off its word.
pub fn tokenize(text: &str, lang: &Lang) -> Vec<Token> {
    let mut lexer = Lexer {
        text,
        bytes: text.as_bytes(),
        english: *lang == Lang::En,
        tokens: Vec::with_capacity(text.len() / 5 + 1),
        no_email_before: 0,
    };
    lexer.run();
    lexer.tokens
}

struct Lexer<'a> {
    text: &'a str,
    bytes: &'a [u8],
    english: bool,
    tokens: Vec<Token>,
    /// End of the last local-part scan that found no `@`: every start before it fails too.
    no_email_before: usize,
}

impl Lexer<'_> {
    fn char_at(&self, i: usize) -> Option<char> {
        self.text.get(i..).and_then(|s| s.chars().next())
    }

    fn byte_at(&self, i: usize) -> u8 {
        self.bytes.get(i).copied().unwrap_or(0)
    }

    fn push(&mut self, start: usize, end: usize, kind: TokenKind) {
        self.tokens.push(Token {
            span: Span::new(start, end),
            kind,
        });
    }

    fn run(&mut self) {
        let mut pos = 0;
        while let Some(c) = self.char_at(pos) {
            let start = pos;
            let len = c.len_utf8();
            if is_space(c) {
                pos += len;
                continue;
            }
            // Joiners, soft hyphens and combining marks only continue a word.
            if c.is_alphanumeric() {
                if let Some(end) = self.url_at(start) {
                    self.push(start, end, TokenKind::Url);
                    pos = end;
                } else if let Some(end) = self.email_at(start) {
                    self.push(start, end, TokenKind::Email);
                    pos = end;
                } else {
                    pos = self.word(start);
                }
                continue;
            }
            match c {
                '.' => {
                    let mut end = start + 1;
                    while self.byte_at(end) == b'.' {
                        end += 1;
                    }
                    self.push(start, end, TokenKind::Punct);
                    pos = end;
                }
                '!' | '?' => {
                    let mut end = start + 1;
                    while matches!(self.byte_at(end), b'!' | b'?') {
                        end += 1;
                    }
                    self.push(start, end, TokenKind::Punct);
                    pos = end;
                }
                c if is_quote(c) => {
                    self.push(start, start + len, TokenKind::Quote);
                    pos += len;
                }
                c if is_punct(c) => {
                    self.push(start, start + len, TokenKind::Punct);
                    pos += len;
                }
                _ => {
                    self.push(start, start + len, TokenKind::Symbol);
                    pos += len;
                }
            }
        }
    }

    /// End of a URL starting at `start` (`http://`, `https://`, `ftp://`, `www.`).
    fn url_at(&self, start: usize) -> Option<usize> {
        let first = self.byte_at(start) | 0x20;
        if !matches!(first, b'h' | b'w' | b'f') {
            return None;
        }
        let rest = &self.bytes[start..];
        let prefix = ["https://", "http://", "ftp://", "www."]
            .iter()
            .find(|p| rest.len() > p.len() && rest[..p.len()].eq_ignore_ascii_case(p.as_bytes()))?;
        let mut end = start;
        for (i, c) in self.text[start..].char_indices() {
            if is_space(c) || matches!(c, '<' | '>' | '"' | '“' | '”' | '„' | '«' | '»') {
                break;
            }
            end = start + i + c.len_utf8();
        }
        Some(self.trim_url_tail(start, end)).filter(|&e| e > start + prefix.len())
    }

    /// Drops sentence punctuation and unbalanced closing brackets from the end of a URL.
    fn trim_url_tail(&self, start: usize, mut end: usize) -> usize {
        while end > start {
            let Some(c) = self.text[start..end].chars().next_back() else {
                break;
            };
            let drop = match c {
                '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '’' | '…' => true,
                ')' => {
                    let s = &self.text[start..end];
                    s.matches('(').count() < s.matches(')').count()
                }
                ']' => {
                    let s = &self.text[start..end];
                    s.matches('[').count() < s.matches(']').count()
                }
                _ => false,
            };
            if !drop {
                break;
            }
            end -= c.len_utf8();
        }
        end
    }

    /// End of an e-mail address starting at `start`.
    fn email_at(&mut self, start: usize) -> Option<usize> {
        if start < self.no_email_before {
            return None;
        }
        let b = self.bytes;
        let mut i = start;
        while i < b.len()
            && (b[i].is_ascii_alphanumeric() || matches!(b[i], b'.' | b'_' | b'%' | b'+' | b'-'))
        {
            i += 1;
        }
        if i == start || self.byte_at(i) != b'@' {
            self.no_email_before = i;
            return None;
        }
        let domain_start = i + 1;
        let mut j = domain_start;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || matches!(b[j], b'.' | b'-')) {
            j += 1;
        }
        while j > domain_start && matches!(b[j - 1], b'.' | b'-') {
            j -= 1;
        }
        let domain = &self.text[domain_start..j];
        let tld = domain.rsplit('.').next().unwrap_or("");
        let ok = domain.contains('.')
            && !domain.starts_with('.')
            && tld.len() >= 2
            && tld.bytes().all(|c| c.is_ascii_alphabetic());
        if !ok {
            // Every start in this run reaches the same `@` and the same domain.
            self.no_email_before = i;
        }
        ok.then_some(j)
    }

    /// Consumes a word or number starting at `start`, pushes it (and possibly a clitic), and
    /// returns the position after it.
    fn word(&mut self, start: usize) -> usize {
        let mut pos = start;
        let mut all_digits = true;
        let mut has_alpha = false;
        let mut seg_start = start;
        let mut dotted = false;
        loop {
            while let Some(c) = self.char_at(pos) {
                if !is_word_char(c) {
                    break;
                }
                if !c.is_ascii_digit() {
                    all_digits = false;
                }
                if c.is_alphabetic() {
                    has_alpha = true;
                }
                pos += c.len_utf8();
            }
            let Some(n) = self.char_at(pos) else {
                break;
            };
            let after = pos + n.len_utf8();
            let nn = self.char_at(after);
            if is_hyphen(n) {
                if nn.is_some_and(is_word_char) {
                    pos = after;
                    seg_start = pos;
                    continue;
                }
                if has_alpha && self.truncated_compound(after) {
                    pos = after;
                }
                break;
            }
            if all_digits && matches!(n, '.' | ',' | ':') && nn.is_some_and(|c| c.is_ascii_digit())
            {
                pos = after;
                continue;
            }
            if n == '.' && has_alpha {
                if let Some(end) = self.dotted_abbrev_end(seg_start, pos) {
                    pos = end;
                    dotted = true;
                    let hyphen = self.char_at(pos).filter(|&c| is_hyphen(c));
                    if let Some(h) = hyphen
                        && self.char_at(pos + h.len_utf8()).is_some_and(is_word_char)
                    {
                        pos += h.len_utf8();
                        seg_start = pos;
                        dotted = false;
                        continue;
                    }
                    break;
                }
                if let Some(end) = self.domain_end(after) {
                    self.push(start, end, TokenKind::Url);
                    return end;
                }
            }
            if is_apostrophe(n) && !all_digits && nn.is_some_and(char::is_alphabetic) {
                if self.english
                    && matches!(nn, Some('s' | 'S'))
                    && !self.char_at(after + 1).is_some_and(is_word_char)
                {
                    self.push(start, pos, TokenKind::Word);
                    self.push(pos, after + 1, TokenKind::Word);
                    return after + 1;
                }
                pos = after;
                continue;
            }
            break;
        }
        let kind = if all_digits {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        // A period directly after the word: part of an abbreviation or a German ordinal?
        if !dotted && self.byte_at(pos) == b'.' && self.byte_at(pos + 1) != b'.' {
            let word = &self.text[start..pos];
            let attach = match kind {
                TokenKind::Word => {
                    let mut chars = word.chars();
                    let single = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic());
                    single || abbrev_kind(word).is_some() || self.is_regnal_number(word)
                }
                _ => !self.english && self.is_ordinal(start, pos),
            };
            if attach {
                pos += 1;
            }
        }
        self.push(start, pos, kind);
        pos
    }

    /// For a segment of one or two letters followed by a period at `dot`, the end of an
    /// abbreviation written with inner periods ("U.S.", "z.B.", "e.g.", "Ph.D.").
    fn dotted_abbrev_end(&self, seg_start: usize, dot: usize) -> Option<usize> {
        let seg = &self.text[seg_start..dot];
        let short = |s: &str| {
            let mut n = 0;
            for c in s.chars() {
                if !c.is_alphabetic() {
                    return false;
                }
                n += 1;
            }
            (1..=2).contains(&n)
        };
        if !short(seg) {
            return None;
        }
        let mut p = dot + 1;
        let mut found = None;
        loop {
            let mut q = p;
            while let Some(c) = self.char_at(q) {
                if !c.is_alphabetic() || q - p > 8 {
                    break;
                }
                q += c.len_utf8();
            }
            if q > p && short(&self.text[p..q]) && self.byte_at(q) == b'.' {
                p = q + 1;
                found = Some(p);
            } else {
                break;
            }
        }
        found
    }

    /// After `word.` with the period just consumed (`label_start`), the end of a bare domain
    /// name with an optional path when the label is a known top-level domain.
    fn domain_end(&self, label_start: usize) -> Option<usize> {
        let b = self.bytes;
        let mut q = label_start;
        while q < b.len() && b[q].is_ascii_lowercase() {
            q += 1;
        }
        if q == label_start || !is_tld(&self.text[label_start..q]) {
            return None;
        }
        match self.char_at(q) {
            Some('/') => {
                let mut end = q;
                for (i, c) in self.text[q..].char_indices() {
                    if is_space(c) || matches!(c, '<' | '>' | '"' | '“' | '”' | '„' | '«' | '»')
                    {
                        break;
                    }
                    end = q + i + c.len_utf8();
                }
                Some(self.trim_url_tail(label_start, end))
            }
            Some(c) if is_word_char(c) || c == '@' => None,
            _ => Some(q),
        }
    }

    /// True when a hyphen ending at `after` closes the first part of a coordinated compound
    /// ("Ein- und Ausfuhr", "Import-, Export- und Transitgeschäft").
    fn truncated_compound(&self, after: usize) -> bool {
        let mut p = after;
        match self.char_at(p) {
            Some(',') => return true,
            Some(c) if is_space(c) => {}
            _ => return false,
        }
        while let Some(c) = self.char_at(p) {
            if !is_space(c) || c == '\n' {
                break;
            }
            p += c.len_utf8();
        }
        let mut q = p;
        while self.byte_at(q).is_ascii_alphabetic() {
            q += 1;
        }
        q > p && is_coordinator(&self.text[p..q])
    }

    /// German: a Roman numeral after a name is an ordinal ("Wilhelm II.", "Benedikt XVI.").
    fn is_regnal_number(&self, word: &str) -> bool {
        !self.english
            && (2..=5).contains(&word.len())
            && word.bytes().all(|b| matches!(b, b'I' | b'V' | b'X'))
            && self.tokens.last().is_some_and(|t| {
                t.kind == TokenKind::Word && t.text(self.text).starts_with(char::is_uppercase)
            })
    }

    /// German: is the number `start..dot` followed by `.` an ordinal ("19. Juni", "im 19.
    /// Jahrhundert", "der 11. Sitzung", "19. und 20.")?
    fn is_ordinal(&self, start: usize, dot: usize) -> bool {
        let digits = dot - start;
        let plain =
            (1..=3).contains(&digits) && self.bytes[start..dot].iter().all(u8::is_ascii_digit);
        if !plain {
            return self.is_day_month(start, dot);
        }
        let mut p = dot + 1;
        match self.char_at(p) {
            Some('-' | '–' | '/') => return true,
            Some(c) if is_space(c) => {}
            _ => return false,
        }
        let mut newlines = 0;
        while let Some(c) = self.char_at(p) {
            if !is_space(c) {
                break;
            }
            if c == '\n' {
                newlines += 1;
            }
            p += c.len_utf8();
        }
        if newlines >= 2 {
            return false;
        }
        let mut q = p;
        while let Some(c) = self.char_at(q) {
            if !is_word_char(c) {
                break;
            }
            q += c.len_utf8();
        }
        let next = &self.text[p..q];
        let Some(first) = next.chars().next() else {
            return false;
        };
        if first.is_lowercase() {
            return true;
        }
        if !first.is_uppercase() {
            return false;
        }
        if is_month(next) || is_ordinal_noun(next) {
            return true;
        }
        self.tokens
            .last()
            .is_some_and(|t| t.kind == TokenKind::Word && is_ordinal_context(t.text(self.text)))
    }
}

impl Lexer<'_> {
    /// German: a day and month without year ("am 19.11. in Berlin") keeps its final period
    /// when a lower-case word follows or a date preposition precedes.
    fn is_day_month(&self, start: usize, dot: usize) -> bool {
        let Some((day, month)) = self.text[start..dot].split_once('.') else {
            return false;
        };
        let valid = |s: &str, max: u32| {
            (1..=2).contains(&s.len()) && s.parse::<u32>().is_ok_and(|n| (1..=max).contains(&n))
        };
        if !valid(day, 31) || !valid(month, 12) {
            return false;
        }
        let rest = self.text.get(dot + 1..).unwrap_or("");
        let next_lower =
            rest.starts_with(' ') && rest.trim_start_matches(' ').starts_with(char::is_lowercase);
        let after_preposition = self.tokens.last().is_some_and(|t| {
            t.kind == TokenKind::Word
                && matches!(
                    t.text(self.text),
                    "am" | "Am" | "vom" | "Vom" | "zum" | "bis" | "seit" | "ab" | "Ab"
                )
        });
        next_lower || (after_preposition && rest.starts_with(char::is_whitespace))
    }
}

/// The parts of a hyphenated token: `"NATO-Chef"` → spans of `NATO` and `Chef`,
/// `"Yong-hyun"` → `Yong`, `hyun`; `"Ein-"` → `Ein`. Tokens without a hyphen, URLs and e-mail
/// addresses give their own span.
pub fn hyphen_parts(text: &str, token: &Token) -> Vec<Span> {
    let whole = token.text(text);
    if !matches!(token.kind, TokenKind::Word | TokenKind::Number) || !whole.contains(is_hyphen) {
        return vec![token.span];
    }
    let mut parts = Vec::new();
    let mut part_start = 0;
    for (i, c) in whole.char_indices() {
        if is_hyphen(c) {
            if i > part_start {
                parts.push(Span::new(
                    token.span.start + part_start,
                    token.span.start + i,
                ));
            }
            part_start = i + c.len_utf8();
        }
    }
    if whole.len() > part_start {
        parts.push(Span::new(
            token.span.start + part_start,
            token.span.start + whole.len(),
        ));
    }
    parts
}

//! Full-text search over the articles of a dossier (SQLite FTS5) and entity search by name and
//! alias.
//!
//! Query syntax: words (all must occur), `"phrases"` (consecutive words), `prefix*`. Case and
//! diacritics are ignored ("Pjongjang" finds "Pjöngjang").

use serde::Serialize;

use super::{EntitySummary, Store, StoreError};
use crate::model::{DocId, Span};
use crate::registry::name_key;

/// One place in an article where the query matches.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// The article.
    pub doc: DocId,
    /// Its title.
    pub title: String,
    /// Byte span of the match in the article's text (empty when only the title matched).
    pub span: Span,
    /// A line of context around the match.
    pub snippet: String,
    /// Byte span of the match inside `snippet`.
    pub snippet_span: Span,
}

/// An entity whose name or alias matches a query.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityHit {
    /// The entity (stable id) and its counts.
    pub entity: EntitySummary,
    /// The name or alias that matched.
    pub matched: String,
}

/// A term of a query: consecutive words, the last one possibly a prefix.
#[derive(Debug, Clone, PartialEq)]
struct Term {
    words: Vec<String>,
    prefix: bool,
}

/// Bytes of context on each side of a hit in its snippet.
const CONTEXT: usize = 70;
/// Hits reported per article at most.
const PER_DOC: usize = 3;

fn parse_query(query: &str) -> Vec<Term> {
    let mut terms = Vec::new();
    let mut rest = query.trim();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('"') {
            let (phrase, tail) = match after.find('"') {
                Some(end) => (&after[..end], &after[end + 1..]),
                None => (after, ""),
            };
            let prefix = tail.starts_with('*');
            let tail = tail.trim_start_matches('*');
            let words = words_of(phrase);
            if !words.is_empty() {
                terms.push(Term { words, prefix });
            }
            rest = tail.trim_start();
        } else {
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '"')
                .unwrap_or(rest.len());
            let token = &rest[..end];
            let prefix = token.ends_with('*');
            let words = words_of(token);
            if !words.is_empty() {
                terms.push(Term { words, prefix });
            }
            rest = rest[end..].trim_start();
        }
    }
    terms
}

/// The words of a text as FTS5's `unicode61` tokenizer sees them, folded.
fn words_of(text: &str) -> Vec<String> {
    word_spans(text).map(|s| fold(s.slice(text))).collect()
}

/// Byte spans of the words (runs of letters and digits) of `text`.
fn word_spans(text: &str) -> impl Iterator<Item = Span> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some(&(_, c)) = chars.peek() {
            if c.is_alphanumeric() {
                break;
            }
            chars.next();
        }
        let (start, _) = *chars.peek()?;
        let mut end = start;
        while let Some(&(i, c)) = chars.peek() {
            if !c.is_alphanumeric() {
                break;
            }
            end = i + c.len_utf8();
            chars.next();
        }
        Some(Span::new(start, end))
    })
}

/// Lower case without diacritics.
fn fold(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'ä' | 'á' | 'à' | 'â' | 'ã' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
            'ö' | 'ó' | 'ò' | 'ô' | 'õ' | 'ø' | 'ō' | 'ő' => 'o',
            'ü' | 'ú' | 'ù' | 'û' | 'ū' | 'ů' | 'ű' => 'u',
            'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'ī' | 'į' => 'i',
            'ç' | 'č' | 'ć' => 'c',
            'š' | 'ś' | 'ş' => 's',
            'ž' | 'ź' | 'ż' => 'z',
            'ñ' | 'ń' | 'ň' => 'n',
            'ý' | 'ÿ' => 'y',
            'ř' => 'r',
            'ď' => 'd',
            'ť' => 't',
            'ľ' | 'ĺ' => 'l',
            c => c,
        })
        .collect()
}

/// The FTS5 query for `terms`: each term a quoted phrase, prefix terms with `*`.
fn fts_query(terms: &[Term]) -> String {
    terms
        .iter()
        .map(|t| {
            let phrase = t.words.join(" ").replace('"', "\"\"");
            if t.prefix {
                format!("\"{phrase}\"*")
            } else {
                format!("\"{phrase}\"")
            }
        })
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// Where `terms` match in `text`: byte spans, in text order.
fn locate(text: &str, terms: &[Term]) -> Vec<Span> {
    let words: Vec<(Span, String)> = word_spans(text).map(|s| (s, fold(s.slice(text)))).collect();
    let mut spans = Vec::new();
    for term in terms {
        let n = term.words.len();
        if n == 0 || words.len() < n {
            continue;
        }
        for i in 0..=words.len() - n {
            let ok = term.words.iter().enumerate().all(|(k, w)| {
                let have = &words[i + k].1;
                if k == n - 1 && term.prefix {
                    have.starts_with(w.as_str())
                } else {
                    have == w
                }
            });
            if ok {
                spans.push(Span::new(words[i].0.start, words[i + n - 1].0.end));
            }
        }
    }
    spans.sort();
    spans.dedup();
    spans
}

fn floor_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// A one-line snippet around `span` and the span's place inside it.
fn snippet(text: &str, span: Span) -> (String, Span) {
    let mut start = floor_char(text, span.start.saturating_sub(CONTEXT));
    let mut end = ceil_char(text, span.end + CONTEXT);
    // Start and end at word boundaries when possible.
    if start > 0
        && let Some(sp) = text[start..span.start].find(char::is_whitespace)
    {
        start += sp + 1;
        start = ceil_char(text, start);
    }
    if end < text.len()
        && let Some(sp) = text[span.end..end].rfind(char::is_whitespace)
    {
        end = span.end + sp;
    }
    let mut out = String::new();
    let lead = if start > 0 { "…" } else { "" };
    out.push_str(lead);
    let mut hit = Span::new(0, 0);
    let body = &text[start..end];
    // Newlines become spaces so that the snippet is one line (same byte length).
    for (i, c) in body.char_indices() {
        if start + i == span.start {
            hit.start = out.len();
        }
        out.push(if c == '\n' || c == '\r' || c == '\t' {
            ' '
        } else {
            c
        });
        if start + i + c.len_utf8() == span.end {
            hit.end = out.len();
        }
    }
    if end < text.len() {
        out.push('…');
    }
    (out, hit)
}

impl Store {
    /// Searches the text and titles of all articles; at most `limit` hits (up to three per
    /// article, best-ranked articles first, in text order within an article).
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Hit>, StoreError> {
        let terms = parse_query(query);
        if terms.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT rowid, title, text FROM doc_fts WHERE doc_fts MATCH ?1
                 ORDER BY rank LIMIT ?2",
            )
            .map_err(|e| self.sql(e))?;
        let rows = stmt
            .query_map(rusqlite::params![fts_query(&terms), limit as i64], |r| {
                Ok((
                    r.get::<_, u32>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })
            .map_err(|e| self.sql(e))?;
        let mut hits = Vec::new();
        for row in rows {
            let (id, title, text) = row.map_err(|e| self.sql(e))?;
            let spans = locate(&text, &terms);
            if spans.is_empty() {
                let (snip, _) = snippet(&text, Span::new(0, 0));
                hits.push(Hit {
                    doc: DocId(id),
                    title,
                    span: Span::new(0, 0),
                    snippet: snip,
                    snippet_span: Span::new(0, 0),
                });
            } else {
                for span in spans.into_iter().take(PER_DOC) {
                    let (snip, snippet_span) = snippet(&text, span);
                    hits.push(Hit {
                        doc: DocId(id),
                        title: title.clone(),
                        span,
                        snippet: snip,
                        snippet_span,
                    });
                }
            }
            if hits.len() >= limit {
                hits.truncate(limit);
                break;
            }
        }
        Ok(hits)
    }

    /// Entities whose name or an alias matches `query` (spelling-insensitive: the same key, a
    /// prefix, or a word of it), best matches first.
    pub fn search_entities(&self, query: &str) -> Result<Vec<EntityHit>, StoreError> {
        let q = query.trim();
        let key = name_key(q);
        let folded = fold(q);
        if key.is_empty() {
            return Ok(Vec::new());
        }
        let mut scored: Vec<(u8, EntityHit)> = Vec::new();
        for e in self.entities()? {
            let mut best: Option<(u8, String)> = None;
            for form in std::iter::once(&e.name).chain(&e.aliases) {
                let k = name_key(form);
                let f = fold(form);
                let score = if k == key {
                    3
                } else if k.starts_with(&key) {
                    2
                } else if f.contains(&folded) || words_of(form).iter().any(|w| name_key(w) == key) {
                    1
                } else {
                    0
                };
                if score > 0 && best.as_ref().is_none_or(|(s, _)| score > *s) {
                    best = Some((score, form.clone()));
                }
            }
            if let Some((score, matched)) = best {
                scored.push((score, EntityHit { entity: e, matched }));
            }
        }
        // Stable sort: the entity list is already most-mentioned first.
        scored.sort_by_key(|s| std::cmp::Reverse(s.0));
        Ok(scored.into_iter().map(|(_, h)| h).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_parse_into_terms() {
        type Want<'a> = &'a [(&'a [&'a str], bool)];
        let cases: &[(&str, Want)] = &[
            ("Kozlov", &[(&["kozlov"], false)]),
            ("Kim Jong", &[(&["kim"], false), (&["jong"], false)]),
            ("\"Kim Jong-un\"", &[(&["kim", "jong", "un"], false)]),
            ("Nord*", &[(&["nord"], true)]),
            (
                "\"Nord korea\"* Moskau",
                &[(&["nord", "korea"], true), (&["moskau"], false)],
            ),
            ("Pjöngjang", &[(&["pjongjang"], false)]),
            ("\"unclosed phrase", &[(&["unclosed", "phrase"], false)]),
            ("  ***  \"\" ", &[]),
        ];
        for (q, want) in cases {
            let got = parse_query(q);
            let want: Vec<Term> = want
                .iter()
                .map(|(w, p)| Term {
                    words: w.iter().map(|s| s.to_string()).collect(),
                    prefix: *p,
                })
                .collect();
            assert_eq!(got, want, "{q}");
        }
        assert_eq!(
            fts_query(&parse_query("\"Kim Jong\" Nord*")),
            "\"kim jong\" AND \"nord\"*"
        );
    }

    #[test]
    fn hits_are_located_with_context() {
        let text =
            "Erster Satz.\nKim Jong Un traf in Pjöngjang ein. Später reiste Kim nach Moskau.";
        let cases: &[(&str, &[&str])] = &[
            ("kim", &["Kim", "Kim"]),
            ("\"kim jong un\"", &["Kim Jong Un"]),
            ("pjongjang", &["Pjöngjang"]),
            ("Mosk*", &["Moskau"]),
            ("Putin", &[]),
        ];
        for (q, want) in cases {
            let spans = locate(text, &parse_query(q));
            let got: Vec<&str> = spans.iter().map(|s| s.slice(text)).collect();
            assert_eq!(&got, want, "{q}");
            for s in spans {
                let (snip, at) = snippet(text, s);
                assert_eq!(at.slice(&snip), s.slice(text));
                assert!(!snip.contains('\n'));
            }
        }
    }
}

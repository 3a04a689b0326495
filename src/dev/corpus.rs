//! Reading training and evaluation corpora (GermEval TSV, SmartData JSON, Europeana BIO) and
//! pre-tokenised text, and writing tagged CoNLL output.

use std::io::{BufRead, Write};
use std::path::Path;

use crate::model::{EntityType, Variant};
use crate::ner::NerError;
use crate::ner::tagger::{Tag, repair_bio};

/// One tagged sentence of a training or evaluation corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct TaggedSentence {
    /// The tokens.
    pub tokens: Vec<String>,
    /// One gold tag per token (outer level for GermEval).
    pub tags: Vec<Tag>,
    /// Training weight of the sentence (1 for GermEval).
    pub weight: f32,
}

fn io_err(path: &Path, source: std::io::Error) -> NerError {
    NerError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn open(path: &Path) -> Result<std::io::BufReader<std::fs::File>, NerError> {
    std::fs::File::open(path)
        .map(std::io::BufReader::new)
        .map_err(|e| io_err(path, e))
}

/// Whether a line is a comment line of GermEval TSV (`#` followed by a tab or space).
fn is_comment(line: &str) -> bool {
    line.starts_with("#\t") || line.starts_with("# ")
}

/// Reads GermEval 2014 TSV (`idx token outer inner`, `#` comment lines, blank line between
/// sentences), keeping the outer tags. Invalid BIO (I- without B-) is repaired conlleval-style.
pub fn read_germeval(path: &Path) -> Result<Vec<TaggedSentence>, NerError> {
    let reader = open(path)?;
    let mut out = Vec::new();
    let mut cur = TaggedSentence {
        tokens: Vec::new(),
        tags: Vec::new(),
        weight: 1.0,
    };
    for (ln, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| io_err(path, e))?;
        let line = line.trim_end_matches('\r');
        if is_comment(line) {
            continue;
        }
        if line.trim().is_empty() {
            if !cur.tokens.is_empty() {
                repair_bio(&mut cur.tags);
                out.push(std::mem::replace(
                    &mut cur,
                    TaggedSentence {
                        tokens: Vec::new(),
                        tags: Vec::new(),
                        weight: 1.0,
                    },
                ));
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            return Err(NerError::Format {
                path: path.to_path_buf(),
                line: ln + 1,
                reason: "expected at least 3 tab-separated columns".into(),
            });
        }
        let tag: Tag = cols[2].parse().map_err(|e| NerError::Format {
            path: path.to_path_buf(),
            line: ln + 1,
            reason: format!("{e}"),
        })?;
        cur.tokens.push(cols[1].to_string());
        cur.tags.push(tag);
    }
    if !cur.tokens.is_empty() {
        repair_bio(&mut cur.tags);
        out.push(cur);
    }
    Ok(out)
}

/// Reads pre-tokenised text: GermEval TSV (token in the second column when the first is a
/// number) or one token per line; blank lines separate sentences; `#`+tab/space lines are
/// comments. Returns the sentences' tokens in order.
pub fn read_conll_tokens<R: BufRead>(reader: R) -> std::io::Result<Vec<Vec<String>>> {
    let mut out = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    for line in reader.lines() {
        let line = line?;
        let line = line.trim_end_matches(['\r', '\n']);
        if is_comment(line) {
            continue;
        }
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let mut cols = line.split('\t');
        let first = cols.next().unwrap_or("");
        let token = match cols.next() {
            Some(second) if !first.is_empty() && first.bytes().all(|b| b.is_ascii_digit()) => {
                second
            }
            _ => first,
        };
        cur.push(token.to_string());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Writes `token<TAB>tag` per token and a blank line after each sentence.
pub fn write_conll<W: Write, S: AsRef<str>>(
    mut w: W,
    sentences: &[(Vec<S>, Vec<Tag>)],
) -> std::io::Result<()> {
    for (tokens, tags) in sentences {
        for (tok, tag) in tokens.iter().zip(tags) {
            writeln!(w, "{}\t{}", tok.as_ref(), tag)?;
        }
        writeln!(w)?;
    }
    w.flush()
}

/// Maps a SmartData concept type to a GermEval type; `None` = not a name (dropped to `O`).
fn smartdata_type(t: &str) -> Option<EntityType> {
    match t {
        "PERSON" => Some(EntityType::Per),
        "ORGANIZATION" | "ORGANIZATION_COMPANY" => Some(EntityType::Org),
        "LOCATION" | "LOCATION_CITY" | "LOCATION_STREET" | "LOCATION_STOP" => Some(EntityType::Loc),
        _ => None,
    }
}

/// Reads the DFKI SmartData corpus (gzip-compressed concatenated JSON documents). Uses the
/// corpus' own tokens and sentences; entity spans (character offsets) become BIO tags:
/// persons → PER, organisations/companies → ORG, locations/cities/streets/stops → LOC;
/// routes, positions, triggers, disasters and numeric/time types are not names. A mention
/// beginning with a lower-case letter ("griechische") is a `deriv`; a mention that covers only
/// part of a token ("EU-" in "EU-Kommission") is a `part`.
pub fn read_smartdata(path: &Path, weight: f32) -> Result<Vec<TaggedSentence>, NerError> {
    let file = std::fs::File::open(path).map_err(|e| io_err(path, e))?;
    let gz = flate2::read::GzDecoder::new(std::io::BufReader::new(file));
    let stream = serde_json::Deserializer::from_reader(std::io::BufReader::new(gz))
        .into_iter::<serde_json::Value>();
    let mut out = Vec::new();
    for (doc_no, doc) in stream.enumerate() {
        let doc = doc.map_err(|e| NerError::Format {
            path: path.to_path_buf(),
            line: doc_no + 1,
            reason: format!("JSON document {}: {e}", doc_no + 1),
        })?;
        let Some(text) = doc.pointer("/text/string").and_then(|v| v.as_str()) else {
            continue;
        };
        // Offsets are UTF-16 code units (Java); map them to byte offsets.
        let mut u16_to_byte = Vec::with_capacity(text.len() + 1);
        for (b, c) in text.char_indices() {
            for _ in 0..c.len_utf16() {
                u16_to_byte.push(b);
            }
        }
        u16_to_byte.push(text.len());
        let conv = |v: Option<&serde_json::Value>| -> Option<usize> {
            let i = v?.as_u64()? as usize;
            u16_to_byte.get(i).copied()
        };
        // Character-level labels.
        let mut mentions: Vec<(usize, usize, EntityType, Variant)> = Vec::new();
        if let Some(arr) = doc
            .pointer("/conceptMentions/array")
            .and_then(|v| v.as_array())
        {
            for m in arr {
                let Some(ty) = m
                    .get("type")
                    .and_then(|v| v.as_str())
                    .and_then(smartdata_type)
                else {
                    continue;
                };
                let (Some(s), Some(e)) =
                    (conv(m.pointer("/span/start")), conv(m.pointer("/span/end")))
                else {
                    continue;
                };
                if s >= e {
                    continue;
                }
                let surface = &text[s..e];
                // Lower-case locations are derived adjectives ("griechische"); lower-case
                // organisations ("dpa") are names.
                let variant = if ty == EntityType::Loc
                    && surface.chars().next().is_some_and(|c| c.is_lowercase())
                {
                    Variant::Deriv
                } else {
                    Variant::Name
                };
                mentions.push((s, e, ty, variant));
            }
        }
        mentions.sort_by_key(|m| (m.0, std::cmp::Reverse(m.1)));
        let Some(sents) = doc.pointer("/sentences/array").and_then(|v| v.as_array()) else {
            continue;
        };
        for sent in sents {
            let Some(toks) = sent.pointer("/tokens/array").and_then(|v| v.as_array()) else {
                continue;
            };
            let mut tokens = Vec::new();
            let mut tags = Vec::new();
            let mut prev_mention: Option<usize> = None;
            for tok in toks {
                let (Some(s), Some(e)) = (
                    conv(tok.pointer("/span/start")),
                    conv(tok.pointer("/span/end")),
                ) else {
                    continue;
                };
                if s >= e {
                    continue;
                }
                let word = text[s..e].trim();
                if word.is_empty() {
                    continue;
                }
                // The first mention overlapping the token.
                let hit = mentions.iter().position(|&(ms, me, _, _)| ms < e && s < me);
                let tag = match hit {
                    None => Tag::O,
                    Some(k) => {
                        let (ms, me, ty, mut v) = mentions[k];
                        let partial = ms > s || me < e;
                        if partial && v == Variant::Name {
                            // Mention is only a piece of the token: a compound containing a name.
                            let inside = &text[s..e];
                            if inside.contains('-') {
                                v = Variant::Part;
                            }
                        }
                        if prev_mention == Some(k) {
                            Tag::I(ty, v)
                        } else {
                            Tag::B(ty, v)
                        }
                    }
                };
                prev_mention = hit;
                tokens.push(word.to_string());
                tags.push(tag);
            }
            if tokens.is_empty() {
                continue;
            }
            repair_bio(&mut tags);
            out.push(TaggedSentence {
                tokens,
                tags,
                weight,
            });
        }
    }
    Ok(out)
}

/// Reads a Europeana Newspapers `.bio` file (`token TAG` per line, no sentence breaks): splits
/// into sentences after `.`, `!`, `?` (when the next token is capitalised) or at `file:`
/// lines; malformed tags are read as `O`. Sentences longer than 80 tokens are cut.
pub fn read_europeana(path: &Path, weight: f32) -> Result<Vec<TaggedSentence>, NerError> {
    let reader = open(path)?;
    let mut rows: Vec<(String, Tag)> = Vec::new();
    let mut out = Vec::new();
    let flush = |rows: &mut Vec<(String, Tag)>, out: &mut Vec<TaggedSentence>| {
        if rows.is_empty() {
            return;
        }
        let (tokens, mut tags): (Vec<String>, Vec<Tag>) = std::mem::take(rows).into_iter().unzip();
        repair_bio(&mut tags);
        out.push(TaggedSentence {
            tokens,
            tags,
            weight,
        });
    };
    let mut pending_end = false;
    for line in reader.lines() {
        let line = line.map_err(|e| io_err(path, e))?;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if line.starts_with("file:") {
            flush(&mut rows, &mut out);
            pending_end = false;
            continue;
        }
        let mut parts = line.split_whitespace();
        let Some(token) = parts.next() else { continue };
        let tag = parts
            .next_back()
            .filter(|_| line.split_whitespace().count() >= 2)
            .and_then(|t| t.parse::<Tag>().ok())
            .map(|t| match t {
                // Europeana has no deriv/part or OTH; MISC → OTH is rare noise: drop it.
                Tag::B(EntityType::Oth, _) | Tag::I(EntityType::Oth, _) => Tag::O,
                Tag::B(ty, _) => Tag::B(ty, Variant::Name),
                Tag::I(ty, _) => Tag::I(ty, Variant::Name),
                Tag::O => Tag::O,
            })
            .unwrap_or(Tag::O);
        if pending_end && token.chars().next().is_some_and(|c| c.is_uppercase()) {
            flush(&mut rows, &mut out);
        }
        pending_end = matches!(token, "." | "!" | "?");
        rows.push((token.to_string(), tag));
        if rows.len() >= 80 && tag == Tag::O {
            flush(&mut rows, &mut out);
            pending_end = false;
        }
    }
    flush(&mut rows, &mut out);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conll_tokens_formats() {
        let input = "#\thttp://x [2010]\n1\tKim\tB-PER\tO\n2\tJong\tI-PER\tO\n\n\nMoskau\n#\n\n";
        let s = read_conll_tokens(input.as_bytes()).unwrap();
        assert_eq!(
            s,
            vec![
                vec!["Kim".to_string(), "Jong".to_string()],
                vec!["Moskau".to_string(), "#".to_string()]
            ]
        );
        let mut buf = Vec::new();
        write_conll(
            &mut buf,
            &[(
                vec!["Kim", "traf"],
                vec![Tag::B(EntityType::Per, Variant::Name), Tag::O],
            )],
        )
        .unwrap();
        assert_eq!(String::from_utf8(buf).unwrap(), "Kim\tB-PER\ntraf\tO\n\n");
    }

    #[test]
    fn germeval_reader() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("g.tsv");
        std::fs::write(
            &p,
            "#\tsrc\n1\tDer\tO\tO\n2\tNATO-Chef\tB-ORGpart\tO\n3\tRutte\tI-PER\tO\n\n#\tx\n1\tJa\tO\tO\n",
        )
        .unwrap();
        let s = read_germeval(&p).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(
            s[0].tags,
            vec![
                Tag::O,
                Tag::B(EntityType::Org, Variant::Part),
                Tag::B(EntityType::Per, Variant::Name)
            ]
        );
        std::fs::write(&p, "1\tDer\tX-Y\tO\n").unwrap();
        assert!(matches!(
            read_germeval(&p),
            Err(NerError::Format { line: 1, .. })
        ));
    }

    #[test]
    fn europeana_reader_splits_sentences() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("e.bio");
        std::fs::write(
            &p,
            "Herr B-PER\nMüller I-PER\nkam O\n. O\nIn O\nWien B-LOC\n, O\nz. O\nB. O\nfile:\t\tX\nDie O\nfoo bar B_LOC\n",
        )
        .unwrap();
        let s = read_europeana(&p, 0.5).unwrap();
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].tokens, vec!["Herr", "Müller", "kam", "."]);
        assert_eq!(s[1].tags[1], Tag::B(EntityType::Loc, Variant::Name));
        assert_eq!(s[2].tags[1], Tag::B(EntityType::Loc, Variant::Name));
        assert!(s.iter().all(|x| x.weight == 0.5));
    }
}

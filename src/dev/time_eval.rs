//! Scoring the recogniser: TimeBank (TimeML, English, spans and values) and SmartData (German,
//! DATE/TIME/DURATION spans). The command line calls [`evaluate_timebank`]
//! (`dossier eval timex DIR`) and [`evaluate_smartdata`] (`dossier eval timex-de FILE`).

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::timeml;
use crate::model::{Lang, Span, Timex};
use crate::time::TimeError;

/// Precision, recall and F1 of one measure.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Prf {
    /// System items counted correct (for precision).
    pub tp_sys: usize,
    /// Gold items found (for recall).
    pub tp_gold: usize,
    /// System items.
    pub sys: usize,
    /// Gold items.
    pub gold: usize,
}

impl Prf {
    /// Precision.
    pub fn precision(&self) -> f64 {
        crate::dev::score::ratio(self.tp_sys, self.sys)
    }
    /// Recall.
    pub fn recall(&self) -> f64 {
        crate::dev::score::ratio(self.tp_gold, self.gold)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        crate::dev::score::f1(self.precision(), self.recall())
    }
    fn add(&mut self, o: &Prf) {
        self.tp_sys += o.tp_sys;
        self.tp_gold += o.tp_gold;
        self.sys += o.sys;
        self.gold += o.gold;
    }
}

/// Scores of the time expression recogniser on a corpus.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TimexScores {
    /// Corpus label shown in the table.
    pub corpus: String,
    /// Documents scored.
    pub documents: usize,
    /// Span overlaps.
    pub relaxed: Prf,
    /// Spans identical.
    pub strict: Prf,
    /// Span overlaps and the value is identical (`None` when the gold has no values).
    pub value: Option<Prf>,
    /// Bytes of text processed.
    pub bytes: usize,
}

impl fmt::Display for TimexScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} — {} documents, {} bytes",
            self.corpus, self.documents, self.bytes
        )?;
        writeln!(
            f,
            "{:<14} {:>6} {:>6} {:>6} {:>7} {:>7}",
            "measure", "P", "R", "F1", "gold", "system"
        )?;
        let mut row = |name: &str, p: &Prf| {
            writeln!(
                f,
                "{:<14} {:>6.3} {:>6.3} {:>6.3} {:>7} {:>7}",
                name,
                p.precision(),
                p.recall(),
                p.f1(),
                p.gold,
                p.sys
            )
        };
        row("relaxed span", &self.relaxed)?;
        row("strict span", &self.strict)?;
        if let Some(v) = &self.value {
            row("value", v)?;
        }
        Ok(())
    }
}

/// Scores system spans against gold spans (optionally with values): one-to-one matching by
/// overlap, in order.
fn score(gold: &[(Span, Option<&str>)], sys: &[Timex]) -> (Prf, Prf, Prf) {
    let mut relaxed = Prf {
        sys: sys.len(),
        gold: gold.len(),
        ..Prf::default()
    };
    let mut strict = relaxed;
    let mut value = relaxed;
    let mut used = vec![false; sys.len()];
    for (g, gv) in gold {
        let mut hit: Option<usize> = None;
        for (k, s) in sys.iter().enumerate() {
            if !used[k] && s.span.overlaps(*g) {
                hit = Some(k);
                break;
            }
        }
        if let Some(k) = hit {
            used[k] = true;
            relaxed.tp_gold += 1;
            relaxed.tp_sys += 1;
            if sys[k].span == *g {
                strict.tp_gold += 1;
                strict.tp_sys += 1;
            }
            if gv.is_some_and(|v| v == sys[k].value) {
                value.tp_gold += 1;
                value.tp_sys += 1;
            }
        }
    }
    (relaxed, strict, value)
}

/// The production path: the shared tokenizer and sentence splitter, then the recogniser.
fn run(text: &str, lang: &Lang, dct: Option<NaiveDate>) -> Vec<Timex> {
    let tokens = crate::text::tokenize(text, lang);
    let sentences = crate::text::split_sentences(text, &tokens, lang);
    crate::time::find_timexes(text, &tokens, &sentences, lang, dct)
}

/// Which TimeBank files to score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    /// Every file.
    All,
    /// Files used for development (4 of every 5 in sorted order).
    Dev,
    /// Every fifth file in sorted order (index 4, 9, …), kept aside as a held-out check.
    HeldOut,
}

/// The `.tml` files of `dir`, sorted, restricted to `split`.
pub fn timebank_files(dir: &Path, split: Split) -> Result<Vec<PathBuf>, TimeError> {
    let rd = std::fs::read_dir(dir).map_err(|source| TimeError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut files: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tml"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(TimeError::Empty {
            what: ".tml files",
            path: dir.to_path_buf(),
        });
    }
    Ok(files
        .into_iter()
        .enumerate()
        .filter(|(i, _)| match split {
            Split::All => true,
            Split::Dev => i % 5 != 4,
            Split::HeldOut => i % 5 == 4,
        })
        .map(|(_, p)| p)
        .collect())
}

/// Scores [`crate::time::find_timexes`] on every `.tml` file of `dir` (TimeBank, English), each with its
/// own document date. The document date's own TIMEX3 (in the header) is not part of the text and
/// not scored.
pub fn evaluate_timebank(dir: &Path) -> Result<TimexScores, TimeError> {
    evaluate_timebank_split(dir, Split::All)
}

/// [`evaluate_timebank`] restricted to a split.
pub fn evaluate_timebank_split(dir: &Path, split: Split) -> Result<TimexScores, TimeError> {
    let files = timebank_files(dir, split)?;
    evaluate_tml_files(&files, &format!("TimeBank {split:?} ({})", dir.display()))
}

/// Scores the given `.tml` files.
pub fn evaluate_tml_files(files: &[PathBuf], label: &str) -> Result<TimexScores, TimeError> {
    let mut out = TimexScores {
        corpus: label.to_string(),
        value: Some(Prf::default()),
        ..TimexScores::default()
    };
    for f in files {
        let doc = timeml::read_tml(f)?;
        let sys = run(&doc.text, &Lang::En, doc.dct);
        let gold: Vec<(Span, Option<&str>)> = doc
            .timexes
            .iter()
            .map(|g| (g.span, Some(g.value.as_str())))
            .collect();
        let (r, s, v) = score(&gold, &sys);
        out.relaxed.add(&r);
        out.strict.add(&s);
        if let Some(x) = out.value.as_mut() {
            x.add(&v);
        }
        out.documents += 1;
        out.bytes += doc.text.len();
    }
    Ok(out)
}

/// A SmartData document: text, publication date, gold DATE/TIME/DURATION spans (byte offsets).
#[derive(Debug, Clone, PartialEq)]
pub struct SmartDataDoc {
    /// Document id.
    pub id: String,
    /// The text.
    pub text: String,
    /// Publication date.
    pub dct: Option<NaiveDate>,
    /// Gold spans with their type.
    pub spans: Vec<(Span, String)>,
}

/// Reads SmartData `dev.json.gz` (or an uncompressed `.json`): a sequence of JSON documents.
pub fn read_smartdata(path: &Path) -> Result<Vec<SmartDataDoc>, TimeError> {
    let io = |source| TimeError::Io {
        path: path.to_path_buf(),
        source,
    };
    let bytes = std::fs::read(path).map_err(io)?;
    let mut raw = String::new();
    if bytes.starts_with(&[0x1f, 0x8b]) {
        flate2::read::MultiGzDecoder::new(&bytes[..])
            .read_to_string(&mut raw)
            .map_err(io)?;
    } else {
        raw = String::from_utf8(bytes).map_err(|e| TimeError::Parse {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
    }
    let perr = |reason: String| TimeError::Parse {
        path: path.to_path_buf(),
        reason,
    };
    let mut docs = Vec::new();
    for v in serde_json::Deserializer::from_str(&raw).into_iter::<serde_json::Value>() {
        let v = v.map_err(|e| perr(e.to_string()))?;
        let items: Vec<serde_json::Value> = match v {
            serde_json::Value::Array(a) => a,
            other => vec![other],
        };
        for d in items {
            docs.push(
                smartdata_doc(&d).ok_or_else(|| perr("unexpected document structure".into()))?,
            );
        }
    }
    Ok(docs)
}

fn smartdata_doc(d: &serde_json::Value) -> Option<SmartDataDoc> {
    let text = d.pointer("/text/string")?.as_str()?.to_string();
    let id = d
        .pointer("/id")
        .and_then(|x| x.as_str())
        .unwrap_or("")
        .to_string();
    let dct = d
        .pointer("/date/string")
        .and_then(|x| x.as_str())
        .and_then(|s| s.get(..10))
        .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok());
    // Offsets are Java string (UTF-16) indices: map them to bytes.
    let mut utf16_to_byte = Vec::with_capacity(text.len() + 1);
    for (b, c) in text.char_indices() {
        for _ in 0..c.len_utf16() {
            utf16_to_byte.push(b);
        }
    }
    utf16_to_byte.push(text.len());
    let mut spans = Vec::new();
    if let Some(arr) = d
        .pointer("/conceptMentions/array")
        .and_then(|x| x.as_array())
    {
        for mnt in arr {
            let ty = mnt.pointer("/type").and_then(|x| x.as_str()).unwrap_or("");
            if !matches!(ty, "DATE" | "TIME" | "DURATION" | "SET") {
                continue;
            }
            let s = mnt.pointer("/span/start").and_then(|x| x.as_u64())? as usize;
            let e = mnt.pointer("/span/end").and_then(|x| x.as_u64())? as usize;
            let (Some(&bs), Some(&be)) = (utf16_to_byte.get(s), utf16_to_byte.get(e)) else {
                continue;
            };
            spans.push((Span::new(bs, be), ty.to_string()));
        }
    }
    spans.sort_by_key(|(s, _)| (s.start, s.end));
    Some(SmartDataDoc {
        id,
        text,
        dct,
        spans,
    })
}

/// Scores [`crate::time::find_timexes`] (German) on SmartData: span P/R/F1 over DATE, TIME and DURATION
/// (the gold has no values), each document with its publication date.
pub fn evaluate_smartdata(path: &Path) -> Result<TimexScores, TimeError> {
    let docs = read_smartdata(path)?;
    Ok(evaluate_smartdata_docs(
        &docs,
        &format!("SmartData ({})", path.display()),
    ))
}

/// Scores already-read SmartData documents.
pub fn evaluate_smartdata_docs(docs: &[SmartDataDoc], label: &str) -> TimexScores {
    let mut out = TimexScores {
        corpus: label.to_string(),
        ..TimexScores::default()
    };
    for d in docs {
        let sys: Vec<Timex> = run(&d.text, &Lang::De, d.dct)
            .into_iter()
            // SmartData annotates no SETs and no vague references
            .filter(|t| t.timex_type != crate::model::TimexType::Set && !t.value.ends_with("_REF"))
            .collect();
        let gold: Vec<(Span, Option<&str>)> = d.spans.iter().map(|(s, _)| (*s, None)).collect();
        let (r, s, _) = score(&gold, &sys);
        out.relaxed.add(&r);
        out.strict.add(&s);
        out.documents += 1;
        out.bytes += d.text.len();
    }
    out
}

/// A developer's report of differences on a TimeML file set: missed, spurious and wrong-valued
/// expressions, one per line.
pub fn timebank_diff(files: &[PathBuf]) -> Result<String, TimeError> {
    use std::fmt::Write;
    let mut out = String::new();
    for f in files {
        let doc = timeml::read_tml(f)?;
        let sys = run(&doc.text, &Lang::En, doc.dct);
        let mut used = vec![false; sys.len()];
        for g in &doc.timexes {
            let hit = sys
                .iter()
                .enumerate()
                .find(|(k, s)| !used[*k] && s.span.overlaps(g.span))
                .map(|(k, _)| k);
            match hit {
                Some(k) => {
                    used[k] = true;
                    if sys[k].value != g.value {
                        let _ = writeln!(
                            out,
                            "VALUE\t{}\t{:?}\t{}\t{:?}\t{}\t{:?}",
                            doc.id,
                            g.span.slice(&doc.text),
                            g.value,
                            sys[k].span.slice(&doc.text),
                            sys[k].value,
                            doc.dct
                        );
                    }
                }
                None => {
                    let _ = writeln!(
                        out,
                        "MISS\t{}\t{:?}\t{}\t{}",
                        doc.id,
                        g.span.slice(&doc.text),
                        g.value,
                        g.timex_type
                    );
                }
            }
        }
        for (k, s) in sys.iter().enumerate() {
            if !used[k] {
                let a = s.span.start.saturating_sub(30);
                let b = (s.span.end + 30).min(doc.text.len());
                let ctx = doc.text.get(a..b).unwrap_or("").replace('\n', " ");
                let _ = writeln!(
                    out,
                    "SPUR\t{}\t{:?}\t{}\t{:?}",
                    doc.id,
                    s.span.slice(&doc.text),
                    s.value,
                    ctx
                );
            }
        }
    }
    Ok(out)
}

/// A developer's report of SmartData differences (missed and spurious spans).
pub fn smartdata_diff(docs: &[SmartDataDoc]) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    for d in docs {
        let sys: Vec<Timex> = run(&d.text, &Lang::De, d.dct)
            .into_iter()
            .filter(|t| t.timex_type != crate::model::TimexType::Set && !t.value.ends_with("_REF"))
            .collect();
        let mut used = vec![false; sys.len()];
        for (g, ty) in &d.spans {
            let hit = sys
                .iter()
                .enumerate()
                .find(|(k, s)| !used[*k] && s.span.overlaps(*g))
                .map(|(k, _)| k);
            match hit {
                Some(k) => used[k] = true,
                None => {
                    let _ = writeln!(out, "MISS\t{ty}\t{:?}", g.slice(&d.text));
                }
            }
        }
        for (k, s) in sys.iter().enumerate() {
            if !used[k] {
                let a = s.span.start.saturating_sub(25);
                let b = (s.span.end + 25).min(d.text.len());
                let ctx = d
                    .text
                    .get(a..b)
                    .or_else(|| d.text.get(s.span.start..s.span.end))
                    .unwrap_or("")
                    .replace('\n', " ");
                let _ = writeln!(
                    out,
                    "SPUR\t{:?}\t{}\t{:?}",
                    s.span.slice(&d.text),
                    s.value,
                    ctx
                );
            }
        }
    }
    out
}

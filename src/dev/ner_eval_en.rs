//! English entity evaluation on TimeBank news articles (`dossier eval ner-en`).
//!
//! The gold annotation (`assets/eval/ner-en-timebank.tsv`) is standoff: file names, character
//! offsets, labels and expected canonical names, with FNV-1a checksums of each text and each
//! mention's surface to detect drift; no article text is stored in the project. The articles
//! are read at run time from the shared TimeBank folder (`../shared/data/timebank`).
//!
//! Scoring is strict: a system mention counts when its span (a trailing possessive `'s` or `'`
//! removed) and its label (type plus `deriv`/`part`) equal a gold mention. System mentions that
//! overlap a gold `IGN` span (ambiguous cases) are not scored.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::dev::score::{f1, ratio};
use crate::model::{EntityType, Lang, Span, Variant};

use crate::ner::NerError;

/// The gold annotation shipped with the project.
pub const GOLD: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/eval/ner-en-timebank.tsv"
));

/// Which annotated articles to score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnSplit {
    /// All annotated articles.
    All,
    /// The articles the rules were tuned on.
    Tune,
    /// The articles kept aside for an honest figure.
    HeldOut,
}

impl std::str::FromStr for EnSplit {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "all" => Ok(EnSplit::All),
            "tune" => Ok(EnSplit::Tune),
            "heldout" | "holdout" => Ok(EnSplit::HeldOut),
            other => Err(format!("unknown split '{other}' (all, tune, heldout)")),
        }
    }
}

/// One gold mention (character offsets into the article text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldMention {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// `PER`, `LOCderiv`, … or `IGN` (not scored).
    pub label: String,
    /// The expected canonical name.
    pub canonical: String,
    /// FNV-1a 32 of the surface text.
    pub hash: u32,
}

/// One annotated article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldDoc {
    /// TimeBank file stem (`APW19980227.0494`).
    pub file: String,
    /// True for a held-out article.
    pub heldout: bool,
    /// Text length in characters.
    pub chars: usize,
    /// FNV-1a 32 of the text.
    pub hash: u32,
    /// The mentions, sorted.
    pub mentions: Vec<GoldMention>,
}

/// FNV-1a, 32 bits, over the UTF-8 bytes.
pub fn fnv1a32(s: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in s.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// Parses the standoff gold format (see the header of `assets/eval/ner-en-timebank.tsv`).
pub fn parse_gold(text: &str, path: &Path) -> Result<Vec<GoldDoc>, NerError> {
    let mut docs: Vec<GoldDoc> = Vec::new();
    let bad = |line: usize, reason: &str| NerError::Format {
        path: path.to_path_buf(),
        line,
        reason: reason.to_string(),
    };
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let hex = |s: &str| u32::from_str_radix(s, 16).map_err(|_| bad(line_no, "bad checksum"));
        let num = |s: &str| s.parse::<usize>().map_err(|_| bad(line_no, "bad number"));
        match f.as_slice() {
            ["D", file, split, chars, hash] => docs.push(GoldDoc {
                file: (*file).to_string(),
                heldout: *split == "heldout",
                chars: num(chars)?,
                hash: hex(hash)?,
                mentions: Vec::new(),
            }),
            ["M", start, end, label, canonical, hash] => {
                let m = GoldMention {
                    start: num(start)?,
                    end: num(end)?,
                    label: (*label).to_string(),
                    canonical: (*canonical).to_string(),
                    hash: hex(hash)?,
                };
                if m.start >= m.end {
                    return Err(bad(line_no, "empty mention"));
                }
                docs.last_mut()
                    .ok_or_else(|| bad(line_no, "mention before any document"))?
                    .mentions
                    .push(m);
            }
            _ => return Err(bad(line_no, "expected a D or M line")),
        }
    }
    Ok(docs)
}

/// Counts for one label.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Correct system mentions.
    pub tp: usize,
    /// System mentions not in the gold.
    pub fp: usize,
    /// Gold mentions not found.
    pub fn_: usize,
}

impl Counts {
    /// Precision.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// Recall.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// F1.
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
    fn add(&mut self, o: &Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

/// The result of [`evaluate_en`].
#[derive(Debug, Clone, Default)]
pub struct EnScores {
    /// What was scored.
    pub label: String,
    /// Articles scored.
    pub documents: usize,
    /// Counts per label (`PER`, `LOCderiv`, …).
    pub per_label: BTreeMap<String, Counts>,
    /// All labels together.
    pub overall: Counts,
    /// Correct mentions whose canonical name equals the gold one (case-insensitively).
    pub canonical_ok: usize,
    /// Errors, one line each (`file  FP|FN|TYPE  "surface"  label`), when asked for.
    pub errors: Vec<String>,
}

impl fmt::Display for EnScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} — {} articles", self.label, self.documents)?;
        writeln!(
            f,
            "{:<10} {:>6} {:>6} {:>6} {:>5} {:>5} {:>5}",
            "label", "prec", "rec", "F1", "tp", "fp", "fn"
        )?;
        let row = |f: &mut fmt::Formatter<'_>, name: &str, c: &Counts| {
            writeln!(
                f,
                "{:<10} {:>6.3} {:>6.3} {:>6.3} {:>5} {:>5} {:>5}",
                name,
                c.precision(),
                c.recall(),
                c.f1(),
                c.tp,
                c.fp,
                c.fn_
            )
        };
        for (name, c) in &self.per_label {
            row(f, name, c)?;
        }
        row(f, "overall", &self.overall)?;
        write!(
            f,
            "canonical name right for {} of {} correct mentions",
            self.canonical_ok, self.overall.tp
        )?;
        for e in &self.errors {
            write!(f, "\n{e}")?;
        }
        Ok(())
    }
}

/// The default TimeBank folder (`../shared/data/timebank`).
pub fn default_dir() -> PathBuf {
    crate::dev::shared::shared_dir().join("data/timebank")
}

fn label_of(ty: EntityType, variant: Variant) -> String {
    format!("{}{}", ty.as_str(), variant.suffix())
}

/// Byte offset of every character boundary (`chars + 1` entries).
fn char_to_byte(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

/// A system span without a trailing possessive ("Ukraine's" → "Ukraine", "Howes'" → "Howes").
fn strip_possessive(text: &str, span: Span) -> Span {
    let s = span.slice(text);
    for suffix in ["'s", "’s", "'", "’"] {
        if let Some(base) = s.strip_suffix(suffix)
            && !base.is_empty()
        {
            return Span::new(span.start, span.start + base.len());
        }
    }
    span
}

/// Scores the English recogniser on the annotated TimeBank articles of `split`, read from
/// `dir`. With `max_docs`, only the first that many articles of the split. With `errors`, the
/// result lists every false positive and false negative.
pub fn evaluate_en(
    dir: &Path,
    split: EnSplit,
    max_docs: Option<usize>,
    errors: bool,
) -> Result<EnScores, NerError> {
    let gold_path = Path::new("assets/eval/ner-en-timebank.tsv");
    let docs = parse_gold(GOLD, gold_path)?;
    let mut out = EnScores {
        label: format!("English NER, TimeBank {split:?} ({})", dir.display()),
        ..EnScores::default()
    };
    let chosen = docs
        .iter()
        .filter(|d| match split {
            EnSplit::All => true,
            EnSplit::Tune => !d.heldout,
            EnSplit::HeldOut => d.heldout,
        })
        .take(max_docs.unwrap_or(usize::MAX));
    for doc in chosen {
        let path = dir.join(format!("{}.tml", doc.file));
        let tml = crate::dev::timeml::read_tml(&path).map_err(|e| NerError::Format {
            path: path.clone(),
            line: 0,
            reason: e.to_string(),
        })?;
        let text = tml.text.as_str();
        if text.chars().count() != doc.chars || fnv1a32(text) != doc.hash {
            return Err(NerError::Format {
                path,
                line: 0,
                reason: "the article text differs from the annotated one".into(),
            });
        }
        score_doc(text, doc, &mut out, errors)?;
        out.documents += 1;
    }
    out.overall = Counts::default();
    for c in out.per_label.values() {
        out.overall.add(c);
    }
    Ok(out)
}

fn score_doc(text: &str, doc: &GoldDoc, out: &mut EnScores, errors: bool) -> Result<(), NerError> {
    let c2b = char_to_byte(text);
    let mut gold: Vec<(Span, &GoldMention)> = Vec::new();
    for m in &doc.mentions {
        let (Some(&s), Some(&e)) = (c2b.get(m.start), c2b.get(m.end)) else {
            return Err(NerError::Format {
                path: PathBuf::from(&doc.file),
                line: 0,
                reason: format!("mention {}..{} outside the text", m.start, m.end),
            });
        };
        let span = Span::new(s, e);
        if fnv1a32(span.slice(text)) != m.hash {
            return Err(NerError::Format {
                path: PathBuf::from(&doc.file),
                line: 0,
                reason: format!("mention {}..{} does not match its checksum", m.start, m.end),
            });
        }
        gold.push((span, m));
    }
    let lang = Lang::En;
    let tokens = crate::text::tokenize(text, &lang);
    let sentences = crate::text::split_sentences(text, &tokens, &lang);
    let sys = crate::ner::recognize(text, &tokens, &sentences, &lang)?;
    let overlaps = |a: Span, b: Span| a.start < b.end && b.start < a.end;
    let mut matched = vec![false; gold.len()];
    for m in &sys {
        let span = strip_possessive(text, m.span);
        let label = label_of(m.entity_type, m.variant);
        if gold
            .iter()
            .any(|(g, gm)| gm.label == "IGN" && overlaps(*g, m.span))
        {
            continue;
        }
        let hit = gold
            .iter()
            .position(|(g, gm)| *g == span && gm.label == label);
        let counts = out.per_label.entry(label.clone()).or_default();
        match hit {
            Some(k) if !matched[k] => {
                matched[k] = true;
                counts.tp += 1;
                if m.canonical.to_lowercase() == gold[k].1.canonical.to_lowercase() {
                    out.canonical_ok += 1;
                } else if errors {
                    out.errors.push(format!(
                        "{}\tCANON\t{:?}\t{} → {:?} (gold {:?})",
                        doc.file,
                        span.slice(text),
                        label,
                        m.canonical,
                        gold[k].1.canonical
                    ));
                }
            }
            _ => {
                counts.fp += 1;
                if errors {
                    let gold_here = gold
                        .iter()
                        .find(|(g, gm)| gm.label != "IGN" && overlaps(*g, span))
                        .map(|(g, gm)| format!(" (gold {:?} {})", g.slice(text), gm.label))
                        .unwrap_or_default();
                    out.errors.push(format!(
                        "{}\tFP\t{:?}\t{}{}",
                        doc.file,
                        m.span.slice(text),
                        label,
                        gold_here
                    ));
                }
            }
        }
    }
    for (k, (g, gm)) in gold.iter().enumerate() {
        if gm.label == "IGN" || matched[k] {
            continue;
        }
        out.per_label.entry(gm.label.clone()).or_default().fn_ += 1;
        if errors {
            out.errors.push(format!(
                "{}\tFN\t{:?}\t{}",
                doc.file,
                g.slice(text),
                gm.label
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_gold_parses() {
        let docs = parse_gold(GOLD, Path::new("gold")).expect("gold parses");
        assert_eq!(docs.len(), 20);
        assert!(docs.iter().filter(|d| d.heldout).count() >= 6);
        for d in &docs {
            assert!(!d.mentions.is_empty(), "{}", d.file);
            for w in d.mentions.windows(2) {
                assert!(w[0].end <= w[1].start, "{} overlaps", d.file);
            }
        }
    }

    #[test]
    fn parse_errors_and_checksum() {
        assert!(parse_gold("X\t1", Path::new("g")).is_err());
        assert!(parse_gold("M\t1\t2\tPER\tA\t0", Path::new("g")).is_err());
        assert!(parse_gold("D\ta\ttune\t3\tzz", Path::new("g")).is_err());
        assert_eq!(fnv1a32(""), 0x811c_9dc5);
        assert_eq!(fnv1a32("a"), 0xe40c_292c);
    }

    #[test]
    fn possessives_are_stripped() {
        let t = "Ukraine's gas and Howes' team";
        assert_eq!(strip_possessive(t, Span::new(0, 9)).slice(t), "Ukraine");
        assert_eq!(strip_possessive(t, Span::new(18, 24)).slice(t), "Howes");
        assert_eq!(strip_possessive(t, Span::new(10, 13)).slice(t), "gas");
    }
}

//! Strict chunk evaluation (conlleval-style: a predicted chunk counts only when its label and
//! both boundaries match a gold chunk) and a tagging speed benchmark.
//!
//! Labels are GermEval's 12 outer labels (PER, ORG, LOC, OTH, each plain, `deriv` or `part`):
//! the headline figure is the micro-averaged F1 over all of them, as in GermEval 2014's official
//! outer-chunk metric.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::time::Instant;

use crate::dev::corpus::{TaggedSentence, read_germeval};
use crate::model::{EntityType, Variant};
use crate::ner::NerError;
use crate::ner::features::LexLookup;
use crate::ner::tagger::{Tag, Tagger};

/// Which part of GermEval dev to evaluate on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Split {
    /// Every sentence.
    #[default]
    All,
    /// The held-out sentences: every 5th sentence (0-based index `i % 5 == 4`).
    Holdout,
    /// The other sentences (`i % 5 != 4`).
    Train,
    /// Another fold for cross-checks: the sentences with `i % 5 == k` (`HoldoutFold(4)` is
    /// [`Split::Holdout`]); score it with a model trained without them (`examples/ner_boost.rs`
    /// with `fold=k out=FILE`).
    HoldoutFold(usize),
}

impl Split {
    /// Whether sentence number `i` (0-based, in file order) belongs to the split.
    pub fn contains(self, i: usize) -> bool {
        match self {
            Split::All => true,
            Split::Holdout => i % 5 == 4,
            Split::Train => i % 5 != 4,
            Split::HoldoutFold(k) => i % 5 == k % 5,
        }
    }

    /// Keeps the sentences of the split.
    pub fn select<T: Clone>(self, items: &[T]) -> Vec<T> {
        items
            .iter()
            .enumerate()
            .filter(|(i, _)| self.contains(*i))
            .map(|(_, s)| s.clone())
            .collect()
    }
}

impl std::str::FromStr for Split {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "all" => Ok(Split::All),
            "holdout" | "every5" | "test" => Ok(Split::Holdout),
            "train" => Ok(Split::Train),
            _ => Err(format!("unknown split {s:?} (all, holdout, train)")),
        }
    }
}

/// A labelled chunk: label and token range `start..end`.
pub type Chunk = ((EntityType, Variant), usize, usize);

/// Extracts chunks conlleval-style: a chunk begins at `B-X`, or at `I-X` not continuing an
/// `X` chunk; it ends before `O`, `B-*` or an `I-Y` of another label.
pub fn chunks(tags: &[Tag]) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut cur: Option<((EntityType, Variant), usize)> = None;
    for (i, &tag) in tags.iter().enumerate() {
        match tag {
            Tag::O => {
                if let Some((l, s)) = cur.take() {
                    out.push((l, s, i));
                }
            }
            Tag::B(t, v) => {
                if let Some((l, s)) = cur.take() {
                    out.push((l, s, i));
                }
                cur = Some(((t, v), i));
            }
            Tag::I(t, v) => match cur {
                Some((l, _)) if l == (t, v) => {}
                _ => {
                    if let Some((l, s)) = cur.take() {
                        out.push((l, s, i));
                    }
                    cur = Some(((t, v), i));
                }
            },
        }
    }
    if let Some((l, s)) = cur {
        out.push((l, s, tags.len()));
    }
    out
}

/// Counts of one label.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Correct predicted chunks.
    pub tp: usize,
    /// Predicted chunks.
    pub predicted: usize,
    /// Gold chunks.
    pub gold: usize,
}

impl Counts {
    /// Precision (0 when nothing predicted).
    pub fn precision(&self) -> f64 {
        crate::dev::score::ratio(self.tp, self.predicted)
    }
    /// Recall (0 when no gold chunk).
    pub fn recall(&self) -> f64 {
        crate::dev::score::ratio(self.tp, self.gold)
    }
    /// F1 (harmonic mean; 0 when both are 0).
    pub fn f1(&self) -> f64 {
        crate::dev::score::f1(self.precision(), self.recall())
    }
}

/// Strict chunk scores per label and overall.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NerScores {
    /// Per GermEval label (`PER`, `LOCderiv`, …).
    pub per_label: BTreeMap<String, Counts>,
    /// Micro-average over all 12 labels: the headline figure.
    pub overall: Counts,
    /// Per coarse type (`PER*`, …) after folding `deriv`/`part` into the base type on both
    /// sides before matching (a gold `LOCderiv` found as `LOC` is a hit).
    pub coarse: BTreeMap<String, Counts>,
    /// Micro-average of [`NerScores::coarse`].
    pub coarse_overall: Counts,
    /// Plain names only: `deriv`/`part` chunks left out on both sides.
    pub names_only: Counts,
    /// Sentences scored.
    pub sentences: usize,
    /// Tokens scored.
    pub tokens: usize,
    /// Tokens whose tag is exactly right.
    pub tokens_correct: usize,
}

fn label_name((t, v): (EntityType, Variant)) -> String {
    format!("{}{}", t.as_str(), v.suffix())
}

impl NerScores {
    /// Adds one sentence's gold and predicted tags (same length).
    pub fn add(&mut self, gold: &[Tag], pred: &[Tag]) {
        self.sentences += 1;
        self.tokens += gold.len();
        self.tokens_correct += gold.iter().zip(pred).filter(|(a, b)| a == b).count();
        let g = chunks(gold);
        let p = chunks(pred);
        let fold = |tags: &[Tag]| -> Vec<Tag> {
            tags.iter()
                .map(|&t| match t {
                    Tag::B(ty, _) => Tag::B(ty, Variant::Name),
                    Tag::I(ty, _) => Tag::I(ty, Variant::Name),
                    Tag::O => Tag::O,
                })
                .collect()
        };
        let (gf, pf) = (chunks(&fold(gold)), chunks(&fold(pred)));
        for &(l, _, _) in &gf {
            self.coarse
                .entry(format!("{}*", l.0.as_str()))
                .or_default()
                .gold += 1;
            self.coarse_overall.gold += 1;
        }
        for c in &pf {
            let e = self
                .coarse
                .entry(format!("{}*", c.0.0.as_str()))
                .or_default();
            e.predicted += 1;
            self.coarse_overall.predicted += 1;
            if gf.contains(c) {
                e.tp += 1;
                self.coarse_overall.tp += 1;
            }
        }
        let plain = |c: &&Chunk| c.0.1 == Variant::Name;
        self.names_only.gold += g.iter().filter(plain).count();
        for c in p.iter().filter(plain) {
            self.names_only.predicted += 1;
            if g.contains(c) {
                self.names_only.tp += 1;
            }
        }
        for &(l, _, _) in &g {
            self.per_label.entry(label_name(l)).or_default().gold += 1;
            self.overall.gold += 1;
        }
        for c in &p {
            let e = self.per_label.entry(label_name(c.0)).or_default();
            e.predicted += 1;
            self.overall.predicted += 1;
            if g.contains(c) {
                e.tp += 1;
                self.overall.tp += 1;
            }
        }
    }

    /// Headline F1.
    pub fn f1(&self) -> f64 {
        self.overall.f1()
    }
}

impl fmt::Display for NerScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} sentences, {} tokens, token accuracy {:.2}%",
            self.sentences,
            self.tokens,
            if self.tokens == 0 {
                0.0
            } else {
                100.0 * self.tokens_correct as f64 / self.tokens as f64
            }
        )?;
        writeln!(
            f,
            "{:<10} {:>7} {:>7} {:>7} {:>6} {:>6} {:>6}",
            "label", "prec", "recall", "F1", "gold", "pred", "tp"
        )?;
        let row = |f: &mut fmt::Formatter<'_>, name: &str, c: &Counts| {
            writeln!(
                f,
                "{:<10} {:>7.2} {:>7.2} {:>7.2} {:>6} {:>6} {:>6}",
                name,
                100.0 * c.precision(),
                100.0 * c.recall(),
                100.0 * c.f1(),
                c.gold,
                c.predicted,
                c.tp
            )
        };
        for (label, c) in &self.per_label {
            row(f, label, c)?;
        }
        writeln!(f, "{}", "-".repeat(56))?;
        row(f, "overall", &self.overall)?;
        writeln!(f, "{}", "-".repeat(56))?;
        writeln!(f, "deriv/part folded into the base type before matching:")?;
        for (label, c) in &self.coarse {
            row(f, label, c)?;
        }
        row(f, "overall*", &self.coarse_overall)?;
        row(f, "names only", &self.names_only)?;
        writeln!(f, "{}", "-".repeat(56))?;
        writeln!(
            f,
            "four types (deriv/part folded): {:.2}%; plain names only (deriv/part left out): {:.2}%",
            100.0 * self.coarse_overall.f1(),
            100.0 * self.names_only.f1()
        )?;
        write!(
            f,
            "strict outer-chunk F1 (12 GermEval labels): {:.2}%",
            100.0 * self.f1()
        )
    }
}

/// Tags `sentences` with `tagger` and scores against their gold tags.
pub fn score_sentences(
    tagger: &Tagger,
    sentences: &[TaggedSentence],
    lexicon: Option<&dyn LexLookup>,
) -> NerScores {
    let mut scores = NerScores::default();
    for s in sentences {
        let toks: Vec<&str> = s.tokens.iter().map(|t| t.as_str()).collect();
        let pred: Vec<Tag> = tagger
            .tag_with(&toks, lexicon)
            .into_iter()
            .map(|x| x.0)
            .collect();
        scores.add(&s.tags, &pred);
    }
    scores
}

/// Evaluates the embedded tagger on a GermEval-format file (outer column), restricted to
/// `split` (sentence index in file order; see [`Split`]).
pub fn evaluate(gold: &Path, split: Split) -> Result<NerScores, NerError> {
    evaluate_model(gold, split, None)
}

/// Like [`evaluate`] with a model file written by `dossier train ner` instead of the embedded
/// one (`None` = embedded).
pub fn evaluate_model(
    gold: &Path,
    split: Split,
    model: Option<&Path>,
) -> Result<NerScores, NerError> {
    let loaded = model.map(load_model).transpose()?;
    let tagger = tagger_of(loaded.as_ref())?;
    let data = read_germeval(gold)?;
    let data = split.select(&data);
    Ok(score_sentences(tagger, &data, None))
}

/// The loaded model, else the embedded one.
fn tagger_of(loaded: Option<&Tagger>) -> Result<&Tagger, NerError> {
    match loaded {
        Some(t) => Ok(t),
        None => Tagger::embedded(),
    }
}

/// Scores the whole German recogniser (tagger, lexicons, rules and document-level resolution,
/// each sentence taken as a document) on a GermEval-format file: the tokens are joined by
/// spaces, recognised, and every mention becomes `B-`/`I-` tags of the gold tokens it covers.
/// `model` replaces the shipped tagger (a model trained without the held-out sentences).
pub fn evaluate_pipeline(
    gold: &Path,
    split: Split,
    model: Option<&Path>,
) -> Result<NerScores, NerError> {
    use crate::model::{Lang, Span};
    use crate::ner::SentenceTagger;
    use crate::ner::recognize::recognize_with;
    let loaded = model.map(load_model).transpose()?;
    let tagger = tagger_of(loaded.as_ref())?;
    let lexicon = crate::ner::Lexicon::embedded()?;
    let data = read_germeval(gold)?;
    let data = split.select(&data);
    let mut scores = NerScores::default();
    for s in &data {
        let mut text = String::new();
        let mut spans = Vec::with_capacity(s.tokens.len());
        for t in &s.tokens {
            if !text.is_empty() {
                text.push(' ');
            }
            spans.push(Span::new(text.len(), text.len() + t.len()));
            text.push_str(t);
        }
        let tokens = crate::text::tokenize(&text, &Lang::De);
        let sentences = [crate::text::Sentence {
            span: Span::new(0, text.len()),
            tokens: 0..tokens.len(),
        }];
        let mentions = recognize_with(
            &text,
            &tokens,
            &sentences,
            &Lang::De,
            lexicon,
            Some(tagger as &dyn SentenceTagger),
        );
        let mut pred = vec![Tag::O; s.tokens.len()];
        for m in &mentions {
            let covered: Vec<usize> = spans
                .iter()
                .enumerate()
                .filter(|(_, t)| t.start < m.span.end && m.span.start < t.end)
                .map(|(i, _)| i)
                .collect();
            for (k, &i) in covered.iter().enumerate() {
                if let Some(slot) = pred.get_mut(i) {
                    *slot = if k == 0 {
                        Tag::B(m.entity_type, m.variant)
                    } else {
                        Tag::I(m.entity_type, m.variant)
                    };
                }
            }
        }
        scores.add(&s.tags, &pred);
    }
    Ok(scores)
}

/// Loads a model file written by `dossier train ner`.
pub fn load_model(path: &Path) -> Result<Tagger, NerError> {
    let bytes = std::fs::read(path).map_err(|e| NerError::Io {
        path: path.to_path_buf(),
        source: e,
    })?;
    Tagger::from_bytes(&bytes)
}

/// Result of [`bench`].
#[derive(Debug, Clone, PartialEq)]
pub struct BenchReport {
    /// Bytes of text processed.
    pub bytes: usize,
    /// Tokens tagged.
    pub tokens: usize,
    /// Sentences tagged.
    pub sentences: usize,
    /// Entity-tagged tokens.
    pub entity_tokens: usize,
    /// Seconds spent tokenising and tagging.
    pub seconds: f64,
    /// Seconds to load the model (0 when it was already loaded).
    pub load_seconds: f64,
    /// CPU seconds of this thread spent tokenising and tagging (Linux `/proc`; `None`
    /// elsewhere). On a busy machine this is the fairer speed figure.
    pub cpu_seconds: Option<f64>,
    /// CPU seconds of loading the model (Linux only).
    pub load_cpu_seconds: Option<f64>,
    /// Heap memory held by the loaded model, bytes (approximate).
    pub model_bytes: usize,
}

/// CPU time (user + system) of the current thread, from `/proc/thread-self/stat` (Linux; clock
/// ticks of 10 ms).
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

impl BenchReport {
    /// Throughput in MB/s (10^6 bytes).
    pub fn mb_per_s(&self) -> f64 {
        if self.seconds <= 0.0 {
            0.0
        } else {
            self.bytes as f64 / 1e6 / self.seconds
        }
    }
}

impl fmt::Display for BenchReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} bytes, {} sentences, {} tokens ({} in entities): {:.3} s = {:.2} MB/s (model load {:.1} ms)",
            self.bytes,
            self.sentences,
            self.tokens,
            self.entity_tokens,
            self.seconds,
            self.mb_per_s(),
            self.load_seconds * 1000.0
        )?;
        if let Some(cpu) = self.cpu_seconds
            && cpu > 0.0
        {
            write!(
                f,
                "; CPU time {:.3} s = {:.2} MB/s",
                cpu,
                self.bytes as f64 / 1e6 / cpu
            )?;
        }
        if let Some(cpu) = self.load_cpu_seconds {
            write!(f, "; model load CPU {:.0} ms", cpu * 1000.0)?;
        }
        write!(f, "; model memory {:.1} MB", self.model_bytes as f64 / 1e6)?;
        Ok(())
    }
}

/// Tokenises `text` with the project tokenizer ([`crate::text::tokenize`]), splits sentences
/// ([`crate::text::split_sentences`]) and tags every sentence with the embedded model (German,
/// no lexicon), on the current thread. Model loading is timed separately.
pub fn bench(text: &str) -> Result<BenchReport, NerError> {
    let t0 = Instant::now();
    let c0 = thread_cpu_seconds();
    let tagger = Tagger::embedded()?;
    let load_seconds = t0.elapsed().as_secs_f64();
    let load_cpu_seconds = match (c0, thread_cpu_seconds()) {
        (Some(a), Some(b)) => Some(b - a),
        _ => None,
    };
    let lang = crate::model::Lang::De;
    let t1 = Instant::now();
    let cpu0 = thread_cpu_seconds();
    let toks = crate::text::tokenize(text, &lang);
    let sents = crate::text::split_sentences(text, &toks, &lang);
    let mut tokens = 0;
    let mut entity_tokens = 0;
    let mut words: Vec<&str> = Vec::with_capacity(64);
    for s in &sents {
        words.clear();
        words.extend(toks[s.tokens.clone()].iter().map(|t| t.text(text)));
        let tags = tagger.tag(&words, None);
        tokens += tags.len();
        entity_tokens += tags.iter().filter(|t| t.0 != Tag::O).count();
    }
    Ok(BenchReport {
        bytes: text.len(),
        tokens,
        sentences: sents.len(),
        entity_tokens,
        seconds: t1.elapsed().as_secs_f64(),
        load_seconds,
        load_cpu_seconds,
        model_bytes: tagger.memory_bytes(),
        cpu_seconds: match (cpu0, thread_cpu_seconds()) {
            (Some(a), Some(b)) => Some(b - a),
            _ => None,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(s: &str) -> Vec<Tag> {
        s.split_whitespace().map(|t| t.parse().unwrap()).collect()
    }

    const PER: (EntityType, Variant) = (EntityType::Per, Variant::Name);
    const LOC: (EntityType, Variant) = (EntityType::Loc, Variant::Name);
    const LOCD: (EntityType, Variant) = (EntityType::Loc, Variant::Deriv);

    #[test]
    fn chunk_table() {
        let cases: Vec<(&str, Vec<Chunk>)> = vec![
            ("O O", vec![]),
            ("B-PER I-PER O B-LOC", vec![(PER, 0, 2), (LOC, 3, 4)]),
            // I- without B- starts a chunk.
            ("O I-PER I-PER", vec![(PER, 1, 3)]),
            // Type change mid-chunk ends it.
            ("B-PER I-LOC", vec![(PER, 0, 1), (LOC, 1, 2)]),
            // Variant change too.
            ("B-LOC I-LOCderiv", vec![(LOC, 0, 1), (LOCD, 1, 2)]),
            ("B-PER B-PER", vec![(PER, 0, 1), (PER, 1, 2)]),
            ("I-LOC", vec![(LOC, 0, 1)]),
        ];
        for (t, want) in cases {
            assert_eq!(chunks(&tags(t)), want, "{t}");
        }
    }

    #[test]
    fn scoring_table() {
        // (gold, predicted, tp, predicted, gold)
        let cases = [
            ("B-PER I-PER O", "B-PER I-PER O", 1, 1, 1),
            ("B-PER I-PER O", "B-PER O O", 0, 1, 1),
            ("B-PER I-PER O", "B-ORG I-ORG O", 0, 1, 1),
            ("B-LOC O B-LOC", "B-LOC O O", 1, 1, 2),
            ("O O O", "B-OTH O O", 0, 1, 0),
            ("B-LOCderiv O", "B-LOC O", 0, 1, 1),
        ];
        for (g, p, tp, np, ng) in cases {
            let mut s = NerScores::default();
            s.add(&tags(g), &tags(p));
            assert_eq!(
                (s.overall.tp, s.overall.predicted, s.overall.gold),
                (tp, np, ng),
                "{g} / {p}"
            );
        }
        // (gold, predicted, (tp, predicted, gold) with deriv/part folded, the same for plain
        // names only)
        let readings = [
            ("B-LOCderiv O", "B-LOC O", (1, 1, 1), (0, 1, 0)),
            (
                "B-ORGpart O B-PER",
                "B-ORGpart O B-PER",
                (2, 2, 2),
                (1, 1, 1),
            ),
            ("B-ORGpart I-ORG", "B-ORG I-ORG", (1, 1, 1), (0, 1, 1)),
            ("B-LOC O", "B-PER O", (0, 1, 1), (0, 1, 1)),
        ];
        for (g, p, folded, names) in readings {
            let mut s = NerScores::default();
            s.add(&tags(g), &tags(p));
            let c = s.coarse_overall;
            assert_eq!((c.tp, c.predicted, c.gold), folded, "folded {g} / {p}");
            let n = s.names_only;
            assert_eq!((n.tp, n.predicted, n.gold), names, "names only {g} / {p}");
        }
        let mut s = NerScores::default();
        s.add(&tags("B-PER I-PER O B-LOC"), &tags("B-PER I-PER O O"));
        assert!((s.overall.precision() - 1.0).abs() < 1e-9);
        assert!((s.overall.recall() - 0.5).abs() < 1e-9);
        assert!((s.f1() - 2.0 / 3.0).abs() < 1e-9);
        let text = s.to_string();
        assert!(text.contains("overall") && text.contains("LOC"));
        assert_eq!(NerScores::default().f1(), 0.0);
    }

    #[test]
    fn splits() {
        let items: Vec<usize> = (0..10).collect();
        assert_eq!(Split::Holdout.select(&items), vec![4, 9]);
        assert_eq!(Split::Train.select(&items).len(), 8);
        assert_eq!(Split::All.select(&items).len(), 10);
        assert_eq!("every5".parse::<Split>(), Ok(Split::Holdout));
        assert_eq!(Split::HoldoutFold(2).select(&items), vec![2, 7]);
        assert_eq!(Split::HoldoutFold(4).select(&items), vec![4, 9]);
    }
}

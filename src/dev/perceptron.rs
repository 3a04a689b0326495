//! Averaged structured perceptron training (Collins 2002) with first-order Viterbi decoding.
//!
//! The feature vocabulary is fixed from the training data (features seen at least
//! `min_count` times); weights are dense rows of [`NUM_TAGS`] per feature during training and
//! sparse rows in the exported model. Averaging uses the standard trick of keeping `w` and a
//! time-weighted sum `u`, the average being `w - u / c`.

use std::collections::HashMap;

use crate::dev::corpus::TaggedSentence;
use crate::model::{EntityType, Variant};
use crate::ner::features::{FeatureExtractor, LexLookup, WordClasses};
use crate::ner::tagger::{NUM_TAGS, SparseModel, Tag, apply_constraints, viterbi};

/// Settings of perceptron training.
#[derive(Debug, Clone)]
pub struct PerceptronOptions {
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed of the per-epoch shuffle.
    pub seed: u64,
    /// Features seen fewer times are dropped.
    pub min_count: u32,
    /// Feature extractor options.
    pub extractor: FeatureExtractor,
    /// Averaged weights with smaller magnitude are dropped from the exported model.
    pub prune: f32,
    /// Loss-augmented training: bonus of every wrong tag while decoding (0 = plain perceptron).
    pub margin: f32,
    /// Probability that a token's word-identity features (word form and lower case) are left
    /// out in a training step, so the model also learns from the features that generalise to
    /// unseen words (classes, shape, affixes, context).
    pub lex_dropout: f32,
    /// Sentences (index range into the training data) from a corpus without OTH and
    /// derived-adjective annotation: their `O` tokens may also carry an OTH or `deriv` tag, and the update goes towards the best
    /// sequence consistent with that partial annotation.
    pub open_o: std::ops::Range<usize>,
}

impl Default for PerceptronOptions {
    fn default() -> Self {
        PerceptronOptions {
            epochs: 10,
            seed: 0x00d0_551e,
            min_count: 1,
            extractor: FeatureExtractor::default(),
            prune: 1e-3,
            margin: 0.0,
            lex_dropout: 0.0,
            open_o: 0..0,
        }
    }
}

/// A training instance with its features resolved to vocabulary ids.
struct Instance {
    /// Feature ids per token: `feats[offsets[i]..offsets[i + 1]]`.
    feats: Vec<u32>,
    offsets: Vec<u32>,
    gold: Vec<u8>,
    weight: f32,
}

/// Deterministic xorshift generator for the shuffle.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
}

/// Trains the perceptron on `data` and returns the sparse averaged model. `lexicon` supplies
/// lexicon flags (if any); `classes` is the word-class table stored with the model. `progress` is
/// called after each epoch with (epoch, token errors, tokens).
pub(crate) fn train_perceptron(
    data: &[TaggedSentence],
    opts: &PerceptronOptions,
    lexicon: Option<&dyn LexLookup>,
    classes: &WordClasses,
    mut progress: impl FnMut(usize, usize, usize),
) -> SparseModel {
    let ex = opts.extractor;
    // Pass 1: count features.
    let mut counts: HashMap<u64, u32> = HashMap::new();
    let mut feats = Vec::new();
    let mut offsets = Vec::new();
    for s in data {
        let toks: Vec<&str> = s.tokens.iter().map(|t| t.as_str()).collect();
        ex.extract(&toks, lexicon, Some(classes), &mut feats, &mut offsets);
        for &f in &feats {
            *counts.entry(f).or_insert(0) += 1;
        }
    }
    let mut keys: Vec<u64> = counts
        .iter()
        .filter(|&(_, &c)| c >= opts.min_count)
        .map(|(&k, _)| k)
        .collect();
    keys.sort_unstable();
    drop(counts);
    let vocab: HashMap<u64, u32> = keys
        .iter()
        .enumerate()
        .map(|(i, &k)| (k, i as u32))
        .collect();
    // Pass 2: instances.
    let mut instances = Vec::with_capacity(data.len());
    for s in data {
        let toks: Vec<&str> = s.tokens.iter().map(|t| t.as_str()).collect();
        ex.extract(&toks, lexicon, Some(classes), &mut feats, &mut offsets);
        let mut ids = Vec::with_capacity(feats.len());
        let mut offs = Vec::with_capacity(toks.len() + 1);
        for i in 0..toks.len() {
            offs.push(ids.len() as u32);
            for &f in &feats[offsets[i]..offsets[i + 1]] {
                if let Some(&id) = vocab.get(&f) {
                    ids.push(id);
                }
            }
        }
        offs.push(ids.len() as u32);
        instances.push(Instance {
            feats: ids,
            offsets: offs,
            gold: s.tags.iter().map(|t| t.index() as u8).collect(),
            weight: s.weight,
        });
    }
    drop(vocab);

    let nf = keys.len();
    let mut w = vec![0.0f32; nf * NUM_TAGS];
    let mut u = vec![0.0f64; nf * NUM_TAGS];
    let mut tw = vec![0.0f32; NUM_TAGS * NUM_TAGS];
    let mut tu = vec![0.0f64; NUM_TAGS * NUM_TAGS];
    let mut sw = [0.0f32; NUM_TAGS];
    let mut su = [0.0f64; NUM_TAGS];
    let mut c: f64 = 1.0;
    let mut order: Vec<usize> = (0..instances.len()).collect();
    let mut rng = Rng(opts.seed | 1);
    let mut emissions: Vec<[f32; NUM_TAGS]> = Vec::new();
    // Feature positions 1 and 2 of every token are the word form and its lower case (see
    // `FeatureExtractor::extract`); with `min_count` 1 every feature is in the vocabulary.
    let drop_threshold = if opts.min_count <= 1 {
        (opts.lex_dropout.clamp(0.0, 1.0) as f64 * u32::MAX as f64) as u64
    } else {
        0
    };
    let mut dropped: Vec<bool> = Vec::new();
    // Tags a corpus without OTH and derived-adjective annotation leaves as `O`.
    let oth: Vec<usize> = (0..NUM_TAGS)
        .filter(|&t| {
            Tag::from_index(t)
                .and_then(Tag::label)
                .is_some_and(|(ty, v)| ty == EntityType::Oth || v == Variant::Deriv)
        })
        .collect();
    let mut constrained: Vec<[f32; NUM_TAGS]> = Vec::new();
    let mut gold_buf: Vec<usize> = Vec::new();
    let mut drop_rng = Rng(opts.seed.rotate_left(21) | 1);
    for epoch in 0..opts.epochs {
        // Fisher–Yates shuffle with the deterministic generator.
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let mut errors = 0usize;
        let mut tokens = 0usize;
        for &k in &order {
            let inst = &instances[k];
            let n = inst.gold.len();
            tokens += n;
            emissions.clear();
            emissions.resize(n, [0.0; NUM_TAGS]);
            dropped.clear();
            dropped.extend(
                (0..n).map(|_| {
                    drop_threshold > 0 && (drop_rng.next() & 0xffff_ffff) < drop_threshold
                }),
            );
            let span = |i: usize| -> (usize, usize) {
                let (a, b) = (inst.offsets[i] as usize, inst.offsets[i + 1] as usize);
                (a, b)
            };
            for (i, em) in emissions.iter_mut().enumerate() {
                let (a, b) = span(i);
                for (j, &f) in inst.feats[a..b].iter().enumerate() {
                    if dropped[i] && (j == 1 || j == 2) {
                        continue;
                    }
                    let row = &w[f as usize * NUM_TAGS..(f as usize + 1) * NUM_TAGS];
                    for t in 0..NUM_TAGS {
                        em[t] += row[t];
                    }
                }
            }
            let mut start = sw;
            let mut trans = tw.clone();
            apply_constraints(&mut start, &mut trans);
            gold_buf.clear();
            if opts.open_o.contains(&k) {
                // Best sequence that agrees with the annotation, `O` tokens may be OTH.
                constrained.clear();
                for (i, em) in emissions.iter().enumerate() {
                    let g = inst.gold[i] as usize;
                    let mut row = [f32::NEG_INFINITY; NUM_TAGS];
                    row[g] = em[g];
                    if g == 0 {
                        for &t in &oth {
                            row[t] = em[t];
                        }
                    }
                    constrained.push(row);
                }
                gold_buf.extend(viterbi(&constrained, &start, &trans));
            } else {
                gold_buf.extend(inst.gold.iter().map(|&g| g as usize));
            }
            if opts.margin > 0.0 {
                // Loss-augmented decoding: every wrong tag gets a bonus, so updates continue
                // until the gold sequence wins by a margin.
                for (i, em) in emissions.iter_mut().enumerate() {
                    let g = inst.gold[i] as usize;
                    for (t, e) in em.iter_mut().enumerate() {
                        if t != g {
                            *e += opts.margin;
                        }
                    }
                }
            }
            let pred = viterbi(&emissions, &start, &trans);
            let d = inst.weight;
            let cd = c * d as f64;
            let mut any = false;
            for i in 0..n {
                let g = gold_buf[i];
                let p = pred[i];
                if g != p {
                    any = true;
                    errors += 1;
                    let (a, b) = span(i);
                    for (j, &f) in inst.feats[a..b].iter().enumerate() {
                        if dropped[i] && (j == 1 || j == 2) {
                            continue;
                        }
                        let base = f as usize * NUM_TAGS;
                        w[base + g] += d;
                        u[base + g] += cd;
                        w[base + p] -= d;
                        u[base + p] -= cd;
                    }
                }
                // Transitions (and start).
                if i == 0 {
                    if g != p {
                        sw[g] += d;
                        su[g] += cd;
                        sw[p] -= d;
                        su[p] -= cd;
                    }
                } else {
                    let gp = gold_buf[i - 1];
                    let pp = pred[i - 1];
                    if (gp, g) != (pp, p) {
                        tw[gp * NUM_TAGS + g] += d;
                        tu[gp * NUM_TAGS + g] += cd;
                        tw[pp * NUM_TAGS + p] -= d;
                        tu[pp * NUM_TAGS + p] -= cd;
                    }
                }
            }
            let _ = any;
            c += 1.0;
        }
        progress(epoch + 1, errors, tokens);
    }
    // Averaging.
    let avg = |w: f32, u: f64| -> f32 { (w as f64 - u / c) as f32 };
    let mut rows = Vec::new();
    for (fi, &key) in keys.iter().enumerate() {
        let mut row = Vec::new();
        for t in 0..NUM_TAGS {
            let v = avg(w[fi * NUM_TAGS + t], u[fi * NUM_TAGS + t]);
            if v.abs() > opts.prune {
                row.push((t as u8, v));
            }
        }
        if !row.is_empty() {
            rows.push((key, row));
        }
    }
    let mut start = [0.0f32; NUM_TAGS];
    for t in 0..NUM_TAGS {
        start[t] = avg(sw[t], su[t]);
    }
    let trans: Vec<f32> = (0..NUM_TAGS * NUM_TAGS)
        .map(|i| avg(tw[i], tu[i]))
        .collect();
    let cn = classes.sorted_pairs();
    SparseModel {
        extractor: ex,
        rows,
        start,
        trans,
        temperature: 1.0,
        o_bias: 0.0,
        classes: cn,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::tagger::Tagger;

    fn sent(words: &str, tags: &str) -> TaggedSentence {
        TaggedSentence {
            tokens: words.split(' ').map(String::from).collect(),
            tags: tags.split(' ').map(|t| t.parse().unwrap()).collect(),
            weight: 1.0,
        }
    }

    #[test]
    fn learns_a_tiny_corpus() {
        let data = vec![
            sent("Anna Schmidt wohnt in Berlin .", "B-PER I-PER O O B-LOC O"),
            sent("Peter lebt in Hamburg .", "B-PER O O B-LOC O"),
            sent("Die Firma Siemens baut Züge .", "O O B-ORG O O O"),
            sent("Der russische Minister kam .", "O B-LOCderiv O O O"),
            sent("In Berlin arbeitet Anna .", "O B-LOC O B-PER O"),
        ];
        let opts = PerceptronOptions {
            epochs: 8,
            ..PerceptronOptions::default()
        };
        let mut last_errors = usize::MAX;
        let model = train_perceptron(&data, &opts, None, &WordClasses::default(), |_, e, _| {
            last_errors = e
        });
        assert_eq!(last_errors, 0, "training data is separable");
        let bytes = model.to_bytes().unwrap();
        let tagger = Tagger::from_bytes(&bytes).unwrap();
        for s in &data {
            let toks: Vec<&str> = s.tokens.iter().map(|t| t.as_str()).collect();
            let got: Vec<Tag> = tagger.tag(&toks, None).into_iter().map(|x| x.0).collect();
            assert_eq!(got, s.tags, "{:?}", s.tokens);
        }
        let got = tagger.tag(&["Anna", "wohnt", "in", "Hamburg", "."], None);
        assert_eq!(got[0].0, Tag::B(EntityType::Per, Variant::Name));
        assert_eq!(got[3].0, Tag::B(EntityType::Loc, Variant::Name));
    }

    #[test]
    fn training_is_deterministic() {
        let data = vec![
            sent("Anna Schmidt wohnt in Berlin .", "B-PER I-PER O O B-LOC O"),
            sent("Peter lebt in Hamburg .", "B-PER O O B-LOC O"),
        ];
        let opts = PerceptronOptions {
            epochs: 3,
            ..PerceptronOptions::default()
        };
        let a = train_perceptron(&data, &opts, None, &WordClasses::default(), |_, _, _| {});
        let b = train_perceptron(&data, &opts, None, &WordClasses::default(), |_, _, _| {});
        assert_eq!(a.to_bytes().unwrap(), b.to_bytes().unwrap());
    }
}

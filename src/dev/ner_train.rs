//! Training the sequence tagger from the shared corpora (`dossier train ner`).
//!
//! Data (read from the shared folder, never copied): GermEval 2014 dev (outer tags), DFKI
//! SmartData dev, optionally Europeana Newspapers. With `holdout`, every 5th GermEval sentence
//! (see [`crate::dev::ner_eval::Split::Holdout`]) is kept out of training and scored afterwards. Training is
//! deterministic: fixed corpus order, fixed shuffle seed, so the same command writes
//! byte-identical models.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::time::Instant;

use crate::dev::corpus::{TaggedSentence, read_europeana, read_germeval, read_smartdata};
use crate::dev::ner_eval::{NerScores, score_sentences};
use crate::dev::perceptron::{PerceptronOptions, train_perceptron};
use crate::ner::NerError;
use crate::ner::features::{
    FeatureExtractor, LexLookup, OPT_LEXICON, OPT_LOWER_SEEN, WC_COMMON_DATA, WC_DEMONYM,
    WC_FREQ_MASK, WC_GAZ_LOC, WC_GAZ_ORG, WC_GAZ_PER, WC_GEO_NAME, WC_INTL_FIRST, WC_INTL_LAST,
    WC_LOWER_DATA, WC_ORG_CUE, WC_ORG_NAME, WC_PER_CUE, WordClasses,
};
use crate::ner::tagger::{NUM_TAGS, SparseModel, Tag, Tagger};

/// Settings of `dossier train ner`.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Where to write the model (`None` = do not write).
    pub out: Option<PathBuf>,
    /// Hold out every 5th GermEval sentence and report scores on it.
    pub holdout: bool,
    /// Perceptron epochs.
    pub epochs: usize,
    /// Training weight of SmartData sentences (0 = not used).
    pub smartdata_weight: f32,
    /// Training weight of Europeana sentences (0 = not used).
    pub europeana_weight: f32,
    /// Features seen fewer times are dropped.
    pub min_count: u32,
    /// Shuffle seed.
    pub seed: u64,
    /// Derive a capitalised-common-noun list from the training data.
    pub derive_common_nouns: bool,
    /// Feature extractor option bits (see `features::OPT_*`).
    pub feature_bits: u32,
    /// Penalty on `O` scores stored in the model.
    pub o_bias: f32,
    /// Train with lexicon-membership features from the embedded lexicon.
    pub use_lexicon: bool,
    /// Number of perceptrons (different shuffle seeds) whose weights are averaged.
    pub ensemble: usize,
    /// Add a gazetteer of the names annotated in Europeana as word classes.
    pub europeana_gazetteer: bool,
    /// Loss-augmented training margin (0 = plain perceptron).
    pub margin: f32,
    /// Word-class list (`word<TAB>flags`, built by `tools/ner_wordclasses.py`) to embed.
    pub wordclasses: Option<PathBuf>,
    /// With `holdout`: the held-out GermEval sentences are those with index `i % 5 == fold`
    /// (4 = [`crate::dev::ner_eval::Split::Holdout`], the documented slice; other values give cross-checks).
    pub holdout_fold: usize,
    /// Probability of leaving out a token's word-identity features in a training step.
    pub lex_dropout: f32,
    /// Calibrate the confidence temperature on held-out sentences (with `holdout` on the held-out
    /// fold, otherwise by training once more without fold 4).
    pub calibrate: bool,
    /// SmartData's and Europeana's `O` tokens may be OTH or `deriv` in training (they annotate
    /// neither other names nor derived adjectives such as "deutschen").
    pub smartdata_open_o: bool,
}

impl Default for TrainOptions {
    fn default() -> Self {
        let p = PerceptronOptions::default();
        TrainOptions {
            out: None,
            holdout: false,
            epochs: p.epochs,
            smartdata_weight: 0.3,
            europeana_weight: 0.0,
            min_count: p.min_count,
            seed: p.seed,
            derive_common_nouns: true,
            feature_bits: FeatureExtractor::default().to_bits(),
            wordclasses: None,
            o_bias: 1.0,
            use_lexicon: false,
            ensemble: 5,
            europeana_gazetteer: false,
            margin: 0.0,
            holdout_fold: 4,
            lex_dropout: 0.0,
            smartdata_open_o: false,
            calibrate: true,
        }
    }
}

/// What training did.
#[derive(Debug, Clone)]
pub struct TrainReport {
    /// Training sentences per corpus.
    pub corpora: Vec<(String, usize)>,
    /// Training tokens.
    pub tokens: usize,
    /// Token errors in each epoch.
    pub epoch_errors: Vec<usize>,
    /// Features with non-zero weight in the model.
    pub features: usize,
    /// Size of the written model in bytes.
    pub model_bytes: usize,
    /// Words in the derived common-noun list.
    pub common_nouns: usize,
    /// Words in the embedded word-class table.
    pub word_classes: usize,
    /// Scores on the held-out GermEval sentences (with `holdout`).
    pub holdout: Option<NerScores>,
    /// Held-out F1 for several `O` penalties (with `holdout`).
    pub bias_scan: Vec<(f32, f64)>,
    /// Confidence temperature stored in the model (calibrated on held-out sentences).
    pub temperature: f32,
    /// Seconds spent.
    pub seconds: f64,
}

impl std::fmt::Display for TrainReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (name, n) in &self.corpora {
            writeln!(f, "corpus {name}: {n} sentences")?;
        }
        writeln!(
            f,
            "{} training tokens; errors per epoch: {:?}",
            self.tokens, self.epoch_errors
        )?;
        writeln!(
            f,
            "{} features, {} derived common nouns, {} word classes, model {} bytes, {:.1} s",
            self.features, self.common_nouns, self.word_classes, self.model_bytes, self.seconds
        )?;
        writeln!(f, "confidence temperature {:.2}", self.temperature)?;
        for (b, f1) in &self.bias_scan {
            writeln!(f, "held-out F1 with O penalty {b}: {:.2}%", 100.0 * f1)?;
        }
        if let Some(h) = &self.holdout {
            writeln!(f, "held-out GermEval (every 5th sentence):\n{h}")?;
        }
        Ok(())
    }
}

fn shared(rel: &str) -> Result<PathBuf, NerError> {
    let p = crate::dev::shared::shared_dir().join(rel);
    if p.exists() {
        Ok(p)
    } else {
        Err(NerError::Io {
            path: p,
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "shared data not found"),
        })
    }
}

/// Capitalised words that the training data shows only as common nouns: seen at least twice
/// capitalised, not sentence-initial, tagged `O`, and never inside a name.
pub fn derive_common_nouns(data: &[TaggedSentence]) -> HashSet<String> {
    let mut o_count: HashMap<String, u32> = HashMap::new();
    let mut named: HashSet<String> = HashSet::new();
    for s in data {
        for (i, (tok, tag)) in s.tokens.iter().zip(&s.tags).enumerate() {
            let mut chars = tok.chars();
            let Some(first) = chars.next() else { continue };
            if !first.is_uppercase() || !tok.chars().any(|c| c.is_lowercase()) {
                continue;
            }
            let lower = tok.to_lowercase();
            if *tag != Tag::O {
                named.insert(lower);
            } else if i > 0 {
                *o_count.entry(lower).or_insert(0) += 1;
            }
        }
    }
    o_count
        .into_iter()
        .filter(|(w, c)| *c >= 2 && !named.contains(w))
        .map(|(w, _)| w)
        .collect()
}

/// Averages the weights of several models with the same features and word classes.
fn average_models(models: Vec<SparseModel>) -> SparseModel {
    let k = models.len().max(1) as f32;
    let mut iter = models.into_iter();
    let Some(mut first) = iter.next() else {
        return SparseModel::default();
    };
    let mut rows: std::collections::BTreeMap<u64, [f32; NUM_TAGS]> =
        std::collections::BTreeMap::new();
    let mut add_rows = |m: &SparseModel| {
        for (key, row) in &m.rows {
            let e = rows.entry(*key).or_insert([0.0; NUM_TAGS]);
            for &(t, w) in row {
                e[t as usize] += w;
            }
        }
    };
    add_rows(&first);
    let mut start = first.start;
    let mut trans = first.trans.clone();
    for m in iter {
        add_rows(&m);
        for (a, b) in start.iter_mut().zip(m.start) {
            *a += b;
        }
        for (a, b) in trans.iter_mut().zip(&m.trans) {
            *a += b;
        }
    }
    first.rows = rows
        .into_iter()
        .map(|(key, r)| {
            let row: Vec<(u8, f32)> = r
                .iter()
                .enumerate()
                .filter(|(_, w)| w.abs() > 1e-3)
                .map(|(t, &w)| (t as u8, w / k))
                .collect();
            (key, row)
        })
        .filter(|(_, r)| !r.is_empty())
        .collect();
    for a in start.iter_mut() {
        *a /= k;
    }
    for a in trans.iter_mut() {
        *a /= k;
    }
    first.start = start;
    first.trans = trans;
    first
}

/// Words annotated as names in (Europeana) sentences: capitalised, at least 3 characters,
/// seen at least twice inside a chunk of one type, and that type at least 70% of the word's
/// occurrences.
pub fn europeana_gazetteer(data: &[TaggedSentence]) -> Vec<(String, u32)> {
    use crate::model::EntityType;
    let mut counts: HashMap<&str, [u32; 4]> = HashMap::new();
    for s in data {
        for (tok, tag) in s.tokens.iter().zip(&s.tags) {
            if tok.chars().count() < 3 || !tok.chars().next().is_some_and(|c| c.is_uppercase()) {
                continue;
            }
            let slot = match tag.label() {
                Some((EntityType::Per, _)) => 0,
                Some((EntityType::Loc, _)) => 1,
                Some((EntityType::Org, _)) => 2,
                _ => 3,
            };
            counts.entry(tok.as_str()).or_insert([0; 4])[slot] += 1;
        }
    }
    let mut out: Vec<(String, u32)> = counts
        .into_iter()
        .filter_map(|(w, c)| {
            let total: u32 = c.iter().sum();
            let (k, &best) = c[..3].iter().enumerate().max_by_key(|(_, v)| **v)?;
            (best >= 2 && best * 10 >= total * 7).then(|| {
                let flag = [WC_GAZ_PER, WC_GAZ_LOC, WC_GAZ_ORG][k];
                (w.to_string(), flag)
            })
        })
        .collect();
    out.sort();
    out
}

/// Flag bits a word-class file may set (bits 15–19 are derived from the training data).
const WORDCLASS_FILE_BITS: u32 = 0x7fff
    | WC_DEMONYM
    | WC_ORG_CUE
    | WC_PER_CUE
    | WC_FREQ_MASK
    | WC_GEO_NAME
    | WC_INTL_FIRST
    | WC_INTL_LAST
    | WC_ORG_NAME;

/// The confidence temperature that best calibrates the tagger's confidences on `test`: the
/// confidence of each predicted tag is read as the probability that the tag is right, and the
/// temperature with the lowest log loss over a grid wins.
pub fn calibrate_temperature(
    tagger: &Tagger,
    test: &[TaggedSentence],
    lexicon: Option<&dyn LexLookup>,
) -> f32 {
    let mut probe = tagger.clone();
    let mut best = (f64::INFINITY, 1.0f32);
    for t in [
        1.0f32, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0, 12.0, 16.0, 20.0, 25.0, 32.0,
    ] {
        probe.set_temperature(t);
        let mut loss = 0.0f64;
        for s in test {
            let toks: Vec<&str> = s.tokens.iter().map(|x| x.as_str()).collect();
            for ((tag, conf), gold) in probe.tag_with(&toks, lexicon).into_iter().zip(&s.tags) {
                let p = (conf as f64).clamp(1e-4, 1.0 - 1e-4);
                loss -= if tag == *gold { p.ln() } else { (1.0 - p).ln() };
            }
        }
        if loss < best.0 {
            best = (loss, t);
        }
    }
    best.1
}

/// Reads a word-class list: `word<TAB>flags` per line.
pub fn read_wordclasses(path: &std::path::Path) -> Result<HashMap<String, u32>, NerError> {
    let text = std::fs::read_to_string(path).map_err(|e| NerError::Io {
        path: path.to_path_buf(),
        source: e,
    })?;
    let mut out = HashMap::new();
    for (ln, line) in text.lines().enumerate() {
        let Some((w, f)) = line.split_once('\t') else {
            continue;
        };
        let f: u32 = f.trim().parse().map_err(|_| NerError::Format {
            path: path.to_path_buf(),
            line: ln + 1,
            reason: "flags must be a number".into(),
        })?;
        if !w.is_empty() && w.len() < 256 {
            *out.entry(w.to_string()).or_insert(0) |= f & WORDCLASS_FILE_BITS;
        }
    }
    Ok(out)
}

/// Trains a model from the shared corpora; writes it to `opts.out` if set. With
/// `opts.use_lexicon`, the embedded lexicon supplies lexicon-membership features.
pub fn train(opts: &TrainOptions) -> Result<TrainReport, NerError> {
    if opts.use_lexicon {
        let lex = crate::ner::lexicon::Lexicon::embedded()?;
        train_with_lexicon(opts, Some(lex))
    } else {
        train_with_lexicon(opts, None)
    }
}

/// Capitalised forms of the words that occur in lower case (outside names) in `data`, e.g.
/// "Russische" for "russische": a capitalised token whose lower-case form is an ordinary word.
pub fn lower_seen(data: &[TaggedSentence]) -> Vec<String> {
    let mut out = HashSet::new();
    for s in data {
        for (w, t) in s.tokens.iter().zip(&s.tags) {
            let mut cs = w.chars();
            let Some(c0) = cs.next() else { continue };
            if *t == Tag::O && c0.is_lowercase() && c0.is_alphabetic() {
                let mut cap = String::with_capacity(w.len());
                cap.extend(c0.to_uppercase());
                cap.push_str(cs.as_str());
                out.insert(cap);
            }
        }
    }
    let mut v: Vec<String> = out.into_iter().collect();
    v.sort_unstable();
    v
}

/// Like [`train`], with lexicon-membership features from `lexicon`.
pub fn train_with_lexicon(
    opts: &TrainOptions,
    lexicon: Option<&dyn LexLookup>,
) -> Result<TrainReport, NerError> {
    let t0 = Instant::now();
    let germeval = read_germeval(&shared("data/germeval/NER-de-dev.tsv")?)?;
    let (train_ge, test) = if opts.holdout {
        let fold = opts.holdout_fold % 5;
        let (mut train, mut test) = (Vec::new(), Vec::new());
        for (i, s) in germeval.into_iter().enumerate() {
            if i % 5 == fold {
                test.push(s);
            } else {
                train.push(s);
            }
        }
        (train, test)
    } else {
        (germeval, Vec::new())
    };
    let mut corpora = vec![("germeval".to_string(), train_ge.len())];
    let mut data = train_ge;
    // SmartData and Europeana annotate neither OTH nor derived adjectives.
    let partial_start = data.len();
    if opts.smartdata_weight > 0.0 {
        let sd = read_smartdata(
            &shared("data/smartdata/dev.json.gz")?,
            opts.smartdata_weight,
        )?;
        corpora.push(("smartdata".to_string(), sd.len()));
        data.extend(sd);
    }
    if opts.europeana_weight > 0.0 {
        for name in ["lft", "onb", "sbb"] {
            let e = read_europeana(
                &shared(&format!("data/europeana/enp_DE.{name}.bio"))?,
                opts.europeana_weight,
            )?;
            corpora.push((format!("europeana-{name}"), e.len()));
            data.extend(e);
        }
    }
    let open_o = if opts.smartdata_open_o {
        partial_start..data.len()
    } else {
        0..0
    };
    let derived = if opts.derive_common_nouns {
        derive_common_nouns(&data)
    } else {
        HashSet::new()
    };
    let mut classes: HashMap<String, u32> = HashMap::new();
    if let Some(path) = &opts.wordclasses {
        classes = read_wordclasses(path)?;
    }
    for w in &derived {
        // The derived list is lower case; the flag goes on the capitalised form.
        let mut cap = String::with_capacity(w.len());
        let mut cs = w.chars();
        if let Some(c0) = cs.next() {
            cap.extend(c0.to_uppercase());
            cap.push_str(cs.as_str());
        }
        *classes.entry(cap).or_insert(0) |= WC_COMMON_DATA;
    }
    let popts = PerceptronOptions {
        epochs: opts.epochs,
        seed: opts.seed,
        min_count: opts.min_count,
        margin: opts.margin,
        lex_dropout: opts.lex_dropout,
        open_o,
        extractor: FeatureExtractor::from_bits(if lexicon.is_some() {
            opts.feature_bits | OPT_LEXICON
        } else {
            opts.feature_bits & !OPT_LEXICON
        }),
        ..PerceptronOptions::default()
    };
    let mut epoch_errors = Vec::new();
    let tokens: usize = data.iter().map(|s| s.tokens.len()).sum();
    if opts.europeana_gazetteer {
        let mut eu = Vec::new();
        for name in ["lft", "onb", "sbb"] {
            eu.extend(read_europeana(
                &shared(&format!("data/europeana/enp_DE.{name}.bio"))?,
                1.0,
            )?);
        }
        for (w, f) in europeana_gazetteer(&eu) {
            *classes.entry(w).or_insert(0) |= f;
        }
    }
    if opts.feature_bits & OPT_LOWER_SEEN != 0 {
        for w in lower_seen(&data) {
            *classes.entry(w).or_insert(0) |= WC_LOWER_DATA;
        }
    }
    let table = WordClasses::from_words(classes.iter().map(|(w, &f)| (w.as_str(), f)));
    let mut models = Vec::new();
    for k in 0..opts.ensemble.max(1) {
        let popts = PerceptronOptions {
            seed: popts.seed.wrapping_add(k as u64 * 0x9E37_79B9),
            ..popts.clone()
        };
        models.push(train_perceptron(
            &data,
            &popts,
            lexicon,
            &table,
            |e, err, n| {
                eprintln!("run {k} epoch {e}: {err} token errors / {n}");
                if k == 0 {
                    epoch_errors.push(err);
                }
            },
        ));
    }
    let mut model = average_models(models);
    model.o_bias = opts.o_bias;
    let encode = |m: &SparseModel| {
        m.to_bytes().map_err(|e| NerError::Io {
            path: PathBuf::from("<model>"),
            source: e,
        })
    };
    let mut bytes = encode(&model)?;
    if opts.calibrate {
        model.temperature = if opts.holdout {
            calibrate_temperature(&Tagger::from_bytes(&bytes)?, &test, lexicon)
        } else {
            let probe = TrainOptions {
                out: None,
                holdout: true,
                holdout_fold: 4,
                calibrate: true,
                ..opts.clone()
            };
            train_with_lexicon(&probe, lexicon)?.temperature
        };
        bytes = encode(&model)?;
    }
    if let Some(out) = &opts.out {
        if let Some(dir) = out.parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir).map_err(|e| NerError::Io {
                path: dir.to_path_buf(),
                source: e,
            })?;
        }
        std::fs::write(out, &bytes).map_err(|e| NerError::Io {
            path: out.clone(),
            source: e,
        })?;
    }
    let tagger = Tagger::from_bytes(&bytes)?;
    let mut bias_scan = Vec::new();
    let holdout = if opts.holdout {
        let mut probe = tagger.clone();
        for b in [0.0f32, 0.5, 1.0, 2.0, 3.0, 5.0, 8.0] {
            probe.set_o_bias(b);
            bias_scan.push((b, score_sentences(&probe, &test, lexicon).f1()));
        }
        Some(score_sentences(&tagger, &test, lexicon))
    } else {
        None
    };
    Ok(TrainReport {
        corpora,
        tokens,
        epoch_errors,
        features: tagger.num_features(),
        model_bytes: bytes.len(),
        common_nouns: derived.len(),
        word_classes: classes.len(),
        holdout,
        bias_scan,
        temperature: model.temperature,
        seconds: t0.elapsed().as_secs_f64(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_nouns_from_data() {
        let s = |w: &str, t: &str| TaggedSentence {
            tokens: w.split(' ').map(String::from).collect(),
            tags: t.split(' ').map(|x| x.parse().unwrap()).collect(),
            weight: 1.0,
        };
        let data = vec![
            s("Der Minister kam", "O O O"),
            s("Ein Minister ging", "O O O"),
            s("Minister Bank", "O B-ORG"),
            s("die Bank und die Bank", "O O O O O"),
        ];
        let cn = derive_common_nouns(&data);
        assert!(cn.contains("minister"));
        assert!(!cn.contains("bank"), "seen as a name");
        assert!(!cn.contains("der"), "sentence-initial only");
    }
}

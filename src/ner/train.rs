//! Training the sequence tagger from the shared corpora (`dossier train ner`).
//!
//! Data (read from the shared folder, never copied): GermEval 2014 dev (outer tags), DFKI
//! SmartData dev, optionally Europeana Newspapers. With `holdout`, every 5th GermEval sentence
//! (see [`Split::Holdout`]) is kept out of training and scored afterwards. Training is
//! deterministic: fixed corpus order, fixed shuffle seed, so the same command writes
//! byte-identical models.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::time::Instant;

use crate::ner::NerError;
use crate::ner::corpus::{TaggedSentence, read_europeana, read_germeval, read_smartdata};
use crate::ner::eval::{NerScores, Split, score_sentences};
use crate::ner::features::{FeatureExtractor, LexLookup, WC_COMMON_DATA};
use crate::ner::perceptron::{PerceptronOptions, train_perceptron};
use crate::ner::tagger::{Tag, Tagger};

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
    /// Word-class list (`word<TAB>flags`, built by `tools/ner_wordclasses.py`) to embed.
    pub wordclasses: Option<PathBuf>,
}

impl Default for TrainOptions {
    fn default() -> Self {
        let p = PerceptronOptions::default();
        TrainOptions {
            out: None,
            holdout: false,
            epochs: p.epochs,
            smartdata_weight: 1.0,
            europeana_weight: 0.0,
            min_count: p.min_count,
            seed: p.seed,
            derive_common_nouns: true,
            feature_bits: FeatureExtractor::default().to_bits(),
            wordclasses: None,
            o_bias: 1.0,
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
    let p = crate::shared::shared_dir().join(rel);
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
            *out.entry(w.to_string()).or_insert(0) |= f & 0x7fff;
        }
    }
    Ok(out)
}

/// Trains a model from the shared corpora; writes it to `opts.out` if set.
pub fn train(opts: &TrainOptions) -> Result<TrainReport, NerError> {
    train_with_lexicon(opts, None)
}

/// Like [`train`], with lexicon-membership features from `lexicon`.
pub fn train_with_lexicon(
    opts: &TrainOptions,
    lexicon: Option<&dyn LexLookup>,
) -> Result<TrainReport, NerError> {
    let t0 = Instant::now();
    let germeval = read_germeval(&shared("data/germeval/NER-de-dev.tsv")?)?;
    let (train_ge, test) = if opts.holdout {
        (
            Split::Train.select(&germeval),
            Split::Holdout.select(&germeval),
        )
    } else {
        (germeval, Vec::new())
    };
    let mut corpora = vec![("germeval".to_string(), train_ge.len())];
    let mut data = train_ge;
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
        extractor: FeatureExtractor::from_bits(opts.feature_bits),
        ..PerceptronOptions::default()
    };
    let mut epoch_errors = Vec::new();
    let tokens: usize = data.iter().map(|s| s.tokens.len()).sum();
    let mut model = train_perceptron(&data, &popts, lexicon, &classes, |e, err, n| {
        eprintln!("epoch {e}: {err} token errors / {n}");
        epoch_errors.push(err);
    });
    model.o_bias = opts.o_bias;
    let bytes = model.to_bytes().map_err(|e| NerError::Io {
        path: PathBuf::from("<model>"),
        source: e,
    })?;
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

//! How well the tokenizer and the sentence splitter reproduce GermEval 2014 tokens and sentence
//! boundaries, measured on the development split (text rebuilt by joining tokens with spaces,
//! sentences one after another).
//!
//! Figures: `cargo test --no-default-features --test docs_germeval_tokens -- --nocapture`

use dossier::model::Lang;
use dossier::text::{split_sentences, tokenize};

fn sentences(limit: usize) -> Option<Vec<Vec<String>>> {
    let path = dossier::dev::shared::shared_path("data/germeval/NER-de-dev.tsv")?;
    let data = std::fs::read_to_string(path).expect("read GermEval");
    let mut out = Vec::new();
    let mut current = Vec::new();
    for line in data.lines() {
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
                if out.len() == limit {
                    break;
                }
            }
            continue;
        }
        if let Some(token) = line.split('\t').nth(1) {
            current.push(token.to_string());
        }
    }
    if !current.is_empty() && out.len() < limit {
        out.push(current);
    }
    Some(out)
}

/// (token accuracy, sentence-boundary precision, recall)
fn measure(sents: &[Vec<String>]) -> (f64, f64, f64) {
    let mut text = String::new();
    let mut gold_tokens = Vec::new();
    let mut gold_ends = std::collections::HashSet::new();
    for sent in sents {
        for token in sent {
            if !text.is_empty() {
                text.push(' ');
            }
            let start = text.len();
            text.push_str(token);
            gold_tokens.push((start, text.len()));
        }
        gold_ends.insert(text.len());
    }
    let tokens = tokenize(&text, &Lang::De);
    let got: std::collections::HashSet<(usize, usize)> =
        tokens.iter().map(|t| (t.span.start, t.span.end)).collect();
    let correct = gold_tokens.iter().filter(|t| got.contains(t)).count();
    let split = split_sentences(&text, &tokens, &Lang::De);
    let ends: Vec<usize> = split.iter().map(|s| s.span.end).collect();
    let hit = ends.iter().filter(|e| gold_ends.contains(e)).count();
    (
        correct as f64 / gold_tokens.len() as f64,
        hit as f64 / ends.len() as f64,
        hit as f64 / gold_ends.len() as f64,
    )
}

#[test]
fn germeval_dev_tokens_and_sentence_ends() {
    let Some(sents) = sentences(usize::MAX) else {
        return;
    };
    let (tok, p, r) = measure(&sents);
    println!(
        "GermEval dev, {} sentences: token accuracy {tok:.4}, sentence ends P {p:.3} R {r:.3}",
        sents.len()
    );
    // Measured 2026-12-06: see the figures printed above; the bounds leave a small margin.
    assert!(tok > 0.99, "token accuracy {tok}");
    assert!(p > 0.9 && r > 0.85, "sentence ends P {p} R {r}");
}

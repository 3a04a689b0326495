//! Scores `ner::recognize` (tagger if shipped + lexicon + rules) on a GermEval TSV file, each
//! sentence as its own document, and lists the most frequent false positives:
//! `cargo run --release --no-default-features --example ner_lex_germeval -- GOLD.tsv`.
use std::collections::HashMap;

use dossier::dev::ner_eval::NerScores;
use dossier::model::{Lang, Span};
use dossier::ner::{Tag, recognize};
use dossier::text::{Sentence, Token, TokenKind};

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data/germeval/NER-de-dev.tsv".into());
    // `--holdout`: only every 5th sentence (the tagger's held-out split, `i % 5 == 4`).
    let holdout = std::env::args().any(|a| a == "--holdout");
    let mut index = 0usize;
    let data = std::fs::read_to_string(&path).expect("read gold");
    let mut scores = NerScores::default();
    let mut fps: HashMap<String, usize> = HashMap::new();
    let mut sent: Vec<(String, Tag)> = Vec::new();
    let mut flush = |sent: &mut Vec<(String, Tag)>| {
        if sent.is_empty() {
            return;
        }
        index += 1;
        if holdout && (index - 1) % 5 != 4 {
            sent.clear();
            return;
        }
        let mut text = String::new();
        let mut tokens = Vec::new();
        for (w, _) in sent.iter() {
            if !text.is_empty() {
                text.push(' ');
            }
            let start = text.len();
            text.push_str(w);
            let kind = if w.chars().any(char::is_alphanumeric) {
                if w.chars()
                    .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
                {
                    TokenKind::Number
                } else {
                    TokenKind::Word
                }
            } else if w.chars().all(|c| "\"„“”»«'‚‘’".contains(c)) {
                TokenKind::Quote
            } else {
                TokenKind::Punct
            };
            tokens.push(Token {
                span: Span::new(start, text.len()),
                kind,
            });
        }
        let sentences = vec![Sentence {
            span: Span::new(0, text.len()),
            tokens: 0..tokens.len(),
        }];
        let mentions = recognize(&text, &tokens, &sentences, &Lang::De).expect("recognize");
        let mut pred = vec![Tag::O; tokens.len()];
        for m in &mentions {
            let first = tokens.iter().position(|t| t.span.start == m.span.start);
            let last = tokens.iter().position(|t| t.span.end == m.span.end);
            if let (Some(a), Some(b)) = (first, last) {
                pred[a] = Tag::B(m.entity_type, m.variant);
                for p in pred.iter_mut().take(b + 1).skip(a + 1) {
                    *p = Tag::I(m.entity_type, m.variant);
                }
                let gold_ok = matches!(sent[a].1, Tag::B(t, v) if t == m.entity_type && v == m.variant)
                    && sent.get(b + 1).is_none_or(|g| !matches!(g.1, Tag::I(..)));
                if !gold_ok {
                    let gold: Vec<String> = sent[a..=b].iter().map(|g| g.1.to_string()).collect();
                    *fps.entry(format!(
                        "{}{} {:?} gold {:?}",
                        m.entity_type,
                        m.variant.suffix(),
                        m.span.slice(&text),
                        gold
                    ))
                    .or_default() += 1;
                }
            }
        }
        let gold: Vec<Tag> = sent.iter().map(|g| g.1).collect();
        if std::env::var_os("SHOW_MISSED").is_some() {
            let g = dossier::dev::ner_eval::chunks(&gold);
            let p = dossier::dev::ner_eval::chunks(&pred);
            let all: Vec<&str> = sent.iter().map(|w| w.0.as_str()).collect();
            let model = dossier::ner::Tagger::embedded()
                .map(|t| t.tag(&all, None))
                .unwrap_or_default();
            for c in g.iter().filter(|c| !p.contains(c)) {
                let m: Vec<String> = model
                    .get(c.1..c.2)
                    .unwrap_or(&[])
                    .iter()
                    .map(|t| format!("{}:{:.2}", t.0, t.1))
                    .collect();
                println!("  model {m:?}");
                let words: Vec<&str> = sent[c.1..c.2].iter().map(|w| w.0.as_str()).collect();
                let got: Vec<String> = pred[c.1..c.2].iter().map(|t| t.to_string()).collect();
                println!("MISSED {:?} {:?} got {:?}", c.0, words, got);
            }
        }
        scores.add(&gold, &pred);
        sent.clear();
    };
    for line in data.lines() {
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            flush(&mut sent);
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() >= 3 {
            let tag = cols[2].parse::<Tag>().unwrap_or(Tag::O);
            sent.push((cols[1].to_string(), tag));
        }
    }
    flush(&mut sent);
    println!("{scores}");
    if holdout {
        let p = std::path::Path::new(&path);
        match dossier::dev::ner_eval::evaluate(p, dossier::dev::ner_eval::Split::Holdout) {
            Ok(model_only) => println!("tagger alone on the same split:\n{model_only}"),
            Err(e) => println!("tagger alone: {e}"),
        }
    }
    let mut v: Vec<_> = fps.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for (k, n) in v.iter().take(60) {
        println!("{n:4}  {k}");
    }
}

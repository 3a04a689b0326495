//! Lexicon load time, memory and recognition speed:
//! `cargo run --release --no-default-features --example ner_lex_stats -- [FILE]`.
use dossier::model::Lang;
use dossier::ner::{Lexicon, recognize};
use dossier::text::{split_sentences, tokenize};

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        })
        .unwrap_or(0)
}

fn main() {
    let before = rss_kib();
    let t0 = std::time::Instant::now();
    let lex = Lexicon::embedded().expect("lexicon");
    let load = t0.elapsed();
    let after = rss_kib();
    let (words, places) = lex.sizes();
    println!(
        "lexicon: {words} word forms, {places} place rows; load {load:?}; heap ≈ {:.1} MB; RSS +{:.1} MB",
        lex.heap_bytes() as f64 / 1e6,
        (after - before) as f64 / 1024.0
    );
    if let Some(path) = std::env::args().nth(1) {
        let text = std::fs::read_to_string(path).expect("read");
        let lang = Lang::De;
        let t = std::time::Instant::now();
        let tokens = tokenize(&text, &lang);
        let sentences = split_sentences(&text, &tokens, &lang);
        let mentions = recognize(&text, &tokens, &sentences, &lang).expect("recognize");
        let dt = t.elapsed();
        println!(
            "{} bytes, {} tokens, {} mentions in {dt:?}: {:.2} MB/s; RSS {:.1} MB",
            text.len(),
            tokens.len(),
            mentions.len(),
            text.len() as f64 / 1e6 / dt.as_secs_f64(),
            rss_kib() as f64 / 1024.0
        );
    }
}

//! Prints the mentions found in a text file: `cargo run --example ner_lex_demo -- FILE [de|en]`.
use dossier::model::Lang;
use dossier::ner::recognize;
use dossier::text::{split_sentences, tokenize};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("file");
    let lang = Lang::from_code(&args.next().unwrap_or_else(|| "de".into()));
    let text = std::fs::read_to_string(path).expect("read");
    let t0 = std::time::Instant::now();
    let tokens = tokenize(&text, &lang);
    let sentences = split_sentences(&text, &tokens, &lang);
    let mentions = recognize(&text, &tokens, &sentences, &lang).expect("recognize");
    for m in &mentions {
        println!(
            "{:>5}..{:<5} {}{:<6} {:<8} {:.2}  {:<30} -> {}",
            m.span.start,
            m.span.end,
            m.entity_type,
            m.variant.suffix(),
            m.source.as_str(),
            m.confidence,
            m.span.slice(&text),
            m.canonical
        );
    }
    eprintln!("{} mentions in {:?}", mentions.len(), t0.elapsed());
}

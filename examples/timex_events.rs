//! Developer tool: `cargo run --example timex_events -- LANG DCT FILE` prints time expressions
//! and events of a text file (no entity mentions).
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let lang = dossier::model::Lang::from_code(args.get(1).map(String::as_str).unwrap_or("de"));
    let dct = args
        .get(2)
        .and_then(|s| dossier::time::parse_dct_arg(s).ok());
    let text =
        std::fs::read_to_string(args.get(3).map(String::as_str).unwrap_or("")).unwrap_or_default();
    let tokens = dossier::text::tokenize(&text, &lang);
    let sents = dossier::text::split_sentences(&text, &tokens, &lang);
    let tx = dossier::time::find_timexes(&text, &tokens, &sents, &lang, dct);
    for t in &tx {
        println!(
            "TIMEX {:?}\t{}\t{:?}",
            t.span.slice(&text),
            t.value,
            t.timex_type
        );
    }
    for e in dossier::time::find_events(
        &text,
        &sents.iter().map(|s| s.span).collect::<Vec<_>>(),
        &tx,
        &[],
    ) {
        println!(
            "EVENT {}\t{:?}\t{:?}\t| {}",
            e.value,
            e.precision,
            e.label,
            e.span.slice(&text)
        );
    }
}

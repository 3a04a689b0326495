//! Developer tool: `cargo run --example timex_try -- LANG DCT|- TEXT` prints the time expressions.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let lang = dossier::model::Lang::from_code(args.get(1).map(String::as_str).unwrap_or("en"));
    let dct = args
        .get(2)
        .and_then(|s| dossier::time::parse_dct_arg(s).ok());
    let text = args.get(3).cloned().unwrap_or_default();
    for t in dossier::time::find_timexes_in(&text, &[], &lang, dct) {
        println!(
            "{:?}\t{:?}\t{}\t{:?}\t{:?}\tunresolved={}",
            t.span.slice(&text),
            t.timex_type,
            t.value,
            t.precision,
            t.range.map(|r| (r.earliest, r.latest)),
            t.unresolved
        );
    }
}

//! Language detection measured on the shared corpora: SmartData (German news, RSS, tweets) and
//! TimeBank (English news).
//!
//! Figures: `cargo test --no-default-features --test docs_lang_eval -- --nocapture`

use std::collections::BTreeMap;
use std::io::Read;

use dossier::lang::detect_language;

fn smartdata_texts(limit: usize) -> Option<Vec<String>> {
    let path = dossier::dev::shared::shared_path("data/smartdata/dev.json.gz")?;
    let file = std::fs::File::open(path).expect("open SmartData");
    let mut json = String::new();
    flate2::read::GzDecoder::new(file)
        .read_to_string(&mut json)
        .expect("gunzip SmartData");
    let texts = serde_json::Deserializer::from_str(&json)
        .into_iter::<serde_json::Value>()
        .filter_map(Result::ok)
        .filter_map(|doc| doc["text"]["string"].as_str().map(str::to_string))
        .take(limit)
        .collect();
    Some(texts)
}

fn timebank_texts(limit: usize) -> Option<Vec<String>> {
    let dir = dossier::dev::shared::shared_path("data/timebank")?;
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("list TimeBank")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "tml"))
        .collect();
    paths.sort();
    let texts = paths
        .iter()
        .take(limit)
        .map(|p| {
            let xml = std::fs::read_to_string(p).expect("read TimeBank");
            let body = xml
                .split_once("<TEXT>")
                .and_then(|(_, rest)| rest.split_once("</TEXT>"))
                .map_or(xml.as_str(), |(text, _)| text);
            // Drop the inline tags.
            let mut out = String::new();
            let mut in_tag = false;
            for c in body.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    _ if !in_tag => out.push(c),
                    _ => {}
                }
            }
            out
        })
        .collect();
    Some(texts)
}

fn tally(texts: &[String]) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for text in texts {
        *counts
            .entry(detect_language(text).code().to_string())
            .or_insert(0) += 1;
    }
    counts
}

#[test]
fn smartdata_is_german() {
    let Some(texts) = smartdata_texts(usize::MAX) else {
        return;
    };
    let counts = tally(&texts);
    let de = counts.get("de").copied().unwrap_or(0);
    println!("SmartData ({} documents): {counts:?}", texts.len());
    // The corpus holds a few English tweets; everything else is German.
    assert!(de * 100 >= texts.len() * 93, "{counts:?}");
}

#[test]
fn timebank_is_english() {
    let Some(texts) = timebank_texts(usize::MAX) else {
        return;
    };
    let counts = tally(&texts);
    println!("TimeBank ({} documents): {counts:?}", texts.len());
    assert_eq!(counts.get("en").copied(), Some(texts.len()), "{counts:?}");
}

//! Integration tests of the embedded NER tagger model.

use dossier::dev::corpus::read_germeval;
use dossier::dev::ner_eval::{Split, chunks, score_sentences};
use dossier::model::{EntityType, Variant};
use dossier::ner::{Tag, Tagger};
use proptest::prelude::*;

fn tags_of(tokens: &[&str]) -> Vec<Tag> {
    Tagger::embedded()
        .expect("embedded model loads")
        .tag(tokens, None)
        .into_iter()
        .map(|x| x.0)
        .collect()
}

#[test]
fn tags_persons_and_places() {
    let toks = [
        "Kim",
        "Jong",
        "Un",
        "traf",
        "Alexander",
        "Kozlov",
        "in",
        "Pjöngjang",
        ".",
    ];
    let tags = tags_of(&toks);
    let found: Vec<(EntityType, String)> = chunks(&tags)
        .into_iter()
        .map(|((t, _), s, e)| (t, toks[s..e].join(" ")))
        .collect();
    assert_eq!(
        found,
        vec![
            (EntityType::Per, "Kim Jong Un".to_string()),
            (EntityType::Per, "Alexander Kozlov".to_string()),
            (EntityType::Loc, "Pjöngjang".to_string()),
        ]
    );
}

#[test]
fn common_nouns_and_articles_are_not_names() {
    let toks = [
        "Die", "Welt", "schaut", "gebannt", "zu", ":", "Das", "Treffen", "mit", "dem", "Minister",
        "fand", "in", "Moskau", "statt", ".",
    ];
    let tags = tags_of(&toks);
    for (i, w) in toks.iter().enumerate() {
        if matches!(*w, "Die" | "Welt" | "Das" | "Treffen" | "Minister") {
            assert_eq!(tags[i], Tag::O, "{w} tagged {}", tags[i]);
        }
    }
    assert_eq!(tags[13], Tag::B(EntityType::Loc, Variant::Name));
}

#[test]
fn derived_adjective() {
    let toks = [
        "Der",
        "russische",
        "Minister",
        "reiste",
        "nach",
        "Berlin",
        ".",
    ];
    let tags = tags_of(&toks);
    assert_eq!(tags[1], Tag::B(EntityType::Loc, Variant::Deriv));
    assert_eq!(tags[5], Tag::B(EntityType::Loc, Variant::Name));
}

/// The shipped model is trained on all of GermEval dev, so this slice is training data for
/// it: the test guards against a broken or badly fitted model (the honest held-out figure,
/// from a model trained without this slice, is in assets/ner/SOURCES.md).
#[test]
fn fits_germeval_holdout_slice() {
    let Some(path) = dossier::dev::shared::shared_path("data/germeval/NER-de-dev.tsv") else {
        return;
    };
    let data = Split::Holdout.select(&read_germeval(&path).unwrap());
    assert_eq!(data.len(), 440);
    let scores = score_sentences(Tagger::embedded().unwrap(), &data, None);
    assert!(scores.f1() >= 0.85, "{scores}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn any_tokens_give_valid_bio(words in proptest::collection::vec("\\PC{0,12}", 0..30)) {
        let toks: Vec<&str> = words.iter().map(|s| s.as_str()).collect();
        let out = Tagger::embedded().unwrap().tag(&toks, None);
        prop_assert_eq!(out.len(), toks.len());
        let mut prev = None;
        for &(tag, conf) in &out {
            prop_assert!(tag.may_follow(prev), "{} after {:?}", tag, prev);
            prop_assert!((0.0..=1.0).contains(&conf), "confidence {}", conf);
            prev = Some(tag);
        }
    }
}

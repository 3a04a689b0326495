//! English recognition on annotated TimeBank articles (standoff gold in
//! assets/eval/ner-en-timebank.tsv), and English wire-story cues on made-up text.

use dossier::dev::ner_eval_en::{EnSplit, evaluate_en};
use dossier::model::{EntityType, Lang, Variant};
use dossier::ner::{RawMention, recognize};
use dossier::text::{split_sentences, tokenize};

fn run(text: &str) -> Vec<RawMention> {
    let lang = Lang::En;
    let tokens = tokenize(text, &lang);
    let sentences = split_sentences(text, &tokens, &lang);
    recognize(text, &tokens, &sentences, &lang).expect("recognize")
}

fn find<'a>(text: &str, ms: &'a [RawMention], surface: &str) -> Option<&'a RawMention> {
    ms.iter().find(|m| m.span.slice(text) == surface)
}

#[test]
fn tuned_articles_keep_their_floor() {
    let Some(dir) = dossier::dev::shared::shared_path("data/timebank") else {
        return;
    };
    // The first five tuning articles (debug build: keep it small).
    let scores = evaluate_en(&dir, EnSplit::Tune, Some(5), false).expect("evaluate");
    assert_eq!(scores.documents, 5);
    let f1 = scores.overall.f1();
    assert!(f1 >= 0.85, "English F1 fell to {f1:.3}\n{scores}");
}

#[test]
fn held_out_articles_keep_their_floor() {
    let Some(dir) = dossier::dev::shared::shared_path("data/timebank") else {
        return;
    };
    let scores = evaluate_en(&dir, EnSplit::HeldOut, None, false).expect("evaluate");
    assert_eq!(scores.documents, 8);
    let f1 = scores.overall.f1();
    assert!(f1 >= 0.85, "English held-out F1 fell to {f1:.3}\n{scores}");
}

#[test]
fn wire_story_cues() {
    let text = "WASHINGTON (Reuters) - Presidents Anna Kowalczyk of Poland and Tomas Berg of \
                Sweden met on Friday near the Black Sea. The Ukrainian delegation arrived later. \
                PROFILE WS SL\nKowalczyk said the Kremlin was informed.";
    let ms = run(text);
    let want: &[(&str, EntityType, Variant)] = &[
        ("WASHINGTON", EntityType::Loc, Variant::Name),
        ("Reuters", EntityType::Org, Variant::Name),
        ("Anna Kowalczyk", EntityType::Per, Variant::Name),
        ("Poland", EntityType::Loc, Variant::Name),
        ("Tomas Berg", EntityType::Per, Variant::Name),
        ("Black Sea", EntityType::Loc, Variant::Name),
        ("Ukrainian", EntityType::Loc, Variant::Deriv),
        ("Kowalczyk", EntityType::Per, Variant::Name),
        ("Kremlin", EntityType::Org, Variant::Name),
    ];
    for &(surface, ty, variant) in want {
        let m = find(text, &ms, surface).unwrap_or_else(|| panic!("{surface} missing: {ms:#?}"));
        assert_eq!((m.entity_type, m.variant), (ty, variant), "{surface}");
    }
    // Boilerplate in capitals, weekdays and common words are no entities.
    for surface in ["PROFILE", "WS", "SL", "Friday", "The", "Presidents"] {
        assert!(
            find(text, &ms, surface).is_none(),
            "{surface} reported: {ms:#?}"
        );
    }
    // Canonical names follow the document's language and spelling.
    let canon = |s: &str| find(text, &ms, s).map(|m| m.canonical.as_str());
    assert_eq!(canon("WASHINGTON"), Some("Washington"));
    assert_eq!(canon("Kremlin"), Some("Kremlin"));
    assert_eq!(canon("Kowalczyk"), Some("Anna Kowalczyk"));
}

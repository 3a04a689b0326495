//! Bad input and invariants of the recogniser: no panic, mentions within bounds, on character
//! boundaries, sorted and non-overlapping.

use dossier::model::Lang;
use dossier::ner::{RawMention, recognize};
use dossier::text::{split_sentences, tokenize};
use proptest::prelude::*;

fn run(text: &str, lang: Lang) -> Vec<RawMention> {
    let tokens = tokenize(text, &lang);
    let sentences = split_sentences(text, &tokens, &lang);
    recognize(text, &tokens, &sentences, &lang).expect("recognize")
}

fn check(text: &str, mentions: &[RawMention]) {
    let mut last_end = 0;
    for m in mentions {
        assert!(m.span.start < m.span.end, "{m:?}");
        assert!(m.span.end <= text.len(), "{m:?}");
        assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
        assert!(m.span.start >= last_end, "overlap/unsorted at {m:?}");
        assert!((0.0..=1.0).contains(&m.confidence));
        assert!(!m.canonical.is_empty());
        last_end = m.span.end;
    }
}

#[test]
fn bad_inputs_do_not_panic() {
    let cases: Vec<(String, usize)> = vec![
        (String::new(), 0),
        ("   \n\n\t ".into(), 0),
        ("1234 5678 ... !!! ??? --- 10.000 € % §".into(), 0),
        ("김정은 위원장이 평양에서 러시아 장관을 만났다.".into(), 0),
        (
            "Владимир Путин встретился с Ким Чен Ыном в Москве.".into(),
            0,
        ),
        (
            "„Die NATO ist alarmiert! sagte er. »Moskau« ‚Kiew".into(),
            2,
        ),
        ("\"\"\"((((]]]] „„„ “““ Nordkorea".into(), 1),
        ("a".repeat(10_000_000), 0),
    ];
    for (text, at_least) in &cases {
        for lang in [Lang::De, Lang::En, Lang::Unknown] {
            let mentions = run(text, lang.clone());
            check(text, &mentions);
            if lang == Lang::De {
                assert!(
                    mentions.len() >= *at_least,
                    "{:?}: {mentions:?}",
                    text.chars().take(60).collect::<String>()
                );
            }
        }
    }
}

#[test]
fn long_single_line_of_words() {
    // 1 MB of real words on one line (larger inputs belong in a release benchmark).
    let unit =
        "Kim Jong Un traf Alexander Kozlov in Pjöngjang und die NATO warnte Moskaus Führung ";
    let n = 1_000_000 / unit.len();
    let text = unit.repeat(n);
    let mentions = run(&text, Lang::De);
    check(&text, &mentions);
    assert!(mentions.len() >= 5 * n, "{} mentions", mentions.len());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn any_string_gives_valid_mentions(text in "\\PC{0,200}") {
        let mentions = run(&text, Lang::De);
        check(&text, &mentions);
    }

    #[test]
    fn name_like_strings_give_valid_mentions(
        words in proptest::collection::vec(
            prop_oneof![
                Just("Nordkoreas".to_string()), Just("Kim".to_string()), Just("Jong".to_string()),
                Just("Un".to_string()), Just("NATO-Chef".to_string()), Just("(".to_string()),
                Just(")".to_string()), Just("KCNA".to_string()), Just("„".to_string()),
                Just(".".to_string()), Just("Die".to_string()), Just("russischen".to_string()),
                Just("Präsident".to_string()), Just("Moskau".to_string()), Just("-".to_string()),
                "[A-ZÄÖÜa-zäöüß]{1,8}",
            ],
            0..40,
        ),
        english in any::<bool>(),
    ) {
        let text = words.join(" ");
        let lang = if english { Lang::En } else { Lang::De };
        let mentions = run(&text, lang);
        check(&text, &mentions);
    }
}

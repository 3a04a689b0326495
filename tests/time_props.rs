//! Property tests: any input gives sorted, non-overlapping time expressions on char boundaries
//! (with sentences from the splitter or from the built-in one), events inside the text, and a
//! document date argument that is accepted exactly when it is a real `YYYY-MM-DD` date.

use chrono::NaiveDate;
use dossier::model::Lang;
use dossier::text::{split_sentences, tokenize};
use dossier::time::{find_events, find_timexes, find_timexes_in, parse_dct_arg};
use proptest::prelude::*;

/// Time expressions are non-empty, inside `text`, on char boundaries, sorted and disjoint.
fn well_formed(text: &str, found: &[dossier::model::Timex]) {
    for t in found {
        assert!(t.span.start < t.span.end && t.span.end <= text.len());
        assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        assert!(!t.value.is_empty());
        if let Some(r) = t.range {
            assert!(r.earliest <= r.latest);
        }
    }
    for w in found.windows(2) {
        assert!(w[0].span.end <= w[1].span.start);
    }
}

fn check(text: &str, lang: &Lang, dct: Option<NaiveDate>) {
    let tokens = tokenize(text, lang);
    let sentences = split_sentences(text, &tokens, lang);
    let found = find_timexes(text, &tokens, &sentences, lang, dct);
    well_formed(text, &found);
    let spans: Vec<dossier::model::Span> = sentences.iter().map(|s| s.span).collect();
    let events = find_events(text, &spans, &found, &[]);
    for e in events {
        assert!(
            e.span.end <= text.len()
                && text.is_char_boundary(e.span.start)
                && text.is_char_boundary(e.span.end)
        );
    }
    // Without sentences the built-in splitter is used: the same guarantees hold.
    well_formed(text, &find_timexes_in(text, &[], lang, dct));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_string(text in any::<String>(), y in 1i32..9999, doy in 1u32..365) {
        let dct = NaiveDate::from_yo_opt(y, doy);
        for lang in [Lang::De, Lang::En, Lang::Unknown] {
            check(&text, &lang, dct);
        }
    }

    #[test]
    fn date_like_strings(
        text in "([0-9]{1,6}[./:-]?){1,4} ?(Juni|June|Nov\\.|Uhr|p\\.m\\.|Jahre|years ago|Quartal|er Jahre)? ?[0-9]{0,5}",
        y in prop_oneof![Just(1i32), Just(9999), 1900i32..2100],
    ) {
        let dct = NaiveDate::from_ymd_opt(y, 12, 31);
        check(&text, &Lang::De, dct);
        check(&text, &Lang::En, dct);
        check(&text, &Lang::De, None);
    }

    #[test]
    fn word_soup(words in proptest::collection::vec(prop_oneof![
        Just("am"), Just("Dienstag"), Just("19."), Just("Juni"), Just("vor"), Just("zwei"), Just("Wochen"),
        Just("Anfang"), Just("des"), Just("Monats"), Just("last"), Just("next"), Just("week"), Just("the"),
        Just("third"), Just("quarter"), Just("ago"), Just("2024"), Just("31."), Just("Februar"), Just(","),
        Just("Mitte"), Just("Ende"), Just("jeden"), Just("Montag"), Just("um"), Just("12.00"), Just("Uhr"),
        Just("ß"), Just("€"), Just("99999"), Just("mid-"), Just("early"), Just("year"), Just("'90s"),
    ], 0..20), y in 1i32..9999) {
        let text = words.join(" ");
        check(&text, &Lang::De, NaiveDate::from_ymd_opt(y, 1, 1));
        check(&text, &Lang::En, NaiveDate::from_ymd_opt(y, 12, 31));
    }

    #[test]
    fn dct_arg_accepts_exactly_the_real_dates(s in any::<String>()) {
        match parse_dct_arg(&s) {
            Ok(d) => prop_assert_eq!(d.format("%Y-%m-%d").to_string(), s.trim()),
            Err(_) => prop_assert!(
                NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").is_err()
                    || s.trim().len() != 10
                    || s.trim().starts_with("0000")
            ),
        }
    }

    #[test]
    fn dct_arg_round_trips_every_date(y in 1i32..9999, doy in 1u32..366) {
        if let Some(d) = NaiveDate::from_yo_opt(y, doy) {
            let s = d.format("%Y-%m-%d").to_string();
            prop_assert_eq!(parse_dct_arg(&s).ok(), Some(d));
            prop_assert_eq!(parse_dct_arg(&format!(" {s}\n")).ok(), Some(d));
        }
    }
}

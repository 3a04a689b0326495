//! Entity recognition for one document, the orchestrator: builds the word tokens, asks the
//! statistical tagger and the rules ([`super::rules`], English: [`super::recognize_en`]) for
//! candidates, chooses among them and resolves them at document level ([`super::resolve`]).
//!
//! Precision comes first: a capitalised German common noun, an article or a pronoun is never
//! reported on its own, whoever proposes it.

use crate::model::{EntityType, Lang, Source, Span, Variant};
use crate::text::{Sentence, Token, TokenKind};

use super::NerError;
use super::english::{self, EnglishLexicon};
use super::lexicon::{LexFlags, Lexicon};
use super::rules::{
    MODEL_FLOOR, MODEL_FLOOR_NAMES, currency_prefix, model_candidates, rule_candidates,
};
use super::tagger::{Tag, Tagger};
pub use super::tokens::RawMention;
use super::tokens::{Cand, SentenceTagger, Tok, is_all_caps, starts_upper};

impl SentenceTagger for Tagger {
    fn tag_sentence(&self, words: &[&str], lexicon: &Lexicon) -> Vec<(Tag, f32)> {
        let _ = lexicon;
        self.tag(words, None)
    }

    fn is_rare(&self, word: &str) -> bool {
        self.is_rare_word(word)
    }
}

/// Finds the entity mentions of a document.
///
/// Uses the embedded tagger when a trained model is shipped (otherwise lexicon and rules only),
/// the embedded lexicons and document-level resolution. Mentions are sorted, do not overlap,
/// lie within `text` and on character boundaries.
pub fn recognize(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    lang: &Lang,
) -> Result<Vec<RawMention>, NerError> {
    let (lexicon, tagger) = super::preload()?;
    let tagger = tagger.ok();
    Ok(recognize_with(
        text,
        tokens,
        sentences,
        lang,
        lexicon,
        tagger.map(|t| t as &dyn SentenceTagger),
    ))
}

/// The recogniser with an explicit lexicon and optional tagger (used by tests).
pub(crate) fn recognize_with(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    lang: &Lang,
    lexicon: &Lexicon,
    tagger: Option<&dyn SentenceTagger>,
) -> Vec<RawMention> {
    let english = *lang == Lang::En;
    let en_lex = if english {
        EnglishLexicon::embedded().ok()
    } else {
        None
    };
    let toks = build_toks(text, tokens, sentences, lexicon, english, en_lex);
    if toks.is_empty() {
        return Vec::new();
    }
    let mut cands: Vec<Cand> = Vec::new();

    // Sentence ranges over `toks`.
    let mut bounds: Vec<(usize, usize)> = Vec::new();
    let mut s = 0;
    while s < toks.len() {
        let mut e = s + 1;
        while e < toks.len() && toks[e].sentence == toks[s].sentence {
            e += 1;
        }
        bounds.push((s, e));
        s = e;
    }

    // Positions the model is sure are outside any name.
    let mut model_o = vec![false; toks.len()];
    if let Some(tagger) = tagger {
        for &(s, e) in &bounds {
            model_candidates(
                &toks[s..e],
                s,
                lexicon,
                tagger,
                if english {
                    MODEL_FLOOR
                } else {
                    MODEL_FLOOR_NAMES
                },
                &mut cands,
                &mut model_o[s..e],
            );
        }
        if english {
            // The tagger is trained on German: in English it only fills gaps, with lower
            // confidence, and never across weekdays, months or lower-case function words.
            cands.retain(|c| {
                let t0 = &toks[c.start];
                let lone_initial =
                    c.end - c.start == 1 && t0.initial && !t0.flags.intersects(LexFlags::ANY_NAME);
                // English common words ("Peace", "Still") and runs of them with letters or
                // numbers ("Class C", "Black Sea") are left to the English rules.
                let common = toks[c.start..c.end].iter().all(|t| {
                    english::common_only(t.en)
                        || t.text.chars().count() == 1
                        || !t.is_word()
                        || t.flags.contains(LexFlags::FUNCTION_WORD)
                });
                // A single English common word ("Peace") or a short all-caps word ("ID").
                let lone_common = c.end - c.start == 1
                    && t0.en & english::EN_COMMON != 0
                    && t0.en & english::EN_FIRST == 0
                    && !t0.flags.intersects(LexFlags::ANY_NAME);
                // Unknown words in capitals ("BRIT", "PROFILE") are wire codes, not names.
                let lone_caps = c.end - c.start == 1
                    && is_all_caps(t0.text)
                    && !t0.flags.intersects(LexFlags::ANY_NAME | LexFlags::ORG);
                !lone_initial
                    && !common
                    && !lone_common
                    && !lone_caps
                    && !toks[c.start..c.end].iter().any(|t| {
                        t.flags.contains(LexFlags::COMMON_WORD)
                            || (!t.cap && t.flags.contains(LexFlags::FUNCTION_WORD))
                    })
            });
            for c in &mut cands {
                c.conf *= 0.6;
            }
            model_o.iter_mut().for_each(|o| *o = false);
        }
    }
    let mut rules = Vec::new();
    let known = en_lex.map(|en| super::recognize_en::Known::new(&toks, lexicon, en));
    for &(s, e) in &bounds {
        rule_candidates(text, tokens, &toks, s, e, lexicon, english, &mut rules);
        if let Some(known) = &known {
            super::recognize_en::english_candidates(text, &toks, s, e, known, &mut rules);
        }
    }
    if english {
        // A leading "The" is not part of a name ("The Associated Press"), unless the name is
        // listed with it ("The Hague", also in a dateline "THE HAGUE, Netherlands (AP)").
        for c in cands.iter_mut().chain(rules.iter_mut()) {
            if c.canonical.starts_with("The ") {
                continue;
            }
            while c.end - c.start > 1
                && toks[c.start].flags.contains(LexFlags::FUNCTION_WORD)
                && !toks[c.start].flags.intersects(LexFlags::ANY_NAME)
            {
                c.start += 1;
                if c.source == Source::Model {
                    c.canonical.clear();
                }
            }
        }
    }
    // Weak rules (acronyms, GeoNames-only places, a word after a title) give way to a model
    // that is sure there is no name.
    rules.retain(|c| c.conf >= 0.7 || !model_o[c.start..c.end].iter().all(|&o| o));
    cands.extend(rules);
    cands.retain(|c| !currency_prefix(&toks, c.start, c.end));
    if let Some(known) = &known {
        known.retype_firms(&toks, &mut cands);
    }

    let chosen = select(cands);
    let mut chosen =
        super::resolve::resolve_document(text, tokens, &toks, chosen, lexicon, english);
    if let Some(en) = en_lex {
        for c in &mut chosen {
            if c.ty == EntityType::Org && c.variant == Variant::Name && c.start < c.end {
                let surface = toks[c.start..c.end]
                    .iter()
                    .map(|t| t.text)
                    .collect::<Vec<_>>()
                    .join(" ");
                if lexicon.org(&surface).is_some() || en.name(&surface).is_some() {
                    c.canonical =
                        super::recognize_en::english_org_canonical(&surface, &c.canonical, en);
                }
            }
        }
    }
    let mut out: Vec<RawMention> = chosen
        .into_iter()
        .filter(|c| c.start < c.end && c.end <= toks.len())
        .map(|c| RawMention {
            span: Span::new(toks[c.start].span.start, toks[c.end - 1].span.end),
            entity_type: c.ty,
            variant: c.variant,
            source: c.source,
            confidence: c.conf.clamp(0.0, 1.0),
            canonical: c.canonical,
        })
        .filter(|m| {
            m.span.start < m.span.end
                && m.span.end <= text.len()
                && text.is_char_boundary(m.span.start)
                && text.is_char_boundary(m.span.end)
        })
        .collect();
    out.sort_by_key(|m| (m.span.start, m.span.end));
    // Final guard: non-overlapping at the outer level.
    let mut last_end = 0;
    out.retain(|m| {
        if m.span.start < last_end {
            return false;
        }
        last_end = m.span.end;
        true
    });
    out
}

/// Word, number and punctuation tokens with lexicon flags; sentence-initial marks.
fn build_toks<'a>(
    text: &'a str,
    tokens: &[Token],
    sentences: &[Sentence],
    lexicon: &Lexicon,
    english: bool,
    en_lex: Option<&EnglishLexicon>,
) -> Vec<Tok<'a>> {
    let mut toks = Vec::with_capacity(tokens.len());
    // Words repeat: look each distinct word up once per document.
    let mut cache: super::lexicon::WordMap<&'a str, LexFlags> = Default::default();
    let mut push_range =
        |range: std::ops::Range<usize>, sentence: usize, toks: &mut Vec<Tok<'a>>| {
            let mut seen_word = false;
            for index in range {
                let Some(t) = tokens.get(index) else { break };
                let word = t.text(text);
                if word.is_empty() {
                    continue;
                }
                let is_word = t.kind == TokenKind::Word;
                // Long tokens (garbage) carry no lexicon lookups.
                let mut flags = if is_word && word.len() <= 64 {
                    *cache.entry(word).or_insert_with(|| lexicon.flags(word))
                } else {
                    LexFlags::NONE
                };
                if english {
                    // The German noun list says nothing about English words.
                    flags = LexFlags(
                        flags.bits() & !(LexFlags::COMMON_NOUN.bits() | LexFlags::INFLECTED.bits()),
                    );
                }
                let initial = is_word && !seen_word;
                if matches!(t.kind, TokenKind::Word | TokenKind::Number) {
                    seen_word = true;
                }
                toks.push(Tok {
                    index,
                    text: word,
                    span: t.span,
                    kind: t.kind,
                    flags,
                    cap: starts_upper(word),
                    initial,
                    sentence,
                    en: match en_lex {
                        Some(en) if is_word && word.len() <= 64 => en.word(word),
                        _ => 0,
                    },
                });
            }
        };
    if sentences.is_empty() {
        push_range(0..tokens.len(), 0, &mut toks);
    } else {
        for (si, s) in sentences.iter().enumerate() {
            push_range(s.tokens.clone(), si, &mut toks);
        }
    }
    toks
}

/// Chooses non-overlapping candidates: higher confidence first, longer first on ties;
/// lexicon/rule canonical names are kept, model chunks get theirs from the lexicon.
fn select(mut cands: Vec<Cand>) -> Vec<Cand> {
    // Longer matches win over the single words inside them ("North Korean" over "Korean",
    // "Bank of England" over "England").
    // The trained tagger's chunks come first (its boundaries are learnt); lexicon and rules
    // fill the gaps.
    let score = |c: &Cand| {
        let model = if c.source == Source::Model && c.conf >= 0.7 {
            10.0
        } else {
            0.0
        };
        model + c.conf + 0.1 * (c.end - c.start).saturating_sub(1).min(4) as f32
    };
    cands.sort_by(|a, b| {
        score(b)
            .partial_cmp(&score(a))
            .unwrap_or(std::cmp::Ordering::Equal)
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(a.start.cmp(&b.start))
    });
    let mut taken: Vec<Cand> = Vec::new();
    let mut used = vec![false; cands.iter().map(|c| c.end).max().unwrap_or(0)];
    for c in cands {
        if c.start >= c.end || used[c.start..c.end].iter().any(|&u| u) {
            continue;
        }
        used[c.start..c.end].iter_mut().for_each(|u| *u = true);
        taken.push(c);
    }
    taken.sort_by_key(|c| (c.start, c.end));
    taken
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::rules::{declined_adjective, genitive_singular};

    /// Tags the words in `names` as one-word names of type PER with confidence `conf`, every
    /// other word `O`; the words in `rare` are rare in running text.
    struct Stub {
        names: &'static [&'static str],
        rare: &'static [&'static str],
        conf: f32,
    }

    impl SentenceTagger for Stub {
        fn tag_sentence(&self, words: &[&str], _: &Lexicon) -> Vec<(Tag, f32)> {
            words
                .iter()
                .map(|w| {
                    if self.names.contains(w) {
                        (Tag::B(EntityType::Per, Variant::Name), self.conf)
                    } else {
                        (Tag::O, 0.99)
                    }
                })
                .collect()
        }

        fn is_rare(&self, word: &str) -> bool {
            self.rare.contains(&word)
        }
    }

    /// The surface of every mention the recogniser finds in `text` with `tagger` as its model.
    fn found(text: &str, lang: Lang, tagger: &dyn SentenceTagger) -> Vec<String> {
        found_typed(text, lang, tagger)
            .into_iter()
            .map(|(surface, _)| surface)
            .collect()
    }

    /// [`found`] with each mention's type.
    fn found_typed(
        text: &str,
        lang: Lang,
        tagger: &dyn SentenceTagger,
    ) -> Vec<(String, EntityType)> {
        recognized(text, lang, tagger)
            .iter()
            .map(|m| (text[m.span.start..m.span.end].to_string(), m.entity_type))
            .collect()
    }

    /// Every mention the recogniser finds in `text` with `tagger` as its model.
    fn recognized(text: &str, lang: Lang, tagger: &dyn SentenceTagger) -> Vec<RawMention> {
        let lexicon = Lexicon::embedded().expect("lexicon");
        let tokens = crate::text::tokenize(text, &lang);
        let sentences = crate::text::split_sentences(text, &tokens, &lang);
        recognize_with(text, &tokens, &sentences, &lang, lexicon, Some(tagger))
    }

    /// A tagger unsure of everything: the rules and lexicons alone decide, weak rules included.
    struct Unsure;

    impl SentenceTagger for Unsure {
        fn tag_sentence(&self, words: &[&str], _: &Lexicon) -> Vec<(Tag, f32)> {
            vec![(Tag::O, 0.5); words.len()]
        }
    }

    /// Tags every capitalised word of `chunk` as one multi-word name of type OTH.
    struct Chunk {
        words: &'static [&'static str],
        conf: f32,
    }

    impl SentenceTagger for Chunk {
        fn tag_sentence(&self, words: &[&str], _: &Lexicon) -> Vec<(Tag, f32)> {
            let mut inside = false;
            words
                .iter()
                .map(|w| {
                    if self.words.contains(w) {
                        let tag = if inside {
                            Tag::I(EntityType::Oth, Variant::Name)
                        } else {
                            Tag::B(EntityType::Oth, Variant::Name)
                        };
                        inside = true;
                        (tag, self.conf)
                    } else {
                        inside = false;
                        (Tag::O, 0.99)
                    }
                })
                .collect()
        }
    }

    #[test]
    fn english_names_keep_their_edges() {
        // (text, every mention found)
        let cases: &[(&str, &[&str])] = &[
            (
                "Shares fell on the New York Stock Exchange today.",
                &["New York Stock Exchange"],
            ),
            (
                "Analysts said New York-based POP Radio lost money.",
                &["New York-based"],
            ),
            (
                "He works at Tokyo-based Asia Advisory Services Inc. now.",
                &["Tokyo-based", "Asia Advisory Services Inc."],
            ),
            (
                "Makers such as Aiwa Co. and Pioneer Electric Corp. responded.",
                &["Aiwa Co.", "Pioneer Electric Corp."],
            ),
            ("Good evening, I'm Sachi Koto.", &["Sachi Koto"]),
            (
                "The TWA pilot Steven Snyder TWA eight hundred climbed.",
                &["Steven Snyder"],
            ),
            (
                "Queen Elizabeth II visited Acme Widgets PLC today.",
                &["Elizabeth II", "Acme Widgets PLC"],
            ),
            ("He met Lisa Stark ABC and others.", &["Lisa Stark", "ABC"]),
            ("BY BRUCE R. BENT", &["BRUCE R. BENT"]),
            ("He believes in God and lives in Kumpula.", &["Kumpula"]),
        ];
        for &(text, expected) in cases {
            assert_eq!(found(text, Lang::En, &Unsure), expected, "{text:?}");
        }
    }

    #[test]
    fn the_article_tells_companies_from_places_and_persons() {
        use EntityType::{Loc, Org, Per};
        // (text, the name, its type): an unknown word after a preposition, a person-shaped name.
        let cases: &[(&str, &str, EntityType)] = &[
            (
                "GM bought stakes in Jaguar. Jaguar shares rose.",
                "Jaguar",
                Org,
            ),
            (
                "The faulty chip came from Intel. Intel eased 1/8.",
                "Intel",
                Org,
            ),
            (
                "Investors looked at Telerate. Telerate's shareholders agreed.",
                "Telerate",
                Org,
            ),
            (
                "He grew up in Kumpula and later moved away.",
                "Kumpula",
                Loc,
            ),
            (
                "Milton Roy agreed to the merger. Milton Roy shares leaped.",
                "Milton Roy",
                Org,
            ),
            (
                "Polly Peck will pay cash. Polly Peck's chairman agreed.",
                "Polly Peck",
                Org,
            ),
            (
                "Milton Roy agreed to the merger. Milton Roy said he was pleased.",
                "Milton Roy",
                Per,
            ),
        ];
        for &(text, name, ty) in cases {
            let got = found_typed(text, Lang::En, &Unsure);
            assert!(
                got.iter().any(|(w, t)| w == name && *t == ty),
                "{text:?}: {got:?}"
            );
            assert!(
                got.iter().all(|(w, t)| w != name || *t == ty),
                "{text:?}: {got:?}"
            );
        }
    }

    #[test]
    fn a_place_adjective_the_tagger_calls_a_place_is_derived() {
        /// Tags the listed words as one-word places.
        struct Places(&'static [&'static str]);
        impl SentenceTagger for Places {
            fn tag_sentence(&self, words: &[&str], _: &Lexicon) -> Vec<(Tag, f32)> {
                words
                    .iter()
                    .map(|w| match self.0.contains(w) {
                        true => (Tag::B(EntityType::Loc, Variant::Name), 0.99),
                        false => (Tag::O, 0.99),
                    })
                    .collect()
            }
        }
        // (text, the word, derived)
        let cases: &[(&str, &str, bool)] = &[
            (
                "YPG: Türkische Vorwürfe sind ein Vorwand.",
                "Türkische",
                true,
            ),
            (
                "Das Treffen fand im Kommerner Bistro statt.",
                "Kommerner",
                true,
            ),
            ("Die Hannover Rück meldet Gewinne.", "Hannover", false),
            ("Er fuhr nach Kommerner und blieb dort.", "Kommerner", false),
            ("Das Schiff lag im Hamburger Hafen.", "Hamburger", true),
        ];
        let places = Places(&["Türkische", "Kommerner", "Hannover", "Hamburger"]);
        for &(text, word, derived) in cases {
            let got = recognized(text, Lang::De, &places);
            let m = got
                .iter()
                .find(|m| &text[m.span.start..m.span.end] == word)
                .unwrap_or_else(|| panic!("{word} not found in {text:?}"));
            assert_eq!(m.variant == Variant::Deriv, derived, "{text:?}");
            // A derived word names the place it derives from.
            if word == "Hamburger" {
                assert_eq!(m.canonical, "Hamburg");
            }
        }
    }

    #[test]
    fn capitals_against_a_dollar_sign_are_a_currency() {
        let text = "Magna closed at C$9.625, about US$8, in Toronto.";
        assert_eq!(found(text, Lang::En, &Unsure), ["Toronto"]);
    }

    #[test]
    fn a_club_prefix_starts_an_organisation() {
        // (text, the club)
        let cases: &[(&str, &str)] = &[
            (
                "Er wechselte zum SSV Reutlingen in die Oberliga.",
                "SSV Reutlingen",
            ),
            ("Der SK Wißgoldingen gewann das Derby.", "SK Wißgoldingen"),
            ("Sie spielt für die TSG Hoffenheim.", "TSG Hoffenheim"),
        ];
        for &(text, club) in cases {
            let got = found_typed(text, Lang::De, &Unsure);
            assert!(
                got.iter().any(|(w, t)| w == club && *t == EntityType::Org),
                "{text:?}: {got:?}"
            );
        }
    }

    #[test]
    fn a_compound_ending_in_a_currency_is_no_part_of_a_place() {
        let stub = Stub {
            names: &[],
            rare: &[],
            conf: 0.9,
        };
        let text = "Der Kurs stieg auf 1,10 US-Dollar, sagte der US-Präsident in Taiwan.";
        assert_eq!(found(text, Lang::De, &stub), ["US-Präsident", "Taiwan"]);
    }

    #[test]
    fn model_chunks_keep_their_parentheses_balanced() {
        // (text, the tagger's chunk, the mention shown)
        let cases: &[(&str, &[&str], &str)] = &[
            (
                "Die Busse fahren bis Frankfurt (Oder) und zurück.",
                &["Frankfurt", "(", "Oder"],
                "Frankfurt (Oder)",
            ),
            (
                "Die Busse fahren bis Frankfurt (Oder und zurück.",
                &["Frankfurt", "(", "Oder"],
                "Frankfurt",
            ),
        ];
        for &(text, words, expected) in cases {
            let tagger = Chunk { words, conf: 0.99 };
            assert_eq!(found(text, Lang::De, &tagger), [expected], "{text:?}");
            // The name is the words as written, not the tokens joined by spaces.
            let names: Vec<String> = recognized(text, Lang::De, &tagger)
                .into_iter()
                .map(|m| m.canonical)
                .collect();
            assert_eq!(names, [expected], "{text:?}");
        }
    }

    #[test]
    fn unknown_capitals_are_acronyms_unless_they_run_together() {
        use EntityType::{Loc, Org};
        // (text, a word in capitals, what it is found as); the tagger finds nothing.
        let cases: &[(&str, &str, Option<EntityType>)] = &[
            ("Die Agentur KCNA meldete den Start.", "KCNA", Some(Org)),
            ("Der Hersteller BAIC baut Autos.", "BAIC", Some(Org)),
            ("Foto: MARCO BELLO / REUTERS", "MARCO", None),
            ("Foto: MARCO BELLO / REUTERS", "BELLO", None),
            (
                "NORTH CANTON / PADERBORN (dpa-AFX) Der Konzern wächst.",
                "CANTON",
                None,
            ),
            (
                "Die Agentur KCNA und die ADAC-Zentrale meldeten nichts.",
                "KCNA",
                Some(Org),
            ),
            // A well-known place in capitals; a village of the gazetteer does not count.
            ("Die Messe in BOCHUM beginnt heute.", "BOCHUM", Some(Loc)),
            ("Der Spieler kam von GAIS nach Berlin.", "GAIS", Some(Org)),
        ];
        for &(text, word, expected) in cases {
            let got = found_typed(text, Lang::De, &Unsure)
                .into_iter()
                .find(|(w, _)| w == word)
                .map(|(_, ty)| ty);
            assert_eq!(got, expected, "{word} in {text:?}");
        }
    }

    #[test]
    fn sure_multi_word_names_of_common_words_survive_unless_a_noun_is_inflected() {
        // (text, the chunk, kept)
        let cases: &[(&str, &[&str], bool)] = &[
            (
                "Nach dem Zweiten Weltkrieg kam er zurück.",
                &["Zweiten", "Weltkrieg"],
                true,
            ),
            (
                "Während des Ersten Weltkriegs diente er.",
                &["Ersten", "Weltkriegs"],
                true,
            ),
            (
                "Die Süddeutsche Zeitung berichtete.",
                &["Süddeutsche", "Zeitung"],
                true,
            ),
            (
                "Finanzminister Hans Eichel will sparen.",
                &["Hans", "Eichel"],
                true,
            ),
            (
                "Sie arbeiten in den Bereichen Handel und Technik.",
                &["Bereichen", "Handel"],
                false,
            ),
        ];
        for &(text, chunk, kept) in cases {
            let tagger = Chunk {
                words: chunk,
                conf: 0.99,
            };
            let got = found(text, Lang::De, &tagger);
            let phrase = chunk.join(" ");
            assert_eq!(got.contains(&phrase), kept, "{text:?}: {got:?}");
        }
    }

    #[test]
    fn declined_adjectives_and_genitives() {
        let lexicon = Lexicon::embedded().expect("lexicon");
        for (word, adjective, genitive) in [
            ("Zweiten", true, false),
            ("Süddeutsche", true, false),
            ("Weltkriegs", false, true),
            ("Weltkrieges", false, true),
            ("Bereichen", false, false),
            ("Verträge", false, false),
        ] {
            assert_eq!(declined_adjective(word, lexicon), adjective, "{word}");
            assert_eq!(genitive_singular(word, lexicon), genitive, "{word}");
        }
    }

    #[test]
    fn unsure_model_chunks_survive_only_as_listed_or_unknown_names() {
        // (text, the stub's name, its confidence, language, kept)
        let cases: &[(&str, &str, f32, Lang, bool)] = &[
            // A name no list knows, rare in running text.
            (
                "Gestern sprach Vonholdt im Rathaus.",
                "Vonholdt",
                0.35,
                Lang::De,
                true,
            ),
            // Less sure than the floor for names.
            (
                "Gestern sprach Vonholdt im Rathaus.",
                "Vonholdt",
                0.25,
                Lang::De,
                false,
            ),
            // Not rare in running text ("Kleines" is an ordinary word).
            (
                "Gestern sprach Kleines im Rathaus.",
                "Kleines",
                0.35,
                Lang::De,
                false,
            ),
            // A compound of a common noun ("Reis").
            (
                "Gestern kochte Ganzkornreis im Topf.",
                "Ganzkornreis",
                0.35,
                Lang::De,
                false,
            ),
            // Not only letters.
            ("Geöffnet Mo-Fr ab 9 Uhr.", "Mo-Fr", 0.35, Lang::De, false),
            // Sure enough for any word that is no common noun.
            (
                "Gestern sprach Kleines im Rathaus.",
                "Kleines",
                0.6,
                Lang::De,
                true,
            ),
            // English keeps the usual floor.
            (
                "Yesterday Vonholdt spoke in the town hall.",
                "Vonholdt",
                0.35,
                Lang::En,
                false,
            ),
        ];
        for &(text, name, conf, ref lang, kept) in cases {
            let stub = Stub {
                names: &["Vonholdt", "Kleines", "Ganzkornreis", "Mo-Fr"],
                rare: &["Vonholdt", "Ganzkornreis", "Mo-Fr"],
                conf,
            };
            let got = found(text, lang.clone(), &stub);
            assert_eq!(
                got.iter().any(|m| m == name),
                kept,
                "{text:?} with {name} at {conf}: {got:?}"
            );
        }
    }
}

//! The rules that propose candidates, German first and shared with English: which chunks of
//! the statistical tagger to keep ([`model_candidates`]), and hand-written rules for single
//! words, persons, acronyms and organisation names ([`rule_candidates`]). The orchestrator
//! ([`super::recognize`]) combines them.

use crate::model::{EntityType, Source, Variant};
use crate::text::{Token, TokenKind, hyphen_parts};

use super::english;
use super::lexicon::{LexFlags, Lexicon};
use super::tagger::Tag;
use super::tokens::{
    Cand, SentenceTagger, Tok, cand, describes_next, is_all_caps, is_name_particle, is_roman,
    starts_upper, title_case,
};

/// Chunks proposed by the statistical tagger, filtered for precision.
pub(crate) fn model_candidates(
    toks: &[Tok<'_>],
    offset: usize,
    lexicon: &Lexicon,
    tagger: &dyn SentenceTagger,
    floor_names: f32,
    out: &mut Vec<Cand>,
    model_o: &mut [bool],
) {
    let words: Vec<&str> = toks.iter().map(|t| t.text).collect();
    let tags = tagger.tag_sentence(&words, lexicon);
    for (o, (tag, conf)) in model_o.iter_mut().zip(&tags) {
        *o = *tag == Tag::O && *conf >= 0.9;
    }
    let mut i = 0;
    while i < tags.len().min(toks.len()) {
        let Tag::B(ty, variant) = tags[i].0 else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        let mut conf = tags[i].1;
        while j < tags.len().min(toks.len()) && tags[j].0 == Tag::I(ty, variant) {
            conf = conf.min(tags[j].1);
            j += 1;
        }
        let end = balanced_end(toks, i, j);
        let span = &toks[i..end];
        let variant = if ty == EntityType::Loc
            && variant == Variant::Name
            && end == i + 1
            && place_adjective(&toks[i], toks.get(i + 1), lexicon)
        {
            Variant::Deriv
        } else {
            variant
        };
        if model_chunk_ok(span, variant, conf, floor_names, lexicon, tagger) {
            out.push(Cand {
                start: offset + i,
                end: offset + end,
                ty,
                variant,
                source: Source::Model,
                conf,
                canonical: String::new(),
            });
        }
        i = j;
    }
}

/// A word the tagger calls a place that is an adjective of one: a demonym ("Türkische
/// Vorwürfe" after a headline's colon) or, in German, a capitalised `-er` word before a
/// common noun ("im Kommerner Bistro", "im Westersteder Kreishaus"), as "Hamburger Hafen".
fn place_adjective(t: &Tok<'_>, next: Option<&Tok<'_>>, lexicon: &Lexicon) -> bool {
    if t.flags.contains(LexFlags::DEMONYM) && !t.flags.contains(LexFlags::COUNTRY) {
        return lexicon.demonym_base(t.text).is_some();
    }
    t.en == 0
        && t.cap
        && !t.flags.intersects(LexFlags::ANY_NAME)
        && t.text.chars().count() >= 5
        && t.text.ends_with("er")
        && t.text.chars().all(char::is_alphabetic)
        && next.is_some_and(|n| {
            n.is_word()
                && n.cap
                && n.flags.contains(LexFlags::COMMON_NOUN)
                && !n.flags.intersects(LexFlags::ANY_NAME)
        })
}

/// "C$9.6", "US$ 200", "HK$": one to three capitals written against a dollar sign mark the
/// currency, not a place.
pub(crate) fn currency_prefix(toks: &[Tok<'_>], start: usize, end: usize) -> bool {
    let (Some(t), Some(next)) = (toks.get(start), toks.get(end)) else {
        return false;
    };
    end == start + 1
        && next.text == "$"
        && next.span.start == t.span.end
        && (1..=3).contains(&t.text.chars().count())
        && t.text.chars().all(|c| c.is_ascii_uppercase())
}

/// The end of the chunk `toks[start..end]` with its parentheses balanced: a chunk that opens
/// one and stops before the closing one takes it in ("Frankfurt (Oder)"), one that cannot close
/// it ends before the opening one; a chunk that begins at its opening one stays as it is (the
/// caller's checks reject it).
fn balanced_end(toks: &[Tok<'_>], start: usize, end: usize) -> usize {
    let mut open = None;
    for (k, t) in toks.iter().enumerate().take(end).skip(start) {
        match t.text {
            "(" => open = Some(k),
            ")" => open = None,
            _ => {}
        }
    }
    match open {
        Some(_) if toks.get(end).is_some_and(|t| t.text == ")") => end + 1,
        Some(k) if k > start => k,
        _ => end,
    }
}

/// A capitalised word that no list knows: no lexicon flag, rare in running German text (the
/// tagger's frequency bands) and no compound ending in a known common noun ("Ganzkornreis",
/// "Kurzvers"). Such a word is an unknown name more often than not ("Vonholdt", "Saunakylä").
fn unknown_name_like(t: &Tok<'_>, lexicon: &Lexicon, tagger: &dyn SentenceTagger) -> bool {
    if !t.cap
        || t.flags != LexFlags::NONE
        || !t.text.chars().all(char::is_alphabetic)
        || !tagger.is_rare(t.text)
    {
        return false;
    }
    let mut suffix = String::new();
    for (b, c) in t.text.char_indices().skip(3) {
        let rest = &t.text[b + c.len_utf8()..];
        if rest.chars().nth(1).is_none() {
            break;
        }
        suffix.clear();
        suffix.extend(c.to_uppercase());
        suffix.push_str(rest);
        let f = lexicon.flags(&suffix);
        if f.contains(LexFlags::COMMON_NOUN) && !f.intersects(LexFlags::ANY_NAME) {
            return false;
        }
    }
    true
}

/// Whether `word` is a declined form of an adjective or an adjectival noun ("Zweiten" ←
/// "Zweiter", "Süddeutsche" ← "Süddeutscher", "Neue" ← "Neues"): its lemma and it differ only
/// in an adjective ending.
pub(crate) fn declined_adjective(word: &str, lexicon: &Lexicon) -> bool {
    const ENDINGS: [&str; 5] = ["en", "er", "es", "em", "e"];
    let Some(lemma) = lexicon.lemma(word) else {
        return false;
    };
    let stem = |w: &'_ str| -> Option<String> {
        ENDINGS
            .iter()
            .find_map(|e| w.strip_suffix(e))
            .map(str::to_string)
    };
    matches!((stem(word), stem(lemma)), (Some(a), Some(b)) if a == b && !a.is_empty())
}

/// Whether `word` is the genitive singular of its lemma ("Weltkriegs", "Weltkrieges").
pub(crate) fn genitive_singular(word: &str, lexicon: &Lexicon) -> bool {
    lexicon.lemma(word).is_some_and(|lemma| {
        word.strip_prefix(lemma)
            .is_some_and(|rest| rest == "s" || rest == "es")
    })
}

/// Model chunks less sure than this are dropped.
pub(crate) const MODEL_FLOOR: f32 = 0.5;

/// The floor for German chunks of listed or unknown names (see [`unknown_name_like`]).
/// Chosen on GermEval folds 0–3 with fold models (`dossier eval ner --pipeline`): the whole
/// recogniser's F1 64.8 → 65.5 there and 63.6 → 65.0 on fold 4; a floor of 0.3 for every chunk
/// scored higher (66.2) but also marked capitalised common nouns ("Kurzvers", "Darin").
pub(crate) const MODEL_FLOOR_NAMES: f32 = 0.3;

fn model_chunk_ok(
    span: &[Tok<'_>],
    variant: Variant,
    conf: f32,
    floor_names: f32,
    lexicon: &Lexicon,
    tagger: &dyn SentenceTagger,
) -> bool {
    let (Some(first), Some(last)) = (span.first(), span.last()) else {
        return false;
    };
    // Unknown names ("Vonholdt", "Saunakylä") rarely reach the model's usual confidence:
    // German chunks of words a lexicon lists as names, or that no list knows at all, need less.
    if conf < MODEL_FLOOR
        && (conf < floor_names
            || !span.iter().filter(|t| t.is_word()).all(|t| {
                t.flags.intersects(LexFlags::ANY_NAME) || unknown_name_like(t, lexicon, tagger)
            }))
    {
        return false;
    }
    // Punctuation may stand inside a name ("St. Petersburger"), not at its edges.
    if !matches!(first.kind, TokenKind::Word | TokenKind::Number)
        || !matches!(
            last.kind,
            TokenKind::Word | TokenKind::Number | TokenKind::Punct
        )
    {
        return false;
    }
    if span.len() > 1 {
        // A multi-word stretch the model marks is a name unless it is only function words, or
        // only common nouns (then the model must be sure and no word inflected: not
        // "Bereichen Handel").
        let words = || span.iter().filter(|t| t.is_word());
        if words().all(|t| {
            t.flags
                .intersects(LexFlags::FUNCTION_WORD | LexFlags::COMMON_WORD)
        }) {
            return false;
        }
        // A first name is no common noun here ("Hans Eichel": "Hans" is also a form of "Han").
        if words().all(|t| t.is_blocked() && !t.flags.contains(LexFlags::FIRST_NAME)) {
            // Inflected nouns make a phrase ("Bereichen Handel"); declined adjectives and the
            // genitive are part of many names ("Zweiten Weltkriegs", "Süddeutsche Zeitung").
            return conf >= 0.97
                && !words().any(|t| {
                    t.flags.contains(LexFlags::INFLECTED)
                        && !declined_adjective(t.text, lexicon)
                        && !genitive_singular(t.text, lexicon)
                });
        }
        return true;
    }
    let f = first.flags;
    if f.intersects(LexFlags::FUNCTION_WORD | LexFlags::COMMON_WORD) {
        return false;
    }
    match variant {
        Variant::Deriv | Variant::Part => true,
        Variant::Name => {
            if !first.cap && !is_all_caps(first.text) {
                return first.text.chars().any(char::is_uppercase); // "iPhone", "eBay"
            }
            if !first.is_blocked() {
                return true;
            }
            // A German common noun ("Treffen", "Minister", "Verträge") only when the model is
            // sure, inside the sentence, in its base form and not a title or cue word.
            conf >= 0.95
                && !first.initial
                && !f.intersects(LexFlags::INFLECTED | LexFlags::PER_CUE | LexFlags::ORG_CUE)
        }
    }
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn rule_candidates(
    text: &str,
    tokens: &[Token],
    toks: &[Tok<'_>],
    s: usize,
    e: usize,
    lexicon: &Lexicon,
    english: bool,
    out: &mut Vec<Cand>,
) {
    let mut i = s;
    while i < e {
        let t = &toks[i];
        if !t.is_word() {
            i += 1;
            continue;
        }
        // Multi-word places and organisations (2–3 words), longest first.
        let mut matched = false;
        let heads = t.cap && i + 1 < e && lexicon.starts_multiword(t.text);
        for n in [3usize, 2] {
            if !heads {
                break;
            }
            if i + n > e || toks[i..i + n].iter().any(|t| !t.is_word()) || !t.cap {
                continue;
            }
            let joined = toks[i..i + n]
                .iter()
                .map(|t| t.text)
                .collect::<Vec<_>>()
                .join(" ");
            if let Some(org) = lexicon.org(&joined) {
                out.push(cand(
                    i,
                    i + n,
                    EntityType::Org,
                    Variant::Name,
                    Source::Lexicon,
                    0.9,
                    org,
                ));
                matched = true;
                break;
            }
            if let Some(c) = lexicon.demonym_base(&joined).filter(|_| english) {
                out.push(cand(
                    i,
                    i + n,
                    EntityType::Loc,
                    Variant::Deriv,
                    Source::Lexicon,
                    0.8,
                    c,
                ));
                matched = true;
                break;
            }
            if let Some(p) = lexicon.place(&joined)
                && toks[i + n - 1].cap
            {
                let conf = if p.kind == super::PlaceKind::City {
                    0.7
                } else {
                    0.85
                };
                out.push(cand(
                    i,
                    i + n,
                    EntityType::Loc,
                    Variant::Name,
                    Source::Lexicon,
                    conf,
                    &p.name,
                ));
                matched = true;
                break;
            }
        }
        if matched {
            i += 1;
            continue;
        }
        single_token_candidates(text, tokens, toks, i, e, lexicon, english, out);
        i += 1;
    }
    person_candidates(toks, s, e, english, out);
    org_name_sequences(toks, s, e, english, out);
    acronym_definitions(toks, s, e, lexicon, out);
    if english {
        english_org_sequences(toks, s, e, out);
    }
}

#[allow(clippy::too_many_arguments)]
fn single_token_candidates(
    text: &str,
    tokens: &[Token],
    toks: &[Tok<'_>],
    i: usize,
    e: usize,
    lexicon: &Lexicon,
    english: bool,
    out: &mut Vec<Cand>,
) {
    let t = &toks[i];
    let f = t.flags;
    if f.contains(LexFlags::FUNCTION_WORD) || t.text.len() > 64 {
        return;
    }
    // Known organisations and acronyms.
    if let Some(org) = lexicon.org(t.text) {
        // "Linke", "Grüne" are also adjectives: only when capitalised and not sentence-initial,
        // or when written in capitals.
        if t.cap && (!t.initial || is_all_caps(t.text) || !f.contains(LexFlags::COMMON_NOUN)) {
            out.push(cand(
                i,
                i + 1,
                EntityType::Org,
                Variant::Name,
                Source::Lexicon,
                0.9,
                org,
            ));
            return;
        }
    }
    // Demonym adjectives: "russischen" → LOCderiv Russland. A capitalised German one inside
    // a sentence starts a longer name ("Deutsche Bank", "Europäische Kommission"): not a deriv.
    let inside_name = !english
        && t.cap
        && !t.initial
        && toks
            .get(i + 1)
            .is_some_and(|n| i + 1 < e && n.is_word() && n.cap);
    if f.contains(LexFlags::DEMONYM)
        && !inside_name
        && !(english && f.contains(LexFlags::COUNTRY))
        && let Some(country) = lexicon.demonym_base(t.text)
    {
        out.push(cand(
            i,
            i + 1,
            EntityType::Loc,
            Variant::Deriv,
            Source::Lexicon,
            0.85,
            country,
        ));
        return;
    }
    if !t.cap {
        return;
    }
    // Places: countries, Wiktionary toponyms, GeoNames places not otherwise common words.
    if f.intersects(LexFlags::COUNTRY | LexFlags::TOPONYM | LexFlags::CITY | LexFlags::REGION)
        && !f.intersects(LexFlags::COMMON_WORD | LexFlags::PER_CUE | LexFlags::ORG_CUE)
        && let Some(place) = lexicon.place(t.text)
    {
        let strong = f.intersects(LexFlags::COUNTRY | LexFlags::TOPONYM);
        // A place known only from GeoNames is often also a surname ("Parker", "Röttgen") or
        // part of a longer name ("Borussia Dortmund"): it needs a preposition of place before
        // it and no capitalised word right after it.
        // English also "at the X", "in the X" and "on X", "outside X" …; "the X region".
        let en_prep = |k: usize| {
            english
                && matches!(
                    toks[k].text,
                    "on" | "On"
                        | "outside"
                        | "Outside"
                        | "into"
                        | "across"
                        | "around"
                        | "toward"
                        | "towards"
                        | "through"
                        | "in"
                        | "near"
                        | "at"
                        | "from"
                )
        };
        let en_context = english
            && ((i > 0 && en_prep(i - 1))
                || (i > 1 && toks[i - 1].text == "the" && en_prep(i - 2))
                || toks.get(i + 1).is_some_and(|n| {
                    i + 1 < e
                        && matches!(
                            n.text,
                            "region" | "province" | "oblast" | "district" | "governorate"
                        )
                }));
        let after_prep = en_context
            || i > 0
                && matches!(
                    toks[i - 1].text,
                    "in" | "nach"
                        | "aus"
                        | "bei"
                        | "im"
                        | "bis"
                        | "gen"
                        | "von"
                        | "vom"
                        | "Richtung"
                        | "near"
                        | "from"
                        | "to"
                        | "at"
                        | "In"
                        | "From"
                        | "At"
                        | "Near"
                );
        let next_cap = toks.get(i + 1).is_some_and(|n| {
            i + 1 < e && n.is_word() && n.cap && !n.flags.intersects(LexFlags::FUNCTION_WORD)
        });
        // English: a dictionary word or census name ("Brent", "Reading") is not a place by
        // context alone.
        let english_name_or_word =
            english && t.en & (english::EN_COMMON | english::EN_FIRST | english::EN_SURNAME) != 0;
        let weak_ok = !f.intersects(
            LexFlags::COMMON_NOUN | LexFlags::FIRST_NAME | LexFlags::SURNAME | LexFlags::ABBREV,
        ) && !t.initial
            && after_prep
            && !next_cap
            && !english_common_shape(t.text)
            && !english_name_or_word;
        // A toponym that is also a common noun ("Welt", "Essen") needs more than the lexicon.
        let common = (f.contains(LexFlags::COMMON_NOUN)
            || (english && english::common_only(t.en))
            || (english && t.initial && t.en & english::EN_COMMON != 0))
            && !f.contains(LexFlags::COUNTRY);
        if (strong && !common) || weak_ok {
            let conf = if strong { 0.85 } else { 0.6 };
            out.push(cand(
                i,
                i + 1,
                EntityType::Loc,
                Variant::Name,
                Source::Lexicon,
                conf,
                &place.name,
            ));
            return;
        }
    }
    // Compounds with a name part: "NATO-Chef" → ORGpart NATO, "Ukraine-Konflikt" → LOCpart.
    if t.text.contains('-')
        && let Some(tok) = tokens.get(t.index)
    {
        let parts = hyphen_parts(text, tok);
        if parts.len() >= 2 {
            let last = parts[parts.len() - 1].slice(text);
            let last_common = !starts_upper(last)
                || lexicon.flags(last).contains(LexFlags::COMMON_NOUN)
                || lexicon
                    .lemma(last)
                    .is_some_and(|l| lexicon.flags(l).contains(LexFlags::COMMON_NOUN));
            // "US-Dollar", "Taiwan-Dollar": a currency, not a part of the place.
            if last_common && !lexicon.is_currency(last) {
                for p in &parts[..parts.len() - 1] {
                    let w = p.slice(text);
                    if let Some(org) = lexicon.org(w).filter(|_| starts_upper(w)) {
                        out.push(cand(
                            i,
                            i + 1,
                            EntityType::Org,
                            Variant::Part,
                            Source::Rule,
                            0.8,
                            org,
                        ));
                        return;
                    }
                    let pf = lexicon.flags(w);
                    if pf.intersects(LexFlags::COUNTRY | LexFlags::TOPONYM)
                        && !pf.contains(LexFlags::COMMON_NOUN)
                        && let Some(place) = lexicon.place(w)
                    {
                        out.push(cand(
                            i,
                            i + 1,
                            EntityType::Loc,
                            Variant::Part,
                            Source::Rule,
                            0.75,
                            &place.name,
                        ));
                        return;
                    }
                }
            }
        }
    }
    // Unknown all-caps words: acronyms of organisations ("KCNA"), unless a place.
    if is_all_caps(t.text)
        && !is_roman(t.text)
        && !f.intersects(LexFlags::COMMON_NOUN | LexFlags::COMMON_WORD)
        && t.text.chars().count() <= 8
        && !shouted(toks, i, e)
        && (!english || (t.text.chars().filter(|c| c.is_alphabetic()).count() >= 3 && t.en == 0))
    {
        // "TOKIO", "BOCHUM": a well-known place written in capitals (a toponym of the
        // dictionary, a country or a region; not any village of the gazetteer: "GAIS", "EADS").
        let well_known = LexFlags::TOPONYM | LexFlags::COUNTRY | LexFlags::REGION;
        let place = (t.text.chars().count() >= 4)
            .then(|| title_case(t.text))
            .filter(|title| lexicon.flags(title).intersects(well_known))
            .and_then(|title| lexicon.place(&title));
        match place {
            Some(p) => out.push(cand(
                i,
                i + 1,
                EntityType::Loc,
                Variant::Name,
                Source::Rule,
                0.55,
                &p.name,
            )),
            None => out.push(cand(
                i,
                i + 1,
                EntityType::Org,
                Variant::Name,
                Source::Rule,
                0.55,
                t.text,
            )),
        }
    }
    let _ = english;
}

/// True when a word in capitals is emphasis, a byline or a dateline rather than an acronym:
/// the words on both sides are in capitals too (a shouted headline), or it has at least four
/// letters and stands next to another such word ("MARCO BELLO / REUTERS", "NORTH CANTON /
/// PADERBORN"). A lone one may be an acronym ("BAIC", "BILD"); known organisations ("NATO")
/// are found before the acronym rule.
fn shouted(toks: &[Tok<'_>], i: usize, e: usize) -> bool {
    let prev = i
        .checked_sub(1)
        .and_then(|p| toks.get(p))
        .filter(|t| t.is_word());
    let next = toks
        .get(i + 1)
        .filter(|_| i + 1 < e)
        .filter(|t| t.is_word());
    let caps = |t: Option<&Tok<'_>>| t.is_some_and(|t| is_all_caps(t.text));
    let long_caps = |t: &Tok<'_>| {
        t.text.chars().count() >= 4
            && t.text.chars().all(char::is_alphabetic)
            && is_all_caps(t.text)
    };
    let headline = caps(prev)
        && caps(next)
        && prev
            .into_iter()
            .chain(next)
            .any(|t| t.text.chars().count() > 3);
    headline || (long_caps(&toks[i]) && prev.into_iter().chain(next).any(long_caps))
}

fn english_common_shape(word: &str) -> bool {
    word.ends_with("ing") && word.len() > 6
}

/// Persons: a first name followed by name parts ("Alexander Kozlov", "Kim Jong Un"), or a
/// title/role followed by name parts ("Präsident Wladimir Putin", "NATO-Chef Mark Rutte").
fn person_candidates(toks: &[Tok<'_>], s: usize, e: usize, english: bool, out: &mut Vec<Cand>) {
    let mut i = s;
    while i < e {
        let t = &toks[i];
        let after_cue = i > s && is_person_cue(&toks[i - 1]);
        let first_name = (t.flags.contains(LexFlags::FIRST_NAME) || t.en & english::EN_FIRST != 0)
            && t.cap
            && t.is_word();
        let place_like = t.flags.intersects(LexFlags::TOPONYM | LexFlags::CITY);
        // "Prince", "Queen", "General" are first names too, but before a name they are titles.
        let title = english
            && (english::PERSON_TITLES.contains(&t.text)
                || (i > s && matches!(toks[i - 1].text, "in" | "In" | "near" | "at")));
        let starts = t.is_name_part() && !title && (first_name || (after_cue && !place_like));
        if !starts {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < e
            && j - i < 4
            && toks[j].is_name_part()
            && !toks[j]
                .flags
                .contains(LexFlags::FIRST_NAME | LexFlags::COMMON_NOUN)
        {
            j += 1;
        }
        // "Kim Jong Un": further parts may be first names too (not common nouns).
        while j < e && j - i < 4 && toks[j].is_name_part() {
            j += 1;
        }
        // "Ursula von der Leyen", "Ludwig van Beethoven": particles before a last name part.
        if j > i && j < e && is_name_particle(toks[j].text) {
            let mut k = j + 1;
            // A second particle only after the first: "von der", "van den", "de la".
            if k < e && matches!(toks[k].text, "der" | "den" | "la" | "le") {
                k += 1;
            }
            if k > j && k < e && toks[k].is_name_part() && !is_name_particle(toks[k].text) {
                j = k + 1;
            }
        }
        let len = j - i;
        if len >= 2 {
            let conf = if after_cue { 0.85 } else { 0.75 };
            let name = toks[i..j]
                .iter()
                .map(|t| t.text)
                .collect::<Vec<_>>()
                .join(" ");
            out.push(cand(
                i,
                j,
                EntityType::Per,
                Variant::Name,
                Source::Rule,
                conf,
                &name,
            ));
            i = j;
            continue;
        }
        // A single word after a title: "Präsident Putin", "Mr. Smith".
        if after_cue
            && !t
                .flags
                .intersects(LexFlags::COMMON_NOUN | LexFlags::ANY_PLACE)
            && (english || !t.flags.is_empty() || t.text.chars().count() >= 3)
        {
            out.push(cand(
                i,
                j,
                EntityType::Per,
                Variant::Name,
                Source::Rule,
                0.65,
                t.text,
            ));
        }
        i = j;
    }
}

fn is_person_cue(t: &Tok<'_>) -> bool {
    if t.flags.contains(LexFlags::PER_CUE) {
        return true;
    }
    // Compounds ending in a role: "NATO-Chef", "Verteidigungsminister", "Ex-Präsident", also
    // inflected ("den ukrainischen Präsidenten", "des Ministers").
    const ROLES: [&str; 16] = [
        "amtskollege",
        "amtskollegin",
        "minister",
        "ministerin",
        "präsident",
        "präsidentin",
        "chef",
        "chefin",
        "kanzler",
        "kanzlerin",
        "sprecher",
        "sprecherin",
        "machthaber",
        "generalsekretär",
        "generaldirektor",
        "bürgermeister",
    ];
    let last = t.text.rsplit(['-', '–']).next().unwrap_or("");
    let low = last.to_lowercase();
    let forms = [
        Some(low.as_str()),
        low.strip_suffix("en"),
        low.strip_suffix('n'),
        low.strip_suffix('s'),
    ];
    t.is_word()
        && forms
            .iter()
            .flatten()
            .any(|f| ROLES.iter().any(|r| f.ends_with(r)))
}

/// "Korean Central News Agency (KCNA)", "Koreanische Zentrale Nachrichtenagentur (KCNA)":
/// the capitalised words before a parenthesised acronym that starts with the same letter.
fn acronym_definitions(
    toks: &[Tok<'_>],
    s: usize,
    e: usize,
    lexicon: &Lexicon,
    out: &mut Vec<Cand>,
) {
    for k in s..e.saturating_sub(2) {
        if toks[k].text != "(" || toks[k + 2].text != ")" {
            continue;
        }
        let acr = toks[k + 1].text;
        if !is_all_caps(acr) || acr.chars().count() > 8 {
            continue;
        }
        // Walk back over capitalised words (allowing "of", "for", "and", "the", "für", "der").
        let mut b = k;
        while b > s {
            let w = &toks[b - 1];
            let glue = matches!(
                w.text,
                "of" | "for" | "and" | "the" | "für" | "der" | "des" | "und"
            ) && b < k;
            if (w.is_word() && w.cap && !w.flags.contains(LexFlags::FUNCTION_WORD)) || glue {
                b -= 1;
            } else {
                break;
            }
            if k - b >= 6 {
                break;
            }
        }
        // Do not start on glue words.
        while b < k && !toks[b].cap {
            b += 1;
        }
        let first = acr.chars().next();
        // Trim from the left until the first word starts with the acronym's initial.
        while b < k && toks[b].text.chars().next() != first {
            b += 1;
        }
        if k - b < 2 {
            continue;
        }
        let ty = if lexicon.org(acr).is_some()
            || toks[b..k].iter().any(|t| {
                t.flags.contains(LexFlags::ORG_CUE) || t.text.to_lowercase().ends_with("agentur")
            }) {
            EntityType::Org
        } else if lexicon.place(acr).is_some() {
            EntityType::Loc
        } else {
            EntityType::Org
        };
        let canonical = lexicon.org(acr).unwrap_or(acr);
        out.push(cand(b, k, ty, Variant::Name, Source::Rule, 0.8, canonical));
        out.push(cand(
            k + 1,
            k + 2,
            ty,
            Variant::Name,
            Source::Rule,
            0.85,
            canonical,
        ));
    }
}

/// English: a capitalised word sequence that contains an organisation cue word
/// ("Korean Central News Agency", "Bank of England").
fn english_org_sequences(toks: &[Tok<'_>], s: usize, e: usize, out: &mut Vec<Cand>) {
    let mut i = s;
    while i < e {
        if !(toks[i].cap && toks[i].is_word())
            || toks[i].flags.contains(LexFlags::FUNCTION_WORD)
            || describes_next(toks[i].text)
        {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < e {
            let w = &toks[j];
            // "Aiwa Co. and Pioneer Electric Corp.": a legal form ends a name.
            let glue = matches!(w.text, "of" | "for" | "and")
                && toks.get(j + 1).is_some_and(|n| n.cap && j + 1 < e)
                && !(w.text == "and" && LEGAL_FORMS.contains(&toks[j - 1].text));
            if (w.is_word() && w.cap) || glue {
                j += 1;
            } else {
                break;
            }
        }
        if j - i >= 2
            && toks[i..j]
                .iter()
                .any(|t| t.flags.contains(LexFlags::ORG_CUE))
        {
            let name = toks[i..j]
                .iter()
                .map(|t| t.text)
                .collect::<Vec<_>>()
                .join(" ");
            out.push(cand(
                i,
                j,
                EntityType::Org,
                Variant::Name,
                Source::Rule,
                0.7,
                &name,
            ));
        }
        i = j;
    }
}

const LEGAL_FORMS: &[&str] = &[
    "AG", "GmbH", "mbH", "SE", "KG", "KGaA", "e.V.", "Inc.", "Inc", "Corp.", "Corp", "Ltd.", "Ltd",
    "LLC", "plc", "PLC", "Co.", "N.V.", "S.A.", "SpA",
];

const CLUB_PREFIXES: &[&str] = &[
    "FC", "SC", "SV", "TSV", "VfB", "VfL", "SpVgg", "TuS", "BSC", "FSV", "1.", "Borussia", "SSV",
    "SK", "SG", "TSG", "VfR", "FV", "BSV", "ASV", "PSV", "KSV", "DJK", "TuRa", "SpVg",
];

/// Ends of German nouns that describe a company rather than name it ("Betreiber",
/// "Energiekonzern", "Autobauer").
const DESCRIPTOR_ENDS: &[&str] = &[
    "betreiber",
    "betreiberin",
    "hersteller",
    "herstellerin",
    "anbieter",
    "konzern",
    "unternehmen",
    "firma",
    "tochter",
    "zulieferer",
    "versicherer",
    "händler",
    "investor",
    "eigentümer",
    "eigentümerin",
    "reederei",
    "rivale",
    "konkurrent",
    "autobauer",
    "bauer",
    "käufer",
    "verkäufer",
    "betrieb",
];

/// True for a word that describes a company ("Betreiber", "Chemiekonzern").
fn is_descriptor(word: &str) -> bool {
    let lower = word.to_lowercase();
    DESCRIPTOR_ENDS.iter().any(|end| lower.ends_with(end))
}

/// Organisation names shaped by a legal form ("Siemens AG", "Acme Corp."), a club prefix
/// ("FC Bayern"), or a capitalised demonym with an organisation cue word ("Deutsche Bank",
/// "Europäische Kommission").
fn org_name_sequences(toks: &[Tok<'_>], s: usize, e: usize, english: bool, out: &mut Vec<Cand>) {
    let name_word = |t: &Tok<'_>| {
        t.is_word()
            && t.cap
            && !t
                .flags
                .intersects(LexFlags::FUNCTION_WORD | LexFlags::PER_CUE)
            && !LEGAL_FORMS.contains(&t.text)
            && !describes_next(t.text)
    };
    for k in s..e {
        let w = toks[k].text;
        if LEGAL_FORMS.contains(&w) && k > s {
            let mut b = k;
            while b > s && k - b < 4 && (name_word(&toks[b - 1]) || toks[b - 1].text == "&") {
                b -= 1;
            }
            while b < k && !name_word(&toks[b]) {
                b += 1;
            }
            // A describing noun in front is not part of the name ("der Betreiber Nordwind
            // Netz AG", "der Energiekonzern RWE AG"); one word before the legal form stays.
            while b + 1 < k && is_descriptor(toks[b].text) {
                b += 1;
            }
            if b < k && !(toks[b].initial && toks[b].is_blocked() && k - b == 1) {
                let name: Vec<&str> = toks[b..=k].iter().map(|t| t.text).collect();
                out.push(cand(
                    b,
                    k + 1,
                    EntityType::Org,
                    Variant::Name,
                    Source::Rule,
                    0.75,
                    &name.join(" "),
                ));
            }
        }
        if CLUB_PREFIXES.contains(&w) && toks[k].kind != TokenKind::Punct {
            let mut j = k + 1;
            while j < e && j - k <= 2 && name_word(&toks[j]) && !toks[j].is_blocked() {
                j += 1;
            }
            if j > k + 1 {
                let name: Vec<&str> = toks[k..j].iter().map(|t| t.text).collect();
                out.push(cand(
                    k,
                    j,
                    EntityType::Org,
                    Variant::Name,
                    Source::Rule,
                    0.75,
                    &name.join(" "),
                ));
            }
        }
        if !english && toks[k].cap && !toks[k].initial && toks[k].flags.contains(LexFlags::DEMONYM)
        {
            let mut j = k + 1;
            while j < e && j - k <= 3 && toks[j].is_word() && toks[j].cap {
                if toks[j].flags.contains(LexFlags::ORG_CUE) {
                    let name: Vec<&str> = toks[k..=j].iter().map(|t| t.text).collect();
                    out.push(cand(
                        k,
                        j + 1,
                        EntityType::Org,
                        Variant::Name,
                        Source::Rule,
                        0.75,
                        &name.join(" "),
                    ));
                    break;
                }
                j += 1;
            }
        }
    }
}

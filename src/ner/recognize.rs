//! Entity recognition for one document: the statistical tagger's chunks, lexicon matches and
//! hand-written rules, combined and then resolved at document level (see [`super::resolve`]).
//!
//! Precision comes first: a capitalised German common noun, an article or a pronoun is never
//! reported on its own, whoever proposes it.

use crate::model::{EntityType, Lang, Source, Span, Variant};
use crate::text::{Sentence, Token, TokenKind, hyphen_parts};

use super::NerError;
use super::english::{self, EnglishLexicon};
use super::lexicon::{LexFlags, Lexicon};
use super::tagger::{Tag, Tagger};

/// One entity mention found in a document, before it is linked to the dossier's registry.
#[derive(Debug, Clone, PartialEq)]
pub struct RawMention {
    /// Byte span in the document text (whole tokens; a `part` mention covers the whole compound).
    pub span: Span,
    /// The type.
    pub entity_type: EntityType,
    /// Name, derived word (`deriv`) or part of a compound (`part`).
    pub variant: Variant,
    /// What found it.
    pub source: Source,
    /// How sure the finder is, 0..=1.
    pub confidence: f32,
    /// The name the mention resolves to within the document ("Nordkoreas" → "Nordkorea",
    /// "Kozlov" → "Alexander Kozlov", "russischen" → "Russland", "NATO-Chef" → "NATO").
    pub canonical: String,
}

/// Something that proposes BIO tags for one sentence (the trained tagger; a stub in tests).
pub(crate) trait SentenceTagger {
    /// A tag and a confidence per token.
    fn tag_sentence(&self, words: &[&str], lexicon: &Lexicon) -> Vec<(Tag, f32)>;

    /// Whether `word` is rare in running German text and no known common noun (the tagger's
    /// word classes); `false` when the tagger cannot tell.
    fn is_rare(&self, word: &str) -> bool {
        let _ = word;
        false
    }
}

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

/// A word token with what the lexicon knows about it.
#[derive(Debug, Clone)]
pub(crate) struct Tok<'a> {
    /// Index into the document's token slice.
    pub index: usize,
    /// The token text.
    pub text: &'a str,
    /// Byte span.
    pub span: Span,
    /// Token kind.
    pub kind: TokenKind,
    /// Lexicon flags.
    pub flags: LexFlags,
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// First word of its sentence (after quotes and punctuation).
    pub initial: bool,
    /// Sentence number.
    pub sentence: usize,
    /// English word flags (`super::english::EN_*`; 0 in other languages).
    pub en: u8,
}

impl Tok<'_> {
    pub(crate) fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    /// Never a name by itself: function words, capitalised common words, German common nouns
    /// that are not also names.
    pub(crate) fn is_blocked(&self) -> bool {
        self.flags
            .intersects(LexFlags::FUNCTION_WORD | LexFlags::COMMON_WORD)
            || (self.flags.contains(LexFlags::COMMON_NOUN)
                && !self.flags.intersects(
                    LexFlags::COUNTRY
                        | LexFlags::TOPONYM
                        | LexFlags::ORG
                        | LexFlags::SURNAME
                        | LexFlags::PROPER_NOUN,
                ))
    }

    /// Could continue or start a person's name: capitalised, not blocked, not a cue, place
    /// or organisation.
    fn is_name_part(&self) -> bool {
        self.is_word()
            && self.cap
            && !self.flags.intersects(
                LexFlags::FUNCTION_WORD
                    | LexFlags::COMMON_WORD
                    | LexFlags::PER_CUE
                    | LexFlags::ORG_CUE
                    | LexFlags::ORG
                    | LexFlags::COUNTRY
                    | LexFlags::DEMONYM,
            )
            && (!self.flags.contains(LexFlags::COMMON_NOUN)
                || self
                    .flags
                    .intersects(LexFlags::FIRST_NAME | LexFlags::SURNAME))
            && !is_all_caps(self.text)
            && !(english::common_only(self.en) && self.en & english::EN_SURNAME == 0)
    }
}

/// A proposed mention over word-token positions `start..end` of the document's `Tok` list.
#[derive(Debug, Clone)]
pub(crate) struct Cand {
    /// First position (into the `Tok` list).
    pub start: usize,
    /// One past the last position.
    pub end: usize,
    /// Type.
    pub ty: EntityType,
    /// Variant.
    pub variant: Variant,
    /// Finder.
    pub source: Source,
    /// Confidence.
    pub conf: f32,
    /// Resolved name.
    pub canonical: String,
}

pub(crate) fn is_all_caps(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && word
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '.' || c == '&')
}

fn is_roman(word: &str) -> bool {
    let word = word.trim_end_matches('.');
    !word.is_empty()
        && word
            .chars()
            .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'M'))
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
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

/// Chunks proposed by the statistical tagger, filtered for precision.
fn model_candidates(
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
fn currency_prefix(toks: &[Tok<'_>], start: usize, end: usize) -> bool {
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
fn declined_adjective(word: &str, lexicon: &Lexicon) -> bool {
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
fn genitive_singular(word: &str, lexicon: &Lexicon) -> bool {
    lexicon.lemma(word).is_some_and(|lemma| {
        word.strip_prefix(lemma)
            .is_some_and(|rest| rest == "s" || rest == "es")
    })
}

/// Model chunks less sure than this are dropped.
const MODEL_FLOOR: f32 = 0.5;
/// The floor for German chunks of listed or unknown names (see [`unknown_name_like`]).
/// Chosen on GermEval folds 0–3 with fold models (`dossier eval ner --pipeline`): the whole
/// recogniser's F1 64.8 → 65.5 there and 63.6 → 65.0 on fold 4; a floor of 0.3 for every chunk
/// scored higher (66.2) but also marked capitalised common nouns ("Kurzvers", "Darin").
const MODEL_FLOOR_NAMES: f32 = 0.3;

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
fn rule_candidates(
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

fn cand(
    start: usize,
    end: usize,
    ty: EntityType,
    variant: Variant,
    source: Source,
    conf: f32,
    canonical: &str,
) -> Cand {
    Cand {
        start,
        end,
        ty,
        variant,
        source,
        conf,
        canonical: canonical.to_string(),
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
            .then(|| super::recognize_en::title_case(t.text))
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

/// Lower-case particles that open the last part of a personal name ("von", "van", "de",
/// "bin" …; "der"/"den" only after one of them).
pub(crate) fn is_name_particle(w: &str) -> bool {
    matches!(
        w,
        "von"
            | "vom"
            | "zu"
            | "van"
            | "ter"
            | "de"
            | "del"
            | "della"
            | "da"
            | "di"
            | "du"
            | "dos"
            | "bin"
            | "ibn"
            | "al"
            | "el"
    )
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

/// The part of a hyphenated word before its last hyphen ("York" of "York-based"); the word
/// itself when it has none.
pub(crate) fn hyphen_head(word: &str) -> &str {
    word.rsplit_once('-').map_or(word, |(head, _)| head)
}

/// "Britain-based", "Tokyo-based": a compound with a lower-case tail describes the name after
/// it; it is not part of it.
pub(crate) fn describes_next(word: &str) -> bool {
    word.rsplit_once('-')
        .is_some_and(|(_, tail)| tail.chars().next().is_some_and(char::is_lowercase))
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

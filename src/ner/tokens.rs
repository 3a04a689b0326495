//! What the recognisers share: the mention they report ([`RawMention`]), the word tokens they
//! work on ([`Tok`]), candidate mentions ([`Cand`]), the tagger's interface
//! ([`SentenceTagger`]) and word predicates. Every recogniser file depends on this one; it
//! depends on none of them.

use crate::model::{EntityType, Source, Span, Variant};
use crate::text::TokenKind;

use super::english;
use super::lexicon::{LexFlags, Lexicon};
use super::tagger::Tag;

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
    pub(crate) fn is_name_part(&self) -> bool {
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

pub(crate) fn cand(
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

pub(crate) fn is_all_caps(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && word
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '.' || c == '&')
}

pub(crate) fn is_roman(word: &str) -> bool {
    let word = word.trim_end_matches('.');
    !word.is_empty()
        && word
            .chars()
            .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'M'))
}

pub(crate) fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
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

/// A candidate found by a hand-written rule ([`Source::Rule`]).
pub(crate) fn rule_cand(
    start: usize,
    end: usize,
    ty: EntityType,
    variant: Variant,
    conf: f32,
    canonical: &str,
) -> Cand {
    cand(start, end, ty, variant, Source::Rule, conf, canonical)
}

/// "O'SMACH" → "O'Smach", "NEW" → "New".
pub(crate) fn title_case(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    let mut start = true;
    for c in w.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = matches!(c, '\'' | '-' | ' ');
    }
    out
}

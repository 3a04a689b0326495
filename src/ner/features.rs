//! Feature extraction for the sequence tagger.
//!
//! Features are hashed on the fly to 64-bit keys (template id mixed with the hash of the value),
//! written into a reusable buffer: no string is allocated per token. Per-token properties (word,
//! lower case, shape, affixes, hyphen parts, lexicon flags) are computed once per token and
//! combined with the neighbours' properties.

/// Something that knows lexicon flags for a word (implemented by the lexicon of `ner::lexicon`;
/// the tagger works without one).
pub trait LexLookup {
    /// Bit flags for `word` (COUNTRY, CITY, FIRST_NAME, COMMON_NOUN, …); 0 when unknown.
    fn lex_flags(&self, word: &str) -> u32;
}

/// Feature-group switches of the extractor (stored in the model so that tagging uses the same
/// features as training).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeatureExtractor {
    bits: u32,
}

/// The model was trained with lexicon flags: tagging uses the given lexicon, or the embedded
/// one when none is given.
pub const OPT_LEXICON: u32 = 1;
/// Use the common-noun list stored in the model.
pub const OPT_COMMON_NOUNS: u32 = 2;
/// Word bigrams with the neighbours.
pub const OPT_BIGRAMS: u32 = 4;
/// Words two positions away.
pub const OPT_WINDOW2: u32 = 8;
/// Quote context (inside a quoted stretch).
pub const OPT_QUOTES: u32 = 16;
/// Prefixes and suffixes of 5 characters.
pub const OPT_AFFIX5: u32 = 32;
/// Word classes of the words two positions away, and of the neighbours combined with the
/// word's capitalisation.
pub const OPT_CLS2: u32 = 64;
/// Neighbouring word combined with the word's short shape.
pub const OPT_WORD_SHAPE: u32 = 128;
/// Inside parentheses.
pub const OPT_PAREN: u32 = 256;
/// Derive [`WC_LOWER_DATA`] from the training data (used by training only; the flags are stored
/// in the word-class table).
pub const OPT_LOWER_SEEN: u32 = 512;
/// Compound analysis of capitalised words: the word class and the form of the longest known
/// noun the word ends with ("Donauinselfest" → "Fest"), and the class of the longest name it
/// starts with ("Donau…" → toponym).
pub const OPT_COMPOUND: u32 = 1024;
/// Place adjectives in `-er` ("Essener", "Münchner", "Bremer"): the word class of the place
/// name the word derives from.
pub const OPT_DERIV_ER: u32 = 2048;

/// Word class: common noun (Wiktionary).
pub const WC_COMMON_NOUN: u32 = 1;
/// Word class: toponym.
pub const WC_TOPONYM: u32 = 2;
/// Word class: first name.
pub const WC_FIRST_NAME: u32 = 4;
/// Word class: surname.
pub const WC_SURNAME: u32 = 8;
/// Word class: other proper noun.
pub const WC_PROPER: u32 = 16;
/// Word class: abbreviation.
pub const WC_ABBREV: u32 = 32;
/// Word class: city name (one word).
pub const WC_CITY: u32 = 64;
/// Word class: word of a multi-word city name.
pub const WC_CITY_PART: u32 = 128;
/// Word class: country name (one word).
pub const WC_COUNTRY: u32 = 256;
/// Word class: word of a multi-word country name.
pub const WC_COUNTRY_PART: u32 = 512;
/// Word class: adjectivally declined noun.
pub const WC_ADJ_NOUN: u32 = 1024;
/// Word class: street name.
pub const WC_STREET: u32 = 2048;
/// Word class: genitive of a city or country name.
pub const WC_NAME_GENITIVE: u32 = 4096;
/// Word class: first name in the US census lists.
pub const WC_CENSUS_FIRST: u32 = 8192;
/// Word class: frequent surname in the US census lists.
pub const WC_CENSUS_LAST: u32 = 16384;
/// Word class: the training data shows the word capitalised only as a common noun.
pub const WC_COMMON_DATA: u32 = 1 << 15;
/// Word class: annotated as a person in the Europeana newspapers.
pub const WC_GAZ_PER: u32 = 1 << 16;
/// Word class: annotated as a location in the Europeana newspapers.
pub const WC_GAZ_LOC: u32 = 1 << 17;
/// Word class: annotated as an organisation in the Europeana newspapers.
pub const WC_GAZ_ORG: u32 = 1 << 18;
/// Word class: the lower-case form of this capitalised word occurs in lower case in the
/// training data (an adjective, verb or function word capitalised at the sentence start or in
/// a name).
pub const WC_LOWER_DATA: u32 = 1 << 19;
/// Genitive `-s`/`-es` of a known name ("Hannovers", "Nerudas"): the name's word classes.
pub const OPT_GENITIVE: u32 = 4096;

/// Word class: a demonym adjective ("russischen", hand list `assets/lexicon/hand/demonyms.tsv`).
pub const WC_DEMONYM: u32 = 1 << 20;
/// Word class: an organisation cue word ("Partei", "GmbH", hand list `org_cues.txt`).
pub const WC_ORG_CUE: u32 = 1 << 21;
/// Word class: a title or role before a person's name ("Präsident", hand list `per_cues.txt`).
pub const WC_PER_CUE: u32 = 1 << 22;
/// Word class: frequency band of a lower-case word in running German text (three bits at
/// [`WC_FREQ_SHIFT`], 1 = frequent … 7 = rare, 0 = not in the list; PyPI `wordfreq`).
pub const WC_FREQ_MASK: u32 = 7 << WC_FREQ_SHIFT;
/// Position of the frequency band in the word-class flags.
pub const WC_FREQ_SHIFT: u32 = 23;
/// Word class: a city name or alternate name in GeoNames (one word).
pub const WC_GEO_NAME: u32 = 1 << 26;
/// Word class: a first name of some locale (PyPI `Faker`).
pub const WC_INTL_FIRST: u32 = 1 << 27;
/// Word class: a surname of some locale (PyPI `Faker`).
pub const WC_INTL_LAST: u32 = 1 << 28;
/// Word class: (a word of) a well-known organisation name (hand list `org_names.txt`).
pub const WC_ORG_NAME: u32 = 1 << 29;
/// Frequency band of the word's lower-case form as features.
pub const OPT_FREQ: u32 = 8192;
/// Frequency band and capitalisation of the neighbouring words.
pub const OPT_FREQ_NEIGHBOURS: u32 = 16384;
/// Runs of capitalised words: the run's length and the word's position in it.
pub const OPT_CAP_RUN: u32 = 32768;
/// Frequency band of a capitalised word combined with each word class of its neighbours
/// ("Vorname + rare capitalised word", "rare capitalised word + GmbH").
pub const OPT_FREQ_X_CLS: u32 = 65536;
/// Number of word-class bits used as features (the frequency bits are masked out first).
const WC_BITS: u64 = 30;
/// Word classes that mark a name.
const WC_NAMES: u32 =
    WC_TOPONYM | WC_FIRST_NAME | WC_SURNAME | WC_PROPER | WC_CITY | WC_COUNTRY | WC_STREET;

impl Default for FeatureExtractor {
    /// Word-class features, compound analysis, `-er` place adjectives, word-frequency bands
    /// and bands × neighbouring word classes on; word bigrams, ±2 words and quote context off
    /// (they lowered held-out F1 on the small training set). Lexicon features are switched on
    /// by training with a lexicon.
    fn default() -> Self {
        FeatureExtractor {
            bits: OPT_COMMON_NOUNS | OPT_COMPOUND | OPT_DERIV_ER | OPT_FREQ | OPT_FREQ_X_CLS,
        }
    }
}

impl FeatureExtractor {
    /// An extractor with exactly the given option bits.
    pub fn from_bits(bits: u32) -> Self {
        FeatureExtractor { bits }
    }

    /// The option bits.
    pub fn to_bits(self) -> u32 {
        self.bits
    }

    /// Whether option `opt` is on.
    pub fn has(self, opt: u32) -> bool {
        self.bits & opt != 0
    }
}

/// A word → word-class flags table keyed by the word's 64-bit hash (no strings kept).
#[derive(Debug, Clone, Default)]
pub struct WordClasses {
    /// Open addressing: `(high 32 bits of the hash, flags)`, flags 0 = empty slot; the low
    /// bits of the hash pick the slot.
    slots: Vec<(u32, u32)>,
    /// The full `(hash, flags)` pairs, sorted (kept for serialisation).
    pairs: Vec<(u64, u32)>,
    len: usize,
}

impl WordClasses {
    /// Builds the table from `(word hash, flags)` pairs (zero flags are skipped). With `keep`,
    /// the pairs are kept for [`WordClasses::sorted_pairs`] (training); a loaded model drops
    /// them.
    pub fn from_hashed(pairs: &[(u64, u32)], keep: bool) -> Self {
        let mut merged: Vec<(u64, u32)> = pairs.iter().copied().filter(|p| p.1 != 0).collect();
        merged.sort_unstable();
        merged.dedup_by(|b, a| {
            if a.0 == b.0 {
                a.1 |= b.1;
                true
            } else {
                false
            }
        });
        let n = merged.len();
        let cap = (n.max(1) + n / 3 + 1).next_power_of_two();
        let mask = cap - 1;
        let mut slots = vec![(0u32, 0u32); cap];
        for &(h, f) in &merged {
            let mut i = (h as usize) & mask;
            while slots[i].1 != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = ((h >> 32) as u32, f);
        }
        WordClasses {
            slots,
            len: n,
            pairs: Vec::new(),
        }
        .with_pairs(if keep { merged } else { Vec::new() })
    }

    fn with_pairs(mut self, pairs: Vec<(u64, u32)>) -> Self {
        self.pairs = pairs;
        self
    }

    /// Builds the table from words.
    pub fn from_words<'a>(words: impl IntoIterator<Item = (&'a str, u32)>) -> Self {
        let pairs: Vec<(u64, u32)> = words.into_iter().map(|(w, f)| (word_hash(w), f)).collect();
        Self::from_hashed(&pairs, true)
    }

    /// Flags of the word with hash `h` (0 when unknown).
    #[inline]
    pub fn get_hash(&self, h: u64) -> u32 {
        if self.slots.is_empty() {
            return 0;
        }
        let mask = self.slots.len() - 1;
        let mut i = (h as usize) & mask;
        let fp = (h >> 32) as u32;
        loop {
            let (k, f) = self.slots[i];
            if f == 0 {
                return 0;
            }
            if k == fp {
                return f;
            }
            i = (i + 1) & mask;
        }
    }

    /// Flags of `word` (0 when unknown).
    pub fn get(&self, word: &str) -> u32 {
        self.get_hash(word_hash(word))
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The `(hash, flags)` pairs sorted by hash (empty for a table built without `keep`).
    pub fn sorted_pairs(&self) -> Vec<(u64, u32)> {
        self.pairs.clone()
    }

    /// Heap bytes.
    pub fn memory_bytes(&self) -> usize {
        self.slots.len() * 8 + self.pairs.len() * 16
    }
}

/// The hash under which a word is looked up in [`WordClasses`].
#[inline]
pub fn word_hash(word: &str) -> u64 {
    fnv(word.as_bytes())
}

/// FNV-1a over bytes.
#[inline]
fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Mixes a template id and a value hash into a feature key.
#[inline]
fn mix(template: u64, value: u64) -> u64 {
    let mut z = value ^ template.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[inline]
fn pair(a: u64, b: u64) -> u64 {
    mix(a, b.rotate_left(17) ^ 0x5555)
}

// Per-token boolean properties.
const F_CAP: u32 = 1;
const F_ALLCAPS: u32 = 2;
const F_DIGIT: u32 = 4;
const F_HYPHEN: u32 = 8;
const F_PUNCT: u32 = 16;
const F_FIRST: u32 = 32;
const F_LOWER: u32 = 64;
const F_COMMON: u32 = 128;
const F_QUOTE_INSIDE: u32 = 256;
const F_IS_QUOTE: u32 = 512;
const F_HY_LAST_COMMON: u32 = 1024;
const F_HY_LAST_LOWER: u32 = 2048;
const F_PAREN_INSIDE: u32 = 4096;

#[derive(Debug, Clone, Copy, Default)]
struct TokInfo {
    word: u64,
    lower: u64,
    shape: u64,
    short: u64,
    pre: [u64; 5],
    suf: [u64; 5],
    flags: u32,
    lex: u32,
    lex_lower: u32,
    len: u32,
    hy_first: u64,
    hy_last: u64,
    hy_first_short: u64,
    hy_last_short: u64,
    hy_first_lex: u32,
    hy_last_lex: u32,
    cls: u32,
    hy_first_cls: u32,
    hy_last_cls: u32,
    head_cls: u32,
    head: u64,
    modifier_cls: u32,
    deriv_cls: u32,
    genitive_cls: u32,
    freq: u32,
}

const BOS: u64 = 0x0b05_0b05_0b05_0b05;
const EOS: u64 = 0x0e05_0e05_0e05_0e05;

fn shape_class(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else if c.is_alphabetic() {
        'a'
    } else {
        c
    }
}

fn is_quote(word: &str) -> bool {
    matches!(
        word,
        "\"" | "„" | "“" | "”" | "«" | "»" | "‚" | "‘" | "’" | "'" | "``" | "''" | "‹" | "›"
    )
}

/// Word-level shape: full shape (runs longer than 4 collapsed), short shape (all runs collapsed).
fn shapes(word: &str, buf_full: &mut String, buf_short: &mut String) {
    buf_full.clear();
    buf_short.clear();
    let mut last = '\0';
    let mut run = 0;
    for c in word.chars() {
        let s = shape_class(c);
        if s == last {
            run += 1;
        } else {
            run = 1;
            buf_short.push(s);
        }
        if run <= 4 {
            buf_full.push(s);
        }
        last = s;
    }
}

fn lower_into(word: &str, buf: &mut String) {
    buf.clear();
    for c in word.chars() {
        if c.is_ascii() {
            buf.push(c.to_ascii_lowercase());
        } else {
            buf.extend(c.to_lowercase());
        }
    }
}

// Template ids.
mod t {
    pub const BIAS: u64 = 1;
    pub const WORD: u64 = 2;
    pub const LOWER: u64 = 3;
    pub const PRE: u64 = 10; // +k
    pub const SUF: u64 = 20; // +k
    pub const SHAPE: u64 = 30;
    pub const SHORT: u64 = 31;
    pub const FLAG: u64 = 32;
    pub const LEN: u64 = 33;
    pub const FIRST_LOWER: u64 = 34;
    pub const CAPPOS: u64 = 35;
    pub const L_M1: u64 = 40;
    pub const L_M2: u64 = 41;
    pub const L_P1: u64 = 42;
    pub const L_P2: u64 = 43;
    pub const SH_M1: u64 = 44;
    pub const SH_P1: u64 = 45;
    pub const BI_M1: u64 = 46;
    pub const BI_P1: u64 = 47;
    pub const SUF3_M1: u64 = 48;
    pub const SH_TRI: u64 = 49;
    pub const HY_FIRST: u64 = 50;
    pub const HY_LAST: u64 = 51;
    pub const HY_FIRST_SH: u64 = 52;
    pub const HY_LAST_SH: u64 = 53;
    pub const HY_FIRST_LEX: u64 = 54;
    pub const HY_LAST_LEX: u64 = 55;
    pub const LEX: u64 = 60;
    pub const LEX_LOWER: u64 = 61;
    pub const LEX_M1: u64 = 62;
    pub const LEX_P1: u64 = 63;
    pub const LEX_CAP: u64 = 64;
    pub const FLAG_M1: u64 = 70;
    pub const FLAG_P1: u64 = 71;
    pub const CLS: u64 = 80;
    pub const CLS_CAP: u64 = 81;
    pub const CLS_M1: u64 = 82;
    pub const CLS_P1: u64 = 83;
    pub const CLS_HY_FIRST: u64 = 84;
    pub const CLS_HY_LAST: u64 = 85;
    pub const CLS_NONE_CAP: u64 = 86;
    pub const CLS_M2: u64 = 87;
    pub const CLS_P2: u64 = 88;
    pub const CLS_M1_CAP: u64 = 89;
    pub const CLS_P1_CAP: u64 = 90;
    pub const W_SH_M1: u64 = 91;
    pub const W_SH_P1: u64 = 92;
    pub const HEAD_CLS: u64 = 93;
    pub const HEAD: u64 = 94;
    pub const MOD_CLS: u64 = 95;
    pub const NO_HEAD: u64 = 96;
    pub const DERIV_ER: u64 = 97;
    pub const GENITIVE: u64 = 98;
    pub const FREQ: u64 = 99;
    pub const FREQ_CLS: u64 = 100;
    pub const FREQ_M1: u64 = 103;
    pub const FREQ_P1: u64 = 104;
    pub const CAP_RUN: u64 = 105;
    pub const FREQ_X_M1: u64 = 106;
    pub const FREQ_X_P1: u64 = 107;
}

/// Word classes a compound's modifier or a derived adjective's base may have.
const WC_PLACE_LIKE: u32 = WC_TOPONYM | WC_CITY | WC_COUNTRY;

/// The longest known noun that `word` (capitalised, ≥ 6 characters) ends with, leaving at
/// least 3 characters before it: `(its classes, hash of its lower-case form)`, or zeros.
fn compound_head(
    word: &str,
    nchars: usize,
    class_of: &dyn Fn(u64) -> u32,
    buf: &mut String,
) -> (u32, u64) {
    for (k, (b, c)) in word.char_indices().enumerate() {
        if k < 3 {
            continue;
        }
        if nchars - k < 3 {
            break;
        }
        let rest = &word[b + c.len_utf8()..];
        buf.clear();
        buf.extend(c.to_uppercase());
        buf.push_str(rest);
        let f = class_of(fnv(buf.as_bytes()));
        if f & (WC_COMMON_NOUN | WC_COMMON_DATA | WC_PLACE_LIKE) != 0 {
            lower_into(&word[b..], buf);
            return (f, fnv(buf.as_bytes()));
        }
    }
    (0, 0)
}

/// Classes of the longest place-like name (≥ 4 characters) that `word` starts with, leaving
/// at least 3 characters after it.
fn compound_modifier(word: &str, nchars: usize, class_of: &dyn Fn(u64) -> u32) -> u32 {
    let ends: Vec<usize> = word
        .char_indices()
        .map(|(b, _)| b)
        .skip(4)
        .take(nchars.saturating_sub(6))
        .collect();
    for &b in ends.iter().rev() {
        let f = class_of(fnv(&word.as_bytes()[..b]));
        if f & WC_PLACE_LIKE != 0 {
            return f & WC_PLACE_LIKE;
        }
    }
    0
}

/// Name classes of the word a capitalised genitive (`-s`, `-es`) is formed from
/// ("Hannovers" ← Hannover, "Griechenlandes" ← Griechenland); 0 when the word itself is known.
fn genitive_base(word: &str, class_of: &dyn Fn(u64) -> u32) -> u32 {
    let Some(stem) = word.strip_suffix('s') else {
        return 0;
    };
    if stem.chars().count() < 3 || class_of(fnv(word.as_bytes())) != 0 {
        return 0;
    }
    let mut f = class_of(fnv(stem.as_bytes()));
    if let Some(s2) = stem.strip_suffix('e') {
        f |= class_of(fnv(s2.as_bytes()));
    }
    f & (WC_NAMES | WC_CENSUS_FIRST | WC_CENSUS_LAST)
}

/// Classes of the place a capitalised `-er` adjective derives from ("Essener" ← Essen,
/// "Bremer" ← Bremen, "Münchner" ← München).
fn deriv_er(word: &str, class_of: &dyn Fn(u64) -> u32, buf: &mut String) -> u32 {
    let Some(stem) = word.strip_suffix("er") else {
        return 0;
    };
    if stem.chars().count() < 3 {
        return 0;
    }
    let mut f = class_of(fnv(stem.as_bytes()));
    for ending in ["en", "e"] {
        buf.clear();
        buf.push_str(stem);
        buf.push_str(ending);
        f |= class_of(fnv(buf.as_bytes()));
    }
    if let Some(s2) = stem.strip_suffix('n') {
        buf.clear();
        buf.push_str(s2);
        buf.push_str("en");
        f |= class_of(fnv(buf.as_bytes()));
    }
    f & WC_PLACE_LIKE
}

impl FeatureExtractor {
    /// Extracts the features of every token of a sentence: the keys of token `i` are
    /// `feats[offsets[i]..offsets[i + 1]]`. Both buffers are cleared first.
    pub fn extract(
        &self,
        tokens: &[&str],
        lexicon: Option<&dyn LexLookup>,
        classes: Option<&WordClasses>,
        feats: &mut Vec<u64>,
        offsets: &mut Vec<usize>,
    ) {
        feats.clear();
        offsets.clear();
        let lexicon = if self.has(OPT_LEXICON) { lexicon } else { None };
        let classes = if self.has(OPT_COMMON_NOUNS) {
            classes
        } else {
            None
        };
        let class_of = |h: u64| -> u32 { classes.map_or(0, |c| c.get_hash(h)) & !WC_FREQ_MASK };
        let freq_of = |h: u64| -> u32 { classes.map_or(0, |c| c.get_hash(h)) & WC_FREQ_MASK };
        let mut cap_last = String::new();
        let mut lower = String::new();
        let mut full = String::new();
        let mut short = String::new();
        let mut part_lower = String::new();
        let mut info: Vec<TokInfo> = Vec::with_capacity(tokens.len());
        let mut inside_quotes = false;
        let mut paren_depth = 0u32;
        let n_affix = if self.has(OPT_AFFIX5) { 5 } else { 4 };
        for (i, &word) in tokens.iter().enumerate() {
            let mut ti = TokInfo {
                word: fnv(word.as_bytes()),
                ..TokInfo::default()
            };
            lower_into(word, &mut lower);
            ti.lower = fnv(lower.as_bytes());
            shapes(word, &mut full, &mut short);
            ti.shape = fnv(full.as_bytes());
            ti.short = fnv(short.as_bytes());
            let mut nchars = 0usize;
            for (k, (b, c)) in lower.char_indices().enumerate() {
                let end = b + c.len_utf8();
                if k < n_affix {
                    ti.pre[k] = fnv(&lower.as_bytes()[..end]);
                }
                nchars = k + 1;
            }
            for (k, (b, _)) in lower.char_indices().rev().take(n_affix).enumerate() {
                ti.suf[k] = fnv(&lower.as_bytes()[b..]);
            }
            ti.len = nchars as u32;
            let mut chars = word.chars();
            let first = chars.next();
            if first.is_some_and(|c| c.is_uppercase()) {
                ti.flags |= F_CAP;
            }
            if first.is_some_and(|c| c.is_lowercase()) {
                ti.flags |= F_LOWER;
            }
            let letters = word.chars().filter(|c| c.is_alphabetic()).count();
            if letters >= 2 && word.chars().all(|c| !c.is_lowercase()) {
                ti.flags |= F_ALLCAPS;
            }
            if word.chars().any(|c| c.is_numeric()) {
                ti.flags |= F_DIGIT;
            }
            if word.chars().all(|c| !c.is_alphanumeric()) {
                ti.flags |= F_PUNCT;
            }
            if i == 0 {
                ti.flags |= F_FIRST;
            }
            if is_quote(word) {
                ti.flags |= F_IS_QUOTE;
                inside_quotes = !inside_quotes;
            } else if inside_quotes && self.has(OPT_QUOTES) {
                ti.flags |= F_QUOTE_INSIDE;
            }
            if self.has(OPT_PAREN) {
                match word {
                    "(" => paren_depth += 1,
                    ")" => paren_depth = paren_depth.saturating_sub(1),
                    _ if paren_depth > 0 => ti.flags |= F_PAREN_INSIDE,
                    _ => {}
                }
            }
            ti.cls = class_of(ti.word);
            if self.has(OPT_FREQ) {
                ti.freq = freq_of(ti.lower) >> WC_FREQ_SHIFT;
            }
            if ti.flags & F_CAP != 0
                && ti.cls & (WC_COMMON_NOUN | WC_COMMON_DATA) != 0
                && ti.cls & WC_NAMES == 0
            {
                ti.flags |= F_COMMON;
            }
            if ti.flags & F_CAP != 0 && classes.is_some() {
                if self.has(OPT_COMPOUND) && ti.len >= 6 && !word.contains('-') {
                    let (hc, h) = compound_head(word, ti.len as usize, &class_of, &mut part_lower);
                    ti.head_cls = hc;
                    ti.head = h;
                    ti.modifier_cls = compound_modifier(word, ti.len as usize, &class_of);
                }
                if self.has(OPT_DERIV_ER) {
                    ti.deriv_cls = deriv_er(word, &class_of, &mut part_lower);
                }
                if self.has(OPT_GENITIVE) {
                    ti.genitive_cls = genitive_base(word, &class_of);
                }
            }
            if let Some(lex) = lexicon {
                ti.lex = lex.lex_flags(word);
                ti.lex_lower = lex.lex_flags(&lower);
            }
            if word.len() > 1 && word.contains('-') {
                let parts = word.split('-').filter(|p| !p.is_empty());
                let mut first_part: Option<&str> = None;
                let mut last_part: Option<&str> = None;
                for p in parts {
                    if first_part.is_none() {
                        first_part = Some(p);
                    }
                    last_part = Some(p);
                }
                if let (Some(fp), Some(lp)) = (first_part, last_part) {
                    ti.flags |= F_HYPHEN;
                    lower_into(fp, &mut part_lower);
                    ti.hy_first = fnv(part_lower.as_bytes());
                    shapes(fp, &mut full, &mut short);
                    ti.hy_first_short = fnv(short.as_bytes());
                    ti.hy_first_cls = class_of(fnv(fp.as_bytes()));
                    if let Some(lex) = lexicon {
                        ti.hy_first_lex = lex.lex_flags(fp);
                    }
                    lower_into(lp, &mut part_lower);
                    ti.hy_last = fnv(part_lower.as_bytes());
                    shapes(lp, &mut full, &mut short);
                    ti.hy_last_short = fnv(short.as_bytes());
                    if lp.chars().next().is_some_and(|c| c.is_lowercase()) {
                        ti.flags |= F_HY_LAST_LOWER;
                    }
                    // The last part of a compound is capitalised in the lexicon ("-Chef" → "Chef").
                    cap_last.clear();
                    let mut lc = lp.chars();
                    if let Some(c0) = lc.next() {
                        cap_last.extend(c0.to_uppercase());
                        cap_last.push_str(lc.as_str());
                    }
                    ti.hy_last_cls = class_of(fnv(cap_last.as_bytes()));
                    if ti.hy_last_cls & (WC_COMMON_NOUN | WC_COMMON_DATA) != 0 {
                        ti.flags |= F_HY_LAST_COMMON;
                    }
                    if let Some(lex) = lexicon {
                        ti.hy_last_lex = lex.lex_flags(lp);
                    }
                }
            }
            info.push(ti);
        }

        let n = info.len();
        let lower_at = |j: isize| -> u64 {
            if j < 0 {
                BOS
            } else if j as usize >= n {
                EOS
            } else {
                info[j as usize].lower
            }
        };
        let short_at = |j: isize| -> u64 {
            if j < 0 {
                BOS
            } else if j as usize >= n {
                EOS
            } else {
                info[j as usize].short
            }
        };
        for i in 0..n {
            offsets.push(feats.len());
            let ti = &info[i];
            let ii = i as isize;
            feats.push(mix(t::BIAS, 0));
            feats.push(mix(t::WORD, ti.word));
            feats.push(mix(t::LOWER, ti.lower));
            for k in 0..n_affix {
                if (k as u32) < ti.len {
                    feats.push(mix(t::PRE + k as u64, ti.pre[k]));
                    feats.push(mix(t::SUF + k as u64, ti.suf[k]));
                }
            }
            feats.push(mix(t::SHAPE, ti.shape));
            feats.push(mix(t::SHORT, ti.short));
            for bit in 0..13 {
                if ti.flags & (1 << bit) != 0 {
                    feats.push(mix(t::FLAG, bit));
                }
            }
            feats.push(mix(t::LEN, ti.len.min(12) as u64));
            let first = ti.flags & F_FIRST != 0;
            let cap = ti.flags & F_CAP != 0;
            if first {
                feats.push(mix(t::FIRST_LOWER, ti.lower));
            }
            feats.push(mix(
                t::CAPPOS,
                (cap as u64) | ((first as u64) << 1) | (((ti.flags & F_COMMON != 0) as u64) << 2),
            ));
            feats.push(mix(t::L_M1, lower_at(ii - 1)));
            feats.push(mix(t::L_P1, lower_at(ii + 1)));
            if self.has(OPT_WINDOW2) {
                feats.push(mix(t::L_M2, lower_at(ii - 2)));
                feats.push(mix(t::L_P2, lower_at(ii + 2)));
            }
            feats.push(mix(t::SH_M1, short_at(ii - 1)));
            feats.push(mix(t::SH_P1, short_at(ii + 1)));
            feats.push(mix(
                t::SH_TRI,
                pair(pair(short_at(ii - 1), ti.short), short_at(ii + 1)),
            ));
            if self.has(OPT_WORD_SHAPE) {
                feats.push(mix(t::W_SH_M1, pair(lower_at(ii - 1), ti.short)));
                feats.push(mix(t::W_SH_P1, pair(ti.short, lower_at(ii + 1))));
            }
            if self.has(OPT_BIGRAMS) {
                feats.push(mix(t::BI_M1, pair(lower_at(ii - 1), ti.lower)));
                feats.push(mix(t::BI_P1, pair(ti.lower, lower_at(ii + 1))));
            }
            if i > 0 {
                let p = &info[i - 1];
                if p.len >= 3 {
                    feats.push(mix(t::SUF3_M1, p.suf[2]));
                }
                for bit in [F_CAP, F_COMMON, F_PUNCT, F_ALLCAPS] {
                    if p.flags & bit != 0 {
                        feats.push(mix(t::FLAG_M1, bit as u64));
                    }
                }
            }
            if i + 1 < n {
                let q = &info[i + 1];
                for bit in [F_CAP, F_COMMON, F_PUNCT, F_ALLCAPS] {
                    if q.flags & bit != 0 {
                        feats.push(mix(t::FLAG_P1, bit as u64));
                    }
                }
            }
            if ti.flags & F_HYPHEN != 0 {
                feats.push(mix(t::HY_FIRST, ti.hy_first));
                feats.push(mix(t::HY_LAST, ti.hy_last));
                feats.push(mix(t::HY_FIRST_SH, ti.hy_first_short));
                feats.push(mix(t::HY_LAST_SH, ti.hy_last_short));
                for bit in 0..32u64 {
                    if ti.hy_first_lex & (1 << bit) != 0 {
                        feats.push(mix(t::HY_FIRST_LEX, bit));
                    }
                    if ti.hy_last_lex & (1 << bit) != 0 {
                        feats.push(mix(t::HY_LAST_LEX, bit));
                    }
                }
            }
            if ti.cls != 0 {
                for bit in 0..WC_BITS {
                    if ti.cls & (1 << bit) != 0 {
                        feats.push(mix(t::CLS, bit));
                        feats.push(mix(t::CLS_CAP, bit * 4 + (cap as u64) * 2 + first as u64));
                    }
                }
            } else if cap {
                feats.push(mix(t::CLS_NONE_CAP, first as u64));
            }
            if self.has(OPT_COMPOUND) && cap && ti.len >= 6 && ti.flags & F_HYPHEN == 0 {
                if ti.head_cls != 0 {
                    for bit in 0..WC_BITS {
                        if ti.head_cls & (1 << bit) != 0 {
                            feats.push(mix(t::HEAD_CLS, bit));
                        }
                    }
                    feats.push(mix(t::HEAD, ti.head));
                } else if ti.cls == 0 {
                    feats.push(mix(t::NO_HEAD, first as u64));
                }
                for bit in 0..WC_BITS {
                    if ti.modifier_cls & (1 << bit) != 0 {
                        feats.push(mix(t::MOD_CLS, bit));
                    }
                }
            }
            if ti.freq != 0 || (self.has(OPT_FREQ) && ti.flags & F_PUNCT == 0) {
                let capbit = (cap as u64) * 2 + first as u64;
                feats.push(mix(t::FREQ, ti.freq as u64 * 4 + capbit));
                feats.push(mix(
                    t::FREQ_CLS,
                    ti.freq as u64 * 8 + capbit * 2 + (ti.cls == 0) as u64,
                ));
            }
            if self.has(OPT_FREQ_NEIGHBOURS) {
                for (j, tm) in [(ii - 1, t::FREQ_M1), (ii + 1, t::FREQ_P1)] {
                    if j < 0 || j as usize >= n {
                        continue;
                    }
                    let o = &info[j as usize];
                    let ocap = (o.flags & F_CAP != 0) as u64;
                    feats.push(mix(tm, o.freq as u64 * 8 + ocap * 4 + (cap as u64) * 2));
                }
            }
            if self.has(OPT_FREQ_X_CLS) && cap {
                for (j, tm) in [(ii - 1, t::FREQ_X_M1), (ii + 1, t::FREQ_X_P1)] {
                    if j < 0 || j as usize >= n {
                        continue;
                    }
                    let c = info[j as usize].cls;
                    for bit in 0..WC_BITS {
                        if c & (1 << bit) != 0 {
                            feats.push(mix(tm, ti.freq as u64 * 64 + bit));
                        }
                    }
                }
            }
            if self.has(OPT_CAP_RUN) && cap {
                let mut start = i;
                while start > 0 && info[start - 1].flags & F_CAP != 0 {
                    start -= 1;
                }
                let mut end = i + 1;
                while end < n && info[end].flags & F_CAP != 0 {
                    end += 1;
                }
                let len = (end - start).min(4) as u64;
                let pos = (i - start).min(3) as u64;
                let last = (end == i + 1) as u64;
                feats.push(mix(t::CAP_RUN, len * 16 + pos * 2 + last));
            }
            if ti.genitive_cls != 0 {
                for bit in 0..WC_BITS {
                    if ti.genitive_cls & (1 << bit) != 0 {
                        feats.push(mix(t::GENITIVE, bit));
                    }
                }
            }
            if ti.deriv_cls != 0 {
                for bit in 0..WC_BITS {
                    if ti.deriv_cls & (1 << bit) != 0 {
                        feats.push(mix(t::DERIV_ER, bit));
                    }
                }
            }
            for bit in 0..WC_BITS {
                if ti.hy_first_cls & (1 << bit) != 0 {
                    feats.push(mix(t::CLS_HY_FIRST, bit));
                }
                if ti.hy_last_cls & (1 << bit) != 0 {
                    feats.push(mix(t::CLS_HY_LAST, bit));
                }
            }
            if i > 0 {
                let c = info[i - 1].cls;
                for bit in 0..WC_BITS {
                    if c & (1 << bit) != 0 {
                        feats.push(mix(t::CLS_M1, bit));
                    }
                }
            }
            if i + 1 < n {
                let c = info[i + 1].cls;
                for bit in 0..WC_BITS {
                    if c & (1 << bit) != 0 {
                        feats.push(mix(t::CLS_P1, bit));
                    }
                }
            }
            if self.has(OPT_CLS2) {
                let capbit = (cap as u64) * 2 + first as u64;
                for (j, tm, tc) in [
                    (ii - 2, t::CLS_M2, 0u64),
                    (ii + 2, t::CLS_P2, 0),
                    (ii - 1, t::CLS_M1_CAP, 1),
                    (ii + 1, t::CLS_P1_CAP, 1),
                ] {
                    if j < 0 || j as usize >= n {
                        continue;
                    }
                    let c = info[j as usize].cls;
                    for bit in 0..WC_BITS {
                        if c & (1 << bit) != 0 {
                            feats.push(mix(tm, bit * 4 + tc * capbit));
                        }
                    }
                }
            }
            if ti.lex != 0 || ti.lex_lower != 0 {
                for bit in 0..32u64 {
                    if ti.lex & (1 << bit) != 0 {
                        feats.push(mix(t::LEX, bit));
                        feats.push(mix(t::LEX_CAP, bit * 4 + (cap as u64) * 2 + first as u64));
                    }
                    if ti.lex_lower & (1 << bit) != 0 {
                        feats.push(mix(t::LEX_LOWER, bit));
                    }
                }
            }
            if i > 0 && info[i - 1].lex != 0 {
                for bit in 0..32u64 {
                    if info[i - 1].lex & (1 << bit) != 0 {
                        feats.push(mix(t::LEX_M1, bit));
                    }
                }
            }
            if i + 1 < n && info[i + 1].lex != 0 {
                for bit in 0..32u64 {
                    if info[i + 1].lex & (1 << bit) != 0 {
                        feats.push(mix(t::LEX_P1, bit));
                    }
                }
            }
        }
        offsets.push(feats.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Lex;
    impl LexLookup for Lex {
        fn lex_flags(&self, word: &str) -> u32 {
            match word {
                "NATO" => 1,
                "Moskau" => 2,
                _ => 0,
            }
        }
    }

    fn feats_of(tokens: &[&str], lex: Option<&dyn LexLookup>) -> Vec<Vec<u64>> {
        let mut f = Vec::new();
        let mut o = Vec::new();
        FeatureExtractor::from_bits(OPT_LEXICON | OPT_COMMON_NOUNS)
            .extract(tokens, lex, None, &mut f, &mut o);
        assert_eq!(o.len(), tokens.len() + 1);
        (0..tokens.len())
            .map(|i| f[o[i]..o[i + 1]].to_vec())
            .collect()
    }

    #[test]
    fn shapes_table() {
        let cases = [
            ("Moskau", "Xxxxx", "Xx"),
            ("NATO", "XXXX", "X"),
            ("12.05", "dd.dd", "d.d"),
            ("NATO-Chef", "XXXX-Xxxx", "X-Xx"),
            ("iPhone", "xXxxxx", "xXx"),
        ];
        let (mut a, mut b) = (String::new(), String::new());
        for (w, full, short) in cases {
            shapes(w, &mut a, &mut b);
            assert_eq!((a.as_str(), b.as_str()), (full, short), "{w}");
        }
    }

    #[test]
    fn features_depend_on_context_and_position() {
        let a = feats_of(&["Die", "Welt", "schaut"], None);
        let b = feats_of(&["Heute", "Die", "Welt"], None);
        // "Die" sentence-initial vs. not: the feature sets differ.
        assert_ne!(a[0], b[1]);
        // Same word, same left context partially: the word feature is shared.
        let w = mix(t::WORD, fnv(b"Welt"));
        assert!(a[1].contains(&w) && b[2].contains(&w));
        assert!(!a[0].contains(&w));
    }

    #[test]
    fn hyphen_parts_and_lexicon() {
        let lex = Lex;
        let f = feats_of(&["der", "NATO-Chef"], Some(&lex));
        assert!(f[1].contains(&mix(t::HY_FIRST, fnv(b"nato"))));
        assert!(f[1].contains(&mix(t::HY_LAST, fnv(b"chef"))));
        assert!(f[1].contains(&mix(t::HY_FIRST_LEX, 0)));
        let g = feats_of(&["in", "Moskau"], Some(&lex));
        assert!(g[1].contains(&mix(t::LEX, 1)));
        assert!(g[0].contains(&mix(t::LEX_P1, 1)));
        let h = feats_of(&["in", "Moskau"], None);
        assert!(!h[1].contains(&mix(t::LEX, 1)));
    }

    #[test]
    fn compounds_and_place_adjectives() {
        let classes = WordClasses::from_words([
            ("Fest", WC_COMMON_NOUN),
            ("Donau", WC_TOPONYM),
            ("Essen", WC_CITY | WC_COMMON_NOUN),
            ("Bremen", WC_CITY),
            ("München", WC_CITY),
        ]);
        let class_of = |h: u64| classes.get_hash(h);
        let mut buf = String::new();
        // (word, head found, head form, modifier classes, -er base classes)
        let cases = [
            ("Donauinselfest", true, "fest", WC_TOPONYM, 0),
            ("Halmich", false, "", 0, 0),
            ("Essener", false, "", 0, WC_CITY),
            ("Bremer", false, "", 0, WC_CITY),
            ("Münchner", false, "", 0, WC_CITY),
            ("Lehrer", false, "", 0, 0),
        ];
        for (w, has_head, head, modifier, deriv) in cases {
            let n = w.chars().count();
            let (hc, h) = compound_head(w, n, &class_of, &mut buf);
            assert_eq!(hc != 0, has_head, "{w}");
            if has_head {
                assert_eq!(h, fnv(head.as_bytes()), "{w}");
            }
            assert_eq!(compound_modifier(w, n, &class_of), modifier, "{w}");
            assert_eq!(deriv_er(w, &class_of, &mut buf), deriv, "{w}");
        }
    }

    #[test]
    fn frequency_bands_of_lower_case_forms() {
        let classes = WordClasses::from_words([
            ("treffen", 3 << WC_FREQ_SHIFT),
            ("halmich", 6 << WC_FREQ_SHIFT),
            ("Moskau", WC_CITY | WC_GEO_NAME | (4 << WC_FREQ_SHIFT)),
        ]);
        let ex = FeatureExtractor::default();
        assert!(ex.has(OPT_FREQ));
        let (mut f, mut o) = (Vec::new(), Vec::new());
        ex.extract(
            &["Treffen", "mit", "Halmich", "in", "Moskau", "xyzzy"],
            None,
            Some(&classes),
            &mut f,
            &mut o,
        );
        let tok = |i: usize| &f[o[i]..o[i + 1]];
        // (token, band, capitalised, sentence-initial)
        let cases = [
            (0, 3u64, 1u64, 1u64),
            (2, 6, 1, 0),
            (4, 0, 1, 0),
            (5, 0, 0, 0),
        ];
        for (i, band, cap, first) in cases {
            assert!(
                tok(i).contains(&mix(t::FREQ, band * 4 + cap * 2 + first)),
                "token {i}"
            );
        }
        // The band is a feature of its own, never a word class: "Halmich" has no class bits,
        // while "Moskau" keeps its city and GeoNames classes (the band of "Moskau" itself is
        // not read: the band comes from the lower-case form).
        assert!(tok(2).contains(&mix(t::CLS_NONE_CAP, 0)));
        assert!(tok(4).contains(&mix(t::CLS, WC_CITY.trailing_zeros() as u64)));
        assert!(tok(4).contains(&mix(t::CLS, WC_GEO_NAME.trailing_zeros() as u64)));
        for bit in WC_FREQ_SHIFT..WC_FREQ_SHIFT + 3 {
            assert!(!tok(4).contains(&mix(t::CLS, bit as u64)));
        }
        // Without the option, no band features.
        FeatureExtractor::from_bits(OPT_COMMON_NOUNS).extract(
            &["Halmich"],
            None,
            Some(&classes),
            &mut f,
            &mut o,
        );
        assert!(!f.contains(&mix(t::FREQ, 6 * 4 + 2 + 1)));
    }

    #[test]
    fn empty_and_odd_tokens() {
        assert!(feats_of(&[], None).is_empty());
        let f = feats_of(&["", "-", "--", "한국", "Москва"], None);
        assert_eq!(f.len(), 5);
        assert!(f.iter().all(|v| !v.is_empty()));
    }
}

//! Lexicons (gazetteers and word lists) embedded in the binary.
//!
//! Two generated tables (built by `tools/build_lexicon.py`, see `assets/lexicon/SOURCES.md`):
//! - `words.tsv.gz`: every known word form with its [`LexFlags`] and, for inflected forms, the
//!   lemma (countries, cities, regions, Wiktionary nouns with their inflection tables);
//! - `places.tsv.gz`: place names with kind, ISO country code and coordinates.
//!
//! Both are kept as one decompressed string each plus a sorted index of line starts, so that a
//! lookup is a binary search without per-entry allocations (about 20 MB in memory in total).
//! Small hand-curated lists (`assets/lexicon/hand/`) add function words, organisation cue words,
//! person titles, well-known organisations and demonym adjectives.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::io::Read;
use std::ops::{BitOr, BitOrAssign};
use std::sync::OnceLock;

use super::NerError;

/// A set of lexicon memberships of a word, as bits of a `u32`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct LexFlags(pub u32);

impl LexFlags {
    /// No membership.
    pub const NONE: LexFlags = LexFlags(0);
    /// A country name (German or English, including alternative names).
    pub const COUNTRY: LexFlags = LexFlags(1 << 0);
    /// A populated place (GeoNames, population > 1000 or administrative seat).
    pub const CITY: LexFlags = LexFlags(1 << 1);
    /// A first-level administrative region.
    pub const REGION: LexFlags = LexFlags(1 << 2);
    /// A first name (Wiktionary `Vorname`).
    pub const FIRST_NAME: LexFlags = LexFlags(1 << 3);
    /// A surname (Wiktionary `Nachname`).
    pub const SURNAME: LexFlags = LexFlags(1 << 4);
    /// Another proper noun (Wiktionary `Eigenname`).
    pub const PROPER_NOUN: LexFlags = LexFlags(1 << 5);
    /// A place name (Wiktionary `Toponym`).
    pub const TOPONYM: LexFlags = LexFlags(1 << 6);
    /// A German common noun or one of its inflected forms (Wiktionary).
    pub const COMMON_NOUN: LexFlags = LexFlags(1 << 7);
    /// An abbreviation (Wiktionary `Abkürzung`).
    pub const ABBREV: LexFlags = LexFlags(1 << 8);
    /// A word that marks an organisation name ("Agentur", "Partei", "GmbH", "Inc.").
    pub const ORG_CUE: LexFlags = LexFlags(1 << 9);
    /// A demonym adjective ("russischen", "Russian").
    pub const DEMONYM: LexFlags = LexFlags(1 << 10);
    /// A well-known organisation name or acronym ("NATO", "KCNA", "Duma").
    pub const ORG: LexFlags = LexFlags(1 << 11);
    /// A title or role that introduces a person's name ("Präsident", "Minister", "Mr.").
    pub const PER_CUE: LexFlags = LexFlags(1 << 12);
    /// A function word (article, pronoun, conjunction, preposition), never a name by itself.
    pub const FUNCTION_WORD: LexFlags = LexFlags(1 << 13);
    /// A capitalised word that is not a name by itself (weekdays, months, titles, "North").
    pub const COMMON_WORD: LexFlags = LexFlags(1 << 14);
    /// An inflected form whose lemma differs (genitive "Nordkoreas", plural "Verträge").
    pub const INFLECTED: LexFlags = LexFlags(1 << 15);

    /// Any place flag.
    pub const ANY_PLACE: LexFlags = LexFlags(1 | 2 | 4 | (1 << 6));
    /// Any name flag (places, person names, proper nouns, organisations).
    pub const ANY_NAME: LexFlags =
        LexFlags(1 | 2 | 4 | (1 << 3) | (1 << 4) | (1 << 5) | (1 << 6) | (1 << 11));

    /// The raw bits.
    pub const fn bits(self) -> u32 {
        self.0
    }

    /// True when every bit of `other` is set.
    pub const fn contains(self, other: LexFlags) -> bool {
        self.0 & other.0 == other.0
    }

    /// True when at least one bit of `other` is set.
    pub const fn intersects(self, other: LexFlags) -> bool {
        self.0 & other.0 != 0
    }

    /// True when no bit is set.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The bits set in both.
    pub const fn and(self, other: LexFlags) -> LexFlags {
        LexFlags(self.0 & other.0)
    }
}

impl BitOr for LexFlags {
    type Output = LexFlags;
    fn bitor(self, rhs: LexFlags) -> LexFlags {
        LexFlags(self.0 | rhs.0)
    }
}

impl BitOrAssign for LexFlags {
    fn bitor_assign(&mut self, rhs: LexFlags) {
        self.0 |= rhs.0;
    }
}

/// What kind of place a [`Place`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaceKind {
    /// A country or territory with an ISO 3166 code.
    Country,
    /// A first-level administrative region.
    Region,
    /// A populated place.
    City,
}

/// A place from the lexicon, with coordinates for the map.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// The name as found in the lexicon (the lemma, e.g. "Moskau" for "Moskaus").
    pub name: String,
    /// Country, region or city.
    pub kind: PlaceKind,
    /// ISO 3166-1 alpha-2 code of the country it lies in.
    pub country: String,
    /// Latitude in degrees (countries and regions: median of their places).
    pub lat: f32,
    /// Longitude in degrees.
    pub lon: f32,
}

impl Place {
    /// A key that is equal for two readings of the same place in different languages
    /// ("Russland" and "Russia" → `C:RU`; "Moskau" and "Moscow" → `P:RU:55.75:37.62`).
    pub fn identity(&self) -> String {
        match self.kind {
            PlaceKind::Country => format!("C:{}", self.country),
            PlaceKind::Region => format!("R:{}:{:.1}:{:.1}", self.country, self.lat, self.lon),
            PlaceKind::City => format!("P:{}:{:.2}:{:.2}", self.country, self.lat, self.lon),
        }
    }
}

/// A sorted TSV table held as one string with an index of line starts, and a hash index over
/// its distinct keys (built while parsing) so that an exact lookup is one probe instead of a
/// binary search over the text.
struct Table {
    text: String,
    starts: Vec<u32>,
    /// Exact keys: the first row of each distinct key.
    keys: HashIndex,
    /// The first words of multi-word keys ("New" of "New York"): the first row with that head.
    heads: HashIndex,
}

/// An open-addressing hash table of `u32` values (row numbers) keyed by a 64-bit hash of a
/// string. It stores no strings: a hit is confirmed by the caller comparing the row's key.
#[derive(Debug, Clone, Default)]
struct HashIndex {
    /// `(high 32 bits of the hash, value + 1)`; value 0 marks an empty slot. The low bits of the
    /// hash pick the first slot.
    slots: Vec<(u32, u32)>,
}

impl HashIndex {
    /// Builds the index from `(hash, value)` pairs (values below `u32::MAX`).
    fn build(entries: &[(u64, u32)]) -> HashIndex {
        let n = entries.len();
        let cap = (n.max(1) + n / 3 + 1).next_power_of_two();
        let mask = cap - 1;
        let mut slots = vec![(0u32, 0u32); cap];
        for &(hash, value) in entries {
            let mut i = (hash as usize) & mask;
            while slots[i].1 != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = ((hash >> 32) as u32, value.saturating_add(1));
        }
        HashIndex { slots }
    }

    /// The first value stored under `hash` that `is_match` accepts (the caller compares keys).
    #[inline]
    fn find(&self, hash: u64, mut is_match: impl FnMut(u32) -> bool) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = (hash as usize) & mask;
        let fp = (hash >> 32) as u32;
        loop {
            let (k, v) = self.slots[i];
            if v == 0 {
                return None;
            }
            if k == fp && is_match(v - 1) {
                return Some(v - 1);
            }
            i = (i + 1) & mask;
        }
    }

    fn heap_bytes(&self) -> usize {
        self.slots.capacity() * 8
    }
}

/// A fast non-cryptographic hasher for the lexicon's small in-memory maps of words (inputs are
/// the project's own lists and document words; no untrusted keys of an adversary to resist).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct WordHasher(u64);

impl Hasher for WordHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        self.0 = key_hash(bytes) ^ self.0.rotate_left(23);
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0 ^ i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A `HashMap` with [`WordHasher`].
pub(crate) type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;
/// A `HashSet` with [`WordHasher`].
pub(crate) type WordSet<K> = HashSet<K, BuildHasherDefault<WordHasher>>;

/// The hash of a table key (the bytes before the first tab). Not stored anywhere: it only
/// needs to be the same at load and at lookup within one run.
#[inline]
fn key_hash(key: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = (key.len() as u64).wrapping_mul(K);
    let mut chunks = key.chunks_exact(8);
    for c in &mut chunks {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        h = (h ^ u64::from_le_bytes(a)).wrapping_mul(K).rotate_left(29);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut a = [0u8; 8];
        a[..rest.len()].copy_from_slice(rest);
        h = (h ^ u64::from_le_bytes(a)).wrapping_mul(K).rotate_left(29);
    }
    h ^= h >> 30;
    h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94D0_49BB_1331_11EB);
    h ^ (h >> 31)
}

/// The key of a line: everything before the first tab (or the line end).
#[inline]
fn key_of(line: &str) -> &str {
    let end = line
        .bytes()
        .position(|b| b == b'\t' || b == b'\n')
        .unwrap_or(line.len());
    // A tab or newline byte is always a character boundary.
    line.get(..end).unwrap_or(line)
}

/// The first word of a multi-word key ("New" of "New York"), `None` for a one-word key.
#[inline]
fn head_of(key: &str) -> Option<&str> {
    key.find(' ').and_then(|i| key.get(..i))
}

impl Table {
    fn parse(name: &'static str, gz: &[u8]) -> Result<Table, NerError> {
        let mut text = String::new();
        flate2::read::GzDecoder::new(gz)
            .read_to_string(&mut text)
            .map_err(|e| NerError::CorruptAsset {
                name,
                reason: e.to_string(),
            })?;
        if text.len() >= u32::MAX as usize {
            return Err(NerError::CorruptAsset {
                name,
                reason: "table too large".into(),
            });
        }
        let mut starts = Vec::with_capacity(text.len() / 16);
        let mut keys: Vec<(u64, u32)> = Vec::with_capacity(text.len() / 16);
        let mut heads: Vec<(u64, u32)> = Vec::new();
        let mut prev_key: Option<&str> = None;
        let mut prev_head: Option<&str> = None;
        let mut pos = 0usize;
        for line in text.split_inclusive('\n') {
            let start = pos;
            pos += line.len();
            if line.trim_end().is_empty() {
                continue;
            }
            // The lookups rely on byte order (equal keys adjacent, the keys sharing a first word
            // contiguous); a table out of order is corrupt.
            let key = key_of(line);
            let row = starts.len() as u32;
            if prev_key.is_some_and(|p| key < p) {
                return Err(NerError::CorruptAsset {
                    name,
                    reason: format!("table is not sorted at {key:?}"),
                });
            }
            if prev_key != Some(key) {
                keys.push((key_hash(key.as_bytes()), row));
                if let Some(head) = head_of(key)
                    && prev_head != Some(head)
                {
                    heads.push((key_hash(head.as_bytes()), row));
                    prev_head = Some(head);
                }
            }
            prev_key = Some(key);
            starts.push(start as u32);
        }
        let keys = HashIndex::build(&keys);
        let heads = HashIndex::build(&heads);
        Ok(Table {
            text,
            starts,
            keys,
            heads,
        })
    }

    fn line_at(&self, start: usize) -> &str {
        let rest = self.text.get(start..).unwrap_or("");
        match rest.find('\n') {
            Some(end) => rest.get(..end).unwrap_or(rest),
            None => rest,
        }
    }

    fn key_at(&self, start: usize) -> &str {
        key_of(self.text.get(start..).unwrap_or(""))
    }

    fn key_of_row(&self, row: u32) -> &str {
        match self.starts.get(row as usize) {
            Some(&s) => self.key_at(s as usize),
            None => "",
        }
    }

    /// The first row (index into `starts`) whose key equals `key`.
    #[inline]
    fn first_row(&self, key: &str) -> Option<usize> {
        self.keys
            .find(key_hash(key.as_bytes()), |row| self.key_of_row(row) == key)
            .map(|row| row as usize)
    }

    /// All lines whose key equals `key`, in table order.
    fn rows<'a, 'k>(&'a self, key: &'k str) -> impl Iterator<Item = &'a str> + use<'a, 'k> {
        let first = self.first_row(key).unwrap_or(self.starts.len());
        self.starts
            .get(first..)
            .unwrap_or_default()
            .iter()
            .map(|&s| self.line_at(s as usize))
            .take_while(move |line| key_of(line) == key)
    }

    /// True when some key starts with `prefix` (binary search over the sorted keys).
    fn has_prefix(&self, prefix: &str) -> bool {
        let i = self
            .starts
            .partition_point(|&s| self.key_at(s as usize) < prefix);
        self.starts
            .get(i)
            .is_some_and(|&s| self.key_at(s as usize).starts_with(prefix))
    }

    /// True when some key starts with `word` followed by a space (`has_prefix("{word} ")`).
    fn has_head(&self, word: &str) -> bool {
        if word.contains(' ') {
            return self.has_prefix(&format!("{word} "));
        }
        self.heads
            .find(key_hash(word.as_bytes()), |row| {
                head_of(self.key_of_row(row)) == Some(word)
            })
            .is_some()
    }

    fn first(&self, key: &str) -> Option<&str> {
        let row = self.first_row(key)?;
        Some(self.line_at(*self.starts.get(row)? as usize))
    }

    fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + self.starts.capacity() * 4
            + self.keys.heap_bytes()
            + self.heads.heap_bytes()
    }
}

/// The lexicons: word forms with flags and lemmas, places with coordinates, hand-curated lists.
pub struct Lexicon {
    words: Table,
    places: Table,
    orgs: WordMap<&'static str, &'static str>,
    demonyms_de: WordMap<&'static str, &'static str>,
    demonyms_en: WordMap<&'static str, &'static str>,
    multiword_heads: WordSet<&'static str>,
    /// Other names and spellings of places in the generated table (`hand/place_aliases.tsv`):
    /// alias → (name in the table, ISO country code).
    place_aliases: WordMap<&'static str, (&'static str, &'static str)>,
    /// Continents, large regions and seas (`hand/regions.tsv`): name → row in the format of the
    /// place table.
    regions: WordMap<&'static str, &'static str>,
    /// The flags the hand lists give a word by its exact spelling (function word, common word,
    /// major place, organisation and person cue, organisation): one look-up instead of six.
    hand_flags: WordMap<&'static str, u32>,
    /// Every German demonym form (stem + adjective ending, lower case) → country; where two
    /// readings of a form exist, the one with the ending listed first in [`DE_ADJ_ENDINGS`].
    demonym_forms_de: WordMap<String, &'static str>,
    /// Names of currencies and their units (`hand/currencies.txt`).
    currencies: WordSet<&'static str>,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("words", &self.words.starts.len())
            .field("places", &self.places.starts.len())
            .finish_non_exhaustive()
    }
}

const WORDS_GZ: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/lexicon/words.tsv.gz"
));
const PLACES_GZ: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/lexicon/places.tsv.gz"
));
const FUNCTION_WORDS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/lexicon/hand/function_words.txt"
));
const CURRENCIES: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/lexicon/hand/currencies.txt"
));
const COMMON_WORDS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/lexicon/hand/common_words.txt"
));
const ORG_CUES: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/lexicon/hand/org_cues.txt"
));
const PER_CUES: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/lexicon/hand/per_cues.txt"
));
const ORGS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/lexicon/hand/orgs.tsv"
));
const EXONYMS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/lexicon/hand/exonyms.tsv"
));
const REGIONS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/lexicon/hand/regions.tsv"
));
const PLACE_ALIASES: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/lexicon/hand/place_aliases.tsv"
));
const DEMONYMS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/lexicon/hand/demonyms.tsv"
));

/// German adjective endings after a demonym stem.
const DE_ADJ_ENDINGS: [&str; 6] = ["", "e", "en", "er", "es", "em"];

fn list_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Calls `f` with the lower case of `word` (`str::to_lowercase`), without allocating for
/// short ASCII words.
fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    const MAX: usize = 64;
    if word.is_ascii() && word.len() <= MAX {
        if !word.bytes().any(|b| b.is_ascii_uppercase()) {
            return f(word);
        }
        let mut buf = [0u8; MAX];
        let low = &mut buf[..word.len()];
        low.copy_from_slice(word.as_bytes());
        low.make_ascii_lowercase();
        // ASCII stays valid UTF-8.
        if let Ok(low) = std::str::from_utf8(low) {
            return f(low);
        }
    }
    f(&word.to_lowercase())
}

impl Lexicon {
    /// The lexicon embedded in the binary, decoded once on first use.
    pub fn embedded() -> Result<&'static Lexicon, NerError> {
        static LEXICON: OnceLock<Result<Lexicon, String>> = OnceLock::new();
        LEXICON
            .get_or_init(|| Lexicon::load().map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|reason| NerError::CorruptAsset {
                name: "lexicon",
                reason: reason.clone(),
            })
    }

    fn load() -> Result<Lexicon, NerError> {
        // The two tables decode in parallel (each ~50 ms of inflating on one core).
        let (words, places) = std::thread::scope(|scope| {
            let places = scope.spawn(|| Table::parse("assets/lexicon/places.tsv.gz", PLACES_GZ));
            let words = Table::parse("assets/lexicon/words.tsv.gz", WORDS_GZ);
            let places = places.join().unwrap_or_else(|_| {
                Err(NerError::CorruptAsset {
                    name: "assets/lexicon/places.tsv.gz",
                    reason: "decoder panicked".into(),
                })
            });
            (words, places)
        });
        let (words, places) = (words?, places?);
        let mut orgs = WordMap::default();
        for line in list_lines(ORGS) {
            let mut it = line.split('\t');
            if let (Some(surface), Some(canonical)) = (it.next(), it.next()) {
                orgs.insert(surface, canonical);
            }
        }
        let mut place_aliases = WordMap::default();
        for line in list_lines(PLACE_ALIASES) {
            let mut it = line.split('\t');
            if let (Some(alias), Some(name), Some(country)) = (it.next(), it.next(), it.next()) {
                place_aliases.insert(alias, (name, country));
            }
        }
        let mut regions = WordMap::default();
        for line in list_lines(REGIONS) {
            if let Some((name, _)) = line.split_once('\t') {
                regions.insert(name, line);
            }
        }
        let mut demonyms_de = WordMap::default();
        let mut demonyms_en = WordMap::default();
        for line in list_lines(DEMONYMS) {
            let mut it = line.split('\t');
            match (it.next(), it.next(), it.next()) {
                (Some(stem), Some("de"), Some(country)) => {
                    demonyms_de.insert(stem, country);
                }
                (Some(adj), Some("en"), Some(country)) => {
                    demonyms_en.insert(adj, country);
                }
                _ => {}
            }
        }
        let multiword_heads = orgs
            .keys()
            .chain(demonyms_en.keys())
            .filter_map(|k: &&'static str| k.split_once(' ').map(|(head, _)| head))
            .collect();
        let major_places: WordSet<&'static str> = list_lines(EXONYMS)
            .filter_map(|l| l.split('\t').next())
            .collect();
        let function_words: WordSet<&'static str> = list_lines(FUNCTION_WORDS).collect();
        let common_words: WordSet<&'static str> = list_lines(COMMON_WORDS).collect();
        let org_cues: WordSet<&'static str> = list_lines(ORG_CUES).collect();
        let per_cues: WordSet<&'static str> = list_lines(PER_CUES).collect();
        let mut hand_flags: WordMap<&'static str, u32> = WordMap::default();
        for (set, flag) in [
            (&function_words, LexFlags::FUNCTION_WORD),
            (&common_words, LexFlags::COMMON_WORD),
            (&major_places, LexFlags::TOPONYM),
            (&org_cues, LexFlags::ORG_CUE),
            (&per_cues, LexFlags::PER_CUE),
        ] {
            for &w in set {
                *hand_flags.entry(w).or_insert(0) |= flag.bits();
            }
        }
        for &w in orgs.keys() {
            *hand_flags.entry(w).or_insert(0) |= LexFlags::ORG.bits();
        }
        let mut demonym_forms_de: WordMap<String, &'static str> = WordMap::default();
        for ending in DE_ADJ_ENDINGS {
            for (&stem, &country) in &demonyms_de {
                demonym_forms_de
                    .entry(format!("{stem}{ending}"))
                    .or_insert(country);
            }
        }
        Ok(Lexicon {
            multiword_heads,
            words,
            places,
            hand_flags,
            demonym_forms_de,
            currencies: list_lines(CURRENCIES).collect(),
            orgs,
            place_aliases,
            regions,
            demonyms_de,
            demonyms_en,
        })
    }

    /// Approximate heap memory held by the lexicon, in bytes.
    pub fn heap_bytes(&self) -> usize {
        let sets = (self.hand_flags.len() + self.multiword_heads.len() + self.currencies.len())
            * 24
            + self.demonym_forms_de.len() * 48
            + (self.orgs.len() + self.demonyms_de.len() + self.demonyms_en.len()) * 40;
        self.words.heap_bytes() + self.places.heap_bytes() + sets
    }

    /// Number of word forms and place rows in the generated tables.
    pub fn sizes(&self) -> (usize, usize) {
        (self.words.starts.len(), self.places.starts.len())
    }

    fn word_row(&self, word: &str) -> Option<(LexFlags, &str)> {
        let line = self.words.first(word)?;
        let mut it = line.split('\t');
        let _form = it.next();
        let flags = u32::from_str_radix(it.next().unwrap_or("0"), 16).unwrap_or(0);
        let lemma = it.next().unwrap_or("");
        Some((LexFlags(flags), lemma))
    }

    /// The stored key equal to `word`, borrowed from the table.
    fn stored_key(&self, word: &str) -> Option<&str> {
        let line = self.words.first(word)?;
        line.split('\t').next()
    }

    /// The lexicon memberships of `word` (exact spelling; function words case-insensitively).
    ///
    /// A genitive form of a name not listed itself ("Nordkoreas", "Putins'") gets the name flags
    /// of its base plus [`LexFlags::INFLECTED`].
    pub fn flags(&self, word: &str) -> LexFlags {
        let mut flags = LexFlags::NONE;
        if word.is_empty() {
            return flags;
        }
        let found = self.word_row(word);
        if let Some((f, _)) = found {
            flags |= f;
        } else if let Some(base) = genitive_base(word)
            && let Some((f, _)) = self.word_row(base)
        {
            let names = f.and(LexFlags::ANY_NAME);
            if !names.is_empty() {
                flags |= names | LexFlags::INFLECTED;
            }
        }
        // Exact spelling in the hand lists (function words, common words, major places, cues,
        // organisations).
        let hand = |w: &str| self.hand_flags.get(w).copied().unwrap_or(0);
        flags |= LexFlags(hand(word));
        // Function words also in lower case, common words also without trailing dots.
        let bare = word.trim_end_matches('.');
        if bare != word {
            flags |= LexFlags(hand(bare) & LexFlags::COMMON_WORD.bits());
        }
        let demonym = with_lower(word, |low| {
            if low != word {
                flags |= LexFlags(hand(low) & LexFlags::FUNCTION_WORD.bits());
            }
            self.demonym_en(word).is_some() || self.demonym_forms_de.contains_key(low)
        });
        if demonym {
            flags |= LexFlags::DEMONYM;
        }
        flags
    }

    /// Whether `word` names a currency or its unit ("Dollar", "Franken", "Rubel"; exact
    /// spelling, capitalised).
    pub fn is_currency(&self, word: &str) -> bool {
        self.currencies.contains(word)
    }

    /// The base form of `form`: the lemma of an inflected noun ("Verträge" → "Vertrag"), the
    /// base of a genitive name ("Nordkoreas" → "Nordkorea", "Moskaus" → "Moskau"), the country
    /// of a demonym adjective ("russischen" → "Russland"). A known lemma returns itself;
    /// an unknown word returns `None`.
    pub fn lemma(&self, form: &str) -> Option<&str> {
        if let Some(line) = self.words.first(form) {
            let mut it = line.split('\t');
            let key = it.next();
            let _flags = it.next();
            return match it.next() {
                Some(lemma) if !lemma.is_empty() => Some(lemma),
                _ => key,
            };
        }
        if let Some(country) = self.demonym_base(form) {
            return Some(country);
        }
        if let Some(base) = genitive_base(form) {
            let (f, _) = self.word_row(base)?;
            if f.intersects(LexFlags::ANY_NAME) {
                return self.stored_key(base);
            }
        }
        None
    }

    /// The country a demonym adjective refers to: "russischen" → "Russland",
    /// "Nordkoreanische" → "Nordkorea", "Russian" → "Russia", "Russians" → "Russia".
    pub fn demonym_base(&self, adj: &str) -> Option<&str> {
        if let Some(c) = self.demonym_en(adj) {
            return Some(c);
        }
        with_lower(adj, |low| self.demonym_forms_de.get(low).copied())
    }

    /// The country of an English demonym ("Russian", "Russians").
    fn demonym_en(&self, adj: &str) -> Option<&'static str> {
        if let Some(&c) = self.demonyms_en.get(adj) {
            return Some(c);
        }
        let stem = adj.strip_suffix('s')?;
        self.demonyms_en.get(stem).copied()
    }

    /// True when `word` is the first word of a multi-word place, organisation or demonym
    /// ("New" of "New York", "Vereinte" of "Vereinte Nationen", "North" of "North Korean").
    pub fn starts_multiword(&self, word: &str) -> bool {
        if word.is_empty() || word.len() > 64 {
            return false;
        }
        self.multiword_heads.contains(word) || self.places.has_head(word)
    }

    /// The canonical name of a well-known organisation ("Nato" → "NATO", "UNO" → "UN"), also
    /// for the inflected forms of multi-word names ("Vereinten Nationen", "Internationalen
    /// Atomenergiebehörde", see [`nominative_forms`]).
    pub fn org(&self, name: &str) -> Option<&str> {
        if let Some(&org) = self.orgs.get(name) {
            return Some(org);
        }
        nominative_forms(name)
            .iter()
            .find_map(|n| self.orgs.get(n.as_str()).copied())
    }

    /// The place called `name` (exact spelling, another name or spelling listed in
    /// `hand/place_aliases.tsv` such as "Kyjiw" or "Weißrussland", the genitive of a place
    /// name, or an inflected multi-word name such as "Vereinigten Staaten"). Where several
    /// places share the name, the preferred reading (hand-curated capitals and exonyms, then
    /// countries, then administrative seats) comes first.
    pub fn place(&self, name: &str) -> Option<Place> {
        if let Some(p) = self.place_exact(name) {
            return Some(p);
        }
        if let Some(base) = genitive_base(name)
            && let Some(p) = self.place_exact(base)
        {
            return Some(p);
        }
        nominative_forms(name)
            .iter()
            .find_map(|n| self.place_exact(n))
    }

    /// The place called exactly `name` in the alias list (which gives the alias the
    /// coordinates of the place it names, and is looked up first so that it can fix the
    /// preferred reading of an ambiguous name) or in the table.
    fn place_exact(&self, name: &str) -> Option<Place> {
        if let Some(&(target, country)) = self.place_aliases.get(name)
            && let Some(mut place) = self
                .places
                .rows(target)
                .filter_map(parse_place)
                .find(|p| p.country == country)
        {
            place.name = name.to_string();
            return Some(place);
        }
        if let Some(row) = self.regions.get(name) {
            return parse_place(row);
        }
        parse_place(self.places.first(name)?)
    }

    /// Every place called `name` (all readings, preferred first).
    pub fn places(&self, name: &str) -> Vec<Place> {
        self.places.rows(name).filter_map(parse_place).collect()
    }
}

fn parse_place(row: &str) -> Option<Place> {
    let mut it = row.split('\t');
    let name = it.next()?;
    let kind = match it.next()? {
        "C" => PlaceKind::Country,
        "R" => PlaceKind::Region,
        _ => PlaceKind::City,
    };
    let country = it.next()?;
    let lat: f32 = it.next()?.parse().ok()?;
    let lon: f32 = it.next()?.parse().ok()?;
    Some(Place {
        name: name.to_string(),
        kind,
        country: country.to_string(),
        lat,
        lon,
    })
}

/// Nominative readings of an inflected German multi-word name: "Vereinigten Staaten" →
/// "Vereinigte Staaten", "Internationalen Strafgerichtshofs" → "Internationaler
/// Strafgerichtshof", "Internationalen Komitees" → "Internationales Komitee". Capitalised
/// words before the last ending in "-en" take "-e", "-er" or "-es"; for the last two the last
/// word also loses a genitive "-s"/"-es". Empty for single words and names without such words.
pub(crate) fn nominative_forms(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split(' ').collect();
    let Some((last, init)) = words.split_last() else {
        return Vec::new();
    };
    let inflected = |w: &&str| {
        w.len() > 4 && w.ends_with("en") && w.chars().next().is_some_and(char::is_uppercase)
    };
    if init.is_empty() || !init.iter().any(inflected) || name.len() > 200 {
        return Vec::new();
    }
    let last_bare = last
        .strip_suffix("es")
        .filter(|b| b.chars().count() >= 3)
        .or_else(|| last.strip_suffix('s'))
        .unwrap_or(last);
    let mut out = Vec::new();
    for (ending, last) in [("e", *last), ("er", last_bare), ("es", last_bare)] {
        let mut s = String::with_capacity(name.len() + 2);
        for w in init {
            if inflected(w) {
                s.push_str(&w[..w.len() - 2]);
                s.push_str(ending);
            } else {
                s.push_str(w);
            }
            s.push(' ');
        }
        s.push_str(last);
        out.push(s);
    }
    out
}

/// The base of a genitive form: "Nordkoreas" → "Nordkorea", "Putin's" → "Putin",
/// "Paris'" → "Paris". Needs at least two letters left and an upper-case initial.
pub(crate) fn genitive_base(word: &str) -> Option<&str> {
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let base = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .or_else(|| word.strip_suffix('\''))
        .or_else(|| word.strip_suffix('’'))
        .or_else(|| word.strip_suffix('s'))?;
    (base.chars().count() >= 2).then_some(base)
}

impl super::features::LexLookup for Lexicon {
    fn lex_flags(&self, word: &str) -> u32 {
        self.flags(word).bits()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> &'static Lexicon {
        Lexicon::embedded().expect("embedded lexicon")
    }

    /// The first line with key `key` by binary search over the sorted table (the lookup the
    /// hash index replaced).
    fn first_by_search<'a>(t: &'a Table, key: &str) -> Option<&'a str> {
        let i = t.starts.partition_point(|&s| t.key_at(s as usize) < key);
        let line = t.line_at(*t.starts.get(i)? as usize);
        (line.split('\t').next() == Some(key)).then_some(line)
    }

    fn rows_by_search<'a>(t: &'a Table, key: &str) -> Vec<&'a str> {
        let i = t.starts.partition_point(|&s| t.key_at(s as usize) < key);
        t.starts[i..]
            .iter()
            .map(|&s| t.line_at(s as usize))
            .take_while(|line| line.split('\t').next() == Some(key))
            .collect()
    }

    /// Keys of both tables (every 7th, to stay fast in debug builds) and variants that are not
    /// keys are found by the hash index exactly as by binary search; multi-word heads agree
    /// with a prefix search.
    #[test]
    fn hash_index_matches_binary_search() {
        for table in [&lex().words, &lex().places] {
            let mut probes = 0usize;
            for &s in table.starts.iter().step_by(7) {
                let key = table.key_at(s as usize);
                assert_eq!(table.first(key), first_by_search(table, key), "{key:?}");
                for variant in [format!("{key}s"), format!("{key}\t"), key.to_lowercase()] {
                    assert_eq!(
                        table.first(&variant),
                        first_by_search(table, &variant),
                        "{variant:?}"
                    );
                }
                if let Some(head) = head_of(key) {
                    assert!(table.has_head(head), "{head:?}");
                    assert!(table.has_prefix(&format!("{head} ")), "{head:?}");
                }
                probes += 1;
            }
            assert!(probes > 1000, "table too small: {probes}");
        }
        let places = &lex().places;
        for key in [
            "Moskau",
            "New York",
            "Frankfurt am Main",
            "Treffen",
            "Xyzzyq",
            "",
        ] {
            assert_eq!(
                places.rows(key).collect::<Vec<_>>(),
                rows_by_search(places, key),
                "{key:?}"
            );
        }
        for word in [
            "New",
            "Frankfurt",
            "Sankt",
            "Bad",
            "Moskau",
            "Treffen",
            "Xyzzyq",
            "new",
            "Los",
            "São",
            "Rio de",
            "New York",
        ] {
            assert_eq!(
                places.has_head(word),
                places.has_prefix(&format!("{word} ")),
                "{word:?}"
            );
        }
        assert!(places.has_head("New") && places.has_head("Bad"));
        assert!(!places.has_head("Treffen"));
    }

    /// The hand lists and `flags`/`demonym_base` as first written (a set per list, a loop
    /// over the adjective endings): the reference the merged maps must match.
    struct ReferenceLists {
        function_words: HashSet<&'static str>,
        common_words: HashSet<&'static str>,
        org_cues: HashSet<&'static str>,
        per_cues: HashSet<&'static str>,
        orgs: HashSet<&'static str>,
        major_places: HashSet<&'static str>,
        demonyms_de: HashMap<&'static str, &'static str>,
        demonyms_en: HashMap<&'static str, &'static str>,
    }

    impl ReferenceLists {
        fn new() -> Self {
            let mut demonyms_de = HashMap::new();
            let mut demonyms_en = HashMap::new();
            for line in list_lines(DEMONYMS) {
                let mut it = line.split('\t');
                match (it.next(), it.next(), it.next()) {
                    (Some(stem), Some("de"), Some(country)) => {
                        demonyms_de.insert(stem, country);
                    }
                    (Some(adj), Some("en"), Some(country)) => {
                        demonyms_en.insert(adj, country);
                    }
                    _ => {}
                }
            }
            ReferenceLists {
                function_words: list_lines(FUNCTION_WORDS).collect(),
                common_words: list_lines(COMMON_WORDS).collect(),
                org_cues: list_lines(ORG_CUES).collect(),
                per_cues: list_lines(PER_CUES).collect(),
                orgs: list_lines(ORGS)
                    .filter_map(|l| l.split('\t').next())
                    .collect(),
                major_places: list_lines(EXONYMS)
                    .filter_map(|l| l.split('\t').next())
                    .collect(),
                demonyms_de,
                demonyms_en,
            }
        }

        fn demonym_base(&self, adj: &str) -> Option<&'static str> {
            if let Some(&c) = self.demonyms_en.get(adj) {
                return Some(c);
            }
            if let Some(stem) = adj.strip_suffix('s')
                && let Some(&c) = self.demonyms_en.get(stem)
            {
                return Some(c);
            }
            let low = adj.to_lowercase();
            for ending in DE_ADJ_ENDINGS {
                if let Some(stem) = low.strip_suffix(ending)
                    && let Some(&c) = self.demonyms_de.get(stem)
                {
                    return Some(c);
                }
            }
            None
        }

        fn flags(&self, lex: &Lexicon, word: &str) -> LexFlags {
            let mut flags = LexFlags::NONE;
            if word.is_empty() {
                return flags;
            }
            if let Some((f, _)) = lex.word_row(word) {
                flags |= f;
            } else if let Some(base) = genitive_base(word)
                && let Some((f, _)) = lex.word_row(base)
            {
                let names = f.and(LexFlags::ANY_NAME);
                if !names.is_empty() {
                    flags |= names | LexFlags::INFLECTED;
                }
            }
            if self.function_words.contains(word)
                || self.function_words.contains(word.to_lowercase().as_str())
            {
                flags |= LexFlags::FUNCTION_WORD;
            }
            let bare = word.trim_end_matches('.');
            if self.common_words.contains(word) || self.common_words.contains(bare) {
                flags |= LexFlags::COMMON_WORD;
            }
            for (set, flag) in [
                (&self.major_places, LexFlags::TOPONYM),
                (&self.org_cues, LexFlags::ORG_CUE),
                (&self.per_cues, LexFlags::PER_CUE),
                (&self.orgs, LexFlags::ORG),
            ] {
                if set.contains(word) {
                    flags |= flag;
                }
            }
            if self.demonym_base(word).is_some() {
                flags |= LexFlags::DEMONYM;
            }
            flags
        }
    }

    /// `flags` and `demonym_base` agree with the reference on every hand-list word, every
    /// demonym form, and table keys (every 13th) in several spellings.
    #[test]
    fn place_aliases_and_inflected_names_resolve() {
        let lex = lex();
        for line in list_lines(PLACE_ALIASES) {
            let mut it = line.split('\t');
            let (Some(alias), Some(target), Some(cc)) = (it.next(), it.next(), it.next()) else {
                panic!("malformed line {line:?}");
            };
            let p = lex
                .place(alias)
                .unwrap_or_else(|| panic!("{alias} → {target}"));
            assert_eq!(p.country, cc, "{alias}");
            assert_eq!(p.name, alias);
        }
        let same = [
            ("Kyjiw", "Kyiv"),
            ("Kyjiws", "Kiew"),
            ("Weißrussland", "Belarus"),
            ("Vereinigten Staaten", "United States"),
            ("Saporischschja", "Zaporizhzhia"),
            ("Den Haag", "The Hague"),
        ];
        for (a, b) in same {
            let (pa, pb) = (lex.place(a), lex.place(b));
            assert!(pa.is_some(), "{a}");
            assert_eq!(
                pa.map(|p| p.identity()),
                pb.map(|p| p.identity()),
                "{a} / {b}"
            );
        }
        assert_eq!(lex.place("Donetsk").map(|p| p.country), Some("UA".into()));
        assert_eq!(lex.org("Vereinten Nationen"), Some("UN"));
        assert_eq!(lex.org("Internationalen Atomenergiebehörde"), Some("IAEA"));
        assert_eq!(lex.org("Vereinten"), None);
        assert_eq!(
            nominative_forms("Internationalen Strafgerichtshofs"),
            vec![
                "Internationale Strafgerichtshofs".to_string(),
                "Internationaler Strafgerichtshof".to_string(),
                "Internationales Strafgerichtshof".to_string()
            ]
        );
        assert!(nominative_forms("Moskau").is_empty());
        assert!(nominative_forms("Den Haag").is_empty());
    }

    #[test]
    fn flags_match_reference() {
        let reference = ReferenceLists::new();
        let lex = lex();
        let mut words: Vec<String> = Vec::new();
        for text in [
            FUNCTION_WORDS,
            COMMON_WORDS,
            ORG_CUES,
            PER_CUES,
            ORGS,
            EXONYMS,
        ] {
            words.extend(
                list_lines(text)
                    .filter_map(|l| l.split('\t').next())
                    .map(String::from),
            );
        }
        for line in list_lines(DEMONYMS) {
            let stem = line.split('\t').next().unwrap_or("");
            for ending in DE_ADJ_ENDINGS {
                words.push(format!("{stem}{ending}"));
            }
            words.push(format!("{stem}s"));
        }
        for &s in lex.words.starts.iter().step_by(13) {
            words.push(lex.words.key_at(s as usize).to_string());
        }
        let mut checked = 0;
        for w in &words {
            let mut upper_first = String::new();
            let mut chars = w.chars();
            if let Some(c) = chars.next() {
                upper_first.extend(c.to_uppercase());
                upper_first.push_str(chars.as_str());
            }
            for v in [
                w.clone(),
                w.to_lowercase(),
                w.to_uppercase(),
                upper_first,
                format!("{w}s"),
                format!("{w}."),
                format!("{w}.."),
            ] {
                assert_eq!(lex.flags(&v), reference.flags(lex, &v), "{v:?}");
                assert_eq!(lex.demonym_base(&v), reference.demonym_base(&v), "{v:?}");
                checked += 1;
            }
        }
        assert!(checked > 100_000, "{checked}");
    }

    #[test]
    fn flags_table() {
        let cases: &[(&str, LexFlags, bool)] = &[
            ("Nordkorea", LexFlags::COUNTRY, true),
            ("Nordkoreas", LexFlags::COUNTRY, true),
            ("Nordkoreas", LexFlags::INFLECTED, true),
            ("Russland", LexFlags::COUNTRY, true),
            ("Russia", LexFlags::COUNTRY, true),
            ("Moskau", LexFlags::TOPONYM, true),
            ("Kursk", LexFlags::CITY, true),
            ("Treffen", LexFlags::COMMON_NOUN, true),
            ("Verträge", LexFlags::COMMON_NOUN, true),
            ("Treffen", LexFlags::COUNTRY, false),
            ("Die", LexFlags::FUNCTION_WORD, true),
            ("Er", LexFlags::FUNCTION_WORD, true),
            ("The", LexFlags::FUNCTION_WORD, true),
            ("Alexander", LexFlags::FIRST_NAME, true),
            ("NATO", LexFlags::ORG, true),
            ("Nato", LexFlags::ORG, true),
            ("Agentur", LexFlags::ORG_CUE, true),
            ("GmbH", LexFlags::ORG_CUE, true),
            ("russischen", LexFlags::DEMONYM, true),
            ("Präsident", LexFlags::PER_CUE, true),
            ("Tuesday", LexFlags::COMMON_WORD, true),
            ("Haus", LexFlags::DEMONYM, false),
        ];
        for &(word, flag, expected) in cases {
            assert_eq!(
                lex().flags(word).contains(flag),
                expected,
                "{word} {flag:?} → {:?}",
                lex().flags(word)
            );
        }
    }

    #[test]
    fn lemma_table() {
        let cases = [
            ("Nordkoreas", Some("Nordkorea")),
            ("Moskaus", Some("Moskau")),
            ("Südkoreas", Some("Südkorea")),
            ("Verträge", Some("Vertrag")),
            ("russischen", Some("Russland")),
            ("nordkoreanische", Some("Nordkorea")),
            ("Russian", Some("Russia")),
            ("Nordkorea", Some("Nordkorea")),
            ("Xyzzyq", None),
        ];
        for (form, expected) in cases {
            assert_eq!(lex().lemma(form), expected, "{form}");
        }
    }

    #[test]
    fn places_table() {
        let cases = [
            ("Moskau", PlaceKind::City, "RU"),
            ("Moskaus", PlaceKind::City, "RU"),
            ("Pjöngjang", PlaceKind::City, "KP"),
            ("Kursk", PlaceKind::City, "RU"),
            ("London", PlaceKind::City, "GB"),
            ("Nordkorea", PlaceKind::Country, "KP"),
            ("Südkorea", PlaceKind::Country, "KR"),
            ("Russia", PlaceKind::Country, "RU"),
        ];
        for (name, kind, cc) in cases {
            let p = lex()
                .place(name)
                .unwrap_or_else(|| panic!("{name} missing"));
            assert_eq!((p.kind, p.country.as_str()), (kind, cc), "{name}");
        }
        let moskau = lex().place("Moskau").expect("Moskau");
        assert!((moskau.lat - 55.75).abs() < 0.1 && (moskau.lon - 37.62).abs() < 0.1);
        assert_eq!(
            lex().place("Moskau").map(|p| p.identity()),
            lex().place("Moscow").map(|p| p.identity())
        );
        assert_eq!(
            lex().place("Russland").map(|p| p.identity()),
            lex().place("Russia").map(|p| p.identity())
        );
        assert!(lex().place("Treffen").is_none());
    }

    #[test]
    fn empty_and_odd_words() {
        for w in ["", "'", "s", "ß", "\u{0}", "한국", "Москва"] {
            let _ = lex().flags(w);
            let _ = lex().lemma(w);
            let _ = lex().place(w);
        }
        assert!(lex().flags("").is_empty());
    }
}

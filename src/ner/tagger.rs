//! The statistical sequence tagger: BIO tags over PER/ORG/LOC/OTH (with GermEval's `deriv` and
//! `part` variants), an averaged structured perceptron's weights, first-order Viterbi decoding
//! with hard BIO constraints, and a per-token confidence from max-marginal scores.

use std::fmt;
use std::io::Read;
use std::str::FromStr;
use std::sync::OnceLock;

use crate::model::{EntityType, Variant};
use crate::ner::NerError;
use crate::ner::features::{FeatureExtractor, LexLookup, WordClasses};
use crate::ner::lexicon::Lexicon;

/// Number of distinct tags: `O` plus `B`/`I` for each of 4 types × 3 variants.
pub const NUM_TAGS: usize = 25;

/// The model embedded in the binary (`assets/ner/model.bin`, built by `dossier train ner`).
static EMBEDDED_MODEL: &[u8] = include_bytes!("../../assets/ner/model.bin");

/// One BIO tag as in GermEval 2014 (`O`, `B-PER`, `I-LOCderiv`, `B-ORGpart`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    /// Outside any name.
    O,
    /// First token of a name.
    B(EntityType, Variant),
    /// Continuation of a name begun by `B` (or `I`) of the same type and variant.
    I(EntityType, Variant),
}

/// A string that is not a GermEval tag.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a BIO tag: {0:?}")]
pub struct ParseTagError(pub String);

fn type_index(t: EntityType) -> usize {
    match t {
        EntityType::Per => 0,
        EntityType::Org => 1,
        EntityType::Loc => 2,
        EntityType::Oth => 3,
    }
}

fn variant_index(v: Variant) -> usize {
    match v {
        Variant::Name => 0,
        Variant::Deriv => 1,
        Variant::Part => 2,
    }
}

const VARIANTS: [Variant; 3] = [Variant::Name, Variant::Deriv, Variant::Part];

impl Tag {
    /// Dense index `0..NUM_TAGS` (`O` is 0).
    pub fn index(self) -> usize {
        match self {
            Tag::O => 0,
            Tag::B(t, v) => 1 + 2 * (type_index(t) * 3 + variant_index(v)),
            Tag::I(t, v) => 2 + 2 * (type_index(t) * 3 + variant_index(v)),
        }
    }

    /// The tag with dense index `i`, if `i < NUM_TAGS`.
    pub fn from_index(i: usize) -> Option<Tag> {
        if i == 0 {
            return Some(Tag::O);
        }
        if i >= NUM_TAGS {
            return None;
        }
        let k = (i - 1) / 2;
        let t = EntityType::ALL[k / 3];
        let v = VARIANTS[k % 3];
        Some(if (i - 1).is_multiple_of(2) {
            Tag::B(t, v)
        } else {
            Tag::I(t, v)
        })
    }

    /// All tags in index order.
    pub fn all() -> impl Iterator<Item = Tag> {
        (0..NUM_TAGS).filter_map(Tag::from_index)
    }

    /// The entity type and variant, `None` for `O`.
    pub fn label(self) -> Option<(EntityType, Variant)> {
        match self {
            Tag::O => None,
            Tag::B(t, v) | Tag::I(t, v) => Some((t, v)),
        }
    }

    /// Whether `self` may follow `prev` (`None` = sentence start) in a well-formed BIO sequence:
    /// `I-X` only after `B-X` or `I-X` of the same type and variant.
    pub fn may_follow(self, prev: Option<Tag>) -> bool {
        match self {
            Tag::I(t, v) => {
                matches!(prev, Some(Tag::B(pt, pv) | Tag::I(pt, pv)) if pt == t && pv == v)
            }
            _ => true,
        }
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tag::O => f.write_str("O"),
            Tag::B(t, v) => write!(f, "B-{}{}", t.as_str(), v.suffix()),
            Tag::I(t, v) => write!(f, "I-{}{}", t.as_str(), v.suffix()),
        }
    }
}

/// Parses the label part of a tag: `PER`, `LOCderiv`, `ORGpart` (case-insensitive type; `MISC`
/// is read as `OTH`).
pub fn parse_label(label: &str) -> Option<(EntityType, Variant)> {
    let lower = label.to_ascii_lowercase();
    let (base, variant) = if let Some(b) = lower.strip_suffix("deriv") {
        (b, Variant::Deriv)
    } else if let Some(b) = lower.strip_suffix("part") {
        (b, Variant::Part)
    } else {
        (lower.as_str(), Variant::Name)
    };
    EntityType::parse(base).map(|t| (t, variant))
}

impl FromStr for Tag {
    type Err = ParseTagError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if s == "O" || s == "o" {
            return Ok(Tag::O);
        }
        let err = || ParseTagError(s.to_string());
        let (prefix, label) = s.split_once(['-', '_']).ok_or_else(err)?;
        let (t, v) = parse_label(label).ok_or_else(err)?;
        match prefix {
            "B" | "b" => Ok(Tag::B(t, v)),
            "I" | "i" => Ok(Tag::I(t, v)),
            _ => Err(err()),
        }
    }
}

/// Repairs a tag sequence so that it is valid BIO: an `I-X` that does not continue an `X`
/// becomes `B-X` (conlleval's reading).
pub fn repair_bio(tags: &mut [Tag]) {
    let mut prev = None;
    for tag in tags.iter_mut() {
        if let Tag::I(t, v) = *tag
            && !tag.may_follow(prev)
        {
            *tag = Tag::B(t, v);
        }
        prev = Some(*tag);
    }
}

/// The weights of a trained tagger, ready for fast look-up.
///
/// Feature weights are sparse: each known feature (a 64-bit hash) has a short row of
/// `(tag, weight)` pairs. Rows are found through an open-addressing table whose slots point
/// straight at the row's first entry; entries are packed into 32 bits (tag, 16-bit quantised
/// weight as stored in the model file, end-of-row mark) so that the rows of a sentence's
/// features stay in cache.
#[derive(Debug, Clone)]
pub struct Tagger {
    /// Options of the feature extractor the model was trained with.
    pub(crate) extractor: FeatureExtractor,
    /// Open-addressing table of `(high 32 bits of the feature key, index of the row's first
    /// entry + 1)`; 0 marks an empty slot. The low bits of the key pick the first slot.
    slots: Vec<(u32, u32)>,
    /// Packed entries (see [`pack_entry`]), the rows back to back, each ending with an entry
    /// marked [`ENTRY_LAST`]. Entry 0 is an empty row (for features without weights).
    entries: Vec<u32>,
    /// Weight of one quantisation step: an entry's weight is `q as f32 * scale`.
    scale: f32,
    /// Number of features in the model.
    num_features: usize,
    /// Tests only: every feature's row as decoded, by full key (the straightforward look-up
    /// the packed table must agree with).
    #[cfg(test)]
    reference: std::collections::HashMap<u64, Vec<(u8, f32)>>,
    /// Score of starting a sentence with each tag.
    start: [f32; NUM_TAGS],
    /// `trans[prev * NUM_TAGS + cur]`; forbidden transitions are `-inf`.
    trans: Vec<f32>,
    /// Divides scores before the softmax of the confidence.
    temperature: f32,
    /// Subtracted from the `O` score of every token (trades precision for recall).
    o_bias: f32,
    /// Word classes embedded in the model (word → `features::WC_*` flags).
    pub(crate) classes: WordClasses,
}

/// Marks the last entry of a row in [`Tagger`]'s packed entries.
const ENTRY_LAST: u32 = 1 << 31;
/// A tag index that is no tag (the empty row's entry).
const NO_TAG: u8 = 31;

/// Packs a tag index (5 bits), a quantised weight and the end-of-row mark into 32 bits.
#[inline]
fn pack_entry(tag: u8, q: i16, last: bool) -> u32 {
    (q as u16 as u32) | (((tag & 31) as u32) << 16) | if last { ENTRY_LAST } else { 0 }
}

/// The tag index and quantised weight of a packed entry.
#[inline]
fn unpack_entry(e: u32) -> (usize, i16) {
    (((e >> 16) & 31) as usize, e as u16 as i16)
}

/// Magic bytes at the start of the (inflated) model file.
pub(crate) const MAGIC: &[u8; 8] = b"DNERTAG1";

/// A sparse model as produced by training, before it is packed into a [`Tagger`].
#[derive(Debug, Clone, Default)]
pub(crate) struct SparseModel {
    /// Feature extractor options.
    pub extractor: FeatureExtractor,
    /// `(key, [(tag, weight)])`, sorted by key.
    pub rows: Vec<(u64, Vec<(u8, f32)>)>,
    /// Start scores.
    pub start: [f32; NUM_TAGS],
    /// Transition scores, `prev * NUM_TAGS + cur`.
    pub trans: Vec<f32>,
    /// Confidence temperature.
    pub temperature: f32,
    /// Penalty on the `O` score.
    pub o_bias: f32,
    /// Word classes: `(word hash, flags)` sorted by hash.
    pub classes: Vec<(u64, u32)>,
}

struct ByteReader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> ByteReader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], NerError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len());
        match end {
            Some(end) => {
                let s = &self.bytes[self.pos..end];
                self.pos = end;
                Ok(s)
            }
            None => Err(corrupt("truncated model")),
        }
    }
    fn u8(&mut self) -> Result<u8, NerError> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16, NerError> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }
    fn u32(&mut self) -> Result<u32, NerError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn u64(&mut self) -> Result<u64, NerError> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }
    fn f32(&mut self) -> Result<f32, NerError> {
        Ok(f32::from_bits(self.u32()?))
    }
}

fn corrupt(reason: &str) -> NerError {
    NerError::CorruptAsset {
        name: "ner model",
        reason: reason.to_string(),
    }
}

impl SparseModel {
    /// Serialises the model (deflate-compressed). Weights are quantised to 16 bits.
    pub fn to_bytes(&self) -> Result<Vec<u8>, std::io::Error> {
        let mut raw: Vec<u8> = Vec::new();
        raw.extend_from_slice(MAGIC);
        raw.extend_from_slice(&self.extractor.to_bits().to_le_bytes());
        raw.extend_from_slice(&self.temperature.to_le_bytes());
        raw.extend_from_slice(&self.o_bias.to_le_bytes());
        raw.extend_from_slice(&(NUM_TAGS as u32).to_le_bytes());
        for s in self.start {
            raw.extend_from_slice(&s.to_le_bytes());
        }
        for &t in &self.trans {
            let t = if t.is_finite() { t } else { 0.0 };
            raw.extend_from_slice(&t.to_le_bytes());
        }
        let max = self
            .rows
            .iter()
            .flat_map(|(_, r)| r.iter().map(|&(_, w)| w.abs()))
            .fold(0.0f32, f32::max);
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        raw.extend_from_slice(&scale.to_le_bytes());
        raw.extend_from_slice(&(self.rows.len() as u32).to_le_bytes());
        // Keys delta-encoded (sorted), as u64 little endian: deflate squeezes the high bytes.
        let mut prev = 0u64;
        for (k, _) in &self.rows {
            raw.extend_from_slice(&k.wrapping_sub(prev).to_le_bytes());
            prev = *k;
        }
        for (_, r) in &self.rows {
            raw.push(r.len().min(255) as u8);
        }
        for (_, r) in &self.rows {
            for &(t, w) in r.iter().take(255) {
                raw.push(t);
                let q = (w / scale).round().clamp(-32767.0, 32767.0) as i16;
                raw.extend_from_slice(&q.to_le_bytes());
            }
        }
        raw.extend_from_slice(&(self.classes.len() as u32).to_le_bytes());
        let mut prev = 0u64;
        for (h, _) in &self.classes {
            raw.extend_from_slice(&h.wrapping_sub(prev).to_le_bytes());
            prev = *h;
        }
        for (_, f) in &self.classes {
            raw.extend_from_slice(&f.to_le_bytes());
        }
        let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        std::io::Write::write_all(&mut enc, &raw)?;
        enc.finish()
    }
}

impl Tagger {
    /// The model shipped in the binary, decoded once on first use.
    pub fn embedded() -> Result<&'static Tagger, NerError> {
        static CELL: OnceLock<Result<Tagger, String>> = OnceLock::new();
        let r = CELL.get_or_init(|| Tagger::from_bytes(EMBEDDED_MODEL).map_err(|e| e.to_string()));
        r.as_ref().map_err(|e| corrupt(e))
    }

    /// Decodes a model written by `dossier train ner`.
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, NerError> {
        if bytes.is_empty() {
            return Err(corrupt("empty model (run `dossier train ner`)"));
        }
        let mut raw = Vec::with_capacity(bytes.len() * 3);
        flate2::read::DeflateDecoder::new(bytes)
            .read_to_end(&mut raw)
            .map_err(|e| corrupt(&format!("inflate: {e}")))?;
        let mut r = ByteReader {
            bytes: &raw,
            pos: 0,
        };
        if r.take(8)? != MAGIC {
            return Err(corrupt("bad magic"));
        }
        let extractor = FeatureExtractor::from_bits(r.u32()?);
        let temperature = r.f32()?;
        let o_bias = r.f32()?;
        if r.u32()? as usize != NUM_TAGS {
            return Err(corrupt("tag count"));
        }
        let mut start = [0.0f32; NUM_TAGS];
        for s in start.iter_mut() {
            *s = r.f32()?;
        }
        let mut trans = vec![0.0f32; NUM_TAGS * NUM_TAGS];
        for t in trans.iter_mut() {
            *t = r.f32()?;
        }
        apply_constraints(&mut start, &mut trans);
        let scale = r.f32()?;
        let n = r.u32()? as usize;
        if n > raw.len() / 8 {
            return Err(corrupt("feature count"));
        }
        let mut keys = Vec::with_capacity(n);
        let mut prev = 0u64;
        for _ in 0..n {
            prev = prev.wrapping_add(r.u64()?);
            keys.push(prev);
        }
        let lens = r.take(n)?;
        let total: usize = lens.iter().map(|&l| l as usize).sum();
        if total >= (u32::MAX / 2) as usize {
            return Err(corrupt("entry count"));
        }
        // Entry 0: the empty row (a tag index no score has, marked last).
        let mut entries = Vec::with_capacity(total + 1);
        entries.push(pack_entry(NO_TAG, 0, true));
        let mut row_first = Vec::with_capacity(n);
        #[cfg(test)]
        let mut reference_rows: Vec<Vec<(u8, f32)>> = Vec::with_capacity(n);
        for &len in lens {
            #[cfg(test)]
            let mut reference_row = Vec::new();
            row_first.push(if len == 0 { 0 } else { entries.len() as u32 });
            for j in 0..len {
                let t = r.u8()?;
                if t as usize >= NUM_TAGS {
                    return Err(corrupt("tag index"));
                }
                let q = r.u16()? as i16;
                entries.push(pack_entry(t, q, j + 1 == len));
                #[cfg(test)]
                reference_row.push((t, q as f32 * scale));
            }
            #[cfg(test)]
            reference_rows.push(reference_row);
        }
        let nn = r.u32()? as usize;
        if nn > raw.len() {
            return Err(corrupt("word-class count"));
        }
        let mut pairs = Vec::with_capacity(nn);
        let mut prev = 0u64;
        for _ in 0..nn {
            prev = prev.wrapping_add(r.u64()?);
            pairs.push((prev, 0u32));
        }
        for p in pairs.iter_mut() {
            p.1 = r.u32()?;
        }
        let classes = WordClasses::from_hashed(&pairs, false);
        let cap = (n.max(1) + n / 3 + 1).next_power_of_two();
        let mask = cap - 1;
        // Slots hold the key's high 32 bits as a fingerprint; the low bits pick the slot.
        let mut slots = vec![(0u32, 0u32); cap];
        for (&k, &first) in keys.iter().zip(&row_first) {
            let mut i = (k as usize) & mask;
            while slots[i].1 != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = ((k >> 32) as u32, first + 1);
        }
        #[cfg(test)]
        let reference = {
            let mut map = std::collections::HashMap::new();
            for (&k, row) in keys.iter().zip(reference_rows) {
                map.entry(k).or_insert(row);
            }
            map
        };
        Ok(Tagger {
            #[cfg(test)]
            reference,
            extractor,
            slots,
            entries,
            scale,
            num_features: n,
            start,
            trans,
            temperature: if temperature > 0.0 { temperature } else { 1.0 },
            o_bias: if o_bias.is_finite() { o_bias } else { 0.0 },
            classes,
        })
    }

    /// Whether `word` is rare in running German text (its lower-case form has no frequency
    /// band in the embedded word classes) and no known common noun.
    pub fn is_rare_word(&self, word: &str) -> bool {
        use crate::ner::features::{WC_COMMON_DATA, WC_COMMON_NOUN, WC_FREQ_MASK};
        !self.classes.is_empty()
            && self.classes.get(&word.to_lowercase()) & WC_FREQ_MASK == 0
            && self.classes.get(word) & (WC_COMMON_NOUN | WC_COMMON_DATA) == 0
    }

    /// The penalty on `O` scores.
    pub fn o_bias(&self) -> f32 {
        self.o_bias
    }

    /// The same model with another penalty on `O` scores.
    pub fn set_o_bias(&mut self, bias: f32) {
        self.o_bias = bias;
    }

    /// The same model with another confidence temperature (the scores are divided by it
    /// before the softmax that gives each token's confidence; tags are unchanged).
    pub fn set_temperature(&mut self, temperature: f32) {
        if temperature > 0.0 {
            self.temperature = temperature;
        }
    }

    /// Number of features with non-zero weights.
    pub fn num_features(&self) -> usize {
        self.num_features
    }

    /// Approximate heap memory held by the model, in bytes.
    pub fn memory_bytes(&self) -> usize {
        self.slots.len() * 8
            + self.entries.len() * 4
            + self.trans.len() * 4
            + self.classes.memory_bytes()
    }

    #[inline]
    fn add_feature(&self, key: u64, scores: &mut [f32; NUM_TAGS]) {
        let mask = self.slots.len() - 1;
        let mut i = (key as usize) & mask;
        let fp = (key >> 32) as u32;
        loop {
            let (k, row) = self.slots[i];
            if row == 0 {
                return;
            }
            if k == fp {
                // Rows are added in file order, entry by entry, as the weights were stored.
                for &e in self.entries.get(row as usize - 1..).unwrap_or_default() {
                    let (t, q) = unpack_entry(e);
                    if let Some(sc) = scores.get_mut(t) {
                        *sc += q as f32 * self.scale;
                    }
                    if e & ENTRY_LAST != 0 {
                        break;
                    }
                }
                return;
            }
            i = (i + 1) & mask;
        }
    }

    /// Tags one sentence: a tag and a confidence in `0..=1` per token. The tags form a valid BIO
    /// sequence. A model trained with lexicon features uses `lexicon`, or the embedded
    /// [`Lexicon`] when `None`; the shipped model needs none.
    pub fn tag(&self, tokens: &[&str], lexicon: Option<&Lexicon>) -> Vec<(Tag, f32)> {
        self.tag_with(tokens, lexicon.map(|l| l as &dyn LexLookup))
    }

    /// Like [`Tagger::tag`] with any source of lexicon flags.
    pub fn tag_with(&self, tokens: &[&str], lexicon: Option<&dyn LexLookup>) -> Vec<(Tag, f32)> {
        if tokens.is_empty() {
            return Vec::new();
        }
        let emissions = self.emissions(tokens, lexicon);
        decode_with_confidence(&emissions, &self.start, &self.trans, self.temperature)
    }

    /// The score of every tag at every token (feature weights summed in feature order, minus
    /// the `O` penalty).
    pub(crate) fn emissions(
        &self,
        tokens: &[&str],
        lexicon: Option<&dyn LexLookup>,
    ) -> Vec<[f32; NUM_TAGS]> {
        let fallback;
        let lexicon = match lexicon {
            Some(l) => Some(l),
            None if self.extractor.has(crate::ner::features::OPT_LEXICON) => {
                fallback = Lexicon::embedded().ok();
                fallback.map(|l| l as &dyn LexLookup)
            }
            None => None,
        };
        let mut feats = Vec::new();
        let mut offsets = Vec::new();
        self.extractor.extract(
            tokens,
            lexicon,
            Some(&self.classes),
            &mut feats,
            &mut offsets,
        );
        let n = tokens.len();
        let mut emissions = vec![[0.0f32; NUM_TAGS]; n];
        for (i, em) in emissions.iter_mut().enumerate() {
            for &k in &feats[offsets[i]..offsets[i + 1]] {
                self.add_feature(k, em);
            }
            em[0] -= self.o_bias;
        }
        emissions
    }
}

/// Sets forbidden transitions (I-X not continuing X) to `-inf`.
pub(crate) fn apply_constraints(start: &mut [f32; NUM_TAGS], trans: &mut [f32]) {
    for cur in 0..NUM_TAGS {
        let Some(c) = Tag::from_index(cur) else {
            continue;
        };
        if !c.may_follow(None) {
            start[cur] = f32::NEG_INFINITY;
        }
        for prev in 0..NUM_TAGS {
            let p = Tag::from_index(prev);
            if !c.may_follow(p) {
                trans[prev * NUM_TAGS + cur] = f32::NEG_INFINITY;
            }
        }
    }
}

/// Viterbi decoding: the best tag sequence under `emissions`, `start` and `trans`
/// (`-inf` entries are forbidden). Returns tag indices.
pub fn viterbi(
    emissions: &[[f32; NUM_TAGS]],
    start: &[f32; NUM_TAGS],
    trans: &[f32],
) -> Vec<usize> {
    let n = emissions.len();
    if n == 0 {
        return Vec::new();
    }
    let mut score = vec![[f32::NEG_INFINITY; NUM_TAGS]; n];
    let mut back = vec![[0u8; NUM_TAGS]; n];
    for t in 0..NUM_TAGS {
        score[0][t] = start[t] + emissions[0][t];
    }
    for i in 1..n {
        let (prev_rows, cur_rows) = score.split_at_mut(i);
        let prev = &prev_rows[i - 1];
        let cur = &mut cur_rows[0];
        for t in 0..NUM_TAGS {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0usize;
            for p in 0..NUM_TAGS {
                let s = prev[p] + trans[p * NUM_TAGS + t];
                if s > best {
                    best = s;
                    arg = p;
                }
            }
            cur[t] = best + emissions[i][t];
            back[i][t] = arg as u8;
        }
    }
    let mut best = 0usize;
    for t in 1..NUM_TAGS {
        if score[n - 1][t] > score[n - 1][best] {
            best = t;
        }
    }
    let mut path = vec![0usize; n];
    path[n - 1] = best;
    for i in (1..n).rev() {
        path[i - 1] = back[i][path[i]] as usize;
    }
    path
}

/// All ones when `b`, else zero: a branch-free select the compiler turns into vector masks.
#[inline]
fn select_mask(b: bool) -> u32 {
    0u32.wrapping_sub(b as u32)
}

/// Width of the padded score rows in [`decode_with_confidence`] (a multiple of the SIMD width).
const LANES: usize = 32;

/// Viterbi decoding plus a confidence per token: the softmax (at `temperature`) of the
/// max-marginal scores at that position, taken at the chosen tag.
///
/// Forbidden transitions (non-finite entries of `trans`) take no part. The maxima run over all
/// predecessors in index order with strict comparisons, as plain loops over padded rows the
/// compiler vectorises: a forbidden transition scores `-inf` and never wins against the initial
/// `-inf`, so the result is the same as skipping it.
pub fn decode_with_confidence(
    emissions: &[[f32; NUM_TAGS]],
    start: &[f32; NUM_TAGS],
    trans: &[f32],
    temperature: f32,
) -> Vec<(Tag, f32)> {
    let n = emissions.len();
    if n == 0 {
        return Vec::new();
    }
    // `tr[p][c]` and its transpose `tr_t[c][p]`: the score of `c` after `p`, `-inf` when
    // forbidden; padding lanes are `-inf` too.
    let mut tr = [[f32::NEG_INFINITY; LANES]; NUM_TAGS];
    let mut tr_t = [[f32::NEG_INFINITY; LANES]; NUM_TAGS];
    for p in 0..NUM_TAGS {
        for c in 0..NUM_TAGS {
            let v = trans.get(p * NUM_TAGS + c).copied().unwrap_or(f32::NAN);
            if v.is_finite() {
                tr[p][c] = v;
                tr_t[c][p] = v;
            }
        }
    }
    // Forward max scores (including emission) with back-pointers, then backward max scores
    // (excluding emission).
    let mut fwd = vec![[f32::NEG_INFINITY; NUM_TAGS]; n];
    let mut back = vec![[0u8; NUM_TAGS]; n];
    for t in 0..NUM_TAGS {
        fwd[0][t] = start[t] + emissions[0][t];
    }
    for i in 1..n {
        let prev = fwd[i - 1];
        let mut best = [f32::NEG_INFINITY; LANES];
        let mut arg = [0u32; LANES];
        for (p, row) in tr.iter().enumerate() {
            let from = prev[p];
            for t in 0..LANES {
                let s = from + row[t];
                let mask = select_mask(s > best[t]);
                best[t] = f32::from_bits((s.to_bits() & mask) | (best[t].to_bits() & !mask));
                arg[t] = (p as u32 & mask) | (arg[t] & !mask);
            }
        }
        for t in 0..NUM_TAGS {
            fwd[i][t] = best[t] + emissions[i][t];
            back[i][t] = arg[t] as u8;
        }
    }
    let mut path = vec![0usize; n];
    let mut best = 0usize;
    for t in 1..NUM_TAGS {
        if fwd[n - 1][t] > fwd[n - 1][best] {
            best = t;
        }
    }
    path[n - 1] = best;
    for i in (1..n).rev() {
        path[i - 1] = back[i][path[i]] as usize;
    }
    let mut bwd = vec![[f32::NEG_INFINITY; NUM_TAGS]; n];
    bwd[n - 1] = [0.0; NUM_TAGS];
    for i in (0..n - 1).rev() {
        let mut row = [f32::NEG_INFINITY; LANES];
        for (c, col) in tr_t.iter().enumerate() {
            let next = emissions[i + 1][c] + bwd[i + 1][c];
            for t in 0..LANES {
                let s = col[t] + next;
                let mask = select_mask(s > row[t]);
                row[t] = f32::from_bits((s.to_bits() & mask) | (row[t].to_bits() & !mask));
            }
        }
        bwd[i].copy_from_slice(&row[..NUM_TAGS]);
    }
    let temp = if temperature > 0.0 { temperature } else { 1.0 };
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let chosen = path[i];
        let m_chosen = fwd[i][chosen] + bwd[i][chosen];
        let mut z = 0.0f32;
        for t in 0..NUM_TAGS {
            let m = fwd[i][t] + bwd[i][t];
            // Terms below e^-30 do not change the sum; skipping them avoids slow underflow.
            let d = (m - m_chosen) / temp;
            if d > -30.0 {
                z += d.exp();
            }
        }
        let conf = if z.is_finite() && z >= 1.0 {
            1.0 / z
        } else {
            0.0
        };
        let tag = Tag::from_index(chosen).unwrap_or(Tag::O);
        out.push((tag, conf.clamp(0.0, 1.0)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The decoder as first written (loops over the allowed predecessors only): the reference
    /// the vectorised [`decode_with_confidence`] must match bit for bit.
    fn reference_decode(
        emissions: &[[f32; NUM_TAGS]],
        start: &[f32; NUM_TAGS],
        trans: &[f32],
        temperature: f32,
    ) -> Vec<(Tag, f32)> {
        let n = emissions.len();
        if n == 0 {
            return Vec::new();
        }
        // Allowed predecessors of each tag (finite transition scores): I-X has only two.
        let mut prevs = [[0u8; NUM_TAGS]; NUM_TAGS];
        let mut nprev = [0usize; NUM_TAGS];
        for c in 0..NUM_TAGS {
            for p in 0..NUM_TAGS {
                if trans[p * NUM_TAGS + c].is_finite() {
                    prevs[c][nprev[c]] = p as u8;
                    nprev[c] += 1;
                }
            }
        }
        // Forward max scores (including emission) with back-pointers, then backward max scores
        // (excluding emission).
        let mut fwd = vec![[f32::NEG_INFINITY; NUM_TAGS]; n];
        let mut back = vec![[0u8; NUM_TAGS]; n];
        for t in 0..NUM_TAGS {
            fwd[0][t] = start[t] + emissions[0][t];
        }
        for i in 1..n {
            let (done, rest) = fwd.split_at_mut(i);
            let prev = &done[i - 1];
            let cur = &mut rest[0];
            for t in 0..NUM_TAGS {
                let mut best = f32::NEG_INFINITY;
                let mut arg = 0usize;
                for &p in &prevs[t][..nprev[t]] {
                    let p = p as usize;
                    let s = prev[p] + trans[p * NUM_TAGS + t];
                    if s > best {
                        best = s;
                        arg = p;
                    }
                }
                cur[t] = best + emissions[i][t];
                back[i][t] = arg as u8;
            }
        }
        let mut path = vec![0usize; n];
        let mut best = 0usize;
        for t in 1..NUM_TAGS {
            if fwd[n - 1][t] > fwd[n - 1][best] {
                best = t;
            }
        }
        path[n - 1] = best;
        for i in (1..n).rev() {
            path[i - 1] = back[i][path[i]] as usize;
        }
        let mut bwd = vec![[f32::NEG_INFINITY; NUM_TAGS]; n];
        bwd[n - 1] = [0.0; NUM_TAGS];
        for i in (0..n - 1).rev() {
            let mut next = [0.0f32; NUM_TAGS];
            for c in 0..NUM_TAGS {
                next[c] = emissions[i + 1][c] + bwd[i + 1][c];
            }
            let row = &mut bwd[i];
            for c in 0..NUM_TAGS {
                for &t in &prevs[c][..nprev[c]] {
                    let t = t as usize;
                    let s = trans[t * NUM_TAGS + c] + next[c];
                    if s > row[t] {
                        row[t] = s;
                    }
                }
            }
        }
        let temp = if temperature > 0.0 { temperature } else { 1.0 };
        let mut out = Vec::with_capacity(n);
        for i in 0..n {
            let chosen = path[i];
            let m_chosen = fwd[i][chosen] + bwd[i][chosen];
            let mut z = 0.0f32;
            for t in 0..NUM_TAGS {
                let m = fwd[i][t] + bwd[i][t];
                // Terms below e^-30 do not change the sum; skipping them avoids slow underflow.
                let d = (m - m_chosen) / temp;
                if d > -30.0 {
                    z += d.exp();
                }
            }
            let conf = if z.is_finite() && z >= 1.0 {
                1.0 / z
            } else {
                0.0
            };
            let tag = Tag::from_index(chosen).unwrap_or(Tag::O);
            out.push((tag, conf.clamp(0.0, 1.0)));
        }
        out
    }

    /// The vectorised decoder gives bit-identical tags and confidences to the reference, on
    /// random emissions with the shipped model's transitions and with plain BIO constraints.
    #[test]
    fn decoder_matches_reference() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut plain_start = [0.0f32; NUM_TAGS];
        let mut plain_trans = vec![0.0f32; NUM_TAGS * NUM_TAGS];
        for (k, t) in plain_trans.iter_mut().enumerate() {
            *t = (k % 7) as f32 * 0.25 - 0.5;
        }
        apply_constraints(&mut plain_start, &mut plain_trans);
        let shipped = Tagger::embedded().ok();
        let mut settings = vec![(plain_start, plain_trans.clone(), 1.0f32)];
        if let Some(t) = shipped {
            settings.push((t.start, t.trans.clone(), t.temperature));
        }
        let mut compared = 0;
        for (start, trans, temp) in &settings {
            for len in 1..40 {
                for scale in [0.1f32, 1.0, 8.0, 60.0] {
                    let em: Vec<[f32; NUM_TAGS]> = (0..len)
                        .map(|_| {
                            let mut row = [0.0f32; NUM_TAGS];
                            for x in row.iter_mut() {
                                // Coarse values make ties between paths likely.
                                *x = ((next() % 17) as f32 - 8.0) * scale;
                            }
                            row
                        })
                        .collect();
                    let got = decode_with_confidence(&em, start, trans, *temp);
                    let want = reference_decode(&em, start, trans, *temp);
                    let bits = |v: &[(Tag, f32)]| -> Vec<(Tag, u32)> {
                        v.iter().map(|&(t, c)| (t, c.to_bits())).collect()
                    };
                    assert_eq!(bits(&got), bits(&want), "len {len} scale {scale}");
                    compared += 1;
                }
            }
        }
        assert!(compared >= 4 * 39);
    }

    /// On GermEval sentences, the packed hash table gives bit-identical emission scores to a
    /// plain map from full feature keys to the rows as stored, and the tags and confidences
    /// equal the reference decoder's.
    #[test]
    fn emissions_match_reference_on_germeval() {
        let Some(path) = crate::dev::shared::shared_path("data/germeval/NER-de-dev.tsv") else {
            return;
        };
        let sentences = crate::dev::corpus::read_germeval(&path).expect("GermEval dev");
        let tagger = Tagger::embedded().expect("embedded model");
        let lexicon: Option<&dyn LexLookup> =
            if tagger.extractor.has(crate::ner::features::OPT_LEXICON) {
                Lexicon::embedded().ok().map(|l| l as &dyn LexLookup)
            } else {
                None
            };
        let (mut feats, mut offsets) = (Vec::new(), Vec::new());
        let (mut tokens_seen, mut hits) = (0, 0);
        for s in sentences.iter().take(300) {
            let words: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
            tagger.extractor.extract(
                &words,
                lexicon,
                Some(&tagger.classes),
                &mut feats,
                &mut offsets,
            );
            let mut want = vec![[0.0f32; NUM_TAGS]; words.len()];
            for (i, em) in want.iter_mut().enumerate() {
                for k in &feats[offsets[i]..offsets[i + 1]] {
                    if let Some(row) = tagger.reference.get(k) {
                        hits += 1;
                        for &(t, w) in row {
                            em[t as usize] += w;
                        }
                    }
                }
                em[0] -= tagger.o_bias;
            }
            let got = tagger.emissions(&words, lexicon);
            let bits = |e: &[[f32; NUM_TAGS]]| -> Vec<Vec<u32>> {
                e.iter()
                    .map(|r| r.iter().map(|x| x.to_bits()).collect())
                    .collect()
            };
            assert_eq!(bits(&got), bits(&want), "{words:?}");
            let tags = tagger.tag_with(&words, lexicon);
            let reference =
                reference_decode(&want, &tagger.start, &tagger.trans, tagger.temperature);
            let conf_bits = |v: &[(Tag, f32)]| -> Vec<(Tag, u32)> {
                v.iter().map(|&(t, c)| (t, c.to_bits())).collect()
            };
            assert_eq!(conf_bits(&tags), conf_bits(&reference), "{words:?}");
            tokens_seen += words.len();
        }
        assert!(
            tokens_seen > 3000 && hits > tokens_seen,
            "{tokens_seen} tokens, {hits} hits"
        );
    }

    #[test]
    fn tag_round_trip() {
        let cases = [
            ("O", Tag::O),
            ("B-PER", Tag::B(EntityType::Per, Variant::Name)),
            ("I-ORG", Tag::I(EntityType::Org, Variant::Name)),
            ("B-LOCderiv", Tag::B(EntityType::Loc, Variant::Deriv)),
            ("I-OTHpart", Tag::I(EntityType::Oth, Variant::Part)),
            ("B-ORGpart", Tag::B(EntityType::Org, Variant::Part)),
        ];
        for (s, t) in cases {
            assert_eq!(s.parse::<Tag>().unwrap(), t, "{s}");
            assert_eq!(t.to_string(), s);
        }
        assert_eq!(
            "B-MISC".parse::<Tag>().unwrap(),
            Tag::B(EntityType::Oth, Variant::Name)
        );
        for bad in ["", "X-PER", "B-", "B-FOO", "BPER", "B-LOCxyz"] {
            assert!(bad.parse::<Tag>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn index_is_bijective() {
        let all: Vec<Tag> = Tag::all().collect();
        assert_eq!(all.len(), NUM_TAGS);
        for (i, t) in all.iter().enumerate() {
            assert_eq!(t.index(), i);
        }
        assert_eq!(Tag::from_index(NUM_TAGS), None);
    }

    #[test]
    fn bio_constraints() {
        let b_per = Tag::B(EntityType::Per, Variant::Name);
        let i_per = Tag::I(EntityType::Per, Variant::Name);
        let i_perd = Tag::I(EntityType::Per, Variant::Deriv);
        let b_loc = Tag::B(EntityType::Loc, Variant::Name);
        assert!(i_per.may_follow(Some(b_per)));
        assert!(i_per.may_follow(Some(i_per)));
        assert!(!i_per.may_follow(None));
        assert!(!i_per.may_follow(Some(Tag::O)));
        assert!(!i_per.may_follow(Some(b_loc)));
        assert!(!i_perd.may_follow(Some(b_per)));
        assert!(b_loc.may_follow(Some(i_per)));
        let mut tags = vec![Tag::O, i_per, i_per, b_loc, i_per];
        repair_bio(&mut tags);
        assert_eq!(tags, vec![Tag::O, b_per, i_per, b_loc, b_per]);
    }

    #[test]
    fn viterbi_respects_constraints() {
        // Emissions strongly prefer I-PER everywhere; the decoder must start with B-PER.
        let i_per = Tag::I(EntityType::Per, Variant::Name).index();
        let b_per = Tag::B(EntityType::Per, Variant::Name).index();
        let mut em = vec![[0.0f32; NUM_TAGS]; 3];
        for e in em.iter_mut() {
            e[i_per] = 10.0;
            e[b_per] = 1.0;
        }
        let mut start = [0.0f32; NUM_TAGS];
        let mut trans = vec![0.0f32; NUM_TAGS * NUM_TAGS];
        apply_constraints(&mut start, &mut trans);
        let path = viterbi(&em, &start, &trans);
        assert_eq!(path, vec![b_per, i_per, i_per]);
        // O in between breaks the chunk: I-PER after O is impossible.
        em[1] = [0.0; NUM_TAGS];
        em[1][0] = 50.0;
        let path = viterbi(&em, &start, &trans);
        assert_eq!(path, vec![b_per, 0, b_per]);
        let out = decode_with_confidence(&em, &start, &trans, 1.0);
        assert!(out.iter().all(|&(_, c)| (0.0..=1.0).contains(&c)));
        assert!(out[1].1 > 0.99);
    }
}

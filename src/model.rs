//! Plain data types shared by every part of Dossier.
//!
//! # Offsets
//! Inside the library every [`Span`] holds **byte offsets** into the UTF-8 `text` of its
//! [`Document`] (`start` inclusive, `end` exclusive, both on `char` boundaries). The JSON written by
//! `dossier extract` converts them to **character offsets** (Unicode scalar values), which is what
//! most consumers outside Rust (Python, JavaScript via `Array.from`) index by; see
//! [`crate::offsets::CharIndex`].

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into a document's text.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// Length in bytes.
    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the span covers no byte.
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The smallest span covering both `self` and `other`.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// True when `other` lies completely inside `self`.
    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one byte.
    pub const fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The text the span covers, or `""` when it does not fit `text`.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

macro_rules! id_newtype {
    ($(#[$meta:meta])* $name:ident, $prefix:literal) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($prefix, "{}"), self.0)
            }
        }
    };
}

id_newtype!(
    /// Identifies a document within one dossier (or one `dossier extract` call).
    DocId,
    "d"
);
id_newtype!(
    /// Identifies an entity in the dossier-wide registry.
    EntityId,
    "e"
);
id_newtype!(
    /// Identifies an event on the dossier's timeline.
    EventId,
    "ev"
);

/// The language of a document.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", from = "String")]
pub enum Lang {
    /// German.
    De,
    /// English.
    En,
    /// Another language, by its ISO 639-3 code as reported by the detector (e.g. `"fra"`).
    Other(String),
    /// Too little text to tell.
    Unknown,
}

impl Lang {
    /// The code used in JSON: `de`, `en`, an ISO 639-3 code, or `und`.
    pub fn code(&self) -> &str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
            Lang::Other(code) => code,
            Lang::Unknown => "und",
        }
    }

    /// Parses a code as written by [`Lang::code`] (also accepts `deu`/`ger`/`eng`).
    pub fn from_code(code: &str) -> Lang {
        match code.to_ascii_lowercase().as_str() {
            "de" | "deu" | "ger" | "german" => Lang::De,
            "en" | "eng" | "english" => Lang::En,
            "" | "und" => Lang::Unknown,
            other => Lang::Other(other.to_string()),
        }
    }

    /// True for the languages the analysis has models and rules for.
    pub fn is_supported(&self) -> bool {
        matches!(self, Lang::De | Lang::En)
    }
}

impl From<Lang> for String {
    fn from(lang: Lang) -> String {
        lang.code().to_string()
    }
}

impl From<String> for Lang {
    fn from(code: String) -> Lang {
        Lang::from_code(&code)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Where a piece of information came from; shown to the user next to every highlight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// The statistical tagger.
    Model,
    /// A lexicon (gazetteer) match.
    Lexicon,
    /// A hand-written rule (including document-level propagation).
    Rule,
    /// The user's own correction.
    User,
}

impl Source {
    /// Lower-case name as used in JSON.
    pub fn as_str(&self) -> &'static str {
        match self {
            Source::Model => "model",
            Source::Lexicon => "lexicon",
            Source::Rule => "rule",
            Source::User => "user",
        }
    }
}

/// The coarse entity types of Dossier (GermEval 2014 / CoNLL).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    /// Person.
    Per,
    /// Organisation.
    Org,
    /// Location (place, country, region).
    Loc,
    /// Other proper names: events, works, products, laws.
    Oth,
}

impl EntityType {
    /// All types in display order.
    pub const ALL: [EntityType; 4] = [
        EntityType::Per,
        EntityType::Org,
        EntityType::Loc,
        EntityType::Oth,
    ];

    /// The tag as used in BIO files and JSON: `PER`, `ORG`, `LOC`, `OTH`.
    pub fn as_str(&self) -> &'static str {
        match self {
            EntityType::Per => "PER",
            EntityType::Org => "ORG",
            EntityType::Loc => "LOC",
            EntityType::Oth => "OTH",
        }
    }

    /// Parses `PER`/`ORG`/`LOC`/`OTH` (case-insensitive; `MISC` is read as `OTH`).
    pub fn parse(tag: &str) -> Option<EntityType> {
        match tag.to_ascii_uppercase().as_str() {
            "PER" => Some(EntityType::Per),
            "ORG" => Some(EntityType::Org),
            "LOC" => Some(EntityType::Loc),
            "OTH" | "MISC" => Some(EntityType::Oth),
            _ => None,
        }
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// GermEval's refinement of a mention: a plain name, a derived adjective ("russischen" →
/// LOCderiv) or a name that is part of a larger word ("NATO-Chef" → ORGpart).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Variant {
    /// The name itself.
    #[default]
    Name,
    /// An adjective or other word derived from the name.
    Deriv,
    /// The name is part of a compound word.
    Part,
}

impl Variant {
    /// The suffix used in GermEval tags: `""`, `"deriv"` or `"part"`.
    pub fn suffix(&self) -> &'static str {
        match self {
            Variant::Name => "",
            Variant::Deriv => "deriv",
            Variant::Part => "part",
        }
    }
}

/// One occurrence of an entity in a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// Where the mention stands in the document text.
    pub span: Span,
    /// The entity in the dossier-wide registry this mention refers to.
    pub entity: EntityId,
    /// The type of this mention (a `deriv`/`part` mention keeps the base entity's type).
    pub entity_type: EntityType,
    /// Name, derived word or part of a compound.
    pub variant: Variant,
    /// What found the mention.
    pub source: Source,
    /// How sure the finder is, from 0 to 1.
    pub confidence: f32,
}

/// An entity of the dossier: one person, organisation, place or other name, with every spelling
/// under which it was seen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Stable id within the dossier.
    pub id: EntityId,
    /// The canonical name shown to the user.
    pub name: String,
    /// Its type.
    pub entity_type: EntityType,
    /// Other surface forms (inflections, short forms, acronyms, spelling variants), sorted.
    pub aliases: Vec<String>,
}

/// What kind of time expression a [`Timex`] is (TimeML's TIMEX3 types).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    /// A calendar date or a period named by a date ("19. Juni", "last week", "2024").
    Date,
    /// A time of day, possibly with a date ("um 12.00 Uhr").
    Time,
    /// A length of time ("drei Jahre").
    Duration,
    /// A recurring time ("jeden Montag").
    Set,
}

/// How precise a resolved date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// A time of day.
    Time,
    /// A single day.
    Day,
    /// A calendar week.
    Week,
    /// A month.
    Month,
    /// A quarter or season.
    Quarter,
    /// A year.
    Year,
    /// A decade.
    Decade,
    /// A century or wider.
    Century,
}

/// An inclusive range of days that a (possibly vague) date expression stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateRange {
    /// First day the expression may mean.
    pub earliest: NaiveDate,
    /// Last day the expression may mean.
    pub latest: NaiveDate,
}

/// A time expression found in a text, with its TIMEX3 normalisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timex {
    /// Where it stands in the text.
    pub span: Span,
    /// DATE, TIME, DURATION or SET.
    pub timex_type: TimexType,
    /// The TIMEX3 value (`2024-11-19`, `2024-W47`, `P3M`, `PAST_REF`, `XXXX-06-19`, …).
    pub value: String,
    /// Precision of the value, where it names a point or period in time.
    pub precision: Option<Precision>,
    /// The days the value may stand for (for vague expressions wider than the value itself).
    pub range: Option<DateRange>,
    /// True when the value is relative and could not be anchored (no document date).
    pub unresolved: bool,
    /// Both ends of an expression that names a stretch of days ("10. - 22. August 2012",
    /// "Aug 10 - Nov 12, 2013"); `value` then holds the first end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ends: Option<TimexEnds>,
    /// For a date named by its distance from the document date ("in a week", "vor 2 Wochen"),
    /// that distance as a TIMEX3 duration (`P1W`, `-P2W` for a distance back in time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<String>,
    /// Why the value may be wrong, where the text left a choice that was made by convention.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uncertain: Option<Uncertainty>,
}

/// The TIMEX3 values of the two ends of a range expression.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimexEnds {
    /// The first end (`2012-08-10`).
    pub begin: String,
    /// The last end (`2012-08-22`).
    pub end: String,
}

/// A choice the text left open and that was made by convention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Uncertainty {
    /// Day and month could be swapped ("3/5/2019"); the article's language decided.
    DayMonthOrder,
    /// A weekday, month or day without a year in a clause without tense cues; the language's
    /// news convention (the most recent one) decided.
    Direction,
}

/// Where a document's date came from, in order of trust.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DctSource {
    /// Set by the user (`--dct`, or in the viewer).
    User,
    /// A date line in the text ("Veröffentlicht: 28.10.2024").
    Text,
    /// Structured metadata (HTML meta tags, a JSON `date` field).
    Metadata,
    /// The file's modification time: an explicit assumption, shown as such.
    FileMtime,
}

/// The document creation time: the date relative expressions are resolved against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dct {
    /// The day.
    pub date: NaiveDate,
    /// Where it came from.
    pub source: DctSource,
}

/// Something that happened at a resolved time, with the entities taking part.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Id on the dossier's timeline.
    pub id: EventId,
    /// TIMEX3 value of the date it happened.
    pub value: String,
    /// Precision of that date.
    pub precision: Precision,
    /// The days it may have happened on.
    pub range: DateRange,
    /// A short readable label (main verb and its objects).
    pub label: String,
    /// The entities taking part.
    pub entities: Vec<EntityId>,
    /// Every place in the dossier that reports it.
    pub sources: Vec<EventSource>,
}

/// One report of an event: the clause that states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventSource {
    /// The document.
    pub doc: DocId,
    /// The clause or sentence in that document.
    pub span: Span,
    /// The time expression that dates it.
    pub timex: Span,
}

/// A heading inside the body of an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heading {
    /// The heading's text.
    pub text: String,
    /// Byte offset in the body text where the section it heads begins.
    pub offset: usize,
    /// Nesting level, 1 for the top level below the title.
    pub level: u8,
}

/// An article as read from a file, before analysis.
///
/// `text` is the body only: the title, headings and trailing metadata lines are held apart so
/// that they are never read as prose. Paragraphs are separated by a blank line (`"\n\n"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Id within the dossier.
    pub id: DocId,
    /// The file it was read from (several documents may share one `.jsonl` file).
    pub path: Option<PathBuf>,
    /// The title.
    pub title: String,
    /// Headings inside the body, in order.
    pub headings: Vec<Heading>,
    /// Byte ranges of the body's paragraphs.
    pub paragraphs: Vec<Span>,
    /// Key/value metadata (trailing statistics lines, JSON `metadata`, URL, author).
    pub metadata: BTreeMap<String, String>,
    /// The document's language (detected or set by the user).
    pub language: Lang,
    /// The document creation time, if any is known.
    pub dct: Option<Dct>,
    /// The body text.
    pub text: String,
}

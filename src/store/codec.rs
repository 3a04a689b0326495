//! How the store's rows encode the analysis: type and variant names, the stored forms of raw
//! mentions, mention rows, per-article state and events, and reading documents with their
//! automatic analysis.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::{Store, StoreError};
use crate::analysis::{Analyzed, DocAnalysis};
use crate::model::{
    Dct, DctSource, DocId, Document, EntityId, EntityType, Heading, Lang, Mention, Source, Span,
    Timex, Variant,
};
use crate::ner::RawMention;
use crate::text::Sentence;
use crate::time::DocEvent;

/// Which of the large columns [`Store::load_raw`] reads.
#[derive(Debug, Clone, Copy)]
pub(super) struct LoadParts {
    /// The document text.
    pub text: bool,
    /// The automatic analysis' raw mentions.
    pub raw: bool,
}
impl LoadParts {
    pub(super) const ALL: LoadParts = LoadParts {
        text: true,
        raw: true,
    };
}
/// Stored form of a [`RawMention`].
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct RawRow {
    pub s: usize,
    pub e: usize,
    pub t: EntityType,
    pub v: Variant,
    pub src: Source,
    pub c: f32,
    pub n: String,
}
/// A row of `mentions` (without its document), as written and read back.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct MentionRow {
    pub start: i64,
    pub end: i64,
    pub entity: u32,
    pub entity_type: String,
    pub variant: String,
    pub source: String,
    pub confidence: f64,
}
/// A row of `doc_state` (without its document).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct StateRow {
    pub dct_date: Option<String>,
    pub dct_source: Option<String>,
    /// JSON; empty when they are the automatic analysis' time expressions (files written
    /// before may hold a copy of those).
    pub timexes: String,
    pub events: String,
}
/// Stored form of a [`DocEvent`].
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct DocEventRow {
    pub value: String,
    pub precision: crate::model::Precision,
    pub range: crate::model::DateRange,
    pub span: Span,
    pub timex: Span,
    pub label: String,
    pub mentions: Vec<usize>,
}
impl From<&DocEvent> for DocEventRow {
    fn from(e: &DocEvent) -> Self {
        Self {
            value: e.value.clone(),
            precision: e.precision,
            range: e.range,
            span: e.span,
            timex: e.timex,
            label: e.label.clone(),
            mentions: e.mentions.clone(),
        }
    }
}
impl From<DocEventRow> for DocEvent {
    fn from(e: DocEventRow) -> Self {
        DocEvent {
            value: e.value,
            precision: e.precision,
            range: e.range,
            span: e.span,
            timex: e.timex,
            label: e.label,
            mentions: e.mentions,
        }
    }
}
pub(super) fn type_str(t: EntityType) -> &'static str {
    t.as_str()
}
pub(super) fn parse_type(s: &str) -> EntityType {
    EntityType::parse(s).unwrap_or(EntityType::Oth)
}
pub(super) fn variant_str(v: Variant) -> &'static str {
    match v {
        Variant::Name => "name",
        Variant::Deriv => "deriv",
        Variant::Part => "part",
    }
}
pub(super) fn parse_variant(s: &str) -> Variant {
    match s {
        "deriv" => Variant::Deriv,
        "part" => Variant::Part,
        _ => Variant::Name,
    }
}
pub(super) fn parse_source(s: &str) -> Source {
    match s {
        "model" => Source::Model,
        "lexicon" => Source::Lexicon,
        "user" => Source::User,
        _ => Source::Rule,
    }
}
pub(super) fn dct_source_str(s: DctSource) -> &'static str {
    match s {
        DctSource::User => "user",
        DctSource::Text => "text",
        DctSource::Metadata => "metadata",
        DctSource::FileMtime => "file-mtime",
    }
}
pub(super) fn parse_dct(date: Option<String>, source: Option<String>) -> Option<Dct> {
    let date = NaiveDate::parse_from_str(&date?, "%Y-%m-%d").ok()?;
    let source = match source.as_deref() {
        Some("user") => DctSource::User,
        Some("metadata") => DctSource::Metadata,
        Some("file-mtime") => DctSource::FileMtime,
        _ => DctSource::Text,
    };
    Some(Dct { date, source })
}
pub(super) fn encode_analysis(a: &Analyzed) -> Result<(String, String, String), StoreError> {
    let spans: Vec<(usize, usize)> = a
        .sentences
        .iter()
        .map(|s| (s.span.start, s.span.end))
        .collect();
    let raw: Vec<RawRow> = a
        .mentions
        .iter()
        .map(|m| RawRow {
            s: m.span.start,
            e: m.span.end,
            t: m.entity_type,
            v: m.variant,
            src: m.source,
            c: m.confidence,
            n: m.canonical.clone(),
        })
        .collect();
    Ok((
        serde_json::to_string(&spans)?,
        serde_json::to_string(&raw)?,
        serde_json::to_string(&a.timexes)?,
    ))
}
/// A [`StateRow`] from the columns `dct_date, dct_source, timexes, events` starting at
/// column `at`.
pub(super) fn state_row(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<StateRow> {
    Ok(StateRow {
        dct_date: r.get(at)?,
        dct_source: r.get(at + 1)?,
        timexes: r.get(at + 2)?,
        events: r.get(at + 3)?,
    })
}
/// Every `doc_state` row by document.
pub(super) fn read_states(conn: &Connection) -> rusqlite::Result<HashMap<u32, StateRow>> {
    let mut stmt =
        conn.prepare("SELECT doc_id, dct_date, dct_source, timexes, events FROM doc_state")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, u32>(0)?, state_row(r, 1)?)))?;
    rows.collect()
}
/// A mention from the columns `start, end, entity_id, entity_type, variant, source,
/// confidence` starting at column `at`.
pub(super) fn mention_row(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Mention> {
    Ok(Mention {
        span: Span::new(
            r.get::<_, i64>(at)? as usize,
            r.get::<_, i64>(at + 1)? as usize,
        ),
        entity: EntityId(r.get(at + 2)?),
        entity_type: parse_type(&r.get::<_, String>(at + 3)?),
        variant: parse_variant(&r.get::<_, String>(at + 4)?),
        source: parse_source(&r.get::<_, String>(at + 5)?),
        confidence: r.get::<_, f64>(at + 6)? as f32,
    })
}
/// A document and its analysis from its stored parts: the per-article state (date,
/// timexes, events) when corrections or derivation wrote one, else the automatic timexes.
pub(super) fn assemble(
    mut doc: Document,
    sentences: &[Sentence],
    auto_timexes: Vec<Timex>,
    state: Option<StateRow>,
    mentions: Vec<Mention>,
) -> Result<(Document, DocAnalysis), StoreError> {
    let (timexes, events) = match state {
        Some(state) => {
            doc.dct = parse_dct(state.dct_date, state.dct_source);
            let rows: Vec<DocEventRow> = serde_json::from_str(&state.events)?;
            (
                // Empty: the same as the automatic ones.
                if state.timexes.is_empty() {
                    auto_timexes
                } else {
                    serde_json::from_str::<Vec<Timex>>(&state.timexes)?
                },
                rows.into_iter().map(DocEvent::from).collect(),
            )
        }
        None => (auto_timexes, Vec::new()),
    };
    Ok((
        doc,
        DocAnalysis {
            sentences: sentences.iter().map(|s| s.span).collect(),
            mentions,
            timexes,
            events,
        },
    ))
}
impl Store {
    /// Documents with their automatic analysis, in id order (`only`: one document).
    #[allow(clippy::type_complexity)]
    pub(super) fn load_raw(
        &self,
        conn: &Connection,
        only: Option<DocId>,
        parts: LoadParts,
    ) -> Result<Vec<(Document, Vec<Sentence>, Vec<RawMention>, Vec<Timex>)>, StoreError> {
        let sql = |e| StoreError::from_sqlite(&self.path, e);
        let text = if parts.text { "d.text" } else { "''" };
        let raw = if parts.raw { "a.mentions" } else { "'[]'" };
        let columns = format!(
            "SELECT d.id, d.title, d.path, d.lang, d.dct_date, d.dct_source,
                d.headings, d.paragraphs, d.metadata, {text}, a.sentences, {raw}, a.timexes
                FROM documents d JOIN analyses a ON a.doc_id = d.id"
        );
        let (mut stmt, id) = match only {
            Some(id) => (
                conn.prepare_cached(&format!("{columns} WHERE d.id = ?1"))
                    .map_err(sql)?,
                Some(id.0),
            ),
            None => (
                conn.prepare_cached(&format!("{columns} ORDER BY d.id"))
                    .map_err(sql)?,
                None,
            ),
        };
        let mut rows = match id {
            Some(id) => stmt.query([id]),
            None => stmt.query([]),
        }
        .map_err(sql)?;
        let mut out = Vec::new();
        while let Some(r) = rows.next().map_err(sql)? {
            let get_s = |i: usize| r.get::<_, String>(i);
            let headings: Vec<Heading> = serde_json::from_str(&get_s(6).map_err(sql)?)?;
            let paragraphs: Vec<Span> = serde_json::from_str(&get_s(7).map_err(sql)?)?;
            let metadata: BTreeMap<String, String> = serde_json::from_str(&get_s(8).map_err(sql)?)?;
            let doc = Document {
                id: DocId(r.get(0).map_err(sql)?),
                title: get_s(1).map_err(sql)?,
                path: r
                    .get::<_, Option<String>>(2)
                    .map_err(sql)?
                    .map(PathBuf::from),
                language: Lang::from_code(&get_s(3).map_err(sql)?),
                dct: parse_dct(r.get(4).map_err(sql)?, r.get(5).map_err(sql)?),
                headings,
                paragraphs,
                metadata,
                text: get_s(9).map_err(sql)?,
            };
            let spans: Vec<(usize, usize)> = serde_json::from_str(&get_s(10).map_err(sql)?)?;
            let sentences = spans
                .into_iter()
                .map(|(s, e)| Sentence {
                    span: Span::new(s, e),
                    tokens: 0..0,
                })
                .collect();
            let raw: Vec<RawRow> = serde_json::from_str(&get_s(11).map_err(sql)?)?;
            let raw = raw
                .into_iter()
                .map(|m| RawMention {
                    span: Span::new(m.s, m.e),
                    entity_type: m.t,
                    variant: m.v,
                    source: m.src,
                    confidence: m.c,
                    canonical: m.n,
                })
                .collect();
            let timexes: Vec<Timex> = serde_json::from_str(&get_s(12).map_err(sql)?)?;
            out.push((doc, sentences, raw, timexes));
        }
        Ok(out)
    }
}

/// The stored form of a removed article's state: its corrected analysis and the entities that
/// left with it (the article itself stays in `documents`).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(super) struct StashRow {
    pub dct: Option<Dct>,
    pub mentions: Vec<Mention>,
    pub timexes: Vec<Timex>,
    pub events: Vec<DocEventRow>,
    pub entities: Vec<crate::model::Entity>,
}

impl From<&crate::analysis::RemovedDocument> for StashRow {
    fn from(r: &crate::analysis::RemovedDocument) -> Self {
        StashRow {
            dct: r.document.dct,
            mentions: r.analysis.mentions.clone(),
            timexes: r.analysis.timexes.clone(),
            events: r.analysis.events.iter().map(DocEventRow::from).collect(),
            entities: r.entities.clone(),
        }
    }
}
